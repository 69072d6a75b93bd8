// ToolRegistry: built-in tools and MCP servers behind one interface for turns, on the core loop.
#include "tools/ToolRegistry.h"

#include "ThreadCheck.h"
#include "mcp/McpClient.h"
#include "tools/BuiltinTools.h"

#include <QCoreApplication>
#include <QDir>
#include <QHash>
#include <QRegularExpression>
#include <QTimer>

#include <set>

namespace keel::core {

namespace {

// The translation context of this file's user-visible messages: free functions and plain
// classes have no tr() of their own.
struct ToolRegistryText {
    Q_DECLARE_TR_FUNCTIONS(ToolRegistry)
};

constexpr qsizetype kMaxToolNameLength = 64; // the strictest provider (OpenAI) allows 64

QString sanitizedName(const QString& name)
{
    static const QRegularExpression invalid(QStringLiteral("[^A-Za-z0-9_-]"));
    QString clean = name;
    clean.replace(invalid, QStringLiteral("_"));
    if (clean.isEmpty())
        clean = QStringLiteral("tool");
    return clean.left(kMaxToolNameLength);
}

bool isSettled(McpServerState state)
{
    return state == McpServerState::Ready || state == McpServerState::Failed;
}

// One MCP tools/call, seen as a ToolInvocation.
class McpInvocation : public ToolInvocation {
public:
    McpInvocation(McpClient* client, const ToolSpec& spec, const ToolCall& call, int timeoutMs,
                  QObject* parent)
        : ToolInvocation(parent)
        , m_client(client)
    {
        connect(client, &McpClient::callProgress, this,
                [this](qint64 handle, double progress, double total, const QString& message) {
                    if (handle == m_handle)
                        Q_EMIT this->progress(progress, total, message);
                });
        connect(client, &McpClient::callFinished, this,
                [this](qint64 handle, const ToolResult& result) {
                    if (m_calling) // answered inside callTool: the handle is not known yet
                        m_early = result;
                    else if (handle == m_handle)
                        done(result);
                });
        connect(client, &QObject::destroyed, this, [this] {
            done(ToolResult::error(
                ToolRegistryText::tr("The MCP server was removed from the settings "
                                     "while the call ran.")));
        });
        // Called on the next loop turn, so finished never comes from inside invoke().
        QTimer::singleShot(0, this, [this, spec, call, timeoutMs] {
            m_calling = true;
            m_handle = m_client->callTool(spec.toolName, call.arguments, timeoutMs);
            m_calling = false;
            if (m_early)
                done(*m_early);
        });
    }

    void cancel(const QString& reason) override
    {
        if (m_done)
            return;
        if (m_client && m_handle > 0)
            m_client->cancelCall(m_handle, reason); // answers through callFinished
        if (!m_done)
            done(ToolResult::error(reason));
    }

private:
    void done(const ToolResult& result)
    {
        if (m_done)
            return;
        m_done = true;
        Q_EMIT finished(result);
    }

    QPointer<McpClient> m_client;
    qint64 m_handle = 0;
    bool m_calling = false;
    bool m_done = false;
    std::optional<ToolResult> m_early;
};

// Waits for a set of clients to settle (Ready or Failed), then runs its action once.
class SettleWaiter : public QObject {
public:
    SettleWaiter(QList<McpClient*> clients, QObject* context, std::function<void()> action)
        : QObject(context)
        , m_action(std::move(action))
    {
        for (McpClient* client : clients) {
            m_pending.insert(client);
            connect(client, &McpClient::statusChanged, this, [this, client] { check(client); });
            connect(client, &QObject::destroyed, this, [this, client] {
                m_pending.erase(client);
                maybeFinish();
            });
        }
        // Never from inside the caller: check on the next loop turn.
        QTimer::singleShot(0, this, [this] {
            const std::set<McpClient*> pending = m_pending;
            for (McpClient* client : pending)
                check(client);
            maybeFinish();
        });
    }

private:
    void check(McpClient* client)
    {
        if (m_pending.count(client) && isSettled(client->status().state)) {
            m_pending.erase(client);
            maybeFinish();
        }
    }
    void maybeFinish()
    {
        if (!m_pending.empty() || m_fired)
            return;
        m_fired = true;
        auto action = std::move(m_action);
        deleteLater();
        action();
    }

    std::set<McpClient*> m_pending;
    std::function<void()> m_action;
    bool m_fired = false;
};

} // namespace

ToolRegistry::ToolRegistry(CurlMulti& curl, QObject* parent)
    : QObject(parent)
    , m_curl(curl)
{
}

ToolRegistry::~ToolRegistry() = default;

QString ToolRegistry::logPathFor(const QString& serverName) const
{
    if (m_logDir.isEmpty())
        return {};
    return QDir(m_logDir).filePath(QStringLiteral("mcp-%1.log").arg(sanitizedName(serverName)));
}

McpClient* ToolRegistry::makeClient(const McpServerConfig& config, QObject* parent)
{
    auto* client = new McpClient(config, logPathFor(config.name), parent);
    return client;
}

McpClient* ToolRegistry::client(const QString& name) const
{
    const auto it = m_clients.find(name);
    return it == m_clients.end() ? nullptr : it->second.get();
}

void ToolRegistry::setMcpServers(const QList<McpServerConfig>& servers, const QString& logDir,
                                 bool startNow)
{
    KEEL_ASSERT_OWN_THREAD(this);
    m_configs = servers;
    m_logDir = logDir;
    QHash<QString, McpServerConfig> wanted;
    for (const McpServerConfig& config : servers) {
        if (config.enabled)
            wanted.insert(config.name, config);
    }
    for (auto it = m_clients.begin(); it != m_clients.end();) {
        const auto config = wanted.constFind(it->first);
        if (config != wanted.constEnd() && *config == it->second->config()) {
            ++it;
            continue;
        }
        McpClient* gone = it->second.release();
        it = m_clients.erase(it);
        gone->stop(); // fails its pending calls
        McpServerStatus status = gone->status();
        status.state = McpServerState::Stopped;
        Q_EMIT serverStatusChanged(status);
        gone->deleteLater();
    }
    for (const McpServerConfig& config : wanted) {
        if (m_clients.count(config.name))
            continue;
        std::unique_ptr<McpClient> client(makeClient(config, nullptr));
        connect(client.get(), &McpClient::statusChanged, this, &ToolRegistry::serverStatusChanged);
        if (startNow)
            client->start();
        m_clients.emplace(config.name, std::move(client));
    }
}

void ToolRegistry::prepare(const ToolOptions& options, QObject* context, PrepareCallback done)
{
    KEEL_ASSERT_OWN_THREAD(this);
    QList<McpClient*> clients;
    if (options.enabled) {
        for (const McpServerConfig& config : m_configs) {
            McpClient* mcp = client(config.name);
            if (!mcp)
                continue;
            if (mcp->status().state != McpServerState::Ready)
                mcp->start(); // also restarts one that failed or crashed earlier
            clients.append(mcp);
        }
    }
    QPointer<ToolRegistry> self(this);
    new SettleWaiter(clients, context, [self, options, clients, done = std::move(done)] {
        if (!self || !options.enabled) {
            done({}, {});
            return;
        }
        QList<ToolSpec> offered;
        QStringList problems;
        for (const ToolSpec& spec : builtinToolSpecs()) {
            if (!options.disabledTools.contains(spec.key()))
                offered.append(spec);
        }
        for (const McpServerConfig& config : self->m_configs) {
            McpClient* mcp = self->client(config.name);
            if (!mcp)
                continue;
            const McpServerStatus status = mcp->status();
            if (status.state != McpServerState::Ready) {
                problems.append(QStringLiteral("%1: %2").arg(config.name, status.message));
                continue;
            }
            for (const ToolSpec& spec : status.tools) {
                if (!options.disabledTools.contains(spec.key()))
                    offered.append(spec);
            }
        }
        // Names as the model sees them: the tool's own when unique, else "server__tool".
        QHash<QString, int> ownNameCount;
        for (const ToolSpec& spec : offered)
            ++ownNameCount[sanitizedName(spec.toolName)];
        QSet<QString> used;
        for (ToolSpec& spec : offered) {
            QString name = sanitizedName(spec.toolName);
            if (ownNameCount.value(name) > 1)
                name = sanitizedName(spec.server + QStringLiteral("__") + spec.toolName);
            const QString base = name;
            for (int n = 2; used.contains(name); ++n)
                name = base.left(kMaxToolNameLength - 4) + QStringLiteral("_%1").arg(n);
            used.insert(name);
            spec.name = name;
        }
        done(offered, problems);
    });
}

ToolInvocation* ToolRegistry::invoke(const ToolSpec& spec, const ToolCall& call, int timeoutMs,
                                     QObject* parent)
{
    KEEL_ASSERT_OWN_THREAD(this);
    if (spec.server == builtinServerName()) {
        if (ToolInvocation* builtin = invokeBuiltinTool(spec, call, m_curl, parent))
            return builtin;
        return new ImmediateInvocation(
            ToolResult::error(tr("Keel has no built-in tool \"%1\".").arg(spec.toolName)), parent);
    }
    McpClient* mcp = client(spec.server);
    if (!mcp)
        return new ImmediateInvocation(
            ToolResult::error(
                tr("The MCP server \"%1\" is not configured or is disabled.").arg(spec.server)),
            parent);
    return new McpInvocation(mcp, spec, call, timeoutMs, parent);
}

ToolInvocation* ToolRegistry::invokeOn(const McpServerConfig& config, const QString& toolName,
                                       const QString& argumentsJson, QObject* parent)
{
    KEEL_ASSERT_OWN_THREAD(this);
    ToolSpec spec;
    spec.name = spec.toolName = toolName;
    spec.server = config.name;
    ToolCall call;
    call.id = QStringLiteral("call_1");
    call.name = toolName;
    call.arguments = argumentsJson;
    McpClient* mcp = client(config.name);
    if (mcp && mcp->config() == config)
        return new McpInvocation(mcp, spec, call, 0, parent);
    mcp = makeClient(config, nullptr);
    auto* invocation = new McpInvocation(mcp, spec, call, 0, parent);
    mcp->setParent(invocation); // the server lives as long as the call
    return invocation;
}

void ToolRegistry::inspect(const McpServerConfig& config, QObject* context,
                           std::function<void(McpServerStatus)> done)
{
    KEEL_ASSERT_OWN_THREAD(this);
    McpClient* mcp = client(config.name);
    QPointer<McpClient> throwAway;
    if (!mcp || !(mcp->config() == config)) {
        mcp = makeClient(config, this);
        throwAway = mcp;
    }
    if (mcp->status().state != McpServerState::Ready)
        mcp->start();
    QPointer<McpClient> watched(mcp);
    new SettleWaiter({mcp}, context, [watched, throwAway, done = std::move(done)] {
        McpServerStatus status;
        if (watched)
            status = watched->status();
        if (throwAway) {
            throwAway->stop();
            throwAway->deleteLater();
        }
        done(status);
    });
}

} // namespace keel::core
