// WidgetPainting: the small pieces the transcript's hand-painted controls share, so they look
// and behave alike: the keyboard focus ring and the disclosure triangle of collapsible sections
// (Thinking, tool cards).
#pragma once

#include <QColor>
#include <QRectF>

class QPainter;
class QWidget;

namespace keel::ui {

// A rounded ring in the palette's highlight colour around rect (inset by 1 px), drawn only while
// widget has the focus and the focus came from the keyboard (never for a mouse click).
void paintFocusRing(QPainter& painter, const QWidget& widget, const QRectF& rect, qreal radius,
                    qreal penWidth = 1.5);

// A filled triangle size px wide starting at left, centred on midY: pointing right when
// collapsed, down when expanded.
void paintDisclosureTriangle(QPainter& painter, qreal left, qreal midY, qreal size, bool expanded,
                             const QColor& color);

} // namespace keel::ui
