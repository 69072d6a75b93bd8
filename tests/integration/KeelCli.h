// KeelCli: running the real keel binary from a CLI test: in a --profile, with an environment
// that holds no provider, proxy or keychain of the machine, stdin written and closed, and the
// output collected.
#pragma once

#include "../support/TestEnvironment.h"

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QStringList>

namespace keel::test {

struct CliRun {
    int exitCode = -1; // -1: did not start, crashed or was killed after the timeout
    QByteArray out;
    QByteArray err;
};

// No provider from the machine, no proxies, and a dead session bus (no keychain: keys go to
// the profile's secret file where a test allows it).
inline QProcessEnvironment cliEnvironment()
{
    QProcessEnvironment env = keel::test::environmentWithoutUserProviders();
    env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
               QStringLiteral("unix:path=/nonexistent"));
    return env;
}

inline CliRun runKeelCli(const QString& profile, const QStringList& arguments,
                         const QByteArray& input = {},
                         const QProcessEnvironment& env = cliEnvironment(), int timeoutMs = 60000)
{
    QProcess process;
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(KEEL_BINARY),
                  QStringList{QStringLiteral("--profile"), profile} + arguments);
    CliRun run;
    if (!process.waitForStarted(10000))
        return run;
    process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(timeoutMs))
        process.kill();
    process.waitForFinished(5000);
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

inline QString describe(const CliRun& run)
{
    return QStringLiteral("exit %1\nstdout: %2\nstderr: %3")
        .arg(run.exitCode)
        .arg(QString::fromUtf8(run.out), QString::fromUtf8(run.err));
}

} // namespace keel::test
