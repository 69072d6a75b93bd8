// AnthropicStreamMapper: Anthropic Messages SSE events -> StreamEvents (text and thinking deltas,
// tool_use blocks and their input_json_delta fragments, stop_reason, usage, message_stop and
// in-stream error events).
#pragma once

#include "providers/SseStreamMapper.h"

namespace keel::core {

class AnthropicStreamMapper final : public SseStreamMapper {
public:
    bool sawEndOfStream() const override { return m_done; }

private:
    void onEvent(const SseEvent& event) override;

    // message_start reports the input tokens, message_delta the output tokens; the UsageEvent
    // carries both, so the first half is kept until the second arrives.
    qint64 m_inputTokens = -1;
    bool m_done = false;
};

} // namespace keel::core
