// ToolStep: approval, parallel execution and results of one response's tool calls.
#include "chat/ToolStep.h"

#include "ThreadCheck.h"
#include "tools/ToolInvocation.h"
#include "tools/ToolRegistry.h"

#include <QThread>

namespace keel::core {

ToolStep::ToolStep(QString turnId, int step, qsizetype textOffset, const QList<ToolCall>& calls,
                   const QList<ToolSpec>& specs, ToolOptions& options, ToolRegistry* registry,
                   QObject* parent)
    : QObject(parent)
    , m_turnId(std::move(turnId))
    , m_step(step)
    , m_textOffset(textOffset)
    , m_options(options)
    , m_registry(registry)
{
    m_calls.reserve(calls.size()); // elements are referred to while the step runs
    for (const ToolCall& toolCall : calls) {
        Call call;
        call.record.step = step;
        call.record.textOffset = textOffset;
        call.record.call = toolCall;
        call.record.state = ToolCallState::Running;
        for (const ToolSpec& spec : specs) {
            if (spec.name == toolCall.name) {
                call.spec = spec;
                call.known = true;
                call.record.server = spec.server;
                call.record.toolName = spec.toolName;
                break;
            }
        }
        m_calls.push_back(std::move(call));
    }
}

ToolStep::~ToolStep()
{
    for (Call& call : m_calls) {
        if (call.invocation) {
            call.invocation->disconnect(this);
            call.invocation->cancel(tr("Stopped."));
        }
    }
}

void ToolStep::start(const QString& refusal)
{
    KEEL_ASSERT_OWN_THREAD(this);
    for (Call& call : m_calls) {
        const QString name = call.record.call.name;
        if (!refusal.isEmpty()) {
            settle(call, ToolCallState::Failed, ToolResult::error(refusal));
            continue;
        }
        if (!call.known) {
            settle(call, ToolCallState::Failed,
                   ToolResult::error(tr("There is no tool named \"%1\".").arg(name)));
            continue;
        }
        const ToolPolicy policy = m_options.allowedNames.contains(call.spec.name)
                                      ? ToolPolicy::Allow
                                      : m_options.policyFor(call.spec.key());
        switch (policy) {
        case ToolPolicy::Allow:
            run(call);
            break;
        case ToolPolicy::Deny:
            settle(
                call, ToolCallState::Denied,
                ToolResult::error(tr("The user does not allow the tool \"%1\" to run.").arg(name)));
            break;
        case ToolPolicy::Ask:
            if (m_options.canAsk) {
                call.record.state = ToolCallState::AwaitingApproval;
                emitEvent(call);
            } else {
                settle(call, ToolCallState::Denied,
                       ToolResult::error(
                           tr("The tool \"%1\" was not run: it needs the user's approval and "
                              "none was given (keel ask runs it with --allow-tool %1).")
                               .arg(name)));
            }
            break;
        }
    }
    maybeFinish();
}

void ToolStep::answer(const QString& callId, ToolApproval approval)
{
    KEEL_ASSERT_OWN_THREAD(this);
    Call* call = find(callId);
    if (!call || call->record.state != ToolCallState::AwaitingApproval)
        return;
    switch (approval) {
    case ToolApproval::Deny:
        settle(*call, ToolCallState::Denied,
               ToolResult::error(
                   tr("The user denied this call of \"%1\".").arg(call->record.call.name)));
        break;
    case ToolApproval::AllowOnce:
        run(*call);
        break;
    case ToolApproval::AllowAlways: {
        const QString key = call->spec.key();
        m_options.policies.insert(key, ToolPolicy::Allow);
        for (Call& other : m_calls) {
            if (other.record.state == ToolCallState::AwaitingApproval && other.known
                && other.spec.key() == key)
                run(other);
        }
        break;
    }
    }
    maybeFinish();
}

void ToolStep::run(Call& call)
{
    call.record.state = ToolCallState::Running;
    call.clock.start();
    ToolInvocation* invocation =
        m_registry ? m_registry->invoke(call.spec, call.record.call, m_options.callTimeoutMs, this)
                   : nullptr;
    if (!invocation) {
        settle(call, ToolCallState::Failed, ToolResult::error(tr("No tools are available.")));
        return;
    }
    call.invocation = invocation;
    const QString id = call.record.call.id;
    connect(invocation, &ToolInvocation::progress, this,
            [this, id](double progress, double total, const QString& message) {
                if (Call* running = find(id)) {
                    running->progress = progress;
                    running->progressTotal = total;
                    running->progressMessage = message;
                    emitEvent(*running);
                }
            });
    connect(invocation, &ToolInvocation::finished, this, [this, id](const ToolResult& result) {
        if (Call* running = find(id)) {
            settle(*running, ToolCallState::Done, result);
            maybeFinish();
        }
    });
    emitEvent(call);
}

void ToolStep::cancel(const QString& reason)
{
    for (Call& call : m_calls) {
        if (call.record.state == ToolCallState::AwaitingApproval) {
            settle(call, ToolCallState::Cancelled, ToolResult::error(reason));
        } else if (call.record.state == ToolCallState::Running) {
            if (call.invocation) {
                call.invocation->disconnect(this);
                call.invocation->cancel(reason); // MCP: notifications/cancelled
            }
            settle(call, ToolCallState::Cancelled, ToolResult::error(reason));
        }
    }
    maybeFinish();
}

void ToolStep::settle(Call& call, ToolCallState state, ToolResult result)
{
    if (call.invocation) {
        call.invocation->deleteLater(); // it may be emitting right now
        call.invocation = nullptr;
    }
    result.durationMs = call.clock.isValid() ? call.clock.elapsed() : 0;
    call.record.state = state;
    call.record.result = std::move(result);
    emitEvent(call);
}

void ToolStep::reportRunning()
{
    for (const Call& call : m_calls) {
        if (call.record.state == ToolCallState::Running)
            emitEvent(call);
    }
}

void ToolStep::emitEvent(const Call& call)
{
    ToolCallEvent event;
    event.turnId = m_turnId;
    event.step = m_step;
    event.call = call.record.call;
    event.server = call.record.server;
    event.toolName = call.record.toolName;
    event.title = call.spec.title;
    event.state = call.record.state;
    event.progress = call.progress;
    event.progressTotal = call.progressTotal;
    event.progressMessage = call.progressMessage;
    event.result = call.record.result;
    event.elapsedMs = call.clock.isValid() ? call.clock.elapsed() : 0;
    event.textOffset = m_textOffset;
    Q_EMIT callUpdated(event);
}

ToolStep::Call* ToolStep::find(const QString& callId)
{
    for (Call& call : m_calls) {
        if (call.record.call.id == callId)
            return &call;
    }
    return nullptr;
}

bool ToolStep::isDone() const
{
    for (const Call& call : m_calls) {
        if (call.record.state == ToolCallState::AwaitingApproval
            || call.record.state == ToolCallState::Running)
            return false;
    }
    return true;
}

bool ToolStep::isAwaitingApproval() const
{
    return !awaitingNames().isEmpty();
}

QString ToolStep::runningNames() const
{
    QStringList names;
    for (const Call& call : m_calls) {
        if (call.record.state == ToolCallState::Running && !names.contains(call.record.call.name))
            names.append(call.record.call.name);
    }
    return names.join(QStringLiteral(", "));
}

QString ToolStep::awaitingNames() const
{
    QStringList names;
    for (const Call& call : m_calls) {
        if (call.record.state == ToolCallState::AwaitingApproval
            && !names.contains(call.record.call.name))
            names.append(call.record.call.name);
    }
    return names.join(QStringLiteral(", "));
}

QList<ToolCallRecord> ToolStep::records() const
{
    QList<ToolCallRecord> records;
    for (const Call& call : m_calls)
        records.append(call.record);
    return records;
}

void ToolStep::maybeFinish()
{
    if (m_finished || !isDone())
        return;
    m_finished = true;
    Q_EMIT finished();
}

} // namespace keel::core
