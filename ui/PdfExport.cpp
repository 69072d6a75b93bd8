// PdfExport: QTextDocument laid out for the PDF's own resolution, printed page by page with
// drawContents so that each page gets a "Page n of N" footer (QTextDocument::print would pick
// its own margins and footer). Worker-thread safe: no widgets, no QPixmap.
#include "ui/PdfExport.h"

#include <QAbstractTextDocumentLayout>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QFontMetricsF>
#include <QImage>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QSaveFile>
#include <QTextDocument>
#include <QTextOption>
#include <QUrl>

namespace keel::ui {

namespace {

constexpr qreal kMarginMm = 15;
constexpr qreal kFontPoints = 10;
constexpr qreal kFooterPoints = 8;
constexpr int kResolution = 300; // dots per inch of the PDF's coordinates (text stays vector)

core::TransferError notWritten(const QString& path, const QString& reason)
{
    QString because = reason.trimmed();
    while (because.endsWith(u'.'))
        because.chop(1);
    return {QCoreApplication::translate("keel::ui::PdfExport",
                                        "Could not write %1: %2. Nothing was exported.")
                .arg(QDir::toNativeSeparators(path), because)};
}

QString openProblem(const QString& path, const QSaveFile& file)
{
    const QFileInfo folder(QFileInfo(path).absolutePath());
    if (!folder.exists())
        return QCoreApplication::translate("keel::ui::PdfExport", "the folder %1 does not exist")
            .arg(QDir::toNativeSeparators(folder.absoluteFilePath()));
    if (!folder.isWritable())
        return QCoreApplication::translate("keel::ui::PdfExport", "the folder %1 is read-only")
            .arg(QDir::toNativeSeparators(folder.absoluteFilePath()));
    return file.errorString();
}

// QTextDocument does not decode data: URLs itself: the export's images (data:image/...;base64)
// are decoded here and handed over as resources, scaled down to the text width.
void addImages(QTextDocument& document, const QString& html, qreal maxWidthPx)
{
    static const QRegularExpression source(QStringLiteral(
        R"re(<img src="(data:image/(?:png|jpeg|gif|webp);base64,([A-Za-z0-9+/=]*))")re"));
    for (auto it = source.globalMatch(html); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        QImage image = QImage::fromData(QByteArray::fromBase64(match.captured(2).toLatin1()));
        if (image.isNull())
            continue;
        if (image.width() > maxWidthPx)
            image = image.scaledToWidth(int(maxWidthPx), Qt::SmoothTransformation);
        document.addResource(QTextDocument::ImageResource, QUrl(match.captured(1)), image);
    }
}

} // namespace

core::TransferError writePdf(const QString& html, const QString& path)
{
    // A temporary file beside the target, renamed into place by commit(): never half a PDF.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return notWritten(path, openProblem(path, file));

    QPdfWriter writer(&file);
    writer.setResolution(kResolution);
    writer.setCreator(QStringLiteral("Keel"));
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait,
                                     QMarginsF(kMarginMm, kMarginMm, kMarginMm, kMarginMm),
                                     QPageLayout::Millimeter));

    QTextDocument document;
    document.setUndoRedoEnabled(false);
    QFont font = document.defaultFont();
    font.setPointSizeF(kFontPoints);
    document.setDefaultFont(font);
    QTextOption option = document.defaultTextOption();
    // Code and long URLs break anywhere rather than run off the page.
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    document.setDefaultTextOption(option);
    // Fonts and pixel sizes are measured for the PDF, not for a screen.
    document.documentLayout()->setPaintDevice(&writer);

    // writer.width() / height(): the page inside its margins, in the writer's dots.
    const qreal width = writer.width();
    QFont footerFont = font;
    footerFont.setPointSizeF(kFooterPoints);
    const qreal footer = QFontMetricsF(footerFont, &writer).height() * 2;
    const QSizeF body(width, writer.height() - footer);
    const qreal dotsPerCssPixel = qreal(kResolution) / 96.0;
    addImages(document, html, width / dotsPerCssPixel);
    document.setHtml(html);
    document.setPageSize(body);

    const QString title = document.metaInformation(QTextDocument::DocumentTitle);
    if (!title.isEmpty())
        writer.setTitle(title);

    const int pages = std::max(1, document.pageCount());
    QPainter painter;
    if (!painter.begin(&writer)) {
        file.cancelWriting();
        return notWritten(path, QCoreApplication::translate("keel::ui::PdfExport",
                                                            "the PDF could not be started"));
    }
    for (int page = 0; page < pages; ++page) {
        if (page > 0 && !writer.newPage()) {
            painter.end();
            file.cancelWriting();
            return notWritten(path, file.errorString());
        }
        const QRectF slice(0, page * body.height(), body.width(), body.height());
        painter.save();
        painter.translate(0, -slice.top());
        document.drawContents(&painter, slice);
        painter.restore();
        painter.setFont(footerFont);
        painter.setPen(QColor(0x59, 0x63, 0x6e));
        painter.drawText(QRectF(0, body.height(), width, footer),
                         Qt::AlignHCenter | Qt::AlignBottom,
                         QCoreApplication::translate("keel::ui::PdfExport", "Page %1 of %2")
                             .arg(page + 1)
                             .arg(pages));
    }
    if (!painter.end()) {
        file.cancelWriting();
        return notWritten(path, QCoreApplication::translate("keel::ui::PdfExport",
                                                            "the PDF could not be finished"));
    }
    if (!file.commit())
        return notWritten(path, file.errorString());
    return {};
}

} // namespace keel::ui
