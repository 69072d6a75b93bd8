// OllamaEndToEndTest: whole Ollama turns through the real core loop thread (Engine on CoreThread,
// libcurl, NDJSON, Ollama mapper, coalescer) against the loopback server speaking Ollama's
// native /api/chat and /api/tags.
#include "CoreThread.h"
#include "Engine.h"
#include "LoopbackLlmServer.h"
#include "MetaTypes.h"

#include <QJsonDocument>
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
        connect(engine, &Engine::turnFinished, this, [this](const TurnResult& r) { result = r; });
        connect(engine, &Engine::modelsListed, this,
                [this](const ModelListResult& r) { models = r; });
    }

    QString text;
    QString reasoning;
    std::optional<TurnResult> result;
    std::optional<ModelListResult> models;
};

QString baseUrl(const LoopbackLlmServer& server)
{
    return QStringLiteral("http://127.0.0.1:%1").arg(server.port());
}

TurnRequest request(const LoopbackLlmServer& server)
{
    TurnRequest r;
    r.turnId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    r.provider.kind = QStringLiteral("ollama");
    r.provider.baseUrl = baseUrl(server);
    r.model = QStringLiteral("qwen3:0.6b");
    r.systemPrompt = QStringLiteral("Be brief.");
    r.messages = {{Role::User, QStringLiteral("hello")}};
    r.temperature = 0.5;
    r.reasoningEffort = QStringLiteral("medium");
    return r;
}

QByteArray line(const QByteArray& json)
{
    return json + "\n";
}

QByteArray thinkingLine(const QByteArray& thinking)
{
    return line(R"({"model":"qwen3:0.6b","created_at":"2025-06-01T10:00:00Z","message":)"
                R"({"role":"assistant","content":"","thinking":")"
                + thinking + R"("},"done":false})");
}

QByteArray contentLine(const QByteArray& content)
{
    return line(R"({"model":"qwen3:0.6b","created_at":"2025-06-01T10:00:00Z","message":)"
                R"({"role":"assistant","content":")"
                + content + R"("},"done":false})");
}

QByteArray doneLine(const QByteArray& reason = "stop")
{
    return line(R"({"model":"qwen3:0.6b","created_at":"2025-06-01T10:00:01Z","message":)"
                R"({"role":"assistant","content":""},"done_reason":")"
                + reason
                + R"(","done":true,"total_duration":900000000,"load_duration":1000000,)"
                  R"("prompt_eval_count":14,"prompt_eval_duration":2000000,"eval_count":9,)"
                  R"("eval_duration":800000000})");
}

Response ndjson(std::vector<Step> steps)
{
    Response response = Response::sse(std::move(steps));
    response.contentType = "application/x-ndjson";
    return response;
}

} // namespace

class OllamaEndToEndTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void fullStream()
    {
        LoopbackLlmServer server;
        QVERIFY(server.isListening());
        const QByteArray stream =
            thinkingLine("The user greets.") + thinkingLine(" Reply kindly.") + contentLine("Hello")
            + contentLine(", w\xC3\xB6rld \xF0\x9F\x8C\x8D") + contentLine("!\\n") + doneLine();
        // Flushed in 7-byte pieces: lines, JSON and UTF-8 sequences are all cut somewhere.
        server.enqueue(ndjson({Step::send(stream, 7)}));

        const TurnResult result = runTurn(request(server));
        QCOMPARE(result.outcome, TurnOutcome::Complete);
        QCOMPARE(result.text, QStringLiteral("Hello, w\u00f6rld \U0001F30D!\n"));
        QCOMPARE(result.reasoning, QStringLiteral("The user greets. Reply kindly."));
        QCOMPARE(m_text, result.text); // the GUI saw every byte the result holds
        QCOMPARE(m_reasoning, result.reasoning);
        QCOMPARE(result.finishReason, QStringLiteral("stop"));
        QCOMPARE(result.usage.inputTokens, 14);
        QCOMPARE(result.usage.outputTokens, 9);
        QCOMPARE(result.error.kind, ErrorKind::None);

        QCOMPARE(server.requestCount(), 1);
        const ReceivedRequest sent = server.requests().value(0);
        QCOMPARE(sent.method, QByteArray("POST"));
        QCOMPARE(sent.path, QByteArray("/api/chat"));
        QCOMPARE(sent.header("content-type"), QByteArray("application/json"));
        QVERIFY(sent.header("authorization").isEmpty());
        const QJsonObject expected = QJsonDocument::fromJson(R"({
            "model": "qwen3:0.6b",
            "messages": [
                {"role": "system", "content": "Be brief."},
                {"role": "user", "content": "hello"}
            ],
            "stream": true,
            "options": {"temperature": 0.5},
            "think": true
        })")
                                         .object();
        QCOMPARE(sent.jsonBody(), expected);
    }

    void inlineThinkTagsBecomeReasoning()
    {
        // Without "think", an R1 distill writes its reasoning into the content in <think> tags,
        // here split across lines in the middle of both tags.
        LoopbackLlmServer server;
        server.enqueue(ndjson(
            {Step::send(contentLine("<thi") + contentLine("nk>\\nPondering.") + contentLine("</th")
                        + contentLine("ink>\\n\\nHi!") + doneLine())}));
        TurnRequest r = request(server);
        r.reasoningEffort.clear();
        const TurnResult result = runTurn(r);
        QCOMPARE(result.outcome, TurnOutcome::Complete);
        QCOMPARE(result.text, QStringLiteral("Hi!"));
        QCOMPARE(result.reasoning, QStringLiteral("Pondering."));
        QCOMPARE(m_text, result.text);
        QCOMPARE(m_reasoning, result.reasoning);
        QVERIFY(!server.requests().value(0).jsonBody().contains(QStringLiteral("think")));
    }

    void lastLineWithoutNewlineCompletes()
    {
        LoopbackLlmServer server;
        QByteArray last = doneLine("length");
        last.chop(1);
        server.enqueue(ndjson({Step::send(contentLine("cut short")), Step::send(last)}));
        const TurnResult result = runTurn(request(server));
        QCOMPARE(result.outcome, TurnOutcome::Complete);
        QCOMPARE(result.text, QStringLiteral("cut short"));
        QCOMPARE(result.finishReason, QStringLiteral("length"));
    }

    void modelNotFound()
    {
        LoopbackLlmServer server;
        server.enqueue(Response::body(
            404, R"({"error":"model 'qwen3:0.6b' not found, try pulling it first"})"));
        const TurnResult result = runTurn(request(server));
        QCOMPARE(result.outcome, TurnOutcome::Error);
        QCOMPARE(result.error.kind, ErrorKind::InvalidRequest);
        QCOMPARE(result.error.httpStatus, 404);
        QVERIFY2(result.error.message.contains(
                     QStringLiteral("model 'qwen3:0.6b' not found, try pulling it first")),
                 qPrintable(result.error.message));
        QVERIFY(result.text.isEmpty());
    }

    void errorLineKeepsPartialText()
    {
        LoopbackLlmServer server;
        server.enqueue(ndjson(
            {Step::send(contentLine("Partial ")), Step::send(contentLine("answer")),
             Step::send(line(R"({"error":"an error was encountered while running the model"})")),
             Step::hang()}));
        const TurnResult result = runTurn(request(server));
        QCOMPARE(result.outcome, TurnOutcome::Error);
        QCOMPARE(result.error.kind, ErrorKind::ServerError);
        QVERIFY2(result.error.message.contains(
                     QStringLiteral("an error was encountered while running the model")),
                 qPrintable(result.error.message));
        QCOMPARE(result.text, QStringLiteral("Partial answer"));
        QCOMPARE(m_text, result.text);
    }

    void missingDoneLineIsIncomplete()
    {
        LoopbackLlmServer server;
        server.enqueue(ndjson({Step::send(thinkingLine("hmm")), Step::send(contentLine("cut "))}));
        const TurnResult result = runTurn(request(server));
        QCOMPARE(result.outcome, TurnOutcome::Incomplete);
        QCOMPARE(result.text, QStringLiteral("cut "));
        QCOMPARE(result.reasoning, QStringLiteral("hmm"));
    }

    void listModels()
    {
        LoopbackLlmServer server;
        server.setRoute("/api/tags",
                        Response::body(200, R"({"models":[{"name":"llama3.2:latest",)"
                                            R"("model":"llama3.2:latest","details":{}},)"
                                            R"({"name":"qwen3:0.6b","model":"qwen3:0.6b"}]})"));
        CoreThread core;
        TurnObserver observer(core.engine());
        core.start();
        ModelListRequest list;
        list.requestId = QStringLiteral("m1");
        list.provider.kind = QStringLiteral("ollama");
        list.provider.baseUrl = baseUrl(server);
        Engine* engine = core.engine();
        QMetaObject::invokeMethod(
            engine, [engine, list] { engine->listModels(list); }, Qt::QueuedConnection);
        QTRY_VERIFY_WITH_TIMEOUT(observer.models.has_value(), 10000);
        QCOMPARE(observer.models->error.kind, ErrorKind::None);
        QCOMPARE(observer.models->models.size(), 2);
        QCOMPARE(observer.models->models[0].id, QStringLiteral("llama3.2:latest"));
        QCOMPARE(observer.models->models[1].id, QStringLiteral("qwen3:0.6b"));
        const ReceivedRequest sent = server.requests().value(0);
        QCOMPARE(sent.method, QByteArray("GET"));
        QCOMPARE(sent.path, QByteArray("/api/tags"));
    }

private:
    QString m_text; // what the deltas of the last runTurn added up to
    QString m_reasoning;

    TurnResult runTurn(const TurnRequest& r)
    {
        CoreThread core;
        TurnObserver observer(core.engine());
        core.start();
        Engine* engine = core.engine();
        QMetaObject::invokeMethod(
            engine, [engine, r] { engine->startTurn(r); }, Qt::QueuedConnection);
        if (!QTest::qWaitFor([&] { return observer.result.has_value(); }, 15000))
            return {};
        m_text = observer.text;
        m_reasoning = observer.reasoning;
        return *observer.result;
    }
};

QTEST_GUILESS_MAIN(OllamaEndToEndTest)
#include "OllamaEndToEndTest.moc"
