// TranscriptView: the column of MessageWidgets and the follow-the-bottom rule.
#include "ui/TranscriptView.h"

#include "ui/MessageWidget.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QScrollBar>
#include <QVBoxLayout>

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

    QScrollBar* bar = verticalScrollBar();
    connect(bar, &QScrollBar::valueChanged, this,
            [this, bar](int value) { m_followBottom = value >= bar->maximum() - kBottomSlack; });
    // Growing content moves the end; stay on it only if we were there.
    connect(bar, &QScrollBar::rangeChanged, this, [this, bar](int, int maximum) {
        if (m_followBottom)
            bar->setValue(maximum);
    });
}

MessageWidget* TranscriptView::addMessage(core::Role role, const QString& author)
{
    auto* message = new MessageWidget(role, author, m_column);
    // Before the stretch that keeps messages at the top.
    m_layout->insertWidget(m_layout->count() - 1, message);
    m_messages.append(message);
    updatePlaceholder();
    return message;
}

void TranscriptView::removeMessage(MessageWidget* message)
{
    if (!m_messages.removeOne(message))
        return;
    m_layout->removeWidget(message);
    message->hide();
    // Later: the request to remove it may come from one of its own buttons.
    message->deleteLater();
    updatePlaceholder();
}

void TranscriptView::clear()
{
    const QList<MessageWidget*> messages = m_messages;
    for (MessageWidget* message : messages)
        removeMessage(message);
    m_followBottom = true;
}

void TranscriptView::scrollToBottom()
{
    m_followBottom = true;
    verticalScrollBar()->setValue(verticalScrollBar()->maximum());
}

void TranscriptView::updatePlaceholder()
{
    m_placeholder->setVisible(m_messages.isEmpty());
}

} // namespace keel::ui
