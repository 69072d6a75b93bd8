// fuzz_ndjson_decoder: NdjsonDecoder on arbitrary bytes in arbitrary chunks. The lines must be
// exactly those of the same stream fed whole, none empty and none holding a '\n'.
#include "FuzzInput.h"
#include "net/NdjsonDecoder.h"

#include <QByteArrayList>

namespace {

using keel::core::NdjsonDecoder;

QByteArrayList decode(const FuzzInput& input, bool chunked)
{
    QByteArrayList lines;
    NdjsonDecoder decoder([&lines](QByteArrayView line) {
        FUZZ_CHECK(!line.isEmpty(), "an empty line was delivered");
        FUZZ_CHECK(!line.contains('\n'), "a line holds a newline");
        lines.append(line.toByteArray());
    });
    if (chunked)
        input.forEachChunk([&decoder](QByteArrayView chunk) { decoder.feed(chunk); });
    else
        decoder.feed(input.payload());
    const bool hadFinalLine = decoder.finish();
    FUZZ_CHECK(decoder.pendingLineBytes() == 0, "finish() left %lld bytes",
               static_cast<long long>(decoder.pendingLineBytes()));
    lines.append(hadFinalLine ? "<final line>" : "<no final line>");
    return lines;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const FuzzInput input(data, size);
    const QByteArrayList chunked = decode(input, true);
    const QByteArrayList whole = decode(input, false);
    FUZZ_CHECK(chunked == whole, "chunked: %lld lines, whole: %lld lines",
               static_cast<long long>(chunked.size()), static_cast<long long>(whole.size()));
    return 0;
}
