// FaultScenarios: the rows of the fault matrix that a scripted loopback response can play: what
// the server sends for each fault, in a given provider kind's wire format, and what the user must
// get (outcome, error kind, text kept, words the message must contain). FaultMatrixTest plays
// each for every kind; FaultMatrixLongTest has the long ones.
#pragma once

#include "FaultWire.h"
#include "LoopbackLlmServer.h"
#include "chat/ChatTypes.h"

#include <QString>
#include <QStringList>

namespace keel::test {

// The HTTP statuses of the matrix and what each means to the user.
struct StatusExpectation {
    core::ErrorKind kind = core::ErrorKind::None;
    bool retryable = false;
    QString meaning; // words the message must contain (case-insensitive): the status in words
};
QList<int> matrixStatuses();
StatusExpectation expectationForStatus(int status);

// The error body variants of a status row: the kind's own JSON error, no body at all, or the
// HTML error page a proxy in front of the provider answers with.
QStringList statusBodyVariants(); // "json", "empty", "html"
// The message the JSON variant carries; the error message shown must quote it.
QString serverErrorMessage(int status);
Response statusResponse(const FaultWire& wire, int status, const QString& bodyVariant,
                        const QByteArray& retryAfter);
// A typical proxy error page (nginx).
QByteArray htmlErrorPage(int status);

struct StreamScenario {
    Response response;
    core::TurnOutcome outcome = core::TurnOutcome::Complete;
    core::ErrorKind errorKind = core::ErrorKind::None;
    QString text;           // exactly the reply the user must be left with
    QStringList messageHas; // words the error message must contain (case-insensitive)
    // A response that ended cleanly leaves a reusable connection in the client's pool; after
    // a broken one the client must have closed its socket.
    bool connectionMayStayOpen = false;
};

// The names of the stream faults, in the order they are played.
QStringList streamFaults();
StreamScenario streamScenario(const QString& fault, const FaultWire& wire);

// The reply of the partial-text rows, as tokens: ASCII, Latin-1, CJK and an emoji (so UTF-8 of
// every length is in play).
QStringList partialTokens();

} // namespace keel::test
