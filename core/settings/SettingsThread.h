// SettingsThread: the "keel-settings" thread, home of SettingsWriter (configuration files) and
// SecretStore (keychain jobs and the fallback file), so neither disk nor keychain ever runs on
// the GUI thread. Owners reach both objects only through queued calls.
#pragma once

#include "settings/SettingsFiles.h"

#include <QThread>

#include <memory>

namespace keel::core {

class SecretStore;
class SettingsWriter;

class SettingsThread {
public:
    SettingsThread(const SettingsPaths& paths, const QString& secretService);
    ~SettingsThread(); // stops the thread if still running
    SettingsThread(const SettingsThread&) = delete;
    SettingsThread& operator=(const SettingsThread&) = delete;

    SettingsWriter* writer() const { return m_writer.get(); }
    SecretStore* secrets() const { return m_secrets.get(); }

    void start();
    // Call after the caller's event loop ended: lets queued writes finish, then joins.
    void stop();

private:
    QThread m_thread;
    std::unique_ptr<SettingsWriter> m_writer;
    std::unique_ptr<SecretStore> m_secrets;
};

} // namespace keel::core
