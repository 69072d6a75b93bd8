// UI tests of moving around the open conversation, offscreen, with a scripted engine and no
// store: find in conversation (Ctrl+F opens the bar; matches across messages, case-insensitive,
// with the right count; Enter / Shift+Enter / F3 cycle and scroll the match into view; the bar
// follows new messages; Esc closes it, clears the highlights and returns to the composer), and
// the "Jump to latest" button while a reply streams and the user reads above it.
#include "ScriptedEngine.h"
#include "ui/Composer.h"
#include "ui/FindBar.h"
#include "ui/MainWindow.h"
#include "ui/MessageTextView.h"
#include "ui/MessageWidget.h"
#include "ui/ReplyBody.h"
#include "ui/TranscriptFinder.h"
#include "ui/TranscriptView.h"

#include <QAbstractButton>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>
#include <QTextCursor>
#include <QTextDocument>

#include <cstdlib>
#include <memory>

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

// A long reply with three matches of "apple", in any case.
QString reply(int number)
{
    QStringList paragraphs;
    for (int k = 0; k < 12; ++k)
        paragraphs << u"Paragraph %1 of reply %2, long enough to wrap at least once in a narrow "
                      "window, which makes the conversation taller."_s.arg(k)
                          .arg(number);
    paragraphs[3] = u"An Apple a day (reply %1)."_s.arg(number);
    paragraphs[9] = u"Then **apple** pie and APPLE juice."_s;
    return paragraphs.join(u"\n\n"_s);
}

constexpr int kExchanges = 6;
constexpr int kMatches = 3 * kExchanges + 1; // and "apples" in the first question

} // namespace

class FindInConversationTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_window = std::make_unique<ui::MainWindow>(settings());
        m_engine = std::make_unique<test::ScriptedEngine>(m_window.get());
        m_window->resize(760, 560);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    }

    void cleanup()
    {
        m_engine.reset();
        m_window.reset();
    }

    void findCountsCyclesAndShowsMatches()
    {
        for (int i = 0; i < kExchanges; ++i)
            exchange(i == 0 ? u"A question about apples"_s : u"Question %1"_s.arg(i), reply(i));
        ui::TranscriptView* transcript = m_window->transcript();
        QTRY_VERIFY(transcript->verticalScrollBar()->maximum() > 0);
        ui::FindBar* bar = m_window->findBar();
        ui::TranscriptFinder* finder = bar->finder();
        QVERIFY(bar->isHidden());

        m_window->composer()->setFocus();
        QTest::keyClick(m_window->composer(), Qt::Key_F, Qt::ControlModifier);
        QVERIFY(bar->isVisible());
        QCOMPARE(QApplication::focusWidget(), bar->field());
        QVERIFY(!bar->field()->accessibleName().isEmpty());
        for (QAbstractButton* button :
             {bar->previousButton(), bar->nextButton(), bar->closeButton()})
            QVERIFY(!button->accessibleName().isEmpty());

        QTest::keyClicks(bar->field(), u"aPPle"_s);
        QCOMPARE(finder->matchCount(), kMatches);
        QCOMPARE(highlightCount(), kMatches);
        const int first = finder->currentIndex();
        QVERIFY(first >= 0);
        QCOMPARE(bar->countLabel()->text(), u"%1 of %2"_s.arg(first + 1).arg(kMatches));
        QVERIFY(currentMatchVisible());

        // Enter and F3 go on, Shift with them goes back, round the ends.
        QTest::keyClick(bar->field(), Qt::Key_Return);
        QCOMPARE(finder->currentIndex(), (first + 1) % kMatches);
        QCOMPARE(bar->countLabel()->text(),
                 u"%1 of %2"_s.arg((first + 1) % kMatches + 1).arg(kMatches));
        QTest::keyClick(bar->field(), Qt::Key_Return, Qt::ShiftModifier);
        QCOMPARE(finder->currentIndex(), first);
        QTest::keyClick(bar->field(), Qt::Key_F3);
        QCOMPARE(finder->currentIndex(), (first + 1) % kMatches);
        QTest::keyClick(bar->field(), Qt::Key_F3, Qt::ShiftModifier);
        QCOMPARE(finder->currentIndex(), first);
        for (int i = 0; i < kMatches; ++i)
            QTest::mouseClick(bar->nextButton(), Qt::LeftButton);
        QCOMPARE(finder->currentIndex(), first);

        // The first match (the question at the top) is brought into view from the bottom.
        QScrollBar* scroll = transcript->verticalScrollBar();
        scroll->setValue(scroll->maximum());
        while (finder->currentIndex() != 0)
            QTest::keyClick(bar->field(), Qt::Key_Return, Qt::ShiftModifier);
        QCOMPARE(finder->currentView(), transcript->messageAt(0)->body());
        QTRY_VERIFY(currentMatchVisible());
        QVERIFY(scroll->value() < scroll->maximum() / 2);
        // And the last one, round the start.
        QTest::keyClick(bar->field(), Qt::Key_Return, Qt::ShiftModifier);
        QCOMPARE(finder->currentIndex(), kMatches - 1);
        QCOMPARE(bar->countLabel()->text(), u"%1 of %1"_s.arg(kMatches));
        QTRY_VERIFY(currentMatchVisible());
        QVERIFY(scroll->value() > scroll->maximum() / 2);
        const QTextCursor current =
            cursorAt(finder->currentView(), finder->currentStart(), finder->currentEnd());
        QCOMPARE(current.selectedText().toLower(), u"apple"_s);

        // New messages are searched too.
        exchange(u"More?"_s, u"One more apple."_s);
        QTRY_COMPARE(finder->matchCount(), kMatches + 1);
        QTRY_COMPARE(highlightCount(), kMatches + 1);

        // Esc closes, clears the marks and goes back to the composer.
        bar->field()->setFocus();
        QTest::keyClick(bar->field(), Qt::Key_Escape);
        QVERIFY(bar->isHidden());
        QCOMPARE(highlightCount(), 0);
        QCOMPARE(QApplication::focusWidget(), m_window->composer());

        // Opening again searches the same text again; nothing found says so.
        QTest::keyClick(m_window->composer(), Qt::Key_F, Qt::ControlModifier);
        QVERIFY(bar->isVisible());
        QCOMPARE(bar->field()->selectedText(), u"aPPle"_s);
        QCOMPARE(highlightCount(), kMatches + 1);
        QTest::keyClicks(bar->field(), u"pear"_s); // replaces the selected text
        QCOMPARE(finder->matchCount(), 0);
        QCOMPARE(highlightCount(), 0);
        QCOMPARE(bar->countLabel()->text(), u"No matches"_s);
        QVERIFY(!bar->nextButton()->isEnabled());
        QTest::mouseClick(bar->closeButton(), Qt::LeftButton);
        QVERIFY(bar->isHidden());
    }

    void findSearchesShownReasoning()
    {
        exchange(u"Think"_s, u"The answer."_s);
        ui::MessageWidget* answer = m_window->transcript()->messageAt(1);
        answer->setReasoning(u"First I weigh the answer."_s);
        m_window->findInConversation();
        ui::FindBar* bar = m_window->findBar();
        QTest::keyClicks(bar->field(), u"answer"_s);
        QCOMPARE(bar->finder()->matchCount(), 1); // the collapsed reasoning is not searched
        answer->setReasoningExpanded(true);
        bar->refresh();
        QTRY_COMPARE(bar->finder()->matchCount(), 2);
        QCOMPARE(bar->finder()->currentView() == nullptr, false);
    }

    void jumpToLatestWhileAReplyStreams()
    {
        ui::TranscriptView* transcript = m_window->transcript();
        QPushButton* jump = transcript->jumpToLatestButton();
        QCOMPARE(jump->accessibleName(), u"Jump to the latest message"_s);
        exchange(u"Warm up"_s, reply(0));
        exchange(u"Go on"_s, reply(1));

        m_engine->chunks = {u"Streaming starts.\n\n"_s};
        m_engine->hold = true;
        m_window->sendText(u"Tell me more"_s);
        QTRY_COMPARE(m_window->lastReplyText(), u"Streaming starts.\n\n"_s);
        const QString turnId = m_engine->turnId();
        QScrollBar* scroll = transcript->verticalScrollBar();
        QTRY_VERIFY(scroll->maximum() > transcript->viewport()->height() / 2);
        QTRY_COMPARE(scroll->value(), scroll->maximum());
        QVERIFY(transcript->isFollowingBottom());
        QVERIFY(jump->isHidden());

        // The user scrolls up to read; the stream goes on below.
        scroll->setValue(0);
        QVERIFY(!transcript->isFollowingBottom());
        QTRY_VERIFY(jump->isVisible());
        const QRect area = transcript->viewport()->geometry();
        QVERIFY(std::abs(jump->geometry().center().x() - area.center().x()) <= 2);
        QVERIFY(jump->geometry().bottom() <= area.bottom());
        QVERIFY(jump->geometry().top() > area.center().y());
        const int before = scroll->maximum();
        m_window->onTurnDelta({turnId, reply(1), {}});
        QTRY_VERIFY(scroll->maximum() > before);
        QCOMPARE(scroll->value(), 0);
        QVERIFY(jump->isVisible());

        // Jump: at the end, and following again as the reply grows.
        QTest::mouseClick(jump, Qt::LeftButton);
        QCOMPARE(scroll->value(), scroll->maximum());
        QVERIFY(transcript->isFollowingBottom());
        QVERIFY(jump->isHidden());
        const int end = scroll->maximum();
        m_window->onTurnDelta({turnId, reply(2), {}});
        QTRY_VERIFY(scroll->maximum() > end);
        QTRY_COMPARE(scroll->value(), scroll->maximum());
        QVERIFY(jump->isHidden());

        m_window->stop();
        QTRY_VERIFY(!m_window->isTurnActive());
    }

private:
    void exchange(const QString& question, const QString& answer)
    {
        QSignalSpy ended(m_window.get(), &ui::MainWindow::turnEnded);
        m_engine->chunks = {answer};
        m_engine->hold = false;
        m_window->sendText(question);
        QTRY_COMPARE(ended.count(), 1);
    }

    QList<ui::MessageTextView*> textViews() const
    {
        QList<ui::MessageTextView*> views;
        ui::TranscriptView* transcript = m_window->transcript();
        for (int i = 0; i < transcript->messageCount(); ++i) {
            views << transcript->messageAt(i)->reasoningView();
            views << transcript->messageAt(i)->replyBody()->textViews();
        }
        return views;
    }

    int highlightCount() const
    {
        int count = 0;
        for (ui::MessageTextView* view : textViews())
            count += int(view->extraSelections().size());
        return count;
    }

    static QTextCursor cursorAt(ui::MessageTextView* view, int start, int end)
    {
        QTextCursor cursor(view->document());
        cursor.setPosition(start);
        cursor.setPosition(end, QTextCursor::KeepAnchor);
        return cursor;
    }

    // The current match lies wholly inside the transcript's viewport.
    bool currentMatchVisible() const
    {
        ui::TranscriptFinder* finder = m_window->findBar()->finder();
        ui::MessageTextView* view = finder->currentView();
        if (view == nullptr)
            return false;
        const QRect start =
            view->cursorRect(cursorAt(view, finder->currentStart(), finder->currentStart()));
        ui::TranscriptView* transcript = m_window->transcript();
        const QPoint top = view->viewport()->mapTo(transcript->viewport(), start.topLeft());
        return top.y() >= 0 && top.y() + start.height() <= transcript->viewport()->height();
    }

    std::unique_ptr<ui::MainWindow> m_window;
    std::unique_ptr<test::ScriptedEngine> m_engine;
};

QTEST_MAIN(FindInConversationTest)
#include "FindInConversationTest.moc"
