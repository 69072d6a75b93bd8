// CodeBlockHeader: the strip on top of a rendered code block: its language ("Python") and a
// Copy button that says "Copied" for a moment after a click. It lies over the message's text
// view, in the room the block's first line leaves above itself; the view paints the strip's
// background and the block's frame (see CodeBlockOverlay), so the header itself is transparent.
#pragma once

#include <QWidget>

class QAbstractButton;
class QLabel;
class QTimer;
class QToolButton;

namespace keel::ui {

class CodeBlockHeader : public QWidget {
    Q_OBJECT
public:
    explicit CodeBlockHeader(QWidget* parent = nullptr);

    // The label shown ("Python"); empty for a block whose fence named no language.
    void setLanguage(const QString& label);
    QString language() const;

    QAbstractButton* copyButton() const;
    // "Copied" on the button, back to "Copy" after a moment.
    void showCopied();

Q_SIGNALS:
    void copyRequested();

protected:
    void changeEvent(QEvent* event) override;

private:
    void applyPalette();

    QLabel* m_label;
    QToolButton* m_copy;
    QTimer* m_revert;
};

} // namespace keel::ui
