// SearchResultDelegate: paints one search hit in two lines: the conversation's title with the
// hit's date, and the snippet with its matches bold on a highlight-tinted background. A match
// that would fall beyond the row's width is scrolled into view ("…" in front).
#pragma once

#include "ui/SearchResultsModel.h"

#include <QStyledItemDelegate>

namespace keel::ui {

class SearchResultDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    explicit SearchResultDelegate(QObject* parent = nullptr);

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

    // The part of `text` to show in `width` pixels so that the first highlight is visible:
    // the text itself, or "…" and a tail starting shortly before the first match (`highlights`
    // are shifted to match).
    static QString scrollToFirstMatch(const QString& text, QList<TextRange>* highlights,
                                      const QFontMetrics& metrics, int width);
    // "14:05" today, "Yesterday", a weekday within the week, "3 Mar" this year, else the
    // locale's short date.
    static QString shortWhen(const QDateTime& when, const QDateTime& now);
};

} // namespace keel::ui
