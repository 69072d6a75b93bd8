// ChatHeader: model picker and parameter overrides of the open conversation.
#include "ui/ChatHeader.h"

#include "core/settings/Settings.h"
#include "ui/ConversationSettingsPanel.h"
#include "ui/ModelPicker.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

namespace keel::ui {

ChatHeader::ChatHeader(core::Settings* settings, QWidget* parent)
    : QWidget(parent)
    , m_settings(settings)
    , m_picker(new ModelPicker(settings, this))
    , m_parametersButton(new QToolButton(this))
    , m_assistantLabel(new QLabel(this))
    , m_panel(new ConversationSettingsPanel(settings, this))
{
    setObjectName(QStringLiteral("chatHeader"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 6, 12, 6);
    layout->setSpacing(8);
    layout->addWidget(m_picker);
    layout->addWidget(m_assistantLabel);
    layout->addStretch(1);
    layout->addWidget(m_parametersButton);

    m_picker->setAccessibleName(tr("Model of this conversation"));
    m_assistantLabel->setObjectName(QStringLiteral("assistantLabel"));
    m_assistantLabel->setEnabled(false); // the muted text colour
    m_parametersButton->setObjectName(QStringLiteral("parametersButton"));
    m_parametersButton->setAutoRaise(true);
    m_parametersButton->setAccessibleName(tr("Parameters of this conversation"));
    m_parametersButton->setToolTip(
        tr("System prompt, temperature and other parameters of this conversation"));

    m_panel->hide();

    connect(m_picker, &ModelPicker::modelChosen, this, [this](const core::ModelRef& ref) {
        m_current.model = ref;
        m_panel->setOverrides(m_current.overrides, providerKindOf(ref));
        Q_EMIT conversationSettingsEdited(m_current);
    });
    connect(m_panel, &ConversationSettingsPanel::overridesChanged, this,
            [this](const core::ChatParameters& overrides) {
                m_current.overrides = overrides;
                updateParametersButton();
                Q_EMIT conversationSettingsEdited(m_current);
            });
    connect(m_parametersButton, &QToolButton::clicked, this, &ChatHeader::showParametersPanel);
    connect(m_settings, &core::Settings::generalChanged, this, &ChatHeader::updateParametersButton);
    connect(m_settings, &core::Settings::assistantsChanged, this,
            [this] { setConversationSettings(m_current); });
    updateParametersButton();
}

void ChatHeader::setConversationSettings(const core::ConversationSettings& settings)
{
    m_current = settings;
    m_picker->setCurrent(settings.model);
    m_panel->setOverrides(settings.overrides, providerKindOf(settings.model));
    const std::optional<core::Assistant> assistant = m_settings->assistant(settings.assistantId);
    m_assistantLabel->setText(assistant ? assistant->name : QString());
    m_assistantLabel->setVisible(assistant.has_value());
    updateParametersButton();
}

void ChatHeader::showParametersPanel()
{
    m_panel->popUpBelow(m_parametersButton);
}

QString ChatHeader::providerKindOf(const core::ModelRef& ref) const
{
    const core::ModelRef effective = ref.isEmpty() ? m_settings->defaultModel() : ref;
    const std::optional<core::ProviderEntry> provider = m_settings->provider(effective.providerId);
    return provider ? provider->kind : QString();
}

void ChatHeader::updateParametersButton()
{
    const QStringList differences =
        m_current.overrides.differencesFrom(m_settings->general().chatDefaults);
    if (differences.isEmpty()) {
        m_parametersButton->setText(tr("Parameters"));
        m_parametersButton->setToolTip(tr("This conversation uses the chat defaults."));
    } else {
        m_parametersButton->setText(
            tr("Parameters (%n changed)", nullptr, int(differences.size())));
        m_parametersButton->setToolTip(
            tr("Differs from the chat defaults: %1").arg(differences.join(QStringLiteral(", "))));
    }
}

} // namespace keel::ui
