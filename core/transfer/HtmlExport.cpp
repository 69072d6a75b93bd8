// HtmlExport: the page around the messages: a strict Content-Security-Policy, one constant style
// sheet, and every string that came from a conversation escaped (Markdown through
// markdownToSafeHtml, everything else through escapeHtml).
#include "transfer/HtmlExport.h"

#include "transfer/ExportParts.h"
#include "transfer/MarkdownHtml.h"

#include <QCoreApplication>

namespace keel::core {

namespace {

// The translation context of this file's texts. A struct, not a free tr(): lupdate files a
// free function's strings under the enclosing namespace or class, which would not match the
// context used at run time.
struct HtmlExportText {
    Q_DECLARE_TR_FUNCTIONS(HtmlExport)
};

// For browsers: reading width on screen, print rules for paper.
constexpr char kBrowserStyle[] = R"css(
:root { color-scheme: light; }
body { margin: 0 auto; max-width: 52rem; padding: 1.5rem 1rem 3rem; color: #1f2328; background: #ffffff; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; overflow-wrap: anywhere; }
header { border-bottom: 1px solid #d0d7de; margin-bottom: 1.5rem; }
h1.title { font-size: 1.6rem; line-height: 1.25; margin: 0 0 .3rem; }
.meta { color: #59636e; font-size: .875rem; margin: 0 0 1rem; }
article { border: 1px solid #d0d7de; border-radius: 8px; padding: .75rem 1rem; margin: 0 0 1rem; }
article.user { background: #f6f8fa; }
.head { display: flex; flex-wrap: wrap; gap: .25rem .6rem; align-items: baseline; color: #59636e; font-size: .875rem; margin-bottom: .5rem; }
.role { color: #1f2328; font-weight: 600; }
.plain { white-space: pre-wrap; margin: 0; }
.body > :first-child { margin-top: 0; }
.body > :last-child { margin-bottom: 0; }
.body h1 { font-size: 1.35rem; }
.body h2 { font-size: 1.2rem; }
.body h3 { font-size: 1.1rem; }
.status { color: #9a6700; font-style: italic; margin: .5rem 0 0; }
.status.error { color: #cf222e; }
a { color: #0969da; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; }
pre { background: #f6f8fa; border: 1px solid #d0d7de; border-radius: 6px; padding: .6rem .8rem; font-size: .85rem; line-height: 1.45; white-space: pre-wrap; overflow-wrap: anywhere; }
:not(pre) > code { background: #eff1f3; border-radius: 4px; padding: .1em .3em; font-size: .9em; }
blockquote { border-left: 4px solid #d0d7de; color: #59636e; margin: .5rem 0; padding: 0 1rem; }
table { border-collapse: collapse; margin: .5rem 0; display: block; overflow-x: auto; }
th, td { border: 1px solid #d0d7de; padding: .3rem .6rem; }
th { background: #f6f8fa; }
hr { border: 0; border-top: 1px solid #d0d7de; }
details { background: #fbfcfd; border: 1px solid #d0d7de; border-radius: 6px; margin: .5rem 0; padding: .4rem .8rem; }
summary { color: #59636e; cursor: pointer; font-weight: 600; }
details[open] > summary { margin-bottom: .4rem; }
.label { color: #59636e; font-size: .8rem; font-weight: 600; margin: .4rem 0 .2rem; }
.attachments { margin-top: .6rem; }
figure { margin: .5rem 0; }
figure img { max-width: 100%; height: auto; border: 1px solid #d0d7de; border-radius: 6px; }
figcaption, .file { color: #59636e; font-size: .85rem; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  article { break-inside: avoid; page-break-inside: avoid; border-color: #999999; }
  details { break-inside: avoid; page-break-inside: avoid; }
  pre { overflow: visible; white-space: pre-wrap; overflow-wrap: anywhere; }
  a { color: inherit; }
}
)css";

// For QTextDocument (the PDF): no flex, grid, variables or selectors it does not know; the
// details blocks are bordered one-cell tables.
constexpr char kQtStyle[] = R"css(
body { color: #1f2328; }
h1.title { font-size: 16pt; margin-bottom: 2pt; }
p.meta { color: #59636e; font-size: 8.5pt; margin-bottom: 10pt; }
p.head { color: #59636e; font-size: 8.5pt; margin-top: 10pt; margin-bottom: 4pt; }
span.role { color: #1f2328; font-weight: bold; }
p.plain { white-space: pre-wrap; }
p.status { color: #9a6700; font-style: italic; }
pre { background-color: #f6f8fa; font-family: monospace; font-size: 8.5pt; white-space: pre-wrap; margin-top: 4pt; margin-bottom: 4pt; }
code { font-family: monospace; background-color: #eff1f3; }
blockquote { color: #59636e; margin-left: 12pt; }
table { border-collapse: collapse; border-width: 1px; border-color: #d0d7de; border-style: solid; margin-top: 4pt; margin-bottom: 4pt; }
th { background-color: #f6f8fa; }
td, th { border-width: 1px; border-color: #d0d7de; border-style: solid; padding: 3px; }
table.box { background-color: #fbfcfd; margin-top: 4pt; margin-bottom: 4pt; }
p.summary { color: #59636e; font-weight: bold; margin-top: 0; }
p.label { color: #59636e; font-size: 8pt; font-weight: bold; margin-bottom: 1pt; }
p.file { color: #59636e; font-size: 8.5pt; }
a { color: #0969da; }
)css";

class Page {
public:
    explicit Page(bool forQt)
        : m_qt(forQt)
    {
    }

    QString out;

    void writeMessage(const StoredMessage& message)
    {
        const QString role = roleClass(message.role);
        if (m_qt) {
            out += QLatin1String("<hr>\n");
            out += QLatin1String("<div class=\"message ") + role + QLatin1String("\">\n");
        } else {
            out += QLatin1String("<article class=\"") + role + QLatin1String("\">\n");
        }

        QString head = QLatin1String("<span class=\"role\">")
                       + escapeHtml(exportRoleTitle(message.role)) + QLatin1String("</span>");
        if (message.role == Role::Assistant && !message.model.trimmed().isEmpty())
            head += separator() + QLatin1String("<span class=\"model\">")
                    + escapeHtml(message.model.simplified()) + QLatin1String("</span>");
        if (const QString time = exportTime(message.createdAt); !time.isEmpty()) {
            if (m_qt)
                head += separator() + QLatin1String("<span class=\"time\">") + escapeHtml(time)
                        + QLatin1String("</span>");
            else
                head += QLatin1String(" <time datetime=\"") + exportIsoTime(message.createdAt)
                        + QLatin1String("\">") + escapeHtml(time) + QLatin1String("</time>");
        }
        out += m_qt ? QLatin1String("<p class=\"head\">") : QLatin1String("<div class=\"head\">");
        out += head;
        out += m_qt ? QLatin1String("</p>\n") : QLatin1String("</div>\n");

        if (!message.reasoning.trimmed().isEmpty()) {
            openDetails(HtmlExportText::tr("Reasoning"), QStringLiteral("reasoning"));
            out += markdownToSafeHtml(message.reasoning);
            closeDetails();
        }

        for (const ReplyPiece& piece : exportReplyPieces(message)) {
            if (!piece.text.trimmed().isEmpty())
                writeBody(message.role, piece.text);
            for (const ToolCallRecord& record : piece.calls)
                writeToolCall(record);
        }

        if (!message.attachments.isEmpty()) {
            out += QLatin1String("<div class=\"attachments\">\n");
            for (const Attachment& attachment : message.attachments)
                writeAttachment(attachment);
            out += QLatin1String("</div>\n");
        }

        if (const QString note = exportStatusNote(message); !note.isEmpty()) {
            const bool error = message.status == MessageStatus::Error;
            out += error ? QLatin1String("<p class=\"status error\">")
                         : QLatin1String("<p class=\"status\">");
            out += escapeHtml(note) + QLatin1String("</p>\n");
        }
        out += m_qt ? QLatin1String("</div>\n") : QLatin1String("</article>\n");
    }

private:
    static QString roleClass(Role role)
    {
        switch (role) {
        case Role::User:
            return QStringLiteral("user");
        case Role::Assistant:
            return QStringLiteral("assistant");
        case Role::System:
            return QStringLiteral("system");
        case Role::Tool:
            return QStringLiteral("tool");
        }
        return QStringLiteral("message");
    }

    QString separator() const { return m_qt ? QStringLiteral(" · ") : QStringLiteral(" "); }

    void writeBody(Role role, const QString& text)
    {
        // The transcript shows what the user typed as plain text, replies as Markdown.
        if (role == Role::User) {
            QString plain = text;
            while (plain.endsWith(u'\n'))
                plain.chop(1);
            out += QLatin1String("<div class=\"body\"><p class=\"plain\">") + escapeHtml(plain)
                   + QLatin1String("</p></div>\n");
            return;
        }
        out += QLatin1String("<div class=\"body\">\n") + markdownToSafeHtml(text)
               + QLatin1String("</div>\n");
    }

    void openDetails(const QString& summary, const QString& kind)
    {
        if (m_qt) {
            out += QLatin1String("<table class=\"box ") + kind
                   + QLatin1String("\" width=\"100%\" border=\"1\" cellspacing=\"0\" "
                                   "cellpadding=\"6\"><tr><td>\n<p class=\"summary\">")
                   + escapeHtml(summary) + QLatin1String("</p>\n");
        } else {
            out += QLatin1String("<details class=\"") + kind + QLatin1String("\"><summary>")
                   + escapeHtml(summary) + QLatin1String("</summary>\n");
        }
    }

    void closeDetails()
    {
        out += m_qt ? QLatin1String("</td></tr></table>\n") : QLatin1String("</details>\n");
    }

    void writeLabel(const QString& label)
    {
        out += m_qt ? QLatin1String("<p class=\"label\">") : QLatin1String("<div class=\"label\">");
        out += escapeHtml(label);
        out += m_qt ? QLatin1String("</p>\n") : QLatin1String("</div>\n");
    }

    void writeToolCall(const ToolCallRecord& record)
    {
        QString summary = HtmlExportText::tr("Tool: %1").arg(record.call.name);
        if (const QString state = exportToolState(record); !state.isEmpty())
            summary += QStringLiteral(" (%1)").arg(state);
        openDetails(summary, QStringLiteral("tool"));
        writeLabel(HtmlExportText::tr("Arguments"));
        out += QLatin1String("<pre><code>") + escapeHtml(exportToolArguments(record.call))
               + QLatin1String("</code></pre>\n");
        writeLabel(HtmlExportText::tr("Result"));
        out += QLatin1String("<pre>") + escapeHtml(exportToolResult(record))
               + QLatin1String("</pre>\n");
        closeDetails();
    }

    void writeAttachment(const Attachment& attachment)
    {
        const QString line = escapeHtml(exportAttachmentLine(attachment));
        const QString name = escapeHtml(attachment.fileName.simplified());
        if (const QString type = exportEmbeddableImageType(attachment); !type.isEmpty()) {
            const QString source = QLatin1String("data:") + type + QLatin1String(";base64,")
                                   + QString::fromLatin1(attachment.data.toBase64());
            if (m_qt) {
                out += QLatin1String("<p><img src=\"") + source + QLatin1String("\" alt=\"") + name
                       + QLatin1String("\"></p>\n<p class=\"file\">") + line
                       + QLatin1String("</p>\n");
            } else {
                out += QLatin1String("<figure><img src=\"") + source + QLatin1String("\" alt=\"")
                       + name + QLatin1String("\"><figcaption>") + line
                       + QLatin1String("</figcaption></figure>\n");
            }
            return;
        }
        const QString attached =
            escapeHtml(HtmlExportText::tr("Attached: %1").arg(exportAttachmentLine(attachment)));
        if (m_qt)
            out += QLatin1String("<p class=\"file\">") + attached + QLatin1String("</p>\n");
        else
            out += QLatin1String("<div class=\"file\">") + attached + QLatin1String("</div>\n");
        if (!attachment.isImage()) {
            out += QLatin1String("<pre>") + escapeHtml(QString::fromUtf8(attachment.data))
                   + QLatin1String("</pre>\n");
        }
    }

    bool m_qt = false;
};

} // namespace

QString htmlExportStyle(const HtmlExportOptions& options)
{
    return QString::fromUtf8(options.forQtTextDocument ? kQtStyle : kBrowserStyle);
}

QString htmlExport(const ConversationTree& tree, const HtmlExportOptions& options)
{
    const bool qt = options.forQtTextDocument;
    const QList<StoredMessage> branch = currentBranch(tree);
    const ConversationSummary& conversation = tree.conversation;
    QString title = conversation.title.simplified();
    if (title.isEmpty())
        title = HtmlExportText::tr("Untitled conversation");

    Page page(qt);
    QString& out = page.out;
    out += QLatin1String("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n");
    // Belt and braces: even if something slipped through escaping, nothing could run or load.
    out += QLatin1String("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src "
                         "'none'; img-src data:; style-src 'unsafe-inline'\">\n");
    if (!qt) {
        out += QLatin1String("<meta name=\"viewport\" content=\"width=device-width, "
                             "initial-scale=1\">\n<meta name=\"generator\" content=\"Keel\">\n");
    }
    out += QLatin1String("<title>") + escapeHtml(title) + QLatin1String("</title>\n");
    out += QLatin1String("<style>") + htmlExportStyle(options) + QLatin1String("</style>\n");
    out += QLatin1String("</head>\n<body>\n");

    out += qt ? QLatin1String("<div class=\"header\">\n") : QLatin1String("<header>\n");
    out += QLatin1String("<h1 class=\"title\">") + escapeHtml(title) + QLatin1String("</h1>\n");
    QStringList facts;
    if (const QString created = exportTime(conversation.createdAt); !created.isEmpty())
        facts.append(HtmlExportText::tr("Created %1").arg(created));
    if (const QString updated = exportTime(conversation.updatedAt); !updated.isEmpty())
        facts.append(HtmlExportText::tr("Updated %1").arg(updated));
    if (const QStringList models = exportModels(branch); !models.isEmpty())
        facts.append((models.size() == 1 ? HtmlExportText::tr("Model: %1")
                                         : HtmlExportText::tr("Models: %1"))
                         .arg(models.join(QLatin1String(", "))));
    facts.append(HtmlExportText::tr("Exported from Keel"));
    out += QLatin1String("<p class=\"meta\">") + escapeHtml(facts.join(QStringLiteral(" · ")))
           + QLatin1String("</p>\n");
    out += qt ? QLatin1String("</div>\n<div class=\"messages\">\n")
              : QLatin1String("</header>\n<main>\n");

    for (const StoredMessage& message : branch)
        page.writeMessage(message);
    out += qt ? QLatin1String("</div>\n") : QLatin1String("</main>\n");
    out += QLatin1String("</body>\n</html>\n");
    return out;
}

} // namespace keel::core
