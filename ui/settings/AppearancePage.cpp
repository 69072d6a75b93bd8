// AppearancePage: the controls, loaded from and applied to Settings::general().appearance.
#include "ui/settings/AppearancePage.h"

#include "ui/settings/SettingsStyle.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QFontComboBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QRadioButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>

namespace keel::ui {

AppearancePage::AppearancePage(core::Settings* settings, QWidget* parent)
    : QWidget(parent)
    , m_settings(settings)
    , m_theme(new QComboBox)
    , m_systemFont(new QCheckBox(tr("System default")))
    , m_font(new QFontComboBox)
    , m_fontSize(new QSpinBox)
    , m_fontPreview(new QLabel)
    , m_sendKeys(new QButtonGroup(this))
    , m_enterSends(new QRadioButton(tr("Enter sends, Shift+Enter starts a new line")))
    , m_ctrlEnterSends(new QRadioButton(tr("Ctrl+Enter sends, Enter starts a new line")))
    , m_language(new QComboBox)
    , m_languageHint(new QLabel)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);

    auto addForm = [layout] {
        auto* form = new QFormLayout;
        form->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
        form->setHorizontalSpacing(12);
        form->setVerticalSpacing(8);
        layout->addLayout(form);
        return form;
    };

    layout->addWidget(settingsStyle::sectionHeader(tr("Theme")));
    QFormLayout* themeForm = addForm();
    m_theme->setObjectName(QStringLiteral("themeCombo"));
    m_theme->setAccessibleName(tr("Theme"));
    m_theme->addItem(tr("Follow the system"), static_cast<int>(core::Theme::System));
    m_theme->addItem(tr("Light"), static_cast<int>(core::Theme::Light));
    m_theme->addItem(tr("Dark"), static_cast<int>(core::Theme::Dark));
    themeForm->addRow(tr("&Theme:"), m_theme);

    layout->addWidget(settingsStyle::sectionHeader(tr("Transcript font")));
    QFormLayout* fontForm = addForm();
    m_systemFont->setObjectName(QStringLiteral("systemFontCheck"));
    m_systemFont->setAccessibleName(tr("Use the system font"));
    fontForm->addRow(QString(), m_systemFont);
    m_font->setObjectName(QStringLiteral("fontCombo"));
    m_font->setAccessibleName(tr("Transcript font"));
    m_font->setMinimumWidth(240);
    fontForm->addRow(tr("&Font:"), m_font);
    m_fontSize->setObjectName(QStringLiteral("fontSizeSpin"));
    m_fontSize->setAccessibleName(tr("Transcript font size"));
    m_fontSize->setRange(6, 48);
    m_fontSize->setSuffix(tr(" pt"));
    fontForm->addRow(tr("&Size:"), m_fontSize);
    m_fontPreview->setObjectName(QStringLiteral("fontPreview"));
    m_fontPreview->setText(tr("The quick brown fox jumps over the lazy dog. 0123456789"));
    m_fontPreview->setTextFormat(Qt::PlainText);
    fontForm->addRow(tr("Preview:"), m_fontPreview);

    layout->addWidget(settingsStyle::sectionHeader(tr("Sending")));
    m_enterSends->setObjectName(QStringLiteral("enterSendsRadio"));
    m_ctrlEnterSends->setObjectName(QStringLiteral("ctrlEnterSendsRadio"));
    m_sendKeys->addButton(m_enterSends, static_cast<int>(core::SendKey::Enter));
    m_sendKeys->addButton(m_ctrlEnterSends, static_cast<int>(core::SendKey::CtrlEnter));
    layout->addWidget(m_enterSends);
    layout->addWidget(m_ctrlEnterSends);

    layout->addWidget(settingsStyle::sectionHeader(tr("Language")));
    QFormLayout* languageForm = addForm();
    m_language->setObjectName(QStringLiteral("languageCombo"));
    m_language->setAccessibleName(tr("Language"));
    m_language->addItem(tr("System default"), QString());
    // Each language in its own name, so it can be found without reading the current one.
    // English is the source language; the others are those translations/ has a .ts file for.
    m_language->addItem(QLocale::languageToString(QLocale::English), QStringLiteral("en"));
    for (const QString& code : {QStringLiteral("zh_CN")})
        m_language->addItem(QLocale(code).nativeLanguageName(), code);
    languageForm->addRow(tr("&Language:"), m_language);
    m_languageHint->setObjectName(QStringLiteral("languageHint"));
    m_languageHint->setText(tr("Takes effect when Keel restarts."));
    m_languageHint->setWordWrap(true);
    m_languageHint->setForegroundRole(QPalette::PlaceholderText);
    languageForm->addRow(QString(), m_languageHint);
    layout->addStretch(1);

    load();
    connect(m_theme, &QComboBox::currentIndexChanged, this, &AppearancePage::apply);
    connect(m_systemFont, &QCheckBox::toggled, this, [this] {
        updateFontControls();
        apply();
    });
    connect(m_font, &QFontComboBox::currentFontChanged, this, [this] {
        updateFontControls();
        apply();
    });
    connect(m_fontSize, &QSpinBox::valueChanged, this, [this] {
        updateFontControls();
        apply();
    });
    connect(m_sendKeys, &QButtonGroup::idToggled, this, [this](int, bool checked) {
        if (checked)
            apply();
    });
    connect(m_language, &QComboBox::currentIndexChanged, this, &AppearancePage::apply);
    // Another part of the app (or a test) may change the settings: show what is in force.
    connect(m_settings, &core::Settings::generalChanged, this, &AppearancePage::load);
}

void AppearancePage::load()
{
    if (m_loading)
        return;
    m_loading = true;
    const core::AppearanceSettings& appearance = m_settings->general().appearance;
    m_theme->setCurrentIndex(std::max(0, m_theme->findData(static_cast<int>(appearance.theme))));
    const QFont system = QFontDatabase::systemFont(QFontDatabase::GeneralFont);
    const bool systemFont = appearance.fontFamily.isEmpty();
    m_systemFont->setChecked(systemFont);
    m_font->setCurrentFont(systemFont ? system : QFont(appearance.fontFamily));
    const int systemSize = system.pointSize() > 0 ? system.pointSize() : 10;
    m_fontSize->setValue(appearance.fontPointSize > 0 ? appearance.fontPointSize : systemSize);
    if (QAbstractButton* button = m_sendKeys->button(static_cast<int>(appearance.sendKey)))
        button->setChecked(true);
    m_language->setCurrentIndex(std::max(0, m_language->findData(appearance.language)));
    updateFontControls();
    m_loading = false;
}

void AppearancePage::apply()
{
    if (m_loading)
        return;
    core::GeneralSettings general = m_settings->general();
    core::AppearanceSettings& appearance = general.appearance;
    appearance.theme = static_cast<core::Theme>(m_theme->currentData().toInt());
    const bool systemFont = m_systemFont->isChecked();
    appearance.fontFamily = systemFont ? QString() : m_font->currentFont().family();
    appearance.fontPointSize = systemFont ? 0 : m_fontSize->value();
    appearance.sendKey = static_cast<core::SendKey>(std::max(0, m_sendKeys->checkedId()));
    appearance.language = m_language->currentData().toString();
    if (general == m_settings->general())
        return;
    m_loading = true; // generalChanged comes back at once; the controls already show it
    m_settings->setGeneral(general);
    m_loading = false;
}

void AppearancePage::updateFontControls()
{
    const bool custom = !m_systemFont->isChecked();
    m_font->setEnabled(custom);
    m_fontSize->setEnabled(custom);
    QFont preview =
        custom ? m_font->currentFont() : QFontDatabase::systemFont(QFontDatabase::GeneralFont);
    if (custom)
        preview.setPointSize(m_fontSize->value());
    m_fontPreview->setFont(preview);
}

} // namespace keel::ui
