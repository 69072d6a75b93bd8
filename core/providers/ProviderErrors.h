// ProviderErrors: shared helpers that turn HTTP statuses and error bodies into human TurnErrors.
#pragma once

#include "chat/ChatTypes.h"
#include "net/HttpRequest.h"

#include <QByteArray>

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

} // namespace keel::core
