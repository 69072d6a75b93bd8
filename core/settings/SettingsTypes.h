// SettingsTypes: the value types of Keel's configuration: configured providers and their
// models, chat parameters (defaults, per-conversation overrides, assistants), appearance and
// network. Plain values that cross threads; none of them ever holds an API key or a password
// (those live in SecretStore and reach requests in memory only).
#pragma once

#include "chat/ChatTypes.h"
#include "net/UrlHosts.h" // isLoopbackUrl: where TLS verification may be switched off

#include <QList>
#include <QMetaType>
#include <QPair>
#include <QString>
#include <QStringList>

#include <optional>

namespace keel::core {

struct ModelEntry {
    QString id;          // what requests name as "model"
    QString displayName; // the user's name for it; empty: the id (or the provider's name)
    bool enabled = true; // listed in the model picker
    qint64 contextLength = -1;

    QString shownName() const { return displayName.isEmpty() ? id : displayName; }
    bool operator==(const ModelEntry&) const = default;
};

struct ProviderEntry {
    QString id;       // stable, unique, never shown: "openai", "openai-2", "custom-1" ...; keys
                      // in the keychain and conversations' model choices refer to it
    QString name;     // shown and used by `keel --provider NAME`; unique, case-insensitively
    QString kind;     // "openai", "anthropic", "gemini", "ollama"
    QString presetId; // the preset it was made from ("" = custom); supplies the quirks
    QString baseUrl;  // "" = the kind's default
    QList<QPair<QString, QString>> extraHeaders; // sent with every request
    QString defaultModel;                        // "" = the first enabled model
    bool enabled = true;
    bool verifyTls = true;    // can be false only for loopback hosts
    bool hasKey = false;      // an API key is stored for it (the key itself is not here)
    QList<ModelEntry> models; // as fetched and edited by the user; may be empty

    // The request-side config: kind, URL, headers and the preset's quirks; no key, no proxy.
    ProviderConfig config() const;
    // The enabled models (all of them when none was fetched yet but defaultModel is set: that
    // one alone).
    QList<ModelEntry> enabledModels() const;
    // defaultModel, or the first enabled model, or "".
    QString effectiveDefaultModel() const;
    bool operator==(const ProviderEntry&) const = default;
};

// Parameters of a chat. As overrides (a conversation, an assistant) only the fields that differ
// from the defaults are set. As defaults, temperature, top-p and max tokens may be unset: the
// provider's own default applies (many reasoning models refuse a temperature).
struct ChatParameters {
    std::optional<QString> systemPrompt;
    std::optional<double> temperature;
    std::optional<double> topP;
    std::optional<int> maxTokens;
    std::optional<QString> reasoningEffort;  // "", "low", "medium", "high"
    std::optional<int> thinkingBudgetTokens; // 0 = off
    std::optional<bool> stream;

    // The fields set in `overrides` replace these.
    ChatParameters overriddenBy(const ChatParameters& overrides) const;
    // The fields of this (an override set) whose value differs from `defaults`, by their
    // human names ("System prompt", "Temperature" ...), in declaration order.
    QStringList differencesFrom(const ChatParameters& defaults) const;
    // Only the fields whose value differs from `defaults` (what an override panel stores).
    ChatParameters minus(const ChatParameters& defaults) const;
    bool isEmpty() const;
    bool operator==(const ChatParameters&) const = default;

    // Keel's built-in defaults: empty system prompt, temperature / top-p / max tokens unset,
    // reasoning effort "" (not sent), thinking budget 0 (off), streaming on.
    static ChatParameters builtInDefaults();
};

// Which model a conversation (or an assistant, or the app by default) talks to.
struct ModelRef {
    QString providerId;
    QString model;
    bool isEmpty() const { return providerId.isEmpty() || model.isEmpty(); }
    bool operator==(const ModelRef&) const = default;
};

// What a conversation stores in ConversationSummary::settingsJson.
struct ConversationSettings {
    ModelRef model;           // empty: the app's default model
    ChatParameters overrides; // only what differs from the defaults
    QString assistantId;      // the assistant it was started with, if any
    bool isEmpty() const { return model.isEmpty() && overrides.isEmpty() && assistantId.isEmpty(); }
    bool operator==(const ConversationSettings&) const = default;
};

struct Assistant {
    QString id;   // stable, unique
    QString name; // shown in the New chat menu
    QString description;
    ModelRef model;            // empty: the app's default model
    ChatParameters parameters; // overrides of the chat defaults (usually a system prompt)
    bool operator==(const Assistant&) const = default;
};

enum class Theme { System, Light, Dark };
enum class SendKey { Enter, CtrlEnter };

struct AppearanceSettings {
    Theme theme = Theme::System;
    QString fontFamily;    // "" = the system's
    int fontPointSize = 0; // 0 = the system's
    SendKey sendKey = SendKey::Enter;
    QString language; // "" = follow the system; else a locale name, e.g. "zh_CN"
    bool operator==(const AppearanceSettings&) const = default;
};

struct NetworkSettings {
    ProxyConfig::Mode proxyMode = ProxyConfig::Mode::System;
    QString proxyUrl;  // Manual only
    QString proxyUser; // Manual only; its password is a secret (SecretStore)
    bool hasProxyPassword = false;
    int connectTimeoutMs = 20'000;
    int idleTimeoutMs = 600'000; // 0 = never
    bool operator==(const NetworkSettings&) const = default;
};

// Everything kept in settings.ini (QSettings).
struct GeneralSettings {
    ChatParameters chatDefaults = ChatParameters::builtInDefaults();
    ModelRef defaultModel; // empty: the first enabled model of the first enabled provider
    AppearanceSettings appearance;
    NetworkSettings network;
    // The user agreed to keep secrets in a file of the profile (mode 0600) because no
    // keychain service is available.
    bool secretFileAllowed = false;
    bool firstRunDone = false; // providers were detected from the environment once
    bool operator==(const GeneralSettings&) const = default;
};

// The names under which secrets are kept (keychain entries or keys of the secret file).
QString apiKeySecretName(const QString& providerId); // "provider/<id>/api-key"
QString proxyPasswordSecretName();                   // "network/proxy-password"

// Registers the settings types for queued calls between threads (idempotent).
void registerSettingsMetaTypes();

} // namespace keel::core

Q_DECLARE_METATYPE(keel::core::ProviderEntry)
Q_DECLARE_METATYPE(keel::core::Assistant)
Q_DECLARE_METATYPE(keel::core::GeneralSettings)
