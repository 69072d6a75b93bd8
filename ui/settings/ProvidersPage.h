// ProvidersPage: the Providers page of the settings dialog: where keys are kept (a warning when
// no keychain exists, with the opt-in to a private file), the list of providers with Add (the
// presets, cloud and local, or custom) and Remove (confirmed inline, never a nested event
// loop), and the ProviderEditor for the selected one.
#pragma once

#include "core/settings/Settings.h"

#include <QWidget>

class QLabel;
class QListWidget;
class QMenu;
class QPushButton;
class QToolButton;

namespace keel::ui {

class ProviderEditor;

class ProvidersPage : public QWidget {
    Q_OBJECT
public:
    explicit ProvidersPage(core::Settings* settings, QWidget* parent = nullptr);

    // Shows a new, unsaved provider from this preset ("" = custom). focusKey: put the cursor
    // in its key field (onboarding); else in its name.
    void addProvider(const QString& presetId, bool focusKey = false);
    // Selects a saved provider (ignored while the editor has unsaved changes).
    void selectProvider(const QString& id);

    // For tests.
    ProviderEditor* editor() const { return m_editor; }
    QListWidget* providerList() const { return m_list; }
    QToolButton* addButton() const { return m_add; }
    QMenu* addMenu() const { return m_addMenu; }
    QPushButton* removeButton() const { return m_remove; }
    QWidget* removeBar() const { return m_removeBar; }
    QPushButton* confirmRemoveButton() const { return m_confirmRemove; }
    QWidget* secretNotice() const { return m_notice; }
    QLabel* secretNoticeLabel() const { return m_noticeText; }
    QPushButton* allowFileButton() const { return m_allowFile; }

Q_SIGNALS:
    void listModelsRequested(const keel::core::ModelListRequest& request);

public Q_SLOTS:
    void onModelsListed(const keel::core::ModelListResult& result);

protected:
    void changeEvent(QEvent* event) override;

private:
    QWidget* buildListColumn();
    QWidget* buildRemoveBar();
    void buildAddMenu();
    void rebuildList();
    void onSelectionChanged();
    void onDirtyChanged(bool dirty);
    void askRemove();
    void confirmRemove();
    void updateSecretNotice();
    void selectFirstIfEmpty();

    core::Settings* m_settings;
    QWidget* m_notice;
    QLabel* m_noticeText;
    QPushButton* m_allowFile;
    QWidget* m_removeBar = nullptr;
    QLabel* m_removeText = nullptr;
    QPushButton* m_confirmRemove = nullptr;
    QListWidget* m_list = nullptr;
    QToolButton* m_add = nullptr;
    QMenu* m_addMenu = nullptr;
    QPushButton* m_remove = nullptr;
    QLabel* m_listHint = nullptr;
    ProviderEditor* m_editor;
    bool m_rebuilding = false;
};

} // namespace keel::ui
