// keel-bench: Keel's benchmarks side by side in one run, printed as one table and written as
// JSON (scripts/bench sets up the build, the npm packages and a private environment, then runs
// it). Streaming throughput and CPU per MB of keel ask, curl and the openai SDK on the same
// loopback stream; the app's GUI latency at 5,000 tokens/s, start-up, memory, CPU while
// streaming, and CPU and wake-ups at rest.
//
//   keel-bench [--quick] [--json FILE] [--only PHASES] [--keel PATH] [--node-modules DIR]
//              [--sdk-script FILE]
//
// PHASES: comma-separated from clients, latency, cpu, rest. Exit code 1 when any measurement
// failed (the table shows which), 2 on bad arguments.
#include "BenchClients.h"
#include "BenchGui.h"
#include "BenchHistory.h"
#include "BenchReport.h"
#include "BenchSupport.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QThread>

#include <cstdio>

using namespace keel::bench;

namespace {

void say(const QString& text)
{
    std::fprintf(stderr, "keel-bench: %s\n", qPrintable(text));
    std::fflush(stderr);
}

bool writeJson(const QString& path, const QJsonObject& json, QString* error)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = file.errorString();
        return false;
    }
    file.write(QJsonDocument(json).toJson(QJsonDocument::Indented));
    if (!file.commit()) {
        *error = file.errorString();
        return false;
    }
    return true;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("keel-bench"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Keel's benchmarks in one table."));
    parser.addHelpOption();
    const QCommandLineOption quick(QStringLiteral("quick"),
                                   QStringLiteral("Shorter runs (about a minute in all)."));
    const QCommandLineOption json(QStringLiteral("json"),
                                  QStringLiteral("Write the results to FILE."),
                                  QStringLiteral("FILE"), QStringLiteral(KEEL_BENCH_DEFAULT_JSON));
    const QCommandLineOption only(QStringLiteral("only"),
                                  QStringLiteral("Run only these phases: clients, latency, cpu, "
                                                 "rest (comma-separated)."),
                                  QStringLiteral("PHASES"));
    const QCommandLineOption keel(QStringLiteral("keel"), QStringLiteral("The keel binary."),
                                  QStringLiteral("PATH"), QStringLiteral(KEEL_BINARY));
    const QCommandLineOption nodeModules(
        QStringLiteral("node-modules"),
        QStringLiteral("node_modules with the openai package (scripts/mcp-servers)."),
        QStringLiteral("DIR"), QStringLiteral(KEEL_BENCH_NODE_MODULES));
    const QCommandLineOption sdkScript(
        QStringLiteral("sdk-script"), QStringLiteral("The openai SDK client script."),
        QStringLiteral("FILE"), QStringLiteral(KEEL_BENCH_SDK_SCRIPT));
    parser.addOptions({quick, json, only, keel, nodeModules, sdkScript});
    parser.process(app);

    const QStringList known{QStringLiteral("clients"), QStringLiteral("latency"),
                            QStringLiteral("cpu"), QStringLiteral("rest")};
    QStringList phases = known;
    if (parser.isSet(only)) {
        phases = parser.value(only).split(QLatin1Char(','), Qt::SkipEmptyParts);
        for (const QString& phase : std::as_const(phases)) {
            if (!known.contains(phase)) {
                say(QStringLiteral("unknown phase '%1' (known: %2)")
                        .arg(phase, known.join(QStringLiteral(", "))));
                return 2;
            }
        }
    }

    QTemporaryDir work;
    if (!work.isValid()) {
        say(QStringLiteral("cannot make a temporary directory: ") + work.errorString());
        return 1;
    }
    BenchConfig config;
    config.keel = parser.value(keel);
    config.nodeModules = parser.value(nodeModules);
    config.sdkScript = parser.value(sdkScript);
    config.workDir = work.path();
    config.quick = parser.isSet(quick);

    QList<Section> sections;
    const double started = monotonicSeconds();
    if (phases.contains(QStringLiteral("clients"))) {
        say(QStringLiteral("streaming throughput: keel ask, curl, openai SDK..."));
        sections << measureClients(config);
    }
    if (phases.contains(QStringLiteral("latency")) || phases.contains(QStringLiteral("cpu"))
        || phases.contains(QStringLiteral("rest"))) {
        Section heading;
        heading.key = QStringLiteral("app");
        heading.heading(
            QStringLiteral("The app: the real keel binary, offscreen, throwaway profiles"));
        sections << heading;
    }
    if (phases.contains(QStringLiteral("latency"))) {
        say(QStringLiteral("GUI latency at 5,000 tokens/s..."));
        sections << measureGuiLatency(config);
    }
    if (phases.contains(QStringLiteral("cpu"))) {
        say(QStringLiteral("CPU while a reply streams at 100 tokens/s..."));
        sections << measureStreamingCpu(config);
    }
    if (phases.contains(QStringLiteral("rest"))) {
        say(QStringLiteral("generating 10,000 conversations..."));
        const QString database = work.filePath(QStringLiteral("history.sqlite"));
        const BenchHistory history = generateHistory(database, 10'000, 5'000);
        if (!history.ok) {
            Section failed;
            failed.key = QStringLiteral("app_at_rest");
            failed.fail(QStringLiteral("cannot generate the history: ") + history.error);
            sections << failed;
        } else {
            say(QStringLiteral("%1 conversations, %2 messages in %3 s; start-up, memory, idle...")
                    .arg(history.conversations)
                    .arg(history.messages)
                    .arg(history.seconds, 0, 'f', 1));
            sections << measureStartAndRest(config, database, history.longConversationId);
        }
    }

    QJsonObject results{
        {QStringLiteral("date"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
        {QStringLiteral("quick"), config.quick},
        {QStringLiteral("cores"), QThread::idealThreadCount()},
        {QStringLiteral("kernel"), QSysInfo::kernelVersion()},
        {QStringLiteral("qt"), QString::fromLatin1(qVersion())},
        {QStringLiteral("duration_s"), monotonicSeconds() - started},
    };
    QStringList problems;
    for (const Section& section : std::as_const(sections)) {
        if (section.json.isEmpty() && section.problems.isEmpty())
            continue; // a heading only
        QJsonObject figures = section.json;
        if (!section.problems.isEmpty())
            figures.insert(QStringLiteral("problems"),
                           QJsonArray::fromStringList(section.problems));
        results.insert(section.key, figures);
        problems << section.problems;
    }

    const QString title =
        QStringLiteral("Keel benchmarks%1: %2 cores, Linux %3, Qt %4, %5")
            .arg(config.quick ? QStringLiteral(" (quick)") : QString())
            .arg(QThread::idealThreadCount())
            .arg(QSysInfo::kernelVersion(), QString::fromLatin1(qVersion()),
                 QDateTime::currentDateTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")));
    const QString table =
        renderTable(title,
                    {QString(), QStringLiteral("keel ask"), QStringLiteral("curl -N (floor)"),
                     QStringLiteral("openai SDK (node)")},
                    sections);
    std::fputs(qPrintable(table), stdout);
    for (const QString& problem : std::as_const(problems))
        std::printf("FAILED: %s\n", qPrintable(problem));

    const QString jsonPath = QFileInfo(parser.value(json)).absoluteFilePath();
    QString error;
    if (!writeJson(jsonPath, results, &error)) {
        say(QStringLiteral("cannot write %1: %2").arg(jsonPath, error));
        return 1;
    }
    std::printf("Results written to %s\n", qPrintable(jsonPath));
    std::fflush(stdout);
    return problems.isEmpty() ? 0 : 1;
}
