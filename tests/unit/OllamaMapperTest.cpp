// OllamaStreamMapper: Ollama's native /api/chat NDJSON -> StreamEvents, for any chunking.
#include "providers/OllamaStreamMapper.h"
#include "tests/support/StreamEventText.h"

#include <QStringList>
#include <QTest>

#include <nlohmann/json.hpp>
#include <optional>

using namespace keel::core;
using namespace keel::test;

using Mapper = OllamaStreamMapper;

namespace {

// A copy: the events are often a temporary.
std::optional<StreamError> firstErrorCopy(const StreamEvents& events)
{
    for (const StreamEvent& event : events) {
        if (const auto* error = std::get_if<StreamError>(&event))
            return *error;
    }
    return std::nullopt;
}

// What Ollama sends for qwen3 with "think": true: thinking lines, then content lines, then the
// done line with counts and durations.
const QByteArray realisticStream =
    R"({"model":"qwen3:0.6b","created_at":"2025-06-01T10:00:00.1Z","message":{"role":"assistant",)"
    R"("content":"","thinking":"Okay"},"done":false})"
    "\n"
    R"({"model":"qwen3:0.6b","created_at":"2025-06-01T10:00:00.2Z","message":{"role":"assistant",)"
    R"("content":"","thinking":", the user says hi."},"done":false})"
    "\n"
    R"({"model":"qwen3:0.6b","created_at":"2025-06-01T10:00:00.3Z","message":{"role":"assistant",)"
    R"("content":"Hello"},"done":false})"
    "\n"
    "{\"model\":\"qwen3:0.6b\",\"created_at\":\"2025-06-01T10:00:00.4Z\",\"message\":{\"role\":"
    "\"assistant\",\"content\":\", w\xC3\xB6rld \xF0\x9F\x8C\x8D \\\"quoted\\\"\\n\"},"
    "\"done\":false}\n"
    R"({"model":"qwen3:0.6b","created_at":"2025-06-01T10:00:00.5Z","message":{"role":"assistant",)"
    R"("content":""},"done_reason":"stop","done":true,"total_duration":512345678,)"
    R"("load_duration":12345678,"prompt_eval_count":11,"prompt_eval_duration":2345678,)"
    R"("eval_count":7,"eval_duration":345678901})"
    "\n";

const QStringList realisticEvents{
    QStringLiteral("reasoning:Okay"), QStringLiteral("reasoning:, the user says hi."),
    QStringLiteral("text:Hello"),     QStringLiteral("text:, w\u00f6rld \U0001F30D \"quoted\"\n"),
    QStringLiteral("usage:11/7"),     QStringLiteral("finish:stop"),
};

} // namespace

class OllamaMapperTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void realisticStream_data();
    void realisticStream();
    void everyChunkSizeIsInvisible();
    void everySplitPointIsInvisible();
    void eventsArriveAsSoonAsTheirLineEnds();
    void errorLine();
    void malformedLineKeepsEarlierText();
    void toolCalls();
    void toolCallsInAnySlicing();
    void nonStreamedToolCalls();
    void doneReasons_data();
    void doneReasons();
    void usageCounts();
    void missingDoneLineIsNotEnded();
    void nullAndWrongTypedFields();
    void thinkingAndContentInOneLine();
    void bigContentLine();
};

void OllamaMapperTest::realisticStream_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("lf") << ::realisticStream;
    QByteArray crlf = ::realisticStream;
    crlf.replace("\n", "\r\n");
    QTest::newRow("crlf") << crlf;
    QByteArray noFinalNewline = ::realisticStream;
    noFinalNewline.chop(1);
    QTest::newRow("no final newline") << noFinalNewline;
    QByteArray blankLines = ::realisticStream;
    blankLines.replace("}\n", "}\n\n \n");
    QTest::newRow("blank lines") << blankLines;
}

void OllamaMapperTest::realisticStream()
{
    QFETCH(QByteArray, bytes);
    const Run whole = feedWhole<Mapper>(bytes);
    QCOMPARE(whole.events, realisticEvents);
    QVERIFY(whole.done);

    const Run byteByByte = feedInChunks<Mapper>(bytes, 1);
    QCOMPARE(byteByByte.events, realisticEvents);
    QVERIFY(byteByByte.done);
}

void OllamaMapperTest::everyChunkSizeIsInvisible()
{
    for (qsizetype size = 1; size <= ::realisticStream.size(); size += 3) {
        const Run run = feedInChunks<Mapper>(::realisticStream, size);
        QVERIFY2(run.events == realisticEvents, qPrintable(QString::number(size)));
        QVERIFY(run.done);
    }
    for (quint32 seed = 1; seed <= 50; ++seed) {
        const Run random = feedRandomly<Mapper>(::realisticStream, seed);
        QCOMPARE(random.events, realisticEvents);
        QVERIFY(random.done);
    }
}

void OllamaMapperTest::everySplitPointIsInvisible()
{
    for (qsizetype cut = 0; cut <= ::realisticStream.size(); ++cut) {
        OllamaStreamMapper mapper;
        QStringList events = describe(mapper.feed(QByteArrayView(::realisticStream).first(cut)));
        events += describe(mapper.feed(QByteArrayView(::realisticStream).sliced(cut)));
        events += describe(mapper.finish());
        QVERIFY2(events == realisticEvents, qPrintable(QString::number(cut)));
    }
}

void OllamaMapperTest::eventsArriveAsSoonAsTheirLineEnds()
{
    OllamaStreamMapper mapper;
    const QByteArray line = R"({"message":{"role":"assistant","content":"Hi"},"done":false})";
    QVERIFY(mapper.feed(line).empty());
    QCOMPARE(describe(mapper.feed("\n")), QStringList{QStringLiteral("text:Hi")});
}

void OllamaMapperTest::errorLine()
{
    const QByteArray bytes =
        R"({"message":{"role":"assistant","content":"Partial"},"done":false})"
        "\n"
        R"({"error":"an error was encountered while running the model: unexpected EOF"})"
        "\n";
    const Run run = feedWhole<Mapper>(bytes);
    QCOMPARE(run.events.size(), 2);
    QCOMPARE(run.events[0], QStringLiteral("text:Partial"));
    QVERIFY(!run.done);

    OllamaStreamMapper mapper;
    const StreamEvents events = mapper.feed(bytes);
    const std::optional<StreamError> error = firstErrorCopy(events);
    QVERIFY(error);
    QCOMPARE(error->error.kind, ErrorKind::ServerError);
    QVERIFY(!error->error.retryable);
    QCOMPARE(error->error.message,
             QStringLiteral("Ollama reported an error: an error was encountered while running "
                            "the model: unexpected EOF"));

    // An object-shaped error (a proxy in front of Ollama) and an empty one.
    OllamaStreamMapper proxied;
    const std::optional<StreamError> objectError =
        firstErrorCopy(proxied.feed(R"({"error":{"message":"upstream overloaded"}})"
                                    "\n"));
    QVERIFY(objectError);
    QVERIFY2(objectError->error.message.contains(QStringLiteral("upstream overloaded")),
             qPrintable(objectError->error.message));
    OllamaStreamMapper empty;
    const std::optional<StreamError> emptyError = firstErrorCopy(empty.feed("{\"error\":\"\"}\n"));
    QVERIFY(emptyError);
    QVERIFY(!emptyError->error.message.isEmpty());

    // "error": null is no error.
    OllamaStreamMapper none;
    QCOMPARE(describe(none.feed(R"({"error":null,"message":{"content":"ok"}})"
                                "\n")),
             QStringList{QStringLiteral("text:ok")});
}

void OllamaMapperTest::malformedLineKeepsEarlierText()
{
    const QByteArray bytes = R"({"message":{"role":"assistant","content":"Partial "}})"
                             "\n"
                             R"({"message":{"role":"assistant","content":"ans)"
                             "\n";
    OllamaStreamMapper mapper;
    const StreamEvents events = mapper.feed(bytes);
    QCOMPARE(events.size(), std::size_t(2));
    QCOMPARE(describe(events.front()), QStringLiteral("text:Partial "));
    const auto* error = std::get_if<StreamError>(&events[1]);
    QVERIFY(error);
    QCOMPARE(error->error.kind, ErrorKind::Protocol);
    QVERIFY2(error->error.message.startsWith(QStringLiteral("The server sent malformed data: ")),
             qPrintable(error->error.message));
    QVERIFY2(error->error.message.contains(QStringLiteral("ans")),
             qPrintable(error->error.message));
    QVERIFY(!mapper.sawEndOfStream());

    // A huge malformed line is quoted only briefly, on one line.
    OllamaStreamMapper big;
    const std::optional<StreamError> bigError =
        firstErrorCopy(big.feed("{\"x\":\"" + QByteArray(1'000'000, 'x') + "\n"));
    QVERIFY(bigError);
    QVERIFY(bigError->error.message.size() < 200);

    // JSON that is not an object is not a chunk either; nor is a final unterminated junk.
    OllamaStreamMapper array;
    const std::optional<StreamError> arrayError = firstErrorCopy(array.feed("[1,2]\n"));
    QVERIFY(arrayError);
    QCOMPARE(arrayError->error.kind, ErrorKind::Protocol);
    OllamaStreamMapper junk;
    QVERIFY(junk.feed("<html>").empty());
    const std::optional<StreamError> junkError = firstErrorCopy(junk.finish());
    QVERIFY(junkError);
    QCOMPARE(junkError->error.kind, ErrorKind::Protocol);
}

void OllamaMapperTest::toolCalls()
{
    const QByteArray bytes =
        R"({"model":"llama3.2","message":{"role":"assistant","content":"",)"
        R"("tool_calls":[{"function":{"name":"get_weather","arguments":{"city":"Oslo",)"
        R"("units":"metric"}}},{"function":{"name":"get_time","arguments":{}}}]},)"
        R"("done":false})"
        "\n"
        R"({"message":{"role":"assistant","content":"","tool_calls":[{"id":"call_1",)"
        R"("function":{"index":0,"name":"lookup","arguments":{"q":"\u00e9t\u00e9",)"
        R"("n":[1,2.5,true,null]}}},{"function":{"name":"no_args"}},"junk",)"
        R"({"function":"nope"}]},"done":false})"
        "\n"
        R"({"message":{"role":"assistant","content":""},"done_reason":"stop","done":true,)"
        R"("prompt_eval_count":120,"eval_count":30})"
        "\n";
    const QStringList expected{
        QStringLiteral("tool:0||get_weather|{\"city\":\"Oslo\",\"units\":\"metric\"}"),
        QStringLiteral("tool:1||get_time|{}"),
        QStringLiteral("tool:2|call_1|lookup|{\"n\":[1,2.5,true,null],\"q\":\"\u00e9t\u00e9\"}"),
        QStringLiteral("tool:3||no_args|{}"),
        QStringLiteral("usage:120/30"),
        // Ollama says "stop" after tool calls; the reason tells the tool loop to act.
        QStringLiteral("finish:tool_calls"),
    };
    const Run run = feedWhole<Mapper>(bytes);
    QCOMPARE(run.events, expected);
    QVERIFY(run.done);
    QCOMPARE(feedInChunks<Mapper>(bytes, 1).events, expected);
}

void OllamaMapperTest::toolCallsInAnySlicing()
{
    // Parallel calls arrive whole in one line (arguments as an object), after some text.
    const QByteArray bytes =
        R"({"model":"qwen3","message":{"role":"assistant","content":"Let me look."},"done":false})"
        "\n"
        R"({"model":"qwen3","message":{"role":"assistant","content":"","tool_calls":[)"
        R"({"id":"call_x1","function":{"index":0,"name":"get_weather","arguments":)"
        R"({"city":"Z\u00fcrich"}}},{"id":"call_x2","function":{"index":1,"name":"get_time",)"
        R"("arguments":{"tz":"CET"}}}]},"done":false})"
        "\n"
        R"({"model":"qwen3","message":{"role":"assistant","content":""},"done_reason":"stop",)"
        R"("done":true,"prompt_eval_count":90,"eval_count":33})"
        "\n";
    const QStringList expected{
        QStringLiteral("text:Let me look."),
        QStringLiteral("tool:0|call_x1|get_weather|{\"city\":\"Z\u00fcrich\"}"),
        QStringLiteral("tool:1|call_x2|get_time|{\"tz\":\"CET\"}"),
        QStringLiteral("usage:90/33"),
        QStringLiteral("finish:tool_calls"),
    };
    QCOMPARE(feedWhole<Mapper>(bytes).events, expected);
    QCOMPARE(feedInChunks<Mapper>(bytes, 1).events, expected);
    for (quint32 seed = 1; seed <= 20; ++seed)
        QCOMPARE(feedRandomly<Mapper>(bytes, seed).events, expected);
}

void OllamaMapperTest::nonStreamedToolCalls()
{
    const auto response = nlohmann::json::parse(R"({"model":"llama3.2","message":{
        "role":"assistant","content":"","tool_calls":[
          {"function":{"name":"get_weather","arguments":{"city":"Oslo"}}},
          {"function":{"name":"get_time","arguments":{}}}]},
        "done_reason":"stop","done":true,"prompt_eval_count":40,"eval_count":12})");
    QCOMPARE(describe(Mapper::mapResponse(response)),
             (QStringList{
                 QStringLiteral("tool:0||get_weather|{\"city\":\"Oslo\"}"),
                 QStringLiteral("tool:1||get_time|{}"),
                 QStringLiteral("usage:40/12"),
                 QStringLiteral("finish:tool_calls"),
             }));
}

void OllamaMapperTest::doneReasons_data()
{
    QTest::addColumn<QByteArray>("doneLine");
    QTest::addColumn<QString>("reason");
    QTest::newRow("stop") << QByteArray(R"({"done":true,"done_reason":"stop"})")
                          << QStringLiteral("stop");
    QTest::newRow("length") << QByteArray(R"({"done":true,"done_reason":"length"})")
                            << QStringLiteral("length");
    QTest::newRow("other") << QByteArray(R"({"done":true,"done_reason":"unload"})")
                           << QStringLiteral("unload");
    QTest::newRow("missing") << QByteArray(R"({"done":true})") << QStringLiteral("stop");
    QTest::newRow("null") << QByteArray(R"({"done":true,"done_reason":null})")
                          << QStringLiteral("stop");
    QTest::newRow("wrong type") << QByteArray(R"({"done":true,"done_reason":5})")
                                << QStringLiteral("stop");
}

void OllamaMapperTest::doneReasons()
{
    QFETCH(QByteArray, doneLine);
    QFETCH(QString, reason);
    const Run run = feedWhole<Mapper>(doneLine + "\n");
    QCOMPARE(run.events,
             (QStringList{QStringLiteral("usage:-1/-1"), QStringLiteral("finish:") + reason}));
    QVERIFY(run.done);
}

void OllamaMapperTest::usageCounts()
{
    // A cached prompt leaves prompt_eval_count out; wrong types are "not reported".
    QCOMPARE(feedWhole<Mapper>(R"({"done":true,"eval_count":3})").events.front(),
             QStringLiteral("usage:-1/3"));
    QCOMPARE(feedWhole<Mapper>(R"({"done":true,"prompt_eval_count":"9","eval_count":-2})")
                 .events.front(),
             QStringLiteral("usage:-1/-1"));
    QCOMPARE(
        feedWhole<Mapper>(R"({"done":true,"prompt_eval_count":9.0,"eval_count":4})").events.front(),
        QStringLiteral("usage:9/4"));
}

void OllamaMapperTest::missingDoneLineIsNotEnded()
{
    // The connection dropped before the done line.
    QByteArray bytes = ::realisticStream;
    bytes.truncate(bytes.lastIndexOf("{\"model\""));
    const Run run = feedWhole<Mapper>(bytes);
    QCOMPARE(run.events, realisticEvents.first(4));
    QVERIFY(!run.done);

    // Half a done line is a malformed line, not an end.
    const Run half = feedWhole<Mapper>(bytes + R"({"done":tr)");
    QVERIFY(!half.done);
    QVERIFY(half.events.back().startsWith(QStringLiteral("error:")));

    // done:false or a non-bool done is not the end either.
    QVERIFY(!feedWhole<Mapper>(R"({"done":false})").done);
    QVERIFY(!feedWhole<Mapper>(R"({"done":"true"})").done);
    QVERIFY(!feedWhole<Mapper>(R"({"done":1})").done);
}

void OllamaMapperTest::nullAndWrongTypedFields()
{
    const QByteArray bytes = R"({"message":null,"done":false})"
                             "\n"
                             R"({"message":{"content":null,"thinking":null,"tool_calls":null}})"
                             "\n"
                             R"({"message":{"content":7,"thinking":[],"tool_calls":{"a":1}}})"
                             "\n"
                             R"({"message":"text","done":null})"
                             "\n"
                             R"({"message":{"tool_calls":[null,1,{"function":null}]}})"
                             "\n"
                             R"({"model":"m","created_at":"x"})"
                             "\n"
                             R"({"message":{"content":"survived"}})"
                             "\n";
    const Run run = feedWhole<Mapper>(bytes);
    QCOMPARE(run.events, QStringList{QStringLiteral("text:survived")});
    QVERIFY(!run.done);
}

void OllamaMapperTest::thinkingAndContentInOneLine()
{
    const Run run =
        feedWhole<Mapper>(R"({"message":{"role":"assistant","content":"A","thinking":"T"}})");
    QCOMPARE(run.events, (QStringList{QStringLiteral("reasoning:T"), QStringLiteral("text:A")}));
}

void OllamaMapperTest::bigContentLine()
{
    const QString content(2'000'000, u'y');
    const QByteArray bytes = R"({"message":{"role":"assistant","content":")" + content.toUtf8()
                             + "\"},\"done\":false}\n" + R"({"done":true,"done_reason":"stop"})"
                             + "\n";
    const Run run = feedInChunks<Mapper>(bytes, 16 * 1024);
    QCOMPARE(run.events.size(), 3);
    QVERIFY(run.events[0] == QStringLiteral("text:") + content);
    QVERIFY(run.done);
}

QTEST_GUILESS_MAIN(OllamaMapperTest)
#include "OllamaMapperTest.moc"
