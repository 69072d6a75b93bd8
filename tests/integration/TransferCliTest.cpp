// TransferCliTest: `keel export` and `keel import` as a user runs them, through the real binary,
// each profile a temporary --profile. The round trip export -> import into a fresh profile ->
// export gives the same bytes (one rich conversation, and an archive of three); no API key
// reaches any export of a conversation that really went through a provider with a key; each
// format looks like itself; duplicates are skipped or replaced; a broken file imports nothing;
// Ctrl+C stops an export and leaves nothing behind, and stops an import with nothing imported.
#include "LoopbackLlmServer.h"
#include "TransferCliSupport.h"
#include "transfer/KeelJson.h"

#include <QCoreApplication>
#include <QDirIterator>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace keel::core;
using namespace keel::test;

class TransferCliTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString path(const QString& name) const { return m_dir.filePath(name); }

    // keel --profile PROFILE history list --json, as bytes (the history's state).
    QByteArray historyList(const QString& profile)
    {
        const Run run = runKeel(
            profile, {QStringLiteral("history"), QStringLiteral("list"), QStringLiteral("--json")});
        return run.exitCode == 0 ? run.out : QByteArray("failed: ") + run.err;
    }

private Q_SLOTS:
    void initTestCase()
    {
        // As main.cpp names the application, so defaultDatabasePath() agrees with the binary.
        QCoreApplication::setApplicationName(QStringLiteral("keel"));
        QCoreApplication::setOrganizationName(QString());
        QVERIFY(m_dir.isValid());
    }

    void oneConversationRoundTripIsByteIdentical()
    {
        const QString a = path(QStringLiteral("rt-a"));
        const QString b = path(QStringLiteral("rt-b"));
        qint64 id = 0;
        {
            Database db;
            QVERIFY(db.open(databasePathIn(a)));
            addPlainConversation(db, QStringLiteral("Unrelated"), QStringLiteral("Yes"), 2);
            id = addRichConversation(db);
        }

        const QString aJson = path(QStringLiteral("a.json"));
        Run run =
            runKeel(a, {QStringLiteral("export"), QString::number(id), QStringLiteral("--format"),
                        QStringLiteral("json"), QStringLiteral("-o"), aJson});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        QCOMPARE(QString::fromUtf8(run.out),
                 QStringLiteral("Exported “Round trip 往返 🚀 \"quoted\"” (5 messages) to %1\n")
                     .arg(aJson));
        QVERIFY(run.err.isEmpty());
        const QByteArray exported = readAll(aJson);
        const QJsonObject document = jsonObjectOf(exported);
        QCOMPARE(document.value(QStringLiteral("format")).toString(),
                 QStringLiteral("keel.conversations"));
        QCOMPARE(document.value(QStringLiteral("version")).toInt(), 1);
        QVERIFY(exported.contains("往返"));                // UTF-8 as it is, not \u escapes
        QVERIFY(exported.contains(pngBytes().toBase64())); // the attachment, whole

        run = runKeel(b, {QStringLiteral("import"), aJson, QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        const QJsonObject imported = jsonObjectOf(run.out);
        QCOMPARE(imported.value(QStringLiteral("source")).toString(), QStringLiteral("keel"));
        QCOMPARE(imported.value(QStringLiteral("file")).toString(), aJson);
        QCOMPARE(imported.value(QStringLiteral("imported")).toInt(), 1);
        QCOMPARE(imported.value(QStringLiteral("replaced")).toInt(), 0);
        QCOMPARE(imported.value(QStringLiteral("skipped")).toInt(), 0);
        QCOMPARE(imported.value(QStringLiteral("messages")).toInt(), 5);
        QCOMPARE(imported.value(QStringLiteral("warnings")).toArray().size(), 0);
        const QJsonArray conversations = imported.value(QStringLiteral("conversations")).toArray();
        QCOMPARE(conversations.size(), 1);
        const qint64 newId = conversations[0].toObject().value(QStringLiteral("id")).toInteger();
        QVERIFY(newId > 0);
        QCOMPARE(conversations[0].toObject().value(QStringLiteral("title")).toString(),
                 QStringLiteral("Round trip 往返 🚀 \"quoted\""));

        const QString bJson = path(QStringLiteral("b.json"));
        run = runKeel(b, {QStringLiteral("export"), QString::number(newId), QStringLiteral("-o"),
                          bJson}); // the format from the extension
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        const QByteArray again = readAll(bJson);
        QVERIFY2(again == exported, qPrintable(firstDifference(exported, again)));

        // Not only the bytes: profile B's history holds the same conversation.
        const auto original = loadTree(a, id);
        const auto copy = loadTree(b, newId);
        QVERIFY(original && copy);
        QCOMPARE(copy->messages.size(), original->messages.size());
        QCOMPARE(copy->conversation.title, original->conversation.title);
        QCOMPARE(copy->conversation.pinned, true);
        QCOMPARE(copy->conversation.settingsJson, original->conversation.settingsJson);
        QCOMPARE(copy->conversation.createdAt, original->conversation.createdAt);
        for (qsizetype i = 0; i < copy->messages.size(); ++i) {
            const StoredMessage& x = original->messages[i];
            const StoredMessage& y = copy->messages[i];
            QCOMPARE(y.content, x.content);
            QCOMPARE(y.reasoning, x.reasoning);
            QCOMPARE(y.status, x.status);
            QCOMPARE(y.errorMessage, x.errorMessage);
            QCOMPARE(y.createdAt, x.createdAt);
            QCOMPARE(y.usage.outputTokens, x.usage.outputTokens);
            QCOMPARE(y.durationMs, x.durationMs);
            QCOMPARE(y.toolCalls.size(), x.toolCalls.size());
            QCOMPARE(y.attachments.size(), x.attachments.size());
            for (qsizetype k = 0; k < y.attachments.size(); ++k)
                QCOMPARE(y.attachments[k].data, x.attachments[k].data);
        }
        QCOMPARE(currentBranch(*copy).size(), 2); // the current branch is the first reply's
        QCOMPARE(currentBranch(*copy).last().content, currentBranch(*original).last().content);
    }

    void archiveRoundTripIsByteIdenticalAndDuplicatesAreSkippedOrReplaced()
    {
        const QString a = path(QStringLiteral("all-a"));
        const QString c = path(QStringLiteral("all-c"));
        {
            Database db;
            QVERIFY(db.open(databasePathIn(a)));
            addRichConversation(db);
            addPlainConversation(db, QStringLiteral("你好，世界"), QStringLiteral("你好！👋"), 3);
            addPlainConversation(db, QStringLiteral("Second\nline"), QStringLiteral("ok"), 4);
        }
        const QString allA = path(QStringLiteral("all.json"));
        Run run = runKeel(
            a, {QStringLiteral("export"), QStringLiteral("--all"), QStringLiteral("-o"), allA});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        QCOMPARE(QString::fromUtf8(run.out),
                 QStringLiteral("Exported 3 conversations to %1\n").arg(allA));
        QVERIFY(run.err.isEmpty()); // no progress line: stderr is not a terminal
        const QByteArray archive = readAll(allA);
        QCOMPARE(jsonObjectOf(archive).value(QStringLiteral("conversations")).toArray().size(), 3);

        run = runKeel(c, {QStringLiteral("import"), allA, QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        QJsonObject imported = jsonObjectOf(run.out);
        QCOMPARE(imported.value(QStringLiteral("imported")).toInt(), 3);
        QCOMPARE(imported.value(QStringLiteral("messages")).toInt(), 9);
        QCOMPARE(imported.value(QStringLiteral("conversations")).toArray().size(), 3);

        const QString allC = path(QStringLiteral("all-again.json"));
        run = runKeel(c, {QStringLiteral("export"), QStringLiteral("--all"),
                          QStringLiteral("--format"), QStringLiteral("json"), QStringLiteral("-o"),
                          allC});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        QByteArray again = readAll(allC);
        QVERIFY2(again == archive, qPrintable(firstDifference(archive, again)));

        // The same file again: everything is there already.
        const QByteArray listed = historyList(c);
        run = runKeel(c, {QStringLiteral("import"), allA, QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        imported = jsonObjectOf(run.out);
        QCOMPARE(imported.value(QStringLiteral("imported")).toInt(), 0);
        QCOMPARE(imported.value(QStringLiteral("replaced")).toInt(), 0);
        QCOMPARE(imported.value(QStringLiteral("skipped")).toInt(), 3);
        QCOMPARE(imported.value(QStringLiteral("messages")).toInt(), 0);
        QCOMPARE(imported.value(QStringLiteral("conversations")).toArray().size(), 0);
        QCOMPARE(historyList(c), listed);

        run = runKeel(c, {QStringLiteral("import"), allA});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        QCOMPARE(QString::fromUtf8(run.out),
                 QStringLiteral("Imported 0 conversations (0 messages) from the Keel export %1; "
                                "skipped 3 already imported (--replace replaces them).\n")
                     .arg(allA));

        // --replace: the three are written anew, and nothing is doubled.
        run = runKeel(c, {QStringLiteral("import"), allA, QStringLiteral("--replace"),
                          QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        imported = jsonObjectOf(run.out);
        QCOMPARE(imported.value(QStringLiteral("imported")).toInt(), 3);
        QCOMPARE(imported.value(QStringLiteral("replaced")).toInt(), 3);
        QCOMPARE(imported.value(QStringLiteral("skipped")).toInt(), 0);
        QCOMPARE(imported.value(QStringLiteral("messages")).toInt(), 9);
        QCOMPARE(QJsonDocument::fromJson(historyList(c)).array().size(), 3);
        run = runKeel(
            c, {QStringLiteral("export"), QStringLiteral("--all"), QStringLiteral("-o"), allC});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        again = readAll(allC);
        QVERIFY2(again == archive, qPrintable(firstDifference(archive, again)));

        // Text output of a fresh import.
        const QString d = path(QStringLiteral("all-d"));
        run = runKeel(d, {QStringLiteral("import"), allA});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        QCOMPARE(QString::fromUtf8(run.out),
                 QStringLiteral("Imported 3 conversations (9 messages) from the Keel export %1.\n")
                     .arg(allA));
    }

    void eachFormatLooksLikeItself()
    {
        const QString p = path(QStringLiteral("formats"));
        qint64 id = 0;
        {
            Database db;
            QVERIFY(db.open(databasePathIn(p)));
            id = addRichConversation(db);
        }
        const auto exportTo = [&](const QString& name, const QStringList& extra = {}) {
            const QString file = path(name);
            const Run run = runKeel(p, QStringList{QStringLiteral("export"), QString::number(id),
                                                   QStringLiteral("-o"), file}
                                           + extra);
            if (run.exitCode != 0)
                qWarning("%s", qPrintable(describe(run)));
            return run.exitCode == 0 ? readAll(file) : QByteArray();
        };
        const QByteArray md = exportTo(QStringLiteral("rich.md"));
        QVERIFY(md.startsWith("---\n"));
        QVERIFY(md.contains("title:"));
        QVERIFY(md.contains("```cpp\nint main() {\n    return 0;\n}\n```")); // code intact
        QVERIFY(md.contains("It returns **0**."));
        QVERIFY(!md.contains("A second take")); // another branch

        const QByteArray html = exportTo(QStringLiteral("rich.html"));
        QVERIFY2(html.startsWith("<!DOCTYPE html>"), html.left(100).constData());
        QVERIFY(html.contains("请解释"));
        QVERIFY(!html.contains("<tags>"));
        QVERIFY(!html.contains("<script"));

        const QByteArray txt = exportTo(QStringLiteral("rich.txt"));
        QVERIFY(txt.contains("Explain this code, 请解释 🌏"));
        QVERIFY(txt.contains("It returns"));

        // An extension that says nothing, with --format; and a PDF without any display.
        const QByteArray text = exportTo(QStringLiteral("rich.data"),
                                         {QStringLiteral("--format"), QStringLiteral("txt")});
        QVERIFY(text.contains("Explain this code, 请解释 🌏"));

        QProcessEnvironment headless = childEnvironment();
        for (const char* name : {"QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"})
            headless.remove(QString::fromLatin1(name));
        const QString pdfFile = path(QStringLiteral("rich.pdf"));
        const Run run =
            runKeel(p,
                    {QStringLiteral("export"), QString::number(id), QStringLiteral("--format"),
                     QStringLiteral("PDF"), QStringLiteral("-o"), pdfFile},
                    {}, headless);
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        QCOMPARE(QString::fromUtf8(run.out),
                 QStringLiteral("Exported “Round trip 往返 🚀 \"quoted\"” (2 messages) to %1\n")
                     .arg(pdfFile));
        const QByteArray pdf = readAll(pdfFile);
        QVERIFY(pdf.startsWith("%PDF-"));
        QVERIFY(pdf.size() > 1000);
    }

    void noApiKeyInAnyExport()
    {
        LoopbackLlmServer server;
        QVERIFY(server.isListening());
        server.setDefault(Response::openAiStream(
            {QStringLiteral("Hello "), QStringLiteral("from "), QStringLiteral("loopback.")}));
        const QString p = path(QStringLiteral("keyed"));
        Run run =
            runKeel(p,
                    {QStringLiteral("providers"), QStringLiteral("add"), QStringLiteral("--name"),
                     QStringLiteral("Loop"), QStringLiteral("--kind"), QStringLiteral("openai"),
                     QStringLiteral("--base-url"), server.baseUrl(), QStringLiteral("--model"),
                     QStringLiteral("test-model"), QStringLiteral("--api-key-stdin"),
                     QStringLiteral("--allow-secret-file")},
                    kKey + '\n');
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));

        // A real turn through the desktop app, offscreen.
        QProcessEnvironment gui = childEnvironment();
        gui.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        run =
            runKeel(p,
                    {QStringLiteral("--provider"), QStringLiteral("Loop"), QStringLiteral("--send"),
                     QStringLiteral("hello"), QStringLiteral("--quit-when-idle")},
                    {}, gui, 90000);
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        QVERIFY(server.requestCount() >= 1);
        bool keySent = false; // the key was really in use, so an export could have leaked it
        for (const ReceivedRequest& request : server.requests())
            keySent = keySent || request.header("authorization") == "Bearer " + kKey;
        QVERIFY(keySent);

        const QJsonArray list = QJsonDocument::fromJson(historyList(p)).array();
        QCOMPARE(list.size(), 1);
        const QString id =
            QString::number(list[0].toObject().value(QStringLiteral("id")).toInteger());

        QStringList outputs;
        QByteArray printed;
        for (const QString& format :
             {QStringLiteral("md"), QStringLiteral("json"), QStringLiteral("html"),
              QStringLiteral("txt"), QStringLiteral("pdf")}) {
            const QString file = path(QStringLiteral("keyed.") + format);
            run = runKeel(p, {QStringLiteral("export"), id, QStringLiteral("-o"), file});
            QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
            printed += run.out + run.err;
            outputs << file;
        }
        for (const QString& target :
             {path(QStringLiteral("keyed-all.json")), path(QStringLiteral("keyed-all-md"))}) {
            run = runKeel(p, {QStringLiteral("export"), QStringLiteral("--all"),
                              QStringLiteral("-o"), target});
            QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
            QCOMPARE(QString::fromUtf8(run.out),
                     QStringLiteral("Exported 1 conversation to %1\n").arg(target));
            printed += run.out + run.err;
        }
        outputs << path(QStringLiteral("keyed-all.json"));
        QDirIterator folder(path(QStringLiteral("keyed-all-md")), QDir::Files);
        int folderFiles = 0;
        while (folder.hasNext()) {
            outputs << folder.next();
            ++folderFiles;
        }
        QCOMPARE(folderFiles, 1);
        QVERIFY(outputs.last().endsWith(QStringLiteral(".md")));

        const QList<QByteArray> encoded = base64Forms(kKey);
        for (const QString& file : outputs) {
            const QByteArray bytes = readAll(file);
            QVERIFY2(!bytes.isEmpty(), qPrintable(file));
            QVERIFY2(!bytes.contains(kKey), qPrintable(file));
            QVERIFY2(!bytes.contains("SECRET-4f9d"), qPrintable(file));
            for (const QByteArray& form : encoded)
                QVERIFY2(!bytes.contains(form), qPrintable(file));
            if (!file.endsWith(QStringLiteral(".pdf"))) // the search saw the conversation
                QVERIFY2(bytes.contains("Hello from loopback."), qPrintable(file));
        }
        QVERIFY(!printed.contains(kKey));
        QVERIFY(readAll(path(QStringLiteral("keyed.pdf"))).startsWith("%PDF-"));
    }

    void brokenInputImportsNothing()
    {
        const QString p = path(QStringLiteral("broken"));
        qint64 id = 0;
        {
            Database db;
            QVERIFY(db.open(databasePathIn(p)));
            id = addRichConversation(db);
        }
        const QString good = path(QStringLiteral("broken-source.json"));
        Run run =
            runKeel(p, {QStringLiteral("export"), QString::number(id), QStringLiteral("-o"), good});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        const QByteArray whole = readAll(good);
        const QByteArray before = historyList(p);
        QVERIFY(before.startsWith('['));

        // Cut off in the middle: the message names the line and column; nothing changed.
        const QString truncated = path(QStringLiteral("truncated.json"));
        {
            QFile file(truncated);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(whole.left(whole.size() * 2 / 3));
        }
        for (const QStringList& extra : {QStringList{}, QStringList{QStringLiteral("--replace")},
                                         QStringList{QStringLiteral("--json")}}) {
            run = runKeel(p, QStringList{QStringLiteral("import"), truncated} + extra);
            QCOMPARE(run.exitCode, 1);
            QVERIFY(run.out.isEmpty());
            QCOMPARE(run.err.count('\n'), 1);
            QVERIFY2(run.err.startsWith("keel: "), run.err.constData());
            QVERIFY2(run.err.contains("line"), run.err.constData());
            QVERIFY2(run.err.contains("column"), run.err.constData());
            QVERIFY2(run.err.contains("Nothing was imported"), run.err.constData());
            QCOMPARE(historyList(p), before);
        }

        // A truncated file into a profile without history leaves no history behind.
        const QString fresh = path(QStringLiteral("broken-fresh"));
        run = runKeel(fresh, {QStringLiteral("import"), truncated});
        QCOMPARE(run.exitCode, 1);
        QVERIFY(!QFile::exists(databasePathIn(fresh)));

        // The ZIP itself instead of the conversations.json inside it.
        const QString zip = path(QStringLiteral("export.zip"));
        {
            QFile file(zip);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(QByteArray("PK\x03\x04\x14\x00\x00\x00\x08\x00", 10)
                       + QByteArray(40, '\x01'));
        }
        run = runKeel(p, {QStringLiteral("import"), zip});
        QCOMPARE(run.exitCode, 1);
        QCOMPARE(run.err.count('\n'), 1);
        QVERIFY2(run.err.toLower().contains("zip"), run.err.constData());
        QCOMPARE(historyList(p), before);

        const QString missing = path(QStringLiteral("no-such-file.json"));
        run = runKeel(p, {QStringLiteral("import"), missing});
        QCOMPARE(run.exitCode, 1);
        QCOMPARE(run.err.count('\n'), 1);
        QVERIFY2(run.err.contains("no-such-file.json"), run.err.constData());
        QCOMPARE(historyList(p), before);
    }

    void exitCodesOfMistakes()
    {
        const QString p = path(QStringLiteral("codes"));
        qint64 id = 0;
        {
            Database db;
            QVERIFY(db.open(databasePathIn(p)));
            id = addPlainConversation(db, QStringLiteral("Hi"), QStringLiteral("Hello"), 5);
        }
        const QString out = path(QStringLiteral("codes-out.md"));
        // An ID the history does not have: a failure (1), one clear line, no file.
        Run run = runKeel(
            p, {QStringLiteral("export"), QString::number(id + 100), QStringLiteral("-o"), out});
        QCOMPARE(run.exitCode, 1);
        QCOMPARE(run.err.count('\n'), 1);
        QVERIFY2(run.err.contains(QByteArray::number(id + 100)), run.err.constData());
        QVERIFY(!QFile::exists(out));
        run = runKeel(path(QStringLiteral("codes-empty")),
                      {QStringLiteral("export"), QStringLiteral("1"), QStringLiteral("-o"), out});
        QCOMPARE(run.exitCode, 1);
        QVERIFY(!QFile::exists(out));

        // Usage errors (2), each one line, nothing written.
        const QString idText = QString::number(id);
        for (const QStringList& arguments : {
                 QStringList{QStringLiteral("export"), idText, QStringLiteral("--format"),
                             QStringLiteral("docx"), QStringLiteral("-o"), out},
                 QStringList{QStringLiteral("export"), idText, QStringLiteral("-o"),
                             path(QStringLiteral("codes-out.docx"))},
                 QStringList{QStringLiteral("export"), idText},
                 QStringList{QStringLiteral("export"), QStringLiteral("-o"), out},
                 QStringList{QStringLiteral("export"), QStringLiteral("x"), QStringLiteral("-o"),
                             out},
                 QStringList{QStringLiteral("export"), idText, QStringLiteral("--all"),
                             QStringLiteral("-o"), out},
                 QStringList{QStringLiteral("export"), QStringLiteral("--all")},
                 QStringList{QStringLiteral("import")},
                 QStringList{QStringLiteral("import"), QStringLiteral("a"), QStringLiteral("b")},
                 QStringList{QStringLiteral("import"), out, QStringLiteral("--all")},
                 QStringList{QStringLiteral("import"), out, QStringLiteral("-o"), out},
                 QStringList{QStringLiteral("export"), idText, QStringLiteral("-o"), out,
                             QStringLiteral("--replace")},
                 QStringList{QStringLiteral("history"), QStringLiteral("list"),
                             QStringLiteral("--all")},
             }) {
            run = runKeel(p, arguments);
            QVERIFY2(run.exitCode == 2, qPrintable(arguments.join(QLatin1Char(' '))
                                                   + QLatin1Char('\n') + describe(run)));
            QCOMPARE(run.err.count('\n'), 1);
            QVERIFY(!QFile::exists(out));
            QVERIFY(!QFile::exists(path(QStringLiteral("codes-out.docx"))));
        }

        run = runKeel(p, {QStringLiteral("--help")});
        QCOMPARE(run.exitCode, 0);
        for (const char* form : {"export ID -o FILE", "export --all -o PATH", "import FILE"})
            QVERIFY2(run.out.contains(form), form);

        // In a Chinese system locale the same mistakes are told in Chinese, with the same exit
        // codes: one found while parsing the command line (before the translator could be
        // installed), one found by the command, and the help.
        QProcessEnvironment chinese = childEnvironment();
        chinese.remove(QStringLiteral("LANGUAGE")); // it would rank above LC_ALL
        chinese.insert(QStringLiteral("LANG"), QStringLiteral("zh_CN.UTF-8"));
        chinese.insert(QStringLiteral("LC_ALL"), QStringLiteral("zh_CN.UTF-8"));
        run = runKeel(p,
                      {QStringLiteral("export"), idText, QStringLiteral("--format"),
                       QStringLiteral("docx"), QStringLiteral("-o"), out},
                      {}, chinese);
        QCOMPARE(run.exitCode, 2);
        QCOMPARE(QString::fromUtf8(run.err),
                 QStringLiteral("keel: 未知导出格式“docx”：请使用 md、json、html、pdf 或 txt。\n"));
        run = runKeel(
            p, {QStringLiteral("export"), QString::number(id + 100), QStringLiteral("-o"), out}, {},
            chinese);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(QString::fromUtf8(run.err).contains(QStringLiteral("历史记录中没有对话")),
                 run.err.constData());
        QVERIFY(!QFile::exists(out));
        run = runKeel(p, {QStringLiteral("--help")}, {}, chinese);
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(QString::fromUtf8(run.out).contains(QStringLiteral("命令：")),
                 run.out.constData());
        QVERIFY2(run.out.contains("export ID -o FILE"), run.out.constData());
    }

    void interruptedExportLeavesNothingBehind()
    {
        const QString p = path(QStringLiteral("interrupt"));
        {
            Database db;
            QVERIFY(db.open(databasePathIn(p)));
            QVERIFY(db.beginTransaction());
            QString body;
            for (int line = 0; line < 60; ++line)
                body +=
                    QStringLiteral("A line of a long answer to paginate, number %1.\n").arg(line);
            for (int i = 0; i < 300; ++i)
                addPlainConversation(db, QStringLiteral("Question %1").arg(i), body, 1 + i % 28);
            QVERIFY(db.commitTransaction());
        }
        // PDFs, one per conversation, take long enough to be interrupted halfway.
        const QString folder = path(QStringLiteral("interrupt-out"));
        QProcess keel;
        keel.setProcessEnvironment(childEnvironment());
        keel.start(QStringLiteral(KEEL_BINARY),
                   {QStringLiteral("--profile"), p, QStringLiteral("export"),
                    QStringLiteral("--all"), QStringLiteral("--format"), QStringLiteral("pdf"),
                    QStringLiteral("-o"), folder});
        QVERIFY(keel.waitForStarted(10000));
        // The first file exists: the worker is writing, and the event loop (and its Ctrl+C
        // handling) runs.
        QVERIFY(QTest::qWaitFor(
            [&] {
                return keel.state() != QProcess::Running
                       || !QDir(folder).entryList(QDir::Files).isEmpty();
            },
            60000));
        QCOMPARE(keel.state(), QProcess::Running);
        ::kill(static_cast<pid_t>(keel.processId()), SIGINT);
        QVERIFY(keel.waitForFinished(60000));
        QCOMPARE(keel.exitStatus(), QProcess::NormalExit);
        const QByteArray err = keel.readAllStandardError();
        QVERIFY2(keel.exitCode() == 130, err.constData());
        QVERIFY(keel.readAllStandardOutput().isEmpty());
        // One line of ours (Qt may add a note of its own, such as XDG_RUNTIME_DIR not set).
        QVERIFY2(err.count("keel: ") == 1, err.constData());
        QVERIFY2(err.contains("cancelled"), err.constData());
        QVERIFY2(!QDir(folder).exists() || QDir(folder).entryList(QDir::Files).isEmpty(),
                 qPrintable(QDir(folder).entryList(QDir::Files).join(QLatin1Char(' '))));
    }

    void interruptedImportImportsNothing()
    {
        // An archive big enough to be caught while it is written.
        QList<ConversationTree> trees;
        for (int i = 0; i < 8000; ++i) {
            ConversationTree tree;
            tree.conversation.id = i + 1; // its source id: keel:<created>:<id>, one each
            tree.conversation.title = QStringLiteral("Imported %1").arg(i);
            tree.conversation.createdAt = at(1 + i % 28, 0);
            tree.conversation.updatedAt = at(1 + i % 28, 2);
            for (int m = 0; m < 4; ++m) {
                StoredMessage stored =
                    message(0, m, m % 2 == 0 ? Role::User : Role::Assistant,
                            QStringLiteral("Message %1 of %2").arg(m).arg(i), at(1 + i % 28, m));
                stored.id = m + 1;
                tree.messages << stored;
            }
            trees << tree;
        }
        const QString file = path(QStringLiteral("big-archive.json"));
        {
            QFile out(file);
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(keelJson(trees));
        }
        const QString p = path(QStringLiteral("import-interrupt"));
        const QString database = databasePathIn(p);
        QProcess keel;
        keel.setProcessEnvironment(childEnvironment());
        keel.start(QStringLiteral(KEEL_BINARY),
                   {QStringLiteral("--profile"), p, QStringLiteral("import"), file});
        QVERIFY(keel.waitForStarted(10000));
        // The history appears once the file is read and converted: the writing has begun.
        QVERIFY(QTest::qWaitFor(
            [&] { return keel.state() != QProcess::Running || QFile::exists(database); }, 60000));
        QCOMPARE(keel.state(), QProcess::Running);
        ::kill(static_cast<pid_t>(keel.processId()), SIGINT);
        QVERIFY(keel.waitForFinished(60000));
        QCOMPARE(keel.exitStatus(), QProcess::NormalExit);
        const QByteArray err = keel.readAllStandardError();
        QVERIFY2(keel.exitCode() == 130, err.constData());
        QVERIFY(keel.readAllStandardOutput().isEmpty());
        QVERIFY2(err == "keel: The import was cancelled; nothing was imported.\n", err.constData());
        QCOMPARE(historyList(p), QByteArray("[]\n"));

        // Not interrupted, the same file comes in whole.
        const Run run = runKeel(p, {QStringLiteral("import"), file});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        QCOMPARE(QJsonDocument::fromJson(historyList(p)).array().size(), 8000);
    }
};

QTEST_GUILESS_MAIN(TransferCliTest)
#include "TransferCliTest.moc"
