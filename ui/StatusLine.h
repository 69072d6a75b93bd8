// StatusLine: the status bar's account of the running turn, from the core's once-a-second
// heartbeat: phase, elapsed time, tokens and rate, and how long the server has been silent; while
// a failed attempt waits to be retried, the countdown to the next attempt.
// "Ready" when idle; a failure is shown for a while, then it goes back to "Ready".
#pragma once

#include "core/chat/ChatTypes.h"

#include <QLabel>
#include <QTimer>

namespace keel::ui {

class StatusLine : public QLabel {
    Q_OBJECT
public:
    explicit StatusLine(QWidget* parent = nullptr);

    void showHeartbeat(const core::TurnHeartbeat& heartbeat);
    // A turn was just requested; no heartbeat yet.
    void showStarting();
    void showStopping();
    void showReady();
    // Shown in the error colour until the notice expires (or the next turn starts).
    void showError(const QString& message);
    // A short notice, e.g. "Copied"; then back to "Ready".
    void showNotice(const QString& message);

    // The full text (the label may show it elided).
    QString fullText() const { return m_text; }

    static QString formatElapsed(qint64 milliseconds);
    static QString phaseText(core::TurnPhase phase);
    // "Retrying in 3 s (attempt 2 of 3)": `attempt` is the attempt about to start.
    static QString retryText(const core::TurnHeartbeat& heartbeat);

    static constexpr int kNoticeMs = 8000;
    static constexpr qint64 kSilenceShownAfterMs = 5000;

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void display(const QString& text, bool error);
    void elide();

    QString m_text;
    QTimer m_noticeTimer;
    QString m_turnId;
    qint64 m_streamStartMs = -1; // elapsed time of the first Streaming heartbeat
    qint64 m_streamStartTokens = 0;
};

} // namespace keel::ui
