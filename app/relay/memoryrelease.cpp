#include "memoryrelease.h"

#include <QTimerEvent>

#if defined(__GLIBC__)
#include <malloc.h>
#elif defined(__APPLE__)
#include <malloc/malloc.h>
#elif defined(_WIN32)
#include <malloc.h>
#endif

namespace wr {

bool releaseFreeHeapMemory()
{
#if defined(__GLIBC__)
    malloc_trim(0);
    return true;
#elif defined(__APPLE__)
    malloc_zone_pressure_relief(nullptr, 0);
    return true;
#elif defined(_WIN32)
    return _heapmin() == 0;
#else
    return false;
#endif
}

MemoryReleaser::MemoryReleaser(int threshold, int quietMs, QObject *parent)
    : QObject(parent), m_threshold(threshold), m_quietMs(quietMs)
{
}

void MemoryReleaser::sessionEnded()
{
    if (++m_endedSinceRelease >= m_threshold)
        m_quiet.start(m_quietMs, Qt::CoarseTimer, this);
}

void MemoryReleaser::timerEvent(QTimerEvent *event)
{
    if (event->timerId() != m_quiet.timerId())
        return QObject::timerEvent(event);
    m_quiet.stop();
    m_endedSinceRelease = 0;
    releaseFreeHeapMemory();
    ++m_releases;
    Q_EMIT released();
}

} // namespace wr
