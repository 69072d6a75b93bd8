// CodeLexer: cuts one line of code into highlighted spans, for a language of CodeLanguages. It is
// widget-free and works line by line, as QSyntaxHighlighter does: whatever a line leaves open (a
// block comment, a triple-quoted or backtick string, an HTML comment or tag, CSS braces) is an
// int state handed to the next line. One pass over the line, no regular expressions (see
// CodeScanner).
#pragma once

#include <QList>
#include <QStringView>

namespace keel::ui {

struct CodeLanguage;

enum class CodeToken {
    Keyword,
    Type,    // types and builtins
    Literal, // true, None, nullptr, HTML entities
    String,
    Number,
    Comment,
    Function,  // a name followed by "(", a Rust macro
    Meta,      // preprocessor directives, decorators, annotations, <!DOCTYPE>
    Tag,       // HTML/XML tag names, CSS selectors
    Attribute, // HTML/XML attributes, CSS properties
    Key,       // JSON and YAML keys
    Variable,  // shell and SCSS variables, YAML anchors
    Added,     // diff
    Removed,
    Hunk,
    DiffHeader,
    Count
};

struct CodeSpan {
    qsizetype start = 0;
    qsizetype length = 0;
    CodeToken token = CodeToken::Keyword;
};

class CodeLexer {
public:
    // What a line leaves open (0 = nothing). CSS keeps its brace depth above these bits.
    enum State : int {
        Normal = 0,
        BlockComment = 1,
        TripleDouble = 2,
        TripleSingle = 3,
        Backtick = 4,
        MarkupComment = 5,
        MarkupTag = 6,
    };
    static constexpr int kInnerMask = 0xF;
    static constexpr int kDepthShift = 4;

    // The spans of one line (without its line end), in order and not overlapping. `state` is the
    // state the previous line left (Normal for the first line of a block); on return, this line's.
    static QList<CodeSpan> lexLine(const CodeLanguage& language, QStringView line, int& state);
};

} // namespace keel::ui
