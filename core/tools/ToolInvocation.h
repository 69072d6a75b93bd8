// ToolInvocation: one running tool call, whatever runs it (a built-in tool, an MCP server).
#pragma once

#include "tools/ToolTypes.h"

#include <QObject>
#include <QTimer>

namespace keel::core {

// Emits progress zero or more times, then finished exactly once (also on cancel), after which
// its owner may delete it. finished is never emitted from inside the call that created it.
class ToolInvocation : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;
    virtual void cancel(const QString& reason) = 0;

Q_SIGNALS:
    void progress(double progress, double total, const QString& message);
    void finished(const keel::core::ToolResult& result);
};

// A call whose result is known at once (a quick built-in tool, a call that cannot run), delivered
// on the next loop turn as the interface promises.
class ImmediateInvocation : public ToolInvocation {
public:
    ImmediateInvocation(ToolResult result, QObject* parent)
        : ToolInvocation(parent)
    {
        QTimer::singleShot(0, this, [this, result] { done(result); });
    }
    void cancel(const QString& reason) override { done(ToolResult::error(reason)); }

private:
    void done(const ToolResult& result)
    {
        if (m_done)
            return;
        m_done = true;
        Q_EMIT finished(result);
    }

    bool m_done = false;
};

} // namespace keel::core
