// MessageStoreTest: schema 4 of the history: attachments stored with their message and loaded
// with every page (same bytes, names and order), the upgrade of a schema-3 file, reply timing,
// drafts per conversation, and deleting a message with everything below it (count, where the
// current branch goes, attachments and index entries gone).
#include "store/Database.h"
#include "store/Store.h"
#include "store/StoreThread.h"

#include <QDir>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace keel::core;

namespace {

Attachment attachment(const QString& name, const QByteArray& bytes)
{
    const AttachmentLoad load = attachmentFromBytes(name, bytes);
    return load.attachment.value_or(Attachment{});
}

QByteArray png()
{
    return QByteArray::fromBase64("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhf"
                                  "DwAChwGA60e6kgAAAABJRU5ErkJggg==");
}

QByteArray gif()
{
    return QByteArray::fromBase64("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");
}

StoredMessage makeMessage(qint64 conversationId, qint64 parentId, Role role, const QString& text)
{
    StoredMessage m;
    m.conversationId = conversationId;
    m.parentId = parentId;
    m.role = role;
    m.content = text;
    return m;
}

QList<qint64> ids(const QList<StoredMessage>& messages)
{
    QList<qint64> list;
    for (const StoredMessage& m : messages)
        list << m.id;
    return list;
}

QVariant scalar(Database& db, const QString& sql)
{
    QSqlQuery q(db.connection());
    if (!q.exec(sql) || !q.next())
        return {};
    return q.value(0);
}

bool execAll(Database& db, const QStringList& statements)
{
    for (const QString& sql : statements) {
        QSqlQuery q(db.connection());
        if (!q.exec(sql)) {
            qWarning("%s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
            return false;
        }
    }
    return true;
}

} // namespace

class MessageStoreTest : public QObject {
    Q_OBJECT

private:
    QString freshPath()
    {
        return m_dir->filePath(QStringLiteral("h%1/keel.sqlite").arg(++m_count));
    }

    qint64 append(Database& db, const StoredMessage& m)
    {
        const auto stored = db.appendMessage(m);
        if (!stored)
            qWarning("append failed: %s", qPrintable(db.lastError().message));
        return stored ? stored->id : 0;
    }

    // Makes a message look updated at a given time, so "most recently updated" is decided by the
    // test, not by the clock.
    static bool touch(Database& db, qint64 id, qint64 updatedAt)
    {
        QSqlQuery q(db.connection());
        q.prepare(QStringLiteral("UPDATE messages SET updated_at = ? WHERE id = ?"));
        q.addBindValue(updatedAt);
        q.addBindValue(id);
        return q.exec();
    }

    static qint64 currentLeaf(Database& db, qint64 conversationId)
    {
        const auto c = db.conversation(conversationId);
        return c ? c->currentLeafId : -1;
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    int m_count = 0;

private Q_SLOTS:
    void initTestCase() { registerStoreMetaTypes(); } // for the spies on Store's signals
    void init() { m_dir = std::make_unique<QTemporaryDir>(); }
    void cleanup() { m_dir.reset(); }

    void attachmentsRoundTrip()
    {
        Database db;
        QVERIFY2(db.open(freshPath()), qPrintable(db.lastError().message));
        const qint64 c = db.createConversation({})->id;

        QByteArray longText(kMaxTextBytes + 5000, 'z');
        const AttachmentLoad cut = attachmentFromBytes(QStringLiteral("big.log"), longText);
        QVERIFY(cut.attachment && cut.attachment->truncated);
        const QList<Attachment> sent = {attachment(QStringLiteral("chart.png"), png()),
                                        *cut.attachment,
                                        attachment(QStringLiteral("main.cpp"), "int main() {}\n"),
                                        attachment(QStringLiteral("spin.gif"), gif())};
        StoredMessage user = makeMessage(c, 0, Role::User, QStringLiteral("Look at these"));
        user.attachments = sent;
        const auto stored = db.appendMessage(user);
        QVERIFY2(stored, qPrintable(db.lastError().message));
        QCOMPARE(stored->attachments.size(), sent.size());
        QSet<qint64> attachmentIds;
        for (const Attachment& a : stored->attachments) {
            QVERIFY(a.id > 0);
            attachmentIds.insert(a.id);
        }
        QCOMPARE(attachmentIds.size(), sent.size());
        const qint64 reply = append(
            db, makeMessage(c, stored->id, Role::Assistant, QStringLiteral("A chart and code.")));
        QVERIFY(reply > 0);
        StoredMessage second = makeMessage(c, reply, Role::User, QStringLiteral("And this?"));
        second.attachments = {attachment(QStringLiteral("b.png"), png())};
        const qint64 secondId = append(db, second);

        const auto compareAll = [&](const QList<Attachment>& loaded) {
            QCOMPARE(loaded.size(), sent.size());
            for (qsizetype i = 0; i < sent.size(); ++i) {
                QCOMPARE(loaded[i].fileName, sent[i].fileName);
                QCOMPARE(loaded[i].kind, sent[i].kind);
                QCOMPARE(loaded[i].mimeType, sent[i].mimeType);
                QCOMPARE(loaded[i].data, sent[i].data);
                QCOMPARE(loaded[i].originalSize, sent[i].originalSize);
                QCOMPARE(loaded[i].truncated, sent[i].truncated);
                QCOMPARE(loaded[i].id, stored->attachments[i].id);
            }
        };

        const auto page = db.loadLatest(c, 50);
        QVERIFY(page);
        QCOMPARE(ids(page->messages), (QList<qint64>{stored->id, reply, secondId}));
        compareAll(page->messages[0].attachments);
        QVERIFY(page->messages[1].attachments.isEmpty());
        QCOMPARE(page->messages[2].attachments.size(), 1);
        QCOMPARE(page->messages[2].attachments[0].data, png());

        const auto one = db.message(stored->id);
        QVERIFY(one);
        compareAll(one->attachments);

        const auto older = db.loadOlder(c, reply, 10);
        QVERIFY(older);
        QCOMPARE(ids(older->messages), (QList<qint64>{stored->id}));
        compareAll(older->messages[0].attachments);

        const auto branch = db.selectBranch(c, stored->id, 10);
        QVERIFY(branch);
        compareAll(branch->messages[0].attachments);

        // Survives a restart, and attachments are not in the text index.
        db.close();
        QVERIFY(db.open(db.path()));
        compareAll(db.message(stored->id)->attachments);
        QVERIFY(db.search(QStringLiteral("main"), 10)->isEmpty());
    }

    void migratesASchema3File()
    {
        const QString path = freshPath();
        {
            // Schema 3 as migrations 1-3 leave it: a fresh database without what 4 added.
            Database db;
            QVERIFY(db.open(path));
            QVERIFY(execAll(db, {QStringLiteral("DROP TRIGGER drafts_conversation_delete"),
                                 QStringLiteral("DROP TABLE drafts"),
                                 QStringLiteral("DROP TABLE attachments"),
                                 QStringLiteral("ALTER TABLE messages DROP COLUMN first_token_ms"),
                                 QStringLiteral("ALTER TABLE messages DROP COLUMN duration_ms"),
                                 QStringLiteral("PRAGMA user_version = 3")}));
            QVERIFY(execAll(
                db, {QStringLiteral("INSERT INTO conversations (id, title, created_at, updated_at,"
                                    " current_leaf_id) VALUES (1, 'Old chat', 1000, 2000, 2)"),
                     QStringLiteral("INSERT INTO messages (id, conversation_id, parent_id, role,"
                                    " content, status, created_at, updated_at, tool_calls) VALUES"
                                    " (1, 1, NULL, 'user', 'How do lighthouses work', 'complete',"
                                    " 1000, 1000, ''),"
                                    " (2, 1, 1, 'assistant', 'A lamp and a Fresnel lens',"
                                    " 'complete', 2000, 2000, '')")}));
            QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM sqlite_master"
                                               " WHERE name IN ('attachments', 'drafts')"))
                         .toInt(),
                     0);
        }
        Database db;
        QVERIFY2(db.open(path), qPrintable(db.lastError().message));
        QCOMPARE(scalar(db, QStringLiteral("PRAGMA user_version")).toInt(), 4);
        QCOMPARE(Database::SchemaVersion, 4);
        const auto page = db.loadLatest(1, 10);
        QVERIFY2(page, qPrintable(db.lastError().message));
        QCOMPARE(ids(page->messages), (QList<qint64>{1, 2}));
        QCOMPARE(page->messages[1].content, QStringLiteral("A lamp and a Fresnel lens"));
        QCOMPARE(page->messages[1].firstTokenMs, qint64(-1)); // not known for old replies
        QCOMPARE(page->messages[1].durationMs, qint64(-1));
        QVERIFY(page->messages[0].attachments.isEmpty());
        QCOMPARE(db.search(QStringLiteral("Fresnel"), 10)->size(), 1);

        // Everything new works on the upgraded file.
        StoredMessage user = makeMessage(1, 2, Role::User, QStringLiteral("Show me"));
        user.attachments = {attachment(QStringLiteral("lens.png"), png())};
        const auto stored = db.appendMessage(user);
        QVERIFY2(stored, qPrintable(db.lastError().message));
        QCOMPARE(stored->attachments.size(), 1);
        QVERIFY(db.saveDraft(1, QStringLiteral("draft text")));
        QCOMPARE(*db.draft(1), QStringLiteral("draft text"));

        // A read-only opener of this build reads it now.
        db.close();
        Database reader;
        QVERIFY2(reader.open(path, Database::OpenMode::ReadOnly),
                 qPrintable(reader.lastError().message));
        QCOMPARE(reader.message(stored->id)->attachments.size(), 1);
    }

    void timingColumns()
    {
        Database db;
        QVERIFY(db.open(freshPath()));
        const qint64 c = db.createConversation({})->id;
        const qint64 user = append(db, makeMessage(c, 0, Role::User, QStringLiteral("hi")));
        StoredMessage reply = makeMessage(c, user, Role::Assistant, {});
        reply.status = MessageStatus::Streaming;
        const auto stored = db.appendMessage(reply);
        QVERIFY(stored);
        QCOMPARE(stored->firstTokenMs, qint64(-1));
        QCOMPARE(stored->durationMs, qint64(-1));
        QVERIFY(scalar(db, QStringLiteral("SELECT first_token_ms FROM messages WHERE id = %1")
                               .arg(stored->id))
                    .isNull());

        StoredMessage done = *stored;
        done.content = QStringLiteral("Hello!");
        done.status = MessageStatus::Complete;
        done.firstTokenMs = 850;
        done.durationMs = 4200;
        QVERIFY(db.saveMessage(done));
        auto loaded = db.message(stored->id);
        QCOMPARE(loaded->firstTokenMs, qint64(850));
        QCOMPARE(loaded->durationMs, qint64(4200));
        QCOMPARE(db.loadLatest(c, 5)->messages.last().durationMs, qint64(4200));

        // saveMessage writes what it is given: -1 means "not known" again.
        done.firstTokenMs = -1;
        QVERIFY(db.saveMessage(done));
        loaded = db.message(stored->id);
        QCOMPARE(loaded->firstTokenMs, qint64(-1));
        QCOMPARE(loaded->durationMs, qint64(4200));

        // Imports carry their timing in appendMessage.
        StoredMessage imported = makeMessage(c, stored->id, Role::Assistant, QStringLiteral("x"));
        imported.firstTokenMs = 12;
        imported.durationMs = 34;
        const auto importedStored = db.appendMessage(imported);
        QCOMPARE(importedStored->firstTokenMs, qint64(12));
        QCOMPARE(importedStored->durationMs, qint64(34));
    }

    void drafts()
    {
        const QString path = freshPath();
        Database db;
        QVERIFY(db.open(path));
        const qint64 a = db.createConversation(QStringLiteral("A"))->id;
        const qint64 b = db.createConversation(QStringLiteral("B"))->id;
        QCOMPARE(*db.draft(a), QString());
        QVERIFY(db.draft(a)->isEmpty());
        QVERIFY(db.saveDraft(a, QStringLiteral("half a thought")));
        QVERIFY(db.saveDraft(b, QStringLiteral("other \u00e9\n\nlines")));
        QVERIFY(db.saveDraft(0, QStringLiteral("a new chat")));
        QCOMPARE(*db.draft(a), QStringLiteral("half a thought"));
        QCOMPARE(*db.draft(b), QStringLiteral("other \u00e9\n\nlines"));
        QCOMPARE(*db.draft(0), QStringLiteral("a new chat"));
        QVERIFY(db.saveDraft(a, QStringLiteral("the whole thought")));
        QCOMPARE(*db.draft(a), QStringLiteral("the whole thought"));
        QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM drafts")).toInt(), 3);

        // Kept across a restart; an empty text removes the draft.
        db.close();
        QVERIFY(db.open(path));
        QCOMPARE(*db.draft(a), QStringLiteral("the whole thought"));
        QVERIFY(db.saveDraft(a, {}));
        QCOMPARE(*db.draft(a), QString());
        QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM drafts")).toInt(), 2);

        // A purged conversation takes its draft with it; a soft-deleted one keeps it (undo).
        QVERIFY(db.deleteConversation(b));
        QCOMPARE(*db.draft(b), QStringLiteral("other \u00e9\n\nlines"));
        QCOMPARE(*db.purgeDeleted(), 1);
        QCOMPARE(*db.draft(b), QString());
        QCOMPARE(*db.draft(0), QStringLiteral("a new chat"));
    }

    void deleteMovesToTheLatestSiblingBranch()
    {
        Database db;
        QVERIFY(db.open(freshPath()));
        const qint64 c = db.createConversation(QStringLiteral("Tree"))->id; // not searched for
        //   u1 ── a1 ── u2 (with an attachment) ── a2
        //      └─ b1 ── v2 ── b2      (the regenerated reply, updated last)
        //               └─ w2         (older)
        const qint64 u1 = append(db, makeMessage(c, 0, Role::User, QStringLiteral("question")));
        const qint64 a1 = append(db, makeMessage(c, u1, Role::Assistant, QStringLiteral("first")));
        StoredMessage u2m = makeMessage(c, a1, Role::User, QStringLiteral("zebraword follow up"));
        u2m.attachments = {attachment(QStringLiteral("z.png"), png()),
                           attachment(QStringLiteral("z.txt"), "zzz\n")};
        const qint64 u2 = append(db, u2m);
        const qint64 a2 = append(db, makeMessage(c, u2, Role::Assistant, QStringLiteral("done")));
        const qint64 b1 = append(db, makeMessage(c, u1, Role::Assistant, QStringLiteral("second")));
        const qint64 v2 = append(db, makeMessage(c, b1, Role::User, QStringLiteral("more")));
        const qint64 b2 = append(db, makeMessage(c, v2, Role::Assistant, QStringLiteral("okapi")));
        const qint64 w2 = append(db, makeMessage(c, b1, Role::User, QStringLiteral("other")));
        QVERIFY(touch(db, b2, 9'000'000'000'000) && touch(db, w2, 8'000'000'000'000));
        QVERIFY(db.selectBranch(c, a2, 10)); // the user looks at a1's branch
        QCOMPARE(currentLeaf(db, c), a2);
        QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM attachments")).toInt(), 2);
        QCOMPARE(db.search(QStringLiteral("zebraword"), 10)->size(), 1);

        const std::optional<int> count = db.deleteMessage(c, a1);
        QVERIFY2(count, qPrintable(db.lastError().message));
        QCOMPARE(*count, 3); // a1, u2, a2
        QCOMPARE(currentLeaf(db, c), b2);
        const auto page = db.loadLatest(c, 10);
        QCOMPARE(ids(page->messages), (QList<qint64>{u1, b1, v2, b2}));
        QCOMPARE(page->messages[1].siblingIds, (QList<qint64>{b1}));
        QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM attachments")).toInt(), 0);
        QVERIFY(db.search(QStringLiteral("zebraword"), 10)->isEmpty()); // the index forgot it
        QCOMPARE(db.search(QStringLiteral("okapi"), 10)->size(), 1);
        QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM messages")).toInt(), 5);
        QVERIFY(!db.message(u2));

        // Deleting off the current branch leaves the branch where it is.
        QCOMPARE(*db.deleteMessage(c, w2), 1);
        QCOMPARE(currentLeaf(db, c), b2);

        // The last child of u1 goes: the branch ends at u1.
        QCOMPARE(*db.deleteMessage(c, b1), 3);
        QCOMPARE(currentLeaf(db, c), u1);
        QCOMPARE(ids(db.loadLatest(c, 10)->messages), (QList<qint64>{u1}));

        // The only message goes: nothing is left.
        QCOMPARE(*db.deleteMessage(c, u1), 1);
        QCOMPARE(currentLeaf(db, c), 0);
        QVERIFY(db.loadLatest(c, 10)->messages.isEmpty());
        QVERIFY(db.search(QStringLiteral("question"), 10)->isEmpty());
    }

    void deleteAnEditedRoot()
    {
        // An edited first message is a second root: deleting it returns to the first one.
        Database db;
        QVERIFY(db.open(freshPath()));
        const qint64 c = db.createConversation({})->id;
        const qint64 r1 = append(db, makeMessage(c, 0, Role::User, QStringLiteral("v1")));
        const qint64 r1a = append(db, makeMessage(c, r1, Role::Assistant, QStringLiteral("a")));
        const qint64 r2 = append(db, makeMessage(c, 0, Role::User, QStringLiteral("v2")));
        append(db, makeMessage(c, r2, Role::Assistant, QStringLiteral("b")));
        QCOMPARE(*db.deleteMessage(c, r2), 2);
        QCOMPARE(currentLeaf(db, c), r1a);
        QCOMPARE(db.loadLatest(c, 10)->messages.first().siblingIds, (QList<qint64>{r1}));
    }

    void deleteRefusesStrangers()
    {
        Database db;
        QVERIFY(db.open(freshPath()));
        const qint64 c = db.createConversation({})->id;
        const qint64 other = db.createConversation({})->id;
        const qint64 m = append(db, makeMessage(c, 0, Role::User, QStringLiteral("mine")));

        QVERIFY(!db.deleteMessage(other, m));
        QVERIFY(db.lastError().message.contains(QString::number(m)));
        QVERIFY(!db.deleteMessage(c, 987654));
        QVERIFY(!db.lastError().message.isEmpty());
        QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM messages")).toInt(), 1);
        QCOMPARE(currentLeaf(db, c), m);
        // The refused call left no transaction open: the next write works.
        QCOMPARE(*db.deleteMessage(c, m), 1);
    }

    void deleteADeepBranch()
    {
        // Deeper than SQLite's limit of nested cascades: deleting the root still works.
        Database db;
        QVERIFY(db.open(freshPath()));
        const qint64 c = db.createConversation({})->id;
        QVERIFY(db.beginTransaction());
        qint64 parent = 0;
        qint64 root = 0;
        for (int i = 0; i < 1500; ++i) {
            parent = append(db, makeMessage(c, parent, i % 2 ? Role::Assistant : Role::User,
                                            QStringLiteral("m%1").arg(i)));
            if (i == 0)
                root = parent;
        }
        QVERIFY(db.commitTransaction());
        const std::optional<int> count = db.deleteMessage(c, root);
        QVERIFY2(count, qPrintable(db.lastError().message));
        QCOMPARE(*count, 1500);
        QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM messages")).toInt(), 0);
    }

    void purgeRemovesAttachments()
    {
        Database db;
        QVERIFY(db.open(freshPath()));
        const qint64 c = db.createConversation({})->id;
        StoredMessage user = makeMessage(c, 0, Role::User, QStringLiteral("see"));
        user.attachments = {attachment(QStringLiteral("a.png"), png())};
        const qint64 id = append(db, user);
        append(db, makeMessage(c, id, Role::Assistant, QStringLiteral("seen")));
        QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM attachments")).toInt(), 1);
        QVERIFY(db.deleteConversation(c));
        QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM attachments")).toInt(), 1);
        QCOMPARE(*db.purgeDeleted(), 1);
        QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM attachments")).toInt(), 0);
    }

    void storeSignals()
    {
        // The Store slots the UI calls, answered by their signals (same thread: direct).
        Store store;
        QSignalSpy opened(&store, &Store::opened);
        QSignalSpy deleted(&store, &Store::messagesDeleted);
        QSignalSpy draftLoaded(&store, &Store::draftLoaded);
        QSignalSpy errors(&store, &Store::storeError);
        const QString path = freshPath();
        store.open(path);
        QCOMPARE(opened.size(), 1);
        QVERIFY(opened.first().at(0).toBool());

        qint64 conversation = 0;
        qint64 first = 0;
        {
            Database db; // a second connection, as another thread of the app would have
            QVERIFY(db.open(path));
            conversation = db.createConversation({})->id;
            first = append(db, makeMessage(conversation, 0, Role::User, QStringLiteral("q")));
            append(db, makeMessage(conversation, first, Role::Assistant, QStringLiteral("a")));
        }
        store.deleteMessage(conversation, first, QStringLiteral("tag-1"));
        QCOMPARE(deleted.size(), 1);
        QCOMPARE(deleted.first().at(0).toLongLong(), conversation);
        QCOMPARE(deleted.first().at(1).toLongLong(), first);
        QCOMPARE(deleted.first().at(2).toInt(), 2);
        QCOMPARE(deleted.first().at(3).toString(), QStringLiteral("tag-1"));

        store.saveDraft(conversation, QStringLiteral("unsent words"));
        store.loadDraft(conversation);
        QCOMPARE(draftLoaded.size(), 1);
        QCOMPARE(draftLoaded.first().at(0).toLongLong(), conversation);
        QCOMPARE(draftLoaded.first().at(1).toString(), QStringLiteral("unsent words"));
        QVERIFY(errors.isEmpty());

        store.deleteMessage(conversation, first, QStringLiteral("tag-2")); // already gone
        QCOMPARE(deleted.size(), 1);
        QCOMPARE(errors.size(), 1);
    }
};

QTEST_GUILESS_MAIN(MessageStoreTest)
#include "MessageStoreTest.moc"
