// ProviderPresets: the providers users pick from a list instead of typing URLs: their kind,
// base URL, the usual API-key environment variable and the quirks Keel must respect.
#pragma once

#include "chat/ChatTypes.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace keel::core {

struct ProviderPreset {
    QString id;         // "openrouter"
    QString name;       // "OpenRouter"
    QString kind;       // "openai", "anthropic", "gemini", "ollama"
    QString baseUrl;    // default base URL
    QString apiKeyEnv;  // the variable such keys usually live in; empty when none is needed
    bool local = false; // runs on this machine; no key needed
    ProviderConfig config() const; // a config with the URL and the quirks filled in (no key)
    // The variables its key is found in, in order of preference (apiKeyEnv, and for Gemini
    // also GOOGLE_API_KEY, which Google's own SDKs read); empty when none is needed.
    QStringList apiKeyVariables() const;
    // Quirks, copied into ProviderConfig by config().
    bool sendStreamOptions = true;
    QString maxTokensField = QStringLiteral("max_tokens");
    QString reasoningStyle = QStringLiteral("reasoning_effort");
};

QList<ProviderPreset> providerPresets();
std::optional<ProviderPreset> findPreset(const QString& id);

} // namespace keel::core
