// McpMessages: JSON-RPC 2.0 lines for MCP, built and parsed without exceptions (nlohmann_json in
// its non-throwing style: parse with allow_exceptions=false, types checked before every read).
#include "mcp/McpMessages.h"

#include <QCoreApplication>

#include <limits>

namespace keel::core {

namespace {

// The translation context of this file's user-visible messages: free functions and plain
// classes have no tr() of their own.
struct McpMessagesText {
    Q_DECLARE_TR_FUNCTIONS(McpMessages)
};

} // namespace

using nlohmann::json;

namespace {

// Deeper than this is refused before parsing: dump() recurses, and no MCP message nests so far.
constexpr int kMaxDepth = 512;

QString qs(const std::string& s)
{
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

std::string ss(const QString& s)
{
    return s.toStdString();
}

const json* member(const json& object, const char* key)
{
    if (!object.is_object())
        return nullptr;
    const auto it = object.find(key);
    return it == object.end() ? nullptr : &*it;
}

QString stringMember(const json& object, const char* key)
{
    const json* value = member(object, key);
    return value && value->is_string() ? qs(value->get_ref<const std::string&>()) : QString();
}

bool numberMember(const json& object, const char* key, double* out)
{
    const json* value = member(object, key);
    if (!value || !value->is_number())
        return false;
    *out = value->get<double>();
    return true;
}

QByteArray line(const json& message)
{
    QByteArray bytes =
        QByteArray::fromStdString(message.dump(-1, ' ', false, json::error_handler_t::replace));
    bytes.append('\n');
    return bytes;
}

// Nesting depth of JSON text, strings skipped; stops counting once over the limit.
bool tooDeep(const QByteArray& text)
{
    int depth = 0;
    bool inString = false;
    bool escaped = false;
    for (const char c : text) {
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            if (++depth > kMaxDepth)
                return true;
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return false;
}

qint64 integerId(const json& id)
{
    if (id.is_number_unsigned()) {
        const auto value = id.get<std::uint64_t>();
        return value <= static_cast<std::uint64_t>(std::numeric_limits<qint64>::max())
                   ? static_cast<qint64>(value)
                   : -1;
    }
    if (id.is_number_integer())
        return id.get<std::int64_t>();
    return -1;
}

QByteArray base64Member(const json& object, const char* key)
{
    const json* value = member(object, key);
    if (!value || !value->is_string())
        return {};
    const std::string& text = value->get_ref<const std::string&>();
    return QByteArray::fromBase64(
        QByteArray::fromRawData(text.data(), static_cast<qsizetype>(text.size())));
}

ToolContent contentPiece(const json& item)
{
    ToolContent piece;
    const QString type = stringMember(item, "type");
    if (type == QLatin1String("text")) {
        piece.text = stringMember(item, "text");
    } else if (type == QLatin1String("image") || type == QLatin1String("audio")) {
        piece.kind =
            type == QLatin1String("image") ? ToolContent::Kind::Image : ToolContent::Kind::Audio;
        piece.mimeType = stringMember(item, "mimeType");
        piece.data = base64Member(item, "data");
    } else if (type == QLatin1String("resource")) {
        piece.kind = ToolContent::Kind::Resource;
        static const json none;
        const json* resource = member(item, "resource");
        const json& r = resource ? *resource : none;
        piece.uri = stringMember(r, "uri");
        piece.mimeType = stringMember(r, "mimeType");
        if (member(r, "text"))
            piece.text = stringMember(r, "text");
        else
            piece.data = base64Member(r, "blob");
    } else if (type == QLatin1String("resource_link")) {
        piece.kind = ToolContent::Kind::ResourceLink;
        piece.uri = stringMember(item, "uri");
        piece.text = stringMember(item, "name");
        piece.mimeType = stringMember(item, "mimeType");
    } else {
        piece.text = QStringLiteral("[unsupported content: %1]")
                         .arg(type.isEmpty() ? QStringLiteral("no type") : type.left(100));
    }
    return piece;
}

} // namespace

QString mcpJsonText(const json& value)
{
    return qs(value.dump(-1, ' ', false, json::error_handler_t::replace));
}

ToolResult mcpErrorResult(const QString& message)
{
    ToolResult result;
    result.isError = true;
    ToolContent piece;
    piece.text = message;
    result.content.append(piece);
    return result;
}

QByteArray mcpRequestLine(qint64 id, const QString& method, const json& params)
{
    json message = {{"jsonrpc", "2.0"}, {"id", id}, {"method", ss(method)}};
    if (!params.is_null())
        message["params"] = params;
    return line(message);
}

QByteArray mcpNotificationLine(const QString& method, const json& params)
{
    json message = {{"jsonrpc", "2.0"}, {"method", ss(method)}};
    if (!params.is_null())
        message["params"] = params;
    return line(message);
}

QByteArray mcpResultLine(const json& id, const json& result)
{
    return line(json{{"jsonrpc", "2.0"}, {"id", id}, {"result", result}});
}

QByteArray mcpErrorLine(const json& id, int code, const QString& message)
{
    return line(json{
        {"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", ss(message)}}}});
}

json mcpInitializeParams(const QString& protocolVersion, const QString& clientName,
                         const QString& clientVersion)
{
    return json{{"protocolVersion", ss(protocolVersion)},
                {"capabilities", json::object()},
                {"clientInfo", {{"name", ss(clientName)}, {"version", ss(clientVersion)}}}};
}

json mcpToolCallParams(const QString& toolName, const QString& argumentsJson,
                       const QString& progressToken, QString* error)
{
    json arguments = json::object();
    const QByteArray text = argumentsJson.trimmed().toUtf8();
    if (!text.isEmpty()) {
        if (tooDeep(text)) {
            if (error)
                *error = McpMessagesText::tr("The tool's arguments nest too deeply.");
            return {};
        }
        arguments = json::parse(text.constBegin(), text.constEnd(), nullptr, false);
        if (arguments.is_discarded() || !arguments.is_object()) {
            if (error)
                *error = McpMessagesText::tr("The tool's arguments are not a JSON object: %1")
                             .arg(argumentsJson.left(200));
            return {};
        }
    }
    if (error)
        error->clear();
    return json{{"name", ss(toolName)},
                {"arguments", std::move(arguments)},
                {"_meta", {{"progressToken", ss(progressToken)}}}};
}

json mcpCancelledParams(qint64 requestId, const QString& reason)
{
    json params = {{"requestId", requestId}};
    if (!reason.isEmpty())
        params["reason"] = ss(reason);
    return params;
}

McpMessage parseMcpMessage(const QByteArray& text)
{
    McpMessage message;
    QByteArray body = text;
    if (body.endsWith('\r'))
        body.chop(1);
    if (body.trimmed().isEmpty()) {
        message.problem = QStringLiteral("empty line");
        return message;
    }
    if (tooDeep(body)) {
        message.problem = QStringLiteral("JSON nested too deeply");
        return message;
    }
    json parsed = json::parse(body.constBegin(), body.constEnd(), nullptr, false);
    if (parsed.is_discarded()) {
        message.problem = QStringLiteral("not JSON");
        return message;
    }
    if (!parsed.is_object()) {
        message.problem = QStringLiteral("not a JSON-RPC message (not an object)");
        return message;
    }
    if (const json* version = member(parsed, "jsonrpc");
        version && !(version->is_string() && version->get_ref<const std::string&>() == "2.0")) {
        message.problem = QStringLiteral("not JSON-RPC 2.0");
        return message;
    }
    const json* id = member(parsed, "id");
    const bool hasId = id && (id->is_string() || id->is_number());
    if (const json* method = member(parsed, "method")) {
        if (!method->is_string()) {
            message.problem = QStringLiteral("\"method\" is not a string");
            return message;
        }
        message.method = qs(method->get_ref<const std::string&>());
        if (const json* params = member(parsed, "params"))
            message.params = *params;
        if (hasId) {
            message.kind = McpMessageKind::Request;
            message.rawId = *id;
        } else {
            message.kind = McpMessageKind::Notification;
        }
        return message;
    }
    if (const json* result = member(parsed, "result"); result && hasId) {
        message.kind = McpMessageKind::Response;
        message.rawId = *id;
        message.id = integerId(*id);
        message.result = *result;
        return message;
    }
    if (const json* error = member(parsed, "error"); error && id) {
        message.kind = McpMessageKind::ErrorResponse;
        message.rawId = *id;
        message.id = integerId(*id);
        double code = 0;
        if (numberMember(*error, "code", &code) && code >= std::numeric_limits<int>::min()
            && code <= std::numeric_limits<int>::max())
            message.errorCode = static_cast<int>(code);
        message.errorMessage = stringMember(*error, "message");
        if (message.errorMessage.isEmpty())
            message.errorMessage = McpMessagesText::tr("unknown error");
        return message;
    }
    message.problem = QStringLiteral("neither a request, a notification nor a response");
    return message;
}

McpInitializeResult parseMcpInitializeResult(const json& result)
{
    McpInitializeResult out;
    if (!result.is_object()) {
        out.error = McpMessagesText::tr("The server's answer to initialize is not an object.");
        return out;
    }
    out.protocolVersion = stringMember(result, "protocolVersion");
    if (out.protocolVersion.isEmpty()) {
        out.error =
            McpMessagesText::tr("The server's answer to initialize names no protocol version.");
        return out;
    }
    if (const json* info = member(result, "serverInfo")) {
        out.serverName = stringMember(*info, "name");
        out.serverVersion = stringMember(*info, "version");
    }
    out.instructions = stringMember(result, "instructions");
    if (const json* capabilities = member(result, "capabilities");
        capabilities && capabilities->is_object())
        out.hasTools = member(*capabilities, "tools") != nullptr;
    return out;
}

McpToolsPage parseMcpToolsPage(const json& result, const QString& serverName)
{
    McpToolsPage page;
    const json* tools = member(result, "tools");
    if (!tools || !tools->is_array()) {
        page.error = QStringLiteral("The server's tools/list answer has no \"tools\" list.");
        return page;
    }
    for (const json& entry : *tools) {
        const QString name = stringMember(entry, "name");
        if (name.isEmpty()) {
            ++page.skipped;
            continue;
        }
        ToolSpec spec;
        spec.name = name;
        spec.toolName = name;
        spec.server = serverName;
        spec.title = stringMember(entry, "title");
        if (spec.title.isEmpty()) {
            if (const json* annotations = member(entry, "annotations"))
                spec.title = stringMember(*annotations, "title");
        }
        spec.description = stringMember(entry, "description");
        const json* schema = member(entry, "inputSchema");
        spec.inputSchema = schema && schema->is_object() ? mcpJsonText(*schema)
                                                         : QStringLiteral("{\"type\":\"object\"}");
        page.tools.append(spec);
    }
    page.nextCursor = stringMember(result, "nextCursor");
    return page;
}

ToolResult parseMcpToolResult(const json& result)
{
    if (!result.is_object())
        return mcpErrorResult(
            McpMessagesText::tr("The server's tools/call answer is not an object."));
    ToolResult out;
    if (const json* content = member(result, "content"); content && content->is_array()) {
        for (const json& item : *content) {
            if (item.is_object())
                out.content.append(contentPiece(item));
        }
    }
    if (out.content.isEmpty()) {
        if (const json* structured = member(result, "structuredContent");
            structured && !structured->is_null()) {
            ToolContent piece;
            piece.text = mcpJsonText(*structured);
            out.content.append(piece);
        }
    }
    if (const json* isError = member(result, "isError"); isError && isError->is_boolean())
        out.isError = isError->get<bool>();
    return out;
}

McpProgress parseMcpProgress(const json& params)
{
    McpProgress out;
    const json* token = member(params, "progressToken");
    if (!token || !(token->is_string() || token->is_number()))
        return out;
    if (!numberMember(params, "progress", &out.progress))
        return out;
    out.token = *token;
    if (!numberMember(params, "total", &out.total))
        out.total = -1;
    out.message = stringMember(params, "message");
    out.ok = true;
    return out;
}

McpLineSplitter::McpLineSplitter(qsizetype maxLineBytes)
    : m_maxLineBytes(maxLineBytes > 0 ? maxLineBytes : 1)
{
}

QList<QByteArray> McpLineSplitter::append(const QByteArray& data)
{
    QList<QByteArray> lines;
    qsizetype start = 0;
    while (start < data.size()) {
        const qsizetype newline = data.indexOf('\n', start);
        const qsizetype end = newline < 0 ? data.size() : newline;
        const qsizetype length = end - start;
        if (m_discarding) {
            m_discarded += length;
        } else if (m_buffer.size() + length > m_maxLineBytes) {
            m_discarding = true;
            m_discarded = m_buffer.size() + length;
            m_buffer = QByteArray();
        } else {
            m_buffer.append(data.constData() + start, length);
        }
        if (newline < 0)
            break;
        if (m_discarding) {
            m_dropped.append(m_discarded);
            m_discarding = false;
            m_discarded = 0;
        } else {
            QByteArray complete = std::move(m_buffer);
            m_buffer = QByteArray();
            if (complete.endsWith('\r'))
                complete.chop(1);
            lines.append(std::move(complete));
        }
        start = newline + 1;
    }
    return lines;
}

QByteArray McpLineSplitter::takeRest()
{
    if (m_discarding) {
        m_dropped.append(m_discarded);
        m_discarding = false;
        m_discarded = 0;
    }
    QByteArray rest = std::move(m_buffer);
    m_buffer = QByteArray();
    if (rest.endsWith('\r'))
        rest.chop(1);
    return rest;
}

QList<qsizetype> McpLineSplitter::takeDropped()
{
    QList<qsizetype> dropped = std::move(m_dropped);
    m_dropped = {};
    return dropped;
}

} // namespace keel::core
