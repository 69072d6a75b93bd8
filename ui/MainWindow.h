// MainWindow: the chat window. Owns the in-memory conversation and the widgets that show it;
// talks to the core only through its signals (start / cancel a turn) and slots (deltas,
// heartbeats, results), which app/ connects to the Engine with queued connections. Renders and
// nothing else: no network, no disk, no waiting. One turn at a time.
#pragma once

#include "core/chat/ChatTypes.h"
#include "ui/ChatSettings.h"

#include <QElapsedTimer>
#include <QList>
#include <QMainWindow>
#include <QPointer>
#include <QTimer>

class QAction;
class QPushButton;

namespace keel::ui {

class Composer;
class MessageWidget;
class StatusLine;
class TranscriptView;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(ChatSettings settings, QWidget* parent = nullptr);

    // Same as typing `text` and pressing Enter (the composer's own text is left alone).
    void sendText(const QString& text);
    bool isTurnActive() const { return !m_turnId.isEmpty(); }
    // The text of the latest reply, also while it streams (for tests and Copy last reply).
    QString lastReplyText() const;
    TranscriptView* transcript() const { return m_transcript; }
    Composer* composer() const { return m_composer; }
    StatusLine* statusLine() const { return m_statusLine; }
    const QList<core::ChatMessage>& conversation() const { return m_messages; }

    // How long a requested cancel may take before the window stops waiting for the core.
    static constexpr int kCancelGraceMs = 5000;
    // How often the Thinking header's time is refreshed between heartbeats, while thinking.
    static constexpr int kThinkingTickMs = 1000;

Q_SIGNALS:
    void startTurnRequested(const keel::core::TurnRequest& request);
    void cancelTurnRequested(const QString& turnId);
    // After the end of a turn was rendered.
    void turnEnded(const QString& turnId, keel::core::TurnOutcome outcome);

public Q_SLOTS:
    void onTurnDelta(const keel::core::TurnDelta& delta);
    void onTurnHeartbeat(const keel::core::TurnHeartbeat& heartbeat);
    void onTurnFinished(const keel::core::TurnResult& result);

    void stop();
    void newChat();
    void copyLastReply();

protected:
    void closeEvent(QCloseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    void createMenus();
    bool submit(const QString& text);
    void startTurn();
    void retry(MessageWidget* failed);
    void updateActions();
    QString assistantName() const;
    // The turn's elapsed time on the core's clock: the latest heartbeat's elapsedMs plus the
    // time since it arrived (before any heartbeat, the window's own clock).
    qint64 turnElapsedMs() const;
    void updateThinking();
    void endThinking(qint64 turnElapsedMs);

    ChatSettings m_settings;
    QList<core::ChatMessage> m_messages;

    TranscriptView* m_transcript;
    Composer* m_composer;
    QPushButton* m_sendButton;
    StatusLine* m_statusLine;
    QAction* m_stopAction = nullptr;
    QAction* m_newChatAction = nullptr;
    QAction* m_copyAction = nullptr;

    // The running turn.
    QString m_turnId;
    QPointer<MessageWidget> m_reply;
    QString m_replyText;
    QString m_reasoningText;
    bool m_cancelRequested = false;
    QTimer m_cancelGrace;
    QElapsedTimer m_turnClock;
    qint64 m_heartbeatElapsedMs = -1; // -1: no heartbeat yet
    QElapsedTimer m_sinceHeartbeat;
    // Thinking: from the first reasoning delta to the first text (or the end of the turn).
    qint64 m_thinkingStartMs = -1;
    bool m_thinking = false;
    QTimer m_thinkingTicker; // runs only while thinking

    QString m_lastReply;
    // The failed reply that Retry may replace, and the history to send again.
    QPointer<MessageWidget> m_failed;
    qsizetype m_retryHistorySize = 0;
};

} // namespace keel::ui
