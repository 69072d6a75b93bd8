// McpServerEditor: one server's fields, their text forms and their validation.
#include "ui/settings/McpServerEditor.h"

#include "ui/settings/SettingsStyle.h"

#include <QCheckBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>

namespace keel::ui {

using settingsStyle::Tone;

namespace {

QPlainTextEdit* linesEdit(const QString& objectName, const QString& accessibleName, int lines)
{
    auto* edit = new QPlainTextEdit;
    edit->setObjectName(objectName);
    edit->setAccessibleName(accessibleName);
    edit->setTabChangesFocus(true);
    edit->setLineWrapMode(QPlainTextEdit::NoWrap);
    edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    const int lineHeight = edit->fontMetrics().lineSpacing();
    edit->setFixedHeight(lineHeight * lines + 2 * edit->frameWidth() + 10);
    return edit;
}

QStringList lines(const QString& text)
{
    QStringList result = text.split(QLatin1Char('\n'));
    for (QString& line : result) {
        if (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
    }
    return result;
}

} // namespace

McpServerEditor::McpServerEditor(QWidget* parent)
    : QWidget(parent)
    , m_name(new QLineEdit)
    , m_command(new QLineEdit)
    , m_args(linesEdit(QStringLiteral("mcpServerArgs"), tr("Arguments, one per line"), 4))
    , m_env(linesEdit(QStringLiteral("mcpServerEnv"),
                      tr("Environment variables, NAME=value per line"), 3))
    , m_cwd(new QLineEdit)
    , m_enabled(new QCheckBox(tr("Enabled")))
    , m_validation(settingsStyle::messageLabel(QStringLiteral("mcpServerValidation")))
{
    auto* form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setHorizontalSpacing(12);
    form->setVerticalSpacing(8);

    m_name->setObjectName(QStringLiteral("mcpServerName"));
    m_name->setAccessibleName(tr("Server name"));
    m_name->setToolTip(tr("How Keel and the model name this server; its tools are shown as "
                          "NAME/tool"));
    form->addRow(tr("&Name:"), m_name);
    m_command->setObjectName(QStringLiteral("mcpServerCommand"));
    m_command->setAccessibleName(tr("Command"));
    m_command->setPlaceholderText(tr("e.g. npx, uvx, docker or the path of a program"));
    form->addRow(tr("&Command:"), m_command);
    m_args->setPlaceholderText(tr("-y\n@modelcontextprotocol/server-everything"));
    form->addRow(tr("&Arguments:"), m_args);
    m_env->setPlaceholderText(tr("NAME=value"));
    form->addRow(tr("En&vironment:"), m_env);
    m_cwd->setObjectName(QStringLiteral("mcpServerCwd"));
    m_cwd->setAccessibleName(tr("Working directory"));
    m_cwd->setPlaceholderText(tr("Your home folder"));
    form->addRow(tr("&Working directory:"), m_cwd);
    m_enabled->setObjectName(QStringLiteral("mcpServerEnabled"));
    m_enabled->setAccessibleName(tr("Server enabled"));
    m_enabled->setToolTip(tr("A disabled server is never started and its tools are not offered"));
    form->addRow(QString(), m_enabled);
    settingsStyle::setMessage(m_validation, {}, Tone::Bad);
    form->addRow(QString(), m_validation);

    for (QLineEdit* edit : {m_name, m_command, m_cwd})
        connect(edit, &QLineEdit::textEdited, this, &McpServerEditor::onEdited);
    for (QPlainTextEdit* edit : {m_args, m_env})
        connect(edit, &QPlainTextEdit::textChanged, this, &McpServerEditor::onEdited);
    connect(m_enabled, &QCheckBox::toggled, this, &McpServerEditor::onEdited);
    setServer(std::nullopt);
}

void McpServerEditor::setServer(const std::optional<core::McpServerConfig>& server)
{
    m_filling = true;
    m_loaded = server.value_or(core::McpServerConfig{});
    m_name->setText(m_loaded.name);
    m_command->setText(m_loaded.command);
    m_args->setPlainText(argsText(m_loaded.args));
    m_env->setPlainText(envText(m_loaded.env));
    m_cwd->setText(m_loaded.cwd);
    m_enabled->setChecked(m_loaded.enabled);
    setEnabled(server.has_value());
    m_filling = false;
    settingsStyle::setMessage(m_validation, validationError(), Tone::Bad);
}

core::McpServerConfig McpServerEditor::server() const
{
    core::McpServerConfig server = m_loaded;
    server.name = m_name->text().trimmed();
    server.command = m_command->text().trimmed();
    server.args = argsFromText(m_args->toPlainText());
    server.env.clear();
    for (const QString& line : lines(m_env->toPlainText())) {
        const qsizetype equals = line.indexOf(QLatin1Char('='));
        const QString name = line.left(equals).trimmed();
        if (equals > 0 && !name.isEmpty())
            server.env.insert(name, line.mid(equals + 1));
    }
    server.cwd = m_cwd->text().trimmed();
    server.enabled = m_enabled->isChecked();
    return server;
}

QString McpServerEditor::validationError() const
{
    if (!isEnabled())
        return {};
    if (m_name->text().trimmed().isEmpty())
        return tr("Name: enter a name for this server.");
    if (m_command->text().trimmed().isEmpty())
        return tr("Command: enter the program that starts the server (e.g. npx).");
    const QStringList envLines = lines(m_env->toPlainText());
    for (int i = 0; i < envLines.size(); ++i) {
        const QString& line = envLines.at(i);
        if (line.trimmed().isEmpty())
            continue;
        const qsizetype equals = line.indexOf(QLatin1Char('='));
        if (equals <= 0 || line.left(equals).trimmed().isEmpty())
            return tr("Environment, line %1: write NAME=value.").arg(i + 1);
    }
    return {};
}

void McpServerEditor::setServerEnabled(bool enabled)
{
    m_filling = true;
    m_enabled->setChecked(enabled);
    m_loaded.enabled = enabled;
    m_filling = false;
}

void McpServerEditor::focusName()
{
    m_name->setFocus(Qt::OtherFocusReason);
    m_name->selectAll();
}

QString McpServerEditor::argsText(const QStringList& args)
{
    return args.join(QLatin1Char('\n'));
}

QStringList McpServerEditor::argsFromText(const QString& text)
{
    QStringList args;
    for (const QString& line : lines(text)) {
        // An argument is taken as typed (a path may end in a space); only blank lines go.
        if (!line.trimmed().isEmpty())
            args << line;
    }
    return args;
}

QString McpServerEditor::envText(const QMap<QString, QString>& env)
{
    QStringList text;
    for (auto it = env.cbegin(); it != env.cend(); ++it)
        text << it.key() + QLatin1Char('=') + it.value();
    return text.join(QLatin1Char('\n'));
}

void McpServerEditor::onEdited()
{
    if (m_filling)
        return;
    settingsStyle::setMessage(m_validation, validationError(), Tone::Bad);
    Q_EMIT edited();
}

} // namespace keel::ui
