// IdleWakeupTest: idle means idle. The real app, with its window open after a reply has streamed,
// must stop waking up once nothing happens: no heartbeat, coalescer, store, curl or animation
// timer may keep running without a turn, and the caret stops blinking 10 s after the last input.
// Counted from outside, as the kernel sees it: the context switches of all the app's threads.
#include "LoopbackLlmServer.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <map>

using namespace keel::test;

namespace {

QByteArray readProcFile(const QString& path)
{
    QFile file(path); // /proc files report a size of 0: read to the end
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Voluntary + nonvoluntary context switches of each thread ("name/tid"): a thread that sleeps
// until an event comes has none while none comes.
std::map<QString, qint64> wakeupsByThread(qint64 pid)
{
    std::map<QString, qint64> counts;
    const QString base = QStringLiteral("/proc/%1/task").arg(pid);
    for (const QString& task : QDir(base).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        const QString dir = base + QLatin1Char('/') + task;
        qint64 switches = 0;
        for (const QByteArray& line : readProcFile(dir + QStringLiteral("/status")).split('\n')) {
            if (line.startsWith("voluntary_ctxt_switches:")
                || line.startsWith("nonvoluntary_ctxt_switches:"))
                switches += line.mid(line.indexOf(':') + 1).trimmed().toLongLong();
        }
        const QString name =
            QString::fromUtf8(readProcFile(dir + QStringLiteral("/comm")).trimmed());
        counts[name + QLatin1Char('/') + task] = switches;
    }
    return counts;
}

qint64 total(const std::map<QString, qint64>& counts)
{
    qint64 sum = 0;
    for (const auto& [thread, switches] : counts)
        sum += switches;
    return sum;
}

// "keel/1234: 20 keel-core/1240: 3": the threads that woke up between the two counts.
QString woken(const std::map<QString, qint64>& before, const std::map<QString, qint64>& after)
{
    QString text;
    for (const auto& [thread, switches] : after) {
        const auto was = before.find(thread);
        const qint64 delta = switches - (was == before.end() ? 0 : was->second);
        if (delta > 0)
            text += QStringLiteral(" %1: %2").arg(thread).arg(delta);
    }
    return text;
}

} // namespace

class IdleWakeupTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void windowLeftAloneAfterAReplyDoesNotWakeUp()
    {
        LoopbackLlmServer server;
        QStringList tokens;
        for (int i = 0; i < 200; ++i)
            tokens << (i % 20 == 19 ? QStringLiteral("word.\n\n") : QStringLiteral("word "));
        server.setDefault(Response::openAiStream(tokens));
        QTemporaryDir dir;
        QProcess keel;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.remove(QStringLiteral("OPENAI_API_KEY"));
        keel.setProcessEnvironment(env);
        // As users run it: no --diagnostics (its watchdog probes the GUI every 10 ms by design)
        // and no --quit-when-idle.
        keel.start(QStringLiteral(KEEL_BINARY),
                   {QStringLiteral("--profile"), dir.filePath(QStringLiteral("p")),
                    QStringLiteral("--base-url"), server.baseUrl(), QStringLiteral("--model"),
                    QStringLiteral("m"), QStringLiteral("--send"), QStringLiteral("hi")});
        QVERIFY(keel.waitForStarted(10000));
        QVERIFY(server.waitForRequests(1, 15000));
        const qint64 pid = keel.processId();

        // Settled: no wake-up for 2 s. The caret blinks until 10 s after the window got focus.
        qint64 last = total(wakeupsByThread(pid));
        QElapsedTimer sinceChange;
        sinceChange.start();
        QElapsedTimer sincePoll;
        sincePoll.start();
        const bool settled = QTest::qWaitFor(
            [&] {
                if (sincePoll.elapsed() < 250)
                    return false;
                sincePoll.restart();
                const qint64 now = total(wakeupsByThread(pid));
                if (now != last) {
                    last = now;
                    sinceChange.restart();
                }
                return sinceChange.elapsed() >= 2000;
            },
            40000);
        if (!settled) {
            const std::map<QString, qint64> before = wakeupsByThread(pid);
            QTest::qWait(2000);
            QFAIL(qPrintable(QStringLiteral("the app kept waking up for 40 s after the reply; "
                                            "in 2 s more:")
                             + woken(before, wakeupsByThread(pid))));
        }

        // Five seconds of nothing: a periodic timer of any period up to 5 s shows up here.
        const std::map<QString, qint64> before = wakeupsByThread(pid);
        QTest::qWait(5000);
        const std::map<QString, qint64> after = wakeupsByThread(pid);
        QVERIFY2(total(after) - total(before) <= 1,
                 qPrintable(QStringLiteral("wake-ups in 5 s of idleness:") + woken(before, after)));

        keel.terminate(); // SIGTERM: an orderly quit
        QVERIFY(keel.waitForFinished(15000));
        QCOMPARE(keel.exitStatus(), QProcess::NormalExit);
        QCOMPARE(keel.exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(IdleWakeupTest)
#include "IdleWakeupTest.moc"
