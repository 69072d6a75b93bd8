// SettingsDialog: the page list, the stacked pages and the Close button.
#include "ui/settings/SettingsDialog.h"

#include "core/settings/Settings.h"
#include "ui/settings/AppearancePage.h"
#include "ui/settings/AssistantsPage.h"
#include "ui/settings/ChatDefaultsPage.h"
#include "ui/settings/NetworkPage.h"
#include "ui/settings/ProvidersPage.h"
#include "ui/settings/ToolsPage.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QScrollArea>
#include <QStackedWidget>
#include <QStyle>
#include <QVBoxLayout>

namespace keel::ui {

SettingsDialog::SettingsDialog(core::Settings* settings, QWidget* parent)
    : QDialog(parent)
    , m_pageList(new QListWidget)
    , m_pageTitle(new QLabel)
    , m_stack(new QStackedWidget)
    , m_providers(new ProvidersPage(settings))
    , m_chatDefaults(new ChatDefaultsPage(settings))
    , m_assistants(new AssistantsPage(settings))
    , m_tools(new ToolsPage(settings))
    , m_appearance(new AppearancePage(settings))
    , m_network(new NetworkPage(settings))
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Settings"));
    setAccessibleName(tr("Settings"));
    setModal(false);
    setSizeGripEnabled(true);
    resize(1000, 720);
    setMinimumSize(720, 480);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    m_pageList->setObjectName(QStringLiteral("settingsPageList"));
    m_pageList->setAccessibleName(tr("Settings pages"));
    m_pageList->setFixedWidth(190);
    m_pageList->setIconSize(QSize(20, 20));
    m_pageList->setSpacing(3);
    m_pageList->setFrameShape(QFrame::NoFrame);
    // The list reads as a sidebar: the window's colour, not an input field's.
    m_pageList->setBackgroundRole(QPalette::Window);
    m_pageList->viewport()->setBackgroundRole(QPalette::Window);
    layout->addWidget(m_pageList);

    auto* separator = new QFrame;
    separator->setFrameShape(QFrame::VLine);
    separator->setFrameShadow(QFrame::Plain);
    separator->setForegroundRole(QPalette::Mid);
    layout->addWidget(separator);

    auto* right = new QVBoxLayout;
    right->setContentsMargins(24, 18, 24, 16);
    right->setSpacing(12);
    QFont titleFont;
    titleFont.setBold(true);
    titleFont.setPointSizeF(QFont().pointSizeF() * 1.5);
    m_pageTitle->setObjectName(QStringLiteral("settingsPageTitle"));
    m_pageTitle->setFont(titleFont);
    right->addWidget(m_pageTitle);
    m_stack->setObjectName(QStringLiteral("settingsPages"));
    right->addWidget(m_stack, 1);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    QPushButton* close = buttons->button(QDialogButtonBox::Close);
    close->setObjectName(QStringLiteral("closeSettings"));
    close->setAccessibleName(tr("Close the settings"));
    close->setAutoDefault(false);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    right->addWidget(buttons);
    layout->addLayout(right, 1);

    QStyle* s = style();
    addPage(m_providers, tr("Providers"), s->standardIcon(QStyle::SP_DriveNetIcon), false);
    addPage(m_chatDefaults, tr("Chat defaults"), s->standardIcon(QStyle::SP_FileDialogDetailedView),
            true);
    addPage(m_assistants, tr("Assistants"), s->standardIcon(QStyle::SP_FileDialogContentsView),
            false);
    addPage(m_tools, tr("Tools"), s->standardIcon(QStyle::SP_FileDialogListView), false);
    addPage(m_appearance, tr("Appearance"), s->standardIcon(QStyle::SP_DesktopIcon), true);
    addPage(m_network, tr("Network"), s->standardIcon(QStyle::SP_ComputerIcon), true);

    connect(m_pageList, &QListWidget::currentRowChanged, this, [this](int row) {
        m_stack->setCurrentIndex(row);
        if (QListWidgetItem* item = m_pageList->item(row))
            m_pageTitle->setText(item->text());
    });
    connect(m_providers, &ProvidersPage::listModelsRequested, this,
            &SettingsDialog::listModelsRequested);
    connect(m_tools, &ToolsPage::inspectServerRequested, this,
            &SettingsDialog::inspectServerRequested);
    m_pageList->setCurrentRow(0);
}

void SettingsDialog::addPage(QWidget* page, const QString& title, const QIcon& icon, bool scroll)
{
    auto* item = new QListWidgetItem(icon, title, m_pageList);
    item->setSizeHint(QSize(0, 34));
    page->setAccessibleName(title);
    if (!scroll) { // the page scrolls its own parts
        m_stack->addWidget(page);
        return;
    }
    auto* area = new QScrollArea;
    area->setWidgetResizable(true);
    area->setFrameShape(QFrame::NoFrame);
    area->setWidget(page);
    m_stack->addWidget(area);
}

QStringList SettingsDialog::pageNames()
{
    return {QStringLiteral("providers"), QStringLiteral("chat"),       QStringLiteral("assistants"),
            QStringLiteral("tools"),     QStringLiteral("appearance"), QStringLiteral("network")};
}

std::optional<SettingsDialog::Page> SettingsDialog::pageNamed(const QString& name)
{
    const qsizetype index = pageNames().indexOf(name.toLower());
    if (index < 0)
        return std::nullopt;
    return static_cast<Page>(index);
}

void SettingsDialog::showPage(Page page)
{
    m_pageList->setCurrentRow(static_cast<int>(page));
}

SettingsDialog::Page SettingsDialog::currentPage() const
{
    return static_cast<Page>(m_pageList->currentRow());
}

void SettingsDialog::addProviderFromPreset(const QString& presetId)
{
    showPage(Page::Providers);
    m_providers->addProvider(presetId, true);
}

void SettingsDialog::onModelsListed(const core::ModelListResult& result)
{
    m_providers->onModelsListed(result);
}

void SettingsDialog::onServerInspected(const QString& requestId,
                                       const core::McpServerStatus& status)
{
    m_tools->onServerInspected(requestId, status);
}

} // namespace keel::ui
