// CodeBlockHeader: language label and Copy button of a code block.
#include "ui/CodeBlockHeader.h"

#include "ui/ThemePalette.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QTimer>
#include <QToolButton>

#include <algorithm>

namespace keel::ui {

namespace {

constexpr int kCopiedMs = 1500;

} // namespace

CodeBlockHeader::CodeBlockHeader(QWidget* parent)
    : QWidget(parent)
    , m_label(new QLabel(this))
    , m_copy(new QToolButton(this))
    , m_revert(new QTimer(this))
{
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    m_label->setFont(small);
    m_label->setTextFormat(Qt::PlainText); // the language word comes from the model
    m_copy->setFont(small);
    m_copy->setAutoRaise(true);
    m_copy->setCursor(Qt::PointingHandCursor);
    m_copy->setFocusPolicy(Qt::TabFocus);
    m_copy->setText(tr("Copy"));
    m_copy->setAccessibleName(tr("Copy code"));
    m_copy->setToolTip(tr("Copy the code to the clipboard"));
    // As wide as its longer text, so that "Copied" does not make it jump.
    const QFontMetrics metrics(small);
    m_copy->setMinimumWidth(
        std::max(metrics.horizontalAdvance(tr("Copy")), metrics.horizontalAdvance(tr("Copied")))
        + 16);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 0, 4, 0);
    layout->setSpacing(4);
    layout->addWidget(m_label);
    layout->addStretch(1);
    layout->addWidget(m_copy);

    m_revert->setSingleShot(true);
    m_revert->setInterval(kCopiedMs);
    connect(m_revert, &QTimer::timeout, this, [this] { m_copy->setText(tr("Copy")); });
    connect(m_copy, &QToolButton::clicked, this, &CodeBlockHeader::copyRequested);
    applyPalette();
}

void CodeBlockHeader::setLanguage(const QString& label)
{
    if (label == m_label->text())
        return;
    m_label->setText(label);
    m_copy->setAccessibleDescription(label.isEmpty()
                                         ? tr("Copies the code to the clipboard")
                                         : tr("Copies the %1 code to the clipboard").arg(label));
}

QString CodeBlockHeader::language() const
{
    return m_label->text();
}

QAbstractButton* CodeBlockHeader::copyButton() const
{
    return m_copy;
}

void CodeBlockHeader::showCopied()
{
    m_copy->setText(tr("Copied"));
    m_revert->start();
}

void CodeBlockHeader::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
}

void CodeBlockHeader::applyPalette()
{
    const QColor ink = codeColours(palette()).headerText;
    for (QWidget* widget : {static_cast<QWidget*>(m_label), static_cast<QWidget*>(m_copy)}) {
        QPalette colours = widget->palette();
        colours.setColor(QPalette::WindowText, ink);
        colours.setColor(QPalette::ButtonText, ink);
        widget->setPalette(colours);
    }
}

} // namespace keel::ui
