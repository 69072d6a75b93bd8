// SettingsWriter: writes the configuration files on the settings thread, so the GUI never
// waits for a disk. Saves are queued calls carrying whole values; they run in order, and
// flush(tag) answers once everything posted before it was written.
#pragma once

#include "mcp/McpTypes.h"
#include "settings/SettingsFiles.h"
#include "tools/ToolSettings.h"

#include <QObject>

namespace keel::core {

class SettingsWriter : public QObject {
    Q_OBJECT
public:
    explicit SettingsWriter(SettingsPaths paths, QObject* parent = nullptr);

public Q_SLOTS:
    void saveProviders(const QList<keel::core::ProviderEntry>& providers);
    void saveAssistants(const QList<keel::core::Assistant>& assistants);
    void saveGeneralSettings(const keel::core::GeneralSettings& settings);
    void saveMcpServers(const QList<keel::core::McpServerConfig>& servers);
    void saveToolSettings(const keel::core::ToolSettings& settings);
    void flush(const QString& tag);

Q_SIGNALS:
    // what: "providers", "assistants", "settings", "mcp" or "tools"; error: human.
    void saveFailed(const QString& what, const QString& error);
    void flushed(const QString& tag);

private:
    SettingsPaths m_paths;
};

} // namespace keel::core
