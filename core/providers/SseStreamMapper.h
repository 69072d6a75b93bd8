// SseStreamMapper: the StreamMapper base for providers that stream Server-Sent Events. It owns the
// SseDecoder and the events completed so far, so feed/finish exist once; a subclass maps each
// decoded SseEvent in onEvent and hands its results to push.
#pragma once

#include "net/SseDecoder.h"
#include "providers/Provider.h"

#include <utility>

namespace keel::core {

class SseStreamMapper : public StreamMapper {
public:
    StreamEvents feed(QByteArrayView bytes) final;
    StreamEvents finish() final;

protected:
    SseStreamMapper();

    // One complete SSE event; called from within feed/finish, never during construction.
    virtual void onEvent(const SseEvent& event) = 0;
    void push(StreamEvent event) { m_pending.push_back(std::move(event)); }
    // What was pushed and not yet returned, for subclasses that map outside feed (a whole
    // non-streamed response).
    StreamEvents takePending() { return std::exchange(m_pending, {}); }

private:
    // The decoder's handler captures `this`; a copy would dispatch into the original.
    Q_DISABLE_COPY_MOVE(SseStreamMapper)

    SseDecoder m_decoder;
    StreamEvents m_pending;
};

} // namespace keel::core
