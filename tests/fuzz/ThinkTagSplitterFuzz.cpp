// fuzz_think_tags: ThinkTagSplitter on arbitrary UTF-8 text in arbitrary pieces. The result must
// not depend on the pieces, must match a direct (non-streaming) reading of the same rules, and
// finish() must release everything and leave the splitter as good as new.
#include "FuzzInput.h"
#include "providers/ThinkTagSplitter.h"

#include <QStringDecoder>

#include <algorithm>

namespace {

using keel::core::ThinkTagSplitter;

struct Result {
    QString text;
    QString reasoning;
    bool operator==(const Result&) const = default;
};

void append(Result& result, const ThinkTagSplitter::Split& split)
{
    result.text += split.text;
    result.reasoning += split.reasoning;
}

QStringView skipSpace(QStringView text)
{
    const auto it = std::find_if(text.begin(), text.end(), [](QChar c) { return !c.isSpace(); });
    return text.sliced(it - text.begin());
}

// The rules read off the whole reply at once: a <think> that opens the reply (after whitespace)
// starts reasoning, up to </think> or the end, without its leading whitespace; the answer after
// </think> loses its leading blank lines; a reply that does not open with <think> is all text.
Result expected(const QString& input)
{
    constexpr QStringView open = u"<think>";
    constexpr QStringView close = u"</think>";
    const QStringView start = skipSpace(input);
    if (!start.startsWith(open))
        return {input, {}};
    Result result;
    const QStringView inside = skipSpace(start.sliced(open.size()));
    const qsizetype end = inside.indexOf(close);
    if (end < 0) {
        result.reasoning = inside.toString();
        return result;
    }
    result.reasoning = inside.first(end).toString();
    const QStringView after = inside.sliced(end + close.size());
    const qsizetype blank = after.size() - skipSpace(after).size();
    if (blank < after.size())
        result.text = after.sliced(after.first(blank).lastIndexOf(u'\n') + 1).toString();
    return result;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const FuzzInput input(data, size);

    // Pieces as a stream delivers them: UTF-8 cut anywhere, decoded statefully (an incomplete
    // character at the very end is never emitted, so `whole` is what the pieces add up to).
    ThinkTagSplitter splitter;
    Result chunked;
    QString whole;
    QStringDecoder decoder(QStringDecoder::Utf8);
    input.forEachChunk([&](QByteArrayView chunk) {
        const QString piece = decoder(chunk);
        whole += piece;
        append(chunked, splitter.feed(piece));
    });
    append(chunked, splitter.finish());

    const qsizetype outputSize = chunked.text.size() + chunked.reasoning.size();
    FUZZ_CHECK(outputSize <= whole.size(), "%lld characters out of %lld",
               static_cast<long long>(outputSize), static_cast<long long>(whole.size()));

    const Result reference = expected(whole);
    FUZZ_CHECK(chunked == reference, "text [%s] reasoning [%s], expected text [%s] reasoning [%s]",
               fuzzQuote(chunked.text).constData(), fuzzQuote(chunked.reasoning).constData(),
               fuzzQuote(reference.text).constData(), fuzzQuote(reference.reasoning).constData());

    // The same splitter after finish(), fed everything at once.
    Result again;
    append(again, splitter.feed(whole));
    append(again, splitter.finish());
    FUZZ_CHECK(again == reference, "after finish(): text [%s] reasoning [%s]",
               fuzzQuote(again.text).constData(), fuzzQuote(again.reasoning).constData());
    return 0;
}
