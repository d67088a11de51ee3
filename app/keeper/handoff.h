#pragma once

#include <QObject>

#include <functional>

namespace wr {

// Runs calls on the thread this object lives in, posted from any other thread: the keeper's
// way of handing work to its database thread and results back.
//
// Unlike QMetaObject::invokeMethod with a lambda, the hand-off is visible to ThreadSanitizer.
// Qt is not built with TSan here, so the lock of its event queue is invisible to it, and all
// data one thread hands to another would be reported as a race. post() builds the whole call
// first, then releases a synchronisation point that the receiving thread acquires before it
// touches the call (and the other way round when a blocking call returns). In builds without
// TSan these annotations are empty.
class HandOffReceiver : public QObject
{
public:
    using QObject::QObject;

    // Queues `call` to this object's thread. With `blocking`, waits until it has run; never
    // block from this object's own thread.
    void post(std::function<void()> call, bool blocking = false);

protected:
    bool event(QEvent *event) override;
};

} // namespace wr
