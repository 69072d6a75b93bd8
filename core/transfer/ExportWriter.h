// ExportWriter: writes conversations to files in a chosen format, never a half-written file:
// one conversation through QSaveFile (the file appears whole, or the old one stays); all of
// them as one Keel JSON archive (streamed, one conversation in memory at a time) or as a folder
// of one file per conversation. PDF is rendering, which the core does not do: the ui hands in
// a PdfRenderer (ui::writePdf).
#pragma once

#include "transfer/TransferTypes.h"

#include <QSet>

#include <functional>

namespace keel::core {

class Database;

// html (HtmlExport with forQtTextDocument) -> a PDF at path.
using PdfRenderer = std::function<TransferError(const QString& html, const QString& path)>;

class ExportWriter {
public:
    explicit ExportWriter(PdfRenderer pdf = {});

    // The bytes of one conversation in format (PDF: an error without a renderer).
    TransferError writeConversation(const ConversationTree& tree, ExportFormat format,
                                    const QString& path) const;

    // Every conversation not deleted, read one at a time from database (opened by the caller,
    // read-only is enough). Json: one archive file at path. Other formats: path is a folder
    // (created if needed; existing files are not overwritten: names get " (2)") with one file
    // per conversation named after its title. progress: (conversations done, total); cancel
    // stops it and removes what this call wrote. exported: how many were written.
    TransferError writeAll(Database& database, ExportFormat format, const QString& path,
                           const TransferProgress& progress = {}, int* exported = nullptr) const;

    // "<title>.<ext>" made safe for every file system (no / \ : * ? " < > |, no control
    // characters, not empty, at most 100 characters), unique within used (which it extends).
    static QString fileNameFor(const ConversationSummary& conversation, ExportFormat format,
                               QSet<QString>& used);

private:
    PdfRenderer m_pdf;
};

} // namespace keel::core
