// ToolWire: what the four request builders share about tools: the conversation's tool messages
// put in an order every API accepts (each call answered right after it), arguments and input
// schemas made into the JSON objects the APIs insist on, the OpenAI-style tool definitions
// (OpenAI and Ollama) and the reduction of a JSON Schema to the subset Gemini accepts.
#pragma once

#include "chat/ChatTypes.h"

#include <QList>
#include <QString>

#include <nlohmann/json.hpp>

namespace keel::core {

// The messages as a provider is sent them. With tools offered, every call of an assistant message
// is answered by exactly one Tool message right after it, in the order of the calls: a missing
// result becomes an error result, a result that answers no call becomes user text, and calls get
// an id if they had none. Without tools, calls and results are written out as text: APIs refuse
// tool blocks in a request that defines no tools.
QList<ChatMessage> toolWireMessages(const QList<ChatMessage>& messages, bool toolsOffered);

// A call's arguments as a JSON object: what the model sent when it is one, else {}.
nlohmann::ordered_json toolArgumentsObject(const QString& arguments);
// The same as text: the model's own text when it is an object, else "{}".
QString toolArgumentsText(const QString& arguments);

// A tool's input schema as an object schema; {"type":"object","properties":{}} when it is not.
nlohmann::ordered_json toolInputSchema(const ToolSpec& tool);

// [{"type":"function","function":{"name","description","parameters"}}], as OpenAI and Ollama
// take them.
nlohmann::ordered_json functionToolDefinitions(const QList<ToolSpec>& tools);

// A Tool message's text for APIs without an error flag: a failure says so in words.
QString toolResultText(const ChatMessage& result);

// A JSON Schema reduced to the OpenAPI subset Gemini's function declarations accept: local $refs
// inlined, type lists and null alternatives turned into nullable, unsupported keywords and
// formats dropped. Null when nothing is left to declare (a tool without parameters).
nlohmann::ordered_json geminiSchema(const nlohmann::ordered_json& schema);

} // namespace keel::core
