// CodeBlocks: how a fenced code block lives in a rendered message's QTextDocument, shared by the
// renderer (StreamingMarkdown, MarkdownImport), the highlighter and the view's code block frames.
// Qt's Markdown importer makes every line of a fenced block a QTextBlock with the
// QTextFormat::BlockCodeFence and BlockCodeLanguage properties; Keel adds a mark on the first line
// (two fenced blocks in a row are otherwise one run of lines), margins that leave room for the
// header and padding, and on the first line the block's exact source text (tabs included, which
// Qt's importer expands).
#pragma once

#include <QString>
#include <QTextBlock>
#include <QTextBlockUserData>
#include <QTextFormat>

#include <utility>

namespace keel::ui {

namespace CodeBlocks {

// Block properties set by Keel on code lines.
constexpr int kStartProperty = QTextFormat::UserProperty + 0x4b00;      // bool: first line
constexpr int kFenceIndexProperty = QTextFormat::UserProperty + 0x4b01; // int, see MarkdownImport

// Geometry, in device-independent pixels (the document scales vertical margins with the DPI).
constexpr int kHeaderHeight = 28; // the language label and Copy button
constexpr int kPadding = 10;      // between the frame and the code, all round
constexpr int kGap = 6;           // between the frame and the text around it
constexpr int kRadius = 8;

bool isCodeLine(const QTextBlock& block);
// The first line of a code block: marked, or after a line that is no code of the same fence.
bool startsCodeBlock(const QTextBlock& block);
// The last line of the code block that starts at `first`.
QTextBlock lastLine(const QTextBlock& first);
// The fence's language word as written ("py"), from the first line.
QString language(const QTextBlock& first);
// Exactly the code of the block starting at `first`: the source text kept on the first line if
// any, else the lines as rendered; no trailing line end.
QString code(const QTextBlock& first);

// Kept on the first line of a code block.
class SourceData : public QTextBlockUserData {
public:
    explicit SourceData(QString source)
        : m_source(std::move(source))
    {
    }
    const QString& source() const { return m_source; }

private:
    QString m_source;
};

} // namespace CodeBlocks

} // namespace keel::ui
