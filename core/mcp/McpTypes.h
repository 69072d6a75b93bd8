// McpTypes: MCP server configuration (one entry of mcp.json's "mcpServers") and what Keel knows
// about a server at run time, as value types that cross threads (core loop <-> GUI, CLI).
#pragma once

#include "tools/ToolTypes.h"

#include <QList>
#include <QMap>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace keel::core {

// The "mcpServers" format other MCP clients use (Claude Desktop, Cursor, Cline ...):
//   "name": { "command": "npx", "args": [...], "env": {...}, "cwd": "...", "disabled": false }
struct McpServerConfig {
    QString name{};
    QString command{};
    QStringList args{};
    QMap<QString, QString> env{}; // added to Keel's own environment
    QString cwd{};                // "" : the user's home directory
    bool enabled = true;          // written as "disabled": true when off
    int startTimeoutMs = 30'000;  // spawn + initialize + first tools/list
    bool operator==(const McpServerConfig&) const = default;
};

enum class McpServerState { Stopped, Starting, Ready, Failed };

struct McpServerStatus {
    QString name{};
    McpServerState state = McpServerState::Stopped;
    QString message{};       // Failed: why, human (e.g. "exited with code 1: <last stderr line>")
    QString logPath{};       // the server's stderr and Keel's notes about it
    QString serverName{};    // serverInfo.name from initialize
    QString serverVersion{}; // serverInfo.version
    QString protocolVersion{};
    QString instructions{};
    QList<ToolSpec> tools{}; // ToolSpec::name is the tool's own name here
};

QString wireName(McpServerState state);

} // namespace keel::core

Q_DECLARE_METATYPE(keel::core::McpServerConfig)
Q_DECLARE_METATYPE(keel::core::McpServerStatus)
