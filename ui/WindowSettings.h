// WindowSettings: what the configuration adds to a chat window: the chat header (model picker,
// parameter overrides), the onboarding page shown while no provider is set up, the Settings
// dialog (Ctrl+,) and its wiring to the engine's model listing and MCP server checks, the "New chat
// from assistant" menu, and the appearance (transcript font, send key) applied live.
// Application-wide appearance (the palette) belongs to the app, which owns the QApplication.
#pragma once

#include "core/chat/ChatTypes.h"
#include "core/mcp/McpTypes.h"
#include "core/settings/SettingsTypes.h"

#include <QObject>
#include <QPointer>

class QAction;
class QMenu;

namespace keel::core {
class Settings;
} // namespace keel::core

namespace keel::ui {

class ChatHeader;
class MainWindow;
class OnboardingWidget;
class SettingsDialog;

class WindowSettings : public QObject {
    Q_OBJECT
public:
    // Adds its widgets and actions to window; settings must outlive it.
    WindowSettings(MainWindow* window, core::Settings* settings);

    ChatHeader* header() const { return m_header; }
    OnboardingWidget* onboarding() const { return m_onboarding; }
    SettingsDialog* dialog() const; // null until first opened
    QAction* settingsAction() const { return m_settingsAction; }
    QMenu* assistantsMenu() const { return m_assistantsMenu; }

    // Opens the Settings dialog (non-modal) on its Providers page.
    SettingsDialog* openSettings();
    // A new chat started from an assistant.
    void newChatFromAssistant(const QString& assistantId);

Q_SIGNALS:
    void listModelsRequested(const keel::core::ModelListRequest& request);
    void inspectMcpServerRequested(const QString& requestId,
                                   const keel::core::McpServerConfig& config);

public Q_SLOTS:
    void onModelsListed(const keel::core::ModelListResult& result);
    void onMcpServerInspected(const QString& requestId, const keel::core::McpServerStatus& status);

private:
    void rebuildAssistantsMenu();
    void updateOnboarding();
    void applyAppearance();
    void showConversationSettings();

    MainWindow* m_window;
    core::Settings* m_settings;
    ChatHeader* m_header;
    OnboardingWidget* m_onboarding;
    QPointer<SettingsDialog> m_dialog;
    QAction* m_settingsAction;
    QMenu* m_assistantsMenu;
    core::AppearanceSettings m_appliedAppearance;
    bool m_appearanceApplied = false;
};

} // namespace keel::ui
