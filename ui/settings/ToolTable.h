// ToolTable: the tools of one server (or Keel's built-in tools) on the Tools settings page: per
// tool a check box (offered to models or not), its name, its description (in full in the
// tooltip) and its approval policy (Ask each time / Always allow / Deny). It shows the page's
// working copy of the tool settings and reports each change; it saves nothing itself.
#pragma once

#include "core/tools/ToolSettings.h"

#include <QList>
#include <QTableWidget>

class QComboBox;

namespace keel::ui {

class ToolTable : public QTableWidget {
    Q_OBJECT
public:
    enum Column { EnabledColumn, NameColumn, DescriptionColumn, PolicyColumn };

    explicit ToolTable(QWidget* parent = nullptr);

    // tools: as the server lists them; server: the name their keys are made with ("server/tool").
    void setTools(const QList<core::ToolSpec>& tools, const QString& server,
                  const core::ToolSettings& settings);
    // The same tools with other settings (after Revert): check boxes and policies follow.
    void showSettings(const core::ToolSettings& settings);

    // For tests.
    QString keyAt(int row) const;
    int rowOf(const QString& toolName) const; // -1 when absent
    QComboBox* policyCombo(int row) const;
    bool isToolEnabled(int row) const;

    static QString key(const QString& server, const core::ToolSpec& tool);

Q_SIGNALS:
    void toolEnabledChanged(const QString& key, bool enabled);
    void policyChanged(const QString& key, keel::core::ToolPolicy policy);

private:
    void onItemChanged(QTableWidgetItem* item);

    bool m_filling = false;
};

} // namespace keel::ui
