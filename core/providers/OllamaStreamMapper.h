// OllamaStreamMapper: Ollama's native /api/chat NDJSON stream -> StreamEvents (message.content,
// message.thinking, message.tool_calls, the final done line with its counts and done_reason, and
// in-stream {"error": ...} lines).
#pragma once

#include "net/NdjsonDecoder.h"
#include "providers/Provider.h"

namespace keel::core {

class OllamaStreamMapper final : public StreamMapper {
public:
    OllamaStreamMapper();
    StreamEvents feed(QByteArrayView bytes) override;
    StreamEvents finish() override;
    bool sawEndOfStream() const override { return m_done; }

private:
    // The decoder's handler captures `this`; a copy would dispatch into the original.
    Q_DISABLE_COPY_MOVE(OllamaStreamMapper)

    void onLine(QByteArrayView line);

    NdjsonDecoder m_decoder;
    StreamEvents m_pending;
    int m_nextToolIndex = 0; // Ollama sends each call whole and unnumbered; we number them
    bool m_done = false;
};

} // namespace keel::core
