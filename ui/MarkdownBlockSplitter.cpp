// MarkdownBlockSplitter: classifies each line of a growing Markdown text once, and tells which
// top-level blocks it completed.
#include "ui/MarkdownBlockSplitter.h"

#include <algorithm>

namespace keel::ui {

namespace {

constexpr qsizetype kTabWidth = 4;

QStringView chopCarriageReturn(QStringView line)
{
    return line.endsWith(u'\r') ? line.chopped(1) : line;
}

// Columns of leading indentation, a tab counting as a full tab stop.
qsizetype indentation(QStringView line)
{
    qsizetype columns = 0;
    for (QChar c : line) {
        if (c == u' ')
            ++columns;
        else if (c == u'\t')
            columns += kTabWidth - columns % kTabWidth;
        else
            break;
    }
    return columns;
}

QStringView stripIndentation(QStringView line)
{
    qsizetype i = 0;
    while (i < line.size() && (line[i] == u' ' || line[i] == u'\t'))
        ++i;
    return line.mid(i);
}

bool isSpaceOrEnd(QStringView text, qsizetype i)
{
    return i >= text.size() || text[i] == u' ' || text[i] == u'\t';
}

// "# Title" .. "###### Title"; "#hashtag" is a paragraph.
bool isAtxHeading(QStringView line)
{
    qsizetype hashes = 0;
    while (hashes < line.size() && line[hashes] == u'#')
        ++hashes;
    return hashes >= 1 && hashes <= 6 && isSpaceOrEnd(line, hashes);
}

// "- item", "* item", "+ item", "1. item", "1) item"; the text has no indentation.
bool isListItem(QStringView text)
{
    if (text.isEmpty())
        return false;
    if (text[0] == u'-' || text[0] == u'*' || text[0] == u'+')
        return isSpaceOrEnd(text, 1);
    qsizetype digits = 0;
    while (digits < text.size() && digits < 10 && text[digits].isDigit())
        ++digits;
    if (digits == 0 || digits > 9 || digits >= text.size())
        return false;
    return (text[digits] == u'.' || text[digits] == u')') && isSpaceOrEnd(text, digits + 1);
}

// True while an unindented partial line could still turn into a list marker ("1", "12.", "-").
bool mayBecomeListItem(QStringView text)
{
    if (text.size() == 1 && (text[0] == u'-' || text[0] == u'*' || text[0] == u'+'))
        return true;
    qsizetype digits = 0;
    while (digits < text.size() && text[digits].isDigit())
        ++digits;
    if (digits == 0 || digits > 9)
        return false;
    return digits == text.size()
           || (digits + 1 == text.size() && (text[digits] == u'.' || text[digits] == u')'));
}

// "|---|:---:|" (the row under a table's header): dashes, colons and pipes only.
bool isTableDelimiterRow(QStringView text)
{
    bool pipe = false;
    bool dash = false;
    for (QChar c : text) {
        if (c == u'|')
            pipe = true;
        else if (c == u'-')
            dash = true;
        else if (c != u':' && c != u' ' && c != u'\t')
            return false;
    }
    return pipe && dash;
}

// Length of the run of fence characters that opens a fenced code block, or 0.
qsizetype openingFenceLength(QStringView text)
{
    if (text.isEmpty() || (text[0] != u'`' && text[0] != u'~'))
        return 0;
    const QChar fence = text[0];
    qsizetype run = 0;
    while (run < text.size() && text[run] == fence)
        ++run;
    if (run < 3)
        return 0;
    // A backtick fence's info string cannot hold backticks (that would be inline code).
    if (fence == u'`' && text.mid(run).contains(u'`'))
        return 0;
    return run;
}

bool isClosingFence(QStringView text, QChar fence, qsizetype minimumLength)
{
    qsizetype run = 0;
    while (run < text.size() && text[run] == fence)
        ++run;
    return run >= minimumLength && MarkdownBlockSplitter::isBlank(text.mid(run));
}

} // namespace

QStringList MarkdownBlockSplitter::append(QStringView chunk)
{
    QStringList completed;
    m_pending.append(chunk);
    // Only lines whose newline has arrived are classified, each exactly once.
    for (qsizetype newline = m_pending.indexOf(u'\n', m_scanOffset); newline >= 0;
         newline = m_pending.indexOf(u'\n', m_scanOffset)) {
        const qsizetype lineStart = m_scanOffset;
        m_scanOffset = newline + 1;
        classifyLine(lineStart, newline, completed);
    }
    decideFromPartialLine(completed);
    // Compact once per call, so many blocks completed by one big chunk stay linear.
    if (m_blockStart > 0) {
        m_pending.remove(0, m_blockStart);
        m_scanOffset -= m_blockStart;
        if (m_blankLineAt >= 0)
            m_blankLineAt -= m_blockStart;
        m_blockStart = 0;
    }
    return completed;
}

QString MarkdownBlockSplitter::tail() const
{
    return m_blockStart == 0 ? m_pending : m_pending.mid(m_blockStart);
}

void MarkdownBlockSplitter::reset()
{
    *this = MarkdownBlockSplitter();
}

void MarkdownBlockSplitter::classifyLine(qsizetype lineStart, qsizetype lineEnd,
                                         QStringList& completed)
{
    const QStringView line =
        chopCarriageReturn(QStringView(m_pending).mid(lineStart, lineEnd - lineStart));

    if (m_fenceLength > 0) {
        if (isClosingFence(stripIndentation(line), m_fenceChar, m_fenceLength))
            m_fenceLength = 0;
        m_previousLineHasPipe = false;
        return;
    }

    if (isBlank(line)) {
        m_previousLineHasPipe = false;
        if (!m_blockHasContent)
            m_blockStart = lineEnd + 1; // blank lines between blocks belong to no block
        else if (!m_blockHasListItem && !m_lastLineIndented)
            completeBlock(lineStart, lineEnd + 1, completed);
        else if (m_blankLineAt < 0)
            m_blankLineAt = lineStart; // the next line tells whether the block goes on
        return;
    }

    const qsizetype indent = indentation(line);
    const QStringView text = stripIndentation(line);

    if (m_blankLineAt >= 0) {
        // An indented line continues the list item or the indented code block; a new item
        // continues a (loose) list. Anything else starts a new top-level block.
        const bool continues = indent > 0 || (m_blockHasListItem && isListItem(text));
        if (continues)
            m_blankLineAt = -1;
        else
            completeBlock(m_blankLineAt, lineStart, completed);
    }

    // Only an unindented heading is surely top-level; an indented one may belong to a list item.
    // Qt's parser takes every line up to a blank one as a row of a table.
    if (indent == 0 && !m_blockIsTable && isAtxHeading(text)) {
        if (m_blockHasContent)
            completeBlock(lineStart, lineStart, completed);
        completeBlock(lineEnd, lineEnd + 1, completed);
        return;
    }

    // A line indented as code may be followed by more of the same code after a blank line.
    m_lastLineIndented = indent >= 4;
    if (!m_blockHasContent)
        m_previousLineHasPipe = false;
    m_blockHasContent = true;
    if (indent <= 3 && isListItem(text))
        m_blockHasListItem = true;
    // A delimiter row makes a table only under a header row.
    if (m_previousLineHasPipe && isTableDelimiterRow(text))
        m_blockIsTable = true;
    m_previousLineHasPipe = text.contains(u'|');
    // Fences are recognised at any indentation: taking an indented line for a fence only delays
    // a split, while missing a fence would split a code block in two.
    if (const qsizetype fence = m_blockIsTable ? 0 : openingFenceLength(text); fence > 0) {
        m_fenceChar = text[0];
        m_fenceLength = fence;
    }
}

// After a blank line that ends a list or an indented code block, the first characters of the next
// line usually settle whether the block goes on; deciding then, rather than at that line's
// newline, keeps a long single-line paragraph after a list from dragging the list along in the
// tail.
void MarkdownBlockSplitter::decideFromPartialLine(QStringList& completed)
{
    if (m_blankLineAt < 0 || m_scanOffset >= m_pending.size())
        return;
    const QStringView partial = QStringView(m_pending).mid(m_scanOffset);
    const QStringView text = stripIndentation(partial);
    if (text.isEmpty())
        return; // may still be a blank line
    if (indentation(partial) > 0) {
        m_blankLineAt = -1;
        return;
    }
    if (m_blockHasListItem) {
        if (mayBecomeListItem(text))
            return;
        if (isListItem(text)) {
            m_blankLineAt = -1;
            return;
        }
    }
    completeBlock(m_blankLineAt, m_scanOffset, completed);
}

void MarkdownBlockSplitter::completeBlock(qsizetype end, qsizetype nextStart,
                                          QStringList& completed)
{
    QStringView block = QStringView(m_pending).mid(m_blockStart, end - m_blockStart);
    while (block.endsWith(u'\n') || block.endsWith(u'\r'))
        block.chop(1);
    if (!isBlank(block))
        completed.append(block.toString());
    m_blockStart = nextStart;
    m_blankLineAt = -1;
    m_blockHasContent = false;
    m_blockHasListItem = false;
    m_blockIsTable = false;
    m_lastLineIndented = false;
}

bool MarkdownBlockSplitter::isBlank(QStringView text)
{
    return std::all_of(text.begin(), text.end(),
                       [](QChar c) { return c == u' ' || c == u'\t' || c == u'\r' || c == u'\n'; });
}

} // namespace keel::ui
