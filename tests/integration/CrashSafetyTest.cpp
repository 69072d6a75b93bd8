// CrashSafetyTest: the app is killed with SIGKILL while a reply streams; after a restart the
// reply is there up to at most about a second before the kill, marked incomplete, and the
// database passes PRAGMA integrity_check.
#include "LoopbackLlmServer.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace keel::test;

namespace {

QProcessEnvironment offscreen()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    return env;
}

QByteArray runCli(const QStringList& arguments, int* exitCode)
{
    QProcess keel;
    keel.setProcessEnvironment(offscreen());
    keel.start(QStringLiteral(KEEL_BINARY), arguments);
    keel.waitForFinished(30000);
    *exitCode = keel.exitCode();
    return keel.readAllStandardOutput();
}

} // namespace

class CrashSafetyTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void sigkillDuringStreamLosesAtMostASecond()
    {
        LoopbackLlmServer server;
        // 25 ms per token: 140 tokens (3.5 s), a marker the test can see the server pass, then
        // more tokens until the kill.
        Response response = Response::sse({Step::sendHeaders()});
        for (int i = 0; i < 400; ++i) {
            if (i == 140)
                response.steps.push_back(Step::hold(QStringLiteral("mark")));
            response.steps.push_back(
                Step::send(LoopbackLlmServer::openAiChunk(QStringLiteral("t%1 ").arg(i))));
            response.steps.push_back(Step::delay(25));
        }
        response.steps.push_back(Step::hang());
        server.release(QStringLiteral("mark")); // passes straight through; only counted
        server.enqueue(response);

        QTemporaryDir dir;
        const QString profile = dir.filePath(QStringLiteral("profile"));
        QProcess keel;
        keel.setProcessEnvironment(offscreen());
        QElapsedTimer sinceStart;
        sinceStart.start();
        keel.start(QStringLiteral(KEEL_BINARY),
                   {QStringLiteral("--profile"), profile, QStringLiteral("--base-url"),
                    server.baseUrl(), QStringLiteral("--model"), QStringLiteral("m"),
                    QStringLiteral("--send"), QStringLiteral("Count for me")});
        QVERIFY(keel.waitForStarted());
        QVERIFY(server.waitForHold(QStringLiteral("mark"), 20000)); // tokens 0..139 are out
        // Every byte sent more than a second before the kill must survive it; the margin covers
        // the queued write to the store thread.
        QTest::qWait(1500);
        ::kill(static_cast<pid_t>(keel.processId()), SIGKILL);
        QVERIFY(keel.waitForFinished(10000));
        QCOMPARE(keel.exitStatus(), QProcess::CrashExit);
        qInfo("killed after %lld ms", static_cast<long long>(sinceStart.elapsed()));

        // Restart: the app recovers the database on open, then quits.
        QProcess again;
        again.setProcessEnvironment(offscreen());
        again.start(QStringLiteral(KEEL_BINARY),
                    {QStringLiteral("--profile"), profile, QStringLiteral("--quit-when-idle")});
        QVERIFY(again.waitForFinished(30000));
        QCOMPARE(again.exitCode(), 0);

        int code = 0;
        const QJsonArray conversations =
            QJsonDocument::fromJson(
                runCli({QStringLiteral("--profile"), profile, QStringLiteral("history"),
                        QStringLiteral("list"), QStringLiteral("--json")},
                       &code))
                .array();
        QCOMPARE(code, 0);
        QCOMPARE(conversations.size(), 1);
        const QString id = QString::number(
            conversations.first().toObject().value(QStringLiteral("id")).toInteger());
        const QJsonObject shown =
            QJsonDocument::fromJson(
                runCli({QStringLiteral("--profile"), profile, QStringLiteral("history"),
                        QStringLiteral("show"), id, QStringLiteral("--json")},
                       &code))
                .object();
        QCOMPARE(code, 0);
        const QJsonArray messages = shown.value(QStringLiteral("messages")).toArray();
        QCOMPARE(messages.size(), 2);
        const QJsonObject user = messages.at(0).toObject();
        const QJsonObject reply = messages.at(1).toObject();
        QCOMPARE(user.value(QStringLiteral("content")).toString(), QStringLiteral("Count for me"));
        QCOMPARE(reply.value(QStringLiteral("status")).toString(), QStringLiteral("incomplete"));
        const QString text = reply.value(QStringLiteral("content")).toString();
        QString expectedPrefix;
        for (int i = 0; i < 140; ++i)
            expectedPrefix += QStringLiteral("t%1 ").arg(i);
        QVERIFY2(
            text.startsWith(expectedPrefix),
            qPrintable(
                QStringLiteral("saved %1 characters: ...%2").arg(text.size()).arg(text.right(40))));
        qInfo("saved %lld characters; tokens 0..139 were required",
              static_cast<long long>(text.size()));

        QSqlDatabase db =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("check"));
        db.setDatabaseName(profile + QStringLiteral("/data/keel/keel.sqlite"));
        QVERIFY(db.open());
        {
            QSqlQuery query(db);
            QVERIFY(query.exec(QStringLiteral("PRAGMA integrity_check")));
            QVERIFY(query.next());
            QCOMPARE(query.value(0).toString(), QStringLiteral("ok"));
        }
        db.close();
    }
};

QTEST_GUILESS_MAIN(CrashSafetyTest)
#include "CrashSafetyTest.moc"
