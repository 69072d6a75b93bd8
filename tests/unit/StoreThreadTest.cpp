// StoreThreadTest: the Store on its own thread, reached only through StoreClient: every call is
// answered by a queued signal on the caller's thread, failures arrive as storeError, and stop()
// closes the connection on the store thread.
#include "store/StoreThread.h"

#include "store/Store.h"
#include "store/StoreClient.h"

#include <QDir>
#include <QFile>
#include <QSqlDatabase>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace keel::core;

namespace {

// Collects the store's answers on the thread that created it (the test's).
class Answers : public QObject {
public:
    explicit Answers(Store* store)
    {
        const auto onThisThread = [this] {
            if (QThread::currentThread() != thread())
                wrongThread = true;
        };
        connect(
            store, &Store::opened, this,
            [this, onThisThread](bool ok, const QString&) {
                onThisThread();
                opened << ok;
            },
            Qt::QueuedConnection);
        connect(
            store, &Store::conversationCreated, this,
            [this, onThisThread](const ConversationSummary& c, const QString& tag) {
                onThisThread();
                created << qMakePair(c, tag);
            },
            Qt::QueuedConnection);
        connect(
            store, &Store::conversationChanged, this,
            [this, onThisThread](const ConversationSummary& c) {
                onThisThread();
                changed << c;
            },
            Qt::QueuedConnection);
        connect(
            store, &Store::conversationsListed, this,
            [this, onThisThread](const QList<ConversationSummary>& list) {
                onThisThread();
                lists << list;
            },
            Qt::QueuedConnection);
        connect(
            store, &Store::conversationRemoved, this,
            [this, onThisThread](qint64 id) {
                onThisThread();
                removed << id;
            },
            Qt::QueuedConnection);
        connect(
            store, &Store::messageAppended, this,
            [this, onThisThread](const StoredMessage& m, const QString& tag) {
                onThisThread();
                appended << qMakePair(m, tag);
            },
            Qt::QueuedConnection);
        connect(
            store, &Store::messageSaved, this,
            [this, onThisThread](qint64 id) {
                onThisThread();
                saved << id;
            },
            Qt::QueuedConnection);
        connect(
            store, &Store::conversationLoaded, this,
            [this, onThisThread](const ConversationPage& page) {
                onThisThread();
                pages << page;
            },
            Qt::QueuedConnection);
        connect(
            store, &Store::olderLoaded, this,
            [this, onThisThread](const ConversationPage& page) {
                onThisThread();
                olderPages << page;
            },
            Qt::QueuedConnection);
        connect(
            store, &Store::searchFinished, this,
            [this, onThisThread](const QList<SearchHit>& hits, const QString& tag) {
                onThisThread();
                searches << qMakePair(hits, tag);
            },
            Qt::QueuedConnection);
        connect(
            store, &Store::storeError, this,
            [this, onThisThread](const StoreError& error) {
                onThisThread();
                errors << error;
            },
            Qt::QueuedConnection);
    }

    bool wrongThread = false;
    QList<bool> opened;
    QList<QPair<ConversationSummary, QString>> created;
    QList<ConversationSummary> changed;
    QList<QList<ConversationSummary>> lists;
    QList<qint64> removed;
    QList<QPair<StoredMessage, QString>> appended;
    QList<qint64> saved;
    QList<ConversationPage> pages;
    QList<ConversationPage> olderPages;
    QList<QPair<QList<SearchHit>, QString>> searches;
    QList<StoreError> errors;
};

} // namespace

class StoreThreadTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void answersQueuedCallsOnTheCallersThread()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("data/keel.sqlite"));
        StoreThread thread;
        Answers answers(thread.store());
        StoreClient client(thread.store());
        QCOMPARE(client.store(), thread.store());
        thread.start();

        QString storeThreadName;
        const QThread* testThread = QThread::currentThread();
        bool ranElsewhere = false;
        client.post([&storeThreadName, &ranElsewhere, testThread](Store*) {
            storeThreadName = QThread::currentThread()->objectName();
            ranElsewhere = QThread::currentThread() != testThread;
        });
        client.post([path](Store* store) { store->open(path); });
        QTRY_COMPARE(answers.opened, (QList<bool>{true}));
        QCOMPARE(storeThreadName, QStringLiteral("keel-store"));
        QVERIFY(ranElsewhere);

        client.post(
            [](Store* store) { store->createConversation(QString(), QStringLiteral("c1")); });
        QTRY_COMPARE(answers.created.size(), 1);
        const ConversationSummary conversation = answers.created.first().first;
        QCOMPARE(answers.created.first().second, QStringLiteral("c1"));
        QVERIFY(conversation.id > 0);

        StoredMessage question;
        question.conversationId = conversation.id;
        question.role = Role::User;
        question.content = QStringLiteral("你好世界 and hello");
        client.post(
            [question](Store* store) { store->appendMessage(question, QStringLiteral("q")); });
        QTRY_COMPARE(answers.appended.size(), 1);
        const StoredMessage stored = answers.appended.first().first;
        QCOMPARE(answers.appended.first().second, QStringLiteral("q"));
        QVERIFY(stored.id > 0);
        QTRY_COMPARE(answers.changed.size(), 1);
        QCOMPARE(answers.changed.first().title, QStringLiteral("你好世界 and hello"));
        QCOMPARE(answers.changed.first().currentLeafId, stored.id);

        StoredMessage reply;
        reply.conversationId = conversation.id;
        reply.parentId = stored.id;
        reply.role = Role::Assistant;
        reply.status = MessageStatus::Streaming;
        client.post([reply](Store* store) { store->appendMessage(reply, QStringLiteral("r")); });
        QTRY_COMPARE(answers.appended.size(), 2);
        const qint64 replyId = answers.appended[1].first.id;
        client.post([replyId](Store* store) {
            store->saveStreamingText(replyId, QStringLiteral("partial"), QString());
        });
        StoredMessage done = answers.appended[1].first;
        done.content = QStringLiteral("partial and done");
        done.status = MessageStatus::Complete;
        client.post([done](Store* store) { store->saveMessage(done); });
        QTRY_COMPARE(answers.saved, (QList<qint64>{replyId}));

        client.post([conversation](Store* store) { store->loadConversation(conversation.id, 50); });
        QTRY_COMPARE(answers.pages.size(), 1);
        QCOMPARE(answers.pages.first().messages.size(), 2);
        QCOMPARE(answers.pages.first().messages[1].content, QStringLiteral("partial and done"));
        QCOMPARE(answers.pages.first().messages[1].status, MessageStatus::Complete);
        client.post([conversation, replyId](Store* store) {
            store->loadOlder(conversation.id, replyId, 50);
        });
        QTRY_COMPARE(answers.olderPages.size(), 1);
        QCOMPARE(answers.olderPages.first().messages.size(), 1);
        client.post([conversation, question = stored.id](Store* store) {
            store->selectBranch(conversation.id, question, 50);
        });
        QTRY_COMPARE(answers.pages.size(), 2);
        QCOMPARE(answers.pages[1].messages.last().id, replyId);

        client.post(
            [](Store* store) { store->search(QStringLiteral("世界"), 10, QStringLiteral("s")); });
        QTRY_COMPARE(answers.searches.size(), 1);
        QCOMPARE(answers.searches.first().second, QStringLiteral("s"));
        QCOMPARE(answers.searches.first().first.size(), 2); // the title and the message

        client.post([conversation](Store* store) {
            store->renameConversation(conversation.id, QStringLiteral("Renamed"));
            store->setPinned(conversation.id, true);
            store->listConversations();
        });
        QTRY_COMPARE(answers.lists.size(), 1);
        QCOMPARE(answers.lists.first().first().title, QStringLiteral("Renamed"));
        QVERIFY(answers.lists.first().first().pinned);

        client.post([conversation](Store* store) {
            store->deleteConversation(conversation.id);
            store->listConversations();
            store->restoreConversation(conversation.id);
            store->deleteConversation(conversation.id);
            store->purgeDeleted();
            store->listConversations();
        });
        QTRY_COMPARE(answers.lists.size(), 3);
        QCOMPARE(answers.removed, (QList<qint64>{conversation.id, conversation.id}));
        QVERIFY(answers.lists[1].isEmpty());
        QVERIFY(answers.lists[2].isEmpty());
        QVERIFY(answers.errors.isEmpty());
        QVERIFY(!answers.wrongThread);

        thread.stop();
        // The connection was closed and removed on the store thread.
        QVERIFY(QSqlDatabase::connectionNames().isEmpty());
    }

    void failuresArriveAsStoreErrors()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("keel.sqlite"));
        {
            QFile garbage(path);
            QVERIFY(garbage.open(QIODevice::WriteOnly));
            garbage.write(QByteArray(4096, 'k'));
        }
        StoreThread thread;
        Answers answers(thread.store());
        StoreClient client(thread.store());
        thread.start();

        // Before open: an error, and tagged calls are still answered.
        client.post([](Store* store) {
            store->listConversations();
            store->search(QStringLiteral("x"), 5, QStringLiteral("early"));
        });
        QTRY_COMPARE(answers.errors.size(), 2);
        QCOMPARE(answers.errors.first().kind, StoreError::Kind::Other);
        QTRY_COMPARE(answers.searches.size(), 1);
        QCOMPARE(answers.searches.first().second, QStringLiteral("early"));

        client.post([path](Store* store) { store->open(path); });
        QTRY_COMPARE(answers.opened, (QList<bool>{true}));
        QCOMPARE(answers.errors.size(), 3);
        const StoreError corrupt = answers.errors.last();
        QCOMPARE(corrupt.kind, StoreError::Kind::Corrupt);
        QVERIFY(QFile::exists(corrupt.movedTo));
        QVERIFY(corrupt.message.contains(corrupt.movedTo));

        client.post([](Store* store) { store->loadConversation(4242, 50); });
        QTRY_COMPARE(answers.errors.size(), 4);
        QCOMPARE(answers.errors.last().kind, StoreError::Kind::Other);
        QVERIFY(answers.pages.isEmpty());

        StoredMessage orphan;
        orphan.conversationId = 4242;
        orphan.content = QStringLiteral("nowhere");
        client.post([orphan](Store* store) { store->appendMessage(orphan, QStringLiteral("o")); });
        QTRY_COMPARE(answers.appended.size(), 1);
        QCOMPARE(answers.appended.first().first.id, 0); // answered, but not stored
        QCOMPARE(answers.errors.size(), 5);
        QVERIFY(!answers.wrongThread);
        thread.stop();
    }

    void stopWithoutStartIsClean()
    {
        StoreThread thread;
        thread.stop();
        thread.stop();
    }
};

QTEST_GUILESS_MAIN(StoreThreadTest)
#include "StoreThreadTest.moc"
