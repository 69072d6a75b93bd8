// MessageTextView: a content-sized, inert QTextBrowser for untrusted text.
#include "ui/MessageTextView.h"

#include "ui/CodeBlockOverlay.h"
#include "ui/CodeHighlighter.h"
#include "ui/ThemePalette.h"

#include <QAbstractTextDocumentLayout>
#include <QDesktopServices>
#include <QMessageBox>
#include <QPaintEvent>
#include <QPainter>
#include <QResizeEvent>
#include <QTextDocument>
#include <QtMath>

namespace keel::ui {

namespace {

// QTextDocument falls back to reading relative names from disk when the view declines a
// resource; this document declines everything itself, so nothing is ever fetched.
class InertDocument : public QTextDocument {
public:
    using QTextDocument::QTextDocument;

protected:
    QVariant loadResource(int, const QUrl&) override { return {}; }
};

} // namespace

MessageTextView::MessageTextView(QWidget* parent)
    : QTextBrowser(parent)
{
    setDocument(new InertDocument(this));
    document()->setDocumentMargin(0);
    setOpenLinks(false);
    setOpenExternalLinks(false);
    setFrameShape(QFrame::NoFrame);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setLineWrapMode(QTextEdit::WidgetWidth);
    setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    // Transparent: the message decides the background.
    setAutoFillBackground(false);
    viewport()->setAutoFillBackground(false);
    // Tab moves between the composer and the buttons, not through every message.
    setFocusPolicy(Qt::ClickFocus);

    connect(this, &QTextBrowser::anchorClicked, this, [this](const QUrl& url) {
        Q_EMIT linkClicked(url);
        confirmAndOpen(url);
    });
    connect(document()->documentLayout(), &QAbstractTextDocumentLayout::documentSizeChanged, this,
            &MessageTextView::updateHeight);
    updateHeight();
}

QSize MessageTextView::sizeHint() const
{
    return {QTextBrowser::sizeHint().width(), m_contentHeight};
}

QSize MessageTextView::minimumSizeHint() const
{
    return {0, m_contentHeight};
}

QVariant MessageTextView::loadResource(int, const QUrl&)
{
    return {};
}

void MessageTextView::enableCodeBlocks()
{
    if (m_codeBlocks != nullptr)
        return;
    m_highlighter = new CodeHighlighter(document());
    m_highlighter->setColours(codeColours(palette()));
    m_codeBlocks = new CodeBlockOverlay(this);
}

void MessageTextView::paintEvent(QPaintEvent* event)
{
    if (m_codeBlocks != nullptr) {
        // Frames first: the text is drawn over them.
        QPainter painter(viewport());
        m_codeBlocks->paint(painter, event->rect());
    }
    QTextBrowser::paintEvent(event);
}

void MessageTextView::resizeEvent(QResizeEvent* event)
{
    QTextBrowser::resizeEvent(event);
    // Only a new width moves code blocks sideways or re-wraps them; the height changes with
    // every streamed line and must stay cheap.
    if (m_codeBlocks != nullptr && event->size().width() != event->oldSize().width())
        m_codeBlocks->relayout();
}

void MessageTextView::changeEvent(QEvent* event)
{
    QTextBrowser::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && m_highlighter != nullptr)
        m_highlighter->setColours(codeColours(palette()));
}

bool MessageTextView::isOpenable(const QUrl& url)
{
    const QString scheme = url.scheme().toLower();
    return url.isValid() && (scheme == u"http" || scheme == u"https" || scheme == u"mailto");
}

void MessageTextView::confirmAndOpen(const QUrl& url)
{
    // The fully encoded form shows what will really be opened: look-alike letters of other
    // scripts appear as punycode, hidden characters as escapes.
    const QString address = url.toString(QUrl::FullyEncoded);
    auto* box = new QMessageBox(this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setTextFormat(Qt::PlainText);
    box->setWindowTitle(tr("Open link"));
    if (!isOpenable(url)) {
        box->setIcon(QMessageBox::Information);
        box->setText(tr("Keel opens only web and e-mail links. This link was not opened:\n\n%1")
                         .arg(address));
        box->setStandardButtons(QMessageBox::Close);
        box->open();
        return;
    }
    box->setIcon(QMessageBox::Question);
    box->setText(tr("Open this address in your browser?\n\n%1").arg(address));
    box->setStandardButtons(QMessageBox::Open | QMessageBox::Cancel);
    box->setDefaultButton(QMessageBox::Cancel);
    // Asynchronous, so that streaming and painting go on while the question is shown.
    connect(box, &QMessageBox::finished, this, [url](int result) {
        if (result == QMessageBox::Open)
            QDesktopServices::openUrl(url);
    });
    box->open();
}

void MessageTextView::updateHeight()
{
    const int height = qCeil(document()->size().height()) + 2 * frameWidth();
    if (height == m_contentHeight)
        return;
    m_contentHeight = height;
    setFixedHeight(height);
}

} // namespace keel::ui
