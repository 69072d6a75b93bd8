// Translations: the user-interface language of one run of `keel` (GUI or CLI): which language,
// Keel's own translation (compiled into the binary as :/i18n/keel_<lang>.qm) and Qt's
// (qtbase_<lang>.qm, for the standard buttons and dialogs), installed into the application.
// Chosen once at start-up; changing the setting takes effect at the next start.
#pragma once

#include <QLocale>
#include <QString>
#include <QTranslator>

namespace keel::app {

// The `appearance/language` setting in the profile's settings.ini ("" = follow the system,
// "en", "zh_CN", ...). Read-only and synchronous (a tiny file, read before any window exists);
// a missing or unreadable file reads as "": the settings loader reports such a file.
QString languageSetting(const QString& settingsFile);

// The locale the user wants: the setting's when one is set, else the system's. A setting in the
// system's language keeps the system locale, so its region (date and number formats) stays.
QLocale chooseLocale(const QString& setting, const QLocale& system);

class Translations {
public:
    Translations() = default;
    // Removes the translators it installed.
    ~Translations();
    Translations(const Translations&) = delete;
    Translations& operator=(const Translations&) = delete;

    // Needs the application object. Makes `locale` the default QLocale and installs Keel's and
    // Qt's translations for it, when they exist; English (the source language) needs neither.
    // Returns whether Keel's own translation was found.
    bool install(const QLocale& locale);

    // What the composition root calls: the language from the profile's settings, else the
    // system's (QStandardPaths must already point into the --profile, see applyProfile).
    bool installForProfile();

private:
    QTranslator m_keel;
    QTranslator m_qt;
    bool m_keelInstalled = false;
    bool m_qtInstalled = false;
};

} // namespace keel::app
