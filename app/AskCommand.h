// AskCommand: `keel ask`, the headless client on the same core as the GUI. It sends one prompt
// and prints the reply as it streams (or one JSON object per event with --json). The model is
// offered the profile's tools; with nobody to ask, a call runs only when the command line
// allows it (--allow-tool, --allow-all-tools), any other is denied and the model told so.
#pragma once

#include "AppOptions.h"
#include "chat/ChatTypes.h"
#include "mcp/McpTypes.h"

#include <QHash>
#include <QObject>

namespace keel::core {
class Engine;
class Settings;
} // namespace keel::core

namespace keel::app {

// The tools of a `keel ask` turn: the profile's (tools.json's switches, step limit, timeout and
// denials; mcp.json's servers), run only when the flags allow; none with --no-tools.
core::ToolOptions askToolOptions(const AppOptions& options, const core::Settings& settings);

class AskCommand : public QObject {
    Q_OBJECT
public:
    // request: the provider, model and parameters to use (see commandRequest); the prompt and
    // the output format come from options.
    AskCommand(AppOptions options, core::TurnRequest request, core::Engine* engine,
               QObject* parent = nullptr);

    // Starts the turn; emits done(exitCode) when it ended. Returns false (with the message on
    // stderr) if there is nothing to send or no model to send it to.
    bool start();
    // The profile's MCP servers and the turn's tool options (askToolOptions); before start().
    void setTools(const QList<core::McpServerConfig>& servers, const core::ToolOptions& options);
    // Stops the turn (Ctrl+C); done() follows with the partial reply printed and exit code 130.
    void cancel();

Q_SIGNALS:
    void done(int exitCode);

private:
    void onDelta(const core::TurnDelta& delta);
    void onHeartbeat(const core::TurnHeartbeat& heartbeat);
    void onFinished(const core::TurnResult& result);
    void onToolCallUpdated(const core::ToolCallEvent& event);
    void onServerStatus(const core::McpServerStatus& status);
    void printToolLine(const QString& line); // on stderr, on a line of its own

    AppOptions m_options;
    core::TurnRequest m_request;
    core::Engine* m_engine;
    QString m_turnId;
    QList<core::McpServerConfig> m_servers;
    bool m_endsWithNewline = true;
    bool m_terminalMidLine = false; // the last text or reasoning printed did not end a line
    bool m_textAfterTools = false;  // a tool call came since the last text
    // Per call ("step/id"): the last progress reported, so repeated events print once.
    QHash<QString, QString> m_callProgress;
    bool m_cancelled = false;
};

} // namespace keel::app
