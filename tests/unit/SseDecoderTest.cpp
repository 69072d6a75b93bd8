// Unit tests of SseDecoder against the WHATWG "interpreting an event stream" rules, with the
// stream cut at every possible place, because the network decides where chunks end.
#include "net/SseDecoder.h"

#include <QList>
#include <QRandomGenerator>
#include <QStringList>
#include <QTest>

#include <climits>

using keel::core::SseDecoder;
using keel::core::SseEvent;
using namespace Qt::StringLiterals;

namespace {

// String literals may hold NUL bytes and bytes that are not UTF-8; the array size is the truth.
template <size_t N>
QByteArray raw(const char (&literal)[N]) // NOLINT(modernize-avoid-c-arrays): needs the bound
{
    return QByteArray(literal, qsizetype(N) - 1);
}

class Capture {
public:
    Capture()
        : decoder(SseDecoder::Handlers{
            .onEvent = [this](const SseEvent& event) { events.append(event); },
            .onComment = [this](QByteArrayView text) { comments.append(text.toByteArray()); },
            .onRetry = [this](int ms) { retries.append(ms); },
        })
    {
    }
    Q_DISABLE_COPY_MOVE(Capture)

    // chunkSize <= 0 feeds the stream in one piece.
    void feed(QByteArrayView stream, qsizetype chunkSize = 0)
    {
        if (chunkSize <= 0) {
            decoder.feed(stream);
            return;
        }
        for (qsizetype pos = 0; pos < stream.size(); pos += chunkSize)
            decoder.feed(stream.sliced(pos, qMin(chunkSize, stream.size() - pos)));
    }

    // One "type|data|id" string per event, so a QCOMPARE failure shows which event differs.
    QStringList described() const
    {
        QStringList out;
        for (const SseEvent& event : events)
            out.append(event.type + u'|' + event.data + u'|' + event.lastEventId);
        return out;
    }

    QList<SseEvent> events;
    QList<QByteArray> comments;
    QList<int> retries;
    SseDecoder decoder;
};

QStringList decodeAll(QByteArrayView stream, qsizetype chunkSize = 0)
{
    Capture capture;
    capture.feed(stream, chunkSize);
    return capture.described();
}

} // namespace

class SseDecoderTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void lineEndings_data();
    void lineEndings();
    void crlfSplitAcrossChunks();
    void crAtChunkEndThenAnotherCr();
    void emptyChunksAreHarmless();
    void comments();
    void multiLineData();
    void eventType();
    void idField();
    void idWithNulIsIgnored();
    void idIsCommittedAtDispatch();
    void retry_data();
    void retry();
    void fieldWithoutColon();
    void valueLeadingSpace_data();
    void valueLeadingSpace();
    void unknownFieldsAreIgnored();
    void bomIsSkipped_data();
    void bomIsSkipped();
    void bomOnlyAtStreamStart();
    void partialBomIsLineContent();
    void emptyDataLine();
    void dispatchWithoutDataDoesNothing();
    void finishDropsUnterminatedEvent_data();
    void finishDropsUnterminatedEvent();
    void decoderIsReusableAfterFinish();
    void everyChunkSize();
    void randomChunking();
    void utf8SplitAtEveryOffset();
    void invalidUtf8BecomesReplacementCharacter();
    void largeDataLine_data();
    void largeDataLine();
    void openAiStream();
    void missingHandlersAreSkipped();
};

void SseDecoderTest::lineEndings_data()
{
    QTest::addColumn<QByteArray>("stream");
    // A CRLF taken for two line ends would split "a" and "b" into two events.
    QTest::newRow("LF") << raw("data: a\ndata: b\n\nevent: x\ndata: c\n\n");
    QTest::newRow("CR") << raw("data: a\rdata: b\r\revent: x\rdata: c\r\r");
    QTest::newRow("CRLF") << raw("data: a\r\ndata: b\r\n\r\nevent: x\r\ndata: c\r\n\r\n");
    QTest::newRow("mixed") << raw("data: a\r\ndata: b\n\revent: x\rdata: c\n\r\n");
}

void SseDecoderTest::lineEndings()
{
    QFETCH(QByteArray, stream);
    const QStringList expected{u"message|a\nb|"_s, u"x|c|"_s};
    QCOMPARE(decodeAll(stream), expected);
    QCOMPARE(decodeAll(stream, 1), expected);
    QCOMPARE(decodeAll(stream, 2), expected);
}

void SseDecoderTest::crlfSplitAcrossChunks()
{
    Capture capture;
    capture.decoder.feed("data: a\r");
    capture.decoder.feed("\ndata: b\r");
    capture.decoder.feed("\n");
    QVERIFY(capture.events.isEmpty());
    capture.decoder.feed("\r");
    QCOMPARE(capture.described(), QStringList{u"message|a\nb|"_s});
    // The LF completing that CRLF is not a second blank line.
    capture.decoder.feed("\ndata: c\r\n\r");
    capture.decoder.feed("\n");
    QCOMPARE(capture.described(), (QStringList{u"message|a\nb|"_s, u"message|c|"_s}));
    QCOMPARE(capture.decoder.pendingLineBytes(), 0);
    QVERIFY(!capture.decoder.finish());

    // The LF right after a chunk-ending CR is swallowed, but a second LF is a blank line.
    Capture next;
    next.decoder.feed("data: c\r");
    next.decoder.feed("\n");
    QVERIFY(next.events.isEmpty());
    next.decoder.feed("\n");
    QCOMPARE(next.described(), QStringList{u"message|c|"_s});
}

void SseDecoderTest::crAtChunkEndThenAnotherCr()
{
    Capture capture;
    capture.decoder.feed("data: a\r");
    capture.decoder.feed("data: b\r");
    QVERIFY(capture.events.isEmpty());
    capture.decoder.feed("\r");
    QCOMPARE(capture.described(), QStringList{u"message|a\nb|"_s});
}

void SseDecoderTest::emptyChunksAreHarmless()
{
    Capture capture;
    capture.decoder.feed("");
    capture.decoder.feed("data: a\r");
    capture.decoder.feed(QByteArrayView());
    capture.decoder.feed("\n");
    capture.decoder.feed("");
    QVERIFY(capture.events.isEmpty());
    capture.decoder.feed("\n");
    QCOMPARE(capture.described(), QStringList{u"message|a|"_s});
}

void SseDecoderTest::comments()
{
    Capture capture;
    capture.feed(": keep-alive\n:\n:no space\ndata: x\n: between\ndata: y\n\n:: double\r\n");
    const QList<QByteArray> expected{" keep-alive", "", "no space", " between", ": double"};
    QCOMPARE(capture.comments, expected);
    QCOMPARE(capture.comments.size(), 5);
    // Comments neither dispatch nor break up the event around them.
    QCOMPARE(capture.described(), QStringList{u"message|x\ny|"_s});
    QVERIFY(!capture.decoder.finish());
}

void SseDecoderTest::multiLineData()
{
    QCOMPARE(decodeAll("data: first\ndata: second\ndata: third\n\n"),
             QStringList{u"message|first\nsecond\nthird|"_s});
    QCOMPARE(decodeAll("data: a\ndata:\ndata: b\n\n"), QStringList{u"message|a\n\nb|"_s});
    // Only the newline after the last data line is removed.
    QCOMPARE(decodeAll("data: a\ndata:\n\n"), QStringList{u"message|a\n|"_s});
}

void SseDecoderTest::eventType()
{
    QCOMPARE(decodeAll("event: delta\ndata: 1\n\ndata: 2\n\nevent:\ndata: 3\n\n"
                       "event: a\nevent: b\ndata: 4\n\n"),
             (QStringList{u"delta|1|"_s, u"message|2|"_s, u"message|3|"_s, u"b|4|"_s}));
}

void SseDecoderTest::idField()
{
    Capture capture;
    capture.feed("id: 42\ndata: a\n\ndata: b\n\nid:  7\ndata: c\n\nid\ndata: d\n\n");
    QCOMPARE(capture.described(), (QStringList{u"message|a|42"_s, u"message|b|42"_s,
                                               u"message|c| 7"_s, u"message|d|"_s}));
    QCOMPARE(capture.decoder.lastEventId(), QString());
}

void SseDecoderTest::idWithNulIsIgnored()
{
    Capture capture;
    capture.feed(raw("id: 1\ndata: a\n\nid: 2\0x\ndata: b\n\nid: \0\ndata: c\n\n"));
    QCOMPARE(capture.described(),
             (QStringList{u"message|a|1"_s, u"message|b|1"_s, u"message|c|1"_s}));
    QCOMPARE(capture.decoder.lastEventId(), u"1"_s);

    // NUL is only special in an id; data carries it through.
    Capture data;
    data.feed(raw("data: x\0y\n\n"));
    QCOMPARE(data.events.size(), 1);
    QCOMPARE(data.events.front().data, QString(u"x\0y"_s));
    QCOMPARE(data.events.front().data.size(), 3);
}

void SseDecoderTest::idIsCommittedAtDispatch()
{
    Capture capture;
    capture.decoder.feed("id: 5\n");
    QCOMPARE(capture.decoder.lastEventId(), QString());
    // A blank line commits the id even though there is no data to dispatch.
    capture.decoder.feed("\n");
    QVERIFY(capture.events.isEmpty());
    QCOMPARE(capture.decoder.lastEventId(), u"5"_s);

    // The id of an event cut off by the end of the stream is dropped with it.
    capture.decoder.feed("id: 6\ndata: x\n");
    QVERIFY(capture.decoder.finish());
    QCOMPARE(capture.decoder.lastEventId(), u"5"_s);
    capture.decoder.feed("data: y\n\n");
    QCOMPARE(capture.described(), QStringList{u"message|y|5"_s});
}

void SseDecoderTest::retry_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QList<int>>("expected");
    QTest::newRow("plain") << raw("retry: 3000") << QList<int>{3000};
    QTest::newRow("no space") << raw("retry:250") << QList<int>{250};
    QTest::newRow("zero") << raw("retry: 0") << QList<int>{0};
    QTest::newRow("leading zeros") << raw("retry: 007") << QList<int>{7};
    QTest::newRow("int max") << raw("retry: 2147483647") << QList<int>{INT_MAX};
    QTest::newRow("int max + 1") << raw("retry: 2147483648") << QList<int>{INT_MAX};
    QTest::newRow("huge") << raw("retry: 99999999999999999999999999999999") << QList<int>{INT_MAX};
    QTest::newRow("letters") << raw("retry: abc") << QList<int>{};
    QTest::newRow("trailing letter") << raw("retry: 10a") << QList<int>{};
    QTest::newRow("negative") << raw("retry: -5") << QList<int>{};
    QTest::newRow("plus") << raw("retry: +5") << QList<int>{};
    QTest::newRow("decimal") << raw("retry: 1.5") << QList<int>{};
    QTest::newRow("two spaces") << raw("retry:  10") << QList<int>{};
    QTest::newRow("trailing space") << raw("retry: 10 ") << QList<int>{};
    QTest::newRow("empty") << raw("retry:") << QList<int>{};
    QTest::newRow("no colon") << raw("retry") << QList<int>{};
    QTest::newRow("non-ASCII digits") << raw("retry: \xD9\xA1\xD9\xA2") << QList<int>{};
}

void SseDecoderTest::retry()
{
    QFETCH(QByteArray, line);
    QFETCH(QList<int>, expected);
    Capture capture;
    capture.feed(line + "\ndata: x\n\n");
    QCOMPARE(capture.retries, expected);
    // retry never dispatches nor disturbs the event it appears in.
    QCOMPARE(capture.described(), QStringList{u"message|x|"_s});
}

void SseDecoderTest::fieldWithoutColon()
{
    QCOMPARE(decodeAll("data\n\n"), QStringList{u"message||"_s});
    QCOMPARE(decodeAll("data\ndata\n\n"), QStringList{u"message|\n|"_s});
    QCOMPARE(decodeAll("event\ndata: x\n\n"), QStringList{u"message|x|"_s});
    QCOMPARE(decodeAll("dataX\n\n"), QStringList{});
}

void SseDecoderTest::valueLeadingSpace_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("expected");
    QTest::newRow("no space") << raw("data:x") << u"x"_s;
    QTest::newRow("one space") << raw("data: x") << u"x"_s;
    QTest::newRow("two spaces") << raw("data:  x") << u" x"_s;
    QTest::newRow("tab is not stripped") << raw("data:\tx") << u"\tx"_s;
    QTest::newRow("trailing space kept") << raw("data: x ") << u"x "_s;
    QTest::newRow("only a space") << raw("data: ") << QString();
    QTest::newRow("colon in value") << raw("data: a: b") << u"a: b"_s;
    QTest::newRow("value starting with colon") << raw("data::x") << u":x"_s;
}

void SseDecoderTest::valueLeadingSpace()
{
    QFETCH(QByteArray, line);
    QFETCH(QString, expected);
    Capture capture;
    capture.feed(line + "\n\n");
    QCOMPARE(capture.events.size(), 1);
    QCOMPARE(capture.events.front().data, expected);
}

void SseDecoderTest::unknownFieldsAreIgnored()
{
    // Field names are case-sensitive and a space before the colon belongs to the name.
    QCOMPARE(decodeAll("foo: bar\nDATA: x\nData: y\ndata : z\n data: w\n\n"), QStringList{});
    QCOMPARE(decodeAll("foo: bar\ndata: z\nfoo\n\n"), QStringList{u"message|z|"_s});
}

void SseDecoderTest::bomIsSkipped_data()
{
    QTest::addColumn<qsizetype>("chunkSize");
    QTest::newRow("whole") << qsizetype(0);
    QTest::newRow("1 byte") << qsizetype(1);
    QTest::newRow("2 bytes") << qsizetype(2);
    QTest::newRow("3 bytes") << qsizetype(3);
    QTest::newRow("4 bytes") << qsizetype(4);
}

void SseDecoderTest::bomIsSkipped()
{
    QFETCH(qsizetype, chunkSize);
    // Were the BOM kept, the field name would be "\uFEFFdata" and nothing would be dispatched.
    QCOMPARE(decodeAll(raw("\xEF\xBB\xBF"
                           "data: a\n\n"),
                       chunkSize),
             QStringList{u"message|a|"_s});
    QCOMPARE(decodeAll(raw("\xEF\xBB\xBF"
                           ": c\n\ndata: a\n\n"),
                       chunkSize),
             QStringList{u"message|a|"_s});
}

void SseDecoderTest::bomOnlyAtStreamStart()
{
    const QByteArray stream = raw("\xEF\xBB\xBF"
                                  "data: a\n\n\xEF\xBB\xBF"
                                  "data: b\n\n");
    QCOMPARE(decodeAll(stream), QStringList{u"message|a|"_s});
    QCOMPARE(decodeAll(stream, 1), QStringList{u"message|a|"_s});

    const QByteArray twice = raw("\xEF\xBB\xBF\xEF\xBB\xBF"
                                 "data: a\n\ndata: b\n\n");
    QCOMPARE(decodeAll(twice), QStringList{u"message|b|"_s});
    QCOMPARE(decodeAll(twice, 1), QStringList{u"message|b|"_s});
}

void SseDecoderTest::partialBomIsLineContent()
{
    // Bytes that start like a BOM but are not one stay in the first line's field name.
    const QByteArray stream = raw("\xEF\xBB"
                                  "data: a\n\ndata: b\n\n");
    QCOMPARE(decodeAll(stream), QStringList{u"message|b|"_s});
    QCOMPARE(decodeAll(stream, 1), QStringList{u"message|b|"_s});

    // A prefix of a BOM cut off by a line end must not hide that line end.
    for (qsizetype size : {0, 1}) {
        QCOMPARE(decodeAll(raw("\xEF\ndata: a\n\n"), size), QStringList{u"message|a|"_s});
        QCOMPARE(decodeAll(raw("\xEF\xBB\r\ndata: a\r\n\r\n"), size), QStringList{u"message|a|"_s});
        QCOMPARE(decodeAll(raw("\ndata: a\n\n"), size), QStringList{u"message|a|"_s});
    }

    Capture pending;
    pending.decoder.feed("\xEF\xBB");
    QCOMPARE(pending.decoder.pendingLineBytes(), 2);
    QVERIFY(pending.decoder.finish());
}

void SseDecoderTest::emptyDataLine()
{
    Capture capture;
    capture.feed("data:\n\n");
    QCOMPARE(capture.events.size(), 1);
    QCOMPARE(capture.events.front().type, u"message"_s);
    QVERIFY(capture.events.front().data.isEmpty());
}

void SseDecoderTest::dispatchWithoutDataDoesNothing()
{
    QCOMPARE(decodeAll("\n\n\r\n\r"), QStringList{});

    // Blank lines after event-, id-, retry- or comment-only blocks dispatch nothing, and the
    // event type does not leak into the next event.
    Capture capture;
    capture.feed("event: ping\n\nid: 3\n\nretry: 5\n\n: c\n\ndata: x\n\n");
    QCOMPARE(capture.described(), QStringList{u"message|x|3"_s});
    QCOMPARE(capture.retries, QList<int>{5});
}

void SseDecoderTest::finishDropsUnterminatedEvent_data()
{
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<bool>("dropped");
    QTest::newRow("clean end") << raw("data: a\n\n") << false;
    QTest::newRow("comment after last event") << raw("data: a\n\n: bye\n") << false;
    QTest::newRow("data without blank line") << raw("data: a\n\ndata: b\n") << true;
    QTest::newRow("data ended by CR") << raw("data: a\n\ndata: b\r") << true;
    QTest::newRow("partial line") << raw("data: a\n\ndata: b") << true;
    QTest::newRow("partial comment line") << raw("data: a\n\n: b") << true;
    QTest::newRow("event type only") << raw("data: a\n\nevent: x\n") << false;
}

void SseDecoderTest::finishDropsUnterminatedEvent()
{
    QFETCH(QByteArray, stream);
    QFETCH(bool, dropped);
    for (qsizetype size : {0, 1}) {
        Capture capture;
        capture.feed(stream, size);
        QCOMPARE(capture.decoder.finish(), dropped);
        QCOMPARE(capture.described(), QStringList{u"message|a|"_s});
        QCOMPARE(capture.decoder.pendingLineBytes(), 0);
        // Everything was dropped, so a second finish has nothing left to report.
        QVERIFY(!capture.decoder.finish());
    }
}

void SseDecoderTest::decoderIsReusableAfterFinish()
{
    Capture capture;
    capture.feed("id: 9\ndata: a\n\nevent: x\ndata: partial\ndata: li");
    QVERIFY(capture.decoder.finish());
    // A reconnection starts a new stream: BOM allowed again, nothing of the old event left.
    capture.feed(raw("\xEF\xBB\xBF"
                     "data: b\n\n"));
    QCOMPARE(capture.described(), (QStringList{u"message|a|9"_s, u"message|b|9"_s}));
}

namespace {

// Every feature at once, with all three line ends, so chunk boundaries land on each of them.
QByteArray mixedStream()
{
    return raw("\xEF\xBB\xBF"
               ": hello\r\n"
               "retry: 1500\r"
               "event: update\n"
               "id: e1\r\n"
               "data: {\"a\":1}\r"
               "data:second\n"
               "\r\n"
               "data: \xE4\xBD\xA0\xE5\xA5\xBD \xF0\x9F\x99\x82\n"
               "\n"
               "id: e2\r"
               "event: done\r"
               "data: [DONE]\r"
               "\r"
               "data: tail");
}

const QStringList& mixedStreamEvents()
{
    static const QStringList events{
        u"update|{\"a\":1}\nsecond|e1"_s,
        u"message|\u4F60\u597D \U0001F642|e1"_s,
        u"done|[DONE]|e2"_s,
    };
    return events;
}

} // namespace

void SseDecoderTest::everyChunkSize()
{
    const QByteArray stream = mixedStream();
    for (qsizetype size = 1; size <= stream.size(); ++size) {
        const QByteArray where = "chunk size " + QByteArray::number(size);
        Capture capture;
        capture.feed(stream, size);
        QVERIFY2(capture.described() == mixedStreamEvents(), where.constData());
        QVERIFY2(capture.comments == QList<QByteArray>{" hello"}, where.constData());
        QVERIFY2(capture.retries == QList<int>{1500}, where.constData());
        QVERIFY2(capture.decoder.pendingLineBytes() == 10, where.constData());
        QVERIFY2(capture.decoder.finish(), where.constData());
        QVERIFY2(capture.events.size() == 3, where.constData());
    }
}

void SseDecoderTest::randomChunking()
{
    const QByteArray stream = mixedStream();
    QRandomGenerator random(20240611); // fixed seed: a failure must be reproducible
    for (int round = 0; round < 500; ++round) {
        Capture capture;
        QByteArray cuts;
        for (qsizetype pos = 0; pos < stream.size();) {
            const qsizetype size = qMin<qsizetype>(random.bounded(1, 9), stream.size() - pos);
            capture.decoder.feed(stream.sliced(pos, size));
            pos += size;
            cuts += QByteArray::number(pos) + ' ';
        }
        const QByteArray where = "cuts after " + cuts;
        QVERIFY2(capture.described() == mixedStreamEvents(), where.constData());
        QVERIFY2(capture.comments == QList<QByteArray>{" hello"}, where.constData());
        QVERIFY2(capture.retries == QList<int>{1500}, where.constData());
    }
}

void SseDecoderTest::utf8SplitAtEveryOffset()
{
    // "你" as event type, "🙂" as id, "你好🙂!" as data, " 好" as comment.
    const QByteArray stream = raw("event: \xE4\xBD\xA0\n"
                                  "id: \xF0\x9F\x99\x82\n"
                                  ": \xE5\xA5\xBD\n"
                                  "data: \xE4\xBD\xA0\xE5\xA5\xBD\xF0\x9F\x99\x82!\n"
                                  "\n");
    const QStringList expected{u"\u4F60|\u4F60\u597D\U0001F642!|\U0001F642"_s};
    const QList<QByteArray> expectedComments{raw(" \xE5\xA5\xBD")};

    // Two and three pieces: a 4-byte character can be cut twice.
    for (qsizetype first = 0; first <= stream.size(); ++first) {
        for (qsizetype second = first; second <= stream.size(); ++second) {
            const QByteArray where =
                "cut at " + QByteArray::number(first) + " and " + QByteArray::number(second);
            Capture capture;
            capture.decoder.feed(stream.first(first));
            capture.decoder.feed(stream.sliced(first, second - first));
            capture.decoder.feed(stream.sliced(second));
            QVERIFY2(capture.described() == expected, where.constData());
            QVERIFY2(capture.comments == expectedComments, where.constData());
        }
    }
    QCOMPARE(decodeAll(stream, 1), expected);
}

void SseDecoderTest::invalidUtf8BecomesReplacementCharacter()
{
    Capture capture;
    capture.feed(raw("data: a\xFF"
                     "b\xC3\n\n"
                     "data: \xE4\xBD\n\n"
                     "event: \xC0\xAF\ndata: x\n\n"
                     "data: \xE4\xBD\ndata: \xA0ok\n\n"
                     "id: \xFE\ndata: y\n\n"),
                 1);
    QCOMPARE(capture.events.size(), 5);
    const QChar replacement = QChar::ReplacementCharacter;

    const QString& first = capture.events[0].data;
    QVERIFY(first.startsWith(u'a'));
    QVERIFY(first.contains(u'b'));
    QCOMPARE(first.count(replacement), 2);

    // A character truncated at the end of the data must not crash or swallow anything.
    QVERIFY(!capture.events[1].data.isEmpty());
    QVERIFY(capture.events[1].data.contains(replacement));

    QVERIFY(capture.events[2].type.contains(replacement));
    QCOMPARE(capture.events[2].data, u"x"_s);

    // The newline between data lines is never eaten by a broken sequence before it.
    const QString& joined = capture.events[3].data;
    QVERIFY(joined.contains(u'\n'));
    QVERIFY(joined.endsWith(u"ok"_s));
    QVERIFY(joined.contains(replacement));

    QVERIFY(capture.events[4].lastEventId.contains(replacement));
    QCOMPARE(capture.events[4].data, u"y"_s);
}

void SseDecoderTest::largeDataLine_data()
{
    QTest::addColumn<QByteArray>("unit");
    QTest::addColumn<qsizetype>("chunkSize");
    const QByteArray ascii = "0123456789abcdef";
    const QByteArray cjk = raw("\xE4\xBD\xA0"); // 3 bytes: chunks of 4 KB cut through it
    QTest::newRow("ASCII, 4 KB chunks") << ascii << qsizetype(4096);
    QTest::newRow("ASCII, one piece") << ascii << qsizetype(0);
    QTest::newRow("ASCII, 1 byte chunks") << ascii << qsizetype(1);
    QTest::newRow("CJK, 4 KB chunks") << cjk << qsizetype(4096);
    QTest::newRow("CJK, one piece") << cjk << qsizetype(0);
    QTest::newRow("CJK, odd chunks") << cjk << qsizetype(4093);
}

void SseDecoderTest::largeDataLine()
{
    QFETCH(QByteArray, unit);
    QFETCH(qsizetype, chunkSize);
    constexpr qsizetype kPayloadBytes = qsizetype(1) << 20;
    const qsizetype units = kPayloadBytes / unit.size();
    const QByteArray payload = unit.repeated(units);
    const QByteArray line = "data: " + payload;

    Capture capture;
    capture.feed(line, chunkSize);
    QVERIFY(capture.events.isEmpty());
    QCOMPARE(capture.decoder.pendingLineBytes(), line.size());
    capture.feed("\r\n\r\ndata: after\n\n", chunkSize);

    QCOMPARE(capture.events.size(), 2);
    const QString& data = capture.events.front().data;
    QCOMPARE(data.size(), QString::fromUtf8(unit).size() * units);
    QVERIFY(!data.contains(QChar::ReplacementCharacter));
    QCOMPARE(data, QString::fromUtf8(payload));
    QCOMPARE(capture.events.back().data, u"after"_s);
    QCOMPARE(capture.decoder.pendingLineBytes(), 0);
}

void SseDecoderTest::openAiStream()
{
    const QByteArray stream =
        R"(data: {"id":"chatcmpl-1","object":"chat.completion.chunk","choices":[{"index":0,)"
        R"("delta":{"role":"assistant","content":""},"finish_reason":null}]})"
        "\n\n"
        ": OPENROUTER PROCESSING\n\n"
        R"(data: {"id":"chatcmpl-1","choices":[{"index":0,"delta":{"content":"Hel"}}]})"
        "\n\n"
        R"(data: {"id":"chatcmpl-1","choices":[{"index":0,"delta":{"content":"lo"}}]})"
        "\n\n"
        R"(data: {"id":"chatcmpl-1","choices":[{"index":0,"delta":{},"finish_reason":"stop"}],)"
        R"("usage":{"prompt_tokens":5,"completion_tokens":2}})"
        "\n\n"
        "data: [DONE]\n\n";

    for (qsizetype size : {0, 1, 7, 64}) {
        Capture capture;
        capture.feed(stream, size);
        QCOMPARE(capture.events.size(), 5);
        for (qsizetype i = 0; i < 4; ++i) {
            QCOMPARE(capture.events[i].type, u"message"_s);
            QVERIFY(capture.events[i].data.startsWith(u"{\"id\":\"chatcmpl-1\""_s));
            QVERIFY(capture.events[i].data.endsWith(u'}'));
        }
        QVERIFY(capture.events[1].data.contains(u"\"content\":\"Hel\""_s));
        QCOMPARE(capture.events.back().data, u"[DONE]"_s);
        QCOMPARE(capture.comments, QList<QByteArray>{" OPENROUTER PROCESSING"});
        QVERIFY(!capture.decoder.finish());
    }
}

void SseDecoderTest::missingHandlersAreSkipped()
{
    SseDecoder decoder{SseDecoder::Handlers{}};
    decoder.feed(": c\nretry: 10\nid: 1\nevent: e\ndata: x\n\ndata: y");
    QCOMPARE(decoder.lastEventId(), u"1"_s);
    QVERIFY(decoder.finish());
}

QTEST_APPLESS_MAIN(SseDecoderTest)

#include "SseDecoderTest.moc"
