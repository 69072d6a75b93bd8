#include "providers/OpenAiStreamMapper.h"

#include "providers/JsonCounts.h"

#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <utility>

namespace keel::core {

namespace {

using nlohmann::json;

// Every field is looked up through these helpers: a server sending the wrong type (or null) for a
// field must cost us that field, never an exception or the whole stream.
const json* member(const json& object, const char* key)
{
    if (!object.is_object())
        return nullptr;
    const auto it = object.find(key);
    return it == object.end() ? nullptr : &*it;
}

// The string at object[key], or nullptr if absent, null or not a string. No copy.
const std::string* stringMember(const json& object, const char* key)
{
    const json* value = member(object, key);
    return value ? value->get_ptr<const json::string_t*>() : nullptr;
}

QString toQString(const std::string& utf8)
{
    return QString::fromUtf8(utf8.data(), static_cast<qsizetype>(utf8.size()));
}

// -1 (Usage's "not reported") unless the field is a non-negative number that fits a qint64:
// converting a larger double is undefined behaviour, and a larger integer would turn negative.
qint64 tokenCount(const json& object, const char* key)
{
    return jsonCount(member(object, key));
}

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
    if (const auto kind = classify(member(error, "code")))
        return *kind;
    if (const auto kind = classify(member(error, "type")))
        return *kind;
    return ErrorKind::ServerError;
}

StreamError inStreamError(const json& error)
{
    QString message;
    if (const auto* text = error.get_ptr<const json::string_t*>())
        message = toQString(*text);
    else if (const auto* text = stringMember(error, "message"))
        message = toQString(*text);
    message = message.simplified();

    StreamError result;
    result.error.kind = error.is_object() ? kindForInStreamError(error) : ErrorKind::ServerError;
    result.error.message =
        message.isEmpty()
            ? QStringLiteral("The provider reported an error in the middle of the reply.")
            : QStringLiteral("The provider reported an error: %1").arg(message);
    // The stream already started, so a blind retry could duplicate text; TurnRunner decides.
    result.error.retryable = false;
    return result;
}

StreamError malformedData(const QString& data)
{
    constexpr qsizetype maxSnippet = 80;
    QString snippet = data.simplified();
    if (snippet.size() > maxSnippet) {
        snippet.truncate(maxSnippet);
        snippet += QChar(0x2026); // …
    }
    StreamError result;
    result.error.kind = ErrorKind::Protocol;
    result.error.message = QStringLiteral("The server sent malformed data: %1").arg(snippet);
    return result;
}

} // namespace

OpenAiStreamMapper::OpenAiStreamMapper()
    : m_decoder(SseDecoder::Handlers{
        [this](const SseEvent& event) { onEvent(event); },
        {},
        {},
    })
{
}

StreamEvents OpenAiStreamMapper::feed(QByteArrayView bytes)
{
    m_decoder.feed(bytes);
    return std::exchange(m_pending, {});
}

StreamEvents OpenAiStreamMapper::finish()
{
    // A trailing event without its blank line is dropped, as EventSource does; a truncated JSON
    // chunk is not worth guessing at.
    m_decoder.finish();
    return std::exchange(m_pending, {});
}

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
        m_pending.emplace_back(malformedData(event.data));
        return;
    }

    if (const json* error = member(chunk, "error"); error && !error->is_null()) {
        m_pending.emplace_back(inStreamError(*error));
        return;
    }

    if (const json* choices = member(chunk, "choices"); choices && choices->is_array()) {
        for (const json& choice : *choices) {
            if (const json* delta = member(choice, "delta")) {
                // Reasoning first: when both arrive in one chunk, the thought precedes the answer.
                const std::string* reasoning = stringMember(*delta, "reasoning_content");
                if (!reasoning || reasoning->empty())
                    reasoning = stringMember(*delta, "reasoning");
                if (reasoning && !reasoning->empty())
                    m_pending.emplace_back(ReasoningDelta{toQString(*reasoning)});

                // The first chunk carries content "" next to the role; it is not a delta.
                if (const auto* content = stringMember(*delta, "content");
                    content && !content->empty())
                    m_pending.emplace_back(TextDelta{toQString(*content)});

                if (const json* toolCalls = member(*delta, "tool_calls");
                    toolCalls && toolCalls->is_array()) {
                    for (const json& call : *toolCalls) {
                        if (!call.is_object())
                            continue;
                        ToolCallDelta toolDelta;
                        if (const json* index = member(call, "index");
                            index && index->is_number_integer())
                            toolDelta.index =
                                static_cast<int>(index->get<json::number_integer_t>());
                        if (const auto* id = stringMember(call, "id"))
                            toolDelta.id = toQString(*id);
                        if (const json* function = member(call, "function")) {
                            if (const auto* name = stringMember(*function, "name"))
                                toolDelta.name = toQString(*name);
                            if (const auto* arguments = stringMember(*function, "arguments"))
                                toolDelta.argumentsFragment = toQString(*arguments);
                        }
                        m_pending.emplace_back(std::move(toolDelta));
                    }
                }
            }
            if (const auto* reason = stringMember(choice, "finish_reason"))
                m_pending.emplace_back(FinishEvent{toQString(*reason)});
        }
    }

    const json* usage = member(chunk, "usage");
    if (!usage || !usage->is_object()) {
        // Groq reports usage in its own extension object of the last chunk.
        if (const json* groq = member(chunk, "x_groq"); groq && groq->is_object())
            usage = member(*groq, "usage");
    }
    if (usage && usage->is_object()) {
        UsageEvent usageEvent;
        usageEvent.usage.inputTokens = tokenCount(*usage, "prompt_tokens");
        usageEvent.usage.outputTokens = tokenCount(*usage, "completion_tokens");
        m_pending.emplace_back(usageEvent);
    }
}

} // namespace keel::core
