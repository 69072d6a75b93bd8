// TransferSink: the receiver of one transfer's events. Called on the core loop thread, from
// inside CurlMulti, so implementations must not block and must not call CurlMulti::cancel for
// their own transfer from these callbacks (return false from onBody instead).
#pragma once

#include "net/HttpRequest.h"

#include <QByteArrayView>
#include <QString>

namespace keel::core {

enum class TransferStatus {
    Ok,            // the server closed the response normally
    ConnectFailed, // refused, unreachable, DNS failure, connect timeout
    TlsFailed,     // handshake or certificate failure
    IdleTimeout,   // no byte for idleTimeoutMs
    NetworkError,  // reset, truncated transfer, other transport errors
    Aborted,       // the sink returned false from onBody
    Cancelled,     // CurlMulti::cancel
    NotStarted,    // the request cannot be made as configured (e.g. an unsupported proxy);
                   // nothing was sent, and the message says what to change
};

struct TransferOutcome {
    TransferStatus status = TransferStatus::Ok;
    QString message; // curl's description, human-readable, for anything but Ok
    qint64 bytesReceived = 0;
};

class TransferSink {
public:
    virtual ~TransferSink() = default;
    // The status line and headers of the final response (after redirects) arrived.
    virtual void onResponseHead(const HttpResponseHead& head) = 0;
    // Body bytes; return false to abort the transfer (it then finishes with Aborted).
    virtual bool onBody(QByteArrayView bytes) = 0;
    // Called exactly once, last; the sink may be destroyed after it returns.
    virtual void onFinished(const TransferOutcome& outcome) = 0;
};

} // namespace keel::core
