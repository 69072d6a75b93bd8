// ModelListEditor: default model, test / fetch controls and the filtered model table.
#include "ui/settings/ModelListEditor.h"

#include "ui/settings/ModelListModel.h"
#include "ui/settings/SettingsStyle.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace keel::ui {

using settingsStyle::Tone;

namespace {

// Matches the search against the id and the display name, case-insensitively.
class ModelFilter : public QSortFilterProxyModel {
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

    void setNeedle(const QString& needle)
    {
        m_needle = needle.trimmed();
        invalidateFilter();
    }

protected:
    bool filterAcceptsRow(int row, const QModelIndex& parent) const override
    {
        if (m_needle.isEmpty())
            return true;
        for (int column : {ModelListModel::IdColumn, ModelListModel::DisplayNameColumn}) {
            const QString text = sourceModel()->index(row, column, parent).data().toString();
            if (text.contains(m_needle, Qt::CaseInsensitive))
                return true;
        }
        return false;
    }

private:
    QString m_needle;
};

QPushButton* button(const QString& text, const QString& objectName, const QString& tip)
{
    auto* b = new QPushButton(text);
    b->setObjectName(objectName);
    b->setAccessibleName(text);
    b->setToolTip(tip);
    return b;
}

} // namespace

ModelListEditor::ModelListEditor(QWidget* parent)
    : QWidget(parent)
    , m_model(new ModelListModel(this))
    , m_proxy(new ModelFilter(this))
    , m_defaultModel(new QComboBox)
    , m_test(button(tr("Test connection"), QStringLiteral("testConnection"),
                    tr("Ask the provider for its models with the settings above")))
    , m_fetch(button(tr("Fetch models"), QStringLiteral("fetchModels"),
                     tr("Add the provider's models to the list below")))
    , m_busy(new QProgressBar)
    , m_status(settingsStyle::messageLabel(QStringLiteral("connectionStatus")))
    , m_search(new QLineEdit)
    , m_table(new QTableView)
    , m_enableAll(button(tr("Enable all"), QStringLiteral("enableAllModels"),
                         tr("Enable every model the search shows")))
    , m_disableAll(button(tr("Disable all"), QStringLiteral("disableAllModels"),
                          tr("Disable every model the search shows")))
    , m_count(new QLabel)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(8);

    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setHorizontalSpacing(12);
    m_defaultModel->setObjectName(QStringLiteral("providerDefaultModel"));
    m_defaultModel->setAccessibleName(tr("Default model"));
    m_defaultModel->setEditable(true);
    m_defaultModel->setInsertPolicy(QComboBox::NoInsert);
    m_defaultModel->lineEdit()->setPlaceholderText(tr("The first enabled model"));
    form->addRow(tr("&Default model:"), m_defaultModel);
    layout->addLayout(form);

    auto* actions = new QHBoxLayout;
    actions->setSpacing(8);
    m_busy->setRange(0, 0);
    m_busy->setTextVisible(false);
    m_busy->setFixedSize(56, 8);
    m_busy->setAccessibleName(tr("Waiting for the provider"));
    m_busy->hide();
    m_status->hide();
    actions->addWidget(m_test);
    actions->addWidget(m_fetch);
    actions->addWidget(m_busy);
    actions->addWidget(m_status, 1);
    actions->addStretch(0); // keeps the buttons at their size while the status is hidden
    layout->addLayout(actions);

    auto* top = new QHBoxLayout;
    top->setSpacing(6);
    m_search->setObjectName(QStringLiteral("modelSearch"));
    m_search->setPlaceholderText(tr("Search models"));
    m_search->setAccessibleName(tr("Search models"));
    m_search->setClearButtonEnabled(true);
    top->addWidget(m_search, 1);
    top->addWidget(m_enableAll);
    top->addWidget(m_disableAll);
    layout->addLayout(top);

    m_proxy->setSourceModel(m_model);
    m_table->setObjectName(QStringLiteral("modelTable"));
    m_table->setAccessibleName(tr("Models"));
    m_table->setModel(m_proxy);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                             | QAbstractItemView::SelectedClicked);
    m_table->setAlternatingRowColors(true);
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->horizontalHeader()->setHighlightSections(false);
    m_table->setMinimumHeight(180);
    layout->addWidget(m_table, 1);

    m_count->setObjectName(QStringLiteral("modelCount"));
    m_count->setWordWrap(true);
    m_count->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_count);

    connect(m_search, &QLineEdit::textChanged, this, [this](const QString& text) {
        static_cast<ModelFilter*>(m_proxy)->setNeedle(text);
        updateCount();
    });
    connect(m_enableAll, &QPushButton::clicked, this, [this] { setShownEnabled(true); });
    connect(m_disableAll, &QPushButton::clicked, this, [this] { setShownEnabled(false); });
    connect(m_model, &ModelListModel::edited, this, [this] {
        if (m_quiet)
            return;
        refillDefaultModels();
        updateCount();
        Q_EMIT edited();
    });
    connect(m_defaultModel, &QComboBox::currentTextChanged, this, [this] {
        if (!m_quiet)
            Q_EMIT edited();
    });
    connect(m_test, &QPushButton::clicked, this, &ModelListEditor::testRequested);
    connect(m_fetch, &QPushButton::clicked, this, &ModelListEditor::fetchRequested);
    updateCount();
}

QList<core::ModelEntry> ModelListEditor::models() const
{
    return m_model->models();
}

void ModelListEditor::load(const QList<core::ModelEntry>& models, const QString& defaultModel)
{
    m_quiet = true;
    m_search->clear();
    m_model->setModels(models);
    refillDefaultModels();
    m_defaultModel->setCurrentText(defaultModel);
    m_quiet = false;
    clearStatus();
    updateCount();
}

QString ModelListEditor::defaultModel() const
{
    return m_defaultModel->currentText().trimmed();
}

qsizetype ModelListEditor::mergeFetched(const QList<core::ModelInfo>& fetched)
{
    const qsizetype before = m_model->models().size();
    m_quiet = true;
    m_model->setModels(ModelListModel::merge(m_model->models(), fetched));
    refillDefaultModels();
    m_quiet = false;
    updateCount();
    Q_EMIT edited();
    return m_model->models().size() - before;
}

void ModelListEditor::setActionsEnabled(bool enabled)
{
    m_test->setEnabled(enabled);
    m_fetch->setEnabled(enabled);
}

void ModelListEditor::showBusy(const QString& text)
{
    m_busy->show();
    settingsStyle::setMessage(m_status, text, Tone::Neutral);
}

void ModelListEditor::showResult(const QString& text, bool success)
{
    m_busy->hide();
    settingsStyle::setMessage(m_status, text, success ? Tone::Good : Tone::Bad);
}

void ModelListEditor::clearStatus()
{
    m_busy->hide();
    settingsStyle::setMessage(m_status, {}, Tone::Neutral);
}

int ModelListEditor::shownCount() const
{
    return m_proxy->rowCount();
}

void ModelListEditor::setShownEnabled(bool enabled)
{
    m_quiet = true; // one edited() for the whole change, not one per row
    bool changed = false;
    for (int row = 0; row < m_proxy->rowCount(); ++row) {
        const int source = m_proxy->mapToSource(m_proxy->index(row, 0)).row();
        if (m_model->models().at(source).enabled != enabled) {
            m_model->setEnabled(source, enabled);
            changed = true;
        }
    }
    m_quiet = false;
    if (!changed)
        return;
    refillDefaultModels();
    updateCount();
    Q_EMIT edited();
}

void ModelListEditor::refillDefaultModels()
{
    const bool quiet = m_quiet;
    m_quiet = true;
    const QString text = m_defaultModel->currentText();
    m_defaultModel->clear();
    for (const core::ModelEntry& model : m_model->models()) {
        if (!model.enabled)
            continue;
        m_defaultModel->addItem(model.id);
        if (!model.displayName.isEmpty())
            m_defaultModel->setItemData(m_defaultModel->count() - 1, model.displayName,
                                        Qt::ToolTipRole);
    }
    m_defaultModel->setCurrentText(text);
    m_quiet = quiet;
}

void ModelListEditor::updateCount()
{
    const QList<core::ModelEntry>& models = m_model->models();
    const auto enabled = std::count_if(models.begin(), models.end(),
                                       [](const core::ModelEntry& m) { return m.enabled; });
    if (models.isEmpty())
        m_count->setText(tr("No models yet: Fetch models lists what the provider offers."));
    else
        m_count->setText(tr("%1 of %2 models enabled. The first fetch enables every model; "
                            "later fetches add new ones disabled. Double-click a display "
                            "name to change it.")
                             .arg(enabled)
                             .arg(models.size()));
    const bool any = m_proxy->rowCount() > 0;
    m_enableAll->setEnabled(any);
    m_disableAll->setEnabled(any);
}

} // namespace keel::ui
