// McpClientSession: the MCP protocol over a running server — initialize with protocol-version
// negotiation, notifications/initialized, tools/list with pagination and list_changed, tools/call
// with a progress token, notifications/cancelled on cancel and timeout, answers to the server's
// own requests (ping; anything else: method not found), and malformed lines logged and skipped.
#include "mcp/McpClientPrivate.h"

#include <QCoreApplication>
#include <QPointer>

namespace keel::core {

namespace {

// The translation context of this file's user-visible messages: free functions and plain
// classes have no tr() of their own.
struct McpClientText {
    Q_DECLARE_TR_FUNCTIONS(McpClient)
};

} // namespace

using nlohmann::json;

namespace {

constexpr int kMaxPages = 1000;

} // namespace

void McpClient::Private::handleLine(const QByteArray& line)
{
    if (line.trimmed().isEmpty())
        return;
    McpMessage m = parseMcpMessage(line);
    switch (m.kind) {
    case McpMessageKind::Malformed:
        log.note(QStringLiteral("malformed line skipped (%1): %2")
                     .arg(m.problem, QString::fromUtf8(line.left(200))));
        return;
    case McpMessageKind::Response:
    case McpMessageKind::ErrorResponse:
        return handleResponse(m);
    case McpMessageKind::Request:
        if (m.method == QLatin1String("ping"))
            return send(mcpResultLine(m.rawId, json::object()));
        log.note(QStringLiteral("answered the server's request \"%1\" with method not found")
                     .arg(m.method.left(100)));
        return send(
            mcpErrorLine(m.rawId, -32601, QStringLiteral("Method not found: %1").arg(m.method)));
    case McpMessageKind::Notification:
        return handleNotification(m);
    }
}

void McpClient::Private::handleNotification(const McpMessage& m)
{
    if (m.method == QLatin1String("notifications/progress")) {
        const McpProgress progress = parseMcpProgress(m.params);
        if (!progress.ok || !progress.token.is_string())
            return;
        const QString token = QString::fromStdString(progress.token.get<std::string>());
        for (const auto& [handle, call] : calls) {
            if (call.requestId >= 0 && call.progressToken == token) {
                Q_EMIT q->callProgress(handle, progress.progress, progress.total, progress.message);
                return;
            }
        }
    } else if (m.method == QLatin1String("notifications/tools/list_changed")) {
        if (listing)
            relist = true;
        else if (state == McpServerState::Ready)
            listTools(QString());
    }
}

void McpClient::Private::handleResponse(const McpMessage& m)
{
    const auto it = requests.find(m.id);
    if (m.id < 0 || it == requests.end()) {
        if (!abandoned.remove(m.id))
            log.note(QStringLiteral("answer to unknown request %1 skipped")
                         .arg(mcpJsonText(m.rawId).left(100)));
        return;
    }
    const McpRequest request = it->second;
    requests.erase(it);
    const bool failed = m.kind == McpMessageKind::ErrorResponse;
    switch (request.kind) {
    case McpRequestKind::Initialize:
        if (failed)
            return fail(
                McpClientText::tr("%1 refused to initialize: %2").arg(label(), m.errorMessage));
        return onInitializeResult(m.result);
    case McpRequestKind::ToolsList:
        if (failed) {
            log.note(QStringLiteral("tools/list failed: %1").arg(m.errorMessage));
            return finishListing();
        }
        return onToolsPage(m.result);
    case McpRequestKind::Call:
        return finishCall(request.handle,
                          failed ? mcpErrorResult(McpClientText::tr("%1 answered with an error: "
                                                                    "%2 (code %3)")
                                                      .arg(label(), m.errorMessage)
                                                      .arg(m.errorCode))
                                 : parseMcpToolResult(m.result));
    }
}

void McpClient::Private::onInitializeResult(const nlohmann::json& result)
{
    const McpInitializeResult init = parseMcpInitializeResult(result);
    if (!init.error.isEmpty())
        return fail(QStringLiteral("%1: %2").arg(label(), init.error));
    const QStringList supported = McpClient::supportedProtocolVersions();
    if (!supported.contains(init.protocolVersion))
        return fail(McpClientText::tr("%1 speaks MCP protocol version %2, which Keel does not "
                                      "support (Keel asked for %3 and speaks %4)")
                        .arg(label(), init.protocolVersion.left(100), supported.first(),
                             supported.join(QStringLiteral(", "))));
    serverName = init.serverName;
    serverVersion = init.serverVersion;
    protocolVersion = init.protocolVersion;
    instructions = init.instructions;
    log.note(QStringLiteral("initialized %1 %2, protocol %3")
                 .arg(serverName, serverVersion, protocolVersion));
    send(mcpNotificationLine(QStringLiteral("notifications/initialized")));
    if (init.hasTools) {
        listTools(QString());
    } else {
        listed.clear();
        finishListing();
    }
}

void McpClient::Private::listTools(const QString& cursor)
{
    if (cursor.isEmpty()) {
        listed.clear();
        cursors.clear();
    }
    listing = true;
    const qint64 id = nextId++;
    requests[id] = {McpRequestKind::ToolsList, 0};
    send(mcpRequestLine(id, QStringLiteral("tools/list"),
                        cursor.isEmpty() ? json() : json{{"cursor", cursor.toStdString()}}));
}

void McpClient::Private::onToolsPage(const nlohmann::json& result)
{
    const McpToolsPage page = parseMcpToolsPage(result, config.name);
    if (!page.error.isEmpty()) {
        log.note(page.error);
        return finishListing();
    }
    if (page.skipped > 0)
        log.note(QStringLiteral("skipped %1 tools without a name").arg(page.skipped));
    listed += page.tools;
    if (page.nextCursor.isEmpty())
        return finishListing();
    if (cursors.contains(page.nextCursor) || cursors.size() >= kMaxPages) {
        log.note(QStringLiteral("tools/list pagination stopped: a cursor repeated or too "
                                "many pages"));
        return finishListing();
    }
    cursors.insert(page.nextCursor);
    listTools(page.nextCursor);
}

void McpClient::Private::finishListing()
{
    listing = false;
    if (relist) {
        relist = false;
        return listTools(QString());
    }
    tools = listed;
    listed.clear();
    cursors.clear();
    const QPointer<McpClient> alive(q);
    if (state == McpServerState::Starting) {
        startTimer->stop();
        state = McpServerState::Ready;
    }
    emitStatus();
    if (!alive)
        return;
    Q_EMIT q->toolsChanged();
    if (!alive || state != McpServerState::Ready)
        return;
    QList<qint64> queued;
    for (const auto& [handle, call] : calls) {
        if (call.requestId < 0)
            queued.append(handle);
    }
    for (const qint64 handle : queued) {
        if (!alive || state != McpServerState::Ready)
            return;
        sendCall(handle);
    }
}

void McpClient::Private::sendCall(qint64 handle)
{
    const auto it = calls.find(handle);
    if (it == calls.end() || it->second.requestId >= 0)
        return;
    McpCall& call = it->second;
    QString error;
    const json params =
        mcpToolCallParams(call.toolName, call.arguments, call.progressToken, &error);
    if (!error.isEmpty())
        return finishCall(handle, mcpErrorResult(error));
    call.requestId = nextId++;
    requests[call.requestId] = {McpRequestKind::Call, handle};
    call.clock.start();
    if (call.timeoutMs > 0) {
        call.timer = new QTimer(q);
        call.timer->setSingleShot(true);
        QObject::connect(call.timer, &QTimer::timeout, q, [this, handle] { onTimeout(handle); });
        call.timer->start(call.timeoutMs);
    }
    send(mcpRequestLine(call.requestId, QStringLiteral("tools/call"), params));
}

void McpClient::Private::abandon(qint64 handle, const QString& reason)
{
    const auto it = calls.find(handle);
    if (it == calls.end() || it->second.requestId < 0)
        return;
    const qint64 id = it->second.requestId;
    requests.erase(id);
    abandoned.insert(id);
    send(mcpNotificationLine(QStringLiteral("notifications/cancelled"),
                             mcpCancelledParams(id, reason)));
    log.note(
        QStringLiteral("cancelled request %1 (%2): %3").arg(id).arg(it->second.toolName, reason));
}

void McpClient::Private::onTimeout(qint64 handle)
{
    const auto it = calls.find(handle);
    if (it == calls.end())
        return;
    const QString tool = it->second.toolName;
    const int ms = it->second.timeoutMs;
    abandon(handle, QStringLiteral("timed out after %1 s").arg(mcpSeconds(ms)));
    finishCall(handle, mcpErrorResult(McpClientText::tr("\"%1\" on %2 did not answer within %3 s")
                                          .arg(tool, label(), mcpSeconds(ms))));
}

void McpClient::Private::finishCall(qint64 handle, ToolResult result)
{
    const auto it = calls.find(handle);
    if (it == calls.end())
        return;
    const McpCall call = it->second;
    calls.erase(it);
    if (call.timer) {
        call.timer->stop();
        call.timer->deleteLater();
    }
    if (call.requestId >= 0)
        requests.erase(call.requestId);
    if (call.clock.isValid())
        result.durationMs = call.clock.elapsed();
    Q_EMIT q->callFinished(handle, result);
}

void McpClient::Private::failCalls(const QString& text)
{
    const QPointer<McpClient> alive(q);
    QList<qint64> handles;
    for (const auto& [handle, call] : calls)
        handles.append(handle);
    for (const qint64 handle : handles) {
        if (!alive)
            return;
        finishCall(handle, mcpErrorResult(text));
    }
}
} // namespace keel::core
