// ModelListModel: the rows, the check boxes, the editable names and the merge of a fetch.
#include "ui/settings/ModelListModel.h"

#include <QSet>

namespace keel::ui {

ModelListModel::ModelListModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void ModelListModel::setModels(const QList<core::ModelEntry>& models)
{
    beginResetModel();
    m_models = models;
    endResetModel();
}

void ModelListModel::setEnabled(int row, bool enabled)
{
    if (row < 0 || row >= m_models.size() || m_models[row].enabled == enabled)
        return;
    m_models[row].enabled = enabled;
    const QModelIndex changed = index(row, IdColumn);
    Q_EMIT dataChanged(changed, changed, {Qt::CheckStateRole});
    Q_EMIT edited();
}

int ModelListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_models.size());
}

int ModelListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ModelListModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_models.size())
        return {};
    const core::ModelEntry& model = m_models.at(index.row());
    if (index.column() == IdColumn) {
        switch (role) {
        case Qt::DisplayRole:
        case Qt::ToolTipRole:
            return model.id;
        case Qt::CheckStateRole:
            return model.enabled ? Qt::Checked : Qt::Unchecked;
        case Qt::AccessibleDescriptionRole:
            return model.enabled ? tr("Enabled") : tr("Disabled");
        default:
            return {};
        }
    }
    if (index.column() == DisplayNameColumn) {
        switch (role) {
        case Qt::DisplayRole:
        case Qt::EditRole:
            return model.displayName;
        case Qt::ToolTipRole:
            return tr("Double-click to name this model in the model picker");
        default:
            return {};
        }
    }
    return {};
}

bool ModelListModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (!index.isValid() || index.row() >= m_models.size())
        return false;
    core::ModelEntry& model = m_models[index.row()];
    if (index.column() == IdColumn && role == Qt::CheckStateRole) {
        const bool enabled = value.toInt() == Qt::Checked;
        if (enabled == model.enabled)
            return true;
        model.enabled = enabled;
    } else if (index.column() == DisplayNameColumn && role == Qt::EditRole) {
        const QString name = value.toString().trimmed();
        if (name == model.displayName)
            return true;
        model.displayName = name;
    } else {
        return false;
    }
    Q_EMIT dataChanged(index, index, {role});
    Q_EMIT edited();
    return true;
}

Qt::ItemFlags ModelListModel::flags(const QModelIndex& index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (index.column() == IdColumn)
        flags |= Qt::ItemIsUserCheckable;
    else
        flags |= Qt::ItemIsEditable;
    return flags;
}

QVariant ModelListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == IdColumn ? tr("Model") : tr("Display name");
}

QList<core::ModelEntry> ModelListModel::merge(const QList<core::ModelEntry>& existing,
                                              const QList<core::ModelInfo>& fetched)
{
    QList<core::ModelEntry> merged = existing;
    QSet<QString> known;
    for (const core::ModelEntry& model : existing)
        known.insert(model.id);
    const bool firstFetch = existing.isEmpty();
    for (const core::ModelInfo& info : fetched) {
        if (info.id.isEmpty())
            continue;
        if (known.contains(info.id)) {
            // The provider may have learnt the context length since; nothing the user set.
            for (core::ModelEntry& model : merged) {
                if (model.id == info.id && info.contextLength > 0)
                    model.contextLength = info.contextLength;
            }
            continue;
        }
        known.insert(info.id);
        core::ModelEntry entry;
        entry.id = info.id;
        if (info.displayName != info.id)
            entry.displayName = info.displayName;
        entry.enabled = firstFetch;
        entry.contextLength = info.contextLength;
        merged << entry;
    }
    return merged;
}

} // namespace keel::ui
