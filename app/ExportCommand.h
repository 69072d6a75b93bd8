// ExportCommand: `keel export ID -o FILE [--format F]` and `keel export --all -o PATH`.
// One conversation is read and written right here (headless and short-lived, like history:
// no GUI to keep responsive); --all runs on ExportTask's worker, which opens its own
// read-only connection, while this thread's event loop stays free for Ctrl+C (cancel) and
// the progress line. PDF needs a QGuiApplication (main creates it, offscreen).
#pragma once

#include "AppOptions.h"

#include <QObject>

#include <memory>

namespace keel::core {
class ExportTask;
}

namespace keel::app {

class ExportCommand : public QObject {
    Q_OBJECT
public:
    explicit ExportCommand(AppOptions options, QObject* parent = nullptr);
    ~ExportCommand() override;

    // One conversation: 0 written, 1 failed (one line on stderr).
    int exportOne();

    // --all: done(code) follows in every case: 0 written, 1 failed, 130 cancelled.
    void start();
    void cancel();

Q_SIGNALS:
    void done(int exitCode);

private:
    void showProgress(qint64 written, qint64 total);
    void finishAll(const core::TransferError& error, const QString& path, int count);

    AppOptions m_options;
    std::unique_ptr<core::ExportTask> m_task;
    bool m_cancelled = false;
    bool m_progressShown = false; // a progress line is on the terminal
};

} // namespace keel::app
