// AttachmentTurnTest: a whole turn through the engine and a loopback server: an attached image
// reaches the server as image input, the reply's time to first token and total time are measured
// and saved with the reply, and a server that refuses images gets a clear explanation.
#include "CoreThread.h"
#include "Engine.h"
#include "LoopbackLlmServer.h"
#include "providers/ModelCapabilities.h"
#include "store/Database.h"
#include "store/Store.h"
#include "store/StoreThread.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace keel::core;
using namespace keel::test;

namespace {

QByteArray png()
{
    return QByteArray::fromBase64("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhf"
                                  "DwAChwGA60e6kgAAAABJRU5ErkJggg==");
}

ChatMessage userWithImage(bool withImage)
{
    ChatMessage user(Role::User, QStringLiteral("What is in the picture?"));
    if (withImage)
        user.attachments = {*attachmentFromBytes(QStringLiteral("dot.png"), png()).attachment};
    return user;
}

// Runs one turn on a core thread and waits for its result.
class TurnHarness {
public:
    explicit TurnHarness(Store* store = nullptr)
        : m_core(store)
    {
        QObject::connect(m_core.engine(), &Engine::turnFinished, &m_context,
                         [this](const TurnResult& result) { m_result = result; });
        m_core.start();
    }

    std::optional<TurnResult> run(TurnRequest request)
    {
        request.turnId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        m_result.reset();
        Engine* engine = m_core.engine();
        QMetaObject::invokeMethod(
            engine, [engine, request] { engine->startTurn(request); }, Qt::QueuedConnection);
        if (!QTest::qWaitFor([this] { return m_result.has_value(); }, 20000))
            return std::nullopt;
        return m_result;
    }

    void stop() { m_core.stop(); }

private:
    CoreThread m_core;
    QObject m_context; // on the test thread: the engine's signals arrive here, queued
    std::optional<TurnResult> m_result;
};

TurnRequest requestFor(const LoopbackLlmServer& server, const QString& model, bool withImage)
{
    TurnRequest request;
    request.provider.baseUrl = server.baseUrl();
    request.model = model;
    request.maxAttempts = 1;
    request.messages = {userWithImage(withImage)};
    return request;
}

} // namespace

class AttachmentTurnTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void imageIsSentAndTimingIsSaved()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("keel.sqlite"));
        qint64 conversation = 0;
        qint64 replyId = 0;
        {
            Database db;
            QVERIFY(db.open(path));
            conversation = db.createConversation({})->id;
            StoredMessage user;
            user.conversationId = conversation;
            user.content = QStringLiteral("What is in the picture?");
            user.attachments = userWithImage(true).attachments;
            const auto stored = db.appendMessage(user);
            QVERIFY(stored);
            StoredMessage reply;
            reply.conversationId = conversation;
            reply.parentId = stored->id;
            reply.role = Role::Assistant;
            reply.status = MessageStatus::Streaming;
            replyId = db.appendMessage(reply)->id;
        }

        LoopbackLlmServer server;
        // Silence before the first token, then more time before the end: both must show.
        server.enqueue(Response::sse(
            {Step::sendHeaders(), Step::delay(400),
             Step::send(LoopbackLlmServer::openAiChunk(QStringLiteral("A red"))), Step::delay(300),
             Step::send(LoopbackLlmServer::openAiChunk(QStringLiteral(" dot."))),
             Step::send(LoopbackLlmServer::openAiFinish()),
             Step::send(LoopbackLlmServer::openAiUsage(9, 2)),
             Step::send(LoopbackLlmServer::openAiDone())}));

        StoreThread storeThread;
        storeThread.start();
        Store* store = storeThread.store();
        // Queued before anything the turn saves, so it runs first on the store thread.
        QMetaObject::invokeMethod(
            store, [store, path] { store->open(path); }, Qt::QueuedConnection);
        TurnHarness harness(store);
        TurnRequest request = requestFor(server, QStringLiteral("gpt-4o"), true);
        request.persistMessageId = replyId;
        const std::optional<TurnResult> result = harness.run(request);
        QVERIFY(result);
        QCOMPARE(result->outcome, TurnOutcome::Complete);
        QCOMPARE(result->text, QStringLiteral("A red dot."));
        QVERIFY2(result->firstTokenMs >= 350, qPrintable(QString::number(result->firstTokenMs)));
        QVERIFY2(result->durationMs >= result->firstTokenMs + 250,
                 qPrintable(
                     QStringLiteral("%1 / %2").arg(result->firstTokenMs).arg(result->durationMs)));

        // The server got the image as OpenAI image input.
        QCOMPARE(server.requestCount(), 1);
        const QJsonArray messages =
            server.requests().first().jsonBody()[QLatin1String("messages")].toArray();
        const QJsonArray content = messages.last().toObject()[QLatin1String("content")].toArray();
        QCOMPARE(content.size(), 2);
        QCOMPARE(content[1]
                     .toObject()[QLatin1String("image_url")]
                     .toObject()[QLatin1String("url")]
                     .toString(),
                 QStringLiteral("data:image/png;base64,") + QString::fromLatin1(png().toBase64()));

        harness.stop();
        storeThread.stop(); // the final save, queued before, is written first
        Database db;
        QVERIFY(db.open(path));
        const auto saved = db.message(replyId);
        QVERIFY(saved);
        QCOMPARE(saved->status, MessageStatus::Complete);
        QCOMPARE(saved->content, QStringLiteral("A red dot."));
        QCOMPARE(saved->firstTokenMs, result->firstTokenMs);
        QCOMPARE(saved->durationMs, result->durationMs);
        QCOMPARE(db.message(saved->parentId)->attachments.first().data, png());
    }

    void imageRefusalIsExplained()
    {
        LoopbackLlmServer server;
        const QString refusal =
            QStringLiteral("Invalid content type. image_url is only supported by certain models.");
        server.setDefault(Response::openAiError(400, refusal));
        TurnHarness harness;

        const std::optional<TurnResult> withImage =
            harness.run(requestFor(server, QStringLiteral("gpt-3.5-turbo"), true));
        QVERIFY(withImage);
        QCOMPARE(withImage->outcome, TurnOutcome::Error);
        QCOMPARE(withImage->error.kind, ErrorKind::InvalidRequest);
        QCOMPARE(withImage->error.httpStatus, 400);
        const QString explanation = imagesNotAcceptedMessage(QStringLiteral("gpt-3.5-turbo"));
        QVERIFY2(withImage->error.message.startsWith(explanation),
                 qPrintable(withImage->error.message));
        QVERIFY(withImage->error.message.contains(refusal));
        QCOMPARE(withImage->firstTokenMs, qint64(-1)); // no token came

        // The same answer to a request without images is not about images.
        const std::optional<TurnResult> withoutImage =
            harness.run(requestFor(server, QStringLiteral("gpt-3.5-turbo"), false));
        QVERIFY(withoutImage);
        QCOMPARE(withoutImage->outcome, TurnOutcome::Error);
        QVERIFY(!withoutImage->error.message.contains(explanation));
        QVERIFY(withoutImage->error.message.contains(refusal));
        QCOMPARE(server.requestCount(), 2);
    }
};

QTEST_GUILESS_MAIN(AttachmentTurnTest)
#include "AttachmentTurnTest.moc"
