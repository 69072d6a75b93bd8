// AnthropicProvider: the Anthropic Messages API (`POST {base}/v1/messages`, SSE) and its model
// list (`GET {base}/v1/models`). Owns the translation of a TurnRequest into Anthropic's shape:
// the system prompt at the top level, strictly alternating user/assistant turns, a mandatory
// max_tokens, and extended thinking with its constraints on max_tokens and sampling parameters.
#include "providers/AnthropicProvider.h"

#include "providers/AnthropicStreamMapper.h"
#include "providers/ProviderErrors.h"
#include "providers/RequestSupport.h"
#include "providers/ToolWire.h"
#include "providers/WholeResponseMapper.h"

#include <QCoreApplication>
#include <QUrl>

#include <algorithm>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>

namespace keel::core {

namespace {

// The translation context of this file's user-visible messages: free functions and plain
// classes have no tr() of their own.
struct AnthropicProviderText {
    Q_DECLARE_TR_FUNCTIONS(AnthropicProvider)
};

// Insertion order keeps the body readable in diagnostics (model first, messages next).
using Json = nlohmann::ordered_json;

constexpr char anthropicVersion[] = "2023-06-01";

// Anthropic's minimum thinking budget; smaller values are rejected with a 400.
constexpr int minThinkingBudget = 1024;
// Room left for the answer when max_tokens has to be raised above the thinking budget.
constexpr int answerHeadroom = 4096;
// Model list requests are small; a silent server should not keep the picker spinning for long.

QString withoutTrailingSlashes(QString url)
{
    url = url.trimmed();
    while (url.endsWith(u'/'))
        url.chop(1);
    return url;
}

// The URL up to and including /v1. Users paste either the host or the documented ".../v1".
QString apiRoot(const QString& configured, const QString& fallback)
{
    QString base = withoutTrailingSlashes(configured);
    if (base.isEmpty())
        base = withoutTrailingSlashes(fallback);
    if (!base.endsWith(QLatin1String("/v1")))
        base += QLatin1String("/v1");
    return base;
}

HttpHeaders commonHeaders(const ProviderConfig& config)
{
    HttpHeaders headers;
    // Gateways and local proxies may need no key; an empty x-api-key reads as a wrong key.
    if (!config.apiKey.isEmpty())
        headers.emplaceBack("x-api-key", config.apiKey.toUtf8());
    headers.emplaceBack("anthropic-version", anthropicVersion);
    return headers;
}

// Anthropic requires max_tokens. The Claude 3 (not 3.5 / 3.7) and older models stop at 4096
// output tokens and reject anything larger; everything newer allows at least 8192.
int defaultMaxTokens(const QString& model)
{
    const QString id = model.toLower();
    if (id.contains(QLatin1String("claude-3-5")) || id.contains(QLatin1String("claude-3-7"))
        || id.contains(QLatin1String("claude-3.5")) || id.contains(QLatin1String("claude-3.7")))
        return 8192;
    if (id.contains(QLatin1String("claude-3-")) || id.contains(QLatin1String("claude-2"))
        || id.contains(QLatin1String("claude-instant")))
        return 4096;
    return 8192;
}

// The thinking budget, or nothing when thinking stays off. An explicit budget wins over the
// effort; 0 or less means "no thinking", as it does for Gemini's budget.
std::optional<int> thinkingBudget(const TurnRequest& request)
{
    if (request.thinkingBudgetTokens) {
        if (*request.thinkingBudgetTokens <= 0)
            return std::nullopt;
        // The upper bound only keeps budget + headroom from overflowing; the API sets the real one.
        return std::clamp(*request.thinkingBudgetTokens, minThinkingBudget,
                          std::numeric_limits<int>::max() - answerHeadroom);
    }
    const QString effort = request.reasoningEffort.trimmed().toLower();
    if (effort == QLatin1String("minimal"))
        return minThinkingBudget;
    if (effort == QLatin1String("low"))
        return 2048;
    if (effort == QLatin1String("medium"))
        return 8192;
    if (effort == QLatin1String("high"))
        return 24576;
    return std::nullopt;
}

bool isBlank(const QString& text)
{
    return std::all_of(text.cbegin(), text.cend(), [](QChar c) { return c.isSpace(); });
}

struct Conversation {
    QString system;
    Json messages = Json::array();
    // The last assistant message made tool calls: the turn is in the middle of its tool loop.
    bool endsInToolUse = false;
};

// Anthropic's ids are [A-Za-z0-9_-]; a conversation begun with another provider may carry others.
std::string toolUseId(const QString& id)
{
    QString safe = id;
    for (QChar& c : safe) {
        if (!(c.isLetterOrNumber() && c.unicode() < 128) && c != u'_' && c != u'-')
            c = u'_';
    }
    return safe.toStdString();
}

Json textBlock(const QString& text)
{
    return Json{{"type", "text"}, {"text", text.toStdString()}};
}

// One message as content blocks: its images and text (if any), then the calls it made; or a
// tool's result.
Json contentBlocks(const ChatMessage& message)
{
    Json blocks = Json::array();
    if (message.role == Role::Tool) {
        Json result = Json{{"type", "tool_result"}, {"tool_use_id", toolUseId(message.toolCallId)}};
        if (!message.content.isEmpty())
            result["content"] = message.content.toStdString();
        if (message.isError)
            result["is_error"] = true;
        blocks.push_back(std::move(result));
        return blocks;
    }
    // Images before the text that asks about them, as Anthropic recommends.
    for (const Attachment& image : wireImages(message))
        blocks.push_back(Json{{"type", "image"},
                              {"source",
                               {{"type", "base64"},
                                {"media_type", image.mimeType.toStdString()},
                                {"data", base64Data(image)}}}});
    if (const QString text = wireText(message); !isBlank(text))
        blocks.push_back(textBlock(text));
    if (message.role == Role::Assistant) {
        for (const ToolCall& call : message.toolCalls)
            blocks.push_back(Json{{"type", "tool_use"},
                                  {"id", toolUseId(call.id)},
                                  {"name", call.name.toStdString()},
                                  {"input", toolArgumentsObject(call.arguments)}});
    }
    return blocks;
}

// Text alone travels as a plain string (several texts of one turn joined by blank lines); a turn
// with tool blocks as its list of blocks.
Json turnContent(const Json& blocks)
{
    QStringList texts;
    for (const Json& block : blocks) {
        if (block.value("type", std::string()) != "text")
            return blocks;
        texts.append(QString::fromStdString(block.value("text", std::string())));
    }
    return texts.join(QLatin1String("\n\n")).toStdString();
}

// Anthropic takes the system prompt as a top-level field and rejects system-role messages, two
// consecutive messages of the same role and messages without text, so the history is folded into
// that shape without losing any of its words. Tool results are user turns of tool_result blocks,
// which must come first in theirs: the pairing in toolWireMessages puts them right after the
// calls, so text merged into that turn follows them.
Conversation conversation(const TurnRequest& request)
{
    Conversation result;
    QStringList systemParts;
    if (!isBlank(request.systemPrompt))
        systemParts.append(request.systemPrompt);

    struct Turn {
        const char* role;
        Json blocks;
    };
    std::vector<Turn> turns;
    for (const ChatMessage& message :
         toolWireMessages(request.messages, !request.tools.isEmpty())) {
        if (message.role == Role::System) {
            if (!isBlank(message.content))
                systemParts.append(message.content);
            continue;
        }
        Json blocks = contentBlocks(message);
        if (blocks.empty())
            continue;
        const char* role = message.role == Role::Assistant ? "assistant" : "user";
        if (message.role == Role::Assistant)
            result.endsInToolUse = !message.toolCalls.isEmpty();
        if (!turns.empty() && qstrcmp(turns.back().role, role) == 0) {
            for (Json& block : blocks)
                turns.back().blocks.push_back(std::move(block));
        } else {
            turns.push_back({role, std::move(blocks)});
        }
    }
    // A final assistant message is a prefill the model continues from (Continue after a cut-off
    // reply); Anthropic rejects one that ends in whitespace.
    if (!turns.empty() && qstrcmp(turns.back().role, "assistant") == 0) {
        Json& last = turns.back().blocks.back();
        if (last.value("type", std::string()) == "text") {
            QString text = QString::fromStdString(last.value("text", std::string()));
            qsizetype end = text.size();
            while (end > 0 && text.at(end - 1).isSpace())
                --end;
            text.truncate(end);
            last["text"] = text.toStdString();
        }
    }

    result.system = systemParts.join(QLatin1String("\n\n"));
    for (const Turn& turn : turns)
        result.messages.push_back(Json{{"role", turn.role}, {"content", turnContent(turn.blocks)}});
    return result;
}

Json toolDefinitions(const QList<ToolSpec>& tools)
{
    Json definitions = Json::array();
    for (const ToolSpec& tool : tools) {
        Json definition = Json::object();
        definition["name"] = tool.name.toStdString();
        if (!tool.description.isEmpty())
            definition["description"] = tool.description.toStdString();
        definition["input_schema"] = toolInputSchema(tool);
        definitions.push_back(std::move(definition));
    }
    return definitions;
}

TurnError modelListError(const QString& why)
{
    TurnError error;
    error.kind = ErrorKind::Protocol;
    error.message =
        AnthropicProviderText::tr("The model list from Anthropic could not be read: %1").arg(why);
    return error;
}

} // namespace

QString AnthropicProvider::defaultBaseUrl() const
{
    const QString fromEnvironment =
        withoutTrailingSlashes(qEnvironmentVariable("ANTHROPIC_BASE_URL"));
    return fromEnvironment.isEmpty() ? QStringLiteral("https://api.anthropic.com")
                                     : fromEnvironment;
}

HttpRequest AnthropicProvider::buildRequest(const TurnRequest& request) const
{
    HttpRequest http;
    http.method = "POST";
    http.url = apiRoot(request.provider.baseUrl, defaultBaseUrl()) + QLatin1String("/messages");

    http.headers = commonHeaders(request.provider);
    http.headers.emplaceBack("content-type", "application/json");
    http.headers.emplaceBack("accept", request.stream ? "text/event-stream" : "application/json");
    applyExtraHeaders(http.headers, request.provider);

    Conversation history = conversation(request);
    // With thinking on, Anthropic wants the assistant message that made the pending tool calls to
    // begin with its signed thinking block, which is not kept; that step goes without thinking.
    const std::optional<int> requestedBudget = thinkingBudget(request);
    // Plain values: GCC's -Wmaybe-uninitialized misreads an optional's payload here at -O2.
    const bool thinking = requestedBudget.has_value() && !history.endsInToolUse;
    const int budget = requestedBudget.value_or(0);

    int maxTokens = defaultMaxTokens(request.model);
    if (request.maxTokens && *request.maxTokens > 0)
        maxTokens = *request.maxTokens;
    // The budget is part of max_tokens, so it must fit below it with room for the answer. An
    // explicit limit is only raised when the API would otherwise reject it.
    if (thinking) {
        const bool explicitLimit = request.maxTokens && *request.maxTokens > 0;
        if (!explicitLimit || maxTokens <= budget)
            maxTokens = std::max(maxTokens, budget + answerHeadroom);
    }

    Json body = Json::object();
    body["model"] = request.model.toStdString();
    body["max_tokens"] = maxTokens;
    if (!history.system.isEmpty())
        body["system"] = history.system.toStdString();
    body["messages"] = std::move(history.messages);
    if (!request.tools.isEmpty())
        body["tools"] = toolDefinitions(request.tools);
    body["stream"] = request.stream;
    if (thinking) {
        // Anthropic rejects temperature (and a top_p below 0.95) together with thinking.
        body["thinking"] = Json{{"type", "enabled"}, {"budget_tokens", budget}};
    } else {
        if (request.temperature)
            body["temperature"] = *request.temperature;
        if (request.topP)
            body["top_p"] = *request.topP;
    }

    http.body = jsonBody(body);
    applyTransport(http, request);
    return http;
}

std::unique_ptr<StreamMapper> AnthropicProvider::createMapper(bool streaming) const
{
    if (!streaming)
        return std::make_unique<WholeResponseMapper>(QStringLiteral("Anthropic"),
                                                     &AnthropicStreamMapper::mapResponse);
    return std::make_unique<AnthropicStreamMapper>();
}

TurnError AnthropicProvider::mapHttpError(const HttpResponseHead& head, const QByteArray& body,
                                          const ProviderConfig& config) const
{
    // httpError already reads {"type":"error","error":{"type","message"}} and treats 529
    // (overloaded) as a retryable server error.
    return httpError(head, body, config);
}

HttpRequest AnthropicProvider::buildModelsRequest(const ProviderConfig& config,
                                                  const QString& pageToken) const
{
    HttpRequest http;
    http.method = "GET";
    http.url = apiRoot(config.baseUrl, defaultBaseUrl()) + QLatin1String("/models?limit=1000");
    if (!pageToken.isEmpty())
        http.url +=
            QLatin1String("&after_id=") + QString::fromLatin1(QUrl::toPercentEncoding(pageToken));
    http.headers = commonHeaders(config);
    http.headers.emplaceBack("accept", "application/json");
    applyExtraHeaders(http.headers, config);
    return http;
}

ModelPage AnthropicProvider::parseModels(const QByteArray& body) const
{
    using nlohmann::json;
    ModelPage page;
    const json root = json::parse(body.cbegin(), body.cend(), nullptr, false);
    if (root.is_discarded() || !root.is_object()) {
        page.error =
            modelListError(AnthropicProviderText::tr("the response is not a JSON object."));
        return page;
    }
    const auto data = root.find("data");
    if (data == root.end() || !data->is_array()) {
        page.error = modelListError(AnthropicProviderText::tr("it has no \"data\" list."));
        return page;
    }

    const auto stringAt = [](const json& object, const char* key) -> QString {
        const auto it = object.find(key);
        if (it == object.end())
            return {};
        const auto* text = it->get_ptr<const json::string_t*>();
        return text ? QString::fromUtf8(text->data(), static_cast<qsizetype>(text->size()))
                    : QString();
    };

    QString lastId;
    for (const json& item : *data) {
        if (!item.is_object())
            continue;
        ModelInfo model;
        model.id = stringAt(item, "id");
        if (model.id.isEmpty())
            continue;
        lastId = model.id;
        // Every Messages model can chat; other object types (if any appear) are not models.
        if (const QString type = stringAt(item, "type"); !type.isEmpty() && type != u"model")
            continue;
        model.displayName = stringAt(item, "display_name");
        page.models.append(std::move(model));
    }

    const auto hasMore = root.find("has_more");
    if (hasMore != root.end() && hasMore->is_boolean() && hasMore->get<bool>()) {
        // last_id is the cursor; the last listed id is the same thing if a proxy dropped it.
        page.nextPageToken = stringAt(root, "last_id");
        if (page.nextPageToken.isEmpty())
            page.nextPageToken = lastId;
    }
    return page;
}

} // namespace keel::core
