// CurlMulti: every HTTP transfer of the core, on one libcurl multi handle driven by the core
// loop's Qt event loop through the socket API (QSocketNotifier per socket, one single-shot
// QTimer for curl's timeouts). Nothing here blocks; many transfers run concurrently and share
// connections (HTTP/2 multiplexing when offered). Owns idle timeouts, which curl lacks, the
// proxy of each request and the rule that TLS verification may be off for loopback hosts only.
#pragma once

#include "net/HttpRequest.h"
#include "net/TransferSink.h"

#include <QObject>
#include <QTimer>

#include <memory>
#include <unordered_map>

typedef void CURLM;
typedef void CURL;

namespace keel::core {

using TransferId = quint64;

class CurlMulti : public QObject {
    Q_OBJECT
public:
    explicit CurlMulti(QObject* parent = nullptr);
    ~CurlMulti() override; // cancels what is still running, without calling the sinks

    // Starts a transfer; the sink must outlive it (until onFinished or cancel).
    TransferId start(const HttpRequest& request, TransferSink* sink);
    // Stops a transfer at once; its sink gets onFinished(Cancelled) before this returns unless
    // called from inside one of the sink callbacks, where it is deferred to the event loop.
    void cancel(TransferId id);
    // Stops a transfer without telling its sink, which is being destroyed. Safe anywhere.
    void release(TransferId id);
    qsizetype activeCount() const { return static_cast<qsizetype>(m_transfers.size()); }

private:
    struct Transfer;
    struct Socket;

    static int socketCallback(CURL* easy, int fd, int what, void* self, void* socketData);
    static int timerCallback(CURLM* multi, long timeoutMs, void* self);
    static size_t writeCallback(char* data, size_t size, size_t count, void* transfer);
    static size_t headerCallback(char* data, size_t size, size_t count, void* transfer);

    void onSocketActivated(int fd, int curlEvent);
    void onCurlTimeout();
    void action(int fd, int events);
    void reapFinished();
    void finishTransfer(Transfer* transfer, TransferOutcome outcome);
    // Finishes the transfer on the next loop turn: the caller never gets a callback before
    // start() returns.
    void finishLater(TransferId id, const TransferOutcome& outcome);
    void checkIdle(TransferId id);

    CURLM* m_multi = nullptr;
    QTimer m_curlTimer;
    std::unordered_map<TransferId, std::unique_ptr<Transfer>> m_transfers;
    TransferId m_nextId = 1;
    int m_callbackDepth = 0; // > 0 while curl is calling into us
};

} // namespace keel::core
