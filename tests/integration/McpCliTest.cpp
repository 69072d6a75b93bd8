// McpCliTest: `keel mcp import | list | tools | call` as a user runs them: the real keel binary,
// each run with --profile in a temporary dir, against the reference MCP servers from npm
// (server-everything, server-filesystem) and Keel's fake MCP server.
#include "McpCliSupport.h"

#include <QDir>
#include <QTest>

using namespace keel::test::cli;

class McpCliTest : public QObject {
    Q_OBJECT

private:
    CliProfile m_profile;  // a new one per test (init)
    QTemporaryDir m_files; // the filesystem server's root

    QString filesRoot() const { return QFileInfo(m_files.path()).canonicalFilePath(); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_files.isValid());
        QVERIFY(writeFile(filesRoot() + QStringLiteral("/notes.txt"), "keel reads files\n"));
    }

    void init() { QVERIFY(m_profile.reset()); }

    // --- import and list ---------------------------------------------------------------------

    void importMergesAndListShowsServers()
    {
        REQUIRE_REFERENCE_SERVER(everything, "mcp-server-everything");
        REQUIRE_REFERENCE_SERVER(filesystem, "mcp-server-filesystem");
        const QString file = m_profile.filePath(QStringLiteral("claude_desktop_config.json"));
        QJsonObject servers{
            {"fake", server(QStringLiteral(KEEL_FAKE_MCP_SERVER_BINARY))},
            {"everything", server(everything)},
            {"files", server(filesystem, {filesRoot(), QStringLiteral("dir with space")})},
            {"remote", QJsonObject{{"url", "https://example.com/mcp"}}},
        };
        QVERIFY(writeFile(file, configFile(servers)));
        Run run =
            runKeel(m_profile.path(), {QStringLiteral("mcp"), QStringLiteral("import"), file});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        for (const char* name : {"fake", "everything", "files"})
            QVERIFY2(run.out.contains(QByteArray("added     ") + name), qPrintable(describe(run)));
        QVERIFY2(run.err.contains("remote") && run.err.contains("warning"),
                 qPrintable(describe(run)));

        // Again, with one server changed: replaced / unchanged, in JSON.
        servers.insert(QStringLiteral("fake"),
                       server(QStringLiteral(KEEL_FAKE_MCP_SERVER_BINARY),
                              {QStringLiteral("--stderr"), QStringLiteral("hello")}));
        QJsonObject off = server(QStringLiteral("/bin/true"));
        off.insert(QStringLiteral("disabled"), true);
        servers.insert(QStringLiteral("off"), off);
        QVERIFY(writeFile(file, configFile(servers)));
        run = runKeel(m_profile.path(), {QStringLiteral("mcp"), QStringLiteral("import"), file,
                                         QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        const QJsonObject report = parsed(run.out).object();
        QCOMPARE(report.value(QStringLiteral("added")).toArray(), QJsonArray({"off"}));
        QCOMPARE(report.value(QStringLiteral("replaced")).toArray(), QJsonArray({"fake"}));
        QCOMPARE(report.value(QStringLiteral("unchanged")).toArray(),
                 QJsonArray({"everything", "files"}));
        QCOMPARE(report.value(QStringLiteral("warnings")).toArray().size(), 1);

        run = runKeel(m_profile.path(),
                      {QStringLiteral("mcp"), QStringLiteral("list"), QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        const QJsonArray list = parsed(run.out).array();
        // In the file's order (QJsonObject wrote it sorted), the new one last.
        QCOMPARE(namesOf(list), QStringList({"everything", "fake", "files", "off"}));
        const QJsonObject files = list.at(2).toObject();
        QCOMPARE(files.value(QStringLiteral("command")).toString(), filesystem);
        QCOMPARE(files.value(QStringLiteral("args")).toArray(),
                 QJsonArray({filesRoot(), QStringLiteral("dir with space")}));
        QVERIFY(files.value(QStringLiteral("enabled")).toBool());
        QVERIFY(!list.at(3).toObject().value(QStringLiteral("enabled")).toBool(true));

        run = runKeel(m_profile.path(), {QStringLiteral("mcp"), QStringLiteral("list")});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        const QStringList lines = QString::fromUtf8(run.out).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 5); // a header and one line per server
        QVERIFY(lines.at(3).startsWith(QStringLiteral("files")));
        QVERIFY2(lines.at(3).contains(filesystem + QStringLiteral(" ") + filesRoot()
                                      + QStringLiteral(" 'dir with space'")),
                 qPrintable(lines.at(3)));
        QVERIFY(lines.at(4).contains(QStringLiteral(" no ")));
    }

    void importRejectsABadFileByName()
    {
        const QString missing = m_profile.filePath(QStringLiteral("missing.json"));
        Run run =
            runKeel(m_profile.path(), {QStringLiteral("mcp"), QStringLiteral("import"), missing});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(missing.toUtf8()), qPrintable(describe(run)));

        const QString broken = m_profile.filePath(QStringLiteral("broken.json"));
        QVERIFY(writeFile(broken, "{\"mcpServers\": {\"a\": {\"command\": \"x\"},}"));
        run = runKeel(m_profile.path(), {QStringLiteral("mcp"), QStringLiteral("import"), broken});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(broken.toUtf8()) && run.err.contains("valid JSON"),
                 qPrintable(describe(run)));

        const QString other = m_profile.filePath(QStringLiteral("other.json"));
        QVERIFY(writeFile(other, "{\"servers\": {}}"));
        run = runKeel(m_profile.path(), {QStringLiteral("mcp"), QStringLiteral("import"), other});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(other.toUtf8()) && run.err.contains("mcpServers"),
                 qPrintable(describe(run)));

        // Nothing was configured by the failures.
        run = runKeel(m_profile.path(),
                      {QStringLiteral("mcp"), QStringLiteral("list"), QStringLiteral("--json")});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(parsed(run.out).array().size(), 0);
    }

    // --- tools -------------------------------------------------------------------------------

    void toolsOfTheEverythingServer()
    {
        REQUIRE_REFERENCE_SERVER(everything, "mcp-server-everything");
        QVERIFY(m_profile.importServers({{"everything", server(everything)}}));
        Run run =
            runKeel(m_profile.path(), {QStringLiteral("mcp"), QStringLiteral("tools"),
                                       QStringLiteral("everything"), QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        const QJsonArray tools = parsed(run.out).array();
        const QStringList names = namesOf(tools);
        for (const char* tool : {"echo", "get-sum", "trigger-long-running-operation"})
            QVERIFY2(names.contains(QLatin1String(tool)), tool);
        const QJsonObject echo = tools.at(names.indexOf(QStringLiteral("echo"))).toObject();
        QVERIFY(!echo.value(QStringLiteral("description")).toString().isEmpty());
        QVERIFY(echo.contains(QStringLiteral("title")));
        const QJsonObject schema = echo.value(QStringLiteral("inputSchema")).toObject();
        QCOMPARE(schema.value(QStringLiteral("type")).toString(), QStringLiteral("object"));
        QVERIFY(schema.value(QStringLiteral("properties"))
                    .toObject()
                    .contains(QStringLiteral("message")));

        run = runKeel(m_profile.path(), {QStringLiteral("mcp"), QStringLiteral("tools"),
                                         QStringLiteral("everything")});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        // Each tool's name on a line of its own, its description indented below.
        const QStringList lines = QString::fromUtf8(run.out).split(QLatin1Char('\n'));
        qsizetype at = -1;
        for (qsizetype i = 0; i < lines.size() && at < 0; ++i) {
            if (lines[i] == QStringLiteral("echo")
                || lines[i].startsWith(QStringLiteral("echo  (")))
                at = i;
        }
        QVERIFY2(at >= 0, run.out.constData());
        QVERIFY(lines.value(at + 1).startsWith(QStringLiteral("    ")));
    }

    void toolsOfTheFilesystemServer()
    {
        REQUIRE_REFERENCE_SERVER(filesystem, "mcp-server-filesystem");
        QVERIFY(m_profile.importServers({{"files", server(filesystem, {filesRoot()})}}));
        const Run run =
            runKeel(m_profile.path(), {QStringLiteral("mcp"), QStringLiteral("tools"),
                                       QStringLiteral("files"), QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        const QStringList names = namesOf(parsed(run.out).array());
        QVERIFY2(names.contains(QStringLiteral("list_directory")), qPrintable(names.join(',')));
        QVERIFY2(names.contains(QStringLiteral("read_text_file")), qPrintable(names.join(',')));
    }

    void toolsOfAServerThatFailsNamesItsLog()
    {
        QVERIFY(m_profile.importServers(
            {{"broken", server(m_profile.filePath(QStringLiteral("no-such")))}}));
        const Run run = runKeel(m_profile.path(), {QStringLiteral("mcp"), QStringLiteral("tools"),
                                                   QStringLiteral("broken")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("\"broken\""), qPrintable(describe(run)));
        QVERIFY2(run.err.contains("log: ") && run.err.contains("mcp-broken.log"),
                 qPrintable(describe(run)));
        QVERIFY(run.out.isEmpty());
    }

    void unknownServer()
    {
        REQUIRE_REFERENCE_SERVER(everything, "mcp-server-everything");
        QVERIFY(m_profile.importServers({{"everything", server(everything)}}));
        Run run = runKeel(m_profile.path(),
                          {QStringLiteral("mcp"), QStringLiteral("tools"), QStringLiteral("nope")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("\"nope\"") && run.err.contains("everything"),
                 qPrintable(describe(run)));
        run = runKeel(m_profile.path(),
                      {QStringLiteral("mcp"), QStringLiteral("call"), QStringLiteral("nope"),
                       QStringLiteral("echo"), QStringLiteral("{}")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("\"nope\""), qPrintable(describe(run)));
    }

    // --- call --------------------------------------------------------------------------------

    void callEchoAndSum()
    {
        REQUIRE_REFERENCE_SERVER(everything, "mcp-server-everything");
        QVERIFY(m_profile.importServers({{"everything", server(everything)}}));
        Run run = runKeel(m_profile.path(), {QStringLiteral("mcp"), QStringLiteral("call"),
                                             QStringLiteral("everything"), QStringLiteral("echo"),
                                             QStringLiteral(R"({"message":"hello keel"})")});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        QCOMPARE(run.out, QByteArray("Echo: hello keel\n"));

        run = runKeel(m_profile.path(),
                      {QStringLiteral("mcp"), QStringLiteral("call"), QStringLiteral("everything"),
                       QStringLiteral("get-sum"), QStringLiteral(R"({"a":2,"b":3})"),
                       QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        const QList<QJsonObject> events = jsonLines(run.out);
        QCOMPARE(typesOf(events), QStringList({"tool_result"}));
        const QJsonObject result = events.first();
        QVERIFY(!result.value(QStringLiteral("is_error")).toBool(true));
        QCOMPARE(result.value(QStringLiteral("state")).toString(), QStringLiteral("done"));
        QVERIFY(!result.value(QStringLiteral("id")).toString().isEmpty());
        const QJsonObject piece =
            result.value(QStringLiteral("content")).toArray().first().toObject();
        QCOMPARE(piece.value(QStringLiteral("type")).toString(), QStringLiteral("text"));
        QVERIFY2(piece.value(QStringLiteral("text")).toString().contains(QLatin1Char('5')),
                 qPrintable(describe(run)));
    }

    void callReportsProgress()
    {
        REQUIRE_REFERENCE_SERVER(everything, "mcp-server-everything");
        QVERIFY(m_profile.importServers({{"everything", server(everything)}}));
        const QStringList call{QStringLiteral("mcp"), QStringLiteral("call"),
                               QStringLiteral("everything"),
                               QStringLiteral("trigger-long-running-operation"),
                               QStringLiteral(R"({"duration":2,"steps":2})")};
        Run run = runKeel(m_profile.path(), call + QStringList{QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        const QList<QJsonObject> events = jsonLines(run.out);
        QCOMPARE(typesOf(events), QStringList({"tool_progress", "tool_progress", "tool_result"}));
        for (int i = 0; i < 2; ++i) {
            QCOMPARE(events[i].value(QStringLiteral("progress")).toInt(), i + 1);
            QCOMPARE(events[i].value(QStringLiteral("total")).toInt(), 2);
            QCOMPARE(events[i].value(QStringLiteral("id")), events[2].value(QStringLiteral("id")));
        }
        QVERIFY(firstText(events[2]).contains(QLatin1String("completed")));

        run = runKeel(m_profile.path(), call);
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        QVERIFY2(run.err.contains("progress 1/2") && run.err.contains("progress 2/2"),
                 qPrintable(describe(run)));
        QVERIFY(run.out.contains("completed"));
    }

    void callReadsAFileThroughTheFilesystemServer()
    {
        REQUIRE_REFERENCE_SERVER(filesystem, "mcp-server-filesystem");
        QVERIFY(m_profile.importServers({{"files", server(filesystem, {filesRoot()})}}));
        const QString args = QString::fromUtf8(
            QJsonDocument(QJsonObject{{"path", filesRoot() + QStringLiteral("/notes.txt")}})
                .toJson(QJsonDocument::Compact));
        Run run = runKeel(m_profile.path(),
                          {QStringLiteral("mcp"), QStringLiteral("call"), QStringLiteral("files"),
                           QStringLiteral("read_text_file"), args});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        QCOMPARE(run.out, QByteArray("keel reads files\n"));

        const QString listArgs = QString::fromUtf8(
            QJsonDocument(QJsonObject{{"path", filesRoot()}}).toJson(QJsonDocument::Compact));
        run = runKeel(m_profile.path(),
                      {QStringLiteral("mcp"), QStringLiteral("call"), QStringLiteral("files"),
                       QStringLiteral("list_directory"), listArgs, QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        const QList<QJsonObject> events = jsonLines(run.out);
        QCOMPARE(typesOf(events), QStringList({"tool_result"}));
        QVERIFY(firstText(events.first()).contains(QLatin1String("[FILE] notes.txt")));
    }

    void callWithArgumentsThatAreNotAnObject_data()
    {
        QTest::addColumn<QString>("arguments");
        QTest::newRow("array") << QStringLiteral("[1, 2]");
        QTest::newRow("broken") << QStringLiteral("{\"message\": ");
        QTest::newRow("string") << QStringLiteral("\"hi\"");
    }

    void callWithArgumentsThatAreNotAnObject()
    {
        QFETCH(QString, arguments);
        QVERIFY(m_profile.importServers(
            {{"fake", server(QStringLiteral(KEEL_FAKE_MCP_SERVER_BINARY))}}));
        const Run run =
            runKeel(m_profile.path(), {QStringLiteral("mcp"), QStringLiteral("call"),
                                       QStringLiteral("fake"), QStringLiteral("echo"), arguments});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("ARGS_JSON must be a JSON object"), qPrintable(describe(run)));
        QVERIFY(run.out.isEmpty());
    }

    void callOfAToolThatCrashesExitsOne()
    {
        QVERIFY(m_profile.importServers(
            {{"fake", server(QStringLiteral(KEEL_FAKE_MCP_SERVER_BINARY),
                             {QStringLiteral("--crash-on-call"), QStringLiteral("echo")})}}));
        const Run run = runKeel(m_profile.path(),
                                {QStringLiteral("mcp"), QStringLiteral("call"),
                                 QStringLiteral("fake"), QStringLiteral("echo"),
                                 QStringLiteral(R"({"message":"x"})"), QStringLiteral("--json")});
        QCOMPARE(run.exitCode, 1);
        const QList<QJsonObject> events = jsonLines(run.out);
        QCOMPARE(typesOf(events), QStringList({"tool_result"}));
        QVERIFY(events.first().value(QStringLiteral("is_error")).toBool());
        QVERIFY2(run.err.contains("log: ") && run.err.contains("mcp-fake.log"),
                 qPrintable(describe(run)));
    }

    void interruptCancelsTheCall()
    {
        const QString record = m_profile.filePath(QStringLiteral("record.jsonl"));
        QVERIFY(m_profile.importServers(
            {{"fake", server(QStringLiteral(KEEL_FAKE_MCP_SERVER_BINARY),
                             {QStringLiteral("--slow"), QStringLiteral("slow"),
                              QStringLiteral("60"), QStringLiteral("--record"), record})}}));
        QProcess keel;
        keel.setProcessEnvironment(childEnvironment());
        keel.start(QStringLiteral(KEEL_BINARY),
                   {QStringLiteral("--profile"), m_profile.path(), QStringLiteral("mcp"),
                    QStringLiteral("call"), QStringLiteral("fake"), QStringLiteral("slow"),
                    QStringLiteral("{}"), QStringLiteral("--json")});
        QVERIFY(keel.waitForStarted(10000));
        QByteArray out;
        QVERIFY(QTest::qWaitFor(
            [&] {
                out += keel.readAllStandardOutput();
                return out.contains("tool_progress");
            },
            kRunMs));
        keel.terminate(); // SIGTERM, handled like Ctrl+C
        QVERIFY(keel.waitForFinished(15000));
        out += keel.readAllStandardOutput();
        QCOMPARE(keel.exitStatus(), QProcess::NormalExit);
        QCOMPARE(keel.exitCode(), 130);
        const QList<QJsonObject> events = jsonLines(out);
        QVERIFY2(!events.isEmpty(), out.constData());
        QCOMPARE(events.last().value(QStringLiteral("type")).toString(),
                 QStringLiteral("tool_result"));
        QCOMPARE(events.last().value(QStringLiteral("state")).toString(),
                 QStringLiteral("cancelled"));
        // The server was told: keel notes it in the server's log once the notification is on
        // its way. (Whether the server read it before keel exited and stopped it is a race the
        // record file cannot settle, so it is not checked here.)
        QFile log(m_profile.filePath(QStringLiteral("data/keel/logs/mcp-fake.log")));
        QVERIFY2(log.open(QIODevice::ReadOnly), qPrintable(log.fileName()));
        QVERIFY2(log.readAll().contains("cancelled request"), qPrintable(log.fileName()));
    }

    void toolFlagsBelongToAsk()
    {
        const Run run = runKeel(m_profile.path(), {QStringLiteral("mcp"), QStringLiteral("list"),
                                                   QStringLiteral("--allow-all-tools")});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("--allow-all-tools is an option of keel ask"),
                 qPrintable(describe(run)));
    }
};

QTEST_GUILESS_MAIN(McpCliTest)
#include "McpCliTest.moc"
