// QuietButton: painting of the transcript's small text buttons.
#include "ui/QuietButton.h"

#include "ui/ThemePalette.h"
#include "ui/WidgetPainting.h"

#include <QPainter>

namespace keel::ui {

namespace {

} // namespace

QuietButton::QuietButton(const QString& text, QWidget* parent)
    : QAbstractButton(parent)
{
    setText(text);
    setCursor(Qt::PointingHandCursor);
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_Hover); // repaint on enter and leave for the hover background
    setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    setFont(small);
}

QSize QuietButton::sizeHint() const
{
    const QFontMetrics metrics = fontMetrics();
    return {metrics.horizontalAdvance(text()) + 2 * kPadding, metrics.height() + 8};
}

void QuietButton::paintEvent(QPaintEvent*)
{
    if (isDormant() && !hasFocus())
        return;
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QPalette& colors = palette();
    const QColor ink = colors.color(QPalette::Text);
    const QColor paper = colors.color(QPalette::Base);
    const bool hot = isEnabled() && (underMouse() || isDown());
    if (hot) {
        painter.setPen(Qt::NoPen);
        painter.setBrush(mix(paper, ink, isDown() ? 0.14 : 0.08));
        painter.drawRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 5, 5);
    }
    paintFocusRing(painter, *this, rect(), 5);
    painter.setPen(!isEnabled() ? mix(ink, paper, 0.75) : mix(ink, paper, hot ? 0.1 : 0.4));
    painter.setFont(font());
    painter.drawText(rect(), Qt::AlignCenter, text());
}

} // namespace keel::ui
