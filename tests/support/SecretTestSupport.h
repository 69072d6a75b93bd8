// SecretTestSupport: what the secret tests share: a recorder of SecretStore's answers (and of
// the thread that emitted them), and a search of a profile for a secret's bytes.
#pragma once

#include "settings/SecretStore.h"

#include <QByteArray>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QThread>

#include <atomic>

namespace keel::test {

struct Answer {
    QString tag;
    QString name;
    QString value;
    core::SecretError error;
};

// Collects the store's answers on the test's thread and notes which thread emitted them.
class Recorder : public QObject {
public:
    explicit Recorder(core::SecretStore* store)
    {
        using core::SecretBackend;
        using core::SecretError;
        using core::SecretStore;
        connect(
            store, &SecretStore::backendChanged, this,
            [this](SecretBackend backend, const QString& detail) {
                backends << backend;
                details << detail;
            },
            Qt::QueuedConnection);
        connect(
            store, &SecretStore::secretRead, this,
            [this](const QString& tag, const QString& name, const QString& value,
                   const SecretError& error) {
                reads << Answer{tag, name, value, error};
            },
            Qt::QueuedConnection);
        connect(
            store, &SecretStore::secretWritten, this,
            [this](const QString& tag, const QString& name, const SecretError& error) {
                writes << Answer{tag, name, QString(), error};
            },
            Qt::QueuedConnection);
        connect(
            store, &SecretStore::secretRemoved, this,
            [this](const QString& tag, const QString& name, const SecretError& error) {
                removes << Answer{tag, name, QString(), error};
            },
            Qt::QueuedConnection);
        const auto noteThread = [this] { emitter = QThread::currentThread(); };
        connect(store, &SecretStore::secretRead, store, noteThread, Qt::DirectConnection);
        connect(store, &SecretStore::secretWritten, store, noteThread, Qt::DirectConnection);
    }

    QList<core::SecretBackend> backends;
    QStringList details;
    QList<Answer> reads;
    QList<Answer> writes;
    QList<Answer> removes;
    std::atomic<QThread*> emitter = nullptr;
};

// Files under dir (relative paths) whose bytes contain needle, except those whose file name or
// absolute path is in `except`.
inline QStringList filesContaining(const QString& dir, const QByteArray& needle,
                                   const QStringList& except = {})
{
    QStringList hits;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (except.contains(path) || except.contains(QFileInfo(path).fileName()))
            continue;
        QFile file(path);
        if (file.open(QIODevice::ReadOnly) && file.readAll().contains(needle))
            hits << QDir(dir).relativeFilePath(path);
    }
    return hits;
}

} // namespace keel::test
