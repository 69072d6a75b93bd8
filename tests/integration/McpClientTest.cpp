// McpClientTest: the stdio MCP client against the real reference servers from the npm registry
// (server-everything, server-filesystem; installed by scripts/mcp-servers) and against
// keel-fake-mcp-server for the faults a real server rarely shows on demand: pagination,
// list_changed, garbage, crashes, cancel, timeouts, protocol mismatch, missing commands, stderr,
// server-to-client requests. The client runs on this thread's event loop, as it runs on the core
// loop in the app: everything is waited for with QTRY_* / signals, never by blocking.
#include "mcp/McpClient.h"

#include "mcp/McpMessages.h"
#include "mcp/McpServerLog.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>
#include <map>
#include <memory>
#include <signal.h>

using namespace keel::core;

namespace {

constexpr int kStartMs = 60'000; // node servers start in about a second; CI machines are slow
constexpr int kCallMs = 30'000;

struct Progress {
    double progress;
    double total;
    QString message;
};

// Everything a client said, by handle.
class Recorder : public QObject {
public:
    explicit Recorder(McpClient* client)
    {
        connect(client, &McpClient::callProgress, this,
                [this](qint64 handle, double progress, double total, const QString& message) {
                    progressOf[handle].append({progress, total, message});
                    QVERIFY2(!finished.count(handle), "progress after the call finished");
                });
        connect(client, &McpClient::callFinished, this,
                [this](qint64 handle, const ToolResult& result) {
                    ++finishCount[handle];
                    finished[handle] = result;
                });
        connect(client, &McpClient::toolsChanged, this, [this] { ++toolsChanged; });
        connect(client, &McpClient::statusChanged, this,
                [this](const McpServerStatus& status) { states.append(status.state); });
    }
    std::map<qint64, QList<Progress>> progressOf;
    std::map<qint64, ToolResult> finished;
    std::map<qint64, int> finishCount;
    QList<McpServerState> states;
    int toolsChanged = 0;
};

QString textOf(const ToolResult& result)
{
    QStringList parts;
    for (const ToolContent& piece : result.content) {
        if (piece.kind == ToolContent::Kind::Text)
            parts.append(piece.text);
    }
    return parts.join(QLatin1Char('\n'));
}

QStringList toolNames(const McpClient& client)
{
    QStringList names;
    for (const ToolSpec& spec : client.status().tools)
        names.append(spec.name);
    return names;
}

McpServerConfig serverConfig(const QString& name, const QString& command,
                             const QStringList& args = {})
{
    McpServerConfig config;
    config.name = name;
    config.command = command;
    config.args = args;
    return config;
}

QString referenceServer(const QString& name)
{
    const QString path = QStringLiteral(KEEL_MCP_SERVERS_DIR "/node_modules/.bin/") + name;
    return QFileInfo(path).isExecutable() ? path : QString();
}

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QList<QJsonObject> recordedLines(const QString& path)
{
    QList<QJsonObject> lines;
    for (const QByteArray& line : readAll(path).split('\n')) {
        const QJsonDocument doc = QJsonDocument::fromJson(line);
        if (doc.isObject())
            lines.append(doc.object());
    }
    return lines;
}

} // namespace

#define REQUIRE_REFERENCE_SERVER(var, name)                                                        \
    const QString var = referenceServer(QStringLiteral(name));                                     \
    if (var.isEmpty())                                                                             \
        QFAIL(name " is not installed under " KEEL_MCP_SERVERS_DIR                                 \
                   ": run scripts/test (it installs the reference MCP servers)");

class McpClientTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_logs = 0;

    QString logPath() { return m_dir.filePath(QStringLiteral("logs/server-%1.log").arg(++m_logs)); }

    std::unique_ptr<McpClient> fake(const QStringList& args, int startTimeoutMs = kStartMs)
    {
        McpServerConfig config =
            serverConfig(QStringLiteral("fake"), QStringLiteral(KEEL_FAKE_MCP_SERVER_BINARY), args);
        config.startTimeoutMs = startTimeoutMs;
        return std::make_unique<McpClient>(config, logPath());
    }

    static bool startAndWait(McpClient& client)
    {
        client.start();
        if (!QTest::qWaitFor([&] { return client.status().state != McpServerState::Starting; },
                             kStartMs))
            return false;
        if (client.status().state != McpServerState::Ready)
            qWarning("not ready: %s", qPrintable(client.status().message));
        return client.status().state == McpServerState::Ready;
    }

    static ToolResult call(McpClient& client, Recorder& recorder, const QString& tool,
                           const QString& args, bool* ok)
    {
        const qint64 handle = client.callTool(tool, args);
        *ok = QTest::qWaitFor([&] { return recorder.finished.count(handle) > 0; }, kCallMs);
        return *ok ? recorder.finished[handle] : ToolResult();
    }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<McpServerStatus>();
        qRegisterMetaType<ToolResult>();
        QVERIFY(m_dir.isValid());
    }

    // --- The real reference servers ----------------------------------------------------------

    void everythingListsAndCalls()
    {
        REQUIRE_REFERENCE_SERVER(program, "mcp-server-everything");
        McpClient client(serverConfig(QStringLiteral("everything"), program), logPath());
        Recorder recorder(&client);
        QVERIFY(startAndWait(client));
        const McpServerStatus status = client.status();
        QCOMPARE(status.protocolVersion, McpClient::supportedProtocolVersions().first());
        QVERIFY(!status.serverName.isEmpty());
        QCOMPARE(recorder.toolsChanged, 1);
        const QStringList names = toolNames(client);
        for (const char* tool : {"echo", "get-sum", "trigger-long-running-operation"})
            QVERIFY2(names.contains(QLatin1String(tool)), tool);
        const ToolSpec echo = status.tools.at(names.indexOf(QStringLiteral("echo")));
        QCOMPARE(echo.server, QStringLiteral("everything"));
        QCOMPARE(echo.toolName, QStringLiteral("echo"));
        QVERIFY(echo.inputSchema.contains(QStringLiteral("\"message\"")));

        bool ok = false;
        ToolResult result = call(client, recorder, QStringLiteral("echo"),
                                 QStringLiteral(R"({"message":"hello keel"})"), &ok);
        QVERIFY(ok);
        QVERIFY(!result.isError);
        QCOMPARE(textOf(result), QStringLiteral("Echo: hello keel"));

        result = call(client, recorder, QStringLiteral("get-sum"),
                      QStringLiteral(R"({"a":2,"b":3})"), &ok);
        QVERIFY(ok);
        QVERIFY(!result.isError);
        QVERIFY2(textOf(result).contains(QLatin1String("5")), qPrintable(textOf(result)));
    }

    void everythingLongRunningOperationReportsProgress()
    {
        REQUIRE_REFERENCE_SERVER(program, "mcp-server-everything");
        McpClient client(serverConfig(QStringLiteral("everything"), program), logPath());
        Recorder recorder(&client);
        // Not started first: the call starts the server.
        const qint64 handle = client.callTool(QStringLiteral("trigger-long-running-operation"),
                                              QStringLiteral(R"({"duration":3,"steps":3})"));
        QTRY_VERIFY_WITH_TIMEOUT(recorder.finished.count(handle), kStartMs + kCallMs);
        const ToolResult result = recorder.finished[handle];
        QVERIFY2(!result.isError, qPrintable(textOf(result)));
        QVERIFY(textOf(result).contains(QLatin1String("completed")));
        const QList<Progress> progress = recorder.progressOf[handle];
        QCOMPARE(progress.size(), 3);
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(progress[i].progress, double(i + 1));
            QCOMPARE(progress[i].total, 3.0);
        }
        QVERIFY(result.durationMs >= 2500);
    }

    void everythingTinyImage()
    {
        REQUIRE_REFERENCE_SERVER(program, "mcp-server-everything");
        McpClient client(serverConfig(QStringLiteral("everything"), program), logPath());
        Recorder recorder(&client);
        bool ok = false;
        const ToolResult result =
            call(client, recorder, QStringLiteral("get-tiny-image"), QString(), &ok);
        QVERIFY(ok);
        QVERIFY(!result.isError);
        bool sawImage = false;
        for (const ToolContent& piece : result.content) {
            if (piece.kind != ToolContent::Kind::Image)
                continue;
            sawImage = true;
            QCOMPARE(piece.mimeType, QStringLiteral("image/png"));
            QVERIFY(piece.data.startsWith("\x89PNG\r\n\x1a\n"));
        }
        QVERIFY(sawImage);
    }

    void filesystemListsAndReads()
    {
        REQUIRE_REFERENCE_SERVER(program, "mcp-server-filesystem");
        QTemporaryDir files;
        QVERIFY(files.isValid());
        const QString root = QFileInfo(files.path()).canonicalFilePath();
        {
            QFile a(root + QStringLiteral("/alpha.txt"));
            QVERIFY(a.open(QIODevice::WriteOnly));
            a.write("alpha contents\n");
        }
        QVERIFY(QDir(root).mkdir(QStringLiteral("sub")));
        McpClient client(serverConfig(QStringLiteral("files"), program, {root}), logPath());
        Recorder recorder(&client);
        QVERIFY(startAndWait(client));
        QVERIFY(toolNames(client).contains(QStringLiteral("list_directory")));
        QVERIFY(toolNames(client).contains(QStringLiteral("read_text_file")));

        bool ok = false;
        const QString dirArgs =
            QString::fromUtf8(QJsonDocument(QJsonObject{{"path", root}}).toJson());
        ToolResult result = call(client, recorder, QStringLiteral("list_directory"), dirArgs, &ok);
        QVERIFY(ok);
        QVERIFY2(!result.isError, qPrintable(textOf(result)));
        QVERIFY(textOf(result).contains(QLatin1String("[FILE] alpha.txt")));
        QVERIFY(textOf(result).contains(QLatin1String("[DIR] sub")));

        const QString fileArgs = QString::fromUtf8(
            QJsonDocument(QJsonObject{{"path", root + QStringLiteral("/alpha.txt")}}).toJson());
        result = call(client, recorder, QStringLiteral("read_text_file"), fileArgs, &ok);
        QVERIFY(ok);
        QVERIFY2(!result.isError, qPrintable(textOf(result)));
        QCOMPARE(textOf(result), QStringLiteral("alpha contents\n"));
    }

    // --- Faults, with the fake server --------------------------------------------------------

    void paginationFollowsCursors()
    {
        const QString record = m_dir.filePath(QStringLiteral("pagination.jsonl"));
        auto client = fake({"--tools-per-page", "2", "--extra-tools", "5", "--record", record});
        QVERIFY(startAndWait(*client));
        QCOMPARE(toolNames(*client), QStringList({"echo", "add", "mixed", "tool-1", "tool-2",
                                                  "tool-3", "tool-4", "tool-5"}));
        int lists = 0;
        for (const QJsonObject& line : recordedLines(record))
            lists += line.value("method").toString() == QLatin1String("tools/list");
        QCOMPARE(lists, 4);
        QCOMPARE(client->status().serverName, QStringLiteral("keel-fake-mcp-server"));
        QCOMPARE(client->status().instructions, QStringLiteral("A fake server for Keel's tests."));
    }

    void listChangedRelists()
    {
        auto client = fake({"--list-changed-after-call"});
        Recorder recorder(client.get());
        QVERIFY(startAndWait(*client));
        QCOMPARE(recorder.toolsChanged, 1);
        QVERIFY(!toolNames(*client).contains(QStringLiteral("added-1")));
        bool ok = false;
        call(*client, recorder, QStringLiteral("echo"), QStringLiteral(R"({"message":"x"})"), &ok);
        QVERIFY(ok);
        QTRY_COMPARE_WITH_TIMEOUT(recorder.toolsChanged, 2, kCallMs);
        QVERIFY(toolNames(*client).contains(QStringLiteral("added-1")));
        QCOMPARE(client->status().state, McpServerState::Ready);
    }

    void garbageIsSkippedAndLogged()
    {
        auto client = fake({"--garbage", "--tools-per-page", "2"});
        Recorder recorder(client.get());
        QVERIFY(startAndWait(*client));
        QCOMPARE(toolNames(*client).size(), 3);
        bool ok = false;
        const ToolResult result = call(*client, recorder, QStringLiteral("echo"),
                                       QStringLiteral(R"({"message":"still works"})"), &ok);
        QVERIFY(ok);
        QVERIFY(!result.isError);
        QCOMPARE(textOf(result), QStringLiteral("still works"));
        const QString log = QString::fromUtf8(readAll(client->status().logPath));
        QVERIFY2(log.contains(QLatin1String("keel: malformed line skipped (not JSON): this line "
                                            "is not JSON")),
                 qPrintable(log));
        QVERIFY(log.contains(QLatin1String("{\"hello\":\"world\"}")));
        QVERIFY(log.contains(QLatin1String("garbage before the answer")));
    }

    void crashMidCallThenRestartOnNextUse()
    {
        auto client = fake({"--crash-on-call", "explode"});
        Recorder recorder(client.get());
        QVERIFY(startAndWait(*client));
        bool ok = false;
        ToolResult result = call(*client, recorder, QStringLiteral("explode"), QString(), &ok);
        QVERIFY(ok);
        QVERIFY(result.isError);
        const QString text = textOf(result);
        QVERIFY2(text.contains(QLatin1String("\"fake\"")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("exited with code 3")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("crashing on explode")), qPrintable(text));
        QCOMPARE(client->status().state, McpServerState::Failed);
        QCOMPARE(client->status().message, text);

        result = call(*client, recorder, QStringLiteral("echo"),
                      QStringLiteral(R"({"message":"back"})"), &ok);
        QVERIFY(ok);
        QVERIFY2(!result.isError, qPrintable(textOf(result)));
        QCOMPARE(textOf(result), QStringLiteral("back"));
        QCOMPARE(client->status().state, McpServerState::Ready);
    }

    void cancelSendsNotificationAndIgnoresLateAnswer()
    {
        const QString record = m_dir.filePath(QStringLiteral("cancel.jsonl"));
        auto client = fake({"--slow", "sleepy", "2", "--record", record});
        Recorder recorder(client.get());
        QVERIFY(startAndWait(*client));
        const qint64 handle = client->callTool(QStringLiteral("sleepy"), QStringLiteral("{}"));
        QTRY_VERIFY_WITH_TIMEOUT(!recorder.progressOf[handle].isEmpty(), kCallMs);
        QCOMPARE(recorder.progressOf[handle].first().message, QStringLiteral("step 1"));
        client->cancelCall(handle, QStringLiteral("the user pressed Stop"));
        QVERIFY(recorder.finished.count(handle)); // at once
        QVERIFY(recorder.finished[handle].isError);
        QCOMPARE(textOf(recorder.finished[handle]), QStringLiteral("Cancelled"));

        auto cancelled = [&] {
            for (const QJsonObject& line : recordedLines(record)) {
                if (line.value("method").toString() == QLatin1String("notifications/cancelled"))
                    return line.value("params").toObject();
            }
            return QJsonObject();
        };
        QTRY_VERIFY_WITH_TIMEOUT(!cancelled().isEmpty(), kCallMs);
        int callId = -1;
        for (const QJsonObject& line : recordedLines(record)) {
            if (line.value("method").toString() == QLatin1String("tools/call"))
                callId = line.value("id").toInt();
        }
        QVERIFY(callId > 0);
        QCOMPARE(cancelled().value("requestId").toInt(), callId);
        QCOMPARE(cancelled().value("reason").toString(), QStringLiteral("the user pressed Stop"));

        // The fake answers anyway after 2 s; a later call's answer proves that one went by.
        QTest::qWait(2200);
        bool ok = false;
        call(*client, recorder, QStringLiteral("echo"), QStringLiteral(R"({"message":"m"})"), &ok);
        QVERIFY(ok);
        QCOMPARE(recorder.finishCount[handle], 1);
        const QString log = QString::fromUtf8(readAll(client->status().logPath));
        QVERIFY(log.contains(QStringLiteral("keel: cancelled request %1").arg(callId)));
        QVERIFY(!log.contains(QLatin1String("unknown request")));
    }

    void timeoutCancelsTheCall()
    {
        const QString record = m_dir.filePath(QStringLiteral("timeout.jsonl"));
        auto client = fake({"--slow", "sleepy", "20", "--record", record});
        Recorder recorder(client.get());
        QVERIFY(startAndWait(*client));
        const qint64 handle =
            client->callTool(QStringLiteral("sleepy"), QStringLiteral("{}"), 1500);
        QTRY_VERIFY_WITH_TIMEOUT(recorder.finished.count(handle), kCallMs);
        const ToolResult result = recorder.finished[handle];
        QVERIFY(result.isError);
        QVERIFY2(textOf(result).contains(QLatin1String("did not answer within 1.5 s")),
                 qPrintable(textOf(result)));
        QTRY_VERIFY_WITH_TIMEOUT(readAll(record).contains("notifications/cancelled"), kCallMs);
        QCOMPARE(client->status().state, McpServerState::Ready);
    }

    void unsupportedProtocolVersionFails()
    {
        auto client = fake({"--protocol", "1999-01-01"});
        QVERIFY(!startAndWait(*client));
        const McpServerStatus status = client->status();
        QCOMPARE(status.state, McpServerState::Failed);
        QVERIFY2(status.message.contains(QLatin1String("1999-01-01")), qPrintable(status.message));
        QVERIFY2(status.message.contains(McpClient::supportedProtocolVersions().first()),
                 qPrintable(status.message));
    }

    void commandNotFound()
    {
        McpClient client(
            serverConfig(QStringLiteral("ghost"), QStringLiteral("keel-no-such-command-xyz")),
            logPath());
        Recorder recorder(&client);
        const qint64 handle = client.callTool(QStringLiteral("echo"), QString());
        QVERIFY(!recorder.finished.count(handle)); // never from inside callTool
        QTRY_VERIFY_WITH_TIMEOUT(recorder.finished.count(handle), kCallMs);
        const QString expected =
            QStringLiteral("Could not start \"keel-no-such-command-xyz\": no such command on PATH");
        QCOMPARE(textOf(recorder.finished[handle]), expected);
        QCOMPARE(client.status().state, McpServerState::Failed);
        QCOMPARE(client.status().message, expected);
    }

    void stderrAndNotesGoToTheLogButNotEnvValues()
    {
        McpServerConfig config;
        config.name = QStringLiteral("fake");
        config.command = QStringLiteral(KEEL_FAKE_MCP_SERVER_BINARY);
        config.args = QStringList{"--stderr", "a diagnostic line"};
        config.env.insert(QStringLiteral("KEEL_TEST_TOKEN"), QStringLiteral("sk-never-logged"));
        McpClient client(config, logPath());
        QVERIFY(startAndWait(client));
        const QString path = client.status().logPath;
        QTRY_VERIFY_WITH_TIMEOUT(readAll(path).contains("stderr: a diagnostic line"), kCallMs);
        const QString log = QString::fromUtf8(readAll(path));
        QVERIFY(log.contains(QLatin1String("keel: started pid")));
        QVERIFY(log.contains(QLatin1String("keel: initialized keel-fake-mcp-server 1.0.0")));
        QVERIFY(log.contains(QLatin1String("KEEL_TEST_TOKEN")));
        QVERIFY(!log.contains(QLatin1String("sk-never-logged")));
        // Each line starts with an ISO date.
        QVERIFY(QRegularExpression(QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT")).match(log).hasMatch());

        client.stop();
        QCOMPARE(client.status().state, McpServerState::Stopped);
        // stdin closed: the fake exits by itself.
        QTRY_VERIFY_WITH_TIMEOUT(readAll(path).contains("keel: exited with code 0"), kCallMs);
    }

    void serverRequestsAreAnswered()
    {
        const QString record = m_dir.filePath(QStringLiteral("ping.jsonl"));
        auto client = fake({"--ping-client", "--record", record});
        QVERIFY(startAndWait(*client));
        auto answer = [&](const QJsonValue& id) {
            for (const QJsonObject& line : recordedLines(record)) {
                if (line.value("id") == id && !line.contains("method"))
                    return line;
            }
            return QJsonObject();
        };
        QTRY_VERIFY_WITH_TIMEOUT(!answer(QStringLiteral("fake-ping")).isEmpty(), kCallMs);
        QCOMPARE(answer(QStringLiteral("fake-ping")).value("result").toObject(), QJsonObject());
        QTRY_VERIFY_WITH_TIMEOUT(!answer(77).isEmpty(), kCallMs);
        QCOMPARE(answer(77).value("error").toObject().value("code").toInt(), -32601);
    }

    void startTimeout()
    {
        auto client = fake({"--hang-initialize"}, 1000);
        QVERIFY(!startAndWait(*client));
        QCOMPARE(client->status().state, McpServerState::Failed);
        QVERIFY2(client->status().message.contains(QLatin1String("did not start within 1 s")),
                 qPrintable(client->status().message));
    }

    void stopFailsPendingCalls()
    {
        auto client = fake({"--slow", "sleepy", "20"});
        Recorder recorder(client.get());
        QVERIFY(startAndWait(*client));
        const qint64 handle = client->callTool(QStringLiteral("sleepy"), QString());
        QTRY_VERIFY_WITH_TIMEOUT(!recorder.progressOf[handle].isEmpty(), kCallMs);
        client->stop();
        QVERIFY(recorder.finished.count(handle));
        QVERIFY(textOf(recorder.finished[handle]).contains(QLatin1String("was stopped")));
        QCOMPARE(client->status().state, McpServerState::Stopped);
        QCOMPARE(recorder.states.last(), McpServerState::Stopped);
    }

    // Keel quitting (or dropping a server) with a call in flight leaves no server behind: the
    // process is gone, reaped, by the time the client's destructor returns, with no event loop
    // run after it (at shutdown none would).
    void destroyingTheClientEndsItsServerAtOnce()
    {
        auto client = fake({"--slow", "sleepy", "20"});
        Recorder recorder(client.get());
        QVERIFY(startAndWait(*client));
        const qint64 handle = client->callTool(QStringLiteral("sleepy"), QString());
        QTRY_VERIFY_WITH_TIMEOUT(!recorder.progressOf[handle].isEmpty(), kCallMs);
        const QRegularExpressionMatch started =
            QRegularExpression(QStringLiteral("started pid (\\d+)"))
                .match(QString::fromUtf8(readAll(client->status().logPath)));
        QVERIFY(started.hasMatch());
        const pid_t pid = started.captured(1).toInt();
        QCOMPARE(::kill(pid, 0), 0); // running

        client.reset();
        // Not even a zombie: a killed but unreaped child would still answer kill(pid, 0).
        QCOMPARE(::kill(pid, 0), -1);
        QCOMPARE(errno, ESRCH);
    }

    void errorAnswersAndContentKinds()
    {
        auto client = fake({});
        Recorder recorder(client.get());
        QVERIFY(startAndWait(*client));
        bool ok = false;
        ToolResult result = call(*client, recorder, QStringLiteral("nope"), QString(), &ok);
        QVERIFY(ok);
        QVERIFY(result.isError);
        QVERIFY2(textOf(result).contains(QLatin1String("Unknown tool: nope")),
                 qPrintable(textOf(result)));

        result = call(*client, recorder, QStringLiteral("echo"), QStringLiteral("[1,2]"), &ok);
        QVERIFY(ok);
        QVERIFY(result.isError);
        QVERIFY(textOf(result).contains(QLatin1String("not a JSON object")));

        result = call(*client, recorder, QStringLiteral("mixed"), QString(), &ok);
        QVERIFY(ok);
        QVERIFY(!result.isError);
        QCOMPARE(result.content.size(), 6);
        QCOMPARE(result.content[0].text, QStringLiteral("hello"));
        QCOMPARE(result.content[1].kind, ToolContent::Kind::Image);
        QCOMPARE(result.content[1].data, QByteArray("\x89PNG\r\n\x1a\n"));
        QCOMPARE(result.content[2].kind, ToolContent::Kind::Audio);
        QCOMPARE(result.content[2].data, QByteArray("\x00\x01\x02", 3));
        QCOMPARE(result.content[3].kind, ToolContent::Kind::Resource);
        QCOMPARE(result.content[3].text, QStringLiteral("file text"));
        QCOMPARE(result.content[3].uri, QStringLiteral("file:///a.txt"));
        QCOMPARE(result.content[4].data, QByteArray("\x01\x02\x03"));
        QCOMPARE(result.content[5].kind, ToolContent::Kind::ResourceLink);
        QCOMPARE(result.content[5].text, QStringLiteral("c.txt"));
        QCOMPARE(result.content[5].uri, QStringLiteral("file:///c.txt"));
    }

    // --- The pure protocol functions ---------------------------------------------------------

    void messageClassification()
    {
        QCOMPARE(parseMcpMessage(R"({"jsonrpc":"2.0","id":4,"result":{}})").kind,
                 McpMessageKind::Response);
        QCOMPARE(parseMcpMessage(R"({"jsonrpc":"2.0","id":4,"result":{}})").id, 4);
        const McpMessage error =
            parseMcpMessage(R"({"jsonrpc":"2.0","id":5,"error":{"code":-1,"message":"m"}})");
        QCOMPARE(error.kind, McpMessageKind::ErrorResponse);
        QCOMPARE(error.errorMessage, QStringLiteral("m"));
        QCOMPARE(parseMcpMessage(R"({"jsonrpc":"2.0","id":"x","method":"ping"})").kind,
                 McpMessageKind::Request);
        QCOMPARE(parseMcpMessage("{\"jsonrpc\":\"2.0\",\"method\":\"n\"}\r").kind,
                 McpMessageKind::Notification);
        // An empty method is a request all the same, answered "Method not found" rather than
        // dropped (the server would wait for its answer); found by fuzz_mcp_messages.
        const McpMessage unnamed = parseMcpMessage(R"({"jsonrpc":"2.0","id":9,"method":""})");
        QCOMPARE(unnamed.kind, McpMessageKind::Request);
        QVERIFY(unnamed.rawId == nlohmann::json(9));
        for (const QByteArray& bad : {QByteArray("nope"), QByteArray("[1]"), QByteArray("{}"),
                                      QByteArray(R"({"jsonrpc":"1.0","method":"x"})"),
                                      QByteArray(R"({"method":7})"), QByteArray(100'000, '[')})
            QCOMPARE(parseMcpMessage(bad).kind, McpMessageKind::Malformed);
        const ToolResult structured = parseMcpToolResult(
            nlohmann::json::parse(R"({"structuredContent":{"a":1},"isError":true})"));
        QVERIFY(structured.isError);
        QCOMPARE(textOf(structured), QStringLiteral("{\"a\":1}"));
    }

    void logRotatesPastItsCap()
    {
        const QString path = m_dir.filePath(QStringLiteral("rotate/server.log"));
        McpServerLog log(path, 300);
        for (int i = 0; i < 20; ++i)
            log.note(QStringLiteral("note number %1").arg(i));
        QVERIFY(QFileInfo::exists(path + QStringLiteral(".1")));
        QVERIFY(QFileInfo(path).size() <= 300);
        QVERIFY(readAll(path).contains("keel: note number 19"));

        McpServerLog other(m_dir.filePath(QStringLiteral("rotate/other.log")));
        other.stderrLine(QStringLiteral("two\nlines"));
        QVERIFY(readAll(m_dir.filePath(QStringLiteral("rotate/other.log")))
                    .endsWith(" stderr: two lines\n"));
    }

    void lineSplitting()
    {
        McpLineSplitter splitter(10);
        QCOMPARE(splitter.append("ab"), QList<QByteArray>());
        QCOMPARE(splitter.append("c\r\nd\n\nef"), QList<QByteArray>({"abc", "d", ""}));
        QCOMPARE(splitter.append("0123456789xyz"), QList<QByteArray>());
        QCOMPARE(splitter.append("more\nok\n"), QList<QByteArray>({"ok"}));
        QCOMPARE(splitter.takeDropped(), QList<qsizetype>({19}));
        QCOMPARE(splitter.append("tail"), QList<QByteArray>());
        QCOMPARE(splitter.takeRest(), QByteArray("tail"));
    }
};

QTEST_GUILESS_MAIN(McpClientTest)
#include "McpClientTest.moc"
