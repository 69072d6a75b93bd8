// ExportCommand: the writer's and the store's errors are already sentences that say what
// happened to the file; this prints them as they are.
#include "ExportCommand.h"

#include "CliOutput.h"
#include "store/Database.h"
#include "store/StorePaths.h"
#include "store/TreeStore.h"
#include "transfer/ExportTask.h"
#include "transfer/ExportWriter.h"
#include "ui/PdfExport.h"

#include <QFileInfo>

#include <unistd.h>

namespace keel::app {

namespace {

int failure(const QString& message)
{
    printCliError(message.simplified());
    return 1;
}

// Every format, PDF included: main made a QGuiApplication when PDF was asked for.
core::ExportWriter makeWriter()
{
    return core::ExportWriter(&ui::writePdf);
}

} // namespace

ExportCommand::ExportCommand(AppOptions options, QObject* parent)
    : QObject(parent)
    , m_options(std::move(options))
{
}

// m_task's destructor cancels and waits; by then its work has reported (done() came first).
ExportCommand::~ExportCommand() = default;

int ExportCommand::exportOne()
{
    const qint64 id = m_options.exportConversationId;
    const QString databasePath = core::defaultDatabasePath();
    if (!QFileInfo::exists(databasePath))
        return failure(tr("There is no conversation %1: the history is empty.").arg(id));
    core::Database database;
    if (!database.open(databasePath, core::Database::OpenMode::ReadOnly))
        return failure(database.lastError().message);
    if (!database.conversation(id))
        return failure(
            tr("There is no conversation %1 in the history (see keel history list).").arg(id));
    const auto tree = core::TreeStore(database).loadTree(id);
    if (!tree)
        return failure(database.lastError().message);
    const core::TransferError error =
        makeWriter().writeConversation(*tree, m_options.exportFormat, m_options.outputPath);
    if (!error.ok())
        return failure(error.message);

    // JSON holds every branch; the other formats show the current one.
    const qsizetype messages = m_options.exportFormat == core::ExportFormat::Json
                                   ? tree->messages.size()
                                   : core::currentBranch(*tree).size();
    const QString title = tree->conversation.title.isEmpty()
                              ? tr("(untitled)")
                              : tree->conversation.title.simplified();
    const QString line =
        messages == 1 ? tr("Exported “%1” (1 message) to %2").arg(title, m_options.outputPath)
                      : tr("Exported “%1” (%2 messages) to %3")
                            .arg(title, QString::number(messages), m_options.outputPath);
    writeOut(stdout, line.toUtf8() + '\n');
    return 0;
}

void ExportCommand::start()
{
    if (m_cancelled) // Ctrl+C came first; done(130) was sent then
        return;
    const QString databasePath = core::defaultDatabasePath();
    if (!QFileInfo::exists(databasePath)) {
        printCliError(tr("There is no history to export yet."));
        Q_EMIT done(1);
        return;
    }
    m_task = std::make_unique<core::ExportTask>(databasePath, makeWriter());
    connect(m_task.get(), &core::ExportTask::progress, this, &ExportCommand::showProgress);
    connect(m_task.get(), &core::ExportTask::finished, this, &ExportCommand::finishAll);
    if (!m_task->exportAll(m_options.exportFormat, m_options.outputPath)) {
        printCliError(tr("The export could not start."));
        Q_EMIT done(1);
    }
}

void ExportCommand::cancel()
{
    m_cancelled = true;
    if (m_task)
        m_task->cancel(); // finished() follows, cancelled (or done, when it was too late)
    else
        Q_EMIT done(130);
}

void ExportCommand::showProgress(qint64 written, qint64 total)
{
    // A log file or a pipe gets the result line only.
    if (!::isatty(STDERR_FILENO))
        return;
    writeOut(stderr,
             "\r" + tr("Exporting: %1 of %2 conversations").arg(written).arg(total).toUtf8());
    m_progressShown = true;
}

// The path printed is the user's spelling of it, not the task's.
void ExportCommand::finishAll(const core::TransferError& error, const QString& /*path*/, int count)
{
    if (m_progressShown)
        writeOut(stderr, "\r\033[K");
    if (error.cancelled) {
        printCliError(error.message.isEmpty() ? core::cancelledExport().message : error.message);
        Q_EMIT done(130);
        return;
    }
    if (!error.ok()) {
        printCliError(error.message.simplified());
        Q_EMIT done(1);
        return;
    }
    const QString line = count == 1 ? tr("Exported 1 conversation to %1").arg(m_options.outputPath)
                                    : tr("Exported %1 conversations to %2")
                                          .arg(QString::number(count), m_options.outputPath);
    writeOut(stdout, line.toUtf8() + '\n');
    Q_EMIT done(0);
}

} // namespace keel::app
