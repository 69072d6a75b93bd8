// MarkdownExport: the current branch of a conversation as a Markdown document: YAML front
// matter (title, model, created, updated, exported by Keel), a heading per message (role, and
// model for replies), the text as written (code blocks intact), reasoning and tool calls folded
// into <details>, attachments listed by name, type and size.
#pragma once

#include "store/ConversationTree.h"

#include <QString>

namespace keel::core {

QString markdownExport(const ConversationTree& tree);

} // namespace keel::core
