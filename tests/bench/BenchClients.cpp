// BenchClients: throughput and CPU per MB of keel ask, curl and the openai SDK.
#include "BenchClients.h"

#include "BenchStreams.h"
#include "BenchSupport.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>

#include <functional>

namespace keel::bench {

namespace {

QJsonArray toJson(const QList<double>& values)
{
    QJsonArray array;
    for (double value : values)
        array.append(value);
    return array;
}

struct Client {
    QString key;
    QString program;
    // The arguments for a run; the output goes to the file the run names.
    std::function<QStringList()> arguments;
    QList<double> tokensPerSecond{};
    QList<double> cpuPerMb{};
    QList<double> wall{};
    QString problem{};
};

} // namespace

Section measureClients(const BenchConfig& config)
{
    Section section;
    section.key = QStringLiteral("streaming_clients");
    const int tokens = config.quick ? 100'000 : 500'000;
    const int runs = 3;
    const BenchStream stream = fastStream(tokens);
    test::LoopbackLlmServer server;
    if (!server.isListening()) {
        section.fail(QStringLiteral("the loopback server cannot listen: ") + server.errorString());
        return section;
    }
    serve(server, stream);
    const QString url = server.baseUrl();
    const QString profile = config.workDir + QStringLiteral("/ask-profile");
    QDir().mkpath(profile);
    QProcessEnvironment env = childEnvironment();
    env.insert(QStringLiteral("OPENAI_API_KEY"), QStringLiteral("bench-key"));
    const QByteArray request =
        R"({"model":"bench-model","stream":true,"messages":[{"role":"user","content":"go"}]})";

    QList<Client> clients{
        {QStringLiteral("keel_ask"), config.keel,
         [&] {
             return QStringList{QStringLiteral("--profile"),
                                profile,
                                QStringLiteral("ask"),
                                QStringLiteral("--base-url"),
                                url,
                                QStringLiteral("--model"),
                                QStringLiteral("bench-model"),
                                QStringLiteral("--no-tools"),
                                QStringLiteral("go")};
         }},
        {QStringLiteral("curl"), config.curl,
         [&] {
             return QStringList{QStringLiteral("-N"),
                                QStringLiteral("-sS"),
                                QStringLiteral("--fail"),
                                QStringLiteral("--noproxy"),
                                QStringLiteral("*"),
                                QStringLiteral("-H"),
                                QStringLiteral("Content-Type: application/json"),
                                QStringLiteral("-H"),
                                QStringLiteral("Authorization: Bearer bench-key"),
                                QStringLiteral("--data-raw"),
                                QString::fromLatin1(request),
                                url + QStringLiteral("/chat/completions")};
         }},
        {QStringLiteral("openai_sdk"), config.node,
         [&] {
             return QStringList{config.sdkScript, config.nodeModules, url,
                                QStringLiteral("bench-model"), QString::number(stream.textChars)};
         }},
    };

    // Once into a file, to see that each client gets the whole reply (the SDK script checks
    // its own count on every run); then the timed runs, interleaved, into /dev/null.
    const QString errors = config.workDir + QStringLiteral("/client-stderr.txt");
    for (Client& client : clients) {
        const QString output = config.workDir + QStringLiteral("/client-output.txt");
        const ChildRun run = runToEnd(client.program, client.arguments(), env, output, errors);
        const qint64 size = QFileInfo(output).size();
        // curl writes the body as sent; keel ask the text, and a newline unless it ends in one.
        const bool isCurl = client.key == QLatin1String("curl");
        const bool isAsk = client.key == QLatin1String("keel_ask");
        const bool sizeOk = isCurl  ? size == stream.bodyBytes
                            : isAsk ? size == stream.textChars || size == stream.textChars + 1
                                    : true;
        if (!run.started) {
            client.problem = QStringLiteral("cannot start %1: %2").arg(client.program, run.error);
        } else if (run.exitCode != 0) {
            QFile file(errors);
            file.open(QIODevice::ReadOnly);
            client.problem = QStringLiteral("%1 exited with %2: %3")
                                 .arg(client.key)
                                 .arg(run.exitCode)
                                 .arg(QString::fromLocal8Bit(file.readAll().left(400)).trimmed());
        } else if (!sizeOk) {
            client.problem = QStringLiteral("%1 wrote %2 bytes, expected %3")
                                 .arg(client.key)
                                 .arg(size)
                                 .arg(isCurl ? stream.bodyBytes : stream.textChars);
        }
        QFile::remove(output);
    }
    for (int r = 0; r < runs; ++r) {
        for (Client& client : clients) {
            if (!client.problem.isEmpty())
                continue;
            const ChildRun run = runToEnd(client.program, client.arguments(), env,
                                          QStringLiteral("/dev/null"), errors);
            if (!run.started || run.exitCode != 0) {
                client.problem = QStringLiteral("%1 failed on timed run %2 (exit %3)")
                                     .arg(client.key)
                                     .arg(r + 1)
                                     .arg(run.exitCode);
                continue;
            }
            client.tokensPerSecond.append(tokens / run.wallSeconds);
            client.cpuPerMb.append(run.cpuSeconds / (double(stream.bodyBytes) / 1e6));
            client.wall.append(run.wallSeconds);
        }
    }

    section.heading(
        QStringLiteral("Streaming over loopback: %1 tokens, %2 of SSE, median of %3")
            .arg(grouped(tokens), fixed(double(stream.bodyBytes) / 1e6, 1, QStringLiteral("MB")))
            .arg(runs));
    QStringList rate;
    QStringList cpu;
    QStringList wall;
    QJsonObject json{{QStringLiteral("tokens"), tokens},
                     {QStringLiteral("body_bytes"), stream.bodyBytes},
                     {QStringLiteral("runs"), runs}};
    for (const Client& client : clients) {
        if (!client.problem.isEmpty()) {
            section.fail(client.problem);
            rate << QStringLiteral("failed");
            cpu << QStringLiteral("failed");
            wall << QStringLiteral("failed");
            json.insert(client.key, QJsonObject{{QStringLiteral("error"), client.problem}});
            continue;
        }
        const double tokensPerSecond = median(client.tokensPerSecond);
        const double cpuPerMb = median(client.cpuPerMb);
        const double wallSeconds = median(client.wall);
        rate << grouped(tokensPerSecond);
        cpu << fixed(cpuPerMb * 1000.0, 2, QStringLiteral("ms"));
        wall << fixed(wallSeconds, 2, QStringLiteral("s"));
        json.insert(
            client.key,
            QJsonObject{{QStringLiteral("tokens_per_s"), tokensPerSecond},
                        {QStringLiteral("cpu_s_per_mb"), cpuPerMb},
                        {QStringLiteral("wall_s"), wallSeconds},
                        {QStringLiteral("runs_tokens_per_s"), toJson(client.tokensPerSecond)},
                        {QStringLiteral("runs_cpu_s_per_mb"), toJson(client.cpuPerMb)}});
    }
    section.row(QStringLiteral("tokens/s (wall, process start to exit)"), rate);
    section.row(QStringLiteral("CPU per MB of response (user+sys)"), cpu);
    section.row(QStringLiteral("wall time per run"), wall);
    section.json = json;
    return section;
}

} // namespace keel::bench
