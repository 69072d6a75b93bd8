// HtmlSafetyTest (issue 8, must show): a conversation full of hostile content (script tags,
// event handlers, javascript: links in every spelling, </style> breakouts, SVG, iframes, data:
// links, entities, a hostile title, model name, attachment name, reasoning, tool call and error)
// is exported to HTML, and a real HTML parser (parse5, run by node through
// tests/support/html-safety-check.mjs) walks what a browser would build from it: no script
// element, no event handler, no javascript:/vbscript:/data: URL, nothing that embeds or
// redirects, no image that is not a data: URI, and the only style is Keel's own constant. The
// hostile text is still there, visible and escaped.
#include "transfer/HtmlExport.h"
#include "transfer/MarkdownHtml.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

using namespace keel::core;

namespace {

// Each on its own in a message, and all of them together in another.
const QStringList& payloads()
{
    static const QStringList list{
        QStringLiteral("<script>alert(1)</script>"),
        QStringLiteral("<img src=x onerror=alert(1)>"),
        QStringLiteral("[x](javascript:alert(1))"),
        QStringLiteral("[x](JaVaScRiPt:alert(1))"),
        QStringLiteral("[x](<java\tscript:alert(1)>)"),
        QStringLiteral("[x](java&#09;script:alert(1))"),
        QStringLiteral("[x](&#106;avascript:alert(1))"),
        QStringLiteral("[x](&#1;javascript:alert(1))"),
        QStringLiteral("[x]( \x0Bjavascript:alert(1))"),
        QStringLiteral("[x](java\u200Bscript:alert(1))"),
        QStringLiteral("<javascript:alert(1)>"),
        QStringLiteral("[ref]\n\n[ref]: javascript:alert(1)"),
        QStringLiteral("<a href=\"javascript:alert(1)\">click</a>"),
        QStringLiteral("</style><script>alert(1)</script>"),
        QStringLiteral("<svg onload=alert(1)>"),
        QStringLiteral("<iframe src=\"https://evil.example/\"></iframe>"),
        QStringLiteral("![i](javascript:alert(1))"),
        QStringLiteral("![i](https://evil.example/track.png)"),
        QStringLiteral("[d](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"),
        QStringLiteral("[v](vbscript:msgbox(1))"),
        QStringLiteral("&lt;script&gt;alert(1)&lt;/script&gt;"),
        QStringLiteral("[q](https://ok.example/\"onmouseover=\"alert(1))"),
        QStringLiteral(
            "<object data=x></object><embed src=x><base href=\"https://evil.example/\">"),
        QStringLiteral("<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">"),
        QStringLiteral("<link rel=stylesheet href=https://evil.example/x.css>"),
        QStringLiteral("<style>body{background:url(https://evil.example/)}</style>"),
        QStringLiteral("<div style=\"background:url(javascript:alert(1))\">x</div>"),
        QStringLiteral(
            "`<script>alert(1)</script>` and\n\n```html\n<script>alert(1)</script>\n```"),
        QStringLiteral("<!-- <script>alert(1)</script> --> <![CDATA[<script>]]>"),
        QStringLiteral("<scr<script>ipt>alert(1)</script>"),
        QStringLiteral("<template><script>alert(1)</script></template>"),
        QStringLiteral("<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>"),
    };
    return list;
}

QByteArray png()
{
    return QByteArray::fromBase64("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhf"
                                  "DwAChwGA60e6kgAAAABJRU5ErkJggg==");
}

ConversationTree hostileTree()
{
    ConversationTree tree;
    tree.conversation.id = 1;
    tree.conversation.title =
        QStringLiteral("<script>alert('title')</script></title><script>x</script>");
    tree.conversation.createdAt = QDateTime(QDate(2024, 1, 2), QTime(3, 4), Qt::UTC);
    tree.conversation.updatedAt = tree.conversation.createdAt;
    qint64 id = 0;
    const auto add = [&](Role role, const QString& text) -> StoredMessage& {
        StoredMessage m;
        m.id = ++id;
        m.parentId = id - 1;
        m.role = role;
        m.content = text;
        m.model = QStringLiteral("<script>alert('model')</script>\"><img src=x onerror=alert(1)>");
        m.createdAt = tree.conversation.createdAt;
        tree.messages.append(m);
        return tree.messages.last();
    };
    for (const QString& payload : payloads()) {
        add(Role::User, payload);
        add(Role::Assistant, payload);
    }
    StoredMessage& all = add(Role::Assistant, payloads().join(QStringLiteral("\n\n")));
    all.reasoning = payloads().join(QStringLiteral("\n"));
    all.status = MessageStatus::Error;
    all.errorMessage = QStringLiteral("<script>alert('error')</script>");
    ToolCallRecord call;
    call.textOffset = 10;
    call.call = {QStringLiteral("c1"), QStringLiteral("<script>alert('tool')</script>"),
                 QStringLiteral("{\"html\":\"</pre><script>alert(1)</script>\"}")};
    call.result.content = {ToolContent{ToolContent::Kind::Text,
                                       QStringLiteral("</pre></details><script>alert(1)</script>"),
                                       {},
                                       {},
                                       {}}};
    all.toolCalls = {call};

    StoredMessage& files = add(Role::User, QStringLiteral("files"));
    Attachment image;
    image.kind = Attachment::Kind::Image;
    image.fileName = QStringLiteral("\"><script>alert(1)</script>.png");
    image.mimeType = QStringLiteral("image/png");
    image.data = png();
    Attachment svg; // claims to be an image; its bytes are not one of the four formats
    svg.kind = Attachment::Kind::Image;
    svg.fileName = QStringLiteral("\" onload=\"alert(1).svg");
    svg.mimeType = QStringLiteral("image/svg+xml");
    svg.data = QByteArrayLiteral("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>");
    Attachment text;
    text.kind = Attachment::Kind::Text;
    text.fileName = QStringLiteral("\"><script>.txt");
    text.mimeType = QStringLiteral("text/plain");
    text.data = QByteArrayLiteral("</pre><script>alert(1)</script>");
    files.attachments = {image, svg, text};
    tree.conversation.currentLeafId = files.id;
    return tree;
}

QString parse5Entry()
{
    return QStringLiteral(KEEL_MCP_SERVERS_DIR)
           + QStringLiteral("/node_modules/parse5/dist/index.js");
}

// The checker's report on file, or a null json with the reason in error.
nlohmann::json check(const QString& node, const QString& file, QString& error)
{
    const QString script = QFINDTESTDATA("../support/html-safety-check.mjs");
    if (script.isEmpty()) {
        error = QStringLiteral("tests/support/html-safety-check.mjs not found");
        return {};
    }
    QProcess process;
    process.start(node, {script, file, parse5Entry()});
    if (!process.waitForFinished(60000) || process.exitStatus() != QProcess::NormalExit
        || process.exitCode() != 0) {
        error = QStringLiteral("the checker failed: %1")
                    .arg(QString::fromUtf8(process.readAllStandardError()));
        return {};
    }
    const QByteArray out = process.readAllStandardOutput();
    auto report = nlohmann::json::parse(out.cbegin(), out.cend(), nullptr, false);
    if (report.is_discarded() || !report.is_object()) {
        error = QStringLiteral("the checker printed no JSON: %1").arg(QString::fromUtf8(out));
        return {};
    }
    return report;
}

QString dump(const nlohmann::json& value)
{
    return QString::fromStdString(value.dump());
}

} // namespace

class HtmlSafetyTest : public QObject {
    Q_OBJECT

private:
    QString m_node;
    QTemporaryDir m_dir;

    nlohmann::json checked(const QString& html)
    {
        static int n = 0;
        const QString path = m_dir.filePath(QStringLiteral("export-%1.html").arg(++n));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return {};
        file.write(html.toUtf8());
        file.close();
        // KEEL_KEEP_HTML=DIR keeps a copy of each checked file, to look at in a browser.
        if (const QString keep = qEnvironmentVariable("KEEL_KEEP_HTML"); !keep.isEmpty())
            QFile::copy(path, QDir(keep).filePath(QFileInfo(path).fileName()));
        QString error;
        nlohmann::json report = check(m_node, path, error);
        if (report.is_null())
            qWarning("%s", qPrintable(error));
        return report;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_node = QStandardPaths::findExecutable(QStringLiteral("node"));
        if (m_node.isEmpty())
            QSKIP("node is not installed here; CI has Node.js 20 (the base image), where this "
                  "test runs");
        QVERIFY2(QFile::exists(parse5Entry()),
                 qPrintable(QStringLiteral("parse5 is missing: expected %1 (scripts/mcp-servers "
                                           "installs it)")
                                .arg(parse5Entry())));
    }

    // The checker itself finds what it is looking for: otherwise the test below proves nothing.
    void checkerCatchesHostileHtml()
    {
        const nlohmann::json report = checked(QStringLiteral(
            "<!DOCTYPE html><html><head><style>a{}</style><meta http-equiv=\" Refresh\" "
            "content=\"0\"></head><body><script>1</script><img src=x onerror=alert(1)>"
            "<a href=\"java\tscript:alert(1)\">x</a><a href=\" data:text/html,1\">d</a>"
            "<iframe></iframe><p style=\"color:red\">&lt;script&gt;</p></body></html>"));
        QVERIFY(report.is_object());
        QCOMPARE(report["scripts"].get<int>(), 1);
        QCOMPARE(report["eventHandlers"].size(), size_t(1));
        QCOMPARE(report["badUrls"].size(), size_t(2));
        QCOMPARE(report["forbiddenElements"].size(), size_t(2));
        QCOMPARE(report["remoteImages"].size(), size_t(1));
        QCOMPARE(report["styleAttributes"].get<int>(), 1);
        QCOMPARE(report["scriptTextNodes"].get<int>(), 1);
    }

    void exportedHtmlRunsNothing_data()
    {
        QTest::addColumn<bool>("forQt");
        QTest::newRow("browser") << false;
        QTest::newRow("QTextDocument (PDF)") << true;
    }

    void exportedHtmlRunsNothing()
    {
        QFETCH(bool, forQt);
        const HtmlExportOptions options{forQt};
        const QString html = htmlExport(hostileTree(), options);
        const nlohmann::json report = checked(html);
        QVERIFY(report.is_object());
        QVERIFY2(report["elements"].get<int>() > 100, qPrintable(dump(report)));
        QVERIFY2(report["scripts"].get<int>() == 0, qPrintable(dump(report)));
        QVERIFY2(report["eventHandlers"].empty(), qPrintable(dump(report["eventHandlers"])));
        QVERIFY2(report["badUrls"].empty(), qPrintable(dump(report["badUrls"])));
        QVERIFY2(report["forbiddenElements"].empty(),
                 qPrintable(dump(report["forbiddenElements"])));
        QVERIFY2(report["remoteImages"].empty(), qPrintable(dump(report["remoteImages"])));
        QVERIFY2(report["styleAttributes"].get<int>() == 0, qPrintable(dump(report)));
        QCOMPARE(report["styles"].size(), size_t(1));
        QCOMPARE(QString::fromStdString(report["styles"][0].get<std::string>()),
                 htmlExportStyle(options));
        // Kept, as visible text: the hostile content is shown, not dropped.
        QVERIFY2(report["scriptTextNodes"].get<int>() > 10, qPrintable(dump(report)));
        QVERIFY(html.contains(QStringLiteral("&lt;script&gt;alert(1)&lt;/script&gt;")));
        QVERIFY(html.contains(QStringLiteral("&lt;script&gt;alert(&#39;title&#39;)")));
        QVERIFY(html.contains(QStringLiteral("&lt;script&gt;alert(&#39;model&#39;)")));
        QVERIFY(
            html.contains(QStringLiteral("&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;.png")));
        // The one real image is the attachment, as a data: URI; the SVG is only named.
        QCOMPARE(html.count(QStringLiteral("<img ")), 1);
        QVERIFY(html.contains(QStringLiteral("<img src=\"data:image/png;base64,")));
        QVERIFY(!html.contains(QStringLiteral("data:image/svg")));
        QVERIFY(html.contains(QStringLiteral("&quot; onload=&quot;alert(1).svg")));
        // The remote image is a link naming its host, never loaded.
        QVERIFY(html.contains(QStringLiteral("Image: i — evil.example</a>")));
    }

    // The renderer alone, link by link: the schemes that remain are the ones allowed.
    void linksKeepOnlySafeSchemes_data()
    {
        QTest::addColumn<QString>("markdown");
        QTest::addColumn<QString>("href"); // "" : no link at all
        QTest::newRow("https") << "[x](https://example.com)"
                               << "https://example.com";
        QTest::newRow("http upper") << "[x](HTTP://example.com)"
                                    << "HTTP://example.com";
        QTest::newRow("mailto") << "[x](mailto:a@example.com)"
                                << "mailto:a@example.com";
        QTest::newRow("javascript") << "[x](javascript:alert(1))"
                                    << "";
        QTest::newRow("mixed case") << "[x](JaVaScRiPt:alert(1))"
                                    << "";
        QTest::newRow("tab inside") << "[x](<java\tscript:alert(1)>)"
                                    << "";
        QTest::newRow("entity tab") << "[x](java&#09;script:alert(1))"
                                    << "";
        QTest::newRow("entity j") << "[x](&#x6A;avascript:alert(1))"
                                  << "";
        QTest::newRow("entity colon") << "[x](javascript&colon;alert(1))"
                                      << "";
        QTest::newRow("leading control") << "[x](&#1;javascript:alert(1))"
                                         << "";
        QTest::newRow("vbscript") << "[x](vbscript:x)"
                                  << "";
        QTest::newRow("data") << "[x](data:text/html,x)"
                              << "";
        QTest::newRow("file") << "[x](file:///etc/passwd)"
                              << "";
        QTest::newRow("relative") << "[x](/local)"
                                  << "";
        QTest::newRow("autolink js") << "<javascript:alert(1)>"
                                     << "";
        QTest::newRow("reference js") << "[x]\n\n[x]: javascript:alert(1)"
                                      << "";
        QTest::newRow("image https") << "![x](https://example.com/a.png)"
                                     << "https://example.com/a.png";
        QTest::newRow("image mailto") << "![x](mailto:a@example.com)"
                                      << "";
        QTest::newRow("image js") << "![x](javascript:alert(1))"
                                  << "";
        QTest::newRow("quote break") << "[x](https://e.example/\"onclick=\"y)"
                                     << "https://e.example/&quot;onclick=&quot;y";
    }

    void linksKeepOnlySafeSchemes()
    {
        QFETCH(QString, markdown);
        QFETCH(QString, href);
        const QString html = markdownToSafeHtml(markdown);
        if (href.isEmpty()) {
            QVERIFY2(!html.contains(QStringLiteral("href")), qPrintable(html));
            QVERIFY2(!html.contains(QStringLiteral("<a")), qPrintable(html));
        } else {
            QVERIFY2(html.contains(QStringLiteral("href=\"") + href + u'"'), qPrintable(html));
            QCOMPARE(html.count(QStringLiteral("href=")), 1);
        }
        QVERIFY(!html.contains(QStringLiteral("<img")));
        QVERIFY(!html.contains(QStringLiteral("<script"), Qt::CaseInsensitive));
    }
};

QTEST_GUILESS_MAIN(HtmlSafetyTest)
#include "HtmlSafetyTest.moc"
