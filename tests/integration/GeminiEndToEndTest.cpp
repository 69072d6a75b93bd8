// GeminiEndToEndTest: Gemini turns through the real core loop (Engine on CoreThread, libcurl,
// SSE, Gemini request and mapper) against the loopback server, observed as the GUI observes them.
#include "CoreThread.h"
#include "Engine.h"
#include "LoopbackLlmServer.h"

#include <QJsonArray>
#include <QTest>
#include <QUuid>

#include <optional>

using namespace keel::core;
using namespace keel::test;

namespace {

class TurnObserver : public QObject {
public:
    explicit TurnObserver(Engine* engine)
    {
        connect(engine, &Engine::turnDelta, this, [this](const TurnDelta& delta) {
            text += delta.text;
            reasoning += delta.reasoning;
        });
        connect(engine, &Engine::turnFinished, this,
                [this](const TurnResult& finished) { result = finished; });
    }

    QString text;
    QString reasoning;
    std::optional<TurnResult> result;
};

const QString secretKey = QStringLiteral("AIzaSy-test-secret-key-0123456789");

TurnRequest geminiRequest(const LoopbackLlmServer& server)
{
    TurnRequest r;
    r.turnId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    r.provider.kind = QStringLiteral("gemini");
    r.provider.baseUrl = QStringLiteral("http://127.0.0.1:%1").arg(server.port());
    r.provider.apiKey = secretKey;
    r.provider.apiKeySource = QStringLiteral("the environment variable GEMINI_API_KEY");
    r.model = QStringLiteral("test-model");
    r.systemPrompt = QStringLiteral("Be brief.");
    r.messages = {{Role::User, QStringLiteral("hello")}};
    r.thinkingBudgetTokens = 1024;
    r.maxAttempts = 1;
    return r;
}

// One Gemini SSE event (Gemini ends its events with CRLF pairs).
QByteArray geminiEvent(const QByteArray& json)
{
    return "data: " + json + "\r\n\r\n";
}

TurnResult runTurn(CoreThread& core, TurnObserver& observer, const TurnRequest& request)
{
    core.start();
    QMetaObject::invokeMethod(
        core.engine(), [engine = core.engine(), request] { engine->startTurn(request); },
        Qt::QueuedConnection);
    if (!QTest::qWaitFor([&] { return observer.result.has_value(); }, 15000))
        return {};
    return *observer.result;
}

// A gemini-2.5 reply with a thought summary, then text, usage in every chunk.
const QByteArray thoughtChunk =
    R"({"candidates": [{"content": {"parts": [{"text": "Weighing a greeting.","thought": true}],)"
    R"("role": "model"},"index": 0}],)"
    R"("usageMetadata": {"promptTokenCount": 4,"thoughtsTokenCount": 30}})";
const QByteArray textChunk =
    R"({"candidates": [{"content": {"parts": [{"text": "Hel"}],"role": "model"},"index": 0}],)"
    R"("usageMetadata": {"promptTokenCount": 4,"candidatesTokenCount": 1,)"
    R"("thoughtsTokenCount": 30}})";
const QByteArray finalChunk = "{\"candidates\": [{\"content\": {\"parts\": [{\"text\": "
                              "\"lo, w\xC3\xB6rld \xF0\x9F\x8C\x8D\"}],\"role\": \"model\"},"
                              "\"finishReason\": \"STOP\",\"index\": 0}],\"usageMetadata\": "
                              "{\"promptTokenCount\": 4,\"candidatesTokenCount\": 6,"
                              "\"totalTokenCount\": 40,\"thoughtsTokenCount\": 30}}";

} // namespace

class GeminiEndToEndTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void thoughtsAndTextStreamToTheEnd()
    {
        LoopbackLlmServer server;
        QVERIFY(server.isListening());
        server.enqueue(Response::sse({
            Step::send(geminiEvent(thoughtChunk)),
            Step::delay(20),
            Step::send(geminiEvent(textChunk), 7), // split inside events, JSON and UTF-8
            Step::send(geminiEvent(finalChunk), 5),
        }));

        CoreThread core;
        TurnObserver observer(core.engine());
        const TurnRequest request = geminiRequest(server);
        const TurnResult result = runTurn(core, observer, request);

        QCOMPARE(result.turnId, request.turnId);
        QCOMPARE(result.outcome, TurnOutcome::Complete);
        QCOMPARE(result.text, QStringLiteral("Hello, w\u00f6rld \U0001F30D"));
        QCOMPARE(result.reasoning, QStringLiteral("Weighing a greeting."));
        QCOMPARE(result.finishReason, QStringLiteral("stop"));
        QCOMPARE(result.usage.inputTokens, 4);
        QCOMPARE(result.usage.outputTokens, 36);
        QCOMPARE(observer.text, result.text);
        QCOMPARE(observer.reasoning, result.reasoning);

        QCOMPARE(server.requestCount(), 1);
        const ReceivedRequest sent = server.requests().value(0);
        QCOMPARE(sent.method, QByteArray("POST"));
        QCOMPARE(sent.path, QByteArray("/v1beta/models/test-model:streamGenerateContent?alt=sse"));
        QCOMPARE(sent.header("x-goog-api-key"), secretKey.toUtf8());
        QVERIFY(!sent.path.contains(secretKey.toUtf8()));
        QCOMPARE(sent.header("content-type"), QByteArray("application/json"));

        const QJsonObject body = sent.jsonBody();
        const QJsonArray contents = body.value(QStringLiteral("contents")).toArray();
        QCOMPARE(contents.size(), 1);
        QCOMPARE(contents[0].toObject().value(QStringLiteral("role")).toString(),
                 QStringLiteral("user"));
        QCOMPARE(contents[0]
                     .toObject()
                     .value(QStringLiteral("parts"))
                     .toArray()[0]
                     .toObject()
                     .value(QStringLiteral("text"))
                     .toString(),
                 QStringLiteral("hello"));
        QCOMPARE(body.value(QStringLiteral("systemInstruction"))
                     .toObject()
                     .value(QStringLiteral("parts"))
                     .toArray()[0]
                     .toObject()
                     .value(QStringLiteral("text"))
                     .toString(),
                 QStringLiteral("Be brief."));
        const QJsonObject thinking = body.value(QStringLiteral("generationConfig"))
                                         .toObject()
                                         .value(QStringLiteral("thinkingConfig"))
                                         .toObject();
        QCOMPARE(thinking.value(QStringLiteral("includeThoughts")).toBool(), true);
        QCOMPARE(thinking.value(QStringLiteral("thinkingBudget")).toInt(), 1024);
    }

    void blockedPromptIsAnErrorNamingTheReason()
    {
        LoopbackLlmServer server;
        server.enqueue(Response::sse({Step::send(
            geminiEvent(R"({"promptFeedback": {"blockReason": "PROHIBITED_CONTENT"},)"
                        R"("usageMetadata": {"promptTokenCount": 6,"totalTokenCount": 6},)"
                        R"("modelVersion": "gemini-2.5-flash"})"))}));

        CoreThread core;
        TurnObserver observer(core.engine());
        const TurnResult result = runTurn(core, observer, geminiRequest(server));
        QCOMPARE(result.outcome, TurnOutcome::Error);
        QCOMPARE(result.error.kind, ErrorKind::InvalidRequest);
        QVERIFY2(result.error.message.contains(QStringLiteral("blocked the prompt")),
                 qPrintable(result.error.message));
        QVERIFY2(result.error.message.contains(QStringLiteral("PROHIBITED_CONTENT")),
                 qPrintable(result.error.message));
        QVERIFY(result.text.isEmpty());
        QCOMPARE(result.usage.inputTokens, 6);
    }

    void invalidKeyIsAnAuthError()
    {
        LoopbackLlmServer server;
        server.enqueue(Response::body(
            400, R"([{"error": {"code": 400,"message": "API key not valid. Please pass a valid )"
                 R"(API key.","status": "INVALID_ARGUMENT","details": [{"@type": )"
                 R"("type.googleapis.com/google.rpc.ErrorInfo","reason": "API_KEY_INVALID"}]}}])"));

        CoreThread core;
        TurnObserver observer(core.engine());
        const TurnResult result = runTurn(core, observer, geminiRequest(server));
        QCOMPARE(result.outcome, TurnOutcome::Error);
        QCOMPARE(result.error.kind, ErrorKind::Auth);
        QCOMPARE(result.error.httpStatus, 400);
        QVERIFY2(result.error.message.contains(QStringLiteral("API key not valid")),
                 qPrintable(result.error.message));
        QVERIFY2(result.error.message.contains(QStringLiteral("GEMINI_API_KEY")),
                 qPrintable(result.error.message));
        QVERIFY(!result.error.message.contains(secretKey));
    }
};

QTEST_GUILESS_MAIN(GeminiEndToEndTest)
#include "GeminiEndToEndTest.moc"
