// StoreTypes: the stable names of message statuses, as stored in the database and shown in JSON.
#include "store/StoreTypes.h"

namespace keel::core {

QString wireName(MessageStatus status)
{
    switch (status) {
    case MessageStatus::Complete:
        return QStringLiteral("complete");
    case MessageStatus::Streaming:
        return QStringLiteral("streaming");
    case MessageStatus::Incomplete:
        return QStringLiteral("incomplete");
    case MessageStatus::Error:
        return QStringLiteral("error");
    case MessageStatus::Cancelled:
        return QStringLiteral("cancelled");
    }
    return QStringLiteral("incomplete");
}

MessageStatus messageStatusFromName(const QString& name)
{
    if (name == QLatin1String("complete"))
        return MessageStatus::Complete;
    if (name == QLatin1String("streaming"))
        return MessageStatus::Streaming;
    if (name == QLatin1String("error"))
        return MessageStatus::Error;
    if (name == QLatin1String("cancelled"))
        return MessageStatus::Cancelled;
    // A name written by a newer version is shown as the cautious choice: not complete.
    return MessageStatus::Incomplete;
}

} // namespace keel::core
