// ModelPickerPopup: the list is rebuilt when the entries change and filtered by hiding rows;
// headers stay only above visible models. The current row carries a check mark drawn once.
#include "ui/ModelPickerPopup.h"

#include <QApplication>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QVBoxLayout>

namespace keel::ui {

namespace {

constexpr int kIconSize = 16;
constexpr int kRowPadding = 8;     // a model row is this much taller than its text
constexpr int kHeaderPadding = 10; // room above a provider's name, between groups

// A check mark in the palette's text colour; a blank icon of the same size keeps the other
// rows aligned with it.
QIcon checkIcon(const QColor& color)
{
    QPixmap pixmap(kIconSize * 2, kIconSize * 2);
    pixmap.setDevicePixelRatio(2.0);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    QPen pen(color, 1.8, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    painter.setPen(pen);
    QPainterPath path;
    path.moveTo(3.5, 8.5);
    path.lineTo(6.5, 11.5);
    path.lineTo(12.5, 4.5);
    painter.drawPath(path);
    return QIcon(pixmap);
}

QIcon blankIcon()
{
    QPixmap pixmap(kIconSize, kIconSize);
    pixmap.fill(Qt::transparent);
    return QIcon(pixmap);
}

// Every word of the filter must appear in the model's name, id or provider's name.
bool matches(const QStringList& words, const QString& haystack)
{
    for (const QString& word : words) {
        if (!haystack.contains(word, Qt::CaseInsensitive))
            return false;
    }
    return true;
}

} // namespace

ModelPickerPopup::ModelPickerPopup(QWidget* parent)
    : QFrame(parent, Qt::Popup)
    , m_search(new QLineEdit(this))
    , m_list(new QListWidget(this))
    , m_empty(new QLabel(this))
{
    setObjectName(QStringLiteral("modelPickerPopup"));
    setAccessibleName(tr("Choose a model"));
    setFrameShape(QFrame::StyledPanel);
    setAttribute(Qt::WA_WindowPropagation);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->setSpacing(6);

    m_search->setObjectName(QStringLiteral("modelSearch"));
    m_search->setPlaceholderText(tr("Search models"));
    m_search->setAccessibleName(tr("Search models"));
    m_search->setClearButtonEnabled(true);
    m_search->installEventFilter(this);
    layout->addWidget(m_search);

    m_list->setObjectName(QStringLiteral("modelList"));
    m_list->setAccessibleName(tr("Models"));
    m_list->setFocusPolicy(Qt::NoFocus); // typing always goes to the search field
    m_list->setFrameShape(QFrame::NoFrame);
    m_list->setUniformItemSizes(false);
    m_list->setIconSize(QSize(kIconSize, kIconSize));
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_list->setTextElideMode(Qt::ElideMiddle);
    layout->addWidget(m_list, 1);

    m_empty->setObjectName(QStringLiteral("modelPickerEmpty"));
    m_empty->setWordWrap(true);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    m_empty->setContentsMargins(8, 12, 8, 12);
    m_empty->hide();
    layout->addWidget(m_empty);

    connect(m_search, &QLineEdit::textChanged, this, &ModelPickerPopup::applyFilter);
    connect(m_list, &QListWidget::itemClicked, this, &ModelPickerPopup::pickRow);
}

void ModelPickerPopup::setEntries(const QList<Entry>& entries, const QString& defaultLabel,
                                  const QString& defaultDetail)
{
    m_list->clear();
    m_hasDefault = !defaultLabel.isEmpty();
    const int rowHeight = qMax(m_list->fontMetrics().height(), kIconSize) + kRowPadding;
    if (m_hasDefault) {
        auto* item = new QListWidgetItem(m_list);
        item->setSizeHint(QSize(0, rowHeight));
        item->setText(defaultDetail.isEmpty() ? defaultLabel
                                              : tr("%1 — %2").arg(defaultLabel, defaultDetail));
        item->setData(RowKindRole, int(RowKind::Default));
        item->setData(Qt::AccessibleTextRole, item->text());
        item->setToolTip(tr("Whatever the default model is at the time"));
        // Searched by its label only: typing a model's name should find that model.
        item->setData(Qt::UserRole, defaultLabel);
    }

    QString group;
    for (const Entry& entry : entries) {
        if (entry.ref.providerId != group) {
            group = entry.ref.providerId;
            auto* header = new QListWidgetItem(m_list);
            header->setText(entry.providerName);
            header->setData(RowKindRole, int(RowKind::Header));
            header->setData(ProviderIdRole, entry.ref.providerId);
            header->setFlags(Qt::NoItemFlags);
            QFont font = m_list->font();
            font.setBold(true);
            font.setPointSizeF(font.pointSizeF() * 0.9);
            header->setFont(font);
            header->setSizeHint(QSize(0, QFontMetrics(font).height() + kHeaderPadding));
        }
        auto* item = new QListWidgetItem(m_list);
        item->setText(entry.modelName);
        item->setSizeHint(QSize(0, rowHeight));
        item->setData(RowKindRole, int(RowKind::Model));
        item->setData(ProviderIdRole, entry.ref.providerId);
        item->setData(ModelIdRole, entry.ref.model);
        item->setData(Qt::AccessibleTextRole,
                      tr("%1, %2").arg(entry.modelName, entry.providerName));
        if (entry.modelName != entry.ref.model)
            item->setToolTip(entry.ref.model);
        // Searched text: the shown name, the id and the provider's name.
        item->setData(Qt::UserRole,
                      QStringList{entry.modelName, entry.ref.model, entry.providerName}.join(u' '));
    }
    markCurrent();
    applyFilter(m_search->text());
}

void ModelPickerPopup::setCurrent(const core::ModelRef& ref)
{
    m_current = ref;
    markCurrent();
}

void ModelPickerPopup::markCurrent()
{
    const QIcon check = checkIcon(palette().color(QPalette::Text));
    const QIcon blank = blankIcon();
    for (int row = 0; row < m_list->count(); ++row) {
        QListWidgetItem* item = m_list->item(row);
        const auto kind = RowKind(item->data(RowKindRole).toInt());
        if (kind == RowKind::Header)
            continue;
        const bool current = kind == RowKind::Default
                                 ? m_current.isEmpty()
                                 : (item->data(ProviderIdRole).toString() == m_current.providerId
                                    && item->data(ModelIdRole).toString() == m_current.model);
        item->setData(CurrentRole, current);
        item->setIcon(current ? check : blank);
    }
}

void ModelPickerPopup::prepareToShow()
{
    m_search->clear();
    applyFilter(QString());
    for (int row = 0; row < m_list->count(); ++row) {
        if (m_list->item(row)->data(CurrentRole).toBool()) {
            m_list->setCurrentRow(row);
            m_list->scrollToItem(m_list->item(row), QAbstractItemView::PositionAtCenter);
            break;
        }
    }
    m_search->setFocus(Qt::PopupFocusReason);
}

int ModelPickerPopup::preferredHeight() const
{
    int rows = 0;
    for (int row = 0; row < m_list->count(); ++row)
        rows += m_list->sizeHintForRow(row);
    const QMargins margins = layout()->contentsMargins();
    const int list =
        m_list->count() > 0 ? rows + 2 * m_list->frameWidth() + 4 : m_empty->sizeHint().height();
    return margins.top() + m_search->sizeHint().height() + layout()->spacing() + list
           + margins.bottom() + 2 * frameWidth();
}

QList<core::ModelRef> ModelPickerPopup::visibleRefs() const
{
    QList<core::ModelRef> refs;
    for (int row = 0; row < m_list->count(); ++row) {
        const QListWidgetItem* item = m_list->item(row);
        if (!item->isHidden() && RowKind(item->data(RowKindRole).toInt()) == RowKind::Model)
            refs.append(
                {item->data(ProviderIdRole).toString(), item->data(ModelIdRole).toString()});
    }
    return refs;
}

void ModelPickerPopup::applyFilter(const QString& text)
{
    const QStringList words = text.split(u' ', Qt::SkipEmptyParts);
    QListWidgetItem* header = nullptr;
    bool headerHasRows = false;
    int visible = 0;
    auto closeGroup = [&] {
        if (header)
            header->setHidden(!headerHasRows);
    };
    for (int row = 0; row < m_list->count(); ++row) {
        QListWidgetItem* item = m_list->item(row);
        switch (RowKind(item->data(RowKindRole).toInt())) {
        case RowKind::Header:
            closeGroup();
            header = item;
            headerHasRows = false;
            break;
        case RowKind::Default: {
            const bool show = matches(words, item->data(Qt::UserRole).toString());
            item->setHidden(!show);
            visible += show ? 1 : 0;
            break;
        }
        case RowKind::Model: {
            const bool show = matches(words, item->data(Qt::UserRole).toString());
            item->setHidden(!show);
            headerHasRows = headerHasRows || show;
            visible += show ? 1 : 0;
            break;
        }
        }
    }
    closeGroup();

    if (visible == 0) {
        m_empty->setText(m_list->count() == 0
                             ? tr("No models yet. Add a provider in Settings, then fetch or "
                                  "enable its models.")
                             : tr("No model matches “%1”.").arg(text.trimmed()));
    }
    m_empty->setVisible(visible == 0);
    m_list->setVisible(visible > 0);

    // While filtering, the first match is the one Enter picks.
    const int current = m_list->currentRow();
    if (!words.isEmpty() || current < 0 || !isPickable(current)) {
        m_list->setCurrentRow(-1);
        moveSelection(+1);
    }
}

bool ModelPickerPopup::isPickable(int row) const
{
    const QListWidgetItem* item = m_list->item(row);
    return item && !item->isHidden() && RowKind(item->data(RowKindRole).toInt()) != RowKind::Header;
}

void ModelPickerPopup::moveSelection(int step)
{
    const int count = m_list->count();
    int row = m_list->currentRow();
    if (row < 0)
        row = step > 0 ? -1 : count;
    for (int next = row + step; next >= 0 && next < count; next += step) {
        if (isPickable(next)) {
            m_list->setCurrentRow(next);
            m_list->scrollToItem(m_list->item(next));
            return;
        }
    }
    if (m_list->currentRow() >= 0 && !isPickable(m_list->currentRow()))
        m_list->setCurrentRow(-1);
}

void ModelPickerPopup::pickRow(QListWidgetItem* item)
{
    if (!item || !isPickable(m_list->row(item)))
        return;
    const auto kind = RowKind(item->data(RowKindRole).toInt());
    const core::ModelRef ref = kind == RowKind::Default
                                   ? core::ModelRef()
                                   : core::ModelRef{item->data(ProviderIdRole).toString(),
                                                    item->data(ModelIdRole).toString()};
    close();
    Q_EMIT picked(ref);
}

void ModelPickerPopup::mousePressEvent(QMouseEvent* event)
{
    // A click on the picker's button closes the popup; replaying that click to the button
    // would open it again at once.
    if (QWidget* button = parentWidget()) {
        const QPoint local = button->mapFromGlobal(event->globalPosition().toPoint());
        if (button->rect().contains(local))
            setAttribute(Qt::WA_NoMouseReplay);
    }
    QFrame::mousePressEvent(event);
}

bool ModelPickerPopup::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_search && event->type() == QEvent::KeyPress) {
        auto* key = static_cast<QKeyEvent*>(event);
        switch (key->key()) {
        case Qt::Key_Down:
            moveSelection(+1);
            return true;
        case Qt::Key_Up:
            moveSelection(-1);
            return true;
        case Qt::Key_PageDown:
        case Qt::Key_PageUp: {
            const int step = key->key() == Qt::Key_PageDown ? +1 : -1;
            for (int i = 0; i < 8; ++i)
                moveSelection(step);
            return true;
        }
        case Qt::Key_Return:
        case Qt::Key_Enter:
            pickRow(m_list->currentItem());
            return true;
        case Qt::Key_Escape:
            close();
            return true;
        default:
            break;
        }
    }
    return QFrame::eventFilter(watched, event);
}

} // namespace keel::ui
