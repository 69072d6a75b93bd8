// fuzz_mapper_<kind>: a provider's StreamMapper, made through the generic interface
// (createProvider(kind)->createMapper(streaming)), on arbitrary bytes in arbitrary chunks, then
// finish(); both the stream mapper and the whole-response mapper of non-streaming turns. The
// events must not depend on the chunking (adjacent text or reasoning deltas may be split or merged
// differently, their text may not), and every StreamError must be a usable error.
#include "FuzzInput.h"
#include "providers/Provider.h"

#include <QStringList>

#include <memory>
#include <type_traits>

#ifndef KEEL_FUZZ_KIND
#error "KEEL_FUZZ_KIND names the provider kind to fuzz"
#endif

namespace {

using namespace keel::core;

const Provider& provider()
{
    static const std::unique_ptr<Provider> instance =
        createProvider(QStringLiteral(KEEL_FUZZ_KIND));
    FUZZ_CHECK(instance, "createProvider(\"%s\") returned nullptr", KEEL_FUZZ_KIND);
    return *instance;
}

// Appends the events to the log, one line each; consecutive text or reasoning deltas share a line.
void describe(const StreamEvents& events, QStringList& log)
{
    for (const StreamEvent& event : events) {
        std::visit(
            [&log](const auto& e) {
                using T = std::decay_t<decltype(e)>;
                if constexpr (std::is_same_v<T, TextDelta> || std::is_same_v<T, ReasoningDelta>) {
                    const QString tag = std::is_same_v<T, TextDelta> ? QStringLiteral("text ")
                                                                     : QStringLiteral("reasoning ");
                    if (!log.isEmpty() && log.back().startsWith(tag))
                        log.back() += e.text;
                    else
                        log.append(tag + e.text);
                } else if constexpr (std::is_same_v<T, ToolCallDelta>) {
                    log.append(
                        QStringLiteral("tool %1 [%2] [%3] [%4]")
                            .arg(QString::number(e.index), e.id, e.name, e.argumentsFragment));
                } else if constexpr (std::is_same_v<T, UsageEvent>) {
                    log.append(QStringLiteral("usage %1 %2")
                                   .arg(e.usage.inputTokens)
                                   .arg(e.usage.outputTokens));
                } else if constexpr (std::is_same_v<T, FinishEvent>) {
                    log.append(QStringLiteral("finish [%1]").arg(e.reason));
                } else {
                    static_assert(std::is_same_v<T, StreamError>);
                    FUZZ_CHECK(e.error.kind != ErrorKind::None, "StreamError of kind None: %s",
                               fuzzQuote(e.error.message).constData());
                    FUZZ_CHECK(!e.error.message.trimmed().isEmpty(),
                               "StreamError without a message");
                    log.append(QStringLiteral("error %1 %2 %3 [%4]")
                                   .arg(wireName(e.error.kind))
                                   .arg(e.error.httpStatus)
                                   .arg(e.error.retryable)
                                   .arg(e.error.message));
                }
            },
            event);
    }
}

QStringList map(const FuzzInput& input, bool chunked, bool streaming)
{
    const std::unique_ptr<StreamMapper> mapper = provider().createMapper(streaming);
    FUZZ_CHECK(mapper, "createMapper(%d) returned nullptr", int(streaming));
    QStringList log;
    if (chunked)
        input.forEachChunk([&](QByteArrayView chunk) { describe(mapper->feed(chunk), log); });
    else
        describe(mapper->feed(input.payload()), log);
    describe(mapper->finish(), log);
    log.append(QStringLiteral("end of stream %1").arg(mapper->sawEndOfStream()));
    return log;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const FuzzInput input(data, size);
    for (const bool streaming : {true, false}) {
        const QStringList chunked = map(input, true, streaming);
        const QStringList whole = map(input, false, streaming);
        if (chunked != whole) {
            qsizetype i = 0;
            while (i < chunked.size() && i < whole.size() && chunked[i] == whole[i])
                ++i;
            FUZZ_CHECK(chunked == whole, "%s: chunked and whole differ at event %lld: [%s] vs [%s]",
                       streaming ? "stream" : "whole response", static_cast<long long>(i),
                       fuzzQuote(chunked.value(i, QStringLiteral("<none>"))).constData(),
                       fuzzQuote(whole.value(i, QStringLiteral("<none>"))).constData());
        }
    }
    return 0;
}
