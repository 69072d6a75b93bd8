// ToolScripts: scripted model responses that ask for tool calls, in each provider kind's wire
// format (OpenAI chunks with argument fragments, Anthropic tool_use + input_json_delta, Gemini
// functionCall parts, Ollama NDJSON tool_calls), the plain text answers that follow them, and
// checks that a request sent the model a tool's result in that kind's format.
#pragma once

#include "LoopbackLlmServer.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace keel::test {

struct ScriptedCall {
    QString id{}; // ignored by Gemini and Ollama, which send none
    QString name{};
    QString arguments{}; // JSON object text
};

// A response asking for these calls (parallel when several). fragmentSize > 0 splits argument
// JSON into fragments of that many characters where the wire format streams them (OpenAI,
// Anthropic); chunkSize > 0 also writes the bytes in flushed pieces of that size.
Response toolCallResponse(const QString& kind, const QList<ScriptedCall>& calls,
                          int fragmentSize = 0, int chunkSize = 0);
// A plain streamed answer (finish "stop").
Response textResponse(const QString& kind, const QStringList& tokens);

// The results the request sent back, in order: for each, the call id (OpenAI, Anthropic) or the
// tool name (Gemini, Ollama), the text and whether it was marked as an error (Anthropic
// is_error, Gemini "error" response; false where the format has no such mark).
struct SentToolResult {
    QString idOrName{};
    QString text{};
    bool isError = false;
};
QList<SentToolResult> toolResultsIn(const QString& kind, const QJsonObject& body);
// Names of the tools the request offered.
QStringList toolsOfferedIn(const QString& kind, const QJsonObject& body);

// The base URL a provider of this kind uses to reach the server.
QString baseUrlFor(const QString& kind, const LoopbackLlmServer& server);

} // namespace keel::test
