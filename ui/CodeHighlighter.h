// CodeHighlighter: syntax colours for the fenced code blocks of one rendered message. It works on
// the message's QTextDocument and touches nothing but code lines, whose language comes from the
// block's BlockCodeLanguage property. QSyntaxHighlighter re-highlights only the blocks an edit
// touched (and the following ones while a block's end state changes, e.g. an opened /* ... */),
// so streaming into the unfinished tail costs the tail only.
#pragma once

#include "ui/CodeLexer.h"
#include "ui/ThemePalette.h"

#include <QSyntaxHighlighter>
#include <QTextCharFormat>

#include <array>

namespace keel::ui {

class CodeHighlighter : public QSyntaxHighlighter {
    Q_OBJECT
public:
    // Parented to the document; starts with the colours of a light palette.
    explicit CodeHighlighter(QTextDocument* document);

    // Takes the syntax colours and highlights every code block again.
    void setColours(const CodeColours& colours);

    // The format the highlighter gives a token (for tests).
    QTextCharFormat format(CodeToken token) const { return m_formats.at(size_t(token)); }

protected:
    void highlightBlock(const QString& text) override;

private:
    void buildFormats(const CodeColours& colours);

    std::array<QTextCharFormat, size_t(CodeToken::Count)> m_formats;
};

} // namespace keel::ui
