// fuzz_models_<kind>: a provider's model-list parser (createProvider(kind)->parseModels(body)) on
// arbitrary bodies. A page is either models or an error with a message; never a crash.
#include "FuzzInput.h"
#include "providers/Provider.h"

#include <memory>

#ifndef KEEL_FUZZ_KIND
#error "KEEL_FUZZ_KIND names the provider kind to fuzz"
#endif

using namespace keel::core;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    static const std::unique_ptr<Provider> provider =
        createProvider(QStringLiteral(KEEL_FUZZ_KIND));
    FUZZ_CHECK(provider, "createProvider(\"%s\") returned nullptr", KEEL_FUZZ_KIND);

    // The whole input is the body: no chunking here, parseModels gets the complete response.
    const QByteArray body(reinterpret_cast<const char*>(data), qsizetype(size));
    const ModelPage page = provider->parseModels(body);
    if (page.error) {
        FUZZ_CHECK(page.error->kind != ErrorKind::None, "error of kind None: %s",
                   fuzzQuote(page.error->message).constData());
        FUZZ_CHECK(!page.error->message.trimmed().isEmpty(), "error without a message");
    }
    return 0;
}
