// SettingsWriter: the configuration files' writer on the settings thread. Each save writes the
// whole value it carries; failures go back as saveFailed for the owner to show.
#include "settings/SettingsWriter.h"

#include "mcp/McpConfig.h"

namespace keel::core {

SettingsWriter::SettingsWriter(SettingsPaths paths, QObject* parent)
    : QObject(parent)
    , m_paths(std::move(paths))
{
}

void SettingsWriter::saveProviders(const QList<keel::core::ProviderEntry>& providers)
{
    const QString error = keel::core::saveProviders(m_paths.providersFile(), providers);
    if (!error.isEmpty())
        Q_EMIT saveFailed(QStringLiteral("providers"), error);
}

void SettingsWriter::saveAssistants(const QList<keel::core::Assistant>& assistants)
{
    const QString error = keel::core::saveAssistants(m_paths.assistantsFile(), assistants);
    if (!error.isEmpty())
        Q_EMIT saveFailed(QStringLiteral("assistants"), error);
}

void SettingsWriter::saveGeneralSettings(const keel::core::GeneralSettings& settings)
{
    const QString error = keel::core::saveGeneralSettings(m_paths.settingsFile(), settings);
    if (!error.isEmpty())
        Q_EMIT saveFailed(QStringLiteral("settings"), error);
}

void SettingsWriter::saveMcpServers(const QList<keel::core::McpServerConfig>& servers)
{
    const QString error = keel::core::saveMcpConfig(m_paths.mcpFile(), servers);
    if (!error.isEmpty())
        Q_EMIT saveFailed(QStringLiteral("mcp"), error);
}

void SettingsWriter::saveToolSettings(const keel::core::ToolSettings& settings)
{
    const QString error = keel::core::saveToolSettings(m_paths.toolsFile(), settings);
    if (!error.isEmpty())
        Q_EMIT saveFailed(QStringLiteral("tools"), error);
}

void SettingsWriter::flush(const QString& tag)
{
    // Saves run in the order they were posted, each to completion: everything posted before
    // this call is on disk by now.
    Q_EMIT flushed(tag);
}

} // namespace keel::core
