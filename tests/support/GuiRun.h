// GuiRun: runs the real `keel` desktop binary (offscreen, in a throwaway profile) for one
// prompt with --quit-when-idle and --diagnostics, and returns the diagnostics it wrote. Used by
// the slow tests and the benchmarks, which measure the app exactly as users run it.
#pragma once

#include "TestEnvironment.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

#include <functional>

namespace keel::test {

struct GuiRunResult {
    bool ok = false;
    QString failure; // why ok is false
    QJsonObject diagnostics;
    QByteArray standardError;
    QString screenshotPath;
};

inline GuiRunResult runGuiOnce(const QString& keelBinary, const QString& baseUrl,
                               const QString& prompt, int timeoutMs,
                               const QStringList& extraArguments = {},
                               const std::function<void(const QString& profile)>& prepare = {})
{
    GuiRunResult result;
    static QTemporaryDir dir; // kept for the process lifetime so screenshots can be inspected
    const QString profile = dir.filePath(QStringLiteral("profile"));
    const QString diagnostics = dir.filePath(QStringLiteral("diagnostics.json"));
    result.screenshotPath = dir.filePath(QStringLiteral("window.png"));
    QFile::remove(diagnostics);
    if (prepare)
        prepare(profile); // e.g. configuration files the run needs

    QProcessEnvironment env = environmentWithoutUserProviders();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    QProcess keel;
    keel.setProcessEnvironment(env);
    keel.setProcessChannelMode(QProcess::SeparateChannels);
    keel.start(keelBinary,
               QStringList{QStringLiteral("--profile"), profile, QStringLiteral("--base-url"),
                           baseUrl, QStringLiteral("--model"), QStringLiteral("test-model"),
                           QStringLiteral("--send"), prompt, QStringLiteral("--quit-when-idle"),
                           QStringLiteral("--screenshot"), result.screenshotPath,
                           QStringLiteral("--diagnostics"), diagnostics}
                   + extraArguments);
    if (!keel.waitForStarted(10000)) {
        result.failure = QStringLiteral("keel did not start: ") + keel.errorString();
        return result;
    }
    // This (test) thread only waits on the child; the server under test runs on its own thread.
    if (!keel.waitForFinished(timeoutMs)) {
        keel.kill();
        keel.waitForFinished(5000);
        result.failure = QStringLiteral("keel did not quit in time");
        result.standardError = keel.readAllStandardError();
        return result;
    }
    result.standardError = keel.readAllStandardError();
    if (keel.exitStatus() != QProcess::NormalExit || keel.exitCode() != 0) {
        result.failure = QStringLiteral("keel exited with %1: %2")
                             .arg(keel.exitCode())
                             .arg(QString::fromLocal8Bit(result.standardError));
        return result;
    }
    QFile file(diagnostics);
    if (!file.open(QIODevice::ReadOnly)) {
        result.failure = QStringLiteral("no diagnostics file was written");
        return result;
    }
    result.diagnostics = QJsonDocument::fromJson(file.readAll()).object();
    result.ok = !result.diagnostics.isEmpty();
    if (!result.ok)
        result.failure = QStringLiteral("the diagnostics file is not a JSON object");
    return result;
}

} // namespace keel::test
