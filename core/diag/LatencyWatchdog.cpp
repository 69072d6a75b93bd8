// LatencyWatchdog: event-loop latency probe for the GUI thread.
#include "diag/LatencyWatchdog.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QTimer>

#include <algorithm>
#include <chrono>

namespace keel::core {

namespace {

qint64 nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

// Posts probes to the watched object; lives on the watchdog thread.
class Ticker : public QObject {
public:
    Ticker(LatencyWatchdog* target, std::function<void(qint64, qint64)> record)
        : m_target(target)
        , m_record(std::move(record))
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(LatencyWatchdog::kProbeIntervalMs);
        connect(&m_timer, &QTimer::timeout, this, &Ticker::tick);
    }
    void begin() { m_timer.start(); }
    void finishProbe() { m_outstanding = false; }

private:
    void tick()
    {
        if (m_outstanding)
            return; // the GUI has not run the last probe yet: it is still being measured
        m_outstanding = true;
        const qint64 posted = nowNs();
        QPointer<Ticker> self(this);
        QMetaObject::invokeMethod(
            m_target,
            [record = m_record, posted, self] {
                record(posted, nowNs());
                if (self)
                    QMetaObject::invokeMethod(
                        self, [self] { self->finishProbe(); }, Qt::QueuedConnection);
            },
            Qt::QueuedConnection);
    }

    LatencyWatchdog* m_target;
    std::function<void(qint64, qint64)> m_record;
    QTimer m_timer{this}; // a child, so it moves to the watchdog thread with us
    bool m_outstanding = false;
};

} // namespace

LatencyWatchdog::LatencyWatchdog(QObject* parent)
    : QObject(parent)
{
    m_thread.setObjectName(QStringLiteral("keel-watchdog"));
}

LatencyWatchdog::~LatencyWatchdog()
{
    stop();
}

void LatencyWatchdog::start()
{
    if (m_ticker)
        return;
    auto* ticker = new Ticker(this, [this](qint64 posted, qint64 ran) { record(posted, ran); });
    ticker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, ticker, &QObject::deleteLater);
    m_ticker = ticker;
    m_thread.start();
    QMetaObject::invokeMethod(
        ticker, [ticker] { ticker->begin(); }, Qt::QueuedConnection);
}

void LatencyWatchdog::stop()
{
    if (!m_ticker)
        return;
    m_ticker = nullptr;
    m_thread.quit();
    m_thread.wait();
}

void LatencyWatchdog::record(qint64 postedNs, qint64 ranNs)
{
    m_samplesMs.push_back(static_cast<float>(ranNs - postedNs) / 1e6f);
}

LatencyStats LatencyWatchdog::stats() const
{
    LatencyStats stats;
    stats.samples = static_cast<int>(m_samplesMs.size());
    if (m_samplesMs.empty())
        return stats;
    std::vector<float> sorted = m_samplesMs;
    std::sort(sorted.begin(), sorted.end());
    stats.maxMs = sorted.back();
    stats.p99Ms = sorted[std::min(sorted.size() - 1, sorted.size() * 99 / 100)];
    for (float sample : sorted) {
        stats.over16 += sample > 16.0f ? 1 : 0;
        stats.over50 += sample > 50.0f ? 1 : 0;
    }
    return stats;
}

} // namespace keel::core
