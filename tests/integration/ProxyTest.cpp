// ProxyTest: the proxy settings through the real core (Engine on CoreThread, libcurl), with the
// loopback server playing the HTTP proxy. Providers live under .invalid, a name that never
// resolves, so a request can only succeed by going through the proxy; the proxy server records
// the absolute-form target and the Proxy-Authorization header that prove it did.
#include "CoreThread.h"
#include "Engine.h"
#include "LoopbackLlmServer.h"
#include "MetaTypes.h"

#include <QTcpServer>
#include <QTest>
#include <QUuid>

#include <optional>

using namespace keel::core;
using namespace keel::test;

namespace {

const QString kProxiedBase = QStringLiteral("http://keel-proxy-test.invalid/v1");
const QString kPassword = QStringLiteral("pr0xy-s3cret");

// What the engine reports, collected on this (the test's) thread.
class Observer : public QObject {
public:
    explicit Observer(Engine* engine)
    {
        connect(engine, &Engine::turnFinished, this, [this](const TurnResult& r) { turn = r; });
        connect(engine, &Engine::modelsListed, this,
                [this](const ModelListResult& r) { models = r; });
    }
    std::optional<TurnResult> turn;
    std::optional<ModelListResult> models;
};

ProxyConfig proxy(ProxyConfig::Mode mode, const QString& url = {}, const QString& user = {},
                  const QString& password = {})
{
    ProxyConfig config;
    config.mode = mode;
    config.url = url;
    config.user = user;
    config.password = password;
    return config;
}

QString proxyUrl(const LoopbackLlmServer& server)
{
    return QStringLiteral("http://127.0.0.1:%1").arg(server.port());
}

TurnRequest turn(const QString& baseUrl, const ProxyConfig& proxyConfig)
{
    TurnRequest r;
    r.turnId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    r.provider.baseUrl = baseUrl;
    r.provider.apiKey = QStringLiteral("sk-test-secret-key");
    r.provider.proxy = proxyConfig;
    r.model = QStringLiteral("test-model");
    r.messages = {{Role::User, QStringLiteral("hello")}};
    r.maxAttempts = 1;
    return r;
}

// Runs one turn on a fresh core and returns its result.
std::optional<TurnResult> runTurn(const TurnRequest& request)
{
    CoreThread core;
    Observer observer(core.engine());
    core.start();
    Engine* engine = core.engine();
    QMetaObject::invokeMethod(
        engine, [engine, request] { engine->startTurn(request); }, Qt::QueuedConnection);
    if (!QTest::qWaitFor([&] { return observer.turn.has_value(); }, 15000))
        return std::nullopt;
    return observer.turn;
}

std::optional<ModelListResult> listModels(const ProviderConfig& provider)
{
    CoreThread core;
    Observer observer(core.engine());
    core.start();
    Engine* engine = core.engine();
    ModelListRequest request;
    request.requestId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    request.provider = provider;
    request.connectTimeoutMs = 5000;
    QMetaObject::invokeMethod(
        engine, [engine, request] { engine->listModels(request); }, Qt::QueuedConnection);
    if (!QTest::qWaitFor([&] { return observer.models.has_value(); }, 15000))
        return std::nullopt;
    return observer.models;
}

// libcurl reads only the lower-case http_proxy (the upper-case one is ignored for http://).
const char* const kProxyVariables[] = {"http_proxy", "https_proxy", "HTTPS_PROXY", "all_proxy",
                                       "ALL_PROXY",  "no_proxy",    "NO_PROXY"};

} // namespace

class ProxyTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // The proxy variables of whoever runs the tests must not leak in, and what a test sets
    // must not leak out.
    void init()
    {
        m_savedEnvironment.clear();
        for (const char* name : kProxyVariables) {
            if (qEnvironmentVariableIsSet(name))
                m_savedEnvironment.append({name, qgetenv(name)});
            qunsetenv(name);
        }
    }

    void cleanup()
    {
        for (const char* name : kProxyVariables)
            qunsetenv(name);
        for (const auto& [name, value] : m_savedEnvironment)
            qputenv(name.constData(), value);
    }

    void manualProxyCarriesTheTurn()
    {
        LoopbackLlmServer proxyServer;
        proxyServer.setDefault(
            Response::openAiStream({QStringLiteral("through "), QStringLiteral("the proxy")}));
        const auto result =
            runTurn(turn(kProxiedBase, proxy(ProxyConfig::Mode::Manual, proxyUrl(proxyServer))));
        QVERIFY(result);
        QCOMPARE(result->outcome, TurnOutcome::Complete);
        QCOMPARE(result->text, QStringLiteral("through the proxy"));
        const ReceivedRequest seen = proxyServer.requests().value(0);
        QCOMPARE(seen.target, QByteArray("http://keel-proxy-test.invalid/v1/chat/completions"));
        QVERIFY(seen.viaProxy());
        QCOMPARE(seen.header("host"), QByteArray("keel-proxy-test.invalid"));
        QVERIFY(seen.header("proxy-authorization").isEmpty()); // no user, no credentials
        QCOMPARE(seen.header("authorization"), QByteArray("Bearer sk-test-secret-key"));
    }

    void proxyCredentialsAreSentAsBasicAuth()
    {
        LoopbackLlmServer proxyServer;
        proxyServer.setDefault(Response::openAiStream({QStringLiteral("ok")}));
        const auto result =
            runTurn(turn(kProxiedBase, proxy(ProxyConfig::Mode::Manual, proxyUrl(proxyServer),
                                             QStringLiteral("alice"), kPassword)));
        QVERIFY(result);
        QCOMPARE(result->outcome, TurnOutcome::Complete);
        QCOMPARE(proxyServer.requests().value(0).header("proxy-authorization"),
                 "Basic " + (QStringLiteral("alice:") + kPassword).toUtf8().toBase64());
    }

    void proxyAuthenticationRefusalIsExplained()
    {
        LoopbackLlmServer proxyServer;
        proxyServer.setDefault(Response::body(407, "Proxy Authentication Required", "text/plain"));
        const auto result =
            runTurn(turn(kProxiedBase, proxy(ProxyConfig::Mode::Manual, proxyUrl(proxyServer),
                                             QStringLiteral("alice"), kPassword)));
        QVERIFY(result);
        QCOMPARE(result->outcome, TurnOutcome::Error);
        QCOMPARE(result->error.httpStatus, 407);
        QVERIFY2(result->error.message.contains(QLatin1String("proxy")),
                 qPrintable(result->error.message));
        QVERIFY(!result->error.message.contains(kPassword));
    }

    void noneIgnoresTheEnvironment()
    {
        LoopbackLlmServer proxyServer;
        LoopbackLlmServer direct;
        proxyServer.setDefault(Response::openAiStream({QStringLiteral("proxied")}));
        direct.setDefault(Response::openAiStream({QStringLiteral("direct")}));
        qputenv("http_proxy", proxyUrl(proxyServer).toUtf8());
        qputenv("no_proxy", "");

        // Control: under System the variable applies, even to a loopback address.
        const auto viaEnvironment =
            runTurn(turn(direct.baseUrl(), proxy(ProxyConfig::Mode::System)));
        QVERIFY(viaEnvironment);
        QCOMPARE(viaEnvironment->text, QStringLiteral("proxied"));
        QCOMPARE(proxyServer.requestCount(), 1);

        const auto result = runTurn(turn(direct.baseUrl(), proxy(ProxyConfig::Mode::None)));
        QVERIFY(result);
        QCOMPARE(result->outcome, TurnOutcome::Complete);
        QCOMPARE(result->text, QStringLiteral("direct"));
        QCOMPARE(proxyServer.requestCount(), 1); // nothing more reached the proxy
        QCOMPARE(direct.requestCount(), 1);
        QVERIFY(!direct.requests().value(0).viaProxy());
    }

    void systemUsesTheEnvironment()
    {
        LoopbackLlmServer proxyServer;
        proxyServer.setDefault(Response::openAiStream({QStringLiteral("from the environment")}));
        qputenv("http_proxy", proxyUrl(proxyServer).toUtf8());
        qputenv("no_proxy", "");
        const auto result = runTurn(turn(kProxiedBase, proxy(ProxyConfig::Mode::System)));
        QVERIFY(result);
        QCOMPARE(result->outcome, TurnOutcome::Complete);
        QCOMPARE(result->text, QStringLiteral("from the environment"));
        QCOMPARE(proxyServer.requests().value(0).target,
                 QByteArray("http://keel-proxy-test.invalid/v1/chat/completions"));
    }

    void unsupportedSchemeIsAClearError()
    {
        LoopbackLlmServer proxyServer;
        const QString url =
            QStringLiteral("ftp://alice:%1@127.0.0.1:%2").arg(kPassword).arg(proxyServer.port());
        TurnRequest request = turn(kProxiedBase, proxy(ProxyConfig::Mode::Manual, url,
                                                       QStringLiteral("alice"), kPassword));
        request.maxAttempts = 3; // a setting is wrong: retrying cannot help
        const auto result = runTurn(request);
        QVERIFY(result);
        QCOMPARE(result->outcome, TurnOutcome::Error);
        QCOMPARE(result->error.kind, ErrorKind::Network);
        QVERIFY(!result->error.retryable);
        const QString& message = result->error.message;
        QVERIFY2(message.contains(QLatin1String("ftp://"))
                     && message.contains(QLatin1String("socks5://")),
                 qPrintable(message));
        QVERIFY(!message.contains(kPassword));
        QVERIFY(!message.contains(QLatin1String("Gave up")));
        QCOMPARE(proxyServer.requestCount(), 0);
    }

    void unreachableProxyIsNamedWithoutThePassword()
    {
        quint16 port = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost));
            port = probe.serverPort();
        } // nothing listens there now
        const auto result =
            runTurn(turn(kProxiedBase, proxy(ProxyConfig::Mode::Manual,
                                             QStringLiteral("http://127.0.0.1:%1").arg(port),
                                             QStringLiteral("alice"), kPassword)));
        QVERIFY(result);
        QCOMPARE(result->outcome, TurnOutcome::Error);
        QCOMPARE(result->error.kind, ErrorKind::Network);
        QVERIFY2(result->error.message.contains(QStringLiteral("127.0.0.1:%1").arg(port)),
                 qPrintable(result->error.message));
        QVERIFY(!result->error.message.contains(kPassword));
    }

    void modelsAreListedThroughTheProxy()
    {
        LoopbackLlmServer proxyServer;
        proxyServer.setRoute("/v1/models",
                             Response::body(200, R"({"object":"list","data":[{"id":"m-1"}]})"));
        ProviderConfig provider;
        provider.baseUrl = kProxiedBase;
        provider.proxy = proxy(ProxyConfig::Mode::Manual, proxyUrl(proxyServer),
                               QStringLiteral("alice"), kPassword);
        const auto result = listModels(provider);
        QVERIFY(result);
        QCOMPARE(result->error.kind, ErrorKind::None);
        QCOMPARE(result->models.size(), 1);
        QCOMPARE(result->models.first().id, QStringLiteral("m-1"));
        const ReceivedRequest seen = proxyServer.requests().value(0);
        QCOMPARE(seen.target, QByteArray("http://keel-proxy-test.invalid/v1/models"));
        QVERIFY(seen.header("proxy-authorization").startsWith("Basic "));
    }

    void modelListWithABadProxyIsAClearError()
    {
        ProviderConfig provider;
        provider.baseUrl = kProxiedBase;
        provider.proxy = proxy(ProxyConfig::Mode::Manual, QStringLiteral("socks4://127.0.0.1:1"));
        const auto result = listModels(provider);
        QVERIFY(result);
        QCOMPARE(result->error.kind, ErrorKind::Network);
        QVERIFY2(result->error.message.contains(QLatin1String("socks4://")),
                 qPrintable(result->error.message));
        QVERIFY(result->models.isEmpty());
    }

private:
    QList<QPair<QByteArray, QByteArray>> m_savedEnvironment;
};

QTEST_GUILESS_MAIN(ProxyTest)
#include "ProxyTest.moc"
