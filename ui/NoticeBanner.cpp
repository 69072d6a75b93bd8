// NoticeBanner: text, a Dismiss button and a warm tint that reads on light and dark palettes.
#include "ui/NoticeBanner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QToolButton>

namespace keel::ui {

NoticeBanner::NoticeBanner(QWidget* parent)
    : QWidget(parent)
    , m_label(new QLabel(this))
    , m_dismiss(new QToolButton(this))
{
    setAccessibleName(tr("Problem with the history"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(16, 8, 10, 8);
    layout->setSpacing(12);

    // The text comes from the store and the file system: never interpreted as rich text.
    m_label->setTextFormat(Qt::PlainText);
    m_label->setWordWrap(true);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_label, 1);

    m_dismiss->setText(tr("Dismiss"));
    m_dismiss->setAccessibleName(tr("Dismiss"));
    m_dismiss->setToolTip(tr("Hide this message"));
    m_dismiss->setAutoRaise(true);
    m_dismiss->setCursor(Qt::PointingHandCursor);
    connect(m_dismiss, &QToolButton::clicked, this, [this] {
        hide();
        Q_EMIT dismissed();
    });
    layout->addWidget(m_dismiss, 0, Qt::AlignTop);
    hide();
}

void NoticeBanner::showMessage(const QString& message)
{
    m_label->setText(message);
    m_label->setAccessibleDescription(message);
    show();
}

QString NoticeBanner::message() const
{
    return m_label->text();
}

void NoticeBanner::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.fillRect(rect(), palette().color(QPalette::Base));
    painter.fillRect(rect(), QColor(240, 160, 30, 48));
    painter.setPen(QColor(200, 120, 0, 150));
    painter.drawLine(rect().bottomLeft(), rect().bottomRight());
}

} // namespace keel::ui
