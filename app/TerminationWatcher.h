// TerminationWatcher: turns SIGINT and SIGTERM into a normal, orderly quit of the event loop
// (Ctrl+C on `keel ask`, a session manager's TERM on the app), so running turns are cancelled
// and diagnostics written instead of the process dying mid-stream.
#pragma once

#include <QObject>

class QSocketNotifier;

namespace keel::app {

class TerminationWatcher : public QObject {
    Q_OBJECT
public:
    explicit TerminationWatcher(QObject* parent = nullptr);
    ~TerminationWatcher() override;

    int signalNumber() const { return m_signal; }

Q_SIGNALS:
    void terminationRequested(int signalNumber);

private:
    static void handle(int signalNumber);

    QSocketNotifier* m_notifier = nullptr;
    int m_signal = 0;
};

} // namespace keel::app
