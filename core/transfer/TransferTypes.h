// TransferTypes: the value types of export and import: formats, where an import came from, the
// converted batch, errors, and the progress / cancel hook of long jobs.
#pragma once

#include "store/ConversationTree.h"

#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>
#include <optional>

namespace keel::core {

enum class ExportFormat { Markdown, Json, Html, Pdf, Text };

// "md" / "markdown", "json", "html" / "htm", "pdf", "txt" / "text" (any case); else nullopt.
std::optional<ExportFormat> exportFormatFromName(const QString& name);
// By the file name's extension (the names above); nullopt when it has none of them.
std::optional<ExportFormat> exportFormatForPath(const QString& path);
QString formatName(ExportFormat format);  // md, json, html, pdf, txt (also the extension)
QString formatTitle(ExportFormat format); // Markdown, JSON, HTML, PDF, Plain text
QList<ExportFormat> allExportFormats();   // in the order menus list them

enum class ImportSource { Keel, ChatGpt, Claude };
QString sourceTitle(ImportSource source); // "Keel", "ChatGPT", "Claude"
QString wireName(ImportSource source);    // "keel", "chatgpt", "claude" (CLI --json)

// An error is a message for a human: what failed and where (file, conversation, line and
// column), and what happened to the data (nothing was imported / the file was not written).
struct TransferError {
    QString message{};
    bool cancelled = false; // the user cancelled; message then says so
    bool ok() const { return message.isEmpty() && !cancelled; }
};

// A file converted for import: conversations as trees with file-local ids, not written yet.
struct ImportBatch {
    ImportSource source = ImportSource::Keel;
    QList<ConversationTree> conversations{};
    qint64 messageCount = 0;
    // What was converted with a loss (non-text parts shown as placeholders, ...), human, one
    // line each, at most 20 followed by "… and N more".
    QStringList warnings{};
};

// Cancel and progress of a long job, both used on the job's own thread.
struct TransferProgress {
    const std::atomic_bool* cancel = nullptr;                // true: stop as soon as possible
    std::function<void(qint64 done, qint64 total)> report{}; // may be empty
    bool cancelled() const { return cancel != nullptr && cancel->load(); }
    void operator()(qint64 done, qint64 total) const
    {
        if (report)
            report(done, total);
    }
};

// The progress of a job on a worker thread for a receiver on another: deliver(done, total) runs
// queued on receiver's thread (dropped if receiver is gone), at most every intervalMs except
// the final done == total. The receiver must outlive the job's last report call.
TransferProgress queuedProgress(QObject* receiver, const std::atomic_bool* cancel,
                                std::function<void(qint64 done, qint64 total)> deliver,
                                int intervalMs = 50);

// The standard messages of a cancelled job.
TransferError cancelledExport();
TransferError cancelledImport();

// Collects warnings up to the limit ImportBatch documents.
void addWarning(QStringList& warnings, const QString& warning);

} // namespace keel::core

Q_DECLARE_METATYPE(keel::core::TransferError)
Q_DECLARE_METATYPE(keel::core::ImportBatch)
Q_DECLARE_METATYPE(keel::core::ExportFormat)
