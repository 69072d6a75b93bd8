// TlsLoopbackServer: an HTTPS server on 127.0.0.1 with the self-signed test certificate of
// tests/data/tls, for the TLS faults of the fault matrix. A client that verifies certificates
// must refuse it during the handshake; one that does not (loopback with verification off) gets
// the scripted response to any request. It counts handshakes that succeeded and failed and the
// requests it read, so a test can show that a refused client sent nothing at all.
// It lives on the thread that created it (a test thread that waits with QTest::qWaitFor keeps it
// serving).
#pragma once

#include <QByteArray>
#include <QSslServer>
#include <QString>

namespace keel::test {

class TlsLoopbackServer : public QSslServer {
    Q_OBJECT
public:
    explicit TlsLoopbackServer(QObject* parent = nullptr);

    // False if the certificate could not be loaded, Qt has no TLS backend or listening failed;
    // errorString() then says why.
    bool isReady() const { return m_ready; }
    QString errorString() const { return m_error; }
    quint16 port() const { return serverPort(); }

    // The body of the 200 response every request gets (Content-Length, then closed).
    void setResponse(QByteArray contentType, QByteArray body);

    int connectionCount() const { return m_connections; }
    int handshakesDone() const { return m_handshakesDone; }
    int handshakesFailed() const { return m_handshakesFailed; }
    int requestsServed() const { return m_requestsServed; }

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    void serve(QSslSocket* socket);

    bool m_ready = false;
    QString m_error;
    QByteArray m_contentType = "text/plain";
    QByteArray m_body = "ok";
    int m_connections = 0;
    int m_handshakesDone = 0;
    int m_handshakesFailed = 0;
    int m_requestsServed = 0;
};

} // namespace keel::test
