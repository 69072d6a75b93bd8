// DeltaCoalescer: batches a turn's text and reasoning so the GUI gets at most one delta per
// frame (16 ms), however fast tokens arrive. The first delta after a quiet spell goes out at
// once, so coalescing never adds latency to a slow stream.
#pragma once

#include "chat/ChatTypes.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

namespace keel::core {

class DeltaCoalescer : public QObject {
    Q_OBJECT
public:
    static constexpr int kFrameMs = 16;

    explicit DeltaCoalescer(QString turnId, QObject* parent = nullptr);

    void addText(const QString& text);
    void addReasoning(const QString& text);
    // Emits what is pending now (before the turn's final signal, so nothing is left behind).
    void flush();

Q_SIGNALS:
    void ready(const keel::core::TurnDelta& delta);

private:
    void schedule();

    TurnDelta m_pending;
    QTimer m_timer;
    QElapsedTimer m_sinceLastEmit;
};

} // namespace keel::core
