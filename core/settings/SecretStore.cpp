// SecretStore: secrets in the system keychain (QtKeychain jobs) or, if the user allowed it, in
// the 0600 SecretFile; the backend is chosen by a probe and every answer arrives as a signal.
//
// Where the jobs run: QtKeychain passes every job of the process through one executor object
// that belongs to the thread which started the first job. Jobs started on any other thread
// crash it (it touches a job that its own thread already freed), and once the executor's
// thread has ended no further job ever runs. Settings threads come and go (one per runtime,
// several in a test process), so the jobs run on one thread of their own, "keel-keychain",
// started on first use and joined when the QCoreApplication goes away. It does nothing but
// host the jobs: libsecret answers through that thread's GLib main context (Qt's GLib event
// dispatcher iterates it) and each answer travels back to the store's thread as a queued
// signal carrying plain values, so the store never touches a job and may live on any thread.
#include "settings/SecretStore.h"

#include "settings/SecretFile.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QMutex>
#include <QSet>
#include <QThread>
#include <QTimer>

#include <qt6keychain/keychain.h>
#include <utility>

namespace keel::core {

namespace {

// The translation context of this file's user-visible messages: free functions and plain
// classes have no tr() of their own.
struct SecretStoreText {
    Q_DECLARE_TR_FUNCTIONS(SecretStore)
};

// Measured (the first probe, starting the keychain thread included): with no D-Bus session it
// fails in 5-25 ms; GNOME Keyring answers in 10-50 ms (60 ms when D-Bus first has to start
// it). 5 s only guards against a service that never answers (e.g. QT_NO_GLIB=1: then nothing
// iterates the GLib context libsecret answers through).
constexpr int kProbeTimeoutMs = 5000;
const QString kProbeKey = QStringLiteral("keel/probe");

// A function, not a constant: a translator is installed after static initialisation.
QString noBackendMessage()
{
    return SecretStoreText::tr(
        "No system keychain is available, so the key was not saved. Start a Secret Service (GNOME "
        "Keyring, KWallet) or allow Keel to keep keys in a private file (Settings ▸ Providers).");
}

enum class Operation { Read, Write, Remove };

// Whole sentences per operation: the verb's form and place differ between languages.
QString refusedMessage(Operation op, const QString& name, const QString& detail)
{
    switch (op) {
    case Operation::Read:
        return SecretStoreText::tr("The system keychain refused to read the key “%1”%2.")
            .arg(name, detail);
    case Operation::Write:
        return SecretStoreText::tr("The system keychain refused to save the key “%1”%2.")
            .arg(name, detail);
    case Operation::Remove:
        break;
    }
    return SecretStoreText::tr("The system keychain refused to remove the key “%1”%2.")
        .arg(name, detail);
}

QString failedMessage(Operation op, const QString& name, const QString& detail)
{
    switch (op) {
    case Operation::Read:
        return SecretStoreText::tr("The system keychain could not read the key “%1”%2.")
            .arg(name, detail);
    case Operation::Write:
        return SecretStoreText::tr("The system keychain could not save the key “%1”%2.")
            .arg(name, detail);
    case Operation::Remove:
        break;
    }
    return SecretStoreText::tr("The system keychain could not remove the key “%1”%2.")
        .arg(name, detail);
}

QString inParentheses(const QString& text)
{
    return text.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(text);
}

// QtKeychain's texts describe the service (D-Bus, the wallet), never the stored value.
SecretError keychainError(int code, const QString& errorString, Operation op, const QString& name)
{
    const QString detail = inParentheses(errorString);
    switch (QKeychain::Error(code)) {
    case QKeychain::NoError:
        return {};
    case QKeychain::EntryNotFound:
        return {
            SecretError::Kind::NotFound,
            SecretStoreText::tr("No key named “%1” is stored in the system keychain.").arg(name)};
    case QKeychain::NoBackendAvailable:
        return {SecretError::Kind::NoBackend,
                op == Operation::Write
                    ? noBackendMessage()
                    : SecretStoreText::tr("The system keychain is not available%1.").arg(detail)};
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        return {SecretError::Kind::Denied, refusedMessage(op, name, detail)};
    case QKeychain::CouldNotDeleteEntry:
    case QKeychain::NotImplemented:
    case QKeychain::OtherError:
        break;
    }
    return {SecretError::Kind::Other, failedMessage(op, name, detail)};
}

// Carries a finished job's outcome to the store's thread. It is a child of the job, so it moves
// to the keychain thread and dies with the job; the queued signal copies the values out first.
class KeychainAnswer : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;
Q_SIGNALS:
    void answered(int error, const QString& errorString, const QString& value);
};

// The keychain thread and the jobs it holds that have not answered yet. A job cannot be deleted
// while libsecret may still answer it (it holds a raw pointer), so only the job decides when it
// goes (autoDelete, after its answer); but one that never answered before the thread ended would
// stay forever, and once the thread's GLib context is no longer iterated no answer can arrive:
// those are deleted there, as the thread finishes.
struct KeychainThread {
    QThread* thread = nullptr;
    QMutex mutex; // unanswered is filled on the callers' threads, emptied on the keychain thread
    QSet<QKeychain::Job*> unanswered;

    void deleteUnanswered()
    {
        QSet<QKeychain::Job*> left;
        {
            const QMutexLocker lock(&mutex);
            left.swap(unanswered);
        }
        qDeleteAll(left);
    }
};

KeychainThread& keychainThread()
{
    static KeychainThread* const keychain = [] {
        auto* created = new KeychainThread;
        created->thread = new QThread;
        created->thread->setObjectName(QStringLiteral("keel-keychain"));
        // Direct: finished is emitted on the keychain thread itself, after its loop has stopped.
        QObject::connect(
            created->thread, &QThread::finished, created->thread,
            [created] { created->deleteUnanswered(); }, Qt::DirectConnection);
        created->thread->start();
        if (QCoreApplication* app = QCoreApplication::instance()) {
            created->thread->moveToThread(app->thread()); // deleted there, by the post routine
            qAddPostRoutine([] {
                KeychainThread& ending = keychainThread();
                ending.thread->quit();
                ending.thread->wait();
                delete ending.thread;
                ending.thread = nullptr;
            });
        }
        return created;
    }();
    return *keychain;
}

// Runs job on the keychain thread; onAnswer(error, errorString, value) runs later on the
// thread of context, or never if context is gone by then.
template <typename OnAnswer>
void runOnKeychainThread(QKeychain::Job* job, QObject* context, OnAnswer onAnswer)
{
    auto* relay = new KeychainAnswer(job);
    QObject::connect(
        job, &QKeychain::Job::finished, relay,
        [relay](QKeychain::Job* done) {
            const auto* read = qobject_cast<const QKeychain::ReadPasswordJob*>(done);
            const bool ok = done->error() == QKeychain::NoError;
            Q_EMIT relay->answered(int(done->error()), done->errorString(),
                                   read && ok ? read->textData() : QString());
        },
        Qt::DirectConnection);
    QObject::connect(relay, &KeychainAnswer::answered, context, onAnswer, Qt::QueuedConnection);
    KeychainThread& keychain = keychainThread();
    {
        const QMutexLocker lock(&keychain.mutex);
        keychain.unanswered.insert(job);
    }
    QObject::connect(job, &QObject::destroyed, [&keychain, job] {
        const QMutexLocker lock(&keychain.mutex);
        keychain.unanswered.remove(job);
    });
    job->setAutoDelete(true);
    job->moveToThread(keychain.thread);
    job->start();
}

} // namespace

SecretStore::SecretStore(QString service, QString secretFilePath, QObject* parent)
    : QObject(parent)
    , m_service(std::move(service))
    , m_filePath(std::move(secretFilePath))
{
    // The signals cross threads (settings thread -> GUI) as queued calls.
    qRegisterMetaType<keel::core::SecretError>();
    qRegisterMetaType<keel::core::SecretBackend>();
}

SecretStore::~SecretStore() = default;

QString SecretStore::serviceNameFor(const QString& profileDir)
{
    if (profileDir.isEmpty())
        return QStringLiteral("keel");
    const QString path = QDir::cleanPath(QFileInfo(profileDir).absoluteFilePath());
    const QByteArray digest =
        QCryptographicHash::hash(path.toUtf8(), QCryptographicHash::Sha256).toHex();
    return QStringLiteral("keel-profile-") + QString::fromLatin1(digest.left(12));
}

void SecretStore::probe()
{
    if (m_probing)
        return;
    m_probing = true;
    m_probed = false; // a re-probe holds new requests until it answers, like the first one
    const int serial = ++m_probeSerial;

    auto* job = new QKeychain::ReadPasswordJob(m_service);
    job->setKey(kProbeKey);
    runOnKeychainThread(job, this, [this, serial](int error, const QString& why, const QString&) {
        const bool available = error == QKeychain::NoError || error == QKeychain::EntryNotFound;
        finishProbe(serial, available, available ? QString() : why);
    });
    QTimer::singleShot(kProbeTimeoutMs, this, [this, serial] {
        finishProbe(serial, false,
                    SecretStoreText::tr("the keychain service did not answer within %1 seconds")
                        .arg(kProbeTimeoutMs / 1000));
    });
}

void SecretStore::finishProbe(int serial, bool available, const QString& problem)
{
    if (serial != m_probeSerial || !m_probing)
        return; // the other of (answer, timeout) came first
    m_probing = false;
    m_probed = true;
    m_keychainAvailable = available;
    m_keychainProblem = problem;
    updateBackend(true);
    runPending();
}

void SecretStore::setFileAllowed(bool allowed)
{
    m_fileAllowed = allowed;
    if (m_probed)
        updateBackend(false);
}

void SecretStore::updateBackend(bool alwaysEmit)
{
    const QString why = inParentheses(m_keychainProblem);
    if (m_keychainAvailable) {
        setBackend(SecretBackend::Keychain,
                   SecretStoreText::tr("Keys are kept in the system keychain."), alwaysEmit);
    } else if (m_fileAllowed) {
        setBackend(SecretBackend::File,
                   SecretStoreText::tr("No system keychain is available%1. Keys are kept in %2, a "
                                       "file readable only by you.")
                       .arg(why, QDir::toNativeSeparators(m_filePath)),
                   alwaysEmit);
    } else {
        setBackend(SecretBackend::Unavailable,
                   SecretStoreText::tr("No system keychain is available%1. Keys can be kept in a "
                                       "file readable only by you, if you allow it.")
                       .arg(why),
                   alwaysEmit);
    }
}

void SecretStore::setBackend(SecretBackend backend, const QString& detail, bool alwaysEmit)
{
    const bool changed = backend != m_backend || detail != m_backendDetail;
    m_backend = backend;
    m_backendDetail = detail;
    if (changed || alwaysEmit)
        Q_EMIT backendChanged(m_backend, m_backendDetail);
}

void SecretStore::runPending()
{
    const QList<std::function<void()>> waiting = std::exchange(m_waiting, {});
    for (const auto& request : waiting)
        request();
}

void SecretStore::answerLater(std::function<void()> answer)
{
    // Answers are never emitted from inside the call, whatever the backend.
    QMetaObject::invokeMethod(this, std::move(answer), Qt::QueuedConnection);
}

void SecretStore::read(const QString& name, const QString& tag)
{
    if (!m_probed) {
        m_waiting.append([this, name, tag] { read(name, tag); });
        return;
    }
    switch (m_backend) {
    case SecretBackend::Keychain:
        readFromKeychain(name, tag);
        return;
    case SecretBackend::File: {
        const SecretFile::ReadResult result = SecretFile(m_filePath).read(name);
        answerLater([this, tag, name, result] {
            Q_EMIT secretRead(tag, name, result.value, result.error);
        });
        return;
    }
    case SecretBackend::Unknown:
    case SecretBackend::Unavailable:
        break;
    }
    answerLater([this, tag, name] {
        Q_EMIT secretRead(tag, name, QString(),
                          {SecretError::Kind::NoBackend,
                           SecretStoreText::tr("No system keychain is available, so no key can be "
                                               "read.")});
    });
}

void SecretStore::write(const QString& name, const QString& value, const QString& tag)
{
    if (!m_probed) {
        m_waiting.append([this, name, value, tag] { write(name, value, tag); });
        return;
    }
    switch (m_backend) {
    case SecretBackend::Keychain:
        writeToKeychain(name, value, tag);
        return;
    case SecretBackend::File: {
        const SecretError error = SecretFile(m_filePath).write(name, value);
        answerLater([this, tag, name, error] { Q_EMIT secretWritten(tag, name, error); });
        return;
    }
    case SecretBackend::Unknown:
    case SecretBackend::Unavailable:
        break;
    }
    answerLater([this, tag, name] {
        Q_EMIT secretWritten(tag, name, {SecretError::Kind::NoBackend, noBackendMessage()});
    });
}

void SecretStore::remove(const QString& name, const QString& tag)
{
    if (!m_probed) {
        m_waiting.append([this, name, tag] { remove(name, tag); });
        return;
    }
    switch (m_backend) {
    case SecretBackend::Keychain:
        removeFromKeychain(name, tag);
        return;
    case SecretBackend::File: {
        const SecretError error = SecretFile(m_filePath).remove(name);
        answerLater([this, tag, name, error] { Q_EMIT secretRemoved(tag, name, error); });
        return;
    }
    case SecretBackend::Unknown:
    case SecretBackend::Unavailable:
        break;
    }
    answerLater([this, tag, name] {
        Q_EMIT secretRemoved(tag, name,
                             {SecretError::Kind::NoBackend,
                              SecretStoreText::tr("No system keychain is available, so no key can "
                                                  "be removed.")});
    });
}

void SecretStore::readFromKeychain(const QString& name, const QString& tag)
{
    auto* job = new QKeychain::ReadPasswordJob(m_service);
    job->setKey(name);
    runOnKeychainThread(
        job, this, [this, name, tag](int error, const QString& why, const QString& value) {
            Q_EMIT secretRead(tag, name, value, keychainError(error, why, Operation::Read, name));
        });
}

void SecretStore::writeToKeychain(const QString& name, const QString& value, const QString& tag)
{
    auto* job = new QKeychain::WritePasswordJob(m_service);
    job->setKey(name);
    job->setTextData(value);
    runOnKeychainThread(
        job, this, [this, name, tag](int error, const QString& why, const QString&) {
            Q_EMIT secretWritten(tag, name, keychainError(error, why, Operation::Write, name));
        });
}

void SecretStore::removeFromKeychain(const QString& name, const QString& tag)
{
    auto* job = new QKeychain::DeletePasswordJob(m_service);
    job->setKey(name);
    runOnKeychainThread(
        job, this, [this, name, tag](int error, const QString& why, const QString&) {
            // Removing what is not there is what the caller wanted anyway.
            const SecretError result = error == QKeychain::EntryNotFound
                                           ? SecretError{}
                                           : keychainError(error, why, Operation::Remove, name);
            Q_EMIT secretRemoved(tag, name, result);
        });
}

} // namespace keel::core

#include "SecretStore.moc"
