// ChatDefaultsPage: the settings page for what every conversation starts from: the default
// model and the chat parameters (settings->general().chatDefaults). Edits apply live through
// core::Settings, lightly debounced so typing a system prompt does not save on every key.
#pragma once

#include <QWidget>

class QTimer;

namespace keel::core {
class Settings;
}

namespace keel::ui {

class ChatParametersEditor;
class ModelPicker;

class ChatDefaultsPage : public QWidget {
    Q_OBJECT
public:
    explicit ChatDefaultsPage(core::Settings* settings, QWidget* parent = nullptr);
    ~ChatDefaultsPage() override; // applies a pending edit

    ChatParametersEditor* editor() const { return m_editor; }
    ModelPicker* modelPicker() const { return m_model; }

    // How long edits wait before they are applied.
    static constexpr int kApplyDelayMs = 300;

private:
    void apply();
    void onGeneralChanged();

    core::Settings* m_settings;
    ModelPicker* m_model;
    ChatParametersEditor* m_editor;
    QTimer* m_applyTimer;
};

} // namespace keel::ui
