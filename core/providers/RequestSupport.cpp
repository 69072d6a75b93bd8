// RequestSupport: shared request-building helpers.
#include "providers/RequestSupport.h"

namespace keel::core {

void setHeader(HttpHeaders& headers, const QByteArray& name, const QByteArray& value)
{
    headers.removeIf(
        [&](const auto& header) { return header.first.compare(name, Qt::CaseInsensitive) == 0; });
    headers.emplaceBack(name, value);
}

void applyExtraHeaders(HttpHeaders& headers, const ProviderConfig& config)
{
    for (const auto& [name, value] : config.extraHeaders)
        setHeader(headers, name, value);
}

void applyTransport(HttpRequest& http, const ProviderConfig& config)
{
    http.verifyTls = config.verifyTls;
    http.proxy = config.proxy;
}

void applyTransport(HttpRequest& http, const TurnRequest& request)
{
    http.connectTimeoutMs = request.connectTimeoutMs;
    http.idleTimeoutMs = request.idleTimeoutMs;
    applyTransport(http, request.provider);
}

QByteArray jsonBody(const nlohmann::ordered_json& body)
{
    const std::string text =
        body.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    return QByteArray(text.data(), static_cast<qsizetype>(text.size()));
}

const char* chatRoleName(Role role)
{
    switch (role) {
    case Role::System:
        return "system";
    case Role::Assistant:
        return "assistant";
    case Role::Tool:
        return "tool";
    case Role::User:
        break;
    }
    return "user";
}

QString wireText(const ChatMessage& message)
{
    return message.attachments.isEmpty()
               ? message.content
               : textWithAttachments(message.content, message.attachments);
}

QList<Attachment> wireImages(const ChatMessage& message)
{
    QList<Attachment> images;
    if (message.role != Role::User)
        return images;
    for (const Attachment& attachment : message.attachments) {
        if (attachment.isImage() && !attachment.data.isEmpty())
            images.append(attachment);
    }
    return images;
}

std::string base64Data(const Attachment& image)
{
    const QByteArray encoded = image.data.toBase64();
    return std::string(encoded.constData(), static_cast<size_t>(encoded.size()));
}

} // namespace keel::core
