#include "providers/OpenAiProvider.h"

#include "providers/OpenAiStreamMapper.h"
#include "providers/ProviderErrors.h"

#include <nlohmann/json.hpp>

namespace keel::core {

namespace {

// Insertion order keeps the body readable in diagnostics (model first, messages next).
using Json = nlohmann::ordered_json;

const char* roleName(Role role)
{
    switch (role) {
    case Role::System:
        return "system";
    case Role::Assistant:
        return "assistant";
    case Role::User:
        break;
    }
    return "user";
}

Json message(const char* role, const QString& content)
{
    return Json{{"role", role}, {"content", content.toStdString()}};
}

// Headers from the provider config win over ours, so a user can e.g. replace Authorization for a
// gateway that wants a different scheme. HTTP header names are case-insensitive.
void setHeader(HttpHeaders& headers, const QByteArray& name, const QByteArray& value)
{
    headers.removeIf(
        [&](const auto& header) { return header.first.compare(name, Qt::CaseInsensitive) == 0; });
    headers.emplaceBack(name, value);
}

} // namespace

HttpRequest OpenAiProvider::buildRequest(const TurnRequest& request) const
{
    HttpRequest http;
    http.method = "POST";

    QString base = request.provider.baseUrl.trimmed();
    while (base.endsWith(u'/'))
        base.chop(1);
    http.url = base + QStringLiteral("/chat/completions");

    http.headers.emplaceBack("Content-Type", "application/json");
    http.headers.emplaceBack("Accept", "text/event-stream");
    // Local servers (LM Studio, llama.cpp, Ollama) need no key; an empty "Bearer " header
    // makes some of them reject the request.
    if (!request.provider.apiKey.isEmpty())
        http.headers.emplaceBack("Authorization", "Bearer " + request.provider.apiKey.toUtf8());
    for (const auto& [name, value] : request.provider.extraHeaders)
        setHeader(http.headers, name, value);

    Json messages = Json::array();
    if (!request.systemPrompt.isEmpty())
        messages.push_back(message("system", request.systemPrompt));
    for (const ChatMessage& chatMessage : request.messages)
        messages.push_back(message(roleName(chatMessage.role), chatMessage.content));

    Json body = Json::object();
    body["model"] = request.model.toStdString();
    body["messages"] = std::move(messages);
    body["stream"] = true;
    // Without this the usage chunk is never sent when streaming.
    body["stream_options"] = Json{{"include_usage", true}};
    if (request.temperature)
        body["temperature"] = *request.temperature;
    if (request.maxTokens)
        body["max_tokens"] = *request.maxTokens;

    // QString::toStdString always yields valid UTF-8 (a lone surrogate becomes '?'); the replace
    // handler is a second guarantee that dump() cannot throw.
    const std::string text = body.dump(-1, ' ', false, Json::error_handler_t::replace);
    http.body = QByteArray(text.data(), static_cast<qsizetype>(text.size()));

    http.connectTimeoutMs = request.connectTimeoutMs;
    http.idleTimeoutMs = request.idleTimeoutMs;
    return http;
}

std::unique_ptr<StreamMapper> OpenAiProvider::createMapper() const
{
    return std::make_unique<OpenAiStreamMapper>();
}

TurnError OpenAiProvider::mapHttpError(const HttpResponseHead& head, const QByteArray& body,
                                       const ProviderConfig& config) const
{
    return httpError(head, body, config);
}

std::unique_ptr<Provider> createProvider(const QString& kind)
{
    if (kind.compare(QStringLiteral("openai"), Qt::CaseInsensitive) == 0)
        return std::make_unique<OpenAiProvider>();
    return nullptr;
}

} // namespace keel::core
