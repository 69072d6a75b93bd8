// RequestSupport: what every provider's request builder shares: header merging (the user's extra
// headers win, names compared case-insensitively), the transport settings (proxy, TLS), the
// chat role names most APIs use and the parts of a message with attachments.
#pragma once

#include "chat/ChatTypes.h"
#include "net/HttpRequest.h"

#include <nlohmann/json.hpp>

namespace keel::core {

// Replaces any header of that name (case-insensitive), then adds it.
void setHeader(HttpHeaders& headers, const QByteArray& name, const QByteArray& value);
// The provider config's extra headers, overriding ours, so a user can e.g. replace
// Authorization for a gateway that wants another scheme.
void applyExtraHeaders(HttpHeaders& headers, const ProviderConfig& config);
// How the provider is reached rather than what is asked: its proxy and TLS verification (which
// CurlMulti honours for loopback hosts only). ModelLister applies it to every page it asks for.
void applyTransport(HttpRequest& http, const ProviderConfig& config);
// The same for a turn, with the turn's connect and idle timeouts: every buildRequest ends here.
void applyTransport(HttpRequest& http, const TurnRequest& request);
// A request body: compact JSON. The replace handler guarantees dump() cannot throw, whatever
// the text holds (QString::toStdString already yields valid UTF-8).
QByteArray jsonBody(const nlohmann::ordered_json& body);
// "system" / "user" / "assistant" / "tool", as OpenAI and Ollama name them.
const char* chatRoleName(Role role);

// The text a message is sent with: its content, with its text attachments inlined as fenced
// blocks (textWithAttachments). Every provider sends text files this way.
QString wireText(const ChatMessage& message);
// The images a message carries as image input: a user message's image attachments, in order
// (APIs take images from the user only).
QList<Attachment> wireImages(const ChatMessage& message);
// An image's bytes as base64 text, as every API wants them inside JSON.
std::string base64Data(const Attachment& image);

} // namespace keel::core
