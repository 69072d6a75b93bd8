// StorePaths: the database location.
#include "store/StorePaths.h"

#include <QStandardPaths>

namespace keel::core {

QString defaultDatabasePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
           + QStringLiteral("/keel.sqlite");
}

QString defaultLogDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
           + QStringLiteral("/logs");
}

} // namespace keel::core
