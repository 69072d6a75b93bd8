// AttachmentThumbnails: the attachments of a message in the transcript, under the user's text:
// images as rounded thumbnails (decoded and scaled off the GUI thread; a click opens them large
// in an ImageViewer), text and code files as quiet chips with name and size. Also the wording
// and painting the composer's chips (AttachmentStrip) share with it.
#pragma once

#include "core/chat/Attachment.h"

#include <QAbstractButton>
#include <QList>
#include <QPixmap>
#include <QWidget>

class QPainter;

namespace keel::ui {

class FlowLayout;
class ImageViewer;

// "1.2 MB"
QString attachmentSizeText(qint64 bytes);
// "PNG image", "Python file", "Text file".
QString attachmentKindText(const core::Attachment& attachment);
// The tooltip: name, kind and size, and the warning (e.g. the text was cut off) if any.
QString attachmentDetails(const core::Attachment& attachment, const QString& warning = {});
// Draws `pixmap` filling `target` (cropped to its aspect, centred) inside rounded corners.
void paintRoundedImage(QPainter& painter, const QRectF& target, const QPixmap& pixmap,
                       qreal radius);

// One image of a message: a placeholder until its thumbnail is decoded, then the picture.
class ImageThumbnail : public QAbstractButton {
    Q_OBJECT
public:
    explicit ImageThumbnail(const core::Attachment& attachment, QWidget* parent = nullptr);

    const core::Attachment& attachment() const { return m_attachment; }
    QPixmap thumbnail() const { return m_pixmap; }
    bool isDecoded() const { return !m_pixmap.isNull(); }
    // The bytes could not be decoded: the name is shown instead of a picture.
    bool isUndecodable() const { return m_failed; }
    // Opens the image large (what a click does); the viewer deletes itself when closed.
    ImageViewer* openViewer();

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override { return sizeHint(); }

    static constexpr int kMaxPx = 160; // the longer side of a thumbnail
    static constexpr int kMinPx = 64;  // the shorter side, at least
    static constexpr int kPlaceholderPx = 120;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    void onDecoded(const QImage& image);

    core::Attachment m_attachment;
    QPixmap m_pixmap;
    QSize m_size{kPlaceholderPx, kPlaceholderPx};
    bool m_failed = false;
};

// A text or code file of a message: icon, name and size.
class FileChip : public QWidget {
    Q_OBJECT
public:
    explicit FileChip(const core::Attachment& attachment, const QString& warning = {},
                      QWidget* parent = nullptr);
    const core::Attachment& attachment() const { return m_attachment; }
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override { return sizeHint(); }

    static constexpr int kMaxNameWidth = 220;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QString sizeLabel() const; // with a warning mark when the text was cut off

    core::Attachment m_attachment;
    bool m_warned;
};

class AttachmentThumbnails : public QWidget {
    Q_OBJECT
public:
    explicit AttachmentThumbnails(QWidget* parent = nullptr);

    // Rebuilds the row unless the attachments are the ones already shown.
    void setAttachments(const QList<core::Attachment>& attachments);
    const QList<core::Attachment>& attachments() const { return m_attachments; }
    QList<ImageThumbnail*> imageThumbnails() const;
    QList<FileChip*> fileChips() const;

private:
    QList<core::Attachment> m_attachments;
    FlowLayout* m_layout;
};

} // namespace keel::ui
