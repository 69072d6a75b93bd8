// StoreTypes: the value types of the history store that cross threads (store <-> GUI, core,
// CLI): conversations, messages of the conversation tree, pages of a branch, search hits, and
// the errors a disk can produce.
#pragma once

#include "chat/ChatTypes.h"

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>

namespace keel::core {

enum class MessageStatus { Complete, Streaming, Incomplete, Error, Cancelled };

struct StoredMessage {
    qint64 id = 0; // 0: not stored yet
    qint64 conversationId = 0;
    qint64 parentId = 0; // 0: a root message; siblings share a parent (branches)
    Role role = Role::User;
    QString content{};
    QString reasoning{};
    QString model{};
    Usage usage;
    MessageStatus status = MessageStatus::Complete;
    QString finishReason{};
    QString errorMessage{}; // human, when status is Error or Incomplete
    QDateTime createdAt;    // UTC
    QDateTime updatedAt;    // UTC
    // Filled when loaded as part of a branch: all children of this message's parent (itself
    // included), oldest first, for the "‹ 2/3 ›" navigator.
    QList<qint64> siblingIds{};
    // A reply that used tools: its calls and results, placed in `content` by textOffset.
    QList<ToolCallRecord> toolCalls{};
    // Files the user attached (user messages), in the order attached.
    QList<Attachment> attachments{};
    // A reply's timing, -1 when not known: from the start of its turn to the first token, and
    // the whole turn. With usage.outputTokens they give the tokens per second.
    qint64 firstTokenMs = -1;
    qint64 durationMs = -1;
};

struct ConversationSummary {
    qint64 id = 0;
    QString title{};
    QDateTime createdAt; // UTC
    QDateTime updatedAt; // UTC; the sidebar groups by this
    bool pinned = false;
    qint64 currentLeafId = 0; // the remembered branch: the last message of it
    QString settingsJson{};   // per-conversation overrides (a later issue); "" = defaults
    QString sourceId{};       // where an import came from (a later issue); "" for native ones
};

// A stretch of the current branch, oldest first, ending at the branch's leaf (or, for
// loadOlder, just before the message asked about).
struct ConversationPage {
    ConversationSummary conversation;
    QList<StoredMessage> messages{};
    bool hasOlder = false; // more messages above the first one
};

struct SearchHit {
    qint64 conversationId = 0;
    qint64 messageId = 0; // 0: the title matched
    QString title{};
    QString snippet{}; // plain text with the matches between \x02 and \x03
    QDateTime updatedAt;
};

struct StoreError {
    enum class Kind { None, ReadOnly, DiskFull, Locked, Corrupt, Other };
    Kind kind = Kind::None;
    QString message{}; // human: what happened and what the app does about it
    QString movedTo{}; // Corrupt: where the damaged database was moved
};

QString wireName(MessageStatus status);
MessageStatus messageStatusFromName(const QString& name); // unknown -> Incomplete

} // namespace keel::core

Q_DECLARE_METATYPE(keel::core::StoredMessage)
Q_DECLARE_METATYPE(keel::core::ConversationSummary)
Q_DECLARE_METATYPE(keel::core::ConversationPage)
Q_DECLARE_METATYPE(keel::core::SearchHit)
Q_DECLARE_METATYPE(keel::core::StoreError)
