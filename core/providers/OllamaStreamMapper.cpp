// OllamaStreamMapper: one NDJSON line of /api/chat at a time -> StreamEvents.
#include "providers/OllamaStreamMapper.h"

#include "providers/JsonCounts.h"

#include <nlohmann/json.hpp>
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

// -1 (Usage's "not reported") unless the field is a non-negative number. Ollama leaves
// prompt_eval_count out when the whole prompt came from its cache.
qint64 tokenCount(const json& object, const char* key)
{
    return jsonCount(member(object, key));
}

QString dumpJson(const json& value)
{
    const std::string text = value.dump(-1, ' ', false, json::error_handler_t::replace);
    return toQString(text);
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
    result.error.kind = ErrorKind::ServerError;
    result.error.message =
        message.isEmpty() ? QStringLiteral("Ollama reported an error in the middle of the reply.")
                          : QStringLiteral("Ollama reported an error: %1").arg(message);
    // The stream already started, so a blind retry could duplicate text; TurnRunner decides.
    result.error.retryable = false;
    return result;
}

StreamError malformedLine(QByteArrayView line)
{
    constexpr qsizetype maxSnippet = 80;
    // A malformed line may be megabytes long; only its start is worth decoding.
    QString snippet =
        QString::fromUtf8(line.first(std::min<qsizetype>(line.size(), 4 * maxSnippet)))
            .simplified();
    if (snippet.size() > maxSnippet || line.size() > 4 * maxSnippet) {
        snippet.truncate(maxSnippet);
        snippet += QChar(0x2026); // …
    }
    StreamError result;
    result.error.kind = ErrorKind::Protocol;
    result.error.message = QStringLiteral("The server sent malformed data: %1").arg(snippet);
    return result;
}

QString normalisedDoneReason(const std::string* reason, bool sawToolCalls)
{
    if (!reason || reason->empty() || *reason == "stop")
        // Ollama says "stop" after tool calls too; the tool loop needs to know it must act.
        return sawToolCalls ? QStringLiteral("tool_calls") : QStringLiteral("stop");
    if (*reason == "length")
        return QStringLiteral("length");
    return toQString(*reason);
}

} // namespace

OllamaStreamMapper::OllamaStreamMapper()
    : m_decoder([this](QByteArrayView line) { onLine(line); })
{
}

StreamEvents OllamaStreamMapper::feed(QByteArrayView bytes)
{
    m_decoder.feed(bytes);
    return std::exchange(m_pending, {});
}

StreamEvents OllamaStreamMapper::finish()
{
    // Unlike an SSE event, a final line without its newline is complete: Ollama-compatible
    // servers may end the body right after the done line.
    m_decoder.finish();
    return std::exchange(m_pending, {});
}

void OllamaStreamMapper::onLine(QByteArrayView line)
{
    if (line.trimmed().isEmpty())
        return;
    const json chunk = json::parse(line.begin(), line.end(), nullptr, false);
    if (chunk.is_discarded() || !chunk.is_object()) {
        m_pending.emplace_back(malformedLine(line));
        return;
    }

    if (const json* error = member(chunk, "error"); error && !error->is_null()) {
        m_pending.emplace_back(inStreamError(*error));
        return;
    }

    if (const json* message = member(chunk, "message")) {
        // Thinking first: when both arrive in one line, the thought precedes the answer.
        if (const auto* thinking = stringMember(*message, "thinking");
            thinking && !thinking->empty())
            m_pending.emplace_back(ReasoningDelta{toQString(*thinking)});
        if (const auto* content = stringMember(*message, "content"); content && !content->empty())
            m_pending.emplace_back(TextDelta{toQString(*content)});

        if (const json* toolCalls = member(*message, "tool_calls");
            toolCalls && toolCalls->is_array()) {
            for (const json& call : *toolCalls) {
                const json* function = member(call, "function");
                if (!function || !function->is_object())
                    continue;
                ToolCallDelta toolDelta;
                toolDelta.index = m_nextToolIndex++;
                if (const auto* id = stringMember(call, "id"))
                    toolDelta.id = toQString(*id);
                if (const auto* name = stringMember(*function, "name"))
                    toolDelta.name = toQString(*name);
                // Ollama sends the arguments as a JSON object, not as the string of JSON that
                // OpenAI streams; consumers expect the latter, so it is serialised back.
                const json* arguments = member(*function, "arguments");
                if (!arguments || arguments->is_null())
                    toolDelta.argumentsFragment = QStringLiteral("{}");
                else if (const auto* text = arguments->get_ptr<const json::string_t*>())
                    toolDelta.argumentsFragment = toQString(*text);
                else
                    toolDelta.argumentsFragment = dumpJson(*arguments);
                m_pending.emplace_back(std::move(toolDelta));
            }
        }
    }

    if (const json* done = member(chunk, "done"); done && done->is_boolean() && done->get<bool>()) {
        UsageEvent usage;
        usage.usage.inputTokens = tokenCount(chunk, "prompt_eval_count");
        usage.usage.outputTokens = tokenCount(chunk, "eval_count");
        m_pending.emplace_back(usage);
        m_pending.emplace_back(FinishEvent{
            normalisedDoneReason(stringMember(chunk, "done_reason"), m_nextToolIndex > 0)});
        m_done = true;
    }
}

} // namespace keel::core
