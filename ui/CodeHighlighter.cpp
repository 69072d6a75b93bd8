// CodeHighlighter: applies CodeLexer's spans to the code lines of a message's document.
#include "ui/CodeHighlighter.h"

#include "ui/CodeBlocks.h"
#include "ui/CodeLanguages.h"

#include <QTextDocument>

#include <algorithm>

namespace keel::ui {

CodeHighlighter::CodeHighlighter(QTextDocument* document)
    : QSyntaxHighlighter(document)
{
    buildFormats(codeColours(themePalette(core::Theme::Light, QPalette())));
}

void CodeHighlighter::setColours(const CodeColours& colours)
{
    buildFormats(colours);
    // Each block highlighted anew is laid out again at once, which over a long reply costs time
    // proportional to the square of its length. With a null page size the layout rests, and
    // wakes to one pass over the whole document.
    QTextDocument* highlighted = document();
    if (highlighted == nullptr)
        return;
    const QSizeF pageSize = highlighted->pageSize();
    highlighted->setPageSize(QSizeF(0, 0));
    rehighlight();
    highlighted->setPageSize(pageSize);
}

void CodeHighlighter::buildFormats(const CodeColours& c)
{
    auto set = [this](CodeToken token, const QColor& colour) {
        QTextCharFormat format;
        format.setForeground(colour);
        m_formats.at(size_t(token)) = format;
    };
    set(CodeToken::Keyword, c.keyword);
    set(CodeToken::Type, c.type);
    set(CodeToken::Literal, c.literal);
    set(CodeToken::String, c.string);
    set(CodeToken::Number, c.number);
    set(CodeToken::Comment, c.comment);
    set(CodeToken::Function, c.function);
    set(CodeToken::Meta, c.meta);
    set(CodeToken::Tag, c.tag);
    set(CodeToken::Attribute, c.attribute);
    set(CodeToken::Key, c.key);
    set(CodeToken::Variable, c.variable);
    set(CodeToken::Added, c.added);
    set(CodeToken::Removed, c.removed);
    set(CodeToken::Hunk, c.hunk);
    set(CodeToken::DiffHeader, c.hunk);
    m_formats.at(size_t(CodeToken::Added)).setBackground(c.addedBackground);
    m_formats.at(size_t(CodeToken::Removed)).setBackground(c.removedBackground);
    m_formats.at(size_t(CodeToken::Hunk)).setBackground(c.hunkBackground);
    m_formats.at(size_t(CodeToken::DiffHeader)).setFontWeight(QFont::Bold);
}

void CodeHighlighter::highlightBlock(const QString& text)
{
    const QTextBlock block = currentBlock();
    if (!CodeBlocks::isCodeLine(block)) {
        setCurrentBlockState(-1);
        return;
    }
    const CodeLanguage* language =
        findCodeLanguage(block.blockFormat().stringProperty(QTextFormat::BlockCodeLanguage));
    if (language == nullptr) {
        setCurrentBlockState(-1);
        return;
    }
    // What the previous line left open carries over only within one code block.
    int state =
        CodeBlocks::startsCodeBlock(block) ? CodeLexer::Normal : std::max(0, previousBlockState());
    const QList<CodeSpan> spans = CodeLexer::lexLine(*language, text, state);
    for (const CodeSpan& span : spans)
        setFormat(int(span.start), int(span.length), m_formats.at(size_t(span.token)));
    setCurrentBlockState(state);
}

} // namespace keel::ui
