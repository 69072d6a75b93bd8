// GuiSession: wiring of window, engine and diagnostics for the desktop app, and the paint
// probes behind startup_ms and open_ms.
#include "GuiSession.h"

#include "Engine.h"
#include "settings/FirstRun.h"
#include "store/Store.h"
#include "store/StorePaths.h"
#include "ui/ChatSettings.h"
#include "ui/ConversationController.h"
#include "ui/DraftKeeper.h"
#include "ui/EngineWiring.h"
#include "ui/MainWindow.h"
#include "ui/MessageWidget.h" // TranscriptView.h uses it inline
#include "ui/Sidebar.h"
#include "ui/StatusLine.h"
#include "ui/ThemePalette.h"
#include "ui/TranscriptView.h"
#include "ui/TransferController.h"
#include "ui/WindowGeometry.h"
#include "ui/WindowSettings.h"
#include "ui/settings/SettingsDialog.h"

#include <QAbstractItemModel>
#include <QApplication>
#include <QEvent>
#include <QLabel>
#include <QListView>
#include <QProcessEnvironment>
#include <QStyle>
#include <QStyleFactory>
#include <QTimer>
#include <QUuid>

#include <cstdio>

namespace keel::app {

namespace {

void printGuiError(const QString& message)
{
    std::fprintf(stderr, "keel: %s\n", message.toUtf8().constData());
}

} // namespace

GuiSession::GuiSession(AppOptions options, QObject* parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_config(m_options.profileDir)
    , m_providerSetup(m_options, m_config.settings())
    , m_store(m_storeThread.store())
    , m_core(m_storeThread.store())
{
    // Queued before anything the window asks of the store, so it runs first.
    const QString databasePath = core::defaultDatabasePath();
    m_store.post([databasePath](core::Store* store) { store->open(databasePath); });

    // The files are read here, before the window exists: it starts with the configuration.
    m_config.start();
    m_providerSetup.applyCommandLine();

    m_window = std::make_unique<ui::MainWindow>(ui::ChatSettings{}, &m_store);
    m_window->setConfiguration(&m_config.settings());
    // A tiny file, read once before the window is shown (like the settings).
    ui::WindowGeometry::restore(*m_window, ui::WindowGeometry::defaultPath());

    core::Engine* engine = m_core.engine();
    ui::MainWindow* window = m_window.get();
    connect(engine, &core::Engine::modelsListed, &m_providerSetup, &ProviderSetup::onModelsListed,
            Qt::QueuedConnection);
    core::Settings* settings = &m_config.settings();
    m_systemPalette = QApplication::palette();
    m_systemStyle = QApplication::style()->name();
    connect(settings, &core::Settings::generalChanged, this, &GuiSession::applyTheme);
    applyTheme();
    for (const QString& notice : settings->loadNotices()) {
        // Also on stderr: a status-line notice is gone after a while, a terminal keeps it.
        std::fprintf(stderr, "keel: %s\n", qPrintable(notice));
        m_window->statusLine()->showNotice(notice);
    }
    // Diagnostics first: for the same signal, queued slots run in connection order, so the
    // recorder has the turn's result before the window ends the turn (and --quit-when-idle quits).
    if (!m_options.diagnosticsPath.isEmpty()) {
        connect(window, &ui::MainWindow::startTurnRequested, this,
                [this](const core::TurnRequest& request) {
                    m_diagnostics.turnStarted(request.turnId);
                });
        connect(
            engine, &core::Engine::turnDelta, this,
            [this](const core::TurnDelta& delta) { m_diagnostics.delta(delta); },
            Qt::QueuedConnection);
        connect(
            engine, &core::Engine::turnHeartbeat, this,
            [this](const core::TurnHeartbeat& beat) { m_diagnostics.heartbeat(beat); },
            Qt::QueuedConnection);
        connect(
            engine, &core::Engine::turnFinished, this,
            [this](const core::TurnResult& result) { m_diagnostics.finished(result); },
            Qt::QueuedConnection);
    }
    // Every connection between the two threads is queued and carries values only.
    ui::wireWindowToEngine(*window, *engine, settings, core::defaultLogDirectory());
    // Export and import: File menu, sidebar menu, worker tasks (a child of the window).
    ui::installTransferController(*window, &m_store, databasePath);

    connect(window, &ui::MainWindow::turnEnded, this,
            [this](const QString& turnId, core::TurnOutcome /*outcome*/) {
                m_diagnostics.replyShown(turnId, m_window->lastReplyText().size());
                onTurnEnded();
            });
    // After the window's own connections: the transcript is rebuilt when these run.
    connect(window->controller(), &ui::ConversationController::branchReset, this,
            &GuiSession::onBranchReset);
    connect(window->controller(), &ui::ConversationController::storeFailed, this,
            &GuiSession::onStoreFailed);

    m_sendPending = !m_options.sendText.isEmpty();
    if (m_options.openConversationId > 0)
        m_open = Open::Waiting;
}

GuiSession::~GuiSession() = default;

void GuiSession::start()
{
    m_storeThread.start();
    m_core.start();
    m_providerSetup.probeLocalOllama(m_core.engine());
    if (!m_options.diagnosticsPath.isEmpty())
        m_watchdog.start();
    // The probes cost a check per event of a few widgets until they fired; a plain start of the
    // app does without them.
    if (!m_options.diagnosticsPath.isEmpty() || m_options.quitWhenIdle || m_open != Open::None)
        watchPaints(true);
    else
        m_startupSettled = true;
    if (m_options.windowSize.isValid())
        m_window->resize(m_options.windowSize);
    m_window->show();
    if (!m_options.settingsPage.isEmpty())
        QTimer::singleShot(0, this, &GuiSession::openSettingsPage);
    // --send goes into the --open conversation once it is shown, else into a new one at once.
    if (m_sendPending && m_open == Open::None)
        QTimer::singleShot(0, this, &GuiSession::startSend);
}

void GuiSession::watchPaints(bool on)
{
    QList<QObject*> watched{m_window.get(), m_window->transcript()->viewport(),
                            m_window->transcript()->widget()};
    if (ui::Sidebar* sidebar = m_window->sidebar())
        watched << sidebar->conversationView()->viewport() << sidebar->emptyStateLabel();
    for (QObject* object : std::as_const(watched)) {
        if (on)
            object->installEventFilter(this);
        else
            object->removeEventFilter(this);
    }
}

// A paint only reaches the screen when the frame it belongs to is flushed. Widgets paint in the
// top-level widget's UpdateRequest (children after their parents, then the flush), so the probe
// delivers that event itself and takes the time once the frame is complete.
bool GuiSession::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() == QEvent::Paint) {
        notePaint(watched);
    } else if (event->type() == QEvent::UpdateRequest && watched == m_window.get() && !m_inFrame) {
        m_inFrame = true;
        m_listPainted = false;
        m_transcriptPainted = false;
        QCoreApplication::sendEvent(watched, event);
        m_inFrame = false;
        if (m_listPainted)
            listShown();
        if (m_transcriptPainted)
            openFinished();
        return true;
    }
    return QObject::eventFilter(watched, event);
}

void GuiSession::notePaint(QObject* watched)
{
    bool list = false;
    if (ui::Sidebar* sidebar = m_window->sidebar()) {
        // The list with rows, or the store's answer that there are none.
        list = (watched == sidebar->conversationView()->viewport()
                && sidebar->conversationView()->model()->rowCount() > 0)
               || (watched == sidebar->emptyStateLabel()
                   && !sidebar->emptyStateLabel()->text().isEmpty());
    }
    // The page is opaque and covers the viewport: either may be what paints.
    const bool transcript = m_open == Open::Rendered
                            && (watched == m_window->transcript()->viewport()
                                || watched == m_window->transcript()->widget());
    if (m_inFrame) {
        m_listPainted = m_listPainted || list;
        m_transcriptPainted = m_transcriptPainted || transcript;
        return;
    }
    // Painted outside a frame (e.g. while exposed): the paint's start is as close as it gets.
    if (list)
        listShown();
    if (transcript)
        openFinished();
}

void GuiSession::listShown()
{
    if (!m_startupPending)
        return;
    m_startupPending = false;
    m_diagnostics.setStartupMs(core::DiagnosticsRecorder::msSinceProcessStart());
    settleStartup();
}

void GuiSession::settleStartup()
{
    if (!m_startupSettled) {
        m_startupSettled = true;
        // Not inside the frame that showed the list: the next event loop pass.
        if (m_open == Open::Waiting)
            QTimer::singleShot(0, this, &GuiSession::requestOpen);
    }
    if (!m_startupPending && (m_open == Open::None || m_open == Open::Done))
        watchPaints(false);
    maybeQuit();
}

void GuiSession::requestOpen()
{
    m_open = Open::Loading;
    m_openClock.start();
    if (!m_window->controller()->openConversation(m_options.openConversationId)) {
        printGuiError(tr("could not open conversation %1").arg(m_options.openConversationId));
        m_open = Open::Done;
        openFinished();
    }
}

void GuiSession::onBranchReset()
{
    if (m_open == Open::Loading
        && m_window->controller()->conversationId() == m_options.openConversationId)
        m_open = Open::Rendered; // the next paint of the transcript shows it
}

void GuiSession::onStoreFailed()
{
    if (m_open == Open::Loading) {
        // The page will not come (e.g. no such conversation); the store said why.
        printGuiError(tr("could not open conversation %1").arg(m_options.openConversationId));
        m_open = Open::Done;
        openFinished();
    }
    settleStartup();
}

void GuiSession::openFinished()
{
    if (m_open == Open::Rendered) {
        m_open = Open::Done;
        m_diagnostics.setOpenMs(double(m_openClock.nsecsElapsed()) / 1e6);
    }
    if (m_open != Open::Done)
        return;
    if (m_sendPending)
        QTimer::singleShot(0, this, &GuiSession::startSend);
    if (!m_startupPending)
        watchPaints(false);
    maybeQuit();
}

void GuiSession::startSend()
{
    m_sendPending = false;
    if (!m_window->controller()->send(m_options.sendText))
        printGuiError(tr("could not send the --send text"));
    maybeQuit();
}

void GuiSession::onTurnEnded()
{
    maybeQuit();
}

void GuiSession::maybeQuit()
{
    if (!m_options.quitWhenIdle || m_quitting || !m_startupSettled || m_sendPending
        || m_window->isTurnActive() || (m_open != Open::None && m_open != Open::Done))
        return;
    // Let the final render reach the screen before grabbing and quitting.
    QTimer::singleShot(0, this, &GuiSession::quitNow);
}

void GuiSession::quitNow()
{
    if (m_quitting)
        return;
    m_quitting = true;
    QWidget* shown = m_window.get();
    if (ui::WindowSettings* windowSettings = m_window->windowSettings();
        windowSettings != nullptr && windowSettings->dialog() != nullptr
        && windowSettings->dialog()->isVisible())
        shown = windowSettings->dialog();
    if (!m_options.screenshotPath.isEmpty() && !shown->grab().save(m_options.screenshotPath))
        printGuiError(tr("could not save the screenshot to %1").arg(m_options.screenshotPath));
    QApplication::quit();
}

void GuiSession::openSettingsPage()
{
    const auto page = ui::SettingsDialog::pageNamed(m_options.settingsPage);
    if (ui::WindowSettings* windowSettings = m_window->windowSettings(); windowSettings && page)
        windowSettings->openSettings()->showPage(*page);
}

void GuiSession::applyTheme()
{
    const core::Theme theme = m_config.settings().general().appearance.theme;
    // Platform styles may draw with their own colours; Fusion follows the palette exactly.
    const QString style = theme == core::Theme::System ? m_systemStyle : QStringLiteral("Fusion");
    if (QApplication::style()->name().compare(style, Qt::CaseInsensitive) != 0)
        QApplication::setStyle(QStyleFactory::create(style));
    QApplication::setPalette(ui::themePalette(theme, m_systemPalette));
}

int GuiSession::finish()
{
    // Also when the app quit without closing the window (a signal, --quit-when-idle): the
    // draft still goes to the store, which writes it before it stops.
    m_window->drafts()->flush();
    // After the event loop: writing the file makes nobody wait. Automated runs leave the
    // user's geometry alone (and their own profiles stay as they were made).
    if (!m_options.quitWhenIdle)
        ui::WindowGeometry::save(*m_window, ui::WindowGeometry::defaultPath());
    m_core.stop(); // the event loop is over: joining the threads blocks nothing
    m_storeThread.stop();
    m_config.stop();
    m_watchdog.stop();
    if (m_options.diagnosticsPath.isEmpty())
        return 0;
    m_diagnostics.setPeakRssKb(core::DiagnosticsRecorder::peakRssKb());
    const QString error = m_diagnostics.write(m_options.diagnosticsPath, m_watchdog.stats());
    if (!error.isEmpty()) {
        printGuiError(tr("could not write diagnostics: %1").arg(error));
        return 1;
    }
    return 0;
}

} // namespace keel::app
