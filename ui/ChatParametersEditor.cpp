// ChatParametersEditor: one grid row per field (label or override box | control | reset).
// The controls always hold what the field currently means: the value being edited, or in
// Overrides mode the default shown greyed; parameters() reads them back.
#include "ui/ChatParametersEditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSpinBox>
#include <QToolButton>

namespace keel::ui {

namespace {

// Where a numeric field starts when the user first gives it a value and the default leaves it
// to the provider: the usual neutral values.
constexpr double kStartTemperature = 1.0;
constexpr double kStartTopP = 1.0;
constexpr int kStartMaxTokens = 4096;
constexpr int kControlWidth = 140;

} // namespace

ChatParametersEditor::ChatParametersEditor(Mode mode, QWidget* parent)
    : QWidget(parent)
    , m_mode(mode)
{
    setObjectName(QStringLiteral("chatParametersEditor"));
    setAccessibleName(mode == Mode::Defaults ? tr("Chat defaults")
                                             : tr("Chat parameter overrides"));

    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setHorizontalSpacing(12);
    grid->setVerticalSpacing(10);
    grid->setColumnStretch(1, 1);
    buildRows(grid);
    connectEdits();

    for (int f = 0; f < FieldCount; ++f)
        writeField(Field(f), m_defaults);
    for (int f = 0; f < FieldCount; ++f)
        updateRow(Field(f));
}

void ChatParametersEditor::buildRows(QGridLayout* grid)
{
    m_rows[SystemPrompt] = {QStringLiteral("systemPrompt"), tr("System prompt")};
    m_rows[Temperature] = {QStringLiteral("temperature"), tr("Temperature")};
    m_rows[TopP] = {QStringLiteral("topP"), tr("Top-p")};
    m_rows[MaxTokens] = {QStringLiteral("maxTokens"), tr("Max output tokens")};
    m_rows[ReasoningEffort] = {QStringLiteral("reasoningEffort"), tr("Reasoning effort")};
    m_rows[ThinkingBudget] = {QStringLiteral("thinkingBudget"), tr("Thinking budget")};
    m_rows[Stream] = {QStringLiteral("stream"), tr("Streaming")};

    m_systemPrompt = new QPlainTextEdit(this);
    m_systemPrompt->setPlaceholderText(tr("Instructions the model gets before every conversation"));
    m_systemPrompt->setTabChangesFocus(true);
    m_systemPrompt->setMinimumHeight(fontMetrics().lineSpacing() * 5);
    addRow(grid, SystemPrompt, m_systemPrompt);

    m_temperature = new QDoubleSpinBox(this);
    m_temperature->setRange(0.0, 2.0);
    m_temperature->setSingleStep(0.1);
    m_temperature->setDecimals(2);
    m_temperature->setValue(kStartTemperature);
    m_temperature->setToolTip(
        tr("Higher values make replies more varied, lower ones more focused"));
    addRow(grid, Temperature, m_temperature);

    m_topP = new QDoubleSpinBox(this);
    m_topP->setRange(0.0, 1.0);
    m_topP->setSingleStep(0.05);
    m_topP->setDecimals(2);
    m_topP->setValue(kStartTopP);
    m_topP->setToolTip(tr("Nucleus sampling: only the most likely tokens up to this share"));
    addRow(grid, TopP, m_topP);

    m_maxTokens = new QSpinBox(this);
    m_maxTokens->setRange(1, 2'000'000);
    m_maxTokens->setSingleStep(256);
    m_maxTokens->setGroupSeparatorShown(true);
    m_maxTokens->setValue(kStartMaxTokens);
    m_maxTokens->setToolTip(tr("The longest reply the model may write, in tokens"));
    addRow(grid, MaxTokens, m_maxTokens);

    m_reasoningEffort = new QComboBox(this);
    m_reasoningEffort->addItem(tr("—"), QString());
    m_reasoningEffort->addItem(tr("Low"), QStringLiteral("low"));
    m_reasoningEffort->addItem(tr("Medium"), QStringLiteral("medium"));
    m_reasoningEffort->addItem(tr("High"), QStringLiteral("high"));
    m_reasoningEffort->setToolTip(
        tr("How hard reasoning models think before answering; — sends nothing"));
    addRow(grid, ReasoningEffort, m_reasoningEffort);

    m_thinkingBudget = new QSpinBox(this);
    m_thinkingBudget->setRange(0, 1'000'000);
    m_thinkingBudget->setSingleStep(1024);
    m_thinkingBudget->setGroupSeparatorShown(true);
    m_thinkingBudget->setSpecialValueText(tr("Off"));
    m_thinkingBudget->setSuffix(tr(" tokens"));
    m_thinkingBudget->setToolTip(tr("Tokens the model may spend thinking (0 = off)"));
    addRow(grid, ThinkingBudget, m_thinkingBudget);

    m_stream = new QCheckBox(tr("Show the reply as it is written"), this);
    addRow(grid, Stream, m_stream);
}

void ChatParametersEditor::addRow(QGridLayout* grid, Field field, QWidget* control)
{
    Row& row = m_rows[field];
    row.control = control;
    const int line = grid->rowCount();
    control->setObjectName(row.key);
    control->setAccessibleName(row.name);

    QWidget* label = nullptr;
    if (m_mode == Mode::Defaults) {
        row.label = new QLabel(row.name + tr(":"), this);
        row.label->setBuddy(control);
        label = row.label;
    } else {
        row.overrideBox = new QCheckBox(row.name, this);
        row.overrideBox->setObjectName(row.key + QStringLiteral("Override"));
        row.overrideBox->setAccessibleName(tr("Override %1").arg(row.name));
        row.overrideBox->setToolTip(tr("Use a value of its own instead of the default"));
        label = row.overrideBox;
    }
    const bool tall = field == SystemPrompt;
    grid->addWidget(label, line, 0, tall ? Qt::AlignTop : Qt::AlignVCenter);

    // Numeric fields may be left to the provider: a "Provider default" box beside the control.
    QWidget* fieldWidget = control;
    if (field == Temperature || field == TopP || field == MaxTokens) {
        auto* box = new QWidget(this);
        auto* layout = new QHBoxLayout(box);
        layout->setContentsMargins(0, 0, 0, 0);
        layout->setSpacing(10);
        control->setParent(box);
        layout->addWidget(control);
        row.providerDefault = new QCheckBox(tr("Provider default"), box);
        row.providerDefault->setObjectName(row.key + QStringLiteral("ProviderDefault"));
        row.providerDefault->setAccessibleName(tr("%1: provider default").arg(row.name));
        row.providerDefault->setToolTip(tr("Send no value: the provider's own default applies"));
        layout->addWidget(row.providerDefault);
        layout->addStretch(1);
        fieldWidget = box;
    }
    row.field = fieldWidget;
    // Only the prompt takes the full width; the small controls keep one common width.
    if (field == SystemPrompt) {
        grid->addWidget(fieldWidget, line, 1);
    } else {
        if (field != Stream)
            control->setMinimumWidth(kControlWidth);
        grid->addWidget(fieldWidget, line, 1, Qt::AlignLeft | Qt::AlignVCenter);
    }

    if (m_mode == Mode::Overrides) {
        row.reset = new QToolButton(this);
        row.reset->setText(QStringLiteral("↺"));
        row.reset->setObjectName(row.key + QStringLiteral("Reset"));
        row.reset->setAccessibleName(tr("Reset %1 to the default").arg(row.name));
        row.reset->setToolTip(tr("Reset to the default"));
        row.reset->setAutoRaise(true);
        row.reset->setCursor(Qt::PointingHandCursor);
        grid->addWidget(row.reset, line, 2, tall ? Qt::AlignTop : Qt::AlignVCenter);
        // The column keeps its width while no reset button shows, so the form does not jump.
        grid->setColumnMinimumWidth(2, row.reset->sizeHint().width());
    }
}

void ChatParametersEditor::connectEdits()
{
    connect(m_systemPrompt, &QPlainTextEdit::textChanged, this,
            [this] { onUserEdit(SystemPrompt); });
    connect(m_temperature, &QDoubleSpinBox::valueChanged, this,
            [this] { onUserEdit(Temperature); });
    connect(m_topP, &QDoubleSpinBox::valueChanged, this, [this] { onUserEdit(TopP); });
    connect(m_maxTokens, &QSpinBox::valueChanged, this, [this] { onUserEdit(MaxTokens); });
    connect(m_reasoningEffort, &QComboBox::currentIndexChanged, this,
            [this] { onUserEdit(ReasoningEffort); });
    connect(m_thinkingBudget, &QSpinBox::valueChanged, this,
            [this] { onUserEdit(ThinkingBudget); });
    connect(m_stream, &QCheckBox::toggled, this, [this] { onUserEdit(Stream); });

    for (int f = 0; f < FieldCount; ++f) {
        Row& row = m_rows[f];
        const auto field = Field(f);
        if (row.providerDefault) {
            connect(row.providerDefault, &QCheckBox::toggled, this, [this, field] {
                updateRow(field);
                onUserEdit(field);
            });
        }
        if (row.overrideBox) {
            connect(row.overrideBox, &QCheckBox::toggled, this, [this, field](bool on) {
                if (m_updating)
                    return;
                setOverridden(field, on);
                Q_EMIT edited();
            });
        }
        if (row.reset) {
            connect(row.reset, &QToolButton::clicked, this, [this, field] {
                setOverridden(field, false);
                Q_EMIT edited();
            });
        }
    }
}

void ChatParametersEditor::onUserEdit(Field field)
{
    if (m_updating)
        return;
    updateRow(field);
    Q_EMIT edited();
}

void ChatParametersEditor::writeField(Field field, const core::ChatParameters& values)
{
    const bool was = m_updating;
    m_updating = true;
    Row& row = m_rows[field];
    switch (field) {
    case SystemPrompt: {
        const QString text = values.systemPrompt.value_or(QString());
        if (m_systemPrompt->toPlainText() != text)
            m_systemPrompt->setPlainText(text);
        break;
    }
    case Temperature:
        row.providerDefault->setChecked(!values.temperature);
        if (values.temperature)
            m_temperature->setValue(*values.temperature);
        break;
    case TopP:
        row.providerDefault->setChecked(!values.topP);
        if (values.topP)
            m_topP->setValue(*values.topP);
        break;
    case MaxTokens:
        row.providerDefault->setChecked(!values.maxTokens);
        if (values.maxTokens)
            m_maxTokens->setValue(*values.maxTokens);
        break;
    case ReasoningEffort: {
        const int index = m_reasoningEffort->findData(values.reasoningEffort.value_or(QString()));
        m_reasoningEffort->setCurrentIndex(qMax(0, index));
        break;
    }
    case ThinkingBudget:
        m_thinkingBudget->setValue(values.thinkingBudgetTokens.value_or(0));
        break;
    case Stream:
        m_stream->setChecked(values.stream.value_or(true));
        break;
    case FieldCount:
        break;
    }
    m_updating = was;
}

void ChatParametersEditor::readField(Field field, core::ChatParameters& out) const
{
    const Row& row = m_rows[field];
    // An override always carries a value; only the defaults can leave a number to the provider.
    const bool unset = row.providerDefault && row.providerDefault->isChecked()
                       && !(m_mode == Mode::Overrides && row.overridden);
    switch (field) {
    case SystemPrompt:
        out.systemPrompt = m_systemPrompt->toPlainText();
        break;
    case Temperature:
        out.temperature = unset ? std::nullopt : std::optional<double>(m_temperature->value());
        break;
    case TopP:
        out.topP = unset ? std::nullopt : std::optional<double>(m_topP->value());
        break;
    case MaxTokens:
        out.maxTokens = unset ? std::nullopt : std::optional<int>(m_maxTokens->value());
        break;
    case ReasoningEffort:
        out.reasoningEffort = m_reasoningEffort->currentData().toString();
        break;
    case ThinkingBudget:
        out.thinkingBudgetTokens = m_thinkingBudget->value();
        break;
    case Stream:
        out.stream = m_stream->isChecked();
        break;
    case FieldCount:
        break;
    }
}

// Unset text and unset numbers compare as their neutral values ("", 0 = off, streaming on).
bool ChatParametersEditor::sameField(Field field, const core::ChatParameters& a,
                                     const core::ChatParameters& b)
{
    switch (field) {
    case SystemPrompt:
        return a.systemPrompt.value_or(QString()) == b.systemPrompt.value_or(QString());
    case Temperature:
        return a.temperature == b.temperature;
    case TopP:
        return a.topP == b.topP;
    case MaxTokens:
        return a.maxTokens == b.maxTokens;
    case ReasoningEffort:
        return a.reasoningEffort.value_or(QString()) == b.reasoningEffort.value_or(QString());
    case ThinkingBudget:
        return a.thinkingBudgetTokens.value_or(0) == b.thinkingBudgetTokens.value_or(0);
    case Stream:
        return a.stream.value_or(true) == b.stream.value_or(true);
    case FieldCount:
        break;
    }
    return true;
}

bool ChatParametersEditor::differs(Field field) const
{
    if (m_mode != Mode::Overrides || !m_rows[field].overridden)
        return false;
    core::ChatParameters value;
    readField(field, value);
    return !sameField(field, value, m_defaults);
}

void ChatParametersEditor::setOverridden(Field field, bool overridden)
{
    Row& row = m_rows[field];
    row.overridden = overridden;
    if (!overridden) {
        writeField(field, m_defaults);
    } else if (row.providerDefault && row.providerDefault->isChecked()) {
        // The default leaves it to the provider: the override starts from the neutral value
        // the control already holds.
        const bool was = m_updating;
        m_updating = true;
        row.providerDefault->setChecked(false);
        m_updating = was;
    }
    {
        const bool was = m_updating;
        m_updating = true;
        if (row.overrideBox)
            row.overrideBox->setChecked(overridden);
        m_updating = was;
    }
    updateRow(field);
    if (overridden)
        row.control->setFocus(Qt::OtherFocusReason);
}

void ChatParametersEditor::updateRow(Field field)
{
    Row& row = m_rows[field];
    QWidget* control = row.control;

    const bool overrides = m_mode == Mode::Overrides;
    const bool editable = !overrides || row.overridden;
    const bool providerDefault = row.providerDefault && row.providerDefault->isChecked();

    if (row.label)
        row.label->setVisible(row.shown);
    if (row.overrideBox)
        row.overrideBox->setVisible(row.shown);
    row.field->setVisible(row.shown);
    row.field->setEnabled(editable);
    if (row.providerDefault) {
        if (overrides) {
            // Not overridden and left to the provider: say so instead of showing a number.
            const bool showDefault = !row.overridden && providerDefault;
            row.providerDefault->setVisible(showDefault);
            control->setVisible(!showDefault);
        } else {
            control->setEnabled(!providerDefault);
        }
    }
    if (row.reset)
        row.reset->setVisible(row.shown && row.overridden);

    if (row.overrideBox) {
        const bool marked = differs(field);
        QFont font = row.overrideBox->font();
        font.setBold(marked);
        row.overrideBox->setFont(font);
        const QString state = marked ? tr("differs from the default") : QString();
        row.overrideBox->setAccessibleDescription(state);
        row.overrideBox->setProperty("differs", marked);
    }
}

void ChatParametersEditor::setDefaults(const core::ChatParameters& defaults)
{
    m_defaults = defaults;
    for (int f = 0; f < FieldCount; ++f) {
        if (m_mode == Mode::Overrides && !m_rows[f].overridden)
            writeField(Field(f), m_defaults);
        updateRow(Field(f));
    }
}

void ChatParametersEditor::setParameters(const core::ChatParameters& parameters)
{
    const bool was = m_updating;
    m_updating = true;
    if (m_mode == Mode::Defaults) {
        for (int f = 0; f < FieldCount; ++f)
            writeField(Field(f), parameters);
    } else {
        const std::array<bool, FieldCount> set = {parameters.systemPrompt.has_value(),
                                                  parameters.temperature.has_value(),
                                                  parameters.topP.has_value(),
                                                  parameters.maxTokens.has_value(),
                                                  parameters.reasoningEffort.has_value(),
                                                  parameters.thinkingBudgetTokens.has_value(),
                                                  parameters.stream.has_value()};
        for (int f = 0; f < FieldCount; ++f) {
            m_rows[f].overridden = set[f];
            m_rows[f].overrideBox->setChecked(set[f]);
            writeField(Field(f), set[f] ? parameters : m_defaults);
        }
    }
    m_updating = was;
    for (int f = 0; f < FieldCount; ++f)
        updateRow(Field(f));
}

core::ChatParameters ChatParametersEditor::parameters() const
{
    core::ChatParameters out;
    for (int f = 0; f < FieldCount; ++f) {
        if (m_mode == Mode::Defaults || m_rows[f].overridden)
            readField(Field(f), out);
    }
    return out;
}

void ChatParametersEditor::resetToDefaults()
{
    if (m_mode != Mode::Overrides)
        return;
    for (int f = 0; f < FieldCount; ++f)
        setOverridden(Field(f), false);
    Q_EMIT edited();
}

void ChatParametersEditor::setProviderKind(const QString& kind)
{
    m_providerKind = kind;
    const QString k = kind.toLower();
    const bool effort = k != QLatin1String("anthropic") && k != QLatin1String("gemini")
                        && k != QLatin1String("ollama");
    const bool thinking = k != QLatin1String("openai") && k != QLatin1String("ollama");
    m_rows[ReasoningEffort].shown = effort;
    m_rows[ThinkingBudget].shown = thinking;
    updateRow(ReasoningEffort);
    updateRow(ThinkingBudget);
}

} // namespace keel::ui
