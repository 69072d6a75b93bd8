// ProvidersCliTest: `keel providers list | add | remove` and `keel ask / models --provider N` as a
// user runs them, each with --profile in a temporary dir, against the loopback server.
//
// Built twice (tests/integration/CMakeLists.txt): ProvidersCliKeychainTest runs inside a private
// D-Bus session with an unlocked GNOME Keyring (KEEL_TEST_SECRET_SERVICE), so keys go to a real
// keychain; ProvidersCliTest gives every child a dead session bus, so there is no keychain and
// keys need --allow-secret-file. The key-absence and keychain tests run in the first, the
// no-keychain explanation in both.
#include "LoopbackLlmServer.h"
#include "settings/SecretStore.h"
#include "settings/SettingsFiles.h"
#include "store/Database.h"
#include "store/StorePaths.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <qt6keychain/keychain.h>

using namespace keel::test;
using namespace keel::core;

#include "tests/support/SecretTestSupport.h"

using keel::test::filesContaining;

namespace {

#ifdef KEEL_TEST_SECRET_SERVICE
constexpr bool kKeychain = true;
#else
constexpr bool kKeychain = false;
#endif

const QByteArray kKey = "sk-providers-cli-7f3a9c2e5b";

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

QProcessEnvironment childEnvironment(bool keychain)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char* name :
         {"OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GEMINI_API_KEY", "GOOGLE_API_KEY",
          "OPENROUTER_API_KEY", "DEEPSEEK_API_KEY", "OPENAI_BASE_URL", "ANTHROPIC_BASE_URL",
          "OLLAMA_HOST", "KEEL_MODEL", "http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY",
          "ALL_PROXY", "all_proxy"})
        env.remove(QString::fromLatin1(name));
    if (!keychain) // a bus that is not there: no keychain service, whatever the machine has
        env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                   QStringLiteral("unix:path=/nonexistent"));
    return env;
}

Run runKeel(const QString& profile, const QStringList& arguments, const QByteArray& input = {},
            bool keychain = kKeychain)
{
    QProcess process;
    process.setProcessEnvironment(childEnvironment(keychain));
    process.start(QStringLiteral(KEEL_BINARY),
                  QStringList{QStringLiteral("--profile"), profile} + arguments);
    Run run;
    if (!process.waitForStarted(10000))
        return run;
    process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(30000))
        process.kill();
    process.waitForFinished(5000);
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

// "providers list --json" -> {"providers", "list", "--json"}: for arguments without spaces.
QStringList words(const char* text)
{
    return QString::fromUtf8(text).split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

QString describe(const Run& run)
{
    return QStringLiteral("exit %1\nstdout: %2\nstderr: %3")
        .arg(run.exitCode)
        .arg(QString::fromUtf8(run.out), QString::fromUtf8(run.err));
}

// Where keel --profile DIR keeps a file: the same XDG redirection as applyProfile().
template <typename Fn>
QString inProfile(const QString& profile, const char* variable, const char* sub, Fn path)
{
    const QByteArray saved = qgetenv(variable);
    qputenv(variable, QDir(profile).filePath(QString::fromLatin1(sub)).toLocal8Bit());
    const QString result = path();
    qputenv(variable, saved);
    return result;
}

SettingsPaths settingsPathsIn(const QString& profile)
{
    SettingsPaths paths;
    paths.configDir = inProfile(profile, "XDG_CONFIG_HOME", "config",
                                [] { return defaultSettingsPaths().configDir; });
    return paths;
}

QJsonArray providersJson(const QString& profile)
{
    const Run run = runKeel(profile, words("providers list --json"));
    if (run.exitCode != 0)
        return {};
    return QJsonDocument::fromJson(run.out).array();
}

// Files under dir (recursively) whose bytes contain needle, except those in `allowed`.

QStringList addArguments(const QString& name, const QString& baseUrl, const QString& model)
{
    QStringList arguments{QStringLiteral("providers"),  QStringLiteral("add"),
                          QStringLiteral("--name"),     name,
                          QStringLiteral("--kind"),     QStringLiteral("openai"),
                          QStringLiteral("--base-url"), baseUrl};
    if (!model.isEmpty())
        arguments << QStringLiteral("--model") << model;
    return arguments;
}

// add with the key on stdin, where this build keeps keys (keychain or the opt-in file).
Run addWithKey(const QString& profile, const QString& name, const QString& baseUrl,
               const QString& model)
{
    QStringList arguments = addArguments(name, baseUrl, model) << QStringLiteral("--api-key-stdin");
    if (!kKeychain)
        arguments << QStringLiteral("--allow-secret-file");
    return runKeel(profile, arguments, kKey + '\n');
}

// What the keychain holds for (profile, provider id), read through QtKeychain as keel does.
struct KeychainRead {
    QKeychain::Error error = QKeychain::OtherError;
    QString value;
};

KeychainRead readKeychain(const QString& profile, const QString& providerId)
{
    QKeychain::ReadPasswordJob job(SecretStore::serviceNameFor(profile));
    job.setAutoDelete(false);
    job.setKey(apiKeySecretName(providerId));
    QSignalSpy finished(&job, &QKeychain::Job::finished);
    job.start();
    KeychainRead read;
    if (!finished.wait(10000))
        return read;
    read.error = job.error();
    read.value = job.textData();
    return read;
}

} // namespace

class ProvidersCliTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // As main.cpp names the application, so the default paths agree with the binary's.
        QCoreApplication::setApplicationName(QStringLiteral("keel"));
        QCoreApplication::setOrganizationName(QString());
    }

    void addListRemoveRoundTrip()
    {
        QTemporaryDir profile;
        Run run = runKeel(profile.path(), addArguments(QStringLiteral("Local AI"),
                                                       QStringLiteral("http://127.0.0.1:9/v1"),
                                                       QStringLiteral("model-one")));
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        QCOMPARE(QString::fromUtf8(run.out),
                 QStringLiteral("Added provider “Local AI” (openai, http://127.0.0.1:9/v1)\n"));
        QVERIFY(QFile::exists(settingsPathsIn(profile.path()).providersFile()));

        // --kind may be left out with a preset; the URL is then the preset's default.
        run = runKeel(profile.path(), words("providers add --preset ollama --name")
                                          << QStringLiteral("Home Ollama"));
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        QVERIFY(run.out.startsWith("Added provider “Home Ollama” (ollama, "));

        run = runKeel(profile.path(), words("providers list"));
        QCOMPARE(run.exitCode, 0);
        const QStringList lines =
            QString::fromUtf8(run.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        QVERIFY(lines[0].startsWith(QStringLiteral("NAME")));
        QCOMPARE(lines[1].simplified(),
                 QStringLiteral("Local AI openai http://127.0.0.1:9/v1 model-one yes none"));
        QVERIFY(lines[2].startsWith(QStringLiteral("Home Ollama")));

        QJsonArray providers = providersJson(profile.path());
        QCOMPARE(providers.size(), 2);
        const QJsonObject local = providers[0].toObject();
        QCOMPARE(local.value(QStringLiteral("name")).toString(), QStringLiteral("Local AI"));
        QCOMPARE(local.value(QStringLiteral("kind")).toString(), QStringLiteral("openai"));
        QCOMPARE(local.value(QStringLiteral("preset")).toString(), QString());
        QCOMPARE(local.value(QStringLiteral("baseUrl")).toString(),
                 QStringLiteral("http://127.0.0.1:9/v1"));
        QCOMPARE(local.value(QStringLiteral("defaultModel")).toString(),
                 QStringLiteral("model-one"));
        QCOMPARE(local.value(QStringLiteral("enabled")).toBool(), true);
        QCOMPARE(local.value(QStringLiteral("hasKey")).toBool(), false);
        QCOMPARE(local.value(QStringLiteral("models")).toArray().size(), 1);
        QVERIFY(!local.value(QStringLiteral("id")).toString().isEmpty());
        const QJsonObject ollama = providers[1].toObject();
        QCOMPARE(ollama.value(QStringLiteral("kind")).toString(), QStringLiteral("ollama"));
        QCOMPARE(ollama.value(QStringLiteral("preset")).toString(), QStringLiteral("ollama"));

        // By name, case-insensitively, and by id.
        run = runKeel(profile.path(), words("providers remove") << QStringLiteral("local ai"));
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        QCOMPARE(providersJson(profile.path()).size(), 1);
        run = runKeel(profile.path(), words("providers remove")
                                          << ollama.value(QStringLiteral("id")).toString());
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        run = runKeel(profile.path(), words("providers list --json"));
        QCOMPARE(run.exitCode, 0);
        QVERIFY(QJsonDocument::fromJson(run.out).isArray());
        QVERIFY(QJsonDocument::fromJson(run.out).array().isEmpty());

        run = runKeel(profile.path(), words("providers remove") << QStringLiteral("Local AI"));
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("Local AI"), run.err.constData());
    }

    void invalidUrlAndDuplicateNameAreRefused()
    {
        QTemporaryDir profile;
        Run run = runKeel(profile.path(), addArguments(QStringLiteral("Broken"),
                                                       QStringLiteral("ftp://example.com"), {}));
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.startsWith("keel: ") && run.err.toLower().contains("url"),
                 run.err.constData());
        run = runKeel(profile.path(),
                      addArguments(QStringLiteral("Broken"), QStringLiteral("not a url"), {}));
        QCOMPARE(run.exitCode, 2);
        QVERIFY(providersJson(profile.path()).isEmpty());

        run = runKeel(profile.path(), addArguments(QStringLiteral("Twin"),
                                                   QStringLiteral("http://127.0.0.1:9/v1"), {}));
        QCOMPARE(run.exitCode, 0);
        run = runKeel(profile.path(), addArguments(QStringLiteral("twin"),
                                                   QStringLiteral("http://127.0.0.1:8/v1"), {}));
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.startsWith("keel: ") && run.err.toLower().contains("twin"),
                 run.err.constData());
        QCOMPARE(providersJson(profile.path()).size(), 1);
    }

    void corruptProvidersFileIsMovedAsideWithANotice()
    {
        QTemporaryDir profile;
        const SettingsPaths paths = settingsPathsIn(profile.path());
        QVERIFY(QDir().mkpath(paths.configDir));
        QFile file(paths.providersFile());
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{ not json");
        file.close();
        const Run run = runKeel(profile.path(), words("providers list --json"));
        QCOMPARE(run.exitCode, 0);
        QVERIFY(QJsonDocument::fromJson(run.out).array().isEmpty());
        QVERIFY2(run.err.contains("providers.json") && run.err.contains(".bak"),
                 run.err.constData());
        QVERIFY(QFile::exists(paths.providersFile() + QStringLiteral(".bak")));
    }

    void usageErrorsExitWith2()
    {
        QTemporaryDir profile;
        for (const char* arguments :
             {"providers", "providers frob", "providers remove", "providers add --kind openai",
              "providers add --name x", "providers add --name x --kind cobol",
              "providers add --name x --kind openai --allow-secret-file", "providers list --name x",
              "ask --provider x --base-url http://127.0.0.1:9/v1 hi"}) {
            const Run run = runKeel(profile.path(), words(arguments));
            QVERIFY2(run.exitCode == 2,
                     qPrintable(QString::fromUtf8(arguments) + QLatin1Char('\n') + describe(run)));
            QVERIFY(run.err.startsWith("keel: "));
        }
        // An empty key is refused, and nothing is saved.
        const Run run =
            runKeel(profile.path(),
                    addArguments(QStringLiteral("x"), QStringLiteral("http://127.0.0.1:9/v1"), {})
                        << QStringLiteral("--api-key-stdin"),
                    "\n");
        QCOMPARE(run.exitCode, 2);
        QVERIFY(providersJson(profile.path()).isEmpty());
        // --provider names a provider that must exist.
        const Run unknown = runKeel(profile.path(), words("ask --provider nope hi"));
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY2(unknown.err.contains("nope"), unknown.err.constData());
    }

    void askAndModelsUseTheStoredKeyAndDefaultModel()
    {
        QTemporaryDir profile;
        LoopbackLlmServer server;
        server.setDefault(Response::openAiStream({QStringLiteral("Hi "), QStringLiteral("there")}));
        server.setRoute("/v1/models",
                        Response::body(200, R"({"object":"list","data":[{"id":"alpha"},)"
                                            R"({"id":"beta"}]})"));
        Run run = addWithKey(profile.path(), QStringLiteral("Loop"), server.baseUrl(),
                             QStringLiteral("test-model"));
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        QVERIFY(!run.out.contains(kKey) && !run.err.contains(kKey));

        run = runKeel(profile.path(), words("ask --provider loop Hello?"));
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        QCOMPARE(run.out, QByteArray("Hi there\n"));
        QCOMPARE(server.requests().value(0).header("authorization"), "Bearer " + kKey);
        QCOMPARE(server.requests().value(0).jsonBody().value(QStringLiteral("model")).toString(),
                 QStringLiteral("test-model"));

        // --model wins over the provider's default.
        run = runKeel(profile.path(), words("ask --provider Loop --model other Hello?"));
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        QCOMPARE(server.requests().value(1).jsonBody().value(QStringLiteral("model")).toString(),
                 QStringLiteral("other"));

        // Without --provider: the configured default model's provider.
        run = runKeel(profile.path(), words("ask Hello?"));
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        QCOMPARE(server.requests().value(2).header("authorization"), "Bearer " + kKey);
        QCOMPARE(server.requests().value(2).jsonBody().value(QStringLiteral("model")).toString(),
                 QStringLiteral("test-model"));

        // Flags that describe a provider win over the configured ones: no stored key goes out.
        run = runKeel(profile.path(),
                      {QStringLiteral("ask"), QStringLiteral("--base-url"), server.baseUrl(),
                       QStringLiteral("--model"), QStringLiteral("m"), QStringLiteral("Hello?")});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        QVERIFY(!server.requests().value(3).header("authorization").contains(kKey));

        run = runKeel(profile.path(), words("models --provider Loop"));
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        QCOMPARE(run.out, QByteArray("alpha\nbeta\n"));
        QCOMPARE(server.requests().value(4).path, QByteArray("/v1/models"));
        QCOMPARE(server.requests().value(4).header("authorization"), "Bearer " + kKey);
    }

    void configuredNetworkAndChatDefaultsApply()
    {
        QTemporaryDir profile;
        LoopbackLlmServer server;
        Run run = runKeel(profile.path(), addArguments(QStringLiteral("Slow"), server.baseUrl(),
                                                       QStringLiteral("m")));
        QCOMPARE(run.exitCode, 0);
        const SettingsPaths paths = settingsPathsIn(profile.path());
        GeneralSettings general = loadGeneralSettings(paths.settingsFile()).value;
        general.network.idleTimeoutMs = 1000;
        general.chatDefaults.systemPrompt = QStringLiteral("Be brief.");
        QCOMPARE(saveGeneralSettings(paths.settingsFile(), general), QString());

        // Two seconds of silence: more than the configured idle timeout.
        server.setDefault(
            Response::sse({Step::sendHeaders(), Step::delay(2000),
                           Step::send(LoopbackLlmServer::openAiChunk(QStringLiteral("ok"))),
                           Step::send(LoopbackLlmServer::openAiFinish()),
                           Step::send(LoopbackLlmServer::openAiDone())}));
        run = runKeel(profile.path(), words("ask --provider Slow hi"));
        QCOMPARE(run.exitCode, 1);
        const QJsonArray messages =
            server.requests().value(0).jsonBody().value(QStringLiteral("messages")).toArray();
        QCOMPARE(messages.first().toObject().value(QStringLiteral("content")).toString(),
                 QStringLiteral("Be brief."));

        // The flags win over the settings.
        const int before = server.requestCount();
        run = runKeel(profile.path(), {QStringLiteral("ask"), QStringLiteral("--provider"),
                                       QStringLiteral("Slow"), QStringLiteral("--idle-timeout"),
                                       QStringLiteral("30"), QStringLiteral("--system"),
                                       QStringLiteral("Be thorough."), QStringLiteral("hi")});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        QCOMPARE(run.out, QByteArray("ok\n"));
        QCOMPARE(server.requestCount(), before + 1);
        const QJsonArray second =
            server.requests().last().jsonBody().value(QStringLiteral("messages")).toArray();
        QCOMPARE(second.first().toObject().value(QStringLiteral("content")).toString(),
                 QStringLiteral("Be thorough."));
    }

    void keyIsInTheKeychainAndNowhereElse()
    {
        if (!kKeychain)
            QSKIP("needs the Secret Service (runs as ProvidersCliKeychainTest)");
        QTemporaryDir profile;
        LoopbackLlmServer server;
        server.setDefault(Response::openAiStream({QStringLiteral("Sure.")}));
        Run run = addWithKey(profile.path(), QStringLiteral("Vault"), server.baseUrl(),
                             QStringLiteral("test-model"));
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        QVERIFY2(!run.err.contains("warning"), run.err.constData());

        const QJsonArray providers = providersJson(profile.path());
        QCOMPARE(providers.size(), 1);
        const QJsonObject vault = providers[0].toObject();
        QCOMPARE(vault.value(QStringLiteral("hasKey")).toBool(), true);
        QCOMPARE(vault.value(QStringLiteral("keyStore")).toString(), QStringLiteral("keychain"));
        const QString id = vault.value(QStringLiteral("id")).toString();
        const KeychainRead stored = readKeychain(profile.path(), id);
        QCOMPARE(stored.error, QKeychain::NoError);
        QCOMPARE(stored.value.toUtf8(), kKey);

        // A conversation with that provider, so there is something for history to show.
        run = runKeel(profile.path(), words("ask --provider Vault Hello?"));
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        QCOMPARE(server.requests().value(0).header("authorization"), "Bearer " + kKey);
        const QString databasePath = inProfile(profile.path(), "XDG_DATA_HOME", "data",
                                               [] { return defaultDatabasePath(); });
        qint64 conversation = 0;
        {
            Database db;
            QVERIFY(db.open(databasePath));
            ConversationSettings settings;
            settings.model = {id, QStringLiteral("test-model")};
            conversation = db.createConversation(QStringLiteral("Vault chat"),
                                                 conversationSettingsToJson(settings))
                               ->id;
            StoredMessage question;
            question.conversationId = conversation;
            question.role = Role::User;
            question.content = QStringLiteral("Hello?");
            const qint64 q = db.appendMessage(question)->id;
            StoredMessage answer = question;
            answer.parentId = q;
            answer.role = Role::Assistant;
            answer.content = QString::fromUtf8(run.out).trimmed();
            QVERIFY(db.appendMessage(answer));
        }

        QList<Run> outputs;
        outputs << runKeel(profile.path(),
                           {QStringLiteral("history"), QStringLiteral("show"),
                            QString::number(conversation), QStringLiteral("--json")});
        QVERIFY2(outputs.last().exitCode == 0, qPrintable(describe(outputs.last())));
        QVERIFY(outputs.last().out.contains("Sure."));
        outputs << runKeel(profile.path(), words("providers list --json"));
        outputs << runKeel(profile.path(), words("providers list"));
        outputs << runKeel(profile.path(), words("models --provider Vault --json"));
        for (const Run& output : std::as_const(outputs)) {
            QVERIFY2(!output.out.contains(kKey), output.out.constData());
            QVERIFY2(!output.err.contains(kKey), output.err.constData());
        }
        const QStringList leaks = filesContaining(profile.path(), kKey);
        QVERIFY2(leaks.isEmpty(), qPrintable(leaks.join(QLatin1Char('\n'))));
        QVERIFY(!QFile::exists(settingsPathsIn(profile.path()).secretFile()));

        // remove takes the key out of the keychain too.
        run = runKeel(profile.path(), words("providers remove Vault"));
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        QCOMPARE(readKeychain(profile.path(), id).error, QKeychain::EntryNotFound);
    }

    void withoutKeychainTheKeyNeedsTheOptIn()
    {
        QTemporaryDir profile;
        const SettingsPaths paths = settingsPathsIn(profile.path());
        const QStringList arguments =
            addArguments(QStringLiteral("Filed"), QStringLiteral("http://127.0.0.1:9/v1"),
                         QStringLiteral("m"))
            << QStringLiteral("--api-key-stdin");
        Run run = runKeel(profile.path(), arguments, kKey + '\n', false);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("keychain") && run.err.contains("--allow-secret-file"),
                 run.err.constData());
        QVERIFY(!run.out.contains(kKey) && !run.err.contains(kKey));
        QVERIFY(providersJson(profile.path()).isEmpty()); // nothing half-added
        QVERIFY(!QFile::exists(paths.secretFile()));

        run =
            runKeel(profile.path(), QStringList(arguments) << QStringLiteral("--allow-secret-file"),
                    kKey + '\n', false);
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        QVERIFY(run.out.startsWith("Added provider “Filed”"));
        QVERIFY2(run.err.contains("warning") && run.err.contains(paths.secretFile().toUtf8()),
                 run.err.constData());
        QVERIFY(!run.out.contains(kKey) && !run.err.contains(kKey));
        QVERIFY(QFile::exists(paths.secretFile()));
        QCOMPARE(QFile::permissions(paths.secretFile())
                     & (QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup
                        | QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther
                        | QFileDevice::ExeOwner),
                 QFileDevice::Permissions());
        QVERIFY(QFile::permissions(paths.secretFile()).testFlag(QFileDevice::ReadOwner));
        const QStringList leaks =
            filesContaining(profile.path(), kKey, {QFileInfo(paths.secretFile()).fileName()});
        QVERIFY2(leaks.isEmpty(), qPrintable(leaks.join(QLatin1Char('\n'))));

        // The opt-in is kept: the next key goes to the file without asking again.
        run = runKeel(
            profile.path(),
            addArguments(QStringLiteral("Second"), QStringLiteral("http://127.0.0.1:8/v1"), {})
                << QStringLiteral("--api-key-stdin"),
            "sk-second\n", false);
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        const Run listed = runKeel(profile.path(), words("providers list --json"), {}, false);
        const QJsonArray providers = QJsonDocument::fromJson(listed.out).array();
        QCOMPARE(providers.size(), 2);
        QCOMPARE(providers[0].toObject().value(QStringLiteral("keyStore")).toString(),
                 QStringLiteral("file"));
        QVERIFY(!listed.out.contains(kKey));
    }
};

QTEST_GUILESS_MAIN(ProvidersCliTest)
#include "ProvidersCliTest.moc"
