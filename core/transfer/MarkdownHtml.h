// MarkdownHtml: untrusted Markdown (a model's reply) to safe HTML for exports, with md4c. Raw
// HTML in the text is shown as text; every text and attribute is escaped; links keep only
// http, https and mailto targets (others become plain text); images never load: they become a
// link naming the host, like the app shows them. No script, no event handler, no style
// attribute can come out of it, whatever the input.
#pragma once

#include <QString>

namespace keel::core {

QString markdownToSafeHtml(const QString& markdown);

// Escapes &, <, >, " and ' for HTML text and attribute values.
QString escapeHtml(const QString& text);

} // namespace keel::core
