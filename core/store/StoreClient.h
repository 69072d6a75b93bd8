// StoreClient: the one obvious way for other threads (GUI, core loop) to call the store. Every
// call is queued onto the store thread; nothing ever runs a query on the caller's thread.
//
//     StoreClient client(storeThread.store());
//     client.post([id](Store* store) { store->loadConversation(id, 50); });
//
// Answers come back as Store's signals: connect them with Qt::QueuedConnection (a receiver on
// another thread gets them queued anyway; saying so keeps it true if code moves), and match
// the tag a call passed where the signal carries one.
#pragma once

#include "store/Store.h"

#include <QMetaObject>

#include <utility>

namespace keel::core {

class StoreClient {
public:
    explicit StoreClient(Store* store)
        : m_store(store)
    {
    }

    Store* store() const { return m_store; }

    // call(Store*) runs on the store thread, after everything posted before it.
    template <typename F>
    void post(F&& call) const
    {
        QMetaObject::invokeMethod(
            m_store, [s = m_store, c = std::forward<F>(call)]() mutable { c(s); },
            Qt::QueuedConnection);
    }

private:
    Store* m_store;
};

} // namespace keel::core
