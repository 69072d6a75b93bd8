// ImportPreviewDialog: what an import would bring in, before anything is written: where it
// comes from, how many conversations and messages, what was converted with a loss (a collapsed
// list of warnings) and, when the history already has some of them, whether to skip or replace
// those. Import / Cancel; shown with open(), never exec().
#pragma once

#include "core/store/ConversationTree.h"
#include "core/transfer/ImportReadTask.h"

#include <QDialog>

class QLabel;
class QListWidget;
class QPushButton;
class QRadioButton;
class QToolButton;

namespace keel::ui {

class ImportPreviewDialog : public QDialog {
    Q_OBJECT
public:
    explicit ImportPreviewDialog(const core::ImportPreview& preview, QWidget* parent = nullptr);

    // Skip unless the user chose Replace (only offered when some were imported before).
    core::DuplicatePolicy policy() const;
    void setPolicy(core::DuplicatePolicy policy);

    int conversationCount() const { return m_conversations; }
    qint64 messageCount() const { return m_messages; }
    int alreadyImported() const { return m_alreadyImported; }
    // "ChatGPT export: 57 conversations, 1,234 messages"
    QString summaryText() const;

    QPushButton* importButton() const { return m_importButton; }
    QRadioButton* skipButton() const { return m_skip; }
    QRadioButton* replaceButton() const { return m_replace; }
    // Shows / hides the warnings; null without warnings.
    QToolButton* warningsToggle() const { return m_warningsToggle; }
    QListWidget* warningsList() const { return m_warnings; }

    // "1 conversation" / "12 conversations", with the locale's digit grouping.
    static QString conversationsText(qint64 count);
    static QString messagesText(qint64 count);

private:
    int m_conversations = 0;
    qint64 m_messages = 0;
    int m_alreadyImported = 0;
    QString m_source; // "ChatGPT"
    QLabel* m_summary;
    QRadioButton* m_skip = nullptr;
    QRadioButton* m_replace = nullptr;
    QToolButton* m_warningsToggle = nullptr;
    QListWidget* m_warnings = nullptr;
    QPushButton* m_importButton = nullptr;
};

} // namespace keel::ui
