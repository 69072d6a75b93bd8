// HttpRequest / HttpResponseHead: value types describing one HTTP transfer for CurlMulti.
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace keel::core {

using HttpHeaders = QList<QPair<QByteArray, QByteArray>>;

struct HttpRequest {
    QByteArray method = "POST";
    QString url;
    HttpHeaders headers;
    QByteArray body;
    int connectTimeoutMs = 20'000;
    int idleTimeoutMs = 600'000; // no byte received for this long aborts; 0 disables
    bool verifyTls = true;
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
