// ConversationController: branch state, turn lifecycle and the conversation's store traffic.
#include "ui/ConversationController.h"

#include "core/chat/ToolHistory.h"
#include "core/providers/ModelCapabilities.h"
#include "core/settings/Settings.h"
#include "core/store/StoreClient.h"

#include <QDateTime>
#include <QUuid>

#include <algorithm>
#include <limits>
#include <utility>

namespace keel::ui {

namespace {

using core::MessageStatus;
using core::Role;

// Stored ids grow with time; ids of messages made here but not stored are negative and newer
// than every stored one (they can only exist after the store stopped answering).
qint64 recency(qint64 id)
{
    return id > 0 ? id : (qint64(1) << 62) - id;
}

bool isAnthropic(const ChatSettings& settings)
{
    return settings.provider.kind.compare(QLatin1String("anthropic"), Qt::CaseInsensitive) == 0;
}

// Anthropic refuses a prefilled assistant message that ends in white space; the continuation
// brings its own.
QString withoutTrailingSpace(const QString& text)
{
    qsizetype end = text.size();
    while (end > 0 && text.at(end - 1).isSpace())
        --end;
    return text.left(end);
}

core::MessageStatus statusFor(core::TurnOutcome outcome)
{
    switch (outcome) {
    case core::TurnOutcome::Complete:
        return MessageStatus::Complete;
    case core::TurnOutcome::Incomplete:
        return MessageStatus::Incomplete;
    case core::TurnOutcome::Error:
        return MessageStatus::Error;
    case core::TurnOutcome::Cancelled:
        return MessageStatus::Cancelled;
    }
    return MessageStatus::Incomplete;
}

bool belongsInHistory(const core::StoredMessage& message)
{
    if (message.role != Role::Assistant)
        return true;
    // What the user saw stays in the history, also a reply cut short; a failed or empty reply
    // (or the one being written) would only confuse the model.
    return !message.content.isEmpty() && message.status != MessageStatus::Error
           && message.status != MessageStatus::Streaming;
}

// What a stored message becomes in a request: nothing (see belongsInHistory), one message, or
// for a reply that used tools its text, calls and results.
QList<core::ChatMessage> chatMessagesFor(const core::StoredMessage& message)
{
    if (!belongsInHistory(message))
        return {};
    if (message.role == Role::Assistant && !message.toolCalls.isEmpty())
        return core::assistantMessagesFor(message.content, message.toolCalls);
    core::ChatMessage chat(message.role, message.content);
    // Every turn sends the files again: the model has no memory of earlier requests.
    chat.attachments = message.attachments;
    return {chat};
}

} // namespace

ConversationController::ConversationController(ChatSettings settings, core::StoreClient* store,
                                               QObject* parent)
    : QObject(parent)
    , m_settings(std::move(settings))
    , m_store(store)
    , m_persistent(store != nullptr)
{
    m_cancelGrace.setSingleShot(true);
    m_cancelGrace.setInterval(kCancelGraceMs);
    // If the core does not confirm a cancel, the window still gets its Send button back; a late
    // result for that turn is then ignored as unknown.
    connect(&m_cancelGrace, &QTimer::timeout, this, [this] {
        if (isTurnActive() && m_cancelRequested)
            finishTurnLocally(core::TurnOutcome::Cancelled);
    });

    if (m_store == nullptr)
        return;
    core::Store* s = m_store->store();
    // The store lives on its own thread: every answer is queued, whatever the sender's thread.
    connect(s, &core::Store::conversationCreated, this,
            &ConversationController::onConversationCreated, Qt::QueuedConnection);
    connect(s, &core::Store::conversationChanged, this,
            &ConversationController::onConversationChanged, Qt::QueuedConnection);
    connect(s, &core::Store::conversationRemoved, this, &ConversationController::forgetConversation,
            Qt::QueuedConnection);
    connect(s, &core::Store::conversationLoaded, this,
            &ConversationController::onConversationLoaded, Qt::QueuedConnection);
    connect(s, &core::Store::olderLoaded, this, &ConversationController::onOlderLoaded,
            Qt::QueuedConnection);
    connect(s, &core::Store::messageAppended, this, &ConversationController::onMessageAppended,
            Qt::QueuedConnection);
    connect(s, &core::Store::messagesDeleted, this, &ConversationController::onMessagesDeleted,
            Qt::QueuedConnection);
    connect(s, &core::Store::storeError, this, &ConversationController::onStoreError,
            Qt::QueuedConnection);
}

QString ConversationController::title() const
{
    if (!m_conversation.title.isEmpty())
        return m_conversation.title;
    if (m_hasOlder)
        return {};
    for (const core::StoredMessage& message : m_branch) {
        if (message.role == Role::User) {
            QString line = message.content.trimmed().section(QLatin1Char('\n'), 0, 0);
            if (line.isEmpty() && !message.attachments.isEmpty())
                line = message.attachments.first().fileName; // a message of files only
            return line.size() > 60 ? line.left(59) + QStringLiteral("…") : line;
        }
    }
    return {};
}

int ConversationController::indexOfMessage(qint64 messageId) const
{
    // The message asked about is nearly always the latest.
    for (qsizetype i = m_branch.size() - 1; i >= 0; --i) {
        if (m_branch.at(i).id == messageId)
            return int(i);
    }
    return -1;
}

QString ConversationController::lastReplyText() const
{
    for (qsizetype i = m_branch.size() - 1; i >= 0; --i) {
        if (m_branch.at(i).role == Role::Assistant)
            return m_branch.at(i).content;
    }
    return {};
}

bool ConversationController::canContinue(int index) const
{
    if (index < 0 || index != messageCount() - 1)
        return false;
    const core::StoredMessage& message = m_branch.at(index);
    if (message.role != Role::Assistant || message.content.trimmed().isEmpty())
        return false;
    if (message.status == MessageStatus::Streaming)
        return !(isTurnActive() && message.id == m_replyId); // left so by a crash
    return message.status == MessageStatus::Incomplete
           || message.status == MessageStatus::Cancelled;
}

int ConversationController::versionPosition(int index) const
{
    const core::StoredMessage& message = m_branch.at(index);
    return std::max(1, int(message.siblingIds.indexOf(message.id)) + 1);
}

int ConversationController::versionCount(int index) const
{
    return std::max(1, int(m_branch.at(index).siblingIds.size()));
}

// --- Sending ------------------------------------------------------------------------------------

bool ConversationController::refuseWhileBusy()
{
    if (isTurnActive()) {
        Q_EMIT notice(tr("A reply is still being written. Stop it first (Esc)."));
        return true;
    }
    if (isLoading()) {
        Q_EMIT notice(tr("The conversation is still opening."));
        return true;
    }
    return false;
}

bool ConversationController::prepareTurn()
{
    if (refuseWhileBusy())
        return false;
    if (m_settingsSource == nullptr) {
        m_turnSettings = m_settings;
        return true;
    }
    const core::Resolution resolution = m_settingsSource->resolve(conversationSettings());
    if (!resolution.chat) {
        Q_EMIT notice(resolution.error);
        return false;
    }
    m_turnSettings = ChatSettings::fromResolved(*resolution.chat);
    return true;
}

bool ConversationController::refuseImages(const QList<core::Attachment>& attachments)
{
    if (!core::hasImages(attachments))
        return false;
    // The resolved provider and model of this turn (prepareTurn); unknown models may try.
    if (core::acceptsImages(m_turnSettings.provider.kind, m_turnSettings.model) != false)
        return false;
    Q_EMIT notice(core::imagesNotAcceptedMessage(m_turnSettings.model));
    return true;
}

core::ConversationSettings ConversationController::conversationSettings() const
{
    return core::conversationSettingsFromJson(m_conversation.settingsJson);
}

void ConversationController::setConversationSettings(const core::ConversationSettings& settings)
{
    const QString json = core::conversationSettingsToJson(settings);
    if (json == m_conversation.settingsJson)
        return;
    m_conversation.settingsJson = json;
    // A conversation not created yet takes its settings along when it is.
    if (m_store != nullptr && m_persistent && m_conversation.id > 0) {
        m_store->post([id = m_conversation.id, json](core::Store* store) {
            store->setConversationSettings(id, json);
        });
    }
    Q_EMIT conversationSettingsChanged();
}

bool ConversationController::send(const QString& text)
{
    return send(text, {});
}

bool ConversationController::send(const QString& text, const QList<core::Attachment>& attachments)
{
    if ((text.trimmed().isEmpty() && attachments.isEmpty()) || !prepareTurn()
        || refuseImages(attachments))
        return false;
    const qint64 parent = m_branch.isEmpty() ? 0 : m_branch.last().id;
    core::StoredMessage user = newMessage(Role::User, text, parent);
    user.attachments = attachments;
    appendToBranch(user);
    core::StoredMessage reply = newMessage(Role::Assistant, {}, user.id);
    reply.status = MessageStatus::Streaming;
    appendToBranch(reply);
    startTurn(historyBefore(messageCount() - 1), reply.id, {});
    return true;
}

bool ConversationController::editAndSend(int index, const QString& text)
{
    if (index < 0 || index >= messageCount() || !prepareTurn())
        return false;
    const core::StoredMessage old = m_branch.at(index);
    if (old.role != Role::User || (text.trimmed().isEmpty() && old.attachments.isEmpty())
        || refuseImages(old.attachments))
        return false;
    core::StoredMessage user = newMessage(Role::User, text, old.parentId);
    user.attachments = old.attachments; // the edit changes the text only
    user.siblingIds = old.siblingIds.isEmpty() ? QList<qint64>{old.id} : old.siblingIds;
    user.siblingIds.append(user.id);
    truncateBranch(index);
    appendToBranch(user);
    core::StoredMessage reply = newMessage(Role::Assistant, {}, user.id);
    reply.status = MessageStatus::Streaming;
    appendToBranch(reply);
    startTurn(historyBefore(messageCount() - 1), reply.id, {});
    return true;
}

bool ConversationController::regenerate(int index)
{
    if (index < 0 || index >= messageCount() || !prepareTurn())
        return false;
    const core::StoredMessage old = m_branch.at(index);
    if (old.role != Role::Assistant)
        return false;
    core::StoredMessage reply = newMessage(Role::Assistant, {}, old.parentId);
    reply.status = MessageStatus::Streaming;
    reply.siblingIds = old.siblingIds.isEmpty() ? QList<qint64>{old.id} : old.siblingIds;
    reply.siblingIds.append(reply.id);
    truncateBranch(index);
    appendToBranch(reply);
    startTurn(historyBefore(index), reply.id, {});
    return true;
}

bool ConversationController::retry(int index)
{
    if (index < 0 || index >= messageCount() || !prepareTurn())
        return false;
    core::StoredMessage& message = m_branch[index];
    if (message.role != Role::Assistant)
        return false;
    // Text, or later messages built on this one, are worth keeping: a new version then.
    if (!message.content.isEmpty() || index != messageCount() - 1)
        return regenerate(index);
    message.status = MessageStatus::Streaming;
    message.reasoning.clear();
    message.errorMessage.clear();
    message.finishReason.clear();
    message.usage = {};
    message.model = m_turnSettings.model;
    // Streaming again, so that a crash now leaves it marked as cut off.
    saveToStore(message);
    Q_EMIT messageChanged(index);
    startTurn(historyBefore(index), message.id, {});
    return true;
}

bool ConversationController::continueReply(int index)
{
    if (!canContinue(index) || !prepareTurn())
        return false;
    core::StoredMessage& message = m_branch[index];
    const QString prefix =
        isAnthropic(m_turnSettings) ? withoutTrailingSpace(message.content) : message.content;
    QList<core::ChatMessage> messages = historyBefore(index);
    messages.append({Role::Assistant, prefix});
    // Anthropic continues a prefilled reply by itself; the others need to be asked to.
    if (!isAnthropic(m_turnSettings))
        messages.append(
            {Role::User, tr("Continue exactly where you stopped. Do not repeat anything.")});

    message.content = prefix;
    message.status = MessageStatus::Streaming;
    message.errorMessage.clear();
    message.finishReason.clear();
    saveToStore(message);
    Q_EMIT messageChanged(index);
    startTurn(std::move(messages), message.id, prefix);
    return true;
}

core::StoredMessage ConversationController::newMessage(Role role, const QString& content,
                                                       qint64 parentId)
{
    core::StoredMessage message;
    message.id = m_nextLocalId--;
    message.conversationId = m_conversation.id;
    message.parentId = parentId;
    message.role = role;
    message.content = content;
    if (role == Role::Assistant)
        message.model = m_turnSettings.model;
    message.createdAt = message.updatedAt = QDateTime::currentDateTimeUtc();
    return message;
}

void ConversationController::appendToBranch(const core::StoredMessage& message)
{
    m_branch.append(message);
    Q_EMIT messageAdded(messageCount() - 1);
    if (m_persistent) {
        m_appendQueue.append(message.id);
        pumpAppends();
    }
}

void ConversationController::truncateBranch(int size)
{
    if (size >= messageCount())
        return;
    // Kept, so that the versions made here can be shown again without asking the store.
    for (qsizetype i = size; i < m_branch.size(); ++i)
        m_offBranch.insert(m_branch.at(i).id, m_branch.at(i));
    m_branch.resize(size);
    Q_EMIT branchTruncated(size);
}

QList<core::ChatMessage> ConversationController::historyBefore(int index) const
{
    QList<core::ChatMessage> history;
    history.reserve(index);
    for (int i = 0; i < index && i < messageCount(); ++i)
        history += chatMessagesFor(m_branch.at(i));
    return history;
}

void ConversationController::startTurn(QList<core::ChatMessage> messages, qint64 replyId,
                                       const QString& prefix)
{
    core::TurnRequest request;
    request.turnId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_turnSettings.applyTo(request);
    if (m_settingsSource)
        request.toolOptions = m_settingsSource->toolSettings().options();
    request.messages = std::move(messages);
    request.persistPrefix = prefix;

    // State first: a synchronous receiver may answer before emit returns.
    m_turnId = request.turnId;
    m_replyId = replyId;
    m_replyPrefix = prefix;
    const int index = indexOfMessage(replyId);
    m_reasoningPrefix = prefix.isEmpty() || index < 0 ? QString() : m_branch.at(index).reasoning;
    m_turnText.clear();
    m_turnReasoning.clear();
    m_cancelRequested = false;
    m_turnSent = false;
    m_pendingRequest = std::move(request);
    Q_EMIT turnStarted(m_turnId, index);

    // The loaded page may not be the whole conversation: the model needs all of it.
    m_waitingForHistory = false;
    if (m_hasOlder && m_store != nullptr && !m_branch.isEmpty() && m_branch.first().id > 0) {
        m_waitingForHistory = true;
        requestOlder(OlderPurpose::History);
    }
    maybeStartTurn();
}

void ConversationController::maybeStartTurn()
{
    if (!m_pendingRequest || !isTurnActive())
        return;
    if (m_waitingForHistory)
        return;
    core::TurnRequest& request = *m_pendingRequest;
    if (m_persistent) {
        if (m_replyId <= 0)
            return; // the placeholder is on its way to the store
        request.persistMessageId = m_replyId;
    } else {
        request.persistMessageId = 0;
        request.persistPrefix.clear();
    }
    core::TurnRequest ready = std::move(request);
    m_pendingRequest.reset();
    m_turnSent = true;
    Q_EMIT startTurnRequested(ready);
}

void ConversationController::stop()
{
    if (!isTurnActive() || m_cancelRequested)
        return;
    m_cancelRequested = true;
    if (m_pendingRequest) {
        // The core never heard of it.
        m_pendingRequest.reset();
        finishTurnLocally(core::TurnOutcome::Cancelled);
        return;
    }
    m_cancelGrace.start();
    Q_EMIT cancelTurnRequested(m_turnId);
}

void ConversationController::finishTurnLocally(core::TurnOutcome outcome)
{
    core::TurnResult result;
    result.turnId = m_turnId;
    result.outcome = outcome;
    result.text = m_turnText;
    result.reasoning = m_turnReasoning;
    onTurnFinished(result);
}

void ConversationController::onTurnDelta(const core::TurnDelta& delta)
{
    if (delta.turnId != m_turnId || m_turnId.isEmpty())
        return;
    const int index = indexOfMessage(m_replyId);
    if (index < 0)
        return;
    core::StoredMessage& reply = m_branch[index];
    reply.content += delta.text;
    reply.reasoning += delta.reasoning;
    m_turnText += delta.text;
    m_turnReasoning += delta.reasoning;
    Q_EMIT replyDelta(index, delta);
}

void ConversationController::onTurnHeartbeat(const core::TurnHeartbeat& heartbeat)
{
    if (heartbeat.turnId != m_turnId || m_turnId.isEmpty())
        return;
    Q_EMIT turnHeartbeat(heartbeat);
}

void ConversationController::onTurnFinished(const core::TurnResult& result)
{
    if (result.turnId != m_turnId || m_turnId.isEmpty())
        return;
    m_cancelGrace.stop();
    m_pendingRequest.reset();
    const QString turnId = m_turnId;
    m_turnId.clear();
    m_cancelRequested = false;

    const int index = indexOfMessage(m_replyId);
    if (index >= 0) {
        // The result carries the whole reply; deltas only matter if one got lost on the way.
        const QString text = result.text.isEmpty() ? m_turnText : result.text;
        const QString reasoning = result.reasoning.isEmpty() ? m_turnReasoning : result.reasoning;
        core::StoredMessage& reply = m_branch[index];
        reply.content = m_replyPrefix + text;
        reply.reasoning = m_reasoningPrefix + reasoning;
        reply.status = statusFor(result.outcome);
        // As the core stores it: a reply with text that an error cut short can be continued.
        if (reply.status == MessageStatus::Error && !reply.content.isEmpty())
            reply.status = MessageStatus::Incomplete;
        if (result.usage.inputTokens >= 0 || result.usage.outputTokens >= 0)
            reply.usage = result.usage;
        reply.finishReason = result.finishReason;
        reply.errorMessage = result.error.message;
        if (!result.toolCalls.isEmpty())
            reply.toolCalls = result.toolCalls;
        // As the core saves them, so that the reply's details show them without a reload.
        reply.durationMs = result.durationMs > 0 ? result.durationMs : -1;
        reply.firstTokenMs = result.firstTokenMs >= 0 ? result.firstTokenMs : -1;
        reply.updatedAt = QDateTime::currentDateTimeUtc();
        // The core saved the reply, but knows nothing of the reasoning a continued reply had;
        // and a turn stopped before it reached the core was saved by nobody.
        if (!m_turnSent || !m_reasoningPrefix.isEmpty())
            saveToStore(reply);
    }
    m_replyPrefix.clear();
    m_reasoningPrefix.clear();
    m_turnText.clear();
    m_turnReasoning.clear();
    Q_EMIT turnFinished(turnId, index, result);
}

void ConversationController::onToolCallUpdated(const core::ToolCallEvent& event)
{
    if (event.turnId != m_turnId || m_turnId.isEmpty())
        return;
    const int index = indexOfMessage(m_replyId);
    if (index < 0)
        return;
    // Kept with the reply so that a re-render (older pages, branch switches) shows the card.
    core::StoredMessage& reply = m_branch[index];
    core::ToolCallRecord record;
    record.step = event.step;
    record.textOffset = event.textOffset;
    record.call = event.call;
    record.server = event.server;
    record.toolName = event.toolName;
    record.state = event.state;
    record.result = event.result;
    auto it =
        std::find_if(reply.toolCalls.begin(), reply.toolCalls.end(),
                     [&](const core::ToolCallRecord& r) { return r.call.id == event.call.id; });
    if (it == reply.toolCalls.end())
        reply.toolCalls.append(record);
    else
        *it = record;
    Q_EMIT toolCallUpdated(index, event);
}

void ConversationController::answerToolApproval(const QString& callId, core::ToolApproval approval)
{
    const int index = replyIndex();
    if (index < 0)
        return;
    for (const core::ToolCallRecord& record : m_branch.at(index).toolCalls) {
        if (record.call.id != callId || record.state != core::ToolCallState::AwaitingApproval)
            continue;
        if (approval == core::ToolApproval::AllowAlways)
            Q_EMIT toolPolicyChosen(record.server + QLatin1Char('/') + record.toolName,
                                    core::ToolPolicy::Allow);
        Q_EMIT toolApprovalAnswered(m_turnId, callId, approval);
        return;
    }
}

// --- Branches and pages -------------------------------------------------------------------------

bool ConversationController::showVersion(int index, int step)
{
    if (index < 0 || index >= messageCount() || refuseWhileBusy())
        return false;
    const core::StoredMessage& message = m_branch.at(index);
    const qsizetype position = message.siblingIds.indexOf(message.id);
    const qsizetype target = position + step;
    if (position < 0 || target < 0 || target >= message.siblingIds.size())
        return false;
    const qint64 targetId = message.siblingIds.at(target);
    if (m_store != nullptr && m_persistent && targetId > 0 && m_conversation.id > 0) {
        // The store remembers the branch for the next time the conversation is opened.
        m_loadingId = m_conversation.id;
        m_revealId = targetId;
        m_revealHighlight = false;
        const qint64 conversationId = m_conversation.id;
        const int count = m_pageSize;
        m_store->post([conversationId, targetId, count](core::Store* store) {
            store->selectBranch(conversationId, targetId, count);
        });
        return true;
    }
    if (!m_offBranch.contains(targetId)) {
        Q_EMIT notice(tr("That version is not available while the history cannot be read."));
        return false;
    }
    showLocalBranch(index, targetId);
    return true;
}

void ConversationController::showLocalBranch(int index, qint64 targetId)
{
    for (qsizetype i = index; i < m_branch.size(); ++i)
        m_offBranch.insert(m_branch.at(i).id, m_branch.at(i));
    m_branch.resize(index);

    auto childrenOf = [this](qint64 parentId) {
        QList<qint64> ids;
        for (const core::StoredMessage& known : std::as_const(m_offBranch)) {
            if (known.parentId == parentId)
                ids.append(known.id);
        }
        std::sort(ids.begin(), ids.end(),
                  [](qint64 a, qint64 b) { return recency(a) < recency(b); });
        return ids;
    };
    // Down from the chosen version along the most recent replies, as the store does.
    qint64 next = targetId;
    while (m_offBranch.contains(next)) {
        core::StoredMessage message = m_offBranch.take(next);
        QList<qint64> siblings = childrenOf(message.parentId);
        for (qint64 id : std::as_const(message.siblingIds)) {
            if (!siblings.contains(id))
                siblings.append(id);
        }
        if (!siblings.contains(message.id))
            siblings.append(message.id);
        std::sort(siblings.begin(), siblings.end(),
                  [](qint64 a, qint64 b) { return recency(a) < recency(b); });
        message.siblingIds = siblings;
        m_branch.append(message);
        const QList<qint64> children = childrenOf(message.id);
        if (children.isEmpty())
            break;
        next = children.last();
    }
    Q_EMIT branchReset();
    Q_EMIT revealRequested(index, false);
}

bool ConversationController::deleteMessage(int index)
{
    if (index < 0 || index >= messageCount() || refuseWhileBusy())
        return false;
    const core::StoredMessage& message = m_branch.at(index);
    if (m_store == nullptr || !m_persistent || m_conversation.id <= 0) {
        deleteLocally(index);
        return true;
    }
    if (message.id <= 0 || storeWritesPending()) {
        Q_EMIT notice(tr("The conversation is still being saved. Try again in a moment."));
        return false;
    }
    // Both in one go: the store reads the conversation again right after the deletion.
    m_deleteTag = nextTag();
    m_loadingId = m_conversation.id;
    m_revealId = 0;
    const int count = m_pageSize;
    m_store->post([conversationId = m_conversation.id, messageId = message.id, tag = m_deleteTag,
                   count](core::Store* store) {
        store->deleteMessage(conversationId, messageId, tag);
        store->loadConversation(conversationId, count);
    });
    return true;
}

void ConversationController::onMessagesDeleted(qint64, qint64, int count, const QString& tag)
{
    if (tag.isEmpty() || tag != m_deleteTag)
        return;
    m_deleteTag.clear();
    Q_EMIT notice(tr("Deleted %n message(s).", nullptr, count));
}

void ConversationController::deleteLocally(int index)
{
    const core::StoredMessage message = m_branch.at(index);
    // The rest of the branch goes, and so does every version made below the message.
    QList<qint64> gone;
    for (qsizetype i = index; i < m_branch.size(); ++i)
        gone.append(m_branch.at(i).id);
    for (bool grew = true; grew;) {
        grew = false;
        for (const core::StoredMessage& known : std::as_const(m_offBranch)) {
            if (gone.contains(known.parentId) && !gone.contains(known.id)) {
                gone.append(known.id);
                grew = true;
            }
        }
    }
    for (qint64 id : std::as_const(gone))
        m_offBranch.remove(id);
    for (core::StoredMessage& known : m_offBranch)
        known.siblingIds.removeAll(message.id);
    m_branch.resize(index);

    qint64 sibling = 0; // the latest remaining version takes the message's place
    for (qsizetype i = message.siblingIds.size() - 1; i >= 0 && sibling == 0; --i) {
        if (m_offBranch.contains(message.siblingIds.at(i)))
            sibling = message.siblingIds.at(i);
    }
    if (sibling != 0)
        showLocalBranch(index, sibling);
    else
        Q_EMIT branchTruncated(index);
    Q_EMIT notice(tr("Deleted %n message(s).", nullptr, int(gone.size())));
}

bool ConversationController::newConversation(const core::ConversationSettings& initial)
{
    if (isTurnActive()) {
        Q_EMIT notice(tr("Stop the reply first (Esc), then start a new chat."));
        return false;
    }
    whenStoreIdle([this, initial] {
        core::ConversationSummary fresh;
        fresh.settingsJson = core::conversationSettingsToJson(initial);
        resetConversation(fresh);
    });
    return true;
}

bool ConversationController::openConversation(qint64 conversationId)
{
    return openMessage(conversationId, 0);
}

bool ConversationController::openMessage(qint64 conversationId, qint64 messageId)
{
    if (m_store == nullptr || conversationId <= 0)
        return false;
    if (isTurnActive()) {
        Q_EMIT notice(tr("Stop the reply first (Esc), then open another conversation."));
        return false;
    }
    if (conversationId == m_conversation.id && messageId != 0) {
        const int index = indexOfMessage(messageId);
        if (index >= 0) {
            Q_EMIT revealRequested(index, true);
            return true;
        }
    }
    whenStoreIdle([this, conversationId, messageId] {
        m_loadingId = conversationId;
        m_revealId = messageId;
        m_revealHighlight = messageId != 0;
        const int count = m_pageSize;
        m_store->post([conversationId, messageId, count](core::Store* store) {
            if (messageId != 0)
                store->selectBranch(conversationId, messageId, count);
            else
                store->loadConversation(conversationId, count);
        });
    });
    return true;
}

void ConversationController::resetConversation(const core::ConversationSummary& conversation)
{
    ++m_generation;
    m_conversation = conversation;
    m_branch.clear();
    m_offBranch.clear();
    m_hasOlder = false;
    m_persistent = m_store != nullptr;
    m_olderRequests.clear();
    m_olderPending = false;
    m_appendQueue.clear();
    Q_EMIT branchReset();
    Q_EMIT conversationChanged();
}

void ConversationController::forgetConversation(qint64 conversationId)
{
    if (conversationId == 0 || conversationId != m_conversation.id)
        return;
    if (isTurnActive() || storeWritesPending()) {
        // Nothing more of it can be saved; what is on screen stays until the user moves on.
        m_persistent = false;
        m_appendQueue.clear();
        Q_EMIT conversationChanged();
        return;
    }
    resetConversation({});
}

void ConversationController::loadOlder()
{
    if (!m_hasOlder || m_olderPending || m_store == nullptr || m_conversation.id <= 0 || isLoading()
        || m_branch.isEmpty() || m_branch.first().id <= 0)
        return;
    m_olderPending = true;
    requestOlder(OlderPurpose::Show);
}

void ConversationController::requestOlder(OlderPurpose purpose)
{
    const qint64 conversationId = m_conversation.id;
    const qint64 beforeId = m_branch.first().id;
    // The history of a turn needs everything above the page.
    const int count = purpose == OlderPurpose::Show ? m_pageSize : std::numeric_limits<int>::max();
    m_olderRequests.append({purpose, m_generation, beforeId});
    m_store->post([conversationId, beforeId, count](core::Store* store) {
        store->loadOlder(conversationId, beforeId, count);
    });
}

void ConversationController::onConversationLoaded(const core::ConversationPage& page)
{
    if (m_loadingId == 0 || page.conversation.id != m_loadingId)
        return;
    m_loadingId = 0;
    if (isTurnActive())
        return;     // cannot happen: nothing is opened while a reply is written
    ++m_generation; // pages asked for before this one no longer fit
    m_olderRequests.clear();
    m_olderPending = false;
    m_conversation = page.conversation;
    m_branch = page.messages;
    m_hasOlder = page.hasOlder;
    m_offBranch.clear();
    m_appendQueue.clear();
    m_persistent = true;
    Q_EMIT branchReset();
    Q_EMIT conversationChanged();
    revealPending();
}

void ConversationController::onOlderLoaded(const core::ConversationPage& page)
{
    if (m_olderRequests.isEmpty())
        return;
    const OlderRequest request = m_olderRequests.takeFirst();
    const bool current =
        request.generation == m_generation && page.conversation.id == m_conversation.id;

    if (request.purpose == OlderPurpose::History) {
        if (current && m_pendingRequest && m_waitingForHistory) {
            QList<core::ChatMessage> older;
            for (const core::StoredMessage& message : page.messages)
                older += chatMessagesFor(message);
            m_pendingRequest->messages = older + m_pendingRequest->messages;
            m_waitingForHistory = false;
            maybeStartTurn();
        }
        return;
    }

    m_olderPending = false;
    if (!current || m_branch.isEmpty() || m_branch.first().id != request.beforeId)
        return;
    // Only a page that ends right above the first loaded message fits.
    if (page.messages.isEmpty() || page.messages.last().id != m_branch.first().parentId) {
        m_hasOlder = false;
        return;
    }
    m_branch = page.messages + m_branch;
    m_hasOlder = page.hasOlder;
    Q_EMIT olderPrepended(int(page.messages.size()));
    revealPending();
}

void ConversationController::revealPending()
{
    if (m_revealId == 0)
        return;
    const int index = indexOfMessage(m_revealId);
    if (index >= 0) {
        m_revealId = 0;
        Q_EMIT revealRequested(index, m_revealHighlight);
        return;
    }
    if (m_hasOlder && !m_olderPending && !m_branch.isEmpty() && m_branch.first().id > 0) {
        // Further up than the page: fetch older pages until it is there.
        m_olderPending = true;
        requestOlder(OlderPurpose::Show);
        return;
    }
    m_revealId = 0;
    Q_EMIT notice(tr("The message is no longer in this conversation."));
}

// --- Store traffic ------------------------------------------------------------------------------

bool ConversationController::storeWritesPending() const
{
    return !m_appendQueue.isEmpty() || !m_appendTag.isEmpty() || !m_createTag.isEmpty();
}

void ConversationController::whenStoreIdle(std::function<void()> action)
{
    // The messages already shown are stored before the view moves on (a matter of
    // milliseconds), so none is lost or attached to the wrong conversation.
    if (m_persistent && storeWritesPending()) {
        m_whenIdle = std::move(action);
        return;
    }
    m_whenIdle = nullptr;
    action();
}

QString ConversationController::nextTag()
{
    return QStringLiteral("conversation-%1-%2").arg(quintptr(this), 0, 16).arg(++m_tagCounter);
}

void ConversationController::pumpAppends()
{
    if (m_store == nullptr || !m_persistent || !m_appendTag.isEmpty() || !m_createTag.isEmpty())
        return;
    if (m_appendQueue.isEmpty()) {
        if (m_whenIdle)
            std::exchange(m_whenIdle, nullptr)();
        return;
    }
    if (m_conversation.id <= 0) {
        m_createTag = nextTag();
        m_store->post([tag = m_createTag, json = m_conversation.settingsJson](core::Store* store) {
            store->createConversation(QString(), tag, json);
        });
        return;
    }
    while (!m_appendQueue.isEmpty()) {
        const core::StoredMessage* message = findMessage(m_appendQueue.first());
        if (message == nullptr || message->parentId < 0) {
            // Gone, or its parent never made it to the store: it cannot be stored.
            m_appendQueue.removeFirst();
            continue;
        }
        core::StoredMessage copy = *message;
        copy.id = 0;
        copy.conversationId = m_conversation.id;
        copy.siblingIds.clear();
        m_appendTag = nextTag();
        m_appendLocalId = message->id;
        m_store->post(
            [copy, tag = m_appendTag](core::Store* store) { store->appendMessage(copy, tag); });
        return;
    }
    if (m_whenIdle)
        std::exchange(m_whenIdle, nullptr)();
}

void ConversationController::onConversationCreated(const core::ConversationSummary& conversation,
                                                   const QString& tag)
{
    if (tag.isEmpty() || tag != m_createTag)
        return;
    m_createTag.clear();
    if (conversation.id <= 0) {
        // It could not be created (the store said why in a storeError).
        fallBackToMemory();
        return;
    }
    const QString title = m_conversation.title;
    const QString settingsJson = m_conversation.settingsJson;
    m_conversation = conversation;
    if (m_conversation.title.isEmpty())
        m_conversation.title = title;
    if (settingsJson != conversation.settingsJson) {
        // Changed (e.g. another model picked) while the conversation was being created.
        m_conversation.settingsJson = settingsJson;
        m_store->post([id = conversation.id, settingsJson](core::Store* store) {
            store->setConversationSettings(id, settingsJson);
        });
    }
    for (core::StoredMessage& message : m_branch)
        message.conversationId = conversation.id;
    for (core::StoredMessage& message : m_offBranch)
        message.conversationId = conversation.id;
    Q_EMIT conversationCreated(conversation.id);
    Q_EMIT conversationChanged();
    pumpAppends();
}

void ConversationController::onConversationChanged(const core::ConversationSummary& conversation)
{
    if (conversation.id == 0 || conversation.id != m_conversation.id)
        return;
    m_conversation.title = conversation.title;
    m_conversation.pinned = conversation.pinned;
    m_conversation.updatedAt = conversation.updatedAt;
    const bool settingsChanged = m_conversation.settingsJson != conversation.settingsJson;
    m_conversation.settingsJson = conversation.settingsJson;
    Q_EMIT conversationChanged();
    if (settingsChanged)
        Q_EMIT conversationSettingsChanged();
}

void ConversationController::onMessageAppended(const core::StoredMessage& message,
                                               const QString& tag)
{
    if (tag.isEmpty() || tag != m_appendTag)
        return;
    m_appendTag.clear();
    if (message.id <= 0) {
        fallBackToMemory();
        return;
    }
    if (!m_appendQueue.isEmpty() && m_appendQueue.first() == m_appendLocalId)
        m_appendQueue.removeFirst();
    replaceId(m_appendLocalId, message.id);
    m_conversation.currentLeafId = message.id;
    const core::StoredMessage* stored = findMessage(message.id);
    // A reply that ended before it was stored (stopped at once): its end is saved here.
    if (stored != nullptr && stored->role == Role::Assistant
        && stored->status != MessageStatus::Streaming)
        saveToStore(*stored);
    if (message.role == Role::User && m_conversation.title.isEmpty())
        Q_EMIT conversationChanged(); // the window's title shows the first message until then
    maybeStartTurn();
    pumpAppends();
}

void ConversationController::onStoreError(const core::StoreError& error)
{
    using Kind = core::StoreError::Kind;
    // Errors carry no tag. Whatever was on its way to the store may be what failed; and after
    // these kinds, writing more of this conversation is pointless.
    const bool writesLost = storeWritesPending() || (m_pendingRequest && m_replyId <= 0);
    const bool unwritable =
        error.kind == Kind::ReadOnly || error.kind == Kind::DiskFull || error.kind == Kind::Corrupt;
    const bool memoryOnly =
        m_persistent && (writesLost || (unwritable && (!m_branch.isEmpty() || isTurnActive())));

    // A page that was asked for may never come.
    m_loadingId = 0;
    m_revealId = 0;
    m_olderPending = false;
    m_olderRequests.clear();
    const bool historyLost = m_waitingForHistory;
    m_waitingForHistory = false;

    Q_EMIT storeFailed(error, memoryOnly);
    if (historyLost)
        Q_EMIT notice(tr("Older messages could not be read; the reply sees only the loaded ones."));
    if (memoryOnly)
        fallBackToMemory();
    else
        maybeStartTurn();
}

void ConversationController::fallBackToMemory()
{
    const bool was = m_persistent;
    m_persistent = false;
    m_appendQueue.clear();
    m_appendTag.clear();
    m_createTag.clear();
    if (was)
        Q_EMIT conversationChanged();
    // The turn runs anyway, in memory.
    maybeStartTurn();
    if (m_whenIdle)
        std::exchange(m_whenIdle, nullptr)();
}

void ConversationController::saveToStore(const core::StoredMessage& message)
{
    if (m_store == nullptr || !m_persistent || message.id <= 0)
        return;
    m_store->post([message](core::Store* store) { store->saveMessage(message); });
}

core::StoredMessage* ConversationController::findMessage(qint64 id)
{
    const int index = indexOfMessage(id);
    if (index >= 0)
        return &m_branch[index];
    auto it = m_offBranch.find(id);
    return it == m_offBranch.end() ? nullptr : &it.value();
}

void ConversationController::replaceId(qint64 localId, qint64 storedId)
{
    auto patch = [localId, storedId](core::StoredMessage& message) {
        if (message.id == localId)
            message.id = storedId;
        if (message.parentId == localId)
            message.parentId = storedId;
        for (qint64& sibling : message.siblingIds) {
            if (sibling == localId)
                sibling = storedId;
        }
    };
    for (core::StoredMessage& message : m_branch)
        patch(message);
    if (m_offBranch.contains(localId))
        m_offBranch.insert(storedId, m_offBranch.take(localId));
    for (core::StoredMessage& message : m_offBranch)
        patch(message);
    if (m_replyId == localId)
        m_replyId = storedId;
}

} // namespace keel::ui
