// UI tests of the chat parameters: the editor in Defaults mode (every field round-trips) and
// Overrides mode (only overridden fields come back, differing ones are marked, reset drops
// them), the provider kind's reasoning controls, the conversation's override panel (its
// "differs from" line and reset), and the chat defaults page writing the settings.
#include "core/settings/Settings.h"
#include "ui/ChatParametersEditor.h"
#include "ui/ConversationSettingsPanel.h"
#include "ui/ModelPicker.h"
#include "ui/settings/ChatDefaultsPage.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include <memory>

using namespace keel;
using namespace Qt::StringLiterals;
using Editor = ui::ChatParametersEditor;

namespace {

template <typename T>
T* child(QWidget* parent, const QString& name)
{
    T* found = parent->findChild<T*>(name);
    if (!found)
        qWarning("no child %s", qPrintable(name));
    return found;
}

core::ChatParameters fullParameters()
{
    core::ChatParameters p;
    p.systemPrompt = u"You are terse."_s;
    p.temperature = 0.7;
    p.topP = 0.9;
    p.maxTokens = 2048;
    p.reasoningEffort = u"high"_s;
    p.thinkingBudgetTokens = 4096;
    p.stream = false;
    return p;
}

} // namespace

class ChatParametersTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void defaultsModeRoundTrip();
    void defaultsModeProviderDefault();
    void defaultsModeEditsEmit();
    void overridesModeReturnsOnlyOverridden();
    void overridesModeShowsDefaultsGreyed();
    void overridesModeMarksDifferences();
    void overridesModeReset();
    void providerKindShowsReasoningControls();
    void panelDifferencesText();
    void panelResetToDefaults();
    void panelFollowsDefaults();
    void chatDefaultsPageWritesSettings();
    void chatDefaultsPageDefaultModel();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<core::Settings> m_settings;
};

void ChatParametersTest::initTestCase()
{
    QVERIFY(qEnvironmentVariableIsSet("QT_QPA_PLATFORM"));
}

void ChatParametersTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    qputenv("XDG_CONFIG_HOME", m_dir->filePath(u"config"_s).toUtf8());
    qputenv("XDG_DATA_HOME", m_dir->filePath(u"data"_s).toUtf8());
    core::SettingsPaths paths;
    paths.configDir = m_dir->filePath(u"config/keel"_s);
    m_settings = std::make_unique<core::Settings>(paths, nullptr, nullptr);
    m_settings->load();
}

void ChatParametersTest::cleanup()
{
    m_settings.reset();
    m_dir.reset();
}

void ChatParametersTest::defaultsModeRoundTrip()
{
    Editor editor(Editor::Mode::Defaults);
    const core::ChatParameters p = fullParameters();
    editor.setParameters(p);
    QCOMPARE(editor.parameters(), p);
    QCOMPARE(child<QPlainTextEdit>(&editor, u"systemPrompt"_s)->toPlainText(), u"You are terse."_s);
    QCOMPARE(child<QDoubleSpinBox>(&editor, u"temperature"_s)->value(), 0.7);
    QCOMPARE(child<QComboBox>(&editor, u"reasoningEffort"_s)->currentData().toString(), u"high"_s);
    QVERIFY(!child<QCheckBox>(&editor, u"stream"_s)->isChecked());

    // The built-in defaults come back as they went in (numbers left to the provider).
    editor.setParameters(core::ChatParameters::builtInDefaults());
    QCOMPARE(editor.parameters(), core::ChatParameters::builtInDefaults());
    // Defaults mode has no override boxes.
    QVERIFY(!editor.findChild<QCheckBox*>(u"temperatureOverride"_s));
}

void ChatParametersTest::defaultsModeProviderDefault()
{
    Editor editor(Editor::Mode::Defaults);
    editor.show();
    editor.setParameters(core::ChatParameters::builtInDefaults());
    auto* providerDefault = child<QCheckBox>(&editor, u"temperatureProviderDefault"_s);
    auto* temperature = child<QDoubleSpinBox>(&editor, u"temperature"_s);
    QVERIFY(providerDefault->isChecked());
    QVERIFY(!temperature->isEnabled());
    QVERIFY(!editor.parameters().temperature.has_value());

    providerDefault->click();
    QVERIFY(temperature->isEnabled());
    temperature->setValue(0.3);
    QCOMPARE(editor.parameters().temperature, std::optional<double>(0.3));

    providerDefault->click();
    QVERIFY(!editor.parameters().temperature.has_value());
}

void ChatParametersTest::defaultsModeEditsEmit()
{
    Editor editor(Editor::Mode::Defaults);
    QSignalSpy edited(&editor, &Editor::edited);
    editor.setParameters(fullParameters());
    QCOMPARE(edited.count(), 0); // programmatic changes are not edits

    auto* prompt = child<QPlainTextEdit>(&editor, u"systemPrompt"_s);
    prompt->setFocus();
    QTest::keyClick(prompt, Qt::Key_End, Qt::ControlModifier);
    QTest::keyClicks(prompt, u" Always."_s);
    QVERIFY(edited.count() > 0);
    QCOMPARE(editor.parameters().systemPrompt, std::optional<QString>(u"You are terse. Always."_s));

    edited.clear();
    child<QCheckBox>(&editor, u"stream"_s)->click();
    QCOMPARE(edited.count(), 1);
    QCOMPARE(editor.parameters().stream, std::optional<bool>(true));
}

void ChatParametersTest::overridesModeReturnsOnlyOverridden()
{
    Editor editor(Editor::Mode::Overrides);
    editor.show();
    editor.setDefaults(fullParameters());
    QVERIFY(editor.parameters().isEmpty());

    core::ChatParameters overrides;
    overrides.temperature = 1.2;
    overrides.systemPrompt = u"Speak like a pirate."_s;
    editor.setParameters(overrides);
    QCOMPARE(editor.parameters(), overrides);
    QVERIFY(child<QCheckBox>(&editor, u"temperatureOverride"_s)->isChecked());
    QVERIFY(!child<QCheckBox>(&editor, u"topPOverride"_s)->isChecked());

    // Overriding one more field through its box: the control becomes editable.
    QSignalSpy edited(&editor, &Editor::edited);
    auto* maxTokens = child<QSpinBox>(&editor, u"maxTokens"_s);
    QVERIFY(!maxTokens->isEnabled() || !maxTokens->parentWidget()->isEnabled());
    child<QCheckBox>(&editor, u"maxTokensOverride"_s)->click();
    QCOMPARE(edited.count(), 1);
    QVERIFY(maxTokens->isEnabled() && maxTokens->parentWidget()->isEnabled());
    maxTokens->setValue(999);
    core::ChatParameters expected = overrides;
    expected.maxTokens = 999;
    QCOMPARE(editor.parameters(), expected);

    // Un-ticking drops it again.
    child<QCheckBox>(&editor, u"temperatureOverride"_s)->click();
    expected.temperature.reset();
    QCOMPARE(editor.parameters(), expected);
    QCOMPARE(child<QDoubleSpinBox>(&editor, u"temperature"_s)->value(), 0.7); // the default again
}

void ChatParametersTest::overridesModeShowsDefaultsGreyed()
{
    Editor editor(Editor::Mode::Overrides);
    editor.show();
    core::ChatParameters defaults = core::ChatParameters::builtInDefaults();
    defaults.systemPrompt = u"Default prompt"_s;
    editor.setDefaults(defaults);
    editor.setParameters({});

    auto* prompt = child<QPlainTextEdit>(&editor, u"systemPrompt"_s);
    QCOMPARE(prompt->toPlainText(), u"Default prompt"_s);
    QVERIFY(!prompt->isEnabled());
    // A default left to the provider says so instead of showing a number.
    QVERIFY(child<QCheckBox>(&editor, u"temperatureProviderDefault"_s)->isVisible());
    QVERIFY(!child<QDoubleSpinBox>(&editor, u"temperature"_s)->isVisible());

    // Overriding it gives a value to edit.
    child<QCheckBox>(&editor, u"temperatureOverride"_s)->click();
    QVERIFY(child<QDoubleSpinBox>(&editor, u"temperature"_s)->isVisible());
    QVERIFY(!child<QCheckBox>(&editor, u"temperatureProviderDefault"_s)->isVisible());
    QVERIFY(editor.parameters().temperature.has_value());

    // The defaults change: fields not overridden follow.
    defaults.systemPrompt = u"Newer prompt"_s;
    editor.setDefaults(defaults);
    QCOMPARE(prompt->toPlainText(), u"Newer prompt"_s);
}

void ChatParametersTest::overridesModeMarksDifferences()
{
    Editor editor(Editor::Mode::Overrides);
    editor.show();
    editor.setDefaults(fullParameters());
    core::ChatParameters overrides;
    overrides.temperature = 0.7; // same as the default
    overrides.topP = 0.5;        // differs
    editor.setParameters(overrides);

    auto* temperatureBox = child<QCheckBox>(&editor, u"temperatureOverride"_s);
    auto* topPBox = child<QCheckBox>(&editor, u"topPOverride"_s);
    QVERIFY(!temperatureBox->property("differs").toBool());
    QVERIFY(topPBox->property("differs").toBool());
    QVERIFY(topPBox->font().bold());
    QVERIFY(!temperatureBox->font().bold());
    QVERIFY(child<QToolButton>(&editor, u"topPReset"_s)->isVisible());
    QVERIFY(!child<QToolButton>(&editor, u"maxTokensReset"_s)->isVisible());

    child<QDoubleSpinBox>(&editor, u"temperature"_s)->setValue(1.5);
    QVERIFY(temperatureBox->property("differs").toBool());
}

void ChatParametersTest::overridesModeReset()
{
    Editor editor(Editor::Mode::Overrides);
    editor.show();
    editor.setDefaults(fullParameters());
    core::ChatParameters overrides;
    overrides.topP = 0.5;
    overrides.stream = true;
    editor.setParameters(overrides);

    // One field's reset button.
    child<QToolButton>(&editor, u"topPReset"_s)->click();
    core::ChatParameters expected;
    expected.stream = true;
    QCOMPARE(editor.parameters(), expected);
    QVERIFY(!child<QCheckBox>(&editor, u"topPOverride"_s)->isChecked());
    QCOMPARE(child<QDoubleSpinBox>(&editor, u"topP"_s)->value(), 0.9);

    // Everything.
    QSignalSpy edited(&editor, &Editor::edited);
    editor.resetToDefaults();
    QVERIFY(editor.parameters().isEmpty());
    QVERIFY(edited.count() >= 1);
    QVERIFY(!child<QCheckBox>(&editor, u"stream"_s)->isChecked()); // the default: off
}

void ChatParametersTest::providerKindShowsReasoningControls()
{
    for (const auto mode : {Editor::Mode::Defaults, Editor::Mode::Overrides}) {
        Editor editor(mode);
        editor.show();
        auto* effort = child<QComboBox>(&editor, u"reasoningEffort"_s);
        auto* budget = child<QSpinBox>(&editor, u"thinkingBudget"_s);

        editor.setProviderKind(QString());
        QVERIFY(effort->isVisible());
        QVERIFY(budget->isVisible());

        editor.setProviderKind(u"openai"_s);
        QVERIFY(effort->isVisible());
        QVERIFY(!budget->isVisible());

        editor.setProviderKind(u"anthropic"_s);
        QVERIFY(!effort->isVisible());
        QVERIFY(budget->isVisible());

        editor.setProviderKind(u"gemini"_s);
        QVERIFY(!effort->isVisible());
        QVERIFY(budget->isVisible());

        editor.setProviderKind(u"ollama"_s);
        QVERIFY(!effort->isVisible());
        QVERIFY(!budget->isVisible());
        if (mode == Editor::Mode::Overrides) {
            QVERIFY(!child<QCheckBox>(&editor, u"reasoningEffortOverride"_s)->isVisible());
            QVERIFY(!child<QCheckBox>(&editor, u"thinkingBudgetOverride"_s)->isVisible());
        }
    }

    // A hidden field keeps its value.
    Editor editor(Editor::Mode::Overrides);
    core::ChatParameters overrides;
    overrides.reasoningEffort = u"low"_s;
    editor.setParameters(overrides);
    editor.setProviderKind(u"ollama"_s);
    QCOMPARE(editor.parameters(), overrides);
}

void ChatParametersTest::panelDifferencesText()
{
    core::GeneralSettings general = m_settings->general();
    general.chatDefaults = core::ChatParameters::builtInDefaults();
    general.chatDefaults.temperature = 0.7;
    m_settings->setGeneral(general);

    ui::ConversationSettingsPanel panel(m_settings.get());
    panel.show();
    panel.setOverrides({}, u"openai"_s);
    QCOMPARE(panel.differencesText(), u"Uses the chat defaults"_s);
    QVERIFY(panel.overrides().isEmpty());

    core::ChatParameters overrides;
    overrides.temperature = 1.1;
    overrides.systemPrompt = u"Be brief."_s;
    panel.setOverrides(overrides, u"openai"_s);
    QCOMPARE(panel.overrides(), overrides);
    QVERIFY(panel.differencesText().startsWith(u"Differs from defaults: "_s));
    const QStringList names = overrides.differencesFrom(general.chatDefaults);
    QCOMPARE(names.size(), 2);
    for (const QString& name : names)
        QVERIFY2(panel.differencesText().contains(name), qPrintable(panel.differencesText()));
    QCOMPARE(child<QLabel>(&panel, u"differences"_s)->text(), panel.differencesText());

    // An edit in the panel is reported, reduced to what differs.
    QSignalSpy changed(&panel, &ui::ConversationSettingsPanel::overridesChanged);
    child<QCheckBox>(&panel, u"streamOverride"_s)->click(); // same as the default: no change
    child<QCheckBox>(&panel, u"stream"_s)->click();         // now off: differs
    QCOMPARE(changed.count(), 1);
    auto reported = changed.last().at(0).value<core::ChatParameters>();
    QCOMPARE(reported.stream, std::optional<bool>(false));
    QCOMPARE(reported.temperature, std::optional<double>(1.1));
    core::ChatParameters streamOff;
    streamOff.stream = false;
    const QString streamName = streamOff.differencesFrom(general.chatDefaults).value(0);
    QVERIFY(!streamName.isEmpty());
    QVERIFY(panel.differencesText().contains(streamName));
}

void ChatParametersTest::panelResetToDefaults()
{
    ui::ConversationSettingsPanel panel(m_settings.get());
    panel.show();
    core::ChatParameters overrides;
    overrides.topP = 0.3;
    panel.setOverrides(overrides, QString());
    auto* reset = child<QPushButton>(&panel, u"resetToDefaults"_s);
    QVERIFY(reset->isEnabled());

    QSignalSpy changed(&panel, &ui::ConversationSettingsPanel::overridesChanged);
    reset->click();
    QCOMPARE(changed.count(), 1);
    QVERIFY(changed.last().at(0).value<core::ChatParameters>().isEmpty());
    QVERIFY(panel.overrides().isEmpty());
    QCOMPARE(panel.differencesText(), u"Uses the chat defaults"_s);
    QVERIFY(!reset->isEnabled());
}

void ChatParametersTest::panelFollowsDefaults()
{
    ui::ConversationSettingsPanel panel(m_settings.get());
    panel.show();
    panel.setOverrides({}, QString());
    core::GeneralSettings general = m_settings->general();
    general.chatDefaults.systemPrompt = u"From the defaults"_s;
    m_settings->setGeneral(general);
    QCOMPARE(child<QPlainTextEdit>(&panel, u"systemPrompt"_s)->toPlainText(),
             u"From the defaults"_s);
    QCOMPARE(panel.differencesText(), u"Uses the chat defaults"_s);
}

void ChatParametersTest::chatDefaultsPageWritesSettings()
{
    auto page = std::make_unique<ui::ChatDefaultsPage>(m_settings.get());
    page->show();
    QCOMPARE(page->editor()->parameters(), m_settings->general().chatDefaults);

    QSignalSpy generalChanged(m_settings.get(), &core::Settings::generalChanged);
    auto* prompt = child<QPlainTextEdit>(page.get(), u"systemPrompt"_s);
    prompt->setFocus();
    QTest::keyClicks(prompt, u"Answer in French."_s);
    child<QCheckBox>(page.get(), u"temperatureProviderDefault"_s)->click();
    child<QDoubleSpinBox>(page.get(), u"temperature"_s)->setValue(0.4);
    child<QComboBox>(page.get(), u"reasoningEffort"_s)->setCurrentIndex(2);

    QTRY_COMPARE(m_settings->general().chatDefaults.systemPrompt,
                 std::optional<QString>(u"Answer in French."_s));
    QCOMPARE(m_settings->general().chatDefaults.temperature, std::optional<double>(0.4));
    QCOMPARE(m_settings->general().chatDefaults.reasoningEffort,
             std::optional<QString>(u"medium"_s));
    // Debounced: the keystrokes were applied together, not one by one.
    QVERIFY(generalChanged.count() < 5);

    // A change made elsewhere shows on the page.
    core::GeneralSettings general = m_settings->general();
    general.chatDefaults.topP = 0.25;
    m_settings->setGeneral(general);
    QCOMPARE(child<QDoubleSpinBox>(page.get(), u"topP"_s)->value(), 0.25);
    QVERIFY(!child<QCheckBox>(page.get(), u"topPProviderDefault"_s)->isChecked());

    // An edit still pending when the page closes is applied.
    child<QCheckBox>(page.get(), u"stream"_s)->click();
    page.reset();
    QCOMPARE(m_settings->general().chatDefaults.stream, std::optional<bool>(false));
}

void ChatParametersTest::chatDefaultsPageDefaultModel()
{
    core::ProviderEntry provider;
    provider.id = u"local"_s;
    provider.name = u"Local"_s;
    provider.kind = u"openai"_s;
    provider.baseUrl = u"http://127.0.0.1:9/v1"_s;
    provider.models = {{u"m1"_s, QString(), true, -1}, {u"m2"_s, u"Model Two"_s, true, -1}};
    QCOMPARE(m_settings->saveProvider(provider), QString());

    ui::ChatDefaultsPage page(m_settings.get());
    page.show();
    auto* picker = child<ui::ModelPicker>(&page, u"defaultModel"_s);
    QVERIFY(picker->current().isEmpty());
    QVERIFY2(picker->text().contains(u"Local · m1"_s), qPrintable(picker->text()));

    picker->showPopup();
    auto* search = picker->popup()->findChild<QLineEdit*>(u"modelSearch"_s);
    QTest::keyClicks(search, u"two"_s);
    QTest::keyClick(search, Qt::Key_Return);
    const core::ModelRef expected{u"local"_s, u"m2"_s};
    QCOMPARE(m_settings->general().defaultModel, expected);
    QCOMPARE(picker->text(), u"Local · Model Two"_s);
}

QTEST_MAIN(ChatParametersTest)
#include "ChatParametersTest.moc"
