// UrlHosts: see UrlHosts.h. The URL is parsed by libcurl's own parser, so the host judged here is
// the host libcurl connects to (QUrl and libcurl disagree on some malformed URLs).
#include "net/UrlHosts.h"

#include <arpa/inet.h>
#include <cstring>
#include <curl/curl.h>
#include <memory>
#include <netinet/in.h>

namespace keel::core {

namespace {

struct CurlUrlDeleter {
    void operator()(CURLU* url) const { curl_url_cleanup(url); }
};

bool isLoopbackIpv4(const in_addr& address)
{
    return (ntohl(address.s_addr) >> 24) == 127;
}

} // namespace

bool isLoopbackHost(const QString& hostText)
{
    QString host = hostText.trimmed().toLower();
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    if (const qsizetype zone = host.indexOf(u'%'); zone >= 0)
        host.truncate(zone); // fe80::1%eth0: the zone names an interface, not the address
    if (host.endsWith(u'.'))
        host.chop(1);
    if (host == QLatin1String("localhost"))
        return true;

    const QByteArray bytes = host.toLatin1();
    in_addr v4{};
    if (inet_pton(AF_INET, bytes.constData(), &v4) == 1)
        return isLoopbackIpv4(v4);
    in6_addr v6{};
    if (inet_pton(AF_INET6, bytes.constData(), &v6) == 1) {
        if (IN6_IS_ADDR_LOOPBACK(&v6))
            return true;
        if (IN6_IS_ADDR_V4MAPPED(&v6)) {
            in_addr mapped{};
            memcpy(&mapped.s_addr, &v6.s6_addr[12], 4);
            return isLoopbackIpv4(mapped);
        }
    }
    return false;
}

bool isLoopbackUrl(const QString& url)
{
    const QByteArray text = url.trimmed().toUtf8();
    if (text.isEmpty())
        return false;
    std::unique_ptr<CURLU, CurlUrlDeleter> parsed(curl_url());
    if (!parsed)
        return false;
    // Guessing the scheme matches what CURLOPT_URL does with "localhost:8080/v1".
    if (curl_url_set(parsed.get(), CURLUPART_URL, text.constData(),
                     CURLU_GUESS_SCHEME | CURLU_NON_SUPPORT_SCHEME)
        != CURLUE_OK)
        return false;
    char* host = nullptr;
    if (curl_url_get(parsed.get(), CURLUPART_HOST, &host, 0) != CURLUE_OK || !host)
        return false;
    const QString hostName = QString::fromUtf8(host);
    curl_free(host);
    return isLoopbackHost(hostName);
}

bool effectiveVerifyTls(const QString& url, bool requested)
{
    return requested || !isLoopbackUrl(url);
}

} // namespace keel::core
