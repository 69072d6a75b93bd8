// AttachmentTest: what a file is by its bytes (PNG, JPEG, WebP, GIF, UTF-8 text, anything else
// refused in words), the caps (a too large image refused, long text cut at a character boundary
// with a warning), reading from disk, and the fenced text the model reads.
#include "chat/Attachment.h"

#include <QFile>
#include <QStringDecoder>
#include <QTemporaryDir>
#include <QTest>

using namespace keel::core;

namespace {

// Real 1x1 images, as small as their formats allow.
QByteArray png()
{
    return QByteArray::fromBase64("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhf"
                                  "DwAChwGA60e6kgAAAABJRU5ErkJggg==");
}

QByteArray gif89()
{
    return QByteArray::fromBase64("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");
}

QByteArray webp()
{
    return QByteArray::fromBase64("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");
}

// The JFIF header of a baseline JPEG (SOI, APP0) and its end marker.
QByteArray jpeg()
{
    return QByteArray::fromHex("FFD8FFE000104A46494600010100000100010000FFD9");
}

bool validUtf8(const QByteArray& bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8);
    const QString text = decoder.decode(bytes);
    return !decoder.hasError() && text.toUtf8() == bytes;
}

Attachment textAttachment(const QString& name, const QByteArray& content)
{
    Attachment attachment;
    attachment.kind = Attachment::Kind::Text;
    attachment.fileName = name;
    attachment.mimeType = QStringLiteral("text/plain");
    attachment.data = content;
    attachment.originalSize = content.size();
    return attachment;
}

} // namespace

class AttachmentTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void sniffsEachImageFormat_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("mime");
        QTest::newRow("png") << png() << QStringLiteral("image/png");
        QTest::newRow("jpeg") << jpeg() << QStringLiteral("image/jpeg");
        QTest::newRow("webp") << webp() << QStringLiteral("image/webp");
        QTest::newRow("gif89a") << gif89() << QStringLiteral("image/gif");
        QByteArray gif87 = gif89();
        gif87[4] = '7';
        QTest::newRow("gif87a") << gif87 << QStringLiteral("image/gif");
    }
    void sniffsEachImageFormat()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, mime);
        QCOMPARE(imageMimeType(bytes), mime);
        // The name does not decide: a PNG called .txt is still a PNG.
        const AttachmentLoad load =
            attachmentFromBytes(QStringLiteral("/tmp/x/picture.txt"), bytes);
        QVERIFY2(load.attachment, qPrintable(load.error));
        QVERIFY(load.error.isEmpty());
        QVERIFY(load.warning.isEmpty());
        QCOMPARE(load.attachment->kind, Attachment::Kind::Image);
        QVERIFY(load.attachment->isImage());
        QCOMPARE(load.attachment->mimeType, mime);
        QCOMPARE(load.attachment->data, bytes);
        QCOMPARE(load.attachment->originalSize, qint64(bytes.size()));
        QCOMPARE(load.attachment->fileName, QStringLiteral("picture.txt")); // no directories
        QVERIFY(!load.attachment->truncated);
        QVERIFY(hasImages({*load.attachment}));
    }

    void nearMissesAreNotImages()
    {
        QCOMPARE(imageMimeType(QByteArray("RIFF\x1a\0\0\0WAVEfmt ", 16)), QString()); // a WAV
        QCOMPARE(imageMimeType("RIFF"), QString());
        QCOMPARE(imageMimeType("GIF88a"), QString());
        QCOMPARE(imageMimeType("\x89PNG"), QString()); // cut before the signature ends
        QCOMPARE(imageMimeType(QByteArray()), QString());
        // Text that starts like a format name is text.
        const AttachmentLoad load =
            attachmentFromBytes(QStringLiteral("notes.png"), "GIF89 was a good year\n");
        QVERIFY(load.attachment);
        QCOMPARE(load.attachment->kind, Attachment::Kind::Text);
    }

    void detectsText()
    {
        const QByteArray utf8 = QStringLiteral("h\u00e9llo \u4e16\u754c \U0001F600\n").toUtf8();
        const AttachmentLoad load = attachmentFromBytes(QStringLiteral("hello.py"), utf8);
        QVERIFY2(load.attachment, qPrintable(load.error));
        QCOMPARE(load.attachment->kind, Attachment::Kind::Text);
        QCOMPARE(load.attachment->mimeType, QStringLiteral("text/plain"));
        QCOMPARE(load.attachment->data, utf8);
        QCOMPARE(load.attachment->originalSize, qint64(utf8.size()));
        QVERIFY(!load.attachment->truncated);
        QVERIFY(load.warning.isEmpty());
        QVERIFY(!hasImages({*load.attachment}));
    }

    void refusesBinaryFiles_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("pdf") << QByteArray("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n");
        QTest::newRow("nul byte") << QByteArray("plain ascii\0with a NUL", 22);
        QTest::newRow("latin-1") << QByteArray("caf\xE9 cr\xE8me\n");
        QTest::newRow("cut character") << QByteArray("ends inside \xE4\xB8");
        QTest::newRow("zip") << QByteArray("PK\x03\x04\x14\0\0\0\x08\0", 10);
    }
    void refusesBinaryFiles()
    {
        QFETCH(QByteArray, bytes);
        const AttachmentLoad load = attachmentFromBytes(QStringLiteral("report.pdf"), bytes);
        QVERIFY(!load.attachment);
        QCOMPARE(load.error,
                 QStringLiteral("report.pdf is neither an image (PNG, JPEG, WebP, GIF) nor a "
                                "text file."));
    }

    void refusesEmptyFiles()
    {
        const AttachmentLoad load = attachmentFromBytes(QStringLiteral("empty.txt"), {});
        QVERIFY(!load.attachment);
        QCOMPARE(load.error, QStringLiteral("empty.txt is empty."));
    }

    void imageCap()
    {
        QByteArray atCap = png();
        atCap.append(QByteArray(kMaxImageBytes - atCap.size(), '\0'));
        const AttachmentLoad fits = attachmentFromBytes(QStringLiteral("big.png"), atCap);
        QVERIFY2(fits.attachment, qPrintable(fits.error));
        QCOMPARE(fits.attachment->data.size(), kMaxImageBytes);

        QByteArray over = png();
        over.append(QByteArray(21 * 1024 * 1024 - over.size(), '\0'));
        const AttachmentLoad refused = attachmentFromBytes(QStringLiteral("huge.png"), over);
        QVERIFY(!refused.attachment);
        QCOMPARE(refused.error, QStringLiteral("huge.png is 21 MB; images can be at most 20 MB."));
    }

    void textCapCutsAtACharacterBoundary()
    {
        // A three-byte character straddles the cap: the cut goes before it, not through it.
        QByteArray text(kMaxTextBytes - 1, 'a');
        text += "\xE2\x82\xAC"; // €
        text += QByteArray(1024 * 1024, 'b');
        const AttachmentLoad load = attachmentFromBytes(QStringLiteral("log.txt"), text);
        QVERIFY2(load.attachment, qPrintable(load.error));
        const Attachment& attachment = *load.attachment;
        QCOMPARE(attachment.kind, Attachment::Kind::Text);
        QVERIFY(attachment.truncated);
        QCOMPARE(attachment.data.size(), kMaxTextBytes - 1);
        QVERIFY(validUtf8(attachment.data));
        QCOMPARE(attachment.originalSize, qint64(text.size()));
        QCOMPARE(load.warning,
                 QStringLiteral("log.txt is 1.2 MB; only the first 200 KB are sent."));

        // Exactly at the cap nothing is cut.
        const QByteArray atCap(kMaxTextBytes, 'x');
        const AttachmentLoad whole = attachmentFromBytes(QStringLiteral("cap.txt"), atCap);
        QVERIFY(whole.attachment);
        QVERIFY(!whole.attachment->truncated);
        QCOMPARE(whole.attachment->data, atCap);
        QVERIFY(whole.warning.isEmpty());

        // A four-byte character right at the cap: the cut lands before its first byte.
        QByteArray emoji(kMaxTextBytes - 2, 'c');
        emoji += "\xF0\x9F\x98\x80tail";
        const AttachmentLoad cut = attachmentFromBytes(QStringLiteral("e.txt"), emoji);
        QVERIFY(cut.attachment);
        QCOMPARE(cut.attachment->data.size(), kMaxTextBytes - 2);
        QVERIFY(validUtf8(cut.attachment->data));
    }

    void readsFiles()
    {
        QTemporaryDir dir;
        const QString imagePath = dir.filePath(QStringLiteral("chart.png"));
        QFile image(imagePath);
        QVERIFY(image.open(QIODevice::WriteOnly));
        image.write(png());
        image.close();
        const AttachmentLoad fromImage = attachmentFromFile(imagePath);
        QVERIFY2(fromImage.attachment, qPrintable(fromImage.error));
        QCOMPARE(fromImage.attachment->fileName, QStringLiteral("chart.png"));
        QCOMPARE(fromImage.attachment->data, png());

        // A large log: only its head is read, the size is the file's.
        const QString logPath = dir.filePath(QStringLiteral("server.log"));
        QFile log(logPath);
        QVERIFY(log.open(QIODevice::WriteOnly));
        const QByteArray line = "2024-05-01 12:00:00 INFO request served in 12 ms\n";
        qint64 written = 0;
        while (written < 3 * 1024 * 1024)
            written += log.write(line);
        log.close();
        const AttachmentLoad fromLog = attachmentFromFile(logPath);
        QVERIFY2(fromLog.attachment, qPrintable(fromLog.error));
        QVERIFY(fromLog.attachment->truncated);
        QCOMPARE(fromLog.attachment->originalSize, written);
        QCOMPARE(fromLog.attachment->data.size(), kMaxTextBytes);
        QVERIFY(fromLog.attachment->data.startsWith(line));
        QVERIFY(fromLog.warning.contains(QLatin1String("3 MB")));

        // An image too large to send is refused without reading it.
        const QString hugePath = dir.filePath(QStringLiteral("huge.jpg"));
        QFile huge(hugePath);
        QVERIFY(huge.open(QIODevice::WriteOnly));
        huge.write(jpeg());
        QVERIFY(huge.resize(25 * 1024 * 1024));
        huge.close();
        const AttachmentLoad fromHuge = attachmentFromFile(hugePath);
        QVERIFY(!fromHuge.attachment);
        QCOMPARE(fromHuge.error, QStringLiteral("huge.jpg is 25 MB; images can be at most 20 MB."));

        const AttachmentLoad missing = attachmentFromFile(dir.filePath(QStringLiteral("gone.txt")));
        QVERIFY(!missing.attachment);
        QVERIFY(missing.error.startsWith(QLatin1String("gone.txt could not be read")));
    }

    void fencesTextAttachments()
    {
        const QString text =
            textWithAttachments(QStringLiteral("What does this do?"),
                                {textAttachment(QStringLiteral("main.py"), "print(1)\n")});
        QCOMPARE(text, QStringLiteral("What does this do?\n\nmain.py\n```python\nprint(1)\n```"));

        // No message text: the blocks alone; content without a final newline gets one.
        QCOMPARE(textWithAttachments({}, {textAttachment(QStringLiteral("a.json"), "{}")}),
                 QStringLiteral("a.json\n```json\n{}\n```"));

        // Images are image input, not text; text alone stays as it is.
        Attachment image;
        image.fileName = QStringLiteral("p.png");
        image.mimeType = QStringLiteral("image/png");
        image.data = png();
        QCOMPARE(textWithAttachments(QStringLiteral("Look"), {image}), QStringLiteral("Look"));
        QCOMPARE(textWithAttachments(QStringLiteral("Just text"), {}), QStringLiteral("Just text"));
    }

    void fenceIsLongerThanAnyBacktickRun()
    {
        const QByteArray markdown = "# Notes\n```cpp\nint x;\n```\nand ````four```` too\n";
        const QString text = textWithAttachments(
            QStringLiteral("Fix it"), {textAttachment(QStringLiteral("NOTES.md"), markdown)});
        const QString fence = QStringLiteral("`````");
        QCOMPARE(text, QStringLiteral("Fix it\n\nNOTES.md\n") + fence + QStringLiteral("markdown\n")
                           + QString::fromUtf8(markdown) + fence);
        QVERIFY(!text.contains(QLatin1String("``````"))); // one longer is enough
    }

    void notesTruncation()
    {
        Attachment cut =
            textAttachment(QStringLiteral("server.log"), QByteArray(kMaxTextBytes, 'l'));
        cut.originalSize = qint64(1.2 * 1024 * 1024);
        cut.truncated = true;
        Attachment second = textAttachment(QStringLiteral("Makefile"), "all:\n\tcc x.c\n");
        const QString text = textWithAttachments(QStringLiteral("Why?"), {cut, second});
        QVERIFY(text.startsWith(QLatin1String("Why?\n\nserver.log\n```\nlll")));
        QVERIFY(text.contains(QLatin1String("lll\n```\n(cut off at 200 KB of 1.2 MB)\n\n"
                                            "Makefile\n```makefile\nall:\n\tcc x.c\n```")));
        QVERIFY(text.endsWith(QLatin1String("```")));
    }

    void fenceLanguages_data()
    {
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<QString>("language");
        const QList<QPair<const char*, const char*>> cases = {
            {"main.c", "c"},
            {"x.h", "c"},
            {"widget.cpp", "cpp"},
            {"widget.hpp", "cpp"},
            {"a.cc", "cpp"},
            {"tool.py", "python"},
            {"app.js", "javascript"},
            {"app.mjs", "javascript"},
            {"app.ts", "typescript"},
            {"View.tsx", "tsx"},
            {"data.json", "json"},
            {"run.sh", "bash"},
            {"lib.rs", "rust"},
            {"main.go", "go"},
            {"Main.java", "java"},
            {"q.sql", "sql"},
            {"index.html", "html"},
            {"site.css", "css"},
            {"ci.yaml", "yaml"},
            {"ci.yml", "yaml"},
            {"fix.diff", "diff"},
            {"fix.patch", "diff"},
            {"README.md", "markdown"},
            {"Cargo.toml", "toml"},
            {"Makefile", "makefile"},
            {"makefile", "makefile"},
            {"Dockerfile", "dockerfile"},
            {"CMakeLists.txt", "cmake"},
            {"/src/deep/Main.JAVA", "java"},
            {"notes.txt", ""},
            {"README", ""},
            {".env", ""},
            {"archive.tar.gz", ""},
            {"", ""},
        };
        for (const auto& [name, language] : cases)
            QTest::newRow(*name ? name : "(empty)")
                << QString::fromUtf8(name) << QString::fromUtf8(language);
    }
    void fenceLanguages()
    {
        QFETCH(QString, fileName);
        QFETCH(QString, language);
        QCOMPARE(fenceLanguageFor(fileName), language);
    }
};

QTEST_GUILESS_MAIN(AttachmentTest)
#include "AttachmentTest.moc"
