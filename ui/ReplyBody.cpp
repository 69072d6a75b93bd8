// ReplyBody: text segments and tool cards of one message, in the order they happened.
#include "ui/ReplyBody.h"

#include "ui/MessageTextView.h"
#include "ui/StreamingMarkdown.h"
#include "ui/ToolCard.h"

#include <QHash>
#include <QVBoxLayout>

#include <algorithm>

namespace keel::ui {

struct ReplyBody::Segment {
    MessageTextView* view = nullptr;             // a child of the body
    std::unique_ptr<StreamingMarkdown> markdown; // Markdown segments only
    QString plain;                               // the text of a plain segment

    const QString& shown() const { return markdown ? markdown->text() : plain; }
};

ReplyBody::ReplyBody(Format format, const QString& textName, QWidget* parent)
    : QWidget(parent)
    , m_format(format)
    , m_textName(textName)
    , m_layout(new QVBoxLayout(this))
{
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(6);
    addSegment();
    relayout();
}

ReplyBody::~ReplyBody() = default;

void ReplyBody::addSegment()
{
    auto segment = std::make_unique<Segment>();
    segment->view = new MessageTextView(this);
    segment->view->setAccessibleName(m_textName);
    segment->view->hide(); // until it has text
    if (m_format == Format::Markdown) {
        segment->view->enableCodeBlocks();
        segment->markdown = std::make_unique<StreamingMarkdown>(segment->view->document());
        segment->markdown->setCodeBackground(m_codeBackground);
        segment->markdown->setTableBorder(m_tableBorder);
    }
    m_segments.push_back(std::move(segment));
}

qsizetype ReplyBody::segmentStart(qsizetype index) const
{
    return index == 0 ? 0 : std::min(m_groups.at(index - 1).offset, m_text.size());
}

qsizetype ReplyBody::segmentEnd(qsizetype index) const
{
    return index == m_groups.size() ? m_text.size()
                                    : std::min(m_groups.at(index).offset, m_text.size());
}

void ReplyBody::showSegmentText(qsizetype index, bool force)
{
    Segment& segment = *m_segments.at(size_t(index));
    const qsizetype start = segmentStart(index);
    const QString text = m_text.mid(start, std::max<qsizetype>(0, segmentEnd(index) - start));
    // Unchanged text is not rendered again: it would only cost time and move the selection.
    if (force || text != segment.shown()) {
        if (segment.markdown) {
            segment.markdown->setText(text);
        } else {
            segment.plain = text;
            segment.view->setPlainText(text);
        }
    }
    segment.view->setVisible(!text.isEmpty());
}

void ReplyBody::setText(const QString& text)
{
    if (text == m_text)
        return;
    m_text = text;
    for (Group& group : m_groups)
        group.offset = std::min(group.offset, m_text.size());
    for (qsizetype i = 0; i < qsizetype(m_segments.size()); ++i)
        showSegmentText(i);
}

void ReplyBody::appendText(const QString& chunk)
{
    if (chunk.isEmpty())
        return;
    m_text += chunk;
    Segment& last = *m_segments.back();
    if (last.markdown) {
        // Only the last segment grows, and only its unfinished tail is rendered again.
        last.markdown->append(chunk);
        last.view->show();
    } else {
        showSegmentText(qsizetype(m_segments.size()) - 1);
    }
}

ToolCard* ReplyBody::createCard()
{
    auto* card = new ToolCard(this);
    connect(card, &ToolCard::approvalChosen, this, &ReplyBody::approvalChosen);
    return card;
}

bool ReplyBody::updateToolCall(const core::ToolCallEvent& event)
{
    if (ToolCard* card = toolCard(event.call.id)) {
        card->setEvent(event);
        return false;
    }
    ToolCard* card = createCard();
    card->setEvent(event);
    placeCard(card, event.textOffset);
    return true;
}

void ReplyBody::placeCard(ToolCard* card, qsizetype offset)
{
    offset = std::clamp<qsizetype>(offset, 0, m_text.size());
    // Calls made at the same point (the parallel calls of a step) sit together.
    for (qsizetype i = m_groups.size() - 1; i >= 0; --i) {
        if (m_groups.at(i).offset == offset) {
            m_groups[i].cards.append(card);
            relayout();
            return;
        }
    }
    // Otherwise the segment holding the offset is split there. While streaming the offset is
    // the end of the text, so the split leaves the last segment as it is and starts an empty
    // one for the text still to come.
    const qsizetype index = std::count_if(m_groups.cbegin(), m_groups.cend(),
                                          [offset](const Group& g) { return g.offset < offset; });
    m_groups.insert(index, Group{offset, {card}});
    addSegment();
    std::rotate(m_segments.begin() + index + 1, m_segments.end() - 1, m_segments.end());
    showSegmentText(index);
    showSegmentText(index + 1);
    relayout();
}

void ReplyBody::setToolCalls(const QList<core::ToolCallRecord>& records)
{
    QHash<QString, ToolCard*> previous;
    for (ToolCard* card : toolCards())
        previous.insert(card->callId(), card);

    QList<core::ToolCallRecord> ordered = records;
    std::stable_sort(ordered.begin(), ordered.end(),
                     [](const core::ToolCallRecord& a, const core::ToolCallRecord& b) {
                         return a.textOffset < b.textOffset;
                     });
    QList<Group> groups;
    for (const core::ToolCallRecord& record : std::as_const(ordered)) {
        ToolCard* card = previous.take(record.call.id);
        const bool unfinished = record.state == core::ToolCallState::AwaitingApproval
                                || record.state == core::ToolCallState::Running;
        if (card == nullptr)
            card = createCard();
        // A call still going on knows better than a record written while it ran.
        if (!(card->isLive() && unfinished))
            card->setRecord(record);
        const qsizetype offset = std::clamp<qsizetype>(record.textOffset, 0, m_text.size());
        if (!groups.isEmpty() && groups.last().offset == offset)
            groups.last().cards.append(card);
        else
            groups.append(Group{offset, {card}});
    }
    for (ToolCard* card : std::as_const(previous)) {
        card->hide();
        card->deleteLater(); // later: this may run in reply to one of its own signals
    }
    m_groups = groups;

    while (m_segments.size() > size_t(m_groups.size()) + 1) {
        std::unique_ptr<Segment> segment = std::move(m_segments.back());
        m_segments.pop_back();
        segment->markdown.reset();
        delete segment->view;
    }
    while (m_segments.size() < size_t(m_groups.size()) + 1)
        addSegment();
    for (qsizetype i = 0; i < qsizetype(m_segments.size()); ++i)
        showSegmentText(i);
    relayout();
}

void ReplyBody::relayout()
{
    while (QLayoutItem* item = m_layout->takeAt(0))
        delete item; // the widget stays
    for (size_t i = 0; i < m_segments.size(); ++i) {
        m_layout->addWidget(m_segments.at(i)->view);
        if (qsizetype(i) < m_groups.size()) {
            for (ToolCard* card : std::as_const(m_groups.at(qsizetype(i)).cards))
                m_layout->addWidget(card);
        }
    }
}

QList<ToolCard*> ReplyBody::toolCards() const
{
    QList<ToolCard*> cards;
    for (const Group& group : m_groups)
        cards += group.cards;
    return cards;
}

ToolCard* ReplyBody::toolCard(const QString& callId) const
{
    for (const Group& group : m_groups) {
        for (ToolCard* card : group.cards) {
            if (card->callId() == callId)
                return card;
        }
    }
    return nullptr;
}

MessageTextView* ReplyBody::firstTextView() const
{
    return m_segments.front()->view;
}

QList<MessageTextView*> ReplyBody::textViews() const
{
    QList<MessageTextView*> views;
    for (const auto& segment : m_segments)
        views.append(segment->view);
    return views;
}

QList<QWidget*> ReplyBody::items() const
{
    QList<QWidget*> widgets;
    for (int i = 0; i < m_layout->count(); ++i) {
        if (QWidget* widget = m_layout->itemAt(i)->widget())
            widgets.append(widget);
    }
    return widgets;
}

void ReplyBody::setCodeBackground(const QBrush& brush)
{
    m_codeBackground = brush;
    for (const auto& segment : m_segments) {
        if (segment->markdown)
            segment->markdown->setCodeBackground(brush);
    }
}

void ReplyBody::setTableBorder(const QBrush& brush)
{
    m_tableBorder = brush;
    for (const auto& segment : m_segments) {
        if (segment->markdown)
            segment->markdown->setTableBorder(brush);
    }
}

void ReplyBody::renderAgain()
{
    for (qsizetype i = 0; i < qsizetype(m_segments.size()); ++i)
        showSegmentText(i, true);
}

} // namespace keel::ui
