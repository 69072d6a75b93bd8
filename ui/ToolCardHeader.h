// ToolCardHeader: the header row of a tool card: a disclosure triangle, the tool's name, its
// server in a quieter ink and, at the right, the state of the call ("Running… 12 s"). It is a
// checkable button, checked while the card is expanded; Space and Enter toggle it.
#pragma once

#include <QAbstractButton>

namespace keel::ui {

class ToolCardHeader : public QAbstractButton {
public:
    enum class Tone { Quiet, Attention, Error };

    // Where the card's body starts, under the name (past the triangle).
    static constexpr int kIndent = 19;

    explicit ToolCardHeader(QWidget* parent = nullptr);

    // `spokenState` goes into the accessible name: the state without a clock, so that a screen
    // reader is not told about every second of a running call.
    void setParts(const QString& title, const QString& server, const QString& state,
                  const QString& spokenState, Tone tone);

    const QString& title() const { return m_title; }
    const QString& server() const { return m_server; }
    const QString& state() const { return m_state; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void keyPressEvent(QKeyEvent* event) override;
    void paintEvent(QPaintEvent* event) override;

private:
    QFont titleFont() const;

    QString m_title;
    QString m_server;
    QString m_state;
    Tone m_tone = Tone::Quiet;
};

} // namespace keel::ui
