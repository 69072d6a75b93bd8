// FaultGuiTest: a few representative faults of the matrix, through the real `keel` window
// (offscreen, throwaway profile, --send, --quit-when-idle, --diagnostics) instead of the core
// alone: a reset mid-stream after part of the reply, an HTTP 500 with a JSON body, and invalid
// UTF-8 inside the reply. The window must stay responsive (the app's own watchdog measures its
// event loop), and what it saved must be what the user saw: the partial reply and the error,
// read back with `keel history show --json`.
#include "../integration/KeelCli.h"
#include "FaultScenarios.h"
#include "FaultWire.h"
#include "GuiRun.h"
#include "LoopbackLlmServer.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace keel::test;

namespace {

// The window's event loop, as the app's watchdog measures it; generous for ASan on 2 loaded cores
// (the real figure is printed).
constexpr double kMaxGuiLatencyMs = 250.0;

// The newest conversation of the profile, as `keel history show --json` prints it.
QJsonObject newestConversation(const QString& profile, QString& failure)
{
    const CliRun list = runKeelCli(
        profile, {QStringLiteral("history"), QStringLiteral("list"), QStringLiteral("--json")});
    const QJsonArray conversations = QJsonDocument::fromJson(list.out).array();
    if (list.exitCode != 0 || conversations.isEmpty()) {
        failure = describe(list);
        return {};
    }
    qint64 newest = 0;
    for (const QJsonValue& conversation : conversations)
        newest = std::max(newest, conversation.toObject().value(QStringLiteral("id")).toInteger());
    const CliRun show = runKeelCli(profile, {QStringLiteral("history"), QStringLiteral("show"),
                                             QString::number(newest), QStringLiteral("--json")});
    if (show.exitCode != 0) {
        failure = describe(show);
        return {};
    }
    return QJsonDocument::fromJson(show.out).object();
}

} // namespace

class FaultGuiTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void faultsInTheRealWindow_data()
    {
        QTest::addColumn<QString>("fault");
        QTest::addColumn<QString>("outcome");  // as the diagnostics name it
        QTest::addColumn<QString>("status");   // of the saved reply
        QTest::addColumn<QString>("text");     // of the saved reply
        QTest::addColumn<QString>("errorHas"); // words the saved error must contain
        const QString partial = partialTokens().join(QString());
        QTest::newRow("reset mid-stream")
            << QStringLiteral("reset mid-stream") << QStringLiteral("error")
            << QStringLiteral("incomplete") << partial << QStringLiteral("reset");
        QTest::newRow("HTTP 500 with a JSON body")
            << QStringLiteral("500") << QStringLiteral("error") << QStringLiteral("error")
            << QString() << serverErrorMessage(500);
        QTest::newRow("invalid utf-8")
            << QStringLiteral("invalid utf-8") << QStringLiteral("complete")
            << QStringLiteral("complete") << partial + QStringLiteral(" ab\uFFFDcd\uFFFDef")
            << QString();
    }

    void faultsInTheRealWindow()
    {
        QFETCH(QString, fault);
        QFETCH(QString, outcome);
        QFETCH(QString, status);
        QFETCH(QString, text);
        QFETCH(QString, errorHas);
        const FaultWire wire(QStringLiteral("openai")); // the kind --base-url sets up
        LoopbackLlmServer server;
        QVERIFY(server.isListening());
        Response response = fault == QLatin1String("500")
                                ? statusResponse(wire, 500, QStringLiteral("json"), {})
                                : streamScenario(fault, wire).response;
        // The window streams for a while before the fault, so its watchdog has a loop to measure
        // (the 500 is retried with backoff for about 3 s anyway).
        if (fault != QLatin1String("500"))
            response.steps.insert(response.steps.begin() + 1, Step::delay(1500));
        server.setDefault(response);

        const GuiRunResult run = runGuiOnce(QStringLiteral(KEEL_BINARY), server.baseUrl(),
                                            QStringLiteral("Tell me about %1").arg(fault), 90000,
                                            {}, [](const QString& profile) {
                                                // GuiRun reuses one profile: start each row afresh
                                                QDir(profile).removeRecursively();
                                            });
        QVERIFY2(run.ok, qPrintable(run.failure)); // also: it did not crash, it quit by itself
        const QJsonObject gui = run.diagnostics.value(QStringLiteral("gui_latency_ms")).toObject();
        const QJsonArray turns = run.diagnostics.value(QStringLiteral("turns")).toArray();
        QCOMPARE(turns.size(), 1);
        const QJsonObject turn = turns.first().toObject();
        const double latency = gui.value(QStringLiteral("max")).toDouble();
        qInfo("%s: outcome %s, GUI latency max %.1f ms over %d samples, max heartbeat gap %d ms",
              qPrintable(fault), qPrintable(turn.value(QStringLiteral("outcome")).toString()),
              latency, gui.value(QStringLiteral("samples")).toInt(),
              turn.value(QStringLiteral("max_heartbeat_gap_ms")).toInt());
        // The recorder's connections come before the window's (GuiSession), so its copy of the
        // result is in even when --quit-when-idle quits as soon as the window ends the turn.
        QCOMPARE(turn.value(QStringLiteral("outcome")).toString(), outcome);
        QVERIFY(gui.value(QStringLiteral("samples")).toInt() >= 50);
        QVERIFY2(latency <= kMaxGuiLatencyMs, qPrintable(QString::number(latency)));
        QCOMPARE(turn.value(QStringLiteral("gui_text_chars")).toInteger(), text.size());

        // The profile is the one GuiRun used (it lives as long as this process).
        const QString profile =
            QFileInfo(run.screenshotPath).dir().filePath(QStringLiteral("profile"));
        QString failure;
        const QJsonObject conversation = newestConversation(profile, failure);
        QVERIFY2(!conversation.isEmpty(), qPrintable(failure));
        const QJsonArray messages = conversation.value(QStringLiteral("messages")).toArray();
        QVERIFY(messages.size() >= 2);
        const QJsonObject reply = messages.last().toObject();
        QCOMPARE(reply.value(QStringLiteral("role")).toString(), QStringLiteral("assistant"));
        QCOMPARE(reply.value(QStringLiteral("status")).toString(), status);
        QCOMPARE(reply.value(QStringLiteral("content")).toString(), text);
        const QString error = reply.value(QStringLiteral("error")).toString();
        if (errorHas.isEmpty())
            QVERIFY2(error.isEmpty(), qPrintable(error));
        else
            QVERIFY2(error.contains(errorHas, Qt::CaseInsensitive), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(FaultGuiTest)
#include "FaultGuiTest.moc"
