// RequestSupport: shared request-building helpers.
#include "providers/RequestSupport.h"

namespace keel::core {

void setHeader(HttpHeaders& headers, const QByteArray& name, const QByteArray& value)
{
    headers.removeIf(
        [&](const auto& header) { return header.first.compare(name, Qt::CaseInsensitive) == 0; });
    headers.emplaceBack(name, value);
}

void applyExtraHeaders(HttpHeaders& headers, const ProviderConfig& config)
{
    for (const auto& [name, value] : config.extraHeaders)
        setHeader(headers, name, value);
}

void applyTransport(HttpRequest& http, const ProviderConfig& config)
{
    http.verifyTls = config.verifyTls;
    http.proxy = config.proxy;
}

const char* chatRoleName(Role role)
{
    switch (role) {
    case Role::System:
        return "system";
    case Role::Assistant:
        return "assistant";
    case Role::User:
        break;
    }
    return "user";
}

} // namespace keel::core
