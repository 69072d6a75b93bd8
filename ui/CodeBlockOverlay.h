// CodeBlockOverlay: the frames and headers (language label, Copy) of the fenced code blocks in
// one text view. It follows the document: a change forgets the code blocks from the changed
// position on, and once the layout has caught up they are found again and their headers placed.
// While a reply streams, changes start at the unfinished tail, so the cost of a delta does not
// grow with the reply; only a new width (or a whole new text) places every header again. Headers
// are reused in order, so the header of a block that is still streaming keeps its widget (and
// its keyboard focus).
#pragma once

#include <QObject>
#include <QRectF>

#include <vector>

class QPainter;
class QRect;
class QTextEdit;

namespace keel::ui {

class CodeBlockHeader;

class CodeBlockOverlay : public QObject {
    Q_OBJECT
public:
    // Headers are children of the view's viewport.
    explicit CodeBlockOverlay(QTextEdit* view);

    int count() const;
    CodeBlockHeader* header(int index) const;
    // Exactly the code of a block (see CodeBlocks::code).
    QString code(int index) const;
    // The fence's language word ("py").
    QString language(int index) const;
    // The frame around a block, header included, in document coordinates.
    QRectF frame(int index) const;

    // Paints the frames that meet `exposed` (viewport coordinates).
    void paint(QPainter& painter, const QRect& exposed) const;
    // Places every header again (the view's width changed).
    void relayout();

    // Code blocks found again since construction, for tests of incrementality.
    int rescannedBlocks() const { return m_rescanned; }

private:
    struct Entry {
        int start = 0; // position of the first line
        int end = 0;   // position of the last line's end
        QRectF frame;
        CodeBlockHeader* header = nullptr;
    };

    void documentChanged(int from, int removed, int added);
    void catchUp();
    void rescan();
    void place(size_t from);
    CodeBlockHeader* takeHeader();
    void copy(const CodeBlockHeader* header);
    qreal scale() const;

    QTextEdit* m_view;
    std::vector<Entry> m_entries;          // in document order
    std::vector<CodeBlockHeader*> m_spare; // headers not in use, next to be reused first
    int m_scanFrom = -1;                   // find code blocks again from here; -1: nothing to find
    size_t m_placeFrom = 0;                // entries from here on need placing
    bool m_catchingUp = false;
    int m_rescanned = 0;
};

} // namespace keel::ui
