// MarkdownExport: the front matter, headings and folded details of the Markdown export. The
// messages' own text goes out untouched; only what Keel adds around it is escaped.
#include "transfer/MarkdownExport.h"

#include "transfer/ExportParts.h"
#include "transfer/MarkdownHtml.h"

#include <QCoreApplication>

namespace keel::core {

namespace {

// The translation context of this file's texts. A struct, not a free tr(): lupdate files a
// free function's strings under the enclosing namespace or class, which would not match the
// context used at run time.
struct MarkdownExportText {
    Q_DECLARE_TR_FUNCTIONS(MarkdownExport)
};

// A YAML double-quoted scalar: backslash, quote and control characters escaped.
QString yamlQuoted(const QString& text)
{
    QString quoted = QStringLiteral("\"");
    for (QChar c : text) {
        const char16_t u = c.unicode();
        if (c == u'\\' || c == u'"') {
            quoted += u'\\';
            quoted += c;
        } else if (c == u'\n') {
            quoted += QLatin1String("\\n");
        } else if (c == u'\t') {
            quoted += QLatin1String("\\t");
        } else if (c == u'\r') {
            quoted += QLatin1String("\\r");
        } else if (u < 0x20 || (u >= 0x7F && u <= 0x9F) || u == 0x2028 || u == 0x2029) {
            quoted += QStringLiteral("\\u%1").arg(int(u), 4, 16, QLatin1Char('0'));
        } else {
            quoted += c;
        }
    }
    quoted += u'"';
    return quoted;
}

// Text Keel writes into Markdown (names, notes) that must not turn into markup.
QString escapeMarkdown(const QString& text)
{
    static const QString special = QStringLiteral("\\`*_[]<>&|~#");
    QString escaped;
    escaped.reserve(text.size() + 8);
    for (QChar c : text) {
        if (special.contains(c))
            escaped += u'\\';
        escaped += c;
    }
    return escaped;
}

QString fenced(const QString& text, const QString& language = {})
{
    const QString fence = codeFence(text);
    QString block = fence + language + u'\n' + text;
    if (!text.endsWith(u'\n'))
        block += u'\n';
    return block + fence + u'\n';
}

// Makes sure what follows starts on a line of its own after a blank line.
void endParagraph(QString& out)
{
    if (out.isEmpty())
        return;
    if (!out.endsWith(u'\n'))
        out += u'\n';
    if (!out.endsWith(QLatin1String("\n\n")))
        out += u'\n';
}

void writeToolCall(QString& out, const ToolCallRecord& record)
{
    endParagraph(out);
    QString summary = MarkdownExportText::tr("Tool: %1").arg(record.call.name);
    const QString state = exportToolState(record);
    if (!state.isEmpty())
        summary += QStringLiteral(" (%1)").arg(state);
    out +=
        QLatin1String("<details><summary>") + escapeHtml(summary) + QLatin1String("</summary>\n\n");
    out += QLatin1String("**") + MarkdownExportText::tr("Arguments") + QLatin1String("**\n\n");
    out += fenced(exportToolArguments(record.call), QStringLiteral("json"));
    out += u'\n';
    out += QLatin1String("**") + MarkdownExportText::tr("Result") + QLatin1String("**\n\n");
    out += fenced(exportToolResult(record));
    out += QLatin1String("\n</details>\n\n");
}

void writeMessage(QString& out, const StoredMessage& message)
{
    endParagraph(out);
    QString heading = exportRoleTitle(message.role);
    if (message.role == Role::Assistant && !message.model.trimmed().isEmpty())
        heading += QStringLiteral(" · ") + escapeMarkdown(message.model.simplified());
    out += QLatin1String("## ") + heading + u'\n';
    if (const QString time = exportTime(message.createdAt); !time.isEmpty())
        out += QLatin1String("\n*") + time + QLatin1String("*\n");
    out += u'\n';

    if (!message.reasoning.trimmed().isEmpty()) {
        out += QLatin1String("<details><summary>") + MarkdownExportText::tr("Reasoning")
               + QLatin1String("</summary>\n\n");
        out += message.reasoning;
        endParagraph(out);
        out += QLatin1String("</details>\n\n");
    }

    for (const ReplyPiece& piece : exportReplyPieces(message)) {
        out += piece.text;
        for (const ToolCallRecord& record : piece.calls)
            writeToolCall(out, record);
    }

    if (!message.attachments.isEmpty()) {
        endParagraph(out);
        for (const Attachment& attachment : message.attachments) {
            out += QLatin1String("- ")
                   + escapeMarkdown(
                       MarkdownExportText::tr("Attached: %1").arg(exportAttachmentLine(attachment)))
                   + u'\n';
        }
    }

    if (const QString note = exportStatusNote(message); !note.isEmpty()) {
        endParagraph(out);
        out += QLatin1String("*") + escapeMarkdown(note) + QLatin1String("*\n");
    }
}

} // namespace

QString markdownExport(const ConversationTree& tree)
{
    const QList<StoredMessage> branch = currentBranch(tree);
    const ConversationSummary& conversation = tree.conversation;
    QString title = conversation.title.simplified();
    if (title.isEmpty())
        title = MarkdownExportText::tr("Untitled conversation");

    QString out = QStringLiteral("---\n");
    out += QLatin1String("title: ") + yamlQuoted(title) + u'\n';
    const QStringList models = exportModels(branch);
    if (models.size() == 1) {
        out += QLatin1String("model: ") + yamlQuoted(models.first()) + u'\n';
    } else if (models.size() > 1) {
        QStringList quoted;
        for (const QString& model : models)
            quoted.append(yamlQuoted(model));
        out += QLatin1String("models: [") + quoted.join(QLatin1String(", ")) + QLatin1String("]\n");
    }
    if (const QString created = exportIsoTime(conversation.createdAt); !created.isEmpty())
        out += QLatin1String("created: ") + created + u'\n';
    if (const QString updated = exportIsoTime(conversation.updatedAt); !updated.isEmpty())
        out += QLatin1String("updated: ") + updated + u'\n';
    out += QLatin1String("exported: \"Keel\"\n---\n\n");

    out += QLatin1String("# ") + escapeMarkdown(title) + u'\n';
    for (const StoredMessage& message : branch)
        writeMessage(out, message);
    if (!out.endsWith(u'\n'))
        out += u'\n';
    return out;
}

} // namespace keel::core
