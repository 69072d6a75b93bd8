// ChatGptImport: the mapping tree of a ChatGPT export to a Keel tree. ChatGPT keeps a node per
// step (system prompt, user turn, each tool call, tool output, reasoning, answer); Keel keeps a
// user message and one reply per turn. So the walk folds each run of assistant / tool nodes
// into one reply, and where such a run forks every path becomes a reply of its own.
#include "transfer/ChatGptImport.h"

#include "transfer/ImportText.h"
#include "transfer/TransferTypes.h"

#include <QCoreApplication>
#include <QMap>

#include <memory>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace keel::core {

using nlohmann::json;

namespace {

// The translation context of this file's texts. A struct, not a free tr(): lupdate files a
// free function's strings under the enclosing namespace or class, which would not match the
// context used at run time.
struct ChatGptImportText {
    Q_DECLARE_TR_FUNCTIONS(ChatGptImport)
};

struct Node {
    const json* message = nullptr; // null: a structural node (the root usually is one)
    std::string_view parentKey{};
    int parent = -1; // in the tree the walk follows
    std::vector<int> children{};
};

// What was lost in one conversation, reported once per kind rather than once per part.
struct Losses {
    int images = 0;
    QMap<QString, int> parts{};        // objects in parts other than images, by content_type
    QMap<QString, int> contentTypes{}; // messages of a content type not understood
};

enum class Kind { Transparent, User, Reply };

struct Rendered {
    Kind kind = Kind::Transparent;
    QString text{};
    QString reasoning{};
    QString model{};
    std::optional<QDateTime> time{};
};

// A reply being collected along one path. Copied where the path forks (each branch gets the
// shared prefix); emittedId is set once it is a Keel message, which every later path through
// the same point reuses.
struct Pending {
    QString content{};
    QString reasoning{};
    QString model{};
    QDateTime createdAt;
    QDateTime updatedAt;
    qint64 keelParent = 0;
    std::vector<int> nodes{};
    qint64 emittedId = 0;
};

struct Frame {
    int node = -1;
    qint64 keelParent = 0;
    std::shared_ptr<Pending> pending{};
    QDateTime time;
};

QString partsText(const json& parts, Losses& losses)
{
    QStringList lines;
    for (const json& part : parts) {
        if (part.is_string()) {
            const QString text = QString::fromStdString(part.get_ref<const std::string&>());
            if (!text.isEmpty())
                lines << text;
            continue;
        }
        if (!part.is_object())
            continue; // null parts (and numbers, which no export writes) carry nothing
        const QString type = jsonText(part, "content_type");
        if (type == QLatin1String("image_asset_pointer")) {
            QString file = jsonText(part, "asset_pointer");
            const qsizetype scheme = file.indexOf(QLatin1String("://"));
            if (scheme >= 0)
                file = file.mid(scheme + 3);
            if (file.isEmpty())
                file = ChatGptImportText::tr("image");
            lines << ChatGptImportText::tr("[Image: %1 (not included in the export)]").arg(file);
            ++losses.images;
        } else if (type == QLatin1String("audio_transcription")
                   && !jsonText(part, "text").isEmpty()) {
            lines << jsonText(part, "text"); // what was said is the message
        } else {
            const QString name = type.isEmpty() ? ChatGptImportText::tr("unknown part") : type;
            lines << QStringLiteral("[%1]").arg(name);
            ++losses.parts[name];
        }
    }
    return lines.join(u'\n');
}

QString thoughtsText(const json& content)
{
    QString text;
    const json& thoughts = jsonField(content, "thoughts");
    if (!thoughts.is_array())
        return text;
    for (const json& thought : thoughts) {
        QString block = jsonText(thought, "summary").trimmed();
        const QString body = jsonText(thought, "content").trimmed();
        if (!body.isEmpty())
            block += (block.isEmpty() ? QString() : QStringLiteral("\n")) + body;
        appendBlock(text, block);
    }
    return text;
}

// The content of one message as Keel text (kind aside): text, code, output, reasoning.
void renderContent(const json& content, Rendered& out, Losses& losses)
{
    const QString type = jsonText(content, "content_type");
    const json* parts = &jsonField(content, "parts");
    if (type == QLatin1String("text") || type == QLatin1String("multimodal_text")) {
        out.text = parts->is_array() ? partsText(*parts, losses) : jsonText(content, "text");
    } else if (type == QLatin1String("code")) {
        const QString code = jsonText(content, "text");
        QString language = jsonText(content, "language");
        if (language == QLatin1String("unknown"))
            language.clear();
        if (!code.trimmed().isEmpty())
            out.text = fencedBlock(code, language);
    } else if (type == QLatin1String("execution_output")) {
        const QString output = jsonText(content, "text");
        if (!output.trimmed().isEmpty())
            out.text = ChatGptImportText::tr("Output:") + u'\n' + fencedBlock(output);
    } else if (type == QLatin1String("thoughts")) {
        out.reasoning = thoughtsText(content);
    } else if (type == QLatin1String("reasoning_recap")) {
        // "Thought for 12 seconds": a label of the reasoning, not content
    } else if (type == QLatin1String("tether_browsing_display")) {
        QString text;
        appendBlock(text, jsonText(content, "result").trimmed());
        appendBlock(text, jsonText(content, "summary").trimmed());
        if (!text.isEmpty())
            out.text = quotedBlock(text);
    } else if (type == QLatin1String("tether_quote")) {
        const QString quote = jsonText(content, "text").trimmed();
        if (!quote.isEmpty()) {
            QString source = jsonText(content, "title").trimmed();
            const QString url = jsonText(content, "url").trimmed();
            if (!url.isEmpty())
                source += (source.isEmpty() ? QString() : QStringLiteral(" ")) + u'<' + url + u'>';
            out.text = quotedBlock(source.isEmpty() ? quote : quote + u'\n' + u'\n' + source);
        }
    } else if (type == QLatin1String("user_editable_context")
               || type == QLatin1String("model_editable_context")) {
        // custom instructions and memory: settings of the account, not the conversation
    } else if (type == QLatin1String("system_error")) {
        const QString text = jsonText(content, "text").trimmed();
        if (!text.isEmpty())
            out.text = ChatGptImportText::tr("Error: %1").arg(text);
    } else if (parts->is_array()) {
        out.text = partsText(*parts, losses);
    } else if (!jsonText(content, "text").isEmpty()) {
        out.text = jsonText(content, "text");
    } else if (!type.isEmpty()) {
        out.text = QStringLiteral("[%1]").arg(type);
        ++losses.contentTypes[type];
    }
}

bool isTrue(const json& object, const char* key)
{
    if (!object.is_object())
        return false;
    const auto it = object.find(key);
    return it != object.end() && it->is_boolean() && it->get<bool>();
}

Rendered render(const Node& node, Losses& losses)
{
    Rendered out;
    if (node.message == nullptr || !node.message->is_object())
        return out;
    const json& message = *node.message;
    const json& metadata = jsonField(message, "metadata");
    out.time = utcFromEpochSeconds(&jsonField(message, "create_time"));
    const QString role = jsonText(jsonField(message, "author"), "role");
    if (role == QLatin1String("system") || isTrue(metadata, "is_visually_hidden_from_conversation"))
        return out;
    const json& content = jsonField(message, "content");
    if (!content.is_object())
        return out;
    renderContent(content, out, losses);
    if (out.text.trimmed().isEmpty())
        out.text.clear();
    if (out.text.isEmpty() && out.reasoning.trimmed().isEmpty())
        return out; // empty: transparent
    out.model = jsonText(metadata, "model_slug");
    out.kind = role == QLatin1String("user") ? Kind::User : Kind::Reply;
    if (out.kind == Kind::User && out.text.isEmpty())
        out.kind = Kind::Transparent;
    return out;
}

class Converter {
public:
    Converter(const json& element, const QString& title, QStringList& warnings)
        : m_title(title)
        , m_warnings(warnings)
    {
        m_defaultModel = jsonText(element, "default_model_slug");
    }

    std::vector<Node> nodes{};
    QList<StoredMessage> messages{};
    std::vector<qint64> keelIdOf{}; // ChatGPT node -> the Keel message that holds it (0: none)

    void walk(const std::vector<int>& roots, const QDateTime& start)
    {
        keelIdOf.assign(nodes.size(), 0);
        std::vector<bool> visited(nodes.size(), false);
        std::vector<Frame> stack;
        auto walkFrom = [&](int root) {
            stack.push_back(Frame{root, 0, {}, start});
            while (!stack.empty()) {
                Frame frame = std::move(stack.back());
                stack.pop_back();
                if (visited[frame.node])
                    continue;
                visited[frame.node] = true;
                step(frame, visited, stack);
            }
        };
        for (const int root : roots)
            walkFrom(root);
        // What no root reaches hangs in a cycle: walk it from its first node.
        for (int i = 0; i < int(nodes.size()); ++i)
            if (!visited[i])
                walkFrom(i);
    }

    void reportLosses() const
    {
        const QString name = QStringLiteral("“%1”").arg(m_title);
        if (m_losses.images == 1)
            addWarning(m_warnings, ChatGptImportText::tr(
                                       "%1: 1 image is not included in the export; it is shown as "
                                       "a placeholder.")
                                       .arg(name));
        else if (m_losses.images > 1)
            addWarning(m_warnings, ChatGptImportText::tr(
                                       "%1: %2 images are not included in the export; they are "
                                       "shown as placeholders.")
                                       .arg(name)
                                       .arg(m_losses.images));
        for (auto it = m_losses.parts.cbegin(); it != m_losses.parts.cend(); ++it)
            addWarning(m_warnings,
                       ChatGptImportText::tr("%1: %2 part(s) of type “%3” could not be "
                                             "imported; they are shown as placeholders.")
                           .arg(name)
                           .arg(it.value())
                           .arg(it.key()));
        for (auto it = m_losses.contentTypes.cbegin(); it != m_losses.contentTypes.cend(); ++it)
            addWarning(m_warnings,
                       ChatGptImportText::tr("%1: %2 message(s) of type “%3” could not be "
                                             "imported; they are shown as placeholders.")
                           .arg(name)
                           .arg(it.value())
                           .arg(it.key()));
    }

private:
    QString m_title;
    QStringList& m_warnings;
    QString m_defaultModel;
    Losses m_losses;

    qint64 emitReply(Pending& pending)
    {
        if (pending.emittedId != 0)
            return pending.emittedId;
        StoredMessage reply;
        reply.id = messages.size() + 1;
        reply.parentId = pending.keelParent;
        reply.role = Role::Assistant;
        reply.content = pending.content;
        reply.reasoning = pending.reasoning;
        reply.model = pending.model.isEmpty() ? m_defaultModel : pending.model;
        reply.status = MessageStatus::Complete;
        reply.createdAt = pending.createdAt;
        reply.updatedAt = pending.updatedAt;
        messages.append(reply);
        for (const int node : pending.nodes)
            if (keelIdOf[node] == 0)
                keelIdOf[node] = reply.id;
        pending.emittedId = reply.id;
        return reply.id;
    }

    void step(Frame& frame, const std::vector<bool>& visited, std::vector<Frame>& stack)
    {
        const Rendered rendered = render(nodes[frame.node], m_losses);
        const QDateTime time = rendered.time.value_or(frame.time);
        qint64 parent = frame.keelParent;
        std::shared_ptr<Pending> pending = std::move(frame.pending);
        if (rendered.kind == Kind::User) {
            if (pending)
                parent = emitReply(*pending);
            pending.reset();
            StoredMessage user;
            user.id = messages.size() + 1;
            user.parentId = parent;
            user.role = Role::User;
            user.content = rendered.text;
            user.status = MessageStatus::Complete;
            user.createdAt = time;
            user.updatedAt = time;
            messages.append(user);
            keelIdOf[frame.node] = user.id;
            parent = user.id;
        } else if (rendered.kind == Kind::Reply) {
            if (!pending) {
                pending = std::make_shared<Pending>();
                pending->keelParent = parent;
                pending->createdAt = time;
            } else if (pending.use_count() > 1 || pending->emittedId != 0) {
                // Another path shares (or already wrote) this prefix: extend a copy.
                pending = std::make_shared<Pending>(*pending);
                pending->emittedId = 0;
            }
            appendBlock(pending->content, rendered.text);
            appendBlock(pending->reasoning, rendered.reasoning);
            if (pending->model.isEmpty())
                pending->model = rendered.model;
            pending->updatedAt = time;
            pending->nodes.push_back(frame.node);
        }
        const std::vector<int>& children = nodes[frame.node].children;
        bool hasChild = false;
        for (auto it = children.rbegin(); it != children.rend(); ++it) {
            if (visited[*it])
                continue;
            hasChild = true;
            stack.push_back(Frame{*it, parent, pending, time});
        }
        if (!hasChild && pending)
            emitReply(*pending);
    }
};

} // namespace

bool isChatGptConversation(const json& element)
{
    return jsonField(element, "mapping").is_object();
}

std::optional<ConversationTree> chatGptConversation(const json& element, QString& error,
                                                    QStringList& warnings)
{
    if (!element.is_object()) {
        error = ChatGptImportText::tr(
            "The conversation is not a JSON object, so it is not a ChatGPT conversation.");
        return std::nullopt;
    }
    // No title: the history titles it from its first question, as it does its own chats;
    // messages about it say "Untitled".
    const QString ownTitle = jsonText(element, "title").trimmed();
    const QString title = ownTitle.isEmpty() ? ChatGptImportText::tr("Untitled") : ownTitle;
    if (!isChatGptConversation(element)) {
        error =
            ChatGptImportText::tr("The conversation “%1” has no message tree (“mapping”), so it "
                                  "is not a ChatGPT conversation.")
                .arg(title);
        return std::nullopt;
    }
    const json& mapping = element["mapping"];

    Converter converter(element, title, warnings);
    std::vector<Node>& nodes = converter.nodes;
    nodes.reserve(mapping.size());
    std::unordered_map<std::string_view, int> index;
    index.reserve(mapping.size());
    for (auto it = mapping.begin(); it != mapping.end(); ++it) {
        Node node;
        if (it->is_object()) {
            if (jsonField(*it, "message").is_object())
                node.message = &jsonField(*it, "message");
            node.parentKey = jsonStringView(*it, "parent");
        }
        index.emplace(it.key(), int(nodes.size()));
        nodes.push_back(std::move(node));
    }
    auto lookup = [&](std::string_view key) {
        const auto found = index.find(key);
        return found == index.end() ? -1 : found->second;
    };

    // children lists give the order; a node listed by a parent other than its own is not taken.
    int i = 0;
    std::vector<bool> claimed(nodes.size(), false);
    for (auto it = mapping.begin(); it != mapping.end(); ++it, ++i) {
        const json& children = jsonField(*it, "children");
        if (!children.is_array())
            continue;
        for (const json& child : children) {
            if (!child.is_string())
                continue;
            const int c = lookup(child.get_ref<const std::string&>());
            if (c < 0 || c == i || claimed[c])
                continue;
            const int ownParent = lookup(nodes[c].parentKey);
            if (ownParent >= 0 && ownParent != i)
                continue;
            claimed[c] = true;
            nodes[c].parent = i;
            nodes[i].children.push_back(c);
        }
    }
    std::vector<int> roots;
    for (int n = 0; n < int(nodes.size()); ++n) {
        if (claimed[n])
            continue;
        const int parent = lookup(nodes[n].parentKey);
        if (parent < 0 || parent == n) {
            roots.push_back(n);
        } else {
            nodes[n].parent = parent;
            nodes[parent].children.push_back(n);
        }
    }

    // Times: the conversation's, else its earliest message's, else now.
    std::optional<QDateTime> created = utcFromEpochSeconds(&jsonField(element, "create_time"));
    std::optional<QDateTime> updated = utcFromEpochSeconds(&jsonField(element, "update_time"));
    if (!created || !updated) {
        std::optional<QDateTime> first;
        std::optional<QDateTime> last;
        for (const Node& node : nodes) {
            const auto time = node.message
                                  ? utcFromEpochSeconds(&jsonField(*node.message, "create_time"))
                                  : std::nullopt;
            if (!time)
                continue;
            if (!first || *time < *first)
                first = time;
            if (!last || *time > *last)
                last = time;
        }
        if (!created)
            created = first ? first : std::optional(QDateTime::currentDateTimeUtc());
        if (!updated)
            updated = last && *last > *created ? last : created;
    }

    converter.walk(roots, *created);
    converter.reportLosses();

    ConversationTree tree;
    tree.conversation.title = ownTitle;
    tree.conversation.createdAt = *created;
    tree.conversation.updatedAt = *updated;
    QString id = jsonText(element, "conversation_id");
    if (id.isEmpty())
        id = jsonText(element, "id");
    if (!id.isEmpty())
        tree.conversation.sourceId = QStringLiteral("chatgpt:") + id;
    tree.messages = std::move(converter.messages);
    normalizeTreeOrder(tree);

    // The current branch: the message holding current_node, or the nearest one above it.
    int current = lookup(jsonStringView(element, "current_node"));
    for (std::size_t steps = 0; current >= 0 && steps <= nodes.size(); ++steps) {
        if (converter.keelIdOf[current] != 0) {
            tree.conversation.currentLeafId = converter.keelIdOf[current];
            break;
        }
        current = nodes[current].parent;
    }
    if (tree.conversation.currentLeafId == 0 && !tree.messages.isEmpty())
        tree.conversation.currentLeafId = tree.messages.constLast().id;
    if (tree.messages.isEmpty())
        addWarning(warnings, ChatGptImportText::tr("“%1” has no messages.").arg(title));
    return tree;
}

} // namespace keel::core
