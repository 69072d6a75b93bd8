// LoopbackLlmServer: see the header. Everything below ServerWorker runs on the server thread;
// the public methods of LoopbackLlmServer run on the test thread and touch only SharedState
// (under its mutex) or post work to the worker.
#include "LoopbackLlmServer.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QHash>
#include <QHostAddress>
#include <QJsonDocument>
#include <QMutex>
#include <QMutexLocker>
#include <QSet>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>
#include <deque>
#include <future>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <sys/socket.h>

namespace keel::test {

namespace {

// Bodies are written in pieces of at most this size, and no more is queued in the socket while
// this much is still unsent: a slow client then costs a bounded amount of memory, and a fast one
// still gets large writes.
constexpr qsizetype kMaxPiece = 64 * 1024;
constexpr qsizetype kHighWater = 1024 * 1024;
// A request head larger than this is answered with 431 rather than buffered forever.
constexpr qsizetype kMaxHeadSize = 1024 * 1024;

const QByteArray kKeepAliveComment = QByteArrayLiteral(": keep-alive\n\n");

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 100:
        return "Continue";
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 204:
        return "No Content";
    case 301:
        return "Moved Permanently";
    case 302:
        return "Found";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 408:
        return "Request Timeout";
    case 413:
        return "Payload Too Large";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    default:
        return "Status";
    }
}

bool hasHeader(const HeaderList& headers, const QByteArray& lowerCaseName)
{
    return std::any_of(headers.begin(), headers.end(),
                       [&](const auto& header) { return header.first.toLower() == lowerCaseName; });
}

// "http://host:1/v1/x?y" -> "/v1/x?y"; an origin-form target is returned as it is.
QByteArray originForm(const QByteArray& target)
{
    const qsizetype schemeEnd = target.indexOf("://");
    if (schemeEnd <= 0 || target.left(schemeEnd).contains('/'))
        return target;
    const qsizetype pathStart = target.indexOf('/', schemeEnd + 3);
    const qsizetype queryStart = target.indexOf('?', schemeEnd + 3);
    if (pathStart < 0 || (queryStart >= 0 && queryStart < pathStart))
        return queryStart < 0 ? QByteArray("/") : "/" + target.mid(queryStart);
    return target.mid(pathStart);
}

bool headerHasToken(const QByteArray& value, const QByteArray& token)
{
    const QList<QByteArray> parts = value.split(',');
    return std::any_of(parts.begin(), parts.end(),
                       [&](const QByteArray& part) { return part.trimmed().toLower() == token; });
}

// Chunk objects share everything but the delta, so the fixed parts are spliced around the one
// JSON value that changes: this keeps a 100,000-token stream cheap to build for the benches.
const char* const kChunkPrefix = "data: {\"id\":\"chatcmpl-loopback\",\"object\":"
                                 "\"chat.completion.chunk\",\"created\":1700000000,"
                                 "\"model\":\"loopback-model\",";

// Invalid UTF-8 cannot come from a QString, but replacing beats throwing inside a test server.
QByteArray dumpJson(const nlohmann::ordered_json& value)
{
    const std::string dumped =
        value.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    return QByteArray(dumped.data(), qsizetype(dumped.size()));
}

QByteArray jsonString(const QString& text)
{
    return dumpJson(nlohmann::ordered_json(text.toStdString()));
}

QByteArray dataLine(const nlohmann::ordered_json& object)
{
    return QByteArray("data: ").append(dumpJson(object)).append("\n\n");
}

nlohmann::ordered_json chunkObject()
{
    // Ordered like real servers' output, which makes captured streams easier to read.
    return nlohmann::ordered_json{{"id", "chatcmpl-loopback"},
                                  {"object", "chat.completion.chunk"},
                                  {"created", 1700000000},
                                  {"model", "loopback-model"}};
}

} // namespace

// ---------------------------------------------------------------------------------------------
// Steps, responses, requests

Step Step::send(QByteArray bytes, int chunkSize)
{
    Step step;
    step.kind = Kind::Send;
    step.bytes = std::move(bytes);
    step.chunkSize = std::max(0, chunkSize);
    return step;
}

Step Step::delay(int ms)
{
    Step step;
    step.kind = Kind::Delay;
    step.ms = std::max(0, ms);
    return step;
}

Step Step::keepAlive(int totalMs, int everyMs)
{
    Step step;
    step.kind = Kind::KeepAlive;
    step.ms = std::max(0, totalMs);
    step.everyMs = std::max(0, everyMs);
    return step;
}

Step Step::hold(const QString& name)
{
    Step step;
    step.kind = Kind::Hold;
    step.name = name;
    return step;
}

Step Step::sendHeaders()
{
    Step step;
    step.kind = Kind::SendHeaders;
    return step;
}

Step Step::close()
{
    Step step;
    step.kind = Kind::Close;
    return step;
}

Step Step::abort()
{
    Step step;
    step.kind = Kind::Abort;
    return step;
}

Step Step::hang()
{
    Step step;
    step.kind = Kind::Hang;
    return step;
}

Response Response::sse(std::vector<Step> steps)
{
    Response response;
    response.steps = std::move(steps);
    return response;
}

Response Response::body(int status, QByteArray bytes, QByteArray contentType)
{
    Response response;
    response.status = status;
    response.contentType = std::move(contentType);
    response.chunkedEncoding = false;
    response.steps.push_back(Step::send(std::move(bytes)));
    return response;
}

Response Response::openAiError(int status, const QString& message, const QString& type)
{
    const nlohmann::ordered_json error = {
        {"error",
         {{"message", message.toStdString()}, {"type", type.toStdString()}, {"code", nullptr}}}};
    return body(status, dumpJson(error));
}

Response Response::rawBytes(std::vector<Step> steps)
{
    Response response;
    response.raw = true;
    response.chunkedEncoding = false;
    response.steps = std::move(steps);
    return response;
}

Response Response::openAiStream(const QStringList& tokens, int chunkSize)
{
    QByteArray stream;
    stream.reserve(qsizetype(tokens.size()) * 180 + 512);
    for (const QString& token : tokens)
        stream.append(LoopbackLlmServer::openAiChunk(token));
    stream.append(LoopbackLlmServer::openAiFinish(QStringLiteral("stop")));
    stream.append(LoopbackLlmServer::openAiUsage(5, int(tokens.size())));
    stream.append(LoopbackLlmServer::openAiDone());
    return sse({Step::send(std::move(stream), chunkSize)});
}

QByteArray ReceivedRequest::header(const QByteArray& lowerCaseName) const
{
    for (const auto& [name, value] : headers) {
        if (name == lowerCaseName)
            return value;
    }
    return {};
}

QJsonObject ReceivedRequest::jsonBody() const
{
    return QJsonDocument::fromJson(body).object();
}

bool ReceivedRequest::viaProxy() const
{
    return target.contains("://");
}

// ---------------------------------------------------------------------------------------------
// Server-thread machinery

namespace detail {

struct SharedState {
    mutable QMutex mutex;
    std::deque<Response> queue;
    std::optional<Response> defaultResponse;
    QHash<QByteArray, Response> routes;
    QList<ReceivedRequest> requests;
    QSet<QString> released;
    QHash<QString, int> holdsReached;
    int connections = 0;
    int openConnections = 0;
    bool shuttingDown = false;
};

class ServerWorker;

// One accepted socket: parses requests one after another and plays the chosen script.
class Connection : public QObject {
public:
    Connection(ServerWorker* worker, QTcpSocket* socket, int serial);

    void releaseHold(const QString& name);
    void shutdown();

private:
    enum class Wait { None, Timer, Hold, Drain, Hung, Closed };

    void onReadyRead();
    void onBytesWritten();
    void onTimer();
    void parseRequests();
    bool parseOne(); // false when more input is needed or the connection was closed
    void failRequest(int status);
    void startResponse(Response response, bool closeAfter);
    void pump();
    bool runSend(const Step& step);
    bool runAbort();
    void scheduleKeepAlive();
    void finishResponse();
    void writeHead();
    void writeBody(const char* data, qsizetype size);
    bool connected() const;

    ServerWorker* m_worker;
    QTcpSocket* m_socket;
    int m_serial;
    QTimer m_timer;
    QByteArray m_in;
    bool m_continueSent = false; // "100 Continue" already sent for the request being read

    bool m_busy = false;
    Response m_response;
    std::size_t m_stepIndex = 0;
    qsizetype m_sendOffset = 0;
    bool m_headWritten = false;
    bool m_closeAtEnd = false;
    qint64 m_contentLength = 0;
    Wait m_wait = Wait::None;
    QElapsedTimer m_stepClock; // KeepAlive: time since the step began
    int m_keepAliveTicks = 0;
    bool m_keepAliveEnding = false;
};

class ServerWorker : public QObject {
public:
    ServerWorker(std::shared_ptr<SharedState> shared, LoopbackLlmServer* notifyTarget)
        : m_shared(std::move(shared))
        , m_notifyTarget(notifyTarget)
    {
    }

    quint16 listen(quint16 port, QString* error)
    {
        m_server = new QTcpServer(this);
        // Tests may open many connections at once; never let the backlog refuse them.
        m_server->setMaxPendingConnections(1000);
        connect(m_server, &QTcpServer::newConnection, this, [this] { acceptPending(); });
        if (!m_server->listen(QHostAddress::LocalHost, port)) {
            *error = m_server->errorString();
            return 0;
        }
        return m_server->serverPort();
    }

    void shutdown()
    {
        {
            QMutexLocker lock(&m_shared->mutex);
            m_shared->shuttingDown = true;
        }
        delete m_server;
        m_server = nullptr;
        const QList<Connection*> connections = m_connections;
        m_connections.clear();
        for (Connection* connection : connections) {
            connection->shutdown();
            delete connection;
        }
    }

    void releaseHold(const QString& name)
    {
        const QList<Connection*> connections = m_connections;
        for (Connection* connection : connections) {
            if (m_connections.contains(connection))
                connection->releaseHold(name);
        }
    }

    void forget(Connection* connection) { m_connections.removeOne(connection); }

    SharedState& shared() { return *m_shared; }

    void notify()
    {
        {
            QMutexLocker lock(&m_shared->mutex);
            if (m_shared->shuttingDown)
                return;
        }
        // Emitting another thread's object's signal is thread-safe; receivers on the test
        // thread get it queued.
        Q_EMIT m_notifyTarget->stateChanged();
    }

private:
    void acceptPending()
    {
        while (m_server && m_server->hasPendingConnections()) {
            QTcpSocket* socket = m_server->nextPendingConnection();
            int serial = 0;
            {
                QMutexLocker lock(&m_shared->mutex);
                serial = ++m_shared->connections;
                ++m_shared->openConnections;
            }
            m_connections.append(new Connection(this, socket, serial));
            notify();
        }
    }

    std::shared_ptr<SharedState> m_shared;
    LoopbackLlmServer* m_notifyTarget;
    QTcpServer* m_server = nullptr;
    QList<Connection*> m_connections;
};

Connection::Connection(ServerWorker* worker, QTcpSocket* socket, int serial)
    : QObject(worker)
    , m_worker(worker)
    , m_socket(socket)
    , m_serial(serial)
{
    m_socket->setParent(this);
    // Pieces a script asks to flush separately must leave as separate segments, not wait for
    // Nagle to merge them.
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, [this] { onTimer(); });
    connect(m_socket, &QTcpSocket::readyRead, this, [this] { onReadyRead(); });
    connect(m_socket, &QTcpSocket::bytesWritten, this, [this] { onBytesWritten(); });
    connect(m_socket, &QTcpSocket::disconnected, this, [this] {
        m_timer.stop();
        m_wait = Wait::Closed;
        {
            QMutexLocker lock(&m_worker->shared().mutex);
            --m_worker->shared().openConnections;
        }
        m_worker->forget(this);
        m_worker->notify();
        // Deferred: this may run inside a write or flush further up the stack.
        deleteLater();
    });
    if (m_socket->bytesAvailable() > 0)
        onReadyRead();
}

bool Connection::connected() const
{
    return m_wait != Wait::Closed && m_socket->state() == QAbstractSocket::ConnectedState;
}

void Connection::shutdown()
{
    m_timer.stop();
    m_wait = Wait::Closed;
    m_socket->disconnect(this);
    m_socket->abort();
}

void Connection::onReadyRead()
{
    m_in.append(m_socket->readAll());
    if (!m_busy && m_wait != Wait::Hung && m_wait != Wait::Closed)
        parseRequests();
}

void Connection::parseRequests()
{
    while (!m_busy && connected() && parseOne()) {
    }
}

bool Connection::parseOne()
{
    // RFC 9112 allows (and some clients send) empty lines before a request line.
    while (m_in.startsWith("\r\n"))
        m_in.remove(0, 2);
    const qsizetype headEnd = m_in.indexOf("\r\n\r\n");
    if (headEnd < 0) {
        if (m_in.size() > kMaxHeadSize)
            failRequest(431);
        return false;
    }

    const QList<QByteArray> lines = m_in.left(headEnd).split('\n');
    const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
    if (requestLine.size() != 3 || !requestLine[2].startsWith("HTTP/1.")) {
        failRequest(400);
        return false;
    }
    ReceivedRequest request;
    request.method = requestLine[0];
    request.target = requestLine[1];
    request.path = originForm(request.target);
    request.version = requestLine[2];
    request.connection = m_serial;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0) {
            failRequest(400);
            return false;
        }
        request.headers.append(
            {line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed()});
    }

    const qsizetype bodyStart = headEnd + 4;
    qsizetype consumed = 0;
    const bool chunkedBody = headerHasToken(request.header("transfer-encoding"), "chunked");
    if (chunkedBody) {
        // Re-parsed from the start on every read: request bodies in tests are small.
        qsizetype pos = bodyStart;
        QByteArray body;
        for (;;) {
            const qsizetype lineEnd = m_in.indexOf("\r\n", pos);
            if (lineEnd < 0)
                break;
            const QByteArray sizeField = m_in.mid(pos, lineEnd - pos).split(';').first().trimmed();
            bool ok = false;
            const qsizetype size = sizeField.toLongLong(&ok, 16);
            if (!ok || size < 0) {
                failRequest(400);
                return false;
            }
            if (size == 0) {
                // Skip trailers up to the empty line that ends the message.
                const qsizetype end = m_in.indexOf("\r\n\r\n", lineEnd);
                if (m_in.mid(lineEnd, 4) == "\r\n\r\n")
                    consumed = lineEnd + 4;
                else if (end >= 0)
                    consumed = end + 4;
                break;
            }
            if (m_in.size() < lineEnd + 2 + size + 2)
                break;
            body.append(m_in.mid(lineEnd + 2, size));
            pos = lineEnd + 2 + size + 2;
        }
        if (consumed > 0)
            request.body = body;
    } else {
        bool ok = true;
        const QByteArray lengthField = request.header("content-length");
        const qsizetype length = lengthField.isEmpty() ? 0 : lengthField.toLongLong(&ok);
        if (!ok || length < 0) {
            failRequest(400);
            return false;
        }
        if (m_in.size() >= bodyStart + length) {
            request.body = m_in.mid(bodyStart, length);
            consumed = bodyStart + length;
        }
    }

    if (consumed == 0) {
        // Clients that ask for it wait (curl: up to a second) before sending the body.
        if (!m_continueSent && headerHasToken(request.header("expect"), "100-continue")) {
            m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
            m_continueSent = true;
        }
        return false;
    }
    m_in.remove(0, consumed);
    m_continueSent = false;

    const QByteArray connectionHeader = request.header("connection");
    const bool clientCloses =
        headerHasToken(connectionHeader, "close")
        || (request.version == "HTTP/1.0" && !headerHasToken(connectionHeader, "keep-alive"));

    Response response;
    {
        SharedState& shared = m_worker->shared();
        QMutexLocker lock(&shared.mutex);
        const QByteArray routePath = request.path.split('?').first();
        if (shared.routes.contains(routePath)) {
            response = shared.routes.value(routePath);
        } else if (!shared.queue.empty()) {
            response = std::move(shared.queue.front());
            shared.queue.pop_front();
        } else if (shared.defaultResponse) {
            response = *shared.defaultResponse;
        } else {
            response = Response::openAiError(
                500, QStringLiteral("LoopbackLlmServer: no scripted response for this request"),
                QStringLiteral("server_error"));
        }
        shared.requests.append(request);
    }
    m_worker->notify();
    startResponse(std::move(response), clientCloses);
    return true;
}

void Connection::failRequest(int status)
{
    Response response = Response::body(status, reasonPhrase(status), "text/plain");
    m_in.clear();
    startResponse(std::move(response), true);
}

void Connection::startResponse(Response response, bool closeAfter)
{
    m_response = std::move(response);
    m_busy = true;
    m_stepIndex = 0;
    m_sendOffset = 0;
    m_headWritten = false;
    m_wait = Wait::None;
    m_closeAtEnd = closeAfter || m_response.closeAfter || m_response.raw
                   || (!m_response.chunkedEncoding && m_response.closeDelimited);
    m_contentLength = 0;
    for (const Step& step : m_response.steps) {
        if (step.kind == Step::Kind::Send)
            m_contentLength += step.bytes.size();
        else if (step.kind == Step::Kind::KeepAlive && step.everyMs > 0)
            m_contentLength += qint64(step.ms / step.everyMs) * kKeepAliveComment.size();
    }
    pump();
}

void Connection::pump()
{
    while (m_stepIndex < m_response.steps.size()) {
        if (!connected())
            return;
        const Step& step = m_response.steps[m_stepIndex];
        switch (step.kind) {
        case Step::Kind::Send:
            if (!runSend(step))
                return;
            break;
        case Step::Kind::Delay:
            if (step.ms > 0) {
                m_wait = Wait::Timer;
                m_timer.start(step.ms);
                return;
            }
            break;
        case Step::Kind::KeepAlive:
            m_stepClock.start();
            m_keepAliveTicks = 0;
            scheduleKeepAlive();
            return;
        case Step::Kind::Hold: {
            bool released = false;
            {
                SharedState& shared = m_worker->shared();
                QMutexLocker lock(&shared.mutex);
                released = shared.released.contains(step.name);
                ++shared.holdsReached[step.name];
            }
            m_worker->notify();
            if (!released) {
                m_wait = Wait::Hold;
                return;
            }
            break;
        }
        case Step::Kind::SendHeaders:
            writeHead();
            m_socket->flush();
            break;
        case Step::Kind::Close:
            m_wait = Wait::Closed;
            m_socket->disconnectFromHost(); // sends what is queued first, then FIN
            return;
        case Step::Kind::Abort:
            runAbort();
            return;
        case Step::Kind::Hang:
            m_wait = Wait::Hung;
            return;
        }
        ++m_stepIndex;
        m_sendOffset = 0;
    }
    finishResponse();
}

bool Connection::runSend(const Step& step)
{
    writeHead();
    const qsizetype total = step.bytes.size();
    const qsizetype piece = step.chunkSize > 0 ? qsizetype(step.chunkSize) : kMaxPiece;
    while (m_sendOffset < total) {
        if (m_socket->bytesToWrite() >= kHighWater) {
            m_wait = Wait::Drain; // resumed by bytesWritten
            return false;
        }
        const qsizetype size = std::min(piece, total - m_sendOffset);
        writeBody(step.bytes.constData() + m_sendOffset, size);
        m_sendOffset += size;
        if (step.chunkSize > 0)
            m_socket->flush();
        if (!connected())
            return false;
    }
    return true;
}

bool Connection::runAbort()
{
    // Let what was sent before the abort reach the kernel, so the client sees a partial
    // response and then the reset, rather than a reset that swallowed the response.
    if (m_socket->bytesToWrite() > 0) {
        m_socket->flush();
        if (m_socket->bytesToWrite() > 0) {
            m_wait = Wait::Drain;
            return false;
        }
    }
    // Linger 0 turns close() into an RST instead of an orderly FIN.
    const linger lingerOption{1, 0};
    ::setsockopt(int(m_socket->socketDescriptor()), SOL_SOCKET, SO_LINGER, &lingerOption,
                 sizeof(lingerOption));
    m_wait = Wait::Closed;
    m_socket->abort();
    return true;
}

void Connection::scheduleKeepAlive()
{
    const Step& step = m_response.steps[m_stepIndex];
    const qint64 elapsed = m_stepClock.elapsed();
    const qint64 nextTick = qint64(m_keepAliveTicks + 1) * step.everyMs;
    m_wait = Wait::Timer;
    // Ticks are placed at fixed offsets from the step's start so they do not drift.
    if (step.everyMs > 0 && nextTick <= step.ms) {
        m_keepAliveEnding = false;
        m_timer.start(int(std::max<qint64>(0, nextTick - elapsed)));
    } else {
        m_keepAliveEnding = true;
        m_timer.start(int(std::max<qint64>(0, step.ms - elapsed)));
    }
}

void Connection::onTimer()
{
    if (m_wait != Wait::Timer || m_stepIndex >= m_response.steps.size())
        return;
    const Step& step = m_response.steps[m_stepIndex];
    if (step.kind == Step::Kind::KeepAlive && !m_keepAliveEnding) {
        writeHead();
        writeBody(kKeepAliveComment.constData(), kKeepAliveComment.size());
        m_socket->flush();
        ++m_keepAliveTicks;
        if (connected())
            scheduleKeepAlive();
        return;
    }
    m_wait = Wait::None;
    ++m_stepIndex;
    m_sendOffset = 0;
    pump();
}

void Connection::onBytesWritten()
{
    if (m_wait != Wait::Drain)
        return;
    const Step& step = m_response.steps[m_stepIndex];
    if (step.kind == Step::Kind::Abort ? m_socket->bytesToWrite() == 0
                                       : m_socket->bytesToWrite() < kHighWater) {
        m_wait = Wait::None;
        pump();
    }
}

void Connection::releaseHold(const QString& name)
{
    if (m_wait != Wait::Hold || m_stepIndex >= m_response.steps.size()
        || m_response.steps[m_stepIndex].name != name)
        return;
    m_wait = Wait::None;
    ++m_stepIndex;
    m_sendOffset = 0;
    pump();
}

void Connection::finishResponse()
{
    if (!connected())
        return;
    writeHead(); // a response without body steps still answers
    if (!m_response.raw && m_response.chunkedEncoding)
        m_socket->write("0\r\n\r\n");
    m_busy = false;
    if (m_closeAtEnd) {
        m_wait = Wait::Closed;
        m_socket->disconnectFromHost();
        return;
    }
    // The next request may already be buffered (pipelining or a quick client). Queued so that
    // a run of pipelined requests does not recurse.
    QMetaObject::invokeMethod(
        this, [this] { parseRequests(); }, Qt::QueuedConnection);
}

void Connection::writeHead()
{
    if (m_headWritten || m_response.raw)
        return;
    m_headWritten = true;
    QByteArray head;
    head.reserve(256);
    head.append("HTTP/1.1 ")
        .append(QByteArray::number(m_response.status))
        .append(' ')
        .append(reasonPhrase(m_response.status))
        .append("\r\n");
    if (!m_response.contentType.isEmpty() && !hasHeader(m_response.headers, "content-type"))
        head.append("Content-Type: ").append(m_response.contentType).append("\r\n");
    head.append("Cache-Control: no-cache\r\n");
    for (const auto& [name, value] : m_response.headers)
        head.append(name).append(": ").append(value).append("\r\n");
    if (m_response.chunkedEncoding)
        head.append("Transfer-Encoding: chunked\r\n");
    else if (!m_response.closeDelimited)
        head.append("Content-Length: ").append(QByteArray::number(m_contentLength)).append("\r\n");
    head.append(m_closeAtEnd ? "Connection: close\r\n" : "Connection: keep-alive\r\n");
    head.append("\r\n");
    m_socket->write(head);
}

void Connection::writeBody(const char* data, qsizetype size)
{
    if (size <= 0)
        return; // an empty chunk would end a chunked body
    if (m_response.raw || !m_response.chunkedEncoding) {
        m_socket->write(data, size);
        return;
    }
    m_socket->write(QByteArray::number(size, 16).append("\r\n"));
    m_socket->write(data, size);
    m_socket->write("\r\n", 2);
}

} // namespace detail

// ---------------------------------------------------------------------------------------------
// Test-thread API

namespace {

// Runs work on the server thread and waits until it has run. A std::promise rather than a
// BlockingQueuedConnection: ThreadSanitizer sees this hand-off (Qt's semaphore is a bare futex it
// cannot see), and the server thread never blocks, so the wait cannot deadlock.
template <typename Work>
void runOnServerThread(QObject* worker, Work work)
{
    auto done = std::make_shared<std::promise<void>>();
    std::future<void> finished = done->get_future();
    QMetaObject::invokeMethod(
        worker,
        [done, &work] {
            work();
            done->set_value();
        },
        Qt::QueuedConnection);
    finished.wait();
}

} // namespace

LoopbackLlmServer::LoopbackLlmServer(quint16 port, QObject* parent)
    : QObject(parent)
    , m_shared(std::make_shared<detail::SharedState>())
{
    m_thread.setObjectName(QStringLiteral("LoopbackLlmServer"));
    m_worker = new detail::ServerWorker(m_shared, this);
    m_worker->moveToThread(&m_thread);
    // Deferred deletes are still processed after finished, on the server thread, so the worker
    // and its sockets die in the thread they belong to.
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
    quint16 listeningPort = 0;
    QString error;
    runOnServerThread(m_worker, [&] { listeningPort = m_worker->listen(port, &error); });
    m_port = listeningPort;
    m_error = error;
}

LoopbackLlmServer::~LoopbackLlmServer()
{
    // Abort every socket (held, hung, streaming) on the server thread, then let it end; no
    // step ever blocks that thread, so this cannot hang.
    runOnServerThread(m_worker, [worker = m_worker] { worker->shutdown(); });
    m_thread.quit();
    m_thread.wait();
    m_worker = nullptr;
}

QString LoopbackLlmServer::baseUrl() const
{
    return QStringLiteral("http://127.0.0.1:%1/v1").arg(m_port);
}

void LoopbackLlmServer::enqueue(Response response)
{
    QMutexLocker lock(&m_shared->mutex);
    m_shared->queue.push_back(std::move(response));
}

void LoopbackLlmServer::setDefault(Response response)
{
    QMutexLocker lock(&m_shared->mutex);
    m_shared->defaultResponse = std::move(response);
}

void LoopbackLlmServer::setRoute(const QByteArray& path, Response response)
{
    QMutexLocker lock(&m_shared->mutex);
    m_shared->routes.insert(path, std::move(response));
}

void LoopbackLlmServer::clearQueue()
{
    QMutexLocker lock(&m_shared->mutex);
    m_shared->queue.clear();
}

void LoopbackLlmServer::release(const QString& name)
{
    {
        QMutexLocker lock(&m_shared->mutex);
        m_shared->released.insert(name);
    }
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, name] { worker->releaseHold(name); }, Qt::QueuedConnection);
}

void LoopbackLlmServer::resetHold(const QString& name)
{
    QMutexLocker lock(&m_shared->mutex);
    m_shared->released.remove(name);
    m_shared->holdsReached.remove(name);
}

int LoopbackLlmServer::holdsReached(const QString& name) const
{
    QMutexLocker lock(&m_shared->mutex);
    return m_shared->holdsReached.value(name);
}

QList<ReceivedRequest> LoopbackLlmServer::requests() const
{
    QMutexLocker lock(&m_shared->mutex);
    return m_shared->requests;
}

int LoopbackLlmServer::requestCount() const
{
    QMutexLocker lock(&m_shared->mutex);
    return int(m_shared->requests.size());
}

void LoopbackLlmServer::clearRequests()
{
    QMutexLocker lock(&m_shared->mutex);
    m_shared->requests.clear();
}

int LoopbackLlmServer::connectionCount() const
{
    QMutexLocker lock(&m_shared->mutex);
    return m_shared->connections;
}

int LoopbackLlmServer::openConnectionCount() const
{
    QMutexLocker lock(&m_shared->mutex);
    return m_shared->openConnections;
}

template <typename Predicate>
bool LoopbackLlmServer::waitUntil(Predicate predicate, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    while (!predicate()) {
        if (deadline.hasExpired())
            return false;
        QEventLoop loop;
        QTimer backstop;
        backstop.setSingleShot(true);
        connect(&backstop, &QTimer::timeout, &loop, &QEventLoop::quit);
        connect(this, &LoopbackLlmServer::stateChanged, &loop, &QEventLoop::quit);
        // The signal may fire between the check above and exec(); the short backstop re-checks.
        backstop.start(int(std::clamp<qint64>(deadline.remainingTime(), 0, 20)));
        loop.exec();
    }
    return true;
}

bool LoopbackLlmServer::waitForRequests(int count, int timeoutMs)
{
    return waitUntil([&] { return requestCount() >= count; }, timeoutMs);
}

bool LoopbackLlmServer::waitForConnections(int count, int timeoutMs)
{
    return waitUntil([&] { return connectionCount() >= count; }, timeoutMs);
}

bool LoopbackLlmServer::waitForHold(const QString& name, int timeoutMs)
{
    return waitUntil([&] { return holdsReached(name) > 0; }, timeoutMs);
}

QByteArray LoopbackLlmServer::openAiChunk(const QString& content)
{
    const QByteArray value = jsonString(content);
    QByteArray line;
    line.reserve(qsizetype(std::char_traits<char>::length(kChunkPrefix)) + value.size() + 80);
    line.append(kChunkPrefix)
        .append("\"choices\":[{\"index\":0,\"delta\":{\"content\":")
        .append(value)
        .append("},\"finish_reason\":null}]}\n\n");
    return line;
}

QByteArray LoopbackLlmServer::openAiReasoningChunk(const QString& reasoning)
{
    QByteArray line(kChunkPrefix);
    line.append("\"choices\":[{\"index\":0,\"delta\":{\"reasoning_content\":")
        .append(jsonString(reasoning))
        .append("},\"finish_reason\":null}]}\n\n");
    return line;
}

QByteArray LoopbackLlmServer::openAiToolCallChunk(int index, const QString& id, const QString& name,
                                                  const QString& argumentsFragment)
{
    // Real servers send id, type and name only on a call's first fragment.
    nlohmann::ordered_json call = {{"index", index},
                                   {"function", {{"arguments", argumentsFragment.toStdString()}}}};
    if (!id.isEmpty()) {
        call["id"] = id.toStdString();
        call["type"] = "function";
    }
    if (!name.isEmpty())
        call["function"]["name"] = name.toStdString();
    nlohmann::ordered_json chunk = chunkObject();
    chunk["choices"] = nlohmann::ordered_json::array(
        {{{"index", 0},
          {"delta", {{"tool_calls", nlohmann::ordered_json::array({call})}}},
          {"finish_reason", nullptr}}});
    return dataLine(chunk);
}

QByteArray LoopbackLlmServer::openAiFinish(const QString& reason)
{
    nlohmann::ordered_json chunk = chunkObject();
    chunk["choices"] = nlohmann::ordered_json::array({{{"index", 0},
                                                       {"delta", nlohmann::ordered_json::object()},
                                                       {"finish_reason", reason.toStdString()}}});
    return dataLine(chunk);
}

QByteArray LoopbackLlmServer::openAiUsage(int promptTokens, int completionTokens)
{
    nlohmann::ordered_json chunk = chunkObject();
    chunk["choices"] = nlohmann::ordered_json::array();
    chunk["usage"] = {{"prompt_tokens", promptTokens},
                      {"completion_tokens", completionTokens},
                      {"total_tokens", promptTokens + completionTokens}};
    return dataLine(chunk);
}

QByteArray LoopbackLlmServer::openAiDone()
{
    return QByteArrayLiteral("data: [DONE]\n\n");
}

} // namespace keel::test
