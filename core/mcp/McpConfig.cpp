// McpConfig: the "mcpServers" JSON (parse, write, merge) and mcp.json on disk. The file is
// shared with other clients' habits, so saving keeps what Keel does not understand: unknown keys
// of an entry, entries Keel cannot run (remote servers), other top-level keys, and the order of
// environment variables. Only the servers Keel shows are rewritten.
#include "mcp/McpConfig.h"

#include "settings/ConfigFile.h"

#include <QCoreApplication>
#include <QDir>
#include <QSet>
#include <QStandardPaths>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>

namespace keel::core {

namespace {

// The translation context of this file's user-visible messages: free functions and plain
// classes have no tr() of their own.
struct McpConfigText {
    Q_DECLARE_TR_FUNCTIONS(McpConfig)
};

using Json = nlohmann::ordered_json; // the file's order of servers and keys is the user's

// Functions, not constants: a translator is installed after static initialisation.
QString startedWith()
{
    return McpConfigText::tr("no MCP servers");
}

QString expectedShape()
{
    return McpConfigText::tr("Keel reads the format server READMEs show: {\"mcpServers\": "
                             "{\"NAME\": {\"command\": \"...\", \"args\": [...]}}}.");
}

QString qs(const std::string& text)
{
    return QString::fromStdString(text);
}

std::string utf8(const QString& text)
{
    return text.toStdString();
}

QString quoted(const QString& name)
{
    return QLatin1Char('"') + name + QLatin1Char('"');
}

// A number or a boolean where a string belongs reads as its text ("8080", "true").
std::optional<QString> scalarText(const Json& value)
{
    if (value.is_string())
        return qs(value.get_ref<const std::string&>());
    if (value.is_number() || value.is_boolean())
        return qs(value.dump());
    return std::nullopt;
}

bool isRemote(const Json& entry)
{
    if (entry.contains("url") || entry.contains("serverUrl"))
        return true;
    const auto type = entry.find("type");
    if (type == entry.end() || !type->is_string())
        return false;
    const QString kind = qs(type->get_ref<const std::string&>()).toLower();
    return kind == QLatin1String("http") || kind == QLatin1String("sse")
           || kind == QLatin1String("streamable-http") || kind == QLatin1String("streamablehttp");
}

// One entry of "mcpServers"; nullopt (with a warning) when Keel cannot run it.
std::optional<McpServerConfig> serverFromJson(const QString& name, const Json& entry,
                                              QStringList* warnings)
{
    const auto warn = [&](const QString& text) {
        warnings->append(quoted(name) + QStringLiteral(": ") + text);
    };
    if (name.trimmed().isEmpty()) {
        warnings->append(McpConfigText::tr("A server without a name was skipped."));
        return std::nullopt;
    }
    if (!entry.is_object()) {
        warn(McpConfigText::tr("skipped: its settings are not an object {\"command\": ...}."));
        return std::nullopt;
    }
    const auto command = entry.find("command");
    const bool hasCommand = command != entry.end() && command->is_string()
                            && !qs(command->get_ref<const std::string&>()).trimmed().isEmpty();
    if (!hasCommand && isRemote(entry)) {
        warn(McpConfigText::tr("skipped: it is a remote server (a URL); Keel does not support "
                               "remote servers yet, only servers it starts with a command."));
        return std::nullopt;
    }
    if (!hasCommand) {
        warn(McpConfigText::tr("skipped: it has no \"command\"."));
        return std::nullopt;
    }

    McpServerConfig config;
    config.name = name;
    config.command = qs(command->get_ref<const std::string&>());
    if (const auto args = entry.find("args"); args != entry.end() && !args->is_null()) {
        if (!args->is_array()) {
            warn(McpConfigText::tr("skipped: \"args\" is not a list [\"...\", \"...\"]."));
            return std::nullopt;
        }
        for (std::size_t i = 0; i < args->size(); ++i) {
            const Json& arg = (*args)[i];
            const std::optional<QString> text = scalarText(arg);
            if (text && arg.is_string()) {
                config.args.append(*text);
            } else if (text) {
                config.args.append(*text);
                warn(McpConfigText::tr("argument %1 is not a string; used as \"%2\".")
                         .arg(i + 1)
                         .arg(*text));
            } else {
                warn(McpConfigText::tr("argument %1 is not a string; left out.").arg(i + 1));
            }
        }
    }
    if (const auto env = entry.find("env"); env != entry.end() && !env->is_null()) {
        if (!env->is_object()) {
            warn(McpConfigText::tr("skipped: \"env\" is not an object {\"NAME\": \"value\"}."));
            return std::nullopt;
        }
        for (auto it = env->begin(); it != env->end(); ++it) {
            const QString variable = qs(it.key());
            const std::optional<QString> text = scalarText(it.value());
            if (text && it.value().is_string()) {
                config.env.insert(variable, *text);
            } else if (text) {
                config.env.insert(variable, *text);
                warn(McpConfigText::tr("the value of %1 is not a string; used as \"%2\".")
                         .arg(variable, *text));
            } else {
                warn(McpConfigText::tr("the value of %1 is not a string; left out.").arg(variable));
            }
        }
    }
    for (const char* key : {"cwd", "workingDirectory"}) {
        const auto cwd = entry.find(key);
        if (cwd == entry.end() || cwd->is_null())
            continue;
        if (cwd->is_string())
            config.cwd = qs(cwd->get_ref<const std::string&>());
        else
            warn(McpConfigText::tr("\"%1\" is not a string; ignored.").arg(QLatin1String(key)));
        break;
    }
    if (const auto disabled = entry.find("disabled");
        disabled != entry.end() && !disabled->is_null()) {
        if (disabled->is_boolean())
            config.enabled = !disabled->get<bool>();
        else
            warn(McpConfigText::tr("\"disabled\" is not true or false; ignored."));
    }
    return config;
}

struct Document {
    std::optional<Json> json;
    QString reason; // short, for "mcp.json could not be read (REASON)"
    QString hint;   // what to do, for the paste box
};

Document failed(const QString& reason, const QString& hint = expectedShape())
{
    return {std::nullopt, reason, hint};
}

// The top-level object with an "mcpServers" object, or why not.
Document parseDocument(const QByteArray& text)
{
    Json document = Json::parse(text.begin(), text.end(), nullptr, false);
    if (document.is_discarded() && text.trimmed().startsWith('"')) {
        // "mcpServers": {...} copied without the braces around it.
        const QByteArray wrapped = '{' + text + '}';
        Json retry = Json::parse(wrapped.begin(), wrapped.end(), nullptr, false);
        if (!retry.is_discarded() && retry.is_object() && retry.contains("mcpServers"))
            document = std::move(retry);
    }
    if (document.is_discarded())
        return failed(McpConfigText::tr("not valid JSON: error at %1").arg(jsonErrorLocation(text)),
                      {});
    if (!document.is_object())
        return failed(McpConfigText::tr("the JSON is not an object"));
    const auto servers = document.find("mcpServers");
    if (servers == document.end()) {
        if (document.contains("servers"))
            return failed(McpConfigText::tr("there is no \"mcpServers\" object, only \"servers\" "
                                            "(VS Code's format)"),
                          McpConfigText::tr("Rename \"servers\" to \"mcpServers\"."));
        return failed(McpConfigText::tr("there is no \"mcpServers\" object at the top level"));
    }
    if (!servers->is_object())
        return failed(McpConfigText::tr("\"mcpServers\" is not an object of named servers"));
    return {std::move(document), {}, {}};
}

// Sets key to value, keeping its place when the object already has it.
void put(Json& object, const char* key, Json value)
{
    object[key] = std::move(value);
}

Json entryToJson(const McpServerConfig& server, const Json* previous)
{
    Json entry = previous && previous->is_object() ? *previous : Json::object();
    put(entry, "command", utf8(server.command));
    Json args = Json::array();
    for (const QString& arg : server.args)
        args.push_back(utf8(arg));
    put(entry, "args", std::move(args));

    if (server.env.isEmpty()) {
        entry.erase("env");
    } else {
        // The variables the file had keep their order; new ones follow, sorted.
        Json env = Json::object();
        QSet<QString> written;
        if (const auto old = entry.find("env"); old != entry.end() && old->is_object()) {
            for (auto it = old->begin(); it != old->end(); ++it) {
                const QString variable = qs(it.key());
                if (server.env.contains(variable) && !written.contains(variable)) {
                    env[it.key()] = utf8(server.env.value(variable));
                    written.insert(variable);
                }
            }
        }
        for (auto it = server.env.cbegin(); it != server.env.cend(); ++it) {
            if (!written.contains(it.key()))
                env[utf8(it.key())] = utf8(it.value());
        }
        put(entry, "env", std::move(env));
    }

    // The spelling the file used ("cwd" unless it said "workingDirectory").
    const char* cwdKey =
        entry.contains("workingDirectory") && !entry.contains("cwd") ? "workingDirectory" : "cwd";
    if (server.cwd.isEmpty()) {
        entry.erase("cwd");
        entry.erase("workingDirectory");
    } else {
        put(entry, cwdKey, utf8(server.cwd));
    }
    if (server.enabled)
        entry.erase("disabled");
    else
        put(entry, "disabled", true);
    return entry;
}

// servers written into `base` (the file as it is now, or null): see the file comment.
QByteArray documentToJson(const Json& base, const QList<McpServerConfig>& servers)
{
    Json document = base.is_object() ? base : Json::object();
    Json old = Json::object();
    if (const auto it = document.find("mcpServers"); it != document.end() && it->is_object())
        old = *it;

    Json written = Json::object();
    QSet<QString> names;
    for (const McpServerConfig& server : servers) {
        const std::string key = utf8(server.name);
        const auto previous = old.find(key);
        written[key] = entryToJson(server, previous != old.end() ? &*previous : nullptr);
        names.insert(server.name);
    }
    QStringList ignored;
    for (auto it = old.begin(); it != old.end(); ++it) {
        const QString name = qs(it.key());
        if (!names.contains(name) && !serverFromJson(name, it.value(), &ignored))
            written[it.key()] = it.value(); // not Keel's to drop: it never showed it
    }
    put(document, "mcpServers", std::move(written));
    return QByteArray::fromStdString(document.dump(2, ' ', false, Json::error_handler_t::replace))
           + '\n';
}

} // namespace

McpConfigParse parseMcpConfig(const QByteArray& json)
{
    McpConfigParse parse;
    const Document document = parseDocument(json);
    if (!document.json) {
        QString error = document.reason;
        error[0] = error.at(0).toUpper();
        parse.error = error + QLatin1Char('.');
        if (!document.hint.isEmpty())
            parse.error += QLatin1Char(' ') + document.hint;
        return parse;
    }
    const auto servers = document.json->find("mcpServers");
    for (auto it = servers->begin(); it != servers->end(); ++it) {
        if (auto server = serverFromJson(qs(it.key()), it.value(), &parse.warnings))
            parse.servers.append(std::move(*server));
    }
    return parse;
}

QByteArray mcpConfigToJson(const QList<McpServerConfig>& servers)
{
    return documentToJson(Json(), servers);
}

McpMerge mergeMcpServers(const QList<McpServerConfig>& existing,
                         const QList<McpServerConfig>& imported)
{
    McpMerge merge;
    merge.servers = existing;
    for (const McpServerConfig& server : imported) {
        const auto same =
            std::find_if(merge.servers.begin(), merge.servers.end(),
                         [&](const McpServerConfig& s) { return s.name == server.name; });
        if (same == merge.servers.end()) {
            merge.servers.append(server);
            merge.added.append(server.name);
            continue;
        }
        const bool reported = merge.added.contains(server.name)
                              || merge.replaced.contains(server.name)
                              || merge.unchanged.contains(server.name);
        if (*same == server) {
            if (!reported)
                merge.unchanged.append(server.name);
            continue;
        }
        *same = server;
        // A name twice in one import: the later entry wins and it is reported once.
        if (merge.added.contains(server.name) || merge.replaced.contains(server.name))
            continue;
        merge.unchanged.removeAll(server.name);
        merge.replaced.append(server.name);
    }
    return merge;
}

QString claudeDesktopConfigPath()
{
    const QString file = QStringLiteral("/Claude/claude_desktop_config.json");
#if defined(Q_OS_WIN)
    QString base = qEnvironmentVariable("APPDATA");
    if (base.isEmpty())
        base = QDir::homePath() + QStringLiteral("/AppData/Roaming");
    return QDir::cleanPath(QDir::fromNativeSeparators(base) + file);
#elif defined(Q_OS_MACOS)
    // ~/Library/Application Support (GenericConfigLocation is ~/Library/Preferences there).
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + file;
#else
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) + file;
#endif
}

LoadedMcpConfig loadMcpConfig(const QString& path)
{
    LoadedMcpConfig loaded;
    const ConfigFileContents contents = readConfigFile(path);
    if (!contents.exists || (contents.error.isEmpty() && contents.bytes.trimmed().isEmpty()))
        return loaded;
    if (!contents.error.isEmpty()) {
        loaded.notice = moveConfigFileAside(path, contents.error, startedWith());
        return loaded;
    }
    const Json document = Json::parse(contents.bytes.begin(), contents.bytes.end(), nullptr, false);
    if (document.is_object() && document.empty())
        return loaded; // "{}": no servers yet
    if (const Document parsed = parseDocument(contents.bytes); !parsed.json) {
        loaded.notice = moveConfigFileAside(path, parsed.reason, startedWith());
        return loaded;
    }
    McpConfigParse parse = parseMcpConfig(contents.bytes);
    loaded.servers = std::move(parse.servers);
    loaded.warnings = std::move(parse.warnings);
    return loaded;
}

QString saveMcpConfig(const QString& path, const QList<McpServerConfig>& servers)
{
    Json base;
    const ConfigFileContents contents = readConfigFile(path);
    if (contents.exists && contents.error.isEmpty()) {
        Json current = Json::parse(contents.bytes.begin(), contents.bytes.end(), nullptr, false);
        if (!current.is_discarded() && current.is_object())
            base = std::move(current);
    }
    // Environment variables may hold tokens: a new file is readable only by its owner.
    return writeConfigFileAtomically(path, documentToJson(base, servers), true);
}

} // namespace keel::core
