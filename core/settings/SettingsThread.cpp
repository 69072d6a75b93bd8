// SettingsThread: start and orderly stop of the "keel-settings" thread.
#include "settings/SettingsThread.h"

#include "settings/SecretStore.h"
#include "settings/SettingsWriter.h"

namespace keel::core {

void registerSettingsMetaTypes(); // SettingsTypes.cpp

SettingsThread::SettingsThread(const SettingsPaths& paths, const QString& secretService)
    : m_writer(std::make_unique<SettingsWriter>(paths))
    , m_secrets(std::make_unique<SecretStore>(secretService, paths.secretFile()))
{
    registerSettingsMetaTypes();
    m_thread.setObjectName(QStringLiteral("keel-settings"));
    // Moved before start(): from the first event on, both run only on the settings thread.
    m_writer->moveToThread(&m_thread);
    m_secrets->moveToThread(&m_thread);
}

SettingsThread::~SettingsThread()
{
    stop();
    // Not started, or stopped (then they were handed back to this thread): deleting them here
    // is deleting them on their own thread, or on one that no longer runs.
}

void SettingsThread::start()
{
    m_thread.start();
}

void SettingsThread::stop()
{
    if (!m_thread.isRunning())
        return;
    // QThread::quit() would drop events still queued for the thread, i.e. the last saves.
    // Quitting from a call queued behind them lets every save and secret request posted
    // before stop() run first. The two objects are then pushed back to this thread, so the
    // destructor deletes them on the thread they live in (the caller's loop has ended: nothing
    // posted to them later runs).
    QThread* home = QThread::currentThread();
    SettingsWriter* writer = m_writer.get();
    SecretStore* secrets = m_secrets.get();
    QMetaObject::invokeMethod(
        writer,
        [writer, secrets, home] {
            writer->moveToThread(home);
            secrets->moveToThread(home);
            QThread::currentThread()->quit();
        },
        Qt::QueuedConnection);
    m_thread.wait();
}

} // namespace keel::core
