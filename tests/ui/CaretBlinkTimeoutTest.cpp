// CaretBlinkTimeoutTest: the caret stops blinking after the timeout without input (its blink
// timer stops, so an idle window wakes nobody up), blinks again at the next key press, and the
// platform's flash time is back when the object goes.
#include "ui/CaretBlinkTimeout.h"

#include <QApplication>
#include <QPlainTextEdit>
#include <QStyleHints>
#include <QTest>

namespace {

// Counts the timer events of the text control inside an editor: its caret blinks.
class BlinkCounter : public QObject {
public:
    explicit BlinkCounter(QWidget* editor)
        : m_editor(editor)
    {
        QCoreApplication::instance()->installEventFilter(this);
    }
    int count = 0;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::Timer && watched->parent() == m_editor)
            ++count;
        return QObject::eventFilter(watched, event);
    }

private:
    QWidget* m_editor;
};

} // namespace

class CaretBlinkTimeoutTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void stopsAfterTimeoutAndRestartsOnInput()
    {
        const int flashTime = QGuiApplication::styleHints()->cursorFlashTime();
        QVERIFY2(flashTime > 0, "the platform's caret does not blink: nothing to test");
        QPlainTextEdit editor;
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        editor.activateWindow();
        editor.setFocus();
        BlinkCounter blinks(&editor);
        {
            keel::ui::CaretBlinkTimeout timeout(flashTime + 200); // time for a blink or two
            QTRY_VERIFY(blinks.count >= 1); // it blinks while the user is active
            QTRY_VERIFY(!timeout.isBlinking());
            QCOMPARE(QGuiApplication::styleHints()->cursorFlashTime(), 0);
            blinks.count = 0;
            QTest::qWait(flashTime + 200); // two half periods: a running blink would show
            QCOMPARE(blinks.count, 0);

            QTest::keyClick(&editor, Qt::Key_A);
            QVERIFY(timeout.isBlinking());
            QCOMPARE(QGuiApplication::styleHints()->cursorFlashTime(), flashTime);
            QCOMPARE(editor.toPlainText(), QStringLiteral("a"));
            QTRY_VERIFY(blinks.count >= 1);
            QTRY_VERIFY(!timeout.isBlinking()); // and stops again
        }
        QCOMPARE(QGuiApplication::styleHints()->cursorFlashTime(), flashTime);
    }
};

QTEST_MAIN(CaretBlinkTimeoutTest)
#include "CaretBlinkTimeoutTest.moc"
