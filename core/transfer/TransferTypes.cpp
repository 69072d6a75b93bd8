// TransferTypes: format and source names, the cancel messages and the warning limit.
#include "transfer/TransferTypes.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QMetaObject>
#include <QRegularExpression>

#include <memory>

namespace keel::core {

namespace {

// The translation context of this file's user-visible messages: free functions and plain
// classes have no tr() of their own.
struct TransferTypesText {
    Q_DECLARE_TR_FUNCTIONS(TransferTypes)
};

constexpr int MaxWarnings = 20;

} // namespace

std::optional<ExportFormat> exportFormatFromName(const QString& name)
{
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("md") || n == QLatin1String("markdown"))
        return ExportFormat::Markdown;
    if (n == QLatin1String("json"))
        return ExportFormat::Json;
    if (n == QLatin1String("html") || n == QLatin1String("htm"))
        return ExportFormat::Html;
    if (n == QLatin1String("pdf"))
        return ExportFormat::Pdf;
    if (n == QLatin1String("txt") || n == QLatin1String("text"))
        return ExportFormat::Text;
    return std::nullopt;
}

std::optional<ExportFormat> exportFormatForPath(const QString& path)
{
    const QString suffix = QFileInfo(path).suffix();
    if (suffix.isEmpty())
        return std::nullopt;
    return exportFormatFromName(suffix);
}

QString formatName(ExportFormat format)
{
    switch (format) {
    case ExportFormat::Markdown:
        return QStringLiteral("md");
    case ExportFormat::Json:
        return QStringLiteral("json");
    case ExportFormat::Html:
        return QStringLiteral("html");
    case ExportFormat::Pdf:
        return QStringLiteral("pdf");
    case ExportFormat::Text:
        return QStringLiteral("txt");
    }
    return QStringLiteral("md");
}

QString formatTitle(ExportFormat format)
{
    switch (format) {
    case ExportFormat::Markdown:
        return QStringLiteral("Markdown");
    case ExportFormat::Json:
        return QStringLiteral("JSON");
    case ExportFormat::Html:
        return QStringLiteral("HTML");
    case ExportFormat::Pdf:
        return QStringLiteral("PDF");
    case ExportFormat::Text:
        return TransferTypesText::tr("Plain text");
    }
    return {};
}

QList<ExportFormat> allExportFormats()
{
    return {ExportFormat::Markdown, ExportFormat::Json, ExportFormat::Html, ExportFormat::Pdf,
            ExportFormat::Text};
}

QString sourceTitle(ImportSource source)
{
    switch (source) {
    case ImportSource::Keel:
        return QStringLiteral("Keel");
    case ImportSource::ChatGpt:
        return QStringLiteral("ChatGPT");
    case ImportSource::Claude:
        return QStringLiteral("Claude");
    }
    return {};
}

QString wireName(ImportSource source)
{
    switch (source) {
    case ImportSource::Keel:
        return QStringLiteral("keel");
    case ImportSource::ChatGpt:
        return QStringLiteral("chatgpt");
    case ImportSource::Claude:
        return QStringLiteral("claude");
    }
    return {};
}

TransferProgress queuedProgress(QObject* receiver, const std::atomic_bool* cancel,
                                std::function<void(qint64 done, qint64 total)> deliver,
                                int intervalMs)
{
    TransferProgress progress;
    progress.cancel = cancel;
    progress.report = [receiver, deliver = std::move(deliver), intervalMs,
                       clock = std::make_shared<QElapsedTimer>()](qint64 done, qint64 total) {
        if (clock->isValid() && clock->elapsed() < intervalMs && done < total)
            return;
        clock->start();
        QMetaObject::invokeMethod(
            receiver, [deliver, done, total] { deliver(done, total); }, Qt::QueuedConnection);
    };
    return progress;
}

TransferError cancelledExport()
{
    return {TransferTypesText::tr("The export was cancelled; no file was written."), true};
}

TransferError cancelledImport()
{
    return {TransferTypesText::tr("The import was cancelled; nothing was imported."), true};
}

void addWarning(QStringList& warnings, const QString& warning)
{
    if (warnings.size() < MaxWarnings) {
        warnings.append(warning);
        return;
    }
    // The last line counts what did not fit: "… and N more".
    int more = 1;
    if (warnings.size() > MaxWarnings) {
        const QString last = warnings.takeLast();
        // The only number in that line, wherever a translation puts it.
        static const QRegularExpression number(QStringLiteral("\\d+"));
        more = number.match(last).captured().toInt() + 1;
    }
    warnings.append(TransferTypesText::tr("… and %n more", nullptr, more));
}

} // namespace keel::core
