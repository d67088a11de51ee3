#include "chartmapping.h"

#include <algorithm>
#include <cmath>

namespace wr {

// ---- TimeWindow -------------------------------------------------------------------------

qint64 TimeWindow::clampSpan(qint64 span)
{
    return std::clamp(span, kMinSpanMs, kMaxSpanMs);
}

void TimeWindow::setSpan(qint64 span)
{
    m_span = clampSpan(span);
}

void TimeWindow::pause(qint64 now)
{
    if (m_live) {
        m_end = now;
        m_live = false;
    }
}

void TimeWindow::zoom(double factor, qint64 anchor, qint64 now)
{
    if (!(factor > 0) || !std::isfinite(factor))
        return;
    const qint64 from = start(now);
    const qint64 to = end(now);
    const qint64 span = clampSpan(qint64(std::llround(double(m_span) * factor)));
    anchor = std::clamp(anchor, from, to);
    // Keep the anchor's relative position: (anchor - from) / span stays the same.
    const double rel = m_span > 0 ? double(anchor - from) / double(m_span) : 1.0;
    const qint64 newFrom = anchor - qint64(std::llround(rel * double(span)));
    m_span = span;
    m_end = newFrom + span;
    m_live = false;
}

void TimeWindow::pan(qint64 deltaMs, qint64 now)
{
    const qint64 e = end(now);
    m_end = e + deltaMs;
    m_live = false;
}

void TimeWindow::showRange(qint64 from, qint64 to)
{
    if (to < from)
        std::swap(from, to);
    const qint64 span = clampSpan(to - from);
    const qint64 mid = from + (to - from) / 2;
    m_span = span;
    m_end = mid + span / 2 + span % 2;
    m_live = false;
}

// ---- ChartMapping -----------------------------------------------------------------------

ChartMapping::ChartMapping(const QRectF &plotArea, qint64 from, qint64 to, double yMin,
                           double yMax, qreal devicePixelRatio)
    : m_plot(plotArea)
    , m_from(from)
    , m_to(to)
    , m_yMin(yMin)
    , m_yMax(yMax)
    , m_dpr(devicePixelRatio > 0 ? devicePixelRatio : 1.0)
{
}

bool ChartMapping::isValid() const
{
    return m_plot.width() > 0 && m_plot.height() > 0 && m_to > m_from && m_yMax > m_yMin
        && std::isfinite(m_yMin) && std::isfinite(m_yMax);
}

double ChartMapping::xForTime(double t) const
{
    const double span = double(m_to - m_from);
    return m_plot.left() + (t - double(m_from)) / span * m_plot.width();
}

double ChartMapping::yForValue(double v) const
{
    return m_plot.bottom() - (v - m_yMin) / (m_yMax - m_yMin) * m_plot.height();
}

qint64 ChartMapping::timeAt(double x) const
{
    const double rel = (x - m_plot.left()) / m_plot.width();
    return m_from + qint64(std::llround(rel * double(m_to - m_from)));
}

double ChartMapping::valueAt(double y) const
{
    const double rel = (m_plot.bottom() - y) / m_plot.height();
    return m_yMin + rel * (m_yMax - m_yMin);
}

double ChartMapping::msPerPixel() const
{
    return m_plot.width() > 0 ? double(m_to - m_from) / m_plot.width() : 0.0;
}

int ChartMapping::columns() const
{
    return std::max(1, int(std::lround(m_plot.width() * m_dpr)));
}

double ChartMapping::crispX(double x) const
{
    return (std::floor(x * m_dpr) + 0.5) / m_dpr;
}

ChartMapping::Edge ChartMapping::edgeOf(qint64 t) const
{
    if (t < m_from)
        return Edge::Before;
    if (t > m_to)
        return Edge::After;
    return Edge::Inside;
}

// ---- reduction post-processing -------------------------------------------------------------

QList<Sample> minMaxPerColumn(const QList<Sample> &m4, const ReductionGrid &grid)
{
    QList<Sample> out;
    if (grid.isEmpty())
        return m4;
    out.reserve(m4.size() / 2 + 4);
    const qsizetype n = m4.size();
    qsizetype i = 0;
    while (i < n) {
        const Sample &s = m4[i];
        if (s.isGap() || s.t < grid.start() || s.t >= grid.end()) {
            out.append(s);
            ++i;
            continue;
        }
        // A run of finite samples in one bucket.
        const qint64 bucket = grid.bucketOf(s.t);
        qsizetype j = i + 1;
        while (j < n && !m4[j].isGap() && m4[j].t < grid.end() && grid.bucketOf(m4[j].t) == bucket)
            ++j;
        if (j - i <= 2) {
            for (qsizetype k = i; k < j; ++k)
                out.append(m4[k]);
        } else {
            qsizetype lo = i, hi = i;
            for (qsizetype k = i + 1; k < j; ++k) {
                if (m4[k].value < m4[lo].value)
                    lo = k;
                if (m4[k].value > m4[hi].value)
                    hi = k;
            }
            if (lo == hi) {
                out.append(m4[lo]);
            } else {
                out.append(m4[std::min(lo, hi)]);
                out.append(m4[std::max(lo, hi)]);
            }
        }
        i = j;
    }
    return out;
}

NiceRange niceRange(double lo, double hi, int intervals)
{
    NiceRange r;
    intervals = std::max(1, intervals);
    if (!std::isfinite(lo) || !std::isfinite(hi) || lo > hi) {
        r.min = 0;
        r.max = 1;
        r.ticks = intervals + 1;
        return r;
    }
    if (hi - lo < 1e-12 * std::max(1.0, std::abs(hi))) {
        const double pad = lo == 0 ? 1.0 : std::abs(lo) * 0.1;
        lo = (lo >= 0 && lo - pad < 0) ? 0 : lo - pad;
        hi += pad;
    } else {
        // A series that barely moves (a file system's used bytes) would get an axis of eight
        // significant digits (38.817105, 38.817110 GiB) showing noise: the range spans at
        // least 0.1 % of the values' magnitude.
        const double minSpan = 1e-3 * std::max(std::abs(lo), std::abs(hi));
        if (hi - lo < minSpan) {
            const double mid = (lo + hi) / 2;
            lo = mid - minSpan / 2;
            hi = mid + minSpan / 2;
        }
        const double pad = (hi - lo) * 0.05;
        // Keep a non-negative series' floor at zero when zero is near.
        lo = (lo >= 0 && lo - pad < 0) ? 0 : lo - pad;
        hi += pad;
    }
    const double raw = (hi - lo) / intervals;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    double step = magnitude * 10;
    for (double m : { 1.0, 2.0, 2.5, 5.0, 10.0 }) {
        if (magnitude * m >= raw) {
            step = magnitude * m;
            break;
        }
    }
    r.min = std::floor(lo / step) * step;
    r.max = std::ceil(hi / step) * step;
    r.ticks = int(std::lround((r.max - r.min) / step)) + 1;
    return r;
}

} // namespace wr
