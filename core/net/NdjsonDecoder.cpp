// NdjsonDecoder: line framing of NDJSON streams, scanning only the bytes that are new.
#include "net/NdjsonDecoder.h"

#include <cstring>
#include <utility>

namespace keel::core {

namespace {

// The line buffer keeps its capacity between lines so steady streaming does not allocate, but
// one huge line must not pin its memory for the rest of a long-lived stream.
constexpr qsizetype kRetainedCapacity = qsizetype(64) * 1024;

void resetBuffer(QByteArray& buffer)
{
    if (buffer.capacity() > kRetainedCapacity)
        buffer = QByteArray();
    else
        buffer.resize(0);
}

} // namespace

NdjsonDecoder::NdjsonDecoder(LineHandler onLine)
    : m_onLine(std::move(onLine))
{
}

void NdjsonDecoder::feed(QByteArrayView chunk)
{
    const char* pos = chunk.data();
    const char* const end = pos + chunk.size();
    // Only the new bytes are scanned: m_line is known to hold no '\n', so a line arriving one
    // byte at a time costs linear time, not quadratic.
    while (pos < end) {
        const void* hit = std::memchr(pos, '\n', size_t(end - pos));
        if (!hit) {
            m_line.append(pos, end - pos);
            return;
        }
        const char* const eol = static_cast<const char*>(hit);
        if (m_line.isEmpty()) {
            // The common case: the whole line is inside this chunk, so no copy is needed.
            deliver(QByteArrayView(pos, eol - pos));
        } else {
            m_line.append(pos, eol - pos);
            deliver(m_line);
            resetBuffer(m_line);
        }
        pos = eol + 1;
    }
}

bool NdjsonDecoder::finish()
{
    QByteArrayView line = m_line;
    if (line.endsWith('\r'))
        line.chop(1);
    const bool hadLine = !line.isEmpty();
    if (hadLine) {
        // Moved out first so that the handler sees a decoder ready for a new stream.
        const QByteArray last = std::exchange(m_line, QByteArray());
        deliver(QByteArrayView(last));
    }
    resetBuffer(m_line);
    return hadLine;
}

void NdjsonDecoder::deliver(QByteArrayView line)
{
    // A '\r' that ended the previous chunk is still in the line here, however it was split.
    if (line.endsWith('\r'))
        line.chop(1);
    if (!line.isEmpty() && m_onLine)
        m_onLine(line);
}

} // namespace keel::core
