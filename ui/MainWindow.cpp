// MainWindow: conversation state, turn lifecycle and the window's actions.
#include "ui/MainWindow.h"

#include "ui/Composer.h"
#include "ui/MessageWidget.h"
#include "ui/StatusLine.h"
#include "ui/TranscriptView.h"

#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QMenuBar>
#include <QPushButton>
#include <QStatusBar>
#include <QUuid>
#include <QVBoxLayout>

#include <algorithm>
#include <utility>

namespace keel::ui {

MainWindow::MainWindow(ChatSettings settings, QWidget* parent)
    : QMainWindow(parent)
    , m_settings(std::move(settings))
    , m_transcript(new TranscriptView)
    , m_composer(new Composer)
    , m_sendButton(new QPushButton)
    , m_statusLine(new StatusLine)
{
    setWindowTitle(tr("Keel"));
    resize(960, 720);
    setMinimumSize(420, 320);

    auto* central = new QWidget;
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_transcript, 1);

    auto* bottom = new QWidget;
    auto* bottomLayout = new QHBoxLayout(bottom);
    bottomLayout->setContentsMargins(16, 10, 16, 10);
    bottomLayout->setSpacing(10);
    bottomLayout->addWidget(m_composer, 1);
    m_sendButton->setMinimumWidth(88);
    bottomLayout->addWidget(m_sendButton, 0, Qt::AlignBottom);
    layout->addWidget(bottom);
    setCentralWidget(central);

    statusBar()->addWidget(m_statusLine, 1);
    statusBar()->setSizeGripEnabled(false);

    createMenus();

    connect(m_composer, &Composer::submitted, this, [this](const QString& text) {
        if (submit(text))
            m_composer->clear();
    });
    connect(m_composer, &QPlainTextEdit::textChanged, this, &MainWindow::updateActions);
    connect(m_sendButton, &QPushButton::clicked, this, [this] {
        if (isTurnActive()) {
            stop();
            return;
        }
        if (submit(m_composer->toPlainText()))
            m_composer->clear();
    });

    m_cancelGrace.setSingleShot(true);
    m_cancelGrace.setInterval(kCancelGraceMs);
    // If the core does not confirm a cancel, the window still gets its Send button back; a
    // late result for that turn is then ignored as unknown.
    connect(&m_cancelGrace, &QTimer::timeout, this, [this] {
        if (!isTurnActive() || !m_cancelRequested)
            return;
        core::TurnResult result;
        result.turnId = m_turnId;
        result.outcome = core::TurnOutcome::Cancelled;
        result.text = m_replyText;
        result.reasoning = m_reasoningText;
        onTurnFinished(result);
    });

    m_thinkingTicker.setInterval(kThinkingTickMs);
    connect(&m_thinkingTicker, &QTimer::timeout, this, &MainWindow::updateThinking);

    updateActions();
    m_composer->setFocus();
}

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* quit = file->addAction(tr("&Quit"));
    quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    quit->setMenuRole(QAction::QuitRole);
    connect(quit, &QAction::triggered, qApp, &QApplication::closeAllWindows);

    QMenu* chat = menuBar()->addMenu(tr("&Chat"));
    m_newChatAction = chat->addAction(tr("&New chat"));
    m_newChatAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_N));
    connect(m_newChatAction, &QAction::triggered, this, &MainWindow::newChat);

    m_stopAction = chat->addAction(tr("&Stop"));
    m_stopAction->setShortcut(QKeySequence(Qt::Key_Escape));
    connect(m_stopAction, &QAction::triggered, this, &MainWindow::stop);

    chat->addSeparator();
    m_copyAction = chat->addAction(tr("&Copy last reply"));
    m_copyAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    connect(m_copyAction, &QAction::triggered, this, &MainWindow::copyLastReply);
}

void MainWindow::sendText(const QString& text)
{
    submit(text);
}

QString MainWindow::lastReplyText() const
{
    return isTurnActive() ? m_replyText : m_lastReply;
}

bool MainWindow::submit(const QString& text)
{
    if (text.trimmed().isEmpty())
        return false;
    if (isTurnActive()) {
        m_statusLine->showNotice(tr("A reply is still being written. Stop it first (Esc)."));
        return false;
    }
    // A newer message makes an older failed reply final: Retry would rewrite history.
    if (m_failed)
        m_failed->setRetryEnabled(false);
    m_failed.clear();

    m_messages.append({core::Role::User, text});
    m_transcript->addMessage(core::Role::User, tr("You"))->setText(text);
    m_transcript->scrollToBottom();
    startTurn();
    return true;
}

void MainWindow::startTurn()
{
    core::TurnRequest request;
    request.turnId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    request.provider = m_settings.provider;
    request.model = m_settings.model;
    request.systemPrompt = m_settings.systemPrompt;
    request.messages = m_messages;
    request.idleTimeoutMs = m_settings.idleTimeoutMs;

    // State first: a synchronous receiver may answer before emit returns.
    m_turnId = request.turnId;
    m_replyText.clear();
    m_reasoningText.clear();
    m_cancelRequested = false;
    m_turnClock.start();
    m_heartbeatElapsedMs = -1;
    m_thinkingStartMs = -1;
    m_thinking = false;
    m_retryHistorySize = m_messages.size();
    MessageWidget* reply = m_transcript->addMessage(core::Role::Assistant, assistantName());
    reply->setStreaming(true);
    connect(reply, &MessageWidget::retryRequested, this, [this, reply] { retry(reply); });
    m_reply = reply;
    m_transcript->scrollToBottom();
    m_statusLine->showStarting();
    updateActions();

    Q_EMIT startTurnRequested(request);
}

void MainWindow::onTurnDelta(const core::TurnDelta& delta)
{
    if (delta.turnId != m_turnId || m_turnId.isEmpty())
        return;
    if (!delta.reasoning.isEmpty()) {
        // Reasoning after the answer started (some models interleave) is shown but not timed.
        if (m_thinkingStartMs < 0 && m_replyText.isEmpty()) {
            m_thinkingStartMs = turnElapsedMs();
            m_thinking = true;
            m_thinkingTicker.start();
        }
        m_reasoningText += delta.reasoning;
        if (m_reply)
            m_reply->appendReasoning(delta.reasoning);
    }
    if (!delta.text.isEmpty()) {
        endThinking(turnElapsedMs());
        m_replyText += delta.text;
        if (m_reply)
            m_reply->appendText(delta.text);
    }
}

void MainWindow::onTurnHeartbeat(const core::TurnHeartbeat& heartbeat)
{
    if (heartbeat.turnId != m_turnId || m_turnId.isEmpty())
        return;
    m_heartbeatElapsedMs = heartbeat.elapsedMs;
    m_sinceHeartbeat.start();
    updateThinking();
    if (!m_cancelRequested)
        m_statusLine->showHeartbeat(heartbeat);
}

qint64 MainWindow::turnElapsedMs() const
{
    if (m_heartbeatElapsedMs < 0)
        return m_turnClock.elapsed();
    return m_heartbeatElapsedMs + m_sinceHeartbeat.elapsed();
}

void MainWindow::updateThinking()
{
    if (!m_thinking) {
        m_thinkingTicker.stop();
        return;
    }
    if (m_reply)
        m_reply->setThinkingElapsed(std::max<qint64>(0, turnElapsedMs() - m_thinkingStartMs));
}

void MainWindow::endThinking(qint64 turnElapsedMs)
{
    if (!m_thinking)
        return;
    m_thinking = false;
    m_thinkingTicker.stop();
    if (m_reply)
        m_reply->endThinking(std::max<qint64>(0, turnElapsedMs - m_thinkingStartMs));
}

void MainWindow::onTurnFinished(const core::TurnResult& result)
{
    if (result.turnId != m_turnId || m_turnId.isEmpty())
        return;
    m_cancelGrace.stop();
    const QString turnId = m_turnId;
    m_turnId.clear();
    // The result's duration is on the heartbeats' clock: a reasoning-only turn gets an exact time.
    endThinking(result.durationMs > 0 ? result.durationMs : turnElapsedMs());

    // The result carries the whole reply; deltas only matter if one got lost on the way.
    const QString text = result.text.isEmpty() ? m_replyText : result.text;
    const QString reasoning = result.reasoning.isEmpty() ? m_reasoningText : result.reasoning;
    MessageWidget* reply = m_reply;
    m_reply.clear();
    if (reply) {
        reply->setStreaming(false);
        if (text != m_replyText)
            reply->setText(text);
        if (reasoning != m_reasoningText)
            reply->setReasoning(reasoning);
    }
    m_replyText.clear();
    m_reasoningText.clear();
    m_lastReply = text;

    // What the user saw stays in the conversation, so the next turn builds on it; Retry
    // restores the history from before this reply.
    const bool keep = !text.isEmpty() && result.outcome != core::TurnOutcome::Error;
    if (keep)
        m_messages.append({core::Role::Assistant, text});

    switch (result.outcome) {
    case core::TurnOutcome::Complete:
        if (reply && text.isEmpty())
            reply->setNote(tr("The model sent an empty reply."));
        m_statusLine->showReady();
        break;
    case core::TurnOutcome::Cancelled:
        if (reply)
            reply->setNote(text.isEmpty() ? tr("Stopped before any text arrived.")
                                          : tr("Stopped."));
        m_statusLine->showNotice(tr("Stopped"));
        break;
    case core::TurnOutcome::Incomplete:
    case core::TurnOutcome::Error: {
        const bool cutOff = result.outcome == core::TurnOutcome::Incomplete;
        if (reply) {
            reply->showError(result.error.message, cutOff);
            m_failed = reply;
        }
        m_statusLine->showError(result.error.message.isEmpty() ? (
                                    cutOff ? tr("The reply was cut off") : tr("The request failed"))
                                                               : result.error.message);
        break;
    }
    }

    updateActions();
    Q_EMIT turnEnded(turnId, result.outcome);
}

void MainWindow::retry(MessageWidget* failed)
{
    if (isTurnActive() || failed == nullptr || failed != m_failed)
        return;
    m_failed.clear();
    m_messages.resize(m_retryHistorySize);
    m_transcript->removeMessage(failed);
    startTurn();
}

void MainWindow::stop()
{
    if (!isTurnActive() || m_cancelRequested)
        return;
    m_cancelRequested = true;
    m_statusLine->showStopping();
    m_cancelGrace.start();
    updateActions();
    Q_EMIT cancelTurnRequested(m_turnId);
}

void MainWindow::newChat()
{
    if (isTurnActive()) {
        m_statusLine->showNotice(tr("Stop the reply first (Esc), then start a new chat."));
        return;
    }
    m_messages.clear();
    m_failed.clear();
    m_lastReply.clear();
    m_transcript->clear();
    m_statusLine->showReady();
    m_composer->setFocus();
    updateActions();
}

void MainWindow::copyLastReply()
{
    const QString text = lastReplyText();
    if (text.isEmpty())
        return;
    QGuiApplication::clipboard()->setText(text);
    m_statusLine->showNotice(tr("Reply copied"));
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    // The core stops the transfer; nothing waits for it here.
    if (isTurnActive() && !m_cancelRequested)
        Q_EMIT cancelTurnRequested(m_turnId);
    QMainWindow::closeEvent(event);
}

void MainWindow::keyPressEvent(QKeyEvent* event)
{
    // The Stop action's Esc shortcut needs an active window; a key that reaches the window
    // anyway (e.g. sent to it directly) still stops the turn.
    if (event->key() == Qt::Key_Escape && event->modifiers() == Qt::NoModifier && isTurnActive()) {
        stop();
        event->accept();
        return;
    }
    QMainWindow::keyPressEvent(event);
}

void MainWindow::updateActions()
{
    const bool active = isTurnActive();
    if (active) {
        m_sendButton->setText(m_cancelRequested ? tr("Stopping…") : tr("Stop"));
        m_sendButton->setAccessibleName(tr("Stop the reply"));
        m_sendButton->setToolTip(tr("Stop the reply (Esc)"));
        m_sendButton->setEnabled(!m_cancelRequested);
    } else {
        m_sendButton->setText(tr("Send"));
        m_sendButton->setAccessibleName(tr("Send the message"));
        m_sendButton->setToolTip(tr("Send (Enter)"));
        m_sendButton->setEnabled(!m_composer->document()->isEmpty());
    }
    m_stopAction->setEnabled(active && !m_cancelRequested);
    m_newChatAction->setEnabled(!active);
    m_copyAction->setEnabled(!lastReplyText().isEmpty() || active);
}

QString MainWindow::assistantName() const
{
    return m_settings.model.isEmpty() ? tr("Assistant") : m_settings.model;
}

} // namespace keel::ui
