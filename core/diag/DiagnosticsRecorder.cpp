// DiagnosticsRecorder: per-turn heartbeat gaps and delivery counts, and the JSON file.
#include "diag/DiagnosticsRecorder.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

namespace keel::core {

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
