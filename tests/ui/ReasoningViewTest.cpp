// UI tests of the Thinking section and the retry countdown: reasoning deltas, text deltas,
// heartbeats and results are fed straight to MainWindow's slots (no engine, no network), and
// times come from the heartbeats' elapsedMs, so every displayed second is deterministic.
#include "ui/MainWindow.h"
#include "ui/MessageTextView.h"
#include "ui/MessageWidget.h"
#include "ui/StatusLine.h"
#include "ui/TranscriptView.h"

#include <QAbstractButton>
#include <QSignalSpy>
#include <QTest>
#include <QTextDocument>

using namespace keel;
using namespace Qt::StringLiterals;

namespace {

ui::ChatSettings settings()
{
    ui::ChatSettings chat;
    chat.provider.baseUrl = u"http://127.0.0.1:9/v1"_s;
    chat.model = u"test-model"_s;
    return chat;
}

core::TurnHeartbeat heartbeat(const QString& turnId, core::TurnPhase phase, qint64 elapsedMs)
{
    core::TurnHeartbeat beat;
    beat.turnId = turnId;
    beat.phase = phase;
    beat.elapsedMs = elapsedMs;
    return beat;
}

core::TurnDelta reasoning(const QString& turnId, const QString& text)
{
    return {turnId, {}, text};
}

core::TurnDelta answer(const QString& turnId, const QString& text)
{
    return {turnId, text, {}};
}

} // namespace

class ReasoningViewTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_window = std::make_unique<ui::MainWindow>(settings());
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void cleanup() { m_window.reset(); }

    void expandedWhileThinkingCollapsedOnceTheAnswerStarts()
    {
        const QString turn = send(u"Think first"_s);
        m_window->onTurnHeartbeat(heartbeat(turn, core::TurnPhase::WaitingForFirstToken, 1'000));
        m_window->onTurnDelta(reasoning(turn, u"Let me think"_s));
        ui::MessageWidget* reply = m_window->transcript()->lastMessage();
        QAbstractButton* toggle = reply->reasoningToggle();

        QVERIFY(reply->isThinking());
        QVERIFY(reply->isReasoningExpanded());
        QVERIFY(!toggle->isHidden());
        QVERIFY(reply->reasoningView()->isVisibleTo(reply));
        QCOMPARE(reply->reasoningHeader(), u"Thinking…"_s);

        // Each delta is appended: nothing already shown is removed and rendered again.
        QSignalSpy changes(reply->reasoningView()->document(), &QTextDocument::contentsChange);
        m_window->onTurnHeartbeat(heartbeat(turn, core::TurnPhase::Streaming, 7'000));
        QCOMPARE(reply->reasoningHeader(), u"Thinking… 6 s"_s);
        m_window->onTurnDelta(reasoning(turn, u" about it.\nStep two"_s));
        m_window->onTurnDelta(reasoning(turn, u", step three."_s));
        m_window->onTurnHeartbeat(heartbeat(turn, core::TurnPhase::Streaming, 13'000));
        QCOMPARE(reply->reasoningHeader(), u"Thinking… 12 s"_s);
        QCOMPARE(toggle->accessibleName(), reply->reasoningHeader());
        QVERIFY(!changes.isEmpty());
        for (const QList<QVariant>& change : changes)
            QCOMPARE(change.at(1).toInt(), 0); // charsRemoved
        QCOMPARE(reply->reasoningView()->document()->toPlainText(),
                 u"Let me think about it.\nStep two, step three."_s);
        QCOMPARE(reply->reasoning(), u"Let me think about it.\nStep two, step three."_s);

        m_window->onTurnDelta(answer(turn, u"The answer."_s));
        QVERIFY(!reply->isThinking());
        QVERIFY(!reply->isReasoningExpanded());
        QVERIFY(!reply->reasoningView()->isVisibleTo(reply));
        QVERIFY(!toggle->isHidden());
        QCOMPARE(reply->reasoningHeader(), u"Thought for 12 s"_s);
        QCOMPARE(reply->bodyDocument()->toPlainText(), u"The answer."_s);

        // Later heartbeats and the end of the turn change neither the time nor the state.
        m_window->onTurnHeartbeat(heartbeat(turn, core::TurnPhase::Streaming, 20'000));
        finish(turn, u"The answer."_s, u"Let me think about it.\nStep two, step three."_s, 21'000);
        QCOMPARE(reply->reasoningHeader(), u"Thought for 12 s"_s);
        QVERIFY(!reply->isReasoningExpanded());
        QCOMPARE(reply->bodyDocument()->toPlainText(), u"The answer."_s);
    }

    void reasoningLooksQuieterThanTheAnswer()
    {
        const QString turn = send(u"Hi"_s);
        m_window->onTurnDelta(reasoning(turn, u"Hmm."_s));
        m_window->onTurnDelta(answer(turn, u"Hello."_s));
        ui::MessageWidget* reply = m_window->transcript()->lastMessage();
        QVERIFY(reply->reasoningView()->font().pointSizeF() < reply->body()->font().pointSizeF());
        QVERIFY(reply->reasoningView()->palette().color(QPalette::Text)
                != reply->body()->palette().color(QPalette::Text));
        // Plain text: Markdown in the reasoning stays as written.
        m_window->onTurnDelta(reasoning(turn, u" **not bold**"_s));
        QVERIFY(reply->reasoningView()->document()->toPlainText().contains(u"**not bold**"));
        QCOMPARE(reply->reasoningToggle()->focusPolicy(), Qt::StrongFocus);
        QVERIFY(!reply->reasoningToggle()->accessibleDescription().isEmpty());
    }

    void manualExpandDuringTheAnswerStaysExpanded()
    {
        const QString turn = send(u"Think"_s);
        m_window->onTurnHeartbeat(heartbeat(turn, core::TurnPhase::Streaming, 2'000));
        m_window->onTurnDelta(reasoning(turn, u"Thinking it over."_s));
        m_window->onTurnHeartbeat(heartbeat(turn, core::TurnPhase::Streaming, 5'000));
        m_window->onTurnDelta(answer(turn, u"Part one. "_s));
        ui::MessageWidget* reply = m_window->transcript()->lastMessage();
        QAbstractButton* toggle = reply->reasoningToggle();
        QVERIFY(!reply->isReasoningExpanded());
        QCOMPARE(reply->reasoningHeader(), u"Thought for 3 s"_s);

        QTest::mouseClick(toggle, Qt::LeftButton);
        QVERIFY(reply->isReasoningExpanded());
        QVERIFY(reply->reasoningView()->isVisibleTo(reply));

        // Interleaved reasoning, more text and the end of the turn leave it open.
        m_window->onTurnDelta(reasoning(turn, u" More thoughts."_s));
        m_window->onTurnDelta(answer(turn, u"Part two."_s));
        finish(turn, u"Part one. Part two."_s, u"Thinking it over. More thoughts."_s, 9'000);
        QVERIFY(reply->isReasoningExpanded());
        QVERIFY(reply->reasoningView()->isVisibleTo(reply));
        QCOMPARE(reply->reasoningHeader(), u"Thought for 3 s"_s);

        // The keyboard works too: Space and Enter toggle the focused header.
        toggle->setFocus();
        QTest::keyClick(toggle, Qt::Key_Space);
        QVERIFY(!reply->isReasoningExpanded());
        QVERIFY(!reply->reasoningView()->isVisibleTo(reply));
        QTest::keyClick(toggle, Qt::Key_Return);
        QVERIFY(reply->isReasoningExpanded());
        QTest::keyClick(toggle, Qt::Key_Enter);
        QVERIFY(!reply->isReasoningExpanded());
    }

    void closedByTheUserWhileThinkingStaysClosed()
    {
        const QString turn = send(u"Think"_s);
        m_window->onTurnDelta(reasoning(turn, u"First thought."_s));
        ui::MessageWidget* reply = m_window->transcript()->lastMessage();
        QVERIFY(reply->isReasoningExpanded());
        QTest::mouseClick(reply->reasoningToggle(), Qt::LeftButton);
        QVERIFY(!reply->isReasoningExpanded());
        m_window->onTurnDelta(reasoning(turn, u" Second thought."_s));
        QVERIFY(!reply->isReasoningExpanded());
        QVERIFY(reply->isThinking());
        m_window->onTurnDelta(answer(turn, u"Done."_s));
        QVERIFY(!reply->isReasoningExpanded());
    }

    void reasoningOnlyTurnCollapsesWithTheDuration()
    {
        const QString turn = send(u"Only think"_s);
        m_window->onTurnHeartbeat(heartbeat(turn, core::TurnPhase::WaitingForFirstToken, 2'000));
        m_window->onTurnDelta(reasoning(turn, u"Deep thoughts, no answer."_s));
        m_window->onTurnHeartbeat(heartbeat(turn, core::TurnPhase::Streaming, 64'000));
        ui::MessageWidget* reply = m_window->transcript()->lastMessage();
        QVERIFY(reply->isReasoningExpanded());
        QCOMPARE(reply->reasoningHeader(), u"Thinking… 1 min 2 s"_s);

        // The result's duration is on the same clock as the heartbeats.
        finish(turn, {}, u"Deep thoughts, no answer."_s, 67'000);
        QVERIFY(!m_window->isTurnActive());
        QVERIFY(!reply->isThinking());
        QVERIFY(!reply->isReasoningExpanded());
        QCOMPARE(reply->reasoningHeader(), u"Thought for 1 min 5 s"_s);
        QCOMPARE(reply->reasoning(), u"Deep thoughts, no answer."_s);
    }

    void stoppedWhileThinkingCollapses()
    {
        const QString turn = send(u"Think long"_s);
        m_window->onTurnHeartbeat(heartbeat(turn, core::TurnPhase::Streaming, 1'000));
        m_window->onTurnDelta(reasoning(turn, u"Still going"_s));
        m_window->onTurnHeartbeat(heartbeat(turn, core::TurnPhase::Streaming, 9'000));
        m_window->stop();
        // The cancel's result carries no duration: the heartbeats' clock gives it.
        core::TurnResult result;
        result.turnId = turn;
        result.outcome = core::TurnOutcome::Cancelled;
        result.reasoning = u"Still going"_s;
        m_window->onTurnFinished(result);
        ui::MessageWidget* reply = m_window->transcript()->lastMessage();
        QVERIFY(!reply->isReasoningExpanded());
        QCOMPARE(reply->reasoningHeader(), u"Thought for 8 s"_s);
    }

    void quickThinkingSaysLessThanASecond()
    {
        const QString turn = send(u"Quick"_s);
        m_window->onTurnHeartbeat(heartbeat(turn, core::TurnPhase::Streaming, 3'000));
        m_window->onTurnDelta(reasoning(turn, u"Easy."_s));
        m_window->onTurnDelta(answer(turn, u"Yes."_s));
        QCOMPARE(m_window->transcript()->lastMessage()->reasoningHeader(),
                 u"Thought for less than a second"_s);
    }

    void noReasoningNoSection()
    {
        const QString turn = send(u"Plain"_s);
        m_window->onTurnDelta(answer(turn, u"Just text."_s));
        finish(turn, u"Just text."_s, {}, 1'000);
        ui::MessageWidget* reply = m_window->transcript()->lastMessage();
        QVERIFY(reply->reasoningToggle()->isHidden());
        QVERIFY(!reply->reasoningView()->isVisibleTo(reply));
    }

    void restoredReasoningIsCollapsed()
    {
        ui::MessageWidget message(core::Role::Assistant, u"model"_s);
        message.setReasoning(u"Earlier thoughts."_s);
        message.setText(u"Earlier answer."_s);
        QVERIFY(!message.isReasoningExpanded());
        QVERIFY(!message.reasoningToggle()->isHidden());
        QCOMPARE(message.reasoningHeader(), u"Reasoning"_s);
    }

    void thinkingTimeFormats()
    {
        QCOMPARE(ui::MessageWidget::formatThinkingTime(0), u"less than a second"_s);
        QCOMPARE(ui::MessageWidget::formatThinkingTime(999), u"less than a second"_s);
        QCOMPARE(ui::MessageWidget::formatThinkingTime(1'000), u"1 s"_s);
        QCOMPARE(ui::MessageWidget::formatThinkingTime(12'400), u"12 s"_s);
        QCOMPARE(ui::MessageWidget::formatThinkingTime(59'600), u"1 min"_s);
        QCOMPARE(ui::MessageWidget::formatThinkingTime(65'000), u"1 min 5 s"_s);
        QCOMPARE(ui::MessageWidget::formatThinkingTime(3'600'000), u"60 min"_s);
    }

    void retryingHeartbeatCountsDown()
    {
        const QString turn = send(u"Hello"_s);
        ui::StatusLine* status = m_window->statusLine();
        core::TurnHeartbeat beat = heartbeat(turn, core::TurnPhase::Retrying, 4'000);
        beat.retryInMs = 3'000;
        beat.attempt = 2;
        beat.maxAttempts = 3;
        m_window->onTurnHeartbeat(beat);
        QVERIFY2(status->fullText().startsWith(u"Retrying in 3 s (attempt 2 of 3)"),
                 qPrintable(status->fullText()));
        QVERIFY(status->fullText().contains(u"0:04"));

        beat.elapsedMs = 5'000;
        beat.retryInMs = 1'500; // rounded up: the wait is not over yet
        m_window->onTurnHeartbeat(beat);
        QVERIFY2(status->fullText().startsWith(u"Retrying in 2 s (attempt 2 of 3)"),
                 qPrintable(status->fullText()));

        beat.retryInMs = 0;
        m_window->onTurnHeartbeat(beat);
        QVERIFY(status->fullText().startsWith(u"Retrying now (attempt 2 of 3)"));

        m_window->onTurnHeartbeat(heartbeat(turn, core::TurnPhase::Connecting, 6'500));
        QVERIFY(status->fullText().startsWith(u"Connecting…"));
        m_window->onTurnHeartbeat(heartbeat(turn, core::TurnPhase::Streaming, 7'000));
        QVERIFY(status->fullText().startsWith(u"Streaming"));
        QCOMPARE(ui::StatusLine::phaseText(core::TurnPhase::Retrying), u"Retrying…"_s);
    }

private:
    QString send(const QString& text)
    {
        QSignalSpy started(m_window.get(), &ui::MainWindow::startTurnRequested);
        m_window->sendText(text);
        if (started.count() != 1)
            return {};
        return started.at(0).at(0).value<core::TurnRequest>().turnId;
    }

    void finish(const QString& turn, const QString& text, const QString& reasoningText,
                qint64 durationMs)
    {
        core::TurnResult result;
        result.turnId = turn;
        result.outcome = core::TurnOutcome::Complete;
        result.text = text;
        result.reasoning = reasoningText;
        result.durationMs = durationMs;
        m_window->onTurnFinished(result);
    }

    std::unique_ptr<ui::MainWindow> m_window;
};

QTEST_MAIN(ReasoningViewTest)
#include "ReasoningViewTest.moc"
