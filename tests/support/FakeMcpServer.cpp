// keel-fake-mcp-server: a small stdio MCP server for the client's fault tests. It speaks enough
// of the protocol (initialize, tools/list with pagination, tools/call with progress, ping) and
// misbehaves on request, chosen by flags:
//
//   --protocol VERSION        answer initialize with this protocol version
//   --tools-per-page N        paginate tools/list (0: one page)
//   --extra-tools N           list N more tools named tool-1 ... tool-N
//   --garbage                 print non-JSON lines, a JSON line that is not JSON-RPC, \r\n line
//                             ends and a line split across two writes among the real answers
//   --crash-on-call TOOL      print a stderr line and exit with code 3 when TOOL is called
//   --slow TOOL SECONDS       answer TOOL after SECONDS, with a progress notification each second
//   --record FILE             append every line received to FILE
//   --list-changed-after-call after each tools/call, add a tool and send tools/list_changed
//   --ping-client             after initialized, send a ping and an unsupported request
//   --hang-initialize         never answer initialize
//   --stderr TEXT             print TEXT on stderr at start
//
// Tools: echo {message}, add {a,b}, mixed (text, image, audio, resource, resource_link), plus the
// tools named by the flags. Stdin is read on a plain thread; everything else runs on Qt's loop.
#include <QCoreApplication>
#include <QFile>
#include <QStringList>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

using nlohmann::json;

namespace {

struct Options {
    std::string protocol;
    int toolsPerPage = 0;
    int extraTools = 0;
    bool garbage = false;
    std::string crashTool;
    std::string slowTool;
    double slowSeconds = 0;
    QString recordFile;
    bool listChangedAfterCall = false;
    bool pingClient = false;
    bool hangInitialize = false;
    std::string stderrText;
};

double number(const json& object, const char* key)
{
    const auto it = object.find(key);
    return it != object.end() && it->is_number() ? it->get<double>() : 0.0;
}

std::string text(const json& object, const char* key)
{
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

void writeRaw(const std::string& text)
{
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fflush(stdout);
}

class FakeServer : public QObject {
public:
    explicit FakeServer(Options options)
        : m_options(std::move(options))
    {
        m_tools = {"echo", "add", "mixed"};
        for (const std::string& extra : {m_options.crashTool, m_options.slowTool}) {
            if (!extra.empty() && std::find(m_tools.begin(), m_tools.end(), extra) == m_tools.end())
                m_tools.push_back(extra);
        }
        for (int i = 1; i <= m_options.extraTools; ++i)
            m_tools.push_back("tool-" + std::to_string(i));
    }

    void onLine(const std::string& line)
    {
        record(line);
        const json message = json::parse(line, nullptr, false);
        if (message.is_discarded() || !message.is_object())
            return;
        if (!message.contains("method") || !message["method"].is_string())
            return; // an answer to one of our requests: recorded above
        const std::string method = message["method"].get<std::string>();
        const json params = message.contains("params") && message["params"].is_object()
                                ? message["params"]
                                : json::object();
        if (!message.contains("id")) {
            if (method == "notifications/initialized" && m_options.pingClient) {
                send({{"jsonrpc", "2.0"}, {"id", "fake-ping"}, {"method", "ping"}});
                send({{"jsonrpc", "2.0"},
                      {"id", 77},
                      {"method", "sampling/createMessage"},
                      {"params", json::object()}});
            }
            return;
        }
        const json id = message["id"];
        if (method == "initialize")
            initialize(id, params);
        else if (method == "tools/list")
            listTools(id, params);
        else if (method == "tools/call")
            callTool(id, params);
        else if (method == "ping")
            send({{"jsonrpc", "2.0"}, {"id", id}, {"result", json::object()}});
        else
            sendError(id, -32601, "Method not found: " + method);
    }

private:
    void record(const std::string& line)
    {
        if (m_options.recordFile.isEmpty())
            return;
        QFile file(m_options.recordFile);
        if (file.open(QIODevice::WriteOnly | QIODevice::Append)) {
            file.write(line.data(), static_cast<qint64>(line.size()));
            file.write("\n");
        }
    }

    void send(const json& message)
    {
        const std::string text = message.dump();
        if (m_options.garbage)
            writeRaw(text + "\r\n");
        else
            writeRaw(text + "\n");
    }

    void sendError(const json& id, int code, const std::string& text)
    {
        send({{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", text}}}});
    }

    void initialize(const json& id, const json& params)
    {
        if (m_options.hangInitialize)
            return;
        std::string version = m_options.protocol;
        if (version.empty())
            version = text(params, "protocolVersion");
        if (m_options.garbage) {
            writeRaw("this line is not JSON\n");
            writeRaw("{\"hello\":\"world\"}\n");
            writeRaw("\n");
        }
        send({{"jsonrpc", "2.0"},
              {"id", id},
              {"result",
               {{"protocolVersion", version},
                {"capabilities", {{"tools", {{"listChanged", true}}}}},
                {"serverInfo", {{"name", "keel-fake-mcp-server"}, {"version", "1.0.0"}}},
                {"instructions", "A fake server for Keel's tests."}}}});
    }

    void listTools(const json& id, const json& params)
    {
        std::size_t start = 0;
        if (params.contains("cursor") && params["cursor"].is_string())
            start = std::strtoul(params["cursor"].get<std::string>().c_str(), nullptr, 10);
        std::size_t end = m_tools.size();
        if (m_options.toolsPerPage > 0)
            end = std::min(end, start + static_cast<std::size_t>(m_options.toolsPerPage));
        json tools = json::array();
        for (std::size_t i = start; i < end; ++i) {
            tools.push_back(
                {{"name", m_tools[i]},
                 {"description", "The fake tool " + m_tools[i]},
                 {"inputSchema",
                  {{"type", "object"}, {"properties", {{"message", {{"type", "string"}}}}}}}});
        }
        json result = {{"tools", tools}};
        if (end < m_tools.size())
            result["nextCursor"] = std::to_string(end);
        const std::string text =
            json{{"jsonrpc", "2.0"}, {"id", id}, {"result", result}}.dump() + "\n";
        if (!m_options.garbage)
            return writeRaw(text);
        // One line in two writes, a moment apart, so the client reads it in two pieces.
        const std::string first = text.substr(0, text.size() / 2);
        const std::string rest = text.substr(text.size() / 2);
        writeRaw(first);
        QTimer::singleShot(100, this, [rest] { writeRaw(rest); });
    }

    void callTool(const json& id, const json& params)
    {
        const std::string name = text(params, "name");
        const json arguments = params.contains("arguments") && params["arguments"].is_object()
                                   ? params["arguments"]
                                   : json::object();
        json token;
        if (params.contains("_meta") && params["_meta"].is_object()
            && params["_meta"].contains("progressToken"))
            token = params["_meta"]["progressToken"];
        if (std::find(m_tools.begin(), m_tools.end(), name) == m_tools.end())
            return sendError(id, -32602, "Unknown tool: " + name);
        if (name == m_options.crashTool) {
            std::fprintf(stderr, "keel-fake-mcp-server: crashing on %s\n", name.c_str());
            std::fflush(stderr);
            std::_Exit(3);
        }
        if (m_options.garbage)
            writeRaw("garbage before the answer {\n");
        if (name == m_options.slowTool)
            return slowCall(id, token);
        json content = json::array();
        json result;
        if (name == "add") {
            const double sum = number(arguments, "a") + number(arguments, "b");
            content.push_back({{"type", "text"}, {"text", json(sum).dump()}});
        } else if (name == "mixed") {
            content = json::array(
                {{{"type", "text"}, {"text", "hello"}},
                 {{"type", "image"}, {"data", "iVBORw0KGgo="}, {"mimeType", "image/png"}},
                 {{"type", "audio"}, {"data", "AAEC"}, {"mimeType", "audio/wav"}},
                 {{"type", "resource"},
                  {"resource",
                   {{"uri", "file:///a.txt"}, {"mimeType", "text/plain"}, {"text", "file text"}}}},
                 {{"type", "resource"},
                  {"resource",
                   {{"uri", "file:///b.bin"},
                    {"mimeType", "application/octet-stream"},
                    {"blob", "AQID"}}}},
                 {{"type", "resource_link"}, {"uri", "file:///c.txt"}, {"name", "c.txt"}}});
        } else if (arguments.contains("message") && arguments["message"].is_string()) {
            content.push_back({{"type", "text"}, {"text", arguments["message"]}});
        } else {
            content.push_back({{"type", "text"}, {"text", name + " " + arguments.dump()}});
        }
        result["content"] = content;
        send({{"jsonrpc", "2.0"}, {"id", id}, {"result", result}});
        afterCall();
    }

    void slowCall(const json& id, const json& token)
    {
        auto* ticker = new QTimer(this);
        auto step = std::make_shared<int>(0);
        const double seconds = m_options.slowSeconds;
        const int steps = static_cast<int>(seconds);
        connect(ticker, &QTimer::timeout, this, [this, ticker, step, steps, token] {
            ++*step;
            if (*step > steps || token.is_null()) {
                ticker->deleteLater();
                return;
            }
            send({{"jsonrpc", "2.0"},
                  {"method", "notifications/progress"},
                  {"params",
                   {{"progressToken", token},
                    {"progress", *step},
                    {"total", steps},
                    {"message", "step " + std::to_string(*step)}}}});
        });
        ticker->start(1000);
        QTimer::singleShot(static_cast<int>(seconds * 1000) + 50, this, [this, id, seconds] {
            send({{"jsonrpc", "2.0"},
                  {"id", id},
                  {"result",
                   {{"content", json::array({{{"type", "text"},
                                              {"text", "slow done after " + json(seconds).dump()
                                                           + " s"}}})}}}});
            afterCall();
        });
    }

    void afterCall()
    {
        if (!m_options.listChangedAfterCall)
            return;
        m_tools.push_back("added-" + std::to_string(++m_added));
        send({{"jsonrpc", "2.0"}, {"method", "notifications/tools/list_changed"}});
    }

    Options m_options;
    std::vector<std::string> m_tools;
    int m_added = 0;
};

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    Options options;
    const QStringList args = app.arguments().mid(1);
    for (int i = 0; i < args.size(); ++i) {
        const QString& flag = args[i];
        const auto next = [&]() -> std::string {
            if (i + 1 >= args.size()) {
                std::fprintf(stderr, "%s needs a value\n", qPrintable(flag));
                std::exit(2);
            }
            return args[++i].toStdString();
        };
        if (flag == QLatin1String("--protocol"))
            options.protocol = next();
        else if (flag == QLatin1String("--tools-per-page"))
            options.toolsPerPage = std::atoi(next().c_str());
        else if (flag == QLatin1String("--extra-tools"))
            options.extraTools = std::atoi(next().c_str());
        else if (flag == QLatin1String("--garbage"))
            options.garbage = true;
        else if (flag == QLatin1String("--crash-on-call"))
            options.crashTool = next();
        else if (flag == QLatin1String("--slow")) {
            options.slowTool = next();
            options.slowSeconds = std::atof(next().c_str());
        } else if (flag == QLatin1String("--record"))
            options.recordFile = QString::fromStdString(next());
        else if (flag == QLatin1String("--list-changed-after-call"))
            options.listChangedAfterCall = true;
        else if (flag == QLatin1String("--ping-client"))
            options.pingClient = true;
        else if (flag == QLatin1String("--hang-initialize"))
            options.hangInitialize = true;
        else if (flag == QLatin1String("--stderr"))
            options.stderrText = next();
        else {
            std::fprintf(stderr, "unknown flag %s\n", qPrintable(flag));
            return 2;
        }
    }
    std::fprintf(stderr, "keel-fake-mcp-server: started\n");
    if (!options.stderrText.empty())
        std::fprintf(stderr, "%s\n", options.stderrText.c_str());
    std::fflush(stderr);

    FakeServer server(options);
    // std::getline blocks, so stdin is read on its own thread and each line handed to the loop.
    std::thread reader([&server] {
        std::string line;
        while (std::getline(std::cin, line)) {
            if (!line.empty() && line.back() == '\r')
                line.pop_back();
            QMetaObject::invokeMethod(
                &server, [&server, line] { server.onLine(line); }, Qt::QueuedConnection);
        }
        QMetaObject::invokeMethod(
            qApp, [] { QCoreApplication::exit(0); }, Qt::QueuedConnection);
    });
    reader.detach();
    return app.exec();
}
