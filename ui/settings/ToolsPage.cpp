// ToolsPage: the page's widgets, the working copy of the tool configuration (kept in step with
// Settings), the tool tables, and Apply / Revert. The server list: ToolsPageServers.cpp.
#include "ui/settings/ToolsPage.h"

#include "core/settings/Settings.h"
#include "core/tools/BuiltinTools.h"
#include "ui/settings/McpServerEditor.h"
#include "ui/settings/SettingsStyle.h"
#include "ui/settings/ToolTable.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>

namespace keel::ui {

using settingsStyle::Tone;

namespace {

QPushButton* button(const QString& text, const QString& objectName, const QString& accessible)
{
    auto* b = new QPushButton(text);
    b->setObjectName(objectName);
    b->setAccessibleName(accessible);
    b->setAutoDefault(false);
    return b;
}

QLabel* hint(const QString& text)
{
    auto* label = new QLabel(text);
    label->setWordWrap(true);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

} // namespace

ToolsPage::ToolsPage(core::Settings* settings, QWidget* parent)
    : QWidget(parent)
    , m_settings(settings)
    , m_editor(new McpServerEditor)
    , m_serverTools(new ToolTable)
    , m_builtinTools(new ToolTable)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(8);
    layout->addWidget(buildGeneral());
    m_message = settingsStyle::messageLabel(QStringLiteral("toolsMessage"));
    settingsStyle::setMessage(m_message, {}, Tone::Neutral);
    layout->addWidget(m_message);
    layout->addWidget(buildJsonPanel());
    m_tabs = new QTabWidget;
    m_tabs->setObjectName(QStringLiteral("toolsTabs"));
    m_tabs->setAccessibleName(tr("MCP servers and built-in tools"));
    m_tabs->addTab(buildServersTab(), tr("MCP servers"));
    m_tabs->addTab(buildBuiltinTab(), tr("Built-in tools"));
    layout->addWidget(m_tabs, 1);
    layout->addWidget(buildFooter());

    for (ToolTable* table : {m_serverTools, m_builtinTools}) {
        connect(table, &ToolTable::toolEnabledChanged, this, &ToolsPage::setToolEnabled);
        connect(table, &ToolTable::policyChanged, this, &ToolsPage::setToolPolicy);
    }
    connect(m_settings, &core::Settings::mcpServersChanged, this, &ToolsPage::onSettingsChanged);
    connect(m_settings, &core::Settings::toolSettingsChanged, this, &ToolsPage::onSettingsChanged);

    loadFromSettings();
    if (const QStringList warnings = m_settings->mcpConfigWarnings(); !warnings.isEmpty()) {
        showMessage(tr("Some entries of mcp.json are not used (they stay in the file):\n%1")
                        .arg(warnings.join(QLatin1Char('\n'))),
                    true);
    }
}

QWidget* ToolsPage::buildGeneral()
{
    auto* box = new QWidget;
    auto* form = new QFormLayout(box);
    form->setContentsMargins(0, 0, 0, 0);
    form->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    form->setHorizontalSpacing(12);
    m_offer = new QCheckBox(tr("Offer tools to models"));
    m_offer->setObjectName(QStringLiteral("offerTools"));
    m_offer->setAccessibleName(m_offer->text());
    m_offer->setToolTip(tr("Off: no tool is sent with a request, so models answer from what "
                           "they know"));
    form->addRow(m_offer);
    m_maxSteps = new QSpinBox;
    m_maxSteps->setObjectName(QStringLiteral("toolsMaxSteps"));
    m_maxSteps->setAccessibleName(tr("Step limit: model calls in one reply"));
    m_maxSteps->setRange(1, 50);
    m_maxSteps->setToolTip(tr("How many times a reply may call the model, the first call "
                              "included; a reply that uses tools calls it once more after them"));
    form->addRow(tr("&Step limit:"), m_maxSteps);
    m_callTimeout = new QSpinBox;
    m_callTimeout->setObjectName(QStringLiteral("toolsCallTimeout"));
    m_callTimeout->setAccessibleName(tr("Time limit per tool call in seconds, 0 for none"));
    m_callTimeout->setRange(0, 24 * 3600);
    m_callTimeout->setSuffix(tr(" s"));
    m_callTimeout->setSpecialValueText(tr("None"));
    m_callTimeout->setToolTip(tr("Long tool calls are normal; with no limit you stop one with "
                                 "Stop"));
    form->addRow(tr("&Time limit per call:"), m_callTimeout);
    connect(m_offer, &QCheckBox::toggled, this, &ToolsPage::onGeneralEdited);
    connect(m_maxSteps, &QSpinBox::valueChanged, this, &ToolsPage::onGeneralEdited);
    connect(m_callTimeout, &QSpinBox::valueChanged, this, &ToolsPage::onGeneralEdited);
    return box;
}

QWidget* ToolsPage::buildJsonPanel()
{
    m_jsonPanel = new QWidget;
    m_jsonPanel->setObjectName(QStringLiteral("mcpJsonPanel"));
    auto* layout = new QVBoxLayout(m_jsonPanel);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(tr("Paste the \"mcpServers\" snippet from a server's README:")));
    m_jsonEdit = new QPlainTextEdit;
    m_jsonEdit->setObjectName(QStringLiteral("mcpJsonEdit"));
    m_jsonEdit->setAccessibleName(tr("MCP server configuration as JSON"));
    m_jsonEdit->setPlaceholderText(QStringLiteral(
        "{\n  \"mcpServers\": {\n    \"everything\": {\n      \"command\": \"npx\",\n"
        "      \"args\": [\"-y\", \"@modelcontextprotocol/server-everything\"]\n    }\n  }\n}"));
    m_jsonEdit->setTabChangesFocus(true);
    m_jsonEdit->setMaximumHeight(160);
    layout->addWidget(m_jsonEdit);
    m_jsonError = settingsStyle::messageLabel(QStringLiteral("mcpJsonError"));
    settingsStyle::setMessage(m_jsonError, {}, Tone::Bad);
    layout->addWidget(m_jsonError);
    auto* buttons = new QHBoxLayout;
    m_jsonAdd = button(tr("Add servers"), QStringLiteral("mcpJsonAdd"),
                       tr("Add the servers of the pasted JSON"));
    QPushButton* cancel =
        button(tr("Cancel"), QStringLiteral("mcpJsonCancel"), tr("Close the JSON box"));
    buttons->addWidget(m_jsonAdd);
    buttons->addWidget(cancel);
    buttons->addStretch(1);
    layout->addLayout(buttons);
    m_jsonPanel->hide();
    connect(m_jsonAdd, &QPushButton::clicked, this, [this] {
        if (addFromJson(m_jsonEdit->toPlainText())) {
            m_jsonEdit->clear();
            m_jsonPanel->hide();
        }
    });
    connect(cancel, &QPushButton::clicked, m_jsonPanel, &QWidget::hide);
    return m_jsonPanel;
}

QWidget* ToolsPage::buildServersTab()
{
    auto* tab = new QWidget;
    auto* columns = new QHBoxLayout(tab);
    columns->setSpacing(16);

    auto* left = new QVBoxLayout;
    m_list = new QListWidget;
    m_list->setObjectName(QStringLiteral("mcpServerList"));
    m_list->setAccessibleName(tr("MCP servers"));
    m_list->setFixedWidth(220);
    left->addWidget(m_list, 1);
    auto* row = new QHBoxLayout;
    m_add = button(tr("Add"), QStringLiteral("addMcpServer"), tr("Add an MCP server"));
    m_remove = button(tr("Remove"), QStringLiteral("removeMcpServer"),
                      tr("Remove the selected MCP server"));
    row->addWidget(m_add);
    row->addWidget(m_remove);
    left->addLayout(row);
    m_addJson = button(tr("Add from JSON…"), QStringLiteral("addMcpFromJson"),
                       tr("Add servers from a pasted JSON snippet"));
    m_import = button(tr("Import Claude Desktop config…"), QStringLiteral("importClaudeDesktop"),
                      tr("Import the servers of a Claude Desktop configuration file"));
    left->addWidget(m_addJson);
    left->addWidget(m_import);
    columns->addLayout(left);
    columns->addWidget(buildServerColumn(), 1);

    connect(m_list, &QListWidget::currentRowChanged, this, &ToolsPage::onCurrentRowChanged);
    connect(m_list, &QListWidget::itemChanged, this, &ToolsPage::onListItemChanged);
    connect(m_add, &QPushButton::clicked, this, &ToolsPage::addServer);
    connect(m_remove, &QPushButton::clicked, this, &ToolsPage::removeServer);
    connect(m_addJson, &QPushButton::clicked, this, [this] {
        m_jsonPanel->show();
        m_jsonEdit->setFocus(Qt::OtherFocusReason);
    });
    connect(m_import, &QPushButton::clicked, this, &ToolsPage::chooseImportFile);
    return tab;
}

QWidget* ToolsPage::buildServerColumn()
{
    auto* column = new QWidget;
    auto* layout = new QVBoxLayout(column);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_editor);
    connect(m_editor, &McpServerEditor::edited, this, &ToolsPage::onEditorEdited);

    m_status = settingsStyle::messageLabel(QStringLiteral("mcpServerStatus"));
    m_status->setAccessibleName(tr("Server status"));
    layout->addWidget(m_status);
    auto* row = new QHBoxLayout;
    m_check = button(tr("Check server"), QStringLiteral("checkMcpServer"),
                     tr("Start the server and list its tools"));
    m_openLog =
        button(tr("Open log"), QStringLiteral("openMcpLog"), tr("Open the server's log file"));
    row->addWidget(m_check);
    row->addWidget(m_openLog);
    row->addStretch(1);
    layout->addLayout(row);
    m_serverTools->setObjectName(QStringLiteral("mcpServerTools"));
    m_serverTools->setAccessibleName(tr("Tools of the selected server"));
    layout->addWidget(m_serverTools, 1);
    connect(m_check, &QPushButton::clicked, this, &ToolsPage::checkServer);
    connect(m_openLog, &QPushButton::clicked, this, &ToolsPage::openLog);
    return column;
}

QWidget* ToolsPage::buildBuiltinTab()
{
    auto* tab = new QWidget;
    auto* layout = new QVBoxLayout(tab);
    layout->addWidget(hint(tr("Tools that come with Keel. Like every tool, each asks before it "
                              "runs unless you choose otherwise.")));
    m_builtinTools->setObjectName(QStringLiteral("builtinTools"));
    m_builtinTools->setAccessibleName(tr("Built-in tools"));
    layout->addWidget(m_builtinTools, 1);
    return tab;
}

QWidget* ToolsPage::buildFooter()
{
    auto* footer = new QWidget;
    auto* layout = new QVBoxLayout(footer);
    layout->setContentsMargins(0, 0, 0, 0);
    m_applyError = settingsStyle::messageLabel(QStringLiteral("toolsApplyError"));
    settingsStyle::setMessage(m_applyError, {}, Tone::Bad);
    layout->addWidget(m_applyError);
    auto* row = new QHBoxLayout;
    row->addStretch(1);
    m_revert = button(tr("Revert"), QStringLiteral("revertTools"), tr("Drop the unsaved changes"));
    m_apply = button(tr("Apply"), QStringLiteral("applyTools"), tr("Save the tool settings"));
    row->addWidget(m_revert);
    row->addWidget(m_apply);
    layout->addLayout(row);
    connect(m_apply, &QPushButton::clicked, this, &ToolsPage::apply);
    connect(m_revert, &QPushButton::clicked, this, &ToolsPage::revert);
    return footer;
}

bool ToolsPage::isDirty() const
{
    return m_servers != m_baseServers || m_tools != m_baseTools;
}

QString ToolsPage::currentServerName() const
{
    return m_current >= 0 && m_current < m_servers.size() ? m_servers.at(m_current).name
                                                          : QString();
}

void ToolsPage::selectServer(const QString& name)
{
    for (int row = 0; row < m_servers.size(); ++row) {
        if (m_servers.at(row).name == name) {
            m_list->setCurrentRow(row);
            return;
        }
    }
}

void ToolsPage::loadFromSettings()
{
    const QString selected = currentServerName();
    m_baseServers = m_servers = m_settings->mcpServers();
    m_baseTools = m_tools = m_settings->toolSettings();
    m_filling = true;
    m_offer->setChecked(m_tools.enabled);
    m_maxSteps->setValue(m_tools.maxSteps);
    m_callTimeout->setValue(m_tools.callTimeoutSeconds);
    m_filling = false;
    m_builtinTools->setTools(core::builtinToolSpecs(), core::builtinServerName(), m_tools);
    m_current = -1;
    rebuildList();
    selectServer(selected);
    if (m_current < 0 && !m_servers.isEmpty())
        m_list->setCurrentRow(0);
    onCurrentRowChanged(m_list->currentRow());
}

void ToolsPage::onSettingsChanged()
{
    // Changes made elsewhere (an approval card's "Always allow") join unsaved edits.
    const core::ToolSettings now = m_settings->toolSettings();
    if (!isDirty()) {
        loadFromSettings();
        return;
    }
    for (auto it = now.policies.cbegin(); it != now.policies.cend(); ++it) {
        if (m_baseTools.policies.value(it.key()) != it.value())
            m_tools.policies.insert(it.key(), it.value());
    }
    m_baseTools = now;
    if (m_servers == m_baseServers)
        m_servers = m_settings->mcpServers();
    m_baseServers = m_settings->mcpServers();
    m_builtinTools->showSettings(m_tools);
    m_serverTools->showSettings(m_tools);
    updateButtons();
}

void ToolsPage::setToolEnabled(const QString& key, bool enabled)
{
    if (enabled)
        m_tools.disabledTools.remove(key);
    else
        m_tools.disabledTools.insert(key);
    updateButtons();
}

void ToolsPage::setToolPolicy(const QString& key, core::ToolPolicy policy)
{
    if (policy == core::ToolPolicy::Ask)
        m_tools.policies.remove(key);
    else
        m_tools.policies.insert(key, policy);
    updateButtons();
}

void ToolsPage::onGeneralEdited()
{
    if (m_filling)
        return;
    m_tools.enabled = m_offer->isChecked();
    m_tools.maxSteps = m_maxSteps->value();
    m_tools.callTimeoutSeconds = m_callTimeout->value();
    updateButtons();
}

QString ToolsPage::validateServers()
{
    if (const QString error = m_editor->validationError(); !error.isEmpty())
        return error;
    for (int i = 0; i < m_servers.size(); ++i) {
        const core::McpServerConfig& server = m_servers.at(i);
        QString error;
        if (server.name.trimmed().isEmpty())
            error = tr("Server %1 has no name.").arg(i + 1);
        else if (server.command.trimmed().isEmpty())
            error = tr("“%1”: enter the command that starts it.").arg(server.name);
        for (int j = 0; error.isEmpty() && j < i; ++j) {
            if (m_servers.at(j).name.compare(server.name, Qt::CaseInsensitive) == 0)
                error = tr("Two servers are called “%1”: give each its own name.").arg(server.name);
        }
        if (!error.isEmpty()) {
            m_list->setCurrentRow(i);
            return error;
        }
    }
    return {};
}

void ToolsPage::apply()
{
    const QString error = validateServers();
    settingsStyle::setMessage(m_applyError, error, Tone::Bad);
    if (!error.isEmpty())
        return;
    const QList<core::McpServerConfig> servers = m_servers;
    const core::ToolSettings tools = m_tools;
    m_baseServers = servers; // the signals below are our own change, not an outside one
    m_baseTools = tools;
    m_settings->setMcpServers(servers);
    m_settings->setToolSettings(tools);
    showMessage({}, false); // what it said (imported, not used) is about the edits just saved
    loadFromSettings();
}

void ToolsPage::revert()
{
    settingsStyle::setMessage(m_applyError, {}, Tone::Bad);
    settingsStyle::setMessage(m_jsonError, {}, Tone::Bad);
    showMessage({}, false);
    loadFromSettings();
}

void ToolsPage::updateButtons()
{
    const bool dirty = isDirty();
    m_apply->setEnabled(dirty);
    m_revert->setEnabled(dirty);
    m_remove->setEnabled(m_current >= 0);
}

void ToolsPage::showMessage(const QString& text, bool problem)
{
    settingsStyle::setMessage(m_message, text, problem ? Tone::Bad : Tone::Neutral);
}

} // namespace keel::ui
