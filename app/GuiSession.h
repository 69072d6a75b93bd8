// GuiSession: the desktop app's composition: the main window wired to the core loop's Engine by
// queued connections, plus the automation and measurement options (--send, --quit-when-idle,
// --screenshot, --diagnostics).
#pragma once

#include "AppOptions.h"
#include "CoreThread.h"
#include "diag/DiagnosticsRecorder.h"
#include "diag/LatencyWatchdog.h"

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
    // After the GUI event loop has returned: stops the core loop and writes diagnostics.
    // Returns a non-zero exit code if diagnostics could not be written.
    int finish();

private:
    void onTurnEnded();
    void quitNow();

    AppOptions m_options;
    core::CoreThread m_core;
    std::unique_ptr<ui::MainWindow> m_window;
    core::LatencyWatchdog m_watchdog;
    core::DiagnosticsRecorder m_diagnostics;
    bool m_quitting = false;
};

} // namespace keel::app
