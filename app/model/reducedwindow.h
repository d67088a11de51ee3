#pragma once

#include "reducer.h"

#include <QList>
#include <QString>

#include <deque>
#include <optional>

namespace wr {

class MetricStore;
class TimeSeriesBuffer;

// The reduction of one series for one chart view, kept up to date incrementally. update()
// costs O(new points + log n) while the view slides forward with a constant span (live mode):
// new points are folded into the last column(s), columns that slide out are dropped, nothing
// older is re-bucketed. Late points, evictions of the oldest points and capacity changes refold
// only the columns they touch; zooming, panning back or a width change rebuild.
// points() always equals store.reduce(id, from, to, columns) for the last update()'s state.
// The store must outlive the window; the series may appear after the window is created.
class ReducedWindow
{
public:
    ReducedWindow(const MetricStore *store, const QString &seriesId);

    void setRange(qint64 from, qint64 to, int columns);
    const ReductionGrid &grid() const { return m_grid; }

    // Catches up with the store; returns true when points() may have changed.
    bool update();
    QList<Sample> points() const;

    // Columns rebuilt from scratch so far (tests and benchmarks check it stays incremental).
    qint64 rebuildCount() const { return m_rebuilds; }

private:
    void clear();
    void rebuild(const TimeSeriesBuffer &buffer);
    void refoldFrontColumn(const TimeSeriesBuffer &buffer);
    void dropColumnsBefore(qint64 bucket);
    void finish(const TimeSeriesBuffer &buffer);

    const MetricStore *m_store = nullptr;
    QString m_id;
    ReductionGrid m_grid; // requested
    ReductionGrid m_builtGrid; // what m_items covers
    const TimeSeriesBuffer *m_buffer = nullptr;
    bool m_built = false;

    std::deque<detail::ColumnItem> m_items;
    std::optional<Sample> m_before;
    std::optional<Sample> m_after;
    // Every point with t in [m_builtGrid.start(), m_foldedUpTo] has been folded.
    qint64 m_foldedUpTo = 0;
    quint64 m_seenRevision = 0;
    quint64 m_seenEditSerial = 0;
    qint64 m_seenEvicted = 0;
    qint64 m_rebuilds = 0;
};

} // namespace wr
