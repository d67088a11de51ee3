#include "reducer.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

// WATCHROOM_REDUCER_NO_SIMD forces the portable scalar kernel (what non-x86 builds use), so that
// it can be tested on x86 too.
#if !defined(WATCHROOM_REDUCER_NO_SIMD)                                                            \
    && (defined(__SSE2__) || defined(_M_X64) || (defined(_M_IX86_FP) && _M_IX86_FP >= 2))
#include <emmintrin.h>
#define WATCHROOM_REDUCER_SSE2 1
#endif

namespace wr {

namespace {

qint64 floorDiv(qint64 a, qint64 b) // b > 0
{
    const qint64 q = a / b;
    return (a % b != 0 && a < 0) ? q - 1 : q;
}

// First index in (i, end] whose time is >= edge, knowing time(i) < edge. `hint` is the length
// of the previous column: with evenly spaced points two probes usually settle it.
qsizetype findBucketEnd(const TimeSeriesBuffer &buffer, qsizetype i, qsizetype end, qint64 edge,
                        qsizetype hint)
{
    qsizetype lo = i + 1; // every index in [i, lo) is < edge
    qsizetype hi = end; // every index in [hi, end) is >= edge
    if (hint > 0 && i + hint < end) {
        const qsizetype guess = i + hint;
        if (buffer.timeAt(guess) >= edge) {
            hi = guess;
            if (buffer.timeAt(guess - 1) < edge)
                return guess;
        } else {
            lo = guess + 1;
        }
    }
    // Gallop from lo, then bisect.
    qsizetype step = 1;
    while (lo < hi) {
        const qsizetype probe = std::min(hi, lo + step) - 1;
        if (buffer.timeAt(probe) >= edge) {
            hi = probe;
            break;
        }
        lo = probe + 1;
        step *= 2;
    }
    while (lo < hi) {
        const qsizetype mid = lo + (hi - lo) / 2;
        if (buffer.timeAt(mid) < edge)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

// A run of finite points [first … last] of `bucket` with its extremes: continues the open run
// of that bucket (earlier extremes win ties) or starts a new one.
template<typename Items>
void foldRun(Items &items, qint64 bucket, const Sample &first, const Sample &lowest,
             const Sample &highest, const Sample &last)
{
    if (!items.empty() && items.back().bucket == bucket && !items.back().gap) {
        detail::ColumnItem &run = items.back();
        if (lowest.value < run.min.value)
            run.min = lowest;
        if (highest.value > run.max.value)
            run.max = highest;
        run.last = last;
        return;
    }
    items.push_back(detail::ColumnItem { bucket, false, first, lowest, highest, last });
}

template<typename Items> void foldGap(Items &items, qint64 bucket, const Sample &gap)
{
    if (!items.empty() && items.back().bucket == bucket && items.back().gap)
        return; // one marker per run of gaps
    items.push_back(detail::ColumnItem { bucket, true, gap, gap, gap, gap });
}

// Points [begin, end) all fall into `bucket`. Without gaps this is one scanExtremes() per
// contiguous part (one, unless the ring wraps here); a gap ends the scan early, and the column
// continues as runs separated by gap markers.
template<typename Items>
void foldBucket(const TimeSeriesBuffer &buffer, qsizetype begin, qsizetype end, qint64 bucket,
                Items &items)
{
    for (const TimeSeriesBuffer::Span &span : buffer.spans(begin, end)) {
        const qint64 *t = span.t;
        const double *v = span.v;
        const auto run = [&](qsizetype from, const detail::Extremes &e, qsizetype count) {
            foldRun(items, bucket, { t[from], v[from] }, { t[from + e.minAt], e.min },
                    { t[from + e.maxAt], e.max }, { t[from + count - 1], v[from + count - 1] });
        };
        qsizetype k = 0;
        while (k < span.count) {
            if (std::isnan(v[k])) {
                foldGap(items, bucket, { t[k], v[k] });
                ++k;
                continue;
            }
            const detail::Extremes e = detail::scanExtremes(v + k, span.count - k);
            if (!e.nan) {
                run(k, e, span.count - k);
                break;
            }
            if (e.clean > 0) { // the values before the block holding the gap
                run(k, e, e.clean);
                k += e.clean;
            }
            const qsizetype gap = k + detail::findGap(v + k, span.count - k);
            if (gap > k) {
                run(k, detail::scanExtremes(v + k, gap - k), gap - k);
                k = gap;
            }
        }
    }
}

template<typename Items>
void foldRangeImpl(const TimeSeriesBuffer &buffer, qsizetype begin, qsizetype end, qint64 width,
                   Items &items)
{
    qsizetype hint = 0;
    for (qsizetype i = begin; i < end;) {
        const qint64 bucket = floorDiv(buffer.timeAt(i), width);
        const qsizetype j = findBucketEnd(buffer, i, end, (bucket + 1) * width, hint);
        foldBucket(buffer, i, j, bucket, items);
        hint = j - i;
        i = j;
    }
}

} // namespace

ReductionGrid ReductionGrid::make(qint64 from, qint64 to, int columns)
{
    ReductionGrid grid;
    from = std::clamp(from, TimeSeriesBuffer::kMinTimestamp, TimeSeriesBuffer::kMaxTimestamp);
    to = std::clamp(to, TimeSeriesBuffer::kMinTimestamp, TimeSeriesBuffer::kMaxTimestamp);
    if (columns < 1 || from >= to)
        return grid;
    const qint64 span = to - from;
    grid.width = std::max<qint64>(1, (span + columns - 1) / columns);
    grid.firstBucket = floorDiv(from, grid.width);
    grid.lastBucket = floorDiv(to - 1, grid.width);
    return grid;
}

qint64 ReductionGrid::bucketOf(qint64 t) const
{
    return floorDiv(t, width);
}

QList<Sample> reduce(const TimeSeriesBuffer &buffer, qint64 from, qint64 to, int columns)
{
    QList<Sample> out;
    const ReductionGrid grid = ReductionGrid::make(from, to, columns);
    if (grid.isEmpty() || buffer.isEmpty())
        return out;
    const qsizetype begin = buffer.lowerBound(grid.start());
    const qsizetype end = buffer.lowerBound(grid.end());
    std::optional<Sample> before;
    std::optional<Sample> after;
    if (begin > 0)
        before = buffer.at(begin - 1);
    if (end < buffer.size())
        after = buffer.at(end);
    std::vector<detail::ColumnItem> items;
    items.reserve(size_t(std::min<qint64>(end - begin, grid.lastBucket - grid.firstBucket + 1)));
    detail::foldRange(buffer, begin, end, grid.width, items);
    detail::materialise(before, items, after, out);
    return out;
}

namespace detail {

void foldRange(const TimeSeriesBuffer &buffer, qsizetype begin, qsizetype end, qint64 width,
               std::vector<ColumnItem> &items)
{
    foldRangeImpl(buffer, begin, end, width, items);
}

void foldRange(const TimeSeriesBuffer &buffer, qsizetype begin, qsizetype end, qint64 width,
               std::deque<ColumnItem> &items)
{
    foldRangeImpl(buffer, begin, end, width, items);
}

template<typename Items>
void materialise(const std::optional<Sample> &before, const Items &items,
                 const std::optional<Sample> &after, QList<Sample> &out)
{
    const qsizetype base = out.size();
    out.resize(base + qsizetype(items.size()) * 4 + 2);
    Sample *const data = out.data();
    Sample *p = data + base;
    const auto emitBreakable = [&](const Sample &s) {
        if (s.isGap() && p != data && p[-1].isGap())
            return; // breaks never repeat
        *p++ = s;
    };
    if (before)
        emitBreakable(*before);
    for (const ColumnItem &item : items) {
        if (item.gap) {
            emitBreakable(item.first);
            continue;
        }
        // first, min, max, last in time order, each point once
        const bool minFirst = item.min.t <= item.max.t;
        const Sample &a = minFirst ? item.min : item.max;
        const Sample &b = minFirst ? item.max : item.min;
        *p++ = item.first;
        if (a.t != item.first.t)
            *p++ = a;
        if (b.t != a.t)
            *p++ = b;
        if (item.last.t != b.t)
            *p++ = item.last;
    }
    if (after)
        emitBreakable(*after);
    out.resize(p - data);
}

template void materialise(const std::optional<Sample> &, const std::vector<ColumnItem> &,
                          const std::optional<Sample> &, QList<Sample> &);
template void materialise(const std::optional<Sample> &, const std::deque<ColumnItem> &,
                          const std::optional<Sample> &, QList<Sample> &);

#ifdef WATCHROOM_REDUCER_SSE2
namespace {

double horizontalMin(__m128d x)
{
    return _mm_cvtsd_f64(_mm_min_sd(x, _mm_unpackhi_pd(x, x)));
}

double horizontalMax(__m128d x)
{
    return _mm_cvtsd_f64(_mm_max_sd(x, _mm_unpackhi_pd(x, x)));
}

// First index in [from, n) holding `value`, which is known to be there.
qsizetype findValue(const double *v, qsizetype from, qsizetype n, double value)
{
    const __m128d wanted = _mm_set1_pd(value);
    qsizetype k = from;
    for (; k + 2 <= n; k += 2) {
        const int mask = _mm_movemask_pd(_mm_cmpeq_pd(_mm_loadu_pd(v + k), wanted));
        if (mask != 0)
            return k + ((mask & 1) ? 0 : 1);
    }
    return k;
}

} // namespace
#endif

Extremes scanExtremes(const double *v, qsizetype n)
{
    Extremes e;
    e.clean = n;
    if (n <= 0)
        return e;
#ifdef WATCHROOM_REDUCER_SSE2
    // Blocks of 64 values with eight independent min/max accumulators (latency hiding); only
    // the block holding a new extreme is remembered, and rescanned at the end for the exact
    // index. The last block may be partial. _mm_min_pd(a, acc) yields acc when a is NaN, so
    // NaNs are detected separately (cmpunord) and reported instead.
    constexpr qsizetype kBlock = 64;
    const __m128d positiveInfinity = _mm_set1_pd(std::numeric_limits<double>::infinity());
    const __m128d negativeInfinity = _mm_set1_pd(-std::numeric_limits<double>::infinity());
    double min = std::numeric_limits<double>::infinity();
    double max = -std::numeric_limits<double>::infinity();
    qsizetype minBlock = 0;
    qsizetype maxBlock = 0;
    for (qsizetype i = 0; i < n; i += kBlock) {
        const double *p = v + i;
        __m128d unordered = _mm_setzero_pd();
        __m128d lo0 = positiveInfinity, lo1 = positiveInfinity;
        __m128d lo2 = positiveInfinity, lo3 = positiveInfinity;
        __m128d hi0 = negativeInfinity, hi1 = negativeInfinity;
        __m128d hi2 = negativeInfinity, hi3 = negativeInfinity;
        qsizetype k = 0;
        const qsizetype blockLength = std::min(kBlock, n - i);
        for (; k + 8 <= blockLength; k += 8) {
            const __m128d a0 = _mm_loadu_pd(p + k);
            const __m128d a1 = _mm_loadu_pd(p + k + 2);
            const __m128d a2 = _mm_loadu_pd(p + k + 4);
            const __m128d a3 = _mm_loadu_pd(p + k + 6);
            unordered = _mm_or_pd(unordered, _mm_cmpunord_pd(a0, a1));
            unordered = _mm_or_pd(unordered, _mm_cmpunord_pd(a2, a3));
            lo0 = _mm_min_pd(a0, lo0);
            lo1 = _mm_min_pd(a1, lo1);
            lo2 = _mm_min_pd(a2, lo2);
            lo3 = _mm_min_pd(a3, lo3);
            hi0 = _mm_max_pd(a0, hi0);
            hi1 = _mm_max_pd(a1, hi1);
            hi2 = _mm_max_pd(a2, hi2);
            hi3 = _mm_max_pd(a3, hi3);
        }
        for (; k + 2 <= blockLength; k += 2) {
            const __m128d a = _mm_loadu_pd(p + k);
            unordered = _mm_or_pd(unordered, _mm_cmpunord_pd(a, a));
            lo0 = _mm_min_pd(a, lo0);
            hi0 = _mm_max_pd(a, hi0);
        }
        if (k < blockLength) {
            const __m128d a = _mm_set1_pd(p[k]);
            unordered = _mm_or_pd(unordered, _mm_cmpunord_pd(a, a));
            lo0 = _mm_min_pd(a, lo0);
            hi0 = _mm_max_pd(a, hi0);
        }
        if (_mm_movemask_pd(unordered) != 0) {
            e.nan = true;
            e.clean = i;
            break;
        }
        const double blockMin
            = horizontalMin(_mm_min_pd(_mm_min_pd(lo0, lo1), _mm_min_pd(lo2, lo3)));
        const double blockMax
            = horizontalMax(_mm_max_pd(_mm_max_pd(hi0, hi1), _mm_max_pd(hi2, hi3)));
        if (blockMin < min) {
            min = blockMin;
            minBlock = i;
        }
        if (blockMax > max) {
            max = blockMax;
            maxBlock = i;
        }
    }
    if (e.clean == 0)
        return e;
    // The first index holding the extreme value is the earliest extreme point: every earlier
    // value compares strictly greater (smaller), as there are no NaNs before it.
    e.minAt = findValue(v, minBlock, e.clean, min);
    e.maxAt = findValue(v, maxBlock, e.clean, max);
    e.min = v[e.minAt]; // -0.0 and +0.0 compare equal: report the stored one
    e.max = v[e.maxAt];
#else
    e.min = std::numeric_limits<double>::infinity();
    e.max = -std::numeric_limits<double>::infinity();
    for (qsizetype i = 0; i < n; ++i) {
        const double x = v[i];
        if (std::isnan(x)) {
            e.nan = true;
            e.clean = i;
            return e;
        }
        if (x < e.min) {
            e.min = x;
            e.minAt = i;
        }
        if (x > e.max) {
            e.max = x;
            e.maxAt = i;
        }
    }
#endif
    return e;
}

qsizetype findGap(const double *v, qsizetype n)
{
    qsizetype k = 0;
#ifdef WATCHROOM_REDUCER_SSE2
    for (; k + 8 <= n; k += 8) {
        const __m128d a0 = _mm_loadu_pd(v + k);
        const __m128d a1 = _mm_loadu_pd(v + k + 2);
        const __m128d a2 = _mm_loadu_pd(v + k + 4);
        const __m128d a3 = _mm_loadu_pd(v + k + 6);
        const __m128d any = _mm_or_pd(_mm_cmpunord_pd(a0, a1), _mm_cmpunord_pd(a2, a3));
        if (_mm_movemask_pd(any) != 0)
            break; // in these eight: the scalar loop below finds which
    }
#endif
    for (; k < n; ++k) {
        if (std::isnan(v[k]))
            return k;
    }
    return n;
}

} // namespace detail

} // namespace wr
