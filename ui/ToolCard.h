// ToolCard: one tool call in the transcript, as a collapsible card. The header row (a toggle)
// names the tool and its server and says where the call is ("Waiting for your approval",
// "Running… 12 s", "Done · 1.2 s"); the body shows the pretty-printed arguments, the tool's
// progress while it runs, its result or error, and while the call waits for the user the
// approval buttons. Live calls are driven by core::ToolCallEvent (the core re-sends the running
// event about once a second with the elapsed time, so the card keeps no clock of its own); a
// stored reply's calls by core::ToolCallRecord.
#pragma once

#include "core/tools/ToolTypes.h"

#include <QFrame>

class QAbstractButton;
class QLabel;
class QProgressBar;
class QPushButton;

namespace keel::ui {

class MessageTextView;
class ToolCardHeader;
class ToolResultView;

class ToolCard : public QFrame {
    Q_OBJECT
public:
    explicit ToolCard(QWidget* parent = nullptr);

    // A live update: state, progress, elapsed time, result.
    void setEvent(const core::ToolCallEvent& event);
    // A stored call. Nothing will update it any more, so a call stored before it finished is
    // shown as stopped.
    void setRecord(const core::ToolCallRecord& record);

    QString callId() const { return m_callId; }
    core::ToolCallState state() const { return m_state; }
    // Whether the call is still going on (waiting for approval or running).
    bool isLive() const;

    bool isExpanded() const;
    void setExpanded(bool expanded);

    // The pieces of the header row, for tests and accessibility.
    QString titleText() const;
    QString serverText() const; // "· filesystem", "· built-in", "" for an unknown tool
    QString stateText() const;  // "Running… 12 s"
    QAbstractButton* headerButton() const;

    QString argumentsText() const; // as shown (pretty-printed when it parses)
    QProgressBar* progressBar() const { return m_progress; }
    ToolResultView* resultView() const { return m_result; }

    // "0.3 s", "12 s", "1 min 5 s": the duration of a finished call (tenths under 10 s).
    static QString formatDuration(qint64 milliseconds);
    // Whole seconds of a running call, so the header does not flicker.
    static QString formatElapsed(qint64 milliseconds);

Q_SIGNALS:
    void approvalChosen(const QString& callId, keel::core::ToolApproval approval);

protected:
    void paintEvent(QPaintEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    struct Shown {
        QString callId;
        QString name;
        QString title;
        QString server;
        QString toolName;
        QString arguments;
        core::ToolCallState state = core::ToolCallState::Running;
        core::ToolResult result;
        qint64 elapsedMs = 0;
        double progress = -1;
        double progressTotal = -1;
        QString progressMessage;
    };

    void display(const Shown& shown);
    void updateHeader();
    void updateProgress(const Shown& shown);
    void updateBody();
    void choose(core::ToolApproval approval);
    void applyPalette();
    bool isError() const;

    ToolCardHeader* m_header;
    QWidget* m_body;
    QLabel* m_argumentsLabel;
    MessageTextView* m_arguments;
    QProgressBar* m_progress;
    QLabel* m_progressMessage;
    QLabel* m_resultLabel;
    ToolResultView* m_result;
    QWidget* m_approvalRow;
    QPushButton* m_allowOnce;
    QPushButton* m_allowAlways;
    QPushButton* m_deny;

    QString m_callId;
    QString m_title;
    QString m_server;
    QString m_rawArguments;
    core::ToolCallState m_state = core::ToolCallState::Running;
    bool m_hasState = false;
    bool m_resultIsError = false;
    qint64 m_durationMs = 0;
    qint64 m_elapsedMs = 0;
    bool m_toggledByUser = false;
    bool m_progressReported = false; // while running
};

} // namespace keel::ui
