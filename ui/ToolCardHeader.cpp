// ToolCardHeader: the painted header row of a tool card.
#include "ui/ToolCardHeader.h"

#include "ui/ThemePalette.h"
#include "ui/ToolCard.h"
#include "ui/ToolResultView.h"
#include "ui/WidgetPainting.h"

#include <QKeyEvent>
#include <QPainter>

#include <algorithm>

namespace keel::ui {

namespace {

constexpr int kHeaderPadding = 4;
constexpr int kTriangleSize = 8;
constexpr int kTriangleGap = 7;
static_assert(ToolCardHeader::kIndent == kHeaderPadding + kTriangleSize + kTriangleGap);
constexpr int kStateGap = 16;

} // namespace

ToolCardHeader::ToolCardHeader(QWidget* parent)
    : QAbstractButton(parent)
{
    setObjectName(QStringLiteral("toolCardHeader"));
    setCheckable(true);
    setFocusPolicy(Qt::StrongFocus);
    setCursor(Qt::PointingHandCursor);
    setAttribute(Qt::WA_Hover);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setAccessibleDescription(ToolCard::tr("Shows or hides the details of this tool call"));
}

void ToolCardHeader::setParts(const QString& title, const QString& server, const QString& state,
                              const QString& spokenState, Tone tone)
{
    if (title == m_title && server == m_server && state == m_state && tone == m_tone)
        return;
    const QSize before = sizeHint();
    m_title = title;
    m_server = server;
    m_state = state;
    m_tone = tone;
    const QString name = server.isEmpty() ? title : title + QLatin1Char(' ') + server;
    if (name != text())
        setText(name);
    const QString accessible = ToolCard::tr("Tool call %1: %2").arg(name, spokenState);
    if (accessible != accessibleName())
        setAccessibleName(accessible);
    if (sizeHint() != before)
        updateGeometry();
    update();
}

QSize ToolCardHeader::sizeHint() const
{
    const QFontMetrics metrics = fontMetrics();
    const int width = kIndent + QFontMetrics(titleFont()).horizontalAdvance(m_title)
                      + metrics.horizontalAdvance(QLatin1Char(' ') + m_server) + kStateGap
                      + metrics.horizontalAdvance(m_state) + 2 * kHeaderPadding;
    return {width, metrics.height() + 10};
}

QSize ToolCardHeader::minimumSizeHint() const
{
    return {kIndent + fontMetrics().horizontalAdvance(m_state) + 40, sizeHint().height()};
}

void ToolCardHeader::keyPressEvent(QKeyEvent* event)
{
    if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter)
        && event->modifiers() == Qt::NoModifier) {
        click();
        event->accept();
        return;
    }
    QAbstractButton::keyPressEvent(event);
}

void ToolCardHeader::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QPalette& colors = palette();
    const QColor text = colors.color(QPalette::Text);
    const QColor base = colors.color(QPalette::Base);
    const bool hot = underMouse() || isDown();
    const QColor quiet = mix(text, base, hot ? 0.25 : 0.45);

    paintFocusRing(painter, *this, rect(), 4);
    // Right when collapsed, down when expanded (as the Thinking section's).
    paintDisclosureTriangle(painter, kHeaderPadding, height() / 2.0, kTriangleSize, isChecked(),
                            quiet);

    // The state keeps its full width; the name and the server give way.
    const QFontMetrics metrics = fontMetrics();
    const int right = width() - kHeaderPadding;
    const int stateWidth = metrics.horizontalAdvance(m_state);
    QColor stateInk = quiet;
    if (m_tone == Tone::Error)
        stateInk = ToolResultView::errorColor(colors);
    else if (m_tone == Tone::Attention)
        stateInk = colors.color(QPalette::Highlight);
    painter.setPen(stateInk);
    painter.setFont(font());
    painter.drawText(QRect(right - stateWidth, 0, stateWidth, height()),
                     Qt::AlignRight | Qt::AlignVCenter, m_state);

    int x = kIndent;
    const int nameRoom = std::max(0, right - stateWidth - kStateGap - x);
    const QFont bold = titleFont();
    const QFontMetrics boldMetrics(bold);
    const QString title = boldMetrics.elidedText(m_title, Qt::ElideRight, nameRoom);
    painter.setPen(hot ? text : mix(text, base, 0.1));
    painter.setFont(bold);
    painter.drawText(QRect(x, 0, nameRoom, height()), Qt::AlignLeft | Qt::AlignVCenter, title);
    x += boldMetrics.horizontalAdvance(title);
    const int serverRoom = std::max(0, right - stateWidth - kStateGap - x);
    if (!m_server.isEmpty() && serverRoom > 0) {
        const QString server =
            metrics.elidedText(QLatin1Char(' ') + m_server, Qt::ElideRight, serverRoom);
        painter.setPen(quiet);
        painter.setFont(font());
        painter.drawText(QRect(x, 0, serverRoom, height()), Qt::AlignLeft | Qt::AlignVCenter,
                         server);
    }
}

QFont ToolCardHeader::titleFont() const
{
    QFont bold = font();
    bold.setWeight(QFont::DemiBold);
    return bold;
}

} // namespace keel::ui
