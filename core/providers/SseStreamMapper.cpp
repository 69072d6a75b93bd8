// SseStreamMapper: see SseStreamMapper.h.
#include "providers/SseStreamMapper.h"

#include <utility>

namespace keel::core {

SseStreamMapper::SseStreamMapper()
    : m_decoder(SseDecoder::Handlers{
        [this](const SseEvent& event) { onEvent(event); },
        {},
        {},
    })
{
}

StreamEvents SseStreamMapper::feed(QByteArrayView bytes)
{
    m_decoder.feed(bytes);
    return std::exchange(m_pending, {});
}

StreamEvents SseStreamMapper::finish()
{
    // A trailing event without its blank line is dropped, as EventSource does; truncated JSON is
    // not worth guessing at.
    m_decoder.finish();
    return std::exchange(m_pending, {});
}

} // namespace keel::core
