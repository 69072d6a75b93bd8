// SettingsTypesTest: the value logic of the configuration types: how chat parameters override
// and differ from each other, and the request config a provider entry makes (the preset's quirks,
// its own URL and headers, never a key).
#include "settings/SettingsTypes.h"

#include <QTest>

using namespace keel::core;

class SettingsTypesTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void chatParameters()
    {
        const ChatParameters defaults = ChatParameters::builtInDefaults();
        QCOMPARE(defaults.systemPrompt, std::optional<QString>(QString()));
        QVERIFY(!defaults.temperature && !defaults.topP && !defaults.maxTokens);
        QCOMPARE(defaults.reasoningEffort, std::optional<QString>(QString()));
        QCOMPARE(defaults.thinkingBudgetTokens, std::optional<int>(0));
        QCOMPARE(defaults.stream, std::optional<bool>(true));
        QVERIFY(!defaults.isEmpty());
        QVERIFY(ChatParameters{}.isEmpty());

        ChatParameters overrides;
        overrides.systemPrompt = QStringLiteral("Pirate.");
        overrides.temperature = 0.9;
        overrides.stream = true; // the same as the default
        overrides.maxTokens = 100;
        const ChatParameters effective = defaults.overriddenBy(overrides);
        QCOMPARE(effective.systemPrompt, overrides.systemPrompt);
        QCOMPARE(effective.temperature, overrides.temperature);
        QCOMPARE(effective.stream, std::optional<bool>(true));
        QCOMPARE(effective.thinkingBudgetTokens, std::optional<int>(0));
        QCOMPARE(effective.topP, std::nullopt);

        QCOMPARE(overrides.differencesFrom(defaults),
                 (QStringList{"System prompt", "Temperature", "Max output tokens"}));
        ChatParameters expected;
        expected.systemPrompt = overrides.systemPrompt;
        expected.temperature = 0.9;
        expected.maxTokens = 100;
        QCOMPARE(overrides.minus(defaults), expected);
        QCOMPARE(defaults.minus(defaults), ChatParameters{});
        QVERIFY(defaults.differencesFrom(defaults).isEmpty());

        ChatParameters all;
        all.topP = 0.5;
        all.reasoningEffort = QStringLiteral("high");
        all.thinkingBudgetTokens = 2000;
        all.stream = false;
        QCOMPARE(all.differencesFrom(defaults),
                 (QStringList{"Top-p", "Reasoning effort", "Thinking budget", "Streaming"}));
    }

    void providerEntryConfig()
    {
        ProviderEntry entry;
        entry.id = QStringLiteral("mistral");
        entry.name = QStringLiteral("Mistral");
        entry.kind = QStringLiteral("openai");
        entry.presetId = QStringLiteral("mistral");
        entry.baseUrl.clear();
        entry.extraHeaders = {{QStringLiteral("X-Title"), QStringLiteral("Keel \u00e9")}};
        entry.verifyTls = false;
        ProviderConfig config = entry.config();
        QCOMPARE(config.kind, QStringLiteral("openai"));
        QCOMPARE(config.baseUrl, QString()); // the provider's default applies
        QCOMPARE(config.sendStreamOptions, false);
        QCOMPARE(config.reasoningStyle, QString());
        QCOMPARE(config.extraHeaders.size(), 1);
        QCOMPARE(config.extraHeaders.front().first, QByteArray("X-Title"));
        QCOMPARE(config.extraHeaders.front().second, QStringLiteral("Keel \u00e9").toUtf8());
        QCOMPARE(config.verifyTls, false);
        QVERIFY(config.apiKey.isEmpty());

        entry.presetId.clear(); // custom: ProviderConfig's defaults
        config = entry.config();
        QCOMPARE(config.sendStreamOptions, ProviderConfig{}.sendStreamOptions);
        QCOMPARE(config.maxTokensField, ProviderConfig{}.maxTokensField);
        QCOMPARE(config.reasoningStyle, ProviderConfig{}.reasoningStyle);

        ProviderEntry models;
        QVERIFY(models.enabledModels().isEmpty());
        QVERIFY(models.effectiveDefaultModel().isEmpty());
        models.defaultModel = QStringLiteral("only");
        QCOMPARE(models.enabledModels().size(), 1); // nothing fetched yet: the default alone
        QCOMPARE(models.enabledModels().front().id, QStringLiteral("only"));
        ModelEntry off;
        off.id = QStringLiteral("off");
        off.enabled = false;
        ModelEntry on;
        on.id = QStringLiteral("on");
        models.models = {off, on};
        models.defaultModel.clear();
        QCOMPARE(models.enabledModels().size(), 1);
        QCOMPARE(models.effectiveDefaultModel(), QStringLiteral("on"));
    }
};

QTEST_GUILESS_MAIN(SettingsTypesTest)
#include "SettingsTypesTest.moc"
