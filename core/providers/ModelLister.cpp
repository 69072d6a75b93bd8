// ModelLister: paged model-list requests.
#include "providers/ModelLister.h"

#include "ThreadCheck.h"
#include "providers/RequestSupport.h"

namespace keel::core {

ModelLister::ModelLister(ModelListRequest request, std::unique_ptr<Provider> provider,
                         CurlMulti& curl, QObject* parent)
    : QObject(parent)
    , m_request(std::move(request))
    , m_provider(std::move(provider))
    , m_curl(curl)
{
    m_result.requestId = m_request.requestId;
    if (m_request.provider.baseUrl.trimmed().isEmpty())
        m_request.provider.baseUrl = m_provider->defaultBaseUrl();
}

ModelLister::~ModelLister()
{
    if (m_transfer)
        m_curl.release(*m_transfer);
}

void ModelLister::start()
{
    KEEL_ASSERT_OWN_THREAD(this);
    m_clock.start();
    fetch({});
}

void ModelLister::cancel()
{
    if (m_transfer)
        m_curl.cancel(*m_transfer);
}

void ModelLister::fetch(const QString& pageToken)
{
    ++m_pages;
    m_body.clear();
    m_tooBig = false;
    m_head = {};
    HttpRequest http = m_provider->buildModelsRequest(m_request.provider, pageToken);
    http.idleTimeoutMs = kIdleTimeoutMs;
    http.connectTimeoutMs = m_request.connectTimeoutMs;
    applyTransport(http, m_request.provider);
    m_transfer = m_curl.start(http, this);
}

void ModelLister::onResponseHead(const HttpResponseHead& head)
{
    m_head = head;
}

bool ModelLister::onBody(QByteArrayView bytes)
{
    if (m_body.size() + bytes.size() > kMaxBody) {
        m_tooBig = true;
        return false;
    }
    m_body.append(bytes);
    return true;
}

void ModelLister::onFinished(const TransferOutcome& outcome)
{
    m_transfer.reset();
    if (m_finished)
        return;
    if (m_pages == 1)
        m_result.latencyMs = m_clock.elapsed(); // what "Test connection" reports
    const QString& url = m_request.provider.baseUrl;
    switch (outcome.status) {
    case TransferStatus::Ok:
        break;
    case TransferStatus::Cancelled:
        finish({ErrorKind::Cancelled, tr("Stopped."), 0, false});
        return;
    case TransferStatus::Aborted:
        finish({ErrorKind::Protocol,
                m_tooBig ? tr("The model list from %1 is implausibly large.").arg(url)
                         : outcome.message,
                0, false});
        return;
    case TransferStatus::ConnectFailed:
        finish({ErrorKind::Network, tr("Could not connect to %1: %2").arg(url, outcome.message), 0,
                true});
        return;
    case TransferStatus::IdleTimeout:
        finish({ErrorKind::IdleTimeout, tr("%1 did not answer in time.").arg(url), 0, true});
        return;
    case TransferStatus::NotStarted:
        finish({ErrorKind::Network, outcome.message, 0, false});
        return;
    default:
        finish({ErrorKind::Network, tr("The connection to %1 failed: %2").arg(url, outcome.message),
                0, false});
        return;
    }
    if (m_head.status < 200 || m_head.status >= 300) {
        finish(m_provider->mapHttpError(m_head, m_body, m_request.provider));
        return;
    }
    ModelPage page = m_provider->parseModels(m_body);
    if (page.error) {
        finish(*page.error);
        return;
    }
    m_result.models += page.models;
    if (!page.nextPageToken.isEmpty() && m_pages < kMaxPages) {
        fetch(page.nextPageToken);
        return;
    }
    finish();
}

void ModelLister::finish(TurnError error)
{
    m_finished = true;
    m_result.error = std::move(error);
    if (m_result.error.kind != ErrorKind::None)
        m_result.models.clear(); // a partial list would look complete
    Q_EMIT finished(m_result);
}

} // namespace keel::core
