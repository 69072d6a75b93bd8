// SettingsRuntime: builds the settings thread and the live settings for one run.
#include "SettingsRuntime.h"

#include "settings/SecretStore.h"

namespace keel::app {

SettingsRuntime::SettingsRuntime(const QString& profileDir)
    : m_thread(core::defaultSettingsPaths(), core::SecretStore::serviceNameFor(profileDir))
    , m_settings(core::defaultSettingsPaths(), m_thread.writer(), m_thread.secrets())
{
}

SettingsRuntime::~SettingsRuntime() = default;

void SettingsRuntime::start()
{
    m_thread.start();
    m_settings.load();
}

void SettingsRuntime::stop()
{
    m_thread.stop();
}

} // namespace keel::app
