// BenchGui: the real desktop app (`keel`, offscreen, throwaway profiles) measured from outside
// and by its own --diagnostics: GUI event-loop latency while 5,000 tokens/s stream in, start-up
// to the first painted conversation list (empty profile and 10,000 conversations), resident
// memory idle and with a 5,000-message conversation open, CPU while a reply streams at 100
// tokens/s, and CPU and wake-ups of a window left alone (idle means idle). Runs that measure
// the app at rest use no measuring option at all (no --diagnostics: its watchdog probes the GUI
// every 10 ms), and are ended with SIGTERM, which must close the app cleanly (exit code 0).
#pragma once

#include "BenchReport.h"

namespace keel::bench {

Section measureGuiLatency(const BenchConfig& config);
Section measureStreamingCpu(const BenchConfig& config);
// historyDatabase: a generated history (BenchHistory) with the long conversation's id.
Section measureStartAndRest(const BenchConfig& config, const QString& historyDatabase,
                            qint64 longConversationId);

} // namespace keel::bench
