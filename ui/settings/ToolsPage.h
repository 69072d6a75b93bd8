// ToolsPage: the Tools page of the settings dialog: whether tools are offered to models, the step
// limit and the per-call time limit; the MCP servers of mcp.json (a list with an enabled box per
// server, Add, Remove, "Add from JSON…" for a README snippet, "Import Claude Desktop config…"),
// the McpServerEditor for the selected one with its status, "Check server" and "Open log", and
// its tools (ToolTable: offered or not, approval policy); Keel's built-in tools in the same table.
//
// Edits go to a working copy; Apply writes it through core::Settings (setMcpServers,
// setToolSettings), Revert drops it. "Check server" leaves through inspectServerRequested (the
// app connects it to Engine::inspectMcpServer, queued) and comes back through onServerInspected.
// An imported file is read on the worker pool, never on the GUI thread.
#pragma once

#include "core/mcp/McpTypes.h"
#include "core/tools/ToolSettings.h"

#include <QHash>
#include <QWidget>

class QCheckBox;
class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTabWidget;

namespace keel::core {
class Settings;
} // namespace keel::core

namespace keel::ui {

class McpServerEditor;
class ToolTable;

class ToolsPage : public QWidget {
    Q_OBJECT
public:
    explicit ToolsPage(core::Settings* settings, QWidget* parent = nullptr);

    // Merges the servers of a claude_desktop_config.json (or any file with an "mcpServers"
    // object) into the working copy and says which were added or replaced. The file is read
    // off the GUI thread: the answer shows a moment later (message label).
    void importFile(const QString& path);
    // Parses the text as the "Add from JSON…" box does; false (and the error shown) when
    // it has no usable servers.
    bool addFromJson(const QString& text);

    // The working copy.
    QList<core::McpServerConfig> servers() const { return m_servers; }
    core::ToolSettings toolSettings() const { return m_tools; }
    bool isDirty() const;
    void selectServer(const QString& name);
    QString currentServerName() const;

    // For tests.
    QCheckBox* offerToolsCheck() const { return m_offer; }
    QSpinBox* maxStepsSpin() const { return m_maxSteps; }
    QSpinBox* callTimeoutSpin() const { return m_callTimeout; }
    QListWidget* serverList() const { return m_list; }
    QPushButton* addButton() const { return m_add; }
    QPushButton* removeButton() const { return m_remove; }
    QPushButton* addFromJsonButton() const { return m_addJson; }
    QPushButton* importButton() const { return m_import; }
    QWidget* jsonPanel() const { return m_jsonPanel; }
    QPlainTextEdit* jsonEdit() const { return m_jsonEdit; }
    QPushButton* jsonAddButton() const { return m_jsonAdd; }
    QLabel* jsonErrorLabel() const { return m_jsonError; }
    McpServerEditor* editor() const { return m_editor; }
    QLabel* statusLabel() const { return m_status; }
    QPushButton* checkButton() const { return m_check; }
    QPushButton* openLogButton() const { return m_openLog; }
    ToolTable* serverToolsTable() const { return m_serverTools; }
    ToolTable* builtinToolsTable() const { return m_builtinTools; }
    QTabWidget* tabs() const { return m_tabs; }
    QLabel* messageLabel() const { return m_message; }
    QPushButton* applyButton() const { return m_apply; }
    QPushButton* revertButton() const { return m_revert; }

Q_SIGNALS:
    void inspectServerRequested(const QString& requestId,
                                const keel::core::McpServerConfig& config);

public Q_SLOTS:
    void apply();
    void revert();
    // From Engine::mcpServerInspected (queued); answers to requests of others are ignored.
    void onServerInspected(const QString& requestId, const keel::core::McpServerStatus& status);

private:
    QWidget* buildGeneral();
    QWidget* buildServersTab();
    QWidget* buildJsonPanel();
    QWidget* buildServerColumn();
    QWidget* buildBuiltinTab();
    QWidget* buildFooter();
    void loadFromSettings();
    void onSettingsChanged();
    void rebuildList();
    void onCurrentRowChanged(int row);
    void onEditorEdited();
    void onListItemChanged();
    void addServer();
    void removeServer();
    void chooseImportFile();
    void onImportRead(const QString& path, const QByteArray& bytes, const QString& error);
    void mergeServers(const QList<core::McpServerConfig>& servers, const QStringList& warnings,
                      const QString& source);
    void checkServer();
    void openLog();
    void showStatus();
    void setToolEnabled(const QString& key, bool enabled);
    void setToolPolicy(const QString& key, core::ToolPolicy policy);
    void onGeneralEdited();
    void updateButtons();
    void showMessage(const QString& text, bool problem);
    QString validateServers();

    core::Settings* m_settings;
    QList<core::McpServerConfig> m_servers;
    core::ToolSettings m_tools;
    // What the working copy started from: Settings at the last load, apply or revert.
    QList<core::McpServerConfig> m_baseServers;
    core::ToolSettings m_baseTools;
    int m_current = -1;
    QHash<QString, core::McpServerStatus> m_statuses; // by server name: the last answer
    QHash<QString, QString> m_pending;                // request id -> server name
    bool m_filling = false;

    QCheckBox* m_offer = nullptr;
    QSpinBox* m_maxSteps = nullptr;
    QSpinBox* m_callTimeout = nullptr;
    QLabel* m_message = nullptr;
    QTabWidget* m_tabs = nullptr;
    QListWidget* m_list = nullptr;
    QPushButton* m_add = nullptr;
    QPushButton* m_remove = nullptr;
    QPushButton* m_addJson = nullptr;
    QPushButton* m_import = nullptr;
    QWidget* m_jsonPanel = nullptr;
    QPlainTextEdit* m_jsonEdit = nullptr;
    QPushButton* m_jsonAdd = nullptr;
    QLabel* m_jsonError = nullptr;
    McpServerEditor* m_editor = nullptr;
    QLabel* m_status = nullptr;
    QPushButton* m_check = nullptr;
    QPushButton* m_openLog = nullptr;
    ToolTable* m_serverTools = nullptr;
    ToolTable* m_builtinTools = nullptr;
    QPushButton* m_apply = nullptr;
    QPushButton* m_revert = nullptr;
    QLabel* m_applyError = nullptr;
};

} // namespace keel::ui
