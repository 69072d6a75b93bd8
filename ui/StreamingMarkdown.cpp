// StreamingMarkdown: incremental Markdown rendering of a reply that is still arriving.
#include "ui/StreamingMarkdown.h"

#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocumentFragment>
#include <QTextList>
#include <QTextTable>

#include <utility>

namespace keel::ui {

namespace {

bool isRule(const QTextBlock& block)
{
    return block.blockFormat().hasProperty(QTextFormat::BlockTrailingHorizontalRulerWidth);
}

bool isCode(const QTextBlock& block)
{
    const QTextBlockFormat format = block.blockFormat();
    return format.hasProperty(QTextFormat::BlockCodeFence) || format.nonBreakableLines();
}

bool isInlineCode(const QTextCharFormat& format)
{
    return format.fontFixedPitch();
}

} // namespace

// ---- StreamingMarkdown --------------------------------------------------------------------
//
// Layout of the document while streaming:
//
//     [final blocks ...][separator][tail blocks ...]
//                       ^ m_finalEnd
//
// The final blocks are never modified again, not even the separator after the last of them:
// removing that separator would rebuild the last final block (and lay it out again). So the tail
// lives in a block of its own after the separator, which is emptied and refilled on each update.
// The one exception is a tail that starts with a table (see renderTail).

StreamingMarkdown::StreamingMarkdown(QTextDocument* document)
    : m_document(document)
{
    m_document->setUndoRedoEnabled(false);
}

void StreamingMarkdown::append(QStringView chunk)
{
    if (chunk.isEmpty())
        return;
    m_text.append(chunk);
    const QStringList completed = m_splitter.append(chunk);
    const QString tail = m_splitter.tail();

    if (!m_hasFinal) {
        // Nothing is final yet: the document holds the tail only and is rendered afresh.
        m_document->clear();
        if (!completed.isEmpty()) {
            // Rendered together, as they stand together in the source.
            renderIntoEmptyDocument(completed.join(QStringLiteral("\n\n")));
            ++m_stats.committedInsertions;
            m_hasFinal = !documentIsBlank();
            m_finalEnd = m_document->characterCount() - 1;
        }
        if (!m_hasFinal) {
            renderIntoEmptyDocument(tail);
            countTailRender(tail);
            return;
        }
    } else {
        emptyTail();
        if (!completed.isEmpty()) {
            renderTail(completed.join(QStringLiteral("\n\n")));
            ++m_stats.committedInsertions;
            m_finalEnd = m_document->characterCount() - 1;
            m_tail = Tail::None;
        }
    }

    if (!MarkdownBlockSplitter::isBlank(tail))
        renderTail(tail);
    else if (m_tail != Tail::None)
        removeTail();
    countTailRender(tail);
}

void StreamingMarkdown::setText(const QString& text)
{
    clear();
    append(text);
}

void StreamingMarkdown::clear()
{
    m_splitter.reset();
    m_text.clear();
    m_document->clear();
    m_finalEnd = 0;
    m_hasFinal = false;
    m_tail = Tail::None;
    m_stats = Stats();
}

void StreamingMarkdown::countTailRender(const QString& tail)
{
    ++m_stats.tailRenders;
    m_stats.lastTailLength = tail.size();
    m_stats.maxTailLength = std::max(m_stats.maxTailLength, tail.size());
}

bool StreamingMarkdown::documentIsBlank() const
{
    const QTextBlock first = m_document->firstBlock();
    return m_document->characterCount() <= 1 && first.textList() == nullptr && !isRule(first);
}

void StreamingMarkdown::renderIntoEmptyDocument(const QString& markdown)
{
    if (MarkdownBlockSplitter::isBlank(markdown))
        return;
    m_document->setMarkdown(markdown, kFeatures);
    decorateFrom(0);
}

// Empties the tail. Its own block stays, with no format and in no list, ready to be filled again.
void StreamingMarkdown::emptyTail()
{
    if (m_tail == Tail::Attached) {
        removeTail();
        return;
    }
    if (m_tail != Tail::OwnBlock)
        return;
    QTextCursor cursor(m_document);
    cursor.setPosition(m_finalEnd + 1);
    cursor.movePosition(QTextCursor::End, QTextCursor::KeepAnchor);
    cursor.removeSelectedText();
    QTextBlock block = cursor.block();
    if (QTextList* list = block.textList())
        list->remove(block);
    cursor.setBlockFormat(QTextBlockFormat());
    cursor.setBlockCharFormat(QTextCharFormat());
}

// Removes the tail with the separator before it. This rebuilds the last final block, so it is
// kept for rare cases: a tail that starts with a table, or one that no longer renders anything.
void StreamingMarkdown::removeTail()
{
    QTextCursor cursor(m_document);
    cursor.setPosition(m_finalEnd);
    const QTextBlockFormat blockFormat = cursor.blockFormat();
    const QTextCharFormat charFormat = cursor.blockCharFormat();
    cursor.movePosition(QTextCursor::End, QTextCursor::KeepAnchor);
    cursor.removeSelectedText();
    // When the last final block is empty (a rule), Qt keeps the format of the removed block
    // after it instead of its own.
    if (cursor.blockFormat() != blockFormat)
        cursor.setBlockFormat(blockFormat);
    if (cursor.blockCharFormat() != charFormat)
        cursor.setBlockCharFormat(charFormat);
    m_tail = Tail::None;
}

// QTextCursor::insertMarkdown() would be the obvious call, but it merges the first rendered block
// into the block at the cursor and drops that block's format (a paragraph loses its margins, a
// code block its first line), and its own remedy (a leading newline) crashes on lists in Qt 6.4.
// So the Markdown is parsed into a scratch document, as insertMarkdown does internally, the tail's
// own block is given the format of the first parsed block, and the rest comes in as a fragment.
void StreamingMarkdown::renderTail(const QString& markdown)
{
    if (MarkdownBlockSplitter::isBlank(markdown))
        return;
    // Parsed after a sentinel paragraph, so that the text is parsed as the middle of a document,
    // as it is when the whole reply is rendered at once: at the start of a document Qt's importer
    // adds an empty block before a rule or a table and drops a code block's first empty line.
    QTextDocument scratch;
    scratch.setMarkdown(QStringLiteral("x\n\n") + markdown, kFeatures);
    const QTextBlock first = scratch.firstBlock().next();
    if (!first.isValid()) {
        // Renders to nothing yet (a fence being opened): no block for it.
        if (m_tail != Tail::None)
            removeTail();
        return;
    }

    // A table starts right after the block before it; a block of our own in between would show
    // as an empty line. So a tail that starts with one is attached to the last final block.
    if (QTextCursor(first).currentFrame() != scratch.rootFrame()) {
        if (m_tail != Tail::None)
            removeTail();
        QTextCursor source(&scratch);
        source.setPosition(scratch.firstBlock().length() - 1);
        source.movePosition(QTextCursor::End, QTextCursor::KeepAnchor);
        QTextCursor cursor(m_document);
        cursor.setPosition(m_finalEnd);
        cursor.insertFragment(QTextDocumentFragment(source));
        m_tail = Tail::Attached;
        decorateFrom(m_finalEnd + 1);
        return;
    }

    QTextCursor source(&scratch);
    source.setPosition(first.position());
    source.movePosition(QTextCursor::End, QTextCursor::KeepAnchor);
    const QTextDocumentFragment fragment(source);

    if (m_tail != Tail::OwnBlock) {
        QTextCursor cursor(m_document);
        cursor.movePosition(QTextCursor::End);
        cursor.insertBlock(QTextBlockFormat(), QTextCharFormat());
        m_tail = Tail::OwnBlock;
    }
    const int start = m_finalEnd + 1;
    QTextCursor cursor(m_document);
    cursor.setPosition(start);
    if (first.textList() == nullptr) {
        QTextBlockFormat format = first.blockFormat();
        format.clearProperty(QTextFormat::ObjectIndex);
        cursor.setBlockFormat(format);
        cursor.setBlockCharFormat(first.charFormat());
        cursor.insertFragment(fragment);
    } else {
        // A fragment that starts with a list opens a new block for it, after the tail's block.
        // Making the tail's block a member of that list first and then removing the separator
        // between the two leaves one block, in the list, with the item's text.
        cursor.insertFragment(fragment);
        QTextBlock own = m_document->findBlock(start);
        const QTextBlock item = own.next();
        if (QTextList* list = item.isValid() ? item.textList() : nullptr) {
            cursor.setPosition(start);
            cursor.setBlockFormat(item.blockFormat());
            cursor.setBlockCharFormat(item.charFormat());
            list->add(own);
            cursor.setPosition(start);
            cursor.setPosition(start + 1, QTextCursor::KeepAnchor);
            cursor.removeSelectedText();
        } else {
            // An empty first item ("- " still being typed) brings no block: make the tail's
            // block that item.
            cursor.setPosition(start);
            cursor.createList(first.textList()->format());
        }
    }
    decorateFrom(start);
}

// Styles code and tables in the blocks inserted from `position` on, and only there. Code blocks
// wrap: a message is as wide as the transcript, which never scrolls sideways.
void StreamingMarkdown::decorateFrom(int position)
{
    const bool background = m_codeBackground.style() != Qt::NoBrush;
    QList<std::pair<int, int>> inlineCode;
    const QTextTable* lastTable = nullptr;
    for (QTextBlock block = m_document->findBlock(position); block.isValid();
         block = block.next()) {
        if (isCode(block)) {
            QTextBlockFormat format;
            format.setNonBreakableLines(false);
            if (background)
                format.setBackground(m_codeBackground);
            // Every line of a code block is a block of its own; the margins of the first and
            // the last line keep the box off the text around it.
            format.setTopMargin(isCode(block.previous()) ? 0 : 4);
            format.setBottomMargin(isCode(block.next()) ? 0 : 4);
            QTextCursor(block).mergeBlockFormat(format);
            continue;
        }
        if (QTextTable* table = QTextCursor(block).currentTable(); table && table != lastTable) {
            lastTable = table;
            QTextTableFormat format = table->format();
            format.setBorderCollapse(true);
            format.setBorder(1);
            format.setBorderStyle(QTextFrameFormat::BorderStyle_Solid);
            if (m_tableBorder.style() != Qt::NoBrush)
                format.setBorderBrush(m_tableBorder);
            format.setCellSpacing(0);
            format.setCellPadding(5);
            table->setFormat(format);
        }
        if (!background)
            continue;
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextFragment fragment = it.fragment();
            if (fragment.isValid() && isInlineCode(fragment.charFormat()))
                inlineCode.append({fragment.position(), fragment.length()});
        }
    }
    QTextCharFormat format;
    format.setBackground(m_codeBackground);
    for (const auto& [start, length] : std::as_const(inlineCode)) {
        QTextCursor cursor(m_document);
        cursor.setPosition(start);
        cursor.setPosition(start + length, QTextCursor::KeepAnchor);
        cursor.mergeCharFormat(format);
    }
}

} // namespace keel::ui
