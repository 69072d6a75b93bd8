// UI tests of the chat window, offscreen, against a tiny fake engine that answers on the same
// thread with timers: sending, streaming Markdown, stopping, errors and Retry, the status line,
// and that model output can neither load resources nor re-render other messages.
#include "ui/MainWindow.h"

#include "ui/Composer.h"
#include "ui/MessageTextView.h"
#include "ui/MessageWidget.h"
#include "ui/StatusLine.h"
#include "ui/TranscriptView.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QImage>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextList>

using namespace keel;
using namespace Qt::StringLiterals;

namespace {

// Plays a scripted reply: one delta per tick, then the result (unless told to wait for Stop).
class FakeEngine : public QObject {
    Q_OBJECT
public:
    QStringList chunks;
    core::TurnOutcome outcome = core::TurnOutcome::Complete;
    QString errorMessage;
    bool waitForCancel = false;
    QList<core::TurnRequest> requests;
    QStringList cancels;

    explicit FakeEngine(ui::MainWindow* window)
    {
        connect(window, &ui::MainWindow::startTurnRequested, this, &FakeEngine::start);
        connect(window, &ui::MainWindow::cancelTurnRequested, this, &FakeEngine::cancel);
        connect(this, &FakeEngine::delta, window, &ui::MainWindow::onTurnDelta);
        connect(this, &FakeEngine::heartbeat, window, &ui::MainWindow::onTurnHeartbeat);
        connect(this, &FakeEngine::finished, window, &ui::MainWindow::onTurnFinished);
        m_timer.setInterval(2);
        connect(&m_timer, &QTimer::timeout, this, &FakeEngine::tick);
    }

    QString sent() const { return m_sent; }

Q_SIGNALS:
    void delta(const keel::core::TurnDelta& delta);
    void heartbeat(const keel::core::TurnHeartbeat& heartbeat);
    void finished(const keel::core::TurnResult& result);

private:
    void start(const core::TurnRequest& request)
    {
        requests.append(request);
        m_turnId = request.turnId;
        m_next = 0;
        m_sent.clear();
        m_timer.start();
    }

    void cancel(const QString& turnId)
    {
        cancels.append(turnId);
        m_timer.stop();
        QTimer::singleShot(1, this, [this, turnId] { finish(core::TurnOutcome::Cancelled); });
    }

    void tick()
    {
        if (m_next < chunks.size()) {
            m_sent += chunks[m_next];
            Q_EMIT delta({m_turnId, chunks[m_next++], {}});
            return;
        }
        m_timer.stop();
        if (!waitForCancel)
            finish(outcome);
    }

    void finish(core::TurnOutcome how)
    {
        core::TurnResult result;
        result.turnId = m_turnId;
        result.outcome = how;
        result.text = m_sent;
        result.error.message = how == core::TurnOutcome::Cancelled ? QString() : errorMessage;
        Q_EMIT finished(result);
    }

    QTimer m_timer;
    QString m_turnId;
    qsizetype m_next = 0;
    QString m_sent;
};

ui::ChatSettings settings()
{
    ui::ChatSettings chat;
    chat.provider.baseUrl = u"http://127.0.0.1:9/v1"_s;
    chat.model = u"test-model"_s;
    chat.systemPrompt = u"Be brief."_s;
    chat.idleTimeoutMs = 1234;
    return chat;
}

QPushButton* sendButton(ui::MainWindow& window)
{
    for (QPushButton* button : window.findChildren<QPushButton*>()) {
        if (button->text() == u"Send" || button->text() == u"Stop")
            return button;
    }
    return nullptr;
}

ui::MessageWidget* lastReply(ui::MainWindow& window)
{
    return window.transcript()->lastMessage();
}

} // namespace

class MainWindowTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_window = std::make_unique<ui::MainWindow>(settings());
        m_engine = std::make_unique<FakeEngine>(m_window.get());
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

    void enterSendsThePromptAndShiftEnterAddsALine()
    {
        QSignalSpy started(m_window.get(), &ui::MainWindow::startTurnRequested);
        m_engine->chunks = {u"Hi"_s};
        ui::Composer* composer = m_window->composer();
        composer->setFocus();
        QTest::keyClicks(composer, u"Hello"_s);
        QTest::keyClick(composer, Qt::Key_Return, Qt::ShiftModifier);
        QTest::keyClicks(composer, u"there"_s);
        QCOMPARE(started.count(), 0);
        QTest::keyClick(composer, Qt::Key_Return);

        QCOMPARE(started.count(), 1);
        const auto request = started.at(0).at(0).value<core::TurnRequest>();
        QVERIFY(!request.turnId.isEmpty() && !request.turnId.contains(u'{'));
        QCOMPARE(request.model, u"test-model"_s);
        QCOMPARE(request.systemPrompt, u"Be brief."_s);
        QCOMPARE(request.idleTimeoutMs, 1234);
        QCOMPARE(request.provider.baseUrl, u"http://127.0.0.1:9/v1"_s);
        QCOMPARE(request.messages.size(), 1);
        QCOMPARE(request.messages.last().role, core::Role::User);
        QCOMPARE(request.messages.last().content, u"Hello\nthere"_s);
        QVERIFY(composer->toPlainText().isEmpty());
        QVERIFY(m_window->isTurnActive());
        QCOMPARE(sendButton(*m_window)->text(), u"Stop"_s);

        // Enter on a blank composer sends nothing.
        QTest::keyClicks(composer, u"   "_s);
        QTest::keyClick(composer, Qt::Key_Return);
        QCOMPARE(started.count(), 1);
    }

    void deltasRenderInTheTranscript()
    {
        QSignalSpy ended(m_window.get(), &ui::MainWindow::turnEnded);
        m_engine->chunks = {u"Hel"_s, u"lo, "_s, u"wor"_s, u"ld"_s};
        m_window->sendText(u"Greet me"_s);
        QTRY_VERIFY(m_window->lastReplyText().startsWith(u"Hel"));
        QVERIFY(lastReply(*m_window)->bodyDocument()->toPlainText().startsWith(u"Hel"));
        QTRY_COMPARE(ended.count(), 1);
        QCOMPARE(ended.at(0).at(1).value<core::TurnOutcome>(), core::TurnOutcome::Complete);
        QCOMPARE(m_window->lastReplyText(), u"Hello, world"_s);
        QCOMPARE(lastReply(*m_window)->bodyDocument()->toPlainText(), u"Hello, world"_s);
        QCOMPARE(m_window->conversation().size(), 2);
        QCOMPARE(m_window->conversation().last().content, u"Hello, world"_s);
        QVERIFY(!m_window->isTurnActive());
        QCOMPARE(sendButton(*m_window)->text(), u"Send"_s);
    }

    void markdownIsRendered()
    {
        const QString reply =
            u"Some **bold** words.\n\n- one\n- two\n\n```cpp\nint x = 1;\n```\n"_s;
        for (qsizetype i = 0; i < reply.size(); i += 3)
            m_engine->chunks.append(reply.mid(i, 3));
        QSignalSpy ended(m_window.get(), &ui::MainWindow::turnEnded);
        m_window->sendText(u"Format something"_s);
        QTRY_COMPARE(ended.count(), 1);

        const QTextDocument* document = lastReply(*m_window)->bodyDocument();
        const QString plain = document->toPlainText();
        QVERIFY2(!plain.contains(u"**") && !plain.contains(u"```"), qPrintable(plain));
        bool bold = false;
        int listItems = 0;
        bool code = false;
        for (QTextBlock block = document->begin(); block.isValid(); block = block.next()) {
            for (auto it = block.begin(); !it.atEnd(); ++it) {
                if (it.fragment().text() == u"bold")
                    bold = it.fragment().charFormat().fontWeight() >= QFont::Bold;
            }
            listItems += block.textList() != nullptr;
            code = code
                   || (block.text() == u"int x = 1;"
                       && block.blockFormat().hasProperty(QTextFormat::BlockCodeFence));
        }
        QVERIFY(bold);
        QCOMPARE(listItems, 2);
        QVERIFY(code);
    }

    void streamingReRendersOnlyTheStreamingMessage()
    {
        QSignalSpy ended(m_window.get(), &ui::MainWindow::turnEnded);
        m_engine->chunks = {u"First **reply**."_s};
        m_window->sendText(u"One"_s);
        QTRY_COMPARE(ended.count(), 1);
        const QTextDocument* question = m_window->transcript()->messageAt(0)->bodyDocument();
        const QTextDocument* answer = m_window->transcript()->messageAt(1)->bodyDocument();
        const int questionRevision = question->revision();
        const int answerRevision = answer->revision();

        for (int i = 0; i < 40; ++i)
            m_engine->chunks.append(u"word%1 "_s.arg(i));
        m_window->sendText(u"Two"_s);
        QTRY_COMPARE(ended.count(), 2);
        QCOMPARE(question->revision(), questionRevision);
        QCOMPARE(answer->revision(), answerRevision);
        QVERIFY(lastReply(*m_window)->bodyDocument()->toPlainText().contains(u"word39"));
    }

    void stopKeepsThePartialReply()
    {
        QSignalSpy cancelled(m_window.get(), &ui::MainWindow::cancelTurnRequested);
        QSignalSpy ended(m_window.get(), &ui::MainWindow::turnEnded);
        m_engine->chunks = {u"Partial "_s, u"answer"_s};
        m_engine->waitForCancel = true;
        m_window->sendText(u"Tell me a long story"_s);
        QTRY_COMPARE(m_window->lastReplyText(), u"Partial answer"_s);

        QTest::mouseClick(sendButton(*m_window), Qt::LeftButton);
        QCOMPARE(cancelled.count(), 1);
        QCOMPARE(cancelled.at(0).at(0).toString(), m_engine->requests.last().turnId);
        QTRY_COMPARE(ended.count(), 1);
        QCOMPARE(ended.at(0).at(1).value<core::TurnOutcome>(), core::TurnOutcome::Cancelled);
        QVERIFY(!m_window->isTurnActive());
        QCOMPARE(lastReply(*m_window)->bodyDocument()->toPlainText(), u"Partial answer"_s);
        QCOMPARE(m_window->lastReplyText(), u"Partial answer"_s);
        QVERIFY(!lastReply(*m_window)->hasError());
        QCOMPARE(sendButton(*m_window)->text(), u"Send"_s);
    }

    void escapeStopsTheTurn()
    {
        QSignalSpy cancelled(m_window.get(), &ui::MainWindow::cancelTurnRequested);
        m_engine->chunks = {u"Streaming"_s};
        m_engine->waitForCancel = true;
        m_window->sendText(u"Go"_s);
        QTRY_VERIFY(!m_window->lastReplyText().isEmpty());
        QTest::keyClick(m_window->composer(), Qt::Key_Escape);
        QCOMPARE(cancelled.count(), 1);
        QTRY_VERIFY(!m_window->isTurnActive());

        // Also when the key is sent to the window itself.
        m_window->sendText(u"Again"_s);
        QTRY_VERIFY(m_window->lastReplyText() == u"Streaming"_s);
        QTest::keyClick(m_window.get(), Qt::Key_Escape);
        QCOMPARE(cancelled.count(), 2);
        QTRY_VERIFY(!m_window->isTurnActive());
    }

    void errorShowsTheMessageAndRetrySendsTheSameHistory()
    {
        QSignalSpy started(m_window.get(), &ui::MainWindow::startTurnRequested);
        QSignalSpy ended(m_window.get(), &ui::MainWindow::turnEnded);
        m_engine->outcome = core::TurnOutcome::Error;
        m_engine->errorMessage = u"The server failed (HTTP 500). Try again later."_s;
        m_window->sendText(u"Hello"_s);
        QTRY_COMPARE(ended.count(), 1);

        ui::MessageWidget* failed = lastReply(*m_window);
        QVERIFY(failed->hasError());
        QVERIFY(failed->errorText().contains(u"HTTP 500"));
        QVERIFY(failed->retryButton()->isVisible());
        QVERIFY(m_window->statusLine()->fullText().contains(u"HTTP 500"));
        QCOMPARE(m_window->conversation().size(), 1); // the failed reply is not history

        m_engine->outcome = core::TurnOutcome::Complete;
        m_engine->chunks = {u"Better now."_s};
        QTest::mouseClick(failed->retryButton(), Qt::LeftButton);
        QCOMPARE(started.count(), 2);
        const auto first = started.at(0).at(0).value<core::TurnRequest>();
        const auto second = started.at(1).at(0).value<core::TurnRequest>();
        QVERIFY(second.turnId != first.turnId);
        QCOMPARE(second.messages.size(), first.messages.size());
        for (qsizetype i = 0; i < first.messages.size(); ++i) {
            QCOMPARE(second.messages[i].role, first.messages[i].role);
            QCOMPARE(second.messages[i].content, first.messages[i].content);
        }
        QTRY_COMPARE(ended.count(), 2);
        QTRY_COMPARE(m_window->transcript()->messageCount(), 2); // the failed reply was replaced
        QCOMPARE(m_window->lastReplyText(), u"Better now."_s);
    }

    void incompleteReplyKeepsTextAndSaysItWasCutOff()
    {
        QSignalSpy ended(m_window.get(), &ui::MainWindow::turnEnded);
        m_engine->chunks = {u"Half of the "_s, u"answer"_s};
        m_engine->outcome = core::TurnOutcome::Incomplete;
        m_engine->errorMessage = u"The connection was closed."_s;
        m_window->sendText(u"Hello"_s);
        QTRY_COMPARE(ended.count(), 1);
        ui::MessageWidget* reply = lastReply(*m_window);
        QVERIFY(reply->errorText().startsWith(u"The reply was cut off"));
        QVERIFY(reply->errorText().contains(u"connection was closed"));
        QCOMPARE(reply->bodyDocument()->toPlainText(), u"Half of the answer"_s);
        QVERIFY(reply->retryButton()->isVisible());
    }

    void statusLineShowsTheHeartbeat()
    {
        m_engine->waitForCancel = true;
        m_window->sendText(u"Think hard"_s);
        const QString turnId = m_engine->requests.last().turnId;
        ui::StatusLine* status = m_window->statusLine();
        QVERIFY(status->fullText().startsWith(u"Connecting…"));

        Q_EMIT m_engine->heartbeat(
            {turnId, core::TurnPhase::WaitingForFirstToken, 65'000, 0, 0, 7'000});
        QVERIFY2(status->fullText().contains(u"Waiting for first token…"),
                 qPrintable(status->fullText()));
        QVERIFY(status->fullText().contains(u"1:05"));
        QVERIFY(status->fullText().contains(u"no data for 7 s"));

        Q_EMIT m_engine->heartbeat({turnId, core::TurnPhase::Streaming, 66'000, 10, 5, 100});
        Q_EMIT m_engine->heartbeat({turnId, core::TurnPhase::Streaming, 68'000, 900, 45, 100});
        QVERIFY(status->fullText().startsWith(u"Streaming"));
        QVERIFY(status->fullText().contains(u"45 tokens"));
        QVERIFY2(status->fullText().contains(u"20.0 tokens/s"), qPrintable(status->fullText()));
        QVERIFY(!status->fullText().contains(u"no data"));

        // Unknown turns do not touch the window.
        Q_EMIT m_engine->heartbeat({u"other"_s, core::TurnPhase::Connecting, 1, 0, 0, 0});
        Q_EMIT m_engine->delta({u"other"_s, u"stray"_s, {}});
        QVERIFY(status->fullText().startsWith(u"Streaming"));
        QVERIFY(!m_window->lastReplyText().contains(u"stray"));

        m_window->stop();
        QTRY_VERIFY(!m_window->isTurnActive());
        status->showReady();
        QCOMPARE(status->fullText(), u"Ready"_s);
        QCOMPARE(ui::StatusLine::formatElapsed(3'725'000), u"1:02:05"_s);
    }

    void reasoningIsShownInACollapsedThinkingSection()
    {
        m_engine->waitForCancel = true;
        m_window->sendText(u"Think first"_s);
        const QString turnId = m_engine->requests.last().turnId;
        Q_EMIT m_engine->delta({turnId, {}, u"Let me think."_s});
        Q_EMIT m_engine->delta({turnId, u"Answer."_s, u" Done."_s});
        ui::MessageWidget* reply = lastReply(*m_window);
        QCOMPARE(reply->reasoning(), u"Let me think. Done."_s);
        QVERIFY(!reply->isReasoningExpanded());
        QCOMPARE(reply->bodyDocument()->toPlainText(), u"Answer."_s); // reasoning stays apart
        reply->setReasoningExpanded(true);
        QVERIFY(reply->isReasoningExpanded());
        m_window->stop();
        QTRY_VERIFY(!m_window->isTurnActive());
    }

    void newChatAndCopyLastReply()
    {
        QSignalSpy ended(m_window.get(), &ui::MainWindow::turnEnded);
        m_engine->chunks = {u"Copy me"_s};
        m_window->sendText(u"First"_s);
        QTRY_COMPARE(ended.count(), 1);
        m_window->copyLastReply();
        QCOMPARE(QGuiApplication::clipboard()->text(), u"Copy me"_s);

        QTest::keyClick(m_window->composer(), Qt::Key_N, Qt::ControlModifier);
        QCOMPARE(m_window->transcript()->messageCount(), 0);
        QVERIFY(m_window->conversation().isEmpty());
        m_window->sendText(u"Fresh start"_s);
        QCOMPARE(m_engine->requests.last().messages.size(), 1);
    }

    void modelOutputLoadsNothing()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString image = dir.filePath(u"secret.png"_s);
        QImage pixel(4, 4, QImage::Format_RGB32);
        pixel.fill(Qt::red);
        QVERIFY(pixel.save(image));
        const QUrl local = QUrl::fromLocalFile(image);

        QSignalSpy ended(m_window.get(), &ui::MainWindow::turnEnded);
        m_engine->chunks = {
            u"![a](%1) ![b](secret.png) <img src=\"%1\"> [link](https://x.test)"_s.arg(
                local.toString())};
        m_window->sendText(u"Show an image"_s);
        QTRY_COMPARE(ended.count(), 1);
        ui::MessageWidget* reply = lastReply(*m_window);
        reply->body()->document()->setBaseUrl(QUrl::fromLocalFile(dir.path() + u'/'));
        m_window->grab(); // lays out and paints, which is when images would be loaded

        QTextDocument* document = reply->bodyDocument();
        QVERIFY(document->resource(QTextDocument::ImageResource, local).isNull());
        QVERIFY(document->resource(QTextDocument::ImageResource, QUrl(u"secret.png"_s)).isNull());
        QVERIFY(reply->body()->loadResource(QTextDocument::ImageResource, local).isNull());
        QVERIFY(document->toPlainText().contains(u"<img")); // raw HTML is text

        QVERIFY(ui::MessageTextView::isOpenable(QUrl(u"https://example.com/a"_s)));
        QVERIFY(ui::MessageTextView::isOpenable(QUrl(u"mailto:a@example.com"_s)));
        QVERIFY(!ui::MessageTextView::isOpenable(local));
        QVERIFY(!ui::MessageTextView::isOpenable(QUrl(u"javascript:alert(1)"_s)));
        QVERIFY(!reply->body()->openLinks() && !reply->body()->openExternalLinks());
    }

    void composerGrowsUpToEightLines()
    {
        ui::Composer* composer = m_window->composer();
        const int oneLine = composer->height();
        for (int i = 0; i < 3; ++i)
            QTest::keyClick(composer, Qt::Key_Return, Qt::ShiftModifier);
        QTRY_VERIFY(composer->height() > oneLine);
        const int fourLines = composer->height();
        for (int i = 0; i < 20; ++i)
            QTest::keyClick(composer, Qt::Key_Return, Qt::ShiftModifier);
        QTRY_VERIFY(composer->height() > fourLines);
        const int capped = composer->height();
        QTest::keyClick(composer, Qt::Key_Return, Qt::ShiftModifier);
        QCOMPARE(composer->height(), capped);
        QCOMPARE(composer->accessibleName(), u"Message"_s);
        QCOMPARE(composer->placeholderText(), u"Message Keel…"_s);
    }

    void transcriptFollowsTheBottomUnlessScrolledUp()
    {
        QSignalSpy ended(m_window.get(), &ui::MainWindow::turnEnded);
        m_engine->chunks = {QString(u"A line of a long reply.\n\n"_s).repeated(30)};
        m_window->sendText(u"Long"_s);
        QTRY_COMPARE(ended.count(), 1);
        QScrollBar* bar = m_window->transcript()->verticalScrollBar();
        QTRY_VERIFY(bar->maximum() > 0);
        QTRY_COMPARE(bar->value(), bar->maximum());

        bar->setValue(0); // the user scrolls up to read
        QVERIFY(!m_window->transcript()->isFollowingBottom());
        m_engine->chunks = {QString(u"More text.\n\n"_s).repeated(20)};
        m_window->sendText(u"More"_s); // sending jumps to the end and follows again
        QVERIFY(m_window->transcript()->isFollowingBottom());
        bar->setValue(0);
        QTRY_COMPARE(ended.count(), 2);
        QCOMPARE(bar->value(), 0);
    }

private:
    std::unique_ptr<ui::MainWindow> m_window;
    std::unique_ptr<FakeEngine> m_engine;
};

QTEST_MAIN(MainWindowTest)
#include "MainWindowTest.moc"
