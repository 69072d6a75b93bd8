// OpenAiStreamMapper: Chat Completions SSE -> StreamEvents, for any chunking of the bytes.
#include "providers/OpenAiStreamMapper.h"
#include "tests/support/StreamEventText.h"

#include <QStringList>
#include <QTest>

#include <nlohmann/json.hpp>

using namespace keel::core;
using namespace keel::test;
using nlohmann::json;

using Mapper = OpenAiStreamMapper;

namespace {

QByteArray sse(std::initializer_list<QByteArray> payloads)
{
    QByteArray out;
    for (const QByteArray& payload : payloads)
        out += "data: " + payload + "\n\n";
    return out;
}

// What OpenAI actually sends for a short reply with stream_options.include_usage.
const QByteArray realisticStream =
    "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1731000000,"
    "\"model\":\"gpt-4o-mini\",\"system_fingerprint\":\"fp_1\",\"choices\":[{\"index\":0,"
    "\"delta\":{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null},\"logprobs\":null,"
    "\"finish_reason\":null}],\"usage\":null}\n\n"
    "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1731000000,"
    "\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hello\"},"
    "\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}\n\n"
    "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1731000000,"
    "\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\", w\xC3\xB6rld "
    "\xF0\x9F\x8C\x8D \\\"quoted\\\"\\n\"},\"logprobs\":null,\"finish_reason\":null}],"
    "\"usage\":null}\n\n"
    "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1731000000,"
    "\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,"
    "\"finish_reason\":\"stop\"}],\"usage\":null}\n\n"
    "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1731000000,"
    "\"model\":\"gpt-4o-mini\",\"choices\":[],\"usage\":{\"prompt_tokens\":12,"
    "\"completion_tokens\":3,\"total_tokens\":15,\"completion_tokens_details\":"
    "{\"reasoning_tokens\":0}}}\n\n"
    "data: [DONE]\n\n";

} // namespace

class OpenAiMapperTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void realisticStream_data();
    void realisticStream();
    void randomChunkingIsInvisible();
    void reasoningFields();
    void toolCallFragments();
    void parallelToolCallsInManyChunks();
    void toolCallsWithoutIndex();
    void toolCallFinishReasons_data();
    void toolCallFinishReasons();
    void nonStreamedToolCalls();
    void malformedJsonKeepsEarlierText();
    void inStreamError_data();
    void inStreamError();
    void withoutDoneIsNotEnded();
    void nullAndWrongTypedFields();
    void utf8SplitAcrossChunks();
};

void OpenAiMapperTest::realisticStream_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("lf") << ::realisticStream;
    QByteArray crlf = ::realisticStream;
    crlf.replace("\n", "\r\n");
    QTest::newRow("crlf") << crlf;
}

void OpenAiMapperTest::realisticStream()
{
    QFETCH(QByteArray, bytes);
    const QStringList expected{
        QStringLiteral("text:Hello"),
        QStringLiteral("text:, w\u00f6rld \U0001F30D \"quoted\"\n"),
        QStringLiteral("finish:stop"),
        QStringLiteral("usage:12/3"),
    };

    const Run whole = feedWhole<Mapper>(bytes);
    QCOMPARE(whole.events, expected);
    QVERIFY(whole.done);

    const Run byteByByte = feedInChunks<Mapper>(bytes, 1);
    QCOMPARE(byteByByte.events, expected);
    QVERIFY(byteByByte.done);
}

void OpenAiMapperTest::randomChunkingIsInvisible()
{
    const Run whole = feedWhole<Mapper>(::realisticStream);
    for (quint32 seed = 1; seed <= 50; ++seed) {
        const Run random = feedRandomly<Mapper>(::realisticStream, seed);
        QCOMPARE(random.events, whole.events);
        QCOMPARE(random.done, whole.done);
    }
}

void OpenAiMapperTest::reasoningFields()
{
    const QByteArray bytes = sse({
        // DeepSeek: reasoning_content, with content null while thinking.
        R"({"choices":[{"index":0,"delta":{"role":"assistant","content":null,)"
        R"("reasoning_content":"Let me think"}}]})",
        // OpenRouter / vLLM: reasoning.
        R"({"choices":[{"index":0,"delta":{"reasoning":" harder."}}]})",
        // Both present in one chunk: the reasoning precedes the answer.
        R"({"choices":[{"index":0,"delta":{"reasoning_content":"Done.","content":"42"}}]})",
        // An empty reasoning_content next to a filled reasoning field.
        R"({"choices":[{"index":0,"delta":{"reasoning_content":"","reasoning":"aside"}}]})",
        R"({"choices":[{"index":0,"delta":{"content":"!"},"finish_reason":"stop"}]})",
        "[DONE]",
    });
    const Run run = feedWhole<Mapper>(bytes);
    QCOMPARE(run.events, (QStringList{
                             QStringLiteral("reasoning:Let me think"),
                             QStringLiteral("reasoning: harder."),
                             QStringLiteral("reasoning:Done."),
                             QStringLiteral("text:42"),
                             QStringLiteral("reasoning:aside"),
                             QStringLiteral("text:!"),
                             QStringLiteral("finish:stop"),
                         }));
    QCOMPARE(feedInChunks<Mapper>(bytes, 1).events, run.events);
}

void OpenAiMapperTest::toolCallFragments()
{
    const QByteArray bytes = sse({
        R"({"choices":[{"index":0,"delta":{"role":"assistant","content":null,)"
        R"("tool_calls":[{"index":0,"id":"call_abc","type":"function",)"
        R"("function":{"name":"get_weather","arguments":""}}]},)"
        R"("finish_reason":null}]})",
        R"({"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,)"
        R"("function":{"arguments":"{\"city\":"}}]},"finish_reason":null}]})",
        R"({"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,)"
        R"("function":{"arguments":"\"Oslo\"}"}}]},"finish_reason":null}]})",
        R"({"choices":[{"index":0,"delta":{"tool_calls":[{"index":1,)"
        R"("id":"call_def","type":"function","function":{"name":"get_time",)"
        R"("arguments":"{}"}}]},"finish_reason":null}]})",
        R"({"choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]})",
        "[DONE]",
    });
    const Run run = feedWhole<Mapper>(bytes);
    QCOMPARE(run.events, (QStringList{
                             QStringLiteral("tool:0|call_abc|get_weather|"),
                             QStringLiteral("tool:0|||{\"city\":"),
                             QStringLiteral("tool:0|||\"Oslo\"}"),
                             QStringLiteral("tool:1|call_def|get_time|{}"),
                             QStringLiteral("finish:tool_calls"),
                         }));
    QVERIFY(run.done);
    QCOMPARE(feedInChunks<Mapper>(bytes, 1).events, run.events);
}

void OpenAiMapperTest::parallelToolCallsInManyChunks()
{
    // As OpenAI streams two parallel calls: each opens with its id and name, then its arguments
    // arrive a few characters at a time, one call after the other.
    QList<QByteArray> chunks{
        R"({"id":"c","choices":[{"index":0,"delta":{"role":"assistant","content":null,)"
        R"("tool_calls":[{"index":0,"id":"call_w","type":"function",)"
        R"("function":{"name":"get_weather","arguments":""}}],"refusal":null},)"
        R"("finish_reason":null}],"usage":null})",
    };
    QStringList expected{QStringLiteral("tool:0|call_w|get_weather|")};
    const auto fragments = [&](int index, const QStringList& pieces) {
        for (const QString& piece : pieces) {
            QString escaped = piece;
            escaped.replace(u'"', QStringLiteral("\\\""));
            chunks.append(QStringLiteral(R"({"id":"c","choices":[{"index":0,"delta":{)"
                                         R"("tool_calls":[{"index":%1,"function":{"arguments":)"
                                         R"("%2"}}]},"finish_reason":null}],"usage":null})")
                              .arg(index)
                              .arg(escaped)
                              .toUtf8());
            expected.append(QStringLiteral("tool:%1|||%2").arg(index).arg(piece));
        }
    };
    fragments(0, {QStringLiteral("{\"ci"), QStringLiteral("ty\": "), QStringLiteral("\"Z\u00fc"),
                  QStringLiteral("rich\", \"da"), QStringLiteral("ys\": 3}")});
    chunks.append(R"({"id":"c","choices":[{"index":0,"delta":{"tool_calls":[{"index":1,)"
                  R"("id":"call_t","type":"function","function":{"name":"get_time",)"
                  R"("arguments":""}}]},"finish_reason":null}],"usage":null})");
    expected.append(QStringLiteral("tool:1|call_t|get_time|"));
    fragments(1, {QStringLiteral("{\"tz"), QStringLiteral("\": \"CET\"}")});
    chunks.append(R"({"id":"c","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}],)"
                  R"("usage":null})");
    chunks.append(R"({"id":"c","choices":[],"usage":{"prompt_tokens":80,"completion_tokens":40}})");
    chunks.append("[DONE]");
    expected.append({QStringLiteral("finish:tool_calls"), QStringLiteral("usage:80/40")});

    QByteArray bytes;
    for (const QByteArray& chunk : std::as_const(chunks))
        bytes += "data: " + chunk + "\n\n";
    const Run whole = feedWhole<Mapper>(bytes);
    QCOMPARE(whole.events, expected);
    QVERIFY(whole.done);
    QCOMPARE(feedInChunks<Mapper>(bytes, 1).events, expected);
    for (quint32 seed = 1; seed <= 20; ++seed)
        QCOMPARE(feedRandomly<Mapper>(bytes, seed).events, expected);
}

void OpenAiMapperTest::toolCallsWithoutIndex()
{
    // Some compatible servers leave out "index": a new id starts the next call, a fragment
    // without one continues the last, and two calls in one chunk are two calls.
    const QByteArray bytes = sse({
        R"({"choices":[{"delta":{"tool_calls":[{"id":"a","type":"function",)"
        R"("function":{"name":"one","arguments":"{\"x\":"}}]}}]})",
        R"({"choices":[{"delta":{"tool_calls":[{"function":{"arguments":"1}"}}]}}]})",
        R"({"choices":[{"delta":{"tool_calls":[{"id":"b","type":"function",)"
        R"("function":{"name":"two","arguments":{"y":2}}}]}}]})",
        R"({"choices":[{"delta":{"tool_calls":[{"id":"c","function":{"name":"three",)"
        R"("arguments":"{}"}},{"id":"d","function":{"name":"four","arguments":"{}"}}]}}]})",
        R"({"choices":[{"delta":{},"finish_reason":"stop"}]})",
        "[DONE]",
    });
    const QStringList expected{
        QStringLiteral("tool:0|a|one|{\"x\":"),
        QStringLiteral("tool:0|||1}"),
        // Arguments sent as an object rather than its text.
        QStringLiteral("tool:1|b|two|{\"y\":2}"),
        QStringLiteral("tool:2|c|three|{}"),
        QStringLiteral("tool:3|d|four|{}"),
        // "stop" after calls: the tool loop still has to act.
        QStringLiteral("finish:tool_calls"),
    };
    QCOMPARE(feedWhole<Mapper>(bytes).events, expected);
    QCOMPARE(feedInChunks<Mapper>(bytes, 1).events, expected);
}

void OpenAiMapperTest::toolCallFinishReasons_data()
{
    QTest::addColumn<QByteArray>("reason");
    QTest::addColumn<bool>("withCall");
    QTest::addColumn<QString>("expected");
    QTest::newRow("tool_calls") << QByteArray("tool_calls") << true << QStringLiteral("tool_calls");
    QTest::newRow("legacy function_call")
        << QByteArray("function_call") << true << QStringLiteral("tool_calls");
    QTest::newRow("stop after a call")
        << QByteArray("stop") << true << QStringLiteral("tool_calls");
    QTest::newRow("stop") << QByteArray("stop") << false << QStringLiteral("stop");
    QTest::newRow("length after a call")
        << QByteArray("length") << true << QStringLiteral("length");
}

void OpenAiMapperTest::toolCallFinishReasons()
{
    QFETCH(QByteArray, reason);
    QFETCH(bool, withCall);
    QFETCH(QString, expected);
    QByteArray bytes;
    if (withCall)
        bytes += sse({R"({"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"x",)"
                      R"("function":{"name":"f","arguments":"{}"}}]}}]})"});
    bytes += sse(
        {R"({"choices":[{"index":0,"delta":{},"finish_reason":")" + reason + R"("}]})", "[DONE]"});
    const QStringList events = feedWhole<Mapper>(bytes).events;
    QVERIFY(!events.isEmpty());
    QCOMPARE(events.last(), QStringLiteral("finish:") + expected);
}

void OpenAiMapperTest::nonStreamedToolCalls()
{
    const json response = json::parse(R"({"id":"chatcmpl-9","object":"chat.completion",
        "choices":[{"index":0,"message":{"role":"assistant","content":"Looking.",
        "tool_calls":[
          {"id":"call_1","type":"function","function":{"name":"weather",
           "arguments":"{\"city\":\"Oslo\"}"}},
          {"id":"call_2","type":"function","function":{"name":"now","arguments":"{}"}}]},
        "finish_reason":"tool_calls"}],"usage":{"prompt_tokens":50,"completion_tokens":20}})");
    QCOMPARE(describe(Mapper::mapResponse(response)),
             (QStringList{
                 QStringLiteral("text:Looking."),
                 QStringLiteral("tool:0|call_1|weather|{\"city\":\"Oslo\"}"),
                 QStringLiteral("tool:1|call_2|now|{}"),
                 QStringLiteral("finish:tool_calls"),
                 QStringLiteral("usage:50/20"),
             }));
}

void OpenAiMapperTest::malformedJsonKeepsEarlierText()
{
    const QByteArray bytes = sse({
        R"({"choices":[{"index":0,"delta":{"content":"Partial "}}]})",
        R"({"choices":[{"index":0,"delta":{"content":"ans)",
        R"({"choices":[{"index":0,"delta":{"content":"more"}}]})",
    });
    OpenAiStreamMapper mapper;
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

    // A huge malformed chunk is quoted only briefly.
    OpenAiStreamMapper big;
    const StreamEvents bigEvents = big.feed("data: {" + QByteArray(100'000, 'x') + "\n\n");
    const StreamError* bigError = firstError(bigEvents);
    QVERIFY(bigError);
    QVERIFY(bigError->error.message.size() < 200);
    QVERIFY(!bigError->error.message.contains(u'\n'));

    // JSON that is not an object is not a chunk either.
    OpenAiStreamMapper array;
    const StreamEvents arrayEvents = array.feed("data: [1,2]\n\n");
    const StreamError* arrayError = firstError(arrayEvents);
    QVERIFY(arrayError);
    QCOMPARE(arrayError->error.kind, ErrorKind::Protocol);
}

void OpenAiMapperTest::inStreamError_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<ErrorKind>("kind");
    QTest::addColumn<QString>("providerText");

    QTest::newRow("openai rate limit")
        << QByteArray(R"({"error":{"message":"Rate limit reached for gpt-4o.",)"
                      R"("type":"requests","code":"rate_limit_exceeded"}})")
        << ErrorKind::RateLimit << QStringLiteral("Rate limit reached for gpt-4o.");
    QTest::newRow("openai server error")
        << QByteArray(
               R"({"error":{"message":"The server had an error while processing your request.",)"
               R"("type":"server_error","code":null}})")
        << ErrorKind::ServerError
        << QStringLiteral("The server had an error while processing your request.");
    QTest::newRow("openrouter numeric code")
        << QByteArray(R"({"id":"gen-1","error":{"code":429,)"
                      R"("message":"Provider returned error"},"choices":[{"index":0,)"
                      R"("delta":{"content":""},"finish_reason":"error"}]})")
        << ErrorKind::RateLimit << QStringLiteral("Provider returned error");
    QTest::newRow("unknown code") << QByteArray(
        R"({"error":{"message":"Context window exceeded","code":"weird"}})")
                                  << ErrorKind::ServerError
                                  << QStringLiteral("Context window exceeded");
    QTest::newRow("plain string") << QByteArray(R"({"error":"model crashed"})")
                                  << ErrorKind::ServerError << QStringLiteral("model crashed");
    QTest::newRow("no message") << QByteArray(R"({"error":{"code":502}})") << ErrorKind::ServerError
                                << QString();
}

void OpenAiMapperTest::inStreamError()
{
    QFETCH(QByteArray, payload);
    QFETCH(ErrorKind, kind);
    QFETCH(QString, providerText);

    OpenAiStreamMapper mapper;
    const StreamEvents events =
        mapper.feed(sse({R"({"choices":[{"index":0,"delta":{"content":"Hi"}}]})", payload}));
    QCOMPARE(describe(events.front()), QStringLiteral("text:Hi"));
    QCOMPARE(events.size(), std::size_t(2));
    const auto* error = std::get_if<StreamError>(&events.back());
    QVERIFY(error);
    QCOMPARE(error->error.kind, kind);
    QVERIFY(!error->error.retryable);
    QVERIFY(!error->error.message.isEmpty());
    QVERIFY2(error->error.message.contains(providerText), qPrintable(error->error.message));
}

void OpenAiMapperTest::withoutDoneIsNotEnded()
{
    // The connection dropped after a finish_reason but before [DONE], with a half event pending.
    const QByteArray bytes =
        sse({R"({"choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}]})",
             R"({"choices":[{"index":0,"delta":{},"finish_reason":"length"}]})"})
        + "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lost\"}}]}\n";
    OpenAiStreamMapper mapper;
    QCOMPARE(describe(mapper.feed(bytes)),
             (QStringList{QStringLiteral("text:Hi"), QStringLiteral("finish:length")}));
    QVERIFY(describe(mapper.finish()).isEmpty());
    QVERIFY(!mapper.sawEndOfStream());

    OpenAiStreamMapper done;
    done.feed("data: [DONE]\n\n");
    QVERIFY(done.sawEndOfStream());
}

void OpenAiMapperTest::nullAndWrongTypedFields()
{
    const QByteArray bytes = sse({
        R"({"choices":[{"index":0,"delta":{"content":null,)"
        R"("reasoning_content":null,"reasoning":null,"tool_calls":null},)"
        R"("finish_reason":null}],"usage":null})",
        R"({"choices":[{"index":0,"delta":null,"finish_reason":null}]})",
        R"({"choices":null,"usage":null,"error":null})",
        R"({"choices":[null,5,"x",{"delta":{"content":7,"reasoning":[],)"
        R"("tool_calls":{"a":1}},"finish_reason":3}]})",
        R"({"choices":[{"delta":{"tool_calls":[null,1,{"index":"0","id":5,"function":null}]}}]})",
        R"({"choices":[],"usage":{"prompt_tokens":null,"completion_tokens":"3"}})",
        R"({"object":"chat.completion.chunk"})",
        "[DONE]",
    });
    const Run run = feedWhole<Mapper>(bytes);
    QCOMPARE(run.events, (QStringList{QStringLiteral("tool:0|||"), QStringLiteral("usage:-1/-1")}));
    QVERIFY(run.done);
}

void OpenAiMapperTest::utf8SplitAcrossChunks()
{
    // 2-, 3- and 4-byte characters, split at every possible position.
    const QString text = QStringLiteral("\u00e9\u20ac\U0001F600 ok");
    const QByteArray bytes =
        sse({R"({"choices":[{"index":0,"delta":{"content":")" + text.toUtf8() + R"("}}]})"});
    const qsizetype start = bytes.indexOf(text.toUtf8());
    for (qsizetype split = start; split <= start + text.toUtf8().size(); ++split) {
        OpenAiStreamMapper mapper;
        QStringList events = describe(mapper.feed(QByteArrayView(bytes).first(split)));
        events += describe(mapper.feed(QByteArrayView(bytes).sliced(split)));
        QCOMPARE(events, QStringList{QStringLiteral("text:") + text});
    }
    QCOMPARE(feedInChunks<Mapper>(bytes, 1).events, QStringList{QStringLiteral("text:") + text});
}

QTEST_GUILESS_MAIN(OpenAiMapperTest)
#include "OpenAiMapperTest.moc"
