// ProviderFactory: the one place that maps a provider kind to its implementation.
#include "providers/AnthropicProvider.h"
#include "providers/GeminiProvider.h"
#include "providers/OllamaProvider.h"
#include "providers/OpenAiProvider.h"

namespace keel::core {

QStringList providerKinds()
{
    return {QStringLiteral("openai"), QStringLiteral("anthropic"), QStringLiteral("gemini"),
            QStringLiteral("ollama")};
}

std::unique_ptr<Provider> createProvider(const QString& kind)
{
    const QString k = kind.trimmed().toLower();
    if (k == QStringLiteral("openai"))
        return std::make_unique<OpenAiProvider>();
    if (k == QStringLiteral("anthropic"))
        return std::make_unique<AnthropicProvider>();
    if (k == QStringLiteral("gemini"))
        return std::make_unique<GeminiProvider>();
    if (k == QStringLiteral("ollama"))
        return std::make_unique<OllamaProvider>();
    return nullptr;
}

} // namespace keel::core
