// AttachmentWireTest: a user message with attachments in the request body of each provider kind
// (images as each API's image input with the exact bytes in base64, text files inlined as fenced
// blocks), plain string content when there is no image, the table of models known to read images
// or not, and a provider's 400 about images turned into a clear message.
#include "chat/Attachment.h"
#include "providers/ModelCapabilities.h"
#include "providers/Provider.h"
#include "providers/ProviderErrors.h"
#include "tests/support/RequestInspection.h"

#include <QTest>

#include <nlohmann/json.hpp>

using namespace keel::core;
using namespace keel::test;
using nlohmann::json;

namespace {

QByteArray png()
{
    return QByteArray::fromBase64("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhf"
                                  "DwAChwGA60e6kgAAAABJRU5ErkJggg==");
}

QByteArray gif()
{
    return QByteArray::fromBase64("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");
}

Attachment image(const QString& name, const QByteArray& bytes)
{
    const AttachmentLoad load = attachmentFromBytes(name, bytes);
    return load.attachment.value_or(Attachment{});
}

Attachment notes()
{
    return *attachmentFromBytes(QStringLiteral("notes.md"), "Totals: ```42```\n").attachment;
}

const QString question = QStringLiteral("What is in this picture?");

// The inlined text every kind must send for the question with notes.md.
QString inlinedText()
{
    return textWithAttachments(question, {notes()});
}

TurnRequest request(const QString& kind, QList<Attachment> attachments)
{
    TurnRequest request;
    request.turnId = QStringLiteral("t1");
    request.provider.kind = kind;
    request.provider.baseUrl = QStringLiteral("http://127.0.0.1:9");
    request.model = QStringLiteral("vision-model");
    ChatMessage user(Role::User, question);
    user.attachments = std::move(attachments);
    request.messages = {{Role::User, QStringLiteral("Earlier question")},
                        {Role::Assistant, QStringLiteral("Earlier answer")},
                        user};
    return request;
}

json body(const TurnRequest& turn)
{
    const std::unique_ptr<Provider> provider = createProvider(turn.provider.kind);
    if (!provider)
        return json();
    return parseBody(provider->buildRequest(turn));
}

QByteArray decoded(const json& base64)
{
    if (!base64.is_string())
        return {};
    const std::string text = base64.get<std::string>();
    return QByteArray::fromBase64(QByteArray(text.data(), qsizetype(text.size())),
                                  QByteArray::AbortOnBase64DecodingErrors);
}

QString str(const json& value)
{
    return value.is_string() ? QString::fromStdString(value.get<std::string>()) : QString();
}

QByteArray dumped(const json& body)
{
    return QByteArray::fromStdString(body.dump());
}

TurnError refusal(int status, const QByteArray& body)
{
    ProviderConfig config;
    config.baseUrl = QStringLiteral("http://127.0.0.1:9");
    return httpError(responseHead(status), body, config);
}

} // namespace

class AttachmentWireTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void openAiContentParts()
    {
        const json root =
            body(request(QStringLiteral("openai"), {image(QStringLiteral("a.png"), png()), notes(),
                                                    image(QStringLiteral("b.gif"), gif())}));
        const json& messages = root["messages"];
        QCOMPARE(messages.size(), size_t(3));
        QVERIFY(messages[0]["content"].is_string()); // earlier turns stay plain
        QVERIFY(messages[1]["content"].is_string());
        const json& content = messages[2]["content"];
        QVERIFY(content.is_array());
        QCOMPARE(content.size(), size_t(3));
        QCOMPARE(str(content[0]["type"]), QStringLiteral("text"));
        QCOMPARE(str(content[0]["text"]), inlinedText());
        QCOMPARE(str(content[1]["type"]), QStringLiteral("image_url"));
        const QString url = str(content[1]["image_url"]["url"]);
        QVERIFY2(url.startsWith(QLatin1String("data:image/png;base64,")), qPrintable(url));
        QCOMPARE(QByteArray::fromBase64(url.mid(22).toLatin1()), png());
        QCOMPARE(str(content[2]["image_url"]["url"]),
                 QStringLiteral("data:image/gif;base64,") + QString::fromLatin1(gif().toBase64()));
    }

    void openAiWithoutImagesKeepsAString()
    {
        const json withText = body(request(QStringLiteral("openai"), {notes()}));
        QVERIFY(withText["messages"][2]["content"].is_string());
        QCOMPARE(str(withText["messages"][2]["content"]), inlinedText());
        QVERIFY(inlinedText().contains(QLatin1String("notes.md\n````markdown\n")));

        const json plain = body(request(QStringLiteral("openai"), {}));
        QCOMPARE(str(plain["messages"][2]["content"]), question);
    }

    void anthropicImageBlocksBeforeText()
    {
        const json root = body(
            request(QStringLiteral("anthropic"), {image(QStringLiteral("a.png"), png()), notes()}));
        const json& messages = root["messages"];
        QCOMPARE(messages.size(), size_t(3));
        QVERIFY(messages[0]["content"].is_string());
        const json& content = messages[2]["content"];
        QCOMPARE(str(messages[2]["role"]), QStringLiteral("user"));
        QVERIFY(content.is_array());
        QCOMPARE(content.size(), size_t(2));
        QCOMPARE(str(content[0]["type"]), QStringLiteral("image"));
        QCOMPARE(str(content[0]["source"]["type"]), QStringLiteral("base64"));
        QCOMPARE(str(content[0]["source"]["media_type"]), QStringLiteral("image/png"));
        QCOMPARE(decoded(content[0]["source"]["data"]), png());
        QCOMPARE(str(content[1]["type"]), QStringLiteral("text"));
        QCOMPARE(str(content[1]["text"]), inlinedText());

        // Without images the text travels as a plain string, as before.
        const json text = body(request(QStringLiteral("anthropic"), {notes()}));
        QCOMPARE(str(text["messages"][2]["content"]), inlinedText());
    }

    void geminiInlineDataParts()
    {
        const json root =
            body(request(QStringLiteral("gemini"), {image(QStringLiteral("a.png"), png()), notes(),
                                                    image(QStringLiteral("b.gif"), gif())}));
        const json& contents = root["contents"];
        QCOMPARE(contents.size(), size_t(3));
        QCOMPARE(str(contents[2]["role"]), QStringLiteral("user"));
        const json& parts = contents[2]["parts"];
        QCOMPARE(parts.size(), size_t(3));
        QCOMPARE(str(parts[0]["inlineData"]["mimeType"]), QStringLiteral("image/png"));
        QCOMPARE(decoded(parts[0]["inlineData"]["data"]), png());
        QCOMPARE(str(parts[1]["inlineData"]["mimeType"]), QStringLiteral("image/gif"));
        QCOMPARE(decoded(parts[1]["inlineData"]["data"]), gif());
        QCOMPARE(str(parts[2]["text"]), inlinedText());
        QVERIFY(!parts[0].contains("inline_data")); // one casing, the one the rest uses
    }

    void ollamaImagesArray()
    {
        const json root =
            body(request(QStringLiteral("ollama"), {image(QStringLiteral("a.png"), png()), notes(),
                                                    image(QStringLiteral("b.gif"), gif())}));
        const json& messages = root["messages"];
        QCOMPARE(messages.size(), size_t(3));
        QVERIFY(!messages[0].contains("images"));
        const json& user = messages[2];
        QCOMPARE(str(user["content"]), inlinedText());
        QVERIFY(user["images"].is_array());
        QCOMPARE(user["images"].size(), size_t(2));
        QCOMPARE(decoded(user["images"][0]), png());
        QCOMPARE(decoded(user["images"][1]), gif());
    }

    void imageOnlyMessage_data()
    {
        QTest::addColumn<QString>("kind");
        for (const char* kind : {"openai", "anthropic", "gemini", "ollama"})
            QTest::newRow(kind) << QString::fromLatin1(kind);
    }
    void imageOnlyMessage()
    {
        // An image sent without a word: no empty text part (several APIs refuse one).
        QFETCH(QString, kind);
        TurnRequest turn = request(kind, {image(QStringLiteral("a.png"), png())});
        turn.messages.last().content.clear();
        const QByteArray bodyText = createProvider(kind)->buildRequest(turn).body;
        QVERIFY(bodyText.contains(png().toBase64()));
        QVERIFY2(!bodyText.contains("\"text\":\"\""), bodyText.constData());
    }

    void acceptsImagesTable_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("model");
        QTest::addColumn<int>("expected"); // 1 true, 0 false, -1 unknown
        const QList<std::tuple<const char*, const char*, int>> cases = {
            {"openai", "gpt-4o", 1},
            {"openai", "gpt-4o-mini-2024-07-18", 1},
            {"openai", "gpt-4.1-nano", 1},
            {"openai", "gpt-4-turbo", 1},
            {"openai", "gpt-5", 1},
            {"openai", "o1", 1},
            {"openai", "o3", 1},
            {"openai", "o4-mini", 1},
            {"openai", "gpt-3.5-turbo", 0},
            {"openai", "gpt-4", 0},
            {"openai", "o1-mini", 0},
            {"openai", "o1-preview", 0},
            {"openai", "o3-mini", 0},
            {"openai", "openai/gpt-4o", 1},
            {"openai", "anthropic/claude-3.5-sonnet", 1},
            {"openai", "meta-llama/llama-3.2-11b-vision-instruct:free", 1},
            {"openai", "deepseek-chat", 0},
            {"openai", "deepseek-reasoner", 0},
            {"openai", "mistral-small-latest", -1},
            {"openai", "pixtral-12b-2409", 1},
            {"anthropic", "claude-3-5-sonnet-20241022", 1},
            {"anthropic", "claude-3-haiku-20240307", 1},
            {"anthropic", "claude-sonnet-4-20250514", 1},
            {"anthropic", "claude-opus-4-1", 1},
            {"anthropic", "claude-2.1", 0},
            {"gemini", "gemini-2.5-flash", 1},
            {"gemini", "models/gemini-1.5-pro", 1},
            {"gemini", "gemini-embedding-001", -1},
            {"ollama", "llava:13b", 1},
            {"ollama", "bakllava", 1},
            {"ollama", "llama3.2-vision:11b", 1},
            {"ollama", "qwen2.5vl:7b", 1},
            {"ollama", "gemma3:4b", 1},
            {"ollama", "gemma3:1b", -1},
            {"ollama", "llama4:scout", 1},
            {"ollama", "minicpm-v", 1},
            {"ollama", "moondream:latest", 1},
            {"ollama", "deepseek-r1:7b", 0},
            {"ollama", "codellama:13b", 0},
            {"ollama", "mistral:7b", 0},
            {"ollama", "llama2", 0},
            {"ollama", "llama3:8b", 0},
            {"ollama", "llama3.1:70b", 0},
            {"ollama", "qwen2.5:14b", 0},
            {"ollama", "qwen2.5-coder:7b", 0},
            {"ollama", "phi4", -1},
            {"ollama", "my-own-finetune", -1},
            {"openai", "", -1},
        };
        for (const auto& [kind, model, expected] : cases)
            QTest::addRow("%s %s", kind, model)
                << QString::fromLatin1(kind) << QString::fromLatin1(model) << expected;
    }
    void acceptsImagesTable()
    {
        QFETCH(QString, kind);
        QFETCH(QString, model);
        QFETCH(int, expected);
        const std::optional<bool> answer = acceptsImages(kind, model);
        const int actual = answer ? int(*answer) : -1;
        QCOMPARE(actual, expected);
    }

    void notAcceptedMessageNamesTheModel()
    {
        const QString message = imagesNotAcceptedMessage(QStringLiteral("gpt-3.5-turbo"));
        QVERIFY(message.startsWith(QLatin1String("gpt-3.5-turbo does not accept images.")));
        QVERIFY(message.contains(QLatin1String("Remove the image")));
    }

    void imageRefusalMapping_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("hadImages");
        QTest::addColumn<bool>("mapped");
        // Error bodies built as JSON: moc misreads raw string literals.
        const QByteArray openAi = dumped(json{
            {"error",
             {{"message", "Invalid content type. image_url is only supported by certain models."},
              {"type", "invalid_request_error"}}}});
        const QByteArray ollama = dumped(json{{"error", "llama3.1 does not support images"}});
        const QByteArray vllm = dumped(json{{"message", "This model is not multimodal"}});
        const QByteArray other = dumped(json{{"error", {{"message", "Unknown parameter: foo"}}}});
        const QByteArray tools =
            dumped(json{{"error", "registry.ollama.ai/library/gemma:2b does not support tools"}});
        QTest::newRow("openai 400") << 400 << openAi << true << true;
        QTest::newRow("ollama 400") << 400 << ollama << true << true;
        QTest::newRow("vllm 422") << 422 << vllm << true << true;
        QTest::newRow("415 media type")
            << 415 << QByteArray("unsupported image format") << true << true;
        QTest::newRow("no images sent") << 400 << openAi << false << false;
        QTest::newRow("other 400") << 400 << other << true << false;
        QTest::newRow("tools 400") << 400 << tools << true << false;
        QTest::newRow("500 naming images") << 500 << openAi << true << false;
        QTest::newRow("404") << 404 << ollama << true << false;
        // Anthropic reads images; this one is only too large for it.
        QTest::newRow("size limit")
            << 400
            << dumped(json{{"type", "error"},
                           {"error",
                            {{"type", "invalid_request_error"},
                             {"message", "messages.0.content.0.image.source.base64: image "
                                         "exceeds 5 MB maximum: 7340032 bytes > 5242880 bytes"}}}})
            << true << false;
    }

    void knownVisionModelsAreNotToldTheyReadNoImages()
    {
        const TurnError plain = refusal(
            400, dumped(json{{"error",
                              {{"message", "You uploaded an unsupported image. Please make sure "
                                           "your image is valid."}}}}));
        QVERIFY(isImageRefusal(plain));
        QCOMPARE(withImageRefusal(plain, QStringLiteral("openai"), QStringLiteral("gpt-4o"), true)
                     .message,
                 plain.message);
        QVERIFY(withImageRefusal(plain, QStringLiteral("openai"), QStringLiteral("my-model"), true)
                    .message.startsWith(imagesNotAcceptedMessage(QStringLiteral("my-model"))));
    }
    void imageRefusalMapping()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(bool, hadImages);
        QFETCH(bool, mapped);
        const TurnError plain = refusal(status, body);
        const TurnError error = withImageRefusal(plain, QStringLiteral("ollama"),
                                                 QStringLiteral("llama3.1"), hadImages);
        const QString prefix = imagesNotAcceptedMessage(QStringLiteral("llama3.1"));
        if (mapped) {
            QVERIFY2(error.message.startsWith(prefix + u' '), qPrintable(error.message));
            // The provider's own words follow.
            QVERIFY2(error.message.endsWith(plain.message), qPrintable(error.message));
            QVERIFY(!error.retryable);
        } else {
            QCOMPARE(error.message, plain.message);
        }
        QCOMPARE(error.httpStatus, status);
        QCOMPARE(error.kind, plain.kind);
        if (hadImages)
            QCOMPARE(isImageRefusal(plain), mapped);
    }
};

QTEST_GUILESS_MAIN(AttachmentWireTest)
#include "AttachmentWireTest.moc"
