// UndoBar: a timed notice with one Undo button.
#include "ui/UndoBar.h"

#include "ui/ConversationDelegate.h"
#include "ui/ThemePalette.h"

#include <QAccessible>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPushButton>

namespace keel::ui {

UndoBar::UndoBar(QWidget* parent)
    : QFrame(parent)
    , m_label(new QLabel)
    , m_undoButton(new QPushButton(tr("Undo")))
{
    setAccessibleName(tr("Undo delete"));
    m_label->setTextFormat(Qt::PlainText);
    m_label->setWordWrap(true);
    m_undoButton->setAccessibleName(tr("Undo"));
    m_undoButton->setAccessibleDescription(tr("Brings the deleted conversation back"));
    m_undoButton->setAutoDefault(false);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 6, 6, 6);
    layout->setSpacing(8);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_undoButton);

    m_timer.setSingleShot(true);
    m_timer.setInterval(kDefaultTimeoutMs);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        hide();
        Q_EMIT expired();
    });
    connect(m_undoButton, &QPushButton::clicked, this, [this] {
        dismiss();
        Q_EMIT undoRequested();
    });
    hide();
}

void UndoBar::showMessage(const QString& message)
{
    m_label->setText(message);
    setAccessibleDescription(message);
    show();
    m_timer.start();
    // Screen readers announce it: the row that had focus is gone.
    QAccessibleEvent event(this, QAccessible::Alert);
    QAccessible::updateAccessibility(&event);
}

void UndoBar::dismiss()
{
    m_timer.stop();
    hide();
}

QString UndoBar::message() const
{
    return m_label->text();
}

void UndoBar::paintEvent(QPaintEvent* event)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(
        mix(palette().color(QPalette::Window), palette().color(QPalette::WindowText), 0.1));
    painter.drawRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6);
    QFrame::paintEvent(event);
}

} // namespace keel::ui
