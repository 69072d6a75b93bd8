// GeminiStreamMapper: Gemini streamGenerateContent SSE -> StreamEvents, for any chunking.
#include "providers/GeminiStreamMapper.h"
#include "tests/support/StreamEventText.h"

#include <QStringList>
#include <QTest>

#include <nlohmann/json.hpp>

using namespace keel::core;
using namespace keel::test;

using Mapper = GeminiStreamMapper;

namespace {

// Gemini separates its events with CRLF pairs.
QByteArray sse(std::initializer_list<QByteArray> payloads)
{
    QByteArray out;
    for (const QByteArray& payload : payloads)
        out += "data: " + payload + "\r\n\r\n";
    return out;
}

// What gemini-2.5-flash sends with thinkingConfig.includeThoughts: thought summaries first (the
// last one followed by a signature-only part), then the answer, usage metadata in every chunk.
const QByteArray realisticStream =
    "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"**Greeting the user**\\n\\n"
    "A short hello is enough.\",\"thought\": true}],\"role\": \"model\"},\"index\": 0}],"
    "\"usageMetadata\": {\"promptTokenCount\": 9,\"totalTokenCount\": 60,"
    "\"promptTokensDetails\": [{\"modality\": \"TEXT\",\"tokenCount\": 9}],"
    "\"thoughtsTokenCount\": 51},\"modelVersion\": \"gemini-2.5-flash\","
    "\"responseId\": \"r1\"}\r\n\r\n"
    "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"\",\"thought\": true,"
    "\"thoughtSignature\": \"CiQB0e2Kb...\"},{\"text\": \"Hello\"}],\"role\": \"model\"},"
    "\"index\": 0}],\"usageMetadata\": {\"promptTokenCount\": 9,\"candidatesTokenCount\": 1,"
    "\"totalTokenCount\": 61,\"thoughtsTokenCount\": 51},\"modelVersion\": \"gemini-2.5-flash\","
    "\"responseId\": \"r1\"}\r\n\r\n"
    "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": "
    "\", w\xC3\xB6rld \xF0\x9F\x8C\x8D \\\"quoted\\\"\\n\"}],\"role\": \"model\"},"
    "\"index\": 0}],\"usageMetadata\": "
    "{\"promptTokenCount\": 9,\"candidatesTokenCount\": 1,\"totalTokenCount\": 61,"
    "\"thoughtsTokenCount\": 51},\"modelVersion\": \"gemini-2.5-flash\",\"responseId\": \"r1\"}"
    "\r\n\r\n"
    "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"Bye.\"}],\"role\": \"model\"},"
    "\"finishReason\": \"STOP\",\"index\": 0}],\"usageMetadata\": {\"promptTokenCount\": 9,"
    "\"candidatesTokenCount\": 8,\"totalTokenCount\": 68,\"promptTokensDetails\": "
    "[{\"modality\": \"TEXT\",\"tokenCount\": 9}],\"thoughtsTokenCount\": 51},"
    "\"modelVersion\": \"gemini-2.5-flash\",\"responseId\": \"r1\"}\r\n\r\n";

} // namespace

class GeminiMapperTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void realisticStream_data();
    void realisticStream();
    void randomChunkingIsInvisible();
    void blockedPrompt_data();
    void blockedPrompt();
    void safetyStopAfterTextKeepsTheReply();
    void safetyStopWithoutTextIsAnError_data();
    void safetyStopWithoutTextIsAnError();
    void otherFinishReasons_data();
    void otherFinishReasons();
    void functionCalls();
    void parallelFunctionCallsInManyChunks();
    void nonStreamedFunctionCalls();
    void malformedJsonKeepsEarlierText();
    void inStreamError_data();
    void inStreamError();
    void withoutFinishReasonIsNotEnded();
    void arrayOfResponses();
    void nullAndWrongTypedFields();
    void utf8SplitAcrossChunks();
};

void GeminiMapperTest::realisticStream_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("crlf") << ::realisticStream;
    QByteArray lf = ::realisticStream;
    lf.replace("\r\n", "\n");
    QTest::newRow("lf") << lf;
}

void GeminiMapperTest::realisticStream()
{
    QFETCH(QByteArray, bytes);
    // Usage is sent whenever it changes; output counts the thoughts too.
    const QStringList expected{
        QStringLiteral("reasoning:**Greeting the user**\n\nA short hello is enough."),
        QStringLiteral("usage:9/51"),
        QStringLiteral("text:Hello"),
        QStringLiteral("usage:9/52"),
        QStringLiteral("text:, w\u00f6rld \U0001F30D \"quoted\"\n"),
        QStringLiteral("text:Bye."),
        QStringLiteral("usage:9/59"),
        QStringLiteral("finish:stop"),
    };

    const Run whole = feedWhole<Mapper>(bytes);
    QCOMPARE(whole.events, expected);
    QVERIFY(whole.done);

    const Run byteByByte = feedInChunks<Mapper>(bytes, 1);
    QCOMPARE(byteByByte.events, expected);
    QVERIFY(byteByByte.done);
}

void GeminiMapperTest::randomChunkingIsInvisible()
{
    const Run whole = feedWhole<Mapper>(::realisticStream);
    for (quint32 seed = 1; seed <= 50; ++seed) {
        const Run random = feedRandomly<Mapper>(::realisticStream, seed);
        QCOMPARE(random.events, whole.events);
        QCOMPARE(random.done, whole.done);
    }
}

void GeminiMapperTest::blockedPrompt_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<QString>("message");

    QTest::newRow("safety") << QByteArray(
        R"({"promptFeedback": {"blockReason": "SAFETY","safetyRatings": [)"
        R"({"category": "HARM_CATEGORY_SEXUALLY_EXPLICIT","probability": "NEGLIGIBLE"},)"
        R"({"category": "HARM_CATEGORY_HARASSMENT","probability": "HIGH"}]},)"
        R"("usageMetadata": {"promptTokenCount": 7,"totalTokenCount": 7},)"
        R"("modelVersion": "gemini-2.5-flash"})")
                            << QStringLiteral("Gemini blocked the prompt: SAFETY.");
    QTest::newRow("with message") << QByteArray(
        R"({"promptFeedback": {"blockReason": "PROHIBITED_CONTENT",)"
        R"("blockReasonMessage": "The prompt contains prohibited content."},)"
        R"("usageMetadata": {"promptTokenCount": 7}})")
                                  << QStringLiteral("Gemini blocked the prompt: PROHIBITED_CONTENT "
                                                    "(The prompt contains prohibited content.).");
}

void GeminiMapperTest::blockedPrompt()
{
    QFETCH(QByteArray, payload);
    QFETCH(QString, message);

    const QByteArray bytes = sse({payload});
    GeminiStreamMapper mapper;
    const StreamEvents events = mapper.feed(bytes);
    // The prompt's token count still arrives before the error.
    QCOMPARE(events.size(), std::size_t(2));
    QCOMPARE(describe(events.front()), QStringLiteral("usage:7/-1"));
    const auto* error = std::get_if<StreamError>(&events.back());
    QVERIFY(error);
    QCOMPARE(error->error.kind, ErrorKind::InvalidRequest);
    QCOMPARE(error->error.message, message);
    QVERIFY(!error->error.retryable);

    QCOMPARE(feedInChunks<Mapper>(bytes, 1).events, feedWhole<Mapper>(bytes).events);
}

void GeminiMapperTest::safetyStopAfterTextKeepsTheReply()
{
    const QByteArray bytes = sse({
        R"({"candidates": [{"content": {"parts": [{"text": "Here is how"}],"role": "model"},)"
        R"("index": 0}],"usageMetadata": {"promptTokenCount": 5,"candidatesTokenCount": 3}})",
        R"({"candidates": [{"content": {"parts": [{"text": ""}],"role": "model"},)"
        R"("finishReason": "SAFETY","index": 0,"safetyRatings": [{"category": )"
        R"("HARM_CATEGORY_DANGEROUS_CONTENT","probability": "HIGH","blocked": true}]}],)"
        R"("usageMetadata": {"promptTokenCount": 5,"candidatesTokenCount": 3}})",
    });
    const Run run = feedWhole<Mapper>(bytes);
    QCOMPARE(run.events, (QStringList{
                             QStringLiteral("text:Here is how"),
                             QStringLiteral("usage:5/3"),
                             QStringLiteral("finish:content_filter"),
                         }));
    QVERIFY(run.done);
    QCOMPARE(feedInChunks<Mapper>(bytes, 1).events, run.events);
}

void GeminiMapperTest::safetyStopWithoutTextIsAnError_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("reason");

    QTest::newRow("safety, no content") << sse({
        R"({"candidates": [{"finishReason": "SAFETY","index": 0,"safetyRatings": [)"
        R"({"category": "HARM_CATEGORY_HARASSMENT","probability": "MEDIUM","blocked": true}]}],)"
        R"("usageMetadata": {"promptTokenCount": 5,"totalTokenCount": 5}})",
    }) << QStringLiteral("SAFETY");
    QTest::newRow("recitation after thoughts") << sse({
        R"({"candidates": [{"content": {"parts": [{"text": "Thinking","thought": true}],)"
        R"("role": "model"},"index": 0}]})",
        R"({"candidates": [{"content": {"parts": [{"text": ""}],"role": "model"},)"
        R"("finishReason": "RECITATION","index": 0}]})",
    }) << QStringLiteral("RECITATION");
    QTest::newRow("prohibited content with message") << sse({
        R"({"candidates": [{"finishReason": "PROHIBITED_CONTENT",)"
        R"("finishMessage": "Response was blocked.","index": 0}]})",
    }) << QStringLiteral("PROHIBITED_CONTENT");
}

void GeminiMapperTest::safetyStopWithoutTextIsAnError()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, reason);

    GeminiStreamMapper mapper;
    const StreamEvents events = mapper.feed(bytes);
    QVERIFY(mapper.sawEndOfStream());
    const StreamError* error = firstError(events);
    QVERIFY(error);
    // The finish reason reaches the result before the error ends the turn.
    QCOMPARE(describe(events[events.size() - 2]), QStringLiteral("finish:content_filter"));
    QCOMPARE(&std::get<StreamError>(events.back()), error);
    QCOMPARE(error->error.kind, ErrorKind::InvalidRequest);
    QVERIFY2(error->error.message.startsWith(QStringLiteral("Gemini stopped the reply: ") + reason),
             qPrintable(error->error.message));
    if (reason == QStringLiteral("PROHIBITED_CONTENT"))
        QVERIFY2(error->error.message.contains(QStringLiteral("Response was blocked.")),
                 qPrintable(error->error.message));
    QCOMPARE(feedInChunks<Mapper>(bytes, 1).events, feedWhole<Mapper>(bytes).events);
}

void GeminiMapperTest::otherFinishReasons_data()
{
    QTest::addColumn<QByteArray>("reason");
    QTest::addColumn<QString>("normalised");
    QTest::newRow("max tokens") << QByteArray("MAX_TOKENS") << QStringLiteral("length");
    QTest::newRow("other") << QByteArray("OTHER") << QStringLiteral("other");
    QTest::newRow("malformed call")
        << QByteArray("MALFORMED_FUNCTION_CALL") << QStringLiteral("malformed_function_call");
    QTest::newRow("blocklist after text")
        << QByteArray("BLOCKLIST") << QStringLiteral("content_filter");
}

void GeminiMapperTest::otherFinishReasons()
{
    QFETCH(QByteArray, reason);
    QFETCH(QString, normalised);
    const Run run = feedWhole<Mapper>(sse({
        R"({"candidates": [{"content": {"parts": [{"text": "Some"}],"role": "model"},)"
        R"("finishReason": ")"
            + reason + R"(","index": 0}]})",
    }));
    QCOMPARE(run.events, (QStringList{QStringLiteral("text:Some"), "finish:" + normalised}));
    QVERIFY(run.done);

    // The unspecified placeholder is no finish at all.
    const Run unspecified = feedWhole<Mapper>(sse({
        R"({"candidates": [{"content": {"parts": [{"text": "x"}]},)"
        R"("finishReason": "FINISH_REASON_UNSPECIFIED"}]})",
    }));
    QCOMPARE(unspecified.events, QStringList{QStringLiteral("text:x")});
    QVERIFY(!unspecified.done);
}

void GeminiMapperTest::functionCalls()
{
    const QByteArray bytes = sse({
        R"({"candidates": [{"content": {"parts": [{"text": "Let me check."},)"
        R"({"functionCall": {"name": "get_weather","args": {"city": "Oslo","days": 2}},)"
        R"("thoughtSignature": "Cq8B..."}],"role": "model"},"index": 0}]})",
        R"({"candidates": [{"content": {"parts": [{"functionCall": {"name": "get_time"}},)"
        R"({"functionCall": {"id": "fc-7","name": "lookup","args": {"q": "\u00e9\"x\""}}}],)"
        R"("role": "model"},"finishReason": "STOP","index": 0}],)"
        R"("usageMetadata": {"promptTokenCount": 20,"candidatesTokenCount": 12}})",
    });
    const Run run = feedWhole<Mapper>(bytes);
    QCOMPARE(run.events,
             (QStringList{
                 QStringLiteral("text:Let me check."),
                 // Gemini usually names no id; ToolCallCollector gives one unique in the turn.
                 QStringLiteral("tool:0||get_weather|{\"city\":\"Oslo\",\"days\":2}"),
                 QStringLiteral("tool:1||get_time|{}"),
                 QStringLiteral("tool:2|fc-7|lookup|{\"q\":\"\u00e9\\\"x\\\"\"}"),
                 QStringLiteral("usage:20/12"),
                 QStringLiteral("finish:tool_calls"),
             }));
    QVERIFY(run.done);
    QCOMPARE(feedInChunks<Mapper>(bytes, 1).events, run.events);

    // A call alone is a reply: a safety stop after it is no error.
    const Run called = feedWhole<Mapper>(sse({
        R"({"candidates": [{"content": {"parts": [{"functionCall": {"name": "f","args": {}}}]},)"
        R"("finishReason": "SAFETY"}]})",
    }));
    QCOMPARE(called.events, (QStringList{QStringLiteral("tool:0||f|{}"),
                                         QStringLiteral("finish:content_filter")}));
}

void GeminiMapperTest::parallelFunctionCallsInManyChunks()
{
    // Gemini 3 sends parallel calls whole, in one chunk, the first with the step's signature;
    // an id when it gives one. The bytes may still arrive in any slicing.
    const QByteArray bytes = sse({
        R"({"candidates":[{"content":{"parts":[{"text":"Checking both."}],"role":"model"},)"
        R"("index":0}],"usageMetadata":{"promptTokenCount":70,"candidatesTokenCount":3}})",
        R"({"candidates":[{"content":{"parts":[)"
        R"({"functionCall":{"name":"get_weather","args":{"city":"Z\u00fcrich","days":[1,2]}},)"
        R"("thoughtSignature":"EuYBCuMBAdHtim..."},)"
        R"({"functionCall":{"id":"fc_2","name":"get_time","args":{"tz":"CET"}}}],)"
        R"("role":"model"},"finishReason":"STOP","index":0}],)"
        R"("usageMetadata":{"promptTokenCount":70,"candidatesTokenCount":25}})",
    });
    const QStringList expected{
        QStringLiteral("text:Checking both."),
        QStringLiteral("usage:70/3"),
        QStringLiteral("tool:0||get_weather|{\"city\":\"Z\u00fcrich\",\"days\":[1,2]}"),
        QStringLiteral("tool:1|fc_2|get_time|{\"tz\":\"CET\"}"),
        QStringLiteral("usage:70/25"),
        QStringLiteral("finish:tool_calls"),
    };
    const Run whole = feedWhole<Mapper>(bytes);
    QCOMPARE(whole.events, expected);
    QVERIFY(whole.done);
    QCOMPARE(feedInChunks<Mapper>(bytes, 1).events, expected);
    for (quint32 seed = 1; seed <= 20; ++seed)
        QCOMPARE(feedRandomly<Mapper>(bytes, seed).events, expected);
}

void GeminiMapperTest::nonStreamedFunctionCalls()
{
    const auto response = nlohmann::json::parse(R"({"candidates":[{"content":{"role":"model",
        "parts":[{"functionCall":{"name":"read_file","args":{"path":"/tmp/a"}}},
                 {"functionCall":{"name":"read_file","args":{"path":"/tmp/b"}}},
                 {"functionCall":{"name":"list"}}]},
        "finishReason":"STOP"}],
        "usageMetadata":{"promptTokenCount":10,"candidatesTokenCount":9}})");
    QCOMPARE(describe(Mapper::mapResponse(response)),
             (QStringList{
                 QStringLiteral("tool:0||read_file|{\"path\":\"/tmp/a\"}"),
                 QStringLiteral("tool:1||read_file|{\"path\":\"/tmp/b\"}"),
                 QStringLiteral("tool:2||list|{}"),
                 QStringLiteral("usage:10/9"),
                 QStringLiteral("finish:tool_calls"),
             }));
}

void GeminiMapperTest::malformedJsonKeepsEarlierText()
{
    const QByteArray bytes = sse({
        R"({"candidates": [{"content": {"parts": [{"text": "Partial "}]}}]})",
        R"({"candidates": [{"content": {"parts": [{"text": "ans)",
        R"({"candidates": [{"content": {"parts": [{"text": "more"}]}}]})",
    });
    GeminiStreamMapper mapper;
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

    // A huge malformed event is quoted only briefly.
    GeminiStreamMapper big;
    const StreamEvents bigEvents = big.feed("data: {" + QByteArray(100'000, 'x') + "\n\n");
    const StreamError* bigError = firstError(bigEvents);
    QVERIFY(bigError);
    QVERIFY(bigError->error.message.size() < 200);

    // JSON that is neither a response nor a list of responses.
    for (const QByteArray& junk : {QByteArray("42"), QByteArray("\"text\""), QByteArray("[1,2]"),
                                   QByteArray("[]"), QByteArray("null")}) {
        GeminiStreamMapper other;
        const StreamEvents otherEvents = other.feed("data: " + junk + "\n\n");
        const StreamError* otherError = firstError(otherEvents);
        QVERIFY2(otherError, junk.constData());
        QCOMPARE(otherError->error.kind, ErrorKind::Protocol);
    }
}

void GeminiMapperTest::inStreamError_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<ErrorKind>("kind");
    QTest::addColumn<QString>("providerText");

    QTest::newRow("quota") << QByteArray(
        R"({"error": {"code": 429,"message": "Resource has been exhausted (e.g. check quota).",)"
        R"("status": "RESOURCE_EXHAUSTED"}})")
                           << ErrorKind::RateLimit
                           << QStringLiteral("Resource has been exhausted (e.g. check quota).");
    QTest::newRow("internal") << QByteArray(
        R"({"error": {"code": 500,"message": "An internal error has occurred. Please retry or )"
        R"(report in https://developers.generativeai.google/guide/troubleshooting",)"
        R"("status": "INTERNAL"}})")
                              << ErrorKind::ServerError
                              << QStringLiteral("An internal error has occurred.");
    QTest::newRow("overloaded") << QByteArray(
        R"({"error": {"code": 503,"message": "The model is overloaded. Please try again later.",)"
        R"("status": "UNAVAILABLE"}})")
                                << ErrorKind::ServerError
                                << QStringLiteral("The model is overloaded.");
    QTest::newRow("invalid argument")
        << QByteArray(
               R"({"error": {"code": 400,"message": "Request contains an invalid argument.",)"
               R"("status": "INVALID_ARGUMENT"}})")
        << ErrorKind::InvalidRequest << QStringLiteral("Request contains an invalid argument.");
    QTest::newRow("status only") << QByteArray(
        R"({"error": {"message": "Quota exceeded.","status": "RESOURCE_EXHAUSTED"}})")
                                 << ErrorKind::RateLimit << QStringLiteral("Quota exceeded.");
    QTest::newRow("plain string") << QByteArray(R"({"error": "backend died"})")
                                  << ErrorKind::ServerError << QStringLiteral("backend died");
    QTest::newRow("no message") << QByteArray(R"({"error": {"code": 502}})")
                                << ErrorKind::ServerError << QStringLiteral("Gemini reported");
}

void GeminiMapperTest::inStreamError()
{
    QFETCH(QByteArray, payload);
    QFETCH(ErrorKind, kind);
    QFETCH(QString, providerText);

    GeminiStreamMapper mapper;
    const StreamEvents events = mapper.feed(
        sse({R"({"candidates": [{"content": {"parts": [{"text": "Hi"}]}}]})", payload}));
    QCOMPARE(events.size(), std::size_t(2));
    QCOMPARE(describe(events.front()), QStringLiteral("text:Hi"));
    const auto* error = std::get_if<StreamError>(&events.back());
    QVERIFY(error);
    QCOMPARE(error->error.kind, kind);
    QVERIFY(!error->error.retryable);
    QVERIFY2(error->error.message.contains(providerText), qPrintable(error->error.message));
    QVERIFY(!mapper.sawEndOfStream());
}

void GeminiMapperTest::withoutFinishReasonIsNotEnded()
{
    // The connection dropped before any finish reason, with a half event pending.
    const QByteArray bytes =
        sse({R"({"candidates": [{"content": {"parts": [{"text": "Hi"}]}}]})"})
        + "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"lost\"}]}}]}\r\n";
    GeminiStreamMapper mapper;
    QCOMPARE(describe(mapper.feed(bytes)), QStringList{QStringLiteral("text:Hi")});
    QVERIFY(describe(mapper.finish()).isEmpty());
    QVERIFY(!mapper.sawEndOfStream());
}

void GeminiMapperTest::arrayOfResponses()
{
    // The non-SSE streaming shape (a JSON array of responses) means the same, if a proxy wraps it.
    const Run run = feedWhole<Mapper>(sse({
        R"([{"candidates": [{"content": {"parts": [{"text": "A"}]}}]},)"
        R"({"candidates": [{"content": {"parts": [{"text": "B"}]},"finishReason": "STOP"}]}])",
    }));
    QCOMPARE(run.events, (QStringList{QStringLiteral("text:A"), QStringLiteral("text:B"),
                                      QStringLiteral("finish:stop")}));
    QVERIFY(run.done);
}

void GeminiMapperTest::nullAndWrongTypedFields()
{
    const QByteArray bytes = sse({
        R"({"candidates": null,"usageMetadata": null,"promptFeedback": null,"error": null})",
        R"({"candidates": []})",
        R"({"candidates": [null]})",
        R"({"candidates": [{"content": null,"finishReason": null}]})",
        R"({"candidates": [{"content": {"parts": {"text": "not a list"}}}]})",
        R"({"candidates": [{"content": {"parts": [null, 5, "x", {"text": 7},)"
        R"({"text": "ok","thought": "yes"}, {"functionCall": "f"}, {"functionCall": null}]}}]})",
        R"({"usageMetadata": {"promptTokenCount": "3","candidatesTokenCount": -2}})",
        R"({"promptFeedback": {"blockReason": 3}})",
        R"({"candidates": [{"finishReason": 1}]})",
        R"({"modelVersion": "gemini-2.5-flash"})",
    });
    const Run run = feedWhole<Mapper>(bytes);
    // "thought" that is not true is no thought.
    QCOMPARE(run.events, QStringList{QStringLiteral("text:ok")});
    QVERIFY(!run.done);
    QCOMPARE(feedInChunks<Mapper>(bytes, 1).events, run.events);
}

void GeminiMapperTest::utf8SplitAcrossChunks()
{
    // 2-, 3- and 4-byte characters, split at every possible position.
    const QString text = QStringLiteral("\u00e9\u20ac\U0001F600 ok");
    const QByteArray bytes = sse(
        {R"({"candidates": [{"content": {"parts": [{"text": ")" + text.toUtf8() + R"("}]}}]})"});
    const qsizetype start = bytes.indexOf(text.toUtf8());
    for (qsizetype split = start; split <= start + text.toUtf8().size(); ++split) {
        GeminiStreamMapper mapper;
        QStringList events = describe(mapper.feed(QByteArrayView(bytes).first(split)));
        events += describe(mapper.feed(QByteArrayView(bytes).sliced(split)));
        QCOMPARE(events, QStringList{QStringLiteral("text:") + text});
    }
    QCOMPARE(feedInChunks<Mapper>(bytes, 1).events, QStringList{QStringLiteral("text:") + text});
}

QTEST_GUILESS_MAIN(GeminiMapperTest)
#include "GeminiMapperTest.moc"
