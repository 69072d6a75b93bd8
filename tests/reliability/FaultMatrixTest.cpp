// FaultMatrixTest: the fault matrix, fast part. Every fault a provider's server or the network can
// throw at a turn (HTTP error statuses with and without a body, broken and strange streams,
// refused connections, unknown hosts, untrusted certificates), played in each provider kind's own
// wire format through the real core loop (CoreThread, Engine, libcurl, decoders, mappers). For
// each row: the outcome, the error kind and a human message, exactly the text received before the
// fault, the turn gone from the engine, the client's socket closed, and this (GUI) thread never
// kept from its 16 ms frames. The long faults (minutes of silence) are in FaultMatrixLongTest.
#include "FaultHarness.h"
#include "FaultScenarios.h"
#include "FaultWire.h"
#include "LoopbackLlmServer.h"
#include "TlsLoopbackServer.h"

#include <QTcpServer>
#include <QTest>

#include <memory>

using namespace keel::core;
using namespace keel::test;

namespace {

// The test thread plays the GUI; a frame it cannot paint for this long is a visible stall. The
// bound holds under ASan on a loaded 2-core machine (the real worst is printed at the end).
constexpr qint64 kMaxFrameGapMs = 500;
constexpr int kTurnTimeoutMs = 60'000;

// Status names in row titles.
QByteArray rowName(const QString& kind, const QString& what)
{
    return (kind + u' ' + what).toUtf8();
}

} // namespace

class FaultMatrixTest : public QObject {
    Q_OBJECT

private:
    // Runs one turn to its end and checks what every row must hold, whatever the fault: a result
    // arrived, the GUI saw exactly the result's text (no delta after it), a failed turn says why,
    // the engine dropped the turn, and this thread stayed responsive.
    const TurnResult* runTurn(const TurnRequest& request)
    {
        m_harness->probe().restart();
        const QString id = m_harness->start(request);
        if (!m_harness->waitForResult(id, kTurnTimeoutMs)) {
            QTest::qFail("the turn did not end", __FILE__, __LINE__);
            return nullptr;
        }
        const TurnTrace& trace = m_harness->trace(id);
        const TurnResult& result = *trace.result;
        if (trace.text != result.text) {
            QTest::qFail(qPrintable(QStringLiteral("the GUI saw %1 characters, the result has %2")
                                        .arg(trace.text.size())
                                        .arg(result.text.size())),
                         __FILE__, __LINE__);
            return nullptr;
        }
        if (trace.deltasAfterResult != 0 || trace.heartbeats.empty()) {
            QTest::qFail("deltas after the result, or no heartbeat", __FILE__, __LINE__);
            return nullptr;
        }
        if (result.outcome != TurnOutcome::Complete && result.error.message.trimmed().isEmpty()) {
            QTest::qFail("a failed turn without a message", __FILE__, __LINE__);
            return nullptr;
        }
        if (m_harness->activeTurnCount() != 0) {
            QTest::qFail("the engine still holds the turn", __FILE__, __LINE__);
            return nullptr;
        }
        const qint64 gap = m_harness->probe().worstGapMs();
        if (gap > m_worstGapMs) {
            m_worstGapMs = gap;
            m_worstGapRow = QString::fromUtf8(QTest::currentDataTag());
        }
        if (gap > kMaxFrameGapMs) {
            QTest::qFail(qPrintable(QStringLiteral("the test thread stalled for %1 ms").arg(gap)),
                         __FILE__, __LINE__);
            return nullptr;
        }
        qInfo("%s -> %s / %s: %s", QTest::currentDataTag(), qPrintable(wireName(result.outcome)),
              qPrintable(wireName(result.error.kind)), qPrintable(result.error.message.left(200)));
        return &result;
    }

    // The client closed every socket it does not keep for reuse (at most the one idle pooled
    // connection of a response that ended cleanly).
    static bool socketsClosed(LoopbackLlmServer& server, bool mayKeepOne)
    {
        const int allowed = mayKeepOne ? 1 : 0;
        return QTest::qWaitFor([&] { return server.openConnectionCount() <= allowed; }, 5000);
    }

    std::unique_ptr<FaultHarness> m_harness;
    qint64 m_worstGapMs = 0;
    QString m_worstGapRow;

private Q_SLOTS:
    void initTestCase() { m_harness = std::make_unique<FaultHarness>(); }

    void cleanupTestCase()
    {
        qInfo("worst test-thread frame gap over all rows: %lld ms (%s)",
              static_cast<long long>(m_worstGapMs), qPrintable(m_worstGapRow));
        m_harness.reset();
    }

    void httpStatus_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("body");
        QTest::addColumn<QByteArray>("retryAfter");
        for (const QString& kind : FaultWire::kinds()) {
            for (const int status : matrixStatuses()) {
                for (const QString& body : statusBodyVariants())
                    QTest::newRow(rowName(kind, QStringLiteral("%1 %2").arg(status).arg(body)))
                        << kind << status << body << QByteArray();
            }
            for (const char* body : {"json", "empty"})
                QTest::newRow(rowName(kind, QStringLiteral("429 %1 retry-after").arg(body)))
                    << kind << 429 << QString::fromLatin1(body) << QByteArray("7");
            QTest::newRow(rowName(kind, QStringLiteral("503 json retry-after")))
                << kind << 503 << QStringLiteral("json") << QByteArray("7");
        }
    }

    void httpStatus()
    {
        QFETCH(QString, kind);
        QFETCH(int, status);
        QFETCH(QString, body);
        QFETCH(QByteArray, retryAfter);
        const FaultWire wire(kind);
        LoopbackLlmServer server;
        QVERIFY(server.isListening());
        server.enqueue(statusResponse(wire, status, body, retryAfter));
        const TurnRequest request = m_harness->request(wire, wire.baseUrl(server.port()));

        const TurnResult* result = runTurn(request);
        if (!result)
            return; // runTurn said why
        const StatusExpectation expected = expectationForStatus(status);
        QCOMPARE(result->outcome, TurnOutcome::Error);
        QCOMPARE(result->error.kind, expected.kind);
        QCOMPARE(result->error.httpStatus, status);
        QCOMPARE(result->error.retryable, expected.retryable);
        QCOMPARE(result->error.retryAfterMs, retryAfter.isEmpty() ? -1 : 7000);
        QVERIFY(result->text.isEmpty());
        QCOMPARE(server.requestCount(), 1); // one attempt: nothing retried behind our back

        // A human message: the status in words, the server's own words when it sent some, and
        // never the raw JSON or HTML it came in, nor the API key.
        const QString& message = result->error.message;
        QVERIFY2(message.contains(expected.meaning, Qt::CaseInsensitive), qPrintable(message));
        if (body == QLatin1String("json"))
            QVERIFY2(message.contains(serverErrorMessage(status)), qPrintable(message));
        for (const char* raw : {"{", "}", "<", "\"error\"", "nginx"})
            QVERIFY2(!message.contains(QLatin1String(raw)), qPrintable(message));
        QVERIFY2(!message.contains(request.provider.apiKey), qPrintable(message));
        if (status == 429 && !retryAfter.isEmpty())
            QVERIFY2(message.contains(QStringLiteral("Retry after 7 s")), qPrintable(message));
        QVERIFY(socketsClosed(server, true));
    }

    void streamFault_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("fault");
        for (const QString& kind : FaultWire::kinds()) {
            for (const QString& fault : streamFaults())
                QTest::newRow(rowName(kind, fault)) << kind << fault;
        }
    }

    void streamFault()
    {
        QFETCH(QString, kind);
        QFETCH(QString, fault);
        const FaultWire wire(kind);
        const StreamScenario scenario = streamScenario(fault, wire);
        LoopbackLlmServer server;
        QVERIFY(server.isListening());
        server.enqueue(scenario.response);

        const TurnResult* result = runTurn(m_harness->request(wire, wire.baseUrl(server.port())));
        if (!result)
            return; // runTurn said why
        QCOMPARE(result->outcome, scenario.outcome);
        QCOMPARE(result->error.kind, scenario.errorKind);
        // Exactly the text sent before the fault: nothing lost, nothing invented. (QCOMPARE on
        // megabytes would print them all; the size says enough when they differ.)
        QCOMPARE(result->text.size(), scenario.text.size());
        QVERIFY(result->text == scenario.text);
        for (const QString& words : scenario.messageHas)
            QVERIFY2(result->error.message.contains(words, Qt::CaseInsensitive),
                     qPrintable(result->error.message));
        for (const char* raw : {"<", "nginx"})
            QVERIFY2(!result->error.message.contains(QLatin1String(raw)),
                     qPrintable(result->error.message));
        if (scenario.outcome == TurnOutcome::Complete)
            QCOMPARE(result->finishReason, QStringLiteral("stop"));
        QCOMPARE(server.requestCount(), 1);
        QVERIFY2(socketsClosed(server, scenario.connectionMayStayOpen),
                 qPrintable(QString::number(server.openConnectionCount())));
    }

    void transportFault_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("fault");
        for (const QString& kind : FaultWire::kinds()) {
            for (const char* fault : {"connection refused", "unknown host", "untrusted certificate",
                                      "verification off for loopback"})
                QTest::newRow(rowName(kind, QString::fromLatin1(fault)))
                    << kind << QString::fromLatin1(fault);
        }
    }

    void transportFault()
    {
        QFETCH(QString, kind);
        QFETCH(QString, fault);
        const FaultWire wire(kind);
        if (fault == QLatin1String("connection refused")) {
            quint16 port = 0;
            {
                QTcpServer probe; // bound, then closed: nobody listens there now
                QVERIFY(probe.listen(QHostAddress::LocalHost));
                port = probe.serverPort();
            }
            const TurnRequest request = m_harness->request(wire, wire.baseUrl(port));
            const TurnResult* result = runTurn(request);
            if (!result)
                return; // runTurn said why
            QCOMPARE(result->outcome, TurnOutcome::Error);
            QCOMPARE(result->error.kind, ErrorKind::Network);
            QVERIFY(result->error.retryable); // before any byte: safe to try again
            QVERIFY2(result->error.message.contains(request.provider.baseUrl),
                     qPrintable(result->error.message));
            QVERIFY2(result->error.message.contains(QStringLiteral("refused"), Qt::CaseInsensitive),
                     qPrintable(result->error.message));
        } else if (fault == QLatin1String("unknown host")) {
            // A first label longer than 63 characters is refused by the resolver itself, before
            // any DNS packet is sent (checked with strace), so the test stays on loopback. A
            // normal *.invalid name would ask the real nameserver.
            const QString host = QString(70, u'a') + QStringLiteral(".invalid");
            const TurnRequest request =
                m_harness->request(wire, wire.baseUrl(80, QStringLiteral("http"), host));
            const TurnResult* result = runTurn(request);
            if (!result)
                return; // runTurn said why
            QCOMPARE(result->outcome, TurnOutcome::Error);
            QCOMPARE(result->error.kind, ErrorKind::Network);
            QVERIFY2(result->error.message.contains(host), qPrintable(result->error.message));
            QVERIFY2(
                result->error.message.contains(QStringLiteral("not be found"), Qt::CaseInsensitive),
                qPrintable(result->error.message));
        } else {
            TlsLoopbackServer server;
            QVERIFY2(server.isReady(), qPrintable(server.errorString()));
            const QStringList tokens = partialTokens();
            server.setResponse(wire.streamContentType(), wire.stream(tokens));
            TurnRequest request =
                m_harness->request(wire, wire.baseUrl(server.port(), QStringLiteral("https")));
            const bool verify = fault == QLatin1String("untrusted certificate");
            request.provider.verifyTls = verify;
            const TurnResult* result = runTurn(request);
            if (!result)
                return; // runTurn said why
            if (verify) {
                QCOMPARE(result->outcome, TurnOutcome::Error);
                QCOMPARE(result->error.kind, ErrorKind::Network);
                QVERIFY(!result->error.retryable);
                QVERIFY2(result->error.message.contains(QStringLiteral("not trusted")),
                         qPrintable(result->error.message));
                QVERIFY2(result->error.message.contains(QStringLiteral("certificate")),
                         qPrintable(result->error.message));
                // Refused during the handshake: no request went out, encrypted or (a fallback to
                // plain HTTP) not.
                QVERIFY(QTest::qWaitFor([&] { return server.handshakesFailed() >= 1; }, 5000));
                QCOMPARE(server.connectionCount(), 1);
                QCOMPARE(server.handshakesDone(), 0);
                QCOMPARE(server.requestsServed(), 0);
            } else {
                // The control: the same server is fine once trust is not the question (loopback
                // only), so the row above failed for the certificate and nothing else.
                QCOMPARE(result->outcome, TurnOutcome::Complete);
                QCOMPARE(result->text, tokens.join(QString()));
                QCOMPARE(server.requestsServed(), 1);
            }
        }
    }
};

QTEST_GUILESS_MAIN(FaultMatrixTest)
#include "FaultMatrixTest.moc"
