// WidgetPainting: see WidgetPainting.h.
#include "ui/WidgetPainting.h"

#include <QPainter>
#include <QPen>
#include <QPolygonF>
#include <QWidget>

namespace keel::ui {

void paintFocusRing(QPainter& painter, const QWidget& widget, const QRectF& rect, qreal radius,
                    qreal penWidth)
{
    if (!widget.hasFocus() || !widget.window()->testAttribute(Qt::WA_KeyboardFocusChange))
        return;
    painter.save();
    painter.setPen(QPen(widget.palette().color(QPalette::Highlight), penWidth));
    painter.setBrush(Qt::NoBrush);
    painter.drawRoundedRect(rect.adjusted(1, 1, -1, -1), radius, radius);
    painter.restore();
}

void paintDisclosureTriangle(QPainter& painter, qreal left, qreal midY, qreal size, bool expanded,
                             const QColor& color)
{
    const qreal half = size / 2.0;
    QPolygonF triangle;
    if (expanded)
        triangle << QPointF(left, midY - half * 0.6) << QPointF(left + 2 * half, midY - half * 0.6)
                 << QPointF(left + half, midY + half * 0.8);
    else
        triangle << QPointF(left + half * 0.3, midY - half)
                 << QPointF(left + half * 0.3, midY + half) << QPointF(left + half * 1.7, midY);
    painter.save();
    painter.setPen(Qt::NoPen);
    painter.setBrush(color);
    painter.drawPolygon(triangle);
    painter.restore();
}

} // namespace keel::ui
