// ToolRegistry: every tool Keel can run, on the core loop: the built-in tools and the tools of
// the configured MCP servers (one McpClient each). A turn asks it for the tools to offer
// (prepare: waits, without blocking, for servers still starting) and to run a call (invoke:
// an invocation object with progress, a result and cancel). Names offered to the model are the
// tools' own when unique, else "server__tool", always within [A-Za-z0-9_-]{1,64}.
#pragma once

#include "mcp/McpTypes.h"
#include "tools/ToolInvocation.h"
#include "tools/ToolTypes.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <map>
#include <memory>

namespace keel::core {

class CurlMulti;
class McpClient;

class ToolRegistry : public QObject {
    Q_OBJECT
public:
    // curl: for fetch_url; must outlive the registry.
    explicit ToolRegistry(CurlMulti& curl, QObject* parent = nullptr);
    ~ToolRegistry() override;

    void setMcpServers(const QList<McpServerConfig>& servers, const QString& logDir, bool startNow);
    const QList<McpServerConfig>& mcpServers() const { return m_configs; }

    // The tools a turn offers under these options (enabled servers are started if needed;
    // those that fail are left out and named in `problems`). `done` runs later on the loop,
    // never inside this call, and not at all once `context` is destroyed.
    using PrepareCallback = std::function<void(QList<ToolSpec> tools, QStringList problems)>;
    void prepare(const ToolOptions& options, QObject* context, PrepareCallback done);

    // Runs a call of a tool returned by prepare (or one found by server and tool name). The
    // invocation is parented to `parent`.
    ToolInvocation* invoke(const ToolSpec& spec, const ToolCall& call, int timeoutMs,
                           QObject* parent);

    // One call of a server's tool outside any turn (keel mcp call): on the configured client
    // when `config` is configured as is, else on a throw-away client that ends with the call.
    ToolInvocation* invokeOn(const McpServerConfig& config, const QString& toolName,
                             const QString& argumentsJson, QObject* parent);

    // A server's status, starting it when needed: a configured one, or `config` as given when
    // no configured server has that exact configuration (a throw-away client, stopped
    // afterwards). Answered once through `done`, on the loop.
    void inspect(const McpServerConfig& config, QObject* context,
                 std::function<void(McpServerStatus)> done);
    // The client of a configured server (nullptr if none has that name).
    McpClient* client(const QString& name) const;

Q_SIGNALS:
    void serverStatusChanged(const keel::core::McpServerStatus& status);

private:
    McpClient* makeClient(const McpServerConfig& config, QObject* parent);
    QString logPathFor(const QString& serverName) const;

    CurlMulti& m_curl;
    QList<McpServerConfig> m_configs;
    QString m_logDir;
    std::map<QString, std::unique_ptr<McpClient>> m_clients;
};

} // namespace keel::core
