// OpenAiProvider: OpenAI Chat Completions (`POST {base}/chat/completions`, SSE), which every
// OpenAI-compatible server also speaks.
#pragma once

#include "providers/Provider.h"

namespace keel::core {

class OpenAiProvider final : public Provider {
public:
    HttpRequest buildRequest(const TurnRequest& request) const override;
    std::unique_ptr<StreamMapper> createMapper() const override;
    TurnError mapHttpError(const HttpResponseHead& head, const QByteArray& body,
                           const ProviderConfig& config) const override;
};

} // namespace keel::core
