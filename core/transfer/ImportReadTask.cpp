// ImportReadTask: reads and converts the file on the pool's thread, then asks the history (its
// own read-only connection) which of the batch's conversations it already has. Results go back
// to the task's thread as queued calls on the task itself.
#include "transfer/ImportReadTask.h"

#include "store/Database.h"
#include "store/TreeStore.h"
#include "transfer/ImportReader.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QMetaObject>
#include <QSet>

#include <utility>

namespace keel::core {

namespace {

// The translation context of this file's user-visible messages: free functions and plain
// classes have no tr() of their own.
struct ImportReadTaskText {
    Q_DECLARE_TR_FUNCTIONS(ImportReadTask)
};

// How many conversations of the batch the history has already (same export source id).
// nullopt: the history could not be asked; error says why.
std::optional<int> countAlreadyImported(const QString& databasePath, const ImportBatch& batch,
                                        QString& error)
{
    if (batch.conversations.isEmpty())
        return 0;
    // Nothing stored yet (a profile whose history was never written): nothing to compare.
    if (!QFileInfo::exists(databasePath))
        return 0;
    QStringList sourceIds;
    QSet<QString> seen;
    for (const ConversationTree& tree : batch.conversations) {
        const QString id = exportSourceId(tree.conversation);
        if (!seen.contains(id)) {
            seen.insert(id);
            sourceIds.append(id);
        }
    }
    Database database;
    if (!database.open(databasePath, Database::OpenMode::ReadOnly)) {
        error = database.lastError().message.trimmed();
        return std::nullopt;
    }
    const auto known = TreeStore(database).conversationsBySource(sourceIds);
    if (!known) {
        error = database.lastError().message.trimmed();
        return std::nullopt;
    }
    int count = 0;
    for (const ConversationTree& tree : batch.conversations) {
        if (known->contains(exportSourceId(tree.conversation)))
            ++count;
    }
    return count;
}

} // namespace

ImportReadTask::ImportReadTask(QString databasePath, QObject* parent)
    : QObject(parent)
    , m_databasePath(std::move(databasePath))
    , m_cancel(std::make_shared<std::atomic_bool>(false))
{
    qRegisterMetaType<ImportPreview>();
    qRegisterMetaType<TransferError>();
    m_pool.setMaxThreadCount(1);
}

ImportReadTask::~ImportReadTask()
{
    cancel();
    m_pool.waitForDone();
}

bool ImportReadTask::isRunning() const
{
    return m_running.load();
}

bool ImportReadTask::read(const QString& path)
{
    if (m_running.exchange(true))
        return false;
    m_cancel = std::make_shared<std::atomic_bool>(false);
    // The task waits for this job in its destructor, so it is alive while the job runs; the
    // queued calls are dropped if it is destroyed before they are delivered.
    m_pool.start([task = this, path, databasePath = m_databasePath, cancel = m_cancel]() {
        const TransferProgress progress =
            queuedProgress(task, cancel.get(), [task](qint64 done, qint64 total) {
                Q_EMIT task->progress(done, total);
            });

        ImportPreview preview;
        preview.path = path;
        ImportReadResult read = readImportFile(path, progress);
        if (!read.batch || !read.error.ok()) {
            preview.error = read.error;
            if (preview.error.ok()) // a reader that failed without saying why
                preview.error.message =
                    ImportReadTaskText::tr("Could not read %1. Nothing was imported.").arg(path);
        } else if (progress.cancelled()) {
            preview.error = cancelledImport();
        } else {
            preview.batch = std::move(*read.batch);
            QString error;
            if (const auto count = countAlreadyImported(databasePath, preview.batch, error)) {
                preview.alreadyImported = *count;
            } else {
                preview.error.message =
                    ImportReadTaskText::tr("Could not check the history for conversations already "
                                           "imported: %1 Nothing was imported.")
                        .arg(error);
            }
        }
        if (!preview.error.ok()) {
            preview.batch.conversations.clear();
            preview.batch.messageCount = 0;
        }
        QMetaObject::invokeMethod(
            task,
            [task, preview = std::move(preview)] {
                task->m_running = false;
                Q_EMIT task->finished(preview);
            },
            Qt::QueuedConnection);
    });
    return true;
}

void ImportReadTask::cancel()
{
    m_cancel->store(true);
}

} // namespace keel::core
