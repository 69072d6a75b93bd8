// UrlHosts: which URLs point at this machine, and the TLS rule that depends on it. Verification
// may be switched off for a loopback server (a local model server with a self-signed
// certificate) and for nothing else, so the one decision lives here, next to the parser that
// makes it, and CurlMulti applies it to every transfer.
#pragma once

#include <QString>

namespace keel::core {

// True for "localhost", an IPv4 address in 127.0.0.0/8 and the IPv6 loopback ::1 (also written
// in brackets, expanded, or as the IPv4-mapped form of a 127.x address). Case and a trailing dot
// do not matter; any other name is false, even one that happens to resolve to loopback.
bool isLoopbackHost(const QString& host);

// True when the host of url (as libcurl reads the URL, scheme optional) is a loopback host.
// False for anything that does not parse.
bool isLoopbackUrl(const QString& url);

// The verification a transfer to url really gets: a request to turn it off is honoured for
// loopback URLs only.
bool effectiveVerifyTls(const QString& url, bool requested);

} // namespace keel::core
