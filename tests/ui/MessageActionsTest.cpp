// UI tests of the message actions, offscreen, with the real history Store on a temporary
// database (on the test's thread; every call still queued) and a scripted engine: Copy as
// Markdown and as plain text, Delete (with its confirmation, through the store: the message and
// the ones after it go and the sibling branch is shown; in memory; refused while a reply is
// written), the per-reply details (formatting, and the values of a reply that just finished),
// the actions' accessible names and Tab order, and Up in the empty composer editing the last
// message.
#include "ScriptedEngine.h"
#include "core/store/Store.h"
#include "core/store/StoreClient.h"
#include "ui/BranchNavigator.h"
#include "ui/Composer.h"
#include "ui/ConversationController.h"
#include "ui/MainWindow.h"
#include "ui/MessageDetails.h"
#include "ui/MessageWidget.h"
#include "ui/TranscriptView.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocument>

#include <memory>

using namespace keel;
using namespace Qt::StringLiterals;

namespace {

ui::ChatSettings settings()
{
    ui::ChatSettings chat;
    chat.provider.kind = u"openai"_s;
    chat.provider.baseUrl = u"http://127.0.0.1:9/v1"_s;
    chat.model = u"test-model"_s;
    return chat;
}

QString bodyText(ui::MessageWidget* message)
{
    return message->bodyDocument()->toPlainText();
}

} // namespace

class MessageActionsTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // Fixed digits and separators for the details' numbers.
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    }

    void init()
    {
        QVERIFY(m_dir.isValid());
        m_store = std::make_unique<core::Store>();
        QSignalSpy opened(m_store.get(), &core::Store::opened);
        m_store->open(m_dir.filePath(u"history-%1.sqlite"_s.arg(++m_databases)));
        QTRY_COMPARE(opened.count(), 1);
        QVERIFY(opened.at(0).at(0).toBool());
        m_client = std::make_unique<core::StoreClient>(m_store.get());
        openWindow(m_client.get());
    }

    void cleanup()
    {
        m_engine.reset();
        m_window.reset();
        m_client.reset();
        m_store.reset();
    }

    void copyAsMarkdownAndAsPlainText()
    {
        const QString markdown = u"# Plan\n\nSome **bold** and `code`.\n\n- one\n- two"_s;
        exchange(u"Hi"_s, markdown);
        ui::MessageWidget* reply = m_window->transcript()->messageAt(1);
        QClipboard* clipboard = QGuiApplication::clipboard();

        clipboard->clear();
        QTest::mouseClick(reply->copyButton(), Qt::LeftButton);
        QCOMPARE(clipboard->text(), markdown);

        clipboard->clear();
        QVERIFY(reply->copyPlainAction()->isEnabled());
        reply->copyPlainAction()->trigger();
        const QString plain = clipboard->text();
        QCOMPARE(plain, reply->bodyDocument()->toPlainText());
        QVERIFY(plain.contains(u"Some bold and code."_s));
        QVERIFY(plain.startsWith(u"Plan"_s));
        QVERIFY(!plain.contains(u'*'));
        QVERIFY(!plain.contains(u'#'));
        QVERIFY(!plain.contains(u'`'));

        // The menu offers both; the user's own words copy as typed either way.
        QStringList entries;
        for (QAction* action : reply->moreMenu()->actions())
            entries << action->text();
        QVERIFY(entries.contains(u"Copy as Markdown"_s));
        QVERIFY(entries.contains(u"Copy as plain text"_s));
        QVERIFY(entries.contains(u"Delete…"_s));
        ui::MessageWidget* question = m_window->transcript()->messageAt(0);
        question->copyPlainAction()->trigger();
        QCOMPARE(clipboard->text(), u"Hi"_s);
    }

    void actionsHaveNamesAndAreReachedByTab()
    {
        m_engine->usage = {10, 20};
        exchange(u"Hi"_s, u"Hello."_s);
        ui::MessageWidget* reply = m_window->transcript()->messageAt(1);
        QList<QAbstractButton*> visible;
        for (QAbstractButton* button : {reply->copyButton(), reply->regenerateButton(),
                                        reply->detailsButton(), reply->moreButton()}) {
            QVERIFY(button->isVisibleTo(reply));
            QVERIFY(!button->accessibleName().isEmpty());
            QVERIFY(button->focusPolicy() & Qt::TabFocus);
            visible << button;
        }
        QCOMPARE(reply->moreButton()->accessibleName(), u"More actions"_s);
        QCOMPARE(reply->detailsButton()->accessibleName(), u"Details of this reply"_s);
        // Tab goes from Copy through the others, in the order shown.
        reply->copyButton()->setFocus(Qt::TabFocusReason);
        QVERIFY(reply->actionsShown()); // focus in the row shows the actions
        QList<QWidget*> reached{QApplication::focusWidget()};
        for (int i = 0; i < 3; ++i) {
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
            reached << QApplication::focusWidget();
        }
        QCOMPARE(reached, (QList<QWidget*>{visible.begin(), visible.end()}));
        // Space on "…" opens its menu.
        QTest::keyClick(reply->moreButton(), Qt::Key_Space);
        QTRY_VERIFY(reply->moreMenu()->isVisible());
        reply->moreMenu()->close();
    }

    void deleteThroughTheStoreShowsTheSiblingBranch()
    {
        exchange(u"First"_s, u"One."_s);
        exchange(u"Second"_s, u"Two."_s);
        ui::ConversationController* controller = m_window->controller();
        ui::TranscriptView* transcript = m_window->transcript();
        const qint64 conversationId = controller->conversationId();

        // A second version of "Second", with its own reply.
        QSignalSpy ended(m_window.get(), &ui::MainWindow::turnEnded);
        m_engine->chunks = {u"Two, again."_s};
        QVERIFY(controller->editAndSend(2, u"Second, edited"_s));
        QTRY_COMPARE(ended.count(), 1);
        QCOMPARE(transcript->messageAt(2)->navigator()->text(), u"2/2"_s);

        // Deleting the edited version asks first, naming the reply after it.
        QMessageBox* box = askToDelete(2);
        QVERIFY(box);
        QCOMPARE(box->text(), u"Delete this message and the 1 after it?"_s);
        QSignalSpy deleted(m_store.get(), &core::Store::messagesDeleted);
        confirm(box);
        QTRY_COMPARE(deleted.count(), 1);
        QCOMPARE(deleted.at(0).at(2).toInt(), 2);
        // Read again: the other version and its reply are the branch now.
        QTRY_COMPARE(bodyText(transcript->messageAt(2)), u"Second"_s);
        QCOMPARE(transcript->messageCount(), 4);
        QCOMPARE(bodyText(transcript->messageAt(3)), u"Two."_s);
        QVERIFY(transcript->messageAt(2)->navigator()->isHidden()); // the only version now
        QCOMPARE(controller->conversationId(), conversationId);

        // Cancel keeps everything.
        box = askToDelete(1);
        QVERIFY(box);
        QCOMPARE(box->text(), u"Delete this message and the 2 after it?"_s);
        box->button(QMessageBox::Cancel)->click();
        QTRY_VERIFY(!m_window->findChild<QMessageBox*>(u"deleteConfirmation"_s));
        QCOMPARE(transcript->messageCount(), 4);

        // A message without other versions: the branch ends above it.
        box = askToDelete(1);
        QVERIFY(box);
        confirm(box);
        QTRY_COMPARE(deleted.count(), 2);
        QTRY_COMPARE(transcript->messageCount(), 1);
        QCOMPARE(bodyText(transcript->messageAt(0)), u"First"_s);

        // The store kept the deletion: a restart shows the same.
        openWindow(m_client.get());
        m_window->openConversation(conversationId);
        QTRY_COMPARE(m_window->controller()->conversationId(), conversationId);
        QTRY_COMPARE(m_window->transcript()->messageCount(), 1);
        QCOMPARE(bodyText(m_window->transcript()->messageAt(0)), u"First"_s);
    }

    void deleteIsRefusedWhileAReplyIsWritten()
    {
        exchange(u"First"_s, u"One."_s);
        m_engine->chunks = {u"Still "_s, u"writing"_s};
        m_engine->hold = true;
        m_window->sendText(u"Second"_s);
        QVERIFY(m_window->isTurnActive());
        ui::MessageWidget* first = m_window->transcript()->messageAt(0);
        QVERIFY(!first->deleteAction()->isEnabled());
        QSignalSpy notices(m_window->controller(), &ui::ConversationController::notice);
        QSignalSpy deleted(m_store.get(), &core::Store::messagesDeleted);
        QVERIFY(!m_window->controller()->deleteMessage(0));
        QCOMPARE(notices.count(), 1);
        QCOMPARE(m_window->transcript()->messageCount(), 4);

        m_window->stop();
        QTRY_VERIFY(!m_window->isTurnActive());
        QTRY_VERIFY(first->deleteAction()->isEnabled());
        QCOMPARE(deleted.count(), 0);
    }

    void memoryOnlyConversationsDeleteLocally()
    {
        openWindow(nullptr);
        exchange(u"First"_s, u"One."_s);
        exchange(u"Second"_s, u"Two."_s);
        ui::ConversationController* controller = m_window->controller();
        ui::TranscriptView* transcript = m_window->transcript();

        // A second version of the last reply; deleting it shows the first one again.
        QSignalSpy ended(m_window.get(), &ui::MainWindow::turnEnded);
        m_engine->chunks = {u"Two, again."_s};
        QVERIFY(controller->regenerate(3));
        QTRY_COMPARE(ended.count(), 1);
        QCOMPARE(transcript->messageAt(3)->navigator()->text(), u"2/2"_s);
        QMessageBox* box = askToDelete(3);
        QVERIFY(box);
        QCOMPARE(box->text(), u"Delete this message?"_s);
        confirm(box);
        QTRY_COMPARE(bodyText(transcript->messageAt(3)), u"Two."_s);
        QCOMPARE(transcript->messageCount(), 4);
        QVERIFY(transcript->messageAt(3)->navigator()->isHidden());
        QCOMPARE(controller->versionCount(3), 1);

        QVERIFY(controller->deleteMessage(1));
        QCOMPARE(transcript->messageCount(), 1);
        QCOMPARE(controller->messageCount(), 1);
        QCOMPARE(bodyText(transcript->messageAt(0)), u"First"_s);
        QCOMPARE(controller->history().size(), 1);
    }

    void detailsFormatKnownAndUnknownValues()
    {
        core::StoredMessage reply;
        reply.role = core::Role::Assistant;
        reply.model = u"gpt-test"_s;
        reply.usage = {1200, 300};
        reply.firstTokenMs = 500;
        reply.durationMs = 3500; // 300 tokens in the 3 s after the first one
        reply.createdAt = QDateTime(QDate(2024, 5, 1), QTime(12, 30), Qt::UTC);
        QCOMPARE(ui::MessageDetails::tokensPerSecond(reply), 100.0);
        const QString created =
            QLocale().toString(reply.createdAt.toLocalTime(), QLocale::ShortFormat);
        QCOMPARE(ui::MessageDetails::text(reply),
                 u"Model: gpt-test\nTokens in: 1,200\nTokens out: 300\n"
                 "Time to first token: 0.50 s\nSpeed: 100.0 tokens/s\nCreated: "_s
                     + created);

        const core::StoredMessage unknown;
        QCOMPARE(ui::MessageDetails::tokensPerSecond(unknown), -1.0);
        QCOMPARE(ui::MessageDetails::text(unknown),
                 u"Model: —\nTokens in: —\nTokens out: —\nTime to first token: —\nSpeed: —\n"
                 "Created: —"_s);

        // Known tokens but no timing: no speed either.
        core::StoredMessage partly = reply;
        partly.firstTokenMs = -1;
        QCOMPARE(ui::MessageDetails::tokensPerSecond(partly), -1.0);
        QVERIFY(ui::MessageDetails::text(partly).contains(u"Speed: —"_s));
        QVERIFY(ui::MessageDetails::text(partly).contains(u"Tokens out: 300"_s));
    }

    void detailsOfAReplyThatJustFinished()
    {
        m_engine->usage = {12, 30};
        m_engine->durationMs = 2000;
        m_engine->firstTokenMs = 500;
        exchange(u"Hi"_s, u"Hello."_s);
        const core::StoredMessage& stored = m_window->controller()->messageAt(1);
        QCOMPARE(stored.firstTokenMs, qint64(500));
        QCOMPARE(stored.durationMs, qint64(2000));
        ui::MessageWidget* reply = m_window->transcript()->messageAt(1);
        QVERIFY(reply->detailsButton()->isVisibleTo(reply));
        const QString details = reply->details();
        QVERIFY2(details.contains(u"Model: test-model"_s), qPrintable(details));
        QVERIFY(details.contains(u"Tokens in: 12"_s));
        QVERIFY(details.contains(u"Tokens out: 30"_s));
        QVERIFY(details.contains(u"Time to first token: 0.50 s"_s));
        QVERIFY(details.contains(u"Speed: 20.0 tokens/s"_s)); // 30 tokens in 1.5 s
        QCOMPARE(reply->detailsButton()->accessibleDescription(), details);
        QVERIFY(reply->detailsButton()->toolTip().contains(u"20.0 tokens/s"_s));
        // The user's own message has none.
        ui::MessageWidget* question = m_window->transcript()->messageAt(0);
        QVERIFY(question->details().isEmpty());
        QVERIFY(!question->detailsButton()->isVisibleTo(question));
    }

    void upInTheEmptyComposerEditsTheLastMessage()
    {
        exchange(u"First"_s, u"One."_s);
        exchange(u"Second"_s, u"Two."_s);
        ui::TranscriptView* transcript = m_window->transcript();
        ui::Composer* composer = m_window->composer();

        // With text, Up is only the cursor's.
        composer->setFocus();
        QTest::keyClicks(composer, u"draft"_s);
        QTest::keyClick(composer, Qt::Key_Up);
        for (int i = 0; i < transcript->messageCount(); ++i)
            QVERIFY(!transcript->messageAt(i)->isEditing());
        QCOMPARE(composer->toPlainText(), u"draft"_s);

        composer->clear();
        QTest::keyClick(composer, Qt::Key_Up);
        ui::MessageWidget* second = transcript->messageAt(2);
        QVERIFY(second->isEditing());
        QVERIFY(!transcript->messageAt(0)->isEditing());
        QCOMPARE(second->editor()->toPlainText(), u"Second"_s);
        QTRY_COMPARE(QApplication::focusWidget(), second->editor());

        // Escape puts it back; Enter in the editor sends the new version.
        QTest::keyClick(second->editor(), Qt::Key_Escape);
        QVERIFY(!second->isEditing());
        composer->setFocus();
        QTest::keyClick(composer, Qt::Key_Up);
        QVERIFY(second->isEditing());
        second->editor()->setPlainText(u"Second, edited"_s);
        QSignalSpy ended(m_window.get(), &ui::MainWindow::turnEnded);
        m_engine->chunks = {u"Two, again."_s};
        QTest::keyClick(second->editor(), Qt::Key_Return);
        QTRY_COMPARE(ended.count(), 1);
        QCOMPARE(m_window->controller()->messageAt(2).content, u"Second, edited"_s);
        QCOMPARE(m_window->controller()->versionCount(2), 2);
    }

private:
    void openWindow(core::StoreClient* client)
    {
        m_engine.reset();
        m_window = std::make_unique<ui::MainWindow>(settings(), client);
        m_engine = std::make_unique<test::ScriptedEngine>(
            m_window.get(), client != nullptr ? m_store.get() : nullptr);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    }

    void exchange(const QString& question, const QString& answer)
    {
        QSignalSpy ended(m_window.get(), &ui::MainWindow::turnEnded);
        m_engine->chunks = {answer};
        m_window->sendText(question);
        QTRY_COMPARE(ended.count(), 1);
    }

    // Delete… on the message at index: the confirmation it opens.
    QMessageBox* askToDelete(int index)
    {
        // The previous question is gone (it deletes itself later).
        [this] { QTRY_VERIFY(!m_window->findChild<QMessageBox*>(u"deleteConfirmation"_s)); }();
        ui::MessageWidget* message = m_window->transcript()->messageAt(index);
        if (message == nullptr || !message->deleteAction()->isEnabled())
            return nullptr;
        message->deleteAction()->trigger();
        return m_window->findChild<QMessageBox*>(u"deleteConfirmation"_s);
    }

    void confirm(QMessageBox* box)
    {
        for (QAbstractButton* button : box->buttons()) {
            if (box->buttonRole(button) == QMessageBox::DestructiveRole) {
                QCOMPARE(button->accessibleName(), u"Delete the message"_s);
                button->click();
                return;
            }
        }
        QFAIL("no Delete button");
    }

    QTemporaryDir m_dir;
    int m_databases = 0;
    std::unique_ptr<core::Store> m_store;
    std::unique_ptr<core::StoreClient> m_client;
    std::unique_ptr<ui::MainWindow> m_window;
    std::unique_ptr<test::ScriptedEngine> m_engine;
};

QTEST_MAIN(MessageActionsTest)
#include "MessageActionsTest.moc"
