// QuietButton: a small text button for secondary actions in the transcript (Copy, Edit,
// Regenerate, the version arrows). Muted text, a soft background only under the pointer, a focus
// ring only for keyboard focus; it lines up with body text instead of looking like a form field.
#pragma once

#include <QAbstractButton>

namespace keel::ui {

class QuietButton : public QAbstractButton {
    Q_OBJECT
public:
    explicit QuietButton(const QString& text, QWidget* parent = nullptr);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override { return sizeHint(); }

    // Space left and right of the text.
    static constexpr int kPadding = 6;

protected:
    void paintEvent(QPaintEvent* event) override;
    // While dormant the button keeps its place (and its place in the tab order) but draws
    // nothing, unless it has focus.
    virtual bool isDormant() const { return false; }
};

} // namespace keel::ui
