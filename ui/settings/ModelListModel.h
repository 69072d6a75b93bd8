// ModelListModel: a provider's models as the Providers page edits them: one row per model with
// its enabled flag (a check box), its id and the user's display name (editable). Also merges a
// freshly fetched list into the user's edited one.
#pragma once

#include "core/settings/SettingsTypes.h"

#include <QAbstractTableModel>
#include <QList>

namespace keel::ui {

class ModelListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { IdColumn, DisplayNameColumn, ColumnCount };

    explicit ModelListModel(QObject* parent = nullptr);

    const QList<core::ModelEntry>& models() const { return m_models; }
    void setModels(const QList<core::ModelEntry>& models);
    void setEnabled(int row, bool enabled);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    // `existing` with the models of `fetched` it lacks appended. The user's enabled flags and
    // display names are kept; new models are enabled only when `existing` was empty (a first
    // fetch), else added disabled so a provider with hundreds of models does not flood the
    // model picker. Models the provider no longer lists are kept (the user may still use them).
    static QList<core::ModelEntry> merge(const QList<core::ModelEntry>& existing,
                                         const QList<core::ModelInfo>& fetched);

Q_SIGNALS:
    // The user changed a flag or a name (not emitted by setModels).
    void edited();

private:
    QList<core::ModelEntry> m_models;
};

} // namespace keel::ui
