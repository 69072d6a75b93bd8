// ToolChatTest: the first promise, end to end in the window composed as the app composes
// it (Settings on a temporary profile, the store and the Engine on their threads, wired by
// ui::wireWindowToEngine): for each provider kind, the model (the loopback server speaking that
// kind) calls a tool of a real MCP server (@modelcontextprotocol/server-everything, from npm),
// the approval card appears, the user clicks Allow once, the result goes back to the model in
// that kind's format, the model answers with it, and the card and the answer stay with the
// stored conversation.
#include "CoreThread.h"
#include "Engine.h"
#include "GuiHarness.h"
#include "LoopbackLlmServer.h"
#include "MetaTypes.h"
#include "ToolScripts.h"
#include "settings/SecretStore.h"
#include "settings/Settings.h"
#include "settings/SettingsThread.h"
#include "store/Store.h"
#include "store/StoreClient.h"
#include "store/StorePaths.h"
#include "store/StoreThread.h"
#include "ui/ChatSettings.h"
#include "ui/ConversationController.h"
#include "ui/EngineWiring.h"
#include "ui/MainWindow.h"
#include "ui/MessageWidget.h" // TranscriptView.h uses it inline
#include "ui/ToolCard.h"
#include "ui/TranscriptView.h"

#include <QAbstractButton>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace keel;
using namespace keel::test;

namespace {

QString everythingServer()
{
    return QStringLiteral(KEEL_MCP_SERVERS_DIR "/node_modules/.bin/mcp-server-everything");
}

using Harness = GuiHarness;

QList<ui::ToolCard*> cards(ui::MainWindow& window)
{
    return window.transcript()->findChildren<ui::ToolCard*>();
}

} // namespace

class ToolChatTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        prepareGuiTestProcess();
        QVERIFY2(QFileInfo::exists(everythingServer()),
                 "run scripts/test (it installs the reference MCP servers)");
    }

    void init()
    {
        m_home = temporaryProfile();
        QVERIFY(m_home);
    }
    void cleanup() { m_home.reset(); }

    void modelCallsAnMcpToolAfterApproval_data()
    {
        QTest::addColumn<QString>("kind");
        for (const char* kind : {"openai", "anthropic", "gemini", "ollama"})
            QTest::newRow(kind) << QString::fromLatin1(kind);
    }
    void modelCallsAnMcpToolAfterApproval()
    {
        QFETCH(QString, kind);
        LoopbackLlmServer server;
        server.enqueue(toolCallResponse(
            kind, {{"call_echo", "echo", "{\"message\":\"hello from keel\"}"}}, 3, 11));
        server.enqueue(textResponse(kind, {"The tool said: ", "hello from keel"}));

        Harness h(m_home->path());
        QVERIFY(h.addProvider(kind, server, QStringLiteral("tool-model")));
        core::McpServerConfig everything;
        everything.name = QStringLiteral("everything");
        everything.command = everythingServer();
        h.settings.setMcpServers({everything});

        h.window->sendText(QStringLiteral("Please echo something."));
        QTRY_VERIFY_WITH_TIMEOUT(cards(*h.window).size() == 1, 30000);
        ui::ToolCard* card = cards(*h.window).first();
        QTRY_COMPARE_WITH_TIMEOUT(card->state(), core::ToolCallState::AwaitingApproval, 10000);
        QCOMPARE(server.requestCount(), 1);
        QVERIFY(toolsOfferedIn(kind, server.requests().at(0).jsonBody())
                    .contains(QStringLiteral("echo")));

        auto* allow = card->findChild<QAbstractButton*>(QStringLiteral("allowOnceButton"));
        QVERIFY(allow);
        QTRY_VERIFY(allow->isVisible());
        QTest::mouseClick(allow, Qt::LeftButton);

        QTRY_VERIFY_WITH_TIMEOUT(server.requestCount() == 2 && !h.window->isTurnActive(), 30000);
        QCOMPARE(h.window->lastReplyText(), QStringLiteral("The tool said: hello from keel"));
        const QList<SentToolResult> results =
            toolResultsIn(kind, server.requests().at(1).jsonBody());
        QCOMPARE(results.size(), 1);
        QVERIFY2(results.at(0).text.contains(QStringLiteral("Echo: hello from keel")),
                 qPrintable(results.at(0).text));
        QCOMPARE(card->state(), core::ToolCallState::Done);

        // The call is kept with the reply: the controller's copy (what a reload shows) has it.
        ui::ConversationController* controller = h.window->controller();
        const core::StoredMessage& reply = controller->messageAt(controller->messageCount() - 1);
        QCOMPARE(reply.toolCalls.size(), 1);
        QCOMPARE(reply.toolCalls.at(0).server, QStringLiteral("everything"));
        QCOMPARE(reply.toolCalls.at(0).state, core::ToolCallState::Done);

        // Reopened from the store, the conversation shows the card again and the next turn's
        // history carries the call and its result.
        const qint64 conversation = controller->conversationId();
        QVERIFY(conversation > 0);
        QVERIFY(controller->newConversation());
        QTRY_VERIFY(cards(*h.window).isEmpty());
        QVERIFY(controller->openConversation(conversation));
        QTRY_VERIFY_WITH_TIMEOUT(cards(*h.window).size() == 1, 10000);
        QCOMPARE(cards(*h.window).first()->state(), core::ToolCallState::Done);
        const QList<core::ChatMessage> history = controller->history();
        QCOMPARE(history.size(), 4); // user, assistant with the call, the result, the answer
        QCOMPARE(history.at(1).toolCalls.size(), 1);
        QCOMPARE(history.at(2).role, core::Role::Tool);
        QVERIFY(history.at(2).content.contains(QStringLiteral("Echo: hello from keel")));
    }

private:
    std::unique_ptr<QTemporaryDir> m_home;
};

QTEST_MAIN(ToolChatTest)
#include "ToolChatTest.moc"
