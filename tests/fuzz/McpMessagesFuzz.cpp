// fuzz_mcp_messages: what an MCP server prints on stdout, through the client's whole parse:
// McpLineSplitter (in the chunks the plan byte gives, and whole), parseMcpMessage on each line,
// then the payload parser each message would reach (initialize, tools/list pages, tools/call
// results, progress notifications).
// Promises: the same lines whatever the chunking; a malformed line says why; nothing throws; a
// request can be answered (it keeps its id); a listed tool always has a name.
#include "FuzzInput.h"
#include "mcp/McpMessages.h"

using namespace keel::core;

namespace {

void parsePayloads(const McpMessage& message)
{
    switch (message.kind) {
    case McpMessageKind::Response: {
        const McpInitializeResult initialize = parseMcpInitializeResult(message.result);
        FUZZ_CHECK(!initialize.error.isEmpty() || !initialize.protocolVersion.isEmpty(),
                   "an initialize result accepted without a protocol version");
        const McpToolsPage page = parseMcpToolsPage(message.result, QStringLiteral("fuzz"));
        for (const ToolSpec& tool : page.tools)
            FUZZ_CHECK(!tool.name.isEmpty(), "a listed tool without a name");
        const ToolResult result = parseMcpToolResult(message.result);
        (void)result;
        (void)mcpJsonText(message.result);
        break;
    }
    case McpMessageKind::ErrorResponse:
        FUZZ_CHECK(!message.errorMessage.isNull(), "an error response without a message");
        break;
    case McpMessageKind::Notification:
    case McpMessageKind::Request: {
        // An empty method is still a method (JSON-RPC only asks for a string): a request for it
        // is answered "Method not found", so what must hold is that it can be answered at all.
        FUZZ_CHECK(message.kind != McpMessageKind::Request || !message.rawId.is_null(),
                   "a request without the id its answer needs");
        const McpProgress progress = parseMcpProgress(message.params);
        FUZZ_CHECK(!progress.ok || progress.total == -1 || progress.total >= 0, "progress total %f",
                   progress.total);
        break;
    }
    case McpMessageKind::Malformed:
        FUZZ_CHECK(!message.problem.trimmed().isEmpty(), "a malformed line without a reason");
        break;
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const FuzzInput input(data, size);
    constexpr qsizetype kMaxLine = 4096; // small, so that the fuzzer reaches the over-long path

    McpLineSplitter whole(kMaxLine);
    QList<QByteArray> expected = whole.append(input.payload().toByteArray());
    const QByteArray expectedRest = whole.takeRest();
    const QList<qsizetype> expectedDropped = whole.takeDropped();

    McpLineSplitter chunked(kMaxLine);
    QList<QByteArray> lines;
    input.forEachChunk([&](QByteArrayView chunk) { lines += chunked.append(chunk.toByteArray()); });
    FUZZ_CHECK(lines == expected, "%lld lines chunked, %lld whole",
               static_cast<long long>(lines.size()), static_cast<long long>(expected.size()));
    FUZZ_CHECK(chunked.takeRest() == expectedRest, "a different unterminated rest when chunked");
    FUZZ_CHECK(chunked.takeDropped() == expectedDropped, "different over-long lines when chunked");

    for (const QByteArray& line : lines) {
        FUZZ_CHECK(line.size() <= kMaxLine + 1, "a line of %lld bytes got through",
                   static_cast<long long>(line.size()));
        parsePayloads(parseMcpMessage(line));
    }
    if (!expectedRest.isEmpty())
        parsePayloads(parseMcpMessage(expectedRest));
    return 0;
}
