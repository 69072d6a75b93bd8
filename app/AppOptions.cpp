// AppOptions: command-line parsing with QCommandLineParser (no application object needed).
#include "AppOptions.h"

#include <QCommandLineParser>
#include <QDir>

namespace keel::app {

namespace {

constexpr auto kDefaultBaseUrl = "https://api.openai.com/v1";
constexpr auto kDefaultKeyVariable = "OPENAI_API_KEY";

QString usageText(const QCommandLineParser& parser)
{
    return parser.helpText() + QStringLiteral(R"(
Commands:
  (none)                 Start the desktop app.
  ask [PROMPT | -]       Send one prompt and stream the reply to stdout (reasoning to
                         stderr). "-" or no PROMPT reads the prompt from standard input.
                         --json prints one JSON object per event and line.

Environment:
  OPENAI_API_KEY         API key (or the variable named by --api-key-env)
  OPENAI_BASE_URL        Base URL of an OpenAI-compatible server
  KEEL_MODEL             Model to use when --model is not given
)");
}

} // namespace

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
                                  QStringLiteral("ask: print events as JSON lines."));
    const QCommandLineOption send(QStringLiteral("send"),
                                  QStringLiteral("GUI: send TEXT once the window is up."),
                                  QStringLiteral("TEXT"));
    const QCommandLineOption quitWhenIdle(QStringLiteral("quit-when-idle"),
                                          QStringLiteral("GUI: quit after the last turn ends."));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                        QStringLiteral("GUI: save the window to FILE on quit."),
                                        QStringLiteral("FILE"));
    const QCommandLineOption diagnostics(
        QStringLiteral("diagnostics"),
        QStringLiteral("GUI: write latency and heartbeat figures to FILE on exit."),
        QStringLiteral("FILE"));
    parser.addOptions({help, version, profile, baseUrl, model, keyEnv, system, idle, json, send,
                       quitWhenIdle, screenshot, diagnostics});
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("ask, or nothing."),
                                 QStringLiteral("[ask [PROMPT | -]]"));

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
        if (positional.first() != QStringLiteral("ask")) {
            result.error =
                QStringLiteral("Unknown command \"%1\". Try --help.").arg(positional.first());
            return result;
        }
        options.mode = Mode::Ask;
        if (positional.size() > 2) {
            result.error = QStringLiteral("ask takes one PROMPT; quote it if it has spaces.");
            return result;
        }
        options.prompt = positional.size() == 2 ? positional[1] : QStringLiteral("-");
    }

    options.profileDir = parser.value(profile);
    const QString keyVariable =
        parser.isSet(keyEnv) ? parser.value(keyEnv) : QString::fromLatin1(kDefaultKeyVariable);
    options.provider.kind = QStringLiteral("openai");
    options.provider.apiKey = qEnvironmentVariable(keyVariable.toLocal8Bit().constData());
    options.provider.apiKeySource = QStringLiteral("the environment variable %1").arg(keyVariable);
    options.provider.baseUrl =
        parser.isSet(baseUrl) ? parser.value(baseUrl) : qEnvironmentVariable("OPENAI_BASE_URL");
    if (options.provider.baseUrl.isEmpty())
        options.provider.baseUrl = QString::fromLatin1(kDefaultBaseUrl);
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
    options.json = parser.isSet(json);
    options.sendText = parser.value(send);
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
