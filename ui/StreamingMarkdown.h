// StreamingMarkdown: renders a Markdown reply into a QTextDocument while it is still arriving.
// Completed top-level blocks are inserted once and never touched again; only the unfinished tail
// is re-rendered on each update, so the cost of an update depends on the size of the tail, not
// on the length of the reply. MarkdownBlockSplitter decides where a top-level block ends.
#pragma once

#include "ui/MarkdownBlockSplitter.h"
#include "ui/MarkdownImport.h"

#include <QBrush>
#include <QString>
#include <QStringView>
#include <QTextDocument>

class QTextBlock;
class QTextTable;

namespace keel::ui {

// Drives a QTextDocument from a growing Markdown string. Not a QObject: the owner (a widget)
// decides when to call it. Turns off the document's undo stack, which would otherwise keep every
// replaced tail forever. Each update is one edit block, so the document's observers (layout,
// syntax highlighter, code block frames) hear of it once, for the tail's range only. Images
// become placeholder links and fenced code blocks carry their exact source (see MarkdownImport).
class StreamingMarkdown {
public:
    // Raw HTML in model output is shown as text: the model is not trusted to style our window.
    static constexpr QTextDocument::MarkdownFeatures kFeatures =
        QTextDocument::MarkdownFeatures(QTextDocument::MarkdownDialectGitHub)
        | QTextDocument::MarkdownNoHTML;

    // Counters for tests and diagnostics.
    struct Stats {
        int committedInsertions = 0; // insertions of completed blocks
        int tailRenders = 0;         // renderings of the unfinished tail
        qsizetype lastTailLength = 0;
        qsizetype maxTailLength = 0;
    };

    explicit StreamingMarkdown(QTextDocument* document);

    // Appends the next piece of the reply and updates the document.
    void append(QStringView chunk);

    // Renders a whole text, replacing what was there (e.g. a finished message). The text is
    // rendered as if it arrived in pieces, so that it renders exactly as it streamed.
    void setText(const QString& text);

    void clear();

    const QString& text() const { return m_text; }

    // Background of inline code and of table header rows, and colour of table rules. They apply
    // to what is rendered afterwards; NoBrush leaves Qt's defaults. Code blocks get margins for
    // their frame and header (see CodeBlocks), which the view paints.
    void setCodeBackground(const QBrush& brush) { m_codeBackground = brush; }
    void setTableBorder(const QBrush& brush) { m_tableBorder = brush; }

    // Document position where the final content ends: updates never change anything before it.
    int finalEnd() const { return m_finalEnd; }

    const Stats& stats() const { return m_stats; }

private:
    bool documentIsBlank() const;
    void renderIntoEmptyDocument(const QString& markdown);
    void makeRoomAtTheTop();
    void emptyTail();
    void removeTail();
    void renderTail(const QString& markdown);
    void decorateFrom(int position, const MarkdownImport::Prepared& prepared);
    void decorateCodeLine(const QTextBlock& block, const MarkdownImport::Prepared& prepared);
    void decorateTables(QTextDocument* document, int position, bool firstFollowsCode);
    void decorateTable(QTextTable* table, bool followsCode);
    void countTailRender(const QString& tail);

    QTextDocument* m_document;
    MarkdownBlockSplitter m_splitter;
    QString m_text;
    QBrush m_codeBackground;
    QBrush m_tableBorder;
    int m_finalEnd = 0;      // end of the last final block
    bool m_hasFinal = false; // some blocks are final
    enum class Tail {
        None,     // the tail is blank
        OwnBlock, // in a block of its own after the final blocks
        Attached, // starts with a table, right after the last final block
    };
    Tail m_tail = Tail::None;
    Stats m_stats;
};

} // namespace keel::ui
