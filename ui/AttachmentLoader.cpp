// AttachmentLoader: worker-pool jobs for attachments, and their answers back on the GUI thread.
#include "ui/AttachmentLoader.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QDateTime>
#include <QImageReader>
#include <QImageWriter>
#include <QPointer>
#include <QThreadPool>

#include <utility>

namespace keel::ui {

namespace {

// Runs `job` on the worker pool and `done` with its result on the GUI thread. The answer goes
// through the application object, which outlives every widget; it reaches `done` only if
// `context` still exists (the QPointer is only read on the GUI thread).
template <typename Result, typename Job, typename Done>
void runOffThread(QObject* context, Job job, Done done)
{
    QPointer<QObject> guard(context);
    QThreadPool::globalInstance()->start([guard, job = std::move(job), done = std::move(done)] {
        Result result = job();
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [guard, done, result = std::move(result)] {
                if (guard)
                    done(result);
            },
            Qt::QueuedConnection);
    });
}

QImage thumbnailFor(const core::AttachmentLoad& load)
{
    if (!load.attachment || !load.attachment->isImage())
        return {};
    const int px = AttachmentLoader::kThumbnailPx;
    return decodeImage(load.attachment->data, QSize(px, px));
}

} // namespace

QImage decodeImage(const QByteArray& bytes, QSize maxSize)
{
    QByteArray copy = bytes; // shared, not copied: QBuffer wants a non-const array
    QBuffer buffer(&copy);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    reader.setAutoTransform(true);
    QImage image = reader.read();
    if (image.isNull())
        return image;
    if (maxSize.isValid() && (image.width() > maxSize.width() || image.height() > maxSize.height()))
        image = image.scaled(maxSize, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    // The formats the raster painter draws without converting the whole image on every paint.
    image.convertTo(image.hasAlphaChannel() ? QImage::Format_ARGB32_Premultiplied
                                            : QImage::Format_RGB32);
    return image;
}

void decodeImageOffThread(QObject* context, const QByteArray& bytes, QSize maxSize,
                          std::function<void(const QImage&)> done)
{
    runOffThread<QImage>(
        context, [bytes, maxSize] { return decodeImage(bytes, maxSize); }, std::move(done));
}

AttachmentLoader::AttachmentLoader(QObject* parent)
    : QObject(parent)
{
}

void AttachmentLoader::loadFiles(const QStringList& paths)
{
    for (const QString& path : paths) {
        ++m_pending;
        runOffThread<Finished>(
            this,
            [path] {
                Finished result;
                result.load = core::attachmentFromFile(path);
                result.thumbnail = thumbnailFor(result.load);
                return result;
            },
            [this, ticket = m_issued++](const Finished& result) { finish(ticket, result); });
    }
    if (!paths.isEmpty())
        Q_EMIT pendingChanged(m_pending);
}

void AttachmentLoader::loadImage(const QImage& image)
{
    if (image.isNull()) {
        Q_EMIT failed(tr("The pasted image could not be read."));
        return;
    }
    // Named by the time it was pasted, so that several pasted images can be told apart.
    const QString name =
        tr("Pasted image %1.png")
            .arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyy-MM-dd HH.mm.ss")));
    ++m_pending;
    runOffThread<Finished>(
        this,
        [image, name] {
            QByteArray png;
            QBuffer buffer(&png);
            buffer.open(QIODevice::WriteOnly);
            QImageWriter writer(&buffer, "png");
            Finished result;
            if (!writer.write(image))
                return result; // no attachment and no error: finish() says so
            result.load = core::attachmentFromBytes(name, png);
            result.thumbnail = thumbnailFor(result.load);
            return result;
        },
        [this, ticket = m_issued++](const Finished& result) { finish(ticket, result); });
    Q_EMIT pendingChanged(m_pending);
}

void AttachmentLoader::finish(quint64 ticket, const Finished& result)
{
    m_finished.insert(ticket, result);
    // Chips appear in the order the files were chosen, whichever was read first.
    while (!m_finished.isEmpty() && m_finished.firstKey() == m_delivered) {
        const Finished next = m_finished.take(m_delivered);
        ++m_delivered;
        --m_pending;
        const core::AttachmentLoad& load = next.load;
        if (load.attachment)
            Q_EMIT loaded(*load.attachment, next.thumbnail, load.warning);
        else
            Q_EMIT failed(load.error.isEmpty() ? tr("The pasted image could not be read.")
                                               : load.error);
    }
    Q_EMIT pendingChanged(m_pending);
}

} // namespace keel::ui
