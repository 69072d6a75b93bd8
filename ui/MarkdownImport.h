// MarkdownImport: what Keel does around Qt's Markdown importer, for each piece of a reply it
// renders. Model output is untrusted: an image is never loaded, it becomes a placeholder link
// that names the host (clicking it goes through MessageTextView's confirmation), and no image
// object ever reaches a laid-out document (Qt's image handler would read local files).
//
// Before parsing, prepare() tags each fenced code block's info string, so that every block keeps
// its identity (two fences in a row are otherwise one run of code lines), its exact source (the
// importer expands tabs) and its language (the importer reads it as Latin-1), and marks images
// with an empty alt text (the importer drops them without a trace). After parsing, finish() turns
// the tags and marks into block properties and placeholders, and removes the stray empty block
// Qt's importer puts in the first cell of a table that follows a code block.
#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringView>

class QTextDocument;
class QUrl;

namespace keel::ui {

class MarkdownImport {
    Q_DECLARE_TR_FUNCTIONS(keel::ui::MarkdownImport)
public:
    struct Fence {
        QString language; // the info string's first word, as written
        QString code;     // the lines between the fences (up to the end while still open)
        int lineCount = 0;
    };

    struct Prepared {
        QString text;        // what the importer parses
        QList<Fence> fences; // indexed by the tag in each opening fence
        bool hasMarkers = false;
    };

    // Cost: one pass over the text (none when it holds neither a fence nor "![]").
    static Prepared prepare(QStringView markdown);

    // Fixes up what the importer made of `prepared`, from `position` to the end of the document.
    // Each code line gets its language back, the first line of each block
    // CodeBlocks::kStartProperty and, when tagged, CodeBlocks::kFenceIndexProperty.
    static void finish(QTextDocument* document, int position, const Prepared& prepared);

    // "Image: a cat — example.com" or "Image: example.com".
    static QString imagePlaceholder(const QString& alt, const QUrl& url);
};

} // namespace keel::ui
