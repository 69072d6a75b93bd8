// SettingsTypes: behaviour of the configuration values (request configs, model lists, how
// parameters override each other), the names of secrets, and the registration of the settings
// types that cross threads. isLoopbackUrl, also declared in SettingsTypes.h, is defined once,
// in net/UrlHosts.cpp: the settings must allow TLS verification off exactly where CurlMulti
// honours it.
#include "settings/SettingsTypes.h"

#include "mcp/McpTypes.h"
#include "providers/ProviderPresets.h"
#include "settings/SecretStore.h"
#include "tools/ToolSettings.h"

namespace keel::core {

// Declared where it is used (Settings, SettingsThread): the one place that registers the
// settings types for queued calls. qRegisterMetaType is idempotent.
void registerSettingsMetaTypes()
{
    qRegisterMetaType<ProviderEntry>();
    qRegisterMetaType<Assistant>();
    qRegisterMetaType<GeneralSettings>();
    qRegisterMetaType<SecretError>();
    qRegisterMetaType<SecretBackend>();
    qRegisterMetaType<QList<ProviderEntry>>();
    qRegisterMetaType<QList<Assistant>>();
    qRegisterMetaType<McpServerConfig>();
    qRegisterMetaType<QList<McpServerConfig>>();
    qRegisterMetaType<ToolSettings>();
}

ProviderConfig ProviderEntry::config() const
{
    ProviderConfig config;
    // Only the quirks come from the preset: the URL is the entry's own (empty: the provider's
    // default), and the key is the caller's business.
    if (const auto preset = findPreset(presetId)) {
        config.sendStreamOptions = preset->sendStreamOptions;
        config.maxTokensField = preset->maxTokensField;
        config.reasoningStyle = preset->reasoningStyle;
    }
    if (!kind.isEmpty())
        config.kind = kind;
    config.baseUrl = baseUrl.trimmed();
    for (const auto& [name, value] : extraHeaders)
        config.extraHeaders.append({name.trimmed().toUtf8(), value.toUtf8()});
    config.verifyTls = verifyTls;
    return config;
}

QList<ModelEntry> ProviderEntry::enabledModels() const
{
    if (models.isEmpty()) {
        if (defaultModel.isEmpty())
            return {};
        ModelEntry only;
        only.id = defaultModel;
        return {only};
    }
    QList<ModelEntry> enabledOnes;
    for (const ModelEntry& model : models) {
        if (model.enabled)
            enabledOnes.append(model);
    }
    return enabledOnes;
}

QString ProviderEntry::effectiveDefaultModel() const
{
    if (!defaultModel.isEmpty())
        return defaultModel;
    for (const ModelEntry& model : models) {
        if (model.enabled && !model.id.isEmpty())
            return model.id;
    }
    return {};
}

namespace {

template <typename T>
void takeIfSet(std::optional<T>& target, const std::optional<T>& source)
{
    if (source)
        target = source;
}

// Set in `value` and not the same as in `reference` (unset there counts as different).
template <typename T>
bool differs(const std::optional<T>& value, const std::optional<T>& reference)
{
    return value.has_value() && value != reference;
}

template <typename T>
void keepIfDiffers(std::optional<T>& target, const std::optional<T>& value,
                   const std::optional<T>& reference)
{
    if (differs(value, reference))
        target = value;
}

} // namespace

ChatParameters ChatParameters::overriddenBy(const ChatParameters& overrides) const
{
    ChatParameters result = *this;
    takeIfSet(result.systemPrompt, overrides.systemPrompt);
    takeIfSet(result.temperature, overrides.temperature);
    takeIfSet(result.topP, overrides.topP);
    takeIfSet(result.maxTokens, overrides.maxTokens);
    takeIfSet(result.reasoningEffort, overrides.reasoningEffort);
    takeIfSet(result.thinkingBudgetTokens, overrides.thinkingBudgetTokens);
    takeIfSet(result.stream, overrides.stream);
    return result;
}

QStringList ChatParameters::differencesFrom(const ChatParameters& defaults) const
{
    QStringList names;
    if (differs(systemPrompt, defaults.systemPrompt))
        names << QStringLiteral("System prompt");
    if (differs(temperature, defaults.temperature))
        names << QStringLiteral("Temperature");
    if (differs(topP, defaults.topP))
        names << QStringLiteral("Top-p");
    if (differs(maxTokens, defaults.maxTokens))
        names << QStringLiteral("Max output tokens");
    if (differs(reasoningEffort, defaults.reasoningEffort))
        names << QStringLiteral("Reasoning effort");
    if (differs(thinkingBudgetTokens, defaults.thinkingBudgetTokens))
        names << QStringLiteral("Thinking budget");
    if (differs(stream, defaults.stream))
        names << QStringLiteral("Streaming");
    return names;
}

ChatParameters ChatParameters::minus(const ChatParameters& defaults) const
{
    ChatParameters result;
    keepIfDiffers(result.systemPrompt, systemPrompt, defaults.systemPrompt);
    keepIfDiffers(result.temperature, temperature, defaults.temperature);
    keepIfDiffers(result.topP, topP, defaults.topP);
    keepIfDiffers(result.maxTokens, maxTokens, defaults.maxTokens);
    keepIfDiffers(result.reasoningEffort, reasoningEffort, defaults.reasoningEffort);
    keepIfDiffers(result.thinkingBudgetTokens, thinkingBudgetTokens, defaults.thinkingBudgetTokens);
    keepIfDiffers(result.stream, stream, defaults.stream);
    return result;
}

bool ChatParameters::isEmpty() const
{
    return !systemPrompt && !temperature && !topP && !maxTokens && !reasoningEffort
           && !thinkingBudgetTokens && !stream;
}

ChatParameters ChatParameters::builtInDefaults()
{
    ChatParameters defaults;
    defaults.systemPrompt = QString();
    defaults.reasoningEffort = QString();
    defaults.thinkingBudgetTokens = 0;
    defaults.stream = true;
    return defaults;
}

QString apiKeySecretName(const QString& providerId)
{
    return QStringLiteral("provider/%1/api-key").arg(providerId);
}

QString proxyPasswordSecretName()
{
    return QStringLiteral("network/proxy-password");
}

} // namespace keel::core
