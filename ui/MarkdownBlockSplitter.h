// MarkdownBlockSplitter: the widget-free half of streaming Markdown. It decides, line by line
// as a reply arrives, which top-level blocks are complete and may be rendered for good.
#pragma once

#include <QChar>
#include <QString>
#include <QStringList>
#include <QStringView>

namespace keel::ui {

// Cuts a growing Markdown text into top-level blocks. A block is complete when it is followed by
// a blank line outside a fenced code block, or when it is an ATX heading (always one line). A
// list or an indented code block may go on after a blank line, so for those the start of the
// next line decides (indented, or another list item: it goes on). Every line is classified once,
// when its newline arrives: the cost of append() is proportional to the chunk plus the
// unfinished block, never to what was completed before.
class MarkdownBlockSplitter {
public:
    // Adds the next piece of text; returns the blocks it completed, in order, without the blank
    // lines that separated them.
    QStringList append(QStringView chunk);

    // The text after the last completed block: the unfinished block (may be empty).
    QString tail() const;

    bool isInFence() const { return m_fenceLength > 0; }

    // True when the text holds nothing but spaces, tabs and line ends.
    static bool isBlank(QStringView text);

    void reset();

private:
    void classifyLine(qsizetype lineStart, qsizetype lineEnd, QStringList& completed);
    void decideFromPartialLine(QStringList& completed);
    void completeBlock(qsizetype end, qsizetype nextStart, QStringList& completed);

    QString m_pending;              // text from m_blockStart on; compacted once per append
    qsizetype m_blockStart = 0;     // where the unfinished block starts in m_pending
    qsizetype m_scanOffset = 0;     // start of the first line not yet classified
    qsizetype m_blankLineAt = -1;   // first blank line after content, waiting for the next line
    bool m_blockHasContent = false; // false while only blank lines were seen
    bool m_blockHasListItem = false;
    bool m_blockIsTable = false;
    bool m_previousLineHasPipe = false;
    bool m_lastLineIndented = false; // by 4 columns or more: may be indented code
    QChar m_fenceChar;               // '`' or '~' of the open fence
    qsizetype m_fenceLength = 0;     // > 0 while inside a fenced code block
};

} // namespace keel::ui
