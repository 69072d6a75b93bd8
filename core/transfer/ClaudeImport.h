// ClaudeImport: one conversation of Claude's data export (conversations.json with
// `chat_messages`) to a tree. Messages follow `parent_message_uuid` when the export has it
// (branches kept), else their order; `content` blocks give text, thinking (as reasoning) and
// tool use (as text placeholders); attachments with extracted text become text attachments;
// files without content become placeholders with a warning. Source id "claude:<uuid>".
#pragma once

#include "store/ConversationTree.h"

#include <QStringList>

#include <nlohmann/json.hpp>
#include <optional>

namespace keel::core {

// The element looks like a Claude conversation (an object with a `chat_messages` array).
bool isClaudeConversation(const nlohmann::json& element);

std::optional<ConversationTree> claudeConversation(const nlohmann::json& element, QString& error,
                                                   QStringList& warnings);

} // namespace keel::core
