// MessageWidget: one message of the transcript: who wrote it, an optional collapsible
// "Thinking" section (the model's reasoning, plain text), the body (Markdown for replies, plain
// text for the user's own words), and for a failed or cut-off reply an inline error with Retry.
// Appending to a streaming reply re-renders only this message, and in it only the unfinished
// tail (see StreamingMarkdown).
#pragma once

#include "core/chat/ChatTypes.h"
#include "ui/StreamingMarkdown.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTextDocument;
class QToolButton;

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

    void appendReasoning(const QString& chunk);
    void setReasoning(const QString& text);
    QString reasoning() const { return m_reasoningText; }
    bool isReasoningExpanded() const;
    void setReasoningExpanded(bool expanded);

    // Marks the message as still arriving (the Thinking toggle says so).
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
    void updateThinkingToggle();

    const core::Role m_role;
    QLabel* m_author;
    QToolButton* m_thinkingToggle;
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
};

} // namespace keel::ui
