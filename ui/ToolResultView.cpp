// ToolResultView: a tool result's text, images, resources and audio inside a tool card.
#include "ui/ToolResultView.h"

#include "ui/MessageTextView.h"
#include "ui/QuietButton.h"
#include "ui/ThemePalette.h"

#include <QBuffer>
#include <QEvent>
#include <QFontDatabase>
#include <QImageReader>
#include <QLabel>
#include <QLocale>
#include <QPixmap>
#include <QVBoxLayout>

namespace keel::ui {

namespace {

bool sameContent(const core::ToolContent& a, const core::ToolContent& b)
{
    return a.kind == b.kind && a.text == b.text && a.mimeType == b.mimeType && a.data == b.data
           && a.uri == b.uri;
}

bool sameResult(const core::ToolResult& a, const core::ToolResult& b)
{
    if (a.isError != b.isError || a.content.size() != b.content.size())
        return false;
    for (qsizetype i = 0; i < a.content.size(); ++i) {
        if (!sameContent(a.content.at(i), b.content.at(i)))
            return false;
    }
    return true;
}

QString sizeText(qsizetype bytes)
{
    if (bytes >= 1024 * 1024)
        return ToolResultView::tr("%1 MB").arg(
            QLocale().toString(double(bytes) / (1024.0 * 1024.0), 'f', 1));
    return ToolResultView::tr("%1 KB").arg(std::max<qsizetype>(1, (bytes + 512) / 1024));
}

QFont monospace(const QFont& base)
{
    QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    font.setPointSizeF(base.pointSizeF() * 0.92);
    return font;
}

} // namespace

ToolResultView::ToolResultView(QWidget* parent)
    : QWidget(parent)
    , m_layout(new QVBoxLayout(this))
{
    setObjectName(QStringLiteral("toolResult"));
    setAccessibleName(tr("Result"));
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(4);
}

void ToolResultView::setResult(const core::ToolResult& result, bool error)
{
    if (sameResult(result, m_result) && error == m_error)
        return;
    const bool sameContent = sameResult(result, m_result);
    m_result = result;
    m_error = error;
    setAccessibleName(error ? tr("Error") : tr("Result"));
    if (!sameContent)
        rebuild();
    applyPalette();
}

void ToolResultView::rebuild()
{
    while (QLayoutItem* item = m_layout->takeAt(0)) {
        delete item->widget(); // nothing of the old result is on the stack: no signal of it runs
        delete item;
    }
    for (const core::ToolContent& piece : std::as_const(m_result.content)) {
        switch (piece.kind) {
        case core::ToolContent::Kind::Text:
            addText(piece.text);
            break;
        case core::ToolContent::Kind::Image:
            addImage(piece);
            break;
        case core::ToolContent::Kind::Audio:
            addNote(tr("[audio, %1]").arg(sizeText(piece.data.size())));
            break;
        case core::ToolContent::Kind::Resource:
            addNote(piece.uri);
            if (!piece.text.isEmpty())
                addText(piece.text);
            else if (!piece.data.isEmpty())
                addNote(piece.mimeType.isEmpty()
                            ? tr("[resource, %1]").arg(sizeText(piece.data.size()))
                            : tr("[resource, %1, %2]")
                                  .arg(piece.mimeType, sizeText(piece.data.size())));
            break;
        case core::ToolContent::Kind::ResourceLink:
            addNote(piece.uri);
            if (!piece.text.isEmpty())
                addNote(piece.text);
            break;
        }
    }
}

void ToolResultView::addText(const QString& text)
{
    auto* piece = new QWidget(this);
    auto* layout = new QVBoxLayout(piece);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    auto* view = new MessageTextView(piece);
    view->setObjectName(QStringLiteral("toolResultText"));
    view->document()->setUndoRedoEnabled(false);
    view->setFont(monospace(font()));
    layout->addWidget(view);
    if (text.size() <= kTruncateAt) {
        view->setPlainText(text);
    } else {
        // Rendering a huge text costs the GUI thread; most people only need its beginning.
        view->setPlainText(text.left(kTruncateAt) + QStringLiteral("\n…"));
        auto* showAll = new QuietButton(
            tr("Show all (%1 characters)").arg(QLocale().toString(text.size())), piece);
        showAll->setObjectName(QStringLiteral("showAllButton"));
        showAll->setAccessibleName(tr("Show the whole result"));
        layout->addWidget(showAll, 0, Qt::AlignLeft);
        connect(showAll, &QAbstractButton::clicked, this, [view, showAll, text] {
            view->setPlainText(text);
            showAll->hide();
        });
    }
    m_layout->addWidget(piece);
}

void ToolResultView::addImage(const core::ToolContent& piece)
{
    const QString description = piece.mimeType.isEmpty()
                                    ? sizeText(piece.data.size())
                                    : tr("%1, %2").arg(piece.mimeType, sizeText(piece.data.size()));
    // Decoding is done on the GUI thread: a huge image would stall the window.
    if (piece.data.size() > kMaxImageBytes) {
        addNote(tr("[image, %1]").arg(description));
        return;
    }
    // Decoded from the bytes the tool sent: an image result never makes Keel fetch anything.
    QByteArray bytes = piece.data;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    reader.setAutoTransform(true);
    const QSize size = reader.size();
    if (size.isValid() && size.width() > kThumbnailWidth)
        reader.setScaledSize(size.scaled(kThumbnailWidth, size.height(), Qt::KeepAspectRatio));
    QImage image = reader.read();
    if (image.isNull()) {
        addNote(tr("[image, %1: could not be shown]").arg(description));
        return;
    }
    if (image.width() > kThumbnailWidth) // a reader that ignored the scaled size
        image = image.scaledToWidth(kThumbnailWidth, Qt::SmoothTransformation);
    auto* label = new QLabel(this);
    label->setObjectName(QStringLiteral("toolResultImage"));
    label->setPixmap(QPixmap::fromImage(image));
    label->setAccessibleName(tr("Image result"));
    label->setToolTip(tr("Image, %1").arg(description));
    m_layout->addWidget(label, 0, Qt::AlignLeft);
}

void ToolResultView::addNote(const QString& text)
{
    auto* label = new QLabel(this);
    label->setObjectName(QStringLiteral("toolResultNote"));
    label->setTextFormat(Qt::PlainText); // addresses and names come from the tool: untrusted
    label->setText(text);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setAccessibleName(text);
    m_layout->addWidget(label);
}

QString ToolResultView::shownText() const
{
    QStringList parts;
    for (int i = 0; i < m_layout->count(); ++i) {
        QWidget* widget = m_layout->itemAt(i)->widget();
        if (widget == nullptr)
            continue;
        if (const auto* label = qobject_cast<const QLabel*>(widget)) {
            if (!label->text().isEmpty())
                parts << label->text();
        } else if (const auto* view = widget->findChild<MessageTextView*>()) {
            parts << view->toPlainText();
        }
    }
    return parts.join(QLatin1Char('\n'));
}

QList<MessageTextView*> ToolResultView::textViews() const
{
    return findChildren<MessageTextView*>(QStringLiteral("toolResultText"));
}

QList<QLabel*> ToolResultView::images() const
{
    return findChildren<QLabel*>(QStringLiteral("toolResultImage"));
}

QList<QAbstractButton*> ToolResultView::showAllButtons() const
{
    return findChildren<QAbstractButton*>(QStringLiteral("showAllButton"));
}

QColor ToolResultView::errorColor(const QPalette& palette)
{
    // The same reds as the status line's errors: readable on either theme.
    return isDarkPalette(palette) ? QColor(255, 120, 120) : QColor(190, 30, 45);
}

QColor ToolResultView::quietColor(const QPalette& palette)
{
    return mix(palette.color(QPalette::Text), palette.color(QPalette::Base), 0.45);
}

void ToolResultView::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
}

void ToolResultView::applyPalette()
{
    const QPalette& colors = palette();
    const QColor ink = m_error ? errorColor(colors) : colors.color(QPalette::Text);
    const QString name = m_error ? tr("Error text") : tr("Result text");
    for (MessageTextView* view : textViews()) {
        if (view->accessibleName() != name)
            view->setAccessibleName(name);
        QPalette own = view->palette();
        if (own.color(QPalette::Text) != ink) {
            own.setColor(QPalette::Text, ink);
            view->setPalette(own);
        }
    }
    const QColor quiet = quietColor(colors);
    for (QLabel* note : findChildren<QLabel*>(QStringLiteral("toolResultNote"))) {
        QPalette own = note->palette();
        if (own.color(QPalette::WindowText) != quiet) {
            own.setColor(QPalette::WindowText, quiet);
            note->setPalette(own);
        }
    }
}

} // namespace keel::ui
