// Provider: one wire protocol = a request builder, a stream mapper factory and an error mapper.
// TurnRunner talks to this interface only; it never knows which provider it is driving.
#pragma once

#include "chat/ChatTypes.h"
#include "net/HttpRequest.h"
#include "providers/StreamEvent.h"

#include <QByteArray>

#include <memory>

namespace keel::core {

// Turns the decoded body of a streaming response into StreamEvents. Stateful, one per attempt.
class StreamMapper {
public:
    virtual ~StreamMapper() = default;
    // Raw body bytes as they arrive, any chunking. Returns the events they completed.
    virtual StreamEvents feed(QByteArrayView bytes) = 0;
    // The response ended: flushes what is buffered. Does not invent a finish event.
    virtual StreamEvents finish() = 0;
    // True once the stream said it was done ([DONE], message_stop, done:true ...).
    virtual bool sawEndOfStream() const = 0;
};

class Provider {
public:
    virtual ~Provider() = default;
    virtual HttpRequest buildRequest(const TurnRequest& request) const = 0;
    virtual std::unique_ptr<StreamMapper> createMapper() const = 0;
    // A non-2xx response: status, headers and the (possibly truncated) body, as a human error.
    virtual TurnError mapHttpError(const HttpResponseHead& head, const QByteArray& body,
                                   const ProviderConfig& config) const = 0;
};

// The provider for config.kind, or nullptr if Keel does not know that kind.
std::unique_ptr<Provider> createProvider(const QString& kind);

} // namespace keel::core
