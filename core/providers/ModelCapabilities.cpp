// ModelCapabilities: image input by model family. The rules are ordered, the first match answers;
// when a family has both kinds of members and the name does not tell them apart, the answer is
// "unknown" rather than a guess, so the composer never refuses an image a model could read.
#include "providers/ModelCapabilities.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace keel::core {

namespace {

struct Rule {
    QRegularExpression pattern;
    std::optional<bool> answer;
};

Rule rule(const char* pattern, std::optional<bool> answer)
{
    return {QRegularExpression(QString::fromLatin1(pattern)), answer};
}

// Matched against the bare model name: lower case, without a provider or namespace prefix
// ("openai/", "meta-llama/", "models/") and without a ":tag" (Ollama sizes, OpenRouter ":free").
const QList<Rule>& rules()
{
    static const QList<Rule> list = {
        // Not chat models, or families whose small members read no images.
        rule("embed|whisper|tts|transcribe|dall-e|^gemma-?3n|^gemma-?3-1b", std::nullopt),
        rule("^gpt-4o.*(audio|realtime)", std::nullopt),
        // Names that say vision.
        rule("vision|multimodal|llava|^pixtral|^minicpm-v|^moondream|^internvl", true),
        rule("(^|[-_.0-9])vl($|[-_.0-9])", true),
        rule("^gemma-?3|^llama-?4", true),
        // Known text-only families.
        rule("^gpt-3\\.5|^gpt-4($|-0314|-0613|-32k)|^gpt-oss|^o1-(mini|preview)|^o3-mini", false),
        rule("^deepseek-(chat|reasoner|r1|coder|v2|v3)", false),
        rule("^codellama|^llama-?2($|[-_.])|^llama-?3(\\.[0-3])?($|[-_])", false),
        rule("^qwen-?2(\\.5)?($|[-_])|^qwq", false),
        rule("^(open-)?mistral($|-7b|-nemo|-tiny)|^(open-)?mixtral|^codestral", false),
        rule("^claude-(2|instant)", false),
        rule("^gemini-pro$|^gemini-1\\.0-pro", std::nullopt),
        // Known to read images.
        rule("^(chatgpt-)?gpt-4o|^gpt-4\\.1|^gpt-4\\.5|^gpt-4-turbo|^gpt-5", true),
        rule("^o1($|-pro|-20)|^o3($|-pro|-20)|^o4-mini", true),
        rule("^claude-3|^claude-(sonnet|opus|haiku)-4|^claude-.*-4", true),
        rule("^gemini-", true),
    };
    return list;
}

// "openai/gpt-4o" -> "gpt-4o", "library/llava:13b" -> "llava" (tag "13b").
QString bareName(const QString& model, QString* tag)
{
    QString name = model.trimmed().toLower();
    if (const qsizetype slash = name.lastIndexOf(u'/'); slash >= 0)
        name = name.mid(slash + 1);
    if (const qsizetype colon = name.indexOf(u':'); colon >= 0) {
        *tag = name.mid(colon + 1);
        name.truncate(colon);
    }
    return name;
}

} // namespace

std::optional<bool> acceptsImages(const QString& providerKind, const QString& model)
{
    QString tag;
    const QString name = bareName(model, &tag);
    if (name.isEmpty())
        return std::nullopt;
    // Ollama names sizes in the tag: gemma3:1b is the one Gemma 3 without a vision encoder.
    if (providerKind.compare(QLatin1String("ollama"), Qt::CaseInsensitive) == 0
        && name.startsWith(QLatin1String("gemma3")) && tag.startsWith(QLatin1String("1b")))
        return std::nullopt;
    for (const Rule& candidate : rules()) {
        if (candidate.pattern.match(name).hasMatch())
            return candidate.answer;
    }
    return std::nullopt;
}

QString imagesNotAcceptedMessage(const QString& model)
{
    const QString name =
        model.trimmed().isEmpty()
            ? QCoreApplication::translate("keel::core::ModelCapabilities", "This model")
            : model.trimmed();
    return QCoreApplication::translate(
               "keel::core::ModelCapabilities",
               "%1 does not accept images. Remove the image, or choose a model that reads images "
               "(for example GPT-4o, Claude, Gemini or LLaVA).")
        .arg(name);
}

} // namespace keel::core
