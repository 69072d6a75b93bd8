// StorePaths: where the history database and the logs live (the app's data directory, which
// --profile redirects through the XDG variables).
#pragma once

#include <QString>

namespace keel::core {

// <AppDataLocation>/keel.sqlite. The directory may not exist yet: Database creates it.
QString defaultDatabasePath();

// <AppDataLocation>/logs: one log per MCP server (its stderr and Keel's notes about it).
QString defaultLogDirectory();

} // namespace keel::core
