// McpServerEditor: the form of one MCP server on the Tools settings page: its name, the command
// that starts it, its arguments (one per line), environment variables (NAME=value per line), the
// working directory and whether it is enabled. It edits a copy: the page keeps the working list
// and applies it to core::Settings.
#pragma once

#include "core/mcp/McpTypes.h"

#include <QWidget>

#include <optional>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace keel::ui {

class McpServerEditor : public QWidget {
    Q_OBJECT
public:
    explicit McpServerEditor(QWidget* parent = nullptr);

    // Shows a server (no edited() signal); nullopt empties and disables the form.
    void setServer(const std::optional<core::McpServerConfig>& server);
    // The server as the form shows it now (lines of the environment that are not NAME=value
    // are left out: see validationError()).
    core::McpServerConfig server() const;
    // "" when the form is complete, else a human message naming the field.
    QString validationError() const;
    // Only the enabled box (the list's check box changed it).
    void setServerEnabled(bool enabled);
    void focusName();

    // The text forms, for the page's tests and for pasting.
    static QString argsText(const QStringList& args);
    static QStringList argsFromText(const QString& text);
    static QString envText(const QMap<QString, QString>& env);

    // For tests.
    QLineEdit* nameEdit() const { return m_name; }
    QLineEdit* commandEdit() const { return m_command; }
    QPlainTextEdit* argsEdit() const { return m_args; }
    QPlainTextEdit* envEdit() const { return m_env; }
    QLineEdit* cwdEdit() const { return m_cwd; }
    QCheckBox* enabledCheck() const { return m_enabled; }
    QLabel* validationLabel() const { return m_validation; }

Q_SIGNALS:
    void edited();

private:
    void onEdited();

    core::McpServerConfig m_loaded; // fields the form does not show are kept from here
    QLineEdit* m_name;
    QLineEdit* m_command;
    QPlainTextEdit* m_args;
    QPlainTextEdit* m_env;
    QLineEdit* m_cwd;
    QCheckBox* m_enabled;
    QLabel* m_validation;
    bool m_filling = false;
};

} // namespace keel::ui
