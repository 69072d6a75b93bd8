// ConversationTree: the tree-order and current-branch rules shared by export and import.
#include "store/ConversationTree.h"

#include <QHash>
#include <QSet>

namespace keel::core {

QList<StoredMessage> currentBranch(const ConversationTree& tree)
{
    if (tree.messages.isEmpty())
        return {};
    QHash<qint64, qsizetype> indexOf;
    indexOf.reserve(tree.messages.size());
    for (qsizetype i = 0; i < tree.messages.size(); ++i)
        indexOf.insert(tree.messages[i].id, i);
    qsizetype at = indexOf.value(tree.conversation.currentLeafId, tree.messages.size() - 1);
    QList<StoredMessage> branch;
    QSet<qint64> seen; // a malformed tree must not loop
    while (at >= 0) {
        const StoredMessage& message = tree.messages[at];
        if (seen.contains(message.id))
            break;
        seen.insert(message.id);
        branch.prepend(message);
        at = message.parentId > 0 ? indexOf.value(message.parentId, -1) : -1;
    }
    return branch;
}

void normalizeTreeOrder(ConversationTree& tree)
{
    const qsizetype n = tree.messages.size();
    QHash<qint64, qsizetype> indexOf;
    indexOf.reserve(n);
    for (qsizetype i = 0; i < n; ++i)
        indexOf.insert(tree.messages[i].id, i);
    // Children in their present order; a message with an unknown parent (or its own) is a root.
    QHash<qint64, QList<qsizetype>> children;
    QList<qsizetype> roots;
    for (qsizetype i = 0; i < n; ++i) {
        const qint64 parent = tree.messages[i].parentId;
        if (parent > 0 && parent != tree.messages[i].id && indexOf.contains(parent))
            children[parent].append(i);
        else
            roots.append(i);
    }
    QList<StoredMessage> ordered;
    ordered.reserve(n);
    QList<bool> placed(n, false);
    // Iterative depth-first walk: conversations can be thousands of messages deep.
    const auto walkFrom = [&](qsizetype root) {
        QList<qsizetype> stack{root};
        while (!stack.isEmpty()) {
            const qsizetype i = stack.takeLast();
            if (placed[i])
                continue;
            placed[i] = true;
            ordered.append(tree.messages[i]);
            const QList<qsizetype> kids = children.value(tree.messages[i].id);
            for (auto it = kids.crbegin(); it != kids.crend(); ++it)
                stack.append(*it);
        }
    };
    for (qsizetype root : roots)
        walkFrom(root);
    // What is left hangs in a cycle: cut it at its first member, which becomes a root.
    for (qsizetype i = 0; i < n; ++i) {
        if (!placed[i]) {
            tree.messages[i].parentId = 0;
            walkFrom(i);
        }
    }
    for (StoredMessage& message : ordered) {
        if (message.parentId == message.id || !indexOf.contains(message.parentId))
            message.parentId = 0;
    }
    tree.messages = std::move(ordered);
}

QString exportSourceId(const ConversationSummary& conversation)
{
    if (!conversation.sourceId.isEmpty())
        return conversation.sourceId;
    return QStringLiteral("keel:%1:%2")
        .arg(conversation.createdAt.toMSecsSinceEpoch())
        .arg(conversation.id);
}

} // namespace keel::core
