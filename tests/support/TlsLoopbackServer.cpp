// TlsLoopbackServer: QSslServer with the committed test certificate and a canned answer.
#include "TlsLoopbackServer.h"

#include <QFile>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>

#include <memory>

namespace keel::test {

namespace {

QByteArray readFile(const QString& path, QString& error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return {};
    }
    return file.readAll();
}

} // namespace

TlsLoopbackServer::TlsLoopbackServer(QObject* parent)
    : QSslServer(parent)
{
    if (!QSslSocket::supportsSsl()) {
        m_error = QStringLiteral("Qt has no TLS backend here");
        return;
    }
    const QString dir = QStringLiteral(KEEL_TEST_TLS_DIR);
    const QByteArray certificate = readFile(dir + QStringLiteral("/loopback-cert.pem"), m_error);
    const QByteArray key = readFile(dir + QStringLiteral("/loopback-key.pem"), m_error);
    if (!m_error.isEmpty())
        return;
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setLocalCertificate(QSslCertificate(certificate));
    config.setPrivateKey(QSslKey(key, QSsl::Ec));
    config.setPeerVerifyMode(QSslSocket::VerifyNone); // clients present no certificate
    if (config.localCertificate().isNull() || config.privateKey().isNull()) {
        m_error = QStringLiteral("the test certificate or key in %1 is not valid").arg(dir);
        return;
    }
    setSslConfiguration(config);

    // A handshake the client broke off (it refused the certificate) ends in an error on a
    // socket that never got encrypted; QSslServer deletes such sockets itself.
    connect(this, &QSslServer::errorOccurred, this, [this](QSslSocket* socket) {
        if (socket->isEncrypted() || socket->property("keelCounted").toBool())
            return;
        socket->setProperty("keelCounted", true);
        ++m_handshakesFailed;
    });
    connect(this, &QTcpServer::pendingConnectionAvailable, this, [this] {
        while (hasPendingConnections()) {
            if (auto* socket = qobject_cast<QSslSocket*>(nextPendingConnection()))
                serve(socket);
        }
    });
    if (!listen(QHostAddress::LocalHost)) {
        m_error = QStringLiteral("cannot listen: %1").arg(QSslServer::errorString());
        return;
    }
    m_ready = true;
}

void TlsLoopbackServer::setResponse(QByteArray contentType, QByteArray body)
{
    m_contentType = std::move(contentType);
    m_body = std::move(body);
}

void TlsLoopbackServer::incomingConnection(qintptr socketDescriptor)
{
    ++m_connections; // every TCP connection, whether or not it ever speaks TLS
    QSslServer::incomingConnection(socketDescriptor);
}

void TlsLoopbackServer::serve(QSslSocket* socket)
{
    ++m_handshakesDone;
    socket->setParent(this);
    auto request = std::make_shared<QByteArray>();
    const auto onReadyRead = [this, socket, request] {
        request->append(socket->readAll());
        const qsizetype headEnd = request->indexOf("\r\n\r\n");
        if (headEnd < 0)
            return;
        // The body's length, so the whole request is read before answering.
        qsizetype length = 0;
        for (const QByteArray& line : request->left(headEnd).split('\n')) {
            if (line.toLower().startsWith("content-length:"))
                length = line.mid(15).trimmed().toLongLong();
        }
        if (request->size() < headEnd + 4 + length)
            return;
        ++m_requestsServed;
        socket->write("HTTP/1.1 200 OK\r\nContent-Type: " + m_contentType
                      + "\r\nContent-Length: " + QByteArray::number(m_body.size())
                      + "\r\nConnection: close\r\n\r\n" + m_body);
        socket->disconnectFromHost();
    };
    connect(socket, &QTcpSocket::readyRead, socket, onReadyRead);
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    if (socket->bytesAvailable() > 0)
        onReadyRead(); // the request may have arrived with the end of the handshake
}

} // namespace keel::test
