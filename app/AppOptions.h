// AppOptions: the command line of `keel` (GUI and subcommands) and the ad-hoc provider settings
// it resolves from the flags and environment variables.
#pragma once

#include "chat/ChatTypes.h"
#include "transfer/TransferTypes.h"

#include <QSize>
#include <QString>
#include <QStringList>

#include <optional>

namespace keel::app {

enum class Mode { Gui, Ask, Models, History, Providers, Mcp, Export, Import, Help, Version };

struct AppOptions {
    Mode mode = Mode::Gui;
    QString profileDir;
    // The provider described by the flags (--preset, --provider-kind, --base-url, --api-key-env)
    // or, without them, by the environment variables. Used when providerFromCommandLine, or when
    // nothing is configured.
    core::ProviderConfig provider;
    // The environment variable the ad-hoc provider's key came from (or was looked for in): auth
    // errors name it. Worded when the request is made, once the translator is installed.
    QString apiKeyVariable;
    bool providerFromCommandLine = false; // one of the four flags above was given
    QString preset; // --preset, as its id ("" = none); the ad-hoc provider's, or providers add's
    QString providerName;              // --provider N: a configured provider (name or id)
    QString model;                     // --model, else KEEL_MODEL; empty: none given
    bool modelFromCommandLine = false; // --model (KEEL_MODEL ranks below configured providers)
    QString systemPrompt;
    bool systemPromptFromCommandLine = false;
    QString reasoningEffort;                 // low / medium / high, where the provider has it
    std::optional<int> thinkingBudgetTokens; // Anthropic / Gemini thinking budget
    int idleTimeoutMs = 600'000;
    bool idleTimeoutFromCommandLine = false;
    // GUI automation and measurement
    QString sendText;
    qint64 openConversationId = 0; // 0: none
    bool quitWhenIdle = false;
    QString screenshotPath;
    QSize windowSize;     // --window-size; invalid: the window's own (remembered) size
    QString settingsPage; // --settings PAGE: open the Settings dialog on it ("" = not)
    QString diagnosticsPath;
    // keel ask
    bool json = false;
    QString prompt; // "-" reads standard input
    // Tools for ask: --allow-tool NAME (the name the model sees, or "server/tool"),
    // --allow-all-tools, --no-tools. Calls not allowed are denied and the model is told.
    QStringList allowedTools;
    bool allowAllTools = false;
    bool noTools = false;
    // keel history
    QString historyAction; // list, show or search
    qint64 historyConversationId = 0;
    QString historyQuery;
    // keel providers list | add | remove
    QString providersAction;
    QString providerTarget; // remove: name or id
    QString addName;
    QString addKind; // "" with --preset: the preset's
    QString addBaseUrl;
    bool apiKeyStdin = false;
    bool allowSecretFile = false;
    // keel mcp import FILE | list | tools SERVER | call SERVER TOOL [ARGS_JSON]
    QString mcpAction;
    QString mcpFile;      // import
    QString mcpServer;    // tools, call
    QString mcpTool;      // call
    QString mcpArguments; // call: JSON object text ("{}" when not given)
    // keel export ID | --all -o PATH [--format F]
    qint64 exportConversationId = 0; // 0 with --all
    bool exportAll = false;
    // From --format, else (one conversation) the extension of -o, else (--all) json for a
    // PATH ending in .json and Markdown for a folder.
    core::ExportFormat exportFormat = core::ExportFormat::Json;
    QString outputPath; // -o
    // keel import FILE [--replace]
    QString importFile;
    bool importReplace = false; // --replace: conversations imported before are replaced
    QString helpText;
};

struct ParseResult {
    std::optional<AppOptions> options;
    QString error;      // human, for stderr, when options is empty
    QString profileDir; // --profile, also when parsing failed: its language setting applies
};

// Parses arguments (argv[0] first). The ad-hoc provider comes from --preset or --provider-kind
// (default openai); its key from --api-key-env or the kind's usual variable (OPENAI_API_KEY,
// ANTHROPIC_API_KEY, GEMINI_API_KEY / GOOGLE_API_KEY); an empty base URL means the provider's
// default (OPENAI_BASE_URL, ANTHROPIC_BASE_URL, OLLAMA_HOST ...). KEEL_MODEL names the model.
ParseResult parseArguments(const QStringList& arguments);

// Points every QStandardPaths location at DIR by setting the XDG variables, so that nothing a
// run with --profile does touches the real user's files. Call before Q*Application exists.
// Creates the folders unless told a look is all that is needed (printing the help).
enum class ProfileFolders { Create, LookOnly };
void applyProfile(const QString& profileDir, ProfileFolders folders = ProfileFolders::Create);

// A reasonable model to start the GUI with when none was given.
QString defaultModel(const QString& kind);

} // namespace keel::app
