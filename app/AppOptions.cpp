// AppOptions: command-line parsing with QCommandLineParser (no application object needed).
#include "AppOptions.h"

#include "providers/Provider.h"
#include "providers/ProviderPresets.h"

#include <QCommandLineParser>
#include <QDir>

namespace keel::app {

namespace {

QString usageText(const QCommandLineParser& parser)
{
    QString presets;
    for (const core::ProviderPreset& preset : core::providerPresets())
        presets += QStringLiteral("  %1%2\n").arg(preset.id.leftJustified(23), preset.name);
    return parser.helpText() + QStringLiteral(R"(
Commands:
  (none)                 Start the desktop app.
  ask [PROMPT | -]       Send one prompt and stream the reply to stdout (reasoning to
                         stderr). "-" or no PROMPT reads the prompt from standard input.
                         --json prints one JSON object per event and line.
  models                 List the provider's models (--json: one JSON document).
  history list           List saved conversations (newest first).
  history show ID        Print conversation ID's current branch, oldest first.
  history search QUERY   Search titles and messages; matches are shown as [..].
                         history reads the saved chats without changing them (safe
                         while the app runs); --json prints one JSON document.

Provider kinds: openai, anthropic, gemini, ollama.
Presets (--preset):
)") + presets
           + QStringLiteral(R"(
Environment:
  OPENAI_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY (or GOOGLE_API_KEY)
                         API key of each kind (or the variable named by --api-key-env)
  OPENAI_BASE_URL, ANTHROPIC_BASE_URL, OLLAMA_HOST
                         Base URL when --base-url is not given
  KEEL_MODEL             Model to use when --model is not given
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
        QStringLiteral("Keel, a native desktop chat client for LLMs."));
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help."));
    const QCommandLineOption version(QStringLiteral("version"),
                                     QStringLiteral("Show the version."));
    const QCommandLineOption profile(QStringLiteral("profile"),
                                     QStringLiteral("Keep all config and data in DIR."),
                                     QStringLiteral("DIR"));
    const QCommandLineOption preset(QStringLiteral("preset"),
                                    QStringLiteral("Use the provider preset NAME (see below)."),
                                    QStringLiteral("NAME"));
    const QCommandLineOption kind(QStringLiteral("provider-kind"),
                                  QStringLiteral("Wire protocol: openai, anthropic, gemini or "
                                                 "ollama (default openai)."),
                                  QStringLiteral("K"));
    const QCommandLineOption baseUrl(QStringLiteral("base-url"),
                                     QStringLiteral("Base URL of the provider."),
                                     QStringLiteral("URL"));
    const QCommandLineOption model(QStringLiteral("model"), QStringLiteral("Model name."),
                                   QStringLiteral("M"));
    const QCommandLineOption keyEnv(QStringLiteral("api-key-env"),
                                    QStringLiteral("Read the API key from variable VAR."),
                                    QStringLiteral("VAR"));
    const QCommandLineOption system(QStringLiteral("system"), QStringLiteral("System prompt."),
                                    QStringLiteral("TEXT"));
    const QCommandLineOption idle(QStringLiteral("idle-timeout"),
                                  QStringLiteral("Give up after S seconds without data "
                                                 "(default 600; 0 = never)."),
                                  QStringLiteral("S"));
    const QCommandLineOption json(QStringLiteral("json"),
                                  QStringLiteral("ask, models, history: print JSON."));
    const QCommandLineOption send(QStringLiteral("send"),
                                  QStringLiteral("GUI: send TEXT once the window is up."),
                                  QStringLiteral("TEXT"));
    const QCommandLineOption open(QStringLiteral("open"),
                                  QStringLiteral("GUI: open conversation ID once the window is up "
                                                 "(--send then goes into it)."),
                                  QStringLiteral("ID"));
    const QCommandLineOption quitWhenIdle(
        QStringLiteral("quit-when-idle"),
        QStringLiteral("GUI: quit once the list is shown, the --open conversation painted and "
                       "the --send turn over."));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                        QStringLiteral("GUI: save the window to FILE on quit."),
                                        QStringLiteral("FILE"));
    const QCommandLineOption diagnostics(
        QStringLiteral("diagnostics"),
        QStringLiteral("GUI: write latency, heartbeat, start-up, open and memory figures to "
                       "FILE on exit."),
        QStringLiteral("FILE"));
    const QCommandLineOption effort(QStringLiteral("reasoning-effort"),
                                    QStringLiteral("Reasoning effort: low, medium or high."),
                                    QStringLiteral("E"));
    const QCommandLineOption budget(QStringLiteral("thinking-budget"),
                                    QStringLiteral("Thinking budget in tokens (Anthropic extended "
                                                   "thinking, Gemini thinking)."),
                                    QStringLiteral("N"));
    parser.addOptions({help, version, profile, preset, kind, baseUrl, model, keyEnv, system, idle,
                       effort, budget, json, send, open, quitWhenIdle, screenshot, diagnostics});
    parser.addPositionalArgument(QStringLiteral("command"),
                                 QStringLiteral("ask or models, or nothing for the app."),
                                 QStringLiteral("[ask [PROMPT | -] | models | history ...]"));

    ParseResult result;
    if (!parser.parse(arguments)) {
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

    const QStringList positional = parser.positionalArguments();
    if (!positional.isEmpty()) {
        const QString command = positional.first();
        if (command == QStringLiteral("ask")) {
            options.mode = Mode::Ask;
            if (positional.size() > 2) {
                result.error = QStringLiteral("ask takes one PROMPT; quote it if it has spaces.");
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
                    result.error = QStringLiteral("history show needs a conversation ID (a "
                                                  "number, see keel history list).");
                    return result;
                }
            } else if (action == QStringLiteral("search") && positional.size() >= 3) {
                options.historyAction = action;
                options.historyQuery = positional.mid(2).join(QLatin1Char(' '));
            } else {
                result.error = QStringLiteral("Usage: keel history list | show ID | search "
                                              "QUERY [--json]");
                return result;
            }
        } else {
            result.error = QStringLiteral("Unknown command \"%1\". Try --help.").arg(command);
            return result;
        }
    }

    options.profileDir = parser.value(profile);

    QStringList keyVariables;
    if (parser.isSet(preset)) {
        const auto found = core::findPreset(parser.value(preset));
        if (!found) {
            result.error = QStringLiteral("Unknown preset \"%1\". Try --help for the list.")
                               .arg(parser.value(preset));
            return result;
        }
        options.provider = found->config();
        if (!found->apiKeyEnv.isEmpty())
            keyVariables << found->apiKeyEnv;
        if (parser.isSet(kind) && parser.value(kind).toLower() != found->kind) {
            result.error = QStringLiteral("The preset \"%1\" speaks %2, not %3.")
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
            result.error = QStringLiteral("Unknown provider kind \"%1\": use openai, anthropic, "
                                          "gemini or ollama.")
                               .arg(options.provider.kind);
            return result;
        }
        keyVariables = keyVariablesFor(options.provider.kind);
    }
    if (parser.isSet(keyEnv))
        keyVariables = {parser.value(keyEnv)};
    for (const QString& variable : keyVariables) {
        options.provider.apiKey = qEnvironmentVariable(variable.toLocal8Bit().constData());
        options.provider.apiKeySource = QStringLiteral("the environment variable %1").arg(variable);
        if (!options.provider.apiKey.isEmpty())
            break;
    }
    if (parser.isSet(baseUrl))
        options.provider.baseUrl = parser.value(baseUrl);

    options.model = parser.isSet(model) ? parser.value(model) : qEnvironmentVariable("KEEL_MODEL");
    options.systemPrompt = parser.value(system);
    if (parser.isSet(idle)) {
        bool ok = false;
        const double seconds = parser.value(idle).toDouble(&ok);
        if (!ok || seconds < 0) {
            result.error = QStringLiteral("--idle-timeout needs a number of seconds.");
            return result;
        }
        options.idleTimeoutMs = static_cast<int>(seconds * 1000);
    }
    options.reasoningEffort = parser.value(effort).trimmed().toLower();
    if (!options.reasoningEffort.isEmpty()
        && !QStringList{QStringLiteral("low"), QStringLiteral("medium"), QStringLiteral("high")}
                .contains(options.reasoningEffort)) {
        result.error = QStringLiteral("--reasoning-effort is low, medium or high.");
        return result;
    }
    if (parser.isSet(budget)) {
        bool ok = false;
        const int tokens = parser.value(budget).toInt(&ok);
        if (!ok || tokens < 0) {
            result.error = QStringLiteral("--thinking-budget needs a number of tokens.");
            return result;
        }
        options.thinkingBudgetTokens = tokens;
    }
    options.json = parser.isSet(json);
    options.sendText = parser.value(send);
    if (parser.isSet(open)) {
        bool ok = false;
        options.openConversationId = parser.value(open).toLongLong(&ok);
        if (!ok || options.openConversationId <= 0) {
            result.error = QStringLiteral("--open needs a conversation ID (a number, see keel "
                                          "history list).");
            return result;
        }
    }
    options.quitWhenIdle = parser.isSet(quitWhenIdle);
    options.screenshotPath = parser.value(screenshot);
    options.diagnosticsPath = parser.value(diagnostics);

    if (options.mode == Mode::Ask && options.model.isEmpty()) {
        result.error = QStringLiteral("No model given: use --model M or set KEEL_MODEL.");
        return result;
    }
    result.options = options;
    return result;
}

void applyProfile(const QString& profileDir)
{
    if (profileDir.isEmpty())
        return;
    const QDir root(QDir(profileDir).absolutePath());
    root.mkpath(QStringLiteral("."));
    const auto point = [&root](const char* variable, const QString& sub) {
        root.mkpath(sub);
        qputenv(variable, root.filePath(sub).toLocal8Bit());
    };
    point("XDG_CONFIG_HOME", QStringLiteral("config"));
    point("XDG_DATA_HOME", QStringLiteral("data"));
    point("XDG_CACHE_HOME", QStringLiteral("cache"));
    point("XDG_STATE_HOME", QStringLiteral("state"));
}

} // namespace keel::app
