// RequestSupport: what every provider's request builder shares: header merging (the user's extra
// headers win, names compared case-insensitively) and the chat role names most APIs use.
#pragma once

#include "chat/ChatTypes.h"
#include "net/HttpRequest.h"

namespace keel::core {

// Replaces any header of that name (case-insensitive), then adds it.
void setHeader(HttpHeaders& headers, const QByteArray& name, const QByteArray& value);
// The provider config's extra headers, overriding ours, so a user can e.g. replace
// Authorization for a gateway that wants another scheme.
void applyExtraHeaders(HttpHeaders& headers, const ProviderConfig& config);
// "system" / "user" / "assistant", as OpenAI and Ollama name them.
const char* chatRoleName(Role role);

} // namespace keel::core
