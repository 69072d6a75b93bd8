// ImportReaderTest: what an import makes of a file before anything is written: the kinds it
// recognises (Keel archive or bare conversation, ChatGPT, Claude), the explanations for
// everything else (truncated or corrupt JSON with line and column, empty, ZIP, HTML, other
// JSON, a newer Keel version, a conversation of another kind in the middle), progress and
// cancel, and a 30 MB file that streams one conversation at a time.
#include "transfer/ImportReader.h"

#include "transfer/JsonElementStream.h"
#include "transfer/KeelJson.h"

#include <QBuffer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace keel::core;
using json = nlohmann::json;

namespace {

ConversationTree tree(const QString& title, int messages = 2, qsizetype contentBytes = 10)
{
    ConversationTree t;
    t.conversation.title = title;
    t.conversation.sourceId = QStringLiteral("test:") + title;
    t.conversation.createdAt = QDateTime::fromMSecsSinceEpoch(1795255200000, Qt::UTC);
    t.conversation.updatedAt = t.conversation.createdAt;
    for (int i = 1; i <= messages; ++i) {
        StoredMessage m;
        m.id = i;
        m.parentId = i - 1;
        m.role = i % 2 == 1 ? Role::User : Role::Assistant;
        m.content = QString(contentBytes, QLatin1Char('a' + i % 26));
        m.createdAt = t.conversation.createdAt;
        m.updatedAt = m.createdAt;
        t.messages.append(m);
    }
    return t;
}

// A conversation as ChatGPT's conversations.json has it: a mapping of nodes with a root
// without message, the user's question and one reply.
QByteArray chatGpt(const char* id, const char* title)
{
    return QByteArray(R"({"id": ")") + id + R"(", "title": ")" + title
           + R"(", "create_time": 1700000000.5, "update_time": 1700000100.25,
  "current_node": "n2",
  "mapping": {
    "root": {"id": "root", "message": null, "parent": null, "children": ["n1"]},
    "n1": {"id": "n1", "parent": "root", "children": ["n2"],
           "message": {"id": "n1", "author": {"role": "user"}, "create_time": 1700000001.0,
                       "content": {"content_type": "text", "parts": ["Hello?"]},
                       "status": "finished_successfully"}},
    "n2": {"id": "n2", "parent": "n1", "children": [],
           "message": {"id": "n2", "author": {"role": "assistant"}, "create_time": 1700000002.0,
                       "content": {"content_type": "text", "parts": ["Hi there."]},
                       "status": "finished_successfully"}}
  }})";
}

QByteArray claude(const char* uuid, const char* name)
{
    return QByteArray(R"({"uuid": ")") + uuid + R"(", "name": ")" + name
           + R"(", "created_at": "2024-05-01T10:00:00.000000Z",
  "updated_at": "2024-05-01T10:05:00.000000Z",
  "chat_messages": [
    {"uuid": "m1", "text": "Hello?", "sender": "human", "created_at": "2024-05-01T10:00:00Z",
     "content": [{"type": "text", "text": "Hello?"}]},
    {"uuid": "m2", "text": "Hi.", "sender": "assistant", "created_at": "2024-05-01T10:00:05Z",
     "content": [{"type": "text", "text": "Hi."}]}
  ]})";
}

ImportReadResult read(const QByteArray& data, const TransferProgress& progress = {})
{
    return readImportData(data, QStringLiteral("export.json"), progress);
}

// The failure every bad file must give: no batch, a message ending the documented way.
#define VERIFY_FAILS_WITH(result, needle)                                                          \
    do {                                                                                           \
        const ImportReadResult& r_ = (result);                                                     \
        QVERIFY(!r_.batch);                                                                        \
        QVERIFY2(r_.error.message.contains(needle), qPrintable(r_.error.message));                 \
        QVERIFY2(r_.error.message.endsWith(QLatin1String("Nothing was imported.")),                \
                 qPrintable(r_.error.message));                                                    \
        QVERIFY(!r_.error.cancelled);                                                              \
    } while (false)

} // namespace

class ImportReaderTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void keelArchive()
    {
        const ImportReadResult result =
            read(keelJson({tree(QStringLiteral("one")), tree(QStringLiteral("two"), 5)}));
        QVERIFY2(result.batch, qPrintable(result.error.message));
        QVERIFY(result.error.ok());
        QCOMPARE(result.batch->source, ImportSource::Keel);
        QCOMPARE(result.batch->conversations.size(), 2);
        QCOMPARE(result.batch->messageCount, 7);
        QCOMPARE(result.batch->conversations[1].conversation.title, QStringLiteral("two"));
        // An archive of nothing is a valid (empty) import.
        const ImportReadResult empty = read(keelJson({}));
        QVERIFY2(empty.batch, qPrintable(empty.error.message));
        QCOMPARE(empty.batch->conversations.size(), 0);
    }

    void bareKeelConversation()
    {
        const QByteArray bytes = QByteArray::fromStdString(
            conversationToKeelJson(tree(QStringLiteral("alone"), 3)).dump(2));
        const ImportReadResult result = read(bytes);
        QVERIFY2(result.batch, qPrintable(result.error.message));
        QCOMPARE(result.batch->source, ImportSource::Keel);
        QCOMPARE(result.batch->conversations.size(), 1);
        QCOMPARE(result.batch->messageCount, 3);
        // An array of them too, and a UTF-8 byte order mark is fine.
        const ImportReadResult array = read("\xEF\xBB\xBF[" + bytes + "," + bytes + "]");
        QVERIFY2(array.batch, qPrintable(array.error.message));
        QCOMPARE(array.batch->conversations.size(), 2);
    }

    void unknownFieldsIgnored()
    {
        const QByteArray bytes = R"({"format": "keel.conversations", "version": 1,
            "exportedBy": {"app": "Keel 9"}, "conversations": [
              {"title": "t", "mood": "happy", "messages": [{"content": "x", "emoji": "🙂"}]}],
            "trailer": [1, 2, 3]})";
        const ImportReadResult result = read(bytes);
        QVERIFY2(result.batch, qPrintable(result.error.message));
        QCOMPARE(result.batch->conversations.size(), 1);
        QCOMPARE(result.batch->conversations[0].messages[0].content, QStringLiteral("x"));
    }

    void chatGptAndClaudeAreDispatched()
    {
        const ImportReadResult gpt =
            read("[" + chatGpt("c1", "First") + ",\n" + chatGpt("c2", "Second") + "]");
        QVERIFY2(gpt.batch, qPrintable(gpt.error.message));
        QCOMPARE(gpt.batch->source, ImportSource::ChatGpt);
        QCOMPARE(gpt.batch->conversations.size(), 2);
        QCOMPARE(gpt.batch->messageCount, 4);
        QCOMPARE(gpt.batch->conversations[0].conversation.sourceId, QStringLiteral("chatgpt:c1"));

        const ImportReadResult cl = read("[" + claude("u1", "Chat") + "]");
        QVERIFY2(cl.batch, qPrintable(cl.error.message));
        QCOMPARE(cl.batch->source, ImportSource::Claude);
        QCOMPARE(cl.batch->messageCount, 2);
        QCOMPARE(cl.batch->conversations[0].conversation.sourceId, QStringLiteral("claude:u1"));
    }

    void anotherKindInTheMiddle()
    {
        const QByteArray keel =
            QByteArray::fromStdString(conversationToKeelJson(tree(QStringLiteral("k"))).dump());
        VERIFY_FAILS_WITH(read("[" + keel + "," + chatGpt("c1", "Odd one") + "," + keel + "]"),
                          QStringLiteral("Conversation 2 (“Odd one”) of “export.json”: it is a "
                                         "ChatGPT conversation, not a Keel conversation like "
                                         "the first one."));
        VERIFY_FAILS_WITH(read("[" + chatGpt("c1", "A") + "," + claude("u", "B") + "]"),
                          QStringLiteral("Conversation 2 (“B”) of “export.json”: it is a Claude "
                                         "conversation, not a ChatGPT conversation"));
        VERIFY_FAILS_WITH(read("[" + chatGpt("c1", "A") + ", 17]"),
                          QStringLiteral("Conversation 2 of “export.json”: it is a number"));
        // A converter's error names the conversation and what is wrong in it.
        VERIFY_FAILS_WITH(read("[" + keel + R"(, {"title": "Bad", "messages": [{"role": 5}]}])"),
                          QStringLiteral("Conversation 2 (“Bad”) of “export.json”: message 1: "
                                         "“role” is a number, not a string."));
    }

    void truncatedJson()
    {
        const QByteArray whole =
            keelJson({tree(QStringLiteral("one")), tree(QStringLiteral("two"))});
        const QByteArray cut = whole.left(whole.size() * 2 / 3);
        const int line = int(cut.count('\n')) + 1;
        const ImportReadResult result = read(cut);
        VERIFY_FAILS_WITH(result, QStringLiteral("“export.json” is not valid JSON at line %1, "
                                                 "column ")
                                      .arg(line));
        QVERIFY2(result.error.message.contains(QStringLiteral("(byte %1)").arg(cut.size())),
                 qPrintable(result.error.message));
        QVERIFY(!result.error.message.contains(QLatin1String("json.exception")));
    }

    void corruptByteInTheMiddle()
    {
        QByteArray bytes = keelJson({tree(QStringLiteral("one"), 4, 50)});
        const qsizetype at = bytes.indexOf("bbbbbbbbbb") + 5; // inside a message's text
        QVERIFY(at > 5);
        bytes[at] = '\xFF';
        const int line = int(bytes.left(at).count('\n')) + 1;
        const ImportReadResult result = read(bytes);
        VERIFY_FAILS_WITH(result,
                          QStringLiteral("is not valid JSON at line %1, column ").arg(line));
        QVERIFY2(result.error.message.contains(QLatin1String("UTF-8")),
                 qPrintable(result.error.message));

        bytes = keelJson({tree(QStringLiteral("one"))});
        bytes[bytes.indexOf("\"messages\":") + 10] = '}'; // the colon: structure, not a string
        VERIFY_FAILS_WITH(read(bytes), QStringLiteral("is not valid JSON at line"));
    }

    void notAnExport_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty") << QByteArray() << "“export.json” is empty.";
        QTest::newRow("whitespace") << QByteArray(" \n\t\r\n ") << "“export.json” is empty.";
        QTest::newRow("much whitespace") << QByteArray(100000, ' ') << "“export.json” is empty.";
        QTest::newRow("zip") << QByteArray("PK\x03\x04\x14\x00\x00\x00\x08\x00", 10)
                             << "“export.json” is a ZIP archive: unpack it and choose "
                                "conversations.json inside.";
        QTest::newRow("html") << QByteArray("<!DOCTYPE html>\n<html><body>hi</body></html>")
                              << "“export.json” is not a JSON file (it starts with "
                                 "“<!DOCTYPE html>”).";
        QTest::newRow("utf16") << QByteArray("\xFF\xFE[\x00]\x00", 6) << "is UTF-16 text";
        QTest::newRow("object") << QByteArray(R"({"foo": 1})")
                                << "“export.json” is not a Keel, ChatGPT or Claude export: it "
                                   "holds an object with keys foo.";
        QTest::newRow("numbers") << QByteArray("[1, 2]")
                                 << "is not a Keel, ChatGPT or Claude export: it holds an array "
                                    "of numbers.";
        QTest::newRow("objects") << QByteArray(R"([{"b": 1, "a": 2}])")
                                 << "it holds an array of objects with keys a, b.";
        QTest::newRow("conversations") << QByteArray(R"({"conversations": ["x"]})")
                                       << "it holds an object whose “conversations” are strings.";
        QTest::newRow("empty array") << QByteArray("[]") << "“export.json” holds no conversations.";
        QTest::newRow("newer keel")
            << QByteArray(R"({"format": "keel.conversations", "version": 99, "conversations":
                             [{"messages": []}]})")
            << "“export.json” is a Keel export of version 99; this version of Keel reads version "
               "1 and older.";
        QTest::newRow("newer keel, version last")
            << QByteArray(R"({"format": "keel.conversations", "conversations": [],
                             "version": 2})")
            << "is a Keel export of version 2;";
        QTest::newRow("number overflow") << QByteArray("[{\"a\":\n  1,\n  \"b\": 1e999}]")
                                         << "is not valid JSON at line 3, column 12 (byte 24): "
                                            "number overflow parsing '1e999'";
        QTest::newRow("trailing garbage") << QByteArray(R"([] x)") << "is not valid JSON at line 1";
        QTest::newRow("deep") << QByteArray(20000, '[') << "is nested more than 10000 levels deep";
    }

    void notAnExport()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        VERIFY_FAILS_WITH(read(bytes), expected);
    }

    void fileErrors()
    {
        QTemporaryDir dir;
        const QString missing = dir.filePath(QStringLiteral("nope.json"));
        VERIFY_FAILS_WITH(readImportFile(missing), QStringLiteral("does not exist"));
        VERIFY_FAILS_WITH(readImportFile(dir.path()), QStringLiteral("is a folder"));
        QFile zip(dir.filePath(QStringLiteral("export.zip")));
        QVERIFY(zip.open(QIODevice::WriteOnly));
        zip.write("PK\x03\x04rest of an archive");
        zip.close();
        VERIFY_FAILS_WITH(readImportFile(zip.fileName()),
                          QStringLiteral("“export.zip” is a ZIP archive"));
    }

    void progressIsMonotonicAndReachesTheTotal()
    {
        QList<ConversationTree> trees;
        for (int i = 0; i < 40; ++i)
            trees.append(tree(QStringLiteral("c%1").arg(i), 4, 8000));
        const QByteArray bytes = keelJson(trees);
        QVERIFY(bytes.size() > 1000000);
        QList<std::pair<qint64, qint64>> reports;
        TransferProgress progress;
        progress.report = [&reports](qint64 done, qint64 total) { reports.append({done, total}); };
        const ImportReadResult result = read(bytes, progress);
        QVERIFY2(result.batch, qPrintable(result.error.message));
        QVERIFY(reports.size() > 10); // every 64 KB
        for (qsizetype i = 0; i < reports.size(); ++i) {
            QCOMPARE(reports[i].second, bytes.size());
            if (i > 0)
                QVERIFY(reports[i].first >= reports[i - 1].first);
        }
        QCOMPARE(reports.last().first, bytes.size());
    }

    void cancel()
    {
        QList<ConversationTree> trees;
        for (int i = 0; i < 20; ++i)
            trees.append(tree(QStringLiteral("c%1").arg(i), 4, 8000));
        const QByteArray bytes = keelJson(trees);
        std::atomic_bool cancel = false;
        TransferProgress progress;
        progress.cancel = &cancel;
        qint64 lastDone = 0;
        progress.report = [&](qint64 done, qint64) {
            lastDone = done;
            if (done > 100000)
                cancel = true;
        };
        const ImportReadResult result = read(bytes, progress);
        QVERIFY(!result.batch);
        QVERIFY(result.error.cancelled);
        QCOMPARE(result.error.message, cancelledImport().message);
        QVERIFY2(lastDone < bytes.size(), "reading went on after the cancel");

        std::atomic_bool before = true;
        TransferProgress already;
        already.cancel = &before;
        QVERIFY(read(bytes, already).error.cancelled);
    }

    void streamHeaderAndStop()
    {
        // The header is there when the first element arrives; a handler may stop the read.
        const QByteArray bytes = keelJson(
            {tree(QStringLiteral("a")), tree(QStringLiteral("b")), tree(QStringLiteral("c"))});
        QBuffer buffer;
        buffer.setData(bytes);
        QVERIFY(buffer.open(QIODevice::ReadOnly));
        JsonElementStream stream;
        QList<qint64> seen;
        bool headerFirst = false;
        const TransferError error =
            stream.read(buffer, bytes.size(), [&](json&& element, qint64 index) {
                if (index == 0)
                    headerFirst = isKeelHeader(stream.header());
                seen.append(index);
                return element.is_object() && index < 1;
            });
        QVERIFY(error.ok());
        QVERIFY(headerFirst);
        QCOMPARE(seen, QList<qint64>({0, 1}));
        QCOMPARE(keelVersion(stream.header()), 1);
        QVERIFY(!stream.header().contains("conversations"));
        QVERIFY(!stream.topLevelArray());

        QBuffer scalar;
        scalar.setData("  42 ");
        QVERIFY(scalar.open(QIODevice::ReadOnly));
        const TransferError notContainer =
            stream.read(scalar, 5, [](json&&, qint64) { return true; });
        QVERIFY2(notContainer.message.startsWith(QLatin1String("not an array or an object")),
                 qPrintable(notContainer.message));
    }

    // 3,000 conversations, 30 MB: each conversation reaches the handler as soon as its closing
    // brace is read (never more than one 64 KB chunk later), so only one is ever built.
    void thirtyMegabytesStreamOneAtATime()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("big.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        KeelJsonWriter writer(file);
        QVERIFY(writer.begin());
        QList<qint64> ends;
        for (int i = 0; i < 3000; ++i) {
            QVERIFY(writer.add(tree(QStringLiteral("c%1").arg(i), 4, 2500)));
            ends.append(file.pos());
        }
        QVERIFY(writer.finish());
        file.close();
        QVERIFY(QFileInfo(path).size() > 30'000'000);

        QFile in(path);
        QVERIFY(in.open(QIODevice::ReadOnly));
        qint64 bytesRead = 0;
        TransferProgress progress;
        progress.report = [&bytesRead](qint64 done, qint64) { bytesRead = done; };
        JsonElementStream stream;
        qint64 count = 0;
        qint64 worstLag = 0;
        bool inOrder = true;
        const TransferError error = stream.read(
            in, in.size(),
            [&](json&& element, qint64 index) {
                inOrder = inOrder && index == count && element.is_object()
                          && element["messages"].size() == 4 && bytesRead >= ends[index];
                worstLag = std::max(worstLag, bytesRead - ends[index]);
                ++count;
                return true;
            },
            progress);
        QVERIFY2(error.ok(), qPrintable(error.message));
        QCOMPARE(count, 3000);
        QVERIFY(inOrder);
        QVERIFY2(worstLag <= 64 * 1024, qPrintable(QString::number(worstLag)));

        const ImportReadResult result = readImportFile(path);
        QVERIFY2(result.batch, qPrintable(result.error.message));
        QCOMPARE(result.batch->conversations.size(), 3000);
        QCOMPARE(result.batch->messageCount, 12000);
    }
};

QTEST_GUILESS_MAIN(ImportReaderTest)
#include "ImportReaderTest.moc"
