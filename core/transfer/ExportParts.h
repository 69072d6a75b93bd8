// ExportParts: the pieces the Markdown, text and HTML exports share, so that they say the same
// thing the same way: role titles, UTC times, sizes, status notes, a reply cut at its tool
// calls (as the transcript shows it), tool call arguments and results as text, code fences.
#pragma once

#include "store/StoreTypes.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace keel::core {

// "2024-05-01 14:03 UTC" (never local time: an export is read elsewhere); "" when invalid.
QString exportTime(const QDateTime& time);
// "2024-05-01T14:03:00Z"; "" when invalid.
QString exportIsoTime(const QDateTime& time);

// "You", "Assistant", "System", "Tool".
QString exportRoleTitle(Role role);
// The models of the replies, each once, in order of appearance.
QStringList exportModels(const QList<StoredMessage>& messages);
// A sentence about a message that did not complete ("" when it did).
QString exportStatusNote(const StoredMessage& message);

// "chart.png (image/png, 12 KB)".
QString exportAttachmentLine(const Attachment& attachment);
// The image type of an attachment worth embedding (PNG, JPEG, GIF, WebP, by its bytes and its
// declared type agreeing), "" for anything else.
QString exportEmbeddableImageType(const Attachment& attachment);

// A reply in the order the transcript shows it: text, the tool calls made after it, more text.
struct ReplyPiece {
    QString text{};
    QList<ToolCallRecord> calls{}; // made after text
};
QList<ReplyPiece> exportReplyPieces(const StoredMessage& message);

// The call's arguments, indented when they are JSON.
QString exportToolArguments(const ToolCall& call);
// What the tool answered, or a sentence saying why there is no answer.
QString exportToolResult(const ToolCallRecord& record);
// "" for a call that ran and answered; else "error", "denied", "failed", ...
QString exportToolState(const ToolCallRecord& record);

} // namespace keel::core
