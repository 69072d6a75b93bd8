// AnthropicStreamMapper: Messages API SSE -> StreamEvents, for any chunking of the bytes.
#include "providers/AnthropicStreamMapper.h"
#include "tests/support/StreamEventText.h"

#include <QStringList>
#include <QTest>

#include <nlohmann/json.hpp>

using namespace keel::core;
using namespace keel::test;

using Mapper = AnthropicStreamMapper;

namespace {

// One SSE event as Anthropic writes it: the event name, then the JSON with the same type.
QByteArray sseEvent(const QByteArray& name, const QByteArray& json)
{
    return "event: " + name + "\ndata: " + json + "\n\n";
}

// The extended-thinking stream from Anthropic's streaming documentation, with a ping, escapes and
// non-ASCII text added.
const QByteArray realisticStream =
    sseEvent("message_start",
             R"({"type":"message_start","message":{"id":"msg_01ABC","type":"message",)"
             R"("role":"assistant","content":[],"model":"claude-sonnet-4-20250514",)"
             R"("stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":25,)"
             R"("cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":1}}})")
    + sseEvent("ping", R"({"type": "ping"})")
    + sseEvent("content_block_start",
               R"({"type":"content_block_start","index":0,)"
               R"("content_block":{"type":"thinking","thinking":"","signature":""}})")
    + sseEvent("content_block_delta",
               R"({"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta",)"
               R"("thinking":"Let me solve this step by step:\n\n1. First break down 27 * 453"}})")
    + sseEvent("content_block_delta",
               R"({"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta",)"
               R"("thinking":"\n2. 453 = 400 + 50 + 3"}})")
    + sseEvent("content_block_delta",
               R"({"type":"content_block_delta","index":0,"delta":{"type":"signature_delta",)"
               R"("signature":"EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds"}})")
    + sseEvent("content_block_stop", R"({"type":"content_block_stop","index":0})")
    + sseEvent("content_block_start", R"({"type":"content_block_start","index":1,)"
                                      R"("content_block":{"type":"text","text":""}})")
    + sseEvent("content_block_delta",
               R"({"type":"content_block_delta","index":1,"delta":{"type":"text_delta",)"
               R"("text":"27 * 453 = 12,231"}})")
    + sseEvent("content_block_delta",
               "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"text_delta\","
               "\"text\":\" \\u2014 gr\xC3\xBC\xC3\x9F \xF0\x9F\x8C\x8D \\\"quoted\\\"\\n\"}}")
    + sseEvent("content_block_stop", R"({"type":"content_block_stop","index":1})")
    + sseEvent("message_delta",
               R"({"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},)"
               R"("usage":{"output_tokens":15}})")
    + sseEvent("message_stop", R"({"type":"message_stop"})");

const QStringList realisticEvents{
    QStringLiteral("reasoning:Let me solve this step by step:\n\n1. First break down 27 * 453"),
    QStringLiteral("reasoning:\n2. 453 = 400 + 50 + 3"),
    QStringLiteral("text:27 * 453 = 12,231"),
    QStringLiteral("text: \u2014 gr\u00fc\u00df \U0001F30D \"quoted\"\n"),
    QStringLiteral("finish:stop"),
    QStringLiteral("usage:25/15"),
};

} // namespace

class AnthropicMapperTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void realisticStream_data();
    void realisticStream();
    void randomChunkingIsInvisible();
    void toolUseFragments();
    void parallelToolUseInManyChunks();
    void toolUseStartWithWholeInput();
    void nonStreamedToolUse();
    void errorEventKeepsEarlierText_data();
    void errorEventKeepsEarlierText();
    void errorEventWithoutDetails();
    void malformedJsonKeepsEarlierText();
    void unknownEventsAreIgnored();
    void typeComesFromTheJson();
    void withoutMessageStopIsNotEnded();
    void stopReasons_data();
    void stopReasons();
    void cacheTokensCountAsInput();
    void nullAndWrongTypedFields();
    void utf8SplitAcrossChunks();
};

void AnthropicMapperTest::realisticStream_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("lf") << ::realisticStream;
    QByteArray crlf = ::realisticStream;
    crlf.replace("\n", "\r\n");
    QTest::newRow("crlf") << crlf;
}

void AnthropicMapperTest::realisticStream()
{
    QFETCH(QByteArray, bytes);

    const Run whole = feedWhole<Mapper>(bytes);
    QCOMPARE(whole.events, realisticEvents);
    QVERIFY(whole.done);

    const Run byteByByte = feedInChunks<Mapper>(bytes, 1);
    QCOMPARE(byteByByte.events, realisticEvents);
    QVERIFY(byteByByte.done);
}

void AnthropicMapperTest::randomChunkingIsInvisible()
{
    const Run whole = feedWhole<Mapper>(::realisticStream);
    for (quint32 seed = 1; seed <= 50; ++seed) {
        const Run random = feedRandomly<Mapper>(::realisticStream, seed);
        QCOMPARE(random.events, whole.events);
        QCOMPARE(random.done, whole.done);
    }
}

void AnthropicMapperTest::toolUseFragments()
{
    // As in the tool-use streaming example: text, then a tool_use block whose input arrives as
    // JSON fragments (the first one empty), then stop_reason tool_use.
    const QByteArray bytes =
        sseEvent("message_start",
                 R"({"type":"message_start","message":{"id":"msg_1","type":"message",)"
                 R"("role":"assistant","content":[],"model":"claude-opus-4-1",)"
                 R"("stop_reason":null,"usage":{"input_tokens":472,"output_tokens":2}}})")
        + sseEvent("content_block_start", R"({"type":"content_block_start","index":0,)"
                                          R"("content_block":{"type":"text","text":""}})")
        + sseEvent("content_block_delta",
                   R"({"type":"content_block_delta","index":0,)"
                   R"("delta":{"type":"text_delta","text":"Checking the weather."}})")
        + sseEvent("content_block_stop", R"({"type":"content_block_stop","index":0})")
        + sseEvent("content_block_start",
                   R"({"type":"content_block_start","index":1,"content_block":{"type":"tool_use",)"
                   R"("id":"toolu_01T1x1fJ34qAmk2tNTrN7Up6","name":"get_weather","input":{}}})")
        + sseEvent("content_block_delta",
                   R"({"type":"content_block_delta","index":1,)"
                   R"("delta":{"type":"input_json_delta","partial_json":""}})")
        + sseEvent(
            "content_block_delta",
            R"({"type":"content_block_delta","index":1,)"
            R"("delta":{"type":"input_json_delta","partial_json":"{\"location\": \"San Fra"}})")
        + sseEvent("content_block_delta",
                   R"({"type":"content_block_delta","index":1,)"
                   R"("delta":{"type":"input_json_delta","partial_json":"ncisco, CA\"}"}})")
        + sseEvent("content_block_stop", R"({"type":"content_block_stop","index":1})")
        + sseEvent("content_block_start",
                   R"({"type":"content_block_start","index":2,"content_block":{"type":"tool_use",)"
                   R"("id":"toolu_02","name":"get_time","input":{}}})")
        + sseEvent("content_block_delta",
                   R"({"type":"content_block_delta","index":2,)"
                   R"("delta":{"type":"input_json_delta","partial_json":"{}"}})")
        + sseEvent("content_block_stop", R"({"type":"content_block_stop","index":2})")
        + sseEvent("message_delta", R"({"type":"message_delta","delta":{"stop_reason":"tool_use",)"
                                    R"("stop_sequence":null},"usage":{"output_tokens":89}})")
        + sseEvent("message_stop", R"({"type":"message_stop"})");

    const Run run = feedWhole<Mapper>(bytes);
    QCOMPARE(run.events, (QStringList{
                             QStringLiteral("text:Checking the weather."),
                             QStringLiteral("tool:1|toolu_01T1x1fJ34qAmk2tNTrN7Up6|get_weather|"),
                             QStringLiteral("tool:1|||{\"location\": \"San Fra"),
                             QStringLiteral("tool:1|||ncisco, CA\"}"),
                             QStringLiteral("tool:2|toolu_02|get_time|"),
                             QStringLiteral("tool:2|||{}"),
                             QStringLiteral("finish:tool_calls"),
                             QStringLiteral("usage:472/89"),
                         }));
    QVERIFY(run.done);
    QCOMPARE(feedInChunks<Mapper>(bytes, 1).events, run.events);
}

void AnthropicMapperTest::parallelToolUseInManyChunks()
{
    // Two tool_use blocks with no text before them (so they are blocks 0 and 1), their input in
    // small fragments, fed in every slicing.
    QByteArray bytes = sseEvent(
        "message_start",
        R"({"type":"message_start","message":{"id":"msg_2","type":"message",)"
        R"("role":"assistant","content":[],"usage":{"input_tokens":300,"output_tokens":1}}})");
    QStringList expected;
    const auto block = [&](int index, const QByteArray& id, const QByteArray& name,
                           const QList<QByteArray>& fragments) {
        const QByteArray number = QByteArray::number(index);
        bytes += sseEvent("content_block_start",
                          R"({"type":"content_block_start","index":)" + number
                              + R"(,"content_block":{"type":"tool_use","id":")" + id
                              + R"(","name":")" + name + R"(","input":{}}})");
        expected.append(
            QStringLiteral("tool:%1|%2|%3|")
                .arg(QString::number(index), QString::fromUtf8(id), QString::fromUtf8(name)));
        for (const QByteArray& fragment : fragments) {
            QByteArray escaped = fragment;
            escaped.replace("\"", "\\\"");
            bytes += sseEvent("content_block_delta",
                              R"({"type":"content_block_delta","index":)" + number
                                  + R"(,"delta":{"type":"input_json_delta","partial_json":")"
                                  + escaped + R"("}})");
            if (!fragment.isEmpty())
                expected.append(QStringLiteral("tool:%1|||%2")
                                    .arg(QString::number(index), QString::fromUtf8(fragment)));
        }
        bytes += sseEvent("content_block_stop",
                          R"({"type":"content_block_stop","index":)" + number + "}");
    };
    block(0, "toolu_a", "get_weather",
          {"", "{\"lo", "cation\": \"Z\xC3\xBC", "rich\", \"", "unit\": \"c\"}"});
    block(1, "toolu_b", "get_time", {"", "{\"tz\":", " \"CET\"}"});
    bytes += sseEvent("message_delta", R"({"type":"message_delta","delta":{"stop_reason":)"
                                       R"("tool_use"},"usage":{"output_tokens":61}})")
             + sseEvent("message_stop", R"({"type":"message_stop"})");
    expected.append({QStringLiteral("finish:tool_calls"), QStringLiteral("usage:300/61")});

    const Run whole = feedWhole<Mapper>(bytes);
    QCOMPARE(whole.events, expected);
    QVERIFY(whole.done);
    QCOMPARE(feedInChunks<Mapper>(bytes, 1).events, expected);
    for (quint32 seed = 1; seed <= 20; ++seed)
        QCOMPARE(feedRandomly<Mapper>(bytes, seed).events, expected);
}

void AnthropicMapperTest::toolUseStartWithWholeInput()
{
    // A gateway that sends the input whole in the block's start (and no fragments).
    const QByteArray bytes =
        sseEvent("content_block_start",
                 R"({"type":"content_block_start","index":0,"content_block":{"type":"tool_use",)"
                 R"("id":"toolu_w","name":"add","input":{"a":1,"b":2}}})")
        + sseEvent("message_delta",
                   R"({"type":"message_delta","delta":{"stop_reason":"tool_use"}})")
        + sseEvent("message_stop", R"({"type":"message_stop"})");
    QCOMPARE(feedWhole<Mapper>(bytes).events,
             (QStringList{QStringLiteral("tool:0|toolu_w|add|{\"a\":1,\"b\":2}"),
                          QStringLiteral("finish:tool_calls")}));
}

void AnthropicMapperTest::nonStreamedToolUse()
{
    const auto response = nlohmann::json::parse(R"({"id":"msg_3","type":"message",
        "role":"assistant","model":"claude-sonnet-4-5","content":[
          {"type":"text","text":"I'll check both."},
          {"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"city":"Oslo"}},
          {"type":"tool_use","id":"toolu_2","name":"get_time","input":{}}],
        "stop_reason":"tool_use","usage":{"input_tokens":400,"output_tokens":90}})");
    QCOMPARE(describe(Mapper::mapResponse(response)),
             (QStringList{
                 QStringLiteral("text:I'll check both."),
                 QStringLiteral("tool:1|toolu_1|get_weather|{\"city\":\"Oslo\"}"),
                 QStringLiteral("tool:2|toolu_2|get_time|{}"),
                 QStringLiteral("usage:400/90"),
                 QStringLiteral("finish:tool_calls"),
             }));
}

void AnthropicMapperTest::errorEventKeepsEarlierText_data()
{
    QTest::addColumn<QByteArray>("type");
    QTest::addColumn<QString>("message");
    QTest::addColumn<ErrorKind>("kind");
    QTest::addColumn<bool>("retryable");

    QTest::newRow("overloaded") << QByteArray("overloaded_error") << QStringLiteral("Overloaded")
                                << ErrorKind::ServerError << true;
    QTest::newRow("api") << QByteArray("api_error")
                         << QStringLiteral("An unexpected error has occurred internal to "
                                           "Anthropic's systems.")
                         << ErrorKind::ServerError << true;
    QTest::newRow("rate limit") << QByteArray("rate_limit_error")
                                << QStringLiteral("Number of request tokens has exceeded your "
                                                  "per-minute rate limit")
                                << ErrorKind::RateLimit << true;
    QTest::newRow("authentication")
        << QByteArray("authentication_error") << QStringLiteral("invalid x-api-key")
        << ErrorKind::Auth << false;
    QTest::newRow("permission") << QByteArray("permission_error")
                                << QStringLiteral("Your API key does not have permission")
                                << ErrorKind::Auth << false;
    QTest::newRow("invalid request")
        << QByteArray("invalid_request_error") << QStringLiteral("prompt is too long")
        << ErrorKind::InvalidRequest << false;
    QTest::newRow("not found") << QByteArray("not_found_error") << QStringLiteral("model: claude-9")
                               << ErrorKind::InvalidRequest << false;
    QTest::newRow("too large") << QByteArray("request_too_large")
                               << QStringLiteral("Request exceeds the maximum allowed size")
                               << ErrorKind::InvalidRequest << false;
    QTest::newRow("unknown type") << QByteArray("brand_new_error") << QStringLiteral("Something")
                                  << ErrorKind::ServerError << false;
}

void AnthropicMapperTest::errorEventKeepsEarlierText()
{
    QFETCH(QByteArray, type);
    QFETCH(QString, message);
    QFETCH(ErrorKind, kind);
    QFETCH(bool, retryable);

    const QByteArray bytes =
        sseEvent(
            "content_block_start",
            R"({"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}})")
        + sseEvent("content_block_delta",
                   R"({"type":"content_block_delta","index":0,)"
                   R"("delta":{"type":"text_delta","text":"Partial answer"}})")
        + sseEvent("error", R"({"type":"error","error":{"type":")" + type + R"(","message":")"
                                + message.toUtf8() + R"("}})");

    for (const qsizetype chunk : {bytes.size(), qsizetype(1)}) {
        const Run run = feedInChunks<Mapper>(bytes, chunk);
        QCOMPARE(run.events.size(), 2);
        QCOMPARE(run.events.front(), QStringLiteral("text:Partial answer"));
        QVERIFY(!run.done);
    }

    AnthropicStreamMapper mapper;
    const StreamEvents events = mapper.feed(bytes);
    const StreamError* error = firstError(events);
    QVERIFY(error);
    QCOMPARE(error->error.kind, kind);
    QCOMPARE(error->error.retryable, retryable);
    QCOMPARE(error->error.message, QStringLiteral("Anthropic reported an error: %1 (%2)")
                                       .arg(message, QString::fromUtf8(type)));
}

void AnthropicMapperTest::errorEventWithoutDetails()
{
    // firstError points into the events, so they are kept in locals.
    AnthropicStreamMapper typeOnly;
    const StreamEvents typeOnlyEvents =
        typeOnly.feed(sseEvent("error", R"({"type":"error","error":{"type":"api_error"}})"));
    const StreamError* error = firstError(typeOnlyEvents);
    QVERIFY(error);
    QCOMPARE(error->error.kind, ErrorKind::ServerError);
    QCOMPARE(error->error.message, QStringLiteral("Anthropic reported an error (api_error)."));

    AnthropicStreamMapper bare;
    const StreamEvents bareEvents =
        bare.feed(sseEvent("error", R"({"type":"error","error":null})"));
    error = firstError(bareEvents);
    QVERIFY(error);
    QCOMPARE(error->error.kind, ErrorKind::ServerError);
    QVERIFY(!error->error.message.isEmpty());

    // A multi-line message stays one line.
    AnthropicStreamMapper multiLine;
    const StreamEvents multiLineEvents = multiLine.feed(
        sseEvent("error", R"({"type":"error","error":{"type":"api_error","message":"a\n\n  b"}})"));
    error = firstError(multiLineEvents);
    QVERIFY(error);
    QCOMPARE(error->error.message, QStringLiteral("Anthropic reported an error: a b (api_error)"));
}

void AnthropicMapperTest::malformedJsonKeepsEarlierText()
{
    const QByteArray bytes =
        sseEvent("content_block_delta", R"({"type":"content_block_delta","index":0,)"
                                        R"("delta":{"type":"text_delta","text":"Partial "}})")
        + sseEvent(
            "content_block_delta",
            R"({"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"ans)")
        + sseEvent("content_block_delta", R"({"type":"content_block_delta","index":0,)"
                                          R"("delta":{"type":"text_delta","text":"more"}})");
    AnthropicStreamMapper mapper;
    const StreamEvents events = mapper.feed(bytes);
    QVERIFY(events.size() >= 2);
    QCOMPARE(describe(events.front()), QStringLiteral("text:Partial "));
    const auto* error = std::get_if<StreamError>(&events[1]);
    QVERIFY(error);
    QCOMPARE(error->error.kind, ErrorKind::Protocol);
    QVERIFY2(error->error.message.startsWith(QStringLiteral("The server sent malformed data: ")),
             qPrintable(error->error.message));
    QVERIFY2(error->error.message.contains(QStringLiteral("ans")),
             qPrintable(error->error.message));
    QVERIFY(!mapper.sawEndOfStream());

    // A huge malformed event is quoted only briefly, on one line.
    AnthropicStreamMapper big;
    const StreamEvents bigEvents = big.feed("data: {" + QByteArray(100'000, 'x') + "\n\n");
    const StreamError* bigError = firstError(bigEvents);
    QVERIFY(bigError);
    QVERIFY(bigError->error.message.size() < 200);
    QVERIFY(!bigError->error.message.contains(u'\n'));

    // JSON that is not an object is not an event either.
    AnthropicStreamMapper array;
    const StreamEvents arrayEvents = array.feed("event: ping\ndata: [1,2]\n\n");
    const StreamError* arrayError = firstError(arrayEvents);
    QVERIFY(arrayError);
    QCOMPARE(arrayError->error.kind, ErrorKind::Protocol);
}

void AnthropicMapperTest::unknownEventsAreIgnored()
{
    const QByteArray bytes =
        sseEvent("message_start",
                 R"({"type":"message_start","message":{"usage":{"input_tokens":3}}})")
        + sseEvent("ping", R"({"type":"ping"})")
        + sseEvent("future_event", R"({"type":"future_event","whatever":{"text":"not shown"}})")
        + sseEvent(
            "content_block_start",
            R"({"type":"content_block_start","index":0,)"
            R"("content_block":{"type":"server_tool_use","id":"srvtoolu_1","name":"web_search"}})")
        + sseEvent("content_block_start",
                   R"({"type":"content_block_start","index":1,)"
                   R"("content_block":{"type":"redacted_thinking","data":"EmwKAhgBEgy3va3pzix"}})")
        + sseEvent("content_block_delta",
                   R"({"type":"content_block_delta","index":2,)"
                   R"("delta":{"type":"citations_delta","citation":{"cited_text":"x"}}})")
        + sseEvent("content_block_delta", R"({"type":"content_block_delta","index":2,)"
                                          R"("delta":{"type":"future_delta","text":"not shown"}})")
        + ": a comment\n\n" + "event: ping\ndata:\n\n"
        + sseEvent("content_block_delta", R"({"type":"content_block_delta","index":2,)"
                                          R"("delta":{"type":"text_delta","text":"shown"}})")
        + sseEvent("message_stop", R"({"type":"message_stop"})");
    const Run run = feedWhole<Mapper>(bytes);
    QCOMPARE(run.events, QStringList{QStringLiteral("text:shown")});
    QVERIFY(run.done);
}

void AnthropicMapperTest::typeComesFromTheJson()
{
    // A gateway that writes every event as the default "message" type, or a wrong name: the
    // payload's own type decides.
    const QByteArray bytes = "data: {\"type\":\"content_block_delta\",\"index\":0,"
                             "\"delta\":{\"type\":\"text_delta\",\"text\":\"a\"}}\n\n"
                             + sseEvent("ping", R"({"type":"content_block_delta","index":0,)"
                                                R"("delta":{"type":"text_delta","text":"b"}})")
                             // Without a type in the JSON, the SSE event name is the fallback.
                             + sseEvent("message_stop", R"({})");
    const Run run = feedWhole<Mapper>(bytes);
    QCOMPARE(run.events, (QStringList{QStringLiteral("text:a"), QStringLiteral("text:b")}));
    QVERIFY(run.done);
}

void AnthropicMapperTest::withoutMessageStopIsNotEnded()
{
    // The connection dropped after message_delta but before message_stop, with a half event
    // pending.
    const QByteArray bytes =
        sseEvent(
            "content_block_delta",
            R"({"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi"}})")
        + sseEvent("message_delta",
                   R"({"type":"message_delta","delta":{"stop_reason":"max_tokens"},)"
                   R"("usage":{"output_tokens":2}})")
        + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n";
    AnthropicStreamMapper mapper;
    QCOMPARE(describe(mapper.feed(bytes)),
             (QStringList{QStringLiteral("text:Hi"), QStringLiteral("finish:length"),
                          QStringLiteral("usage:-1/2")}));
    QVERIFY(describe(mapper.finish()).isEmpty());
    QVERIFY(!mapper.sawEndOfStream());

    AnthropicStreamMapper done;
    QVERIFY(done.feed(sseEvent("message_stop", R"({"type":"message_stop"})")).empty());
    QVERIFY(done.sawEndOfStream());
}

void AnthropicMapperTest::stopReasons_data()
{
    QTest::addColumn<QByteArray>("reason");
    QTest::addColumn<QString>("normalised");
    QTest::newRow("end_turn") << QByteArray("end_turn") << QStringLiteral("stop");
    QTest::newRow("stop_sequence") << QByteArray("stop_sequence") << QStringLiteral("stop");
    QTest::newRow("max_tokens") << QByteArray("max_tokens") << QStringLiteral("length");
    QTest::newRow("tool_use") << QByteArray("tool_use") << QStringLiteral("tool_calls");
    QTest::newRow("refusal") << QByteArray("refusal") << QStringLiteral("content_filter");
    QTest::newRow("pause_turn") << QByteArray("pause_turn") << QStringLiteral("pause_turn");
}

void AnthropicMapperTest::stopReasons()
{
    QFETCH(QByteArray, reason);
    QFETCH(QString, normalised);
    const Run run = feedWhole<Mapper>(
        sseEvent("message_delta",
                 R"({"type":"message_delta","delta":{"stop_reason":")" + reason + R"("}})"));
    QCOMPARE(run.events, QStringList{QStringLiteral("finish:") + normalised});
}

void AnthropicMapperTest::cacheTokensCountAsInput()
{
    // Cache reads and writes are input the model read; a newer message_delta restating the input
    // count is the final word.
    const QByteArray cached =
        sseEvent("message_start",
                 R"({"type":"message_start","message":{"usage":{"input_tokens":10,)"
                 R"("cache_creation_input_tokens":200,"cache_read_input_tokens":3000,)"
                 R"("output_tokens":1}}})")
        + sseEvent("message_delta", R"({"type":"message_delta","delta":{"stop_reason":"end_turn"},)"
                                    R"("usage":{"output_tokens":7}})");
    QCOMPARE(feedWhole<Mapper>(cached).events,
             (QStringList{QStringLiteral("finish:stop"), QStringLiteral("usage:3210/7")}));

    const QByteArray restated =
        sseEvent("message_start",
                 R"({"type":"message_start","message":{"usage":{"input_tokens":10}}})")
        + sseEvent(
            "message_delta",
            R"({"type":"message_delta","delta":{"stop_reason":"end_turn"},)"
            R"("usage":{"input_tokens":12,"cache_read_input_tokens":null,"output_tokens":7}})");
    QCOMPARE(feedWhole<Mapper>(restated).events,
             (QStringList{QStringLiteral("finish:stop"), QStringLiteral("usage:12/7")}));
}

void AnthropicMapperTest::nullAndWrongTypedFields()
{
    const QByteArray bytes =
        sseEvent("message_start", R"({"type":"message_start","message":null})")
        + sseEvent("message_start", R"({"type":"message_start","message":{"usage":"lots"}})")
        + sseEvent("message_start",
                   R"({"type":"message_start","message":{"usage":{"input_tokens":"9"}}})")
        + sseEvent("content_block_start", R"({"type":"content_block_start","content_block":null})")
        + sseEvent("content_block_start",
                   R"({"type":"content_block_start","index":"1","content_block":)"
                   R"({"type":"tool_use","id":5,"name":null}})")
        + sseEvent("content_block_start",
                   R"({"type":"content_block_start","index":-4,"content_block":{"type":7}})")
        + sseEvent("content_block_delta", R"({"type":"content_block_delta","delta":null})")
        + sseEvent(
            "content_block_delta",
            R"({"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":7}})")
        + sseEvent("content_block_delta", R"({"type":"content_block_delta","index":0,)"
                                          R"("delta":{"type":"thinking_delta","thinking":null}})")
        + sseEvent("content_block_delta",
                   R"({"type":"content_block_delta","index":0,)"
                   R"("delta":{"type":"input_json_delta","partial_json":{"a":1}}})")
        + sseEvent("content_block_delta", R"({"type":"content_block_delta","delta":{"type":null}})")
        + sseEvent("message_delta", R"({"type":"message_delta","delta":null,"usage":null})")
        + sseEvent("message_delta", R"({"type":"message_delta","delta":{"stop_reason":null},)"
                                    R"("usage":{"output_tokens":-3}})")
        + sseEvent("error", R"({"type":"error","error":"overloaded"})")
        + sseEvent("unknown", R"({"type":5})")
        + sseEvent("message_stop", R"({"type":"message_stop"})");
    const Run run = feedWhole<Mapper>(bytes);
    QCOMPARE(run.events.size(), 3);
    QCOMPARE(run.events[0], QStringLiteral("tool:0|||"));
    QCOMPARE(run.events[1], QStringLiteral("usage:-1/-1"));
    QVERIFY2(run.events[2].startsWith(QStringLiteral("error:%1|").arg(int(ErrorKind::ServerError))),
             qPrintable(run.events[2]));
    QVERIFY(run.done);
}

void AnthropicMapperTest::utf8SplitAcrossChunks()
{
    // 2-, 3- and 4-byte characters, split at every possible position.
    const QString text = QStringLiteral("\u00e9\u20ac\U0001F600 ok");
    const QByteArray bytes =
        sseEvent("content_block_delta", R"({"type":"content_block_delta","index":0,)"
                                        R"("delta":{"type":"text_delta","text":")"
                                            + text.toUtf8() + R"("}})");
    const qsizetype start = bytes.indexOf(text.toUtf8());
    for (qsizetype split = start; split <= start + text.toUtf8().size(); ++split) {
        AnthropicStreamMapper mapper;
        QStringList events = describe(mapper.feed(QByteArrayView(bytes).first(split)));
        events += describe(mapper.feed(QByteArrayView(bytes).sliced(split)));
        QCOMPARE(events, QStringList{QStringLiteral("text:") + text});
    }
    QCOMPARE(feedInChunks<Mapper>(bytes, 1).events, QStringList{QStringLiteral("text:") + text});
}

QTEST_GUILESS_MAIN(AnthropicMapperTest)
#include "AnthropicMapperTest.moc"
