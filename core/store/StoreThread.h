// StoreThread: the store thread. Owns the QThread ("keel-store") whose event loop hosts Store
// and with it the one SQLite connection; starts it, and stops it in order: Store (and the
// connection) deleted on its own thread, quit, join.
#pragma once

#include <QThread>

namespace keel::core {

class Store;

// The store's value types for queued signals and calls; StoreThread's constructor calls it.
void registerStoreMetaTypes();

class StoreThread {
public:
    StoreThread();
    ~StoreThread(); // stop() if still running

    StoreThread(const StoreThread&) = delete;
    StoreThread& operator=(const StoreThread&) = delete;

    // Connect to store()'s signals (Qt::QueuedConnection) before start(); afterwards reach it
    // only through queued calls (StoreClient).
    Store* store() const { return m_store; }
    void start();
    // Call from the thread that created this object after its event loop has stopped (it
    // joins the store thread). Calls queued before it still run: the last saves are written.
    void stop();

private:
    QThread m_thread;
    Store* m_store = nullptr;
};

} // namespace keel::core
