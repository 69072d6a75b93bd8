// UI tests of the assistants page against a real core::Settings on a real SettingsThread in a
// temporary profile: the shipped assistants are listed; New, edit (name, system prompt, model),
// Duplicate and Delete (confirmed inline) each show in Settings::assistants() and, after the
// writer flushed, in assistants.json.
#include "ui/settings/AssistantsPage.h"

#include "core/settings/Settings.h"
#include "core/settings/SettingsThread.h"
#include "core/settings/SettingsWriter.h"
#include "ui/ChatParametersEditor.h"
#include "ui/ModelPicker.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace keel;
using namespace Qt::StringLiterals;

namespace {

template <typename T>
T* child(QWidget* parent, const QString& name)
{
    T* found = parent->findChild<T*>(name);
    if (!found)
        qWarning("no child %s", qPrintable(name));
    return found;
}

} // namespace

class AssistantsPageTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void builtInsListed();
    void createAndEdit();
    void duplicate();
    void deleteConfirmedInline();
    void emptyNameIsNotSaved();
    void followsOutsideChanges();
    void persistedAfterFlush();

private:
    // New, then edits (name "Poet", a system prompt, the model); *id: the new assistant's.
    void createPoet(QString* id);
    void flush();
    QListWidget* list() { return child<QListWidget>(m_page.get(), u"assistantList"_s); }
    QStringList listedNames()
    {
        QStringList names;
        for (int i = 0; i < list()->count(); ++i)
            names << list()->item(i)->text();
        return names;
    }
    QStringList storedNames()
    {
        QStringList names;
        for (const core::Assistant& a : m_settings->assistants())
            names << a.name;
        return names;
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    core::SettingsPaths m_paths;
    std::unique_ptr<core::SettingsThread> m_thread;
    std::unique_ptr<core::Settings> m_settings;
    std::unique_ptr<ui::AssistantsPage> m_page;
};

void AssistantsPageTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    qputenv("XDG_CONFIG_HOME", m_dir->filePath(u"config"_s).toUtf8());
    qputenv("XDG_DATA_HOME", m_dir->filePath(u"data"_s).toUtf8());
    m_paths.configDir = m_dir->filePath(u"config/keel"_s);
    m_thread = std::make_unique<core::SettingsThread>(
        m_paths, core::SecretStore::serviceNameFor(m_dir->path()));
    m_thread->start();
    m_settings = std::make_unique<core::Settings>(m_paths, m_thread->writer(), m_thread->secrets());
    m_settings->load();

    core::ProviderEntry provider;
    provider.id = u"local"_s;
    provider.name = u"Local"_s;
    provider.kind = u"anthropic"_s;
    provider.baseUrl = u"http://127.0.0.1:9"_s;
    core::ModelEntry model;
    model.id = u"claude-test"_s;
    provider.models = {model};
    QCOMPARE(m_settings->saveProvider(provider), QString());

    m_page = std::make_unique<ui::AssistantsPage>(m_settings.get());
    m_page->resize(800, 600);
    m_page->show();
}

void AssistantsPageTest::cleanup()
{
    m_page.reset();
    m_settings.reset();
    if (m_thread)
        m_thread->stop();
    m_thread.reset();
    m_dir.reset();
}

void AssistantsPageTest::flush()
{
    QObject context;
    bool flushed = false;
    QObject::connect(
        m_thread->writer(), &core::SettingsWriter::flushed, &context,
        [&](const QString& tag) { flushed = flushed || tag == u"assistants-test"_s; },
        Qt::QueuedConnection);
    core::SettingsWriter* writer = m_thread->writer();
    QMetaObject::invokeMethod(
        writer, [writer] { writer->flush(u"assistants-test"_s); }, Qt::QueuedConnection);
    QTRY_VERIFY(flushed);
}

void AssistantsPageTest::builtInsListed()
{
    const QList<core::Assistant> builtIns = core::builtInAssistants();
    QVERIFY(!builtIns.isEmpty());
    QCOMPARE(m_settings->assistants(), builtIns);
    QStringList names;
    for (const core::Assistant& a : builtIns)
        names << a.name;
    QCOMPARE(listedNames(), names);

    // The first one is in the editor.
    QCOMPARE(m_page->currentId(), builtIns.first().id);
    QCOMPARE(child<QLineEdit>(m_page.get(), u"assistantName"_s)->text(), builtIns.first().name);
    // Selecting another shows it.
    list()->setCurrentRow(1);
    QCOMPARE(m_page->currentId(), builtIns.at(1).id);
    QCOMPARE(child<QLineEdit>(m_page.get(), u"assistantDescription"_s)->text(),
             builtIns.at(1).description);
    const auto* editor = child<ui::ChatParametersEditor>(m_page.get(), u"assistantParameters"_s);
    QCOMPARE(editor->parameters(), builtIns.at(1).parameters);
}

void AssistantsPageTest::createPoet(QString* id)
{
    const int before = int(m_settings->assistants().size());
    QTest::mouseClick(child<QPushButton>(m_page.get(), u"newAssistant"_s), Qt::LeftButton);
    QCOMPARE(int(m_settings->assistants().size()), before + 1);
    *id = m_page->currentId();
    QVERIFY(!id->isEmpty());
    QCOMPARE(m_settings->assistants().last().id, *id);

    auto* name = child<QLineEdit>(m_page.get(), u"assistantName"_s);
    QTRY_VERIFY_WITH_TIMEOUT(name->hasFocus(), 2000);
    name->selectAll();
    QTest::keyClicks(name, u"Poet"_s);

    child<QCheckBox>(m_page.get(), u"systemPromptOverride"_s)->click();
    auto* prompt = child<QPlainTextEdit>(m_page.get(), u"systemPrompt"_s);
    prompt->selectAll();
    QTest::keyClicks(prompt, u"Answer in verse."_s);

    auto* picker = child<ui::ModelPicker>(m_page.get(), u"assistantModel"_s);
    picker->showPopup();
    auto* search = picker->popup()->findChild<QLineEdit*>(u"modelSearch"_s);
    QTest::keyClicks(search, u"claude-test"_s);
    QTest::keyClick(search, Qt::Key_Return);
}

void AssistantsPageTest::createAndEdit()
{
    QString id;
    createPoet(&id);
    if (QTest::currentTestFailed())
        return;
    QTRY_COMPARE(m_settings->assistant(id)->name, u"Poet"_s);
    QTRY_COMPARE(m_settings->assistant(id)->model, (core::ModelRef{u"local"_s, u"claude-test"_s}));
    QCOMPARE(m_settings->assistant(id)->parameters.systemPrompt,
             std::optional<QString>(u"Answer in verse."_s));
    QCOMPARE(list()->currentItem()->text(), u"Poet"_s);
    // The model's provider is an Anthropic one: thinking budget, no reasoning effort.
    QVERIFY(child<QWidget>(m_page.get(), u"thinkingBudget"_s)->isVisible());
    QVERIFY(!child<QWidget>(m_page.get(), u"reasoningEffort"_s)->isVisible());

    // Moving to another assistant and back shows what was saved.
    list()->setCurrentRow(0);
    list()->setCurrentRow(list()->count() - 1);
    QCOMPARE(m_page->currentId(), id);
    QCOMPARE(child<QLineEdit>(m_page.get(), u"assistantName"_s)->text(), u"Poet"_s);
    QCOMPARE(child<QPlainTextEdit>(m_page.get(), u"systemPrompt"_s)->toPlainText(),
             u"Answer in verse."_s);
    QCOMPARE(child<ui::ModelPicker>(m_page.get(), u"assistantModel"_s)->current(),
             (core::ModelRef{u"local"_s, u"claude-test"_s}));
}

void AssistantsPageTest::duplicate()
{
    QString id;
    createPoet(&id);
    if (QTest::currentTestFailed())
        return;
    m_page->commit();
    const int before = int(m_settings->assistants().size());
    QTest::mouseClick(child<QPushButton>(m_page.get(), u"duplicateAssistant"_s), Qt::LeftButton);
    QCOMPARE(int(m_settings->assistants().size()), before + 1);
    const QString copyId = m_page->currentId();
    QVERIFY(copyId != id);
    const auto copy = m_settings->assistant(copyId);
    QVERIFY(copy);
    QCOMPARE(copy->name, u"Poet (copy)"_s);
    QCOMPARE(copy->parameters, m_settings->assistant(id)->parameters);
    QCOMPARE(copy->model, m_settings->assistant(id)->model);
    QVERIFY(listedNames().contains(u"Poet (copy)"_s));
    QCOMPARE(list()->currentItem()->text(), u"Poet (copy)"_s);
    QCOMPARE(child<QLineEdit>(m_page.get(), u"assistantName"_s)->text(), u"Poet (copy)"_s);
}

void AssistantsPageTest::deleteConfirmedInline()
{
    QString id;
    createPoet(&id);
    if (QTest::currentTestFailed())
        return;
    m_page->commit();
    auto* confirmation = child<QWidget>(m_page.get(), u"deleteConfirmation"_s);
    QVERIFY(!confirmation->isVisible());

    // Delete asks first, inline; Cancel keeps it.
    QTest::mouseClick(child<QPushButton>(m_page.get(), u"deleteAssistant"_s), Qt::LeftButton);
    QVERIFY(confirmation->isVisible());
    QVERIFY(m_settings->assistant(id).has_value());
    QTest::mouseClick(child<QPushButton>(m_page.get(), u"cancelDelete"_s), Qt::LeftButton);
    QVERIFY(!confirmation->isVisible());
    QVERIFY(m_settings->assistant(id).has_value());

    // Confirmed: gone, and the neighbour is selected.
    const int before = int(m_settings->assistants().size());
    QTest::mouseClick(child<QPushButton>(m_page.get(), u"deleteAssistant"_s), Qt::LeftButton);
    QTest::mouseClick(child<QPushButton>(m_page.get(), u"confirmDelete"_s), Qt::LeftButton);
    QCOMPARE(int(m_settings->assistants().size()), before - 1);
    QVERIFY(!m_settings->assistant(id).has_value());
    QVERIFY(!listedNames().contains(u"Poet"_s));
    QCOMPARE(m_page->currentId(), m_settings->assistants().last().id);
    QCOMPARE(list()->currentRow(), list()->count() - 1);

    // Deleting every assistant leaves an empty page that says what to do.
    while (!m_settings->assistants().isEmpty()) {
        QTest::mouseClick(child<QPushButton>(m_page.get(), u"deleteAssistant"_s), Qt::LeftButton);
        QTest::mouseClick(child<QPushButton>(m_page.get(), u"confirmDelete"_s), Qt::LeftButton);
    }
    QCOMPARE(list()->count(), 0);
    QVERIFY(m_page->currentId().isEmpty());
    QVERIFY(child<QLabel>(m_page.get(), u"assistantsEmpty"_s)->isVisible());
    QVERIFY(!child<QPushButton>(m_page.get(), u"deleteAssistant"_s)->isEnabled());
}

void AssistantsPageTest::emptyNameIsNotSaved()
{
    const QString id = m_page->currentId();
    const QString name = m_settings->assistant(id)->name;
    auto* field = child<QLineEdit>(m_page.get(), u"assistantName"_s);
    field->setFocus();
    field->selectAll();
    QTest::keyClick(field, Qt::Key_Delete);
    QVERIFY(child<QLabel>(m_page.get(), u"assistantNameError"_s)->isVisible());
    m_page->commit();
    QCOMPARE(m_settings->assistant(id)->name, name);

    QTest::keyClicks(field, u"Renamed"_s);
    QVERIFY(!child<QLabel>(m_page.get(), u"assistantNameError"_s)->isVisible());
    QTRY_COMPARE(m_settings->assistant(id)->name, u"Renamed"_s);
}

void AssistantsPageTest::followsOutsideChanges()
{
    core::Assistant added;
    added.name = u"From elsewhere"_s;
    const core::Assistant stored = m_settings->saveAssistant(added);
    QVERIFY(listedNames().contains(u"From elsewhere"_s));

    // The assistant in the editor changed elsewhere: the editor shows it.
    core::Assistant current = *m_settings->assistant(m_page->currentId());
    current.description = u"Changed outside"_s;
    m_settings->saveAssistant(current);
    QCOMPARE(child<QLineEdit>(m_page.get(), u"assistantDescription"_s)->text(),
             u"Changed outside"_s);

    m_settings->removeAssistant(stored.id);
    QVERIFY(!listedNames().contains(u"From elsewhere"_s));
}

void AssistantsPageTest::persistedAfterFlush()
{
    QString id;
    createPoet(&id);
    if (QTest::currentTestFailed())
        return;
    QTRY_COMPARE(m_settings->assistant(id)->name, u"Poet"_s);
    QTRY_COMPARE(m_settings->assistant(id)->model, (core::ModelRef{u"local"_s, u"claude-test"_s}));
    QTest::mouseClick(child<QPushButton>(m_page.get(), u"duplicateAssistant"_s), Qt::LeftButton);
    list()->setCurrentRow(0);
    const QString removed = m_page->currentId();
    QTest::mouseClick(child<QPushButton>(m_page.get(), u"deleteAssistant"_s), Qt::LeftButton);
    QTest::mouseClick(child<QPushButton>(m_page.get(), u"confirmDelete"_s), Qt::LeftButton);
    QVERIFY(!m_settings->assistant(removed));

    flush();
    // What a restart would read: exactly what Settings holds (saves may be coalesced, so the
    // file is polled until the last one landed).
    QTRY_COMPARE(core::loadAssistants(m_paths.assistantsFile()).value, m_settings->assistants());
    const QList<core::Assistant> onDisk = core::loadAssistants(m_paths.assistantsFile()).value;
    QStringList names;
    for (const core::Assistant& a : onDisk)
        names << a.name;
    QVERIFY(names.contains(u"Poet"_s));
    QVERIFY(names.contains(u"Poet (copy)"_s));
    QCOMPARE(names, storedNames());
}

QTEST_MAIN(AssistantsPageTest)
#include "AssistantsPageTest.moc"
