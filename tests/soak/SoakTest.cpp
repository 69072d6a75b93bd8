// SoakTest: 20 concurrent streams for KEEL_SOAK_SECONDS (default 600) through one core loop
// (CoreThread + Engine) into the store thread, as the app runs them. Each of 20 slots runs turns
// back to back, each turn 1,000 tokens paced at 200 tokens/s (4,000 tokens/s in all) and saved
// as it streams (persistMessageId) into a reply that the store appended just before. Every
// reply is checked three ways against what the server sent: the deltas the caller received, the
// turn's result, and the row in the database afterwards. Memory: the process's RSS after a
// warm-up (10 % of the run, at least 30 s but at most half of it) and at the end, both while
// the 20 streams run; growth must stay within 5 %.
#include "CoreThread.h"
#include "Engine.h"
#include "LoopbackLlmServer.h"
#include "store/Database.h"
#include "store/Store.h"
#include "store/StoreThread.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <map>
#include <utility>
#include <vector>

using namespace keel::core;
using namespace keel::test;

namespace {

constexpr int kSlots = 20;
constexpr int kTokensPerTurn = 1000;
constexpr int kTokensPerWrite = 10;
constexpr int kWriteIntervalMs = 50; // 200 tokens/s per stream
constexpr double kMaxRssGrowth = 0.05;

// Every token names its reply and its place, so a lost, repeated or misplaced one shows.
QString token(int serial, int index)
{
    return QStringLiteral("r%1t%2 ").arg(serial).arg(index);
}

QString expectedText(int serial)
{
    QString text;
    for (int i = 0; i < kTokensPerTurn; ++i)
        text += token(serial, i);
    return text;
}

Response pacedReply(int serial)
{
    std::vector<Step> steps{Step::sendHeaders()};
    for (int i = 0; i < kTokensPerTurn; i += kTokensPerWrite) {
        if (i > 0)
            steps.push_back(Step::delay(kWriteIntervalMs));
        QByteArray write;
        for (int j = i; j < i + kTokensPerWrite; ++j)
            write.append(LoopbackLlmServer::openAiChunk(token(serial, j)));
        steps.push_back(Step::send(std::move(write)));
    }
    QByteArray tail = LoopbackLlmServer::openAiFinish();
    tail.append(LoopbackLlmServer::openAiUsage(5, kTokensPerTurn));
    tail.append(LoopbackLlmServer::openAiDone());
    steps.push_back(Step::send(std::move(tail)));
    return Response::sse(std::move(steps));
}

// The serial a reply's text says it is ("r17t0 ..."), or -1.
int serialOf(const QString& text)
{
    if (!text.startsWith(QLatin1Char('r')))
        return -1;
    bool ok = false;
    const int serial = text.mid(1, text.indexOf(QLatin1Char('t')) - 1).toInt(&ok);
    return ok ? serial : -1;
}

double rssMb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
    }
    return -1;
}

} // namespace

class SoakTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void twentyStreams()
    {
        const int seconds = qEnvironmentVariableIsSet("KEEL_SOAK_SECONDS")
                                ? qEnvironmentVariableIntValue("KEEL_SOAK_SECONDS")
                                : 600;
        QVERIFY2(seconds >= 10, "KEEL_SOAK_SECONDS must be at least 10");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("keel.sqlite"));

        // One conversation per slot, each with the user message the replies chain from.
        std::vector<qint64> conversation(kSlots);
        std::vector<qint64> parent(kSlots);
        {
            Database db;
            QVERIFY(db.open(path));
            for (int slot = 0; slot < kSlots; ++slot) {
                conversation[std::size_t(slot)] = db.createConversation({})->id;
                StoredMessage user;
                user.conversationId = conversation[std::size_t(slot)];
                user.content = QStringLiteral("Soak %1").arg(slot);
                parent[std::size_t(slot)] = db.appendMessage(user)->id;
            }
        }

        LoopbackLlmServer server;
        QVERIFY2(server.isListening(), qPrintable(server.errorString()));
        StoreThread storeThread;
        Store* store = storeThread.store();
        CoreThread core(store);
        Engine* engine = core.engine();
        QObject context; // on this thread: the signals of both threads arrive here, queued

        int nextSerial = 0;
        int turns = 0;
        qint64 tokens = 0;
        qint64 bytes = 0;
        int running = 0;
        bool stopping = false;
        QStringList failures;
        std::vector<bool> served;          // by serial: each reply may arrive once
        std::map<QString, QString> deltas; // turn id -> text received so far
        std::map<QString, int> slotOfTurn;
        std::vector<std::pair<qint64, int>> saved; // reply message id, serial
        std::map<QString, qint64> replyOfTurn;
        const auto fail = [&](const QString& failure) {
            if (failures.size() < 20)
                failures << failure;
        };

        // A turn: the store appends the reply first (its id is where the turn saves), then the
        // server gets the script and the engine the request.
        const auto startTurn = [&](int slot) {
            StoredMessage reply;
            reply.conversationId = conversation[std::size_t(slot)];
            reply.parentId = parent[std::size_t(slot)];
            reply.role = Role::Assistant;
            reply.status = MessageStatus::Streaming;
            ++running;
            QMetaObject::invokeMethod(
                store, [store, reply, slot] { store->appendMessage(reply, QString::number(slot)); },
                Qt::QueuedConnection);
        };
        connect(store, &Store::messageAppended, &context,
                [&](const StoredMessage& message, const QString& tag) {
                    const int slot = tag.toInt();
                    if (message.id == 0) {
                        fail(QStringLiteral("the store did not append a reply"));
                        --running;
                        return;
                    }
                    parent[std::size_t(slot)] = message.id;
                    const int serial = nextSerial++;
                    server.enqueue(pacedReply(serial));
                    TurnRequest request;
                    request.turnId = QStringLiteral("turn-%1").arg(serial);
                    request.provider.baseUrl = server.baseUrl();
                    request.model = QStringLiteral("soak-model");
                    request.maxAttempts = 1;
                    request.messages = {ChatMessage(Role::User, QStringLiteral("go"))};
                    request.persistMessageId = message.id;
                    slotOfTurn[request.turnId] = slot;
                    replyOfTurn[request.turnId] = message.id;
                    deltas[request.turnId];
                    QMetaObject::invokeMethod(
                        engine, [engine, request] { engine->startTurn(request); },
                        Qt::QueuedConnection);
                });
        connect(engine, &Engine::turnDelta, &context,
                [&](const TurnDelta& delta) { deltas[delta.turnId] += delta.text; });
        connect(engine, &Engine::turnFinished, &context, [&](const TurnResult& result) {
            --running;
            const int slot = slotOfTurn[result.turnId];
            const int serial = serialOf(result.text);
            if (result.outcome != TurnOutcome::Complete) {
                fail(QStringLiteral("%1 ended %2: %3")
                         .arg(result.turnId, wireName(result.outcome), result.error.message));
            } else if (serial < 0 || serial >= nextSerial
                       || (std::size_t(serial) < served.size() && served[std::size_t(serial)])) {
                fail(QStringLiteral("%1: a reply the server did not send (or sent before): %2")
                         .arg(result.turnId, result.text.left(40)));
            } else if (result.text != expectedText(serial)) {
                fail(QStringLiteral("%1: the text of reply %2 differs from what was sent")
                         .arg(result.turnId)
                         .arg(serial));
            } else if (deltas[result.turnId] != result.text) {
                fail(QStringLiteral("%1: the deltas differ from the result").arg(result.turnId));
            } else {
                served.resize(std::max(served.size(), std::size_t(serial) + 1));
                served[std::size_t(serial)] = true;
                saved.emplace_back(replyOfTurn[result.turnId], serial);
                ++turns;
                tokens += result.tokens;
                bytes += result.bytes;
            }
            deltas.erase(result.turnId);
            slotOfTurn.erase(result.turnId);
            replyOfTurn.erase(result.turnId);
            server.clearRequests(); // the server keeps every request otherwise
            if (!stopping)
                startTurn(slot);
        });

        storeThread.start();
        QMetaObject::invokeMethod(
            store, [store, path] { store->open(path); }, Qt::QueuedConnection);
        core.start();

        // Heap arenas, caches and connections reach their working size first.
        const int warmupMs = std::max(seconds * 100, std::min(30'000, seconds * 500));
        double rssStart = -1;
        double rssEnd = -1;
        double rssMax = 0;
        QTimer sampler;
        connect(&sampler, &QTimer::timeout, &context, [&] { rssMax = std::max(rssMax, rssMb()); });
        sampler.start(1000);
        QTimer::singleShot(warmupMs, &context, [&] { rssStart = rssMb(); });
        // Both samples while all the streams run, so they compare the same state.
        QTimer::singleShot(seconds * 1000, &context, [&] {
            rssEnd = rssMb();
            stopping = true;
        });

        QElapsedTimer clock;
        clock.start();
        for (int slot = 0; slot < kSlots; ++slot)
            startTurn(slot);
        // The last turns end about 5 s after the deadline.
        QVERIFY(
            QTest::qWaitFor([&] { return stopping && running == 0; }, seconds * 1000 + 120'000));
        const double elapsed = clock.elapsed() / 1000.0;
        sampler.stop();
        core.stop();
        storeThread.stop(); // the final saves, queued before, are written first

        // The database holds every reply exactly as sent, complete.
        int storedOk = 0;
        {
            Database db;
            QVERIFY(db.open(path));
            for (const auto& [messageId, serial] : saved) {
                const auto saved = db.message(messageId);
                if (!saved || saved->status != MessageStatus::Complete
                    || saved->content != expectedText(serial))
                    fail(QStringLiteral("reply %1 (message %2) is not stored as sent")
                             .arg(serial)
                             .arg(messageId));
                else
                    ++storedOk;
            }
        }

        const double growth = (rssEnd - rssStart) / rssStart;
        std::printf("SOAK: %d s, %d streams: %d turns, %lld tokens (%.0f tokens/s), %.1f MB; %d "
                    "replies stored as sent; RSS after warm-up %.1f MB, end %.1f MB, max %.1f "
                    "MB, growth %+.2f %% (limit %.0f %%)\n",
                    int(elapsed), kSlots, turns, static_cast<long long>(tokens),
                    double(tokens) / elapsed, double(bytes) / 1e6, storedOk, rssStart, rssEnd,
                    rssMax, growth * 100, kMaxRssGrowth * 100);
        std::fflush(stdout);
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(QLatin1Char('\n'))));
        QCOMPARE(turns, nextSerial);
        QCOMPARE(storedOk, turns);
        QCOMPARE(tokens, qint64(turns) * kTokensPerTurn);
        // At least most of the planned streaming happened (each slot one turn per ~5 s).
        QVERIFY2(turns >= kSlots * seconds / 10, qPrintable(QString::number(turns)));
        QVERIFY(rssStart > 0);
        QVERIFY2(growth <= kMaxRssGrowth, "RSS grew by more than 5 % after the warm-up");
    }
};

QTEST_GUILESS_MAIN(SoakTest)
#include "SoakTest.moc"
