// BuiltinTools: the tools Keel ships, safe by default (every one asks for approval unless the
// user chose otherwise): current_time (the local date, time and time zone) and fetch_url (an
// http(s) URL fetched as text on the core loop, size-capped, after approval).
#pragma once

#include "tools/ToolTypes.h"

#include <QList>

class QObject;

namespace keel::core {

class CurlMulti;
class ToolInvocation;

// Their specs (server builtinServerName(); name == toolName).
QList<ToolSpec> builtinToolSpecs();

// Runs a built-in tool (spec.toolName); nullptr when there is no such built-in tool.
ToolInvocation* invokeBuiltinTool(const ToolSpec& spec, const ToolCall& call, CurlMulti& curl,
                                  QObject* parent);

// fetch_url reads at most this much of a response.
inline constexpr qint64 kFetchUrlMaxBytes = 512 * 1024;

} // namespace keel::core
