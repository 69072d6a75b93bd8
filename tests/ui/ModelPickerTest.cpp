// UI tests of the model picker against a real core::Settings (no writer, no secrets): the
// popup lists the enabled models of the enabled providers grouped by provider, filters as the
// user types, picks with the keyboard, follows providersChanged, and the button names the
// current (or default) model.
#include "ui/ModelPicker.h"

#include "core/settings/Settings.h"
#include "ui/ModelPickerPopup.h"

#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace keel;
using namespace Qt::StringLiterals;
using Popup = ui::ModelPickerPopup;

namespace {

core::ModelEntry model(const QString& id, const QString& displayName = {}, bool enabled = true)
{
    core::ModelEntry entry;
    entry.id = id;
    entry.displayName = displayName;
    entry.enabled = enabled;
    return entry;
}

core::ProviderEntry provider(const QString& id, const QString& name, const QString& kind,
                             QList<core::ModelEntry> models)
{
    core::ProviderEntry entry;
    entry.id = id;
    entry.name = name;
    entry.kind = kind;
    entry.baseUrl = u"http://127.0.0.1:9"_s;
    entry.models = std::move(models);
    return entry;
}

struct Row {
    Popup::RowKind kind;
    QString text;
    core::ModelRef ref;
    bool hidden;
};

QList<Row> rows(const ui::ModelPicker& picker)
{
    const auto* list = picker.popup()->findChild<QListWidget*>(u"modelList"_s);
    QList<Row> out;
    for (int i = 0; i < list->count(); ++i) {
        const QListWidgetItem* item = list->item(i);
        out.append({Popup::RowKind(item->data(Popup::RowKindRole).toInt()),
                    item->text(),
                    {item->data(Popup::ProviderIdRole).toString(),
                     item->data(Popup::ModelIdRole).toString()},
                    item->isHidden()});
    }
    return out;
}

QStringList visibleTexts(const ui::ModelPicker& picker)
{
    QStringList out;
    for (const Row& row : rows(picker)) {
        if (!row.hidden)
            out << (row.kind == Popup::RowKind::Header ? u"# "_s + row.text : row.text);
    }
    return out;
}

} // namespace

class ModelPickerTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void listsEnabledModelsGrouped();
    void typingFilters();
    void enterPicksFilteredRow();
    void arrowsSkipHeaders();
    void escapeCloses();
    void clickPicks();
    void currentIsChecked();
    void followsProvidersChanged();
    void setCurrentShowsName();
    void defaultChoiceEntry();
    void noModels();

private:
    ui::ModelPicker* makePicker();
    QLineEdit* search(ui::ModelPicker* picker)
    {
        return picker->popup()->findChild<QLineEdit*>(u"modelSearch"_s);
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<core::Settings> m_settings;
    std::unique_ptr<QWidget> m_window;
};

void ModelPickerTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    qputenv("XDG_CONFIG_HOME", m_dir->filePath(u"config"_s).toUtf8());
    qputenv("XDG_DATA_HOME", m_dir->filePath(u"data"_s).toUtf8());
    core::SettingsPaths paths;
    paths.configDir = m_dir->filePath(u"config/keel"_s);
    m_settings = std::make_unique<core::Settings>(paths, nullptr, nullptr);
    m_settings->load();

    QCOMPARE(m_settings->saveProvider(
                 provider(u"openai"_s, u"OpenAI"_s, u"openai"_s,
                          {model(u"gpt-4o"_s), model(u"gpt-4o-mini"_s, u"GPT-4o mini"_s),
                           model(u"o3"_s, {}, false)})),
             QString());
    QCOMPARE(m_settings->saveProvider(provider(
                 u"anthropic"_s, u"Anthropic"_s, u"anthropic"_s,
                 {model(u"claude-sonnet-4-5"_s, u"Claude Sonnet"_s), model(u"claude-haiku"_s)})),
             QString());
    core::ProviderEntry off =
        provider(u"off"_s, u"Switched off"_s, u"openai"_s, {model(u"hidden-model"_s)});
    off.enabled = false;
    QCOMPARE(m_settings->saveProvider(off), QString());
    // A provider given on the command line is listed like the others.
    m_settings->addTransientProvider(
        provider(u"cli"_s, u"Command line"_s, u"ollama"_s, {model(u"llama3"_s)}), QString());

    m_window = std::make_unique<QWidget>();
    m_window->resize(500, 400);
}

void ModelPickerTest::cleanup()
{
    m_window.reset();
    m_settings.reset();
    m_dir.reset();
}

ui::ModelPicker* ModelPickerTest::makePicker()
{
    auto* picker = new ui::ModelPicker(m_settings.get(), m_window.get());
    picker->move(10, 10);
    m_window->show();
    return picker;
}

void ModelPickerTest::listsEnabledModelsGrouped()
{
    auto* picker = makePicker();
    picker->showPopup();
    QVERIFY(picker->popup()->isVisible());
    const QStringList expected = {u"# OpenAI"_s,       u"gpt-4o"_s,        u"GPT-4o mini"_s,
                                  u"# Anthropic"_s,    u"Claude Sonnet"_s, u"claude-haiku"_s,
                                  u"# Command line"_s, u"llama3"_s};
    QCOMPARE(visibleTexts(*picker), expected);
    // Disabled models and the models of disabled providers are not there at all.
    for (const Row& row : rows(*picker)) {
        QVERIFY(row.ref.model != u"o3"_s);
        QVERIFY(row.ref.providerId != u"off"_s);
    }
    // The search field has the keyboard.
    QTRY_VERIFY(search(picker)->hasFocus());
}

void ModelPickerTest::typingFilters()
{
    auto* picker = makePicker();
    picker->showPopup();
    QLineEdit* field = search(picker);

    QTest::keyClicks(field, u"MINI"_s);
    QCOMPARE(visibleTexts(*picker), (QStringList{u"# OpenAI"_s, u"GPT-4o mini"_s}));

    // The provider's name and the model id match too; every word must match.
    field->clear();
    QTest::keyClicks(field, u"anthropic haiku"_s);
    QCOMPARE(visibleTexts(*picker), (QStringList{u"# Anthropic"_s, u"claude-haiku"_s}));
    field->clear();
    QTest::keyClicks(field, u"sonnet-4"_s); // the id of "Claude Sonnet"
    QCOMPARE(visibleTexts(*picker), (QStringList{u"# Anthropic"_s, u"Claude Sonnet"_s}));

    field->clear();
    QTest::keyClicks(field, u"nothing like this"_s);
    QVERIFY(visibleTexts(*picker).isEmpty());
    auto* empty = picker->popup()->findChild<QLabel*>(u"modelPickerEmpty"_s);
    QVERIFY(empty->isVisible());
    QVERIFY(empty->text().contains(u"nothing like this"_s));

    field->clear();
    QCOMPARE(visibleTexts(*picker).size(), 8);
    QVERIFY(!empty->isVisible());
}

void ModelPickerTest::enterPicksFilteredRow()
{
    auto* picker = makePicker();
    QSignalSpy chosen(picker, &ui::ModelPicker::modelChosen);
    picker->showPopup();
    QTest::keyClicks(search(picker), u"claude"_s);
    QTest::keyClick(search(picker), Qt::Key_Down); // the first match is current; one down
    QTest::keyClick(search(picker), Qt::Key_Return);

    QCOMPARE(chosen.count(), 1);
    const core::ModelRef expected{u"anthropic"_s, u"claude-haiku"_s};
    QCOMPARE(chosen.at(0).at(0).value<core::ModelRef>(), expected);
    QCOMPARE(picker->current(), expected);
    QCOMPARE(picker->text(), u"Anthropic · claude-haiku"_s);
    QTRY_VERIFY(!picker->popup()->isVisible());

    // Filter to exactly one row: Enter takes it.
    picker->showPopup();
    QTest::keyClicks(search(picker), u"llama"_s);
    QTest::keyClick(search(picker), Qt::Key_Enter);
    QCOMPARE(chosen.count(), 2);
    QCOMPARE(chosen.at(1).at(0).value<core::ModelRef>(), (core::ModelRef{u"cli"_s, u"llama3"_s}));
}

void ModelPickerTest::arrowsSkipHeaders()
{
    auto* picker = makePicker();
    picker->setCurrent({u"openai"_s, u"gpt-4o-mini"_s});
    picker->showPopup();
    auto* list = picker->popup()->findChild<QListWidget*>(u"modelList"_s);
    QCOMPARE(list->currentItem()->text(), u"GPT-4o mini"_s); // opens on the current model
    QTest::keyClick(search(picker), Qt::Key_Down);
    QCOMPARE(list->currentItem()->text(), u"Claude Sonnet"_s); // past the "Anthropic" header
    QTest::keyClick(search(picker), Qt::Key_Up);
    QTest::keyClick(search(picker), Qt::Key_Up);
    QCOMPARE(list->currentItem()->text(), u"gpt-4o"_s);
    QTest::keyClick(search(picker), Qt::Key_Up); // at the top: stays
    QCOMPARE(list->currentItem()->text(), u"gpt-4o"_s);
}

void ModelPickerTest::escapeCloses()
{
    auto* picker = makePicker();
    QSignalSpy chosen(picker, &ui::ModelPicker::modelChosen);
    picker->showPopup();
    QVERIFY(picker->popup()->isVisible());
    QTest::keyClick(search(picker), Qt::Key_Escape);
    QTRY_VERIFY(!picker->popup()->isVisible());
    QCOMPARE(chosen.count(), 0);
}

void ModelPickerTest::clickPicks()
{
    auto* picker = makePicker();
    QSignalSpy chosen(picker, &ui::ModelPicker::modelChosen);
    QTest::mouseClick(picker, Qt::LeftButton);
    QTRY_VERIFY(picker->popup()->isVisible());
    auto* list = picker->popup()->findChild<QListWidget*>(u"modelList"_s);
    QListWidgetItem* target = list->findItems(u"gpt-4o"_s, Qt::MatchExactly).value(0);
    QVERIFY(target);
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualItemRect(target).center());
    QCOMPARE(chosen.count(), 1);
    QCOMPARE(chosen.at(0).at(0).value<core::ModelRef>(),
             (core::ModelRef{u"openai"_s, u"gpt-4o"_s}));

    // A header is not a choice.
    picker->showPopup();
    QListWidgetItem* header = list->item(0);
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualItemRect(header).center());
    QCOMPARE(chosen.count(), 1);
}

void ModelPickerTest::currentIsChecked()
{
    auto* picker = makePicker();
    picker->setCurrent({u"anthropic"_s, u"claude-sonnet-4-5"_s});
    auto* list = picker->popup()->findChild<QListWidget*>(u"modelList"_s);
    int checked = 0;
    for (int i = 0; i < list->count(); ++i) {
        if (list->item(i)->data(Popup::CurrentRole).toBool()) {
            ++checked;
            QCOMPARE(list->item(i)->text(), u"Claude Sonnet"_s);
        }
    }
    QCOMPARE(checked, 1);
}

void ModelPickerTest::followsProvidersChanged()
{
    auto* picker = makePicker();
    picker->setCurrent({u"anthropic"_s, u"claude-haiku"_s});
    QCOMPARE(picker->text(), u"Anthropic · claude-haiku"_s);

    // A new provider with models appears; a renamed one is renamed.
    QCOMPARE(m_settings->saveProvider(
                 provider(u"local"_s, u"Local server"_s, u"openai"_s, {model(u"qwen"_s)})),
             QString());
    core::ProviderEntry anthropic = *m_settings->provider(u"anthropic"_s);
    anthropic.name = u"Claude"_s;
    QCOMPARE(m_settings->saveProvider(anthropic), QString());
    QVERIFY(visibleTexts(*picker).contains(u"# Local server"_s));
    QVERIFY(visibleTexts(*picker).contains(u"qwen"_s));
    QVERIFY(visibleTexts(*picker).contains(u"# Claude"_s));
    QCOMPARE(picker->text(), u"Claude · claude-haiku"_s);

    // Disabling the provider takes its models away and marks the current choice unavailable.
    anthropic.enabled = false;
    QCOMPARE(m_settings->saveProvider(anthropic), QString());
    QVERIFY(!visibleTexts(*picker).contains(u"claude-haiku"_s));
    QVERIFY(picker->text().contains(u"unavailable"_s));

    m_settings->removeProvider(u"local"_s);
    QVERIFY(!visibleTexts(*picker).contains(u"qwen"_s));
}

void ModelPickerTest::setCurrentShowsName()
{
    auto* picker = makePicker();
    picker->setCurrent({u"openai"_s, u"gpt-4o-mini"_s});
    QCOMPARE(picker->text(), u"OpenAI · GPT-4o mini"_s);
    QCOMPARE(picker->current(), (core::ModelRef{u"openai"_s, u"gpt-4o-mini"_s}));

    // Empty: the default model, named as such.
    picker->setCurrent({});
    QVERIFY(picker->current().isEmpty());
    // (the first enabled model of the first enabled provider)
    QCOMPARE(m_settings->defaultModel(), (core::ModelRef{u"openai"_s, u"gpt-4o"_s}));
    QCOMPARE(picker->text(), u"Default (OpenAI · gpt-4o)"_s);

    // The app's default model changes: the text follows.
    core::GeneralSettings general = m_settings->general();
    general.defaultModel = {u"anthropic"_s, u"claude-sonnet-4-5"_s};
    m_settings->setGeneral(general);
    QCOMPARE(picker->text(), u"Default (Anthropic · Claude Sonnet)"_s);
    QVERIFY(!picker->toolTip().isEmpty());
    QVERIFY(!picker->accessibleName().isEmpty());
}

void ModelPickerTest::defaultChoiceEntry()
{
    auto* picker = makePicker();
    picker->setDefaultChoice(u"Default model"_s);
    picker->setCurrent({u"openai"_s, u"gpt-4o"_s});
    QSignalSpy chosen(picker, &ui::ModelPicker::modelChosen);
    picker->showPopup();
    const QList<Row> all = rows(*picker);
    QCOMPARE(all.first().kind, Popup::RowKind::Default);
    QVERIFY(all.first().text.startsWith(u"Default model"_s));

    QTest::keyClicks(search(picker), u"default"_s);
    QTest::keyClick(search(picker), Qt::Key_Return);
    QCOMPARE(chosen.count(), 1);
    QVERIFY(chosen.at(0).at(0).value<core::ModelRef>().isEmpty());
    QVERIFY(picker->current().isEmpty());
    QVERIFY2(picker->text().startsWith(u"Default model ("_s), qPrintable(picker->text()));
}

void ModelPickerTest::noModels()
{
    for (const QString& id : {u"openai"_s, u"anthropic"_s, u"off"_s, u"cli"_s})
        m_settings->removeProvider(id);
    auto* picker = makePicker();
    QCOMPARE(picker->text(), u"No model configured"_s);
    picker->showPopup();
    auto* empty = picker->popup()->findChild<QLabel*>(u"modelPickerEmpty"_s);
    QVERIFY(empty->isVisible());
    QVERIFY(empty->text().contains(u"Settings"_s));
}

QTEST_MAIN(ModelPickerTest)
#include "ModelPickerTest.moc"
