// ToolRequestFixture: what the provider tests share to check tool requests: a conversation with
// parallel calls, an error result, an assistant without text and a second step, the builders of
// its messages, and a JSON comparison that shows both sides when it fails.
#pragma once

#include "chat/ChatTypes.h"

#include <QTest>

#include <nlohmann/json.hpp>

// json has no QTest::toString and converts too freely for QCOMPARE; compare and show the dumps.
#define COMPARE_JSON(actual, expected)                                                             \
    QVERIFY2((actual) == (expected),                                                               \
             qPrintable(QString::fromStdString((actual).dump() + " != " + (expected).dump())))

namespace keel::test {

using core::ChatMessage;
using core::Role;
using core::ToolCall;
using core::ToolSpec;
using core::TurnRequest;

inline ChatMessage chat(Role role, const QString& content)
{
    ChatMessage message;
    message.role = role;
    message.content = content;
    return message;
}

inline ChatMessage calling(const QString& content, const QList<ToolCall>& calls)
{
    ChatMessage message = chat(Role::Assistant, content);
    message.toolCalls = calls;
    return message;
}

inline ChatMessage toolResult(const QString& id, const QString& name, const QString& content,
                              bool isError = false)
{
    ChatMessage message = chat(Role::Tool, content);
    message.toolCallId = id;
    message.toolName = name;
    message.isError = isError;
    return message;
}

inline ToolSpec tool(const QString& name, const QString& description, const QString& schema)
{
    ToolSpec spec;
    spec.name = name;
    spec.description = description;
    spec.inputSchema = schema;
    return spec;
}

// Parallel calls (one with arguments that are not JSON) answered by a result and an error, an
// assistant without text, its answer, then a second step with text before its call; added to
// the provider's own sample request.
inline TurnRequest withToolConversation(TurnRequest request)
{
    request.messages = {
        chat(Role::User, QStringLiteral("Weather in Oslo, and the time?")),
        calling({}, {{QStringLiteral("c1"), QStringLiteral("weather"),
                      QStringLiteral("{\"city\":\"Oslo\"}")},
                     {QStringLiteral("c2"), QStringLiteral("now"), QStringLiteral("not json")}}),
        toolResult(QStringLiteral("c1"), QStringLiteral("weather"), QStringLiteral("sunny")),
        toolResult(QStringLiteral("c2"), QStringLiteral("now"), QStringLiteral("clock broken"),
                   true),
        chat(Role::Assistant, QStringLiteral("Sunny; no clock.")),
        chat(Role::User, QStringLiteral("Again?")),
        calling(QStringLiteral("Checking."), {{QStringLiteral("c3"), QStringLiteral("weather"),
                                               QStringLiteral("{\"city\": \"Oslo\"}")}}),
        toolResult(QStringLiteral("c3"), QStringLiteral("weather"), QStringLiteral("rain")),
    };
    request.tools = {
        tool(QStringLiteral("weather"), QStringLiteral("Weather by city"),
             QStringLiteral(R"({"type":"object","properties":{"city":{"type":"string"}},)"
                            R"("required":["city"]})")),
        tool(QStringLiteral("now"), QStringLiteral("The time"), QString()),
    };
    return request;
}

} // namespace keel::test
