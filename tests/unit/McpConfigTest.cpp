// McpConfigTest: the "mcpServers" format: the README snippets of the reference servers pasted as
// they are, a Claude Desktop config imported, what is refused (with where and why) and what is
// skipped with a warning, merging (added / replaced / unchanged), the round trip of every field,
// mcp.json on disk (missing, corrupt -> .bak with a notice, atomic and byte-stable saves that keep
// what Keel does not understand) and where Claude Desktop keeps its file.
#include "mcp/McpConfig.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

using namespace keel::core;

namespace {

// @modelcontextprotocol/server-filesystem README, "Usage with Claude Desktop", NPX.
const QByteArray kFilesystemReadme = R"({
  "mcpServers": {
    "filesystem": {
      "command": "npx",
      "args": [
        "-y",
        "@modelcontextprotocol/server-filesystem",
        "/Users/username/Desktop",
        "/path/to/other/allowed/dir"
      ]
    }
  }
}
)";

// The same README, Docker.
const QByteArray kFilesystemDockerReadme = R"({
  "mcpServers": {
    "filesystem": {
      "command": "docker",
      "args": [
        "run",
        "-i",
        "--rm",
        "--mount", "type=bind,src=/Users/username/Desktop,dst=/projects/Desktop",
        "--mount", "type=bind,src=/path/to/other/allowed/dir,dst=/projects/other/allowed/dir,ro",
        "--mount", "type=bind,src=/path/to/file.txt,dst=/projects/path/to/file.txt",
        "mcp/filesystem",
        "/projects"
      ]
    }
  }
}
)";

// @modelcontextprotocol/server-everything README, "Usage with Claude Desktop".
const QByteArray kEverythingReadme = R"({
  "mcpServers": {
    "everything": {
      "command": "npx",
      "args": [
        "-y",
        "@modelcontextprotocol/server-everything"
      ]
    }
  }
}
)";

// The same README, "Usage with VS Code": another client's format.
const QByteArray kEverythingVsCode = R"({
  "servers": {
    "everything": {
      "command": "npx",
      "args": ["-y", "@modelcontextprotocol/server-everything"]
    }
  }
}
)";

// (URLs in these literals are written https:\/\/, JSON's escaped slash: moc reads "//" inside a
// raw string as the start of a comment and would miss the test class.)
// A Claude Desktop config: other settings around the servers, an env block, a remote server.
const QByteArray kClaudeDesktop = R"({
  "globalShortcut": "Ctrl+Space",
  "mcpServers": {
    "github": {
      "command": "npx",
      "args": ["-y", "@modelcontextprotocol/server-github"],
      "env": {"GITHUB_PERSONAL_ACCESS_TOKEN": "<YOUR_TOKEN>", "A_FIRST": "1"}
    },
    "everything": {
      "command": "npx",
      "args": ["-y", "@modelcontextprotocol/server-everything"]
    },
    "remote": {"type": "http", "url": "https:\/\/mcp.example.com/mcp"}
  }
}
)";

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void writeAll(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(file.write(bytes), bytes.size());
}

McpServerConfig server(const QString& name, const QString& command, const QStringList& args = {})
{
    McpServerConfig config;
    config.name = name;
    config.command = command;
    config.args = args;
    return config;
}

QStringList names(const QList<McpServerConfig>& servers)
{
    QStringList list;
    for (const McpServerConfig& s : servers)
        list << s.name;
    return list;
}

} // namespace

class McpConfigTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void readmeSnippetsPasteAsIs()
    {
        const McpConfigParse filesystem = parseMcpConfig(kFilesystemReadme);
        QVERIFY2(filesystem.ok(), qPrintable(filesystem.error));
        QVERIFY(filesystem.warnings.isEmpty());
        QCOMPARE(filesystem.servers.size(), 1);
        const McpServerConfig& fs = filesystem.servers.front();
        QCOMPARE(fs.name, QStringLiteral("filesystem"));
        QCOMPARE(fs.command, QStringLiteral("npx"));
        QCOMPARE(fs.args, (QStringList{QStringLiteral("-y"),
                                       QStringLiteral("@modelcontextprotocol/server-filesystem"),
                                       QStringLiteral("/Users/username/Desktop"),
                                       QStringLiteral("/path/to/other/allowed/dir")}));
        QVERIFY(fs.env.isEmpty());
        QVERIFY(fs.cwd.isEmpty());
        QVERIFY(fs.enabled);

        const McpConfigParse docker = parseMcpConfig(kFilesystemDockerReadme);
        QVERIFY2(docker.ok(), qPrintable(docker.error));
        QCOMPARE(docker.servers.front().command, QStringLiteral("docker"));
        QCOMPARE(docker.servers.front().args.size(), 11);
        QCOMPARE(docker.servers.front().args.at(4),
                 QStringLiteral("type=bind,src=/Users/username/Desktop,dst=/projects/Desktop"));

        const McpConfigParse everything = parseMcpConfig(kEverythingReadme);
        QVERIFY2(everything.ok(), qPrintable(everything.error));
        QCOMPARE(everything.servers.size(), 1);
        QCOMPARE(everything.servers.front().name, QStringLiteral("everything"));
        QCOMPARE(everything.servers.front().args,
                 (QStringList{QStringLiteral("-y"),
                              QStringLiteral("@modelcontextprotocol/server-everything")}));
    }

    void snippetWithoutOuterBraces()
    {
        // Copied from "mcpServers" to its closing brace, as people do.
        const QByteArray fragment = R"("mcpServers": {"everything": {"command": "npx"}})";
        const McpConfigParse parse = parseMcpConfig(fragment);
        QVERIFY2(parse.ok(), qPrintable(parse.error));
        QCOMPARE(names(parse.servers), QStringList{QStringLiteral("everything")});
    }

    void refusedTextSaysWhereAndWhy()
    {
        const McpConfigParse broken = parseMcpConfig("{\n  \"mcpServers\": {\n    \"a\": [}\n}");
        QVERIFY(!broken.ok());
        QVERIFY2(broken.error.contains(QStringLiteral("not valid JSON"), Qt::CaseInsensitive),
                 qPrintable(broken.error));
        QVERIFY2(broken.error.contains(QStringLiteral("line 3")), qPrintable(broken.error));

        const McpConfigParse vsCode = parseMcpConfig(kEverythingVsCode);
        QVERIFY(!vsCode.ok());
        QVERIFY2(vsCode.error.contains(QStringLiteral("\"mcpServers\"")), qPrintable(vsCode.error));
        QVERIFY2(vsCode.error.contains(QStringLiteral("VS Code")), qPrintable(vsCode.error));

        // A bare object of servers is not accepted: the error names the wrapper it needs.
        const McpConfigParse bare = parseMcpConfig(R"({"everything": {"command": "npx"}})");
        QVERIFY(!bare.ok());
        QVERIFY2(bare.error.contains(QStringLiteral("\"mcpServers\"")), qPrintable(bare.error));
        QVERIFY(bare.servers.isEmpty());

        QVERIFY(!parseMcpConfig(R"({"mcpServers": []})").ok());
        QVERIFY(!parseMcpConfig(R"([1, 2])").ok());
        QVERIFY(!parseMcpConfig("").ok());
    }

    void badEntriesAreWarnings()
    {
        const McpConfigParse parse = parseMcpConfig(R"({"mcpServers": {
            "nocommand": {"args": ["x"]},
            "remote": {"url": "https:\/\/example.com/mcp"},
            "typed": {"type": "sse", "serverUrl": "https:\/\/example.com/sse"},
            "notobject": "npx foo",
            "argsstring": {"command": "npx", "args": "-y foo"},
            "numbers": {"command": "node", "args": ["server.js", 8080, true, null, {"a": 1}],
                        "env": {"PORT": 8080, "NAME": "x", "BAD": [1]}, "cwd": 3,
                        "disabled": "yes"},
            "good": {"command": "uvx", "args": ["mcp-server-time"]}
        }})");
        QVERIFY2(parse.ok(), qPrintable(parse.error));
        QCOMPARE(names(parse.servers),
                 (QStringList{QStringLiteral("numbers"), QStringLiteral("good")}));
        const QString all = parse.warnings.join(QLatin1Char('\n'));
        const auto warned = [&](const QString& name, const QString& text) {
            for (const QString& warning : parse.warnings) {
                if (warning.startsWith(QLatin1Char('"') + name + QLatin1Char('"'))
                    && warning.contains(text))
                    return true;
            }
            return false;
        };
        QVERIFY2(warned(QStringLiteral("nocommand"), QStringLiteral("no \"command\"")),
                 qPrintable(all));
        QVERIFY2(warned(QStringLiteral("remote"), QStringLiteral("remote server")),
                 qPrintable(all));
        QVERIFY2(warned(QStringLiteral("typed"), QStringLiteral("does not support remote")),
                 qPrintable(all));
        QVERIFY2(warned(QStringLiteral("notobject"), QStringLiteral("skipped")), qPrintable(all));
        QVERIFY2(warned(QStringLiteral("argsstring"), QStringLiteral("\"args\"")), qPrintable(all));
        QVERIFY2(warned(QStringLiteral("numbers"), QStringLiteral("argument 2")), qPrintable(all));
        QVERIFY2(warned(QStringLiteral("numbers"), QStringLiteral("PORT")), qPrintable(all));
        QVERIFY2(warned(QStringLiteral("numbers"), QStringLiteral("BAD")), qPrintable(all));
        QVERIFY2(warned(QStringLiteral("numbers"), QStringLiteral("\"cwd\"")), qPrintable(all));
        QVERIFY2(warned(QStringLiteral("numbers"), QStringLiteral("\"disabled\"")),
                 qPrintable(all));
        QVERIFY(!warned(QStringLiteral("good"), QString()));

        const McpServerConfig& numbers = parse.servers.front();
        QCOMPARE(numbers.args, (QStringList{QStringLiteral("server.js"), QStringLiteral("8080"),
                                            QStringLiteral("true")}));
        QCOMPARE(numbers.env.value(QStringLiteral("PORT")), QStringLiteral("8080"));
        QCOMPARE(numbers.env.value(QStringLiteral("NAME")), QStringLiteral("x"));
        QVERIFY(!numbers.env.contains(QStringLiteral("BAD")));
        QVERIFY(numbers.cwd.isEmpty());
        QVERIFY(numbers.enabled);
    }

    void claudeDesktopImportAndMerge()
    {
        const McpConfigParse parse = parseMcpConfig(kClaudeDesktop);
        QVERIFY2(parse.ok(), qPrintable(parse.error));
        QCOMPARE(names(parse.servers),
                 (QStringList{QStringLiteral("github"), QStringLiteral("everything")}));
        QCOMPARE(parse.warnings.size(), 1); // the remote one
        const McpServerConfig& github = parse.servers.front();
        QCOMPARE(github.env.value(QStringLiteral("GITHUB_PERSONAL_ACCESS_TOKEN")),
                 QStringLiteral("<YOUR_TOKEN>"));

        McpServerConfig oldGithub = server(QStringLiteral("github"), QStringLiteral("docker"));
        const McpServerConfig everything = parse.servers.at(1);
        const McpServerConfig mine = server(QStringLiteral("mine"), QStringLiteral("/opt/mine"));
        const McpMerge merge = mergeMcpServers({mine, oldGithub, everything}, parse.servers);
        QCOMPARE(names(merge.servers),
                 (QStringList{QStringLiteral("mine"), QStringLiteral("github"),
                              QStringLiteral("everything")}));
        QCOMPARE(merge.servers.at(1), github); // replaced in place
        QCOMPARE(merge.replaced, QStringList{QStringLiteral("github")});
        QCOMPARE(merge.unchanged, QStringList{QStringLiteral("everything")});
        QVERIFY(merge.added.isEmpty());

        const McpMerge fresh = mergeMcpServers({mine}, parse.servers);
        QCOMPARE(names(fresh.servers),
                 (QStringList{QStringLiteral("mine"), QStringLiteral("github"),
                              QStringLiteral("everything")}));
        QCOMPARE(fresh.added,
                 (QStringList{QStringLiteral("github"), QStringLiteral("everything")}));
        QVERIFY(fresh.replaced.isEmpty());
        QVERIFY(fresh.unchanged.isEmpty());
    }

    void everyFieldRoundTrips()
    {
        McpServerConfig full = server(QStringLiteral("files \u4e2d\u6587"), QStringLiteral("npx"),
                                      {QStringLiteral("-y"), QStringLiteral("a \"quoted\" arg")});
        full.env = {{QStringLiteral("TOKEN"), QStringLiteral("t0k3n")},
                    {QStringLiteral("EMPTY"), QString()}};
        full.cwd = QStringLiteral("/tmp/work dir");
        full.enabled = false;
        const McpServerConfig plain = server(QStringLiteral("plain"), QStringLiteral("uvx"));
        const QByteArray json = mcpConfigToJson({full, plain});

        const McpConfigParse parse = parseMcpConfig(json);
        QVERIFY2(parse.ok(), qPrintable(parse.error));
        QVERIFY(parse.warnings.isEmpty());
        QCOMPARE(parse.servers, (QList<McpServerConfig>{full, plain}));
        QCOMPARE(mcpConfigToJson(parse.servers), json); // byte-stable

        // The shape other clients read: "disabled" only when off, no empty env or cwd.
        const auto document = nlohmann::json::parse(json.toStdString(), nullptr, false);
        QVERIFY(!document.is_discarded());
        const auto& servers = document.at("mcpServers");
        QCOMPARE(servers.size(), std::size_t(2));
        const auto& disabled = servers.at("files \u4e2d\u6587");
        QVERIFY(disabled.at("disabled").get<bool>());
        QCOMPARE(disabled.at("cwd").get<std::string>(), std::string("/tmp/work dir"));
        const auto& enabled = servers.at("plain");
        QVERIFY(!enabled.contains("disabled"));
        QVERIFY(!enabled.contains("env"));
        QVERIFY(!enabled.contains("cwd"));
        QCOMPARE(enabled.at("command").get<std::string>(), std::string("uvx"));

        // "workingDirectory" is read too.
        const McpConfigParse alias = parseMcpConfig(
            R"({"mcpServers": {"w": {"command": "x", "workingDirectory": "/srv"}}})");
        QCOMPARE(alias.servers.front().cwd, QStringLiteral("/srv"));
    }

    void fileOrderIsKept()
    {
        const McpConfigParse parse = parseMcpConfig(
            R"({"mcpServers": {"zeta": {"command": "z"}, "alpha": {"command": "a"},
                               "mid": {"command": "m"}}})");
        QCOMPARE(names(parse.servers), (QStringList{QStringLiteral("zeta"), QStringLiteral("alpha"),
                                                    QStringLiteral("mid")}));
        const QByteArray json = mcpConfigToJson(parse.servers);
        QVERIFY(json.indexOf("zeta") < json.indexOf("alpha"));
        QVERIFY(json.indexOf("alpha") < json.indexOf("mid"));
    }

    void missingFileIsEmpty()
    {
        QTemporaryDir dir;
        const LoadedMcpConfig loaded = loadMcpConfig(dir.filePath(QStringLiteral("mcp.json")));
        QVERIFY(loaded.servers.isEmpty());
        QVERIFY(loaded.notice.isEmpty());
        QVERIFY(loaded.warnings.isEmpty());
    }

    void corruptFileIsMovedAside()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("mcp.json"));
        const QByteArray corrupt = "{\"mcpServers\": {\"a\": {\"command\": ";
        writeAll(path, corrupt);
        const LoadedMcpConfig loaded = loadMcpConfig(path);
        QVERIFY(loaded.servers.isEmpty());
        QVERIFY2(loaded.notice.contains(QStringLiteral("mcp.json")), qPrintable(loaded.notice));
        QVERIFY2(loaded.notice.contains(QStringLiteral("mcp.json.bak")), qPrintable(loaded.notice));
        QVERIFY2(loaded.notice.contains(QStringLiteral("not valid JSON")),
                 qPrintable(loaded.notice));
        QVERIFY(!QFileInfo::exists(path));
        QCOMPARE(readAll(path + QStringLiteral(".bak")), corrupt); // nothing of the user's is lost

        // The wrong shape is unusable too; "{}" and an empty file are just no servers.
        writeAll(path, kEverythingVsCode);
        QVERIFY(loadMcpConfig(path).notice.contains(QStringLiteral("VS Code")));
        writeAll(path, "{}\n");
        QVERIFY(loadMcpConfig(path).notice.isEmpty());
        QVERIFY(QFileInfo::exists(path));
        writeAll(path, "");
        QVERIFY(loadMcpConfig(path).notice.isEmpty());
    }

    void loadKeepsWarnings()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("mcp.json"));
        writeAll(path, kClaudeDesktop);
        const LoadedMcpConfig loaded = loadMcpConfig(path);
        QVERIFY(loaded.notice.isEmpty());
        QCOMPARE(names(loaded.servers),
                 (QStringList{QStringLiteral("github"), QStringLiteral("everything")}));
        QCOMPARE(loaded.warnings.size(), 1);
        QVERIFY(loaded.warnings.front().startsWith(QStringLiteral("\"remote\"")));
    }

    void saveIsAtomicAndByteStable()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("sub/mcp.json"));
        McpServerConfig withEnv = server(QStringLiteral("github"), QStringLiteral("npx"));
        withEnv.env.insert(QStringLiteral("TOKEN"), QStringLiteral("secret"));
        const QList<McpServerConfig> servers = {withEnv,
                                                parseMcpConfig(kEverythingReadme).servers.front()};
        QCOMPARE(saveMcpConfig(path, servers), QString());
        const QByteArray first = readAll(path);
        QCOMPARE(first, mcpConfigToJson(servers));
        QCOMPARE(loadMcpConfig(path).servers, servers);
        // Environment variables may be tokens: a new file is private.
        QCOMPARE(QFileInfo(path).permissions() & (QFile::ReadGroup | QFile::ReadOther),
                 QFileDevice::Permissions());
        QCOMPARE(saveMcpConfig(path, loadMcpConfig(path).servers), QString());
        QCOMPARE(readAll(path), first);
        // No temporary file is left next to it.
        QCOMPARE(QDir(dir.filePath(QStringLiteral("sub"))).entryList(QDir::Files | QDir::Hidden),
                 QStringList{QStringLiteral("mcp.json")});

        // A failed write leaves the old file as it was.
        const QString blocked = dir.filePath(QStringLiteral("blocked"));
        QVERIFY(QDir().mkpath(blocked + QStringLiteral("/mcp.json")));
        const QString error = saveMcpConfig(blocked + QStringLiteral("/mcp.json"), servers);
        QVERIFY2(error.startsWith(QStringLiteral("Could not save mcp.json")), qPrintable(error));
    }

    void saveKeepsWhatKeelDoesNotUse()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("mcp.json"));
        writeAll(path, R"({
  "note": "mine",
  "mcpServers": {
    "remote": {"type": "http", "url": "https:\/\/mcp.example.com/mcp"},
    "github": {
      "command": "npx",
      "args": ["-y", "@modelcontextprotocol/server-github"],
      "env": {"Z_LAST": "z", "A_FIRST": "a"},
      "autoApprove": ["list_issues"]
    },
    "gone": {"command": "old"}
  }
})");
        LoadedMcpConfig loaded = loadMcpConfig(path);
        QCOMPARE(names(loaded.servers),
                 (QStringList{QStringLiteral("github"), QStringLiteral("gone")}));
        QList<McpServerConfig> servers = {loaded.servers.front()}; // "gone" removed by the user
        servers[0].env.insert(QStringLiteral("M_NEW"), QStringLiteral("m"));
        QCOMPARE(saveMcpConfig(path, servers), QString());

        const QByteArray saved = readAll(path);
        const auto document = nlohmann::ordered_json::parse(saved.toStdString(), nullptr, false);
        QVERIFY(!document.is_discarded());
        QCOMPARE(document.at("note").get<std::string>(), std::string("mine"));
        const auto& entries = document.at("mcpServers");
        QVERIFY(!entries.contains("gone"));
        QVERIFY(entries.contains("remote")); // never shown, so never the user's choice to drop
        const auto& github = entries.at("github");
        QVERIFY(github.contains("autoApprove"));
        std::vector<std::string> order;
        for (auto it = github.at("env").begin(); it != github.at("env").end(); ++it)
            order.push_back(it.key());
        QCOMPARE(order, (std::vector<std::string>{"Z_LAST", "A_FIRST", "M_NEW"}));
        QCOMPARE(loadMcpConfig(path).servers, servers);
        QCOMPARE(saveMcpConfig(path, loadMcpConfig(path).servers), QString());
        QCOMPARE(readAll(path), saved);
    }

    void claudeDesktopPath()
    {
        const QString path = claudeDesktopConfigPath();
        QVERIFY(path.endsWith(QStringLiteral("/Claude/claude_desktop_config.json")));
#if defined(Q_OS_LINUX)
        QCOMPARE(path, QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation)
                           + QStringLiteral("/Claude/claude_desktop_config.json"));
#endif
    }
};

QTEST_GUILESS_MAIN(McpConfigTest)
#include "McpConfigTest.moc"
