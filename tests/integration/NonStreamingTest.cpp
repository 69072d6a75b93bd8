// NonStreamingTest: turns with streaming off ("stream": false, Gemini's :generateContent) for
// each provider kind, through the real core against the loopback server answering with the
// provider's documented non-streaming JSON: the reply, its reasoning, usage and finish reason
// arrive as they would from a stream; errors in a 200 body, bodies that are not JSON and HTTP
// errors become clear messages.
#include "CoreThread.h"
#include "Engine.h"
#include "LoopbackLlmServer.h"
#include "MetaTypes.h"

#include <QJsonObject>
#include <QTest>
#include <QUuid>

#include <optional>

using namespace keel::core;
using namespace keel::test;

namespace {

struct Outcome {
    TurnResult result;
    QString deltaText; // what the GUI saw
    QString deltaReasoning;
    ReceivedRequest request;
};

// The provider's base URL on the loopback server, in the form its users write it.
QString baseUrlFor(const QString& kind, const LoopbackLlmServer& server)
{
    if (kind == QLatin1String("openai"))
        return server.baseUrl();
    return QStringLiteral("http://127.0.0.1:%1").arg(server.port());
}

QString modelFor(const QString& kind)
{
    if (kind == QLatin1String("anthropic"))
        return QStringLiteral("claude-sonnet-4-5");
    if (kind == QLatin1String("gemini"))
        return QStringLiteral("gemini-2.5-flash");
    if (kind == QLatin1String("ollama"))
        return QStringLiteral("qwen3");
    return QStringLiteral("gpt-test");
}

// One non-streaming turn of the given kind against a server that answers with response.
std::optional<Outcome> runTurn(const QString& kind, Response response)
{
    LoopbackLlmServer server;
    server.setDefault(std::move(response));
    TurnRequest request;
    request.turnId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    request.provider.kind = kind;
    request.provider.baseUrl = baseUrlFor(kind, server);
    request.provider.apiKey = QStringLiteral("test-key-123456");
    request.model = modelFor(kind);
    request.messages = {{Role::User, QStringLiteral("hello")}};
    request.stream = false;
    request.maxAttempts = 1;

    CoreThread core;
    Engine* engine = core.engine();
    Outcome outcome;
    bool finished = false;
    QObject receiver;
    QObject::connect(engine, &Engine::turnDelta, &receiver, [&](const TurnDelta& delta) {
        outcome.deltaText += delta.text;
        outcome.deltaReasoning += delta.reasoning;
    });
    QObject::connect(engine, &Engine::turnFinished, &receiver, [&](const TurnResult& result) {
        outcome.result = result;
        finished = true;
    });
    core.start();
    QMetaObject::invokeMethod(
        engine, [engine, request] { engine->startTurn(request); }, Qt::QueuedConnection);
    if (!QTest::qWaitFor([&] { return finished; }, 15000))
        return std::nullopt;
    outcome.request = server.requests().value(0);
    return outcome;
}

QStringList kinds()
{
    return {QStringLiteral("openai"), QStringLiteral("anthropic"), QStringLiteral("gemini"),
            QStringLiteral("ollama")};
}

} // namespace

class NonStreamingTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void wholeReplyArrives_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<QString>("reasoning");
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("inputTokens");
        QTest::addColumn<qint64>("outputTokens");
        QTest::addColumn<QString>("finishReason");

        QTest::newRow("openai")
            << QStringLiteral("openai")
            << QByteArray(
                   R"({"id":"chatcmpl-1","object":"chat.completion","created":1700000000,)"
                   R"("model":"gpt-test","choices":[{"index":0,"message":{"role":"assistant",)"
                   R"("content":"Hello from OpenAI","reasoning_content":"Thinking first"},)"
                   R"("finish_reason":"stop"}],"usage":{"prompt_tokens":12,)"
                   R"("completion_tokens":7,"total_tokens":19}})")
            << QByteArray("/v1/chat/completions") << QStringLiteral("Thinking first")
            << QStringLiteral("Hello from OpenAI") << qint64(12) << qint64(7)
            << QStringLiteral("stop");
        QTest::newRow("openai, reasoning field, length")
            << QStringLiteral("openai")
            << QByteArray(R"({"choices":[{"index":0,"message":{"role":"assistant",)"
                          R"("content":"Cut","reasoning":"OpenRouter style"},)"
                          R"("finish_reason":"length"}],"usage":{"prompt_tokens":3,)"
                          R"("completion_tokens":1}})")
            << QByteArray("/v1/chat/completions") << QStringLiteral("OpenRouter style")
            << QStringLiteral("Cut") << qint64(3) << qint64(1) << QStringLiteral("length");
        QTest::newRow("anthropic")
            << QStringLiteral("anthropic")
            << QByteArray(R"({"id":"msg_1","type":"message","role":"assistant",)"
                          R"("model":"claude-sonnet-4-5","content":[{"type":"thinking",)"
                          R"("thinking":"Let me think","signature":"c2ln"},{"type":"text",)"
                          R"("text":"Hello from Claude"}],"stop_reason":"end_turn",)"
                          R"("stop_sequence":null,"usage":{"input_tokens":10,)"
                          R"("cache_read_input_tokens":2,"output_tokens":5}})")
            << QByteArray("/v1/messages") << QStringLiteral("Let me think")
            << QStringLiteral("Hello from Claude") << qint64(12) << qint64(5)
            << QStringLiteral("stop");
        QTest::newRow("gemini")
            << QStringLiteral("gemini")
            << QByteArray(R"({"candidates":[{"content":{"parts":[{"text":"Pondering",)"
                          R"("thought":true},{"text":"Hello from Gemini"}],"role":"model"},)"
                          R"("finishReason":"STOP","index":0}],"usageMetadata":)"
                          R"({"promptTokenCount":8,"candidatesTokenCount":4,)"
                          R"("thoughtsTokenCount":3,"totalTokenCount":15},)"
                          R"("modelVersion":"gemini-2.5-flash"})")
            << QByteArray("/v1beta/models/gemini-2.5-flash:generateContent")
            << QStringLiteral("Pondering") << QStringLiteral("Hello from Gemini") << qint64(8)
            << qint64(7) << QStringLiteral("stop");
        QTest::newRow("ollama")
            << QStringLiteral("ollama")
            << QByteArray(R"({"model":"qwen3","created_at":"2025-01-01T00:00:00Z",)"
                          R"("message":{"role":"assistant","content":"Hello from Ollama",)"
                          R"("thinking":"Hmm"},"done_reason":"stop","done":true,)"
                          R"("total_duration":1000,"prompt_eval_count":9,"eval_count":6})")
            << QByteArray("/api/chat") << QStringLiteral("Hmm")
            << QStringLiteral("Hello from Ollama") << qint64(9) << qint64(6)
            << QStringLiteral("stop");
    }

    void wholeReplyArrives()
    {
        QFETCH(QString, kind);
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, path);
        QFETCH(QString, reasoning);
        QFETCH(QString, text);
        QFETCH(qint64, inputTokens);
        QFETCH(qint64, outputTokens);
        QFETCH(QString, finishReason);

        const auto outcome = runTurn(kind, Response::body(200, body));
        QVERIFY(outcome);
        const TurnResult& result = outcome->result;
        QVERIFY2(result.outcome == TurnOutcome::Complete, qPrintable(result.error.message));
        QCOMPARE(result.text, text);
        QCOMPARE(result.reasoning, reasoning);
        QCOMPARE(outcome->deltaText, text);
        QCOMPARE(outcome->deltaReasoning, reasoning);
        QCOMPARE(result.usage.inputTokens, inputTokens);
        QCOMPARE(result.usage.outputTokens, outputTokens);
        QCOMPARE(result.finishReason, finishReason);

        // The request asked for one whole answer.
        const ReceivedRequest& sent = outcome->request;
        QCOMPARE(sent.path, path);
        const QJsonObject json = sent.jsonBody();
        if (kind == QLatin1String("gemini")) {
            QVERIFY(!sent.path.contains("stream"));
            QVERIFY(!json.contains(QStringLiteral("stream")));
        } else {
            QVERIFY(json.contains(QStringLiteral("stream")));
            QCOMPARE(json.value(QStringLiteral("stream")).toBool(true), false);
        }
        QVERIFY(!json.contains(QStringLiteral("stream_options")));
        QVERIFY(!sent.header("accept").contains("event-stream"));
        QVERIFY(!sent.header("accept").contains("ndjson"));
    }

    void thinkTagsStillSplitTheText()
    {
        const auto outcome =
            runTurn(QStringLiteral("openai"),
                    Response::body(200, R"({"choices":[{"index":0,"message":{"role":"assistant",)"
                                        R"("content":"<think>Inner voice</think>The answer"},)"
                                        R"("finish_reason":"stop"}]})"));
        QVERIFY(outcome);
        QCOMPARE(outcome->result.outcome, TurnOutcome::Complete);
        QCOMPARE(outcome->result.reasoning, QStringLiteral("Inner voice"));
        QCOMPARE(outcome->result.text, QStringLiteral("The answer"));
    }

    void errorInAnOkBodyIsReported_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("message");
        QTest::newRow("openai") << QStringLiteral("openai")
                                << QByteArray(R"({"error":{"message":"The model is overloaded",)"
                                              R"("type":"server_error","code":null}})")
                                << QStringLiteral("The model is overloaded");
        QTest::newRow("anthropic")
            << QStringLiteral("anthropic")
            << QByteArray(R"({"type":"error","error":{"type":"overloaded_error",)"
                          R"("message":"Overloaded"}})")
            << QStringLiteral("Overloaded");
        QTest::newRow("gemini") << QStringLiteral("gemini")
                                << QByteArray(R"({"error":{"code":400,"message":"Bad part",)"
                                              R"("status":"INVALID_ARGUMENT"}})")
                                << QStringLiteral("Bad part");
        QTest::newRow("ollama") << QStringLiteral("ollama")
                                << QByteArray(R"({"error":"model 'qwen3' not found"})")
                                << QStringLiteral("model 'qwen3' not found");
    }

    void errorInAnOkBodyIsReported()
    {
        QFETCH(QString, kind);
        QFETCH(QByteArray, body);
        QFETCH(QString, message);
        const auto outcome = runTurn(kind, Response::body(200, body));
        QVERIFY(outcome);
        QCOMPARE(outcome->result.outcome, TurnOutcome::Error);
        QVERIFY(outcome->result.error.kind != ErrorKind::None);
        QVERIFY(outcome->result.error.kind != ErrorKind::Protocol);
        QVERIFY2(outcome->result.error.message.contains(message),
                 qPrintable(outcome->result.error.message));
        QVERIFY(outcome->result.text.isEmpty());
    }

    void bodyThatIsNotJsonIsAProtocolError()
    {
        const QStringList names = {QStringLiteral("OpenAI"), QStringLiteral("Anthropic"),
                                   QStringLiteral("Gemini"), QStringLiteral("Ollama")};
        for (qsizetype i = 0; i < kinds().size(); ++i) {
            const auto outcome =
                runTurn(kinds()[i],
                        Response::body(200, "<html><body>Bad gateway</body></html>", "text/html"));
            QVERIFY(outcome);
            const TurnError& error = outcome->result.error;
            QCOMPARE(outcome->result.outcome, TurnOutcome::Error);
            QCOMPARE(error.kind, ErrorKind::Protocol);
            QVERIFY2(error.message.contains(names[i])
                         && error.message.contains(QLatin1String("JSON"))
                         && error.message.contains(QLatin1String("<html><body>Bad gateway")),
                     qPrintable(error.message));
        }
    }

    void emptyOrReplylessBodiesAreProtocolErrors()
    {
        for (const QByteArray& body :
             {QByteArray(), QByteArray(R"({"usage":{"prompt_tokens":1}})"), QByteArray("[]")}) {
            const auto outcome = runTurn(QStringLiteral("openai"), Response::body(200, body));
            QVERIFY(outcome);
            QCOMPARE(outcome->result.outcome, TurnOutcome::Error);
            QCOMPARE(outcome->result.error.kind, ErrorKind::Protocol);
            QVERIFY2(!outcome->result.error.message.isEmpty(),
                     qPrintable(outcome->result.error.message));
        }
    }

    void httpErrorsMapAsForStreaming()
    {
        for (const QString& kind : kinds()) {
            const auto outcome = runTurn(
                kind, Response::openAiError(400, QStringLiteral("max_tokens is too large")));
            QVERIFY(outcome);
            const TurnError& error = outcome->result.error;
            QCOMPARE(outcome->result.outcome, TurnOutcome::Error);
            QCOMPARE(error.kind, ErrorKind::InvalidRequest);
            QCOMPARE(error.httpStatus, 400);
            QVERIFY2(error.message.contains(QLatin1String("max_tokens is too large")),
                     qPrintable(error.message));
        }
        const auto denied =
            runTurn(QStringLiteral("anthropic"),
                    Response::openAiError(401, QStringLiteral("invalid x-api-key")));
        QVERIFY(denied);
        QCOMPARE(denied->result.error.kind, ErrorKind::Auth);
        QCOMPARE(denied->result.error.httpStatus, 401);
    }
};

QTEST_GUILESS_MAIN(NonStreamingTest)
#include "NonStreamingTest.moc"
