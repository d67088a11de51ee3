#include "handoff.h"

#include <QCoreApplication>
#include <QEvent>
#include <QSemaphore>

#if defined(__SANITIZE_THREAD__)
extern "C" void __tsan_acquire(void *addr);
extern "C" void __tsan_release(void *addr);
#endif

namespace wr {

namespace {

#if defined(__SANITIZE_THREAD__)
// One synchronisation point for every hand-off: as strong as the event queue's own lock.
char g_handOffPoint;
#endif

void release()
{
#if defined(__SANITIZE_THREAD__)
    __tsan_release(&g_handOffPoint);
#endif
}

void acquire()
{
#if defined(__SANITIZE_THREAD__)
    __tsan_acquire(&g_handOffPoint);
#endif
}

QEvent::Type callEventType()
{
    static const auto type = QEvent::Type(QEvent::registerEventType());
    return type;
}

class CallEvent : public QEvent
{
public:
    CallEvent(std::function<void()> call, QSemaphore *done)
        : QEvent(callEventType()), m_call(std::move(call)), m_done(done)
    {
    }

    void run() // after acquire()
    {
        m_call();
        m_call = {}; // what it captured goes on this thread, before the release
        QSemaphore *done = m_done;
        release();
        if (done)
            done->release();
    }

private:
    std::function<void()> m_call;
    QSemaphore *m_done;
};

} // namespace

void HandOffReceiver::post(std::function<void()> call, bool blocking)
{
    QSemaphore done;
    auto *event = new CallEvent(std::move(call), blocking ? &done : nullptr);
    release();
    QCoreApplication::postEvent(this, event);
    if (blocking) {
        done.acquire();
        acquire();
    }
}

bool HandOffReceiver::event(QEvent *event)
{
    acquire(); // before the event is read at all: it was written on the posting thread
    if (event->type() != callEventType())
        return QObject::event(event);
    static_cast<CallEvent *>(event)->run();
    return true;
}

} // namespace wr
