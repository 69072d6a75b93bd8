// AttachmentDropArea: reading attachable content out of mime data, and the drop region.
#include "ui/AttachmentDropArea.h"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QLabel>
#include <QMimeData>
#include <QUrl>
#include <QWidget>

namespace keel::ui {

namespace {

QStringList localFiles(const QMimeData* data)
{
    QStringList files;
    if (!data->hasUrls())
        return files;
    for (const QUrl& url : data->urls()) {
        if (url.isLocalFile())
            files.append(url.toLocalFile());
    }
    return files;
}

} // namespace

DroppedAttachments attachmentsIn(const QMimeData* data)
{
    DroppedAttachments found;
    if (data == nullptr)
        return found;
    found.files = localFiles(data);
    if (found.files.isEmpty() && data->hasImage())
        found.image = qvariant_cast<QImage>(data->imageData());
    return found;
}

bool hasAttachments(const QMimeData* data)
{
    return data != nullptr && (!localFiles(data).isEmpty() || data->hasImage());
}

AttachmentDropArea::AttachmentDropArea(QWidget* area)
    : QObject(area)
    , m_area(area)
    , m_hint(new QLabel(area))
{
    area->setAcceptDrops(true);
    // A drag entering a child that refuses it (the transcript's read-only text) goes on to the
    // parents until one accepts: the area. Moves and the drop then go to the area directly.
    area->installEventFilter(this);
    m_hint->setText(tr("Drop files or images to attach them"));
    m_hint->setAlignment(Qt::AlignCenter);
    m_hint->setAttribute(Qt::WA_TransparentForMouseEvents);
    m_hint->setAccessibleName(tr("Drop to attach"));
    // A faint wash of the accent colour with a dashed rim; readable on light and dark.
    m_hint->setStyleSheet(QStringLiteral(
        "QLabel { background: rgba(64, 128, 255, 28); border: 2px dashed rgba(64, 128, 255, 150);"
        " border-radius: 12px; font-size: 15px; }"));
    m_hint->hide();
}

bool AttachmentDropArea::isHintShown() const
{
    return m_hint->isVisible();
}

void AttachmentDropArea::showHint(bool show)
{
    if (show) {
        m_hint->setGeometry(m_area->rect().adjusted(8, 8, -8, -8));
        m_hint->raise();
    }
    m_hint->setVisible(show);
}

bool AttachmentDropArea::eventFilter(QObject* watched, QEvent* event)
{
    if (watched != m_area)
        return QObject::eventFilter(watched, event);
    switch (event->type()) {
    case QEvent::DragEnter:
    case QEvent::DragMove: {
        auto* drag = static_cast<QDropEvent*>(event);
        if (!hasAttachments(drag->mimeData())) {
            drag->ignore();
            return true;
        }
        drag->setDropAction(Qt::CopyAction);
        drag->accept();
        showHint(true);
        return true;
    }
    case QEvent::DragLeave:
        showHint(false);
        return true;
    case QEvent::Drop: {
        auto* drop = static_cast<QDropEvent*>(event);
        showHint(false);
        const DroppedAttachments found = attachmentsIn(drop->mimeData());
        if (found.isEmpty()) {
            drop->ignore();
            return true;
        }
        drop->setDropAction(Qt::CopyAction);
        drop->accept();
        if (!found.files.isEmpty())
            Q_EMIT filesDropped(found.files);
        else
            Q_EMIT imageDropped(found.image);
        return true;
    }
    default:
        return QObject::eventFilter(watched, event);
    }
}

} // namespace keel::ui
