// EngineTest: whole turns through the real core loop thread (Engine on CoreThread, libcurl,
// SSE, OpenAI mapper, coalescer, heartbeat) against the loopback server, observed from this
// thread exactly as the GUI observes them.
#include "Engine.h"

#include "CoreThread.h"
#include "LoopbackLlmServer.h"
#include "MetaTypes.h"

#include <QElapsedTimer>
#include <QTcpServer>
#include <QTest>
#include <QUuid>

using namespace keel::core;
using namespace keel::test;

namespace {

// Collects what the engine reports, on the thread that created it (the test's main thread).
class TurnObserver : public QObject {
public:
    explicit TurnObserver(Engine* engine)
    {
        connect(engine, &Engine::turnDelta, this, [this](const TurnDelta& delta) {
            checkThread();
            text += delta.text;
            reasoning += delta.reasoning;
            deltaTimesMs.push_back(clock.elapsed());
        });
        connect(engine, &Engine::turnHeartbeat, this, [this](const TurnHeartbeat& beat) {
            checkThread();
            heartbeats.push_back(beat);
            heartbeatTimesMs.push_back(clock.elapsed());
        });
        connect(engine, &Engine::turnFinished, this, [this](const TurnResult& r) {
            checkThread();
            result = r;
            finishedMs = clock.elapsed();
        });
        clock.start();
    }

    void checkThread()
    {
        if (QThread::currentThread() != thread())
            wrongThread = true;
    }

    QString text;
    QString reasoning;
    std::vector<qint64> deltaTimesMs;
    std::vector<TurnHeartbeat> heartbeats;
    std::vector<qint64> heartbeatTimesMs;
    std::optional<TurnResult> result;
    qint64 finishedMs = 0;
    bool wrongThread = false;
    QElapsedTimer clock;
};

TurnRequest request(const QString& baseUrl, int idleTimeoutMs = 600'000)
{
    TurnRequest r;
    r.turnId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    r.provider.baseUrl = baseUrl;
    r.provider.apiKey = QStringLiteral("sk-test-secret-key");
    r.provider.apiKeySource = QStringLiteral("the environment variable OPENAI_API_KEY");
    r.model = QStringLiteral("test-model");
    r.messages = {{Role::User, QStringLiteral("hello")}};
    r.idleTimeoutMs = idleTimeoutMs;
    return r;
}

void start(Engine* engine, const TurnRequest& r)
{
    QMetaObject::invokeMethod(
        engine, [engine, r] { engine->startTurn(r); }, Qt::QueuedConnection);
}

void cancel(Engine* engine, const QString& id)
{
    QMetaObject::invokeMethod(
        engine, [engine, id] { engine->cancelTurn(id); }, Qt::QueuedConnection);
}

QStringList numberedTokens(int count)
{
    QStringList tokens;
    for (int i = 0; i < count; ++i)
        tokens << QStringLiteral("w%1 ").arg(i);
    return tokens;
}

} // namespace

class EngineTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void engineLivesOnTheCoreThreadAndSignalsArriveHere()
    {
        LoopbackLlmServer server;
        server.enqueue(Response::openAiStream(numberedTokens(20)));
        CoreThread core;
        TurnObserver observer(core.engine());
        core.start();
        QVERIFY(core.engine()->thread() != QThread::currentThread());
        QCOMPARE(core.engine()->thread()->objectName(), QStringLiteral("keel-core"));
        start(core.engine(), request(server.baseUrl()));
        QTRY_VERIFY_WITH_TIMEOUT(observer.result.has_value(), 10000);
        QVERIFY(!observer.wrongThread);
    }

    void completeTurnDeliversEverything()
    {
        LoopbackLlmServer server;
        const QStringList tokens = numberedTokens(500);
        server.enqueue(Response::openAiStream(tokens, 13));
        CoreThread core;
        TurnObserver observer(core.engine());
        core.start();
        const TurnRequest r = request(server.baseUrl());
        start(core.engine(), r);
        QTRY_VERIFY_WITH_TIMEOUT(observer.result.has_value(), 10000);
        const TurnResult& result = *observer.result;
        QCOMPARE(result.turnId, r.turnId);
        QCOMPARE(result.outcome, TurnOutcome::Complete);
        QCOMPARE(result.finishReason, QStringLiteral("stop"));
        QCOMPARE(result.text, tokens.join(QString()));
        QCOMPARE(observer.text, result.text); // the deltas add up to the reply, nothing lost
        QCOMPARE(result.usage.inputTokens, 5);
        QCOMPARE(result.usage.outputTokens, 500);
        QVERIFY(result.bytes > 0);

        const ReceivedRequest sent = server.requests().value(0);
        QCOMPARE(sent.header("authorization"), QByteArray("Bearer sk-test-secret-key"));
        const QJsonObject body = sent.jsonBody();
        QCOMPARE(body.value(QStringLiteral("model")).toString(), QStringLiteral("test-model"));
        QCOMPARE(body.value(QStringLiteral("stream")).toBool(), true);
    }

    void deltasAreCoalescedToAtMostOnePerFrame()
    {
        LoopbackLlmServer server;
        server.enqueue(Response::openAiStream(numberedTokens(5000), 40));
        CoreThread core;
        TurnObserver observer(core.engine());
        core.start();
        start(core.engine(), request(server.baseUrl()));
        QTRY_VERIFY_WITH_TIMEOUT(observer.result.has_value(), 30000);
        QCOMPARE(observer.result->outcome, TurnOutcome::Complete);
        // 5,000 tokens in tiny pieces must not become 5,000 signals: one per 16 ms at most
        // (plus the flush before the result). Arrival times on this side can bunch up, so
        // the bound is on the count over the turn's duration, which jitter cannot inflate.
        const auto deltas = static_cast<qint64>(observer.deltaTimesMs.size());
        QVERIFY2(
            deltas <= observer.result->durationMs / 16 + 2,
            qPrintable(
                QStringLiteral("%1 deltas in %2 ms").arg(deltas).arg(observer.result->durationMs)));
        QVERIFY(deltas < 5000);
    }

    void heartbeatsTickWhileTheServerIsSilent()
    {
        LoopbackLlmServer server;
        server.enqueue(
            Response::sse({Step::sendHeaders(), Step::delay(3200),
                           Step::send(LoopbackLlmServer::openAiChunk(QStringLiteral("late"))),
                           Step::send(LoopbackLlmServer::openAiFinish()),
                           Step::send(LoopbackLlmServer::openAiDone())}));
        CoreThread core;
        TurnObserver observer(core.engine());
        core.start();
        start(core.engine(), request(server.baseUrl()));
        QTRY_VERIFY_WITH_TIMEOUT(observer.result.has_value(), 15000);
        QCOMPARE(observer.result->outcome, TurnOutcome::Complete);
        QVERIFY(observer.heartbeats.size() >= 4); // at start, then once a second
        bool sawWaiting = false;
        for (const TurnHeartbeat& beat : observer.heartbeats) {
            sawWaiting = sawWaiting || beat.phase == TurnPhase::WaitingForFirstToken;
            QVERIFY(beat.idleMs <= beat.elapsedMs);
        }
        QVERIFY(sawWaiting);
        QVERIFY(observer.heartbeats.back().idleMs >= 1000); // silence is visible to the user
        for (size_t i = 1; i < observer.heartbeatTimesMs.size(); ++i)
            QVERIFY(observer.heartbeatTimesMs[i] - observer.heartbeatTimesMs[i - 1] <= 1500);
    }

    void authErrorShowsProviderMessageAndKeySource()
    {
        LoopbackLlmServer server;
        server.enqueue(
            Response::openAiError(401, QStringLiteral("Incorrect API key provided: sk-te***ey."),
                                  QStringLiteral("invalid_request_error")));
        const TurnResult result = runTurn(server);
        QCOMPARE(m_deltaText, result.text); // the GUI saw every byte the result holds
        QCOMPARE(result.outcome, TurnOutcome::Error);
        QCOMPARE(result.error.kind, ErrorKind::Auth);
        QCOMPARE(result.error.httpStatus, 401);
        QVERIFY2(result.error.message.startsWith(QStringLiteral("Authentication failed: ")),
                 qPrintable(result.error.message));
        QVERIFY(result.error.message.contains(QStringLiteral("Incorrect API key provided")));
        QVERIFY(result.error.message.contains(QStringLiteral("OPENAI_API_KEY")));
        QVERIFY(!result.error.message.contains(QStringLiteral("sk-test-secret-key")));
    }

    void unknownModelShowsProviderMessage()
    {
        LoopbackLlmServer server;
        server.enqueue(Response::openAiError(
            404,
            QStringLiteral("The model `gpt-9` does not exist or you do not have access to it."),
            QStringLiteral("invalid_request_error")));
        const TurnResult result = runTurn(server);
        QCOMPARE(m_deltaText, result.text); // the GUI saw every byte the result holds
        QCOMPARE(result.outcome, TurnOutcome::Error);
        QCOMPARE(result.error.kind, ErrorKind::InvalidRequest);
        QVERIFY(result.error.message.contains(QStringLiteral("The model `gpt-9` does not exist")));
    }

    void connectionRefusedNamesTheUrl()
    {
        quint16 port = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost));
            port = probe.serverPort();
        }
        const QString url = QStringLiteral("http://127.0.0.1:%1/v1").arg(port);
        CoreThread core;
        TurnObserver observer(core.engine());
        core.start();
        start(core.engine(), request(url));
        QTRY_VERIFY_WITH_TIMEOUT(observer.result.has_value(), 10000);
        QCOMPARE(observer.result->outcome, TurnOutcome::Error);
        QCOMPARE(observer.result->error.kind, ErrorKind::Network);
        QVERIFY2(observer.result->error.message.contains(url),
                 qPrintable(observer.result->error.message));
    }

    void malformedChunkIsProtocolErrorAndKeepsPartialText()
    {
        LoopbackLlmServer server;
        server.enqueue(
            Response::sse({Step::send(LoopbackLlmServer::openAiChunk(QStringLiteral("Hello "))),
                           Step::send(LoopbackLlmServer::openAiChunk(QStringLiteral("world"))),
                           Step::send("data: {\"choices\":[{\"delta\":{\"content\":\"x\"\n\n"),
                           Step::send(LoopbackLlmServer::openAiDone())}));
        const TurnResult result = runTurn(server);
        QCOMPARE(m_deltaText, result.text); // the GUI saw every byte the result holds
        QCOMPARE(result.outcome, TurnOutcome::Error);
        QCOMPARE(result.error.kind, ErrorKind::Protocol);
        QCOMPARE(result.text, QStringLiteral("Hello world"));
    }

    void streamEndingWithoutDoneIsIncompleteAndKeepsText()
    {
        LoopbackLlmServer server;
        server.enqueue(
            Response::sse({Step::send(LoopbackLlmServer::openAiChunk(QStringLiteral("cut "))),
                           Step::send(LoopbackLlmServer::openAiChunk(QStringLiteral("off")))}));
        const TurnResult result = runTurn(server);
        QCOMPARE(m_deltaText, result.text); // the GUI saw every byte the result holds
        QCOMPARE(result.outcome, TurnOutcome::Incomplete);
        QCOMPARE(result.text, QStringLiteral("cut off"));
        QVERIFY(!result.error.message.isEmpty());
    }

    void resetMidStreamKeepsPartialText()
    {
        LoopbackLlmServer server;
        server.enqueue(
            Response::sse({Step::send(LoopbackLlmServer::openAiChunk(QStringLiteral("partial"))),
                           Step::delay(50), Step::abort()}));
        const TurnResult result = runTurn(server);
        QCOMPARE(m_deltaText, result.text); // the GUI saw every byte the result holds
        QVERIFY(result.outcome == TurnOutcome::Error || result.outcome == TurnOutcome::Incomplete);
        QCOMPARE(result.text, QStringLiteral("partial"));
    }

    void idleTimeoutKeepsPartialText()
    {
        LoopbackLlmServer server;
        server.enqueue(Response::sse(
            {Step::send(LoopbackLlmServer::openAiChunk(QStringLiteral("so far"))), Step::hang()}));
        const TurnResult result = runTurn(server, 400);
        QCOMPARE(m_deltaText, result.text); // the GUI saw every byte the result holds
        QCOMPARE(result.outcome, TurnOutcome::Error);
        QCOMPARE(result.error.kind, ErrorKind::IdleTimeout);
        QCOMPARE(result.text, QStringLiteral("so far"));
    }

    void cancelKeepsPartialText()
    {
        LoopbackLlmServer server;
        server.enqueue(Response::sse(
            {Step::send(LoopbackLlmServer::openAiChunk(QStringLiteral("before stop"))),
             Step::hang()}));
        CoreThread core;
        TurnObserver observer(core.engine());
        core.start();
        const TurnRequest r = request(server.baseUrl());
        start(core.engine(), r);
        QTRY_COMPARE_WITH_TIMEOUT(observer.text, QStringLiteral("before stop"), 10000);
        cancel(core.engine(), r.turnId);
        QTRY_VERIFY_WITH_TIMEOUT(observer.result.has_value(), 10000);
        QCOMPARE(observer.result->outcome, TurnOutcome::Cancelled);
        QCOMPARE(observer.result->error.kind, ErrorKind::Cancelled);
        QCOMPARE(observer.result->text, QStringLiteral("before stop"));
    }

    void shutdownDuringStreamIsClean()
    {
        LoopbackLlmServer server;
        server.setDefault(Response::sse(
            {Step::send(LoopbackLlmServer::openAiChunk(QStringLiteral("x"))), Step::hang()}));
        auto core = std::make_unique<CoreThread>();
        TurnObserver observer(core->engine());
        core->start();
        for (int i = 0; i < 4; ++i)
            start(core->engine(), request(server.baseUrl()));
        QVERIFY(server.waitForRequests(4, 10000));
        QTRY_VERIFY_WITH_TIMEOUT(!observer.text.isEmpty(), 10000);
        core->stop(); // must return: cancels the four streams and joins the thread
        core.reset();
        QVERIFY(server.waitForConnections(4, 1000));
        QTRY_COMPARE_WITH_TIMEOUT(server.openConnectionCount(), 0, 10000); // sockets closed
    }

private:
    QString m_deltaText; // what the deltas of the last runTurn added up to

    TurnResult runTurn(LoopbackLlmServer& server, int idleTimeoutMs = 600'000)
    {
        CoreThread core;
        TurnObserver observer(core.engine());
        core.start();
        start(core.engine(), request(server.baseUrl(), idleTimeoutMs));
        if (!QTest::qWaitFor([&] { return observer.result.has_value(); }, 15000))
            return {};
        m_deltaText = observer.text;
        return *observer.result;
    }
};

QTEST_GUILESS_MAIN(EngineTest)
#include "EngineTest.moc"
