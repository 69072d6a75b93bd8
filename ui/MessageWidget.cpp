// MessageWidget: author, reasoning, body and inline error of one message.
#include "ui/MessageWidget.h"

#include "ui/MessageTextView.h"

#include <QAbstractButton>
#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPainter>
#include <QPainterPath>
#include <QPushButton>
#include <QTextCursor>
#include <QVBoxLayout>

#include <algorithm>

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

// The reasoning text and its rule sit under the header's triangle.
constexpr int kHeaderPadding = 4;
constexpr int kTriangleSize = 8;
constexpr int kTriangleGap = 7;
constexpr int kRuleX = kHeaderPadding + kTriangleSize / 2;
constexpr int kReasoningIndent = kHeaderPadding + kTriangleSize + kTriangleGap;

// The header of the Thinking section: a small disclosure triangle and a quiet line of text,
// checked when expanded. Space (as for every button) and Enter toggle it.
class ThinkingHeader : public QAbstractButton {
public:
    explicit ThinkingHeader(QWidget* parent)
        : QAbstractButton(parent)
    {
        setCheckable(true);
        setFocusPolicy(Qt::StrongFocus);
        setCursor(Qt::PointingHandCursor);
        setAttribute(Qt::WA_Hover); // repaint on enter and leave for the hover colour
        setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
        QFont small = font();
        small.setPointSizeF(small.pointSizeF() * 0.92);
        setFont(small);
    }

    QSize sizeHint() const override
    {
        const QFontMetrics metrics = fontMetrics();
        return {kReasoningIndent + metrics.horizontalAdvance(text()) + 2 * kHeaderPadding,
                metrics.height() + 6};
    }

    QSize minimumSizeHint() const override { return sizeHint(); }

protected:
    void keyPressEvent(QKeyEvent* event) override
    {
        if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter)
            && event->modifiers() == Qt::NoModifier) {
            click();
            event->accept();
            return;
        }
        QAbstractButton::keyPressEvent(event);
    }

    void paintEvent(QPaintEvent*) override
    {
        QPainter painter(this);
        painter.setRenderHint(QPainter::Antialiasing);
        const QPalette& colors = palette();
        const bool hot = underMouse() || isDown();
        const QColor ink =
            mix(colors.color(QPalette::Text), colors.color(QPalette::Base), hot ? 0.15 : 0.45);

        if (hasFocus() && window()->testAttribute(Qt::WA_KeyboardFocusChange)) {
            painter.setPen(QPen(colors.color(QPalette::Highlight), 1.5));
            painter.setBrush(Qt::NoBrush);
            painter.drawRoundedRect(QRectF(rect()).adjusted(1, 1, -1, -1), 4, 4);
        }

        // Right when collapsed, down when expanded.
        const qreal midY = height() / 2.0;
        const qreal half = kTriangleSize / 2.0;
        const qreal left = kHeaderPadding;
        QPolygonF triangle;
        if (isChecked())
            triangle << QPointF(left, midY - half * 0.6)
                     << QPointF(left + 2 * half, midY - half * 0.6)
                     << QPointF(left + half, midY + half * 0.8);
        else
            triangle << QPointF(left + half * 0.3, midY - half)
                     << QPointF(left + half * 0.3, midY + half) << QPointF(left + half * 1.7, midY);
        painter.setPen(Qt::NoPen);
        painter.setBrush(ink);
        painter.drawPolygon(triangle);

        painter.setPen(ink);
        painter.setFont(font());
        const QRectF textRect(kReasoningIndent, 0, width() - kReasoningIndent, height());
        painter.drawText(textRect, Qt::AlignLeft | Qt::AlignVCenter, text());
    }
};

} // namespace

MessageWidget::MessageWidget(core::Role role, const QString& author, QWidget* parent)
    : QWidget(parent)
    , m_role(role)
    , m_author(new QLabel(author, this))
    , m_thinkingToggle(new ThinkingHeader(this))
    , m_reasoningArea(new QWidget(this))
    , m_reasoning(new MessageTextView(m_reasoningArea))
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

    m_thinkingToggle->setAccessibleDescription(tr("Shows or hides the model's reasoning"));
    m_thinkingToggle->hide();
    connect(m_thinkingToggle, &QAbstractButton::toggled, this, &MessageWidget::showReasoning);
    // clicked() comes from the mouse and the keyboard only, never from setChecked().
    connect(m_thinkingToggle, &QAbstractButton::clicked, this,
            [this] { m_reasoningToggledByUser = true; });
    layout->addWidget(m_thinkingToggle, 0, Qt::AlignLeft);

    auto* reasoningLayout = new QVBoxLayout(m_reasoningArea);
    reasoningLayout->setContentsMargins(kReasoningIndent, 0, 0, 4);
    reasoningLayout->addWidget(m_reasoning);
    m_reasoning->setAccessibleName(tr("Reasoning"));
    // Appended to piece by piece and never edited: an undo history would only copy it.
    m_reasoning->document()->setUndoRedoEnabled(false);
    QFont reasoningFont = m_reasoning->font();
    reasoningFont.setPointSizeF(reasoningFont.pointSizeF() * 0.92);
    m_reasoning->setFont(reasoningFont);
    m_reasoningArea->hide();
    layout->addWidget(m_reasoningArea);

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
        endThinking(); // the answer started
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
    const bool first = m_reasoningText.isEmpty();
    m_reasoningText += chunk;
    // Plain text appended at the end: the cost of a chunk does not grow with the reasoning.
    QTextCursor cursor(m_reasoning->document());
    cursor.movePosition(QTextCursor::End);
    cursor.insertText(chunk);
    if (first && isThinking() && !m_reasoningToggledByUser)
        setReasoningExpanded(true);
    updateReasoningSection();
}

void MessageWidget::setReasoning(const QString& text)
{
    m_reasoningText = text;
    m_reasoning->setPlainText(text);
    updateReasoningSection();
}

bool MessageWidget::isReasoningExpanded() const
{
    return m_thinkingToggle->isChecked();
}

void MessageWidget::setReasoningExpanded(bool expanded)
{
    m_thinkingToggle->setChecked(expanded); // -> showReasoning() if it changed
}

void MessageWidget::showReasoning()
{
    updateReasoningSection();
}

void MessageWidget::setThinkingElapsed(qint64 milliseconds)
{
    if (!isThinking())
        return;
    // Never backwards: heartbeats and the window's own clock may disagree by a little.
    m_thinkingMs = std::max(m_thinkingMs, milliseconds);
    updateReasoningSection();
}

void MessageWidget::endThinking(qint64 milliseconds)
{
    if (m_thinkingEnded)
        return;
    m_thinkingEnded = true;
    if (milliseconds >= 0)
        m_thinkingMs = milliseconds;
    if (!m_reasoningText.isEmpty() && !m_reasoningToggledByUser)
        setReasoningExpanded(false);
    updateReasoningSection();
}

bool MessageWidget::isThinking() const
{
    return m_streaming && !m_thinkingEnded;
}

QString MessageWidget::reasoningHeader() const
{
    return m_thinkingToggle->text();
}

QString MessageWidget::formatThinkingTime(qint64 milliseconds)
{
    if (milliseconds < 1000)
        return tr("less than a second");
    const qint64 seconds = (milliseconds + 500) / 1000;
    if (seconds < 60)
        return tr("%1 s").arg(seconds);
    if (seconds % 60 == 0)
        return tr("%1 min").arg(seconds / 60);
    return tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60);
}

void MessageWidget::setStreaming(bool streaming)
{
    m_streaming = streaming;
    if (!streaming)
        endThinking();
    updateReasoningSection();
}

void MessageWidget::updateReasoningSection()
{
    QString header;
    if (isThinking())
        header = m_thinkingMs >= 1000 ? tr("Thinking… %1").arg(formatThinkingTime(m_thinkingMs))
                                      : tr("Thinking…");
    else
        header = m_thinkingMs >= 0 ? tr("Thought for %1").arg(formatThinkingTime(m_thinkingMs))
                                   : tr("Reasoning");
    if (header != m_thinkingToggle->text()) {
        m_thinkingToggle->setText(header);
        m_thinkingToggle->setAccessibleName(header);
        m_thinkingToggle->updateGeometry();
    }
    m_thinkingToggle->setVisible(!m_reasoningText.isEmpty());
    m_reasoningArea->setVisible(isReasoningExpanded() && !m_reasoningText.isEmpty());
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
    if (!m_reasoningArea->isHidden()) {
        // A quiet rule under the triangle marks the indented text as the header's content.
        const QRect area = m_reasoningArea->geometry();
        const qreal x = m_thinkingToggle->x() + kRuleX;
        painter.setPen(QPen(mix(colors.color(QPalette::Base), colors.color(QPalette::Text), 0.2),
                            1.5, Qt::SolidLine, Qt::RoundCap));
        painter.drawLine(QPointF(x, area.top() + 2), QPointF(x, area.bottom() - 4));
        painter.setPen(Qt::NoPen);
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
