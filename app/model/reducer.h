#pragma once

#include "timeseries.h"

#include <QList>

#include <deque>
#include <optional>
#include <vector>

namespace wr {

// Time-quantised pixel columns. A view [from, to) drawn `columns` pixels wide gets columns of
// `width` = ceil((to - from) / columns) ms whose edges sit on multiples of `width` counted from
// the epoch (bucket = floor(t / width)). A sliding window of constant span therefore keeps its
// column edges: old columns never re-bucket while streaming. The grid covers every bucket that
// intersects [from, to), which is columns or columns + 1 buckets.
struct ReductionGrid
{
    qint64 width = 1;
    qint64 firstBucket = 0;
    qint64 lastBucket = -1; // < firstBucket: empty

    static ReductionGrid make(qint64 from, qint64 to, int columns);

    bool isEmpty() const { return lastBucket < firstBucket; }
    qint64 bucketOf(qint64 t) const;
    qint64 start() const { return firstBucket * width; } // first covered ms
    qint64 end() const { return (lastBucket + 1) * width; } // first ms after the grid
    bool operator==(const ReductionGrid &) const = default;
};

// M4 reduction of the points of `buffer` inside the grid's buckets: for every bucket and every
// run of finite points in it, the first, minimum, maximum and last point, in time order,
// deduplicated (the earliest point wins ties). A polyline through the result, one column per
// pixel, lights the same pixels as a polyline through every point.
// A gap (NaN) inside the grid becomes one break sample {t of the first NaN, NaN}; consecutive
// breaks are merged, so lines are never joined across a gap.
// The nearest point before the grid and the nearest after it (either may be a gap) are included
// so that lines entering and leaving the view are drawn as well.
QList<Sample> reduce(const TimeSeriesBuffer &buffer, qint64 from, qint64 to, int columns);

namespace detail {

// One run of finite points inside one bucket (its M4 summary), or a gap marker.
struct ColumnItem
{
    qint64 bucket = 0;
    bool gap = false;
    Sample first; // a gap: the first NaN sample
    Sample min;
    Sample max;
    Sample last;
};

// Folds buffer points [begin, end), which are later than everything already folded into
// `items`, continuing the last item's run when it is still open.
void foldRange(const TimeSeriesBuffer &buffer, qsizetype begin, qsizetype end, qint64 width,
               std::vector<ColumnItem> &items);
void foldRange(const TimeSeriesBuffer &buffer, qsizetype begin, qsizetype end, qint64 width,
               std::deque<ColumnItem> &items);

// Appends the polyline of `items` to `out` (M4 order, breaks merged), between the contexts.
template<typename Items>
void materialise(const std::optional<Sample> &before, const Items &items,
                 const std::optional<Sample> &after, QList<Sample> &out);

// Lowest/highest of n values and the first index holding each. When a NaN is met, `nan` is
// set and the scan stops: the result then covers only the first `clean` values (possibly none),
// all finite; the first NaN lies within the next 64. Vectorised where SSE2 is available.
struct Extremes
{
    double min = 0;
    double max = 0;
    qsizetype minAt = -1;
    qsizetype maxAt = -1;
    qsizetype clean = 0; // leading values covered
    bool nan = false;
};
Extremes scanExtremes(const double *values, qsizetype n);
// Index of the first NaN among n values, or n.
qsizetype findGap(const double *values, qsizetype n);

} // namespace detail

} // namespace wr
