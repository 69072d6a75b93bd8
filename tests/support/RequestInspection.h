// RequestInspection: reading back what a provider built (the JSON body, headers by name) and
// making the response heads its error mapping reads, for the provider unit tests.
#pragma once

#include "net/HttpRequest.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <nlohmann/json.hpp>
#include <utility>

namespace keel::test {

// Discarded (is_discarded()) when the body is not JSON, so a test can say so instead of throwing.
inline nlohmann::json parseBody(const core::HttpRequest& http)
{
    return nlohmann::json::parse(http.body.constBegin(), http.body.constEnd(), nullptr, false);
}

// Header lookup is case-insensitive, as in HTTP; every match is returned.
inline QList<QByteArray> headerValues(const core::HttpHeaders& headers, QByteArrayView name)
{
    QList<QByteArray> values;
    for (const auto& [key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            values.append(value);
    }
    return values;
}

inline QList<QByteArray> headerValues(const core::HttpRequest& http, QByteArrayView name)
{
    return headerValues(http.headers, name);
}

inline core::HttpResponseHead responseHead(int status, core::HttpHeaders headers = {})
{
    core::HttpResponseHead result;
    result.status = status;
    result.headers = std::move(headers);
    return result;
}

} // namespace keel::test
