// CodeScanner: shared helpers and the generic scanner, which reads C, C++, Python, JavaScript,
// TypeScript, JSON, shell, Rust, Go, Java and SQL as its language's switches tell it.
#include "ui/CodeScanner.h"

#include "ui/CodeLanguages.h"

#include <algorithm>

namespace keel::ui {

bool CodeScanner::contains(const QStringList& sorted, QStringView word)
{
    return std::binary_search(sorted.cbegin(), sorted.cend(), word,
                              [](QStringView a, QStringView b) { return a.compare(b) < 0; });
}

CodeScanner::CodeScanner(const CodeLanguage& language, QStringView line, int state)
    : m_language(language)
    , m_line(line)
    , m_size(line.size())
    , m_state(state)
{
}

QList<CodeSpan> CodeScanner::run()
{
    switch (m_language.syntax) {
    case CodeSyntax::Generic:
        generic();
        break;
    case CodeSyntax::Markup:
        markup();
        break;
    case CodeSyntax::Css:
        css();
        break;
    case CodeSyntax::Yaml:
        m_state = CodeLexer::Normal; // nothing a YAML line opens is highlighted further
        yaml();
        break;
    case CodeSyntax::Diff:
        m_state = CodeLexer::Normal;
        diff();
        break;
    }
    return m_spans;
}

// Ends what the previous line left open; false when it takes the whole line.
bool CodeScanner::closeOpenConstruct(QStringView closing, CodeToken token, qsizetype from)
{
    const qsizetype end = find(closing, from);
    if (end < 0) {
        restOfLine(token);
        return false;
    }
    add(m_pos, end + closing.size(), token);
    m_pos = end + closing.size();
    m_state = CodeLexer::Normal;
    return true;
}

// An opening at m_pos of something that may run to a later line.
void CodeScanner::openConstruct(QStringView closing, qsizetype searchFrom, CodeToken token,
                                int state)
{
    const qsizetype end = find(closing, searchFrom);
    if (end < 0) {
        restOfLine(token);
        m_state = state;
        return;
    }
    add(m_pos, end + closing.size(), token);
    m_pos = end + closing.size();
}

qsizetype CodeScanner::closingBacktick(qsizetype from) const
{
    for (qsizetype i = from; i < m_size; ++i) {
        if (m_language.backtickEscapes && m_line[i] == u'\\')
            ++i;
        else if (m_line[i] == u'`')
            return i;
    }
    return -1;
}

bool CodeScanner::resumeGeneric()
{
    switch (m_state) {
    case CodeLexer::BlockComment:
        return closeOpenConstruct(u"*/", CodeToken::Comment);
    case CodeLexer::TripleDouble:
        return closeOpenConstruct(u"\"\"\"", CodeToken::String);
    case CodeLexer::TripleSingle:
        return closeOpenConstruct(u"'''", CodeToken::String);
    case CodeLexer::Backtick: {
        const qsizetype end = closingBacktick(0);
        if (end < 0) {
            restOfLine(CodeToken::String);
            return false;
        }
        add(0, end + 1, CodeToken::String);
        m_pos = end + 1;
        m_state = CodeLexer::Normal;
        return true;
    }
    default:
        m_state = CodeLexer::Normal;
        return true;
    }
}

void CodeScanner::generic()
{
    if (!resumeGeneric())
        return;
    if (m_language.preprocessor)
        directive();
    while (m_pos < m_size) {
        const QChar c = m_line[m_pos];
        const QChar next = at(m_pos + 1);
        if (c.isSpace()) {
            ++m_pos;
        } else if (m_language.slashComments && c == u'/' && next == u'/') {
            restOfLine(CodeToken::Comment);
        } else if (m_language.slashComments && c == u'/' && next == u'*') {
            openConstruct(u"*/", m_pos + 2, CodeToken::Comment, CodeLexer::BlockComment);
        } else if ((m_language.hashComments && c == u'#')
                   || (m_language.shellComments && c == u'#'
                       && (m_pos == 0 || at(m_pos - 1).isSpace() || at(m_pos - 1) == u';'))
                   || (m_language.dashComments && c == u'-' && next == u'-')) {
            restOfLine(CodeToken::Comment);
        } else if (c == u'\'' && m_language.lifetimes && isIdentifierStart(next)
                   && at(m_pos + 2) != u'\'') {
            qsizetype end = m_pos + 1;
            while (isIdentifierChar(at(end)))
                ++end;
            add(m_pos, end, CodeToken::Type);
            m_pos = end;
        } else if (c == u'"' || c == u'\'') {
            quoted(m_pos, m_pos);
        } else if (c == u'`' && m_language.backtickStrings) {
            const qsizetype end = closingBacktick(m_pos + 1);
            if (end < 0) {
                restOfLine(CodeToken::String);
                m_state = CodeLexer::Backtick;
            } else {
                add(m_pos, end + 1, CodeToken::String);
                m_pos = end + 1;
            }
        } else if (c.isDigit() || (c == u'.' && next.isDigit())) {
            number();
        } else if (m_language.variables && c == u'$' && variable() > 0) {
            // consumed
        } else if (m_language.annotations && c == u'@' && isIdentifierStart(next)) {
            qsizetype end = m_pos + 1;
            while (isIdentifierChar(at(end)) || (at(end) == u'.' && isIdentifierStart(at(end + 1))))
                ++end;
            add(m_pos, end, CodeToken::Meta);
            m_pos = end;
        } else if (isIdentifierStart(c)) {
            word();
        } else {
            ++m_pos;
        }
    }
}

// "#include <vector>", "#define X": the directive is Meta, an included <file> a string.
void CodeScanner::directive()
{
    qsizetype i = nextNonSpace(0);
    if (at(i) != u'#')
        return;
    qsizetype end = nextNonSpace(i + 1);
    while (isIdentifierChar(at(end)))
        ++end;
    add(i, end, CodeToken::Meta);
    const QStringView name = m_line.mid(i, end - i);
    m_pos = end;
    if (name.endsWith(u"include") || name.endsWith(u"import")) {
        const qsizetype open = nextNonSpace(end);
        if (at(open) == u'<') {
            const qsizetype close = find(u">", open);
            const qsizetype stop = close < 0 ? m_size : close + 1;
            add(open, stop, CodeToken::String);
            m_pos = stop;
        }
    }
}

// A string from `start` (a prefix such as r or f may come first) whose quote is at `quote`.
void CodeScanner::quoted(qsizetype start, qsizetype quote)
{
    const QChar q = m_line[quote];
    if (m_language.tripleQuotes && (q == u'"' || m_language.singleQuoteTriple) && at(quote + 1) == q
        && at(quote + 2) == q) {
        m_pos = start;
        openConstruct(q == u'"' ? QStringView(u"\"\"\"") : QStringView(u"'''"), quote + 3,
                      CodeToken::String,
                      q == u'"' ? CodeLexer::TripleDouble : CodeLexer::TripleSingle);
        return;
    }
    const bool escapes = !(m_language.rawSingleQuotes && q == u'\'');
    qsizetype pieceStart = start;
    qsizetype i = quote + 1;
    bool closed = false;
    while (i < m_size) {
        const QChar c = m_line[i];
        if (escapes && c == u'\\') {
            i += 2;
        } else if (c == q) {
            if (m_language.doubledQuoteEscapes && at(i + 1) == q) {
                i += 2;
                continue;
            }
            ++i;
            closed = true;
            break;
        } else if (m_language.variables && q == u'"' && c == u'$') {
            // "$HOME/bin": the variable stands out inside the string.
            m_pos = i;
            add(pieceStart, i, CodeToken::String);
            if (variable() > 0) {
                pieceStart = i = m_pos;
            } else {
                pieceStart = i;
                ++i;
            }
        } else {
            ++i;
        }
    }
    const qsizetype end = std::min(i, m_size);
    CodeToken token = CodeToken::String;
    if (m_language.keysBeforeColon && closed && at(nextNonSpace(end)) == u':')
        token = CodeToken::Key;
    add(pieceStart, end, token);
    m_pos = end;
}

void CodeScanner::number()
{
    qsizetype i = m_pos;
    const QChar base = at(i + 1).toLower();
    if (m_line[i] == u'0' && (base == u'x' || base == u'b' || base == u'o')) {
        i += 2;
    } else {
        while (at(i).isDigit() || at(i) == u'_'
               || (at(i) == u'\'' && m_language.preprocessor && at(i + 1).isDigit()))
            ++i;
        if (at(i) == u'.' && at(i + 1).isDigit()) {
            ++i;
            while (at(i).isDigit() || at(i) == u'_')
                ++i;
        }
        const QChar sign = at(i + 1);
        if ((at(i) == u'e' || at(i) == u'E')
            && (sign.isDigit() || ((sign == u'+' || sign == u'-') && at(i + 2).isDigit())))
            i += 2;
    }
    while (isIdentifierChar(at(i))) // digits, hex digits, suffixes (10u, 1.5f, 3i64)
        ++i;
    add(m_pos, i, CodeToken::Number);
    m_pos = i;
}

// $NAME, ${NAME...}, $1, $?, $( at m_pos; returns the length taken (0: a lone "$").
qsizetype CodeScanner::variable()
{
    const qsizetype start = m_pos;
    qsizetype end = start + 1;
    const QChar c = at(end);
    if (c == u'{') {
        const qsizetype close = find(u"}", end);
        end = close < 0 ? m_size : close + 1;
    } else if (c == u'(') {
        end += 1;
    } else if (isIdentifierStart(c)) {
        while (isIdentifierChar(at(end)))
            ++end;
    } else if (c.isDigit() || (!c.isNull() && QStringView(u"?@#$!*-").contains(c))) {
        end += 1;
    } else {
        return 0;
    }
    add(start, end, CodeToken::Variable);
    m_pos = end;
    return end - start;
}

void CodeScanner::word()
{
    qsizetype end = m_pos;
    while (isIdentifierChar(at(end)))
        ++end;
    const QStringView word = m_line.mid(m_pos, end - m_pos);
    const QChar after = at(end);
    if (m_language.stringPrefixes && (after == u'"' || after == u'\'') && word.size() <= 2
        && std::all_of(word.begin(), word.end(),
                       [](QChar c) { return QStringView(u"rRbBfFuU").contains(c); })) {
        quoted(m_pos, end);
        return;
    }
    const QString lower = m_language.caseInsensitive ? word.toString().toLower() : QString();
    const QStringView key = m_language.caseInsensitive ? QStringView(lower) : word;
    bool known = true;
    CodeToken token = CodeToken::Keyword;
    if (m_language.macros && after == u'!' && at(end + 1) != u'=') {
        token = CodeToken::Function;
        ++end;
    } else if (contains(m_language.keywords, key)) {
        token = CodeToken::Keyword;
    } else if (contains(m_language.types, key)) {
        token = CodeToken::Type;
    } else if (contains(m_language.literals, key)) {
        token = CodeToken::Literal;
    } else if (m_language.capitalizedTypes && word.front().isUpper()) {
        token = CodeToken::Type;
    } else if (m_language.functionCalls && at(nextNonSpace(end)) == u'(') {
        token = CodeToken::Function;
    } else {
        known = false;
    }
    if (known)
        add(m_pos, end, token);
    m_pos = end;
}
} // namespace keel::ui
