// AskCommand: streams one reply to stdout.
#include "AskCommand.h"

#include "Engine.h"

#include <QFile>
#include <QTextStream>
#include <QUuid>

#include <cstdio>
#include <nlohmann/json.hpp>

namespace keel::app {

namespace {

void writeOut(FILE* stream, const QByteArray& bytes)
{
    std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), stream);
    std::fflush(stream); // the user sees each token as it comes, even through a pipe
}

void writeJson(const nlohmann::json& object)
{
    // Invalid UTF-8 cannot come from a QString, but replace rather than throw just in case.
    const std::string line = object.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    writeOut(stdout, QByteArray::fromStdString(line + '\n'));
}

std::string utf8(const QString& text)
{
    return text.toStdString();
}

} // namespace

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
}

bool AskCommand::start()
{
    if (m_request.model.isEmpty()) {
        writeOut(stderr, "keel: No model given: use --model M or set KEEL_MODEL (or give the "
                         "provider a default model).\n");
        return false;
    }
    QString prompt = m_options.prompt;
    if (prompt == QStringLiteral("-")) {
        QFile input;
        if (!input.open(stdin, QIODevice::ReadOnly)) {
            writeOut(stderr, "keel: cannot read the prompt from standard input\n");
            return false;
        }
        prompt = QString::fromUtf8(input.readAll());
    }
    if (prompt.trimmed().isEmpty()) {
        writeOut(stderr, "keel: the prompt is empty\n");
        return false;
    }

    core::TurnRequest request = m_request;
    request.turnId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    request.messages = {{core::Role::User, prompt}};
    m_turnId = request.turnId;
    core::Engine* engine = m_engine;
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
    if (!delta.reasoning.isEmpty())
        writeOut(stderr, delta.reasoning.toUtf8());
    if (!delta.text.isEmpty()) {
        writeOut(stdout, delta.text.toUtf8());
        m_endsWithNewline = delta.text.endsWith(QLatin1Char('\n'));
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

} // namespace keel::app
