// ToolStep: the tool calls one model response asked for, from approval to result, on the core
// loop. Each call is checked against the turn's policies (allow, deny, ask); calls that may run
// run at once and side by side; a call that needs the user waits for answer(). Every change is
// reported as a ToolCallEvent; finished() comes once every call has a result, which the model
// is then sent.
#pragma once

#include "tools/ToolTypes.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPointer>

#include <vector>

namespace keel::core {

class ToolInvocation;
class ToolRegistry;

class ToolStep : public QObject {
    Q_OBJECT
public:
    // options is the turn's: an "always allow" answer updates its policies for later steps.
    ToolStep(QString turnId, int step, qsizetype textOffset, const QList<ToolCall>& calls,
             const QList<ToolSpec>& specs, ToolOptions& options, ToolRegistry* registry,
             QObject* parent = nullptr);
    ~ToolStep() override;

    // Decides each call and starts those that may run. Not-run reasons (unknown tool, step
    // limit) come as `refusal`: every call then fails with it.
    void start(const QString& refusal = {});
    void answer(const QString& callId, ToolApproval approval);
    // Stops running calls and pending approvals; they end Cancelled with `reason`.
    void cancel(const QString& reason);
    // Re-sends the running calls' events so their cards' clocks move (once a second).
    void reportRunning();

    bool isDone() const;
    bool isAwaitingApproval() const;
    // The tools running now, for the heartbeat ("echo, get-sum"); "" when none.
    QString runningNames() const;
    // The tools waiting for approval, for the heartbeat.
    QString awaitingNames() const;
    QList<ToolCallRecord> records() const;

Q_SIGNALS:
    void callUpdated(const keel::core::ToolCallEvent& event);
    void finished();

private:
    struct Call {
        ToolCallRecord record;
        ToolSpec spec;
        bool known = false;
        QPointer<ToolInvocation> invocation;
        QElapsedTimer clock;
        double progress = -1;
        double progressTotal = -1;
        QString progressMessage;
    };

    void run(Call& call);
    void settle(Call& call, ToolCallState state, ToolResult result);
    void emitEvent(const Call& call);
    Call* find(const QString& callId);
    void maybeFinish();

    QString m_turnId;
    int m_step;
    qsizetype m_textOffset;
    ToolOptions& m_options;
    ToolRegistry* m_registry;
    std::vector<Call> m_calls;
    bool m_finished = false;
};

} // namespace keel::core
