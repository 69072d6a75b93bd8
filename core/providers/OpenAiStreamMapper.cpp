#include "providers/OpenAiStreamMapper.h"

#include "providers/MapperSupport.h"

#include <QCoreApplication>

#include <algorithm>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <utility>

namespace keel::core {

namespace {

// The translation context of this file's user-visible messages: free functions and plain
// classes have no tr() of their own.
struct OpenAiStreamMapperText {
    Q_DECLARE_TR_FUNCTIONS(OpenAiStreamMapper)
};

using nlohmann::json;

// Servers are inconsistent about in-stream error codes: OpenAI uses strings ("rate_limit_exceeded",
// "server_error"), OpenRouter uses HTTP-like numbers (429, 502). Anything unrecognised is treated
// as a server-side failure, since the request itself was already accepted.
ErrorKind kindForInStreamError(const json& error)
{
    const auto classify = [](const json* value) -> std::optional<ErrorKind> {
        if (!value)
            return std::nullopt;
        if (value->is_number_integer()) {
            const auto code = value->get<json::number_integer_t>();
            if (code == 429)
                return ErrorKind::RateLimit;
            if (code >= 500 && code <= 599)
                return ErrorKind::ServerError;
            return std::nullopt;
        }
        if (const auto* text = value->get_ptr<const json::string_t*>()) {
            if (text->find("rate_limit") != std::string::npos || *text == "429")
                return ErrorKind::RateLimit;
            if (text->find("server_error") != std::string::npos
                || text->find("overloaded") != std::string::npos)
                return ErrorKind::ServerError;
        }
        return std::nullopt;
    };
    if (const auto kind = classify(jsonMember(error, "code")))
        return *kind;
    if (const auto kind = classify(jsonMember(error, "type")))
        return *kind;
    return ErrorKind::ServerError;
}

StreamError inStreamError(const json& error)
{
    QString message = inStreamErrorText(error).simplified();

    StreamError result;
    result.error.kind = error.is_object() ? kindForInStreamError(error) : ErrorKind::ServerError;
    result.error.message =
        message.isEmpty()
            ? OpenAiStreamMapperText::tr(
                "The provider reported an error in the middle of the reply.")
            : OpenAiStreamMapperText::tr("The provider reported an error: %1").arg(message);
    // The stream already started, so a blind retry could duplicate text; TurnRunner decides.
    result.error.retryable = false;
    return result;
}

using ToolCallTrack = OpenAiStreamMapper::ToolCallTrack;

// Which call a fragment belongs to. Streams number them; a whole message lists them in order;
// some compatible servers stream whole calls without numbers, so a new id (or a second call in
// one chunk) starts the next call.
int toolCallIndex(const json& call, int position, const QString& id, ToolCallTrack& tools)
{
    int index = 0;
    if (const json* given = jsonMember(call, "index"); given && given->is_number_integer()) {
        index = static_cast<int>(
            std::clamp<json::number_integer_t>(given->get<json::number_integer_t>(), 0, 1 << 20));
    } else if (!tools.streaming) {
        index = position;
    } else if (tools.lastIndex < 0 || position > 0 || (!id.isEmpty() && id != tools.lastId)) {
        index = tools.lastIndex + 1;
    } else {
        index = tools.lastIndex;
    }
    tools.lastIndex = index;
    if (!id.isEmpty())
        tools.lastId = id;
    return index;
}

ToolCallDelta toolCallDelta(const json& call, int position, ToolCallTrack& tools)
{
    ToolCallDelta toolDelta;
    if (const auto* id = jsonStringMember(call, "id"))
        toolDelta.id = qStringFromUtf8(*id);
    toolDelta.index = toolCallIndex(call, position, toolDelta.id, tools);
    if (const json* function = jsonMember(call, "function")) {
        if (const auto* name = jsonStringMember(*function, "name"))
            toolDelta.name = qStringFromUtf8(*name);
        if (const json* arguments = jsonMember(*function, "arguments")) {
            if (const auto* text = arguments->get_ptr<const json::string_t*>())
                toolDelta.argumentsFragment = qStringFromUtf8(*text);
            else if (arguments->is_object()) // a few servers send the object itself
                toolDelta.argumentsFragment = compactJsonText(*arguments);
        }
    }
    tools.sawToolCalls = true;
    return toolDelta;
}

QString normalisedFinishReason(const std::string& reason, const ToolCallTrack& tools)
{
    // "function_call" is the legacy name; some servers say "stop" after calls.
    if (reason == "function_call" || (reason == "stop" && tools.sawToolCalls))
        return QStringLiteral("tool_calls");
    return qStringFromUtf8(reason);
}

// One chunk of the stream, or a whole non-streamed completion: the two differ only in where a
// choice keeps its text ("delta" / "message") and in tool calls being numbered or not.
template <typename Push>
void mapChunk(const json& chunk, const char* messageKey, ToolCallTrack& tools, Push&& push)
{
    if (const json* error = jsonMember(chunk, "error"); error && !error->is_null()) {
        push(inStreamError(*error));
        return;
    }

    if (const json* choices = jsonMember(chunk, "choices"); choices && choices->is_array()) {
        for (const json& choice : *choices) {
            if (const json* delta = jsonMember(choice, messageKey)) {
                // Reasoning first: when both arrive in one chunk, the thought precedes the answer.
                const std::string* reasoning = jsonStringMember(*delta, "reasoning_content");
                if (!reasoning || reasoning->empty())
                    reasoning = jsonStringMember(*delta, "reasoning");
                if (reasoning && !reasoning->empty())
                    push(ReasoningDelta{qStringFromUtf8(*reasoning)});

                // The first chunk carries content "" next to the role; it is not a delta.
                if (const auto* content = jsonStringMember(*delta, "content");
                    content && !content->empty())
                    push(TextDelta{qStringFromUtf8(*content)});

                if (const json* toolCalls = jsonMember(*delta, "tool_calls");
                    toolCalls && toolCalls->is_array()) {
                    int position = 0;
                    for (const json& call : *toolCalls) {
                        if (call.is_object())
                            push(toolCallDelta(call, position++, tools));
                    }
                }
            }
            if (const auto* reason = jsonStringMember(choice, "finish_reason"))
                push(FinishEvent{normalisedFinishReason(*reason, tools)});
        }
    }

    const json* usage = jsonMember(chunk, "usage");
    if (!usage || !usage->is_object()) {
        // Groq reports usage in its own extension object of the last chunk.
        if (const json* groq = jsonMember(chunk, "x_groq"); groq && groq->is_object())
            usage = jsonMember(*groq, "usage");
    }
    if (usage && usage->is_object()) {
        UsageEvent usageEvent;
        usageEvent.usage.inputTokens = jsonTokenCount(*usage, "prompt_tokens");
        usageEvent.usage.outputTokens = jsonTokenCount(*usage, "completion_tokens");
        push(usageEvent);
    }
}

} // namespace

void OpenAiStreamMapper::onEvent(const SseEvent& event)
{
    const QStringView data = QStringView(event.data).trimmed();
    // Keep-alive events with blank data carry nothing.
    if (data.isEmpty())
        return;
    if (data == u"[DONE]") {
        m_done = true;
        return;
    }

    const QByteArray utf8 = data.toUtf8();
    const json chunk = json::parse(utf8.cbegin(), utf8.cend(), nullptr, false);
    if (chunk.is_discarded() || !chunk.is_object()) {
        push(malformedDataError(event.data));
        return;
    }
    mapChunk(chunk, "delta", m_tools, [this](StreamEvent mapped) { push(std::move(mapped)); });
}

StreamEvents OpenAiStreamMapper::mapResponse(const json& response)
{
    StreamEvents events;
    ToolCallTrack tools;
    tools.streaming = false;
    mapChunk(response, "message", tools,
             [&events](StreamEvent mapped) { events.push_back(std::move(mapped)); });
    return events;
}

} // namespace keel::core
