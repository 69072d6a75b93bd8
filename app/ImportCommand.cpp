// ImportCommand: the reader's errors already name the file, the conversation, the line and
// column, and say that nothing was imported; they are printed as they are.
#include "ImportCommand.h"

#include "CliOutput.h"
#include "store/Database.h"
#include "store/StorePaths.h"
#include "store/TreeStore.h"
#include "transfer/ImportReader.h"

#include <QList>
#include <QMetaObject>
#include <QPair>

#include <unistd.h>

namespace keel::app {

// What the worker hands back to the event-loop thread.
struct ImportOutcome {
    core::TransferError error;
    core::ImportSource source = core::ImportSource::Keel;
    core::TreeImportResult result;
    QList<QPair<qint64, QString>> conversations{}; // written: id and title
    QStringList warnings{};
};

namespace {

QString count(qint64 n, const QString& one, const QString& many)
{
    return n == 1 ? one : many.arg(n);
}

// A progress line on a terminal, redrawn only when its text changes. Runs on the worker.
class ProgressLine {
public:
    ProgressLine()
        : m_enabled(::isatty(STDERR_FILENO) != 0)
    {
    }
    void show(const QString& text)
    {
        if (!m_enabled || text == m_last)
            return;
        m_last = text;
        writeOut(stderr, "\r\033[K" + text.toUtf8());
    }
    void clear()
    {
        if (!m_last.isEmpty())
            writeOut(stderr, "\r\033[K");
        m_last.clear();
    }

private:
    bool m_enabled = false;
    QString m_last;
};

ImportOutcome runImport(const QString& file, const QString& databasePath,
                        core::DuplicatePolicy policy,
                        const std::shared_ptr<std::atomic_bool>& cancel)
{
    ImportOutcome outcome;
    ProgressLine line;
    core::TransferProgress progress;
    progress.cancel = cancel.get();
    progress.report = [&line](qint64 done, qint64 total) {
        if (total > 0)
            line.show(ImportCommand::tr("Reading: %1%").arg(done * 100 / total));
    };
    core::ImportReadResult read = core::readImportFile(file, progress);
    line.clear();
    if (!read.batch) {
        outcome.error = read.error;
        if (outcome.error.ok()) // a reader that failed always says why; just in case
            outcome.error.message =
                ImportCommand::tr("Cannot read %1. Nothing was imported.").arg(file);
        return outcome;
    }
    if (cancel->load()) {
        outcome.error = core::cancelledImport();
        return outcome;
    }
    outcome.source = read.batch->source;
    outcome.warnings = read.batch->warnings;

    core::Database database;
    if (!database.open(databasePath)) {
        outcome.error.message = ImportCommand::tr("Cannot open the history: %1 Nothing was "
                                                  "imported.")
                                    .arg(database.lastError().message);
        return outcome;
    }
    for (const core::StoreError& warning : database.openWarnings())
        outcome.warnings.append(warning.message);

    core::ImportRequest request;
    request.conversations = std::move(read.batch->conversations);
    // Skip: a conversation imported before (same source id) stays as it is.
    request.policy = policy;
    request.cancel = cancel;
    const auto result =
        core::TreeStore(database).importTrees(request, [&line](int done, int total) {
            line.show(ImportCommand::tr("Importing: %1 of %2 conversations").arg(done).arg(total));
        });
    line.clear();
    if (!result) {
        outcome.error.message =
            ImportCommand::tr("Writing to the history failed: %1 Nothing was imported.")
                .arg(database.lastError().message);
        return outcome;
    }
    if (result->cancelled) {
        outcome.error = core::cancelledImport();
        return outcome;
    }
    outcome.result = *result;
    for (const qint64 id : result->conversationIds) {
        const auto conversation = database.conversation(id);
        outcome.conversations.append({id, conversation ? conversation->title : QString()});
    }
    return outcome;
}

} // namespace

ImportCommand::ImportCommand(AppOptions options, QObject* parent)
    : QObject(parent)
    , m_options(std::move(options))
{
    m_pool.setMaxThreadCount(1);
}

ImportCommand::~ImportCommand()
{
    m_cancel->store(true);
    m_pool.waitForDone(); // done() came after the worker's last step: this returns at once
}

void ImportCommand::start()
{
    if (m_cancel->load()) // Ctrl+C came first; done(130) was sent then
        return;
    m_started = true;
    const QString file = m_options.importFile;
    const QString databasePath = core::defaultDatabasePath();
    const core::DuplicatePolicy policy =
        m_options.importReplace ? core::DuplicatePolicy::Replace : core::DuplicatePolicy::Skip;
    m_pool.start([this, file, databasePath, policy, cancel = m_cancel] {
        const ImportOutcome outcome = runImport(file, databasePath, policy, cancel);
        QMetaObject::invokeMethod(
            this, [this, outcome] { finish(outcome); }, Qt::QueuedConnection);
    });
}

void ImportCommand::cancel()
{
    m_cancel->store(true); // the worker stops at its next check and rolls back
    if (!m_started)
        Q_EMIT done(130);
}

void ImportCommand::finish(const ImportOutcome& outcome)
{
    if (outcome.error.cancelled) {
        printCliError(outcome.error.message);
        Q_EMIT done(130);
        return;
    }
    if (!outcome.error.ok()) {
        printCliError(outcome.error.message.simplified());
        Q_EMIT done(1);
        return;
    }
    const core::TreeImportResult& result = outcome.result;
    if (m_options.json) {
        OrderedJson conversations = OrderedJson::array();
        for (const auto& [id, title] : outcome.conversations)
            conversations.push_back({{"id", id}, {"title", utf8(title)}});
        OrderedJson warnings = OrderedJson::array();
        for (const QString& warning : outcome.warnings)
            warnings.push_back(utf8(warning));
        OrderedJson object;
        object["source"] = utf8(core::wireName(outcome.source));
        object["file"] = utf8(m_options.importFile);
        object["imported"] = result.imported;
        object["replaced"] = result.replaced;
        object["skipped"] = result.skipped;
        object["messages"] = result.messages;
        object["conversations"] = std::move(conversations);
        object["warnings"] = std::move(warnings);
        writeJsonLine(object);
        Q_EMIT done(0);
        return;
    }

    QString text = tr("Imported %1 (%2) from the %3 export %4")
                       .arg(count(result.imported, tr("1 conversation"), tr("%1 conversations")),
                            count(result.messages, tr("1 message"), tr("%1 messages")),
                            core::sourceTitle(outcome.source), m_options.importFile);
    if (result.replaced > 0)
        text += tr("; replaced %1 imported before").arg(result.replaced);
    if (result.skipped > 0)
        text += tr("; skipped %1 already imported (--replace replaces them)").arg(result.skipped);
    writeOut(stdout, (text + QStringLiteral(".\n")).toUtf8());
    for (const QString& warning : outcome.warnings)
        printCliError(tr("warning: %1").arg(warning));
    Q_EMIT done(0);
}

} // namespace keel::app
