// NdjsonDecoder: frames a newline-delimited JSON byte stream (Ollama's streaming format) into
// lines, for chunks split anywhere, including inside a line, a CRLF pair or a UTF-8 character.
// It works on bytes only; decoding and parsing belong to the caller.
#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <functional>

namespace keel::core {

class NdjsonDecoder {
public:
    // A complete line without its '\n' and a trailing '\r'; never empty. The view is valid only
    // during the call.
    using LineHandler = std::function<void(QByteArrayView line)>;

    explicit NdjsonDecoder(LineHandler onLine);

    // Feeds the next chunk of the stream. Lines are delivered synchronously from here.
    void feed(QByteArrayView chunk);
    // End of stream: delivers a final line that had no terminating newline (servers may omit
    // it) and returns true if there was one. The decoder can then be fed a new stream.
    bool finish();

    // Bytes buffered in an unterminated line (for limits and diagnostics).
    qsizetype pendingLineBytes() const { return m_line.size(); }

private:
    void deliver(QByteArrayView line);

    LineHandler m_onLine;
    QByteArray m_line; // bytes of the current line, not yet terminated; never holds a '\n'
};

} // namespace keel::core
