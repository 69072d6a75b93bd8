// ExportWriter: files appear whole or not at all (QSaveFile), failures are sentences naming the
// file, and an export of everything that fails or is cancelled takes back what it wrote.
#include "transfer/ExportWriter.h"

#include "store/Database.h"
#include "store/TreeStore.h"
#include "transfer/HtmlExport.h"
#include "transfer/KeelJson.h"
#include "transfer/MarkdownExport.h"
#include "transfer/TextExport.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

namespace keel::core {

namespace {

// The translation context of this file's texts. A struct, not a free tr(): lupdate files a
// free function's strings under the enclosing namespace or class, which would not match the
// context used at run time.
struct ExportWriterText {
    Q_DECLARE_TR_FUNCTIONS(ExportWriter)
};

QString native(const QString& path)
{
    return QDir::toNativeSeparators(path);
}

TransferError notWritten(const QString& path, const QString& reason)
{
    QString because = reason.trimmed();
    while (because.endsWith(u'.'))
        because.chop(1);
    return {ExportWriterText::tr("Could not write %1: %2. Nothing was exported.")
                .arg(native(path), because)};
}

// Why a file at path cannot be created, in words, before Qt's own (terse) reason.
QString placeProblem(const QString& path)
{
    const QFileInfo info(path);
    const QFileInfo folder(info.absolutePath());
    if (!folder.exists())
        return ExportWriterText::tr("the folder %1 does not exist")
            .arg(native(folder.absoluteFilePath()));
    if (!folder.isDir())
        return ExportWriterText::tr("%1 is not a folder").arg(native(folder.absoluteFilePath()));
    if (info.isDir())
        return ExportWriterText::tr("a folder of that name is in the way");
    if (!folder.isWritable())
        return ExportWriterText::tr("the folder %1 is read-only")
            .arg(native(folder.absoluteFilePath()));
    return {};
}

QString deviceProblem(const QFileDevice& file)
{
    const QString reason = file.errorString();
    if (file.error() == QFileDevice::ResourceError
        || reason.contains(QLatin1String("No space left"), Qt::CaseInsensitive))
        return ExportWriterText::tr("the disk is full");
    return reason.isEmpty() ? ExportWriterText::tr("the system gave no reason") : reason;
}

TransferError openFailed(const QString& path, const QFileDevice& file)
{
    const QString place = placeProblem(path);
    return notWritten(path, place.isEmpty() ? deviceProblem(file) : place);
}

TransferError saveBytes(const QString& path, const QByteArray& bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return openFailed(path, file);
    if (file.write(bytes) != bytes.size()) {
        const QString reason = deviceProblem(file);
        file.cancelWriting();
        return notWritten(path, reason);
    }
    if (!file.commit())
        return notWritten(path, deviceProblem(file));
    return {};
}

TransferError saveJson(const QString& path, const ConversationTree& tree)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return openFailed(path, file);
    KeelJsonWriter writer(file);
    if (!writer.begin() || !writer.add(tree) || !writer.finish()) {
        const QString reason = writer.errorString();
        file.cancelWriting();
        return notWritten(path, reason.isEmpty() ? deviceProblem(file) : reason);
    }
    if (!file.commit())
        return notWritten(path, deviceProblem(file));
    return {};
}

TransferError historyUnreadable(const Database& database)
{
    return {ExportWriterText::tr("Could not read the history: %1 Nothing was exported.")
                .arg(database.lastError().message.trimmed())};
}

const QSet<QString>& reservedNames()
{
    // Names Windows keeps for devices, whatever the extension.
    static const QSet<QString> names = [] {
        QSet<QString> set{QStringLiteral("con"), QStringLiteral("prn"), QStringLiteral("aux"),
                          QStringLiteral("nul")};
        for (int i = 1; i <= 9; ++i) {
            set.insert(QStringLiteral("com%1").arg(i));
            set.insert(QStringLiteral("lpt%1").arg(i));
        }
        return set;
    }();
    return names;
}

// Windows drops trailing dots and spaces; a leading dot hides the file elsewhere.
QString trimmedStem(QString stem)
{
    stem = stem.simplified();
    while (stem.startsWith(u'.'))
        stem = stem.mid(1).trimmed();
    while (stem.endsWith(u'.') || stem.endsWith(u' '))
        stem.chop(1);
    return stem;
}

// stem cut so that stem + tail has at most 100 characters and 240 bytes of UTF-8 (file
// systems count bytes: 100 CJK characters would not fit in 255).
QString fitted(QString stem, const QString& tail)
{
    constexpr qsizetype kMaxChars = 100;
    constexpr qsizetype kMaxBytes = 240;
    const qsizetype tailBytes = tail.toUtf8().size();
    while (!stem.isEmpty()
           && (stem.size() + tail.size() > kMaxChars
               || stem.toUtf8().size() + tailBytes > kMaxBytes)) {
        stem.chop(stem.size() >= 2 && stem.back().isLowSurrogate() ? 2 : 1);
    }
    return trimmedStem(stem) + tail;
}

} // namespace

ExportWriter::ExportWriter(PdfRenderer pdf)
    : m_pdf(std::move(pdf))
{
}

TransferError ExportWriter::writeConversation(const ConversationTree& tree, ExportFormat format,
                                              const QString& path) const
{
    switch (format) {
    case ExportFormat::Markdown:
        return saveBytes(path, markdownExport(tree).toUtf8());
    case ExportFormat::Text:
        return saveBytes(path, textExport(tree).toUtf8());
    case ExportFormat::Html:
        return saveBytes(path, htmlExport(tree).toUtf8());
    case ExportFormat::Json:
        return saveJson(path, tree);
    case ExportFormat::Pdf:
        if (!m_pdf) {
            return notWritten(path, ExportWriterText::tr(
                                        "PDF export needs the desktop app's renderer, which this "
                                        "command does not have"));
        }
        if (const QString place = placeProblem(path); !place.isEmpty())
            return notWritten(path, place);
        return m_pdf(htmlExport(tree, HtmlExportOptions{true}), path);
    }
    return notWritten(path, ExportWriterText::tr("unknown format"));
}

TransferError ExportWriter::writeAll(Database& database, ExportFormat format, const QString& path,
                                     const TransferProgress& progress, int* exported) const
{
    if (exported != nullptr)
        *exported = 0;
    TreeStore store(database);
    const std::optional<QList<qint64>> ids = store.conversationIds();
    if (!ids)
        return historyUnreadable(database);
    const qint64 total = ids->size();
    progress(0, total);

    if (format == ExportFormat::Json) {
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return openFailed(path, file);
        KeelJsonWriter writer(file);
        const auto writeFailed = [&] {
            const QString reason = writer.errorString();
            file.cancelWriting();
            return notWritten(path, reason.isEmpty() ? deviceProblem(file) : reason);
        };
        if (!writer.begin())
            return writeFailed();
        for (qint64 i = 0; i < total; ++i) {
            if (progress.cancelled()) {
                file.cancelWriting();
                return cancelledExport();
            }
            // One conversation in memory at a time, however big the history is.
            const std::optional<ConversationTree> tree = store.loadTree(ids->at(i));
            if (!tree) {
                file.cancelWriting();
                return historyUnreadable(database);
            }
            if (!writer.add(*tree))
                return writeFailed();
            progress(i + 1, total);
        }
        if (!writer.finish())
            return writeFailed();
        if (progress.cancelled()) {
            file.cancelWriting();
            return cancelledExport();
        }
        if (!file.commit())
            return notWritten(path, deviceProblem(file));
        if (exported != nullptr)
            *exported = int(total);
        return {};
    }

    const QFileInfo folderInfo(path);
    if (folderInfo.exists() && !folderInfo.isDir())
        return notWritten(
            path, ExportWriterText::tr("it is a file, and a folder is needed to export every "
                                       "conversation as %1")
                      .arg(formatTitle(format)));
    // The folders this call creates, deepest first, so that taking back removes them all.
    QStringList createdFolders;
    for (QString folder = folderInfo.absoluteFilePath(); !QFileInfo::exists(folder);
         folder = QFileInfo(folder).absolutePath()) {
        createdFolders.append(folder);
        if (QFileInfo(folder).isRoot())
            break;
    }
    if (!createdFolders.isEmpty() && !QDir().mkpath(path)) {
        const QString place = placeProblem(path);
        return notWritten(path, place.isEmpty()
                                    ? ExportWriterText::tr("the folder could not be created")
                                    : place);
    }
    const QDir folder(path);
    QSet<QString> used;
    const QStringList present =
        folder.entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
    for (const QString& name : present)
        used.insert(name.toCaseFolded());

    QStringList written;
    const auto takeBack = [&] {
        for (const QString& file : std::as_const(written))
            QFile::remove(file);
        for (const QString& created : std::as_const(createdFolders))
            QDir().rmdir(created);
        if (exported != nullptr)
            *exported = 0;
    };
    for (qint64 i = 0; i < total; ++i) {
        if (progress.cancelled()) {
            takeBack();
            return cancelledExport();
        }
        const std::optional<ConversationTree> tree = store.loadTree(ids->at(i));
        if (!tree) {
            takeBack();
            return historyUnreadable(database);
        }
        const QString file = folder.filePath(fileNameFor(tree->conversation, format, used));
        if (TransferError error = writeConversation(*tree, format, file); !error.ok()) {
            takeBack();
            return error;
        }
        written.append(file);
        if (exported != nullptr)
            *exported = int(written.size());
        progress(i + 1, total);
    }
    return {};
}

QString ExportWriter::fileNameFor(const ConversationSummary& conversation, ExportFormat format,
                                  QSet<QString>& used)
{
    static const QString unsafe = QStringLiteral("/\\:*?\"<>|");
    // Through UCS-4 and back: a lone surrogate becomes U+FFFD instead of a broken name.
    const QList<uint> codes = conversation.title.toUcs4();
    QString stem;
    stem.reserve(conversation.title.size());
    for (const uint code : codes) {
        const QString character = QString::fromUcs4(reinterpret_cast<const char32_t*>(&code), 1);
        const QChar first = character.front();
        const bool control =
            code < 0x20 || (code >= 0x7F && code <= 0x9F) || code == 0x2028 || code == 0x2029;
        stem += control || (character.size() == 1 && unsafe.contains(first)) ? QStringLiteral(" ")
                                                                             : character;
    }
    stem = trimmedStem(stem);
    if (stem.isEmpty())
        stem = ExportWriterText::tr("Untitled conversation");
    if (reservedNames().contains(stem.section(u'.', 0, 0).trimmed().toLower()))
        stem.prepend(u'_');

    const QString extension = u'.' + formatName(format);
    for (int n = 1;; ++n) {
        const QString suffix = n == 1 ? QString() : QStringLiteral(" (%1)").arg(n);
        const QString candidate = fitted(stem, suffix + extension);
        const QString key = candidate.toCaseFolded();
        if (!used.contains(key)) {
            used.insert(key);
            return candidate;
        }
    }
}

} // namespace keel::core
