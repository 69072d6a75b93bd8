// McpCommand: `keel mcp`, for setting up and debugging MCP server configurations from a
// terminal: import another client's file into the profile's mcp.json, list the servers, start
// one and list its tools, call one tool. Servers run on the core loop (Engine); this object
// lives on the main thread and reaches the engine only through queued calls.
#pragma once

#include "AppOptions.h"
#include "mcp/McpTypes.h"

#include <QObject>

#include <optional>

namespace keel::core {
class Engine;
class Settings;
} // namespace keel::core

namespace keel::app {

class McpCommand : public QObject {
    Q_OBJECT
public:
    // settings: the profile's, loaded; import saves through it. engine: on the core loop
    // (tools and call use it). Both must outlive this object.
    McpCommand(AppOptions options, core::Settings* settings, core::Engine* engine,
               QObject* parent = nullptr);

    // Runs options.mcpAction; done(exitCode) follows (possibly from inside start()).
    void start();
    // Ctrl+C / SIGTERM: a running call is cancelled (the server gets notifications/cancelled)
    // and done(130) follows; anything else ends at once with 130.
    void cancel();

Q_SIGNALS:
    void done(int exitCode);

private:
    void importFile();
    void list();
    void inspect();
    void call();
    // The configured server named `name` (exact, else case-insensitive), or an error printed.
    std::optional<core::McpServerConfig> server(const QString& name) const;
    // Hands the profile's servers to the engine, so a call or an inspection of a configured
    // server uses its configuration and writes its log where the app would.
    void configureEngine();
    void onInspected(const QString& requestId, const core::McpServerStatus& status);
    void onToolCallUpdated(const core::ToolCallEvent& event);
    void onServerStatus(const core::McpServerStatus& status);
    void finish(int exitCode);
    void finishAfterCoreLoopTurn(int exitCode);

    AppOptions m_options;
    core::Settings* m_settings;
    core::Engine* m_engine;
    QString m_requestId;
    core::McpServerStatus m_lastStatus; // of the server in use, as the engine reported it
    bool m_cancelled = false;
    bool m_finished = false;
};

} // namespace keel::app
