// RequestSupport: what every provider's request builder shares: header merging (the user's extra
// headers win, names compared case-insensitively), the transport settings (proxy, TLS) and the
// chat role names most APIs use.
#pragma once

#include "chat/ChatTypes.h"
#include "net/HttpRequest.h"

namespace keel::core {

// Replaces any header of that name (case-insensitive), then adds it.
void setHeader(HttpHeaders& headers, const QByteArray& name, const QByteArray& value);
// The provider config's extra headers, overriding ours, so a user can e.g. replace
// Authorization for a gateway that wants another scheme.
void applyExtraHeaders(HttpHeaders& headers, const ProviderConfig& config);
// How the provider is reached rather than what is asked: its proxy and TLS verification (which
// CurlMulti honours for loopback hosts only). TurnRunner and ModelLister apply it to every
// request they start.
void applyTransport(HttpRequest& http, const ProviderConfig& config);
// "system" / "user" / "assistant", as OpenAI and Ollama name them.
const char* chatRoleName(Role role);

} // namespace keel::core
