// KeychainTest: the SecretStore against a real Secret Service (GNOME Keyring in a private D-Bus
// session, started by tests/support/with-secret-service.sh): the probe finds the keychain;
// keys are written, read back, overwritten and removed through QtKeychain; nothing lands in
// the profile; two profiles (services) never see each other's keys; the store works on the
// main thread and on its own QThread.
#include "settings/SecretStore.h"
#include "tests/support/SecretTestSupport.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QUuid>

#include <atomic>

using namespace keel::core;
using keel::test::Answer;
using keel::test::filesContaining;
using keel::test::Recorder;

namespace {

QString uniqueSecret()
{
    return QStringLiteral("sk-test-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
}

// Runs call on the store's thread (the test's own or the worker).
template <typename Call>
void onStore(SecretStore* store, Call call)
{
    QMetaObject::invokeMethod(store, call, Qt::QueuedConnection);
}

} // namespace

class KeychainTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();

    void probeFindsKeychain();
    void writeReadOverwriteRemove();
    void requestsBeforeProbeAreAnsweredAfterIt();
    void fileFallbackUnusedWithKeychain();
    void profilesDoNotShareKeys();
    void worksOnQThread();

private:
    // Probes and checks the keychain was found.
    void probe(SecretStore* store, Recorder& answers);
    // Write, read back, overwrite, read, remove, read -> NotFound, remove again -> ok.
    void roundTrip(SecretStore* store, Recorder& answers, const QString& name);

    QTemporaryDir m_root;
    std::unique_ptr<QTemporaryDir> m_profile; // one per test function
};

void KeychainTest::initTestCase()
{
    QVERIFY2(!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"),
             "run through tests/support/with-secret-service.sh (registered as SECRET_SERVICE)");
    QVERIFY(m_root.isValid());
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_root.path() + QStringLiteral("/config")));
}

void KeychainTest::init()
{
    m_profile = std::make_unique<QTemporaryDir>(m_root.path() + QStringLiteral("/profile-XXXXXX"));
    QVERIFY(m_profile->isValid());
}

void KeychainTest::probe(SecretStore* store, Recorder& answers)
{
    const qsizetype before = answers.backends.size();
    onStore(store, [store] { store->probe(); });
    QTRY_COMPARE(answers.backends.size(), before + 1);
    QVERIFY2(answers.backends.constLast() == SecretBackend::Keychain,
             qPrintable(answers.details.constLast()));
}

void KeychainTest::roundTrip(SecretStore* store, Recorder& answers, const QString& name)
{
    const QString first = uniqueSecret();
    const QString second = uniqueSecret();
    const qsizetype reads = answers.reads.size();
    const qsizetype writes = answers.writes.size();
    const qsizetype removes = answers.removes.size();

    onStore(store, [=] { store->write(name, first, QStringLiteral("w1")); });
    onStore(store, [=] { store->read(name, QStringLiteral("r1")); });
    QTRY_COMPARE(answers.reads.size(), reads + 1);
    QCOMPARE(answers.writes.size(), writes + 1);
    QVERIFY2(answers.writes.constLast().error.ok(),
             qPrintable(answers.writes.constLast().error.message));
    QCOMPARE(answers.writes.constLast().tag, QStringLiteral("w1"));
    QCOMPARE(answers.reads.constLast().tag, QStringLiteral("r1"));
    QCOMPARE(answers.reads.constLast().name, name);
    QVERIFY2(answers.reads.constLast().error.ok(),
             qPrintable(answers.reads.constLast().error.message));
    QCOMPARE(answers.reads.constLast().value, first);

    onStore(store, [=] { store->write(name, second, QStringLiteral("w2")); });
    onStore(store, [=] { store->read(name, QStringLiteral("r2")); });
    QTRY_COMPARE(answers.reads.size(), reads + 2);
    QVERIFY(answers.writes.constLast().error.ok());
    QCOMPARE(answers.reads.constLast().value, second);

    // The keychain keeps the keys: nothing in the profile, no fallback file.
    QCOMPARE(filesContaining(m_root.path(), first.toUtf8()), QStringList());
    QCOMPARE(filesContaining(m_root.path(), second.toUtf8()), QStringList());
    QVERIFY(!QFile::exists(m_profile->path() + QStringLiteral("/secrets.json")));

    onStore(store, [=] { store->remove(name, QStringLiteral("d1")); });
    onStore(store, [=] { store->read(name, QStringLiteral("r3")); });
    onStore(store, [=] { store->remove(name, QStringLiteral("d2")); });
    QTRY_COMPARE(answers.removes.size(), removes + 2);
    QVERIFY2(answers.removes.at(removes).error.ok(),
             qPrintable(answers.removes.at(removes).error.message));
    QCOMPARE(answers.reads.size(), reads + 3);
    QCOMPARE(answers.reads.constLast().error.kind, SecretError::Kind::NotFound);
    QVERIFY(answers.reads.constLast().value.isEmpty());
    // Removing a key that is not there is not an error.
    QVERIFY2(answers.removes.constLast().error.ok(),
             qPrintable(answers.removes.constLast().error.message));
}

void KeychainTest::probeFindsKeychain()
{
    SecretStore store(SecretStore::serviceNameFor(m_profile->path()),
                      m_profile->path() + QStringLiteral("/secrets.json"));
    Recorder answers(&store);
    probe(&store, answers);
    QCOMPARE(store.backend(), SecretBackend::Keychain);
    QVERIFY(!answers.details.constLast().isEmpty());
    QCOMPARE(answers.backends.size(), 1);
}

void KeychainTest::writeReadOverwriteRemove()
{
    SecretStore store(SecretStore::serviceNameFor(m_profile->path()),
                      m_profile->path() + QStringLiteral("/secrets.json"));
    Recorder answers(&store);
    probe(&store, answers);
    roundTrip(&store, answers, QStringLiteral("provider/openai"));
    QCOMPARE(answers.emitter.load(), QThread::currentThread());
}

void KeychainTest::requestsBeforeProbeAreAnsweredAfterIt()
{
    SecretStore store(SecretStore::serviceNameFor(m_profile->path()),
                      m_profile->path() + QStringLiteral("/secrets.json"));
    Recorder answers(&store);
    const QString secret = uniqueSecret();
    store.write(QStringLiteral("provider/a"), secret, QStringLiteral("w1"));
    store.read(QStringLiteral("provider/a"), QStringLiteral("r1"));
    store.remove(QStringLiteral("provider/a"), QStringLiteral("d1"));
    QCoreApplication::processEvents();
    QVERIFY(answers.writes.isEmpty());
    QVERIFY(answers.reads.isEmpty());

    probe(&store, answers);
    QTRY_COMPARE(answers.removes.size(), 1);
    QVERIFY(answers.writes.constFirst().error.ok());
    QCOMPARE(answers.reads.constFirst().value, secret);
    QVERIFY(answers.removes.constFirst().error.ok());
}

void KeychainTest::fileFallbackUnusedWithKeychain()
{
    const QString secretFile = m_profile->path() + QStringLiteral("/secrets.json");
    SecretStore store(SecretStore::serviceNameFor(m_profile->path()), secretFile);
    Recorder answers(&store);
    store.setFileAllowed(true);
    probe(&store, answers);
    store.setFileAllowed(false);
    store.setFileAllowed(true);
    roundTrip(&store, answers, QStringLiteral("proxy/password"));
    QCOMPARE(answers.backends.size(), 1); // the keychain stayed in charge throughout
    QVERIFY(!QFile::exists(secretFile));
}

void KeychainTest::profilesDoNotShareKeys()
{
    QTemporaryDir otherProfile(m_root.path() + QStringLiteral("/profile-XXXXXX"));
    QVERIFY(otherProfile.isValid());
    const QString serviceA = SecretStore::serviceNameFor(m_profile->path());
    const QString serviceB = SecretStore::serviceNameFor(otherProfile.path());
    QVERIFY(serviceA != serviceB);
    SecretStore a(serviceA, m_profile->path() + QStringLiteral("/secrets.json"));
    SecretStore b(serviceB, otherProfile.path() + QStringLiteral("/secrets.json"));
    Recorder answersA(&a);
    Recorder answersB(&b);
    probe(&a, answersA);
    probe(&b, answersB);

    const QString name = QStringLiteral("provider/shared-name");
    const QString secretA = uniqueSecret();
    const QString secretB = uniqueSecret();
    a.write(name, secretA, QStringLiteral("a1"));
    QTRY_COMPARE(answersA.writes.size(), 1);
    QVERIFY(answersA.writes.constLast().error.ok());
    b.read(name, QStringLiteral("b1"));
    QTRY_COMPARE(answersB.reads.size(), 1);
    QCOMPARE(answersB.reads.constLast().error.kind, SecretError::Kind::NotFound);

    b.write(name, secretB, QStringLiteral("b2"));
    QTRY_COMPARE(answersB.writes.size(), 1);
    QVERIFY(answersB.writes.constLast().error.ok());
    a.read(name, QStringLiteral("a2"));
    b.read(name, QStringLiteral("b3"));
    QTRY_COMPARE(answersA.reads.size(), 1);
    QTRY_COMPARE(answersB.reads.size(), 2);
    QCOMPARE(answersA.reads.constLast().value, secretA);
    QCOMPARE(answersB.reads.constLast().value, secretB);

    // Removing A's key leaves B's.
    a.remove(name, QStringLiteral("a3"));
    QTRY_COMPARE(answersA.removes.size(), 1);
    b.read(name, QStringLiteral("b4"));
    QTRY_COMPARE(answersB.reads.size(), 3);
    QCOMPARE(answersB.reads.constLast().value, secretB);
    b.remove(name, QStringLiteral("b5"));
    QTRY_COMPARE(answersB.removes.size(), 1);
    QVERIFY(answersB.removes.constLast().error.ok());
}

void KeychainTest::worksOnQThread()
{
    // Twice, each time on a fresh thread that ends afterwards (like successive settings
    // threads in one process), then once more here on the test's thread.
    for (int round = 0; round < 2; ++round) {
        QThread thread;
        thread.setObjectName(QStringLiteral("test-settings-%1").arg(round));
        thread.start();
        auto* store = new SecretStore(SecretStore::serviceNameFor(m_profile->path()),
                                      m_profile->path() + QStringLiteral("/secrets.json"));
        Recorder answers(store);
        store->moveToThread(&thread);
        probe(store, answers);
        roundTrip(store, answers, QStringLiteral("provider/threaded-%1").arg(round));
        QCOMPARE(answers.emitter.load(), &thread);

        QMetaObject::invokeMethod(store, &QObject::deleteLater, Qt::QueuedConnection);
        thread.quit();
        QVERIFY(thread.wait(10000));
    }

    SecretStore store(SecretStore::serviceNameFor(m_profile->path()),
                      m_profile->path() + QStringLiteral("/secrets.json"));
    Recorder answers(&store);
    probe(&store, answers);
    roundTrip(&store, answers, QStringLiteral("provider/main"));
    QCOMPARE(answers.emitter.load(), QThread::currentThread());
}

QTEST_GUILESS_MAIN(KeychainTest)
#include "KeychainTest.moc"
