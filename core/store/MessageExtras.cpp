// MessageExtras: attachments, drafts and message deletion (schema 4).
#include "store/MessageExtras.h"

#include "store/Database.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QSqlQuery>
#include <QStringList>

namespace keel::core {

namespace {

// The translation context of this file's user-visible messages: free functions and plain
// classes have no tr() of their own.
struct MessageExtrasText {
    Q_DECLARE_TR_FUNCTIONS(MessageExtras)
};

// A write transaction (or a savepoint inside the caller's), rolled back unless committed.
class WriteScope {
public:
    explicit WriteScope(Database& database)
        : m_database(database)
    {
    }
    ~WriteScope()
    {
        if (m_open)
            m_database.rollbackTransaction();
    }
    WriteScope(const WriteScope&) = delete;
    WriteScope& operator=(const WriteScope&) = delete;

    bool begin()
    {
        m_open = m_database.beginTransaction();
        return m_open;
    }
    bool commit()
    {
        m_open = false; // commitTransaction rolls back itself when it fails
        return m_database.commitTransaction();
    }

private:
    Database& m_database;
    bool m_open = false;
};

// Ids as a JSON array for json_each(?): one statement whatever the number of ids.
QString idList(const QList<qint64>& ids)
{
    QStringList parts;
    parts.reserve(ids.size());
    for (const qint64 id : ids)
        parts << QString::number(id);
    return QLatin1Char('[') + parts.join(QLatin1Char(',')) + QLatin1Char(']');
}

QVariant nullableId(qint64 id)
{
    return id > 0 ? QVariant(id) : QVariant(QMetaType::fromType<qint64>());
}

QString kindName(Attachment::Kind kind)
{
    return kind == Attachment::Kind::Image ? QStringLiteral("image") : QStringLiteral("text");
}

} // namespace

MessageExtras::MessageExtras(Database& database)
    : m_database(database)
{
}

QVariant MessageExtras::storedMs(qint64 milliseconds)
{
    return milliseconds >= 0 ? QVariant(milliseconds) : QVariant(QMetaType::fromType<qint64>());
}

qint64 MessageExtras::loadedMs(const QVariant& value)
{
    return value.isNull() ? -1 : value.toLongLong();
}

bool MessageExtras::createSchema()
{
    const QStringList statements = {
        // The bytes as attached (text cut at its cap); not in the full-text index.
        QStringLiteral("CREATE TABLE attachments ("
                       " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                       " message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,"
                       " position INTEGER NOT NULL,"
                       " kind TEXT NOT NULL,"
                       " file_name TEXT NOT NULL DEFAULT '',"
                       " mime_type TEXT NOT NULL DEFAULT '',"
                       " data BLOB NOT NULL,"
                       " original_size INTEGER NOT NULL DEFAULT 0,"
                       " truncated INTEGER NOT NULL DEFAULT 0)"),
        QStringLiteral("CREATE INDEX attachments_message ON attachments(message_id, position)"),
        // conversation_id 0: the new chat that is not stored yet, so no foreign key; a trigger
        // removes the draft of a conversation that is purged.
        QStringLiteral("CREATE TABLE drafts ("
                       " conversation_id INTEGER PRIMARY KEY,"
                       " text TEXT NOT NULL,"
                       " updated_at INTEGER NOT NULL)"),
        QStringLiteral("CREATE TRIGGER drafts_conversation_delete AFTER DELETE ON conversations"
                       " BEGIN DELETE FROM drafts WHERE conversation_id = old.id; END"),
        // NULL: not known (replies from before schema 4, messages that are not replies).
        QStringLiteral("ALTER TABLE messages ADD COLUMN first_token_ms INTEGER"),
        QStringLiteral("ALTER TABLE messages ADD COLUMN duration_ms INTEGER"),
    };
    for (const QString& sql : statements) {
        if (!m_database.exec(sql))
            return false;
    }
    return true;
}

bool MessageExtras::insertAttachments(qint64 messageId, const QList<Attachment>& attachments)
{
    for (qsizetype position = 0; position < attachments.size(); ++position) {
        const Attachment& attachment = attachments[position];
        // A null QByteArray would be bound as NULL.
        const QByteArray data = attachment.data.isNull() ? QByteArray("") : attachment.data;
        QSqlQuery insert(m_database.m_db);
        if (!m_database.run(
                insert,
                QStringLiteral("INSERT INTO attachments (message_id, position, kind,"
                               " file_name, mime_type, data, original_size,"
                               " truncated) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
                {messageId, qint64(position), kindName(attachment.kind),
                 attachment.fileName.isNull() ? QStringLiteral("") : attachment.fileName,
                 attachment.mimeType.isNull() ? QStringLiteral("") : attachment.mimeType, data,
                 attachment.originalSize, attachment.truncated ? 1 : 0}))
            return false;
    }
    return true;
}

bool MessageExtras::fillAttachments(QList<StoredMessage>& messages)
{
    if (messages.isEmpty())
        return true;
    QList<qint64> ids;
    ids.reserve(messages.size());
    for (const StoredMessage& message : std::as_const(messages))
        ids << message.id;
    QSqlQuery q(m_database.m_db);
    if (!m_database.run(q,
                        QStringLiteral("SELECT message_id, id, kind, file_name, mime_type, data,"
                                       " original_size, truncated FROM attachments"
                                       " WHERE message_id IN (SELECT value FROM json_each(?))"
                                       " ORDER BY message_id, position"),
                        {idList(ids)}))
        return false;
    QHash<qint64, QList<Attachment>> byMessage;
    while (q.next()) {
        Attachment attachment;
        attachment.id = q.value(1).toLongLong();
        attachment.kind = q.value(2).toString() == QLatin1String("image") ? Attachment::Kind::Image
                                                                          : Attachment::Kind::Text;
        attachment.fileName = q.value(3).toString();
        attachment.mimeType = q.value(4).toString();
        attachment.data = q.value(5).toByteArray();
        attachment.originalSize = q.value(6).toLongLong();
        attachment.truncated = q.value(7).toInt() != 0;
        byMessage[q.value(0).toLongLong()].append(attachment);
    }
    for (StoredMessage& message : messages)
        message.attachments = byMessage.value(message.id);
    return true;
}

std::optional<qint64> MessageExtras::latestLeafBelow(qint64 conversationId, qint64 parentId)
{
    QSqlQuery q(m_database.m_db);
    if (!m_database.run(q,
                        QStringLiteral("WITH RECURSIVE below(id) AS ("
                                       " SELECT id FROM messages"
                                       " WHERE conversation_id = ? AND parent_id IS ?"
                                       " UNION ALL"
                                       " SELECT m.id FROM messages m"
                                       " JOIN below ON m.parent_id = below.id)"
                                       " SELECT m.id FROM below JOIN messages m ON m.id = below.id"
                                       " WHERE NOT EXISTS"
                                       " (SELECT 1 FROM messages c WHERE c.parent_id = m.id)"
                                       " ORDER BY m.updated_at DESC, m.id DESC LIMIT 1"),
                        {conversationId, nullableId(parentId)}))
        return std::nullopt;
    return q.next() ? q.value(0).toLongLong() : 0;
}

std::optional<int> MessageExtras::deleteMessage(qint64 conversationId, qint64 messageId)
{
    WriteScope tx(m_database);
    if (!tx.begin())
        return std::nullopt;

    QSqlQuery owner(m_database.m_db);
    if (!m_database.run(owner,
                        QStringLiteral("SELECT conversation_id, parent_id FROM messages"
                                       " WHERE id = ?"),
                        {messageId}))
        return std::nullopt;
    if (!owner.next() || owner.value(0).toLongLong() != conversationId) {
        m_database.failWith(
            StoreError::Kind::Other,
            MessageExtrasText::tr("Message %1 is not in conversation %2, so it was not "
                                  "deleted.")
                .arg(messageId)
                .arg(conversationId));
        return std::nullopt;
    }
    const qint64 parentId = owner.value(1).isNull() ? 0 : owner.value(1).toLongLong();
    owner.finish();

    QSqlQuery below(m_database.m_db);
    if (!m_database.run(below,
                        QStringLiteral("WITH RECURSIVE below(id) AS (SELECT ? UNION ALL"
                                       " SELECT m.id FROM messages m"
                                       " JOIN below ON m.parent_id = below.id)"
                                       " SELECT id FROM below"),
                        {messageId}))
        return std::nullopt;
    QList<qint64> ids;
    while (below.next())
        ids << below.value(0).toLongLong();
    below.finish();
    const QString idsJson = idList(ids);

    // Attachments would go by their foreign key too; explicit, they go whatever the pragma.
    // A deep subtree would cascade parent by parent, deeper than SQLite's trigger depth limit:
    // with the links inside it cut, every message goes by its id alone (as in purgeDeleted).
    QSqlQuery attachments(m_database.m_db);
    QSqlQuery unlink(m_database.m_db);
    QSqlQuery remove(m_database.m_db);
    if (!m_database.run(attachments,
                        QStringLiteral("DELETE FROM attachments"
                                       " WHERE message_id IN (SELECT value FROM json_each(?))"),
                        {idsJson})
        || !m_database.run(unlink,
                           QStringLiteral("UPDATE messages SET parent_id = NULL"
                                          " WHERE id IN (SELECT value FROM json_each(?))"
                                          " AND id <> ?"),
                           {idsJson, messageId})
        || !m_database.run(remove,
                           QStringLiteral("DELETE FROM messages"
                                          " WHERE id IN (SELECT value FROM json_each(?))"),
                           {idsJson}))
        return std::nullopt;
    const int count = remove.numRowsAffected();

    // The remembered branch moves only when it went with the deleted messages.
    QSqlQuery current(m_database.m_db);
    if (!m_database.run(current,
                        QStringLiteral("SELECT current_leaf_id FROM conversations WHERE id = ?"),
                        {conversationId}))
        return std::nullopt;
    const qint64 currentLeaf =
        current.next() && !current.value(0).isNull() ? current.value(0).toLongLong() : 0;
    current.finish();
    if (ids.contains(currentLeaf)) {
        // The latest branch of a remaining sibling, else the parent (0: nothing is left).
        const std::optional<qint64> sibling = latestLeafBelow(conversationId, parentId);
        if (!sibling)
            return std::nullopt;
        const qint64 leaf = *sibling > 0 ? *sibling : parentId;
        QSqlQuery update(m_database.m_db);
        if (!m_database.run(update,
                            QStringLiteral("UPDATE conversations SET current_leaf_id = ?"
                                           " WHERE id = ?"),
                            {nullableId(leaf), conversationId}))
            return std::nullopt;
    }
    if (!tx.commit())
        return std::nullopt;
    return count;
}

bool MessageExtras::saveDraft(qint64 conversationId, const QString& text)
{
    QSqlQuery q(m_database.m_db);
    if (text.isEmpty())
        return m_database.run(q, QStringLiteral("DELETE FROM drafts WHERE conversation_id = ?"),
                              {conversationId});
    return m_database.run(q,
                          QStringLiteral("INSERT INTO drafts (conversation_id, text, updated_at)"
                                         " VALUES (?, ?, ?) ON CONFLICT(conversation_id)"
                                         " DO UPDATE SET text = excluded.text,"
                                         " updated_at = excluded.updated_at"),
                          {conversationId, text, QDateTime::currentMSecsSinceEpoch()});
}

std::optional<QString> MessageExtras::draft(qint64 conversationId)
{
    QSqlQuery q(m_database.m_db);
    if (!m_database.run(q, QStringLiteral("SELECT text FROM drafts WHERE conversation_id = ?"),
                        {conversationId}))
        return std::nullopt;
    return q.next() ? q.value(0).toString() : QStringLiteral("");
}

} // namespace keel::core
