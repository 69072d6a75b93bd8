// RetryTest: transient failures before the first token are retried with backoff (honouring
// Retry-After), at most three attempts, visibly in the heartbeat, cancellable at once; nothing
// is retried once a token has arrived.
#include "CoreThread.h"
#include "Engine.h"
#include "LoopbackLlmServer.h"

#include <QElapsedTimer>
#include <QTcpServer>
#include <QTest>
#include <QUuid>

using namespace keel::core;
using namespace keel::test;

namespace {

struct Observed {
    std::vector<TurnHeartbeat> heartbeats;
    QString text;
    std::optional<TurnResult> result;
};

class Harness {
public:
    Harness()
    {
        QObject::connect(
            m_core.engine(), &Engine::turnHeartbeat, &m_context,
            [this](const TurnHeartbeat& beat) { m_observed.heartbeats.push_back(beat); });
        QObject::connect(m_core.engine(), &Engine::turnDelta, &m_context,
                         [this](const TurnDelta& delta) { m_observed.text += delta.text; });
        QObject::connect(m_core.engine(), &Engine::turnFinished, &m_context,
                         [this](const TurnResult& result) { m_observed.result = result; });
        m_core.start();
    }

    QString start(const QString& baseUrl)
    {
        TurnRequest request;
        request.turnId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        request.provider.baseUrl = baseUrl;
        request.model = QStringLiteral("m");
        request.messages = {{Role::User, QStringLiteral("hi")}};
        Engine* engine = m_core.engine();
        QMetaObject::invokeMethod(
            engine, [engine, request] { engine->startTurn(request); }, Qt::QueuedConnection);
        m_clock.start();
        return request.turnId;
    }

    void cancel(const QString& turnId)
    {
        Engine* engine = m_core.engine();
        QMetaObject::invokeMethod(
            engine, [engine, turnId] { engine->cancelTurn(turnId); }, Qt::QueuedConnection);
    }

    bool waitForResult(int timeoutMs = 20000)
    {
        return QTest::qWaitFor([this] { return m_observed.result.has_value(); }, timeoutMs);
    }

    const Observed& observed() const { return m_observed; }
    qint64 elapsedMs() const { return m_clock.elapsed(); }
    const TurnHeartbeat* firstRetryBeat() const
    {
        for (const TurnHeartbeat& beat : m_observed.heartbeats) {
            if (beat.phase == TurnPhase::Retrying)
                return &beat;
        }
        return nullptr;
    }

private:
    CoreThread m_core;
    QObject m_context; // lives on the test thread: the engine's signals arrive here, queued
    Observed m_observed;
    QElapsedTimer m_clock;
};

Response tooManyRequests(const QByteArray& retryAfter)
{
    Response response = Response::openAiError(
        429, QStringLiteral("Rate limit reached for requests"), QStringLiteral("requests"));
    if (!retryAfter.isEmpty())
        response.headers.append({"Retry-After", retryAfter});
    return response;
}

} // namespace

class RetryTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void rateLimitHonoursRetryAfterThenSucceeds()
    {
        LoopbackLlmServer server;
        server.enqueue(tooManyRequests("2"));
        server.enqueue(Response::openAiStream({QStringLiteral("finally")}));
        Harness harness;
        harness.start(server.baseUrl());
        QVERIFY(harness.waitForResult());
        const TurnResult& result = *harness.observed().result;
        QCOMPARE(result.outcome, TurnOutcome::Complete);
        QCOMPARE(result.text, QStringLiteral("finally"));
        QCOMPARE(server.requestCount(), 2);
        QVERIFY(harness.elapsedMs() >= 1900); // it waited as told
        const TurnHeartbeat* retry = harness.firstRetryBeat();
        QVERIFY(retry);
        QVERIFY2(retry->retryInMs > 1000 && retry->retryInMs <= 2000,
                 qPrintable(QString::number(retry->retryInMs)));
        QCOMPARE(retry->attempt, 2); // the attempt that is about to start
        QCOMPARE(retry->maxAttempts, 3);
    }

    void retryAfterAsHttpDate()
    {
        LoopbackLlmServer server;
        const QDateTime when = QDateTime::currentDateTimeUtc().addSecs(2);
        server.enqueue(
            tooManyRequests(QLocale::c()
                                .toString(when, QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"))
                                .toLatin1()));
        server.enqueue(Response::openAiStream({QStringLiteral("ok")}));
        Harness harness;
        harness.start(server.baseUrl());
        QVERIFY(harness.waitForResult());
        QCOMPARE(harness.observed().result->outcome, TurnOutcome::Complete);
        QCOMPARE(server.requestCount(), 2);
        QVERIFY(harness.firstRetryBeat());
    }

    void serverErrorThreeTimesGivesUpWithClearError()
    {
        LoopbackLlmServer server;
        for (int i = 0; i < 3; ++i)
            server.enqueue(Response::openAiError(503, QStringLiteral("The server is overloaded"),
                                                 QStringLiteral("server_error")));
        server.enqueue(Response::openAiStream({QStringLiteral("never fetched")}));
        Harness harness;
        harness.start(server.baseUrl());
        QVERIFY(harness.waitForResult());
        const TurnResult& result = *harness.observed().result;
        QCOMPARE(result.outcome, TurnOutcome::Error);
        QCOMPARE(result.error.kind, ErrorKind::ServerError);
        QCOMPARE(result.error.httpStatus, 503);
        QVERIFY2(result.error.message.contains(QStringLiteral("The server is overloaded")),
                 qPrintable(result.error.message));
        QVERIFY(result.error.message.contains(QStringLiteral("3 attempts")));
        QCOMPARE(server.requestCount(), 3);
        int retryingBeats = 0;
        for (const TurnHeartbeat& beat : harness.observed().heartbeats)
            retryingBeats += beat.phase == TurnPhase::Retrying ? 1 : 0;
        QVERIFY(retryingBeats >= 2); // one announcement per backoff at least
    }

    void stopDuringBackoffCancelsAtOnce()
    {
        LoopbackLlmServer server;
        server.enqueue(tooManyRequests("30"));
        server.enqueue(Response::openAiStream({QStringLiteral("too late")}));
        Harness harness;
        const QString id = harness.start(server.baseUrl());
        QVERIFY(QTest::qWaitFor([&] { return harness.firstRetryBeat() != nullptr; }, 10000));
        QElapsedTimer sinceStop;
        sinceStop.start();
        harness.cancel(id);
        QVERIFY(harness.waitForResult(5000));
        QVERIFY(sinceStop.elapsed() < 5000); // not after the 30 s the server asked for
        QCOMPARE(harness.observed().result->outcome, TurnOutcome::Cancelled);
        QCOMPARE(server.requestCount(), 1);
    }

    void noRetryAfterTheFirstToken()
    {
        LoopbackLlmServer server;
        server.enqueue(
            Response::sse({Step::send(LoopbackLlmServer::openAiChunk(QStringLiteral("kept"))),
                           Step::delay(50), Step::abort()}));
        server.enqueue(Response::openAiStream({QStringLiteral("must not be fetched")}));
        Harness harness;
        harness.start(server.baseUrl());
        QVERIFY(harness.waitForResult());
        const TurnResult& result = *harness.observed().result;
        QVERIFY(result.outcome == TurnOutcome::Error || result.outcome == TurnOutcome::Incomplete);
        QCOMPARE(result.text, QStringLiteral("kept"));
        QCOMPARE(harness.observed().text, QStringLiteral("kept"));
        QCOMPARE(server.requestCount(), 1);
        QVERIFY(!harness.firstRetryBeat());
    }

    void exhaustedQuotaIsNotRetried()
    {
        LoopbackLlmServer server;
        server.enqueue(Response::body(
            429,
            R"({"error":{"message":"You exceeded your current quota.","type":"insufficient_quota","code":"insufficient_quota"}})"));
        Harness harness;
        harness.start(server.baseUrl());
        QVERIFY(harness.waitForResult());
        QCOMPARE(harness.observed().result->error.kind, ErrorKind::RateLimit);
        QCOMPARE(server.requestCount(), 1);
    }

    void connectFailureIsRetriedThenNamesTheUrl()
    {
        quint16 port = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost));
            port = probe.serverPort();
        }
        const QString url = QStringLiteral("http://127.0.0.1:%1/v1").arg(port);
        Harness harness;
        harness.start(url);
        QVERIFY(harness.waitForResult(30000));
        const TurnResult& result = *harness.observed().result;
        QCOMPARE(result.error.kind, ErrorKind::Network);
        QVERIFY(result.error.message.contains(url));
        QVERIFY(result.error.message.contains(QStringLiteral("3 attempts")));
        QVERIFY(harness.firstRetryBeat());
    }
};

QTEST_GUILESS_MAIN(RetryTest)
#include "RetryTest.moc"
