// ToolScripts: per-provider tool-call streams and result checks for tests.
#include "ToolScripts.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace keel::test {

namespace {

QByteArray compact(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QJsonObject parseObject(const QString& text)
{
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8());
    return document.isObject() ? document.object() : QJsonObject();
}

QStringList fragments(const QString& text, int size)
{
    if (size <= 0 || text.isEmpty())
        return {text};
    QStringList pieces;
    for (qsizetype at = 0; at < text.size(); at += size)
        pieces << text.mid(at, size);
    return pieces;
}

QByteArray sseData(const QJsonObject& object)
{
    return "data: " + compact(object) + "\n\n";
}

QByteArray sseEvent(const QByteArray& name, const QJsonObject& object)
{
    return "event: " + name + "\n" + sseData(object);
}

Response stream(const QByteArray& bytes, int chunkSize, const QByteArray& contentType)
{
    Response response = Response::sse({Step::send(bytes, chunkSize)});
    response.contentType = contentType;
    return response;
}

QByteArray anthropicStart()
{
    return sseEvent("message_start",
                    {{"type", "message_start"},
                     {"message", QJsonObject{{"id", "msg_1"},
                                             {"type", "message"},
                                             {"role", "assistant"},
                                             {"content", QJsonArray()},
                                             {"model", "m"},
                                             {"usage", QJsonObject{{"input_tokens", 5},
                                                                   {"output_tokens", 1}}}}}});
}

QByteArray anthropicEnd(const QString& stopReason)
{
    return sseEvent("message_delta", {{"type", "message_delta"},
                                      {"delta", QJsonObject{{"stop_reason", stopReason}}},
                                      {"usage", QJsonObject{{"output_tokens", 7}}}})
           + sseEvent("message_stop", {{"type", "message_stop"}});
}

QByteArray ollamaLine(const QJsonObject& message, bool done)
{
    QJsonObject line{{"model", "m"}, {"message", message}, {"done", done}};
    if (done) {
        line.insert("done_reason", "stop");
        line.insert("prompt_eval_count", 5);
        line.insert("eval_count", 7);
    }
    return compact(line) + "\n";
}

QJsonObject geminiChunk(const QJsonArray& parts, bool last)
{
    QJsonObject candidate{{"content", QJsonObject{{"role", "model"}, {"parts", parts}}},
                          {"index", 0}};
    if (last)
        candidate.insert("finishReason", "STOP");
    QJsonObject chunk{{"candidates", QJsonArray{candidate}}};
    if (last)
        chunk.insert("usageMetadata",
                     QJsonObject{{"promptTokenCount", 5}, {"candidatesTokenCount", 7}});
    return chunk;
}

} // namespace

Response toolCallResponse(const QString& kind, const QList<ScriptedCall>& calls, int fragmentSize,
                          int chunkSize)
{
    QByteArray bytes;
    if (kind == QLatin1String("openai")) {
        for (int i = 0; i < calls.size(); ++i) {
            const ScriptedCall& call = calls.at(i);
            bytes += LoopbackLlmServer::openAiToolCallChunk(i, call.id, call.name, QString());
            for (const QString& piece : fragments(call.arguments, fragmentSize))
                bytes += LoopbackLlmServer::openAiToolCallChunk(i, QString(), QString(), piece);
        }
        bytes += LoopbackLlmServer::openAiFinish(QStringLiteral("tool_calls"))
                 + LoopbackLlmServer::openAiUsage(5, 7) + LoopbackLlmServer::openAiDone();
        return stream(bytes, chunkSize, "text/event-stream");
    }
    if (kind == QLatin1String("anthropic")) {
        bytes += anthropicStart();
        for (int i = 0; i < calls.size(); ++i) {
            const ScriptedCall& call = calls.at(i);
            bytes += sseEvent("content_block_start",
                              {{"type", "content_block_start"},
                               {"index", i},
                               {"content_block", QJsonObject{{"type", "tool_use"},
                                                             {"id", call.id},
                                                             {"name", call.name},
                                                             {"input", QJsonObject()}}}});
            for (const QString& piece : fragments(call.arguments, fragmentSize))
                bytes += sseEvent("content_block_delta",
                                  {{"type", "content_block_delta"},
                                   {"index", i},
                                   {"delta", QJsonObject{{"type", "input_json_delta"},
                                                         {"partial_json", piece}}}});
            bytes += sseEvent("content_block_stop", {{"type", "content_block_stop"}, {"index", i}});
        }
        bytes += anthropicEnd(QStringLiteral("tool_use"));
        return stream(bytes, chunkSize, "text/event-stream");
    }
    if (kind == QLatin1String("gemini")) {
        QJsonArray parts;
        for (const ScriptedCall& call : calls)
            parts.append(
                QJsonObject{{"functionCall", QJsonObject{{"name", call.name},
                                                         {"args", parseObject(call.arguments)}}}});
        return stream(sseData(geminiChunk(parts, true)), chunkSize, "text/event-stream");
    }
    QJsonArray toolCalls;
    for (const ScriptedCall& call : calls)
        toolCalls.append(
            QJsonObject{{"function", QJsonObject{{"name", call.name},
                                                 {"arguments", parseObject(call.arguments)}}}});
    bytes += ollamaLine({{"role", "assistant"}, {"content", ""}, {"tool_calls", toolCalls}}, false);
    bytes += ollamaLine({{"role", "assistant"}, {"content", ""}}, true);
    return stream(bytes, chunkSize, "application/x-ndjson");
}

Response textResponse(const QString& kind, const QStringList& tokens)
{
    if (kind == QLatin1String("openai"))
        return Response::openAiStream(tokens);
    QByteArray bytes;
    if (kind == QLatin1String("anthropic")) {
        bytes += anthropicStart();
        bytes += sseEvent("content_block_start",
                          {{"type", "content_block_start"},
                           {"index", 0},
                           {"content_block", QJsonObject{{"type", "text"}, {"text", ""}}}});
        for (const QString& token : tokens)
            bytes += sseEvent("content_block_delta",
                              {{"type", "content_block_delta"},
                               {"index", 0},
                               {"delta", QJsonObject{{"type", "text_delta"}, {"text", token}}}});
        bytes += sseEvent("content_block_stop", {{"type", "content_block_stop"}, {"index", 0}});
        bytes += anthropicEnd(QStringLiteral("end_turn"));
        return stream(bytes, 0, "text/event-stream");
    }
    if (kind == QLatin1String("gemini")) {
        for (int i = 0; i < tokens.size(); ++i)
            bytes +=
                sseData(geminiChunk({QJsonObject{{"text", tokens.at(i)}}}, i == tokens.size() - 1));
        return stream(bytes, 0, "text/event-stream");
    }
    for (const QString& token : tokens)
        bytes += ollamaLine({{"role", "assistant"}, {"content", token}}, false);
    bytes += ollamaLine({{"role", "assistant"}, {"content", ""}}, true);
    return stream(bytes, 0, "application/x-ndjson");
}

QList<SentToolResult> toolResultsIn(const QString& kind, const QJsonObject& body)
{
    QList<SentToolResult> results;
    if (kind == QLatin1String("gemini")) {
        for (const QJsonValue& content : body.value("contents").toArray()) {
            for (const QJsonValue& part : content.toObject().value("parts").toArray()) {
                const QJsonObject response = part.toObject().value("functionResponse").toObject();
                if (response.isEmpty())
                    continue;
                const QJsonObject payload = response.value("response").toObject();
                const bool isError = payload.contains("error");
                const QJsonValue text = isError ? payload.value("error") : payload.value("content");
                results.append(
                    {response.value("name").toString(),
                     text.isString()
                         ? text.toString()
                         : QString::fromUtf8(
                             QJsonDocument(text.toObject()).toJson(QJsonDocument::Compact)),
                     isError});
            }
        }
        return results;
    }
    for (const QJsonValue& value : body.value("messages").toArray()) {
        const QJsonObject message = value.toObject();
        if (kind == QLatin1String("anthropic")) {
            if (!message.value("content").isArray())
                continue;
            for (const QJsonValue& block : message.value("content").toArray()) {
                const QJsonObject object = block.toObject();
                if (object.value("type").toString() != QLatin1String("tool_result"))
                    continue;
                QString text;
                const QJsonValue content = object.value("content");
                if (content.isString()) {
                    text = content.toString();
                } else {
                    for (const QJsonValue& piece : content.toArray())
                        text += piece.toObject().value("text").toString();
                }
                results.append({object.value("tool_use_id").toString(), text,
                                object.value("is_error").toBool()});
            }
        } else if (message.value("role").toString() == QLatin1String("tool")) {
            results.append({kind == QLatin1String("openai")
                                ? message.value("tool_call_id").toString()
                                : message.value("tool_name").toString(),
                            message.value("content").toString(), false});
        }
    }
    return results;
}

QStringList toolsOfferedIn(const QString& kind, const QJsonObject& body)
{
    QStringList names;
    for (const QJsonValue& value : body.value("tools").toArray()) {
        const QJsonObject tool = value.toObject();
        if (kind == QLatin1String("gemini")) {
            for (const QJsonValue& declaration : tool.value("functionDeclarations").toArray())
                names << declaration.toObject().value("name").toString();
        } else if (kind == QLatin1String("anthropic")) {
            names << tool.value("name").toString();
        } else {
            names << tool.value("function").toObject().value("name").toString();
        }
    }
    return names;
}

QString baseUrlFor(const QString& kind, const LoopbackLlmServer& server)
{
    if (kind == QLatin1String("openai"))
        return server.baseUrl();
    return QStringLiteral("http://127.0.0.1:%1").arg(server.port());
}

} // namespace keel::test
