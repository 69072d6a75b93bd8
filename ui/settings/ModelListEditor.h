// ModelListEditor: the Models section of a provider on the Providers page: the default model
// (an editable combo of the enabled models), "Test connection" and "Fetch models" with their
// progress and answer, and the searchable model table: a check box per model (offered in the
// model picker or not), its id, an editable display name, "Enable all" / "Disable all" for the
// rows the search shows. It does not talk to the provider: the ProviderEditor does, on its
// testRequested / fetchRequested signals.
#pragma once

#include "core/settings/SettingsTypes.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace keel::ui {

class ModelListModel;

class ModelListEditor : public QWidget {
    Q_OBJECT
public:
    explicit ModelListEditor(QWidget* parent = nullptr);

    QList<core::ModelEntry> models() const;
    // Replaces the list and the default model (no edited() signal), clears search and status.
    void load(const QList<core::ModelEntry>& models, const QString& defaultModel);
    QString defaultModel() const;
    // Adds what the provider listed (see ModelListModel::merge); returns how many were new.
    qsizetype mergeFetched(const QList<core::ModelInfo>& fetched);

    void setActionsEnabled(bool enabled);
    void showBusy(const QString& text);
    void showResult(const QString& text, bool success);
    void clearStatus();

    // For tests.
    QLineEdit* searchField() const { return m_search; }
    QTableView* table() const { return m_table; }
    QComboBox* defaultModelCombo() const { return m_defaultModel; }
    QPushButton* testButton() const { return m_test; }
    QPushButton* fetchButton() const { return m_fetch; }
    QLabel* statusLabel() const { return m_status; }
    int shownCount() const; // rows shown under the current search

Q_SIGNALS:
    // The user changed the list or the default model.
    void edited();
    void testRequested();
    void fetchRequested();

private:
    void setShownEnabled(bool enabled);
    void refillDefaultModels();
    void updateCount();

    ModelListModel* m_model;
    QSortFilterProxyModel* m_proxy;
    QComboBox* m_defaultModel;
    QPushButton* m_test;
    QPushButton* m_fetch;
    QProgressBar* m_busy;
    QLabel* m_status;
    QLineEdit* m_search;
    QTableView* m_table;
    QPushButton* m_enableAll;
    QPushButton* m_disableAll;
    QLabel* m_count;
    bool m_quiet = false; // a change made by code, not by the user: no edited()
};

} // namespace keel::ui
