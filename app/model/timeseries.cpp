#include "timeseries.h"

#include <algorithm>
#include <cstring>
#include <limits>

namespace wr {

namespace {

constexpr qsizetype kMinAllocation = 256;

qint64 timeOf(const Sample &point)
{
    return point.t;
}
double valueOf(const Sample &point)
{
    return point.value;
}
qint64 timeOf(const QPair<qint64, double> &point)
{
    return point.first;
}
double valueOf(const QPair<qint64, double> &point)
{
    return point.second;
}

} // namespace

AppendStats &AppendStats::operator+=(const AppendStats &other)
{
    appended += other.appended;
    inserted += other.inserted;
    replaced += other.replaced;
    dropped += other.dropped;
    evicted += other.evicted;
    invalid += other.invalid;
    return *this;
}

TimeSeriesBuffer::TimeSeriesBuffer(qsizetype capacity)
{
    setCapacity(capacity);
}

qsizetype TimeSeriesBuffer::setCapacity(qsizetype capacity)
{
    capacity = std::clamp<qsizetype>(capacity, 1, kMaxCapacity);
    if (m_size > capacity) {
        AppendStats stats;
        evictFront(m_size - capacity, stats);
        m_totals += stats;
        ++m_revision;
    }
    m_capacity = capacity;
    if (m_alloc > capacity)
        reallocate(capacity);
    return m_capacity;
}

AppendStats TimeSeriesBuffer::append(std::span<const Sample> points)
{
    return appendPoints(points);
}

AppendStats TimeSeriesBuffer::append(std::span<const QPair<qint64, double>> points)
{
    return appendPoints(points);
}

AppendStats TimeSeriesBuffer::append(qint64 t, double value)
{
    const Sample point { t, value };
    return appendPoints(std::span<const Sample>(&point, 1));
}

template<typename Point> AppendStats TimeSeriesBuffer::appendPoints(std::span<const Point> points)
{
    AppendStats stats;
    qint64 earliestEdit = std::numeric_limits<qint64>::max();
    for (const Point &point : points) {
        const qint64 t = timeOf(point);
        double value = valueOf(point);
        if (t < kMinTimestamp || t > kMaxTimestamp) [[unlikely]] {
            ++stats.invalid;
            continue;
        }
        if (std::isinf(value)) [[unlikely]] {
            // An infinite reading cannot be drawn or scaled; keep the instant as a gap.
            value = std::numeric_limits<double>::quiet_NaN();
            ++stats.invalid;
        }
        if (m_size != 0 && t <= timeAt(m_size - 1)) [[unlikely]]
            store(t, value, stats, earliestEdit);
        else
            pushBack(t, value, stats);
    }
    if (stats.changed() != 0 || stats.evicted != 0)
        ++m_revision;
    if (earliestEdit != std::numeric_limits<qint64>::max()) {
        m_editLog[m_editSerial % kEditLogSize] = earliestEdit;
        ++m_editSerial;
    }
    m_totals += stats;
    return stats;
}

// The slow path: a point at or before the newest one.
void TimeSeriesBuffer::store(qint64 t, double value, AppendStats &stats, qint64 &earliestEdit)
{
    const qsizetype pos = lowerBound(t);
    if (timeAt(pos) == t) { // pos < m_size: t <= newest
        m_v[physical(pos)] = value;
        ++stats.replaced;
    } else if (m_size == m_capacity) {
        if (pos == 0) {
            ++stats.dropped;
            return;
        }
        evictFront(1, stats);
        insertAt(pos - 1, t, value);
        ++stats.inserted;
    } else {
        if (m_size == m_alloc)
            reallocate(std::min(m_capacity, std::max(kMinAllocation, m_alloc * 2)));
        insertAt(pos, t, value);
        ++stats.inserted;
    }
    earliestEdit = std::min(earliestEdit, t);
}

void TimeSeriesBuffer::pushBack(qint64 t, double value, AppendStats &stats)
{
    if (m_size == m_capacity)
        evictFront(1, stats);
    else if (m_size == m_alloc)
        reallocate(std::min(m_capacity, std::max(kMinAllocation, m_alloc * 2)));
    const qsizetype p = physical(m_size);
    m_t[p] = t;
    m_v[p] = value;
    ++m_size;
    ++stats.appended;
}

// Opens a slot at logical index pos by moving the shorter side by one; needs a free slot.
void TimeSeriesBuffer::insertAt(qsizetype pos, qint64 t, double value)
{
    Q_ASSERT(m_size < m_alloc && pos >= 0 && pos <= m_size);
    if (pos < m_size - pos) {
        m_head = m_head == 0 ? m_alloc - 1 : m_head - 1;
        for (qsizetype i = 0; i < pos; ++i) {
            const qsizetype to = physical(i);
            const qsizetype from = physical(i + 1);
            m_t[to] = m_t[from];
            m_v[to] = m_v[from];
        }
    } else {
        for (qsizetype i = m_size; i > pos; --i) {
            const qsizetype to = physical(i);
            const qsizetype from = physical(i - 1);
            m_t[to] = m_t[from];
            m_v[to] = m_v[from];
        }
    }
    const qsizetype p = physical(pos);
    m_t[p] = t;
    m_v[p] = value;
    ++m_size;
}

void TimeSeriesBuffer::evictFront(qsizetype count, AppendStats &stats)
{
    count = std::min(count, m_size);
    m_head = m_size == count ? 0 : physical(count);
    m_size -= count;
    stats.evicted += count;
}

void TimeSeriesBuffer::reallocate(qsizetype alloc)
{
    Q_ASSERT(alloc >= m_size && alloc <= m_capacity);
    // Not make_unique: the arrays need no zero-filling.
    std::unique_ptr<qint64[]> t(new qint64[alloc]);
    std::unique_ptr<double[]> v(new double[alloc]);
    qsizetype offset = 0;
    for (const Span &span : spans(0, m_size)) {
        if (span.count == 0)
            continue;
        std::memcpy(t.get() + offset, span.t, size_t(span.count) * sizeof(qint64));
        std::memcpy(v.get() + offset, span.v, size_t(span.count) * sizeof(double));
        offset += span.count;
    }
    m_t = std::move(t);
    m_v = std::move(v);
    m_alloc = alloc;
    m_head = 0;
}

std::optional<TimeRange> TimeSeriesBuffer::timeRange() const
{
    if (m_size == 0)
        return std::nullopt;
    return TimeRange { timeAt(0), timeAt(m_size - 1) };
}

qsizetype TimeSeriesBuffer::lowerBound(qint64 t) const
{
    qsizetype first = 0;
    qsizetype count = m_size;
    while (count > 0) {
        const qsizetype half = count / 2;
        if (timeAt(first + half) < t) {
            first += half + 1;
            count -= half + 1;
        } else {
            count = half;
        }
    }
    return first;
}

std::optional<Sample> TimeSeriesBuffer::nearest(qint64 t) const
{
    if (m_size == 0)
        return std::nullopt;
    // Every stored time lies in the clamped range, so the answer is the same and the
    // differences below cannot overflow.
    t = std::clamp(t, kMinTimestamp, kMaxTimestamp);
    const qsizetype pos = lowerBound(t);
    if (pos == m_size)
        return at(m_size - 1);
    if (pos == 0)
        return at(0);
    return t - timeAt(pos - 1) <= timeAt(pos) - t ? at(pos - 1) : at(pos);
}

std::array<TimeSeriesBuffer::Span, 2> TimeSeriesBuffer::spans(qsizetype begin, qsizetype end) const
{
    std::array<Span, 2> result;
    begin = std::clamp<qsizetype>(begin, 0, m_size);
    end = std::clamp<qsizetype>(end, begin, m_size);
    const qsizetype count = end - begin;
    if (count == 0)
        return result;
    const qsizetype p = physical(begin);
    const qsizetype first = std::min(count, m_alloc - p);
    result[0] = { m_t.get() + p, m_v.get() + p, first };
    if (first < count)
        result[1] = { m_t.get(), m_v.get(), count - first };
    return result;
}

qsizetype TimeSeriesBuffer::allocatedBytes() const
{
    return m_alloc * qsizetype(sizeof(qint64) + sizeof(double));
}

TimeSeriesBuffer::EditsSince TimeSeriesBuffer::earliestEditSince(quint64 serial) const
{
    EditsSince result;
    if (serial > m_editSerial || m_editSerial - serial > quint64(kEditLogSize)) {
        result.known = false;
        return result;
    }
    for (quint64 s = serial; s < m_editSerial; ++s) {
        const qint64 t = m_editLog[s % kEditLogSize];
        result.earliest = result.earliest ? std::min(*result.earliest, t) : t;
    }
    return result;
}

} // namespace wr
