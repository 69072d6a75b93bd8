// ExportFormatsTest: what each export format says about a rich conversation (current branch
// only; reasoning, tool calls, attachments and status as specified; code blocks intact; front
// matter as key: value lines), the Markdown-to-HTML renderer's structure, file names made safe,
// single-file write errors (missing and read-only folders: an error and no file), and exporting
// a whole history to a folder and to a JSON archive, with cancel taking everything back.
#include "store/Database.h"
#include "store/TreeStore.h"
#include "transfer/ExportWriter.h"
#include "transfer/HtmlExport.h"
#include "transfer/KeelJson.h"
#include "transfer/MarkdownExport.h"
#include "transfer/MarkdownHtml.h"
#include "transfer/TextExport.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>
#include <unistd.h>

using namespace keel::core;

namespace {

QByteArray png()
{
    return QByteArray::fromBase64("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhf"
                                  "DwAChwGA60e6kgAAAABJRU5ErkJggg==");
}

QDateTime at(int day, int hour, int minute)
{
    return QDateTime(QDate(2024, 3, day), QTime(hour, minute), Qt::UTC);
}

StoredMessage message(qint64 id, qint64 parent, Role role, const QString& content)
{
    StoredMessage m;
    m.id = id;
    m.conversationId = 7;
    m.parentId = parent;
    m.role = role;
    m.content = content;
    m.createdAt = at(5, 14, int(id));
    m.updatedAt = m.createdAt;
    return m;
}

const QString kCode = QStringLiteral("```python\ndef f():\n    return '<b>' + \"x\"\n```");

// Two branches under the first message; the second one is current.
ConversationTree richTree()
{
    ConversationTree tree;
    tree.conversation.id = 7;
    tree.conversation.title = QStringLiteral("Plan \"Q3\" \\ review: <draft>");
    tree.conversation.createdAt = at(5, 14, 0);
    tree.conversation.updatedAt = at(6, 9, 30);
    tree.conversation.currentLeafId = 5;

    StoredMessage user = message(1, 0, Role::User, QStringLiteral("Write the code, please."));
    Attachment image;
    image.kind = Attachment::Kind::Image;
    image.fileName = QStringLiteral("chart.png");
    image.mimeType = QStringLiteral("image/png");
    image.data = png();
    image.originalSize = 12 * 1024;
    Attachment notes;
    notes.kind = Attachment::Kind::Text;
    notes.fileName = QStringLiteral("notes.txt");
    notes.mimeType = QStringLiteral("text/plain");
    notes.data = QByteArrayLiteral("first line of the notes\nsecond <line>");
    notes.originalSize = notes.data.size();
    user.attachments = {image, notes};

    StoredMessage old = message(2, 1, Role::Assistant, QStringLiteral("OLD BRANCH REPLY"));
    old.model = QStringLiteral("old-model");

    const QString before = QStringLiteral("Here is the code:\n\n") + kCode
                           + QStringLiteral("\n\nLet me check the weather.\n");
    StoredMessage reply = message(3, 1, Role::Assistant, before + QStringLiteral("It is sunny."));
    reply.model = QStringLiteral("gpt-4o");
    reply.reasoning = QStringLiteral("Thinking about **it** first.");
    ToolCallRecord call;
    call.textOffset = before.size();
    call.call = {QStringLiteral("call_1"), QStringLiteral("get_weather"),
                 QStringLiteral("{\"city\":\"Oslo\"}")};
    call.state = ToolCallState::Done;
    call.result.content = {
        ToolContent{ToolContent::Kind::Text, QStringLiteral("Sunny ``` 20 C"), {}, {}, {}}};
    reply.toolCalls = {call};

    StoredMessage thanks = message(4, 3, Role::User, QStringLiteral("Thanks!"));
    StoredMessage failed = message(5, 4, Role::Assistant, QStringLiteral("Partial answer"));
    failed.model = QStringLiteral("claude-x");
    failed.status = MessageStatus::Error;
    failed.errorMessage = QStringLiteral("The server answered 500.");

    tree.messages = {user, old, reply, thanks, failed};
    return tree;
}

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool runningAsRoot()
{
    return ::geteuid() == 0;
}

StoredMessage newMessage(qint64 conversationId, qint64 parentId, Role role, const QString& text)
{
    StoredMessage m;
    m.conversationId = conversationId;
    m.parentId = parentId;
    m.role = role;
    m.content = text;
    return m;
}

const char kFakeKey[] = "sk-keel-test-FAKE-KEY-0123456789";

} // namespace

class ExportFormatsTest : public QObject {
    Q_OBJECT

private:
    // A history of three conversations (two with the same title) and a deleted one.
    void fillHistory(Database& db)
    {
        QVERIFY(db.beginTransaction());
        const QStringList titles{QStringLiteral("Alpha"), QStringLiteral("Beta: notes"),
                                 QStringLiteral("Alpha")};
        for (const QString& title : titles) {
            const auto conversation = db.createConversation(
                title, QStringLiteral("{\"model\":\"m1\",\"temperature\":0.5}"));
            QVERIFY(conversation);
            auto question = db.appendMessage(
                newMessage(conversation->id, 0, Role::User, QStringLiteral("Question ") + title));
            QVERIFY(question);
            StoredMessage answer = newMessage(conversation->id, question->id, Role::Assistant,
                                              QStringLiteral("Answer ") + title);
            answer.model = QStringLiteral("m1");
            QVERIFY(db.appendMessage(answer));
        }
        const auto gone = db.createConversation(QStringLiteral("Deleted one"));
        QVERIFY(gone);
        QVERIFY(db.appendMessage(newMessage(gone->id, 0, Role::User, QStringLiteral("bye"))));
        QVERIFY(db.deleteConversation(gone->id));
        QVERIFY(db.commitTransaction());
    }

private Q_SLOTS:
    void initTestCase()
    {
        // Keys live in the keychain or the environment, never in the history: none of them may
        // turn up in an export.
        qputenv("OPENAI_API_KEY", kFakeKey);
        qputenv("ANTHROPIC_API_KEY", kFakeKey);
    }

    void markdownHasFrontMatterAndTheCurrentBranch()
    {
        const QString md = markdownExport(richTree());
        QVERIFY(md.startsWith(QLatin1String("---\n")));
        const qsizetype end = md.indexOf(QLatin1String("\n---\n"), 4);
        QVERIFY(end > 0);
        const QStringList lines = md.mid(4, end - 4).split(u'\n');
        const QRegularExpression keyValue(QStringLiteral("^([a-z]+): (.+)$"));
        QHash<QString, QString> fields;
        for (const QString& line : lines) {
            const auto match = keyValue.match(line);
            QVERIFY2(match.hasMatch(), qPrintable(line));
            fields.insert(match.captured(1), match.captured(2));
        }
        QCOMPARE(fields.value(QStringLiteral("title")),
                 QStringLiteral("\"Plan \\\"Q3\\\" \\\\ review: <draft>\""));
        QCOMPARE(fields.value(QStringLiteral("models")),
                 QStringLiteral("[\"gpt-4o\", \"claude-x\"]"));
        QCOMPARE(fields.value(QStringLiteral("created")), QStringLiteral("2024-03-05T14:00:00Z"));
        QCOMPARE(fields.value(QStringLiteral("updated")), QStringLiteral("2024-03-06T09:30:00Z"));
        QCOMPARE(fields.value(QStringLiteral("exported")), QStringLiteral("\"Keel\""));

        QVERIFY(md.contains(QStringLiteral("# Plan \"Q3\" \\\\ review: \\<draft\\>\n")));
        QVERIFY(md.contains(QStringLiteral("## You\n\n*2024-03-05 14:01 UTC*\n")));
        QVERIFY(md.contains(QStringLiteral("## Assistant · gpt-4o\n\n*2024-03-05 14:03 UTC*\n")));
        QVERIFY(md.contains(QStringLiteral("## Assistant · claude-x\n")));
        // Only the current branch.
        QVERIFY(!md.contains(QStringLiteral("OLD BRANCH REPLY")));
        QVERIFY(!md.contains(QStringLiteral("old-model")));
        QCOMPARE(md.count(QStringLiteral("## You")), 2);
        QCOMPARE(md.count(QStringLiteral("## Assistant")), 2);
        // Content verbatim, code fence intact.
        QVERIFY(md.contains(QStringLiteral("Here is the code:\n\n") + kCode + u'\n'));
    }

    void markdownFoldsReasoningToolsAndListsAttachments()
    {
        const QString md = markdownExport(richTree());
        QVERIFY(md.contains(QStringLiteral(
            "<details><summary>Reasoning</summary>\n\nThinking about **it** first.\n\n</details>")));
        // The tool call sits where it was made: after its text, before the rest.
        const qsizetype check = md.indexOf(QStringLiteral("Let me check the weather."));
        const qsizetype tool =
            md.indexOf(QStringLiteral("<details><summary>Tool: get_weather</summary>"));
        const qsizetype rest = md.indexOf(QStringLiteral("It is sunny."));
        QVERIFY(check > 0 && tool > check && rest > tool);
        QVERIFY(md.contains(QStringLiteral("```json\n{\n  \"city\": \"Oslo\"\n}\n```")));
        // The result holds a ``` run: its fence is longer, so it cannot be closed early.
        QVERIFY(md.contains(QStringLiteral("````\nSunny ``` 20 C\n````")));
        QVERIFY(md.indexOf(QStringLiteral("</details>"), tool) < rest);

        QVERIFY(md.contains(QStringLiteral("- Attached: chart.png (image/png, 12 KB)\n")));
        QVERIFY(md.contains(QStringLiteral("- Attached: notes.txt (text/plain, 37 bytes)\n")));
        // Images are not embedded in Markdown.
        QVERIFY(!md.contains(QString::fromLatin1(png().toBase64())));
        QVERIFY(!md.contains(QStringLiteral("data:image")));
        QVERIFY(md.contains(QStringLiteral("*Error: The server answered 500.*")));
    }

    void textIsReadableAndComplete()
    {
        const QString text = textExport(richTree());
        QVERIFY(text.startsWith(QStringLiteral("Plan \"Q3\" \\ review: <draft>\n=====")));
        QVERIFY(text.contains(QStringLiteral("Created: 2024-03-05 14:00 UTC\n")));
        QVERIFY(text.contains(QStringLiteral("Models: gpt-4o, claude-x\n")));
        QVERIFY(text.contains(
            QStringLiteral("You — 2024-03-05 14:01 UTC\n\nWrite the code, please.\n")));
        QVERIFY(text.contains(QStringLiteral("Assistant (gpt-4o) — 2024-03-05 14:03 UTC\n")));
        QVERIFY(text.contains(kCode)); // lines as written
        QVERIFY(
            text.contains(QStringLiteral("    Reasoning:\n      Thinking about **it** first.\n")));
        QVERIFY(text.contains(QStringLiteral("    Tool: get_weather\n")));
        QVERIFY(text.contains(QStringLiteral("        \"city\": \"Oslo\"\n")));
        QVERIFY(text.contains(QStringLiteral("        Sunny ``` 20 C\n")));
        QVERIFY(text.contains(QStringLiteral("    Attached: chart.png (image/png, 12 KB)\n")));
        QVERIFY(text.contains(QStringLiteral("    [Error: The server answered 500.]\n")));
        QVERIFY(!text.contains(QStringLiteral("OLD BRANCH REPLY")));
        QVERIFY(!text.contains(QStringLiteral("<details>")));
    }

    void htmlCarriesEverythingEscaped()
    {
        const QString html = htmlExport(richTree());
        QVERIFY(html.startsWith(QStringLiteral("<!DOCTYPE html>\n")));
        QVERIFY(html.contains(QStringLiteral("<meta charset=\"utf-8\">")));
        QVERIFY(html.contains(QStringLiteral(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src "
            "data:; style-src 'unsafe-inline'\">")));
        QVERIFY(html.contains(
            QStringLiteral("<title>Plan &quot;Q3&quot; \\ review: &lt;draft&gt;</title>")));
        QCOMPARE(html.count(QStringLiteral("<style>")), 1);
        QVERIFY(html.contains(QStringLiteral("<style>") + htmlExportStyle()
                              + QStringLiteral("</style>")));
        QCOMPARE(html.count(QStringLiteral("<article")), 4);
        QVERIFY(!html.contains(QStringLiteral("OLD BRANCH REPLY")));
        QVERIFY(html.contains(
            QStringLiteral("<pre><code class=\"language-python\">def f():\n    "
                           "return &#39;&lt;b&gt;&#39; + &quot;x&quot;</code></pre>")));
        QVERIFY(html.contains(
            QStringLiteral("<details class=\"reasoning\"><summary>Reasoning</summary>\n"
                           "<p>Thinking about <strong>it</strong> first.</p>")));
        const qsizetype tool = html.indexOf(
            QStringLiteral("<details class=\"tool\"><summary>Tool: get_weather</summary>"));
        QVERIFY(tool > html.indexOf(QStringLiteral("Let me check the weather.")));
        QVERIFY(tool < html.indexOf(QStringLiteral("It is sunny.")));
        QVERIFY(html.contains(QStringLiteral("<img src=\"data:image/png;base64,")
                              + QString::fromLatin1(png().toBase64())
                              + QStringLiteral("\" alt=\"chart.png\">")));
        QVERIFY(html.contains(
            QStringLiteral("<pre>first line of the notes\nsecond &lt;line&gt;</pre>")));
        QVERIFY(html.contains(
            QStringLiteral("<p class=\"status error\">Error: The server answered 500.</p>")));
        QVERIFY(html.contains(
            QStringLiteral("<time datetime=\"2024-03-05T14:03:00Z\">2024-03-05 14:03 UTC</time>")));
        QVERIFY(html.contains(QStringLiteral("@media print")));
    }

    void htmlForQtTextDocumentIsSimpler()
    {
        const QString html = htmlExport(richTree(), HtmlExportOptions{true});
        QVERIFY(html.contains(QStringLiteral("<style>") + htmlExportStyle(HtmlExportOptions{true})
                              + QStringLiteral("</style>")));
        QVERIFY(!html.contains(QStringLiteral("<details")));
        QVERIFY(!html.contains(QStringLiteral("<article")));
        QVERIFY(html.contains(QStringLiteral("<table class=\"box reasoning\"")));
        QVERIFY(html.contains(QStringLiteral("<table class=\"box tool\"")));
        const QString css = htmlExportStyle(HtmlExportOptions{true});
        for (const char* unsupported : {"flex", "grid", "var(", "--", ":root", "@media"})
            QVERIFY2(!css.contains(QLatin1String(unsupported)), unsupported);
        QVERIFY(css.contains(QStringLiteral("white-space: pre-wrap")));
        QVERIFY(html.contains(QStringLiteral("data:image/png;base64,")));
    }

    void markdownRendersToStructuredHtml_data()
    {
        QTest::addColumn<QString>("markdown");
        QTest::addColumn<QString>("expected");
        QTest::newRow("heading") << "## Title *x*"
                                 << "<h2>Title <em>x</em></h2>\n";
        QTest::newRow("paragraph")
            << "a **b** ~~c~~ `d<e>`"
            << "<p>a <strong>b</strong> <s>c</s> <code>d&lt;e&gt;</code></p>\n";
        QTest::newRow("list") << "- one\n- two"
                              << "<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n";
        QTest::newRow("ordered") << "3. three\n4. four"
                                 << "<ol start=\"3\">\n<li>three</li>\n<li>four</li>\n</ol>\n";
        QTest::newRow("tasks") << "- [x] done\n- [ ] todo"
                               << "<ul>\n<li>\u2611 done</li>\n<li>\u2610 todo</li>\n</ul>\n";
        QTest::newRow("fence")
            << "```c++\nint a = 1 < 2;\n```"
            << "<pre><code class=\"language-c++\">int a = 1 &lt; 2;</code></pre>\n";
        QTest::newRow("indented") << "    code here"
                                  << "<pre><code>code here</code></pre>\n";
        QTest::newRow("quote") << "> said"
                               << "<blockquote>\n<p>said</p>\n</blockquote>\n";
        QTest::newRow("rule") << "a\n\n---\n\nb"
                              << "<p>a</p>\n<hr>\n<p>b</p>\n";
        QTest::newRow("table") << "| a | b |\n|:--|--:|\n| 1 | 2 |"
                               << "<table>\n<thead>\n<tr><th align=\"left\">a</th><th "
                                  "align=\"right\">b</th></tr>\n</thead>\n<tbody>\n<tr><td "
                                  "align=\"left\">1</td><td align=\"right\">2</td></tr>\n</tbody>\n"
                                  "</table>\n";
        QTest::newRow("link") << "[site](https://example.com/a?b=1&c=2)"
                              << "<p><a href=\"https://example.com/a?b=1&amp;c=2\" rel=\"noopener "
                                 "noreferrer nofollow\">site</a></p>\n";
        QTest::newRow("mail") << "[me](MAILTO:me@example.com)"
                              << "<p><a href=\"MAILTO:me@example.com\" rel=\"noopener noreferrer "
                                 "nofollow\">me</a></p>\n";
        QTest::newRow("autolink") << "see www.example.com now"
                                  << "<p>see <a href=\"http://www.example.com\" rel=\"noopener "
                                     "noreferrer nofollow\">www.example.com</a> now</p>\n";
        QTest::newRow("relative") << "[rel](notes/a.md)"
                                  << "<p>rel</p>\n";
        QTest::newRow("image")
            << "![a chart](https://img.example.com:8443/c.png)"
            << "<p><a class=\"image\" href=\"https://img.example.com:8443/c.png\" "
               "rel=\"noopener noreferrer nofollow\">Image: a chart — "
               "img.example.com:8443</a></p>\n";
        QTest::newRow("image in link") << "[![pic](https://a.example/p.png)](https://b.example)"
                                       << "<p><a href=\"https://b.example\" rel=\"noopener "
                                          "noreferrer nofollow\"><span class=\"image\">Image: pic "
                                          "— a.example</span></a></p>\n";
        QTest::newRow("entities") << "&copy; &#65; &#x1F600; &bogus; &lt;b&gt;"
                                  << QStringLiteral(
                                         "<p>\u00A9 A \U0001F600 &amp;bogus; &lt;b&gt;</p>\n");
        QTest::newRow("raw html") << "<b>bold</b>\n\n<div onclick=\"x\">\nblock\n</div>"
                                  << "<p>&lt;b&gt;bold&lt;/b&gt;</p>\n<p>&lt;div "
                                     "onclick=&quot;x&quot;&gt;\nblock\n&lt;/div&gt;</p>\n";
        QTest::newRow("hard break") << "a  \nb"
                                    << "<p>a<br>\nb</p>\n";
    }

    void markdownRendersToStructuredHtml()
    {
        QFETCH(QString, markdown);
        QFETCH(QString, expected);
        QCOMPARE(markdownToSafeHtml(markdown), expected);
    }

    void escapeHtmlEscapesTheFive()
    {
        QCOMPARE(escapeHtml(QStringLiteral("<a href=\"x\" title='y'>&</a>")),
                 QStringLiteral("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;"));
    }

    void fileNamesAreSafe()
    {
        QSet<QString> used;
        ConversationSummary c;
        const auto name = [&](const QString& title, ExportFormat format = ExportFormat::Markdown) {
            c.title = title;
            return ExportWriter::fileNameFor(c, format, used);
        };
        QCOMPARE(name(QStringLiteral("a/b\\c:d*e?f\"g<h>i|j")),
                 QStringLiteral("a b c d e f g h i j.md"));
        QCOMPARE(name(QStringLiteral("tab\there\nnew\x01line"), ExportFormat::Text),
                 QStringLiteral("tab here new line.txt"));
        QCOMPARE(name(QString()), QStringLiteral("Untitled conversation.md"));
        QCOMPARE(name(QStringLiteral("  ///  ")), QStringLiteral("Untitled conversation (2).md"));
        QCOMPARE(name(QStringLiteral("..hidden. ")), QStringLiteral("hidden.md"));
        QCOMPARE(name(QStringLiteral("CON")), QStringLiteral("_CON.md"));
        // Duplicates, also by case (case-insensitive file systems).
        QCOMPARE(name(QStringLiteral("Same")), QStringLiteral("Same.md"));
        QCOMPARE(name(QStringLiteral("Same")), QStringLiteral("Same (2).md"));
        QCOMPARE(name(QStringLiteral("same")), QStringLiteral("same (3).md"));
        QCOMPARE(name(QStringLiteral("Same"), ExportFormat::Html), QStringLiteral("Same.html"));
        // CJK kept.
        QCOMPARE(name(QStringLiteral("日本語の会話 — 计划")),
                 QStringLiteral("日本語の会話 — 计划.md"));
        // Long: at most 100 characters, and few enough bytes for a 255-byte file system limit.
        const QString longLatin = name(QString(300, u'x'));
        QCOMPARE(longLatin.size(), 100);
        QVERIFY(longLatin.endsWith(QLatin1String("x.md")));
        const QString again = name(QString(300, u'x'));
        QVERIFY(again.endsWith(QLatin1String(" (2).md")));
        QVERIFY(again.size() <= 100);
        QVERIFY(again != longLatin);
        const QString longCjk = name(QString(200, QChar(0x6F22)));
        QVERIFY(longCjk.size() <= 100);
        QVERIFY(longCjk.toUtf8().size() <= 240);
        QVERIFY(longCjk.startsWith(QString(10, QChar(0x6F22))));
        // A cut never splits a surrogate pair.
        const QString emoji = name(QString(98, u'a') + QStringLiteral("\U0001F600\U0001F600"));
        QCOMPARE(QString::fromUtf8(emoji.toUtf8()), emoji);
        QVERIFY(!emoji.contains(QChar(0xFFFD)));
        QVERIFY(emoji.size() <= 100);
    }

    void writingIntoAMissingFolderFails()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("missing/out.md"));
        const TransferError error =
            ExportWriter().writeConversation(richTree(), ExportFormat::Markdown, path);
        QVERIFY(!error.ok());
        QVERIFY2(error.message.startsWith(QStringLiteral("Could not write ")),
                 qPrintable(error.message));
        QVERIFY2(error.message.contains(QStringLiteral("does not exist")),
                 qPrintable(error.message));
        QVERIFY(error.message.endsWith(QStringLiteral("Nothing was exported.")));
        QVERIFY(!QFile::exists(path));
    }

    void writingIntoAReadOnlyPlaceFails()
    {
        QString path;
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("locked"));
        if (runningAsRoot()) {
            // Root writes through permission bits; procfs refuses new files even to root.
            path = QStringLiteral("/proc/keel-export-test.md");
        } else {
            QVERIFY(QDir().mkpath(folder));
            QVERIFY(QFile::setPermissions(folder, QFile::ReadOwner | QFile::ExeOwner));
            path = folder + QStringLiteral("/out.md");
        }
        for (ExportFormat format :
             {ExportFormat::Markdown, ExportFormat::Html, ExportFormat::Text}) {
            const TransferError error = ExportWriter().writeConversation(richTree(), format, path);
            QVERIFY(!error.ok());
            QVERIFY2(error.message.startsWith(QStringLiteral("Could not write ") + path),
                     qPrintable(error.message));
            QVERIFY(error.message.endsWith(QStringLiteral("Nothing was exported.")));
            QVERIFY(!QFile::exists(path));
        }
        if (!runningAsRoot()) {
            QVERIFY(readAll(path).isEmpty());
            QFile::setPermissions(folder, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
            QVERIFY(QDir(folder).isEmpty());
        }
    }

    void pdfWithoutRendererIsAClearError()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("out.pdf"));
        const TransferError error =
            ExportWriter().writeConversation(richTree(), ExportFormat::Pdf, path);
        QVERIFY(!error.ok());
        QVERIFY2(error.message.contains(QStringLiteral("PDF")), qPrintable(error.message));
        QVERIFY(!QFile::exists(path));

        // With a renderer, it gets the QTextDocument flavour of the HTML.
        QString seen;
        const ExportWriter writer([&](const QString& html, const QString& target) {
            seen = html;
            QFile file(target);
            if (!file.open(QIODevice::WriteOnly))
                return TransferError{QStringLiteral("no")};
            file.write("%PDF-1.4\n");
            return TransferError{};
        });
        QVERIFY(writer.writeConversation(richTree(), ExportFormat::Pdf, path).ok());
        QCOMPARE(seen, htmlExport(richTree(), HtmlExportOptions{true}));
        QVERIFY(readAll(path).startsWith("%PDF-"));
    }

    void writeConversationWritesEachFormat()
    {
        QTemporaryDir dir;
        const ConversationTree tree = richTree();
        const ExportWriter writer;
        const QString md = dir.filePath(QStringLiteral("a.md"));
        QVERIFY(writer.writeConversation(tree, ExportFormat::Markdown, md).ok());
        QCOMPARE(readAll(md), markdownExport(tree).toUtf8());
        const QString txt = dir.filePath(QStringLiteral("a.txt"));
        QVERIFY(writer.writeConversation(tree, ExportFormat::Text, txt).ok());
        QCOMPARE(readAll(txt), textExport(tree).toUtf8());
        const QString html = dir.filePath(QStringLiteral("a.html"));
        QVERIFY(writer.writeConversation(tree, ExportFormat::Html, html).ok());
        QCOMPARE(readAll(html), htmlExport(tree).toUtf8());
        const QString json = dir.filePath(QStringLiteral("a.json"));
        QVERIFY(writer.writeConversation(tree, ExportFormat::Json, json).ok());
        QCOMPARE(readAll(json), keelJson({tree}));
        // An existing file is replaced whole.
        QVERIFY(writer.writeConversation(tree, ExportFormat::Text, md).ok());
        QCOMPARE(readAll(md), textExport(tree).toUtf8());
    }

    void writeAllToAFolder()
    {
        QTemporaryDir dir;
        Database db;
        QVERIFY(db.open(dir.filePath(QStringLiteral("history.sqlite"))));
        fillHistory(db);
        const QString folder = dir.filePath(QStringLiteral("export"));
        QVERIFY(QDir().mkpath(folder));
        {
            QFile existing(folder + QStringLiteral("/Alpha.md"));
            QVERIFY(existing.open(QIODevice::WriteOnly));
            existing.write("mine");
        }
        QList<std::pair<qint64, qint64>> steps;
        TransferProgress progress;
        progress.report = [&](qint64 done, qint64 total) { steps.append({done, total}); };
        int exported = -1;
        const TransferError error =
            ExportWriter().writeAll(db, ExportFormat::Markdown, folder, progress, &exported);
        QVERIFY2(error.ok(), qPrintable(error.message));
        QCOMPARE(exported, 3);
        QCOMPARE(steps.last(), std::make_pair(qint64(3), qint64(3)));
        QVERIFY(steps.contains(std::make_pair(qint64(1), qint64(3))));
        QVERIFY(steps.contains(std::make_pair(qint64(2), qint64(3))));
        QStringList files = QDir(folder).entryList(QDir::Files, QDir::Name);
        QCOMPARE(files, QStringList({QStringLiteral("Alpha (2).md"), QStringLiteral("Alpha (3).md"),
                                     QStringLiteral("Alpha.md"), QStringLiteral("Beta notes.md")}));
        QCOMPARE(readAll(folder + QStringLiteral("/Alpha.md")), QByteArray("mine"));
        const QByteArray beta = readAll(folder + QStringLiteral("/Beta notes.md"));
        QVERIFY(beta.contains("title: \"Beta: notes\""));
        QVERIFY(beta.contains("Answer Beta: notes"));
        for (const QString& file : files)
            QVERIFY(!readAll(folder + u'/' + file).contains(kFakeKey));

        // The same as one file each.
        TreeStore store(db);
        const auto ids = store.conversationIds();
        QVERIFY(ids && ids->size() == 3);
        for (qint64 id : *ids) {
            const auto tree = store.loadTree(id);
            QVERIFY(tree);
            const QString md = markdownExport(*tree);
            bool found = false;
            for (const QString& file : files)
                found = found || readAll(folder + u'/' + file) == md.toUtf8();
            QVERIFY2(found, qPrintable(tree->conversation.title));
        }

        // HTML and text too, into a folder the export creates.
        for (ExportFormat format : {ExportFormat::Html, ExportFormat::Text}) {
            const QString other = dir.filePath(QStringLiteral("out-") + formatName(format));
            QVERIFY(ExportWriter().writeAll(db, format, other).ok());
            QCOMPARE(QDir(other).entryList(QDir::Files).size(), 3);
        }
    }

    void writeAllToAJsonArchive()
    {
        QTemporaryDir dir;
        Database db;
        QVERIFY(db.open(dir.filePath(QStringLiteral("history.sqlite"))));
        fillHistory(db);
        const QString path = dir.filePath(QStringLiteral("all.json"));
        int exported = 0;
        const TransferError error =
            ExportWriter().writeAll(db, ExportFormat::Json, path, {}, &exported);
        QVERIFY2(error.ok(), qPrintable(error.message));
        QCOMPARE(exported, 3);
        const QByteArray bytes = readAll(path);
        QVERIFY(!bytes.contains(kFakeKey));
        const auto json = nlohmann::json::parse(bytes.cbegin(), bytes.cend(), nullptr, false);
        QVERIFY(!json.is_discarded());
        QVERIFY(isKeelHeader(json));
        QVERIFY(json.contains("conversations") && json["conversations"].is_array());
        QCOMPARE(json["conversations"].size(), size_t(3));
        // What the archive holds is what the history holds, nothing from elsewhere.
        TreeStore store(db);
        QList<ConversationTree> trees;
        const auto ids = store.conversationIds();
        QVERIFY(ids);
        for (qint64 id : *ids)
            trees.append(*store.loadTree(id));
        QCOMPARE(bytes, keelJson(trees));
        QVERIFY(bytes.contains("temperature"));
    }

    void cancelMidwayLeavesNothing()
    {
        QTemporaryDir dir;
        Database db;
        QVERIFY(db.open(dir.filePath(QStringLiteral("history.sqlite"))));
        fillHistory(db);
        for (ExportFormat format : {ExportFormat::Markdown, ExportFormat::Json}) {
            std::atomic_bool cancel{false};
            TransferProgress progress;
            progress.cancel = &cancel;
            int reports = 0;
            progress.report = [&](qint64 done, qint64) {
                ++reports;
                if (done == 2)
                    cancel = true;
            };
            const QString path = dir.filePath(QStringLiteral("cancelled-") + formatName(format));
            int exported = -1;
            const TransferError error =
                ExportWriter().writeAll(db, format, path, progress, &exported);
            QVERIFY(error.cancelled);
            QVERIFY(!error.ok());
            QCOMPARE(error.message, cancelledExport().message);
            QVERIFY(reports >= 3); // it did get halfway
            QCOMPARE(exported, 0);
            QVERIFY2(!QFileInfo::exists(path), qPrintable(path));
        }
        // A folder that was there before stays, with only what was in it.
        const QString folder = dir.filePath(QStringLiteral("kept"));
        QVERIFY(QDir().mkpath(folder));
        QFile mine(folder + QStringLiteral("/mine.txt"));
        QVERIFY(mine.open(QIODevice::WriteOnly));
        mine.close();
        std::atomic_bool cancel{false};
        TransferProgress progress;
        progress.cancel = &cancel;
        progress.report = [&](qint64 done, qint64) { cancel = done >= 1; };
        QVERIFY(ExportWriter().writeAll(db, ExportFormat::Text, folder, progress).cancelled);
        QCOMPARE(QDir(folder).entryList(QDir::Files), QStringList{QStringLiteral("mine.txt")});
    }

    void writeAllErrorsTakeEverythingBack()
    {
        QTemporaryDir dir;
        Database db;
        QVERIFY(db.open(dir.filePath(QStringLiteral("history.sqlite"))));
        fillHistory(db);
        // A PDF renderer that fails on the second conversation: the first file goes too.
        int calls = 0;
        const ExportWriter writer([&](const QString&, const QString& target) {
            if (++calls == 2)
                return TransferError{QStringLiteral("Could not write %1: the disk is full. Nothing "
                                                    "was exported.")
                                         .arg(target)};
            QFile file(target);
            if (file.open(QIODevice::WriteOnly))
                file.write("%PDF-");
            return TransferError{};
        });
        const QString folder = dir.filePath(QStringLiteral("new/pdfs"));
        const TransferError error = writer.writeAll(db, ExportFormat::Pdf, folder);
        QVERIFY(!error.ok());
        QVERIFY(error.message.contains(QStringLiteral("the disk is full")));
        QCOMPARE(calls, 2);
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("new"))));

        // A file where the folder should be.
        const QString file = dir.filePath(QStringLiteral("plain-file"));
        QFile blocker(file);
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        const TransferError notAFolder = ExportWriter().writeAll(db, ExportFormat::Markdown, file);
        QVERIFY(!notAFolder.ok());
        QVERIFY2(notAFolder.message.contains(QStringLiteral("Nothing was exported.")),
                 qPrintable(notAFolder.message));
        // An archive into a missing folder.
        const TransferError missing = ExportWriter().writeAll(
            db, ExportFormat::Json, dir.filePath(QStringLiteral("nope/all.json")));
        QVERIFY(!missing.ok());
        QVERIFY(missing.message.contains(QStringLiteral("does not exist")));
    }
};

QTEST_GUILESS_MAIN(ExportFormatsTest)
#include "ExportFormatsTest.moc"
