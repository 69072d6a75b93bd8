// MetaTypes: metatype registration and the names of enums shown to users and tools.
#include "MetaTypes.h"

#include "chat/ChatTypes.h"
#include "mcp/McpTypes.h"

#include <QCoreApplication>

namespace keel::core {

void registerMetaTypes()
{
    qRegisterMetaType<TurnRequest>();
    qRegisterMetaType<TurnHeartbeat>();
    qRegisterMetaType<TurnDelta>();
    qRegisterMetaType<TurnResult>();
    qRegisterMetaType<ModelListRequest>();
    qRegisterMetaType<ModelListResult>();
    qRegisterMetaType<ToolSpec>();
    qRegisterMetaType<ToolCall>();
    qRegisterMetaType<ToolResult>();
    qRegisterMetaType<ToolCallEvent>();
    qRegisterMetaType<ToolApproval>();
    qRegisterMetaType<McpServerConfig>();
    qRegisterMetaType<QList<McpServerConfig>>();
    qRegisterMetaType<McpServerStatus>();
}

QString wireName(TurnPhase phase)
{
    switch (phase) {
    case TurnPhase::Connecting:
        return QStringLiteral("connecting");
    case TurnPhase::WaitingForFirstToken:
        return QStringLiteral("waiting");
    case TurnPhase::Streaming:
        return QStringLiteral("streaming");
    case TurnPhase::Retrying:
        return QStringLiteral("retrying");
    case TurnPhase::PreparingTools:
        return QStringLiteral("preparing_tools");
    case TurnPhase::AwaitingApproval:
        return QStringLiteral("awaiting_approval");
    case TurnPhase::RunningTool:
        return QStringLiteral("running_tool");
    }
    return {};
}

QString wireName(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::None:
        return QStringLiteral("none");
    case ErrorKind::Network:
        return QStringLiteral("network");
    case ErrorKind::IdleTimeout:
        return QStringLiteral("idle_timeout");
    case ErrorKind::Auth:
        return QStringLiteral("auth");
    case ErrorKind::RateLimit:
        return QStringLiteral("rate_limit");
    case ErrorKind::ServerError:
        return QStringLiteral("server_error");
    case ErrorKind::InvalidRequest:
        return QStringLiteral("invalid_request");
    case ErrorKind::Protocol:
        return QStringLiteral("protocol");
    case ErrorKind::Cancelled:
        return QStringLiteral("cancelled");
    }
    return {};
}

QString wireName(TurnOutcome outcome)
{
    switch (outcome) {
    case TurnOutcome::Complete:
        return QStringLiteral("complete");
    case TurnOutcome::Incomplete:
        return QStringLiteral("incomplete");
    case TurnOutcome::Error:
        return QStringLiteral("error");
    case TurnOutcome::Cancelled:
        return QStringLiteral("cancelled");
    }
    return {};
}

} // namespace keel::core
