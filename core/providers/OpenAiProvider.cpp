#include "providers/OpenAiProvider.h"

#include "providers/OpenAiStreamMapper.h"
#include "providers/ProviderErrors.h"
#include "providers/RequestSupport.h"
#include "providers/ToolWire.h"
#include "providers/WholeResponseMapper.h"

#include <QCoreApplication>

#include <nlohmann/json.hpp>

namespace keel::core {

namespace {

// The translation context of this file's user-visible messages: free functions and plain
// classes have no tr() of their own.
struct OpenAiProviderText {
    Q_DECLARE_TR_FUNCTIONS(OpenAiProvider)
};

// Insertion order keeps the body readable in diagnostics (model first, messages next).
using Json = nlohmann::ordered_json;

Json message(const char* role, const QString& content)
{
    return Json{{"role", role}, {"content", content.toStdString()}};
}

// An assistant message, with the calls it made; a tool result, answering one by its id.
Json wireMessage(const ChatMessage& chatMessage)
{
    if (chatMessage.role == Role::Tool)
        return Json{{"role", "tool"},
                    {"tool_call_id", chatMessage.toolCallId.toStdString()},
                    {"content", toolResultText(chatMessage).toStdString()}};
    if (chatMessage.role != Role::Assistant || chatMessage.toolCalls.isEmpty()) {
        const QList<Attachment> images = wireImages(chatMessage);
        if (images.isEmpty()) // a plain string: servers that take no arrays keep working
            return message(chatRoleName(chatMessage.role), wireText(chatMessage));
        Json parts = Json::array();
        if (const QString text = wireText(chatMessage); !text.isEmpty())
            parts.push_back(Json{{"type", "text"}, {"text", text.toStdString()}});
        for (const Attachment& image : images) {
            const std::string url =
                "data:" + image.mimeType.toStdString() + ";base64," + base64Data(image);
            parts.push_back(Json{{"type", "image_url"}, {"image_url", {{"url", url}}}});
        }
        return Json{{"role", chatRoleName(chatMessage.role)}, {"content", std::move(parts)}};
    }

    Json calls = Json::array();
    for (const ToolCall& call : chatMessage.toolCalls) {
        // The arguments travel as the JSON text the model wrote.
        calls.push_back(Json{{"id", call.id.toStdString()},
                             {"type", "function"},
                             {"function",
                              {{"name", call.name.toStdString()},
                               {"arguments", toolArgumentsText(call.arguments).toStdString()}}}});
    }
    Json result = Json{{"role", "assistant"}};
    result["content"] =
        chatMessage.content.isEmpty() ? Json(nullptr) : Json(chatMessage.content.toStdString());
    result["tool_calls"] = std::move(calls);
    return result;
}

QString trimmedBase(const QString& baseUrl)
{
    QString base = baseUrl.trimmed();
    while (base.endsWith(u'/'))
        base.chop(1);
    return base;
}

} // namespace

HttpRequest OpenAiProvider::buildRequest(const TurnRequest& request) const
{
    HttpRequest http;
    http.method = "POST";

    http.url = trimmedBase(request.provider.baseUrl) + QStringLiteral("/chat/completions");

    http.headers.emplaceBack("Content-Type", "application/json");
    http.headers.emplaceBack("Accept", request.stream ? "text/event-stream" : "application/json");
    // Local servers (LM Studio, llama.cpp, Ollama) need no key; an empty "Bearer " header
    // makes some of them reject the request.
    if (!request.provider.apiKey.isEmpty())
        http.headers.emplaceBack("Authorization", "Bearer " + request.provider.apiKey.toUtf8());
    applyExtraHeaders(http.headers, request.provider);

    Json messages = Json::array();
    if (!request.systemPrompt.isEmpty())
        messages.push_back(message("system", request.systemPrompt));
    for (const ChatMessage& chatMessage :
         toolWireMessages(request.messages, !request.tools.isEmpty()))
        messages.push_back(wireMessage(chatMessage));

    Json body = Json::object();
    body["model"] = request.model.toStdString();
    body["messages"] = std::move(messages);
    if (!request.tools.isEmpty())
        body["tools"] = functionToolDefinitions(request.tools);
    body["stream"] = request.stream;
    // Without this the usage chunk is never sent when streaming; a few servers reject the field
    // and send usage unasked, which their preset says. Without streaming it is refused.
    if (request.stream && request.provider.sendStreamOptions)
        body["stream_options"] = Json{{"include_usage", true}};
    if (request.temperature)
        body["temperature"] = *request.temperature;
    if (request.topP)
        body["top_p"] = *request.topP;
    if (request.maxTokens) {
        const QString& field = request.provider.maxTokensField;
        body[field.isEmpty() ? "max_tokens" : field.toStdString()] = *request.maxTokens;
    }
    if (!request.reasoningEffort.isEmpty()) {
        const QString& style = request.provider.reasoningStyle;
        if (style == QStringLiteral("reasoning_effort"))
            body["reasoning_effort"] = request.reasoningEffort.toStdString();
        else if (style == QStringLiteral("reasoning"))
            body["reasoning"] = Json{{"effort", request.reasoningEffort.toStdString()}};
    }

    http.body = jsonBody(body);
    applyTransport(http, request);
    return http;
}

std::unique_ptr<StreamMapper> OpenAiProvider::createMapper(bool streaming) const
{
    if (!streaming)
        return std::make_unique<WholeResponseMapper>(
            OpenAiProviderText::tr("the OpenAI-compatible server"),
            &OpenAiStreamMapper::mapResponse);
    return std::make_unique<OpenAiStreamMapper>();
}

TurnError OpenAiProvider::mapHttpError(const HttpResponseHead& head, const QByteArray& body,
                                       const ProviderConfig& config) const
{
    return httpError(head, body, config);
}

QString OpenAiProvider::defaultBaseUrl() const
{
    const QString fromEnvironment = qEnvironmentVariable("OPENAI_BASE_URL").trimmed();
    return fromEnvironment.isEmpty() ? QStringLiteral("https://api.openai.com/v1")
                                     : trimmedBase(fromEnvironment);
}

HttpRequest OpenAiProvider::buildModelsRequest(const ProviderConfig& config,
                                               const QString& /*pageToken*/) const
{
    HttpRequest http;
    http.method = "GET";
    http.url = trimmedBase(config.baseUrl) + QStringLiteral("/models");
    http.headers.emplaceBack("Accept", "application/json");
    if (!config.apiKey.isEmpty())
        http.headers.emplaceBack("Authorization", "Bearer " + config.apiKey.toUtf8());
    applyExtraHeaders(http.headers, config);
    return http;
}

ModelPage OpenAiProvider::parseModels(const QByteArray& body) const
{
    ModelPage page;
    const Json root = Json::parse(body.constBegin(), body.constEnd(), nullptr, false);
    // {"object":"list","data":[{"id":...}]}; some servers (older llama.cpp) answer a bare list.
    const Json* list = nullptr;
    if (root.is_object() && root.contains("data") && root["data"].is_array())
        list = &root["data"];
    else if (root.is_array())
        list = &root;
    if (!list) {
        page.error =
            TurnError{ErrorKind::Protocol,
                      OpenAiProviderText::tr("The server's model list is not in the expected "
                                             "format (an object with a \"data\" array)."),
                      0, false};
        return page;
    }
    for (const Json& entry : *list) {
        if (!entry.is_object() || !entry.contains("id") || !entry["id"].is_string())
            continue;
        ModelInfo model;
        model.id = QString::fromStdString(entry["id"].get<std::string>());
        for (const char* key : {"context_length", "max_model_len", "context_window"}) {
            if (entry.contains(key) && entry[key].is_number_integer())
                model.contextLength = entry[key].get<qint64>();
        }
        if (entry.contains("name") && entry["name"].is_string())
            model.displayName = QString::fromStdString(entry["name"].get<std::string>());
        page.models.append(model);
    }
    return page;
}

} // namespace keel::core
