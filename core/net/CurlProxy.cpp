// CurlProxy: see CurlProxy.h.
#include "net/CurlProxy.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QStringList>

#include <curl/curl.h>
#include <memory>

namespace keel::core {

namespace {

// With a manual proxy, requests to this machine still go direct: a local model server is never
// reachable through a proxy elsewhere, and TLS to it may be unverified.
constexpr char kLoopbackNoProxy[] = "localhost,127.0.0.0/8,::1";

struct CurlUrlDeleter {
    void operator()(CURLU* url) const { curl_url_cleanup(url); }
};

// The translation context of the messages below: free functions have no tr() of their own.
struct CurlProxyText {
    Q_DECLARE_TR_FUNCTIONS(CurlProxy)
};

} // namespace

CurlProxySetup applyProxy(CURL* easy, const ProxyConfig& proxy)
{
    CurlProxySetup setup;
    switch (proxy.mode) {
    case ProxyConfig::Mode::System:
        return setup; // libcurl reads http_proxy, https_proxy, all_proxy and no_proxy itself
    case ProxyConfig::Mode::None:
        curl_easy_setopt(easy, CURLOPT_PROXY, ""); // "" also overrides those variables
        return setup;
    case ProxyConfig::Mode::Manual:
        break;
    }

    const QString url = proxy.url.trimmed();
    const qsizetype separator = url.indexOf(QLatin1String("://"));
    const QString scheme = separator > 0 ? url.left(separator).toLower() : QString();
    static const QStringList supported = {QStringLiteral("http"), QStringLiteral("https"),
                                          QStringLiteral("socks5"), QStringLiteral("socks5h")};
    if (url.isEmpty()) {
        setup.error = CurlProxyText::tr("The manual proxy has no address. Enter one in the network "
                                        "settings, or choose the system proxy or none.");
        return setup;
    }
    if (!supported.contains(scheme)) {
        // Only a short, plain scheme is quoted: the rest of the address may hold credentials.
        static const QRegularExpression plainScheme(QStringLiteral("^[a-z][a-z0-9+.-]{0,15}$"));
        const QString quoted = plainScheme.match(scheme).hasMatch()
                                   ? CurlProxyText::tr(" (\"%1://\" is not supported)").arg(scheme)
                                   : QString();
        setup.error = CurlProxyText::tr("The proxy address must start with http://, https://, "
                                        "socks5:// or socks5h://%1. Check the network settings.")
                          .arg(quoted);
        return setup;
    }

    const QByteArray urlBytes = url.toUtf8();
    std::unique_ptr<CURLU, CurlUrlDeleter> parsed(curl_url());
    char* host = nullptr;
    if (!parsed
        || curl_url_set(parsed.get(), CURLUPART_URL, urlBytes.constData(), CURLU_NON_SUPPORT_SCHEME)
               != CURLUE_OK
        || curl_url_get(parsed.get(), CURLUPART_HOST, &host, 0) != CURLUE_OK || !host
        || host[0] == '\0') {
        curl_free(host);
        setup.error = CurlProxyText::tr("The proxy address is not a valid URL. Check the network "
                                        "settings.");
        return setup;
    }
    setup.label = scheme + QLatin1String("://") + QString::fromUtf8(host);
    curl_free(host);
    char* port = nullptr;
    if (curl_url_get(parsed.get(), CURLUPART_PORT, &port, 0) == CURLUE_OK && port)
        setup.label += u':' + QString::fromUtf8(port);
    curl_free(port);

    curl_easy_setopt(easy, CURLOPT_PROXY, urlBytes.constData());
    curl_easy_setopt(easy, CURLOPT_NOPROXY, kLoopbackNoProxy);
    if (!proxy.user.isEmpty()) {
        // Separate options rather than user:password@ in the URL: no escaping needed, and the
        // URL stays free of secrets.
        curl_easy_setopt(easy, CURLOPT_PROXYUSERNAME, proxy.user.toUtf8().constData());
        curl_easy_setopt(easy, CURLOPT_PROXYPASSWORD, proxy.password.toUtf8().constData());
    }
    return setup;
}

} // namespace keel::core
