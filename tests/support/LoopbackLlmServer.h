// LoopbackLlmServer: a scriptable HTTP/1.1 server on 127.0.0.1 for integration, UI, slow,
// reliability and bench tests. It runs on its own QThread so that a test thread that blocks, or a
// GUI under test that is busy, never stalls the server (and the server's timing stays honest).
// Every request takes the next scripted Response from a queue (or the default one); a Response is
// a list of Steps: send bytes (optionally in small flushed pieces), delay, SSE keep-alive comments
// during silence, hold until the test releases it, close, abort (RST) or hang forever. It also
// answers requests in the absolute form a client sends to an HTTP proxy ("POST http://host/v1/...")
// as if they were its own, and records the target as sent, so proxy settings can be tested.
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QThread>

#include <memory>
#include <vector>

namespace keel::test {

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

// One step of a scripted response. Build them with the static helpers.
struct Step {
    enum class Kind {
        Send,        // write bytes (in the response body unless the Response is raw)
        Delay,       // do nothing for ms (timer on the server thread, never a sleep)
        KeepAlive,   // silence for ms, but write ": keep-alive\n\n" every everyMs
        Hold,        // wait until LoopbackLlmServer::release(name)
        SendHeaders, // write the status line and headers now (normally written lazily)
        Close,       // graceful close (FIN) without finishing the body
        Abort,       // reset the connection (RST) mid-stream
        Hang,        // stop here forever, keep the socket open, answer nothing more
    };

    Kind kind = Kind::Send;
    QByteArray bytes;
    int chunkSize = 0; // Send: >0 = pieces of this many bytes, each framed and flushed alone
    int ms = 0;        // Delay duration; KeepAlive total duration
    int everyMs = 0;   // KeepAlive interval
    QString name;      // Hold

    static Step send(QByteArray bytes, int chunkSize = 0);
    static Step delay(int ms);
    static Step keepAlive(int totalMs, int everyMs);
    static Step hold(const QString& name);
    static Step sendHeaders();
    static Step close();
    static Step abort();
    static Step hang();
};

// A scripted response. The status line and headers are written lazily, just before the first
// byte of body (or at the end), so that delay/hold/hang/abort as first steps model a server that
// has not answered at all; put Step::sendHeaders() first to answer headers immediately.
struct Response {
    int status = 200;
    HeaderList headers; // extra headers, written as given
    QByteArray contentType = "text/event-stream";
    std::vector<Step> steps;
    // true: Transfer-Encoding: chunked, ended by 0\r\n\r\n. false: Content-Length (sum of the
    // sent bytes) unless closeDelimited, in which case the body is ended by closing the socket.
    bool chunkedEncoding = true;
    bool closeDelimited = false;
    bool closeAfter = false; // close the connection after this response (Connection: close)
    // raw: write nothing automatically (no status line, headers or framing); the steps produce
    // the whole byte stream, and the connection is closed after the last step. For malformed
    // HTTP and exotic framings.
    bool raw = false;

    static Response sse(std::vector<Step> steps = {});
    // A complete non-streamed body with Content-Length, e.g. an error or a model list.
    static Response body(int status, QByteArray bytes, QByteArray contentType = "application/json");
    // An OpenAI-style error object: {"error":{"message":..,"type":..,"code":..}}.
    static Response openAiError(int status, const QString& message,
                                const QString& type = QStringLiteral("invalid_request_error"));
    static Response rawBytes(std::vector<Step> steps);

    // OpenAI Chat Completions stream: one chunk per token, finish "stop", usage (prompt 5,
    // completion = number of tokens), [DONE].
    // chunkSize > 0 writes the stream in flushed pieces of that many bytes (boundaries then fall
    // anywhere: inside events, JSON and UTF-8 sequences).
    static Response openAiStream(const QStringList& tokens, int chunkSize = 0);
};

struct ReceivedRequest {
    QByteArray method;
    // Including the query string; always the origin form ("/v1/models?x=1"), also when the
    // client sent the absolute form, so routes match proxied requests too.
    QByteArray path;
    // The request target exactly as sent: the origin form, or the absolute form
    // ("http://host/v1/models") of a client that uses this server as its HTTP proxy.
    QByteArray target;
    QByteArray version; // "HTTP/1.1"
    HeaderList headers; // names lower-cased, in arrival order
    QByteArray body;
    int connection = 0; // 1-based serial number of the connection that carried it

    QByteArray header(const QByteArray& lowerCaseName) const; // first match or empty
    QJsonObject jsonBody() const;                             // empty if not a JSON object
    bool viaProxy() const; // the target was in absolute form, as a client sends to a proxy
};

namespace detail {
class ServerWorker;
struct SharedState;
} // namespace detail

class LoopbackLlmServer : public QObject {
    Q_OBJECT

public:
    // Starts listening on 127.0.0.1:port (0 = random) before returning.
    explicit LoopbackLlmServer(quint16 port = 0, QObject* parent = nullptr);
    ~LoopbackLlmServer() override;

    bool isListening() const { return m_port != 0; }
    QString errorString() const { return m_error; }
    quint16 port() const { return m_port; }
    QString baseUrl() const; // "http://127.0.0.1:PORT/v1"

    void enqueue(Response response);
    void setDefault(Response response);
    // A fixed response for every request whose path (query stripped) equals path, ahead of the
    // queue: e.g. "/v1/models" while the queue scripts the chat requests.
    void setRoute(const QByteArray& path, Response response);
    void clearQueue();

    // A released hold stays open (later requests pass it too) until resetHold(name).
    void release(const QString& name);
    void resetHold(const QString& name);
    int holdsReached(const QString& name) const; // how many times a connection reached it

    QList<ReceivedRequest> requests() const;
    int requestCount() const;
    void clearRequests();
    int connectionCount() const;     // accepted so far
    int openConnectionCount() const; // currently open

    // Run the caller's event loop until the condition holds or the timeout expires, so that
    // clients living on the caller's thread keep working meanwhile.
    bool waitForRequests(int count, int timeoutMs = 5000);
    bool waitForConnections(int count, int timeoutMs = 5000);
    bool waitForHold(const QString& name, int timeoutMs = 5000);

    // OpenAI Chat Completions SSE events, each a complete "data: ...\n\n" line.
    static QByteArray openAiChunk(const QString& content);
    static QByteArray openAiReasoningChunk(const QString& reasoning);
    static QByteArray openAiToolCallChunk(int index, const QString& id, const QString& name,
                                          const QString& argumentsFragment);
    static QByteArray openAiFinish(const QString& reason = QStringLiteral("stop"));
    static QByteArray openAiUsage(int promptTokens, int completionTokens);
    static QByteArray openAiDone();

Q_SIGNALS:
    // Emitted (queued, on this object's thread) whenever something tests may wait for changed.
    void stateChanged();

private:
    template <typename Predicate>
    bool waitUntil(Predicate predicate, int timeoutMs);

    std::shared_ptr<detail::SharedState> m_shared;
    QThread m_thread;
    detail::ServerWorker* m_worker = nullptr;
    quint16 m_port = 0;
    QString m_error;
};

} // namespace keel::test
