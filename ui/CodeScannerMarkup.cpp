// CodeScanner, continued: the scanners of markup and data formats: HTML and XML (tags,
// attributes, comments and tags that run over several lines), CSS and SCSS (selectors outside
// braces, properties inside, brace depth kept across lines), YAML (keys, scalars, anchors) and
// diffs (whole lines).
#include "ui/CodeLanguages.h"
#include "ui/CodeScanner.h"

#include <algorithm>

namespace keel::ui {

void CodeScanner::markup()
{
    while (m_pos < m_size) {
        if (m_state == CodeLexer::MarkupComment) {
            if (!closeOpenConstruct(u"-->", CodeToken::Comment, m_pos))
                return;
            continue;
        }
        if (m_state == CodeLexer::MarkupTag) {
            insideTag();
            continue;
        }
        const QChar c = m_line[m_pos];
        if (c == u'<' && m_line.mid(m_pos).startsWith(u"<!--")) {
            openConstruct(u"-->", m_pos + 4, CodeToken::Comment, CodeLexer::MarkupComment);
        } else if (c == u'<' && (at(m_pos + 1) == u'!' || at(m_pos + 1) == u'?')) {
            const qsizetype close = find(u">", m_pos);
            const qsizetype end = close < 0 ? m_size : close + 1;
            add(m_pos, end, CodeToken::Meta);
            m_pos = end;
        } else if (c == u'<') {
            qsizetype name = m_pos + 1;
            if (at(name) == u'/')
                ++name;
            if (isIdentifierStart(at(name))) {
                qsizetype end = name;
                while (isNameChar(at(end)))
                    ++end;
                add(name, end, CodeToken::Tag);
                m_pos = end;
                m_state = CodeLexer::MarkupTag;
            } else {
                ++m_pos;
            }
        } else if (c == u'&') {
            qsizetype end = m_pos + 1;
            while (at(end).isLetterOrNumber() || at(end) == u'#')
                ++end;
            if (at(end) == u';' && end > m_pos + 1) {
                add(m_pos, end + 1, CodeToken::Literal);
                m_pos = end + 1;
            } else {
                ++m_pos;
            }
        } else {
            ++m_pos;
        }
    }
}

// Attributes and values up to the end of the tag, which may come on a later line.
void CodeScanner::insideTag()
{
    const QChar c = m_line[m_pos];
    if (c == u'>') {
        ++m_pos;
        m_state = CodeLexer::Normal;
    } else if (c == u'/' && at(m_pos + 1) == u'>') {
        m_pos += 2;
        m_state = CodeLexer::Normal;
    } else if (c == u'"' || c == u'\'') {
        const qsizetype close = m_line.indexOf(c, m_pos + 1);
        const qsizetype end = close < 0 ? m_size : close + 1;
        add(m_pos, end, CodeToken::String);
        m_pos = end;
    } else if (c == u'=') {
        m_pos = nextNonSpace(m_pos + 1);
        const QChar value = at(m_pos);
        if (!value.isNull() && value != u'"' && value != u'\'' && value != u'>') {
            qsizetype end = m_pos;
            while (end < m_size && !m_line[end].isSpace() && m_line[end] != u'>')
                ++end;
            add(m_pos, end, CodeToken::String);
            m_pos = end;
        }
    } else if (isNameChar(c)) {
        qsizetype end = m_pos;
        while (isNameChar(at(end)))
            ++end;
        add(m_pos, end, CodeToken::Attribute);
        m_pos = end;
    } else {
        ++m_pos;
    }
}

void CodeScanner::css()
{
    int depth = m_state >> CodeLexer::kDepthShift;
    m_state &= CodeLexer::kInnerMask;
    if (m_state == CodeLexer::BlockComment && !closeOpenConstruct(u"*/", CodeToken::Comment)) {
        m_state |= depth << CodeLexer::kDepthShift;
        return;
    }
    m_state = CodeLexer::Normal;
    bool declarationStart = true; // a property name may come next
    while (m_pos < m_size) {
        const QChar c = m_line[m_pos];
        const QChar next = at(m_pos + 1);
        if (c.isSpace()) {
            ++m_pos;
        } else if (c == u'/' && next == u'*') {
            openConstruct(u"*/", m_pos + 2, CodeToken::Comment, CodeLexer::BlockComment);
        } else if (m_language.slashComments && c == u'/' && next == u'/') {
            restOfLine(CodeToken::Comment);
        } else if (c == u'{' || c == u'}' || c == u';') {
            if (c == u'{')
                depth = std::min(depth + 1, 0xFFFF);
            else if (c == u'}')
                depth = std::max(depth - 1, 0);
            declarationStart = true;
            ++m_pos;
        } else if (c == u'"' || c == u'\'') {
            quoted(m_pos, m_pos);
        } else if (c == u'@' && isIdentifierStart(next)) {
            cssWord(m_pos + 1, CodeToken::Keyword);
        } else if (c == u'$' && isIdentifierStart(next)) {
            cssWord(m_pos + 1, CodeToken::Variable);
        } else if (c == u'!' && isIdentifierStart(next)) {
            cssWord(m_pos + 1, CodeToken::Keyword);
        } else if (c == u'#' && depth > 0 && next.isLetterOrNumber()) {
            cssWord(m_pos + 1, CodeToken::Number); // a colour
        } else if ((c == u'#' || c == u'.') && depth == 0 && isIdentifierStart(next)) {
            cssWord(m_pos + 1, CodeToken::Tag);
        } else if (c.isDigit() || ((c == u'.' || c == u'-') && next.isDigit())) {
            qsizetype end = m_pos + 1;
            while (at(end).isLetterOrNumber() || at(end) == u'.' || at(end) == u'%')
                ++end;
            add(m_pos, end, CodeToken::Number);
            m_pos = end;
        } else if (isIdentifierStart(c) || c == u'-') {
            qsizetype end = m_pos;
            while (isIdentifierChar(at(end)) || at(end) == u'-')
                ++end;
            CodeToken token = CodeToken::Tag;
            bool known = depth == 0;
            if (depth > 0 && declarationStart && at(nextNonSpace(end)) == u':') {
                token = CodeToken::Attribute;
                known = true;
            } else if (at(end) == u'(') {
                token = CodeToken::Function;
                known = true;
            }
            if (known)
                add(m_pos, end, token);
            m_pos = end;
            declarationStart = false;
        } else {
            ++m_pos;
        }
    }
    m_state |= depth << CodeLexer::kDepthShift;
}

void CodeScanner::cssWord(qsizetype from, CodeToken token)
{
    qsizetype end = from;
    while (isIdentifierChar(at(end)) || at(end) == u'-')
        ++end;
    add(m_pos, end, token);
    m_pos = end;
}

void CodeScanner::yaml()
{
    if (m_line.startsWith(u"---") || m_line.startsWith(u"...")) {
        restOfLine(CodeToken::Meta);
        return;
    }
    m_pos = nextNonSpace(0);
    // "- " items, possibly nested on one line ("- - a").
    while (at(m_pos) == u'-' && (at(m_pos + 1).isSpace() || at(m_pos + 1).isNull()))
        m_pos = nextNonSpace(m_pos + 1);
    if (at(m_pos) == u'#') {
        restOfLine(CodeToken::Comment);
        return;
    }
    const qsizetype colon = yamlKeyEnd();
    if (colon >= 0) {
        add(m_pos, colon, CodeToken::Key);
        m_pos = nextNonSpace(colon + 1);
    }
    yamlValue();
}

// The end of a "key:" at m_pos (the colon's index), or -1.
qsizetype CodeScanner::yamlKeyEnd() const
{
    const QChar first = at(m_pos);
    if (first == u'"' || first == u'\'') {
        const qsizetype close = m_line.indexOf(first, m_pos + 1);
        if (close > 0 && at(close + 1) == u':'
            && (at(close + 2).isNull() || at(close + 2).isSpace()))
            return close + 1;
        return -1;
    }
    for (qsizetype i = m_pos; i < m_size; ++i) {
        const QChar c = m_line[i];
        if (c == u'#' && i > m_pos && m_line[i - 1].isSpace())
            return -1;
        if (c == u':' && (at(i + 1).isNull() || at(i + 1).isSpace()))
            return i > m_pos ? i : -1;
        if (c == u'{' || c == u'[' || c == u'"' || c == u'\'')
            return -1;
    }
    return -1;
}

void CodeScanner::yamlValue()
{
    const QChar c = at(m_pos);
    if (c.isNull())
        return;
    if (c == u'#') {
        restOfLine(CodeToken::Comment);
        return;
    }
    if (c == u'"' || c == u'\'') {
        const qsizetype close = m_line.indexOf(c, m_pos + 1);
        const qsizetype end = close < 0 ? m_size : close + 1;
        add(m_pos, end, CodeToken::String);
        m_pos = nextNonSpace(end);
        if (at(m_pos) == u'#')
            restOfLine(CodeToken::Comment);
        return;
    }
    if (c == u'&' || c == u'*' || c == u'!') {
        qsizetype end = m_pos + 1;
        while (end < m_size && !m_line[end].isSpace())
            ++end;
        add(m_pos, end, c == u'!' ? CodeToken::Type : CodeToken::Variable);
        m_pos = nextNonSpace(end);
        yamlValue();
        return;
    }
    if (c == u'|' || c == u'>') {
        restOfLine(CodeToken::Meta);
        return;
    }
    // A plain scalar runs to a " #" comment.
    qsizetype end = m_pos;
    while (end < m_size && !(m_line[end] == u'#' && m_line[end - 1].isSpace()))
        ++end;
    qsizetype valueEnd = end;
    while (valueEnd > m_pos && m_line[valueEnd - 1].isSpace())
        --valueEnd;
    const QStringView value = m_line.mid(m_pos, valueEnd - m_pos);
    bool isNumber = false;
    static_cast<void>(value.toDouble(&isNumber));
    CodeToken token = CodeToken::String;
    if (isNumber)
        token = CodeToken::Number;
    else if (contains(m_language.literals, value) || value == u"~")
        token = CodeToken::Literal;
    add(m_pos, valueEnd, token);
    m_pos = end;
    if (m_pos < m_size)
        restOfLine(CodeToken::Comment);
}

void CodeScanner::diff()
{
    static constexpr QStringView kHeaders[] = {
        u"diff ",    u"index ",       u"+++ ",       u"--- ",    u"+++\t",    u"---\t",
        u"new file", u"deleted file", u"similarity", u"rename ", u"old mode", u"new mode",
    };
    for (QStringView header : kHeaders) {
        if (m_line.startsWith(header)) {
            restOfLine(CodeToken::DiffHeader);
            return;
        }
    }
    if (m_line.startsWith(u"@@"))
        restOfLine(CodeToken::Hunk);
    else if (m_line.startsWith(u'+'))
        restOfLine(CodeToken::Added);
    else if (m_line.startsWith(u'-'))
        restOfLine(CodeToken::Removed);
}
} // namespace keel::ui
