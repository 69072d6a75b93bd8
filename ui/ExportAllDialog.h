// ExportAllDialog: the first question of Export all: one JSON archive, or a folder with one file
// per conversation (Markdown, HTML or plain text). Shown with open(); the caller asks for the
// path once it is accepted.
#pragma once

#include "core/transfer/TransferTypes.h"

#include <QDialog>
#include <QMap>

class QPushButton;
class QRadioButton;

namespace keel::ui {

class ExportAllDialog : public QDialog {
    Q_OBJECT
public:
    explicit ExportAllDialog(QWidget* parent = nullptr);

    core::ExportFormat format() const;
    void setFormat(core::ExportFormat format);
    QRadioButton* choice(core::ExportFormat format) const { return m_choices.value(format); }
    QPushButton* continueButton() const { return m_continue; }

private:
    QMap<core::ExportFormat, QRadioButton*> m_choices;
    QPushButton* m_continue = nullptr;
};

} // namespace keel::ui
