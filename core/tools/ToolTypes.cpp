// ToolTypes: names of tool states and policies, a result as the model reads it, and the JSON a
// stored reply keeps its calls in.
#include "tools/ToolTypes.h"

#include <nlohmann/json.hpp>

namespace keel::core {

namespace {

using json = nlohmann::ordered_json;

std::string utf8(const QString& text)
{
    return text.toStdString();
}

QString stringMember(const json& object, const char* key)
{
    const auto it = object.find(key);
    return it != object.end() && it->is_string()
               ? QString::fromStdString(it->get_ref<const std::string&>())
               : QString();
}

qint64 intMember(const json& object, const char* key, qint64 fallback)
{
    const auto it = object.find(key);
    return it != object.end() && it->is_number_integer() ? it->get<qint64>() : fallback;
}

QString kindName(ToolContent::Kind kind)
{
    switch (kind) {
    case ToolContent::Kind::Text:
        return QStringLiteral("text");
    case ToolContent::Kind::Image:
        return QStringLiteral("image");
    case ToolContent::Kind::Audio:
        return QStringLiteral("audio");
    case ToolContent::Kind::Resource:
        return QStringLiteral("resource");
    case ToolContent::Kind::ResourceLink:
        return QStringLiteral("resource_link");
    }
    return QStringLiteral("text");
}

ToolContent::Kind kindFromName(const QString& name)
{
    if (name == QLatin1String("image"))
        return ToolContent::Kind::Image;
    if (name == QLatin1String("audio"))
        return ToolContent::Kind::Audio;
    if (name == QLatin1String("resource"))
        return ToolContent::Kind::Resource;
    if (name == QLatin1String("resource_link"))
        return ToolContent::Kind::ResourceLink;
    return ToolContent::Kind::Text;
}

json contentToJson(const ToolContent& content)
{
    json object = {{"type", utf8(kindName(content.kind))}};
    if (!content.text.isEmpty())
        object["text"] = utf8(content.text);
    if (!content.mimeType.isEmpty())
        object["mimeType"] = utf8(content.mimeType);
    if (!content.data.isEmpty())
        object["data"] = content.data.toBase64().toStdString();
    if (!content.uri.isEmpty())
        object["uri"] = utf8(content.uri);
    return object;
}

ToolContent contentFromJson(const json& object)
{
    ToolContent content;
    content.kind = kindFromName(stringMember(object, "type"));
    content.text = stringMember(object, "text");
    content.mimeType = stringMember(object, "mimeType");
    content.data = QByteArray::fromBase64(stringMember(object, "data").toLatin1());
    content.uri = stringMember(object, "uri");
    return content;
}

} // namespace

QString ToolResult::modelText() const
{
    QStringList pieces;
    for (const ToolContent& piece : content) {
        switch (piece.kind) {
        case ToolContent::Kind::Text:
            pieces << piece.text;
            break;
        case ToolContent::Kind::Image:
            pieces << QStringLiteral("[image: %1, %2 bytes]")
                          .arg(piece.mimeType)
                          .arg(piece.data.size());
            break;
        case ToolContent::Kind::Audio:
            pieces << QStringLiteral("[audio: %1, %2 bytes]")
                          .arg(piece.mimeType)
                          .arg(piece.data.size());
            break;
        case ToolContent::Kind::Resource:
            pieces << (piece.text.isEmpty()
                           ? QStringLiteral("[resource: %1, %2 bytes]")
                                 .arg(piece.uri)
                                 .arg(piece.data.size())
                           : QStringLiteral("[resource: %1]\n%2").arg(piece.uri, piece.text));
            break;
        case ToolContent::Kind::ResourceLink:
            pieces << QStringLiteral("[link: %1 %2]").arg(piece.text, piece.uri).trimmed();
            break;
        }
    }
    return pieces.join(QLatin1Char('\n'));
}

ToolResult ToolResult::error(const QString& message)
{
    ToolResult result;
    result.isError = true;
    result.content.append({ToolContent::Kind::Text, message, {}, {}, {}});
    return result;
}

QString wireName(ToolCallState state)
{
    switch (state) {
    case ToolCallState::AwaitingApproval:
        return QStringLiteral("awaiting_approval");
    case ToolCallState::Running:
        return QStringLiteral("running");
    case ToolCallState::Done:
        return QStringLiteral("done");
    case ToolCallState::Failed:
        return QStringLiteral("failed");
    case ToolCallState::Denied:
        return QStringLiteral("denied");
    case ToolCallState::Cancelled:
        return QStringLiteral("cancelled");
    }
    return {};
}

ToolCallState toolCallStateFromName(const QString& name)
{
    for (ToolCallState state :
         {ToolCallState::AwaitingApproval, ToolCallState::Running, ToolCallState::Done,
          ToolCallState::Failed, ToolCallState::Denied, ToolCallState::Cancelled}) {
        if (wireName(state) == name)
            return state;
    }
    return ToolCallState::Failed;
}

QString wireName(ToolPolicy policy)
{
    switch (policy) {
    case ToolPolicy::Ask:
        return QStringLiteral("ask");
    case ToolPolicy::Allow:
        return QStringLiteral("allow");
    case ToolPolicy::Deny:
        return QStringLiteral("deny");
    }
    return {};
}

ToolPolicy toolPolicyFromName(const QString& name)
{
    if (name == QLatin1String("allow"))
        return ToolPolicy::Allow;
    if (name == QLatin1String("deny"))
        return ToolPolicy::Deny;
    return ToolPolicy::Ask;
}

QString toolCallRecordsToJson(const QList<ToolCallRecord>& records)
{
    if (records.isEmpty())
        return {};
    json array = json::array();
    for (const ToolCallRecord& record : records) {
        json content = json::array();
        for (const ToolContent& piece : record.result.content)
            content.push_back(contentToJson(piece));
        array.push_back({{"step", record.step},
                         {"textOffset", record.textOffset},
                         {"id", utf8(record.call.id)},
                         {"name", utf8(record.call.name)},
                         {"arguments", utf8(record.call.arguments)},
                         {"server", utf8(record.server)},
                         {"tool", utf8(record.toolName)},
                         {"state", utf8(wireName(record.state))},
                         {"isError", record.result.isError},
                         {"durationMs", record.result.durationMs},
                         {"content", std::move(content)}});
    }
    return QString::fromStdString(array.dump(-1, ' ', false, json::error_handler_t::replace));
}

QList<ToolCallRecord> toolCallRecordsFromJson(const QString& text)
{
    QList<ToolCallRecord> records;
    if (text.isEmpty())
        return records;
    const json array = json::parse(text.toStdString(), nullptr, false);
    if (array.is_discarded() || !array.is_array())
        return records;
    for (const json& object : array) {
        if (!object.is_object())
            continue;
        ToolCallRecord record;
        record.step = static_cast<int>(intMember(object, "step", 1));
        record.textOffset = std::max<qint64>(0, intMember(object, "textOffset", 0));
        record.call.id = stringMember(object, "id");
        record.call.name = stringMember(object, "name");
        record.call.arguments = stringMember(object, "arguments");
        record.server = stringMember(object, "server");
        record.toolName = stringMember(object, "tool");
        record.state = toolCallStateFromName(stringMember(object, "state"));
        const auto isError = object.find("isError");
        record.result.isError =
            isError != object.end() && isError->is_boolean() && isError->get<bool>();
        record.result.durationMs = intMember(object, "durationMs", 0);
        if (const auto content = object.find("content");
            content != object.end() && content->is_array()) {
            for (const json& piece : *content) {
                if (piece.is_object())
                    record.result.content.append(contentFromJson(piece));
            }
        }
        records.append(std::move(record));
    }
    return records;
}

} // namespace keel::core
