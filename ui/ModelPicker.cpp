// ModelPicker: the button text and the popup's entries are rebuilt from Settings whenever the
// providers or the general settings (the default model) change. The button paints its own
// chevron so it reads as a drop-down in every style.
#include "ui/ModelPicker.h"

#include "core/settings/Settings.h"
#include "ui/ModelPickerPopup.h"

#include <QScreen>
#include <QStyleOptionToolButton>
#include <QStylePainter>

namespace keel::ui {

namespace {

constexpr int kChevronWidth = 16;
constexpr int kMaxTextWidth = 320;
constexpr int kPopupMinWidth = 340;
constexpr int kPopupMaxHeight = 420;

} // namespace

ModelPicker::ModelPicker(core::Settings* settings, QWidget* parent)
    : QToolButton(parent)
    , m_settings(settings)
    , m_popup(new ModelPickerPopup(this))
{
    setObjectName(QStringLiteral("modelPicker"));
    setAccessibleName(tr("Model"));
    setToolTip(tr("Choose the model"));
    setToolButtonStyle(Qt::ToolButtonTextOnly);
    setAutoRaise(true);
    setCursor(Qt::PointingHandCursor);
    setFocusPolicy(Qt::StrongFocus);

    connect(this, &QToolButton::clicked, this, &ModelPicker::showPopup);
    connect(m_popup, &ModelPickerPopup::picked, this, [this](const core::ModelRef& ref) {
        setCurrent(ref);
        Q_EMIT modelChosen(ref);
    });
    connect(m_settings, &core::Settings::providersChanged, this, &ModelPicker::refresh);
    connect(m_settings, &core::Settings::generalChanged, this, &ModelPicker::refresh);
    refresh();
}

void ModelPicker::setCurrent(const core::ModelRef& ref)
{
    m_current = ref.isEmpty() ? core::ModelRef() : ref;
    m_popup->setCurrent(m_current);
    refresh();
}

void ModelPicker::setDefaultChoice(const QString& label, DefaultSource source)
{
    m_defaultLabel = label;
    m_defaultSource = source;
    refresh();
}

QWidget* ModelPicker::popup() const
{
    return m_popup;
}

QString ModelPicker::describe(const core::ModelRef& ref) const
{
    const auto provider = m_settings->provider(ref.providerId);
    if (!provider)
        return ref.model;
    for (const core::ModelEntry& model : provider->models) {
        if (model.id == ref.model)
            return tr("%1 · %2").arg(provider->name, model.shownName());
    }
    return tr("%1 · %2").arg(provider->name, ref.model);
}

void ModelPicker::refresh()
{
    QList<ModelPickerPopup::Entry> entries;
    bool currentListed = false;
    for (const core::Settings::ModelChoice& choice : m_settings->modelChoices()) {
        entries.append({choice.ref, choice.providerName, choice.modelName});
        currentListed = currentListed || choice.ref == m_current;
    }

    const core::ModelRef fallback =
        m_defaultSource == DefaultSource::AppDefault
            ? m_settings->defaultModel()
            : (entries.isEmpty() ? core::ModelRef() : entries.first().ref);
    const QString fallbackText = fallback.isEmpty() ? QString() : describe(fallback);
    m_popup->setEntries(entries, m_defaultLabel, fallbackText);
    m_popup->setCurrent(m_current);

    QString text;
    QString tip = tr("Choose the model");
    if (m_current.isEmpty()) {
        const QString label = m_defaultLabel.isEmpty() ? tr("Default") : m_defaultLabel;
        text =
            fallback.isEmpty() ? tr("No model configured") : tr("%1 (%2)").arg(label, fallbackText);
        if (fallback.isEmpty())
            tip = tr("No provider has an enabled model yet: add one in Settings");
    } else if (currentListed) {
        text = describe(m_current);
    } else {
        // Its provider was removed or disabled, or the model was turned off: say so rather
        // than silently showing another model.
        text = tr("%1 (unavailable)").arg(describe(m_current));
        tip = tr("This model is not enabled in the settings any more; choose another one");
    }
    setText(text);
    setToolTip(tip);
    setAccessibleDescription(text);
    updateGeometry();
    update();
}

void ModelPicker::showPopup()
{
    // Tall enough for every row up to a limit; the list scrolls beyond it.
    const int width = qMax(this->width(), kPopupMinWidth);
    const int height = qMin(kPopupMaxHeight, m_popup->preferredHeight());
    QPoint pos = mapToGlobal(QPoint(0, this->height()));
    if (const QScreen* screen = this->screen()) {
        const QRect area = screen->availableGeometry();
        pos.setX(qBound(area.left(), pos.x(), qMax(area.left(), area.right() - width)));
        if (pos.y() + height > area.bottom())
            pos.setY(qMax(area.top(), mapToGlobal(QPoint(0, 0)).y() - height));
    }
    m_popup->setGeometry(QRect(pos, QSize(width, height)));
    m_popup->show();
    m_popup->prepareToShow();
}

QSize ModelPicker::sizeHint() const
{
    QSize size = QToolButton::sizeHint();
    const int textWidth = qMin(fontMetrics().horizontalAdvance(text()), kMaxTextWidth);
    size.setWidth(textWidth + kChevronWidth + 24);
    return size;
}

QSize ModelPicker::minimumSizeHint() const
{
    QSize size = sizeHint();
    size.setWidth(qMin(size.width(), 120));
    return size;
}

void ModelPicker::paintEvent(QPaintEvent*)
{
    QStylePainter painter(this);
    QStyleOptionToolButton option;
    initStyleOption(&option);
    const QString label = option.text;
    option.text.clear();
    painter.drawComplexControl(QStyle::CC_ToolButton, option);

    const QRect inner = rect().adjusted(10, 0, -(kChevronWidth + 6), 0);
    const QString elided = fontMetrics().elidedText(label, Qt::ElideMiddle, inner.width());
    painter.drawItemText(inner, Qt::AlignVCenter | Qt::AlignLeft, palette(), isEnabled(), elided,
                         QPalette::ButtonText);

    QStyleOption arrow;
    arrow.initFrom(this);
    arrow.rect = QRect(rect().right() - kChevronWidth - 4, rect().center().y() - 4, 10, 8);
    painter.drawPrimitive(QStyle::PE_IndicatorArrowDown, arrow);
}

} // namespace keel::ui
