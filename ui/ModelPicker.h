// ModelPicker: the chat header's model button ("Provider · Model"). A click opens a searchable
// list of the enabled models of all enabled providers, grouped by provider; picking one emits
// modelChosen. It follows the settings: providers added, renamed, disabled or given models show
// up at once. Also used where a model is chosen in the settings (chat defaults, assistants),
// there with a "default model" entry.
#pragma once

#include "core/settings/SettingsTypes.h"

#include <QString>
#include <QToolButton>

namespace keel::core {
class Settings;
}

namespace keel::ui {

class ModelPickerPopup;

class ModelPicker : public QToolButton {
    Q_OBJECT
public:
    explicit ModelPicker(core::Settings* settings, QWidget* parent = nullptr);

    // An empty ref shows the default model as "Default (Provider · Model)".
    void setCurrent(const core::ModelRef& ref);
    core::ModelRef current() const { return m_current; }

    // What an empty ref stands for: the app's default model (Settings::defaultModel(), for
    // conversations and assistants), or the first enabled model (for the app's default itself).
    enum class DefaultSource { AppDefault, FirstEnabledModel };
    // Lists an entry for "no particular model" (an empty ref) first in the popup, with this
    // label, and uses the label on the button for an empty ref. "" (the initial state) lists
    // no such entry.
    void setDefaultChoice(const QString& label, DefaultSource source = DefaultSource::AppDefault);

    void showPopup();
    QWidget* popup() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    // The user picked a model (an empty ref: the "default model" entry).
    void modelChosen(const keel::core::ModelRef& ref);

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    void refresh();
    QString describe(const core::ModelRef& ref) const;

    core::Settings* m_settings;
    ModelPickerPopup* m_popup;
    core::ModelRef m_current;
    QString m_defaultLabel;
    DefaultSource m_defaultSource = DefaultSource::AppDefault;
};

} // namespace keel::ui
