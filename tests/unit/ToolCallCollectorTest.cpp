// ToolCallCollector: the calls of one response assembled from each provider's deltas, as the
// stream mappers produce them from bytes in any chunking.
#include "chat/ToolCallCollector.h"

#include "providers/AnthropicStreamMapper.h"
#include "providers/GeminiStreamMapper.h"
#include "providers/OllamaStreamMapper.h"
#include "providers/OpenAiStreamMapper.h"

#include <QTest>

#include <variant>

using namespace keel::core;

namespace {

ToolCallDelta delta(int index, const QString& id, const QString& name, const QString& arguments)
{
    return ToolCallDelta{index, id, name, arguments};
}

QString describe(const QList<ToolCall>& calls)
{
    QStringList out;
    for (const ToolCall& call : calls)
        out.append(call.id + u'|' + call.name + u'|' + call.arguments);
    return out.join(u'\n');
}

template <typename Mapper>
QList<ToolCall> collectByteByByte(const QByteArray& bytes, int step = 1)
{
    Mapper mapper;
    ToolCallCollector collector;
    const auto take = [&](const StreamEvents& events) {
        for (const StreamEvent& event : events) {
            if (const auto* toolDelta = std::get_if<ToolCallDelta>(&event))
                collector.add(*toolDelta);
        }
    };
    for (qsizetype i = 0; i < bytes.size(); ++i)
        take(mapper.feed(QByteArrayView(bytes).sliced(i, 1)));
    take(mapper.finish());
    return collector.calls(step);
}

} // namespace

class ToolCallCollectorTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void emptyCollector();
    void fragmentsAreJoinedByIndex();
    void callsComeInIndexOrder();
    void idAndNameAreSetNotAppended();
    void missingIdsAreSynthesizedPerStep();
    void repeatedIdsAreMadeUnique();
    void emptyArgumentsBecomeEmptyObject();
    void strayEmptyDeltaIsNoCall();
    void clearForgetsEverything();
    void openAiStreamEndToEnd();
    void anthropicStreamEndToEnd();
    void geminiStreamEndToEnd();
    void ollamaStreamEndToEnd();
};

void ToolCallCollectorTest::emptyCollector()
{
    ToolCallCollector collector;
    QVERIFY(collector.isEmpty());
    QVERIFY(collector.calls().isEmpty());
}

void ToolCallCollectorTest::fragmentsAreJoinedByIndex()
{
    ToolCallCollector collector;
    collector.add(delta(0, QStringLiteral("call_a"), QStringLiteral("get_weather"), QString()));
    collector.add(delta(1, QStringLiteral("call_b"), QStringLiteral("get_time"), QString()));
    collector.add(delta(0, {}, {}, QStringLiteral("{\"ci")));
    collector.add(delta(1, {}, {}, QStringLiteral("{\"tz\":\"UTC\"}")));
    collector.add(delta(0, {}, {}, QStringLiteral("ty\":\"Oslo\"}")));
    QVERIFY(!collector.isEmpty());
    QCOMPARE(describe(collector.calls()), QStringLiteral("call_a|get_weather|{\"city\":\"Oslo\"}\n"
                                                         "call_b|get_time|{\"tz\":\"UTC\"}"));
}

void ToolCallCollectorTest::callsComeInIndexOrder()
{
    // Anthropic numbers content blocks, text included: tool calls may start at 1 and skip.
    ToolCallCollector collector;
    collector.add(delta(3, QStringLiteral("toolu_2"), QStringLiteral("second"), QString()));
    collector.add(delta(1, QStringLiteral("toolu_1"), QStringLiteral("first"), QString()));
    QCOMPARE(describe(collector.calls()), QStringLiteral("toolu_1|first|{}\ntoolu_2|second|{}"));
}

void ToolCallCollectorTest::idAndNameAreSetNotAppended()
{
    // Some OpenAI-compatible servers repeat the id and name in every fragment.
    ToolCallCollector collector;
    collector.add(delta(0, QStringLiteral("call_a"), QStringLiteral("echo"), QStringLiteral("{")));
    collector.add(delta(0, QStringLiteral("call_a"), QStringLiteral("echo"), QStringLiteral("}")));
    QCOMPARE(describe(collector.calls()), QStringLiteral("call_a|echo|{}"));
}

void ToolCallCollectorTest::missingIdsAreSynthesizedPerStep()
{
    ToolCallCollector collector;
    collector.add(delta(0, {}, QStringLiteral("a"), QStringLiteral("{\"x\":1}")));
    collector.add(delta(1, {}, QStringLiteral("b"), QStringLiteral("{}")));
    QCOMPARE(describe(collector.calls(3)), QStringLiteral("call_3_1|a|{\"x\":1}\ncall_3_2|b|{}"));
    // Another step of the same turn names them apart.
    QCOMPARE(collector.calls(4).first().id, QStringLiteral("call_4_1"));
}

void ToolCallCollectorTest::repeatedIdsAreMadeUnique()
{
    ToolCallCollector collector;
    collector.add(delta(0, QStringLiteral("same"), QStringLiteral("a"), {}));
    collector.add(delta(1, QStringLiteral("same"), QStringLiteral("b"), {}));
    const QList<ToolCall> calls = collector.calls(2);
    QCOMPARE(calls.size(), 2);
    QCOMPARE(calls[0].id, QStringLiteral("same"));
    QCOMPARE(calls[1].id, QStringLiteral("call_2_2"));
}

void ToolCallCollectorTest::emptyArgumentsBecomeEmptyObject()
{
    ToolCallCollector collector;
    collector.add(delta(0, QStringLiteral("c"), QStringLiteral("now"), QStringLiteral("  ")));
    QCOMPARE(collector.calls().first().arguments, QStringLiteral("{}"));
    // Text that is not JSON is kept as the model sent it: the tool loop reports it.
    collector.clear();
    collector.add(delta(0, QStringLiteral("c"), QStringLiteral("now"), QStringLiteral("{oops")));
    QCOMPARE(collector.calls().first().arguments, QStringLiteral("{oops"));
}

void ToolCallCollectorTest::strayEmptyDeltaIsNoCall()
{
    ToolCallCollector collector;
    collector.add(delta(0, QStringLiteral("c"), QStringLiteral("now"), QStringLiteral("{}")));
    collector.add(delta(5, {}, {}, {}));
    QCOMPARE(collector.calls().size(), 1);
}

void ToolCallCollectorTest::clearForgetsEverything()
{
    ToolCallCollector collector;
    collector.add(delta(0, QStringLiteral("c"), QStringLiteral("now"), QStringLiteral("{}")));
    collector.clear();
    QVERIFY(collector.isEmpty());
    QVERIFY(collector.calls().isEmpty());
}

void ToolCallCollectorTest::openAiStreamEndToEnd()
{
    // Two parallel calls, interleaved, each argument split over several chunks.
    QByteArray bytes;
    const auto chunk = [&bytes](const QByteArray& toolCalls) {
        bytes += R"(data: {"choices":[{"index":0,"delta":{"tool_calls":)" + toolCalls + "}}]}\n\n";
    };
    chunk(R"([{"index":0,"id":"call_w","type":"function",)"
          R"("function":{"name":"weather","arguments":""}}])");
    chunk(R"([{"index":1,"id":"call_t","type":"function",)"
          R"("function":{"name":"time","arguments":""}}])");
    chunk(R"([{"index":0,"function":{"arguments":"{\"city\""}}])");
    chunk(R"([{"index":1,"function":{"arguments":"{\"tz\":"}}])");
    chunk(R"([{"index":0,"function":{"arguments":":\"Z\u00fcrich\"}"}}])");
    chunk(R"([{"index":1,"function":{"arguments":"\"CET\"}"}}])");
    bytes += "data: [DONE]\n\n";
    QCOMPARE(describe(collectByteByByte<OpenAiStreamMapper>(bytes)),
             QStringLiteral("call_w|weather|{\"city\":\"Z\u00fcrich\"}\n"
                            "call_t|time|{\"tz\":\"CET\"}"));
}

void ToolCallCollectorTest::anthropicStreamEndToEnd()
{
    const QByteArray bytes =
        "event: content_block_start\n"
        R"(data: {"type":"content_block_start","index":0,"content_block":{"type":"tool_use",)"
        R"("id":"toolu_a","name":"add","input":{}}})"
        "\n\n"
        "event: content_block_delta\n"
        R"(data: {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta",)"
        R"("partial_json":"{\"a\": 1, "}})"
        "\n\n"
        "event: content_block_delta\n"
        R"(data: {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta",)"
        R"("partial_json":"\"b\": 2}"}})"
        "\n\n"
        "event: message_stop\n"
        R"(data: {"type":"message_stop"})"
        "\n\n";
    QCOMPARE(describe(collectByteByByte<AnthropicStreamMapper>(bytes)),
             QStringLiteral("toolu_a|add|{\"a\": 1, \"b\": 2}"));
}

void ToolCallCollectorTest::geminiStreamEndToEnd()
{
    // Parallel calls without ids, in the second step of a turn: named apart from step 1's.
    const QByteArray bytes =
        R"(data: {"candidates":[{"content":{"role":"model","parts":[)"
        R"({"functionCall":{"name":"read","args":{"path":"a"}},"thoughtSignature":"Cq"},)"
        R"({"functionCall":{"name":"read","args":{"path":"b"}}}]},"finishReason":"STOP"}]})"
        "\r\n\r\n";
    QCOMPARE(describe(collectByteByByte<GeminiStreamMapper>(bytes, 2)),
             QStringLiteral("call_2_1|read|{\"path\":\"a\"}\ncall_2_2|read|{\"path\":\"b\"}"));
}

void ToolCallCollectorTest::ollamaStreamEndToEnd()
{
    const QByteArray bytes =
        R"({"message":{"role":"assistant","content":"","tool_calls":[{"function":{"name":"add",)"
        R"("arguments":{"a":1,"b":2}}}]},"done":false})"
        "\n"
        R"({"message":{"role":"assistant","content":""},"done":true,"done_reason":"stop"})"
        "\n";
    QCOMPARE(describe(collectByteByByte<OllamaStreamMapper>(bytes)),
             QStringLiteral("call_1_1|add|{\"a\":1,\"b\":2}"));
}

QTEST_GUILESS_MAIN(ToolCallCollectorTest)
#include "ToolCallCollectorTest.moc"
