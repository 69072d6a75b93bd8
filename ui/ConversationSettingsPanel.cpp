// ConversationSettingsPanel: overrides are reported as they are edited, reduced to what
// differs from the defaults (what a conversation stores).
#include "ui/ConversationSettingsPanel.h"

#include "core/settings/Settings.h"
#include "ui/ChatParametersEditor.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QPushButton>
#include <QScreen>
#include <QVBoxLayout>

namespace keel::ui {

ConversationSettingsPanel::ConversationSettingsPanel(core::Settings* settings, QWidget* parent)
    : QFrame(parent)
    , m_settings(settings)
    , m_editor(new ChatParametersEditor(ChatParametersEditor::Mode::Overrides, this))
    , m_differences(new QLabel(this))
    , m_reset(new QPushButton(tr("Reset to defaults"), this))
{
    setObjectName(QStringLiteral("conversationSettingsPanel"));
    setAccessibleName(tr("Conversation settings"));
    setFrameShape(QFrame::StyledPanel);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 14, 16, 14);
    layout->setSpacing(12);

    auto* title = new QLabel(tr("This conversation"), this);
    QFont titleFont = title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.1);
    title->setFont(titleFont);
    layout->addWidget(title);

    auto* hint = new QLabel(
        tr("Tick a setting to give this conversation its own value; the others follow the chat "
           "defaults."),
        this);
    hint->setWordWrap(true);
    hint->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(hint);

    m_editor->setDefaults(m_settings->general().chatDefaults);
    layout->addWidget(m_editor);

    auto* footer = new QHBoxLayout;
    footer->setSpacing(12);
    m_differences->setObjectName(QStringLiteral("differences"));
    m_differences->setWordWrap(true);
    m_differences->setTextFormat(Qt::PlainText);
    footer->addWidget(m_differences, 1);
    m_reset->setObjectName(QStringLiteral("resetToDefaults"));
    m_reset->setAccessibleName(tr("Reset to defaults"));
    m_reset->setToolTip(tr("Drop this conversation's own values"));
    footer->addWidget(m_reset, 0, Qt::AlignTop);
    layout->addLayout(footer);

    connect(m_editor, &ChatParametersEditor::edited, this, [this] {
        updateDifferences();
        const core::ChatParameters now = overrides();
        if (now == m_lastEmitted)
            return;
        m_lastEmitted = now;
        Q_EMIT overridesChanged(now);
    });
    connect(m_reset, &QPushButton::clicked, m_editor, &ChatParametersEditor::resetToDefaults);
    connect(m_settings, &core::Settings::generalChanged, this,
            &ConversationSettingsPanel::onDefaultsChanged);
    updateDifferences();
}

void ConversationSettingsPanel::setOverrides(const core::ChatParameters& overrides,
                                             const QString& providerKind)
{
    m_editor->setProviderKind(providerKind);
    m_editor->setParameters(overrides);
    m_lastEmitted = this->overrides();
    updateDifferences();
}

core::ChatParameters ConversationSettingsPanel::overrides() const
{
    return m_editor->parameters().minus(m_settings->general().chatDefaults);
}

QString ConversationSettingsPanel::differencesText() const
{
    return m_differences->text();
}

void ConversationSettingsPanel::onDefaultsChanged()
{
    if (m_editor->defaults() == m_settings->general().chatDefaults)
        return;
    m_editor->setDefaults(m_settings->general().chatDefaults);
    updateDifferences();
}

void ConversationSettingsPanel::updateDifferences()
{
    const core::ChatParameters defaults = m_settings->general().chatDefaults;
    const QStringList names = m_editor->parameters().differencesFrom(defaults);
    m_differences->setText(names.isEmpty()
                               ? tr("Uses the chat defaults")
                               : tr("Differs from defaults: %1").arg(names.join(tr(", "))));
    m_differences->setAccessibleName(m_differences->text());
    m_reset->setEnabled(!m_editor->parameters().isEmpty());
}

void ConversationSettingsPanel::mousePressEvent(QMouseEvent* event)
{
    // A click on the header button closes the popup; replaying it would reopen the panel.
    if (m_anchor && isWindow()) {
        const QPoint local = m_anchor->mapFromGlobal(event->globalPosition().toPoint());
        if (m_anchor->rect().contains(local))
            setAttribute(Qt::WA_NoMouseReplay);
    }
    QFrame::mousePressEvent(event);
}

void ConversationSettingsPanel::popUpBelow(QWidget* anchor)
{
    m_anchor = anchor;
    if (!(windowFlags() & Qt::Popup))
        setWindowFlags(Qt::Popup);
    adjustSize();
    QPoint pos = anchor->mapToGlobal(QPoint(anchor->width() - width(), anchor->height()));
    if (const QScreen* screen = anchor->screen()) {
        const QRect area = screen->availableGeometry();
        pos.setX(qBound(area.left(), pos.x(), qMax(area.left(), area.right() - width())));
        pos.setY(qBound(area.top(), pos.y(), qMax(area.top(), area.bottom() - height())));
    }
    move(pos);
    show();
    m_editor->setFocus(Qt::PopupFocusReason);
}

} // namespace keel::ui
