// ConversationListModel: the sidebar's conversations as the rows of one list view, with a header
// row before each non-empty group: Pinned, Today, Yesterday, Previous 7 days, Older. Groups are
// calendar days of updatedAt in local time, measured against an injectable clock. The store is
// the authority: this model only mirrors what it reported, plus the optimistic title of an
// inline rename (renameRequested tells the sidebar to ask the store for it).
#pragma once

#include "core/store/StoreTypes.h"

#include <QAbstractListModel>
#include <QDateTime>

#include <functional>
#include <optional>

namespace keel::ui {

class ConversationListModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum class Group { Pinned, Today, Yesterday, PreviousWeek, Older };

    enum Role {
        ConversationIdRole = Qt::UserRole + 1, // qint64; 0 on header rows
        IsHeaderRole,                          // bool
        GroupRole,                             // Group, as int
        PinnedRole,                            // bool
        UpdatedAtRole,                         // QDateTime (UTC)
        CurrentRole,                           // bool: the conversation open in the window
        TitleRole,                             // the stored title; "" when untitled
    };

    explicit ConversationListModel(QObject* parent = nullptr);

    // What "now" is for grouping; tests fix it. Default: the system clock.
    void setClock(std::function<QDateTime()> clock);
    QDateTime now() const;

    static Group groupFor(const core::ConversationSummary& conversation, const QDateTime& now);
    static QString groupTitle(Group group);
    // The title as shown: "New chat" when untitled, line breaks flattened.
    static QString displayTitle(const QString& title);

    // A conversationsListed answer: replaces everything.
    void setConversations(const QList<core::ConversationSummary>& conversations);
    // conversationCreated / conversationChanged: inserts or replaces one conversation.
    void upsert(const core::ConversationSummary& conversation);
    // Returns whether it was there.
    bool remove(qint64 conversationId);
    // Groups again with the clock's current time (the sidebar calls it after midnight).
    void regroup();

    // While frozen (an inline editor is open) rows keep their order, so the editor is not torn
    // down by a list that arrives meanwhile; the changes show when thawed.
    void setFrozen(bool frozen);
    bool isFrozen() const { return m_frozen; }

    void setCurrentConversation(qint64 conversationId);
    qint64 currentConversation() const { return m_currentId; }

    int conversationCount() const { return int(m_conversations.size()); }
    std::optional<core::ConversationSummary> conversation(qint64 conversationId) const;
    QModelIndex indexOf(qint64 conversationId) const;
    qint64 conversationIdAt(const QModelIndex& index) const; // 0 for headers
    bool isHeader(const QModelIndex& index) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    // The user committed a new title in the view; the store decides what the title becomes.
    void renameRequested(qint64 conversationId, const QString& title);

private:
    struct Row {
        Group group = Group::Older;
        bool header = false;
        core::ConversationSummary conversation; // rows own a copy: see setFrozen
    };

    void rebuild();
    const Row* rowAt(const QModelIndex& index) const; // null unless a row of this model
    int rowOf(qint64 conversationId) const;

    QList<core::ConversationSummary> m_conversations; // the latest state, in no particular order
    QList<Row> m_rows;
    std::function<QDateTime()> m_clock;
    qint64 m_currentId = 0;
    bool m_frozen = false;
    bool m_stale = false; // changes held back while frozen
};

} // namespace keel::ui
