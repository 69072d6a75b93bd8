// WindowSettings: the configuration's widgets and actions in the chat window.
#include "ui/WindowSettings.h"

#include "core/settings/Settings.h"
#include "ui/ChatHeader.h"
#include "ui/Composer.h"
#include "ui/ConversationController.h"
#include "ui/MainWindow.h"
#include "ui/MessageWidget.h" // TranscriptView.h uses it inline
#include "ui/OnboardingWidget.h"
#include "ui/StatusLine.h"
#include "ui/TranscriptView.h"
#include "ui/settings/SettingsDialog.h"

#include <QAction>
#include <QMenu>
#include <QVBoxLayout>

namespace keel::ui {

WindowSettings::WindowSettings(MainWindow* window, core::Settings* settings)
    : QObject(window)
    , m_window(window)
    , m_settings(settings)
    , m_header(new ChatHeader(settings))
    , m_onboarding(new OnboardingWidget)
    , m_settingsAction(new QAction(tr("&Settings…"), this))
    , m_assistantsMenu(new QMenu(tr("New chat from &assistant"), window))
{
    ConversationController* controller = window->controller();
    controller->setSettingsSource(settings);

    QVBoxLayout* layout = window->conversationLayout();
    layout->insertWidget(0, m_header);
    // In place of the transcript while nothing can be chatted with.
    layout->insertWidget(layout->indexOf(window->transcript()) + 1, m_onboarding, 1);
    m_onboarding->hide();

    m_settingsAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    m_settingsAction->setMenuRole(QAction::PreferencesRole);
    m_settingsAction->setObjectName(QStringLiteral("settingsAction"));
    connect(m_settingsAction, &QAction::triggered, this, [this] { openSettings(); });
    window->fileMenu()->insertAction(window->fileMenu()->actions().value(0), m_settingsAction);
    window->fileMenu()->insertSeparator(window->fileMenu()->actions().value(1));
    window->addAction(m_settingsAction); // the shortcut works with the menu bar hidden too

    QMenu* chat = window->chatMenu();
    chat->insertMenu(chat->actions().value(1), m_assistantsMenu);
    rebuildAssistantsMenu();

    connect(m_header, &ChatHeader::conversationSettingsEdited, controller,
            &ConversationController::setConversationSettings);
    connect(controller, &ConversationController::conversationSettingsChanged, this,
            &WindowSettings::showConversationSettings);
    connect(controller, &ConversationController::branchReset, this,
            &WindowSettings::showConversationSettings);
    connect(controller, &ConversationController::branchReset, this,
            &WindowSettings::updateOnboarding);
    connect(controller, &ConversationController::messageAdded, this,
            &WindowSettings::updateOnboarding);
    connect(m_onboarding, &OnboardingWidget::presetChosen, this,
            [this](const QString& preset) { openSettings()->addProviderFromPreset(preset); });

    connect(settings, &core::Settings::providersChanged, this, &WindowSettings::updateOnboarding);
    connect(settings, &core::Settings::assistantsChanged, this,
            &WindowSettings::rebuildAssistantsMenu);
    connect(settings, &core::Settings::generalChanged, this, &WindowSettings::applyAppearance);
    connect(settings, &core::Settings::saveFailed, window->statusLine(), &StatusLine::showNotice);

    showConversationSettings();
    updateOnboarding();
    applyAppearance();
}

SettingsDialog* WindowSettings::dialog() const
{
    return m_dialog.data();
}

SettingsDialog* WindowSettings::openSettings()
{
    if (m_dialog == nullptr) {
        m_dialog = new SettingsDialog(m_settings, m_window);
        m_dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_dialog, &SettingsDialog::listModelsRequested, this,
                &WindowSettings::listModelsRequested);
        connect(m_dialog, &SettingsDialog::inspectServerRequested, this,
                &WindowSettings::inspectMcpServerRequested);
    }
    m_dialog->show();
    m_dialog->raise();
    m_dialog->activateWindow();
    return m_dialog;
}

void WindowSettings::onModelsListed(const core::ModelListResult& result)
{
    if (m_dialog != nullptr)
        m_dialog->onModelsListed(result);
}

void WindowSettings::onMcpServerInspected(const QString& requestId,
                                          const core::McpServerStatus& status)
{
    if (m_dialog != nullptr)
        m_dialog->onServerInspected(requestId, status);
}

void WindowSettings::newChatFromAssistant(const QString& assistantId)
{
    if (!m_window->controller()->newConversation(
            m_settings->conversationFromAssistant(assistantId)))
        return;
    m_window->composer()->setFocus();
}

void WindowSettings::rebuildAssistantsMenu()
{
    m_assistantsMenu->clear();
    for (const core::Assistant& assistant : m_settings->assistants()) {
        QAction* action = m_assistantsMenu->addAction(assistant.name);
        action->setToolTip(assistant.description);
        action->setStatusTip(assistant.description);
        connect(action, &QAction::triggered, this,
                [this, id = assistant.id] { newChatFromAssistant(id); });
    }
    if (!m_settings->assistants().isEmpty())
        m_assistantsMenu->addSeparator();
    QAction* manage = m_assistantsMenu->addAction(tr("Manage assistants…"));
    connect(manage, &QAction::triggered, this,
            [this] { openSettings()->showPage(SettingsDialog::Page::Assistants); });
}

void WindowSettings::updateOnboarding()
{
    bool anyEnabled = false;
    for (const core::ProviderEntry& provider : m_settings->providers())
        anyEnabled = anyEnabled || provider.enabled;
    // An open conversation stays readable without a provider.
    const bool onboard = !anyEnabled && m_window->controller()->messageCount() == 0;
    m_onboarding->setVisible(onboard);
    m_window->transcript()->setVisible(!onboard);
    m_header->setVisible(!onboard);
}

void WindowSettings::showConversationSettings()
{
    m_header->setConversationSettings(m_window->controller()->conversationSettings());
}

void WindowSettings::applyAppearance()
{
    const core::AppearanceSettings& appearance = m_settings->general().appearance;
    if (m_appearanceApplied && appearance == m_appliedAppearance)
        return;
    const bool fontChanged = !m_appearanceApplied
                             || appearance.fontFamily != m_appliedAppearance.fontFamily
                             || appearance.fontPointSize != m_appliedAppearance.fontPointSize;
    m_appliedAppearance = appearance;
    m_appearanceApplied = true;

    m_window->composer()->setCtrlEnterSends(appearance.sendKey == core::SendKey::CtrlEnter);
    if (fontChanged)
        m_window->setTranscriptFont(appearance.fontFamily, appearance.fontPointSize);
}

} // namespace keel::ui
