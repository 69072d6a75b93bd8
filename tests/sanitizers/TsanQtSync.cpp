// TsanQtSync: tells ThreadSanitizer about the one synchronisation Keel relies on most and that
// TSan cannot see: Qt's posted events. Debian's Qt is not built with TSan, and its QMutex is a
// bare futex, so a value written before a queued signal or invokeMethod and read in the slot on
// the other thread looks like a race. Linked into every test of the TSan build (never into the
// app): it releases a sync object named after the receiving thread's event dispatcher when an
// event is posted to it (its wakeUp(), which postEvent calls) and acquires it when that thread
// delivers an event (Qt's EventNotifyCallback), which is what an instrumented Qt's mutex would
// have told TSan. It also wraps libc's syscall() to see the futexes behind Qt's QSemaphore and
// the contended QMutex: a wake releases the futex word, a return from a wait acquires it.
// Finally it wraps QThread::start() so that it returns once the new thread has its event
// dispatcher (an event posted before that wakes nobody, so TSan would never hear of it), and
// QThread::wait() to acquire what the thread released when it finished.
// Races in our own code stay visible: only these hand-offs are synchronised.
#include <QAbstractEventDispatcher>
#include <QCoreApplication>
#include <QThread>

#include <cstdarg>
#include <cstdint>
#include <cstring>
#include <dlfcn.h>
#include <future>
#include <linux/futex.h>
#include <map>
#include <memory>
#include <mutex>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

extern "C" void __tsan_acquire(void* address);
extern "C" void __tsan_release(void* address);

namespace {

using WakeUp = void (*)(QAbstractEventDispatcher*);

std::mutex g_mutex;                   // a pthread mutex: TSan sees it
std::map<void**, WakeUp>& originals() // per dispatcher class (vtable): Qt's own wakeUp()
{
    static std::map<void**, WakeUp> map;
    return map;
}

void** vtableOf(QAbstractEventDispatcher* dispatcher)
{
    return *reinterpret_cast<void***>(dispatcher);
}

std::size_t wakeUpSlot()
{
    // Itanium C++ ABI: a pointer to a virtual member function holds 1 + its vtable offset.
    auto member = &QAbstractEventDispatcher::wakeUp;
    std::uintptr_t raw = 0;
    std::memcpy(&raw, &member, sizeof raw);
    return (raw - 1) / sizeof(void*);
}

void releasingWakeUp(QAbstractEventDispatcher* dispatcher)
{
    __tsan_release(dispatcher); // everything the posting thread did so far happens-before...
    WakeUp original = nullptr;
    {
        std::lock_guard lock(g_mutex);
        original = originals().at(vtableOf(dispatcher));
    }
    original(dispatcher);
}

void patch(QAbstractEventDispatcher* dispatcher)
{
    std::lock_guard lock(g_mutex);
    void** vtable = vtableOf(dispatcher);
    if (originals().count(vtable))
        return;
    void** slot = vtable + wakeUpSlot();
    originals()[vtable] = reinterpret_cast<WakeUp>(*slot);
    const auto page = static_cast<std::uintptr_t>(sysconf(_SC_PAGESIZE));
    auto* start = reinterpret_cast<void*>(reinterpret_cast<std::uintptr_t>(slot) & ~(page - 1));
    if (mprotect(start, page * 2, PROT_READ | PROT_WRITE) != 0)
        qFatal("TsanQtSync: cannot make the event dispatcher's vtable writable");
    *slot = reinterpret_cast<void*>(&releasingWakeUp);
    mprotect(start, page * 2, PROT_READ);
}

bool onEvent(void** /*receiver, event, result*/)
{
    if (QAbstractEventDispatcher* dispatcher = QThread::currentThread()->eventDispatcher()) {
        patch(dispatcher);          // once per dispatcher class
        __tsan_acquire(dispatcher); // ...the delivery of what it posted to this thread
    }
    return false; // observe only: Qt delivers the event as usual
}

void install()
{
    if (QAbstractEventDispatcher* dispatcher = QAbstractEventDispatcher::instance())
        patch(dispatcher);
    QInternal::registerCallback(QInternal::EventNotifyCallback, &onEvent);
}

} // namespace

Q_COREAPP_STARTUP_FUNCTION(install)

// Interposes QThread::start() and QThread::wait() for our own code, which calls them through the
// PLT; Qt's internal calls are bound directly and keep the originals.
void QThread::start(Priority priority)
{
    using Start = void (*)(QThread*, Priority);
    static const auto real =
        reinterpret_cast<Start>(dlsym(RTLD_NEXT, "_ZN7QThread5startENS_8PriorityE"));
    if (isRunning())
        return real(this, priority); // Qt ignores it
    // started() is emitted on the new thread once its event dispatcher exists.
    auto ready = std::make_shared<std::promise<void>>();
    std::future<void> started = ready->get_future();
    const QMetaObject::Connection connection = QObject::connect(
        this, &QThread::started, this, [ready] { ready->set_value(); }, Qt::DirectConnection);
    QObject::connect(
        this, &QThread::finished, this, [this] { __tsan_release(this); }, Qt::DirectConnection);
    real(this, priority);
    started.wait();
    QObject::disconnect(connection);
}

bool QThread::wait(QDeadlineTimer deadline)
{
    using Wait = bool (*)(QThread*, QDeadlineTimer);
    static const auto real =
        reinterpret_cast<Wait>(dlsym(RTLD_NEXT, "_ZN7QThread4waitE14QDeadlineTimer"));
    const bool finished = real(this, deadline);
    if (finished)
        __tsan_acquire(this);
    return finished;
}

// Interposes libc's syscall() for every library (Qt calls it through the PLT for its futexes).
extern "C" long syscall(long number, ...)
{
    using Syscall = long (*)(long, ...);
    static const auto real = reinterpret_cast<Syscall>(dlsym(RTLD_NEXT, "syscall"));
    va_list list;
    va_start(list, number);
    long a[6];
    for (long& value : a)
        value = va_arg(list, long);
    va_end(list);
    if (number != SYS_futex)
        return real(number, a[0], a[1], a[2], a[3], a[4], a[5]);

    auto* word = reinterpret_cast<void*>(a[0]);
    const long op = a[1] & FUTEX_CMD_MASK;
    const bool wake = op == FUTEX_WAKE || op == FUTEX_WAKE_BITSET || op == FUTEX_WAKE_OP
                      || op == FUTEX_REQUEUE || op == FUTEX_CMP_REQUEUE;
    if (wake) {
        __tsan_release(word);
        if (op == FUTEX_WAKE_OP || op == FUTEX_REQUEUE || op == FUTEX_CMP_REQUEUE)
            __tsan_release(reinterpret_cast<void*>(a[4])); // the second futex word
    }
    const long result = real(number, a[0], a[1], a[2], a[3], a[4], a[5]);
    if (op == FUTEX_WAIT || op == FUTEX_WAIT_BITSET)
        __tsan_acquire(word); // woken, timed out or the value had changed: all after a release
    return result;
}

// QProcess starts its child with clone(CLONE_VM | CLONE_VFORK): the child borrows the parent's
// memory until it execs. clang 14's TSan handles clone() as a fork and its bookkeeping in the
// child then corrupts the (suspended) parent's (a CHECK in SlotAttachAndLock). The child runs only
// Qt's few lines before exec, none of ours, so TSan has nothing to watch there: this strong
// definition replaces TSan's weak clone interceptor and calls libc's directly.
extern "C" int clone(int (*function)(void*), void* stack, int flags, void* argument, ...)
{
    using Clone = int (*)(int (*)(void*), void*, int, void*, ...);
    static const auto real = reinterpret_cast<Clone>(dlsym(RTLD_NEXT, "clone"));
    va_list list;
    va_start(list, argument);
    void* parentTid = va_arg(list, void*);
    void* tls = va_arg(list, void*);
    void* childTid = va_arg(list, void*);
    va_end(list);
    return real(function, stack, flags, argument, parentTid, tls, childTid);
}
