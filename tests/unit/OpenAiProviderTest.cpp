// OpenAiProvider: the Chat Completions request, and HTTP errors turned into human messages.
#include "providers/OpenAiProvider.h"

#include "ToolRequestFixture.h"
#include "providers/OpenAiStreamMapper.h"
#include "providers/ProviderErrors.h"
#include "tests/support/RequestInspection.h"

#include <QDateTime>
#include <QLocale>
#include <QTest>

#include <nlohmann/json.hpp>

using namespace keel::core;
using namespace keel::test;
using nlohmann::json;

namespace {

const QString testKey = QStringLiteral("sk-test-4f8a2b9c1d7e6f5a3b2c1d0e9f8a7b6c");

TurnRequest sampleRequest()
{
    TurnRequest request;
    request.turnId = QStringLiteral("t1");
    request.provider.kind = QStringLiteral("openai");
    request.provider.baseUrl = QStringLiteral("https://api.openai.com/v1");
    request.provider.apiKey = testKey;
    request.provider.apiKeySource = QStringLiteral("OPENAI_API_KEY");
    request.model = QStringLiteral("gpt-4o-mini");
    request.systemPrompt = QStringLiteral("You are terse.");
    request.messages = {
        {Role::User, QStringLiteral("Hi \"there\"\n\u00e9\U0001F600")},
        {Role::Assistant, QStringLiteral("Hello.")},
        {Role::System, QStringLiteral("Be nice.")},
        {Role::User, QStringLiteral("Again")},
    };
    return request;
}

ProviderConfig config()
{
    ProviderConfig result;
    result.baseUrl = QStringLiteral("https://api.openai.com/v1");
    result.apiKey = testKey;
    result.apiKeySource = QStringLiteral("OPENAI_API_KEY");
    return result;
}

TurnError mapError(int status, const QByteArray& body, HttpHeaders headers = {},
                   const ProviderConfig& providerConfig = config())
{
    return OpenAiProvider().mapHttpError(responseHead(status, std::move(headers)), body,
                                         providerConfig);
}

TurnRequest toolRequest()
{
    return withToolConversation(sampleRequest());
}

const QByteArray htmlPage =
    "<html>\r\n<head><title>500 Internal Server Error</title></head>\r\n<body>\r\n<center><h1>500 "
    "Internal Server Error</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

} // namespace

class OpenAiProviderTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void requestUrlAndHeaders();
    void requestBody();
    void nonStreamingRequest();
    void optionalParameters();
    void noKeyNoAuthorization();
    void trailingSlashBaseUrl_data();
    void trailingSlashBaseUrl();
    void extraHeadersOverride();
    void providerFactory();
    void toolsAndToolHistory();
    void noToolsNoToolsField();
    void unansweredCallsAndStrayResults();
    void toolHistoryWithoutToolsIsText();

    void statusKinds();
    void proxyAuthenticationRequired();
    void authError();
    void authErrorWithoutBody();
    void unknownModel();
    void rateLimited();
    void rateLimitedHttpDate();
    void quotaExhaustedIsNotRetried();
    void serverErrorHtml();
    void nonJsonTextBody();
    void messageShapes_data();
    void messageShapes();
    void apiKeyNeverInMessage_data();
    void apiKeyNeverInMessage();
};

void OpenAiProviderTest::requestUrlAndHeaders()
{
    TurnRequest request = sampleRequest();
    request.connectTimeoutMs = 1234;
    request.idleTimeoutMs = 5678;
    const HttpRequest http = OpenAiProvider().buildRequest(request);

    QCOMPARE(http.method, QByteArray("POST"));
    QCOMPARE(http.url, QStringLiteral("https://api.openai.com/v1/chat/completions"));
    QCOMPARE(headerValues(http, "Content-Type"), QList<QByteArray>{"application/json"});
    QCOMPARE(headerValues(http, "Accept"), QList<QByteArray>{"text/event-stream"});
    QCOMPARE(headerValues(http, "Authorization"), QList<QByteArray>{"Bearer " + testKey.toUtf8()});
    QCOMPARE(http.connectTimeoutMs, 1234);
    QCOMPARE(http.idleTimeoutMs, 5678);
}

void OpenAiProviderTest::requestBody()
{
    const TurnRequest request = sampleRequest();
    const json body = parseBody(OpenAiProvider().buildRequest(request));
    QVERIFY(body.is_object());

    QCOMPARE(body.value("model", ""), std::string("gpt-4o-mini"));
    QCOMPARE(body.value("stream", false), true);
    QVERIFY(body.contains("stream_options"));
    QCOMPARE(body["stream_options"].value("include_usage", false), true);

    const json& messages = body["messages"];
    QVERIFY(messages.is_array());
    QCOMPARE(messages.size(), std::size_t(5));
    const std::vector<std::pair<std::string, QString>> expected{
        {"system", QStringLiteral("You are terse.")},
        {"user", request.messages[0].content},
        {"assistant", QStringLiteral("Hello.")},
        {"system", QStringLiteral("Be nice.")},
        {"user", QStringLiteral("Again")},
    };
    for (std::size_t i = 0; i < expected.size(); ++i) {
        QCOMPARE(messages[i].value("role", ""), expected[i].first);
        QCOMPARE(QString::fromStdString(messages[i].value("content", "")), expected[i].second);
    }

    // No system message at all when the prompt is empty.
    TurnRequest noSystem = request;
    noSystem.systemPrompt.clear();
    const json plain = parseBody(OpenAiProvider().buildRequest(noSystem));
    QCOMPARE(plain["messages"].size(), std::size_t(4));
    QCOMPARE(plain["messages"][0].value("role", ""), std::string("user"));

    // A lone surrogate cannot be encoded; the body must still be valid JSON.
    TurnRequest broken = request;
    broken.messages = {{Role::User, QString(QChar(0xD800)) + QStringLiteral("x")}};
    QVERIFY(!parseBody(OpenAiProvider().buildRequest(broken)).is_discarded());
}

void OpenAiProviderTest::nonStreamingRequest()
{
    TurnRequest request = sampleRequest();
    request.stream = false;
    request.provider.sendStreamOptions = true; // refused without streaming, so never sent
    const HttpRequest http = OpenAiProvider().buildRequest(request);
    QCOMPARE(headerValues(http, "Accept"), QList<QByteArray>{"application/json"});
    const json body = parseBody(http);
    QVERIFY(body.contains("stream"));
    QCOMPARE(body.value("stream", true), false);
    QVERIFY(!body.contains("stream_options"));
}

void OpenAiProviderTest::optionalParameters()
{
    TurnRequest request = sampleRequest();
    json body = parseBody(OpenAiProvider().buildRequest(request));
    QVERIFY(!body.contains("temperature"));
    QVERIFY(!body.contains("max_tokens"));
    QVERIFY(!body.contains("max_completion_tokens"));

    request.temperature = 0.25;
    request.maxTokens = 512;
    body = parseBody(OpenAiProvider().buildRequest(request));
    QVERIFY(body.contains("temperature"));
    QCOMPARE(body.value("temperature", -1.0), 0.25);
    QCOMPARE(body.value("max_tokens", -1), 512);

    // Zero is a real setting, not "unset".
    request.temperature = 0.0;
    body = parseBody(OpenAiProvider().buildRequest(request));
    QCOMPARE(body.value("temperature", -1.0), 0.0);
}

void OpenAiProviderTest::noKeyNoAuthorization()
{
    TurnRequest request = sampleRequest();
    request.provider.apiKey.clear();
    request.provider.baseUrl = QStringLiteral("http://localhost:1234/v1");
    const HttpRequest http = OpenAiProvider().buildRequest(request);
    QVERIFY(headerValues(http, "Authorization").isEmpty());
    QCOMPARE(http.url, QStringLiteral("http://localhost:1234/v1/chat/completions"));
}

void OpenAiProviderTest::trailingSlashBaseUrl_data()
{
    QTest::addColumn<QString>("baseUrl");
    QTest::addColumn<QString>("url");
    QTest::newRow("slash") << QStringLiteral("https://api.openai.com/v1/")
                           << QStringLiteral("https://api.openai.com/v1/chat/completions");
    QTest::newRow("none") << QStringLiteral("https://openrouter.ai/api/v1")
                          << QStringLiteral("https://openrouter.ai/api/v1/chat/completions");
    QTest::newRow("two slashes") << QStringLiteral("http://localhost:11434/v1//")
                                 << QStringLiteral("http://localhost:11434/v1/chat/completions");
}

void OpenAiProviderTest::trailingSlashBaseUrl()
{
    QFETCH(QString, baseUrl);
    QFETCH(QString, url);
    TurnRequest request = sampleRequest();
    request.provider.baseUrl = baseUrl;
    QCOMPARE(OpenAiProvider().buildRequest(request).url, url);
}

void OpenAiProviderTest::extraHeadersOverride()
{
    TurnRequest request = sampleRequest();
    request.provider.extraHeaders = {
        {"HTTP-Referer", "https://keel.example"},
        {"X-Title", "Keel"},
        {"authorization", "Token abc"},
    };
    const HttpRequest http = OpenAiProvider().buildRequest(request);
    QCOMPARE(headerValues(http, "HTTP-Referer"), QList<QByteArray>{"https://keel.example"});
    QCOMPARE(headerValues(http, "X-Title"), QList<QByteArray>{"Keel"});
    QCOMPARE(headerValues(http, "Authorization"), QList<QByteArray>{"Token abc"});
}

void OpenAiProviderTest::providerFactory()
{
    const auto provider = createProvider(QStringLiteral("openai"));
    QVERIFY(provider);
    QVERIFY(dynamic_cast<OpenAiProvider*>(provider.get()));
    QVERIFY(!createProvider(QStringLiteral("no-such-kind")));
    const auto mapper = provider->createMapper(true);
    QVERIFY(dynamic_cast<OpenAiStreamMapper*>(mapper.get()));
}

void OpenAiProviderTest::statusKinds()
{
    QCOMPARE(errorKindForStatus(401), ErrorKind::Auth);
    QCOMPARE(errorKindForStatus(403), ErrorKind::Auth);
    QCOMPARE(errorKindForStatus(429), ErrorKind::RateLimit);
    QCOMPARE(errorKindForStatus(408), ErrorKind::ServerError);
    QCOMPARE(errorKindForStatus(500), ErrorKind::ServerError);
    QCOMPARE(errorKindForStatus(503), ErrorKind::ServerError);
    QCOMPARE(errorKindForStatus(529), ErrorKind::ServerError);
    QCOMPARE(errorKindForStatus(400), ErrorKind::InvalidRequest);
    QCOMPARE(errorKindForStatus(404), ErrorKind::InvalidRequest);
    QCOMPARE(errorKindForStatus(413), ErrorKind::InvalidRequest);
    QCOMPARE(errorKindForStatus(422), ErrorKind::InvalidRequest);

    for (const int status : {408, 429, 500, 502, 503, 504, 529})
        QVERIFY2(mapError(status, {}).retryable, qPrintable(QString::number(status)));
    for (const int status : {400, 401, 403, 404, 413, 422, 501})
        QVERIFY2(!mapError(status, {}).retryable, qPrintable(QString::number(status)));
}

void OpenAiProviderTest::proxyAuthenticationRequired()
{
    // Only a proxy says 407: the message must point at the proxy, not at the API key.
    const TurnError error = mapError(407, "Proxy Authentication Required");
    QCOMPARE(error.kind, ErrorKind::Auth);
    QCOMPARE(error.httpStatus, 407);
    QVERIFY(!error.retryable);
    QVERIFY2(error.message.contains(QLatin1String("proxy")), qPrintable(error.message));
    QVERIFY(!error.message.contains(QLatin1String("OPENAI_API_KEY")));
}

void OpenAiProviderTest::authError()
{
    const QByteArray body =
        R"({
    "error": {
        "message": "Incorrect API key provided: sk-test-****************************7b6c. )"
        R"(You can find your API key at https://platform.openai.com/account/api-keys.",
        "type": "invalid_request_error",
        "param": null,
        "code": "invalid_api_key"
    }
}
)";
    const TurnError error = mapError(401, body);
    QCOMPARE(error.kind, ErrorKind::Auth);
    QCOMPARE(error.httpStatus, 401);
    QVERIFY(!error.retryable);
    QVERIFY2(error.message.startsWith(QStringLiteral("Authentication failed: ")),
             qPrintable(error.message));
    QVERIFY2(error.message.contains(QStringLiteral("Incorrect API key provided")),
             qPrintable(error.message));
    QVERIFY2(error.message.contains(QStringLiteral("OPENAI_API_KEY")), qPrintable(error.message));
    QVERIFY2(!error.message.contains(QStringLiteral("..")), qPrintable(error.message));
    QVERIFY(!error.message.contains(u'\n'));

    // Without a named source the setting is pointed at instead.
    ProviderConfig unnamed = config();
    unnamed.apiKeySource.clear();
    const TurnError generic = mapError(403, body, {}, unnamed);
    QCOMPARE(generic.kind, ErrorKind::Auth);
    QVERIFY2(generic.message.contains(QStringLiteral("the API key setting")),
             qPrintable(generic.message));
}

void OpenAiProviderTest::authErrorWithoutBody()
{
    const TurnError error = mapError(401, {});
    QVERIFY2(error.message.startsWith(QStringLiteral("Authentication failed (HTTP 401).")),
             qPrintable(error.message));
    QVERIFY2(error.message.contains(QStringLiteral("OPENAI_API_KEY")), qPrintable(error.message));
}

void OpenAiProviderTest::unknownModel()
{
    const QByteArray body =
        R"({"error":{"message":"The model `gpt-9-ultra` does not exist )"
        R"(or you do not have access to it.",)"
        R"("type":"invalid_request_error","param":null,"code":"model_not_found"}})";
    const TurnError error = mapError(404, body);
    QCOMPARE(error.kind, ErrorKind::InvalidRequest);
    QCOMPARE(error.httpStatus, 404);
    QVERIFY(!error.retryable);
    QVERIFY2(error.message.startsWith(QStringLiteral("Not found (HTTP 404): ")),
             qPrintable(error.message));
    QVERIFY2(error.message.contains(QStringLiteral(
                 "The model `gpt-9-ultra` does not exist or you do not have access to it.")),
             qPrintable(error.message));

    // A plain-text 404 (Ollama, Go servers) is quoted as it is.
    const TurnError plain = mapError(404, "404 page not found");
    QVERIFY2(plain.message.contains(QStringLiteral("404 page not found")),
             qPrintable(plain.message));

    // An empty 404 usually means a wrong base URL, so the message says where to look.
    const TurnError bare = mapError(404, {});
    QVERIFY2(bare.message.contains(QStringLiteral("https://api.openai.com/v1")),
             qPrintable(bare.message));
}

void OpenAiProviderTest::rateLimited()
{
    const QByteArray body =
        R"({"error":{"message":"Rate limit reached for gpt-4o in organization org-1 )"
        R"(on requests per min (RPM): Limit 3,)"
        R"( Used 3, Requested 1.","type":"requests","param":null,)"
        R"("code":"rate_limit_exceeded"}})";
    const TurnError error = mapError(429, body, {{"retry-after", "20"}});
    QCOMPARE(error.kind, ErrorKind::RateLimit);
    QCOMPARE(error.httpStatus, 429);
    QVERIFY(error.retryable);
    QVERIFY2(error.message.startsWith(QStringLiteral("Rate limited by the provider: Rate limit")),
             qPrintable(error.message));
    QVERIFY2(error.message.endsWith(QStringLiteral(" Retry after 20 s.")),
             qPrintable(error.message));

    const TurnError noHeader = mapError(429, body);
    QVERIFY2(!noHeader.message.contains(QStringLiteral("Retry after")),
             qPrintable(noHeader.message));

    const TurnError noBody = mapError(429, {}, {{"retry-after", "1.5"}});
    QVERIFY2(noBody.message.startsWith(QStringLiteral("Rate limited by the provider")),
             qPrintable(noBody.message));
    QVERIFY2(noBody.message.contains(QStringLiteral("Retry after 2 s.")),
             qPrintable(noBody.message));
}

void OpenAiProviderTest::rateLimitedHttpDate()
{
    const QString date = QLocale::c().toString(QDateTime::currentDateTimeUtc().addSecs(120),
                                               QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"));
    const TurnError error = mapError(429, {}, {{"retry-after", date.toLatin1()}});
    QVERIFY2(error.message.contains(QStringLiteral("Retry after 1")), qPrintable(error.message));

    const TurnError junk = mapError(429, {}, {{"retry-after", "soon"}});
    QVERIFY2(!junk.message.contains(QStringLiteral("Retry after")), qPrintable(junk.message));
}

void OpenAiProviderTest::quotaExhaustedIsNotRetried()
{
    const QByteArray body =
        R"({"error":{"message":"You exceeded your current quota,)"
        R"( please check your plan and billing details.",)"
        R"("type":"insufficient_quota","param":null,"code":"insufficient_quota"}})";
    const TurnError error = mapError(429, body);
    QCOMPARE(error.kind, ErrorKind::RateLimit);
    QVERIFY(!error.retryable);
    QVERIFY(error.message.contains(QStringLiteral("You exceeded your current quota")));
}

void OpenAiProviderTest::serverErrorHtml()
{
    const TurnError error = mapError(500, htmlPage);
    QCOMPARE(error.kind, ErrorKind::ServerError);
    QCOMPARE(error.httpStatus, 500);
    QVERIFY(error.retryable);
    QCOMPARE(error.message, QStringLiteral("The provider had a server error (HTTP 500)."));

    const QByteArray cloudflare =
        "<!DOCTYPE html>\n<!--[if lt IE 7]> <html class=\"no-js\"> <![endif]-->\n<head><title>"
        "api.example.com | 502: Bad gateway</title></head><body>...</body>";
    const TurnError gateway = mapError(502, cloudflare);
    QVERIFY2(!gateway.message.contains(u'<'), qPrintable(gateway.message));
    QCOMPARE(gateway.message, QStringLiteral("The provider had a server error (HTTP 502)."));
    QVERIFY(providerMessageFromBody(htmlPage).isEmpty());
}

void OpenAiProviderTest::nonJsonTextBody()
{
    const QByteArray body = "upstream connect error or disconnect/reset before headers.\n"
                            "reset reason: connection termination";
    const TurnError error = mapError(503, body);
    QCOMPARE(error.kind, ErrorKind::ServerError);
    QVERIFY(error.retryable);
    QCOMPARE(error.message, QStringLiteral("The provider had a server error (HTTP 503): upstream "
                                           "connect error or disconnect/reset before headers. "
                                           "reset reason: connection termination"));

    // Long text is cut, and stays one line.
    const QByteArray longBody = QByteArray("line\n").repeated(200);
    const QString snippet = providerMessageFromBody(longBody);
    QVERIFY(!snippet.isEmpty());
    QVERIFY(snippet.size() <= 301);
    QVERIFY(!snippet.contains(u'\n'));

    // Binary junk is not shown.
    QVERIFY(providerMessageFromBody(QByteArray("\x1f\x8b\x08\x00\x00\x00", 6)).isEmpty());

    const TurnError refused = mapError(400, "Bad Request");
    QCOMPARE(refused.kind, ErrorKind::InvalidRequest);
    QCOMPARE(refused.message, QStringLiteral("The request was refused (HTTP 400): Bad Request"));
}

void OpenAiProviderTest::messageShapes_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("message");
    QTest::newRow("error.message")
        << QByteArray(R"({"error":{"message":"bad thing","type":"invalid_request_error"}})")
        << QStringLiteral("bad thing");
    QTest::newRow("error string") << QByteArray(R"({"error":"model 'llama9' not found"})")
                                  << QStringLiteral("model 'llama9' not found");
    QTest::newRow("message") << QByteArray(R"({"object":"error","message":"Invalid model"})")
                             << QStringLiteral("Invalid model");
    QTest::newRow("detail string")
        << QByteArray(R"({"detail":"Not Found"})") << QStringLiteral("Not Found");
    QTest::newRow("detail list") << QByteArray(
        R"({"detail":[{"loc":["body","messages"],"msg":"field required","type":"missing"}]})")
                                 << QStringLiteral("field required");
    QTest::newRow("gemini array") << QByteArray(
        R"([{"error":{"code":400,"message":"API key not valid.","status":"INVALID_ARGUMENT"}}])")
                                  << QStringLiteral("API key not valid.");
    QTest::newRow("type only") << QByteArray(R"({"error":{"type":"overloaded_error"}})")
                               << QStringLiteral("overloaded_error");
    QTest::newRow("multi-line message")
        << QByteArray(R"({"error":{"message":"first\n\n  second"}})")
        << QStringLiteral("first second");
    QTest::newRow("sse body") << QByteArray(
        "data: {\"error\":{\"message\":\"streamed refusal\"}}\n\n")
                              << QStringLiteral("streamed refusal");
    QTest::newRow("empty") << QByteArray() << QString();
    QTest::newRow("whitespace") << QByteArray(" \n ") << QString();
    QTest::newRow("truncated utf-8 text") << QByteArray("Fehler: ung\xC3\xBCltig \xE2\x82")
                                          << QStringLiteral("Fehler: ung\u00fcltig");
}

void OpenAiProviderTest::messageShapes()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, message);
    QCOMPARE(providerMessageFromBody(body), message);
}

void OpenAiProviderTest::apiKeyNeverInMessage_data()
{
    QTest::addColumn<QByteArray>("body");
    const QByteArray key = testKey.toUtf8();
    QTest::newRow("json echo") << QByteArray(R"({"error":{"message":"Invalid key: )" + key
                                             + R"("}})");
    QTest::newRow("text echo") << QByteArray("Unauthorized: Bearer " + key);
    QTest::newRow("detail echo") << QByteArray(R"({"detail":"key )" + key + R"( revoked"})");
    QTest::newRow("empty") << QByteArray();
}

void OpenAiProviderTest::apiKeyNeverInMessage()
{
    QFETCH(QByteArray, body);
    for (const int status : {400, 401, 403, 404, 408, 413, 422, 429, 500, 503, 529}) {
        const TurnError error = mapError(status, body, {{"retry-after", "3"}});
        QVERIFY2(!error.message.contains(testKey), qPrintable(error.message));
        QVERIFY(!error.message.isEmpty());
        QVERIFY2(!error.message.contains(u'\n'), qPrintable(error.message));
        QCOMPARE(error.httpStatus, status);
    }
}

void OpenAiProviderTest::toolsAndToolHistory()
{
    const json body = parseBody(OpenAiProvider().buildRequest(toolRequest()));
    const json expectedTools = json::parse(R"([
        {"type": "function", "function": {"name": "weather", "description": "Weather by city",
         "parameters": {"type": "object", "properties": {"city": {"type": "string"}},
                        "required": ["city"]}}},
        {"type": "function", "function": {"name": "now", "description": "The time",
         "parameters": {"type": "object", "properties": {}}}}])");
    COMPARE_JSON(body.value("tools", json()), expectedTools);
    const json expectedMessages = json::parse(R"([
        {"role": "system", "content": "You are terse."},
        {"role": "user", "content": "Weather in Oslo, and the time?"},
        {"role": "assistant", "content": null, "tool_calls": [
            {"id": "c1", "type": "function",
             "function": {"name": "weather", "arguments": "{\"city\":\"Oslo\"}"}},
            {"id": "c2", "type": "function", "function": {"name": "now", "arguments": "{}"}}]},
        {"role": "tool", "tool_call_id": "c1", "content": "sunny"},
        {"role": "tool", "tool_call_id": "c2", "content": "Error: clock broken"},
        {"role": "assistant", "content": "Sunny; no clock."},
        {"role": "user", "content": "Again?"},
        {"role": "assistant", "content": "Checking.", "tool_calls": [
            {"id": "c3", "type": "function",
             "function": {"name": "weather", "arguments": "{\"city\": \"Oslo\"}"}}]},
        {"role": "tool", "tool_call_id": "c3", "content": "rain"}])");
    COMPARE_JSON(body.value("messages", json()), expectedMessages);
}

void OpenAiProviderTest::noToolsNoToolsField()
{
    const json body = parseBody(OpenAiProvider().buildRequest(sampleRequest()));
    QVERIFY(!body.contains("tools"));
    for (const json& message : body["messages"])
        QVERIFY(!message.contains("tool_calls"));
}

void OpenAiProviderTest::unansweredCallsAndStrayResults()
{
    // The API refuses calls without results and results without calls; a stored history can
    // have both (a turn that ended mid-call, a damaged record). Calls without ids get some.
    TurnRequest request = toolRequest();
    request.messages = {
        chat(Role::User, QStringLiteral("Go")),
        calling({}, {{QStringLiteral("a"), QStringLiteral("now"), QStringLiteral("{}")},
                     {QStringLiteral("b"), QStringLiteral("now"), QStringLiteral("{}")},
                     {QString(), QStringLiteral("now"), QStringLiteral("{}")}}),
        toolResult(QStringLiteral("zz"), QStringLiteral("now"), QStringLiteral("stray")),
        toolResult(QStringLiteral("b"), QStringLiteral("now"), QStringLiteral("for b")),
        toolResult(QString(), QString(), QStringLiteral("for the third")),
        chat(Role::User, QStringLiteral("Well?")),
    };
    const json body = parseBody(OpenAiProvider().buildRequest(request));
    const json expected = json::parse(R"([
        {"role": "system", "content": "You are terse."},
        {"role": "user", "content": "Go"},
        {"role": "assistant", "content": null, "tool_calls": [
            {"id": "a", "type": "function", "function": {"name": "now", "arguments": "{}"}},
            {"id": "b", "type": "function", "function": {"name": "now", "arguments": "{}"}},
            {"id": "call_m1_3", "type": "function",
             "function": {"name": "now", "arguments": "{}"}}]},
        {"role": "tool", "tool_call_id": "a",
         "content": "Error: No result was recorded for this call."},
        {"role": "tool", "tool_call_id": "b", "content": "for b"},
        {"role": "tool", "tool_call_id": "call_m1_3", "content": "for the third"},
        {"role": "user", "content": "[Result of tool now]\nstray"},
        {"role": "user", "content": "Well?"}])");
    COMPARE_JSON(body.value("messages", json()), expected);
}

void OpenAiProviderTest::toolHistoryWithoutToolsIsText()
{
    // Tools switched off since: the calls and results stay in the conversation as words.
    TurnRequest request = toolRequest();
    request.tools.clear();
    const json body = parseBody(OpenAiProvider().buildRequest(request));
    QVERIFY(!body.contains("tools"));
    const json& messages = body["messages"];
    QCOMPARE(messages.size(), size_t(9));
    QCOMPARE(messages[2].value("role", ""), std::string("assistant"));
    QCOMPARE(messages[2].value("content", ""),
             std::string("[Called tool weather with arguments {\"city\":\"Oslo\"}]\n"
                         "[Called tool now with arguments {}]"));
    QCOMPARE(messages[4].value("role", ""), std::string("user"));
    QCOMPARE(messages[4].value("content", ""), std::string("[Tool now failed]\nclock broken"));
    QCOMPARE(messages[7].value("content", ""),
             std::string("Checking.\n\n[Called tool weather with arguments {\"city\": \"Oslo\"}]"));
}

QTEST_GUILESS_MAIN(OpenAiProviderTest)
#include "OpenAiProviderTest.moc"
