// ConversationController: the open conversation of the chat window, without widgets. It holds
// the loaded stretch of the current branch (oldest first), runs one turn at a time, and keeps the
// history store in step: a new conversation, the user's message and the reply's placeholder are
// stored before the turn starts, so the core can save the reply into it as it streams (the
// controller never saves deltas itself). Edits and regenerations become sibling branches; the
// "‹ k/n ›" versions switch branches through the store, which remembers the current one.
//
// It talks to the store only through StoreClient (queued calls; answers through the Store's
// signals, queued) and to the engine only through startTurnRequested / cancelTurnRequested and
// the onTurn* slots. Without a store, or after the store failed under the open conversation, the
// conversation lives in memory only: turns still run and replies can still be copied.
//
// The view mirrors the loaded branch index for index: branchReset, olderPrepended,
// branchTruncated, messageAdded and messageChanged say how the list changed.
#pragma once

#include "core/chat/ChatTypes.h"
#include "core/settings/SettingsTypes.h"
#include "core/store/StoreTypes.h"
#include "ui/ChatSettings.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QTimer>

#include <functional>
#include <optional>

namespace keel::core {
class Settings;
class StoreClient;
} // namespace keel::core

namespace keel::ui {

class ConversationController : public QObject {
    Q_OBJECT
public:
    // `store` may be null (memory only); it must outlive the controller.
    explicit ConversationController(ChatSettings settings, core::StoreClient* store = nullptr,
                                    QObject* parent = nullptr);

    // Messages per page when a conversation opens and when older ones are fetched.
    static constexpr int kPageSize = 50;
    // How long a requested cancel may take before the controller stops waiting for the core.
    static constexpr int kCancelGraceMs = 5000;

    const ChatSettings& settings() const { return m_settings; }
    // With a settings source, every turn resolves its provider, model and parameters from the
    // configuration and the conversation's own settings (the fixed ChatSettings given to the
    // constructor are then unused). It must outlive the controller.
    void setSettingsSource(const core::Settings* settings) { m_settingsSource = settings; }
    // The open conversation's model choice and parameter overrides.
    core::ConversationSettings conversationSettings() const;
    // Kept with the conversation (stored at once, or when the conversation is created).
    void setConversationSettings(const core::ConversationSettings& settings);
    bool hasStore() const { return m_store != nullptr; }
    void setPageSize(int count) { m_pageSize = count; }
    int pageSize() const { return m_pageSize; }

    // The open conversation. Its id is 0 until the store created it (or forever, in memory).
    qint64 conversationId() const { return m_conversation.id; }
    // The stored title, or until there is one, the start of the first message.
    QString title() const;
    // False when this conversation is not being saved (no store, or the store failed).
    bool isPersistent() const { return m_persistent; }
    // A conversation or a message is being fetched to be shown.
    bool isLoading() const { return m_loadingId != 0; }

    // The loaded part of the current branch, oldest first; messages not stored yet have
    // negative ids.
    const QList<core::StoredMessage>& messages() const { return m_branch; }
    int messageCount() const { return int(m_branch.size()); }
    const core::StoredMessage& messageAt(int index) const { return m_branch.at(index); }
    int indexOfMessage(qint64 messageId) const;
    bool hasOlder() const { return m_hasOlder; }
    // What the next turn sends as the conversation so far (of the loaded part): failed and
    // empty replies are left out.
    QList<core::ChatMessage> history() const { return historyBefore(messageCount()); }

    bool isTurnActive() const { return !m_turnId.isEmpty(); }
    bool isCancelRequested() const { return m_cancelRequested; }
    QString turnId() const { return m_turnId; }
    // Index of the message the running turn writes into, -1 when none.
    int replyIndex() const { return isTurnActive() ? indexOfMessage(m_replyId) : -1; }
    // The latest reply of the branch (also while it streams).
    QString lastReplyText() const;

    // Whether the message at index offers Continue: the last message, a reply that stopped
    // early (cut off, stopped, or left streaming by a crash) with some text.
    bool canContinue(int index) const;
    // 1-based position among its versions, and their number (1 when there are no others).
    int versionPosition(int index) const;
    int versionCount(int index) const;

public Q_SLOTS:
    // Each returns false (and says why through notice) when it cannot act now.
    bool send(const QString& text);
    // With files attached (kept with the message, and sent again with every later turn); the
    // text may be blank when there is at least one. Images are refused, with a notice, for a
    // model known not to read them.
    bool send(const QString& text, const QList<keel::core::Attachment>& attachments);
    // A new version of the user message at index (with its attachments), with a new reply.
    bool editAndSend(int index, const QString& text);
    // A new version of the reply at index.
    bool regenerate(int index);
    // A failed reply without text is written again in place; otherwise like regenerate.
    bool retry(int index);
    // Asks the model to go on with the reply at index, appending to it.
    bool continueReply(int index);
    // Switches the branch to the previous (-1) or next (+1) version of the message at index.
    bool showVersion(int index, int step);
    // Deletes the message at index and every message below it (the rest of the branch and the
    // versions made under it), then shows the conversation again: on the latest branch of a
    // remaining version of the message, else ending above it. Memory-only conversations delete
    // here; stored ones through the store, which is then read again.
    bool deleteMessage(int index);

    // An empty conversation (with these settings, e.g. from an assistant); it is stored with
    // the first message sent.
    bool newConversation(const core::ConversationSettings& initial = {});
    bool openConversation(qint64 conversationId);
    // Opens the conversation on the branch through messageId and reveals (highlights) it.
    bool openMessage(qint64 conversationId, qint64 messageId);
    // The next older page of the branch, if there is one (the view is near the top).
    void loadOlder();
    // The conversation was deleted elsewhere (e.g. in the sidebar).
    void forgetConversation(qint64 conversationId);

    void stop();

    void onTurnDelta(const keel::core::TurnDelta& delta);
    void onTurnHeartbeat(const keel::core::TurnHeartbeat& heartbeat);
    void onTurnFinished(const keel::core::TurnResult& result);
    // A tool call of the running turn was asked for, needs approval, progressed or ended.
    void onToolCallUpdated(const keel::core::ToolCallEvent& event);
    // The user answered a call's approval card; "always" also becomes the tool's policy.
    void answerToolApproval(const QString& callId, keel::core::ToolApproval approval);

Q_SIGNALS:
    void startTurnRequested(const keel::core::TurnRequest& request);
    void cancelTurnRequested(const QString& turnId);

    // The loaded branch was replaced as a whole (opened, switched, new conversation).
    void branchReset();
    // `count` older messages were put in front.
    void olderPrepended(int count);
    // The messages from `size` on were dropped (an edit or a regeneration replaces them).
    void branchTruncated(int size);
    // A message was added at the end.
    void messageAdded(int index);
    // The message's status, text or versions changed (not sent for streamed deltas).
    void messageChanged(int index);

    // A turn writes into the message at index from now on (new reply, retry or continue).
    void turnStarted(const QString& turnId, int index);
    void replyDelta(int index, const keel::core::TurnDelta& delta);
    void turnHeartbeat(const keel::core::TurnHeartbeat& heartbeat);
    void turnFinished(const QString& turnId, int index, const keel::core::TurnResult& result);
    // A tool call of the reply at index changed (its card follows).
    void toolCallUpdated(int index, const keel::core::ToolCallEvent& event);
    void toolApprovalAnswered(const QString& turnId, const QString& callId,
                              keel::core::ToolApproval approval);
    // The user chose a lasting policy for a tool (key "server/tool") on its card.
    void toolPolicyChosen(const QString& key, keel::core::ToolPolicy policy);

    // Id, title or persistence of the open conversation changed.
    void conversationChanged();
    // The new conversation was stored under this id (it stays open); before conversationChanged.
    void conversationCreated(qint64 conversationId);
    // Its model choice or parameter overrides changed.
    void conversationSettingsChanged();
    // The store failed; `memoryOnly`: the open conversation is no longer being saved.
    void storeFailed(const keel::core::StoreError& error, bool memoryOnly);
    // The view should bring the message at index into view (and highlight it).
    void revealRequested(int index, bool highlight);
    // A short explanation, e.g. why an action was refused.
    void notice(const QString& text);

private:
    enum class OlderPurpose { Show, History };
    struct OlderRequest {
        OlderPurpose purpose;
        quint64 generation;
        qint64 beforeId;
    };

    // Store answers.
    void onConversationCreated(const core::ConversationSummary& conversation, const QString& tag);
    void onConversationChanged(const core::ConversationSummary& conversation);
    void onConversationLoaded(const core::ConversationPage& page);
    void onOlderLoaded(const core::ConversationPage& page);
    void onMessageAppended(const core::StoredMessage& message, const QString& tag);
    void onMessagesDeleted(qint64 conversationId, qint64 messageId, int count, const QString& tag);
    void onStoreError(const core::StoreError& error);
    // The open conversation is no longer saved; what waited for the store goes on without it.
    void fallBackToMemory();

    bool refuseWhileBusy();
    // The turn's model is known not to read images and `attachments` has some (says so).
    bool refuseImages(const QList<core::Attachment>& attachments);
    // Not busy, and the turn's settings resolved into m_turnSettings (else says why).
    bool prepareTurn();
    core::StoredMessage newMessage(core::Role role, const QString& content, qint64 parentId);
    void appendToBranch(const core::StoredMessage& message);
    void truncateBranch(int size);
    QList<core::ChatMessage> historyBefore(int index) const;
    void startTurn(QList<core::ChatMessage> messages, qint64 replyId, const QString& prefix);
    void maybeStartTurn();
    void finishTurnLocally(core::TurnOutcome outcome);
    void resetConversation(const core::ConversationSummary& conversation);
    bool storeWritesPending() const;
    void whenStoreIdle(std::function<void()> action);
    void pumpAppends();
    void requestOlder(OlderPurpose purpose);
    void replaceId(qint64 localId, qint64 storedId);
    core::StoredMessage* findMessage(qint64 id);
    void showLocalBranch(int index, qint64 targetId);
    void deleteLocally(int index);
    void revealPending();
    void saveToStore(const core::StoredMessage& message);
    QString nextTag();

    ChatSettings m_settings;
    const core::Settings* m_settingsSource = nullptr;
    ChatSettings m_turnSettings; // what the running (or next) turn uses
    core::StoreClient* m_store;
    int m_pageSize = kPageSize;

    core::ConversationSummary m_conversation;
    QList<core::StoredMessage> m_branch;
    bool m_hasOlder = false;
    // Versions made here that are not on the branch: switching to them works without the store.
    QHash<qint64, core::StoredMessage> m_offBranch;
    bool m_persistent;
    qint64 m_nextLocalId = -1;
    // Bumped when another conversation (or a new one) is opened: late answers are dropped.
    quint64 m_generation = 0;

    // The running turn.
    QString m_turnId;
    qint64 m_replyId = 0;
    QString m_replyPrefix;     // the text a continued reply already had
    QString m_reasoningPrefix; // and its reasoning
    QString m_turnText;        // what this turn added so far
    QString m_turnReasoning;
    bool m_cancelRequested = false;
    bool m_turnSent = false; // startTurnRequested went out
    QTimer m_cancelGrace;
    // Prepared but not sent to the core yet: it waits for the reply's stored id and, for a long
    // conversation, for the messages above the loaded page.
    std::optional<core::TurnRequest> m_pendingRequest;
    bool m_waitingForHistory = false;

    // Store traffic. Appends go one at a time: a message's parent must be stored first.
    QList<qint64> m_appendQueue;
    QString m_appendTag;
    qint64 m_appendLocalId = 0;
    QString m_createTag;
    QString m_deleteTag;
    quint64 m_tagCounter = 0;
    std::function<void()> m_whenIdle;
    qint64 m_loadingId = 0; // a conversation being opened (its page not here yet)
    QList<OlderRequest> m_olderRequests;
    bool m_olderPending = false;
    qint64 m_revealId = 0; // a message to bring into view once it is loaded
    bool m_revealHighlight = false;
};

} // namespace keel::ui
