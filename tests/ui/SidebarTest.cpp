// UI tests of the sidebar against a Store on its StoreThread, through the real queued wiring:
// every request the sidebar makes is a queued call on the store, every answer a queued signal.
// What the sidebar asked for is checked by what the store did (a StoreProbe records the store's
// signals on the test thread), so the test holds for any Store that keeps Store.h's contract.
// Grouping with a fixed clock is covered by tests/unit/ConversationListModelTest.
#include "ui/Sidebar.h"

#include "core/store/StoreClient.h"
#include "core/store/StoreThread.h"
#include "ui/ConversationListModel.h"
#include "ui/SearchResultsModel.h"
#include "ui/UndoBar.h"

#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace keel;
using namespace Qt::StringLiterals;

namespace {

constexpr int kWaitMs = 5000;

// The store's signals as seen on the test thread (queued, like the sidebar sees them).
class StoreProbe : public QObject {
public:
    explicit StoreProbe(core::Store* store)
    {
        const auto queued = Qt::QueuedConnection;
        connect(
            store, &core::Store::opened, this, [this](bool ok) { opened.append(ok); }, queued);
        connect(
            store, &core::Store::conversationsListed, this,
            [this](const QList<core::ConversationSummary>& list) { listed.append(list); }, queued);
        connect(
            store, &core::Store::conversationCreated, this,
            [this](const core::ConversationSummary& c) { created.append(c); }, queued);
        connect(
            store, &core::Store::conversationChanged, this,
            [this](const core::ConversationSummary& c) { changed.append(c); }, queued);
        connect(
            store, &core::Store::conversationRemoved, this,
            [this](qint64 id) { removed.append(id); }, queued);
        connect(
            store, &core::Store::messageAppended, this,
            [this](const core::StoredMessage& m) { appended.append(m); }, queued);
        connect(
            store, &core::Store::searchFinished, this,
            [this](const QList<core::SearchHit>& hits, const QString& tag) {
                searches.append({hits, tag});
            },
            queued);
    }

    QList<bool> opened;
    QList<QList<core::ConversationSummary>> listed;
    QList<core::ConversationSummary> created;
    QList<core::ConversationSummary> changed;
    QList<qint64> removed;
    QList<core::StoredMessage> appended;
    QList<QPair<QList<core::SearchHit>, QString>> searches;
};

QStringList rows(const QAbstractItemModel* model)
{
    QStringList out;
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex index = model->index(row, 0);
        const QString text = index.data().toString();
        out.append(index.data(ui::ConversationListModel::IsHeaderRole).toBool() ? "# "_L1 + text
                                                                                : text);
    }
    return out;
}

// The store's match markers written as [ and ] for readability.
QString marked(QString text)
{
    return text.replace(u'[', QChar(0x02)).replace(u']', QChar(0x03));
}

bool containsId(const QList<core::ConversationSummary>& list, qint64 id)
{
    return std::any_of(list.cbegin(), list.cend(), [id](const auto& c) { return c.id == id; });
}

} // namespace

class SidebarTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_storeThread = std::make_unique<core::StoreThread>();
        m_store = m_storeThread->store();
        m_probe = std::make_unique<StoreProbe>(m_store);
        m_storeThread->start();
        const QString path = m_dir.filePath(u"history-%1.db"_s.arg(++m_dbSerial));
        client().post([path](core::Store* s) { s->open(path); });
        QTRY_COMPARE_WITH_TIMEOUT(m_probe->opened.size(), 1, kWaitMs);
        QVERIFY(m_probe->opened.at(0));
    }

    void cleanup()
    {
        m_sidebar.reset();
        m_probe.reset();
        m_storeThread.reset(); // deletes the store on its thread, then joins it
        m_store = nullptr;
    }

    void emptyStoreSaysSoThenShowsNewConversations()
    {
        makeSidebar();
        QLabel* empty = m_sidebar->emptyStateLabel();
        QTRY_VERIFY(empty->isVisible());
        QCOMPARE(empty->text(), u"No conversations yet"_s);

        const qint64 titled = create(u"Alpha"_s);
        const qint64 untitled = create({});
        QTRY_COMPARE(model()->conversationCount(), 2);
        QVERIFY(m_sidebar->conversationView()->isVisible());
        QVERIFY(!empty->isVisible());
        // Newest first; an untitled conversation reads "New chat".
        QCOMPARE(rows(model()), QStringList({u"# Today"_s, u"New chat"_s, u"Alpha"_s}));
        QCOMPARE(model()->conversationIdAt(model()->index(1)), untitled);
        QCOMPARE(model()->conversationIdAt(model()->index(2)), titled);
    }

    void clickAndKeyboardActivate()
    {
        const qint64 a = create(u"A"_s);
        const qint64 b = create(u"B"_s);
        const qint64 c = create(u"C"_s);
        pin(a);
        makeSidebar(3);
        QCOMPARE(rows(model()), QStringList({u"# Pinned"_s, u"A"_s, u"# Today"_s, u"C"_s, u"B"_s}));
        QSignalSpy activated(m_sidebar.get(), &ui::Sidebar::conversationActivated);
        QListView* view = m_sidebar->conversationView();

        QTest::mouseClick(view->viewport(), Qt::LeftButton, {},
                          view->visualRect(model()->indexOf(b)).center());
        QCOMPARE(activated.count(), 1);
        QCOMPARE(activated.at(0).at(0).toLongLong(), b);
        // A header does nothing.
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {},
                          view->visualRect(model()->index(2)).center());
        QCOMPARE(activated.count(), 1);

        // Down from the last pinned row steps over the "Today" header.
        view->setFocus();
        view->setCurrentIndex(model()->indexOf(a));
        QTest::keyClick(view, Qt::Key_Down);
        QCOMPARE(view->currentIndex(), model()->indexOf(c));
        QCOMPARE(activated.count(), 1); // moving is not opening
        QTest::keyClick(view, Qt::Key_Return);
        QCOMPARE(activated.count(), 2);
        QCOMPARE(activated.at(1).at(0).toLongLong(), c);

        // Up from the first row goes to the search box; Down comes back.
        view->setCurrentIndex(model()->indexOf(a));
        QTest::keyClick(view, Qt::Key_Up);
        QVERIFY(m_sidebar->searchBox()->hasFocus());
        QTest::keyClick(m_sidebar->searchBox(), Qt::Key_Down);
        QVERIFY(view->hasFocus());
    }

    void currentConversationIsHighlighted()
    {
        create(u"A"_s);
        const qint64 b = create(u"B"_s);
        makeSidebar(2);
        m_sidebar->setCurrentConversation(b);
        QCOMPARE(m_sidebar->currentConversation(), b);
        QVERIFY(model()->indexOf(b).data(ui::ConversationListModel::CurrentRole).toBool());
        QCOMPARE(m_sidebar->conversationView()->currentIndex(), model()->indexOf(b));
        m_sidebar->setCurrentConversation(0);
        QVERIFY(!model()->indexOf(b).data(ui::ConversationListModel::CurrentRole).toBool());
    }

    void newChatButton()
    {
        makeSidebar();
        QSignalSpy requested(m_sidebar.get(), &ui::Sidebar::newChatRequested);
        QPushButton* button = m_sidebar->newChatButton();
        QCOMPARE(button->text(), u"New chat"_s);
        QVERIFY(button->toolTip().contains(
            QKeySequence(Qt::CTRL | Qt::Key_N).toString(QKeySequence::NativeText)));
        QTest::mouseClick(button, Qt::LeftButton);
        QCOMPARE(requested.count(), 1);
    }

    void renameWithF2PostsRenameConversation()
    {
        const qint64 id = create(u"Draft"_s);
        makeSidebar(1);
        QListView* view = m_sidebar->conversationView();
        view->setFocus();
        view->setCurrentIndex(model()->indexOf(id));

        // Esc in the editor changes nothing.
        QTest::keyClick(view, Qt::Key_F2);
        QLineEdit* editor = view->findChild<QLineEdit*>();
        QVERIFY(editor);
        QTRY_VERIFY(editor->hasFocus());
        QCOMPARE(editor->text(), u"Draft"_s);
        QTest::keyClicks(editor, u"Nope"_s);
        QTest::keyClick(editor, Qt::Key_Escape);
        QTRY_VERIFY(!view->findChild<QLineEdit*>());

        QTest::keyClick(view, Qt::Key_F2);
        editor = view->findChild<QLineEdit*>();
        QVERIFY(editor);
        QTRY_VERIFY(editor->hasFocus());
        QVERIFY(editor->hasSelectedText()); // typing replaces the old title
        QTest::keyClicks(editor, u"Trip plans"_s);
        QTest::keyClick(editor, Qt::Key_Return);

        QTRY_COMPARE_WITH_TIMEOUT(m_probe->changed.size(), 1, kWaitMs);
        QCOMPARE(m_probe->changed.at(0).id, id);
        QCOMPARE(m_probe->changed.at(0).title, u"Trip plans"_s);
        QTRY_COMPARE(model()->indexOf(id).data().toString(), u"Trip plans"_s);
        QTRY_VERIFY(!view->findChild<QLineEdit*>());
        QVERIFY(view->hasFocus());
    }

    void anEditorSurvivesListChanges()
    {
        const qint64 id = create(u"Draft"_s);
        makeSidebar(1);
        QListView* view = m_sidebar->conversationView();
        view->setFocus();
        view->setCurrentIndex(model()->indexOf(id));
        QTest::keyClick(view, Qt::Key_F2);
        QPointer<QLineEdit> editor = view->findChild<QLineEdit*>();
        QVERIFY(editor);
        QTRY_VERIFY(editor->hasFocus());
        QVERIFY(!m_sidebar->deleteAction()->isEnabled()); // Del edits text, not the list

        // A conversation made elsewhere (another window) changes the rows meanwhile.
        const qint64 other = create(u"Elsewhere"_s);
        QTest::qWait(50);
        QVERIFY(editor);
        QVERIFY(editor->hasFocus());
        QTest::keyClicks(editor, u"Kept"_s);
        QTest::keyClick(editor, Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(m_probe->changed.size(), 1, kWaitMs);
        QCOMPARE(m_probe->changed.at(0).title, u"Kept"_s);
        QTRY_COMPARE(model()->conversationCount(), 2);
        QVERIFY(model()->indexOf(other).isValid());
        QCOMPARE(model()->indexOf(id).data().toString(), u"Kept"_s);
        QVERIFY(m_sidebar->deleteAction()->isEnabled());
    }

    void pinAndUnpin()
    {
        const qint64 a = create(u"A"_s);
        create(u"B"_s);
        makeSidebar(2);
        QListView* view = m_sidebar->conversationView();
        view->setCurrentIndex(model()->indexOf(a));
        QCOMPARE(m_sidebar->pinAction()->text(), u"Pin"_s);
        m_sidebar->pinAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(m_probe->changed.size(), 1, kWaitMs);
        QVERIFY(m_probe->changed.at(0).pinned);
        QTRY_COMPARE(rows(model()), QStringList({u"# Pinned"_s, u"A"_s, u"# Today"_s, u"B"_s}));
        QCOMPARE(view->currentIndex(), model()->indexOf(a)); // the cursor follows the row
        QCOMPARE(m_sidebar->pinAction()->text(), u"Unpin"_s);
        m_sidebar->pinAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(m_probe->changed.size(), 2, kWaitMs);
        QVERIFY(!m_probe->changed.at(1).pinned);
        QTRY_COMPARE(rows(model()), QStringList({u"# Today"_s, u"B"_s, u"A"_s}));
    }

    void deleteShowsUndoAndUndoRestores()
    {
        const qint64 a = create(u"A"_s);
        const qint64 b = create(u"B"_s);
        makeSidebar(2);
        QSignalSpy deleted(m_sidebar.get(), &ui::Sidebar::conversationDeleted);
        QListView* view = m_sidebar->conversationView();
        view->setFocus();
        view->setCurrentIndex(model()->indexOf(b));

        QTest::keyClick(view, Qt::Key_Delete);
        QCOMPARE(rows(model()), QStringList({u"# Today"_s, u"A"_s})); // gone at once
        QCOMPARE(deleted.count(), 1);
        QCOMPARE(deleted.at(0).at(0).toLongLong(), b);
        QCOMPARE(view->currentIndex(), model()->indexOf(a)); // the cursor moved on
        ui::UndoBar* bar = m_sidebar->undoBar();
        QVERIFY(bar->isVisible());
        QCOMPARE(bar->message(), u"Conversation deleted"_s);
        QTRY_COMPARE_WITH_TIMEOUT(m_probe->removed, QList<qint64>{b}, kWaitMs);

        const qsizetype listings = m_probe->listed.size();
        QTest::mouseClick(bar->undoButton(), Qt::LeftButton);
        QVERIFY(!bar->isVisible());
        QCOMPARE(model()->conversationCount(), 2);
        // The store has it back: the sidebar's own listing after the restore includes it.
        QTRY_VERIFY_WITH_TIMEOUT(m_probe->listed.size() > listings, kWaitMs);
        QVERIFY(containsId(m_probe->listed.last(), b));
        QTest::qWait(50);
        QCOMPARE(rows(model()), QStringList({u"# Today"_s, u"B"_s, u"A"_s}));
        QCOMPARE(deleted.count(), 1);
    }

    void undoTimeoutPurges()
    {
        const qint64 a = create(u"A"_s);
        create(u"B"_s);
        makeSidebar(2);
        m_sidebar->setUndoTimeout(50);
        QListView* view = m_sidebar->conversationView();
        view->setFocus();
        view->setCurrentIndex(model()->indexOf(a));
        QTest::keyClick(view, Qt::Key_Delete);
        QVERIFY(m_sidebar->undoBar()->isVisible());
        QTRY_VERIFY(!m_sidebar->undoBar()->isVisible());

        // Purged means final: a restore asked for afterwards brings nothing back. (Queued after
        // the sidebar's purgeDeleted, so the store sees them in that order.)
        QVERIFY(restoreAndList(a));
        QVERIFY(!containsId(m_probe->listed.last(), a));
        QCOMPARE(m_probe->listed.last().size(), 1);
    }

    void secondDeleteMakesTheFirstFinal()
    {
        const qint64 a = create(u"A"_s);
        const qint64 b = create(u"B"_s);
        create(u"C"_s);
        makeSidebar(3);
        QListView* view = m_sidebar->conversationView();
        view->setFocus();
        view->setCurrentIndex(model()->indexOf(a));
        QTest::keyClick(view, Qt::Key_Delete);
        view->setCurrentIndex(model()->indexOf(b));
        QTest::keyClick(view, Qt::Key_Delete);
        QVERIFY(m_sidebar->undoBar()->isVisible());
        QTest::mouseClick(m_sidebar->undoBar()->undoButton(), Qt::LeftButton);
        QTRY_COMPARE(rows(model()), QStringList({u"# Today"_s, u"C"_s, u"B"_s}));

        QVERIFY(restoreAndList(a));
        QVERIFY(!containsId(m_probe->listed.last(), a));
        QVERIFY(containsId(m_probe->listed.last(), b));
    }

    void newMessagesRelistOnceAndBumpTheConversation()
    {
        const qint64 older = create(u"Older"_s);
        // Store times may have one-second resolution: make "newer" and the messages distinct.
        QTest::qWait(1100);
        create(u"Newer"_s);
        makeSidebar(2);
        QCOMPARE(rows(model()), QStringList({u"# Today"_s, u"Newer"_s, u"Older"_s}));
        QTest::qWait(1100);

        const qsizetype listings = m_probe->listed.size();
        qint64 parent = 0;
        for (const QString& text : {u"one"_s, u"two"_s, u"three"_s})
            parent = append(older, parent, text);
        QVERIFY(parent != 0);
        QTRY_COMPARE(rows(model()), QStringList({u"# Today"_s, u"Older"_s, u"Newer"_s}));
        QTest::qWait(ui::Sidebar::kListDebounceMs * 2);
        QCOMPARE(m_probe->listed.size(), listings + 1); // a burst costs one listing
    }

    void searchIsDebouncedAndShowsHighlightedHits()
    {
        const qint64 trip = create(u"Weekend trip"_s);
        const qint64 message = append(trip, 0, u"Book the alpine hut for Saturday"_s);
        create(u"Groceries"_s);
        makeSidebar(2);
        QLineEdit* search = m_sidebar->searchBox();
        QCOMPARE(search->placeholderText(), u"Search chats"_s);
        QCOMPARE(search->accessibleName(), u"Search chats"_s);
        QVERIFY(search->isClearButtonEnabled());

        search->setFocus();
        QTest::keyClicks(search, u"alpine"_s); // six keys, faster than the debounce
        QTRY_COMPARE_WITH_TIMEOUT(m_probe->searches.size(), 1, kWaitMs);
        QTest::qWait(ui::Sidebar::kSearchDebounceMs * 2);
        QCOMPARE(m_probe->searches.size(), 1);

        QTRY_VERIFY(m_sidebar->isShowingSearchResults());
        QVERIFY(m_sidebar->resultsView()->isVisible());
        QVERIFY(!m_sidebar->conversationView()->isVisible());
        const ui::SearchResultsModel* results = m_sidebar->searchModel();
        QCOMPARE(results->rowCount(), 1);
        const QModelIndex hit = results->index(0, 0);
        QCOMPARE(hit.data(ui::SearchResultsModel::ConversationIdRole).toLongLong(), trip);
        QCOMPARE(hit.data(ui::SearchResultsModel::MessageIdRole).toLongLong(), message);
        QCOMPARE(hit.data(ui::SearchResultsModel::TitleRole).toString(), u"Weekend trip"_s);
        // The markers are gone and the match is a highlight range over "alpine".
        const QString snippet = hit.data(ui::SearchResultsModel::SnippetRole).toString();
        const auto ranges =
            hit.data(ui::SearchResultsModel::HighlightsRole).value<QList<ui::TextRange>>();
        QVERIFY(!snippet.contains(QChar(0x02)) && !snippet.contains(QChar(0x03)));
        QVERIFY(!ranges.isEmpty());
        QCOMPARE(snippet.mid(ranges.at(0).start, ranges.at(0).length).toLower(), u"alpine"_s);
    }

    void staleSearchAnswersAreIgnored()
    {
        const qint64 trip = create(u"Weekend trip"_s);
        append(trip, 0, u"Book the alpine hut"_s);
        const qint64 groceries = create(u"Groceries"_s);
        makeSidebar(2);
        QLineEdit* search = m_sidebar->searchBox();
        search->setFocus();

        QTest::keyClicks(search, u"alpine"_s);
        QTRY_COMPARE_WITH_TIMEOUT(m_probe->searches.size(), 1, kWaitMs);
        const QString first = m_probe->searches.at(0).second;
        search->selectAll();
        QTest::keyClicks(search, u"groceries"_s);
        QTRY_COMPARE_WITH_TIMEOUT(m_probe->searches.size(), 2, kWaitMs);
        const QString second = m_probe->searches.at(1).second;
        QVERIFY(first != second);
        const ui::SearchResultsModel* results = m_sidebar->searchModel();
        QTRY_COMPARE(results->rowCount(), 1);
        QCOMPARE(results->index(0, 0).data(ui::SearchResultsModel::ConversationIdRole).toLongLong(),
                 groceries);

        // A late answer to the first query changes nothing...
        core::SearchHit late{trip, 99, u"Weekend trip"_s, marked(u"[late]"_s), {}};
        Q_EMIT m_store->searchFinished({late, late}, first);
        QTRY_COMPARE(m_probe->searches.size(), 3);
        QTest::qWait(20);
        QCOMPARE(results->rowCount(), 1);
        QCOMPARE(results->index(0, 0).data(ui::SearchResultsModel::ConversationIdRole).toLongLong(),
                 groceries);

        // ...while one carrying the current tag is taken, highlights and all.
        core::SearchHit hit{
            trip, 7, u"Weekend trip"_s, marked(u"say [hello] to the\n\n [world]"_s), {}};
        Q_EMIT m_store->searchFinished({hit}, second);
        QTRY_COMPARE(results->index(0, 0).data(ui::SearchResultsModel::MessageIdRole).toLongLong(),
                     7);
        const QModelIndex index = results->index(0, 0);
        QCOMPARE(index.data(ui::SearchResultsModel::SnippetRole).toString(),
                 u"say hello to the world"_s);
        QCOMPARE(index.data(ui::SearchResultsModel::HighlightsRole).value<QList<ui::TextRange>>(),
                 (QList<ui::TextRange>{{4, 5}, {17, 5}}));

        // Once the box is cleared no answer is wanted at all.
        search->clear();
        Q_EMIT m_store->searchFinished({late}, second);
        QTRY_COMPARE(m_probe->searches.size(), 5);
        QTest::qWait(20);
        QCOMPARE(results->rowCount(), 0);
        QVERIFY(!m_sidebar->isShowingSearchResults());
    }

    void clearingBeforeTheDebounceSearchesNothing()
    {
        create(u"A"_s);
        makeSidebar(1);
        QLineEdit* search = m_sidebar->searchBox();
        search->setFocus();
        QTest::keyClicks(search, u"ab"_s);
        QTest::keyClick(search, Qt::Key_Escape);
        QCOMPARE(search->text(), QString());
        QTest::qWait(ui::Sidebar::kSearchDebounceMs * 3);
        QCOMPARE(m_probe->searches.size(), 0);
    }

    void hitsActivateWithEnterAndClick()
    {
        const qint64 trip = create(u"Weekend trip"_s);
        const qint64 hut = append(trip, 0, u"Book the alpine hut"_s);
        const qint64 gear = append(trip, hut, u"Pack alpine gear"_s);
        const qint64 groceries = create(u"Groceries"_s);
        makeSidebar(2);
        QSignalSpy activated(m_sidebar.get(), &ui::Sidebar::messageActivated);
        QLineEdit* search = m_sidebar->searchBox();
        search->setFocus();
        QTest::keyClicks(search, u"alpine"_s);
        QTRY_COMPARE_WITH_TIMEOUT(m_sidebar->searchModel()->rowCount(), 2, kWaitMs);
        const ui::SearchResultsModel* results = m_sidebar->searchModel();
        auto messageAt = [results](int row) {
            return results->index(row, 0).data(ui::SearchResultsModel::MessageIdRole).toLongLong();
        };
        QCOMPARE(QSet<qint64>({messageAt(0), messageAt(1)}), QSet<qint64>({hut, gear}));

        // Enter in the search box opens the first hit.
        QTest::keyClick(search, Qt::Key_Return);
        QCOMPARE(activated.count(), 1);
        QCOMPARE(activated.at(0).at(0).toLongLong(), trip);
        QCOMPARE(activated.at(0).at(1).toLongLong(), messageAt(0));

        // Down moves into the results; Down, Enter opens the second.
        QListView* view = m_sidebar->resultsView();
        QTest::keyClick(search, Qt::Key_Down);
        QVERIFY(view->hasFocus());
        QTest::keyClick(view, Qt::Key_Down);
        QTest::keyClick(view, Qt::Key_Return);
        QCOMPARE(activated.count(), 2);
        QCOMPARE(activated.at(1).at(1).toLongLong(), messageAt(1));

        // A click on a title hit: messageId 0.
        search->setFocus();
        search->selectAll();
        QTest::keyClicks(search, u"groceries"_s);
        QTRY_COMPARE_WITH_TIMEOUT(m_probe->searches.size(), 2, kWaitMs);
        QTRY_COMPARE(results->rowCount(), 1);
        QCOMPARE(messageAt(0), 0);
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {},
                          view->visualRect(results->index(0, 0)).center());
        QCOMPARE(activated.count(), 3);
        QCOMPARE(activated.at(2).at(0).toLongLong(), groceries);
        QCOMPARE(activated.at(2).at(1).toLongLong(), 0);
    }

    void noMatchesAndEscReturnToTheList()
    {
        create(u"Weekend trip"_s);
        makeSidebar(1);
        QLineEdit* search = m_sidebar->searchBox();
        search->setFocus();
        QTest::keyClicks(search, u"zebra"_s);
        QTRY_COMPARE_WITH_TIMEOUT(m_probe->searches.size(), 1, kWaitMs);
        QTRY_VERIFY(m_sidebar->emptyStateLabel()->isVisible());
        QCOMPARE(m_sidebar->emptyStateLabel()->text(), u"No matches"_s);

        QTest::keyClick(search, Qt::Key_Escape);
        QCOMPARE(search->text(), QString());
        QVERIFY(m_sidebar->conversationView()->isVisible());
        QVERIFY(!m_sidebar->emptyStateLabel()->isVisible());
        QVERIFY(search->hasFocus());

        // From the results themselves, Esc also lands on the list (with the focus).
        QTest::keyClicks(search, u"weekend"_s);
        QTRY_VERIFY_WITH_TIMEOUT(m_sidebar->isShowingSearchResults(), kWaitMs);
        QTest::keyClick(search, Qt::Key_Down);
        QVERIFY(m_sidebar->resultsView()->hasFocus());
        QTest::keyClick(m_sidebar->resultsView(), Qt::Key_Escape);
        QCOMPARE(search->text(), QString());
        QVERIFY(!m_sidebar->isShowingSearchResults());
        QVERIFY(m_sidebar->conversationView()->hasFocus());
    }

    void focusSearchSelectsTheQuery()
    {
        makeSidebar();
        m_sidebar->searchBox()->setText(u"old query"_s);
        m_sidebar->conversationView()->setFocus();
        m_sidebar->focusSearch();
        QVERIFY(m_sidebar->searchBox()->hasFocus());
        QCOMPARE(m_sidebar->searchBox()->selectedText(), u"old query"_s);
    }

    void accessibleNamesAndDefaultWidth()
    {
        makeSidebar();
        QCOMPARE(m_sidebar->sizeHint().width(), ui::Sidebar::kDefaultWidth);
        for (QWidget* widget :
             QList<QWidget*>{m_sidebar.get(), m_sidebar->newChatButton(), m_sidebar->searchBox(),
                             m_sidebar->conversationView(), m_sidebar->resultsView(),
                             m_sidebar->undoBar(), m_sidebar->undoBar()->undoButton()})
            QVERIFY2(!widget->accessibleName().isEmpty(), widget->metaObject()->className());
    }

    void worksWithoutAStore()
    {
        ui::Sidebar sidebar{core::StoreClient(nullptr)};
        sidebar.show();
        QVERIFY(QTest::qWaitForWindowExposed(&sidebar));
        QTest::keyClicks(sidebar.searchBox(), u"anything"_s);
        QTest::qWait(ui::Sidebar::kSearchDebounceMs * 2);
        sidebar.refresh();
        QCOMPARE(sidebar.conversationModel()->conversationCount(), 0);
        QVERIFY(!sidebar.isShowingSearchResults());
    }

    void snippetMarkers_data()
    {
        QTest::addColumn<QString>("snippet");
        QTest::addColumn<QString>("plain");
        QTest::addColumn<QList<ui::TextRange>>("ranges");
        QTest::newRow("none") << u"plain text"_s << u"plain text"_s << QList<ui::TextRange>{};
        QTest::newRow("two") << marked(u"a [bc] d [ef]"_s) << u"a bc d ef"_s
                             << QList<ui::TextRange>{{2, 2}, {7, 2}};
        QTest::newRow("unclosed runs to the end")
            << marked(u"x [yz"_s) << u"x yz"_s << QList<ui::TextRange>{{2, 2}};
        QTest::newRow("stray end and empty match")
            << marked(u"]q[]r"_s) << u"qr"_s << QList<ui::TextRange>{};
        QTest::newRow("whitespace folded, edges trimmed")
            << marked(u"  one\n\ttwo [ three ]  "_s) << u"one two three"_s
            << QList<ui::TextRange>{{8, 5}};
        QTest::newRow("control characters dropped")
            << marked(u"a\x01-b [c]"_s) << u"a-b c"_s << QList<ui::TextRange>{{4, 1}};
        QTest::newRow("CJK") << marked(u"東京[タワー]へ"_s) << u"東京タワーへ"_s
                             << QList<ui::TextRange>{{2, 3}};
        QTest::newRow("empty") << QString() << QString() << QList<ui::TextRange>{};
    }

    void snippetMarkers()
    {
        QFETCH(QString, snippet);
        QFETCH(QString, plain);
        QFETCH(QList<ui::TextRange>, ranges);
        QList<ui::TextRange> found{{99, 99}}; // replaced, not appended to
        QCOMPARE(ui::SearchResultsModel::plainSnippet(snippet, &found), plain);
        QCOMPARE(found, ranges);
    }

private:
    core::StoreClient client() const { return core::StoreClient(m_store); }
    ui::ConversationListModel* model() const { return m_sidebar->conversationModel(); }

    // Creates the sidebar and waits until it shows `conversations` conversations.
    void makeSidebar(int conversations = 0)
    {
        m_sidebar = std::make_unique<ui::Sidebar>(client());
        m_sidebar->resize(ui::Sidebar::kDefaultWidth, 560);
        m_sidebar->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_sidebar.get()));
        m_sidebar->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_sidebar.get()));
        QTRY_VERIFY_WITH_TIMEOUT(!m_probe->listed.isEmpty(), kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(model()->conversationCount(), conversations, kWaitMs);
    }

    qint64 create(const QString& title)
    {
        const qsizetype before = m_probe->created.size();
        const QString tag = u"test-%1"_s.arg(before);
        client().post([title, tag](core::Store* s) { s->createConversation(title, tag); });
        if (!QTest::qWaitFor([&] { return m_probe->created.size() > before; }, kWaitMs))
            return 0;
        return m_probe->created.last().id;
    }

    void pin(qint64 id)
    {
        const qsizetype before = m_probe->changed.size();
        client().post([id](core::Store* s) { s->setPinned(id, true); });
        QVERIFY(QTest::qWaitFor([&] { return m_probe->changed.size() > before; }, kWaitMs));
    }

    // Appends a user message; returns its id.
    qint64 append(qint64 conversationId, qint64 parentId, const QString& text)
    {
        core::StoredMessage message;
        message.conversationId = conversationId;
        message.parentId = parentId;
        message.role = core::Role::User;
        message.content = text;
        const qsizetype before = m_probe->appended.size();
        client().post([message](core::Store* s) { s->appendMessage(message, u"test"_s); });
        if (!QTest::qWaitFor([&] { return m_probe->appended.size() > before; }, kWaitMs))
            return 0;
        return m_probe->appended.last().id;
    }

    // Asks the store to restore `id` and list; true once the listing is in.
    bool restoreAndList(qint64 id)
    {
        const qsizetype before = m_probe->listed.size();
        client().post([id](core::Store* s) {
            s->restoreConversation(id);
            s->listConversations();
        });
        return QTest::qWaitFor([&] { return m_probe->listed.size() > before; }, kWaitMs);
    }

    QTemporaryDir m_dir;
    int m_dbSerial = 0;
    std::unique_ptr<core::StoreThread> m_storeThread;
    core::Store* m_store = nullptr;
    std::unique_ptr<StoreProbe> m_probe;
    std::unique_ptr<ui::Sidebar> m_sidebar;
};

QTEST_MAIN(SidebarTest)

#include "SidebarTest.moc"
