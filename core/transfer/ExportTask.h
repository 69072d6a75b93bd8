// ExportTask: one export at a time, off the GUI thread. Lives on the thread that creates it
// (the GUI) and runs the work on its own one-thread pool, where it opens the history read-only
// (SQLite's WAL lets it read while the store thread writes) and writes with ExportWriter. Its
// signals reach receivers on the creating thread queued. Destroying it cancels and waits for
// the work, so it never outlives its object.
#pragma once

#include "transfer/ExportWriter.h"

#include <QObject>
#include <QThreadPool>

#include <atomic>
#include <memory>

namespace keel::core {

class ExportTask : public QObject {
    Q_OBJECT
public:
    ExportTask(QString databasePath, ExportWriter writer, QObject* parent = nullptr);
    ~ExportTask() override;

    bool isRunning() const;
    // Each is ignored (returns false) while an export runs.
    bool exportConversation(qint64 conversationId, ExportFormat format, const QString& path);
    bool exportAll(ExportFormat format, const QString& path);
    void cancel();

Q_SIGNALS:
    void progress(qint64 done, qint64 total);
    // error.ok(): path was written (count conversations).
    void finished(const keel::core::TransferError& error, const QString& path, int count);

private:
    bool start(std::function<TransferError(const TransferProgress&, int&)> work,
               const QString& path);

    QString m_databasePath;
    ExportWriter m_writer;
    QThreadPool m_pool;
    std::shared_ptr<std::atomic_bool> m_cancel;
    std::atomic_bool m_running{false};
};

} // namespace keel::core
