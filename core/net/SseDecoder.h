// SseDecoder: turns a byte stream into Server-Sent Events following the WHATWG EventSource
// parsing rules (LF/CR/CRLF line ends, comments, multi-line data, event, id, retry), for chunks
// split anywhere, including inside a UTF-8 character or a CRLF pair.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <functional>
#include <optional>

namespace keel::core {

struct SseEvent {
    QString type = QStringLiteral("message"); // the `event` field, "message" when absent
    QString data;                             // `data` lines joined with '\n'
    QString lastEventId;                      // the decoder's last event id at dispatch time
};

class SseDecoder {
public:
    struct Handlers {
        std::function<void(const SseEvent&)> onEvent;
        std::function<void(QByteArrayView comment)> onComment; // a line starting with ':'
        std::function<void(int retryMs)> onRetry;
    };

    explicit SseDecoder(Handlers handlers);

    // Feeds the next chunk of the stream. Events are dispatched synchronously from here.
    void feed(QByteArrayView chunk);
    // End of stream: a pending event without its terminating blank line is discarded, as the
    // spec says; returns true if such an incomplete event (or partial line) was dropped.
    bool finish();

    const QString& lastEventId() const { return m_lastEventId; }
    // Bytes buffered in an unterminated line (for limits and diagnostics).
    qsizetype pendingLineBytes() const { return m_line.size(); }

private:
    QByteArrayView skipBom(QByteArrayView chunk);
    void processLine(QByteArrayView line);
    void dispatch();
    void resetStream();

    Handlers m_handlers;
    QByteArray m_line;        // bytes of the current line, not yet terminated
    bool m_lastWasCr = false; // a CR ended the previous chunk's line: skip a following LF
    bool m_firstLine = true;  // a leading UTF-8 BOM is skipped once
    QByteArray m_data;        // data buffer, UTF-8 bytes; decoded at dispatch time
    QString m_eventType;
    QString m_idBuffer; // the spec's "last event ID buffer", committed at dispatch
    QString m_lastEventId;
};

} // namespace keel::core
