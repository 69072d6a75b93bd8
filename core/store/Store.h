// Store: the history database's only door. It lives on the store thread and owns the one SQLite
// connection (through Database); everyone else calls its slots with queued invocations and gets
// results from its signals. Nothing here is ever called from the GUI thread directly.
#pragma once

#include "store/ConversationTree.h"
#include "store/StoreTypes.h"

#include <QObject>

#include <memory>
#include <optional>

namespace keel::core {

class Database;

class Store : public QObject {
    Q_OBJECT
public:
    explicit Store(QObject* parent = nullptr);
    ~Store() override;

public Q_SLOTS:
    // Opens (creating or migrating) the database at path; rows left `streaming` by a crash
    // become `incomplete`. A corrupt file is moved aside, never overwritten, and a new one made.
    void open(const QString& path);

    void listConversations(); // -> conversationsListed, pinned first, then newest first
    // A new, empty conversation; tag comes back with it so the caller can match the answer.
    void createConversation(const QString& title, const QString& tag,
                            const QString& settingsJson = {});
    // -> conversationChanged
    void setConversationSettings(qint64 conversationId, const QString& settingsJson);
    void renameConversation(qint64 conversationId, const QString& title);
    void setPinned(qint64 conversationId, bool pinned);
    // Deletion is soft until purgeDeleted(), so the GUI can offer Undo.
    void deleteConversation(qint64 conversationId);
    void restoreConversation(qint64 conversationId);
    void purgeDeleted();

    // The latest `count` messages of the conversation's current branch.
    void loadConversation(qint64 conversationId, int count);
    // `count` messages of the current branch above beforeMessageId.
    void loadOlder(qint64 conversationId, qint64 beforeMessageId, int count);
    // Makes the branch through messageId current (descending to its most recent leaf) and
    // answers like loadConversation.
    void selectBranch(qint64 conversationId, qint64 messageId, int count);

    // Stores a new message (id 0) as a child of message.parentId and makes it the current leaf;
    // the first user message of an untitled conversation titles it. -> messageAppended(tag)
    void appendMessage(const keel::core::StoredMessage& message, const QString& tag);
    // Replaces content, reasoning, status, usage, finish reason and error of a stored message.
    void saveMessage(const keel::core::StoredMessage& message);
    // The cheap path for a reply being streamed (called at least once a second).
    void saveStreamingText(qint64 messageId, const QString& content, const QString& reasoning,
                           const std::optional<QString>& toolCallsJson = std::nullopt);

    // Deletes the message and every message below it (the replies after it on every branch
    // through it). The conversation's current leaf moves to the latest branch of a remaining
    // sibling, or else to the parent. -> messagesDeleted(tag), then the caller reloads.
    void deleteMessage(qint64 conversationId, qint64 messageId, const QString& tag);

    // The composer's unsent text, per conversation (0: the new, not yet stored chat); an empty
    // text removes the draft. -> nothing (errors through storeError)
    void saveDraft(qint64 conversationId, const QString& text);
    // -> draftLoaded(conversationId, text) ("" when there is none)
    void loadDraft(qint64 conversationId);

    // Full-text search over titles and message text (CJK included). -> searchFinished(tag)
    void search(const QString& query, int limit, const QString& tag);

    // Writes an import in one transaction (TreeStore::importTrees: all or nothing), then lists
    // the conversations again (conversationsListed). -> importProgress(tag) after each
    // conversation, then importFinished(tag): error.kind None on success and on cancel
    // (result.cancelled); otherwise nothing was written.
    void importConversations(const keel::core::ImportRequest& request, const QString& tag);

Q_SIGNALS:
    void opened(bool ok, const QString& path);
    void conversationsListed(const QList<keel::core::ConversationSummary>& conversations);
    void conversationCreated(const keel::core::ConversationSummary& conversation,
                             const QString& tag);
    void conversationChanged(const keel::core::ConversationSummary& conversation);
    void conversationRemoved(qint64 conversationId);
    void conversationLoaded(const keel::core::ConversationPage& page);
    void olderLoaded(const keel::core::ConversationPage& page);
    void messageAppended(const keel::core::StoredMessage& message, const QString& tag);
    void messageSaved(qint64 messageId);
    void messagesDeleted(qint64 conversationId, qint64 messageId, int count, const QString& tag);
    void draftLoaded(qint64 conversationId, const QString& text);
    void searchFinished(const QList<keel::core::SearchHit>& hits, const QString& tag);
    void importProgress(const QString& tag, int done, int total);
    void importFinished(const keel::core::TreeImportResult& result,
                        const keel::core::StoreError& error, const QString& tag);
    // Any failure: the app keeps running and keeps what it has in memory.
    void storeError(const keel::core::StoreError& error);

private:
    std::unique_ptr<Database> m_database;
};

} // namespace keel::core
