#pragma once

#include "sessionmessages.h"

#include <QString>

#include <functional>

namespace wr {

// A hybrid logical clock (Kulkarni et al., "Logical Physical Clocks", 2014): timestamps stay
// close to wall time, never go backwards, and are always greater than every timestamp the clock
// has observed. Annotation ops are ordered by them (PROTOCOL.md, "Annotations").
//
// The node id is the local userId; it is the last tie-break of HlcTimestamp's comparison.
class HybridLogicalClock
{
public:
    using WallClock = std::function<qint64()>; // Unix epoch milliseconds

    // A remote clock this far ahead of our wall clock is a broken peer clock, not causality:
    // adopting it would drag every later local timestamp a day (or years) into the future.
    static constexpr qint64 kMaxForwardSkewMs = 24 * 60 * 60 * 1000;

    // An empty wallClock uses QDateTime::currentMSecsSinceEpoch.
    explicit HybridLogicalClock(QString nodeId, WallClock wallClock = {});

    QString nodeId() const { return m_nodeId; }
    void setNodeId(const QString &nodeId) { m_nodeId = nodeId; }

    // A local event (an edit): max(wall, last physical); the counter restarts at 0 when the
    // physical part advances and increments when it does not.
    session::HlcTimestamp tick();

    // A received timestamp (the HLC receive rule): afterwards last() is greater than both the
    // previous last() and `remote`, unless `remote` is more than kMaxForwardSkewMs ahead of the
    // wall clock, in which case it is counted and leaves the clock untouched.
    void observe(const session::HlcTimestamp &remote);

    // The latest timestamp issued or observed, stamped with our node id. Null before the first
    // tick/observe.
    session::HlcTimestamp last() const;

    // How many remote timestamps observe() refused to follow.
    quint64 rejectedRemoteCount() const { return m_rejectedRemote; }

    qint64 wallNow() const;

private:
    void advanceTo(qint64 physicalMs, quint64 counter);

    QString m_nodeId;
    WallClock m_wallClock;
    qint64 m_physicalMs = 0;
    quint32 m_counter = 0;
    bool m_started = false;
    quint64 m_rejectedRemote = 0;
};

} // namespace wr
