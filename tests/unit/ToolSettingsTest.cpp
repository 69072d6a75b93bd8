// ToolSettingsTest: tools.json: defaults, a full round trip, byte-stable sorted output without
// "ask" entries, lenient reading (clamped numbers, unknown policies, mistyped fields), the
// options a GUI turn gets, and the file on disk (missing, corrupt -> .bak with a notice, a
// failed save).
#include "tools/ToolSettings.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

using namespace keel::core;

namespace {

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

ToolSettings custom()
{
    ToolSettings settings;
    settings.enabled = false;
    settings.maxSteps = 25;
    settings.callTimeoutSeconds = 90;
    settings.policies = {{QStringLiteral("everything/echo"), ToolPolicy::Allow},
                         {QStringLiteral("keel/fetch_url"), ToolPolicy::Deny},
                         {QStringLiteral("filesystem/read_file"), ToolPolicy::Allow}};
    settings.disabledTools = {QStringLiteral("filesystem/write_file"),
                              QStringLiteral("everything/longRunningOperation")};
    return settings;
}

} // namespace

class ToolSettingsTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void defaults()
    {
        const ToolSettings settings;
        QVERIFY(settings.enabled);
        QCOMPARE(settings.maxSteps, 10);
        QCOMPARE(settings.callTimeoutSeconds, 0);
        const auto parsed = toolSettingsFromJson("{}", nullptr);
        QVERIFY(parsed);
        QCOMPARE(*parsed, settings);
    }

    void roundTripIsSortedAndByteStable()
    {
        const ToolSettings settings = custom();
        const QByteArray json = toolSettingsToJson(settings);
        QString error;
        const auto parsed = toolSettingsFromJson(json, &error);
        QVERIFY2(parsed, qPrintable(error));
        QCOMPARE(*parsed, settings);
        QCOMPARE(toolSettingsToJson(*parsed), json);

        const auto document = nlohmann::ordered_json::parse(json.toStdString(), nullptr, false);
        QVERIFY(!document.is_discarded());
        QCOMPARE(document.at("enabled").get<bool>(), false);
        QCOMPARE(document.at("maxSteps").get<int>(), 25);
        QCOMPARE(document.at("callTimeoutSeconds").get<int>(), 90);
        QCOMPARE(document.at("policies").at("everything/echo").get<std::string>(),
                 std::string("allow"));
        QCOMPARE(document.at("policies").at("keel/fetch_url").get<std::string>(),
                 std::string("deny"));
        std::vector<std::string> keys;
        for (auto it = document.at("policies").begin(); it != document.at("policies").end(); ++it)
            keys.push_back(it.key());
        QCOMPARE(keys, (std::vector<std::string>{"everything/echo", "filesystem/read_file",
                                                 "keel/fetch_url"}));
        QCOMPARE(
            document.at("disabledTools").get<std::vector<std::string>>(),
            (std::vector<std::string>{"everything/longRunningOperation", "filesystem/write_file"}));
    }

    void askIsNotStored()
    {
        ToolSettings settings;
        settings.policies.insert(QStringLiteral("a/b"), ToolPolicy::Ask);
        const QByteArray json = toolSettingsToJson(settings);
        QVERIFY2(!json.contains("a/b"), json.constData());
        QVERIFY(toolSettingsFromJson(json, nullptr)->policies.isEmpty());
    }

    void readingIsLenient()
    {
        const auto parsed = toolSettingsFromJson(R"({
            "enabled": "yes", "maxSteps": 500, "callTimeoutSeconds": -4,
            "policies": {"a/x": "ALLOW", "a/y": "sometimes", "a/z": 3, "a/w": "ask", "a/v": "deny"},
            "disabledTools": ["a/q", 7, ""], "future": {"x": 1}})",
                                                 nullptr);
        QVERIFY(parsed);
        QVERIFY(parsed->enabled); // mistyped: the default
        QCOMPARE(parsed->maxSteps, 50);
        QCOMPARE(parsed->callTimeoutSeconds, 0);
        QCOMPARE(parsed->policies.size(), 2);
        QCOMPARE(parsed->policies.value(QStringLiteral("a/x")), ToolPolicy::Allow);
        QCOMPARE(parsed->policies.value(QStringLiteral("a/v")), ToolPolicy::Deny);
        QCOMPARE(parsed->disabledTools, QSet<QString>{QStringLiteral("a/q")});

        QCOMPARE(toolSettingsFromJson(R"({"maxSteps": 0})", nullptr)->maxSteps, 1);
        QCOMPARE(toolSettingsFromJson(R"({"maxSteps": 7.9})", nullptr)->maxSteps, 7);

        QString error;
        QVERIFY(!toolSettingsFromJson("[1]", &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(!toolSettingsFromJson("{\n\"enabled\": tru\n}", &error));
        QVERIFY2(error.contains(QStringLiteral("line 2")), qPrintable(error));
    }

    void optionsForAGuiTurn()
    {
        const ToolOptions options = custom().options();
        QCOMPARE(options.enabled, false);
        QCOMPARE(options.maxSteps, 25);
        QCOMPARE(options.callTimeoutMs, 90'000);
        QVERIFY(options.canAsk);
        QCOMPARE(options.defaultPolicy, ToolPolicy::Ask);
        QCOMPARE(options.policyFor(QStringLiteral("everything/echo")), ToolPolicy::Allow);
        QCOMPARE(options.policyFor(QStringLiteral("keel/fetch_url")), ToolPolicy::Deny);
        QCOMPARE(options.policyFor(QStringLiteral("everything/add")), ToolPolicy::Ask);
        QVERIFY(options.disabledTools.contains(QStringLiteral("filesystem/write_file")));
        QCOMPARE(ToolSettings().options().callTimeoutMs, 0);
        QVERIFY(ToolSettings().options().enabled);
    }

    void fileOnDisk()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("config/tools.json"));
        const LoadedToolSettings missing = loadToolSettings(path);
        QCOMPARE(missing.settings, ToolSettings());
        QVERIFY(missing.notice.isEmpty());

        QCOMPARE(saveToolSettings(path, custom()), QString());
        const QByteArray first = readAll(path);
        const LoadedToolSettings loaded = loadToolSettings(path);
        QVERIFY(loaded.notice.isEmpty());
        QCOMPARE(loaded.settings, custom());
        QCOMPARE(saveToolSettings(path, loaded.settings), QString());
        QCOMPARE(readAll(path), first);

        writeAll(path, "{\"maxSteps\": ");
        const LoadedToolSettings corrupt = loadToolSettings(path);
        QCOMPARE(corrupt.settings, ToolSettings());
        QVERIFY2(corrupt.notice.contains(QStringLiteral("tools.json.bak")),
                 qPrintable(corrupt.notice));
        QVERIFY(!QFileInfo::exists(path));
        QCOMPARE(readAll(path + QStringLiteral(".bak")), QByteArray("{\"maxSteps\": "));

        const QString blocked = dir.filePath(QStringLiteral("blocked/tools.json"));
        QVERIFY(QDir().mkpath(blocked));
        QVERIFY(saveToolSettings(blocked, custom())
                    .startsWith(QStringLiteral("Could not save tools.json")));
    }
};

QTEST_GUILESS_MAIN(ToolSettingsTest)
#include "ToolSettingsTest.moc"
