// TransferFileDialogs: the file dialogs of export and import (QFileDialog's static functions, so
// the platform's own dialogs where there are some) and the rules that turn the answers into a
// format and a path, plus the progress dialog the transfers share. Where the dialogs start is
// the caller's (the folder used last in this session).
#pragma once

#include "core/store/StoreTypes.h"
#include "core/transfer/TransferTypes.h"

#include <QCoreApplication>
#include <QString>

#include <optional>

class QProgressDialog;
class QWidget;

namespace keel::ui {

struct ExportTarget {
    core::ExportFormat format = core::ExportFormat::Markdown;
    QString path{};
};

class TransferFileDialogs {
    Q_DECLARE_TR_FUNCTIONS(keel::ui::TransferFileDialogs)
public:
    // One conversation: a filter per format (`format` chosen first), the file named after the
    // title. The chosen filter says the format; its extension is added when the name has
    // another one or none. nullopt: cancelled.
    static std::optional<ExportTarget> askExportPath(QWidget* parent,
                                                     const core::ConversationSummary& conversation,
                                                     core::ExportFormat format,
                                                     const QString& folder);
    // Export all: the JSON file to write, or for a folder format a new dated folder inside the
    // directory the user picks (the files do not mix with what is there). "": cancelled.
    static QString askExportAllPath(QWidget* parent, core::ExportFormat format,
                                    const QString& folder);
    static QString askImportPath(QWidget* parent, const QString& folder);

    // Non-modal (a modal one runs the event loop inside setValue(), re-entering its owner), shown
    // only after delayMs, with a Cancel button; it neither resets nor closes by itself.
    static QProgressDialog* createProgress(QWidget* parent, const QString& label, int maximum,
                                           int delayMs);
};

} // namespace keel::ui
