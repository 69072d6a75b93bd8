// StoreThread: start and orderly stop of the store thread, and the store's metatypes.
#include "store/StoreThread.h"

#include "store/Store.h"

namespace keel::core {

void registerStoreMetaTypes()
{
    qRegisterMetaType<StoredMessage>();
    qRegisterMetaType<ConversationSummary>();
    qRegisterMetaType<ConversationPage>();
    qRegisterMetaType<SearchHit>();
    qRegisterMetaType<StoreError>();
    qRegisterMetaType<QList<ConversationSummary>>();
    qRegisterMetaType<QList<SearchHit>>();
    qRegisterMetaType<ConversationTree>();
    qRegisterMetaType<QList<ConversationTree>>();
    qRegisterMetaType<TreeImportResult>();
    qRegisterMetaType<ImportRequest>();
}

StoreThread::StoreThread()
    : m_store(new Store)
{
    registerStoreMetaTypes();
    m_thread.setObjectName(QStringLiteral("keel-store"));
    m_store->moveToThread(&m_thread);
}

StoreThread::~StoreThread()
{
    stop();
}

void StoreThread::start()
{
    m_thread.start();
}

void StoreThread::stop()
{
    if (!m_store)
        return;
    Store* store = m_store;
    m_store = nullptr;
    if (!m_thread.isRunning()) {
        delete store; // never started: no connection was opened
        return;
    }
    QMetaObject::invokeMethod(
        store,
        [store] {
            delete store; // closes the connection on the thread that opened it
            QThread::currentThread()->quit();
        },
        Qt::QueuedConnection);
    m_thread.wait();
}

} // namespace keel::core
