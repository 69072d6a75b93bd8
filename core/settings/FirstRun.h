// FirstRun: the providers a new user already has, found in the usual environment variables
// (OPENAI_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY / GOOGLE_API_KEY, OPENROUTER_API_KEY,
// DEEPSEEK_API_KEY, OLLAMA_HOST). The Ollama on localhost:11434 is probed by the app through
// Engine::listModels (the network belongs to the core loop); this file only builds the entry.
#pragma once

#include "settings/SettingsTypes.h"

#include <QList>
#include <QProcessEnvironment>
#include <QString>

namespace keel::core {

struct DetectedProvider {
    ProviderEntry entry; // from the preset; hasKey set when apiKey is not empty
    QString apiKey;      // in memory only; the caller stores it in SecretStore
    QString source;      // the variable it came from, e.g. "OPENAI_API_KEY"
};

// Providers found in env whose preset is not configured yet (by preset id), in preset order.
QList<DetectedProvider> detectProviders(const QProcessEnvironment& env,
                                        const QList<ProviderEntry>& existing);

// An entry for the preset (name, kind, URL, a sensible default model), with an id not used
// by `existing` ("openai", then "openai-2" ...). Empty entry (id "") for an unknown preset.
ProviderEntry providerFromPreset(const QString& presetId, const QList<ProviderEntry>& existing);
// A custom entry of `kind` with a fresh id ("custom", "custom-2" ...) and the kind's default URL.
ProviderEntry customProvider(const QString& kind, const QList<ProviderEntry>& existing);

// A model worth starting with for a kind or preset ("gpt-4o-mini", "claude-sonnet-4-5" ...).
QString suggestedModel(const QString& presetIdOrKind);

} // namespace keel::core
