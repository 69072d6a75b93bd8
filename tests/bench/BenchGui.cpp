// BenchGui: latency, start-up, memory and CPU of the real app.
#include "BenchGui.h"

#include "BenchStreams.h"
#include "BenchSupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>

#include <csignal>

namespace keel::bench {

namespace {

constexpr auto kModel = "bench-model";

QJsonArray toJson(const QList<double>& values)
{
    QJsonArray array;
    for (double value : values)
        array.append(value);
    return array;
}

// A fresh, empty profile directory under the work directory.
QString freshProfile(const BenchConfig& config, const QString& name)
{
    const QString path = config.workDir + QLatin1Char('/') + name;
    QDir(path).removeRecursively();
    QDir().mkpath(path);
    return path;
}

class KeelApp {
public:
    KeelApp(const BenchConfig& config, const QString& profile, const QString& baseUrl,
            const QStringList& extra)
    {
        m_process.setProcessEnvironment(childEnvironment());
        m_process.setProcessChannelMode(QProcess::SeparateChannels);
        m_process.setStandardOutputFile(QProcess::nullDevice());
        m_process.start(config.keel,
                        QStringList{QStringLiteral("--profile"), profile,
                                    QStringLiteral("--base-url"), baseUrl,
                                    QStringLiteral("--model"), QString::fromLatin1(kModel)}
                            + extra);
        if (!m_process.waitForStarted(10000))
            m_problem = QStringLiteral("keel did not start: ") + m_process.errorString();
    }
    ~KeelApp()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }

    qint64 pid() const { return m_process.processId(); }
    QString problem() const { return m_problem; }
    bool running() const { return m_problem.isEmpty(); }

    // Waits for the app to quit by itself (--quit-when-idle) with exit code 0.
    bool finish(int timeoutMs)
    {
        if (!running())
            return false;
        if (!m_process.waitForFinished(timeoutMs)) {
            m_problem = QStringLiteral("keel did not quit within %1 s").arg(timeoutMs / 1000);
            return false;
        }
        return exitedCleanly();
    }

    // SIGTERM, as a session manager ends an app: it must quit in order, with exit code 0.
    bool terminate()
    {
        if (!running())
            return false;
        ::kill(pid_t(pid()), SIGTERM);
        if (!m_process.waitForFinished(30000)) {
            m_problem = QStringLiteral("keel did not quit within 30 s of SIGTERM");
            return false;
        }
        return exitedCleanly();
    }

    void fail(const QString& problem) { m_problem = problem; }
    QByteArray standardError() { return m_process.readAllStandardError(); }

private:
    bool exitedCleanly()
    {
        m_stderr = m_process.readAllStandardError();
        if (m_process.exitStatus() != QProcess::NormalExit || m_process.exitCode() != 0) {
            m_problem = QStringLiteral("keel exited with %1: %2")
                            .arg(m_process.exitStatus() == QProcess::NormalExit
                                     ? QString::number(m_process.exitCode())
                                     : QStringLiteral("a crash"),
                                 QString::fromLocal8Bit(m_stderr.left(400)).trimmed());
            return false;
        }
        return true;
    }

    QProcess m_process;
    QString m_problem;
    QByteArray m_stderr;
};

QJsonObject readJson(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

// The app's start-up to its first painted conversation list (its own diagnostics).
std::optional<double> startupMs(const BenchConfig& config, const QString& profile,
                                const QString& baseUrl, QString* problem)
{
    const QString diagnostics = config.workDir + QStringLiteral("/startup.json");
    QFile::remove(diagnostics);
    KeelApp app(config, profile, baseUrl,
                {QStringLiteral("--quit-when-idle"), QStringLiteral("--diagnostics"), diagnostics});
    if (!app.finish(120000)) {
        *problem = app.problem();
        return std::nullopt;
    }
    const QJsonValue value = readJson(diagnostics).value(QStringLiteral("startup_ms"));
    if (!value.isDouble()) {
        *problem = QStringLiteral("the diagnostics hold no startup_ms");
        return std::nullopt;
    }
    return value.toDouble();
}

struct Rest {
    double rssMb = 0;
    double cpuPercent = 0;
    qint64 wakeups = 0;
    double seconds = 0;
    bool settled = false;
};

// Starts the app, waits until it has not woken up for 2 s (the caret stops blinking 10 s after
// the last input), then watches it for measureSeconds; ends it with SIGTERM.
std::optional<Rest> rest(const BenchConfig& config, const QString& profile, const QString& url,
                         const QStringList& extra, int measureSeconds, QString* problem)
{
    KeelApp app(config, profile, url, extra);
    if (!app.running()) {
        *problem = app.problem();
        return std::nullopt;
    }
    Rest figures;
    const ProcSample before = waitUntilQuiet(app.pid(), 2000, 60000, &figures.settled);
    if (!before.ok) {
        app.finish(1000);
        *problem = QStringLiteral("keel ended before it settled: ") + app.problem();
        return std::nullopt;
    }
    figures.rssMb = before.rssMb;
    if (measureSeconds > 0)
        waitMs(measureSeconds * 1000);
    const ProcSample after = sampleProcess(app.pid());
    if (!after.ok) {
        *problem = QStringLiteral("keel ended while idle");
        return std::nullopt;
    }
    figures.seconds = after.atSeconds - before.atSeconds;
    figures.cpuPercent = 100.0 * (after.cpuSeconds - before.cpuSeconds) / figures.seconds;
    figures.wakeups = after.wakeups - before.wakeups;
    const QByteArray errors = app.standardError();
    if (errors.contains("could not open conversation")) {
        *problem = QString::fromLocal8Bit(errors).trimmed();
        return std::nullopt;
    }
    if (!app.terminate()) {
        *problem = app.problem();
        return std::nullopt;
    }
    return figures;
}

} // namespace

Section measureGuiLatency(const BenchConfig& config)
{
    Section section;
    section.key = QStringLiteral("gui_latency");
    const int tokens = config.quick ? 10'000 : 50'000;
    const int runs = config.quick ? 1 : 3;
    const BenchStream stream = pacedStream(tokens, 50, 10); // 5,000 tokens/s
    test::LoopbackLlmServer server;
    serve(server, stream);
    QList<double> p99;
    QList<double> max;
    QList<double> rate;
    for (int r = 0; r < runs; ++r) {
        const QString diagnostics = config.workDir + QStringLiteral("/latency.json");
        QFile::remove(diagnostics);
        KeelApp app(
            config, freshProfile(config, QStringLiteral("latency-profile")), server.baseUrl(),
            {QStringLiteral("--send"), QStringLiteral("go"), QStringLiteral("--quit-when-idle"),
             QStringLiteral("--diagnostics"), diagnostics});
        if (!app.finish(300000)) {
            section.fail(app.problem());
            break;
        }
        const QJsonObject figures = readJson(diagnostics);
        const QJsonObject gui = figures.value(QStringLiteral("gui_latency_ms")).toObject();
        const QJsonObject turn =
            figures.value(QStringLiteral("turns")).toArray().first().toObject();
        if (turn.value(QStringLiteral("outcome")).toString() != QLatin1String("complete")
            || turn.value(QStringLiteral("gui_text_chars")).toInteger() != stream.textChars) {
            section.fail(
                QStringLiteral("the GUI did not get the whole reply: %1")
                    .arg(QString::fromUtf8(QJsonDocument(turn).toJson(QJsonDocument::Compact))));
            break;
        }
        p99 << gui.value(QStringLiteral("p99")).toDouble();
        max << gui.value(QStringLiteral("max")).toDouble();
        rate << tokens / (turn.value(QStringLiteral("duration_ms")).toDouble() / 1000.0);
    }
    if (section.problems.isEmpty()) {
        section.row(QStringLiteral("GUI latency at 5,000 tokens/s: p99 / max"),
                    {QStringLiteral("%1 / %2   (%3 tokens at %4 tokens/s, median of %5)")
                         .arg(fixed(median(p99), 1, QStringLiteral("ms")),
                              fixed(median(max), 1, QStringLiteral("ms")), grouped(tokens),
                              grouped(median(rate)))
                         .arg(runs)});
    } else {
        section.row(QStringLiteral("GUI latency at 5,000 tokens/s: p99 / max"),
                    {QStringLiteral("failed")});
    }
    section.json = QJsonObject{{QStringLiteral("tokens"), tokens},
                               {QStringLiteral("target_tokens_per_s"), 5000},
                               {QStringLiteral("tokens_per_s"), median(rate)},
                               {QStringLiteral("p99_ms"), median(p99)},
                               {QStringLiteral("max_ms"), median(max)},
                               {QStringLiteral("runs_p99_ms"), toJson(p99)},
                               {QStringLiteral("runs_max_ms"), toJson(max)}};
    return section;
}

Section measureStreamingCpu(const BenchConfig& config)
{
    Section section;
    section.key = QStringLiteral("streaming_cpu");
    // 100 tokens/s; the window starts 2 s into the stream and ends well before it does.
    const int windowSeconds = config.quick ? 4 : 18;
    const int tokens = (windowSeconds + 5) * 100;
    const BenchStream stream = pacedStream(tokens, 1, 10);
    test::LoopbackLlmServer server;
    serve(server, stream);
    KeelApp app(
        config, freshProfile(config, QStringLiteral("cpu-profile")), server.baseUrl(),
        {QStringLiteral("--send"), QStringLiteral("go"), QStringLiteral("--quit-when-idle")});
    double percent = -1;
    double rssMb = 0;
    if (!app.running()) {
        section.fail(app.problem());
    } else if (!server.waitForRequests(1, 60000)) {
        section.fail(QStringLiteral("keel sent no request within 60 s"));
    } else {
        waitMs(2000);
        const ProcSample before = sampleProcess(app.pid());
        waitMs(windowSeconds * 1000);
        const ProcSample after = sampleProcess(app.pid());
        if (!before.ok || !after.ok) {
            section.fail(QStringLiteral("keel ended while the reply streamed"));
        } else {
            percent = 100.0 * (after.cpuSeconds - before.cpuSeconds)
                      / (after.atSeconds - before.atSeconds);
            rssMb = after.rssMb;
        }
        if (!app.finish(120000))
            section.fail(app.problem());
    }
    section.row(QStringLiteral("CPU of the app while a reply streams at 100 tokens/s"),
                {percent < 0 ? QStringLiteral("failed")
                             : QStringLiteral("%1 of one core   (%2 s window; RSS then %3)")
                                   .arg(fixed(percent, 1, QStringLiteral("%")))
                                   .arg(windowSeconds)
                                   .arg(fixed(rssMb, 1, QStringLiteral("MB")))});
    section.json = QJsonObject{{QStringLiteral("tokens_per_s"), 100},
                               {QStringLiteral("window_s"), windowSeconds},
                               {QStringLiteral("cpu_percent_of_one_core"), percent},
                               {QStringLiteral("rss_mb"), rssMb}};
    return section;
}

Section measureStartAndRest(const BenchConfig& config, const QString& historyDatabase,
                            qint64 longConversationId)
{
    Section section;
    section.key = QStringLiteral("app_at_rest");
    const int runs = 3;
    const int idleSeconds = config.quick ? 10 : 60;
    // Answers the model list the app may ask for; no turn runs here.
    test::LoopbackLlmServer server;
    serve(server, fastStream(10));
    const QString url = server.baseUrl();

    // The history profile: the generated database where the app looks for it.
    const QString historyProfile = freshProfile(config, QStringLiteral("history-profile"));
    const QString dataDir = historyProfile + QStringLiteral("/data/keel");
    QDir().mkpath(dataDir);
    const QString database = dataDir + QStringLiteral("/keel.sqlite");
    if (!QFile::copy(historyDatabase, database)) {
        section.fail(QStringLiteral("cannot copy the generated history"));
        return section;
    }

    QString problem;
    QList<double> emptyStart;
    QList<double> historyStart;
    for (int r = 0; r < runs && problem.isEmpty(); ++r) {
        if (const auto ms = startupMs(config, freshProfile(config, QStringLiteral("empty-profile")),
                                      url, &problem))
            emptyStart << *ms;
        // Each run reads the history from the disk (binary and Qt stay cached).
        evictFromPageCache(database);
        if (problem.isEmpty()) {
            if (const auto ms = startupMs(config, historyProfile, url, &problem))
                historyStart << *ms;
        }
    }
    if (!problem.isEmpty())
        section.fail(QStringLiteral("start-up: ") + problem);
    section.row(QStringLiteral("Start-up to first paint, empty profile"),
                {emptyStart.size() == runs
                     ? QStringLiteral("%1   (median of %2)")
                           .arg(fixed(median(emptyStart), 0, QStringLiteral("ms")))
                           .arg(runs)
                     : QStringLiteral("failed")});
    section.row(QStringLiteral("Start-up to first paint, 10,000 conversations"),
                {historyStart.size() == runs
                     ? QStringLiteral("%1   (median of %2, history read from disk)")
                           .arg(fixed(median(historyStart), 0, QStringLiteral("ms")))
                           .arg(runs)
                     : QStringLiteral("failed")});

    problem.clear();
    const auto idle = rest(config, freshProfile(config, QStringLiteral("idle-profile")), url, {},
                           idleSeconds, &problem);
    if (!idle)
        section.fail(QStringLiteral("idle: ") + problem);
    problem.clear();
    const auto open =
        rest(config, historyProfile, url,
             {QStringLiteral("--open"), QString::number(longConversationId)}, 0, &problem);
    if (!open)
        section.fail(QStringLiteral("open: ") + problem);
    section.row(QStringLiteral("RSS idle (window open, settled)"),
                {idle ? fixed(idle->rssMb, 1, QStringLiteral("MB")) : QStringLiteral("failed")});
    section.row(QStringLiteral("RSS with a 5,000-message conversation open"),
                {open ? fixed(open->rssMb, 1, QStringLiteral("MB")) : QStringLiteral("failed")});
    section.row(QStringLiteral("Idle %1 s, nothing happening: CPU / wake-ups").arg(idleSeconds),
                {idle ? QStringLiteral("%1 of one core / %2 (all threads)%3")
                            .arg(fixed(idle->cpuPercent, 2, QStringLiteral("%")))
                            .arg(idle->wakeups)
                            .arg(idle->settled ? QString() : QStringLiteral(", never settled"))
                      : QStringLiteral("failed")});
    if (idle && !idle->settled)
        section.fail(QStringLiteral("idle: the app never stopped waking up"));

    section.json = QJsonObject{
        {QStringLiteral("startup_ms_empty_profile"), median(emptyStart)},
        {QStringLiteral("startup_ms_10000_conversations"), median(historyStart)},
        {QStringLiteral("runs_startup_ms_empty_profile"), toJson(emptyStart)},
        {QStringLiteral("runs_startup_ms_10000_conversations"), toJson(historyStart)},
        {QStringLiteral("idle_rss_mb"), idle ? idle->rssMb : -1},
        {QStringLiteral("open_5000_messages_rss_mb"), open ? open->rssMb : -1},
        {QStringLiteral("idle_seconds"), idle ? idle->seconds : -1},
        {QStringLiteral("idle_cpu_percent_of_one_core"), idle ? idle->cpuPercent : -1},
        {QStringLiteral("idle_wakeups"), idle ? idle->wakeups : -1},
        {QStringLiteral("idle_settled"), idle && idle->settled},
        {QStringLiteral("closed_cleanly_by_sigterm"), idle.has_value() && open.has_value()},
    };
    return section;
}

} // namespace keel::bench
