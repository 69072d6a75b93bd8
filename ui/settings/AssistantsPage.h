// AssistantsPage: the settings page for assistants (named presets a new chat can start from):
// a list beside an editor (name, description, model, parameter overrides of the chat defaults),
// with New, Duplicate and Delete (confirmed inline, no dialog). Edits are saved through
// Settings::saveAssistant shortly after the user stops typing, and at once when the user moves
// to another assistant or the page closes.
#pragma once

#include "core/settings/SettingsTypes.h"

#include <QString>
#include <QWidget>

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QTimer;

namespace keel::core {
class Settings;
}

namespace keel::ui {

class ChatParametersEditor;
class ModelPicker;

class AssistantsPage : public QWidget {
    Q_OBJECT
public:
    explicit AssistantsPage(core::Settings* settings, QWidget* parent = nullptr);
    ~AssistantsPage() override; // saves a pending edit

    // The id of the assistant in the editor ("" when there is none).
    QString currentId() const { return m_currentId; }
    void selectAssistant(const QString& id);

    // Saves the pending edit now (it is otherwise saved kSaveDelayMs after the last change).
    void commit();

    static constexpr int kSaveDelayMs = 300;

private:
    QWidget* buildList();
    QWidget* buildEditor();
    void rebuildList(const QString& selectId);
    void loadEditor(const QString& id);
    void onSelectionChanged();
    void onEdited();
    void onAssistantsChanged();
    void onNew();
    void onDuplicate();
    void askDelete();
    void confirmDelete();
    void updateProviderKind();
    void updateButtons();
    core::Assistant editedAssistant() const;

    core::Settings* m_settings;
    QString m_currentId;
    bool m_dirty = false;
    bool m_saving = false;  // our own save: its assistantsChanged needs no reload
    bool m_loading = false; // filling the editor: its change signals are not edits

    QListWidget* m_list = nullptr;
    QPushButton* m_new = nullptr;
    QPushButton* m_duplicate = nullptr;
    QPushButton* m_delete = nullptr;

    QWidget* m_editorBox = nullptr;
    QLabel* m_emptyHint = nullptr;
    QLineEdit* m_name = nullptr;
    QLabel* m_nameError = nullptr;
    QLineEdit* m_description = nullptr;
    ModelPicker* m_model = nullptr;
    ChatParametersEditor* m_parameters = nullptr;

    QWidget* m_confirmBar = nullptr;
    QLabel* m_confirmText = nullptr;
    QPushButton* m_confirmDelete = nullptr;
    QPushButton* m_cancelDelete = nullptr;

    QTimer* m_saveTimer = nullptr;
};

} // namespace keel::ui
