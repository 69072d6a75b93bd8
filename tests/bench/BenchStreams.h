// BenchStreams: the replies keel-bench's loopback server streams (OpenAI Chat Completions SSE):
// as fast as the socket takes them, or paced (so many tokens every so many milliseconds), with
// the sizes the figures are divided by.
#pragma once

#include "LoopbackLlmServer.h"

#include <QStringList>

namespace keel::bench {

struct BenchStream {
    test::Response response;
    int tokens = 0;
    qint64 bodyBytes = 0; // the SSE body, as a client reads it
    qint64 textChars = 0; // the reply's text (UTF-16 units = bytes: it is ASCII)
};

// Words with a paragraph break every 40 tokens, as real replies have.
inline QStringList benchTokens(int count)
{
    QStringList tokens;
    tokens.reserve(count);
    for (int i = 0; i < count; ++i) {
        tokens << QStringLiteral("w%1 ").arg(i % 997);
        if (i % 40 == 39)
            tokens.back() += QStringLiteral("\n\n");
    }
    return tokens;
}

inline qint64 textLength(const QStringList& tokens)
{
    qint64 chars = 0;
    for (const QString& token : tokens)
        chars += token.size();
    return chars;
}

inline qint64 bodyLength(const test::Response& response)
{
    qint64 bytes = 0;
    for (const test::Step& step : response.steps)
        bytes += step.kind == test::Step::Kind::Send ? step.bytes.size() : 0;
    return bytes;
}

// Everything at once, written in flushed 16 KiB pieces.
inline BenchStream fastStream(int tokenCount)
{
    const QStringList tokens = benchTokens(tokenCount);
    BenchStream stream{test::Response::openAiStream(tokens, 16384), tokenCount, 0,
                       textLength(tokens)};
    stream.bodyBytes = bodyLength(stream.response);
    return stream;
}

// perWrite tokens every intervalMs (the server's timers are precise), headers first.
inline BenchStream pacedStream(int tokenCount, int perWrite, int intervalMs)
{
    using test::LoopbackLlmServer;
    using test::Step;
    const QStringList tokens = benchTokens(tokenCount);
    std::vector<Step> steps{Step::sendHeaders()};
    for (int i = 0; i < tokenCount; i += perWrite) {
        if (i > 0)
            steps.push_back(Step::delay(intervalMs));
        QByteArray write;
        for (int j = i; j < std::min(tokenCount, i + perWrite); ++j)
            write.append(LoopbackLlmServer::openAiChunk(tokens[j]));
        steps.push_back(Step::send(std::move(write)));
    }
    QByteArray tail = LoopbackLlmServer::openAiFinish(QStringLiteral("stop"));
    tail.append(LoopbackLlmServer::openAiUsage(5, tokenCount));
    tail.append(LoopbackLlmServer::openAiDone());
    steps.push_back(Step::send(std::move(tail)));
    BenchStream stream{test::Response::sse(std::move(steps)), tokenCount, 0, textLength(tokens)};
    stream.bodyBytes = bodyLength(stream.response);
    return stream;
}

// A server that streams `stream` to every chat request and lists one model.
inline void serve(test::LoopbackLlmServer& server, const BenchStream& stream)
{
    server.setRoute("/v1/models",
                    test::Response::body(200, R"({"object":"list","data":[{"id":"bench-model",)"
                                              R"("object":"model","owned_by":"keel-bench"}]})"));
    server.setDefault(stream.response);
}

} // namespace keel::bench
