// DeltaCoalescer: frame-rate batching of a turn's deltas.
#include "chat/DeltaCoalescer.h"

namespace keel::core {

DeltaCoalescer::DeltaCoalescer(QString turnId, QObject* parent)
    : QObject(parent)
{
    m_pending.turnId = std::move(turnId);
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &DeltaCoalescer::flush);
}

void DeltaCoalescer::addText(const QString& text)
{
    m_pending.text += text;
    schedule();
}

void DeltaCoalescer::addReasoning(const QString& text)
{
    m_pending.reasoning += text;
    schedule();
}

void DeltaCoalescer::schedule()
{
    if (m_timer.isActive())
        return;
    const qint64 since = m_sinceLastEmit.isValid() ? m_sinceLastEmit.elapsed() : kFrameMs;
    m_timer.start(static_cast<int>(std::max<qint64>(0, kFrameMs - since)));
}

void DeltaCoalescer::flush()
{
    m_timer.stop();
    if (m_pending.text.isEmpty() && m_pending.reasoning.isEmpty())
        return;
    TurnDelta out{m_pending.turnId, std::move(m_pending.text), std::move(m_pending.reasoning)};
    m_pending.text.clear();
    m_pending.reasoning.clear();
    m_sinceLastEmit.start();
    Q_EMIT ready(out);
}

} // namespace keel::core
