// ImportReadTask: the first half of an import, off the GUI thread: reads and converts the file
// (ImportReader) and counts the conversations the history already has (same source id, read
// through its own read-only connection), for the preview. Writing is the store's
// (Store::importConversations). Like ExportTask it owns a one-thread pool, signals queued to
// its thread, and cancels and waits when destroyed.
#pragma once

#include "transfer/TransferTypes.h"

#include <QObject>
#include <QThreadPool>

#include <atomic>
#include <memory>

namespace keel::core {

struct ImportPreview {
    QString path{};
    ImportBatch batch;       // batch.conversations are empty when error is set
    int alreadyImported = 0; // conversations of the batch whose source id the history has
    TransferError error;
};

class ImportReadTask : public QObject {
    Q_OBJECT
public:
    explicit ImportReadTask(QString databasePath, QObject* parent = nullptr);
    ~ImportReadTask() override;

    bool isRunning() const;
    bool read(const QString& path); // false while a read runs
    void cancel();

Q_SIGNALS:
    void progress(qint64 bytesRead, qint64 totalBytes);
    void finished(const keel::core::ImportPreview& preview);

private:
    QString m_databasePath;
    QThreadPool m_pool;
    std::shared_ptr<std::atomic_bool> m_cancel;
    std::atomic_bool m_running{false};
};

} // namespace keel::core

Q_DECLARE_METATYPE(keel::core::ImportPreview)
