// ExportTask: the worker side of an export. The work opens its own read-only connection on the
// pool's thread; everything it reports is handed back to the task's thread as queued calls on
// the task itself, so the signals are emitted there (and dropped if the task is gone).
#include "transfer/ExportTask.h"

#include "store/Database.h"
#include "store/TreeStore.h"

#include <QCoreApplication>
#include <QMetaObject>

#include <utility>

namespace keel::core {

namespace {

// The translation context of this file's user-visible messages: free functions and plain
// classes have no tr() of their own.
struct ExportTaskText {
    Q_DECLARE_TR_FUNCTIONS(ExportTask)
};

TransferError openForReading(Database& database, const QString& path)
{
    if (database.open(path, Database::OpenMode::ReadOnly))
        return {};
    return {ExportTaskText::tr("Could not read the history at %1: %2 Nothing was exported.")
                .arg(path, database.lastError().message.trimmed()),
            false};
}

} // namespace

ExportTask::ExportTask(QString databasePath, ExportWriter writer, QObject* parent)
    : QObject(parent)
    , m_databasePath(std::move(databasePath))
    , m_writer(std::move(writer))
    , m_cancel(std::make_shared<std::atomic_bool>(false))
{
    qRegisterMetaType<TransferError>();
    qRegisterMetaType<ExportFormat>();
    m_pool.setMaxThreadCount(1);
}

ExportTask::~ExportTask()
{
    cancel();
    m_pool.waitForDone();
}

bool ExportTask::isRunning() const
{
    return m_running.load();
}

bool ExportTask::exportConversation(qint64 conversationId, ExportFormat format, const QString& path)
{
    return start(
        [this, conversationId, format, path](const TransferProgress& progress, int& count) {
            Database database;
            if (TransferError error = openForReading(database, m_databasePath); !error.ok())
                return error;
            if (progress.cancelled())
                return cancelledExport();
            const std::optional<ConversationTree> tree =
                TreeStore(database).loadTree(conversationId);
            if (!tree) {
                return TransferError{
                    ExportTaskText::tr("Could not read conversation %1 from the history: %2 "
                                       "Nothing was exported.")
                        .arg(conversationId)
                        .arg(database.lastError().message.trimmed()),
                    false};
            }
            progress(0, 1);
            if (progress.cancelled())
                return cancelledExport();
            TransferError error = m_writer.writeConversation(*tree, format, path);
            if (error.ok()) {
                count = 1;
                progress(1, 1);
            }
            return error;
        },
        path);
}

bool ExportTask::exportAll(ExportFormat format, const QString& path)
{
    return start(
        [this, format, path](const TransferProgress& progress, int& count) {
            Database database;
            if (TransferError error = openForReading(database, m_databasePath); !error.ok())
                return error;
            if (progress.cancelled())
                return cancelledExport();
            return m_writer.writeAll(database, format, path, progress, &count);
        },
        path);
}

void ExportTask::cancel()
{
    m_cancel->store(true);
}

bool ExportTask::start(std::function<TransferError(const TransferProgress&, int&)> work,
                       const QString& path)
{
    if (m_running.exchange(true))
        return false;
    // A fresh flag per run: a cancel meant for the previous export must not stop this one.
    m_cancel = std::make_shared<std::atomic_bool>(false);
    // The task waits for this job in its destructor, so it is alive while the job runs; the
    // queued calls below are dropped if it is destroyed before they are delivered.
    m_pool.start([task = this, work = std::move(work), path, cancel = m_cancel]() {
        const TransferProgress progress =
            queuedProgress(task, cancel.get(), [task](qint64 done, qint64 total) {
                Q_EMIT task->progress(done, total);
            });
        int count = 0;
        TransferError error = work(progress, count);
        // Cancelled while the last step ran: the writers said nothing was left behind.
        if (error.cancelled && error.message.isEmpty())
            error = cancelledExport();
        QMetaObject::invokeMethod(
            task,
            [task, error, path, count] {
                task->m_running = false;
                Q_EMIT task->finished(error, path, count);
            },
            Qt::QueuedConnection);
    });
    return true;
}

} // namespace keel::core
