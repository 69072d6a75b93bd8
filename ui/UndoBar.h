// UndoBar: the "Conversation deleted — Undo" strip at the bottom of the sidebar. It stays for a
// while (8 s; tests shorten it), then reports that the chance to undo is gone.
#pragma once

#include <QFrame>
#include <QTimer>

class QLabel;
class QPushButton;

namespace keel::ui {

class UndoBar : public QFrame {
    Q_OBJECT
public:
    explicit UndoBar(QWidget* parent = nullptr);

    // Shows `message` and (re)starts the countdown.
    void showMessage(const QString& message);
    // Hides without reporting anything (the caller already acted).
    void dismiss();
    bool isActive() const { return m_timer.isActive(); }

    void setTimeout(int milliseconds) { m_timer.setInterval(milliseconds); }
    int timeout() const { return m_timer.interval(); }

    QString message() const;
    QPushButton* undoButton() const { return m_undoButton; }

    static constexpr int kDefaultTimeoutMs = 8000;

Q_SIGNALS:
    void undoRequested();
    // The countdown ran out: the deletion is final now.
    void expired();

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QLabel* m_label;
    QPushButton* m_undoButton;
    QTimer m_timer;
};

} // namespace keel::ui
