// UI tests of export and import in the window, offscreen, with the real store thread on a
// temporary profile and the TransferController built as the app builds it. Covered: a ChatGPT
// export with branches imports through the preview and its branches are navigable with the
// real navigator buttons (must-show 3); importing again skips or replaces; the open
// conversation exports in every format; Export all cancelled from its progress dialog leaves
// no file; a truncated file is refused with line and column and nothing imported; and the GUI
// thread keeps turning while a 20 MB file is read.
#include "GuiHarness.h"
#include "core/store/ConversationTree.h"
#include "core/store/Store.h"
#include "core/transfer/ImportReadTask.h"
#include "ui/BranchNavigator.h"
#include "ui/ConversationController.h"
#include "ui/ConversationListModel.h"
#include "ui/ExportAllDialog.h"
#include "ui/ImportPreviewDialog.h"
#include "ui/MainWindow.h"
#include "ui/MessageWidget.h"
#include "ui/Sidebar.h"
#include "ui/TranscriptView.h"
#include "ui/TransferController.h"

#include <QAbstractButton>
#include <QApplication>
#include <QFile>
#include <QLabel>
#include <QListView>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QPointer>
#include <QProgressDialog>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>
#include <QToolButton>

#include <memory>
#include <nlohmann/json.hpp>

using namespace keel;
using namespace keel::test;
using namespace Qt::StringLiterals;

namespace {

constexpr int kLongMs = 30000; // shared CPUs: generous, QTRY returns as soon as it holds

QString dataFile(const QString& name)
{
    return QStringLiteral(KEEL_TEST_DATA_DIR "/transfer/") + name;
}

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeAll(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

// A ChatGPT-format export of `count` conversations, each a question and a reply of about
// `textBytes` bytes each.
QByteArray chatGptExport(int count, int textBytes)
{
    const QByteArray filler =
        QByteArray("Lorem ipsum dolor sit amet, consectetur adipiscing elit. ")
            .repeated(textBytes / 57 + 1)
            .left(textBytes);
    QByteArray out = "[";
    for (int i = 0; i < count; ++i) {
        const QByteArray n = QByteArray::number(i);
        const QByteArray time = QByteArray::number(1714000000 + i * 10);
        if (i > 0)
            out += ",";
        out += R"({"title":"Generated )" + n + R"(","create_time":)" + time + R"(,"update_time":)"
               + time + R"(,"conversation_id":"gen-)" + n + R"(","current_node":"a","mapping":{)"
               + R"("root":{"id":"root","message":null,"parent":null,"children":["u"]},)"
               + R"("u":{"id":"u","parent":"root","children":["a"],"message":{"id":"u",)"
               + R"("author":{"role":"user","metadata":{}},"create_time":)" + time
               + R"(,"content":{"content_type":"text","parts":["Question )" + n + " " + filler
               + R"("]},"status":"finished_successfully","metadata":{}}},)"
               + R"("a":{"id":"a","parent":"u","children":[],"message":{"id":"a",)"
               + R"("author":{"role":"assistant","metadata":{}},"create_time":)" + time
               + R"(,"content":{"content_type":"text","parts":["Answer )" + n + " " + filler
               + R"("]},"status":"finished_successfully","metadata":{"model_slug":"gpt-4o"}}}}})";
    }
    out += "]";
    return out;
}

QStringList transcriptTexts(const ui::MainWindow& window)
{
    QStringList texts;
    for (int i = 0; i < window.transcript()->messageCount(); ++i)
        texts << window.transcript()->messageAt(i)->text();
    return texts;
}

ui::BranchNavigator* navigatorOf(const ui::MainWindow& window, int index)
{
    ui::MessageWidget* message = window.transcript()->messageAt(index);
    return message != nullptr ? message->findChild<ui::BranchNavigator*>() : nullptr;
}

} // namespace

class TransferGuiTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { prepareGuiTestProcess(); }

    void init()
    {
        m_home = temporaryProfile();
        QVERIFY(m_home);
        m_gui = std::make_unique<GuiHarness>(m_home->path());
        // As app/GuiSession builds it.
        m_transfer = ui::installTransferController(*m_gui->window, &m_gui->store,
                                                   core::defaultDatabasePath());
        QVERIFY(m_transfer != nullptr);
        QTRY_VERIFY_WITH_TIMEOUT(!m_gui->window->sidebar()->emptyStateLabel()->text().isEmpty()
                                     || m_gui->window->sidebar()->conversationModel()->rowCount()
                                            > 0,
                                 kLongMs);
    }

    void cleanup()
    {
        m_gui.reset(); // the controller is the window's child
        m_home.reset();
    }

    void menusOfferExportAndImport()
    {
        // Settings… and its separator come first (WindowSettings), then these, then Quit.
        const QList<QAction*> file = m_gui->window->fileMenu()->actions();
        const int at = int(file.indexOf(m_transfer->exportConversationAction()));
        QVERIFY(at >= 0);
        QCOMPARE(file.size(), at + 5);
        QCOMPARE(file.at(at + 1), m_transfer->exportAllAction());
        QCOMPARE(file.at(at + 2), m_transfer->importAction());
        QVERIFY(file.at(at + 3)->isSeparator());
        QCOMPARE(file.at(at + 4)->menuRole(), QAction::QuitRole);
        QCOMPARE(m_transfer->exportConversationAction()->shortcut(),
                 QKeySequence(u"Ctrl+Shift+E"_s));
        QCOMPARE(m_transfer->importAction()->shortcut(), QKeySequence(u"Ctrl+Shift+O"_s));
        // Nothing stored is open yet.
        QVERIFY(!m_transfer->exportConversationAction()->isEnabled());
        QVERIFY(m_transfer->importAction()->isEnabled());

        // Export all asks archive or folder first, without blocking the window.
        m_transfer->exportAllAction()->trigger();
        QPointer<ui::ExportAllDialog> dialog = m_transfer->exportAllDialog();
        QVERIFY(dialog != nullptr);
        QTRY_VERIFY(dialog->isVisible());
        QCOMPARE(dialog->format(), core::ExportFormat::Json);
        for (core::ExportFormat format : {core::ExportFormat::Json, core::ExportFormat::Markdown,
                                          core::ExportFormat::Html, core::ExportFormat::Text}) {
            QVERIFY(dialog->choice(format) != nullptr);
            QVERIFY(!dialog->choice(format)->accessibleName().isEmpty());
        }
        dialog->reject();
        QVERIFY(m_transfer->exportAllDialog() == nullptr);
        QTRY_VERIFY(dialog == nullptr); // deleted on close
        QVERIFY(!m_transfer->isBusy());
    }

    // Must-show 3: a ChatGPT export with branches imports with its branches navigable.
    void chatGptBranchesAreNavigable()
    {
        const qint64 id = importBranches(core::DuplicatePolicy::Skip, 0);
        QVERIFY(id > 0);
        ui::MainWindow& window = *m_gui->window;
        ui::Sidebar* sidebar = window.sidebar();
        QTRY_VERIFY_WITH_TIMEOUT(sidebar->conversationModel()->indexOf(id).isValid(), kLongMs);
        QCOMPARE(sidebar->conversationModel()->conversation(id)->title, u"Branching trip plan"_s);
        QCOMPARE(m_transfer->lastMessage(),
                 u"Imported 1 conversation (7 messages) from ChatGPT."_s);

        // One conversation imported: it opens, on the branch current_node names.
        const QStringList current{u"Plan a day in Lisbon."_s, u"Start at Alfama."_s,
                                  u"Make it cheaper."_s, u"Take tram 28."_s};
        QTRY_COMPARE_WITH_TIMEOUT(transcriptTexts(window), current, kLongMs);
        QCOMPARE(window.controller()->conversationId(), id);
        QVERIFY(m_transfer->exportConversationAction()->isEnabled());

        // The reply is the second of two versions; the previous one is the other branch.
        ui::BranchNavigator* reply = navigatorOf(window, 1);
        QVERIFY(reply != nullptr);
        QCOMPARE(reply->text(), u"2/2"_s);
        QVERIFY(reply->previousButton()->isEnabled());
        reply->previousButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(transcriptTexts(window),
                                  QStringList({u"Plan a day in Lisbon."_s, u"Start at Belém."_s}),
                                  kLongMs);
        QCOMPARE(navigatorOf(window, 1)->text(), u"1/2"_s);

        // The first question has a sibling too: Porto, with its own reply.
        ui::BranchNavigator* question = navigatorOf(window, 0);
        QVERIFY(question != nullptr);
        QCOMPARE(question->text(), u"1/2"_s);
        QVERIFY(question->nextButton()->isEnabled());
        question->nextButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(transcriptTexts(window),
                                  QStringList({u"Plan a day in Porto."_s, u"Start at Ribeira."_s}),
                                  kLongMs);
        QCOMPARE(navigatorOf(window, 0)->text(), u"2/2"_s);
    }

    void importingAgainSkipsOrReplaces()
    {
        const qint64 first = importBranches(core::DuplicatePolicy::Skip, 0);
        QVERIFY(first > 0);
        QCOMPARE(branchingConversations(), QList<qint64>{first});

        // Again, skipping (the default): nothing written.
        const auto skipped = importThroughPreview(dataFile(u"chatgpt-branches.json"_s),
                                                  core::DuplicatePolicy::Skip, 1);
        QVERIFY(!QTest::currentTestFailed());
        QCOMPARE(skipped.imported, 0);
        QCOMPARE(skipped.skipped, 1);
        QVERIFY2(m_transfer->lastMessage().contains(u"skipped 1 already imported"_s),
                 qPrintable(m_transfer->lastMessage()));
        QCOMPARE(branchingConversations(), QList<qint64>{first});

        // Again, replacing: still one, a new one.
        const qint64 replaced = importBranches(core::DuplicatePolicy::Replace, 1);
        QVERIFY(replaced > 0);
        QVERIFY(replaced != first);
        QCOMPARE(branchingConversations(), QList<qint64>{replaced});
        QTRY_COMPARE_WITH_TIMEOUT(m_gui->window->controller()->conversationId(), replaced, kLongMs);
    }

    void openConversationExportsInEveryFormat()
    {
        const qint64 id = importBranches(core::DuplicatePolicy::Skip, 0);
        QVERIFY(id > 0);
        QTRY_COMPARE_WITH_TIMEOUT(m_gui->window->controller()->conversationId(), id, kLongMs);
        QTemporaryDir out;
        QVERIFY(out.isValid());
        QSignalSpy finished(m_transfer, &ui::TransferController::exportFinished);
        for (core::ExportFormat format : core::allExportFormats()) {
            const QString path = out.filePath(u"trip."_s + core::formatName(format));
            QVERIFY(m_transfer->exportConversation(m_gui->window->controller()->conversationId(),
                                                   format, path));
            QVERIFY(m_transfer->isBusy());
            QVERIFY(!m_transfer->exportConversationAction()->isEnabled());
            // One at a time.
            QVERIFY(!m_transfer->exportConversation(id, format, path + u"2"_s));
            QVERIFY(finished.wait(kLongMs));
            const auto error = finished.takeFirst().at(0).value<core::TransferError>();
            QVERIFY2(error.ok(), qPrintable(error.message));
            QCOMPARE(m_transfer->lastMessage(),
                     u"Exported “Branching trip plan” to %1"_s.arg(path));
            const QByteArray bytes = readAll(path);
            QVERIFY2(!bytes.isEmpty(), qPrintable(path));
            switch (format) {
            case core::ExportFormat::Json: {
                const auto json = nlohmann::json::parse(bytes.toStdString(), nullptr, false);
                QVERIFY(!json.is_discarded());
                QVERIFY(json.is_object());
                QCOMPARE(json.value("format", std::string()), std::string("keel.conversations"));
                // Lossless: the whole tree, every branch.
                QVERIFY(bytes.contains("Start at Belém."));
                QVERIFY(bytes.contains("Plan a day in Porto."));
                break;
            }
            case core::ExportFormat::Pdf:
                QVERIFY(bytes.startsWith("%PDF-"));
                break;
            default:
                // The current branch.
                QVERIFY2(bytes.contains("Take tram 28."), bytes.constData());
                QVERIFY(bytes.contains("Start at Alfama."));
                QVERIFY(!bytes.contains("Start at Ribeira."));
                break;
            }
        }
        QVERIFY(!m_transfer->isBusy());
        QVERIFY(m_transfer->exportConversationAction()->isEnabled());

        // A folder that does not exist: the writer's message, in a box that does not block.
        const QString nowhere = out.filePath(u"missing/trip.md"_s);
        QVERIFY(m_transfer->exportConversation(id, core::ExportFormat::Markdown, nowhere));
        QVERIFY(finished.wait(kLongMs));
        const auto error = finished.takeFirst().at(0).value<core::TransferError>();
        QVERIFY(!error.ok() && !error.cancelled);
        QVERIFY2(error.message.contains(u"Nothing was exported"_s), qPrintable(error.message));
        QVERIFY(m_transfer->errorBox() != nullptr);
        QTRY_VERIFY(m_transfer->errorBox()->isVisible());
        QCOMPARE(m_transfer->errorBox()->text(), error.message);
        QVERIFY(!QFile::exists(nowhere));
        m_transfer->errorBox()->close();
    }

    void sidebarMenuOffersExport()
    {
        const qint64 id = importBranches(core::DuplicatePolicy::Skip, 0);
        QVERIFY(id > 0);
        ui::Sidebar* sidebar = m_gui->window->sidebar();
        QTRY_VERIFY_WITH_TIMEOUT(sidebar->conversationModel()->indexOf(id).isValid(), kLongMs);
        QListView* list = sidebar->conversationView();
        const QPoint row = list->visualRect(sidebar->conversationModel()->indexOf(id)).center();
        QStringList shown;
        qint64 target = 0;
        // The menu runs its own loop: look at it from there, then close it.
        QTimer::singleShot(0, this, [&] {
            if (auto* menu = qobject_cast<QMenu*>(QApplication::activePopupWidget())) {
                for (QAction* action : menu->actions())
                    shown << action->text();
                target = sidebar->contextConversation();
                menu->close();
            }
        });
        Q_EMIT list->customContextMenuRequested(row);
        QVERIFY2(shown.contains(m_transfer->sidebarExportAction()->text()),
                 qPrintable(shown.join(u", "_s)));
        QCOMPARE(target, id);
        QVERIFY(m_transfer->sidebarExportAction()->isEnabled());
    }

    void exportAllCancelledLeavesNoFile()
    {
        // Enough conversations that the export is still on its first ones when Cancel lands.
        QTemporaryDir out;
        QVERIFY(out.isValid());
        const QString source = out.filePath(u"many.json"_s);
        QVERIFY(writeAll(source, chatGptExport(400, 400)));
        const auto imported = importThroughPreview(source, core::DuplicatePolicy::Skip, 0);
        QVERIFY(!QTest::currentTestFailed());
        QCOMPARE(imported.imported, 400);

        const QString archive = out.filePath(u"all.json"_s);
        QSignalSpy finished(m_transfer, &ui::TransferController::exportFinished);
        QVERIFY(m_transfer->exportAll(core::ExportFormat::Json, archive));
        QProgressDialog* progress = m_transfer->progressDialog();
        QVERIFY(progress != nullptr);
        QVERIFY(!progress->isModal() || progress->windowModality() != Qt::ApplicationModal);
        QPushButton* cancel = progress->findChild<QPushButton*>();
        QVERIFY(cancel != nullptr);
        cancel->click();
        QVERIFY(finished.wait(kLongMs));
        const auto error = finished.takeFirst().at(0).value<core::TransferError>();
        QVERIFY(error.cancelled);
        QVERIFY2(m_transfer->lastMessage().contains(u"cancelled"_s),
                 qPrintable(m_transfer->lastMessage()));
        QVERIFY(m_transfer->progressDialog() == nullptr); // closed itself
        QVERIFY(!QFile::exists(archive));
        QCOMPARE(QDir(out.path()).entryList(QDir::Files), QStringList{u"many.json"_s});

        // Not cancelled, the same export writes every conversation.
        QVERIFY(m_transfer->exportAll(core::ExportFormat::Json, archive));
        QVERIFY(finished.wait(kLongMs));
        QVERIFY(finished.takeFirst().at(0).value<core::TransferError>().ok());
        QCOMPARE(m_transfer->lastMessage(), u"Exported 400 conversations to %1"_s.arg(archive));
        const auto json = nlohmann::json::parse(readAll(archive).toStdString(), nullptr, false);
        QVERIFY(!json.is_discarded());
        QCOMPARE(json.value("conversations", nlohmann::json::array()).size(), size_t(400));
    }

    void truncatedFileImportsNothing()
    {
        QVERIFY(importBranches(core::DuplicatePolicy::Skip, 0) > 0);
        const int before = int(listing().size());
        QCOMPARE(before, 1);

        QTemporaryDir out;
        QVERIFY(out.isValid());
        const QByteArray whole = chatGptExport(20, 200);
        const QString path = out.filePath(u"truncated.json"_s);
        QVERIFY(writeAll(path, whole.left(whole.size() * 2 / 3)));
        QSignalSpy finished(m_transfer, &ui::TransferController::importFinished);
        QVERIFY(m_transfer->importFile(path));
        QVERIFY(finished.wait(kLongMs));
        const QString message = finished.first().at(1).toString();
        QVERIFY2(message.contains(u"line"_s) && message.contains(u"column"_s), qPrintable(message));
        QVERIFY2(message.contains(u"Nothing was imported"_s), qPrintable(message));
        QVERIFY(m_transfer->previewDialog() == nullptr);
        QVERIFY(m_transfer->errorBox() != nullptr);
        QCOMPARE(m_transfer->errorBox()->text(), message);
        m_transfer->errorBox()->close();
        QCOMPARE(int(listing().size()), before);

        // Cancelled in the preview: nothing either.
        QVERIFY(m_transfer->importFile(dataFile(u"chatgpt-parts.json"_s)));
        QTRY_VERIFY_WITH_TIMEOUT(m_transfer->previewDialog() != nullptr, kLongMs);
        finished.clear();
        ui::ImportPreviewDialog* preview = m_transfer->previewDialog();
        // That file converts with losses (an image, unknown parts): the notes are collapsed.
        QVERIFY(preview->warningsToggle() != nullptr);
        QVERIFY(preview->warningsList()->count() > 0);
        QVERIFY(!preview->warningsList()->isVisible());
        preview->warningsToggle()->click();
        QVERIFY(preview->warningsList()->isVisible());
        preview->reject();
        QCOMPARE(finished.size(), 1); // at once
        QVERIFY(finished.first().at(0).value<core::TreeImportResult>().cancelled);
        QCOMPARE(m_transfer->lastMessage(), core::cancelledImport().message);
        QVERIFY(!m_transfer->isBusy());
        QCOMPARE(int(listing().size()), before);
    }

    void guiKeepsTurningWhileAFileIsRead()
    {
        QTemporaryDir out;
        QVERIFY(out.isValid());
        const QString path = out.filePath(u"big.json"_s);
        const QByteArray big = chatGptExport(4000, 2500); // ~20 MB
        QVERIFY(big.size() > 19'000'000);
        QVERIFY(writeAll(path, big));

        core::ImportReadTask task(core::defaultDatabasePath());
        QSignalSpy progress(&task, &core::ImportReadTask::progress);
        QSignalSpy finished(&task, &core::ImportReadTask::finished);
        int ticks = 0;
        int ticksAtFinish = -1;
        QTimer frame;
        frame.setInterval(16);
        connect(&frame, &QTimer::timeout, this, [&ticks] { ++ticks; });
        connect(&task, &core::ImportReadTask::finished, this,
                [&ticks, &ticksAtFinish] { ticksAtFinish = ticks; });
        frame.start();
        QVERIFY(task.read(path));
        QVERIFY(task.isRunning());
        QVERIFY(!task.read(path)); // one at a time
        QVERIFY(finished.wait(120000));
        frame.stop();
        const auto preview = finished.first().at(0).value<core::ImportPreview>();
        QVERIFY2(preview.error.ok(), qPrintable(preview.error.message));
        QCOMPARE(preview.batch.conversations.size(), 4000);
        QCOMPARE(preview.batch.messageCount, qint64(8000));
        QVERIFY(!task.isRunning());
        qInfo("read %lld bytes: %d frames of 16 ms, %d progress signals", qint64(big.size()),
              ticksAtFinish, int(progress.size()));
        // The timer fired all along: the read did not hold the GUI thread.
        QVERIFY2(ticksAtFinish >= 5, qPrintable(QString::number(ticksAtFinish)));
        QVERIFY2(progress.size() >= 2, qPrintable(QString::number(progress.size())));
        const auto last = progress.last();
        QVERIFY(last.at(0).toLongLong() > 0);
        QCOMPARE(last.at(1).toLongLong(), qint64(big.size()));
    }

private:
    // Imports chatgpt-branches.json through the preview (which must say `already` were imported
    // before); the id of the conversation written, 0 on failure.
    qint64 importBranches(core::DuplicatePolicy policy, int already)
    {
        const auto result =
            importThroughPreview(dataFile(u"chatgpt-branches.json"_s), policy, already);
        if (QTest::currentTestFailed() || result.imported != 1
            || result.conversationIds.size() != 1)
            return 0;
        return result.conversationIds.first();
    }

    core::TreeImportResult importThroughPreview(const QString& path, core::DuplicatePolicy policy,
                                                int already)
    {
        QSignalSpy finished(m_transfer, &ui::TransferController::importFinished);
        QSignalSpy listed(m_gui->store.store(), &core::Store::conversationsListed);
        [&] {
            QVERIFY(m_transfer->importFile(path));
            QVERIFY(m_transfer->isBusy());
            QVERIFY(!m_transfer->importAction()->isEnabled());
            QTRY_VERIFY_WITH_TIMEOUT(m_transfer->previewDialog() != nullptr || !finished.isEmpty(),
                                     kLongMs);
            QVERIFY2(finished.isEmpty(), qPrintable(finished.value(0).value(1).toString()));
            ui::ImportPreviewDialog* preview = m_transfer->previewDialog();
            QVERIFY(preview->isVisible());
            QCOMPARE(preview->alreadyImported(), already);
            if (path.endsWith(u"chatgpt-branches.json"_s)) {
                QCOMPARE(preview->conversationCount(), 1);
                QCOMPARE(preview->messageCount(), qint64(7));
                QCOMPARE(preview->summaryText(), u"ChatGPT export: 1 conversation, 7 messages"_s);
            }
            if (already > 0) {
                QVERIFY(preview->skipButton()->isChecked()); // the default
                QCOMPARE(preview->skipButton()->text(),
                         u"Skip the %1 already imported"_s.arg(already));
                if (policy == core::DuplicatePolicy::Replace)
                    preview->replaceButton()->click();
            } else {
                QVERIFY(preview->skipButton() == nullptr);
            }
            QCOMPARE(preview->policy(), policy);
            QVERIFY(preview->importButton()->isEnabled());
            preview->importButton()->click();
            QVERIFY(finished.wait(kLongMs));
            QVERIFY2(finished.first().at(1).toString().isEmpty(),
                     qPrintable(finished.first().at(1).toString()));
            // The store lists the conversations again after every import.
            QTRY_VERIFY_WITH_TIMEOUT(!listed.isEmpty(), kLongMs);
        }();
        if (finished.isEmpty())
            return {};
        return finished.first().at(0).value<core::TreeImportResult>();
    }

    // The conversations the store lists now.
    QList<core::ConversationSummary> listing()
    {
        QSignalSpy listed(m_gui->store.store(), &core::Store::conversationsListed);
        m_gui->store.post([](core::Store* s) { s->listConversations(); });
        // Emitted on the store thread: it may be recorded before a wait() would start.
        if (!QTest::qWaitFor([&listed] { return !listed.isEmpty(); }, kLongMs))
            return {};
        return listed.first().at(0).value<QList<core::ConversationSummary>>();
    }

    QList<qint64> branchingConversations()
    {
        QList<qint64> ids;
        for (const core::ConversationSummary& c : listing()) {
            if (c.title == u"Branching trip plan"_s)
                ids << c.id;
        }
        return ids;
    }

    std::unique_ptr<QTemporaryDir> m_home;
    std::unique_ptr<GuiHarness> m_gui;
    ui::TransferController* m_transfer = nullptr;
};

QTEST_MAIN(TransferGuiTest)
#include "TransferGuiTest.moc"
