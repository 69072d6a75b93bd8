// Translations: picks the language and loads the .qm files for it.
#include "Translations.h"

#include "settings/SettingsFiles.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QSettings>

namespace keel::app {

QString languageSetting(const QString& settingsFile)
{
    // QSettings would create nothing for a missing file, but say so plainly: no file, no choice.
    if (!QFileInfo::exists(settingsFile))
        return {};
    const QSettings ini(settingsFile, QSettings::IniFormat);
    if (ini.status() != QSettings::NoError)
        return {};
    // The key SettingsFiles.cpp stores AppearanceSettings::language under.
    return ini.value(QStringLiteral("appearance/language")).toString().trimmed();
}

QLocale chooseLocale(const QString& setting, const QLocale& system)
{
    if (setting.isEmpty())
        return system;
    const QLocale wanted(setting);
    // QLocale("en") is en_US: a British user choosing English keeps en_GB's formats.
    if (wanted.language() == system.language()
        && (wanted.territory() == system.territory() || !setting.contains(u'_')))
        return system;
    return wanted;
}

Translations::~Translations()
{
    if (m_keelInstalled)
        QCoreApplication::removeTranslator(&m_keel);
    if (m_qtInstalled)
        QCoreApplication::removeTranslator(&m_qt);
}

bool Translations::install(const QLocale& locale)
{
    QLocale::setDefault(locale);
    // QTranslator::load(QLocale, ...) tries each of the locale's UI languages (zh-Hans-CN,
    // zh-CN, zh ...) and finds nothing for English, the source language.
    if (m_keel.load(locale, QStringLiteral("keel"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        m_keelInstalled = QCoreApplication::installTranslator(&m_keel);
    // Qt's own only with Keel's: a half-translated window (Chinese buttons, English labels) is
    // worse than an English one.
    if (m_keelInstalled
        && m_qt.load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                     QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        m_qtInstalled = QCoreApplication::installTranslator(&m_qt);
    return m_keelInstalled;
}

bool Translations::installForProfile()
{
    const QString setting = languageSetting(core::defaultSettingsPaths().settingsFile());
    return install(chooseLocale(setting, QLocale::system()));
}

} // namespace keel::app
