// ModelLister: fetches a provider's model list on the core loop, following pagination, and
// ends with one ModelListResult (models, or a human error, and the latency of the first page).
#pragma once

#include "chat/ChatTypes.h"
#include "net/CurlMulti.h"
#include "providers/Provider.h"

#include <QElapsedTimer>
#include <QObject>

#include <memory>
#include <optional>

namespace keel::core {

class ModelLister : public QObject, private TransferSink {
    Q_OBJECT
public:
    static constexpr int kMaxPages = 50; // a server looping its cursor stops here
    static constexpr qsizetype kMaxBody = 32 * 1024 * 1024; // no model list is this big
    static constexpr int kIdleTimeoutMs = 60'000;

    ModelLister(ModelListRequest request, std::unique_ptr<Provider> provider, CurlMulti& curl,
                QObject* parent = nullptr);
    ~ModelLister() override;

    const QString& requestId() const { return m_request.requestId; }
    void start();
    void cancel();

Q_SIGNALS:
    void finished(const keel::core::ModelListResult& result); // once

private:
    void fetch(const QString& pageToken);
    void onResponseHead(const HttpResponseHead& head) override;
    bool onBody(QByteArrayView bytes) override;
    void onFinished(const TransferOutcome& outcome) override;
    void finish(TurnError error = {});

    ModelListRequest m_request;
    std::unique_ptr<Provider> m_provider;
    CurlMulti& m_curl;
    std::optional<TransferId> m_transfer;
    HttpResponseHead m_head;
    QByteArray m_body;
    bool m_tooBig = false;
    int m_pages = 0;
    QElapsedTimer m_clock;
    ModelListResult m_result;
    bool m_finished = false;
};

} // namespace keel::core
