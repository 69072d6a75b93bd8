// HistoryGuiSearchTest: what a user typed in the window is in the history afterwards:
// `keel history search` finds it, Chinese words included, and a restart lists the conversation.
#include "LoopbackLlmServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace keel::test;

namespace {

QByteArray runKeel(const QStringList& arguments, int* exitCode)
{
    QProcess keel;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    keel.setProcessEnvironment(env);
    keel.start(QStringLiteral(KEEL_BINARY), arguments);
    keel.waitForFinished(30000);
    *exitCode = keel.exitCode();
    return keel.readAllStandardOutput();
}

} // namespace

class HistoryGuiSearchTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void wordsTypedInTheWindowAreFound()
    {
        LoopbackLlmServer server;
        server.setDefault(
            Response::openAiStream({QStringLiteral("Noted: "), QStringLiteral("zebracorn.")}));
        QTemporaryDir dir;
        const QString profile = dir.filePath(QStringLiteral("p"));
        int code = 0;
        for (const QString& prompt : {QStringLiteral("我们明天去北京看长城 and a marmalade plan"),
                                      QStringLiteral("Second chat about quokkas")}) {
            runKeel({QStringLiteral("--profile"), profile, QStringLiteral("--base-url"),
                     server.baseUrl(), QStringLiteral("--model"), QStringLiteral("m"),
                     QStringLiteral("--send"), prompt, QStringLiteral("--quit-when-idle")},
                    &code);
            QCOMPARE(code, 0);
        }

        const auto search = [&](const QString& query) {
            int exit = 0;
            const QJsonArray hits =
                QJsonDocument::fromJson(
                    runKeel({QStringLiteral("--profile"), profile, QStringLiteral("history"),
                             QStringLiteral("search"), query, QStringLiteral("--json")},
                            &exit))
                    .array();
            return exit == 0 ? hits : QJsonArray{QStringLiteral("failed")};
        };
        // Hits in message text (a title that matches is a hit of its own, with message id 0).
        const auto messageHits = [&](const QString& query) {
            QJsonArray hits;
            for (const QJsonValue& hit : search(query)) {
                if (hit.toObject().value(QStringLiteral("message_id")).toInteger() != 0)
                    hits.append(hit);
            }
            return hits;
        };
        const QJsonArray chinese = messageHits(QStringLiteral("长城"));
        QCOMPARE(chinese.size(), 1);
        QVERIFY(chinese.first()
                    .toObject()
                    .value(QStringLiteral("snippet"))
                    .toString()
                    .contains(QStringLiteral("长城")));
        QCOMPARE(messageHits(QStringLiteral("北京")).size(), 1);
        QCOMPARE(messageHits(QStringLiteral("marmalade")).size(), 1);
        QCOMPARE(messageHits(QStringLiteral("zebracorn")).size(), 2); // the replies were saved too
        QCOMPARE(messageHits(QStringLiteral("quokkas")).size(), 1);
        QCOMPARE(search(QStringLiteral("长颈鹿")).size(), 0);

        const QJsonArray list =
            QJsonDocument::fromJson(
                runKeel({QStringLiteral("--profile"), profile, QStringLiteral("history"),
                         QStringLiteral("list"), QStringLiteral("--json")},
                        &code))
                .array();
        QCOMPARE(list.size(), 2);
    }
};

QTEST_GUILESS_MAIN(HistoryGuiSearchTest)
#include "HistoryGuiSearchTest.moc"
