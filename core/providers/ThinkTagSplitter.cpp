// ThinkTagSplitter: a small state machine over the start of a reply; see the header.
#include "providers/ThinkTagSplitter.h"

#include <algorithm>
#include <utility>

namespace keel::core {

namespace {

// Only the exact lower-case tags the reasoning models emit; "<thinking>" and friends are prose.
constexpr QStringView kOpenTag = u"<think>";
constexpr QStringView kCloseTag = u"</think>";

qsizetype firstNonSpace(QStringView text)
{
    const auto it = std::find_if(text.begin(), text.end(), [](QChar c) { return !c.isSpace(); });
    return it - text.begin();
}

// Length of the longest end of text that is a proper prefix of tag: the characters that could
// still turn into the tag once the next delta arrives.
qsizetype partialTagSuffix(QStringView text, QStringView tag)
{
    for (qsizetype length = std::min(text.size(), tag.size() - 1); length > 0; --length) {
        if (text.last(length) == tag.first(length))
            return length;
    }
    return 0;
}

} // namespace

ThinkTagSplitter::Split ThinkTagSplitter::feed(const QString& text)
{
    Split out;
    if (m_held.isEmpty()) {
        // The steady state of every reply without a think block: no copy, no scan.
        if (m_state == State::Answer) {
            out.text = text;
            return out;
        }
        process(text, out);
        return out;
    }
    const QString input = std::exchange(m_held, QString()) + text;
    process(input, out);
    return out;
}

ThinkTagSplitter::Split ThinkTagSplitter::finish()
{
    Split out;
    switch (m_state) {
    case State::Start:
        // Leading whitespace, or a "<thi" that never became a tag: both are the reply's text.
        out.text = m_held;
        break;
    case State::Reasoning:
        // An unclosed block (the reply was cut off while thinking): a partial "</thi" is
        // reasoning like the rest of it.
        out.reasoning = m_held;
        break;
    case State::ReasoningLeading:
    case State::AnswerLeading:
    case State::Answer:
        // Only whitespace can be held here, and it is what these states drop.
        break;
    }
    m_held.clear();
    m_state = State::Start;
    return out;
}

void ThinkTagSplitter::process(QStringView input, Split& out)
{
    while (!input.isEmpty()) {
        switch (m_state) {
        case State::Start: {
            const QStringView rest = input.sliced(firstNonSpace(input));
            if (rest.startsWith(kOpenTag)) {
                input = rest.sliced(kOpenTag.size());
                m_state = State::ReasoningLeading;
                continue;
            }
            // Still undecided: nothing but whitespace, or the start of what may become <think>.
            if (kOpenTag.startsWith(rest)) {
                m_held = input.toString();
                return;
            }
            m_state = State::Answer;
            out.text += input;
            return;
        }
        case State::ReasoningLeading: {
            const qsizetype start = firstNonSpace(input);
            if (start == input.size()) {
                m_held = input.toString();
                return;
            }
            input = input.sliced(start);
            m_state = State::Reasoning;
            continue;
        }
        case State::Reasoning: {
            if (const qsizetype close = input.indexOf(kCloseTag); close >= 0) {
                out.reasoning += input.first(close);
                input = input.sliced(close + kCloseTag.size());
                m_state = State::AnswerLeading;
                continue;
            }
            const qsizetype keep = partialTagSuffix(input, kCloseTag);
            out.reasoning += input.chopped(keep);
            if (keep > 0)
                m_held = input.last(keep).toString();
            return;
        }
        case State::AnswerLeading: {
            // Whole blank lines go; spaces after the last newline may indent a code block.
            const qsizetype start = firstNonSpace(input);
            if (start == input.size()) {
                m_held = input.toString();
                return;
            }
            input = input.sliced(input.first(start).lastIndexOf(u'\n') + 1);
            m_state = State::Answer;
            continue;
        }
        case State::Answer:
            out.text += input;
            return;
        }
    }
}

} // namespace keel::core
