// AppOptions: the command line of `keel` (GUI and subcommands) and the provider settings it
// resolves from options and environment variables.
#pragma once

#include "chat/ChatTypes.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace keel::app {

enum class Mode { Gui, Ask, Help, Version };

struct AppOptions {
    Mode mode = Mode::Gui;
    QString profileDir;
    core::ProviderConfig provider;
    QString model;
    QString systemPrompt;
    int idleTimeoutMs = 600'000;
    // GUI automation and measurement
    QString sendText;
    bool quitWhenIdle = false;
    QString screenshotPath;
    QString diagnosticsPath;
    // keel ask
    bool json = false;
    QString prompt; // "-" reads standard input
    QString helpText;
};

struct ParseResult {
    std::optional<AppOptions> options;
    QString error; // human, for stderr, when options is empty
};

// Parses arguments (argv[0] first). Environment: OPENAI_API_KEY (or the variable named by
// --api-key-env), OPENAI_BASE_URL, KEEL_MODEL.
ParseResult parseArguments(const QStringList& arguments);

// Points every QStandardPaths location at DIR by setting the XDG variables, so that nothing a
// run with --profile does touches the real user's files. Call before Q*Application exists.
void applyProfile(const QString& profileDir);

} // namespace keel::app
