// CoreThread: the core loop. Owns the QThread whose event loop hosts Engine, starts it, and
// shuts it down in order: cancel every turn, delete Engine on its own thread, quit, join.
#pragma once

#include <QObject>
#include <QThread>

namespace keel::core {

class Engine;
class Store;

class CoreThread {
public:
    // store: passed to Engine for saving replies as they stream (may be null).
    explicit CoreThread(Store* store = nullptr);
    ~CoreThread(); // stop() if still running

    CoreThread(const CoreThread&) = delete;
    CoreThread& operator=(const CoreThread&) = delete;

    // Connect to engine()'s signals before start(); afterwards only queued calls are allowed.
    Engine* engine() const { return m_engine; }
    void start();
    // Must be called from the thread that created this object, after its own event loop has
    // stopped (or from a thread that has none), because it joins the core thread.
    void stop();

private:
    QThread m_thread;
    Engine* m_engine = nullptr;
};

} // namespace keel::core
