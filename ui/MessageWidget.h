// MessageWidget: one message of the transcript: who wrote it, an optional collapsible
// "Thinking" section (the model's reasoning, plain text), the body (Markdown for replies, plain
// text for the user's own words), and for a failed or cut-off reply an inline error with Retry.
// Appending to a streaming reply re-renders only this message, and in it only the unfinished
// tail (see StreamingMarkdown).
#pragma once

#include "core/chat/ChatTypes.h"
#include "ui/StreamingMarkdown.h"

#include <QWidget>

class QAbstractButton;
class QLabel;
class QPushButton;
class QTextDocument;

namespace keel::ui {

class MessageTextView;

class MessageWidget : public QWidget {
    Q_OBJECT
public:
    MessageWidget(core::Role role, const QString& author, QWidget* parent = nullptr);

    core::Role role() const { return m_role; }

    // The whole text at once (a finished or restored message).
    void setText(const QString& text);
    // The next piece of a streaming reply.
    void appendText(const QString& chunk);
    QString text() const;

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
    void setRetryEnabled(bool enabled);
    bool hasError() const;
    QString errorText() const;

    // A quiet line under the body, e.g. "Stopped".
    void setNote(const QString& note);
    QString note() const;

    MessageTextView* body() const { return m_body; }
    QTextDocument* bodyDocument() const;
    QPushButton* retryButton() const { return m_retryButton; }

Q_SIGNALS:
    void retryRequested();

protected:
    void paintEvent(QPaintEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void applyPalette();
    void updateReasoningSection();
    void showReasoning();

    const core::Role m_role;
    QLabel* m_author;
    QAbstractButton* m_thinkingToggle;
    QWidget* m_reasoningArea; // the reasoning text, indented beside a quiet rule
    MessageTextView* m_reasoning;
    MessageTextView* m_body;
    QWidget* m_errorArea;
    QLabel* m_errorLabel;
    QPushButton* m_retryButton;
    QLabel* m_note;
    StreamingMarkdown m_markdown;
    QString m_plainText; // the body of a user message
    QString m_reasoningText;
    bool m_streaming = false;
    bool m_thinkingEnded = false;
    bool m_reasoningToggledByUser = false;
    qint64 m_thinkingMs = -1; // -1: not known
};

} // namespace keel::ui
