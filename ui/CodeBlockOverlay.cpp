// CodeBlockOverlay: finds code blocks in the changed part of a document, places their headers
// and paints their frames.
#include "ui/CodeBlockOverlay.h"

#include "ui/CodeBlockHeader.h"
#include "ui/CodeBlocks.h"
#include "ui/CodeLanguages.h"
#include "ui/ThemePalette.h"

#include <QAbstractTextDocumentLayout>
#include <QClipboard>
#include <QGuiApplication>
#include <QPainter>
#include <QPainterPath>
#include <QScrollBar>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextEdit>
#include <QTextLayout>

#include <algorithm>
#include <climits>

namespace keel::ui {

namespace {

constexpr size_t kNothingToPlace = SIZE_MAX;
constexpr size_t kSpareHeaders = 8; // kept hidden for reuse; more are deleted

} // namespace

CodeBlockOverlay::CodeBlockOverlay(QTextEdit* view)
    : QObject(view)
    , m_view(view)
    , m_placeFrom(kNothingToPlace)
{
    QTextDocument* document = view->document();
    connect(document, &QTextDocument::contentsChange, this, &CodeBlockOverlay::documentChanged);
    // The layout's update comes after the layout of a change: positions are known then.
    connect(document->documentLayout(), &QAbstractTextDocumentLayout::update, this,
            &CodeBlockOverlay::catchUp);
    documentChanged(0, 0, document->characterCount());
}

int CodeBlockOverlay::count() const
{
    return int(m_entries.size());
}

CodeBlockHeader* CodeBlockOverlay::header(int index) const
{
    return m_entries.at(size_t(index)).header;
}

QString CodeBlockOverlay::code(int index) const
{
    return CodeBlocks::code(m_view->document()->findBlock(m_entries.at(size_t(index)).start));
}

QString CodeBlockOverlay::language(int index) const
{
    return CodeBlocks::language(m_view->document()->findBlock(m_entries.at(size_t(index)).start));
}

QRectF CodeBlockOverlay::frame(int index) const
{
    return m_entries.at(size_t(index)).frame;
}

// Entries before the change keep their place: a document is laid out from the top, so nothing
// after them moves them. The rest are found again from the change (or the start of a block the
// change touches) on; code lines added right after a block are joined to it by rescan().
void CodeBlockOverlay::documentChanged(int from, int, int)
{
    const auto first = std::partition_point(m_entries.begin(), m_entries.end(),
                                            [from](const Entry& e) { return e.end < from; });
    int scanFrom = from;
    if (first != m_entries.end()) {
        scanFrom = std::min(scanFrom, first->start);
        std::vector<CodeBlockHeader*> dropped;
        for (auto it = first; it != m_entries.end(); ++it)
            dropped.push_back(it->header);
        m_spare.insert(m_spare.begin(), dropped.begin(), dropped.end());
        m_entries.erase(first, m_entries.end());
    }
    m_scanFrom = m_scanFrom < 0 ? scanFrom : std::min(m_scanFrom, scanFrom);
}

void CodeBlockOverlay::catchUp()
{
    if (m_catchingUp)
        return;
    m_catchingUp = true;
    if (m_scanFrom >= 0)
        rescan();
    if (m_placeFrom != kNothingToPlace)
        place(m_placeFrom);
    m_catchingUp = false;
}

void CodeBlockOverlay::rescan()
{
    QTextDocument* document = m_view->document();
    QTextBlock block = document->findBlock(m_scanFrom);
    m_scanFrom = -1;
    // A change inside a code block: find that block again from its first line.
    while (CodeBlocks::isCodeLine(block) && !CodeBlocks::startsCodeBlock(block))
        block = block.previous();
    if (block.isValid()) {
        const int start = block.position();
        while (!m_entries.empty() && m_entries.back().end >= start) {
            m_spare.insert(m_spare.begin(), m_entries.back().header);
            m_entries.pop_back();
        }
    }
    const size_t firstNew = m_entries.size();
    while (block.isValid()) {
        if (!CodeBlocks::startsCodeBlock(block)) {
            block = block.next();
            continue;
        }
        const QTextBlock last = CodeBlocks::lastLine(block);
        Entry entry;
        entry.start = block.position();
        entry.end = last.position() + last.length() - 1;
        entry.header = takeHeader();
        entry.header->setLanguage(codeLanguageLabel(CodeBlocks::language(block)));
        m_entries.push_back(entry);
        ++m_rescanned;
        block = last.next();
    }
    while (!m_spare.empty() && m_spare.size() > kSpareHeaders) {
        m_spare.back()->deleteLater();
        m_spare.pop_back();
    }
    for (CodeBlockHeader* spare : m_spare)
        spare->hide();
    m_placeFrom = std::min(m_placeFrom, firstNew);
}

CodeBlockHeader* CodeBlockOverlay::takeHeader()
{
    if (!m_spare.empty()) {
        CodeBlockHeader* header = m_spare.front();
        m_spare.erase(m_spare.begin());
        return header;
    }
    auto* header = new CodeBlockHeader(m_view->viewport());
    connect(header, &CodeBlockHeader::copyRequested, this, [this, header] { copy(header); });
    return header;
}

qreal CodeBlockOverlay::scale() const
{
    // The document scales vertical margins with the DPI of its paint device (the viewport).
    const QPaintDevice* device = m_view->document()->documentLayout()->paintDevice();
    return device != nullptr ? device->logicalDpiY() / 96.0 : 1.0;
}

void CodeBlockOverlay::place(size_t from)
{
    m_placeFrom = kNothingToPlace;
    QTextDocument* document = m_view->document();
    QAbstractTextDocumentLayout* layout = document->documentLayout();
    const qreal dpiScale = scale();
    const QPoint scroll(m_view->horizontalScrollBar()->value(),
                        m_view->verticalScrollBar()->value());
    for (size_t i = from; i < m_entries.size(); ++i) {
        Entry& entry = m_entries[i];
        const QTextBlock first = document->findBlock(entry.start);
        const QTextBlock last = document->findBlock(entry.end);
        // blockBoundingRect lays the document out up to the block if it is not yet.
        const QRectF firstRect = layout->blockBoundingRect(first);
        const QRectF lastRect = layout->blockBoundingRect(last);
        const QTextLayout* firstLayout = first.layout();
        const QTextLayout* lastLayout = last.layout();
        if (firstLayout == nullptr || lastLayout == nullptr || firstLayout->lineCount() == 0
            || lastLayout->lineCount() == 0) {
            entry.frame = QRectF();
            entry.header->hide();
            continue;
        }
        const QTextLine top = firstLayout->lineAt(0);
        const QTextLine bottom = lastLayout->lineAt(lastLayout->lineCount() - 1);
        const qreal left = firstRect.left() + top.x() - CodeBlocks::kPadding;
        const qreal right = firstRect.left() + top.x() + top.width() + CodeBlocks::kPadding;
        // Block margins scale with the DPI; the root frame's margin, which makes the room above
        // a code block that opens the document (see StreamingMarkdown), does not.
        const qreal room = (CodeBlocks::kHeaderHeight + CodeBlocks::kPadding)
                           * (first == document->firstBlock() ? 1.0 : dpiScale);
        const qreal frameTop = firstRect.top() + top.y() - room;
        const qreal frameBottom =
            lastRect.top() + bottom.y() + bottom.height() + CodeBlocks::kPadding * dpiScale;
        entry.frame = QRectF(left, frameTop, right - left, frameBottom - frameTop);
        const QRect headerRect =
            QRectF(left, frameTop, right - left, CodeBlocks::kHeaderHeight * dpiScale)
                .toAlignedRect()
                .translated(-scroll);
        if (entry.header->geometry() != headerRect)
            entry.header->setGeometry(headerRect);
        if (entry.header->isHidden())
            entry.header->show();
    }
}

void CodeBlockOverlay::relayout()
{
    if (m_scanFrom >= 0)
        rescan();
    place(0);
}

void CodeBlockOverlay::paint(QPainter& painter, const QRect& exposed) const
{
    if (m_entries.empty())
        return;
    const CodeColours colours = codeColours(m_view->palette());
    const QPointF offset(-m_view->horizontalScrollBar()->value(),
                         -m_view->verticalScrollBar()->value());
    const qreal headerHeight = CodeBlocks::kHeaderHeight * scale();
    const QRectF area = QRectF(exposed).translated(-offset);
    // Frames are in document order, hence sorted by their top: skip those above the area.
    auto it = std::partition_point(m_entries.begin(), m_entries.end(), [&area](const Entry& e) {
        return e.frame.isValid() && e.frame.bottom() < area.top();
    });
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    for (; it != m_entries.end(); ++it) {
        if (!it->frame.isValid())
            continue;
        if (it->frame.top() > area.bottom())
            break;
        const QRectF frame = it->frame.translated(offset).adjusted(0.5, 0.5, -0.5, -0.5);
        QPainterPath path;
        path.addRoundedRect(frame, CodeBlocks::kRadius, CodeBlocks::kRadius);
        painter.fillPath(path, colours.background);
        painter.save();
        painter.setClipPath(path);
        painter.fillRect(QRectF(frame.left(), frame.top(), frame.width(), headerHeight),
                         colours.headerBackground);
        painter.restore();
        painter.setPen(QPen(colours.border, 1));
        painter.setBrush(Qt::NoBrush);
        painter.drawPath(path);
    }
    painter.restore();
}

void CodeBlockOverlay::copy(const CodeBlockHeader* header)
{
    for (size_t i = 0; i < m_entries.size(); ++i) {
        if (m_entries[i].header == header) {
            QGuiApplication::clipboard()->setText(code(int(i)));
            m_entries[i].header->showCopied();
            return;
        }
    }
}

} // namespace keel::ui
