// TranscriptView: the scrolling column of messages. It follows the bottom while a reply streams,
// unless the user scrolled up to read; scrolling back to the bottom follows again. Messages sit
// in a centred column of readable width. Older messages can be put in front without moving what
// the user is reading (an anchored message keeps its place on screen while the layout settles),
// and nearing the top asks for them. While the user reads above the end, a floating "Jump to
// latest" button at the bottom of the view takes them back to it (and to following it).
#pragma once

#include "core/chat/ChatTypes.h"

#include <QList>
#include <QPointer>
#include <QScrollArea>

class QLabel;
class QPushButton;
class QVBoxLayout;

namespace keel::ui {

class MessageWidget;

class TranscriptView : public QScrollArea {
    Q_OBJECT
public:
    explicit TranscriptView(QWidget* parent = nullptr);

    // Adds an empty message at the end; the caller fills it.
    MessageWidget* addMessage(core::Role role, const QString& author);
    // Adds an empty message before the one at `index` (0: in front of all).
    MessageWidget* insertMessage(int index, core::Role role, const QString& author);
    void removeMessage(MessageWidget* message);
    // Removes the messages from `index` to the end.
    void removeFrom(int index);
    void clear();

    int messageCount() const { return int(m_messages.size()); }
    MessageWidget* messageAt(int index) const { return m_messages.value(index); }
    int indexOf(const MessageWidget* message) const;
    MessageWidget* lastMessage() const
    {
        return m_messages.isEmpty() ? nullptr : m_messages.last();
    }

    bool isFollowingBottom() const { return m_followBottom; }
    // Jumps to the end and follows it again (e.g. after the user sent a message).
    void scrollToBottom();

    // Where the message's top is, in viewport coordinates.
    int viewportY(const MessageWidget* message) const;
    // Keeps `message` with its top at `y` (viewport coordinates) while the content above it
    // changes, until the user scrolls or the view is sent to the bottom.
    void keepInView(MessageWidget* message, int y);
    // Shows the message a little below the top of the view; `highlight` flashes it.
    void revealMessage(MessageWidget* message, bool highlight);
    MessageWidget* anchoredMessage() const { return m_anchor; }
    // Scrolls just enough to show `area` (in `child`'s coordinates, child inside the page) with
    // some room around it; e.g. a match of find in conversation.
    void ensureAreaVisible(const QWidget* child, const QRect& area);

    // Shown while the view does not follow the end and there is more below.
    QPushButton* jumpToLatestButton() const { return m_jumpButton; }

    // Within this many pixels of the top, older messages are asked for.
    static constexpr int kNearTopPx = 600;

Q_SIGNALS:
    // The user is close to the top of what is loaded.
    void nearTop();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void updatePlaceholder();
    void applyAnchor();
    void releaseAnchor();
    void checkNearTop();
    void updateJumpButton();

    QWidget* m_column;
    QVBoxLayout* m_layout;
    QLabel* m_placeholder;
    QPushButton* m_jumpButton;
    QList<MessageWidget*> m_messages;
    bool m_followBottom = true;
    QPointer<MessageWidget> m_anchor;
    int m_anchorY = 0;
    bool m_adjusting = false; // the view itself is moving the scroll bar
};

} // namespace keel::ui
