// McpClient: one MCP server over stdio, on the core loop. It starts the server with QProcess
// (command, args, env, cwd from the config), speaks newline-delimited JSON-RPC 2.0 to it —
// initialize with protocol-version negotiation, notifications/initialized, tools/list with
// pagination and notifications/tools/list_changed, tools/call with a progress token,
// notifications/cancelled, ping both ways — and writes the server's stderr and its own notes
// (start, exit, malformed lines) to the server's log file. Everything is asynchronous: nothing
// here waits, so the core loop's heartbeats keep ticking through a tool that runs for minutes.
//
// A server that exits or crashes fails its pending calls with a clear error; the next call (or
// start()) starts it again.
#pragma once

#include "mcp/McpTypes.h"

#include <QObject>

#include <memory>

namespace keel::core {

class McpClient : public QObject {
    Q_OBJECT
public:
    // Protocol versions Keel speaks, newest first; the first is offered in initialize.
    static QStringList supportedProtocolVersions();

    // logPath: the server's log file (its directory is created when needed); "" for none.
    McpClient(McpServerConfig config, QString logPath, QObject* parent = nullptr);
    ~McpClient() override; // kills the server if it runs

    const McpServerConfig& config() const;
    // Current state, server info and tools (names are the server's own).
    McpServerStatus status() const;

    // Starts the server if it is not running or starting; statusChanged tells the outcome.
    void start();
    // Stops the server (close stdin, then terminate, then kill). Pending calls fail.
    void stop();

    // Calls a tool; starts the server first when needed. Returns the call's handle, answered
    // by callProgress (zero or more times) and callFinished (exactly once, also on failure,
    // timeout and cancel). timeoutMs 0: no timeout.
    qint64 callTool(const QString& toolName, const QString& argumentsJson, int timeoutMs = 0);
    // Sends notifications/cancelled for the call and finishes it at once with a cancelled
    // (isError) result; a late answer from the server is ignored.
    void cancelCall(qint64 handle, const QString& reason);

Q_SIGNALS:
    void statusChanged(const keel::core::McpServerStatus& status);
    // The tool list changed (first listing, or notifications/tools/list_changed re-listed).
    void toolsChanged();
    void callProgress(qint64 handle, double progress, double total, const QString& message);
    void callFinished(qint64 handle, const keel::core::ToolResult& result);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace keel::core
