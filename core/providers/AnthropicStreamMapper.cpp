// AnthropicStreamMapper: see AnthropicStreamMapper.h. The wire format is the Messages streaming
// protocol: message_start, then per content block content_block_start / content_block_delta... /
// content_block_stop, then message_delta (stop_reason, output usage) and message_stop, with ping
// and error events anywhere in between.
#include "providers/AnthropicStreamMapper.h"

#include "providers/JsonCounts.h"

#include <limits>
#include <nlohmann/json.hpp>
#include <string_view>
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

std::string_view stringViewMember(const json& object, const char* key)
{
    const std::string* value = stringMember(object, key);
    return value ? std::string_view(*value) : std::string_view();
}

QString toQString(std::string_view utf8)
{
    return QString::fromUtf8(utf8.data(), static_cast<qsizetype>(utf8.size()));
}

// -1 (Usage's "not reported") unless the field is a non-negative number.
qint64 tokenCount(const json& object, const char* key)
{
    return jsonCount(member(object, key));
}

// Anthropic counts prompt-cache reads and writes apart from input_tokens; the prompt the model
// read is their sum, which is what other providers report as input (OpenAI's prompt_tokens
// includes cached tokens).
qint64 inputTokenCount(const json& usage)
{
    qint64 total = tokenCount(usage, "input_tokens");
    if (total < 0)
        return -1;
    for (const char* key : {"cache_creation_input_tokens", "cache_read_input_tokens"}) {
        if (const qint64 cached = tokenCount(usage, key); cached > 0)
            total += cached;
    }
    return total;
}

int blockIndex(const json& event)
{
    const json* index = member(event, "index");
    if (index && index->is_number_integer()) {
        const auto value = index->get<json::number_integer_t>();
        if (value >= 0 && value <= std::numeric_limits<int>::max())
            return static_cast<int>(value);
    }
    return 0;
}

QString normalisedStopReason(std::string_view reason)
{
    if (reason == "end_turn" || reason == "stop_sequence")
        return QStringLiteral("stop");
    if (reason == "max_tokens")
        return QStringLiteral("length");
    if (reason == "tool_use")
        return QStringLiteral("tool_calls");
    if (reason == "refusal")
        return QStringLiteral("content_filter");
    return toQString(reason); // pause_turn, model_context_window_exceeded, future reasons
}

StreamError inStreamError(const json& event)
{
    const json* error = member(event, "error");
    const std::string_view type = error ? stringViewMember(*error, "type") : std::string_view();
    QString message;
    if (const auto* text = error ? error->get_ptr<const json::string_t*>() : nullptr)
        message = toQString(*text).simplified(); // {"error":"..."} from a gateway
    else if (error)
        message = toQString(stringViewMember(*error, "message")).simplified();

    StreamError result;
    TurnError& turnError = result.error;
    // The request was accepted before the stream began, so an unknown type is a server failure.
    turnError.kind = ErrorKind::ServerError;
    if (type == "rate_limit_error")
        turnError.kind = ErrorKind::RateLimit;
    else if (type == "authentication_error" || type == "permission_error")
        turnError.kind = ErrorKind::Auth;
    else if (type == "invalid_request_error" || type == "not_found_error"
             || type == "request_too_large")
        turnError.kind = ErrorKind::InvalidRequest;
    turnError.retryable =
        type == "overloaded_error" || type == "api_error" || type == "rate_limit_error";

    const QString typeName = toQString(type);
    if (!message.isEmpty() && !typeName.isEmpty())
        turnError.message =
            QStringLiteral("Anthropic reported an error: %1 (%2)").arg(message, typeName);
    else if (!message.isEmpty())
        turnError.message = QStringLiteral("Anthropic reported an error: %1").arg(message);
    else if (!typeName.isEmpty())
        turnError.message = QStringLiteral("Anthropic reported an error (%1).").arg(typeName);
    else
        turnError.message =
            QStringLiteral("Anthropic reported an error in the middle of the reply.");
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

AnthropicStreamMapper::AnthropicStreamMapper()
    : m_decoder(SseDecoder::Handlers{
        [this](const SseEvent& event) { onEvent(event); },
        {},
        {},
    })
{
}

StreamEvents AnthropicStreamMapper::feed(QByteArrayView bytes)
{
    m_decoder.feed(bytes);
    return std::exchange(m_pending, {});
}

StreamEvents AnthropicStreamMapper::finish()
{
    // A trailing event without its blank line is dropped, as EventSource does; a truncated JSON
    // event is not worth guessing at.
    m_decoder.finish();
    return std::exchange(m_pending, {});
}

void AnthropicStreamMapper::onEvent(const SseEvent& event)
{
    const QStringView data = QStringView(event.data).trimmed();
    // Keep-alive events with blank data carry nothing.
    if (data.isEmpty())
        return;

    const QByteArray utf8 = data.toUtf8();
    const json payload = json::parse(utf8.cbegin(), utf8.cend(), nullptr, false);
    if (payload.is_discarded() || !payload.is_object()) {
        m_pending.emplace_back(malformedData(event.data));
        return;
    }

    // The JSON type is authoritative (it is always there); the SSE event name is only a fallback
    // for gateways that drop it from the payload.
    std::string fallbackType;
    const std::string* typeField = stringMember(payload, "type");
    if (!typeField) {
        fallbackType = event.type.toStdString();
        typeField = &fallbackType;
    }
    const std::string_view type = *typeField;

    if (type == "content_block_delta") {
        const json* delta = member(payload, "delta");
        if (!delta)
            return;
        const std::string_view deltaType = stringViewMember(*delta, "type");
        if (deltaType == "text_delta") {
            if (const std::string_view text = stringViewMember(*delta, "text"); !text.empty())
                m_pending.emplace_back(TextDelta{toQString(text)});
        } else if (deltaType == "thinking_delta") {
            if (const std::string_view text = stringViewMember(*delta, "thinking"); !text.empty())
                m_pending.emplace_back(ReasoningDelta{toQString(text)});
        } else if (deltaType == "input_json_delta") {
            // The first fragment is often "", which says nothing.
            if (const std::string_view fragment = stringViewMember(*delta, "partial_json");
                !fragment.empty()) {
                ToolCallDelta toolDelta;
                toolDelta.index = blockIndex(payload);
                toolDelta.argumentsFragment = toQString(fragment);
                m_pending.emplace_back(std::move(toolDelta));
            }
        }
        // signature_delta (the thinking block's integrity signature), citations_delta and future
        // delta types carry nothing shown to the user.
    } else if (type == "content_block_start") {
        const json* block = member(payload, "content_block");
        if (!block)
            return;
        const std::string_view blockType = stringViewMember(*block, "type");
        // Blocks normally start empty, but any text a start carries is part of the reply.
        if (blockType == "text") {
            if (const std::string_view text = stringViewMember(*block, "text"); !text.empty())
                m_pending.emplace_back(TextDelta{toQString(text)});
        } else if (blockType == "thinking") {
            if (const std::string_view text = stringViewMember(*block, "thinking"); !text.empty())
                m_pending.emplace_back(ReasoningDelta{toQString(text)});
        } else if (blockType == "tool_use") {
            ToolCallDelta toolDelta;
            toolDelta.index = blockIndex(payload);
            toolDelta.id = toQString(stringViewMember(*block, "id"));
            toolDelta.name = toQString(stringViewMember(*block, "name"));
            m_pending.emplace_back(std::move(toolDelta));
        }
        // redacted_thinking holds encrypted reasoning that cannot be shown.
    } else if (type == "message_start") {
        if (const json* message = member(payload, "message")) {
            if (const json* usage = member(*message, "usage"))
                m_inputTokens = inputTokenCount(*usage);
        }
    } else if (type == "message_delta") {
        if (const json* delta = member(payload, "delta")) {
            if (const std::string* reason = stringMember(*delta, "stop_reason"))
                m_pending.emplace_back(FinishEvent{normalisedStopReason(*reason)});
        }
        if (const json* usage = member(payload, "usage"); usage && usage->is_object()) {
            // Newer API versions repeat the input count here; it is the final word when present.
            if (const qint64 input = inputTokenCount(*usage); input >= 0)
                m_inputTokens = input;
            UsageEvent usageEvent;
            usageEvent.usage.inputTokens = m_inputTokens;
            usageEvent.usage.outputTokens = tokenCount(*usage, "output_tokens");
            m_pending.emplace_back(usageEvent);
        }
    } else if (type == "message_stop") {
        m_done = true;
    } else if (type == "error") {
        m_pending.emplace_back(inStreamError(payload));
    }
    // ping, content_block_stop and event types added after this was written carry nothing we
    // show; ignoring them keeps older builds working against a newer API.
}

} // namespace keel::core
