// ProviderEditor: the right side of the Providers page: one provider's form (name, kind, base
// URL, API key, extra headers, enabled, TLS verification), its Models section, inline
// validation, Save and Revert; it runs Test connection / Fetch models through
// listModelsRequested.
//
// Edits stay in the form until Save (Settings::saveProvider; a typed key goes to
// Settings::setProviderKey). A saved key is never put back on screen (SecretField).
#pragma once

#include "core/settings/Settings.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QScrollArea;
class QTableWidget;

namespace keel::ui {

class ModelListEditor;
class SecretField;

class ProviderEditor : public QWidget {
    Q_OBJECT
public:
    explicit ProviderEditor(core::Settings* settings, QWidget* parent = nullptr);

    // Shows the saved provider `id` ("" clears the editor). Unsaved edits are dropped and
    // answers to earlier tests are ignored from now on.
    void loadProvider(const QString& id);
    // Shows an entry that is not saved yet (made from a preset or as custom).
    void loadNewProvider(const core::ProviderEntry& entry);

    QString currentId() const { return m_saved.id; }
    bool isNew() const { return m_isNew; }
    // Unsaved changes: edited fields, a typed key, a key to remove, or a new entry.
    bool isDirty() const { return m_dirty; }
    // The entry as the form shows it now (never a key: keys are not part of an entry).
    core::ProviderEntry currentEntry() const;
    // Settings::validateProvider's answer for currentEntry(); "" when it can be saved.
    QString validationError() const;
    void focusKeyField();

    // Settings changed (providersChanged, keyLoaded): the stored entry may differ now. Fields
    // are reloaded only when there are no unsaved edits.
    void refreshFromSettings();
    void onModelsListed(const core::ModelListResult& result);

    // For tests.
    QLineEdit* nameEdit() const { return m_name; }
    QComboBox* kindCombo() const { return m_kind; }
    QLineEdit* baseUrlEdit() const { return m_baseUrl; }
    SecretField* keyField() const { return m_key; }
    QTableWidget* headersTable() const { return m_headers; }
    QCheckBox* enabledCheck() const { return m_enabled; }
    QCheckBox* verifyTlsCheck() const { return m_verifyTls; }
    ModelListEditor* modelEditor() const { return m_models; }
    QPushButton* saveButton() const { return m_save; }
    QPushButton* revertButton() const { return m_revert; }
    QLabel* validationLabel() const { return m_validation; }
    QLabel* messageLabel() const { return m_message; }

Q_SIGNALS:
    void listModelsRequested(const keel::core::ModelListRequest& request);
    void dirtyChanged(bool dirty);
    // The entry was saved under this id (a new one is in Settings from now on).
    void saved(const QString& id);
    // A new, unsaved entry was discarded: there is nothing left to show.
    void discarded();

public Q_SLOTS:
    void save();
    void revert();

private:
    QWidget* buildForm();
    void updateHeadersShown();
    void fillFields(const core::ProviderEntry& entry);
    void updateState();
    void updateKeyState();
    void updateTlsState();
    void onKindChanged();
    void onKeySaved(const QString& providerId, const QString& error);
    void onBackendChanged();
    void requestModels(bool fetch);
    void showMessage(const QString& text, bool error);
    QString defaultUrlFor(const QString& kind) const;

    core::Settings* m_settings;
    core::ProviderEntry m_saved; // as stored (or the template of a new entry)
    bool m_isNew = false;
    bool m_dirty = false;
    bool m_filling = false;   // fillFields is writing the widgets: not a user edit
    bool m_removeKey = false; // the user asked to remove the stored key on Save
    bool m_keyFailed = false; // the last key write failed (the typed key is kept, masked)
    QString m_keyWriteId;     // provider whose key write is awaited
    QString m_lastKind;
    QString m_pendingTest; // request ids; answers to anything else are ignored
    QString m_pendingFetch;

    QScrollArea* m_scroll = nullptr;
    QWidget* m_content;
    QLabel* m_title;
    QLabel* m_subtitle;
    QLineEdit* m_name;
    QComboBox* m_kind;
    QLineEdit* m_baseUrl;
    SecretField* m_key;
    QTableWidget* m_headers;
    QPushButton* m_removeHeader = nullptr;
    QLabel* m_noHeaders = nullptr;
    QCheckBox* m_enabled;
    QCheckBox* m_verifyTls;
    ModelListEditor* m_models;
    QLabel* m_validation;
    QLabel* m_message;
    QPushButton* m_revert;
    QPushButton* m_save;
};

} // namespace keel::ui
