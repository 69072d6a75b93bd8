// AppearancePage: theme (system, light, dark), transcript font and size, send key and
// language. Every change is applied at once through Settings::setGeneral; the app repaints on
// Settings::generalChanged.
#pragma once

#include "core/settings/Settings.h"

#include <QWidget>

class QButtonGroup;
class QCheckBox;
class QComboBox;
class QFontComboBox;
class QLabel;
class QRadioButton;
class QSpinBox;

namespace keel::ui {

class AppearancePage : public QWidget {
    Q_OBJECT
public:
    explicit AppearancePage(core::Settings* settings, QWidget* parent = nullptr);

    // For tests.
    QComboBox* themeCombo() const { return m_theme; }
    QCheckBox* systemFontCheck() const { return m_systemFont; }
    QFontComboBox* fontCombo() const { return m_font; }
    QSpinBox* fontSizeSpin() const { return m_fontSize; }
    QRadioButton* enterSendsRadio() const { return m_enterSends; }
    QRadioButton* ctrlEnterSendsRadio() const { return m_ctrlEnterSends; }
    QComboBox* languageCombo() const { return m_language; }
    QLabel* languageHint() const { return m_languageHint; }

private:
    void load();
    void apply();
    void updateFontControls();

    core::Settings* m_settings;
    QComboBox* m_theme;
    QCheckBox* m_systemFont;
    QFontComboBox* m_font;
    QSpinBox* m_fontSize;
    QLabel* m_fontPreview;
    QButtonGroup* m_sendKeys;
    QRadioButton* m_enterSends;
    QRadioButton* m_ctrlEnterSends;
    QComboBox* m_language;
    QLabel* m_languageHint;
    bool m_loading = false;
};

} // namespace keel::ui
