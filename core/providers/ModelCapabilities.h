// ModelCapabilities: what Keel knows about a model without asking it: whether it takes image
// input. Known families only; everything else is "unknown", and the provider's own refusal (a 400
// naming images) is turned into the same clear message by ProviderErrors.
#pragma once

#include <QString>

#include <optional>

namespace keel::core {

// true: the model is known to accept images; false: known not to (e.g. gpt-3.5-turbo,
// o1-mini, deepseek-chat); nullopt: not known.
std::optional<bool> acceptsImages(const QString& providerKind, const QString& model);

// "gpt-3.5-turbo does not accept images. Remove the image, or choose a model that reads images
// (for example …)." For the composer's refusal and for a provider's 400.
QString imagesNotAcceptedMessage(const QString& model);

} // namespace keel::core
