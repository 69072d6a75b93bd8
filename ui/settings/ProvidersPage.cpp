// ProvidersPage: the secret-storage notice, the provider list with Add / Remove, and the editor.
#include "ui/settings/ProvidersPage.h"

#include "core/providers/ProviderPresets.h"
#include "core/settings/FirstRun.h"
#include "ui/settings/ProviderEditor.h"

#include <QDir>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPainter>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace keel::ui {

namespace {

constexpr int kIdRole = Qt::UserRole;

// A small round dot: green for an enabled provider, grey for a disabled one.
QIcon dotIcon(const QColor& color)
{
    QPixmap pixmap(12, 12);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(color);
    painter.drawEllipse(QRectF(2, 2, 8, 8));
    return QIcon(pixmap);
}

QString originText(const core::ProviderEntry& entry)
{
    if (const auto preset = core::findPreset(entry.presetId))
        return preset->name;
    return ProvidersPage::tr("Custom (%1)").arg(entry.kind);
}

// The tinted, rounded box used for warnings on this page.
void styleNotice(QWidget* box, bool severe)
{
    box->setAttribute(Qt::WA_StyledBackground);
    box->setStyleSheet(severe ? QStringLiteral("#%1 { background: rgba(220, 60, 40, 38); border: "
                                               "1px solid rgba(200, 50, 30, 150); "
                                               "border-radius: 6px; }")
                                    .arg(box->objectName())
                              : QStringLiteral("#%1 { background: rgba(240, 170, 30, 50); border: "
                                               "1px solid rgba(200, 130, 0, 160); "
                                               "border-radius: 6px; }")
                                    .arg(box->objectName()));
}

} // namespace

ProvidersPage::ProvidersPage(core::Settings* settings, QWidget* parent)
    : QWidget(parent)
    , m_settings(settings)
    , m_notice(new QWidget)
    , m_noticeText(new QLabel)
    , m_allowFile(new QPushButton(tr("Keep keys in a private file (readable only by you)")))
    , m_editor(new ProviderEditor(settings))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(12);

    m_notice->setObjectName(QStringLiteral("secretNotice"));
    m_notice->setAccessibleName(tr("Where API keys are kept"));
    auto* noticeLayout = new QVBoxLayout(m_notice);
    noticeLayout->setContentsMargins(12, 10, 12, 10);
    noticeLayout->setSpacing(8);
    m_noticeText->setObjectName(QStringLiteral("secretNoticeText"));
    m_noticeText->setTextFormat(Qt::PlainText);
    m_noticeText->setWordWrap(true);
    m_noticeText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    noticeLayout->addWidget(m_noticeText);
    m_allowFile->setObjectName(QStringLiteral("allowSecretFile"));
    m_allowFile->setAccessibleName(m_allowFile->text());
    m_allowFile->setAutoDefault(false);
    noticeLayout->addWidget(m_allowFile, 0, Qt::AlignLeft);
    layout->addWidget(m_notice);
    layout->addWidget(buildRemoveBar());

    auto* columns = new QHBoxLayout;
    columns->setSpacing(16);
    columns->addWidget(buildListColumn());
    columns->addWidget(m_editor, 1);
    layout->addLayout(columns, 1);

    connect(m_allowFile, &QPushButton::clicked, this, [this] {
        m_allowFile->setEnabled(false); // until the settings thread answers
        m_settings->setSecretFileAllowed(true);
    });
    connect(m_settings, &core::Settings::secretBackendChanged, this,
            &ProvidersPage::updateSecretNotice);
    connect(m_settings, &core::Settings::providersChanged, this, [this] {
        rebuildList();
        m_editor->refreshFromSettings();
        selectFirstIfEmpty();
    });
    connect(m_settings, &core::Settings::keyLoaded, m_editor, &ProviderEditor::refreshFromSettings);
    connect(m_editor, &ProviderEditor::listModelsRequested, this,
            &ProvidersPage::listModelsRequested);
    connect(m_editor, &ProviderEditor::dirtyChanged, this, &ProvidersPage::onDirtyChanged);
    connect(m_editor, &ProviderEditor::saved, this, [this](const QString& id) {
        rebuildList();
        selectProvider(id);
    });
    connect(m_editor, &ProviderEditor::discarded, this, [this] {
        rebuildList();
        selectFirstIfEmpty();
    });

    updateSecretNotice();
    rebuildList();
    selectFirstIfEmpty();
}

QWidget* ProvidersPage::buildListColumn()
{
    auto* column = new QWidget;
    column->setFixedWidth(240);
    auto* layout = new QVBoxLayout(column);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);

    m_list = new QListWidget;
    m_list->setObjectName(QStringLiteral("providerList"));
    m_list->setAccessibleName(tr("Providers"));
    m_list->setIconSize(QSize(12, 12));
    m_list->setSpacing(2);
    m_list->setUniformItemSizes(false);
    layout->addWidget(m_list, 1);

    m_listHint = new QLabel(tr("Save or revert the changes to switch providers."));
    m_listHint->setWordWrap(true);
    m_listHint->setForegroundRole(QPalette::PlaceholderText);
    m_listHint->hide();
    layout->addWidget(m_listHint);

    auto* buttons = new QHBoxLayout;
    buttons->setSpacing(6);
    m_add = new QToolButton;
    m_add->setObjectName(QStringLiteral("addProvider"));
    m_add->setText(tr("Add"));
    m_add->setAccessibleName(tr("Add a provider"));
    m_add->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_add->setPopupMode(QToolButton::InstantPopup);
    m_add->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    buildAddMenu();
    m_remove = new QPushButton(tr("Remove"));
    m_remove->setObjectName(QStringLiteral("removeProvider"));
    m_remove->setAccessibleName(tr("Remove the selected provider"));
    m_remove->setAutoDefault(false);
    buttons->addWidget(m_add, 1);
    buttons->addWidget(m_remove, 1);
    layout->addLayout(buttons);

    connect(m_list, &QListWidget::currentRowChanged, this, &ProvidersPage::onSelectionChanged);
    connect(m_remove, &QPushButton::clicked, this, &ProvidersPage::askRemove);
    return column;
}

QWidget* ProvidersPage::buildRemoveBar()
{
    m_removeBar = new QWidget;
    m_removeBar->setObjectName(QStringLiteral("removeProviderBar"));
    styleNotice(m_removeBar, true);
    auto* layout = new QHBoxLayout(m_removeBar);
    layout->setContentsMargins(12, 8, 12, 8);
    layout->setSpacing(8);
    m_removeText = new QLabel;
    m_removeText->setTextFormat(Qt::PlainText);
    m_removeText->setWordWrap(true);
    layout->addWidget(m_removeText, 1);
    m_confirmRemove = new QPushButton(tr("Remove"));
    m_confirmRemove->setObjectName(QStringLiteral("confirmRemoveProvider"));
    m_confirmRemove->setAccessibleName(tr("Confirm removing the provider"));
    m_confirmRemove->setAutoDefault(false);
    auto* cancel = new QPushButton(tr("Cancel"));
    cancel->setObjectName(QStringLiteral("cancelRemoveProvider"));
    cancel->setAccessibleName(tr("Keep the provider"));
    cancel->setAutoDefault(false);
    layout->addWidget(m_confirmRemove);
    layout->addWidget(cancel);
    m_removeBar->hide();
    connect(m_confirmRemove, &QPushButton::clicked, this, &ProvidersPage::confirmRemove);
    connect(cancel, &QPushButton::clicked, m_removeBar, &QWidget::hide);
    return m_removeBar;
}

void ProvidersPage::buildAddMenu()
{
    m_addMenu = new QMenu(m_add);
    m_addMenu->setObjectName(QStringLiteral("addProviderMenu"));
    const QList<core::ProviderPreset> presets = core::providerPresets();
    for (const bool local : {false, true}) {
        m_addMenu->addSection(local ? tr("On this computer") : tr("Cloud"));
        for (const core::ProviderPreset& preset : presets) {
            if (preset.local != local)
                continue;
            QAction* action = m_addMenu->addAction(preset.name);
            action->setObjectName(QStringLiteral("addPreset_") + preset.id);
            const QString id = preset.id;
            connect(action, &QAction::triggered, this, [this, id] { addProvider(id); });
        }
    }
    m_addMenu->addSeparator();
    QAction* custom = m_addMenu->addAction(tr("Custom…"));
    custom->setObjectName(QStringLiteral("addCustom"));
    custom->setToolTip(tr("Any server speaking one of the supported APIs"));
    connect(custom, &QAction::triggered, this, [this] { addProvider({}); });
    m_add->setMenu(m_addMenu);
}

void ProvidersPage::addProvider(const QString& presetId, bool focusKey)
{
    const QList<core::ProviderEntry>& existing = m_settings->providers();
    const core::ProviderEntry entry = presetId.isEmpty()
                                          ? core::customProvider(QStringLiteral("openai"), existing)
                                          : core::providerFromPreset(presetId, existing);
    if (entry.id.isEmpty())
        return; // an unknown preset
    m_removeBar->hide();
    m_editor->loadNewProvider(entry);
    rebuildList();
    if (focusKey) {
        m_editor->focusKeyField();
    } else {
        m_editor->nameEdit()->setFocus(Qt::OtherFocusReason);
        m_editor->nameEdit()->selectAll();
    }
}

void ProvidersPage::selectProvider(const QString& id)
{
    for (int row = 0; row < m_list->count(); ++row) {
        if (m_list->item(row)->data(kIdRole).toString() == id) {
            m_list->setCurrentRow(row);
            return;
        }
    }
}

void ProvidersPage::onModelsListed(const core::ModelListResult& result)
{
    m_editor->onModelsListed(result);
}

void ProvidersPage::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && m_list != nullptr)
        rebuildList(); // the dots and the grey of disabled entries follow the theme
}

void ProvidersPage::rebuildList()
{
    m_rebuilding = true;
    m_list->clear();
    const QColor enabledColor(40, 170, 80);
    const QColor disabledColor = palette().color(QPalette::PlaceholderText);
    for (const core::ProviderEntry& entry : m_settings->providers()) {
        if (m_settings->isTransient(entry.id))
            continue; // given on the command line for this run: not configuration
        QString subtitle = originText(entry);
        if (!entry.enabled)
            subtitle = tr("%1 · disabled").arg(subtitle);
        auto* item = new QListWidgetItem(dotIcon(entry.enabled ? enabledColor : disabledColor),
                                         entry.name + QLatin1Char('\n') + subtitle);
        item->setData(kIdRole, entry.id);
        item->setToolTip(entry.enabled ? subtitle
                                       : tr("%1 (its models are not offered)").arg(subtitle));
        if (!entry.enabled)
            item->setForeground(disabledColor);
        m_list->addItem(item);
    }
    if (m_editor->isNew()) {
        const core::ProviderEntry entry = m_editor->currentEntry();
        const QString name = entry.name.isEmpty() ? tr("New provider") : entry.name;
        auto* item = new QListWidgetItem(dotIcon(disabledColor),
                                         name + QLatin1Char('\n')
                                             + tr("%1 · not saved").arg(originText(entry)));
        item->setData(kIdRole, entry.id);
        QFont font = item->font();
        font.setItalic(true);
        item->setFont(font);
        m_list->addItem(item);
    }
    m_rebuilding = false;
    selectProvider(m_editor->currentId());
    m_remove->setEnabled(!m_editor->currentId().isEmpty());
}

void ProvidersPage::onSelectionChanged()
{
    if (m_rebuilding)
        return;
    QListWidgetItem* item = m_list->currentItem();
    const QString id = item ? item->data(kIdRole).toString() : QString();
    if (id == m_editor->currentId())
        return;
    m_removeBar->hide();
    m_editor->loadProvider(id);
    m_remove->setEnabled(!id.isEmpty());
}

void ProvidersPage::onDirtyChanged(bool dirty)
{
    // Switching entries would drop the edits; asking would need a nested event loop.
    m_list->setEnabled(!dirty);
    m_add->setEnabled(!dirty);
    m_listHint->setVisible(dirty);
}

void ProvidersPage::askRemove()
{
    if (m_editor->currentId().isEmpty())
        return;
    if (m_editor->isNew()) {
        m_editor->revert(); // never saved: nothing to confirm
        return;
    }
    const auto entry = m_settings->provider(m_editor->currentId());
    if (!entry)
        return;
    m_removeText->setText(
        entry->hasKey ? tr("Remove “%1”? Its stored API key is deleted too.").arg(entry->name)
                      : tr("Remove “%1”?").arg(entry->name));
    m_removeBar->show();
    m_confirmRemove->setFocus(Qt::OtherFocusReason);
}

void ProvidersPage::confirmRemove()
{
    m_removeBar->hide();
    const QString id = m_editor->currentId();
    if (id.isEmpty() || m_editor->isNew())
        return;
    m_editor->loadProvider({});
    m_settings->removeProvider(id); // providersChanged rebuilds the list
    rebuildList();
    selectFirstIfEmpty();
}

void ProvidersPage::updateSecretNotice()
{
    const core::SecretBackend backend = m_settings->secretBackend();
    const QString detail = m_settings->secretBackendDetail();
    if (backend == core::SecretBackend::Unavailable) {
        m_noticeText->setText(tr("No system keychain found. Keel cannot store API keys until a "
                                 "keychain service runs (GNOME Keyring, KWallet or another "
                                 "Secret Service); it never writes them in plain text unless "
                                 "you allow a private file."));
        m_noticeText->setToolTip(detail); // why the keychain did not answer
        m_allowFile->setEnabled(true);
        m_allowFile->show();
        styleNotice(m_notice, true);
        m_notice->show();
    } else if (backend == core::SecretBackend::File) {
        m_noticeText->setText(
            tr("Keys are kept in %1 (mode 0600), not in a keychain. Only your user account "
               "can read the file, but it is not encrypted.")
                .arg(QDir::toNativeSeparators(m_settings->paths().secretFile())));
        m_noticeText->setToolTip(detail);
        m_allowFile->hide();
        styleNotice(m_notice, false);
        m_notice->show();
    } else {
        m_notice->hide(); // the keychain works (or is still being probed): nothing to say
    }
}

void ProvidersPage::selectFirstIfEmpty()
{
    if (!m_editor->currentId().isEmpty() || m_list->count() == 0)
        return;
    m_list->setCurrentRow(0);
    onSelectionChanged();
}

} // namespace keel::ui
