// GuiSession: the desktop app's composition: the store thread (history), the core loop (Engine)
// and the main window, wired by queued connections only, plus the automation and measurement
// options (--send, --quit-when-idle,
// --screenshot, --diagnostics).
#pragma once

#include "AppOptions.h"
#include "CoreThread.h"
#include "diag/DiagnosticsRecorder.h"
#include "diag/LatencyWatchdog.h"
#include "store/StoreClient.h"
#include "store/StoreThread.h"

#include <QObject>

#include <memory>

namespace keel::ui {
class MainWindow;
}

namespace keel::app {

class GuiSession : public QObject {
    Q_OBJECT
public:
    explicit GuiSession(AppOptions options, QObject* parent = nullptr);
    ~GuiSession() override;

    void start();
    // After the GUI event loop has returned: stops the core loop, then the store (so the
    // core's last saves are written), and writes diagnostics.
    // Returns a non-zero exit code if diagnostics could not be written.
    int finish();

private:
    void onTurnEnded();
    void quitNow();

    AppOptions m_options;
    core::StoreThread m_storeThread; // before m_core: the engine saves replies into it
    core::StoreClient m_store;
    core::CoreThread m_core;
    std::unique_ptr<ui::MainWindow> m_window;
    core::LatencyWatchdog m_watchdog;
    core::DiagnosticsRecorder m_diagnostics;
    bool m_quitting = false;
};

} // namespace keel::app
