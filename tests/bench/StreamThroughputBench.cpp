// StreamThroughputBench: 100,000 tokens as fast as the loopback server can send them, through
// the whole pipeline (curl, SSE, mapper, coalescer, queued signals) into the offscreen GUI of
// the real app. Prints tokens/s, GUI latency p99 and max, and deltas delivered.
#include "GuiRun.h"
#include "LoopbackLlmServer.h"

#include <QJsonArray>
#include <QTest>

using namespace keel::test;

class StreamThroughputBench : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void hundredThousandTokensIntoTheGui()
    {
        constexpr int kTokens = 100000;
        LoopbackLlmServer server;
        QStringList tokens;
        qsizetype expectedChars = 0;
        for (int i = 0; i < kTokens; ++i) {
            tokens << QStringLiteral("w%1 ").arg(i % 997);
            if (i % 40 == 39)
                tokens.back() += QStringLiteral("\n\n"); // paragraphs, as real replies have
            expectedChars += tokens.back().size();
        }
        server.enqueue(Response::openAiStream(tokens, 16384));
        const GuiRunResult run =
            runGuiOnce(QStringLiteral(KEEL_BINARY), server.baseUrl(), QStringLiteral("go"), 240000);
        QVERIFY2(run.ok, qPrintable(run.failure));
        const QJsonObject gui = run.diagnostics.value(QStringLiteral("gui_latency_ms")).toObject();
        const QJsonObject turn =
            run.diagnostics.value(QStringLiteral("turns")).toArray().first().toObject();
        const double seconds = turn.value(QStringLiteral("duration_ms")).toDouble() / 1000.0;
        std::printf("BENCH stream: %d tokens, %.2f MB in %.2f s = %.0f tokens/s; GUI latency p99 "
                    "%.1f ms, max %.1f ms, over 16 ms %d, over 50 ms %d (%d samples); %d deltas "
                    "delivered; max heartbeat gap %d ms\n",
                    kTokens, turn.value(QStringLiteral("bytes")).toDouble() / 1e6, seconds,
                    kTokens / seconds, gui.value(QStringLiteral("p99")).toDouble(),
                    gui.value(QStringLiteral("max")).toDouble(),
                    gui.value(QStringLiteral("over_16")).toInt(),
                    gui.value(QStringLiteral("over_50")).toInt(),
                    gui.value(QStringLiteral("samples")).toInt(),
                    turn.value(QStringLiteral("gui_deltas")).toInt(),
                    turn.value(QStringLiteral("max_heartbeat_gap_ms")).toInt());
        std::fflush(stdout);
        QCOMPARE(turn.value(QStringLiteral("outcome")).toString(), QStringLiteral("complete"));
        QCOMPARE(turn.value(QStringLiteral("gui_text_chars")).toInteger(), expectedChars);
    }
};

QTEST_GUILESS_MAIN(StreamThroughputBench)
#include "StreamThroughputBench.moc"
