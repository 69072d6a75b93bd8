// ProviderErrors: shared helpers that turn HTTP statuses and error bodies into human TurnErrors.
#pragma once

#include "chat/ChatTypes.h"
#include "net/HttpRequest.h"

#include <QByteArray>
#include <QString>

namespace keel::core {

// The error kind an HTTP status means (401/403 auth, 429 rate limit, 5xx/529 server, 4xx request).
ErrorKind errorKindForStatus(int status);
// Pulls the provider's own message out of common JSON error shapes ({"error":{"message"}},
// {"error":"..."}, {"message":...}, {"detail":...}); falls back to a trimmed snippet of the body
// if it is text, or nothing if it is HTML or binary.
QString providerMessageFromBody(const QByteArray& body);
// "Authentication failed: <msg>. Check <key source>." and friends; status and body kept.
TurnError httpError(const HttpResponseHead& head, const QByteArray& body,
                    const ProviderConfig& config);
// Whether a refused request (400/415/422) was refused for its images: the message names images,
// vision, multimodal input or image_url, or says the model "does not support" something that is
// not a tool; a complaint about an image's size ("exceeds 5 MB maximum") is not a refusal.
bool isImageRefusal(const TurnError& error);
// error, unchanged unless the request carried images, isImageRefusal(error) and the model is not
// known to read images (acceptsImages): then its message starts with
// imagesNotAcceptedMessage(model), followed by what the provider said.
TurnError withImageRefusal(TurnError error, const QString& providerKind, const QString& model,
                           bool requestHadImages);

} // namespace keel::core
