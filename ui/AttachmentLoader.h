// AttachmentLoader: the composer's attachments are read, classified and thumbnailed off the GUI
// thread. A file is read and classified (core::attachmentFromFile) on the worker pool, a pasted
// image is encoded to PNG there, and image thumbnails are decoded and scaled there; the answers
// come back queued and reach the loader only if it still exists. The GUI thread only turns the
// finished, small QImages into pixmaps. decodeImageOffThread does the same for the transcript's
// thumbnails and the image viewer: a 20 MB PNG never freezes the window.
#pragma once

#include "core/chat/Attachment.h"

#include <QImage>
#include <QMap>
#include <QObject>
#include <QSize>
#include <QStringList>

#include <functional>

namespace keel::ui {

class AttachmentLoader : public QObject {
    Q_OBJECT
public:
    explicit AttachmentLoader(QObject* parent = nullptr);

    // Each file is read on the worker pool; one loaded() or failed() per path, in the order
    // asked for (files read early wait for those before them).
    void loadFiles(const QStringList& paths);
    // A pasted or dropped image (no file behind it): encoded to PNG on the worker pool.
    void loadImage(const QImage& image);
    // Files and images still being read.
    int pendingCount() const { return m_pending; }

    // The box the composer chips' thumbnails are scaled into (device pixels: room for 2x).
    static constexpr int kThumbnailPx = 112;

Q_SIGNALS:
    // thumbnail: the image scaled to fit kThumbnailPx (null for text, or when it cannot be
    // decoded); warning: e.g. the text was cut off.
    void loaded(const keel::core::Attachment& attachment, const QImage& thumbnail,
                const QString& warning);
    // A human sentence naming the file ("notes.pdf is neither an image … nor a text file.").
    void failed(const QString& error);
    void pendingChanged(int count);

private:
    struct Finished {
        core::AttachmentLoad load{};
        QImage thumbnail{};
    };
    void finish(quint64 ticket, const Finished& result);

    int m_pending = 0;
    quint64 m_issued = 0;               // tickets handed out, one per file or image
    quint64 m_delivered = 0;            // tickets answered: the next one to answer
    QMap<quint64, Finished> m_finished; // done, waiting for earlier tickets
};

// Decodes image bytes, turned upright by their EXIF orientation, and scaled to fit maxSize
// (an invalid size: full size). A null image when the bytes cannot be decoded. Blocking: for the
// worker pool only.
QImage decodeImage(const QByteArray& bytes, QSize maxSize);
// decodeImage on the worker pool; `done` runs on context's thread with the result, unless
// context was destroyed meanwhile.
void decodeImageOffThread(QObject* context, const QByteArray& bytes, QSize maxSize,
                          std::function<void(const QImage&)> done);

} // namespace keel::ui
