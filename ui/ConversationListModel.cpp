// ConversationListModel: grouping, ordering and the row list behind the sidebar's view.
#include "ui/ConversationListModel.h"

#include <algorithm>

namespace keel::ui {

ConversationListModel::ConversationListModel(QObject* parent)
    : QAbstractListModel(parent)
    , m_clock([] { return QDateTime::currentDateTime(); })
{
}

void ConversationListModel::setClock(std::function<QDateTime()> clock)
{
    m_clock = std::move(clock);
    regroup();
}

QDateTime ConversationListModel::now() const
{
    return m_clock();
}

ConversationListModel::Group
ConversationListModel::groupFor(const core::ConversationSummary& conversation, const QDateTime& now)
{
    if (conversation.pinned)
        return Group::Pinned;
    if (!conversation.updatedAt.isValid())
        return Group::Older;
    // Calendar days in local time: a chat from 23:50 is "Yesterday" at 00:10.
    const qint64 days =
        conversation.updatedAt.toLocalTime().date().daysTo(now.toLocalTime().date());
    if (days <= 0) // today, or a clock that went backwards
        return Group::Today;
    if (days == 1)
        return Group::Yesterday;
    if (days <= 7)
        return Group::PreviousWeek;
    return Group::Older;
}

QString ConversationListModel::groupTitle(Group group)
{
    switch (group) {
    case Group::Pinned:
        return tr("Pinned");
    case Group::Today:
        return tr("Today");
    case Group::Yesterday:
        return tr("Yesterday");
    case Group::PreviousWeek:
        return tr("Previous 7 days");
    case Group::Older:
        return tr("Older");
    }
    return {};
}

QString ConversationListModel::displayTitle(const QString& title)
{
    QString shown = title.simplified(); // a pasted multi-line title stays on one row
    return shown.isEmpty() ? tr("New chat") : shown;
}

void ConversationListModel::setConversations(const QList<core::ConversationSummary>& conversations)
{
    m_conversations = conversations;
    rebuild();
}

void ConversationListModel::upsert(const core::ConversationSummary& conversation)
{
    auto it = std::find_if(m_conversations.begin(), m_conversations.end(),
                           [&](const auto& c) { return c.id == conversation.id; });
    if (it == m_conversations.end())
        m_conversations.append(conversation);
    else
        *it = conversation;
    rebuild();
}

bool ConversationListModel::remove(qint64 conversationId)
{
    const qsizetype removed = m_conversations.removeIf(
        [conversationId](const auto& c) { return c.id == conversationId; });
    if (removed == 0)
        return false;
    rebuild();
    return true;
}

void ConversationListModel::regroup()
{
    rebuild();
}

void ConversationListModel::setFrozen(bool frozen)
{
    if (m_frozen == frozen)
        return;
    m_frozen = frozen;
    if (!m_frozen && m_stale)
        rebuild();
}

void ConversationListModel::setCurrentConversation(qint64 conversationId)
{
    if (m_currentId == conversationId)
        return;
    const int before = rowOf(m_currentId);
    m_currentId = conversationId;
    const int after = rowOf(m_currentId);
    for (int row : {before, after}) {
        if (row >= 0)
            Q_EMIT dataChanged(index(row), index(row), {CurrentRole});
    }
}

std::optional<core::ConversationSummary>
ConversationListModel::conversation(qint64 conversationId) const
{
    for (const core::ConversationSummary& c : m_conversations) {
        if (c.id == conversationId)
            return c;
    }
    return std::nullopt;
}

QModelIndex ConversationListModel::indexOf(qint64 conversationId) const
{
    const int row = rowOf(conversationId);
    return row >= 0 ? index(row) : QModelIndex();
}

qint64 ConversationListModel::conversationIdAt(const QModelIndex& index) const
{
    const Row* row = rowAt(index);
    return row && !row->header ? row->conversation.id : 0;
}

bool ConversationListModel::isHeader(const QModelIndex& index) const
{
    const Row* row = rowAt(index);
    return row && row->header;
}

int ConversationListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant ConversationListModel::data(const QModelIndex& index, int role) const
{
    const Row* found = rowAt(index);
    if (!found)
        return {};
    const Row& row = *found;
    if (row.header) {
        switch (role) {
        case Qt::DisplayRole:
        case Qt::AccessibleTextRole:
            return groupTitle(row.group);
        case IsHeaderRole:
            return true;
        case GroupRole:
            return int(row.group);
        case ConversationIdRole:
            return qint64(0);
        default:
            return {};
        }
    }
    const core::ConversationSummary& c = row.conversation;
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole: // the full title, when the row shows it elided
        return displayTitle(c.title);
    case Qt::AccessibleTextRole:
        return c.id == m_currentId ? tr("%1 (open)").arg(displayTitle(c.title))
                                   : displayTitle(c.title);
    case Qt::EditRole:
    case TitleRole:
        return c.title;
    case IsHeaderRole:
        return false;
    case ConversationIdRole:
        return c.id;
    case GroupRole:
        return int(row.group);
    case PinnedRole:
        return c.pinned;
    case UpdatedAtRole:
        return c.updatedAt;
    case CurrentRole:
        return c.id == m_currentId;
    default:
        return {};
    }
}

bool ConversationListModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (role != Qt::EditRole || !rowAt(index))
        return false;
    Row& row = m_rows[index.row()];
    const QString title = value.toString().simplified();
    // An emptied editor means "never mind", not "make it untitled".
    if (row.header || title.isEmpty() || title == row.conversation.title)
        return false;
    row.conversation.title = title;
    for (core::ConversationSummary& c : m_conversations) {
        if (c.id == row.conversation.id)
            c.title = title;
    }
    Q_EMIT dataChanged(index, index);
    Q_EMIT renameRequested(row.conversation.id, title);
    return true;
}

Qt::ItemFlags ConversationListModel::flags(const QModelIndex& index) const
{
    // Headers are not enabled, so the view's keyboard navigation steps over them.
    const Row* row = rowAt(index);
    if (!row || row->header)
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsEditable | Qt::ItemNeverHasChildren;
}

QHash<int, QByteArray> ConversationListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(ConversationIdRole, "conversationId");
    names.insert(IsHeaderRole, "isHeader");
    names.insert(GroupRole, "group");
    names.insert(PinnedRole, "pinned");
    names.insert(UpdatedAtRole, "updatedAt");
    names.insert(CurrentRole, "current");
    names.insert(TitleRole, "title");
    return names;
}

void ConversationListModel::rebuild()
{
    if (m_frozen) {
        m_stale = true;
        return;
    }
    m_stale = false;

    QList<core::ConversationSummary> sorted = m_conversations;
    // Pinned first, then newest first; the id breaks ties so equal times keep a stable order.
    std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
        if (a.pinned != b.pinned)
            return a.pinned;
        if (a.updatedAt != b.updatedAt)
            return a.updatedAt > b.updatedAt;
        return a.id > b.id;
    });

    const QDateTime now = m_clock();
    QList<Row> rows;
    rows.reserve(sorted.size() + 5);
    std::optional<Group> previous;
    for (const core::ConversationSummary& c : sorted) {
        Group group = groupFor(c, now);
        // Sorted by instant, grouped by local day: the two agree, but a group must never open
        // twice even if a time zone's rules were to make them disagree.
        if (previous && int(group) < int(*previous))
            group = *previous;
        if (group != previous) {
            rows.append({group, true, {}});
            previous = group;
        }
        rows.append({group, false, c});
    }

    const bool sameShape =
        rows.size() == m_rows.size()
        && std::equal(rows.cbegin(), rows.cend(), m_rows.cbegin(), [](const Row& a, const Row& b) {
               return a.header == b.header && a.group == b.group
                      && a.conversation.id == b.conversation.id;
           });
    if (sameShape) {
        // Same rows in the same places: a title or time changed. Views keep their state.
        m_rows = std::move(rows);
        if (!m_rows.isEmpty())
            Q_EMIT dataChanged(index(0), index(int(m_rows.size()) - 1));
        return;
    }
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

const ConversationListModel::Row* ConversationListModel::rowAt(const QModelIndex& index) const
{
    if (!index.isValid() || index.model() != this || index.row() >= m_rows.size())
        return nullptr;
    return &m_rows[index.row()];
}

int ConversationListModel::rowOf(qint64 conversationId) const
{
    if (conversationId == 0)
        return -1;
    for (int row = 0; row < m_rows.size(); ++row) {
        if (!m_rows[row].header && m_rows[row].conversation.id == conversationId)
            return row;
    }
    return -1;
}

} // namespace keel::ui
