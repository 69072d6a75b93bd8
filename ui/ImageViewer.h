// ImageViewer: an attached image, large, in a window of its own: scaled to fit the window, or at
// its actual size (scrollable) on demand (the button, or a double click). The full image is
// decoded off the GUI thread; meanwhile the thumbnail stands in. Esc closes it.
#pragma once

#include "core/chat/Attachment.h"

#include <QDialog>
#include <QImage>
#include <QPixmap>

class QLabel;
class QPushButton;
class QScrollArea;

namespace keel::ui {

class ImageCanvas;

class ImageViewer : public QDialog {
    Q_OBJECT
public:
    // `preview`: the thumbnail shown until the full image is decoded (may be null).
    ImageViewer(const core::Attachment& attachment, const QPixmap& preview,
                QWidget* parent = nullptr);
    ~ImageViewer() override;

    const core::Attachment& attachment() const { return m_attachment; }
    // The full image has been decoded (or found undecodable).
    bool isLoaded() const { return m_loaded; }
    // Its size in pixels; empty until loaded or when it cannot be decoded.
    QSize imageSize() const;
    bool isActualSize() const { return m_actualSize; }
    void setActualSize(bool actual);
    QPushButton* sizeButton() const { return m_sizeButton; }

Q_SIGNALS:
    void loaded();

private:
    void onDecoded(const QImage& image);
    void updateInfo();

    core::Attachment m_attachment;
    QScrollArea* m_scroll;
    ImageCanvas* m_canvas;
    QLabel* m_info;
    QPushButton* m_sizeButton;
    bool m_actualSize = false;
    bool m_loaded = false;
};

} // namespace keel::ui
