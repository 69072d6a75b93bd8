// FaultMatrixLongTest: the fault matrix's long rows, for every provider kind, all at once on one
// engine (twelve turns in flight, about two minutes of wall time):
//   - 120 s of silence in the middle of a reply, then the rest: the default idle timeout (600 s)
//     lets it finish; meanwhile heartbeats keep coming and show the silence growing.
//   - keep-alives only for 120 s (SSE comments; blank lines for NDJSON), then the reply, under an
//     idle timeout of 20 s: keep-alives are bytes, so the turn never counts as idle.
//   - a server that accepts the request and never answers, idle timeout 5 s: an IdleTimeout
//     error with a human message after 5 s, not before, and the socket closed.
// Throughout, heartbeats arrive at least every 1.5 s and this (GUI) thread keeps its 16 ms frames.
#include "FaultHarness.h"
#include "FaultScenarios.h"
#include "FaultWire.h"
#include "LoopbackLlmServer.h"

#include <QTest>

#include <memory>
#include <vector>

using namespace keel::core;
using namespace keel::test;

namespace {

constexpr int kSilenceMs = 120'000;
constexpr int kKeepAliveEveryMs = 5'000;
constexpr int kShortIdleTimeoutMs = 5'000;
constexpr qint64 kMaxHeartbeatGapMs = 1'500;
constexpr qint64 kMaxFrameGapMs = 500;

enum class Case { Silence, KeepAliveOnly, NeverAnswers };

struct LongTurn {
    QString label; // "gemini keep-alive only", named in failures
    Case what = Case::Silence;
    std::unique_ptr<LoopbackLlmServer> server;
    TurnRequest request;
};

Response silenceThenRest(const FaultWire& wire, const QStringList& tokens)
{
    QByteArray before = wire.prologue() + wire.token(tokens[0]) + wire.token(tokens[1]);
    QByteArray after;
    for (qsizetype i = 2; i < tokens.size(); ++i)
        after += wire.token(tokens[i]);
    Response response = Response::sse(
        {Step::send(before), Step::delay(kSilenceMs), Step::send(after + wire.finish())});
    response.contentType = wire.streamContentType();
    return response;
}

Response keepAlivesThenReply(const FaultWire& wire, const QStringList& tokens)
{
    std::vector<Step> steps;
    for (int ms = 0; ms < kSilenceMs; ms += kKeepAliveEveryMs) {
        steps.push_back(Step::send(wire.keepAlive()));
        steps.push_back(Step::delay(kKeepAliveEveryMs));
    }
    steps.push_back(Step::send(wire.stream(tokens)));
    Response response = Response::sse(std::move(steps));
    response.contentType = wire.streamContentType();
    return response;
}

} // namespace

class FaultMatrixLongTest : public QObject {
    Q_OBJECT

private:
    static void checkHeartbeats(const LongTurn& turn, const TurnTrace& trace)
    {
        const QByteArray label = turn.label.toUtf8();
        QVERIFY2(!trace.heartbeats.empty(), label.constData());
        const qint64 gap = trace.maxHeartbeatGapMs();
        qInfo("%s: %zu heartbeats, largest gap %lld ms", label.constData(), trace.heartbeats.size(),
              static_cast<long long>(gap));
        QVERIFY2(gap <= kMaxHeartbeatGapMs,
                 qPrintable(QStringLiteral("%1: heartbeat gap %2 ms").arg(turn.label).arg(gap)));
        // The last heartbeat is no older than a gap before the end.
        QVERIFY2(trace.resultAtMs - trace.heartbeatArrivalMs.back() <= kMaxHeartbeatGapMs,
                 label.constData());
    }

    static qint64 maxIdleMs(const TurnTrace& trace)
    {
        qint64 worst = 0;
        for (const TurnHeartbeat& beat : trace.heartbeats)
            worst = std::max(worst, beat.idleMs);
        return worst;
    }

private Q_SLOTS:
    void allKindsAtOnce()
    {
        FaultHarness harness;
        const QStringList tokens = partialTokens();
        std::vector<LongTurn> turns;
        for (const QString& kind : FaultWire::kinds()) {
            const FaultWire wire(kind);
            for (const Case what : {Case::Silence, Case::KeepAliveOnly, Case::NeverAnswers}) {
                LongTurn turn;
                turn.what = what;
                turn.server = std::make_unique<LoopbackLlmServer>();
                QVERIFY(turn.server->isListening());
                turn.request = harness.request(wire, wire.baseUrl(turn.server->port()));
                switch (what) {
                case Case::Silence:
                    turn.label = kind + QStringLiteral(" 120 s silence");
                    turn.server->enqueue(silenceThenRest(wire, tokens));
                    QCOMPARE(turn.request.idleTimeoutMs, 600'000); // the default
                    break;
                case Case::KeepAliveOnly:
                    turn.label = kind + QStringLiteral(" 120 s keep-alive only");
                    turn.server->enqueue(keepAlivesThenReply(wire, tokens));
                    // Shorter than the 120 s without content: only the keep-alives keep it alive.
                    turn.request.idleTimeoutMs = 20'000;
                    break;
                case Case::NeverAnswers:
                    turn.label = kind + QStringLiteral(" never answers");
                    turn.server->enqueue(Response::sse({Step::hang()}));
                    turn.request.idleTimeoutMs = kShortIdleTimeoutMs;
                    break;
                }
                turns.push_back(std::move(turn));
            }
        }

        harness.probe().restart();
        for (const LongTurn& turn : turns)
            harness.start(turn.request);
        const bool allEnded = QTest::qWaitFor(
            [&] {
                for (const LongTurn& turn : turns) {
                    if (!harness.trace(turn.request.turnId).result)
                        return false;
                }
                return true;
            },
            kSilenceMs + 60'000);
        const qint64 frameGap = harness.probe().worstGapMs();
        qInfo("worst test-thread frame gap with %zu long turns in flight: %lld ms", turns.size(),
              static_cast<long long>(frameGap));
        QVERIFY(allEnded);
        QVERIFY2(frameGap <= kMaxFrameGapMs, qPrintable(QString::number(frameGap)));
        QCOMPARE(harness.activeTurnCount(), 0);

        for (const LongTurn& turn : turns) {
            const TurnTrace& trace = harness.trace(turn.request.turnId);
            const TurnResult& result = *trace.result;
            const QByteArray label = turn.label.toUtf8();
            qInfo("%s -> %s after %lld ms: %s", label.constData(),
                  qPrintable(wireName(result.outcome)), static_cast<long long>(trace.resultAtMs),
                  qPrintable(result.error.message));
            checkHeartbeats(turn, trace);
            if (QTest::currentTestFailed())
                return;
            QCOMPARE(trace.text, result.text);
            QCOMPARE(turn.server->requestCount(), 1);
            switch (turn.what) {
            case Case::Silence:
                QVERIFY2(result.outcome == TurnOutcome::Complete, label.constData());
                QCOMPARE(result.text, tokens.join(QString()));
                QVERIFY2(trace.resultAtMs >= kSilenceMs, label.constData());
                // The status line showed the silence growing, second by second, while streaming.
                QVERIFY2(maxIdleMs(trace) >= kSilenceMs - 5'000,
                         qPrintable(QString::number(maxIdleMs(trace))));
                {
                    qint64 previousIdle = -1;
                    int growing = 0;
                    for (const TurnHeartbeat& beat : trace.heartbeats) {
                        if (beat.phase != TurnPhase::Streaming || beat.idleMs < 2'000)
                            continue;
                        QVERIFY2(beat.idleMs > previousIdle, label.constData());
                        previousIdle = beat.idleMs;
                        ++growing;
                    }
                    QVERIFY2(growing >= 100, qPrintable(QString::number(growing)));
                }
                break;
            case Case::KeepAliveOnly:
                QVERIFY2(result.outcome == TurnOutcome::Complete,
                         qPrintable(turn.label + u' ' + result.error.message));
                QCOMPARE(result.text, tokens.join(QString()));
                QVERIFY2(trace.resultAtMs >= kSilenceMs, label.constData());
                // Keep-alives are bytes: the silence shown never grew past one interval.
                QVERIFY2(maxIdleMs(trace) < kKeepAliveEveryMs + 2'000,
                         qPrintable(QString::number(maxIdleMs(trace))));
                QVERIFY(result.bytes > 0);
                break;
            case Case::NeverAnswers:
                QVERIFY2(result.outcome == TurnOutcome::Error, label.constData());
                QCOMPARE(result.error.kind, ErrorKind::IdleTimeout);
                QVERIFY(!result.error.retryable);
                QVERIFY(result.text.isEmpty());
                QVERIFY2(result.error.message.contains(QStringLiteral("nothing for 5 s")),
                         qPrintable(result.error.message));
                QVERIFY2(result.error.message.contains(QStringLiteral("idle timeout")),
                         qPrintable(result.error.message));
                // After the 5 s, not before, and not much later.
                QVERIFY2(result.durationMs >= kShortIdleTimeoutMs,
                         qPrintable(QString::number(result.durationMs)));
                QVERIFY2(trace.resultAtMs < kShortIdleTimeoutMs + 3'000,
                         qPrintable(QString::number(trace.resultAtMs)));
                QVERIFY2(maxIdleMs(trace) >= kShortIdleTimeoutMs - 1'500,
                         qPrintable(QString::number(maxIdleMs(trace))));
                break;
            }
            // The client closed its socket (the finished ones may keep one idle for reuse).
            const int allowed = turn.what == Case::NeverAnswers ? 0 : 1;
            QVERIFY2(QTest::qWaitFor([&] { return turn.server->openConnectionCount() <= allowed; },
                                     5000),
                     label.constData());
        }
    }
};

QTEST_GUILESS_MAIN(FaultMatrixLongTest)
#include "FaultMatrixLongTest.moc"
