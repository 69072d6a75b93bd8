// GuiSession: wiring of window, engine and diagnostics for the desktop app.
#include "GuiSession.h"

#include "Engine.h"
#include "store/Store.h"
#include "store/StorePaths.h"
#include "ui/ChatSettings.h"
#include "ui/MainWindow.h"

#include <QApplication>
#include <QTimer>

#include <cstdio>

namespace keel::app {

GuiSession::GuiSession(AppOptions options, QObject* parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_store(m_storeThread.store())
    , m_core(m_storeThread.store())
{
    // Queued before anything the window asks of the store, so it runs first.
    const QString databasePath = core::defaultDatabasePath();
    m_store.post([databasePath](core::Store* store) { store->open(databasePath); });

    ui::ChatSettings settings;
    settings.provider = m_options.provider;
    settings.model =
        m_options.model.isEmpty() ? defaultModel(m_options.provider.kind) : m_options.model;
    settings.systemPrompt = m_options.systemPrompt;
    settings.idleTimeoutMs = m_options.idleTimeoutMs;
    m_window = std::make_unique<ui::MainWindow>(settings, &m_store);

    core::Engine* engine = m_core.engine();
    ui::MainWindow* window = m_window.get();
    // Every connection between the two threads is queued and carries values only.
    connect(window, &ui::MainWindow::startTurnRequested, engine, &core::Engine::startTurn,
            Qt::QueuedConnection);
    connect(window, &ui::MainWindow::cancelTurnRequested, engine, &core::Engine::cancelTurn,
            Qt::QueuedConnection);
    connect(engine, &core::Engine::turnDelta, window, &ui::MainWindow::onTurnDelta,
            Qt::QueuedConnection);
    connect(engine, &core::Engine::turnHeartbeat, window, &ui::MainWindow::onTurnHeartbeat,
            Qt::QueuedConnection);
    connect(engine, &core::Engine::turnFinished, window, &ui::MainWindow::onTurnFinished,
            Qt::QueuedConnection);

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
    connect(window, &ui::MainWindow::turnEnded, this,
            [this](const QString& turnId, core::TurnOutcome /*outcome*/) {
                m_diagnostics.replyShown(turnId, m_window->lastReplyText().size());
                onTurnEnded();
            });
}

GuiSession::~GuiSession() = default;

void GuiSession::start()
{
    m_storeThread.start();
    m_core.start();
    if (!m_options.diagnosticsPath.isEmpty())
        m_watchdog.start();
    m_window->show();
    if (!m_options.sendText.isEmpty()) {
        QTimer::singleShot(0, m_window.get(), [this] { m_window->sendText(m_options.sendText); });
    } else if (m_options.quitWhenIdle) {
        QTimer::singleShot(0, this, &GuiSession::quitNow);
    }
}

void GuiSession::onTurnEnded()
{
    if (m_options.quitWhenIdle && !m_window->isTurnActive()) {
        // Let the final render reach the screen before grabbing and quitting.
        QTimer::singleShot(0, this, &GuiSession::quitNow);
    }
}

void GuiSession::quitNow()
{
    if (m_quitting)
        return;
    m_quitting = true;
    if (!m_options.screenshotPath.isEmpty() && !m_window->grab().save(m_options.screenshotPath))
        std::fprintf(stderr, "keel: could not save the screenshot to %s\n",
                     qPrintable(m_options.screenshotPath));
    QApplication::quit();
}

int GuiSession::finish()
{
    m_core.stop(); // the event loop is over: joining the threads blocks nothing
    m_storeThread.stop();
    m_watchdog.stop();
    if (m_options.diagnosticsPath.isEmpty())
        return 0;
    const QString error = m_diagnostics.write(m_options.diagnosticsPath, m_watchdog.stats());
    if (!error.isEmpty()) {
        std::fprintf(stderr, "keel: could not write diagnostics: %s\n", qPrintable(error));
        return 1;
    }
    return 0;
}

} // namespace keel::app
