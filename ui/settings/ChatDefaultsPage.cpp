// ChatDefaultsPage: the editor is refreshed from the settings only when they changed elsewhere
// (never while the user's own edit is pending), so the cursor never jumps while typing.
#include "ui/settings/ChatDefaultsPage.h"

#include "core/settings/Settings.h"
#include "ui/ChatParametersEditor.h"
#include "ui/ModelPicker.h"

#include <QFormLayout>
#include <QLabel>
#include <QTimer>
#include <QVBoxLayout>

namespace keel::ui {

ChatDefaultsPage::ChatDefaultsPage(core::Settings* settings, QWidget* parent)
    : QWidget(parent)
    , m_settings(settings)
    , m_model(new ModelPicker(settings, this))
    , m_editor(new ChatParametersEditor(ChatParametersEditor::Mode::Defaults, this))
    , m_applyTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("chatDefaultsPage"));
    setAccessibleName(tr("Chat defaults"));

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(16);

    auto* intro = new QLabel(tr("Every conversation starts from these. A conversation or an "
                                "assistant can override any of them."),
                             this);
    intro->setWordWrap(true);
    intro->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(intro);

    auto* modelRow = new QFormLayout;
    modelRow->setContentsMargins(0, 0, 0, 0);
    modelRow->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    m_model->setObjectName(QStringLiteral("defaultModel"));
    m_model->setAccessibleName(tr("Default model"));
    m_model->setAutoRaise(false);
    m_model->setDefaultChoice(tr("First enabled model"),
                              ModelPicker::DefaultSource::FirstEnabledModel);
    m_model->setCurrent(m_settings->general().defaultModel);
    auto* modelLabel = new QLabel(tr("Default model:"), this);
    modelLabel->setBuddy(m_model);
    modelRow->addRow(modelLabel, m_model);
    layout->addLayout(modelRow);

    // The defaults apply to every provider: both reasoning controls are shown.
    m_editor->setProviderKind(QString());
    m_editor->setParameters(m_settings->general().chatDefaults);
    layout->addWidget(m_editor);
    layout->addStretch(1);

    m_applyTimer->setSingleShot(true);
    m_applyTimer->setInterval(kApplyDelayMs);
    connect(m_applyTimer, &QTimer::timeout, this, &ChatDefaultsPage::apply);
    connect(m_editor, &ChatParametersEditor::edited, m_applyTimer, qOverload<>(&QTimer::start));
    connect(m_model, &ModelPicker::modelChosen, this, [this](const core::ModelRef& ref) {
        core::GeneralSettings general = m_settings->general();
        general.defaultModel = ref;
        m_settings->setGeneral(general);
    });
    connect(m_settings, &core::Settings::generalChanged, this, &ChatDefaultsPage::onGeneralChanged);
}

ChatDefaultsPage::~ChatDefaultsPage()
{
    if (m_applyTimer->isActive())
        apply();
}

void ChatDefaultsPage::apply()
{
    m_applyTimer->stop();
    core::GeneralSettings general = m_settings->general();
    general.chatDefaults = m_editor->parameters();
    m_settings->setGeneral(general);
}

void ChatDefaultsPage::onGeneralChanged()
{
    const core::GeneralSettings& general = m_settings->general();
    if (m_model->current() != general.defaultModel)
        m_model->setCurrent(general.defaultModel);
    if (!m_applyTimer->isActive() && m_editor->parameters() != general.chatDefaults)
        m_editor->setParameters(general.chatDefaults);
}

} // namespace keel::ui
