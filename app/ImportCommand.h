// ImportCommand: `keel import FILE [--replace] [--json]`. The whole import runs on one worker
// thread: the file is read and converted (ImportReader), then written through the worker's own
// read-write connection in one transaction (TreeStore::importTrees), so it is all or nothing.
// This thread only runs the event loop: Ctrl+C sets the cancel flag, the transaction rolls
// back, and nothing was imported.
#pragma once

#include "AppOptions.h"

#include <QObject>
#include <QThreadPool>

#include <atomic>
#include <memory>

namespace keel::app {

struct ImportOutcome;

class ImportCommand : public QObject {
    Q_OBJECT
public:
    explicit ImportCommand(AppOptions options, QObject* parent = nullptr);
    ~ImportCommand() override; // cancels and waits for the worker

    // done(code) follows in every case: 0 imported, 1 failed, 130 cancelled.
    void start();
    void cancel();

Q_SIGNALS:
    void done(int exitCode);

private:
    void finish(const ImportOutcome& outcome);

    AppOptions m_options;
    QThreadPool m_pool;
    std::shared_ptr<std::atomic_bool> m_cancel = std::make_shared<std::atomic_bool>(false);
    bool m_started = false;
};

} // namespace keel::app
