// TransferBench: export and import at scale. (1) One conversation of 5,000 messages (~1 KB of
// Markdown each, code blocks included) stored in a temporary database and written in every
// format (PDF too, through the ui's renderer): time, file size and peak memory of each. (2) A
// ChatGPT-format conversations.json of ~100 MB (KEEL_BENCH_TRANSFER_MB to change it; many
// conversations, regenerated replies, tool runs, images) read with readImportFile and written
// with TreeStore::importTrees: time, peak memory and messages per second of each. Peak memory
// per step: VmHWM after resetting it through /proc/self/clear_refs. Prints `BENCH transfer:`
// lines and a table; fails only when a step fails.
#include "store/Database.h"
#include "store/TreeStore.h"
#include "transfer/ExportWriter.h"
#include "transfer/ImportReader.h"
#include "ui/PdfExport.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>
#include <malloc.h>
#include <nlohmann/json.hpp>
#include <random>

using namespace keel::core;
using nlohmann::json;

namespace {

constexpr int LongConversation = 5'000;
constexpr int DefaultImportMegabytes = 100;

const char* const Words[] = {
    "the",      "value",   "returns", "function", "memory",  "thread",  "request", "cache",
    "because",  "we",      "can",     "should",   "before",  "after",   "list",    "index",
    "server",   "client",  "parse",   "token",    "stream",  "buffer",  "queue",   "result",
    "error",    "when",    "which",   "every",    "simple",  "faster",  "config",  "update",
    "database", "query",   "layout",  "render",   "window",  "signal",  "branch",  "commit",
    "test",     "measure", "profile", "allocate", "release", "network", "latency", "Lisbon",
};

class TextGenerator {
public:
    explicit TextGenerator(unsigned seed)
        : m_random(seed)
    {
    }

    QString words(int count)
    {
        QString out;
        for (int i = 0; i < count; ++i) {
            if (i > 0)
                out += u' ';
            out += QLatin1String(Words[m_random() % std::size(Words)]);
        }
        return out;
    }

    // ~1 KB of Markdown: paragraphs, sometimes a list, often a code block.
    QString markdown()
    {
        QString out = QStringLiteral("## ") + words(4) + QStringLiteral("\n\n");
        out += words(45) + QStringLiteral(". **") + words(3) + QStringLiteral("** ") + words(20)
               + QStringLiteral(".\n\n");
        if (m_random() % 3 == 0) {
            for (int i = 0; i < 4; ++i)
                out += QStringLiteral("- `") + words(1) + QStringLiteral("` ") + words(8) + u'\n';
            out += u'\n';
        }
        if (m_random() % 2 == 0) {
            out += QStringLiteral("```cpp\n");
            for (int i = 0; i < 6; ++i)
                out += QStringLiteral("auto ") + words(1) + QStringLiteral(" = ") + words(1)
                       + QStringLiteral("(") + QString::number(m_random() % 1000)
                       + QStringLiteral("); // ") + words(4) + u'\n';
            out += QStringLiteral("```\n\n");
        }
        out += words(30) + u'.';
        return out;
    }

    unsigned next() { return m_random(); }

private:
    std::mt19937 m_random;
};

void benchLine(const QString& text)
{
    std::printf("BENCH transfer: %s\n", text.toUtf8().constData());
    std::fflush(stdout);
}

qint64 statusKb(const char* field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n'))
        if (line.startsWith(field))
            return line.mid(qstrlen(field)).trimmed().split(' ').first().toLongLong();
    return -1;
}

// Starts a step: freed heap back to the system (else RSS stays at the last step's peak), VmHWM
// back to the present RSS; returns that RSS (KB).
qint64 resetPeak()
{
    ::malloc_trim(0);
    QFile clear(QStringLiteral("/proc/self/clear_refs"));
    if (clear.open(QIODevice::WriteOnly))
        clear.write("5");
    return statusKb("VmRSS:");
}

struct Row {
    QString step{};
    double seconds = 0;
    qint64 rssBeforeKb = 0;
    qint64 peakKb = 0;
    QString detail{};
};

QString mb(qint64 kb)
{
    return QString::number(double(kb) / 1024.0, 'f', 1);
}

void printTable(const QList<Row>& rows)
{
    std::printf("\n%-22s %10s %14s %10s %10s  %s\n", "step", "seconds", "RSS before MB", "peak MB",
                "+MB", "detail");
    for (const Row& row : rows)
        std::printf("%-22s %10.3f %14s %10s %10s  %s\n", row.step.toUtf8().constData(), row.seconds,
                    mb(row.rssBeforeKb).toUtf8().constData(), mb(row.peakKb).toUtf8().constData(),
                    mb(row.peakKb - row.rssBeforeKb).toUtf8().constData(),
                    row.detail.toUtf8().constData());
    std::printf("\n");
    std::fflush(stdout);
}

ConversationTree longConversation()
{
    TextGenerator text(8);
    ConversationTree tree;
    const QDateTime start = QDateTime(QDate(2024, 3, 1), QTime(9, 0), Qt::UTC);
    tree.conversation.title = QStringLiteral("Transfer bench: a long conversation");
    tree.conversation.createdAt = start;
    tree.conversation.updatedAt = start.addSecs(LongConversation * 30);
    for (int i = 0; i < LongConversation; ++i) {
        StoredMessage message;
        message.id = i + 1;
        message.parentId = i;
        message.role = i % 2 == 0 ? Role::User : Role::Assistant;
        message.content = i % 2 == 0 ? text.words(12) + u'?' : text.markdown();
        if (message.role == Role::Assistant)
            message.model = QStringLiteral("bench-model");
        message.createdAt = start.addSecs(i * 30);
        message.updatedAt = message.createdAt;
        tree.messages.append(message);
    }
    tree.conversation.currentLeafId = LongConversation;
    return tree;
}

// One ChatGPT node; message null for the structural root.
json node(const std::string& id, const std::string& parent, json message,
          std::vector<std::string> children)
{
    return {{"id", id},
            {"message", std::move(message)},
            {"parent", parent.empty() ? json() : json(parent)},
            {"children", std::move(children)}};
}

json message(const std::string& id, const char* role, json content, double time,
             const char* model = nullptr)
{
    json metadata = json::object();
    if (model)
        metadata["model_slug"] = model;
    return {{"id", id},
            {"author", {{"role", role}, {"name", nullptr}, {"metadata", json::object()}}},
            {"create_time", time},
            {"update_time", nullptr},
            {"content", std::move(content)},
            {"status", "finished_successfully"},
            {"end_turn", true},
            {"weight", 1.0},
            {"metadata", std::move(metadata)},
            {"recipient", "all"}};
}

json textContent(const QString& text)
{
    return {{"content_type", "text"}, {"parts", {text.toStdString()}}};
}

// A conversation of turns user -> (tool run) -> reply, some replies regenerated (a sibling),
// some user turns with an image; counts the nodes that become Keel messages.
json chatGptConversation(int index, TextGenerator& text, qint64& keelMessages)
{
    const std::string prefix = "c" + std::to_string(index) + "-";
    const double start = 1.7e9 + index * 3600.0;
    json mapping = json::object();
    int serial = 0;
    auto id = [&] { return prefix + std::to_string(serial++); };
    const std::string root = id();
    const std::string system = id();
    mapping[root] = node(root, "", nullptr, {system});
    json systemMessage = message(system, "system", textContent(QString()), start);
    systemMessage["metadata"]["is_visually_hidden_from_conversation"] = true;
    mapping[system] = node(system, root, systemMessage, {});
    std::string parent = system;
    const int turns = 10 + int(text.next() % 30);
    double time = start;
    std::string last;
    for (int turn = 0; turn < turns; ++turn) {
        const std::string user = id();
        json userContent = textContent(text.words(10 + int(text.next() % 30)) + u'?');
        if (text.next() % 10 == 0) {
            userContent = {{"content_type", "multimodal_text"},
                           {"parts",
                            {{{"content_type", "image_asset_pointer"},
                              {"asset_pointer", "file-service://file-bench" + user},
                              {"width", 640},
                              {"height", 480}},
                             text.words(12).toStdString()}}};
        }
        mapping[parent]["children"].push_back(user);
        mapping[user] = node(user, parent, message(user, "user", userContent, time += 20), {});
        ++keelMessages;
        std::string replyParent = user;
        if (text.next() % 6 == 0) { // a tool run folded into the reply
            const std::string code = id();
            const std::string output = id();
            mapping[user]["children"].push_back(code);
            mapping[code] = node(code, user,
                                 message(code, "assistant",
                                         {{"content_type", "code"},
                                          {"language", "python"},
                                          {"text", "print(sum(range(100)))"}},
                                         time += 2, "gpt-4o"),
                                 {output});
            mapping[output] =
                node(output, code,
                     message(output, "tool",
                             {{"content_type", "execution_output"}, {"text", "4950"}}, time += 1),
                     {});
            replyParent = output;
        }
        const int replies = text.next() % 8 == 0 ? 2 : 1; // regenerated: a sibling reply
        std::string reply;
        for (int r = 0; r < replies; ++r) {
            reply = id();
            mapping[replyParent]["children"].push_back(reply);
            mapping[reply] = node(
                reply, replyParent,
                message(reply, "assistant", textContent(text.markdown()), time += 15, "gpt-4o"),
                {});
            ++keelMessages;
        }
        parent = reply;
        last = reply;
    }
    return {{"title", text.words(4).toStdString()},
            {"create_time", start},
            {"update_time", time},
            {"mapping", std::move(mapping)},
            {"current_node", last},
            {"conversation_id", "bench-" + std::to_string(index)},
            {"default_model_slug", "gpt-4o"}};
}

// Writes conversations until the file is about megabytes large; returns the Keel messages the
// import should produce.
qint64 writeChatGptExport(const QString& path, qint64 megabytes, int* conversations)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return -1;
    TextGenerator text(42);
    qint64 keelMessages = 0;
    qint64 written = 1;
    file.write("[");
    int index = 0;
    while (written < megabytes * 1024 * 1024) {
        const std::string element = chatGptConversation(index, text, keelMessages).dump();
        if (index > 0)
            written += file.write(",\n");
        written += file.write(element.data(), qint64(element.size()));
        ++index;
    }
    file.write("]\n");
    *conversations = index;
    return keelMessages;
}

} // namespace

class TransferBench : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void exportLongConversation()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QList<Row> rows;
        Database db;
        QVERIFY(db.open(dir.filePath(QStringLiteral("history.db"))));
        TreeStore store(db);
        ImportRequest request;
        request.conversations = {longConversation()};
        const std::optional<TreeImportResult> imported = store.importTrees(request);
        QVERIFY(imported && imported->conversationIds.size() == 1);

        qint64 before = resetPeak();
        QElapsedTimer timer;
        timer.start();
        const std::optional<ConversationTree> tree = store.loadTree(imported->conversationIds[0]);
        rows.append({QStringLiteral("load 5k tree"), timer.nsecsElapsed() / 1e9, before,
                     statusKb("VmHWM:"), QString()});
        QVERIFY(tree && tree->messages.size() == LongConversation);

        const ExportWriter writer(keel::ui::writePdf);
        for (const ExportFormat format : allExportFormats()) {
            const QString path = dir.filePath(QStringLiteral("long.") + formatName(format));
            before = resetPeak();
            timer.start();
            const TransferError error = writer.writeConversation(*tree, format, path);
            const double seconds = timer.nsecsElapsed() / 1e9;
            const qint64 peak = statusKb("VmHWM:");
            QVERIFY2(error.ok(), qPrintable(error.message));
            const QString detail =
                QStringLiteral("%1 MB file").arg(QFileInfo(path).size() / 1048576.0, 0, 'f', 1);
            rows.append(
                {QStringLiteral("export ") + formatName(format), seconds, before, peak, detail});
            benchLine(QStringLiteral("export %1 of %2 messages: %3 s, peak %4 MB (RSS before %5 "
                                     "MB), %6")
                          .arg(formatName(format))
                          .arg(LongConversation)
                          .arg(seconds, 0, 'f', 3)
                          .arg(mb(peak), mb(before), detail));
        }
        printTable(rows);
    }

    void importChatGptExport()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QList<Row> rows;
        const qint64 megabytes = qEnvironmentVariableIsSet("KEEL_BENCH_TRANSFER_MB")
                                     ? qEnvironmentVariableIntValue("KEEL_BENCH_TRANSFER_MB")
                                     : DefaultImportMegabytes;
        const QString path = dir.filePath(QStringLiteral("conversations.json"));
        int conversations = 0;
        QElapsedTimer timer;
        timer.start();
        const qint64 expected = writeChatGptExport(path, megabytes, &conversations);
        QVERIFY(expected > 0);
        benchLine(QStringLiteral("generated %1 MB: %2 conversations, %3 messages in %4 s")
                      .arg(QFileInfo(path).size() / 1048576.0, 0, 'f', 1)
                      .arg(conversations)
                      .arg(expected)
                      .arg(timer.nsecsElapsed() / 1e9, 0, 'f', 1));

        qint64 before = resetPeak();
        timer.start();
        ImportReadResult read = readImportFile(path);
        double seconds = timer.nsecsElapsed() / 1e9;
        qint64 peak = statusKb("VmHWM:");
        QVERIFY2(read.batch.has_value(), qPrintable(read.error.message));
        QCOMPARE(read.batch->source, ImportSource::ChatGpt);
        QCOMPARE(read.batch->conversations.size(), qsizetype(conversations));
        QCOMPARE(read.batch->messageCount, expected);
        const qint64 messages = read.batch->messageCount;
        QString detail = QStringLiteral("%1 messages/s").arg(qRound64(double(messages) / seconds));
        rows.append({QStringLiteral("readImportFile"), seconds, before, peak, detail});
        benchLine(QStringLiteral("readImportFile: %1 s, peak %2 MB (RSS before %3 MB), %4")
                      .arg(seconds, 0, 'f', 2)
                      .arg(mb(peak), mb(before), detail));

        Database db;
        QVERIFY(db.open(dir.filePath(QStringLiteral("history.db"))));
        TreeStore store(db);
        ImportRequest request;
        request.conversations = std::move(read.batch->conversations);
        read.batch.reset();
        before = resetPeak();
        timer.start();
        const std::optional<TreeImportResult> result = store.importTrees(request);
        seconds = timer.nsecsElapsed() / 1e9;
        peak = statusKb("VmHWM:");
        QVERIFY(result.has_value());
        QCOMPARE(result->imported, conversations);
        QCOMPARE(result->messages, messages);
        detail = QStringLiteral("%1 messages/s").arg(qRound64(double(messages) / seconds));
        rows.append({QStringLiteral("TreeStore::importTrees"), seconds, before, peak, detail});
        benchLine(QStringLiteral("importTrees: %1 s, peak %2 MB (RSS before %3 MB), %4")
                      .arg(seconds, 0, 'f', 2)
                      .arg(mb(peak), mb(before), detail));
        printTable(rows);
    }
};

QTEST_MAIN(TransferBench)
#include "TransferBench.moc"
