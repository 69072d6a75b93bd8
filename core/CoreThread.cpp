// CoreThread: start and orderly stop of the core loop.
#include "CoreThread.h"

#include "Engine.h"
#include "MetaTypes.h"

namespace keel::core {

CoreThread::CoreThread(Store* store)
    : m_engine(new Engine(store))
{
    registerMetaTypes();
    m_thread.setObjectName(QStringLiteral("keel-core"));
    m_engine->moveToThread(&m_thread);
}

CoreThread::~CoreThread()
{
    stop();
}

void CoreThread::start()
{
    m_thread.start();
}

void CoreThread::stop()
{
    if (!m_engine)
        return;
    Engine* engine = m_engine;
    m_engine = nullptr;
    if (!m_thread.isRunning()) {
        delete engine; // never started: it has no thread-bound state yet
        return;
    }
    QMetaObject::invokeMethod(
        engine,
        [engine] {
            engine->cancelAll();
            delete engine;
            QThread::currentThread()->quit();
        },
        Qt::QueuedConnection);
    m_thread.wait();
}

} // namespace keel::core
