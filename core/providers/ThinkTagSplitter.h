// ThinkTagSplitter: separates the reasoning that local reasoning models (DeepSeek-R1 distills,
// QwQ, Qwen3 on Ollama, llama.cpp, vLLM...) write inline as "<think>...</think>" at the start of
// their reply from the answer, for text deltas split anywhere, including inside a tag.
#pragma once

#include <QString>
#include <QStringView>

namespace keel::core {

class ThinkTagSplitter {
public:
    struct Split {
        QString text;
        QString reasoning; // always precedes text when a Split holds both
    };

    // The next delta of the reply. Only a possible tag prefix at its end (at most a few
    // characters) and invisible leading whitespace are held back for the next call.
    Split feed(const QString& text);
    // End of the reply: releases what was held back and resets for a new reply. An unclosed
    // <think> block stays reasoning; a tag prefix that never completed is text.
    Split finish();

private:
    enum class State {
        Start,            // nothing but whitespace yet: a <think> may still open the reply
        ReasoningLeading, // just after <think>: blank lines are dropped
        Reasoning,        // inside the block, looking for </think>
        AnswerLeading,    // just after </think>: blank lines are dropped
        Answer,           // everything else passes through untouched
    };

    void process(QStringView input, Split& out);

    State m_state = State::Start;
    QString m_held;
};

} // namespace keel::core
