// fuzz_sse_decoder: SseDecoder on arbitrary bytes in arbitrary chunks. Besides the sanitizers'
// checks, the events, comments and retry values must be exactly those of the same stream fed whole.
#include "FuzzInput.h"
#include "net/SseDecoder.h"

#include <QStringList>

namespace {

using keel::core::SseDecoder;
using keel::core::SseEvent;

// Everything the decoder reported, in order, as one comparable list.
QStringList decode(const FuzzInput& input, bool chunked)
{
    QStringList log;
    SseDecoder decoder(SseDecoder::Handlers{
        [&log](const SseEvent& event) {
            log.append(QStringLiteral("event [%1] [%2] [%3]")
                           .arg(event.type, event.data, event.lastEventId));
        },
        [&log](QByteArrayView comment) {
            log.append(QStringLiteral("comment [%1]").arg(QString::fromLatin1(comment)));
        },
        [&log](int retryMs) {
            FUZZ_CHECK(retryMs >= 0, "negative retry %d", retryMs);
            log.append(QStringLiteral("retry %1").arg(retryMs));
        },
    });
    if (chunked)
        input.forEachChunk([&decoder](QByteArrayView chunk) { decoder.feed(chunk); });
    else
        decoder.feed(input.payload());
    log.append(QStringLiteral("finish %1").arg(decoder.finish()));
    FUZZ_CHECK(decoder.pendingLineBytes() == 0, "finish() left %lld bytes",
               static_cast<long long>(decoder.pendingLineBytes()));
    return log;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const FuzzInput input(data, size);
    const QStringList chunked = decode(input, true);
    const QStringList whole = decode(input, false);
    if (chunked != whole) {
        qsizetype i = 0;
        while (i < chunked.size() && i < whole.size() && chunked[i] == whole[i])
            ++i;
        FUZZ_CHECK(chunked == whole, "chunked and whole differ at entry %lld: [%s] vs [%s]",
                   static_cast<long long>(i),
                   fuzzQuote(chunked.value(i, QStringLiteral("<none>"))).constData(),
                   fuzzQuote(whole.value(i, QStringLiteral("<none>"))).constData());
    }
    return 0;
}
