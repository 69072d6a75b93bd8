// Unit tests of the streaming Markdown renderer: where MarkdownBlockSplitter cuts a growing text,
// that a reply fed in arbitrary pieces renders like the whole reply, and that finished blocks are
// never rendered again.
#include "ui/StreamingMarkdown.h"

#include <QRandomGenerator>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextList>

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

    void codeBackgroundIsAppliedToCodeOnly()
    {
        QTextDocument document;
        StreamingMarkdown markdown(&document);
        markdown.setCodeBackground(Qt::yellow);
        markdown.setText(u"text `inline`\n\n```\ncode\n```\n\nafter"_s);
        QTextBlock block = document.firstBlock();
        QVERIFY(block.blockFormat().background().style() == Qt::NoBrush);
        bool inlineHasBackground = false;
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            if (it.fragment().text() == u"inline")
                inlineHasBackground = it.fragment().charFormat().background() == Qt::yellow;
        }
        QVERIFY(inlineHasBackground);
        block = block.next();
        QCOMPARE(block.text(), u"code"_s);
        QCOMPARE(block.blockFormat().background().color(), QColor(Qt::yellow));
        QVERIFY(block.next().blockFormat().background().style() == Qt::NoBrush);
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
