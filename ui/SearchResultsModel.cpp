// SearchResultsModel: snippet parsing and the rows of the search results view.
#include "ui/SearchResultsModel.h"

#include "ui/ConversationListModel.h"

namespace keel::ui {

namespace {

constexpr QChar kMatchStart(0x02);
constexpr QChar kMatchEnd(0x03);

} // namespace

SearchResultsModel::SearchResultsModel(QObject* parent)
    : QAbstractListModel(parent)
{
}

void SearchResultsModel::setHits(const QList<core::SearchHit>& hits)
{
    beginResetModel();
    m_rows.clear();
    m_rows.reserve(hits.size());
    for (const core::SearchHit& hit : hits) {
        Row row{hit, {}, {}};
        row.snippet = plainSnippet(hit.snippet, &row.highlights);
        m_rows.append(std::move(row));
    }
    endResetModel();
}

void SearchResultsModel::clear()
{
    if (m_rows.isEmpty())
        return;
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

void SearchResultsModel::removeConversation(qint64 conversationId)
{
    for (int row = int(m_rows.size()) - 1; row >= 0; --row) {
        if (m_rows[row].hit.conversationId != conversationId)
            continue;
        beginRemoveRows({}, row, row);
        m_rows.removeAt(row);
        endRemoveRows();
    }
}

const core::SearchHit* SearchResultsModel::hit(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows[row].hit : nullptr;
}

QString SearchResultsModel::plainSnippet(const QString& marked, QList<TextRange>* highlights)
{
    QString plain;
    plain.reserve(marked.size());
    int openedAt = -1;
    auto closeMatch = [&] {
        int end = int(plain.size());
        while (end > openedAt && openedAt >= 0 && plain.at(end - 1).isSpace())
            --end;
        if (openedAt >= 0 && end > openedAt && highlights)
            highlights->append({openedAt, end - openedAt});
        openedAt = -1;
    };
    if (highlights)
        highlights->clear();
    for (const QChar c : marked) {
        if (c == kMatchStart) {
            if (openedAt < 0)
                openedAt = int(plain.size());
        } else if (c == kMatchEnd) {
            closeMatch();
        } else if (c.isSpace()) {
            // Leading and repeated whitespace is dropped; a match never starts with a space.
            if (!plain.isEmpty() && !plain.back().isSpace())
                plain.append(QLatin1Char(' '));
            if (openedAt >= 0 && openedAt == plain.size() - 1 && plain.back().isSpace())
                openedAt = int(plain.size());
        } else if (c.category() != QChar::Other_Control) {
            plain.append(c);
        }
    }
    closeMatch();
    if (!plain.isEmpty() && plain.back().isSpace()) // ranges never cover it: see closeMatch
        plain.chop(1);
    return plain;
}

int SearchResultsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant SearchResultsModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.model() != this || index.row() >= m_rows.size())
        return {};
    const Row& row = m_rows[index.row()];
    switch (role) {
    case Qt::DisplayRole:
    case TitleRole:
        return ConversationListModel::displayTitle(row.hit.title);
    case Qt::ToolTipRole:
        return row.snippet;
    case Qt::AccessibleTextRole:
        return row.hit.messageId == 0
                   ? tr("%1, title matches").arg(ConversationListModel::displayTitle(row.hit.title))
                   : tr("%1: %2").arg(ConversationListModel::displayTitle(row.hit.title),
                                      row.snippet);
    case ConversationIdRole:
        return row.hit.conversationId;
    case MessageIdRole:
        return row.hit.messageId;
    case SnippetRole:
        return row.snippet;
    case HighlightsRole:
        return QVariant::fromValue(row.highlights);
    case UpdatedAtRole:
        return row.hit.updatedAt;
    default:
        return {};
    }
}

Qt::ItemFlags SearchResultsModel::flags(const QModelIndex& index) const
{
    if (!index.isValid() || index.model() != this || index.row() >= m_rows.size())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

} // namespace keel::ui
