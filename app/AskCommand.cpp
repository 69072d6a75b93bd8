// AskCommand: streams one reply to stdout, and what its tool calls did.
#include "AskCommand.h"

#include "CliOutput.h"
#include "Engine.h"
#include "settings/Settings.h"
#include "store/StorePaths.h"
#include "tools/BuiltinTools.h"

#include <QFile>
#include <QTextStream>
#include <QUuid>

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace keel::app {

namespace {

void writeJson(const nlohmann::json& object)
{
    writeJsonLine(object);
}

bool isFinal(core::ToolCallState state)
{
    return state != core::ToolCallState::Running && state != core::ToolCallState::AwaitingApproval;
}

// The first line of a result, for the one-line summary of a call that did not succeed.
QString firstLine(const core::ToolResult& result)
{
    constexpr qsizetype kMax = 160;
    const QString text = result.modelText().trimmed().section(QLatin1Char('\n'), 0, 0);
    return text.size() > kMax ? text.left(kMax - 1) + QStringLiteral("…") : text;
}

} // namespace

core::ToolOptions askToolOptions(const AppOptions& options, const core::Settings& settings)
{
    const core::ToolSettings& configured = settings.toolSettings();
    core::ToolOptions tools = configured.options();
    tools.canAsk = false;
    tools.defaultPolicy = options.allowAllTools ? core::ToolPolicy::Allow : core::ToolPolicy::Ask;
    // Only the command line allows a call here: "always allow" choices made in the app do not
    // carry over to an unattended run, denials do.
    tools.policies.clear();
    for (auto it = configured.policies.cbegin(); it != configured.policies.cend(); ++it) {
        if (it.value() == core::ToolPolicy::Deny)
            tools.policies.insert(it.key(), core::ToolPolicy::Deny);
    }
    for (const QString& name : options.allowedTools) {
        // Names the model sees never contain '/': with one it is "server/tool".
        if (name.contains(QLatin1Char('/')))
            tools.policies.insert(name, core::ToolPolicy::Allow);
        else
            tools.allowedNames.insert(name);
    }
    const QList<core::McpServerConfig>& servers = settings.mcpServers();
    const bool anyServer = std::any_of(servers.cbegin(), servers.cend(),
                                       [](const core::McpServerConfig& s) { return s.enabled; });
    const QList<core::ToolSpec> builtins = core::builtinToolSpecs();
    const bool anyBuiltin =
        std::any_of(builtins.cbegin(), builtins.cend(), [&](const core::ToolSpec& spec) {
            return !configured.disabledTools.contains(spec.key());
        });
    // A tool named on the command line is wanted even when the app's Tools switch is off.
    const bool asked = options.allowAllTools || !options.allowedTools.isEmpty();
    tools.enabled = !options.noTools && (configured.enabled || asked) && (anyServer || anyBuiltin);
    return tools;
}

AskCommand::AskCommand(AppOptions options, core::TurnRequest request, core::Engine* engine,
                       QObject* parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_request(std::move(request))
    , m_engine(engine)
{
    connect(engine, &core::Engine::turnDelta, this, &AskCommand::onDelta, Qt::QueuedConnection);
    connect(engine, &core::Engine::turnHeartbeat, this, &AskCommand::onHeartbeat,
            Qt::QueuedConnection);
    connect(engine, &core::Engine::turnFinished, this, &AskCommand::onFinished,
            Qt::QueuedConnection);
    connect(engine, &core::Engine::toolCallUpdated, this, &AskCommand::onToolCallUpdated,
            Qt::QueuedConnection);
    connect(engine, &core::Engine::mcpServerStatusChanged, this, &AskCommand::onServerStatus,
            Qt::QueuedConnection);
}

void AskCommand::setTools(const QList<core::McpServerConfig>& servers,
                          const core::ToolOptions& options)
{
    m_servers = servers;
    m_request.toolOptions = options;
}

bool AskCommand::start()
{
    if (m_request.model.isEmpty()) {
        writeOut(stderr, "keel: "
                             + tr("No model given: use --model M or set KEEL_MODEL (or give the "
                                  "provider a default model).")
                                   .toUtf8()
                             + '\n');
        return false;
    }
    QString prompt = m_options.prompt;
    if (prompt == QStringLiteral("-")) {
        QFile input;
        if (!input.open(stdin, QIODevice::ReadOnly)) {
            writeOut(stderr,
                     "keel: " + tr("cannot read the prompt from standard input").toUtf8() + '\n');
            return false;
        }
        prompt = QString::fromUtf8(input.readAll());
    }
    if (prompt.trimmed().isEmpty()) {
        writeOut(stderr, "keel: " + tr("the prompt is empty").toUtf8() + '\n');
        return false;
    }

    core::TurnRequest request = m_request;
    request.turnId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    core::ChatMessage message;
    message.role = core::Role::User;
    message.content = prompt;
    request.messages = {message};
    m_turnId = request.turnId;
    core::Engine* engine = m_engine;
    if (request.toolOptions.enabled) {
        // Before the turn (queued calls keep their order): it starts them to list their tools.
        QMetaObject::invokeMethod(
            engine,
            [engine, servers = m_servers, logDir = core::defaultLogDirectory()] {
                engine->setMcpServers(servers, logDir, false);
            },
            Qt::QueuedConnection);
    }
    QMetaObject::invokeMethod(
        engine, [engine, request] { engine->startTurn(request); }, Qt::QueuedConnection);
    return true;
}

void AskCommand::cancel()
{
    m_cancelled = true;
    core::Engine* engine = m_engine;
    const QString turnId = m_turnId;
    QMetaObject::invokeMethod(
        engine, [engine, turnId] { engine->cancelTurn(turnId); }, Qt::QueuedConnection);
}

void AskCommand::onDelta(const core::TurnDelta& delta)
{
    if (delta.turnId != m_turnId)
        return;
    if (m_options.json) {
        if (!delta.reasoning.isEmpty())
            writeJson({{"type", "reasoning"}, {"text", utf8(delta.reasoning)}});
        if (!delta.text.isEmpty())
            writeJson({{"type", "delta"}, {"text", utf8(delta.text)}});
        return;
    }
    if (!delta.reasoning.isEmpty()) {
        writeOut(stderr, delta.reasoning.toUtf8());
        m_terminalMidLine = !delta.reasoning.endsWith(QLatin1Char('\n'));
    }
    if (!delta.text.isEmpty()) {
        // The model's text after tool calls is a new message: it starts on a line of its own.
        const bool breakLine = m_textAfterTools && !m_endsWithNewline;
        m_textAfterTools = false;
        writeOut(stdout, (breakLine ? QByteArray("\n") : QByteArray()) + delta.text.toUtf8());
        m_endsWithNewline = delta.text.endsWith(QLatin1Char('\n'));
        m_terminalMidLine = !m_endsWithNewline;
    }
}

void AskCommand::onHeartbeat(const core::TurnHeartbeat& heartbeat)
{
    if (heartbeat.turnId != m_turnId || !m_options.json)
        return;
    nlohmann::json event{{"type", "heartbeat"},
                         {"phase", utf8(core::wireName(heartbeat.phase))},
                         {"elapsed_ms", heartbeat.elapsedMs},
                         {"bytes", heartbeat.bytes},
                         {"tokens", heartbeat.tokens},
                         {"idle_ms", heartbeat.idleMs}};
    if (heartbeat.phase == core::TurnPhase::Retrying) {
        event["retry_in_ms"] = heartbeat.retryInMs;
        event["attempt"] = heartbeat.attempt;
        event["max_attempts"] = heartbeat.maxAttempts;
    }
    writeJson(event);
}

void AskCommand::onFinished(const core::TurnResult& result)
{
    if (result.turnId != m_turnId)
        return;
    const bool complete = result.outcome == core::TurnOutcome::Complete;
    if (m_options.json) {
        if (result.usage.inputTokens >= 0 || result.usage.outputTokens >= 0) {
            writeJson({{"type", "usage"},
                       {"input_tokens", result.usage.inputTokens},
                       {"output_tokens", result.usage.outputTokens}});
        }
        if (complete) {
            writeJson({{"type", "finish"}, {"reason", utf8(result.finishReason)}});
        } else {
            writeJson({{"type", "error"},
                       {"kind", utf8(core::wireName(result.error.kind))},
                       {"message", utf8(result.error.message)},
                       {"status", result.error.httpStatus}});
        }
    } else {
        if (!m_endsWithNewline)
            writeOut(stdout, "\n");
        if (!complete)
            writeOut(stderr, "keel: " + result.error.message.simplified().toUtf8() + '\n');
    }
    constexpr int kExitInterrupted = 130; // the shell's convention for SIGINT
    Q_EMIT done(complete ? 0 : (m_cancelled ? kExitInterrupted : 1));
}

void AskCommand::onToolCallUpdated(const core::ToolCallEvent& event)
{
    if (event.turnId != m_turnId)
        return;
    const QString key = QString::number(event.step) + QLatin1Char('/') + event.call.id;
    const bool first = !m_callProgress.contains(key);
    m_textAfterTools = true;
    if (first) {
        m_callProgress.insert(key, QString());
        if (m_options.json)
            writeJsonLine(toolCallJson(event));
    }
    if (!isFinal(event.state)) {
        // The core repeats a running call's event every second: print new progress only.
        if (event.progress < 0)
            return;
        const QString progress = progressText(event);
        if (progress == m_callProgress.value(key))
            return;
        m_callProgress.insert(key, progress);
        if (m_options.json)
            writeJsonLine(toolProgressJson(event));
        else
            printToolLine(QStringLiteral("[tool] %1 %2").arg(event.call.name, progress));
        return;
    }
    if (m_options.json) {
        writeJsonLine(toolResultJson(event));
        return;
    }
    QString line = QStringLiteral("[tool] %1 %2 -> %3")
                       .arg(event.call.name, shortArguments(event.call.arguments),
                            core::wireName(event.state));
    const QString detail = firstLine(event.result);
    if (event.state == core::ToolCallState::Done && event.result.isError)
        line += QStringLiteral(" (error: %1)").arg(detail);
    else if (event.state != core::ToolCallState::Done && !detail.isEmpty())
        line += QStringLiteral(": ") + detail;
    printToolLine(line);
}

void AskCommand::onServerStatus(const core::McpServerStatus& status)
{
    if (m_turnId.isEmpty() || status.state != core::McpServerState::Failed)
        return;
    // The turn goes on without the server's tools; the user should know why they are missing.
    QString line =
        QStringLiteral("keel: ")
        + tr("warning: MCP server \"%1\": %2").arg(status.name, status.message.simplified());
    if (!status.logPath.isEmpty())
        line += tr(" (log: %1)").arg(status.logPath);
    printToolLine(line);
}

void AskCommand::printToolLine(const QString& line)
{
    // After streamed text or reasoning, start on a line of its own (a terminal shows both
    // streams on one screen).
    writeOut(stderr, (m_terminalMidLine ? QByteArray("\n") : QByteArray()) + line.toUtf8() + '\n');
    m_terminalMidLine = false;
}

} // namespace keel::app
