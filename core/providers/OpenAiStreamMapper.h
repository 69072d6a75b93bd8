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

    // What the mapping remembers about tool calls from one chunk to the next.
    struct ToolCallTrack {
        bool streaming = true;
        bool sawToolCalls = false; // a reason "stop" after calls is still "tool_calls"
        // For servers that leave out the fragments' index: the call the last fragment was for.
        int lastIndex = -1;
        QString lastId;
    };

private:
    void onEvent(const SseEvent& event) override;

    ToolCallTrack m_tools;
    bool m_done = false;
};

} // namespace keel::core
