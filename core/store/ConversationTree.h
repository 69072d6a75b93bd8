// ConversationTree: a whole conversation as one value, every branch included: what export reads
// and import writes. Also the import request and its result, which cross to the store thread.
#pragma once

#include "store/StoreTypes.h"

#include <QList>
#include <QMetaType>
#include <QString>

#include <atomic>
#include <memory>

namespace keel::core {

// messages: parents before children, depth first, siblings oldest first (the order the
// branch navigator shows them). Loaded from the database, ids are the database's; built by an
// importer they only need to be unique within the tree and > 0: parentId (0 for a root) and
// conversation.currentLeafId refer to them. conversation.id is ignored on import.
struct ConversationTree {
    ConversationSummary conversation;
    QList<StoredMessage> messages{};
};

// The current branch, root first: up from conversation.currentLeafId, or from the last message
// in tree order when that is 0 or not in the tree. Empty for an empty tree.
QList<StoredMessage> currentBranch(const ConversationTree& tree);

// Puts messages in tree order (depth first, siblings in their present relative order). A message
// whose parent is not in the tree becomes a root; a cycle is broken the same way. Stable: a tree
// already in order is left as it is.
void normalizeTreeOrder(ConversationTree& tree);

// The id a conversation goes by in exports, so that importing it twice is noticed: its own
// sourceId when it was imported, else "keel:<createdAt ms>:<id>" (stable for a native one).
QString exportSourceId(const ConversationSummary& conversation);

enum class DuplicatePolicy { Skip, Replace };

// What an import wrote (or, cancelled / failed, would have: nothing was written then).
struct TreeImportResult {
    int imported = 0;    // conversations written, replacements included
    int replaced = 0;    // of those, how many replaced conversations with the same source id
    int skipped = 0;     // already there (same source id) and left alone
    qint64 messages = 0; // messages written
    QList<qint64> conversationIds{}; // the written conversations, in the request's order
    bool cancelled = false;          // rolled back because the request's cancel flag was set
};

struct ImportRequest {
    QList<ConversationTree> conversations{};
    DuplicatePolicy policy = DuplicatePolicy::Skip;
    // Set to true from any thread to stop; the import then rolls back (nothing written).
    std::shared_ptr<std::atomic_bool> cancel = std::make_shared<std::atomic_bool>(false);
};

} // namespace keel::core

Q_DECLARE_METATYPE(keel::core::ConversationTree)
Q_DECLARE_METATYPE(keel::core::TreeImportResult)
Q_DECLARE_METATYPE(keel::core::ImportRequest)
