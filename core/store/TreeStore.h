// TreeStore: whole conversation trees in and out of the history, on Database's connection and
// thread: the read for export (every branch, attachments included) and the import, written in
// one transaction (all or nothing). A friend of Database, as MessageExtras is, so it shares its
// error handling and transactions.
#pragma once

#include "store/ConversationTree.h"

#include <QHash>
#include <QStringList>

#include <functional>
#include <optional>

namespace keel::core {

class Database;

class TreeStore {
public:
    explicit TreeStore(Database& database);

    // The conversation (deleted ones too) with every message of every branch in tree order,
    // with tool calls and attachments. nullopt: database.lastError() says why.
    std::optional<ConversationTree> loadTree(qint64 conversationId);

    // Ids of the conversations not deleted, in the sidebar's order (pinned first, newest first).
    std::optional<QList<qint64>> conversationIds();

    // For each of sourceIds: the conversations not deleted that go by it (exportSourceId: their
    // stored source id, or the derived "keel:<ms>:<id>" of a native conversation). Ids that
    // match nothing are absent from the answer.
    std::optional<QHash<QString, QList<qint64>>>
    conversationsBySource(const QStringList& sourceIds);

    // Writes request.conversations in one transaction, in order. A conversation whose
    // exportSourceId matches one already there (conversationsBySource) is skipped, or with
    // Replace the old ones are deleted for good and the new one written. Each keeps its title,
    // timestamps, pinned, settings, source id (exportSourceId of the imported summary) and
    // current branch; messages keep their timestamps, and sibling order is the tree's order.
    // progress(done, total) is called after each conversation; request.cancel is checked as
    // often. Cancelled: rolled back, result.cancelled. Failed: rolled back, nullopt.
    // Within one request the first conversation with a given source id wins, whatever the
    // policy: later ones are skipped. A message imported as Streaming is stored Incomplete
    // (nothing streams into it).
    std::optional<TreeImportResult>
    importTrees(const ImportRequest& request,
                const std::function<void(int done, int total)>& progress = {});

private:
    Database& m_database;
};

} // namespace keel::core
