// MessageDetails: formatting of a reply's model, usage and timing.
#include "ui/MessageDetails.h"

#include <QLocale>

namespace keel::ui {

namespace {

QString count(qint64 value)
{
    return value >= 0 ? QLocale().toString(value) : MessageDetails::unknown();
}

QString seconds(qint64 milliseconds)
{
    if (milliseconds < 0)
        return MessageDetails::unknown();
    return MessageDetails::tr("%1 s").arg(
        QLocale().toString(double(milliseconds) / 1000.0, 'f', milliseconds < 10000 ? 2 : 1));
}

} // namespace

QString MessageDetails::unknown()
{
    return QStringLiteral("—");
}

double MessageDetails::tokensPerSecond(const core::StoredMessage& message)
{
    const qint64 tokens = message.usage.outputTokens;
    if (tokens <= 0 || message.firstTokenMs < 0 || message.durationMs < 0)
        return -1;
    // The wait for the first token is the server thinking or queueing, not writing.
    const qint64 writingMs = message.durationMs - message.firstTokenMs;
    if (writingMs <= 0)
        return -1;
    return double(tokens) * 1000.0 / double(writingMs);
}

QList<MessageDetails::Row> MessageDetails::rows(const core::StoredMessage& message)
{
    QList<Row> rows;
    rows.append({tr("Model"), message.model.isEmpty() ? unknown() : message.model});
    rows.append({tr("Tokens in"), count(message.usage.inputTokens)});
    rows.append({tr("Tokens out"), count(message.usage.outputTokens)});
    rows.append({tr("Time to first token"), seconds(message.firstTokenMs)});
    const double speed = tokensPerSecond(message);
    rows.append({tr("Speed"),
                 speed < 0 ? unknown() : tr("%1 tokens/s").arg(QLocale().toString(speed, 'f', 1))});
    rows.append({tr("Created"), message.createdAt.isValid() ? QLocale().toString(
                                    message.createdAt.toLocalTime(), QLocale::ShortFormat)
                                                            : unknown()});
    return rows;
}

QString MessageDetails::text(const core::StoredMessage& message)
{
    QStringList lines;
    for (const Row& row : rows(message))
        lines.append(tr("%1: %2").arg(row.label, row.value));
    return lines.join(QLatin1Char('\n'));
}

} // namespace keel::ui
