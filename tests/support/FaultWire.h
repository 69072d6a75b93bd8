// FaultWire: the bytes each provider kind (openai, anthropic, gemini, ollama) puts on the wire,
// so that one fault scenario can be scripted once and played in every kind's own format: token
// events, the finish, an event of a type Keel does not know, a malformed event, a keep-alive,
// and the kind's error body. Used by the fault matrix (tests/reliability).
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace keel::test {

class FaultWire {
public:
    // "openai", "anthropic", "gemini" or "ollama".
    explicit FaultWire(QString kind);

    static QStringList kinds();

    const QString& kind() const { return m_kind; }
    bool isNdjson() const { return m_kind == QLatin1String("ollama"); }
    // The Content-Type of a stream of this kind.
    QByteArray streamContentType() const;
    // The base URL a ProviderConfig of this kind uses for a server on 127.0.0.1:port (or on
    // host, for the DNS and TLS cases).
    QString baseUrl(quint16 port, const QString& scheme = QStringLiteral("http"),
                    const QString& host = QStringLiteral("127.0.0.1")) const;

    // What a stream sends before its first token (Anthropic: message_start and the text block's
    // start; the others: nothing).
    QByteArray prologue() const;
    // One text delta. text is escaped for JSON; rawToken takes the bytes of the JSON string's
    // content as they are, so a test can put invalid UTF-8 inside.
    QByteArray token(const QString& text) const;
    QByteArray rawToken(const QByteArray& jsonStringContent) const;
    // The normal end of a stream: finish reason "stop", usage where the kind sends it, and the
    // end marker ([DONE], message_stop, done:true; Gemini's finishReason).
    QByteArray finish() const;
    // prologue + one token per text + finish.
    QByteArray stream(const QStringList& tokens) const;
    // A well-formed event of a type (or shape) this build does not know: must be ignored.
    QByteArray unknownEvent() const;
    // A complete event whose JSON is cut off: not parseable.
    QByteArray malformedEvent() const;
    // A no-op the kind's decoder skips and counts as activity. SSE: a comment line. NDJSON has
    // no comment syntax, so an empty line: the only no-op every NDJSON reader skips (Ollama's
    // own client and ours ignore blank lines), and what NDJSON proxies send to keep a silent
    // connection alive.
    QByteArray keepAlive() const;
    // The kind's JSON error body carrying message: OpenAI {"error":{"message","type"}}, Anthropic
    // {"type":"error","error":{"type","message"}}, Gemini {"error":{"code","message","status"}},
    // Ollama {"error":"..."}.
    QByteArray errorBody(int status, const QString& message) const;

private:
    QByteArray sseEvent(const QByteArray& name, const QByteArray& json) const;

    QString m_kind;
};

// text as the content of a JSON string (quotes, backslashes and control characters escaped;
// everything else as UTF-8).
QByteArray jsonStringContent(const QString& text);

} // namespace keel::test
