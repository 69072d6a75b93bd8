// UI tests of the Tools page of the settings dialog, offscreen, against a real core::Settings on
// a real SettingsThread in a temporary profile: a README snippet pasted into "Add from JSON…"
// becomes a server; a claude_desktop_config.json (through the file dialog and through
// importFile) is merged with added / replaced names reported; arguments, environment and the
// enabled box are edited and Apply writes mcp.json in the "mcpServers" format; invalid input is
// refused inline; "Check server" leaves through the dialog's signal and its answer fills the
// tools table; a policy and a disabled tool reach tools.json; built-in tools are listed; Revert
// drops edits; the page follows a policy set elsewhere.
#include "ui/settings/ToolsPage.h"

#include "core/mcp/McpConfig.h"
#include "core/settings/SecretStore.h"
#include "core/settings/Settings.h"
#include "core/settings/SettingsThread.h"
#include "core/settings/SettingsWriter.h"
#include "core/tools/BuiltinTools.h"
#include "ui/settings/McpServerEditor.h"
#include "ui/settings/SettingsDialog.h"
#include "ui/settings/ToolTable.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <nlohmann/json.hpp>

using namespace keel;

namespace {

// @modelcontextprotocol/server-everything README, "Usage with Claude Desktop", as published.
const QString kEverythingReadme = QStringLiteral(R"({
  "mcpServers": {
    "everything": {
      "command": "npx",
      "args": [
        "-y",
        "@modelcontextprotocol/server-everything"
      ]
    }
  }
}
)");

// @modelcontextprotocol/server-filesystem README, NPX.
const QString kFilesystemReadme = QStringLiteral(R"({
  "mcpServers": {
    "filesystem": {
      "command": "npx",
      "args": [
        "-y",
        "@modelcontextprotocol/server-filesystem",
        "/Users/username/Desktop",
        "/path/to/other/allowed/dir"
      ]
    }
  }
}
)");

const QByteArray kClaudeDesktop = R"({
  "mcpServers": {
    "github": {
      "command": "npx",
      "args": ["-y", "@modelcontextprotocol/server-github"],
      "env": {"GITHUB_PERSONAL_ACCESS_TOKEN": "<YOUR_TOKEN>"}
    },
    "everything": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-everything"]}
  }
}
)";

constexpr int kWaitMs = 15000;

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeAll(const QString& path, const QByteArray& bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate)
           && file.write(bytes) == bytes.size();
}

QStringList listed(QListWidget* list)
{
    QStringList names;
    for (int row = 0; row < list->count(); ++row)
        names << list->item(row)->text();
    return names;
}

core::ToolSpec tool(const QString& name, const QString& description)
{
    core::ToolSpec spec;
    spec.name = name;
    spec.toolName = name;
    spec.server = QStringLiteral("everything");
    spec.description = description;
    spec.inputSchema = QStringLiteral("{\"type\":\"object\"}");
    return spec;
}

} // namespace

class ToolsPageTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent");
        qputenv("XDG_CONFIG_HOME", m_dir->filePath(QStringLiteral("config")).toUtf8());
        qputenv("XDG_DATA_HOME", m_dir->filePath(QStringLiteral("data")).toUtf8());
        m_paths.configDir = m_dir->filePath(QStringLiteral("config/keel"));
        m_thread = std::make_unique<core::SettingsThread>(
            m_paths, core::SecretStore::serviceNameFor(m_dir->path()));
        m_thread->start();
        m_settings =
            std::make_unique<core::Settings>(m_paths, m_thread->writer(), m_thread->secrets());
        m_settings->load();
    }

    void cleanup()
    {
        m_dialog.reset();
        m_settings.reset();
        if (m_thread)
            m_thread->stop();
        m_thread.reset();
        m_dir.reset();
    }

    void toolsIsAPageOfTheDialog()
    {
        openDialog();
        QCOMPARE(ui::SettingsDialog::pageNamed(QStringLiteral("tools")),
                 ui::SettingsDialog::Page::Tools);
        QCOMPARE(m_dialog->currentPage(), ui::SettingsDialog::Page::Tools);
        QVERIFY(page()->isVisible());
        QVERIFY(!page()->applyButton()->isEnabled()); // nothing to apply yet
    }

    void pastedReadmeSnippetAddsAServer()
    {
        openDialog();
        QVERIFY(!page()->jsonPanel()->isVisible());
        QTest::mouseClick(page()->addFromJsonButton(), Qt::LeftButton);
        QVERIFY(page()->jsonPanel()->isVisible());

        // Another client's format: refused inline, the box stays open.
        page()->jsonEdit()->setPlainText(
            QStringLiteral(R"({"servers": {"x": {"command": "npx"}}})"));
        QTest::mouseClick(page()->jsonAddButton(), Qt::LeftButton);
        QVERIFY(page()->jsonErrorLabel()->isVisible());
        QVERIFY(page()->jsonErrorLabel()->text().contains(QStringLiteral("\"mcpServers\"")));
        QCOMPARE(page()->serverList()->count(), 0);

        page()->jsonEdit()->setPlainText(kEverythingReadme);
        QTest::mouseClick(page()->jsonAddButton(), Qt::LeftButton);
        QVERIFY(!page()->jsonPanel()->isVisible());
        QCOMPARE(listed(page()->serverList()), QStringList{QStringLiteral("everything")});
        QCOMPARE(page()->currentServerName(), QStringLiteral("everything"));
        QCOMPARE(page()->editor()->commandEdit()->text(), QStringLiteral("npx"));
        QCOMPARE(page()->editor()->argsEdit()->toPlainText(),
                 QStringLiteral("-y\n@modelcontextprotocol/server-everything"));
        QVERIFY(page()->messageLabel()->text().contains(QStringLiteral("Added")));
        QVERIFY(page()->applyButton()->isEnabled());
        QVERIFY(m_settings->mcpServers().isEmpty()); // only after Apply

        QVERIFY(page()->addFromJson(kFilesystemReadme));
        QCOMPARE(listed(page()->serverList()),
                 (QStringList{QStringLiteral("everything"), QStringLiteral("filesystem")}));
        QTest::mouseClick(page()->applyButton(), Qt::LeftButton);
        QCOMPARE(m_settings->mcpServers().size(), 2);
        QCOMPARE(m_settings->mcpServers().at(1).args.at(1),
                 QStringLiteral("@modelcontextprotocol/server-filesystem"));
        QVERIFY(!page()->applyButton()->isEnabled());
    }

    void claudeDesktopConfigIsMerged()
    {
        core::McpServerConfig old;
        old.name = QStringLiteral("everything");
        old.command = QStringLiteral("node");
        old.args = {QStringLiteral("/opt/everything/index.js")};
        core::McpServerConfig mine;
        mine.name = QStringLiteral("mine");
        mine.command = QStringLiteral("/opt/mine");
        m_settings->setMcpServers({mine, old});
        openDialog();
        QCOMPARE(listed(page()->serverList()),
                 (QStringList{QStringLiteral("mine"), QStringLiteral("everything")}));

        // The button's file dialog starts where Claude Desktop keeps its file.
        const QString claude = core::claudeDesktopConfigPath();
        QVERIFY(claude.startsWith(m_dir->path()));
        QVERIFY(writeAll(claude, kClaudeDesktop));
        QTest::mouseClick(page()->importButton(), Qt::LeftButton);
        auto* fileDialog = page()->findChild<QFileDialog*>(QStringLiteral("mcpImportDialog"));
        QVERIFY(fileDialog);
        QTRY_VERIFY(fileDialog->isVisible());
        QCOMPARE(QDir(fileDialog->directory()).absolutePath(), QFileInfo(claude).absolutePath());
        fileDialog->selectFile(claude);
        static_cast<QDialog*>(fileDialog)->accept(); // QFileDialog::accept, protected there

        QTRY_COMPARE_WITH_TIMEOUT(listed(page()->serverList()),
                                  (QStringList{QStringLiteral("mine"), QStringLiteral("everything"),
                                               QStringLiteral("github")}),
                                  kWaitMs);
        const QString message = page()->messageLabel()->text();
        QVERIFY2(message.contains(QStringLiteral("Added from claude_desktop_config.json: github")),
                 qPrintable(message));
        QVERIFY2(message.contains(
                     QStringLiteral("Replaced from claude_desktop_config.json: everything")),
                 qPrintable(message));
        QCOMPARE(page()->servers().at(1).command, QStringLiteral("npx"));
        QCOMPARE(page()->currentServerName(), QStringLiteral("github"));
        QCOMPARE(page()->editor()->envEdit()->toPlainText(),
                 QStringLiteral("GITHUB_PERSONAL_ACCESS_TOKEN=<YOUR_TOKEN>"));

        // The same file again: nothing new; a missing file says so.
        page()->importFile(claude);
        QTRY_VERIFY_WITH_TIMEOUT(
            page()->messageLabel()->text().contains(QStringLiteral("Already set up")), kWaitMs);
        page()->importFile(m_dir->filePath(QStringLiteral("nowhere.json")));
        QTRY_VERIFY_WITH_TIMEOUT(
            page()->messageLabel()->text().contains(QStringLiteral("Could not read")), kWaitMs);
        QCOMPARE(page()->servers().size(), 3);
    }

    void editedServerIsWrittenInTheMcpServersFormat()
    {
        openDialog();
        QVERIFY(page()->addFromJson(kFilesystemReadme));
        ui::McpServerEditor* editor = page()->editor();
        editor->argsEdit()->setPlainText(
            QStringLiteral("-y\n@modelcontextprotocol/server-filesystem\n\n/home/me/Projects\n"));
        editor->envEdit()->setPlainText(QStringLiteral("DEBUG=1\nTOKEN = a=b"));
        editor->cwdEdit()->setText(QStringLiteral("/tmp"));
        Q_EMIT editor->cwdEdit()->textEdited(editor->cwdEdit()->text());
        // Disabled from the list's check box: the editor follows.
        page()->serverList()->item(0)->setCheckState(Qt::Unchecked);
        QVERIFY(!editor->enabledCheck()->isChecked());

        QTest::mouseClick(page()->applyButton(), Qt::LeftButton);
        QCOMPARE(m_settings->mcpServers().size(), 1);
        flush();
        const QByteArray saved = readAll(m_paths.mcpFile());
        const auto document = nlohmann::json::parse(saved.toStdString(), nullptr, false);
        QVERIFY2(!document.is_discarded(), saved.constData());
        const auto& server = document.at("mcpServers").at("filesystem");
        QCOMPARE(server.at("command").get<std::string>(), std::string("npx"));
        QCOMPARE(server.at("args").get<std::vector<std::string>>(),
                 (std::vector<std::string>{"-y", "@modelcontextprotocol/server-filesystem",
                                           "/home/me/Projects"}));
        QCOMPARE(server.at("env").at("DEBUG").get<std::string>(), std::string("1"));
        QCOMPARE(server.at("env").at("TOKEN").get<std::string>(), std::string(" a=b"));
        QCOMPARE(server.at("cwd").get<std::string>(), std::string("/tmp"));
        QCOMPARE(server.at("disabled").get<bool>(), true);
        // And it reads back as what the page applied.
        QCOMPARE(core::parseMcpConfig(saved).servers, m_settings->mcpServers());

        // Enabled again: "disabled" goes away.
        editor->enabledCheck()->setChecked(true);
        QCOMPARE(page()->serverList()->item(0)->checkState(), Qt::Checked);
        page()->apply();
        flush();
        const auto again = nlohmann::json::parse(readAll(m_paths.mcpFile()).toStdString());
        QVERIFY(!again.at("mcpServers").at("filesystem").contains("disabled"));
    }

    void invalidInputIsRefusedInline()
    {
        openDialog();
        QTest::mouseClick(page()->addButton(), Qt::LeftButton);
        QCOMPARE(page()->currentServerName(), QStringLiteral("server"));
        ui::McpServerEditor* editor = page()->editor();
        QVERIFY(editor->validationLabel()->isVisible()); // no command yet
        page()->apply();
        auto* applyError = page()->findChild<QLabel*>(QStringLiteral("toolsApplyError"));
        QVERIFY(applyError && applyError->isVisible());
        QVERIFY(m_settings->mcpServers().isEmpty());

        editor->commandEdit()->setText(QStringLiteral("uvx"));
        Q_EMIT editor->commandEdit()->textEdited(QStringLiteral("uvx"));
        editor->envEdit()->setPlainText(QStringLiteral("JUSTANAME"));
        QVERIFY(editor->validationLabel()->text().contains(QStringLiteral("line 1")));
        page()->apply();
        QVERIFY(m_settings->mcpServers().isEmpty());

        editor->envEdit()->setPlainText(QStringLiteral("NAME=value"));
        // Two servers with one name.
        QTest::mouseClick(page()->addButton(), Qt::LeftButton);
        editor->nameEdit()->setText(QStringLiteral("SERVER"));
        Q_EMIT editor->nameEdit()->textEdited(QStringLiteral("SERVER"));
        editor->commandEdit()->setText(QStringLiteral("uvx"));
        Q_EMIT editor->commandEdit()->textEdited(QStringLiteral("uvx"));
        page()->apply();
        QVERIFY(applyError->text().contains(QStringLiteral("Two servers")));
        QVERIFY(m_settings->mcpServers().isEmpty());

        QTest::mouseClick(page()->removeButton(), Qt::LeftButton);
        page()->apply();
        QVERIFY2(!applyError->isVisible(), qPrintable(applyError->text()));
        QCOMPARE(m_settings->mcpServers().size(), 1);
        QCOMPARE(m_settings->mcpServers().front().env.value(QStringLiteral("NAME")),
                 QStringLiteral("value"));
    }

    void checkServerFillsTheToolsTable()
    {
        openDialog();
        QVERIFY(page()->addFromJson(kEverythingReadme));
        QCOMPARE(page()->serverToolsTable()->rowCount(), 0);
        QVERIFY(!page()->openLogButton()->isEnabled());
        QSignalSpy requested(m_dialog.get(), &ui::SettingsDialog::inspectServerRequested);
        QTest::mouseClick(page()->checkButton(), Qt::LeftButton);
        QCOMPARE(requested.size(), 1);
        const QString requestId = requested.front().at(0).toString();
        const auto config = requested.front().at(1).value<core::McpServerConfig>();
        QCOMPARE(config.name, QStringLiteral("everything"));
        QCOMPARE(config.command, QStringLiteral("npx"));
        QVERIFY(page()->statusLabel()->text().contains(QStringLiteral("Checking")));
        QVERIFY(!page()->checkButton()->isEnabled());

        core::McpServerStatus status;
        status.name = QStringLiteral("everything");
        status.state = core::McpServerState::Ready;
        status.serverName = QStringLiteral("example-servers/everything");
        status.serverVersion = QStringLiteral("1.0.0");
        status.logPath = m_dir->filePath(QStringLiteral("everything.log"));
        status.tools = {tool(QStringLiteral("echo"), QStringLiteral("Echoes back the input")),
                        tool(QStringLiteral("add"), QStringLiteral("Adds two numbers"))};
        m_dialog->onServerInspected(QStringLiteral("someone-else"), status); // not ours
        QCOMPARE(page()->serverToolsTable()->rowCount(), 0);
        m_dialog->onServerInspected(requestId, status);

        ui::ToolTable* table = page()->serverToolsTable();
        QCOMPARE(table->rowCount(), 2);
        QCOMPARE(table->keyAt(0), QStringLiteral("everything/echo"));
        QCOMPARE(table->item(0, ui::ToolTable::NameColumn)->text(), QStringLiteral("echo"));
        QCOMPARE(table->item(1, ui::ToolTable::DescriptionColumn)->toolTip(),
                 QStringLiteral("Adds two numbers"));
        QVERIFY(table->isToolEnabled(0));
        QCOMPARE(table->policyCombo(0)->currentData().toInt(), int(core::ToolPolicy::Ask));
        const QString text = page()->statusLabel()->text();
        QVERIFY2(text.contains(QStringLiteral("Ready")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("2 tools")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("example-servers/everything 1.0.0")),
                 qPrintable(text));
        QVERIFY(page()->openLogButton()->isEnabled());
        QVERIFY(page()->checkButton()->isEnabled());

        // A failure says why.
        QTest::mouseClick(page()->checkButton(), Qt::LeftButton);
        core::McpServerStatus failed;
        failed.state = core::McpServerState::Failed;
        failed.message = QStringLiteral("exited with code 1: npm ERR! 404");
        m_dialog->onServerInspected(requested.at(1).at(0).toString(), failed);
        QVERIFY(page()->statusLabel()->text().contains(QStringLiteral("npm ERR! 404")));
        QCOMPARE(page()->serverToolsTable()->rowCount(), 0);
    }

    void policiesAndSwitchesReachToolsJson()
    {
        core::McpServerConfig everything;
        everything.name = QStringLiteral("everything");
        everything.command = QStringLiteral("npx");
        m_settings->setMcpServers({everything});
        openDialog();
        QSignalSpy requested(m_dialog.get(), &ui::SettingsDialog::inspectServerRequested);
        QTest::mouseClick(page()->checkButton(), Qt::LeftButton);
        QCOMPARE(requested.size(), 1);
        core::McpServerStatus status;
        status.state = core::McpServerState::Ready;
        status.tools = {tool(QStringLiteral("echo"), QStringLiteral("Echo")),
                        tool(QStringLiteral("add"), QStringLiteral("Add"))};
        m_dialog->onServerInspected(requested.front().at(0).toString(), status);

        ui::ToolTable* table = page()->serverToolsTable();
        QComboBox* echo = table->policyCombo(table->rowOf(QStringLiteral("echo")));
        echo->setCurrentIndex(echo->findData(int(core::ToolPolicy::Allow)));
        table->item(table->rowOf(QStringLiteral("add")), ui::ToolTable::EnabledColumn)
            ->setCheckState(Qt::Unchecked);
        page()->offerToolsCheck()->setChecked(false);
        page()->maxStepsSpin()->setValue(5);
        page()->callTimeoutSpin()->setValue(30);
        QVERIFY(page()->applyButton()->isEnabled());
        QTest::mouseClick(page()->applyButton(), Qt::LeftButton);

        const core::ToolSettings& applied = m_settings->toolSettings();
        QCOMPARE(applied.policies.value(QStringLiteral("everything/echo")),
                 core::ToolPolicy::Allow);
        QVERIFY(applied.disabledTools.contains(QStringLiteral("everything/add")));
        QVERIFY(!applied.enabled);
        QCOMPARE(applied.maxSteps, 5);
        QCOMPARE(applied.callTimeoutSeconds, 30);
        flush();
        const auto document =
            nlohmann::json::parse(readAll(m_paths.toolsFile()).toStdString(), nullptr, false);
        QVERIFY(!document.is_discarded());
        QCOMPARE(document.at("policies").at("everything/echo").get<std::string>(),
                 std::string("allow"));
        QCOMPARE(document.at("disabledTools").get<std::vector<std::string>>(),
                 std::vector<std::string>{"everything/add"});
        QCOMPARE(document.at("enabled").get<bool>(), false);
        QCOMPARE(document.at("maxSteps").get<int>(), 5);
        QCOMPARE(document.at("callTimeoutSeconds").get<int>(), 30);

        // Back to "Ask each time" (the table was filled again from the applied settings): the
        // entry goes.
        echo = table->policyCombo(table->rowOf(QStringLiteral("echo")));
        QCOMPARE(echo->currentData().toInt(), int(core::ToolPolicy::Allow));
        QVERIFY(!table->isToolEnabled(table->rowOf(QStringLiteral("add"))));
        echo->setCurrentIndex(echo->findData(int(core::ToolPolicy::Ask)));
        page()->apply();
        QVERIFY(!m_settings->toolSettings().policies.contains(QStringLiteral("everything/echo")));
    }

    void builtinToolsAreListed()
    {
        openDialog();
        const QList<core::ToolSpec> builtins = core::builtinToolSpecs();
        ui::ToolTable* table = page()->builtinToolsTable();
        QCOMPARE(table->rowCount(), int(builtins.size()));
        for (int row = 0; row < builtins.size(); ++row)
            QCOMPARE(table->keyAt(row), builtins.at(row).key());
        if (builtins.isEmpty())
            QSKIP("this build has no built-in tools");
        QComboBox* policy = table->policyCombo(0);
        policy->setCurrentIndex(policy->findData(int(core::ToolPolicy::Deny)));
        page()->apply();
        QCOMPARE(m_settings->toolSettings().policies.value(builtins.front().key()),
                 core::ToolPolicy::Deny);
    }

    void revertDropsEditsAndOutsideChangesShow()
    {
        openDialog();
        QVERIFY(page()->addFromJson(kEverythingReadme));
        page()->maxStepsSpin()->setValue(3);
        QVERIFY(page()->isDirty());
        QTest::mouseClick(page()->revertButton(), Qt::LeftButton);
        QVERIFY(!page()->isDirty());
        QCOMPARE(page()->serverList()->count(), 0);
        QCOMPARE(page()->maxStepsSpin()->value(), 10);

        // "Always allow" on an approval card while the page has unsaved edits: both kept.
        page()->maxStepsSpin()->setValue(4);
        m_settings->setToolPolicy(QStringLiteral("keel/current_time"), core::ToolPolicy::Allow);
        QCOMPARE(page()->toolSettings().policies.value(QStringLiteral("keel/current_time")),
                 core::ToolPolicy::Allow);
        page()->apply();
        QCOMPARE(m_settings->toolSettings().maxSteps, 4);
        QCOMPARE(m_settings->toolSettings().policies.value(QStringLiteral("keel/current_time")),
                 core::ToolPolicy::Allow);

        // Without edits the page simply follows.
        core::McpServerConfig added;
        added.name = QStringLiteral("elsewhere");
        added.command = QStringLiteral("uvx");
        m_settings->setMcpServers({added});
        QCOMPARE(listed(page()->serverList()), QStringList{QStringLiteral("elsewhere")});
        QVERIFY(!page()->isDirty());
    }

private:
    void openDialog()
    {
        m_dialog = std::make_unique<ui::SettingsDialog>(m_settings.get());
        m_dialog->showPage(ui::SettingsDialog::Page::Tools);
        m_dialog->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_dialog.get()));
    }

    ui::ToolsPage* page() const { return m_dialog->toolsPage(); }

    void flush()
    {
        QObject context;
        bool flushed = false;
        QObject::connect(
            m_thread->writer(), &core::SettingsWriter::flushed, &context,
            [&](const QString& tag) { flushed = flushed || tag == QLatin1String("tools-test"); },
            Qt::QueuedConnection);
        core::SettingsWriter* writer = m_thread->writer();
        QMetaObject::invokeMethod(
            writer, [writer] { writer->flush(QStringLiteral("tools-test")); },
            Qt::QueuedConnection);
        QTRY_VERIFY_WITH_TIMEOUT(flushed, kWaitMs);
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    core::SettingsPaths m_paths;
    std::unique_ptr<core::SettingsThread> m_thread;
    std::unique_ptr<core::Settings> m_settings;
    std::unique_ptr<ui::SettingsDialog> m_dialog;
};

QTEST_MAIN(ToolsPageTest)
#include "ToolsPageTest.moc"
