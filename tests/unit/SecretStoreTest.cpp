// SecretStoreTest: the SecretStore with no keychain service (D-Bus pointed at nothing): the
// probe says Unavailable and keys are refused; with the file fallback allowed, keys round-trip
// through a 0600 file and appear in no other file; a damaged or too-open file is reported and
// replaced; requests made before the probe wait for it; the store works on its own QThread.
#include "settings/SecretStore.h"

#include "settings/SecretFile.h"
#include "tests/support/SecretTestSupport.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QUuid>

#include <atomic>
#include <sys/stat.h>
#include <sys/types.h>

using namespace keel::core;
using keel::test::Answer;
using keel::test::filesContaining;
using keel::test::Recorder;

namespace {

int fileMode(const QString& path)
{
    struct stat st {};
    if (::lstat(QFile::encodeName(path).constData(), &st) != 0)
        return -1;
    return int(st.st_mode & 07777);
}

void writeFile(const QString& path, const QByteArray& bytes, int mode)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(bytes);
    file.close();
    QCOMPARE(::chmod(QFile::encodeName(path).constData(), mode_t(mode)), 0);
}

// Every file under dir whose bytes contain needle.

QStringList allFiles(const QString& dir)
{
    QStringList files;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << QDir(dir).relativeFilePath(it.next());
    return files;
}

QString uniqueSecret()
{
    return QStringLiteral("sk-test-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
}

} // namespace

class SecretStoreTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();

    void serviceNamesSeparateProfiles();
    void probeWithoutKeychainIsUnavailable();
    void writeRefusedWithoutBackend();
    void fileFallbackRoundTrip();
    void fileAllowedBeforeProbe();
    void fileModeIgnoresUmask();
    void corruptFileIsReportedThenReplaced();
    void tooOpenFileIsTightenedOrRefused();
    void symlinkIsRefused();
    void requestsBeforeProbeAreAnsweredAfterIt();
    void worksOnQThread();

private:
    void probe(SecretStore& store, Recorder& answers, SecretBackend expected);

    QTemporaryDir m_root;
    std::unique_ptr<QTemporaryDir> m_dir; // one per test function: the profile's config dir
    QString m_secretFile;
    mode_t m_oldUmask = 0;
};

void SecretStoreTest::initTestCase()
{
    // No keychain, whatever the machine has: D-Bus points at nothing before the first job.
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent");
    QVERIFY(m_root.isValid());
    qputenv("HOME", QFile::encodeName(m_root.path()));
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_root.path() + QStringLiteral("/config")));
    qputenv("XDG_DATA_HOME", QFile::encodeName(m_root.path() + QStringLiteral("/data")));
    m_oldUmask = ::umask(022);
}

void SecretStoreTest::cleanupTestCase()
{
    ::umask(m_oldUmask);
}

void SecretStoreTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>(m_root.path() + QStringLiteral("/profile-XXXXXX"));
    QVERIFY(m_dir->isValid());
    m_secretFile = m_dir->path() + QStringLiteral("/config/keel/secrets.json");
}

void SecretStoreTest::probe(SecretStore& store, Recorder& answers, SecretBackend expected)
{
    const qsizetype before = answers.backends.size();
    store.probe();
    QTRY_COMPARE(answers.backends.size(), before + 1);
    QCOMPARE(answers.backends.constLast(), expected);
    QCOMPARE(store.backend(), expected);
}

void SecretStoreTest::serviceNamesSeparateProfiles()
{
    QCOMPARE(SecretStore::serviceNameFor(QString()), QStringLiteral("keel"));
    const QString a = SecretStore::serviceNameFor(QStringLiteral("/tmp/profile-a"));
    const QString b = SecretStore::serviceNameFor(QStringLiteral("/tmp/profile-b"));
    QVERIFY(a.startsWith(QStringLiteral("keel-profile-")));
    QCOMPARE(a.size(), QStringLiteral("keel-profile-").size() + 12);
    QVERIFY(a != b);
    // The same directory however it is spelled.
    QCOMPARE(SecretStore::serviceNameFor(QStringLiteral("/tmp/x/../profile-a/")), a);
    QCOMPARE(SecretStore::serviceNameFor(QStringLiteral("rel")),
             SecretStore::serviceNameFor(QDir::currentPath() + QStringLiteral("/rel")));
}

void SecretStoreTest::probeWithoutKeychainIsUnavailable()
{
    SecretStore store(QStringLiteral("keel-unit-test"), m_secretFile);
    Recorder answers(&store);
    QCOMPARE(store.backend(), SecretBackend::Unknown);
    QElapsedTimer timer;
    timer.start();
    probe(store, answers, SecretBackend::Unavailable);
    // It is the service's own answer, not the guard timeout (5 s), that decided.
    QVERIFY2(timer.elapsed() < 4000, qPrintable(QString::number(timer.elapsed())));
    QVERIFY(!answers.details.constLast().isEmpty());
    QVERIFY(answers.details.constLast().contains(QStringLiteral("No system keychain")));
    QCOMPARE(answers.backends.size(), 1);
}

void SecretStoreTest::writeRefusedWithoutBackend()
{
    SecretStore store(QStringLiteral("keel-unit-test"), m_secretFile);
    Recorder answers(&store);
    probe(store, answers, SecretBackend::Unavailable);

    const QString secret = uniqueSecret();
    store.write(QStringLiteral("provider/openai"), secret, QStringLiteral("w1"));
    QTRY_COMPARE(answers.writes.size(), 1);
    const Answer written = answers.writes.constFirst();
    QCOMPARE(written.tag, QStringLiteral("w1"));
    QCOMPARE(written.name, QStringLiteral("provider/openai"));
    QCOMPARE(written.error.kind, SecretError::Kind::NoBackend);
    QVERIFY(written.error.message.startsWith(
        QStringLiteral("No system keychain is available, so the key was not saved.")));
    QVERIFY(!written.error.message.contains(secret));

    store.read(QStringLiteral("provider/openai"), QStringLiteral("r1"));
    QTRY_COMPARE(answers.reads.size(), 1);
    QCOMPARE(answers.reads.constFirst().error.kind, SecretError::Kind::NoBackend);
    QVERIFY(answers.reads.constFirst().value.isEmpty());
    store.remove(QStringLiteral("provider/openai"), QStringLiteral("d1"));
    QTRY_COMPARE(answers.removes.size(), 1);
    QCOMPARE(answers.removes.constFirst().error.kind, SecretError::Kind::NoBackend);

    QCOMPARE(allFiles(m_dir->path()), QStringList());
    QCOMPARE(filesContaining(m_root.path(), secret.toUtf8()), QStringList());
}

void SecretStoreTest::fileFallbackRoundTrip()
{
    SecretStore store(QStringLiteral("keel-unit-test"), m_secretFile);
    Recorder answers(&store);
    probe(store, answers, SecretBackend::Unavailable);
    store.setFileAllowed(true);
    QTRY_COMPARE(answers.backends.size(), 2);
    QCOMPARE(answers.backends.constLast(), SecretBackend::File);
    QCOMPARE(store.backend(), SecretBackend::File);
    QVERIFY(answers.details.constLast().contains(QStringLiteral("readable only by you")));

    const QString first = uniqueSecret();
    store.write(QStringLiteral("provider/a"), first, QStringLiteral("w1"));
    QTRY_COMPARE(answers.writes.size(), 1);
    QVERIFY2(answers.writes.constLast().error.ok(),
             qPrintable(answers.writes.constLast().error.message));
    QCOMPARE(fileMode(m_secretFile), 0600);
    store.read(QStringLiteral("provider/a"), QStringLiteral("r1"));
    QTRY_COMPARE(answers.reads.size(), 1);
    QCOMPARE(answers.reads.constLast().tag, QStringLiteral("r1"));
    QCOMPARE(answers.reads.constLast().value, first);
    QVERIFY(answers.reads.constLast().error.ok());

    // Overwrite, plus a second key alongside.
    const QString second = uniqueSecret();
    const QString other = uniqueSecret();
    store.write(QStringLiteral("provider/a"), second, QStringLiteral("w2"));
    store.write(QStringLiteral("proxy/password"), other, QStringLiteral("w3"));
    QTRY_COMPARE(answers.writes.size(), 3);
    QVERIFY(answers.writes.at(1).error.ok());
    QVERIFY(answers.writes.at(2).error.ok());
    QCOMPARE(fileMode(m_secretFile), 0600);
    store.read(QStringLiteral("provider/a"), QStringLiteral("r2"));
    store.read(QStringLiteral("proxy/password"), QStringLiteral("r3"));
    QTRY_COMPARE(answers.reads.size(), 3);
    QCOMPARE(answers.reads.at(1).value, second);
    QCOMPARE(answers.reads.at(2).value, other);

    // The keys are in the secret file and nowhere else (no temp file or backup left behind).
    QCOMPARE(allFiles(m_dir->path()), QStringList{QStringLiteral("config/keel/secrets.json")});
    QCOMPARE(filesContaining(m_root.path(), first.toUtf8()), QStringList());
    QCOMPARE(filesContaining(m_dir->path(), second.toUtf8()),
             QStringList{QStringLiteral("config/keel/secrets.json")});

    store.remove(QStringLiteral("provider/a"), QStringLiteral("d1"));
    QTRY_COMPARE(answers.removes.size(), 1);
    QVERIFY(answers.removes.constLast().error.ok());
    store.read(QStringLiteral("provider/a"), QStringLiteral("r4"));
    QTRY_COMPARE(answers.reads.size(), 4);
    QCOMPARE(answers.reads.constLast().error.kind, SecretError::Kind::NotFound);
    QVERIFY(!answers.reads.constLast().error.message.isEmpty());
    QVERIFY(answers.reads.constLast().value.isEmpty());
    QCOMPARE(filesContaining(m_root.path(), second.toUtf8()), QStringList());
    // Removing what is not there is fine.
    store.remove(QStringLiteral("provider/a"), QStringLiteral("d2"));
    QTRY_COMPARE(answers.removes.size(), 2);
    QVERIFY(answers.removes.constLast().error.ok());
    // The other key survived.
    store.read(QStringLiteral("proxy/password"), QStringLiteral("r5"));
    QTRY_COMPARE(answers.reads.size(), 5);
    QCOMPARE(answers.reads.constLast().value, other);
    QCOMPARE(fileMode(m_secretFile), 0600);

    // Withdrawing the permission stops using the file.
    store.setFileAllowed(false);
    QTRY_COMPARE(answers.backends.size(), 3);
    QCOMPARE(answers.backends.constLast(), SecretBackend::Unavailable);
    store.read(QStringLiteral("proxy/password"), QStringLiteral("r6"));
    QTRY_COMPARE(answers.reads.size(), 6);
    QCOMPARE(answers.reads.constLast().error.kind, SecretError::Kind::NoBackend);
}

void SecretStoreTest::fileAllowedBeforeProbe()
{
    SecretStore store(QStringLiteral("keel-unit-test"), m_secretFile);
    Recorder answers(&store);
    store.setFileAllowed(true);
    QCOMPARE(store.backend(), SecretBackend::Unknown);
    probe(store, answers, SecretBackend::File);
    QCOMPARE(answers.backends.size(), 1);
    // Allowing it again changes nothing, so nothing is announced.
    store.setFileAllowed(true);
    QCoreApplication::processEvents();
    QCOMPARE(answers.backends.size(), 1);
}

void SecretStoreTest::fileModeIgnoresUmask()
{
    SecretFile file(m_secretFile);
    for (const mode_t mask : {mode_t(022), mode_t(0), mode_t(077)}) {
        const mode_t previous = ::umask(mask);
        const SecretError error = file.write(QStringLiteral("k"), uniqueSecret());
        ::umask(previous);
        QVERIFY2(error.ok(), qPrintable(error.message));
        QCOMPARE(fileMode(m_secretFile), 0600);
    }
}

void SecretStoreTest::corruptFileIsReportedThenReplaced()
{
    const QString old = uniqueSecret();
    writeFile(m_secretFile, "{\"provider/a\": \"" + old.toUtf8() + "\", broken", 0600);

    SecretStore store(QStringLiteral("keel-unit-test"), m_secretFile);
    Recorder answers(&store);
    store.setFileAllowed(true);
    probe(store, answers, SecretBackend::File);

    store.read(QStringLiteral("provider/a"), QStringLiteral("r1"));
    QTRY_COMPARE(answers.reads.size(), 1);
    QCOMPARE(answers.reads.constLast().error.kind, SecretError::Kind::Other);
    QVERIFY(answers.reads.constLast().error.message.contains(QStringLiteral("damaged")));
    QVERIFY(!answers.reads.constLast().error.message.contains(old));
    QVERIFY(answers.reads.constLast().value.isEmpty());

    // Valid JSON of the wrong shape is just as unusable.
    writeFile(m_secretFile, "[1, 2, 3]", 0600);
    store.read(QStringLiteral("provider/a"), QStringLiteral("r2"));
    QTRY_COMPARE(answers.reads.size(), 2);
    QCOMPARE(answers.reads.constLast().error.kind, SecretError::Kind::Other);
    writeFile(m_secretFile, "{\"provider/a\": 42}", 0600);
    store.read(QStringLiteral("provider/a"), QStringLiteral("r3"));
    QTRY_COMPARE(answers.reads.size(), 3);
    QCOMPARE(answers.reads.constLast().error.kind, SecretError::Kind::Other);

    // A write replaces the damaged file; the old one is kept aside, private.
    const QString fresh = uniqueSecret();
    store.write(QStringLiteral("provider/a"), fresh, QStringLiteral("w1"));
    QTRY_COMPARE(answers.writes.size(), 1);
    QVERIFY2(answers.writes.constLast().error.ok(),
             qPrintable(answers.writes.constLast().error.message));
    store.read(QStringLiteral("provider/a"), QStringLiteral("r4"));
    QTRY_COMPARE(answers.reads.size(), 4);
    QCOMPARE(answers.reads.constLast().value, fresh);
    QCOMPARE(fileMode(m_secretFile), 0600);
    QCOMPARE(fileMode(m_secretFile + QStringLiteral(".bak")), 0600);
}

void SecretStoreTest::tooOpenFileIsTightenedOrRefused()
{
    const QString value = uniqueSecret();
    const QByteArray json = "{\"provider/a\": \"" + value.toUtf8() + "\"}";

    // Readable by others: still ours and unchanged, so it is used, and made private at once.
    writeFile(m_secretFile, json, 0644);
    SecretFile file(m_secretFile);
    SecretFile::ReadResult read = file.read(QStringLiteral("provider/a"));
    QVERIFY2(read.error.ok(), qPrintable(read.error.message));
    QCOMPARE(read.value, value);
    QCOMPARE(fileMode(m_secretFile), 0600);

    // Writable by others: its keys could have been swapped, so it is not believed ...
    writeFile(m_secretFile, json, 0664);
    read = file.read(QStringLiteral("provider/a"));
    QCOMPARE(read.error.kind, SecretError::Kind::Denied);
    QVERIFY(read.error.message.contains(QStringLiteral("other users")));
    QVERIFY(read.value.isEmpty());
    QCOMPARE(file.remove(QStringLiteral("provider/a")).kind, SecretError::Kind::Denied);
    // ... until a write replaces it with a private one.
    const QString fresh = uniqueSecret();
    QVERIFY(file.write(QStringLiteral("provider/b"), fresh).ok());
    QCOMPARE(fileMode(m_secretFile), 0600);
    QCOMPARE(fileMode(m_secretFile + QStringLiteral(".bak")), 0600);
    QCOMPARE(file.read(QStringLiteral("provider/b")).value, fresh);
    QCOMPARE(file.read(QStringLiteral("provider/a")).error.kind, SecretError::Kind::NotFound);
}

void SecretStoreTest::symlinkIsRefused()
{
    const QString target = m_dir->path() + QStringLiteral("/elsewhere.json");
    writeFile(target, "{\"provider/a\": \"planted\"}", 0600);
    QDir().mkpath(QFileInfo(m_secretFile).absolutePath());
    QVERIFY(QFile::link(target, m_secretFile));

    SecretFile file(m_secretFile);
    const SecretFile::ReadResult read = file.read(QStringLiteral("provider/a"));
    QVERIFY(!read.error.ok());
    QVERIFY(read.value.isEmpty());
    // A write replaces the link itself and never writes through it.
    const QString fresh = uniqueSecret();
    QVERIFY(file.write(QStringLiteral("provider/a"), fresh).ok());
    QVERIFY(!QFileInfo(m_secretFile).isSymLink());
    QCOMPARE(file.read(QStringLiteral("provider/a")).value, fresh);
    QCOMPARE(filesContaining(m_dir->path(), fresh.toUtf8()),
             QStringList{QStringLiteral("config/keel/secrets.json")});
}

void SecretStoreTest::requestsBeforeProbeAreAnsweredAfterIt()
{
    SecretStore store(QStringLiteral("keel-unit-test"), m_secretFile);
    Recorder answers(&store);
    store.setFileAllowed(true);
    const QString secret = uniqueSecret();
    store.write(QStringLiteral("provider/a"), secret, QStringLiteral("w1"));
    store.read(QStringLiteral("provider/a"), QStringLiteral("r1"));
    store.remove(QStringLiteral("provider/missing"), QStringLiteral("d1"));
    QCoreApplication::processEvents();
    QCoreApplication::processEvents();
    QVERIFY(answers.writes.isEmpty());
    QVERIFY(answers.reads.isEmpty());
    QVERIFY(answers.removes.isEmpty());
    QVERIFY(!QFile::exists(m_secretFile));

    probe(store, answers, SecretBackend::File);
    QTRY_COMPARE(answers.reads.size(), 1);
    QCOMPARE(answers.writes.size(), 1);
    QVERIFY(answers.writes.constFirst().error.ok());
    // In the order they were made: the read sees the write.
    QCOMPARE(answers.reads.constFirst().value, secret);
    QTRY_COMPARE(answers.removes.size(), 1);
    QVERIFY(answers.removes.constFirst().error.ok());
}

void SecretStoreTest::worksOnQThread()
{
    // Twice, each time on a fresh thread that ends afterwards (like successive settings
    // threads in one process), then once more here: every probe gets the service's own quick
    // answer, never the guard timeout, wherever earlier keychain jobs ran.
    for (int round = 0; round < 2; ++round) {
        QThread thread;
        thread.setObjectName(QStringLiteral("test-settings-%1").arg(round));
        thread.start();
        auto* store = new SecretStore(QStringLiteral("keel-unit-test"), m_secretFile);
        Recorder answers(store);
        store->moveToThread(&thread);
        const auto onStore = [store](auto call) {
            QMetaObject::invokeMethod(store, call, Qt::QueuedConnection);
        };

        QElapsedTimer timer;
        timer.start();
        onStore([store] { store->probe(); });
        QTRY_COMPARE(answers.backends.size(), 1);
        QVERIFY2(timer.elapsed() < 4000, qPrintable(QString::number(timer.elapsed())));
        QCOMPARE(answers.backends.constLast(), SecretBackend::Unavailable);
        onStore([store] { store->setFileAllowed(true); });
        QTRY_COMPARE(answers.backends.size(), 2);
        QCOMPARE(answers.backends.constLast(), SecretBackend::File);

        const QString secret = uniqueSecret();
        onStore([store, secret] {
            store->write(QStringLiteral("provider/a"), secret, QStringLiteral("w1"));
        });
        onStore([store] { store->read(QStringLiteral("provider/a"), QStringLiteral("r1")); });
        QTRY_COMPARE(answers.reads.size(), 1);
        QCOMPARE(answers.writes.size(), 1);
        QVERIFY(answers.writes.constFirst().error.ok());
        QCOMPARE(answers.reads.constFirst().value, secret);
        QCOMPARE(answers.emitter.load(), &thread);
        QCOMPARE(fileMode(m_secretFile), 0600);

        QMetaObject::invokeMethod(store, &QObject::deleteLater, Qt::QueuedConnection);
        thread.quit();
        QVERIFY(thread.wait(10000));
    }

    SecretStore store(QStringLiteral("keel-unit-test"), m_secretFile);
    Recorder answers(&store);
    QElapsedTimer timer;
    timer.start();
    probe(store, answers, SecretBackend::Unavailable);
    QVERIFY2(timer.elapsed() < 4000, qPrintable(QString::number(timer.elapsed())));
}

QTEST_GUILESS_MAIN(SecretStoreTest)
#include "SecretStoreTest.moc"
