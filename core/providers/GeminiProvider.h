// GeminiProvider: see GeminiProvider.cpp.
#pragma once

#include "providers/Provider.h"

namespace keel::core {

class GeminiProvider final : public Provider {
public:
    QString defaultBaseUrl() const override;
    HttpRequest buildRequest(const TurnRequest& request) const override;
    std::unique_ptr<StreamMapper> createMapper(bool streaming) const override;
    TurnError mapHttpError(const HttpResponseHead& head, const QByteArray& body,
                           const ProviderConfig& config) const override;
    HttpRequest buildModelsRequest(const ProviderConfig& config,
                                   const QString& pageToken) const override;
    ModelPage parseModels(const QByteArray& body) const override;
};

} // namespace keel::core
