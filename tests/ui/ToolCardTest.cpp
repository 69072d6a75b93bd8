// UI tests of tool cards: the header text of each state, the approval buttons, collapsing,
// the arguments, progress and result parts, and how a reply's text and its cards interleave in
// MessageWidget, live (events) and stored (records).
#include "ui/ToolCard.h"

#include "ui/MessageTextView.h"
#include "ui/MessageWidget.h"
#include "ui/ReplyBody.h"
#include "ui/ToolResultView.h"

#include <QAbstractButton>
#include <QBuffer>
#include <QImage>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTextDocument>

using namespace keel;
using namespace Qt::StringLiterals;

namespace {

core::ToolCallEvent toolEvent(const QString& id, core::ToolCallState state,
                              qsizetype textOffset = 0)
{
    core::ToolCallEvent event;
    event.turnId = u"turn-1"_s;
    event.call.id = id;
    event.call.name = u"read_file"_s;
    event.call.arguments = u"{\"path\":\"/tmp/a.txt\"}"_s;
    event.server = u"filesystem"_s;
    event.toolName = u"read_file"_s;
    event.state = state;
    event.textOffset = textOffset;
    return event;
}

core::ToolCallRecord record(const QString& id, qsizetype textOffset, int step = 1)
{
    core::ToolCallRecord record;
    record.step = step;
    record.textOffset = textOffset;
    record.call.id = id;
    record.call.name = u"read_file"_s;
    record.call.arguments = u"{}"_s;
    record.server = u"filesystem"_s;
    record.toolName = u"read_file"_s;
    record.state = core::ToolCallState::Done;
    record.result.content.append({core::ToolContent::Kind::Text, u"contents"_s, {}, {}, {}});
    record.result.durationMs = 40;
    return record;
}

core::ToolContent textPiece(const QString& text)
{
    core::ToolContent piece;
    piece.text = text;
    return piece;
}

// What the reply shows, in layout order: "text:…" for a non-empty segment, "card:ID" for a card.
QStringList shownItems(const ui::MessageWidget& message)
{
    QStringList items;
    for (QWidget* widget : message.replyBody()->items()) {
        if (widget->isHidden())
            continue;
        if (auto* view = qobject_cast<ui::MessageTextView*>(widget))
            items << u"text:"_s + view->toPlainText();
        else if (auto* card = qobject_cast<ui::ToolCard*>(widget))
            items << u"card:"_s + card->callId();
        else
            items << u"?"_s;
    }
    return items;
}

} // namespace

class ToolCardTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QLocale::setDefault(QLocale::c()); // "1.2 s" whatever the machine's locale
        qRegisterMetaType<core::ToolApproval>();
    }

    void headerTextOfEachState_data()
    {
        QTest::addColumn<core::ToolCallState>("state");
        QTest::addColumn<bool>("isError");
        QTest::addColumn<qint64>("elapsedMs");
        QTest::addColumn<qint64>("durationMs");
        QTest::addColumn<QString>("expected");
        using S = core::ToolCallState;
        QTest::newRow("awaiting") << S::AwaitingApproval << false << qint64(0) << qint64(0)
                                  << u"Waiting for your approval"_s;
        QTest::newRow("running, just started")
            << S::Running << false << qint64(400) << qint64(0) << u"Running…"_s;
        QTest::newRow("running") << S::Running << false << qint64(12'300) << qint64(0)
                                 << u"Running… 12 s"_s;
        QTest::newRow("running long")
            << S::Running << false << qint64(65'000) << qint64(0) << u"Running… 1 min 5 s"_s;
        QTest::newRow("done") << S::Done << false << qint64(1'300) << qint64(1'200)
                              << u"Done · 1.2 s"_s;
        QTest::newRow("done, no duration: elapsed")
            << S::Done << false << qint64(2'000) << qint64(0) << u"Done · 2.0 s"_s;
        QTest::newRow("quick") << S::Done << false << qint64(0) << qint64(12) << u"Done · 12 ms"_s;
        QTest::newRow("error") << S::Done << true << qint64(0) << qint64(300) << u"Error · 0.3 s"_s;
        QTest::newRow("failed") << S::Failed << true << qint64(0) << qint64(0) << u"Failed"_s;
        QTest::newRow("denied") << S::Denied << true << qint64(0) << qint64(0) << u"Denied"_s;
        QTest::newRow("stopped") << S::Cancelled << false << qint64(0) << qint64(0) << u"Stopped"_s;
    }

    void headerTextOfEachState()
    {
        QFETCH(core::ToolCallState, state);
        QFETCH(bool, isError);
        QFETCH(qint64, elapsedMs);
        QFETCH(qint64, durationMs);
        QFETCH(QString, expected);
        ui::ToolCard card;
        core::ToolCallEvent update = toolEvent(u"call_1"_s, state);
        update.elapsedMs = elapsedMs;
        update.result.isError = isError;
        update.result.durationMs = durationMs;
        card.setEvent(update);
        QCOMPARE(card.stateText(), expected);
        QCOMPARE(card.state(), state);
        QCOMPARE(card.callId(), u"call_1"_s);
        QCOMPARE(card.titleText(), u"read_file"_s);
        QCOMPARE(card.serverText(), u"· filesystem"_s);
        // A screen reader hears the state, but not every second of a running call.
        const QString spoken = state == core::ToolCallState::Running ? u"Running"_s : expected;
        QVERIFY(card.headerButton()->accessibleName().contains(spoken));
    }

    void headerNamesTitleAndBuiltinServer()
    {
        ui::ToolCard card;
        core::ToolCallEvent update = toolEvent(u"call_1"_s, core::ToolCallState::Running);
        update.title = u"Current time"_s;
        update.server = core::builtinServerName();
        card.setEvent(update);
        QCOMPARE(card.titleText(), u"Current time"_s);
        QCOMPARE(card.serverText(), u"· built-in"_s);

        // A tool the model made up: no server, its name as the model wrote it.
        ui::ToolCard unknown;
        core::ToolCallEvent made = toolEvent(u"call_2"_s, core::ToolCallState::Failed);
        made.server.clear();
        made.toolName.clear();
        made.call.name = u"no_such_tool"_s;
        unknown.setEvent(made);
        QCOMPARE(unknown.titleText(), u"no_such_tool"_s);
        QCOMPARE(unknown.serverText(), QString());
    }

    void runningTimeComesFromEachEvent()
    {
        ui::ToolCard card;
        core::ToolCallEvent update = toolEvent(u"call_1"_s, core::ToolCallState::Running);
        update.elapsedMs = 12'000;
        card.setEvent(update);
        QCOMPARE(card.stateText(), u"Running… 12 s"_s);
        const QString spoken = card.headerButton()->accessibleName();
        update.elapsedMs = 13'100;
        card.setEvent(update);
        QCOMPARE(card.stateText(), u"Running… 13 s"_s);
        QCOMPARE(card.headerButton()->accessibleName(), spoken);
        update.elapsedMs = 12'900; // a late event never turns the clock back
        card.setEvent(update);
        QCOMPARE(card.stateText(), u"Running… 13 s"_s);
    }

    void approvalButtonsEmitAndGo_data()
    {
        QTest::addColumn<QString>("button");
        QTest::addColumn<core::ToolApproval>("approval");
        QTest::newRow("once") << u"allowOnceButton"_s << core::ToolApproval::AllowOnce;
        QTest::newRow("always") << u"allowAlwaysButton"_s << core::ToolApproval::AllowAlways;
        QTest::newRow("deny") << u"denyButton"_s << core::ToolApproval::Deny;
    }

    void approvalButtonsEmitAndGo()
    {
        QFETCH(QString, button);
        QFETCH(core::ToolApproval, approval);
        ui::ToolCard card;
        card.setEvent(toolEvent(u"call_7"_s, core::ToolCallState::AwaitingApproval));
        card.show();
        QVERIFY(QTest::qWaitForWindowExposed(&card));
        QVERIFY(card.isExpanded());
        QSignalSpy chosen(&card, &ui::ToolCard::approvalChosen);

        auto* pressed = card.findChild<QPushButton*>(button);
        QVERIFY(pressed != nullptr);
        for (const QString& name :
             {u"allowOnceButton"_s, u"allowAlwaysButton"_s, u"denyButton"_s}) {
            auto* each = card.findChild<QPushButton*>(name);
            QVERIFY(each->isVisible());
            QVERIFY(each->isEnabled());
            QVERIFY(!each->accessibleName().isEmpty());
        }
        QTest::mouseClick(pressed, Qt::LeftButton);
        QCOMPARE(chosen.count(), 1);
        QCOMPARE(chosen.at(0).at(0).toString(), u"call_7"_s);
        QCOMPARE(chosen.at(0).at(1).value<core::ToolApproval>(), approval);
        // One answer only.
        for (QPushButton* each : card.findChildren<QPushButton*>())
            QVERIFY(!each->isEnabled());
        QTest::mouseClick(pressed, Qt::LeftButton);
        QCOMPARE(chosen.count(), 1);

        // The same question sent again (a repeated event) is still answered.
        card.setEvent(toolEvent(u"call_7"_s, core::ToolCallState::AwaitingApproval));
        QVERIFY(!pressed->isEnabled());

        const core::ToolCallState next = approval == core::ToolApproval::Deny
                                             ? core::ToolCallState::Denied
                                             : core::ToolCallState::Running;
        card.setEvent(toolEvent(u"call_7"_s, next));
        for (QPushButton* each : card.findChildren<QPushButton*>())
            QVERIFY(!each->isVisible());
    }

    void collapsesAndExpandsByClickAndKeyboard()
    {
        ui::ToolCard card;
        core::ToolCallEvent update = toolEvent(u"call_1"_s, core::ToolCallState::Running);
        card.setEvent(update);
        card.show();
        QVERIFY(QTest::qWaitForWindowExposed(&card));
        QVERIFY(card.isExpanded()); // open while it runs
        update.state = core::ToolCallState::Done;
        update.result.content = {textPiece(u"file contents"_s)};
        card.setEvent(update);
        QVERIFY(!card.isExpanded()); // closed once it is over
        QVERIFY(!card.resultView()->isVisible());

        QAbstractButton* header = card.headerButton();
        QVERIFY(header->focusPolicy() & Qt::TabFocus);
        QVERIFY(!header->accessibleName().isEmpty());
        QTest::mouseClick(header, Qt::LeftButton);
        QVERIFY(card.isExpanded());
        QVERIFY(card.resultView()->isVisible());
        QCOMPARE(card.resultView()->shownText(), u"file contents"_s);

        header->setFocus();
        QTest::keyClick(header, Qt::Key_Space);
        QVERIFY(!card.isExpanded());
        QVERIFY(!card.resultView()->isVisible());
        QTest::keyClick(header, Qt::Key_Return);
        QVERIFY(card.isExpanded());
        QTest::keyClick(header, Qt::Key_Enter);
        QVERIFY(!card.isExpanded());

        card.setExpanded(true);
        QVERIFY(card.isExpanded());
        QVERIFY(card.resultView()->isVisible());
    }

    void userChoiceOutlivesTheStateChange()
    {
        ui::ToolCard card;
        core::ToolCallEvent update = toolEvent(u"call_1"_s, core::ToolCallState::Running);
        card.setEvent(update);
        card.show();
        QVERIFY(QTest::qWaitForWindowExposed(&card));
        QTest::mouseClick(card.headerButton(), Qt::LeftButton); // the user closes it
        QVERIFY(!card.isExpanded());
        update.state = core::ToolCallState::Done;
        card.setEvent(update);
        QVERIFY(!card.isExpanded());

        ui::ToolCard opened;
        update.state = core::ToolCallState::Running;
        opened.setEvent(update);
        opened.show();
        QVERIFY(QTest::qWaitForWindowExposed(&opened));
        QTest::mouseClick(opened.headerButton(), Qt::LeftButton);
        QTest::mouseClick(opened.headerButton(), Qt::LeftButton); // closed and opened again
        update.state = core::ToolCallState::Done;
        opened.setEvent(update);
        QVERIFY(opened.isExpanded()); // the user wants to see it
    }

    void argumentsArePrettyPrinted()
    {
        ui::ToolCard card;
        core::ToolCallEvent update = toolEvent(u"call_1"_s, core::ToolCallState::AwaitingApproval);
        update.call.arguments =
            u"{\"path\":\"/tmp/a.txt\",\"options\":{\"depth\":2,\"all\":true}}"_s;
        card.setEvent(update);
        // Indented, in the order the model wrote the keys.
        QCOMPARE(card.argumentsText(), u"{\n  \"path\": \"/tmp/a.txt\",\n  \"options\": {\n"
                                       u"    \"depth\": 2,\n    \"all\": true\n  }\n}"_s);
        auto* view = card.findChild<ui::MessageTextView*>(u"toolArguments"_s);
        QVERIFY(view != nullptr);
        QVERIFY(view->textInteractionFlags() & Qt::TextSelectableByMouse);
        QCOMPARE(view->accessibleName(), u"Arguments"_s);

        update.call.arguments = u"{\"path\": \"/tmp/a.t"_s; // cut off: shown as it came
        card.setEvent(update);
        QCOMPARE(card.argumentsText(), u"{\"path\": \"/tmp/a.t"_s);

        update.call.arguments = u"{}"_s;
        card.setEvent(update);
        QCOMPARE(card.argumentsText(), QString());
    }

    void progressBarDeterminateOrBusy()
    {
        ui::ToolCard card;
        card.show();
        QVERIFY(QTest::qWaitForWindowExposed(&card));
        core::ToolCallEvent update = toolEvent(u"call_1"_s, core::ToolCallState::Running);
        card.setEvent(update);
        QProgressBar* bar = card.progressBar();
        QVERIFY(!bar->isVisible()); // nothing reported yet
        QVERIFY(!bar->accessibleName().isEmpty());

        update.progress = 3;
        update.progressTotal = 10;
        update.progressMessage = u"Step 3 of 10"_s;
        card.setEvent(update);
        QVERIFY(bar->isVisible());
        QVERIFY(bar->maximum() > bar->minimum());
        QCOMPARE(double(bar->value() - bar->minimum()) / (bar->maximum() - bar->minimum()), 0.3);
        auto* message = card.findChild<QLabel*>(u"toolProgressMessage"_s);
        QVERIFY(message->isVisible());
        QCOMPARE(message->text(), u"Step 3 of 10"_s);

        // The once-a-second update carries no progress: the last one stays.
        update.progress = -1;
        update.progressTotal = -1;
        update.progressMessage.clear();
        update.elapsedMs = 2'000;
        card.setEvent(update);
        QVERIFY(bar->isVisible());
        QCOMPARE(bar->value(), 300);
        QCOMPARE(message->text(), u"Step 3 of 10"_s);

        update.progress = 5;
        update.progressTotal = -1;
        update.progressMessage.clear();
        card.setEvent(update);
        QVERIFY(bar->isVisible());
        QCOMPARE(bar->minimum(), 0);
        QCOMPARE(bar->maximum(), 0); // busy
        QVERIFY(!message->isVisible());

        update.state = core::ToolCallState::Done;
        card.setEvent(update);
        card.setExpanded(true);
        QVERIFY(!bar->isVisible());
    }

    void imageResultShowsAThumbnail()
    {
        QImage image(640, 200, QImage::Format_RGB32);
        image.fill(Qt::darkCyan);
        QByteArray png;
        QBuffer buffer(&png);
        QVERIFY(buffer.open(QIODevice::WriteOnly));
        QVERIFY(image.save(&buffer, "PNG"));

        ui::ToolCard card;
        core::ToolCallEvent update = toolEvent(u"call_1"_s, core::ToolCallState::Done);
        core::ToolContent piece;
        piece.kind = core::ToolContent::Kind::Image;
        piece.mimeType = u"image/png"_s;
        piece.data = png;
        update.result.content = {textPiece(u"A screenshot"_s), piece};
        card.setEvent(update);
        const QList<QLabel*> images = card.resultView()->images();
        QCOMPARE(images.size(), 1);
        const QPixmap thumbnail = images.first()->pixmap();
        QCOMPARE(thumbnail.width(), ui::ToolResultView::kThumbnailWidth);
        QCOMPARE(thumbnail.height(), 100);
        QVERIFY(!images.first()->accessibleName().isEmpty());

        // Bytes that are no image say so instead.
        piece.data = "not an image";
        update.result.content = {piece};
        card.setEvent(update);
        QVERIFY(card.resultView()->images().isEmpty());
        QVERIFY(card.resultView()->shownText().contains(u"could not be shown"_s));
    }

    void longResultIsTruncatedUntilShowAll()
    {
        QString longText;
        for (int i = 0; longText.size() < 50'000; ++i)
            longText += u"line %1 of a long listing\n"_s.arg(i);
        ui::ToolCard card;
        core::ToolCallEvent update = toolEvent(u"call_1"_s, core::ToolCallState::Done);
        update.result.content = {textPiece(longText)};
        card.setEvent(update);
        card.setExpanded(true);
        card.show();
        QVERIFY(QTest::qWaitForWindowExposed(&card));

        const QList<ui::MessageTextView*> views = card.resultView()->textViews();
        QCOMPARE(views.size(), 1);
        const QString shown = views.first()->toPlainText();
        QVERIFY(shown.size() < 21'000);
        QVERIFY(shown.size() >= ui::ToolResultView::kTruncateAt);
        QVERIFY(longText.startsWith(shown.left(ui::ToolResultView::kTruncateAt)));
        const QList<QAbstractButton*> buttons = card.resultView()->showAllButtons();
        QCOMPARE(buttons.size(), 1);
        QVERIFY(buttons.first()->isVisible());
        QVERIFY(!buttons.first()->accessibleName().isEmpty());

        QTest::mouseClick(buttons.first(), Qt::LeftButton);
        QCOMPARE(views.first()->toPlainText(), longText);
        QVERIFY(!buttons.first()->isVisible());

        // A short text has no button.
        update.result.content = {textPiece(u"short"_s)};
        card.setEvent(update);
        QVERIFY(card.resultView()->showAllButtons().isEmpty());
    }

    void otherPiecesAndErrors()
    {
        ui::ToolCard card;
        core::ToolCallEvent update = toolEvent(u"call_1"_s, core::ToolCallState::Done);
        core::ToolContent audio;
        audio.kind = core::ToolContent::Kind::Audio;
        audio.mimeType = u"audio/wav"_s;
        audio.data = QByteArray(2048, 'x');
        core::ToolContent resource;
        resource.kind = core::ToolContent::Kind::Resource;
        resource.uri = u"file:///tmp/notes.txt"_s;
        resource.text = u"the notes"_s;
        core::ToolContent link;
        link.kind = core::ToolContent::Kind::ResourceLink;
        link.uri = u"file:///tmp/other.txt"_s;
        link.text = u"other.txt"_s;
        update.result.content = {audio, resource, link};
        card.setEvent(update);
        QCOMPARE(card.resultView()->shownText(),
                 u"[audio, 2 KB]\nfile:///tmp/notes.txt\nthe notes\nfile:///tmp/other.txt\n"
                 u"other.txt"_s);
        QVERIFY(!card.resultView()->isError());

        // An error result is drawn in the error colour.
        update.state = core::ToolCallState::Failed;
        update.result = core::ToolResult();
        update.result.isError = true;
        update.result.content = {textPiece(u"The server exited (code 1)."_s)};
        card.setEvent(update);
        QVERIFY(card.resultView()->isError());
        const QList<ui::MessageTextView*> views = card.resultView()->textViews();
        QCOMPARE(views.size(), 1);
        QCOMPARE(views.first()->palette().color(QPalette::Text),
                 ui::ToolResultView::errorColor(card.palette()));
    }

    void storedRecordShowsItsCall()
    {
        ui::ToolCard card;
        core::ToolCallRecord stored = record(u"call_9"_s, 0);
        stored.server = core::builtinServerName();
        stored.result.durationMs = 1'200;
        card.setRecord(stored);
        QCOMPARE(card.callId(), u"call_9"_s);
        QCOMPARE(card.state(), core::ToolCallState::Done);
        QCOMPARE(card.stateText(), u"Done · 1.2 s"_s);
        QCOMPARE(card.serverText(), u"· built-in"_s);
        QVERIFY(!card.isExpanded());

        // Nothing will ever answer a call stored while it waited or ran.
        stored.state = core::ToolCallState::AwaitingApproval;
        ui::ToolCard stale;
        stale.setRecord(stored);
        QCOMPARE(stale.stateText(), u"Stopped"_s);
        QVERIFY(!stale.findChild<QPushButton*>(u"allowOnceButton"_s)->isVisibleTo(&stale));
    }

    // ---- MessageWidget: text and cards in the order they happened ----

    void streamedTextAndCardsInterleave()
    {
        ui::MessageWidget message(core::Role::Assistant, u"model"_s);
        message.setStreaming(true);
        message.appendText(u"a"_s);
        message.updateToolCall(toolEvent(u"call_1"_s, core::ToolCallState::Running, 1));
        message.appendText(u"b"_s);
        QCOMPARE(shownItems(message), QStringList({u"text:a"_s, u"card:call_1"_s, u"text:b"_s}));
        QCOMPARE(message.text(), u"ab"_s);
        QCOMPARE(message.bodyDocument()->toPlainText(), u"a"_s);
        QCOMPARE(message.toolCards().size(), 1);

        // Updates go to the same card.
        core::ToolCallEvent done = toolEvent(u"call_1"_s, core::ToolCallState::Done, 1);
        done.result.durationMs = 300;
        message.updateToolCall(done);
        QCOMPARE(message.toolCards().size(), 1);
        QCOMPARE(message.toolCards().first()->stateText(), u"Done · 0.3 s"_s);

        // A full reload with the same text changes nothing.
        message.setStreaming(false);
        message.setText(u"ab"_s);
        QCOMPARE(shownItems(message), QStringList({u"text:a"_s, u"card:call_1"_s, u"text:b"_s}));
        // A different text is split again at the card.
        message.setText(u"xyz"_s);
        QCOMPARE(shownItems(message), QStringList({u"text:x"_s, u"card:call_1"_s, u"text:yz"_s}));
    }

    void storedReplySplitsAtRecords()
    {
        ui::MessageWidget message(core::Role::Assistant, u"model"_s);
        message.setText(u"ab"_s);
        message.setToolCalls({record(u"call_1"_s, 1)});
        QCOMPARE(shownItems(message), QStringList({u"text:a"_s, u"card:call_1"_s, u"text:b"_s}));
        QCOMPARE(message.text(), u"ab"_s);
        QCOMPARE(message.bodyDocument()->toPlainText(), u"a"_s);

        // Loaded again: the same card is kept, with the state the user gave it.
        ui::ToolCard* card = message.toolCards().first();
        card->setExpanded(true);
        message.setToolCalls({record(u"call_1"_s, 1)});
        QCOMPARE(message.toolCards().first(), card);
        QVERIFY(card->isExpanded());

        // No calls: one segment again.
        message.setToolCalls({});
        QCOMPARE(shownItems(message), QStringList({u"text:ab"_s}));
        QCOMPARE(message.bodyDocument()->toPlainText(), u"ab"_s);
    }

    void callsOfOneStepSitTogether()
    {
        ui::MessageWidget live(core::Role::Assistant, u"model"_s);
        live.setStreaming(true);
        live.appendText(u"a"_s);
        live.updateToolCall(toolEvent(u"call_1"_s, core::ToolCallState::AwaitingApproval, 1));
        live.updateToolCall(toolEvent(u"call_2"_s, core::ToolCallState::AwaitingApproval, 1));
        live.appendText(u"b"_s);
        live.updateToolCall(toolEvent(u"call_3"_s, core::ToolCallState::Running, 2));
        const QStringList expected(
            {u"text:a"_s, u"card:call_1"_s, u"card:call_2"_s, u"text:b"_s, u"card:call_3"_s});
        QCOMPARE(shownItems(live), expected);

        ui::MessageWidget stored(core::Role::Assistant, u"model"_s);
        stored.setText(u"ab"_s);
        stored.setToolCalls(
            {record(u"call_1"_s, 1), record(u"call_2"_s, 1), record(u"call_3"_s, 2, 2)});
        QCOMPARE(shownItems(stored), expected);
    }

    void replyStartingWithACall()
    {
        ui::MessageWidget message(core::Role::Assistant, u"model"_s);
        message.setStreaming(true);
        QVERIFY(message.replyBody()->isHidden());
        message.updateToolCall(toolEvent(u"call_1"_s, core::ToolCallState::AwaitingApproval, 0));
        QVERIFY(!message.replyBody()->isHidden());
        // The empty first segment takes no space.
        QVERIFY(message.body()->isHidden());
        QCOMPARE(shownItems(message), QStringList({u"card:call_1"_s}));
        message.appendText(u"Here it is."_s);
        QCOMPARE(shownItems(message), QStringList({u"card:call_1"_s, u"text:Here it is."_s}));
        QCOMPARE(message.text(), u"Here it is."_s);
    }

    void approvalIsForwardedByTheMessage()
    {
        ui::MessageWidget message(core::Role::Assistant, u"model"_s);
        message.setStreaming(true);
        message.updateToolCall(toolEvent(u"call_4"_s, core::ToolCallState::AwaitingApproval, 0));
        message.show();
        QVERIFY(QTest::qWaitForWindowExposed(&message));
        QSignalSpy chosen(&message, &ui::MessageWidget::toolApprovalChosen);
        auto* deny = message.findChild<QPushButton*>(u"denyButton"_s);
        QVERIFY(deny != nullptr && deny->isVisible());
        QTest::mouseClick(deny, Qt::LeftButton);
        QCOMPARE(chosen.count(), 1);
        QCOMPARE(chosen.at(0).at(0).toString(), u"call_4"_s);
        QCOMPARE(chosen.at(0).at(1).value<core::ToolApproval>(), core::ToolApproval::Deny);
    }
};

QTEST_MAIN(ToolCardTest)
#include "ToolCardTest.moc"
