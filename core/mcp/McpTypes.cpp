// McpTypes: the wire names of MCP server states (CLI --json output, logs).
#include "mcp/McpTypes.h"

namespace keel::core {

QString wireName(McpServerState state)
{
    switch (state) {
    case McpServerState::Stopped:
        return QStringLiteral("stopped");
    case McpServerState::Starting:
        return QStringLiteral("starting");
    case McpServerState::Ready:
        return QStringLiteral("ready");
    case McpServerState::Failed:
        return QStringLiteral("failed");
    }
    return QStringLiteral("stopped");
}

} // namespace keel::core
