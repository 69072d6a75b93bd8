// ProviderSetup: first-run detection and this run's command-line provider and overrides.
#include "ProviderSetup.h"

#include "Engine.h"
#include "settings/FirstRun.h"
#include "settings/Settings.h"

#include <QProcessEnvironment>
#include <QUuid>

#include <algorithm>
#include <cstdio>

namespace keel::app {

ProviderSetup::ProviderSetup(const AppOptions& options, core::Settings& settings, QObject* parent)
    : QObject(parent)
    , m_options(options)
    , m_settings(settings)
{
}

void ProviderSetup::applyCommandLine()
{
    core::Settings& settings = m_settings;
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    if (!settings.general().firstRunDone) {
        // The first run: the providers the user already has keys for become configured ones.
        for (const core::DetectedProvider& found :
             core::detectProviders(env, settings.providers())) {
            if (!settings.saveProvider(found.entry).isEmpty())
                continue;
            if (!found.apiKey.isEmpty())
                settings.setProviderKey(found.entry.id, found.apiKey);
        }
    }

    core::SessionOverrides session;
    if (m_options.providerFromCommandLine) {
        // --base-url, --preset ...: an ad-hoc provider for this run, not saved.
        core::ProviderEntry entry;
        entry.id = QStringLiteral("command-line");
        entry.name = tr("Command line");
        entry.kind = m_options.provider.kind;
        entry.baseUrl = m_options.provider.baseUrl;
        entry.verifyTls = m_options.provider.verifyTls;
        for (const auto& [name, value] : m_options.provider.extraHeaders)
            entry.extraHeaders.append({QString::fromUtf8(name), QString::fromUtf8(value)});
        entry.presetId = m_options.preset;
        entry.defaultModel =
            m_options.model.isEmpty() ? defaultModel(m_options.provider.kind) : m_options.model;
        entry.models = {core::ModelEntry{entry.defaultModel, {}, true, -1}};
        entry.hasKey = !m_options.provider.apiKey.isEmpty();
        settings.addTransientProvider(entry, m_options.provider.apiKey);
        session.defaultModel = {entry.id, entry.defaultModel};
    } else if (!m_options.providerName.isEmpty()) {
        if (const auto entry = settings.providerByName(m_options.providerName)) {
            const QString model =
                m_options.modelFromCommandLine ? m_options.model : entry->effectiveDefaultModel();
            session.defaultModel = {entry->id, model};
        } else {
            std::fprintf(stderr, "keel: %s\n",
                         tr("no provider named \"%1\" is configured")
                             .arg(m_options.providerName)
                             .toUtf8()
                             .constData());
        }
    }

    // Command-line chat parameters apply to this run's conversations, on top of the defaults.
    if (!m_options.systemPrompt.isEmpty())
        session.parameters.systemPrompt = m_options.systemPrompt;
    if (!m_options.reasoningEffort.isEmpty())
        session.parameters.reasoningEffort = m_options.reasoningEffort;
    if (m_options.thinkingBudgetTokens)
        session.parameters.thinkingBudgetTokens = m_options.thinkingBudgetTokens;
    if (m_options.idleTimeoutMs != AppOptions{}.idleTimeoutMs)
        session.idleTimeoutMs = m_options.idleTimeoutMs;
    settings.setSessionOverrides(session);
}

void ProviderSetup::probeLocalOllama(core::Engine* engine)
{
    core::Settings& settings = m_settings;
    if (settings.general().firstRunDone)
        return;
    const bool haveOllama =
        std::any_of(settings.providers().cbegin(), settings.providers().cend(),
                    [](const core::ProviderEntry& p) { return p.kind == QLatin1String("ollama"); });
    if (haveOllama) {
        markFirstRunDone();
        return;
    }
    core::ModelListRequest request;
    request.requestId = m_ollamaProbeId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    request.provider = core::providerFromPreset(QStringLiteral("ollama"), {}).config();
    request.provider.baseUrl = QStringLiteral("http://localhost:11434");
    request.connectTimeoutMs = 1500;
    QMetaObject::invokeMethod(
        engine, [engine, request] { engine->listModels(request); }, Qt::QueuedConnection);
}

void ProviderSetup::onModelsListed(const core::ModelListResult& result)
{
    if (result.requestId != m_ollamaProbeId || m_ollamaProbeId.isEmpty())
        return;
    m_ollamaProbeId.clear();
    core::Settings& settings = m_settings;
    if (result.error.kind == core::ErrorKind::None) {
        core::ProviderEntry entry =
            core::providerFromPreset(QStringLiteral("ollama"), settings.providers());
        entry.baseUrl = QStringLiteral("http://localhost:11434");
        entry.models.clear();
        for (const core::ModelInfo& model : result.models)
            entry.models.append({model.id, model.displayName, true, model.contextLength});
        if (!entry.models.isEmpty())
            entry.defaultModel = entry.models.first().id;
        settings.saveProvider(entry);
    }
    markFirstRunDone();
}

void ProviderSetup::markFirstRunDone()
{
    core::GeneralSettings general = m_settings.general();
    general.firstRunDone = true;
    m_settings.setGeneral(general);
}

} // namespace keel::app
