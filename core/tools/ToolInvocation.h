// ToolInvocation: one running tool call, whatever runs it (a built-in tool, an MCP server).
#pragma once

#include "tools/ToolTypes.h"

#include <QObject>

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

} // namespace keel::core
