// KeelJson (reading): one conversation object of a Keel file back to a tree, field by field as
// docs/keel-json.md describes it: missing fields defaulted, unknown ones ignored, a wrong type
// an error naming the field and the message. The writer is in KeelJson.cpp.
#include "tools/ToolTypes.h"
#include "transfer/KeelJson.h"

#include <QCoreApplication>
#include <QHash>

#include <algorithm>
#include <limits>
#include <utility>
#include <vector>

namespace keel::core {

namespace {

// The translation context of this file's user-visible messages: free functions and plain
// classes have no tr() of their own.
struct KeelJsonReadText {
    Q_DECLARE_TR_FUNCTIONS(KeelJsonRead)
};

using json = nlohmann::json;

// Settings are a handful of overrides; a deeper value would only make the two-space indented
// export grow with the square of its depth.
constexpr int MaxSettingsDepth = 64;

QString qstring(const std::string& text)
{
    return QString::fromStdString(text);
}

// Levels of arrays and objects, without recursion (the value may be 10,000 deep).
int depthOf(const json& value)
{
    int deepest = 0;
    std::vector<std::pair<const json*, int>> stack{{&value, 1}};
    while (!stack.empty()) {
        const auto [node, depth] = stack.back();
        stack.pop_back();
        if (!node->is_structured())
            continue;
        deepest = std::max(deepest, depth);
        for (const json& child : *node)
            stack.push_back({&child, depth + 1});
    }
    return deepest;
}

QString typeName(const json& value)
{
    switch (value.type()) {
    case json::value_t::null:
        return QStringLiteral("null");
    case json::value_t::object:
        return KeelJsonReadText::tr("an object");
    case json::value_t::array:
        return KeelJsonReadText::tr("an array");
    case json::value_t::string:
        return KeelJsonReadText::tr("a string");
    case json::value_t::boolean:
        return KeelJsonReadText::tr("a boolean");
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float:
        return KeelJsonReadText::tr("a number");
    case json::value_t::binary:
    case json::value_t::discarded:
        break;
    }
    return KeelJsonReadText::tr("not a value");
}

// Reads the fields of one object: missing or null fields leave the default alone, a field of
// the wrong type sets error (naming the field and where it is) and makes the getter fail.
class Fields {
public:
    Fields(const json& object, QString where, QString& error)
        : m_object(object)
        , m_where(std::move(where))
        , m_error(error)
    {
    }

    const json* find(const char* key) const
    {
        const auto it = m_object.find(key);
        if (it == m_object.end() || it->is_null())
            return nullptr;
        return &*it;
    }

    // The field's name as problems quote it.
    static QString field(const char* key) { return QStringLiteral("“%1”").arg(QLatin1String(key)); }

    // problem: a whole sentence naming the field (see field()), so it translates as one.
    bool fail(const QString& problem)
    {
        m_error = m_where.isEmpty() ? problem : QStringLiteral("%1: %2").arg(m_where, problem);
        return false;
    }

    // expected: a QT_TRANSLATE_NOOP("KeelJsonRead", ...) noun phrase such as "a string".
    bool wrongType(const char* key, const json& value, const char* expected)
    {
        return fail(KeelJsonReadText::tr("%1 is %2, not %3")
                        .arg(field(key), typeName(value),
                             QCoreApplication::translate("KeelJsonRead", expected)));
    }

    bool string(const char* key, QString& out)
    {
        const json* value = find(key);
        if (value == nullptr)
            return true;
        if (!value->is_string())
            return wrongType(key, *value, QT_TRANSLATE_NOOP("KeelJsonRead", "a string"));
        out = qstring(value->get_ref<const std::string&>());
        return true;
    }

    bool boolean(const char* key, bool& out)
    {
        const json* value = find(key);
        if (value == nullptr)
            return true;
        if (!value->is_boolean())
            return wrongType(key, *value, QT_TRANSLATE_NOOP("KeelJsonRead", "true or false"));
        out = value->get<bool>();
        return true;
    }

    // A whole number that fits qint64; null stays `out` (callers preset their "unknown").
    bool integer(const char* key, qint64& out)
    {
        const json* value = find(key);
        if (value == nullptr)
            return true;
        if (value->is_number_integer() && !value->is_number_unsigned()) {
            out = value->get<qint64>();
            return true;
        }
        if (value->is_number_unsigned()) {
            const auto number = value->get<std::uint64_t>();
            if (number <= std::uint64_t(std::numeric_limits<qint64>::max())) {
                out = qint64(number);
                return true;
            }
            return fail(KeelJsonReadText::tr("%1 is too large").arg(field(key)));
        }
        return wrongType(key, *value, QT_TRANSLATE_NOOP("KeelJsonRead", "a whole number"));
    }

    bool time(const char* key, QDateTime& out)
    {
        QString text;
        if (!string(key, text) || text.isEmpty())
            return m_error.isEmpty();
        QDateTime parsed = QDateTime::fromString(text, Qt::ISODateWithMs);
        if (!parsed.isValid())
            parsed = QDateTime::fromString(text, Qt::ISODate);
        if (!parsed.isValid())
            return fail(KeelJsonReadText::tr("%1 is not an ISO-8601 time (“%2”)")
                            .arg(field(key), text.left(40)));
        out = parsed.toUTC();
        return true;
    }

    const json* array(const char* key)
    {
        const json* value = find(key);
        if (value != nullptr && !value->is_array()) {
            wrongType(key, *value, QT_TRANSLATE_NOOP("KeelJsonRead", "an array"));
            return nullptr;
        }
        return value;
    }

    bool failed() const { return !m_error.isEmpty(); }

private:
    const json& m_object;
    QString m_where;
    QString& m_error;
};

std::optional<Role> roleFromWireName(const QString& name)
{
    if (name == QLatin1String("user"))
        return Role::User;
    if (name == QLatin1String("assistant"))
        return Role::Assistant;
    if (name == QLatin1String("system"))
        return Role::System;
    return std::nullopt;
}

std::optional<Attachment> attachmentFromJson(const json& object, const QString& where,
                                             QString& error)
{
    if (!object.is_object()) {
        error = KeelJsonReadText::tr("%1 is %2, not an object").arg(where, typeName(object));
        return std::nullopt;
    }
    Fields fields(object, where, error);
    Attachment attachment;
    QString kind;
    QString data;
    attachment.originalSize = -1;
    if (!fields.string("kind", kind) || !fields.string("fileName", attachment.fileName)
        || !fields.string("mimeType", attachment.mimeType)
        || !fields.integer("originalSize", attachment.originalSize)
        || !fields.boolean("truncated", attachment.truncated) || !fields.string("data", data))
        return std::nullopt;
    if (kind.isEmpty())
        kind = attachment.mimeType.startsWith(QLatin1String("image/")) ? QStringLiteral("image")
                                                                       : QStringLiteral("text");
    if (kind == QLatin1String("image"))
        attachment.kind = Attachment::Kind::Image;
    else if (kind == QLatin1String("text"))
        attachment.kind = Attachment::Kind::Text;
    else {
        fields.fail(KeelJsonReadText::tr("%1 is “%2”, not image or text")
                        .arg(Fields::field("kind"), kind.left(40)));
        return std::nullopt;
    }
    auto decoded =
        QByteArray::fromBase64Encoding(data.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded) {
        fields.fail(KeelJsonReadText::tr("%1 is not valid base64").arg(Fields::field("data")));
        return std::nullopt;
    }
    attachment.data = std::move(*decoded);
    if (attachment.originalSize < 0)
        attachment.originalSize = attachment.data.size();
    return attachment;
}

std::optional<StoredMessage> messageFromJson(const json& object, qsizetype number,
                                             const ConversationSummary& conversation,
                                             QString& error)
{
    const QString where = KeelJsonReadText::tr("message %1").arg(number);
    if (!object.is_object()) {
        error = KeelJsonReadText::tr("%1 is %2, not an object").arg(where, typeName(object));
        return std::nullopt;
    }
    Fields fields(object, where, error);
    StoredMessage message;
    message.id = number;
    QString role = QStringLiteral("user");
    QString status = wireName(MessageStatus::Complete);
    message.createdAt = conversation.createdAt;
    if (!fields.integer("id", message.id) || !fields.integer("parent", message.parentId)
        || !fields.string("role", role) || !fields.string("content", message.content)
        || !fields.string("reasoning", message.reasoning) || !fields.string("model", message.model)
        || !fields.string("status", status) || !fields.string("finishReason", message.finishReason)
        || !fields.string("error", message.errorMessage)
        || !fields.time("createdAt", message.createdAt)
        || !fields.integer("firstTokenMs", message.firstTokenMs)
        || !fields.integer("durationMs", message.durationMs))
        return std::nullopt;
    message.updatedAt = message.createdAt;
    if (!fields.time("updatedAt", message.updatedAt))
        return std::nullopt;
    if (message.id <= 0) {
        fields.fail(KeelJsonReadText::tr("%1 is %2; ids are 1 or more")
                        .arg(Fields::field("id"), QString::number(message.id)));
        return std::nullopt;
    }
    const std::optional<Role> knownRole = roleFromWireName(role);
    if (!knownRole) {
        fields.fail(KeelJsonReadText::tr("%1 is “%2”, not user, assistant or system")
                        .arg(Fields::field("role"), role.left(40)));
        return std::nullopt;
    }
    message.role = *knownRole;
    message.status = messageStatusFromName(status);
    message.firstTokenMs = std::max<qint64>(-1, message.firstTokenMs);
    message.durationMs = std::max<qint64>(-1, message.durationMs);

    if (const json* usage = fields.find("usage")) {
        if (!usage->is_object()) {
            fields.wrongType("usage", *usage, QT_TRANSLATE_NOOP("KeelJsonRead", "an object"));
            return std::nullopt;
        }
        Fields usageFields(*usage, KeelJsonReadText::tr("%1, usage").arg(where), error);
        if (!usageFields.integer("input", message.usage.inputTokens)
            || !usageFields.integer("output", message.usage.outputTokens))
            return std::nullopt;
    }
    const json* toolCalls = fields.array("toolCalls");
    if (fields.failed())
        return std::nullopt;
    if (toolCalls != nullptr && !toolCalls->empty())
        message.toolCalls = toolCallRecordsFromJson(
            qstring(toolCalls->dump(-1, ' ', false, json::error_handler_t::replace)));
    const json* attachments = fields.array("attachments");
    if (fields.failed())
        return std::nullopt;
    if (attachments != nullptr) {
        qsizetype index = 0;
        for (const json& item : *attachments) {
            ++index;
            auto attachment = attachmentFromJson(
                item, KeelJsonReadText::tr("%1, attachment %2").arg(where).arg(index), error);
            if (!attachment)
                return std::nullopt;
            message.attachments.append(std::move(*attachment));
        }
    }
    return message;
}

} // namespace

std::optional<ConversationTree> conversationFromKeelJson(const nlohmann::json& object,
                                                         QString& error)
{
    error.clear();
    if (!object.is_object()) {
        error = KeelJsonReadText::tr("the conversation is %1, not an object").arg(typeName(object));
        return std::nullopt;
    }
    Fields fields(object, QString(), error);
    ConversationTree tree;
    ConversationSummary& c = tree.conversation;
    qint64 currentLeaf = 0;
    if (!fields.string("sourceId", c.sourceId) || !fields.string("title", c.title)
        || !fields.time("createdAt", c.createdAt) || !fields.time("updatedAt", c.updatedAt)
        || !fields.boolean("pinned", c.pinned) || !fields.integer("currentLeaf", currentLeaf))
        return std::nullopt;
    // A file without times still needs some: the other one, else now (to the millisecond, as
    // the history stores them).
    if (!c.createdAt.isValid())
        c.createdAt =
            c.updatedAt.isValid()
                ? c.updatedAt
                : QDateTime::fromMSecsSinceEpoch(QDateTime::currentMSecsSinceEpoch(), Qt::UTC);
    if (!c.updatedAt.isValid())
        c.updatedAt = c.createdAt;
    if (const json* settings = fields.find("settings")) {
        if (depthOf(*settings) > MaxSettingsDepth) {
            fields.fail(KeelJsonReadText::tr("%1 is nested more than %2 levels deep")
                            .arg(Fields::field("settings"), QString::number(MaxSettingsDepth)));
            return std::nullopt;
        }
        c.settingsJson =
            settings->is_string()
                ? qstring(settings->get_ref<const std::string&>())
                : qstring(settings->dump(-1, ' ', false, json::error_handler_t::replace));
    }

    const json* messages = fields.array("messages");
    if (fields.failed())
        return std::nullopt;
    QHash<qint64, qsizetype> seen;
    if (messages != nullptr) {
        tree.messages.reserve(qsizetype(messages->size()));
        for (const json& item : *messages) {
            const qsizetype number = tree.messages.size() + 1;
            auto message = messageFromJson(item, number, c, error);
            if (!message)
                return std::nullopt;
            if (seen.contains(message->id)) {
                error = KeelJsonReadText::tr("message %1: “id” %2 is already the id of message %3")
                            .arg(number)
                            .arg(message->id)
                            .arg(seen.value(message->id));
                return std::nullopt;
            }
            seen.insert(message->id, number);
            tree.messages.append(std::move(*message));
        }
    }
    // Parents the file does not have make roots; the tree order is the importer's promise.
    for (StoredMessage& message : tree.messages) {
        if (!seen.contains(message.parentId))
            message.parentId = 0;
    }
    normalizeTreeOrder(tree);
    c.currentLeafId = seen.contains(currentLeaf) ? currentLeaf : 0;
    return tree;
}

} // namespace keel::core
