// AskCliTest: `keel ask` as a user runs it, against the loopback server: output streams as it
// arrives, --json event lines keep their shape, failures exit non-zero with one line on stderr.
#include "LoopbackLlmServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

#include <csignal>

using namespace keel::test;

namespace {

QProcessEnvironment cleanEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char* name : {"OPENAI_API_KEY", "OPENAI_BASE_URL", "KEEL_MODEL", "http_proxy",
                             "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"})
        env.remove(QString::fromLatin1(name));
    env.insert(QStringLiteral("KEEL_TEST_KEY"), QStringLiteral("sk-cli-secret"));
    return env;
}

QStringList askArguments(const LoopbackLlmServer& server, const QStringList& extra)
{
    return QStringList{QStringLiteral("ask"),
                       QStringLiteral("--base-url"),
                       server.baseUrl(),
                       QStringLiteral("--api-key-env"),
                       QStringLiteral("KEEL_TEST_KEY"),
                       QStringLiteral("--model"),
                       QStringLiteral("m")}
           + extra;
}

QList<QJsonObject> jsonLines(const QByteArray& output)
{
    QList<QJsonObject> objects;
    for (const QByteArray& line : output.split('\n')) {
        if (line.trimmed().isEmpty())
            continue;
        QJsonParseError error{};
        const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject())
            return {}; // every line must be one JSON object
        objects << doc.object();
    }
    return objects;
}

} // namespace

class AskCliTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void printsFirstTokensBeforeTheServerFinishes()
    {
        LoopbackLlmServer server;
        server.enqueue(
            Response::sse({Step::send(LoopbackLlmServer::openAiChunk(QStringLiteral("Hello"))),
                           Step::send(LoopbackLlmServer::openAiChunk(QStringLiteral(", world"))),
                           Step::hold(QStringLiteral("rest")),
                           Step::send(LoopbackLlmServer::openAiChunk(QStringLiteral("!"))),
                           Step::send(LoopbackLlmServer::openAiFinish()),
                           Step::send(LoopbackLlmServer::openAiDone())}));
        QProcess keel;
        keel.setProcessEnvironment(cleanEnvironment());
        keel.start(QStringLiteral(KEEL_BINARY), askArguments(server, {QStringLiteral("Say hi")}));
        QVERIFY(keel.waitForStarted());
        QByteArray out;
        // The server holds the end of the stream until we have seen the first tokens: if the
        // CLI buffered its output this would time out.
        QVERIFY(QTest::qWaitFor(
            [&] {
                out += keel.readAllStandardOutput();
                return out.contains("Hello, world");
            },
            10000));
        QCOMPARE(keel.state(), QProcess::Running);
        QCOMPARE(server.holdsReached(QStringLiteral("rest")), 1);
        server.release(QStringLiteral("rest"));
        QVERIFY(keel.waitForFinished(10000));
        out += keel.readAllStandardOutput();
        QCOMPARE(keel.exitCode(), 0);
        QCOMPARE(out, QByteArray("Hello, world!\n"));
        const QJsonObject body = server.requests().value(0).jsonBody();
        QCOMPARE(body.value(QStringLiteral("messages"))
                     .toArray()
                     .last()
                     .toObject()
                     .value(QStringLiteral("content"))
                     .toString(),
                 QStringLiteral("Say hi"));
        QCOMPARE(server.requests().value(0).header("authorization"),
                 QByteArray("Bearer sk-cli-secret"));
    }

    void jsonModePrintsOneObjectPerEvent()
    {
        LoopbackLlmServer server;
        server.enqueue(Response::sse(
            {Step::send(LoopbackLlmServer::openAiReasoningChunk(QStringLiteral("hmm"))),
             Step::send(LoopbackLlmServer::openAiChunk(QStringLiteral("4"))),
             Step::delay(1100), // long enough for one heartbeat
             Step::send(LoopbackLlmServer::openAiFinish()),
             Step::send(LoopbackLlmServer::openAiUsage(12, 1)),
             Step::send(LoopbackLlmServer::openAiDone())}));
        QProcess keel;
        keel.setProcessEnvironment(cleanEnvironment());
        keel.start(QStringLiteral(KEEL_BINARY),
                   askArguments(server, {QStringLiteral("--json"), QStringLiteral("2+2?")}));
        QVERIFY(keel.waitForFinished(15000));
        QCOMPARE(keel.exitCode(), 0);
        const QList<QJsonObject> events = jsonLines(keel.readAllStandardOutput());
        QVERIFY(!events.isEmpty());
        QStringList types;
        for (const QJsonObject& event : events)
            types << event.value(QStringLiteral("type")).toString();
        QVERIFY(types.contains(QStringLiteral("reasoning")));
        QVERIFY(types.contains(QStringLiteral("delta")));
        QVERIFY(types.contains(QStringLiteral("heartbeat")));
        QCOMPARE(types.at(types.size() - 2), QStringLiteral("usage"));
        QCOMPARE(types.last(), QStringLiteral("finish"));
        for (const QJsonObject& event : events) {
            const QString type = event.value(QStringLiteral("type")).toString();
            if (type == QStringLiteral("heartbeat")) {
                for (const char* key : {"phase", "elapsed_ms", "bytes", "tokens", "idle_ms"})
                    QVERIFY2(event.contains(QLatin1String(key)), key);
            } else if (type == QStringLiteral("usage")) {
                QCOMPARE(event.value(QStringLiteral("input_tokens")).toInt(), 12);
                QCOMPARE(event.value(QStringLiteral("output_tokens")).toInt(), 1);
            } else if (type == QStringLiteral("finish")) {
                QCOMPARE(event.value(QStringLiteral("reason")).toString(), QStringLiteral("stop"));
            } else if (type == QStringLiteral("delta")) {
                QCOMPARE(event.value(QStringLiteral("text")).toString(), QStringLiteral("4"));
            } else if (type == QStringLiteral("reasoning")) {
                QCOMPARE(event.value(QStringLiteral("text")).toString(), QStringLiteral("hmm"));
            }
        }
    }

    void errorExitsNonZeroWithOneLine()
    {
        LoopbackLlmServer server;
        server.enqueue(Response::openAiError(401, QStringLiteral("Invalid key")));
        QProcess keel;
        keel.setProcessEnvironment(cleanEnvironment());
        keel.start(QStringLiteral(KEEL_BINARY), askArguments(server, {QStringLiteral("hi")}));
        QVERIFY(keel.waitForFinished(15000));
        QCOMPARE(keel.exitCode(), 1);
        const QByteArray err = keel.readAllStandardError().trimmed();
        QVERIFY2(err.startsWith("keel: Authentication failed: Invalid key"), err.constData());
        QVERIFY2(err.contains("the environment variable KEEL_TEST_KEY"), err.constData());
        QVERIFY(!err.contains('\n'));
        QVERIFY(!err.contains("sk-cli-secret"));

        // In Chinese the whole line is Chinese, where the key came from included (the CLI's
        // options are read before the translator exists, so that part is worded later).
        server.enqueue(Response::openAiError(401, QStringLiteral("Invalid key")));
        QProcessEnvironment chinese = cleanEnvironment();
        chinese.insert(QStringLiteral("LANG"), QStringLiteral("zh_CN.UTF-8"));
        chinese.insert(QStringLiteral("LC_ALL"), QStringLiteral("zh_CN.UTF-8"));
        chinese.remove(QStringLiteral("LANGUAGE"));
        keel.setProcessEnvironment(chinese);
        keel.start(QStringLiteral(KEEL_BINARY), askArguments(server, {QStringLiteral("hi")}));
        QVERIFY(keel.waitForFinished(15000));
        QCOMPARE(keel.exitCode(), 1);
        const QString zh = QString::fromUtf8(keel.readAllStandardError().trimmed());
        QVERIFY2(zh.contains(QStringLiteral("环境变量 KEEL_TEST_KEY")), qPrintable(zh));
        QVERIFY2(!zh.contains(QStringLiteral("environment variable")), qPrintable(zh));
    }

    void jsonErrorEventHasKindAndStatus()
    {
        LoopbackLlmServer server;
        server.setDefault(
            Response::openAiError(429, QStringLiteral("Slow down"))); // every retry too
        QProcess keel;
        keel.setProcessEnvironment(cleanEnvironment());
        keel.start(QStringLiteral(KEEL_BINARY),
                   askArguments(server, {QStringLiteral("--json"), QStringLiteral("hi")}));
        QVERIFY(keel.waitForFinished(15000));
        QVERIFY(keel.exitCode() != 0);
        const QList<QJsonObject> events = jsonLines(keel.readAllStandardOutput());
        QVERIFY(!events.isEmpty());
        const QJsonObject last = events.last();
        QCOMPARE(last.value(QStringLiteral("type")).toString(), QStringLiteral("error"));
        QCOMPARE(last.value(QStringLiteral("kind")).toString(), QStringLiteral("rate_limit"));
        QCOMPARE(last.value(QStringLiteral("status")).toInt(), 429);
        QVERIFY(
            last.value(QStringLiteral("message")).toString().contains(QStringLiteral("Slow down")));
    }

    void promptFromStandardInput()
    {
        LoopbackLlmServer server;
        server.enqueue(Response::openAiStream({QStringLiteral("ok")}));
        QProcess keel;
        keel.setProcessEnvironment(cleanEnvironment());
        keel.start(QStringLiteral(KEEL_BINARY), askArguments(server, {QStringLiteral("-")}));
        QVERIFY(keel.waitForStarted());
        keel.write("from stdin\n");
        keel.closeWriteChannel();
        QVERIFY(keel.waitForFinished(15000));
        QCOMPARE(keel.exitCode(), 0);
        QCOMPARE(keel.readAllStandardOutput(), QByteArray("ok\n"));
        const QJsonArray messages =
            server.requests().value(0).jsonBody().value(QStringLiteral("messages")).toArray();
        QCOMPARE(messages.last().toObject().value(QStringLiteral("content")).toString(),
                 QStringLiteral("from stdin\n"));
    }

    void interruptKeepsPartialReplyAndExits130()
    {
        LoopbackLlmServer server;
        server.enqueue(Response::sse(
            {Step::send(LoopbackLlmServer::openAiChunk(QStringLiteral("half an answer"))),
             Step::hang()}));
        QProcess keel;
        keel.setProcessEnvironment(cleanEnvironment());
        keel.start(QStringLiteral(KEEL_BINARY), askArguments(server, {QStringLiteral("hi")}));
        QByteArray out;
        QVERIFY(QTest::qWaitFor(
            [&] {
                out += keel.readAllStandardOutput();
                return out.contains("half an answer");
            },
            10000));
        ::kill(static_cast<pid_t>(keel.processId()), SIGINT);
        QVERIFY(keel.waitForFinished(10000));
        out += keel.readAllStandardOutput();
        QCOMPARE(keel.exitStatus(), QProcess::NormalExit); // an orderly exit, not a kill
        QCOMPARE(keel.exitCode(), 130);
        QCOMPARE(out, QByteArray("half an answer\n"));
        QTRY_COMPARE_WITH_TIMEOUT(server.openConnectionCount(), 0, 10000);
    }

    void missingModelIsAUsageError()
    {
        QProcess keel;
        keel.setProcessEnvironment(cleanEnvironment());
        keel.start(QStringLiteral(KEEL_BINARY), {QStringLiteral("ask"), QStringLiteral("hi")});
        QVERIFY(keel.waitForFinished(15000));
        QCOMPARE(keel.exitCode(), 2);
        QVERIFY(keel.readAllStandardError().contains("--model"));
    }
};

QTEST_GUILESS_MAIN(AskCliTest)
#include "AskCliTest.moc"
