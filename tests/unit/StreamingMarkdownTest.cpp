// Unit tests of the streaming Markdown renderer: where MarkdownBlockSplitter cuts a growing text,
// that a reply fed in arbitrary pieces renders like the whole reply, that finished blocks are
// never rendered again, that images become placeholder links (also mid-stream), that GitHub's
// Markdown features render, and that code blocks keep their language and exact source.
#include "ui/StreamingMarkdown.h"

#include "ui/CodeBlocks.h"

#include <QAbstractTextDocumentLayout>
#include <QRandomGenerator>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextFrame>
#include <QTextList>
#include <QTextTable>

#include <algorithm>
#include <climits>

using keel::ui::MarkdownBlockSplitter;
using keel::ui::StreamingMarkdown;
using namespace Qt::StringLiterals;

namespace {

// What a reader sees of a document, block by block: text, heading level, list style, code.
QStringList structure(const QTextDocument& document)
{
    QStringList blocks;
    for (QTextBlock block = document.begin(); block.isValid(); block = block.next()) {
        const QTextBlockFormat format = block.blockFormat();
        blocks.append(QStringLiteral("%1|h%2|l%3|c%4|r%5")
                          .arg(block.text())
                          .arg(format.headingLevel())
                          .arg(block.textList() ? block.textList()->format().style() : 0)
                          .arg(format.hasProperty(QTextFormat::BlockCodeFence))
                          .arg(format.hasProperty(QTextFormat::BlockTrailingHorizontalRulerWidth)));
    }
    return blocks;
}

// Counts what the layout asks to load; a real view refuses, this one only counts.
class CountingDocument : public QTextDocument {
public:
    int loads = 0;

protected:
    QVariant loadResource(int, const QUrl&) override
    {
        ++loads;
        return {};
    }
};

int imageCount(const QTextDocument& document)
{
    int images = 0;
    for (QTextBlock block = document.begin(); block.isValid(); block = block.next()) {
        for (auto it = block.begin(); !it.atEnd(); ++it)
            images += it.fragment().charFormat().isImageFormat() ? 1 : 0;
    }
    return images;
}

// "text -> href" for every anchor of the document.
QStringList anchors(const QTextDocument& document)
{
    QStringList list;
    for (QTextBlock block = document.begin(); block.isValid(); block = block.next()) {
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextCharFormat format = it.fragment().charFormat();
            if (format.isAnchor())
                list.append(it.fragment().text() + u" -> "_s + format.anchorHref());
        }
    }
    return list;
}

// The first lines of the document's code blocks.
QList<QTextBlock> codeBlocks(const QTextDocument& document)
{
    QList<QTextBlock> starts;
    for (QTextBlock block = document.begin(); block.isValid(); block = block.next()) {
        if (keel::ui::CodeBlocks::startsCodeBlock(block))
            starts.append(block);
    }
    return starts;
}

void streamInPieces(StreamingMarkdown& markdown, const QString& text, qsizetype pieceSize)
{
    for (qsizetype i = 0; i < text.size(); i += pieceSize)
        markdown.append(QStringView(text).mid(i, pieceSize));
}

QStringList feed(MarkdownBlockSplitter& splitter, const QString& text, qsizetype pieceSize)
{
    QStringList completed;
    for (qsizetype i = 0; i < text.size(); i += pieceSize)
        completed += splitter.append(QStringView(text).mid(i, pieceSize));
    return completed;
}

const QString kReply =
    QStringLiteral("# Sorting in C++\n"
                   "Here is **how** to sort a `std::vector`, with a [link](https://example.com).\n"
                   "\n"
                   "1. Include the header.\n"
                   "2. Call `std::sort`:\n"
                   "\n"
                   "   ```cpp\n"
                   "   std::sort(v.begin(), v.end());\n"
                   "   ```\n"
                   "\n"
                   "3. Done.\n"
                   "\n"
                   "```python\n"
                   "def f():\n"
                   "\n"
                   "    return 1\n"
                   "```\n"
                   "\n"
                   "~~~\n"
                   "``` not a fence end\n"
                   "\n"
                   "~~~\n"
                   "\n"
                   "> A quote\n"
                   "> on two lines\n"
                   "\n"
                   "- a\n"
                   "- b\n"
                   "  - nested\n"
                   "\n"
                   "- loose item\n"
                   "\n"
                   "Paragraph one\n"
                   "continues here.\n"
                   "## Second heading\n"
                   "\n"
                   "---\n"
                   "\n"
                   "Last *words*\r\n"
                   "\r\n"
                   "    indented code\n"
                   "\n"
                   "The end.");

} // namespace

class StreamingMarkdownTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void splitsParagraphsAtBlankLines()
    {
        MarkdownBlockSplitter splitter;
        QCOMPARE(splitter.append(u"one\ntwo\n\nthree\n\n\nfour"),
                 QStringList({u"one\ntwo"_s, u"three"_s}));
        QCOMPARE(splitter.tail(), u"four"_s);
        // A paragraph is final at its blank line, before anything follows.
        QCOMPARE(splitter.append(u"\n\n"), QStringList({u"four"_s}));
        QVERIFY(splitter.tail().isEmpty());
    }

    void keepsBlankLinesInsideFences()
    {
        MarkdownBlockSplitter splitter;
        QCOMPARE(splitter.append(u"```js\nlet a;\n\nlet b;\n```\n\nafter\n"),
                 QStringList({u"```js\nlet a;\n\nlet b;\n```"_s}));
        QCOMPARE(splitter.tail(), u"after\n"_s);
        QVERIFY(!splitter.isInFence());
    }

    void tildeFencesCloseOnlyWithTildes()
    {
        MarkdownBlockSplitter splitter;
        QVERIFY(splitter.append(u"~~~~\n```\n\nstill code\n~~~\n\n").isEmpty());
        QVERIFY(splitter.isInFence());
        QCOMPARE(splitter.append(u"~~~~~\n\nnext"),
                 QStringList({u"~~~~\n```\n\nstill code\n~~~\n\n~~~~~"_s}));
        QCOMPARE(splitter.tail(), u"next"_s);
    }

    void unterminatedFenceStaysInTheTail()
    {
        MarkdownBlockSplitter splitter;
        QVERIFY(splitter.append(u"```python\nx = 1\n\n\ny = 2\n").isEmpty());
        QVERIFY(splitter.isInFence());
        QCOMPARE(splitter.tail(), u"```python\nx = 1\n\n\ny = 2\n"_s);
    }

    void backtickRunWithBackticksInInfoIsNotAFence()
    {
        MarkdownBlockSplitter splitter;
        QCOMPARE(splitter.append(u"```a`b```\n\nnext\n\n"),
                 QStringList({u"```a`b```"_s, u"next"_s}));
        QVERIFY(!splitter.isInFence());
    }

    void headingsAreCompleteAtTheirNewline()
    {
        MarkdownBlockSplitter splitter;
        QCOMPARE(splitter.append(u"# Title\n"), QStringList({u"# Title"_s}));
        QCOMPARE(splitter.append(u"text\n## Sub\n#hashtag\n"),
                 QStringList({u"text"_s, u"## Sub"_s}));
        QCOMPARE(splitter.tail(), u"#hashtag\n"_s);
        // Not in a fence, and not when indented (it may belong to a list item).
        splitter.reset();
        QVERIFY(splitter.append(u"```\n# comment\n").isEmpty());
        splitter.reset();
        QVERIFY(splitter.append(u"- item\n  # inner\n").isEmpty());
    }

    void listsStayTogetherAcrossBlankLines()
    {
        MarkdownBlockSplitter splitter;
        QCOMPARE(splitter.append(u"- a\n- b\n\n- c\n\n1. one\n\n   more of one\n\nPara\n\n"),
                 QStringList({u"- a\n- b\n\n- c\n\n1. one\n\n   more of one"_s, u"Para"_s}));
        QVERIFY(splitter.tail().isEmpty());
    }

    void waitsForTheLineAfterABlankLine()
    {
        MarkdownBlockSplitter splitter;
        QVERIFY(splitter.append(u"- a\n\n").isEmpty());
        QVERIFY(splitter.append(u"  continued").isEmpty()); // no newline yet: undecided
        QVERIFY(splitter.append(u"\n\nnew para\n").size() == 1);
        QCOMPARE(splitter.tail(), u"new para\n"_s);
    }

    void decidesAsSoonAsTheNextLineShowsItsStart()
    {
        // After a list, the block is final once the next line visibly starts something else: a
        // long single-line paragraph must not drag the list along in the tail.
        MarkdownBlockSplitter splitter;
        QVERIFY(splitter.append(u"- a\n\n").isEmpty());
        QVERIFY(splitter.append(u"   ").isEmpty()); // may still be a blank line
        QVERIFY(splitter.append(u"x").isEmpty());   // indented: continues the item
        splitter.reset();
        QVERIFY(splitter.append(u"- a\n\n").isEmpty());
        QCOMPARE(splitter.append(u"N"), QStringList({u"- a"_s}));
        QCOMPARE(splitter.tail(), u"N"_s);
        // "1" may become "12. item": wait until the marker is decided.
        splitter.reset();
        QVERIFY(splitter.append(u"- a\n\n1").isEmpty());
        QVERIFY(splitter.append(u"2.").isEmpty());
        QVERIFY(splitter.append(u" b").isEmpty());
        QCOMPARE(splitter.append(u"\n\n12x"), QStringList({u"- a\n\n12. b"_s}));
    }

    void indentedCodeKeepsItsBlankLines()
    {
        MarkdownBlockSplitter splitter;
        QCOMPARE(splitter.append(u"    a\n\n    b\n\nafter\n"), QStringList({u"    a\n\n    b"_s}));
    }

    void handlesCrLfAndLeadingBlankLines()
    {
        MarkdownBlockSplitter splitter;
        QCOMPARE(splitter.append(u"\r\n\r\nfirst\r\n\r\nsecond"), QStringList({u"first"_s}));
        QCOMPARE(splitter.tail(), u"second"_s);
    }

    void splitsTheSameWhateverTheChunking_data()
    {
        QTest::addColumn<int>("pieceSize");
        for (int size : {1, 2, 3, 5, 8, 13, 64, 100000})
            QTest::addRow("%d", size) << size;
    }

    void splitsTheSameWhateverTheChunking()
    {
        QFETCH(int, pieceSize);
        MarkdownBlockSplitter whole;
        const QStringList expected = feed(whole, kReply, kReply.size());
        MarkdownBlockSplitter pieces;
        QCOMPARE(feed(pieces, kReply, pieceSize), expected);
        QCOMPARE(pieces.tail(), whole.tail());
        QVERIFY(expected.size() >= 10);
    }

    void piecesRenderLikeTheWhole_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("pieceSize");
        const int sizes[] = {1, 2, 3, 7, 16, 50, 0};
        for (int size : sizes) {
            QTest::addRow("reply/%d", size) << kReply << size;
            QTest::addRow("list-first/%d", size) << u"- x\n- y\n\npara\n\n1. a\n2. b"_s << size;
            QTest::addRow("rule-last/%d", size) << u"para\n\n***\n\n---"_s << size;
            QTest::addRow("table/%d", size)
                << u"Intro\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nAfter"_s << size;
            QTest::addRow("code-first/%d", size)
                << u"```\ncode\n```\ntext right after\n# H\n- x\n  1. y\n\n  z"_s << size;
        }
    }

    void piecesRenderLikeTheWhole()
    {
        QFETCH(QString, text);
        QFETCH(int, pieceSize);

        QTextDocument reference;
        reference.setMarkdown(text, StreamingMarkdown::kFeatures);
        QTextDocument whole;
        StreamingMarkdown(&whole).setText(text);

        QTextDocument streamed;
        StreamingMarkdown markdown(&streamed);
        auto* random = QRandomGenerator::global();
        for (qsizetype i = 0; i < text.size();) {
            // Size 0 stands for random pieces.
            const qsizetype n = pieceSize > 0 ? pieceSize : random->bounded(1, 12);
            markdown.append(QStringView(text).mid(i, n));
            i += n;
        }

        QCOMPARE(markdown.text(), text);
        QCOMPARE(structure(streamed), structure(reference));
        QCOMPARE(streamed.toPlainText(), reference.toPlainText());
        QCOMPARE(whole.toPlainText(), reference.toPlainText());
    }

    void completedBlocksAreNotRenderedAgain()
    {
        QTextDocument document;
        StreamingMarkdown markdown(&document);
        markdown.append(u"First paragraph.\n\nSecond");
        QCOMPARE(markdown.stats().committedInsertions, 1);
        // Mark the finished block: re-rendering it would create a new block without the mark.
        document.firstBlock().setUserState(42);
        const int finalEnd = markdown.finalEnd();
        QVERIFY(finalEnd > 0);

        int lowestChange = INT_MAX;
        connect(&document, &QTextDocument::contentsChange, this,
                [&](int position, int, int) { lowestChange = std::min(lowestChange, position); });
        const QString rest = u" paragraph grows\nand grows.\n\n- an item\n- another\n\nEnd."_s;
        for (QChar c : rest)
            markdown.append(QStringView(&c, 1));

        QCOMPARE(document.firstBlock().userState(), 42);
        QCOMPARE(document.firstBlock().text(), u"First paragraph."_s);
        QVERIFY2(lowestChange >= finalEnd, qPrintable(QString::number(lowestChange)));
        QCOMPARE(markdown.stats().committedInsertions, 3);
        QCOMPARE(markdown.stats().tailRenders, 1 + int(rest.size()));
    }

    void costOfAnAppendDoesNotGrowWithTheReply()
    {
        QTextDocument document;
        StreamingMarkdown markdown(&document);
        const QString paragraph = u"A paragraph of a long reply, with *some* `code` in it.\n\n"_s;
        int lowestChange = INT_MAX;
        int previousFinalEnd = 0;
        connect(&document, &QTextDocument::contentsChange, this,
                [&](int position, int, int) { lowestChange = std::min(lowestChange, position); });
        for (int i = 0; i < 300; ++i) {
            for (qsizetype at = 0; at < paragraph.size(); at += 5) {
                lowestChange = INT_MAX;
                previousFinalEnd = markdown.finalEnd();
                markdown.append(QStringView(paragraph).mid(at, 5));
                // Each update touches the document only from the start of the unfinished tail.
                QVERIFY(lowestChange >= previousFinalEnd);
            }
        }
        QCOMPARE(document.blockCount(), 300);
        // The text that is re-rendered per update is bounded by one paragraph.
        QVERIFY(markdown.stats().maxTailLength <= paragraph.size());
        QCOMPARE(markdown.stats().committedInsertions, 300);
    }

    void codeBackgroundIsAppliedToInlineCodeOnly()
    {
        QTextDocument document;
        StreamingMarkdown markdown(&document);
        markdown.setCodeBackground(Qt::yellow);
        markdown.setText(u"text `inline`\n\n```\ncode\nmore\n```\n\nafter"_s);
        QTextBlock block = document.firstBlock();
        QVERIFY(block.blockFormat().background().style() == Qt::NoBrush);
        bool inlineHasBackground = false;
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            if (it.fragment().text() == u"inline")
                inlineHasBackground = it.fragment().charFormat().background() == Qt::yellow;
        }
        QVERIFY(inlineHasBackground);
        // Code blocks are framed by the view; the document leaves room for the frame and header.
        block = block.next();
        QCOMPARE(block.text(), u"code"_s);
        QVERIFY(block.blockFormat().background().style() == Qt::NoBrush);
        QVERIFY(block.blockFormat().topMargin() >= keel::ui::CodeBlocks::kHeaderHeight);
        QCOMPARE(block.blockFormat().bottomMargin(), 0.0);
        QCOMPARE(block.next().blockFormat().topMargin(), 0.0);
        QVERIFY(block.next().blockFormat().bottomMargin() >= keel::ui::CodeBlocks::kPadding);
        QVERIFY(block.next().next().blockFormat().background().style() == Qt::NoBrush);
    }

    void imagesBecomePlaceholderLinks()
    {
        QTextDocument document;
        StreamingMarkdown(&document).setText(
            u"A ![a **fat** cat](https://example.com/cat.png \"t\") and "
            u"![](http://127.0.0.1:9/x.png).\n\n"
            u"[![badge](https://img.example.org/b.svg)](https://ci.example.org)"_s);
        QCOMPARE(imageCount(document), 0);
        const QString text = document.toPlainText();
        QVERIFY2(text.contains(u"Image: a fat cat — example.com"), qPrintable(text));
        QVERIFY2(text.contains(u"Image: 127.0.0.1:9"), qPrintable(text));
        QVERIFY2(text.contains(u"Image: badge — img.example.org"), qPrintable(text));
        const QStringList links = anchors(document);
        QVERIFY(links.contains(u"Image: a fat cat — example.com -> https://example.com/cat.png"_s));
        QVERIFY(links.contains(u"Image: 127.0.0.1:9 -> http://127.0.0.1:9/x.png"_s));
        QVERIFY(!text.contains(QChar(0xE000))); // the empty alt's stand-in leaves no trace
    }

    void imagesNeverReachTheDocumentWhileStreaming()
    {
        // Laid out like a view's document: an image in it would be loaded (or read from disk).
        CountingDocument document;
        document.setTextWidth(500);
        document.documentLayout();
        StreamingMarkdown markdown(&document);
        const QString text = u"# Pictures\n\nFirst ![one](http://127.0.0.1:1/one.png) then\n\n"
                             u"- ![](/etc/passwd)\n- item ![two](two.png)\n\n"
                             u"| a | b |\n|---|---|\n| ![t](http://h.example/t.png) | 2 |\n"_s;
        for (QChar c : text) {
            markdown.append(QStringView(&c, 1));
            QCOMPARE(imageCount(document), 0);
        }
        QCOMPARE(document.documentLayout()->documentSize().isValid(), true);
        QCOMPARE(document.loads, 0);
        const QString rendered = document.toPlainText();
        QVERIFY2(rendered.contains(u"Image: one — 127.0.0.1:1"), qPrintable(rendered));
        QVERIFY2(rendered.contains(u"Image: /etc/passwd"), qPrintable(rendered));
        QVERIFY2(rendered.contains(u"Image: two — two.png"), qPrintable(rendered));
        QVERIFY2(rendered.contains(u"Image: t — h.example"), qPrintable(rendered));
        QTextDocument whole;
        StreamingMarkdown(&whole).setText(text);
        QCOMPARE(rendered, whole.toPlainText());
    }

    void imageMarksDoNotLeakIntoCode()
    {
        const QString text = u"Literal ![] and `![](x)` here.\n\n```md\n![](y.png)\n```\n"_s;
        for (qsizetype pieceSize : {qsizetype(1), qsizetype(4), text.size()}) {
            QTextDocument document;
            StreamingMarkdown markdown(&document);
            streamInPieces(markdown, text, pieceSize);
            const QString rendered = document.toPlainText();
            QVERIFY2(rendered.contains(u"Literal ![] and ![](x) here."), qPrintable(rendered));
            const QList<QTextBlock> code = codeBlocks(document);
            QCOMPARE(code.size(), 1);
            QCOMPARE(keel::ui::CodeBlocks::code(code.first()), u"![](y.png)"_s);
            QCOMPARE(code.first().text(), u"![](y.png)"_s);
            QVERIFY(!rendered.contains(QChar(0xE000)) && !rendered.contains(QChar(0x1F)));
        }
    }

    void gitHubFeaturesRender()
    {
        const QString text = u"| Name | Done |\n|:-----|:----:|\n| `a` | ~~no~~ |\n\n"
                             u"- [x] checked\n- [ ] open\n\n"
                             u"See https://example.com/path, www.example.org and "
                             u"mail@example.net.\n"_s;
        for (qsizetype pieceSize : {qsizetype(3), text.size()}) {
            QTextDocument document;
            StreamingMarkdown markdown(&document);
            streamInPieces(markdown, text, pieceSize);
            QTextTable* table = nullptr;
            QList<QTextBlockFormat::MarkerType> markers;
            bool struck = false;
            for (QTextBlock block = document.begin(); block.isValid(); block = block.next()) {
                if (!table)
                    table = QTextCursor(block).currentTable();
                if (block.textList())
                    markers.append(block.blockFormat().marker());
                for (auto it = block.begin(); !it.atEnd(); ++it) {
                    if (it.fragment().text() == u"no")
                        struck = it.fragment().charFormat().fontStrikeOut();
                }
            }
            QVERIFY(table);
            QCOMPARE(table->rows(), 2);
            QCOMPARE(table->columns(), 2);
            auto cellText = [&](int row, int column) {
                QTextCursor cursor = table->cellAt(row, column).firstCursorPosition();
                cursor.setPosition(table->cellAt(row, column).lastPosition(),
                                   QTextCursor::KeepAnchor);
                return cursor.selectedText();
            };
            QCOMPARE(cellText(0, 0), u"Name"_s);
            QCOMPARE(cellText(1, 1), u"no"_s);
            QVERIFY(struck);
            QCOMPARE(markers, (QList<QTextBlockFormat::MarkerType>{
                                  QTextBlockFormat::MarkerType::Checked,
                                  QTextBlockFormat::MarkerType::Unchecked}));
            const QStringList links = anchors(document);
            QVERIFY2(links.contains(u"https://example.com/path -> https://example.com/path"_s),
                     qPrintable(links.join(u'\n')));
            QVERIFY2(links.contains(u"www.example.org -> http://www.example.org"_s),
                     qPrintable(links.join(u'\n')));
            QVERIFY2(links.contains(u"mail@example.net -> mailto:mail@example.net"_s),
                     qPrintable(links.join(u'\n')));
        }
    }

    void codeBlocksKeepLanguageAndSourceWhenStreamed()
    {
        const QString text =
            u"Intro:\n\n```python\ndef f():\n\treturn 1  # tab\n```\n\n"
            u"```python\nx = 2\n```\n\n- item\n\n  ```go\n  func g() {}\n  ```\n"_s;
        for (qsizetype pieceSize : {qsizetype(1), qsizetype(5), text.size()}) {
            QTextDocument document;
            StreamingMarkdown markdown(&document);
            streamInPieces(markdown, text, pieceSize);
            const QList<QTextBlock> code = codeBlocks(document);
            QCOMPARE(code.size(), 3); // two python blocks in a row stay two
            QCOMPARE(keel::ui::CodeBlocks::language(code.at(0)), u"python"_s);
            QCOMPARE(keel::ui::CodeBlocks::language(code.at(1)), u"python"_s);
            QCOMPARE(keel::ui::CodeBlocks::language(code.at(2)), u"go"_s);
            for (const QTextBlock& line : {code.at(0), code.at(0).next()})
                QCOMPARE(line.blockFormat().stringProperty(QTextFormat::BlockCodeLanguage),
                         u"python"_s);
            // Exactly the source: the tab stays a tab (the importer shows spaces).
            QCOMPARE(keel::ui::CodeBlocks::code(code.at(0)), u"def f():\n\treturn 1  # tab"_s);
            QCOMPARE(keel::ui::CodeBlocks::code(code.at(1)), u"x = 2"_s);
            QCOMPARE(keel::ui::CodeBlocks::code(code.at(2)), u"func g() {}"_s);
        }
    }

    void codeStillArrivingHasItsLinesSoFar()
    {
        QTextDocument document;
        StreamingMarkdown markdown(&document);
        markdown.append(u"Text.\n\n```rust\nfn main() {\n    let x"_s);
        const QList<QTextBlock> code = codeBlocks(document);
        QCOMPARE(code.size(), 1);
        QCOMPARE(keel::ui::CodeBlocks::language(code.first()), u"rust"_s);
        QCOMPARE(keel::ui::CodeBlocks::code(code.first()), u"fn main() {\n    let x"_s);
    }

    void aCodeBlockAtTheTopGetsRoomForItsHeader()
    {
        // The layout gives a document's first block no top margin: the root frame makes room.
        QTextDocument document;
        document.setDocumentMargin(0);
        StreamingMarkdown markdown(&document);
        markdown.setText(u"```py\nx = 1\n```\n\nAfter."_s);
        QCOMPARE(document.rootFrame()->frameFormat().topMargin(),
                 qreal(keel::ui::CodeBlocks::kHeaderHeight + keel::ui::CodeBlocks::kPadding));
        markdown.setText(u"Text first.\n\n```py\nx = 1\n```"_s);
        QCOMPARE(document.rootFrame()->frameFormat().topMargin(), 0.0);
        QTextDocument streamed;
        streamed.setDocumentMargin(0);
        StreamingMarkdown streaming(&streamed);
        for (QChar c : u"```py\nx = 1\n```\n\nAfter."_s)
            streaming.append(QStringView(&c, 1));
        QCOMPARE(streamed.rootFrame()->frameFormat().topMargin(),
                 qreal(keel::ui::CodeBlocks::kHeaderHeight + keel::ui::CodeBlocks::kPadding));
    }

    void tableAfterCodeHasNoEmptyFirstCell()
    {
        const QString text = u"```py\nx\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"_s;
        for (qsizetype pieceSize : {qsizetype(2), text.size()}) {
            QTextDocument document;
            StreamingMarkdown markdown(&document);
            streamInPieces(markdown, text, pieceSize);
            QTextTable* table = nullptr;
            for (QTextBlock block = document.begin(); block.isValid() && !table;
                 block = block.next())
                table = QTextCursor(block).currentTable();
            QVERIFY(table);
            const QTextBlock first = document.findBlock(table->cellAt(0, 0).firstPosition());
            QCOMPARE(first.text(), u"a"_s);
            QCOMPARE(table->cellAt(0, 0).lastPosition(), first.position() + 1);
        }
    }

    void anUpdateIsOneChangeFromTheTail()
    {
        QTextDocument document;
        document.documentLayout();
        StreamingMarkdown markdown(&document);
        markdown.append(u"First paragraph.\n\n"_s);
        int changes = 0;
        int lowest = INT_MAX;
        connect(&document, &QTextDocument::contentsChange, this, [&](int position, int, int) {
            ++changes;
            lowest = std::min(lowest, position);
        });
        const QString rest =
            u"```cpp\nint main() {\n  return 0;\n}\n```\n\n| a |\n|---|\n| b |\n"_s;
        for (QChar c : rest) {
            changes = 0;
            const int finalEnd = markdown.finalEnd();
            lowest = INT_MAX;
            markdown.append(QStringView(&c, 1));
            QVERIFY2(changes <= 1, qPrintable(QString::number(changes)));
            QVERIFY(lowest >= finalEnd);
        }
    }

    void rawHtmlIsShownAsText()
    {
        QTextDocument document;
        StreamingMarkdown(&document).setText(u"<b>x</b> <img src=\"https://example.com/a.png\">"_s);
        QVERIFY(document.toPlainText().contains(u"<b>x</b>"));
        QVERIFY(!document.toHtml().contains(u"<img"));
    }

    void clearEmptiesTheDocument()
    {
        QTextDocument document;
        StreamingMarkdown markdown(&document);
        markdown.append(u"one\n\ntwo");
        markdown.clear();
        QVERIFY(document.isEmpty());
        QVERIFY(markdown.text().isEmpty());
        markdown.append(u"three");
        QCOMPARE(document.toPlainText(), u"three"_s);
    }
};

QTEST_MAIN(StreamingMarkdownTest)
#include "StreamingMarkdownTest.moc"
