// Engine: the one facade the UI and the CLI talk to. It lives on the core loop thread; callers
// reach it only through queued calls and receive value-type signals, so nothing it does can
// stall the thread that called it.
#pragma once

#include "chat/ChatTypes.h"
#include "mcp/McpTypes.h"

#include <QObject>

#include <map>
#include <memory>

namespace keel::core {

class CurlMulti;
class ModelLister;
class Store;
class ToolRegistry;
class TurnRunner;

class Engine : public QObject {
    Q_OBJECT
public:
    // store: where turns with a persistMessageId save their reply (may be null: nothing saved).
    explicit Engine(Store* store = nullptr, QObject* parent = nullptr);
    ~Engine() override;

    int activeTurnCount() const { return static_cast<int>(m_turns.size()); }

public Q_SLOTS:
    void startTurn(const keel::core::TurnRequest& request);
    void cancelTurn(const QString& turnId);
    // Cancels every turn; their finished(Cancelled) signals are still emitted.
    void cancelAll();
    // Lists the models of a provider; answers with modelsListed (same requestId).
    void listModels(const keel::core::ModelListRequest& request);

    // Tools. The configured MCP servers (from mcp.json): servers removed or changed are
    // stopped; with startNow the enabled ones start at once (the GUI wants their tools ready
    // before the first turn), otherwise on first use. logDir: where each server's log goes.
    void setMcpServers(const QList<keel::core::McpServerConfig>& servers, const QString& logDir,
                       bool startNow);
    // The user's answer to a call's approval card.
    void answerToolApproval(const QString& turnId, const QString& callId,
                            keel::core::ToolApproval approval);
    // Starts the server if needed (a configured one by name, or this config as given: the
    // settings page tries servers before they are saved) and answers with mcpServerInspected:
    // its state, error, info and tools.
    void inspectMcpServer(const QString& requestId, const keel::core::McpServerConfig& config);
    // One call outside any turn (keel mcp call): answered by toolCallUpdated events whose
    // turnId is requestId, the last one in a final state (Done, Failed, Cancelled).
    void callMcpTool(const QString& requestId, const keel::core::McpServerConfig& config,
                     const QString& toolName, const QString& argumentsJson);

Q_SIGNALS:
    void turnDelta(const keel::core::TurnDelta& delta);
    void turnHeartbeat(const keel::core::TurnHeartbeat& heartbeat);
    void turnFinished(const keel::core::TurnResult& result);
    void modelsListed(const keel::core::ModelListResult& result);
    // A tool call of a turn was asked for, needs approval, progressed or ended.
    void toolCallUpdated(const keel::core::ToolCallEvent& event);
    // A configured server started, failed, stopped or changed its tools.
    void mcpServerStatusChanged(const keel::core::McpServerStatus& status);
    void mcpServerInspected(const QString& requestId, const keel::core::McpServerStatus& status);

private:
    CurlMulti& curl();
    ToolRegistry& tools();
    void onRunnerFinished(const TurnResult& result);

    // Created on first use so that it is born on the core thread, not where Engine was built.
    std::unique_ptr<CurlMulti> m_curl;
    std::unique_ptr<ToolRegistry> m_tools; // born on the core thread too (MCP processes)
    Store* m_store; // lives on the store thread: reached only through queued calls
    std::map<QString, std::unique_ptr<TurnRunner>> m_turns;
    std::map<QString, std::unique_ptr<ModelLister>> m_listers;
};

} // namespace keel::core
