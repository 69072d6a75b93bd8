// HttpRequest / HttpResponseHead / ProxyConfig: value types describing one HTTP transfer for
// CurlMulti and the way it reaches the network.
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace keel::core {

using HttpHeaders = QList<QPair<QByteArray, QByteArray>>;

// How requests reach the network. System: libcurl's usual environment variables (http_proxy,
// https_proxy, all_proxy, no_proxy); None: direct, environment ignored; Manual: url (http://,
// https:// or socks5:// / socks5h://) with optional credentials (the password in memory only).
struct ProxyConfig {
    enum class Mode { System, None, Manual };
    Mode mode = Mode::System;
    QString url;
    QString user;
    QString password;
};

struct HttpRequest {
    QByteArray method = "POST";
    QString url;
    HttpHeaders headers;
    QByteArray body;
    int connectTimeoutMs = 20'000;
    int idleTimeoutMs = 600'000; // no byte received for this long aborts; 0 disables
    // false is honoured for loopback hosts only (see effectiveVerifyTls in net/UrlHosts.h).
    bool verifyTls = true;
    ProxyConfig proxy;
};

struct HttpResponseHead {
    int status = 0;
    HttpHeaders headers; // names lower-cased

    QByteArray header(QByteArrayView name) const
    {
        for (const auto& [key, value] : headers) {
            if (key == name)
                return value;
        }
        return {};
    }
};

} // namespace keel::core
