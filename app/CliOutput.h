// CliOutput: what the headless commands print: flushed writes (a pipe shows each line as it
// comes), JSON lines, and the shapes of tool events that `keel ask --json` and `keel mcp call
// --json` share (tool_call, tool_progress, tool_result).
#pragma once

#include "tools/ToolTypes.h"

#include <QByteArray>
#include <QString>

#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

namespace keel::app {

// The tool events keep their keys in a reading order ("type" first).
using OrderedJson = nlohmann::ordered_json;

void writeOut(FILE* stream, const QByteArray& bytes);
// One compact JSON object and a newline on stdout.
void writeJsonLine(const nlohmann::json& object);
void writeJsonLine(const OrderedJson& object);
// "keel: MESSAGE\n" on stderr.
void printCliError(const QString& message);

std::string utf8(const QString& text);
// Integral values as integers (2, not 2.0); negative ones (unknown) as null.
OrderedJson jsonNumber(double value);
// JSON text as JSON (an object stays an object); text that is not JSON stays a string.
OrderedJson jsonFromText(const QString& text);

// [{"type":"text","text":…}, {"type":"image","mimeType":…,"data":base64}, …]
OrderedJson toolContentJson(const core::ToolResult& result);
OrderedJson toolCallJson(const core::ToolCallEvent& event);
OrderedJson toolProgressJson(const core::ToolCallEvent& event);
OrderedJson toolResultJson(const core::ToolCallEvent& event);

// "progress 2/3 message" (total and message when known).
QString progressText(const core::ToolCallEvent& event);
// The call's arguments on one line, shortened for a status line.
QString shortArguments(const QString& arguments);

} // namespace keel::app
