// TranscriptFinder: "find in conversation" over the loaded messages of a TranscriptView. It
// searches the text as shown (the rendered Markdown of replies, the user's words, and a reply's
// reasoning while its Thinking section is open), case-insensitively; highlights every match with
// QTextEdit extra selections (the current one stronger) and scrolls the current one into view.
// Widgets it found matches in may go away at any time (a branch switch): matches are kept by
// QPointer and refresh() searches again.
#pragma once

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

namespace keel::ui {

class MessageTextView;
class TranscriptView;

class TranscriptFinder : public QObject {
    Q_OBJECT
public:
    explicit TranscriptFinder(TranscriptView* transcript, QObject* parent = nullptr);

    // More matches than this are not counted (a one-letter search of a long conversation).
    static constexpr int kMaxMatches = 5000;

    // Searches for `query` (empty: clears); the current match is the first one at or below the
    // top of the view, which is scrolled to it.
    void setQuery(const QString& query);
    QString query() const { return m_query; }
    int matchCount() const { return int(m_matches.size()); }
    bool isCapped() const { return m_capped; }
    // 0-based; -1 when there is no match.
    int currentIndex() const { return m_current; }

    // Moves to the next (previous) match, round the end, and scrolls it into view.
    void next();
    void previous();
    // The transcript changed: searches again, keeping the current match if it is still there,
    // without moving the view.
    void refresh();
    // Forgets the query and removes every highlight.
    void clear();

    // Where the current match is: its view and its character range (null view: none).
    MessageTextView* currentView() const;
    int currentStart() const;
    int currentEnd() const;

Q_SIGNALS:
    // The matches or the current one changed.
    void resultsChanged();

private:
    struct Match {
        QPointer<MessageTextView> view;
        int start = 0;
        int end = 0;
    };

    void search();
    void highlight();
    void showCurrent();
    int firstVisibleMatch() const;
    int contentY(const Match& match) const;

    TranscriptView* m_transcript;
    QString m_query;
    QList<Match> m_matches;
    int m_current = -1;
    bool m_capped = false;
    QList<QPointer<MessageTextView>> m_highlighted; // views that carry our selections
};

} // namespace keel::ui
