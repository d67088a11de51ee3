#include "counterrate.h"

#include <cmath>

namespace wr {

std::optional<double> CounterRate::update(qint64 tMs, double value)
{
    if (!std::isfinite(value))
        return std::nullopt;
    if (m_lastT && tMs <= *m_lastT)
        return std::nullopt;
    std::optional<double> rate;
    if (m_lastT) {
        double increase = value - m_lastValue;
        if (value < m_lastValue) {
            ++m_resets;
            increase = value; // restarted from zero
        }
        rate = increase * 1000.0 / double(tMs - *m_lastT);
    }
    m_lastT = tMs;
    m_lastValue = value;
    return rate;
}

void CounterRate::reset()
{
    m_lastT.reset();
    m_lastValue = 0;
}

} // namespace wr
