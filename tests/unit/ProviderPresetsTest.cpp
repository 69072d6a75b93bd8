// ProviderPresetsTest: every preset is usable as it stands, and its quirks change the request
// the OpenAI-compatible builder sends.
#include "providers/ProviderPresets.h"

#include "providers/OpenAiProvider.h"
#include "providers/Provider.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTest>
#include <QUrl>

using namespace keel::core;

namespace {

QJsonObject bodyFor(const ProviderConfig& config, const TurnRequest& base = {})
{
    TurnRequest request = base;
    request.provider = config;
    request.model = QStringLiteral("m");
    request.messages = {{Role::User, QStringLiteral("hi")}};
    return QJsonDocument::fromJson(OpenAiProvider().buildRequest(request).body).object();
}

} // namespace

class ProviderPresetsTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void everyPresetIsComplete()
    {
        QSet<QString> ids;
        for (const ProviderPreset& preset : providerPresets()) {
            QVERIFY2(!ids.contains(preset.id), qPrintable(preset.id));
            ids.insert(preset.id);
            QVERIFY(!preset.name.isEmpty());
            QVERIFY2(providerKinds().contains(preset.kind), qPrintable(preset.id));
            QVERIFY(createProvider(preset.kind) != nullptr);
            const QUrl url(preset.baseUrl);
            QVERIFY2(url.isValid() && (url.scheme() == QStringLiteral("https") || preset.local),
                     qPrintable(preset.id));                    // remote services only over TLS
            QCOMPARE(preset.apiKeyEnv.isEmpty(), preset.local); // local servers need no key
            const ProviderConfig config = preset.config();
            QCOMPARE(config.kind, preset.kind);
            QCOMPARE(config.baseUrl, preset.baseUrl);
            QVERIFY(config.apiKey.isEmpty()); // a preset never carries a key
        }
        for (const char* id :
             {"openai", "anthropic", "gemini", "ollama", "openrouter", "deepseek", "groq",
              "mistral", "xai", "together", "lmstudio", "llamacpp", "vllm", "ollama-openai"})
            QVERIFY2(ids.contains(QString::fromLatin1(id)), id);
        QCOMPARE(findPreset(QStringLiteral("LMStudio"))->baseUrl,
                 QStringLiteral("http://localhost:1234/v1"));
        QVERIFY(!findPreset(QStringLiteral("nope")));
    }

    void quirksShapeTheRequest()
    {
        TurnRequest request;
        request.maxTokens = 100;
        request.reasoningEffort = QStringLiteral("high");

        const QJsonObject openAi = bodyFor(findPreset(QStringLiteral("openai"))->config(), request);
        QCOMPARE(openAi.value(QStringLiteral("max_completion_tokens")).toInt(), 100);
        QVERIFY(!openAi.contains(QStringLiteral("max_tokens")));
        QCOMPARE(openAi.value(QStringLiteral("reasoning_effort")).toString(),
                 QStringLiteral("high"));
        QVERIFY(openAi.contains(QStringLiteral("stream_options")));

        const QJsonObject router =
            bodyFor(findPreset(QStringLiteral("openrouter"))->config(), request);
        QCOMPARE(router.value(QStringLiteral("reasoning"))
                     .toObject()
                     .value(QStringLiteral("effort"))
                     .toString(),
                 QStringLiteral("high"));
        QVERIFY(!router.contains(QStringLiteral("reasoning_effort")));
        QCOMPARE(router.value(QStringLiteral("max_tokens")).toInt(), 100);

        const QJsonObject mistral =
            bodyFor(findPreset(QStringLiteral("mistral"))->config(), request);
        QVERIFY(!mistral.contains(QStringLiteral("stream_options")));
        QVERIFY(!mistral.contains(QStringLiteral("reasoning_effort")));

        const QJsonObject local =
            bodyFor(findPreset(QStringLiteral("llamacpp"))->config(), request);
        QVERIFY(!local.contains(QStringLiteral("reasoning_effort")));
        QVERIFY(!local.contains(QStringLiteral("reasoning")));
    }
};

QTEST_GUILESS_MAIN(ProviderPresetsTest)
#include "ProviderPresetsTest.moc"
