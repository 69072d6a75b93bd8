// Sidebar: layout, the store round trips, search, delete with Undo, and keyboard handling.
#include "ui/Sidebar.h"

#include "ui/ConversationDelegate.h"
#include "ui/ConversationListModel.h"
#include "ui/SearchResultDelegate.h"
#include "ui/SearchResultsModel.h"
#include "ui/ThemePalette.h"
#include "ui/UndoBar.h"

#include <QAction>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QPainter>
#include <QPushButton>
#include <QScrollBar>
#include <QShortcut>
#include <QStackedWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <utility>

namespace keel::ui {

namespace {

// Search tags are unique across sidebars (several windows may share one store).
QString nextSearchTag()
{
    static quint64 serial = 0;
    return QStringLiteral("sidebar-search-%1").arg(++serial);
}

void setUpView(QListView* view)
{
    view->setFrameShape(QFrame::NoFrame);
    view->setSelectionMode(QAbstractItemView::NoSelection); // the delegates draw the cursor
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    view->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    view->setMouseTracking(true);
    view->viewport()->setAttribute(Qt::WA_Hover);
    // The sidebar paints its own panel colour behind the rows.
    view->viewport()->setAutoFillBackground(false);
    view->setContextMenuPolicy(Qt::CustomContextMenu);
}

// The first row at or after `row` (stepping by `step`) that can take the cursor.
QModelIndex enabledRow(const QAbstractItemModel* model, int row, int step)
{
    for (; row >= 0 && row < model->rowCount(); row += step) {
        const QModelIndex index = model->index(row, 0);
        if (model->flags(index).testFlag(Qt::ItemIsEnabled))
            return index;
    }
    return {};
}

} // namespace

template <typename F>
void Sidebar::request(F&& call) const
{
    if (m_store.store()) // a sidebar without a store (no history) still works, empty
        m_store.post(std::forward<F>(call));
}

Sidebar::Sidebar(core::StoreClient store, QWidget* parent)
    : QWidget(parent)
    , m_store(store)
    , m_conversations(new ConversationListModel(this))
    , m_results(new SearchResultsModel(this))
    , m_delegate(new ConversationDelegate(this))
    , m_newChatButton(new QPushButton(tr("New chat")))
    , m_search(new QLineEdit)
    , m_pages(new QStackedWidget)
    , m_listView(new QListView)
    , m_resultsView(new QListView)
    , m_emptyLabel(new QLabel)
    , m_undoBar(new UndoBar)
    , m_renameAction(new QAction(tr("Rename"), this))
    , m_pinAction(new QAction(tr("Pin"), this))
    , m_deleteAction(new QAction(tr("Delete"), this))
{
    setAccessibleName(tr("Conversations sidebar"));
    setMinimumWidth(180);

    const QString newChatKeys =
        QKeySequence(Qt::CTRL | Qt::Key_N).toString(QKeySequence::NativeText);
    m_newChatButton->setToolTip(tr("New chat (%1)").arg(newChatKeys));
    m_newChatButton->setAccessibleName(tr("New chat"));
    m_newChatButton->setAccessibleDescription(
        tr("Starts a new conversation (%1)").arg(newChatKeys));
    m_newChatButton->setAutoDefault(false);

    m_search->setPlaceholderText(tr("Search chats"));
    m_search->setClearButtonEnabled(true);
    m_search->setAccessibleName(tr("Search chats"));
    m_search->setAccessibleDescription(
        tr("Searches the titles and messages of all conversations. Esc clears the search."));
    m_search->installEventFilter(this);

    setUpView(m_listView);
    m_listView->setModel(m_conversations);
    m_listView->setItemDelegate(m_delegate);
    m_listView->setAccessibleName(tr("Conversations"));
    m_listView->installEventFilter(this);

    setUpView(m_resultsView);
    m_resultsView->setModel(m_results);
    m_resultsView->setItemDelegate(new SearchResultDelegate(m_resultsView));
    m_resultsView->setAccessibleName(tr("Search results"));
    m_resultsView->installEventFilter(this);

    m_emptyLabel->setAlignment(Qt::AlignHCenter | Qt::AlignTop);
    m_emptyLabel->setWordWrap(true);
    m_emptyLabel->setContentsMargins(12, 24, 12, 12);
    m_emptyLabel->setForegroundRole(QPalette::PlaceholderText);

    m_pages->addWidget(m_listView);
    m_pages->addWidget(m_resultsView);
    m_pages->addWidget(m_emptyLabel);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 10, 0, 8);
    layout->setSpacing(8);
    const int side = ConversationDelegate::kRowInset;
    auto* top = new QVBoxLayout;
    top->setContentsMargins(side, 0, side, 0);
    top->setSpacing(8);
    top->addWidget(m_newChatButton);
    top->addWidget(m_search);
    layout->addLayout(top);
    layout->addWidget(m_pages, 1);
    auto* bottom = new QVBoxLayout;
    bottom->setContentsMargins(side, 0, side, 0);
    bottom->addWidget(m_undoBar);
    layout->addLayout(bottom);
    setTabOrder(m_newChatButton, m_search);
    setTabOrder(m_search, m_listView);
    setTabOrder(m_listView, m_resultsView);
    setTabOrder(m_resultsView, m_undoBar->undoButton());

    // Actions of the conversation under the cursor: in the context menu, and as keys while the
    // list has focus.
    m_renameAction->setShortcut(QKeySequence(Qt::Key_F2));
    m_deleteAction->setShortcut(QKeySequence::Delete);
    for (QAction* action : {m_renameAction, m_pinAction, m_deleteAction}) {
        action->setShortcutContext(Qt::WidgetShortcut);
        m_listView->addAction(action);
    }
    connect(m_renameAction, &QAction::triggered, this, &Sidebar::renameCurrent);
    connect(m_pinAction, &QAction::triggered, this, &Sidebar::togglePinCurrent);
    connect(m_deleteAction, &QAction::triggered, this, &Sidebar::deleteCurrent);
    auto* undo = new QShortcut(QKeySequence::Undo, this);
    undo->setContext(Qt::WidgetWithChildrenShortcut);
    connect(undo, &QShortcut::activated, this, [this] {
        if (m_undoBar->isActive())
            undoDelete();
    });

    connect(m_newChatButton, &QPushButton::clicked, this, &Sidebar::newChatRequested);
    connect(m_search, &QLineEdit::textChanged, this, &Sidebar::onSearchTextChanged);
    connect(m_listView, &QListView::clicked, this, &Sidebar::activateConversationAt);
    connect(m_resultsView, &QListView::clicked, this, &Sidebar::activateResultAt);
    connect(m_listView, &QListView::customContextMenuRequested, this, &Sidebar::showContextMenu);
    connect(m_listView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &Sidebar::updateActions);
    connect(m_undoBar, &UndoBar::undoRequested, this, &Sidebar::undoDelete);
    connect(m_undoBar, &UndoBar::expired, this, &Sidebar::finishDelete);

    connect(m_conversations, &ConversationListModel::renameRequested, this,
            [this](qint64 id, const QString& title) {
                request([id, title](core::Store* s) { s->renameConversation(id, title); });
            });
    // A list arriving while a title is edited must not close the editor: hold it until done.
    connect(m_delegate, &ConversationDelegate::editingStarted, this, [this] {
        m_conversations->setFrozen(true);
        updateActions();
    });
    connect(m_delegate, &QAbstractItemDelegate::closeEditor, this, [this] {
        m_conversations->setFrozen(false);
        updateActions();
    });
    // A changed order resets the model; the keyboard cursor and the scroll position survive it.
    connect(m_conversations, &QAbstractItemModel::modelAboutToBeReset, this, [this] {
        m_resetCursor = cursorConversation();
        m_resetScroll = m_listView->verticalScrollBar()->value();
    });
    connect(m_conversations, &QAbstractItemModel::modelReset, this, [this] {
        m_listView->doItemsLayout();
        const QModelIndex cursor = m_conversations->indexOf(
            m_resetCursor != 0 ? m_resetCursor : m_conversations->currentConversation());
        if (cursor.isValid())
            m_listView->selectionModel()->setCurrentIndex(cursor, QItemSelectionModel::NoUpdate);
        m_listView->verticalScrollBar()->setValue(m_resetScroll);
        updateActions();
    });

    m_searchDebounce.setSingleShot(true);
    m_searchDebounce.setInterval(kSearchDebounceMs);
    connect(&m_searchDebounce, &QTimer::timeout, this, &Sidebar::startSearch);
    m_listDebounce.setSingleShot(true);
    m_listDebounce.setInterval(kListDebounceMs);
    connect(&m_listDebounce, &QTimer::timeout, this, &Sidebar::refresh);
    m_midnight.setSingleShot(true);
    connect(&m_midnight, &QTimer::timeout, this, [this] {
        m_conversations->regroup();
        scheduleMidnight();
    });
    scheduleMidnight();

    connectStore();
    updateActions();
    updatePage();
    refresh();
}

Sidebar::~Sidebar()
{
    if (m_deleted.id != 0)
        request([](core::Store* s) { s->purgeDeleted(); });
}

void Sidebar::connectStore()
{
    core::Store* store = m_store.store();
    if (!store)
        return;
    // Queued: the store lives on its own thread, and saying so keeps it true if code moves.
    connect(store, &core::Store::conversationsListed, this, &Sidebar::onConversationsListed,
            Qt::QueuedConnection);
    connect(
        store, &core::Store::conversationCreated, this,
        [this](const core::ConversationSummary& c) { onConversationChanged(c); },
        Qt::QueuedConnection);
    connect(store, &core::Store::conversationChanged, this, &Sidebar::onConversationChanged,
            Qt::QueuedConnection);
    connect(store, &core::Store::conversationRemoved, this, &Sidebar::onConversationRemoved,
            Qt::QueuedConnection);
    // A new message moves its conversation to the top of Today (and may have titled it); a
    // burst of them (a whole turn, an import) costs one listing.
    connect(
        store, &core::Store::messageAppended, this, [this] { m_listDebounce.start(); },
        Qt::QueuedConnection);
    connect(store, &core::Store::searchFinished, this, &Sidebar::onSearchFinished,
            Qt::QueuedConnection);
}

void Sidebar::setCurrentConversation(qint64 conversationId)
{
    m_conversations->setCurrentConversation(conversationId);
    const QModelIndex index = m_conversations->indexOf(conversationId);
    if (index.isValid())
        m_listView->selectionModel()->setCurrentIndex(index, QItemSelectionModel::NoUpdate);
}

qint64 Sidebar::currentConversation() const
{
    return m_conversations->currentConversation();
}

void Sidebar::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void Sidebar::refresh()
{
    m_listDebounce.stop();
    request([](core::Store* s) { s->listConversations(); });
}

void Sidebar::setUndoTimeout(int milliseconds)
{
    m_undoBar->setTimeout(milliseconds);
}

QSize Sidebar::sizeHint() const
{
    return {kDefaultWidth, QWidget::sizeHint().height()};
}

bool Sidebar::isShowingSearchResults() const
{
    return m_pages->currentWidget() == m_resultsView;
}

void Sidebar::onConversationsListed(const QList<core::ConversationSummary>& conversations)
{
    m_listed = true;
    if (m_deleted.id == 0) {
        m_conversations->setConversations(conversations);
    } else {
        // A listing made before the store saw the deletion must not bring the row back.
        QList<core::ConversationSummary> shown = conversations;
        shown.removeIf([this](const auto& c) { return c.id == m_deleted.id; });
        m_conversations->setConversations(shown);
    }
    updatePage();
}

void Sidebar::onConversationChanged(const core::ConversationSummary& conversation)
{
    // id 0: the store's answer to a creation that failed (it reports the error itself).
    if (conversation.id == 0 || conversation.id == m_deleted.id)
        return;
    m_conversations->upsert(conversation);
    updatePage();
}

void Sidebar::onConversationRemoved(qint64 conversationId)
{
    if (conversationId == m_deleted.id)
        return; // this sidebar deleted it and already said so
    m_results->removeConversation(conversationId);
    if (m_conversations->remove(conversationId))
        Q_EMIT conversationDeleted(conversationId);
    updatePage();
}

void Sidebar::onSearchFinished(const QList<core::SearchHit>& hits, const QString& tag)
{
    // Only the answer to the latest query counts; earlier ones may arrive late, in any order.
    if (tag.isEmpty() || tag != m_searchTag)
        return;
    m_results->setHits(hits);
    if (m_deleted.id != 0)
        m_results->removeConversation(m_deleted.id);
    m_haveResults = true;
    if (m_results->rowCount() > 0)
        m_resultsView->selectionModel()->setCurrentIndex(m_results->index(0, 0),
                                                         QItemSelectionModel::NoUpdate);
    updatePage();
}

void Sidebar::onSearchTextChanged(const QString& text)
{
    m_searchTag.clear(); // an answer still on its way is for a query no longer in the box
    if (text.trimmed().isEmpty()) {
        m_searchDebounce.stop();
        m_haveResults = false;
        m_results->clear();
    } else {
        // The previous results stay up until the new ones arrive: no flicker while typing.
        m_searchDebounce.start();
    }
    updatePage();
}

void Sidebar::startSearch()
{
    const QString query = m_search->text().trimmed();
    if (query.isEmpty())
        return;
    m_searchTag = nextSearchTag();
    request([query, tag = m_searchTag](core::Store* s) { s->search(query, kSearchLimit, tag); });
}

void Sidebar::clearSearch()
{
    m_search->clear();
}

void Sidebar::updatePage()
{
    QWidget* page = m_listView;
    if (!m_search->text().trimmed().isEmpty() && m_haveResults) {
        page = m_results->rowCount() > 0 ? static_cast<QWidget*>(m_resultsView) : m_emptyLabel;
        m_emptyLabel->setText(tr("No matches"));
    } else if (m_conversations->rowCount() == 0) {
        page = m_emptyLabel;
        // Nothing until the store answered: "No conversations yet" would flash at start-up.
        m_emptyLabel->setText(m_listed ? tr("No conversations yet") : QString());
    }
    m_emptyLabel->setAccessibleName(m_emptyLabel->text());
    QWidget* before = m_pages->currentWidget();
    if (page == before)
        return;
    const bool hadFocus = before && before->hasFocus();
    m_pages->setCurrentWidget(page);
    // Focus must not vanish with the page that had it.
    if (hadFocus)
        (page == m_emptyLabel ? static_cast<QWidget*>(m_search) : page)->setFocus();
}

qint64 Sidebar::cursorConversation() const
{
    return m_conversations->conversationIdAt(m_listView->currentIndex());
}

void Sidebar::activateConversationAt(const QModelIndex& index)
{
    const qint64 id = m_conversations->conversationIdAt(index);
    if (id != 0)
        Q_EMIT conversationActivated(id);
}

void Sidebar::activateResultAt(const QModelIndex& index)
{
    if (const core::SearchHit* hit = m_results->hit(index.isValid() ? index.row() : -1))
        Q_EMIT messageActivated(hit->conversationId, hit->messageId);
}

void Sidebar::renameCurrent()
{
    const QModelIndex index = m_listView->currentIndex();
    if (m_conversations->conversationIdAt(index) == 0)
        return;
    m_listView->scrollTo(index);
    m_listView->edit(index);
}

void Sidebar::togglePinCurrent()
{
    const auto conversation = m_conversations->conversation(cursorConversation());
    if (!conversation)
        return;
    core::ConversationSummary changed = *conversation;
    changed.pinned = !changed.pinned;
    // Shown at once; the store's conversationChanged confirms it.
    m_conversations->upsert(changed);
    request(
        [id = changed.id, pinned = changed.pinned](core::Store* s) { s->setPinned(id, pinned); });
    m_listView->selectionModel()->setCurrentIndex(m_conversations->indexOf(changed.id),
                                                  QItemSelectionModel::NoUpdate);
}

void Sidebar::deleteCurrent()
{
    const auto conversation = m_conversations->conversation(cursorConversation());
    if (!conversation)
        return;
    const qint64 id = conversation->id;
    const int row = m_listView->currentIndex().row();
    // One Undo at a time: a second deletion makes the first final.
    const bool replacing = m_deleted.id != 0;
    m_deleted = *conversation;
    request([id, replacing](core::Store* s) {
        if (replacing)
            s->purgeDeleted();
        s->deleteConversation(id);
    });
    m_conversations->remove(id);
    m_results->removeConversation(id);
    // The cursor stays where it was: on the next conversation, or the one before at the end.
    QModelIndex next = enabledRow(m_conversations, row, 1);
    if (!next.isValid())
        next = enabledRow(m_conversations, row - 1, -1);
    if (next.isValid())
        m_listView->selectionModel()->setCurrentIndex(next, QItemSelectionModel::NoUpdate);
    m_undoBar->showMessage(tr("Conversation deleted"));
    updatePage();
    Q_EMIT conversationDeleted(id);
}

void Sidebar::undoDelete()
{
    if (m_deleted.id == 0)
        return;
    const core::ConversationSummary restored = m_deleted;
    m_deleted = {};
    m_undoBar->dismiss();
    m_conversations->upsert(restored);
    // The listing confirms it (and brings any change made meanwhile).
    request([id = restored.id](core::Store* s) {
        s->restoreConversation(id);
        s->listConversations();
    });
    m_listView->selectionModel()->setCurrentIndex(m_conversations->indexOf(restored.id),
                                                  QItemSelectionModel::NoUpdate);
    updatePage();
}

void Sidebar::finishDelete()
{
    if (m_deleted.id == 0)
        return;
    m_deleted = {};
    request([](core::Store* s) { s->purgeDeleted(); });
}

void Sidebar::updateActions()
{
    const auto conversation = m_conversations->conversation(cursorConversation());
    const bool available = conversation.has_value() && !m_conversations->isFrozen();
    for (QAction* action : {m_renameAction, m_pinAction, m_deleteAction})
        action->setEnabled(available);
    m_pinAction->setText(conversation && conversation->pinned ? tr("Unpin") : tr("Pin"));
}

void Sidebar::showContextMenu(const QPoint& position)
{
    const QModelIndex index = m_listView->indexAt(position);
    if (m_conversations->conversationIdAt(index) == 0)
        return;
    m_listView->selectionModel()->setCurrentIndex(index, QItemSelectionModel::NoUpdate);
    updateActions();
    QMenu menu(this);
    menu.addAction(m_renameAction);
    menu.addAction(m_pinAction);
    menu.addSeparator();
    menu.addAction(m_deleteAction);
    if (!m_conversationActions.isEmpty()) {
        menu.addSeparator();
        menu.addActions(m_conversationActions);
    }
    menu.exec(m_listView->viewport()->mapToGlobal(position));
}

void Sidebar::addConversationAction(QAction* action)
{
    m_conversationActions.append(action);
    connect(action, &QObject::destroyed, this,
            [this, action] { m_conversationActions.removeAll(action); });
}

void Sidebar::scheduleMidnight()
{
    const QDateTime now = QDateTime::currentDateTime();
    const QDateTime next(now.date().addDays(1), QTime(0, 0, 1));
    m_midnight.start(int(std::clamp<qint64>(now.msecsTo(next), 1000, 24 * 3600 * 1000)));
}

bool Sidebar::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() != QEvent::KeyPress && event->type() != QEvent::ShortcutOverride)
        return QWidget::eventFilter(watched, event);
    auto* key = static_cast<QKeyEvent*>(event);
    if ((key->modifiers() & ~Qt::KeypadModifier) != Qt::NoModifier)
        return QWidget::eventFilter(watched, event);
    const bool enter = key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter;
    const bool escape = key->key() == Qt::Key_Escape;
    const bool searching = !m_search->text().isEmpty();
    QListView* view = isShowingSearchResults() ? m_resultsView : m_listView;

    bool ours = false;
    if (watched == m_search) {
        // Esc belongs to the search while there is one (not to the window's Stop).
        ours = (escape && searching) || (enter && isShowingSearchResults())
               || (key->key() == Qt::Key_Down && m_pages->currentWidget() == view);
    } else if (watched == m_listView || watched == m_resultsView) {
        auto* target = static_cast<QListView*>(watched);
        const QModelIndex current = target->currentIndex();
        const bool atTop = key->key() == Qt::Key_Up
                           && (!current.isValid()
                               || !enabledRow(target->model(), current.row() - 1, -1).isValid());
        ours = enter || atTop || (escape && searching && watched == m_resultsView);
    }
    if (!ours)
        return QWidget::eventFilter(watched, event);
    event->accept();
    if (event->type() == QEvent::ShortcutOverride)
        return true; // the key press comes to this filter next

    if (watched == m_search) {
        if (escape) {
            clearSearch();
        } else if (enter) {
            activateResultAt(m_resultsView->currentIndex().isValid() ? m_resultsView->currentIndex()
                                                                     : m_results->index(0, 0));
        } else {
            if (!view->currentIndex().isValid()) {
                const QModelIndex first = enabledRow(view->model(), 0, 1);
                view->selectionModel()->setCurrentIndex(first, QItemSelectionModel::NoUpdate);
            }
            view->setFocus(Qt::TabFocusReason);
        }
    } else if (enter) {
        if (watched == m_listView)
            activateConversationAt(m_listView->currentIndex());
        else
            activateResultAt(m_resultsView->currentIndex());
    } else if (escape) {
        clearSearch();
        m_listView->setFocus(Qt::OtherFocusReason);
    } else {
        m_search->setFocus(Qt::TabFocusReason); // Up from the first row
    }
    return true;
}

void Sidebar::paintEvent(QPaintEvent*)
{
    // A panel a shade apart from the chat, with a hairline edge, in light and dark alike.
    QPainter painter(this);
    const QColor window = palette().color(QPalette::Window);
    const QColor text = palette().color(QPalette::WindowText);
    painter.fillRect(rect(), mix(window, text, 0.035));
    painter.fillRect(QRect(width() - 1, 0, 1, height()), mix(window, text, 0.15));
}

} // namespace keel::ui
