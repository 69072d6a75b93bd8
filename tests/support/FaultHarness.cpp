// FaultHarness: a core loop driven from the test thread, recording each turn as the GUI would.
#include "FaultHarness.h"

#include "Engine.h"
#include "FaultWire.h"

#include <QTest>
#include <QUuid>

#include <atomic>
#include <memory>

namespace keel::test {

using namespace keel::core;

LatencyProbe::LatencyProbe()
{
    m_timer.setInterval(16);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, [this] { tick(); });
    m_clock.start();
    m_timer.start();
}

void LatencyProbe::restart()
{
    m_lastTickMs = m_clock.elapsed();
    m_worstMs = 0;
}

void LatencyProbe::tick()
{
    const qint64 now = m_clock.elapsed();
    m_worstMs = std::max(m_worstMs, now - m_lastTickMs);
    m_worstEverMs = std::max(m_worstEverMs, m_worstMs);
    m_lastTickMs = now;
}

qint64 LatencyProbe::worstGapMs() const
{
    // A loop that is stuck right now has not ticked yet: the time since the last tick counts.
    return std::max(m_worstMs, m_clock.elapsed() - m_lastTickMs);
}

qint64 LatencyProbe::worstEverGapMs() const
{
    return std::max(m_worstEverMs, worstGapMs());
}

qint64 TurnTrace::maxHeartbeatGapMs() const
{
    qint64 previous = 0; // the turn's start
    qint64 worst = 0;
    for (const qint64 at : heartbeatArrivalMs) {
        worst = std::max(worst, at - previous);
        previous = at;
    }
    return worst;
}

FaultHarness::FaultHarness()
{
    Engine* engine = m_core.engine();
    QObject::connect(engine, &Engine::turnDelta, &m_context, [this](const TurnDelta& delta) {
        auto it = m_traces.find(delta.turnId);
        if (it == m_traces.end())
            return;
        TurnTrace& trace = it->second;
        trace.text += delta.text;
        trace.reasoning += delta.reasoning;
        if (trace.result)
            ++trace.deltasAfterResult;
    });
    QObject::connect(engine, &Engine::turnHeartbeat, &m_context, [this](const TurnHeartbeat& beat) {
        auto it = m_traces.find(beat.turnId);
        if (it == m_traces.end() || it->second.result)
            return;
        it->second.heartbeats.push_back(beat);
        it->second.heartbeatArrivalMs.push_back(m_clock.elapsed() - it->second.startedAtMs);
    });
    QObject::connect(engine, &Engine::turnFinished, &m_context, [this](const TurnResult& result) {
        auto it = m_traces.find(result.turnId);
        if (it == m_traces.end())
            return;
        it->second.result = result;
        it->second.resultAtMs = m_clock.elapsed() - it->second.startedAtMs;
    });
    m_clock.start();
    m_core.start();
}

FaultHarness::~FaultHarness()
{
    m_core.stop(); // joins the core thread: every turn is cancelled and gone before we are
}

TurnRequest FaultHarness::request(const FaultWire& wire, const QString& baseUrl) const
{
    TurnRequest request;
    request.turnId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    request.provider.kind = wire.kind();
    request.provider.baseUrl = baseUrl;
    request.provider.apiKey = QStringLiteral("test-key-0123456789");
    request.provider.apiKeySource = QStringLiteral("the test");
    request.provider.proxy.mode = ProxyConfig::Mode::None;
    request.model = QStringLiteral("m");
    request.messages = {{Role::User, QStringLiteral("hi")}};
    request.maxAttempts = 1;
    return request;
}

QString FaultHarness::start(const TurnRequest& request)
{
    TurnTrace& trace = m_traces[request.turnId];
    trace.startedAtMs = m_clock.elapsed();
    Engine* engine = m_core.engine();
    QMetaObject::invokeMethod(
        engine, [engine, request] { engine->startTurn(request); }, Qt::QueuedConnection);
    return request.turnId;
}

bool FaultHarness::waitForResult(const QString& turnId, int timeoutMs)
{
    return QTest::qWaitFor(
        [this, &turnId] {
            const auto it = m_traces.find(turnId);
            return it != m_traces.end() && it->second.result.has_value();
        },
        timeoutMs);
}

const TurnTrace& FaultHarness::trace(const QString& turnId) const
{
    return m_traces.at(turnId); // a test asks only about turns it started
}

int FaultHarness::activeTurnCount(int timeoutMs)
{
    auto answer = std::make_shared<std::atomic<int>>(-1);
    Engine* engine = m_core.engine();
    QMetaObject::invokeMethod(
        engine, [engine, answer] { answer->store(engine->activeTurnCount()); },
        Qt::QueuedConnection);
    if (!QTest::qWaitFor([&answer] { return answer->load() >= 0; }, timeoutMs))
        return -1;
    return answer->load();
}

} // namespace keel::test
