// GeminiStreamMapper: the mapping of Gemini response chunks to provider-neutral events.
#include "providers/GeminiStreamMapper.h"

#include "providers/MapperSupport.h"

#include <QCoreApplication>

#include <nlohmann/json.hpp>
#include <string_view>
#include <utility>

namespace keel::core {

namespace {

// The translation context of this file's user-visible messages: free functions and plain
// classes have no tr() of their own.
struct GeminiStreamMapperText {
    Q_DECLARE_TR_FUNCTIONS(GeminiStreamMapper)
};

using nlohmann::json;

bool isTrue(const json& object, const char* key)
{
    const json* value = jsonMember(object, key);
    return value && value->is_boolean() && value->get<bool>();
}

QString oneLine(QString text, qsizetype maxChars)
{
    text = text.simplified();
    if (text.size() > maxChars) {
        text.truncate(maxChars);
        text = text.trimmed() + QChar(0x2026); // …
    }
    return text;
}

// Google's error objects carry an HTTP-like code and a canonical gRPC status name; either may be
// missing. The request was already accepted, so anything unrecognised counts as server-side.
ErrorKind kindForInStreamError(const json& error)
{
    const json* code = jsonMember(error, "code");
    if (code && code->is_number_integer()) {
        const auto value = code->get<json::number_integer_t>();
        if (value == 401 || value == 403)
            return ErrorKind::Auth;
        if (value == 429)
            return ErrorKind::RateLimit;
        if (value >= 400 && value < 500 && value != 408)
            return ErrorKind::InvalidRequest;
    }
    if (const auto* status = jsonStringMember(error, "status")) {
        if (*status == "RESOURCE_EXHAUSTED")
            return ErrorKind::RateLimit;
        if (*status == "UNAUTHENTICATED" || *status == "PERMISSION_DENIED")
            return ErrorKind::Auth;
        if (*status == "INVALID_ARGUMENT" || *status == "FAILED_PRECONDITION"
            || *status == "NOT_FOUND" || *status == "OUT_OF_RANGE")
            return ErrorKind::InvalidRequest;
    }
    return ErrorKind::ServerError;
}

StreamError inStreamError(const json& error)
{
    const QString message = oneLine(inStreamErrorText(error), 600);

    StreamError result;
    result.error.kind = error.is_object() ? kindForInStreamError(error) : ErrorKind::ServerError;
    result.error.message =
        message.isEmpty()
            ? GeminiStreamMapperText::tr("Gemini reported an error in the middle of the reply.")
            : GeminiStreamMapperText::tr("Gemini reported an error: %1").arg(message);
    // The stream already started, so a blind retry could duplicate text; TurnRunner decides.
    result.error.retryable = false;
    return result;
}

StreamError malformedData(const QString& data)
{
    return malformedSnippetError(oneLine(data.left(400), 80));
}

bool isContentFilter(std::string_view reason)
{
    return reason == "SAFETY" || reason == "RECITATION" || reason == "BLOCKLIST"
           || reason == "PROHIBITED_CONTENT" || reason == "SPII" || reason == "IMAGE_SAFETY"
           || reason == "IMAGE_PROHIBITED_CONTENT" || reason == "MODEL_ARMOR";
}

// Why a filter stopped the reply, in words; the reason code itself is always shown as well, so
// unknown codes still say what happened.
QString filterExplanation(std::string_view reason)
{
    if (reason == "SAFETY" || reason == "IMAGE_SAFETY")
        return GeminiStreamMapperText::tr("flagged by the safety filters");
    if (reason == "RECITATION")
        return GeminiStreamMapperText::tr("it would have recited protected material");
    if (reason == "BLOCKLIST")
        return GeminiStreamMapperText::tr("it contained blocked terms");
    if (reason == "PROHIBITED_CONTENT" || reason == "IMAGE_PROHIBITED_CONTENT")
        return GeminiStreamMapperText::tr("prohibited content");
    if (reason == "SPII")
        return GeminiStreamMapperText::tr("it contained sensitive personal information");
    return {};
}

} // namespace

void GeminiStreamMapper::onEvent(const SseEvent& event)
{
    const QStringView data = QStringView(event.data).trimmed();
    if (data.isEmpty())
        return;

    const QByteArray utf8 = data.toUtf8();
    const json root = json::parse(utf8.cbegin(), utf8.cend(), nullptr, false);
    if (!onDocument(root))
        push(malformedData(event.data));
}

bool GeminiStreamMapper::onDocument(const json& root)
{
    if (root.is_object()) {
        onResponse(root);
        return true;
    }
    // Without alt=sse Gemini streams one JSON array of responses; a proxy may forward that
    // shape inside an event, and it means the same thing.
    if (!root.is_array() || root.empty())
        return false;
    for (const json& response : root) {
        if (!response.is_object())
            return false;
        if (!onResponse(response))
            return true;
    }
    return true;
}

StreamEvents GeminiStreamMapper::mapResponse(const json& response)
{
    // generateContent answers with one GenerateContentResponse, the shape of one stream chunk.
    GeminiStreamMapper mapper;
    if (!mapper.onDocument(response))
        return {};
    return mapper.takePending();
}

bool GeminiStreamMapper::onResponse(const json& response)
{
    if (const json* error = jsonMember(response, "error"); error && !error->is_null()) {
        push(inStreamError(*error));
        return false;
    }

    const json* candidates = jsonMember(response, "candidates");
    const json* candidate = candidates && candidates->is_array() && !candidates->empty()
                                ? &candidates->front()
                                : nullptr;

    if (candidate) {
        if (const json* content = jsonMember(*candidate, "content"))
            if (const json* parts = jsonMember(*content, "parts"); parts && parts->is_array())
                onParts(*parts);
    }

    // Usage before finish: a finish can end in an error, after which TurnRunner reads no more.
    if (const json* usage = jsonMember(response, "usageMetadata"); usage && usage->is_object())
        onUsage(*usage);

    // A blocked prompt comes as a response with prompt feedback and no candidates.
    if (const json* feedback = jsonMember(response, "promptFeedback")) {
        if (const auto* reason = jsonStringMember(*feedback, "blockReason");
            reason && !reason->empty() && *reason != "BLOCK_REASON_UNSPECIFIED") {
            QString message = GeminiStreamMapperText::tr("Gemini blocked the prompt: %1")
                                  .arg(qStringFromUtf8(*reason));
            if (const auto* detail = jsonStringMember(*feedback, "blockReasonMessage");
                detail && !detail->empty())
                message += QStringLiteral(" (%1)").arg(oneLine(qStringFromUtf8(*detail), 400));
            StreamError blocked;
            blocked.error.kind = ErrorKind::InvalidRequest;
            blocked.error.message = message + u'.';
            push(std::move(blocked));
            return false;
        }
    }

    if (candidate) {
        if (const auto* reason = jsonStringMember(*candidate, "finishReason");
            reason && !reason->empty() && *reason != "FINISH_REASON_UNSPECIFIED") {
            onFinishReason(*reason, *candidate);
        }
    }
    return true;
}

void GeminiStreamMapper::onParts(const json& parts)
{
    for (const json& part : parts) {
        if (!part.is_object())
            continue;
        // Thought parts often carry only a thoughtSignature and no text: nothing to show.
        if (const auto* text = jsonStringMember(part, "text"); text && !text->empty()) {
            if (isTrue(part, "thought")) {
                push(ReasoningDelta{qStringFromUtf8(*text)});
            } else {
                m_sawReply = true;
                push(TextDelta{qStringFromUtf8(*text)});
            }
        }
        if (const json* call = jsonMember(part, "functionCall"); call && call->is_object()) {
            // Gemini sends each call whole, once; the arguments are an object, not a string.
            ToolCallDelta delta;
            delta.index = m_toolCalls++;
            // Usually there is no id; ToolCallCollector names the call, unique in the turn.
            if (const auto* id = jsonStringMember(*call, "id"))
                delta.id = qStringFromUtf8(*id);
            if (const auto* name = jsonStringMember(*call, "name"))
                delta.name = qStringFromUtf8(*name);
            const json* args = jsonMember(*call, "args");
            delta.argumentsFragment =
                args && !args->is_null() ? compactJsonText(*args) : QStringLiteral("{}");
            m_sawReply = true;
            push(std::move(delta));
        }
    }
}

void GeminiStreamMapper::onUsage(const json& usage)
{
    Usage current;
    current.inputTokens = jsonTokenCount(usage, "promptTokenCount");
    // Thinking tokens are billed as output but counted apart from the visible candidates.
    const qint64 candidatesTokens = jsonTokenCount(usage, "candidatesTokenCount");
    const qint64 thoughtsTokens = jsonTokenCount(usage, "thoughtsTokenCount");
    if (candidatesTokens >= 0 || thoughtsTokens >= 0)
        current.outputTokens = qMax<qint64>(candidatesTokens, 0) + qMax<qint64>(thoughtsTokens, 0);
    if (current.inputTokens == m_usage.inputTokens && current.outputTokens == m_usage.outputTokens)
        return;
    m_usage = current;
    push(UsageEvent{current});
}

void GeminiStreamMapper::onFinishReason(const std::string& reason, const json& candidate)
{
    m_done = true;
    if (reason == "STOP") {
        // Gemini says STOP after function calls too; callers look for tool_calls.
        push(FinishEvent{m_toolCalls > 0 ? QStringLiteral("tool_calls") : QStringLiteral("stop")});
        return;
    }
    if (reason == "MAX_TOKENS") {
        push(FinishEvent{QStringLiteral("length")});
        return;
    }
    if (!isContentFilter(reason)) {
        push(FinishEvent{qStringFromUtf8(reason).toLower()});
        return;
    }

    push(FinishEvent{QStringLiteral("content_filter")});
    // A reply cut short after some text is still a reply (finish reason content_filter); a
    // filter that let nothing through must not look like an empty success.
    if (m_sawReply)
        return;
    QString message =
        GeminiStreamMapperText::tr("Gemini stopped the reply: %1").arg(qStringFromUtf8(reason));
    if (const QString why = filterExplanation(reason); !why.isEmpty())
        message += QStringLiteral(" (%1)").arg(why);
    message += u'.';
    if (const auto* detail = jsonStringMember(candidate, "finishMessage");
        detail && !detail->empty())
        message += u' ' + oneLine(qStringFromUtf8(*detail), 400);
    StreamError stopped;
    stopped.error.kind = ErrorKind::InvalidRequest;
    stopped.error.message = std::move(message);
    push(std::move(stopped));
}

} // namespace keel::core
