// MainWindow: layout, actions, and the rendering of the controller's conversation.
#include "ui/MainWindow.h"

#include "core/store/StoreClient.h"
#include "ui/AttachmentDropArea.h"
#include "ui/AttachmentStrip.h"
#include "ui/BranchNavigator.h"
#include "ui/Composer.h"
#include "ui/ConversationController.h"
#include "ui/ConversationListModel.h"
#include "ui/DraftKeeper.h"
#include "ui/FindBar.h"
#include "ui/MessageDetails.h"
#include "ui/MessageWidget.h"
#include "ui/NoticeBanner.h"
#include "ui/Sidebar.h"
#include "ui/StatusLine.h"
#include "ui/TranscriptView.h"
#include "ui/WindowSettings.h"

#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QStatusBar>
#include <QVBoxLayout>

#include <algorithm>
#include <utility>

namespace keel::ui {

MainWindow::MainWindow(ChatSettings settings, core::StoreClient* store, QWidget* parent)
    : QMainWindow(parent)
    , m_settings(std::move(settings))
    , m_store(store)
    , m_controller(new ConversationController(m_settings, store, this))
    , m_banner(new NoticeBanner)
    , m_transcript(new TranscriptView)
    , m_composer(new Composer)
    , m_attachments(new AttachmentStrip)
    , m_sendButton(new QPushButton)
    , m_statusLine(new StatusLine)
{
    setWindowTitle(tr("Keel"));
    resize(store != nullptr ? 1200 : 960, 720);
    setMinimumSize(420, 320);

    auto* conversation = new QWidget;
    auto* layout = new QVBoxLayout(conversation);
    m_conversationLayout = layout;
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_banner);
    m_findBar = new FindBar(m_transcript);
    layout->addWidget(m_findBar);
    layout->addWidget(m_transcript, 1);

    auto* bottom = new QWidget;
    auto* bottomLayout = new QHBoxLayout(bottom);
    bottomLayout->setContentsMargins(16, 10, 16, 10);
    bottomLayout->setSpacing(10);
    m_attachButton = m_attachments->createAttachButton();
    bottomLayout->addWidget(m_attachButton, 0, Qt::AlignBottom);
    auto* editor = new QVBoxLayout; // the chips sit right above the text
    editor->setSpacing(8);
    editor->addWidget(m_attachments);
    editor->addWidget(m_composer);
    bottomLayout->addLayout(editor, 1);
    m_sendButton->setMinimumWidth(88);
    bottomLayout->addWidget(m_sendButton, 0, Qt::AlignBottom);
    layout->addWidget(bottom);

    if (store != nullptr) {
        m_splitter = new QSplitter(Qt::Horizontal);
        m_splitter->setChildrenCollapsible(false);
        m_splitter->setHandleWidth(1);
        m_sidebar = new Sidebar(*store, m_splitter);
        m_splitter->addWidget(m_sidebar);
        m_splitter->addWidget(conversation);
        m_splitter->setStretchFactor(0, 0);
        m_splitter->setStretchFactor(1, 1);
        m_splitter->setSizes({280, 920});
        setCentralWidget(m_splitter);

        connect(m_sidebar, &Sidebar::conversationActivated, this, &MainWindow::openConversation);
        connect(m_sidebar, &Sidebar::messageActivated, this, &MainWindow::showMessage);
        connect(m_sidebar, &Sidebar::newChatRequested, this, &MainWindow::newChat);
        connect(m_sidebar, &Sidebar::conversationDeleted, m_controller,
                &ConversationController::forgetConversation);
    } else {
        setCentralWidget(conversation);
    }

    statusBar()->addWidget(m_statusLine, 1);
    statusBar()->setSizeGripEnabled(false);

    createMenus();

    connect(m_composer, &Composer::submitted, this, [this](const QString& text) {
        if (submit(text))
            m_composer->clear();
    });
    connect(m_composer, &QPlainTextEdit::textChanged, this, &MainWindow::updateActions);
    setUpAttachments(conversation);
    connect(m_sendButton, &QPushButton::clicked, this, [this] {
        if (isTurnActive()) {
            stop();
            return;
        }
        if (submit(m_composer->toPlainText()))
            m_composer->clear();
    });

    connect(m_banner, &NoticeBanner::dismissed, this,
            [this] { m_dismissedNotice = m_bannerNotice; });

    ConversationController* c = m_controller;
    connect(c, &ConversationController::startTurnRequested, this, &MainWindow::startTurnRequested);
    connect(c, &ConversationController::cancelTurnRequested, this,
            &MainWindow::cancelTurnRequested);
    connect(c, &ConversationController::branchReset, this, &MainWindow::rebuildTranscript);
    connect(c, &ConversationController::olderPrepended, this, &MainWindow::prependOlder);
    connect(c, &ConversationController::branchTruncated, this, [this](int size) {
        m_transcript->removeFrom(size);
        renderEdges();
    });
    connect(c, &ConversationController::messageAdded, this, [this](int index) {
        createMessage(index);
        renderEdges();
        m_transcript->scrollToBottom();
    });
    connect(c, &ConversationController::messageChanged, this, &MainWindow::render);
    connect(c, &ConversationController::turnStarted, this, &MainWindow::turnStarted);
    connect(c, &ConversationController::replyDelta, this, &MainWindow::replyDelta);
    connect(c, &ConversationController::turnHeartbeat, this, &MainWindow::heartbeat);
    connect(c, &ConversationController::turnFinished, this, &MainWindow::turnFinished);
    connect(c, &ConversationController::toolCallUpdated, this,
            [this](int index, const core::ToolCallEvent& event) {
                if (MessageWidget* widget = m_transcript->messageAt(index))
                    widget->updateToolCall(event);
            });
    connect(c, &ConversationController::toolApprovalAnswered, this,
            &MainWindow::toolApprovalAnswered);
    connect(c, &ConversationController::toolPolicyChosen, this, &MainWindow::toolPolicyChosen);
    connect(c, &ConversationController::conversationChanged, this, &MainWindow::updateTitle);
    connect(c, &ConversationController::storeFailed, this, &MainWindow::storeFailed);
    connect(c, &ConversationController::revealRequested, this, &MainWindow::reveal);
    connect(c, &ConversationController::notice, m_statusLine, &StatusLine::showNotice);
    connect(m_transcript, &TranscriptView::nearTop, c, &ConversationController::loadOlder);

    // Find in conversation follows the transcript (a streamed reply: once it has ended).
    const auto refind = [this] { m_findBar->refresh(); };
    connect(c, &ConversationController::branchReset, m_findBar, refind);
    connect(c, &ConversationController::olderPrepended, m_findBar, refind);
    connect(c, &ConversationController::branchTruncated, m_findBar, refind);
    connect(c, &ConversationController::messageAdded, m_findBar, refind);
    connect(c, &ConversationController::messageChanged, m_findBar, refind);
    connect(c, &ConversationController::turnFinished, m_findBar, refind);
    connect(m_findBar, &FindBar::dismissed, this, [this] { m_composer->setFocus(); });
    connect(m_composer, &Composer::editLastRequested, this, &MainWindow::editLastMessage);
    m_drafts = new DraftKeeper(m_composer, c, store, this);

    m_thinkingTicker.setInterval(kThinkingTickMs);
    connect(&m_thinkingTicker, &QTimer::timeout, this, &MainWindow::updateThinking);

    updateActions();
    m_composer->setFocus();
}

MainWindow::~MainWindow() = default;

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    m_fileMenu = file;
    QAction* quit = file->addAction(tr("&Quit"));
    quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    quit->setMenuRole(QAction::QuitRole);
    connect(quit, &QAction::triggered, qApp, &QApplication::closeAllWindows);

    QMenu* chat = menuBar()->addMenu(tr("&Chat"));
    m_chatMenu = chat;
    m_newChatAction = chat->addAction(tr("&New chat"));
    m_newChatAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_N));
    connect(m_newChatAction, &QAction::triggered, this, &MainWindow::newChat);

    m_findAction = chat->addAction(tr("&Find in conversation…"));
    m_findAction->setShortcut(QKeySequence::Find);
    connect(m_findAction, &QAction::triggered, this, &MainWindow::findInConversation);

    if (m_sidebar != nullptr) {
        m_searchAction = chat->addAction(tr("&Search all chats…"));
        m_searchAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F));
        connect(m_searchAction, &QAction::triggered, this, &MainWindow::focusSearch);
    }

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

bool MainWindow::isTurnActive() const
{
    return m_controller->isTurnActive();
}

QString MainWindow::lastReplyText() const
{
    return m_controller->lastReplyText();
}

QList<core::ChatMessage> MainWindow::conversation() const
{
    return m_controller->history();
}

void MainWindow::setConfiguration(core::Settings* settings)
{
    if (m_windowSettings != nullptr || settings == nullptr)
        return;
    m_windowSettings = new WindowSettings(this, settings);
    connect(m_windowSettings, &WindowSettings::listModelsRequested, this,
            &MainWindow::listModelsRequested);
    connect(m_windowSettings, &WindowSettings::inspectMcpServerRequested, this,
            &MainWindow::inspectMcpServerRequested);
}

void MainWindow::onModelsListed(const core::ModelListResult& result)
{
    if (m_windowSettings != nullptr)
        m_windowSettings->onModelsListed(result);
}

void MainWindow::onMcpServerInspected(const QString& requestId, const core::McpServerStatus& status)
{
    if (m_windowSettings != nullptr)
        m_windowSettings->onMcpServerInspected(requestId, status);
}

void MainWindow::setTranscriptFont(const QString& family, int pointSize)
{
    QFont font = QApplication::font();
    if (!family.isEmpty())
        font.setFamily(family);
    if (pointSize > 0)
        font.setPointSize(pointSize);
    if (font == m_transcript->font())
        return;
    m_transcript->setFont(font);
    // Messages size their parts from the font they were made with; a reply being written
    // keeps its widget and picks the font up through propagation.
    if (!isTurnActive())
        rebuildTranscript();
}

void MainWindow::setUpAttachments(QWidget* area)
{
    m_composer->setAcceptsAttachments(true);
    connect(m_composer, &Composer::filesDropped, m_attachments, &AttachmentStrip::addFiles);
    connect(m_composer, &Composer::imagePasted, m_attachments, &AttachmentStrip::addImage);
    auto* drops = new AttachmentDropArea(area);
    connect(drops, &AttachmentDropArea::filesDropped, m_attachments, &AttachmentStrip::addFiles);
    connect(drops, &AttachmentDropArea::imageDropped, m_attachments, &AttachmentStrip::addImage);
    connect(m_attachments, &AttachmentStrip::notice, m_statusLine, &StatusLine::showError);
    connect(m_attachments, &AttachmentStrip::changed, this, [this] {
        // A message of attachments only may be sent with an empty composer.
        m_composer->setSubmitsEmpty(!m_attachments->isEmpty());
        // The last chip removed by keyboard: typing goes on in the composer.
        if (m_attachments->isEmpty() && QApplication::focusWidget() == nullptr && isActiveWindow())
            m_composer->setFocus();
        updateActions();
    });
}

bool MainWindow::submit(const QString& text)
{
    if (m_attachments->isLoading()) {
        m_statusLine->showNotice(tr("Attachments are still being read. Send again in a moment."));
        return false;
    }
    if (!m_controller->send(text, m_attachments->attachments()))
        return false;
    m_attachments->clear(); // only now: a refused message keeps its chips
    return true;
}

// --- The transcript -----------------------------------------------------------------------------

QString MainWindow::authorOf(const core::StoredMessage& message) const
{
    if (message.role == core::Role::User)
        return tr("You");
    if (!message.model.isEmpty())
        return message.model;
    return m_settings.model.isEmpty() ? tr("Assistant") : m_settings.model;
}

MessageWidget* MainWindow::createMessage(int index)
{
    const core::StoredMessage& message = m_controller->messageAt(index);
    MessageWidget* widget = m_transcript->insertMessage(index, message.role, authorOf(message));
    // Actions name the widget, not an index: older pages move the indexes.
    auto act = [this, widget](auto&& action) {
        const int at = m_transcript->indexOf(widget);
        if (at >= 0)
            action(at);
    };
    connect(widget, &MessageWidget::retryRequested, this,
            [this, act] { act([this](int at) { m_controller->retry(at); }); });
    connect(widget, &MessageWidget::regenerateRequested, this,
            [this, act] { act([this](int at) { m_controller->regenerate(at); }); });
    connect(widget, &MessageWidget::continueRequested, this,
            [this, act] { act([this](int at) { m_controller->continueReply(at); }); });
    connect(widget, &MessageWidget::editSubmitted, this, [this, act](const QString& text) {
        act([this, &text](int at) { m_controller->editAndSend(at, text); });
    });
    connect(widget, &MessageWidget::copyRequested, this, [this, widget] {
        QGuiApplication::clipboard()->setText(widget->text());
        m_statusLine->showNotice(widget->role() == core::Role::User ? tr("Message copied")
                                                                    : tr("Reply copied"));
    });
    connect(widget, &MessageWidget::copyPlainRequested, this, [this, widget] {
        QGuiApplication::clipboard()->setText(widget->plainText());
        m_statusLine->showNotice(tr("Copied as plain text"));
    });
    connect(widget, &MessageWidget::deleteRequested, this,
            [this, widget] { confirmDelete(widget); });
    auto version = [this, widget, act](int step) {
        act([this, widget, step](int at) {
            m_versionAnchorY = m_transcript->viewportY(widget);
            m_controller->showVersion(at, step);
        });
    };
    connect(widget, &MessageWidget::toolApprovalChosen, m_controller,
            &ConversationController::answerToolApproval);
    connect(widget, &MessageWidget::previousVersionRequested, this, [version] { version(-1); });
    connect(widget, &MessageWidget::nextVersionRequested, this, [version] { version(1); });
    render(index);
    return widget;
}

void MainWindow::render(int index)
{
    MessageWidget* widget = m_transcript->messageAt(index);
    if (widget == nullptr || index >= m_controller->messageCount())
        return;
    const core::StoredMessage& message = m_controller->messageAt(index);
    const bool writing = m_controller->replyIndex() == index;
    // Unchanged text is not rendered again (see MessageWidget::setText).
    widget->setText(message.content);
    widget->setToolCalls(message.toolCalls);
    widget->setAttachments(message.attachments);
    widget->setReasoning(message.reasoning);
    widget->setVersion(m_controller->versionPosition(index), m_controller->versionCount(index));
    widget->setContinueAvailable(m_controller->canContinue(index));
    widget->setDetails(message.role == core::Role::Assistant ? MessageDetails::text(message)
                                                             : QString());
    widget->setInteractive(!isTurnActive());
    widget->setNote({});
    if (writing) {
        widget->clearError();
        return;
    }
    using core::MessageStatus;
    switch (message.status) {
    case MessageStatus::Complete:
        widget->clearError();
        if (message.role == core::Role::Assistant && message.content.isEmpty())
            widget->setNote(tr("The model sent an empty reply."));
        break;
    case MessageStatus::Cancelled:
        widget->clearError();
        widget->setNote(message.content.isEmpty() ? tr("Stopped before any text arrived.")
                                                  : tr("Stopped."));
        break;
    case MessageStatus::Streaming: // left so by a crash, or by another window
    case MessageStatus::Incomplete:
        widget->showError(message.errorMessage, true);
        break;
    case MessageStatus::Error:
        widget->showError(message.errorMessage, false);
        break;
    }
}

// The latest message shows its actions without hovering, and only the latest may be continued.
void MainWindow::renderEdges()
{
    const int count = m_transcript->messageCount();
    for (int i = std::max(0, count - 2); i < count; ++i) {
        MessageWidget* widget = m_transcript->messageAt(i);
        widget->setActionsPinned(i == count - 1);
        widget->setContinueAvailable(m_controller->canContinue(i));
    }
}

void MainWindow::rebuildTranscript()
{
    m_reply.clear();
    m_transcript->clear();
    for (int i = 0; i < m_controller->messageCount(); ++i)
        createMessage(i);
    renderEdges();
    m_transcript->scrollToBottom();
    updateTitle();
    updateActions();
}

void MainWindow::prependOlder(int count)
{
    // What the user is reading stays where it is on screen.
    MessageWidget* first = m_transcript->messageAt(0);
    const bool following = m_transcript->isFollowingBottom();
    const int y = first != nullptr ? m_transcript->viewportY(first) : 0;
    for (int i = 0; i < count; ++i)
        createMessage(i);
    if (first != nullptr && !following)
        m_transcript->keepInView(first, y);
}

void MainWindow::reveal(int index, bool highlight)
{
    MessageWidget* widget = m_transcript->messageAt(index);
    if (widget == nullptr)
        return;
    if (!highlight && m_versionAnchorY >= 0)
        m_transcript->keepInView(widget, m_versionAnchorY);
    else
        m_transcript->revealMessage(widget, highlight);
    m_versionAnchorY = -1;
}

void MainWindow::confirmDelete(MessageWidget* widget)
{
    const int index = m_transcript->indexOf(widget);
    if (index < 0)
        return;
    const int after = m_transcript->messageCount() - index - 1;
    auto* box = new QMessageBox(this);
    box->setObjectName(QStringLiteral("deleteConfirmation"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setIcon(QMessageBox::Question);
    box->setTextFormat(Qt::PlainText);
    box->setWindowTitle(tr("Delete message"));
    box->setText(after == 0 ? tr("Delete this message?")
                            : tr("Delete this message and the %n after it?", nullptr, after));
    box->setInformativeText(tr("This cannot be undone."));
    QPushButton* remove = box->addButton(tr("Delete"), QMessageBox::DestructiveRole);
    remove->setAccessibleName(tr("Delete the message"));
    box->setDefaultButton(box->addButton(QMessageBox::Cancel));
    // By widget: older pages may move its index while the question is shown.
    connect(remove, &QPushButton::clicked, this, [this, target = QPointer<MessageWidget>(widget)] {
        const int at = target ? m_transcript->indexOf(target) : -1;
        if (at >= 0)
            m_controller->deleteMessage(at);
    });
    box->open(); // asynchronous: replies go on streaming while it asks
}

void MainWindow::editLastMessage()
{
    for (int i = m_transcript->messageCount() - 1; i >= 0; --i) {
        MessageWidget* widget = m_transcript->messageAt(i);
        if (widget->role() != core::Role::User)
            continue;
        widget->beginEdit(); // refused while a reply is written
        if (widget->isEditing())
            m_transcript->revealMessage(widget, false);
        return;
    }
}

void MainWindow::setMessagesInteractive(bool interactive)
{
    for (int i = 0; i < m_transcript->messageCount(); ++i)
        m_transcript->messageAt(i)->setInteractive(interactive);
}

// --- The running turn ---------------------------------------------------------------------------

void MainWindow::turnStarted(const QString&, int index)
{
    m_turnClock.start();
    m_heartbeatElapsedMs = -1;
    m_thinkingStartMs = -1;
    m_thinking = false;
    m_answerStarted = false;
    m_reply = m_transcript->messageAt(index);
    if (m_reply) {
        m_reply->clearError();
        m_reply->setNote({});
        m_reply->setStreaming(true);
    }
    setMessagesInteractive(false);
    renderEdges();
    if (index == m_transcript->messageCount() - 1)
        m_transcript->scrollToBottom();
    m_statusLine->showStarting();
    updateActions();
}

void MainWindow::onTurnDelta(const core::TurnDelta& delta)
{
    m_controller->onTurnDelta(delta);
}

void MainWindow::onTurnHeartbeat(const core::TurnHeartbeat& heartbeat)
{
    m_controller->onTurnHeartbeat(heartbeat);
}

void MainWindow::onTurnFinished(const core::TurnResult& result)
{
    m_controller->onTurnFinished(result);
}

void MainWindow::onToolCallUpdated(const core::ToolCallEvent& event)
{
    m_controller->onToolCallUpdated(event);
}

void MainWindow::replyDelta(int, const core::TurnDelta& delta)
{
    if (!delta.reasoning.isEmpty()) {
        // Reasoning after the answer started (some models interleave) is shown but not timed.
        if (m_thinkingStartMs < 0 && !m_answerStarted) {
            m_thinkingStartMs = turnElapsedMs();
            m_thinking = true;
            m_thinkingTicker.start();
        }
        if (m_reply)
            m_reply->appendReasoning(delta.reasoning);
    }
    if (!delta.text.isEmpty()) {
        endThinking(turnElapsedMs());
        m_answerStarted = true;
        if (m_reply)
            m_reply->appendText(delta.text);
    }
}

void MainWindow::heartbeat(const core::TurnHeartbeat& heartbeat)
{
    m_heartbeatElapsedMs = heartbeat.elapsedMs;
    m_sinceHeartbeat.start();
    updateThinking();
    if (!m_controller->isCancelRequested())
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

void MainWindow::turnFinished(const QString& turnId, int index, const core::TurnResult& result)
{
    // The result's duration is on the heartbeats' clock: a reasoning-only turn gets an exact time.
    endThinking(result.durationMs > 0 ? result.durationMs : turnElapsedMs());
    MessageWidget* reply = m_reply;
    m_reply.clear();
    if (reply)
        reply->setStreaming(false);
    setMessagesInteractive(true);
    if (index >= 0)
        render(index);
    renderEdges();

    switch (result.outcome) {
    case core::TurnOutcome::Complete:
        m_statusLine->showReady();
        break;
    case core::TurnOutcome::Cancelled:
        m_statusLine->showNotice(tr("Stopped"));
        break;
    case core::TurnOutcome::Incomplete:
    case core::TurnOutcome::Error: {
        const bool cutOff = result.outcome == core::TurnOutcome::Incomplete;
        m_statusLine->showError(result.error.message.isEmpty() ? (
                                    cutOff ? tr("The reply was cut off") : tr("The request failed"))
                                                               : result.error.message);
        break;
    }
    }
    if (m_sidebar != nullptr)
        m_sidebar->refresh(); // the conversation moved to the top of its group
    updateActions();
    Q_EMIT turnEnded(turnId, result.outcome);
}

void MainWindow::storeFailed(const core::StoreError& error, bool memoryOnly)
{
    // A failing disk repeats itself (every save of a streaming reply): once dismissed, the same
    // news stays dismissed for this conversation.
    const QString key = error.message + error.movedTo;
    if (key == m_dismissedNotice && !memoryOnly)
        return;
    m_bannerNotice = key;
    QString text = error.message.trimmed();
    if (text.isEmpty())
        text = tr("The conversation history could not be read or saved.");
    if (!error.movedTo.isEmpty())
        text += QLatin1Char(' ') + tr("The damaged file was moved to %1.").arg(error.movedTo);
    if (memoryOnly)
        text += QLatin1Char(' ')
                + tr("This conversation is kept in memory only: replies still arrive and can be "
                     "copied, but they will be gone when Keel closes.");
    m_banner->showMessage(text);
}

// --- Actions ------------------------------------------------------------------------------------

void MainWindow::stop()
{
    if (!isTurnActive() || m_controller->isCancelRequested())
        return;
    m_controller->stop();
    if (isTurnActive())
        m_statusLine->showStopping();
    updateActions();
}

void MainWindow::newChat()
{
    if (!m_controller->newConversation())
        return;
    m_statusLine->showReady();
    m_composer->setFocus();
    updateActions();
}

void MainWindow::openConversation(qint64 conversationId)
{
    m_controller->openConversation(conversationId);
}

void MainWindow::showMessage(qint64 conversationId, qint64 messageId)
{
    m_controller->openMessage(conversationId, messageId);
}

void MainWindow::findInConversation()
{
    m_findBar->open();
}

void MainWindow::focusSearch()
{
    if (m_sidebar != nullptr)
        m_sidebar->focusSearch();
}

void MainWindow::copyLastReply()
{
    const QString text = lastReplyText();
    if (text.isEmpty())
        return;
    QGuiApplication::clipboard()->setText(text);
    m_statusLine->showNotice(tr("Reply copied"));
}

void MainWindow::updateTitle()
{
    const QString title = m_controller->title();
    setWindowTitle(title.isEmpty() ? tr("Keel") : tr("%1 — Keel").arg(title));
    const qint64 id = m_controller->conversationId();
    if (id != m_titledConversation) {
        m_titledConversation = id;
        m_dismissedNotice.clear();
    }
    if (m_sidebar != nullptr && id != m_sidebarConversation) {
        m_sidebarConversation = id;
        m_sidebar->setCurrentConversation(id);
        // Only a conversation the list does not show yet (just created) needs a reload; opening
        // one of 10,000 must not re-list them all.
        if (id != 0 && !m_sidebar->conversationModel()->indexOf(id).isValid())
            m_sidebar->refresh();
    }
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    // The core stops the transfer; nothing waits for it here.
    if (isTurnActive() && !m_controller->isCancelRequested())
        Q_EMIT cancelTurnRequested(m_controller->turnId());
    m_drafts->flush(); // queued to the store, which writes it before it stops
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
    const bool stopping = m_controller->isCancelRequested();
    if (active) {
        m_sendButton->setText(stopping ? tr("Stopping…") : tr("Stop"));
        m_sendButton->setAccessibleName(tr("Stop the reply"));
        m_sendButton->setToolTip(tr("Stop the reply (Esc)"));
        m_sendButton->setEnabled(!stopping);
    } else {
        m_sendButton->setText(tr("Send"));
        m_sendButton->setAccessibleName(tr("Send the message"));
        m_sendButton->setToolTip(tr("Send (Enter)"));
        m_sendButton->setEnabled(!m_composer->document()->isEmpty() || !m_attachments->isEmpty());
    }
    m_stopAction->setEnabled(active && !stopping);
    m_newChatAction->setEnabled(!active);
    m_copyAction->setEnabled(!lastReplyText().isEmpty() || active);
}

} // namespace keel::ui
