// AssistantsPage: the list mirrors Settings::assistants(); the editor holds one assistant, whose
// pending edit is committed before anything changes which assistant is shown.
#include "ui/settings/AssistantsPage.h"

#include "core/settings/Settings.h"
#include "ui/ChatParametersEditor.h"
#include "ui/ModelPicker.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QScrollArea>
#include <QTimer>
#include <QVBoxLayout>

namespace keel::ui {

namespace {

constexpr int kListWidth = 220;
constexpr int kRowPadding = 10; // a list row is this much taller than its text

QLabel* heading(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
    return label;
}

} // namespace

AssistantsPage::AssistantsPage(core::Settings* settings, QWidget* parent)
    : QWidget(parent)
    , m_settings(settings)
    , m_saveTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("assistantsPage"));
    setAccessibleName(tr("Assistants"));

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(16);
    layout->addWidget(buildList());
    layout->addWidget(buildEditor(), 1);

    m_saveTimer->setSingleShot(true);
    m_saveTimer->setInterval(kSaveDelayMs);
    connect(m_saveTimer, &QTimer::timeout, this, &AssistantsPage::commit);
    connect(m_settings, &core::Settings::assistantsChanged, this,
            &AssistantsPage::onAssistantsChanged);
    connect(m_settings, &core::Settings::generalChanged, this,
            [this] { m_parameters->setDefaults(m_settings->general().chatDefaults); });
    connect(m_settings, &core::Settings::providersChanged, this,
            &AssistantsPage::updateProviderKind);

    rebuildList(QString());
}

AssistantsPage::~AssistantsPage()
{
    commit();
}

QWidget* AssistantsPage::buildList()
{
    auto* box = new QWidget(this);
    box->setFixedWidth(kListWidth);
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(8);

    m_list = new QListWidget(box);
    m_list->setObjectName(QStringLiteral("assistantList"));
    m_list->setAccessibleName(tr("Assistants"));
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setTextElideMode(Qt::ElideRight);
    layout->addWidget(m_list, 1);
    connect(m_list, &QListWidget::currentRowChanged, this, &AssistantsPage::onSelectionChanged);

    auto* buttons = new QHBoxLayout;
    buttons->setSpacing(6);
    m_new = new QPushButton(tr("New"), box);
    m_new->setObjectName(QStringLiteral("newAssistant"));
    m_new->setAccessibleName(tr("New assistant"));
    m_duplicate = new QPushButton(tr("Duplicate"), box);
    m_duplicate->setObjectName(QStringLiteral("duplicateAssistant"));
    m_duplicate->setAccessibleName(tr("Duplicate assistant"));
    m_delete = new QPushButton(tr("Delete"), box);
    m_delete->setObjectName(QStringLiteral("deleteAssistant"));
    m_delete->setAccessibleName(tr("Delete assistant"));
    for (QPushButton* button : {m_new, m_duplicate, m_delete}) {
        button->setAutoDefault(false);
        buttons->addWidget(button);
    }
    layout->addLayout(buttons);
    connect(m_new, &QPushButton::clicked, this, &AssistantsPage::onNew);
    connect(m_duplicate, &QPushButton::clicked, this, &AssistantsPage::onDuplicate);
    connect(m_delete, &QPushButton::clicked, this, &AssistantsPage::askDelete);
    return box;
}

QWidget* AssistantsPage::buildEditor()
{
    auto* outer = new QWidget(this);
    auto* outerLayout = new QVBoxLayout(outer);
    outerLayout->setContentsMargins(0, 0, 0, 0);
    outerLayout->setSpacing(10);

    // The inline confirmation: a nested dialog would block the event loop.
    m_confirmBar = new QWidget(outer);
    m_confirmBar->setObjectName(QStringLiteral("deleteConfirmation"));
    auto* confirmLayout = new QHBoxLayout(m_confirmBar);
    confirmLayout->setContentsMargins(0, 0, 0, 0);
    confirmLayout->setSpacing(8);
    m_confirmText = new QLabel(m_confirmBar);
    m_confirmText->setWordWrap(true);
    m_confirmText->setTextFormat(Qt::PlainText);
    confirmLayout->addWidget(m_confirmText, 1);
    m_confirmDelete = new QPushButton(tr("Delete"), m_confirmBar);
    m_confirmDelete->setObjectName(QStringLiteral("confirmDelete"));
    m_confirmDelete->setAccessibleName(tr("Confirm delete"));
    m_cancelDelete = new QPushButton(tr("Cancel"), m_confirmBar);
    m_cancelDelete->setObjectName(QStringLiteral("cancelDelete"));
    m_cancelDelete->setAccessibleName(tr("Cancel delete"));
    confirmLayout->addWidget(m_confirmDelete);
    confirmLayout->addWidget(m_cancelDelete);
    m_confirmBar->hide();
    outerLayout->addWidget(m_confirmBar);
    connect(m_confirmDelete, &QPushButton::clicked, this, &AssistantsPage::confirmDelete);
    connect(m_cancelDelete, &QPushButton::clicked, m_confirmBar, &QWidget::hide);

    m_emptyHint = new QLabel(tr("No assistants yet. Create one with New."), outer);
    m_emptyHint->setObjectName(QStringLiteral("assistantsEmpty"));
    m_emptyHint->setAlignment(Qt::AlignCenter);
    m_emptyHint->setForegroundRole(QPalette::PlaceholderText);
    outerLayout->addWidget(m_emptyHint, 1);

    auto* scroll = new QScrollArea(outer);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    outerLayout->addWidget(scroll, 1);
    m_editorBox = scroll;

    auto* content = new QWidget(scroll);
    auto* layout = new QVBoxLayout(content);
    layout->setContentsMargins(0, 0, 8, 0);
    layout->setSpacing(12);
    scroll->setWidget(content);

    auto* form = new QFormLayout;
    form->setContentsMargins(0, 0, 0, 0);
    form->setHorizontalSpacing(12);
    form->setVerticalSpacing(10);

    m_name = new QLineEdit(content);
    m_name->setObjectName(QStringLiteral("assistantName"));
    m_name->setAccessibleName(tr("Name"));
    m_name->setPlaceholderText(tr("Shown in the New chat menu"));
    auto* nameBox = new QWidget(content);
    auto* nameLayout = new QVBoxLayout(nameBox);
    nameLayout->setContentsMargins(0, 0, 0, 0);
    nameLayout->setSpacing(4);
    nameLayout->addWidget(m_name);
    m_nameError = new QLabel(tr("An assistant needs a name."), nameBox);
    m_nameError->setObjectName(QStringLiteral("assistantNameError"));
    QPalette errorPalette = m_nameError->palette();
    errorPalette.setColor(QPalette::WindowText, QColor(0xc0, 0x39, 0x2b));
    m_nameError->setPalette(errorPalette);
    m_nameError->hide();
    nameLayout->addWidget(m_nameError);
    form->addRow(tr("Name:"), nameBox);

    m_description = new QLineEdit(content);
    m_description->setObjectName(QStringLiteral("assistantDescription"));
    m_description->setAccessibleName(tr("Description"));
    m_description->setPlaceholderText(tr("What it is good at (optional)"));
    form->addRow(tr("Description:"), m_description);

    m_model = new ModelPicker(m_settings, content);
    m_model->setObjectName(QStringLiteral("assistantModel"));
    m_model->setAccessibleName(tr("Model"));
    m_model->setAutoRaise(false);
    m_model->setDefaultChoice(tr("Default model"));
    form->addRow(tr("Model:"), m_model);
    layout->addLayout(form);

    layout->addWidget(heading(tr("Parameters"), content));
    auto* hint = new QLabel(tr("Tick a setting to give the assistant its own value; the others "
                               "follow the chat defaults."),
                            content);
    hint->setWordWrap(true);
    hint->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(hint);

    m_parameters = new ChatParametersEditor(ChatParametersEditor::Mode::Overrides, content);
    m_parameters->setObjectName(QStringLiteral("assistantParameters"));
    m_parameters->setDefaults(m_settings->general().chatDefaults);
    layout->addWidget(m_parameters);
    layout->addStretch(1);

    connect(m_name, &QLineEdit::textEdited, this, &AssistantsPage::onEdited);
    connect(m_description, &QLineEdit::textEdited, this, &AssistantsPage::onEdited);
    connect(m_model, &ModelPicker::modelChosen, this, [this] {
        updateProviderKind();
        onEdited();
    });
    connect(m_parameters, &ChatParametersEditor::edited, this, &AssistantsPage::onEdited);
    return outer;
}

void AssistantsPage::rebuildList(const QString& selectId)
{
    const QSignalBlocker blocker(m_list);
    m_list->clear();
    int select = -1;
    for (const core::Assistant& assistant : m_settings->assistants()) {
        auto* item = new QListWidgetItem(assistant.name, m_list);
        item->setData(Qt::UserRole, assistant.id);
        item->setToolTip(assistant.description);
        item->setSizeHint(QSize(0, m_list->fontMetrics().height() + kRowPadding));
        if (assistant.id == selectId)
            select = m_list->count() - 1;
    }
    if (select < 0 && m_list->count() > 0)
        select = qBound(0, m_list->currentRow(), m_list->count() - 1);
    m_list->setCurrentRow(select);

    const QString id =
        select >= 0 ? m_list->item(select)->data(Qt::UserRole).toString() : QString();
    if (id != m_currentId || id.isEmpty())
        loadEditor(id);
    updateButtons();
}

void AssistantsPage::loadEditor(const QString& id)
{
    m_saveTimer->stop();
    m_dirty = false;
    m_currentId = id;
    m_confirmBar->hide();
    m_nameError->hide();

    const auto assistant = m_settings->assistant(id);
    m_editorBox->setVisible(assistant.has_value());
    m_emptyHint->setVisible(!assistant.has_value());
    if (!assistant) {
        m_currentId.clear();
        updateButtons();
        return;
    }
    m_loading = true;
    m_name->setText(assistant->name);
    m_description->setText(assistant->description);
    m_model->setCurrent(assistant->model);
    m_parameters->setDefaults(m_settings->general().chatDefaults);
    m_parameters->setParameters(assistant->parameters);
    m_loading = false;
    updateProviderKind();
    updateButtons();
}

void AssistantsPage::selectAssistant(const QString& id)
{
    commit();
    rebuildList(id);
}

void AssistantsPage::onSelectionChanged()
{
    commit();
    const QListWidgetItem* item = m_list->currentItem();
    loadEditor(item ? item->data(Qt::UserRole).toString() : QString());
}

core::Assistant AssistantsPage::editedAssistant() const
{
    core::Assistant assistant;
    if (const auto stored = m_settings->assistant(m_currentId))
        assistant = *stored;
    assistant.id = m_currentId;
    assistant.name = m_name->text().trimmed();
    assistant.description = m_description->text().trimmed();
    assistant.model = m_model->current();
    assistant.parameters = m_parameters->parameters();
    return assistant;
}

void AssistantsPage::onEdited()
{
    if (m_loading || m_currentId.isEmpty())
        return;
    m_dirty = true;
    m_confirmBar->hide();
    const bool nameOk = !m_name->text().trimmed().isEmpty();
    m_nameError->setVisible(!nameOk);
    if (QListWidgetItem* item = m_list->currentItem(); item && nameOk)
        item->setText(m_name->text().trimmed());
    m_saveTimer->start();
}

void AssistantsPage::commit()
{
    m_saveTimer->stop();
    if (!m_dirty || m_currentId.isEmpty())
        return;
    const core::Assistant assistant = editedAssistant();
    // A nameless assistant is not saved; the stored one keeps its name until this is fixed.
    if (assistant.name.isEmpty())
        return;
    m_dirty = false;
    if (m_settings->assistant(m_currentId) == assistant)
        return;
    m_saving = true;
    m_settings->saveAssistant(assistant);
    m_saving = false;
}

void AssistantsPage::onAssistantsChanged()
{
    if (m_saving)
        return;
    // Changed elsewhere (another window, an import): follow, unless the user is typing here.
    rebuildList(m_currentId);
    if (!m_dirty && !m_currentId.isEmpty()
        && m_settings->assistant(m_currentId) != editedAssistant())
        loadEditor(m_currentId);
}

void AssistantsPage::onNew()
{
    commit();
    core::Assistant assistant;
    assistant.name = tr("New assistant");
    m_saving = true;
    const core::Assistant stored = m_settings->saveAssistant(assistant);
    m_saving = false;
    rebuildList(stored.id);
    m_name->setFocus(Qt::OtherFocusReason);
    m_name->selectAll();
}

void AssistantsPage::onDuplicate()
{
    if (m_currentId.isEmpty())
        return;
    commit();
    m_saving = true;
    const core::Assistant copy = m_settings->duplicateAssistant(m_currentId);
    m_saving = false;
    rebuildList(copy.id);
}

void AssistantsPage::askDelete()
{
    const QListWidgetItem* item = m_list->currentItem();
    if (!item)
        return;
    m_confirmText->setText(
        tr("Delete “%1”? Conversations started from it keep their settings.").arg(item->text()));
    m_confirmBar->show();
    m_cancelDelete->setFocus(Qt::OtherFocusReason);
}

void AssistantsPage::confirmDelete()
{
    m_confirmBar->hide();
    if (m_currentId.isEmpty())
        return;
    const QString id = m_currentId;
    const int row = m_list->currentRow();
    m_saveTimer->stop();
    m_dirty = false;
    m_saving = true;
    m_settings->removeAssistant(id);
    m_saving = false;
    // Select the neighbour that took its place (or the new last one).
    const auto& assistants = m_settings->assistants();
    const QString next = assistants.isEmpty()
                             ? QString()
                             : assistants.at(qBound(0, row, int(assistants.size()) - 1)).id;
    m_currentId.clear();
    rebuildList(next);
}

void AssistantsPage::updateProviderKind()
{
    const core::ModelRef ref =
        m_model->current().isEmpty() ? m_settings->defaultModel() : m_model->current();
    const auto provider = m_settings->provider(ref.providerId);
    m_parameters->setProviderKind(provider ? provider->kind : QString());
}

void AssistantsPage::updateButtons()
{
    const bool has = !m_currentId.isEmpty();
    m_duplicate->setEnabled(has);
    m_delete->setEnabled(has);
}

} // namespace keel::ui
