// TranslationsTest: the start-up language choice (app/Translations.h): the setting wins over
// the system locale, Keel's zh_CN translation comes out of the compiled-in resource into a real
// window, Qt's own translation makes the standard buttons Chinese, and English needs none.
// The system locale is passed in, so the machine's own locale does not matter.
#include "Translations.h"

#include "ui/ChatSettings.h"
#include "ui/MainWindow.h"

#include <QDialogButtonBox>
#include <QFile>
#include <QMenu>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace keel;

namespace {

QString writeLanguageSetting(const QTemporaryDir& dir, const QString& language)
{
    const QString path = dir.filePath(QStringLiteral("settings.ini"));
    QSettings ini(path, QSettings::IniFormat);
    ini.setValue(QStringLiteral("appearance/language"), language);
    ini.sync();
    return path;
}

QString cancelButtonText()
{
    QDialogButtonBox buttons(QDialogButtonBox::Cancel);
    return buttons.button(QDialogButtonBox::Cancel)->text();
}

} // namespace

class TranslationsTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { m_defaultLocale = QLocale(); }
    void cleanup() { QLocale::setDefault(m_defaultLocale); }

    void theSettingIsReadFromTheProfilesFile()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QCOMPARE(app::languageSetting(dir.filePath(QStringLiteral("settings.ini"))), QString());
        QCOMPARE(app::languageSetting(writeLanguageSetting(dir, QStringLiteral(" zh_CN "))),
                 QStringLiteral("zh_CN"));
        QCOMPARE(app::languageSetting(writeLanguageSetting(dir, QStringLiteral("en"))),
                 QStringLiteral("en"));
    }

    void theSettingWinsOverTheSystem()
    {
        const QLocale chinese(QStringLiteral("zh_CN"));
        QCOMPARE(app::chooseLocale(QString(), chinese), chinese);
        QCOMPARE(app::chooseLocale(QStringLiteral("en"), chinese).language(), QLocale::English);
        QCOMPARE(app::chooseLocale(QStringLiteral("zh_CN"), QLocale(QStringLiteral("en_US"))),
                 chinese);
        // English chosen on a British system keeps the British formats.
        const QLocale british(QStringLiteral("en_GB"));
        QCOMPARE(app::chooseLocale(QStringLiteral("en"), british), british);
    }

    void chineseMenusAndButtons()
    {
        QCOMPARE(cancelButtonText(), QStringLiteral("Cancel"));
        {
            app::Translations translations;
            QVERIFY(translations.install(QLocale(QStringLiteral("zh_CN"))));
            QCOMPARE(QLocale().language(), QLocale::Chinese);
            ui::MainWindow window{ui::ChatSettings{}};
            QCOMPARE(window.fileMenu()->title(), QStringLiteral("文件(&F)"));
            QCOMPARE(window.chatMenu()->title(), QStringLiteral("聊天(&C)"));
            QCOMPARE(cancelButtonText(), QStringLiteral("取消"));
        }
        // The translators go with the object.
        ui::MainWindow window{ui::ChatSettings{}};
        QCOMPARE(window.fileMenu()->title(), QStringLiteral("&File"));
        QCOMPARE(cancelButtonText(), QStringLiteral("Cancel"));
    }

    void englishChosenOnAChineseSystemStaysEnglish()
    {
        QTemporaryDir dir;
        const QString settingsFile = writeLanguageSetting(dir, QStringLiteral("en"));
        app::Translations translations;
        QVERIFY(!translations.install(app::chooseLocale(app::languageSetting(settingsFile),
                                                        QLocale(QStringLiteral("zh_CN")))));
        QCOMPARE(QLocale().language(), QLocale::English);
        ui::MainWindow window{ui::ChatSettings{}};
        QCOMPARE(window.fileMenu()->title(), QStringLiteral("&File"));
        QCOMPARE(window.chatMenu()->title(), QStringLiteral("&Chat"));
        QCOMPARE(cancelButtonText(), QStringLiteral("Cancel"));
    }

private:
    QLocale m_defaultLocale;
};

QTEST_MAIN(TranslationsTest)
#include "TranslationsTest.moc"
