// Provider: one wire protocol = a request builder, a stream mapper factory and an error mapper.
// TurnRunner talks to this interface only; it never knows which provider it is driving.
#pragma once

#include "chat/ChatTypes.h"
#include "net/HttpRequest.h"
#include "providers/StreamEvent.h"

#include <QByteArray>
#include <QStringList>

#include <memory>
#include <optional>

namespace keel::core {

// Turns the body of a response (a stream, or one whole non-streamed reply) into StreamEvents.
// Stateful, one per attempt.
class StreamMapper {
public:
    virtual ~StreamMapper() = default;
    // Raw body bytes as they arrive, any chunking. Returns the events they completed.
    virtual StreamEvents feed(QByteArrayView bytes) = 0;
    // The response ended: flushes what is buffered. Does not invent a finish event.
    virtual StreamEvents finish() = 0;
    // True once the stream said it was done ([DONE], message_stop, done:true ...), or a whole
    // response was parsed.
    virtual bool sawEndOfStream() const = 0;
};

// One page of a model list.
struct ModelPage {
    QList<ModelInfo> models;
    QString nextPageToken;          // empty: this was the last page
    std::optional<TurnError> error; // the body could not be understood
};

class Provider {
public:
    virtual ~Provider() = default;
    // The kind's default base URL when the user gave none (may read the environment, e.g.
    // OLLAMA_HOST).
    virtual QString defaultBaseUrl() const = 0;
    // Honours request.stream: false asks for one plain (non-streamed) response.
    virtual HttpRequest buildRequest(const TurnRequest& request) const = 0;
    // The mapper for one attempt: of the stream, or (streaming false) of the whole response
    // body, mapped to the same events.
    virtual std::unique_ptr<StreamMapper> createMapper(bool streaming) const = 0;
    // A non-2xx response: status, headers and the (possibly truncated) body, as a human error.
    virtual TurnError mapHttpError(const HttpResponseHead& head, const QByteArray& body,
                                   const ProviderConfig& config) const = 0;

    // Model listing: a GET for one page (pageToken empty for the first) and its parser. Lists
    // only models that can chat (e.g. Gemini models that generate content).
    virtual HttpRequest buildModelsRequest(const ProviderConfig& config,
                                           const QString& pageToken) const = 0;
    virtual ModelPage parseModels(const QByteArray& body) const = 0;
};

// The provider kinds Keel speaks: "openai", "anthropic", "gemini", "ollama".
QStringList providerKinds();

// The provider for config.kind, or nullptr if Keel does not know that kind.
std::unique_ptr<Provider> createProvider(const QString& kind);

} // namespace keel::core
