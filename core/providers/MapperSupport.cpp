// MapperSupport: see MapperSupport.h.
#include "providers/MapperSupport.h"

#include "providers/JsonCounts.h"

#include <QCoreApplication>

namespace keel::core {

namespace {

// The translation context of this file's user-visible messages: free functions and plain
// classes have no tr() of their own.
struct MapperSupportText {
    Q_DECLARE_TR_FUNCTIONS(MapperSupport)
};

} // namespace

using nlohmann::json;

const json* jsonMember(const json& object, const char* key)
{
    if (!object.is_object())
        return nullptr;
    const auto it = object.find(key);
    return it == object.end() ? nullptr : &*it;
}

const std::string* jsonStringMember(const json& object, const char* key)
{
    const json* value = jsonMember(object, key);
    return value ? value->get_ptr<const json::string_t*>() : nullptr;
}

std::string_view jsonStringViewMember(const json& object, const char* key)
{
    const std::string* value = jsonStringMember(object, key);
    return value ? std::string_view(*value) : std::string_view();
}

qint64 jsonTokenCount(const json& object, const char* key)
{
    return jsonCount(jsonMember(object, key));
}

QString qStringFromUtf8(std::string_view utf8)
{
    return QString::fromUtf8(utf8.data(), static_cast<qsizetype>(utf8.size()));
}

QString compactJsonText(const json& value)
{
    const std::string text = value.dump(-1, ' ', false, json::error_handler_t::replace);
    return qStringFromUtf8(text);
}

QString inStreamErrorText(const json& error)
{
    if (const auto* text = error.get_ptr<const json::string_t*>())
        return qStringFromUtf8(*text);
    if (const auto* text = jsonStringMember(error, "message"))
        return qStringFromUtf8(*text);
    return {};
}

StreamError malformedDataError(const QString& data)
{
    constexpr qsizetype maxSnippet = 80;
    QString snippet = data.simplified();
    if (snippet.size() > maxSnippet) {
        snippet.truncate(maxSnippet);
        snippet += QChar(0x2026); // …
    }
    return malformedSnippetError(snippet);
}

StreamError malformedSnippetError(const QString& snippet)
{
    StreamError result;
    result.error.kind = ErrorKind::Protocol;
    result.error.message = MapperSupportText::tr("The server sent malformed data: %1").arg(snippet);
    return result;
}

} // namespace keel::core
