// AttachmentChatTest: the attachments promise, end to end in the window composed as the
// app composes it (Settings on a temporary profile, the store and the Engine on their threads,
// wired by ui::wireWindowToEngine). For each provider kind (the loopback server speaking it): a
// PNG and a .py file attached through the real path (the strip's loader, as the Attach button
// does) are sent: the request carries the image in that kind's format with exactly the file's
// bytes, and the code inlined as a fenced block; the transcript shows the thumbnail, also after
// the conversation is reopened from the store, and the next turn sends the image again. Also:
// a pasted image becomes a chip; a model known not to read images refuses with its message,
// keeps the text and the chips and sends nothing; a binary file and one file too many get a
// notice; a message of attachments only can be sent.
#include "CoreThread.h"
#include "Engine.h"
#include "GuiHarness.h"
#include "LoopbackLlmServer.h"
#include "MetaTypes.h"
#include "ToolScripts.h"
#include "providers/ModelCapabilities.h"
#include "settings/SecretStore.h"
#include "settings/Settings.h"
#include "settings/SettingsThread.h"
#include "store/Store.h"
#include "store/StoreClient.h"
#include "store/StorePaths.h"
#include "store/StoreThread.h"
#include "ui/AttachmentStrip.h"
#include "ui/AttachmentThumbnails.h"
#include "ui/ChatSettings.h"
#include "ui/Composer.h"
#include "ui/ConversationController.h"
#include "ui/EngineWiring.h"
#include "ui/MainWindow.h"
#include "ui/MessageWidget.h" // TranscriptView.h uses it inline
#include "ui/StatusLine.h"
#include "ui/TranscriptView.h"

#include <QAbstractButton>
#include <QFile>
#include <QJsonArray>
#include <QMimeData>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace keel;
using namespace keel::test;

namespace {

struct Harness : GuiHarness {
    using GuiHarness::GuiHarness;
    ui::AttachmentStrip* strip() const { return window->attachmentStrip(); }
    ui::ConversationController* controller() const { return window->controller(); }
};

struct SentImage {
    QString mimeType{}; // "" where the format carries none (Ollama)
    QByteArray base64{};
};

// A user message as the request sent it, in any kind's format: its text parts joined, and its
// images.
struct SentUserMessage {
    QString text{};
    QList<SentImage> images{};
};

QList<SentUserMessage> userMessagesIn(const QString& kind, const QJsonObject& body)
{
    QList<SentUserMessage> out;
    const bool gemini = kind == QLatin1String("gemini");
    const QJsonArray messages =
        body.value(gemini ? QStringLiteral("contents") : QStringLiteral("messages")).toArray();
    for (const QJsonValue& value : messages) {
        const QJsonObject message = value.toObject();
        if (message.value(QStringLiteral("role")).toString() != QLatin1String("user"))
            continue;
        SentUserMessage sent;
        if (gemini) {
            for (const QJsonValue& partValue : message.value(QStringLiteral("parts")).toArray()) {
                const QJsonObject part = partValue.toObject();
                sent.text += part.value(QStringLiteral("text")).toString();
                QJsonObject inline_ = part.value(QStringLiteral("inlineData")).toObject();
                if (inline_.isEmpty())
                    inline_ = part.value(QStringLiteral("inline_data")).toObject();
                if (!inline_.isEmpty()) {
                    QString mime = inline_.value(QStringLiteral("mimeType")).toString();
                    if (mime.isEmpty())
                        mime = inline_.value(QStringLiteral("mime_type")).toString();
                    sent.images.append(
                        {mime, inline_.value(QStringLiteral("data")).toString().toLatin1()});
                }
            }
        } else if (kind == QLatin1String("ollama")) {
            sent.text = message.value(QStringLiteral("content")).toString();
            for (const QJsonValue& image : message.value(QStringLiteral("images")).toArray())
                sent.images.append({QString(), image.toString().toLatin1()});
        } else {
            const QJsonValue content = message.value(QStringLiteral("content"));
            if (content.isString())
                sent.text = content.toString();
            for (const QJsonValue& partValue : content.toArray()) {
                const QJsonObject part = partValue.toObject();
                const QString type = part.value(QStringLiteral("type")).toString();
                if (type == QLatin1String("text"))
                    sent.text += part.value(QStringLiteral("text")).toString();
                if (type == QLatin1String("image_url")) { // OpenAI: a data URL
                    const QString url = part.value(QStringLiteral("image_url"))
                                            .toObject()
                                            .value(QStringLiteral("url"))
                                            .toString();
                    const QString head = url.section(QLatin1Char(','), 0, 0); // data:MIME;base64
                    sent.images.append({head.mid(5).section(QLatin1Char(';'), 0, 0),
                                        url.section(QLatin1Char(','), 1).toLatin1()});
                }
                if (type == QLatin1String("image")) { // Anthropic: a base64 source
                    const QJsonObject source = part.value(QStringLiteral("source")).toObject();
                    sent.images.append(
                        {source.value(QStringLiteral("media_type")).toString(),
                         source.value(QStringLiteral("data")).toString().toLatin1()});
                }
            }
        }
        out.append(sent);
    }
    return out;
}

QList<ReceivedRequest> chatRequests(const LoopbackLlmServer& server)
{
    QList<ReceivedRequest> out;
    for (const ReceivedRequest& request : server.requests()) {
        if (request.method == "POST")
            out.append(request);
    }
    return out;
}

QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& bytes)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        qWarning("cannot write %s", qPrintable(path));
    return path;
}

QString writePng(const QTemporaryDir& dir, const QString& name, QSize size)
{
    QImage image(size, QImage::Format_RGB32);
    image.fill(QColor(200, 30, 40));
    const QString path = dir.filePath(name);
    if (!image.save(path, "PNG"))
        qWarning("cannot write %s", qPrintable(path));
    return path;
}

QByteArray readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

ui::MessageWidget* firstUserMessage(ui::MainWindow& window)
{
    for (int i = 0; i < window.transcript()->messageCount(); ++i) {
        if (window.transcript()->messageAt(i)->role() == core::Role::User)
            return window.transcript()->messageAt(i);
    }
    return nullptr;
}

// The first user message shows exactly one image thumbnail, decoded, and `files` file chips.
bool showsThumbnail(ui::MainWindow& window, int files)
{
    ui::MessageWidget* user = firstUserMessage(window);
    if (user == nullptr || user->attachmentRow() == nullptr || !user->attachmentRow()->isVisible())
        return false;
    const QList<ui::ImageThumbnail*> thumbnails = user->attachmentRow()->imageThumbnails();
    return thumbnails.size() == 1 && thumbnails.first()->isDecoded()
           && user->attachmentRow()->fileChips().size() == files;
}

const QByteArray kCode = "def answer():\n    return 42\n";

} // namespace

class AttachmentChatTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { prepareGuiTestProcess(); }

    void init()
    {
        m_home = temporaryProfile();
        QVERIFY(m_home);
    }
    void cleanup() { m_home.reset(); }

    void imageAndFileAreSentInEachFormat_data()
    {
        QTest::addColumn<QString>("kind");
        for (const char* kind : {"openai", "anthropic", "gemini", "ollama"})
            QTest::newRow(kind) << QString::fromLatin1(kind);
    }
    void imageAndFileAreSentInEachFormat()
    {
        QFETCH(QString, kind);
        LoopbackLlmServer server;
        server.enqueue(textResponse(kind, {"A red ", "rectangle."}));
        server.enqueue(textResponse(kind, {"Still ", "red."}));
        Harness h(m_home->path());
        QVERIFY(h.addProvider(kind, server, QStringLiteral("vision-test-model")));

        const QString png = writePng(*m_home, QStringLiteral("red.png"), {48, 24});
        const QString code = writeFile(*m_home, QStringLiteral("answer.py"), kCode);
        h.strip()->addFiles({png, code});
        QTRY_COMPARE_WITH_TIMEOUT(h.strip()->count(), 2, 10000);
        QVERIFY(!h.strip()->isLoading());
        QVERIFY(h.strip()->isVisible());
        QVERIFY(h.strip()->chips().at(0)->hasThumbnail()); // scaled on the worker pool
        QCOMPARE(h.strip()->chips().at(1)->attachment().fileName, QStringLiteral("answer.py"));

        ui::Composer* composer = h.window->composer();
        composer->setFocus();
        QTest::keyClicks(composer, QStringLiteral("What is this?"));
        QTest::keyClick(composer, Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(chatRequests(server).size() == 1 && !h.window->isTurnActive(),
                                 30000);
        QCOMPARE(h.window->lastReplyText(), QStringLiteral("A red rectangle."));
        QVERIFY(h.strip()->isEmpty()); // accepted: the chips went with the message
        QVERIFY(composer->toPlainText().isEmpty());

        const QList<SentUserMessage> sent =
            userMessagesIn(kind, chatRequests(server).at(0).jsonBody());
        QCOMPARE(sent.size(), 1);
        QCOMPARE(sent.at(0).images.size(), 1);
        QCOMPARE(QByteArray::fromBase64(sent.at(0).images.at(0).base64), readFile(png));
        if (kind != QLatin1String("ollama"))
            QCOMPARE(sent.at(0).images.at(0).mimeType, QStringLiteral("image/png"));
        const QString text = sent.at(0).text;
        QVERIFY2(text.contains(QStringLiteral("What is this?")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("answer.py")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("```python\n") + QString::fromUtf8(kCode)),
                 qPrintable(text));

        // The transcript shows the thumbnail (decoded off the GUI thread) and the file.
        QTRY_VERIFY_WITH_TIMEOUT(showsThumbnail(*h.window, 1), 10000);

        // Reopened from the store, the thumbnail is there again, and the next turn sends the
        // image again: the model remembers nothing between requests.
        ui::ConversationController* controller = h.controller();
        const qint64 conversation = controller->conversationId();
        QVERIFY(conversation > 0);
        QVERIFY(controller->newConversation());
        QTRY_COMPARE(h.window->transcript()->messageCount(), 0);
        QVERIFY(controller->openConversation(conversation));
        QTRY_COMPARE_WITH_TIMEOUT(h.window->transcript()->messageCount(), 2, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(showsThumbnail(*h.window, 1), 10000);
        QCOMPARE(controller->messageAt(0).attachments.size(), 2);
        QCOMPARE(controller->messageAt(0).attachments.at(0).data, readFile(png));

        h.window->sendText(QStringLiteral("And now?"));
        QTRY_VERIFY_WITH_TIMEOUT(chatRequests(server).size() == 2 && !h.window->isTurnActive(),
                                 30000);
        const QList<SentUserMessage> again =
            userMessagesIn(kind, chatRequests(server).at(1).jsonBody());
        QCOMPARE(again.size(), 2);
        QCOMPARE(again.at(0).images.size(), 1);
        QCOMPARE(QByteArray::fromBase64(again.at(0).images.at(0).base64), readFile(png));
        QVERIFY(again.at(0).text.contains(QStringLiteral("answer.py")));
        QCOMPARE(again.at(1).images.size(), 0);
    }

    void pastedImageBecomesAChip()
    {
        Harness h(m_home->path());
        QImage picture(30, 20, QImage::Format_RGB32);
        picture.fill(Qt::blue);
        QMimeData data;
        data.setImageData(picture);
        ui::Composer* composer = h.window->composer();
        QVERIFY(composer->canInsertFromMimeData(&data));
        composer->insertFromMimeData(&data);
        QTRY_COMPARE_WITH_TIMEOUT(h.strip()->count(), 1, 10000);
        const core::Attachment attachment = h.strip()->attachments().first();
        QVERIFY(attachment.isImage());
        QCOMPARE(attachment.mimeType, QStringLiteral("image/png"));
        QCOMPARE(QImage::fromData(attachment.data).size(), QSize(30, 20));
        QVERIFY(h.strip()->chips().first()->hasThumbnail());
        QVERIFY(composer->toPlainText().isEmpty());

        // Plain text still pastes as text.
        QMimeData text;
        text.setText(QStringLiteral("some words"));
        composer->insertFromMimeData(&text);
        QCOMPARE(composer->toPlainText(), QStringLiteral("some words"));
        QCOMPARE(h.strip()->count(), 1);
    }

    void textOnlyModelRefusesImages()
    {
        LoopbackLlmServer server;
        server.setDefault(textResponse(QStringLiteral("openai"), {"Plain ", "answer."}));
        Harness h(m_home->path());
        const QString model = QStringLiteral("gpt-3.5-turbo");
        QVERIFY(h.addProvider(QStringLiteral("openai"), server, model));
        QCOMPARE(core::acceptsImages(QStringLiteral("openai"), model), std::optional<bool>(false));

        h.strip()->addFiles({writePng(*m_home, QStringLiteral("photo.png"), {16, 16})});
        QTRY_COMPARE_WITH_TIMEOUT(h.strip()->count(), 1, 10000);
        ui::Composer* composer = h.window->composer();
        composer->setFocus();
        QTest::keyClicks(composer, QStringLiteral("Describe it"));
        QTest::keyClick(composer, Qt::Key_Return);

        QCOMPARE(h.window->statusLine()->fullText(), core::imagesNotAcceptedMessage(model));
        QCOMPARE(composer->toPlainText(), QStringLiteral("Describe it"));
        QCOMPARE(h.strip()->count(), 1);
        QCOMPARE(h.controller()->messageCount(), 0);
        QVERIFY(!h.window->isTurnActive());
        // Proving an absence: the refusal is synchronous, but give anything queued a bounded
        // moment to reach the server anyway.
        QVERIFY(!server.waitForRequests(1, 500));
        QCOMPARE(server.requestCount(), 0);

        // Without the image the same model answers: the route works, so the silence above was
        // the refusal's.
        QTest::mouseClick(h.strip()->chips().first()->removeButton(), Qt::LeftButton);
        QCOMPARE(h.strip()->count(), 0);
        composer->setFocus();
        QTest::keyClick(composer, Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(server.requestCount() == 1 && !h.window->isTurnActive(), 30000);
        QCOMPARE(h.window->lastReplyText(), QStringLiteral("Plain answer."));
    }

    void unusableFilesGiveANotice()
    {
        Harness h(m_home->path());
        const QString binary =
            writeFile(*m_home, QStringLiteral("blob.bin"), QByteArray("\x00\x01\x02\xff\xfe", 5));
        const QString expected = core::attachmentFromFile(binary).error;
        QVERIFY(!expected.isEmpty());
        h.strip()->addFiles({binary});
        QTRY_VERIFY_WITH_TIMEOUT(!h.strip()->isLoading(), 10000);
        QCOMPARE(h.strip()->count(), 0);
        QCOMPARE(h.window->statusLine()->fullText(), expected);
        QVERIFY(expected.contains(QStringLiteral("blob.bin")));

        // One file more than a message may carry: the rest is attached, the extra one named.
        QStringList files;
        for (int i = 0; i <= core::kMaxAttachments; ++i)
            files.append(writeFile(*m_home, QStringLiteral("part%1.txt").arg(i), "text"));
        h.strip()->addFiles(files);
        const QString extra = QStringLiteral("part%1.txt").arg(core::kMaxAttachments);
        QVERIFY(h.window->statusLine()->fullText().contains(extra));
        QTRY_COMPARE_WITH_TIMEOUT(h.strip()->count(), core::kMaxAttachments, 10000);
    }

    void attachmentsOnlyMessageIsSent()
    {
        LoopbackLlmServer server;
        server.enqueue(textResponse(QStringLiteral("anthropic"), {"Got ", "it."}));
        Harness h(m_home->path());
        QVERIFY(h.addProvider(QStringLiteral("anthropic"), server, QStringLiteral("vision-x")));
        h.strip()->addFiles({writeFile(*m_home, QStringLiteral("todo.md"), "- [ ] ship\n")});
        QTRY_COMPARE_WITH_TIMEOUT(h.strip()->count(), 1, 10000);
        ui::Composer* composer = h.window->composer();
        QVERIFY(composer->toPlainText().isEmpty());
        composer->setFocus();
        QTest::keyClick(composer, Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(server.requestCount() == 1 && !h.window->isTurnActive(), 30000);
        const QList<SentUserMessage> sent =
            userMessagesIn(QStringLiteral("anthropic"), chatRequests(server).at(0).jsonBody());
        QCOMPARE(sent.size(), 1);
        QVERIFY2(sent.at(0).text.contains(QStringLiteral("- [ ] ship")),
                 qPrintable(sent.at(0).text));
        QCOMPARE(h.window->windowTitle(), QStringLiteral("todo.md — Keel"));
    }

private:
    std::unique_ptr<QTemporaryDir> m_home;
};

QTEST_MAIN(AttachmentChatTest)
#include "AttachmentChatTest.moc"
