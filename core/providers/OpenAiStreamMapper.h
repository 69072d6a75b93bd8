// OpenAiStreamMapper: Chat Completions SSE chunks -> StreamEvents (content, reasoning_content /
// reasoning, tool_calls fragments, finish_reason, usage, [DONE], in-stream error objects).
#pragma once

#include "providers/SseStreamMapper.h"

namespace keel::core {

class OpenAiStreamMapper final : public SseStreamMapper {
public:
    bool sawEndOfStream() const override { return m_done; }

private:
    void onEvent(const SseEvent& event) override;

    bool m_done = false;
};

} // namespace keel::core
