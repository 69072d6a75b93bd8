// EngineWiring: the window <-> engine connections.
#include "ui/EngineWiring.h"

#include "core/Engine.h"
#include "core/settings/Settings.h"
#include "ui/MainWindow.h"

namespace keel::ui {

void wireWindowToEngine(MainWindow& window, core::Engine& engine, core::Settings* settings,
                        const QString& logDir)
{
    MainWindow* w = &window;
    core::Engine* e = &engine;
    const auto queued = Qt::QueuedConnection;
    QObject::connect(w, &MainWindow::startTurnRequested, e, &core::Engine::startTurn, queued);
    QObject::connect(w, &MainWindow::cancelTurnRequested, e, &core::Engine::cancelTurn, queued);
    QObject::connect(e, &core::Engine::turnDelta, w, &MainWindow::onTurnDelta, queued);
    QObject::connect(e, &core::Engine::turnHeartbeat, w, &MainWindow::onTurnHeartbeat, queued);
    QObject::connect(e, &core::Engine::turnFinished, w, &MainWindow::onTurnFinished, queued);
    QObject::connect(w, &MainWindow::listModelsRequested, e, &core::Engine::listModels, queued);
    QObject::connect(e, &core::Engine::modelsListed, w, &MainWindow::onModelsListed, queued);
    QObject::connect(e, &core::Engine::toolCallUpdated, w, &MainWindow::onToolCallUpdated, queued);
    QObject::connect(w, &MainWindow::toolApprovalAnswered, e, &core::Engine::answerToolApproval,
                     queued);
    QObject::connect(w, &MainWindow::inspectMcpServerRequested, e, &core::Engine::inspectMcpServer,
                     queued);
    QObject::connect(e, &core::Engine::mcpServerInspected, w, &MainWindow::onMcpServerInspected,
                     queued);
    if (!settings)
        return;
    QObject::connect(w, &MainWindow::toolPolicyChosen, settings, &core::Settings::setToolPolicy);
    auto pushServers = [e, settings, logDir] {
        QMetaObject::invokeMethod(
            e,
            [e, servers = settings->mcpServers(), logDir] {
                e->setMcpServers(servers, logDir, true);
            },
            Qt::QueuedConnection);
    };
    QObject::connect(settings, &core::Settings::mcpServersChanged, w, pushServers);
    pushServers();
}

} // namespace keel::ui
