// StatusLine: formats heartbeats for the status bar.
#include "ui/StatusLine.h"

#include <QLocale>
#include <QResizeEvent>

#include <algorithm>

namespace keel::ui {

namespace {

const QString kSeparator = QStringLiteral("  ·  ");

} // namespace

StatusLine::StatusLine(QWidget* parent)
    : QLabel(parent)
{
    setTextFormat(Qt::PlainText); // server messages are shown, never interpreted
    setAccessibleName(tr("Status"));
    // A long error must not widen the window: the text is elided to the space there is.
    setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    setMinimumWidth(80);
    setContentsMargins(8, 0, 8, 0);
    m_noticeTimer.setSingleShot(true);
    m_noticeTimer.setInterval(kNoticeMs);
    connect(&m_noticeTimer, &QTimer::timeout, this, &StatusLine::showReady);
    showReady();
}

QString StatusLine::formatElapsed(qint64 milliseconds)
{
    const qint64 seconds = std::max<qint64>(0, milliseconds / 1000);
    const qint64 hours = seconds / 3600;
    const qint64 minutes = seconds / 60 % 60;
    const QString secondsText = QStringLiteral("%1").arg(seconds % 60, 2, 10, QLatin1Char('0'));
    if (hours > 0)
        return QStringLiteral("%1:%2:%3")
            .arg(hours)
            .arg(minutes, 2, 10, QLatin1Char('0'))
            .arg(secondsText);
    return QStringLiteral("%1:%2").arg(minutes).arg(secondsText);
}

QString StatusLine::phaseText(core::TurnPhase phase)
{
    switch (phase) {
    case core::TurnPhase::Connecting:
        return tr("Connecting…");
    case core::TurnPhase::WaitingForFirstToken:
        return tr("Waiting for first token…");
    case core::TurnPhase::Streaming:
        return tr("Streaming");
    case core::TurnPhase::Retrying:
        return tr("Retrying…");
    case core::TurnPhase::PreparingTools:
        return tr("Starting tools…");
    case core::TurnPhase::AwaitingApproval:
        return tr("Awaiting approval");
    case core::TurnPhase::RunningTool:
        return tr("Running tool");
    }
    return {};
}

QString StatusLine::retryText(const core::TurnHeartbeat& heartbeat)
{
    // Rounded up: "in 0 s" while the wait is still running would read as a hang.
    const qint64 seconds = (std::max<qint64>(0, heartbeat.retryInMs) + 999) / 1000;
    const QString when = seconds > 0 ? tr("Retrying in %1 s").arg(seconds) : tr("Retrying now");
    if (heartbeat.maxAttempts <= 1)
        return when;
    return tr("%1 (attempt %2 of %3)")
        .arg(when)
        .arg(std::max(1, heartbeat.attempt))
        .arg(heartbeat.maxAttempts);
}

void StatusLine::showHeartbeat(const core::TurnHeartbeat& heartbeat)
{
    m_noticeTimer.stop();
    if (heartbeat.turnId != m_turnId) {
        m_turnId = heartbeat.turnId;
        m_streamStartMs = -1;
        m_streamStartTokens = 0;
    }
    if (heartbeat.phase == core::TurnPhase::Retrying) {
        // Nothing streams while waiting: tokens, rate and silence say nothing here.
        display(retryText(heartbeat) + kSeparator + formatElapsed(heartbeat.elapsedMs), false);
        return;
    }
    QString phase = phaseText(heartbeat.phase);
    if (heartbeat.phase == core::TurnPhase::RunningTool && !heartbeat.toolName.isEmpty())
        phase = tr("Running %1").arg(heartbeat.toolName);
    else if (heartbeat.phase == core::TurnPhase::AwaitingApproval && !heartbeat.toolName.isEmpty())
        phase = tr("Awaiting approval for %1").arg(heartbeat.toolName);
    QStringList parts{phase, formatElapsed(heartbeat.elapsedMs)};
    if (heartbeat.phase == core::TurnPhase::Streaming && m_streamStartMs < 0) {
        m_streamStartMs = heartbeat.elapsedMs;
        m_streamStartTokens = heartbeat.tokens;
    }
    if (heartbeat.tokens > 0) {
        parts.append(heartbeat.tokens == 1
                         ? tr("1 token")
                         : tr("%1 tokens").arg(QLocale().toString(heartbeat.tokens)));
        // The rate counts from the first streaming heartbeat: time spent waiting for the first
        // token says nothing about how fast the model writes.
        const qint64 streamingMs = heartbeat.elapsedMs - m_streamStartMs;
        if (m_streamStartMs >= 0 && streamingMs >= 1000) {
            const double rate =
                double(heartbeat.tokens - m_streamStartTokens) * 1000.0 / double(streamingMs);
            parts.append(tr("%1 tokens/s").arg(QLocale().toString(rate, 'f', 1)));
        }
    }
    if (heartbeat.idleMs > kSilenceShownAfterMs)
        parts.append(tr("no data for %1 s").arg(heartbeat.idleMs / 1000));
    display(parts.join(kSeparator), false);
}

void StatusLine::showStarting()
{
    m_noticeTimer.stop();
    display(phaseText(core::TurnPhase::Connecting) + kSeparator + formatElapsed(0), false);
}

void StatusLine::showStopping()
{
    m_noticeTimer.stop();
    display(tr("Stopping…"), false);
}

void StatusLine::showReady()
{
    m_noticeTimer.stop();
    display(tr("Ready"), false);
}

void StatusLine::showError(const QString& message)
{
    display(message, true);
    m_noticeTimer.start();
}

void StatusLine::showNotice(const QString& message)
{
    display(message, false);
    m_noticeTimer.start();
}

void StatusLine::resizeEvent(QResizeEvent* event)
{
    QLabel::resizeEvent(event);
    elide();
}

void StatusLine::display(const QString& text, bool error)
{
    m_text = text;
    if (error) {
        QPalette colors = palette();
        const bool dark = colors.color(QPalette::Window).lightness() < 128;
        colors.setColor(QPalette::WindowText, dark ? QColor(255, 120, 120) : QColor(190, 30, 45));
        setPalette(colors);
    } else {
        setPalette(QPalette()); // back to the inherited colours
    }
    setToolTip(text);
    setAccessibleDescription(text);
    elide();
}

void StatusLine::elide()
{
    setText(fontMetrics().elidedText(m_text, Qt::ElideRight, std::max(0, contentsRect().width())));
}

} // namespace keel::ui
