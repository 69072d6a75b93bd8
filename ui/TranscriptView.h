// TranscriptView: the scrolling column of messages. It follows the bottom while a reply streams,
// unless the user scrolled up to read; scrolling back to the bottom follows again. Messages sit
// in a centred column of readable width.
#pragma once

#include "core/chat/ChatTypes.h"

#include <QList>
#include <QScrollArea>

class QLabel;
class QVBoxLayout;

namespace keel::ui {

class MessageWidget;

class TranscriptView : public QScrollArea {
    Q_OBJECT
public:
    explicit TranscriptView(QWidget* parent = nullptr);

    // Adds an empty message at the end; the caller fills it.
    MessageWidget* addMessage(core::Role role, const QString& author);
    void removeMessage(MessageWidget* message);
    void clear();

    int messageCount() const { return int(m_messages.size()); }
    MessageWidget* messageAt(int index) const { return m_messages.value(index); }
    MessageWidget* lastMessage() const
    {
        return m_messages.isEmpty() ? nullptr : m_messages.last();
    }

    bool isFollowingBottom() const { return m_followBottom; }
    // Jumps to the end and follows it again (e.g. after the user sent a message).
    void scrollToBottom();

private:
    void updatePlaceholder();

    QWidget* m_column;
    QVBoxLayout* m_layout;
    QLabel* m_placeholder;
    QList<MessageWidget*> m_messages;
    bool m_followBottom = true;
};

} // namespace keel::ui
