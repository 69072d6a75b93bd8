// SettingsFiles: where the configuration lives in the profile and how each file is read and
// written: providers.json and assistants.json (JSON, nlohmann non-throwing), settings.ini
// (QSettings). Reading never fails: a missing file gives the defaults; a corrupt or unreadable
// one is moved aside as FILE.bak, the defaults are used and a human notice says so. Writes are
// atomic (QSaveFile). Plain functions: the GUI calls the loaders once at start-up, the
// savers run on the settings thread (SettingsWriter).
#pragma once

#include "settings/SettingsTypes.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace keel::core {

struct SettingsPaths {
    QString configDir; // e.g. $XDG_CONFIG_HOME/keel (with --profile: DIR/config/keel)
    QString providersFile() const { return configDir + QStringLiteral("/providers.json"); }
    QString assistantsFile() const { return configDir + QStringLiteral("/assistants.json"); }
    QString settingsFile() const { return configDir + QStringLiteral("/settings.ini"); }
    // The opt-in secret file used only when no keychain service exists (mode 0600).
    QString secretFile() const { return configDir + QStringLiteral("/secrets.json"); }
    // MCP servers, in the "mcpServers" format other clients use (mcp/McpConfig.h).
    QString mcpFile() const { return configDir + QStringLiteral("/mcp.json"); }
    // Keel's tool choices: policies, step limit (tools/ToolSettings.h).
    QString toolsFile() const { return configDir + QStringLiteral("/tools.json"); }
};

// QStandardPaths::AppConfigLocation (which --profile points into the profile).
SettingsPaths defaultSettingsPaths();

template <typename T>
struct Loaded {
    T value;
    QString notice; // non-empty when the file was unusable: what happened, where it was moved
};

Loaded<QList<ProviderEntry>> loadProviders(const QString& path);  // missing: empty list
Loaded<QList<Assistant>> loadAssistants(const QString& path);     // missing: builtInAssistants()
Loaded<GeneralSettings> loadGeneralSettings(const QString& path); // missing: defaults

// Each returns "" on success, else a human error (e.g. the disk is full); the old file is
// then left as it was.
QString saveProviders(const QString& path, const QList<ProviderEntry>& providers);
QString saveAssistants(const QString& path, const QList<Assistant>& assistants);
QString saveGeneralSettings(const QString& path, const GeneralSettings& settings);

// The assistants Keel ships (a general helper, a code reviewer, a translator, a writing
// editor ...), used when assistants.json does not exist yet.
QList<Assistant> builtInAssistants();

// The JSON forms. The parsers are lenient about what they can default (unknown fields are
// ignored, missing ones defaulted) and return nullopt with *error set when the text is not
// JSON of the expected shape at all. No function here ever writes a key or a password.
QByteArray providersToJson(const QList<ProviderEntry>& providers);
std::optional<QList<ProviderEntry>> providersFromJson(const QByteArray& json, QString* error);
QByteArray assistantsToJson(const QList<Assistant>& assistants);
std::optional<QList<Assistant>> assistantsFromJson(const QByteArray& json, QString* error);
// For ConversationSummary::settingsJson: "" for empty settings; unreadable text gives empty
// settings (a conversation still opens).
QString conversationSettingsToJson(const ConversationSettings& settings);
ConversationSettings conversationSettingsFromJson(const QString& json);

} // namespace keel::core
