// KeelJsonTest: Keel's own export format: the streaming writer gives exactly the bytes of a
// whole-document dump(2); every field survives JSON and the history (export -> import into a
// fresh database -> export is byte-identical, for one rich conversation and an archive);
// missing fields are defaulted, unknown ones ignored, wrong types named.
#include "transfer/KeelJson.h"

#include "store/Database.h"
#include "store/TreeStore.h"
#include "tools/ToolTypes.h"
#include "transfer/ImportReader.h"

#include <QBuffer>
#include <QTemporaryDir>
#include <QTest>

using namespace keel::core;
using ordered = nlohmann::ordered_json;
using json = nlohmann::json;

// QCOMPARE has no printer for json values: compare (and show) their text.
#define JSON_COMPARE(actual, expected)                                                             \
    QCOMPARE(QString::fromStdString((actual).dump()), QString::fromStdString((expected).dump()))

namespace {

QDateTime at(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

constexpr qint64 T0 = 1795255200000; // 2026-11-21T10:00:00.000Z

QByteArray png()
{
    return QByteArray::fromBase64("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhf"
                                  "DwAChwGA60e6kgAAAABJRU5ErkJggg==");
}

StoredMessage message(qint64 id, qint64 parent, Role role, const QString& content, qint64 ms)
{
    StoredMessage m;
    m.id = id;
    m.parentId = parent;
    m.role = role;
    m.content = content;
    m.createdAt = at(ms);
    m.updatedAt = at(ms + 1500);
    return m;
}

ToolCallRecord toolCall()
{
    ToolCallRecord record;
    record.step = 1;
    record.textOffset = 5;
    record.call = {QStringLiteral("call_1"), QStringLiteral("fs__read"),
                   QStringLiteral("{\"path\":\"/tmp/ü.txt\"}")};
    record.server = QStringLiteral("fs");
    record.toolName = QStringLiteral("read");
    record.state = ToolCallState::Done;
    record.result.durationMs = 42;
    ToolContent text;
    text.text = QStringLiteral("file contents\r\nline 2");
    ToolContent image;
    image.kind = ToolContent::Kind::Image;
    image.mimeType = QStringLiteral("image/png");
    image.data = png();
    record.result.content = {text, image};
    return record;
}

// Two branches (a regenerated reply), attachments, tool calls, reasoning, usage, timing,
// settings, pinned, unicode, CRLF, empty strings and a 1 MB message. Ids are 1.. in tree
// order, as the writer numbers them, so a tree read back compares field by field.
ConversationTree richTree()
{
    ConversationTree tree;
    ConversationSummary& c = tree.conversation;
    c.id = 7;
    c.title = QStringLiteral("Plans 日本語 🚀 \"quoted\"");
    c.createdAt = at(T0);
    c.updatedAt = at(T0 + 60000);
    c.pinned = true;
    c.settingsJson = QStringLiteral("{\"model\":\"gpt-x\",\"temperature\":0.7,\"tools\":[1,2]}");

    StoredMessage system = message(1, 0, Role::System, QStringLiteral("Be brief."), T0);
    StoredMessage question =
        message(2, 1, Role::User, QStringLiteral("Line one\r\nline two — ünïcödé 😀"), T0 + 1000);
    StoredMessage first =
        message(3, 2, Role::Assistant, QStringLiteral("Using a tool: done."), T0 + 2000);
    first.reasoning = QStringLiteral("Let me think… 思考");
    first.model = QStringLiteral("gpt-x");
    first.usage = {120, 34};
    first.firstTokenMs = 850;
    first.durationMs = 4200;
    first.finishReason = QStringLiteral("stop");
    first.toolCalls = {toolCall()};
    StoredMessage second = message(4, 2, Role::Assistant, QStringLiteral("Partial"), T0 + 3000);
    second.status = MessageStatus::Incomplete;
    second.errorMessage = QStringLiteral("The connection dropped.");
    second.model = QStringLiteral("");
    StoredMessage follow = message(5, 4, Role::User, QStringLiteral("See attached"), T0 + 4000);
    Attachment image;
    image.kind = Attachment::Kind::Image;
    image.fileName = QStringLiteral("chart.png");
    image.mimeType = QStringLiteral("image/png");
    image.data = png();
    image.originalSize = png().size();
    Attachment text;
    text.kind = Attachment::Kind::Text;
    text.fileName = QStringLiteral("notes 📝.txt");
    text.mimeType = QStringLiteral("text/plain");
    text.data = QByteArrayLiteral("a\r\nb\tc — d");
    text.originalSize = 300000;
    text.truncated = true;
    follow.attachments = {image, text};
    QString big;
    big.reserve(1 << 20);
    while (big.size() < (1 << 20))
        big += QStringLiteral("Ünïcode line with \"quotes\", tabs\t and 漢字 😀\r\n");
    StoredMessage answer = message(6, 5, Role::Assistant, big, T0 + 5000);
    answer.status = MessageStatus::Error;
    answer.errorMessage = QStringLiteral("HTTP 500");
    answer.usage = {-1, 7};
    tree.messages = {system, question, first, second, follow, answer};
    c.currentLeafId = 6;
    return tree;
}

ConversationTree smallTree(qint64 id, const QString& title, qint64 ms)
{
    ConversationTree tree;
    tree.conversation.id = id;
    tree.conversation.title = title;
    tree.conversation.createdAt = at(ms);
    tree.conversation.updatedAt = at(ms + 10);
    tree.conversation.sourceId = id == 2 ? QStringLiteral("chatgpt:abc-123") : QString();
    tree.messages = {message(1, 0, Role::User, title + QStringLiteral("?"), ms),
                     message(2, 1, Role::Assistant, title + QStringLiteral("!"), ms + 5)};
    tree.conversation.currentLeafId = 2;
    return tree;
}

void compareMessages(const StoredMessage& a, const StoredMessage& b)
{
    QCOMPARE(a.id, b.id);
    QCOMPARE(a.parentId, b.parentId);
    QCOMPARE(a.role, b.role);
    QCOMPARE(a.content, b.content);
    QCOMPARE(a.reasoning, b.reasoning);
    QCOMPARE(a.model, b.model);
    QCOMPARE(a.status, b.status);
    QCOMPARE(a.finishReason, b.finishReason);
    QCOMPARE(a.errorMessage, b.errorMessage);
    QCOMPARE(a.createdAt, b.createdAt);
    QCOMPARE(a.updatedAt, b.updatedAt);
    QCOMPARE(a.usage.inputTokens, b.usage.inputTokens);
    QCOMPARE(a.usage.outputTokens, b.usage.outputTokens);
    QCOMPARE(a.firstTokenMs, b.firstTokenMs);
    QCOMPARE(a.durationMs, b.durationMs);
    QCOMPARE(toolCallRecordsToJson(a.toolCalls), toolCallRecordsToJson(b.toolCalls));
    QCOMPARE(a.attachments.size(), b.attachments.size());
    for (qsizetype i = 0; i < a.attachments.size(); ++i) {
        const Attachment& x = a.attachments[i];
        const Attachment& y = b.attachments[i];
        QCOMPARE(x.kind, y.kind);
        QCOMPARE(x.fileName, y.fileName);
        QCOMPARE(x.mimeType, y.mimeType);
        QCOMPARE(x.data, y.data);
        QCOMPARE(x.originalSize, y.originalSize);
        QCOMPARE(x.truncated, y.truncated);
    }
}

std::optional<ConversationTree> readBack(const ordered& value, QString& error)
{
    return conversationFromKeelJson(json::parse(value.dump()), error);
}

QByteArray wholeDump(const QList<ConversationTree>& trees)
{
    ordered doc = ordered::object();
    doc["format"] = "keel.conversations";
    doc["version"] = 1;
    doc["conversations"] = ordered::array();
    for (const ConversationTree& tree : trees)
        doc["conversations"].push_back(conversationToKeelJson(tree));
    return QByteArray::fromStdString(doc.dump(2));
}

} // namespace

class KeelJsonTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void writerIsAWholeDocumentDump()
    {
        QCOMPARE(keelJson({}), wholeDump({}));
        QCOMPARE(keelJson({smallTree(1, QStringLiteral("One"), T0)}),
                 wholeDump({smallTree(1, QStringLiteral("One"), T0)}));
        const QList<ConversationTree> trees{richTree(), smallTree(1, QStringLiteral("One"), T0),
                                            ConversationTree{}};
        const QByteArray bytes = keelJson(trees);
        QCOMPARE(bytes, wholeDump(trees));
        QVERIFY(bytes.startsWith("{\n  \"format\": \"keel.conversations\",\n  \"version\": 1,\n"));
        QVERIFY(json::accept(bytes.toStdString()));
    }

    void writerReportsAFailingDevice()
    {
        QBuffer closed; // not open: every write fails
        KeelJsonWriter writer(closed);
        QVERIFY(!writer.begin());
        QVERIFY(!writer.errorString().isEmpty());
        QVERIFY(!writer.add(richTree()));
    }

    void fieldsAndTimestampsAsDocumented()
    {
        const ordered object = conversationToKeelJson(richTree());
        QStringList keys;
        for (auto it = object.begin(); it != object.end(); ++it)
            keys << QString::fromStdString(it.key());
        QCOMPARE(keys, QStringList({"sourceId", "title", "createdAt", "updatedAt", "pinned",
                                    "settings", "currentLeaf", "messages"}));
        JSON_COMPARE(object["createdAt"], ordered("2026-11-21T10:00:00.000Z"));
        JSON_COMPARE(object["sourceId"], ordered("keel:1795255200000:7"));
        JSON_COMPARE(object["settings"]["temperature"], ordered(0.7));
        JSON_COMPARE(object["currentLeaf"], ordered(6));
        const ordered& first = object["messages"][2];
        keys.clear();
        for (auto it = first.begin(); it != first.end(); ++it)
            keys << QString::fromStdString(it.key());
        QCOMPARE(keys,
                 QStringList({"id", "parent", "role", "content", "reasoning", "model", "status",
                              "finishReason", "error", "createdAt", "updatedAt", "usage",
                              "firstTokenMs", "durationMs", "toolCalls", "attachments"}));
        JSON_COMPARE(first["toolCalls"][0]["name"], ordered("fs__read"));
        JSON_COMPARE(object["messages"][3]["firstTokenMs"], ordered(nullptr));
        JSON_COMPARE(object["messages"][3]["toolCalls"], ordered::array());
        JSON_COMPARE(object["messages"][3]["status"], ordered("incomplete"));
        JSON_COMPARE(object["messages"][4]["attachments"][1]["kind"], ordered("text"));
        JSON_COMPARE(object["messages"][5]["usage"]["input"], ordered(-1));

        ConversationTree plain = smallTree(1, QStringLiteral("x"), T0);
        plain.conversation.settingsJson = QStringLiteral("not json {");
        plain.conversation.currentLeafId = 0;
        const ordered other = conversationToKeelJson(plain);
        JSON_COMPARE(other["settings"], ordered("not json {"));
        JSON_COMPARE(other["currentLeaf"], ordered(nullptr));
        plain.conversation.settingsJson.clear();
        JSON_COMPARE(conversationToKeelJson(plain)["settings"], ordered(nullptr));
    }

    void idsRenumberedInTreeOrder()
    {
        ConversationTree tree = smallTree(1, QStringLiteral("x"), T0);
        // Database ids, children listed before their parent.
        tree.messages = {message(90, 57, Role::Assistant, QStringLiteral("b"), T0),
                         message(57, 0, Role::User, QStringLiteral("a"), T0),
                         message(12, 57, Role::Assistant, QStringLiteral("c"), T0)};
        tree.conversation.currentLeafId = 12;
        const ordered object = conversationToKeelJson(tree);
        const ordered& m = object["messages"];
        JSON_COMPARE(m[0]["content"], ordered("a"));
        JSON_COMPARE(m[0]["parent"], ordered(nullptr));
        JSON_COMPARE(m[1]["id"], ordered(2));
        JSON_COMPARE(m[1]["parent"], ordered(1));
        JSON_COMPARE(m[2]["content"], ordered("c"));
        JSON_COMPARE(object["currentLeaf"], ordered(3));
    }

    void everyFieldSurvivesJson()
    {
        const ConversationTree original = richTree();
        QString error;
        const auto back = readBack(conversationToKeelJson(original), error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(back->conversation.title, original.conversation.title);
        QCOMPARE(back->conversation.createdAt, original.conversation.createdAt);
        QCOMPARE(back->conversation.updatedAt, original.conversation.updatedAt);
        QCOMPARE(back->conversation.pinned, true);
        QCOMPARE(back->conversation.sourceId, exportSourceId(original.conversation));
        JSON_COMPARE(json::parse(back->conversation.settingsJson.toStdString()),
                     json::parse(original.conversation.settingsJson.toStdString()));
        QCOMPARE(back->conversation.currentLeafId, 6);
        QCOMPARE(back->messages.size(), original.messages.size());
        for (qsizetype i = 0; i < original.messages.size(); ++i) {
            compareMessages(back->messages[i], original.messages[i]);
            if (QTest::currentTestFailed())
                QFAIL(qPrintable(QStringLiteral("message %1 differs").arg(i + 1)));
        }
        // Read back, written again: the same bytes (settings now in sorted-key form too).
        QCOMPARE(keelJson({*back}), keelJson({original}));
    }

    void historyRoundTripIsByteIdentical()
    {
        const ConversationTree rich = richTree();
        const QList<ConversationTree> archive{smallTree(1, QStringLiteral("Erste"), T0),
                                              smallTree(2, QStringLiteral("第二"), T0 + 100),
                                              smallTree(3, QStringLiteral("Third 🚀"), T0 + 200)};
        for (const QList<ConversationTree>& trees : {QList<ConversationTree>{rich}, archive}) {
            const QByteArray first = keelJson(trees);
            const ImportReadResult read = readImportData(first, QStringLiteral("export.json"));
            QVERIFY2(read.batch, qPrintable(read.error.message));
            QCOMPARE(read.batch->source, ImportSource::Keel);
            QCOMPARE(read.batch->conversations.size(), trees.size());

            QTemporaryDir dir;
            QVERIFY(dir.isValid());
            Database database;
            QVERIFY2(database.open(dir.filePath(QStringLiteral("fresh.sqlite"))),
                     qPrintable(database.lastError().message));
            TreeStore store(database);
            ImportRequest request;
            request.conversations = read.batch->conversations;
            const auto result = store.importTrees(request);
            QVERIFY2(result, qPrintable(database.lastError().message));
            QCOMPARE(result->imported, int(trees.size()));

            QList<ConversationTree> loaded;
            for (qint64 id : result->conversationIds) {
                const auto tree = store.loadTree(id);
                QVERIFY2(tree, qPrintable(database.lastError().message));
                loaded.append(*tree);
            }
            const QByteArray second = keelJson(loaded);
            if (second != first) {
                qsizetype i = 0;
                while (i < first.size() && i < second.size() && first[i] == second[i])
                    ++i;
                QFAIL(qPrintable(QStringLiteral("differs at byte %1: [%2] vs [%3]")
                                     .arg(i)
                                     .arg(QString::fromUtf8(first.mid(i - 40, 100)),
                                          QString::fromUtf8(second.mid(i - 40, 100)))));
            }
            // And the conversations the history holds are the ones exported, field by field.
            const ConversationTree& back = loaded.first();
            QCOMPARE(back.messages.size(), trees.first().messages.size());
            QCOMPARE(back.conversation.pinned, trees.first().conversation.pinned);
            QCOMPARE(back.messages.last().content, trees.first().messages.last().content);
            QCOMPARE(back.messages.last().attachments.size(),
                     trees.first().messages.last().attachments.size());
        }
    }

    void missingFieldsAreDefaulted()
    {
        QString error;
        const auto tree =
            conversationFromKeelJson(json::parse(R"({"createdAt": "2026-11-21T10:00:00Z",
                            "messages": [{"content": "hi"},
                                         {"parent": 1, "role": "assistant", "content": "yo"}]})"),
                                     error);
        QVERIFY2(tree, qPrintable(error));
        QCOMPARE(tree->conversation.title, QString());
        QCOMPARE(tree->conversation.createdAt, at(T0));
        QCOMPARE(tree->conversation.updatedAt, at(T0));
        QCOMPARE(tree->conversation.pinned, false);
        QCOMPARE(tree->conversation.settingsJson, QString());
        QCOMPARE(tree->conversation.currentLeafId, 0);
        QCOMPARE(tree->messages.size(), 2);
        const StoredMessage& user = tree->messages[0];
        QCOMPARE(user.id, 1);
        QCOMPARE(user.parentId, 0);
        QCOMPARE(user.role, Role::User);
        QCOMPARE(user.status, MessageStatus::Complete);
        QCOMPARE(user.createdAt, at(T0));
        QCOMPARE(user.updatedAt, at(T0));
        QCOMPARE(user.usage.inputTokens, -1);
        QCOMPARE(user.firstTokenMs, -1);
        QCOMPARE(user.durationMs, -1);
        QVERIFY(user.toolCalls.isEmpty());
        QCOMPARE(tree->messages[1].parentId, 1);
        QCOMPARE(tree->messages[1].role, Role::Assistant);

        // No times at all: now; an unknown parent makes a root; an empty object is a tree.
        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        const auto bare = conversationFromKeelJson(
            json::parse(R"({"messages": [{"id": 5, "parent": 99}]})"), error);
        QVERIFY2(bare, qPrintable(error));
        QVERIFY(bare->conversation.createdAt.toMSecsSinceEpoch() >= before);
        QCOMPARE(bare->messages[0].parentId, 0);
        QCOMPARE(bare->messages[0].createdAt, bare->conversation.createdAt);
        QVERIFY(conversationFromKeelJson(json::object(), error));

        // A settings string is kept as written; an object becomes its compact form.
        const auto settings = conversationFromKeelJson(
            json::parse(R"({"settings": {"b": [1, 2], "a": null}})"), error);
        QCOMPARE(settings->conversation.settingsJson, QStringLiteral("{\"a\":null,\"b\":[1,2]}"));
        QCOMPARE(conversationFromKeelJson(json::parse("{\"settings\": \"raw {\"}"), error)
                     ->conversation.settingsJson,
                 QStringLiteral("raw {"));
    }

    void unknownFieldsAreIgnored()
    {
        ordered object = conversationToKeelJson(richTree());
        object["futureField"] = {{"x", 1}};
        object["messages"][0]["color"] = "blue";
        object["messages"][2]["usage"]["cached"] = 17;
        object["messages"][4]["attachments"][0]["thumbnail"] = ordered::array({1, 2});
        QString error;
        const auto back = readBack(object, error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(keelJson({*back}), keelJson({richTree()}));
    }

    void wrongTypesAreNamed_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not an object") << "[1]"
                                       << "the conversation is an array, not an object";
        QTest::newRow("title") << R"({"title": 5})"
                               << "“title” is a number, not a string";
        QTest::newRow("pinned") << R"({"pinned": "yes"})"
                                << "“pinned” is a string, not true or false";
        QTest::newRow("created") << R"({"createdAt": 17})"
                                 << "“createdAt” is a number";
        QTest::newRow("messages") << R"({"messages": {}})"
                                  << "“messages” is an object, not an array";
        QTest::newRow("message") << R"({"messages": [{}, 5]})"
                                 << "message 2 is a number, not an object";
        QTest::newRow("content") << R"({"messages": [{"content": ["a"]}]})"
                                 << "message 1: “content” is an array, not a string";
        QTest::newRow("parent") << R"({"messages": [{}, {"parent": "1"}]})"
                                << "message 2: “parent” is a string, not a whole number";
        QTest::newRow("float id") << R"({"messages": [{"id": 1.5}]})"
                                  << "message 1: “id” is a number, not a whole number";
        QTest::newRow("zero id") << R"({"messages": [{"id": 0}]})"
                                 << "message 1: “id” is 0";
        QTest::newRow("same id") << R"({"messages": [{"id": 3}, {"id": 3}]})"
                                 << "message 2: “id” 3 is already the id of message 1";
        QTest::newRow("role") << R"({"messages": [{"role": "robot"}]})"
                              << "message 1: “role” is “robot”";
        QTest::newRow("time") << R"({"messages": [{"createdAt": "yesterday"}]})"
                              << "message 1: “createdAt” is not an ISO-8601 time";
        QTest::newRow("usage") << R"({"messages": [{"usage": 5}]})"
                               << "message 1: “usage” is a number, not an object";
        QTest::newRow("usage input") << R"({"messages": [{}, {"usage": {"input": "x"}}]})"
                                     << "message 2, usage: “input” is a string";
        QTest::newRow("timing") << R"({"messages": [{"durationMs": true}]})"
                                << "message 1: “durationMs” is a boolean";
        QTest::newRow("tool calls") << R"({"messages": [{"toolCalls": {}}]})"
                                    << "message 1: “toolCalls” is an object, not an array";
        QTest::newRow("attachment") << R"({"messages": [{"attachments": [3]}]})"
                                    << "message 1, attachment 1 is a number";
        QTest::newRow("attachment kind") << R"({"messages": [{"attachments": [{"kind": "pdf"}]}]})"
                                         << "message 1, attachment 1: “kind” is “pdf”";
        QTest::newRow("base64") << R"({"messages": [{"attachments": [{"data": "!!not"}]}]})"
                                << "message 1, attachment 1: “data” is not valid base64";
        QTest::newRow("deep settings")
            << QStringLiteral("{\"settings\": %1%2}").arg(QString(65, u'['), QString(65, u']'))
            << "“settings” is nested more than 64 levels deep";
        QTest::newRow("huge") << R"({"messages": [{"firstTokenMs": 18446744073709551615}]})"
                              << "message 1: “firstTokenMs” is too large";
    }

    void wrongTypesAreNamed()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        QString error;
        const auto tree = conversationFromKeelJson(json::parse(input.toStdString()), error);
        QVERIFY(!tree);
        QVERIFY2(error.startsWith(expected), qPrintable(error));
    }

    void headerAndVersion()
    {
        QVERIFY(isKeelHeader(json::parse(R"({"format": "keel.conversations"})")));
        QVERIFY(!isKeelHeader(json::parse(R"({"format": "other"})")));
        QVERIFY(!isKeelHeader(json::parse(R"({"format": 1})")));
        QVERIFY(!isKeelHeader(json::array()));
        QCOMPARE(keelVersion(json::parse(R"({"version": 1})")), 1);
        QCOMPARE(keelVersion(json::parse(R"({"version": 99})")), 99);
        QCOMPARE(keelVersion(json::parse(R"({"version": "2"})")), 0);
        QCOMPARE(keelVersion(json::parse(R"({})")), 0);
        QCOMPARE(keelVersion(json::parse(R"({"version": 99999999999})")), 2147483647);
    }
};

QTEST_GUILESS_MAIN(KeelJsonTest)
#include "KeelJsonTest.moc"
