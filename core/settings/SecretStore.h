// SecretStore: API keys and the proxy password, kept in the system keychain through QtKeychain
// (Secret Service, KWallet, macOS Keychain, Windows Credential Store). Where no keychain
// service answers, secrets are refused with a plain explanation, unless the user allowed the
// fallback: one JSON file in the profile, created with mode 0600 (readable by its owner only).
//
// Lives on the settings thread; everything is asynchronous (QtKeychain jobs, queued calls).
// Requests made before probe() answered wait for it. Values travel in memory only: nothing
// here logs or prints a secret.
#pragma once

#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>

#include <functional>

namespace keel::core {

enum class SecretBackend {
    Unknown,     // not probed yet
    Keychain,    // the system keychain answers
    File,        // no keychain; the user allowed the 0600 file
    Unavailable, // no keychain, file not allowed: secrets cannot be kept
};

struct SecretError {
    enum class Kind { None, NotFound, NoBackend, Denied, Other };
    Kind kind = Kind::None;
    QString message; // human; never contains the secret
    bool ok() const { return kind == Kind::None; }
};

class SecretStore : public QObject {
    Q_OBJECT
public:
    // service: the keychain service name (see serviceNameFor); secretFilePath: the fallback.
    SecretStore(QString service, QString secretFilePath, QObject* parent = nullptr);
    ~SecretStore() override;

    // "keel" for the real profile; for --profile DIR a name derived from DIR, so profiles
    // (and test runs) never share or overwrite each other's keys.
    static QString serviceNameFor(const QString& profileDir);

    SecretBackend backend() const { return m_backend; }

public Q_SLOTS:
    // Finds out whether a keychain service answers (a harmless read of a probe entry).
    void probe();
    // The user's opt-in to the file fallback (used only when the keychain is unavailable).
    void setFileAllowed(bool allowed);
    void read(const QString& name, const QString& tag);
    void write(const QString& name, const QString& value, const QString& tag);
    void remove(const QString& name, const QString& tag); // removing a missing secret is ok

Q_SIGNALS:
    // detail: human, e.g. why the keychain is unavailable.
    void backendChanged(keel::core::SecretBackend backend, const QString& detail);
    void secretRead(const QString& tag, const QString& name, const QString& value,
                    const keel::core::SecretError& error);
    void secretWritten(const QString& tag, const QString& name,
                       const keel::core::SecretError& error);
    void secretRemoved(const QString& tag, const QString& name,
                       const keel::core::SecretError& error);

private:
    // Implementation-defined (helper-owned); keep the public API above stable.
    void finishProbe(int serial, bool available, const QString& problem);
    void updateBackend(bool alwaysEmit);
    void setBackend(SecretBackend backend, const QString& detail, bool alwaysEmit);
    void runPending();
    void answerLater(std::function<void()> answer);
    void readFromKeychain(const QString& name, const QString& tag);
    void writeToKeychain(const QString& name, const QString& value, const QString& tag);
    void removeFromKeychain(const QString& name, const QString& tag);

    QString m_service;
    QString m_filePath;
    SecretBackend m_backend = SecretBackend::Unknown;
    QString m_backendDetail;
    QString m_keychainProblem; // why the keychain is unavailable (QtKeychain's text or timeout)
    bool m_keychainAvailable = false;
    bool m_probed = false;
    bool m_probing = false;
    int m_probeSerial = 0; // answers of an abandoned (timed-out) probe are ignored
    bool m_fileAllowed = false;
    QList<std::function<void()>> m_waiting; // requests made before the probe answered
};

} // namespace keel::core

Q_DECLARE_METATYPE(keel::core::SecretError)
Q_DECLARE_METATYPE(keel::core::SecretBackend)
