// GuiSession: the desktop app's composition: the store thread (history), the core loop (Engine)
// and the main window, wired by queued connections only, plus the automation and measurement
// options (--send, --open, --quit-when-idle, --screenshot, --diagnostics), and the window's
// geometry (restored before it is shown, saved after the event loop). It measures what the
// user waits for at the paints that show it: start-up to the first painted conversation list,
// and --open to the first painted page of that conversation.
#pragma once

#include "AppOptions.h"
#include "CoreThread.h"
#include "ProviderSetup.h"
#include "SettingsRuntime.h"
#include "diag/DiagnosticsRecorder.h"
#include "diag/LatencyWatchdog.h"
#include "store/StoreClient.h"
#include "store/StoreThread.h"
#include "ui/CaretBlinkTimeout.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPalette>
#include <QString>

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

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    enum class Open { None, Waiting, Loading, Rendered, Done };

    void watchPaints(bool on);
    void notePaint(QObject* watched);
    void listShown();
    void settleStartup();
    void requestOpen();
    void onBranchReset();
    void onStoreFailed();
    void openFinished();
    void startSend();
    void onTurnEnded();
    void maybeQuit();
    void quitNow();
    void applyTheme();
    void openSettingsPage();

    AppOptions m_options;
    SettingsRuntime m_config; // before the window: it uses the settings
    ProviderSetup m_providerSetup;
    QPalette m_systemPalette;
    QString m_systemStyle;
    core::StoreThread m_storeThread; // before m_core: the engine saves replies into it
    core::StoreClient m_store;
    core::CoreThread m_core;
    std::unique_ptr<ui::MainWindow> m_window;
    // Idle means idle: no caret blinking in a window nobody has touched for a while.
    ui::CaretBlinkTimeout m_caretBlink;
    core::LatencyWatchdog m_watchdog;
    core::DiagnosticsRecorder m_diagnostics;
    bool m_quitting = false;

    // Start-up: until the list (or "No conversations yet") was painted. Settled also when the
    // store failed, so --open and --quit-when-idle never wait for a list that cannot come.
    bool m_startupPending = true;
    bool m_startupSettled = false;
    // --open: waits for the start-up, then for the page, then for its paint.
    Open m_open = Open::None;
    QElapsedTimer m_openClock;
    bool m_sendPending = false; // --send not sent yet
    // A frame being painted (see eventFilter) and what it painted.
    bool m_inFrame = false;
    bool m_listPainted = false;
    bool m_transcriptPainted = false;
};

} // namespace keel::app
