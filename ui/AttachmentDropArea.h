// AttachmentDropArea: what a paste or a drop carries that can be attached (local files, else an
// image), and a watcher that lets a whole region of the window (the conversation and the
// composer) take dropped files and images; while something attachable is dragged over it, a
// subtle hint covers the region. Remote URLs are never fetched: only local files count.
#pragma once

#include <QImage>
#include <QObject>
#include <QStringList>

class QLabel;
class QMimeData;
class QWidget;

namespace keel::ui {

struct DroppedAttachments {
    QStringList files{}; // local paths
    QImage image{};      // when there are no files
    bool isEmpty() const { return files.isEmpty() && image.isNull(); }
};

// Local files first (a file manager's drag also carries the names as text), then image data.
DroppedAttachments attachmentsIn(const QMimeData* data);
// Cheap check for drag-enter: the data offers local files or an image (nothing is decoded).
bool hasAttachments(const QMimeData* data);

class AttachmentDropArea : public QObject {
    Q_OBJECT
public:
    // Watches `area` (which must outlive this object, e.g. as its parent) and makes it accept
    // drops, also over children that refuse them (the transcript's read-only text). Children
    // that take drops themselves (the composer) keep doing so.
    explicit AttachmentDropArea(QWidget* area);

    bool isHintShown() const;

Q_SIGNALS:
    void filesDropped(const QStringList& paths);
    void imageDropped(const QImage& image);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void showHint(bool show);

    QWidget* m_area;
    QLabel* m_hint;
};

} // namespace keel::ui
