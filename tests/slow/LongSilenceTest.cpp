// LongSilenceTest: the promise itself. The server says nothing for 65 s, then streams 20,000
// tokens; the real app must keep its heartbeat (no gap over 1.5 s), keep its GUI responsive
// (watchdog latency max under 50 ms) and end with the whole reply.
#include "GuiRun.h"
#include "LoopbackLlmServer.h"

#include <QJsonArray>
#include <QTest>

using namespace keel::test;

class LongSilenceTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void silentSixtyFiveSecondsThenTwentyThousandTokens()
    {
        LoopbackLlmServer server;
        // Silence, then 20,000 tokens paced like a fast model (20 tokens every 10 ms), so the
        // window renders hundreds of deltas into a reply that keeps growing.
        Response response = Response::sse({Step::sendHeaders(), Step::delay(65000)});
        qsizetype expectedChars = 0;
        for (int burst = 0; burst < 1000; ++burst) {
            QByteArray events;
            for (int i = 0; i < 20; ++i) {
                QString token = QStringLiteral("t%1 ").arg((burst * 20 + i) % 1000);
                if (i == 19 && burst % 5 == 4)
                    token += QStringLiteral("\n\n"); // a paragraph every 100 tokens
                expectedChars += token.size();
                events += LoopbackLlmServer::openAiChunk(token);
            }
            response.steps.push_back(Step::send(events));
            response.steps.push_back(Step::delay(10));
        }
        response.steps.push_back(Step::send(LoopbackLlmServer::openAiFinish()));
        response.steps.push_back(Step::send(LoopbackLlmServer::openAiUsage(5, 20000)));
        response.steps.push_back(Step::send(LoopbackLlmServer::openAiDone()));
        server.enqueue(response);

        const GuiRunResult run =
            runGuiOnce(QStringLiteral(KEEL_BINARY), server.baseUrl(), QStringLiteral("hi"), 150000);
        QVERIFY2(run.ok, qPrintable(run.failure));
        const QJsonObject gui = run.diagnostics.value(QStringLiteral("gui_latency_ms")).toObject();
        const QJsonArray turns = run.diagnostics.value(QStringLiteral("turns")).toArray();
        QCOMPARE(turns.size(), 1);
        const QJsonObject turn = turns.first().toObject();
        qInfo("heartbeats %d, max gap %d ms, GUI latency max %.1f ms p99 %.1f ms over 16 ms %d "
              "(of %d samples), deltas %d, duration %d ms",
              turn.value(QStringLiteral("heartbeats")).toInt(),
              turn.value(QStringLiteral("max_heartbeat_gap_ms")).toInt(),
              gui.value(QStringLiteral("max")).toDouble(),
              gui.value(QStringLiteral("p99")).toDouble(),
              gui.value(QStringLiteral("over_16")).toInt(),
              gui.value(QStringLiteral("samples")).toInt(),
              turn.value(QStringLiteral("gui_deltas")).toInt(),
              turn.value(QStringLiteral("duration_ms")).toInt());
        QCOMPARE(turn.value(QStringLiteral("outcome")).toString(), QStringLiteral("complete"));
        QVERIFY(turn.value(QStringLiteral("duration_ms")).toInt() >= 65000);
        QVERIFY(turn.value(QStringLiteral("gui_deltas")).toInt() >= 100); // really streamed
        QVERIFY(turn.value(QStringLiteral("heartbeats")).toInt() >= 65);
        QVERIFY(turn.value(QStringLiteral("max_heartbeat_gap_ms")).toInt() <= 1500);
        QVERIFY(gui.value(QStringLiteral("samples")).toInt() > 1000);
        QVERIFY2(gui.value(QStringLiteral("max")).toDouble() <= 50.0,
                 qPrintable(QString::number(gui.value(QStringLiteral("max")).toDouble())));
        QCOMPARE(turn.value(QStringLiteral("gui_text_chars")).toInteger(), expectedChars);
        QCOMPARE(turn.value(QStringLiteral("reply_chars")).toInteger(), expectedChars);
    }
};

QTEST_GUILESS_MAIN(LongSilenceTest)
#include "LongSilenceTest.moc"
