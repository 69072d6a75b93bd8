// DiagnosticsRecorder: what `--diagnostics FILE` reports. Lives on the thread that receives the
// engine's signals (the GUI), so heartbeat gaps are measured where the user would see them. The
// app's own figures (start-up, opening a conversation, peak memory) are measured by the GUI side
// and handed in here; this class knows no widgets.
#pragma once

#include "chat/ChatTypes.h"
#include "diag/LatencyWatchdog.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QString>

#include <vector>

namespace keel::core {

class DiagnosticsRecorder {
public:
    void turnStarted(const QString& turnId);
    void heartbeat(const TurnHeartbeat& beat);
    void delta(const TurnDelta& delta);
    void finished(const TurnResult& result);
    // The length of the reply as the window holds it once the turn ended.
    void replyShown(const QString& turnId, qsizetype chars);

    // From the process's start to the first painted conversation list.
    void setStartupMs(double ms) { m_startupMs = ms; }
    // From the request to open a conversation to the first paint of its messages.
    void setOpenMs(double ms) { m_openMs = ms; }
    void setPeakRssKb(qint64 kb) { m_peakRssKb = kb; }

    // Milliseconds since this process was started (by the kernel's clock, so the dynamic loading
    // and static initialisation before main() count too); -1 if /proc cannot say.
    static double msSinceProcessStart();
    // The process's peak resident set (VmHWM), in KiB; -1 if /proc cannot say.
    static qint64 peakRssKb();

    QJsonObject toJson(const LatencyStats& gui) const;
    // Writes toJson() to path; on failure returns a human error message.
    QString write(const QString& path, const LatencyStats& gui) const;

private:
    struct Turn {
        QString id;
        // The file is written on exit, after the core cancelled whatever was still running.
        QString outcome = QStringLiteral("cancelled");
        QElapsedTimer clock;
        qint64 lastBeatMs = 0; // on clock; the turn's start counts as the first beat
        qint64 maxGapMs = 0;
        int heartbeats = 0;
        qint64 bytes = 0;
        qint64 tokens = 0;
        int guiDeltas = 0;
        qint64 guiTextChars = 0;
        qint64 replyChars = -1;
        qint64 durationMs = 0;
    };
    Turn* find(const QString& turnId);
    void beat(Turn& turn);

    std::vector<Turn> m_turns;
    double m_startupMs = -1; // -1: not measured (written as null)
    double m_openMs = -1;
    qint64 m_peakRssKb = -1;
};

} // namespace keel::core
