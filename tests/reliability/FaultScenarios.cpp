// FaultScenarios: the scripted faults of the matrix and the outcome each must have.
#include "FaultScenarios.h"

namespace keel::test {

using core::ErrorKind;
using core::TurnOutcome;

namespace {

Response streamResponse(const FaultWire& wire, std::vector<Step> steps)
{
    Response response = Response::sse(std::move(steps));
    response.contentType = wire.streamContentType();
    return response;
}

QString joined(const QStringList& tokens)
{
    return tokens.join(QString());
}

// 5 MB of text in one token: one event, one line on the wire.
QString hugeToken()
{
    const QString pattern =
        QStringLiteral("The quick brown fox jumps over the lazy dog 0123456789. ");
    QString text = pattern.repeated(5 * 1024 * 1024 / pattern.size() + 1);
    text.truncate(5 * 1024 * 1024);
    return text;
}

// About 2 MB of UTF-8 in 128-character tokens, numbered so a lost or repeated one shows.
QStringList longReplyTokens()
{
    QStringList tokens;
    qsizetype bytes = 0;
    for (int i = 0; bytes < 2 * 1024 * 1024; ++i) {
        QString token =
            QStringLiteral("[%1] caf\u00e9 \u20ac \u4f60\u597d ").arg(i, 6, 10, QChar(u'0'));
        token = token.leftJustified(128, u'.');
        bytes += token.toUtf8().size();
        tokens.append(token);
    }
    return tokens;
}

// The wire bytes of a stream split inside each multi-byte character, so that no chunk ends on a
// character boundary there. Each piece is flushed alone, with a pause between, so the client reads
// them separately.
std::vector<Step> splitInsideCharacters(const QByteArray& bytes)
{
    std::vector<Step> steps;
    qsizetype from = 0;
    for (const QByteArray& character :
         {QByteArray("\xC3\xB6"), QByteArray("\xE4\xBD\xA0"), QByteArray("\xF0\x9F\x8C\x8D")}) {
        const qsizetype at = bytes.indexOf(character, from);
        if (at < 0)
            continue;
        const qsizetype cut = at + character.size() / 2;
        steps.push_back(Step::send(bytes.mid(from, cut - from)));
        steps.push_back(Step::delay(30));
        from = cut;
    }
    steps.push_back(Step::send(bytes.mid(from), 1)); // and the rest a byte at a time
    return steps;
}

} // namespace

QList<int> matrixStatuses()
{
    return {400, 401, 403, 404, 408, 413, 429, 500, 502, 503, 504, 529};
}

StatusExpectation expectationForStatus(int status)
{
    switch (status) {
    case 400:
        return {ErrorKind::InvalidRequest, false, QStringLiteral("request was refused")};
    case 401:
        return {ErrorKind::Auth, false, QStringLiteral("Authentication failed")};
    case 403:
        return {ErrorKind::Auth, false, QStringLiteral("Access denied")};
    case 404:
        return {ErrorKind::InvalidRequest, false, QStringLiteral("Not found")};
    case 408:
        // The server gave up waiting for the request: nothing is wrong with it, so it is a
        // transient server-side failure that a retry can fix.
        return {ErrorKind::ServerError, true, QStringLiteral("timed out")};
    case 413:
        return {ErrorKind::InvalidRequest, false, QStringLiteral("too large")};
    case 429:
        return {ErrorKind::RateLimit, true, QStringLiteral("Rate limited")};
    case 529:
        return {ErrorKind::ServerError, true, QStringLiteral("overloaded")};
    default: // 500, 502, 503, 504
        return {ErrorKind::ServerError, true, QStringLiteral("server error")};
    }
}

QStringList statusBodyVariants()
{
    return {QStringLiteral("json"), QStringLiteral("empty"), QStringLiteral("html")};
}

QString serverErrorMessage(int status)
{
    return QStringLiteral("Flux capacitor misaligned for status %1").arg(status);
}

QByteArray htmlErrorPage(int status)
{
    const QByteArray title = QByteArray::number(status) + " Error";
    return "<!DOCTYPE html>\r\n<html>\r\n<head><title>" + title
           + "</title></head>\r\n<body>\r\n"
             "<center><h1>"
           + title
           + "</h1></center>\r\n<hr><center>nginx</center>\r\n"
             "</body>\r\n</html>\r\n";
}

Response statusResponse(const FaultWire& wire, int status, const QString& bodyVariant,
                        const QByteArray& retryAfter)
{
    Response response =
        bodyVariant == QLatin1String("json")
            ? Response::body(status, wire.errorBody(status, serverErrorMessage(status)))
        : bodyVariant == QLatin1String("html")
            ? Response::body(status, htmlErrorPage(status), "text/html")
            : Response::body(status, {}, "text/plain");
    if (!retryAfter.isEmpty())
        response.headers.append({"Retry-After", retryAfter});
    return response;
}

QStringList partialTokens()
{
    return {QStringLiteral("Hello"), QStringLiteral(", w\u00f6rld"),
            QStringLiteral(" \u4f60\u597d"), QStringLiteral(" \U0001F30D")};
}

QStringList streamFaults()
{
    return {
        QStringLiteral("complete"),
        QStringLiteral("stop without finish"),
        QStringLiteral("close mid-body"),
        QStringLiteral("reset mid-stream"),
        QStringLiteral("malformed chunk"),
        QStringLiteral("unknown event"),
        QStringLiteral("invalid utf-8"),
        QStringLiteral("split utf-8"),
        QStringLiteral("keep-alive between tokens"),
        QStringLiteral("empty 200 body"),
        QStringLiteral("html page with 200"),
        QStringLiteral("5 MB line"),
        QStringLiteral("2 MB reply"),
    };
}

StreamScenario streamScenario(const QString& fault, const FaultWire& wire)
{
    const QStringList tokens = partialTokens();
    QByteArray partial = wire.prologue();
    for (const QString& token : tokens)
        partial += wire.token(token);

    StreamScenario s;
    s.text = joined(tokens);
    s.connectionMayStayOpen = true;
    if (fault == QLatin1String("complete")) {
        s.response = streamResponse(wire, {Step::send(wire.stream(tokens))});
    } else if (fault == QLatin1String("stop without finish")) {
        // The body ends properly (last chunk) but the stream never said it was done.
        s.response = streamResponse(wire, {Step::send(partial)});
        s.outcome = TurnOutcome::Incomplete;
        s.errorKind = ErrorKind::Protocol;
        s.messageHas = {QStringLiteral("before the reply was finished")};
    } else if (fault == QLatin1String("close mid-body")) {
        // FIN in the middle of the chunked body: the server went away mid-reply.
        s.response = streamResponse(wire, {Step::send(partial), Step::delay(30), Step::close()});
        s.outcome = TurnOutcome::Error;
        s.errorKind = ErrorKind::Network;
        s.messageHas = {QStringLiteral("closed the connection"),
                        QStringLiteral("before the reply was finished")};
        s.connectionMayStayOpen = false;
    } else if (fault == QLatin1String("reset mid-stream")) {
        s.response = streamResponse(wire, {Step::send(partial), Step::delay(30), Step::abort()});
        s.outcome = TurnOutcome::Error;
        s.errorKind = ErrorKind::Network;
        s.messageHas = {QStringLiteral("connection"), QStringLiteral("reset")};
        s.connectionMayStayOpen = false;
    } else if (fault == QLatin1String("malformed chunk")) {
        // What follows the broken event is not used: nobody knows what the broken one held.
        s.response = streamResponse(
            wire, {Step::send(partial + wire.malformedEvent() + wire.token(QStringLiteral(" lost"))
                              + wire.finish())});
        s.outcome = TurnOutcome::Error;
        s.errorKind = ErrorKind::Protocol;
        s.messageHas = {QStringLiteral("malformed")};
        s.connectionMayStayOpen = false;
    } else if (fault == QLatin1String("unknown event")) {
        s.response = streamResponse(
            wire, {Step::send(wire.prologue() + wire.token(tokens[0]) + wire.unknownEvent()
                              + wire.token(tokens[1]) + wire.unknownEvent() + wire.finish())});
        s.text = tokens[0] + tokens[1];
    } else if (fault == QLatin1String("invalid utf-8")) {
        // Decided: an invalid byte becomes U+FFFD (as in every browser's EventSource) and the
        // reply goes on; one bad byte must not cost the user a long answer.
        // (Separate literals: "\xFFcd" would be one hex escape.)
        const QByteArray invalid = wire.rawToken(QByteArray(" ab\xFF"
                                                            "cd\x80"
                                                            "ef"));
        s.response =
            streamResponse(wire, {Step::send(partial), Step::send(invalid + wire.finish())});
        s.text += QStringLiteral(" ab\uFFFDcd\uFFFDef");
    } else if (fault == QLatin1String("split utf-8")) {
        s.response = streamResponse(wire, splitInsideCharacters(wire.stream(tokens)));
    } else if (fault == QLatin1String("keep-alive between tokens")) {
        s.response = streamResponse(
            wire, {Step::send(wire.prologue() + wire.keepAlive()), Step::delay(20),
                   Step::send(wire.token(tokens[0]) + wire.keepAlive() + wire.keepAlive()),
                   Step::delay(20), Step::send(wire.keepAlive() + wire.token(tokens[1])),
                   Step::send(wire.keepAlive() + wire.finish())});
        s.text = tokens[0] + tokens[1];
    } else if (fault == QLatin1String("empty 200 body")) {
        s.response = Response::body(200, {}, wire.streamContentType());
        s.outcome = TurnOutcome::Error;
        s.errorKind = ErrorKind::Protocol;
        s.text.clear();
        s.messageHas = {QStringLiteral("empty")};
    } else if (fault == QLatin1String("html page with 200")) {
        // A base URL that points at a web page (a login portal, a web UI) rather than the API.
        s.response = Response::body(200, htmlErrorPage(200), "text/html; charset=utf-8");
        s.outcome = TurnOutcome::Error;
        s.errorKind = ErrorKind::Protocol;
        s.text.clear();
        s.messageHas = {QStringLiteral("web page"), QStringLiteral("base URL")};
    } else if (fault == QLatin1String("5 MB line")) {
        // Neither decoder has a line limit: a 5 MB event arrives whole.
        const QString huge = hugeToken();
        s.response = streamResponse(wire, {Step::send(wire.stream({huge}))});
        s.text = huge;
    } else if (fault == QLatin1String("2 MB reply")) {
        const QStringList many = longReplyTokens();
        s.response = streamResponse(wire, {Step::send(wire.stream(many))});
        s.text = joined(many);
    }
    return s;
}

} // namespace keel::test
