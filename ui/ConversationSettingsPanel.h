// ConversationSettingsPanel: a conversation's overrides of the chat defaults, opened from a
// button in the chat header: the parameters editor in Overrides mode, a line naming what
// differs from the defaults, and "Reset to defaults". It follows the defaults as they change.
#pragma once

#include "core/settings/SettingsTypes.h"

#include <QFrame>
#include <QPointer>
#include <QString>

class QLabel;
class QPushButton;

namespace keel::core {
class Settings;
}

namespace keel::ui {

class ChatParametersEditor;

class ConversationSettingsPanel : public QFrame {
    Q_OBJECT
public:
    explicit ConversationSettingsPanel(core::Settings* settings, QWidget* parent = nullptr);

    // providerKind: of the conversation's provider (which reasoning controls apply).
    void setOverrides(const core::ChatParameters& overrides, const QString& providerKind);
    // Only what differs from the current chat defaults.
    core::ChatParameters overrides() const;
    // "Differs from defaults: Temperature, System prompt" or "Uses the chat defaults".
    QString differencesText() const;

    ChatParametersEditor* editor() const { return m_editor; }

    // Shows the panel as a popup under `anchor` (a header button); it closes on a click
    // outside or Esc, like a menu.
    void popUpBelow(QWidget* anchor);

Q_SIGNALS:
    void overridesChanged(const keel::core::ChatParameters& overrides);

protected:
    void mousePressEvent(QMouseEvent* event) override;

private:
    void onDefaultsChanged();
    void updateDifferences();

    core::Settings* m_settings;
    ChatParametersEditor* m_editor;
    QLabel* m_differences;
    QPushButton* m_reset;
    core::ChatParameters m_lastEmitted;
    QPointer<QWidget> m_anchor;
};

} // namespace keel::ui
