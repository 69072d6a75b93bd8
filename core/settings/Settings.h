// Settings: the live configuration of one running app (GUI or CLI), owned by the thread that
// built it (the GUI thread in the desktop app). It holds the providers, the assistants, the
// general settings and the API keys read from the SecretStore, in memory; every edit updates
// memory at once, emits its change signal (so the app applies it without a restart) and posts
// the save to the settings thread. Nothing here touches the disk or the keychain on the
// owner's thread: the loaders run once before the event loop, the rest is queued.
//
// The tool configuration (mcp.json's servers, tools.json's choices) is kept the same way
// (SettingsTools.cpp).
//
// It also answers the one question a turn asks: with this conversation's settings, which
// provider (with its key and the proxy), which model and which parameters? (resolve)
#pragma once

#include "mcp/McpTypes.h"
#include "settings/SecretStore.h"
#include "settings/SettingsFiles.h"
#include "settings/SettingsTypes.h"
#include "tools/ToolSettings.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>

#include <optional>

namespace keel::core {

class SettingsWriter;

// What one run of the app was told on its command line (--provider, --model, --system ...):
// applied on top of the configuration for this run only, never saved.
struct SessionOverrides {
    ModelRef defaultModel;     // empty: the configured default
    ChatParameters parameters; // on top of the chat defaults, under a conversation's own
    std::optional<int> idleTimeoutMs;
};

// Everything a turn needs, resolved from the defaults, the conversation and the provider.
struct ResolvedChat {
    ProviderEntry provider;
    ProviderConfig config; // with the key and the proxy (password included), in memory only
    QString model;
    ChatParameters parameters; // effective: defaults overridden by the conversation
    int connectTimeoutMs = 20'000;
    int idleTimeoutMs = 600'000; // 0 = never
};

struct Resolution {
    std::optional<ResolvedChat> chat;
    QString error; // human, when chat is empty: what is missing and where to set it
};

class Settings : public QObject {
    Q_OBJECT
public:
    // writer and secrets live on the settings thread (may be null: nothing is saved, no
    // secrets; used by tests of pure logic). They must outlive this object.
    Settings(SettingsPaths paths, SettingsWriter* writer, SecretStore* secrets,
             QObject* parent = nullptr);
    ~Settings() override;

    // Reads the files synchronously (call once, before the event loop runs), connects
    // to the writer and the secret store, probes the keychain and starts reading the keys of
    // the providers that have one. Notices of files moved aside are in loadNotices().
    void load();
    QStringList loadNotices() const { return m_loadNotices; }
    const SettingsPaths& paths() const { return m_paths; }

    // --- Providers ---
    const QList<ProviderEntry>& providers() const { return m_providers; }
    std::optional<ProviderEntry> provider(const QString& id) const;
    // Case-insensitive; also matches the id.
    std::optional<ProviderEntry> providerByName(const QString& name) const;
    // "" when the entry can be saved, else a human error for the field: empty name, a name
    // another provider has, an unknown kind, a base URL that is not http(s)://host, TLS
    // verification off for a host that is not loopback, an empty header name.
    QString validateProvider(const ProviderEntry& entry) const;
    // Adds (new id) or replaces (same id). Returns validateProvider's error, or "" when saved.
    QString saveProvider(const ProviderEntry& entry);
    // Removes the entry and its stored key.
    void removeProvider(const QString& id);
    // Stores the key in the SecretStore; keySaved answers. The key is kept in memory for
    // requests; an empty key removes it.
    void setProviderKey(const QString& id, const QString& key);
    // A provider given on the command line: used like the others this run, never saved.
    void addTransientProvider(const ProviderEntry& entry, const QString& apiKey);
    bool isTransient(const QString& id) const { return m_transient.contains(id); }
    // True while a stored key of this provider is still being read.
    bool isKeyPending(const QString& id) const { return m_keysPending.contains(id); }

    // The request-side config of a provider: its quirks, headers, the proxy and the key: the
    // stored one, or `typedKey` when given (the dialog tests a key before saving it).
    ProviderConfig requestConfig(const ProviderEntry& entry,
                                 const std::optional<QString>& typedKey = std::nullopt) const;

    // --- Models ---
    // Enabled models of enabled providers, grouped in provider order.
    struct ModelChoice {
        ModelRef ref;
        QString providerName;
        QString modelName; // display name or id
    };
    QList<ModelChoice> modelChoices() const;
    // The general default when valid, else the first enabled model of the first enabled
    // provider; empty when there is none.
    ModelRef defaultModel() const;

    // --- Assistants ---
    const QList<Assistant>& assistants() const { return m_assistants; }
    std::optional<Assistant> assistant(const QString& id) const;
    // Adds or replaces (by id; an empty id gets a fresh one). Returns the stored assistant.
    Assistant saveAssistant(Assistant assistant);
    Assistant duplicateAssistant(const QString& id); // "NAME (copy)"
    void removeAssistant(const QString& id);
    // The settings a new conversation starts with when made from this assistant.
    ConversationSettings conversationFromAssistant(const QString& id) const;

    // --- General (chat defaults, appearance, network, secrets) ---
    const GeneralSettings& general() const { return m_general; }
    void setGeneral(const GeneralSettings& settings);
    // "" for an empty password (removes it).
    void setProxyPassword(const QString& password);
    // The user's opt-in to the 0600 secret file when no keychain is available.
    void setSecretFileAllowed(bool allowed);
    SecretBackend secretBackend() const { return m_secretBackend; }
    QString secretBackendDetail() const { return m_secretBackendDetail; }

    // --- Tools (SettingsTools.cpp) ---
    // The MCP servers of mcp.json, in the file's order.
    const QList<McpServerConfig>& mcpServers() const { return m_mcpServers; }
    void setMcpServers(const QList<McpServerConfig>& servers);
    // Entries of mcp.json that load() could not use (human, e.g. a remote server); they stay
    // in the file.
    QStringList mcpConfigWarnings() const { return m_mcpWarnings; }
    const ToolSettings& toolSettings() const { return m_toolSettings; }
    void setToolSettings(const ToolSettings& settings);
    // One tool's approval policy, by ToolSpec::key() (the approval card's "Always allow").
    void setToolPolicy(const QString& key, ToolPolicy policy);

    // --- Turns ---
    Resolution resolve(const ConversationSettings& conversation) const;
    void setSessionOverrides(const SessionOverrides& overrides) { m_session = overrides; }
    const SessionOverrides& sessionOverrides() const { return m_session; }

Q_SIGNALS:
    void providersChanged();
    void assistantsChanged();
    void generalChanged();
    void mcpServersChanged();
    void toolSettingsChanged();
    void secretBackendChanged(keel::core::SecretBackend backend, const QString& detail);
    // error "" on success.
    void keySaved(const QString& providerId, const QString& error);
    void proxyPasswordSaved(const QString& error);
    // A stored key arrived (or failed to: error set).
    void keyLoaded(const QString& providerId, const QString& error);
    // A file could not be written: human, for a banner.
    void saveFailed(const QString& message);

private:
    void saveProvidersLater();
    void saveAssistantsLater();
    void saveGeneralLater();
    void saveMcpServersLater();
    void saveToolSettingsLater();
    QStringList loadToolFiles(); // returns the notices
    void readStoredKeys();
    void onSecretRead(const QString& tag, const QString& name, const QString& value,
                      const SecretError& error);
    void onSecretWritten(const QString& tag, const QString& name, const SecretError& error);
    void onSecretRemoved(const QString& tag, const QString& name, const SecretError& error);
    void onBackendChanged(SecretBackend backend, const QString& detail);
    QList<ProviderEntry> savedProviders() const; // without the transient ones
    int indexOfProvider(const QString& id) const;
    // The stored key, else the preset's usual environment variable (OPENAI_API_KEY ...), with
    // where it came from.
    QPair<QString, QString> keyAndSource(const ProviderEntry& entry) const;

    SettingsPaths m_paths;
    SettingsWriter* m_writer;
    SecretStore* m_secrets;
    QStringList m_loadNotices;

    QList<ProviderEntry> m_providers;
    QSet<QString> m_transient;
    QHash<QString, QString> m_keys; // provider id -> key, memory only
    QSet<QString> m_keysPending;
    QHash<QString, QString> m_keyWrites; // secret tag -> provider id (or "" for the proxy)
    QString m_proxyPassword;
    QList<Assistant> m_assistants;
    GeneralSettings m_general;
    QList<McpServerConfig> m_mcpServers;
    QStringList m_mcpWarnings;
    ToolSettings m_toolSettings;
    SecretBackend m_secretBackend = SecretBackend::Unknown;
    QString m_secretBackendDetail;
    quint64 m_tagCounter = 0;
    SessionOverrides m_session;
    QHash<QString, QString> m_environment; // the API-key variables, read once by load()
};

} // namespace keel::core
