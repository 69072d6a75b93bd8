// ConversationDelegate: row painting and the inline rename editor of the conversation list.
#include "ui/ConversationDelegate.h"

#include "ui/ConversationListModel.h"
#include "ui/ThemePalette.h"

#include <QLineEdit>
#include <QPainter>

namespace keel::ui {

ConversationDelegate::ConversationDelegate(QObject* parent)
    : QStyledItemDelegate(parent)
{
}

QRect ConversationDelegate::rowRect(const QRect& itemRect)
{
    return itemRect.adjusted(kRowInset, 1, -kRowInset, -1);
}

void ConversationDelegate::paintRowBackground(QPainter* painter, const QStyleOptionViewItem& option,
                                              bool current)
{
    const QColor window = option.palette.color(QPalette::Window);
    const QColor text = option.palette.color(QPalette::WindowText);
    const bool hovered = option.state.testFlag(QStyle::State_MouseOver);
    const bool cursor = option.state.testFlag(QStyle::State_HasFocus);
    if (!current && !hovered && !cursor)
        return;
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QRectF rect = QRectF(rowRect(option.rect)).adjusted(0.5, 0.5, -0.5, -0.5);
    painter->setPen(Qt::NoPen);
    if (current || hovered) {
        painter->setBrush(mix(window, text, current ? 0.13 : 0.06));
        painter->drawRoundedRect(rect, 6, 6);
    }
    if (cursor) {
        painter->setBrush(Qt::NoBrush);
        painter->setPen(QPen(option.palette.color(QPalette::Highlight), 1.5));
        painter->drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), 6, 6);
    }
    painter->restore();
}

void ConversationDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                                 const QModelIndex& index) const
{
    // Headers are disabled items (so the keyboard skips them) but must not look disabled.
    const QPalette::ColorGroup group =
        option.state.testFlag(QStyle::State_Active) ? QPalette::Active : QPalette::Inactive;
    const QColor window = option.palette.color(group, QPalette::Window);
    const QColor text = option.palette.color(group, QPalette::WindowText);
    const QString label = index.data(Qt::DisplayRole).toString();
    painter->save();
    if (index.data(ConversationListModel::IsHeaderRole).toBool()) {
        QFont font = option.font;
        font.setPointSizeF(font.pointSizeF() * 0.85);
        font.setWeight(QFont::DemiBold);
        painter->setFont(font);
        painter->setPen(mix(text, window, 0.42));
        const QRect area =
            option.rect.adjusted(kRowInset + kTextPadding, 0, -(kRowInset + kTextPadding), -4);
        painter->drawText(area, Qt::AlignLeft | Qt::AlignBottom,
                          QFontMetrics(font).elidedText(label, Qt::ElideRight, area.width()));
        painter->restore();
        return;
    }

    const bool current = index.data(ConversationListModel::CurrentRole).toBool();
    paintRowBackground(painter, option, current);
    QFont font = option.font;
    if (current)
        font.setWeight(QFont::DemiBold);
    painter->setFont(font);
    const bool untitled = index.data(ConversationListModel::TitleRole).toString().isEmpty();
    painter->setPen(untitled ? mix(text, window, 0.35) : text);
    const QRect area = rowRect(option.rect).adjusted(kTextPadding, 0, -kTextPadding, 0);
    painter->drawText(area, Qt::AlignLeft | Qt::AlignVCenter,
                      QFontMetrics(font).elidedText(label, Qt::ElideRight, area.width()));
    painter->restore();
}

QSize ConversationDelegate::sizeHint(const QStyleOptionViewItem& option,
                                     const QModelIndex& index) const
{
    const int lineHeight = QFontMetrics(option.font).height();
    if (index.data(ConversationListModel::IsHeaderRole).toBool())
        return {0, lineHeight + (index.row() == 0 ? 8 : 18)};
    return {0, lineHeight + 14};
}

QWidget* ConversationDelegate::createEditor(QWidget* parent, const QStyleOptionViewItem&,
                                            const QModelIndex& index) const
{
    const qint64 id = index.data(ConversationListModel::ConversationIdRole).toLongLong();
    if (id == 0)
        return nullptr;
    auto* editor = new QLineEdit(parent);
    editor->setAccessibleName(tr("Conversation title"));
    editor->setPlaceholderText(ConversationListModel::displayTitle({}));
    editor->setMaxLength(500);
    Q_EMIT editingStarted(id);
    return editor;
}

void ConversationDelegate::setEditorData(QWidget* editor, const QModelIndex& index) const
{
    auto* line = qobject_cast<QLineEdit*>(editor);
    if (!line)
        return;
    line->setText(index.data(Qt::EditRole).toString());
    line->selectAll();
}

void ConversationDelegate::setModelData(QWidget* editor, QAbstractItemModel* model,
                                        const QModelIndex& index) const
{
    if (auto* line = qobject_cast<QLineEdit*>(editor))
        model->setData(index, line->text(), Qt::EditRole);
}

void ConversationDelegate::updateEditorGeometry(QWidget* editor, const QStyleOptionViewItem& option,
                                                const QModelIndex&) const
{
    editor->setGeometry(rowRect(option.rect));
}

} // namespace keel::ui
