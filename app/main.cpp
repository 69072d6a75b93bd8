// main: picks the mode from the command line and builds the matching composition: the desktop
// app (QApplication + GuiSession) or a headless command (QCoreApplication + core only).
#include "AppOptions.h"
#include "AskCommand.h"
#include "CoreThread.h"
#include "GuiSession.h"
#include "HistoryCommand.h"
#include "ModelsCommand.h"
#include "TerminationWatcher.h"

#include <QApplication>
#include <QCoreApplication>

#include <cstdio>

using namespace keel;

namespace {

QStringList rawArguments(int argc, char** argv)
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    return arguments;
}

// A headless command on the core loop (no widgets): ask, models. Ctrl+C cancels it, and the
// command decides what that means (ask prints what it has and exits 130).
template <typename Command>
int runCoreCommand(int argc, char** argv, const app::AppOptions& options)
{
    QCoreApplication application(argc, argv);
    core::CoreThread core;
    Command command(options, core.engine());
    int exitCode = 0;
    QObject::connect(&command, &Command::done, &application, [&](int code) {
        exitCode = code;
        QCoreApplication::quit();
    });
    app::TerminationWatcher termination;
    QObject::connect(&termination, &app::TerminationWatcher::terminationRequested, &command,
                     &Command::cancel);
    core.start();
    if (!command.start())
        return 2;
    application.exec();
    core.stop();
    return exitCode;
}

// Reads the database read-only on this thread: a headless command has no GUI to keep
// responsive. The application object is there for the SQL driver plugin.
int runHistory(int argc, char** argv, const app::AppOptions& options)
{
    QCoreApplication application(argc, argv);
    return app::HistoryCommand(options).run();
}

int runGui(int argc, char** argv, const app::AppOptions& options)
{
    QApplication application(argc, argv);
    QApplication::setApplicationDisplayName(QStringLiteral("Keel"));
    QApplication::setDesktopFileName(QStringLiteral("keel"));
    app::GuiSession session(options);
    app::TerminationWatcher termination;
    QObject::connect(&termination, &app::TerminationWatcher::terminationRequested, &application,
                     &QApplication::quit);
    session.start();
    const int code = application.exec();
    const int finishCode = session.finish();
    return code != 0 ? code : finishCode;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication::setApplicationName(QStringLiteral("keel"));
    QCoreApplication::setApplicationVersion(QStringLiteral(KEEL_VERSION));

    const app::ParseResult parsed = app::parseArguments(rawArguments(argc, argv));
    if (!parsed.options) {
        std::fprintf(stderr, "keel: %s\n", qPrintable(parsed.error));
        return 2;
    }
    const app::AppOptions& options = *parsed.options;
    switch (options.mode) {
    case app::Mode::Help:
        std::fputs(qPrintable(options.helpText), stdout);
        return 0;
    case app::Mode::Version:
        std::printf("keel %s\n", KEEL_VERSION);
        return 0;
    case app::Mode::Ask:
        app::applyProfile(options.profileDir);
        return runCoreCommand<app::AskCommand>(argc, argv, options);
    case app::Mode::Models:
        app::applyProfile(options.profileDir);
        return runCoreCommand<app::ModelsCommand>(argc, argv, options);
    case app::Mode::History:
        app::applyProfile(options.profileDir);
        return runHistory(argc, argv, options);
    case app::Mode::Gui:
        app::applyProfile(options.profileDir);
        return runGui(argc, argv, options);
    }
    return 0;
}
