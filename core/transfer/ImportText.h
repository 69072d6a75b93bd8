// ImportText: what the ChatGPT and Claude importers share: the Markdown they make of what is not
// plain text in an export (fenced code and output, quotes, blocks joined by blank lines) and the
// export's times (epoch seconds, ISO 8601) as UTC.
#pragma once

#include <QDateTime>
#include <QString>

#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>

namespace keel::core {

// text in a fence longer than any backtick run inside it (the text cannot close it early).
QString fencedBlock(const QString& text, const QString& language = {});
// Every line of text behind "> ".
QString quotedBlock(const QString& text);
// Appends block to text, a blank line between them; an empty block adds nothing.
void appendBlock(QString& text, const QString& block);

// object[key], or a null value when object is no object or lacks the key (unlike const
// operator[], which asserts).
const nlohmann::json& jsonField(const nlohmann::json& object, const char* key);
// The string at object[key] without a copy, empty when absent or not a string.
std::string_view jsonStringView(const nlohmann::json& object, const char* key);
// The string at object[key], "" when absent or not a string.
QString jsonText(const nlohmann::json& object, const char* key);
// A JSON value as compact text (invalid UTF-8 replaced, never thrown on).
QString jsonCompact(const nlohmann::json& value);

// Epoch seconds (a JSON number, fractions allowed) as UTC; nullopt when not a number or not a
// plausible date (before 1970 or after 9999).
std::optional<QDateTime> utcFromEpochSeconds(const nlohmann::json* value);
// An ISO 8601 date and time ("2024-05-01T12:34:56.123456Z", "+02:00" offsets, any number of
// fraction digits) as UTC; nullopt when it is none.
std::optional<QDateTime> utcFromIso(const nlohmann::json* value);

} // namespace keel::core
