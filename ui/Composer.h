// Composer: where the user types. Enter sends (submitted), Shift+Enter starts a new line (or,
// with the Ctrl+Enter setting, Ctrl+Enter sends and Enter starts a new line); it grows from one
// to about eight lines and scrolls beyond that. With attachments accepted, dropped or pasted
// files and images become attachments (filesDropped / imagePasted) instead of text. Up in the
// empty composer asks to edit the last message sent (editLastRequested).
#pragma once

#include <QImage>
#include <QPlainTextEdit>
#include <QStringList>

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

    // Off by default (the editor of a sent message takes text only).
    void setAcceptsAttachments(bool accepts) { m_acceptsAttachments = accepts; }
    // Enter sends also without text (the message has attachments).
    void setSubmitsEmpty(bool submitsEmpty) { m_submitsEmpty = submitsEmpty; }
    // Public so that the window and tests can hand mime data over as a paste or drop does.
    bool canInsertFromMimeData(const QMimeData* source) const override;
    void insertFromMimeData(const QMimeData* source) override;

Q_SIGNALS:
    // Enter was pressed on a text that is not blank (or on any, with setSubmitsEmpty). The
    // composer keeps the text: the receiver clears it once the message was accepted, so nothing
    // typed is lost.
    void submitted(const QString& text);
    // Local files or an image were dropped or pasted (with attachments accepted).
    void filesDropped(const QStringList& paths);
    void imagePasted(const QImage& image);
    // Up was pressed in the empty composer: the user wants to edit the last message they sent.
    void editLastRequested();

protected:
    void keyPressEvent(QKeyEvent* event) override;

private:
    int heightForLines(int lines) const;
    void updateHeight();

    int m_height = 0;
    bool m_ctrlEnterSends = false;
    bool m_acceptsAttachments = false;
    bool m_submitsEmpty = false;
};

} // namespace keel::ui
