#pragma once

#include <QtGlobal>

#include <optional>

namespace wr {

// Turns samples of a monotonic counter (bytes sent, requests served, …) into a per-second
// rate, for sources that publish counters as rates.
//
// Resets follow Prometheus' rate()/increase(): a counter that decreases has restarted from
// zero (process restart, wrap), so the increase over that interval is the new value itself,
// not a negative number, and the rate is value / Δt. (The true increase may have been larger:
// whatever was counted before the reset since the previous sample is lost, so right after a
// reset the rate is a lower bound, as in Prometheus.)
//
// update() returns nothing for the first sample, for a NaN/±Inf value (a missed scrape: the
// previous sample is kept, so the next rate spans the gap) and for a timestamp not after the
// previous sample's (out of order or repeated: ignored).
class CounterRate
{
public:
    std::optional<double> update(qint64 tMs, double value);
    void reset();

    qint64 resets() const { return m_resets; }

private:
    std::optional<qint64> m_lastT;
    double m_lastValue = 0;
    qint64 m_resets = 0;
};

} // namespace wr
