// UI tests of the conversation logic: the chat window (and its ConversationController) against
// the real history Store on a temporary database and a tiny fake engine that answers with timers
// and, like the core, saves the reply into the stored placeholder. The Store lives on the test's
// thread, but every call to it is still queued, so the order of events is the app's.
// Covered: sending stores conversation, user message and placeholder before the turn starts
// (and a reply stopped before that is still saved as stopped); edits and regenerations make
// siblings and the "‹ k/n ›" navigator switches branches (also after a restart); Continue for
// Anthropic (prefill) and others (a request to go on); store errors show the banner while the turn
// still runs; older pages load when scrolled to the top without moving the view; search hits are
// revealed; versions work without a store too.
#include "ui/ConversationController.h"

#include "core/store/Store.h"
#include "core/store/StoreClient.h"
#include "ui/BranchNavigator.h"
#include "ui/Composer.h"
#include "ui/FindBar.h"
#include "ui/MainWindow.h"
#include "ui/MessageWidget.h"
#include "ui/NoticeBanner.h"
#include "ui/Sidebar.h"
#include "ui/TranscriptView.h"

#include <QAbstractButton>
#include <QApplication>
#include <QClipboard>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocument>
#include <QToolButton>

#include <memory>

using namespace keel;
using namespace Qt::StringLiterals;

namespace {

// Plays a scripted reply, one delta per tick, then the result; saves the reply into the stored
// placeholder the way the core does.
class FakeEngine : public QObject {
    Q_OBJECT
public:
    QStringList chunks;
    core::TurnOutcome outcome = core::TurnOutcome::Complete;
    QString errorMessage;
    bool waitForCancel = false;
    QList<core::TurnRequest> requests;

    FakeEngine(ui::MainWindow* window, core::Store* store)
        : m_store(store)
    {
        connect(window, &ui::MainWindow::startTurnRequested, this, &FakeEngine::start);
        connect(window, &ui::MainWindow::cancelTurnRequested, this, &FakeEngine::cancel);
        connect(this, &FakeEngine::delta, window, &ui::MainWindow::onTurnDelta);
        connect(this, &FakeEngine::finished, window, &ui::MainWindow::onTurnFinished);
        m_timer.setInterval(2);
        connect(&m_timer, &QTimer::timeout, this, &FakeEngine::tick);
    }

    // The next turn says these pieces and ends so.
    void script(QStringList pieces, core::TurnOutcome how = core::TurnOutcome::Complete)
    {
        chunks = std::move(pieces);
        outcome = how;
    }

Q_SIGNALS:
    void delta(const keel::core::TurnDelta& delta);
    void finished(const keel::core::TurnResult& result);

private:
    void start(const core::TurnRequest& request)
    {
        requests.append(request);
        m_request = request;
        m_next = 0;
        m_sent.clear();
        m_timer.start();
    }

    void cancel(const QString&)
    {
        m_timer.stop();
        QTimer::singleShot(1, this, [this] { finish(core::TurnOutcome::Cancelled); });
    }

    void tick()
    {
        if (m_next < chunks.size()) {
            m_sent += chunks[m_next];
            Q_EMIT delta({m_request.turnId, chunks[m_next++], {}});
            return;
        }
        m_timer.stop();
        if (!waitForCancel)
            finish(outcome);
    }

    void finish(core::TurnOutcome how)
    {
        core::TurnResult result;
        result.turnId = m_request.turnId;
        result.outcome = how;
        result.text = m_sent;
        result.error.message = how == core::TurnOutcome::Cancelled ? QString() : errorMessage;
        if (m_store != nullptr && m_request.persistMessageId > 0) {
            core::StoredMessage saved;
            saved.id = m_request.persistMessageId;
            saved.role = core::Role::Assistant;
            saved.content = m_request.persistPrefix + m_sent;
            saved.errorMessage = result.error.message;
            switch (how) {
            case core::TurnOutcome::Complete:
                saved.status = core::MessageStatus::Complete;
                break;
            case core::TurnOutcome::Incomplete:
                saved.status = core::MessageStatus::Incomplete;
                break;
            case core::TurnOutcome::Error:
                saved.status = core::MessageStatus::Error;
                break;
            case core::TurnOutcome::Cancelled:
                saved.status = core::MessageStatus::Cancelled;
                break;
            }
            QMetaObject::invokeMethod(
                m_store, [store = m_store, saved] { store->saveMessage(saved); },
                Qt::QueuedConnection);
        }
        Q_EMIT finished(result);
    }

    core::Store* m_store;
    QTimer m_timer;
    core::TurnRequest m_request;
    qsizetype m_next = 0;
    QString m_sent;
};

ui::ChatSettings settings(const QString& kind = u"openai"_s)
{
    ui::ChatSettings chat;
    chat.provider.kind = kind;
    chat.provider.baseUrl = u"http://127.0.0.1:9/v1"_s;
    chat.model = u"test-model"_s;
    return chat;
}

QString bodyText(ui::MessageWidget* message)
{
    return message->bodyDocument()->toPlainText();
}

} // namespace

class ConversationControllerTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_store = std::make_unique<core::Store>();
        QSignalSpy opened(m_store.get(), &core::Store::opened);
        m_store->open(m_dir.filePath(u"history-%1.sqlite"_s.arg(++m_databases)));
        QTRY_COMPARE(opened.count(), 1);
        QVERIFY(opened.at(0).at(0).toBool());
        m_client = std::make_unique<core::StoreClient>(m_store.get());
        openWindow(settings());
    }

    void cleanup()
    {
        m_engine.reset();
        m_window.reset();
        m_client.reset();
        m_store.reset();
    }

    void sendStoresConversationUserAndPlaceholderBeforeTheTurn()
    {
        QStringList events;
        QList<core::StoredMessage> appended;
        connect(m_store.get(), &core::Store::conversationCreated, this,
                [&events] { events << u"conversation"_s; });
        connect(m_store.get(), &core::Store::messageAppended, this,
                [&](const core::StoredMessage& message) {
                    appended << message;
                    events << (message.role == core::Role::User ? u"user"_s : u"placeholder"_s);
                });
        QSignalSpy started(m_window.get(), &ui::MainWindow::startTurnRequested);
        connect(m_window.get(), &ui::MainWindow::startTurnRequested, this,
                [&events] { events << u"turn"_s; });
        m_engine->script({u"Hi "_s, u"there."_s});

        m_window->sendText(u"Hello"_s);
        // Shown at once, before the store answered.
        QCOMPARE(m_window->transcript()->messageCount(), 2);
        QCOMPARE(bodyText(m_window->transcript()->messageAt(0)), u"Hello"_s);
        QVERIFY(m_window->isTurnActive());
        QCOMPARE(started.count(), 0);

        QTRY_COMPARE(started.count(), 1);
        QCOMPARE(events, (QStringList{u"conversation"_s, u"user"_s, u"placeholder"_s, u"turn"_s}));
        const core::StoredMessage user = appended.at(0);
        const core::StoredMessage placeholder = appended.at(1);
        QCOMPARE(user.parentId, qint64(0));
        QCOMPARE(user.content, u"Hello"_s);
        QCOMPARE(placeholder.parentId, user.id);
        QCOMPARE(placeholder.status, core::MessageStatus::Streaming);
        QCOMPARE(placeholder.model, u"test-model"_s);
        const auto request = started.at(0).at(0).value<core::TurnRequest>();
        QCOMPARE(request.persistMessageId, placeholder.id);
        QVERIFY(request.persistPrefix.isEmpty());
        QCOMPARE(request.messages.size(), 1);
        QCOMPARE(request.messages.at(0).content, u"Hello"_s);

        QTRY_VERIFY(!m_window->isTurnActive());
        QCOMPARE(m_window->lastReplyText(), u"Hi there."_s);
        ui::ConversationController* controller = m_window->controller();
        QVERIFY(controller->conversationId() > 0);
        QCOMPARE(controller->messageAt(1).id, placeholder.id);
        QCOMPARE(controller->messageAt(1).status, core::MessageStatus::Complete);
        QVERIFY(controller->isPersistent());
        QTRY_COMPARE(m_window->windowTitle(), u"Hello — Keel"_s);

        // Restarting shows it as it was.
        const qint64 conversationId = controller->conversationId();
        openWindow(settings());
        m_window->openConversation(conversationId);
        QTRY_COMPARE(m_window->transcript()->messageCount(), 2);
        QCOMPARE(bodyText(m_window->transcript()->messageAt(1)), u"Hi there."_s);
        QVERIFY(!m_window->transcript()->messageAt(1)->hasError());
    }

    void stopBeforeTheStoreAnsweredSavesTheReplyAsStopped()
    {
        QSignalSpy started(m_window.get(), &ui::MainWindow::startTurnRequested);
        QSignalSpy cancelled(m_window.get(), &ui::MainWindow::cancelTurnRequested);
        QSignalSpy ended(m_window.get(), &ui::MainWindow::turnEnded);
        QSignalSpy saved(m_store.get(), &core::Store::messageSaved);
        m_window->sendText(u"Never mind"_s);
        m_window->stop();
        QCOMPARE(ended.count(), 1);
        QCOMPARE(ended.at(0).at(1).value<core::TurnOutcome>(), core::TurnOutcome::Cancelled);
        QCOMPARE(m_window->transcript()->lastMessage()->note(),
                 u"Stopped before any text arrived."_s);
        QTRY_COMPARE(saved.count(), 1); // once the placeholder was stored
        QCOMPARE(started.count(), 0);   // the core never heard of it
        QCOMPARE(cancelled.count(), 0);

        const qint64 conversationId = m_window->controller()->conversationId();
        openWindow(settings());
        m_window->openConversation(conversationId);
        QTRY_COMPARE(m_window->transcript()->messageCount(), 2);
        QCOMPARE(m_window->controller()->messageAt(1).status, core::MessageStatus::Cancelled);
        QVERIFY(!m_window->transcript()->messageAt(1)->hasError());
    }

    void editMakesASiblingAndTheNavigatorSwitchesBranches()
    {
        exchange(u"First"_s, u"One."_s);
        exchange(u"Second"_s, u"Two."_s);
        ui::ConversationController* controller = m_window->controller();
        const core::StoredMessage original = controller->messageAt(2);

        QList<core::StoredMessage> appended;
        connect(m_store.get(), &core::Store::messageAppended, this,
                [&appended](const core::StoredMessage& message) { appended << message; });
        QSignalSpy started(m_window.get(), &ui::MainWindow::startTurnRequested);
        m_engine->script({u"Two, again."_s});
        ui::MessageWidget* second = m_window->transcript()->messageAt(2);
        QVERIFY(second->editButton()->isVisibleTo(second));
        QTest::mouseClick(second->editButton(), Qt::LeftButton);
        QVERIFY(second->isEditing());
        QCOMPARE(second->editor()->toPlainText(), u"Second"_s);
        second->editor()->setPlainText(u"Second, edited"_s);
        QTest::keyClick(second->editor(), Qt::Key_Return);

        QTRY_COMPARE(started.count(), 1);
        QCOMPARE(appended.size(), 2);
        QCOMPARE(appended.at(0).role, core::Role::User);
        QCOMPARE(appended.at(0).parentId, original.parentId); // a sibling
        QCOMPARE(appended.at(1).parentId, appended.at(0).id);
        const auto request = started.at(0).at(0).value<core::TurnRequest>();
        QCOMPARE(request.messages.size(), 3);
        QCOMPARE(request.messages.at(1).content, u"One."_s);
        QCOMPARE(request.messages.at(2).content, u"Second, edited"_s);
        QTRY_VERIFY(!m_window->isTurnActive());

        ui::TranscriptView* transcript = m_window->transcript();
        QCOMPARE(transcript->messageCount(), 4);
        ui::BranchNavigator* navigator = transcript->messageAt(2)->navigator();
        QVERIFY(navigator->isVisibleTo(transcript->messageAt(2)));
        QCOMPARE(navigator->text(), u"2/2"_s);
        QCOMPARE(navigator->previousButton()->accessibleName(), u"Previous version"_s);
        QCOMPARE(navigator->nextButton()->accessibleName(), u"Next version"_s);
        QVERIFY(!navigator->nextButton()->isEnabled());
        QVERIFY(transcript->messageAt(3)->navigator()->isHidden()); // the reply has no others

        // ‹ asks the store for the other branch.
        QSignalSpy loaded(m_store.get(), &core::Store::conversationLoaded);
        QTest::mouseClick(navigator->previousButton(), Qt::LeftButton);
        QTRY_COMPARE(loaded.count(), 1);
        QTRY_COMPARE(bodyText(transcript->messageAt(2)), u"Second"_s);
        QCOMPARE(bodyText(transcript->messageAt(3)), u"Two."_s);
        QCOMPARE(transcript->messageAt(2)->navigator()->text(), u"1/2"_s);
        QCOMPARE(controller->messageAt(2).id, original.id);

        // The chosen branch is remembered: a restart opens on it.
        const qint64 conversationId = controller->conversationId();
        openWindow(settings());
        m_window->openConversation(conversationId);
        QTRY_COMPARE(m_window->transcript()->messageCount(), 4);
        QCOMPARE(bodyText(m_window->transcript()->messageAt(2)), u"Second"_s);
        QCOMPARE(m_window->transcript()->messageAt(2)->navigator()->text(), u"1/2"_s);

        QTest::mouseClick(m_window->transcript()->messageAt(2)->navigator()->nextButton(),
                          Qt::LeftButton);
        QTRY_COMPARE(bodyText(m_window->transcript()->messageAt(2)), u"Second, edited"_s);
        QCOMPARE(bodyText(m_window->transcript()->messageAt(3)), u"Two, again."_s);
    }

    void regenerateMakesAReplySibling()
    {
        exchange(u"Question"_s, u"Answer one."_s);
        ui::ConversationController* controller = m_window->controller();
        const core::StoredMessage user = controller->messageAt(0);
        const core::StoredMessage first = controller->messageAt(1);

        QList<core::StoredMessage> appended;
        connect(m_store.get(), &core::Store::messageAppended, this,
                [&appended](const core::StoredMessage& message) { appended << message; });
        QSignalSpy started(m_window.get(), &ui::MainWindow::startTurnRequested);
        m_engine->script({u"Answer two."_s});
        ui::MessageWidget* reply = m_window->transcript()->messageAt(1);
        QVERIFY(reply->regenerateButton()->isVisibleTo(reply));
        QTest::mouseClick(reply->regenerateButton(), Qt::LeftButton);
        QTRY_COMPARE(started.count(), 1);
        QCOMPARE(appended.size(), 1);
        QCOMPARE(appended.at(0).role, core::Role::Assistant);
        QCOMPARE(appended.at(0).parentId, user.id);
        const auto request = started.at(0).at(0).value<core::TurnRequest>();
        QCOMPARE(request.messages.size(), 1); // up to the user's message
        QCOMPARE(request.persistMessageId, appended.at(0).id);
        QTRY_VERIFY(!m_window->isTurnActive());

        QCOMPARE(m_window->transcript()->messageCount(), 2);
        QCOMPARE(m_window->lastReplyText(), u"Answer two."_s);
        QCOMPARE(m_window->transcript()->messageAt(1)->navigator()->text(), u"2/2"_s);
        QTest::mouseClick(m_window->transcript()->messageAt(1)->navigator()->previousButton(),
                          Qt::LeftButton);
        QTRY_COMPARE(bodyText(m_window->transcript()->messageAt(1)), u"Answer one."_s);
        QCOMPARE(controller->messageAt(1).id, first.id);
        QCOMPARE(m_window->transcript()->messageAt(1)->navigator()->text(), u"1/2"_s);
    }

    void continueAsksEachProviderTheRightWay_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::newRow("anthropic: prefill") << u"anthropic"_s;
        QTest::newRow("openai: ask to go on") << u"openai"_s;
    }

    void continueAsksEachProviderTheRightWay()
    {
        QFETCH(QString, kind);
        openWindow(settings(kind));
        m_engine->errorMessage = u"The connection was closed."_s;
        m_engine->script({u"Half of "_s, u"the "_s}, core::TurnOutcome::Incomplete);
        m_window->sendText(u"Tell me"_s);
        QTRY_VERIFY(!m_window->isTurnActive());

        ui::MessageWidget* reply = m_window->transcript()->lastMessage();
        QVERIFY(reply->errorText().startsWith(u"The reply was cut off"));
        QVERIFY(reply->retryButton()->isVisibleTo(reply));
        QAbstractButton* continueButton = reply->continueButton();
        QVERIFY(continueButton->isVisibleTo(reply));
        QCOMPARE(continueButton->text(), u"Continue"_s);
        const qint64 replyId = m_window->controller()->messageAt(1).id;
        QVERIFY(replyId > 0);

        QSignalSpy started(m_window.get(), &ui::MainWindow::startTurnRequested);
        m_engine->script({u"answer."_s});
        QTest::mouseClick(continueButton, Qt::LeftButton);
        QTRY_COMPARE(started.count(), 1);
        const auto request = started.at(0).at(0).value<core::TurnRequest>();
        QCOMPARE(request.persistMessageId, replyId);
        const bool anthropic = kind == u"anthropic";
        // Anthropic refuses a prefill that ends in white space.
        const QString partial = anthropic ? u"Half of the"_s : u"Half of the "_s;
        QCOMPARE(request.persistPrefix, partial);
        QCOMPARE(request.messages.size(), anthropic ? 2 : 3);
        QCOMPARE(request.messages.at(0).content, u"Tell me"_s);
        QCOMPARE(request.messages.at(1).role, core::Role::Assistant);
        QCOMPARE(request.messages.at(1).content, partial);
        if (!anthropic) {
            QCOMPARE(request.messages.at(2).role, core::Role::User);
            QCOMPARE(request.messages.at(2).content,
                     u"Continue exactly where you stopped. Do not repeat anything."_s);
        }

        QTRY_VERIFY(!m_window->isTurnActive());
        // The same message grew: no new one, no error any more.
        QCOMPARE(m_window->transcript()->messageCount(), 2);
        QCOMPARE(m_window->transcript()->lastMessage(), reply);
        QCOMPARE(bodyText(reply), partial + u"answer."_s);
        QVERIFY(!reply->hasError());
        QCOMPARE(m_window->controller()->messageAt(1).content, partial + u"answer."_s);
        QCOMPARE(m_window->controller()->messageAt(1).status, core::MessageStatus::Complete);
        QCOMPARE(m_window->lastReplyText(), partial + u"answer."_s);
    }

    void storeErrorShowsTheBannerAndTheTurnStillRuns()
    {
        QSignalSpy started(m_window.get(), &ui::MainWindow::startTurnRequested);
        m_engine->script({u"Still "_s, u"here."_s});
        m_window->sendText(u"Hello"_s);
        // The disk fills up while the conversation is being created.
        core::StoreError error;
        error.kind = core::StoreError::Kind::DiskFull;
        error.message = u"The disk is full: the history cannot be saved."_s;
        Q_EMIT m_store->storeError(error);

        QTRY_COMPARE(started.count(), 1);
        QCOMPARE(started.at(0).at(0).value<core::TurnRequest>().persistMessageId, qint64(0));
        ui::NoticeBanner* banner = m_window->banner();
        QVERIFY(banner->isVisible());
        QVERIFY(banner->message().contains(u"The disk is full"));
        QVERIFY(banner->message().contains(u"memory only"));
        QVERIFY(!m_window->controller()->isPersistent());

        QTRY_VERIFY(!m_window->isTurnActive());
        QCOMPARE(m_window->lastReplyText(), u"Still here."_s);
        ui::MessageWidget* reply = m_window->transcript()->lastMessage();
        QTest::mouseClick(reply->copyButton(), Qt::LeftButton);
        QCOMPARE(QGuiApplication::clipboard()->text(), u"Still here."_s);

        // The conversation goes on in memory.
        m_engine->script({u"Yes."_s});
        m_window->sendText(u"Again"_s);
        QCOMPARE(started.count(), 2);
        QCOMPARE(started.at(1).at(0).value<core::TurnRequest>().messages.size(), 3);
        QTRY_VERIFY(!m_window->isTurnActive());

        QTest::mouseClick(banner->dismissButton(), Qt::LeftButton);
        QVERIFY(!banner->isVisible());
        // The same news again (a failing disk repeats itself) stays dismissed.
        Q_EMIT m_store->storeError(error);
        QTest::qWait(20);
        QVERIFY(!banner->isVisible());

        // A damaged database says where it went.
        error.kind = core::StoreError::Kind::Corrupt;
        error.message = u"The history database was damaged; a new one was started."_s;
        error.movedTo = u"/tmp/keel.sqlite.corrupt"_s;
        Q_EMIT m_store->storeError(error);
        QTRY_VERIFY(banner->isVisible());
        QVERIFY(banner->message().contains(u"/tmp/keel.sqlite.corrupt"));
    }

    void olderMessagesLoadAtTheTopWithoutMovingTheView()
    {
        const QList<qint64> ids = seed(90);
        ui::ConversationController* controller = m_window->controller();
        controller->setPageSize(20);
        QSignalSpy older(m_store.get(), &core::Store::olderLoaded);
        m_window->openConversation(m_conversationId);
        ui::TranscriptView* transcript = m_window->transcript();
        QTRY_COMPARE(transcript->messageCount(), 20);
        QVERIFY(controller->hasOlder());
        QCOMPARE(controller->messageAt(19).id, ids.last()); // the latest page first
        QScrollBar* bar = transcript->verticalScrollBar();
        QTRY_VERIFY(bar->maximum() > ui::TranscriptView::kNearTopPx);
        QTRY_COMPARE(bar->value(), bar->maximum());
        QCOMPARE(older.count(), 0);

        ui::MessageWidget* first = transcript->messageAt(0);
        bar->setValue(0); // the user scrolls to the top
        const int y = transcript->viewportY(first);
        QTRY_COMPARE(older.count(), 1);
        QTRY_COMPARE(transcript->messageCount(), 40);
        QCOMPARE(transcript->indexOf(first), 20);
        QCOMPARE(controller->messageAt(0).id, ids.at(ids.size() - 40));
        // The message that was at the top is still where it was, once the layout settled.
        QTRY_VERIFY(bar->value() > ui::TranscriptView::kNearTopPx);
        QTest::qWait(50);
        QCOMPARE(transcript->viewportY(first), y);
        QCOMPARE(older.count(), 1); // no more than needed
    }

    void aLongConversationSendsAllOfItsHistory()
    {
        seed(90);
        m_window->controller()->setPageSize(20);
        m_window->openConversation(m_conversationId);
        QTRY_COMPARE(m_window->transcript()->messageCount(), 20);
        QSignalSpy started(m_window.get(), &ui::MainWindow::startTurnRequested);
        m_engine->script({u"Done."_s});
        m_window->sendText(u"And now?"_s);
        QTRY_COMPARE(started.count(), 1);
        const auto request = started.at(0).at(0).value<core::TurnRequest>();
        QCOMPARE(request.messages.size(), 91); // not only the loaded page
        QCOMPARE(request.messages.first().content, u"Message 0"_s);
        QCOMPARE(request.messages.at(89).content, u"Message 89"_s);
        QCOMPARE(request.messages.last().content, u"And now?"_s);
        QTRY_VERIFY(!m_window->isTurnActive());
        QCOMPARE(m_window->transcript()->messageCount(), 22);
    }

    void searchHitOpensItsBranchAndRevealsTheMessage()
    {
        const QList<qint64> ids = seed(90);
        m_window->controller()->setPageSize(20);
        const qint64 target = ids.at(4); // far above the latest page
        m_window->showMessage(m_conversationId, target);
        ui::TranscriptView* transcript = m_window->transcript();
        QTRY_VERIFY(m_window->controller()->indexOfMessage(target) >= 0);
        ui::MessageWidget* message =
            transcript->messageAt(m_window->controller()->indexOfMessage(target));
        QVERIFY(message);
        QCOMPARE(bodyText(message), u"Message 4"_s);
        QVERIFY(message->isFlashing());
        QTRY_VERIFY(transcript->viewportY(message) >= 0
                    && transcript->viewportY(message) < transcript->viewport()->height());
    }

    void shortcutsAndTitle()
    {
        exchange(u"Plan a trip"_s, u"Sure."_s);
        QTRY_COMPARE(m_window->windowTitle(), u"Plan a trip — Keel"_s);
        QTest::keyClick(m_window->composer(), Qt::Key_N, Qt::ControlModifier);
        QTRY_COMPARE(m_window->transcript()->messageCount(), 0);
        QCOMPARE(m_window->windowTitle(), u"Keel"_s);
        QCOMPARE(m_window->controller()->conversationId(), qint64(0));

        // Ctrl+Shift+F searches all chats from anywhere; Ctrl+F finds in the open conversation,
        // also from within the sidebar.
        ui::Sidebar* sidebar = m_window->sidebar();
        QTest::keyClick(m_window->composer(), Qt::Key_F, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(QApplication::focusWidget(), sidebar->searchBox());
        sidebar->conversationView()->setFocus();
        QTest::keyClick(sidebar->conversationView(), Qt::Key_F, Qt::ControlModifier);
        QVERIFY(m_window->findBar()->isVisible());
        QCOMPARE(QApplication::focusWidget(), m_window->findBar()->field());
        QTest::keyClick(m_window->findBar()->field(), Qt::Key_Escape);
        QCOMPARE(QApplication::focusWidget(), m_window->composer());
    }

    void versionsWorkWithoutAStore()
    {
        ui::ConversationController controller(settings());
        QList<core::TurnRequest> requests;
        connect(&controller, &ui::ConversationController::startTurnRequested, this,
                [&requests](const core::TurnRequest& request) { requests << request; });
        auto finish = [&controller, &requests](const QString& text) {
            core::TurnResult result;
            result.turnId = requests.last().turnId;
            result.text = text;
            controller.onTurnFinished(result);
        };
        QVERIFY(controller.send(u"Hi"_s));
        QCOMPARE(requests.size(), 1); // no store: at once
        QCOMPARE(requests.last().persistMessageId, qint64(0));
        finish(u"Hello."_s);
        QVERIFY(controller.regenerate(1));
        finish(u"Hey."_s);
        QCOMPARE(controller.versionCount(1), 2);
        QCOMPARE(controller.versionPosition(1), 2);

        QSignalSpy reset(&controller, &ui::ConversationController::branchReset);
        QVERIFY(controller.showVersion(1, -1));
        QCOMPARE(reset.count(), 1);
        QCOMPARE(controller.messageAt(1).content, u"Hello."_s);
        QCOMPARE(controller.versionPosition(1), 1);
        QVERIFY(controller.showVersion(1, 1));
        QCOMPARE(controller.messageAt(1).content, u"Hey."_s);

        // An edit of the first message keeps both of its branches.
        QVERIFY(controller.editAndSend(0, u"Hi again"_s));
        finish(u"Hello again."_s);
        QCOMPARE(controller.versionCount(0), 2);
        QVERIFY(controller.showVersion(0, -1));
        QCOMPARE(controller.messageCount(), 2);
        QCOMPARE(controller.messageAt(0).content, u"Hi"_s);
        QCOMPARE(controller.messageAt(1).content, u"Hey."_s);
        QCOMPARE(controller.versionCount(1), 2);
    }

private:
    void openWindow(const ui::ChatSettings& chat)
    {
        m_engine.reset();
        m_window = std::make_unique<ui::MainWindow>(chat, m_client.get());
        m_engine = std::make_unique<FakeEngine>(m_window.get(), m_store.get());
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    }

    // One question and its answer, finished.
    void exchange(const QString& question, const QString& answer)
    {
        QSignalSpy ended(m_window.get(), &ui::MainWindow::turnEnded);
        m_engine->script({answer});
        m_window->sendText(question);
        QTRY_COMPARE(ended.count(), 1);
    }

    // A stored conversation of `count` messages ("Message 0"...), straight through the store.
    QList<qint64> seed(int count)
    {
        QSignalSpy created(m_store.get(), &core::Store::conversationCreated);
        QSignalSpy appended(m_store.get(), &core::Store::messageAppended);
        m_store->createConversation(u"Long"_s, u"seed"_s);
        if (created.isEmpty())
            created.wait();
        m_conversationId = created.last().at(0).value<core::ConversationSummary>().id;
        QList<qint64> ids;
        qint64 parent = 0;
        for (int i = 0; i < count; ++i) {
            core::StoredMessage message;
            message.conversationId = m_conversationId;
            message.parentId = parent;
            message.role = i % 2 == 0 ? core::Role::User : core::Role::Assistant;
            message.content = u"Message %1"_s.arg(i);
            m_store->appendMessage(message, u"seed"_s);
            if (appended.size() <= i)
                appended.wait();
            parent = appended.last().at(0).value<core::StoredMessage>().id;
            ids << parent;
        }
        return ids;
    }

    QTemporaryDir m_dir;
    int m_databases = 0;
    std::unique_ptr<core::Store> m_store;
    std::unique_ptr<core::StoreClient> m_client;
    std::unique_ptr<ui::MainWindow> m_window;
    std::unique_ptr<FakeEngine> m_engine;
    qint64 m_conversationId = 0;
};

QTEST_MAIN(ConversationControllerTest)
#include "ConversationControllerTest.moc"
