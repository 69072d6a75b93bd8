// ToolWire: see ToolWire.h.
#include "providers/ToolWire.h"

#include <QSet>

#include <algorithm>
#include <string>
#include <vector>

namespace keel::core {

namespace {

using Json = nlohmann::ordered_json;

// Limits on what a schema may expand to: real tool schemas are small and shallow; a recursive
// $ref is cut where it recurs, and these keep a hostile one from growing without bound.
constexpr int maxSchemaDepth = 16;
constexpr int maxSchemaNodes = 5000;

QString callsAsText(const ChatMessage& assistant)
{
    QStringList lines;
    for (const ToolCall& call : assistant.toolCalls)
        lines.append(QStringLiteral("[Called tool %1 with arguments %2]")
                         .arg(call.name, toolArgumentsText(call.arguments)));
    QString text = assistant.content;
    if (!text.isEmpty() && !lines.isEmpty())
        text += QLatin1String("\n\n");
    return text + lines.join(u'\n');
}

ChatMessage resultAsUserText(const ChatMessage& result)
{
    ChatMessage user;
    user.role = Role::User;
    const QString heading = result.isError
                                ? QStringLiteral("[Tool %1 failed]").arg(result.toolName)
                                : QStringLiteral("[Result of tool %1]").arg(result.toolName);
    user.content = heading + u'\n' + result.content;
    return user;
}

// The Tool messages right after an assistant message's calls, matched to them by id: the call's
// id, or the one it had before giveCallsIds replaced it (empty, or repeated).
void appendAnsweredCalls(const ChatMessage& assistant, const QStringList& originalIds,
                         const QList<ChatMessage>& results, QList<ChatMessage>& out)
{
    std::vector<bool> used(static_cast<size_t>(results.size()), false);
    const auto take = [&](const QString& id) -> const ChatMessage* {
        for (qsizetype i = 0; i < results.size(); ++i) {
            if (!used[static_cast<size_t>(i)] && results[i].toolCallId == id) {
                used[static_cast<size_t>(i)] = true;
                return &results[i];
            }
        }
        return nullptr;
    };

    out.append(assistant);
    for (qsizetype k = 0; k < assistant.toolCalls.size(); ++k) {
        const ToolCall& call = assistant.toolCalls[k];
        const ChatMessage* found = take(call.id);
        if (!found && originalIds[k] != call.id)
            found = take(originalIds[k]);
        ChatMessage answer;
        answer.role = Role::Tool;
        if (found) {
            answer = *found;
        } else {
            answer.content = QStringLiteral("No result was recorded for this call.");
            answer.isError = true;
        }
        answer.toolCallId = call.id;
        if (answer.toolName.isEmpty())
            answer.toolName = call.name;
        out.append(answer);
    }
    for (qsizetype i = 0; i < results.size(); ++i) {
        if (!used[static_cast<size_t>(i)])
            out.append(resultAsUserText(results[i]));
    }
}

// Every call gets an id unique in the conversation, since results are matched by it; returns the
// ids the calls had.
QStringList giveCallsIds(ChatMessage& assistant, qsizetype messageIndex, QSet<QString>& seen)
{
    QStringList originals;
    for (qsizetype i = 0; i < assistant.toolCalls.size(); ++i) {
        QString& id = assistant.toolCalls[i].id;
        originals.append(id);
        if (id.isEmpty() || seen.contains(id))
            id = QStringLiteral("call_m%1_%2").arg(messageIndex).arg(i + 1);
        seen.insert(id);
    }
    return originals;
}

// --- Gemini's schema subset ----------------------------------------------------------------

const Json* member(const Json& object, const char* key)
{
    if (!object.is_object())
        return nullptr;
    const auto it = object.find(key);
    return it == object.end() ? nullptr : &*it;
}

bool isSupportedFormat(const std::string& type, const std::string& format)
{
    if (type == "string")
        return format == "enum" || format == "date-time";
    if (type == "integer")
        return format == "int32" || format == "int64";
    if (type == "number")
        return format == "float" || format == "double";
    return false;
}

class GeminiSchemaReducer {
public:
    explicit GeminiSchemaReducer(const Json& root)
        : m_root(root)
    {
    }

    Json reduce(const Json& schema, int depth)
    {
        if (!schema.is_object())
            return Json{{"type", "string"}}; // true (anything): the model writes it as text
        // Cut off: an object of unknown shape.
        if (depth > maxSchemaDepth || ++m_nodes > maxSchemaNodes)
            return Json{{"type", "object"}};
        if (const Json* ref = member(schema, "$ref"); ref && ref->is_string()) {
            const std::string target = ref->get<std::string>();
            // A recursive definition: an object of unknown shape from here on.
            if (std::find(m_expanding.cbegin(), m_expanding.cend(), target) != m_expanding.cend())
                return Json{{"type", "object"}};
            m_expanding.push_back(target);
            Json reduced = reduce(withReferenceInlined(schema, target), depth + 1);
            m_expanding.pop_back();
            return reduced;
        }
        if (const Json* allOf = member(schema, "allOf"); allOf && allOf->is_array())
            return reduce(withAllOfMerged(schema, *allOf), depth + 1);
        return reduceFlat(schema, depth);
    }

private:
    // "#/$defs/Name" or "#/definitions/Name", with the referring schema's own keys (often a
    // description) kept over the definition's.
    Json withReferenceInlined(const Json& schema, const std::string& ref) const
    {
        Json merged = Json::object();
        for (const char* prefix : {"#/$defs/", "#/definitions/"}) {
            const std::string start = prefix;
            if (ref.rfind(start, 0) != 0)
                continue;
            const Json* definitions = member(m_root, start == "#/$defs/" ? "$defs" : "definitions");
            if (const Json* target =
                    definitions ? member(*definitions, ref.substr(start.size()).c_str()) : nullptr;
                target && target->is_object())
                merged = *target;
        }
        for (const auto& [key, value] : schema.items()) {
            if (key != "$ref")
                merged[key] = value;
        }
        return merged;
    }

    static Json withAllOfMerged(const Json& schema, const Json& allOf)
    {
        Json merged = schema;
        merged.erase("allOf");
        for (const Json& part : allOf) {
            if (!part.is_object())
                continue;
            for (const auto& [key, value] : part.items()) {
                if (key == "properties" && value.is_object()) {
                    Json& properties = merged["properties"];
                    if (!properties.is_object())
                        properties = Json::object();
                    for (const auto& [name, property] : value.items())
                        properties[name] = property;
                } else if (key == "required" && value.is_array()) {
                    Json& required = merged["required"];
                    if (!required.is_array())
                        required = Json::array();
                    for (const Json& name : value)
                        required.push_back(name);
                } else if (!merged.contains(key)) {
                    merged[key] = value;
                }
            }
        }
        return merged;
    }

    Json reduceFlat(const Json& schema, int depth)
    {
        Json out = Json::object();
        bool nullable = false;
        std::vector<std::string> types;
        if (const Json* type = member(schema, "type")) {
            if (type->is_string()) {
                types.push_back(type->get<std::string>());
            } else if (type->is_array()) {
                for (const Json& entry : *type) {
                    if (entry.is_string())
                        types.push_back(entry.get<std::string>());
                }
            }
        }
        if (const auto null = std::find(types.begin(), types.end(), "null"); null != types.end()) {
            nullable = true;
            types.erase(null);
        }

        Json alternatives = Json::array();
        if (types.size() > 1) {
            for (const std::string& type : types)
                alternatives.push_back(Json{{"type", type}});
        }
        for (const char* key : {"anyOf", "oneOf"}) {
            const Json* list = member(schema, key);
            if (!list || !list->is_array())
                continue;
            for (const Json& option : *list) {
                if (option.is_object() && option.value("type", Json()) == "null") {
                    nullable = true;
                    continue;
                }
                Json reduced = reduce(option, depth + 1);
                if (!reduced.empty())
                    alternatives.push_back(std::move(reduced));
            }
        }
        if (types.size() == 1)
            out["type"] = types.front();

        // A single alternative left (Optional[X] once null is gone) is simply that schema.
        if (alternatives.size() == 1 && types.size() <= 1) {
            for (const auto& [key, value] : alternatives.front().items()) {
                if (!out.contains(key))
                    out[key] = value;
            }
            alternatives = Json::array();
        }
        // Gemini wants a type wherever there are no alternatives: it is guessed from the shape,
        // and a value that may be anything is written as text.
        if (!out.contains("type") && alternatives.empty()) {
            if (member(schema, "properties"))
                out["type"] = "object";
            else if (member(schema, "items"))
                out["type"] = "array";
            else
                out["type"] = "string";
        }
        const std::string type = out.value("type", std::string());

        if (const Json* format = member(schema, "format");
            format && format->is_string() && isSupportedFormat(type, format->get<std::string>()))
            out["format"] = *format;
        if (const Json* description = member(schema, "description");
            description && description->is_string())
            out["description"] = *description;
        if (const Json* flag = member(schema, "nullable"); flag && flag->is_boolean())
            nullable = nullable || flag->get<bool>();
        if (nullable)
            out["nullable"] = true;

        Json values = Json::array();
        if (const Json* constant = member(schema, "const"))
            values.push_back(*constant);
        if (const Json* list = member(schema, "enum"); list && list->is_array())
            values = *list;
        // Gemini takes enums of strings only.
        if (!values.empty() && std::all_of(values.begin(), values.end(), [](const Json& value) {
                return value.is_string();
            })) {
            if (type == "string")
                out["enum"] = std::move(values);
        }

        // Gemini refuses properties on anything but an object, and an empty list of them.
        if (const Json* properties = member(schema, "properties");
            type == "object" && properties && properties->is_object() && !properties->empty()) {
            Json reduced = Json::object();
            for (const auto& [name, property] : properties->items())
                reduced[name] = reduce(property, depth + 1);
            out["properties"] = std::move(reduced);
            if (const Json* required = member(schema, "required");
                required && required->is_array()) {
                Json names = Json::array();
                for (const Json& name : *required) {
                    if (name.is_string() && out["properties"].contains(name.get<std::string>()))
                        names.push_back(name);
                }
                if (!names.empty())
                    out["required"] = std::move(names);
            }
        }

        if (type == "array") {
            const Json* items = member(schema, "items");
            if (items && items->is_array() && !items->empty())
                items = &items->front(); // a tuple: Gemini knows one item schema
            Json reduced = items ? reduce(*items, depth + 1) : Json::object();
            // Gemini refuses an array without an item type.
            if (reduced.empty())
                reduced = Json{{"type", "string"}};
            out["items"] = std::move(reduced);
        }

        for (const char* key : {"minimum", "maximum"}) {
            if (const Json* value = member(schema, key); value && value->is_number())
                out[key] = *value;
        }
        for (const char* key : {"minItems", "maxItems"}) {
            if (const Json* value = member(schema, key); value && value->is_number_integer())
                out[key] = *value;
        }
        if (!alternatives.empty())
            out["anyOf"] = std::move(alternatives);
        return out;
    }

    const Json& m_root;
    std::vector<std::string> m_expanding; // the $refs being inlined, outermost first
    int m_nodes = 0;
};

} // namespace

QList<ChatMessage> toolWireMessages(const QList<ChatMessage>& messages, bool toolsOffered)
{
    QList<ChatMessage> paired;
    QSet<QString> seenIds;
    for (qsizetype i = 0; i < messages.size();) {
        const ChatMessage& message = messages[i];
        if (message.role == Role::Tool) {
            paired.append(resultAsUserText(message)); // it answers no call
            ++i;
            continue;
        }
        if (message.role != Role::Assistant || message.toolCalls.isEmpty()) {
            paired.append(message);
            ++i;
            continue;
        }
        ChatMessage assistant = message;
        const QStringList originalIds = giveCallsIds(assistant, i, seenIds);
        QList<ChatMessage> results;
        qsizetype next = i + 1;
        for (; next < messages.size() && messages[next].role == Role::Tool; ++next)
            results.append(messages[next]);
        appendAnsweredCalls(assistant, originalIds, results, paired);
        i = next;
    }
    if (toolsOffered)
        return paired;

    QList<ChatMessage> flat;
    for (const ChatMessage& message : std::as_const(paired)) {
        if (message.role == Role::Tool) {
            flat.append(resultAsUserText(message));
        } else if (message.role == Role::Assistant && !message.toolCalls.isEmpty()) {
            ChatMessage text;
            text.role = Role::Assistant;
            text.content = callsAsText(message);
            flat.append(text);
        } else {
            flat.append(message);
        }
    }
    return flat;
}

Json toolArgumentsObject(const QString& arguments)
{
    const QByteArray utf8 = arguments.toUtf8();
    Json parsed = Json::parse(utf8.cbegin(), utf8.cend(), nullptr, false);
    return parsed.is_object() ? parsed : Json::object();
}

QString toolArgumentsText(const QString& arguments)
{
    const QByteArray utf8 = arguments.toUtf8();
    const Json parsed = Json::parse(utf8.cbegin(), utf8.cend(), nullptr, false);
    return parsed.is_object() ? arguments.trimmed() : QStringLiteral("{}");
}

Json toolInputSchema(const ToolSpec& tool)
{
    const QByteArray utf8 = tool.inputSchema.toUtf8();
    Json schema = Json::parse(utf8.cbegin(), utf8.cend(), nullptr, false);
    if (!schema.is_object() || (schema.contains("type") && schema["type"] != "object"))
        return Json{{"type", "object"}, {"properties", Json::object()}};
    if (!schema.contains("type"))
        schema["type"] = "object";
    // Some OpenAI-compatible servers index "properties" without looking.
    if (!schema.contains("properties") || !schema["properties"].is_object())
        schema["properties"] = Json::object();
    return schema;
}

Json functionToolDefinitions(const QList<ToolSpec>& tools)
{
    Json definitions = Json::array();
    for (const ToolSpec& tool : tools) {
        Json function = Json::object();
        function["name"] = tool.name.toStdString();
        if (!tool.description.isEmpty())
            function["description"] = tool.description.toStdString();
        function["parameters"] = toolInputSchema(tool);
        definitions.push_back(Json{{"type", "function"}, {"function", std::move(function)}});
    }
    return definitions;
}

QString toolResultText(const ChatMessage& result)
{
    if (!result.isError || result.content.startsWith(QLatin1String("error"), Qt::CaseInsensitive))
        return result.content;
    return QStringLiteral("Error: ") + result.content;
}

Json geminiSchema(const Json& schema)
{
    GeminiSchemaReducer reducer(schema);
    Json reduced = reducer.reduce(schema, 0);
    // Gemini refuses an object declared with no properties; a tool without parameters simply
    // declares none.
    if (reduced.value("type", std::string()) == "object" && !reduced.contains("properties"))
        return nullptr;
    return reduced;
}

} // namespace keel::core
