// MarkdownImport: fence tags and image marks before Qt's importer, placeholders and code block
// properties after it.
#include "ui/MarkdownImport.h"

#include "ui/CodeBlocks.h"

#include <QGuiApplication>
#include <QPalette>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextTable>
#include <QUrl>

#include <algorithm>
#include <optional>

namespace keel::ui {

namespace {

// Appended to a fence's language word, followed by the fence's index: a control character no
// language name holds, which the importer keeps in BlockCodeLanguage.
constexpr QChar kFenceTag = QChar(0x1F);
// Stands in for an empty alt text ("![](url)"); a private-use character.
constexpr QChar kEmptyAlt = QChar(0xE000);

qsizetype skipSpaces(QStringView line, qsizetype i, qsizetype most = -1)
{
    qsizetype skipped = 0;
    while (i < line.size() && line[i] == u' ' && (most < 0 || skipped < most)) {
        ++i;
        ++skipped;
    }
    return i;
}

// After "> " markers (blockquotes): where the line's content starts.
qsizetype afterQuoteMarkers(QStringView line)
{
    qsizetype i = 0;
    for (;;) {
        const qsizetype j = skipSpaces(line, i, 3);
        if (j >= line.size() || line[j] != u'>')
            return i;
        i = j + 1;
        if (i < line.size() && line[i] == u' ')
            ++i;
    }
}

// After a list marker ("- ", "12. ") at i, or i.
qsizetype afterListMarker(QStringView line, qsizetype i)
{
    qsizetype j = i;
    if (j < line.size() && (line[j] == u'-' || line[j] == u'*' || line[j] == u'+')) {
        ++j;
    } else {
        while (j < line.size() && j - i < 9 && line[j].isDigit())
            ++j;
        if (j == i || j >= line.size() || (line[j] != u'.' && line[j] != u')'))
            return i;
        ++j;
    }
    if (j < line.size() && line[j] != u' ' && line[j] != u'\t')
        return i;
    return skipSpaces(line, j);
}

qsizetype runLength(QStringView line, qsizetype i, QChar c)
{
    qsizetype n = 0;
    while (i + n < line.size() && line[i + n] == c)
        ++n;
    return n;
}

bool isBlank(QStringView text)
{
    return std::all_of(text.begin(), text.end(), [](QChar c) { return c.isSpace(); });
}

struct OpenFence {
    QChar character;
    qsizetype length = 0;
    qsizetype column = 0; // content lines lose up to this many leading spaces
    QStringList lines;
};

QTextCharFormat placeholderFormat(const QString& href)
{
    QTextCharFormat format;
    format.setAnchor(true);
    format.setAnchorHref(href);
    format.setToolTip(href);
    format.setForeground(QGuiApplication::palette().link());
    return format;
}

} // namespace

MarkdownImport::Prepared MarkdownImport::prepare(QStringView markdown)
{
    Prepared prepared;
    const bool mayHaveFences = markdown.contains(u"```") || markdown.contains(u"~~~");
    const bool mayHaveEmptyAlt = markdown.contains(u"![]");
    if (!mayHaveFences && !mayHaveEmptyAlt) {
        prepared.text = markdown.toString();
        return prepared;
    }
    QString& out = prepared.text;
    out.reserve(markdown.size() + 32);
    std::optional<OpenFence> open;
    auto closeFence = [&] {
        prepared.fences.last().code = open->lines.join(u'\n');
        prepared.fences.last().lineCount = int(open->lines.size());
        open.reset();
    };

    for (qsizetype start = 0; start < markdown.size();) {
        qsizetype end = markdown.indexOf(u'\n', start);
        const bool hasNewline = end >= 0;
        if (!hasNewline)
            end = markdown.size();
        const QStringView line = markdown.mid(start, end - start);
        const QStringView body = line.endsWith(u'\r') ? line.chopped(1) : line;
        const qsizetype content = afterQuoteMarkers(body);
        bool copied = false;

        if (open) {
            const qsizetype at = skipSpaces(body, content);
            const qsizetype run = runLength(body, at, open->character);
            if (run >= open->length && isBlank(body.mid(at + run))) {
                closeFence();
            } else {
                const QStringView inner = body.mid(content);
                open->lines.append(inner.mid(skipSpaces(inner, 0, open->column)).toString());
            }
        } else if (mayHaveFences) {
            qsizetype at = skipSpaces(body, content);
            for (int depth = 0; depth < 3; ++depth) // "- 1. ```": list markers before a fence
                at = afterListMarker(body, at);
            const QChar c = at < body.size() ? body[at] : QChar();
            const qsizetype run = (c == u'`' || c == u'~') ? runLength(body, at, c) : 0;
            const QStringView info = body.mid(at + run);
            if (run >= 3 && !(c == u'`' && info.contains(u'`'))) {
                const qsizetype wordStart = skipSpaces(info, 0);
                qsizetype wordEnd = wordStart;
                while (wordEnd < info.size() && !info[wordEnd].isSpace())
                    ++wordEnd;
                const qsizetype tagAt = start + at + run + wordEnd;
                out += markdown.mid(start, tagAt - start);
                out += kFenceTag;
                out += QString::number(prepared.fences.size());
                out += markdown.mid(tagAt, end - tagAt);
                copied = true;
                prepared.hasMarkers = true;
                prepared.fences.append(
                    Fence{info.mid(wordStart, wordEnd - wordStart).toString(), QString(), 0});
                open = OpenFence{c, run, at - content, {}};
            }
        }
        if (!copied && !open && mayHaveEmptyAlt && line.contains(u"![]")) {
            QString marked = line.toString();
            marked.replace(QStringLiteral("![]"), QStringLiteral("![") + kEmptyAlt + u']');
            out += marked;
            copied = true;
            prepared.hasMarkers = true;
        }
        if (!copied)
            out += line;
        if (hasNewline)
            out += u'\n';
        start = end + 1;
    }
    if (open)
        closeFence();
    return prepared;
}

QString MarkdownImport::imagePlaceholder(const QString& alt, const QUrl& url)
{
    // The host as it will be contacted: look-alike letters of other scripts appear as punycode.
    QString where = url.host(QUrl::FullyEncoded);
    if (!where.isEmpty() && url.port() >= 0)
        where += u':' + QString::number(url.port());
    if (where.isEmpty() && !url.scheme().isEmpty())
        where = url.scheme() + u':';
    if (where.isEmpty())
        where = url.toString(QUrl::FullyEncoded).left(60);
    QString description = alt.simplified();
    description.remove(kEmptyAlt);
    constexpr qsizetype kLongest = 80;
    if (description.size() > kLongest)
        description = description.left(kLongest - 1) + QChar(0x2026);
    if (description.isEmpty())
        return tr("Image: %1").arg(where);
    return tr("Image: %1 — %2").arg(description, where);
}

void MarkdownImport::finish(QTextDocument* document, int position, const Prepared& prepared)
{
    struct Image {
        int position = 0;
        int length = 0;
        QString name;
        QString alt;
    };
    QList<Image> images;
    QList<std::pair<int, int>> strayMarkers; // position, length
    QList<QTextTable*> tables;
    int previousFence = -2; // none yet
    QString previousLanguage;
    bool previousIsCode = false;

    for (QTextBlock block = document->findBlock(position); block.isValid(); block = block.next()) {
        const QTextBlockFormat format = block.blockFormat();
        if (format.hasProperty(QTextFormat::BlockCodeFence)) {
            QString language = format.stringProperty(QTextFormat::BlockCodeLanguage);
            int fence = -1;
            if (const qsizetype tag = language.indexOf(kFenceTag); tag >= 0) {
                bool ok = false;
                fence = QStringView(language).mid(tag + 1).toInt(&ok);
                if (!ok || fence < 0 || fence >= prepared.fences.size())
                    fence = -1;
                language = fence >= 0 ? prepared.fences.at(fence).language : language.left(tag);
            }
            const bool starts =
                !previousIsCode || fence != previousFence || language != previousLanguage;
            QTextBlockFormat change;
            change.setProperty(QTextFormat::BlockCodeLanguage, language);
            if (starts)
                change.setProperty(CodeBlocks::kStartProperty, true);
            if (starts && fence >= 0)
                change.setProperty(CodeBlocks::kFenceIndexProperty, fence);
            QTextCursor(block).mergeBlockFormat(change);
            previousFence = fence;
            previousLanguage = language;
            previousIsCode = true;
        } else {
            previousIsCode = false;
            if (QTextTable* table = QTextCursor(block).currentTable();
                table && (tables.isEmpty() || tables.last() != table))
                tables.append(table);
        }

        const QString text = prepared.hasMarkers ? block.text() : QString();
        const bool markers = text.contains(kFenceTag) || text.contains(kEmptyAlt);
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextFragment fragment = it.fragment();
            const QTextCharFormat charFormat = fragment.charFormat();
            if (charFormat.isImageFormat()) {
                const QString name = charFormat.toImageFormat().name();
                const QString alt = charFormat.stringProperty(QTextFormat::ImageAltText);
                // Alt text with formatting comes as one image per piece of text.
                if (!images.isEmpty() && images.last().name == name
                    && images.last().position + images.last().length == fragment.position()) {
                    images.last().length += fragment.length();
                    images.last().alt += alt;
                } else {
                    images.append(Image{fragment.position(), fragment.length(), name, alt});
                }
            } else if (markers) {
                const QString piece = fragment.text();
                for (qsizetype i = 0; i < piece.size(); ++i) {
                    qsizetype length = 0;
                    if (piece[i] == kEmptyAlt) {
                        length = 1;
                    } else if (piece[i] == kFenceTag) {
                        length = 1;
                        while (i + length < piece.size() && piece[i + length].isDigit())
                            ++length;
                    }
                    if (length > 0) {
                        strayMarkers.append({fragment.position() + int(i), int(length)});
                        i += length - 1;
                    }
                }
            }
        }
    }

    // Edits from the end, so that the positions collected above stay right.
    QList<std::pair<int, int>> removals = strayMarkers;
    std::sort(removals.begin(), removals.end());
    auto image = images.rbegin();
    auto removal = removals.rbegin();
    while (image != images.rend() || removal != removals.rend()) {
        QTextCursor cursor(document);
        if (image != images.rend()
            && (removal == removals.rend() || image->position > removal->first)) {
            cursor.setPosition(image->position);
            cursor.setPosition(image->position + image->length, QTextCursor::KeepAnchor);
            cursor.insertText(imagePlaceholder(image->alt, QUrl(image->name)),
                              placeholderFormat(image->name));
            ++image;
        } else {
            cursor.setPosition(removal->first);
            cursor.setPosition(removal->first + removal->second, QTextCursor::KeepAnchor);
            cursor.removeSelectedText();
            ++removal;
        }
    }

    // After a code block, Qt's importer opens a table with an empty block in its first cell,
    // which makes the header row twice as tall, its first heading at the bottom.
    for (QTextTable* table : std::as_const(tables)) {
        for (int row = 0; row < table->rows(); ++row) {
            for (int column = 0; column < table->columns(); ++column) {
                const QTextTableCell cell = table->cellAt(row, column);
                const QTextBlock first = document->findBlock(cell.firstPosition());
                if (first.length() == 1 && first.position() + 1 < cell.lastPosition()) {
                    QTextCursor cursor(document);
                    cursor.setPosition(first.position());
                    cursor.setPosition(first.position() + 1, QTextCursor::KeepAnchor);
                    cursor.removeSelectedText();
                }
            }
        }
    }
}

} // namespace keel::ui
