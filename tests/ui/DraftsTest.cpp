// UI tests of what survives a switch of conversation or a restart, offscreen, with the real
// history Store on a database file in a temporary profile and a scripted engine. A restart is a
// new Store and a new window on the same file. Covered: the composer's draft per conversation
// (kept in memory at once, written to the store when typing pauses or another conversation
// opens, restored when its conversation opens, gone once sent; the new chat's draft moves to the
// conversation it becomes), and the window's geometry and sidebar width (window.ini in the
// profile's configuration directory).
#include "ScriptedEngine.h"
#include "core/store/Store.h"
#include "core/store/StoreClient.h"
#include "ui/Composer.h"
#include "ui/ConversationController.h"
#include "ui/DraftKeeper.h"
#include "ui/MainWindow.h"
#include "ui/WindowGeometry.h"

#include <QDir>
#include <QSignalSpy>
#include <QSplitter>
#include <QTemporaryDir>
#include <QTest>

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

} // namespace

class DraftsTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // What --profile does: the configuration directory lies in the profile.
        qputenv("XDG_CONFIG_HOME", QDir(m_dir.path()).filePath(u"config"_s).toLocal8Bit());
    }

    void init()
    {
        m_databasePath = m_dir.filePath(u"history-%1.sqlite"_s.arg(++m_databases));
        openStore();
        openWindow();
    }

    void cleanup()
    {
        m_engine.reset();
        m_window.reset();
        m_client.reset();
        m_store.reset();
    }

    void draftsFollowTheConversationAndSurviveARestart()
    {
        const qint64 a = exchange(u"Question A"_s, u"Answer A"_s);
        m_window->newChat();
        QTRY_COMPARE(m_window->controller()->conversationId(), qint64(0));
        const qint64 b = exchange(u"Question B"_s, u"Answer B"_s);
        QVERIFY(a > 0 && b > 0 && a != b);
        ui::Composer* composer = m_window->composer();
        ui::DraftKeeper* drafts = m_window->drafts();

        open(a);
        QCOMPARE(composer->toPlainText(), QString());
        composer->setFocus();
        QTest::keyClicks(composer, u"Draft for A"_s);
        QCOMPARE(drafts->draft(a), u"Draft for A"_s); // in memory at once
        QVERIFY(drafts->isSavePending());
        // Written once typing pauses.
        QTRY_VERIFY(!drafts->isSavePending());
        QCOMPARE(storedDraft(a), u"Draft for A"_s);

        open(b);
        QCOMPARE(composer->toPlainText(), QString());
        QTest::keyClicks(composer, u"Draft for B"_s);
        open(a);
        QCOMPARE(composer->toPlainText(), u"Draft for A"_s);
        // B's went to the store when A opened, without waiting for the pause.
        QVERIFY(!drafts->isSavePending());
        QCOMPARE(storedDraft(b), u"Draft for B"_s);

        restart();
        composer = m_window->composer();
        open(a);
        QTRY_COMPARE(composer->toPlainText(), u"Draft for A"_s);
        open(b);
        QTRY_COMPARE(composer->toPlainText(), u"Draft for B"_s);
        open(a);
        QTRY_COMPARE(composer->toPlainText(), u"Draft for A"_s);

        // Sent: the draft is gone, here and in the store.
        QSignalSpy ended(m_window.get(), &ui::MainWindow::turnEnded);
        m_engine->chunks = {u"Noted."_s};
        composer->setFocus();
        QTest::keyClick(composer, Qt::Key_Return);
        QTRY_COMPARE(ended.count(), 1);
        QCOMPARE(composer->toPlainText(), QString());
        QCOMPARE(m_window->controller()->messageAt(2).content, u"Draft for A"_s);
        QCOMPARE(storedDraft(a), QString());

        restart();
        QSignalSpy loaded(m_store.get(), &core::Store::draftLoaded);
        m_window->openConversation(a);
        QTRY_VERIFY(!loaded.isEmpty() && loaded.last().at(0).toLongLong() == a);
        QTRY_COMPARE(m_window->controller()->conversationId(), a);
        QCoreApplication::processEvents();
        QCOMPARE(m_window->composer()->toPlainText(), QString());
    }

    void theNewChatsDraftMovesToTheConversationItBecomes()
    {
        ui::Composer* composer = m_window->composer();
        ui::DraftKeeper* drafts = m_window->drafts();
        composer->setFocus();
        QTest::keyClicks(composer, u"Hello there"_s);
        drafts->flush();
        QCOMPARE(storedDraft(0), u"Hello there"_s);

        QSignalSpy ended(m_window.get(), &ui::MainWindow::turnEnded);
        m_engine->chunks = {u"Hi."_s};
        QTest::keyClick(composer, Qt::Key_Return);
        QCOMPARE(composer->toPlainText(), QString());
        // Typed right after sending, before the conversation was stored.
        QTest::keyClicks(composer, u"And then"_s);
        QCOMPARE(m_window->controller()->conversationId(), qint64(0));
        QTRY_COMPARE(ended.count(), 1);
        const qint64 id = m_window->controller()->conversationId();
        QVERIFY(id > 0);
        QCOMPARE(drafts->conversationId(), id);
        QCOMPARE(drafts->draft(id), u"And then"_s);
        QCOMPARE(drafts->draft(0), QString());
        QCOMPARE(storedDraft(0), QString());
        QCOMPARE(storedDraft(id), u"And then"_s);

        // The next new chat starts empty; the conversation keeps its draft.
        m_window->newChat();
        QTRY_COMPARE(m_window->controller()->conversationId(), qint64(0));
        QCOMPARE(composer->toPlainText(), QString());
        open(id);
        QTRY_COMPARE(composer->toPlainText(), u"And then"_s);

        restart();
        QCOMPARE(storedDraft(0), QString());
        QCOMPARE(m_window->composer()->toPlainText(), QString());
        open(id);
        QTRY_COMPARE(m_window->composer()->toPlainText(), u"And then"_s);
    }

    void geometryIsRestoredAfterARestart()
    {
        const QString path = ui::WindowGeometry::defaultPath();
        QVERIFY2(path.startsWith(m_dir.path()), qPrintable(path)); // honours the profile
        QVERIFY(path.endsWith(u"/window.ini"_s));
        QFile::remove(path);
        QVERIFY(!ui::WindowGeometry::restore(*m_window, path)); // nothing saved yet

        m_window->resize(700, 500);
        QTRY_COMPARE(m_window->size(), QSize(700, 500));
        QSplitter* splitter = m_window->splitter();
        QVERIFY(splitter);
        splitter->setSizes({190, 510});
        QTRY_COMPARE(splitter->sizes().value(0), 190);
        QVERIFY(ui::WindowGeometry::save(*m_window, path));
        QVERIFY(QFile::exists(path));

        restart(path);
        QCOMPARE(m_window->size(), QSize(700, 500));
        QCOMPARE(m_window->splitter()->sizes().value(0), 190);

        // Without the file, the window has its usual size.
        QFile::remove(path);
        restart(path);
        QVERIFY(m_window->size() != QSize(700, 500));
    }

private:
    void openStore()
    {
        m_store = std::make_unique<core::Store>();
        QSignalSpy opened(m_store.get(), &core::Store::opened);
        m_store->open(m_databasePath);
        QTRY_COMPARE(opened.count(), 1);
        QVERIFY(opened.at(0).at(0).toBool());
        m_client = std::make_unique<core::StoreClient>(m_store.get());
    }

    // With a geometry file: restored before the window is shown, as the app does.
    void openWindow(const QString& geometryPath = {})
    {
        m_engine.reset();
        m_window = std::make_unique<ui::MainWindow>(settings(), m_client.get());
        m_engine = std::make_unique<test::ScriptedEngine>(m_window.get(), m_store.get());
        if (!geometryPath.isEmpty())
            ui::WindowGeometry::restore(*m_window, geometryPath);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    }

    // Closes the window (which writes what waits), lets the store finish, and starts again on
    // the same database file.
    void restart(const QString& geometryPath = {})
    {
        m_window->close();
        storedDraft(0); // everything queued before it has been written
        m_engine.reset();
        m_window.reset();
        m_client.reset();
        m_store.reset();
        openStore();
        openWindow(geometryPath);
    }

    // The stored draft, read after everything queued to the store before.
    QString storedDraft(qint64 conversationId)
    {
        QSignalSpy loaded(m_store.get(), &core::Store::draftLoaded);
        m_client->post([conversationId](core::Store* store) { store->loadDraft(conversationId); });
        for (int i = 0; i < 100; ++i) {
            for (const QList<QVariant>& arguments : std::as_const(loaded)) {
                if (arguments.at(0).toLongLong() == conversationId)
                    return arguments.at(1).toString();
            }
            loaded.wait(50);
        }
        return u"(no answer)"_s;
    }

    void open(qint64 conversationId)
    {
        m_window->openConversation(conversationId);
        QTRY_COMPARE(m_window->controller()->conversationId(), conversationId);
        QTRY_VERIFY(!m_window->controller()->isLoading());
    }

    qint64 exchange(const QString& question, const QString& answer)
    {
        QSignalSpy ended(m_window.get(), &ui::MainWindow::turnEnded);
        m_engine->chunks = {answer};
        m_window->sendText(question);
        [&] { QTRY_COMPARE(ended.count(), 1); }();
        return m_window->controller()->conversationId();
    }

    QTemporaryDir m_dir;
    int m_databases = 0;
    QString m_databasePath;
    std::unique_ptr<core::Store> m_store;
    std::unique_ptr<core::StoreClient> m_client;
    std::unique_ptr<ui::MainWindow> m_window;
    std::unique_ptr<test::ScriptedEngine> m_engine;
};

QTEST_MAIN(DraftsTest)
#include "DraftsTest.moc"
