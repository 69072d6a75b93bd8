// McpConfig: mcp.json, in the "mcpServers" format other MCP clients use, so a server's README
// snippet can be pasted as is; also the import of another client's file (Claude Desktop's
// claude_desktop_config.json, or any JSON with an "mcpServers" object). Parsing is lenient about
// what it can default (unknown keys ignored) and names what it could not use.
#pragma once

#include "mcp/McpTypes.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace keel::core {

struct McpConfigParse {
    QList<McpServerConfig> servers; // in the file's order
    QString error;                  // not JSON, or no "mcpServers" object: human, says where
    QStringList warnings;           // entries skipped (e.g. "\"x\": no command"), human
    bool ok() const { return error.isEmpty(); }
};

McpConfigParse parseMcpConfig(const QByteArray& json);
// {"mcpServers": {...}} pretty-printed, servers in list order; "disabled": true only when off.
QByteArray mcpConfigToJson(const QList<McpServerConfig>& servers);

struct McpMerge {
    QList<McpServerConfig> servers; // existing ones first (replaced in place), then new ones
    QStringList added;
    QStringList replaced; // same name, different config
    QStringList unchanged;
};
McpMerge mergeMcpServers(const QList<McpServerConfig>& existing,
                         const QList<McpServerConfig>& imported);

// Where Claude Desktop keeps its config on this system (may not exist).
QString claudeDesktopConfigPath();

// The profile's mcp.json: missing -> empty, no notice; corrupt -> moved aside to mcp.json.bak,
// empty list, notice (human) in `notice`.
struct LoadedMcpConfig {
    QList<McpServerConfig> servers;
    QString notice;
    QStringList warnings;
};
LoadedMcpConfig loadMcpConfig(const QString& path);
// Atomic; "" on success, else a human error and the old file left as it was.
QString saveMcpConfig(const QString& path, const QList<McpServerConfig>& servers);

} // namespace keel::core
