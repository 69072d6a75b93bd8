// PdfExportTest: the PDF export on a worker thread (QThreadPool, as ExportTask runs it): a
// 300-message conversation with long code lines becomes a real, multi-page A4 PDF with its
// image attachment and title; code lines wrap instead of running off the page; a target that
// cannot be written gives an error and leaves no file (not even a temporary one).
#include "ui/PdfExport.h"

#include "core/transfer/HtmlExport.h"

#include <QAbstractTextDocumentLayout>
#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QRunnable>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>
#include <QThread>
#include <QThreadPool>

#include <unistd.h>

using namespace keel;
using core::ConversationTree;
using core::Role;
using core::StoredMessage;
using core::TransferError;

namespace {

QByteArray png()
{
    return QByteArray::fromBase64("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhf"
                                  "DwAChwGA60e6kgAAAABJRU5ErkJggg==");
}

const QString kLongLine = QStringLiteral("const value = ") + QString(260, u'x')
                          + QStringLiteral("; // the end of a very long line");

ConversationTree bigTree()
{
    ConversationTree tree;
    tree.conversation.id = 1;
    tree.conversation.title = QStringLiteral("Quarterly plan PDF");
    tree.conversation.createdAt = QDateTime(QDate(2024, 2, 3), QTime(4, 5), Qt::UTC);
    tree.conversation.updatedAt = tree.conversation.createdAt;
    for (int i = 1; i <= 300; ++i) {
        StoredMessage m;
        m.id = i;
        m.parentId = i - 1;
        m.role = i % 2 == 1 ? Role::User : Role::Assistant;
        m.model = QStringLiteral("model-x");
        m.createdAt = tree.conversation.createdAt.addSecs(i * 60);
        if (m.role == Role::User)
            m.content = QStringLiteral("Question %1: how long can a line be?").arg(i);
        else
            m.content = QStringLiteral("Answer %1:\n\n```js\n%2\n```\n\n- a point\n- another")
                            .arg(i)
                            .arg(kLongLine);
        tree.messages.append(m);
    }
    core::Attachment image;
    image.kind = core::Attachment::Kind::Image;
    image.fileName = QStringLiteral("pixel.png");
    image.mimeType = QStringLiteral("image/png");
    image.data = png();
    tree.messages.first().attachments = {image};
    tree.conversation.currentLeafId = 300;
    return tree;
}

// Runs writePdf on a pool thread; the result comes back to this thread as a queued call.
class Worker : public QObject {
public:
    bool done = false;
    TransferError result;
    bool ranOffTheMainThread = false;

    void start(QThreadPool& pool, const QString& html, const QString& path)
    {
        QThread* const main = QThread::currentThread();
        pool.start([this, html, path, main] {
            const TransferError error = ui::writePdf(html, path);
            const bool elsewhere = QThread::currentThread() != main;
            QMetaObject::invokeMethod(
                this,
                [this, error, elsewhere] {
                    result = error;
                    ranOffTheMainThread = elsewhere;
                    done = true;
                },
                Qt::QueuedConnection);
        });
    }
};

bool runningAsRoot()
{
    return ::geteuid() == 0;
}

} // namespace

class PdfExportTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void bigConversationBecomesAPagedPdf()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("plan.pdf"));
        const QString html = core::htmlExport(bigTree(), core::HtmlExportOptions{true});
        QThreadPool pool;
        Worker worker;
        worker.start(pool, html, path);
        QTRY_VERIFY_WITH_TIMEOUT(worker.done, 90000);
        QVERIFY2(worker.result.ok(), qPrintable(worker.result.message));
        QVERIFY(worker.ranOffTheMainThread);

        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray pdf = file.readAll();
        QVERIFY(pdf.startsWith("%PDF-"));
        QVERIFY(pdf.trimmed().endsWith("%%EOF"));
        // Page objects, not the /Pages tree node.
        const QRegularExpression page(QStringLiteral("/Type\\s*/Page(?![a-zA-Z])"));
        const qsizetype pages = QString::fromLatin1(pdf).count(page);
        QVERIFY2(pages > 10, qPrintable(QString::number(pages)));
        // The attachment's data: URI became an image in the PDF.
        QVERIFY(pdf.contains("/Subtype /Image"));
        // A4 in points.
        QVERIFY(pdf.contains("/MediaBox [0 0 595") || pdf.contains("/MediaBox [0 0 594"));
        // The title in the document information (UTF-16BE, hex or literal).
        const QByteArray utf16 = [] {
            QByteArray bytes("\xFE\xFF", 2);
            for (QChar c : QStringLiteral("Quarterly plan PDF")) {
                bytes.append(char(c.unicode() >> 8));
                bytes.append(char(c.unicode() & 0xFF));
            }
            return bytes;
        }();
        QVERIFY(pdf.contains("/Title"));
        QVERIFY(pdf.contains(utf16) || pdf.contains(utf16.toHex().toUpper())
                || pdf.contains(utf16.toHex()) || pdf.contains("Quarterly plan PDF"));
        // Nothing else was left beside it.
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{QStringLiteral("plan.pdf")});
    }

    // What makes code wrap in the PDF: the Qt style sheet's pre-wrap and the document's
    // wrap-anywhere option, laid out at the A4 text width (180 mm at 96 dpi).
    void longCodeLinesWrap()
    {
        QTextDocument document;
        QTextOption option = document.defaultTextOption();
        option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
        document.setDefaultTextOption(option);
        document.setHtml(core::htmlExport(bigTree(), core::HtmlExportOptions{true}));
        document.setTextWidth(180.0 / 25.4 * 96);
        QVERIFY(document.size().height() > 0); // lays it out
        bool found = false;
        for (QTextBlock block = document.begin(); block.isValid(); block = block.next()) {
            if (!block.text().startsWith(QLatin1String("const value = ")))
                continue;
            found = true;
            QVERIFY(block.layout() != nullptr);
            QVERIFY2(block.layout()->lineCount() > 1, "a long code line must wrap");
            break;
        }
        QVERIFY(found);
    }

    void unwritableTargetGivesAnErrorAndNoFile()
    {
        QTemporaryDir dir;
        QString path;
        const QString folder = dir.filePath(QStringLiteral("locked"));
        if (runningAsRoot()) {
            // Root writes through permission bits; procfs refuses new files even to root.
            path = QStringLiteral("/proc/keel-pdf-export-test.pdf");
        } else {
            QVERIFY(QDir().mkpath(folder));
            QVERIFY(QFile::setPermissions(folder, QFile::ReadOwner | QFile::ExeOwner));
            path = folder + QStringLiteral("/out.pdf");
        }
        QThreadPool pool;
        Worker worker;
        worker.start(pool, core::htmlExport(bigTree(), core::HtmlExportOptions{true}), path);
        QTRY_VERIFY_WITH_TIMEOUT(worker.done, 90000);
        QVERIFY(!worker.result.ok());
        QVERIFY2(worker.result.message.startsWith(QStringLiteral("Could not write ") + path),
                 qPrintable(worker.result.message));
        QVERIFY(worker.result.message.endsWith(QStringLiteral("Nothing was exported.")));
        QVERIFY(!QFile::exists(path));
        if (!runningAsRoot()) {
            QFile::setPermissions(folder, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
            QVERIFY(QDir(folder).isEmpty());
        }

        // A missing folder: the same kind of sentence.
        const QString missing = dir.filePath(QStringLiteral("nowhere/out.pdf"));
        const TransferError error = ui::writePdf(QStringLiteral("<p>x</p>"), missing);
        QVERIFY(error.message.contains(QStringLiteral("does not exist")));
        QVERIFY(!QFile::exists(missing));
    }
};

QTEST_MAIN(PdfExportTest)
#include "PdfExportTest.moc"
