// AppShutdownTest: the desktop app quits in order while a reply is streaming (window closed,
// SIGTERM from the session manager): it exits normally, promptly, closes its connection and
// still writes its diagnostics.
#include "LoopbackLlmServer.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace keel::test;

class AppShutdownTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void terminateDuringStreamIsOrderly()
    {
        LoopbackLlmServer server;
        server.enqueue(Response::sse(
            {Step::send(LoopbackLlmServer::openAiChunk(QStringLiteral("streaming..."))),
             Step::hang()}));
        QTemporaryDir dir;
        const QString diagnostics = dir.filePath(QStringLiteral("d.json"));
        QProcess keel;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        keel.setProcessEnvironment(env);
        keel.start(QStringLiteral(KEEL_BINARY),
                   {QStringLiteral("--profile"), dir.filePath(QStringLiteral("p")),
                    QStringLiteral("--base-url"), server.baseUrl(), QStringLiteral("--model"),
                    QStringLiteral("m"), QStringLiteral("--send"), QStringLiteral("hi"),
                    QStringLiteral("--diagnostics"), diagnostics});
        QVERIFY(server.waitForRequests(1, 15000));
        QTRY_VERIFY_WITH_TIMEOUT(server.openConnectionCount() == 1, 5000);
        keel.terminate(); // SIGTERM
        QVERIFY(keel.waitForFinished(10000));
        QCOMPARE(keel.exitStatus(), QProcess::NormalExit);
        QCOMPARE(keel.exitCode(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(server.openConnectionCount(), 0, 10000);

        QFile file(diagnostics);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
        const QJsonArray turns = root.value(QStringLiteral("turns")).toArray();
        QCOMPARE(turns.size(), 1);
        QCOMPARE(turns.first().toObject().value(QStringLiteral("outcome")).toString(),
                 QStringLiteral("cancelled"));
        QVERIFY(root.contains(QStringLiteral("gui_latency_ms")));
    }
};

QTEST_GUILESS_MAIN(AppShutdownTest)
#include "AppShutdownTest.moc"
