// CaretBlinkTimeout: stops and restarts the caret's blinking application-wide.
#include "ui/CaretBlinkTimeout.h"

#include <QEvent>
#include <QGuiApplication>
#include <QStyleHints>

namespace keel::ui {

CaretBlinkTimeout::CaretBlinkTimeout(int timeoutMs, QObject* parent)
    : QObject(parent)
    , m_flashTimeMs(QGuiApplication::styleHints()->cursorFlashTime())
{
    if (m_flashTimeMs <= 0)
        return; // the platform (or the user) already chose a steady caret
    m_timer.setSingleShot(true);
    m_timer.setInterval(timeoutMs);
    connect(&m_timer, &QTimer::timeout, this, &CaretBlinkTimeout::stopBlinking);
    QCoreApplication::instance()->installEventFilter(this);
    m_timer.start();
}

CaretBlinkTimeout::~CaretBlinkTimeout()
{
    if (m_stopped)
        QGuiApplication::styleHints()->setCursorFlashTime(m_flashTimeMs);
}

bool CaretBlinkTimeout::eventFilter(QObject* watched, QEvent* event)
{
    switch (event->type()) {
    case QEvent::KeyPress:
    case QEvent::InputMethod:
    case QEvent::MouseButtonPress:
    case QEvent::FocusIn:
    case QEvent::WindowActivate:
        userActed();
        break;
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}

void CaretBlinkTimeout::userActed()
{
    // Blinking again before the event reaches the widget, so its caret restarts visible.
    if (m_stopped) {
        m_stopped = false;
        QGuiApplication::styleHints()->setCursorFlashTime(m_flashTimeMs);
    }
    m_timer.start();
}

void CaretBlinkTimeout::stopBlinking()
{
    // Text widgets listen to the flash time: each stops its blink timer, the caret stays shown.
    m_stopped = true;
    QGuiApplication::styleHints()->setCursorFlashTime(0);
}

} // namespace keel::ui
