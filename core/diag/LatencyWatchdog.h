// LatencyWatchdog: measures how quickly the thread it watches (the GUI thread) runs posted
// events. A ticker on its own thread posts a probe every 10 ms (one outstanding at a time) and
// the probe records how long it waited in the queue; a blocked GUI shows up as one long sample.
#pragma once

#include <QObject>
#include <QThread>

#include <vector>

namespace keel::core {

struct LatencyStats {
    double maxMs = 0;
    double p99Ms = 0;
    int over16 = 0;
    int over50 = 0;
    int samples = 0;
};

class LatencyWatchdog : public QObject {
    Q_OBJECT
public:
    static constexpr int kProbeIntervalMs = 10;

    // Watches the thread this object is created on.
    explicit LatencyWatchdog(QObject* parent = nullptr);
    ~LatencyWatchdog() override; // stop()

    void start();
    // Joins the ticker thread; call after the watched event loop has stopped.
    void stop();
    LatencyStats stats() const;

private:
    void record(qint64 postedNs, qint64 ranNs);

    QThread m_thread;
    QObject* m_ticker = nullptr; // lives in m_thread
    std::vector<float> m_samplesMs;
};

} // namespace keel::core
