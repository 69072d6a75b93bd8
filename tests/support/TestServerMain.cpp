// keel-test-server: the loopback LLM server as a process, for manual runs, scripted screenshots
// and tests that drive the real keel binary. Serves one OpenAI Chat Completions script (or an
// error), or with --scenario a sequence of replies (reasoning, text, tool calls) read from a JSON
// file, and prints "LISTENING http://127.0.0.1:PORT/v1" once ready; runs until killed. Binds
// 127.0.0.1 only.
#include "LoopbackLlmServer.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cstdio>
#include <optional>

using keel::test::LoopbackLlmServer;
using keel::test::Response;
using keel::test::Step;

namespace {

struct Options {
    quint16 port = 0;
    int silenceMs = 0;
    int keepAliveMs = 0;
    int tokens = 50;
    QString token = QStringLiteral("tok ");
    int chunkTokens = 1;
    int delayMs = 0;
    int status = 200;
    QByteArray body;
    int reasoning = 0;
    bool done = true;
    bool repeat = true;
};

Response buildScript(const Options& options)
{
    if (options.status != 200) {
        if (!options.body.isEmpty())
            return Response::body(options.status, options.body);
        return Response::openAiError(
            options.status,
            QStringLiteral("keel-test-server: scripted error %1").arg(options.status),
            QStringLiteral("server_error"));
    }

    // Headers first, like real servers: the client is then "waiting for the first token", not
    // still connecting, during the silence.
    std::vector<Step> steps{Step::sendHeaders()};
    if (options.silenceMs > 0) {
        steps.push_back(options.keepAliveMs > 0
                            ? Step::keepAlive(options.silenceMs, options.keepAliveMs)
                            : Step::delay(options.silenceMs));
    }

    std::vector<QByteArray> events;
    events.reserve(std::size_t(options.reasoning + options.tokens));
    for (int i = 0; i < options.reasoning; ++i)
        events.push_back(LoopbackLlmServer::openAiReasoningChunk(options.token));
    for (int i = 0; i < options.tokens; ++i)
        events.push_back(LoopbackLlmServer::openAiChunk(options.token));

    const std::size_t perWrite = std::size_t(std::max(1, options.chunkTokens));
    for (std::size_t i = 0; i < events.size(); i += perWrite) {
        if (i > 0 && options.delayMs > 0)
            steps.push_back(Step::delay(options.delayMs));
        QByteArray write;
        for (std::size_t j = i; j < std::min(events.size(), i + perWrite); ++j)
            write.append(events[j]);
        steps.push_back(Step::send(std::move(write)));
    }

    if (options.done) {
        QByteArray tail = LoopbackLlmServer::openAiFinish(QStringLiteral("stop"));
        tail.append(LoopbackLlmServer::openAiUsage(5, options.reasoning + options.tokens));
        tail.append(LoopbackLlmServer::openAiDone());
        steps.push_back(Step::send(std::move(tail)));
    }
    return Response::sse(std::move(steps));
}

// One reply of a --scenario file: {"reasoning": "...", "text": "...", "toolCalls": [{"id": ...,
// "name": ..., "arguments": "{...}"}], "chunkChars": 24, "delayMs": 10}. Text and reasoning are
// streamed in pieces of chunkChars characters, delayMs apart, so the client renders them as it
// would a real stream.
Response scenarioResponse(const QJsonObject& reply)
{
    const int chunkChars = std::max(1, reply.value(QStringLiteral("chunkChars")).toInt(24));
    const int delayMs = std::max(0, reply.value(QStringLiteral("delayMs")).toInt(0));
    std::vector<Step> steps{Step::sendHeaders()};
    const auto stream = [&](const QString& text, bool reasoning) {
        for (qsizetype at = 0; at < text.size(); at += chunkChars) {
            if (delayMs > 0 && at > 0)
                steps.push_back(Step::delay(delayMs));
            const QString piece = text.mid(at, chunkChars);
            steps.push_back(Step::send(reasoning ? LoopbackLlmServer::openAiReasoningChunk(piece)
                                                 : LoopbackLlmServer::openAiChunk(piece)));
        }
    };
    stream(reply.value(QStringLiteral("reasoning")).toString(), true);
    stream(reply.value(QStringLiteral("text")).toString(), false);
    const QJsonArray calls = reply.value(QStringLiteral("toolCalls")).toArray();
    QByteArray tail;
    for (qsizetype i = 0; i < calls.size(); ++i) {
        const QJsonObject call = calls.at(i).toObject();
        tail.append(LoopbackLlmServer::openAiToolCallChunk(
            int(i), call.value(QStringLiteral("id")).toString(),
            call.value(QStringLiteral("name")).toString(),
            call.value(QStringLiteral("arguments")).toString(QStringLiteral("{}"))));
    }
    tail.append(LoopbackLlmServer::openAiFinish(calls.isEmpty() ? QStringLiteral("stop")
                                                                : QStringLiteral("tool_calls")));
    tail.append(LoopbackLlmServer::openAiUsage(412, 286));
    tail.append(LoopbackLlmServer::openAiDone());
    steps.push_back(Step::send(std::move(tail)));
    return Response::sse(std::move(steps));
}

// The replies of a scenario file ({"replies": [...]}), or an error message.
std::optional<QList<Response>> loadScenario(const QString& path, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return std::nullopt;
    }
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    const QJsonArray replies = document.object().value(QStringLiteral("replies")).toArray();
    if (parseError.error != QJsonParseError::NoError || replies.isEmpty()) {
        *error = parseError.error != QJsonParseError::NoError
                     ? parseError.errorString()
                     : QStringLiteral("no \"replies\" array");
        return std::nullopt;
    }
    QList<Response> responses;
    for (const QJsonValue& reply : replies)
        responses.append(scenarioResponse(reply.toObject()));
    return responses;
}

int intOption(const QCommandLineParser& parser, const QString& name, int fallback, bool* ok)
{
    if (!parser.isSet(name))
        return fallback;
    bool parsed = false;
    const int value = parser.value(name).toInt(&parsed);
    if (!parsed || value < 0) {
        std::fprintf(stderr, "keel-test-server: --%s needs a non-negative integer\n",
                     qPrintable(name));
        *ok = false;
    }
    return value;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("keel-test-server"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Scriptable loopback OpenAI-compatible server for Keel's tests."));
    parser.addHelpOption();
    const auto number = [](const char* name, const char* help) {
        return QCommandLineOption(QString::fromLatin1(name), QString::fromLatin1(help),
                                  QStringLiteral("N"));
    };
    parser.addOptions({
        number("port", "Port on 127.0.0.1 (0 = random, default)."),
        number("silence-ms", "Silence after the headers, before streaming (default 0)."),
        number("keepalive-ms", "Send SSE keep-alive comments at this interval during silence."),
        number("tokens", "Content tokens to stream (default 50)."),
        QCommandLineOption(QStringLiteral("token"),
                           QStringLiteral("Token text (default \"tok \")."),
                           QStringLiteral("TEXT")),
        number("chunk-tokens", "Tokens per write (default 1)."),
        number("delay-ms", "Delay between writes (default 0)."),
        number("status", "Answer with this HTTP status and --body instead of a stream."),
        QCommandLineOption(QStringLiteral("body"), QStringLiteral("Body of the error response."),
                           QStringLiteral("TEXT")),
        number("reasoning", "Reasoning tokens before the content (default 0)."),
        QCommandLineOption(QStringLiteral("no-done"),
                           QStringLiteral("End the stream without finish_reason, usage, [DONE].")),
        QCommandLineOption(QStringLiteral("repeat"),
                           QStringLiteral("Serve the script to every request (default).")),
        QCommandLineOption(QStringLiteral("no-repeat"),
                           QStringLiteral("Serve the script once; later requests get 503.")),
        QCommandLineOption(QStringLiteral("scenario"),
                           QStringLiteral("Serve the replies of this JSON file in turn (the last "
                                          "one repeats) instead of the options above."),
                           QStringLiteral("FILE")),
    });
    parser.process(app);

    bool ok = true;
    Options options;
    const int port = intOption(parser, QStringLiteral("port"), 0, &ok);
    if (port > 65535) {
        std::fprintf(stderr, "keel-test-server: --port out of range\n");
        ok = false;
    }
    options.port = quint16(port);
    options.silenceMs = intOption(parser, QStringLiteral("silence-ms"), 0, &ok);
    options.keepAliveMs = intOption(parser, QStringLiteral("keepalive-ms"), 0, &ok);
    options.tokens = intOption(parser, QStringLiteral("tokens"), 50, &ok);
    options.chunkTokens = intOption(parser, QStringLiteral("chunk-tokens"), 1, &ok);
    options.delayMs = intOption(parser, QStringLiteral("delay-ms"), 0, &ok);
    options.status = intOption(parser, QStringLiteral("status"), 200, &ok);
    options.reasoning = intOption(parser, QStringLiteral("reasoning"), 0, &ok);
    if (parser.isSet(QStringLiteral("token")))
        options.token = parser.value(QStringLiteral("token"));
    if (parser.isSet(QStringLiteral("body")))
        options.body = parser.value(QStringLiteral("body")).toUtf8();
    options.done = !parser.isSet(QStringLiteral("no-done"));
    options.repeat = !parser.isSet(QStringLiteral("no-repeat"));
    if (!ok)
        return 2;

    LoopbackLlmServer server(options.port);
    if (!server.isListening()) {
        std::fprintf(stderr, "keel-test-server: cannot listen: %s\n",
                     qPrintable(server.errorString()));
        return 1;
    }

    // Clients list models before chatting; answer that without consuming the script.
    server.setRoute("/v1/models",
                    Response::body(200, R"({"object":"list","data":[{"id":"loopback-model",)"
                                        R"("object":"model","owned_by":"keel-test-server"}]})"));
    if (parser.isSet(QStringLiteral("scenario"))) {
        QString error;
        const auto replies = loadScenario(parser.value(QStringLiteral("scenario")), &error);
        if (!replies) {
            std::fprintf(stderr, "keel-test-server: cannot use the scenario: %s\n",
                         qPrintable(error));
            return 2;
        }
        for (qsizetype i = 0; i + 1 < replies->size(); ++i)
            server.enqueue(replies->at(i));
        server.setDefault(replies->last());
    } else if (const Response script = buildScript(options); options.repeat) {
        server.setDefault(script);
    } else {
        server.enqueue(script);
        server.setDefault(Response::openAiError(503, QStringLiteral("script already served"),
                                                QStringLiteral("server_error")));
    }

    std::fprintf(stdout, "LISTENING %s\n", qPrintable(server.baseUrl()));
    std::fflush(stdout);
    return QCoreApplication::exec();
}
