// Store: each slot runs its query on the store thread and answers with a signal; a failure is a
// storeError (never an exception), and a database found damaged while running is set aside.
#include "store/Store.h"

#include "store/Database.h"
#include "store/TreeStore.h"

#include <QCoreApplication>
#include <QElapsedTimer>

namespace keel::core {

namespace {

// The translation context of this file's user-visible messages: free functions and plain
// classes have no tr() of their own.
struct StoreText {
    Q_DECLARE_TR_FUNCTIONS(Store)
};

StoreError notOpen()
{
    StoreError error;
    error.kind = StoreError::Kind::Other;
    error.message = StoreText::tr("Keel's history is not open, so nothing can be loaded or "
                                  "saved.");
    return error;
}

// Reports the last failure. A corrupt database is moved aside (never written over) and a new one
// started, so the app keeps saving; the message says where the old one went.
void reportFailure(Store* store, Database* database)
{
    StoreError error = database->lastError();
    if (error.kind == StoreError::Kind::Corrupt && !database->isReadOnly()) {
        error = database->setAsideAndStartOver() && !database->openWarnings().isEmpty()
                    ? database->openWarnings().constLast()
                    : database->lastError();
    }
    Q_EMIT store->storeError(error);
}

// The open database, or null after telling the caller there is none.
Database* usable(Store* store, const std::unique_ptr<Database>& database)
{
    if (database && database->isOpen())
        return database.get();
    Q_EMIT store->storeError(notOpen());
    return nullptr;
}

} // namespace

Store::Store(QObject* parent)
    : QObject(parent)
{
}

Store::~Store() = default;

void Store::open(const QString& path)
{
    m_database = std::make_unique<Database>();
    const bool ok = m_database->open(path);
    for (const StoreError& warning : m_database->openWarnings())
        Q_EMIT storeError(warning);
    if (!ok)
        Q_EMIT storeError(m_database->lastError());
    Q_EMIT opened(ok, path);
}

void Store::listConversations()
{
    Database* db = usable(this, m_database);
    if (!db)
        return;
    if (const auto list = db->listConversations())
        Q_EMIT conversationsListed(*list);
    else
        reportFailure(this, db);
}

void Store::createConversation(const QString& title, const QString& tag,
                               const QString& settingsJson)
{
    // A failed creation still answers the tag (with id 0), so nobody waits for it forever.
    Database* db = usable(this, m_database);
    if (!db) {
        Q_EMIT conversationCreated(ConversationSummary{}, tag);
        return;
    }
    if (const auto created = db->createConversation(title, settingsJson)) {
        Q_EMIT conversationCreated(*created, tag);
    } else {
        reportFailure(this, db);
        Q_EMIT conversationCreated(ConversationSummary{}, tag);
    }
}

void Store::renameConversation(qint64 conversationId, const QString& title)
{
    Database* db = usable(this, m_database);
    if (!db)
        return;
    if (const auto changed = db->renameConversation(conversationId, title))
        Q_EMIT conversationChanged(*changed);
    else
        reportFailure(this, db);
}

void Store::setConversationSettings(qint64 conversationId, const QString& settingsJson)
{
    Database* db = usable(this, m_database);
    if (!db)
        return;
    if (const auto changed = db->setConversationSettings(conversationId, settingsJson))
        Q_EMIT conversationChanged(*changed);
    else
        reportFailure(this, db);
}

void Store::setPinned(qint64 conversationId, bool pinned)
{
    Database* db = usable(this, m_database);
    if (!db)
        return;
    if (const auto changed = db->setPinned(conversationId, pinned))
        Q_EMIT conversationChanged(*changed);
    else
        reportFailure(this, db);
}

void Store::deleteConversation(qint64 conversationId)
{
    Database* db = usable(this, m_database);
    if (!db)
        return;
    if (db->deleteConversation(conversationId))
        Q_EMIT conversationRemoved(conversationId);
    else
        reportFailure(this, db);
}

void Store::restoreConversation(qint64 conversationId)
{
    Database* db = usable(this, m_database);
    if (!db)
        return;
    if (const auto restored = db->restoreConversation(conversationId))
        Q_EMIT conversationChanged(*restored);
    else
        reportFailure(this, db);
}

void Store::purgeDeleted()
{
    Database* db = usable(this, m_database);
    if (!db)
        return;
    if (!db->purgeDeleted())
        reportFailure(this, db);
}

void Store::loadConversation(qint64 conversationId, int count)
{
    Database* db = usable(this, m_database);
    if (!db)
        return;
    if (const auto page = db->loadLatest(conversationId, count))
        Q_EMIT conversationLoaded(*page);
    else
        reportFailure(this, db);
}

void Store::loadOlder(qint64 conversationId, qint64 beforeMessageId, int count)
{
    Database* db = usable(this, m_database);
    if (!db)
        return;
    if (const auto page = db->loadOlder(conversationId, beforeMessageId, count))
        Q_EMIT olderLoaded(*page);
    else
        reportFailure(this, db);
}

void Store::selectBranch(qint64 conversationId, qint64 messageId, int count)
{
    Database* db = usable(this, m_database);
    if (!db)
        return;
    if (const auto page = db->selectBranch(conversationId, messageId, count))
        Q_EMIT conversationLoaded(*page);
    else
        reportFailure(this, db);
}

void Store::appendMessage(const StoredMessage& message, const QString& tag)
{
    // As for createConversation: a failure answers the tag with the message unsaved (id 0).
    Database* db = usable(this, m_database);
    if (!db) {
        Q_EMIT messageAppended(message, tag);
        return;
    }
    const auto stored = db->appendMessage(message);
    if (!stored) {
        reportFailure(this, db);
        StoredMessage unsaved = message;
        unsaved.id = 0;
        Q_EMIT messageAppended(unsaved, tag);
        return;
    }
    Q_EMIT messageAppended(*stored, tag);
    // Its updated_at, current leaf and perhaps its title changed: the sidebar follows.
    if (const auto owner = db->conversation(stored->conversationId))
        Q_EMIT conversationChanged(*owner);
}

void Store::saveMessage(const StoredMessage& message)
{
    Database* db = usable(this, m_database);
    if (!db)
        return;
    if (db->saveMessage(message))
        Q_EMIT messageSaved(message.id);
    else
        reportFailure(this, db);
}

void Store::saveStreamingText(qint64 messageId, const QString& content, const QString& reasoning,
                              const std::optional<QString>& toolCallsJson)
{
    Database* db = usable(this, m_database);
    if (!db)
        return;
    if (!db->saveStreamingText(messageId, content, reasoning, toolCallsJson))
        reportFailure(this, db);
}

void Store::deleteMessage(qint64 conversationId, qint64 messageId, const QString& tag)
{
    Database* db = usable(this, m_database);
    if (!db)
        return;
    if (const auto count = db->deleteMessage(conversationId, messageId))
        Q_EMIT messagesDeleted(conversationId, messageId, *count, tag);
    else
        reportFailure(this, db);
}

void Store::saveDraft(qint64 conversationId, const QString& text)
{
    Database* db = usable(this, m_database);
    if (db && !db->saveDraft(conversationId, text))
        reportFailure(this, db);
}

void Store::loadDraft(qint64 conversationId)
{
    Database* db = usable(this, m_database);
    if (!db) {
        Q_EMIT draftLoaded(conversationId, {});
        return;
    }
    if (const auto text = db->draft(conversationId)) {
        Q_EMIT draftLoaded(conversationId, *text);
    } else {
        reportFailure(this, db);
        Q_EMIT draftLoaded(conversationId, {});
    }
}

void Store::search(const QString& query, int limit, const QString& tag)
{
    Database* db = usable(this, m_database);
    if (!db) {
        Q_EMIT searchFinished({}, tag);
        return;
    }
    if (const auto hits = db->search(query, limit)) {
        Q_EMIT searchFinished(*hits, tag);
    } else {
        reportFailure(this, db);
        Q_EMIT searchFinished({}, tag);
    }
}

void Store::importConversations(const ImportRequest& request, const QString& tag)
{
    // The answer carries the error: the caller shows it once, with the import's context.
    if (!m_database || !m_database->isOpen()) {
        Q_EMIT importFinished(TreeImportResult{}, notOpen(), tag);
        return;
    }
    Database* db = m_database.get();
    // At most ~20 progress signals a second, and never more than one per conversation.
    constexpr qint64 ProgressIntervalMs = 50;
    QElapsedTimer sinceProgress;
    const auto progress = [this, &tag, &sinceProgress](int done, int total) {
        if (done < total && sinceProgress.isValid() && sinceProgress.elapsed() < ProgressIntervalMs)
            return;
        sinceProgress.start();
        Q_EMIT importProgress(tag, done, total);
    };
    const std::optional<TreeImportResult> result = TreeStore(*db).importTrees(request, progress);
    if (result) {
        Q_EMIT importFinished(*result, StoreError{}, tag);
    } else {
        const StoreError error = db->lastError();
        if (error.kind == StoreError::Kind::Corrupt)
            reportFailure(this, db); // sets the damaged file aside and says where it went
        Q_EMIT importFinished(TreeImportResult{}, error, tag);
    }
    listConversations();
}

} // namespace keel::core
