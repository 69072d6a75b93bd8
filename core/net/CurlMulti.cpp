// CurlMulti: libcurl's multi socket interface on the Qt event loop of the thread that owns it.
#include "net/CurlMulti.h"

#include "ThreadCheck.h"
#include "net/CurlProxy.h"
#include "net/UrlHosts.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QPointer>
#include <QSocketNotifier>
#include <QThread>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <curl/curl.h>

namespace keel::core {

namespace {

// TCP keep-alive keeps silent connections (reasoning models think for minutes) alive through
// NATs and proxies that drop idle flows.
constexpr long kKeepAliveIdleSeconds = 30;
constexpr long kKeepAliveIntervalSeconds = 15;

// curl's own wording ("Couldn't connect to server", "transfer closed with outstanding read
// data remaining") is for developers; the failures users meet most get a sentence that says
// what happened, with curl's words kept in brackets where they add a detail.
QString humanMessage(CURLcode code, CURL* easy, const QString& detail)
{
    long osError = 0;
    curl_easy_getinfo(easy, CURLINFO_OS_ERRNO, &osError);
    switch (code) {
    case CURLE_COULDNT_CONNECT:
        if (osError == ECONNREFUSED)
            return QCoreApplication::translate(
                "CurlMulti",
                "the connection was refused (nothing is listening there; is the server running?)");
        return detail;
    case CURLE_COULDNT_RESOLVE_HOST: {
        // curl's own URL parser: QUrl rejects some names curl tries (a label over 63 bytes).
        const char* url = nullptr;
        curl_easy_getinfo(easy, CURLINFO_EFFECTIVE_URL, &url);
        QString host;
        CURLU* parsed = curl_url();
        char* part = nullptr;
        if (parsed && url && curl_url_set(parsed, CURLUPART_URL, url, 0) == CURLUE_OK
            && curl_url_get(parsed, CURLUPART_HOST, &part, 0) == CURLUE_OK)
            host = QString::fromUtf8(part);
        curl_free(part);
        curl_url_cleanup(parsed);
        if (host.isEmpty())
            return detail;
        return QCoreApplication::translate(
                   "CurlMulti",
                   "the host name %1 could not be found. Check the address and the network.")
            .arg(host);
    }
    case CURLE_PEER_FAILED_VERIFICATION: {
        QString why = detail;
        why.remove(QLatin1String("SSL certificate problem: "));
        return QCoreApplication::translate(
                   "CurlMulti", "the server's certificate is not trusted (%1), so nothing was sent")
            .arg(why);
    }
    case CURLE_PARTIAL_FILE:
        return QCoreApplication::translate(
            "CurlMulti", "the server closed the connection before the reply was finished");
    case CURLE_RECV_ERROR:
        if (osError == ECONNRESET)
            return QCoreApplication::translate(
                "CurlMulti",
                "the connection was reset before the reply was finished (by the server or the "
                "network)");
        return detail;
    default:
        return detail;
    }
}

} // namespace

struct CurlMulti::Transfer {
    CurlMulti* owner = nullptr;
    TransferId id = 0;
    CURL* easy = nullptr;
    curl_slist* headerList = nullptr;
    QByteArray body;
    TransferSink* sink = nullptr;
    HttpResponseHead head;
    bool headDelivered = false;
    bool abortedBySink = false;
    qint64 bytesReceived = 0;
    int idleTimeoutMs = 0;
    QElapsedTimer sinceLastByte;
    QTimer idleTimer;
    bool idleExpired = false;
    QString proxyLabel; // a manual proxy, named in failure messages
    char errorBuffer[CURL_ERROR_SIZE] = {};

    ~Transfer()
    {
        if (easy)
            curl_easy_cleanup(easy);
        if (headerList)
            curl_slist_free_all(headerList);
    }

    void deliverHead()
    {
        if (headDelivered || !sink)
            return;
        headDelivered = true;
        long status = 0;
        curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
        head.status = static_cast<int>(status);
        sink->onResponseHead(head);
    }
};

struct CurlMulti::Socket {
    std::unique_ptr<QSocketNotifier> read;
    std::unique_ptr<QSocketNotifier> write;
};

CurlMulti::CurlMulti(QObject* parent)
    : QObject(parent)
{
    // Reference counted and thread-safe in the libcurl we require (7.84+ with "threadsafe").
    curl_global_init(CURL_GLOBAL_DEFAULT);
    m_multi = curl_multi_init();
    curl_multi_setopt(m_multi, CURLMOPT_SOCKETFUNCTION, &CurlMulti::socketCallback);
    curl_multi_setopt(m_multi, CURLMOPT_SOCKETDATA, this);
    curl_multi_setopt(m_multi, CURLMOPT_TIMERFUNCTION, &CurlMulti::timerCallback);
    curl_multi_setopt(m_multi, CURLMOPT_TIMERDATA, this);
    curl_multi_setopt(m_multi, CURLMOPT_PIPELINING, long(CURLPIPE_MULTIPLEX));

    m_curlTimer.setSingleShot(true);
    connect(&m_curlTimer, &QTimer::timeout, this, &CurlMulti::onCurlTimeout);
}

CurlMulti::~CurlMulti()
{
    KEEL_ASSERT_OWN_THREAD(this);
    for (auto& [id, transfer] : m_transfers)
        curl_multi_remove_handle(m_multi, transfer->easy);
    m_transfers.clear();
    curl_multi_cleanup(m_multi);
    curl_global_cleanup();
}

TransferId CurlMulti::start(const HttpRequest& request, TransferSink* sink)
{
    KEEL_ASSERT_OWN_THREAD(this);
    auto transfer = std::make_unique<Transfer>();
    transfer->owner = this;
    transfer->id = m_nextId++;
    transfer->sink = sink;
    transfer->body = request.body;
    transfer->idleTimeoutMs = request.idleTimeoutMs;

    CURL* easy = curl_easy_init();
    transfer->easy = easy;
    const QByteArray url = request.url.toUtf8();
    curl_easy_setopt(easy, CURLOPT_URL, url.constData()); // curl copies strings it is given
    curl_easy_setopt(easy, CURLOPT_PRIVATE, transfer.get());
    curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, transfer->errorBuffer);
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, &CurlMulti::writeCallback);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, transfer.get());
    curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, &CurlMulti::headerCallback);
    curl_easy_setopt(easy, CURLOPT_HEADERDATA, transfer.get());
    curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, long(request.connectTimeoutMs));
    curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, 0L); // long calls are normal: no total timeout
    curl_easy_setopt(easy, CURLOPT_TCP_KEEPALIVE, 1L);
    curl_easy_setopt(easy, CURLOPT_TCP_KEEPIDLE, kKeepAliveIdleSeconds);
    curl_easy_setopt(easy, CURLOPT_TCP_KEEPINTVL, kKeepAliveIntervalSeconds);
    curl_easy_setopt(easy, CURLOPT_HTTP_VERSION, long(CURL_HTTP_VERSION_2TLS));
    curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(easy, CURLOPT_MAXREDIRS, 5L);
    curl_easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, ""); // whatever this libcurl can decode
    const bool verifyTls = effectiveVerifyTls(request.url, request.verifyTls);
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, verifyTls ? 1L : 0L);
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, verifyTls ? 2L : 0L);
    if (!verifyTls) {
        // Unverified TLS is allowed for the loopback host only, not for wherever it redirects.
        curl_easy_setopt(easy, CURLOPT_REDIR_PROTOCOLS_STR, "http");
    }
    const CurlProxySetup proxy = applyProxy(easy, request.proxy);
    transfer->proxyLabel = proxy.label;

    if (request.method == "POST") {
        curl_easy_setopt(easy, CURLOPT_POST, 1L);
        curl_easy_setopt(easy, CURLOPT_POSTFIELDS, transfer->body.constData());
        curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(transfer->body.size()));
    } else if (request.method != "GET") {
        curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, request.method.constData());
    }

    curl_slist* headers = nullptr;
    for (const auto& [name, value] : request.headers)
        headers = curl_slist_append(headers, QByteArray(name + ": " + value).constData());
    // A POST over 1 KB would otherwise wait for "100 Continue" that many servers never send.
    headers = curl_slist_append(headers, "Expect:");
    transfer->headerList = headers;
    curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers);

    if (request.idleTimeoutMs > 0) {
        transfer->idleTimer.setSingleShot(true);
        const TransferId id = transfer->id;
        connect(&transfer->idleTimer, &QTimer::timeout, this, [this, id] { checkIdle(id); });
        transfer->sinceLastByte.start();
        transfer->idleTimer.start(request.idleTimeoutMs);
    }

    const TransferId id = transfer->id;
    Transfer* raw = transfer.get();
    m_transfers.emplace(id, std::move(transfer));
    if (!proxy.error.isEmpty()) {
        raw->idleTimer.stop();
        finishLater(id, {TransferStatus::NotStarted, proxy.error, 0});
        return id;
    }
    const CURLMcode rc = curl_multi_add_handle(m_multi, raw->easy);
    if (rc != CURLM_OK)
        finishLater(id,
                    {TransferStatus::NetworkError, QString::fromUtf8(curl_multi_strerror(rc)), 0});
    return id;
}

void CurlMulti::finishLater(TransferId id, const TransferOutcome& outcome)
{
    QTimer::singleShot(0, this, [this, id, outcome] {
        auto it = m_transfers.find(id);
        if (it != m_transfers.end())
            finishTransfer(it->second.get(), outcome);
    });
}

void CurlMulti::cancel(TransferId id)
{
    KEEL_ASSERT_OWN_THREAD(this);
    if (m_callbackDepth > 0) {
        // curl forbids removing a handle from inside its own callbacks.
        QTimer::singleShot(0, this, [this, id] { cancel(id); });
        return;
    }
    auto it = m_transfers.find(id);
    if (it == m_transfers.end())
        return;
    Transfer* transfer = it->second.get();
    finishTransfer(transfer, {TransferStatus::Cancelled, tr("Cancelled"), transfer->bytesReceived});
}

void CurlMulti::release(TransferId id)
{
    KEEL_ASSERT_OWN_THREAD(this);
    auto it = m_transfers.find(id);
    if (it == m_transfers.end())
        return;
    it->second->sink = nullptr; // from now on nothing calls the departed sink
    if (m_callbackDepth > 0) {
        QTimer::singleShot(0, this, [this, id] { release(id); });
        return;
    }
    finishTransfer(it->second.get(), {TransferStatus::Cancelled, {}, 0});
}

void CurlMulti::finishTransfer(Transfer* transfer, TransferOutcome outcome)
{
    curl_multi_remove_handle(m_multi, transfer->easy);
    auto node = m_transfers.extract(transfer->id);
    outcome.bytesReceived = transfer->bytesReceived;
    TransferSink* sink = transfer->sink;
    if (sink && !transfer->headDelivered && outcome.status == TransferStatus::Ok)
        transfer->deliverHead();
    node.mapped().reset(); // the sink may start a new transfer or die in onFinished
    if (sink)
        sink->onFinished(outcome);
}

int CurlMulti::socketCallback(CURL* /*easy*/, int fd, int what, void* self, void* socketData)
{
    auto* multi = static_cast<CurlMulti*>(self);
    auto* socket = static_cast<Socket*>(socketData);
    if (what == CURL_POLL_REMOVE) {
        if (socket) {
            // The notifier may be the one whose signal we are inside: delete it later.
            for (auto* notifier : {socket->read.release(), socket->write.release()}) {
                if (notifier) {
                    notifier->setEnabled(false);
                    notifier->deleteLater();
                }
            }
            delete socket;
            curl_multi_assign(multi->m_multi, fd, nullptr);
        }
        return 0;
    }
    if (!socket) {
        socket = new Socket;
        curl_multi_assign(multi->m_multi, fd, socket);
    }
    const bool wantRead = what == CURL_POLL_IN || what == CURL_POLL_INOUT;
    const bool wantWrite = what == CURL_POLL_OUT || what == CURL_POLL_INOUT;
    if (wantRead && !socket->read) {
        socket->read = std::make_unique<QSocketNotifier>(fd, QSocketNotifier::Read);
        connect(socket->read.get(), &QSocketNotifier::activated, multi,
                [multi, fd] { multi->onSocketActivated(fd, CURL_CSELECT_IN); });
    }
    if (wantWrite && !socket->write) {
        socket->write = std::make_unique<QSocketNotifier>(fd, QSocketNotifier::Write);
        connect(socket->write.get(), &QSocketNotifier::activated, multi,
                [multi, fd] { multi->onSocketActivated(fd, CURL_CSELECT_OUT); });
    }
    if (socket->read)
        socket->read->setEnabled(wantRead);
    if (socket->write)
        socket->write->setEnabled(wantWrite);
    return 0;
}

int CurlMulti::timerCallback(CURLM* /*multi*/, long timeoutMs, void* self)
{
    auto* multi = static_cast<CurlMulti*>(self);
    if (timeoutMs < 0)
        multi->m_curlTimer.stop();
    else
        multi->m_curlTimer.start(std::chrono::milliseconds(timeoutMs)); // 0: on the next turn
    return 0;
}

size_t CurlMulti::writeCallback(char* data, size_t size, size_t count, void* userData)
{
    auto* transfer = static_cast<Transfer*>(userData);
    const size_t bytes = size * count;
    if (!transfer->sink)
        return 0; // released: its owner is gone
    transfer->bytesReceived += static_cast<qint64>(bytes);
    transfer->sinceLastByte.restart();
    transfer->deliverHead();
    if (!transfer->sink->onBody(QByteArrayView(data, static_cast<qsizetype>(bytes)))) {
        transfer->abortedBySink = true;
        return 0; // makes curl fail the transfer with CURLE_WRITE_ERROR
    }
    return bytes;
}

size_t CurlMulti::headerCallback(char* data, size_t size, size_t count, void* userData)
{
    auto* transfer = static_cast<Transfer*>(userData);
    const size_t bytes = size * count;
    // Header bytes are activity too: a server sending headers slowly is not idle.
    transfer->sinceLastByte.restart();
    const QByteArray line = QByteArray(data, static_cast<qsizetype>(bytes)).trimmed();
    if (!transfer->sink)
        return 0;
    if (line.isEmpty()) {
        // End of a header block. Interim (1xx) and followed redirects are not the response.
        long status = 0;
        curl_easy_getinfo(transfer->easy, CURLINFO_RESPONSE_CODE, &status);
        const bool redirect =
            status >= 300 && status < 400 && !transfer->head.header("location").isEmpty();
        if (status >= 200 && !redirect)
            transfer->deliverHead();
        return bytes;
    }
    if (line.startsWith("HTTP/")) {
        transfer->head.headers.clear(); // a new response (after 100 Continue or a redirect)
        return bytes;
    }
    const qsizetype colon = line.indexOf(':');
    if (colon > 0) {
        transfer->head.headers.append(
            {line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed()});
    }
    return bytes;
}

void CurlMulti::onSocketActivated(int fd, int curlEvent)
{
    action(fd, curlEvent);
}

void CurlMulti::onCurlTimeout()
{
    action(CURL_SOCKET_TIMEOUT, 0);
}

void CurlMulti::action(int fd, int events)
{
    int running = 0;
    ++m_callbackDepth;
    curl_multi_socket_action(m_multi, fd, events, &running);
    --m_callbackDepth;
    reapFinished();
}

void CurlMulti::reapFinished()
{
    int queued = 0;
    while (CURLMsg* message = curl_multi_info_read(m_multi, &queued)) {
        if (message->msg != CURLMSG_DONE)
            continue;
        Transfer* transfer = nullptr;
        curl_easy_getinfo(message->easy_handle, CURLINFO_PRIVATE, &transfer);
        if (!transfer)
            continue;
        const CURLcode code = message->data.result;
        TransferOutcome outcome;
        if (code == CURLE_OK) {
            outcome.status = TransferStatus::Ok;
        } else if (transfer->abortedBySink) {
            outcome.status = TransferStatus::Aborted;
        } else {
            switch (code) {
            case CURLE_COULDNT_CONNECT:
            case CURLE_COULDNT_RESOLVE_HOST:
            case CURLE_COULDNT_RESOLVE_PROXY:
            case CURLE_OPERATION_TIMEDOUT: // only the connect timeout is set
                outcome.status = TransferStatus::ConnectFailed;
                break;
            case CURLE_SSL_CONNECT_ERROR:
            case CURLE_PEER_FAILED_VERIFICATION:
            case CURLE_SSL_CERTPROBLEM:
            case CURLE_SSL_CIPHER:
            case CURLE_SSL_CACERT_BADFILE:
                outcome.status = TransferStatus::TlsFailed;
                break;
            default:
                outcome.status = TransferStatus::NetworkError;
                break;
            }
            QString detail = QString::fromUtf8(transfer->errorBuffer).trimmed();
            if (detail.isEmpty())
                detail = QString::fromUtf8(curl_easy_strerror(code));
            outcome.message = humanMessage(code, transfer->easy, detail);
            // curl names the host it talked to, which is the proxy's: say so.
            if (!transfer->proxyLabel.isEmpty())
                outcome.message += tr(" (proxy %1)").arg(transfer->proxyLabel);
        }
        finishTransfer(transfer, outcome);
    }
}

void CurlMulti::checkIdle(TransferId id)
{
    auto it = m_transfers.find(id);
    if (it == m_transfers.end())
        return;
    Transfer* transfer = it->second.get();
    const qint64 idle = transfer->sinceLastByte.elapsed();
    if (idle < transfer->idleTimeoutMs) {
        // Bytes came in meanwhile: re-arm for the rest of the window instead of restarting the
        // timer on every chunk, which would cost a timer registration per write.
        transfer->idleTimer.start(static_cast<int>(transfer->idleTimeoutMs - idle));
        return;
    }
    finishTransfer(transfer,
                   {TransferStatus::IdleTimeout,
                    tr("No data received for %1 s").arg(transfer->idleTimeoutMs / 1000.0), 0});
}

} // namespace keel::core
