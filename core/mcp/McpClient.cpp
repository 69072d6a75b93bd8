// McpClient: the life of one stdio MCP server on the core loop — its process started with
// QProcess (command resolved on PATH, env, cwd), its output split into lines, its exit or crash
// turned into a clear error, stop() by closing stdin then terminate then kill — all
// event-driven (QProcess signals and timers; nothing waits). The protocol on top is in
// McpClientSession.cpp, the JSON-RPC lines in McpMessages, the log file in McpServerLog.
#include "mcp/McpClientPrivate.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QPointer>
#include <QStandardPaths>

namespace keel::core {

namespace {

// The translation context of this file's user-visible messages: free functions and plain
// classes have no tr() of their own.
struct McpClientText {
    Q_DECLARE_TR_FUNCTIONS(McpClient)
};

constexpr int kGraceTerminateMs = 2000;
constexpr int kGraceKillMs = 5000;
// SIGKILL cannot be caught, so a killed server is gone as soon as the kernel has torn it down
// (well under a millisecond to a few ms); the cap only matters for a process stuck in
// uninterruptible I/O.
constexpr int kReapAfterKillMs = 250;

QString expandHome(const QString& path)
{
    if (path == QLatin1String("~"))
        return QDir::homePath();
    if (path.startsWith(QLatin1String("~/")))
        return QDir::homePath() + path.mid(1);
    return path;
}

} // namespace

void McpClient::Private::start()
{
    if (state == McpServerState::Starting || state == McpServerState::Ready)
        return;
    if (state == McpServerState::Failed)
        log.note(QStringLiteral("restarting"));
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (auto it = config.env.cbegin(); it != config.env.cend(); ++it)
        env.insert(it.key(), it.value());
    const QString cwd = config.cwd.isEmpty() ? QDir::homePath() : expandHome(config.cwd);
    QString error;
    const QString program = resolveProgram(env, cwd, &error);
    if (program.isEmpty())
        return fail(error);
    if (!QFileInfo(cwd).isDir())
        return fail(McpClientText::tr("Could not start \"%1\": the working directory \"%2\" "
                                      "does not exist")
                        .arg(config.command, cwd));

    state = McpServerState::Starting;
    message.clear();
    lastStderr.clear();
    out = McpLineSplitter();
    err = McpLineSplitter(1024 * 1024);
    log.note(QStringLiteral("starting %1 %2 in %3")
                 .arg(program, config.args.join(QLatin1Char(' ')), cwd));
    if (!config.env.isEmpty()) // names only: values often hold API keys
        log.note(QStringLiteral("environment adds %1 (values not logged)")
                     .arg(QStringList(config.env.keys()).join(QStringLiteral(", "))));

    auto* p = new QProcess(q);
    p->setProgram(program);
    p->setArguments(config.args);
    p->setProcessEnvironment(env);
    p->setWorkingDirectory(cwd);
    QObject::connect(p, &QProcess::started, q, [this, p] {
        if (p == process)
            onStarted();
    });
    QObject::connect(p, &QProcess::readyReadStandardOutput, q, [this, p] {
        if (p == process)
            readStdout();
    });
    QObject::connect(p, &QProcess::readyReadStandardError, q, [this, p] {
        if (p == process)
            readStderr();
    });
    QObject::connect(p, &QProcess::finished, q, [this, p](int code, QProcess::ExitStatus status) {
        if (p == process)
            onFinished(code, status);
    });
    QObject::connect(p, &QProcess::errorOccurred, q, [this, p](QProcess::ProcessError e) {
        if (p == process)
            onError(e);
    });
    process = p;
    startTimer->start(startTimeoutMs());
    const QPointer<McpClient> alive(q);
    emitStatus();
    if (alive && process == p) // a listener may have stopped it already
        p->start();
}

QString McpClient::Private::resolveProgram(const QProcessEnvironment& env, const QString& cwd,
                                           QString* error)
{
    const QString command = expandHome(config.command.trimmed());
    if (command.isEmpty()) {
        *error = McpClientText::tr("%1 has no command to start").arg(label());
        return {};
    }
    if (command.contains(QLatin1Char('/'))) {
        const QFileInfo file(QDir(cwd).absoluteFilePath(command));
        if (file.isFile() && file.isExecutable())
            return file.absoluteFilePath();
        *error =
            file.exists()
                ? McpClientText::tr("Could not start \"%1\": the file is not executable")
                      .arg(config.command)
                : McpClientText::tr("Could not start \"%1\": no such file").arg(config.command);
        return {};
    }
    const QStringList path =
        env.value(QStringLiteral("PATH")).split(QLatin1Char(':'), Qt::SkipEmptyParts);
    const QString found = QStandardPaths::findExecutable(command, path);
    if (found.isEmpty())
        *error = McpClientText::tr("Could not start \"%1\": no such command on PATH")
                     .arg(config.command);
    return found;
}

void McpClient::Private::onStarted()
{
    log.note(QStringLiteral("started pid %1").arg(process->processId()));
    const qint64 id = nextId++;
    requests[id] = {McpRequestKind::Initialize, 0};
    QString version = QCoreApplication::applicationVersion();
    if (version.isEmpty())
        version = QStringLiteral("dev");
    send(mcpRequestLine(id, QStringLiteral("initialize"),
                        mcpInitializeParams(McpClient::supportedProtocolVersions().first(),
                                            QStringLiteral("Keel"), version)));
}

void McpClient::Private::readStdout()
{
    QProcess* p = process;
    const QList<QByteArray> lines = out.append(p->readAllStandardOutput());
    for (const qsizetype size : out.takeDropped())
        log.note(QStringLiteral("dropped a line of %1 bytes (over 64 MB)").arg(size));
    const QPointer<McpClient> alive(q);
    for (const QByteArray& line : lines) {
        handleLine(line);
        if (!alive || process != p)
            return;
    }
}

void McpClient::Private::readStderr()
{
    const QList<QByteArray> lines = err.append(process->readAllStandardError());
    for (const QByteArray& line : lines)
        stderrLine(line);
}

void McpClient::Private::stderrLine(const QByteArray& bytes)
{
    const QString line = QString::fromUtf8(bytes).trimmed();
    if (line.isEmpty())
        return;
    lastStderr = line.left(500);
    log.stderrLine(line);
}

void McpClient::Private::onFinished(int code, QProcess::ExitStatus status)
{
    // What it printed last may still be unread, an answer included.
    const QPointer<McpClient> alive(q);
    QProcess* p = process;
    readStdout();
    if (!alive || process != p)
        return;
    handleLine(out.takeRest());
    if (!alive || process != p)
        return;
    readStderr();
    stderrLine(err.takeRest());
    const QString how = status == QProcess::CrashExit
                            ? QStringLiteral("crashed")
                            : QStringLiteral("exited with code %1").arg(code);
    log.note(how);
    QString text =
        status == QProcess::CrashExit
            ? McpClientText::tr("%1 crashed").arg(label())
            : McpClientText::tr("%1 exited with code %2").arg(label(), QString::number(code));
    if (!lastStderr.isEmpty())
        text += QStringLiteral(": ") + lastStderr;
    fail(text);
}

void McpClient::Private::onError(QProcess::ProcessError error)
{
    if (error == QProcess::FailedToStart)
        return fail(McpClientText::tr("Could not start \"%1\": %2")
                        .arg(config.command, process->errorString()));
    if (error != QProcess::Crashed) // a crash is told by finished
        log.note(QStringLiteral("process error: %1").arg(process->errorString()));
}

void McpClient::Private::detachProcess(bool gently)
{
    QProcess* p = process;
    process = nullptr;
    if (!p)
        return;
    QObject::disconnect(p, nullptr, q, nullptr);
    if (p->state() == QProcess::NotRunning) {
        p->deleteLater();
        return;
    }
    QObject::connect(p, &QProcess::finished, q, [this, p](int code, QProcess::ExitStatus s) {
        log.note(s == QProcess::CrashExit ? QStringLiteral("stopped (killed)")
                                          : QStringLiteral("exited with code %1").arg(code));
        p->deleteLater();
    });
    if (gently) {
        p->closeWriteChannel();
        QTimer::singleShot(kGraceTerminateMs, p, [p] {
            if (p->state() != QProcess::NotRunning)
                p->terminate();
        });
        QTimer::singleShot(kGraceTerminateMs + kGraceKillMs, p, [p] {
            if (p->state() != QProcess::NotRunning)
                p->kill();
        });
    } else {
        p->kill();
    }
}

void McpClient::Private::resetSession()
{
    startTimer->stop();
    requests.clear();
    abandoned.clear();
    listing = false;
    relist = false;
    listed.clear();
    cursors.clear();
}

void McpClient::Private::fail(const QString& text)
{
    detachProcess(false);
    resetSession();
    state = McpServerState::Failed;
    message = text;
    log.note(QStringLiteral("failed: %1").arg(text));
    const QPointer<McpClient> alive(q);
    emitStatus();
    if (alive)
        failCalls(text);
}

QStringList McpClient::supportedProtocolVersions()
{
    return {QStringLiteral("2025-11-25"), QStringLiteral("2025-06-18"),
            QStringLiteral("2025-03-26"), QStringLiteral("2024-11-05")};
}

McpClient::McpClient(McpServerConfig config, QString logPath, QObject* parent)
    : QObject(parent)
    , d(std::make_unique<Private>(this, std::move(config), std::move(logPath)))
{
    d->startTimer = new QTimer(this);
    d->startTimer->setSingleShot(true);
    connect(d->startTimer, &QTimer::timeout, this, [this] {
        if (d->state == McpServerState::Starting)
            d->fail(McpClientText::tr("%1 did not start within %2 s (no answer to initialize or "
                                      "tools/list); it was stopped")
                        .arg(d->label(), mcpSeconds(d->startTimeoutMs())));
    });
}

McpClient::~McpClient()
{
    // Killed and reaped here rather than left to delete themselves on this thread's loop: the
    // client is often destroyed as the core loop shuts down, when no loop would ever run that
    // deletion. Only a process that outlives SIGKILL by kReapAfterKillMs (stuck in the kernel)
    // is left to delete itself, so shutdown is never held up by ~QProcess's 30 s wait.
    const QList<QProcess*> processes = findChildren<QProcess*>(Qt::FindDirectChildrenOnly);
    for (QProcess* p : processes) {
        disconnect(p, nullptr, this, nullptr);
        if (p->state() != QProcess::NotRunning) {
            p->kill();
            if (!p->waitForFinished(kReapAfterKillMs)) {
                p->setParent(nullptr);
                connect(p, &QProcess::finished, p, &QObject::deleteLater);
                continue;
            }
        }
        delete p;
    }
}

const McpServerConfig& McpClient::config() const
{
    return d->config;
}

McpServerStatus McpClient::status() const
{
    McpServerStatus s;
    s.name = d->config.name;
    s.state = d->state;
    s.message = d->message;
    s.logPath = d->log.path();
    s.serverName = d->serverName;
    s.serverVersion = d->serverVersion;
    s.protocolVersion = d->protocolVersion;
    s.instructions = d->instructions;
    s.tools = d->tools;
    return s;
}

void McpClient::start()
{
    d->start();
}

void McpClient::stop()
{
    const bool running = d->process != nullptr;
    if (running)
        d->log.note(QStringLiteral("stopping"));
    d->detachProcess(true);
    d->resetSession();
    if (!running && d->state != McpServerState::Failed && d->calls.empty())
        return;
    d->state = McpServerState::Stopped;
    d->message.clear();
    const QPointer<McpClient> alive(this);
    d->emitStatus();
    if (alive)
        d->failCalls(McpClientText::tr("%1 was stopped").arg(d->label()));
}

qint64 McpClient::callTool(const QString& toolName, const QString& argumentsJson, int timeoutMs)
{
    const qint64 handle = d->nextHandle++;
    QString error;
    mcpToolCallParams(toolName, argumentsJson, QString(), &error);
    if (!error.isEmpty()) {
        // Never from inside callTool: the caller does not know the handle yet.
        QMetaObject::invokeMethod(
            this, [this, handle, error] { Q_EMIT callFinished(handle, mcpErrorResult(error)); },
            Qt::QueuedConnection);
        return handle;
    }
    McpCall call;
    call.toolName = toolName;
    call.arguments = argumentsJson;
    call.timeoutMs = timeoutMs;
    call.progressToken = QStringLiteral("keel-%1").arg(handle);
    d->calls[handle] = call;
    if (d->state == McpServerState::Ready) {
        d->sendCall(handle);
    } else if (d->state != McpServerState::Starting) {
        // Started on the next loop turn, so a start failure never answers inside callTool.
        QMetaObject::invokeMethod(
            this,
            [this] {
                if (!d->calls.empty())
                    d->start();
            },
            Qt::QueuedConnection);
    }
    return handle;
}

void McpClient::cancelCall(qint64 handle, const QString& reason)
{
    if (d->calls.find(handle) == d->calls.end())
        return;
    d->abandon(handle, reason);
    d->finishCall(handle, mcpErrorResult(McpClientText::tr("Cancelled")));
}

} // namespace keel::core
