// TextExport: the plain-text export: lines kept as written (no wrapping), what Keel adds set
// apart by rules and indentation.
#include "transfer/TextExport.h"

#include "transfer/ExportParts.h"

#include <QCoreApplication>

namespace keel::core {

namespace {

// The translation context of this file's texts. A struct, not a free tr(): lupdate files a
// free function's strings under the enclosing namespace or class, which would not match the
// context used at run time.
struct TextExportText {
    Q_DECLARE_TR_FUNCTIONS(TextExport)
};

const QString kRule = QString(40, u'-');

// Every line of text prefixed (blank lines stay blank, so nothing trails).
QString indented(const QString& text, const QString& prefix)
{
    QStringList lines = text.split(u'\n');
    while (!lines.isEmpty() && lines.last().trimmed().isEmpty())
        lines.removeLast();
    QString out;
    for (const QString& line : std::as_const(lines)) {
        QString body = line;
        if (body.endsWith(u'\r'))
            body.chop(1);
        out += (body.isEmpty() ? QString() : prefix + body) + u'\n';
    }
    return out;
}

void endBlock(QString& out)
{
    if (!out.isEmpty() && !out.endsWith(u'\n'))
        out += u'\n';
}

void writeToolCall(QString& out, const ToolCallRecord& record)
{
    endBlock(out);
    out += u'\n';
    QString heading = TextExportText::tr("Tool: %1").arg(record.call.name);
    if (const QString state = exportToolState(record); !state.isEmpty())
        heading += QStringLiteral(" (%1)").arg(state);
    out += QLatin1String("    ") + heading + u'\n';
    out += QLatin1String("      ") + TextExportText::tr("Arguments:") + u'\n';
    out += indented(exportToolArguments(record.call), QStringLiteral("        "));
    out += QLatin1String("      ") + TextExportText::tr("Result:") + u'\n';
    out += indented(exportToolResult(record), QStringLiteral("        "));
    out += u'\n';
}

void writeMessage(QString& out, const StoredMessage& message)
{
    QString heading = exportRoleTitle(message.role);
    if (message.role == Role::Assistant && !message.model.trimmed().isEmpty())
        heading += QStringLiteral(" (%1)").arg(message.model.simplified());
    if (const QString time = exportTime(message.createdAt); !time.isEmpty())
        heading += QStringLiteral(" — ") + time;
    out += kRule + u'\n' + heading + QLatin1String("\n\n");

    for (const ReplyPiece& piece : exportReplyPieces(message)) {
        out += piece.text;
        for (const ToolCallRecord& record : piece.calls)
            writeToolCall(out, record);
    }
    endBlock(out);

    if (!message.reasoning.trimmed().isEmpty()) {
        out += QLatin1String("\n    ") + TextExportText::tr("Reasoning:") + u'\n';
        out += indented(message.reasoning, QStringLiteral("      "));
    }
    if (!message.attachments.isEmpty()) {
        out += u'\n';
        for (const Attachment& attachment : message.attachments)
            out += QLatin1String("    ")
                   + TextExportText::tr("Attached: %1").arg(exportAttachmentLine(attachment))
                   + u'\n';
    }
    if (const QString note = exportStatusNote(message); !note.isEmpty())
        out += QLatin1String("\n    [") + note + QLatin1String("]\n");
    out += u'\n';
}

} // namespace

QString textExport(const ConversationTree& tree)
{
    const QList<StoredMessage> branch = currentBranch(tree);
    const ConversationSummary& conversation = tree.conversation;
    QString title = conversation.title.simplified();
    if (title.isEmpty())
        title = TextExportText::tr("Untitled conversation");

    QString out = title + u'\n' + QString(title.size(), u'=') + u'\n';
    QStringList facts;
    if (const QString created = exportTime(conversation.createdAt); !created.isEmpty())
        facts.append(TextExportText::tr("Created: %1").arg(created));
    if (const QString updated = exportTime(conversation.updatedAt); !updated.isEmpty())
        facts.append(TextExportText::tr("Updated: %1").arg(updated));
    if (const QStringList models = exportModels(branch); !models.isEmpty())
        facts.append((models.size() == 1 ? TextExportText::tr("Model: %1")
                                         : TextExportText::tr("Models: %1"))
                         .arg(models.join(QLatin1String(", "))));
    facts.append(TextExportText::tr("Exported from Keel"));
    for (const QString& fact : std::as_const(facts))
        out += fact + u'\n';
    out += u'\n';

    for (const StoredMessage& message : branch)
        writeMessage(out, message);
    return out;
}

} // namespace keel::core
