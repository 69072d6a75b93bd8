// ImageViewer: the large view of an attached image, fit or actual size.
#include "ui/ImageViewer.h"

#include "ui/AttachmentLoader.h"
#include "ui/AttachmentThumbnails.h"

#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QPainter>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QVBoxLayout>
#include <QtMath>

#include <algorithm>
#include <functional>

namespace keel::ui {

// Paints the image: scaled into the widget (fit), or one image pixel per device pixel (actual
// size, the scroll area around it scrolls). The QImage is drawn directly: a huge image is never
// converted as a whole on the GUI thread, and a scaled paint costs only the pixels it covers.
class ImageCanvas : public QWidget {
public:
    explicit ImageCanvas(QWidget* parent)
        : QWidget(parent)
    {
        setBackgroundRole(QPalette::Dark);
        setAutoFillBackground(true);
    }

    // `final`: the full image; false for the stand-in thumbnail (drawn upscaled to fit).
    void setImage(const QImage& image, bool final)
    {
        m_image = image;
        m_final = final;
        updateGeometry();
        update();
    }
    void setFailed(const QString& text)
    {
        m_failure = text;
        update();
    }
    QSize imageSize() const { return m_final ? m_image.size() : QSize(); }
    // The size at one image pixel per device pixel.
    QSize actualSize() const
    {
        if (m_image.isNull())
            return {};
        const qreal ratio = devicePixelRatioF();
        return QSize(qCeil(m_image.width() / ratio), qCeil(m_image.height() / ratio));
    }
    void setActualSize(bool actual)
    {
        m_actual = actual;
        update();
    }

    std::function<void()> onDoubleClick;

protected:
    void mouseDoubleClickEvent(QMouseEvent* event) override
    {
        if (onDoubleClick && event->button() == Qt::LeftButton)
            onDoubleClick();
    }

    void paintEvent(QPaintEvent*) override
    {
        QPainter painter(this);
        if (m_image.isNull()) {
            painter.setPen(palette().color(QPalette::BrightText));
            painter.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap,
                             m_failure.isEmpty() ? ImageViewer::tr("Loading…") : m_failure);
            return;
        }
        painter.setRenderHint(QPainter::SmoothPixmapTransform);
        const QSizeF natural = actualSize();
        QSizeF shown = natural;
        if (!m_actual || !m_final) {
            const QSizeF fitted = natural.scaled(size(), Qt::KeepAspectRatio);
            // A small image keeps its size; the stand-in thumbnail is stretched to fit.
            if (!m_final || fitted.width() < natural.width())
                shown = fitted;
        }
        const QRectF target((width() - shown.width()) / 2, (height() - shown.height()) / 2,
                            shown.width(), shown.height());
        painter.drawImage(target, m_image);
    }

private:
    QImage m_image;
    QString m_failure;
    bool m_final = false;
    bool m_actual = false;
};

ImageViewer::ImageViewer(const core::Attachment& attachment, const QPixmap& preview,
                         QWidget* parent)
    : QDialog(parent)
    , m_attachment(attachment)
    , m_scroll(new QScrollArea)
    , m_canvas(new ImageCanvas(nullptr))
    , m_info(new QLabel)
    , m_sizeButton(new QPushButton)
{
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowTitle(attachment.fileName);
    setAccessibleName(tr("Image viewer: %1").arg(attachment.fileName));
    setSizeGripEnabled(true);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 10);
    layout->setSpacing(10);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setAlignment(Qt::AlignCenter);
    m_scroll->setBackgroundRole(QPalette::Dark);
    m_scroll->setWidgetResizable(true);
    m_scroll->setWidget(m_canvas);
    m_scroll->setAccessibleName(tr("Image"));
    layout->addWidget(m_scroll, 1);

    auto* bar = new QHBoxLayout;
    bar->setContentsMargins(14, 0, 14, 0);
    m_info->setTextFormat(Qt::PlainText);
    m_info->setAccessibleName(tr("Image details"));
    bar->addWidget(m_info, 1);
    m_sizeButton->setEnabled(false); // until the image is there
    connect(m_sizeButton, &QPushButton::clicked, this, [this] { setActualSize(!m_actualSize); });
    bar->addWidget(m_sizeButton);
    auto* close = new QPushButton(tr("Close"));
    close->setAccessibleName(tr("Close the image viewer"));
    connect(close, &QPushButton::clicked, this, &QDialog::reject);
    bar->addWidget(close);
    layout->addLayout(bar);

    m_canvas->onDoubleClick = [this] {
        if (m_loaded && !imageSize().isEmpty())
            setActualSize(!m_actualSize);
    };
    if (!preview.isNull())
        m_canvas->setImage(preview.toImage(), false);
    setActualSize(false);
    updateInfo();

    // Most of the screen, but not more than the window it belongs to needs.
    QSize size(960, 720);
    if (const QScreen* screen =
            parent != nullptr ? parent->screen() : QGuiApplication::primaryScreen())
        size = size.boundedTo(screen->availableGeometry().size() * 0.9);
    resize(size);

    decodeImageOffThread(this, attachment.data, QSize(),
                         [this](const QImage& image) { onDecoded(image); });
}

ImageViewer::~ImageViewer() = default;

QSize ImageViewer::imageSize() const
{
    return m_canvas->imageSize();
}

void ImageViewer::onDecoded(const QImage& image)
{
    m_loaded = true;
    if (image.isNull()) {
        m_canvas->setImage({}, true);
        m_canvas->setFailed(
            tr("%1 cannot be shown: the image could not be decoded.").arg(m_attachment.fileName));
    } else {
        m_canvas->setImage(image, true);
        m_sizeButton->setEnabled(true);
    }
    setActualSize(m_actualSize);
    updateInfo();
    Q_EMIT loaded();
}

void ImageViewer::setActualSize(bool actual)
{
    m_actualSize = actual && m_loaded && !imageSize().isEmpty();
    m_canvas->setActualSize(m_actualSize);
    if (m_actualSize) {
        m_scroll->setWidgetResizable(false);
        m_canvas->resize(m_canvas->actualSize());
    } else {
        m_scroll->setWidgetResizable(true);
    }
    m_sizeButton->setText(m_actualSize ? tr("Fit to window") : tr("Actual size"));
    m_sizeButton->setAccessibleName(m_actualSize ? tr("Fit the image to the window")
                                                 : tr("Show the image at its actual size"));
}

void ImageViewer::updateInfo()
{
    const QSize pixels = imageSize();
    QString text = m_attachment.fileName;
    if (!pixels.isEmpty())
        text +=
            QStringLiteral("  ·  ") + tr("%1 × %2 pixels").arg(pixels.width()).arg(pixels.height());
    text += QStringLiteral("  ·  ") + attachmentSizeText(m_attachment.data.size());
    m_info->setText(text);
}

} // namespace keel::ui
