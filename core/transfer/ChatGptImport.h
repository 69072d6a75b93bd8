// ChatGptImport: one conversation of ChatGPT's data export (conversations.json) to a tree. The
// export keeps every branch in `mapping` (node id -> {message, parent, children}); the tree is
// kept: user messages and assistant replies become Keel messages with the same branching,
// `current_node` becomes the current branch, hidden and empty system / tool plumbing is folded
// away, and parts that are not text (images, files, code runs) become readable placeholders
// with a warning. Source id "chatgpt:<conversation id>".
#pragma once

#include "store/ConversationTree.h"

#include <QStringList>

#include <nlohmann/json.hpp>
#include <optional>

namespace keel::core {

// The element looks like a ChatGPT conversation (an object with a `mapping` object).
bool isChatGptConversation(const nlohmann::json& element);

// Missing fields are defaulted (no title: "Untitled", no times: now); error (human) only when
// the element cannot be a conversation at all. Lossy conversions are added to warnings
// (addWarning) naming the conversation.
std::optional<ConversationTree> chatGptConversation(const nlohmann::json& element, QString& error,
                                                    QStringList& warnings);

} // namespace keel::core
