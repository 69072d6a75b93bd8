// StorePaths: the database location.
#include "store/StorePaths.h"

#include <QStandardPaths>

namespace keel::core {

QString defaultDatabasePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
           + QStringLiteral("/keel.sqlite");
}

} // namespace keel::core
