// DatabaseTest: the history database on its own: schema creation and migration from every
// earlier version, the message tree (branches, pages, sibling ids), crash recovery of streamed
// replies, full-text search (English, CJK, hostile queries), deletion, and disk problems
// (corrupt, read-only, full, locked) turned into clear errors without a crash.
#include "store/Database.h"

#include <QDir>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <unistd.h>

using namespace keel::core;

namespace {

StoredMessage makeMessage(qint64 conversationId, qint64 parentId, Role role, const QString& text,
                          MessageStatus status = MessageStatus::Complete)
{
    StoredMessage m;
    m.conversationId = conversationId;
    m.parentId = parentId;
    m.role = role;
    m.content = text;
    m.status = status;
    return m;
}

QList<qint64> ids(const QList<StoredMessage>& messages)
{
    QList<qint64> list;
    for (const StoredMessage& m : messages)
        list << m.id;
    return list;
}

// One-off SQL on a path, through a connection of its own (as another program would).
class RawConnection {
public:
    explicit RawConnection(const QString& path)
        : m_name(QStringLiteral("raw-%1").arg(++s_counter))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(path);
        m_ok = db.open();
    }
    ~RawConnection()
    {
        {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_name);
    }
    bool ok() const { return m_ok; }
    bool exec(const QString& sql)
    {
        QSqlQuery q(QSqlDatabase::database(m_name, false));
        if (!q.exec(sql)) {
            qWarning("%s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
            return false;
        }
        return true;
    }
    QVariant value(const QString& sql)
    {
        QSqlQuery q(QSqlDatabase::database(m_name, false));
        if (!q.exec(sql) || !q.next())
            return {};
        return q.value(0);
    }

private:
    static inline int s_counter = 0;
    QString m_name;
    bool m_ok = false;
};

QVariant scalar(Database& db, const QString& sql)
{
    QSqlQuery q(db.connection());
    if (!q.exec(sql) || !q.next())
        return {};
    return q.value(0);
}

// The schema as version 1 of the app wrote it: the migration test starts from here.
const QStringList SchemaV1 = {
    QStringLiteral(
        "CREATE TABLE conversations (id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT NOT NULL "
        "DEFAULT '', created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, pinned INTEGER NOT "
        "NULL DEFAULT 0, current_leaf_id INTEGER, settings_json TEXT NOT NULL DEFAULT '', "
        "source_id TEXT NOT NULL DEFAULT '', deleted_at INTEGER)"),
    QStringLiteral(
        "CREATE TABLE messages (id INTEGER PRIMARY KEY AUTOINCREMENT, conversation_id INTEGER "
        "NOT NULL REFERENCES conversations(id) ON DELETE CASCADE, parent_id INTEGER REFERENCES "
        "messages(id) ON DELETE CASCADE, role TEXT NOT NULL, content TEXT NOT NULL DEFAULT '', "
        "reasoning TEXT NOT NULL DEFAULT '', model TEXT NOT NULL DEFAULT '', input_tokens "
        "INTEGER NOT NULL DEFAULT -1, output_tokens INTEGER NOT NULL DEFAULT -1, status TEXT NOT "
        "NULL DEFAULT 'complete', finish_reason TEXT NOT NULL DEFAULT '', error_message TEXT NOT "
        "NULL DEFAULT '', created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL)"),
    QStringLiteral("CREATE INDEX messages_conversation_parent ON messages(conversation_id, "
                   "parent_id)"),
    QStringLiteral("CREATE INDEX messages_parent ON messages(parent_id)"),
    QStringLiteral("CREATE INDEX messages_streaming ON messages(status) WHERE status = "
                   "'streaming'"),
    QStringLiteral("CREATE INDEX conversations_updated ON conversations(updated_at)"),
    QStringLiteral("PRAGMA user_version = 1"),
};

bool runningAsRoot()
{
    return ::geteuid() == 0;
}

} // namespace

class DatabaseTest : public QObject {
    Q_OBJECT

private:
    QString freshPath()
    {
        return m_dir->filePath(QStringLiteral("h%1/keel.sqlite").arg(++m_counter));
    }

    qint64 newConversation(Database& db, const QString& title = {})
    {
        const auto c = db.createConversation(title);
        return c ? c->id : 0;
    }

    qint64 append(Database& db, const StoredMessage& m)
    {
        const auto stored = db.appendMessage(m);
        if (!stored)
            qWarning("append failed: %s", qPrintable(db.lastError().message));
        return stored ? stored->id : 0;
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    int m_counter = 0;

private Q_SLOTS:
    void init() { m_dir = std::make_unique<QTemporaryDir>(); }
    void cleanup()
    {
        // Undo permission changes so the directory can be removed.
        for (const QString& entry :
             QDir(m_dir->path()).entryList(QDir::AllDirs | QDir::NoDotAndDotDot))
            QFile::setPermissions(m_dir->filePath(entry),
                                  QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        m_dir.reset();
    }

    void createsAFreshDatabase()
    {
        Database db;
        const QString path = freshPath(); // its folder does not exist yet
        QVERIFY2(db.open(path), qPrintable(db.lastError().message));
        QVERIFY(QFile::exists(path));
        QCOMPARE(scalar(db, QStringLiteral("PRAGMA user_version")).toInt(),
                 Database::SchemaVersion);
        QCOMPARE(scalar(db, QStringLiteral("PRAGMA journal_mode")).toString(),
                 QStringLiteral("wal"));
        QCOMPARE(scalar(db, QStringLiteral("PRAGMA foreign_keys")).toInt(), 1);
        QCOMPARE(scalar(db, QStringLiteral("PRAGMA synchronous")).toInt(), 1); // NORMAL
        QVERIFY(db.openWarnings().isEmpty());
        const auto list = db.listConversations();
        QVERIFY(list);
        QVERIFY(list->isEmpty());
        QCOMPARE(db.recoveredStreamingCount(), 0);
    }

    void opensAnEmptyFileAsANewDatabase()
    {
        const QString path = freshPath();
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close(); // version 0: nothing in it yet
        Database db;
        QVERIFY2(db.open(path), qPrintable(db.lastError().message));
        QCOMPARE(scalar(db, QStringLiteral("PRAGMA user_version")).toInt(),
                 Database::SchemaVersion);
        QVERIFY(db.openWarnings().isEmpty());
    }

    void migratesFromVersion1KeepingEveryRow()
    {
        const QString path = freshPath();
        QDir().mkpath(QFileInfo(path).absolutePath());
        {
            RawConnection raw(path);
            QVERIFY(raw.ok());
            for (const QString& sql : SchemaV1)
                QVERIFY(raw.exec(sql));
            QVERIFY(raw.exec(QStringLiteral(
                "INSERT INTO conversations (id, title, created_at, updated_at, current_leaf_id) "
                "VALUES (1, 'Rust lifetimes', 1000, 5000, 3), (2, '東京旅行', 2000, 6000, 5)")));
            QVERIFY(raw.exec(QStringLiteral(
                "INSERT INTO messages (id, conversation_id, parent_id, role, content, status, "
                "created_at, updated_at) VALUES "
                "(1, 1, NULL, 'user', 'Explain borrow checking please', 'complete', 1000, 1000),"
                "(2, 1, 1, 'assistant', 'The borrow checker tracks lifetimes.', 'complete', "
                "2000, 2000),"
                "(3, 1, 1, 'assistant', 'A second answer about ownership', 'streaming', 3000, "
                "3000),"
                "(4, 2, NULL, 'user', '你好世界，再见', 'complete', 4000, 4000),"
                "(5, 2, 4, 'assistant', '私は東京に住んでいます', 'complete', 5000, 5000)")));
        }
        Database db;
        QVERIFY2(db.open(path), qPrintable(db.lastError().message));
        QCOMPARE(scalar(db, QStringLiteral("PRAGMA user_version")).toInt(),
                 Database::SchemaVersion);
        QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM messages")).toInt(), 5);
        QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM conversations")).toInt(), 2);
        QCOMPARE(db.recoveredStreamingCount(), 1);

        const auto page = db.loadLatest(1, 50);
        QVERIFY(page);
        QCOMPARE(ids(page->messages), (QList<qint64>{1, 3}));
        QCOMPARE(page->messages[1].status, MessageStatus::Incomplete);
        QCOMPARE(page->messages[1].siblingIds, (QList<qint64>{2, 3}));
        QCOMPARE(page->conversation.title, QStringLiteral("Rust lifetimes"));

        const auto english = db.search(QStringLiteral("borrow"), 10);
        QVERIFY(english);
        QCOMPARE(english->size(), 2);
        const auto chinese = db.search(QStringLiteral("世界"), 10);
        QVERIFY(chinese);
        QCOMPARE(chinese->size(), 1);
        QCOMPARE(chinese->first().messageId, 4);
        const auto title = db.search(QStringLiteral("東京"), 10);
        QVERIFY(title);
        QCOMPARE(title->size(), 2); // the title and message 5
        QCOMPARE(title->first().messageId, 0);
        QCOMPARE(title->first().conversationId, 2);
        QCOMPARE(title->last().messageId, 5);
        QVERIFY(db.connection()
                    .exec(QStringLiteral(
                        "INSERT INTO messages_fts(messages_fts) VALUES ('integrity-check')"))
                    .lastError()
                    .type()
                == QSqlError::NoError);

        // New rows after the migration are indexed by the triggers.
        QVERIFY(append(db, makeMessage(1, 3, Role::User, QStringLiteral("ownership again"))) > 0);
        QCOMPARE(db.search(QStringLiteral("ownership"), 10)->size(), 2);
    }

    void refusesAHistoryFromANewerVersion()
    {
        const QString path = freshPath();
        QDir().mkpath(QFileInfo(path).absolutePath());
        {
            RawConnection raw(path);
            QVERIFY(raw.exec(QStringLiteral("CREATE TABLE future (x)")));
            QVERIFY(raw.exec(QStringLiteral("PRAGMA user_version = 99")));
        }
        Database db;
        QVERIFY(!db.open(path));
        QCOMPARE(db.lastError().kind, StoreError::Kind::Other);
        QVERIFY(db.lastError().message.contains(QStringLiteral("newer version")));
        RawConnection raw(path);
        QCOMPARE(raw.value(QStringLiteral("PRAGMA user_version")).toInt(), 99); // untouched
    }

    void branchesAreSiblings()
    {
        const QString path = freshPath();
        qint64 conv = 0, u1 = 0, a1 = 0, a2 = 0, u2 = 0, a3 = 0;
        {
            Database db;
            QVERIFY(db.open(path));
            conv = newConversation(db);
            u1 = append(db, makeMessage(conv, 0, Role::User, QStringLiteral("Question")));
            a1 = append(db, makeMessage(conv, u1, Role::Assistant, QStringLiteral("Answer one")));
            // Regenerate: a second reply to the same user message.
            const auto second =
                db.appendMessage(makeMessage(conv, u1, Role::Assistant, QStringLiteral("Two")));
            QVERIFY(second);
            a2 = second->id;
            QCOMPARE(second->siblingIds, (QList<qint64>{a1, a2}));

            auto page = db.loadLatest(conv, 50);
            QVERIFY(page);
            QCOMPARE(ids(page->messages), (QList<qint64>{u1, a2}));
            QCOMPARE(page->messages[0].siblingIds, (QList<qint64>{u1}));
            QCOMPARE(page->messages[1].siblingIds, (QList<qint64>{a1, a2}));
            QCOMPARE(page->conversation.currentLeafId, a2);
            QVERIFY(!page->hasOlder);

            // Edit the user message: a new root beside the first one.
            u2 = append(db, makeMessage(conv, 0, Role::User, QStringLiteral("Question, edited")));
            a3 = append(db, makeMessage(conv, u2, Role::Assistant, QStringLiteral("Answer three")));
            page = db.loadLatest(conv, 50);
            QCOMPARE(ids(page->messages), (QList<qint64>{u2, a3}));
            QCOMPARE(page->messages[0].siblingIds, (QList<qint64>{u1, u2}));
            QCOMPARE(page->messages[1].siblingIds, (QList<qint64>{a3}));

            // Back to the first question: its most recently updated leaf is a2 ...
            page = db.selectBranch(conv, u1, 50);
            QVERIFY(page);
            QCOMPARE(ids(page->messages), (QList<qint64>{u1, a2}));
            // ... until a1 changes later than a2.
            QThread::msleep(5);
            StoredMessage changed = *db.message(a1);
            changed.content = QStringLiteral("Answer one, revised");
            QVERIFY(db.saveMessage(changed));
            page = db.selectBranch(conv, u1, 50);
            QCOMPARE(ids(page->messages), (QList<qint64>{u1, a1}));
            QCOMPARE(page->messages[1].content, QStringLiteral("Answer one, revised"));

            // Not a message of this conversation: an error, not a crash.
            const qint64 other = newConversation(db);
            QVERIFY(!db.selectBranch(other, u1, 50));
            QVERIFY(!db.appendMessage(makeMessage(other, u1, Role::User, QStringLiteral("x"))));
        }
        Database reopened;
        QVERIFY(reopened.open(path));
        const auto page = reopened.loadLatest(conv, 50);
        QVERIFY(page);
        QCOMPARE(page->conversation.currentLeafId, a1); // the chosen branch is remembered
        QCOMPARE(ids(page->messages), (QList<qint64>{u1, a1}));
    }

    void loadsTheBranchInPages()
    {
        Database db;
        QVERIFY(db.open(freshPath()));
        const qint64 conv = newConversation(db);
        QList<qint64> chain;
        qint64 parent = 0;
        QVERIFY(db.beginTransaction());
        for (int i = 0; i < 120; ++i) {
            parent = append(db, makeMessage(conv, parent, i % 2 ? Role::Assistant : Role::User,
                                            QStringLiteral("message %1").arg(i)));
            chain << parent;
        }
        QVERIFY(db.commitTransaction());
        // A side branch near the top must not disturb the walk.
        append(db, makeMessage(conv, chain[10], Role::Assistant, QStringLiteral("side")));
        QVERIFY(db.selectBranch(conv, chain.last(), 1));

        const auto latest = db.loadLatest(conv, 50);
        QVERIFY(latest);
        QCOMPARE(ids(latest->messages), chain.mid(70));
        QVERIFY(latest->hasOlder);
        const auto older = db.loadOlder(conv, latest->messages.first().id, 50);
        QVERIFY(older);
        QCOMPARE(ids(older->messages), chain.mid(20, 50));
        QVERIFY(older->hasOlder);
        const auto oldest = db.loadOlder(conv, older->messages.first().id, 50);
        QVERIFY(oldest);
        QCOMPARE(ids(oldest->messages), chain.mid(0, 20));
        QVERIFY(!oldest->hasOlder);
        QCOMPARE(oldest->messages[11].siblingIds.size(), 2); // chain[11] and "side"
        const auto none = db.loadOlder(conv, chain.first(), 50);
        QVERIFY(none);
        QVERIFY(none->messages.isEmpty());
        QVERIFY(!none->hasOlder);
    }

    void streamedTextSurvivesACrash()
    {
        const QString path = freshPath();
        qint64 reply = 0;
        qint64 conv = 0;
        {
            Database db;
            QVERIFY(db.open(path));
            conv = newConversation(db);
            const qint64 question =
                append(db, makeMessage(conv, 0, Role::User, QStringLiteral("Tell me a story")));
            reply = append(db, makeMessage(conv, question, Role::Assistant, QString(),
                                           MessageStatus::Streaming));
            QVERIFY(db.saveStreamingText(reply, QStringLiteral("Once upon"), QStringLiteral("hm")));
            QVERIFY(db.saveStreamingText(reply, QStringLiteral("Once upon a time"),
                                         QStringLiteral("hmm")));
            QCOMPARE(db.message(reply)->status, MessageStatus::Streaming);
            // No orderly finish: the process "dies" here.
        }
        Database db;
        QVERIFY(db.open(path));
        QCOMPARE(db.recoveredStreamingCount(), 1);
        const auto stored = db.message(reply);
        QVERIFY(stored);
        QCOMPARE(stored->status, MessageStatus::Incomplete);
        QCOMPARE(stored->content, QStringLiteral("Once upon a time"));
        QCOMPARE(stored->reasoning, QStringLiteral("hmm"));
        QVERIFY(!stored->errorMessage.isEmpty());
        QCOMPARE(db.search(QStringLiteral("upon"), 5)->size(), 1);

        // A finished save is final; saving a message that was purged meanwhile is harmless.
        StoredMessage done = *stored;
        done.status = MessageStatus::Complete;
        done.usage.outputTokens = 12;
        done.finishReason = QStringLiteral("stop");
        done.errorMessage.clear();
        QVERIFY(db.saveMessage(done));
        QCOMPARE(db.message(reply)->status, MessageStatus::Complete);
        QCOMPARE(db.message(reply)->usage.outputTokens, 12);
        done.id = 999999;
        QVERIFY(db.saveMessage(done));
        QVERIFY(db.saveStreamingText(999999, QStringLiteral("x"), {}));
    }

    void titlesComeFromTheFirstUserMessage()
    {
        QCOMPARE(Database::titleFromMessage(QStringLiteral("  \n  Hello   there \nsecond line")),
                 QStringLiteral("Hello there"));
        const QString longText = QStringLiteral(
            "Please explain how the borrow checker in Rust decides lifetimes for references");
        const QString title = Database::titleFromMessage(longText);
        QVERIFY(title.size() <= 60);
        QVERIFY(title.endsWith(QChar(0x2026)));
        QCOMPARE(title, QStringLiteral("Please explain how the borrow checker in Rust decides…"));
        const QString cjk = QString(70, QChar(0x4F60));
        QCOMPARE(Database::titleFromMessage(cjk).size(), 60);
        QCOMPARE(Database::titleFromMessage(QStringLiteral("   ")), QString());

        Database db;
        QVERIFY(db.open(freshPath()));
        const qint64 conv = newConversation(db);
        append(db, makeMessage(conv, 0, Role::System, QStringLiteral("You are terse")));
        QCOMPARE(db.conversation(conv)->title, QString());
        const qint64 q = append(db, makeMessage(conv, 0, Role::User, longText));
        QCOMPARE(db.conversation(conv)->title, title);
        append(db, makeMessage(conv, q, Role::User, QStringLiteral("Something else")));
        QCOMPARE(db.conversation(conv)->title, title); // only an untitled one gets a title
        QVERIFY(db.renameConversation(conv, QStringLiteral("Lifetimes")));
        QCOMPARE(db.search(QStringLiteral("lifetimes"), 10)->first().messageId, 0);
    }

    void listsPinnedFirstThenNewest()
    {
        Database db;
        QVERIFY(db.open(freshPath()));
        const qint64 a = newConversation(db, QStringLiteral("a"));
        const qint64 b = newConversation(db, QStringLiteral("b"));
        const qint64 c = newConversation(db, QStringLiteral("c"));
        QThread::msleep(3);
        append(db, makeMessage(a, 0, Role::User, QStringLiteral("bump a")));
        QVERIFY(db.setPinned(b, true));
        const auto list = db.listConversations();
        QVERIFY(list);
        QCOMPARE(list->size(), 3);
        QCOMPARE(list->at(0).id, b);
        QVERIFY(list->at(0).pinned);
        QCOMPARE(list->at(1).id, a);
        QCOMPARE(list->at(2).id, c);
    }

    void searchFindsWordsPrefixesAndCjk()
    {
        Database db;
        QVERIFY(db.open(freshPath()));
        const qint64 conv = newConversation(db, QStringLiteral("Mixed bag"));
        const qint64 en = append(
            db, makeMessage(conv, 0, Role::User, QStringLiteral("Hello world, this is a test.")));
        const qint64 zh =
            append(db, makeMessage(conv, en, Role::Assistant, QStringLiteral("你好世界，再见")));
        const qint64 ja =
            append(db, makeMessage(conv, zh, Role::User,
                                   QStringLiteral("私は東京に住んでいます。カタカナも")));
        const qint64 mixed = append(
            db, makeMessage(conv, ja, Role::Assistant, QStringLiteral("Qt框架很好 and café")));
        const qint64 ko =
            append(db, makeMessage(conv, mixed, Role::User, QStringLiteral("안녕하세요 세계")));

        auto hits = db.search(QStringLiteral("hello"), 10);
        QVERIFY(hits);
        QCOMPARE(hits->size(), 1);
        QCOMPARE(hits->first().messageId, en);
        QCOMPARE(hits->first().conversationId, conv);
        QCOMPARE(hits->first().title, QStringLiteral("Mixed bag"));
        QVERIFY(hits->first().snippet.contains(QStringLiteral("\x02Hello\x03")));

        hits = db.search(QStringLiteral("wor"), 10); // still typing
        QCOMPARE(hits->size(), 1);
        QVERIFY(hits->first().snippet.contains(QStringLiteral("\x02world\x03")));
        QCOMPARE(db.search(QStringLiteral("wor "), 10)->size(), 0); // a finished word

        hits = db.search(QStringLiteral("世界"), 10);
        QCOMPARE(hits->size(), 1);
        QCOMPARE(hits->first().messageId, zh);
        QCOMPARE(hits->first().snippet, QStringLiteral("你好\x02世界\x03，再见"));
        QVERIFY(!hits->first().snippet.contains(QChar(0x1F)));
        QCOMPARE(db.search(QStringLiteral("界世"), 10)->size(), 0); // order matters
        QCOMPARE(db.search(QStringLiteral("再"), 10)->size(), 1);

        hits = db.search(QStringLiteral("東京"), 10);
        QCOMPARE(hits->size(), 1);
        QCOMPARE(hits->first().messageId, ja);
        QCOMPARE(db.search(QStringLiteral("住んで"), 10)->size(), 1);
        QCOMPARE(db.search(QStringLiteral("カタカナ"), 10)->size(), 1);
        QCOMPARE(db.search(QStringLiteral("세계"), 10)->first().messageId, ko);

        hits = db.search(QStringLiteral("Qt框架"), 10);
        QCOMPARE(hits->size(), 1);
        QCOMPARE(hits->first().messageId, mixed);
        QCOMPARE(db.search(QStringLiteral("框架 qt"), 10)->size(), 1);
        QCOMPARE(db.search(QStringLiteral("cafe"), 10)->size(), 1); // diacritics folded
        QCOMPARE(db.search(QStringLiteral("HELLO"), 10)->size(), 1);
        QCOMPARE(db.search(QStringLiteral("hello 世界"), 10)->size(), 0); // no message has both

        // Whatever users type is a query, never a syntax error.
        const QStringList hostile = {
            QStringLiteral("\"hello"),
            QStringLiteral("hello\""),
            QStringLiteral("a\"b\"c"),
            QStringLiteral("*"),
            QStringLiteral("hel*"),
            QStringLiteral("-hello"),
            QStringLiteral("AND"),
            QStringLiteral("hello AND"),
            QStringLiteral("OR NOT"),
            QStringLiteral("NEAR(hello world)"),
            QStringLiteral("body:hello"),
            QStringLiteral("(hello"),
            QStringLiteral("^hello"),
            QStringLiteral("hello)"),
            QStringLiteral("'; DROP TABLE messages; --"),
            QStringLiteral("{hello}"),
            QStringLiteral("c++"),
            QStringLiteral("+"),
            QStringLiteral(":"),
            QStringLiteral("\t\n"),
            QString(),
            QStringLiteral("。、！"),
            QStringLiteral("hello\x01world"),
            QStringLiteral("😀 hello"),
        };
        for (const QString& query : hostile) {
            const auto result = db.search(query, 10);
            QVERIFY2(result, qPrintable(query + QStringLiteral(": ") + db.lastError().message));
        }
        QCOMPARE(db.search(QStringLiteral("\"hello"), 10)->size(), 1);
        QCOMPARE(db.search(QStringLiteral("-hello"), 10)->size(), 1);
        QCOMPARE(db.search(QStringLiteral("body:hello"), 10)->size(), 0); // "body" is a word
        QCOMPARE(db.search(QStringLiteral("*"), 10)->size(), 0);

        // Edits and deletions keep the index exact.
        StoredMessage edited = *db.message(zh);
        edited.content = QStringLiteral("再见世界");
        QVERIFY(db.saveMessage(edited));
        QCOMPARE(db.search(QStringLiteral("你好"), 10)->size(), 0);
        QCOMPARE(db.search(QStringLiteral("见世"), 10)->size(), 1);
        QVERIFY(db.connection()
                    .exec(QStringLiteral("INSERT INTO messages_fts(messages_fts) VALUES "
                                         "('integrity-check')"))
                    .lastError()
                    .type()
                == QSqlError::NoError);
    }

    void queriesAreQuotedSafely()
    {
        QCOMPARE(Database::ftsQuery(QStringLiteral("hello wor")),
                 QStringLiteral("\"hello\" \"wor\"*"));
        QCOMPARE(Database::ftsQuery(QStringLiteral("hello wor ")),
                 QStringLiteral("\"hello\" \"wor\""));
        QCOMPARE(Database::ftsQuery(QStringLiteral("世界")), QStringLiteral("\"世 界\""));
        QCOMPARE(Database::ftsQuery(QStringLiteral("Qt框架")), QStringLiteral("\"Qt 框 架\""));
        QCOMPARE(Database::ftsQuery(QStringLiteral("ab\"cd")), QStringLiteral("\"ab\"\"cd\"*"));
        QCOMPARE(Database::ftsQuery(QStringLiteral("a\"b")), QStringLiteral("\"a\"\"b\""));
        QCOMPARE(Database::ftsQuery(QStringLiteral("x")), QStringLiteral("\"x\""));
        QCOMPARE(Database::ftsQuery(QStringLiteral("*** - ()")), QString());
        QCOMPARE(Database::ftsQuery(QString()), QString());
        QCOMPARE(Database::searchTextFor(QStringLiteral("plain text")),
                 QStringLiteral("plain text"));
        QCOMPARE(Database::searchTextFor(QStringLiteral("a你好b")),
                 QStringLiteral("a\x1F你\x1F好\x1F"
                                "b"));
        // A character outside the BMP (U+20000) stays whole.
        const QString ext = QString::fromUcs4(U"\U00020000x");
        QCOMPARE(Database::searchTextFor(ext), ext.left(2) + QStringLiteral("\x1Fx"));
    }

    void deletionIsSoftUntilPurged()
    {
        Database db;
        QVERIFY(db.open(freshPath()));
        const qint64 keep = newConversation(db, QStringLiteral("keep"));
        const qint64 gone = newConversation(db, QStringLiteral("gone zebra"));
        append(db, makeMessage(keep, 0, Role::User, QStringLiteral("zebra crossing")));
        // A long branch: purging must not hit SQLite's trigger depth limit.
        qint64 parent = 0;
        QVERIFY(db.beginTransaction());
        for (int i = 0; i < 2000; ++i)
            parent = append(db, makeMessage(gone, parent, Role::User,
                                            QStringLiteral("zebra number %1").arg(i)));
        QVERIFY(db.commitTransaction());
        QCOMPARE(db.search(QStringLiteral("zebra"), 5000)->size(), 2002);

        QVERIFY(db.deleteConversation(gone));
        QCOMPARE(db.listConversations()->size(), 1);
        auto hits = db.search(QStringLiteral("zebra"), 5000);
        QCOMPARE(hits->size(), 1);
        QCOMPARE(hits->first().conversationId, keep);
        QVERIFY(db.loadLatest(gone, 10)); // still there for Undo

        QVERIFY(db.restoreConversation(gone));
        QCOMPARE(db.listConversations()->size(), 2);
        QCOMPARE(db.search(QStringLiteral("zebra"), 5000)->size(), 2002);

        QVERIFY(db.deleteConversation(gone));
        const auto purged = db.purgeDeleted();
        QVERIFY2(purged, qPrintable(db.lastError().message));
        QCOMPARE(*purged, 1);
        QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM messages WHERE conversation_id "
                                           "= %1")
                                .arg(gone))
                     .toInt(),
                 0);
        QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM messages")).toInt(), 1);
        QVERIFY(!db.conversation(gone));
        QCOMPARE(db.search(QStringLiteral("zebra"), 5000)->size(), 1);
        QVERIFY(db.connection()
                    .exec(QStringLiteral("INSERT INTO messages_fts(messages_fts) VALUES "
                                         "('integrity-check')"))
                    .lastError()
                    .type()
                == QSqlError::NoError);
        // Ids are never reused, so a stale Undo cannot restore a stranger.
        QVERIFY(newConversation(db) > gone);
    }

    void corruptFileIsMovedAsideNotOverwritten()
    {
        const QString path = freshPath();
        QDir().mkpath(QFileInfo(path).absolutePath());
        QByteArray garbage;
        for (int i = 0; i < 8192; ++i)
            garbage.append(char((i * 7919) % 251));
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(garbage);
        }
        Database db;
        QVERIFY2(db.open(path), qPrintable(db.lastError().message));
        QCOMPARE(db.openWarnings().size(), 1);
        const StoreError warning = db.openWarnings().first();
        QCOMPARE(warning.kind, StoreError::Kind::Corrupt);
        QVERIFY(warning.movedTo.startsWith(path + QStringLiteral(".corrupt-")));
        QVERIFY(warning.message.contains(warning.movedTo));
        QFile moved(warning.movedTo);
        QVERIFY(moved.open(QIODevice::ReadOnly));
        QCOMPARE(moved.readAll(), garbage); // kept byte for byte
        // The new database works.
        const qint64 conv = newConversation(db, QStringLiteral("fresh start"));
        QVERIFY(conv > 0);
        QCOMPARE(db.listConversations()->size(), 1);

        // Set aside while running (a damaged page found later): same promise.
        QVERIFY(db.setAsideAndStartOver());
        QCOMPARE(db.openWarnings().last().kind, StoreError::Kind::Corrupt);
        QVERIFY(QFile::exists(db.openWarnings().last().movedTo));
        QVERIFY(db.listConversations()->isEmpty());
    }

    void readOnlyHistoryGivesAClearError()
    {
        const QString path = freshPath();
        {
            Database db;
            QVERIFY(db.open(path));
            newConversation(db, QStringLiteral("existing"));
        }
        if (!runningAsRoot()) {
            // A write-protected file in a write-protected folder: readable, not writable.
            const QString folder = QFileInfo(path).absolutePath();
            QVERIFY(QFile::setPermissions(path, QFile::ReadOwner));
            QVERIFY(QFile::setPermissions(folder, QFile::ReadOwner | QFile::ExeOwner));
            Database db;
            QVERIFY2(db.open(path), qPrintable(db.lastError().message));
            QCOMPARE(db.openWarnings().size(), 1);
            QCOMPARE(db.openWarnings().first().kind, StoreError::Kind::ReadOnly);
            QCOMPARE(db.listConversations()->size(), 1);
            QVERIFY(!db.createConversation(QStringLiteral("new")));
            QCOMPARE(db.lastError().kind, StoreError::Kind::ReadOnly);

            // Nowhere to create a new history at all.
            Database nowhere;
            QVERIFY(!nowhere.open(folder + QStringLiteral("/sub/keel.sqlite")));
            QCOMPARE(nowhere.lastError().kind, StoreError::Kind::ReadOnly);
            QFile::setPermissions(folder, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
            QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
        }
        // Root ignores permissions: the read-only connection stands in for a read-only disk.
        Database db;
        QVERIFY2(db.open(path, Database::OpenMode::ReadOnly), qPrintable(db.lastError().message));
        QVERIFY(db.isReadOnly());
        QCOMPARE(db.listConversations()->size(), 1);
        QVERIFY(!db.createConversation(QStringLiteral("new")));
        QCOMPARE(db.lastError().kind, StoreError::Kind::ReadOnly);
        QVERIFY(db.lastError().message.contains(QStringLiteral("read-only")));
        QVERIFY(!db.appendMessage(makeMessage(1, 0, Role::User, QStringLiteral("x"))));
        QCOMPARE(db.lastError().kind, StoreError::Kind::ReadOnly);
        QVERIFY(!db.saveStreamingText(1, QStringLiteral("x"), {}));
        QCOMPARE(db.lastError().kind, StoreError::Kind::ReadOnly);
        QVERIFY(db.search(QStringLiteral("existing"), 10)); // reading still works
    }

    void readOnlyOpenAsksForAnUpgradeOfOldSchemas()
    {
        const QString path = freshPath();
        QDir().mkpath(QFileInfo(path).absolutePath());
        {
            RawConnection raw(path);
            for (const QString& sql : SchemaV1)
                QVERIFY(raw.exec(sql));
        }
        Database db;
        QVERIFY(!db.open(path, Database::OpenMode::ReadOnly));
        QVERIFY(db.lastError().message.contains(QStringLiteral("open the app once to upgrade")));
        RawConnection raw(path);
        QCOMPARE(raw.value(QStringLiteral("PRAGMA user_version")).toInt(), 1); // no migration
        Database missing;
        QVERIFY(!missing.open(m_dir->filePath(QStringLiteral("none.sqlite")),
                              Database::OpenMode::ReadOnly));
        QVERIFY(!QFile::exists(m_dir->filePath(QStringLiteral("none.sqlite"))));
    }

    void fullDiskGivesAClearError()
    {
        Database db;
        QVERIFY(db.open(freshPath()));
        const qint64 conv = newConversation(db);
        // SQLite answers exactly as for a full disk once the page limit is reached.
        const int pages = scalar(db, QStringLiteral("PRAGMA page_count")).toInt();
        QVERIFY(scalar(db, QStringLiteral("PRAGMA max_page_count = %1").arg(pages)).isValid());
        const auto stored =
            db.appendMessage(makeMessage(conv, 0, Role::User, QString(200000, QLatin1Char('x'))));
        QVERIFY(!stored);
        QCOMPARE(db.lastError().kind, StoreError::Kind::DiskFull);
        QVERIFY(db.lastError().message.contains(QStringLiteral("full")));
        // Still usable for reading, and nothing half-written.
        QCOMPARE(db.listConversations()->size(), 1);
        QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM messages")).toInt(), 0);
    }

    void lockedDatabaseGivesAClearError()
    {
        const QString path = freshPath();
        Database db;
        QVERIFY(db.open(path));
        const qint64 conv = newConversation(db);
        db.setBusyTimeoutMs(50);
        RawConnection other(path);
        QVERIFY(other.exec(QStringLiteral("BEGIN IMMEDIATE")));
        QVERIFY(!db.appendMessage(makeMessage(conv, 0, Role::User, QStringLiteral("x"))));
        QCOMPARE(db.lastError().kind, StoreError::Kind::Locked);
        QVERIFY(db.listConversations()); // readers are not blocked by a writer (WAL)
        QVERIFY(other.exec(QStringLiteral("ROLLBACK")));
        QVERIFY(db.appendMessage(makeMessage(conv, 0, Role::User, QStringLiteral("x"))));
    }

    void nothingWorksBeforeOpenButNothingCrashes()
    {
        Database db;
        QVERIFY(!db.listConversations());
        QCOMPARE(db.lastError().kind, StoreError::Kind::Other);
        QVERIFY(!db.search(QStringLiteral("x"), 5));
        QVERIFY(!db.appendMessage(makeMessage(1, 0, Role::User, QStringLiteral("x"))));
        QVERIFY(!db.loadLatest(1, 5));
    }
};

QTEST_GUILESS_MAIN(DatabaseTest)
#include "DatabaseTest.moc"
