// Engine: routes queued requests to turn runners on the core loop and their signals back out.
#include "Engine.h"

#include "ThreadCheck.h"
#include "chat/TurnRunner.h"
#include "net/CurlMulti.h"
#include "providers/ModelLister.h"
#include "providers/Provider.h"
#include "tools/ToolInvocation.h"
#include "tools/ToolRegistry.h"

#include <QElapsedTimer>
#include <QThread>
#include <QTimer>

#include <memory>

namespace keel::core {

Engine::Engine(Store* store, QObject* parent)
    : QObject(parent)
    , m_store(store)
{
}

Engine::~Engine()
{
    // Runners and listers release their transfers, which needs the multi handle alive.
    m_turns.clear();
    m_listers.clear();
    m_tools.reset();
    m_curl.reset();
}

CurlMulti& Engine::curl()
{
    KEEL_ASSERT_OWN_THREAD(this);
    if (!m_curl)
        m_curl = std::make_unique<CurlMulti>();
    return *m_curl;
}

void Engine::startTurn(const TurnRequest& request)
{
    KEEL_ASSERT_OWN_THREAD(this);
    if (request.turnId.isEmpty() || m_turns.count(request.turnId)) {
        TurnResult result;
        result.turnId = request.turnId;
        result.outcome = TurnOutcome::Error;
        result.error = {ErrorKind::InvalidRequest, tr("A turn needs a new, unique id."), 0, false};
        Q_EMIT turnFinished(result);
        return;
    }
    auto provider = createProvider(request.provider.kind);
    if (!provider) {
        TurnResult result;
        result.turnId = request.turnId;
        result.outcome = TurnOutcome::Error;
        result.error = {
            ErrorKind::InvalidRequest,
            tr("Keel does not know the provider kind \"%1\".").arg(request.provider.kind), 0,
            false};
        Q_EMIT turnFinished(result);
        return;
    }
    auto runner =
        std::make_unique<TurnRunner>(request, std::move(provider), curl(), m_store, &tools());
    connect(runner.get(), &TurnRunner::delta, this, &Engine::turnDelta);
    connect(runner.get(), &TurnRunner::toolCallUpdated, this, &Engine::toolCallUpdated);
    connect(runner.get(), &TurnRunner::heartbeat, this, &Engine::turnHeartbeat);
    connect(runner.get(), &TurnRunner::finished, this, &Engine::onRunnerFinished);
    TurnRunner* raw = runner.get();
    m_turns.emplace(request.turnId, std::move(runner));
    raw->start();
}

void Engine::cancelTurn(const QString& turnId)
{
    KEEL_ASSERT_OWN_THREAD(this);
    auto it = m_turns.find(turnId);
    if (it != m_turns.end())
        it->second->cancel();
}

void Engine::cancelAll()
{
    // Copy the ids: cancelling finishes runners, which removes them from the map.
    std::vector<QString> ids;
    for (const auto& [id, runner] : m_turns)
        ids.push_back(id);
    for (const QString& id : ids)
        cancelTurn(id);
}

void Engine::listModels(const ModelListRequest& request)
{
    KEEL_ASSERT_OWN_THREAD(this);
    auto fail = [&](const QString& message) {
        ModelListResult result;
        result.requestId = request.requestId;
        result.error = {ErrorKind::InvalidRequest, message, 0, false};
        Q_EMIT modelsListed(result);
    };
    if (request.requestId.isEmpty() || m_listers.count(request.requestId)) {
        fail(tr("A model list request needs a new, unique id."));
        return;
    }
    auto provider = createProvider(request.provider.kind);
    if (!provider) {
        fail(tr("Keel does not know the provider kind \"%1\".").arg(request.provider.kind));
        return;
    }
    auto lister = std::make_unique<ModelLister>(request, std::move(provider), curl());
    connect(lister.get(), &ModelLister::finished, this, [this](const ModelListResult& result) {
        Q_EMIT modelsListed(result);
        auto it = m_listers.find(result.requestId);
        if (it == m_listers.end())
            return;
        it->second.release()->deleteLater(); // it is still on the stack: it emitted us
        m_listers.erase(it);
    });
    ModelLister* raw = lister.get();
    m_listers.emplace(request.requestId, std::move(lister));
    raw->start();
}

ToolRegistry& Engine::tools()
{
    KEEL_ASSERT_OWN_THREAD(this);
    if (!m_tools) {
        m_tools = std::make_unique<ToolRegistry>(curl());
        connect(m_tools.get(), &ToolRegistry::serverStatusChanged, this,
                &Engine::mcpServerStatusChanged);
    }
    return *m_tools;
}

void Engine::setMcpServers(const QList<McpServerConfig>& servers, const QString& logDir,
                           bool startNow)
{
    tools().setMcpServers(servers, logDir, startNow);
}

void Engine::answerToolApproval(const QString& turnId, const QString& callId, ToolApproval approval)
{
    KEEL_ASSERT_OWN_THREAD(this);
    auto it = m_turns.find(turnId);
    if (it != m_turns.end())
        it->second->answerToolApproval(callId, approval);
}

void Engine::inspectMcpServer(const QString& requestId, const McpServerConfig& config)
{
    tools().inspect(config, this, [this, requestId](const McpServerStatus& status) {
        Q_EMIT mcpServerInspected(requestId, status);
    });
}

void Engine::callMcpTool(const QString& requestId, const McpServerConfig& config,
                         const QString& toolName, const QString& argumentsJson)
{
    ToolCallEvent event;
    event.turnId = requestId;
    event.call = {QStringLiteral("call_1"), toolName, argumentsJson};
    event.server = config.name;
    event.toolName = toolName;
    event.state = ToolCallState::Running;
    Q_EMIT toolCallUpdated(event);
    ToolInvocation* invocation = tools().invokeOn(config, toolName, argumentsJson, this);
    auto clock = std::make_shared<QElapsedTimer>();
    clock->start();
    connect(invocation, &ToolInvocation::progress, this,
            [this, event, clock](double progress, double total, const QString& message) mutable {
                event.progress = progress;
                event.progressTotal = total;
                event.progressMessage = message;
                event.elapsedMs = clock->elapsed();
                Q_EMIT toolCallUpdated(event);
            });
    connect(invocation, &ToolInvocation::finished, this,
            [this, event, clock, invocation](const ToolResult& result) mutable {
                event.state = ToolCallState::Done;
                event.result = result;
                event.result.durationMs = event.elapsedMs = clock->elapsed();
                Q_EMIT toolCallUpdated(event);
                invocation->deleteLater();
            });
}

void Engine::onRunnerFinished(const TurnResult& result)
{
    Q_EMIT turnFinished(result);
    auto it = m_turns.find(result.turnId);
    if (it == m_turns.end())
        return;
    // The runner is still on the stack (it emitted us); destroy it on the next loop turn.
    TurnRunner* runner = it->second.release();
    m_turns.erase(it);
    runner->deleteLater();
}

} // namespace keel::core
