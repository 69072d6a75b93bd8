// FirstRun: providers built from presets, and the ones a new user's environment already
// configures for other tools.
#include "settings/FirstRun.h"

#include "providers/ProviderPresets.h"

#include <QCoreApplication>
#include <QUrl>

namespace keel::core {

namespace {

// The translation context of this file's user-visible messages: free functions and plain
// classes have no tr() of their own.
struct FirstRunText {
    Q_DECLARE_TR_FUNCTIONS(FirstRun)
};

bool idTaken(const QString& id, const QList<ProviderEntry>& existing)
{
    for (const ProviderEntry& entry : existing) {
        if (entry.id.compare(id, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

bool nameTaken(const QString& name, const QList<ProviderEntry>& existing)
{
    for (const ProviderEntry& entry : existing) {
        if (entry.name.trimmed().compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

// "openai", then "openai-2", "openai-3" ...
QString uniqueId(const QString& base, const QList<ProviderEntry>& existing)
{
    QString id = base;
    for (int n = 2; idTaken(id, existing); ++n)
        id = QStringLiteral("%1-%2").arg(base).arg(n);
    return id;
}

// "OpenAI", then "OpenAI 2", "OpenAI 3" ...
QString uniqueName(const QString& base, const QList<ProviderEntry>& existing)
{
    QString name = base;
    for (int n = 2; nameTaken(name, existing); ++n)
        name = QStringLiteral("%1 %2").arg(base).arg(n);
    return name;
}

bool hasPreset(const QString& presetId, const QList<ProviderEntry>& existing)
{
    for (const ProviderEntry& entry : existing) {
        if (entry.presetId.compare(presetId, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

// OLLAMA_HOST as the ollama CLI reads it: "host", "host:port" or a URL; without a scheme it is
// http, and without a scheme or a port the port is Ollama's 11434.
QString ollamaBaseUrl(QString host)
{
    host = host.trimmed();
    while (host.endsWith(u'/'))
        host.chop(1);
    const bool hasScheme = host.contains(QLatin1String("://"));
    QUrl url(hasScheme ? host : QStringLiteral("http://") + host);
    if (!url.isValid() || url.host().isEmpty())
        return QStringLiteral("http://") + host;
    if (!hasScheme && url.port() == -1)
        url.setPort(11434);
    return url.toString(QUrl::StripTrailingSlash);
}

} // namespace

QList<DetectedProvider> detectProviders(const QProcessEnvironment& env,
                                        const QList<ProviderEntry>& existing)
{
    QList<DetectedProvider> found;
    QList<ProviderEntry> taken = existing; // the detected ones take ids and names too
    for (const ProviderPreset& preset : providerPresets()) {
        if (hasPreset(preset.id, existing))
            continue;
        DetectedProvider detected;
        QString ollamaHost;
        if (preset.id == QLatin1String("ollama")) {
            ollamaHost = env.value(QStringLiteral("OLLAMA_HOST")).trimmed();
            if (ollamaHost.isEmpty())
                continue;
            detected.source = QStringLiteral("OLLAMA_HOST");
        } else {
            for (const QString& variable : preset.apiKeyVariables()) {
                const QString key = env.value(variable).trimmed();
                if (!key.isEmpty()) {
                    detected.apiKey = key;
                    detected.source = variable;
                    break;
                }
            }
            if (detected.apiKey.isEmpty())
                continue;
        }
        detected.entry = providerFromPreset(preset.id, taken);
        if (!ollamaHost.isEmpty())
            detected.entry.baseUrl = ollamaBaseUrl(ollamaHost);
        const QString openAiBase = env.value(QStringLiteral("OPENAI_BASE_URL")).trimmed();
        if (preset.id == QLatin1String("openai") && !openAiBase.isEmpty())
            detected.entry.baseUrl = openAiBase;
        detected.entry.hasKey = !detected.apiKey.isEmpty();
        taken.append(detected.entry);
        found.append(detected);
    }
    return found;
}

ProviderEntry providerFromPreset(const QString& presetId, const QList<ProviderEntry>& existing)
{
    const auto preset = findPreset(presetId);
    if (!preset)
        return {};
    ProviderEntry entry;
    entry.id = uniqueId(preset->id, existing);
    entry.name = uniqueName(preset->name, existing);
    entry.kind = preset->kind;
    entry.presetId = preset->id;
    entry.baseUrl = preset->baseUrl;
    entry.defaultModel = suggestedModel(preset->id);
    if (!entry.defaultModel.isEmpty()) {
        ModelEntry model;
        model.id = entry.defaultModel;
        entry.models = {model};
    }
    return entry;
}

ProviderEntry customProvider(const QString& kind, const QList<ProviderEntry>& existing)
{
    const QString normalized = kind.trimmed().toLower();
    // Each kind has a preset of the same id: the kind's own service and default URL.
    const auto preset = findPreset(normalized);
    if (!preset || preset->kind != normalized)
        return {};
    ProviderEntry entry;
    entry.id = uniqueId(QStringLiteral("custom"), existing);
    entry.name = uniqueName(FirstRunText::tr("Custom provider"), existing);
    entry.kind = normalized;
    entry.baseUrl = preset->baseUrl;
    return entry;
}

QString suggestedModel(const QString& presetIdOrKind)
{
    static const QList<QPair<QString, QString>> models = {
        {QStringLiteral("openai"), QStringLiteral("gpt-4o-mini")},
        {QStringLiteral("anthropic"), QStringLiteral("claude-sonnet-4-5")},
        {QStringLiteral("gemini"), QStringLiteral("gemini-2.5-flash")},
        {QStringLiteral("openrouter"), QStringLiteral("openai/gpt-4o-mini")},
        {QStringLiteral("deepseek"), QStringLiteral("deepseek-chat")},
        {QStringLiteral("groq"), QStringLiteral("llama-3.3-70b-versatile")},
        {QStringLiteral("mistral"), QStringLiteral("mistral-small-latest")},
        {QStringLiteral("xai"), QStringLiteral("grok-3-mini")},
        {QStringLiteral("ollama"), QStringLiteral("llama3.2")},
    };
    const QString key = presetIdOrKind.trimmed().toLower();
    for (const auto& [id, model] : models) {
        if (id == key)
            return model;
    }
    return {};
}

} // namespace keel::core
