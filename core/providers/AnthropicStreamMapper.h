// AnthropicStreamMapper: Anthropic Messages SSE events -> StreamEvents (text and thinking deltas,
// tool_use blocks and their input_json_delta fragments, stop_reason, usage, message_stop and
// in-stream error events).
#pragma once

#include "net/SseDecoder.h"
#include "providers/Provider.h"

namespace keel::core {

class AnthropicStreamMapper final : public StreamMapper {
public:
    AnthropicStreamMapper();
    StreamEvents feed(QByteArrayView bytes) override;
    StreamEvents finish() override;
    bool sawEndOfStream() const override { return m_done; }

private:
    // The decoder's handler captures `this`; a copy would dispatch into the original.
    Q_DISABLE_COPY_MOVE(AnthropicStreamMapper)

    void onEvent(const SseEvent& event);

    SseDecoder m_decoder;
    StreamEvents m_pending;
    // message_start reports the input tokens, message_delta the output tokens; the UsageEvent
    // carries both, so the first half is kept until the second arrives.
    qint64 m_inputTokens = -1;
    bool m_done = false;
};

} // namespace keel::core
