// Engine: the one facade the UI and the CLI talk to. It lives on the core loop thread; callers
// reach it only through queued calls and receive value-type signals, so nothing it does can
// stall the thread that called it.
#pragma once

#include "chat/ChatTypes.h"

#include <QObject>

#include <map>
#include <memory>

namespace keel::core {

class CurlMulti;
class ModelLister;
class Store;
class TurnRunner;

class Engine : public QObject {
    Q_OBJECT
public:
    // store: where turns with a persistMessageId save their reply (may be null: nothing saved).
    explicit Engine(Store* store = nullptr, QObject* parent = nullptr);
    ~Engine() override;

    int activeTurnCount() const { return static_cast<int>(m_turns.size()); }

public Q_SLOTS:
    void startTurn(const keel::core::TurnRequest& request);
    void cancelTurn(const QString& turnId);
    // Cancels every turn; their finished(Cancelled) signals are still emitted.
    void cancelAll();
    // Lists the models of a provider; answers with modelsListed (same requestId).
    void listModels(const keel::core::ModelListRequest& request);

Q_SIGNALS:
    void turnDelta(const keel::core::TurnDelta& delta);
    void turnHeartbeat(const keel::core::TurnHeartbeat& heartbeat);
    void turnFinished(const keel::core::TurnResult& result);
    void modelsListed(const keel::core::ModelListResult& result);

private:
    CurlMulti& curl();
    void onRunnerFinished(const TurnResult& result);

    // Created on first use so that it is born on the core thread, not where Engine was built.
    std::unique_ptr<CurlMulti> m_curl;
    Store* m_store; // lives on the store thread: reached only through queued calls
    std::map<QString, std::unique_ptr<TurnRunner>> m_turns;
    std::map<QString, std::unique_ptr<ModelLister>> m_listers;
};

} // namespace keel::core
