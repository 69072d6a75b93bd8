// CurlProxy: the proxy of one transfer as libcurl options. System leaves libcurl's environment
// variables in charge, None turns every proxy off, Manual checks the address (http://, https://,
// socks5://, socks5h://) and sets it with its credentials. The password goes to libcurl only:
// never into a label, a message or a log line.
#pragma once

#include "net/HttpRequest.h"

#include <QString>

typedef void CURL;

namespace keel::core {

struct CurlProxySetup {
    QString error; // empty: applied; else why the request must not be sent, in words
    QString label; // Manual: scheme://host:port, without credentials, for failure messages
};

CurlProxySetup applyProxy(CURL* easy, const ProxyConfig& proxy);

} // namespace keel::core
