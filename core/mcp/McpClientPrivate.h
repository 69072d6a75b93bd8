// McpClientPrivate: McpClient's state, shared by its two halves — McpClient.cpp (the process:
// start, output, exit, stop) and McpClientSession.cpp (the protocol on top: handshake, tool
// listing, calls, progress, cancel, timeouts). Internal to core/mcp.
#pragma once

#include "mcp/McpClient.h"
#include "mcp/McpMessages.h"
#include "mcp/McpServerLog.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QSet>
#include <QTimer>

#include <map>

namespace keel::core {

enum class McpRequestKind { Initialize, ToolsList, Call };

struct McpRequest {
    McpRequestKind kind = McpRequestKind::Call;
    qint64 handle = 0; // Call
};

struct McpCall {
    QString toolName;
    QString arguments;
    int timeoutMs = 0;
    qint64 requestId = -1; // -1: queued until the server is ready
    QString progressToken;
    QElapsedTimer clock;
    QTimer* timer = nullptr;
};

// "1.5" for 1500 ms.
inline QString mcpSeconds(int ms)
{
    return QString::number(ms / 1000.0, 'g', 4);
}

struct McpClient::Private {
    McpClient* q;
    McpServerConfig config;
    McpServerLog log;
    QTimer* startTimer = nullptr;

    McpServerState state = McpServerState::Stopped;
    QString message;
    QString serverName, serverVersion, protocolVersion, instructions;
    QList<ToolSpec> tools;

    QProcess* process = nullptr;
    McpLineSplitter out;
    McpLineSplitter err{1024 * 1024};
    QString lastStderr;

    qint64 nextId = 1;
    qint64 nextHandle = 1;
    std::map<qint64, McpRequest> requests; // in flight, by JSON-RPC id
    std::map<qint64, McpCall> calls;       // queued and in flight, by handle
    QSet<qint64> abandoned; // ids whose late answer is ignored (cancelled, timed out)

    bool listing = false;
    bool relist = false; // list_changed arrived while listing: list again when done
    QList<ToolSpec> listed;
    QSet<QString> cursors;

    Private(McpClient* client, McpServerConfig c, QString logPath)
        : q(client)
        , config(std::move(c))
        , log(std::move(logPath))
    {
    }

    QString label() const
    {
        return QCoreApplication::translate("McpClient", "MCP server \"%1\"").arg(config.name);
    }
    int startTimeoutMs() const
    {
        return config.startTimeoutMs > 0 ? config.startTimeoutMs : 30'000;
    }
    void emitStatus() { Q_EMIT q->statusChanged(q->status()); }
    void send(const QByteArray& line)
    {
        if (process)
            process->write(line);
    }

    // The process (McpClient.cpp).
    void start();
    QString resolveProgram(const QProcessEnvironment& env, const QString& cwd, QString* error);
    void onStarted();
    void readStdout();
    void readStderr();
    void stderrLine(const QByteArray& bytes);
    void onFinished(int code, QProcess::ExitStatus status);
    void onError(QProcess::ProcessError error);
    // Lets go of the process: no more signals from it; it is ended (gently or at once) and
    // deleted when it has exited.
    void detachProcess(bool gently);
    void resetSession();
    // Failed: the process killed, every pending call finished with `text`.
    void fail(const QString& text);

    // The protocol (McpClientSession.cpp).
    void handleLine(const QByteArray& line);
    void handleNotification(const McpMessage& m);
    void handleResponse(const McpMessage& m);
    void onInitializeResult(const nlohmann::json& result);
    void listTools(const QString& cursor);
    void onToolsPage(const nlohmann::json& result);
    void finishListing();
    void sendCall(qint64 handle);
    // Tells the server to stop working on the call; its answer, if any, is ignored.
    void abandon(qint64 handle, const QString& reason);
    void onTimeout(qint64 handle);
    void finishCall(qint64 handle, ToolResult result);
    void failCalls(const QString& text);
};

} // namespace keel::core
