// OllamaStreamMapper: one NDJSON line of /api/chat at a time -> StreamEvents.
#include "providers/OllamaStreamMapper.h"

#include "providers/MapperSupport.h"

#include <QCoreApplication>

#include <nlohmann/json.hpp>
#include <utility>

namespace keel::core {

namespace {

// The translation context of this file's user-visible messages: free functions and plain
// classes have no tr() of their own.
struct OllamaStreamMapperText {
    Q_DECLARE_TR_FUNCTIONS(OllamaStreamMapper)
};

using nlohmann::json;

StreamError inStreamError(const json& error)
{
    QString message = inStreamErrorText(error).simplified();

    StreamError result;
    result.error.kind = ErrorKind::ServerError;
    result.error.message =
        message.isEmpty()
            ? OllamaStreamMapperText::tr("Ollama reported an error in the middle of the reply.")
            : OllamaStreamMapperText::tr("Ollama reported an error: %1").arg(message);
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
    return malformedSnippetError(snippet);
}

QString normalisedDoneReason(const std::string* reason, bool sawToolCalls)
{
    if (!reason || reason->empty() || *reason == "stop")
        // Ollama says "stop" after tool calls too; the tool loop needs to know it must act.
        return sawToolCalls ? QStringLiteral("tool_calls") : QStringLiteral("stop");
    if (*reason == "length")
        return QStringLiteral("length");
    return qStringFromUtf8(*reason);
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
    // Invalid UTF-8 becomes U+FFFD, as it does in the SSE providers' streams (the SSE decoder
    // decodes with replacement): one bad byte costs a character, not the rest of the reply.
    // nlohmann::json would reject the whole line.
    QByteArray repaired;
    if (!line.isValidUtf8()) {
        repaired = QString::fromUtf8(line).toUtf8();
        line = repaired;
    }
    const json chunk = json::parse(line.begin(), line.end(), nullptr, false);
    if (chunk.is_discarded() || !chunk.is_object()) {
        m_pending.emplace_back(malformedLine(line));
        return;
    }
    onChunk(chunk);
}

StreamEvents OllamaStreamMapper::mapResponse(const json& response)
{
    // The non-streamed /api/chat answer is the shape of a stream's done line, message included.
    if (!response.is_object())
        return {};
    OllamaStreamMapper mapper;
    mapper.onChunk(response);
    return std::exchange(mapper.m_pending, {});
}

void OllamaStreamMapper::onChunk(const json& chunk)
{
    if (const json* error = jsonMember(chunk, "error"); error && !error->is_null()) {
        m_pending.emplace_back(inStreamError(*error));
        return;
    }

    if (const json* message = jsonMember(chunk, "message")) {
        // Thinking first: when both arrive in one line, the thought precedes the answer.
        if (const auto* thinking = jsonStringMember(*message, "thinking");
            thinking && !thinking->empty())
            m_pending.emplace_back(ReasoningDelta{qStringFromUtf8(*thinking)});
        if (const auto* content = jsonStringMember(*message, "content");
            content && !content->empty())
            m_pending.emplace_back(TextDelta{qStringFromUtf8(*content)});

        if (const json* toolCalls = jsonMember(*message, "tool_calls");
            toolCalls && toolCalls->is_array()) {
            for (const json& call : *toolCalls) {
                const json* function = jsonMember(call, "function");
                if (!function || !function->is_object())
                    continue;
                ToolCallDelta toolDelta;
                toolDelta.index = m_nextToolIndex++;
                if (const auto* id = jsonStringMember(call, "id"))
                    toolDelta.id = qStringFromUtf8(*id);
                if (const auto* name = jsonStringMember(*function, "name"))
                    toolDelta.name = qStringFromUtf8(*name);
                // Ollama sends the arguments as a JSON object, not as the string of JSON that
                // OpenAI streams; consumers expect the latter, so it is serialised back.
                const json* arguments = jsonMember(*function, "arguments");
                if (!arguments || arguments->is_null())
                    toolDelta.argumentsFragment = QStringLiteral("{}");
                else if (const auto* text = arguments->get_ptr<const json::string_t*>())
                    toolDelta.argumentsFragment = qStringFromUtf8(*text);
                else
                    toolDelta.argumentsFragment = compactJsonText(*arguments);
                m_pending.emplace_back(std::move(toolDelta));
            }
        }
    }

    if (const json* done = jsonMember(chunk, "done");
        done && done->is_boolean() && done->get<bool>()) {
        UsageEvent usage;
        // Ollama leaves prompt_eval_count out when the whole prompt came from its cache (-1).
        usage.usage.inputTokens = jsonTokenCount(chunk, "prompt_eval_count");
        usage.usage.outputTokens = jsonTokenCount(chunk, "eval_count");
        m_pending.emplace_back(usage);
        m_pending.emplace_back(FinishEvent{
            normalisedDoneReason(jsonStringMember(chunk, "done_reason"), m_nextToolIndex > 0)});
        m_done = true;
    }
}

} // namespace keel::core
