// OpenAiStreamMapper: Chat Completions SSE chunks -> StreamEvents (content, reasoning_content /
// reasoning, tool_calls fragments, finish_reason, usage, [DONE], in-stream error objects).
#pragma once

#include "net/SseDecoder.h"
#include "providers/Provider.h"

namespace keel::core {

class OpenAiStreamMapper final : public StreamMapper {
public:
    OpenAiStreamMapper();
    StreamEvents feed(QByteArrayView bytes) override;
    StreamEvents finish() override;
    bool sawEndOfStream() const override { return m_done; }

private:
    // The decoder's handler captures `this`; a copy would dispatch into the original.
    Q_DISABLE_COPY_MOVE(OpenAiStreamMapper)

    void onEvent(const SseEvent& event);

    SseDecoder m_decoder;
    StreamEvents m_pending;
    bool m_done = false;
};

} // namespace keel::core
