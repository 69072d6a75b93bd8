// ToolTable: rows of tools with their switch and approval policy.
#include "ui/settings/ToolTable.h"

#include <QComboBox>
#include <QHeaderView>

namespace keel::ui {

namespace {

constexpr int kKeyRole = Qt::UserRole;
constexpr int kNameRole = Qt::UserRole + 1; // the tool's own name

} // namespace

ToolTable::ToolTable(QWidget* parent)
    : QTableWidget(0, 4, parent)
{
    setHorizontalHeaderLabels({tr("On"), tr("Tool"), tr("Description"), tr("Approval")});
    horizontalHeaderItem(EnabledColumn)->setToolTip(tr("Offered to models"));
    horizontalHeader()->setSectionResizeMode(EnabledColumn, QHeaderView::ResizeToContents);
    horizontalHeader()->setSectionResizeMode(NameColumn, QHeaderView::ResizeToContents);
    horizontalHeader()->setSectionResizeMode(DescriptionColumn, QHeaderView::Stretch);
    horizontalHeader()->setSectionResizeMode(PolicyColumn, QHeaderView::ResizeToContents);
    verticalHeader()->hide();
    setSelectionMode(QAbstractItemView::NoSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setWordWrap(false);
    setTextElideMode(Qt::ElideRight);
    connect(this, &QTableWidget::itemChanged, this, &ToolTable::onItemChanged);
}

QString ToolTable::key(const QString& server, const core::ToolSpec& tool)
{
    const QString name = tool.toolName.isEmpty() ? tool.name : tool.toolName;
    return server + QLatin1Char('/') + name;
}

void ToolTable::setTools(const QList<core::ToolSpec>& tools, const QString& server,
                         const core::ToolSettings& settings)
{
    m_filling = true;
    setRowCount(0);
    setRowCount(int(tools.size()));
    for (int row = 0; row < tools.size(); ++row) {
        const core::ToolSpec& tool = tools.at(row);
        const QString toolKey = key(server, tool);
        const QString name = tool.toolName.isEmpty() ? tool.name : tool.toolName;
        const QString shown = tool.title.isEmpty() ? name : tool.title;

        auto* enabled = new QTableWidgetItem;
        enabled->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        enabled->setData(kKeyRole, toolKey);
        enabled->setToolTip(tr("Offer %1 to models").arg(name));
        setItem(row, EnabledColumn, enabled);

        auto* nameItem = new QTableWidgetItem(shown);
        nameItem->setFlags(Qt::ItemIsEnabled);
        nameItem->setData(kKeyRole, toolKey);
        nameItem->setData(kNameRole, name);
        nameItem->setToolTip(toolKey);
        setItem(row, NameColumn, nameItem);

        const QString description = tool.description.simplified();
        auto* descriptionItem = new QTableWidgetItem(description);
        descriptionItem->setFlags(Qt::ItemIsEnabled);
        descriptionItem->setToolTip(tool.description.trimmed());
        setItem(row, DescriptionColumn, descriptionItem);

        auto* policy = new QComboBox;
        policy->setObjectName(QStringLiteral("toolPolicy_") + name);
        policy->setAccessibleName(tr("Approval for %1").arg(name));
        policy->addItem(tr("Ask each time"), int(core::ToolPolicy::Ask));
        policy->addItem(tr("Always allow"), int(core::ToolPolicy::Allow));
        policy->addItem(tr("Deny"), int(core::ToolPolicy::Deny));
        connect(policy, &QComboBox::currentIndexChanged, this, [this, policy, toolKey] {
            if (!m_filling)
                Q_EMIT policyChanged(toolKey, core::ToolPolicy(policy->currentData().toInt()));
        });
        setCellWidget(row, PolicyColumn, policy);
    }
    m_filling = false;
    showSettings(settings);
}

void ToolTable::showSettings(const core::ToolSettings& settings)
{
    m_filling = true;
    for (int row = 0; row < rowCount(); ++row) {
        const QString toolKey = keyAt(row);
        item(row, EnabledColumn)
            ->setCheckState(settings.disabledTools.contains(toolKey) ? Qt::Unchecked : Qt::Checked);
        if (QComboBox* combo = policyCombo(row)) {
            const auto policy = settings.policies.value(toolKey, core::ToolPolicy::Ask);
            combo->setCurrentIndex(combo->findData(int(policy)));
        }
    }
    m_filling = false;
}

QString ToolTable::keyAt(int row) const
{
    const QTableWidgetItem* cell = item(row, EnabledColumn);
    return cell ? cell->data(kKeyRole).toString() : QString();
}

int ToolTable::rowOf(const QString& toolName) const
{
    for (int row = 0; row < rowCount(); ++row) {
        const QTableWidgetItem* cell = item(row, NameColumn);
        if (cell && cell->data(kNameRole).toString() == toolName)
            return row;
    }
    return -1;
}

QComboBox* ToolTable::policyCombo(int row) const
{
    return qobject_cast<QComboBox*>(cellWidget(row, PolicyColumn));
}

bool ToolTable::isToolEnabled(int row) const
{
    const QTableWidgetItem* cell = item(row, EnabledColumn);
    return cell && cell->checkState() == Qt::Checked;
}

void ToolTable::onItemChanged(QTableWidgetItem* changed)
{
    if (m_filling || changed->column() != EnabledColumn)
        return;
    Q_EMIT toolEnabledChanged(changed->data(kKeyRole).toString(),
                              changed->checkState() == Qt::Checked);
}

} // namespace keel::ui
