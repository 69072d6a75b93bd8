// McpCommand: the four `keel mcp` actions. Import and list only read and write configuration;
// tools and call start servers on the core loop and wait for its answers (queued signals).
#include "McpCommand.h"

#include "CliOutput.h"
#include "Engine.h"
#include "mcp/McpConfig.h"
#include "settings/ConfigFile.h"
#include "settings/Settings.h"
#include "store/StorePaths.h"
#include "tools/ToolInvocation.h"

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTimer>
#include <QUuid>

#include <algorithm>

namespace keel::app {

namespace {

using json = nlohmann::ordered_json; // keys in reading order ("name" first)

constexpr int kExitInterrupted = 130; // the shell's convention for SIGINT
constexpr int kExitUsage = 2;
// After Ctrl+C the cancelled call answers at once; this only guards against a lost answer.
constexpr int kCancelGraceMs = 5000;

void writeDocument(const json& document)
{
    writeOut(stdout, QByteArray::fromStdString(
                         document.dump(2, ' ', false, json::error_handler_t::replace) + '\n'));
}

// An argument as a shell would need it typed.
QString shellQuoted(const QString& word)
{
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9_@%+=:,./-]+$"));
    if (plain.match(word).hasMatch())
        return word;
    QString quoted = word;
    quoted.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

QString commandLine(const core::McpServerConfig& server)
{
    QStringList words{shellQuoted(server.command)};
    for (const QString& arg : server.args)
        words << shellQuoted(arg);
    return words.join(QLatin1Char(' '));
}

json stringArray(const QStringList& list)
{
    json array = json::array();
    for (const QString& item : list)
        array.push_back(utf8(item));
    return array;
}

// Columns padded to the widest cell, the last one left ragged.
QString table(const QList<QStringList>& rows)
{
    QList<qsizetype> widths(rows.value(0).size(), 0);
    for (const QStringList& row : rows) {
        for (qsizetype i = 0; i < row.size() && i < widths.size(); ++i)
            widths[i] = std::max(widths[i], row[i].size());
    }
    QString text;
    for (const QStringList& row : rows) {
        QString line;
        for (qsizetype i = 0; i < row.size(); ++i)
            line += i + 1 < row.size() ? row[i].leftJustified(widths[i] + 2) : row[i];
        text += line + QLatin1Char('\n');
    }
    return text;
}

} // namespace

McpCommand::McpCommand(AppOptions options, core::Settings* settings, core::Engine* engine,
                       QObject* parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_settings(settings)
    , m_engine(engine)
{
    connect(engine, &core::Engine::mcpServerInspected, this, &McpCommand::onInspected,
            Qt::QueuedConnection);
    connect(engine, &core::Engine::toolCallUpdated, this, &McpCommand::onToolCallUpdated,
            Qt::QueuedConnection);
    connect(engine, &core::Engine::mcpServerStatusChanged, this, &McpCommand::onServerStatus,
            Qt::QueuedConnection);
}

void McpCommand::start()
{
    const QString& action = m_options.mcpAction;
    if (action == QStringLiteral("import"))
        importFile();
    else if (action == QStringLiteral("list"))
        list();
    else if (action == QStringLiteral("tools"))
        inspect();
    else if (action == QStringLiteral("call"))
        call();
    else
        finish(kExitUsage);
}

void McpCommand::cancel()
{
    if (m_finished)
        return;
    const bool calling = m_options.mcpAction == QStringLiteral("call") && !m_requestId.isEmpty();
    if (!calling) {
        finish(kExitInterrupted);
        return;
    }
    m_cancelled = true;
    // The call is the engine's only invocation outside a turn (callMcpTool parents it to the
    // engine); cancelling it sends notifications/cancelled and answers with a final event.
    core::Engine* engine = m_engine;
    QMetaObject::invokeMethod(
        engine,
        [engine] {
            const auto calls =
                engine->findChildren<core::ToolInvocation*>(Qt::FindDirectChildrenOnly);
            for (core::ToolInvocation* invocation : calls)
                invocation->cancel(QStringLiteral("Cancelled by the user."));
        },
        Qt::QueuedConnection);
    QTimer::singleShot(kCancelGraceMs, this, [this] { finish(kExitInterrupted); });
}

void McpCommand::finish(int exitCode)
{
    if (m_finished)
        return;
    m_finished = true;
    Q_EMIT done(exitCode);
}

void McpCommand::finishAfterCoreLoopTurn(int exitCode)
{
    // QProcess writes when its loop polls, and a zero timer fires only after a poll: once it
    // has, notifications/cancelled has left for the server, which quitting then kills.
    // `this` outlives the core thread (main joins it before destroying the command).
    core::Engine* engine = m_engine;
    QMetaObject::invokeMethod(
        engine,
        [this, engine, exitCode] {
            QTimer::singleShot(0, engine, [this, exitCode] {
                QMetaObject::invokeMethod(
                    this, [this, exitCode] { finish(exitCode); }, Qt::QueuedConnection);
            });
        },
        Qt::QueuedConnection);
}

std::optional<core::McpServerConfig> McpCommand::server(const QString& name) const
{
    const QList<core::McpServerConfig>& servers = m_settings->mcpServers();
    for (Qt::CaseSensitivity sensitivity : {Qt::CaseSensitive, Qt::CaseInsensitive}) {
        for (const core::McpServerConfig& config : servers) {
            if (config.name.compare(name, sensitivity) == 0)
                return config;
        }
    }
    QStringList names;
    for (const core::McpServerConfig& config : servers)
        names << config.name;
    const QString known = names.isEmpty() ? tr("none is configured; add some with keel mcp "
                                               "import FILE")
                                          : tr("configured: %1").arg(names.join(", "));
    printCliError(tr("No MCP server named \"%1\" in %2 (%3).")
                      .arg(name, m_settings->paths().mcpFile(), known));
    return std::nullopt;
}

void McpCommand::configureEngine()
{
    core::Engine* engine = m_engine;
    const QList<core::McpServerConfig> servers = m_settings->mcpServers();
    const QString logDir = core::defaultLogDirectory();
    QMetaObject::invokeMethod(
        engine, [engine, servers, logDir] { engine->setMcpServers(servers, logDir, false); },
        Qt::QueuedConnection);
}

void McpCommand::importFile()
{
    const QString path = m_options.mcpFile;
    QFile file(path);
    if (!QFileInfo(path).isFile() || !file.open(QIODevice::ReadOnly)) {
        printCliError(
            tr("Cannot read %1: %2")
                .arg(path, QFileInfo::exists(path) ? file.errorString() : tr("no such file")));
        finish(1);
        return;
    }
    const core::McpConfigParse parse = core::parseMcpConfig(file.readAll());
    if (!parse.ok()) {
        printCliError(QStringLiteral("%1: %2").arg(path, parse.error));
        finish(1);
        return;
    }
    for (const QString& warning : parse.warnings)
        printCliError(tr("warning: %1: %2").arg(path, warning));
    if (parse.servers.isEmpty()) {
        printCliError(tr("%1 has no MCP server Keel can use; nothing was imported.").arg(path));
        finish(1);
        return;
    }
    const core::McpMerge merge = core::mergeMcpServers(m_settings->mcpServers(), parse.servers);
    // Saved on the settings thread; a write that fails is reported by the caller (saveFailed).
    m_settings->setMcpServers(merge.servers);
    const QString target = m_settings->paths().mcpFile();
    if (m_options.json) {
        writeDocument({{"file", utf8(path)},
                       {"config", utf8(target)},
                       {"added", stringArray(merge.added)},
                       {"replaced", stringArray(merge.replaced)},
                       {"unchanged", stringArray(merge.unchanged)},
                       {"warnings", stringArray(parse.warnings)}});
        finish(0);
        return;
    }
    QString text;
    for (const auto& [label, names] : {std::pair{QStringLiteral("added"), merge.added},
                                       std::pair{QStringLiteral("replaced"), merge.replaced},
                                       std::pair{QStringLiteral("unchanged"), merge.unchanged}}) {
        for (const QString& name : names)
            text += QStringLiteral("%1 %2\n").arg(label.leftJustified(9), name);
    }
    text += merge.added.isEmpty() && merge.replaced.isEmpty()
                ? tr("Nothing changed in %1.").arg(target) + QLatin1Char('\n')
                : tr("Saved %1 servers to %2.").arg(merge.servers.size()).arg(target)
                      + QLatin1Char('\n');
    writeOut(stdout, text.toUtf8());
    finish(0);
}

void McpCommand::list()
{
    const QList<core::McpServerConfig>& servers = m_settings->mcpServers();
    for (const QString& warning : m_settings->mcpConfigWarnings())
        printCliError(tr("warning: %1: %2").arg(m_settings->paths().mcpFile(), warning));
    if (m_options.json) {
        json array = json::array();
        for (const core::McpServerConfig& config : servers) {
            // Environment values may be tokens: only their names are shown.
            json env = json::array();
            for (auto it = config.env.cbegin(); it != config.env.cend(); ++it)
                env.push_back(utf8(it.key()));
            array.push_back({{"name", utf8(config.name)},
                             {"command", utf8(config.command)},
                             {"args", stringArray(config.args)},
                             {"command_line", utf8(commandLine(config))},
                             {"cwd", utf8(config.cwd)},
                             {"env_names", std::move(env)},
                             {"enabled", config.enabled}});
        }
        writeDocument(array);
        finish(0);
        return;
    }
    if (servers.isEmpty()) {
        printCliError(tr("No MCP servers are configured (%1). Add some with keel mcp "
                         "import FILE.")
                          .arg(m_settings->paths().mcpFile()));
        finish(0);
        return;
    }
    QList<QStringList> rows{
        {QStringLiteral("NAME"), QStringLiteral("ENABLED"), QStringLiteral("COMMAND")}};
    for (const core::McpServerConfig& config : servers) {
        rows.append({config.name, config.enabled ? QStringLiteral("yes") : QStringLiteral("no"),
                     commandLine(config)});
    }
    writeOut(stdout, table(rows).toUtf8());
    finish(0);
}

void McpCommand::inspect()
{
    const std::optional<core::McpServerConfig> config = server(m_options.mcpServer);
    if (!config) {
        finish(1);
        return;
    }
    configureEngine();
    m_requestId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    core::Engine* engine = m_engine;
    QMetaObject::invokeMethod(
        engine,
        [engine, requestId = m_requestId, config = *config] {
            engine->inspectMcpServer(requestId, config);
        },
        Qt::QueuedConnection);
}

void McpCommand::onInspected(const QString& requestId, const core::McpServerStatus& status)
{
    if (requestId != m_requestId || m_finished)
        return;
    if (status.state != core::McpServerState::Ready) {
        const QString why = status.message.isEmpty() ? tr("it did not start") : status.message;
        printCliError(tr("MCP server \"%1\": %2").arg(status.name, why));
        if (!status.logPath.isEmpty())
            printCliError(tr("Its log: %1").arg(status.logPath));
        finish(1);
        return;
    }
    if (m_options.json) {
        json array = json::array();
        for (const core::ToolSpec& tool : status.tools) {
            json schema = json::parse(utf8(tool.inputSchema), nullptr, false);
            if (schema.is_discarded())
                schema = json::object();
            array.push_back({{"name", utf8(tool.toolName)},
                             {"title", utf8(tool.title)},
                             {"description", utf8(tool.description)},
                             {"inputSchema", std::move(schema)}});
        }
        writeDocument(array);
        finish(0);
        return;
    }
    QString text;
    for (const core::ToolSpec& tool : status.tools) {
        text += tool.toolName;
        if (!tool.title.isEmpty() && tool.title != tool.toolName)
            text += QStringLiteral("  (") + tool.title + QLatin1Char(')');
        text += QLatin1Char('\n');
        for (const QString& line : tool.description.trimmed().split(QLatin1Char('\n'))) {
            if (!line.trimmed().isEmpty())
                text += QStringLiteral("    ") + line.trimmed() + QLatin1Char('\n');
        }
    }
    if (status.tools.isEmpty())
        printCliError(tr("MCP server \"%1\" offers no tools.").arg(status.name));
    writeOut(stdout, text.toUtf8());
    finish(0);
}

void McpCommand::call()
{
    const QByteArray arguments = m_options.mcpArguments.toUtf8();
    const json parsed = json::parse(arguments.begin(), arguments.end(), nullptr, false);
    if (parsed.is_discarded() || !parsed.is_object()) {
        const QString why =
            parsed.is_discarded()
                ? tr("it is not valid JSON (error at %1)").arg(core::jsonErrorLocation(arguments))
                : tr("it is JSON but not an object");
        printCliError(tr("ARGS_JSON must be a JSON object such as "
                         "'{\"message\": \"hi\"}': %1.")
                          .arg(why));
        finish(kExitUsage);
        return;
    }
    const std::optional<core::McpServerConfig> config = server(m_options.mcpServer);
    if (!config) {
        finish(1);
        return;
    }
    configureEngine();
    m_lastStatus = {};
    m_lastStatus.name = config->name;
    m_requestId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    core::Engine* engine = m_engine;
    QMetaObject::invokeMethod(
        engine,
        [engine, requestId = m_requestId, config = *config, tool = m_options.mcpTool,
         args = m_options.mcpArguments] { engine->callMcpTool(requestId, config, tool, args); },
        Qt::QueuedConnection);
}

void McpCommand::onServerStatus(const core::McpServerStatus& status)
{
    if (status.name == m_lastStatus.name)
        m_lastStatus = status;
}

void McpCommand::onToolCallUpdated(const core::ToolCallEvent& event)
{
    if (event.turnId != m_requestId || m_finished)
        return;
    if (event.state == core::ToolCallState::Running
        || event.state == core::ToolCallState::AwaitingApproval) {
        if (event.progress < 0)
            return; // "started" (and the same event again): nothing new to say
        if (m_options.json)
            writeJsonLine(toolProgressJson(event));
        else
            writeOut(stderr, progressText(event).toUtf8() + '\n');
        return;
    }
    core::ToolCallEvent final = event;
    if (m_cancelled)
        final.state = core::ToolCallState::Cancelled;
    if (m_options.json) {
        writeJsonLine(toolResultJson(final));
    } else if (!m_cancelled) {
        const QString text = final.result.modelText();
        if (!text.isEmpty())
            writeOut(stdout, text.toUtf8() + (text.endsWith(QLatin1Char('\n')) ? "" : "\n"));
    }
    if (m_cancelled) {
        printCliError(tr("The call was cancelled."));
        finishAfterCoreLoopTurn(kExitInterrupted);
        return;
    }
    if (final.result.isError) {
        printCliError(
            tr("\"%1\" on MCP server \"%2\" reported an error.").arg(event.toolName, event.server));
        if (m_lastStatus.state == core::McpServerState::Failed) {
            printCliError(tr("MCP server \"%1\": %2").arg(m_lastStatus.name, m_lastStatus.message));
        }
        if (!m_lastStatus.logPath.isEmpty())
            printCliError(tr("Its log: %1").arg(m_lastStatus.logPath));
    }
    finish(final.result.isError ? 1 : 0);
}

} // namespace keel::app
