// ExportParts: the shared wording and slicing of the export formats.
#include "transfer/ExportParts.h"

#include <QCoreApplication>
#include <QSet>

#include <algorithm>
#include <nlohmann/json.hpp>

namespace keel::core {

namespace {

// The translation context of this file's texts. A struct, not a free tr(): lupdate files a
// free function's strings under the enclosing namespace or class, which would not match the
// context used at run time.
struct ExportText {
    Q_DECLARE_TR_FUNCTIONS(Export)
};

} // namespace

QString exportTime(const QDateTime& time)
{
    if (!time.isValid())
        return {};
    return time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm")) + QStringLiteral(" UTC");
}

QString exportIsoTime(const QDateTime& time)
{
    if (!time.isValid())
        return {};
    return time.toUTC().toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss'Z'"));
}

QString exportRoleTitle(Role role)
{
    switch (role) {
    case Role::User:
        return ExportText::tr("You");
    case Role::Assistant:
        return ExportText::tr("Assistant");
    case Role::System:
        return ExportText::tr("System");
    case Role::Tool:
        return ExportText::tr("Tool");
    }
    return ExportText::tr("Message");
}

QStringList exportModels(const QList<StoredMessage>& messages)
{
    QStringList models;
    for (const StoredMessage& message : messages) {
        const QString model = message.model.trimmed();
        if (!model.isEmpty() && !models.contains(model))
            models.append(model);
    }
    return models;
}

QString exportStatusNote(const StoredMessage& message)
{
    const QString detail = message.errorMessage.simplified();
    switch (message.status) {
    case MessageStatus::Complete:
        return {};
    case MessageStatus::Error:
        return detail.isEmpty() ? ExportText::tr("Error: the reply failed.")
                                : ExportText::tr("Error: %1").arg(detail);
    case MessageStatus::Incomplete:
        return detail.isEmpty()
                   ? ExportText::tr("Incomplete: the reply was interrupted before it finished.")
                   : ExportText::tr("Incomplete: %1").arg(detail);
    case MessageStatus::Cancelled:
        return ExportText::tr("Stopped before it finished.");
    case MessageStatus::Streaming:
        return ExportText::tr("Still being written when it was exported.");
    }
    return {};
}

QString exportAttachmentLine(const Attachment& attachment)
{
    const qint64 size =
        attachment.originalSize > 0 ? attachment.originalSize : qint64(attachment.data.size());
    QString type = attachment.mimeType.simplified();
    if (type.isEmpty())
        type = attachment.isImage() ? ExportText::tr("image") : ExportText::tr("text");
    QString line = ExportText::tr("%1 (%2, %3)")
                       .arg(attachment.fileName.simplified(), type, humanFileSize(size));
    if (attachment.truncated)
        line += ExportText::tr(", cut off");
    return line;
}

QString exportEmbeddableImageType(const Attachment& attachment)
{
    if (!attachment.isImage())
        return {};
    // The bytes decide: a declared type is only a claim (an SVG could carry script).
    const QString sniffed = imageMimeType(attachment.data);
    static const QSet<QString> allowed{QStringLiteral("image/png"), QStringLiteral("image/jpeg"),
                                       QStringLiteral("image/gif"), QStringLiteral("image/webp")};
    return allowed.contains(sniffed) ? sniffed : QString();
}

QList<ReplyPiece> exportReplyPieces(const StoredMessage& message)
{
    QList<ToolCallRecord> calls = message.toolCalls;
    std::stable_sort(calls.begin(), calls.end(),
                     [](const ToolCallRecord& a, const ToolCallRecord& b) {
                         return a.textOffset < b.textOffset;
                     });
    QList<ReplyPiece> pieces;
    qsizetype from = 0;
    for (const ToolCallRecord& call : std::as_const(calls)) {
        // Offsets only grow; a damaged one stays inside the text, like the transcript does.
        const qsizetype to = std::clamp<qsizetype>(call.textOffset, from, message.content.size());
        if (pieces.isEmpty() || to > from) {
            pieces.append(ReplyPiece{message.content.mid(from, to - from), {}});
            from = to;
        }
        pieces.last().calls.append(call);
    }
    const QString rest = message.content.mid(from);
    if (pieces.isEmpty() || !rest.isEmpty())
        pieces.append(ReplyPiece{rest, {}});
    return pieces;
}

QString exportToolArguments(const ToolCall& call)
{
    const QByteArray utf8 = call.arguments.toUtf8();
    const auto parsed = nlohmann::ordered_json::parse(utf8.cbegin(), utf8.cend(), nullptr, false);
    if (parsed.is_discarded() || !parsed.is_structured())
        return call.arguments;
    const std::string pretty =
        parsed.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    return QString::fromStdString(pretty);
}

QString exportToolResult(const ToolCallRecord& record)
{
    const QString text = record.result.modelText();
    if (!text.isEmpty())
        return text;
    switch (record.state) {
    case ToolCallState::Denied:
        return ExportText::tr("The call was denied.");
    case ToolCallState::Cancelled:
        return ExportText::tr("The call was cancelled.");
    case ToolCallState::AwaitingApproval:
    case ToolCallState::Running:
        return ExportText::tr("The call did not finish.");
    case ToolCallState::Failed:
        return ExportText::tr("The call failed.");
    case ToolCallState::Done:
        break;
    }
    return ExportText::tr("(no output)");
}

QString exportToolState(const ToolCallRecord& record)
{
    switch (record.state) {
    case ToolCallState::Done:
        return record.result.isError ? ExportText::tr("error") : QString();
    case ToolCallState::Failed:
        return ExportText::tr("failed");
    case ToolCallState::Denied:
        return ExportText::tr("denied");
    case ToolCallState::Cancelled:
        return ExportText::tr("cancelled");
    case ToolCallState::AwaitingApproval:
    case ToolCallState::Running:
        return ExportText::tr("did not finish");
    }
    return {};
}

} // namespace keel::core
