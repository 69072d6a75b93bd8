// ProvidersCommand: `keel providers list | add | remove`, the configured providers on the command
// line, edited through core::Settings: the same validation, files and keychain path as the
// settings dialog. Also which configured provider `keel ask` and `keel models` use
// (chooseProvider, commandRequest).
#pragma once

#include "AppOptions.h"
#include "chat/ChatTypes.h"
#include "settings/SecretStore.h"
#include "settings/SettingsTypes.h"

#include <QObject>
#include <QString>

#include <functional>
#include <optional>

namespace keel::core {
class Settings;
}

namespace keel::app {

class ProvidersCommand : public QObject {
    Q_OBJECT
public:
    // settings: loaded, on this thread, outliving the command.
    ProvidersCommand(AppOptions options, core::Settings* settings, QObject* parent = nullptr);

    // Call from the running event loop; done() follows: 0 done, 1 failed, 2 usage error. Every
    // message is on stderr; the listing and "Added provider ..." on stdout.
    void start();

Q_SIGNALS:
    void done(int exitCode);

private:
    void list();
    void printList();
    void add();
    void saveWithKey();
    void remove();
    // Runs `then` once the keychain probe answered with a backend `accept` takes; fails the
    // command if it does not within a while (a keychain that hangs must not hang the CLI).
    void whenBackend(std::function<bool(core::SecretBackend)> accept, std::function<void()> then);
    // Runs `then` with the error ("" = ok) once the SecretStore answered for this provider.
    void whenKeySaved(const QString& providerId, std::function<void(const QString&)> then);
    void finish(int exitCode);

    AppOptions m_options;
    core::Settings* m_settings;
    core::ProviderEntry m_entry; // add: the new provider; remove: the one removed
    QString m_key;               // add: read from stdin; in memory only, cleared once handed on
    bool m_finished = false;
};

// The provider `keel ask` / `keel models` use. Precedence: the flags that describe one
// (AppOptions::providerFromCommandLine), then --provider N, then the configured default model's
// provider, then the environment.
struct ProviderChoice {
    enum class Source { CommandLine, Named, ConfiguredDefault, Environment };
    Source source = Source::Environment;
    std::optional<core::ProviderEntry> entry; // Named and ConfiguredDefault
    QString model;                            // the configured model ("" = none)
    QString error; // human, when the choice is impossible (a usage error: exit 2)
};
ProviderChoice chooseProvider(const AppOptions& options, const core::Settings& settings);

// What the command sends (all but the turn id and the messages): the provider with its key and
// the configured proxy, the model, the chat defaults (configured providers only) with the flags
// on top, the configured timeouts unless --idle-timeout was given. Call once the entry's key
// was read (Settings::isKeyPending false).
core::TurnRequest commandRequest(const AppOptions& options, const core::Settings& settings,
                                 const ProviderChoice& choice);

} // namespace keel::app
