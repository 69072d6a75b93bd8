// ToolLoopTest: turns with tools through the real core loop (Engine on CoreThread, libcurl, each
// provider's mapper and request builder, ToolStep, ToolRegistry with built-in tools and MCP
// servers) against the loopback LLM server scripted to ask for tool calls in each provider's
// format: approval, parallel calls, arguments split across many chunks, denial, unknown tools,
// the step limit, crashing and garbage-printing MCP servers, and Stop during a tool call.
#include "CoreThread.h"
#include "Engine.h"
#include "LoopbackLlmServer.h"
#include "MetaTypes.h"
#include "ToolScripts.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <optional>

using namespace keel::core;
using namespace keel::test;

namespace {

const QStringList kKinds = {QStringLiteral("openai"), QStringLiteral("anthropic"),
                            QStringLiteral("gemini"), QStringLiteral("ollama")};

class Observer : public QObject {
public:
    explicit Observer(Engine* engine)
    {
        connect(engine, &Engine::turnDelta, this,
                [this](const TurnDelta& delta) { text += delta.text; });
        connect(engine, &Engine::turnHeartbeat, this,
                [this](const TurnHeartbeat& beat) { heartbeats.push_back(beat); });
        connect(engine, &Engine::toolCallUpdated, this,
                [this](const ToolCallEvent& event) { events.push_back(event); });
        connect(engine, &Engine::turnFinished, this, [this](const TurnResult& r) { result = r; });
    }
    // The latest event of a call.
    std::optional<ToolCallEvent> last(const QString& callId) const
    {
        for (auto it = events.rbegin(); it != events.rend(); ++it) {
            if (it->call.id == callId)
                return *it;
        }
        return std::nullopt;
    }
    bool sawState(ToolCallState state) const
    {
        return std::any_of(events.begin(), events.end(),
                           [state](const ToolCallEvent& e) { return e.state == state; });
    }

    QString text;
    std::vector<TurnHeartbeat> heartbeats;
    std::vector<ToolCallEvent> events;
    std::optional<TurnResult> result;
};

TurnRequest request(const QString& kind, const LoopbackLlmServer& server)
{
    TurnRequest r;
    r.turnId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    r.provider.kind = kind;
    r.provider.baseUrl = baseUrlFor(kind, server);
    r.provider.apiKey = QStringLiteral("test-key");
    r.model = QStringLiteral("test-model");
    r.messages = {{Role::User, QStringLiteral("What time is it?")}};
    r.toolOptions.enabled = true;
    r.toolOptions.canAsk = false;
    r.toolOptions.policies.insert(QStringLiteral("keel/current_time"), ToolPolicy::Allow);
    return r;
}

void start(Engine* engine, const TurnRequest& r)
{
    QMetaObject::invokeMethod(
        engine, [engine, r] { engine->startTurn(r); }, Qt::QueuedConnection);
}

QString callIdFor(const QString& kind, const QString& scriptedId, int index)
{
    // Gemini and Ollama send no ids: the core numbers the calls of a step.
    return kind == QLatin1String("openai") || kind == QLatin1String("anthropic")
               ? scriptedId
               : QStringLiteral("call_1_%1").arg(index + 1);
}

void setServers(Engine* engine, const QList<McpServerConfig>& servers, const QString& logDir)
{
    QMetaObject::invokeMethod(
        engine, [engine, servers, logDir] { engine->setMcpServers(servers, logDir, false); },
        Qt::QueuedConnection);
}

McpServerConfig fakeServer(const QStringList& args)
{
    McpServerConfig config;
    config.name = QStringLiteral("fake");
    config.command = QStringLiteral(KEEL_FAKE_MCP_SERVER_BINARY);
    config.args = args;
    return config;
}

} // namespace

class ToolLoopTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { registerMetaTypes(); }

    void allowedCallRunsAndTheModelReadsTheResult_data()
    {
        QTest::addColumn<QString>("kind");
        for (const QString& kind : kKinds)
            QTest::newRow(qPrintable(kind)) << kind;
    }
    void allowedCallRunsAndTheModelReadsTheResult()
    {
        QFETCH(QString, kind);
        LoopbackLlmServer server;
        // Arguments split into 2-character fragments, bytes in 5-byte pieces.
        server.enqueue(toolCallResponse(
            kind, {{"call_a", "current_time", "{\"timezone\":\"Asia/Tokyo\"}"}}, 2, 5));
        server.enqueue(textResponse(kind, {"It is ", "late in Tokyo."}));
        CoreThread core;
        Observer observer(core.engine());
        core.start();
        start(core.engine(), request(kind, server));
        QTRY_VERIFY_WITH_TIMEOUT(observer.result.has_value(), 15000);
        QCOMPARE(observer.result->outcome, TurnOutcome::Complete);
        QCOMPARE(observer.result->text, QStringLiteral("It is late in Tokyo."));
        QCOMPARE(observer.result->steps, 2);
        QCOMPARE(server.requestCount(), 2);

        const QJsonObject first = server.requests().at(0).jsonBody();
        QVERIFY(toolsOfferedIn(kind, first).contains(QStringLiteral("current_time")));
        QVERIFY(toolsOfferedIn(kind, first).contains(QStringLiteral("fetch_url")));
        const QList<SentToolResult> results =
            toolResultsIn(kind, server.requests().at(1).jsonBody());
        QCOMPARE(results.size(), 1);
        QCOMPARE(results.at(0).idOrName, kind == "openai" || kind == "anthropic"
                                             ? QStringLiteral("call_a")
                                             : QStringLiteral("current_time"));
        QVERIFY2(results.at(0).text.contains(QStringLiteral("Asia/Tokyo")),
                 qPrintable(results.at(0).text));
        QVERIFY(results.at(0).text.contains(QStringLiteral("+09:00")));
        QVERIFY(!results.at(0).isError);

        QCOMPARE(observer.result->toolCalls.size(), 1);
        const ToolCallRecord& record = observer.result->toolCalls.at(0);
        QCOMPARE(record.state, ToolCallState::Done);
        QCOMPARE(record.server, QStringLiteral("keel"));
        QCOMPARE(record.call.arguments, QStringLiteral("{\"timezone\":\"Asia/Tokyo\"}"));
        QCOMPARE(record.call.id, callIdFor(kind, "call_a", 0));
        const auto event = observer.last(record.call.id);
        QVERIFY(event.has_value());
        QCOMPARE(event->state, ToolCallState::Done);
        QVERIFY(observer.sawState(ToolCallState::Running));
    }

    void parallelCallsAllRunAndReturnInOrder_data()
    {
        allowedCallRunsAndTheModelReadsTheResult_data();
    }
    void parallelCallsAllRunAndReturnInOrder()
    {
        QFETCH(QString, kind);
        LoopbackLlmServer server;
        server.enqueue(
            toolCallResponse(kind,
                             {{"call_1", "current_time", "{\"timezone\":\"Europe/Paris\"}"},
                              {"call_2", "current_time", "{\"timezone\":\"America/New_York\"}"},
                              {"call_3", "current_time", "{\"timezone\":\"Mars/Base\"}"}},
                             3, 7));
        server.enqueue(textResponse(kind, {"Done."}));
        CoreThread core;
        Observer observer(core.engine());
        core.start();
        start(core.engine(), request(kind, server));
        QTRY_VERIFY_WITH_TIMEOUT(observer.result.has_value(), 15000);
        QCOMPARE(observer.result->outcome, TurnOutcome::Complete);
        const QList<SentToolResult> results =
            toolResultsIn(kind, server.requests().at(1).jsonBody());
        QCOMPARE(results.size(), 3);
        QVERIFY(results.at(0).text.contains(QStringLiteral("Europe/Paris")));
        QVERIFY(results.at(1).text.contains(QStringLiteral("America/New_York")));
        QVERIFY(results.at(2).text.contains(QStringLiteral("Unknown time zone")));
        if (kind == QLatin1String("anthropic") || kind == QLatin1String("gemini"))
            QVERIFY(results.at(2).isError); // the formats that can say so
        QCOMPARE(observer.result->toolCalls.size(), 3);
        QVERIFY(observer.result->toolCalls.at(2).result.isError);
    }

    void aCallNeedingApprovalWaitsForTheUser()
    {
        LoopbackLlmServer server;
        server.enqueue(toolCallResponse("openai", {{"c1", "current_time", "{}"}}));
        server.enqueue(textResponse("openai", {"ok"}));
        CoreThread core;
        Observer observer(core.engine());
        core.start();
        TurnRequest r = request("openai", server);
        r.toolOptions.policies.clear(); // ask
        r.toolOptions.canAsk = true;
        start(core.engine(), r);
        QTRY_VERIFY_WITH_TIMEOUT(observer.sawState(ToolCallState::AwaitingApproval), 10000);
        // The heartbeat says what it waits for, and keeps beating while nobody answers.
        const size_t beats = observer.heartbeats.size();
        QTRY_VERIFY_WITH_TIMEOUT(observer.heartbeats.size() >= beats + 2, 5000);
        QCOMPARE(observer.heartbeats.back().phase, TurnPhase::AwaitingApproval);
        QCOMPARE(observer.heartbeats.back().toolName, QStringLiteral("current_time"));
        QCOMPARE(server.requestCount(), 1);
        QVERIFY(!observer.result.has_value());

        Engine* engine = core.engine();
        const QString turnId = r.turnId;
        QMetaObject::invokeMethod(
            engine,
            [engine, turnId] { engine->answerToolApproval(turnId, "c1", ToolApproval::AllowOnce); },
            Qt::QueuedConnection);
        QTRY_VERIFY_WITH_TIMEOUT(observer.result.has_value(), 10000);
        QCOMPARE(observer.result->outcome, TurnOutcome::Complete);
        QCOMPARE(observer.result->toolCalls.at(0).state, ToolCallState::Done);
        QCOMPARE(toolResultsIn("openai", server.requests().at(1).jsonBody()).size(), 1);
    }

    void alwaysAllowCoversTheRestOfTheTurn()
    {
        LoopbackLlmServer server;
        server.enqueue(toolCallResponse("anthropic", {{"t1", "current_time", "{}"}}));
        server.enqueue(toolCallResponse("anthropic", {{"t2", "current_time", "{}"}}));
        server.enqueue(textResponse("anthropic", {"ok"}));
        CoreThread core;
        Observer observer(core.engine());
        core.start();
        TurnRequest r = request("anthropic", server);
        r.toolOptions.policies.clear();
        r.toolOptions.canAsk = true;
        start(core.engine(), r);
        QTRY_VERIFY_WITH_TIMEOUT(observer.sawState(ToolCallState::AwaitingApproval), 10000);
        Engine* engine = core.engine();
        const QString turnId = r.turnId;
        QMetaObject::invokeMethod(
            engine,
            [engine, turnId] {
                engine->answerToolApproval(turnId, "t1", ToolApproval::AllowAlways);
            },
            Qt::QueuedConnection);
        QTRY_VERIFY_WITH_TIMEOUT(observer.result.has_value(), 10000);
        QCOMPARE(observer.result->outcome, TurnOutcome::Complete);
        QCOMPARE(observer.result->steps, 3);
        // The second call ran without asking again.
        int approvals = 0;
        for (const ToolCallEvent& event : observer.events)
            approvals += event.state == ToolCallState::AwaitingApproval;
        QCOMPARE(approvals, 1);
        QCOMPARE(observer.result->toolCalls.size(), 2);
        QCOMPARE(observer.result->toolCalls.at(1).state, ToolCallState::Done);
    }

    void deniedCallsTellTheModelAndTheTurnGoesOn_data()
    {
        allowedCallRunsAndTheModelReadsTheResult_data();
    }
    void deniedCallsTellTheModelAndTheTurnGoesOn()
    {
        QFETCH(QString, kind);
        LoopbackLlmServer server;
        server.enqueue(
            toolCallResponse(kind, {{"d1", "fetch_url", "{\"url\":\"http://127.0.0.1:9/x\"}"},
                                    {"d2", "no_such_tool", "{}"}}));
        server.enqueue(textResponse(kind, {"I could not fetch it."}));
        CoreThread core;
        Observer observer(core.engine());
        core.start();
        start(core.engine(), request(kind, server)); // fetch_url: Ask, and nobody can be asked
        QTRY_VERIFY_WITH_TIMEOUT(observer.result.has_value(), 10000);
        QCOMPARE(observer.result->outcome, TurnOutcome::Complete);
        QCOMPARE(observer.result->text, QStringLiteral("I could not fetch it."));
        QCOMPARE(observer.result->toolCalls.at(0).state, ToolCallState::Denied);
        QCOMPARE(observer.result->toolCalls.at(1).state, ToolCallState::Failed);
        const QList<SentToolResult> results =
            toolResultsIn(kind, server.requests().at(1).jsonBody());
        QCOMPARE(results.size(), 2);
        QVERIFY2(results.at(0).text.contains(QStringLiteral("approval")),
                 qPrintable(results.at(0).text));
        QVERIFY(results.at(1).text.contains(QStringLiteral("no tool named")));
    }

    void theStepLimitEndsTheTurn()
    {
        LoopbackLlmServer server;
        server.setDefault(toolCallResponse("openai", {{"again", "current_time", "{}"}}));
        CoreThread core;
        Observer observer(core.engine());
        core.start();
        TurnRequest r = request("openai", server);
        r.toolOptions.maxSteps = 3;
        start(core.engine(), r);
        QTRY_VERIFY_WITH_TIMEOUT(observer.result.has_value(), 15000);
        QCOMPARE(server.requestCount(), 3);
        QCOMPARE(observer.result->outcome, TurnOutcome::Incomplete);
        QVERIFY(observer.result->error.message.contains(QStringLiteral("limit of 3")));
        QCOMPARE(observer.result->toolCalls.size(), 3);
        QCOMPARE(observer.result->toolCalls.at(1).state, ToolCallState::Done);
        QCOMPARE(observer.result->toolCalls.at(2).state, ToolCallState::Failed);
    }

    void aCrashingMcpServerGivesAnErrorResultAndTheTurnGoesOn()
    {
        QTemporaryDir logs;
        LoopbackLlmServer server;
        server.enqueue(toolCallResponse("openai", {{"c1", "echo", "{\"message\":\"hi\"}"}}));
        server.enqueue(textResponse("openai", {"The tool crashed."}));
        CoreThread core;
        Observer observer(core.engine());
        core.start();
        setServers(core.engine(), {fakeServer({"--crash-on-call", "echo"})}, logs.path());
        TurnRequest r = request("openai", server);
        r.toolOptions.policies.insert(QStringLiteral("fake/echo"), ToolPolicy::Allow);
        start(core.engine(), r);
        QTRY_VERIFY_WITH_TIMEOUT(observer.result.has_value(), 20000);
        QCOMPARE(observer.result->outcome, TurnOutcome::Complete);
        const QList<SentToolResult> results =
            toolResultsIn("openai", server.requests().at(1).jsonBody());
        QCOMPARE(results.size(), 1);
        QVERIFY2(results.at(0).text.contains(QStringLiteral("fake")),
                 qPrintable(results.at(0).text));
        QVERIFY2(results.at(0).text.contains(QStringLiteral("3")), qPrintable(results.at(0).text));
        QVERIFY(observer.result->toolCalls.at(0).result.isError);
    }

    void aServerPrintingGarbageStillAnswers()
    {
        QTemporaryDir logs;
        LoopbackLlmServer server;
        server.enqueue(
            toolCallResponse("anthropic", {{"g1", "echo", "{\"message\":\"through the noise\"}"}}));
        server.enqueue(textResponse("anthropic", {"ok"}));
        CoreThread core;
        Observer observer(core.engine());
        core.start();
        setServers(core.engine(), {fakeServer({"--garbage"})}, logs.path());
        TurnRequest r = request("anthropic", server);
        r.toolOptions.policies.insert(QStringLiteral("fake/echo"), ToolPolicy::Allow);
        start(core.engine(), r);
        QTRY_VERIFY_WITH_TIMEOUT(observer.result.has_value(), 20000);
        const QList<SentToolResult> results =
            toolResultsIn("anthropic", server.requests().at(1).jsonBody());
        QCOMPARE(results.size(), 1);
        QVERIFY2(results.at(0).text.contains(QStringLiteral("through the noise")),
                 qPrintable(results.at(0).text));
        QVERIFY(!results.at(0).isError);
    }

    void stopDuringAToolCallCancelsItOnTheServer()
    {
        QTemporaryDir logs;
        const QString record = logs.filePath(QStringLiteral("received.jsonl"));
        LoopbackLlmServer server;
        server.enqueue(toolCallResponse("gemini", {{"", "wait", "{}"}}));
        CoreThread core;
        Observer observer(core.engine());
        core.start();
        setServers(core.engine(), {fakeServer({"--slow", "wait", "60", "--record", record})},
                   logs.path());
        TurnRequest r = request("gemini", server);
        r.toolOptions.policies.insert(QStringLiteral("fake/wait"), ToolPolicy::Allow);
        start(core.engine(), r);
        // Running, with progress from the server, and the heartbeat names the tool.
        QTRY_VERIFY_WITH_TIMEOUT(
            std::any_of(observer.events.begin(), observer.events.end(),
                        [](const ToolCallEvent& e) { return e.progress >= 1; }),
            20000);
        QTRY_VERIFY_WITH_TIMEOUT(!observer.heartbeats.empty()
                                     && observer.heartbeats.back().phase == TurnPhase::RunningTool,
                                 5000);
        QCOMPARE(observer.heartbeats.back().toolName, QStringLiteral("wait"));
        Engine* engine = core.engine();
        const QString turnId = r.turnId;
        QMetaObject::invokeMethod(
            engine, [engine, turnId] { engine->cancelTurn(turnId); }, Qt::QueuedConnection);
        QTRY_VERIFY_WITH_TIMEOUT(observer.result.has_value(), 5000);
        QCOMPARE(observer.result->outcome, TurnOutcome::Cancelled);
        QCOMPARE(observer.result->toolCalls.at(0).state, ToolCallState::Cancelled);
        QCOMPARE(server.requestCount(), 1);
        // The server was told: notifications/cancelled for the tools/call request.
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                QFile file(record);
                return file.open(QIODevice::ReadOnly)
                       && file.readAll().contains("notifications/cancelled");
            }(),
            5000);
    }

    void toolsAreNotOfferedWhenDisabled()
    {
        LoopbackLlmServer server;
        server.enqueue(textResponse("openai", {"hi"}));
        CoreThread core;
        Observer observer(core.engine());
        core.start();
        TurnRequest r = request("openai", server);
        r.toolOptions.enabled = false;
        start(core.engine(), r);
        QTRY_VERIFY_WITH_TIMEOUT(observer.result.has_value(), 10000);
        QVERIFY(!server.requests().at(0).jsonBody().contains(QStringLiteral("tools")));
        r.turnId = QUuid::createUuid().toString();
        r.toolOptions.enabled = true;
        r.toolOptions.disabledTools.insert(QStringLiteral("keel/fetch_url"));
        server.enqueue(textResponse("openai", {"hi"}));
        observer.result.reset();
        start(core.engine(), r);
        QTRY_VERIFY_WITH_TIMEOUT(observer.result.has_value(), 10000);
        QCOMPARE(toolsOfferedIn("openai", server.requests().at(1).jsonBody()),
                 QStringList{QStringLiteral("current_time")});
    }
};

QTEST_GUILESS_MAIN(ToolLoopTest)
#include "ToolLoopTest.moc"
