// ThinkTagSplitter: inline <think> reasoning separated from the answer, for any delta boundaries.
#include "providers/ThinkTagSplitter.h"

#include <QRandomGenerator>
#include <QStringList>
#include <QTest>

using namespace keel::core;

namespace {

struct Result {
    QString text;
    QString reasoning;
    bool textBeforeReasoning = false; // reasoning arrived after some text had been emitted

    bool operator==(const Result& other) const
    {
        return text == other.text && reasoning == other.reasoning
               && textBeforeReasoning == other.textBeforeReasoning;
    }
};

char* toString(const Result& result)
{
    return QTest::toString(
        QStringLiteral("text=[%1] reasoning=[%2]%3")
            .arg(result.text, result.reasoning,
                 result.textBeforeReasoning ? QStringLiteral(" (out of order)") : QString()));
}

void add(Result& result, const ThinkTagSplitter::Split& split)
{
    if (!split.reasoning.isEmpty() && !result.text.isEmpty())
        result.textBeforeReasoning = true;
    result.reasoning += split.reasoning;
    result.text += split.text;
}

Result splitDeltas(const QStringList& deltas)
{
    ThinkTagSplitter splitter;
    Result result;
    for (const QString& delta : deltas)
        add(result, splitter.feed(delta));
    add(result, splitter.finish());
    return result;
}

Result splitWhole(const QString& reply)
{
    return splitDeltas({reply});
}

// Every way of cutting the reply into two deltas, and into three.
void checkEverySplit(const QString& reply, const Result& expected)
{
    QCOMPARE(splitWhole(reply), expected);
    for (qsizetype a = 0; a <= reply.size(); ++a) {
        const Result two = splitDeltas({reply.first(a), reply.sliced(a)});
        if (!(two == expected))
            QFAIL(qPrintable(QStringLiteral("cut at %1: %2").arg(a).arg(toString(two))));
        for (qsizetype b = a; b <= reply.size(); ++b) {
            const Result three =
                splitDeltas({reply.first(a), reply.sliced(a, b - a), reply.sliced(b)});
            if (!(three == expected))
                QFAIL(qPrintable(
                    QStringLiteral("cuts at %1, %2: %3").arg(a).arg(b).arg(toString(three))));
        }
    }
    // Character by character, the way small local models often stream.
    QStringList characters;
    for (const QChar c : reply)
        characters.append(QString(c));
    QCOMPARE(splitDeltas(characters), expected);
}

} // namespace

class ThinkTagSplitterTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void reasoningThenAnswer()
    {
        checkEverySplit(QStringLiteral("<think>\nThe user greets me. I should greet back.\n"
                                       "</think>\n\nHello! How can I help?"),
                        {QStringLiteral("Hello! How can I help?"),
                         QStringLiteral("The user greets me. I should greet back.\n"), false});
    }

    void leadingWhitespaceBeforeTheTag()
    {
        checkEverySplit(QStringLiteral(" \n\t<think>hmm</think>Yes."),
                        {QStringLiteral("Yes."), QStringLiteral("hmm"), false});
    }

    void noThinkBlock()
    {
        checkEverySplit(
            QStringLiteral("Just an answer, with <b>tags</b> and a < sign."),
            {QStringLiteral("Just an answer, with <b>tags</b> and a < sign."), QString(), false});
        checkEverySplit(QStringLiteral("  indented start"),
                        {QStringLiteral("  indented start"), QString(), false});
    }

    void proseMentionStaysText()
    {
        const QString reply =
            QStringLiteral("Models like R1 wrap reasoning in tags:\n\n```xml\n<think>\nstep 1\n"
                           "</think>\nanswer\n```\nThat <think> tag is stripped by clients.");
        checkEverySplit(reply, {reply, QString(), false});
    }

    void codeBlockFirstIsText()
    {
        const QString reply = QStringLiteral("```\n<think>x</think>\n```");
        checkEverySplit(reply, {reply, QString(), false});
    }

    void thinkingTagIsNotThink()
    {
        const QString reply = QStringLiteral("<thinking>not ours</thinking> text");
        checkEverySplit(reply, {reply, QString(), false});
        const QString upper = QStringLiteral("<THINK>loud</THINK>");
        checkEverySplit(upper, {upper, QString(), false});
    }

    void laterThinkAfterTheBlockStaysText()
    {
        checkEverySplit(QStringLiteral("<think>a</think>b <think>c</think>"),
                        {QStringLiteral("b <think>c</think>"), QStringLiteral("a"), false});
    }

    void unclosedThinkStaysReasoning()
    {
        checkEverySplit(
            QStringLiteral("<think>\nStill thinking when the reply was cut</thi"),
            {QString(), QStringLiteral("Still thinking when the reply was cut</thi"), false});
        checkEverySplit(QStringLiteral("<think>"), {QString(), QString(), false});
    }

    void incompleteOpenTagIsText()
    {
        checkEverySplit(QStringLiteral("<thi"), {QStringLiteral("<thi"), QString(), false});
        checkEverySplit(QStringLiteral("  <"), {QStringLiteral("  <"), QString(), false});
        checkEverySplit(QStringLiteral("<think"), {QStringLiteral("<think"), QString(), false});
    }

    void emptyThinkBlock()
    {
        checkEverySplit(QStringLiteral("<think>\n\n</think>\n\nAnswer"),
                        {QStringLiteral("Answer"), QString(), false});
        checkEverySplit(QStringLiteral("<think></think>Answer"),
                        {QStringLiteral("Answer"), QString(), false});
    }

    void answerIndentationIsKept()
    {
        // Blank lines go, but the spaces that indent the first line of the answer stay.
        checkEverySplit(QStringLiteral("<think>r</think>\n\n    code();\n"),
                        {QStringLiteral("    code();\n"), QStringLiteral("r"), false});
    }

    void whitespaceOnlyAnswer()
    {
        checkEverySplit(QStringLiteral("<think>r</think>\n\n"),
                        {QString(), QStringLiteral("r"), false});
    }

    void closeTagLookalikesInReasoning()
    {
        checkEverySplit(QStringLiteral("<think>a </th b </think-ish <</think>done"),
                        {QStringLiteral("done"), QStringLiteral("a </th b </think-ish <"), false});
    }

    void nothingIsHeldBackNeedlessly()
    {
        ThinkTagSplitter splitter;
        // Plain text flows at once.
        QCOMPARE(splitter.feed(QStringLiteral("Hello")).text, QStringLiteral("Hello"));
        QCOMPARE(splitter.feed(QStringLiteral(" <think>")).text, QStringLiteral(" <think>"));

        ThinkTagSplitter thinking;
        QVERIFY(thinking.feed(QStringLiteral("<thi")).text.isEmpty()); // may become the tag
        ThinkTagSplitter::Split split = thinking.feed(QStringLiteral("nk>step one </"));
        QCOMPARE(split.reasoning, QStringLiteral("step one ")); // only "</" waits
        split = thinking.feed(QStringLiteral("b> more"));
        QCOMPARE(split.reasoning, QStringLiteral("</b> more"));
        split = thinking.feed(QStringLiteral("</think>\n\nAns"));
        QCOMPARE(split.reasoning, QString());
        QCOMPARE(split.text, QStringLiteral("Ans"));
        QCOMPARE(thinking.feed(QStringLiteral("wer")).text, QStringLiteral("wer"));
        const ThinkTagSplitter::Split last = thinking.finish();
        QVERIFY(last.text.isEmpty() && last.reasoning.isEmpty());
    }

    void finishResetsForTheNextReply()
    {
        ThinkTagSplitter splitter;
        splitter.feed(QStringLiteral("plain"));
        splitter.finish();
        const ThinkTagSplitter::Split split = splitter.feed(QStringLiteral("<think>x</think>y"));
        QCOMPARE(split.reasoning, QStringLiteral("x"));
        QCOMPARE(split.text, QStringLiteral("y"));
    }

    void randomDeltas()
    {
        const QString reply = QStringLiteral(
            "\n<think>\nOkay, the user wants \u00e9l\u00e8ve \U0001F600 data. Let me check "
            "</thinking> vs </think>\n\n## Answer\n\nHere: `<think>` stays.\n");
        const Result expected{
            QStringLiteral("## Answer\n\nHere: `<think>` stays.\n"),
            QStringLiteral("Okay, the user wants \u00e9l\u00e8ve \U0001F600 data. Let me check "
                           "</thinking> vs "),
            false};
        QCOMPARE(splitWhole(reply), expected);
        QRandomGenerator random(42);
        for (int round = 0; round < 500; ++round) {
            QStringList deltas;
            qsizetype i = 0;
            while (i < reply.size()) {
                const qsizetype size = qMin<qsizetype>(random.bounded(1, 12), reply.size() - i);
                deltas.append(reply.sliced(i, size));
                i += size;
            }
            QCOMPARE(splitDeltas(deltas), expected);
        }
    }
};

QTEST_GUILESS_MAIN(ThinkTagSplitterTest)
#include "ThinkTagSplitterTest.moc"
