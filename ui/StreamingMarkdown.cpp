// StreamingMarkdown: incremental Markdown rendering of a reply that is still arriving.
#include "ui/StreamingMarkdown.h"

#include "ui/CodeBlocks.h"

#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocumentFragment>
#include <QTextFrame>
#include <QTextList>
#include <QTextTable>

#include <utility>

namespace keel::ui {

namespace {

bool isRule(const QTextBlock& block)
{
    return block.blockFormat().hasProperty(QTextFormat::BlockTrailingHorizontalRulerWidth);
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

    const bool hadFinal = m_hasFinal;
    if (!hadFinal) {
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
    }

    // One edit block: the layout, the highlighter and the code block frames see one change,
    // from the start of the tail.
    QTextCursor batch(m_document);
    batch.beginEditBlock();
    if (hadFinal) {
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
    batch.endEditBlock();
    countTailRender(tail);
}

// Fed in pieces, as if it were streamed: Qt's importer spends time proportional to the whole
// document on every table it inserts, so a long reply parsed at once takes seconds, while parsed
// a few blocks at a time it takes a fraction of that. One edit block around the pieces leaves
// one layout pass, one highlighting pass and one search for code blocks.
void StreamingMarkdown::setText(const QString& text)
{
    constexpr qsizetype kPiece = 4096;
    clear();
    qsizetype at = 0;
    for (; at < text.size() && !m_hasFinal; at += kPiece)
        append(QStringView(text).mid(at, kPiece));
    if (at >= text.size())
        return;
    QTextCursor batch(m_document);
    batch.beginEditBlock();
    for (; at < text.size(); at += kPiece)
        append(QStringView(text).mid(at, kPiece));
    batch.endEditBlock();
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
    const MarkdownImport::Prepared prepared = MarkdownImport::prepare(markdown);
    // No image may reach a document that is laid out (Qt's image handler reads local files):
    // the layout rests while the page size is null and wakes to one layout of the result.
    const QSizeF pageSize = m_document->pageSize();
    m_document->setPageSize(QSizeF(0, 0));
    m_document->setMarkdown(prepared.text, kFeatures);
    MarkdownImport::finish(m_document, 0, prepared);
    decorateTables(m_document, 0, false);
    QTextCursor batch(m_document);
    batch.beginEditBlock();
    decorateFrom(0, prepared);
    batch.endEditBlock();
    makeRoomAtTheTop();
    m_document->setPageSize(pageSize);
}

// The layout applies no top margin to a document's first block: a code block there gets the room
// for its header from the root frame instead. Only a document rendered afresh can get a new
// first block.
void StreamingMarkdown::makeRoomAtTheTop()
{
    QTextFrame* root = m_document->rootFrame();
    QTextFrameFormat format = root->frameFormat();
    if (CodeBlocks::isCodeLine(m_document->firstBlock()))
        format.setTopMargin(format.margin() + CodeBlocks::kHeaderHeight + CodeBlocks::kPadding);
    else
        format.clearProperty(QTextFormat::FrameTopMargin);
    if (format != root->frameFormat())
        root->setFrameFormat(format);
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
    block.setUserData(nullptr); // a code block's source
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
    const MarkdownImport::Prepared prepared = MarkdownImport::prepare(markdown);
    QTextDocument scratch;
    scratch.setMarkdown(QStringLiteral("x\n\n") + prepared.text, kFeatures);
    if (!scratch.firstBlock().next().isValid()) {
        // Renders to nothing yet (a fence being opened): no block for it.
        if (m_tail != Tail::None)
            removeTail();
        return;
    }
    // Images become placeholders here, before anything reaches the real document. Tables are
    // styled here too: the real document, in the middle of an edit block, does not know its
    // new tables yet.
    MarkdownImport::finish(&scratch, scratch.firstBlock().length(), prepared);
    const QTextBlock first = scratch.firstBlock().next();
    const bool startsWithTable = QTextCursor(first).currentFrame() != scratch.rootFrame();
    decorateTables(&scratch, first.position(),
                   startsWithTable && CodeBlocks::isCodeLine(m_document->findBlock(m_finalEnd)));

    // A table starts right after the block before it; a block of our own in between would show
    // as an empty line. So a tail that starts with one is attached to the last final block.
    if (startsWithTable) {
        if (m_tail != Tail::None)
            removeTail();
        QTextCursor source(&scratch);
        source.setPosition(scratch.firstBlock().length() - 1);
        source.movePosition(QTextCursor::End, QTextCursor::KeepAnchor);
        QTextCursor cursor(m_document);
        cursor.setPosition(m_finalEnd);
        cursor.insertFragment(QTextDocumentFragment(source));
        m_tail = Tail::Attached;
        decorateFrom(m_finalEnd + 1, prepared);
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
    decorateFrom(start, prepared);
}

// Styles code in the blocks inserted from `position` on, and only there.
void StreamingMarkdown::decorateFrom(int position, const MarkdownImport::Prepared& prepared)
{
    const bool background = m_codeBackground.style() != Qt::NoBrush;
    QList<std::pair<int, int>> inlineCode;
    for (QTextBlock block = m_document->findBlock(position); block.isValid();
         block = block.next()) {
        if (CodeBlocks::isCodeLine(block)) {
            decorateCodeLine(block, prepared);
            continue;
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

// Every line of a code block is a block of its own. The margins of the first and the last line
// make room for the frame's header and padding; code wraps, because a message is as wide as the
// transcript, which never scrolls sideways. The first line keeps the block's exact source.
void StreamingMarkdown::decorateCodeLine(const QTextBlock& block,
                                         const MarkdownImport::Prepared& prepared)
{
    const bool first = CodeBlocks::startsCodeBlock(block);
    const QTextBlock next = block.next();
    const bool last = !CodeBlocks::isCodeLine(next) || CodeBlocks::startsCodeBlock(next);
    QTextBlockFormat format;
    format.setNonBreakableLines(false);
    format.setLeftMargin(CodeBlocks::kPadding);
    format.setRightMargin(CodeBlocks::kPadding);
    // Margins collapse: right after another code block the room for that block's padding comes
    // on top.
    const bool afterCode = first && CodeBlocks::isCodeLine(block.previous());
    format.setTopMargin(first ? CodeBlocks::kGap + CodeBlocks::kHeaderHeight + CodeBlocks::kPadding
                                    + (afterCode ? CodeBlocks::kPadding + CodeBlocks::kGap : 0)
                              : 0);
    format.setBottomMargin(last ? CodeBlocks::kPadding + CodeBlocks::kGap : 0);
    if (first)
        format.setProperty(CodeBlocks::kStartProperty, true);
    QTextCursor(block).mergeBlockFormat(format);
    if (!first)
        return;
    QTextBlock line = block;
    const QTextBlockFormat marked = block.blockFormat();
    const int fence = marked.hasProperty(CodeBlocks::kFenceIndexProperty)
                          ? marked.intProperty(CodeBlocks::kFenceIndexProperty)
                          : -1;
    if (fence >= 0 && fence < prepared.fences.size()) {
        const MarkdownImport::Fence& source = prepared.fences.at(fence);
        // The source is trusted only while it matches what the importer made of it.
        const int lines = CodeBlocks::lastLine(block).blockNumber() - block.blockNumber() + 1;
        if (lines == source.lineCount) {
            line.setUserData(new CodeBlocks::SourceData(source.code));
            return;
        }
    }
    line.setUserData(nullptr);
}

// Styles the tables of `document` from `position` on. `firstFollowsCode`: the first table comes
// right after a code block that is not in `document`.
void StreamingMarkdown::decorateTables(QTextDocument* document, int position, bool firstFollowsCode)
{
    QTextTable* last = nullptr;
    for (QTextBlock block = document->findBlock(position); block.isValid(); block = block.next()) {
        QTextTable* table = QTextCursor(block).currentTable();
        if (table == nullptr || table == last)
            continue;
        // Before a table may come an empty block, which the layout hides.
        QTextBlock before = document->findBlock(table->firstPosition()).previous();
        if (before.isValid() && before.length() == 1 && !CodeBlocks::isCodeLine(before))
            before = before.previous();
        decorateTable(table, last == nullptr ? firstFollowsCode || CodeBlocks::isCodeLine(before)
                                             : CodeBlocks::isCodeLine(before));
        last = table;
    }
}

// Collapsed rules, roomy and vertically centred cells, the header row on a faint background. A
// table takes no notice of the margin of a code block above it: it keeps the frame's distance
// itself.
void StreamingMarkdown::decorateTable(QTextTable* table, bool followsCode)
{
    QTextTableFormat format = table->format();
    format.setBorderCollapse(true);
    format.setBorder(1);
    format.setBorderStyle(QTextFrameFormat::BorderStyle_Solid);
    if (m_tableBorder.style() != Qt::NoBrush)
        format.setBorderBrush(m_tableBorder);
    format.setCellSpacing(0);
    format.setHeaderRowCount(1);
    format.setTopMargin(followsCode ? CodeBlocks::kPadding + CodeBlocks::kGap : 4);
    format.setBottomMargin(4);
    table->setFormat(format);
    const bool background = m_codeBackground.style() != Qt::NoBrush;
    for (int row = 0; row < table->rows(); ++row) {
        for (int column = 0; column < table->columns(); ++column) {
            QTextTableCell cell = table->cellAt(row, column);
            QTextTableCellFormat cellFormat = cell.format().toTableCellFormat();
            cellFormat.setVerticalAlignment(QTextCharFormat::AlignMiddle);
            cellFormat.setLeftPadding(8);
            cellFormat.setRightPadding(8);
            cellFormat.setTopPadding(4);
            cellFormat.setBottomPadding(4);
            if (row == 0 && background)
                cellFormat.setBackground(m_codeBackground);
            cell.setFormat(cellFormat);
        }
    }
}

} // namespace keel::ui
