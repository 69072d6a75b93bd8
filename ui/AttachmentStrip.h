// AttachmentStrip: the attachments of the message being written, as chips above the composer:
// a thumbnail for an image, a file icon, name and size for a text file, details in the tooltip,
// a warning mark when the text was cut off, and a "×" to remove it. Chips are reached with Tab;
// Delete or Backspace removes the focused one. Hidden when empty.
//
// It takes files (the Attach button's dialog, drops) and pasted images, has them read off the
// GUI thread by its AttachmentLoader, refuses more than core::kMaxAttachments, and reports what
// could not be attached through notice(). The window takes attachments() when the message is
// sent and clears the strip only once the message was accepted.
#pragma once

#include "core/chat/Attachment.h"

#include <QImage>
#include <QList>
#include <QPixmap>
#include <QPointer>
#include <QWidget>

class QAbstractButton;
class QLabel;

namespace keel::ui {

class AttachmentLoader;
class FlowLayout;

class AttachmentChip : public QWidget {
    Q_OBJECT
public:
    AttachmentChip(const core::Attachment& attachment, const QImage& thumbnail,
                   const QString& warning, QWidget* parent = nullptr);

    const core::Attachment& attachment() const { return m_attachment; }
    QString warning() const { return m_warning; }
    bool hasThumbnail() const { return !m_thumbnail.isNull(); }
    QAbstractButton* removeButton() const { return m_remove; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override { return sizeHint(); }

Q_SIGNALS:
    void removeRequested();

protected:
    void paintEvent(QPaintEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void focusInEvent(QFocusEvent* event) override;
    void focusOutEvent(QFocusEvent* event) override;

private:
    core::Attachment m_attachment;
    QPixmap m_thumbnail;
    QString m_warning;
    QLabel* m_name;
    QLabel* m_detail;
    QAbstractButton* m_remove;
};

class AttachmentStrip : public QWidget {
    Q_OBJECT
public:
    explicit AttachmentStrip(QWidget* parent = nullptr);

    // Reads the files off the GUI thread; each becomes a chip or a notice.
    void addFiles(const QStringList& paths);
    // A pasted or dropped image, encoded to PNG off the GUI thread.
    void addImage(const QImage& image);
    // The Attach button: a file dialog for images and text or code files (window-modal, no
    // nested event loop); the chosen files go to addFiles.
    void chooseFiles();
    // The Attach button (a paperclip; accessible name "Attach files") that calls chooseFiles.
    QAbstractButton* createAttachButton(QWidget* parent = nullptr);
    // An attachment already read (e.g. kept from elsewhere); `thumbnail` may be null.
    void addAttachment(const core::Attachment& attachment, const QImage& thumbnail = {},
                       const QString& warning = {});

    QList<core::Attachment> attachments() const;
    int count() const { return int(m_chips.size()); }
    bool isEmpty() const { return m_chips.isEmpty(); }
    // Files still being read: sending now would leave them behind.
    bool isLoading() const;
    const QList<AttachmentChip*>& chips() const { return m_chips; }
    void removeAt(int index);
    void clear();
    AttachmentLoader* loader() const { return m_loader; }

Q_SIGNALS:
    // Chips were added or removed, or reading started or ended.
    void changed();
    // Something could not be attached (not an image or text, too big, too many).
    void notice(const QString& text);

private:
    void remove(AttachmentChip* chip);
    // How many more may be attached, counting those still being read.
    int room() const;

    AttachmentLoader* m_loader;
    FlowLayout* m_layout;
    QList<AttachmentChip*> m_chips;
    QPointer<QAbstractButton> m_attachButton; // the chips follow it in the Tab order
};

} // namespace keel::ui
