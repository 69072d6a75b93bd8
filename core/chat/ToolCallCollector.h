// ToolCallCollector: assembles the tool calls of one model response from the stream's
// ToolCallDelta events (OpenAI's indexed argument fragments, Anthropic's input_json_delta,
// Gemini's and Ollama's whole calls), in the order the model made them.
#pragma once

#include "providers/StreamEvent.h"
#include "tools/ToolTypes.h"

#include <QList>

#include <map>

namespace keel::core {

class ToolCallCollector {
public:
    void add(const ToolCallDelta& delta);
    bool isEmpty() const { return m_calls.empty(); }
    // By index. A call without an id gets "call_<step>_<n>" (Gemini and some Ollama models
    // give none); empty arguments become "{}".
    QList<ToolCall> calls(int step = 1) const;
    void clear() { m_calls.clear(); }

private:
    std::map<int, ToolCall> m_calls;
};

} // namespace keel::core
