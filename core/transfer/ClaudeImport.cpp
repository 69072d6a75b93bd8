// ClaudeImport: a Claude export conversation to a Keel tree. Claude lists messages in order;
// newer exports name each message's parent, which keeps edits and retries as branches. A
// message's text comes from its content blocks (text, thinking, tool use), attachments with
// extracted text become text attachments, and files the export does not contain become
// placeholders.
#include "transfer/ClaudeImport.h"

#include "chat/Attachment.h"
#include "transfer/ImportText.h"
#include "transfer/TransferTypes.h"

#include <QCoreApplication>
#include <QMap>
#include <QSet>

#include <string_view>
#include <unordered_map>
#include <vector>

namespace keel::core {

using nlohmann::json;

namespace {

// The translation context of this file's texts. A struct, not a free tr(): lupdate files a
// free function's strings under the enclosing namespace or class, which would not match the
// context used at run time.
struct ClaudeImportText {
    Q_DECLARE_TR_FUNCTIONS(ClaudeImport)
};

struct Losses {
    int files = 0;
    int truncated = 0;
    QMap<QString, int> blocks{}; // content blocks not understood, by type
};

// The text of a tool result: a string, or a list of blocks of which the text ones count.
QString toolResultText(const json& content)
{
    if (content.is_string())
        return QString::fromStdString(content.get_ref<const std::string&>());
    QString text;
    if (!content.is_array())
        return text;
    for (const json& block : content) {
        if (block.is_string())
            appendBlock(text, QString::fromStdString(block.get_ref<const std::string&>()));
        else if (!jsonText(block, "text").isEmpty())
            appendBlock(text, jsonText(block, "text"));
        else if (block.is_object())
            appendBlock(text, QStringLiteral("[%1]").arg(jsonText(block, "type")));
    }
    return text;
}

// The content blocks in order: text and tools to text, thinking to reasoning.
void renderBlocks(const json& blocks, StoredMessage& message, Losses& losses)
{
    for (const json& block : blocks) {
        const QString type = jsonText(block, "type");
        if (type == QLatin1String("text")) {
            appendBlock(message.content, jsonText(block, "text"));
        } else if (type == QLatin1String("thinking")) {
            appendBlock(message.reasoning, jsonText(block, "thinking").trimmed());
        } else if (type == QLatin1String("tool_use")) {
            QString name = jsonText(block, "name");
            if (name.isEmpty())
                name = ClaudeImportText::tr("a tool");
            QString text = ClaudeImportText::tr("Tool call: %1").arg(name);
            const json& input = jsonField(block, "input");
            if (!input.is_null())
                text += u'\n' + fencedBlock(jsonCompact(input), QStringLiteral("json"));
            appendBlock(message.content, text);
        } else if (type == QLatin1String("tool_result")) {
            const QString name = jsonText(block, "name");
            const QString result = toolResultText(jsonField(block, "content")).trimmed();
            QString text = name.isEmpty() ? ClaudeImportText::tr("Tool result:")
                                          : ClaudeImportText::tr("Tool result (%1):").arg(name);
            if (result.isEmpty())
                text += u' ' + ClaudeImportText::tr("(empty)");
            else
                text += u'\n' + fencedBlock(result);
            appendBlock(message.content, text);
        } else if (block.is_object() && !jsonText(block, "text").isEmpty()) {
            appendBlock(message.content, jsonText(block, "text"));
        } else if (block.is_object() && !type.isEmpty()) {
            appendBlock(message.content, QStringLiteral("[%1]").arg(type));
            ++losses.blocks[type];
        }
    }
}

bool hasContentBlocks(const json& blocks)
{
    if (!blocks.is_array())
        return false;
    for (const json& block : blocks) {
        const QString type = jsonText(block, "type");
        if (!type.isEmpty()
            && (type != QLatin1String("text") || !jsonText(block, "text").isEmpty()))
            return true; // a block, and not an empty text one
    }
    return false;
}

// UTF-8 cut to at most limit bytes, never inside a character.
QByteArray cutUtf8(const QByteArray& bytes, qsizetype limit)
{
    if (bytes.size() <= limit)
        return bytes;
    qsizetype end = limit;
    while (end > 0 && (static_cast<unsigned char>(bytes.at(end)) & 0xC0) == 0x80)
        --end; // bytes[end] continues a character: cut before its lead byte
    return bytes.left(end);
}

void addAttachments(const json& message, StoredMessage& out, Losses& losses)
{
    QStringList placeholders;
    QSet<QString> withContent;
    const json& attachments = jsonField(message, "attachments");
    if (attachments.is_array()) {
        for (const json& item : attachments) {
            if (!item.is_object())
                continue;
            QString name = jsonText(item, "file_name").trimmed();
            if (name.isEmpty())
                name = ClaudeImportText::tr("attachment");
            const QString text = jsonText(item, "extracted_content");
            if (text.isEmpty()) {
                placeholders
                    << ClaudeImportText::tr("[File: %1 (not included in the export)]").arg(name);
                ++losses.files;
                continue;
            }
            const QByteArray utf8 = text.toUtf8();
            Attachment attachment;
            attachment.kind = Attachment::Kind::Text;
            attachment.fileName = name;
            attachment.mimeType = QStringLiteral("text/plain");
            attachment.data = cutUtf8(utf8, kMaxTextBytes);
            attachment.originalSize = utf8.size();
            attachment.truncated = attachment.data.size() < utf8.size();
            if (attachment.truncated)
                ++losses.truncated;
            out.attachments.append(attachment);
            withContent.insert(name);
        }
    }
    // `files` names uploads (images, PDFs) whose bytes the export leaves out; a file that is
    // also an attachment with text is already there.
    const json& files = jsonField(message, "files");
    if (files.is_array()) {
        for (const json& item : files) {
            if (!item.is_object())
                continue;
            QString name = jsonText(item, "file_name").trimmed();
            if (withContent.contains(name))
                continue;
            if (name.isEmpty())
                name = ClaudeImportText::tr("file");
            placeholders
                << ClaudeImportText::tr("[File: %1 (not included in the export)]").arg(name);
            ++losses.files;
        }
    }
    appendBlock(out.content, placeholders.join(u'\n'));
}

void reportLosses(const Losses& losses, const QString& title, QStringList& warnings)
{
    const QString name = QStringLiteral("“%1”").arg(title);
    if (losses.files == 1)
        addWarning(warnings, ClaudeImportText::tr(
                                 "%1: 1 file is not included in the export; it is shown as a "
                                 "placeholder.")
                                 .arg(name));
    else if (losses.files > 1)
        addWarning(warnings, ClaudeImportText::tr(
                                 "%1: %2 files are not included in the export; they are shown as "
                                 "placeholders.")
                                 .arg(name)
                                 .arg(losses.files));
    if (losses.truncated > 0)
        addWarning(warnings,
                   ClaudeImportText::tr("%1: %2 attached text(s) longer than %3 KB were cut off.")
                       .arg(name)
                       .arg(losses.truncated)
                       .arg(kMaxTextBytes / 1024));
    for (auto it = losses.blocks.cbegin(); it != losses.blocks.cend(); ++it)
        addWarning(warnings,
                   ClaudeImportText::tr("%1: %2 content block(s) of type “%3” could not be "
                                        "imported; they are shown as placeholders.")
                       .arg(name)
                       .arg(it.value())
                       .arg(it.key()));
}

} // namespace

bool isClaudeConversation(const json& element)
{
    return jsonField(element, "chat_messages").is_array();
}

std::optional<ConversationTree> claudeConversation(const json& element, QString& error,
                                                   QStringList& warnings)
{
    if (!element.is_object()) {
        error = ClaudeImportText::tr(
            "The conversation is not a JSON object, so it is not a Claude conversation.");
        return std::nullopt;
    }
    // No title: the history titles it from its first question, as it does its own chats;
    // messages about it say "Untitled".
    const QString ownTitle = jsonText(element, "name").trimmed();
    const QString title = ownTitle.isEmpty() ? ClaudeImportText::tr("Untitled") : ownTitle;
    if (!isClaudeConversation(element)) {
        error = ClaudeImportText::tr("The conversation “%1” has no message list (“chat_messages”), "
                                     "so it is not a Claude conversation.")
                    .arg(title);
        return std::nullopt;
    }
    const json& list = element["chat_messages"];
    const QString model = jsonText(element, "model");
    std::optional<QDateTime> created = utcFromIso(&jsonField(element, "created_at"));
    std::optional<QDateTime> updated = utcFromIso(&jsonField(element, "updated_at"));

    // First pass: uuids, so a parent may come after its child in the list.
    const int count = int(list.size());
    std::unordered_map<std::string_view, int> byUuid;
    for (int i = 0; i < count; ++i) {
        const json& uuid = jsonField(list[std::size_t(i)], "uuid");
        if (uuid.is_string())
            byUuid.emplace(uuid.get_ref<const std::string&>(), i);
    }

    Losses losses;
    std::vector<qint64> keelId(std::size_t(count), 0); // 0: dropped (empty or not a message)
    std::vector<int> parentIndex(std::size_t(count), -1);
    QList<StoredMessage> messages;
    QDateTime previousTime = created.value_or(QDateTime());
    std::optional<QDateTime> first;
    std::optional<QDateTime> last;
    for (int i = 0; i < count; ++i) {
        const json& message = list[std::size_t(i)];
        // A named parent wins; without the field a message follows the one before it. A parent
        // that is not in the list (Claude's all-zero root id) makes a root.
        const json& parentUuid = jsonField(message, "parent_message_uuid");
        if (parentUuid.is_string()) {
            const auto found = byUuid.find(parentUuid.get_ref<const std::string&>());
            parentIndex[std::size_t(i)] =
                found == byUuid.end() || found->second == i ? -1 : found->second;
        } else {
            parentIndex[std::size_t(i)] = i - 1;
        }
        if (!message.is_object())
            continue;
        StoredMessage out;
        out.role = jsonText(message, "sender") == QLatin1String("assistant") ? Role::Assistant
                                                                             : Role::User;
        const json& blocks = jsonField(message, "content");
        if (hasContentBlocks(blocks))
            renderBlocks(blocks, out, losses);
        else
            out.content = jsonText(message, "text");
        addAttachments(message, out, losses);
        if (out.content.trimmed().isEmpty() && out.reasoning.isEmpty() && out.attachments.isEmpty())
            continue; // nothing to show: its children hang from its parent
        const std::optional<QDateTime> time = utcFromIso(&jsonField(message, "created_at"));
        if (time) {
            first = first && *first < *time ? first : time;
            last = last && *last > *time ? last : time;
            previousTime = *time;
        }
        out.createdAt = previousTime;
        out.updatedAt = utcFromIso(&jsonField(message, "updated_at")).value_or(out.createdAt);
        if (out.role == Role::Assistant)
            out.model = model;
        out.status = MessageStatus::Complete;
        out.id = i + 1;
        keelId[std::size_t(i)] = out.id;
        messages.append(out);
    }

    // Parents: up past dropped messages (bounded: a cycle ends the climb at a root).
    for (StoredMessage& message : messages) {
        int parent = parentIndex[std::size_t(message.id - 1)];
        for (int steps = 0; parent >= 0 && keelId[std::size_t(parent)] == 0 && steps < count;
             ++steps)
            parent = parentIndex[std::size_t(parent)];
        message.parentId = parent >= 0 ? keelId[std::size_t(parent)] : 0;
    }

    if (!created)
        created = first ? first : std::optional(QDateTime::currentDateTimeUtc());
    if (!updated)
        updated = last && *last > *created ? last : created;
    for (StoredMessage& message : messages) {
        if (!message.createdAt.isValid()) { // before the first message with a time
            message.createdAt = *created;
            message.updatedAt = *created;
        }
    }

    ConversationTree tree;
    tree.conversation.title = ownTitle;
    tree.conversation.createdAt = *created;
    tree.conversation.updatedAt = *updated;
    const QString uuid = jsonText(element, "uuid");
    if (!uuid.isEmpty())
        tree.conversation.sourceId = QStringLiteral("claude:") + uuid;
    // The current branch: the export's leaf when it names one, else the latest message.
    const json& leaf = jsonField(element, "current_leaf_message_uuid");
    if (leaf.is_string()) {
        const auto found = byUuid.find(leaf.get_ref<const std::string&>());
        int index = found == byUuid.end() ? -1 : found->second;
        for (int steps = 0; index >= 0 && keelId[std::size_t(index)] == 0 && steps < count; ++steps)
            index = parentIndex[std::size_t(index)]; // a dropped leaf: its nearest kept parent
        if (index >= 0)
            tree.conversation.currentLeafId = keelId[std::size_t(index)];
    }
    if (tree.conversation.currentLeafId == 0 && !messages.isEmpty())
        tree.conversation.currentLeafId = messages.constLast().id;
    tree.messages = std::move(messages);
    normalizeTreeOrder(tree);
    reportLosses(losses, title, warnings);
    if (tree.messages.isEmpty())
        addWarning(warnings, ClaudeImportText::tr("“%1” has no messages.").arg(title));
    return tree;
}

} // namespace keel::core
