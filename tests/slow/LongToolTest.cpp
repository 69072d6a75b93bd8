// LongToolTest: the promise with tools. The model calls a tool of the real reference MCP server
// (@modelcontextprotocol/server-everything's long-running operation) that runs 65 s and reports
// progress every 5 s; the real app keeps its heartbeat (no gap over 1.5 s) and its GUI responsive
// (watchdog latency max under 50 ms) all along, and the model gets the result. Then, in process,
// Stop in the middle of such a call: the turn ends cancelled at once, the server is sent
// notifications/cancelled, and the same server answers the next call.
#include "CoreThread.h"
#include "Engine.h"
#include "GuiRun.h"
#include "LoopbackLlmServer.h"
#include "MetaTypes.h"
#include "ToolScripts.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QTest>
#include <QUuid>

using namespace keel::core;
using namespace keel::test;

namespace {

QString everythingServer()
{
    return QStringLiteral(KEEL_MCP_SERVERS_DIR "/node_modules/.bin/mcp-server-everything");
}

void writeFile(const QString& path, const QByteArray& bytes)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(bytes);
}

} // namespace

class LongToolTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        registerMetaTypes();
        QVERIFY2(QFileInfo::exists(everythingServer()),
                 "run scripts/test (it installs the reference MCP servers)");
    }

    void aSixtyFiveSecondToolKeepsTheAppLive()
    {
        LoopbackLlmServer server;
        server.enqueue(toolCallResponse("openai", {{"long_1", "trigger-long-running-operation",
                                                    "{\"duration\":65,\"steps\":13}"}}));
        server.enqueue(textResponse("openai", {"The operation ", "completed."}));
        const auto prepare = [](const QString& profile) {
            const QString config = profile + QStringLiteral("/config/keel");
            writeFile(config + QStringLiteral("/mcp.json"),
                      "{\"mcpServers\":{\"everything\":{\"command\":\""
                          + everythingServer().toUtf8() + "\"}}}");
            writeFile(config + QStringLiteral("/tools.json"),
                      "{\"policies\":{\"everything/trigger-long-running-operation\":\"allow\"}}");
        };
        const GuiRunResult run =
            runGuiOnce(QStringLiteral(KEEL_BINARY), server.baseUrl(),
                       QStringLiteral("Run the long operation."), 200000, {}, prepare);
        QVERIFY2(run.ok, qPrintable(run.failure));
        const QJsonObject gui = run.diagnostics.value(QStringLiteral("gui_latency_ms")).toObject();
        const QJsonArray turns = run.diagnostics.value(QStringLiteral("turns")).toArray();
        QCOMPARE(turns.size(), 1);
        const QJsonObject turn = turns.first().toObject();
        qInfo("heartbeats %d, max gap %d ms, GUI latency max %.1f ms p99 %.1f ms (of %d samples), "
              "duration %d ms",
              turn.value(QStringLiteral("heartbeats")).toInt(),
              turn.value(QStringLiteral("max_heartbeat_gap_ms")).toInt(),
              gui.value(QStringLiteral("max")).toDouble(),
              gui.value(QStringLiteral("p99")).toDouble(),
              gui.value(QStringLiteral("samples")).toInt(),
              turn.value(QStringLiteral("duration_ms")).toInt());
        QCOMPARE(turn.value(QStringLiteral("outcome")).toString(), QStringLiteral("complete"));
        QVERIFY(turn.value(QStringLiteral("duration_ms")).toInt() >= 65000);
        QVERIFY(turn.value(QStringLiteral("heartbeats")).toInt() >= 65);
        QVERIFY(turn.value(QStringLiteral("max_heartbeat_gap_ms")).toInt() <= 1500);
        QVERIFY(gui.value(QStringLiteral("max")).toDouble() < 50.0);
        QCOMPARE(server.requestCount(), 2);
        const QList<SentToolResult> results =
            toolResultsIn("openai", server.requests().at(1).jsonBody());
        QCOMPARE(results.size(), 1);
        QVERIFY2(results.at(0).text.contains(QStringLiteral("Long running operation completed")),
                 qPrintable(results.at(0).text));
    }

    void stopInTheMiddleCancelsTheCall()
    {
        QTemporaryDir logs;
        LoopbackLlmServer server;
        server.enqueue(toolCallResponse("anthropic", {{"long_2", "trigger-long-running-operation",
                                                       "{\"duration\":120,\"steps\":24}"}}));
        server.enqueue(
            toolCallResponse("anthropic", {{"echo_1", "echo", "{\"message\":\"still here\"}"}}));
        server.enqueue(textResponse("anthropic", {"ok"}));
        CoreThread core;
        std::vector<ToolCallEvent> events;
        std::vector<TurnResult> results;
        QObject context;
        QObject::connect(core.engine(), &Engine::toolCallUpdated, &context,
                         [&](const ToolCallEvent& e) { events.push_back(e); });
        QObject::connect(core.engine(), &Engine::turnFinished, &context,
                         [&](const TurnResult& r) { results.push_back(r); });
        core.start();
        Engine* engine = core.engine();
        McpServerConfig everything;
        everything.name = QStringLiteral("everything");
        everything.command = everythingServer();
        const QString logDir = logs.path();
        QMetaObject::invokeMethod(
            engine,
            [engine, everything, logDir] { engine->setMcpServers({everything}, logDir, true); },
            Qt::QueuedConnection);
        TurnRequest r;
        r.turnId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        r.provider.kind = QStringLiteral("anthropic");
        r.provider.baseUrl = baseUrlFor("anthropic", server);
        r.model = QStringLiteral("m");
        r.messages = {{Role::User, QStringLiteral("go")}};
        r.toolOptions.enabled = true;
        r.toolOptions.defaultPolicy = ToolPolicy::Allow;
        QMetaObject::invokeMethod(
            engine, [engine, r] { engine->startTurn(r); }, Qt::QueuedConnection);
        // Two progress reports (10 s in), then Stop.
        QTRY_VERIFY_WITH_TIMEOUT(
            std::any_of(events.begin(), events.end(),
                        [](const ToolCallEvent& e) { return e.progress >= 2; }),
            60000);
        const QString turnId = r.turnId;
        QElapsedTimer stopClock;
        stopClock.start();
        QMetaObject::invokeMethod(
            engine, [engine, turnId] { engine->cancelTurn(turnId); }, Qt::QueuedConnection);
        QTRY_COMPARE_WITH_TIMEOUT(results.size(), size_t(1), 5000);
        qInfo("stopped %lld ms after Stop", stopClock.elapsed());
        QVERIFY(stopClock.elapsed() < 2000);
        QCOMPARE(results.at(0).outcome, TurnOutcome::Cancelled);
        QCOMPARE(results.at(0).toolCalls.at(0).state, ToolCallState::Cancelled);
        QCOMPARE(server.requestCount(), 1);
        // Keel's log of the server notes the cancellation it sent.
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                QFile log(QDir(logDir).filePath(QStringLiteral("mcp-everything.log")));
                return log.open(QIODevice::ReadOnly) && log.readAll().contains("cancel");
            }(),
            5000);
        // The server is still usable: the next turn's call is answered.
        r.turnId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        server.clearQueue();
        server.enqueue(
            toolCallResponse("anthropic", {{"echo_1", "echo", "{\"message\":\"still here\"}"}}));
        server.enqueue(textResponse("anthropic", {"ok"}));
        QMetaObject::invokeMethod(
            engine, [engine, r] { engine->startTurn(r); }, Qt::QueuedConnection);
        QTRY_COMPARE_WITH_TIMEOUT(results.size(), size_t(2), 30000);
        QCOMPARE(results.at(1).outcome, TurnOutcome::Complete);
        QVERIFY(results.at(1).toolCalls.at(0).result.modelText().contains(
            QStringLiteral("still here")));
        core.stop();
    }
};

QTEST_GUILESS_MAIN(LongToolTest)
#include "LongToolTest.moc"
