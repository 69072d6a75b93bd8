// Composer: where the user types. Enter sends (submitted), Shift+Enter starts a new line (or,
// with the Ctrl+Enter setting, Ctrl+Enter sends and Enter starts a new line); it grows from one
// to about eight lines and scrolls beyond that.
#pragma once

#include <QPlainTextEdit>

namespace keel::ui {

class Composer : public QPlainTextEdit {
    Q_OBJECT
public:
    explicit Composer(QWidget* parent = nullptr);

    void setCtrlEnterSends(bool ctrlEnter);
    bool ctrlEnterSends() const { return m_ctrlEnterSends; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

    static constexpr int kMaximumLines = 8;

Q_SIGNALS:
    // Enter was pressed on a text that is not blank. The composer keeps the text: the receiver
    // clears it once the message was accepted, so nothing typed is lost.
    void submitted(const QString& text);

protected:
    void keyPressEvent(QKeyEvent* event) override;

private:
    int heightForLines(int lines) const;
    void updateHeight();

    int m_height = 0;
    bool m_ctrlEnterSends = false;
};

} // namespace keel::ui
