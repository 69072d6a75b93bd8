// ProviderPresets: the built-in list. Base URLs are the providers' documented API roots; the
// quirks are the ones Keel has to know to get usage and reasoning from each.
#include "providers/ProviderPresets.h"

#include <QCoreApplication>

namespace keel::core {

namespace {

// The translation context of this file's user-visible messages: free functions and plain
// classes have no tr() of their own.
struct ProviderPresetsText {
    Q_DECLARE_TR_FUNCTIONS(ProviderPresets)
};

ProviderPreset openAiCompatible(const char* id, const char* name, const char* baseUrl,
                                const char* keyEnv, bool local = false)
{
    ProviderPreset preset;
    preset.id = QString::fromLatin1(id);
    preset.name = QString::fromLatin1(name);
    preset.kind = QStringLiteral("openai");
    preset.baseUrl = QString::fromLatin1(baseUrl);
    preset.apiKeyEnv = QString::fromLatin1(keyEnv);
    preset.local = local;
    return preset;
}

QList<ProviderPreset> buildPresets()
{
    QList<ProviderPreset> presets;

    ProviderPreset openAi =
        openAiCompatible("openai", "OpenAI", "https://api.openai.com/v1", "OPENAI_API_KEY");
    // Reasoning models refuse max_tokens; max_completion_tokens works for every current model.
    openAi.maxTokensField = QStringLiteral("max_completion_tokens");
    presets << openAi;

    ProviderPreset anthropic;
    anthropic.id = QStringLiteral("anthropic");
    anthropic.name = QStringLiteral("Anthropic");
    anthropic.kind = QStringLiteral("anthropic");
    anthropic.baseUrl = QStringLiteral("https://api.anthropic.com");
    anthropic.apiKeyEnv = QStringLiteral("ANTHROPIC_API_KEY");
    presets << anthropic;

    ProviderPreset gemini;
    gemini.id = QStringLiteral("gemini");
    gemini.name = QStringLiteral("Google Gemini");
    gemini.kind = QStringLiteral("gemini");
    gemini.baseUrl = QStringLiteral("https://generativelanguage.googleapis.com");
    gemini.apiKeyEnv = QStringLiteral("GEMINI_API_KEY");
    presets << gemini;

    ProviderPreset ollama;
    ollama.id = QStringLiteral("ollama");
    ollama.name = QStringLiteral("Ollama");
    ollama.kind = QStringLiteral("ollama");
    ollama.baseUrl = QStringLiteral("http://localhost:11434");
    ollama.local = true;
    presets << ollama;

    // OpenRouter sends ": OPENROUTER PROCESSING" comments while a model is queued (handled as
    // SSE comments) and takes reasoning effort as {"reasoning":{"effort":...}}.
    ProviderPreset openRouter = openAiCompatible(
        "openrouter", "OpenRouter", "https://openrouter.ai/api/v1", "OPENROUTER_API_KEY");
    openRouter.reasoningStyle = QStringLiteral("reasoning");
    presets << openRouter;

    // DeepSeek streams reasoning_content and keep-alive comments; its reasoner takes no effort.
    ProviderPreset deepSeek =
        openAiCompatible("deepseek", "DeepSeek", "https://api.deepseek.com/v1", "DEEPSEEK_API_KEY");
    deepSeek.reasoningStyle.clear();
    presets << deepSeek;

    presets << openAiCompatible("groq", "Groq", "https://api.groq.com/openai/v1", "GROQ_API_KEY");

    // Mistral sends usage in the last chunk unasked and rejects unknown fields.
    ProviderPreset mistral =
        openAiCompatible("mistral", "Mistral", "https://api.mistral.ai/v1", "MISTRAL_API_KEY");
    mistral.sendStreamOptions = false;
    mistral.reasoningStyle.clear();
    presets << mistral;

    presets << openAiCompatible("xai", "xAI", "https://api.x.ai/v1", "XAI_API_KEY");

    ProviderPreset together = openAiCompatible("together", "Together AI",
                                               "https://api.together.xyz/v1", "TOGETHER_API_KEY");
    together.reasoningStyle.clear();
    presets << together;

    // Local servers: no key, no reasoning-effort parameter (reasoning arrives as
    // reasoning_content or inside <think> tags, both handled for every provider).
    for (ProviderPreset local :
         {openAiCompatible("lmstudio", "LM Studio", "http://localhost:1234/v1", "", true),
          openAiCompatible("llamacpp", "llama.cpp server", "http://localhost:8080/v1", "", true),
          openAiCompatible("vllm", "vLLM", "http://localhost:8000/v1", "", true),
          openAiCompatible("ollama-openai", "Ollama (OpenAI-compatible)",
                           "http://localhost:11434/v1", "", true)}) {
        local.reasoningStyle.clear();
        presets << local;
    }
    return presets;
}

} // namespace

QStringList ProviderPreset::apiKeyVariables() const
{
    QStringList variables;
    if (!apiKeyEnv.isEmpty())
        variables << apiKeyEnv;
    if (id == QLatin1String("gemini"))
        variables << QStringLiteral("GOOGLE_API_KEY");
    return variables;
}

ProviderConfig ProviderPreset::config() const
{
    ProviderConfig config;
    config.kind = kind;
    config.baseUrl = baseUrl;
    config.sendStreamOptions = sendStreamOptions;
    config.maxTokensField = maxTokensField;
    config.reasoningStyle = reasoningStyle;
    if (!apiKeyEnv.isEmpty())
        config.apiKeySource = ProviderPresetsText::tr("the environment variable %1").arg(apiKeyEnv);
    return config;
}

QList<ProviderPreset> providerPresets()
{
    static const QList<ProviderPreset> presets = buildPresets(); // immutable table
    return presets;
}

std::optional<ProviderPreset> findPreset(const QString& id)
{
    for (const ProviderPreset& preset : providerPresets()) {
        if (preset.id.compare(id.trimmed(), Qt::CaseInsensitive) == 0)
            return preset;
    }
    return std::nullopt;
}

} // namespace keel::core
