// NdjsonDecoder: line framing of newline-delimited JSON for any chunking of the bytes.
#include "net/NdjsonDecoder.h"

#include <QElapsedTimer>
#include <QList>
#include <QTest>

using namespace keel::core;

namespace {

struct Run {
    QList<QByteArray> lines;
    bool finalLine = false;
};

Run decodeInChunks(const QByteArray& bytes, qsizetype chunkSize)
{
    Run run;
    NdjsonDecoder decoder([&](QByteArrayView line) { run.lines.append(line.toByteArray()); });
    for (qsizetype i = 0; i < bytes.size(); i += chunkSize)
        decoder.feed(QByteArrayView(bytes).sliced(i, qMin(chunkSize, bytes.size() - i)));
    run.finalLine = decoder.finish();
    return run;
}

Run decodeWhole(const QByteArray& bytes)
{
    return decodeInChunks(bytes, qMax<qsizetype>(bytes.size(), 1));
}

// Every line shape the decoder must cope with, LF and CRLF mixed, UTF-8 everywhere.
const QByteArray sample = "{\"a\":1}\n"
                          "{\"b\":\"w\xC3\xB6rld \xF0\x9F\x8C\x8D\"}\r\n"
                          "\n"
                          "\r\n"
                          "{\"c\":\"tab\\there\"}\n"
                          "\n\n\n"
                          "  {\"d\":[1,2,3]}  \r\n"
                          "{\"e\":\"\xE2\x82\xAC\"}";

const QList<QByteArray> sampleLines{
    "{\"a\":1}",
    "{\"b\":\"w\xC3\xB6rld \xF0\x9F\x8C\x8D\"}",
    "{\"c\":\"tab\\there\"}",
    "  {\"d\":[1,2,3]}  ",
    "{\"e\":\"\xE2\x82\xAC\"}",
};

} // namespace

class NdjsonDecoderTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void wholeStream()
    {
        const Run run = decodeWhole(sample);
        QCOMPARE(run.lines, sampleLines);
        QVERIFY(run.finalLine); // the last line had no newline
    }

    void everyChunkSizeGivesTheSameLines()
    {
        for (qsizetype size = 1; size <= sample.size(); ++size) {
            const Run run = decodeInChunks(sample, size);
            QVERIFY2(run.lines == sampleLines, qPrintable(QString::number(size)));
            QVERIFY(run.finalLine);
        }
    }

    void everySplitPointGivesTheSameLines()
    {
        for (qsizetype cut = 0; cut <= sample.size(); ++cut) {
            Run run;
            NdjsonDecoder decoder(
                [&](QByteArrayView line) { run.lines.append(line.toByteArray()); });
            decoder.feed(QByteArrayView(sample).first(cut));
            decoder.feed(QByteArrayView(sample).sliced(cut));
            QVERIFY(decoder.finish());
            QVERIFY2(run.lines == sampleLines, qPrintable(QString::number(cut)));
        }
    }

    void crlfSplitBetweenCrAndLf()
    {
        Run run;
        NdjsonDecoder decoder([&](QByteArrayView line) { run.lines.append(line.toByteArray()); });
        decoder.feed("{\"x\":1}\r");
        QVERIFY(run.lines.isEmpty());
        decoder.feed("\n{\"y\":2}\r");
        QCOMPARE(run.lines, QList<QByteArray>{"{\"x\":1}"});
        decoder.feed("\n");
        QCOMPARE(run.lines, (QList<QByteArray>{"{\"x\":1}", "{\"y\":2}"}));
        QVERIFY(!decoder.finish());
    }

    void emptyLinesAreSkipped()
    {
        const Run run = decodeWhole("\n\r\n\n\r\n");
        QVERIFY(run.lines.isEmpty());
        QVERIFY(!run.finalLine);
        QVERIFY(decodeWhole({}).lines.isEmpty());
        // A lone '\r' at the end is an empty line too, not a final line.
        const Run cr = decodeWhole("{}\n\r");
        QCOMPARE(cr.lines, QList<QByteArray>{"{}"});
        QVERIFY(!cr.finalLine);
    }

    void finalLineWithoutNewline()
    {
        Run run;
        NdjsonDecoder decoder([&](QByteArrayView line) { run.lines.append(line.toByteArray()); });
        decoder.feed("{\"done\":false}\n{\"done\":");
        decoder.feed("true}");
        QCOMPARE(run.lines.size(), 1);
        QCOMPARE(decoder.pendingLineBytes(), qsizetype(13));
        QVERIFY(decoder.finish());
        QCOMPARE(run.lines, (QList<QByteArray>{"{\"done\":false}", "{\"done\":true}"}));
        QCOMPARE(decoder.pendingLineBytes(), qsizetype(0));
        // Nothing more to deliver, and the decoder is ready for a new stream.
        QVERIFY(!decoder.finish());
        decoder.feed("{\"again\":1}\n");
        QCOMPARE(run.lines.size(), 3);
        QCOMPARE(run.lines.back(), QByteArray("{\"again\":1}"));
    }

    void newlineTerminatedStreamHasNoFinalLine()
    {
        const Run run = decodeWhole("{\"a\":1}\n{\"b\":2}\n");
        QCOMPARE(run.lines.size(), 2);
        QVERIFY(!run.finalLine);
    }

    void utf8SplitIsPreserved()
    {
        // Bytes are passed through untouched, so a character cut in two arrives whole.
        const QByteArray line = "{\"t\":\"\xF0\x9F\x98\x80\xE4\xB8\xAD\xC3\xA9\"}";
        for (qsizetype cut = 1; cut < line.size(); ++cut) {
            Run run;
            NdjsonDecoder decoder([&](QByteArrayView l) { run.lines.append(l.toByteArray()); });
            decoder.feed(QByteArrayView(line).first(cut));
            decoder.feed(QByteArrayView(line).sliced(cut));
            decoder.feed("\n");
            QCOMPARE(run.lines, QList<QByteArray>{line});
            QCOMPARE(QString::fromUtf8(run.lines.front()),
                     QStringLiteral("{\"t\":\"\U0001F600\u4E2D\u00E9\"}"));
        }
    }

    void manyLinesInOneChunk()
    {
        QByteArray bytes;
        QList<QByteArray> expected;
        for (int i = 0; i < 10'000; ++i) {
            const QByteArray line = "{\"i\":" + QByteArray::number(i) + "}";
            bytes += line + (i % 2 ? "\n" : "\r\n");
            expected.append(line);
        }
        const Run run = decodeWhole(bytes);
        QCOMPARE(run.lines, expected);
        QCOMPARE(decodeInChunks(bytes, 7).lines, expected);
    }

    void bigLine()
    {
        // 5 MB of content in one line, split in 1,000-byte chunks and in odd sizes: it must
        // arrive whole, and fast (no quadratic rescanning of the buffered part).
        const QByteArray big = "{\"content\":\"" + QByteArray(5 * 1024 * 1024, 'x') + "\"}";
        const QByteArray bytes = "{\"before\":1}\n" + big + "\r\n{\"after\":2}\n";
        QElapsedTimer clock;
        clock.start();
        for (const qsizetype chunk : {qsizetype(1000), qsizetype(4093), bytes.size()}) {
            const Run run = decodeInChunks(bytes, chunk);
            QCOMPARE(run.lines.size(), 3);
            QCOMPARE(run.lines[0], QByteArray("{\"before\":1}"));
            QVERIFY(run.lines[1] == big);
            QCOMPARE(run.lines[2], QByteArray("{\"after\":2}"));
        }
        QVERIFY2(clock.elapsed() < 5000, qPrintable(QString::number(clock.elapsed())));

        // The same line fed one byte at a time stays linear.
        clock.restart();
        qsizetype delivered = 0;
        NdjsonDecoder decoder([&](QByteArrayView line) { delivered = line.size(); });
        for (qsizetype i = 0; i < big.size(); ++i)
            decoder.feed(QByteArrayView(big).sliced(i, 1));
        QCOMPARE(decoder.pendingLineBytes(), big.size());
        decoder.feed("\n");
        QCOMPARE(delivered, big.size());
        QVERIFY2(clock.elapsed() < 10000, qPrintable(QString::number(clock.elapsed())));
    }

    void wholeLinesInAChunkAreNotCopied()
    {
        // A line complete inside the chunk is handed over as a view of the chunk itself.
        const QByteArray chunk = "{\"a\":1}\n{\"b\":2}\n";
        QList<const char*> starts;
        NdjsonDecoder decoder([&](QByteArrayView line) { starts.append(line.data()); });
        decoder.feed(chunk);
        QCOMPARE(starts, (QList<const char*>{chunk.constData(), chunk.constData() + 8}));
    }
};

QTEST_GUILESS_MAIN(NdjsonDecoderTest)
#include "NdjsonDecoderTest.moc"
