// Database: the history schema (migrations by PRAGMA user_version) and every query on it, over
// one QSQLITE connection. A plain class used on one thread only: the store thread in the app; the
// main thread of headless commands (read-only), tests and benchmarks. SQLite failures become
// StoreError values with a human message; nothing here throws.
#pragma once

#include "store/StoreTypes.h"

#include <QSqlDatabase>
#include <QVariant>

#include <optional>

class QSqlError;
class QSqlQuery;

namespace keel::core {

class Database {
public:
    enum class OpenMode { ReadWrite, ReadOnly };

    // v1: conversations and messages (the tree); v2: the full-text index; v3: tool calls;
    // v4: attachments, drafts and reply timing (MessageExtras).
    static constexpr int SchemaVersion = 4;

    Database();
    ~Database(); // close()

    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    // ReadWrite: creates the file and its directory if needed, WAL, foreign keys, migrates to
    // SchemaVersion (one transaction per step), and marks rows left `streaming` by a crash as
    // `incomplete`. A corrupt file is moved aside (never overwritten) and a new database made:
    // open() then succeeds and openWarnings() holds the Corrupt error with movedTo. A database
    // that cannot be written opens for reading, with a ReadOnly warning.
    // ReadOnly (headless commands, safe while the app runs): no write of any kind; fails with a
    // clear message if the schema is older (or newer) than this build's.
    bool open(const QString& path, OpenMode mode = OpenMode::ReadWrite);
    void close();
    bool isOpen() const { return m_open; }
    bool isReadOnly() const { return m_readOnly; }
    QString path() const { return m_path; }
    // The failure of the last call that returned false / nullopt.
    const StoreError& lastError() const { return m_lastError; }
    // What the user must hear about although open() succeeded (corrupt file moved aside, ...).
    const QList<StoreError>& openWarnings() const { return m_openWarnings; }
    int recoveredStreamingCount() const { return m_recoveredStreaming; }
    void setBusyTimeoutMs(int milliseconds); // default 5000; tests use less
    // After a Corrupt error at run time: moves the damaged file aside and starts a new, empty
    // database at the same path (openWarnings() then holds the Corrupt error with movedTo).
    bool setAsideAndStartOver();

    // Bulk work (tests, benchmarks, imports): every call in between joins one transaction.
    bool beginTransaction();
    bool commitTransaction();
    void rollbackTransaction();

    // Not deleted; pinned first, then the most recently updated.
    std::optional<QList<ConversationSummary>> listConversations();
    std::optional<ConversationSummary> conversation(qint64 conversationId); // deleted ones too
    std::optional<ConversationSummary> createConversation(const QString& title,
                                                          const QString& settingsJson = {});
    // Per-conversation settings (model, parameter overrides); "" = the defaults.
    std::optional<ConversationSummary> setConversationSettings(qint64 conversationId,
                                                               const QString& settingsJson);
    std::optional<ConversationSummary> renameConversation(qint64 conversationId,
                                                          const QString& title);
    std::optional<ConversationSummary> setPinned(qint64 conversationId, bool pinned);
    bool deleteConversation(qint64 conversationId); // soft: hidden until purged or restored
    std::optional<ConversationSummary> restoreConversation(qint64 conversationId);
    std::optional<int> purgeDeleted(); // how many conversations were removed for good

    // Stores message (its id is ignored) under message.parentId (0: a root), makes it the
    // conversation's current leaf, bumps updated_at and titles an untitled conversation from
    // its first user message. createdAt / updatedAt are kept when valid (imports), else now.
    // Its attachments are stored with it, in order. The answer has the new id, timestamps,
    // siblingIds and the attachments with their ids.
    std::optional<StoredMessage> appendMessage(const StoredMessage& message);
    std::optional<StoredMessage> message(qint64 messageId);
    // Content, reasoning, status, usage, finish reason, error, timing (firstTokenMs and
    // durationMs as given, -1 storing "not known") and the model if given. A message
    // that no longer exists (its conversation was purged) is not an error: nothing to save.
    bool saveMessage(const StoredMessage& message);
    // One UPDATE: text so far, status `streaming` (so a crash leaves it `incomplete`).
    // toolCallsJson: the reply's tool calls (toolCallRecordsToJson); nullopt leaves them.
    bool saveStreamingText(qint64 messageId, const QString& content, const QString& reasoning,
                           const std::optional<QString>& toolCallsJson = std::nullopt);

    // The latest `count` messages of the current branch, oldest first, with sibling ids.
    std::optional<ConversationPage> loadLatest(qint64 conversationId, int count);
    std::optional<ConversationPage> loadOlder(qint64 conversationId, qint64 beforeMessageId,
                                              int count);
    // Makes the branch through messageId current, descending to the most recently updated
    // leaf below it, and answers like loadLatest.
    std::optional<ConversationPage> selectBranch(qint64 conversationId, qint64 messageId,
                                                 int count);

    // Deletes messageId and all messages below it; moves the conversation's current leaf to the
    // most recently updated leaf under a remaining sibling, or to the parent (0: the
    // conversation is empty). Returns how many messages were deleted.
    std::optional<int> deleteMessage(qint64 conversationId, qint64 messageId);
    // Drafts: one per conversation (0: a new chat not stored yet). Empty text removes it.
    bool saveDraft(qint64 conversationId, const QString& text);
    std::optional<QString> draft(qint64 conversationId);

    // Titles and message text of conversations not deleted; title hits first, then messages,
    // newest first. An empty or unsearchable query finds nothing (it is not an error).
    std::optional<QList<SearchHit>> search(const QString& query, int limit);

    // The connection, for tests and benchmarks that need raw SQL on this thread.
    QSqlDatabase connection() const { return m_db; }

    // Text rules, public for tests and the benchmark.
    // The copy of text that the index sees: every CJK character (Han, kana, Hangul) stands
    // apart as its own token, so words inside unspaced CJK text can be found. Equals text when
    // it has no CJK character.
    static QString searchTextFor(const QString& text);
    // What search_text / search_title store: searchTextFor(text), or NULL when that is text.
    static QVariant storedSearchText(const QString& text);
    // The user's words as a safe FTS5 query: every term quoted, CJK runs as phrases of single
    // characters, the last Latin word as a prefix. Empty when nothing is searchable.
    static QString ftsQuery(const QString& userQuery);
    // An FTS5 snippet of searchTextFor() text back to display text, on one line.
    static QString displaySnippet(const QString& indexedSnippet);
    // The title a conversation gets from its first user message ("" if the text is blank).
    static QString titleFromMessage(const QString& text);
    // The stored (and JSON) name of a role: system, user, assistant.
    static QString roleName(Role role);
    // SQLite's primary result code -> what it means to the user.
    static StoreError::Kind errorKindForCode(int sqliteCode);

private:
    class Transaction;
    friend class Transaction;
    friend class MessageExtras; // the schema-4 queries, kept in a file of their own
    friend class TreeStore;     // whole trees for export and import, in a file of their own

    enum class Connection { ReadWrite, ReadOnly, Immutable };
    bool openConnection(Connection kind);
    bool openForReading();
    bool prepareReadWrite();
    bool startOver(const StoreError& cause);
    bool configureReadOnly();
    bool migrate(int fromVersion);
    bool migrateTo1();
    bool migrateTo2();
    bool migrateTo3();
    bool migrateTo4();
    bool recoverStreaming();
    std::optional<int> userVersion();
    QString moveAside();
    void dropConnection();

    // Prepares sql, binds values in order and runs it; on failure sets lastError.
    bool run(QSqlQuery& query, const QString& sql, const QVariantList& values = {});
    bool exec(const QString& sql);
    bool fail(const QSqlError& error);
    bool failWith(StoreError::Kind kind, const QString& message);

    // The columns of a message row (table alias m), and such a row as a message (its
    // attachments and sibling ids not filled). Friends read messages with them too.
    static const QString& messageColumns();
    static StoredMessage messageFromRow(const QSqlQuery& query);

    std::optional<QList<StoredMessage>> branchEndingAt(qint64 conversationId, qint64 leafId,
                                                       int count);
    bool fillSiblings(qint64 conversationId, QList<StoredMessage>& messages);
    std::optional<ConversationPage> pageEndingAt(const ConversationSummary& conversation,
                                                 qint64 leafId, int count);
    std::optional<qint64> fallbackLeaf(qint64 conversationId);

    QSqlDatabase m_db;
    QString m_connectionName;
    QString m_path;
    bool m_open = false;
    bool m_readOnly = false;
    int m_busyTimeoutMs = 5000;
    int m_transactionDepth = 0;
    int m_savepointCounter = 0;
    int m_recoveredStreaming = 0;
    StoreError m_lastError;
    QList<StoreError> m_openWarnings;
};

} // namespace keel::core
