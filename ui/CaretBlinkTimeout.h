// CaretBlinkTimeout: the text caret stops blinking after a while without input, as GNOME's
// cursor-blink-timeout does, so that an open window with nothing happening wakes nobody up.
// A blinking caret is a 500 ms timer in Qt's text widgets that never stops while they have focus;
// here the application's cursor flash time goes to 0 (a steady caret) after timeoutMs without a
// key, click or focus change, and back to the platform's value at the next one.
#pragma once

#include <QObject>
#include <QTimer>

namespace keel::ui {

class CaretBlinkTimeout : public QObject {
    Q_OBJECT
public:
    static constexpr int kDefaultTimeoutMs = 10'000;

    // Watches the whole application (an event filter on it); needs a QGuiApplication.
    explicit CaretBlinkTimeout(int timeoutMs = kDefaultTimeoutMs, QObject* parent = nullptr);
    ~CaretBlinkTimeout() override; // blinking as before

    bool isBlinking() const { return !m_stopped; }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void stopBlinking();
    void userActed();

    QTimer m_timer;
    int m_flashTimeMs = 0; // the platform's; 0: it never blinked, nothing to do
    bool m_stopped = false;
};

} // namespace keel::ui
