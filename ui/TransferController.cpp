// TransferController: the actions, the dialogs around export and import, and the round trips to
// the worker tasks and the store.
#include "ui/TransferController.h"

#include "core/store/Store.h"
#include "core/store/StoreClient.h"
#include "core/transfer/ExportTask.h"
#include "ui/ConversationController.h"
#include "ui/ConversationListModel.h"
#include "ui/ExportAllDialog.h"
#include "ui/ImportPreviewDialog.h"
#include "ui/MainWindow.h"
#include "ui/PdfExport.h"
#include "ui/Sidebar.h"
#include "ui/StatusLine.h"
#include "ui/TransferFileDialogs.h"

#include <QAction>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QStandardPaths>

#include <utility>

namespace keel::ui {

TransferController::TransferController(QString databasePath, core::StoreClient* store,
                                       MainWindow& window, core::PdfRenderer pdf, QObject* parent)
    : QObject(parent)
    , m_store(store)
    , m_window(window)
    , m_exportTask(new core::ExportTask(databasePath, core::ExportWriter(std::move(pdf)), this))
    , m_readTask(new core::ImportReadTask(databasePath, this))
    , m_exportConversation(new QAction(tr("&Export conversation…"), this))
    , m_exportAll(new QAction(tr("Export &all…"), this))
    , m_import(new QAction(tr("&Import…"), this))
    , m_sidebarExport(new QAction(tr("Export…"), this))
{
    qRegisterMetaType<core::TreeImportResult>();
    m_exportConversation->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    m_import->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    connect(m_exportConversation, &QAction::triggered, this,
            [this] { chooseExportConversation(m_window.controller()->conversationId()); });
    connect(m_exportAll, &QAction::triggered, this, &TransferController::chooseExportAll);
    connect(m_import, &QAction::triggered, this, &TransferController::chooseImport);
    connect(m_sidebarExport, &QAction::triggered, this, [this] {
        if (Sidebar* sidebar = m_window.sidebar())
            chooseExportConversation(sidebar->contextConversation());
    });

    connect(m_exportTask, &core::ExportTask::progress, this, &TransferController::onExportProgress);
    connect(m_exportTask, &core::ExportTask::finished, this, &TransferController::onExportFinished);
    connect(m_readTask, &core::ImportReadTask::progress, this, &TransferController::onReadProgress);
    connect(m_readTask, &core::ImportReadTask::finished, this, &TransferController::onReadFinished);
    if (m_store != nullptr && m_store->store() != nullptr) {
        // Queued: the store lives on its own thread.
        connect(m_store->store(), &core::Store::importProgress, this,
                &TransferController::onImportProgress, Qt::QueuedConnection);
        connect(m_store->store(), &core::Store::importFinished, this,
                &TransferController::onStoreImportFinished, Qt::QueuedConnection);
    }
    connect(m_window.controller(), &ConversationController::conversationChanged, this,
            &TransferController::updateActions);
    installActions();
    updateActions();
}

TransferController::~TransferController()
{
    // An import still being written is rolled back: all or nothing, also when the app closes.
    if (m_importCancel)
        m_importCancel->store(true);
}

QProgressDialog* TransferController::progressDialog() const
{
    return m_progress;
}

ImportPreviewDialog* TransferController::previewDialog() const
{
    return m_preview;
}

ExportAllDialog* TransferController::exportAllDialog() const
{
    return m_exportAllDialog;
}

QMessageBox* TransferController::errorBox() const
{
    return m_errorBox;
}

void TransferController::installActions()
{
    if (QMenu* file = m_window.fileMenu()) {
        // Before Quit (the menu's last action), with a separator between.
        const QList<QAction*> actions = file->actions();
        QAction* before = actions.isEmpty() ? nullptr : actions.last();
        for (QAction* action : {m_exportConversation, m_exportAll, m_import})
            file->insertAction(before, action);
        if (before != nullptr)
            file->insertSeparator(before);
    }
    if (Sidebar* sidebar = m_window.sidebar())
        sidebar->addConversationAction(m_sidebarExport);
}

void TransferController::updateActions()
{
    const bool idle = !isBusy() && m_store != nullptr;
    m_exportConversation->setEnabled(idle && m_window.controller()->conversationId() > 0);
    m_exportAll->setEnabled(idle);
    m_import->setEnabled(idle);
    m_sidebarExport->setEnabled(idle);
}

// --- Export -------------------------------------------------------------------------------------

bool TransferController::exportConversation(qint64 conversationId, core::ExportFormat format,
                                            const QString& path)
{
    if (isBusy() || conversationId <= 0 || path.isEmpty()
        || !m_exportTask->exportConversation(conversationId, format, path))
        return false;
    m_job = Job::Export;
    m_exportingAll = false;
    m_exportTitle = conversationTitle(conversationId);
    m_window.statusLine()->showNotice(tr("Exporting “%1”…").arg(m_exportTitle));
    updateActions();
    return true;
}

bool TransferController::exportAll(core::ExportFormat format, const QString& path)
{
    if (isBusy() || path.isEmpty() || !m_exportTask->exportAll(format, path))
        return false;
    m_job = Job::Export;
    m_exportingAll = true;
    QProgressDialog* progress = showProgress(tr("Exporting conversations…"), 0);
    connect(progress, &QProgressDialog::canceled, m_exportTask, &core::ExportTask::cancel);
    m_window.statusLine()->showNotice(tr("Exporting…"));
    updateActions();
    return true;
}

void TransferController::onExportProgress(qint64 done, qint64 total)
{
    if (!m_exportingAll || m_progress == nullptr || total <= 0)
        return;
    m_progress->setMaximum(int(total));
    m_progress->setValue(int(std::min(done, total)));
    m_progress->setLabelText(tr("Exporting conversations… %1 of %2").arg(done).arg(total));
}

void TransferController::onExportFinished(const core::TransferError& error, const QString& path,
                                          int count)
{
    closeProgress();
    m_job = Job::None;
    updateActions();
    if (error.cancelled) {
        showOutcome(error.message, false);
    } else if (!error.ok()) {
        showOutcome(error.message, true);
    } else if (m_exportingAll) {
        showOutcome(count == 1 ? tr("Exported 1 conversation to %1").arg(path)
                               : tr("Exported %1 conversations to %2").arg(count).arg(path),
                    false);
    } else {
        showOutcome(tr("Exported “%1” to %2").arg(m_exportTitle, path), false);
    }
    Q_EMIT exportFinished(error, path);
}

void TransferController::chooseExportConversation(qint64 conversationId)
{
    if (isBusy() || conversationId <= 0)
        return;
    core::ConversationSummary summary;
    if (Sidebar* sidebar = m_window.sidebar())
        summary = sidebar->conversationModel()->conversation(conversationId).value_or(summary);
    summary.id = conversationId;
    if (summary.title.isEmpty())
        summary.title = conversationTitle(conversationId);
    const auto target =
        TransferFileDialogs::askExportPath(&m_window, summary, m_lastFormat, startFolder());
    if (!target)
        return;
    m_lastFormat = target->format;
    rememberFolder(target->path);
    exportConversation(conversationId, target->format, target->path);
}

void TransferController::chooseExportAll()
{
    if (isBusy() || m_exportAllDialog != nullptr)
        return;
    auto* dialog = new ExportAllDialog(&m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_exportAllDialog = dialog;
    connect(dialog, &QDialog::finished, this, [this] { m_exportAllDialog.clear(); });
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const core::ExportFormat format = dialog->format();
        const QString path =
            TransferFileDialogs::askExportAllPath(&m_window, format, startFolder());
        if (path.isEmpty())
            return;
        rememberFolder(path);
        exportAll(format, path);
    });
    dialog->open();
}

// --- Import -------------------------------------------------------------------------------------

bool TransferController::importFile(const QString& path)
{
    if (isBusy() || m_store == nullptr || path.isEmpty() || !m_readTask->read(path))
        return false;
    m_job = Job::Reading;
    QProgressDialog* progress =
        showProgress(tr("Reading %1…").arg(QFileInfo(path).fileName()), 1000);
    connect(progress, &QProgressDialog::canceled, m_readTask, &core::ImportReadTask::cancel);
    updateActions();
    return true;
}

void TransferController::chooseImport()
{
    if (isBusy())
        return;
    const QString path = TransferFileDialogs::askImportPath(&m_window, startFolder());
    if (path.isEmpty())
        return;
    rememberFolder(path);
    importFile(path);
}

void TransferController::onReadProgress(qint64 bytesRead, qint64 totalBytes)
{
    if (m_job != Job::Reading || m_progress == nullptr || totalBytes <= 0)
        return;
    m_progress->setValue(int(std::min<qint64>(1000, bytesRead * 1000 / totalBytes)));
}

void TransferController::onReadFinished(const core::ImportPreview& preview)
{
    closeProgress();
    if (!preview.error.ok()) {
        core::TreeImportResult nothing;
        nothing.cancelled = preview.error.cancelled;
        finishImport(nothing, preview.error.message);
        return;
    }
    m_pending = preview;
    m_job = Job::Previewing;
    auto* dialog = new ImportPreviewDialog(preview, &m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_preview = dialog;
    connect(dialog, &QDialog::finished, this, [this, dialog](int result) {
        m_preview.clear(); // deleted later
        if (result == QDialog::Accepted) {
            startImport(dialog->policy());
        } else {
            core::TreeImportResult nothing;
            nothing.cancelled = true;
            finishImport(nothing, core::cancelledImport().message);
        }
    });
    dialog->open();
}

void TransferController::startImport(core::DuplicatePolicy policy)
{
    core::ImportRequest request;
    request.conversations = std::exchange(m_pending.batch.conversations, {});
    m_importSource = m_pending.batch.source;
    m_importSources.clear();
    for (const core::ConversationTree& tree : std::as_const(request.conversations))
        m_importSources.insert(core::exportSourceId(tree.conversation));
    m_pending = {};
    request.policy = policy;
    m_importCancel = request.cancel;
    m_importTag = QStringLiteral("transfer-import-%1").arg(++m_importSerial);
    m_job = Job::Writing;
    const int total = int(request.conversations.size());
    QProgressDialog* progress = showProgress(tr("Importing conversations…"), total);
    connect(progress, &QProgressDialog::canceled, this,
            [cancel = m_importCancel] { cancel->store(true); });
    updateActions();
    m_store->post([request = std::move(request), tag = m_importTag](core::Store* store) {
        store->importConversations(request, tag);
    });
}

void TransferController::onImportProgress(const QString& tag, int done, int total)
{
    if (tag != m_importTag || m_progress == nullptr || total <= 0)
        return;
    m_progress->setMaximum(total);
    m_progress->setValue(std::min(done, total));
    m_progress->setLabelText(tr("Importing conversations… %1 of %2").arg(done).arg(total));
}

void TransferController::onStoreImportFinished(const core::TreeImportResult& result,
                                               const core::StoreError& error, const QString& tag)
{
    if (tag.isEmpty() || tag != m_importTag)
        return;
    m_importTag.clear();
    m_importCancel.reset();
    closeProgress();
    if (error.kind != core::StoreError::Kind::None || !error.message.isEmpty()) {
        QString message = error.message.trimmed();
        if (message.isEmpty())
            message = tr("The history could not be written.");
        // The message may already say so, in English or (translated) in the user's language.
        const QString nothingImported = tr("Nothing was imported.");
        if (!message.contains(QLatin1String("Nothing was imported"))
            && !message.contains(nothingImported))
            message += QLatin1Char(' ') + nothingImported;
        finishImport({}, message);
        return;
    }
    if (result.cancelled) {
        finishImport(result, core::cancelledImport().message);
        return;
    }
    // A replaced conversation that is open is gone: show its replacement, or nothing.
    ConversationController* conversation = m_window.controller();
    const qint64 openId = conversation->conversationId();
    if (result.imported == 1) {
        m_window.openConversation(result.conversationIds.value(0));
    } else if (result.replaced > 0 && openId > 0 && !result.conversationIds.contains(openId)) {
        Sidebar* sidebar = m_window.sidebar();
        const auto open =
            sidebar != nullptr ? sidebar->conversationModel()->conversation(openId) : std::nullopt;
        if (open && m_importSources.contains(core::exportSourceId(*open)))
            conversation->forgetConversation(openId);
    }
    finishImport(result, {});
}

void TransferController::finishImport(const core::TreeImportResult& result, const QString& error)
{
    m_job = Job::None;
    m_pending = {};
    updateActions();
    if (!error.isEmpty()) {
        showOutcome(error, !result.cancelled);
    } else {
        const QString source = core::sourceTitle(m_importSource);
        QString message = tr("Imported %1 (%2) from %3")
                              .arg(ImportPreviewDialog::conversationsText(result.imported),
                                   ImportPreviewDialog::messagesText(result.messages), source);
        if (result.skipped > 0)
            message += tr("; skipped %1 already imported").arg(result.skipped);
        if (result.replaced > 0)
            message += tr("; replaced %1 imported before").arg(result.replaced);
        showOutcome(message + QLatin1Char('.'), false);
    }
    Q_EMIT importFinished(result, error);
}

// --- Shared -------------------------------------------------------------------------------------

QString TransferController::conversationTitle(qint64 conversationId) const
{
    if (Sidebar* sidebar = m_window.sidebar()) {
        const auto summary = sidebar->conversationModel()->conversation(conversationId);
        if (summary && !summary->title.isEmpty())
            return summary->title;
    }
    if (m_window.controller()->conversationId() == conversationId
        && !m_window.controller()->title().isEmpty())
        return m_window.controller()->title();
    return tr("Untitled");
}

QString TransferController::startFolder() const
{
    if (!m_lastFolder.isEmpty())
        return m_lastFolder;
    return QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
}

void TransferController::rememberFolder(const QString& path)
{
    m_lastFolder = QFileInfo(path).absolutePath();
}

QProgressDialog* TransferController::showProgress(const QString& label, int maximum)
{
    closeProgress();
    m_progress = TransferFileDialogs::createProgress(&m_window, label, maximum, kProgressDelayMs);
    return m_progress;
}

void TransferController::closeProgress()
{
    if (m_progress == nullptr)
        return;
    QProgressDialog* progress = m_progress;
    m_progress.clear();
    progress->disconnect();
    progress->hide();
    progress->deleteLater();
}

void TransferController::showOutcome(const QString& message, bool error)
{
    m_lastMessage = message;
    if (!error) {
        m_window.statusLine()->showNotice(message);
        return;
    }
    m_window.statusLine()->showError(message);
    if (m_errorBox != nullptr)
        m_errorBox->close();
    auto* box = new QMessageBox(QMessageBox::Warning, tr("Export and import"), message,
                                QMessageBox::Ok, &m_window);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setTextFormat(Qt::PlainText);
    box->setAccessibleName(tr("Export or import failed"));
    box->button(QMessageBox::Ok)->setAccessibleName(tr("OK"));
    m_errorBox = box;
    box->open(); // asynchronous: the window keeps working while it is up
}

TransferController* installTransferController(MainWindow& window, core::StoreClient* store,
                                              const QString& databasePath)
{
    return new TransferController(databasePath, store, window, &writePdf, &window);
}

} // namespace keel::ui
