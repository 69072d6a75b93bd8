// HtmlExport: the current branch of a conversation as one self-contained HTML file, styled for
// reading on screen and for printing (its own <style>, light, print rules, wrapped code), every
// piece of content escaped (MarkdownHtml), no script of any kind, image attachments as data:
// URIs. The same HTML, read by Qt's QTextDocument, becomes the PDF export (ui/PdfExport).
#pragma once

#include "store/ConversationTree.h"

#include <QString>

namespace keel::core {

struct HtmlExportOptions {
    // PDF: QTextDocument understands a subset of CSS; this selects the simpler style sheet.
    bool forQtTextDocument = false;
};

QString htmlExport(const ConversationTree& tree, const HtmlExportOptions& options = {});

// The one style sheet the export carries (a constant: no user content ever goes into it).
QString htmlExportStyle(const HtmlExportOptions& options = {});

} // namespace keel::core
