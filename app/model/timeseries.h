#pragma once

#include <QPair>
#include <QtGlobal>

#include <array>
#include <cmath>
#include <memory>
#include <optional>
#include <span>

namespace wr {

// One point of a series: milliseconds since the epoch and a value; NaN marks a gap (null on the
// wire). In reduced output a NaN sample is a break: lift the pen.
struct Sample
{
    qint64 t = 0;
    double value = 0;

    bool isGap() const { return std::isnan(value); }
};

struct TimeRange
{
    qint64 first = 0;
    qint64 last = 0;
    bool operator==(const TimeRange &) const = default;
};

// What happened to the points given to TimeSeriesBuffer::append (also accumulated per series).
struct AppendStats
{
    qint64 appended = 0; // stored after the newest point
    qint64 inserted = 0; // late, stored in place between older points
    qint64 replaced = 0; // a point at an existing timestamp: the value was replaced
    qint64 dropped = 0; // late and older than everything retained by a full buffer
    qint64 evicted = 0; // the oldest points pushed out by capacity
    qint64 invalid = 0; // timestamp out of range (skipped) or ±Inf value (stored as a gap)

    qint64 changed() const { return appended + inserted + replaced; }
    AppendStats &operator+=(const AppendStats &other);
    bool operator==(const AppendStats &) const = default;
};

// A bounded, time-ordered, columnar ring buffer: timestamps (int64 ms) and values (double) in
// two parallel arrays, 16 bytes per retained point once full. Appending after the newest point
// is O(1); a late point is inserted in place (O(distance to the nearer end)); a point at an
// existing timestamp replaces that value. The buffer holds the `capacity` newest distinct
// timestamps it was given: when full, a new point evicts the oldest, and a point older than the
// oldest retained one is dropped (and counted). Storage grows geometrically up to `capacity`,
// so short series stay small.
class TimeSeriesBuffer
{
public:
    static constexpr qsizetype kDefaultCapacity = 24 * 60 * 60; // 24 h at 1 s
    static constexpr qsizetype kMaxCapacity = qsizetype(1) << 25; // ~1 year at 1 s, 512 MiB
    // Timestamps beyond ±2^52 ms (±142,000 years) are rejected so that bucket arithmetic
    // (t, t + width, b * width) can never overflow.
    static constexpr qint64 kMinTimestamp = -(qint64(1) << 52);
    static constexpr qint64 kMaxTimestamp = qint64(1) << 52;

    explicit TimeSeriesBuffer(qsizetype capacity = kDefaultCapacity);
    TimeSeriesBuffer(const TimeSeriesBuffer &) = delete;
    TimeSeriesBuffer &operator=(const TimeSeriesBuffer &) = delete;

    // Clamped to [1, kMaxCapacity]; shrinking evicts the oldest points. Returns the capacity
    // in effect.
    qsizetype setCapacity(qsizetype capacity);
    qsizetype capacity() const { return m_capacity; }

    // One call is one batch for the late-edit log (see earliestEditSince).
    AppendStats append(std::span<const Sample> points);
    AppendStats append(std::span<const QPair<qint64, double>> points);
    AppendStats append(qint64 t, double value);

    qsizetype size() const { return m_size; }
    bool isEmpty() const { return m_size == 0; }
    Sample at(qsizetype i) const { return { timeAt(i), valueAt(i) }; }
    qint64 timeAt(qsizetype i) const { return m_t[physical(i)]; }
    double valueAt(qsizetype i) const { return m_v[physical(i)]; }
    std::optional<TimeRange> timeRange() const;

    // Index of the first point with time >= t (size() if none).
    qsizetype lowerBound(qint64 t) const;
    // The point closest in time to t (the earlier one on a tie); may be a gap.
    std::optional<Sample> nearest(qint64 t) const;

    // The retained points [begin, end) as at most two contiguous runs of the ring.
    struct Span
    {
        const qint64 *t = nullptr;
        const double *v = nullptr;
        qsizetype count = 0;
    };
    std::array<Span, 2> spans(qsizetype begin, qsizetype end) const;

    const AppendStats &totals() const { return m_totals; }
    qsizetype allocatedBytes() const;

    // Change tracking for incremental consumers (ReducedWindow):
    // revision() changes whenever the content changes; evictedTotal() counts evicted points;
    // every append() that inserted or replaced a point at or before the newest one at the time
    // records the earliest such timestamp in a small log.
    quint64 revision() const { return m_revision; }
    qint64 evictedTotal() const { return m_totals.evicted; }
    quint64 editSerial() const { return m_editSerial; }
    struct EditsSince
    {
        bool known = true; // false: the log no longer reaches back that far
        std::optional<qint64> earliest; // earliest edited timestamp since the serial
    };
    EditsSince earliestEditSince(quint64 serial) const;

private:
    template<typename Point> AppendStats appendPoints(std::span<const Point> points);
    void store(qint64 t, double value, AppendStats &stats, qint64 &earliestEdit);
    void pushBack(qint64 t, double value, AppendStats &stats);
    void insertAt(qsizetype pos, qint64 t, double value);
    void evictFront(qsizetype count, AppendStats &stats);
    void reallocate(qsizetype alloc);
    qsizetype physical(qsizetype i) const
    {
        qsizetype p = m_head + i;
        return p >= m_alloc ? p - m_alloc : p;
    }

    static constexpr int kEditLogSize = 16;

    std::unique_ptr<qint64[]> m_t;
    std::unique_ptr<double[]> m_v;
    qsizetype m_alloc = 0;
    qsizetype m_head = 0;
    qsizetype m_size = 0;
    qsizetype m_capacity = kDefaultCapacity;
    AppendStats m_totals;
    quint64 m_revision = 0;
    quint64 m_editSerial = 0;
    std::array<qint64, kEditLogSize> m_editLog {};
};

} // namespace wr
