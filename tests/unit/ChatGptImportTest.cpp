// ChatGptImportTest: ChatGPT's conversations.json to Keel trees, on the export-shaped files in
// tests/data/transfer (branches, every kind of part, a forked tool run) and on small inline
// cases (cycles, missing fields, a deep chain), directly and through readImportFile.
#include "transfer/ChatGptImport.h"

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
    return keel::test::convertWith(chatGptConversation, element, warningsOut);
}

QDateTime utc(double seconds)
{
    return QDateTime::fromMSecsSinceEpoch(qint64(seconds * 1000), Qt::UTC);
}

} // namespace

class ChatGptImportTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void branchesKeepTheTree()
    {
        const json file = loadJson(QStringLiteral("chatgpt-branches.json"));
        QVERIFY(file.is_array());
        QCOMPARE(file.size(), std::size_t(1));
        QVERIFY(isChatGptConversation(file[0]));
        QStringList warnings;
        const ConversationTree tree = convert(file[0], &warnings);
        QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join(u'\n')));

        QCOMPARE(tree.conversation.title, QStringLiteral("Branching trip plan"));
        QCOMPARE(tree.conversation.sourceId,
                 QStringLiteral("chatgpt:6a1f0c2e-0000-4000-8000-000000000001"));
        QCOMPARE(tree.messages.size(), 7);
        // Tree order: depth first, siblings in the order of ChatGPT's children lists.
        QCOMPARE(contents(tree.messages),
                 QStringList({"Plan a day in Lisbon.", "Start at Belém.", "Start at Alfama.",
                              "Make it cheaper.", "Take tram 28.", "Plan a day in Porto.",
                              "Start at Ribeira."}));
        QCOMPARE(childrenOf(tree, 0),
                 QStringList({"Plan a day in Lisbon.", "Plan a day in Porto."}));
        const StoredMessage* u1 = byContent(tree, QStringLiteral("Plan a day in Lisbon."));
        const StoredMessage* a1b = byContent(tree, QStringLiteral("Start at Alfama."));
        const StoredMessage* u2 = byContent(tree, QStringLiteral("Make it cheaper."));
        const StoredMessage* u1b = byContent(tree, QStringLiteral("Plan a day in Porto."));
        QVERIFY(u1 && a1b && u2 && u1b);
        QCOMPARE(childrenOf(tree, u1->id), QStringList({"Start at Belém.", "Start at Alfama."}));
        QCOMPARE(childrenOf(tree, a1b->id), QStringList({"Make it cheaper."}));
        QCOMPARE(childrenOf(tree, u2->id), QStringList({"Take tram 28."}));
        QCOMPARE(childrenOf(tree, u1b->id), QStringList({"Start at Ribeira."}));

        QCOMPARE(contents(currentBranch(tree)),
                 QStringList({"Plan a day in Lisbon.", "Start at Alfama.", "Make it cheaper.",
                              "Take tram 28."}));
        for (const StoredMessage& message : tree.messages) {
            QCOMPARE(message.status, MessageStatus::Complete);
            QVERIFY(message.id > 0);
            if (message.role == Role::Assistant)
                QCOMPARE(message.model, QStringLiteral("gpt-4o"));
            else
                QVERIFY(message.model.isEmpty());
        }
        QCOMPARE(u1->role, Role::User);
        QCOMPARE(a1b->role, Role::Assistant);
        // Times from create_time, increasing in the order the nodes were written.
        QCOMPARE(u1->createdAt, utc(1714000000.0 + 2 * 10.5));
        QCOMPARE(u1->createdAt.timeSpec(), Qt::UTC);
        QVERIFY(a1b->createdAt > u1->createdAt);
        QVERIFY(u2->createdAt > a1b->createdAt);
        QCOMPARE(tree.conversation.createdAt, utc(1714000000.0 - 5.25));
        QCOMPARE(tree.conversation.updatedAt, utc(1714000200.0));
    }

    void everyKindOfPart()
    {
        const json file = loadJson(QStringLiteral("chatgpt-parts.json"));
        QVERIFY(file.is_array());
        QStringList warnings;
        const ConversationTree tree = convert(file[0], &warnings);
        QCOMPARE(tree.conversation.title, QString());
        QCOMPARE(tree.conversation.sourceId,
                 QStringLiteral("chatgpt:6a1f0c2e-0000-4000-8000-000000000002"));
        // System prompt, custom instructions, the empty assistant node and the recap fold away.
        QCOMPARE(tree.messages.size(), 4);
        const StoredMessage& question = tree.messages[0];
        QCOMPARE(question.role, Role::User);
        QCOMPARE(question.parentId, 0);
        QCOMPARE(question.content,
                 QStringLiteral("[Image: file-7Hq2ChartDemo (not included in the export)]\n"
                                "What is in this chart? Compute the mean."));

        const StoredMessage& answer = tree.messages[1];
        QCOMPARE(answer.role, Role::Assistant);
        QCOMPARE(answer.parentId, question.id);
        QCOMPARE(answer.reasoning, QStringLiteral("Reading the chart\nThe bars show 3, 5 and 7."));
        QCOMPARE(answer.content, QStringLiteral("```python\nprint(sum([3, 5, 7]) / 3)\n```\n\n"
                                                "Output:\n```\n5.0\n```\n\n"
                                                "The mean is **5.0**."));
        QCOMPARE(answer.model, QStringLiteral("o4-mini"));
        QCOMPARE(answer.createdAt, utc(1715000002.0)); // its first node
        QCOMPARE(answer.updatedAt, utc(1715000006.0)); // its last node

        const StoredMessage& thanks = tree.messages[2];
        QCOMPARE(thanks.role, Role::User);
        QCOMPARE(thanks.parentId, answer.id);
        QCOMPARE(thanks.content,
                 QStringLiteral("Thanks! Where can I read more?\n[audio_asset_pointer]"));
        // create_time null: the parent node's (the empty assistant node, folded away).
        QCOMPARE(thanks.createdAt, utc(1715000007.0));

        const StoredMessage& quote = tree.messages[3];
        QCOMPARE(quote.parentId, thanks.id);
        QCOMPARE(quote.content, QStringLiteral("> The mean is the sum divided by the count.\n>\n"
                                               "> Mean - Example Statistics "
                                               "<https://example.org/statistics/mean>\n\n"
                                               "[sonic_widget]"));
        QCOMPARE(quote.model, QStringLiteral("gpt-4o")); // default_model_slug
        // No current_node: the last message.
        QCOMPARE(tree.conversation.currentLeafId, quote.id);

        QCOMPARE(warnings.size(), 3);
        QVERIFY2(warnings[0].contains(QLatin1String("1 image")), qPrintable(warnings[0]));
        QVERIFY(warnings[0].contains(QLatin1String("Untitled")));
        QVERIFY(warnings[1].contains(QLatin1String("audio_asset_pointer")));
        QVERIFY(warnings[2].contains(QLatin1String("sonic_widget")));
    }

    void forkedToolRunBecomesSiblingReplies()
    {
        const json file = loadJson(QStringLiteral("chatgpt-parts.json"));
        QVERIFY(file.is_array());
        QStringList warnings;
        const ConversationTree tree = convert(file[1], &warnings);
        QVERIFY(warnings.isEmpty());
        QCOMPARE(tree.conversation.title, QStringLiteral("Retried tool run"));
        QCOMPARE(tree.conversation.sourceId,
                 QStringLiteral("chatgpt:6a1f0c2e-0000-4000-8000-000000000003")); // from "id"
        // No conversation times: its earliest and latest message.
        QCOMPARE(tree.conversation.createdAt, utc(1716000001.0));
        QCOMPARE(tree.conversation.updatedAt, utc(1716000009.0));

        const QString code = QStringLiteral("```python\nimport random\nprint(random.randint(1, "
                                            "6))\n```");
        const QString four = code + QStringLiteral("\n\nOutput:\n```\n4\n```\n\nYou rolled a 4.");
        const QString six = code + QStringLiteral("\n\nOutput:\n```\n6\n```\n\nYou rolled a 6.");
        QCOMPARE(contents(tree.messages),
                 QStringList(
                     {"Roll a die.", four, "Again.", "You rolled a 2.", six, code, "Never mind."}));
        const StoredMessage* roll = byContent(tree, QStringLiteral("Roll a die."));
        QVERIFY(roll);
        // Each path of the fork is a reply with the shared prefix; the user who interrupted
        // after the code hangs under the reply that ends there.
        QCOMPARE(childrenOf(tree, roll->id), QStringList({four, six, code}));
        QCOMPARE(childrenOf(tree, byContent(tree, four)->id), QStringList({"Again."}));
        QCOMPARE(childrenOf(tree, byContent(tree, code)->id), QStringList({"Never mind."}));
        QCOMPARE(childrenOf(tree, byContent(tree, six)->id), QStringList());
        QCOMPARE(byContent(tree, six)->createdAt, utc(1716000002.0));
        QCOMPARE(contents(currentBranch(tree)), QStringList({"Roll a die.", six}));
    }

    void sameResultThroughReadImportFile()
    {
        for (const QString& name :
             {QStringLiteral("chatgpt-branches.json"), QStringLiteral("chatgpt-parts.json")}) {
            const json file = loadJson(name);
            QVERIFY(file.is_array());
            const ImportReadResult read = readImportFile(KEEL_IMPORT_TEST_FILE(name));
            QVERIFY2(read.batch.has_value(), qPrintable(read.error.message));
            QCOMPARE(read.batch->source, ImportSource::ChatGpt);
            QCOMPARE(read.batch->conversations.size(), qsizetype(file.size()));
            qint64 messages = 0;
            for (std::size_t i = 0; i < file.size(); ++i) {
                const ConversationTree direct = convert(file[i]);
                const ConversationTree& read1 = read.batch->conversations[qsizetype(i)];
                QCOMPARE(read1.conversation.title, direct.conversation.title);
                QCOMPARE(read1.conversation.sourceId, direct.conversation.sourceId);
                QCOMPARE(read1.conversation.currentLeafId, direct.conversation.currentLeafId);
                QCOMPARE(contents(read1.messages), contents(direct.messages));
                messages += read1.messages.size();
            }
            QCOMPARE(read.batch->messageCount, messages);
            if (name == QLatin1String("chatgpt-parts.json"))
                QVERIFY(read.batch->warnings.size() >= 3);
        }
    }

    void notAConversation()
    {
        QString error;
        QStringList warnings;
        QVERIFY(!chatGptConversation(json::array(), error, warnings));
        QVERIFY(!error.isEmpty());
        error.clear();
        const json noMapping = {{"title", "Lost"}, {"mapping", json::array()}};
        QVERIFY(!isChatGptConversation(noMapping));
        QVERIFY(!chatGptConversation(noMapping, error, warnings));
        QVERIFY2(error.contains(QLatin1String("Lost")), qPrintable(error));
        QVERIFY(!isChatGptConversation(json{{"chat_messages", json::array()}}));
    }

    // Junk where structure is expected costs that node, never the conversation.
    void malformedNodesAreSurvived()
    {
        const json element = json::parse(R"({
            "title": 42, "create_time": "yesterday", "current_node": ["x"],
            "mapping": {
                "a": {"message": {"author": {"role": "user"}, "create_time": 1e300,
                                  "content": {"content_type": "text", "parts": ["Hi", 7, null]}},
                      "parent": null, "children": ["b", "missing", 3, "a"]},
                "b": {"message": {"author": "assistant", "content": {"content_type": "text",
                      "parts": "not a list"}}, "parent": "a", "children": "c"},
                "c": {"message": {"author": {"role": "assistant"}, "metadata": [],
                      "content": {"content_type": "text", "parts": ["Hello"]}},
                      "parent": "a", "children": []},
                "d": null,
                "e": {"message": {"author": {"role": "assistant"}, "content": {}},
                      "parent": "e", "children": ["e"]},
                "f": {"message": {"author": {"role": "user"}, "content": {"content_type": "text",
                      "parts": ["loop one"]}}, "parent": "g", "children": ["g"]},
                "g": {"message": {"author": {"role": "user"}, "content": {"content_type": "text",
                      "parts": ["loop two"]}}, "parent": "f", "children": ["f"]}
            }})",
                                         nullptr, false);
        QVERIFY(!element.is_discarded());
        QStringList warnings;
        const ConversationTree tree = convert(element, &warnings);
        QCOMPARE(tree.conversation.title, QString());
        QVERIFY(tree.conversation.sourceId.isEmpty());
        QVERIFY(tree.conversation.createdAt.isValid());
        // "c" is not in a's children list but names a as its parent: it is kept.
        const StoredMessage* hi = byContent(tree, QStringLiteral("Hi"));
        const StoredMessage* hello = byContent(tree, QStringLiteral("Hello"));
        QVERIFY(hi && hello);
        QCOMPARE(hello->parentId, hi->id);
        // The cycle f <-> g is walked once, from one of them.
        QVERIFY(byContent(tree, QStringLiteral("loop one")));
        QVERIFY(byContent(tree, QStringLiteral("loop two")));
        QCOMPARE(tree.messages.size(), 4);
        for (const StoredMessage& message : tree.messages)
            QVERIFY(message.createdAt.isValid());
        QVERIFY(tree.conversation.currentLeafId > 0);
    }

    // Ten thousand nodes in one chain: the walk is iterative, and the chain of one assistant
    // run folds into one reply.
    void deepChain()
    {
        constexpr int depth = 10'000;
        json mapping = json::object();
        for (int i = 0; i < depth; ++i) {
            const bool user = i % 2 == 0;
            json node = {
                {"id", std::to_string(i)},
                {"parent", i == 0 ? json() : json(std::to_string(i - 1))},
                {"children", i + 1 < depth ? json::array({std::to_string(i + 1)}) : json::array()}};
            node["message"] = {{"author", {{"role", user ? "user" : "assistant"}}},
                               {"create_time", 1700000000 + i},
                               {"content",
                                {{"content_type", "text"},
                                 {"parts", {std::string(user ? "q" : "a") + std::to_string(i)}}}}};
            mapping[std::to_string(i)] = node;
        }
        const json element = {{"title", "Deep"},
                              {"id", "deep"},
                              {"mapping", mapping},
                              {"current_node", std::to_string(depth - 1)}};
        const ConversationTree tree = convert(element);
        QCOMPARE(tree.messages.size(), depth);
        QCOMPARE(currentBranch(tree).size(), depth);
        QCOMPARE(tree.messages.constLast().content, QStringLiteral("a%1").arg(depth - 1));
    }

    void emptyMappingWarns()
    {
        QStringList warnings;
        const ConversationTree tree =
            convert(json{{"title", "Nothing"}, {"mapping", json::object()}}, &warnings);
        QVERIFY(tree.messages.isEmpty());
        QCOMPARE(warnings.size(), 1);
        QVERIFY(warnings[0].contains(QLatin1String("Nothing")));
    }
};

QTEST_GUILESS_MAIN(ChatGptImportTest)
#include "ChatGptImportTest.moc"
