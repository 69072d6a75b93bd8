// MarkdownRenderTest: the must-show rendering test, in the main window wired to the real
// core loop as the app wires it. The loopback server streams, in small pieces, a reply with a
// heading, a list, a table, a fenced Python block, a link and a remote image whose URL names a
// second server on 127.0.0.1. The rendered reply must hold each element; Copy on the code block
// must put exactly the code on the clipboard; the image must show as a placeholder link naming
// the host, which asks before opening anything; and the image's server must receive no
// connection at all, before and after switching to the dark palette.
#include "CoreThread.h"
#include "Engine.h"
#include "LoopbackLlmServer.h"
#include "ui/ChatSettings.h"
#include "ui/CodeBlockHeader.h"
#include "ui/CodeBlockOverlay.h"
#include "ui/CodeBlocks.h"
#include "ui/EngineWiring.h"
#include "ui/MainWindow.h"
#include "ui/MessageTextView.h"
#include "ui/MessageWidget.h"
#include "ui/ThemePalette.h"

#include <QAbstractButton>
#include <QApplication>
#include <QClipboard>
#include <QMessageBox>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>
#include <QTextList>
#include <QTextTable>

using namespace keel;
using namespace keel::test;
using namespace Qt::StringLiterals;

namespace {

const QString kCode = u"def by_length(words):\n"
                      u"    # Shortest first, ties alphabetically\n"
                      u"    return sorted(words, key=lambda w: (len(w), w))"_s;

QString reply(const QString& imageUrl)
{
    return u"## Sorting in Python\n\n"
           u"Python has two ways to sort:\n\n"
           u"- `sorted()` returns a new list\n"
           u"- `list.sort()` sorts in place\n\n"
           u"| Function | Stable | In place |\n"
           u"|---|---|---|\n"
           u"| `sorted` | yes | no |\n"
           u"| `list.sort` | yes | yes |\n\n"
           u"```python\n"_s
           + kCode
           + u"\n```\n\n"
             u"Read [the docs](https://docs.python.org/3/howto/sorting.html) for more.\n\n"
             u"![Sorting diagram]("_s
           + imageUrl + u")\n"_s;
}

// The reply streamed in pieces of a few characters, a little apart, as a model sends it.
Response streamed(const QString& text)
{
    std::vector<Step> steps;
    for (qsizetype i = 0; i < text.size(); i += 5) {
        steps.push_back(Step::send(LoopbackLlmServer::openAiChunk(text.mid(i, 5))));
        steps.push_back(Step::delay(2));
    }
    steps.push_back(Step::send(LoopbackLlmServer::openAiFinish()
                               + LoopbackLlmServer::openAiUsage(5, 9)
                               + LoopbackLlmServer::openAiDone()));
    return Response::sse(std::move(steps));
}

ui::MessageWidget* lastReply(ui::MainWindow& window)
{
    ui::MessageWidget* last = nullptr;
    for (ui::MessageWidget* message : window.findChildren<ui::MessageWidget*>()) {
        if (message->role() == core::Role::Assistant)
            last = message;
    }
    return last;
}

struct Anchor {
    QString text;
    QString href;
    int position = 0;
};

QList<Anchor> anchors(const QTextDocument& document)
{
    QList<Anchor> list;
    for (QTextBlock block = document.begin(); block.isValid(); block = block.next()) {
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextCharFormat format = it.fragment().charFormat();
            if (format.isAnchor())
                list.append({it.fragment().text(), format.anchorHref(), it.fragment().position()});
        }
    }
    return list;
}

// Everything the reply must show, checked on the rendered document.
void verifyRendered(const QTextDocument& document, const QString& imageUrl, quint16 imagePort)
{
    bool heading = false;
    QStringList listItems;
    QTextTable* table = nullptr;
    int images = 0;
    for (QTextBlock block = document.begin(); block.isValid(); block = block.next()) {
        if (block.blockFormat().headingLevel() == 2 && block.text() == u"Sorting in Python")
            heading = true;
        if (block.textList() != nullptr)
            listItems.append(block.text());
        if (table == nullptr)
            table = QTextCursor(block).currentTable();
        for (auto it = block.begin(); !it.atEnd(); ++it)
            images += it.fragment().charFormat().isImageFormat() ? 1 : 0;
    }
    QVERIFY(heading);
    QCOMPARE(listItems,
             (QStringList{u"sorted() returns a new list"_s, u"list.sort() sorts in place"_s}));
    QVERIFY(table != nullptr);
    QCOMPARE(table->rows(), 3);
    QCOMPARE(table->columns(), 3);
    auto cell = [&](int row, int column) {
        QTextCursor cursor = table->cellAt(row, column).firstCursorPosition();
        cursor.setPosition(table->cellAt(row, column).lastPosition(), QTextCursor::KeepAnchor);
        return cursor.selectedText();
    };
    QCOMPARE(cell(0, 0), u"Function"_s);
    QCOMPARE(cell(1, 0), u"sorted"_s);
    QCOMPARE(cell(2, 2), u"yes"_s);

    QList<QTextBlock> code;
    for (QTextBlock block = document.begin(); block.isValid(); block = block.next()) {
        if (ui::CodeBlocks::startsCodeBlock(block))
            code.append(block);
    }
    QCOMPARE(code.size(), 1);
    QCOMPARE(ui::CodeBlocks::language(code.first()), u"python"_s);
    QCOMPARE(ui::CodeBlocks::code(code.first()), kCode);
    QVERIFY(!code.first().layout()->formats().isEmpty()); // highlighted

    const QList<Anchor> links = anchors(document);
    QCOMPARE(links.size(), 2);
    QCOMPARE(links.at(0).text, u"the docs"_s);
    QCOMPARE(links.at(0).href, u"https://docs.python.org/3/howto/sorting.html"_s);
    // The image: a placeholder link that names the host, never an image.
    QCOMPARE(links.at(1).text, u"Image: Sorting diagram — 127.0.0.1:%1"_s.arg(imagePort));
    QCOMPARE(links.at(1).href, imageUrl);
    QCOMPARE(images, 0);
    QVERIFY(!document.toHtml().contains(u"<img"));
}

} // namespace

class MarkdownRenderTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void replyRendersWithoutFetchingTheImage()
    {
        // Stands for the host of the remote image: it counts whoever connects.
        QTcpServer imageServer;
        QVERIFY(imageServer.listen(QHostAddress::LocalHost));
        int imageConnections = 0;
        connect(&imageServer, &QTcpServer::newConnection, this, [&] {
            while (QTcpSocket* socket = imageServer.nextPendingConnection()) {
                ++imageConnections;
                socket->close();
            }
        });
        const quint16 imagePort = imageServer.serverPort();
        const QString imageUrl = u"http://127.0.0.1:%1/pixel.png"_s.arg(imagePort);
        const QString text = reply(imageUrl);

        LoopbackLlmServer server;
        server.enqueue(streamed(text));
        core::CoreThread core;
        ui::ChatSettings chat;
        chat.provider.baseUrl = server.baseUrl();
        chat.model = u"test-model"_s;
        ui::MainWindow window(chat);
        ui::wireWindowToEngine(window, *core.engine(), nullptr, {});
        core.start();
        window.resize(1000, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        window.sendText(u"How do I sort in Python?"_s);
        QTRY_VERIFY_WITH_TIMEOUT(!window.isTurnActive() && !window.lastReplyText().isEmpty(),
                                 20000);
        QCOMPARE(window.lastReplyText(), text);
        ui::MessageWidget* message = lastReply(window);
        QVERIFY(message);
        QCOMPARE(message->text(), text);
        ui::MessageTextView* view = message->body();
        verifyRendered(*view->document(), imageUrl, imagePort);

        // The code block has a header with its language and a Copy button, over the frame's
        // top, above the first line of code.
        ui::CodeBlockOverlay* overlay = view->codeBlocks();
        QVERIFY(overlay);
        QCOMPARE(overlay->count(), 1);
        ui::CodeBlockHeader* header = overlay->header(0);
        QCOMPARE(header->language(), u"Python"_s);
        QTRY_VERIFY(header->isVisible());
        QTextCursor codeStart(view->document());
        codeStart.setPosition(view->document()->find(u"def by_length"_s).selectionStart());
        QVERIFY(header->geometry().bottom() < view->cursorRect(codeStart).top());
        QVERIFY(overlay->frame(0).contains(view->cursorRect(codeStart).center()));
        QAbstractButton* copy = nullptr;
        for (QAbstractButton* button : window.findChildren<QAbstractButton*>()) {
            if (button->accessibleName() == u"Copy code")
                copy = button;
        }
        QCOMPARE(copy, header->copyButton());
        QVERIFY(copy->isVisible());

        QGuiApplication::clipboard()->setText(u"something else"_s);
        QTest::mouseClick(copy, Qt::LeftButton);
        QCOMPARE(QGuiApplication::clipboard()->text(), kCode);
        QCOMPARE(copy->text(), u"Copied"_s);
        QTRY_COMPARE_WITH_TIMEOUT(copy->text(), u"Copy"_s, 5000);

        // Clicking the placeholder asks first, showing the full address; cancelled, nothing
        // is opened.
        const QList<Anchor> links = anchors(*view->document());
        QTextCursor onPlaceholder(view->document());
        onPlaceholder.setPosition(links.at(1).position + 3);
        QSignalSpy clicked(view, &ui::MessageTextView::linkClicked);
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {},
                          view->cursorRect(onPlaceholder).center());
        QCOMPARE(clicked.size(), 1);
        QCOMPARE(clicked.at(0).at(0).toUrl(), QUrl(imageUrl));
        QMessageBox* box = nullptr;
        QTRY_VERIFY((box = view->findChild<QMessageBox*>()) != nullptr && box->isVisible());
        QVERIFY2(box->text().contains(imageUrl), qPrintable(box->text()));
        box->button(QMessageBox::Cancel)->click();
        QTRY_VERIFY(view->findChild<QMessageBox*>() == nullptr);

        // Proving an absence takes time: the event loop runs a bounded moment more, in which a
        // deferred load (there must be none) would have connected to the image server.
        QTest::qWait(500);
        QCOMPARE(imageConnections, 0);

        // In the dark theme the content is still all there, coloured for a dark background,
        // and Copy still copies exactly the code.
        const QPalette light = QApplication::palette();
        QApplication::setPalette(ui::themePalette(core::Theme::Dark, light));
        QTRY_VERIFY(ui::isDarkPalette(view->palette()));
        verifyRendered(*view->document(), imageUrl, imagePort);
        const ui::CodeColours dark = ui::codeColours(view->palette());
        const QTextBlock firstLine = view->document()->find(u"def by_length"_s).block();
        bool keywordIsDark = false;
        for (const QTextLayout::FormatRange& range : firstLine.layout()->formats()) {
            if (range.start == 0 && range.length == 3) // "def"
                keywordIsDark = range.format.foreground().color() == dark.keyword;
        }
        QVERIFY(keywordIsDark);
        QCOMPARE(overlay->count(), 1);
        QTRY_VERIFY(overlay->header(0)->isVisible());
        QGuiApplication::clipboard()->clear();
        QTest::mouseClick(overlay->header(0)->copyButton(), Qt::LeftButton);
        QCOMPARE(QGuiApplication::clipboard()->text(), kCode);
        QTest::qWait(200); // again a bounded moment to prove that nothing connects
        QCOMPARE(imageConnections, 0);
        QApplication::setPalette(light);

        // The count above is worth something: a connection does get counted.
        QTcpSocket probe;
        probe.connectToHost(QHostAddress::LocalHost, imagePort);
        QTRY_COMPARE(imageConnections, 1);
        core.stop();
    }

    void codeBlockHeadersFollowTheStreamAndTheWidth()
    {
        ui::MessageWidget message(core::Role::Assistant, u"test-model"_s);
        message.resize(700, 300);
        message.show();
        QVERIFY(QTest::qWaitForWindowExposed(&message));
        message.setStreaming(true);
        ui::MessageTextView* view = message.body();
        ui::CodeBlockOverlay* overlay = view->codeBlocks();
        QString text;
        // The first block opens the reply: its header needs room above the document's top.
        for (int i = 0; i < 6; ++i)
            text += u"```%2\nvalue_%1 = compute(%1)  # a line long enough to wrap when the "
                    u"message gets narrow\nprint(value_%1)\n```\n\nParagraph %1 says what "
                    u"came before.\n\n"_s.arg(i)
                        .arg(i % 2 == 0 ? u"python"_s : u"ruby"_s);

        // Every header sits in the room above its block's first line, below the block before.
        auto verifyPlacement = [&] {
            for (int i = 0; i < overlay->count(); ++i) {
                const QRect header = overlay->header(i)->geometry();
                const QTextCursor line = view->document()->find(u"value_%1 ="_s.arg(i));
                QVERIFY(!line.isNull());
                const QRect lineRect = view->cursorRect(line);
                QVERIFY(header.bottom() < lineRect.top());
                QVERIFY(lineRect.top() - header.bottom() < 3 * ui::CodeBlocks::kPadding);
                QVERIFY(overlay->frame(i).contains(lineRect.center()));
                QCOMPARE(header.width(), qRound(overlay->frame(i).width()));
                if (i > 0)
                    QVERIFY(header.top() > overlay->frame(i - 1).bottom());
                else
                    QVERIFY(header.top() >= 0);
            }
        };

        const ui::CodeBlockHeader* first = nullptr;
        QRect firstGeometry;
        int mostRescannedInOneDelta = 0;
        for (qsizetype at = 0; at < text.size(); at += 9) {
            const int before = overlay->rescannedBlocks();
            message.appendText(text.mid(at, 9));
            mostRescannedInOneDelta =
                std::max(mostRescannedInOneDelta, overlay->rescannedBlocks() - before);
            if (first == nullptr && overlay->count() == 2) {
                first = overlay->header(0);
                firstGeometry = first->geometry();
            }
        }
        QCOMPARE(overlay->count(), 6);
        // A delta finds again only the code block in the unfinished tail (and, once, the block
        // that was just finished); the finished blocks keep their headers where they are.
        QVERIFY2(mostRescannedInOneDelta <= 2,
                 qPrintable(QString::number(mostRescannedInOneDelta)));
        QCOMPARE(overlay->header(0), first);
        QCOMPARE(overlay->header(0)->geometry(), firstGeometry);
        verifyPlacement();
        QCOMPARE(overlay->code(5), u"value_5 = compute(5)  # a line long enough to wrap when the "
                                   u"message gets narrow\nprint(value_5)"_s);

        // A new width moves every header along with its re-wrapped block.
        const int oldWidth = firstGeometry.width();
        message.resize(360, message.height());
        QTRY_VERIFY(overlay->header(0)->geometry().width() < oldWidth);
        verifyPlacement();
    }
};

QTEST_MAIN(MarkdownRenderTest)
#include "MarkdownRenderTest.moc"
