// CliOutput: the JSON shapes follow MCP's own content pieces, so scripts that know MCP read
// them without a table of Keel's names.
#include "CliOutput.h"

#include <cmath>

namespace keel::app {

using json = OrderedJson;

namespace {

template <typename Json>
void writeLine(const Json& object)
{
    // Invalid UTF-8 cannot come from a QString, but replace rather than throw just in case.
    const std::string line = object.dump(-1, ' ', false, Json::error_handler_t::replace);
    writeOut(stdout, QByteArray::fromStdString(line + '\n'));
}

} // namespace

void writeOut(FILE* stream, const QByteArray& bytes)
{
    std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), stream);
    std::fflush(stream); // the user sees each token as it comes, even through a pipe
}

void writeJsonLine(const nlohmann::json& object)
{
    writeLine(object);
}

void writeJsonLine(const OrderedJson& object)
{
    writeLine(object);
}

void printCliError(const QString& message)
{
    writeOut(stderr, "keel: " + message.toUtf8() + '\n');
}

std::string utf8(const QString& text)
{
    return text.toStdString();
}

json jsonNumber(double value)
{
    if (value < 0 || !std::isfinite(value))
        return nullptr;
    if (value == std::floor(value) && value < 9.0e15)
        return static_cast<qint64>(value);
    return value;
}

json jsonFromText(const QString& text)
{
    const std::string bytes = utf8(text);
    json parsed = json::parse(bytes, nullptr, false);
    if (parsed.is_discarded())
        return bytes;
    return parsed;
}

json toolContentJson(const core::ToolResult& result)
{
    using Kind = core::ToolContent::Kind;
    json pieces = json::array();
    for (const core::ToolContent& piece : result.content) {
        json entry;
        switch (piece.kind) {
        case Kind::Text:
            entry = {{"type", "text"}, {"text", utf8(piece.text)}};
            break;
        case Kind::Image:
        case Kind::Audio:
            entry = {{"type", piece.kind == Kind::Image ? "image" : "audio"},
                     {"mimeType", utf8(piece.mimeType)},
                     {"data", piece.data.toBase64().toStdString()}};
            break;
        case Kind::Resource: {
            json resource = {{"uri", utf8(piece.uri)}};
            if (!piece.mimeType.isEmpty())
                resource["mimeType"] = utf8(piece.mimeType);
            if (!piece.text.isEmpty() || piece.data.isEmpty())
                resource["text"] = utf8(piece.text);
            else
                resource["blob"] = piece.data.toBase64().toStdString();
            entry = {{"type", "resource"}, {"resource", std::move(resource)}};
            break;
        }
        case Kind::ResourceLink:
            entry = {
                {"type", "resource_link"}, {"uri", utf8(piece.uri)}, {"name", utf8(piece.text)}};
            if (!piece.mimeType.isEmpty())
                entry["mimeType"] = utf8(piece.mimeType);
            break;
        }
        pieces.push_back(std::move(entry));
    }
    return pieces;
}

json toolCallJson(const core::ToolCallEvent& event)
{
    json arguments =
        jsonFromText(event.call.arguments.isEmpty() ? QStringLiteral("{}") : event.call.arguments);
    return {{"type", "tool_call"},           {"id", utf8(event.call.id)},
            {"name", utf8(event.call.name)}, {"server", utf8(event.server)},
            {"tool", utf8(event.toolName)},  {"arguments", std::move(arguments)}};
}

json toolProgressJson(const core::ToolCallEvent& event)
{
    return {{"type", "tool_progress"},
            {"id", utf8(event.call.id)},
            {"progress", jsonNumber(event.progress)},
            {"total", jsonNumber(event.progressTotal)},
            {"message", utf8(event.progressMessage)}};
}

json toolResultJson(const core::ToolCallEvent& event)
{
    return {{"type", "tool_result"},
            {"id", utf8(event.call.id)},
            {"name", utf8(event.call.name)},
            {"is_error", event.result.isError},
            {"content", toolContentJson(event.result)},
            {"state", utf8(core::wireName(event.state))},
            {"duration_ms", event.result.durationMs}};
}

QString progressText(const core::ToolCallEvent& event)
{
    const auto number = [](double value) { return QString::number(value, 'g', 12); };
    QString text = QStringLiteral("progress ") + number(event.progress);
    if (event.progressTotal >= 0)
        text += QLatin1Char('/') + number(event.progressTotal);
    if (!event.progressMessage.isEmpty())
        text += QLatin1Char(' ') + event.progressMessage.simplified();
    return text;
}

QString shortArguments(const QString& arguments)
{
    constexpr qsizetype kMax = 120;
    const json parsed = jsonFromText(arguments.isEmpty() ? QStringLiteral("{}") : arguments);
    QString text =
        parsed.is_string()
            ? arguments.simplified()
            : QString::fromStdString(parsed.dump(-1, ' ', false, json::error_handler_t::replace));
    if (text.size() > kMax)
        text = text.left(kMax - 1) + QStringLiteral("…");
    return text;
}

} // namespace keel::app
