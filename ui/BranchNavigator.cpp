// BranchNavigator: two small arrow buttons around "k/n".
#include "ui/BranchNavigator.h"

#include "ui/QuietButton.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>

namespace keel::ui {

BranchNavigator::BranchNavigator(QWidget* parent)
    : QWidget(parent)
    , m_previous(new QuietButton(QStringLiteral("‹"), this))
    , m_label(new QLabel(this))
    , m_next(new QuietButton(QStringLiteral("›"), this))
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    // The arrows are the point of the control: a size up from the other quiet buttons.
    for (QAbstractButton* button : {m_previous, m_next}) {
        QFont arrow = button->font();
        arrow.setPointSizeF(arrow.pointSizeF() * 1.5);
        button->setFont(arrow);
    }
    m_previous->setAccessibleName(tr("Previous version"));
    m_previous->setToolTip(tr("Previous version"));
    m_next->setAccessibleName(tr("Next version"));
    m_next->setToolTip(tr("Next version"));
    connect(m_previous, &QAbstractButton::clicked, this, &BranchNavigator::previousRequested);
    connect(m_next, &QAbstractButton::clicked, this, &BranchNavigator::nextRequested);

    m_label->setTextFormat(Qt::PlainText);
    m_label->setAlignment(Qt::AlignCenter);
    QFont small = m_label->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    m_label->setFont(small);
    applyPalette();

    layout->addWidget(m_previous);
    layout->addWidget(m_label);
    layout->addWidget(m_next);
    setPosition(1, 1);
}

void BranchNavigator::setPosition(int position, int count)
{
    m_position = position;
    m_count = count;
    m_label->setText(text());
    m_label->setAccessibleName(tr("Version %1 of %2").arg(position).arg(count));
    setVisible(count > 1);
    updateButtons();
}

QString BranchNavigator::text() const
{
    return QStringLiteral("%1/%2").arg(m_position).arg(m_count);
}

void BranchNavigator::setInteractive(bool interactive)
{
    m_interactive = interactive;
    updateButtons();
}

void BranchNavigator::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
}

void BranchNavigator::applyPalette()
{
    const QColor text = palette().color(QPalette::Text);
    const QColor base = palette().color(QPalette::Base);
    QPalette muted = m_label->palette();
    muted.setColor(QPalette::WindowText, QColor::fromRgbF(text.redF() * 0.6 + base.redF() * 0.4,
                                                          text.greenF() * 0.6 + base.greenF() * 0.4,
                                                          text.blueF() * 0.6 + base.blueF() * 0.4));
    m_label->setPalette(muted);
}

void BranchNavigator::updateButtons()
{
    m_previous->setEnabled(m_interactive && m_position > 1);
    m_next->setEnabled(m_interactive && m_position < m_count);
}

} // namespace keel::ui
