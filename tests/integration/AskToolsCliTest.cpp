// AskToolsCliTest: the tools of `keel ask` as a user runs it: the real keel binary with
// --profile in a temporary dir, the loopback LLM server scripted to ask for a tool call and then
// answer, and the reference server-everything's echo as the tool. A call runs only when a flag
// allows it; otherwise the model is told it was denied.
#include "LoopbackLlmServer.h"
#include "McpCliSupport.h"

#include <QTest>

using namespace keel::test;
using namespace keel::test::cli;

class AskToolsCliTest : public QObject {
    Q_OBJECT

private:
    CliProfile m_profile; // a new one per test (init)

    static QStringList askArguments(const LoopbackLlmServer& llm, const QStringList& extra)
    {
        return QStringList{QStringLiteral("ask"),
                           QStringLiteral("--base-url"),
                           llm.baseUrl(),
                           QStringLiteral("--api-key-env"),
                           QStringLiteral("KEEL_TEST_KEY"),
                           QStringLiteral("--model"),
                           QStringLiteral("m")}
               + extra;
    }

    // The model asks for echo {"message":"hi"} (arguments split across chunks), then answers.
    static void scriptEchoCall(LoopbackLlmServer& llm)
    {
        llm.enqueue(Response::sse(
            {Step::send(LoopbackLlmServer::openAiChunk(QStringLiteral("Let me echo. "))),
             Step::send(LoopbackLlmServer::openAiToolCallChunk(
                 0, QStringLiteral("call_e1"), QStringLiteral("echo"), QStringLiteral("{\"mess"))),
             Step::send(LoopbackLlmServer::openAiToolCallChunk(0, {}, {},
                                                               QStringLiteral("age\":\"hi\"}"))),
             Step::send(LoopbackLlmServer::openAiFinish(QStringLiteral("tool_calls"))),
             Step::send(LoopbackLlmServer::openAiDone())}));
        llm.enqueue(
            Response::openAiStream({QStringLiteral("The tool "), QStringLiteral("answered.")}));
    }

    // The tool message of the second request (the one answering call_e1).
    static QJsonObject toolMessage(const LoopbackLlmServer& llm)
    {
        const QJsonArray messages =
            llm.requests().value(1).jsonBody().value(QStringLiteral("messages")).toArray();
        for (const QJsonValue& message : messages) {
            const QJsonObject object = message.toObject();
            if (object.value(QStringLiteral("role")).toString() == QStringLiteral("tool"))
                return object;
        }
        return {};
    }

    static QStringList offeredTools(const ReceivedRequest& request)
    {
        QStringList names;
        for (const QJsonValue& tool : request.jsonBody().value(QStringLiteral("tools")).toArray())
            names << tool.toObject()
                         .value(QStringLiteral("function"))
                         .toObject()
                         .value(QStringLiteral("name"))
                         .toString();
        return names;
    }

private Q_SLOTS:
    void init() { QVERIFY(m_profile.reset()); }

    void askRunsAnAllowedTool()
    {
        REQUIRE_REFERENCE_SERVER(everything, "mcp-server-everything");
        QVERIFY(m_profile.importServers({{"everything", server(everything)}}));
        LoopbackLlmServer llm;
        scriptEchoCall(llm);
        const Run run = runKeel(
            m_profile.path(),
            askArguments(llm, {QStringLiteral("--allow-tool"), QStringLiteral("echo"),
                               QStringLiteral("--json"), QStringLiteral("Please echo hi")}));
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        QCOMPARE(llm.requestCount(), 2);
        QVERIFY(offeredTools(llm.requests().value(0)).contains(QStringLiteral("echo")));
        const QJsonObject tool = toolMessage(llm);
        QCOMPARE(tool.value(QStringLiteral("tool_call_id")).toString(), QStringLiteral("call_e1"));
        QCOMPARE(tool.value(QStringLiteral("content")).toString(), QStringLiteral("Echo: hi"));

        // Events in order: the text before the call, the call, its result, the answer.
        const QList<QJsonObject> events = jsonLines(run.out);
        QStringList order;
        for (const QJsonObject& event : events) {
            const QString type = event.value(QStringLiteral("type")).toString();
            if (type != QStringLiteral("heartbeat") && type != QStringLiteral("usage")
                && (order.isEmpty() || order.last() != type))
                order << type;
        }
        QCOMPARE(order, QStringList({"delta", "tool_call", "tool_result", "delta", "finish"}));
        const QJsonObject call = events.at(typesOf(events).indexOf("tool_call"));
        QCOMPARE(call.value(QStringLiteral("id")).toString(), QStringLiteral("call_e1"));
        QCOMPARE(call.value(QStringLiteral("name")).toString(), QStringLiteral("echo"));
        QCOMPARE(call.value(QStringLiteral("arguments")).toObject(),
                 QJsonObject({{"message", "hi"}}));
        const QJsonObject result = events.at(typesOf(events).indexOf("tool_result"));
        QCOMPARE(result.value(QStringLiteral("id")).toString(), QStringLiteral("call_e1"));
        QCOMPARE(result.value(QStringLiteral("name")).toString(), QStringLiteral("echo"));
        QCOMPARE(result.value(QStringLiteral("state")).toString(), QStringLiteral("done"));
        QVERIFY(!result.value(QStringLiteral("is_error")).toBool(true));
        QCOMPARE(firstText(result), QStringLiteral("Echo: hi"));
        QString text;
        for (const QJsonObject& event : events) {
            if (event.value(QStringLiteral("type")).toString() == QStringLiteral("delta"))
                text += event.value(QStringLiteral("text")).toString();
        }
        QCOMPARE(text, QStringLiteral("Let me echo. The tool answered."));
    }

    void askAllowsByServerAndToolNameOrAll_data()
    {
        QTest::addColumn<QStringList>("flags");
        QTest::newRow("server/tool") << QStringList{"--allow-tool", "everything/echo"};
        QTest::newRow("all") << QStringList{"--allow-all-tools"};
    }

    void askAllowsByServerAndToolNameOrAll()
    {
        QFETCH(QStringList, flags);
        REQUIRE_REFERENCE_SERVER(everything, "mcp-server-everything");
        QVERIFY(m_profile.importServers({{"everything", server(everything)}}));
        LoopbackLlmServer llm;
        scriptEchoCall(llm);
        const Run run =
            runKeel(m_profile.path(), askArguments(llm, flags + QStringList{"Please echo hi"}));
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        // The text after the call starts on a new line; stderr says what the call did.
        QCOMPARE(run.out, QByteArray("Let me echo. \nThe tool answered.\n"));
        QVERIFY2(run.err.contains("[tool] echo {\"message\":\"hi\"} -> done"),
                 qPrintable(describe(run)));
        QCOMPARE(toolMessage(llm).value(QStringLiteral("content")).toString(),
                 QStringLiteral("Echo: hi"));
    }

    void askDeniesAToolNotAllowed()
    {
        REQUIRE_REFERENCE_SERVER(everything, "mcp-server-everything");
        QVERIFY(m_profile.importServers({{"everything", server(everything)}}));
        LoopbackLlmServer llm;
        scriptEchoCall(llm);
        Run run = runKeel(
            m_profile.path(),
            askArguments(llm, {QStringLiteral("--allow-tool"), QStringLiteral("get-sum"),
                               QStringLiteral("--json"), QStringLiteral("Please echo hi")}));
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        QCOMPARE(llm.requestCount(), 2);
        const QString denial = toolMessage(llm).value(QStringLiteral("content")).toString();
        QVERIFY2(denial.contains(QStringLiteral("--allow-tool echo")), qPrintable(denial));
        const QList<QJsonObject> events = jsonLines(run.out);
        const QStringList types = typesOf(events);
        QVERIFY(types.indexOf("tool_call") >= 0);
        QVERIFY(types.indexOf("tool_call") < types.indexOf("tool_result"));
        QVERIFY(!types.contains(QStringLiteral("tool_progress")));
        const QJsonObject result = events.at(types.indexOf("tool_result"));
        QCOMPARE(result.value(QStringLiteral("state")).toString(), QStringLiteral("denied"));
        QVERIFY(result.value(QStringLiteral("is_error")).toBool());
        QCOMPARE(types.last(), QStringLiteral("finish"));

        // Without --json: one line on stderr says what happened.
        llm.clearRequests();
        scriptEchoCall(llm);
        run = runKeel(m_profile.path(), askArguments(llm, {QStringLiteral("Please echo hi")}));
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        QVERIFY2(run.err.contains("[tool] echo {\"message\":\"hi\"} -> denied"),
                 qPrintable(describe(run)));
        QCOMPARE(run.out, QByteArray("Let me echo. \nThe tool answered.\n"));
    }

    void askReportsToolProgress()
    {
        REQUIRE_REFERENCE_SERVER(everything, "mcp-server-everything");
        QVERIFY(m_profile.importServers({{"everything", server(everything)}}));
        LoopbackLlmServer llm;
        llm.enqueue(Response::sse(
            {Step::send(LoopbackLlmServer::openAiToolCallChunk(
                 0, QStringLiteral("call_long"), QStringLiteral("trigger-long-running-operation"),
                 QStringLiteral(R"({"duration":2,"steps":2})"))),
             Step::send(LoopbackLlmServer::openAiFinish(QStringLiteral("tool_calls"))),
             Step::send(LoopbackLlmServer::openAiDone())}));
        llm.enqueue(Response::openAiStream({QStringLiteral("done")}));
        const Run run = runKeel(
            m_profile.path(), askArguments(llm, {QStringLiteral("--allow-all-tools"),
                                                 QStringLiteral("--json"), QStringLiteral("go")}));
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        QList<QJsonObject> toolEvents;
        for (const QJsonObject& event : jsonLines(run.out)) {
            if (event.value(QStringLiteral("type")).toString().startsWith(QStringLiteral("tool_")))
                toolEvents << event;
        }
        QCOMPARE(typesOf(toolEvents),
                 QStringList({"tool_call", "tool_progress", "tool_progress", "tool_result"}));
        for (int i = 1; i <= 2; ++i) {
            QCOMPARE(toolEvents[i].value(QStringLiteral("id")).toString(),
                     QStringLiteral("call_long"));
            QCOMPARE(toolEvents[i].value(QStringLiteral("progress")).toInt(), i);
            QCOMPARE(toolEvents[i].value(QStringLiteral("total")).toInt(), 2);
        }
        QCOMPARE(toolEvents[3].value(QStringLiteral("state")).toString(), QStringLiteral("done"));
        QVERIFY(firstText(toolEvents[3]).contains(QLatin1String("completed")));
    }

    void askWithNoToolsOffersNone()
    {
        REQUIRE_REFERENCE_SERVER(everything, "mcp-server-everything");
        QVERIFY(m_profile.importServers({{"everything", server(everything)}}));
        LoopbackLlmServer llm;
        llm.enqueue(Response::openAiStream({QStringLiteral("plain")}));
        const Run run =
            runKeel(m_profile.path(),
                    askArguments(llm, {QStringLiteral("--no-tools"), QStringLiteral("hi")}));
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        QCOMPARE(run.out, QByteArray("plain\n"));
        QVERIFY(!llm.requests().value(0).jsonBody().contains(QStringLiteral("tools")));
    }
};

QTEST_GUILESS_MAIN(AskToolsCliTest)
#include "AskToolsCliTest.moc"
