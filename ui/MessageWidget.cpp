// MessageWidget: author, reasoning, body and inline error of one message.
#include "ui/MessageWidget.h"

#include "ui/MessageTextView.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPainterPath>
#include <QPushButton>
#include <QTextCursor>
#include <QToolButton>
#include <QVBoxLayout>

namespace keel::ui {

namespace {

constexpr int kRadius = 10;

QColor mix(const QColor& a, const QColor& b, qreal amountOfB)
{
    return QColor::fromRgbF(a.redF() + (b.redF() - a.redF()) * amountOfB,
                            a.greenF() + (b.greenF() - a.greenF()) * amountOfB,
                            a.blueF() + (b.blueF() - a.blueF()) * amountOfB);
}

// Works on light and dark palettes alike: a translucent red over whatever is below.
QColor errorFill()
{
    return QColor(220, 53, 69, 36);
}

QColor errorBorder()
{
    return QColor(220, 53, 69, 150);
}

} // namespace

MessageWidget::MessageWidget(core::Role role, const QString& author, QWidget* parent)
    : QWidget(parent)
    , m_role(role)
    , m_author(new QLabel(author, this))
    , m_thinkingToggle(new QToolButton(this))
    , m_reasoning(new MessageTextView(this))
    , m_body(new MessageTextView(this))
    , m_errorArea(new QWidget(this))
    , m_errorLabel(new QLabel(m_errorArea))
    , m_retryButton(new QPushButton(tr("Retry"), m_errorArea))
    , m_note(new QLabel(this))
    , m_markdown(m_body->document())
{
    const bool user = role == core::Role::User;
    setAccessibleName(user ? tr("Your message") : tr("Reply from %1").arg(author));

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(14, 10, 14, 12);
    layout->setSpacing(6);

    // Untrusted text (model names, server messages) is never interpreted as rich text.
    m_author->setTextFormat(Qt::PlainText);
    QFont authorFont = m_author->font();
    authorFont.setBold(true);
    authorFont.setPointSizeF(authorFont.pointSizeF() * 0.92);
    m_author->setFont(authorFont);
    layout->addWidget(m_author);

    m_thinkingToggle->setCheckable(true);
    m_thinkingToggle->setAutoRaise(true);
    m_thinkingToggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_thinkingToggle->setArrowType(Qt::RightArrow);
    m_thinkingToggle->setAccessibleName(tr("Show the model's reasoning"));
    m_thinkingToggle->hide();
    connect(m_thinkingToggle, &QToolButton::toggled, this, &MessageWidget::setReasoningExpanded);
    layout->addWidget(m_thinkingToggle, 0, Qt::AlignLeft);

    m_reasoning->setAccessibleName(tr("Reasoning"));
    QFont reasoningFont = m_reasoning->font();
    reasoningFont.setPointSizeF(reasoningFont.pointSizeF() * 0.92);
    m_reasoning->setFont(reasoningFont);
    m_reasoning->hide();
    layout->addWidget(m_reasoning);

    m_body->setAccessibleName(user ? tr("Message text") : tr("Reply text"));
    m_body->hide(); // until there is text: a failed reply may have none
    layout->addWidget(m_body);

    auto* errorLayout = new QHBoxLayout(m_errorArea);
    errorLayout->setContentsMargins(12, 8, 8, 8);
    errorLayout->setSpacing(12);
    m_errorLabel->setTextFormat(Qt::PlainText);
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_errorLabel->setAccessibleName(tr("Error"));
    errorLayout->addWidget(m_errorLabel, 1);
    m_retryButton->setAccessibleName(tr("Retry this reply"));
    connect(m_retryButton, &QPushButton::clicked, this, &MessageWidget::retryRequested);
    errorLayout->addWidget(m_retryButton, 0, Qt::AlignVCenter);
    m_errorArea->hide();
    layout->addWidget(m_errorArea);

    m_note->setTextFormat(Qt::PlainText);
    m_note->hide();
    layout->addWidget(m_note);

    applyPalette();
}

void MessageWidget::setText(const QString& text)
{
    if (m_role == core::Role::User) {
        // The user's own words are shown as typed, not as Markdown.
        m_plainText = text;
        m_body->setPlainText(text);
    } else {
        m_markdown.setText(text);
    }
    m_body->setVisible(!text.isEmpty());
}

void MessageWidget::appendText(const QString& chunk)
{
    if (m_role == core::Role::User) {
        setText(m_plainText + chunk);
        return;
    }
    const bool first = m_markdown.text().isEmpty();
    m_markdown.append(chunk);
    if (first && !chunk.isEmpty()) {
        m_body->show();
        updateThinkingToggle(); // "Thinking…" is over once the answer starts
    }
}

QString MessageWidget::text() const
{
    return m_role == core::Role::User ? m_plainText : m_markdown.text();
}

QTextDocument* MessageWidget::bodyDocument() const
{
    return m_body->document();
}

void MessageWidget::appendReasoning(const QString& chunk)
{
    if (chunk.isEmpty())
        return;
    m_reasoningText += chunk;
    // Plain text appended at the end: the cost of a chunk does not grow with the reasoning.
    QTextCursor cursor(m_reasoning->document());
    cursor.movePosition(QTextCursor::End);
    cursor.insertText(chunk);
    updateThinkingToggle();
}

void MessageWidget::setReasoning(const QString& text)
{
    m_reasoningText = text;
    m_reasoning->setPlainText(text);
    updateThinkingToggle();
}

bool MessageWidget::isReasoningExpanded() const
{
    return m_thinkingToggle->isChecked();
}

void MessageWidget::setReasoningExpanded(bool expanded)
{
    if (m_thinkingToggle->isChecked() != expanded)
        m_thinkingToggle->setChecked(expanded); // comes back here through toggled()
    m_thinkingToggle->setArrowType(expanded ? Qt::DownArrow : Qt::RightArrow);
    m_reasoning->setVisible(expanded && !m_reasoningText.isEmpty());
}

void MessageWidget::setStreaming(bool streaming)
{
    m_streaming = streaming;
    updateThinkingToggle();
}

void MessageWidget::updateThinkingToggle()
{
    const bool thinking = m_streaming && m_markdown.text().isEmpty();
    m_thinkingToggle->setText(thinking ? tr("Thinking…") : tr("Thinking"));
    m_thinkingToggle->setVisible(!m_reasoningText.isEmpty());
}

void MessageWidget::showError(const QString& message, bool cutOff)
{
    QString text = message.trimmed();
    if (cutOff)
        text = text.isEmpty() ? tr("The reply was cut off.")
                              : tr("The reply was cut off: %1").arg(text);
    else if (text.isEmpty())
        text = tr("The request failed.");
    m_errorLabel->setText(text);
    m_errorArea->show();
    update();
}

void MessageWidget::setRetryEnabled(bool enabled)
{
    m_retryButton->setEnabled(enabled);
    m_retryButton->setVisible(enabled);
}

bool MessageWidget::hasError() const
{
    return !m_errorArea->isHidden();
}

QString MessageWidget::errorText() const
{
    return hasError() ? m_errorLabel->text() : QString();
}

void MessageWidget::setNote(const QString& note)
{
    m_note->setText(note);
    m_note->setVisible(!note.isEmpty());
}

QString MessageWidget::note() const
{
    return m_note->text();
}

void MessageWidget::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    const QPalette& colors = palette();
    if (m_role == core::Role::User) {
        // The user's messages sit on a faint tint of the accent colour; replies are plain text
        // on the page, which is what people read most.
        painter.setBrush(
            mix(colors.color(QPalette::Base), colors.color(QPalette::Highlight), 0.10));
        painter.drawRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), kRadius, kRadius);
    }
    if (!m_errorArea->isHidden()) {
        painter.setBrush(errorFill());
        painter.setPen(QPen(errorBorder(), 1));
        painter.drawRoundedRect(QRectF(m_errorArea->geometry()).adjusted(0.5, 0.5, -0.5, -0.5),
                                kRadius - 2, kRadius - 2);
    }
}

void MessageWidget::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        applyPalette();
        // Code backgrounds are baked into the document: render the finished text again once.
        if (m_role == core::Role::Assistant && !m_streaming)
            m_markdown.setText(QString(m_markdown.text()));
    }
}

void MessageWidget::applyPalette()
{
    const QPalette& colors = palette();
    const QColor text = colors.color(QPalette::Text);
    const QColor base = colors.color(QPalette::Base);

    QPalette author = m_author->palette();
    author.setColor(QPalette::WindowText, mix(text, base, 0.35));
    m_author->setPalette(author);

    QPalette muted = m_note->palette();
    muted.setColor(QPalette::WindowText, mix(text, base, 0.45));
    m_note->setPalette(muted);

    QPalette reasoning = m_reasoning->palette();
    reasoning.setColor(QPalette::Text, mix(text, base, 0.4));
    m_reasoning->setPalette(reasoning);

    m_markdown.setCodeBackground(mix(base, text, 0.07));
    m_markdown.setTableBorder(mix(base, text, 0.25));
}

} // namespace keel::ui
