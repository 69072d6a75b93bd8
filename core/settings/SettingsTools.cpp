// Settings (tools): the MCP servers of mcp.json and the tool choices of tools.json, held in
// memory like the rest and saved by the settings thread's writer.
#include "ThreadCheck.h"
#include "mcp/McpConfig.h"
#include "settings/Settings.h"
#include "settings/SettingsWriter.h"

#include <iterator>
#include <utility>

namespace keel::core {

namespace {

template <typename Call>
void post(QObject* target, Call&& call)
{
    QMetaObject::invokeMethod(target, std::forward<Call>(call), Qt::QueuedConnection);
}

} // namespace

QStringList Settings::loadToolFiles()
{
    LoadedMcpConfig mcp = loadMcpConfig(m_paths.mcpFile());
    LoadedToolSettings tools = loadToolSettings(m_paths.toolsFile());
    m_mcpServers = std::move(mcp.servers);
    m_mcpWarnings = std::move(mcp.warnings);
    m_toolSettings = std::move(tools.settings);
    QStringList notices;
    for (const QString& notice : {mcp.notice, tools.notice}) {
        if (!notice.isEmpty())
            notices << notice;
    }
    return notices;
}

void Settings::setMcpServers(const QList<McpServerConfig>& servers)
{
    KEEL_ASSERT_OWN_THREAD(this);
    if (servers == m_mcpServers)
        return;
    m_mcpServers = servers;
    saveMcpServersLater();
    Q_EMIT mcpServersChanged();
}

void Settings::setToolSettings(const ToolSettings& settings)
{
    KEEL_ASSERT_OWN_THREAD(this);
    ToolSettings next = settings;
    // "Ask" is what a missing entry means: storing it would make equal settings compare unequal.
    for (auto it = next.policies.begin(); it != next.policies.end();)
        it = it.value() == ToolPolicy::Ask ? next.policies.erase(it) : std::next(it);
    next.maxSteps = qBound(1, next.maxSteps, 50);
    next.callTimeoutSeconds = qMax(0, next.callTimeoutSeconds);
    if (next == m_toolSettings)
        return;
    m_toolSettings = next;
    saveToolSettingsLater();
    Q_EMIT toolSettingsChanged();
}

void Settings::setToolPolicy(const QString& key, ToolPolicy policy)
{
    ToolSettings next = m_toolSettings;
    next.policies.insert(key, policy);
    setToolSettings(next);
}

void Settings::saveMcpServersLater()
{
    if (m_writer) {
        post(m_writer,
             [writer = m_writer, servers = m_mcpServers] { writer->saveMcpServers(servers); });
    }
}

void Settings::saveToolSettingsLater()
{
    if (m_writer) {
        post(m_writer, [writer = m_writer, settings = m_toolSettings] {
            writer->saveToolSettings(settings);
        });
    }
}

} // namespace keel::core
