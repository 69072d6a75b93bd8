// AnthropicProvider: the Messages request (URL, headers, body rules), the model list and HTTP
// errors turned into human messages.
#include "providers/AnthropicProvider.h"

#include "ToolRequestFixture.h"
#include "providers/AnthropicStreamMapper.h"
#include "tests/support/RequestInspection.h"

#include <QTest>

#include <limits>
#include <nlohmann/json.hpp>

using namespace keel::core;
using namespace keel::test;
using nlohmann::json;

namespace {

const QString testKey = QStringLiteral("sk-ant-api03-4f8a2b9c1d7e6f5a3b2c1d0e9f8a7b6c");

TurnRequest sampleRequest()
{
    TurnRequest request;
    request.turnId = QStringLiteral("t1");
    request.provider.kind = QStringLiteral("anthropic");
    request.provider.baseUrl = QStringLiteral("https://api.anthropic.com");
    request.provider.apiKey = testKey;
    request.provider.apiKeySource = QStringLiteral("ANTHROPIC_API_KEY");
    request.model = QStringLiteral("claude-sonnet-4-5");
    request.systemPrompt = QStringLiteral("You are terse.");
    request.messages = {
        {Role::User, QStringLiteral("Hi \"there\"\n\u00e9\U0001F600")},
        {Role::Assistant, QStringLiteral("Hello.")},
        {Role::User, QStringLiteral("Again")},
    };
    return request;
}

json body(const TurnRequest& request)
{
    return parseBody(AnthropicProvider().buildRequest(request));
}

QString str(const json& value)
{
    return value.is_string() ? QString::fromStdString(value.get<std::string>()) : QString();
}

// The (role, content) pairs of the body's messages.
QList<QPair<QString, QString>> messagesOf(const json& body)
{
    QList<QPair<QString, QString>> out;
    const auto it = body.find("messages");
    if (it == body.end() || !it->is_array())
        return out;
    for (const json& message : *it)
        out.append({str(message.value("role", json())), str(message.value("content", json()))});
    return out;
}

ProviderConfig config()
{
    ProviderConfig result;
    result.kind = QStringLiteral("anthropic");
    result.baseUrl = QStringLiteral("https://api.anthropic.com");
    result.apiKey = testKey;
    result.apiKeySource = QStringLiteral("ANTHROPIC_API_KEY");
    return result;
}

TurnError mapError(int status, const QByteArray& body, HttpHeaders headers = {})
{
    return AnthropicProvider().mapHttpError(responseHead(status, std::move(headers)), body,
                                            config());
}

QByteArray anthropicError(const char* type, const char* message)
{
    return QByteArray(R"({"type":"error","error":{"type":")") + type + R"(","message":")" + message
           + R"("},"request_id":"req_011CSHoEeqs5C35K2UUqR7Fy"})";
}

TurnRequest toolRequest()
{
    return withToolConversation(sampleRequest());
}

} // namespace

class AnthropicProviderTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void requestUrlAndHeaders();
    void baseUrlForms_data();
    void baseUrlForms();
    void defaultBaseUrlFromEnvironment();
    void noKeyNoApiKeyHeader();
    void extraHeadersOverride();
    void createsTheAnthropicMapper();

    void systemPromptIsTopLevel();
    void consecutiveRolesAreMerged();
    void blankMessagesAreDropped();
    void maxTokensDefault_data();
    void maxTokensDefault();
    void samplingParameters();
    void thinkingBudget();
    void thinkingRaisesMaxTokens();
    void effortMapsToBudget_data();
    void effortMapsToBudget();
    void unencodableTextStillGivesJson();
    void toolsAndToolHistory();
    void userTextAfterToolResultsJoinsThem();
    void thinkingPausesInsideTheToolLoop();
    void toolHistoryWithoutToolsIsText();
    void toolIdsAreMadeValid();

    void modelsRequest();
    void modelPages();
    void malformedModelLists_data();
    void malformedModelLists();

    void errorMapping();
    void apiKeyNeverInMessage();
};

void AnthropicProviderTest::requestUrlAndHeaders()
{
    TurnRequest request = sampleRequest();
    request.connectTimeoutMs = 1234;
    request.idleTimeoutMs = 5678;
    request.provider.verifyTls = false;
    const HttpRequest http = AnthropicProvider().buildRequest(request);

    QCOMPARE(http.method, QByteArray("POST"));
    QCOMPARE(http.url, QStringLiteral("https://api.anthropic.com/v1/messages"));
    QCOMPARE(headerValues(http, "x-api-key"), QList<QByteArray>{testKey.toUtf8()});
    QCOMPARE(headerValues(http, "anthropic-version"), QList<QByteArray>{"2023-06-01"});
    QCOMPARE(headerValues(http, "content-type"), QList<QByteArray>{"application/json"});
    QCOMPARE(headerValues(http, "accept"), QList<QByteArray>{"text/event-stream"});
    QVERIFY(headerValues(http, "authorization").isEmpty());
    QCOMPARE(http.connectTimeoutMs, 1234);
    QCOMPARE(http.idleTimeoutMs, 5678);
    QVERIFY(!http.verifyTls);

    const json parsed = parseBody(http);
    QVERIFY(parsed.is_object());
    QCOMPARE(str(parsed["model"]), QStringLiteral("claude-sonnet-4-5"));
    QCOMPARE(parsed.value("stream", false), true);
}

void AnthropicProviderTest::baseUrlForms_data()
{
    QTest::addColumn<QString>("baseUrl");
    QTest::addColumn<QString>("url");
    QTest::newRow("host") << QStringLiteral("https://api.anthropic.com")
                          << QStringLiteral("https://api.anthropic.com/v1/messages");
    QTest::newRow("host slash") << QStringLiteral(" https://api.anthropic.com// ")
                                << QStringLiteral("https://api.anthropic.com/v1/messages");
    QTest::newRow("with v1") << QStringLiteral("https://api.anthropic.com/v1")
                             << QStringLiteral("https://api.anthropic.com/v1/messages");
    QTest::newRow("with v1 slash") << QStringLiteral("https://api.anthropic.com/v1/")
                                   << QStringLiteral("https://api.anthropic.com/v1/messages");
    QTest::newRow("gateway path") << QStringLiteral("http://127.0.0.1:4000/anthropic")
                                  << QStringLiteral("http://127.0.0.1:4000/anthropic/v1/messages");
}

void AnthropicProviderTest::baseUrlForms()
{
    QFETCH(QString, baseUrl);
    QFETCH(QString, url);
    TurnRequest request = sampleRequest();
    request.provider.baseUrl = baseUrl;
    QCOMPARE(AnthropicProvider().buildRequest(request).url, url);
}

void AnthropicProviderTest::defaultBaseUrlFromEnvironment()
{
    const QByteArray saved = qgetenv("ANTHROPIC_BASE_URL");
    const bool wasSet = qEnvironmentVariableIsSet("ANTHROPIC_BASE_URL");

    qunsetenv("ANTHROPIC_BASE_URL");
    QCOMPARE(AnthropicProvider().defaultBaseUrl(), QStringLiteral("https://api.anthropic.com"));
    TurnRequest request = sampleRequest();
    request.provider.baseUrl.clear();
    QCOMPARE(AnthropicProvider().buildRequest(request).url,
             QStringLiteral("https://api.anthropic.com/v1/messages"));

    qputenv("ANTHROPIC_BASE_URL", "http://127.0.0.1:9999/proxy/");
    QCOMPARE(AnthropicProvider().defaultBaseUrl(), QStringLiteral("http://127.0.0.1:9999/proxy"));
    QCOMPARE(AnthropicProvider().buildRequest(request).url,
             QStringLiteral("http://127.0.0.1:9999/proxy/v1/messages"));
    QCOMPARE(AnthropicProvider().buildModelsRequest(request.provider, {}).url,
             QStringLiteral("http://127.0.0.1:9999/proxy/v1/models?limit=1000"));

    if (wasSet)
        qputenv("ANTHROPIC_BASE_URL", saved);
    else
        qunsetenv("ANTHROPIC_BASE_URL");
}

void AnthropicProviderTest::noKeyNoApiKeyHeader()
{
    TurnRequest request = sampleRequest();
    request.provider.apiKey.clear();
    const HttpRequest http = AnthropicProvider().buildRequest(request);
    QVERIFY(headerValues(http, "x-api-key").isEmpty());
    QCOMPARE(headerValues(http, "anthropic-version"), QList<QByteArray>{"2023-06-01"});

    const HttpRequest models = AnthropicProvider().buildModelsRequest(request.provider, {});
    QVERIFY(headerValues(models, "x-api-key").isEmpty());
}

void AnthropicProviderTest::extraHeadersOverride()
{
    TurnRequest request = sampleRequest();
    request.provider.extraHeaders = {
        {"anthropic-beta", "interleaved-thinking-2025-05-14"},
        {"Anthropic-Version", "2099-01-01"},
        {"X-Api-Key", "gateway-key"},
    };
    const HttpRequest http = AnthropicProvider().buildRequest(request);
    QCOMPARE(headerValues(http, "anthropic-beta"),
             QList<QByteArray>{"interleaved-thinking-2025-05-14"});
    QCOMPARE(headerValues(http, "anthropic-version"), QList<QByteArray>{"2099-01-01"});
    QCOMPARE(headerValues(http, "x-api-key"), QList<QByteArray>{"gateway-key"});

    const HttpRequest models = AnthropicProvider().buildModelsRequest(request.provider, {});
    QCOMPARE(headerValues(models, "x-api-key"), QList<QByteArray>{"gateway-key"});
}

void AnthropicProviderTest::createsTheAnthropicMapper()
{
    const auto mapper = AnthropicProvider().createMapper(true);
    QVERIFY(dynamic_cast<AnthropicStreamMapper*>(mapper.get()));
}

void AnthropicProviderTest::systemPromptIsTopLevel()
{
    TurnRequest request = sampleRequest();
    request.messages.insert(1, {Role::System, QStringLiteral("Be nice.")});
    json parsed = body(request);
    QCOMPARE(str(parsed["system"]), QStringLiteral("You are terse.\n\nBe nice."));
    for (const auto& [role, content] : messagesOf(parsed))
        QVERIFY2(role == u"user" || role == u"assistant", qPrintable(role));
    QCOMPARE(messagesOf(parsed), (QList<QPair<QString, QString>>{
                                     {QStringLiteral("user"), request.messages[0].content},
                                     {QStringLiteral("assistant"), QStringLiteral("Hello.")},
                                     {QStringLiteral("user"), QStringLiteral("Again")},
                                 }));

    // No system field at all without a prompt.
    request = sampleRequest();
    request.systemPrompt.clear();
    parsed = body(request);
    QVERIFY(!parsed.contains("system"));

    // A system message alone still becomes the system field.
    request.messages.prepend({Role::System, QStringLiteral("Only this.")});
    QCOMPARE(str(body(request)["system"]), QStringLiteral("Only this."));
}

void AnthropicProviderTest::consecutiveRolesAreMerged()
{
    TurnRequest request = sampleRequest();
    request.messages = {
        {Role::User, QStringLiteral("one")},
        {Role::User, QStringLiteral("two")},
        {Role::Assistant, QStringLiteral("a")},
        {Role::System, QStringLiteral("sys")}, // folded away: the assistants become adjacent
        {Role::Assistant, QStringLiteral("b")},
        {Role::User, QStringLiteral("three")},
    };
    const json parsed = body(request);
    QCOMPARE(messagesOf(parsed), (QList<QPair<QString, QString>>{
                                     {QStringLiteral("user"), QStringLiteral("one\n\ntwo")},
                                     {QStringLiteral("assistant"), QStringLiteral("a\n\nb")},
                                     {QStringLiteral("user"), QStringLiteral("three")},
                                 }));
    QCOMPARE(str(parsed["system"]), QStringLiteral("You are terse.\n\nsys"));
}

void AnthropicProviderTest::blankMessagesAreDropped()
{
    TurnRequest request = sampleRequest();
    request.messages = {
        {Role::User, QStringLiteral("question")},
        {Role::Assistant, QStringLiteral("  \n")}, // a reply that never arrived
        {Role::User, QStringLiteral("again")},
        // A final assistant message is a prefill; trailing whitespace is rejected by the API.
        {Role::Assistant, QStringLiteral("Partial answer \n")},
    };
    QCOMPARE(messagesOf(body(request)),
             (QList<QPair<QString, QString>>{
                 {QStringLiteral("user"), QStringLiteral("question\n\nagain")},
                 {QStringLiteral("assistant"), QStringLiteral("Partial answer")},
             }));
}

void AnthropicProviderTest::maxTokensDefault_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<int>("maxTokens");
    QTest::newRow("sonnet 4.5") << QStringLiteral("claude-sonnet-4-5-20250929") << 8192;
    QTest::newRow("opus 4.1") << QStringLiteral("claude-opus-4-1") << 8192;
    QTest::newRow("3.7 sonnet") << QStringLiteral("claude-3-7-sonnet-latest") << 8192;
    QTest::newRow("3.5 haiku") << QStringLiteral("claude-3-5-haiku-20241022") << 8192;
    QTest::newRow("3 opus") << QStringLiteral("claude-3-opus-20240229") << 4096;
    QTest::newRow("3 haiku") << QStringLiteral("claude-3-haiku-20240307") << 4096;
    QTest::newRow("unknown") << QStringLiteral("some-proxy-model") << 8192;
}

void AnthropicProviderTest::maxTokensDefault()
{
    QFETCH(QString, model);
    QFETCH(int, maxTokens);
    TurnRequest request = sampleRequest();
    request.model = model;
    QCOMPARE(body(request).value("max_tokens", -1), maxTokens);

    request.maxTokens = 300;
    QCOMPARE(body(request).value("max_tokens", -1), 300);
}

void AnthropicProviderTest::samplingParameters()
{
    TurnRequest request = sampleRequest();
    json parsed = body(request);
    QVERIFY(!parsed.contains("temperature"));
    QVERIFY(!parsed.contains("top_p"));
    QVERIFY(!parsed.contains("thinking"));

    request.temperature = 0.0; // zero is a real setting, not "unset"
    request.topP = 0.9;
    parsed = body(request);
    QVERIFY(parsed.contains("temperature"));
    QCOMPARE(parsed.value("temperature", -1.0), 0.0);
    QCOMPARE(parsed.value("top_p", -1.0), 0.9);
}

void AnthropicProviderTest::thinkingBudget()
{
    TurnRequest request = sampleRequest();
    request.thinkingBudgetTokens = 5000;
    request.temperature = 0.7;
    request.topP = 0.5;
    json parsed = body(request);
    QVERIFY(parsed.contains("thinking"));
    QCOMPARE(str(parsed["thinking"]["type"]), QStringLiteral("enabled"));
    QCOMPARE(parsed["thinking"].value("budget_tokens", -1), 5000);
    // Anthropic rejects temperature (and a low top_p) together with thinking.
    QVERIFY(!parsed.contains("temperature"));
    QVERIFY(!parsed.contains("top_p"));

    // Below the API's minimum: clamped up.
    request.thinkingBudgetTokens = 100;
    QCOMPARE(body(request)["thinking"].value("budget_tokens", -1), 1024);

    // An absurd budget cannot overflow max_tokens.
    request.thinkingBudgetTokens = std::numeric_limits<int>::max();
    parsed = body(request);
    QVERIFY(parsed.value("max_tokens", -1) > parsed["thinking"].value("budget_tokens", -1));

    // Zero means off, and the sampling parameters come back.
    request.thinkingBudgetTokens = 0;
    parsed = body(request);
    QVERIFY(!parsed.contains("thinking"));
    QCOMPARE(parsed.value("temperature", -1.0), 0.7);
}

void AnthropicProviderTest::thinkingRaisesMaxTokens()
{
    TurnRequest request = sampleRequest();
    request.thinkingBudgetTokens = 16000;
    // Default max_tokens is below the budget: raised to leave room for the answer.
    QCOMPARE(body(request).value("max_tokens", -1), 16000 + 4096);

    // A small budget keeps the default.
    request.thinkingBudgetTokens = 2048;
    QCOMPARE(body(request).value("max_tokens", -1), 8192);

    // A default barely above the budget still leaves room for the answer.
    request.thinkingBudgetTokens = 8000;
    QCOMPARE(body(request).value("max_tokens", -1), 8000 + 4096);

    // An explicit limit above the budget is the user's choice.
    request.maxTokens = 20000;
    request.thinkingBudgetTokens = 16000;
    QCOMPARE(body(request).value("max_tokens", -1), 20000);

    // An explicit limit the API would reject is raised.
    request.maxTokens = 16000;
    QCOMPARE(body(request).value("max_tokens", -1), 16000 + 4096);
}

void AnthropicProviderTest::effortMapsToBudget_data()
{
    QTest::addColumn<QString>("effort");
    QTest::addColumn<int>("budget"); // -1: no thinking
    QTest::newRow("low") << QStringLiteral("low") << 2048;
    QTest::newRow("medium") << QStringLiteral("medium") << 8192;
    QTest::newRow("high") << QStringLiteral("High") << 24576;
    QTest::newRow("minimal") << QStringLiteral("minimal") << 1024;
    QTest::newRow("empty") << QString() << -1;
    QTest::newRow("none") << QStringLiteral("none") << -1;
}

void AnthropicProviderTest::effortMapsToBudget()
{
    QFETCH(QString, effort);
    QFETCH(int, budget);
    TurnRequest request = sampleRequest();
    request.reasoningEffort = effort;
    request.temperature = 1.0;
    const json parsed = body(request);
    if (budget < 0) {
        QVERIFY(!parsed.contains("thinking"));
        QVERIFY(parsed.contains("temperature"));
        return;
    }
    QCOMPARE(parsed["thinking"].value("budget_tokens", -1), budget);
    QVERIFY(parsed.value("max_tokens", -1) > budget);
    QVERIFY(!parsed.contains("temperature"));

    // An explicit budget wins over the effort.
    request.thinkingBudgetTokens = 3000;
    QCOMPARE(body(request)["thinking"].value("budget_tokens", -1), 3000);
}

void AnthropicProviderTest::unencodableTextStillGivesJson()
{
    TurnRequest request = sampleRequest();
    request.messages = {{Role::User, QString(QChar(0xD800)) + QStringLiteral("x")}};
    QVERIFY(!body(request).is_discarded());
}

void AnthropicProviderTest::toolsAndToolHistory()
{
    const json parsed = body(toolRequest());
    const json expectedTools = json::parse(R"([
        {"name": "weather", "description": "Weather by city",
         "input_schema": {"type": "object", "properties": {"city": {"type": "string"}},
                          "required": ["city"]}},
        {"name": "now", "description": "The time",
         "input_schema": {"type": "object", "properties": {}}}])");
    COMPARE_JSON(parsed.value("tools", json()), expectedTools);
    // Results of one step form one user message; an assistant without text has no text block;
    // is_error only on the failure.
    const json expectedMessages = json::parse(R"([
        {"role": "user", "content": "Weather in Oslo, and the time?"},
        {"role": "assistant", "content": [
            {"type": "tool_use", "id": "c1", "name": "weather", "input": {"city": "Oslo"}},
            {"type": "tool_use", "id": "c2", "name": "now", "input": {}}]},
        {"role": "user", "content": [
            {"type": "tool_result", "tool_use_id": "c1", "content": "sunny"},
            {"type": "tool_result", "tool_use_id": "c2", "content": "clock broken",
             "is_error": true}]},
        {"role": "assistant", "content": "Sunny; no clock."},
        {"role": "user", "content": "Again?"},
        {"role": "assistant", "content": [
            {"type": "text", "text": "Checking."},
            {"type": "tool_use", "id": "c3", "name": "weather", "input": {"city": "Oslo"}}]},
        {"role": "user", "content": [
            {"type": "tool_result", "tool_use_id": "c3", "content": "rain"}]}])");
    COMPARE_JSON(parsed.value("messages", json()), expectedMessages);
    QCOMPARE(str(parsed["system"]), QStringLiteral("You are terse."));
}

void AnthropicProviderTest::userTextAfterToolResultsJoinsThem()
{
    // A reply cut off right after its results, then the user writes: roles must alternate, so
    // the text joins the results' message, after them.
    TurnRequest request = toolRequest();
    request.messages = {
        chat(Role::User, QStringLiteral("Time?")),
        calling(QStringLiteral("  "), {{QStringLiteral("c1"), QStringLiteral("now"), {}}}),
        toolResult(QStringLiteral("c1"), QStringLiteral("now"), QStringLiteral("12:00")),
        chat(Role::User, QStringLiteral("Go on")),
    };
    const json expected = json::parse(R"([
        {"role": "user", "content": "Time?"},
        {"role": "assistant", "content": [
            {"type": "tool_use", "id": "c1", "name": "now", "input": {}}]},
        {"role": "user", "content": [
            {"type": "tool_result", "tool_use_id": "c1", "content": "12:00"},
            {"type": "text", "text": "Go on"}]}])");
    COMPARE_JSON(body(request).value("messages", json()), expected);
}

void AnthropicProviderTest::thinkingPausesInsideTheToolLoop()
{
    // The signed thinking block that must open the calling message is not kept, so the steps
    // after a call go without thinking (and with the sampling parameters it would forbid).
    TurnRequest request = toolRequest();
    request.thinkingBudgetTokens = 4096;
    request.temperature = 0.5;
    json parsed = body(request);
    QVERIFY(!parsed.contains("thinking"));
    QCOMPARE(parsed.value("temperature", -1.0), 0.5);

    // Once the model answered and the user wrote again, thinking is back.
    request.messages.append(chat(Role::Assistant, QStringLiteral("Rain.")));
    request.messages.append(chat(Role::User, QStringLiteral("Thanks")));
    parsed = body(request);
    QVERIFY(parsed.contains("thinking"));
    QVERIFY(!parsed.contains("temperature"));
}

void AnthropicProviderTest::toolHistoryWithoutToolsIsText()
{
    // Anthropic refuses tool blocks in a request that defines no tools.
    TurnRequest request = toolRequest();
    request.tools.clear();
    const json parsed = body(request);
    QVERIFY(!parsed.contains("tools"));
    QCOMPARE(messagesOf(parsed),
             (QList<QPair<QString, QString>>{
                 {QStringLiteral("user"), QStringLiteral("Weather in Oslo, and the time?")},
                 {QStringLiteral("assistant"),
                  QStringLiteral("[Called tool weather with arguments {\"city\":\"Oslo\"}]\n"
                                 "[Called tool now with arguments {}]")},
                 {QStringLiteral("user"),
                  QStringLiteral("[Result of tool weather]\nsunny\n\n[Tool now failed]\nclock "
                                 "broken")},
                 {QStringLiteral("assistant"), QStringLiteral("Sunny; no clock.")},
                 {QStringLiteral("user"), QStringLiteral("Again?")},
                 {QStringLiteral("assistant"),
                  QStringLiteral("Checking.\n\n[Called tool weather with arguments {\"city\": "
                                 "\"Oslo\"}]")},
                 {QStringLiteral("user"), QStringLiteral("[Result of tool weather]\nrain")},
             }));
}

void AnthropicProviderTest::toolIdsAreMadeValid()
{
    // Anthropic takes [A-Za-z0-9_-] ids; a conversation begun elsewhere may have others.
    TurnRequest request = toolRequest();
    request.messages = {
        chat(Role::User, QStringLiteral("Go")),
        calling({}, {{QStringLiteral("fc:1/\u00e9"), QStringLiteral("now"), {}}}),
        toolResult(QStringLiteral("fc:1/\u00e9"), QStringLiteral("now"), QStringLiteral("ok")),
    };
    const json messages = body(request).value("messages", json());
    QCOMPARE(messages.size(), size_t(3));
    QCOMPARE(str(messages[1]["content"][0]["id"]), QStringLiteral("fc_1__"));
    QCOMPARE(str(messages[2]["content"][0]["tool_use_id"]), QStringLiteral("fc_1__"));
}

void AnthropicProviderTest::modelsRequest()
{
    const HttpRequest first = AnthropicProvider().buildModelsRequest(config(), {});
    QCOMPARE(first.method, QByteArray("GET"));
    QCOMPARE(first.url, QStringLiteral("https://api.anthropic.com/v1/models?limit=1000"));
    QCOMPARE(headerValues(first, "x-api-key"), QList<QByteArray>{testKey.toUtf8()});
    QCOMPARE(headerValues(first, "anthropic-version"), QList<QByteArray>{"2023-06-01"});
    QVERIFY(first.body.isEmpty());

    ProviderConfig withV1 = config();
    withV1.baseUrl = QStringLiteral("https://api.anthropic.com/v1/");
    const HttpRequest next =
        AnthropicProvider().buildModelsRequest(withV1, QStringLiteral("claude-3-5 sonnet&x"));
    QCOMPARE(next.url, QStringLiteral("https://api.anthropic.com/v1/models?limit=1000"
                                      "&after_id=claude-3-5%20sonnet%26x"));
}

void AnthropicProviderTest::modelPages()
{
    const QByteArray firstPage = R"({
  "data": [
    {"type": "model", "id": "claude-sonnet-4-5-20250929", "display_name": "Claude Sonnet 4.5",
     "created_at": "2025-09-29T00:00:00Z"},
    {"type": "model", "id": "claude-opus-4-1-20250805", "display_name": "Claude Opus 4.1",
     "created_at": "2025-08-05T00:00:00Z"}
  ],
  "has_more": true,
  "first_id": "claude-sonnet-4-5-20250929",
  "last_id": "claude-opus-4-1-20250805"
})";
    const ModelPage page = AnthropicProvider().parseModels(firstPage);
    QVERIFY(!page.error);
    QCOMPARE(page.models.size(), 2);
    QCOMPARE(page.models[0].id, QStringLiteral("claude-sonnet-4-5-20250929"));
    QCOMPARE(page.models[0].displayName, QStringLiteral("Claude Sonnet 4.5"));
    QCOMPARE(page.models[1].id, QStringLiteral("claude-opus-4-1-20250805"));
    QCOMPARE(page.nextPageToken, QStringLiteral("claude-opus-4-1-20250805"));

    const QByteArray lastPage = R"({"data":[{"type":"model","id":"claude-3-haiku-20240307",)"
                                R"("display_name":"Claude Haiku 3"}],)"
                                R"("has_more":false,"first_id":"claude-3-haiku-20240307",)"
                                R"("last_id":"claude-3-haiku-20240307"})";
    const ModelPage last = AnthropicProvider().parseModels(lastPage);
    QVERIFY(!last.error);
    QCOMPARE(last.models.size(), 1);
    QVERIFY(last.nextPageToken.isEmpty());

    // A proxy that drops last_id: the last listed id is the cursor.
    const ModelPage noCursor = AnthropicProvider().parseModels(
        R"({"data":[{"id":"a"},{"id":"b","display_name":null}],"has_more":true})");
    QCOMPARE(noCursor.models.size(), 2);
    QVERIFY(noCursor.models[1].displayName.isEmpty());
    QCOMPARE(noCursor.nextPageToken, QStringLiteral("b"));

    // Junk entries are skipped, the rest is kept.
    const ModelPage junk = AnthropicProvider().parseModels(
        R"({"data":[null,5,{"id":7},{"id":""},{"type":"model","id":"ok"},)"
        R"({"type":"other","id":"not-a-model"}],"has_more":"yes"})");
    QVERIFY(!junk.error);
    QCOMPARE(junk.models.size(), 1);
    QCOMPARE(junk.models[0].id, QStringLiteral("ok"));
    QVERIFY(junk.nextPageToken.isEmpty());

    // An empty list is a valid, final page.
    const ModelPage empty = AnthropicProvider().parseModels(R"({"data":[],"has_more":false})");
    QVERIFY(!empty.error);
    QVERIFY(empty.models.isEmpty());
}

void AnthropicProviderTest::malformedModelLists_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("truncated") << QByteArray(R"({"data":[{"id":"claude)");
    QTest::newRow("array") << QByteArray(R"([{"id":"claude"}])");
    QTest::newRow("no data") << QByteArray(R"({"models":[]})");
    QTest::newRow("data not a list") << QByteArray(R"({"data":{"id":"x"}})");
    QTest::newRow("html") << QByteArray("<html><body>Bad gateway</body></html>");
}

void AnthropicProviderTest::malformedModelLists()
{
    QFETCH(QByteArray, body);
    const ModelPage page = AnthropicProvider().parseModels(body);
    QVERIFY(page.error.has_value());
    QCOMPARE(page.error->kind, ErrorKind::Protocol);
    QVERIFY(!page.error->message.isEmpty());
    QVERIFY(page.models.isEmpty());
    QVERIFY(page.nextPageToken.isEmpty());
}

void AnthropicProviderTest::errorMapping()
{
    const TurnError auth =
        mapError(401, anthropicError("authentication_error", "invalid x-api-key"));
    QCOMPARE(auth.kind, ErrorKind::Auth);
    QCOMPARE(auth.httpStatus, 401);
    QVERIFY(!auth.retryable);
    QVERIFY2(auth.message.contains(QStringLiteral("invalid x-api-key")), qPrintable(auth.message));
    QVERIFY2(auth.message.contains(QStringLiteral("ANTHROPIC_API_KEY")), qPrintable(auth.message));

    const TurnError limited =
        mapError(429,
                 anthropicError("rate_limit_error",
                                "This request would exceed the rate limit for your organization"),
                 {{"retry-after", "12"}});
    QCOMPARE(limited.kind, ErrorKind::RateLimit);
    QVERIFY(limited.retryable);
    QCOMPARE(limited.retryAfterMs, 12'000);
    QVERIFY2(limited.message.contains(QStringLiteral("would exceed the rate limit")),
             qPrintable(limited.message));

    const TurnError overloaded = mapError(529, anthropicError("overloaded_error", "Overloaded"));
    QCOMPARE(overloaded.kind, ErrorKind::ServerError);
    QCOMPARE(overloaded.httpStatus, 529);
    QVERIFY(overloaded.retryable);
    QVERIFY2(overloaded.message.contains(QStringLiteral("Overloaded")),
             qPrintable(overloaded.message));

    const TurnError invalid = mapError(
        400, anthropicError("invalid_request_error",
                            "max_tokens: 100000 > 64000, which is the maximum allowed number of "
                            "output tokens for claude-sonnet-4-5"));
    QCOMPARE(invalid.kind, ErrorKind::InvalidRequest);
    QVERIFY(!invalid.retryable);
    QVERIFY2(invalid.message.contains(QStringLiteral("max_tokens: 100000 > 64000")),
             qPrintable(invalid.message));

    const TurnError notFound = mapError(404, anthropicError("not_found_error", "model: claude-9"));
    QCOMPARE(notFound.kind, ErrorKind::InvalidRequest);
    QVERIFY2(notFound.message.contains(QStringLiteral("model: claude-9")),
             qPrintable(notFound.message));
}

void AnthropicProviderTest::apiKeyNeverInMessage()
{
    const QByteArray key = testKey.toUtf8();
    const QList<QByteArray> bodies{
        anthropicError("authentication_error", "invalid x-api-key " + key),
        "Unauthorized: " + key,
        QByteArray(),
    };
    for (const QByteArray& errorBody : bodies) {
        for (const int status : {400, 401, 403, 404, 413, 429, 500, 529}) {
            const TurnError error = mapError(status, errorBody, {{"retry-after", "3"}});
            QVERIFY2(!error.message.contains(testKey), qPrintable(error.message));
            QVERIFY(!error.message.isEmpty());
            QCOMPARE(error.httpStatus, status);
        }
    }
}

QTEST_GUILESS_MAIN(AnthropicProviderTest)
#include "AnthropicProviderTest.moc"
