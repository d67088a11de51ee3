#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace wr {

struct Sample;

// Which series stopped reporting. A series that has been arriving at a steady pace (a sampler,
// a scrape) and misses several of its own intervals is stale until its next point; a series
// that arrives now and then (pushes, events) has no pace and is never called stale. No
// widgets and no clock: the board tells it about new points and asks at times of its choosing.
class StaleWatch
{
public:
    // The points a series needs before it has a pace, and how irregular it may be: its
    // intervals (the last kPaceSamples - 1) may not exceed kMaxJitter times their median.
    static constexpr int kPaceSamples = 8;
    static constexpr int kMaxJitter = 4;
    // Stale after this many of its intervals without a point, and never sooner than kMinMs.
    static constexpr int kMissedIntervals = 5;
    static constexpr qint64 kMinMs = 30'000;

    // The newest points of a series (oldest first), e.g. after new points arrived; at least
    // kPaceSamples of them give it a pace. Fewer, or an unsteady pace, forget the series. True
    // when the series was stale and no longer is.
    bool observe(const QString &seriesId, const QList<Sample> &newest);
    // True when the series was stale.
    bool forget(const QString &seriesId);

    // The series that became stale by `nowMs` (sorted); they stay stale until observe() sees a
    // newer point.
    QStringList check(qint64 nowMs);
    bool isStale(const QString &seriesId) const { return m_stale.contains(seriesId); }
    QStringList stale() const; // sorted
    // The time of the series' newest point (0 when it has no pace).
    qint64 lastPointMs(const QString &seriesId) const;
    // How long the series may be silent before it is stale (0 when it has no pace).
    qint64 graceMs(const QString &seriesId) const;

private:
    struct Pace
    {
        qint64 lastT = 0;
        qint64 graceMs = 0;
    };
    QHash<QString, Pace> m_paces;
    QHash<QString, qint64> m_stale; // seriesId -> the time of its last point
};

} // namespace wr
