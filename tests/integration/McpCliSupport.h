// McpCliSupport: what the CLI tests of tools share: running the real keel binary with
// --profile in a temporary dir (no keychain, no proxies), the reference MCP servers installed by
// scripts/mcp-servers, writing an "mcpServers" file and importing it, reading JSON output.
#pragma once

#include "KeelCli.h"

#include <QByteArray>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>
#include <QtGlobal>

#include <memory>

namespace keel::test::cli {

inline constexpr int kRunMs = 60000; // a server's first start (node) can be slow on a busy machine

using Run = CliRun;

inline QProcessEnvironment childEnvironment()
{
    QProcessEnvironment env = cliEnvironment();
    env.insert(QStringLiteral("KEEL_TEST_KEY"), QStringLiteral("sk-mcp-cli"));
    return env;
}

inline Run runKeel(const QString& profile, const QStringList& arguments)
{
    return runKeelCli(profile, arguments, {}, childEnvironment(), kRunMs);
}

inline QString referenceServer(const QString& name)
{
    const QString path = QStringLiteral(KEEL_MCP_SERVERS_DIR "/node_modules/.bin/") + name;
    return QFileInfo(path).isExecutable() ? path : QString();
}

#define REQUIRE_REFERENCE_SERVER(var, name)                                                        \
    const QString var = referenceServer(QStringLiteral(name));                                     \
    if (var.isEmpty())                                                                             \
        QFAIL(name " is not installed under " KEEL_MCP_SERVERS_DIR                                 \
                   ": run scripts/test (it installs the reference MCP servers)");

inline QJsonObject server(const QString& command, const QStringList& args = {})
{
    return {{"command", command}, {"args", QJsonArray::fromStringList(args)}};
}

inline bool writeFile(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

inline QByteArray configFile(const QJsonObject& servers)
{
    return QJsonDocument(QJsonObject{{"globalShortcut", "Ctrl+Space"}, {"mcpServers", servers}})
        .toJson();
}

inline QJsonDocument parsed(const QByteArray& bytes)
{
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
    return error.error == QJsonParseError::NoError ? document : QJsonDocument();
}

// Every stdout line must be one JSON object.
inline QList<QJsonObject> jsonLines(const QByteArray& output)
{
    QList<QJsonObject> objects;
    for (const QByteArray& line : output.split('\n')) {
        if (line.trimmed().isEmpty())
            continue;
        const QJsonDocument document = parsed(line);
        if (!document.isObject())
            return {};
        objects << document.object();
    }
    return objects;
}

inline QStringList typesOf(const QList<QJsonObject>& events)
{
    QStringList types;
    for (const QJsonObject& event : events)
        types << event.value(QStringLiteral("type")).toString();
    return types;
}

inline QStringList namesOf(const QJsonArray& array)
{
    QStringList names;
    for (const QJsonValue& value : array)
        names << value.toObject().value(QStringLiteral("name")).toString();
    return names;
}

inline QString firstText(const QJsonObject& result)
{
    return result.value(QStringLiteral("content"))
        .toArray()
        .first()
        .toObject()
        .value(QStringLiteral("text"))
        .toString();
}

// A fresh profile per test, with servers imported the way a user would.
class CliProfile {
public:
    bool reset()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        return m_dir->isValid();
    }
    QString path() const { return m_dir->path(); }
    QString filePath(const QString& name) const { return m_dir->filePath(name); }

    bool importServers(const QJsonObject& servers) const
    {
        const QString file = filePath(QStringLiteral("import.json"));
        if (!writeFile(file, configFile(servers)))
            return false;
        const Run run = runKeel(path(), {QStringLiteral("mcp"), QStringLiteral("import"), file});
        if (run.exitCode != 0)
            qWarning("%s", qPrintable(describe(run)));
        return run.exitCode == 0;
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
};

} // namespace keel::test::cli
