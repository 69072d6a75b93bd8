// SettingsChatTest: the settings reaching the chat, end to end, in the window composed as the
// app composes it (app/GuiSession.cpp): a real SettingsThread and Settings on a temporary
// profile (no keychain), the history store on its thread, the Engine on the core loop wired
// queued both ways, the window configured with the settings, the palette applied on every
// change of the general settings, and the loopback server as the provider. A provider added in
// the Settings dialog lists its models in the header's picker and answers the next message with
// the chosen model and the typed key; conversation overrides and chat defaults reach the
// request; theme, font and send key apply live; a provider without a key gets a human notice
// and nothing is sent.
#include "CoreThread.h"
#include "Engine.h"
#include "LoopbackLlmServer.h"
#include "MetaTypes.h"
#include "settings/SecretStore.h"
#include "settings/Settings.h"
#include "settings/SettingsThread.h"
#include "store/Store.h"
#include "store/StoreClient.h"
#include "store/StorePaths.h"
#include "store/StoreThread.h"
#include "ui/ChatHeader.h"
#include "ui/ChatParametersEditor.h"
#include "ui/ChatSettings.h"
#include "ui/Composer.h"
#include "ui/ConversationController.h"
#include "ui/ConversationSettingsPanel.h"
#include "ui/EngineWiring.h"
#include "ui/MainWindow.h"
#include "ui/MessageTextView.h"
#include "ui/MessageWidget.h" // TranscriptView.h uses it inline
#include "ui/ModelPicker.h"
#include "ui/ModelPickerPopup.h"
#include "ui/OnboardingWidget.h"
#include "ui/StatusLine.h"
#include "ui/ThemePalette.h"
#include "ui/TranscriptView.h"
#include "ui/WindowSettings.h"
#include "ui/settings/ModelListEditor.h"
#include "ui/settings/ProviderEditor.h"
#include "ui/settings/ProvidersPage.h"
#include "ui/settings/SecretField.h"
#include "ui/settings/SettingsDialog.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFontDatabase>
#include <QJsonArray>
#include <QJsonObject>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStyle>
#include <QStyleFactory>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include <memory>

using namespace keel;
using namespace keel::test;

namespace {

const QByteArray kModels = R"({"object":"list","data":[
    {"id":"alpha-1","object":"model"},
    {"id":"beta-2","object":"model"},
    {"id":"gamma-3","object":"model"}]})";

const QString kKey = QStringLiteral("sk-loopback-TYPED-IN-THE-DIALOG-41d2");
const QString kReply = QStringLiteral("Hello from the loopback.");

QList<ReceivedRequest> chatRequests(const LoopbackLlmServer& server)
{
    QList<ReceivedRequest> out;
    for (const ReceivedRequest& request : server.requests()) {
        if (request.method == "POST" && request.path.startsWith("/v1/chat/completions"))
            out.append(request);
    }
    return out;
}

QJsonArray messagesOf(const ReceivedRequest& request)
{
    return request.jsonBody().value(QStringLiteral("messages")).toArray();
}

// The average lightness (0..255) of an image, sampled on a grid: a light or a dark window.
int meanLightness(const QImage& image)
{
    qint64 sum = 0;
    int count = 0;
    for (int y = 0; y < image.height(); y += 7) {
        for (int x = 0; x < image.width(); x += 7) {
            sum += image.pixelColor(x, y).lightness();
            ++count;
        }
    }
    return count == 0 ? -1 : int(sum / count);
}

// The rendered body of the latest reply.
ui::MessageTextView* replyView(ui::MainWindow& window)
{
    ui::MessageTextView* found = nullptr;
    for (ui::MessageTextView* view : window.transcript()->findChildren<ui::MessageTextView*>()) {
        if (view->document()->toPlainText().contains(QStringLiteral("loopback")))
            found = view;
    }
    return found;
}

QJsonObject message(const QString& role, const QString& content)
{
    return {{QStringLiteral("role"), role}, {QStringLiteral("content"), content}};
}

void click(QAbstractButton* button)
{
    QVERIFY(button);
    QVERIFY(button->isVisible());
    QVERIFY(button->isEnabled());
    QTest::mouseClick(button, Qt::LeftButton);
}

void retype(QLineEdit* edit, const QString& text)
{
    edit->setFocus();
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, text);
}

template <typename T>
T* child(QObject* parent, const QString& name)
{
    T* found = parent->findChild<T*>(name);
    if (!found)
        qWarning("no child %s", qPrintable(name));
    return found;
}

// The window, the engine, the store and the settings, built, wired and torn down as
// app/GuiSession does it. The paths come from QStandardPaths, which init() pointed into a
// temporary directory.
struct Harness {
    explicit Harness(const QString& profile)
        : store(storeThread.store())
        , core(storeThread.store())
        , settingsThread(core::defaultSettingsPaths(), core::SecretStore::serviceNameFor(profile))
        , settings(core::defaultSettingsPaths(), settingsThread.writer(), settingsThread.secrets())
    {
        server.setRoute("/v1/models", Response::body(200, kModels));
        server.setRoute(
            "/v1/chat/completions",
            Response::openAiStream({QStringLiteral("Hello "), QStringLiteral("from the "),
                                    QStringLiteral("loopback.")}));

        const QString databasePath = core::defaultDatabasePath();
        store.post([databasePath](core::Store* s) { s->open(databasePath); });
        settingsThread.start();
        settings.load();

        window = std::make_unique<ui::MainWindow>(ui::ChatSettings{}, &store);
        window->setConfiguration(&settings);
        core::Engine* engine = core.engine();
        ui::MainWindow* w = window.get();
        // Exactly as the app wires them (GuiSession).
        ui::wireWindowToEngine(*w, *engine, &settings, core::defaultLogDirectory());
        systemPalette = QApplication::palette();
        systemStyle = QApplication::style()->name();
        QObject::connect(&settings, &core::Settings::generalChanged, w, [this] { applyTheme(); });
        applyTheme();

        storeThread.start();
        core.start();
        window->resize(900, 640);
        window->show();
    }

    ~Harness()
    {
        window.reset();
        core.stop();
        storeThread.stop();
        settingsThread.stop();
        // The palette and the style are the application's: the next test starts from the
        // system's again.
        if (QApplication::style()->name().compare(systemStyle, Qt::CaseInsensitive) != 0)
            QApplication::setStyle(QStyleFactory::create(systemStyle));
        QApplication::setPalette(systemPalette);
    }

    // What GuiSession::applyTheme does (the app owns the QApplication, so the palette is its).
    void applyTheme()
    {
        const core::Theme theme = settings.general().appearance.theme;
        const QString style = theme == core::Theme::System ? systemStyle : QStringLiteral("Fusion");
        if (QApplication::style()->name().compare(style, Qt::CaseInsensitive) != 0)
            QApplication::setStyle(QStyleFactory::create(style));
        QApplication::setPalette(ui::themePalette(theme, systemPalette));
    }

    // A provider saved directly (the dialog's part is the first test's); loopback needs no key.
    QString addLoopbackProvider()
    {
        core::ProviderEntry entry;
        entry.id = QStringLiteral("loopback");
        entry.name = QStringLiteral("Loopback");
        entry.kind = QStringLiteral("openai");
        entry.baseUrl = server.baseUrl();
        entry.models = {core::ModelEntry{QStringLiteral("alpha-1"), {}, true, -1},
                        core::ModelEntry{QStringLiteral("beta-2"), {}, true, -1}};
        const QString error = settings.saveProvider(entry);
        if (!error.isEmpty())
            qWarning("saveProvider: %s", qPrintable(error));
        return entry.id;
    }

    ui::WindowSettings* windowSettings() const { return window->windowSettings(); }
    ui::ConversationController* controller() const { return window->controller(); }

    // Sends and waits until the reply was rendered and the turn is over.
    bool sendAndWait(const QString& text)
    {
        const qsizetype before = chatRequests(server).size();
        window->sendText(text);
        return QTest::qWaitFor(
            [&] {
                return chatRequests(server).size() == before + 1 && !window->isTurnActive()
                       && window->lastReplyText() == kReply;
            },
            10000);
    }

    LoopbackLlmServer server;
    core::StoreThread storeThread; // before core: the engine saves replies into it
    core::StoreClient store;
    core::CoreThread core;
    core::SettingsThread settingsThread;
    core::Settings settings;
    std::unique_ptr<ui::MainWindow> window;
    QPalette systemPalette;
    QString systemStyle;
};

} // namespace

class SettingsChatTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // No keychain service, whatever the machine runs: keys go to the opt-in file.
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent");
        for (const char* name :
             {"OPENAI_API_KEY", "OPENAI_BASE_URL", "ANTHROPIC_API_KEY", "GEMINI_API_KEY",
              "GOOGLE_API_KEY", "OPENROUTER_API_KEY", "DEEPSEEK_API_KEY", "OLLAMA_HOST",
              "http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "all_proxy"})
            qunsetenv(name);
        core::registerMetaTypes();
        core::registerSettingsMetaTypes();
    }

    void init()
    {
        m_home = std::make_unique<QTemporaryDir>();
        QVERIFY(m_home->isValid());
        qputenv("XDG_CONFIG_HOME", m_home->filePath(QStringLiteral("config")).toUtf8());
        qputenv("XDG_DATA_HOME", m_home->filePath(QStringLiteral("data")).toUtf8());
        // Nothing of the user's own profile is read or written.
        QVERIFY(core::defaultSettingsPaths().configDir.startsWith(m_home->path()));
        QVERIFY(core::defaultDatabasePath().startsWith(m_home->path()));
    }

    void cleanup() { m_home.reset(); }

    void providerAddedInDialogIsUsedByNextMessage()
    {
        Harness h(m_home->path());
        ui::WindowSettings* ws = h.windowSettings();
        QVERIFY(ws);
        QVERIFY(QTest::qWaitForWindowExposed(h.window.get()));

        // Nothing to chat with yet: the onboarding page stands in for the transcript.
        QVERIFY(ws->onboarding()->isVisible());
        QVERIFY(!h.window->transcript()->isVisible());
        QVERIFY(!ws->header()->isVisible());

        // Ctrl+, opens the Settings dialog on its Providers page.
        QCOMPARE(ws->settingsAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_Comma));
        h.window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(h.window.get()));
        QTest::keyClick(h.window.get(), Qt::Key_Comma, Qt::ControlModifier);
        QTRY_VERIFY(ws->dialog() != nullptr);
        ui::SettingsDialog* dialog = ws->dialog();
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        QCOMPARE(dialog->currentPage(), ui::SettingsDialog::Page::Providers);
        ui::ProvidersPage* page = dialog->providersPage();

        // No keychain here: the user opts in to the private key file.
        QTRY_COMPARE_WITH_TIMEOUT(h.settings.secretBackend(), core::SecretBackend::Unavailable,
                                  10000);
        QVERIFY(page->secretNotice()->isVisible());
        click(page->allowFileButton());
        QTRY_COMPARE_WITH_TIMEOUT(h.settings.secretBackend(), core::SecretBackend::File, 10000);

        // A custom OpenAI-compatible provider: name, base URL, key; Fetch models; Save.
        QAction* custom = page->addMenu()->findChild<QAction*>(QStringLiteral("addCustom"));
        QVERIFY(custom);
        custom->trigger();
        ui::ProviderEditor* editor = page->editor();
        QVERIFY(editor->isNew());
        QCOMPARE(editor->kindCombo()->currentData().toString(), QStringLiteral("openai"));
        retype(editor->nameEdit(), QStringLiteral("Loopback"));
        retype(editor->baseUrlEdit(), h.server.baseUrl());
        QLineEdit* keyEdit = editor->keyField()->lineEdit();
        keyEdit->setFocus();
        QTest::keyClicks(keyEdit, kKey);

        ui::ModelListEditor* models = editor->modelEditor();
        click(models->fetchButton());
        QTRY_COMPARE_WITH_TIMEOUT(models->models().size(), qsizetype(3), 10000);
        QVERIFY(h.server.requests().last().path.startsWith("/v1/models"));
        QCOMPARE(h.server.requests().last().header("authorization"),
                 QByteArray("Bearer ") + kKey.toUtf8());
        click(editor->saveButton());

        const auto saved = h.settings.providerByName(QStringLiteral("Loopback"));
        QVERIFY(saved.has_value());
        const QString id = saved->id;
        QCOMPARE(saved->baseUrl, h.server.baseUrl());
        QCOMPARE(saved->models.size(), qsizetype(3));
        QTRY_VERIFY_WITH_TIMEOUT(h.settings.provider(id)->hasKey, 10000);
        QTRY_COMPARE(editor->messageLabel()->text(), QStringLiteral("Saved."));
        QVERIFY(!editor->isDirty());
        QVERIFY(keyEdit->text().isEmpty()); // never on screen again once saved

        // Closing the dialog (Esc) leaves the window ready to chat.
        QTest::keyClick(dialog, Qt::Key_Escape);
        QTRY_VERIFY(ws->dialog() == nullptr); // deleted on close
        QVERIFY(!ws->onboarding()->isVisible());
        QVERIFY(h.window->transcript()->isVisible());
        QVERIFY(ws->header()->isVisible());

        // The picker lists the three fetched models under the provider's name.
        ui::ModelPicker* picker = ws->header()->modelPicker();
        QVERIFY(picker->isVisible());
        QTest::mouseClick(picker, Qt::LeftButton);
        auto* popup = qobject_cast<ui::ModelPickerPopup*>(picker->popup());
        QVERIFY(popup);
        QTRY_VERIFY(popup->isVisible());
        QTRY_VERIFY(popup->searchField()->hasFocus());
        QListWidget* list = popup->list();
        QStringList shown;
        for (int row = 0; row < list->count(); ++row) {
            const QListWidgetItem* item = list->item(row);
            if (item->isHidden())
                continue;
            const auto kind = ui::ModelPickerPopup::RowKind(
                item->data(ui::ModelPickerPopup::RowKindRole).toInt());
            if (kind == ui::ModelPickerPopup::RowKind::Header) {
                shown << QStringLiteral("# ") + item->text();
            } else if (kind == ui::ModelPickerPopup::RowKind::Model) {
                QCOMPARE(item->data(ui::ModelPickerPopup::ProviderIdRole).toString(), id);
                shown << item->data(ui::ModelPickerPopup::ModelIdRole).toString();
            }
        }
        QCOMPARE(shown, (QStringList{QStringLiteral("# Loopback"), QStringLiteral("alpha-1"),
                                     QStringLiteral("beta-2"), QStringLiteral("gamma-3")}));

        // The second one, with the keyboard: filter, Enter.
        const core::ModelRef chosen{id, QStringLiteral("beta-2")};
        QTest::keyClicks(popup->searchField(), QStringLiteral("beta"));
        QCOMPARE(popup->visibleRefs(), QList<core::ModelRef>{chosen});
        QTest::keyClick(popup->searchField(), Qt::Key_Return);
        QTRY_VERIFY(!popup->isVisible());
        QCOMPARE(picker->current(), chosen);
        QCOMPARE(h.controller()->conversationSettings().model, chosen);

        // The next message goes to that provider, with that model and the typed key.
        QVERIFY(h.sendAndWait(QStringLiteral("hello")));
        const QList<ReceivedRequest> sent = chatRequests(h.server);
        QCOMPARE(sent.size(), qsizetype(1));
        const QJsonObject body = sent.first().jsonBody();
        QCOMPARE(body.value(QStringLiteral("model")).toString(), QStringLiteral("beta-2"));
        QCOMPARE(sent.first().header("authorization"), QByteArray("Bearer ") + kKey.toUtf8());
        QCOMPARE(messagesOf(sent.first()).last().toObject(),
                 message(QStringLiteral("user"), QStringLiteral("hello")));
        QCOMPARE(h.window->lastReplyText(), kReply);

        // The choice stays with the conversation, which the store now holds.
        QCOMPARE(h.controller()->conversationSettings().model, chosen);
        QTRY_VERIFY_WITH_TIMEOUT(h.controller()->conversationId() > 0, 10000);
        QCOMPARE(h.controller()->conversationSettings().model, chosen);
        QCOMPARE(picker->current(), chosen);

        // The key went to the private file only.
        QFile providers(h.settings.paths().providersFile());
        QTRY_VERIFY(providers.exists());
        QVERIFY(providers.open(QIODevice::ReadOnly));
        QVERIFY(!providers.readAll().contains(kKey.toUtf8()));
    }

    void overridesReachTheRequest()
    {
        Harness h(m_home->path());
        QCOMPARE(h.addLoopbackProvider(), QStringLiteral("loopback"));
        QVERIFY(QTest::qWaitForWindowExposed(h.window.get()));
        ui::ChatHeader* header = h.windowSettings()->header();
        QVERIFY(header->isVisible());
        QToolButton* parametersButton = header->parametersButton();
        QCOMPARE(parametersButton->text(), QStringLiteral("Parameters"));

        // The header's panel: override the temperature and the system prompt.
        click(parametersButton);
        ui::ConversationSettingsPanel* panel = header->parametersPanel();
        QTRY_VERIFY(panel->isVisible());
        ui::ChatParametersEditor* editor = panel->editor();
        auto* temperatureBox = child<QCheckBox>(editor, QStringLiteral("temperatureOverride"));
        QVERIFY(temperatureBox);
        temperatureBox->click();
        auto* temperature = child<QDoubleSpinBox>(editor, QStringLiteral("temperature"));
        QVERIFY(temperature);
        QVERIFY(temperature->isVisible());
        QVERIFY(temperature->isEnabled());
        temperature->setValue(0.3);
        auto* promptBox = child<QCheckBox>(editor, QStringLiteral("systemPromptOverride"));
        QVERIFY(promptBox);
        promptBox->click();
        auto* prompt = child<QPlainTextEdit>(editor, QStringLiteral("systemPrompt"));
        QVERIFY(prompt);
        QVERIFY(prompt->isEnabled());
        prompt->setFocus();
        QTest::keyClicks(prompt, QStringLiteral("Answer in French."));
        QVERIFY(panel->differencesText().contains(QStringLiteral("Temperature")));
        QVERIFY(panel->differencesText().contains(QStringLiteral("System prompt")));
        QTest::keyClick(panel, Qt::Key_Escape);
        QTRY_VERIFY(!panel->isVisible());

        // The header says something changed; the conversation holds the overrides.
        QCOMPARE(parametersButton->text(), QStringLiteral("Parameters (2 changed)"));
        QVERIFY(parametersButton->toolTip().contains(QStringLiteral("Temperature")));
        QVERIFY(parametersButton->toolTip().contains(QStringLiteral("System prompt")));
        const core::ChatParameters overrides = h.controller()->conversationSettings().overrides;
        QCOMPARE(overrides.temperature, std::optional<double>(0.3));
        QCOMPARE(overrides.systemPrompt,
                 std::optional<QString>(QStringLiteral("Answer in French.")));

        QVERIFY(h.sendAndWait(QStringLiteral("Bonjour?")));
        ReceivedRequest sent = chatRequests(h.server).last();
        QJsonObject body = sent.jsonBody();
        QCOMPARE(body.value(QStringLiteral("temperature")).toDouble(), 0.3);
        QJsonArray messages = messagesOf(sent);
        QCOMPARE(messages.size(), qsizetype(2));
        QCOMPARE(messages.first().toObject(),
                 message(QStringLiteral("system"), QStringLiteral("Answer in French.")));
        QCOMPARE(messages.last().toObject(),
                 message(QStringLiteral("user"), QStringLiteral("Bonjour?")));

        // Chat defaults apply to a new chat without overrides.
        core::GeneralSettings general = h.settings.general();
        general.chatDefaults.systemPrompt = QStringLiteral("Be brief.");
        h.settings.setGeneral(general);
        h.window->newChat();
        QVERIFY(h.controller()->conversationSettings().overrides.isEmpty());
        QCOMPARE(parametersButton->text(), QStringLiteral("Parameters"));
        click(parametersButton);
        QTRY_VERIFY(panel->isVisible());
        QCOMPARE(prompt->toPlainText(), QStringLiteral("Be brief.")); // the default, greyed
        QVERIFY(!prompt->isEnabled());
        QCOMPARE(panel->differencesText(), QStringLiteral("Uses the chat defaults"));
        QTest::keyClick(panel, Qt::Key_Escape);
        QTRY_VERIFY(!panel->isVisible());

        QVERIFY(h.sendAndWait(QStringLiteral("And now?")));
        sent = chatRequests(h.server).last();
        body = sent.jsonBody();
        QVERIFY(!body.contains(QStringLiteral("temperature"))); // left to the provider
        messages = messagesOf(sent);
        QCOMPARE(messages.size(), qsizetype(2));
        QCOMPARE(messages.first().toObject(),
                 message(QStringLiteral("system"), QStringLiteral("Be brief.")));
        QCOMPARE(messages.last().toObject(),
                 message(QStringLiteral("user"), QStringLiteral("And now?")));
    }

    void themeAndFontRepaint()
    {
        Harness h(m_home->path());
        h.addLoopbackProvider();
        QVERIFY(QTest::qWaitForWindowExposed(h.window.get()));
        // Text in the transcript, so that a font shows.
        QVERIFY(h.sendAndWait(QStringLiteral("hello")));
        QVERIFY(!ui::isDarkPalette(QApplication::palette()));
        const QImage light = h.window->grab().toImage();
        QVERIFY2(meanLightness(light) > 128, qPrintable(QString::number(meanLightness(light))));

        // Dark: the application palette turns dark and the window repaints in it.
        core::GeneralSettings general = h.settings.general();
        general.appearance.theme = core::Theme::Dark;
        h.settings.setGeneral(general);
        QVERIFY(ui::isDarkPalette(QApplication::palette()));
        QVERIFY(QApplication::palette().color(QPalette::Window).lightness() < 128);
        QTRY_COMPARE(h.window->palette().color(QPalette::Window),
                     QApplication::palette().color(QPalette::Window));
        QTRY_VERIFY(meanLightness(h.window->grab().toImage()) < 128);
        const QImage dark = h.window->grab().toImage();
        QVERIFY(dark != light);

        // The transcript's font follows the family and size; the reply is laid out again in it.
        const QFont before = h.window->transcript()->font();
        ui::MessageTextView* reply = replyView(*h.window);
        QVERIFY(reply);
        const int replyHeight = reply->height();
        QCOMPARE(reply->font().pointSize(), before.pointSize());
        QString family;
        for (const QString& candidate : QFontDatabase::families()) {
            if (candidate != before.family() && !QFontDatabase::isPrivateFamily(candidate)) {
                family = candidate;
                break;
            }
        }
        const int pointSize = before.pointSize() + 8;
        general.appearance.fontFamily = family; // "" (the system's) when there is no other
        general.appearance.fontPointSize = pointSize;
        h.settings.setGeneral(general);
        const QFont after = h.window->transcript()->font();
        if (!family.isEmpty())
            QCOMPARE(after.family(), family);
        QCOMPARE(after.pointSize(), pointSize);
        QTRY_VERIFY(replyView(*h.window) != nullptr);
        reply = replyView(*h.window);
        QCOMPARE(reply->font().pointSize(), pointSize);
        if (!family.isEmpty())
            QCOMPARE(reply->font().family(), family);
        QTRY_VERIFY(reply->height() > replyHeight);
        QTRY_VERIFY(h.window->grab().toImage() != dark);
        QCOMPARE(h.window->lastReplyText(), kReply); // re-rendered, not lost

        // Back to the system theme: the system palette again.
        general.appearance.theme = core::Theme::System;
        h.settings.setGeneral(general);
        QCOMPARE(QApplication::palette().color(QPalette::Window),
                 h.systemPalette.color(QPalette::Window));

        // Ctrl+Enter sends; Enter starts a new line.
        ui::Composer* composer = h.window->composer();
        QVERIFY(!composer->ctrlEnterSends());
        general.appearance.sendKey = core::SendKey::CtrlEnter;
        h.settings.setGeneral(general);
        QVERIFY(composer->ctrlEnterSends());
        composer->setFocus();
        QTest::keyClicks(composer, QStringLiteral("line one"));
        QTest::keyClick(composer, Qt::Key_Return);
        QTest::keyClicks(composer, QStringLiteral("line two"));
        QCOMPARE(composer->toPlainText(), QStringLiteral("line one\nline two"));
        QCOMPARE(chatRequests(h.server).size(), qsizetype(1));
        QTest::keyClick(composer, Qt::Key_Return, Qt::ControlModifier);
        QTRY_COMPARE_WITH_TIMEOUT(chatRequests(h.server).size(), qsizetype(2), 10000);
        QCOMPARE(messagesOf(chatRequests(h.server).last()).last().toObject(),
                 message(QStringLiteral("user"), QStringLiteral("line one\nline two")));
        QVERIFY(composer->toPlainText().isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(!h.window->isTurnActive(), 10000);
    }

    void noProviderGivesAHumanNotice()
    {
        Harness h(m_home->path());
        core::ProviderEntry entry;
        entry.id = QStringLiteral("remote");
        entry.name = QStringLiteral("Remote");
        entry.kind = QStringLiteral("openai");
        entry.baseUrl = QStringLiteral("https://api.example.invalid/v1");
        entry.models = {core::ModelEntry{QStringLiteral("remote-model"), {}, true, -1}};
        QCOMPARE(h.settings.saveProvider(entry), QString());
        QVERIFY(QTest::qWaitForWindowExposed(h.window.get()));
        QVERIFY(!h.windowSettings()->onboarding()->isVisible());

        const core::Resolution resolution =
            h.settings.resolve(h.controller()->conversationSettings());
        QVERIFY(!resolution.chat.has_value());
        QVERIFY(resolution.error.contains(QStringLiteral("Remote")));
        QVERIFY(resolution.error.contains(QStringLiteral("API key")));

        QSignalSpy started(h.window.get(), &ui::MainWindow::startTurnRequested);
        ui::Composer* composer = h.window->composer();
        composer->setFocus();
        QTest::keyClicks(composer, QStringLiteral("Is anyone there?"));
        QTest::keyClick(composer, Qt::Key_Return);

        // The text stays for a second try; the status line says what is missing and where.
        QCOMPARE(composer->toPlainText(), QStringLiteral("Is anyone there?"));
        QCOMPARE(h.window->statusLine()->fullText(), resolution.error);
        QVERIFY(h.window->statusLine()->isVisible());
        QCOMPARE(started.count(), 0);
        QVERIFY(!h.window->isTurnActive());
        QCOMPARE(h.controller()->messageCount(), 0);
        QCOMPARE(h.server.requestCount(), 0);
    }

private:
    std::unique_ptr<QTemporaryDir> m_home;
};

QTEST_MAIN(SettingsChatTest)
#include "SettingsChatTest.moc"
