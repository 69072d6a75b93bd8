// TranscriptFinder: searching the transcript's text views, highlighting and showing matches.
#include "ui/TranscriptFinder.h"

#include "ui/MessageTextView.h"
#include "ui/MessageWidget.h"
#include "ui/ReplyBody.h"
#include "ui/TranscriptView.h"

#include <QScrollBar>
#include <QTextCursor>
#include <QTextDocument>

#include <algorithm>

namespace keel::ui {

namespace {

// Readable over light and dark pages: a translucent marker for every match, an opaque one with
// dark ink for the current match.
QColor matchFill()
{
    return QColor(255, 213, 0, 110);
}

QColor currentFill()
{
    return QColor(255, 150, 0);
}

QTextCursor cursorFor(MessageTextView* view, int start, int end)
{
    QTextCursor cursor(view->document());
    cursor.setPosition(start);
    cursor.setPosition(end, QTextCursor::KeepAnchor);
    return cursor;
}

} // namespace

TranscriptFinder::TranscriptFinder(TranscriptView* transcript, QObject* parent)
    : QObject(parent)
    , m_transcript(transcript)
{
}

void TranscriptFinder::setQuery(const QString& query)
{
    m_query = query;
    search();
    m_current = firstVisibleMatch();
    highlight();
    showCurrent();
    Q_EMIT resultsChanged();
}

void TranscriptFinder::next()
{
    if (m_matches.isEmpty())
        return;
    m_current = (m_current + 1) % int(m_matches.size());
    highlight();
    showCurrent();
    Q_EMIT resultsChanged();
}

void TranscriptFinder::previous()
{
    if (m_matches.isEmpty())
        return;
    const int count = int(m_matches.size());
    m_current = (m_current - 1 + count) % count;
    highlight();
    showCurrent();
    Q_EMIT resultsChanged();
}

void TranscriptFinder::refresh()
{
    if (m_query.isEmpty())
        return;
    const Match before = m_current >= 0 ? m_matches.at(m_current) : Match{};
    const int beforeIndex = m_current;
    search();
    m_current = -1;
    for (qsizetype i = 0; i < m_matches.size() && before.view; ++i) {
        const Match& match = m_matches.at(i);
        if (match.view == before.view && match.start == before.start) {
            m_current = int(i);
            break;
        }
    }
    if (m_current < 0 && !m_matches.isEmpty())
        m_current = std::clamp(beforeIndex, 0, int(m_matches.size()) - 1);
    highlight();
    Q_EMIT resultsChanged();
}

void TranscriptFinder::clear()
{
    m_query.clear();
    m_matches.clear();
    m_current = -1;
    m_capped = false;
    highlight();
    Q_EMIT resultsChanged();
}

MessageTextView* TranscriptFinder::currentView() const
{
    return m_current >= 0 ? m_matches.at(m_current).view.data() : nullptr;
}

int TranscriptFinder::currentStart() const
{
    return m_current >= 0 ? m_matches.at(m_current).start : -1;
}

int TranscriptFinder::currentEnd() const
{
    return m_current >= 0 ? m_matches.at(m_current).end : -1;
}

void TranscriptFinder::search()
{
    m_matches.clear();
    m_capped = false;
    if (m_query.isEmpty())
        return;
    for (int i = 0; i < m_transcript->messageCount(); ++i) {
        MessageWidget* message = m_transcript->messageAt(i);
        // As read from top to bottom: the reasoning (only while it is shown), then the text.
        QList<MessageTextView*> views{message->reasoningView()};
        views += message->replyBody()->textViews();
        for (MessageTextView* view : std::as_const(views)) {
            if (!view->isVisibleTo(message))
                continue;
            // Without FindCaseSensitively, QTextDocument::find ignores case.
            QTextCursor found = view->document()->find(m_query, 0);
            while (!found.isNull()) {
                if (m_matches.size() >= kMaxMatches) {
                    m_capped = true;
                    return;
                }
                m_matches.append({view, found.selectionStart(), found.selectionEnd()});
                found = view->document()->find(m_query, found);
            }
        }
    }
}

void TranscriptFinder::highlight()
{
    QList<QPointer<MessageTextView>> views;
    for (const Match& match : std::as_const(m_matches)) {
        if (match.view && !views.contains(match.view))
            views.append(match.view);
    }
    // Views that had matches and have none now lose their marks.
    for (const QPointer<MessageTextView>& view : std::as_const(m_highlighted)) {
        if (view && !views.contains(view))
            view->setExtraSelections({});
    }
    for (const QPointer<MessageTextView>& view : std::as_const(views)) {
        QList<QTextEdit::ExtraSelection> selections;
        for (qsizetype i = 0; i < m_matches.size(); ++i) {
            const Match& match = m_matches.at(i);
            if (match.view != view)
                continue;
            QTextEdit::ExtraSelection selection;
            selection.cursor = cursorFor(view, match.start, match.end);
            if (i == m_current) {
                selection.format.setBackground(currentFill());
                selection.format.setForeground(QColor(Qt::black));
            } else {
                selection.format.setBackground(matchFill());
            }
            selections.append(selection);
        }
        view->setExtraSelections(selections);
    }
    m_highlighted = views;
}

void TranscriptFinder::showCurrent()
{
    if (m_current < 0)
        return;
    const Match& match = m_matches.at(m_current);
    if (!match.view)
        return;
    QRect area = match.view->cursorRect(cursorFor(match.view, match.start, match.start));
    area = area.united(match.view->cursorRect(cursorFor(match.view, match.end, match.end)));
    m_transcript->ensureAreaVisible(match.view->viewport(), area);
}

int TranscriptFinder::contentY(const Match& match) const
{
    const QRect area = match.view->cursorRect(cursorFor(match.view, match.start, match.start));
    return match.view->viewport()->mapTo(m_transcript->widget(), area.topLeft()).y();
}

int TranscriptFinder::firstVisibleMatch() const
{
    if (m_matches.isEmpty())
        return -1;
    // The first match from the top of what the user sees; when all are above it, the nearest.
    const int top = m_transcript->verticalScrollBar()->value();
    for (qsizetype i = 0; i < m_matches.size(); ++i) {
        if (m_matches.at(i).view && contentY(m_matches.at(i)) >= top)
            return int(i);
    }
    return int(m_matches.size()) - 1;
}

} // namespace keel::ui
