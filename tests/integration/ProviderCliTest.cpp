// ProviderCliTest: `keel ask --provider-kind K` and `keel models --provider-kind K` for every
// kind Keel speaks, against a loopback server that answers in that kind's own wire format.
#include "LoopbackLlmServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using namespace keel::test;

namespace {

QByteArray sse(const QByteArray& event, const QByteArray& json)
{
    return (event.isEmpty() ? QByteArray() : "event: " + event + "\n") + "data: " + json + "\n\n";
}

// A reply "The answer is 42." with reasoning "Let me think." and usage 11 in / 7 out, in the
// kind's own stream format.
Response streamFor(const QString& kind)
{
    if (kind == QStringLiteral("anthropic")) {
        return Response::sse({Step::send(
            sse("message_start",
                R"({"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","content":[],"model":"m","usage":{"input_tokens":11,"output_tokens":1}}})")
                + sse("ping", R"({"type":"ping"})")
                + sse(
                    "content_block_start",
                    R"({"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":""}})")
                + sse(
                    "content_block_delta",
                    R"({"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"Let me think."}})")
                + sse(
                    "content_block_delta",
                    R"({"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"abc"}})")
                + sse("content_block_stop", R"({"type":"content_block_stop","index":0})")
                + sse(
                    "content_block_start",
                    R"({"type":"content_block_start","index":1,"content_block":{"type":"text","text":""}})")
                + sse(
                    "content_block_delta",
                    R"({"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"The answer "}})")
                + sse(
                    "content_block_delta",
                    R"({"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"is 42."}})")
                + sse("content_block_stop", R"({"type":"content_block_stop","index":1})")
                + sse(
                    "message_delta",
                    R"({"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":7}})")
                + sse("message_stop", R"({"type":"message_stop"})"),
            17)});
    }
    if (kind == QStringLiteral("gemini")) {
        return Response::sse({Step::send(
            sse({},
                R"({"candidates":[{"content":{"parts":[{"text":"Let me think.","thought":true}],"role":"model"},"index":0}]})")
                + sse(
                    {},
                    R"({"candidates":[{"content":{"parts":[{"text":"The answer "}],"role":"model"},"index":0}]})")
                + sse(
                    {},
                    R"({"candidates":[{"content":{"parts":[{"text":"is 42."}],"role":"model"},"finishReason":"STOP","index":0}],"usageMetadata":{"promptTokenCount":11,"candidatesTokenCount":7,"totalTokenCount":18}})"),
            17)});
    }
    if (kind == QStringLiteral("ollama")) {
        Response response = Response::sse({Step::send(
            R"({"model":"m","created_at":"2025-01-01T00:00:00Z","message":{"role":"assistant","content":"","thinking":"Let me think."},"done":false})"
            "\n"
            R"({"model":"m","created_at":"2025-01-01T00:00:00Z","message":{"role":"assistant","content":"The answer "},"done":false})"
            "\n"
            R"({"model":"m","created_at":"2025-01-01T00:00:00Z","message":{"role":"assistant","content":"is 42."},"done":false})"
            "\n"
            R"({"model":"m","created_at":"2025-01-01T00:00:00Z","message":{"role":"assistant","content":""},"done":true,"done_reason":"stop","prompt_eval_count":11,"eval_count":7})"
            "\n",
            17)});
        response.contentType = "application/x-ndjson";
        return response;
    }
    return Response::sse(
        {Step::send(LoopbackLlmServer::openAiReasoningChunk(QStringLiteral("Let me think."))
                        + LoopbackLlmServer::openAiChunk(QStringLiteral("The answer "))
                        + LoopbackLlmServer::openAiChunk(QStringLiteral("is 42."))
                        + LoopbackLlmServer::openAiFinish() + LoopbackLlmServer::openAiUsage(11, 7)
                        + LoopbackLlmServer::openAiDone(),
                    17)});
}

QString baseUrlFor(const QString& kind, const LoopbackLlmServer& server)
{
    return kind == QStringLiteral("openai")
               ? server.baseUrl()
               : QStringLiteral("http://127.0.0.1:%1").arg(server.port());
}

QByteArray expectedChatPath(const QString& kind)
{
    if (kind == QStringLiteral("anthropic"))
        return "/v1/messages";
    if (kind == QStringLiteral("gemini"))
        return "/v1beta/models/test-model:streamGenerateContent?alt=sse";
    if (kind == QStringLiteral("ollama"))
        return "/api/chat";
    return "/v1/chat/completions";
}

QProcess* runKeel(const QStringList& arguments)
{
    auto* keel = new QProcess;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char* name :
         {"OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GEMINI_API_KEY", "GOOGLE_API_KEY",
          "OPENAI_BASE_URL", "ANTHROPIC_BASE_URL", "OLLAMA_HOST", "KEEL_MODEL"})
        env.remove(QString::fromLatin1(name));
    env.insert(QStringLiteral("KEEL_TEST_KEY"), QStringLiteral("test-key-123"));
    keel->setProcessEnvironment(env);
    keel->start(QStringLiteral(KEEL_BINARY), arguments);
    keel->waitForFinished(20000);
    return keel;
}

} // namespace

class ProviderCliTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void ask_data()
    {
        QTest::addColumn<QString>("kind");
        for (const char* kind : {"openai", "anthropic", "gemini", "ollama"})
            QTest::newRow(kind) << QString::fromLatin1(kind);
    }

    void ask()
    {
        QFETCH(QString, kind);
        LoopbackLlmServer server;
        server.enqueue(streamFor(kind));
        std::unique_ptr<QProcess> keel(
            runKeel({QStringLiteral("ask"), QStringLiteral("--provider-kind"), kind,
                     QStringLiteral("--base-url"), baseUrlFor(kind, server),
                     QStringLiteral("--api-key-env"), QStringLiteral("KEEL_TEST_KEY"),
                     QStringLiteral("--model"), QStringLiteral("test-model"),
                     QStringLiteral("What is six times seven?")}));
        QCOMPARE(keel->exitCode(), 0);
        QCOMPARE(keel->readAllStandardOutput(), QByteArray("The answer is 42.\n"));
        QVERIFY(keel->readAllStandardError().contains("Let me think."));
        const ReceivedRequest request = server.requests().value(0);
        QCOMPARE(request.path, expectedChatPath(kind));
        QVERIFY(request.body.contains("What is six times seven?"));
    }

    void askJson_data() { ask_data(); }

    void askJson()
    {
        QFETCH(QString, kind);
        LoopbackLlmServer server;
        server.enqueue(streamFor(kind));
        std::unique_ptr<QProcess> keel(
            runKeel({QStringLiteral("ask"), QStringLiteral("--json"),
                     QStringLiteral("--provider-kind"), kind, QStringLiteral("--base-url"),
                     baseUrlFor(kind, server), QStringLiteral("--api-key-env"),
                     QStringLiteral("KEEL_TEST_KEY"), QStringLiteral("--model"),
                     QStringLiteral("test-model"), QStringLiteral("What is six times seven?")}));
        QCOMPARE(keel->exitCode(), 0);
        QString text;
        QString reasoning;
        QJsonObject usage;
        QJsonObject finish;
        for (const QByteArray& line : keel->readAllStandardOutput().split('\n')) {
            if (line.isEmpty())
                continue;
            const QJsonObject event = QJsonDocument::fromJson(line).object();
            const QString type = event.value(QStringLiteral("type")).toString();
            if (type == QStringLiteral("delta"))
                text += event.value(QStringLiteral("text")).toString();
            else if (type == QStringLiteral("reasoning"))
                reasoning += event.value(QStringLiteral("text")).toString();
            else if (type == QStringLiteral("usage"))
                usage = event;
            else if (type == QStringLiteral("finish"))
                finish = event;
        }
        QCOMPARE(text, QStringLiteral("The answer is 42."));
        QCOMPARE(reasoning, QStringLiteral("Let me think."));
        QCOMPARE(usage.value(QStringLiteral("input_tokens")).toInt(), 11);
        QCOMPARE(usage.value(QStringLiteral("output_tokens")).toInt(), 7);
        QCOMPARE(finish.value(QStringLiteral("reason")).toString(), QStringLiteral("stop"));
    }

    void models_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("openai")
            << QStringLiteral("openai") << QByteArray("/v1/models")
            << QByteArray(
                   R"({"object":"list","data":[{"id":"gpt-a","object":"model"},{"id":"gpt-b","object":"model"}]})")
            << QStringList{QStringLiteral("gpt-a"), QStringLiteral("gpt-b")};
        QTest::newRow("anthropic")
            << QStringLiteral("anthropic") << QByteArray("/v1/models")
            << QByteArray(
                   R"({"data":[{"type":"model","id":"claude-x","display_name":"Claude X","created_at":"2025-01-01T00:00:00Z"}],"has_more":false,"first_id":"claude-x","last_id":"claude-x"})")
            << QStringList{QStringLiteral("claude-x\tClaude X")};
        QTest::newRow("gemini")
            << QStringLiteral("gemini") << QByteArray("/v1beta/models")
            << QByteArray(
                   R"({"models":[{"name":"models/gemini-x","displayName":"Gemini X","inputTokenLimit":1000,"supportedGenerationMethods":["generateContent","countTokens"]},{"name":"models/embedding-x","displayName":"Embedding","supportedGenerationMethods":["embedContent"]}]})")
            << QStringList{QStringLiteral("gemini-x\tGemini X")};
        QTest::newRow("ollama")
            << QStringLiteral("ollama") << QByteArray("/api/tags")
            << QByteArray(
                   R"({"models":[{"name":"llama3.2:latest","model":"llama3.2:latest","size":1,"details":{"family":"llama"}},{"name":"qwen3:8b","model":"qwen3:8b","size":2,"details":{}}]})")
            << QStringList{QStringLiteral("llama3.2:latest"), QStringLiteral("qwen3:8b")};
    }

    void models()
    {
        QFETCH(QString, kind);
        QFETCH(QByteArray, path);
        QFETCH(QByteArray, body);
        QFETCH(QStringList, expected);
        LoopbackLlmServer server;
        server.setRoute(path, Response::body(200, body));
        std::unique_ptr<QProcess> keel(
            runKeel({QStringLiteral("models"), QStringLiteral("--provider-kind"), kind,
                     QStringLiteral("--base-url"), baseUrlFor(kind, server),
                     QStringLiteral("--api-key-env"), QStringLiteral("KEEL_TEST_KEY")}));
        QCOMPARE(keel->exitCode(), 0);
        const QStringList lines = QString::fromUtf8(keel->readAllStandardOutput())
                                      .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines, expected);
        QVERIFY(server.requests().value(0).path.startsWith(path));

        std::unique_ptr<QProcess> json(runKeel(
            {QStringLiteral("models"), QStringLiteral("--json"), QStringLiteral("--provider-kind"),
             kind, QStringLiteral("--base-url"), baseUrlFor(kind, server),
             QStringLiteral("--api-key-env"), QStringLiteral("KEEL_TEST_KEY")}));
        QCOMPARE(json->exitCode(), 0);
        const QJsonArray models = QJsonDocument::fromJson(json->readAllStandardOutput())
                                      .object()
                                      .value(QStringLiteral("models"))
                                      .toArray();
        QCOMPARE(models.size(), expected.size());
        QCOMPARE(models.first().toObject().value(QStringLiteral("id")).toString(),
                 expected.first().section(QLatin1Char('\t'), 0, 0));
    }

    void anthropicModelsFollowPagination()
    {
        LoopbackLlmServer server;
        server.enqueue(Response::body(
            200,
            R"({"data":[{"type":"model","id":"a","display_name":"A"}],"has_more":true,"first_id":"a","last_id":"a"})"));
        server.enqueue(Response::body(
            200,
            R"({"data":[{"type":"model","id":"b","display_name":"B"}],"has_more":false,"first_id":"b","last_id":"b"})"));
        std::unique_ptr<QProcess> keel(
            runKeel({QStringLiteral("models"), QStringLiteral("--provider-kind"),
                     QStringLiteral("anthropic"), QStringLiteral("--base-url"),
                     baseUrlFor(QStringLiteral("anthropic"), server)}));
        QCOMPARE(keel->exitCode(), 0);
        QCOMPARE(keel->readAllStandardOutput(), QByteArray("a\tA\nb\tB\n"));
        QCOMPARE(server.requestCount(), 2);
        QVERIFY(server.requests().value(1).path.contains("after_id=a"));
    }

    void reasoningOptionsReachTheRequest()
    {
        LoopbackLlmServer server;
        server.setDefault(streamFor(QStringLiteral("anthropic")));
        std::unique_ptr<QProcess> keel(runKeel(
            {QStringLiteral("ask"), QStringLiteral("--provider-kind"), QStringLiteral("anthropic"),
             QStringLiteral("--base-url"), baseUrlFor(QStringLiteral("anthropic"), server),
             QStringLiteral("--model"), QStringLiteral("test-model"),
             QStringLiteral("--thinking-budget"), QStringLiteral("2048"), QStringLiteral("hi")}));
        QCOMPARE(keel->exitCode(), 0);
        const QJsonObject thinking =
            server.requests().value(0).jsonBody().value(QStringLiteral("thinking")).toObject();
        QCOMPARE(thinking.value(QStringLiteral("type")).toString(), QStringLiteral("enabled"));
        QCOMPARE(thinking.value(QStringLiteral("budget_tokens")).toInt(), 2048);

        server.setDefault(streamFor(QStringLiteral("openai")));
        std::unique_ptr<QProcess> openai(runKeel(
            {QStringLiteral("ask"), QStringLiteral("--base-url"), server.baseUrl(),
             QStringLiteral("--model"), QStringLiteral("test-model"),
             QStringLiteral("--reasoning-effort"), QStringLiteral("high"), QStringLiteral("hi")}));
        QCOMPARE(openai->exitCode(), 0);
        QCOMPARE(server.requests()
                     .value(1)
                     .jsonBody()
                     .value(QStringLiteral("reasoning_effort"))
                     .toString(),
                 QStringLiteral("high"));

        std::unique_ptr<QProcess> bad(
            runKeel({QStringLiteral("ask"), QStringLiteral("--model"), QStringLiteral("m"),
                     QStringLiteral("--reasoning-effort"), QStringLiteral("extreme"),
                     QStringLiteral("hi")}));
        QCOMPARE(bad->exitCode(), 2);
    }

    void modelsAuthErrorNamesTheKeyVariable()
    {
        LoopbackLlmServer server;
        server.setRoute("/v1/models",
                        Response::openAiError(401, QStringLiteral("Invalid API key")));
        std::unique_ptr<QProcess> keel(
            runKeel({QStringLiteral("models"), QStringLiteral("--base-url"), server.baseUrl(),
                     QStringLiteral("--api-key-env"), QStringLiteral("KEEL_TEST_KEY")}));
        QCOMPARE(keel->exitCode(), 1);
        const QByteArray err = keel->readAllStandardError();
        QVERIFY2(err.contains("Invalid API key") && err.contains("KEEL_TEST_KEY"), err.constData());
        QVERIFY(!err.contains("test-key-123"));
    }
};

QTEST_GUILESS_MAIN(ProviderCliTest)
#include "ProviderCliTest.moc"
