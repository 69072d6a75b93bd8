// AnthropicEndToEndTest: whole Anthropic turns through the real core loop (Engine on CoreThread,
// libcurl, SSE, AnthropicStreamMapper, coalescer) against the loopback server, observed from this
// thread as the GUI observes them.
#include "CoreThread.h"
#include "Engine.h"
#include "LoopbackLlmServer.h"
#include "MetaTypes.h"

#include <QJsonArray>
#include <QTest>
#include <QUuid>

#include <optional>

using namespace keel::core;
using namespace keel::test;

namespace {

const QString testKey = QStringLiteral("sk-ant-test-secret-key-0123456789");

// Collects what the engine reports, on this thread.
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

QByteArray sseEvent(const QByteArray& name, const QByteArray& json)
{
    return "event: " + name + "\ndata: " + json + "\n\n";
}

QByteArray messageStart(int inputTokens)
{
    return sseEvent("message_start",
                    R"({"type":"message_start","message":{"id":"msg_01","type":"message",)"
                    R"("role":"assistant","content":[],"model":"claude-sonnet-4-5",)"
                    R"("stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":)"
                        + QByteArray::number(inputTokens) + R"(,"output_tokens":1}}})");
}

QByteArray blockStart(int index, const QByteArray& type)
{
    const QByteArray field = type == "thinking" ? "thinking" : "text";
    return sseEvent("content_block_start",
                    R"({"type":"content_block_start","index":)" + QByteArray::number(index)
                        + R"(,"content_block":{"type":")" + type + R"(",")" + field + R"(":""}})");
}

QByteArray delta(int index, const QByteArray& type, const QByteArray& field, const QString& value)
{
    // Not escaped: the values used here contain no quotes, backslashes or control characters.
    return sseEvent("content_block_delta", R"({"type":"content_block_delta","index":)"
                                               + QByteArray::number(index) + R"(,"delta":{"type":")"
                                               + type + R"(",")" + field + R"(":")" + value.toUtf8()
                                               + R"("}})");
}

QByteArray blockStop(int index)
{
    return sseEvent("content_block_stop",
                    R"({"type":"content_block_stop","index":)" + QByteArray::number(index) + "}");
}

TurnRequest request(quint16 port)
{
    TurnRequest r;
    r.turnId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    r.provider.kind = QStringLiteral("anthropic");
    r.provider.baseUrl = QStringLiteral("http://127.0.0.1:%1").arg(port);
    r.provider.apiKey = testKey;
    r.provider.apiKeySource = QStringLiteral("the environment variable ANTHROPIC_API_KEY");
    r.model = QStringLiteral("claude-sonnet-4-5");
    r.systemPrompt = QStringLiteral("Be brief.");
    r.messages = {{Role::User, QStringLiteral("What is 27 * 453?")}};
    return r;
}

} // namespace

class AnthropicEndToEndTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void thinkingAndTextStream()
    {
        LoopbackLlmServer server;
        const QStringList thoughts{QStringLiteral("27 * 453 "), QStringLiteral("= 27 * 400 "),
                                   QStringLiteral("+ 27 * 53 = 10800 + 1431.")};
        const QStringList words{QStringLiteral("It is "), QStringLiteral("12,231 "),
                                QStringLiteral("\u2014 gr\u00fc\u00df \U0001F30D")};
        QByteArray stream =
            messageStart(25) + sseEvent("ping", R"({"type":"ping"})") + blockStart(0, "thinking");
        for (const QString& thought : thoughts)
            stream += delta(0, "thinking_delta", "thinking", thought);
        stream += delta(0, "signature_delta", "signature", QStringLiteral("EqQBCgIYAhIM1gbc"))
                  + blockStop(0) + blockStart(1, "text");
        for (const QString& word : words)
            stream += delta(1, "text_delta", "text", word);
        stream += blockStop(1)
                  + sseEvent("message_delta",
                             R"({"type":"message_delta","delta":{"stop_reason":"end_turn",)"
                             R"("stop_sequence":null},"usage":{"output_tokens":42}})")
                  + sseEvent("message_stop", R"({"type":"message_stop"})");
        // Small flushed pieces: boundaries fall inside events, JSON and UTF-8 sequences.
        server.enqueue(Response::sse({Step::send(stream, 7)}));

        TurnRequest r = request(server.port());
        r.thinkingBudgetTokens = 2000;
        r.temperature = 0.5; // dropped: Anthropic rejects it with thinking
        const std::optional<TurnResult> result = runTurn(r);
        QVERIFY(result);
        QCOMPARE(result->outcome, TurnOutcome::Complete);
        QCOMPARE(result->text, words.join(QString()));
        QCOMPARE(result->reasoning, thoughts.join(QString()));
        QCOMPARE(m_text, result->text); // the deltas add up to the reply, nothing lost
        QCOMPARE(m_reasoning, result->reasoning);
        QCOMPARE(result->finishReason, QStringLiteral("stop"));
        QCOMPARE(result->usage.inputTokens, 25);
        QCOMPARE(result->usage.outputTokens, 42);

        QCOMPARE(server.requestCount(), 1);
        const ReceivedRequest sent = server.requests().value(0);
        QCOMPARE(sent.method, QByteArray("POST"));
        QCOMPARE(sent.path, QByteArray("/v1/messages"));
        QCOMPARE(sent.header("x-api-key"), testKey.toUtf8());
        QCOMPARE(sent.header("anthropic-version"), QByteArray("2023-06-01"));
        QVERIFY(sent.header("authorization").isEmpty());
        const QJsonObject body = sent.jsonBody();
        QCOMPARE(body.value(QStringLiteral("model")).toString(),
                 QStringLiteral("claude-sonnet-4-5"));
        QCOMPARE(body.value(QStringLiteral("system")).toString(), QStringLiteral("Be brief."));
        QCOMPARE(body.value(QStringLiteral("stream")).toBool(), true);
        QCOMPARE(body.value(QStringLiteral("max_tokens")).toInt(), 8192);
        QVERIFY(!body.contains(QStringLiteral("temperature")));
        const QJsonObject thinking = body.value(QStringLiteral("thinking")).toObject();
        QCOMPARE(thinking.value(QStringLiteral("type")).toString(), QStringLiteral("enabled"));
        QCOMPARE(thinking.value(QStringLiteral("budget_tokens")).toInt(), 2000);
        const QJsonArray messages = body.value(QStringLiteral("messages")).toArray();
        QCOMPARE(messages.size(), 1);
        QCOMPARE(messages[0].toObject().value(QStringLiteral("role")).toString(),
                 QStringLiteral("user"));
        QCOMPARE(messages[0].toObject().value(QStringLiteral("content")).toString(),
                 QStringLiteral("What is 27 * 453?"));
    }

    void overloadedMidStreamKeepsPartialText()
    {
        LoopbackLlmServer server;
        server.enqueue(Response::sse({
            Step::send(messageStart(10) + blockStart(0, "text")
                       + delta(0, "text_delta", "text", QStringLiteral("Partial "))
                       + delta(0, "text_delta", "text", QStringLiteral("answer"))),
            Step::delay(50),
            Step::send(sseEvent("error", R"({"type":"error","error":{"type":"overloaded_error",)"
                                         R"("message":"Overloaded"}})")),
        }));
        const std::optional<TurnResult> result = runTurn(request(server.port()));
        QVERIFY(result);
        QCOMPARE(result->outcome, TurnOutcome::Error);
        QCOMPARE(result->error.kind, ErrorKind::ServerError);
        QVERIFY2(result->error.message.contains(QStringLiteral("Overloaded")),
                 qPrintable(result->error.message));
        QCOMPARE(result->text, QStringLiteral("Partial answer"));
        QCOMPARE(m_text, result->text);
        QCOMPARE(server.requestCount(), 1); // tokens had arrived: never retried blindly
    }

    void unauthorizedIsAnAuthError()
    {
        LoopbackLlmServer server;
        server.enqueue(Response::body(
            401, R"({"type":"error","error":{"type":"authentication_error",)"
                 R"("message":"invalid x-api-key"},"request_id":"req_011CSHoEeqs5C35K2UUqR7Fy"})"));
        const std::optional<TurnResult> result = runTurn(request(server.port()));
        QVERIFY(result);
        QCOMPARE(result->outcome, TurnOutcome::Error);
        QCOMPARE(result->error.kind, ErrorKind::Auth);
        QCOMPARE(result->error.httpStatus, 401);
        QVERIFY2(result->error.message.contains(QStringLiteral("invalid x-api-key")),
                 qPrintable(result->error.message));
        QVERIFY2(result->error.message.contains(QStringLiteral("ANTHROPIC_API_KEY")),
                 qPrintable(result->error.message));
        QVERIFY(!result->error.message.contains(testKey));
        QVERIFY(result->text.isEmpty());
    }

private:
    std::optional<TurnResult> runTurn(const TurnRequest& r)
    {
        CoreThread core;
        TurnObserver observer(core.engine());
        core.start();
        Engine* engine = core.engine();
        QMetaObject::invokeMethod(
            engine, [engine, r] { engine->startTurn(r); }, Qt::QueuedConnection);
        if (!QTest::qWaitFor([&] { return observer.result.has_value(); }, 15000))
            return std::nullopt;
        m_text = observer.text;
        m_reasoning = observer.reasoning;
        return observer.result;
    }

    QString m_text;
    QString m_reasoning;
};

QTEST_GUILESS_MAIN(AnthropicEndToEndTest)
#include "AnthropicEndToEndTest.moc"
