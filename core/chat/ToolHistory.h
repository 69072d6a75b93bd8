// ToolHistory: a stored reply that used tools, turned back into what providers are sent: the
// reply's text is cut at each step's textOffset; each step becomes an assistant message with its
// calls followed by one Tool message per result; the text after the last step ends it.
#pragma once

#include "chat/ChatTypes.h"

#include <QList>

namespace keel::core {

QList<ChatMessage> assistantMessagesFor(const QString& content,
                                        const QList<ToolCallRecord>& toolCalls);

} // namespace keel::core
