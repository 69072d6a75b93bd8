// TextExport: the current branch of a conversation as plain text: a title block, then each
// message under "You" / "Assistant (model)" with its time, text as written, reasoning and tool
// calls indented below it, attachments named.
#pragma once

#include "store/ConversationTree.h"

#include <QString>

namespace keel::core {

QString textExport(const ConversationTree& tree);

} // namespace keel::core
