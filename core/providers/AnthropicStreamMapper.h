// AnthropicStreamMapper: Anthropic Messages SSE events -> StreamEvents (text and thinking deltas,
// tool_use blocks and their input_json_delta fragments, stop_reason, usage, message_stop and
// in-stream error events), and the same mapping for a whole non-streamed response.
#pragma once

#include "providers/SseStreamMapper.h"

#include <nlohmann/json_fwd.hpp>

namespace keel::core {

class AnthropicStreamMapper final : public SseStreamMapper {
public:
    bool sawEndOfStream() const override { return m_done; }

    // A whole non-streamed Messages response (content blocks: text, thinking, tool_use;
    // stop_reason; usage; or an error object) as the events its stream would have produced.
    static StreamEvents mapResponse(const nlohmann::json& response);

private:
    void onEvent(const SseEvent& event) override;

    // message_start reports the input tokens, message_delta the output tokens; the UsageEvent
    // carries both, so the first half is kept until the second arrives.
    qint64 m_inputTokens = -1;
    bool m_done = false;
};

} // namespace keel::core
