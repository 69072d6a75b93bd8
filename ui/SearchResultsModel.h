// SearchResultsModel: the hits of one search as list rows. The store marks matches in snippets
// with \x02 ... \x03; the model turns each snippet into plain one-line text plus the ranges to
// highlight, so views never see the markers.
#pragma once

#include "core/store/StoreTypes.h"

#include <QAbstractListModel>

namespace keel::ui {

// A stretch of text to highlight, in QChar offsets of the plain text.
struct TextRange {
    int start = 0;
    int length = 0;
    friend bool operator==(const TextRange&, const TextRange&) = default;
};

class SearchResultsModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role {
        ConversationIdRole = Qt::UserRole + 1, // qint64
        MessageIdRole,                         // qint64; 0 when the title matched
        TitleRole,                             // QString, as shown ("New chat" when untitled)
        SnippetRole,                           // QString: plain, without markers, one line
        HighlightsRole,                        // QList<TextRange> into SnippetRole's text
        UpdatedAtRole,                         // QDateTime (UTC)
    };

    explicit SearchResultsModel(QObject* parent = nullptr);

    void setHits(const QList<core::SearchHit>& hits);
    void clear();
    // A deleted conversation's hits go away with it.
    void removeConversation(qint64 conversationId);
    const core::SearchHit* hit(int row) const;

    // The snippet without its markers, whitespace runs (line breaks included) folded into one
    // space, and where the marked stretches are. Unbalanced markers are tolerated: an unclosed
    // match runs to the end, a stray end marker is dropped, other control characters go.
    static QString plainSnippet(const QString& marked, QList<TextRange>* highlights = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;

private:
    struct Row {
        core::SearchHit hit;
        QString snippet;
        QList<TextRange> highlights;
    };

    QList<Row> m_rows;
};

} // namespace keel::ui

Q_DECLARE_METATYPE(keel::ui::TextRange)
