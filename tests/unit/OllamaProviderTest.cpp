// OllamaProvider: OLLAMA_HOST, the /api/chat request, the /api/tags model list and Ollama's
// error bodies turned into human messages.
#include "providers/OllamaProvider.h"

#include "ToolRequestFixture.h"
#include "providers/OllamaStreamMapper.h"
#include "tests/support/RequestInspection.h"

#include <QTest>

#include <nlohmann/json.hpp>

using namespace keel::core;
using namespace keel::test;
using nlohmann::json;

namespace {

TurnRequest sampleRequest()
{
    TurnRequest request;
    request.turnId = QStringLiteral("t1");
    request.provider.kind = QStringLiteral("ollama");
    request.provider.baseUrl = QStringLiteral("http://127.0.0.1:11434");
    request.model = QStringLiteral("qwen3:0.6b");
    request.systemPrompt = QStringLiteral("You are terse.");
    request.messages = {
        {Role::User, QStringLiteral("Hi \"there\"\n\u00e9\U0001F600")},
        {Role::Assistant, QStringLiteral("Hello.")},
        {Role::User, QStringLiteral("Again")},
    };
    return request;
}

TurnError mapError(int status, const QByteArray& body, const ProviderConfig& config = {})
{
    HttpResponseHead head;
    head.status = status;
    return OllamaProvider().mapHttpError(head, body, config);
}

// Restores OLLAMA_HOST as it was, whatever the test did to it.
class OllamaHostGuard {
public:
    OllamaHostGuard()
        : m_wasSet(qEnvironmentVariableIsSet("OLLAMA_HOST"))
        , m_value(qgetenv("OLLAMA_HOST"))
    {
    }
    ~OllamaHostGuard()
    {
        if (m_wasSet)
            qputenv("OLLAMA_HOST", m_value);
        else
            qunsetenv("OLLAMA_HOST");
    }

private:
    bool m_wasSet;
    QByteArray m_value;
};

TurnRequest toolRequest()
{
    return withToolConversation(sampleRequest());
}

} // namespace

class OllamaProviderTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void defaultBaseUrl_data();
    void defaultBaseUrl();
    void emptyBaseUrlUsesTheDefault();
    void requestBody();
    void requestOptions();
    void nonStreamingRequest();
    void thinkSwitch_data();
    void thinkSwitch();
    void headers();
    void trailingSlashBaseUrl();
    void mapper();
    void toolsAndToolHistory();
    void noToolsNoToolsField();
    void parseModels();
    void parseModelsRejectsOtherBodies_data();
    void parseModelsRejectsOtherBodies();
    void modelNotFound();
    void bareNotFoundNamesTheDefaultUrl();
    void otherErrors();
};

void OllamaProviderTest::defaultBaseUrl_data()
{
    QTest::addColumn<QByteArray>("value"); // "<unset>": not in the environment
    QTest::addColumn<QString>("url");
    QTest::newRow("unset") << QByteArray("<unset>") << QStringLiteral("http://localhost:11434");
    QTest::newRow("empty") << QByteArray("") << QStringLiteral("http://localhost:11434");
    QTest::newRow("host:port") << QByteArray("gpu-box:11500")
                               << QStringLiteral("http://gpu-box:11500");
    QTest::newRow("bind all") << QByteArray("0.0.0.0:11434")
                              << QStringLiteral("http://127.0.0.1:11434");
    QTest::newRow("bind all, no port")
        << QByteArray("0.0.0.0") << QStringLiteral("http://127.0.0.1:11434");
    QTest::newRow("bind all, scheme")
        << QByteArray("http://0.0.0.0:8080/") << QStringLiteral("http://127.0.0.1:8080");
    QTest::newRow("port only") << QByteArray(":11435") << QStringLiteral("http://127.0.0.1:11435");
    QTest::newRow("host only") << QByteArray("gpu-box") << QStringLiteral("http://gpu-box:11434");
    QTest::newRow("ip only") << QByteArray("192.168.1.20")
                             << QStringLiteral("http://192.168.1.20:11434");
    QTest::newRow("scheme host port")
        << QByteArray("http://gpu-box:11434") << QStringLiteral("http://gpu-box:11434");
    QTest::newRow("trailing slashes")
        << QByteArray("http://gpu-box:11434//") << QStringLiteral("http://gpu-box:11434");
    // With a scheme and no port, the scheme's own port applies, as in the ollama CLI: this
    // is how an Ollama behind an HTTPS reverse proxy is named.
    QTest::newRow("https proxy") << QByteArray("https://ollama.example.com")
                                 << QStringLiteral("https://ollama.example.com");
    QTest::newRow("proxy path") << QByteArray("https://gw.example.com/ollama/")
                                << QStringLiteral("https://gw.example.com/ollama");
    QTest::newRow("ipv6 bracketed")
        << QByteArray("[::1]:11434") << QStringLiteral("http://[::1]:11434");
    QTest::newRow("ipv6 bare") << QByteArray("::1") << QStringLiteral("http://[::1]:11434");
    QTest::newRow("ipv6 any") << QByteArray("[::]:11434") << QStringLiteral("http://[::1]:11434");
    QTest::newRow("spaces and quotes")
        << QByteArray("  \"127.0.0.1:9000\" ") << QStringLiteral("http://127.0.0.1:9000");
}

void OllamaProviderTest::defaultBaseUrl()
{
    QFETCH(QByteArray, value);
    QFETCH(QString, url);
    OllamaHostGuard guard;
    if (value == "<unset>")
        qunsetenv("OLLAMA_HOST");
    else
        qputenv("OLLAMA_HOST", value);
    QCOMPARE(OllamaProvider().defaultBaseUrl(), url);
}

void OllamaProviderTest::emptyBaseUrlUsesTheDefault()
{
    OllamaHostGuard guard;
    qputenv("OLLAMA_HOST", "127.0.0.1:12345");
    TurnRequest request = sampleRequest();
    request.provider.baseUrl.clear();
    QCOMPARE(OllamaProvider().buildRequest(request).url,
             QStringLiteral("http://127.0.0.1:12345/api/chat"));
    QCOMPARE(OllamaProvider().buildModelsRequest(request.provider, {}).url,
             QStringLiteral("http://127.0.0.1:12345/api/tags"));
}

void OllamaProviderTest::requestBody()
{
    const HttpRequest http = OllamaProvider().buildRequest(sampleRequest());
    QCOMPARE(http.method, QByteArray("POST"));
    QCOMPARE(http.url, QStringLiteral("http://127.0.0.1:11434/api/chat"));
    QCOMPARE(headerValues(http, "content-type"), QList<QByteArray>{"application/json"});
    QVERIFY(headerValues(http, "authorization").isEmpty()); // no key, no header

    const json body = parseBody(http);
    QVERIFY(body.is_object());
    const json expected = json::parse(R"({
        "model": "qwen3:0.6b",
        "messages": [
            {"role": "system", "content": "You are terse."},
            {"role": "user", "content": "Hi \"there\"\n\u00e9\ud83d\ude00"},
            {"role": "assistant", "content": "Hello."},
            {"role": "user", "content": "Again"}
        ],
        "stream": true
    })");
    QVERIFY2(body == expected, body.dump().c_str());
    // The model comes first, for readable diagnostics.
    QVERIFY(http.body.startsWith("{\"model\":"));
}

void OllamaProviderTest::nonStreamingRequest()
{
    TurnRequest request = sampleRequest();
    request.stream = false;
    const HttpRequest http = OllamaProvider().buildRequest(request);
    QCOMPARE(headerValues(http, "accept"), QList<QByteArray>{"application/json"});
    const json body = parseBody(http);
    QVERIFY(body.contains("stream"));
    QCOMPARE(body.value("stream", true), false);
}

void OllamaProviderTest::requestOptions()
{
    TurnRequest request = sampleRequest();
    request.systemPrompt.clear();
    request.temperature = 0.25;
    request.topP = 0.9;
    request.maxTokens = 256;
    const json body = parseBody(OllamaProvider().buildRequest(request));
    QCOMPARE(body["messages"].size(), std::size_t(3));
    QVERIFY(body["messages"][0]["role"] == "user");
    QVERIFY2(body["options"]
                 == json::parse(R"({"temperature":0.25,"top_p":0.9,)"
                                R"("num_predict":256})"),
             body.dump().c_str());
    QVERIFY(!body.contains("think"));
    QVERIFY(!body.contains("temperature")); // Ollama reads these from options only

    request.temperature.reset();
    request.topP.reset();
    const json onlyMax = parseBody(OllamaProvider().buildRequest(request));
    QVERIFY2(onlyMax["options"] == json::parse(R"({"num_predict":256})"), onlyMax.dump().c_str());
}

void OllamaProviderTest::thinkSwitch_data()
{
    QTest::addColumn<QString>("effort");
    QTest::addColumn<int>("budget");    // -1: unset
    QTest::addColumn<QString>("think"); // "absent", "true" or "false"
    QTest::newRow("nothing") << QString() << -1 << QStringLiteral("absent");
    QTest::newRow("low") << QStringLiteral("low") << -1 << QStringLiteral("true");
    QTest::newRow("high") << QStringLiteral("high") << -1 << QStringLiteral("true");
    QTest::newRow("budget") << QString() << 2048 << QStringLiteral("true");
    QTest::newRow("none") << QStringLiteral("none") << -1 << QStringLiteral("false");
    QTest::newRow("zero budget") << QString() << 0 << QStringLiteral("false");
    QTest::newRow("effort wins") << QStringLiteral("medium") << 0 << QStringLiteral("true");
}

void OllamaProviderTest::thinkSwitch()
{
    QFETCH(QString, effort);
    QFETCH(int, budget);
    QFETCH(QString, think);
    TurnRequest request = sampleRequest();
    request.reasoningEffort = effort;
    if (budget >= 0)
        request.thinkingBudgetTokens = budget;
    const json body = parseBody(OllamaProvider().buildRequest(request));
    if (think == QLatin1String("absent")) {
        QVERIFY(!body.contains("think"));
    } else {
        QVERIFY(body.contains("think"));
        QVERIFY(body["think"].is_boolean()); // never the effort string
        QCOMPARE(body["think"].get<bool>(), think == QLatin1String("true"));
    }
}

void OllamaProviderTest::headers()
{
    TurnRequest request = sampleRequest();
    request.provider.apiKey = QStringLiteral("proxy-token-123");
    request.provider.extraHeaders = {{"X-Gateway", "g1"}, {"authorization", "Basic abc"}};
    const HttpRequest http = OllamaProvider().buildRequest(request);
    QCOMPARE(headerValues(http, "x-gateway"), QList<QByteArray>{"g1"});
    QCOMPARE(headerValues(http, "Authorization"), QList<QByteArray>{"Basic abc"});

    request.provider.extraHeaders.clear();
    QCOMPARE(headerValues(OllamaProvider().buildRequest(request), "Authorization"),
             QList<QByteArray>{"Bearer proxy-token-123"});

    const HttpRequest models = OllamaProvider().buildModelsRequest(request.provider, {});
    QCOMPARE(models.method, QByteArray("GET"));
    QCOMPARE(models.url, QStringLiteral("http://127.0.0.1:11434/api/tags"));
    QVERIFY(models.body.isEmpty());
    QCOMPARE(headerValues(models, "Authorization"), QList<QByteArray>{"Bearer proxy-token-123"});
}

void OllamaProviderTest::trailingSlashBaseUrl()
{
    TurnRequest request = sampleRequest();
    request.provider.baseUrl = QStringLiteral(" http://gpu-box:11434// ");
    QCOMPARE(OllamaProvider().buildRequest(request).url,
             QStringLiteral("http://gpu-box:11434/api/chat"));
}

void OllamaProviderTest::mapper()
{
    const auto mapper = OllamaProvider().createMapper(true);
    QVERIFY(dynamic_cast<OllamaStreamMapper*>(mapper.get()));
    QVERIFY(!mapper->sawEndOfStream());
}

void OllamaProviderTest::toolsAndToolHistory()
{
    const json body = parseBody(OllamaProvider().buildRequest(toolRequest()));
    const json expectedTools = json::parse(R"([
        {"type": "function", "function": {"name": "weather", "description": "Weather by city",
         "parameters": {"type": "object", "properties": {"city": {"type": "string"}},
                        "required": ["city"]}}},
        {"type": "function", "function": {"name": "now", "description": "The time",
         "parameters": {"type": "object", "properties": {}}}}])");
    COMPARE_JSON(body.value("tools", json()), expectedTools);
    // Ollama takes arguments as objects ({} for text that is none) and names each result's
    // tool; it has no error flag, so a failure says so in its text.
    const json expectedMessages = json::parse(R"([
        {"role": "system", "content": "You are terse."},
        {"role": "user", "content": "Weather in Oslo, and the time?"},
        {"role": "assistant", "content": "", "tool_calls": [
            {"function": {"name": "weather", "arguments": {"city": "Oslo"}}},
            {"function": {"name": "now", "arguments": {}}}]},
        {"role": "tool", "content": "sunny", "tool_name": "weather"},
        {"role": "tool", "content": "Error: clock broken", "tool_name": "now"},
        {"role": "assistant", "content": "Sunny; no clock."},
        {"role": "user", "content": "Again?"},
        {"role": "assistant", "content": "Checking.", "tool_calls": [
            {"function": {"name": "weather", "arguments": {"city": "Oslo"}}}]},
        {"role": "tool", "content": "rain", "tool_name": "weather"}])");
    COMPARE_JSON(body.value("messages", json()), expectedMessages);
}

void OllamaProviderTest::noToolsNoToolsField()
{
    const json body = parseBody(OllamaProvider().buildRequest(sampleRequest()));
    QVERIFY(!body.contains("tools"));
    TurnRequest request = toolRequest();
    request.tools.clear();
    const json flat = parseBody(OllamaProvider().buildRequest(request));
    QVERIFY(!flat.contains("tools"));
    QVERIFY2(flat.dump().find("tool_calls") == std::string::npos, flat.dump().c_str());
    QCOMPARE(flat["messages"][3].value("content", ""),
             std::string("[Result of tool weather]\nsunny"));
}

void OllamaProviderTest::parseModels()
{
    const QByteArray body = R"({"models":[
        {"name":"llama3.2:latest","model":"llama3.2:latest",
         "modified_at":"2025-05-01T10:00:00.000000+02:00","size":2019393189,
         "digest":"a80c4f17acd55265feec403c7aef86be0c25983ab279d83f3bcd3abbcb5b8b72",
         "details":{"parent_model":"","format":"gguf","family":"llama","families":["llama"],
                    "parameter_size":"3.2B","quantization_level":"Q4_K_M"}},
        {"name":"qwen3:0.6b","model":"qwen3:0.6b","details":{}},
        {"model":"only-model-field:1b"},
        {"name":""},
        {"name":5},
        null,
        "junk"
    ]})";
    const ModelPage page = OllamaProvider().parseModels(body);
    QVERIFY(!page.error);
    QVERIFY(page.nextPageToken.isEmpty());
    QStringList ids;
    for (const ModelInfo& model : page.models)
        ids.append(model.id);
    QCOMPARE(ids, (QStringList{QStringLiteral("llama3.2:latest"), QStringLiteral("qwen3:0.6b"),
                               QStringLiteral("only-model-field:1b")}));

    // Nothing pulled yet.
    const ModelPage empty = OllamaProvider().parseModels(R"({"models":[]})");
    QVERIFY(!empty.error);
    QVERIFY(empty.models.isEmpty());
    QVERIFY(!OllamaProvider().parseModels(R"({"models":null})").error);
}

void OllamaProviderTest::parseModelsRejectsOtherBodies_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("html") << QByteArray("<html><body>Ollama is running</body></html>");
    QTest::newRow("truncated") << QByteArray(R"({"models":[{"name":"lla)");
    QTest::newRow("openai shape") << QByteArray(R"({"object":"list","data":[{"id":"x"}]})");
    QTest::newRow("models not a list") << QByteArray(R"({"models":"x"})");
    QTest::newRow("array") << QByteArray("[]");
}

void OllamaProviderTest::parseModelsRejectsOtherBodies()
{
    QFETCH(QByteArray, body);
    const ModelPage page = OllamaProvider().parseModels(body);
    QVERIFY(page.error);
    QCOMPARE(page.error->kind, ErrorKind::Protocol);
    QVERIFY(!page.error->message.isEmpty());
    QVERIFY(page.models.isEmpty());
}

void OllamaProviderTest::modelNotFound()
{
    ProviderConfig config;
    config.kind = QStringLiteral("ollama");
    config.baseUrl = QStringLiteral("http://127.0.0.1:11434");
    const TurnError error =
        mapError(404, R"({"error":"model 'llama9' not found, try pulling it first"})", config);
    QCOMPARE(error.kind, ErrorKind::InvalidRequest);
    QCOMPARE(error.httpStatus, 404);
    QVERIFY(!error.retryable);
    QVERIFY2(error.message.contains(QStringLiteral("model 'llama9' not found, try pulling it "
                                                   "first")),
             qPrintable(error.message));
}

void OllamaProviderTest::bareNotFoundNamesTheDefaultUrl()
{
    OllamaHostGuard guard;
    qunsetenv("OLLAMA_HOST");
    const TurnError error = mapError(404, {});
    QVERIFY2(error.message.contains(QStringLiteral("http://localhost:11434")),
             qPrintable(error.message));
}

void OllamaProviderTest::otherErrors()
{
    // Asking a model without thinking support to think.
    const TurnError noThinking =
        mapError(400, R"({"error":"\"llama3.2:latest\" does not support thinking"})");
    QCOMPARE(noThinking.kind, ErrorKind::InvalidRequest);
    QVERIFY2(noThinking.message.contains(QStringLiteral("does not support thinking")),
             qPrintable(noThinking.message));

    const TurnError server = mapError(500, R"({"error":"llama runner process has terminated"})");
    QCOMPARE(server.kind, ErrorKind::ServerError);
    QVERIFY(server.retryable);
    QVERIFY(server.message.contains(QStringLiteral("llama runner process has terminated")));

    // The proxy token never shows up in a message, even if the proxy echoes it.
    ProviderConfig proxied;
    proxied.apiKey = QStringLiteral("proxy-token-123456");
    const TurnError auth = mapError(401, "invalid token proxy-token-123456", proxied);
    QCOMPARE(auth.kind, ErrorKind::Auth);
    QVERIFY2(!auth.message.contains(proxied.apiKey), qPrintable(auth.message));
}

QTEST_GUILESS_MAIN(OllamaProviderTest)
#include "OllamaProviderTest.moc"
