// SettingsDialog: Keel's settings window (Ctrl+,): a list of pages on the left (Providers, Chat
// defaults, Assistants, Tools, Appearance, Network) and the chosen page on the right. Non-modal;
// every page applies its changes to core::Settings (the Providers page on Save), so nothing needs a
// restart and the dialog itself keeps nothing on disk.
//
// Test connection / Fetch models leave through listModelsRequested (the app connects it to
// Engine::listModels, queued) and come back through onModelsListed; the Tools page's Check
// server likewise through inspectServerRequested / onServerInspected.
#pragma once

#include "core/chat/ChatTypes.h"
#include "core/mcp/McpTypes.h"

#include <QDialog>
#include <QStringList>

#include <optional>

class QLabel;
class QListWidget;
class QStackedWidget;

namespace keel::core {
class Settings;
}

namespace keel::ui {

class AppearancePage;
class AssistantsPage;
class ChatDefaultsPage;
class NetworkPage;
class ProvidersPage;
class ToolsPage;

class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    enum class Page { Providers, ChatDefaults, Assistants, Tools, Appearance, Network };

    explicit SettingsDialog(core::Settings* settings, QWidget* parent = nullptr);

    void showPage(Page page);
    // The pages' names on the command line (keel --settings NAME), in Page order.
    static QStringList pageNames();
    static std::optional<Page> pageNamed(const QString& name);
    Page currentPage() const;
    // Onboarding: the Providers page with a new, unsaved provider from this preset ("" =
    // custom), the cursor in its key field.
    void addProviderFromPreset(const QString& presetId);

    ProvidersPage* providersPage() const { return m_providers; }
    ChatDefaultsPage* chatDefaultsPage() const { return m_chatDefaults; }
    AssistantsPage* assistantsPage() const { return m_assistants; }
    ToolsPage* toolsPage() const { return m_tools; }
    AppearancePage* appearancePage() const { return m_appearance; }
    NetworkPage* networkPage() const { return m_network; }
    QListWidget* pageList() const { return m_pageList; }

Q_SIGNALS:
    void listModelsRequested(const keel::core::ModelListRequest& request);
    void inspectServerRequested(const QString& requestId,
                                const keel::core::McpServerConfig& config);

public Q_SLOTS:
    // From Engine::modelsListed (queued); answers to requests of others are ignored.
    void onModelsListed(const keel::core::ModelListResult& result);
    // From Engine::mcpServerInspected (queued).
    void onServerInspected(const QString& requestId, const keel::core::McpServerStatus& status);

private:
    void addPage(QWidget* page, const QString& title, const QIcon& icon, bool scroll);

    QListWidget* m_pageList;
    QLabel* m_pageTitle;
    QStackedWidget* m_stack;
    ProvidersPage* m_providers;
    ChatDefaultsPage* m_chatDefaults;
    AssistantsPage* m_assistants;
    ToolsPage* m_tools;
    AppearancePage* m_appearance;
    NetworkPage* m_network;
};

} // namespace keel::ui
