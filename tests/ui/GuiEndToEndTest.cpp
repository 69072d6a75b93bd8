// GuiEndToEndTest: the main window wired to the real core loop exactly as the app wires it
// (queued both ways), against the loopback server: type, send, see the reply rendered; Stop
// in the middle of a stream keeps what arrived.
#include "CoreThread.h"
#include "Engine.h"
#include "LoopbackLlmServer.h"
#include "ui/ChatSettings.h"
#include "ui/Composer.h"
#include "ui/EngineWiring.h"
#include "ui/MainWindow.h"

#include <QApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QTest>
#include <QTextBrowser>

using namespace keel;
using namespace keel::test;

namespace {

ui::ChatSettings settings(const LoopbackLlmServer& server)
{
    ui::ChatSettings s;
    s.provider.baseUrl = server.baseUrl();
    s.model = QStringLiteral("test-model");
    return s;
}

// All visible text of the transcript's rendered message bodies.
QString renderedText(ui::MainWindow& window)
{
    QString text;
    for (QTextBrowser* browser : window.findChildren<QTextBrowser*>())
        text += browser->document()->toPlainText() + QLatin1Char('\n');
    return text;
}

} // namespace

class GuiEndToEndTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void typedPromptIsAnsweredAndRendered()
    {
        LoopbackLlmServer server;
        server.enqueue(Response::openAiStream(
            {QStringLiteral("Here is "), QStringLiteral("**bold** text"), QStringLiteral(".\n\n"),
             QStringLiteral("- one\n"), QStringLiteral("- two\n")},
            9));
        core::CoreThread core;
        ui::MainWindow window(settings(server));
        ui::wireWindowToEngine(window, *core.engine(), nullptr, {});
        core.start();
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        auto* composer = window.findChild<ui::Composer*>();
        QVERIFY(composer);
        composer->setFocus();
        QTest::keyClicks(composer, QStringLiteral("Format something"));
        QTest::keyClick(composer, Qt::Key_Return);

        QTRY_VERIFY_WITH_TIMEOUT(!window.isTurnActive() && !window.lastReplyText().isEmpty(),
                                 10000);
        QCOMPARE(window.lastReplyText(),
                 QStringLiteral("Here is **bold** text.\n\n- one\n- two\n"));
        const QString rendered = renderedText(window);
        QVERIFY2(rendered.contains(QStringLiteral("Here is bold text.")), qPrintable(rendered));
        QVERIFY(!rendered.contains(QStringLiteral("**bold**"))); // Markdown, not raw text
        QVERIFY(rendered.contains(QStringLiteral("one")));
        QVERIFY(composer->toPlainText().isEmpty());

        const QJsonArray messages =
            server.requests().value(0).jsonBody().value(QStringLiteral("messages")).toArray();
        QCOMPARE(messages.last().toObject().value(QStringLiteral("content")).toString(),
                 QStringLiteral("Format something"));
        core.stop();
    }

    void stopDuringStreamKeepsPartialReply()
    {
        LoopbackLlmServer server;
        server.enqueue(Response::sse(
            {Step::send(LoopbackLlmServer::openAiChunk(QStringLiteral("Partial answer"))),
             Step::hang()}));
        core::CoreThread core;
        ui::MainWindow window(settings(server));
        ui::wireWindowToEngine(window, *core.engine(), nullptr, {});
        core.start();
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        window.sendText(QStringLiteral("Tell me a long story"));
        QTRY_VERIFY_WITH_TIMEOUT(renderedText(window).contains(QStringLiteral("Partial answer")),
                                 10000);
        QVERIFY(window.isTurnActive());
        QTest::keyClick(&window, Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!window.isTurnActive(), 10000);
        QCOMPARE(window.lastReplyText(), QStringLiteral("Partial answer"));
        QVERIFY(renderedText(window).contains(QStringLiteral("Partial answer")));
        QTRY_COMPARE_WITH_TIMEOUT(server.openConnectionCount(), 0, 10000); // really stopped
        core.stop();
    }
};

QTEST_MAIN(GuiEndToEndTest)
#include "GuiEndToEndTest.moc"
