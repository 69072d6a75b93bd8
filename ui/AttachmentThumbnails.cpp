// AttachmentThumbnails: a message's images and files in the transcript, and the shared wording.
#include "ui/AttachmentThumbnails.h"

#include "ui/AttachmentLoader.h"
#include "ui/FlowLayout.h"
#include "ui/ImageViewer.h"
#include "ui/ThemePalette.h"
#include "ui/WidgetPainting.h"

#include <QFileInfo>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>
#include <QStyle>

#include <algorithm>

namespace keel::ui {

namespace {

constexpr qreal kRadius = 8;

// The same attachments as shown, without comparing megabytes of image bytes.
bool sameAttachments(const QList<core::Attachment>& a, const QList<core::Attachment>& b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        const core::Attachment& x = a.at(i);
        const core::Attachment& y = b.at(i);
        if (x.fileName != y.fileName || x.kind != y.kind || x.data.size() != y.data.size()
            || x.originalSize != y.originalSize)
            return false;
        const bool sameBytes = x.data.constData() == y.data.constData()
                               || (x.id != 0 && x.id == y.id) || x.data == y.data;
        if (!sameBytes)
            return false;
    }
    return true;
}

} // namespace

QString attachmentSizeText(qint64 bytes)
{
    // "1.2 MB" as file managers write it, not "1.2 MiB".
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

QString attachmentKindText(const core::Attachment& attachment)
{
    if (attachment.isImage()) {
        const QString format = attachment.mimeType.section(QLatin1Char('/'), 1).toUpper();
        return format.isEmpty() ? QObject::tr("Image") : QObject::tr("%1 image").arg(format);
    }
    const QString language = core::fenceLanguageFor(attachment.fileName);
    if (language.isEmpty())
        return QObject::tr("Text file");
    QString name = language;
    name[0] = name.at(0).toUpper();
    return QObject::tr("%1 file").arg(name);
}

QString attachmentDetails(const core::Attachment& attachment, const QString& warning)
{
    QString text =
        QObject::tr("%1\n%2, %3")
            .arg(attachment.fileName, attachmentKindText(attachment),
                 attachmentSizeText(attachment.originalSize > 0 ? attachment.originalSize
                                                                : attachment.data.size()));
    if (!warning.isEmpty())
        text += QLatin1Char('\n') + warning;
    else if (attachment.truncated)
        text += QLatin1Char('\n')
                + QObject::tr("Only the first %1 are sent.")
                      .arg(attachmentSizeText(attachment.data.size()));
    return text;
}

void paintRoundedImage(QPainter& painter, const QRectF& target, const QPixmap& pixmap, qreal radius)
{
    if (pixmap.isNull() || target.isEmpty())
        return;
    // The part of the picture with the target's aspect, centred: a thumbnail is filled, never
    // letterboxed.
    const QSizeF source = pixmap.size();
    const qreal scale =
        std::max(target.width() / source.width(), target.height() / source.height());
    const QSizeF shown(target.width() / scale, target.height() / scale);
    const QRectF from((source.width() - shown.width()) / 2, (source.height() - shown.height()) / 2,
                      shown.width(), shown.height());
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::SmoothPixmapTransform);
    QPainterPath clip;
    clip.addRoundedRect(target, radius, radius);
    painter.setClipPath(clip);
    painter.drawPixmap(target, pixmap, from);
    painter.restore();
}

// --- ImageThumbnail -----------------------------------------------------------------------------

ImageThumbnail::ImageThumbnail(const core::Attachment& attachment, QWidget* parent)
    : QAbstractButton(parent)
    , m_attachment(attachment)
{
    setCursor(Qt::PointingHandCursor);
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_Hover);
    setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    setAccessibleName(tr("Image %1").arg(attachment.fileName));
    setAccessibleDescription(tr("Opens the image large"));
    setToolTip(attachmentDetails(attachment));
    connect(this, &QAbstractButton::clicked, this, &ImageThumbnail::openViewer);
    // Room for two device pixels per pixel; decoded on the worker pool.
    decodeImageOffThread(this, attachment.data, QSize(2 * kMaxPx, 2 * kMaxPx),
                         [this](const QImage& image) { onDecoded(image); });
}

void ImageThumbnail::onDecoded(const QImage& image)
{
    if (image.isNull()) {
        m_failed = true;
        update();
        return;
    }
    m_pixmap = QPixmap::fromImage(image); // small already: cheap on the GUI thread
    const qreal scale =
        std::min(1.0, std::min(qreal(kMaxPx) / image.width(), qreal(kMaxPx) / image.height()));
    m_size = QSize(std::max(kMinPx, qRound(image.width() * scale)),
                   std::max(kMinPx, qRound(image.height() * scale)));
    updateGeometry();
    update();
}

ImageViewer* ImageThumbnail::openViewer()
{
    auto* viewer = new ImageViewer(m_attachment, m_pixmap, window());
    viewer->show();
    viewer->raise();
    viewer->activateWindow();
    return viewer;
}

QSize ImageThumbnail::sizeHint() const
{
    return m_size;
}

void ImageThumbnail::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QPalette& colors = palette();
    const QRectF box = QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5);
    if (!m_pixmap.isNull()) {
        paintRoundedImage(painter, box, m_pixmap, kRadius);
        if (underMouse() || isDown()) {
            painter.setPen(Qt::NoPen);
            painter.setBrush(QColor(0, 0, 0, isDown() ? 60 : 28));
            painter.drawRoundedRect(box, kRadius, kRadius);
        }
        painter.setPen(
            QPen(mix(colors.color(QPalette::Base), colors.color(QPalette::Text), 0.15), 1));
        painter.setBrush(Qt::NoBrush);
        painter.drawRoundedRect(box, kRadius, kRadius);
    } else {
        // Still decoding, or not decodable: a quiet box, with the name when it will stay so.
        painter.setPen(
            QPen(mix(colors.color(QPalette::Base), colors.color(QPalette::Text), 0.2), 1));
        painter.setBrush(mix(colors.color(QPalette::Base), colors.color(QPalette::Text), 0.06));
        painter.drawRoundedRect(box, kRadius, kRadius);
        if (m_failed) {
            painter.setPen(mix(colors.color(QPalette::Text), colors.color(QPalette::Base), 0.4));
            const QRect inner = rect().adjusted(8, 8, -8, -8);
            painter.drawText(inner, Qt::AlignCenter | Qt::TextWrapAnywhere,
                             fontMetrics().elidedText(m_attachment.fileName, Qt::ElideMiddle,
                                                      inner.width() * 3));
        }
    }
    paintFocusRing(painter, *this, box, kRadius, 2);
}

// --- FileChip -----------------------------------------------------------------------------------

FileChip::FileChip(const core::Attachment& attachment, const QString& warning, QWidget* parent)
    : QWidget(parent)
    , m_attachment(attachment)
    , m_warned(!warning.isEmpty() || attachment.truncated)
{
    setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    setAccessibleName(
        tr("File %1, %2").arg(attachment.fileName, attachmentSizeText(attachment.originalSize)));
    setToolTip(attachmentDetails(attachment, warning));
}

QSize FileChip::sizeHint() const
{
    const QFontMetrics metrics = fontMetrics();
    const int name = std::min(kMaxNameWidth, metrics.horizontalAdvance(m_attachment.fileName));
    const int size = metrics.horizontalAdvance(sizeLabel());
    return {10 + 16 + 8 + name + 10 + size + 12, metrics.height() + 16};
}

QString FileChip::sizeLabel() const
{
    const QString size = attachmentSizeText(m_attachment.originalSize);
    return m_warned ? size + QStringLiteral("  ⚠") : size;
}

void FileChip::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QPalette& colors = palette();
    const QColor text = colors.color(QPalette::Text);
    const QColor base = colors.color(QPalette::Base);
    const QRectF box = QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5);
    painter.setPen(QPen(mix(base, text, 0.2), 1));
    painter.setBrush(base);
    painter.drawRoundedRect(box, kRadius, kRadius);

    const QIcon icon = style()->standardIcon(QStyle::SP_FileIcon, nullptr, this);
    const int iconTop = (height() - 16) / 2;
    icon.paint(&painter, QRect(10, iconTop, 16, 16));

    const QFontMetrics metrics = fontMetrics();
    int x = 10 + 16 + 8;
    const QString name = metrics.elidedText(m_attachment.fileName, Qt::ElideMiddle, kMaxNameWidth);
    painter.setPen(text);
    painter.drawText(QRect(x, 0, width() - x, height()), Qt::AlignVCenter | Qt::AlignLeft, name);
    x += metrics.horizontalAdvance(name) + 10;
    painter.setPen(mix(text, base, 0.45));
    painter.drawText(QRect(x, 0, width() - x, height()), Qt::AlignVCenter | Qt::AlignLeft,
                     sizeLabel());
}

// --- AttachmentThumbnails -----------------------------------------------------------------------

AttachmentThumbnails::AttachmentThumbnails(QWidget* parent)
    : QWidget(parent)
    , m_layout(new FlowLayout(this, 8))
{
    setAccessibleName(tr("Attachments"));
    QSizePolicy policy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
}

void AttachmentThumbnails::setAttachments(const QList<core::Attachment>& attachments)
{
    if (sameAttachments(attachments, m_attachments))
        return;
    m_attachments = attachments;
    while (QLayoutItem* item = m_layout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    for (const core::Attachment& attachment : attachments) {
        QWidget* item = attachment.isImage()
                            ? static_cast<QWidget*>(new ImageThumbnail(attachment, this))
                            : new FileChip(attachment, {}, this);
        m_layout->addWidget(item);
        item->show(); // now: the layout would show it only later
    }
    setVisible(!attachments.isEmpty());
    updateGeometry();
}

QList<ImageThumbnail*> AttachmentThumbnails::imageThumbnails() const
{
    return findChildren<ImageThumbnail*>(Qt::FindDirectChildrenOnly);
}

QList<FileChip*> AttachmentThumbnails::fileChips() const
{
    return findChildren<FileChip*>(Qt::FindDirectChildrenOnly);
}

} // namespace keel::ui
