// ProviderSetup: the providers of one run of the app, before and just after the window
// appears: on the first run, the providers found in the environment and an Ollama answering on
// localhost (asked through the engine, on the core loop); the ad-hoc provider of the command
// line (--base-url, --preset ...) and --provider / --model / --system as this run's overrides,
// never saved.
#pragma once

#include "AppOptions.h"
#include "chat/ChatTypes.h"

#include <QObject>
#include <QString>

namespace keel::core {
class Engine;
class Settings;
} // namespace keel::core

namespace keel::app {

class ProviderSetup : public QObject {
    Q_OBJECT
public:
    // Both must outlive this object.
    ProviderSetup(const AppOptions& options, core::Settings& settings, QObject* parent = nullptr);

    // Before the window is built.
    void applyCommandLine();
    // Once the core loop runs; only on the first run (answers arrive in onModelsListed).
    void probeLocalOllama(core::Engine* engine);

public Q_SLOTS:
    void onModelsListed(const keel::core::ModelListResult& result);

private:
    void markFirstRunDone();

    const AppOptions& m_options;
    core::Settings& m_settings;
    QString m_ollamaProbeId;
};

} // namespace keel::app
