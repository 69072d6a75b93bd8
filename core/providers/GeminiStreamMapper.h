// GeminiStreamMapper: Gemini streamGenerateContent (alt=sse) -> StreamEvents. Each SSE event is a
// whole GenerateContentResponse: thought and text parts, function calls, finish reasons (safety
// stops included), usage metadata, prompt blocks and in-stream error objects. A non-streamed
// generateContent response is mapped the same way.
#pragma once

#include "providers/SseStreamMapper.h"

#include <nlohmann/json_fwd.hpp>

namespace keel::core {

class GeminiStreamMapper final : public SseStreamMapper {
public:
    // Gemini sends no [DONE]: the stream is done once a candidate carried a finish reason.
    bool sawEndOfStream() const override { return m_done; }

    // A whole generateContent response (the shape of one stream chunk, or an array of them) as
    // the events its stream would have produced.
    static StreamEvents mapResponse(const nlohmann::json& response);

private:
    void onEvent(const SseEvent& event) override;
    // A parsed event: one response or an array of them; false if it is neither.
    bool onDocument(const nlohmann::json& root);
    // One GenerateContentResponse; false once it produced an error (the rest is ignored).
    bool onResponse(const nlohmann::json& response);
    void onParts(const nlohmann::json& parts);
    void onUsage(const nlohmann::json& usage);
    void onFinishReason(const std::string& reason, const nlohmann::json& candidate);

    Usage m_usage;           // the last usage reported, to send only changes
    int m_toolCalls = 0;     // function calls so far: their ToolCallDelta index
    bool m_sawReply = false; // text or a function call arrived (reasoning alone is no reply)
    bool m_done = false;
};

} // namespace keel::core
