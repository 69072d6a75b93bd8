// SettingsFilesTest: the configuration files: every type survives a save and a load; readers
// ignore unknown fields and default missing ones; corrupt, truncated or unreadable files are
// moved aside as .bak with a notice and the defaults are used; no key is ever written; a
// failed write reports an error and leaves the previous file as it was.
#include "settings/SettingsFiles.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

using namespace keel::core;

namespace {

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void writeAll(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(file.write(bytes), bytes.size());
}

ProviderEntry fullProvider()
{
    ProviderEntry entry;
    entry.id = QStringLiteral("openrouter-2");
    entry.name = QStringLiteral("OpenRouter (work) \u4e2d\u6587");
    entry.kind = QStringLiteral("openai");
    entry.presetId = QStringLiteral("openrouter");
    entry.baseUrl = QStringLiteral("https://openrouter.ai/api/v1");
    entry.extraHeaders = {{QStringLiteral("HTTP-Referer"), QStringLiteral("https://keel.app")},
                          {QStringLiteral("X-Title"), QStringLiteral("Keel, \"quoted\"")}};
    entry.defaultModel = QStringLiteral("openai/gpt-4o-mini");
    entry.enabled = false;
    entry.verifyTls = true;
    entry.hasKey = true;
    ModelEntry first;
    first.id = QStringLiteral("openai/gpt-4o-mini");
    first.displayName = QStringLiteral("GPT-4o mini");
    first.contextLength = 128000;
    ModelEntry second;
    second.id = QStringLiteral("deepseek/deepseek-r1");
    second.enabled = false;
    entry.models = {first, second};
    return entry;
}

ProviderEntry localProvider()
{
    ProviderEntry entry;
    entry.id = QStringLiteral("custom");
    entry.name = QStringLiteral("Local");
    entry.kind = QStringLiteral("ollama");
    entry.baseUrl = QStringLiteral("http://127.0.0.1:11434");
    entry.verifyTls = false;
    return entry;
}

Assistant fullAssistant()
{
    Assistant assistant;
    assistant.id = QStringLiteral("assistant-1");
    assistant.name = QStringLiteral("Poet");
    assistant.description = QStringLiteral("Writes, in verse.");
    assistant.model = {QStringLiteral("anthropic"), QStringLiteral("claude-sonnet-4-5")};
    assistant.parameters.systemPrompt = QStringLiteral("Answer in rhyme.\nAlways.");
    assistant.parameters.temperature = 1.2;
    assistant.parameters.topP = 0.95;
    assistant.parameters.maxTokens = 2048;
    assistant.parameters.reasoningEffort = QStringLiteral("low");
    assistant.parameters.thinkingBudgetTokens = 1024;
    assistant.parameters.stream = false;
    return assistant;
}

GeneralSettings fullGeneral()
{
    GeneralSettings settings;
    settings.chatDefaults.systemPrompt = QStringLiteral(
        "Be brief, precise; \"quoted\" = fine.\nSecond line: \u4e2d\u6587 @Variant(x)");
    settings.chatDefaults.temperature = 0.7;
    settings.chatDefaults.topP = 0.9;
    settings.chatDefaults.maxTokens = 4096;
    settings.chatDefaults.reasoningEffort = QStringLiteral("high");
    settings.chatDefaults.thinkingBudgetTokens = 8000;
    settings.chatDefaults.stream = false;
    settings.defaultModel = {QStringLiteral("openai"), QStringLiteral("gpt-4o-mini")};
    settings.appearance.theme = Theme::Dark;
    settings.appearance.fontFamily = QStringLiteral("DejaVu Sans, Mono");
    settings.appearance.fontPointSize = 13;
    settings.appearance.sendKey = SendKey::CtrlEnter;
    settings.appearance.language = QStringLiteral("zh_CN");
    settings.network.proxyMode = ProxyConfig::Mode::Manual;
    settings.network.proxyUrl = QStringLiteral("socks5h://127.0.0.1:1080");
    settings.network.proxyUser = QStringLiteral("me");
    settings.network.hasProxyPassword = true;
    settings.network.connectTimeoutMs = 5000;
    settings.network.idleTimeoutMs = 0;
    settings.secretFileAllowed = true;
    settings.firstRunDone = true;
    return settings;
}

} // namespace

class SettingsFilesTest : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    SettingsPaths m_paths;

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_paths.configDir = m_dir->filePath(QStringLiteral("config/keel"));
    }

    void missingFilesGiveDefaultsWithoutNotice()
    {
        const auto providers = loadProviders(m_paths.providersFile());
        QVERIFY(providers.value.isEmpty());
        QVERIFY(providers.notice.isEmpty());
        const auto assistants = loadAssistants(m_paths.assistantsFile());
        QCOMPARE(assistants.value, builtInAssistants());
        QVERIFY(assistants.notice.isEmpty());
        const auto general = loadGeneralSettings(m_paths.settingsFile());
        QCOMPARE(general.value, GeneralSettings{});
        QVERIFY(general.notice.isEmpty());
        QVERIFY(!QFileInfo::exists(m_paths.configDir)); // loading creates nothing
    }

    void providersRoundTrip()
    {
        const QList<ProviderEntry> providers = {fullProvider(), localProvider()};
        QString error;
        QCOMPARE(providersFromJson(providersToJson(providers), &error), providers);
        QVERIFY(error.isEmpty());

        QCOMPARE(saveProviders(m_paths.providersFile(), providers), QString()); // makes the dir
        const auto loaded = loadProviders(m_paths.providersFile());
        QCOMPARE(loaded.value, providers);
        QVERIFY(loaded.notice.isEmpty());
        // Readable by people: indented, one field a line.
        QVERIFY(readAll(m_paths.providersFile()).contains("\n  \"version\": 1,\n"));
    }

    void assistantsRoundTrip()
    {
        Assistant partial;
        partial.id = QStringLiteral("assistant-2");
        partial.name = QStringLiteral("Terse");
        partial.parameters.systemPrompt = QString(); // set, but empty: differs from unset
        const QList<Assistant> assistants = {fullAssistant(), partial};
        QString error;
        QCOMPARE(assistantsFromJson(assistantsToJson(assistants), &error), assistants);

        QCOMPARE(saveAssistants(m_paths.assistantsFile(), assistants), QString());
        QCOMPARE(loadAssistants(m_paths.assistantsFile()).value, assistants);
        // Only the set parameters are written.
        const QByteArray json = assistantsToJson({partial});
        QVERIFY(json.contains("\"systemPrompt\""));
        QVERIFY(!json.contains("\"temperature\""));

        // An empty list stays empty (the user deleted them all): no built-ins come back.
        QCOMPARE(saveAssistants(m_paths.assistantsFile(), {}), QString());
        QVERIFY(loadAssistants(m_paths.assistantsFile()).value.isEmpty());
    }

    void generalSettingsRoundTrip()
    {
        const GeneralSettings settings = fullGeneral();
        QCOMPARE(saveGeneralSettings(m_paths.settingsFile(), settings), QString());
        const auto loaded = loadGeneralSettings(m_paths.settingsFile());
        QVERIFY(loaded.notice.isEmpty());
        QCOMPARE(loaded.value.chatDefaults, settings.chatDefaults);
        QCOMPARE(loaded.value.appearance, settings.appearance);
        QCOMPARE(loaded.value.network, settings.network);
        QCOMPARE(loaded.value, settings);

        // The defaults too: unset temperature / top-p / max tokens stay unset.
        QCOMPARE(saveGeneralSettings(m_paths.settingsFile(), GeneralSettings{}), QString());
        const GeneralSettings defaults = loadGeneralSettings(m_paths.settingsFile()).value;
        QCOMPARE(defaults, GeneralSettings{});
        QVERIFY(!defaults.chatDefaults.temperature);
        const QByteArray ini = readAll(m_paths.settingsFile());
        QVERIFY(ini.contains("idleTimeoutMs=600000"));
        QVERIFY(!ini.contains("temperature"));
        // No temporary file is left next to it.
        QCOMPARE(QDir(m_paths.configDir).entryList(QDir::Files),
                 QStringList{QStringLiteral("settings.ini")});
    }

    void conversationSettingsRoundTrip()
    {
        QCOMPARE(conversationSettingsToJson(ConversationSettings{}), QString());
        QCOMPARE(conversationSettingsFromJson(QString()), ConversationSettings{});

        ConversationSettings settings;
        settings.model = {QStringLiteral("openai"), QStringLiteral("gpt-4o")};
        settings.assistantId = QStringLiteral("builtin-translator");
        settings.overrides.temperature = 0.2;
        settings.overrides.stream = false;
        const QString json = conversationSettingsToJson(settings);
        QVERIFY(!json.contains(u'\n'));
        QCOMPARE(conversationSettingsFromJson(json), settings);

        ConversationSettings onlyModel;
        onlyModel.model = {QStringLiteral("ollama"), QStringLiteral("llama3.2")};
        QCOMPARE(conversationSettingsFromJson(conversationSettingsToJson(onlyModel)), onlyModel);

        // Unreadable text still opens the conversation, with empty settings.
        QCOMPARE(conversationSettingsFromJson(QStringLiteral("{not json")), ConversationSettings{});
        QCOMPARE(conversationSettingsFromJson(QStringLiteral("[1,2]")), ConversationSettings{});
        QCOMPARE(conversationSettingsFromJson(QStringLiteral("{\"model\":5,\"parameters\":[]}")),
                 ConversationSettings{});
    }

    void unknownMissingAndMistypedFields()
    {
        const QByteArray json = R"({
          "version": 1, "future": {"x": 1},
          "providers": [
            {"id": "a", "name": "A", "extra": true, "enabled": "yes", "verifyTls": null,
             "headers": [{"name": "X-One", "value": "1"}, {"value": "no name"}, 7],
             "models": [{"id": "m", "contextLength": "big"}, {"displayName": "no id"}]},
            {"name": "no id"},
            {"id": "", "name": "empty id"},
            42,
            {"id": "a", "name": "repeated id"},
            {"id": "b", "name": "B", "kind": "Anthropic", "models": "none", "hasKey": 1}
          ]})";
        QString error;
        const auto providers = providersFromJson(json, &error);
        QVERIFY2(providers, qPrintable(error));
        QCOMPARE(providers->size(), 2);
        const ProviderEntry& a = providers->at(0);
        QCOMPARE(a.id, QStringLiteral("a"));
        QCOMPARE(a.kind, QStringLiteral("openai")); // missing: the common kind
        QCOMPARE(a.enabled, true);                  // wrong type: the default
        QCOMPARE(a.verifyTls, true);
        QCOMPARE(a.extraHeaders.size(), 1);
        QCOMPARE(a.models.size(), 1);
        QCOMPARE(a.models.front().contextLength, qint64(-1));
        const ProviderEntry& b = providers->at(1);
        QCOMPARE(b.kind, QStringLiteral("anthropic"));
        QVERIFY(b.models.isEmpty());
        QCOMPARE(b.hasKey, false);

        const QByteArray assistantsJson = R"({"assistants": [
            {"id": "x", "name": "X", "parameters": {"temperature": "hot", "topP": 0.5,
             "maxTokens": 1.5, "stream": "no", "systemPrompt": "Hi"}},
            {"id": "y"}]})";
        const auto assistants = assistantsFromJson(assistantsJson, &error);
        QVERIFY(assistants);
        QCOMPARE(assistants->size(), 1);
        ChatParameters expected;
        expected.topP = 0.5;
        expected.systemPrompt = QStringLiteral("Hi");
        QCOMPARE(assistants->front().parameters, expected);

        // No list at all is an empty list, not an error.
        QCOMPARE(providersFromJson("{\"version\": 1}", &error), QList<ProviderEntry>{});
    }

    void wrongShapesAreRefused_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("error");
        QTest::newRow("not JSON") << QByteArray("{\"version\": 1,\n \"providers\": [}")
                                  << QStringLiteral("not valid JSON at byte 31, line 2");
        QTest::newRow("empty") << QByteArray() << QStringLiteral("not valid JSON at byte 1");
        QTest::newRow("array") << QByteArray("[]") << QStringLiteral("JSON object");
        QTest::newRow("version text")
            << QByteArray("{\"version\": \"1\"}") << QStringLiteral("\"version\" is not a number");
        QTest::newRow("list object")
            << QByteArray("{\"providers\": {}}") << QStringLiteral("\"providers\" is not a list");
        QTest::newRow("bad UTF-8")
            << QByteArray("{\"providers\": [\"\xff\"]}") << QStringLiteral("not valid JSON");
    }

    void wrongShapesAreRefused()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, error);
        QString actual;
        QVERIFY(!providersFromJson(json, &actual));
        QVERIFY2(actual.contains(error), qPrintable(actual));
    }

    void corruptProvidersMovedAside()
    {
        QVERIFY(QDir().mkpath(m_paths.configDir));
        const QByteArray corrupt = "{\"version\": 1, \"providers\": [ {\"id\": ";
        writeAll(m_paths.providersFile(), corrupt);
        writeAll(m_paths.providersFile() + QStringLiteral(".bak"), "an older backup");

        const auto loaded = loadProviders(m_paths.providersFile());
        QVERIFY(loaded.value.isEmpty());
        QVERIFY2(loaded.notice.startsWith(QStringLiteral("providers.json could not be read (not "
                                                         "valid JSON at byte")),
                 qPrintable(loaded.notice));
        QVERIFY(loaded.notice.contains(m_paths.providersFile() + QStringLiteral(".bak")));
        QVERIFY(loaded.notice.endsWith(QStringLiteral("Keel started with no providers.")));
        QVERIFY(!QFileInfo::exists(m_paths.providersFile()));
        QCOMPARE(readAll(m_paths.providersFile() + QStringLiteral(".bak")), corrupt);

        // The next load is a plain first start.
        QVERIFY(loadProviders(m_paths.providersFile()).notice.isEmpty());
    }

    void truncatedFileMovedAside()
    {
        QVERIFY(QDir().mkpath(m_paths.configDir));
        const QByteArray whole = providersToJson({fullProvider(), localProvider()});
        writeAll(m_paths.providersFile(), whole.left(whole.size() / 2));
        const auto loaded = loadProviders(m_paths.providersFile());
        QVERIFY(loaded.value.isEmpty());
        QVERIFY(loaded.notice.contains(QStringLiteral("providers.json.bak")));
        QVERIFY(QFileInfo::exists(m_paths.providersFile() + QStringLiteral(".bak")));
    }

    void corruptAssistantsMovedAside()
    {
        QVERIFY(QDir().mkpath(m_paths.configDir));
        writeAll(m_paths.assistantsFile(), "[\"an array, not an object\"]");
        const auto loaded = loadAssistants(m_paths.assistantsFile());
        QCOMPARE(loaded.value, builtInAssistants());
        QVERIFY(loaded.notice.startsWith(QStringLiteral("assistants.json could not be read")));
        QVERIFY(
            loaded.notice.endsWith(QStringLiteral("Keel started with the built-in assistants.")));
        QVERIFY(QFileInfo::exists(m_paths.assistantsFile() + QStringLiteral(".bak")));
        QVERIFY(!QFileInfo::exists(m_paths.assistantsFile()));
    }

    void corruptSettingsIniMovedAside()
    {
        QVERIFY(QDir().mkpath(m_paths.configDir));
        const QByteArray corrupt = "[appearance\ntheme dark\n\x01\x02\x03 garbage\n";
        writeAll(m_paths.settingsFile(), corrupt);
        const auto loaded = loadGeneralSettings(m_paths.settingsFile());
        QCOMPARE(loaded.value, GeneralSettings{});
        QVERIFY2(loaded.notice.startsWith(QStringLiteral("settings.ini could not be read")),
                 qPrintable(loaded.notice));
        QVERIFY(loaded.notice.endsWith(QStringLiteral("Keel started with the default settings.")));
        QCOMPARE(readAll(m_paths.settingsFile() + QStringLiteral(".bak")), corrupt);
        QVERIFY(!QFileInfo::exists(m_paths.settingsFile()));
    }

    void unreadableFileMovedAside()
    {
        // A folder where the file should be cannot be read, whoever runs the test.
        QVERIFY(QDir().mkpath(m_paths.providersFile()));
        const auto loaded = loadProviders(m_paths.providersFile());
        QVERIFY(loaded.value.isEmpty());
        QVERIFY(loaded.notice.contains(QStringLiteral("it is a folder")));
        QVERIFY(QFileInfo(m_paths.providersFile() + QStringLiteral(".bak")).isDir());
        QVERIFY(!QFileInfo::exists(m_paths.providersFile()));
    }

    void outOfRangeValuesClamped()
    {
        QVERIFY(QDir().mkpath(m_paths.configDir));
        writeAll(m_paths.settingsFile(), "[chat]\ntemperature=5\ntopP=-1\nmaxTokens=0\n"
                                         "reasoningEffort=extreme\nthinkingBudgetTokens=-5\n"
                                         "stream=maybe\n"
                                         "[appearance]\ntheme=neon\nfontSize=200\nsendKey=shift\n"
                                         "[network]\nproxyMode=carrier-pigeon\n"
                                         "connectTimeoutMs=5\nidleTimeoutMs=0\n");
        const auto loaded = loadGeneralSettings(m_paths.settingsFile());
        QVERIFY(loaded.notice.isEmpty());
        const GeneralSettings& s = loaded.value;
        QCOMPARE(s.chatDefaults.temperature, std::optional<double>(2.0));
        QCOMPARE(s.chatDefaults.topP, std::optional<double>(0.0));
        QVERIFY(!s.chatDefaults.maxTokens);
        QCOMPARE(s.chatDefaults.reasoningEffort, std::optional<QString>(QString()));
        QCOMPARE(s.chatDefaults.thinkingBudgetTokens, std::optional<int>(0));
        QCOMPARE(s.chatDefaults.stream, std::optional<bool>(true));
        QCOMPARE(s.appearance.theme, Theme::System);
        QCOMPARE(s.appearance.fontPointSize, 72);
        QCOMPARE(s.appearance.sendKey, SendKey::Enter);
        QCOMPARE(s.network.proxyMode, ProxyConfig::Mode::System);
        QCOMPARE(s.network.connectTimeoutMs, 1000);
        QCOMPARE(s.network.idleTimeoutMs, 0); // never

        writeAll(m_paths.settingsFile(),
                 "[appearance]\nfontSize=3\n[network]\nidleTimeoutMs=10\nconnectTimeoutMs=x\n");
        const GeneralSettings small = loadGeneralSettings(m_paths.settingsFile()).value;
        QCOMPARE(small.appearance.fontPointSize, 6);
        QCOMPARE(small.network.idleTimeoutMs, 1000);
        QCOMPARE(small.network.connectTimeoutMs, NetworkSettings{}.connectTimeoutMs);
    }

    void keyIsNeverWritten()
    {
        ProviderEntry entry = fullProvider();
        entry.hasKey = true;
        const QByteArray json = providersToJson({entry});
        const auto document = nlohmann::json::parse(json.begin(), json.end(), nullptr, false);
        QVERIFY(!document.is_discarded());
        const auto& provider = document["providers"][0];
        QVERIFY(provider.is_object());
        QStringList fields;
        for (auto it = provider.begin(); it != provider.end(); ++it)
            fields << QString::fromStdString(it.key());
        QStringList expected = {"id",        "name",    "kind",         "preset",
                                "baseUrl",   "headers", "defaultModel", "enabled",
                                "verifyTls", "hasKey",  "models"};
        expected.sort();
        fields.sort();
        QCOMPARE(fields, expected);
        QCOMPARE(provider["hasKey"].get<bool>(), true);
        QVERIFY(!json.toLower().contains("apikey"));
        QVERIFY(!json.contains("\"key\""));
    }

    void failedWriteKeepsTheOldFile()
    {
        const QList<ProviderEntry> old = {localProvider()};
        QCOMPARE(saveProviders(m_paths.providersFile(), old), QString());
        QCOMPARE(saveGeneralSettings(m_paths.settingsFile(), fullGeneral()), QString());
        const QByteArray oldProviders = readAll(m_paths.providersFile());
        const QByteArray oldSettings = readAll(m_paths.settingsFile());

        QFile::Permissions permissions = QFile::permissions(m_paths.configDir);
        QVERIFY(QFile::setPermissions(m_paths.configDir, QFile::ReadOwner | QFile::ExeOwner));
        const auto restore = qScopeGuard(
            [this, permissions] { QFile::setPermissions(m_paths.configDir, permissions); });
        QFile probe(m_paths.configDir + QStringLiteral("/probe"));
        if (probe.open(QIODevice::WriteOnly))
            QSKIP("running with privileges that ignore a read-only folder");

        const QString error = saveProviders(m_paths.providersFile(), {fullProvider()});
        QVERIFY2(error.startsWith(QStringLiteral("Could not save providers.json: ")),
                 qPrintable(error));
        QCOMPARE(readAll(m_paths.providersFile()), oldProviders);
        const QString iniError = saveGeneralSettings(m_paths.settingsFile(), GeneralSettings{});
        QVERIFY2(iniError.startsWith(QStringLiteral("Could not save settings.ini: ")),
                 qPrintable(iniError));
        QCOMPARE(readAll(m_paths.settingsFile()), oldSettings);
        QCOMPARE(loadProviders(m_paths.providersFile()).value, old);
    }

    void failedReplaceReportsAnError()
    {
        // A folder in the file's place cannot be replaced, whoever runs the test; what was
        // there stays.
        QVERIFY(QDir().mkpath(m_paths.providersFile()));
        QVERIFY(QDir().mkpath(m_paths.settingsFile()));
        QVERIFY(saveProviders(m_paths.providersFile(), {localProvider()})
                    .startsWith(QStringLiteral("Could not save providers.json: ")));
        QVERIFY(saveGeneralSettings(m_paths.settingsFile(), fullGeneral())
                    .startsWith(QStringLiteral("Could not save settings.ini: ")));
        QVERIFY(QFileInfo(m_paths.providersFile()).isDir());
        QVERIFY(QFileInfo(m_paths.settingsFile()).isDir());
        // And no temporary files are left behind.
        QCOMPARE(QDir(m_paths.configDir).entryList(QDir::Files), QStringList());
    }

    void builtInAssistantsAreUsable()
    {
        const QList<Assistant> assistants = builtInAssistants();
        QVERIFY(assistants.size() >= 4 && assistants.size() <= 5);
        QStringList ids;
        for (const Assistant& assistant : assistants) {
            QVERIFY(assistant.id.startsWith(QStringLiteral("builtin-")));
            QVERIFY(!ids.contains(assistant.id));
            ids << assistant.id;
            QVERIFY(!assistant.name.isEmpty());
            QVERIFY(!assistant.description.isEmpty());
            QVERIFY(assistant.model.isEmpty());
            QVERIFY(assistant.parameters.systemPrompt.value_or(QString()).size() > 100);
        }
        QVERIFY(ids.contains(QStringLiteral("builtin-translator")));
    }
};

QTEST_GUILESS_MAIN(SettingsFilesTest)
#include "SettingsFilesTest.moc"
