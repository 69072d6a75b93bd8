// BenchSupport: child processes, /proc sampling and small statistics for keel-bench.
#include "BenchSupport.h"

#include "TestEnvironment.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QTimer>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace keel::bench {

namespace {

QByteArray readProcFile(const QString& path)
{
    // /proc files report a size of 0: read until the end rather than by size.
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

qint64 statusField(const QByteArray& status, const QByteArray& name)
{
    for (const QByteArray& line : status.split('\n')) {
        if (line.startsWith(name))
            return line.mid(name.size()).trimmed().split(' ').constFirst().toLongLong();
    }
    return 0;
}

double seconds(const timeval& value)
{
    return double(value.tv_sec) + double(value.tv_usec) / 1e6;
}

} // namespace

double monotonicSeconds()
{
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now);
    return double(now.tv_sec) + double(now.tv_nsec) / 1e9;
}

ChildRun runToEnd(const QString& program, const QStringList& arguments,
                  const QProcessEnvironment& env, const QString& stdoutPath,
                  const QString& stderrPath)
{
    ChildRun run;
    std::vector<QByteArray> argStore{QFile::encodeName(program)};
    for (const QString& argument : arguments)
        argStore.push_back(argument.toLocal8Bit());
    std::vector<char*> argv;
    for (QByteArray& argument : argStore)
        argv.push_back(argument.data());
    argv.push_back(nullptr);
    std::vector<QByteArray> envStore;
    for (const QString& entry : env.toStringList())
        envStore.push_back(entry.toLocal8Bit());
    std::vector<char*> envp;
    for (QByteArray& entry : envStore)
        envp.push_back(entry.data());
    envp.push_back(nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    const QByteArray out = QFile::encodeName(stdoutPath);
    const QByteArray err = QFile::encodeName(stderrPath);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, out.constData(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0644);
    posix_spawn_file_actions_addopen(&actions, 2, err.constData(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0644);
    const double start = monotonicSeconds();
    pid_t pid = 0;
    const int spawned =
        posix_spawnp(&pid, argv.front(), &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) {
        run.error = QString::fromLocal8Bit(std::strerror(spawned));
        return run;
    }
    run.started = true;
    int status = 0;
    rusage usage{};
    pid_t reaped = -1;
    do {
        reaped = wait4(pid, &status, 0, &usage);
    } while (reaped < 0 && errno == EINTR);
    run.wallSeconds = monotonicSeconds() - start;
    if (reaped != pid) {
        run.error = QString::fromLocal8Bit(std::strerror(errno));
        return run;
    }
    run.cpuSeconds = seconds(usage.ru_utime) + seconds(usage.ru_stime);
    run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return run;
}

ProcSample sampleProcess(qint64 pid)
{
    ProcSample sample;
    sample.atSeconds = monotonicSeconds();
    const QString base = QStringLiteral("/proc/%1").arg(pid);
    const QByteArray stat = readProcFile(base + QStringLiteral("/stat"));
    const qsizetype commEnd = stat.lastIndexOf(')'); // the command name may hold spaces
    if (commEnd < 0)
        return sample;
    const QList<QByteArray> fields = stat.mid(commEnd + 2).split(' ');
    // Fields 14 and 15 (utime, stime) of stat(5); the list starts at field 3.
    if (fields.size() < 13)
        return sample;
    const double ticks = double(sysconf(_SC_CLK_TCK));
    sample.cpuSeconds = double(fields[14 - 3].toLongLong() + fields[15 - 3].toLongLong()) / ticks;
    sample.rssMb =
        double(statusField(readProcFile(base + QStringLiteral("/status")), "VmRSS:")) / 1024.0;
    const QStringList tasks =
        QDir(base + QStringLiteral("/task")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString& task : tasks) {
        const QByteArray status =
            readProcFile(base + QStringLiteral("/task/") + task + QStringLiteral("/status"));
        sample.wakeups += statusField(status, "voluntary_ctxt_switches:")
                          + statusField(status, "nonvoluntary_ctxt_switches:");
    }
    sample.ok = !tasks.isEmpty();
    return sample;
}

void waitMs(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, Qt::PreciseTimer, &loop, &QEventLoop::quit);
    loop.exec();
}

ProcSample waitUntilQuiet(qint64 pid, int quietMs, int timeoutMs, bool* quiet)
{
    const double deadline = monotonicSeconds() + timeoutMs / 1000.0;
    ProcSample last = sampleProcess(pid);
    double quietSince = last.atSeconds;
    *quiet = false;
    while (last.ok && monotonicSeconds() < deadline) {
        waitMs(250);
        const ProcSample now = sampleProcess(pid);
        if (!now.ok)
            return now;
        if (now.wakeups != last.wakeups)
            quietSince = now.atSeconds;
        last = now;
        if ((now.atSeconds - quietSince) * 1000.0 >= quietMs) {
            *quiet = true;
            break;
        }
    }
    return last;
}

double median(QList<double> values)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const qsizetype middle = values.size() / 2;
    return values.size() % 2 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
}

QProcessEnvironment childEnvironment()
{
    QProcessEnvironment env = keel::test::environmentWithoutUserProviders();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("qt.qpa.*=false"));
    env.insert(QStringLiteral("NO_PROXY"), QStringLiteral("127.0.0.1,localhost,::1"));
    env.insert(QStringLiteral("no_proxy"), QStringLiteral("127.0.0.1,localhost,::1"));
    env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
    return env;
}

bool evictFromPageCache(const QString& path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY);
    if (fd < 0)
        return false;
    const bool ok = ::fdatasync(fd) == 0 && ::posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED) == 0;
    ::close(fd);
    return ok;
}

} // namespace keel::bench
