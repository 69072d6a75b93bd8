// MapperSupport: the defensive JSON lookups and error values every stream mapper shares. Servers
// are untrusted, so every field is read through these: a wrong type (or null) costs that field,
// never an exception or the whole stream.
#pragma once

#include "providers/StreamEvent.h"

#include <QString>
#include <QStringView>

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace keel::core {

// object[key], or nullptr if object is not an object or has no such key.
const nlohmann::json* jsonMember(const nlohmann::json& object, const char* key);

// The string at object[key], or nullptr if absent, null or not a string. No copy.
const std::string* jsonStringMember(const nlohmann::json& object, const char* key);

// The string at object[key], or an empty view if absent, null or not a string. No copy.
std::string_view jsonStringViewMember(const nlohmann::json& object, const char* key);

// -1 (Usage's "not reported") unless object[key] is a non-negative number (see jsonCount).
qint64 jsonTokenCount(const nlohmann::json& object, const char* key);

QString qStringFromUtf8(std::string_view utf8);

// A JSON value serialised compactly; invalid UTF-8 inside is replaced rather than thrown on.
QString compactJsonText(const nlohmann::json& value);

// The text of an in-stream error: the error itself when it is a string, else its "message".
// Returned as sent; callers decide how to shorten it.
QString inStreamErrorText(const nlohmann::json& error);

// A Protocol error for data that could not be understood, quoting its first 80 characters.
StreamError malformedDataError(const QString& data);

// A Protocol error quoting a snippet the caller already shortened.
StreamError malformedSnippetError(const QString& snippet);

} // namespace keel::core
