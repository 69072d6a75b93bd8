// TranscriptView: the column of MessageWidgets, the follow-the-bottom rule and the anchor.
#include "ui/TranscriptView.h"

#include "ui/MessageWidget.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollBar>
#include <QVBoxLayout>

#include <algorithm>

namespace keel::ui {

namespace {

// About 90 characters of body text: wider lines are hard to read.
constexpr int kColumnWidth = 860;
// Within this many pixels of the end counts as "at the bottom".
constexpr int kBottomSlack = 24;

} // namespace

TranscriptView::TranscriptView(QWidget* parent)
    : QScrollArea(parent)
    , m_column(new QWidget)
    , m_layout(new QVBoxLayout(m_column))
    , m_placeholder(new QLabel(m_column))
    , m_jumpButton(new QPushButton(this))
{
    setAccessibleName(tr("Conversation"));
    setFrameShape(QFrame::NoFrame);
    setWidgetResizable(true);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setBackgroundRole(QPalette::Base);

    auto* page = new QWidget;
    page->setBackgroundRole(QPalette::Base);
    auto* pageLayout = new QHBoxLayout(page);
    pageLayout->setContentsMargins(16, 16, 16, 16);
    pageLayout->addStretch(1);
    m_column->setMaximumWidth(kColumnWidth);
    m_column->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    pageLayout->addWidget(m_column, 100);
    pageLayout->addStretch(1);

    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(14);
    m_placeholder->setText(tr("Ask anything. Enter sends, Shift+Enter starts a new line."));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setContentsMargins(0, 48, 0, 0);
    m_placeholder->setEnabled(false); // drawn in the palette's quiet, disabled colour
    m_layout->addWidget(m_placeholder);
    m_layout->addStretch(1);
    setWidget(page);

    // Floats over the viewport (a child of the scroll area, raised above it).
    m_jumpButton->setText(tr("Jump to latest ↓"));
    m_jumpButton->setAccessibleName(tr("Jump to the latest message"));
    m_jumpButton->setToolTip(tr("Scroll to the end and follow the reply"));
    m_jumpButton->setCursor(Qt::PointingHandCursor);
    m_jumpButton->hide();
    connect(m_jumpButton, &QPushButton::clicked, this, &TranscriptView::scrollToBottom);

    QScrollBar* bar = verticalScrollBar();
    connect(bar, &QScrollBar::valueChanged, this, [this, bar](int value) {
        m_followBottom = value >= bar->maximum() - kBottomSlack;
        // Any move the view did not make itself (the user, a focus change) ends the anchor.
        if (m_adjusting)
            return;
        releaseAnchor();
        checkNearTop();
        updateJumpButton();
    });
    // Growing content moves the end; stay on it only if we were there. While an anchor holds,
    // the layout is still settling: positions in between say nothing about where the user is.
    connect(bar, &QScrollBar::rangeChanged, this, [this, bar](int, int maximum) {
        if (m_anchor) {
            applyAnchor();
            return;
        }
        if (m_followBottom)
            bar->setValue(maximum);
        checkNearTop();
        updateJumpButton();
    });
}

MessageWidget* TranscriptView::addMessage(core::Role role, const QString& author)
{
    return insertMessage(int(m_messages.size()), role, author);
}

MessageWidget* TranscriptView::insertMessage(int index, core::Role role, const QString& author)
{
    index = std::clamp(index, 0, int(m_messages.size()));
    auto* message = new MessageWidget(role, author, m_column);
    // After the placeholder, before the stretch that keeps messages at the top.
    m_layout->insertWidget(1 + index, message);
    m_messages.insert(index, message);
    updatePlaceholder();
    return message;
}

void TranscriptView::removeMessage(MessageWidget* message)
{
    if (!m_messages.removeOne(message))
        return;
    if (m_anchor == message)
        releaseAnchor();
    m_layout->removeWidget(message);
    message->hide();
    // Later: the request to remove it may come from one of its own buttons.
    message->deleteLater();
    updatePlaceholder();
}

void TranscriptView::removeFrom(int index)
{
    while (m_messages.size() > std::max(index, 0))
        removeMessage(m_messages.last());
}

void TranscriptView::clear()
{
    removeFrom(0);
    releaseAnchor();
    m_followBottom = true;
    updateJumpButton();
}

int TranscriptView::indexOf(const MessageWidget* message) const
{
    return int(m_messages.indexOf(const_cast<MessageWidget*>(message)));
}

void TranscriptView::scrollToBottom()
{
    releaseAnchor();
    m_followBottom = true;
    verticalScrollBar()->setValue(verticalScrollBar()->maximum());
    updateJumpButton();
}

int TranscriptView::viewportY(const MessageWidget* message) const
{
    return message->mapTo(widget(), QPoint(0, 0)).y() - verticalScrollBar()->value();
}

void TranscriptView::keepInView(MessageWidget* message, int y)
{
    releaseAnchor();
    if (message == nullptr || !m_messages.contains(message))
        return;
    m_anchor = message;
    m_anchorY = y;
    m_followBottom = false;
    // Its moves come after each layout pass, which is when the content above it has settled.
    message->installEventFilter(this);
    applyAnchor();
}

void TranscriptView::revealMessage(MessageWidget* message, bool highlight)
{
    if (message == nullptr)
        return;
    keepInView(message, std::min(viewport()->height() / 5, 120));
    if (highlight)
        message->flash();
}

bool TranscriptView::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_anchor && (event->type() == QEvent::Move || event->type() == QEvent::Resize))
        applyAnchor();
    return QScrollArea::eventFilter(watched, event);
}

void TranscriptView::applyAnchor()
{
    if (!m_anchor)
        return;
    QScrollBar* bar = verticalScrollBar();
    const int top = m_anchor->mapTo(widget(), QPoint(0, 0)).y();
    const int value = std::clamp(top - m_anchorY, bar->minimum(), bar->maximum());
    m_adjusting = true;
    bar->setValue(value);
    m_adjusting = false;
    m_followBottom = false;
    updateJumpButton();
}

void TranscriptView::ensureAreaVisible(const QWidget* child, const QRect& area)
{
    releaseAnchor();
    const QPoint topLeft = child->mapTo(widget(), area.topLeft());
    const QRect inPage(topLeft, area.size());
    // A quarter of the view above and below: the match is read with its context.
    const int margin = std::max(area.height(), viewport()->height() / 4);
    ensureVisible(inPage.center().x(), inPage.center().y(), 0, margin);
    m_followBottom = verticalScrollBar()->value() >= verticalScrollBar()->maximum() - kBottomSlack;
    updateJumpButton();
}

void TranscriptView::resizeEvent(QResizeEvent* event)
{
    QScrollArea::resizeEvent(event);
    updateJumpButton();
}

void TranscriptView::updateJumpButton()
{
    const QScrollBar* bar = verticalScrollBar();
    const bool below = bar->value() < bar->maximum() - kBottomSlack;
    const bool show = !m_followBottom && below;
    if (show) {
        const QSize size = m_jumpButton->sizeHint();
        const QRect area = viewport()->geometry();
        m_jumpButton->setGeometry(area.center().x() - size.width() / 2,
                                  area.bottom() - size.height() - 16, size.width(), size.height());
        m_jumpButton->raise();
    }
    if (show == m_jumpButton->isHidden())
        m_jumpButton->setVisible(show);
}

void TranscriptView::releaseAnchor()
{
    if (m_anchor)
        m_anchor->removeEventFilter(this);
    m_anchor.clear();
}

void TranscriptView::checkNearTop()
{
    if (!m_messages.isEmpty() && verticalScrollBar()->value() <= kNearTopPx)
        Q_EMIT nearTop();
}

void TranscriptView::updatePlaceholder()
{
    m_placeholder->setVisible(m_messages.isEmpty());
}

} // namespace keel::ui
