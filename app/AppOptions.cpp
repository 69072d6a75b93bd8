// AppOptions: command-line parsing with QCommandLineParser (no application object needed).
#include "AppOptions.h"

#include "TransferArguments.h"
#include "providers/Provider.h"
#include "providers/ProviderPresets.h"
#include "ui/settings/SettingsDialog.h" // the --settings page names

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>

namespace keel::app {

namespace {

// Parsing runs before the translator is installed: main parses again for the help and error
// texts once it is, so that these come out in the user's language.
struct AppOptionsText {
    Q_DECLARE_TR_FUNCTIONS(AppOptions)
};

QString usageText(const QCommandLineParser& parser)
{
    QString presets;
    for (const core::ProviderPreset& preset : core::providerPresets())
        presets += QStringLiteral("  %1%2\n").arg(preset.id.leftJustified(23), preset.name);
    // No application object exists yet to name the program.
    QString text = parser.helpText();
    text.replace(QStringLiteral("<executable_name>"), QStringLiteral("keel"));
    return text + AppOptionsText::tr(R"(
Commands:
  (none)                 Start the desktop app.
  ask [PROMPT | -]       Send one prompt and stream the reply to stdout (reasoning to
                         stderr). "-" or no PROMPT reads the prompt from standard input.
                         --json prints one JSON object per event and line.
                         The model is offered the profile's tools (the MCP servers of
                         mcp.json and the built-in tools); a call runs only when
                         --allow-tool NAME or --allow-all-tools allows it, any other is
                         denied and the model told so. --no-tools offers none.
  models                 List the provider's models (--json: one JSON document).
  history list           List saved conversations (newest first).
  history show ID        Print conversation ID's current branch, oldest first.
  history search QUERY   Search titles and messages; matches are shown as [..].
                         history reads the saved chats without changing them (safe
                         while the app runs); --json prints one JSON document.
  providers list         List the configured providers and where their keys are kept
                         (never the keys); --json prints one JSON array.
  providers add --name N (--kind K | --preset P) [--base-url URL] [--model M]
                [--api-key-stdin [--allow-secret-file]]
                         Configure a provider (URL: the kind's default when omitted; M:
                         its default model). --api-key-stdin reads its API key from the
                         first line of standard input into the system keychain; where
                         no keychain is available, --allow-secret-file keeps it in a
                         file of the profile readable only by you.
  providers remove N     Remove provider N (name or id) and its stored key.
  mcp import FILE        Add the MCP servers of FILE (Claude Desktop's
                         claude_desktop_config.json, or any JSON file with an
                         "mcpServers" object) to the profile's mcp.json; servers of
                         the same name are replaced.
  mcp list               List the configured MCP servers (--json: one JSON array).
  mcp tools SERVER       Start SERVER and list its tools (--json: one JSON array with
                         each tool's input schema).
  mcp call SERVER TOOL [ARGS_JSON]
                         Call TOOL of SERVER with ARGS_JSON (a JSON object, default
                         {}): progress on stderr, the result on stdout; exit code 1
                         when the tool reports an error. --json prints one JSON object
                         per event and line. Ctrl+C cancels the call.
)") + transferHelpText()
           + AppOptionsText::tr(R"(
Which provider ask and models use: the one the flags describe (--preset,
--provider-kind, --base-url, --api-key-env), else --provider N, else the provider of the
configured default model, else the environment variables below. The model: --model, else
the provider's default model, else KEEL_MODEL. A configured provider brings its stored
key, the chat defaults and the network settings (proxy, timeouts) of the profile.

Provider kinds: openai, anthropic, gemini, ollama.
Presets (--preset):
)") + presets
           + AppOptionsText::tr(R"(
Environment:
  OPENAI_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY (or GOOGLE_API_KEY)
                         API key of each kind (or the variable named by --api-key-env)
  OPENAI_BASE_URL, ANTHROPIC_BASE_URL, OLLAMA_HOST
                         Base URL when --base-url is not given
  KEEL_MODEL             Model to use when neither --model nor the provider names one
)");
}

// The variable a kind's key usually lives in; Gemini's docs use both names.
QStringList keyVariablesFor(const QString& kind)
{
    if (kind == QStringLiteral("anthropic"))
        return {QStringLiteral("ANTHROPIC_API_KEY")};
    if (kind == QStringLiteral("gemini"))
        return {QStringLiteral("GEMINI_API_KEY"), QStringLiteral("GOOGLE_API_KEY")};
    if (kind == QStringLiteral("ollama"))
        return {QStringLiteral("OLLAMA_API_KEY")}; // only behind an authenticating proxy
    return {QStringLiteral("OPENAI_API_KEY")};
}

// keel mcp ACTION ...: false when the words do not make a command.
bool parseMcpCommand(const QStringList& positional, AppOptions* options)
{
    const QString action = positional.value(1);
    const qsizetype count = positional.size();
    if (action == QStringLiteral("import") && count == 3) {
        options->mcpFile = positional[2];
    } else if (action == QStringLiteral("list") && count == 2) {
    } else if (action == QStringLiteral("tools") && count == 3) {
        options->mcpServer = positional[2];
    } else if (action == QStringLiteral("call") && (count == 4 || count == 5)) {
        options->mcpServer = positional[2];
        options->mcpTool = positional[3];
        options->mcpArguments = count == 5 ? positional[4] : QStringLiteral("{}");
    } else {
        return false;
    }
    options->mcpAction = action;
    return true;
}

} // namespace

QString defaultModel(const QString& kind)
{
    if (kind == QStringLiteral("anthropic"))
        return QStringLiteral("claude-sonnet-4-5");
    if (kind == QStringLiteral("gemini"))
        return QStringLiteral("gemini-2.5-flash");
    if (kind == QStringLiteral("ollama"))
        return QStringLiteral("llama3.2");
    return QStringLiteral("gpt-4o-mini");
}

ParseResult parseArguments(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        AppOptionsText::tr("Keel, a native desktop chat client for LLMs."));
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  AppOptionsText::tr("Show this help."));
    const QCommandLineOption version(QStringLiteral("version"),
                                     AppOptionsText::tr("Show the version."));
    const QCommandLineOption profile(QStringLiteral("profile"),
                                     AppOptionsText::tr("Keep all config and data in DIR."),
                                     QStringLiteral("DIR"));
    const QCommandLineOption provider(
        QStringLiteral("provider"),
        AppOptionsText::tr("Use the configured provider N (name or id; see providers list)."),
        QStringLiteral("N"));
    const QCommandLineOption preset(QStringLiteral("preset"),
                                    AppOptionsText::tr("Use the provider preset NAME (see below)."),
                                    QStringLiteral("NAME"));
    const QCommandLineOption kind({QStringLiteral("provider-kind"), QStringLiteral("kind")},
                                  AppOptionsText::tr("Wire protocol: openai, anthropic, gemini or "
                                                     "ollama (default openai)."),
                                  QStringLiteral("K"));
    const QCommandLineOption baseUrl(QStringLiteral("base-url"),
                                     AppOptionsText::tr("Base URL of the provider."),
                                     QStringLiteral("URL"));
    const QCommandLineOption model(QStringLiteral("model"), AppOptionsText::tr("Model name."),
                                   QStringLiteral("M"));
    const QCommandLineOption keyEnv(QStringLiteral("api-key-env"),
                                    AppOptionsText::tr("Read the API key from variable VAR."),
                                    QStringLiteral("VAR"));
    const QCommandLineOption name(QStringLiteral("name"),
                                  AppOptionsText::tr("providers add: the provider's name."),
                                  QStringLiteral("N"));
    const QCommandLineOption keyStdin(
        QStringLiteral("api-key-stdin"),
        AppOptionsText::tr(
            "providers add: read the API key from the first line of standard input."));
    const QCommandLineOption secretFile(
        QStringLiteral("allow-secret-file"),
        AppOptionsText::tr("providers add: where no keychain is available, keep the key in a file "
                           "of the profile readable only by you."));
    const QCommandLineOption system(QStringLiteral("system"), AppOptionsText::tr("System prompt."),
                                    QStringLiteral("TEXT"));
    const QCommandLineOption idle(QStringLiteral("idle-timeout"),
                                  AppOptionsText::tr("Give up after S seconds without data "
                                                     "(default 600; 0 = never)."),
                                  QStringLiteral("S"));
    const QCommandLineOption json(QStringLiteral("json"),
                                  AppOptionsText::tr("ask, models, history, providers list, mcp, "
                                                     "import: print JSON."));
    const QCommandLineOption allowTool(
        QStringLiteral("allow-tool"),
        AppOptionsText::tr("ask: run the tool NAME when the model calls it (the name the model "
                           "sees, or SERVER/TOOL). Repeatable."),
        QStringLiteral("NAME"));
    const QCommandLineOption allowAllTools(
        QStringLiteral("allow-all-tools"),
        AppOptionsText::tr("ask: run every tool the model calls, except those set to deny in the "
                           "Tools settings."));
    const QCommandLineOption noTools(QStringLiteral("no-tools"),
                                     AppOptionsText::tr("ask: offer the model no tools."));
    const QCommandLineOption send(QStringLiteral("send"),
                                  AppOptionsText::tr("GUI: send TEXT once the window is up."),
                                  QStringLiteral("TEXT"));
    const QCommandLineOption open(
        QStringLiteral("open"),
        AppOptionsText::tr("GUI: open conversation ID once the window is up "
                           "(--send then goes into it)."),
        QStringLiteral("ID"));
    const QCommandLineOption quitWhenIdle(
        QStringLiteral("quit-when-idle"),
        AppOptionsText::tr("GUI: quit once the list is shown, the --open conversation painted and "
                           "the --send turn over."));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                        AppOptionsText::tr("GUI: save the window to FILE on quit."),
                                        QStringLiteral("FILE"));
    const QCommandLineOption windowSize(
        QStringLiteral("window-size"),
        AppOptionsText::tr("GUI: open the window at WIDTHxHEIGHT pixels (scripted screenshots)."),
        QStringLiteral("WxH"));
    const QCommandLineOption settingsPage(
        QStringLiteral("settings"),
        AppOptionsText::tr(
            "GUI: open the Settings dialog on PAGE once the window is up: providers, "
            "chat, assistants, tools, appearance or network (--screenshot then saves the "
            "dialog)."),
        QStringLiteral("PAGE"));
    const QCommandLineOption diagnostics(
        QStringLiteral("diagnostics"),
        AppOptionsText::tr("GUI: write latency, heartbeat, start-up, open and memory figures to "
                           "FILE on exit."),
        QStringLiteral("FILE"));
    const QCommandLineOption effort(QStringLiteral("reasoning-effort"),
                                    AppOptionsText::tr("Reasoning effort: low, medium or high."),
                                    QStringLiteral("E"));
    const QCommandLineOption budget(
        QStringLiteral("thinking-budget"),
        AppOptionsText::tr("Thinking budget in tokens (Anthropic extended "
                           "thinking, Gemini thinking)."),
        QStringLiteral("N"));
    parser.addOptions(
        {help,        version,      profile,   provider,      preset,     kind,         baseUrl,
         model,       keyEnv,       name,      keyStdin,      secretFile, system,       idle,
         effort,      budget,       json,      send,          open,       quitWhenIdle, screenshot,
         diagnostics, settingsPage, allowTool, allowAllTools, noTools,    windowSize});
    parser.addOptions(transferOptions());
    parser.addPositionalArgument(
        QStringLiteral("command"), AppOptionsText::tr("A command (below), or nothing for the app."),
        QStringLiteral("[ask [PROMPT | -] | models | history ... | providers ... | mcp ... | "
                       "export ... | import ...]"));

    ParseResult result;
    const bool parsed = parser.parse(arguments);
    result.profileDir = parser.value(profile); // what was read of it, even after an error
    if (!parsed) {
        result.error = parser.errorText();
        return result;
    }
    AppOptions options;
    options.helpText = usageText(parser);
    if (parser.isSet(help)) {
        options.mode = Mode::Help;
        result.options = options;
        return result;
    }
    if (parser.isSet(version)) {
        options.mode = Mode::Version;
        result.options = options;
        return result;
    }

    const TransferFlags transferFlags = parsedTransferFlags(parser);
    const QStringList positional = parser.positionalArguments();
    if (!positional.isEmpty()) {
        const QString command = positional.first();
        if (command == QStringLiteral("ask")) {
            options.mode = Mode::Ask;
            if (positional.size() > 2) {
                result.error =
                    AppOptionsText::tr("ask takes one PROMPT; quote it if it has spaces.");
                return result;
            }
            options.prompt = positional.size() == 2 ? positional[1] : QStringLiteral("-");
        } else if (command == QStringLiteral("models") && positional.size() == 1) {
            options.mode = Mode::Models;
        } else if (command == QStringLiteral("history")) {
            options.mode = Mode::History;
            const QString action = positional.value(1);
            if (action == QStringLiteral("list") && positional.size() == 2) {
                options.historyAction = action;
            } else if (action == QStringLiteral("show") && positional.size() == 3) {
                options.historyAction = action;
                bool ok = false;
                options.historyConversationId = positional[2].toLongLong(&ok);
                if (!ok || options.historyConversationId <= 0) {
                    result.error = AppOptionsText::tr("history show needs a conversation ID (a "
                                                      "number, see keel history list).");
                    return result;
                }
            } else if (action == QStringLiteral("search") && positional.size() >= 3) {
                options.historyAction = action;
                options.historyQuery = positional.mid(2).join(QLatin1Char(' '));
            } else {
                result.error = AppOptionsText::tr("Usage: keel history list | show ID | search "
                                                  "QUERY [--json]");
                return result;
            }
        } else if (command == QStringLiteral("providers")) {
            options.mode = Mode::Providers;
            const QString action = positional.value(1);
            if ((action == QStringLiteral("list") || action == QStringLiteral("add"))
                && positional.size() == 2) {
                options.providersAction = action;
            } else if (action == QStringLiteral("remove") && positional.size() == 3) {
                options.providersAction = action;
                options.providerTarget = positional[2];
            } else {
                result.error = AppOptionsText::tr(
                    "Usage: keel providers list [--json] | add --name N (--kind K | --preset P) "
                    "[--base-url URL] [--model M] [--api-key-stdin [--allow-secret-file]] | "
                    "remove N");
                return result;
            }
        } else if (command == QStringLiteral("mcp")) {
            options.mode = Mode::Mcp;
            if (!parseMcpCommand(positional, &options)) {
                result.error =
                    AppOptionsText::tr("Usage: keel mcp import FILE | list | tools SERVER "
                                       "| call SERVER TOOL [ARGS_JSON] [--json]");
                return result;
            }
        } else if (command == QStringLiteral("export") || command == QStringLiteral("import")) {
            result.error = parseTransferCommand(positional, transferFlags, &options);
            if (!result.error.isEmpty())
                return result;
        } else {
            result.error = AppOptionsText::tr("Unknown command \"%1\". Try --help.").arg(command);
            return result;
        }
    }

    options.profileDir = parser.value(profile);
    result.error = misplacedTransferFlag(options.mode, transferFlags);
    if (!result.error.isEmpty())
        return result;
    options.json = parser.isSet(json);
    options.allowedTools = parser.values(allowTool);
    options.allowAllTools = parser.isSet(allowAllTools);
    options.noTools = parser.isSet(noTools);
    for (const QCommandLineOption* askOnly : {&allowTool, &allowAllTools, &noTools}) {
        if (options.mode != Mode::Ask && parser.isSet(*askOnly)) {
            result.error =
                AppOptionsText::tr("--%1 is an option of keel ask.").arg(askOnly->names().first());
            return result;
        }
    }
    if (options.noTools && (options.allowAllTools || !options.allowedTools.isEmpty())) {
        result.error = AppOptionsText::tr("--no-tools does not go with --allow-tool or "
                                          "--allow-all-tools.");
        return result;
    }

    const bool adding = options.providersAction == QStringLiteral("add");
    for (const QCommandLineOption* addOnly : {&name, &keyStdin, &secretFile}) {
        if (!adding && parser.isSet(*addOnly)) {
            result.error = AppOptionsText::tr("--%1 is an option of keel providers add.")
                               .arg(addOnly->names().first());
            return result;
        }
    }
    if (options.mode == Mode::Providers) {
        if (parser.isSet(provider) || parser.isSet(keyEnv)) {
            result.error =
                AppOptionsText::tr("keel providers takes neither --provider nor "
                                   "--api-key-env (the key comes from --api-key-stdin).");
            return result;
        }
        if (adding) {
            options.addName = parser.value(name);
            options.addKind = parser.value(kind).trimmed().toLower();
            options.addBaseUrl = parser.value(baseUrl).trimmed();
            options.model = parser.value(model).trimmed();
            options.apiKeyStdin = parser.isSet(keyStdin);
            options.allowSecretFile = parser.isSet(secretFile);
            if (!parser.isSet(name)) {
                result.error = AppOptionsText::tr("providers add needs --name N.");
                return result;
            }
            if (options.addKind.isEmpty() && !parser.isSet(preset)) {
                result.error =
                    AppOptionsText::tr("providers add needs --kind K (openai, anthropic, "
                                       "gemini or ollama) or --preset P.");
                return result;
            }
            if (options.allowSecretFile && !options.apiKeyStdin) {
                result.error = AppOptionsText::tr("--allow-secret-file goes with --api-key-stdin.");
                return result;
            }
        }
    }

    options.providerName = parser.value(provider).trimmed();
    options.providerFromCommandLine =
        parser.isSet(preset) || parser.isSet(kind) || parser.isSet(baseUrl) || parser.isSet(keyEnv);
    if (parser.isSet(provider) && options.mode != Mode::Providers) {
        if (options.providerName.isEmpty()) {
            result.error = AppOptionsText::tr("--provider needs the name of a configured provider "
                                              "(see keel providers list).");
            return result;
        }
        if (options.providerFromCommandLine) {
            result.error = AppOptionsText::tr("--provider names a configured provider; it does not "
                                              "go with --preset, --provider-kind, --base-url or "
                                              "--api-key-env.");
            return result;
        }
    }

    QStringList keyVariables;
    if (parser.isSet(preset)) {
        const auto found = core::findPreset(parser.value(preset));
        if (!found) {
            result.error = AppOptionsText::tr("Unknown preset \"%1\". Try --help for the list.")
                               .arg(parser.value(preset));
            return result;
        }
        options.preset = found->id;
        options.provider = found->config();
        if (!found->apiKeyEnv.isEmpty())
            keyVariables << found->apiKeyEnv;
        if (parser.isSet(kind) && parser.value(kind).toLower() != found->kind) {
            result.error = AppOptionsText::tr("The preset \"%1\" speaks %2, not %3.")
                               .arg(found->id, found->kind, parser.value(kind));
            return result;
        }
        // A preset's URL is a default like any other: the kind's environment variable wins.
        options.provider.baseUrl.clear();
        if (found->kind == QStringLiteral("openai") && found->id != QStringLiteral("openai"))
            options.provider.baseUrl = found->baseUrl;
    } else {
        options.provider.kind =
            parser.isSet(kind) ? parser.value(kind).toLower() : QStringLiteral("openai");
        if (!core::providerKinds().contains(options.provider.kind)) {
            result.error =
                AppOptionsText::tr("Unknown provider kind \"%1\": use openai, anthropic, "
                                   "gemini or ollama.")
                    .arg(options.provider.kind);
            return result;
        }
        keyVariables = keyVariablesFor(options.provider.kind);
    }
    if (options.mode != Mode::Providers) {
        if (parser.isSet(keyEnv))
            keyVariables = {parser.value(keyEnv)};
        for (const QString& variable : keyVariables) {
            options.provider.apiKey = qEnvironmentVariable(variable.toLocal8Bit().constData());
            options.apiKeyVariable = variable;
            if (!options.provider.apiKey.isEmpty())
                break;
        }
        if (parser.isSet(baseUrl))
            options.provider.baseUrl = parser.value(baseUrl);
        options.modelFromCommandLine = parser.isSet(model);
        options.model =
            options.modelFromCommandLine ? parser.value(model) : qEnvironmentVariable("KEEL_MODEL");
    }

    options.systemPrompt = parser.value(system);
    options.systemPromptFromCommandLine = parser.isSet(system);
    if (parser.isSet(idle)) {
        bool ok = false;
        const double seconds = parser.value(idle).toDouble(&ok);
        if (!ok || seconds < 0) {
            result.error = AppOptionsText::tr("--idle-timeout needs a number of seconds.");
            return result;
        }
        options.idleTimeoutMs = static_cast<int>(seconds * 1000);
        options.idleTimeoutFromCommandLine = true;
    }
    options.reasoningEffort = parser.value(effort).trimmed().toLower();
    if (!options.reasoningEffort.isEmpty()
        && !QStringList{QStringLiteral("low"), QStringLiteral("medium"), QStringLiteral("high")}
                .contains(options.reasoningEffort)) {
        result.error = AppOptionsText::tr("--reasoning-effort is low, medium or high.");
        return result;
    }
    if (parser.isSet(budget)) {
        bool ok = false;
        const int tokens = parser.value(budget).toInt(&ok);
        if (!ok || tokens < 0) {
            result.error = AppOptionsText::tr("--thinking-budget needs a number of tokens.");
            return result;
        }
        options.thinkingBudgetTokens = tokens;
    }
    options.sendText = parser.value(send);
    if (parser.isSet(open)) {
        bool ok = false;
        options.openConversationId = parser.value(open).toLongLong(&ok);
        if (!ok || options.openConversationId <= 0) {
            result.error = AppOptionsText::tr("--open needs a conversation ID (a number, see keel "
                                              "history list).");
            return result;
        }
    }
    options.quitWhenIdle = parser.isSet(quitWhenIdle);
    options.screenshotPath = parser.value(screenshot);
    if (parser.isSet(windowSize)) {
        const QStringList parts = parser.value(windowSize).toLower().split(QLatin1Char('x'));
        const int width = parts.size() == 2 ? parts.at(0).toInt() : 0;
        const int height = parts.size() == 2 ? parts.at(1).toInt() : 0;
        if (width < 200 || height < 200 || width > 10000 || height > 10000) {
            result.error = AppOptionsText::tr("--window-size takes WIDTHxHEIGHT in pixels, e.g. "
                                              "1280x900.");
            return result;
        }
        options.windowSize = QSize(width, height);
    }
    if (parser.isSet(settingsPage)) {
        options.settingsPage = parser.value(settingsPage).toLower();
        if (!ui::SettingsDialog::pageNamed(options.settingsPage)) {
            result.error = AppOptionsText::tr("--settings takes one of: %1.")
                               .arg(ui::SettingsDialog::pageNames().join(QStringLiteral(", ")));
            return result;
        }
    }
    options.diagnosticsPath = parser.value(diagnostics);

    result.options = options;
    return result;
}

void applyProfile(const QString& profileDir, ProfileFolders folders)
{
    if (profileDir.isEmpty())
        return;
    const QDir root(QDir(profileDir).absolutePath());
    const bool create = folders == ProfileFolders::Create;
    if (create)
        root.mkpath(QStringLiteral("."));
    const auto point = [&root, create](const char* variable, const QString& sub) {
        if (create)
            root.mkpath(sub);
        qputenv(variable, root.filePath(sub).toLocal8Bit());
    };
    point("XDG_CONFIG_HOME", QStringLiteral("config"));
    point("XDG_DATA_HOME", QStringLiteral("data"));
    point("XDG_CACHE_HOME", QStringLiteral("cache"));
    point("XDG_STATE_HOME", QStringLiteral("state"));
}

} // namespace keel::app
