// ChatHeader: the bar above the transcript. It shows and edits the open conversation's own
// settings: its model (ModelPicker, one list of every enabled model) and its parameter
// overrides (a button that opens ConversationSettingsPanel, marked while the conversation
// differs from the chat defaults).
#pragma once

#include "core/settings/SettingsTypes.h"

#include <QWidget>

class QLabel;
class QToolButton;

namespace keel::core {
class Settings;
} // namespace keel::core

namespace keel::ui {

class ConversationSettingsPanel;
class ModelPicker;

class ChatHeader : public QWidget {
    Q_OBJECT
public:
    // settings must outlive the header.
    explicit ChatHeader(core::Settings* settings, QWidget* parent = nullptr);

    void setConversationSettings(const core::ConversationSettings& settings);
    core::ConversationSettings conversationSettings() const { return m_current; }

    ModelPicker* modelPicker() const { return m_picker; }
    QToolButton* parametersButton() const { return m_parametersButton; }
    ConversationSettingsPanel* parametersPanel() const { return m_panel; }
    void showParametersPanel();

Q_SIGNALS:
    // The user changed the model or the overrides.
    void conversationSettingsEdited(const keel::core::ConversationSettings& settings);

private:
    QString providerKindOf(const core::ModelRef& ref) const;
    void updateParametersButton();

    core::Settings* m_settings;
    core::ConversationSettings m_current;
    ModelPicker* m_picker;
    QToolButton* m_parametersButton;
    QLabel* m_assistantLabel;
    ConversationSettingsPanel* m_panel;
};

} // namespace keel::ui
