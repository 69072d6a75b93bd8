// TreeStoreTest: whole conversation trees in and out of a real history database: loadTree's
// tree order, branches, attachments and tool calls; the source ids imports are matched by; the
// import written in one transaction (round trip field by field, skip and replace, all or
// nothing, cancel, a 5,000-deep chain, the full-text index in step), and Store's import slot on
// a real store thread.
#include "store/TreeStore.h"

#include "store/Database.h"
#include "store/Store.h"
#include "store/StoreClient.h"
#include "store/StoreThread.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace keel::core;

namespace {

QDateTime at(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

constexpr qint64 T0 = 1'709'287'200'000; // 2024-03-01 10:00 UTC

QByteArray png()
{
    return QByteArray::fromBase64("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhf"
                                  "DwAChwGA60e6kgAAAABJRU5ErkJggg==");
}

Attachment attachment(const QString& name, const QByteArray& bytes)
{
    return attachmentFromBytes(name, bytes).attachment.value_or(Attachment{});
}

ToolCallRecord toolCall()
{
    ToolCallRecord record;
    record.step = 2;
    record.textOffset = 5;
    record.call.id = QStringLiteral("call_7");
    record.call.name = QStringLiteral("get_weather");
    record.call.arguments = QStringLiteral("{\"city\":\"Lisbon\"}");
    record.server = QStringLiteral("weather");
    record.toolName = QStringLiteral("get_weather");
    record.state = ToolCallState::Done;
    ToolContent text;
    text.text = QStringLiteral("sunny, 21 °C");
    record.result.content = {text};
    record.result.durationMs = 42;
    return record;
}

// A message as an importer builds it: ids local to the file.
StoredMessage message(qint64 id, qint64 parentId, Role role, const QString& text, qint64 ms)
{
    StoredMessage m;
    m.id = id;
    m.parentId = parentId;
    m.role = role;
    m.content = text;
    m.createdAt = at(ms);
    m.updatedAt = at(ms + 700);
    return m;
}

ConversationTree tree(const QString& title, const QString& sourceId,
                      const QList<StoredMessage>& messages)
{
    ConversationTree t;
    t.conversation.title = title;
    t.conversation.sourceId = sourceId;
    t.conversation.createdAt = at(T0);
    t.conversation.updatedAt = at(T0 + 60'000);
    t.messages = messages;
    return t;
}

ConversationTree simpleTree(const QString& sourceId, const QString& question, const QString& answer)
{
    return tree(QStringLiteral("Simple"), sourceId,
                {message(1, 0, Role::User, question, T0),
                 message(2, 1, Role::Assistant, answer, T0 + 1000)});
}

ImportRequest request(const QList<ConversationTree>& trees,
                      DuplicatePolicy policy = DuplicatePolicy::Skip)
{
    ImportRequest r;
    r.conversations = trees;
    r.policy = policy;
    return r;
}

QList<qint64> ids(const QList<StoredMessage>& messages)
{
    QList<qint64> list;
    for (const StoredMessage& m : messages)
        list << m.id;
    return list;
}

qint64 count(Database& db, const QString& sql)
{
    QSqlQuery q(db.connection());
    if (!q.exec(sql) || !q.next()) {
        qWarning("%s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
        return -1;
    }
    return q.value(0).toLongLong();
}

qint64 conversations(Database& db)
{
    return count(db, QStringLiteral("SELECT count(*) FROM conversations"));
}

qint64 messages(Database& db)
{
    return count(db, QStringLiteral("SELECT count(*) FROM messages"));
}

// Compares an imported tree (loaded back) with what was imported, ids remapped by position:
// `want` must be in tree order.
void compareTrees(const ConversationTree& got, const ConversationTree& want)
{
    QCOMPARE(got.messages.size(), want.messages.size());
    QHash<qint64, qint64> newId;
    for (qsizetype i = 0; i < want.messages.size(); ++i)
        newId.insert(want.messages[i].id, got.messages[i].id);
    const ConversationSummary& c = got.conversation;
    QCOMPARE(c.pinned, want.conversation.pinned);
    QCOMPARE(c.settingsJson, want.conversation.settingsJson);
    QCOMPARE(c.sourceId, exportSourceId(want.conversation));
    const qint64 wantLeaf = newId.value(want.conversation.currentLeafId,
                                        want.messages.isEmpty() ? 0 : got.messages.last().id);
    QCOMPARE(c.currentLeafId, wantLeaf);
    for (qsizetype i = 0; i < want.messages.size(); ++i) {
        const StoredMessage& g = got.messages[i];
        const StoredMessage& w = want.messages[i];
        QVERIFY(g.id > 0);
        QCOMPARE(g.conversationId, c.id);
        QCOMPARE(g.parentId, w.parentId > 0 ? newId.value(w.parentId) : 0);
        QCOMPARE(g.role, w.role);
        QCOMPARE(g.content, w.content);
        QCOMPARE(g.reasoning, w.reasoning);
        QCOMPARE(g.model, w.model);
        QCOMPARE(g.usage.inputTokens, w.usage.inputTokens);
        QCOMPARE(g.usage.outputTokens, w.usage.outputTokens);
        QCOMPARE(g.status, w.status);
        QCOMPARE(g.finishReason, w.finishReason);
        QCOMPARE(g.errorMessage, w.errorMessage);
        QCOMPARE(g.createdAt, w.createdAt);
        QCOMPARE(g.updatedAt, w.updatedAt);
        QCOMPARE(g.firstTokenMs, w.firstTokenMs);
        QCOMPARE(g.durationMs, w.durationMs);
        QCOMPARE(toolCallRecordsToJson(g.toolCalls), toolCallRecordsToJson(w.toolCalls));
        QCOMPARE(g.attachments.size(), w.attachments.size());
        for (qsizetype a = 0; a < w.attachments.size(); ++a) {
            QVERIFY(g.attachments[a].id > 0);
            QCOMPARE(g.attachments[a].kind, w.attachments[a].kind);
            QCOMPARE(g.attachments[a].fileName, w.attachments[a].fileName);
            QCOMPARE(g.attachments[a].mimeType, w.attachments[a].mimeType);
            QCOMPARE(g.attachments[a].data, w.attachments[a].data);
            QCOMPARE(g.attachments[a].originalSize, w.attachments[a].originalSize);
            QCOMPARE(g.attachments[a].truncated, w.attachments[a].truncated);
        }
    }
}

// Re-emits the store's signals on the test thread, where the spies read them.
class Relay : public QObject {
    Q_OBJECT
public:
    explicit Relay(Store* store)
    {
        connect(store, &Store::opened, this, &Relay::opened, Qt::QueuedConnection);
        connect(store, &Store::importProgress, this, &Relay::importProgress, Qt::QueuedConnection);
        connect(store, &Store::importFinished, this, &Relay::importFinished, Qt::QueuedConnection);
        connect(store, &Store::conversationsListed, this, &Relay::conversationsListed,
                Qt::QueuedConnection);
        connect(store, &Store::storeError, this, &Relay::storeError, Qt::QueuedConnection);
        connect(this, &Relay::importFinished, this,
                [this] { order << QStringLiteral("finished"); });
        connect(this, &Relay::conversationsListed, this,
                [this] { order << QStringLiteral("listed"); });
    }
    QStringList order;

Q_SIGNALS:
    void opened(bool ok, const QString& path);
    void importProgress(const QString& tag, int done, int total);
    void importFinished(const keel::core::TreeImportResult& result,
                        const keel::core::StoreError& error, const QString& tag);
    void conversationsListed(const QList<keel::core::ConversationSummary>& conversations);
    void storeError(const keel::core::StoreError& error);
};

} // namespace

class TreeStoreTest : public QObject {
    Q_OBJECT

private:
    QString freshPath() { return m_dir->filePath(QStringLiteral("h%1/keel.sqlite").arg(++m_n)); }

    static qint64 append(Database& db, StoredMessage m)
    {
        m.id = 0;
        const auto stored = db.appendMessage(m);
        if (!stored)
            qWarning("append failed: %s", qPrintable(db.lastError().message));
        return stored ? stored->id : 0;
    }

    static StoredMessage native(qint64 conversationId, qint64 parentId, Role role,
                                const QString& text)
    {
        StoredMessage m;
        m.conversationId = conversationId;
        m.parentId = parentId;
        m.role = role;
        m.content = text;
        return m;
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    int m_n = 0;

private Q_SLOTS:
    void initTestCase() { registerStoreMetaTypes(); }
    void init() { m_dir = std::make_unique<QTemporaryDir>(); }
    void cleanup() { m_dir.reset(); }

    void loadTreeOfABranchedConversation()
    {
        Database db;
        QVERIFY2(db.open(freshPath()), qPrintable(db.lastError().message));
        const qint64 c = db.createConversation(QStringLiteral("Trip"))->id;
        StoredMessage first = native(c, 0, Role::User, QStringLiteral("Plan a day in Lisbon."));
        first.attachments = {attachment(QStringLiteral("map.png"), png()),
                             attachment(QStringLiteral("notes.txt"), "tram 28\n")};
        const qint64 u1 = append(db, first);
        StoredMessage reply = native(c, u1, Role::Assistant, QStringLiteral("Start at Alfama."));
        reply.toolCalls = {toolCall()};
        reply.model = QStringLiteral("gpt-test");
        const qint64 a1 = append(db, reply);
        const qint64 u3 = append(db, native(c, a1, Role::User, QStringLiteral("Cheaper?")));
        const qint64 a2 =
            append(db, native(c, u1, Role::Assistant, QStringLiteral("Start at Belém.")));
        const qint64 u2 = append(db, native(c, 0, Role::User, QStringLiteral("Plan Porto.")));
        const qint64 a3 = append(db, native(c, u2, Role::Assistant, QStringLiteral("Ribeira.")));
        // Younger than a2, u2 and a3 but deeper in the first branch: id order is not tree order.
        const qint64 u4 = append(db, native(c, u3, Role::Assistant, QStringLiteral("Tram 28.")));
        QVERIFY(u1 && a1 && u3 && a2 && u2 && a3 && u4);
        QVERIFY(db.selectBranch(c, a1, 50)); // current leaf: u4, not the newest root's branch

        TreeStore store(db);
        const auto loaded = store.loadTree(c);
        QVERIFY2(loaded, qPrintable(db.lastError().message));
        QCOMPARE(loaded->conversation.id, c);
        QCOMPARE(loaded->conversation.title, QStringLiteral("Trip"));
        QCOMPARE(loaded->conversation.currentLeafId, u4);
        QCOMPARE(ids(loaded->messages), (QList<qint64>{u1, a1, u3, u4, a2, u2, a3}));
        QList<qint64> parents;
        for (const StoredMessage& m : loaded->messages) {
            parents << m.parentId;
            QCOMPARE(m.conversationId, c);
        }
        QCOMPARE(parents, (QList<qint64>{0, u1, a1, u3, u1, 0, u2}));
        QCOMPARE(ids(currentBranch(*loaded)), (QList<qint64>{u1, a1, u3, u4}));

        const StoredMessage& loadedFirst = loaded->messages[0];
        QCOMPARE(loadedFirst.attachments.size(), 2);
        QCOMPARE(loadedFirst.attachments[0].fileName, QStringLiteral("map.png"));
        QCOMPARE(loadedFirst.attachments[0].data, png());
        QCOMPARE(loadedFirst.attachments[1].fileName, QStringLiteral("notes.txt"));
        QCOMPARE(loadedFirst.attachments[1].data, QByteArray("tram 28\n"));
        const StoredMessage& loadedReply = loaded->messages[1];
        QCOMPARE(loadedReply.model, QStringLiteral("gpt-test"));
        QCOMPARE(loadedReply.toolCalls.size(), 1);
        QCOMPARE(loadedReply.toolCalls[0].call.id, QStringLiteral("call_7"));
        QCOMPARE(loadedReply.toolCalls[0].call.arguments, toolCall().call.arguments);
        QCOMPARE(loadedReply.toolCalls[0].result.modelText(), QStringLiteral("sunny, 21 °C"));
        QVERIFY(loaded->messages[2].attachments.isEmpty());

        // Deleted (not purged) conversations load too; unknown ones say so.
        QVERIFY(db.deleteConversation(c));
        const auto deleted = store.loadTree(c);
        QVERIFY(deleted);
        QCOMPARE(deleted->messages.size(), 7);
        QVERIFY(!store.loadTree(c + 1000));
        QVERIFY(db.lastError().message.contains(QString::number(c + 1000)));

        // An empty conversation is an empty tree.
        const qint64 empty = db.createConversation(QStringLiteral("Empty"))->id;
        const auto none = store.loadTree(empty);
        QVERIFY(none);
        QVERIFY(none->messages.isEmpty());
        QCOMPARE(*store.conversationIds(), (QList<qint64>{empty}));
    }

    void conversationIdsInSidebarOrder()
    {
        Database db;
        QVERIFY(db.open(freshPath()));
        TreeStore store(db);
        QVERIFY(store.importTrees(
            request({tree(QStringLiteral("old"), QStringLiteral("s:1"), {}),
                     tree(QStringLiteral("new"), QStringLiteral("s:2"), {}),
                     tree(QStringLiteral("pinned"), QStringLiteral("s:3"), {})})));
        QSqlQuery q(db.connection());
        QVERIFY(q.exec(QStringLiteral("UPDATE conversations SET updated_at = updated_at + id")));
        QVERIFY(q.exec(QStringLiteral("UPDATE conversations SET pinned = 1 WHERE title = 'pinned'"
                                      " OR title = 'old'")));
        QVERIFY(q.exec(QStringLiteral("UPDATE conversations SET updated_at = 0"
                                      " WHERE title = 'old'")));
        const auto list = db.listConversations();
        QList<qint64> sidebar;
        for (const ConversationSummary& c : *list)
            sidebar << c.id;
        QCOMPARE(*store.conversationIds(), sidebar);
        QCOMPARE(list->first().title, QStringLiteral("pinned"));
        QCOMPARE(list->last().title, QStringLiteral("new"));
    }

    void conversationsBySource()
    {
        Database db;
        QVERIFY(db.open(freshPath()));
        TreeStore store(db);
        const ConversationSummary nativeOne = *db.createConversation(QStringLiteral("Native"));
        const ConversationSummary gone = *db.createConversation(QStringLiteral("Gone"));
        QVERIFY(db.deleteConversation(gone.id));
        const auto imported = store.importTrees(request(
            {simpleTree(QStringLiteral("chatgpt:abc"), QStringLiteral("q"), QStringLiteral("a")),
             simpleTree(QStringLiteral("keel:5:77"), QStringLiteral("q"), QStringLiteral("a"))}));
        QVERIFY2(imported, qPrintable(db.lastError().message));
        QCOMPARE(imported->imported, 2);

        const QString derived = exportSourceId(nativeOne);
        QCOMPARE(derived, QStringLiteral("keel:%1:%2")
                              .arg(nativeOne.createdAt.toMSecsSinceEpoch())
                              .arg(nativeOne.id));
        const auto found = store.conversationsBySource(
            {derived, QStringLiteral("chatgpt:abc"), exportSourceId(gone),
             QStringLiteral("keel:1:%1").arg(nativeOne.id), QStringLiteral("keel:x:y"),
             QStringLiteral("nothing"), QStringLiteral("keel:5:77"), QString()});
        QVERIFY2(found, qPrintable(db.lastError().message));
        QCOMPARE(found->size(), 3);
        QCOMPARE(found->value(derived), (QList<qint64>{nativeOne.id}));
        QCOMPARE(found->value(QStringLiteral("chatgpt:abc")),
                 (QList<qint64>{imported->conversationIds[0]}));
        // An imported conversation goes by its stored id, even one that looks derived.
        QCOMPARE(found->value(QStringLiteral("keel:5:77")),
                 (QList<qint64>{imported->conversationIds[1]}));
        QVERIFY(store.conversationsBySource({})->isEmpty());

        // An imported conversation no longer goes by the derived id of its own row.
        const ConversationSummary importedSummary = *db.conversation(imported->conversationIds[0]);
        ConversationSummary asNative = importedSummary;
        asNative.sourceId.clear();
        QVERIFY(store.conversationsBySource({exportSourceId(asNative)})->isEmpty());
    }

    void importRoundTrip()
    {
        Database db;
        QVERIFY(db.open(freshPath()));
        TreeStore store(db);

        ConversationTree rich =
            tree(QStringLiteral("Round trip"), QStringLiteral("claude:uuid-1"), {});
        rich.conversation.pinned = true;
        rich.conversation.settingsJson = QStringLiteral("{\"model\":\"m-1\"}");
        StoredMessage hello = message(10, 0, Role::User, QStringLiteral("Hello there"), T0);
        hello.attachments = {attachment(QStringLiteral("chart.png"), png()),
                             attachment(QStringLiteral("main.cpp"), "int main() {}\n")};
        StoredMessage answer =
            message(20, 10, Role::Assistant, QStringLiteral("Hi. Sunny."), T0 + 1000);
        answer.reasoning = QStringLiteral("The user greets me.");
        answer.model = QStringLiteral("claude-test");
        answer.usage = {12, 34};
        answer.finishReason = QStringLiteral("end_turn");
        answer.toolCalls = {toolCall()};
        answer.firstTokenMs = 150;
        answer.durationMs = 900;
        StoredMessage more = message(30, 20, Role::User, QStringLiteral("More"), T0 + 2000);
        StoredMessage stopped = message(50, 30, Role::Assistant, QStringLiteral("Part"), T0 + 3000);
        stopped.status = MessageStatus::Cancelled;
        StoredMessage failed =
            message(40, 10, Role::Assistant, QStringLiteral("partial"), T0 + 4000);
        failed.status = MessageStatus::Error;
        failed.errorMessage = QStringLiteral("The server answered 500.");
        rich.messages = {hello, answer, more, stopped, failed}; // tree order
        rich.conversation.currentLeafId = 50;                   // not the last one

        // No title, no times, no source id, children before their parents, no current leaf.
        ConversationTree bare;
        bare.conversation.createdAt = {};
        bare.conversation.updatedAt = {};
        StoredMessage sys = message(3, 0, Role::System, QStringLiteral("Be brief."), T0);
        StoredMessage ask = message(4, 3, Role::User, QStringLiteral("  \nWhat is FTS5?"), T0 + 10);
        StoredMessage reply = message(5, 4, Role::Assistant, QStringLiteral("An index."), T0 + 20);
        reply.updatedAt = at(T0 + 90'000); // the latest moment of the conversation
        bare.messages = {reply, ask, sys};

        // Nothing to title it by; a message left streaming. (Its own creation time: two trees
        // with neither source id nor id nor time would go by one source id, and the first wins.)
        ConversationTree untitled;
        untitled.conversation.createdAt = at(T0 + 5);
        StoredMessage streaming = message(1, 0, Role::Assistant, QStringLiteral("half a th"), T0);
        streaming.status = MessageStatus::Streaming;
        untitled.messages = {streaming};

        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        const auto result = store.importTrees(request({rich, bare, untitled}));
        const qint64 after = QDateTime::currentMSecsSinceEpoch();
        QVERIFY2(result, qPrintable(db.lastError().message));
        QCOMPARE(result->imported, 3);
        QCOMPARE(result->replaced, 0);
        QCOMPARE(result->skipped, 0);
        QCOMPARE(result->messages, 9);
        QVERIFY(!result->cancelled);
        QCOMPARE(result->conversationIds.size(), 3);

        const auto richBack = store.loadTree(result->conversationIds[0]);
        QVERIFY(richBack);
        QCOMPARE(richBack->conversation.title, QStringLiteral("Round trip"));
        QCOMPARE(richBack->conversation.createdAt, at(T0));
        QCOMPARE(richBack->conversation.updatedAt, at(T0 + 60'000));
        compareTrees(*richBack, rich);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(richBack->messages[3].content, QStringLiteral("Part"));
        QCOMPARE(richBack->conversation.currentLeafId, richBack->messages[3].id);

        const auto bareBack = store.loadTree(result->conversationIds[1]);
        QVERIFY(bareBack);
        ConversationTree bareOrdered = bare;
        normalizeTreeOrder(bareOrdered);
        QCOMPARE(bareOrdered.messages[0].content, QStringLiteral("Be brief."));
        compareTrees(*bareBack, bareOrdered);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(bareBack->conversation.title, QStringLiteral("What is FTS5?"));
        QVERIFY(bareBack->conversation.createdAt.toMSecsSinceEpoch() >= before);
        QVERIFY(bareBack->conversation.createdAt.toMSecsSinceEpoch() <= after);
        QCOMPARE(bareBack->conversation.updatedAt, at(T0 + 90'000));
        QCOMPARE(bareBack->conversation.currentLeafId, bareBack->messages.last().id);
        QCOMPARE(bareBack->conversation.sourceId, exportSourceId(bare.conversation));

        const auto untitledBack = store.loadTree(result->conversationIds[2]);
        QVERIFY(untitledBack);
        QCOMPARE(untitledBack->conversation.title, QStringLiteral("Imported conversation"));
        QCOMPARE(untitledBack->messages.size(), 1);
        QCOMPARE(untitledBack->messages[0].status, MessageStatus::Incomplete);

        // The history's own view of the import agrees (the branch a page loads).
        const auto page = db.loadLatest(result->conversationIds[0], 50);
        QVERIFY(page);
        QStringList branch;
        for (const StoredMessage& m : page->messages)
            branch << m.content;
        QCOMPARE(branch, (QStringList{QStringLiteral("Hello there"), QStringLiteral("Hi. Sunny."),
                                      QStringLiteral("More"), QStringLiteral("Part")}));
        QCOMPARE(page->messages[1].siblingIds.size(), 2);

        // Export again and import into a second database: the same tree comes back.
        Database other;
        QVERIFY(other.open(freshPath()));
        TreeStore otherStore(other);
        const auto again = otherStore.importTrees(request({*richBack}));
        QVERIFY(again);
        const auto twice = otherStore.loadTree(again->conversationIds[0]);
        QVERIFY(twice);
        compareTrees(*twice, *richBack);
    }

    void skipAndReplace()
    {
        Database db;
        QVERIFY(db.open(freshPath()));
        TreeStore store(db);
        ConversationTree first =
            simpleTree(QStringLiteral("chatgpt:dup"), QStringLiteral("old xylophone words"),
                       QStringLiteral("old answer"));
        first.messages[0].attachments = {attachment(QStringLiteral("a.png"), png())};
        const auto once = store.importTrees(request({first}));
        QVERIFY(once);
        const qint64 oldId = once->conversationIds.value(0);
        QCOMPARE(conversations(db), 1);
        QCOMPARE(messages(db), 2);

        const ConversationTree second =
            simpleTree(QStringLiteral("chatgpt:dup"), QStringLiteral("new marimba words"),
                       QStringLiteral("new answer"));
        const auto skipped = store.importTrees(request({second}, DuplicatePolicy::Skip));
        QVERIFY(skipped);
        QCOMPARE(skipped->imported, 0);
        QCOMPARE(skipped->skipped, 1);
        QCOMPARE(skipped->replaced, 0);
        QCOMPARE(skipped->messages, 0);
        QVERIFY(skipped->conversationIds.isEmpty());
        QCOMPARE(conversations(db), 1);
        QCOMPARE(store.loadTree(oldId)->messages[0].content, QStringLiteral("old xylophone words"));

        const auto replaced = store.importTrees(request({second}, DuplicatePolicy::Replace));
        QVERIFY2(replaced, qPrintable(db.lastError().message));
        QCOMPARE(replaced->imported, 1);
        QCOMPARE(replaced->replaced, 1);
        QCOMPARE(replaced->skipped, 0);
        QCOMPARE(replaced->messages, 2);
        const qint64 newId = replaced->conversationIds.value(0);
        QVERIFY(newId != oldId);
        QVERIFY(!db.conversation(oldId)); // gone for good, not soft-deleted
        QCOMPARE(conversations(db), 1);
        QCOMPARE(messages(db), 2);
        QCOMPARE(
            count(db, QStringLiteral("SELECT count(*) FROM messages WHERE conversation_id = %1")
                          .arg(oldId)),
            0);
        QCOMPARE(count(db, QStringLiteral("SELECT count(*) FROM attachments")), 0);
        QCOMPARE(store.loadTree(newId)->messages[0].content, QStringLiteral("new marimba words"));
        QCOMPARE(db.search(QStringLiteral("xylophone"), 10)->size(), 0); // index in step
        QCOMPARE(db.search(QStringLiteral("marimba"), 10)->size(), 1);

        // Twice in one request: the first wins, whatever the policy.
        for (const DuplicatePolicy policy : {DuplicatePolicy::Skip, DuplicatePolicy::Replace}) {
            const QString source = policy == DuplicatePolicy::Skip ? QStringLiteral("batch:1")
                                                                   : QStringLiteral("batch:2");
            const auto batch = store.importTrees(
                request({simpleTree(source, QStringLiteral("first copy"), QStringLiteral("a")),
                         simpleTree(source, QStringLiteral("second copy"), QStringLiteral("a"))},
                        policy));
            QVERIFY(batch);
            QCOMPARE(batch->imported, 1);
            QCOMPARE(batch->skipped, 1);
            QCOMPARE(batch->replaced, 0);
            const auto bySource = store.conversationsBySource({source});
            QCOMPARE(bySource->value(source).size(), 1);
            QCOMPARE(store.loadTree(bySource->value(source).first())->messages[0].content,
                     QStringLiteral("first copy"));
        }

        // A native conversation, exported and imported back: noticed by its derived id.
        const qint64 nativeId = db.createConversation(QStringLiteral("Mine"))->id;
        const qint64 q = append(db, native(nativeId, 0, Role::User, QStringLiteral("deep chain")));
        QVERIFY(append(db, native(nativeId, q, Role::Assistant, QStringLiteral("ok"))));
        const ConversationTree mine = *store.loadTree(nativeId);
        const auto nativeSkip = store.importTrees(request({mine}));
        QVERIFY(nativeSkip);
        QCOMPARE(nativeSkip->skipped, 1);
        const auto nativeReplace = store.importTrees(request({mine}, DuplicatePolicy::Replace));
        QVERIFY(nativeReplace);
        QCOMPARE(nativeReplace->replaced, 1);
        QVERIFY(!db.conversation(nativeId));
        const ConversationSummary copy = *db.conversation(nativeReplace->conversationIds[0]);
        QCOMPARE(copy.sourceId, exportSourceId(mine.conversation));
        QCOMPARE(copy.title, QStringLiteral("Mine"));
        // ... and the copy goes by the same id from now on.
        QCOMPARE(store.importTrees(request({mine}))->skipped, 1);
    }

    void allOrNothing()
    {
        Database db;
        QVERIFY(db.open(freshPath()));
        TreeStore store(db);
        QVERIFY(store.importTrees(request({simpleTree(
            QStringLiteral("keep:1"), QStringLiteral("kept walrus"), QStringLiteral("a"))})));
        const qint64 keptId = store.conversationsBySource({QStringLiteral("keep:1")})
                                  ->value(QStringLiteral("keep:1"))
                                  .value(0);
        QVERIFY(keptId > 0);
        QSqlQuery trigger(db.connection());
        QVERIFY2(trigger.exec(QStringLiteral(
                     "CREATE TEMP TRIGGER boom BEFORE INSERT ON messages"
                     " WHEN NEW.content = 'boom' BEGIN SELECT RAISE(ABORT, 'boom'); END")),
                 qPrintable(trigger.lastError().text()));

        const qint64 conversationsBefore = conversations(db);
        const qint64 messagesBefore = messages(db);
        int progressCalls = 0;
        const auto result = store.importTrees(
            request(
                {simpleTree(QStringLiteral("new:1"), QStringLiteral("fine"),
                            QStringLiteral("fine too")),
                 simpleTree(QStringLiteral("keep:1"), QStringLiteral("replacement"),
                            QStringLiteral("a")),
                 simpleTree(QStringLiteral("new:3"), QStringLiteral("ok"), QStringLiteral("boom"))},
                DuplicatePolicy::Replace),
            [&progressCalls](int, int) { ++progressCalls; });
        QVERIFY(!result);
        QCOMPARE(progressCalls, 2); // two conversations were written before the third failed
        QVERIFY2(db.lastError().message.contains(QStringLiteral("boom")),
                 qPrintable(db.lastError().message));
        QVERIFY(db.lastError().message.contains(db.path()));
        QCOMPARE(conversations(db), conversationsBefore);
        QCOMPARE(messages(db), messagesBefore);
        QVERIFY(db.conversation(keptId)); // the replaced one came back with the rollback
        QCOMPARE(store.loadTree(keptId)->messages[0].content, QStringLiteral("kept walrus"));
        QCOMPARE(db.search(QStringLiteral("walrus"), 10)->size(), 1);
        QCOMPARE(db.search(QStringLiteral("replacement"), 10)->size(), 0);

        // The connection is left clean: the next import (and a plain append) work.
        QVERIFY(trigger.exec(QStringLiteral("DROP TRIGGER boom")));
        const auto next = store.importTrees(request(
            {simpleTree(QStringLiteral("new:4"), QStringLiteral("q"), QStringLiteral("boom"))}));
        QVERIFY2(next, qPrintable(db.lastError().message));
        QCOMPARE(next->imported, 1);
        QVERIFY(append(db, native(keptId, 0, Role::User, QStringLiteral("after"))) > 0);

        // Not open: a clear error, nothing else.
        Database closed;
        QVERIFY(!TreeStore(closed).importTrees(
            request({simpleTree(QStringLiteral("x"), QStringLiteral("q"), QStringLiteral("a"))})));
        QVERIFY(!closed.lastError().message.isEmpty());
        QVERIFY(!TreeStore(closed).loadTree(1));
    }

    void cancel()
    {
        Database db;
        QVERIFY(db.open(freshPath()));
        TreeStore store(db);
        const QList<ConversationTree> three = {
            simpleTree(QStringLiteral("c:1"), QStringLiteral("q"), QStringLiteral("a")),
            simpleTree(QStringLiteral("c:2"), QStringLiteral("q"), QStringLiteral("a")),
            simpleTree(QStringLiteral("c:3"), QStringLiteral("q"), QStringLiteral("a"))};

        // From the progress callback after the first conversation.
        ImportRequest r = request(three);
        QList<int> done;
        const auto result = store.importTrees(r, [&](int d, int total) {
            QCOMPARE(total, 3);
            done << d;
            if (d == 1)
                r.cancel->store(true);
        });
        QVERIFY(result);
        QVERIFY(result->cancelled);
        QCOMPARE(done, (QList<int>{1}));
        QCOMPARE(conversations(db), 0);
        QCOMPARE(messages(db), 0);

        // After the last one, before the commit: still nothing written.
        ImportRequest late = request(three);
        const auto lateResult = store.importTrees(late, [&late](int d, int total) {
            if (d == total)
                late.cancel->store(true);
        });
        QVERIFY(lateResult && lateResult->cancelled);
        QCOMPARE(conversations(db), 0);

        // Set before it starts.
        ImportRequest early = request(three);
        early.cancel->store(true);
        int calls = 0;
        const auto earlyResult = store.importTrees(early, [&calls](int, int) { ++calls; });
        QVERIFY(earlyResult && earlyResult->cancelled);
        QCOMPARE(calls, 0);
        QCOMPARE(conversations(db), 0);

        // Not cancelled: all three.
        const auto full = store.importTrees(request(three));
        QVERIFY(full && !full->cancelled);
        QCOMPARE(conversations(db), 3);
    }

    void deepChain()
    {
        Database db;
        QVERIFY(db.open(freshPath()));
        TreeStore store(db);
        constexpr int Depth = 5000;
        ConversationTree chain = tree(QStringLiteral("Deep"), QStringLiteral("deep:1"), {});
        chain.messages.reserve(Depth);
        for (int i = 1; i <= Depth; ++i)
            chain.messages << message(i, i - 1, i % 2 ? Role::User : Role::Assistant,
                                      QStringLiteral("message number %1").arg(i), T0 + i);
        QElapsedTimer timer;
        timer.start();
        const auto result = store.importTrees(request({chain}));
        const qint64 importMs = timer.restart();
        QVERIFY2(result, qPrintable(db.lastError().message));
        QCOMPARE(result->messages, Depth);
        const auto back = store.loadTree(result->conversationIds[0]);
        const qint64 loadMs = timer.elapsed();
        QVERIFY(back);
        QCOMPARE(back->messages.size(), Depth);
        for (int i = 1; i < Depth; ++i) {
            QCOMPARE(back->messages[i].parentId, back->messages[i - 1].id);
            QCOMPARE(back->messages[i].content, QStringLiteral("message number %1").arg(i + 1));
        }
        QCOMPARE(back->conversation.currentLeafId, back->messages.last().id);
        QCOMPARE(currentBranch(*back).size(), Depth);
        qInfo("5,000-deep chain: import %lld ms, load %lld ms", importMs, loadMs);
        QVERIFY2(importMs < 20'000 && loadMs < 20'000, "far too slow for 5,000 messages");

        // Replacing it deletes 5,000 linked messages (deeper than the trigger depth limit).
        const auto replaced = store.importTrees(request({chain}, DuplicatePolicy::Replace));
        QVERIFY2(replaced, qPrintable(db.lastError().message));
        QCOMPARE(replaced->replaced, 1);
        QCOMPARE(messages(db), Depth);
    }

    void searchFindsImportedText()
    {
        Database db;
        QVERIFY(db.open(freshPath()));
        TreeStore store(db);
        ConversationTree trip = tree(
            QStringLiteral("旅行の記録"), QStringLiteral("trip:1"),
            {message(1, 0, Role::User, QStringLiteral("The quokka smiled"), T0),
             message(2, 1, Role::Assistant, QStringLiteral("東京タワーに行きました"), T0 + 1)});
        const auto result = store.importTrees(request({trip}));
        QVERIFY(result);
        const auto back = store.loadTree(result->conversationIds[0]);
        const qint64 quokka = back->messages[0].id;
        const qint64 tokyo = back->messages[1].id;

        const auto latin = db.search(QStringLiteral("quokka"), 10);
        QVERIFY(latin);
        QCOMPARE(latin->size(), 1);
        QCOMPARE(latin->first().messageId, quokka);
        const auto cjk = db.search(QStringLiteral("タワー"), 10);
        QVERIFY(cjk);
        QCOMPARE(cjk->size(), 1);
        QCOMPARE(cjk->first().messageId, tokyo);
        QCOMPARE(cjk->first().conversationId, result->conversationIds[0]);
        const auto title = db.search(QStringLiteral("記録"), 10);
        QVERIFY(title);
        QCOMPARE(title->size(), 1);
        QCOMPARE(title->first().messageId, 0);
        QCOMPARE(title->first().title, QStringLiteral("旅行の記録"));
        // Database's rule: the CJK copy is stored, a Latin text is not copied.
        QCOMPARE(count(db, QStringLiteral("SELECT count(*) FROM messages"
                                          " WHERE search_text IS NOT NULL")),
                 1);
    }

    void storeSlotOnTheStoreThread()
    {
        const QString path = freshPath();
        StoreThread thread;
        Relay relay(thread.store());
        StoreClient client(thread.store());
        QSignalSpy opened(&relay, &Relay::opened);
        QSignalSpy progress(&relay, &Relay::importProgress);
        QSignalSpy finished(&relay, &Relay::importFinished);
        QSignalSpy listed(&relay, &Relay::conversationsListed);
        QSignalSpy errors(&relay, &Relay::storeError);
        thread.start();

        // Not open yet: the answer says so.
        const ImportRequest one = request(
            {simpleTree(QStringLiteral("slot:0"), QStringLiteral("q"), QStringLiteral("a"))});
        client.post([one](Store* store) { store->importConversations(one, QStringLiteral("t0")); });
        QTRY_COMPARE(finished.size(), 1);
        auto error = finished.at(0).at(1).value<StoreError>();
        QCOMPARE(error.kind, StoreError::Kind::Other);
        QVERIFY(error.message.contains(QStringLiteral("not open")));
        QCOMPARE(finished.at(0).at(2).toString(), QStringLiteral("t0"));
        finished.clear();

        client.post([path](Store* store) { store->open(path); });
        QTRY_COMPARE(opened.size(), 1);
        QVERIFY(opened.at(0).at(0).toBool());

        QList<ConversationTree> trees;
        for (int i = 1; i <= 3; ++i)
            trees << tree(QStringLiteral("Slot %1").arg(i), QStringLiteral("slot:%1").arg(i),
                          simpleTree({}, QStringLiteral("q"), QStringLiteral("a")).messages);
        const ImportRequest three = request(trees);
        relay.order.clear();
        listed.clear();
        client.post(
            [three](Store* store) { store->importConversations(three, QStringLiteral("t1")); });
        QTRY_COMPARE(finished.size(), 1);
        QTRY_COMPARE(listed.size(), 1);
        QCOMPARE(relay.order, (QStringList{QStringLiteral("finished"), QStringLiteral("listed")}));
        const auto result = finished.at(0).at(0).value<TreeImportResult>();
        error = finished.at(0).at(1).value<StoreError>();
        QCOMPARE(error.kind, StoreError::Kind::None);
        QCOMPARE(finished.at(0).at(2).toString(), QStringLiteral("t1"));
        QCOMPARE(result.imported, 3);
        QCOMPARE(result.messages, 6);
        QVERIFY(!progress.isEmpty());
        QVERIFY(progress.size() <= 3);
        QCOMPARE(progress.last().at(0).toString(), QStringLiteral("t1"));
        QCOMPARE(progress.last().at(1).toInt(), 3);
        QCOMPARE(progress.last().at(2).toInt(), 3);
        const auto list = listed.at(0).at(0).value<QList<ConversationSummary>>();
        QCOMPARE(list.size(), 3);
        QStringList titles;
        for (const ConversationSummary& c : list)
            titles << c.title;
        titles.sort();
        QCOMPARE(titles, (QStringList{QStringLiteral("Slot 1"), QStringLiteral("Slot 2"),
                                      QStringLiteral("Slot 3")}));

        // Cancelled before it starts: no error, nothing written, the list unchanged.
        ImportRequest cancelled = request(
            {simpleTree(QStringLiteral("slot:9"), QStringLiteral("q"), QStringLiteral("a"))});
        cancelled.cancel->store(true);
        finished.clear();
        listed.clear();
        client.post([cancelled](Store* store) {
            store->importConversations(cancelled, QStringLiteral("t2"));
        });
        QTRY_COMPARE(finished.size(), 1);
        QVERIFY(finished.at(0).at(0).value<TreeImportResult>().cancelled);
        QCOMPARE(finished.at(0).at(1).value<StoreError>().kind, StoreError::Kind::None);
        QTRY_COMPARE(listed.size(), 1);
        QCOMPARE(listed.at(0).at(0).value<QList<ConversationSummary>>().size(), 3);
        QVERIFY(errors.isEmpty());
        thread.stop();
    }
};

QTEST_GUILESS_MAIN(TreeStoreTest)
#include "TreeStoreTest.moc"
