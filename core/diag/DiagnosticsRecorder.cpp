// DiagnosticsRecorder: per-turn heartbeat gaps and delivery counts, the app's start-up, open and
// memory figures, and the JSON file.
#include "diag/DiagnosticsRecorder.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

#include <cmath>
#include <ctime>
#include <unistd.h>

namespace keel::core {

namespace {

QByteArray readProcFile(const char* path)
{
    // /proc files report a size of 0: read until the end rather than by size.
    QFile file(QString::fromLatin1(path));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

QJsonValue orNull(double value)
{
    return value < 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(std::round(value * 10) / 10);
}

} // namespace

double DiagnosticsRecorder::msSinceProcessStart()
{
    // Field 22 of /proc/self/stat is the start (fork) time in clock ticks on CLOCK_BOOTTIME, the
    // clock /proc/uptime reads; asking that clock directly avoids /proc/uptime's 10 ms steps.
    // The start time is truncated to a tick, so the result is up to one tick (10 ms) too long.
    const QByteArray stat = readProcFile("/proc/self/stat");
    const qsizetype commEnd = stat.lastIndexOf(')'); // the command name may hold spaces
    if (commEnd < 0)
        return -1;
    const QList<QByteArray> fields = stat.mid(commEnd + 1).simplified().split(' ');
    constexpr int StartTimeIndex = 22 - 3; // fields after the name start at field 3
    const long ticksPerSecond = sysconf(_SC_CLK_TCK);
    timespec now{};
    if (fields.size() <= StartTimeIndex || ticksPerSecond <= 0
        || clock_gettime(CLOCK_BOOTTIME, &now) != 0)
        return -1;
    bool ok = false;
    const qulonglong startTicks = fields[StartTimeIndex].toULongLong(&ok);
    if (!ok)
        return -1;
    const double nowMs = double(now.tv_sec) * 1000.0 + double(now.tv_nsec) / 1e6;
    return nowMs - double(startTicks) * 1000.0 / double(ticksPerSecond);
}

qint64 DiagnosticsRecorder::peakRssKb()
{
    const QByteArray status = readProcFile("/proc/self/status");
    for (const QByteArray& line : status.split('\n')) {
        if (line.startsWith("VmHWM:")) {
            bool ok = false;
            const qint64 kb = line.mid(6).trimmed().split(' ').constFirst().toLongLong(&ok);
            return ok ? kb : -1;
        }
    }
    return -1;
}

void DiagnosticsRecorder::turnStarted(const QString& turnId)
{
    Turn turn;
    turn.id = turnId;
    turn.clock.start();
    m_turns.push_back(std::move(turn));
}

DiagnosticsRecorder::Turn* DiagnosticsRecorder::find(const QString& turnId)
{
    for (auto it = m_turns.rbegin(); it != m_turns.rend(); ++it) {
        if (it->id == turnId)
            return &*it;
    }
    return nullptr;
}

void DiagnosticsRecorder::beat(Turn& turn)
{
    const qint64 now = turn.clock.elapsed();
    turn.maxGapMs = std::max(turn.maxGapMs, now - turn.lastBeatMs);
    turn.lastBeatMs = now;
}

void DiagnosticsRecorder::heartbeat(const TurnHeartbeat& heartbeat)
{
    Turn* turn = find(heartbeat.turnId);
    if (!turn)
        return;
    beat(*turn);
    ++turn->heartbeats;
    turn->bytes = heartbeat.bytes;
    turn->tokens = heartbeat.tokens;
}

void DiagnosticsRecorder::delta(const TurnDelta& delta)
{
    if (Turn* turn = find(delta.turnId)) {
        ++turn->guiDeltas;
        turn->guiTextChars += delta.text.size();
    }
}

void DiagnosticsRecorder::replyShown(const QString& turnId, qsizetype chars)
{
    if (Turn* turn = find(turnId))
        turn->replyChars = chars;
}

void DiagnosticsRecorder::finished(const TurnResult& result)
{
    Turn* turn = find(result.turnId);
    if (!turn)
        return;
    beat(*turn); // silence between the last heartbeat and the end is a gap too
    turn->outcome = wireName(result.outcome);
    turn->bytes = result.bytes;
    turn->tokens = result.tokens;
    turn->durationMs = result.durationMs;
}

QJsonObject DiagnosticsRecorder::toJson(const LatencyStats& gui) const
{
    QJsonArray turns;
    for (const Turn& turn : m_turns) {
        turns.append(QJsonObject{
            {QStringLiteral("id"), turn.id},
            {QStringLiteral("outcome"), turn.outcome},
            {QStringLiteral("heartbeats"), turn.heartbeats},
            {QStringLiteral("max_heartbeat_gap_ms"), turn.maxGapMs},
            {QStringLiteral("bytes"), turn.bytes},
            {QStringLiteral("tokens"), turn.tokens},
            {QStringLiteral("gui_deltas"), turn.guiDeltas},
            {QStringLiteral("gui_text_chars"), turn.guiTextChars},
            {QStringLiteral("reply_chars"), turn.replyChars},
            {QStringLiteral("duration_ms"), turn.durationMs},
        });
    }
    return QJsonObject{
        {QStringLiteral("gui_latency_ms"),
         QJsonObject{
             {QStringLiteral("max"), gui.maxMs},
             {QStringLiteral("p99"), gui.p99Ms},
             {QStringLiteral("over_16"), gui.over16},
             {QStringLiteral("over_50"), gui.over50},
             {QStringLiteral("samples"), gui.samples},
         }},
        {QStringLiteral("turns"), turns},
        {QStringLiteral("startup_ms"), orNull(m_startupMs)},
        {QStringLiteral("open_ms"), orNull(m_openMs)},
        {QStringLiteral("peak_rss_mb"), orNull(m_peakRssKb < 0 ? -1.0 : m_peakRssKb / 1024.0)},
    };
}

QString DiagnosticsRecorder::write(const QString& path, const LatencyStats& gui) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return file.errorString();
    file.write(QJsonDocument(toJson(gui)).toJson(QJsonDocument::Indented));
    if (!file.commit())
        return file.errorString();
    return {};
}

} // namespace keel::core
