// fuzz_mcp_config: mcp.json and other clients' "mcpServers" files (Claude Desktop's) as the user
// pastes or imports them. Promises: no crash or exception on any bytes; an error or a warning is
// human (never empty); what was understood survives Keel's own writer unchanged (write, parse
// again: the same servers, no warnings); the writer never produces a file its parser refuses.
#include "FuzzInput.h"
#include "mcp/McpConfig.h"

using namespace keel::core;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char*>(data), qsizetype(size));
    const McpConfigParse parsed = parseMcpConfig(bytes);
    if (!parsed.ok()) {
        FUZZ_CHECK(!parsed.error.trimmed().isEmpty(), "an empty error");
        FUZZ_CHECK(parsed.servers.isEmpty(), "servers returned with an error");
        return 0;
    }
    for (const QString& warning : parsed.warnings)
        FUZZ_CHECK(!warning.trimmed().isEmpty(), "an empty warning");

    const QByteArray written = mcpConfigToJson(parsed.servers);
    const McpConfigParse again = parseMcpConfig(written);
    FUZZ_CHECK(again.ok(), "Keel's own mcp.json refused: %s", fuzzQuote(again.error).constData());
    FUZZ_CHECK(again.warnings.isEmpty(), "Keel's own mcp.json warned: %s",
               fuzzQuote(again.warnings.join(u'|')).constData());
    FUZZ_CHECK(again.servers == parsed.servers, "%lld servers came back as %lld, or changed",
               static_cast<long long>(parsed.servers.size()),
               static_cast<long long>(again.servers.size()));
    return 0;
}
