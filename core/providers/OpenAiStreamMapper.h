// OpenAiStreamMapper: Chat Completions SSE chunks -> StreamEvents (content, reasoning_content /
// reasoning, tool_calls fragments, finish_reason, usage, [DONE], in-stream error objects), and the
// same mapping for a whole non-streamed completion.
#pragma once

#include "providers/SseStreamMapper.h"

#include <nlohmann/json_fwd.hpp>

namespace keel::core {

class OpenAiStreamMapper final : public SseStreamMapper {
public:
    bool sawEndOfStream() const override { return m_done; }

    // A whole non-streamed chat completion (choices[].message, finish_reason, usage, or an
    // error object) as the events its stream would have produced.
    static StreamEvents mapResponse(const nlohmann::json& response);

private:
    void onEvent(const SseEvent& event) override;

    bool m_done = false;
};

} // namespace keel::core
