// ReplyBody: the content of one message as it happened: text, then the tool cards of a step, then
// the text that came after them, and so on. The text is one string (what the model wrote);
// each group of cards sits at the position in it where its calls were made, which splits the
// text into segments. Each segment is its own MessageTextView, rendered as the body always was
// (Markdown streamed by StreamingMarkdown, or plain text for the user's own words). Streamed text
// always goes to the last segment; an empty segment takes no space.
#pragma once

#include "core/tools/ToolTypes.h"

#include <QBrush>
#include <QList>
#include <QWidget>

#include <memory>
#include <vector>

class QVBoxLayout;

namespace keel::ui {

class MessageTextView;
class StreamingMarkdown;
class ToolCard;

class ReplyBody : public QWidget {
    Q_OBJECT
public:
    enum class Format { Markdown, Plain };

    // `textName`: the accessible name of the text segments ("Reply text").
    ReplyBody(Format format, const QString& textName, QWidget* parent = nullptr);
    ~ReplyBody() override;

    // The whole text; with cards it is split again at their positions.
    void setText(const QString& text);
    void appendText(const QString& chunk);
    const QString& text() const { return m_text; }
    // No text and no cards: nothing to show.
    bool isBlank() const { return m_text.isEmpty() && m_groups.isEmpty(); }

    // Creates the call's card at event.textOffset (clamped to the text so far) or updates it.
    // Returns true when the card is new.
    bool updateToolCall(const core::ToolCallEvent& event);
    // Replaces the cards with a stored reply's calls. Cards of the same calls are kept (so are
    // their open or closed state and, while a call is still going on, its live state).
    void setToolCalls(const QList<core::ToolCallRecord>& records);
    QList<ToolCard*> toolCards() const;
    ToolCard* toolCard(const QString& callId) const;

    MessageTextView* firstTextView() const;
    QList<MessageTextView*> textViews() const;
    // Segments and cards in layout order, empty (hidden) segments included.
    QList<QWidget*> items() const;

    // Rendering of the Markdown segments; applies to what is rendered afterwards.
    void setCodeBackground(const QBrush& brush);
    void setTableBorder(const QBrush& brush);
    // Renders every segment again (the palette changed: code backgrounds are baked in).
    void renderAgain();

Q_SIGNALS:
    void approvalChosen(const QString& callId, keel::core::ToolApproval approval);

private:
    struct Segment;
    struct Group {
        qsizetype offset = 0;
        QList<ToolCard*> cards;
    };

    qsizetype segmentStart(qsizetype index) const;
    qsizetype segmentEnd(qsizetype index) const;
    void addSegment();
    void showSegmentText(qsizetype index, bool force = false);
    void placeCard(ToolCard* card, qsizetype offset);
    ToolCard* createCard();
    void relayout();

    const Format m_format;
    const QString m_textName;
    QVBoxLayout* m_layout;
    QString m_text;
    // Invariant: one more segment than groups; group i sits between segments i and i + 1, at
    // a text offset no smaller than the group before it.
    std::vector<std::unique_ptr<Segment>> m_segments;
    QList<Group> m_groups;
    QBrush m_codeBackground;
    QBrush m_tableBorder;
};

} // namespace keel::ui
