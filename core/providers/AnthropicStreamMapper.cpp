// AnthropicStreamMapper: see AnthropicStreamMapper.h. The wire format is the Messages streaming
// protocol: message_start, then per content block content_block_start / content_block_delta... /
// content_block_stop, then message_delta (stop_reason, output usage) and message_stop, with ping
// and error events anywhere in between.
#include "providers/AnthropicStreamMapper.h"

#include "providers/MapperSupport.h"

#include <QCoreApplication>

#include <limits>
#include <nlohmann/json.hpp>
#include <string_view>
#include <utility>

namespace keel::core {

namespace {

// The translation context of this file's user-visible messages: free functions and plain
// classes have no tr() of their own.
struct AnthropicStreamMapperText {
    Q_DECLARE_TR_FUNCTIONS(AnthropicStreamMapper)
};

using nlohmann::json;

// Anthropic counts prompt-cache reads and writes apart from input_tokens; the prompt the model
// read is their sum, which is what other providers report as input (OpenAI's prompt_tokens
// includes cached tokens).
qint64 inputTokenCount(const json& usage)
{
    qint64 total = jsonTokenCount(usage, "input_tokens");
    if (total < 0)
        return -1;
    for (const char* key : {"cache_creation_input_tokens", "cache_read_input_tokens"}) {
        if (const qint64 cached = jsonTokenCount(usage, key); cached > 0)
            total += cached;
    }
    return total;
}

int blockIndex(const json& event)
{
    const json* index = jsonMember(event, "index");
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
    return qStringFromUtf8(reason); // pause_turn, model_context_window_exceeded, future reasons
}

StreamError inStreamError(const json& event)
{
    const json* error = jsonMember(event, "error");
    const std::string_view type = error ? jsonStringViewMember(*error, "type") : std::string_view();
    QString message;
    if (const auto* text = error ? error->get_ptr<const json::string_t*>() : nullptr)
        message = qStringFromUtf8(*text).simplified(); // {"error":"..."} from a gateway
    else if (error)
        message = qStringFromUtf8(jsonStringViewMember(*error, "message")).simplified();

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

    const QString typeName = qStringFromUtf8(type);
    if (!message.isEmpty() && !typeName.isEmpty())
        turnError.message = AnthropicStreamMapperText::tr("Anthropic reported an error: %1 (%2)")
                                .arg(message, typeName);
    else if (!message.isEmpty())
        turnError.message =
            AnthropicStreamMapperText::tr("Anthropic reported an error: %1").arg(message);
    else if (!typeName.isEmpty())
        turnError.message =
            AnthropicStreamMapperText::tr("Anthropic reported an error (%1).").arg(typeName);
    else
        turnError.message = AnthropicStreamMapperText::tr(
            "Anthropic reported an error in the middle of the reply.");
    return result;
}

} // namespace

void AnthropicStreamMapper::onEvent(const SseEvent& event)
{
    const QStringView data = QStringView(event.data).trimmed();
    // Keep-alive events with blank data carry nothing.
    if (data.isEmpty())
        return;

    const QByteArray utf8 = data.toUtf8();
    const json payload = json::parse(utf8.cbegin(), utf8.cend(), nullptr, false);
    if (payload.is_discarded() || !payload.is_object()) {
        push(malformedDataError(event.data));
        return;
    }

    // The JSON type is authoritative (it is always there); the SSE event name is only a fallback
    // for gateways that drop it from the payload.
    std::string fallbackType;
    const std::string* typeField = jsonStringMember(payload, "type");
    if (!typeField) {
        fallbackType = event.type.toStdString();
        typeField = &fallbackType;
    }
    const std::string_view type = *typeField;

    if (type == "content_block_delta") {
        const json* delta = jsonMember(payload, "delta");
        if (!delta)
            return;
        const std::string_view deltaType = jsonStringViewMember(*delta, "type");
        if (deltaType == "text_delta") {
            if (const std::string_view text = jsonStringViewMember(*delta, "text"); !text.empty())
                push(TextDelta{qStringFromUtf8(text)});
        } else if (deltaType == "thinking_delta") {
            if (const std::string_view text = jsonStringViewMember(*delta, "thinking");
                !text.empty())
                push(ReasoningDelta{qStringFromUtf8(text)});
        } else if (deltaType == "input_json_delta") {
            // The first fragment is often "", which says nothing.
            if (const std::string_view fragment = jsonStringViewMember(*delta, "partial_json");
                !fragment.empty()) {
                ToolCallDelta toolDelta;
                toolDelta.index = blockIndex(payload);
                toolDelta.argumentsFragment = qStringFromUtf8(fragment);
                push(std::move(toolDelta));
            }
        }
        // signature_delta (the thinking block's integrity signature), citations_delta and future
        // delta types carry nothing shown to the user.
    } else if (type == "content_block_start") {
        const json* block = jsonMember(payload, "content_block");
        if (!block)
            return;
        const std::string_view blockType = jsonStringViewMember(*block, "type");
        // Blocks normally start empty, but any text a start carries is part of the reply.
        if (blockType == "text") {
            if (const std::string_view text = jsonStringViewMember(*block, "text"); !text.empty())
                push(TextDelta{qStringFromUtf8(text)});
        } else if (blockType == "thinking") {
            if (const std::string_view text = jsonStringViewMember(*block, "thinking");
                !text.empty())
                push(ReasoningDelta{qStringFromUtf8(text)});
        } else if (blockType == "tool_use") {
            ToolCallDelta toolDelta;
            toolDelta.index = blockIndex(payload);
            toolDelta.id = qStringFromUtf8(jsonStringViewMember(*block, "id"));
            toolDelta.name = qStringFromUtf8(jsonStringViewMember(*block, "name"));
            // The input starts as {} and arrives in input_json_delta fragments; a gateway that
            // sends it whole here sends no fragments.
            if (const json* input = jsonMember(*block, "input");
                input && input->is_object() && !input->empty())
                toolDelta.argumentsFragment = compactJsonText(*input);
            push(std::move(toolDelta));
        }
        // redacted_thinking holds encrypted reasoning that cannot be shown.
    } else if (type == "message_start") {
        if (const json* message = jsonMember(payload, "message")) {
            if (const json* usage = jsonMember(*message, "usage"))
                m_inputTokens = inputTokenCount(*usage);
        }
    } else if (type == "message_delta") {
        if (const json* delta = jsonMember(payload, "delta")) {
            if (const std::string* reason = jsonStringMember(*delta, "stop_reason"))
                push(FinishEvent{normalisedStopReason(*reason)});
        }
        if (const json* usage = jsonMember(payload, "usage"); usage && usage->is_object()) {
            // Newer API versions repeat the input count here; it is the final word when present.
            if (const qint64 input = inputTokenCount(*usage); input >= 0)
                m_inputTokens = input;
            UsageEvent usageEvent;
            usageEvent.usage.inputTokens = m_inputTokens;
            usageEvent.usage.outputTokens = jsonTokenCount(*usage, "output_tokens");
            push(usageEvent);
        }
    } else if (type == "message_stop") {
        m_done = true;
    } else if (type == "error") {
        push(inStreamError(payload));
    }
    // ping, content_block_stop and event types added after this was written carry nothing we
    // show; ignoring them keeps older builds working against a newer API.
}

StreamEvents AnthropicStreamMapper::mapResponse(const json& response)
{
    StreamEvents events;
    if (!response.is_object())
        return events;
    // {"type":"error","error":{...}}, or a gateway's bare {"error": ...}.
    const json* error = jsonMember(response, "error");
    if (jsonStringViewMember(response, "type") == "error" || (error && !error->is_null())) {
        events.push_back(inStreamError(response));
        return events;
    }

    if (const json* content = jsonMember(response, "content"); content && content->is_array()) {
        int index = 0;
        for (const json& block : *content) {
            const int blockIndex = index++;
            const std::string_view blockType = jsonStringViewMember(block, "type");
            if (blockType == "text") {
                if (const std::string_view text = jsonStringViewMember(block, "text");
                    !text.empty())
                    events.push_back(TextDelta{qStringFromUtf8(text)});
            } else if (blockType == "thinking") {
                if (const std::string_view text = jsonStringViewMember(block, "thinking");
                    !text.empty())
                    events.push_back(ReasoningDelta{qStringFromUtf8(text)});
            } else if (blockType == "tool_use") {
                // The input arrives as an object here, where the stream sends its JSON text.
                ToolCallDelta toolDelta;
                toolDelta.index = blockIndex;
                toolDelta.id = qStringFromUtf8(jsonStringViewMember(block, "id"));
                toolDelta.name = qStringFromUtf8(jsonStringViewMember(block, "name"));
                const json* input = jsonMember(block, "input");
                toolDelta.argumentsFragment =
                    input && !input->is_null() ? compactJsonText(*input) : QStringLiteral("{}");
                events.push_back(std::move(toolDelta));
            }
            // redacted_thinking holds encrypted reasoning that cannot be shown.
        }
    }

    if (const json* usage = jsonMember(response, "usage"); usage && usage->is_object()) {
        UsageEvent usageEvent;
        usageEvent.usage.inputTokens = inputTokenCount(*usage);
        usageEvent.usage.outputTokens = jsonTokenCount(*usage, "output_tokens");
        events.push_back(usageEvent);
    }
    if (const std::string* reason = jsonStringMember(response, "stop_reason"))
        events.push_back(FinishEvent{normalisedStopReason(*reason)});
    return events;
}

} // namespace keel::core
