// ImportPreviewDialog: the preview's layout and the skip / replace choice.
#include "ui/ImportPreviewDialog.h"

#include <QButtonGroup>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QRadioButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace keel::ui {

ImportPreviewDialog::ImportPreviewDialog(const core::ImportPreview& preview, QWidget* parent)
    : QDialog(parent)
    , m_conversations(int(preview.batch.conversations.size()))
    , m_messages(preview.batch.messageCount)
    , m_alreadyImported(preview.alreadyImported)
    , m_source(core::sourceTitle(preview.batch.source))
    , m_summary(new QLabel)
{
    setWindowTitle(tr("Import conversations"));
    setAccessibleName(tr("Import preview"));
    auto* layout = new QVBoxLayout(this);
    layout->setSpacing(10);

    // File names and titles come from the file: never interpreted as rich text.
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setText(summaryText());
    m_summary->setAccessibleName(m_summary->text());
    QFont bold = m_summary->font();
    bold.setBold(true);
    m_summary->setFont(bold);
    layout->addWidget(m_summary);

    auto* file = new QLabel(tr("From %1").arg(QFileInfo(preview.path).fileName()));
    file->setTextFormat(Qt::PlainText);
    file->setToolTip(preview.path);
    file->setAccessibleName(file->text());
    layout->addWidget(file);

    if (m_alreadyImported > 0) {
        auto* duplicates = new QLabel(m_alreadyImported == 1
                                          ? tr("1 of these conversations was imported before.")
                                          : tr("%1 of these conversations were imported before.")
                                                .arg(QLocale().toString(m_alreadyImported)));
        duplicates->setWordWrap(true);
        duplicates->setAccessibleName(duplicates->text());
        layout->addWidget(duplicates);
        m_skip = new QRadioButton(
            m_alreadyImported == 1
                ? tr("Skip the 1 already imported")
                : tr("Skip the %1 already imported").arg(QLocale().toString(m_alreadyImported)));
        m_skip->setAccessibleName(tr("Skip the conversations already imported"));
        m_replace = new QRadioButton(tr("Replace them"));
        m_replace->setAccessibleName(tr("Replace the conversations already imported"));
        m_replace->setToolTip(
            tr("The copies in your history are deleted and the ones in the file imported."));
        auto* group = new QButtonGroup(this);
        group->addButton(m_skip);
        group->addButton(m_replace);
        m_skip->setChecked(true);
        layout->addWidget(m_skip);
        layout->addWidget(m_replace);
    }

    if (!preview.batch.warnings.isEmpty()) {
        m_warningsToggle = new QToolButton;
        m_warningsToggle->setCheckable(true);
        m_warningsToggle->setAutoRaise(true);
        m_warningsToggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        m_warningsToggle->setArrowType(Qt::RightArrow);
        const int count = int(preview.batch.warnings.size());
        m_warningsToggle->setText(count == 1 ? tr("1 note about the conversion")
                                             : tr("%1 notes about the conversion").arg(count));
        m_warningsToggle->setAccessibleName(tr("Show the notes about the conversion"));
        m_warnings = new QListWidget;
        m_warnings->setAccessibleName(tr("Notes about the conversion"));
        m_warnings->addItems(preview.batch.warnings);
        m_warnings->setWordWrap(true);
        m_warnings->setVisible(false);
        connect(m_warningsToggle, &QToolButton::toggled, this, [this](bool shown) {
            m_warnings->setVisible(shown);
            m_warningsToggle->setArrowType(shown ? Qt::DownArrow : Qt::RightArrow);
            m_warningsToggle->setAccessibleName(shown ? tr("Hide the notes about the conversion")
                                                      : tr("Show the notes about the conversion"));
            adjustSize();
        });
        layout->addWidget(m_warningsToggle, 0, Qt::AlignLeft);
        layout->addWidget(m_warnings, 1);
    }

    auto* buttons = new QDialogButtonBox;
    m_importButton = buttons->addButton(tr("Import"), QDialogButtonBox::AcceptRole);
    m_importButton->setAccessibleName(tr("Import the conversations"));
    m_importButton->setDefault(true);
    m_importButton->setEnabled(m_conversations > 0);
    QPushButton* cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setAccessibleName(tr("Cancel the import"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

core::DuplicatePolicy ImportPreviewDialog::policy() const
{
    return m_replace != nullptr && m_replace->isChecked() ? core::DuplicatePolicy::Replace
                                                          : core::DuplicatePolicy::Skip;
}

void ImportPreviewDialog::setPolicy(core::DuplicatePolicy policy)
{
    if (m_skip == nullptr)
        return;
    (policy == core::DuplicatePolicy::Replace ? m_replace : m_skip)->setChecked(true);
}

QString ImportPreviewDialog::summaryText() const
{
    return tr("%1 export: %2, %3")
        .arg(m_source, conversationsText(m_conversations), messagesText(m_messages));
}

QString ImportPreviewDialog::conversationsText(qint64 count)
{
    return count == 1 ? tr("1 conversation")
                      : tr("%1 conversations").arg(QLocale().toString(count));
}

QString ImportPreviewDialog::messagesText(qint64 count)
{
    return count == 1 ? tr("1 message") : tr("%1 messages").arg(QLocale().toString(count));
}

} // namespace keel::ui
