// MessageWidget: one message of the transcript: who wrote it, an optional collapsible
// "Thinking" section (the model's reasoning, plain text), the body (Markdown for replies, plain
// text for the user's own words), for a failed or cut-off reply an inline error with Retry (and
// Continue), and a row of actions: the "‹ 2/3 ›" versions navigator, Copy (as Markdown), Edit
// (the user's own messages, in place), Regenerate or Continue (replies), Details (a reply's
// model, tokens and timing) and "…" (Copy as plain text, Delete). The actions are drawn while the
// pointer is over the message or one of them has keyboard focus (always for the latest message).
// Appending to a streaming reply re-renders only this message, and in it only the unfinished
// tail (see StreamingMarkdown). A reply's tool calls are cards between its text, where they were
// made (see ReplyBody).
#pragma once

#include "core/chat/ChatTypes.h"
#include "core/tools/ToolTypes.h"

#include <QWidget>

class QAbstractButton;
class QAction;
class QLabel;
class QMenu;
class QPushButton;
class QTextDocument;
class QVariantAnimation;

namespace keel::ui {

class AttachmentThumbnails;
class BranchNavigator;
class Composer;
class MessageTextView;
class ReplyBody;
class ToolCard;

class MessageWidget : public QWidget {
    Q_OBJECT
public:
    MessageWidget(core::Role role, const QString& author, QWidget* parent = nullptr);

    core::Role role() const { return m_role; }

    // The whole text at once (a finished or restored message). With tool cards, the text is
    // split again at their positions.
    void setText(const QString& text);
    // The next piece of a streaming reply (after the last tool card, if any).
    void appendText(const QString& chunk);
    QString text() const;

    // A call of this reply started or changed: creates its card (placed after the text received
    // so far, i.e. at event.textOffset) or updates it.
    void updateToolCall(const core::ToolCallEvent& event);
    // A stored reply's calls; call after setText: the text is split at the records' textOffsets
    // and the cards placed between.
    void setToolCalls(const QList<core::ToolCallRecord>& records);
    QList<ToolCard*> toolCards() const;
    ReplyBody* replyBody() const { return m_content; }

    // The files attached to a user message: thumbnails and file chips under its text (none:
    // the row is hidden). Unchanged attachments are not rebuilt.
    void setAttachments(const QList<core::Attachment>& attachments);
    AttachmentThumbnails* attachmentRow() const { return m_attachments; }

    // The "Thinking" section above the answer: the model's reasoning as plain text. While the
    // model thinks (streaming, no answer text yet) it is expanded and its header counts the
    // time; when thinking ends it collapses to "Thought for 12 s", unless the user opened or
    // closed it by hand: from then on only the user decides.
    void appendReasoning(const QString& chunk);
    void setReasoning(const QString& text);
    QString reasoning() const { return m_reasoningText; }
    bool isReasoningExpanded() const;
    void setReasoningExpanded(bool expanded);
    // How long the model has been thinking so far (the header shows it while thinking).
    void setThinkingElapsed(qint64 milliseconds);
    // Thinking is over (the answer started or the turn ended); `milliseconds` is how long it
    // took, or -1 to keep the last known time. Later calls change nothing.
    void endThinking(qint64 milliseconds = -1);
    bool isThinking() const;
    QString reasoningHeader() const;
    QAbstractButton* reasoningToggle() const { return m_thinkingToggle; }
    MessageTextView* reasoningView() const { return m_reasoning; }

    // "less than a second", "12 s", "1 min 5 s".
    static QString formatThinkingTime(qint64 milliseconds);

    // Marks the message as still arriving; false also ends thinking.
    void setStreaming(bool streaming);

    // Shows the inline error under the (partial) text. `cutOff`: the reply is incomplete.
    void showError(const QString& message, bool cutOff);
    void clearError();
    void setRetryEnabled(bool enabled);
    bool hasError() const;
    QString errorText() const;

    // Continue is offered for a reply that stopped early: in the error box of a cut-off reply,
    // among the actions of a stopped one.
    void setContinueAvailable(bool available);
    bool isContinueAvailable() const { return m_continueAvailable; }
    // The visible Continue button (the error box's for a cut-off reply), or the toolbar's.
    QAbstractButton* continueButton() const;

    // "k/n" of the versions navigator; n <= 1 hides it.
    void setVersion(int position, int count);
    BranchNavigator* navigator() const { return m_navigator; }

    // Off while a reply is written: nothing may change the conversation under it.
    void setInteractive(bool interactive);
    bool isInteractive() const { return m_interactive; }
    // The latest message shows its actions without hovering.
    void setActionsPinned(bool pinned);
    bool actionsShown() const;

    QAbstractButton* copyButton() const { return m_copyButton; }
    QAbstractButton* editButton() const { return m_editButton; }
    QAbstractButton* regenerateButton() const { return m_regenerateButton; }
    // Details of a reply (see MessageDetails), shown by the Details action; "" hides it.
    void setDetails(const QString& details);
    QString details() const { return m_details; }
    QAbstractButton* detailsButton() const { return m_detailsButton; }
    // "…": a menu with Copy as plain text and Delete.
    QAbstractButton* moreButton() const { return m_moreButton; }
    QMenu* moreMenu() const { return m_moreMenu; }
    QAction* copyPlainAction() const { return m_copyPlainAction; }
    QAction* deleteAction() const { return m_deleteAction; }
    // The text as shown, without Markdown syntax (the text segments, blank-line separated).
    QString plainText() const;

    // In-place editing of a user message: the text goes into an editor under the author; Enter
    // (or Send) submits it as a new version, Escape (or Cancel) puts the message back.
    void beginEdit();
    void endEdit();
    bool isEditing() const { return m_editor != nullptr; }
    Composer* editor() const { return m_editor; }

    // Draws attention to the message for a moment (a search result that was jumped to).
    void flash();
    bool isFlashing() const;

    // A quiet line under the body, e.g. "Stopped".
    void setNote(const QString& note);
    QString note() const;

    // The first text segment (all of the text when the reply made no tool calls).
    MessageTextView* body() const;
    QTextDocument* bodyDocument() const;
    QPushButton* retryButton() const { return m_retryButton; }

Q_SIGNALS:
    void retryRequested();
    void continueRequested();
    void regenerateRequested();
    void copyRequested();
    void copyPlainRequested();
    void deleteRequested();
    void editSubmitted(const QString& text);
    void previousVersionRequested();
    void nextVersionRequested();
    void toolApprovalChosen(const QString& callId, keel::core::ToolApproval approval);

protected:
    void paintEvent(QPaintEvent* event) override;
    void changeEvent(QEvent* event) override;
    void enterEvent(QEnterEvent* event) override;
    void leaveEvent(QEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void applyPalette();
    void updateReasoningSection();
    void showReasoning();
    void updateActions();
    void updateContentVisibility();
    QAbstractButton* addAction(const QString& text, const QString& accessibleName);

    const core::Role m_role;
    QLabel* m_author;
    QAbstractButton* m_thinkingToggle;
    QWidget* m_reasoningArea; // the reasoning text, indented beside a quiet rule
    MessageTextView* m_reasoning;
    ReplyBody* m_content; // text segments and tool cards
    // Made for the first attachment.
    AttachmentThumbnails* m_attachments = nullptr;
    QWidget* m_errorArea;
    QLabel* m_errorLabel;
    QPushButton* m_continueButton;
    QPushButton* m_retryButton;
    QLabel* m_note;
    QWidget* m_editArea = nullptr;
    Composer* m_editor = nullptr;
    QWidget* m_actionRow;
    BranchNavigator* m_navigator;
    QAbstractButton* m_copyButton;
    QAbstractButton* m_editButton;
    QAbstractButton* m_regenerateButton;
    QAbstractButton* m_continueAction;
    QAbstractButton* m_detailsButton;
    QAbstractButton* m_moreButton;
    QMenu* m_moreMenu;
    QAction* m_copyPlainAction;
    QAction* m_deleteAction;
    QString m_details;
    QVariantAnimation* m_flash = nullptr;
    qreal m_flashLevel = 0; // 1 right after flash(), fading to 0
    QString m_reasoningText;
    bool m_streaming = false;
    bool m_thinkingEnded = false;
    bool m_reasoningToggledByUser = false;
    qint64 m_thinkingMs = -1; // -1: not known
    bool m_continueAvailable = false;
    bool m_retryAllowed = true;
    bool m_interactive = true;
    bool m_actionsPinned = false;
    bool m_hovered = false;
};

} // namespace keel::ui
