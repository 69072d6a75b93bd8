// PdfExport: the PDF export: the HTML export (HtmlExport, QTextDocument flavour) laid out by
// QTextDocument and printed to a QPdfWriter: A4, paginated with page numbers, code wrapped.
// Safe on a worker thread (no widgets; QTextDocument and QPdfWriter only), which is where
// ExportTask calls it; the CLI calls it under the offscreen platform.
#pragma once

#include "core/transfer/TransferTypes.h"

#include <QString>

namespace keel::ui {

// Writes the PDF through a temporary file renamed into place (never a half-written PDF).
core::TransferError writePdf(const QString& html, const QString& path);

} // namespace keel::ui
