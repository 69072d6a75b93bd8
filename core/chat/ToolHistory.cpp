// ToolHistory: see ToolHistory.h.
#include "chat/ToolHistory.h"

#include <algorithm>

namespace keel::core {

namespace {

// What the model is told of a call: its result, or (for a call stored without one, e.g. a turn
// that ended while the call waited or ran) why there is none.
QString resultText(const ToolCallRecord& record)
{
    const QString text = record.result.modelText();
    if (!text.isEmpty())
        return text;
    switch (record.state) {
    case ToolCallState::Done:
        return text;
    case ToolCallState::Denied:
        return QStringLiteral("The user denied this tool call.");
    case ToolCallState::Cancelled:
        return QStringLiteral("The tool call was cancelled.");
    case ToolCallState::Failed:
        return QStringLiteral("The tool call failed.");
    case ToolCallState::AwaitingApproval:
    case ToolCallState::Running:
        break;
    }
    return QStringLiteral("The tool call did not finish.");
}

bool failed(const ToolCallRecord& record)
{
    return record.result.isError || record.state != ToolCallState::Done;
}

} // namespace

QList<ChatMessage> assistantMessagesFor(const QString& content,
                                        const QList<ToolCallRecord>& toolCalls)
{
    QList<ChatMessage> messages;
    qsizetype from = 0;
    for (qsizetype i = 0; i < toolCalls.size();) {
        // One step: the records that follow each other with the same step number.
        qsizetype end = i + 1;
        while (end < toolCalls.size() && toolCalls[end].step == toolCalls[i].step)
            ++end;
        // Offsets only grow; a damaged one is kept inside the text.
        const qsizetype to = std::clamp(toolCalls[i].textOffset, from, content.size());

        ChatMessage assistant;
        assistant.role = Role::Assistant;
        assistant.content = content.mid(from, to - from);
        for (qsizetype k = i; k < end; ++k)
            assistant.toolCalls.append(toolCalls[k].call);
        messages.append(assistant);

        for (qsizetype k = i; k < end; ++k) {
            const ToolCallRecord& record = toolCalls[k];
            ChatMessage result;
            result.role = Role::Tool;
            result.content = resultText(record);
            result.toolCallId = record.call.id;
            result.toolName = record.call.name;
            result.isError = failed(record);
            messages.append(result);
        }
        from = to;
        i = end;
    }
    const QString rest = content.mid(from);
    if (!rest.isEmpty() || messages.isEmpty()) {
        ChatMessage assistant;
        assistant.role = Role::Assistant;
        assistant.content = rest;
        messages.append(assistant);
    }
    return messages;
}

} // namespace keel::core
