// KeelJson: the writer of Keel's own export format (deterministic bytes, one conversation at a
// time, field by field as docs/keel-json.md describes it) and the header checks. The reader is
// in KeelJsonRead.cpp.
#include "transfer/KeelJson.h"

#include "store/Database.h"
#include "tools/ToolTypes.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QHash>
#include <QIODevice>

#include <algorithm>
#include <limits>

namespace keel::core {

namespace {

// The translation context of this file's user-visible messages: free functions and plain
// classes have no tr() of their own.
struct KeelJsonText {
    Q_DECLARE_TR_FUNCTIONS(KeelJson)
};

using json = nlohmann::json;
using ordered = nlohmann::ordered_json;

std::string utf8(const QString& text)
{
    return text.toStdString();
}

// The one timestamp form of the format: UTC with milliseconds ("2026-11-21T10:00:00.000Z").
ordered timestamp(const QDateTime& time)
{
    if (!time.isValid())
        return nullptr;
    return utf8(time.toUTC().toString(Qt::ISODateWithMs));
}

ordered optionalMs(qint64 ms)
{
    if (ms < 0)
        return nullptr;
    return ms;
}

// settingsJson as a JSON value. Parsed into the sorted-key json on purpose: what the reader
// stores back is a dump() of that, so the second export writes the same bytes as the first.
ordered settingsValue(const QString& settingsJson)
{
    if (settingsJson.isEmpty())
        return nullptr;
    const json parsed = json::parse(utf8(settingsJson), nullptr, false);
    if (parsed.is_discarded())
        return utf8(settingsJson);
    // Through text, not ordered(parsed): that conversion recurses with large frames.
    return ordered::parse(parsed.dump(-1, ' ', false, json::error_handler_t::replace), nullptr,
                          false);
}

ordered toolCallsValue(const QList<ToolCallRecord>& records)
{
    const QString text = toolCallRecordsToJson(records);
    if (text.isEmpty())
        return ordered::array();
    ordered parsed = ordered::parse(utf8(text), nullptr, false);
    return parsed.is_array() ? parsed : ordered::array();
}

ordered attachmentsValue(const QList<Attachment>& attachments)
{
    ordered array = ordered::array();
    for (const Attachment& attachment : attachments) {
        ordered object = ordered::object();
        object["kind"] = attachment.isImage() ? "image" : "text";
        object["fileName"] = utf8(attachment.fileName);
        object["mimeType"] = utf8(attachment.mimeType);
        object["originalSize"] = attachment.originalSize;
        object["truncated"] = attachment.truncated;
        object["data"] = attachment.data.toBase64().toStdString();
        array.push_back(std::move(object));
    }
    return array;
}

QByteArray dumped(const ordered& value, int indent)
{
    return QByteArray::fromStdString(
        value.dump(indent, ' ', false, ordered::error_handler_t::replace));
}

} // namespace

KeelJsonWriter::KeelJsonWriter(QIODevice& out)
    : m_out(out)
{
}

bool KeelJsonWriter::begin()
{
    m_count = 0;
    // The head of dump(2) of {"format", "version", "conversations": [...]}.
    return write(QByteArrayLiteral("{\n  \"format\": \"") + KeelJsonFormat
                 + QByteArrayLiteral("\",\n  \"version\": ") + QByteArray::number(KeelJsonVersion)
                 + QByteArrayLiteral(",\n  \"conversations\": ["));
}

bool KeelJsonWriter::add(const ConversationTree& tree)
{
    // dump(2) of the conversation alone, moved two levels in: its strings hold no raw newline
    // (JSON escapes them), so every '\n' starts a line of the object.
    QByteArray bytes = dumped(conversationToKeelJson(tree), 2);
    bytes.replace('\n', QByteArrayLiteral("\n    "));
    const QByteArray separator =
        m_count == 0 ? QByteArrayLiteral("\n    ") : QByteArrayLiteral(",\n    ");
    ++m_count;
    return write(separator) && write(bytes);
}

bool KeelJsonWriter::finish()
{
    return write(m_count == 0 ? QByteArrayLiteral("]\n}") : QByteArrayLiteral("\n  ]\n}"));
}

bool KeelJsonWriter::write(const QByteArray& bytes)
{
    if (!m_error.isEmpty())
        return false;
    if (m_out.write(bytes) != bytes.size()) {
        m_error = m_out.errorString();
        if (m_error.isEmpty())
            m_error = KeelJsonText::tr("the data could not be written");
        return false;
    }
    return true;
}

QByteArray keelJson(const QList<ConversationTree>& conversations)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    KeelJsonWriter writer(buffer);
    writer.begin();
    for (const ConversationTree& tree : conversations)
        writer.add(tree);
    writer.finish();
    return bytes;
}

nlohmann::ordered_json conversationToKeelJson(const ConversationTree& original)
{
    ConversationTree tree = original;
    normalizeTreeOrder(tree);
    QHash<qint64, qint64> fileId;
    fileId.reserve(tree.messages.size());
    for (qsizetype i = 0; i < tree.messages.size(); ++i)
        fileId.insert(tree.messages[i].id, i + 1);

    const ConversationSummary& c = tree.conversation;
    ordered object = ordered::object();
    object["sourceId"] = utf8(exportSourceId(c));
    object["title"] = utf8(c.title);
    object["createdAt"] = timestamp(c.createdAt);
    object["updatedAt"] = timestamp(c.updatedAt);
    object["pinned"] = c.pinned;
    object["settings"] = settingsValue(c.settingsJson);
    object["currentLeaf"] = c.currentLeafId > 0 && fileId.contains(c.currentLeafId)
                                ? ordered(fileId.value(c.currentLeafId))
                                : ordered(nullptr);
    ordered messages = ordered::array();
    for (qsizetype i = 0; i < tree.messages.size(); ++i) {
        const StoredMessage& m = tree.messages[i];
        ordered message = ordered::object();
        message["id"] = i + 1;
        message["parent"] = m.parentId > 0 && fileId.contains(m.parentId)
                                ? ordered(fileId.value(m.parentId))
                                : ordered(nullptr);
        message["role"] = utf8(Database::roleName(m.role));
        message["content"] = utf8(m.content);
        message["reasoning"] = utf8(m.reasoning);
        message["model"] = utf8(m.model);
        message["status"] = utf8(wireName(m.status));
        message["finishReason"] = utf8(m.finishReason);
        message["error"] = utf8(m.errorMessage);
        message["createdAt"] = timestamp(m.createdAt);
        message["updatedAt"] = timestamp(m.updatedAt);
        message["usage"] =
            ordered{{"input", m.usage.inputTokens}, {"output", m.usage.outputTokens}};
        message["firstTokenMs"] = optionalMs(m.firstTokenMs);
        message["durationMs"] = optionalMs(m.durationMs);
        message["toolCalls"] = toolCallsValue(m.toolCalls);
        message["attachments"] = attachmentsValue(m.attachments);
        messages.push_back(std::move(message));
    }
    object["messages"] = std::move(messages);
    return object;
}

bool isKeelHeader(const nlohmann::json& header)
{
    if (!header.is_object())
        return false;
    const auto format = header.find("format");
    return format != header.end() && format->is_string()
           && format->get_ref<const std::string&>() == KeelJsonFormat;
}

int keelVersion(const nlohmann::json& header)
{
    if (!header.is_object())
        return 0;
    const auto version = header.find("version");
    if (version == header.end() || !version->is_number_integer())
        return 0;
    if (version->is_number_unsigned())
        return int(std::min<std::uint64_t>(version->get<std::uint64_t>(),
                                           std::uint64_t(std::numeric_limits<int>::max())));
    return int(
        std::clamp<std::int64_t>(version->get<std::int64_t>(), 0, std::numeric_limits<int>::max()));
}

} // namespace keel::core
