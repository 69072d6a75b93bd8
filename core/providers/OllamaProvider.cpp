// OllamaProvider: Ollama's native API (`POST {base}/api/chat`, NDJSON stream; `GET {base}/api/tags`
// for the model list). Unlike Ollama's OpenAI-compatible /v1, it reports thinking separately
// (with "think": true) and names the model in its not-found errors.
#include "providers/OllamaProvider.h"

#include "providers/OllamaStreamMapper.h"
#include "providers/ProviderErrors.h"
#include "providers/RequestSupport.h"
#include "providers/ToolWire.h"
#include "providers/WholeResponseMapper.h"

#include <QCoreApplication>
#include <QtGlobal>

#include <nlohmann/json.hpp>

namespace keel::core {

namespace {

// The translation context of this file's user-visible messages: free functions and plain
// classes have no tr() of their own.
struct OllamaProviderText {
    Q_DECLARE_TR_FUNCTIONS(OllamaProvider)
};

// Insertion order keeps the body readable in diagnostics (model first, messages next).
using Json = nlohmann::ordered_json;

const QString kDefaultBaseUrl = QStringLiteral("http://localhost:11434");
const QString kDefaultPort = QStringLiteral("11434");

Json message(const char* role, const QString& content)
{
    return Json{{"role", role}, {"content", content.toStdString()}};
}

// Ollama takes a call's arguments as an object and names the tool a result came from (it has no
// call ids to match them by).
Json wireMessage(const ChatMessage& chatMessage)
{
    if (chatMessage.role == Role::Tool) {
        Json result = message("tool", toolResultText(chatMessage));
        result["tool_name"] = chatMessage.toolName.toStdString();
        return result;
    }
    Json result = message(chatRoleName(chatMessage.role), wireText(chatMessage));
    if (const QList<Attachment> images = wireImages(chatMessage); !images.isEmpty()) {
        Json data = Json::array();
        for (const Attachment& image : images)
            data.push_back(base64Data(image));
        result["images"] = std::move(data);
    }
    if (chatMessage.role == Role::Assistant && !chatMessage.toolCalls.isEmpty()) {
        Json calls = Json::array();
        for (const ToolCall& call : chatMessage.toolCalls)
            calls.push_back(Json{{"function",
                                  {{"name", call.name.toStdString()},
                                   {"arguments", toolArgumentsObject(call.arguments)}}}});
        result["tool_calls"] = std::move(calls);
    }
    return result;
}

HttpHeaders commonHeaders(const ProviderConfig& config)
{
    HttpHeaders headers;
    // Ollama itself needs no key; one is sent only for an Ollama behind an authenticating proxy.
    if (!config.apiKey.isEmpty())
        headers.emplaceBack("Authorization", "Bearer " + config.apiKey.toUtf8());
    return headers;
}

// OLLAMA_HOST is read the way the ollama CLI reads it: "host", "host:port", "[v6]:port", with or
// without a scheme. Without a scheme the port defaults to 11434; with one it is the scheme's
// default, so "https://ollama.example.com" reaches a reverse proxy on 443 as the CLI would.
QString baseUrlFromOllamaHost(QString value)
{
    value = value.trimmed();
    // The CLI also forgives quotes left around the value by shell or systemd configuration.
    while (!value.isEmpty() && (value.front() == u'"' || value.front() == u'\''))
        value.remove(0, 1);
    while (!value.isEmpty() && (value.back() == u'"' || value.back() == u'\''))
        value.chop(1);
    value = value.trimmed();
    while (value.endsWith(u'/'))
        value.chop(1);
    if (value.isEmpty())
        return kDefaultBaseUrl;

    QString scheme = QStringLiteral("http");
    bool hasScheme = false;
    if (const qsizetype separator = value.indexOf(QLatin1String("://")); separator >= 0) {
        scheme = value.left(separator).toLower();
        value = value.mid(separator + 3);
        hasScheme = true;
    }

    // A path stays: an Ollama behind a proxy may live under one.
    QString path;
    if (const qsizetype slash = value.indexOf(u'/'); slash >= 0) {
        path = value.mid(slash);
        value.truncate(slash);
    }

    QString host = value;
    QString port;
    if (value.startsWith(u'[')) {
        if (const qsizetype close = value.indexOf(u']'); close >= 0) {
            host = value.left(close + 1);
            if (value.mid(close + 1).startsWith(u':'))
                port = value.mid(close + 2);
        }
    } else if (value.count(u':') == 1) {
        const qsizetype colon = value.indexOf(u':');
        host = value.left(colon);
        port = value.mid(colon + 1);
    } else if (value.count(u':') > 1) {
        host = u'[' + value + u']'; // a bare IPv6 address
    }

    // A server bound to every interface ("0.0.0.0", the usual setting for LAN access) is
    // reached on this machine through loopback.
    if (host.isEmpty() || host == QLatin1String("0.0.0.0"))
        host = QStringLiteral("127.0.0.1");
    else if (host == QLatin1String("[::]"))
        host = QStringLiteral("[::1]");
    if (port.isEmpty() && !hasScheme)
        port = kDefaultPort;

    QString url = scheme + QLatin1String("://") + host;
    if (!port.isEmpty())
        url += u':' + port;
    url += path;
    while (url.endsWith(u'/'))
        url.chop(1);
    return url;
}

QString baseUrl(const ProviderConfig& config, const Provider& provider)
{
    QString base = config.baseUrl.trimmed();
    if (base.isEmpty())
        base = provider.defaultBaseUrl();
    while (base.endsWith(u'/'))
        base.chop(1);
    return base;
}

bool thinkingOff(const QString& effort)
{
    const QString e = effort.trimmed().toLower();
    return e == QLatin1String("none") || e == QLatin1String("off") || e == QLatin1String("false")
           || e == QLatin1String("disabled");
}

const Json* member(const Json& object, const char* key)
{
    if (!object.is_object())
        return nullptr;
    const auto it = object.find(key);
    return it == object.end() ? nullptr : &*it;
}

QString stringMember(const Json& object, const char* key)
{
    const Json* value = member(object, key);
    const auto* text = value ? value->get_ptr<const Json::string_t*>() : nullptr;
    return text ? QString::fromUtf8(text->data(), static_cast<qsizetype>(text->size())) : QString();
}

} // namespace

QString OllamaProvider::defaultBaseUrl() const
{
    if (!qEnvironmentVariableIsSet("OLLAMA_HOST"))
        return kDefaultBaseUrl;
    return baseUrlFromOllamaHost(qEnvironmentVariable("OLLAMA_HOST"));
}

HttpRequest OllamaProvider::buildRequest(const TurnRequest& request) const
{
    HttpRequest http;
    http.method = "POST";
    http.url = baseUrl(request.provider, *this) + QStringLiteral("/api/chat");

    http.headers.emplaceBack("Content-Type", "application/json");
    http.headers.emplaceBack("Accept",
                             request.stream ? "application/x-ndjson" : "application/json");
    http.headers += commonHeaders(request.provider);
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

    Json options = Json::object();
    if (request.temperature)
        options["temperature"] = *request.temperature;
    if (request.topP)
        options["top_p"] = *request.topP;
    if (request.maxTokens)
        options["num_predict"] = *request.maxTokens;
    if (!options.empty())
        body["options"] = std::move(options);

    // Ollama's thinking switch is a bool for every thinking model; only some (gpt-oss) also take
    // "low"/"medium"/"high", and others reject the strings, so the effort level is not passed.
    // An explicit "none" or a zero budget turns thinking off for models that think by default
    // (Qwen3); without any setting the model's default applies.
    const bool effortSet = !request.reasoningEffort.trimmed().isEmpty();
    const bool budgetSet = request.thinkingBudgetTokens.has_value();
    if (effortSet || budgetSet) {
        const bool off = (effortSet && thinkingOff(request.reasoningEffort))
                         || (!effortSet && *request.thinkingBudgetTokens <= 0);
        body["think"] = !off;
    }

    http.body = jsonBody(body);
    applyTransport(http, request);
    return http;
}

std::unique_ptr<StreamMapper> OllamaProvider::createMapper(bool streaming) const
{
    if (!streaming)
        return std::make_unique<WholeResponseMapper>(QStringLiteral("Ollama"),
                                                     &OllamaStreamMapper::mapResponse);
    return std::make_unique<OllamaStreamMapper>();
}

TurnError OllamaProvider::mapHttpError(const HttpResponseHead& head, const QByteArray& body,
                                       const ProviderConfig& config) const
{
    // Ollama's {"error":"model 'x' not found, try pulling it first"} is one of the shapes the
    // shared mapper extracts; the base URL is filled in so that a bare 404 can name it.
    ProviderConfig effective = config;
    effective.baseUrl = baseUrl(config, *this);
    return httpError(head, body, effective);
}

HttpRequest OllamaProvider::buildModelsRequest(const ProviderConfig& config,
                                               const QString& pageToken) const
{
    Q_UNUSED(pageToken) // /api/tags answers with every local model at once
    HttpRequest http;
    http.method = "GET";
    http.url = baseUrl(config, *this) + QStringLiteral("/api/tags");
    http.headers.emplaceBack("Accept", "application/json");
    http.headers += commonHeaders(config);
    applyExtraHeaders(http.headers, config);
    return http;
}

ModelPage OllamaProvider::parseModels(const QByteArray& body) const
{
    ModelPage page;
    const Json root = Json::parse(body.cbegin(), body.cend(), nullptr, false);
    const Json* models = member(root, "models");
    if (root.is_discarded() || !models || !(models->is_array() || models->is_null())) {
        TurnError error;
        error.kind = ErrorKind::Protocol;
        error.message =
            OllamaProviderText::tr("The server's model list could not be read (expected "
                                   "Ollama's {\"models\": [...]}).");
        page.error = error;
        return page;
    }
    if (models->is_null()) // an Ollama with nothing pulled
        return page;
    for (const Json& entry : *models) {
        ModelInfo info;
        info.id = stringMember(entry, "name");
        if (info.id.isEmpty())
            info.id = stringMember(entry, "model");
        if (info.id.isEmpty())
            continue;
        page.models.append(info);
    }
    return page;
}

} // namespace keel::core
