// AttachmentStrip: the composer's attachment chips and the way files get into them.
#include "ui/AttachmentStrip.h"

#include "ui/AttachmentLoader.h"
#include "ui/AttachmentThumbnails.h"
#include "ui/FlowLayout.h"
#include "ui/ThemePalette.h"

#include <QApplication>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPainter>
#include <QPainterPath>
#include <QStandardPaths>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace keel::ui {

namespace {

constexpr int kPreviewPx = 36;
constexpr int kPadding = 6;
constexpr qreal kRadius = 8;
constexpr int kMaxNameWidth = 180;

QString fileFilter()
{
    const QString images = QStringLiteral("*.png *.jpg *.jpeg *.webp *.gif");
    const QString text = QStringLiteral(
        "*.txt *.md *.markdown *.rst *.csv *.tsv *.log *.json *.jsonc *.yaml *.yml *.toml *.ini "
        "*.cfg *.conf *.xml *.html *.htm *.css *.scss *.js *.mjs *.jsx *.ts *.tsx *.py *.c *.h "
        "*.cpp *.cc *.cxx *.hpp *.hh *.rs *.go *.java *.kt *.swift *.rb *.php *.pl *.lua *.sh "
        "*.bash *.zsh *.ps1 *.sql *.diff *.patch *.cmake *.gradle *.proto *.tex");
    return QObject::tr("Images and text files (%1 %2)").arg(images, text) + QStringLiteral(";;")
           + QObject::tr("Images (%1)").arg(images) + QStringLiteral(";;")
           + QObject::tr("Text and code files (%1)").arg(text) + QStringLiteral(";;")
           + QObject::tr("All files (*)");
}

// A paperclip drawn in the button's text colour (there is no icon theme to rely on), redrawn
// when the palette changes (light / dark).
QIcon paperclipIcon(const QColor& ink)
{
    constexpr int kSide = 20;
    QPixmap pixmap(kSide * 2, kSide * 2);
    pixmap.setDevicePixelRatio(2);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.translate(kSide / 2.0, kSide / 2.0 + 1);
    painter.rotate(40);
    painter.scale(0.8, 0.8);
    // A wire in three straight runs joined by half circles, as a paperclip bends.
    QPainterPath clip;
    clip.moveTo(-2, 4);
    clip.lineTo(-2, -4);
    clip.arcTo(QRectF(-2, -6, 4, 4), 180, -180);
    clip.lineTo(2, 6);
    clip.arcTo(QRectF(-4, 3, 6, 6), 0, -180);
    clip.lineTo(-4, -7);
    clip.arcTo(QRectF(-4, -11, 8, 8), 180, -180);
    clip.lineTo(4, 3);
    painter.setPen(QPen(ink, 1.7, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    painter.setBrush(Qt::NoBrush);
    painter.drawPath(clip);
    painter.end();
    return QIcon(pixmap);
}

class AttachButton : public QToolButton {
public:
    explicit AttachButton(QWidget* parent)
        : QToolButton(parent)
    {
        setAutoRaise(true);
        setIconSize(QSize(20, 20));
        updateIcon();
    }

protected:
    void changeEvent(QEvent* event) override
    {
        QToolButton::changeEvent(event);
        if (event->type() == QEvent::PaletteChange)
            updateIcon();
    }

private:
    void updateIcon()
    {
        setIcon(paperclipIcon(
            mix(palette().color(QPalette::ButtonText), palette().color(QPalette::Button), 0.25)));
    }
};

} // namespace

// --- AttachmentChip -----------------------------------------------------------------------------

AttachmentChip::AttachmentChip(const core::Attachment& attachment, const QImage& thumbnail,
                               const QString& warning, QWidget* parent)
    : QWidget(parent)
    , m_attachment(attachment)
    , m_thumbnail(QPixmap::fromImage(thumbnail)) // small already
    , m_warning(warning)
    , m_name(new QLabel(this))
    , m_detail(new QLabel(this))
    , m_remove(new QToolButton(this))
{
    setFocusPolicy(Qt::StrongFocus);
    setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    setAccessibleName(tr("Attachment %1").arg(attachment.fileName));
    setAccessibleDescription(tr("Delete removes it"));
    const QString details = attachmentDetails(attachment, warning);
    setToolTip(details);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(kPadding + kPreviewPx + 8, kPadding, 4, kPadding);
    layout->setSpacing(4);
    auto* text = new QVBoxLayout;
    text->setSpacing(0);
    m_name->setTextFormat(Qt::PlainText);
    m_name->setText(
        m_name->fontMetrics().elidedText(attachment.fileName, Qt::ElideMiddle, kMaxNameWidth));
    text->addWidget(m_name);
    QString detail = attachmentSizeText(attachment.originalSize > 0 ? attachment.originalSize
                                                                    : attachment.data.size());
    if (!warning.isEmpty())
        detail = tr("⚠ %1 — cut off").arg(detail);
    m_detail->setTextFormat(Qt::PlainText);
    m_detail->setText(detail);
    QFont small = m_detail->font();
    small.setPointSizeF(small.pointSizeF() * 0.88);
    m_detail->setFont(small);
    QPalette muted = m_detail->palette();
    muted.setColor(QPalette::WindowText, mix(palette().color(QPalette::WindowText),
                                             palette().color(QPalette::Window), 0.4));
    m_detail->setPalette(muted);
    text->addWidget(m_detail);
    layout->addLayout(text);

    m_remove->setText(QStringLiteral("×"));
    static_cast<QToolButton*>(m_remove)->setAutoRaise(true);
    m_remove->setFocusPolicy(Qt::StrongFocus);
    m_remove->setAccessibleName(tr("Remove %1").arg(attachment.fileName));
    m_remove->setToolTip(tr("Remove %1").arg(attachment.fileName));
    connect(m_remove, &QAbstractButton::clicked, this, &AttachmentChip::removeRequested);
    layout->addWidget(m_remove, 0, Qt::AlignTop);
}

QSize AttachmentChip::sizeHint() const
{
    return QWidget::sizeHint().expandedTo(QSize(0, kPreviewPx + 2 * kPadding));
}

void AttachmentChip::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QPalette& colors = palette();
    const QColor ink = colors.color(QPalette::Text);
    const QColor paper = colors.color(QPalette::Base);
    const QRectF box = QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5);
    const bool focused = hasFocus();
    painter.setPen(QPen(focused ? colors.color(QPalette::Highlight) : mix(paper, ink, 0.2),
                        focused ? 1.5 : 1));
    painter.setBrush(mix(paper, ink, 0.03));
    painter.drawRoundedRect(box, kRadius, kRadius);

    const QRectF preview(kPadding, (height() - kPreviewPx) / 2.0, kPreviewPx, kPreviewPx);
    if (!m_thumbnail.isNull()) {
        paintRoundedImage(painter, preview, m_thumbnail, kRadius - 3);
        return;
    }
    // A text file, or an image that could not be decoded: the platform's file icon on a tile.
    painter.setPen(Qt::NoPen);
    painter.setBrush(mix(paper, ink, 0.08));
    painter.drawRoundedRect(preview, kRadius - 3, kRadius - 3);
    const QIcon icon = style()->standardIcon(
        m_attachment.isImage() ? QStyle::SP_FileDialogContentsView : QStyle::SP_FileIcon, nullptr,
        this);
    icon.paint(&painter, preview.adjusted(8, 8, -8, -8).toRect());
}

void AttachmentChip::keyPressEvent(QKeyEvent* event)
{
    if ((event->key() == Qt::Key_Delete || event->key() == Qt::Key_Backspace)
        && event->modifiers() == Qt::NoModifier) {
        event->accept();
        Q_EMIT removeRequested();
        return;
    }
    QWidget::keyPressEvent(event);
}

void AttachmentChip::focusInEvent(QFocusEvent* event)
{
    QWidget::focusInEvent(event);
    update();
}

void AttachmentChip::focusOutEvent(QFocusEvent* event)
{
    QWidget::focusOutEvent(event);
    update();
}

// --- AttachmentStrip ----------------------------------------------------------------------------

AttachmentStrip::AttachmentStrip(QWidget* parent)
    : QWidget(parent)
    , m_loader(new AttachmentLoader(this))
    , m_layout(new FlowLayout(this, 6))
{
    setAccessibleName(tr("Attachments"));
    QSizePolicy policy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
    hide();

    connect(m_loader, &AttachmentLoader::loaded, this,
            [this](const core::Attachment& attachment, const QImage& thumbnail,
                   const QString& warning) { addAttachment(attachment, thumbnail, warning); });
    connect(m_loader, &AttachmentLoader::failed, this, &AttachmentStrip::notice);
    connect(m_loader, &AttachmentLoader::pendingChanged, this, &AttachmentStrip::changed);
}

int AttachmentStrip::room() const
{
    return std::max(0, core::kMaxAttachments - count() - m_loader->pendingCount());
}

bool AttachmentStrip::isLoading() const
{
    return m_loader->pendingCount() > 0;
}

void AttachmentStrip::addFiles(const QStringList& paths)
{
    if (paths.isEmpty())
        return;
    const int fits = std::min(room(), int(paths.size()));
    if (fits < paths.size()) {
        QStringList left;
        for (qsizetype i = fits; i < paths.size(); ++i)
            left.append(QFileInfo(paths.at(i)).fileName());
        Q_EMIT notice(tr("A message can have at most %1 attachments; not attached: %2.")
                          .arg(core::kMaxAttachments)
                          .arg(left.join(QStringLiteral(", "))));
    }
    m_loader->loadFiles(paths.mid(0, fits));
}

void AttachmentStrip::addImage(const QImage& image)
{
    if (room() == 0) {
        Q_EMIT notice(tr("A message can have at most %1 attachments; the image was not attached.")
                          .arg(core::kMaxAttachments));
        return;
    }
    m_loader->loadImage(image);
}

void AttachmentStrip::chooseFiles()
{
    const QString pictures = QStandardPaths::writableLocation(QStandardPaths::PicturesLocation);
    auto* dialog = new QFileDialog(window(), tr("Attach files"), pictures, fileFilter());
    dialog->setObjectName(QStringLiteral("attachFilesDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFiles);
    connect(dialog, &QFileDialog::filesSelected, this, &AttachmentStrip::addFiles);
    dialog->open(); // window-modal, no nested event loop
}

QAbstractButton* AttachmentStrip::createAttachButton(QWidget* parent)
{
    auto* button = new AttachButton(parent);
    m_attachButton = button;
    button->setAccessibleName(tr("Attach files"));
    button->setToolTip(tr("Attach images or text files (you can also drop or paste them)"));
    connect(button, &QToolButton::clicked, this, &AttachmentStrip::chooseFiles);
    return button;
}

void AttachmentStrip::addAttachment(const core::Attachment& attachment, const QImage& thumbnail,
                                    const QString& warning)
{
    // Files read while others were removed may still overshoot: the limit holds anyway.
    if (count() >= core::kMaxAttachments) {
        Q_EMIT notice(tr("A message can have at most %1 attachments; %2 was not attached.")
                          .arg(core::kMaxAttachments)
                          .arg(attachment.fileName));
        return;
    }
    // Tab goes through the chips in order, right after the Attach button.
    QWidget* before = m_chips.isEmpty() ? m_attachButton.data() : m_chips.last()->removeButton();
    auto* chip = new AttachmentChip(attachment, thumbnail, warning, this);
    connect(chip, &AttachmentChip::removeRequested, this, [this, chip] { remove(chip); });
    if (before != nullptr) {
        QWidget::setTabOrder(before, chip);
        QWidget::setTabOrder(chip, chip->removeButton());
    }
    m_chips.append(chip);
    m_layout->addWidget(chip);
    chip->show(); // now: the layout would show it only later
    show();
    updateGeometry();
    Q_EMIT changed();
}

QList<core::Attachment> AttachmentStrip::attachments() const
{
    QList<core::Attachment> out;
    out.reserve(m_chips.size());
    for (const AttachmentChip* chip : m_chips)
        out.append(chip->attachment());
    return out;
}

void AttachmentStrip::removeAt(int index)
{
    if (index >= 0 && index < m_chips.size())
        remove(m_chips.at(index));
}

void AttachmentStrip::remove(AttachmentChip* chip)
{
    const qsizetype at = m_chips.indexOf(chip);
    if (at < 0)
        return;
    const QWidget* focused = QApplication::focusWidget();
    const bool hadFocus = focused != nullptr && (focused == chip || chip->isAncestorOf(focused));
    m_chips.removeAt(at);
    chip->hide();
    chip->deleteLater(); // the request may come from its own button
    // The keyboard stays among the chips: on the next one, or the one before.
    if (hadFocus && !m_chips.isEmpty())
        m_chips.at(std::min(at, m_chips.size() - 1))->setFocus(Qt::OtherFocusReason);
    setVisible(!m_chips.isEmpty());
    updateGeometry();
    Q_EMIT changed();
}

void AttachmentStrip::clear()
{
    for (AttachmentChip* chip : std::as_const(m_chips)) {
        chip->hide();
        chip->deleteLater();
    }
    m_chips.clear();
    hide();
    Q_EMIT changed();
}

} // namespace keel::ui
