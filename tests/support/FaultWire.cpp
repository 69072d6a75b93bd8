// FaultWire: each provider kind's stream and error bytes, as its real servers send them.
#include "FaultWire.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>

#include <utility>

namespace keel::test {

QByteArray jsonStringContent(const QString& text)
{
    // A one-element array is the shortest valid JSON document holding a string: ["..."].
    const QByteArray json =
        QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact); // ["..."]
    return json.mid(2, json.size() - 4);
}

FaultWire::FaultWire(QString kind)
    : m_kind(std::move(kind))
{
}

QStringList FaultWire::kinds()
{
    return {QStringLiteral("openai"), QStringLiteral("anthropic"), QStringLiteral("gemini"),
            QStringLiteral("ollama")};
}

QByteArray FaultWire::streamContentType() const
{
    return isNdjson() ? QByteArrayLiteral("application/x-ndjson")
                      : QByteArrayLiteral("text/event-stream");
}

QString FaultWire::baseUrl(quint16 port, const QString& scheme, const QString& host) const
{
    const QString root = QStringLiteral("%1://%2:%3").arg(scheme, host).arg(port);
    // OpenAI-compatible servers are configured with their /v1 root; the others add their own.
    return m_kind == QLatin1String("openai") ? root + QStringLiteral("/v1") : root;
}

QByteArray FaultWire::sseEvent(const QByteArray& name, const QByteArray& json) const
{
    // Gemini ends its events with CRLF pairs, the others with LF.
    if (m_kind == QLatin1String("gemini"))
        return "data: " + json + "\r\n\r\n";
    const QByteArray event = name.isEmpty() ? QByteArray() : "event: " + name + "\n";
    return event + "data: " + json + "\n\n";
}

QByteArray FaultWire::prologue() const
{
    if (m_kind != QLatin1String("anthropic"))
        return {};
    return sseEvent("message_start",
                    R"({"type":"message_start","message":{"id":"msg_01","type":"message",)"
                    R"("role":"assistant","content":[],"model":"m","stop_reason":null,)"
                    R"("usage":{"input_tokens":5,"output_tokens":1}}})")
           + sseEvent("content_block_start", R"({"type":"content_block_start","index":0,)"
                                             R"("content_block":{"type":"text","text":""}})");
}

QByteArray FaultWire::token(const QString& text) const
{
    return rawToken(jsonStringContent(text));
}

QByteArray FaultWire::rawToken(const QByteArray& content) const
{
    if (m_kind == QLatin1String("anthropic"))
        return sseEvent("content_block_delta", R"({"type":"content_block_delta","index":0,)"
                                               R"("delta":{"type":"text_delta","text":")"
                                                   + content + R"("}})");
    if (m_kind == QLatin1String("gemini"))
        return sseEvent({}, R"({"candidates":[{"content":{"parts":[{"text":")" + content
                                + R"("}],"role":"model"},"index":0}]})");
    if (m_kind == QLatin1String("ollama"))
        return R"({"model":"m","created_at":"2025-06-01T10:00:00Z","message":)"
               R"({"role":"assistant","content":")"
               + content + R"("},"done":false})" + "\n";
    return sseEvent({}, R"({"id":"c1","object":"chat.completion.chunk","created":1,"model":"m",)"
                        R"("choices":[{"index":0,"delta":{"content":")"
                            + content + R"("},"finish_reason":null}]})");
}

QByteArray FaultWire::finish() const
{
    if (m_kind == QLatin1String("anthropic"))
        return sseEvent("content_block_stop", R"({"type":"content_block_stop","index":0})")
               + sseEvent("message_delta",
                          R"({"type":"message_delta","delta":{"stop_reason":"end_turn",)"
                          R"("stop_sequence":null},"usage":{"output_tokens":3}})")
               + sseEvent("message_stop", R"({"type":"message_stop"})");
    if (m_kind == QLatin1String("gemini"))
        return sseEvent({}, R"({"candidates":[{"content":{"parts":[{"text":""}],)"
                            R"("role":"model"},"finishReason":"STOP","index":0}],)"
                            R"("usageMetadata":{"promptTokenCount":5,"candidatesTokenCount":3}})");
    if (m_kind == QLatin1String("ollama"))
        return R"({"model":"m","created_at":"2025-06-01T10:00:01Z","message":)"
               R"({"role":"assistant","content":""},"done_reason":"stop","done":true,)"
               R"("prompt_eval_count":5,"eval_count":3})"
               "\n";
    return sseEvent({}, R"({"id":"c1","object":"chat.completion.chunk","created":1,"model":"m",)"
                        R"("choices":[{"index":0,"delta":{},"finish_reason":"stop"}]})")
           + sseEvent({}, R"({"id":"c1","object":"chat.completion.chunk","created":1,"model":"m",)"
                          R"("choices":[],"usage":{"prompt_tokens":5,"completion_tokens":3}})")
           + "data: [DONE]\n\n";
}

QByteArray FaultWire::stream(const QStringList& tokens) const
{
    QByteArray bytes = prologue();
    for (const QString& text : tokens)
        bytes += token(text);
    return bytes + finish();
}

QByteArray FaultWire::unknownEvent() const
{
    if (m_kind == QLatin1String("anthropic"))
        return sseEvent("content_block_annotation",
                        R"({"type":"content_block_annotation","index":0,"note":{"x":1}})");
    if (m_kind == QLatin1String("gemini"))
        return sseEvent({}, R"({"modelVersion":"m","responseId":"r1","groundingUpdate":)"
                            R"({"sources":[{"uri":"urn:x"}]}})");
    if (m_kind == QLatin1String("ollama"))
        return R"({"model":"m","created_at":"2025-06-01T10:00:00Z","status":"loading model",)"
               R"("progress":{"completed":1,"total":2},"done":false})"
               "\n";
    return sseEvent("response.trace",
                    R"({"object":"chat.completion.trace","trace":{"step":1,"note":"x"}})");
}

QByteArray FaultWire::malformedEvent() const
{
    // Each is the kind's token event cut off in the middle of its JSON, then properly ended.
    if (m_kind == QLatin1String("anthropic"))
        return sseEvent("content_block_delta",
                        R"({"type":"content_block_delta","index":0,"delta":{"type":"text_d)");
    if (m_kind == QLatin1String("gemini"))
        return sseEvent({}, R"({"candidates":[{"content":{"parts":[{"text":"lo)");
    if (m_kind == QLatin1String("ollama"))
        return R"({"model":"m","message":{"role":"assistant","content":"lo)"
               "\n";
    return sseEvent({}, R"({"id":"c1","choices":[{"index":0,"delta":{"content":"lo)");
}

QByteArray FaultWire::keepAlive() const
{
    return isNdjson() ? QByteArrayLiteral("\n") : QByteArrayLiteral(": keep-alive\n\n");
}

QByteArray FaultWire::errorBody(int status, const QString& message) const
{
    QJsonObject root;
    if (m_kind == QLatin1String("anthropic")) {
        const QString type = status == 401   ? QStringLiteral("authentication_error")
                             : status == 403 ? QStringLiteral("permission_error")
                             : status == 404 ? QStringLiteral("not_found_error")
                             : status == 413 ? QStringLiteral("request_too_large")
                             : status == 429 ? QStringLiteral("rate_limit_error")
                             : status == 529 ? QStringLiteral("overloaded_error")
                             : status >= 500 ? QStringLiteral("api_error")
                                             : QStringLiteral("invalid_request_error");
        root = {{QStringLiteral("type"), QStringLiteral("error")},
                {QStringLiteral("error"), QJsonObject{{QStringLiteral("type"), type},
                                                      {QStringLiteral("message"), message}}}};
    } else if (m_kind == QLatin1String("gemini")) {
        const QString statusName = status == 401   ? QStringLiteral("UNAUTHENTICATED")
                                   : status == 403 ? QStringLiteral("PERMISSION_DENIED")
                                   : status == 404 ? QStringLiteral("NOT_FOUND")
                                   : status == 429 ? QStringLiteral("RESOURCE_EXHAUSTED")
                                   : status == 503 ? QStringLiteral("UNAVAILABLE")
                                   : status == 504 ? QStringLiteral("DEADLINE_EXCEEDED")
                                   : status >= 500 ? QStringLiteral("INTERNAL")
                                                   : QStringLiteral("INVALID_ARGUMENT");
        root = {{QStringLiteral("error"), QJsonObject{{QStringLiteral("code"), status},
                                                      {QStringLiteral("message"), message},
                                                      {QStringLiteral("status"), statusName}}}};
    } else if (m_kind == QLatin1String("ollama")) {
        root = {{QStringLiteral("error"), message}};
    } else {
        const QString type = status == 429   ? QStringLiteral("requests")
                             : status >= 500 ? QStringLiteral("server_error")
                                             : QStringLiteral("invalid_request_error");
        root = {{QStringLiteral("error"), QJsonObject{{QStringLiteral("message"), message},
                                                      {QStringLiteral("type"), type},
                                                      {QStringLiteral("code"), QJsonValue()}}}};
    }
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

} // namespace keel::test
