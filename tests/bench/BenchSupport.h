// BenchSupport: what keel-bench needs to watch other processes: running a client to the end
// with its own CPU time (posix_spawn + wait4), sampling a running process from /proc (CPU time,
// resident memory, context switches of all its threads), waiting for it to settle, medians, and
// the environment every child gets (offscreen, no proxies, no keys or session bus of the user).
#pragma once

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <optional>
#include <sys/types.h>

namespace keel::bench {

// One client run to its end.
struct ChildRun {
    bool started = false;
    int exitCode = -1; // -1: killed by a signal (or not started)
    double wallSeconds = 0;
    double cpuSeconds = 0; // user + system of the child and its threads
    QString error;         // why it did not start
};

// Runs program with arguments and env, stdout to stdoutPath (e.g. /dev/null), stderr to
// stderrPath, and waits for it. Blocks the calling thread: servers must run on threads of their
// own (LoopbackLlmServer does).
ChildRun runToEnd(const QString& program, const QStringList& arguments,
                  const QProcessEnvironment& env, const QString& stdoutPath,
                  const QString& stderrPath);

// A running process as /proc shows it.
struct ProcSample {
    bool ok = false;
    double cpuSeconds = 0; // user + system, all threads
    double rssMb = 0;      // VmRSS, MiB
    qint64 wakeups = 0;    // voluntary + nonvoluntary context switches summed over all threads
    double atSeconds = 0;  // monotonic clock when sampled
};
ProcSample sampleProcess(qint64 pid);

// Runs the caller's event loop for ms (a measurement window, or the pace of a poll).
void waitMs(int ms);

// Polls pid every 250 ms until it did not wake up at all for quietMs, or until timeoutMs has
// passed. Returns the sample taken at the end (ok false if the process is gone); *quiet says
// whether it settled.
ProcSample waitUntilQuiet(qint64 pid, int quietMs, int timeoutMs, bool* quiet);

double median(QList<double> values);
double monotonicSeconds();

// The environment of every child: offscreen Qt, no proxies, no provider keys or base URLs of
// the user, and no session bus (no keychain prompts, no accessibility bus), as scripts/test.
QProcessEnvironment childEnvironment();

// Drops a file's pages from the page cache (written out first), so the next reader gets it
// from the disk. No root needed for a file of one's own.
bool evictFromPageCache(const QString& path);

} // namespace keel::bench
