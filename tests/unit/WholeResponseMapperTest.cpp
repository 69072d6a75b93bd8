// WholeResponseMapperTest: the mappers of non-streaming turns. The buffering base (any chunking,
// size limit, bodies that are empty, not JSON or hold no reply) and each provider's mapping of its
// documented non-streamed response, tool calls included, made through the generic
// createProvider(kind)->createMapper(false).
#include "providers/WholeResponseMapper.h"

#include "providers/Provider.h"
#include "tests/support/StreamEventText.h"

#include <QStringList>
#include <QTest>

#include <nlohmann/json.hpp>

using namespace keel::core;
using namespace keel::test;

namespace {

// Every event of a whole body fed to a fresh mapper of the kind, in pieces of chunkSize bytes
// (0: at once), then "done" if the mapper saw the end.
QStringList mapWhole(const QString& kind, const QByteArray& body, qsizetype chunkSize = 0)
{
    const std::unique_ptr<Provider> provider = createProvider(kind);
    const std::unique_ptr<StreamMapper> mapper = provider->createMapper(false);
    QStringList events;
    const qsizetype step = chunkSize > 0 ? chunkSize : std::max<qsizetype>(1, body.size());
    for (qsizetype i = 0; i < body.size(); i += step)
        events +=
            describe(mapper->feed(QByteArrayView(body).sliced(i, qMin(step, body.size() - i))));
    events += describe(mapper->finish());
    if (mapper->sawEndOfStream())
        events += QStringLiteral("done");
    return events;
}

QString errorCode(ErrorKind kind)
{
    return QString::number(int(kind));
}

// A mapper whose mapping echoes the document's "text" member, to test the base alone.
WholeResponseMapper echoMapper()
{
    return WholeResponseMapper(QStringLiteral("Echo"), [](const nlohmann::json& response) {
        StreamEvents events;
        if (response.is_object() && response.contains("text") && response["text"].is_string())
            events.push_back(
                TextDelta{QString::fromStdString(response["text"].get<std::string>())});
        return events;
    });
}

} // namespace

class WholeResponseMapperTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void chunkingIsInvisible()
    {
        const QByteArray body = R"({"text":"h\u00e9llo \ud83c\udf0d"})";
        const QList<qsizetype> sizes = {1, 3, 7, body.size()};
        for (const qsizetype size : sizes) {
            WholeResponseMapper mapper = echoMapper();
            QStringList events;
            for (qsizetype i = 0; i < body.size(); i += size)
                events += describe(
                    mapper.feed(QByteArrayView(body).sliced(i, qMin(size, body.size() - i))));
            QVERIFY(events.isEmpty()); // nothing before the body is whole
            QVERIFY(!mapper.sawEndOfStream());
            events += describe(mapper.finish());
            QCOMPARE(events, QStringList{QStringLiteral("text:h\u00e9llo \U0001F30D")});
            QVERIFY(mapper.sawEndOfStream());
            QVERIFY(mapper.finish().empty()); // a second finish adds nothing
        }
    }

    void unreadableBodiesAreProtocolErrors_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty") << QByteArray() << QStringLiteral("The reply from Echo was empty.");
        QTest::newRow("blank") << QByteArray(" \r\n")
                               << QStringLiteral("The reply from Echo was empty.");
        QTest::newRow("html") << QByteArray("<html>\n<h1>502 Bad Gateway</h1></html>")
                              << QStringLiteral("The reply from Echo is not valid JSON: <html> "
                                                "<h1>502 Bad Gateway</h1></html>");
        // Ordinary literals: moc miscounts braces inside raw strings that leave one open.
        QTest::newRow("truncated") << QByteArray("{\"text\":\"cut")
                                   << QStringLiteral("The reply from Echo is not valid JSON: "
                                                     "{\"text\":\"cut");
        QTest::newRow("no reply") << QByteArray(R"({"other":1})")
                                  << QStringLiteral(
                                         R"(The reply from Echo holds no message: {"other":1})");
    }

    void unreadableBodiesAreProtocolErrors()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, expected);
        WholeResponseMapper mapper = echoMapper();
        QVERIFY(mapper.feed(body).empty());
        const StreamEvents events = mapper.finish();
        QCOMPARE(events.size(), size_t(1));
        const StreamError* error = firstError(events);
        QVERIFY(error);
        QCOMPARE(error->error.kind, ErrorKind::Protocol);
        QCOMPARE(error->error.message, expected);
        QVERIFY(!mapper.sawEndOfStream());
    }

    void longBodiesAreQuotedShortly()
    {
        WholeResponseMapper mapper = echoMapper();
        mapper.feed(QByteArray("not json ") + QByteArray(100000, 'x'));
        const StreamEvents events = mapper.finish();
        const StreamError* error = firstError(events);
        QVERIFY(error);
        QVERIFY(error->error.message.endsWith(QChar(0x2026)));
        QVERIFY(error->error.message.size() < 200);
    }

    void oversizedBodyFailsOnce()
    {
        WholeResponseMapper mapper = echoMapper();
        const QByteArray megabyte(1024 * 1024, ' ');
        StreamEvents events;
        for (qsizetype fed = 0; fed <= WholeResponseMapper::kMaxBody; fed += megabyte.size()) {
            for (StreamEvent& event : mapper.feed(megabyte))
                events.push_back(std::move(event));
        }
        mapper.feed(megabyte); // after the error, more bytes are ignored
        QCOMPARE(events.size(), size_t(1));
        QVERIFY(firstError(events));
        QCOMPARE(firstError(events)->error.kind, ErrorKind::Protocol);
        QVERIFY(firstError(events)->error.message.contains(QLatin1String("implausibly large")));
        QVERIFY(mapper.finish().empty());
    }

    void openAiCompletion()
    {
        // Two tool calls, unnumbered as in a whole message, and content null beside them.
        const QByteArray body =
            R"({"id":"chatcmpl-1","object":"chat.completion","choices":[{"index":0,)"
            R"("message":{"role":"assistant","content":null,"reasoning_content":"Plan",)"
            R"("tool_calls":[{"id":"call_a","type":"function","function":{"name":"search",)"
            "\"arguments\":\"{\\\"q\\\":\\\"x\\\"}\"}},"
            R"({"id":"call_b","type":"function","function":)"
            R"({"name":"open","arguments":"{}"}}]},"finish_reason":"tool_calls"}],)"
            R"("usage":{"prompt_tokens":20,"completion_tokens":9}})";
        const QStringList expected = {
            QStringLiteral("reasoning:Plan"),
            QStringLiteral(R"(tool:0|call_a|search|{"q":"x"})"),
            QStringLiteral("tool:1|call_b|open|{}"),
            QStringLiteral("finish:tool_calls"),
            QStringLiteral("usage:20/9"),
            QStringLiteral("done"),
        };
        QCOMPARE(mapWhole(QStringLiteral("openai"), body), expected);
        QCOMPARE(mapWhole(QStringLiteral("openai"), body, 5), expected);
    }

    void anthropicMessage()
    {
        const QByteArray body =
            R"({"id":"msg_1","type":"message","role":"assistant","content":[)"
            R"({"type":"thinking","thinking":"Hmm","signature":"x"},)"
            R"({"type":"redacted_thinking","data":"opaque"},)"
            R"({"type":"text","text":"Let me look."},)"
            R"({"type":"tool_use","id":"toolu_1","name":"search","input":{"q":"x"}}],)"
            R"("stop_reason":"tool_use","usage":{"input_tokens":5,)"
            R"("cache_creation_input_tokens":3,"output_tokens":8}})";
        QCOMPARE(mapWhole(QStringLiteral("anthropic"), body),
                 (QStringList{QStringLiteral("reasoning:Hmm"), QStringLiteral("text:Let me look."),
                              QStringLiteral(R"(tool:3|toolu_1|search|{"q":"x"})"),
                              QStringLiteral("usage:8/8"), QStringLiteral("finish:tool_calls"),
                              QStringLiteral("done")}));
    }

    void anthropicErrorBody()
    {
        const QStringList events =
            mapWhole(QStringLiteral("anthropic"),
                     R"({"type":"error","error":{"type":"rate_limit_error","message":"Slow"}})");
        QCOMPARE(events.size(), 2); // the error, and "done": the body was read whole
        QCOMPARE(events[1], QStringLiteral("done"));
        QVERIFY2(
            events[0].startsWith(QStringLiteral("error:%1|").arg(errorCode(ErrorKind::RateLimit))),
            qPrintable(events[0]));
        QVERIFY(events[0].contains(QLatin1String("Slow")));
    }

    void geminiResponse()
    {
        const QByteArray body =
            R"({"candidates":[{"content":{"role":"model","parts":[{"text":"Idea","thought":true},)"
            R"({"text":"Answer"},{"functionCall":{"name":"search","args":{"q":"x"}}}]},)"
            R"("finishReason":"STOP"}],"usageMetadata":{"promptTokenCount":4,)"
            R"("candidatesTokenCount":6}})";
        QCOMPARE(
            mapWhole(QStringLiteral("gemini"), body),
            (QStringList{QStringLiteral("reasoning:Idea"), QStringLiteral("text:Answer"),
                         QStringLiteral(R"(tool:0||search|{"q":"x"})"), QStringLiteral("usage:4/6"),
                         QStringLiteral("finish:tool_calls"), QStringLiteral("done")}));
    }

    void geminiBlockedPrompt()
    {
        const QStringList events =
            mapWhole(QStringLiteral("gemini"), R"({"promptFeedback":{"blockReason":"SAFETY"}})");
        QCOMPARE(events.size(), 2); // the error, and "done": the body was read whole
        QCOMPARE(events[1], QStringLiteral("done"));
        QVERIFY2(events[0].contains(QLatin1String("Gemini blocked the prompt: SAFETY")),
                 qPrintable(events[0]));
    }

    void ollamaResponse()
    {
        const QByteArray body = R"({"model":"qwen3","message":{"role":"assistant","content":"",)"
                                R"("thinking":"Think","tool_calls":[{"function":{"name":"search",)"
                                R"("arguments":{"q":"x"}}}]},"done":true,"done_reason":"stop",)"
                                R"("prompt_eval_count":7,"eval_count":2})";
        QCOMPARE(
            mapWhole(QStringLiteral("ollama"), body),
            (QStringList{QStringLiteral("reasoning:Think"),
                         QStringLiteral(R"(tool:0||search|{"q":"x"})"), QStringLiteral("usage:7/2"),
                         QStringLiteral("finish:tool_calls"), QStringLiteral("done")}));
    }

    void wrongShapesAreErrorsForEveryKind()
    {
        for (const QString& kind : providerKinds()) {
            for (const QByteArray& body :
                 {QByteArray("[]"), QByteArray("42"), QByteArray(R"({"choices":"no"})"),
                  QByteArray("null"), QByteArray(R"([{"candidates":5}])")}) {
                const QStringList events = mapWhole(kind, body);
                QCOMPARE(events.size(), 1);
                QVERIFY2(events[0].startsWith(
                             QStringLiteral("error:%1|").arg(errorCode(ErrorKind::Protocol))),
                         qPrintable(kind + u' ' + events[0]));
            }
        }
    }

    void streamingMappersAreUnchanged()
    {
        // createMapper(true) still hands out the stream mappers.
        for (const QString& kind : providerKinds()) {
            const auto mapper = createProvider(kind)->createMapper(true);
            QVERIFY(mapper);
            QVERIFY(!dynamic_cast<WholeResponseMapper*>(mapper.get()));
            QVERIFY(dynamic_cast<WholeResponseMapper*>(
                createProvider(kind)->createMapper(false).get()));
        }
    }
};

QTEST_GUILESS_MAIN(WholeResponseMapperTest)
#include "WholeResponseMapperTest.moc"
