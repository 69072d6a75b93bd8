// DeltaCoalescerTest: everything added between two event-loop turns leaves as one delta, and
// a flush leaves nothing behind.
#include "chat/DeltaCoalescer.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

using namespace keel::core;

class DeltaCoalescerTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void burstBecomesOneDelta()
    {
        DeltaCoalescer coalescer(QStringLiteral("t1"));
        QSignalSpy spy(&coalescer, &DeltaCoalescer::ready);
        QString expected;
        for (int i = 0; i < 1000; ++i) {
            const QString piece = QStringLiteral("p%1 ").arg(i);
            coalescer.addText(piece);
            expected += piece;
        }
        coalescer.addReasoning(QStringLiteral("why"));
        QCOMPARE(spy.count(), 0); // nothing leaves synchronously
        QTRY_COMPARE(spy.count(), 1);
        const auto delta = spy.at(0).at(0).value<TurnDelta>();
        QCOMPARE(delta.turnId, QStringLiteral("t1"));
        QCOMPARE(delta.text, expected);
        QCOMPARE(delta.reasoning, QStringLiteral("why"));
    }

    void nextDeltaWaitsForTheFrame()
    {
        DeltaCoalescer coalescer(QStringLiteral("t1"));
        QSignalSpy spy(&coalescer, &DeltaCoalescer::ready);
        coalescer.addText(QStringLiteral("a"));
        QTRY_COMPARE(spy.count(), 1);
        QElapsedTimer clock;
        clock.start();
        coalescer.addText(QStringLiteral("b"));
        coalescer.addText(QStringLiteral("c"));
        QTRY_COMPARE(spy.count(), 2);
        // The second delta was held back for the rest of the 16 ms frame, and carries both.
        QVERIFY(clock.elapsed() >= DeltaCoalescer::kFrameMs - 2);
        QCOMPARE(spy.at(1).at(0).value<TurnDelta>().text, QStringLiteral("bc"));
    }

    void flushEmitsPendingAtOnceAndOnlyOnce()
    {
        DeltaCoalescer coalescer(QStringLiteral("t1"));
        QSignalSpy spy(&coalescer, &DeltaCoalescer::ready);
        coalescer.addText(QStringLiteral("tail"));
        coalescer.flush();
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).value<TurnDelta>().text, QStringLiteral("tail"));
        coalescer.flush(); // nothing pending: no empty delta
        QTest::qWait(40);
        QCOMPARE(spy.count(), 1);
    }
};

QTEST_GUILESS_MAIN(DeltaCoalescerTest)
#include "DeltaCoalescerTest.moc"
