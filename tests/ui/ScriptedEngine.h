// ScriptedEngine: a stand-in for the core in the UI tests of the transcript's actions, find and
// drafts. It answers every turn a MainWindow starts with the scripted reply, one delta per tick
// (on the test's thread, with a timer), then the result; with a store it saves the reply into
// the stored placeholder the way the core does. A held reply stays open until it is stopped.
#pragma once

#include "core/store/Store.h"
#include "ui/MainWindow.h"

#include <QObject>
#include <QTimer>

namespace keel::test {

class ScriptedEngine {
public:
    QStringList chunks; // the reply, piece by piece
    bool hold = false;  // after the last piece, wait for Stop instead of finishing
    core::Usage usage;  // what the result reports
    qint64 durationMs = 0;
    qint64 firstTokenMs = -1;
    QList<core::TurnRequest> requests;

    explicit ScriptedEngine(ui::MainWindow* window, core::Store* store = nullptr)
        : m_window(window)
        , m_store(store)
    {
        QObject::connect(window, &ui::MainWindow::startTurnRequested, &m_context,
                         [this](const core::TurnRequest& request) { start(request); });
        QObject::connect(
            window, &ui::MainWindow::cancelTurnRequested, &m_context, [this](const QString&) {
                m_timer.stop();
                QTimer::singleShot(1, &m_context, [this] { finish(core::TurnOutcome::Cancelled); });
            });
        m_timer.setInterval(2);
        QObject::connect(&m_timer, &QTimer::timeout, &m_context, [this] { tick(); });
    }

    QString turnId() const { return m_request.turnId; }

private:
    void start(const core::TurnRequest& request)
    {
        requests.append(request);
        m_request = request;
        m_next = 0;
        m_sent.clear();
        m_timer.start();
    }

    void tick()
    {
        if (m_next < chunks.size()) {
            m_sent += chunks.at(m_next++);
            m_window->onTurnDelta({m_request.turnId, chunks.at(m_next - 1), {}});
            return;
        }
        m_timer.stop();
        if (!hold)
            finish(core::TurnOutcome::Complete);
    }

    void finish(core::TurnOutcome outcome)
    {
        core::TurnResult result;
        result.turnId = m_request.turnId;
        result.outcome = outcome;
        result.text = m_sent;
        result.usage = usage;
        result.durationMs = durationMs;
        result.firstTokenMs = firstTokenMs;
        if (m_store != nullptr && m_request.persistMessageId > 0) {
            core::StoredMessage saved;
            saved.id = m_request.persistMessageId;
            saved.role = core::Role::Assistant;
            saved.content = m_request.persistPrefix + m_sent;
            saved.model = m_request.model;
            saved.usage = usage;
            saved.status = outcome == core::TurnOutcome::Complete ? core::MessageStatus::Complete
                                                                  : core::MessageStatus::Cancelled;
            QMetaObject::invokeMethod(
                m_store, [store = m_store, saved] { store->saveMessage(saved); },
                Qt::QueuedConnection);
        }
        m_window->onTurnFinished(result);
    }

    ui::MainWindow* m_window;
    core::Store* m_store;
    QTimer m_timer;
    core::TurnRequest m_request;
    qsizetype m_next = 0;
    QString m_sent;
    QObject m_context; // last: destroyed first, which ends the connections above
};

} // namespace keel::test
