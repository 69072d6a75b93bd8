// MessageExtras: the schema-4 parts of the history, on Database's connection and thread: the
// files attached to messages (stored as BLOBs, loaded with a page in one query), the composer's
// drafts per conversation, and the deletion of a message with every message below it. Database
// forwards to it; it is a friend so it shares Database's error handling and transactions.
#pragma once

#include "store/StoreTypes.h"

#include <QList>
#include <QString>
#include <QVariant>

#include <optional>

namespace keel::core {

class Database;

class MessageExtras {
public:
    explicit MessageExtras(Database& database);

    // Migration 3 -> 4: tables attachments and drafts, the reply timing columns of messages.
    bool createSchema();

    // Stores a message's attachments in their order (inside the caller's transaction).
    bool insertAttachments(qint64 messageId, const QList<Attachment>& attachments);
    // Sets the attachments of every message of the list, with one query.
    bool fillAttachments(QList<StoredMessage>& messages);

    // See Database::deleteMessage.
    std::optional<int> deleteMessage(qint64 conversationId, qint64 messageId);

    bool saveDraft(qint64 conversationId, const QString& text);
    std::optional<QString> draft(qint64 conversationId);

    // Timing as stored: NULL for -1 (not known), and back.
    static QVariant storedMs(qint64 milliseconds);
    static qint64 loadedMs(const QVariant& value);

private:
    std::optional<qint64> latestLeafBelow(qint64 conversationId, qint64 parentId);

    Database& m_database;
};

} // namespace keel::core
