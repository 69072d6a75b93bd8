// MainWindow: the chat window. With a history store: the sidebar (conversations, search) on the
// left, the conversation on the right. The conversation's state and its store traffic live in
// ConversationController; the window renders it and owns what is only visual: the transcript,
// the composer, the status line, the Thinking timer and the banner for store problems. It talks
// to the core only through its signals (start / cancel a turn) and slots (deltas, heartbeats,
// results), which app/ connects to the Engine with queued connections. No network, no disk, no
// waiting. One turn at a time.
#pragma once

#include "core/chat/ChatTypes.h"
#include "core/mcp/McpTypes.h"
#include "core/store/StoreTypes.h"
#include "ui/ChatSettings.h"

#include <QElapsedTimer>
#include <QList>
#include <QMainWindow>
#include <QPointer>
#include <QTimer>

class QAbstractButton;
class QAction;
class QMenu;
class QPushButton;
class QSplitter;
class QVBoxLayout;

namespace keel::core {
class Settings;
class StoreClient;
} // namespace keel::core

namespace keel::ui {

class AttachmentStrip;
class Composer;
class ConversationController;
class DraftKeeper;
class FindBar;
class MessageWidget;
class NoticeBanner;
class Sidebar;
class StatusLine;
class TranscriptView;
class WindowSettings;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    // Without a store the window keeps its conversation in memory only (and has no sidebar).
    // The StoreClient must outlive the window.
    explicit MainWindow(ChatSettings settings, core::StoreClient* store = nullptr,
                        QWidget* parent = nullptr);
    ~MainWindow() override;

    // Same as typing `text` and pressing Enter (the composer's own text is left alone).
    void sendText(const QString& text);
    bool isTurnActive() const;
    // The text of the latest reply, also while it streams (for tests and Copy last reply).
    QString lastReplyText() const;
    TranscriptView* transcript() const { return m_transcript; }
    Composer* composer() const { return m_composer; }
    // The attachments of the message being written, and the button that adds files.
    AttachmentStrip* attachmentStrip() const { return m_attachments; }
    QAbstractButton* attachButton() const { return m_attachButton; }
    StatusLine* statusLine() const { return m_statusLine; }
    ConversationController* controller() const { return m_controller; }
    Sidebar* sidebar() const { return m_sidebar; }
    NoticeBanner* banner() const { return m_banner; }
    // Find in conversation (Ctrl+F), above the transcript.
    FindBar* findBar() const { return m_findBar; }
    // The composer's unsent text per conversation.
    DraftKeeper* drafts() const { return m_drafts; }
    // Sidebar | conversation (null without a store); saved with the window's geometry.
    QSplitter* splitter() const { return m_splitter; }
    // What the next turn would send as the conversation so far.
    QList<core::ChatMessage> conversation() const;

    // With a configuration: turns use its providers and the conversation's model, and the
    // window gains the chat header, onboarding, Settings (Ctrl+,) and assistants (see
    // WindowSettings). settings must outlive the window.
    void setConfiguration(core::Settings* settings);
    WindowSettings* windowSettings() const { return m_windowSettings; }
    // For WindowSettings: where the conversation's widgets are stacked, and the menus.
    QVBoxLayout* conversationLayout() const { return m_conversationLayout; }
    QMenu* fileMenu() const { return m_fileMenu; }
    QMenu* chatMenu() const { return m_chatMenu; }
    // The transcript's font ("" / 0: the system's family / size); re-renders the messages.
    void setTranscriptFont(const QString& family, int pointSize);

    // How often the Thinking header's time is refreshed between heartbeats, while thinking.
    static constexpr int kThinkingTickMs = 1000;

Q_SIGNALS:
    void startTurnRequested(const keel::core::TurnRequest& request);
    void cancelTurnRequested(const QString& turnId);
    // Test connection / Fetch models in the Settings dialog (to Engine::listModels).
    void listModelsRequested(const keel::core::ModelListRequest& request);
    // Check server on the Tools page (to Engine::inspectMcpServer).
    void inspectMcpServerRequested(const QString& requestId,
                                   const keel::core::McpServerConfig& config);
    // After the end of a turn was rendered.
    void turnEnded(const QString& turnId, keel::core::TurnOutcome outcome);
    // An approval card was answered (to Engine::answerToolApproval).
    void toolApprovalAnswered(const QString& turnId, const QString& callId,
                              keel::core::ToolApproval approval);
    // "Always allow this tool" on a card (to Settings::setToolPolicy).
    void toolPolicyChosen(const QString& key, keel::core::ToolPolicy policy);

public Q_SLOTS:
    void onTurnDelta(const keel::core::TurnDelta& delta);
    void onTurnHeartbeat(const keel::core::TurnHeartbeat& heartbeat);
    void onTurnFinished(const keel::core::TurnResult& result);
    void onToolCallUpdated(const keel::core::ToolCallEvent& event);
    void onModelsListed(const keel::core::ModelListResult& result);
    void onMcpServerInspected(const QString& requestId, const keel::core::McpServerStatus& status);

    void stop();
    void newChat();
    void copyLastReply();
    void openConversation(qint64 conversationId);
    // Opens the conversation on the branch of the message, scrolls to it and highlights it.
    void showMessage(qint64 conversationId, qint64 messageId);
    void focusSearch();
    void findInConversation();
    // Edits the latest message the user sent on this branch, in place (Up in the empty composer).
    void editLastMessage();

protected:
    void closeEvent(QCloseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    void createMenus();
    // The Attach button, drops on `area` and on the composer, pasted images.
    void setUpAttachments(QWidget* area);
    bool submit(const QString& text);
    void updateActions();
    void updateTitle();
    QString authorOf(const core::StoredMessage& message) const;

    // The transcript mirrors the controller's branch, index for index.
    MessageWidget* createMessage(int index);
    void render(int index);
    void renderEdges();
    void rebuildTranscript();
    void prependOlder(int count);
    void setMessagesInteractive(bool interactive);
    // Asks, then deletes the message and the ones after it.
    void confirmDelete(MessageWidget* widget);

    void turnStarted(const QString& turnId, int index);
    void replyDelta(int index, const core::TurnDelta& delta);
    void heartbeat(const core::TurnHeartbeat& heartbeat);
    void turnFinished(const QString& turnId, int index, const core::TurnResult& result);
    void storeFailed(const core::StoreError& error, bool memoryOnly);
    void reveal(int index, bool highlight);

    // The turn's elapsed time on the core's clock: the latest heartbeat's elapsedMs plus the
    // time since it arrived (before any heartbeat, the window's own clock).
    qint64 turnElapsedMs() const;
    void updateThinking();
    void endThinking(qint64 turnElapsedMs);

    ChatSettings m_settings;
    core::StoreClient* m_store;
    ConversationController* m_controller;

    QVBoxLayout* m_conversationLayout = nullptr;
    QMenu* m_fileMenu = nullptr;
    QMenu* m_chatMenu = nullptr;
    WindowSettings* m_windowSettings = nullptr;
    QSplitter* m_splitter = nullptr;
    Sidebar* m_sidebar = nullptr;
    NoticeBanner* m_banner;
    TranscriptView* m_transcript;
    Composer* m_composer;
    AttachmentStrip* m_attachments;
    QAbstractButton* m_attachButton = nullptr;
    QPushButton* m_sendButton;
    StatusLine* m_statusLine;
    QAction* m_stopAction = nullptr;
    QAction* m_newChatAction = nullptr;
    QAction* m_copyAction = nullptr;
    QAction* m_searchAction = nullptr;
    QAction* m_findAction = nullptr;
    FindBar* m_findBar = nullptr;
    DraftKeeper* m_drafts = nullptr;

    // The running turn's view state.
    QPointer<MessageWidget> m_reply;
    QElapsedTimer m_turnClock;
    qint64 m_heartbeatElapsedMs = -1; // -1: no heartbeat yet
    QElapsedTimer m_sinceHeartbeat;
    // Thinking: from the first reasoning delta to the first text (or the end of the turn).
    qint64 m_thinkingStartMs = -1;
    bool m_thinking = false;
    bool m_answerStarted = false;
    QTimer m_thinkingTicker; // runs only while thinking

    // Where the message whose version was switched sat on screen: it stays there.
    int m_versionAnchorY = -1;
    qint64 m_sidebarConversation = -1;
    qint64 m_titledConversation = 0;
    QString m_bannerNotice;    // the store problem the banner shows
    QString m_dismissedNotice; // and the one the user already dismissed
};

} // namespace keel::ui
