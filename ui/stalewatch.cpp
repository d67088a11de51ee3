#include "stalewatch.h"

#include "timeseries.h"

#include <algorithm>
#include <array>

namespace wr {

bool StaleWatch::observe(const QString &seriesId, const QList<Sample> &newest)
{
    if (newest.size() < kPaceSamples)
        return forget(seriesId);
    // Called for every arrival of points: no allocation here.
    std::array<qint64, kPaceSamples - 1> intervals;
    const qsizetype first = newest.size() - kPaceSamples + 1;
    for (size_t k = 0; k < intervals.size(); ++k)
        intervals[k] = newest.at(first + qsizetype(k)).t - newest.at(first + qsizetype(k) - 1).t;
    std::sort(intervals.begin(), intervals.end());
    const qint64 median = intervals[intervals.size() / 2];
    if (median <= 0 || intervals.back() > kMaxJitter * median)
        return forget(seriesId);
    const qint64 lastT = newest.last().t;
    m_paces.insert(seriesId, Pace { lastT, std::max(kMinMs, kMissedIntervals * median) });
    const auto stale = m_stale.constFind(seriesId);
    if (stale == m_stale.cend() || lastT <= *stale)
        return false;
    m_stale.remove(seriesId);
    return true;
}

bool StaleWatch::forget(const QString &seriesId)
{
    m_paces.remove(seriesId);
    return m_stale.remove(seriesId) > 0;
}

QStringList StaleWatch::check(qint64 nowMs)
{
    QStringList became;
    for (auto it = m_paces.cbegin(); it != m_paces.cend(); ++it) {
        if (nowMs - it->lastT > it->graceMs && !m_stale.contains(it.key())) {
            m_stale.insert(it.key(), it->lastT);
            became.append(it.key());
        }
    }
    became.sort();
    return became;
}

QStringList StaleWatch::stale() const
{
    QStringList ids = m_stale.keys();
    ids.sort();
    return ids;
}

qint64 StaleWatch::lastPointMs(const QString &seriesId) const
{
    return m_paces.value(seriesId).lastT;
}

qint64 StaleWatch::graceMs(const QString &seriesId) const
{
    return m_paces.value(seriesId).graceMs;
}

} // namespace wr
