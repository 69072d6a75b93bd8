// GeminiProvider: Google's Gemini API (generativelanguage.googleapis.com): the
// `POST {base}/v1beta/models/{model}:streamGenerateContent?alt=sse` request (`:generateContent`
// without streaming) with contents, systemInstruction, generationConfig and thinkingConfig; HTTP
// errors (with Gemini's "API key not valid" 400); and the paged model list, filtered to models
// that generate content.
#include "providers/GeminiProvider.h"

#include "providers/GeminiStreamMapper.h"
#include "providers/JsonCounts.h"
#include "providers/ProviderErrors.h"
#include "providers/RequestSupport.h"
#include "providers/ToolWire.h"
#include "providers/WholeResponseMapper.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QUrl>

#include <nlohmann/json.hpp>
#include <optional>

namespace keel::core {

namespace {

// The translation context of this file's user-visible messages: free functions and plain
// classes have no tr() of their own.
struct GeminiProviderText {
    Q_DECLARE_TR_FUNCTIONS(GeminiProvider)
};

// Insertion order keeps the body readable in diagnostics (contents first, config last).
using Json = nlohmann::ordered_json;
using nlohmann::json;

const json* member(const json& object, const char* key)
{
    if (!object.is_object())
        return nullptr;
    const auto it = object.find(key);
    return it == object.end() ? nullptr : &*it;
}

const std::string* stringMember(const json& object, const char* key)
{
    const json* value = member(object, key);
    return value ? value->get_ptr<const json::string_t*>() : nullptr;
}

QString toQString(const std::string& utf8)
{
    return QString::fromUtf8(utf8.data(), static_cast<qsizetype>(utf8.size()));
}

qint64 nonNegative(const json* value)
{
    return jsonCount(value);
}

// The key travels in a header only: a key in the URL ends up in proxy logs and error messages.
HttpHeaders baseHeaders(const ProviderConfig& config)
{
    HttpHeaders headers;
    if (!config.apiKey.isEmpty())
        headers.emplaceBack("x-goog-api-key", config.apiKey.toUtf8());
    return headers;
}

// "{base}/v1beta": the user's base may be the bare host (the usual form) or already name an API
// version (".../v1beta", ".../v1"), which is then used as given rather than doubled.
QString apiRoot(const ProviderConfig& config, const QString& defaultBase)
{
    QString base = config.baseUrl.trimmed();
    if (base.isEmpty())
        base = defaultBase;
    while (base.endsWith(u'/'))
        base.chop(1);
    static const QRegularExpression version(QStringLiteral("/v\\d+(?:alpha|beta)?\\d*$"));
    if (version.match(base).hasMatch())
        return base;
    return base + QStringLiteral("/v1beta");
}

// "models/x" (as the model list names them) and "x" mean the same model; tuned models live in
// their own collection. The name is one path segment, so anything unusual in it is escaped.
QString modelPath(const QString& model)
{
    QString name = model.trimmed();
    QString collection = QStringLiteral("models");
    if (name.startsWith(QLatin1String("models/"))) {
        name.remove(0, 7);
    } else if (name.startsWith(QLatin1String("tunedModels/"))) {
        name.remove(0, 12);
        collection = QStringLiteral("tunedModels");
    }
    return collection + u'/' + QString::fromLatin1(QUrl::toPercentEncoding(name));
}

std::string utf8(const QString& text)
{
    const QByteArray bytes = text.toUtf8();
    return std::string(bytes.constData(), static_cast<size_t>(bytes.size()));
}

// One message as parts: its images and text, then the calls it made; or a tool's result. The
// model's own thought signature of a call is not kept, so the first call of each step carries the
// value Gemini documents for calls that come without one (Gemini 3 refuses them unsigned).
Json contentParts(const ChatMessage& message)
{
    Json parts = Json::array();
    if (message.role == Role::Tool) {
        Json response = Json::object();
        response[message.isError ? "error" : "content"] = utf8(message.content);
        parts.push_back(
            Json{{"functionResponse",
                  {{"name", utf8(message.toolName)}, {"response", std::move(response)}}}});
        return parts;
    }
    // Images first, as Google's examples put them, then the text they are asked about.
    for (const Attachment& image : wireImages(message))
        parts.push_back(Json{
            {"inlineData", {{"mimeType", utf8(image.mimeType)}, {"data", base64Data(image)}}}});
    if (const QString text = wireText(message); !text.isEmpty())
        parts.push_back(Json{{"text", utf8(text)}});
    if (message.role != Role::Assistant)
        return parts;
    for (qsizetype i = 0; i < message.toolCalls.size(); ++i) {
        const ToolCall& call = message.toolCalls[i];
        Json part =
            Json{{"functionCall",
                  {{"name", utf8(call.name)}, {"args", toolArgumentsObject(call.arguments)}}}};
        if (i == 0)
            part["thoughtSignature"] = "skip_thought_signature_validator";
        parts.push_back(std::move(part));
    }
    return parts;
}

Json functionDeclarations(const QList<ToolSpec>& tools)
{
    Json declarations = Json::array();
    for (const ToolSpec& tool : tools) {
        Json declaration = Json::object();
        declaration["name"] = utf8(tool.name);
        if (!tool.description.isEmpty())
            declaration["description"] = utf8(tool.description);
        if (Json parameters = geminiSchema(toolInputSchema(tool)); !parameters.is_null())
            declaration["parameters"] = std::move(parameters);
        declarations.push_back(std::move(declaration));
    }
    return declarations;
}

// The thinking budget the request asks for, if any: an explicit token budget wins over an
// OpenAI-style effort. -1 is Gemini's "dynamic" budget, 0 turns thinking off.
std::optional<int> thinkingBudget(const TurnRequest& request)
{
    if (request.thinkingBudgetTokens)
        return *request.thinkingBudgetTokens < 0 ? -1 : *request.thinkingBudgetTokens;
    const QString effort = request.reasoningEffort.trimmed().toLower();
    if (effort == QLatin1String("low"))
        return 1024;
    if (effort == QLatin1String("medium"))
        return 8192;
    if (effort == QLatin1String("high"))
        return 24576;
    if (effort == QLatin1String("none"))
        return 0;
    return std::nullopt;
}

const json* googleErrorObject(const json& root)
{
    // Gemini wraps its error object in an array on streaming endpoints.
    const json& top = root.is_array() && !root.empty() ? root.front() : root;
    const json* error = member(top, "error");
    return error && error->is_object() ? error : nullptr;
}

// Gemini answers a wrong or expired key with 400 INVALID_ARGUMENT ("API key not valid. Please
// pass a valid API key.", reason API_KEY_INVALID) rather than 401.
bool isInvalidApiKey(const QByteArray& body)
{
    const json root = json::parse(body.cbegin(), body.cend(), nullptr, false);
    const json* error = root.is_discarded() ? nullptr : googleErrorObject(root);
    if (!error)
        return false;
    if (const json* details = member(*error, "details"); details && details->is_array()) {
        for (const json& detail : *details) {
            if (const auto* reason = stringMember(detail, "reason");
                reason && (*reason == "API_KEY_INVALID" || *reason == "API_KEY_EXPIRED"))
                return true;
        }
    }
    const auto* status = stringMember(*error, "status");
    const auto* message = stringMember(*error, "message");
    return status && *status == "INVALID_ARGUMENT" && message
           && toQString(*message).contains(QLatin1String("API key"), Qt::CaseInsensitive);
}

bool generatesContent(const json& model)
{
    const json* methods = member(model, "supportedGenerationMethods");
    // Servers that imitate the API sometimes leave the field out; their models are chat models.
    if (!methods)
        return true;
    if (!methods->is_array())
        return false;
    for (const json& method : *methods) {
        if (const auto* name = method.get_ptr<const json::string_t*>();
            name && (*name == "generateContent" || *name == "streamGenerateContent"))
            return true;
    }
    return false;
}

TurnError unreadableModelList(const QString& why)
{
    TurnError error;
    error.kind = ErrorKind::Protocol;
    error.message =
        GeminiProviderText::tr("The model list from Gemini could not be read: %1").arg(why);
    return error;
}

} // namespace

QString GeminiProvider::defaultBaseUrl() const
{
    return QStringLiteral("https://generativelanguage.googleapis.com");
}

HttpRequest GeminiProvider::buildRequest(const TurnRequest& request) const
{
    HttpRequest http;
    http.method = "POST";
    http.url = apiRoot(request.provider, defaultBaseUrl()) + u'/' + modelPath(request.model)
               + (request.stream ? QStringLiteral(":streamGenerateContent?alt=sse")
                                 : QStringLiteral(":generateContent"));

    http.headers = baseHeaders(request.provider);
    http.headers.emplaceBack("Content-Type", "application/json");
    applyExtraHeaders(http.headers, request.provider);

    // Gemini has no system role: system text goes to systemInstruction. Consecutive turns of one
    // role are merged into one content of several parts, since Gemini expects the roles to
    // alternate (so a step's results travel together, as Gemini wants). Empty messages (e.g. a
    // failed reply) are left out: Gemini refuses empty parts.
    Json systemParts = Json::array();
    if (!request.systemPrompt.trimmed().isEmpty())
        systemParts.push_back(Json{{"text", utf8(request.systemPrompt)}});

    Json contents = Json::array();
    for (const ChatMessage& message :
         toolWireMessages(request.messages, !request.tools.isEmpty())) {
        if (message.role == Role::System) {
            if (!message.content.isEmpty())
                systemParts.push_back(Json{{"text", utf8(message.content)}});
            continue;
        }
        Json parts = contentParts(message);
        if (parts.empty())
            continue;
        const char* role = message.role == Role::Assistant ? "model" : "user";
        if (!contents.empty() && contents.back()["role"] == role) {
            for (Json& part : parts)
                contents.back()["parts"].push_back(std::move(part));
        } else {
            contents.push_back(Json{{"role", role}, {"parts", std::move(parts)}});
        }
    }

    Json body = Json::object();
    body["contents"] = std::move(contents);
    if (!systemParts.empty())
        body["systemInstruction"] = Json{{"parts", std::move(systemParts)}};
    if (!request.tools.isEmpty())
        body["tools"] =
            Json::array({Json{{"functionDeclarations", functionDeclarations(request.tools)}}});

    Json generation = Json::object();
    if (request.temperature)
        generation["temperature"] = *request.temperature;
    if (request.topP)
        generation["topP"] = *request.topP;
    if (request.maxTokens)
        generation["maxOutputTokens"] = *request.maxTokens;
    if (const std::optional<int> budget = thinkingBudget(request)) {
        Json thinking = Json::object();
        // Thought summaries only make sense when thinking is on; a 0 budget turns it off.
        if (*budget != 0)
            thinking["includeThoughts"] = true;
        thinking["thinkingBudget"] = *budget;
        generation["thinkingConfig"] = std::move(thinking);
    }
    if (!generation.empty())
        body["generationConfig"] = std::move(generation);

    http.body = jsonBody(body);
    applyTransport(http, request);
    return http;
}

std::unique_ptr<StreamMapper> GeminiProvider::createMapper(bool streaming) const
{
    if (!streaming)
        return std::make_unique<WholeResponseMapper>(QStringLiteral("Gemini"),
                                                     &GeminiStreamMapper::mapResponse);
    return std::make_unique<GeminiStreamMapper>();
}

TurnError GeminiProvider::mapHttpError(const HttpResponseHead& head, const QByteArray& body,
                                       const ProviderConfig& config) const
{
    if (head.status == 400 && isInvalidApiKey(body)) {
        // Worded as the auth failure it is (with the key's source), but with the real status.
        HttpResponseHead asAuth = head;
        asAuth.status = 401;
        TurnError error = httpError(asAuth, body, config);
        error.httpStatus = head.status;
        error.retryable = false;
        return error;
    }
    return httpError(head, body, config);
}

HttpRequest GeminiProvider::buildModelsRequest(const ProviderConfig& config,
                                               const QString& pageToken) const
{
    HttpRequest http;
    http.method = "GET";
    http.url = apiRoot(config, defaultBaseUrl()) + QStringLiteral("/models?pageSize=1000");
    if (!pageToken.isEmpty())
        http.url +=
            QStringLiteral("&pageToken=") + QString::fromLatin1(QUrl::toPercentEncoding(pageToken));
    http.headers = baseHeaders(config);
    applyExtraHeaders(http.headers, config);
    return http;
}

ModelPage GeminiProvider::parseModels(const QByteArray& body) const
{
    ModelPage page;
    const json root = json::parse(body.cbegin(), body.cend(), nullptr, false);
    if (root.is_discarded() || !root.is_object()) {
        page.error =
            unreadableModelList(GeminiProviderText::tr("the answer is not a JSON object."));
        return page;
    }
    if (googleErrorObject(root)) {
        const QString message = providerMessageFromBody(body);
        page.error = unreadableModelList(
            message.isEmpty() ? GeminiProviderText::tr("it holds an error.") : message);
        return page;
    }

    if (const json* models = member(root, "models")) {
        if (!models->is_array()) {
            page.error = unreadableModelList(GeminiProviderText::tr("\"models\" is not a list."));
            return page;
        }
        for (const json& model : *models) {
            const auto* name = stringMember(model, "name");
            if (!name || name->empty() || !generatesContent(model))
                continue;
            ModelInfo info;
            info.id = toQString(*name);
            if (info.id.startsWith(QLatin1String("models/")))
                info.id.remove(0, 7);
            if (const auto* displayName = stringMember(model, "displayName"))
                info.displayName = toQString(*displayName);
            info.contextLength = nonNegative(member(model, "inputTokenLimit"));
            page.models.append(std::move(info));
        }
    }
    if (const auto* token = stringMember(root, "nextPageToken"))
        page.nextPageToken = toQString(*token);
    return page;
}

} // namespace keel::core
