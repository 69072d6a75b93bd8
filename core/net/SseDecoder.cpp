#include "net/SseDecoder.h"

#include <algorithm>
#include <climits>
#include <cstring>
#include <string_view>
#include <utility>

namespace keel::core {

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr qsizetype kBomSize = qsizetype(kBom.size());

// Buffers keep their capacity between lines and events so steady streaming does not allocate,
// but one huge line must not pin its memory for the rest of a long-lived stream.
constexpr qsizetype kRetainedCapacity = qsizetype(64) * 1024;

void resetBuffer(QByteArray& buffer)
{
    if (buffer.capacity() > kRetainedCapacity)
        buffer = QByteArray();
    else
        buffer.resize(0);
}

const char* findByte(const char* from, const char* end, char byte)
{
    const void* hit = std::memchr(from, byte, size_t(end - from));
    return hit ? static_cast<const char*>(hit) : end;
}

} // namespace

SseDecoder::SseDecoder(Handlers handlers)
    : m_handlers(std::move(handlers))
{
}

void SseDecoder::feed(QByteArrayView chunk)
{
    if (chunk.isEmpty())
        return;
    if (m_firstLine) {
        chunk = skipBom(chunk);
        if (chunk.isEmpty())
            return;
    }
    if (m_lastWasCr) {
        m_lastWasCr = false;
        if (chunk.front() == '\n') {
            chunk = chunk.sliced(1);
            if (chunk.isEmpty())
                return;
        }
    }

    const char* pos = chunk.data();
    const char* const end = pos + chunk.size();
    // Both terminators are searched with memchr, and each hit is only searched again once the
    // scan has moved past it, so every byte of the chunk is examined a bounded number of times
    // whatever the mix of line endings. Bytes already in m_line are never rescanned: they are
    // known to hold no terminator.
    const char* nextLf = findByte(pos, end, '\n');
    const char* nextCr = findByte(pos, end, '\r');
    while (pos < end) {
        if (nextLf < pos)
            nextLf = findByte(pos, end, '\n');
        if (nextCr < pos)
            nextCr = findByte(pos, end, '\r');
        const char* const eol = std::min(nextLf, nextCr);
        if (eol == end) {
            m_line.append(pos, end - pos);
            return;
        }

        if (m_line.isEmpty()) {
            // The common case: the whole line is inside this chunk, so no copy is needed.
            processLine(QByteArrayView(pos, eol - pos));
        } else {
            m_line.append(pos, eol - pos);
            processLine(m_line);
            resetBuffer(m_line);
        }

        pos = eol + 1;
        if (*eol == '\r') {
            if (pos == end)
                m_lastWasCr = true; // the LF of a CRLF may be the first byte of the next chunk
            else if (*pos == '\n')
                ++pos;
        }
    }
}

bool SseDecoder::finish()
{
    const bool dropped = !m_line.isEmpty() || !m_data.isEmpty();
    resetStream();
    return dropped;
}

// A BOM may itself arrive split across chunks, so the bytes that still match its prefix wait in
// m_line until the match is decided; if it fails they are ordinary line content (none of them
// is a line terminator, so they need no scanning).
QByteArrayView SseDecoder::skipBom(QByteArrayView chunk)
{
    qsizetype matched = m_line.size();
    qsizetype used = 0;
    while (matched < kBomSize && used < chunk.size() && chunk[used] == kBom[size_t(matched)]) {
        ++matched;
        ++used;
    }
    if (matched == kBomSize) {
        m_firstLine = false;
        m_line.resize(0);
        return chunk.sliced(used);
    }
    if (used == chunk.size()) {
        m_line.append(chunk.data(), chunk.size());
        return {};
    }
    m_firstLine = false;
    return chunk;
}

void SseDecoder::processLine(QByteArrayView line)
{
    if (line.isEmpty()) {
        dispatch();
        return;
    }
    if (line.front() == ':') {
        if (m_handlers.onComment)
            m_handlers.onComment(line.sliced(1));
        return;
    }

    QByteArrayView field = line;
    QByteArrayView value;
    if (const qsizetype colon = line.indexOf(':'); colon >= 0) {
        field = line.first(colon);
        value = line.sliced(colon + 1);
        if (value.startsWith(' '))
            value = value.sliced(1);
    }

    if (field == QByteArrayView("data")) {
        m_data.append(value.data(), value.size());
        m_data.append('\n');
    } else if (field == QByteArrayView("event")) {
        m_eventType = QString::fromUtf8(value);
    } else if (field == QByteArrayView("id")) {
        // A NUL would make the id unusable as a Last-Event-ID header, so the spec ignores it.
        if (!value.contains('\0'))
            m_idBuffer = QString::fromUtf8(value);
    } else if (field == QByteArrayView("retry")) {
        if (value.isEmpty())
            return;
        qint64 ms = 0;
        for (const char c : value) {
            if (c < '0' || c > '9')
                return;
            // Saturating keeps ms * 10 + 9 far inside qint64 for any number of digits.
            ms = std::min<qint64>(ms * 10 + (c - '0'), INT_MAX);
        }
        if (m_handlers.onRetry)
            m_handlers.onRetry(int(ms));
    }
    // Other fields are ignored, as the spec requires, so servers can extend the format.
}

void SseDecoder::dispatch()
{
    // The id is committed even when no event follows: servers use a bare `id:` block to move the
    // reconnection point forward.
    m_lastEventId = m_idBuffer;
    if (m_data.isEmpty()) {
        m_eventType.clear();
        return;
    }

    SseEvent event;
    m_data.chop(1); // every data line appended a '\n'; only the separators between them stay
    event.data = QString::fromUtf8(m_data);
    if (!m_eventType.isEmpty())
        event.type = std::exchange(m_eventType, QString());
    event.lastEventId = m_lastEventId;
    // State is reset before the handler runs so that it sees a decoder ready for the next event.
    resetBuffer(m_data);
    if (m_handlers.onEvent)
        m_handlers.onEvent(event);
}

// The decoder may be fed a new stream (a reconnection) after finish(); only the last event id
// survives, because it is what the reconnection sends back as Last-Event-ID.
void SseDecoder::resetStream()
{
    resetBuffer(m_line);
    resetBuffer(m_data);
    m_lastWasCr = false;
    m_firstLine = true;
    m_eventType.clear();
    m_idBuffer = m_lastEventId;
}

} // namespace keel::core
