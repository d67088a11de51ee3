#include "hlc.h"

#include <QDateTime>
#include <QLoggingCategory>

#include <algorithm>
#include <limits>

namespace wr {

namespace {
Q_LOGGING_CATEGORY(lcHlc, "watchroom.model.hlc", QtWarningMsg)
} // namespace

HybridLogicalClock::HybridLogicalClock(QString nodeId, WallClock wallClock)
    : m_nodeId(std::move(nodeId))
    , m_wallClock(std::move(wallClock))
{
    if (!m_wallClock)
        m_wallClock = [] { return QDateTime::currentMSecsSinceEpoch(); };
}

qint64 HybridLogicalClock::wallNow() const
{
    return m_wallClock();
}

// The counter is 32 bits on the wire. Rather than wrap (which would go backwards), borrow one
// millisecond from the future: still monotonic, and only reachable with ~4e9 events in one ms
// or a hostile remote counter.
void HybridLogicalClock::advanceTo(qint64 physicalMs, quint64 counter)
{
    if (counter > std::numeric_limits<quint32>::max()) {
        ++physicalMs;
        counter = 0;
    }
    m_physicalMs = physicalMs;
    m_counter = quint32(counter);
    m_started = true;
}

session::HlcTimestamp HybridLogicalClock::tick()
{
    const qint64 wall = wallNow();
    if (!m_started || wall > m_physicalMs)
        advanceTo(wall, 0);
    else
        advanceTo(m_physicalMs, quint64(m_counter) + 1);
    return last();
}

void HybridLogicalClock::observe(const session::HlcTimestamp &remote)
{
    const qint64 wall = wallNow();
    // Unsigned difference: no overflow whatever the two values are.
    if (remote.physicalMs > wall
        && quint64(remote.physicalMs) - quint64(wall) > quint64(kMaxForwardSkewMs)) {
        // Warn once; a broken peer clock would otherwise log on every op it sends.
        if (m_rejectedRemote++ == 0)
            qCWarning(lcHlc) << "ignoring remote clock" << remote.toString()
                             << "far ahead of the wall clock" << wall;
        else
            qCDebug(lcHlc) << "ignoring remote clock" << remote.toString();
        return;
    }
    const qint64 previous = m_started ? m_physicalMs : std::numeric_limits<qint64>::min();
    const qint64 physical = std::max({ wall, previous, remote.physicalMs });
    quint64 counter = 0;
    if (physical == previous && physical == remote.physicalMs)
        counter = quint64(std::max(m_counter, remote.counter)) + 1;
    else if (physical == previous)
        counter = quint64(m_counter) + 1;
    else if (physical == remote.physicalMs)
        counter = quint64(remote.counter) + 1;
    advanceTo(physical, counter);
}

session::HlcTimestamp HybridLogicalClock::last() const
{
    if (!m_started)
        return {};
    return { m_physicalMs, m_counter, m_nodeId };
}

} // namespace wr
