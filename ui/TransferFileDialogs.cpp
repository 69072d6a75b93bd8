// TransferFileDialogs: filters, default names and the extension rule.
#include "ui/TransferFileDialogs.h"

#include "core/transfer/ExportWriter.h"

#include <QDate>
#include <QDir>
#include <QFileDialog>
#include <QProgressDialog>
#include <QPushButton>
#include <QSet>
#include <QStringList>

namespace keel::ui {

std::optional<ExportTarget>
TransferFileDialogs::askExportPath(QWidget* parent, const core::ConversationSummary& conversation,
                                   core::ExportFormat format, const QString& folder)
{
    const QList<core::ExportFormat> formats = core::allExportFormats();
    QStringList filters;
    QString selected;
    for (core::ExportFormat each : formats) {
        filters << tr("%1 (*.%2)").arg(core::formatTitle(each), core::formatName(each));
        if (each == format)
            selected = filters.last();
    }
    QSet<QString> used;
    const QString name = core::ExportWriter::fileNameFor(conversation, format, used);
    ExportTarget target;
    target.path =
        QFileDialog::getSaveFileName(parent, tr("Export conversation"), QDir(folder).filePath(name),
                                     filters.join(QStringLiteral(";;")), &selected);
    if (target.path.isEmpty())
        return std::nullopt;
    target.format = formats.value(int(filters.indexOf(selected)), format);
    if (core::exportFormatForPath(target.path) != target.format)
        target.path += QLatin1Char('.') + core::formatName(target.format);
    return target;
}

QString TransferFileDialogs::askExportAllPath(QWidget* parent, core::ExportFormat format,
                                              const QString& folder)
{
    const QString date = QDate::currentDate().toString(Qt::ISODate);
    if (format == core::ExportFormat::Json) {
        QString path = QFileDialog::getSaveFileName(
            parent, tr("Export all conversations"),
            QDir(folder).filePath(tr("Keel conversations %1.json").arg(date)),
            tr("JSON files (*.json)"));
        if (!path.isEmpty() && core::exportFormatForPath(path) != core::ExportFormat::Json)
            path += QStringLiteral(".json");
        return path;
    }
    const QString parentFolder =
        QFileDialog::getExistingDirectory(parent, tr("Choose the folder to export into"), folder);
    if (parentFolder.isEmpty())
        return {};
    return QDir(parentFolder).filePath(tr("Keel conversations %1").arg(date));
}

QString TransferFileDialogs::askImportPath(QWidget* parent, const QString& folder)
{
    return QFileDialog::getOpenFileName(parent, tr("Import conversations"), folder,
                                        tr("JSON files (*.json);;All files (*)"));
}

QProgressDialog* TransferFileDialogs::createProgress(QWidget* parent, const QString& label,
                                                     int maximum, int delayMs)
{
    auto* progress = new QProgressDialog(parent);
    progress->setWindowTitle(label);
    progress->setLabelText(label);
    progress->setAccessibleName(tr("Progress"));
    auto* cancel = new QPushButton(tr("Cancel"));
    cancel->setAccessibleName(tr("Cancel"));
    progress->setCancelButton(cancel);
    // Esc rejects the dialog, which would only hide it: it cancels, like the button.
    QObject::connect(progress, &QDialog::rejected, progress, &QProgressDialog::canceled);
    progress->setWindowModality(Qt::NonModal);
    progress->setAutoClose(false);
    progress->setAutoReset(false);
    progress->setRange(0, maximum);
    progress->setMinimumDuration(delayMs);
    progress->setValue(0);
    return progress;
}

} // namespace keel::ui
