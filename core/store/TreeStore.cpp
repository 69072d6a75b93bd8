// TreeStore: whole trees out of the history (one query for the messages, one for their
// attachments) and into it (one transaction, INSERTs prepared once and reused, so an import of
// 100k messages takes seconds, not minutes). The full-text index follows through Database's
// triggers, because search_text and search_title follow Database's rule (storedSearchText).
#include "store/TreeStore.h"

#include "store/Database.h"
#include "store/MessageExtras.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace keel::core {

namespace {

// The translation context of this file's user-visible messages: free functions and plain
// classes have no tr() of their own.
struct TreeStoreText {
    Q_DECLARE_TR_FUNCTIONS(TreeStore)
};

// Cancel is looked at between conversations and every this many messages inside one.
constexpr int CancelCheckEvery = 500;

// Text columns are NOT NULL, and the driver binds a null QString as NULL.
QString nonNull(const QString& text)
{
    return text.isNull() ? QStringLiteral("") : text;
}

QVariant nullableId(qint64 id)
{
    return id > 0 ? QVariant(id) : QVariant(QMetaType::fromType<qint64>());
}

QString jsonArray(const QJsonArray& array)
{
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

// "keel:<created ms>:<id>" -> (ms, id); nullopt for anything else.
std::optional<std::pair<qint64, qint64>> parseDerivedSourceId(const QString& sourceId)
{
    const QStringList parts = sourceId.split(QLatin1Char(':'));
    if (parts.size() != 3 || parts[0] != QLatin1String("keel"))
        return std::nullopt;
    bool msOk = false;
    bool idOk = false;
    const qint64 ms = parts[1].toLongLong(&msOk);
    const qint64 id = parts[2].toLongLong(&idOk);
    if (!msOk || !idOk || id <= 0)
        return std::nullopt;
    return std::make_pair(ms, id);
}

// True when every message whose parent is in the tree comes after that parent: all an insert
// needs (a parent's new id must be known before its children are written).
bool parentsComeFirst(const QList<StoredMessage>& messages)
{
    QSet<qint64> all;
    all.reserve(messages.size());
    for (const StoredMessage& m : messages)
        all.insert(m.id);
    QSet<qint64> seen;
    seen.reserve(messages.size());
    for (const StoredMessage& m : messages) {
        if (m.parentId > 0 && all.contains(m.parentId) && !seen.contains(m.parentId))
            return false;
        seen.insert(m.id);
    }
    return true;
}

// The title an untitled import gets: its first user message's, else a generic one.
QString importedTitle(const ConversationTree& tree)
{
    if (!tree.conversation.title.trimmed().isEmpty())
        return tree.conversation.title;
    for (const StoredMessage& m : tree.messages) {
        if (m.role != Role::User)
            continue;
        const QString title = Database::titleFromMessage(m.content);
        if (!title.isEmpty())
            return title;
        break;
    }
    return TreeStoreText::tr("Imported conversation");
}

} // namespace

TreeStore::TreeStore(Database& database)
    : m_database(database)
{
}

std::optional<ConversationTree> TreeStore::loadTree(qint64 conversationId)
{
    const std::optional<ConversationSummary> summary = m_database.conversation(conversationId);
    if (!summary)
        return std::nullopt;
    ConversationTree tree;
    tree.conversation = *summary;
    QSqlQuery q(m_database.m_db);
    if (!m_database.run(q,
                        QStringLiteral("SELECT %1 FROM messages m WHERE m.conversation_id = ?"
                                       " ORDER BY m.id")
                            .arg(Database::messageColumns()),
                        {conversationId}))
        return std::nullopt;
    while (q.next())
        tree.messages.append(Database::messageFromRow(q));
    q.finish();
    if (!MessageExtras(m_database).fillAttachments(tree.messages))
        return std::nullopt;
    // Rows by id are siblings by id, as the navigator shows them; the walk makes them a tree.
    normalizeTreeOrder(tree);
    return tree;
}

std::optional<QList<qint64>> TreeStore::conversationIds()
{
    QSqlQuery q(m_database.m_db);
    if (!m_database.run(q, QStringLiteral("SELECT id FROM conversations WHERE deleted_at IS NULL"
                                          " ORDER BY pinned DESC, updated_at DESC, id DESC")))
        return std::nullopt;
    QList<qint64> ids;
    while (q.next())
        ids.append(q.value(0).toLongLong());
    return ids;
}

std::optional<QHash<QString, QList<qint64>>>
TreeStore::conversationsBySource(const QStringList& sourceIds)
{
    QHash<QString, QList<qint64>> found;
    if (sourceIds.isEmpty())
        return found;
    QJsonArray stored;
    QJsonArray derivedIds;
    QHash<qint64, QList<std::pair<qint64, QString>>> derived; // id -> (created ms, source id)
    for (const QString& sourceId : sourceIds) {
        stored.append(sourceId);
        if (const auto parsed = parseDerivedSourceId(sourceId)) {
            derived[parsed->second].append({parsed->first, sourceId});
            derivedIds.append(parsed->second);
        }
    }

    QSqlQuery byStored(m_database.m_db);
    if (!m_database.run(byStored,
                        QStringLiteral("SELECT id, source_id FROM conversations"
                                       " WHERE deleted_at IS NULL AND source_id <> ''"
                                       " AND source_id IN (SELECT value FROM json_each(?))"
                                       " ORDER BY id"),
                        {jsonArray(stored)}))
        return std::nullopt;
    while (byStored.next())
        found[byStored.value(1).toString()].append(byStored.value(0).toLongLong());
    byStored.finish();

    if (derivedIds.isEmpty())
        return found;
    // A native conversation goes by its derived id only while it has no source id of its own.
    QSqlQuery byDerived(m_database.m_db);
    if (!m_database.run(byDerived,
                        QStringLiteral("SELECT id, created_at FROM conversations"
                                       " WHERE deleted_at IS NULL AND source_id = ''"
                                       " AND id IN (SELECT value FROM json_each(?))"
                                       " ORDER BY id"),
                        {jsonArray(derivedIds)}))
        return std::nullopt;
    while (byDerived.next()) {
        const qint64 id = byDerived.value(0).toLongLong();
        const qint64 createdMs = byDerived.value(1).toLongLong();
        for (const auto& [ms, sourceId] : derived.value(id)) {
            QList<qint64>& ids = found[sourceId];
            if (ms == createdMs && !ids.contains(id))
                ids.append(id);
            if (ids.isEmpty())
                found.remove(sourceId);
        }
    }
    for (QList<qint64>& ids : found)
        std::sort(ids.begin(), ids.end());
    return found;
}

namespace {

// The statements of one import, prepared once. Finished before the transaction ends, so no
// statement is pending at COMMIT or ROLLBACK.
struct ImportStatements {
    explicit ImportStatements(const QSqlDatabase& db)
        : conversation(db)
        , message(db)
        , leaf(db)
        , unlink(db)
        , remove(db)
    {
    }
    void finish()
    {
        for (QSqlQuery* q : {&conversation, &message, &leaf, &unlink, &remove})
            q->finish();
    }
    QSqlQuery conversation;
    QSqlQuery message;
    QSqlQuery leaf;
    QSqlQuery unlink;
    QSqlQuery remove;
};

} // namespace

std::optional<TreeImportResult>
TreeStore::importTrees(const ImportRequest& request,
                       const std::function<void(int done, int total)>& progress)
{
    TreeImportResult result;
    const auto cancelled = [&request] { return request.cancel && request.cancel->load(); };
    if (!m_database.beginTransaction())
        return std::nullopt;
    ImportStatements sql(m_database.m_db);
    const auto failed = [&]() -> std::optional<TreeImportResult> {
        sql.finish();
        m_database.rollbackTransaction(); // keeps lastError
        return std::nullopt;
    };
    const auto stopped = [&]() -> std::optional<TreeImportResult> {
        sql.finish();
        m_database.rollbackTransaction();
        result.cancelled = true;
        result.conversationIds.clear(); // rolled back: they name nothing
        return result;
    };
    const auto prepare = [&](QSqlQuery& q, const QString& text) {
        q.setForwardOnly(true);
        return q.prepare(text) || m_database.fail(q.lastError());
    };
    const auto exec = [&](QSqlQuery& q) { return q.exec() || m_database.fail(q.lastError()); };

    if (!prepare(sql.conversation,
                 QStringLiteral("INSERT INTO conversations (title, search_title, created_at,"
                                " updated_at, pinned, settings_json, source_id)"
                                " VALUES (?, ?, ?, ?, ?, ?, ?)"))
        || !prepare(sql.message,
                    QStringLiteral("INSERT INTO messages (conversation_id, parent_id, role,"
                                   " content, search_text, reasoning, model, input_tokens,"
                                   " output_tokens, status, finish_reason, error_message,"
                                   " created_at, updated_at, tool_calls, first_token_ms,"
                                   " duration_ms)"
                                   " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"))
        || !prepare(sql.leaf,
                    QStringLiteral("UPDATE conversations SET current_leaf_id = ? WHERE id = ?"))
        // As purgeDeleted: a long branch would cascade deeper than SQLite's trigger limit.
        || !prepare(sql.unlink, QStringLiteral("UPDATE messages SET parent_id = NULL"
                                               " WHERE conversation_id = ?"))
        || !prepare(sql.remove, QStringLiteral("DELETE FROM conversations WHERE id = ?")))
        return failed();

    const QList<ConversationTree>& trees = request.conversations;
    const int total = int(trees.size());
    QStringList sourceIds;
    sourceIds.reserve(total);
    for (const ConversationTree& tree : trees)
        sourceIds << exportSourceId(tree.conversation);
    // Looked up inside the transaction: nothing can slip in between the check and the write.
    const std::optional<QHash<QString, QList<qint64>>> existing = conversationsBySource(sourceIds);
    if (!existing)
        return failed();

    MessageExtras extras(m_database);
    QSet<QString> written; // source ids of this batch already written: the first one wins
    qint64 sinceCheck = 0;
    for (int index = 0; index < total; ++index) {
        if (cancelled())
            return stopped();
        const QString& sourceId = sourceIds[index];
        if (written.contains(sourceId)) {
            ++result.skipped;
        } else if (existing->contains(sourceId) && request.policy == DuplicatePolicy::Skip) {
            ++result.skipped;
            written.insert(sourceId);
        } else {
            if (existing->contains(sourceId)) {
                for (const qint64 oldId : existing->value(sourceId)) {
                    sql.unlink.bindValue(0, oldId);
                    sql.remove.bindValue(0, oldId);
                    if (!exec(sql.unlink) || !exec(sql.remove))
                        return failed();
                }
                ++result.replaced;
            }
            written.insert(sourceId);

            const ConversationTree* tree = &trees[index];
            ConversationTree reordered;
            if (!parentsComeFirst(tree->messages)) {
                reordered = *tree;
                normalizeTreeOrder(reordered);
                tree = &reordered;
            }
            const ConversationSummary& summary = tree->conversation;
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            const qint64 created =
                summary.createdAt.isValid() ? summary.createdAt.toMSecsSinceEpoch() : now;
            std::optional<qint64> latestMessage;
            for (const StoredMessage& m : tree->messages) {
                const QDateTime& at = m.updatedAt.isValid() ? m.updatedAt : m.createdAt;
                const qint64 ms = at.isValid() ? at.toMSecsSinceEpoch() : now;
                latestMessage = latestMessage ? std::max(*latestMessage, ms) : ms;
            }
            const qint64 updated = summary.updatedAt.isValid()
                                       ? summary.updatedAt.toMSecsSinceEpoch()
                                       : latestMessage.value_or(created);
            const QString title = importedTitle(*tree);
            sql.conversation.bindValue(0, title);
            sql.conversation.bindValue(1, Database::storedSearchText(title));
            sql.conversation.bindValue(2, created);
            sql.conversation.bindValue(3, updated);
            sql.conversation.bindValue(4, summary.pinned ? 1 : 0);
            sql.conversation.bindValue(5, nonNull(summary.settingsJson));
            sql.conversation.bindValue(6, sourceId);
            if (!exec(sql.conversation))
                return failed();
            const qint64 conversationId = sql.conversation.lastInsertId().toLongLong();

            QHash<qint64, qint64> newIds; // the file's ids -> the database's
            newIds.reserve(tree->messages.size());
            qint64 lastId = 0;
            for (const StoredMessage& m : tree->messages) {
                if (++sinceCheck >= CancelCheckEvery) {
                    sinceCheck = 0;
                    if (cancelled())
                        return stopped();
                }
                const qint64 msgCreated =
                    m.createdAt.isValid() ? m.createdAt.toMSecsSinceEpoch() : now;
                const qint64 msgUpdated =
                    m.updatedAt.isValid() ? m.updatedAt.toMSecsSinceEpoch() : msgCreated;
                // Nothing streams into an imported message: a crash's rule applies at once.
                const MessageStatus status =
                    m.status == MessageStatus::Streaming ? MessageStatus::Incomplete : m.status;
                const qint64 parent = m.parentId > 0 ? newIds.value(m.parentId, 0) : 0;
                QSqlQuery& insert = sql.message;
                insert.bindValue(0, conversationId);
                insert.bindValue(1, nullableId(parent));
                insert.bindValue(2, Database::roleName(m.role));
                insert.bindValue(3, nonNull(m.content));
                insert.bindValue(4, Database::storedSearchText(m.content));
                insert.bindValue(5, nonNull(m.reasoning));
                insert.bindValue(6, nonNull(m.model));
                insert.bindValue(7, m.usage.inputTokens);
                insert.bindValue(8, m.usage.outputTokens);
                insert.bindValue(9, wireName(status));
                insert.bindValue(10, nonNull(m.finishReason));
                insert.bindValue(11, nonNull(m.errorMessage));
                insert.bindValue(12, msgCreated);
                insert.bindValue(13, msgUpdated);
                insert.bindValue(14, nonNull(toolCallRecordsToJson(m.toolCalls)));
                insert.bindValue(15, MessageExtras::storedMs(m.firstTokenMs));
                insert.bindValue(16, MessageExtras::storedMs(m.durationMs));
                if (!exec(insert))
                    return failed();
                lastId = insert.lastInsertId().toLongLong();
                if (m.id > 0)
                    newIds.insert(m.id, lastId);
                if (!m.attachments.isEmpty() && !extras.insertAttachments(lastId, m.attachments))
                    return failed();
            }
            const qint64 leaf = newIds.value(summary.currentLeafId, lastId);
            sql.leaf.bindValue(0, nullableId(leaf));
            sql.leaf.bindValue(1, conversationId);
            if (!exec(sql.leaf))
                return failed();

            ++result.imported;
            result.messages += tree->messages.size();
            result.conversationIds.append(conversationId);
        }
        if (progress)
            progress(index + 1, total);
    }
    // A cancel that came after the last conversation still wins: nothing is committed yet.
    if (cancelled())
        return stopped();
    sql.finish();
    if (!m_database.commitTransaction())
        return std::nullopt; // rolled back by commitTransaction
    return result;
}

} // namespace keel::core
