// CodeScanner: CodeLexer's machinery, private to it. One scanner reads one line of one language
// once, left to right, and collects the spans of its tokens; the state it starts from and ends
// with is what a construct left open on the previous line (see CodeLexer::State). The generic
// scanner, driven by a language's switches, is in CodeScanner.cpp; the scanners of markup and
// data formats (HTML/XML, CSS, YAML, diff) are in CodeScannerMarkup.cpp.
#pragma once

#include "ui/CodeLexer.h"

#include <QList>
#include <QStringList>
#include <QStringView>

namespace keel::ui {

struct CodeLanguage;

class CodeScanner {
public:
    CodeScanner(const CodeLanguage& language, QStringView line, int state);

    QList<CodeSpan> run();
    int state() const { return m_state; }

private:
    static bool isIdentifierStart(QChar c) { return c.isLetter() || c == u'_'; }
    static bool isIdentifierChar(QChar c) { return c.isLetterOrNumber() || c == u'_'; }
    // Markup tags and attributes.
    static bool isNameChar(QChar c)
    {
        return c.isLetterOrNumber() || c == u'_' || c == u'-' || c == u':' || c == u'.';
    }
    static bool contains(const QStringList& sorted, QStringView word);

    QChar at(qsizetype i) const { return i >= 0 && i < m_size ? m_line[i] : QChar(); }
    void add(qsizetype start, qsizetype end, CodeToken token)
    {
        if (end > start)
            m_spans.append(CodeSpan{start, end - start, token});
    }
    void restOfLine(CodeToken token)
    {
        add(m_pos, m_size, token);
        m_pos = m_size;
    }
    qsizetype nextNonSpace(qsizetype i) const
    {
        while (i < m_size && m_line[i].isSpace())
            ++i;
        return i;
    }
    qsizetype find(QStringView needle, qsizetype from) const
    {
        return m_line.indexOf(needle, from);
    }

    // Ends what the previous line left open; false when it takes the whole line.
    bool closeOpenConstruct(QStringView closing, CodeToken token, qsizetype from = 0);
    // An opening at m_pos of something that may run on to a later line.
    void openConstruct(QStringView closing, qsizetype searchFrom, CodeToken token, int state);
    qsizetype closingBacktick(qsizetype from) const;

    // Generic languages (CodeScanner.cpp).
    bool resumeGeneric();
    void generic();
    void directive();
    void quoted(qsizetype start, qsizetype quote);
    void number();
    qsizetype variable();
    void word();

    // Markup and data formats (CodeScannerMarkup.cpp).
    void markup();
    void insideTag();
    void css();
    void cssWord(qsizetype from, CodeToken token);
    void yaml();
    qsizetype yamlKeyEnd() const;
    void yamlValue();
    void diff();

    const CodeLanguage& m_language;
    const QStringView m_line;
    const qsizetype m_size;
    int m_state;
    qsizetype m_pos = 0;
    QList<CodeSpan> m_spans;
};

} // namespace keel::ui
