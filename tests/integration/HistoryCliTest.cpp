// HistoryCliTest: `keel --profile DIR history list | show | search [--json]` as a user runs it,
// against a database this test writes, including while the test (standing in for the app)
// holds a write transaction open and keeps writing: the read-only CLI still answers, from the
// last committed state, and changes nothing.
#include "store/Database.h"
#include "store/StorePaths.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace keel::core;

namespace {

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

StoredMessage makeMessage(qint64 conversationId, qint64 parentId, Role role, const QString& text,
                          MessageStatus status = MessageStatus::Complete)
{
    StoredMessage m;
    m.conversationId = conversationId;
    m.parentId = parentId;
    m.role = role;
    m.content = text;
    m.status = status;
    return m;
}

QJsonObject jsonOf(const QByteArray& output)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(output, &error);
    return error.error == QJsonParseError::NoError ? doc.object() : QJsonObject();
}

// list and search print one JSON array; null if the output is anything else.
std::optional<QJsonArray> jsonArrayOf(const QByteArray& output)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(output, &error);
    if (error.error != QJsonParseError::NoError || !doc.isArray())
        return std::nullopt;
    return doc.array();
}

} // namespace

class HistoryCliTest : public QObject {
    Q_OBJECT

private:
    // Where `keel --profile DIR` keeps its database: main.cpp's application name under the
    // XDG data directory that applyProfile() points into DIR.
    QString databasePathIn(const QString& profile)
    {
        const QByteArray saved = qgetenv("XDG_DATA_HOME");
        qputenv("XDG_DATA_HOME", QDir(profile).filePath(QStringLiteral("data")).toLocal8Bit());
        const QString path = defaultDatabasePath();
        qputenv("XDG_DATA_HOME", saved);
        return path;
    }

    QProcess* startKeel(const QString& profile, const QStringList& arguments)
    {
        auto* process = new QProcess(this);
        process->start(QStringLiteral(KEEL_BINARY),
                       QStringList{QStringLiteral("--profile"), profile} + arguments);
        return process;
    }

    Run finish(QProcess* process)
    {
        Run run;
        if (!process->waitForFinished(30000))
            process->kill();
        run.exitCode = process->exitStatus() == QProcess::NormalExit ? process->exitCode() : -1;
        run.out = process->readAllStandardOutput();
        run.err = process->readAllStandardError();
        process->deleteLater();
        return run;
    }

    Run keel(const QString& profile, const QStringList& arguments)
    {
        return finish(startKeel(profile, arguments));
    }

    // Two conversations: one in English with a regenerated reply, one in Chinese.
    void fill(Database& db, qint64& english, qint64& chinese)
    {
        english = db.createConversation(QString())->id;
        const qint64 q = db.appendMessage(makeMessage(english, 0, Role::User,
                                                      QStringLiteral("Hello world, explain WAL")))
                             ->id;
        db.appendMessage(makeMessage(english, q, Role::Assistant, QStringLiteral("First try")));
        db.appendMessage(makeMessage(english, q, Role::Assistant,
                                     QStringLiteral("Write-ahead logging keeps readers going"),
                                     MessageStatus::Streaming));
        chinese = db.createConversation(QStringLiteral("中文对话"))->id;
        const qint64 c =
            db.appendMessage(makeMessage(chinese, 0, Role::User, QStringLiteral("你好世界，再见")))
                ->id;
        db.appendMessage(makeMessage(chinese, c, Role::Assistant, QStringLiteral("再见！")));
    }

private Q_SLOTS:
    void initTestCase()
    {
        // As main.cpp names the application, so defaultDatabasePath() agrees with the binary.
        QCoreApplication::setApplicationName(QStringLiteral("keel"));
        QCoreApplication::setOrganizationName(QString());
    }

    void emptyProfileHasNoHistoryYet()
    {
        QTemporaryDir profile;
        Run run = keel(profile.path(), {QStringLiteral("history"), QStringLiteral("list")});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.out, QByteArray("No history yet.\n"));
        run = keel(profile.path(),
                   {QStringLiteral("history"), QStringLiteral("search"), QStringLiteral("x")});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.out, QByteArray("No history yet.\n"));
        run = keel(profile.path(),
                   {QStringLiteral("history"), QStringLiteral("list"), QStringLiteral("--json")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(jsonArrayOf(run.out));
        QVERIFY(jsonArrayOf(run.out)->isEmpty());
        run = keel(profile.path(),
                   {QStringLiteral("history"), QStringLiteral("show"), QStringLiteral("1")});
        QCOMPARE(run.exitCode, 1);
        QCOMPARE(run.err.count('\n'), 1);
        QVERIFY(run.err.contains("No history yet."));
        QVERIFY(!QFile::exists(databasePathIn(profile.path()))); // reading creates nothing
    }

    void usageErrorsExitWith2()
    {
        QTemporaryDir profile;
        for (const QStringList& arguments :
             {QStringList{QStringLiteral("history")},
              QStringList{QStringLiteral("history"), QStringLiteral("frob")},
              QStringList{QStringLiteral("history"), QStringLiteral("show")},
              QStringList{QStringLiteral("history"), QStringLiteral("show"), QStringLiteral("x")},
              QStringList{QStringLiteral("history"), QStringLiteral("search")},
              QStringList{QStringLiteral("history"), QStringLiteral("list"),
                          QStringLiteral("more")}}) {
            const Run run = keel(profile.path(), arguments);
            QVERIFY2(run.exitCode == 2, qPrintable(arguments.join(QLatin1Char(' '))));
            QCOMPARE(run.err.count('\n'), 1);
        }
    }

    void listsShowsAndSearches()
    {
        QTemporaryDir profile;
        qint64 english = 0, chinese = 0;
        {
            Database db;
            QVERIFY(db.open(databasePathIn(profile.path())));
            fill(db, english, chinese);
        }

        Run run = keel(profile.path(), {QStringLiteral("history"), QStringLiteral("list")});
        QCOMPARE(run.exitCode, 0);
        const QStringList lines =
            QString::fromUtf8(run.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2);
        QVERIFY(lines[0].startsWith(QString::number(chinese) + QLatin1Char('\t')));
        QVERIFY(lines[0].endsWith(QStringLiteral("中文对话")));
        QVERIFY(lines[1].endsWith(QStringLiteral("Hello world, explain WAL")));

        run = keel(profile.path(),
                   {QStringLiteral("history"), QStringLiteral("list"), QStringLiteral("--json")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(jsonArrayOf(run.out));
        const QJsonArray conversations = *jsonArrayOf(run.out);
        QCOMPARE(conversations.size(), 2);
        QCOMPARE(conversations[1].toObject().value(QStringLiteral("id")).toInteger(), english);
        QCOMPARE(conversations[1].toObject().value(QStringLiteral("title")).toString(),
                 QStringLiteral("Hello world, explain WAL"));

        run = keel(profile.path(),
                   {QStringLiteral("history"), QStringLiteral("show"), QString::number(english)});
        QCOMPARE(run.exitCode, 0);
        const QString shown = QString::fromUtf8(run.out);
        QVERIFY(shown.contains(QStringLiteral("user:\nHello world, explain WAL")));
        QVERIFY(shown.contains(QStringLiteral("assistant (streaming) [2/2]:\nWrite-ahead")));
        QVERIFY(!shown.contains(QStringLiteral("First try"))); // another branch
        QVERIFY(shown.indexOf(QStringLiteral("user:"))
                < shown.indexOf(QStringLiteral("assistant")));

        run = keel(profile.path(), {QStringLiteral("history"), QStringLiteral("show"),
                                    QString::number(english), QStringLiteral("--json")});
        QCOMPARE(run.exitCode, 0);
        const QJsonObject document = jsonOf(run.out);
        QCOMPARE(document.value(QStringLiteral("conversation"))
                     .toObject()
                     .value(QStringLiteral("id"))
                     .toInteger(),
                 english);
        const QJsonArray messages = document.value(QStringLiteral("messages")).toArray();
        QCOMPARE(messages.size(), 2);
        QCOMPARE(messages[0].toObject().value(QStringLiteral("role")).toString(),
                 QStringLiteral("user"));
        QVERIFY(messages[0].toObject().value(QStringLiteral("parent_id")).isNull());
        // Read-only: the row a running app is streaming is not "recovered" by a reader.
        QCOMPARE(messages[1].toObject().value(QStringLiteral("status")).toString(),
                 QStringLiteral("streaming"));

        run = keel(profile.path(),
                   {QStringLiteral("history"), QStringLiteral("search"), QStringLiteral("世界")});
        QCOMPARE(run.exitCode, 0);
        const QStringList found =
            QString::fromUtf8(run.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(found.size(), 1);
        QCOMPARE(found[0].section(QLatin1Char('\t'), 0, 0), QString::number(chinese));
        QCOMPARE(found[0].section(QLatin1Char('\t'), 2, 2), QStringLiteral("中文对话"));
        QCOMPARE(found[0].section(QLatin1Char('\t'), 3), QStringLiteral("你好[世界]，再见"));

        run = keel(profile.path(), {QStringLiteral("history"), QStringLiteral("search"),
                                    QStringLiteral("write"), QStringLiteral("ahead")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains("[Write]-[ahead]"));

        run = keel(profile.path(), {QStringLiteral("history"), QStringLiteral("search"),
                                    QStringLiteral("再见"), QStringLiteral("--json")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(jsonArrayOf(run.out));
        const QJsonArray results = *jsonArrayOf(run.out);
        QCOMPARE(results.size(), 2);
        QCOMPARE(results[0].toObject().value(QStringLiteral("snippet")).toString(),
                 QStringLiteral("\x02再见\x03！"));

        run = keel(profile.path(), {QStringLiteral("history"), QStringLiteral("search"),
                                    QStringLiteral("\"unbalanced AND (")});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.out, QByteArray("No matches.\n"));

        run = keel(profile.path(),
                   {QStringLiteral("history"), QStringLiteral("show"), QStringLiteral("999")});
        QCOMPARE(run.exitCode, 1);
        QCOMPARE(run.err.count('\n'), 1);
        QVERIFY(run.out.isEmpty());
    }

    void olderSchemaAsksToOpenTheApp()
    {
        QTemporaryDir profile;
        const QString path = databasePathIn(profile.path());
        QDir().mkpath(QFileInfo(path).absolutePath());
        {
            QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v1"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery(db).exec(QStringLiteral("CREATE TABLE conversations (id INTEGER)"));
            QSqlQuery(db).exec(QStringLiteral("PRAGMA user_version = 1"));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("v1"));
        const Run run = keel(profile.path(), {QStringLiteral("history"), QStringLiteral("list")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.err.contains("open the app once to upgrade"));
        QCOMPARE(run.err.count('\n'), 1);
    }

    void readsWhileTheAppWrites()
    {
        QTemporaryDir profile;
        Database db; // the app
        QVERIFY(db.open(databasePathIn(profile.path())));
        qint64 english = 0, chinese = 0;
        fill(db, english, chinese);

        // A write transaction stays open while the CLI runs, and keeps growing.
        QVERIFY(db.beginTransaction());
        const qint64 hidden = db.createConversation(QStringLiteral("uncommitted"))->id;
        int written = 0;
        const auto writeSome = [&] {
            QVERIFY(db.appendMessage(makeMessage(hidden, 0, Role::User,
                                                 QStringLiteral("pending 世界 %1").arg(written))));
            ++written;
        };
        for (const QStringList& arguments :
             {QStringList{QStringLiteral("history"), QStringLiteral("list"),
                          QStringLiteral("--json")},
              QStringList{QStringLiteral("history"), QStringLiteral("search"),
                          QStringLiteral("世界"), QStringLiteral("--json")},
              QStringList{QStringLiteral("history"), QStringLiteral("show"),
                          QString::number(chinese), QStringLiteral("--json")}}) {
            QProcess* process = startKeel(profile.path(), arguments);
            QElapsedTimer timer;
            timer.start();
            while (process->state() != QProcess::NotRunning && timer.elapsed() < 20000) {
                writeSome();
                process->waitForFinished(5);
            }
            const Run run = finish(process);
            QVERIFY2(run.exitCode == 0, run.err.constData());
            // Only what was committed.
            QVERIFY(!run.out.contains("uncommitted"));
            QVERIFY(!run.out.contains("pending"));
            if (arguments[1] == QStringLiteral("show")) {
                QCOMPARE(jsonOf(run.out).value(QStringLiteral("messages")).toArray().size(), 2);
            } else {
                QVERIFY(jsonArrayOf(run.out));
                QCOMPARE(jsonArrayOf(run.out)->size(),
                         arguments[1] == QStringLiteral("list") ? 2 : 1);
            }
        }
        QVERIFY(written > 0);
        QVERIFY2(db.commitTransaction(), qPrintable(db.lastError().message));

        // Small commits interleaved with readers: each read sees a consistent, growing state.
        int lastCount = 0;
        for (int round = 0; round < 5; ++round) {
            QProcess* process =
                startKeel(profile.path(), {QStringLiteral("history"), QStringLiteral("show"),
                                           QString::number(hidden), QStringLiteral("--json")});
            while (process->state() != QProcess::NotRunning) {
                const auto leaf = db.conversation(hidden)->currentLeafId;
                QVERIFY(db.appendMessage(makeMessage(hidden, leaf, Role::Assistant,
                                                     QStringLiteral("reply %1").arg(round))));
                process->waitForFinished(5);
            }
            const Run run = finish(process);
            QCOMPARE(run.exitCode, 0);
            const QJsonArray messages = jsonOf(run.out).value(QStringLiteral("messages")).toArray();
            QVERIFY(messages.size() >= lastCount);
            lastCount = int(messages.size());
            for (int i = 1; i < messages.size(); ++i) // a whole branch, parent before child
                QCOMPARE(messages[i].toObject().value(QStringLiteral("parent_id")).toInteger(),
                         messages[i - 1].toObject().value(QStringLiteral("id")).toInteger());
        }
        QVERIFY(lastCount > 0);
    }
};

QTEST_GUILESS_MAIN(HistoryCliTest)
#include "HistoryCliTest.moc"
