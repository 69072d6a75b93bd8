// ClaudeImportTest: Claude's conversations.json to Keel trees, on the export-shaped files in
// tests/data/transfer (content blocks, attachments, files, branches by parent_message_uuid) and
// small inline cases, directly and through readImportFile.
#include "transfer/ClaudeImport.h"

#include "ImportTestSupport.h"
#include "transfer/ImportReader.h"

#include <QTest>

#include <nlohmann/json.hpp>

using namespace keel::core;
using keel::test::byContent;
using keel::test::childrenOf;
using keel::test::contents;
using nlohmann::json;

namespace {

json loadJson(const QString& name)
{
    return keel::test::loadJsonFile(KEEL_IMPORT_TEST_FILE(name));
}

ConversationTree convert(const json& element, QStringList* warningsOut = nullptr)
{
    return keel::test::convertWith(claudeConversation, element, warningsOut);
}

QDateTime utc(const char* iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODateWithMs).toUTC();
}

} // namespace

class ClaudeImportTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void basicConversation()
    {
        const json file = loadJson(QStringLiteral("claude-basic.json"));
        QVERIFY(file.is_array());
        QCOMPARE(file.size(), std::size_t(2));
        QVERIFY(isClaudeConversation(file[0]));
        QStringList warnings;
        const ConversationTree tree = convert(file[0], &warnings);
        QCOMPARE(tree.conversation.title, QStringLiteral("Reading a config file"));
        QCOMPARE(tree.conversation.sourceId,
                 QStringLiteral("claude:c1000000-0000-4000-8000-0000000000c1"));
        QCOMPARE(tree.conversation.createdAt, utc("2024-06-01T08:59:59Z"));
        QCOMPARE(tree.conversation.updatedAt, utc("2024-06-01T09:01:20.500Z"));

        // The empty assistant message is dropped; the two assistant messages that follow each
        // other stay two messages. Without parent_message_uuid the conversation is linear.
        QCOMPARE(tree.messages.size(), 5);
        for (int i = 0; i < tree.messages.size(); ++i) {
            QCOMPARE(tree.messages[i].parentId, i == 0 ? 0 : tree.messages[i - 1].id);
            QCOMPARE(tree.messages[i].status, MessageStatus::Complete);
        }
        QCOMPARE(tree.conversation.currentLeafId, tree.messages.constLast().id);

        const StoredMessage& question = tree.messages[0];
        QCOMPARE(question.role, Role::User);
        // app.toml is an attachment with its text; only the screenshot is a placeholder.
        QCOMPARE(question.content,
                 QStringLiteral("Why does this config fail to load?\n\n"
                                "[File: screenshot.png (not included in the export)]"));
        QCOMPARE(question.attachments.size(), 1);
        const Attachment& toml = question.attachments[0];
        QCOMPARE(toml.kind, Attachment::Kind::Text);
        QCOMPARE(toml.fileName, QStringLiteral("app.toml"));
        QCOMPARE(toml.mimeType, QStringLiteral("text/plain"));
        QCOMPARE(toml.data, QByteArray("[server]\nhost = \"0.0.0.0\"\nport = \"eighty\"\n"));
        QCOMPARE(toml.originalSize, qint64(toml.data.size()));
        QVERIFY(!toml.truncated);
        QCOMPARE(question.createdAt, utc("2024-06-01T09:00:00.123Z")); // microseconds cut

        const StoredMessage& answer = tree.messages[1];
        QCOMPARE(answer.role, Role::Assistant);
        QCOMPARE(answer.reasoning,
                 QStringLiteral("The port is a string where a number is expected."));
        QCOMPARE(answer.content,
                 QStringLiteral("The `port` value must be a number: write `port = 80`."));

        QCOMPARE(tree.messages[2].role, Role::User);
        QCOMPARE(tree.messages[2].createdAt, utc("2024-06-01T09:01:00Z"));
        const StoredMessage& tools = tree.messages[3];
        QCOMPARE(tools.role, Role::Assistant);
        QCOMPARE(tools.content, QStringLiteral("Let me check the file.\n\n"
                                               "Tool call: read_file\n```json\n"
                                               "{\"path\":\"app.toml\"}\n```\n\n"
                                               "Tool result (read_file):\n```\nport = 80\n```\n\n"
                                               "It loads now."));
        QCOMPARE(tree.messages[4].content, QStringLiteral("Great."));
        QCOMPARE(tree.messages[4].createdAt, utc("2024-06-01T09:01:20.500Z")); // +02:00 offset

        QCOMPARE(warnings.size(), 1);
        QVERIFY2(warnings[0].contains(QLatin1String("Reading a config file"))
                     && warnings[0].contains(QLatin1String("1 file")),
                 qPrintable(warnings[0]));
    }

    void textFieldFilesAndUnknownBlocks()
    {
        const json file = loadJson(QStringLiteral("claude-basic.json"));
        QVERIFY(file.is_array());
        QStringList warnings;
        const ConversationTree tree = convert(file[1], &warnings);
        QCOMPARE(tree.conversation.title, QString());
        QCOMPARE(tree.messages.size(), 3);
        QCOMPARE(tree.messages[0].content,
                 QStringLiteral("Write a haiku about this photo.\n\n"
                                "[File: rain.jpg (not included in the export)]"));
        QVERIFY(tree.messages[0].attachments.isEmpty());
        // No content blocks: the message's `text`.
        QCOMPARE(tree.messages[1].content,
                 QStringLiteral("Soft rain on the roof\nthe gutters hum an old song\n"
                                "night folds into sleep"));
        QCOMPARE(tree.messages[2].content, QStringLiteral("Here is a sketch as well:\n\n[image]"));
        QCOMPARE(tree.messages[2].parentId, tree.messages[1].id);
        QCOMPARE(warnings.size(), 2);
        QVERIFY(warnings[0].contains(QLatin1String("1 file")));
        QVERIFY(warnings[1].contains(QStringLiteral("\u201cimage\u201d")));
    }

    void branchesFollowParentUuids()
    {
        const json file = loadJson(QStringLiteral("claude-branches.json"));
        QVERIFY(file.is_array());
        QStringList warnings;
        const ConversationTree tree = convert(file[0], &warnings);
        QVERIFY(warnings.isEmpty());
        QCOMPARE(tree.conversation.title, QStringLiteral("Colours and fruit"));
        QCOMPARE(tree.messages.size(), 7);
        // "Red." comes before its parent in the file; tree order puts it under it.
        QCOMPARE(contents(tree.messages),
                 QStringList({"Name a colour.", "Blue.", "Green.", "Another one.", "Red.",
                              "Name a fruit.", "Pear."}));
        QCOMPARE(childrenOf(tree, 0), QStringList({"Name a colour.", "Name a fruit."}));
        QCOMPARE(childrenOf(tree, byContent(tree, QStringLiteral("Name a colour."))->id),
                 QStringList({"Blue.", "Green."}));
        QCOMPARE(childrenOf(tree, byContent(tree, QStringLiteral("Green."))->id),
                 QStringList({"Another one."}));
        QCOMPARE(childrenOf(tree, byContent(tree, QStringLiteral("Another one."))->id),
                 QStringList({"Red."}));
        QCOMPARE(childrenOf(tree, byContent(tree, QStringLiteral("Name a fruit."))->id),
                 QStringList({"Pear."}));
        // current_leaf_message_uuid names "Red.".
        QCOMPARE(contents(currentBranch(tree)),
                 QStringList({"Name a colour.", "Green.", "Another one.", "Red."}));

        // Without it: the last message of the list.
        json noLeaf = file[0];
        noLeaf.erase("current_leaf_message_uuid");
        QCOMPARE(contents(currentBranch(convert(noLeaf))), QStringList({"Name a fruit.", "Pear."}));
    }

    void sameResultThroughReadImportFile()
    {
        for (const QString& name :
             {QStringLiteral("claude-basic.json"), QStringLiteral("claude-branches.json")}) {
            const json file = loadJson(name);
            QVERIFY(file.is_array());
            const ImportReadResult read = readImportFile(KEEL_IMPORT_TEST_FILE(name));
            QVERIFY2(read.batch.has_value(), qPrintable(read.error.message));
            QCOMPARE(read.batch->source, ImportSource::Claude);
            QCOMPARE(read.batch->conversations.size(), qsizetype(file.size()));
            for (std::size_t i = 0; i < file.size(); ++i) {
                const ConversationTree direct = convert(file[i]);
                const ConversationTree& read1 = read.batch->conversations[qsizetype(i)];
                QCOMPARE(read1.conversation.title, direct.conversation.title);
                QCOMPARE(read1.conversation.sourceId, direct.conversation.sourceId);
                QCOMPARE(read1.conversation.currentLeafId, direct.conversation.currentLeafId);
                QCOMPARE(contents(read1.messages), contents(direct.messages));
            }
            if (name == QLatin1String("claude-basic.json")) {
                QCOMPARE(read.batch->conversations[0].messages[0].attachments.size(), 1);
                QVERIFY(read.batch->warnings.size() >= 3);
            }
        }
    }

    void notAConversation()
    {
        QString error;
        QStringList warnings;
        QVERIFY(!claudeConversation(json("text"), error, warnings));
        QVERIFY(!error.isEmpty());
        error.clear();
        const json wrong = {{"name", "Odd"}, {"chat_messages", json::object()}};
        QVERIFY(!isClaudeConversation(wrong));
        QVERIFY(!claudeConversation(wrong, error, warnings));
        QVERIFY2(error.contains(QLatin1String("Odd")), qPrintable(error));
        QVERIFY(!isClaudeConversation(json{{"mapping", json::object()}}));
    }

    void malformedMessagesAreSurvived()
    {
        const json element = json::parse(R"({
            "uuid": 5, "name": ["x"], "created_at": "not a date",
            "chat_messages": [
                "junk", null,
                {"uuid": "a", "sender": "human", "text": "First", "created_at": 12,
                 "content": "not blocks", "attachments": [null, {"file_name": 3}], "files": {}},
                {"uuid": "b", "sender": "robot", "text": "Second",
                 "content": [null, 1, {"type": "tool_use", "name": "calc"},
                             {"type": "tool_result", "content": "42"}]},
                {"uuid": "c", "parent_message_uuid": "c", "sender": "assistant", "text": "Self"},
                {"uuid": "d", "parent_message_uuid": "e", "sender": "human", "text": "Loop d"},
                {"uuid": "e", "parent_message_uuid": "d", "sender": "human", "text": "Loop e"}
            ]})",
                                         nullptr, false);
        QVERIFY(!element.is_discarded());
        QStringList warnings;
        const ConversationTree tree = convert(element, &warnings);
        QCOMPARE(tree.conversation.title, QString());
        QVERIFY(tree.conversation.sourceId.isEmpty());
        QVERIFY(tree.conversation.createdAt.isValid());
        QCOMPARE(tree.messages.size(), 5);
        const StoredMessage* first =
            byContent(tree, QStringLiteral("First\n\n[File: attachment (not "
                                           "included in the export)]"));
        QVERIFY(first);
        const StoredMessage* second =
            byContent(tree, QStringLiteral("Tool call: calc\n\nTool result:\n```\n42\n```"));
        QVERIFY(second);
        QCOMPARE(second->role, Role::User); // an unknown sender is not the model
        QCOMPARE(second->parentId, first->id);
        QCOMPARE(byContent(tree, QStringLiteral("Self"))->parentId, 0);
        QVERIFY(byContent(tree, QStringLiteral("Loop d")));
        QVERIFY(byContent(tree, QStringLiteral("Loop e")));
        for (const StoredMessage& message : tree.messages)
            QVERIFY(message.createdAt.isValid());
    }

    void longAttachmentIsCut()
    {
        // 3-byte characters across the cap: the cut must not split one.
        const std::string text = std::string(1, 'x') + [] {
            std::string s;
            for (qint64 i = 0; i < kMaxTextBytes / 3 + 10; ++i)
                s += "\xe2\x82\xac"; // €
            return s;
        }();
        const json element = {
            {"uuid", "long"},
            {"name", "Long"},
            {"chat_messages",
             {{{"uuid", "m"},
               {"sender", "human"},
               {"text", "See the file."},
               {"attachments", {{{"file_name", "euro.txt"}, {"extracted_content", text}}}}}}}};
        QStringList warnings;
        const ConversationTree tree = convert(element, &warnings);
        QCOMPARE(tree.messages.size(), 1);
        const Attachment& attachment = tree.messages[0].attachments.at(0);
        QVERIFY(attachment.truncated);
        QVERIFY(attachment.data.size() <= kMaxTextBytes);
        QVERIFY(attachment.data.size() > kMaxTextBytes - 3);
        QCOMPARE(QString::fromUtf8(attachment.data).toUtf8(), attachment.data); // valid UTF-8
        QCOMPARE(attachment.originalSize, qint64(text.size()));
        QCOMPARE(warnings.size(), 1);
        QVERIFY(warnings[0].contains(QLatin1String("cut off")));
    }
};

QTEST_GUILESS_MAIN(ClaudeImportTest)
#include "ClaudeImportTest.moc"
