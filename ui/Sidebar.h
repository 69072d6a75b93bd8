// Sidebar: the conversation list next to the chat. It mirrors the history store (grouped list,
// rename, pin, delete with Undo) and searches it. Every request goes to the store as a queued
// call through StoreClient and every answer comes back through the Store's signals (queued), so
// nothing here waits on the disk. Which conversation is open is the window's business: the
// sidebar reports activations and shows what setCurrentConversation says.
#pragma once

#include "core/store/StoreClient.h"

#include <QTimer>
#include <QWidget>

class QAction;
class QLabel;
class QLineEdit;
class QListView;
class QPushButton;
class QStackedWidget;

namespace keel::ui {

class ConversationDelegate;
class ConversationListModel;
class SearchResultsModel;
class UndoBar;

class Sidebar : public QWidget {
    Q_OBJECT
public:
    // Asks the store for the list at once.
    explicit Sidebar(core::StoreClient store, QWidget* parent = nullptr);
    // A deletion still waiting for its Undo is made final.
    ~Sidebar() override;

    // Marks the open conversation (0: none) and scrolls to it.
    void setCurrentConversation(qint64 conversationId);
    qint64 currentConversation() const;
    // Where Ctrl+F / Ctrl+Shift+F land: focus on the search box, its text selected.
    void focusSearch();
    // Asks the store for the list again.
    void refresh();

    // More actions on a conversation (e.g. Export…), in its context menu below the sidebar's
    // own; while they are triggered, contextConversation() is the one they act on.
    void addConversationAction(QAction* action);
    qint64 contextConversation() const { return cursorConversation(); }

    // How long "Conversation deleted — Undo" stays (tests shorten it).
    void setUndoTimeout(int milliseconds);

    QSize sizeHint() const override;

    // For tests and the window.
    ConversationListModel* conversationModel() const { return m_conversations; }
    SearchResultsModel* searchModel() const { return m_results; }
    QListView* conversationView() const { return m_listView; }
    QListView* resultsView() const { return m_resultsView; }
    QLineEdit* searchBox() const { return m_search; }
    QPushButton* newChatButton() const { return m_newChatButton; }
    UndoBar* undoBar() const { return m_undoBar; }
    QLabel* emptyStateLabel() const { return m_emptyLabel; }
    QAction* renameAction() const { return m_renameAction; }
    QAction* pinAction() const { return m_pinAction; }
    QAction* deleteAction() const { return m_deleteAction; }
    bool isShowingSearchResults() const;

    static constexpr int kSearchDebounceMs = 150;
    static constexpr int kListDebounceMs = 200;
    static constexpr int kSearchLimit = 50;
    static constexpr int kDefaultWidth = 260;

Q_SIGNALS:
    void conversationActivated(qint64 conversationId);
    // A search hit was chosen; messageId 0: the title matched.
    void messageActivated(qint64 conversationId, qint64 messageId);
    void newChatRequested();
    // The user deleted it (or the store reports it gone), so the window can close it if open.
    void conversationDeleted(qint64 conversationId);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void paintEvent(QPaintEvent* event) override;

private:
    // Queues call(Store*) on the store thread.
    template <typename F>
    void request(F&& call) const;
    void connectStore();
    void onConversationsListed(const QList<core::ConversationSummary>& conversations);
    void onConversationChanged(const core::ConversationSummary& conversation);
    void onConversationRemoved(qint64 conversationId);
    void onSearchFinished(const QList<core::SearchHit>& hits, const QString& tag);

    void onSearchTextChanged(const QString& text);
    void startSearch();
    void clearSearch();
    void updatePage();

    qint64 cursorConversation() const; // the conversation under the list's keyboard cursor
    void activateConversationAt(const QModelIndex& index);
    void activateResultAt(const QModelIndex& index);
    void renameCurrent();
    void togglePinCurrent();
    void deleteCurrent();
    void undoDelete();
    void finishDelete();
    void updateActions();
    void showContextMenu(const QPoint& position);
    void scheduleMidnight();

    core::StoreClient m_store;
    ConversationListModel* m_conversations;
    SearchResultsModel* m_results;
    ConversationDelegate* m_delegate;
    QPushButton* m_newChatButton;
    QLineEdit* m_search;
    QStackedWidget* m_pages;
    QListView* m_listView;
    QListView* m_resultsView;
    QLabel* m_emptyLabel;
    UndoBar* m_undoBar;
    QAction* m_renameAction;
    QAction* m_pinAction;
    QAction* m_deleteAction;
    QList<QAction*> m_conversationActions; // added by others, see addConversationAction

    QTimer m_searchDebounce;
    QTimer m_listDebounce;
    QTimer m_midnight;          // regroups when the day changes
    QString m_searchTag;        // the only search whose answer is wanted; "" when none
    bool m_haveResults = false; // an answer for the current query text arrived
    bool m_listed = false;      // the store answered at least once
    qint64 m_resetCursor = 0;   // kept across a model reset
    int m_resetScroll = 0;
    // The deletion Undo would revert: hidden from every list until purged or restored.
    core::ConversationSummary m_deleted;
};

} // namespace keel::ui
