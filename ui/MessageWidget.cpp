// MessageWidget: author, reasoning, body, inline error, editor and actions of one message.
#include "ui/MessageWidget.h"

#include "ui/AttachmentThumbnails.h"
#include "ui/BranchNavigator.h"
#include "ui/Composer.h"
#include "ui/MessageTextView.h"
#include "ui/QuietButton.h"
#include "ui/ReplyBody.h"
#include "ui/ThemePalette.h"
#include "ui/WidgetPainting.h"

#include <QAbstractButton>
#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QMenu>
#include <QPainter>
#include <QPainterPath>
#include <QPushButton>
#include <QTextCursor>
#include <QTextDocument>
#include <QToolTip>
#include <QVBoxLayout>
#include <QVariantAnimation>

#include <algorithm>

namespace keel::ui {

namespace {

constexpr int kRadius = 10;

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

constexpr int kFlashMs = 1600;

// A button of the actions row. While the row is dormant (pointer elsewhere, no focus in it) it
// keeps its place, so the text does not jump when the pointer moves over it, but draws nothing,
// so the transcript stays calm.
class ActionButton : public QuietButton {
public:
    ActionButton(const MessageWidget* owner, const QString& text, QWidget* parent)
        : QuietButton(text, parent)
        , m_owner(owner)
    {
    }

protected:
    bool isDormant() const override { return !m_owner->actionsShown(); }

private:
    const MessageWidget* m_owner;
};

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

        paintFocusRing(painter, *this, rect(), 4);
        // Right when collapsed, down when expanded.
        paintDisclosureTriangle(painter, kHeaderPadding, height() / 2.0, kTriangleSize, isChecked(),
                                ink);

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
    , m_content(new ReplyBody(
          role == core::Role::User ? ReplyBody::Format::Plain : ReplyBody::Format::Markdown,
          role == core::Role::User ? tr("Message text") : tr("Reply text"), this))
    , m_errorArea(new QWidget(this))
    , m_errorLabel(new QLabel(m_errorArea))
    , m_continueButton(new QPushButton(tr("Continue"), m_errorArea))
    , m_retryButton(new QPushButton(tr("Retry"), m_errorArea))
    , m_note(new QLabel(this))
    , m_actionRow(new QWidget(this))
    , m_navigator(new BranchNavigator(m_actionRow))
    , m_copyButton(nullptr)
    , m_editButton(nullptr)
    , m_regenerateButton(nullptr)
    , m_continueAction(nullptr)
    , m_detailsButton(nullptr)
    , m_moreButton(nullptr)
    , m_moreMenu(nullptr)
    , m_copyPlainAction(nullptr)
    , m_deleteAction(nullptr)
{
    const bool user = role == core::Role::User;
    setAccessibleName(user ? tr("Your message") : tr("Reply from %1").arg(author));

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(14, 10, 14, 0);
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

    m_content->hide(); // until there is text: a failed reply may have none
    connect(m_content, &ReplyBody::approvalChosen, this, &MessageWidget::toolApprovalChosen);
    layout->addWidget(m_content);

    auto* errorLayout = new QHBoxLayout(m_errorArea);
    errorLayout->setContentsMargins(12, 8, 8, 8);
    errorLayout->setSpacing(12);
    m_errorLabel->setTextFormat(Qt::PlainText);
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_errorLabel->setAccessibleName(tr("Error"));
    errorLayout->addWidget(m_errorLabel, 1);
    m_continueButton->setAccessibleName(tr("Continue this reply"));
    m_continueButton->setToolTip(tr("Ask the model to go on from where it stopped"));
    m_continueButton->hide();
    connect(m_continueButton, &QPushButton::clicked, this, &MessageWidget::continueRequested);
    errorLayout->addWidget(m_continueButton, 0, Qt::AlignVCenter);
    m_retryButton->setAccessibleName(tr("Retry this reply"));
    connect(m_retryButton, &QPushButton::clicked, this, &MessageWidget::retryRequested);
    errorLayout->addWidget(m_retryButton, 0, Qt::AlignVCenter);
    m_errorArea->hide();
    layout->addWidget(m_errorArea);

    m_note->setTextFormat(Qt::PlainText);
    m_note->hide();
    layout->addWidget(m_note);

    // The actions row, under the message (and outside a user message's bubble): versions first
    // (always drawn when there are several), then the quiet buttons.
    layout->addSpacing(6); // with the layout's spacing, the bubble's padding under the text
    auto* actions = new QHBoxLayout(m_actionRow);
    actions->setContentsMargins(0, 0, 0, 0);
    actions->setSpacing(2);
    m_navigator->setAccessibleName(tr("Versions of this message"));
    connect(m_navigator, &BranchNavigator::previousRequested, this,
            &MessageWidget::previousVersionRequested);
    connect(m_navigator, &BranchNavigator::nextRequested, this,
            &MessageWidget::nextVersionRequested);
    actions->addWidget(m_navigator);
    m_copyButton = addAction(tr("Copy"), user ? tr("Copy this message") : tr("Copy this reply"));
    m_copyButton->setToolTip(tr("Copy as Markdown"));
    connect(m_copyButton, &QAbstractButton::clicked, this, &MessageWidget::copyRequested);
    actions->addWidget(m_copyButton);
    m_editButton = addAction(tr("Edit"), tr("Edit this message"));
    m_editButton->setToolTip(tr("Edit and send as a new version"));
    connect(m_editButton, &QAbstractButton::clicked, this, &MessageWidget::beginEdit);
    actions->addWidget(m_editButton);
    m_regenerateButton = addAction(tr("Regenerate"), tr("Regenerate this reply"));
    m_regenerateButton->setToolTip(tr("Write a new version of this reply"));
    connect(m_regenerateButton, &QAbstractButton::clicked, this,
            &MessageWidget::regenerateRequested);
    actions->addWidget(m_regenerateButton);
    m_continueAction = addAction(tr("Continue"), tr("Continue this reply"));
    m_continueAction->setToolTip(tr("Ask the model to go on from where it stopped"));
    connect(m_continueAction, &QAbstractButton::clicked, this, &MessageWidget::continueRequested);
    actions->addWidget(m_continueAction);
    m_detailsButton = addAction(tr("Details"), tr("Details of this reply"));
    // The tooltip under the pointer; a click or the keyboard shows the same text at the button.
    connect(m_detailsButton, &QAbstractButton::clicked, this, [this] {
        QToolTip::showText(m_detailsButton->mapToGlobal(QPoint(0, m_detailsButton->height())),
                           m_detailsButton->toolTip(), m_detailsButton);
    });
    actions->addWidget(m_detailsButton);
    m_moreButton = addAction(QStringLiteral("…"), tr("More actions"));
    m_moreButton->setToolTip(tr("More actions"));
    m_moreMenu = new QMenu(this);
    m_moreMenu->setAccessibleName(tr("More actions"));
    connect(m_moreMenu->addAction(tr("Copy as Markdown")), &QAction::triggered, this,
            &MessageWidget::copyRequested);
    m_copyPlainAction = m_moreMenu->addAction(tr("Copy as plain text"));
    connect(m_copyPlainAction, &QAction::triggered, this, &MessageWidget::copyPlainRequested);
    m_moreMenu->addSeparator();
    m_deleteAction = m_moreMenu->addAction(tr("Delete…"));
    connect(m_deleteAction, &QAction::triggered, this, &MessageWidget::deleteRequested);
    connect(m_moreButton, &QAbstractButton::clicked, this, [this] {
        m_moreMenu->popup(m_moreButton->mapToGlobal(QPoint(0, m_moreButton->height())));
    });
    actions->addWidget(m_moreButton);
    actions->addStretch(1);
    layout->addWidget(m_actionRow);

    setAttribute(Qt::WA_Hover);
    updateActions();
    applyPalette();
}

QAbstractButton* MessageWidget::addAction(const QString& text, const QString& accessibleName)
{
    auto* button = new ActionButton(this, text, m_actionRow);
    button->setAccessibleName(accessibleName);
    button->installEventFilter(this); // focus in and out wake and calm the row
    return button;
}

void MessageWidget::setText(const QString& text)
{
    // The user's own words are shown as typed, a reply as Markdown (see the ReplyBody's format).
    m_content->setText(text); // unchanged segments are not rendered again
    updateContentVisibility();
    updateActions();
}

void MessageWidget::appendText(const QString& chunk)
{
    if (chunk.isEmpty())
        return;
    const bool first = text().isEmpty();
    m_content->appendText(chunk);
    if (first) {
        updateContentVisibility();
        if (m_role != core::Role::User)
            endThinking(); // the answer started
        updateActions();
    }
}

QString MessageWidget::text() const
{
    return m_content->text();
}

void MessageWidget::updateToolCall(const core::ToolCallEvent& event)
{
    if (m_content->updateToolCall(event)) {
        // The model acts: whatever it thought before the call is over, and the header must
        // not go on counting while the tool runs.
        endThinking();
        updateContentVisibility();
        updateActions();
    }
}

void MessageWidget::setToolCalls(const QList<core::ToolCallRecord>& records)
{
    m_content->setToolCalls(records);
    updateContentVisibility();
    updateActions();
}

void MessageWidget::setAttachments(const QList<core::Attachment>& attachments)
{
    if (m_attachments == nullptr) {
        if (attachments.isEmpty())
            return;
        m_attachments = new AttachmentThumbnails(this);
        auto* layout = static_cast<QVBoxLayout*>(this->layout());
        layout->insertWidget(layout->indexOf(m_content) + 1, m_attachments);
    }
    m_attachments->setAttachments(attachments);
}

QString MessageWidget::plainText() const
{
    QStringList parts;
    for (const MessageTextView* view : m_content->textViews()) {
        const QString part = view->document()->toPlainText();
        if (!part.trimmed().isEmpty())
            parts.append(part);
    }
    return parts.join(QStringLiteral("\n\n"));
}

void MessageWidget::setDetails(const QString& details)
{
    if (details == m_details)
        return;
    m_details = details;
    // Model names come from servers: shown as plain text, never interpreted.
    m_detailsButton->setToolTip(
        details.isEmpty() ? QString() : Qt::convertFromPlainText(details, Qt::WhiteSpaceNormal));
    m_detailsButton->setAccessibleDescription(details);
    updateActions();
}

QList<ToolCard*> MessageWidget::toolCards() const
{
    return m_content->toolCards();
}

void MessageWidget::updateContentVisibility()
{
    m_content->setVisible(!m_content->isBlank() && !isEditing());
}

MessageTextView* MessageWidget::body() const
{
    return m_content->firstTextView();
}

QTextDocument* MessageWidget::bodyDocument() const
{
    return body()->document();
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
    if (text == m_reasoningText)
        return;
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
    updateActions();
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
    updateActions();
    update();
}

void MessageWidget::clearError()
{
    if (m_errorArea->isHidden())
        return;
    m_errorLabel->clear();
    m_errorArea->hide();
    updateActions();
    update();
}

void MessageWidget::setRetryEnabled(bool enabled)
{
    m_retryAllowed = enabled;
    m_retryButton->setVisible(enabled);
    updateActions();
}

void MessageWidget::setContinueAvailable(bool available)
{
    m_continueAvailable = available;
    updateActions();
}

QAbstractButton* MessageWidget::continueButton() const
{
    if (!m_continueButton->isHidden())
        return m_continueButton;
    return m_continueAction;
}

void MessageWidget::setVersion(int position, int count)
{
    m_navigator->setPosition(position, count);
    updateActions();
}

void MessageWidget::setInteractive(bool interactive)
{
    if (interactive == m_interactive)
        return;
    m_interactive = interactive;
    updateActions();
}

void MessageWidget::setActionsPinned(bool pinned)
{
    if (pinned == m_actionsPinned)
        return;
    m_actionsPinned = pinned;
    m_actionRow->update();
}

bool MessageWidget::actionsShown() const
{
    if (m_actionsPinned || m_hovered)
        return true;
    const QWidget* focus = focusWidget();
    return focus != nullptr && focus->hasFocus() && m_actionRow->isAncestorOf(focus);
}

void MessageWidget::updateActions()
{
    const bool user = m_role == core::Role::User;
    const bool hasText = !text().isEmpty();
    const bool failed = hasError();
    const bool idle = m_interactive && !m_streaming;
    m_copyButton->setVisible(hasText && !isEditing());
    m_editButton->setVisible(user && !isEditing());
    m_editButton->setEnabled(idle);
    // A failed reply has Retry in its error box, which does the same.
    m_regenerateButton->setVisible(!user && !failed && !m_streaming);
    m_regenerateButton->setEnabled(idle);
    m_continueAction->setVisible(!user && !failed && m_continueAvailable && !m_streaming);
    m_continueAction->setEnabled(idle);
    m_continueButton->setVisible(failed && m_continueAvailable);
    m_continueButton->setEnabled(idle);
    m_retryButton->setEnabled(m_interactive && m_retryAllowed);
    m_navigator->setInteractive(idle);
    m_detailsButton->setVisible(!user && !m_details.isEmpty() && !m_streaming);
    m_moreButton->setVisible(!isEditing() && !m_streaming);
    m_copyPlainAction->setEnabled(hasText);
    m_deleteAction->setEnabled(idle);
    const bool any = !m_navigator->isHidden() || !m_copyButton->isHidden()
                     || !m_editButton->isHidden() || !m_regenerateButton->isHidden()
                     || !m_continueAction->isHidden() || !m_detailsButton->isHidden()
                     || !m_moreButton->isHidden();
    m_actionRow->setVisible(any);
    m_actionRow->update();
}

void MessageWidget::beginEdit()
{
    if (m_role != core::Role::User || isEditing() || !m_interactive)
        return;
    m_editArea = new QWidget(this);
    auto* editLayout = new QVBoxLayout(m_editArea);
    editLayout->setContentsMargins(0, 0, 0, 0);
    editLayout->setSpacing(6);
    m_editor = new Composer(m_editArea);
    m_editor->setAccessibleName(tr("Edited message"));
    m_editor->setPlaceholderText(tr("Edit the message…"));
    m_editor->setPlainText(text());
    m_editor->installEventFilter(this); // Escape cancels
    editLayout->addWidget(m_editor);
    auto* buttons = new QHBoxLayout;
    buttons->setSpacing(8);
    buttons->addStretch(1);
    auto* cancel = new QPushButton(tr("Cancel"), m_editArea);
    cancel->setAccessibleName(tr("Cancel editing"));
    auto* send = new QPushButton(tr("Send"), m_editArea);
    send->setAccessibleName(tr("Send the edited message"));
    send->setDefault(true);
    buttons->addWidget(cancel);
    buttons->addWidget(send);
    editLayout->addLayout(buttons);
    connect(cancel, &QPushButton::clicked, this, &MessageWidget::endEdit);
    connect(send, &QPushButton::clicked, this, [this] {
        if (m_editor && !m_editor->toPlainText().trimmed().isEmpty())
            Q_EMIT editSubmitted(m_editor->toPlainText());
    });
    connect(m_editor, &Composer::submitted, this, &MessageWidget::editSubmitted);

    auto* layout = static_cast<QVBoxLayout*>(this->layout());
    layout->insertWidget(layout->indexOf(m_content), m_editArea);
    m_content->hide();
    updateActions();
    m_editor->setFocus();
    QTextCursor cursor = m_editor->textCursor();
    cursor.movePosition(QTextCursor::End);
    m_editor->setTextCursor(cursor);
}

void MessageWidget::endEdit()
{
    if (!isEditing())
        return;
    m_editor = nullptr;
    m_editArea->hide();
    // Later: the request may come from one of the editor's own buttons.
    m_editArea->deleteLater();
    m_editArea = nullptr;
    updateContentVisibility();
    updateActions();
}

void MessageWidget::flash()
{
    if (m_flash == nullptr) {
        m_flash = new QVariantAnimation(this);
        m_flash->setDuration(kFlashMs);
        m_flash->setStartValue(1.0);
        m_flash->setEndValue(0.0);
        m_flash->setEasingCurve(QEasingCurve::InQuad);
        connect(m_flash, &QVariantAnimation::valueChanged, this, [this](const QVariant& value) {
            m_flashLevel = value.toReal();
            update();
        });
    }
    m_flash->stop();
    m_flashLevel = 1;
    m_flash->start();
    update();
}

bool MessageWidget::isFlashing() const
{
    return m_flash != nullptr && m_flash->state() == QAbstractAnimation::Running;
}

void MessageWidget::enterEvent(QEnterEvent* event)
{
    QWidget::enterEvent(event);
    m_hovered = true;
    m_actionRow->update();
}

void MessageWidget::leaveEvent(QEvent* event)
{
    QWidget::leaveEvent(event);
    m_hovered = false;
    m_actionRow->update();
}

bool MessageWidget::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() == QEvent::FocusIn || event->type() == QEvent::FocusOut)
        m_actionRow->update();
    if (watched == m_editor && event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(event);
        if (key->key() == Qt::Key_Escape && key->modifiers() == Qt::NoModifier) {
            endEdit();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
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
    // The message itself, above its actions row.
    QRectF message = QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5);
    if (!m_actionRow->isHidden())
        message.setBottom(m_actionRow->geometry().top() - layout()->spacing() - 0.5);
    if (m_role == core::Role::User) {
        // The user's messages sit on a faint tint of the accent colour; replies are plain text
        // on the page, which is what people read most.
        painter.setBrush(
            mix(colors.color(QPalette::Base), colors.color(QPalette::Highlight), 0.10));
        painter.drawRoundedRect(message, kRadius, kRadius);
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
    if (m_flashLevel > 0) {
        QColor ring = colors.color(QPalette::Highlight);
        QColor fill = ring;
        ring.setAlphaF(0.9 * m_flashLevel);
        fill.setAlphaF(0.12 * m_flashLevel);
        painter.setBrush(fill);
        painter.setPen(QPen(ring, 2));
        painter.drawRoundedRect(message.adjusted(0.5, 0.5, -0.5, -0.5), kRadius, kRadius);
    }
}

void MessageWidget::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        applyPalette();
        // Code backgrounds are baked into the document: render the finished text again once.
        if (m_role == core::Role::Assistant && !m_streaming)
            m_content->renderAgain();
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

    m_content->setCodeBackground(mix(base, text, 0.07));
    m_content->setTableBorder(mix(base, text, 0.25));
}

} // namespace keel::ui
