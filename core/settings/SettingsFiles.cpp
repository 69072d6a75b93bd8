// SettingsFiles: the configuration files on disk. Loading never fails: a missing file gives the
// defaults, an unusable one is moved aside as FILE.bak with a notice saying so. Saving is
// atomic (QSaveFile, or a temporary file renamed over settings.ini), so a failed write (a full
// disk) leaves the previous file as it was. The JSON forms are in SettingsJson.cpp; reading,
// moving aside and atomic writing, shared with mcp.json and tools.json, in ConfigFile.cpp.
#include "settings/SettingsFiles.h"

#include "settings/ConfigFile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryFile>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <system_error>

namespace keel::core {

namespace {

// The translation context of this file's user-visible messages: free functions and plain
// classes have no tr() of their own.
struct SettingsFilesText {
    Q_DECLARE_TR_FUNCTIONS(SettingsFiles)
};

template <typename T, typename Parse>
Loaded<T> loadJsonFile(const QString& path, T defaults, const QString& startedWith, Parse parse)
{
    const ConfigFileContents contents = readConfigFile(path);
    if (!contents.exists)
        return {defaults, {}};
    QString error = contents.error;
    if (error.isEmpty()) {
        if (std::optional<T> value = parse(contents.bytes, &error))
            return {*value, {}};
    }
    return {defaults, moveConfigFileAside(path, error, startedWith)};
}

// ---- settings.ini: every value is checked; out of range is clamped, nonsense is the default.

QString iniText(const QSettings& ini, const QString& key, const QString& fallback = {})
{
    const QVariant value = ini.value(key);
    if (!value.isValid())
        return fallback;
    // An unquoted comma in a hand-edited file makes QSettings split the value into a list.
    if (value.typeId() == QMetaType::QStringList)
        return value.toStringList().join(QStringLiteral(", "));
    return value.toString();
}

std::optional<double> iniReal(const QSettings& ini, const QString& key, double low, double high)
{
    bool ok = false;
    const double value = iniText(ini, key).trimmed().toDouble(&ok);
    if (!ok || !std::isfinite(value))
        return std::nullopt;
    return qBound(low, value, high);
}

std::optional<qint64> iniInteger(const QSettings& ini, const QString& key)
{
    bool ok = false;
    const qint64 value = iniText(ini, key).trimmed().toLongLong(&ok);
    return ok ? std::optional<qint64>(value) : std::nullopt;
}

bool iniBool(const QSettings& ini, const QString& key, bool fallback)
{
    const QString value = iniText(ini, key).trimmed().toLower();
    if (value == QLatin1String("true") || value == QLatin1String("1"))
        return true;
    if (value == QLatin1String("false") || value == QLatin1String("0"))
        return false;
    return fallback;
}

template <typename Enum>
Enum iniChoice(const QSettings& ini, const QString& key,
               std::initializer_list<std::pair<const char*, Enum>> choices, Enum fallback)
{
    const QString value = iniText(ini, key).trimmed().toLower();
    for (const auto& [name, choice] : choices) {
        if (value == QLatin1String(name))
            return choice;
    }
    return fallback;
}

const std::initializer_list<std::pair<const char*, Theme>> kThemes = {
    {"system", Theme::System}, {"light", Theme::Light}, {"dark", Theme::Dark}};
const std::initializer_list<std::pair<const char*, SendKey>> kSendKeys = {
    {"enter", SendKey::Enter}, {"ctrl+enter", SendKey::CtrlEnter}};
const std::initializer_list<std::pair<const char*, ProxyConfig::Mode>> kProxyModes = {
    {"system", ProxyConfig::Mode::System},
    {"none", ProxyConfig::Mode::None},
    {"manual", ProxyConfig::Mode::Manual}};

template <typename Enum>
QString choiceName(const std::initializer_list<std::pair<const char*, Enum>>& choices, Enum value)
{
    for (const auto& [name, choice] : choices) {
        if (choice == value)
            return QString::fromLatin1(name);
    }
    return QString::fromLatin1(choices.begin()->first);
}

ChatParameters readChatDefaults(const QSettings& ini)
{
    ChatParameters chat = ChatParameters::builtInDefaults();
    chat.systemPrompt = iniText(ini, QStringLiteral("chat/systemPrompt"));
    chat.temperature = iniReal(ini, QStringLiteral("chat/temperature"), 0.0, 2.0);
    chat.topP = iniReal(ini, QStringLiteral("chat/topP"), 0.0, 1.0);
    if (const auto tokens = iniInteger(ini, QStringLiteral("chat/maxTokens"));
        tokens && *tokens > 0)
        chat.maxTokens = int(qMin<qint64>(*tokens, 10'000'000));
    const QString effort = iniText(ini, QStringLiteral("chat/reasoningEffort")).trimmed().toLower();
    const QStringList efforts = {QStringLiteral("low"), QStringLiteral("medium"),
                                 QStringLiteral("high")};
    chat.reasoningEffort = efforts.contains(effort) ? effort : QString();
    if (const auto budget = iniInteger(ini, QStringLiteral("chat/thinkingBudgetTokens")))
        chat.thinkingBudgetTokens = int(std::clamp<qint64>(*budget, 0, 10'000'000));
    chat.stream = iniBool(ini, QStringLiteral("chat/stream"), true);
    return chat;
}

GeneralSettings readGeneral(const QSettings& ini)
{
    GeneralSettings settings;
    settings.chatDefaults = readChatDefaults(ini);
    settings.defaultModel.providerId = iniText(ini, QStringLiteral("defaultModel/provider"));
    settings.defaultModel.model = iniText(ini, QStringLiteral("defaultModel/model"));

    AppearanceSettings& look = settings.appearance;
    look.theme = iniChoice(ini, QStringLiteral("appearance/theme"), kThemes, Theme::System);
    look.fontFamily = iniText(ini, QStringLiteral("appearance/fontFamily")).trimmed();
    if (const auto size = iniInteger(ini, QStringLiteral("appearance/fontSize")); size && *size > 0)
        look.fontPointSize = int(std::clamp<qint64>(*size, 6, 72));
    look.sendKey = iniChoice(ini, QStringLiteral("appearance/sendKey"), kSendKeys, SendKey::Enter);
    look.language = iniText(ini, QStringLiteral("appearance/language")).trimmed();

    NetworkSettings& network = settings.network;
    network.proxyMode =
        iniChoice(ini, QStringLiteral("network/proxyMode"), kProxyModes, ProxyConfig::Mode::System);
    network.proxyUrl = iniText(ini, QStringLiteral("network/proxyUrl")).trimmed();
    network.proxyUser = iniText(ini, QStringLiteral("network/proxyUser"));
    network.hasProxyPassword = iniBool(ini, QStringLiteral("network/hasProxyPassword"), false);
    if (const auto connect = iniInteger(ini, QStringLiteral("network/connectTimeoutMs")))
        network.connectTimeoutMs = int(std::clamp<qint64>(*connect, 1000, 600'000));
    if (const auto idle = iniInteger(ini, QStringLiteral("network/idleTimeoutMs")); idle) {
        if (*idle == 0)
            network.idleTimeoutMs = 0; // never
        else if (*idle > 0)
            network.idleTimeoutMs = int(std::clamp<qint64>(*idle, 1000, 86'400'000));
    }

    settings.secretFileAllowed = iniBool(ini, QStringLiteral("secrets/fileAllowed"), false);
    settings.firstRunDone = iniBool(ini, QStringLiteral("firstRun/done"), false);
    return settings;
}

void writeGeneral(QSettings& ini, const GeneralSettings& settings)
{
    const ChatParameters& chat = settings.chatDefaults;
    // Unset values are left out: absent means "the provider's own default".
    if (chat.systemPrompt)
        ini.setValue(QStringLiteral("chat/systemPrompt"), *chat.systemPrompt);
    if (chat.temperature)
        ini.setValue(QStringLiteral("chat/temperature"), *chat.temperature);
    if (chat.topP)
        ini.setValue(QStringLiteral("chat/topP"), *chat.topP);
    if (chat.maxTokens)
        ini.setValue(QStringLiteral("chat/maxTokens"), *chat.maxTokens);
    if (chat.reasoningEffort)
        ini.setValue(QStringLiteral("chat/reasoningEffort"), *chat.reasoningEffort);
    if (chat.thinkingBudgetTokens)
        ini.setValue(QStringLiteral("chat/thinkingBudgetTokens"), *chat.thinkingBudgetTokens);
    if (chat.stream)
        ini.setValue(QStringLiteral("chat/stream"), *chat.stream);

    ini.setValue(QStringLiteral("defaultModel/provider"), settings.defaultModel.providerId);
    ini.setValue(QStringLiteral("defaultModel/model"), settings.defaultModel.model);

    const AppearanceSettings& look = settings.appearance;
    ini.setValue(QStringLiteral("appearance/theme"), choiceName(kThemes, look.theme));
    ini.setValue(QStringLiteral("appearance/fontFamily"), look.fontFamily);
    ini.setValue(QStringLiteral("appearance/fontSize"), look.fontPointSize);
    ini.setValue(QStringLiteral("appearance/sendKey"), choiceName(kSendKeys, look.sendKey));
    ini.setValue(QStringLiteral("appearance/language"), look.language);

    const NetworkSettings& network = settings.network;
    ini.setValue(QStringLiteral("network/proxyMode"), choiceName(kProxyModes, network.proxyMode));
    ini.setValue(QStringLiteral("network/proxyUrl"), network.proxyUrl);
    ini.setValue(QStringLiteral("network/proxyUser"), network.proxyUser);
    ini.setValue(QStringLiteral("network/hasProxyPassword"), network.hasProxyPassword);
    ini.setValue(QStringLiteral("network/connectTimeoutMs"), network.connectTimeoutMs);
    ini.setValue(QStringLiteral("network/idleTimeoutMs"), network.idleTimeoutMs);

    ini.setValue(QStringLiteral("secrets/fileAllowed"), settings.secretFileAllowed);
    ini.setValue(QStringLiteral("firstRun/done"), settings.firstRunDone);
}

Assistant builtIn(const char* id, const char* name, const char* description, const char* prompt)
{
    Assistant assistant;
    assistant.id = QString::fromUtf8(id);
    // Shown in the UI, so in the user's language; the prompt is for the model and stays English.
    assistant.name = QCoreApplication::translate("SettingsFiles", name);
    assistant.description = QCoreApplication::translate("SettingsFiles", description);
    assistant.parameters.systemPrompt = QString::fromUtf8(prompt);
    return assistant;
}

} // namespace

SettingsPaths defaultSettingsPaths()
{
    return {QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation)};
}

Loaded<QList<ProviderEntry>> loadProviders(const QString& path)
{
    return loadJsonFile<QList<ProviderEntry>>(path, {}, SettingsFilesText::tr("no providers"),
                                              providersFromJson);
}

Loaded<QList<Assistant>> loadAssistants(const QString& path)
{
    return loadJsonFile<QList<Assistant>>(path, builtInAssistants(),
                                          SettingsFilesText::tr("the built-in assistants"),
                                          assistantsFromJson);
}

Loaded<GeneralSettings> loadGeneralSettings(const QString& path)
{
    const QString startedWith = SettingsFilesText::tr("the default settings");
    const ConfigFileContents contents = readConfigFile(path);
    if (!contents.exists)
        return {GeneralSettings{}, {}};
    if (!contents.error.isEmpty())
        return {GeneralSettings{}, moveConfigFileAside(path, contents.error, startedWith)};
    QString error;
    GeneralSettings settings;
    {
        const QSettings ini(path, QSettings::IniFormat);
        switch (ini.status()) {
        case QSettings::NoError:
            settings = readGeneral(ini);
            break;
        case QSettings::FormatError:
            error = SettingsFilesText::tr("it is not a valid settings file");
            break;
        case QSettings::AccessError:
            error = SettingsFilesText::tr("it could not be opened");
            break;
        }
    }
    if (!error.isEmpty())
        return {GeneralSettings{}, moveConfigFileAside(path, error, startedWith)};
    return {settings, {}};
}

QString saveProviders(const QString& path, const QList<ProviderEntry>& providers)
{
    return writeConfigFileAtomically(path, providersToJson(providers));
}

QString saveAssistants(const QString& path, const QList<Assistant>& assistants)
{
    return writeConfigFileAtomically(path, assistantsToJson(assistants));
}

QString saveGeneralSettings(const QString& path, const GeneralSettings& settings)
{
    if (QString error = makeConfigParentDir(path); !error.isEmpty())
        return error;
    // QSettings writes a temporary file next to settings.ini, which then replaces it in one
    // rename: readers see the old file or the new one, never half of one.
    QTemporaryFile temporary(QFileInfo(path).absoluteFilePath() + QStringLiteral(".XXXXXX"));
    if (!temporary.open())
        return configSaveError(path, temporary.errorString());
    const QString temporaryName = temporary.fileName();
    temporary.close();
    {
        QSettings ini(temporaryName, QSettings::IniFormat);
        ini.clear();
        writeGeneral(ini, settings);
        ini.sync();
        if (ini.status() != QSettings::NoError)
            return configSaveError(path,
                                   SettingsFilesText::tr("the settings could not be written to %1")
                                       .arg(QDir::toNativeSeparators(temporaryName)));
    }
    std::error_code failure;
    std::filesystem::rename(std::filesystem::path(temporaryName.toStdU16String()),
                            std::filesystem::path(path.toStdU16String()), failure);
    if (failure)
        return configSaveError(path, QString::fromLocal8Bit(failure.message().c_str()));
    temporary.setAutoRemove(false); // it is settings.ini now
    return {};
}

QList<Assistant> builtInAssistants()
{
    return {
        builtIn(
            "builtin-general", QT_TRANSLATE_NOOP("SettingsFiles", "General assistant"),
            QT_TRANSLATE_NOOP("SettingsFiles", "Clear, accurate answers to everyday questions."),
            "You are a helpful, knowledgeable assistant. Answer clearly and accurately: lead "
            "with the answer, then give the details that matter. Use Markdown (lists, tables, "
            "code blocks) when it makes the answer easier to read, and keep it short when a "
            "short answer will do. If a question is ambiguous, say how you understood it. If "
            "you are not sure of something, say so instead of guessing."),
        builtIn("builtin-code-reviewer", QT_TRANSLATE_NOOP("SettingsFiles", "Code reviewer"),
                QT_TRANSLATE_NOOP(
                    "SettingsFiles",
                    "Reviews code and diffs: bugs first, then design, with concrete fixes."),
                "You are a senior software engineer reviewing the code or diff the user shares. "
                "First report correctness problems: bugs, unhandled errors, race conditions, "
                "undefined behaviour, security issues. Name the function or line, explain why it "
                "is wrong and what input triggers it. Then note issues of design, naming, "
                "readability, performance and missing tests, most important first. Propose each "
                "fix as a short code snippet rather than rewriting whole files. Do not invent "
                "problems: if the code is fine, say so. If you need context you do not have "
                "(other files, the language or library version), say what and why."),
        builtIn("builtin-translator",
                QT_TRANSLATE_NOOP("SettingsFiles", "Translator (Chinese \u21c4 English)"),
                QT_TRANSLATE_NOOP("SettingsFiles",
                                  "Translates Chinese into English and English into Chinese."),
                "You are a professional translator between Chinese and English. If the user's "
                "text is in Chinese, translate it into natural, idiomatic English. If it is in "
                "English or any other language, translate it into fluent Simplified Chinese "
                "(\u7b80\u4f53\u4e2d\u6587). Preserve the meaning, tone and register, and keep the "
                "formatting: Markdown, lists, code, names, numbers and units. Reply with the "
                "translation only. If a phrase is ambiguous or has no direct equivalent, add one "
                "short note after the translation."),
        builtIn(
            "builtin-writing-editor", QT_TRANSLATE_NOOP("SettingsFiles", "Writing editor"),
            QT_TRANSLATE_NOOP("SettingsFiles",
                              "Edits text for clarity, concision and grammar, keeping your voice."),
            "You are an experienced editor. Improve the text the user gives you for clarity, "
            "concision, grammar, spelling and flow, while keeping the author's voice, meaning "
            "and language. Reply with the edited text first, then a short bulleted list of "
            "the most important changes and why you made them. Do not add new ideas or "
            "change facts; if a passage is unclear or seems wrong, point it out instead of "
            "guessing what was meant."),
        builtIn(
            "builtin-teacher", QT_TRANSLATE_NOOP("SettingsFiles", "Explain like a teacher"),
            QT_TRANSLATE_NOOP("SettingsFiles", "Patient, step-by-step explanations with examples."),
            "You are a patient, encouraging teacher. Explain what the user asks about step by "
            "step, starting from what a curious beginner already knows. Use plain language, "
            "define each technical term the first time it appears, and give a concrete "
            "example or analogy for every key idea. End with a short summary and one or two "
            "questions the learner can answer to check their understanding. If the user "
            "shows they already know the basics, skip ahead and go deeper."),
    };
}

} // namespace keel::core
