// main: picks the mode from the command line and builds the matching composition: the desktop
// app (QApplication + GuiSession) or a headless command (QCoreApplication + core only).
#include "AppOptions.h"
#include "AskCommand.h"
#include "CoreThread.h"
#include "ExportCommand.h"
#include "GuiSession.h"
#include "HistoryCommand.h"
#include "ImportCommand.h"
#include "McpCommand.h"
#include "ModelsCommand.h"
#include "ProvidersCommand.h"
#include "SettingsRuntime.h"
#include "TerminationWatcher.h"
#include "Translations.h"

#include <QApplication>
#include <QCoreApplication>
#include <QDir>
#include <QGuiApplication>
#include <QIcon>
#include <QTimer>

#include <cstdio>
#include <memory>
#include <type_traits>

using namespace keel;

namespace {

struct MainText {
    Q_DECLARE_TR_FUNCTIONS(Main)
};

QStringList rawArguments(int argc, char** argv)
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    return arguments;
}

void printError(const QString& message)
{
    std::fprintf(stderr, "keel: %s\n", message.toUtf8().constData());
}

// A settings file that could not be read was moved aside and defaults used: the user is told.
void printLoadNotices(const core::Settings& settings)
{
    for (const QString& notice : settings.loadNotices())
        printError(MainText::tr("warning: %1").arg(notice));
}

// A headless command on the core loop (no widgets): ask, models. Its provider comes from the
// flags, the settings or the environment (chooseProvider); a configured provider's key is read
// from the keychain first. Ctrl+C cancels it, and the command decides what that means (ask
// prints what it has and exits 130).
template <typename Command>
int runCoreCommand(int argc, char** argv, const app::AppOptions& options)
{
    QCoreApplication application(argc, argv);
    app::Translations translations;
    translations.installForProfile();
    app::SettingsRuntime runtime(options.profileDir);
    runtime.start();
    core::Settings& settings = runtime.settings();
    printLoadNotices(settings);
    const app::ProviderChoice choice = app::chooseProvider(options, settings);
    if (!choice.error.isEmpty()) {
        printError(choice.error);
        runtime.stop();
        return 2;
    }

    core::CoreThread core;
    std::unique_ptr<Command> command;
    bool begun = false;
    int exitCode = 0;
    const auto finish = [&exitCode](int code) {
        exitCode = code;
        QCoreApplication::quit();
    };
    const auto begin = [&] {
        begun = true;
        command = std::make_unique<Command>(options, app::commandRequest(options, settings, choice),
                                            core.engine());
        if constexpr (std::is_same_v<Command, app::AskCommand>)
            command->setTools(settings.mcpServers(), app::askToolOptions(options, settings));
        QObject::connect(command.get(), &Command::done, &application, finish);
        if (!command->start())
            finish(2);
    };
    app::TerminationWatcher termination;
    QObject::connect(&termination, &app::TerminationWatcher::terminationRequested, &application,
                     [&] {
                         if (command)
                             command->cancel();
                         else
                             finish(130);
                     });
    if (choice.entry && settings.isKeyPending(choice.entry->id)) {
        const QString providerId = choice.entry->id;
        const QString name = choice.entry->name;
        QObject::connect(&settings, &core::Settings::keyLoaded, &application,
                         [&, providerId, name](const QString& id, const QString& error) {
                             if (id != providerId || begun)
                                 return;
                             if (error.isEmpty()) {
                                 begin();
                                 return;
                             }
                             begun = true;
                             printError(MainText::tr("Cannot read the API key of provider "
                                                     "“%1”: %2")
                                            .arg(name, error));
                             finish(1);
                         });
    } else {
        QTimer::singleShot(0, &application, begin); // quit() only works once exec() runs
    }
    core.start();
    application.exec();
    core.stop();
    command.reset();
    runtime.stop();
    return exitCode;
}

// keel providers: configuration only, no core loop. Ends once the settings thread has written
// everything (SettingsRuntime::stop); a save that failed makes the exit code 1.
int runProviders(int argc, char** argv, const app::AppOptions& options)
{
    QCoreApplication application(argc, argv);
    app::Translations translations;
    translations.installForProfile();
    app::SettingsRuntime runtime(options.profileDir);
    runtime.start();
    printLoadNotices(runtime.settings());
    app::ProvidersCommand command(options, &runtime.settings());
    int exitCode = 0;
    QObject::connect(&command, &app::ProvidersCommand::done, &application, [&exitCode](int code) {
        exitCode = code;
        QCoreApplication::quit();
    });
    app::TerminationWatcher termination;
    QObject::connect(&termination, &app::TerminationWatcher::terminationRequested, &application,
                     [&exitCode] {
                         exitCode = 130;
                         QCoreApplication::quit();
                     });
    bool saveFailed = false;
    QObject::connect(&runtime.settings(), &core::Settings::saveFailed, &application,
                     [&saveFailed](const QString& message) {
                         printError(message);
                         saveFailed = true;
                     });
    QTimer::singleShot(0, &command, &app::ProvidersCommand::start);
    application.exec();
    runtime.stop();
    // The last saves ran during stop(); a failure among them is still in this thread's queue.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::MetaCall);
    return saveFailed && exitCode == 0 ? 1 : exitCode;
}

// keel mcp: import and list only touch the configuration; tools and call run servers on the
// core loop. Ctrl+C cancels a running call. A save that failed (import) makes the exit code 1.
int runMcp(int argc, char** argv, const app::AppOptions& options)
{
    QCoreApplication application(argc, argv);
    app::Translations translations;
    translations.installForProfile();
    app::SettingsRuntime runtime(options.profileDir);
    runtime.start();
    printLoadNotices(runtime.settings());
    core::CoreThread core;
    app::McpCommand command(options, &runtime.settings(), core.engine());
    int exitCode = 0;
    QObject::connect(&command, &app::McpCommand::done, &application, [&exitCode](int code) {
        exitCode = code;
        QCoreApplication::quit();
    });
    app::TerminationWatcher termination;
    QObject::connect(&termination, &app::TerminationWatcher::terminationRequested, &command,
                     &app::McpCommand::cancel);
    bool saveFailed = false;
    QObject::connect(&runtime.settings(), &core::Settings::saveFailed, &application,
                     [&saveFailed](const QString& message) {
                         printError(message);
                         saveFailed = true;
                     });
    QTimer::singleShot(0, &command, &app::McpCommand::start);
    core.start();
    application.exec();
    core.stop();
    runtime.stop();
    // The last saves ran during stop(); a failure among them is still in this thread's queue.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::MetaCall);
    return saveFailed && exitCode == 0 ? 1 : exitCode;
}

// Reads the database read-only on this thread: a headless command has no GUI to keep
// responsive. The application object is there for the SQL driver plugin.
int runHistory(int argc, char** argv, const app::AppOptions& options)
{
    QCoreApplication application(argc, argv);
    app::Translations translations;
    translations.installForProfile();
    return app::HistoryCommand(options).run();
}

// keel export: one conversation is written on this thread; --all on a worker while the event
// loop waits for it or for Ctrl+C. PDF is rendering, which needs a QGuiApplication: the
// offscreen platform, since the CLI never shows a window (and may have no display).
int runExport(int argc, char** argv, const app::AppOptions& options)
{
    std::unique_ptr<QCoreApplication> application;
    if (options.exportFormat == core::ExportFormat::Pdf) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
        application = std::make_unique<QGuiApplication>(argc, argv);
    } else {
        application = std::make_unique<QCoreApplication>(argc, argv);
    }
    app::Translations translations;
    translations.installForProfile();
    app::ExportCommand command(options);
    if (!options.exportAll)
        return command.exportOne();
    int exitCode = 0;
    QObject::connect(&command, &app::ExportCommand::done, application.get(), [&exitCode](int code) {
        exitCode = code;
        QCoreApplication::quit();
    });
    app::TerminationWatcher termination;
    QObject::connect(&termination, &app::TerminationWatcher::terminationRequested, &command,
                     &app::ExportCommand::cancel);
    QTimer::singleShot(0, &command, &app::ExportCommand::start);
    application->exec();
    return exitCode;
}

// keel import: read, convert and write on a worker (one transaction); Ctrl+C rolls it back.
int runImport(int argc, char** argv, const app::AppOptions& options)
{
    QCoreApplication application(argc, argv);
    app::Translations translations;
    translations.installForProfile();
    app::ImportCommand command(options);
    int exitCode = 0;
    QObject::connect(&command, &app::ImportCommand::done, &application, [&exitCode](int code) {
        exitCode = code;
        QCoreApplication::quit();
    });
    app::TerminationWatcher termination;
    QObject::connect(&termination, &app::TerminationWatcher::terminationRequested, &command,
                     &app::ImportCommand::cancel);
    QTimer::singleShot(0, &command, &app::ImportCommand::start);
    application.exec();
    return exitCode;
}

// Every size cmake/Icons.cmake rendered from resources/icons/keel.svg (:/icons/N/keel.png): each
// size drawn for itself, no scaling blur.
QIcon applicationIcon()
{
    QIcon icon;
    const QDir sizes(QStringLiteral(":/icons"));
    for (const QString& size : sizes.entryList(QDir::Dirs | QDir::NoDotAndDotDot))
        icon.addFile(sizes.filePath(size + QStringLiteral("/keel.png")));
    return icon;
}

int runGui(int argc, char** argv, const app::AppOptions& options)
{
    QApplication application(argc, argv);
    // Before any widget exists: the window is built in the chosen language.
    app::Translations translations;
    translations.installForProfile();
    QApplication::setApplicationDisplayName(QStringLiteral("Keel"));
    QApplication::setDesktopFileName(QStringLiteral(KEEL_APP_ID));
    QApplication::setWindowIcon(applicationIcon());
    app::GuiSession session(options);
    app::TerminationWatcher termination;
    QObject::connect(&termination, &app::TerminationWatcher::terminationRequested, &application,
                     &QApplication::quit);
    session.start();
    const int code = application.exec();
    const int finishCode = session.finish();
    return code != 0 ? code : finishCode;
}

// The help and the command-line errors once more, in the user's language: the first parse ran
// before an application object (and so a translator) could exist. Only looks into the profile
// (its language setting); creates nothing there.
int printHelpOrError(const QStringList& arguments, const QString& profileDir)
{
    app::applyProfile(profileDir, app::ProfileFolders::LookOnly);
    // The help names the program after argv[0]: "keel" however it was started, as it did when
    // parsed without an application object.
    int argc = 1;
    char name[] = "keel";
    char* argv[] = {name, nullptr};
    QCoreApplication application(argc, argv);
    app::Translations translations;
    translations.installForProfile();
    const app::ParseResult parsed = app::parseArguments(arguments);
    if (!parsed.options) {
        printError(parsed.error);
        return 2;
    }
    std::fputs(qPrintable(parsed.options->helpText), stdout);
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication::setApplicationName(QStringLiteral("keel"));
    QCoreApplication::setApplicationVersion(QStringLiteral(KEEL_VERSION));

    const QStringList arguments = rawArguments(argc, argv);
    const app::ParseResult parsed = app::parseArguments(arguments);
    if (!parsed.options || parsed.options->mode == app::Mode::Help)
        return printHelpOrError(arguments, parsed.profileDir);
    const app::AppOptions& options = *parsed.options;
    switch (options.mode) {
    case app::Mode::Help:
        break; // printed above
    case app::Mode::Version:
        std::printf("keel %s (Qt %s)\n", KEEL_VERSION, qVersion()); // Qt's at run time
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
    case app::Mode::Providers:
        app::applyProfile(options.profileDir);
        return runProviders(argc, argv, options);
    case app::Mode::Mcp:
        app::applyProfile(options.profileDir);
        return runMcp(argc, argv, options);
    case app::Mode::Export:
        app::applyProfile(options.profileDir);
        return runExport(argc, argv, options);
    case app::Mode::Import:
        app::applyProfile(options.profileDir);
        return runImport(argc, argv, options);
    case app::Mode::Gui:
        app::applyProfile(options.profileDir);
        return runGui(argc, argv, options);
    }
    return 0;
}
