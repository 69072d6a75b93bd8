// ExportAllDialog: the choice of archive or folder.
#include "ui/ExportAllDialog.h"

#include <QButtonGroup>
#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace keel::ui {

ExportAllDialog::ExportAllDialog(QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Export all conversations"));
    setAccessibleName(tr("Export all conversations"));
    auto* layout = new QVBoxLayout(this);
    layout->setSpacing(8);
    auto* question = new QLabel(tr("Export every conversation as:"));
    question->setAccessibleName(question->text());
    layout->addWidget(question);

    auto* group = new QButtonGroup(this);
    const auto add = [&](core::ExportFormat format, const QString& text, const QString& hint) {
        auto* button = new QRadioButton(text);
        button->setAccessibleName(text);
        button->setToolTip(hint);
        group->addButton(button);
        layout->addWidget(button);
        m_choices.insert(format, button);
    };
    add(core::ExportFormat::Json, tr("One JSON archive"),
        tr("Every conversation with all its branches, in one file Keel can import again."));
    add(core::ExportFormat::Markdown, tr("A folder of Markdown files"),
        tr("One file per conversation, its current branch."));
    add(core::ExportFormat::Html, tr("A folder of HTML files"),
        tr("One web page per conversation, its current branch."));
    add(core::ExportFormat::Text, tr("A folder of plain text files"),
        tr("One text file per conversation, its current branch."));
    setFormat(core::ExportFormat::Json);

    auto* buttons = new QDialogButtonBox;
    m_continue = buttons->addButton(tr("Choose where…"), QDialogButtonBox::AcceptRole);
    m_continue->setAccessibleName(tr("Choose where to export"));
    m_continue->setDefault(true);
    buttons->addButton(QDialogButtonBox::Cancel)->setAccessibleName(tr("Cancel the export"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

core::ExportFormat ExportAllDialog::format() const
{
    for (auto it = m_choices.cbegin(); it != m_choices.cend(); ++it) {
        if (it.value()->isChecked())
            return it.key();
    }
    return core::ExportFormat::Json;
}

void ExportAllDialog::setFormat(core::ExportFormat format)
{
    if (QRadioButton* button = m_choices.value(format))
        button->setChecked(true);
}

} // namespace keel::ui
