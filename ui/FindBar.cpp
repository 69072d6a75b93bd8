// FindBar: the find strip's widgets and keys; the search itself is TranscriptFinder's.
#include "ui/FindBar.h"

#include "ui/TranscriptFinder.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QShortcut>
#include <QStyle>
#include <QToolButton>

namespace keel::ui {

namespace {

// How long the bar waits for a burst of transcript changes to end before searching again.
constexpr int kRefreshDelayMs = 50;

QToolButton* makeButton(QWidget* parent, const QString& name, const QString& tip)
{
    auto* button = new QToolButton(parent);
    button->setAutoRaise(true);
    button->setAccessibleName(name);
    button->setToolTip(tip);
    button->setFocusPolicy(Qt::StrongFocus); // reachable by Tab
    return button;
}

} // namespace

FindBar::FindBar(TranscriptView* transcript, QWidget* parent)
    : QWidget(parent)
    , m_finder(new TranscriptFinder(transcript, this))
    , m_field(new QLineEdit(this))
    , m_count(new QLabel(this))
{
    setAccessibleName(tr("Find in conversation"));
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Window);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(16, 6, 10, 6);
    layout->setSpacing(6);

    m_field->setPlaceholderText(tr("Find in conversation"));
    m_field->setAccessibleName(tr("Text to find"));
    m_field->setAccessibleDescription(
        tr("Enter goes to the next match, Shift+Enter to the previous one, Esc closes."));
    m_field->setClearButtonEnabled(true);
    m_field->setMaximumWidth(360);
    m_field->installEventFilter(this);
    layout->addWidget(m_field, 1);

    m_count->setTextFormat(Qt::PlainText);
    m_count->setMinimumWidth(m_count->fontMetrics().horizontalAdvance(tr("No matches")) + 8);
    m_count->setAccessibleName(tr("Matches"));
    layout->addWidget(m_count);

    auto* previous = makeButton(this, tr("Previous match"), tr("Previous match (Shift+Enter)"));
    previous->setArrowType(Qt::UpArrow);
    m_previous = previous;
    layout->addWidget(m_previous);
    auto* next = makeButton(this, tr("Next match"), tr("Next match (Enter)"));
    next->setArrowType(Qt::DownArrow);
    m_next = next;
    layout->addWidget(m_next);
    layout->addStretch(1);
    auto* close = makeButton(this, tr("Close find bar"), tr("Close (Esc)"));
    close->setText(tr("Close")); // shown when the style has no icon for it
    close->setIcon(style()->standardIcon(QStyle::SP_DialogCloseButton));
    m_close = close;
    layout->addWidget(m_close);
    for (QWidget* button : {m_previous, m_next, m_close})
        button->installEventFilter(this); // Esc closes from them too

    // F3 / Shift+F3 (and the platform's other keys for them) while the bar is shown; a hidden
    // widget's shortcuts do not fire.
    m_findNext = new QShortcut(QKeySequence::FindNext, this);
    m_findNext->setContext(Qt::WindowShortcut);
    m_findPrevious = new QShortcut(QKeySequence::FindPrevious, this);
    m_findPrevious->setContext(Qt::WindowShortcut);

    connect(m_field, &QLineEdit::textChanged, m_finder, &TranscriptFinder::setQuery);
    connect(m_previous, &QAbstractButton::clicked, m_finder, &TranscriptFinder::previous);
    connect(m_next, &QAbstractButton::clicked, m_finder, &TranscriptFinder::next);
    connect(m_findNext, &QShortcut::activated, m_finder, &TranscriptFinder::next);
    connect(m_findPrevious, &QShortcut::activated, m_finder, &TranscriptFinder::previous);
    connect(m_close, &QAbstractButton::clicked, this, &FindBar::dismiss);
    connect(m_finder, &TranscriptFinder::resultsChanged, this, &FindBar::updateCount);

    m_refresh.setSingleShot(true);
    m_refresh.setInterval(kRefreshDelayMs);
    connect(&m_refresh, &QTimer::timeout, m_finder, &TranscriptFinder::refresh);

    updateCount();
    hide();
}

void FindBar::open()
{
    const bool wasHidden = isHidden();
    show();
    m_field->setFocus(Qt::ShortcutFocusReason);
    m_field->selectAll();
    if (wasHidden && !m_field->text().isEmpty())
        m_finder->setQuery(m_field->text()); // the highlights were removed on close
}

void FindBar::dismiss()
{
    if (isHidden())
        return;
    m_refresh.stop();
    m_finder->clear();
    hide();
    Q_EMIT dismissed();
}

void FindBar::refresh()
{
    if (!isHidden() && !m_finder->query().isEmpty())
        m_refresh.start();
}

void FindBar::updateCount()
{
    const int count = m_finder->matchCount();
    if (m_finder->query().isEmpty())
        m_count->clear();
    else if (count == 0)
        m_count->setText(tr("No matches"));
    else if (m_finder->isCapped())
        m_count->setText(tr("%1 of %2+").arg(m_finder->currentIndex() + 1).arg(count));
    else
        m_count->setText(tr("%1 of %2").arg(m_finder->currentIndex() + 1).arg(count));
    m_previous->setEnabled(count > 0);
    m_next->setEnabled(count > 0);
}

bool FindBar::eventFilter(QObject* watched, QEvent* event)
{
    const QEvent::Type type = event->type();
    if (type != QEvent::KeyPress && type != QEvent::ShortcutOverride)
        return QWidget::eventFilter(watched, event);
    auto* key = static_cast<QKeyEvent*>(event);
    const Qt::KeyboardModifiers modifiers = key->modifiers() & ~Qt::KeypadModifier;
    const bool escape = key->key() == Qt::Key_Escape && modifiers == Qt::NoModifier;
    const bool enter = watched == m_field
                       && (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter)
                       && (modifiers == Qt::NoModifier || modifiers == Qt::ShiftModifier);
    if (!escape && !enter)
        return QWidget::eventFilter(watched, event);
    // Ours before any window shortcut: Esc also stops a reply, but here it closes the bar.
    event->accept();
    if (type == QEvent::KeyPress) {
        if (escape)
            dismiss();
        else if (modifiers == Qt::ShiftModifier)
            m_finder->previous();
        else
            m_finder->next();
    }
    return true;
}

} // namespace keel::ui
