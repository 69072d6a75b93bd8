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
        QStringList tokens;
        qsizetype expectedChars = 0;
        for (int i = 0; i < 20000; ++i) {
            tokens << QStringLiteral("t%1 ").arg(i % 1000);
            expectedChars += tokens.back().size();
        }
        Response response = Response::openAiStream(tokens, 4096);
        response.steps.insert(response.steps.begin(), {Step::sendHeaders(), Step::delay(65000)});
        server.enqueue(response);

        const GuiRunResult run = runGuiOnce(QStringLiteral(KEEL_BINARY), server.baseUrl(),
                                            QStringLiteral("hi"), 150000);
        QVERIFY2(run.ok, qPrintable(run.failure));
        const QJsonObject gui = run.diagnostics.value(QStringLiteral("gui_latency_ms")).toObject();
        const QJsonArray turns = run.diagnostics.value(QStringLiteral("turns")).toArray();
        QCOMPARE(turns.size(), 1);
        const QJsonObject turn = turns.first().toObject();
        qInfo("heartbeats %d, max gap %d ms, GUI latency max %.1f ms p99 %.1f ms over 16 ms %d "
              "(of %d samples), deltas %d, duration %d ms",
              turn.value(QStringLiteral("heartbeats")).toInt(),
              turn.value(QStringLiteral("max_heartbeat_gap_ms")).toInt(),
              gui.value(QStringLiteral("max")).toDouble(), gui.value(QStringLiteral("p99")).toDouble(),
              gui.value(QStringLiteral("over_16")).toInt(), gui.value(QStringLiteral("samples")).toInt(),
              turn.value(QStringLiteral("gui_deltas")).toInt(),
              turn.value(QStringLiteral("duration_ms")).toInt());
        QCOMPARE(turn.value(QStringLiteral("outcome")).toString(), QStringLiteral("complete"));
        QVERIFY(turn.value(QStringLiteral("duration_ms")).toInt() >= 65000);
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
