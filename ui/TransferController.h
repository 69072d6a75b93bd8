// TransferController: export and import in the window. It owns the File menu's Export
// conversation… / Export all… / Import… and the sidebar's Export…, asks where with the file
// dialogs, runs the work off the GUI thread (ExportTask, ImportReadTask, then the store's
// importConversations) and shows its progress (non-modal progress dialogs with Cancel), the
// import preview, and the outcome (the status line; errors in a message box opened with
// open()). One transfer at a time: the actions are disabled while one runs. The public calls
// without file dialogs are for tests and automation.
#pragma once

#include "core/store/ConversationTree.h"
#include "core/transfer/ExportWriter.h"
#include "core/transfer/ImportReadTask.h"
#include "core/transfer/TransferTypes.h"

#include <QObject>
#include <QPointer>
#include <QSet>

class QAction;
class QMessageBox;
class QProgressDialog;

namespace keel::core {
class ExportTask;
class StoreClient;
struct StoreError;
} // namespace keel::core

namespace keel::ui {

class ExportAllDialog;
class ImportPreviewDialog;
class MainWindow;

class TransferController : public QObject {
    Q_OBJECT
public:
    // databasePath: the history the store has open (exports and the preview read it through
    // their own read-only connections). store and window must outlive the controller.
    TransferController(QString databasePath, core::StoreClient* store, MainWindow& window,
                       core::PdfRenderer pdf, QObject* parent = nullptr);
    ~TransferController() override;

    QAction* exportConversationAction() const { return m_exportConversation; }
    QAction* exportAllAction() const { return m_exportAll; }
    QAction* importAction() const { return m_import; }
    // Export… in the sidebar's context menu: the conversation under the cursor.
    QAction* sidebarExportAction() const { return m_sidebarExport; }

    // Without file dialogs. Each returns false (and does nothing) while a transfer runs.
    bool exportConversation(qint64 conversationId, core::ExportFormat format, const QString& path);
    bool exportAll(core::ExportFormat format, const QString& path);
    // Reads the file (progress dialog), then shows the preview; its Import writes the batch.
    bool importFile(const QString& path);

    bool isBusy() const { return m_job != Job::None; }
    // While they are up (null otherwise).
    QProgressDialog* progressDialog() const;
    ImportPreviewDialog* previewDialog() const;
    ExportAllDialog* exportAllDialog() const;
    QMessageBox* errorBox() const;
    // The outcome last told to the user ("Exported “Title” to PATH", an error, ...).
    QString lastMessage() const { return m_lastMessage; }

    // Delay before a progress dialog appears: a quick job shows none.
    static constexpr int kProgressDelayMs = 400;

public Q_SLOTS:
    // The same, asking where with a file dialog first.
    void chooseExportConversation(qint64 conversationId);
    void chooseExportAll();
    void chooseImport();

Q_SIGNALS:
    // error.ok(): path was written.
    void exportFinished(const keel::core::TransferError& error, const QString& path);
    // errorMessage "": result says what was written (result.cancelled: nothing, by the user).
    void importFinished(const keel::core::TreeImportResult& result, const QString& errorMessage);

private:
    enum class Job { None, Export, Reading, Previewing, Writing };

    void installActions();
    void updateActions();
    QString conversationTitle(qint64 conversationId) const;
    QString startFolder() const;
    void rememberFolder(const QString& path); // the folder of path
    QProgressDialog* showProgress(const QString& label, int maximum);
    void closeProgress();
    void showOutcome(const QString& message, bool error);

    void onExportProgress(qint64 done, qint64 total);
    void onExportFinished(const core::TransferError& error, const QString& path, int count);
    void onReadProgress(qint64 bytesRead, qint64 totalBytes);
    void onReadFinished(const core::ImportPreview& preview);
    void startImport(core::DuplicatePolicy policy);
    void finishImport(const core::TreeImportResult& result, const QString& error);
    void onImportProgress(const QString& tag, int done, int total);
    void onStoreImportFinished(const core::TreeImportResult& result, const core::StoreError& error,
                               const QString& tag);

    core::StoreClient* m_store;
    MainWindow& m_window;
    core::ExportTask* m_exportTask;
    core::ImportReadTask* m_readTask;

    QAction* m_exportConversation;
    QAction* m_exportAll;
    QAction* m_import;
    QAction* m_sidebarExport;

    Job m_job = Job::None;
    bool m_exportingAll = false;
    QString m_exportTitle; // of the conversation being exported
    QString m_lastFolder;  // for this session; "" until a dialog was used
    core::ExportFormat m_lastFormat = core::ExportFormat::Markdown;
    // The file read for the preview, until it is written or dropped.
    core::ImportPreview m_pending;
    // The import being written: where from, and the source ids of its conversations.
    core::ImportSource m_importSource = core::ImportSource::Keel;
    QSet<QString> m_importSources;
    std::shared_ptr<std::atomic_bool> m_importCancel;
    QString m_importTag;
    quint64 m_importSerial = 0;

    QPointer<QProgressDialog> m_progress;
    QPointer<ImportPreviewDialog> m_preview;
    QPointer<ExportAllDialog> m_exportAllDialog;
    QPointer<QMessageBox> m_errorBox;
    QString m_lastMessage;
};

// Builds the window's transfer controller as the app does (a child of the window, PDF through
// ui::writePdf) over the store the window uses and the database it has open.
TransferController* installTransferController(MainWindow& window, core::StoreClient* store,
                                              const QString& databasePath);

} // namespace keel::ui
