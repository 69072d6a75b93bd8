// CurlMultiTest: the libcurl multi driver on a Qt event loop against the loopback server:
// streaming, cancel, concurrency, connection reuse, idle timeout, connect failures, TLS
// verification (off for loopback only) and manual proxies.
#include "net/CurlMulti.h"

#include "LoopbackLlmServer.h"

#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTest>

#include <memory>

using namespace keel::core;
using namespace keel::test;

namespace {

class RecordingSink : public TransferSink {
public:
    HttpResponseHead head;
    bool gotHead = false;
    QByteArray body;
    int bodyCalls = 0;
    std::optional<TransferOutcome> outcome;
    int finishedCount = 0;
    qsizetype abortAfterBytes = -1;

    void onResponseHead(const HttpResponseHead& h) override
    {
        head = h;
        gotHead = true;
    }
    bool onBody(QByteArrayView bytes) override
    {
        body.append(bytes);
        ++bodyCalls;
        return abortAfterBytes < 0 || body.size() < abortAfterBytes;
    }
    void onFinished(const TransferOutcome& o) override
    {
        outcome = o;
        ++finishedCount;
    }
};

HttpRequest post(const QString& url, int idleTimeoutMs = 600'000)
{
    HttpRequest request;
    request.url = url;
    request.body = R"({"model":"m"})";
    request.headers = {{"Content-Type", "application/json"}};
    request.idleTimeoutMs = idleTimeoutMs;
    return request;
}

QString chatUrl(const LoopbackLlmServer& server)
{
    return server.baseUrl() + QStringLiteral("/chat/completions");
}

// A throwaway self-signed certificate for localhost and 127.0.0.1 (valid until 2126), so that
// verification fails unless it is switched off. Its key protects nothing.
const char kTestCertificate[] = R"(-----BEGIN CERTIFICATE-----
MIIBmzCCAUGgAwIBAgIUVyRb1vZsvaRPrztxtQxjnMm3ggAwCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJbG9jYWxob3N0MCAXDTI2MTEyMTEwMzg0OVoYDzIxMjYxMDI4
MTAzODQ5WjAUMRIwEAYDVQQDDAlsb2NhbGhvc3QwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAAQdUskICAdh+l6v8Ff+BMv2rpjwbxAB1j+yzzAzeA77yjjW2WYTcpHG
f13zd9OhTc85nXkB45rtmRRFAS6GOgk2o28wbTAdBgNVHQ4EFgQULxc6sQ0SzxC9
Pvjo1HeNU/V0jvIwHwYDVR0jBBgwFoAULxc6sQ0SzxC9Pvjo1HeNU/V0jvIwDwYD
VR0TAQH/BAUwAwEB/zAaBgNVHREEEzARgglsb2NhbGhvc3SHBH8AAAEwCgYIKoZI
zj0EAwIDSAAwRQIhAKMkBvRWEy1D6uJa5AIhiZA0vXfw93B1i3ShwbsSWmRhAiAu
JBmWXaOAI4cNav7yKK4xXEACXSGQKaF5RYS+kWJCEg==
-----END CERTIFICATE-----
)";
const char kTestKey[] = R"(-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgEIfoJfHGSfQKTz1F
Fc7ustodfyvZzFJSw8U4zT/rnLKhRANCAAQdUskICAdh+l6v8Ff+BMv2rpjwbxAB
1j+yzzAzeA77yjjW2WYTcpHGf13zd9OhTc85nXkB45rtmRRFAS6GOgk2
-----END PRIVATE KEY-----
)";

// An HTTPS server on 127.0.0.1 that answers every request with "ok", on this thread's loop.
class TlsServer : public QSslServer {
public:
    TlsServer()
    {
        QSslConfiguration config = QSslConfiguration::defaultConfiguration();
        config.setLocalCertificate(QSslCertificate(QByteArray(kTestCertificate)));
        config.setPrivateKey(QSslKey(QByteArray(kTestKey), QSsl::Ec));
        config.setPeerVerifyMode(QSslSocket::VerifyNone);
        setSslConfiguration(config);
        connect(this, &QSslServer::pendingConnectionAvailable, this, [this] {
            while (hasPendingConnections())
                serve(nextPendingConnection());
        });
        listen(QHostAddress::LocalHost);
    }

    QString url(const QString& host) const
    {
        return QStringLiteral("https://%1:%2/v1/models").arg(host).arg(serverPort());
    }

    int served = 0;

private:
    void serve(QTcpSocket* socket)
    {
        socket->setParent(this);
        auto request = std::make_shared<QByteArray>();
        connect(socket, &QTcpSocket::readyRead, socket, [this, socket, request] {
            request->append(socket->readAll());
            if (!request->contains("\r\n\r\n"))
                return;
            ++served;
            socket->write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok");
            socket->disconnectFromHost();
        });
    }
};

HttpRequest get(const QString& url, bool verifyTls)
{
    HttpRequest request;
    request.method = "GET";
    request.url = url;
    request.verifyTls = verifyTls;
    return request;
}

ProxyConfig manualProxy(const QString& url, const QString& user = {}, const QString& password = {})
{
    ProxyConfig proxy;
    proxy.mode = ProxyConfig::Mode::Manual;
    proxy.url = url;
    proxy.user = user;
    proxy.password = password;
    return proxy;
}

quint16 closedPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost))
        return 0;
    return probe.serverPort(); // closed when probe goes: nothing listens there any more
}

} // namespace

class CurlMultiTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void streamsWholeBodyAndHeaders()
    {
        LoopbackLlmServer server;
        QStringList tokens;
        for (int i = 0; i < 200; ++i)
            tokens << QStringLiteral("tok%1 ").arg(i);
        server.enqueue(Response::openAiStream(tokens, 7));
        CurlMulti curl;
        RecordingSink sink;
        curl.start(post(chatUrl(server)), &sink);
        QTRY_VERIFY_WITH_TIMEOUT(sink.outcome.has_value(), 10000);
        QCOMPARE(sink.outcome->status, TransferStatus::Ok);
        QVERIFY(sink.gotHead);
        QCOMPARE(sink.head.status, 200);
        QCOMPARE(sink.head.header("content-type"), QByteArray("text/event-stream"));
        QVERIFY(sink.body.contains("tok199 "));
        QVERIFY(sink.body.endsWith("data: [DONE]\n\n"));
        QCOMPARE(sink.outcome->bytesReceived, sink.body.size());
        QCOMPARE(curl.activeCount(), 0);

        const QList<ReceivedRequest> requests = server.requests();
        QCOMPARE(requests.size(), 1);
        QCOMPARE(requests[0].method, QByteArray("POST"));
        QCOMPARE(requests[0].path, QByteArray("/v1/chat/completions"));
        QCOMPARE(requests[0].body, QByteArray(R"({"model":"m"})"));
        QCOMPARE(requests[0].header("content-type"), QByteArray("application/json"));
        QVERIFY(requests[0].header("expect").isEmpty());
    }

    void deliversBodyBeforeTheResponseEnds()
    {
        LoopbackLlmServer server;
        server.enqueue(Response::sse(
            {Step::send(LoopbackLlmServer::openAiChunk(QStringLiteral("first"))),
             Step::hold(QStringLiteral("rest")), Step::send(LoopbackLlmServer::openAiDone())}));
        CurlMulti curl;
        RecordingSink sink;
        curl.start(post(chatUrl(server)), &sink);
        QTRY_VERIFY_WITH_TIMEOUT(sink.body.contains("first"), 10000);
        QVERIFY(!sink.outcome.has_value());
        server.release(QStringLiteral("rest"));
        QTRY_VERIFY_WITH_TIMEOUT(sink.outcome.has_value(), 10000);
        QCOMPARE(sink.outcome->status, TransferStatus::Ok);
    }

    void cancelMidStreamStopsAtOnce()
    {
        LoopbackLlmServer server;
        server.enqueue(Response::sse(
            {Step::send(LoopbackLlmServer::openAiChunk(QStringLiteral("a"))), Step::hang()}));
        CurlMulti curl;
        RecordingSink sink;
        const TransferId id = curl.start(post(chatUrl(server)), &sink);
        QTRY_VERIFY_WITH_TIMEOUT(!sink.body.isEmpty(), 10000);
        curl.cancel(id);
        QVERIFY(sink.outcome.has_value()); // synchronous outside callbacks
        QCOMPARE(sink.outcome->status, TransferStatus::Cancelled);
        QCOMPARE(curl.activeCount(), 0);
        curl.cancel(id); // a second cancel is harmless
        QCOMPARE(sink.finishedCount, 1);
    }

    void abortFromSinkEndsTransfer()
    {
        LoopbackLlmServer server;
        server.enqueue(Response::openAiStream({QStringLiteral("x"), QStringLiteral("y")}, 5));
        CurlMulti curl;
        RecordingSink sink;
        sink.abortAfterBytes = 10;
        curl.start(post(chatUrl(server)), &sink);
        QTRY_VERIFY_WITH_TIMEOUT(sink.outcome.has_value(), 10000);
        QCOMPARE(sink.outcome->status, TransferStatus::Aborted);
    }

    void eightConcurrentStreams()
    {
        LoopbackLlmServer server;
        constexpr int kStreams = 8;
        for (int s = 0; s < kStreams; ++s) {
            QStringList tokens;
            for (int i = 0; i < 50; ++i)
                tokens << QStringLiteral("s%1t%2 ").arg(s).arg(i);
            Response response = Response::openAiStream(tokens, 64);
            // Hold every stream in the middle so all eight are provably in flight at once.
            response.steps.insert(response.steps.begin() + 1, Step::hold(QStringLiteral("all")));
            server.enqueue(response);
        }
        CurlMulti curl;
        std::vector<std::unique_ptr<RecordingSink>> sinks;
        for (int s = 0; s < kStreams; ++s) {
            sinks.push_back(std::make_unique<RecordingSink>());
            curl.start(post(chatUrl(server)), sinks.back().get());
        }
        QTRY_COMPARE_WITH_TIMEOUT(server.holdsReached(QStringLiteral("all")), kStreams, 10000);
        QCOMPARE(curl.activeCount(), kStreams);
        server.release(QStringLiteral("all"));
        for (const auto& sink : sinks)
            QTRY_VERIFY_WITH_TIMEOUT(sink->outcome.has_value(), 10000);
        QSet<QByteArray> seen;
        for (const auto& sink : sinks) {
            QCOMPARE(sink->outcome->status, TransferStatus::Ok);
            QVERIFY(sink->body.endsWith("data: [DONE]\n\n"));
            const qsizetype at = sink->body.indexOf("t49 ");
            QVERIFY(at > 2);
            seen.insert(sink->body.mid(at - 2, 2)); // "s0" ... "s7": each got its own stream
        }
        QCOMPARE(seen.size(), kStreams);
        QCOMPARE(curl.activeCount(), 0);
    }

    void reusesKeptAliveConnectionAndRecoversWhenServerClosesIt()
    {
        LoopbackLlmServer server;
        Response first = Response::openAiStream({QStringLiteral("one")});
        Response second = Response::openAiStream({QStringLiteral("two")});
        second.closeAfter = true; // the server closes the socket after this one
        Response third = Response::openAiStream({QStringLiteral("three")});
        server.enqueue(first);
        server.enqueue(second);
        server.enqueue(third);
        CurlMulti curl;
        for (const char* word : {"one", "two", "three"}) {
            RecordingSink sink;
            curl.start(post(chatUrl(server)), &sink);
            QTRY_VERIFY_WITH_TIMEOUT(sink.outcome.has_value(), 10000);
            QCOMPARE(sink.outcome->status, TransferStatus::Ok);
            QVERIFY(sink.body.contains(word));
        }
        const QList<ReceivedRequest> requests = server.requests();
        QCOMPARE(requests.size(), 3);
        QCOMPARE(requests[0].connection, requests[1].connection);  // reused
        QVERIFY(requests[2].connection != requests[1].connection); // closed, so a new one
        QCOMPARE(server.connectionCount(), 2);
    }

    void idleTimeoutFiresWhenNothingArrives()
    {
        LoopbackLlmServer server;
        server.enqueue(Response::sse(
            {Step::sendHeaders(), Step::send(LoopbackLlmServer::openAiChunk(QStringLiteral("a"))),
             Step::hang()}));
        CurlMulti curl;
        RecordingSink sink;
        curl.start(post(chatUrl(server), 300), &sink);
        QTRY_VERIFY_WITH_TIMEOUT(sink.outcome.has_value(), 10000);
        QCOMPARE(sink.outcome->status, TransferStatus::IdleTimeout);
        QVERIFY(sink.body.contains("\"a\""));
    }

    void keepAliveCommentsCountAsActivity()
    {
        LoopbackLlmServer server;
        server.enqueue(Response::sse({Step::sendHeaders(), Step::keepAlive(1500, 100),
                                      Step::send(LoopbackLlmServer::openAiDone())}));
        CurlMulti curl;
        RecordingSink sink;
        curl.start(post(chatUrl(server), 700), &sink);
        QTRY_VERIFY_WITH_TIMEOUT(sink.outcome.has_value(), 10000);
        QCOMPARE(sink.outcome->status, TransferStatus::Ok);
        QVERIFY(sink.body.contains(": keep-alive"));
    }

    void connectionRefusedIsAConnectFailure()
    {
        quint16 port = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost));
            port = probe.serverPort();
        } // closed: nothing listens there now
        CurlMulti curl;
        RecordingSink sink;
        curl.start(post(QStringLiteral("http://127.0.0.1:%1/v1/chat/completions").arg(port)),
                   &sink);
        QTRY_VERIFY_WITH_TIMEOUT(sink.outcome.has_value(), 10000);
        QCOMPARE(sink.outcome->status, TransferStatus::ConnectFailed);
        QVERIFY(!sink.outcome->message.isEmpty());
    }

    void errorStatusDeliversHeadAndBody()
    {
        LoopbackLlmServer server;
        server.enqueue(Response::openAiError(401, QStringLiteral("Incorrect API key provided")));
        CurlMulti curl;
        RecordingSink sink;
        curl.start(post(chatUrl(server)), &sink);
        QTRY_VERIFY_WITH_TIMEOUT(sink.outcome.has_value(), 10000);
        QCOMPARE(sink.outcome->status, TransferStatus::Ok);
        QCOMPARE(sink.head.status, 401);
        QVERIFY(sink.body.contains("Incorrect API key provided"));
    }

    void tlsVerificationCanBeOffForLoopbackOnly()
    {
        if (!QSslSocket::supportsSsl())
            QSKIP("Qt has no TLS backend here");
        TlsServer server;
        QVERIFY(server.isListening());
        CurlMulti curl;
        {
            RecordingSink sink; // verified: the self-signed certificate is refused
            curl.start(get(server.url(QStringLiteral("127.0.0.1")), true), &sink);
            QTRY_VERIFY_WITH_TIMEOUT(sink.outcome.has_value(), 10000);
            QCOMPARE(sink.outcome->status, TransferStatus::TlsFailed);
        }
        for (const QString& host : {QStringLiteral("127.0.0.1"), QStringLiteral("localhost")}) {
            RecordingSink sink; // unverified, which a loopback host may ask for
            curl.start(get(server.url(host), false), &sink);
            QTRY_VERIFY_WITH_TIMEOUT(sink.outcome.has_value(), 10000);
            QCOMPARE(sink.outcome->status, TransferStatus::Ok);
            QCOMPARE(sink.body, QByteArray("ok"));
        }
        QCOMPARE(server.served, 2);
        // Whether a non-loopback name gets it is decided by effectiveVerifyTls (UrlHostsTest):
        // a test cannot reach this server under another name without leaving loopback.
    }

    void unsupportedProxyFailsBeforeAnythingIsSent()
    {
        LoopbackLlmServer server;
        server.setDefault(Response::openAiStream({QStringLiteral("x")}));
        CurlMulti curl;
        const QString proxyHost = QStringLiteral("127.0.0.1:%1").arg(server.port());
        for (const QString& url : {QStringLiteral("ftp://user:hunter2@") + proxyHost, proxyHost,
                                   QString(), QStringLiteral("http://")}) {
            RecordingSink sink;
            HttpRequest request = post(chatUrl(server));
            request.proxy = manualProxy(url, QStringLiteral("user"), QStringLiteral("hunter2"));
            curl.start(request, &sink);
            QVERIFY(!sink.outcome.has_value()); // never before start() returns
            QTRY_VERIFY_WITH_TIMEOUT(sink.outcome.has_value(), 10000);
            QCOMPARE(sink.outcome->status, TransferStatus::NotStarted);
            QVERIFY2(sink.outcome->message.contains(QLatin1String("proxy")),
                     qPrintable(sink.outcome->message));
            QVERIFY(!sink.outcome->message.contains(QLatin1String("hunter2")));
            QCOMPARE(sink.finishedCount, 1);
        }
        QCOMPARE(curl.activeCount(), 0);
        QCOMPARE(server.requestCount(), 0);
    }

    void manualProxyGetsTheRequestAndTheCredentials()
    {
        LoopbackLlmServer proxy;
        proxy.setDefault(Response::openAiStream({QStringLiteral("via proxy")}));
        CurlMulti curl;
        RecordingSink sink;
        // .invalid never resolves: only the proxy can answer.
        HttpRequest request = post(QStringLiteral("http://keel-curl-test.invalid/v1/chat"));
        request.proxy = manualProxy(QStringLiteral("http://127.0.0.1:%1").arg(proxy.port()),
                                    QStringLiteral("alice"), QStringLiteral("p@ss:word"));
        curl.start(request, &sink);
        QTRY_VERIFY_WITH_TIMEOUT(sink.outcome.has_value(), 10000);
        QCOMPARE(sink.outcome->status, TransferStatus::Ok);
        QVERIFY(sink.body.contains("via proxy"));
        const ReceivedRequest seen = proxy.requests().value(0);
        QCOMPARE(seen.target, QByteArray("http://keel-curl-test.invalid/v1/chat"));
        QCOMPARE(seen.header("proxy-authorization"),
                 "Basic " + QByteArray("alice:p@ss:word").toBase64());
    }

    void loopbackTargetsBypassAManualProxy()
    {
        LoopbackLlmServer proxy;
        LoopbackLlmServer target;
        target.setDefault(Response::openAiStream({QStringLiteral("direct")}));
        CurlMulti curl;
        RecordingSink sink;
        HttpRequest request = post(chatUrl(target));
        request.proxy = manualProxy(QStringLiteral("http://127.0.0.1:%1").arg(proxy.port()));
        curl.start(request, &sink);
        QTRY_VERIFY_WITH_TIMEOUT(sink.outcome.has_value(), 10000);
        QCOMPARE(sink.outcome->status, TransferStatus::Ok);
        QVERIFY(sink.body.contains("direct"));
        QCOMPARE(proxy.requestCount(), 0);
        QVERIFY(!target.requests().value(0).viaProxy());
    }

    void unreachableProxyIsNamedWithoutItsPassword()
    {
        const quint16 port = closedPort();
        QVERIFY(port != 0);
        CurlMulti curl;
        RecordingSink sink;
        HttpRequest request = post(QStringLiteral("http://keel-curl-test.invalid/v1/chat"));
        request.proxy = manualProxy(QStringLiteral("socks5h://127.0.0.1:%1").arg(port),
                                    QStringLiteral("alice"), QStringLiteral("hunter2"));
        curl.start(request, &sink);
        QTRY_VERIFY_WITH_TIMEOUT(sink.outcome.has_value(), 10000);
        QCOMPARE(sink.outcome->status, TransferStatus::ConnectFailed);
        QVERIFY2(sink.outcome->message.contains(
                     QStringLiteral("proxy socks5h://127.0.0.1:%1").arg(port)),
                 qPrintable(sink.outcome->message));
        QVERIFY(!sink.outcome->message.contains(QLatin1String("hunter2")));
    }

    void releaseNeverCallsTheSinkAgain()
    {
        LoopbackLlmServer server;
        server.enqueue(Response::sse(
            {Step::send(LoopbackLlmServer::openAiChunk(QStringLiteral("a"))), Step::delay(50),
             Step::send(LoopbackLlmServer::openAiChunk(QStringLiteral("b"))), Step::hang()}));
        CurlMulti curl;
        auto sink = std::make_unique<RecordingSink>();
        const TransferId id = curl.start(post(chatUrl(server)), sink.get());
        QTRY_VERIFY_WITH_TIMEOUT(!sink->body.isEmpty(), 10000);
        curl.release(id);
        QVERIFY(!sink->outcome.has_value());
        sink.reset(); // a use after this would crash under ASan
        QCOMPARE(curl.activeCount(), 0);
        QTest::qWait(200); // let anything still in flight on the socket arrive and be dropped
    }
};

QTEST_GUILESS_MAIN(CurlMultiTest)
#include "CurlMultiTest.moc"
