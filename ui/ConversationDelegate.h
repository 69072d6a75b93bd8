// ConversationDelegate: paints the sidebar's rows (group headers; conversation titles, elided,
// with the open conversation and the keyboard cursor marked) and provides the inline title
// editor used by Rename. Colours come from the palette, so light and dark both work.
#pragma once

#include <QStyledItemDelegate>

namespace keel::ui {

class ConversationDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    explicit ConversationDelegate(QObject* parent = nullptr);

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

    QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem& option,
                          const QModelIndex& index) const override;
    void setEditorData(QWidget* editor, const QModelIndex& index) const override;
    void setModelData(QWidget* editor, QAbstractItemModel* model,
                      const QModelIndex& index) const override;
    void updateEditorGeometry(QWidget* editor, const QStyleOptionViewItem& option,
                              const QModelIndex& index) const override;

    // Shared with the search results: the rounded row background for the open item
    // (`current`), hover, and the keyboard cursor's outline when the view has focus.
    static void paintRowBackground(QPainter* painter, const QStyleOptionViewItem& option,
                                   bool current);
    // The rectangle a row's background and content use: inset from the view's edges.
    static QRect rowRect(const QRect& itemRect);

    static constexpr int kRowInset = 8;
    static constexpr int kTextPadding = 8;

Q_SIGNALS:
    // An inline editor was opened on this conversation (the closeEditor signal ends it).
    void editingStarted(qint64 conversationId) const;
};

} // namespace keel::ui
