// Checks the loopback server itself, with a raw QTcpSocket client (so framing, keep-alive and
// resets are visible byte for byte) and with QNetworkAccessManager (an independent HTTP stack).
#include "LoopbackLlmServer.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTcpSocket>
#include <QtTest>

#include <memory>

using keel::test::LoopbackLlmServer;
using keel::test::Response;
using keel::test::Step;

namespace {

struct HttpResponse {
    int status = 0;
    QList<QPair<QByteArray, QByteArray>> headers; // lower-cased names
    QByteArray body;
    QList<qsizetype> chunkSizes;
    bool complete = false;     // the framing said the body ended
    bool closedByPeer = false; // the socket closed while reading
    QAbstractSocket::SocketError error = QAbstractSocket::UnknownSocketError;

    QByteArray header(const QByteArray& name) const
    {
        for (const auto& [key, value] : headers) {
            if (key == name)
                return value;
        }
        return {};
    }
};

// A minimal HTTP/1.1 client reading incrementally, because the server runs on its own thread
// and blocking waits on this thread are therefore fine.
class RawClient {
public:
    bool connectTo(quint16 port)
    {
        m_socket.connectToHost(QHostAddress::LocalHost, port);
        return m_socket.waitForConnected(5000);
    }

    void send(const QByteArray& bytes)
    {
        m_socket.write(bytes);
        m_socket.flush();
    }

    void post(const QByteArray& path, const QByteArray& body, const QByteArray& extraHeaders = {})
    {
        send("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
             + extraHeaders + "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n"
             + body);
    }

    // Reads one response; stops when it is complete, the socket closed or the time ran out.
    HttpResponse readResponse(int timeoutMs = 5000)
    {
        HttpResponse response;
        m_phase = Phase::Head;
        QDeadlineTimer deadline(timeoutMs);
        for (;;) {
            if (parse(response)) {
                response.complete = true;
                return response;
            }
            if (m_socket.state() != QAbstractSocket::ConnectedState
                && m_socket.bytesAvailable() == 0) {
                response.closedByPeer = true;
                response.error = m_socket.error();
                if (m_phase == Phase::UntilClose)
                    response.complete = true;
                return response;
            }
            if (deadline.hasExpired())
                return response;
            if (m_socket.bytesAvailable() == 0)
                m_socket.waitForReadyRead(int(std::max<qint64>(1, deadline.remainingTime())));
            m_buffer.append(m_socket.readAll());
        }
    }

    // Reads raw bytes until `needle` shows up in everything read so far, or the time runs out.
    QByteArray readRawUntil(const QByteArray& needle, int timeoutMs = 5000)
    {
        QDeadlineTimer deadline(timeoutMs);
        while (!m_buffer.contains(needle) && !deadline.hasExpired()
               && m_socket.state() == QAbstractSocket::ConnectedState) {
            if (m_socket.bytesAvailable() == 0)
                m_socket.waitForReadyRead(int(std::max<qint64>(1, deadline.remainingTime())));
            m_buffer.append(m_socket.readAll());
        }
        m_buffer.append(m_socket.readAll());
        return m_buffer;
    }

    QTcpSocket& socket() { return m_socket; }

private:
    enum class Phase { Head, ChunkSize, ChunkData, ChunkEnd, Trailer, Length, UntilClose };

    bool parse(HttpResponse& response)
    {
        for (;;) {
            switch (m_phase) {
            case Phase::Head: {
                const qsizetype end = m_buffer.indexOf("\r\n\r\n");
                if (end < 0)
                    return false;
                const QList<QByteArray> lines = m_buffer.left(end).split('\n');
                m_buffer.remove(0, end + 4);
                response.status = lines.first().split(' ').value(1).toInt();
                response.headers.clear();
                for (qsizetype i = 1; i < lines.size(); ++i) {
                    const qsizetype colon = lines[i].indexOf(':');
                    response.headers.append({lines[i].left(colon).trimmed().toLower(),
                                             lines[i].mid(colon + 1).trimmed()});
                }
                if (response.status == 100)
                    continue; // interim response; the real one follows
                if (response.header("transfer-encoding") == "chunked") {
                    m_phase = Phase::ChunkSize;
                } else if (!response.header("content-length").isEmpty()) {
                    m_remaining = response.header("content-length").toLongLong();
                    m_phase = Phase::Length;
                } else {
                    m_phase = Phase::UntilClose;
                }
                break;
            }
            case Phase::ChunkSize: {
                const qsizetype end = m_buffer.indexOf("\r\n");
                if (end < 0)
                    return false;
                bool ok = false;
                m_remaining = m_buffer.left(end).toLongLong(&ok, 16);
                if (!ok)
                    qFatal("bad chunk size line: %s", m_buffer.left(end).constData());
                m_buffer.remove(0, end + 2);
                if (m_remaining == 0) {
                    m_phase = Phase::Trailer;
                } else {
                    response.chunkSizes.append(m_remaining);
                    m_phase = Phase::ChunkData;
                }
                break;
            }
            case Phase::ChunkData:
            case Phase::Length: {
                const qsizetype take = std::min(m_remaining, m_buffer.size());
                response.body.append(m_buffer.left(take));
                m_buffer.remove(0, take);
                m_remaining -= take;
                if (m_remaining > 0)
                    return false;
                if (m_phase == Phase::Length)
                    return true;
                m_phase = Phase::ChunkEnd;
                break;
            }
            case Phase::ChunkEnd:
            case Phase::Trailer:
                if (m_buffer.size() < 2)
                    return false;
                if (!m_buffer.startsWith("\r\n"))
                    qFatal("chunk not followed by CRLF");
                m_buffer.remove(0, 2);
                if (m_phase == Phase::Trailer)
                    return true;
                m_phase = Phase::ChunkSize;
                break;
            case Phase::UntilClose:
                response.body.append(m_buffer);
                m_buffer.clear();
                return false;
            }
        }
    }

    QTcpSocket m_socket;
    QByteArray m_buffer;
    Phase m_phase = Phase::Head;
    qsizetype m_remaining = 0;
};

QByteArray expectedStream(const QStringList& tokens)
{
    QByteArray stream;
    for (const QString& token : tokens)
        stream.append(LoopbackLlmServer::openAiChunk(token));
    stream.append(LoopbackLlmServer::openAiFinish(QStringLiteral("stop")));
    stream.append(LoopbackLlmServer::openAiUsage(5, int(tokens.size())));
    stream.append(LoopbackLlmServer::openAiDone());
    return stream;
}

// The JSON payloads of the "data:" events, [DONE] excluded.
QList<QJsonObject> dataObjects(const QByteArray& stream)
{
    QList<QJsonObject> objects;
    for (const QByteArray& event : stream.split('\n')) {
        if (!event.startsWith("data: ") || event == "data: [DONE]")
            continue;
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(event.mid(6), &error);
        if (error.error != QJsonParseError::NoError)
            qFatal("invalid JSON in event: %s", event.constData());
        objects.append(document.object());
    }
    return objects;
}

} // namespace

class LoopbackLlmServerTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void listensOnLoopback();
    void generatorsProduceValidOpenAiChunks();
    void normalStreamArrivesIntact();
    void smallChunksArriveSeparatelyFramed();
    void twoRequestsOnOneKeepAliveConnection();
    void requestSplitAcrossWritesIsLogged();
    void enqueuedResponsesAreServedInOrder();
    void holdWaitsForRelease();
    void abortResetsMidStream();
    void closeStepEndsWithoutTerminator();
    void keepAliveCommentsDuringSilence();
    void hangNeverAnswers();
    void connectionCloseIsHonoured();
    void closeAfterForcesNewConnection();
    void errorBodyHasContentLength();
    void expectContinueIsAnswered();
    void routeTakesPrecedenceOverQueue();
    void absoluteFormTargetIsServedAndRecorded();
    void networkAccessManagerReusesConnection();
    void largeStreamIsFast();
    void destructionWithBusyConnectionsDoesNotHang();
};

void LoopbackLlmServerTest::listensOnLoopback()
{
    LoopbackLlmServer server;
    QVERIFY2(server.isListening(), qPrintable(server.errorString()));
    QVERIFY(server.port() != 0);
    QCOMPARE(server.baseUrl(), QStringLiteral("http://127.0.0.1:%1/v1").arg(server.port()));
    QCOMPARE(server.connectionCount(), 0);
}

void LoopbackLlmServerTest::generatorsProduceValidOpenAiChunks()
{
    const QString tricky = QStringLiteral("quote \" backslash \\ newline \n tab \t ü 😀 </script>");
    const QByteArray chunk = LoopbackLlmServer::openAiChunk(tricky);
    QVERIFY(chunk.startsWith("data: {"));
    QVERIFY(chunk.endsWith("}\n\n"));
    QCOMPARE(chunk.count('\n'), 2); // the newline in the content is escaped
    const QList<QJsonObject> objects = dataObjects(chunk);
    QCOMPARE(objects.size(), 1);
    QCOMPARE(objects[0].value("object").toString(), QStringLiteral("chat.completion.chunk"));
    const QJsonObject choice = objects[0].value("choices").toArray().at(0).toObject();
    QCOMPARE(choice.value("index").toInt(-1), 0);
    QCOMPARE(choice.value("delta").toObject().value("content").toString(), tricky);

    const QJsonObject reasoning =
        dataObjects(LoopbackLlmServer::openAiReasoningChunk(QStringLiteral("hmm")))[0];
    QCOMPARE(reasoning["choices"][0]["delta"]["reasoning_content"].toString(),
             QStringLiteral("hmm"));

    const QJsonObject finish =
        dataObjects(LoopbackLlmServer::openAiFinish(QStringLiteral("length")))[0];
    QCOMPARE(finish["choices"][0]["finish_reason"].toString(), QStringLiteral("length"));
    QVERIFY(finish["choices"][0]["delta"].toObject().isEmpty());

    const QJsonObject usage = dataObjects(LoopbackLlmServer::openAiUsage(3, 4))[0];
    QVERIFY(usage["choices"].toArray().isEmpty());
    QCOMPARE(usage["usage"]["prompt_tokens"].toInt(), 3);
    QCOMPARE(usage["usage"]["completion_tokens"].toInt(), 4);
    QCOMPARE(usage["usage"]["total_tokens"].toInt(), 7);

    const QJsonObject tool = dataObjects(LoopbackLlmServer::openAiToolCallChunk(
        0, QStringLiteral("call_1"), QStringLiteral("get_time"), QStringLiteral("{\"tz\":")))[0];
    const QJsonObject call = tool["choices"][0]["delta"]["tool_calls"][0].toObject();
    QCOMPARE(call["id"].toString(), QStringLiteral("call_1"));
    QCOMPARE(call["function"]["name"].toString(), QStringLiteral("get_time"));
    QCOMPARE(call["function"]["arguments"].toString(), QStringLiteral("{\"tz\":"));

    QCOMPARE(LoopbackLlmServer::openAiDone(), QByteArray("data: [DONE]\n\n"));
}

void LoopbackLlmServerTest::normalStreamArrivesIntact()
{
    LoopbackLlmServer server;
    const QStringList tokens{QStringLiteral("Hel"), QStringLiteral("lo"),
                             QStringLiteral(", wörld \"x\"\n")};
    server.enqueue(Response::openAiStream(tokens));

    RawClient client;
    QVERIFY(client.connectTo(server.port()));
    client.post("/v1/chat/completions", R"({"model":"m","stream":true})");
    const HttpResponse response = client.readResponse();
    QVERIFY(response.complete);
    QCOMPARE(response.status, 200);
    QCOMPARE(response.header("content-type"), QByteArray("text/event-stream"));
    QCOMPARE(response.header("transfer-encoding"), QByteArray("chunked"));
    QCOMPARE(response.body, expectedStream(tokens));

    const QList<QJsonObject> objects = dataObjects(response.body);
    QCOMPARE(objects.size(), tokens.size() + 2);
    QString text;
    for (qsizetype i = 0; i < tokens.size(); ++i)
        text += objects[i]["choices"][0]["delta"]["content"].toString();
    QCOMPARE(text, tokens.join(QString()));
    QVERIFY(response.body.endsWith("data: [DONE]\n\n"));
}

void LoopbackLlmServerTest::smallChunksArriveSeparatelyFramed()
{
    LoopbackLlmServer server;
    const QStringList tokens{QStringLiteral("α"), QStringLiteral("β"), QStringLiteral("γ")};
    server.enqueue(Response::openAiStream(tokens, 7));

    RawClient client;
    QVERIFY(client.connectTo(server.port()));
    client.post("/v1/chat/completions", "{}");
    const HttpResponse response = client.readResponse();
    QVERIFY(response.complete);
    QCOMPARE(response.body, expectedStream(tokens));
    QVERIFY(response.chunkSizes.size() > 10);
    for (qsizetype size : response.chunkSizes)
        QVERIFY(size <= 7);
}

void LoopbackLlmServerTest::twoRequestsOnOneKeepAliveConnection()
{
    LoopbackLlmServer server;
    server.enqueue(Response::openAiStream({QStringLiteral("one")}));
    server.enqueue(Response::openAiStream({QStringLiteral("two")}));

    RawClient client;
    QVERIFY(client.connectTo(server.port()));
    client.post("/v1/chat/completions", R"({"n":1})");
    const HttpResponse first = client.readResponse();
    QVERIFY(first.complete);
    QCOMPARE(first.header("connection"), QByteArray("keep-alive"));
    client.post("/v1/chat/completions", R"({"n":2})");
    const HttpResponse second = client.readResponse();
    QVERIFY(second.complete);

    QCOMPARE(first.body, expectedStream({QStringLiteral("one")}));
    QCOMPARE(second.body, expectedStream({QStringLiteral("two")}));
    QCOMPARE(server.connectionCount(), 1);
    const auto requests = server.requests();
    QCOMPARE(requests.size(), 2);
    QCOMPARE(requests[0].connection, requests[1].connection);
    QCOMPARE(requests[1].jsonBody()["n"].toInt(), 2);

    // Pipelined: both requests in one write; the answers come back in order.
    server.enqueue(Response::openAiStream({QStringLiteral("three")}));
    server.enqueue(Response::openAiStream({QStringLiteral("four")}));
    client.send("POST /a HTTP/1.1\r\nContent-Length: 1\r\n\r\naPOST /b HTTP/1.1\r\n"
                "Content-Length: 1\r\n\r\nb");
    QCOMPARE(client.readResponse().body, expectedStream({QStringLiteral("three")}));
    QCOMPARE(client.readResponse().body, expectedStream({QStringLiteral("four")}));
    QCOMPARE(server.requests().at(3).path, QByteArray("/b"));
    QCOMPARE(server.connectionCount(), 1);
}

void LoopbackLlmServerTest::requestSplitAcrossWritesIsLogged()
{
    LoopbackLlmServer server;
    server.setDefault(Response::openAiStream({QStringLiteral("ok")}));

    const QByteArray body = R"({"model":"gpt","messages":[{"role":"user","content":"hi"}]})";
    const QByteArray request = "POST /v1/chat/completions?trace=1 HTTP/1.1\r\n"
                               "Host: 127.0.0.1\r\nAuthorization: Bearer sk-test\r\n"
                               "X-Custom-Header: Value With Case\r\n"
                               "Content-Length: "
                               + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    RawClient client;
    QVERIFY(client.connectTo(server.port()));
    // Byte runs that cut the request line, a header, the blank line and the body.
    for (qsizetype i = 0; i < request.size(); i += 9) {
        client.send(request.mid(i, 9));
        QTest::qWait(1);
    }
    QVERIFY(client.readResponse().complete);

    QVERIFY(server.waitForRequests(1, 1000));
    const auto logged = server.requests().first();
    QCOMPARE(logged.method, QByteArray("POST"));
    QCOMPARE(logged.path, QByteArray("/v1/chat/completions?trace=1"));
    QCOMPARE(logged.version, QByteArray("HTTP/1.1"));
    QCOMPARE(logged.header("authorization"), QByteArray("Bearer sk-test"));
    QCOMPARE(logged.header("x-custom-header"), QByteArray("Value With Case"));
    QCOMPARE(logged.body, body);
    QCOMPARE(logged.jsonBody()["model"].toString(), QStringLiteral("gpt"));

    // A chunked request body is decoded too.
    client.send("POST /chunked HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                "3\r\nabc\r\n");
    QTest::qWait(20);
    client.send("2\r\nde\r\n0\r\n\r\n");
    QVERIFY(client.readResponse().complete);
    QCOMPARE(server.requests().at(1).body, QByteArray("abcde"));
}

void LoopbackLlmServerTest::enqueuedResponsesAreServedInOrder()
{
    LoopbackLlmServer server;
    server.enqueue(Response::body(200, "first"));
    server.enqueue(Response::body(201, "second"));
    server.setDefault(Response::body(202, "default"));

    RawClient client;
    QVERIFY(client.connectTo(server.port()));
    const QList<QPair<int, QByteArray>> expected{
        {200, "first"}, {201, "second"}, {202, "default"}, {202, "default"}};
    for (const auto& [status, body] : expected) {
        client.post("/v1/x", "{}");
        const HttpResponse response = client.readResponse();
        QVERIFY(response.complete);
        QCOMPARE(response.status, status);
        QCOMPARE(response.body, body);
    }

    // Without a queue or a default the server says so instead of hanging.
    LoopbackLlmServer empty;
    RawClient other;
    QVERIFY(other.connectTo(empty.port()));
    other.post("/v1/x", "{}");
    const HttpResponse unscripted = other.readResponse();
    QCOMPARE(unscripted.status, 500);
    QVERIFY(unscripted.body.contains("no scripted response"));
}

void LoopbackLlmServerTest::holdWaitsForRelease()
{
    LoopbackLlmServer server;
    server.enqueue(Response::sse({Step::send(LoopbackLlmServer::openAiChunk("before")),
                                  Step::hold(QStringLiteral("gate")),
                                  Step::send(LoopbackLlmServer::openAiChunk("after")),
                                  Step::send(LoopbackLlmServer::openAiDone())}));

    RawClient client;
    QVERIFY(client.connectTo(server.port()));
    client.post("/v1/chat/completions", "{}");
    QVERIFY(client.readRawUntil("before").contains("before"));
    QVERIFY(server.waitForHold(QStringLiteral("gate"), 2000));
    QCOMPARE(server.holdsReached(QStringLiteral("gate")), 1);
    QVERIFY(!client.readRawUntil("after", 200).contains("after"));

    server.release(QStringLiteral("gate"));
    const HttpResponse response = client.readResponse();
    QVERIFY(response.complete);
    QVERIFY(response.body.contains("after"));
    QVERIFY(response.body.endsWith(LoopbackLlmServer::openAiDone()));
}

void LoopbackLlmServerTest::abortResetsMidStream()
{
    LoopbackLlmServer server;
    server.enqueue(
        Response::sse({Step::send(LoopbackLlmServer::openAiChunk("partial")), Step::delay(50),
                       Step::abort(), Step::send(LoopbackLlmServer::openAiDone())}));

    RawClient client;
    QVERIFY(client.connectTo(server.port()));
    client.post("/v1/chat/completions", "{}");
    const HttpResponse response = client.readResponse();
    QVERIFY(!response.complete);
    QVERIFY(response.closedByPeer);
    QCOMPARE(response.body, LoopbackLlmServer::openAiChunk("partial"));
    QCOMPARE(response.error, QAbstractSocket::RemoteHostClosedError);
    QTRY_COMPARE(server.openConnectionCount(), 0);
}

void LoopbackLlmServerTest::closeStepEndsWithoutTerminator()
{
    LoopbackLlmServer server;
    server.enqueue(Response::sse({Step::send("data: x\n\n"), Step::close()}));
    RawClient client;
    QVERIFY(client.connectTo(server.port()));
    client.post("/v1/chat/completions", "{}");
    const HttpResponse response = client.readResponse();
    QVERIFY(!response.complete); // no 0-length chunk
    QVERIFY(response.closedByPeer);
    QCOMPARE(response.body, QByteArray("data: x\n\n"));
}

void LoopbackLlmServerTest::keepAliveCommentsDuringSilence()
{
    LoopbackLlmServer server;
    server.enqueue(Response::sse({Step::sendHeaders(), Step::keepAlive(600, 100),
                                  Step::send(LoopbackLlmServer::openAiChunk("late")),
                                  Step::send(LoopbackLlmServer::openAiDone())}));

    RawClient client;
    QVERIFY(client.connectTo(server.port()));
    QElapsedTimer clock;
    clock.start();
    client.post("/v1/chat/completions", "{}");
    const HttpResponse response = client.readResponse();
    QVERIFY(response.complete);
    QVERIFY2(clock.elapsed() >= 550, qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(response.body.count(": keep-alive\n\n"), 6);
    QVERIFY(response.body.startsWith(": keep-alive\n\n"));
    QVERIFY(response.body.indexOf("late") > response.body.lastIndexOf(": keep-alive"));
    // Each comment is its own flushed chunk, not one burst at the end.
    QVERIFY(response.chunkSizes.size() >= 8);
}

void LoopbackLlmServerTest::hangNeverAnswers()
{
    LoopbackLlmServer server;
    server.enqueue(Response::sse({Step::hang()}));
    RawClient client;
    QVERIFY(client.connectTo(server.port()));
    client.post("/v1/chat/completions", "{}");
    QVERIFY(server.waitForRequests(1, 2000));
    QVERIFY(client.readRawUntil("HTTP", 300).isEmpty());
    QCOMPARE(client.socket().state(), QAbstractSocket::ConnectedState);
    QCOMPARE(server.openConnectionCount(), 1);
}

void LoopbackLlmServerTest::connectionCloseIsHonoured()
{
    LoopbackLlmServer server;
    server.setDefault(Response::openAiStream({QStringLiteral("bye")}));
    RawClient client;
    QVERIFY(client.connectTo(server.port()));
    client.post("/v1/chat/completions", "{}", "Connection: close\r\n");
    const HttpResponse response = client.readResponse();
    QVERIFY(response.complete);
    QCOMPARE(response.header("connection"), QByteArray("close"));
    QTRY_COMPARE(client.socket().state(), QAbstractSocket::UnconnectedState);
}

void LoopbackLlmServerTest::closeAfterForcesNewConnection()
{
    LoopbackLlmServer server;
    Response closing = Response::openAiStream({QStringLiteral("a")});
    closing.closeAfter = true;
    server.enqueue(closing);
    server.enqueue(Response::openAiStream({QStringLiteral("b")}));

    RawClient first;
    QVERIFY(first.connectTo(server.port()));
    first.post("/v1/chat/completions", "{}");
    QVERIFY(first.readResponse().complete);
    QTRY_COMPARE(first.socket().state(), QAbstractSocket::UnconnectedState);

    RawClient second;
    QVERIFY(second.connectTo(server.port()));
    second.post("/v1/chat/completions", "{}");
    QCOMPARE(second.readResponse().body, expectedStream({QStringLiteral("b")}));
    QCOMPARE(server.connectionCount(), 2);
    QCOMPARE(server.requests().at(1).connection, 2);

    // Non-chunked and close-delimited: the body ends with the connection.
    LoopbackLlmServer other;
    Response delimited = Response::body(200, "until close", "text/plain");
    delimited.closeDelimited = true;
    other.enqueue(delimited);
    RawClient third;
    QVERIFY(third.connectTo(other.port()));
    third.post("/x", "{}");
    const HttpResponse response = third.readResponse();
    QVERIFY(response.complete);
    QVERIFY(response.header("content-length").isEmpty());
    QCOMPARE(response.body, QByteArray("until close"));
}

void LoopbackLlmServerTest::errorBodyHasContentLength()
{
    LoopbackLlmServer server;
    Response limited = Response::openAiError(429, QStringLiteral("slow down"),
                                             QStringLiteral("rate_limit_exceeded"));
    limited.headers.append(qMakePair(QByteArray("Retry-After"), QByteArray("2")));
    server.enqueue(limited);
    server.enqueue(Response::openAiStream({QStringLiteral("after error")}));

    RawClient client;
    QVERIFY(client.connectTo(server.port()));
    client.post("/v1/chat/completions", "{}");
    const HttpResponse response = client.readResponse();
    QVERIFY(response.complete);
    QCOMPARE(response.status, 429);
    QCOMPARE(response.header("retry-after"), QByteArray("2"));
    QCOMPARE(response.header("content-type"), QByteArray("application/json"));
    QCOMPARE(response.header("content-length").toInt(), response.body.size());
    const QJsonObject error = QJsonDocument::fromJson(response.body).object()["error"].toObject();
    QCOMPARE(error["message"].toString(), QStringLiteral("slow down"));
    QCOMPARE(error["type"].toString(), QStringLiteral("rate_limit_exceeded"));

    // The connection stays usable after an error with a length.
    client.post("/v1/chat/completions", "{}");
    QCOMPARE(client.readResponse().body, expectedStream({QStringLiteral("after error")}));
    QCOMPARE(server.connectionCount(), 1);
}

void LoopbackLlmServerTest::expectContinueIsAnswered()
{
    LoopbackLlmServer server;
    server.setDefault(Response::body(200, "{}"));
    RawClient client;
    QVERIFY(client.connectTo(server.port()));
    client.send("POST /v1/chat/completions HTTP/1.1\r\nExpect: 100-continue\r\n"
                "Content-Length: 4\r\n\r\n");
    QVERIFY(client.readRawUntil("100 Continue", 2000).startsWith("HTTP/1.1 100 Continue\r\n\r\n"));
    client.send("body");
    const HttpResponse response = client.readResponse();
    QVERIFY(response.complete);
    QCOMPARE(response.status, 200);
    QCOMPARE(server.requests().first().body, QByteArray("body"));
}

void LoopbackLlmServerTest::routeTakesPrecedenceOverQueue()
{
    LoopbackLlmServer server;
    server.setRoute("/v1/models", Response::body(200, R"({"data":[]})"));
    server.enqueue(Response::openAiStream({QStringLiteral("chat")}));
    RawClient client;
    QVERIFY(client.connectTo(server.port()));
    client.send("GET /v1/models?x=1 HTTP/1.1\r\nHost: h\r\n\r\n");
    QCOMPARE(client.readResponse().body, QByteArray(R"({"data":[]})"));
    client.post("/v1/chat/completions", "{}");
    QCOMPARE(client.readResponse().body, expectedStream({QStringLiteral("chat")}));
    QCOMPARE(server.requests().first().method, QByteArray("GET"));
}

void LoopbackLlmServerTest::absoluteFormTargetIsServedAndRecorded()
{
    // What a client sends to an HTTP proxy: the whole URL as target, plus proxy headers.
    LoopbackLlmServer server;
    server.setRoute("/v1/models", Response::body(200, R"({"data":[]})"));
    server.enqueue(Response::openAiStream({QStringLiteral("proxied")}));
    RawClient client;
    QVERIFY(client.connectTo(server.port()));
    client.send("GET http://host.invalid:8080/v1/models?x=1 HTTP/1.1\r\nHost: host.invalid:8080"
                "\r\nProxy-Authorization: Basic dTpw\r\n\r\n");
    QCOMPARE(client.readResponse().body, QByteArray(R"({"data":[]})"));
    client.post("http://host.invalid/v1/chat/completions", "{}");
    QCOMPARE(client.readResponse().body, expectedStream({QStringLiteral("proxied")}));
    client.post("/v1/chat/completions", "{}");   // the origin form still works alongside
    QCOMPARE(client.readResponse().status, 500); // nothing scripted for it

    const QList<keel::test::ReceivedRequest> requests = server.requests();
    QCOMPARE(requests.size(), 3);
    QCOMPARE(requests[0].target, QByteArray("http://host.invalid:8080/v1/models?x=1"));
    QCOMPARE(requests[0].path, QByteArray("/v1/models?x=1"));
    QVERIFY(requests[0].viaProxy());
    QCOMPARE(requests[0].header("proxy-authorization"), QByteArray("Basic dTpw"));
    QCOMPARE(requests[1].target, QByteArray("http://host.invalid/v1/chat/completions"));
    QCOMPARE(requests[1].path, QByteArray("/v1/chat/completions"));
    QVERIFY(requests[1].viaProxy());
    QCOMPARE(requests[2].target, QByteArray("/v1/chat/completions"));
    QCOMPARE(requests[2].path, requests[2].target);
    QVERIFY(!requests[2].viaProxy());
}

void LoopbackLlmServerTest::networkAccessManagerReusesConnection()
{
    LoopbackLlmServer server;
    const QStringList tokens{QStringLiteral("via"), QStringLiteral(" QNAM")};
    server.setDefault(Response::openAiStream(tokens, 5));

    QNetworkAccessManager manager;
    for (int i = 0; i < 2; ++i) {
        QNetworkRequest request(QUrl(server.baseUrl() + QStringLiteral("/chat/completions")));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        request.setRawHeader("Authorization", "Bearer secret");
        std::unique_ptr<QNetworkReply> reply(manager.post(request, R"({"stream":true})"));
        QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 5000);
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        QCOMPARE(reply->readAll(), expectedStream(tokens));
    }
    QCOMPARE(server.requestCount(), 2);
    QCOMPARE(server.connectionCount(), 1);
    QCOMPARE(server.requests().at(0).path, QByteArray("/v1/chat/completions"));
    QCOMPARE(server.requests().at(0).header("authorization"), QByteArray("Bearer secret"));
}

void LoopbackLlmServerTest::largeStreamIsFast()
{
    LoopbackLlmServer server;
    QStringList tokens;
    tokens.reserve(100000);
    for (int i = 0; i < 100000; ++i)
        tokens.append(QStringLiteral("t%1 ").arg(i));
    QElapsedTimer clock;
    clock.start();
    server.enqueue(Response::openAiStream(tokens));
    const qint64 buildMs = clock.restart();

    RawClient client;
    QVERIFY(client.connectTo(server.port()));
    client.post("/v1/chat/completions", "{}");
    const HttpResponse response = client.readResponse(30000);
    const qint64 streamMs = clock.elapsed();
    QVERIFY(response.complete);
    QCOMPARE(response.body.size(), expectedStream(tokens).size());
    QVERIFY(response.body.endsWith(LoopbackLlmServer::openAiDone()));
    qInfo("100000 tokens, %lld bytes: built in %lld ms, streamed in %lld ms",
          qlonglong(response.body.size()), buildMs, streamMs);
}

void LoopbackLlmServerTest::destructionWithBusyConnectionsDoesNotHang()
{
    QElapsedTimer clock;
    clock.start();
    RawClient held;
    RawClient hung;
    RawClient slow;
    {
        LoopbackLlmServer server;
        server.enqueue(Response::sse({Step::send("x"), Step::hold(QStringLiteral("never"))}));
        server.enqueue(Response::sse({Step::hang()}));
        server.enqueue(Response::sse({Step::keepAlive(60000, 10)}));
        int sent = 0;
        for (RawClient* client : {&held, &hung, &slow}) {
            QVERIFY(client->connectTo(server.port()));
            client->post("/v1/chat/completions", "{}");
            // One at a time, so each takes the script queued for it.
            QVERIFY(server.waitForRequests(++sent, 2000));
        }
        QVERIFY(server.waitForHold(QStringLiteral("never"), 2000));
    }
    QVERIFY(clock.elapsed() < 3000);
    QTRY_COMPARE(held.socket().state(), QAbstractSocket::UnconnectedState);
    QTRY_COMPARE(hung.socket().state(), QAbstractSocket::UnconnectedState);
}

QTEST_GUILESS_MAIN(LoopbackLlmServerTest)
#include "LoopbackLlmServerTest.moc"
