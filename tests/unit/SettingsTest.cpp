// SettingsTest: the live settings with a real settings thread: edits signal at once and reach
// the files (flush), survive a restart and are written even when the thread is stopped right
// after them; keys go to the secret store, never to a file of the profile, and are removed with
// their provider; transient providers are never saved; resolve() picks provider, model, key
// and parameters or says what is missing; validateProvider() names the faulty field; the MCP
// servers and tool settings persist the same way (mcp.json, tools.json).
#include "settings/Settings.h"

#include "mcp/McpConfig.h"
#include "settings/SecretStore.h"
#include "settings/SettingsThread.h"
#include "settings/SettingsWriter.h"

#include <QDirIterator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace keel::core;

#include "tests/support/SecretTestSupport.h"

using keel::test::filesContaining;

namespace {

constexpr int kWaitMs = 15000;

// One run of the app's configuration: the settings thread and the live settings on this one.
class Runtime {
public:
    Runtime(const SettingsPaths& paths, const QString& service)
        : thread(paths, service)
        , settings(paths, thread.writer(), thread.secrets())
    {
        thread.start();
        settings.load();
    }
    ~Runtime() { thread.stop(); }

    // True once everything posted to the writer so far is on disk.
    bool flush()
    {
        const QString tag = QUuid::createUuid().toString();
        bool done = false;
        QObject context;
        QObject::connect(
            thread.writer(), &SettingsWriter::flushed, &context,
            [&done, tag](const QString& flushed) { done = done || flushed == tag; },
            Qt::QueuedConnection);
        QMetaObject::invokeMethod(
            thread.writer(), [writer = thread.writer(), tag] { writer->flush(tag); },
            Qt::QueuedConnection);
        return QTest::qWaitFor([&done] { return done; }, kWaitMs);
    }

    // Asks the secret store directly, as a second program would.
    std::optional<SecretError> readSecret(const QString& name, QString* value)
    {
        const QString tag = QUuid::createUuid().toString();
        std::optional<SecretError> answer;
        QObject context;
        QObject::connect(
            thread.secrets(), &SecretStore::secretRead, &context,
            [&](const QString& t, const QString&, const QString& v, const SecretError& e) {
                if (t == tag) {
                    answer = e;
                    *value = v;
                }
            },
            Qt::QueuedConnection);
        QMetaObject::invokeMethod(
            thread.secrets(), [store = thread.secrets(), name, tag] { store->read(name, tag); },
            Qt::QueuedConnection);
        (void)QTest::qWaitFor([&answer] { return answer.has_value(); }, kWaitMs);
        return answer;
    }

    bool waitForBackend()
    {
        return QTest::qWaitFor(
            [this] { return settings.secretBackend() != SecretBackend::Unknown; }, kWaitMs);
    }

    SettingsThread thread;
    Settings settings;
};

ProviderEntry openAi(const QString& id = QStringLiteral("openai"),
                     const QString& name = QStringLiteral("OpenAI"))
{
    ProviderEntry entry;
    entry.id = id;
    entry.name = name;
    entry.kind = QStringLiteral("openai");
    entry.presetId = QStringLiteral("openai");
    entry.baseUrl = QStringLiteral("https://api.openai.com/v1");
    entry.defaultModel = QStringLiteral("gpt-4o-mini");
    return entry;
}

ProviderEntry loopback(const QString& id, const QString& name, const QString& model = {})
{
    ProviderEntry entry;
    entry.id = id;
    entry.name = name;
    entry.kind = QStringLiteral("openai");
    entry.baseUrl = QStringLiteral("http://127.0.0.1:8080/v1");
    entry.defaultModel = model;
    return entry;
}

// Every file of the profile that contains `needle`, except the opt-in secret file.

} // namespace

class SettingsTest : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    SettingsPaths m_paths;
    QString m_service;

    // A runtime whose keys can be kept: the keychain (stand-ins) or the opted-in file.
    std::unique_ptr<Runtime> start()
    {
        auto runtime = std::make_unique<Runtime>(m_paths, m_service);
        if (!runtime->waitForBackend())
            qWarning("the secret store did not answer its probe");
        return runtime;
    }

    bool setKey(Runtime& runtime, const QString& id, const QString& key)
    {
        QSignalSpy saved(&runtime.settings, &Settings::keySaved);
        runtime.settings.setProviderKey(id, key);
        if (!saved.wait(kWaitMs))
            return false;
        const QString error = saved.front().at(1).toString();
        if (!error.isEmpty())
            qWarning("keySaved: %s", qPrintable(error));
        return saved.front().at(0).toString() == id && error.isEmpty();
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_paths.configDir = m_dir->filePath(QStringLiteral("config/keel"));
        m_service = QStringLiteral("keel-test-") + QUuid::createUuid().toString(QUuid::Id128);
        GeneralSettings general;
        general.secretFileAllowed = true; // the test environment has no keychain service
        QCOMPARE(saveGeneralSettings(m_paths.settingsFile(), general), QString());
    }

    void editsReachDiskAndSurviveRestart()
    {
        auto runtime = start();
        Settings& settings = runtime->settings;
        QSignalSpy providersChanged(&settings, &Settings::providersChanged);
        QSignalSpy assistantsChanged(&settings, &Settings::assistantsChanged);
        QSignalSpy generalChanged(&settings, &Settings::generalChanged);

        QCOMPARE(settings.saveProvider(openAi()), QString());
        QCOMPARE(providersChanged.size(), 1); // at once, not after the save
        QCOMPARE(settings.providers().size(), 1);
        ProviderEntry renamed = openAi();
        renamed.name = QStringLiteral("OpenAI (work)");
        QCOMPARE(settings.saveProvider(renamed), QString());
        QCOMPARE(providersChanged.size(), 2);
        QCOMPARE(settings.saveProvider(renamed), QString()); // unchanged: no signal
        QCOMPARE(providersChanged.size(), 2);
        QCOMPARE(settings.providerByName(QStringLiteral("openai (WORK)"))->id,
                 QStringLiteral("openai"));
        QCOMPARE(settings.providerByName(QStringLiteral("openai"))->name, renamed.name);

        Assistant assistant;
        assistant.name = QStringLiteral("Pirate");
        assistant.parameters.systemPrompt = QStringLiteral("Talk like a pirate.");
        const Assistant stored = settings.saveAssistant(assistant);
        QVERIFY(!stored.id.isEmpty());
        QCOMPARE(assistantsChanged.size(), 1);

        GeneralSettings general = settings.general();
        general.appearance.theme = Theme::Dark;
        general.chatDefaults.temperature = 0.3;
        settings.setGeneral(general);
        QCOMPARE(generalChanged.size(), 1);
        QCOMPARE(settings.general().appearance.theme, Theme::Dark);

        QVERIFY(runtime->flush());
        QCOMPARE(loadProviders(m_paths.providersFile()).value, settings.providers());
        QCOMPARE(loadAssistants(m_paths.assistantsFile()).value, settings.assistants());
        QCOMPARE(loadGeneralSettings(m_paths.settingsFile()).value, settings.general());

        const QList<ProviderEntry> providers = settings.providers();
        const QList<Assistant> assistants = settings.assistants();
        runtime.reset();
        runtime = start();
        QCOMPARE(runtime->settings.providers(), providers);
        QCOMPARE(runtime->settings.assistants(), assistants);
        QCOMPARE(runtime->settings.general().appearance.theme, Theme::Dark);
        QVERIFY(runtime->settings.loadNotices().isEmpty());
    }

    void stopWritesWhatWasPosted()
    {
        {
            Runtime runtime(m_paths, m_service);
            for (int i = 1; i <= 20; ++i) {
                QCOMPARE(runtime.settings.saveProvider(
                             loopback(QStringLiteral("p%1").arg(i), QStringLiteral("P%1").arg(i))),
                         QString());
            }
            // No flush, no event loop: stop() itself lets the queued saves run.
            runtime.thread.stop();
        }
        QCOMPARE(loadProviders(m_paths.providersFile()).value.size(), 20);
    }

    void loadNoticesOfCorruptFiles()
    {
        QVERIFY(QDir().mkpath(m_paths.configDir));
        QFile file(m_paths.providersFile());
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{ this is not json");
        file.close();
        auto runtime = start();
        QCOMPARE(runtime->settings.loadNotices().size(), 1);
        QVERIFY(runtime->settings.loadNotices().front().contains(QStringLiteral("providers.json")));
        QVERIFY(runtime->settings.providers().isEmpty());
    }

    void toolSettersPersist()
    {
        auto runtime = start();
        Settings& settings = runtime->settings;
        QVERIFY(settings.mcpServers().isEmpty());
        QCOMPARE(settings.toolSettings(), ToolSettings());
        QSignalSpy serversChanged(&settings, &Settings::mcpServersChanged);
        QSignalSpy toolsChanged(&settings, &Settings::toolSettingsChanged);

        McpServerConfig everything;
        everything.name = QStringLiteral("everything");
        everything.command = QStringLiteral("npx");
        everything.args = {QStringLiteral("-y"),
                           QStringLiteral("@modelcontextprotocol/server-everything")};
        McpServerConfig files = everything;
        files.name = QStringLiteral("filesystem");
        files.env.insert(QStringLiteral("DEBUG"), QStringLiteral("1"));
        files.enabled = false;
        settings.setMcpServers({everything, files});
        QCOMPARE(serversChanged.size(), 1);          // at once
        settings.setMcpServers({everything, files}); // unchanged: no signal, no save
        QCOMPARE(serversChanged.size(), 1);

        ToolSettings tools;
        tools.maxSteps = 99; // clamped
        tools.callTimeoutSeconds = 30;
        tools.disabledTools.insert(QStringLiteral("everything/add"));
        tools.policies.insert(QStringLiteral("everything/sum"), ToolPolicy::Ask); // not kept
        settings.setToolSettings(tools);
        QCOMPARE(toolsChanged.size(), 1);
        QCOMPARE(settings.toolSettings().maxSteps, 50);
        QVERIFY(settings.toolSettings().policies.isEmpty());
        settings.setToolPolicy(QStringLiteral("everything/echo"), ToolPolicy::Allow);
        QCOMPARE(toolsChanged.size(), 2);
        QCOMPARE(settings.toolSettings().options().policyFor(QStringLiteral("everything/echo")),
                 ToolPolicy::Allow);
        settings.setToolPolicy(QStringLiteral("everything/echo"), ToolPolicy::Allow);
        QCOMPARE(toolsChanged.size(), 2);
        settings.setToolPolicy(QStringLiteral("keel/fetch_url"), ToolPolicy::Deny);
        settings.setToolPolicy(QStringLiteral("keel/fetch_url"), ToolPolicy::Ask); // back: removed
        QCOMPARE(toolsChanged.size(), 4);
        QVERIFY(!settings.toolSettings().policies.contains(QStringLiteral("keel/fetch_url")));

        QVERIFY(runtime->flush());
        QCOMPARE(loadMcpConfig(m_paths.mcpFile()).servers, settings.mcpServers());
        QCOMPARE(loadToolSettings(m_paths.toolsFile()).settings, settings.toolSettings());

        const ToolSettings expected = settings.toolSettings();
        runtime.reset();
        runtime = start();
        QCOMPARE(runtime->settings.mcpServers(), (QList<McpServerConfig>{everything, files}));
        QCOMPARE(runtime->settings.toolSettings(), expected);
        QVERIFY(runtime->settings.loadNotices().isEmpty());
        QVERIFY(runtime->settings.mcpConfigWarnings().isEmpty());
    }

    void toolFilesNoticesAndWarnings()
    {
        QVERIFY(QDir().mkpath(m_paths.configDir));
        QFile mcp(m_paths.mcpFile());
        QVERIFY(mcp.open(QIODevice::WriteOnly));
        mcp.write(R"({"mcpServers": {"remote": {"url": "https:\/\/example.com/mcp"},
                                     "ok": {"command": "uvx"}}})");
        mcp.close();
        QFile tools(m_paths.toolsFile());
        QVERIFY(tools.open(QIODevice::WriteOnly));
        tools.write("{ broken");
        tools.close();
        auto runtime = start();
        QCOMPARE(runtime->settings.loadNotices().size(), 1);
        QVERIFY(runtime->settings.loadNotices().front().contains(QStringLiteral("tools.json.bak")));
        QCOMPARE(runtime->settings.toolSettings(), ToolSettings());
        QCOMPARE(runtime->settings.mcpServers().size(), 1);
        QCOMPARE(runtime->settings.mcpConfigWarnings().size(), 1);

        QSignalSpy failed(&runtime->settings, &Settings::saveFailed);
        QVERIFY(QDir().mkpath(m_paths.toolsFile())); // a folder where the file goes
        runtime->settings.setToolPolicy(QStringLiteral("ok/x"), ToolPolicy::Deny);
        QVERIFY(failed.wait(kWaitMs));
        QVERIFY(failed.front().at(0).toString().startsWith(
            QStringLiteral("Could not save tools.json: ")));
    }

    void invalidProviderIsNotSaved()
    {
        auto runtime = start();
        QSignalSpy changed(&runtime->settings, &Settings::providersChanged);
        ProviderEntry unnamed = openAi();
        unnamed.name = QStringLiteral("  ");
        QVERIFY(runtime->settings.saveProvider(unnamed).startsWith(QStringLiteral("Name: ")));
        QVERIFY(runtime->settings.providers().isEmpty());
        QCOMPARE(changed.size(), 0);
    }

    void validateProvider_data()
    {
        QTest::addColumn<ProviderEntry>("entry");
        QTest::addColumn<QString>("error"); // the start of it; "" = valid

        const auto with = [](auto change) {
            ProviderEntry entry = openAi(QStringLiteral("new"), QStringLiteral("New"));
            change(entry);
            return entry;
        };
        QTest::newRow("valid") << with([](ProviderEntry&) {}) << QString();
        QTest::newRow("editing itself") << openAi() << QString();
        QTest::newRow("empty name") << with([](ProviderEntry& e) { e.name.clear(); }) << "Name: ";
        QTest::newRow("taken name")
            << with([](ProviderEntry& e) { e.name = QStringLiteral(" openAI "); }) << "Name: ";
        QTest::newRow("unknown kind")
            << with([](ProviderEntry& e) { e.kind = QStringLiteral("cohere"); }) << "Kind: ";
        QTest::newRow("empty URL: the default")
            << with([](ProviderEntry& e) { e.baseUrl.clear(); }) << QString();
        for (const char* url : {"ftp://example.com", "example.com/v1", "http://", "https:// x",
                                "https://user:secret@example.com/v1"}) {
            QTest::addRow("URL %s", url)
                << with([url](ProviderEntry& e) { e.baseUrl = QString::fromLatin1(url); })
                << "Base URL: ";
        }
        QTest::newRow("TLS off, remote")
            << with([](ProviderEntry& e) { e.verifyTls = false; }) << "TLS verification: ";
        QTest::newRow("TLS off, remote default URL") << with([](ProviderEntry& e) {
            e.verifyTls = false;
            e.baseUrl.clear();
        }) << "TLS verification: ";
        for (const char* url : {"https://127.0.0.1:8443/v1", "https://localhost:1234",
                                "https://[::1]:8443", "http://127.1.2.3"}) {
            QTest::addRow("TLS off, %s", url) << with([url](ProviderEntry& e) {
                e.verifyTls = false;
                e.baseUrl = QString::fromLatin1(url);
            }) << QString();
        }
        QTest::newRow("TLS off, local preset default") << with([](ProviderEntry& e) {
            e.verifyTls = false;
            e.presetId = QStringLiteral("lmstudio");
            e.baseUrl.clear();
        }) << QString();
        QTest::newRow("header without name") << with([](ProviderEntry& e) {
            e.extraHeaders = {{QStringLiteral(" "), QStringLiteral("x")}};
        }) << "Headers: ";
        QTest::newRow("header name with space") << with([](ProviderEntry& e) {
            e.extraHeaders = {{QStringLiteral("X Title"), QStringLiteral("x")}};
        }) << "Headers: ";
        QTest::newRow("header value with newline") << with([](ProviderEntry& e) {
            e.extraHeaders = {{QStringLiteral("X-Title"), QStringLiteral("a\r\nInjected: 1")}};
        }) << "Headers: ";
        QTest::newRow("good header") << with([](ProviderEntry& e) {
            e.extraHeaders = {{QStringLiteral("HTTP-Referer"), QStringLiteral("https://a.b/")}};
        }) << QString();
    }

    void validateProvider()
    {
        QFETCH(ProviderEntry, entry);
        QFETCH(QString, error);
        Settings settings(m_paths, nullptr, nullptr);
        QCOMPARE(settings.saveProvider(openAi()), QString());
        const QString actual = settings.validateProvider(entry);
        if (error.isEmpty())
            QCOMPARE(actual, QString());
        else
            QVERIFY2(actual.startsWith(error), qPrintable(actual));
    }

    void resolveSaysWhatIsMissing()
    {
        Settings settings(m_paths, nullptr, nullptr);
        QCOMPARE(settings.resolve({}).error,
                 QStringLiteral("No provider is set up yet. Add one in Settings \u25b8 Providers "
                                "(Ctrl+,)."));

        QCOMPARE(settings.saveProvider(openAi()), QString());
        Resolution resolution = settings.resolve({});
        QVERIFY(!resolution.chat);
        QCOMPARE(resolution.error, QStringLiteral("\u201cOpenAI\u201d has no API key yet. Enter "
                                                  "it in Settings \u25b8 Providers."));

        settings.setProviderKey(QStringLiteral("openai"), QStringLiteral("sk-test"));
        QVERIFY(settings.resolve({}).chat);

        ProviderEntry noModel = openAi();
        noModel.defaultModel.clear();
        QCOMPARE(settings.saveProvider(noModel), QString());
        QCOMPARE(settings.resolve({}).error,
                 QStringLiteral("Choose a model for \u201cOpenAI\u201d in the model picker or in "
                                "Settings \u25b8 Providers."));

        noModel.enabled = false;
        QCOMPARE(settings.saveProvider(noModel), QString());
        QVERIFY(!settings.resolve({}).error.isEmpty());
        QVERIFY(!settings.resolve({}).chat);
    }

    void resolveWithoutKeyForLocalServers()
    {
        Settings settings(m_paths, nullptr, nullptr);
        ProviderEntry ollama;
        ollama.id = QStringLiteral("ollama");
        ollama.name = QStringLiteral("Ollama");
        ollama.kind = QStringLiteral("ollama");
        ollama.baseUrl = QStringLiteral("http://192.0.2.1:11434"); // remote, still no key
        ollama.defaultModel = QStringLiteral("llama3.2");
        QCOMPARE(settings.saveProvider(ollama), QString());
        ProviderEntry studio = loopback(QStringLiteral("lmstudio"), QStringLiteral("LM Studio"),
                                        QStringLiteral("qwen"));
        studio.presetId = QStringLiteral("lmstudio");
        studio.baseUrl.clear(); // the preset's localhost URL
        QCOMPARE(settings.saveProvider(studio), QString());
        QCOMPARE(settings.saveProvider(loopback(QStringLiteral("local"), QStringLiteral("Local"),
                                                QStringLiteral("m"))),
                 QString());
        for (const char* id : {"ollama", "lmstudio", "local"}) {
            ConversationSettings conversation;
            conversation.model.providerId = QString::fromLatin1(id);
            const Resolution resolution = settings.resolve(conversation);
            QVERIFY2(resolution.chat, qPrintable(resolution.error));
            QCOMPARE(resolution.chat->provider.id, QString::fromLatin1(id));
            QVERIFY(resolution.chat->config.apiKey.isEmpty());
        }
    }

    void resolveUsesConversationThenDefaults()
    {
        Settings settings(m_paths, nullptr, nullptr);
        QCOMPARE(settings.saveProvider(
                     loopback(QStringLiteral("a"), QStringLiteral("A"), QStringLiteral("model-a"))),
                 QString());
        QCOMPARE(settings.saveProvider(openAi()), QString());
        settings.setProviderKey(QStringLiteral("openai"), QStringLiteral("sk-b"));

        GeneralSettings general = settings.general();
        general.defaultModel = {QStringLiteral("openai"), QStringLiteral("gpt-4o")};
        general.chatDefaults.systemPrompt = QStringLiteral("Be brief.");
        general.chatDefaults.temperature = 0.5;
        general.network.connectTimeoutMs = 3000;
        general.network.idleTimeoutMs = 0;
        settings.setGeneral(general);

        // No choice: the app's default model.
        Resolution resolution = settings.resolve({});
        QVERIFY(resolution.chat);
        QCOMPARE(resolution.chat->provider.id, QStringLiteral("openai"));
        QCOMPARE(resolution.chat->model, QStringLiteral("gpt-4o"));
        QCOMPARE(resolution.chat->config.apiKey, QStringLiteral("sk-b"));
        QCOMPARE(resolution.chat->config.maxTokensField, QStringLiteral("max_completion_tokens"));
        QCOMPARE(resolution.chat->parameters, general.chatDefaults);
        QCOMPARE(resolution.chat->connectTimeoutMs, 3000);
        QCOMPARE(resolution.chat->idleTimeoutMs, 0);

        // The conversation's choice and overrides.
        ConversationSettings conversation;
        conversation.model = {QStringLiteral("a"), QStringLiteral("model-x")};
        conversation.overrides.temperature = 1.0;
        conversation.overrides.stream = false;
        resolution = settings.resolve(conversation);
        QVERIFY(resolution.chat);
        QCOMPARE(resolution.chat->provider.id, QStringLiteral("a"));
        QCOMPARE(resolution.chat->model, QStringLiteral("model-x"));
        QCOMPARE(resolution.chat->parameters.temperature, std::optional<double>(1.0));
        QCOMPARE(resolution.chat->parameters.systemPrompt,
                 std::optional<QString>(QStringLiteral("Be brief.")));
        QCOMPARE(resolution.chat->parameters.stream, std::optional<bool>(false));

        // Its provider disabled, then removed: back to the default.
        ProviderEntry disabled = *settings.provider(QStringLiteral("a"));
        disabled.enabled = false;
        QCOMPARE(settings.saveProvider(disabled), QString());
        QCOMPARE(settings.resolve(conversation).chat->provider.id, QStringLiteral("openai"));
        settings.removeProvider(QStringLiteral("a"));
        QCOMPARE(settings.resolve(conversation).chat->model, QStringLiteral("gpt-4o"));

        // The default's provider gone too: the first enabled provider's default model.
        general.defaultModel = {QStringLiteral("gone"), QStringLiteral("x")};
        settings.setGeneral(general);
        QCOMPARE(settings.defaultModel(),
                 (ModelRef{QStringLiteral("openai"), QStringLiteral("gpt-4o-mini")}));
        QCOMPARE(settings.resolve(conversation).chat->model, QStringLiteral("gpt-4o-mini"));
    }

    void resolveWhileTheKeyIsBeingRead()
    {
        auto runtime = start();
        QCOMPARE(runtime->settings.saveProvider(openAi()), QString());
        QVERIFY(setKey(*runtime, QStringLiteral("openai"), QStringLiteral("sk-stored-key")));
        QVERIFY(runtime->settings.provider(QStringLiteral("openai"))->hasKey);
        QVERIFY(runtime->flush());
        runtime.reset();

        runtime = std::make_unique<Runtime>(m_paths, m_service);
        Settings& settings = runtime->settings;
        QSignalSpy loaded(&settings, &Settings::keyLoaded);
        QVERIFY(settings.isKeyPending(QStringLiteral("openai")));
        QCOMPARE(settings.resolve({}).error,
                 QStringLiteral("The API key of \u201cOpenAI\u201d is still being read from the "
                                "keychain. Try again in a moment."));
        QTRY_VERIFY_WITH_TIMEOUT(!settings.isKeyPending(QStringLiteral("openai")), kWaitMs);
        QCOMPARE(loaded.size(), 1);
        QCOMPARE(loaded.front().at(0).toString(), QStringLiteral("openai"));
        QCOMPARE(loaded.front().at(1).toString(), QString());
        const Resolution resolution = settings.resolve({});
        QVERIFY2(resolution.chat, qPrintable(resolution.error));
        QCOMPARE(resolution.chat->config.apiKey, QStringLiteral("sk-stored-key"));
    }

    void keysNeverReachProfileFiles()
    {
        auto runtime = start();
        Settings& settings = runtime->settings;
        QCOMPARE(settings.saveProvider(openAi()), QString());
        const QString key = QStringLiteral("sk-never-on-disk-7f3a9c");
        QVERIFY(setKey(*runtime, QStringLiteral("openai"), key));
        QVERIFY(settings.provider(QStringLiteral("openai"))->hasKey);
        settings.setProxyPassword(QStringLiteral("proxy-pass-55e1"));
        QSignalSpy proxySaved(&settings, &Settings::proxyPasswordSaved);
        QVERIFY(proxySaved.wait(kWaitMs));
        QCOMPARE(proxySaved.front().at(0).toString(), QString());
        QVERIFY(settings.general().network.hasProxyPassword);
        QVERIFY(runtime->flush());

        QCOMPARE(filesContaining(m_dir->path(), key.toUtf8(), {m_paths.secretFile()}),
                 QStringList());
        QCOMPARE(filesContaining(m_dir->path(), "proxy-pass-55e1", {m_paths.secretFile()}),
                 QStringList());
        QVERIFY(loadProviders(m_paths.providersFile()).value.front().hasKey);
        QVERIFY(loadGeneralSettings(m_paths.settingsFile()).value.network.hasProxyPassword);
    }

    void emptyKeyRemovesIt()
    {
        auto runtime = start();
        QCOMPARE(runtime->settings.saveProvider(openAi()), QString());
        QVERIFY(setKey(*runtime, QStringLiteral("openai"), QStringLiteral("sk-1")));
        QVERIFY(setKey(*runtime, QStringLiteral("openai"), QString()));
        QVERIFY(!runtime->settings.provider(QStringLiteral("openai"))->hasKey);
        QString value;
        const auto error = runtime->readSecret(apiKeySecretName(QStringLiteral("openai")), &value);
        QVERIFY(error);
        QCOMPARE(error->kind, SecretError::Kind::NotFound);
        QVERIFY(!runtime->settings.resolve({}).chat);
    }

    void removeProviderRemovesItsKey()
    {
        auto runtime = start();
        Settings& settings = runtime->settings;
        QCOMPARE(settings.saveProvider(openAi()), QString());
        QCOMPARE(settings.saveProvider(openAi(QStringLiteral("other"), QStringLiteral("Other"))),
                 QString());
        QVERIFY(setKey(*runtime, QStringLiteral("openai"), QStringLiteral("sk-remove-me")));
        QVERIFY(setKey(*runtime, QStringLiteral("other"), QStringLiteral("sk-keep-me")));
        QString value;
        auto error = runtime->readSecret(apiKeySecretName(QStringLiteral("openai")), &value);
        QVERIFY(error && error->ok());
        QCOMPARE(value, QStringLiteral("sk-remove-me"));

        QSignalSpy changed(&settings, &Settings::providersChanged);
        settings.removeProvider(QStringLiteral("openai"));
        QCOMPARE(changed.size(), 1);
        QVERIFY(!settings.provider(QStringLiteral("openai")));
        QVERIFY(runtime->flush());
        error = runtime->readSecret(apiKeySecretName(QStringLiteral("openai")), &value);
        QVERIFY(error);
        QCOMPARE(error->kind, SecretError::Kind::NotFound);
        error = runtime->readSecret(apiKeySecretName(QStringLiteral("other")), &value);
        QVERIFY(error && error->ok());
        QCOMPARE(value, QStringLiteral("sk-keep-me"));
        QCOMPARE(loadProviders(m_paths.providersFile()).value.size(), 1);
    }

    void transientProviderIsNeverSaved()
    {
        auto runtime = start();
        Settings& settings = runtime->settings;
        QSignalSpy changed(&settings, &Settings::providersChanged);
        ProviderEntry cli = openAi(QStringLiteral("openai"), QStringLiteral("Command line"));
        QCOMPARE(settings.saveProvider(openAi()), QString());
        settings.addTransientProvider(cli, QStringLiteral("sk-transient-91b2"));
        QCOMPARE(changed.size(), 2);
        QCOMPARE(settings.providers().size(), 2);
        const ProviderEntry transient = settings.providers().back();
        QVERIFY(transient.id != QStringLiteral("openai")); // never replaces a saved one
        QVERIFY(settings.isTransient(transient.id));
        QVERIFY(!settings.isTransient(QStringLiteral("openai")));
        QCOMPARE(settings.modelChoices().size(), 2); // the picker shows it

        ConversationSettings conversation;
        conversation.model = {transient.id, QStringLiteral("gpt-4o")};
        const Resolution resolution = settings.resolve(conversation);
        QVERIFY2(resolution.chat, qPrintable(resolution.error));
        QCOMPARE(resolution.chat->config.apiKey, QStringLiteral("sk-transient-91b2"));

        // Edits of saved providers save the list without it.
        ProviderEntry edited = openAi();
        edited.defaultModel = QStringLiteral("gpt-4.1");
        QCOMPARE(settings.saveProvider(edited), QString());
        QVERIFY(runtime->flush());
        const QList<ProviderEntry> saved = loadProviders(m_paths.providersFile()).value;
        QCOMPARE(saved.size(), 1);
        QCOMPARE(saved.front().id, QStringLiteral("openai"));
        QCOMPARE(filesContaining(m_dir->path(), "sk-transient-91b2"), QStringList());
        QCOMPARE(filesContaining(m_dir->path(), transient.id.toUtf8()), QStringList());

        settings.removeProvider(transient.id);
        QCOMPARE(settings.providers().size(), 1);
    }

    void keyRefusedWithoutAnyBackend()
    {
        GeneralSettings general;
        general.secretFileAllowed = false;
        QCOMPARE(saveGeneralSettings(m_paths.settingsFile(), general), QString());
        auto runtime = start();
        Settings& settings = runtime->settings;
        if (settings.secretBackend() != SecretBackend::Unavailable)
            QSKIP("a keychain answered: nothing to refuse");
        QVERIFY(!settings.secretBackendDetail().isEmpty());
        QCOMPARE(settings.saveProvider(openAi()), QString());
        QSignalSpy saved(&settings, &Settings::keySaved);
        settings.setProviderKey(QStringLiteral("openai"), QStringLiteral("sk-nowhere"));
        QVERIFY(saved.wait(kWaitMs));
        QVERIFY(!saved.front().at(1).toString().isEmpty());
        QVERIFY(!settings.provider(QStringLiteral("openai"))->hasKey);

        // Opting in to the file makes keys storable.
        QSignalSpy backend(&settings, &Settings::secretBackendChanged);
        settings.setSecretFileAllowed(true);
        QTRY_COMPARE_WITH_TIMEOUT(settings.secretBackend(), SecretBackend::File, kWaitMs);
        QVERIFY(setKey(*runtime, QStringLiteral("openai"), QStringLiteral("sk-in-file")));
        QVERIFY(settings.provider(QStringLiteral("openai"))->hasKey);
    }

    void saveFailureIsReported()
    {
        auto runtime = start();
        QVERIFY(QDir().mkpath(m_paths.providersFile())); // a folder where the file goes
        QSignalSpy failed(&runtime->settings, &Settings::saveFailed);
        QCOMPARE(runtime->settings.saveProvider(openAi()), QString());
        QVERIFY(failed.wait(kWaitMs));
        QVERIFY(failed.front().at(0).toString().startsWith(
            QStringLiteral("Could not save providers.json: ")));
        QCOMPARE(runtime->settings.providers().size(), 1); // memory keeps the edit
    }

    void assistants()
    {
        Settings settings(m_paths, nullptr, nullptr);
        settings.load(); // no files: the built-in assistants
        QCOMPARE(settings.assistants(), builtInAssistants());
        const QString first = settings.assistants().front().id;
        const int count = int(settings.assistants().size());

        const Assistant copy = settings.duplicateAssistant(first);
        QCOMPARE(copy.name, settings.assistants().front().name + QStringLiteral(" (copy)"));
        QVERIFY(copy.id != first);
        QCOMPARE(settings.assistants().at(1).id, copy.id); // next to its original
        QCOMPARE(settings.assistants().size(), count + 1);
        QCOMPARE(settings.duplicateAssistant(first).name,
                 settings.assistants().front().name + QStringLiteral(" (copy 2)"));

        Assistant edited = copy;
        edited.model = {QStringLiteral("openai"), QStringLiteral("gpt-4o")};
        edited.parameters.temperature = 0.1;
        QCOMPARE(settings.saveAssistant(edited), edited);
        const ConversationSettings conversation = settings.conversationFromAssistant(copy.id);
        QCOMPARE(conversation.assistantId, copy.id);
        QCOMPARE(conversation.model, edited.model);
        QCOMPARE(conversation.overrides, edited.parameters);
        QVERIFY(settings.conversationFromAssistant(QStringLiteral("nope")).isEmpty());

        settings.removeAssistant(copy.id);
        QVERIFY(!settings.assistant(copy.id));
        QCOMPARE(settings.assistants().size(), count + 1);
    }

    void modelChoicesAndDefault()
    {
        Settings settings(m_paths, nullptr, nullptr);
        QVERIFY(settings.defaultModel().isEmpty());
        ProviderEntry a = loopback(QStringLiteral("a"), QStringLiteral("A"));
        ModelEntry m1;
        m1.id = QStringLiteral("m1");
        m1.displayName = QStringLiteral("Model One");
        ModelEntry m2;
        m2.id = QStringLiteral("m2");
        m2.enabled = false;
        ModelEntry m3;
        m3.id = QStringLiteral("m3");
        a.models = {m1, m2, m3};
        ProviderEntry b = openAi();
        ProviderEntry c = loopback(QStringLiteral("c"), QStringLiteral("C"), QStringLiteral("x"));
        c.enabled = false;
        QCOMPARE(settings.saveProvider(a), QString());
        QCOMPARE(settings.saveProvider(b), QString());
        QCOMPARE(settings.saveProvider(c), QString());

        const auto choices = settings.modelChoices();
        QCOMPARE(choices.size(), 3);
        QCOMPARE(choices.at(0).ref, (ModelRef{QStringLiteral("a"), QStringLiteral("m1")}));
        QCOMPARE(choices.at(0).modelName, QStringLiteral("Model One"));
        QCOMPARE(choices.at(0).providerName, QStringLiteral("A"));
        QCOMPARE(choices.at(1).ref.model, QStringLiteral("m3"));
        QCOMPARE(choices.at(2).ref, (ModelRef{QStringLiteral("openai"), b.defaultModel}));
        QCOMPARE(settings.defaultModel(), (ModelRef{QStringLiteral("a"), QStringLiteral("m1")}));
    }

    void requestConfigCarriesKeyAndProxy()
    {
        Settings settings(m_paths, nullptr, nullptr);
        QCOMPARE(settings.saveProvider(openAi()), QString());
        settings.setProviderKey(QStringLiteral("openai"), QStringLiteral("sk-stored"));
        GeneralSettings general = settings.general();
        general.network.proxyMode = ProxyConfig::Mode::Manual;
        general.network.proxyUrl = QStringLiteral("http://127.0.0.1:3128");
        general.network.proxyUser = QStringLiteral("me");
        settings.setGeneral(general);
        settings.setProxyPassword(QStringLiteral("pw"));

        const ProviderEntry entry = *settings.provider(QStringLiteral("openai"));
        ProviderConfig config = settings.requestConfig(entry);
        QCOMPARE(config.apiKey, QStringLiteral("sk-stored"));
        QVERIFY(config.apiKeySource.contains(QStringLiteral("OpenAI")));
        QCOMPARE(config.proxy.mode, ProxyConfig::Mode::Manual);
        QCOMPARE(config.proxy.url, general.network.proxyUrl);
        QCOMPARE(config.proxy.user, QStringLiteral("me"));
        QCOMPARE(config.proxy.password, QStringLiteral("pw"));
        // The dialog tests a typed key before saving it.
        QCOMPARE(settings.requestConfig(entry, QStringLiteral("sk-typed")).apiKey,
                 QStringLiteral("sk-typed"));

        general.network.proxyMode = ProxyConfig::Mode::None;
        settings.setGeneral(general);
        config = settings.requestConfig(entry);
        QCOMPARE(config.proxy.mode, ProxyConfig::Mode::None);
        QVERIFY(config.proxy.password.isEmpty());
    }
};

QTEST_GUILESS_MAIN(SettingsTest)
#include "SettingsTest.moc"
