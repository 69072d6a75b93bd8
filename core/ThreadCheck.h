// ThreadCheck: thread-affinity assertions that stay on in release builds. Calling a core object
// from the wrong thread is the one bug class Keel's design exists to prevent, so it must fail
// loudly wherever it happens, not only in debug builds.
#pragma once

#include <QObject>
#include <QThread>
#include <QtGlobal>

#define KEEL_ASSERT_OWN_THREAD(object)                                                             \
    do {                                                                                           \
        if (Q_UNLIKELY(QThread::currentThread() != (object)->thread()))                            \
            qFatal("%s called from thread %p, but %s lives on %p", Q_FUNC_INFO,                    \
                   static_cast<void*>(QThread::currentThread()),                                   \
                   (object)->metaObject()->className(), static_cast<void*>((object)->thread()));   \
    } while (false)
