// FindBar: the strip above the transcript for finding text in the open conversation (Ctrl+F):
// a field, "3 of 12", previous and next (Shift+Enter / Enter, Shift+F3 / F3) and close (Esc,
// after which the window returns focus to the composer). Searching and highlighting are
// TranscriptFinder's; the bar searches again when the transcript changes (refresh()).
#pragma once

#include <QTimer>
#include <QWidget>

class QAbstractButton;
class QLabel;
class QLineEdit;
class QShortcut;

namespace keel::ui {

class TranscriptFinder;
class TranscriptView;

class FindBar : public QWidget {
    Q_OBJECT
public:
    explicit FindBar(TranscriptView* transcript, QWidget* parent = nullptr);

    // Shows the bar (or, when shown, goes back to it) with the field focused and its text
    // selected, and searches again.
    void open();
    // Hides the bar and removes the highlights (-> dismissed).
    void dismiss();
    // The transcript changed: searches again once the current burst of changes is over.
    void refresh();

    TranscriptFinder* finder() const { return m_finder; }
    QLineEdit* field() const { return m_field; }
    QLabel* countLabel() const { return m_count; }
    QAbstractButton* previousButton() const { return m_previous; }
    QAbstractButton* nextButton() const { return m_next; }
    QAbstractButton* closeButton() const { return m_close; }

Q_SIGNALS:
    void dismissed();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void updateCount();

    TranscriptFinder* m_finder;
    QLineEdit* m_field;
    QLabel* m_count;
    QAbstractButton* m_previous;
    QAbstractButton* m_next;
    QAbstractButton* m_close;
    QShortcut* m_findNext;
    QShortcut* m_findPrevious;
    QTimer m_refresh;
};

} // namespace keel::ui
