// HistoryCommand: `keel history list | show ID | search QUERY [--json]`, the saved
// conversations on stdout. Headless and short-lived, it opens the database read-only on the
// main thread (no GUI to keep responsive), which is safe while the app runs and writes.
#pragma once

#include "AppOptions.h"

namespace keel::core {
class Database;
}

namespace keel::app {

class HistoryCommand {
public:
    explicit HistoryCommand(AppOptions options);
    // 0 done, 1 failed (one line on stderr).
    int run();

private:
    int list(core::Database& database);
    int show(core::Database& database);
    int search(core::Database& database);

    AppOptions m_options;
};

} // namespace keel::app
