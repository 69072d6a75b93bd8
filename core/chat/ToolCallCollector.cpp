// ToolCallCollector: see ToolCallCollector.h.
#include "chat/ToolCallCollector.h"

#include <QSet>

namespace keel::core {

void ToolCallCollector::add(const ToolCallDelta& delta)
{
    ToolCall& call = m_calls[delta.index];
    // The id and name come whole (OpenAI sends them in the first fragment; some servers repeat
    // them in every one), so they are set, never appended; only the arguments come in pieces.
    if (!delta.id.isEmpty())
        call.id = delta.id;
    if (!delta.name.isEmpty())
        call.name = delta.name;
    call.arguments += delta.argumentsFragment;
}

QList<ToolCall> ToolCallCollector::calls(int step) const
{
    QList<ToolCall> result;
    QSet<QString> ids;
    int position = 0;
    for (const auto& [index, collected] : m_calls) {
        Q_UNUSED(index)
        // A fragment that named nothing and carried nothing (a stray empty delta) is no call.
        if (collected.id.isEmpty() && collected.name.isEmpty()
            && collected.arguments.trimmed().isEmpty())
            continue;
        ++position;
        ToolCall call = collected;
        if (call.arguments.trimmed().isEmpty())
            call.arguments = QStringLiteral("{}");
        // Results are matched to calls by id, so a missing or repeated one is replaced.
        if (call.id.isEmpty() || ids.contains(call.id))
            call.id = QStringLiteral("call_%1_%2").arg(step).arg(position);
        ids.insert(call.id);
        result.append(call);
    }
    return result;
}

} // namespace keel::core
