// McpMessages: the pure protocol side of the MCP stdio client — JSON-RPC 2.0 lines to send
// (requests, notifications, answers to the server's requests), the classification of a line the
// server printed, the parsing of initialize, tools/list, tools/call and progress payloads, and
// the splitting of a byte stream into lines. No I/O and no state beyond the line splitter, so a
// fuzzer can drive every function here: none of them throws or crashes on any input.
#pragma once

#include "tools/ToolTypes.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <nlohmann/json.hpp>

namespace keel::core {

// --- Lines Keel sends (each ends in '\n') ---------------------------------------------------

QByteArray mcpRequestLine(qint64 id, const QString& method, const nlohmann::json& params);
// params null: the "params" member is left out.
QByteArray mcpNotificationLine(const QString& method,
                               const nlohmann::json& params = nlohmann::json());
// Answers to a request of the server; `id` is echoed as the server sent it.
QByteArray mcpResultLine(const nlohmann::json& id, const nlohmann::json& result);
QByteArray mcpErrorLine(const nlohmann::json& id, int code, const QString& message);

nlohmann::json mcpInitializeParams(const QString& protocolVersion, const QString& clientName,
                                   const QString& clientVersion);
// arguments: JSON text of an object; "" or blanks mean {}. Anything else sets *error (human).
nlohmann::json mcpToolCallParams(const QString& toolName, const QString& argumentsJson,
                                 const QString& progressToken, QString* error);
nlohmann::json mcpCancelledParams(qint64 requestId, const QString& reason);

// --- Lines the server prints -----------------------------------------------------------------

enum class McpMessageKind { Response, ErrorResponse, Request, Notification, Malformed };

struct McpMessage {
    McpMessageKind kind = McpMessageKind::Malformed;
    // Response / ErrorResponse: the id when it is an integer (Keel's ids are), else -1.
    qint64 id = -1;
    nlohmann::json rawId;  // Request (and responses): the id exactly as sent
    QString method;        // Request / Notification
    nlohmann::json params; // Request / Notification: null when absent
    nlohmann::json result; // Response
    int errorCode = 0;     // ErrorResponse
    QString errorMessage;  // ErrorResponse
    QString problem;       // Malformed: why, human
};

// One line (no newline; a trailing '\r' is tolerated).
McpMessage parseMcpMessage(const QByteArray& line);

// --- Payloads --------------------------------------------------------------------------------

struct McpInitializeResult {
    QString protocolVersion;
    QString serverName;
    QString serverVersion;
    QString instructions;
    bool hasTools = true; // capabilities.tools present (absent: nothing to list)
    QString error;        // not a usable initialize result: human
};
McpInitializeResult parseMcpInitializeResult(const nlohmann::json& result);

struct McpToolsPage {
    QList<ToolSpec> tools; // entries without a usable name are skipped (see `skipped`)
    QString nextCursor;    // "" when this was the last page
    int skipped = 0;
    QString error; // result is not an object with a "tools" array: human
};
// serverName goes into ToolSpec::server; ToolSpec::name and toolName are the tool's own name.
McpToolsPage parseMcpToolsPage(const nlohmann::json& result, const QString& serverName);

// A tools/call result: content pieces (text, image, audio, resource, resource_link), with
// structuredContent as JSON text when there is no content, and isError.
ToolResult parseMcpToolResult(const nlohmann::json& result);

struct McpProgress {
    bool ok = false;
    nlohmann::json token;
    double progress = 0;
    double total = -1; // -1: unknown
    QString message;
};
McpProgress parseMcpProgress(const nlohmann::json& params);

// Compact JSON text of any value (invalid UTF-8 replaced, never throws).
QString mcpJsonText(const nlohmann::json& value);
// An isError result carrying one text piece.
ToolResult mcpErrorResult(const QString& message);

// --- Byte stream -> lines --------------------------------------------------------------------

// Splits what a process prints into lines: tolerates "\r\n", lines split across reads and many
// lines in one read; a line longer than maxLineBytes is dropped whole (noted in `dropped`).
class McpLineSplitter {
public:
    explicit McpLineSplitter(qsizetype maxLineBytes = 64 * 1024 * 1024);
    // The complete lines in data (without "\n" / "\r\n"), empty ones included.
    QList<QByteArray> append(const QByteArray& data);
    // What is left without a newline (e.g. when the process exited), then reset.
    QByteArray takeRest();
    // Lines dropped for length since the last call, each as its size in bytes.
    QList<qsizetype> takeDropped();

private:
    QByteArray m_buffer;
    qsizetype m_maxLineBytes;
    bool m_discarding = false; // inside an over-long line: skip to its newline
    qsizetype m_discarded = 0;
    QList<qsizetype> m_dropped;
};

} // namespace keel::core
