// StorePaths: where the history database lives (the app's data directory, which --profile
// redirects through the XDG variables).
#pragma once

#include <QString>

namespace keel::core {

// <AppDataLocation>/keel.sqlite. The directory may not exist yet: Database creates it.
QString defaultDatabasePath();

} // namespace keel::core
