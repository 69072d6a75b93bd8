// ToolHistory: a stored reply with tool calls turned back into the messages providers are sent.
#include "chat/ToolHistory.h"

#include <QTest>

using namespace keel::core;

namespace {

ToolResult textResult(const QString& text)
{
    ToolResult result;
    result.content.append({ToolContent::Kind::Text, text, {}, {}, {}});
    return result;
}

ToolCallRecord record(int step, qsizetype offset, const QString& id, const QString& name,
                      const QString& arguments, ToolResult result,
                      ToolCallState state = ToolCallState::Done)
{
    ToolCallRecord out;
    out.step = step;
    out.textOffset = offset;
    out.call = ToolCall{id, name, arguments};
    out.server = QStringLiteral("everything");
    out.toolName = name;
    out.state = state;
    out.result = std::move(result);
    return out;
}

// One line per message: role, content, then calls or the result's id, name and error flag.
QStringList describe(const QList<ChatMessage>& messages)
{
    QStringList out;
    for (const ChatMessage& message : messages) {
        QString line;
        switch (message.role) {
        case Role::System:
            line = QStringLiteral("system:");
            break;
        case Role::User:
            line = QStringLiteral("user:");
            break;
        case Role::Assistant:
            line = QStringLiteral("assistant:");
            break;
        case Role::Tool:
            line = QStringLiteral("tool:");
            break;
        }
        line += message.content;
        for (const ToolCall& call : message.toolCalls)
            line += QStringLiteral(" [%1 %2 %3]").arg(call.id, call.name, call.arguments);
        if (message.role == Role::Tool)
            line += QStringLiteral(" <%1 %2%3>")
                        .arg(message.toolCallId, message.toolName,
                             message.isError ? QStringLiteral(" error") : QString());
        out.append(line);
    }
    return out;
}

} // namespace

class ToolHistoryTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void noRecordsIsOneAssistantMessage();
    void oneStepWithTextBeforeAndAfter();
    void parallelCallsShareAStep();
    void severalSteps();
    void callWithoutTextBefore();
    void noTextAfterTheLastStep();
    void errorResults();
    void damagedOffsetsStayInsideTheText();
};

void ToolHistoryTest::noRecordsIsOneAssistantMessage()
{
    QCOMPARE(describe(assistantMessagesFor(QStringLiteral("Hello."), {})),
             QStringList{QStringLiteral("assistant:Hello.")});
    // Even an empty reply stays one (empty) assistant message: providers drop it themselves.
    QCOMPARE(describe(assistantMessagesFor(QString(), {})),
             QStringList{QStringLiteral("assistant:")});
}

void ToolHistoryTest::oneStepWithTextBeforeAndAfter()
{
    const QString content = QStringLiteral("Let me look.It is 12:00.");
    const QList<ChatMessage> messages = assistantMessagesFor(
        content, {record(1, 12, QStringLiteral("call_1"), QStringLiteral("time"),
                         QStringLiteral("{\"tz\":\"UTC\"}"), textResult(QStringLiteral("12:00")))});
    QCOMPARE(describe(messages), (QStringList{
                                     QStringLiteral("assistant:Let me look. [call_1 time "
                                                    "{\"tz\":\"UTC\"}]"),
                                     QStringLiteral("tool:12:00 <call_1 time>"),
                                     QStringLiteral("assistant:It is 12:00."),
                                 }));
}

void ToolHistoryTest::parallelCallsShareAStep()
{
    const QString content = QStringLiteral("Both:Sunny, 12:00.");
    const QList<ChatMessage> messages = assistantMessagesFor(
        content, {record(1, 5, QStringLiteral("a"), QStringLiteral("weather"), QStringLiteral("{}"),
                         textResult(QStringLiteral("sunny"))),
                  record(1, 5, QStringLiteral("b"), QStringLiteral("time"), QStringLiteral("{}"),
                         textResult(QStringLiteral("12:00")))});
    QCOMPARE(describe(messages), (QStringList{
                                     QStringLiteral("assistant:Both: [a weather {}] [b time {}]"),
                                     QStringLiteral("tool:sunny <a weather>"),
                                     QStringLiteral("tool:12:00 <b time>"),
                                     QStringLiteral("assistant:Sunny, 12:00."),
                                 }));
}

void ToolHistoryTest::severalSteps()
{
    const QString content = QStringLiteral("First.Second.Done.");
    const QList<ChatMessage> messages = assistantMessagesFor(
        content, {record(1, 6, QStringLiteral("s1"), QStringLiteral("one"), QStringLiteral("{}"),
                         textResult(QStringLiteral("r1"))),
                  record(2, 13, QStringLiteral("s2a"), QStringLiteral("two"), QStringLiteral("{}"),
                         textResult(QStringLiteral("r2a"))),
                  record(2, 13, QStringLiteral("s2b"), QStringLiteral("two"),
                         QStringLiteral("{\"n\":2}"), textResult(QStringLiteral("r2b")))});
    QCOMPARE(describe(messages), (QStringList{
                                     QStringLiteral("assistant:First. [s1 one {}]"),
                                     QStringLiteral("tool:r1 <s1 one>"),
                                     QStringLiteral("assistant:Second. [s2a two {}] "
                                                    "[s2b two {\"n\":2}]"),
                                     QStringLiteral("tool:r2a <s2a two>"),
                                     QStringLiteral("tool:r2b <s2b two>"),
                                     QStringLiteral("assistant:Done."),
                                 }));
}

void ToolHistoryTest::callWithoutTextBefore()
{
    const QList<ChatMessage> messages =
        assistantMessagesFor(QStringLiteral("It is 12:00."),
                             {record(1, 0, QStringLiteral("c"), QStringLiteral("time"),
                                     QStringLiteral("{}"), textResult(QStringLiteral("12:00")))});
    QCOMPARE(describe(messages), (QStringList{
                                     QStringLiteral("assistant: [c time {}]"),
                                     QStringLiteral("tool:12:00 <c time>"),
                                     QStringLiteral("assistant:It is 12:00."),
                                 }));
}

void ToolHistoryTest::noTextAfterTheLastStep()
{
    // A turn that hit its step limit (or was stopped) right after a call.
    const QList<ChatMessage> messages =
        assistantMessagesFor(QStringLiteral("Checking."),
                             {record(1, 9, QStringLiteral("c"), QStringLiteral("time"),
                                     QStringLiteral("{}"), textResult(QStringLiteral("12:00")))});
    QCOMPARE(describe(messages), (QStringList{
                                     QStringLiteral("assistant:Checking. [c time {}]"),
                                     QStringLiteral("tool:12:00 <c time>"),
                                 }));
}

void ToolHistoryTest::errorResults()
{
    const QList<ChatMessage> messages = assistantMessagesFor(
        QStringLiteral("Sorry."),
        {record(1, 0, QStringLiteral("a"), QStringLiteral("read"), QStringLiteral("{}"),
                ToolResult::error(QStringLiteral("No such file"))),
         record(1, 0, QStringLiteral("b"), QStringLiteral("fetch"), QStringLiteral("{}"),
                ToolResult::error(QStringLiteral("The user denied this call.")),
                ToolCallState::Denied),
         // Stored without a result: the turn ended while it ran.
         record(1, 0, QStringLiteral("c"), QStringLiteral("slow"), QStringLiteral("{}"), {},
                ToolCallState::Cancelled),
         record(1, 0, QStringLiteral("d"), QStringLiteral("slow"), QStringLiteral("{}"), {},
                ToolCallState::Running)});
    QCOMPARE(describe(messages),
             (QStringList{
                 QStringLiteral("assistant: [a read {}] [b fetch {}] [c slow {}] [d slow {}]"),
                 QStringLiteral("tool:No such file <a read error>"),
                 QStringLiteral("tool:The user denied this call. <b fetch error>"),
                 QStringLiteral("tool:The tool call was cancelled. <c slow error>"),
                 QStringLiteral("tool:The tool call did not finish. <d slow error>"),
                 QStringLiteral("assistant:Sorry."),
             }));
}

void ToolHistoryTest::damagedOffsetsStayInsideTheText()
{
    // Offsets past the end or going backwards (a damaged record) never cut outside the text
    // or repeat any of it.
    const QList<ChatMessage> messages = assistantMessagesFor(
        QStringLiteral("abc"), {record(1, 99, QStringLiteral("a"), QStringLiteral("x"),
                                       QStringLiteral("{}"), textResult(QStringLiteral("1"))),
                                record(2, 1, QStringLiteral("b"), QStringLiteral("y"),
                                       QStringLiteral("{}"), textResult(QStringLiteral("2")))});
    QCOMPARE(describe(messages), (QStringList{
                                     QStringLiteral("assistant:abc [a x {}]"),
                                     QStringLiteral("tool:1 <a x>"),
                                     QStringLiteral("assistant: [b y {}]"),
                                     QStringLiteral("tool:2 <b y>"),
                                 }));
}

QTEST_GUILESS_MAIN(ToolHistoryTest)
#include "ToolHistoryTest.moc"
