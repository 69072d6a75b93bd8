// SettingsRuntime: the configuration of one run of `keel` (GUI or CLI): the settings thread
// (files, keychain) and the live core::Settings on the calling thread, for the profile in use.
// Built by the composition roots (GuiSession, the CLI commands); not a singleton.
#pragma once

#include "settings/Settings.h"
#include "settings/SettingsThread.h"

namespace keel::app {

class SettingsRuntime {
public:
    // profileDir: the --profile directory ("" for the real user's); it names the keychain
    // service, so profiles never share keys. Paths come from QStandardPaths, which
    // applyProfile() already pointed into the profile.
    explicit SettingsRuntime(const QString& profileDir);
    ~SettingsRuntime();
    SettingsRuntime(const SettingsRuntime&) = delete;
    SettingsRuntime& operator=(const SettingsRuntime&) = delete;

    core::Settings& settings() { return m_settings; }

    // Starts the settings thread, then loads the files (synchronously, before the caller's
    // event loop runs) and probes the keychain.
    void start();
    // After the caller's event loop ended: lets queued writes finish, then joins the thread.
    void stop();

private:
    core::SettingsThread m_thread;
    core::Settings m_settings;
};

} // namespace keel::app
