// FirstRunTest: providers detected from the environment (which variables, in which order, with
// which URL), never duplicating a configured preset, always with unique ids and names; and
// the entries made from presets and for custom servers.
#include "settings/FirstRun.h"

#include "settings/Settings.h"

#include <QProcessEnvironment>
#include <QSet>
#include <QTest>

using namespace keel::core;

namespace {

QProcessEnvironment environment(const QList<QPair<QString, QString>>& variables)
{
    QProcessEnvironment env; // empty: nothing of the test runner's own environment
    for (const auto& [name, value] : variables)
        env.insert(name, value);
    return env;
}

QStringList presetsOf(const QList<DetectedProvider>& detected)
{
    QStringList presets;
    for (const DetectedProvider& d : detected)
        presets << d.entry.presetId;
    return presets;
}

} // namespace

class FirstRunTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void nothingFoundInAnEmptyEnvironment()
    {
        QVERIFY(detectProviders(QProcessEnvironment(), {}).isEmpty());
        // Blank values are not keys.
        QVERIFY(detectProviders(environment({{"OPENAI_API_KEY", "  "}, {"OLLAMA_HOST", ""}}), {})
                    .isEmpty());
    }

    void keysFromTheUsualVariables()
    {
        const auto detected = detectProviders(environment({{"DEEPSEEK_API_KEY", "sk-deep"},
                                                           {"ANTHROPIC_API_KEY", "sk-ant\n"},
                                                           {"OPENROUTER_API_KEY", "sk-or"},
                                                           {"OPENAI_API_KEY", "sk-open"}}),
                                              {});
        // In preset order, whatever the order of the environment.
        QCOMPARE(presetsOf(detected),
                 (QStringList{"openai", "anthropic", "openrouter", "deepseek"}));
        const DetectedProvider& openAi = detected.at(0);
        QCOMPARE(openAi.entry.id, QStringLiteral("openai"));
        QCOMPARE(openAi.entry.name, QStringLiteral("OpenAI"));
        QCOMPARE(openAi.entry.kind, QStringLiteral("openai"));
        QCOMPARE(openAi.entry.baseUrl, QStringLiteral("https://api.openai.com/v1"));
        QCOMPARE(openAi.entry.defaultModel, QStringLiteral("gpt-4o-mini"));
        QCOMPARE(openAi.entry.hasKey, true);
        QCOMPARE(openAi.apiKey, QStringLiteral("sk-open"));
        QCOMPARE(openAi.source, QStringLiteral("OPENAI_API_KEY"));
        QCOMPARE(detected.at(1).apiKey, QStringLiteral("sk-ant")); // trimmed
        QCOMPARE(detected.at(1).entry.kind, QStringLiteral("anthropic"));
        QCOMPARE(detected.at(1).entry.defaultModel, QStringLiteral("claude-sonnet-4-5"));
        QCOMPARE(detected.at(2).entry.defaultModel, QStringLiteral("openai/gpt-4o-mini"));
        QCOMPARE(detected.at(3).entry.defaultModel, QStringLiteral("deepseek-chat"));
    }

    void geminiFromEitherVariable()
    {
        auto detected = detectProviders(environment({{"GOOGLE_API_KEY", "g-1"}}), {});
        QCOMPARE(detected.size(), 1);
        QCOMPARE(detected.front().entry.presetId, QStringLiteral("gemini"));
        QCOMPARE(detected.front().source, QStringLiteral("GOOGLE_API_KEY"));
        QCOMPARE(detected.front().entry.defaultModel, QStringLiteral("gemini-2.5-flash"));

        detected = detectProviders(
            environment({{"GOOGLE_API_KEY", "g-1"}, {"GEMINI_API_KEY", "g-2"}}), {});
        QCOMPARE(detected.size(), 1); // one provider, not two
        QCOMPARE(detected.front().apiKey, QStringLiteral("g-2"));
        QCOMPARE(detected.front().source, QStringLiteral("GEMINI_API_KEY"));
    }

    void ollamaFromItsHost_data()
    {
        QTest::addColumn<QString>("host");
        QTest::addColumn<QString>("baseUrl");
        QTest::newRow("host and port") << "127.0.0.1:11500"
                                       << "http://127.0.0.1:11500";
        QTest::newRow("host only") << "localhost"
                                   << "http://localhost:11434";
        QTest::newRow("url") << "https://ollama.example.com/"
                             << "https://ollama.example.com";
        QTest::newRow("url with port") << "http://127.0.0.1:9000"
                                       << "http://127.0.0.1:9000";
        QTest::newRow("ipv6") << "[::1]:11434"
                              << "http://[::1]:11434";
    }

    void ollamaFromItsHost()
    {
        QFETCH(QString, host);
        QFETCH(QString, baseUrl);
        const auto detected = detectProviders(environment({{"OLLAMA_HOST", host}}), {});
        QCOMPARE(detected.size(), 1);
        const DetectedProvider& ollama = detected.front();
        QCOMPARE(ollama.entry.kind, QStringLiteral("ollama"));
        QCOMPARE(ollama.entry.baseUrl, baseUrl);
        QCOMPARE(ollama.entry.hasKey, false);
        QVERIFY(ollama.apiKey.isEmpty());
        QCOMPARE(ollama.source, QStringLiteral("OLLAMA_HOST"));
        QCOMPARE(ollama.entry.defaultModel, QStringLiteral("llama3.2"));
    }

    void openAiBaseUrlHonoured()
    {
        const auto detected =
            detectProviders(environment({{"OPENAI_API_KEY", "sk"},
                                         {"OPENAI_BASE_URL", "http://127.0.0.1:8080/v1"}}),
                            {});
        QCOMPARE(detected.size(), 1);
        QCOMPARE(detected.front().entry.baseUrl, QStringLiteral("http://127.0.0.1:8080/v1"));
        // Only the OpenAI entry takes it.
        const auto other = detectProviders(
            environment({{"DEEPSEEK_API_KEY", "sk"}, {"OPENAI_BASE_URL", "http://127.0.0.1:1/v1"}}),
            {});
        QCOMPARE(other.front().entry.baseUrl, QStringLiteral("https://api.deepseek.com/v1"));
    }

    void configuredPresetNotDuplicated()
    {
        ProviderEntry mine = providerFromPreset(QStringLiteral("openai"), {});
        mine.name = QStringLiteral("My OpenAI");
        // A custom entry that happens to take the ids and names detection would use.
        ProviderEntry custom = customProvider(QStringLiteral("anthropic"), {mine});
        custom.id = QStringLiteral("anthropic");
        custom.name = QStringLiteral("Anthropic");
        const QList<ProviderEntry> existing = {mine, custom};

        const auto detected = detectProviders(
            environment({{"OPENAI_API_KEY", "sk-1"}, {"ANTHROPIC_API_KEY", "sk-2"}}), existing);
        QCOMPARE(presetsOf(detected), QStringList{QStringLiteral("anthropic")});
        QCOMPARE(detected.front().entry.id, QStringLiteral("anthropic-2"));
        QCOMPARE(detected.front().entry.name, QStringLiteral("Anthropic 2"));
    }

    void idsAndNamesUniqueAndValid()
    {
        const auto detected = detectProviders(environment({{"OPENAI_API_KEY", "a"},
                                                           {"ANTHROPIC_API_KEY", "b"},
                                                           {"GEMINI_API_KEY", "c"},
                                                           {"OPENROUTER_API_KEY", "d"},
                                                           {"DEEPSEEK_API_KEY", "e"},
                                                           {"OLLAMA_HOST", "127.0.0.1"}}),
                                              {});
        QCOMPARE(detected.size(), 6);
        QSet<QString> ids;
        QSet<QString> names;
        Settings settings(SettingsPaths{}, nullptr, nullptr);
        for (const DetectedProvider& d : detected) {
            ids.insert(d.entry.id.toLower());
            names.insert(d.entry.name.toLower());
            // Each one is an entry the settings accept as it is.
            QCOMPARE(settings.validateProvider(d.entry), QString());
            QCOMPARE(settings.saveProvider(d.entry), QString());
        }
        QCOMPARE(ids.size(), detected.size());
        QCOMPARE(names.size(), detected.size());
    }

    void providerFromPresetMakesUniqueEntries()
    {
        QVERIFY(providerFromPreset(QStringLiteral("no-such-preset"), {}).id.isEmpty());

        const ProviderEntry first = providerFromPreset(QStringLiteral("groq"), {});
        QCOMPARE(first.id, QStringLiteral("groq"));
        QCOMPARE(first.name, QStringLiteral("Groq"));
        QCOMPARE(first.presetId, QStringLiteral("groq"));
        QCOMPARE(first.defaultModel, QStringLiteral("llama-3.3-70b-versatile"));
        QCOMPARE(first.models.size(), 1);
        QCOMPARE(first.models.front().id, first.defaultModel);
        QCOMPARE(first.hasKey, false);

        const ProviderEntry second = providerFromPreset(QStringLiteral("groq"), {first});
        QCOMPARE(second.id, QStringLiteral("groq-2"));
        QCOMPARE(second.name, QStringLiteral("Groq 2"));
        const ProviderEntry third = providerFromPreset(QStringLiteral("groq"), {first, second});
        QCOMPARE(third.id, QStringLiteral("groq-3"));
        QCOMPARE(third.name, QStringLiteral("Groq 3"));

        // A preset without a sensible default leaves the model to the user.
        const ProviderEntry local = providerFromPreset(QStringLiteral("lmstudio"), {});
        QVERIFY(local.defaultModel.isEmpty());
        QVERIFY(local.models.isEmpty());
    }

    void customProviders()
    {
        const ProviderEntry first = customProvider(QStringLiteral("openai"), {});
        QCOMPARE(first.id, QStringLiteral("custom"));
        QCOMPARE(first.kind, QStringLiteral("openai"));
        QCOMPARE(first.baseUrl, QStringLiteral("https://api.openai.com/v1"));
        QVERIFY(first.presetId.isEmpty());
        const ProviderEntry second = customProvider(QStringLiteral("ollama"), {first});
        QCOMPARE(second.id, QStringLiteral("custom-2"));
        QVERIFY(second.name != first.name);
        QCOMPARE(second.baseUrl, QStringLiteral("http://localhost:11434"));
        QVERIFY(customProvider(QStringLiteral("telnet"), {}).id.isEmpty());
    }

    void suggestedModels()
    {
        QCOMPARE(suggestedModel(QStringLiteral("openai")), QStringLiteral("gpt-4o-mini"));
        QCOMPARE(suggestedModel(QStringLiteral("mistral")), QStringLiteral("mistral-small-latest"));
        QCOMPARE(suggestedModel(QStringLiteral("xai")), QStringLiteral("grok-3-mini"));
        QCOMPARE(suggestedModel(QStringLiteral("ollama")), QStringLiteral("llama3.2"));
        QCOMPARE(suggestedModel(QStringLiteral("vllm")), QString());
        QCOMPARE(suggestedModel(QString()), QString());
    }
};

QTEST_GUILESS_MAIN(FirstRunTest)
#include "FirstRunTest.moc"
