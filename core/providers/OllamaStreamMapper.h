// OllamaStreamMapper: Ollama's native /api/chat NDJSON stream -> StreamEvents (message.content,
// message.thinking, message.tool_calls, the final done line with its counts and done_reason, and
// in-stream {"error": ...} lines), and the same mapping for a whole non-streamed response.
#pragma once

#include "net/NdjsonDecoder.h"
#include "providers/Provider.h"

#include <nlohmann/json_fwd.hpp>

namespace keel::core {

class OllamaStreamMapper final : public StreamMapper {
public:
    OllamaStreamMapper();
    StreamEvents feed(QByteArrayView bytes) override;
    StreamEvents finish() override;
    bool sawEndOfStream() const override { return m_done; }

    // A whole non-streamed /api/chat response (message, done_reason, counts, or an error) as the
    // events its stream would have produced.
    static StreamEvents mapResponse(const nlohmann::json& response);

private:
    // The decoder's handler captures `this`; a copy would dispatch into the original.
    Q_DISABLE_COPY_MOVE(OllamaStreamMapper)

    void onLine(QByteArrayView line);
    void onChunk(const nlohmann::json& chunk); // one parsed line, an object

    NdjsonDecoder m_decoder;
    StreamEvents m_pending;
    int m_nextToolIndex = 0; // Ollama sends each call whole and unnumbered; we number them
    bool m_done = false;
};

} // namespace keel::core
