// GeminiProvider: the streamGenerateContent request, HTTP errors (including Gemini's 400 for a bad
// key) and the paged, filtered model list.
#include "providers/GeminiProvider.h"

#include "ToolRequestFixture.h"
#include "providers/GeminiStreamMapper.h"
#include "providers/ToolWire.h"
#include "tests/support/RequestInspection.h"

#include <QTest>

#include <nlohmann/json.hpp>

using namespace keel::core;
using namespace keel::test;
using nlohmann::json;

namespace {

const QString testKey = QStringLiteral("AIzaSyTest-4f8a2b9c1d7e6f5a3b2c1d0e9f8a7b6");

TurnRequest sampleRequest()
{
    TurnRequest request;
    request.turnId = QStringLiteral("t1");
    request.provider.kind = QStringLiteral("gemini");
    request.provider.baseUrl = QStringLiteral("https://generativelanguage.googleapis.com");
    request.provider.apiKey = testKey;
    request.provider.apiKeySource = QStringLiteral("GEMINI_API_KEY");
    request.model = QStringLiteral("gemini-2.5-flash");
    request.systemPrompt = QStringLiteral("You are terse.");
    request.messages = {
        {Role::User, QStringLiteral("Hi \"there\"\n\u00e9\U0001F600")},
        {Role::Assistant, QStringLiteral("Hello.")},
        {Role::System, QStringLiteral("Be nice.")},
        {Role::User, QStringLiteral("Again")},
        {Role::User, QStringLiteral("And again")},
        {Role::Assistant, QString()}, // a failed reply: nothing to send
        {Role::User, QStringLiteral("Last")},
    };
    return request;
}

ProviderConfig config()
{
    ProviderConfig result;
    result.kind = QStringLiteral("gemini");
    result.baseUrl = QStringLiteral("https://generativelanguage.googleapis.com");
    result.apiKey = testKey;
    result.apiKeySource = QStringLiteral("GEMINI_API_KEY");
    return result;
}

TurnError mapError(int status, const QByteArray& body)
{
    HttpResponseHead head;
    head.status = status;
    return GeminiProvider().mapHttpError(head, body, config());
}

TurnRequest toolRequest()
{
    return withToolConversation(sampleRequest());
}

} // namespace

class GeminiProviderTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void url_data();
    void url();
    void nonStreamingUrl();
    void headers();
    void noKeyNoKeyHeader();
    void extraHeadersOverride();
    void bodyContents();
    void bodyGenerationConfigOnlyIfSet();
    void thinkingConfig_data();
    void thinkingConfig();
    void mapperKind();
    void toolsAndToolHistory();
    void toolHistoryWithoutToolsIsText();
    void schemaReduction_data();
    void schemaReduction();
    void invalidApiKeyIsAuth_data();
    void invalidApiKeyIsAuth();
    void otherErrors();
    void modelsRequest();
    void parseModels();
    void parseModelsRejectsJunk_data();
    void parseModelsRejectsJunk();
};

void GeminiProviderTest::url_data()
{
    QTest::addColumn<QString>("baseUrl");
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("url");
    const QString google = QStringLiteral("https://generativelanguage.googleapis.com");
    const QString path =
        QStringLiteral("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse");
    QTest::newRow("bare host") << google << QStringLiteral("gemini-2.5-flash") << google + path;
    QTest::newRow("slash") << google + u'/' << QStringLiteral("gemini-2.5-flash") << google + path;
    QTest::newRow("v1beta given") << google + QStringLiteral("/v1beta/")
                                  << QStringLiteral("gemini-2.5-flash") << google + path;
    QTest::newRow("v1 given")
        << google + QStringLiteral("/v1") << QStringLiteral("gemini-2.5-flash")
        << google + QStringLiteral("/v1/models/gemini-2.5-flash:streamGenerateContent?alt=sse");
    QTest::newRow("empty base: default")
        << QString() << QStringLiteral("gemini-2.5-flash") << google + path;
    QTest::newRow("models/ prefix")
        << google << QStringLiteral("models/gemini-2.5-flash") << google + path;
    QTest::newRow("escaped") << QStringLiteral("http://127.0.0.1:8080")
                             << QStringLiteral("my model?/x#1")
                             << QStringLiteral(
                                    "http://127.0.0.1:8080/v1beta/models/"
                                    "my%20model%3F%2Fx%231:streamGenerateContent?alt=sse");
    QTest::newRow("tuned") << google << QStringLiteral("tunedModels/my-tune")
                           << google
                                  + QStringLiteral("/v1beta/tunedModels/"
                                                   "my-tune:streamGenerateContent?alt=sse");
}

void GeminiProviderTest::url()
{
    QFETCH(QString, baseUrl);
    QFETCH(QString, model);
    QFETCH(QString, url);
    TurnRequest request = sampleRequest();
    request.provider.baseUrl = baseUrl;
    request.model = model;
    const HttpRequest http = GeminiProvider().buildRequest(request);
    QCOMPARE(http.method, QByteArray("POST"));
    QCOMPARE(http.url, url);
    QVERIFY(!http.url.contains(testKey));
    QVERIFY(!http.url.contains(QStringLiteral("key=")));
}

void GeminiProviderTest::nonStreamingUrl()
{
    TurnRequest request = sampleRequest();
    request.stream = false;
    request.provider.baseUrl = QStringLiteral("https://generativelanguage.googleapis.com");
    request.model = QStringLiteral("gemini-2.5-flash");
    const HttpRequest http = GeminiProvider().buildRequest(request);
    QCOMPARE(http.url, QStringLiteral("https://generativelanguage.googleapis.com/v1beta/models/"
                                      "gemini-2.5-flash:generateContent"));
    QVERIFY(!parseBody(http).contains("stream"));
}

void GeminiProviderTest::headers()
{
    TurnRequest request = sampleRequest();
    request.connectTimeoutMs = 1234;
    request.idleTimeoutMs = 5678;
    const HttpRequest http = GeminiProvider().buildRequest(request);
    QCOMPARE(headerValues(http.headers, "x-goog-api-key"), QList<QByteArray>{testKey.toUtf8()});
    QCOMPARE(headerValues(http.headers, "content-type"), QList<QByteArray>{"application/json"});
    QVERIFY(headerValues(http.headers, "authorization").isEmpty());
    QCOMPARE(http.connectTimeoutMs, 1234);
    QCOMPARE(http.idleTimeoutMs, 5678);
    QVERIFY(!http.body.contains(testKey.toUtf8()));
}

void GeminiProviderTest::noKeyNoKeyHeader()
{
    TurnRequest request = sampleRequest();
    request.provider.apiKey.clear();
    QVERIFY(
        headerValues(GeminiProvider().buildRequest(request).headers, "x-goog-api-key").isEmpty());
    ProviderConfig keyless = config();
    keyless.apiKey.clear();
    QVERIFY(headerValues(GeminiProvider().buildModelsRequest(keyless, {}).headers, "x-goog-api-key")
                .isEmpty());
}

void GeminiProviderTest::extraHeadersOverride()
{
    TurnRequest request = sampleRequest();
    request.provider.extraHeaders = {
        {"X-Goog-Api-Key", "gateway-key"},
        {"X-Title", "Keel"},
    };
    const HttpRequest http = GeminiProvider().buildRequest(request);
    QCOMPARE(headerValues(http.headers, "x-goog-api-key"), QList<QByteArray>{"gateway-key"});
    QCOMPARE(headerValues(http.headers, "X-Title"), QList<QByteArray>{"Keel"});

    ProviderConfig gateway = config();
    gateway.extraHeaders = request.provider.extraHeaders;
    QCOMPARE(
        headerValues(GeminiProvider().buildModelsRequest(gateway, {}).headers, "x-goog-api-key"),
        QList<QByteArray>{"gateway-key"});
}

void GeminiProviderTest::bodyContents()
{
    const json body = parseBody(GeminiProvider().buildRequest(sampleRequest()));
    QVERIFY(body.is_object());
    const json expectedContents = json::parse(R"([
        {"role": "user", "parts": [{"text": "Hi \"there\"\n\u00e9\ud83d\ude00"}]},
        {"role": "model", "parts": [{"text": "Hello."}]},
        {"role": "user", "parts": [{"text": "Again"}, {"text": "And again"}, {"text": "Last"}]}
    ])");
    COMPARE_JSON(body.value("contents", json()), expectedContents);
    const json expectedSystem =
        json::parse(R"({"parts": [{"text": "You are terse."}, {"text": "Be nice."}]})");
    COMPARE_JSON(body.value("systemInstruction", json()), expectedSystem);
    QVERIFY(!body.contains("generationConfig"));
    QVERIFY(!body.contains("model"));

    // No system text at all: no systemInstruction.
    TurnRequest plain = sampleRequest();
    plain.systemPrompt.clear();
    plain.messages = {{Role::User, QStringLiteral("Hi")}};
    const json plainBody = parseBody(GeminiProvider().buildRequest(plain));
    QVERIFY(!plainBody.contains("systemInstruction"));
    COMPARE_JSON(plainBody.value("contents", json()),
                 json::parse(R"([{"role": "user", "parts": [{"text": "Hi"}]}])"));

    // A lone surrogate cannot make the body invalid.
    TurnRequest broken = sampleRequest();
    broken.messages = {{Role::User, QString(QChar(0xD800)) + QStringLiteral("x")}};
    QVERIFY(!parseBody(GeminiProvider().buildRequest(broken)).is_discarded());
}

void GeminiProviderTest::bodyGenerationConfigOnlyIfSet()
{
    TurnRequest request = sampleRequest();
    request.temperature = 0.0; // zero is a real setting, not "unset"
    json body = parseBody(GeminiProvider().buildRequest(request));
    COMPARE_JSON(body.value("generationConfig", json()), json::parse(R"({"temperature": 0.0})"));

    request.temperature = 0.7;
    request.topP = 0.9;
    request.maxTokens = 512;
    body = parseBody(GeminiProvider().buildRequest(request));
    COMPARE_JSON(body.value("generationConfig", json()),
                 json::parse(R"({"temperature": 0.7, "topP": 0.9, "maxOutputTokens": 512})"));
}

void GeminiProviderTest::thinkingConfig_data()
{
    QTest::addColumn<QString>("effort");
    QTest::addColumn<int>("budgetTokens"); // -2: unset
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("none requested") << QString() << -2 << QByteArray("null");
    QTest::newRow("unknown effort") << QStringLiteral("extreme") << -2 << QByteArray("null");
    QTest::newRow("low") << QStringLiteral("low") << -2
                         << QByteArray(R"({"includeThoughts": true, "thinkingBudget": 1024})");
    QTest::newRow("medium") << QStringLiteral("Medium") << -2
                            << QByteArray(R"({"includeThoughts": true, "thinkingBudget": 8192})");
    QTest::newRow("high") << QStringLiteral("high") << -2
                          << QByteArray(R"({"includeThoughts": true, "thinkingBudget": 24576})");
    QTest::newRow("effort none") << QStringLiteral("none") << -2
                                 << QByteArray(R"({"thinkingBudget": 0})");
    QTest::newRow("budget") << QString() << 3000
                            << QByteArray(R"({"includeThoughts": true, "thinkingBudget": 3000})");
    QTest::newRow("budget wins over effort")
        << QStringLiteral("high") << 2048
        << QByteArray(R"({"includeThoughts": true, "thinkingBudget": 2048})");
    QTest::newRow("budget zero: off") << QString() << 0 << QByteArray(R"({"thinkingBudget": 0})");
    QTest::newRow("dynamic") << QString() << -1
                             << QByteArray(R"({"includeThoughts": true, "thinkingBudget": -1})");
}

void GeminiProviderTest::thinkingConfig()
{
    QFETCH(QString, effort);
    QFETCH(int, budgetTokens);
    QFETCH(QByteArray, expected);
    TurnRequest request = sampleRequest();
    request.reasoningEffort = effort;
    if (budgetTokens != -2)
        request.thinkingBudgetTokens = budgetTokens;
    request.maxTokens = 100;
    const json body = parseBody(GeminiProvider().buildRequest(request));
    const json generation = body.value("generationConfig", json());
    QCOMPARE(generation.value("maxOutputTokens", 0), 100);
    COMPARE_JSON(generation.value("thinkingConfig", json()), json::parse(expected.toStdString()));
}

void GeminiProviderTest::mapperKind()
{
    const auto mapper = GeminiProvider().createMapper(true);
    QVERIFY(dynamic_cast<GeminiStreamMapper*>(mapper.get()));
    QCOMPARE(GeminiProvider().defaultBaseUrl(),
             QStringLiteral("https://generativelanguage.googleapis.com"));
}

void GeminiProviderTest::toolsAndToolHistory()
{
    const json body = parseBody(GeminiProvider().buildRequest(toolRequest()));
    // A tool without parameters declares none: Gemini refuses an object without properties.
    const json expectedTools = json::parse(R"([{"functionDeclarations": [
        {"name": "weather", "description": "Weather by city",
         "parameters": {"type": "object", "properties": {"city": {"type": "string"}},
                        "required": ["city"]}},
        {"name": "now", "description": "The time"}]}])");
    COMPARE_JSON(body.value("tools", json()), expectedTools);
    // The first call of each step carries the signature Gemini documents for calls whose own
    // signature was not kept; a step's results travel in one user content.
    const json expectedContents = json::parse(R"([
        {"role": "user", "parts": [{"text": "Weather in Oslo, and the time?"}]},
        {"role": "model", "parts": [
            {"functionCall": {"name": "weather", "args": {"city": "Oslo"}},
             "thoughtSignature": "skip_thought_signature_validator"},
            {"functionCall": {"name": "now", "args": {}}}]},
        {"role": "user", "parts": [
            {"functionResponse": {"name": "weather", "response": {"content": "sunny"}}},
            {"functionResponse": {"name": "now", "response": {"error": "clock broken"}}}]},
        {"role": "model", "parts": [{"text": "Sunny; no clock."}]},
        {"role": "user", "parts": [{"text": "Again?"}]},
        {"role": "model", "parts": [
            {"text": "Checking."},
            {"functionCall": {"name": "weather", "args": {"city": "Oslo"}},
             "thoughtSignature": "skip_thought_signature_validator"}]},
        {"role": "user", "parts": [
            {"functionResponse": {"name": "weather", "response": {"content": "rain"}}}]}])");
    COMPARE_JSON(body.value("contents", json()), expectedContents);
}

void GeminiProviderTest::toolHistoryWithoutToolsIsText()
{
    TurnRequest request = toolRequest();
    request.tools.clear();
    const json body = parseBody(GeminiProvider().buildRequest(request));
    QVERIFY(!body.contains("tools"));
    QVERIFY2(body.dump().find("functionCall") == std::string::npos, body.dump().c_str());
    QVERIFY(body.dump().find("functionResponse") == std::string::npos);
    const json& contents = body["contents"];
    QCOMPARE(contents.size(), size_t(7));
    const json expectedResults = json::parse(R"({"role": "user", "parts": [
        {"text": "[Result of tool weather]\nsunny"},
        {"text": "[Tool now failed]\nclock broken"}]})");
    COMPARE_JSON(contents[2], expectedResults);
}

void GeminiProviderTest::schemaReduction_data()
{
    QTest::addColumn<QByteArray>("schema");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("unsupported keywords dropped")
        << QByteArray(R"({"$schema": "http://json-schema.org/draft-07/schema#", "type": "object",
            "title": "Args", "additionalProperties": false,
            "properties": {"city": {"type": "string", "description": "City", "default": "Oslo",
                                    "examples": ["Bergen"], "minLength": 1}},
            "required": ["city", "not-a-property"]})")
        << QByteArray(R"({"type": "object", "properties": {"city": {"type": "string",
            "description": "City"}}, "required": ["city"]})");
    QTest::newRow("kept keywords") << QByteArray(R"({"type": "object", "properties": {
            "days": {"type": "integer", "format": "int32", "minimum": 1, "maximum": 7},
            "tags": {"type": "array", "items": {"type": "string"}, "minItems": 1, "maxItems": 3},
            "when": {"type": "string", "format": "date-time", "nullable": true},
            "unit": {"type": "string", "enum": ["c", "f"]},
            "either": {"anyOf": [{"type": "string"}, {"type": "number"}]}}})")
                                   << QByteArray(R"({"type": "object", "properties": {
            "days": {"type": "integer", "format": "int32", "minimum": 1, "maximum": 7},
            "tags": {"type": "array", "items": {"type": "string"}, "minItems": 1, "maxItems": 3},
            "when": {"type": "string", "format": "date-time", "nullable": true},
            "unit": {"type": "string", "enum": ["c", "f"]},
            "either": {"anyOf": [{"type": "string"}, {"type": "number"}]}}})");
    QTest::newRow("formats Gemini refuses")
        << QByteArray(R"({"type": "object", "properties": {"u": {"type": "string",
            "format": "uri"}, "n": {"type": "number", "format": "int64"}}})")
        << QByteArray(R"({"type": "object", "properties": {"u": {"type": "string"},
            "n": {"type": "number"}}})");
    QTest::newRow("null alternatives become nullable")
        << QByteArray(R"({"type": "object", "properties": {
            "a": {"type": ["integer", "null"]},
            "b": {"anyOf": [{"type": "string", "description": "inner"}, {"type": "null"}],
                  "description": "outer"},
            "c": {"type": ["string", "integer"]}}})")
        << QByteArray(R"({"type": "object", "properties": {
            "a": {"type": "integer", "nullable": true},
            "b": {"type": "string", "description": "outer", "nullable": true},
            "c": {"anyOf": [{"type": "string"}, {"type": "integer"}]}}})");
    QTest::newRow("refs inlined, recursion cut") << QByteArray(R"({"type": "object", "properties": {
            "tag": {"$ref": "#/$defs/Tag", "description": "The tag"},
            "old": {"$ref": "#/definitions/Old"},
            "node": {"$ref": "#/$defs/Node"},
            "lost": {"$ref": "https://example.com/schema"}},
            "$defs": {"Tag": {"type": "object", "properties": {"name": {"type": "string"}},
                              "additionalProperties": false},
                      "Node": {"type": "object", "properties": {"next": {"$ref": "#/$defs/Node"}}}},
            "definitions": {"Old": {"type": "boolean"}}})")
                                                 << QByteArray(R"({"type": "object", "properties": {
            "tag": {"type": "object", "description": "The tag",
                    "properties": {"name": {"type": "string"}}},
            "old": {"type": "boolean"},
            "node": {"type": "object", "properties": {"next": {"type": "object"}}},
            "lost": {"type": "string"}}})");
    QTest::newRow("types guessed from the shape")
        << QByteArray(R"({"properties": {"a": {"properties": {"x": {"type": "string"}}},
            "b": {"items": {"enum": ["p", "q"]}}, "c": {"description": "Anything"}, "d": true,
            "e": {"type": "object", "description": "Free-form"}}})")
        << QByteArray(R"({"type": "object", "properties": {
            "a": {"type": "object", "properties": {"x": {"type": "string"}}},
            "b": {"type": "array", "items": {"type": "string", "enum": ["p", "q"]}},
            "c": {"type": "string", "description": "Anything"}, "d": {"type": "string"},
            "e": {"type": "object", "description": "Free-form"}}})");
    QTest::newRow("const, enums and allOf") << QByteArray(R"({"type": "object", "allOf": [
            {"properties": {"mode": {"const": "fast"}}, "required": ["mode"]},
            {"properties": {"level": {"type": "integer", "enum": [1, 2]}}}]})")
                                            << QByteArray(R"({"type": "object", "properties": {
            "mode": {"type": "string", "enum": ["fast"]}, "level": {"type": "integer"}},
            "required": ["mode"]})");
    QTest::newRow("arrays need an item type") << QByteArray(R"({"type": "object", "properties": {
            "any": {"type": "array"}, "pair": {"type": "array", "items": [{"type": "number"},
            {"type": "string"}]}}})") << QByteArray(R"({"type": "object", "properties": {
            "any": {"type": "array", "items": {"type": "string"}},
            "pair": {"type": "array", "items": {"type": "number"}}}})");
    QTest::newRow("no parameters")
        << QByteArray(R"({"type": "object", "properties": {}})") << QByteArray("null");
}

void GeminiProviderTest::schemaReduction()
{
    QFETCH(QByteArray, schema);
    QFETCH(QByteArray, expected);
    const nlohmann::ordered_json input = nlohmann::ordered_json::parse(schema);
    const json reduced = json::parse(geminiSchema(input).dump());
    COMPARE_JSON(reduced, json::parse(expected));
}

void GeminiProviderTest::invalidApiKeyIsAuth_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("with details") << QByteArray(R"({
  "error": {
    "code": 400,
    "message": "API key not valid. Please pass a valid API key.",
    "status": "INVALID_ARGUMENT",
    "details": [
      {
        "@type": "type.googleapis.com/google.rpc.ErrorInfo",
        "reason": "API_KEY_INVALID",
        "domain": "googleapis.com",
        "metadata": {"service": "generativelanguage.googleapis.com"}
      }
    ]
  }
}
)");
    QTest::newRow("array wrapped, no details") << QByteArray(
        R"([{"error": {"code": 400,"message": "API key not valid. Please pass a valid API key.",)"
        R"("status": "INVALID_ARGUMENT"}}])");
}

void GeminiProviderTest::invalidApiKeyIsAuth()
{
    QFETCH(QByteArray, body);
    const TurnError error = mapError(400, body);
    QCOMPARE(error.kind, ErrorKind::Auth);
    QCOMPARE(error.httpStatus, 400);
    QVERIFY(!error.retryable);
    QVERIFY2(error.message.startsWith(QStringLiteral("Authentication failed: API key not valid")),
             qPrintable(error.message));
    QVERIFY2(error.message.contains(QStringLiteral("GEMINI_API_KEY")), qPrintable(error.message));
    QVERIFY(!error.message.contains(testKey));
}

void GeminiProviderTest::otherErrors()
{
    // An ordinary invalid argument stays a refused request.
    const TurnError invalid =
        mapError(400, R"({"error": {"code": 400,"message": "* GenerateContentRequest.contents: )"
                      R"(contents is not specified\n","status": "INVALID_ARGUMENT"}})");
    QCOMPARE(invalid.kind, ErrorKind::InvalidRequest);
    QVERIFY2(invalid.message.contains(QStringLiteral("contents is not specified")),
             qPrintable(invalid.message));

    const TurnError location = mapError(
        400, R"({"error": {"code": 400,"message": "User location is not supported for the API )"
             R"(use.","status": "FAILED_PRECONDITION"}})");
    QCOMPARE(location.kind, ErrorKind::InvalidRequest);
    QVERIFY(location.message.contains(QStringLiteral("User location is not supported")));

    const TurnError notFound =
        mapError(404, R"({"error": {"code": 404,"message": "models/gemini-9 is not found for API )"
                      R"(version v1beta, or is not supported for generateContent.",)"
                      R"("status": "NOT_FOUND"}})");
    QCOMPARE(notFound.kind, ErrorKind::InvalidRequest);
    QVERIFY(notFound.message.contains(QStringLiteral("models/gemini-9 is not found")));

    const TurnError quota =
        mapError(429, R"({"error": {"code": 429,"message": "You exceeded your current quota.",)"
                      R"("status": "RESOURCE_EXHAUSTED"}})");
    QCOMPARE(quota.kind, ErrorKind::RateLimit);
    QVERIFY(quota.retryable);

    const TurnError overloaded = mapError(
        503, R"({"error": {"code": 503,"message": "The model is overloaded. Please try again )"
             R"(later.","status": "UNAVAILABLE"}})");
    QCOMPARE(overloaded.kind, ErrorKind::ServerError);
    QVERIFY(overloaded.retryable);
    QVERIFY(overloaded.message.contains(QStringLiteral("The model is overloaded.")));

    const TurnError denied = mapError(
        403, R"({"error": {"code": 403,"message": "Method doesn't allow unregistered callers.",)"
             R"("status": "PERMISSION_DENIED"}})");
    QCOMPARE(denied.kind, ErrorKind::Auth);

    // The key echoed by a server never reaches the message.
    const TurnError echoed =
        mapError(400, QByteArray(R"({"error": {"code": 400,"message": "API key not valid: )")
                          + testKey.toUtf8() + R"(","status": "INVALID_ARGUMENT"}})");
    QCOMPARE(echoed.kind, ErrorKind::Auth);
    QVERIFY2(!echoed.message.contains(testKey), qPrintable(echoed.message));

    // Junk bodies are not mistaken for a bad key.
    QCOMPARE(mapError(400, "API key").kind, ErrorKind::InvalidRequest);
    QCOMPARE(mapError(400, "{").kind, ErrorKind::InvalidRequest);
    QCOMPARE(mapError(400, R"({"error": {"status": 5,"message": ["API key"]}})").kind,
             ErrorKind::InvalidRequest);
}

void GeminiProviderTest::modelsRequest()
{
    const HttpRequest first = GeminiProvider().buildModelsRequest(config(), {});
    QCOMPARE(first.method, QByteArray("GET"));
    QCOMPARE(
        first.url,
        QStringLiteral("https://generativelanguage.googleapis.com/v1beta/models?pageSize=1000"));
    QCOMPARE(headerValues(first.headers, "x-goog-api-key"), QList<QByteArray>{testKey.toUtf8()});
    QVERIFY(first.body.isEmpty());

    ProviderConfig slashed = config();
    slashed.baseUrl = QStringLiteral("http://127.0.0.1:9/v1beta/");
    const HttpRequest next =
        GeminiProvider().buildModelsRequest(slashed, QStringLiteral("Ch0K+/b=="));
    QCOMPARE(next.url,
             QStringLiteral(
                 "http://127.0.0.1:9/v1beta/models?pageSize=1000&pageToken=Ch0K%2B%2Fb%3D%3D"));
    QVERIFY(!next.url.contains(testKey));
}

void GeminiProviderTest::parseModels()
{
    const QByteArray body = R"({
  "models": [
    {
      "name": "models/gemini-2.5-flash",
      "version": "001",
      "displayName": "Gemini 2.5 Flash",
      "description": "Stable version of Gemini 2.5 Flash",
      "inputTokenLimit": 1048576,
      "outputTokenLimit": 65536,
      "supportedGenerationMethods": ["generateContent", "countTokens", "createCachedContent",
                                     "batchGenerateContent"],
      "temperature": 1, "topP": 0.95, "topK": 64, "maxTemperature": 2, "thinking": true
    },
    {
      "name": "models/text-embedding-004",
      "displayName": "Text Embedding 004",
      "inputTokenLimit": 2048,
      "supportedGenerationMethods": ["embedContent"]
    },
    {
      "name": "models/gemini-live",
      "supportedGenerationMethods": ["streamGenerateContent", "bidiGenerateContent"]
    },
    {"name": "models/imagen-3.0", "supportedGenerationMethods": ["predict"]},
    {"name": "gemma-proxy", "displayName": "Gemma via proxy"},
    {"displayName": "nameless", "supportedGenerationMethods": ["generateContent"]},
    {"name": "models/odd", "supportedGenerationMethods": "generateContent"},
    null
  ],
  "nextPageToken": "Ch1tb2RlbHMvZ2VtaW5p"
}
)";
    const ModelPage page = GeminiProvider().parseModels(body);
    QVERIFY(!page.error);
    QCOMPARE(page.nextPageToken, QStringLiteral("Ch1tb2RlbHMvZ2VtaW5p"));
    QCOMPARE(page.models.size(), 3);
    QCOMPARE(page.models[0].id, QStringLiteral("gemini-2.5-flash"));
    QCOMPARE(page.models[0].displayName, QStringLiteral("Gemini 2.5 Flash"));
    QCOMPARE(page.models[0].contextLength, 1048576);
    QCOMPARE(page.models[1].id, QStringLiteral("gemini-live"));
    QCOMPARE(page.models[1].displayName, QString());
    QCOMPARE(page.models[1].contextLength, -1);
    // A proxy that leaves the methods out is taken at its word that the model chats.
    QCOMPARE(page.models[2].id, QStringLiteral("gemma-proxy"));

    // The last page has no token; an empty account has no models.
    const ModelPage last =
        GeminiProvider().parseModels(R"({"models": [{"name": "models/gemini-2.0-flash",)"
                                     R"("supportedGenerationMethods": ["generateContent"]}]})");
    QVERIFY(!last.error);
    QVERIFY(last.nextPageToken.isEmpty());
    QCOMPARE(last.models.size(), 1);
    const ModelPage empty = GeminiProvider().parseModels("{}");
    QVERIFY(!empty.error);
    QVERIFY(empty.models.isEmpty());
}

void GeminiProviderTest::parseModelsRejectsJunk_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("empty") << QByteArray() << QString();
    QTest::newRow("truncated") << QByteArray(R"({"models": [{"name": "models/x")") << QString();
    QTest::newRow("html") << QByteArray("<html><body>Bad gateway</body></html>") << QString();
    QTest::newRow("array") << QByteArray("[]") << QString();
    QTest::newRow("models not a list") << QByteArray(R"({"models": {"name": "x"}})") << QString();
    QTest::newRow("error object") << QByteArray(
        R"({"error": {"code": 500,"message": "Internal error encountered.",)"
        R"("status": "INTERNAL"}})")
                                  << QStringLiteral("Internal error encountered.");
}

void GeminiProviderTest::parseModelsRejectsJunk()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, mentions);
    const ModelPage page = GeminiProvider().parseModels(body);
    QVERIFY(page.error);
    QCOMPARE(page.error->kind, ErrorKind::Protocol);
    QVERIFY(!page.error->message.isEmpty());
    QVERIFY2(page.error->message.contains(mentions), qPrintable(page.error->message));
    QVERIFY(page.models.isEmpty());
}

QTEST_GUILESS_MAIN(GeminiProviderTest)
#include "GeminiProviderTest.moc"
