// ToolsPage (servers): the MCP server list of the working copy: selecting, editing, adding and
// removing servers, the "Add from JSON…" box, importing a file (read on the worker pool), and
// Check server with the status and tools it answers with.
#include "core/mcp/McpConfig.h"
#include "core/settings/ConfigFile.h"
#include "ui/settings/McpServerEditor.h"
#include "ui/settings/SettingsStyle.h"
#include "ui/settings/ToolTable.h"
#include "ui/settings/ToolsPage.h"

#include <QCoreApplication>
#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QListWidget>
#include <QPointer>
#include <QPushButton>
#include <QThreadPool>
#include <QUrl>
#include <QUuid>

#include <algorithm>

namespace keel::ui {

using settingsStyle::Tone;

namespace {

QString statusText(const core::McpServerStatus& status)
{
    QStringList parts;
    switch (status.state) {
    case core::McpServerState::Ready:
        parts << ToolsPage::tr("Ready");
        break;
    case core::McpServerState::Starting:
        parts << ToolsPage::tr("Starting…");
        break;
    case core::McpServerState::Stopped:
        parts << ToolsPage::tr("Not running");
        break;
    case core::McpServerState::Failed:
        parts << ToolsPage::tr("Failed");
        break;
    }
    if (!status.message.isEmpty())
        parts << status.message;
    if (!status.serverName.isEmpty())
        parts << (status.serverName + QLatin1Char(' ') + status.serverVersion).trimmed();
    if (status.state == core::McpServerState::Ready)
        parts << (status.tools.size() == 1 ? ToolsPage::tr("1 tool")
                                           : ToolsPage::tr("%1 tools").arg(status.tools.size()));
    return parts.join(QStringLiteral(" · "));
}

} // namespace

void ToolsPage::rebuildList()
{
    m_filling = true;
    m_list->clear();
    for (const core::McpServerConfig& server : m_servers) {
        auto* item = new QListWidgetItem(server.name.isEmpty() ? tr("(no name)") : server.name);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(server.enabled ? Qt::Checked : Qt::Unchecked);
        item->setToolTip(
            (server.command + QLatin1Char(' ') + server.args.join(QLatin1Char(' '))).trimmed());
        m_list->addItem(item);
    }
    m_list->setCurrentRow(m_current);
    m_filling = false;
}

void ToolsPage::onCurrentRowChanged(int row)
{
    if (m_filling)
        return;
    m_current = row >= 0 && row < m_servers.size() ? row : -1;
    m_editor->setServer(m_current >= 0 ? std::optional(m_servers.at(m_current)) : std::nullopt);
    showStatus();
    updateButtons();
}

void ToolsPage::onEditorEdited()
{
    if (m_current < 0)
        return;
    core::McpServerConfig& server = m_servers[m_current];
    server = m_editor->server();
    if (QListWidgetItem* item = m_list->item(m_current)) {
        m_filling = true;
        item->setText(server.name.isEmpty() ? tr("(no name)") : server.name);
        item->setCheckState(server.enabled ? Qt::Checked : Qt::Unchecked);
        m_filling = false;
    }
    showStatus();
    updateButtons();
}

void ToolsPage::onListItemChanged()
{
    if (m_filling)
        return;
    for (int row = 0; row < m_list->count() && row < m_servers.size(); ++row) {
        const bool enabled = m_list->item(row)->checkState() == Qt::Checked;
        if (m_servers.at(row).enabled == enabled)
            continue;
        m_servers[row].enabled = enabled;
        if (row == m_current)
            m_editor->setServerEnabled(enabled);
    }
    updateButtons();
}

void ToolsPage::addServer()
{
    core::McpServerConfig server;
    server.name = QStringLiteral("server");
    const auto taken = [this](const QString& name) {
        return std::any_of(m_servers.cbegin(), m_servers.cend(),
                           [&](const auto& s) { return s.name == name; });
    };
    for (int n = 2; taken(server.name); ++n)
        server.name = QStringLiteral("server-%1").arg(n);
    m_servers.append(server);
    m_current = int(m_servers.size()) - 1;
    rebuildList();
    onCurrentRowChanged(m_current);
    m_editor->focusName();
}

void ToolsPage::removeServer()
{
    if (m_current < 0)
        return;
    m_servers.removeAt(m_current); // Revert brings it back: nothing to confirm
    m_current = std::min(m_current, int(m_servers.size()) - 1);
    rebuildList();
    onCurrentRowChanged(m_current);
}

bool ToolsPage::addFromJson(const QString& text)
{
    const core::McpConfigParse parse = core::parseMcpConfig(text.toUtf8());
    QString error = parse.error;
    if (parse.ok() && parse.servers.isEmpty()) {
        error = tr("No server in it can be used.");
        if (!parse.warnings.isEmpty())
            error += QLatin1Char('\n') + parse.warnings.join(QLatin1Char('\n'));
    }
    settingsStyle::setMessage(m_jsonError, error, Tone::Bad);
    if (!error.isEmpty()) {
        m_jsonPanel->show();
        return false;
    }
    mergeServers(parse.servers, parse.warnings, tr("the pasted JSON"));
    return true;
}

void ToolsPage::chooseImportFile()
{
    const QFileInfo suggested(core::claudeDesktopConfigPath());
    auto* dialog = new QFileDialog(this, tr("Import MCP servers"), suggested.absolutePath(),
                                   tr("JSON files (*.json);;All files (*)"));
    dialog->setObjectName(QStringLiteral("mcpImportDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFile);
    dialog->selectFile(suggested.fileName());
    connect(dialog, &QFileDialog::fileSelected, this, &ToolsPage::importFile);
    dialog->open(); // window-modal, no nested event loop
}

void ToolsPage::importFile(const QString& path)
{
    showMessage(tr("Reading %1…").arg(QDir::toNativeSeparators(path)), false);
    // Disk on the worker pool; the answer comes back through the application object, which
    // outlives the page, and reaches the page only if it still exists.
    QPointer<ToolsPage> page(this);
    QThreadPool::globalInstance()->start([page, path] {
        const core::ConfigFileContents contents = core::readConfigFile(path);
        const QString error =
            contents.exists
                ? contents.error
                : QCoreApplication::translate("keel::ui::ToolsPage", "there is no such file");
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [page, path, bytes = contents.bytes, error] {
                if (page)
                    page->onImportRead(path, bytes, error);
            },
            Qt::QueuedConnection);
    });
}

void ToolsPage::onImportRead(const QString& path, const QByteArray& bytes, const QString& error)
{
    const QString file = QDir::toNativeSeparators(path);
    if (!error.isEmpty()) {
        showMessage(tr("Could not read %1: %2.").arg(file, error), true);
        return;
    }
    const core::McpConfigParse parse = core::parseMcpConfig(bytes);
    if (!parse.ok()) {
        showMessage(tr("Nothing imported from %1: %2").arg(file, parse.error), true);
        return;
    }
    if (parse.servers.isEmpty()) {
        QStringList lines = {tr("No server in %1 can be used.").arg(file)};
        showMessage((lines + parse.warnings).join(QLatin1Char('\n')), true);
        return;
    }
    mergeServers(parse.servers, parse.warnings, QFileInfo(path).fileName());
}

void ToolsPage::mergeServers(const QList<core::McpServerConfig>& servers,
                             const QStringList& warnings, const QString& source)
{
    const core::McpMerge merge = core::mergeMcpServers(m_servers, servers);
    m_servers = merge.servers;
    rebuildList();
    const QString first = !merge.added.isEmpty()      ? merge.added.front()
                          : !merge.replaced.isEmpty() ? merge.replaced.front()
                                                      : merge.unchanged.value(0);
    m_current = -1;
    selectServer(first);
    onCurrentRowChanged(m_list->currentRow());

    QStringList lines;
    if (!merge.added.isEmpty())
        lines << tr("Added from %1: %2.").arg(source, merge.added.join(QStringLiteral(", ")));
    if (!merge.replaced.isEmpty())
        lines << tr("Replaced from %1: %2.").arg(source, merge.replaced.join(QStringLiteral(", ")));
    if (!merge.unchanged.isEmpty())
        lines << tr("Already set up the same way: %1.")
                     .arg(merge.unchanged.join(QStringLiteral(", ")));
    if (!merge.added.isEmpty() || !merge.replaced.isEmpty())
        lines << tr("Press Apply to keep the changes.");
    for (const QString& warning : warnings)
        lines << tr("Not used: %1").arg(warning);
    showMessage(lines.join(QLatin1Char('\n')), !warnings.isEmpty());
    updateButtons();
}

void ToolsPage::checkServer()
{
    if (m_current < 0)
        return;
    if (const QString error = m_editor->validationError(); !error.isEmpty()) {
        settingsStyle::setMessage(m_status, error, Tone::Bad);
        return;
    }
    const core::McpServerConfig config = m_editor->server();
    const QString requestId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_pending.insert(requestId, config.name);
    showStatus();
    Q_EMIT inspectServerRequested(requestId, config);
}

void ToolsPage::onServerInspected(const QString& requestId, const core::McpServerStatus& status)
{
    const auto pending = m_pending.constFind(requestId);
    if (pending == m_pending.cend())
        return;
    const QString name = pending.value();
    m_pending.erase(pending);
    m_statuses.insert(name, status);
    if (name == currentServerName())
        showStatus();
}

void ToolsPage::openLog()
{
    const QString log = m_statuses.value(currentServerName()).logPath;
    if (!log.isEmpty())
        QDesktopServices::openUrl(QUrl::fromLocalFile(log));
}

void ToolsPage::showStatus()
{
    const QString name = currentServerName();
    const auto known = m_statuses.constFind(name);
    const bool checking = m_current >= 0 && !m_pending.keys(name).isEmpty();
    if (m_current < 0) {
        settingsStyle::setMessage(m_status, {}, Tone::Neutral);
    } else if (checking) {
        settingsStyle::setMessage(
            m_status, tr("Checking: starting the server and listing its tools…"), Tone::Neutral);
    } else if (known != m_statuses.cend()) {
        const core::McpServerState state = known->state;
        settingsStyle::setMessage(m_status, statusText(*known),
                                  state == core::McpServerState::Failed  ? Tone::Bad
                                  : state == core::McpServerState::Ready ? Tone::Good
                                                                         : Tone::Neutral);
    } else {
        settingsStyle::setMessage(
            m_status, tr("Not checked yet: Check server starts it and lists its tools."),
            Tone::Neutral);
    }
    m_serverTools->setTools(known != m_statuses.cend() ? known->tools : QList<core::ToolSpec>(),
                            name, m_tools);
    m_openLog->setEnabled(known != m_statuses.cend() && !known->logPath.isEmpty());
    m_check->setEnabled(m_current >= 0 && !checking);
}

} // namespace keel::ui
