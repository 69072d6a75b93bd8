// FaultHarness: the in-process rig of the fault matrix. It owns a real core loop (CoreThread +
// Engine) and plays the GUI on the calling thread: the engine's signals arrive here queued, and
// every turn's deltas, heartbeats and result are recorded per turn id, so several turns may run
// at once. A LatencyProbe on this thread measures whether it stayed responsive meanwhile.
#pragma once

#include "CoreThread.h"
#include "chat/ChatTypes.h"

#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QTimer>

#include <map>
#include <optional>
#include <vector>

namespace keel::test {

class FaultWire;

// A 16 ms timer (one frame) on the thread that created it; records the largest gap between
// two of its ticks, i.e. the longest the thread's event loop was kept from running it.
class LatencyProbe : public QObject {
public:
    LatencyProbe();

    void restart();            // forgets the worst gap since the last restart (not the worst ever)
    qint64 worstGapMs() const; // since restart(), including the time up to now
    qint64 worstEverGapMs() const; // since construction

private:
    void tick();

    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_lastTickMs = 0;
    qint64 m_worstMs = 0;
    qint64 m_worstEverMs = 0;
};

// Everything one turn reported, as the GUI sees it.
struct TurnTrace {
    QString text; // the deltas joined: what the window would show
    QString reasoning;
    std::vector<core::TurnHeartbeat> heartbeats;
    std::vector<qint64> heartbeatArrivalMs; // on this thread's clock, from the turn's start
    std::optional<core::TurnResult> result;
    qint64 startedAtMs = 0;
    qint64 resultAtMs = -1; // from the turn's start
    int deltasAfterResult = 0;

    // The largest time between two heartbeats (or the start and the first one) that arrived
    // before the result.
    qint64 maxHeartbeatGapMs() const;
};

class FaultHarness {
public:
    FaultHarness();
    ~FaultHarness();

    FaultHarness(const FaultHarness&) = delete;
    FaultHarness& operator=(const FaultHarness&) = delete;

    // A turn for wire's kind against baseUrl: one attempt (the retry loop has its own test), no
    // proxy (nothing may leave loopback, whatever the environment says), a fresh id.
    core::TurnRequest request(const FaultWire& wire, const QString& baseUrl) const;
    QString start(const core::TurnRequest& request);
    bool waitForResult(const QString& turnId, int timeoutMs);
    const TurnTrace& trace(const QString& turnId) const;
    // Asks the engine (a queued call) how many turns it holds and waits for the answer; -1 if
    // none came within timeoutMs.
    int activeTurnCount(int timeoutMs = 5000);
    LatencyProbe& probe() { return m_probe; }

private:
    core::CoreThread m_core;
    QObject m_context; // lives on this thread: the engine's signals are delivered here, queued
    std::map<QString, TurnTrace> m_traces;
    QElapsedTimer m_clock;
    LatencyProbe m_probe;
};

} // namespace keel::test
