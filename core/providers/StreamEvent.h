// StreamEvent: the provider-neutral vocabulary every stream mapper produces and every turn
// consumes. Nothing above the mappers knows which provider spoke.
#pragma once

#include "chat/ChatTypes.h"

#include <QString>

#include <variant>
#include <vector>

namespace keel::core {

struct TextDelta {
    QString text;
};
struct ReasoningDelta {
    QString text;
};
struct ToolCallDelta {
    int index = 0;
    QString id;
    QString name;
    QString argumentsFragment;
};
struct UsageEvent {
    Usage usage;
};
struct FinishEvent {
    QString reason; // provider's finish reason, normalised: stop, length, tool_calls,
                    // content_filter, ...
};
struct StreamError {
    TurnError error;
};

using StreamEvent =
    std::variant<TextDelta, ReasoningDelta, ToolCallDelta, UsageEvent, FinishEvent, StreamError>;
using StreamEvents = std::vector<StreamEvent>;

} // namespace keel::core
