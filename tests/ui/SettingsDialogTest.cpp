// SettingsDialogTest: the settings dialog, offscreen, on the real configuration stack (Settings
// on this thread, SettingsThread with the writer and the secret store, files in a temporary
// profile) and the real core loop (Engine on CoreThread, wired queued both ways as the app
// does), against the loopback server: add, test, fetch, edit and remove a provider; inline
// validation; keys without a keychain (the opt-in 0600 file, and the key never on screen or in
// the other files); a provider's error; appearance and network pages applying live.
#include "ui/settings/SettingsDialog.h"

#include "CoreThread.h"
#include "Engine.h"
#include "LoopbackLlmServer.h"
#include "MetaTypes.h"
#include "settings/SecretStore.h"
#include "settings/Settings.h"
#include "settings/SettingsThread.h"
#include "ui/settings/AppearancePage.h"
#include "ui/settings/ModelListEditor.h"
#include "ui/settings/NetworkPage.h"
#include "ui/settings/ProviderEditor.h"
#include "ui/settings/ProvidersPage.h"
#include "ui/settings/SecretField.h"

#include <QAbstractItemModel>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QFileInfo>
#include <QFontComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace keel;
using namespace keel::test;

namespace {

const QByteArray kModels = R"({"object":"list","data":[
    {"id":"alpha-1","object":"model"},
    {"id":"beta-2","object":"model"},
    {"id":"gamma-3","object":"model"}]})";

const QString kSecretKey = QStringLiteral("sk-test-VISIBLE-NOWHERE-7f3a9c");

QByteArray readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Everything one dialog needs, built and torn down in the app's order.
struct Harness {
    explicit Harness(const QString& profile)
        : paths{profile + QStringLiteral("/config/keel")}
        , settingsThread(paths, core::SecretStore::serviceNameFor(profile))
        , settings(paths, settingsThread.writer(), settingsThread.secrets())
    {
        server.setRoute("/v1/models", Response::body(200, kModels));
        settingsThread.start();
        settings.load();
        dialog = std::make_unique<ui::SettingsDialog>(&settings);
        QObject::connect(dialog.get(), &ui::SettingsDialog::listModelsRequested, core.engine(),
                         &core::Engine::listModels, Qt::QueuedConnection);
        QObject::connect(core.engine(), &core::Engine::modelsListed, dialog.get(),
                         &ui::SettingsDialog::onModelsListed, Qt::QueuedConnection);
        core.start();
        dialog->show();
    }

    ~Harness()
    {
        dialog.reset();
        core.stop();
        settingsThread.stop();
    }

    ui::ProvidersPage* page() const { return dialog->providersPage(); }
    ui::ProviderEditor* editor() const { return page()->editor(); }

    void addCustom()
    {
        QAction* custom = page()->addMenu()->findChild<QAction*>(QStringLiteral("addCustom"));
        QVERIFY(custom);
        custom->trigger();
        QVERIFY(editor()->isNew());
    }

    static void retype(QLineEdit* edit, const QString& text)
    {
        edit->setFocus();
        edit->selectAll();
        QTest::keyClick(edit, Qt::Key_Backspace);
        QTest::keyClicks(edit, text);
    }

    void click(QPushButton* button) const
    {
        QVERIFY(button->isVisible());
        QVERIFY(button->isEnabled());
        QTest::mouseClick(button, Qt::LeftButton);
    }

    QString providersJson() const { return QString::fromUtf8(readFile(paths.providersFile())); }

    LoopbackLlmServer server;
    core::SettingsPaths paths;
    core::SettingsThread settingsThread;
    core::Settings settings;
    core::CoreThread core;
    std::unique_ptr<ui::SettingsDialog> dialog;
};

} // namespace

class SettingsDialogTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // No keychain service, whatever the machine runs: the file fallback is what is tested.
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent");
        QVERIFY(m_home.isValid());
        qputenv("XDG_CONFIG_HOME", m_home.filePath(QStringLiteral("config")).toUtf8());
        qputenv("XDG_DATA_HOME", m_home.filePath(QStringLiteral("data")).toUtf8());
        for (const char* name : {"OPENAI_BASE_URL", "http_proxy", "https_proxy", "HTTP_PROXY",
                                 "HTTPS_PROXY", "ALL_PROXY", "all_proxy"})
            qunsetenv(name);
        core::registerMetaTypes();
    }

    void addTestFetchEditAndRemoveAProvider()
    {
        QTemporaryDir profile;
        Harness h(profile.path());
        QVERIFY(QTest::qWaitForWindowExposed(h.dialog.get()));
        QCOMPARE(h.dialog->currentPage(), ui::SettingsDialog::Page::Providers);

        h.addCustom();
        ui::ProviderEditor* editor = h.editor();
        QVERIFY(editor->kindCombo()->isEnabled()); // custom: the kind is the user's choice
        QCOMPARE(editor->kindCombo()->currentData().toString(), QStringLiteral("openai"));
        Harness::retype(editor->nameEdit(), QStringLiteral("Loopback"));
        Harness::retype(editor->baseUrlEdit(), h.server.baseUrl());
        QVERIFY(editor->verifyTlsCheck()->isEnabled()); // 127.0.0.1 may skip TLS checks
        h.click(editor->saveButton());

        const auto saved = h.settings.providerByName(QStringLiteral("Loopback"));
        QVERIFY(saved.has_value());
        const QString id = saved->id;
        QCOMPARE(saved->baseUrl, h.server.baseUrl());
        QVERIFY(!editor->isNew());
        QVERIFY(!editor->isDirty());
        QVERIFY(!editor->saveButton()->isEnabled());
        QTRY_VERIFY(h.providersJson().contains(QStringLiteral("Loopback")));
        QListWidget* list = h.page()->providerList();
        QCOMPARE(list->count(), 1);
        QVERIFY(list->currentItem()->text().startsWith(QStringLiteral("Loopback")));

        // Test connection: success with the count and the latency.
        ui::ModelListEditor* models = editor->modelEditor();
        h.click(models->testButton());
        QTRY_VERIFY_WITH_TIMEOUT(
            models->statusLabel()->text().startsWith(QStringLiteral("Connected — 3 models, ")),
            10000);
        QVERIFY(models->statusLabel()->text().endsWith(QStringLiteral(" ms")));
        QVERIFY(models->statusLabel()->isVisible());
        QVERIFY(h.server.requests().last().path.startsWith("/v1/models"));
        QVERIFY(models->models().isEmpty()); // testing does not touch the list

        // Fetch models: the list fills, enabled (first fetch); search filters.
        h.click(models->fetchButton());
        QTRY_COMPARE_WITH_TIMEOUT(models->models().size(), qsizetype(3), 10000);
        QVERIFY(editor->isDirty());
        for (const core::ModelEntry& model : models->models())
            QVERIFY(model.enabled);
        QCOMPARE(models->shownCount(), 3);
        QTest::keyClicks(models->searchField(), QStringLiteral("BETA"));
        QCOMPARE(models->shownCount(), 1);
        models->searchField()->clear();
        QCOMPARE(models->shownCount(), 3);

        // Disable gamma-3 with the keyboard (Space on its check box), rename beta-2.
        QTableView* table = models->table();
        QAbstractItemModel* tableModel = table->model();
        table->setFocus();
        table->setCurrentIndex(tableModel->index(2, 0));
        QCOMPARE(table->currentIndex().data().toString(), QStringLiteral("gamma-3"));
        QTest::keyClick(table, Qt::Key_Space);
        QCOMPARE(tableModel->index(2, 0).data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
        const QModelIndex nameCell = tableModel->index(1, 1);
        table->setCurrentIndex(nameCell);
        table->edit(nameCell);
        auto* cellEditor = table->viewport()->findChild<QLineEdit*>();
        QVERIFY(cellEditor);
        QTest::keyClicks(cellEditor, QStringLiteral("Beta Two"));
        QTest::keyClick(cellEditor, Qt::Key_Return); // the delegate commits on a queued call
        QTRY_COMPARE(tableModel->index(1, 1).data().toString(), QStringLiteral("Beta Two"));
        QVERIFY(models->defaultModelCombo()->findText(QStringLiteral("gamma-3")) < 0);
        QVERIFY(models->defaultModelCombo()->findText(QStringLiteral("beta-2")) >= 0);
        h.click(editor->saveButton());

        const auto withModels = h.settings.provider(id);
        QVERIFY(withModels.has_value());
        QCOMPARE(withModels->models.size(), qsizetype(3));
        QCOMPARE(withModels->models.at(1).displayName, QStringLiteral("Beta Two"));
        QVERIFY(withModels->models.at(0).enabled);
        QVERIFY(!withModels->models.at(2).enabled);
        QTRY_VERIFY(h.providersJson().contains(QStringLiteral("Beta Two")));

        // A second fetch keeps the user's choices; nothing is new.
        h.click(models->fetchButton());
        QTRY_VERIFY_WITH_TIMEOUT(
            models->statusLabel()->text().contains(QStringLiteral("nothing new")), 10000);
        QVERIFY(!editor->isDirty());

        // Edit the name.
        Harness::retype(editor->nameEdit(), QStringLiteral("Loopback Renamed"));
        QVERIFY(editor->isDirty());
        QVERIFY(!list->isEnabled()); // switching would drop the edit
        h.click(editor->saveButton());
        QCOMPARE(h.settings.provider(id)->name, QStringLiteral("Loopback Renamed"));
        QVERIFY(list->isEnabled());
        QTRY_VERIFY(h.providersJson().contains(QStringLiteral("Loopback Renamed")));

        // Remove, confirmed inline.
        h.click(h.page()->removeButton());
        QVERIFY(h.page()->removeBar()->isVisible());
        QVERIFY(h.settings.provider(id).has_value()); // not before the confirmation
        h.click(h.page()->confirmRemoveButton());
        QVERIFY(!h.settings.provider(id).has_value());
        QCOMPARE(list->count(), 0);
        QVERIFY(editor->currentId().isEmpty());
        QTRY_VERIFY(!h.providersJson().contains(QStringLiteral("Loopback")));
    }

    void badInputGetsAnInlineErrorAndCannotBeSaved()
    {
        QTemporaryDir profile;
        Harness h(profile.path());
        core::ProviderEntry existing;
        existing.id = QStringLiteral("existing");
        existing.name = QStringLiteral("Existing");
        existing.kind = QStringLiteral("openai");
        QCOMPARE(h.settings.saveProvider(existing), QString());
        QVERIFY(QTest::qWaitForWindowExposed(h.dialog.get()));

        h.addCustom();
        ui::ProviderEditor* editor = h.editor();
        QLabel* error = editor->validationLabel();
        Harness::retype(editor->baseUrlEdit(), h.server.baseUrl());
        QVERIFY(!error->isVisible());
        QVERIFY(editor->saveButton()->isEnabled());

        Harness::retype(editor->nameEdit(), QString());
        QVERIFY(error->isVisible());
        QVERIFY(error->text().contains(QStringLiteral("name"), Qt::CaseInsensitive));
        QVERIFY(!editor->saveButton()->isEnabled());

        Harness::retype(editor->nameEdit(), QStringLiteral("Fresh"));
        QVERIFY(!error->isVisible());
        Harness::retype(editor->baseUrlEdit(), QStringLiteral("htp:/x"));
        QVERIFY(error->isVisible());
        QVERIFY(error->text().contains(QStringLiteral("URL")));
        QVERIFY(!editor->saveButton()->isEnabled());
        QVERIFY(!editor->modelEditor()->testButton()->isEnabled());

        Harness::retype(editor->baseUrlEdit(), h.server.baseUrl());
        Harness::retype(editor->nameEdit(), QStringLiteral("existing")); // case-insensitive
        QVERIFY(error->isVisible());
        QVERIFY(error->text().contains(QStringLiteral("Existing")));
        QVERIFY(!editor->saveButton()->isEnabled());
        editor->save(); // refused even when called directly
        QCOMPARE(h.settings.providers().size(), qsizetype(1));

        // TLS verification can be off only for loopback.
        Harness::retype(editor->nameEdit(), QStringLiteral("Fresh"));
        editor->verifyTlsCheck()->setChecked(false);
        Harness::retype(editor->baseUrlEdit(), QStringLiteral("https://api.example.com/v1"));
        QVERIFY(editor->verifyTlsCheck()->isChecked());
        QVERIFY(!editor->verifyTlsCheck()->isEnabled());

        QVERIFY(!error->isVisible());
        h.click(editor->saveButton());
        QCOMPARE(h.settings.providers().size(), qsizetype(2));
    }

    void keysWithoutAKeychainUseTheOptInFile()
    {
        QTemporaryDir profile;
        Harness h(profile.path());
        QVERIFY(QTest::qWaitForWindowExposed(h.dialog.get()));
        QTRY_COMPARE_WITH_TIMEOUT(h.settings.secretBackend(), core::SecretBackend::Unavailable,
                                  10000);
        QWidget* notice = h.page()->secretNotice();
        QVERIFY(notice->isVisible());
        QVERIFY(h.page()->secretNoticeLabel()->text().contains(
            QStringLiteral("No system keychain found")));
        QVERIFY(h.page()->allowFileButton()->isVisible());

        h.addCustom();
        ui::ProviderEditor* editor = h.editor();
        Harness::retype(editor->nameEdit(), QStringLiteral("Keyed"));
        Harness::retype(editor->baseUrlEdit(), h.server.baseUrl());
        QLineEdit* keyEdit = editor->keyField()->lineEdit();
        QCOMPARE(keyEdit->echoMode(), QLineEdit::Password);
        QTest::keyClicks(keyEdit, kSecretKey);
        h.click(editor->saveButton());
        const QString id = h.settings.providerByName(QStringLiteral("Keyed"))->id;
        QTRY_VERIFY_WITH_TIMEOUT(editor->messageLabel()->text().contains(
                                     QStringLiteral("not stored"), Qt::CaseInsensitive),
                                 10000);
        QVERIFY(editor->messageLabel()->isVisible());
        QVERIFY(!h.settings.provider(id)->hasKey);
        QVERIFY(!QFile::exists(h.paths.secretFile()));
        QVERIFY(editor->saveButton()->isEnabled()); // the key is still waiting to be stored

        // Opting in to the file stores the key that was waiting.
        h.click(h.page()->allowFileButton());
        QTRY_COMPARE_WITH_TIMEOUT(h.settings.secretBackend(), core::SecretBackend::File, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(h.settings.provider(id)->hasKey, 10000);
        QTRY_VERIFY(keyEdit->text().isEmpty());
        QCOMPARE(editor->messageLabel()->text(), QStringLiteral("Saved."));
        QVERIFY(!editor->isDirty());
        QCOMPARE(keyEdit->placeholderText(), QStringLiteral("Stored in the private key file"));
        QVERIFY(editor->keyField()->removeButton()->isVisible());

        QFileInfo secretFile(h.paths.secretFile());
        QVERIFY(secretFile.exists());
        QCOMPARE(
            secretFile.permissions()
                & (QFile::ReadGroup | QFile::WriteGroup | QFile::ReadOther | QFile::WriteOther),
            QFile::Permissions());
        QVERIFY(readFile(h.paths.secretFile()).contains(kSecretKey.toUtf8()));
        QVERIFY(notice->isVisible());
        QVERIFY(!h.page()->allowFileButton()->isVisible());
        QVERIFY(h.page()->secretNoticeLabel()->text().contains(QStringLiteral("secrets.json")));
        QVERIFY(h.page()->secretNoticeLabel()->text().contains(QStringLiteral("0600")));

        // The key is nowhere on screen, nor in the other files.
        for (QLineEdit* edit : h.dialog->findChildren<QLineEdit*>()) {
            QVERIFY2(!edit->text().contains(kSecretKey), qPrintable(edit->objectName()));
            QVERIFY(!edit->placeholderText().contains(kSecretKey));
        }
        for (QLabel* label : h.dialog->findChildren<QLabel*>())
            QVERIFY2(!label->text().contains(kSecretKey), qPrintable(label->objectName()));
        keyEdit->undo(); // clearing the field must not have left the key in its undo history
        QVERIFY(!keyEdit->text().contains(kSecretKey));
        QTRY_VERIFY(h.providersJson().contains(QStringLiteral("Keyed")));
        QTRY_VERIFY(QFile::exists(h.paths.settingsFile())); // the opt-in is a setting
        QVERIFY(!h.providersJson().contains(kSecretKey));
        QVERIFY(!readFile(h.paths.settingsFile()).contains(kSecretKey.toUtf8()));

        // The stored key is the one requests use.
        h.click(editor->modelEditor()->testButton());
        QTRY_VERIFY_WITH_TIMEOUT(
            editor->modelEditor()->statusLabel()->text().startsWith(QStringLiteral("Connected")),
            10000);
        QCOMPARE(h.server.requests().last().header("authorization"),
                 QByteArray("Bearer ") + kSecretKey.toUtf8());

        // Removing the provider removes its key.
        h.click(h.page()->removeButton());
        QVERIFY(h.page()->removeBar()->isVisible());
        h.click(h.page()->confirmRemoveButton());
        QVERIFY(!h.settings.provider(id).has_value());
        QTRY_VERIFY_WITH_TIMEOUT(!readFile(h.paths.secretFile()).contains(kSecretKey.toUtf8()),
                                 10000);
    }

    void unauthorizedShowsTheProvidersError()
    {
        QTemporaryDir profile;
        Harness h(profile.path());
        h.server.setRoute("/v1/models",
                          Response::openAiError(401, QStringLiteral("Incorrect API key provided: "
                                                                    "sk-bad***. Check it.")));
        QVERIFY(QTest::qWaitForWindowExposed(h.dialog.get()));
        h.addCustom();
        ui::ProviderEditor* editor = h.editor();
        Harness::retype(editor->nameEdit(), QStringLiteral("Refusing"));
        Harness::retype(editor->baseUrlEdit(), h.server.baseUrl());
        QTest::keyClicks(editor->keyField()->lineEdit(), QStringLiteral("sk-bad"));
        // Testing before saving uses the typed key.
        h.click(editor->modelEditor()->testButton());
        QLabel* status = editor->modelEditor()->statusLabel();
        QTRY_VERIFY_WITH_TIMEOUT(
            status->text().contains(QStringLiteral("Incorrect API key provided")), 10000);
        QVERIFY(!status->text().startsWith(QStringLiteral("Connected")));
        QCOMPARE(h.server.requests().last().header("authorization"), QByteArray("Bearer sk-bad"));
        QVERIFY(editor->modelEditor()->testButton()->isEnabled());
        QVERIFY(h.settings.providers().isEmpty()); // nothing was saved by testing
    }

    void onboardingOpensANewPresetWithTheKeyFieldFocused()
    {
        QTemporaryDir profile;
        Harness h(profile.path());
        h.dialog->showPage(ui::SettingsDialog::Page::Network);
        h.dialog->addProviderFromPreset(QStringLiteral("openrouter"));
        QCOMPARE(h.dialog->currentPage(), ui::SettingsDialog::Page::Providers);
        ui::ProviderEditor* editor = h.editor();
        QVERIFY(editor->isNew());
        QCOMPARE(editor->currentEntry().presetId, QStringLiteral("openrouter"));
        QVERIFY(!editor->kindCombo()->isEnabled()); // a preset fixes the protocol
        QCOMPARE(h.dialog->focusWidget(), editor->keyField()->lineEdit());
        QVERIFY(h.settings.providers().isEmpty()); // unsaved until Save

        // Discarding the new entry leaves nothing behind.
        h.click(editor->revertButton());
        QVERIFY(editor->currentId().isEmpty());
        QCOMPARE(h.page()->providerList()->count(), 0);

        // Esc closes the non-modal dialog.
        QVERIFY(!h.dialog->isModal());
        QVERIFY(QTest::qWaitForWindowExposed(h.dialog.get()));
        QTest::keyClick(h.dialog.get(), Qt::Key_Escape);
        QVERIFY(!h.dialog->isVisible());
    }

    void appearanceAppliesLive()
    {
        QTemporaryDir profile;
        Harness h(profile.path());
        h.dialog->showPage(ui::SettingsDialog::Page::Appearance);
        ui::AppearancePage* page = h.dialog->appearancePage();
        QVERIFY(QTest::qWaitForWindowExposed(h.dialog.get()));
        QVERIFY(page->isVisible());
        QSignalSpy changed(&h.settings, &core::Settings::generalChanged);

        QComboBox* theme = page->themeCombo();
        theme->setCurrentIndex(theme->findData(static_cast<int>(core::Theme::Dark)));
        QCOMPARE(h.settings.general().appearance.theme, core::Theme::Dark);
        QCOMPARE(changed.count(), 1);

        QVERIFY(!page->fontCombo()->isEnabled());
        page->systemFontCheck()->setChecked(false);
        QVERIFY(page->fontCombo()->isEnabled());
        page->fontSizeSpin()->setValue(17);
        QCOMPARE(h.settings.general().appearance.fontPointSize, 17);
        QVERIFY(!h.settings.general().appearance.fontFamily.isEmpty());

        page->ctrlEnterSendsRadio()->click();
        QCOMPARE(h.settings.general().appearance.sendKey, core::SendKey::CtrlEnter);
        // Languages in their own names; the choice applies at the next start, and says so.
        QComboBox* language = page->languageCombo();
        QCOMPARE(language->count(), 3);
        QCOMPARE(language->currentIndex(), 0);
        QCOMPARE(language->itemText(0), QStringLiteral("System default"));
        QCOMPARE(language->itemData(0).toString(), QString());
        QCOMPARE(language->itemText(language->findData(QStringLiteral("en"))),
                 QStringLiteral("English"));
        QCOMPARE(language->itemText(language->findData(QStringLiteral("zh_CN"))),
                 QStringLiteral("简体中文"));
        QVERIFY(page->languageHint()->isVisible());
        QCOMPARE(page->languageHint()->text(), QStringLiteral("Takes effect when Keel restarts."));
        language->setCurrentIndex(language->findData(QStringLiteral("zh_CN")));
        QCOMPARE(h.settings.general().appearance.language, QStringLiteral("zh_CN"));
        language->setCurrentIndex(language->findData(QStringLiteral("en")));
        QCOMPARE(h.settings.general().appearance.language, QStringLiteral("en"));
        language->setCurrentIndex(0);
        QVERIFY(h.settings.general().appearance.language.isEmpty());
        language->setCurrentIndex(language->findData(QStringLiteral("zh_CN")));

        // A change made elsewhere shows here.
        core::GeneralSettings general = h.settings.general();
        general.appearance.theme = core::Theme::Light;
        h.settings.setGeneral(general);
        QCOMPARE(theme->currentData().toInt(), static_cast<int>(core::Theme::Light));
        QTRY_VERIFY(QFile::exists(h.paths.settingsFile()));
        // Under the key the start-up language choice reads (app/Translations.cpp).
        QTRY_COMPARE(QSettings(h.paths.settingsFile(), QSettings::IniFormat)
                         .value(QStringLiteral("appearance/language"))
                         .toString(),
                     QStringLiteral("zh_CN"));
    }

    void networkValidatesTheProxyAndAppliesLive()
    {
        QTemporaryDir profile;
        Harness h(profile.path());
        h.dialog->showPage(ui::SettingsDialog::Page::Network);
        ui::NetworkPage* page = h.dialog->networkPage();
        QVERIFY(QTest::qWaitForWindowExposed(h.dialog.get()));
        QCOMPARE(page->idleTimeoutSpin()->value(), 600);
        QVERIFY(!page->proxyUrlEdit()->isEnabled());

        QComboBox* mode = page->proxyModeCombo();
        mode->setCurrentIndex(mode->findData(static_cast<int>(core::ProxyConfig::Mode::Manual)));
        QVERIFY(page->proxyErrorLabel()->isVisible()); // Manual needs a URL
        QCOMPARE(h.settings.general().network.proxyMode, core::ProxyConfig::Mode::System);

        Harness::retype(page->proxyUrlEdit(), QStringLiteral("ftp://127.0.0.1:21"));
        QTest::keyClick(page->proxyUrlEdit(), Qt::Key_Return);
        QVERIFY(page->proxyErrorLabel()->isVisible());
        QVERIFY(page->proxyErrorLabel()->text().contains(QStringLiteral("socks5")));
        QCOMPARE(h.settings.general().network.proxyMode, core::ProxyConfig::Mode::System);

        Harness::retype(page->proxyUrlEdit(), QStringLiteral("socks5h://127.0.0.1:1080"));
        QVERIFY(!page->proxyErrorLabel()->isVisible());
        QTest::keyClick(page->proxyUrlEdit(), Qt::Key_Return);
        QCOMPARE(h.settings.general().network.proxyMode, core::ProxyConfig::Mode::Manual);
        QCOMPARE(h.settings.general().network.proxyUrl, QStringLiteral("socks5h://127.0.0.1:1080"));

        page->connectTimeoutSpin()->setValue(7);
        QCOMPARE(h.settings.general().network.connectTimeoutMs, 7000);
        page->idleNeverCheck()->setChecked(true);
        QCOMPARE(h.settings.general().network.idleTimeoutMs, 0);
        QVERIFY(!page->idleTimeoutSpin()->isEnabled());
        page->idleNeverCheck()->setChecked(false);
        QCOMPARE(h.settings.general().network.idleTimeoutMs, 600'000);

        // The proxy password is kept like a key: stored, then never shown again.
        h.settings.setSecretFileAllowed(true);
        QTRY_COMPARE_WITH_TIMEOUT(h.settings.secretBackend(), core::SecretBackend::File, 10000);
        const QString password = QStringLiteral("proxy-pass-NOT-ON-SCREEN-42");
        Harness::retype(page->proxyUserEdit(), QStringLiteral("alice"));
        QLineEdit* passwordEdit = page->proxyPasswordField()->lineEdit();
        QCOMPARE(passwordEdit->echoMode(), QLineEdit::Password);
        passwordEdit->setFocus();
        QTest::keyClicks(passwordEdit, password);
        QTest::keyClick(passwordEdit, Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(h.settings.general().network.hasProxyPassword, 10000);
        QTRY_VERIFY(passwordEdit->text().isEmpty());
        QCOMPARE(h.settings.general().network.proxyUser, QStringLiteral("alice"));
        QCOMPARE(passwordEdit->placeholderText(), QStringLiteral("Stored in the private key file"));
        QVERIFY(page->proxyPasswordField()->removeButton()->isVisible());
        QTRY_VERIFY(readFile(h.paths.secretFile()).contains(password.toUtf8()));
        QTRY_VERIFY(readFile(h.paths.settingsFile()).contains("alice"));
        QVERIFY(!readFile(h.paths.settingsFile()).contains(password.toUtf8()));
        for (QLineEdit* edit : h.dialog->findChildren<QLineEdit*>())
            QVERIFY(!edit->text().contains(password));
        for (QLabel* label : h.dialog->findChildren<QLabel*>())
            QVERIFY(!label->text().contains(password));
    }

private:
    QTemporaryDir m_home;
};

QTEST_MAIN(SettingsDialogTest)
#include "SettingsDialogTest.moc"
