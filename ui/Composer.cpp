// Composer: the message editor with Enter-to-send and a height that follows its text.
#include "ui/Composer.h"

#include "ui/AttachmentDropArea.h"

#include <QAbstractTextDocumentLayout>
#include <QKeyEvent>
#include <QMimeData>
#include <QtMath>

#include <algorithm>

namespace keel::ui {

Composer::Composer(QWidget* parent)
    : QPlainTextEdit(parent)
{
    setPlaceholderText(tr("Message Keel…"));
    setAccessibleName(tr("Message"));
    setAccessibleDescription(tr("Enter sends the message, Shift+Enter starts a new line."));
    setTabChangesFocus(true);
    setLineWrapMode(QPlainTextEdit::WidgetWidth);
    setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    // The plain-text layout reports its size in lines, wrapped lines included.
    connect(document()->documentLayout(), &QAbstractTextDocumentLayout::documentSizeChanged, this,
            &Composer::updateHeight);
    updateHeight();
}

void Composer::setCtrlEnterSends(bool ctrlEnter)
{
    m_ctrlEnterSends = ctrlEnter;
    setAccessibleDescription(ctrlEnter
                                 ? tr("Ctrl+Enter sends the message, Enter starts a new line.")
                                 : tr("Enter sends the message, Shift+Enter starts a new line."));
}

QSize Composer::sizeHint() const
{
    return {QPlainTextEdit::sizeHint().width(), m_height};
}

QSize Composer::minimumSizeHint() const
{
    return {120, m_height};
}

void Composer::keyPressEvent(QKeyEvent* event)
{
    if (event->key() == Qt::Key_Up && (event->modifiers() & ~Qt::KeypadModifier) == Qt::NoModifier
        && document()->isEmpty()) {
        event->accept();
        Q_EMIT editLastRequested();
        return;
    }
    const bool enter = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
    if (!enter) {
        QPlainTextEdit::keyPressEvent(event);
        return;
    }
    const Qt::KeyboardModifiers modifiers = event->modifiers() & ~Qt::KeypadModifier;
    const Qt::KeyboardModifiers sendModifiers =
        m_ctrlEnterSends ? Qt::KeyboardModifiers(Qt::ControlModifier) : Qt::NoModifier;
    // With Ctrl+Enter to send, a plain Enter is a new line, as Shift+Enter always is.
    if (modifiers == Qt::ShiftModifier || (m_ctrlEnterSends && modifiers == Qt::NoModifier)) {
        // A real paragraph break: QPlainTextEdit would insert a line separator (U+2028).
        textCursor().insertBlock();
        ensureCursorVisible();
        event->accept();
        return;
    }
    if (modifiers != sendModifiers) {
        QPlainTextEdit::keyPressEvent(event);
        return;
    }
    event->accept();
    const QString text = toPlainText();
    if (!text.trimmed().isEmpty() || m_submitsEmpty)
        Q_EMIT submitted(text);
}

bool Composer::canInsertFromMimeData(const QMimeData* source) const
{
    return (m_acceptsAttachments && hasAttachments(source))
           || QPlainTextEdit::canInsertFromMimeData(source);
}

void Composer::insertFromMimeData(const QMimeData* source)
{
    const DroppedAttachments found =
        m_acceptsAttachments ? attachmentsIn(source) : DroppedAttachments{};
    if (!found.files.isEmpty()) {
        Q_EMIT filesDropped(found.files);
        return;
    }
    // Copied text may come with a picture of itself (spreadsheets do that): text wins.
    if (!found.image.isNull() && !(source->hasText() && !source->text().trimmed().isEmpty())) {
        Q_EMIT imagePasted(found.image);
        return;
    }
    QPlainTextEdit::insertFromMimeData(source);
}

int Composer::heightForLines(int lines) const
{
    const QMargins margins = contentsMargins();
    const qreal lineHeight = fontMetrics().lineSpacing();
    return qCeil(lines * lineHeight + 2 * document()->documentMargin()) + 2 * frameWidth()
           + margins.top() + margins.bottom();
}

void Composer::updateHeight()
{
    const int lines =
        std::clamp(qCeil(document()->documentLayout()->documentSize().height()), 1, kMaximumLines);
    const int height = heightForLines(lines);
    if (height == m_height)
        return;
    m_height = height;
    setFixedHeight(height);
    updateGeometry();
}

} // namespace keel::ui
