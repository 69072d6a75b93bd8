// fuzz_http_error: every provider's mapHttpError(head, body, config) on arbitrary responses.
// Input: one byte for the provider ('0' openai, '1' anthropic, '2' gemini, '3' ollama; any byte
// modulo 4), three for the status (ASCII digits give it as written), then optional header lines
// ("name: value"), a blank line and the body; without a blank line it is all body.
// The error must be a usable human message with the real status, and never contain the API key.
#include "FuzzInput.h"
#include "providers/Provider.h"

#include <QByteArrayList>

#include <array>
#include <memory>

using namespace keel::core;

namespace {

constexpr char kApiKey[] = "sk-fuzz-9f8e7d6c5b4a";
constexpr std::array<const char*, 4> kKinds = {"openai", "anthropic", "gemini", "ollama"};

int digit(uint8_t byte)
{
    return uint8_t(byte - '0') % 10;
}

HttpHeaders parseHeaders(QByteArrayView block)
{
    HttpHeaders headers;
    for (const QByteArray& line : block.toByteArray().split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        headers.append({line.first(colon).trimmed().toLower(), line.sliced(colon + 1).trimmed()});
    }
    return headers;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    static const std::array<std::unique_ptr<Provider>, kKinds.size()> providers = [] {
        std::array<std::unique_ptr<Provider>, kKinds.size()> made;
        for (std::size_t i = 0; i < kKinds.size(); ++i) {
            made[i] = createProvider(QString::fromLatin1(kKinds[i]));
            FUZZ_CHECK(made[i], "createProvider(\"%s\") returned nullptr", kKinds[i]);
        }
        return made;
    }();
    if (size < 4)
        return 0;
    const std::size_t which = data[0] % kKinds.size();
    const Provider& provider = *providers[which];

    HttpResponseHead head;
    head.status = digit(data[1]) * 100 + digit(data[2]) * 10 + digit(data[3]);
    QByteArrayView rest(reinterpret_cast<const char*>(data + 4), qsizetype(size - 4));
    if (const qsizetype blank = rest.indexOf("\n\n"); blank >= 0) {
        head.headers = parseHeaders(rest.first(blank));
        rest = rest.sliced(blank + 2);
    }
    const QByteArray body = rest.toByteArray();

    ProviderConfig config;
    config.kind = QString::fromLatin1(kKinds[which]);
    config.baseUrl = QStringLiteral("http://127.0.0.1:9/v1");
    config.apiKey = QString::fromLatin1(kApiKey);
    config.apiKeySource = QStringLiteral("the environment variable FUZZ_API_KEY");

    const TurnError error = provider.mapHttpError(head, body, config);
    FUZZ_CHECK(error.kind != ErrorKind::None, "HTTP %d mapped to kind None", head.status);
    FUZZ_CHECK(error.httpStatus == head.status, "HTTP %d reported as %d", head.status,
               error.httpStatus);
    FUZZ_CHECK(!error.message.trimmed().isEmpty(), "HTTP %d mapped to an empty message",
               head.status);
    FUZZ_CHECK(!error.message.contains(QLatin1String(kApiKey)), "the API key leaked: %s",
               fuzzQuote(error.message).constData());
    FUZZ_CHECK(error.retryAfterMs >= -1, "Retry-After of %lld ms",
               static_cast<long long>(error.retryAfterMs));
    return 0;
}
