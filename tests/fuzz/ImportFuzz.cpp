// fuzz_import: ImportReader on arbitrary bytes (Keel JSON, ChatGPT and Claude exports, anything
// else). Besides the sanitizers' checks: a failure leaves no batch and says "Nothing was
// imported."; a batch converts to Keel JSON that imports again, and from then on export ->
// import -> export gives the same bytes (from the first export on for a Keel file, whose
// trees the Keel reader made). A plan byte with bit 3 set cancels at the first progress report
// and must give the cancelled error, nothing else.
#include "FuzzInput.h"
#include "transfer/ImportReader.h"
#include "transfer/KeelJson.h"

#include <atomic>

namespace {

using namespace keel::core;

const QString Name = QStringLiteral("fuzz.json");

void checkFailure(const ImportReadResult& result)
{
    FUZZ_CHECK(!result.batch, "a failed read returned a batch: %s",
               fuzzQuote(result.error.message).constData());
    FUZZ_CHECK(!result.error.message.isEmpty(), "a failed read without a message");
    FUZZ_CHECK(result.error.cancelled
                   || result.error.message.endsWith(QLatin1String("Nothing was imported.")),
               "error does not end the documented way: %s",
               fuzzQuote(result.error.message).constData());
}

std::optional<ImportBatch> reimport(const QByteArray& bytes, const char* what)
{
    const ImportReadResult again = readImportData(bytes, Name);
    FUZZ_CHECK(again.batch.has_value(), "the %s export does not import: %s", what,
               fuzzQuote(again.error.message).constData());
    return again.batch;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const FuzzInput input(data, size);
    const QByteArray bytes = input.payload().toByteArray();
    const bool cancelEarly = size > 0 && (data[0] & 8) != 0;

    std::atomic_bool cancel = false;
    TransferProgress progress;
    progress.cancel = &cancel;
    qint64 lastDone = -1;
    progress.report = [&](qint64 done, qint64 total) {
        FUZZ_CHECK(done >= lastDone, "progress went back from %lld to %lld",
                   static_cast<long long>(lastDone), static_cast<long long>(done));
        FUZZ_CHECK(total == bytes.size(), "total %lld, not the size %lld",
                   static_cast<long long>(total), static_cast<long long>(bytes.size()));
        lastDone = done;
        if (cancelEarly && done > 0)
            cancel = true;
    };

    const ImportReadResult result = readImportData(bytes, Name, progress);
    if (cancelEarly && cancel) {
        FUZZ_CHECK(!result.batch && result.error.cancelled, "a cancelled read did not say so");
        return 0;
    }
    if (!result.batch) {
        checkFailure(result);
        return 0;
    }
    FUZZ_CHECK(result.error.ok(), "a batch with an error: %s",
               fuzzQuote(result.error.message).constData());
    qint64 messages = 0;
    for (const ConversationTree& tree : result.batch->conversations)
        messages += tree.messages.size();
    FUZZ_CHECK(messages == result.batch->messageCount, "messageCount %lld, trees hold %lld",
               static_cast<long long>(result.batch->messageCount),
               static_cast<long long>(messages));

    const QByteArray first = keelJson(result.batch->conversations);
    const auto second = reimport(first, "first");
    FUZZ_CHECK(second->conversations.size() == result.batch->conversations.size(),
               "the export holds %lld conversations, not %lld",
               static_cast<long long>(second->conversations.size()),
               static_cast<long long>(result.batch->conversations.size()));
    FUZZ_CHECK(second->messageCount == messages, "the export holds %lld messages, not %lld",
               static_cast<long long>(second->messageCount), static_cast<long long>(messages));
    const QByteArray secondBytes = keelJson(second->conversations);
    if (result.batch->source == ImportSource::Keel) {
        FUZZ_CHECK(secondBytes == first, "Keel export -> import -> export changed the bytes");
        return 0;
    }
    const auto third = reimport(secondBytes, "second");
    FUZZ_CHECK(keelJson(third->conversations) == secondBytes,
               "export -> import -> export changed the bytes");
    return 0;
}
