// TurnRunner: the life of one turn (streamed, or one plain request) on the core loop.
#include "chat/TurnRunner.h"

#include "ThreadCheck.h"
#include "chat/ToolStep.h"
#include "providers/ProviderErrors.h"
#include "store/Store.h"
#include "store/StoreClient.h"
#include "tools/ToolRegistry.h"

#include <QRandomGenerator>
#include <QThread>
#include <QUrl>

#include <cmath>

namespace keel::core {

namespace {

// Error bodies are read for their message only; a misbehaving server must not make us buffer
// an unbounded "error".
constexpr qsizetype kMaxErrorBody = 64 * 1024;

QString hostOf(const QString& url)
{
    const QUrl parsed(url);
    return parsed.port() > 0 ? QStringLiteral("%1:%2").arg(parsed.host()).arg(parsed.port())
                             : parsed.host();
}

} // namespace

TurnRunner::TurnRunner(TurnRequest request, std::unique_ptr<Provider> provider, CurlMulti& curl,
                       Store* store, ToolRegistry* tools, QObject* parent)
    : QObject(parent)
    , m_request(std::move(request))
    , m_provider(std::move(provider))
    , m_curl(curl)
    , m_store(m_request.persistMessageId > 0 ? store : nullptr)
    , m_tools(tools)
    , m_coalescer(m_request.turnId)
{
    m_result.turnId = m_request.turnId;
    if (m_request.provider.baseUrl.trimmed().isEmpty())
        m_request.provider.baseUrl = m_provider->defaultBaseUrl();
    m_request.maxAttempts = std::max(1, m_request.maxAttempts);
    m_stepTextStart = m_request.persistPrefix.size();
    for (const ChatMessage& message : std::as_const(m_request.messages))
        m_sendsImages = m_sendsImages || hasImages(message.attachments);
    m_retryTimer.setSingleShot(true);
    m_retryTimer.setTimerType(Qt::PreciseTimer); // honour Retry-After to the millisecond
    connect(&m_retryTimer, &QTimer::timeout, this, &TurnRunner::startAttempt);
    connect(&m_coalescer, &DeltaCoalescer::ready, this, &TurnRunner::delta);
    m_heartbeatTimer.setInterval(kHeartbeatMs);
    m_heartbeatTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_heartbeatTimer, &QTimer::timeout, this, [this] {
        emitHeartbeat();
        if (m_toolStep)
            m_toolStep->reportRunning(); // the cards' clocks move with the heartbeat
        saveProgress(); // once a second: a crash loses at most the last second of the reply
    });
}

TurnRunner::~TurnRunner()
{
    if (m_transfer)
        m_curl.release(*m_transfer);
}

void TurnRunner::start()
{
    KEEL_ASSERT_OWN_THREAD(this);
    m_elapsed.start();
    m_sinceLastByte.start();
    m_heartbeatTimer.start();
    if (!m_request.toolOptions.enabled || !m_tools || !m_request.tools.isEmpty()) {
        startAttempt();
        return;
    }
    // MCP servers may still be starting: the first request waits for their tool lists.
    m_preparingTools = true;
    emitHeartbeat();
    m_tools->prepare(m_request.toolOptions, this, [this](QList<ToolSpec> tools, QStringList) {
        m_preparingTools = false;
        if (m_finished)
            return;
        m_request.tools = std::move(tools);
        startAttempt();
    });
}

void TurnRunner::startAttempt()
{
    ++m_attempt;
    m_mapper = m_provider->createMapper(m_request.stream);
    m_head = {};
    m_gotHead = false;
    m_httpOk = false;
    m_webPage = false;
    m_errorBody.clear();
    m_streamError.reset();
    m_collector.clear();
    emitHeartbeat(); // the GUI shows "Connecting" at once, not after a second
    HttpRequest http = m_provider->buildRequest(m_request); // transport included
    m_transfer = m_curl.start(http, this);
}

void TurnRunner::cancel()
{
    if (m_finished)
        return;
    if (m_toolStep) {
        m_toolStep->cancel(tr("Stopped by the user.")); // MCP calls get notifications/cancelled
        finish(TurnOutcome::Cancelled, {ErrorKind::Cancelled, tr("Stopped."), 0, false});
        return;
    }
    if (m_transfer)
        m_curl.cancel(*m_transfer); // -> onFinished(Cancelled)
    else
        finish(TurnOutcome::Cancelled, {ErrorKind::Cancelled, tr("Stopped."), 0, false});
}

void TurnRunner::answerToolApproval(const QString& callId, ToolApproval approval)
{
    if (m_toolStep && !m_finished)
        m_toolStep->answer(callId, approval);
}

TurnPhase TurnRunner::phase() const
{
    if (m_preparingTools)
        return TurnPhase::PreparingTools;
    if (m_toolStep)
        return m_toolStep->isAwaitingApproval() ? TurnPhase::AwaitingApproval
                                                : TurnPhase::RunningTool;
    if (m_retryTimer.isActive())
        return TurnPhase::Retrying;
    if (m_stepTokens > 0)
        return TurnPhase::Streaming;
    return m_gotHead ? TurnPhase::WaitingForFirstToken : TurnPhase::Connecting;
}

void TurnRunner::emitHeartbeat()
{
    TurnHeartbeat beat;
    beat.turnId = m_request.turnId;
    beat.phase = phase();
    beat.elapsedMs = m_elapsed.elapsed();
    beat.bytes = m_result.bytes;
    beat.tokens = m_tokens;
    beat.idleMs = m_sinceLastByte.elapsed();
    beat.attempt = std::max(1, m_attempt);
    beat.maxAttempts = m_request.maxAttempts;
    beat.step = m_step;
    if (beat.phase == TurnPhase::AwaitingApproval || beat.phase == TurnPhase::RunningTool) {
        beat.toolName = beat.phase == TurnPhase::AwaitingApproval ? m_toolStep->awaitingNames()
                                                                  : m_toolStep->runningNames();
        beat.idleMs = 0; // nothing is expected from the server while tools run
    }
    if (m_retryTimer.isActive()) {
        beat.retryInMs = m_retryTimer.remainingTime();
        ++beat.attempt; // the one about to start: "retrying in 2 s (attempt 2 of 3)"
    }
    Q_EMIT heartbeat(beat);
}

void TurnRunner::saveProgress()
{
    if (!m_store)
        return;
    // Text only grows, so comparing sizes is enough to know whether anything is new.
    const QString toolCalls = toolCallRecordsToJson(allToolCalls());
    if (m_result.text.size() == m_savedTextSize && m_result.reasoning.size() == m_savedReasoningSize
        && toolCalls == m_savedToolCalls)
        return;
    m_savedTextSize = m_result.text.size();
    m_savedReasoningSize = m_result.reasoning.size();
    m_savedToolCalls = toolCalls;
    const qint64 id = m_request.persistMessageId;
    const QString content = m_request.persistPrefix + m_result.text;
    const QString reasoning = m_result.reasoning;
    StoreClient(m_store).post([id, content, reasoning, toolCalls](Store* store) {
        store->saveStreamingText(id, content, reasoning, toolCalls);
    });
}

void TurnRunner::onResponseHead(const HttpResponseHead& head)
{
    m_head = head;
    m_gotHead = true;
    m_httpOk = head.status >= 200 && head.status < 300;
    // No provider streams HTML: a web page with a success status means the base URL points at
    // a web site (a web UI, a login portal) instead of the API. Fed to the stream decoders it
    // would end as "malformed data: <!DOCTYPE html>" or as an empty reply. (A plain request's
    // whole-body mapper already reports a body that is not JSON.)
    if (m_httpOk && m_request.stream
        && head.header("content-type").trimmed().toLower().startsWith("text/html")) {
        m_webPage = true;
        m_httpOk = false;
    }
}

bool TurnRunner::onBody(QByteArrayView bytes)
{
    m_result.bytes += bytes.size();
    m_sinceLastByte.restart();
    if (!m_httpOk) {
        if (m_errorBody.size() < kMaxErrorBody)
            m_errorBody.append(
                bytes.first(std::min(bytes.size(), kMaxErrorBody - m_errorBody.size())));
        return true;
    }
    return apply(m_mapper->feed(bytes));
}

bool TurnRunner::apply(const StreamEvents& events)
{
    for (const StreamEvent& event : events) {
        if (const auto* text = std::get_if<TextDelta>(&event)) {
            markFirstToken();
            addText(text->text);
            ++m_tokens;
            ++m_stepTokens;
        } else if (const auto* reasoning = std::get_if<ReasoningDelta>(&event)) {
            markFirstToken();
            m_result.reasoning += reasoning->text;
            m_coalescer.addReasoning(reasoning->text);
            ++m_tokens;
            ++m_stepTokens;
        } else if (const auto* toolCall = std::get_if<ToolCallDelta>(&event)) {
            m_collector.add(*toolCall);
            ++m_stepTokens; // a call being written is output: no retry after it
        } else if (const auto* usage = std::get_if<UsageEvent>(&event)) {
            m_result.usage = usage->usage;
        } else if (const auto* finish = std::get_if<FinishEvent>(&event)) {
            m_result.finishReason = finish->reason;
        } else if (const auto* error = std::get_if<StreamError>(&event)) {
            m_streamError = error->error;
            return false;
        }
    }
    return true;
}

void TurnRunner::markFirstToken()
{
    if (m_result.firstTokenMs < 0)
        m_result.firstTokenMs = m_elapsed.elapsed();
}

void TurnRunner::addText(const QString& text)
{
    // Local reasoning models put their thinking in <think> tags inside the content.
    const ThinkTagSplitter::Split split = m_thinkTags.feed(text);
    if (!split.reasoning.isEmpty()) {
        m_result.reasoning += split.reasoning;
        m_coalescer.addReasoning(split.reasoning);
    }
    if (!split.text.isEmpty()) {
        m_result.text += split.text;
        m_coalescer.addText(split.text);
    }
}

void TurnRunner::onFinished(const TransferOutcome& outcome)
{
    m_transfer.reset();
    if (m_finished)
        return;
    if (outcome.status == TransferStatus::Cancelled) {
        finish(TurnOutcome::Cancelled, {ErrorKind::Cancelled, tr("Stopped."), 0, false});
        return;
    }
    if (outcome.status == TransferStatus::Aborted && m_streamError) {
        fail(*m_streamError);
        return;
    }
    if (outcome.status != TransferStatus::Ok) {
        fail(transportError(outcome));
        return;
    }
    if (m_webPage) {
        fail({ErrorKind::Protocol,
              tr("The server at %1 answered with a web page, not with a reply (HTTP %2). Check "
                 "the base URL: it should be the address of the API.")
                  .arg(m_request.provider.baseUrl, QString::number(m_head.status)),
              m_head.status, false});
        return;
    }
    if (!m_httpOk) {
        // A model that reads no images says so in a 400; the user hears it in plain words.
        fail(withImageRefusal(m_provider->mapHttpError(m_head, m_errorBody, m_request.provider),
                              m_request.provider.kind, m_request.model, m_sendsImages));
        return;
    }
    if (!apply(m_mapper->finish()) && m_streamError) {
        fail(*m_streamError);
        return;
    }
    if (!m_collector.isEmpty()) {
        beginToolStep();
        return;
    }
    if (m_result.finishReason.isEmpty() && !m_mapper->sawEndOfStream()) {
        // Nothing at all is not a reply cut short: there is nothing to keep or continue.
        if (m_result.text.isEmpty() && m_result.reasoning.isEmpty() && m_toolRecords.isEmpty()) {
            fail(noReplyError(outcome.bytesReceived));
            return;
        }
        finish(TurnOutcome::Incomplete,
               {ErrorKind::Protocol,
                tr("The server closed the stream before the reply was finished."), m_head.status,
                false});
        return;
    }
    finish(TurnOutcome::Complete);
}

TurnError TurnRunner::transportError(const TransferOutcome& outcome) const
{
    const QString& url = m_request.provider.baseUrl;
    switch (outcome.status) {
    case TransferStatus::NotStarted:
        return {ErrorKind::Network, outcome.message, 0, false};
    case TransferStatus::ConnectFailed:
        return {ErrorKind::Network, tr("Could not connect to %1: %2").arg(url, outcome.message), 0,
                true};
    case TransferStatus::TlsFailed:
        return {ErrorKind::Network,
                tr("Secure connection to %1 failed: %2").arg(hostOf(url), outcome.message), 0,
                false};
    case TransferStatus::IdleTimeout:
        return {ErrorKind::IdleTimeout,
                tr("The server sent nothing for %1 s, so Keel gave up waiting. The idle timeout "
                   "can be raised in the settings.")
                    .arg(m_request.idleTimeoutMs / 1000.0),
                0, false};
    default:
        return {ErrorKind::Network,
                tr("The connection to %1 failed: %2").arg(hostOf(url), outcome.message), 0, false};
    }
}

TurnError TurnRunner::noReplyError(qint64 bytesReceived) const
{
    if (bytesReceived == 0)
        return {ErrorKind::Protocol,
                tr("The server answered with an empty response (HTTP %1) instead of a reply.")
                    .arg(m_head.status),
                m_head.status, false};
    return {ErrorKind::Protocol,
            tr("The server's response (HTTP %1) ended without any reply text Keel could read. "
               "If this keeps happening, check the base URL and the provider type.")
                .arg(m_head.status),
            m_head.status, false};
}

void TurnRunner::fail(TurnError error)
{
    // Only before the first token: after it, a retry would throw away or duplicate what the
    // user already sees, so the partial reply is kept and offered for Retry / Continue instead.
    const bool beforeFirstToken = m_stepTokens == 0;
    const bool waitAcceptable = error.retryAfterMs <= kMaxRetryAfterMs;
    if (error.retryable && beforeFirstToken && waitAcceptable
        && m_attempt < m_request.maxAttempts) {
        qint64 delay = error.retryAfterMs;
        if (delay < 0) {
            const double base = kFirstBackoffMs * std::pow(2.0, m_attempt - 1);
            delay = static_cast<qint64>(
                base * (0.75 + 0.5 * QRandomGenerator::global()->generateDouble()));
        }
        m_retryTimer.start(static_cast<int>(delay));
        emitHeartbeat(); // "retrying in N s" shows at once
        return;
    }
    if (m_attempt > 1)
        error.message += tr(" Gave up after %1 attempts.").arg(m_attempt);
    finish(TurnOutcome::Error, std::move(error));
}

void TurnRunner::flushThinkTags()
{
    const ThinkTagSplitter::Split rest = m_thinkTags.finish();
    m_thinkTags = ThinkTagSplitter();
    if (!rest.reasoning.isEmpty()) {
        m_result.reasoning += rest.reasoning;
        m_coalescer.addReasoning(rest.reasoning);
    }
    if (!rest.text.isEmpty()) {
        m_result.text += rest.text;
        m_coalescer.addText(rest.text);
    }
}

QList<ToolCallRecord> TurnRunner::allToolCalls() const
{
    QList<ToolCallRecord> records = m_toolRecords;
    if (m_toolStep)
        records += m_toolStep->records();
    return records;
}

void TurnRunner::beginToolStep()
{
    flushThinkTags();
    m_coalescer.flush(); // the text before the calls reaches the GUI before their cards
    const QList<ToolCall> calls = m_collector.calls(m_step);
    m_collector.clear();
    // The step limit counts model calls: at the last one, calls are reported but not run.
    m_stepRefusal = m_step >= m_request.toolOptions.maxSteps
                        ? tr("Not run: the turn reached its limit of %1 model calls (tool steps "
                             "can be raised in Settings ▸ Tools).")
                              .arg(m_request.toolOptions.maxSteps)
                        : QString();
    const qsizetype textOffset = m_request.persistPrefix.size() + m_result.text.size();
    m_toolStep = std::make_unique<ToolStep>(m_request.turnId, m_step, textOffset, calls,
                                            m_request.tools, m_request.toolOptions, m_tools);
    connect(m_toolStep.get(), &ToolStep::callUpdated, this, [this](const ToolCallEvent& event) {
        Q_EMIT toolCallUpdated(event);
        if (event.state != ToolCallState::Running && event.state != ToolCallState::AwaitingApproval)
            saveProgress(); // a result is kept at once, not a second later
    });
    // Queued: the step may finish inside start() (every call denied), and the next request
    // should not start from inside it.
    connect(m_toolStep.get(), &ToolStep::finished, this, &TurnRunner::onToolStepFinished,
            Qt::QueuedConnection);
    m_toolStep->start(m_stepRefusal);
    emitHeartbeat();
}

void TurnRunner::onToolStepFinished()
{
    if (m_finished || !m_toolStep)
        return;
    const QList<ToolCallRecord> records = m_toolStep->records();
    m_toolRecords += records;
    m_toolStep.reset();
    if (!m_stepRefusal.isEmpty()) {
        finish(TurnOutcome::Incomplete, {ErrorKind::None, m_stepRefusal, 0, false});
        return;
    }
    // The model reads its own calls and their results, then goes on.
    const qsizetype stepEnd = m_request.persistPrefix.size() + m_result.text.size();
    ChatMessage assistant;
    assistant.role = Role::Assistant;
    assistant.content =
        (m_request.persistPrefix + m_result.text).mid(m_stepTextStart, stepEnd - m_stepTextStart);
    m_stepTextStart = stepEnd;
    for (const ToolCallRecord& record : records)
        assistant.toolCalls.append(record.call);
    m_request.messages.append(assistant);
    for (const ToolCallRecord& record : records) {
        ChatMessage result;
        result.role = Role::Tool;
        result.content = record.result.modelText();
        result.toolCallId = record.call.id;
        result.toolName = record.call.name;
        result.isError = record.result.isError;
        m_request.messages.append(result);
    }
    ++m_step;
    m_stepTokens = 0;
    m_attempt = 0;
    m_result.finishReason.clear();
    m_sinceLastByte.restart();
    saveProgress();
    startAttempt();
}

void TurnRunner::finish(TurnOutcome outcome, TurnError error)
{
    m_finished = true;
    m_heartbeatTimer.stop();
    m_retryTimer.stop();
    flushThinkTags();
    m_coalescer.flush(); // the last delta always precedes the result
    m_result.toolCalls = allToolCalls();
    m_result.steps = m_step;
    m_toolStep.reset();
    m_result.outcome = outcome;
    m_result.error = std::move(error);
    m_result.durationMs = m_elapsed.elapsed();
    m_result.tokens = m_tokens;
    if (m_store) {
        StoredMessage message;
        message.id = m_request.persistMessageId;
        message.role = Role::Assistant;
        message.model = m_request.model;
        message.content = m_request.persistPrefix + m_result.text;
        message.reasoning = m_result.reasoning;
        message.usage = m_result.usage;
        message.finishReason = m_result.finishReason;
        message.errorMessage = m_result.error.message;
        message.toolCalls = m_result.toolCalls;
        message.firstTokenMs = m_result.firstTokenMs;
        message.durationMs = m_result.durationMs;
        switch (outcome) {
        case TurnOutcome::Complete:
            message.status = MessageStatus::Complete;
            break;
        case TurnOutcome::Incomplete:
            message.status = MessageStatus::Incomplete;
            break;
        case TurnOutcome::Error:
            // A reply cut by an error after text arrived can be continued.
            message.status =
                message.content.isEmpty() ? MessageStatus::Error : MessageStatus::Incomplete;
            break;
        case TurnOutcome::Cancelled:
            message.status = MessageStatus::Cancelled;
            break;
        }
        StoreClient(m_store).post([message](Store* store) { store->saveMessage(message); });
    }
    Q_EMIT finished(m_result);
}

} // namespace keel::core
