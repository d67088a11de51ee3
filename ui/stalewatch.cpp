#include "stalewatch.h"

#include "timeseries.h"

#include <algorithm>

namespace wr {

bool StaleWatch::observe(const QString &seriesId, const QList<Sample> &newest)
{
    if (newest.size() < kPaceSamples)
        return forget(seriesId);
    QList<qint64> intervals;
    intervals.reserve(kPaceSamples - 1);
    for (qsizetype i = newest.size() - kPaceSamples + 1; i < newest.size(); ++i)
        intervals.append(newest.at(i).t - newest.at(i - 1).t);
    std::sort(intervals.begin(), intervals.end());
    const qint64 median = intervals.at(intervals.size() / 2);
    if (median <= 0 || intervals.last() > kMaxJitter * median)
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
