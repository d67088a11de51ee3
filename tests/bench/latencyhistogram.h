#pragma once

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>

namespace wrbench {

// Log-linear histogram of nanosecond values: exact below 128 ns, then 64 sub-buckets per power
// of two (≤ 1.6 % relative error), so recording is a couple of shifts and an increment, cheap
// enough for millions of samples per second on the generator's single core.
class LatencyHistogram
{
public:
    void add(int64_t ns)
    {
        const uint64_t v = ns < 0 ? 0 : uint64_t(ns);
        ++m_counts[bucketOf(v)];
        ++m_total;
        m_max = std::max(m_max, v);
    }

    void merge(const LatencyHistogram &other)
    {
        for (size_t i = 0; i < kBuckets; ++i)
            m_counts[i] += other.m_counts[i];
        m_total += other.m_total;
        m_max = std::max(m_max, other.m_max);
    }

    void clear()
    {
        m_counts.fill(0);
        m_total = 0;
        m_max = 0;
    }

    uint64_t count() const { return m_total; }
    uint64_t max() const { return m_max; }

    // Value at quantile q (0..1): midpoint of the bucket holding the q-th sample, clamped to max.
    uint64_t quantile(double q) const
    {
        if (m_total == 0)
            return 0;
        const uint64_t rank = std::max<uint64_t>(1, uint64_t(q * double(m_total) + 0.5));
        uint64_t seen = 0;
        for (size_t i = 0; i < kBuckets; ++i) {
            seen += m_counts[i];
            if (seen >= rank)
                return std::min(midpointOf(i), m_max);
        }
        return m_max;
    }

private:
    static constexpr size_t kBuckets = 128 + 57 * 64;

    static size_t bucketOf(uint64_t v)
    {
        if (v < 128)
            return size_t(v);
        const int msb = 63 - std::countl_zero(v);
        const int shift = msb - 6;
        return 128 + size_t(msb - 7) * 64 + size_t((v >> shift) - 64);
    }

    static uint64_t midpointOf(size_t index)
    {
        if (index < 128)
            return index;
        const size_t rel = index - 128;
        const int shift = int(rel / 64) + 1;
        const uint64_t low = (64 + rel % 64) << shift;
        return low + ((uint64_t(1) << shift) >> 1);
    }

    std::array<uint64_t, kBuckets> m_counts {};
    uint64_t m_total = 0;
    uint64_t m_max = 0;
};

} // namespace wrbench
