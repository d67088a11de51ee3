#pragma once

#include "reducer.h"
#include "timeseries.h"

#include <QList>
#include <QPointF>
#include <QRectF>
#include <QtGlobal>

namespace wr {

// The visible time range of a board: `span` milliseconds ending at `end`, or ending at now while
// live. Pure value logic (no clock of its own), so zooming, panning and pausing are testable.
// Every user gesture that moves the window (zoom, pan, a selected range) pauses live mode;
// goLive() returns to following now with the current span.
class TimeWindow
{
public:
    static constexpr qint64 kMinSpanMs = 1'000;
    static constexpr qint64 kMaxSpanMs = qint64(400) * 24 * 60 * 60 * 1000;
    static constexpr qint64 kDefaultSpanMs = 5 * 60 * 1000;

    qint64 span() const { return m_span; }
    bool isLive() const { return m_live; }
    qint64 end(qint64 now) const { return m_live ? now : m_end; }
    qint64 start(qint64 now) const { return end(now) - m_span; }

    // A preset: keeps live mode; when paused, keeps the end of the window.
    void setSpan(qint64 span);
    void goLive() { m_live = true; }
    void pause(qint64 now);
    // factor < 1 zooms in. The time at `anchor` keeps its relative position in the window.
    void zoom(double factor, qint64 anchor, qint64 now);
    // Positive delta moves the window later. Moving past now is allowed while paused.
    void pan(qint64 deltaMs, qint64 now);
    // Shows [from, to] (ordered, at least kMinSpanMs), paused.
    void showRange(qint64 from, qint64 to);

    bool operator==(const TimeWindow &) const = default;

private:
    static qint64 clampSpan(qint64 span);

    qint64 m_span = kDefaultSpanMs;
    qint64 m_end = 0; // used while paused
    bool m_live = true;
};

// Pixel <-> data mapping of one plot area. Pixels are logical (device-independent) pixels in the
// coordinate system of the plot area's widget; the device pixel ratio only decides how many
// columns the reduction needs and where crisp 1-device-pixel lines fall. Time runs left to
// right over [from, to], values bottom to top over [yMin, yMax].
class ChartMapping
{
public:
    enum class Edge { Inside, Before, After };

    ChartMapping() = default;
    ChartMapping(const QRectF &plotArea, qint64 from, qint64 to, double yMin, double yMax,
                 qreal devicePixelRatio = 1.0);

    bool isValid() const;
    QRectF plotArea() const { return m_plot; }
    qint64 from() const { return m_from; }
    qint64 to() const { return m_to; }
    double yMin() const { return m_yMin; }
    double yMax() const { return m_yMax; }
    qreal devicePixelRatio() const { return m_dpr; }

    double xForTime(double t) const;
    double yForValue(double v) const;
    QPointF toPixel(qint64 t, double v) const { return { xForTime(double(t)), yForValue(v) }; }
    // Rounded to the nearest millisecond.
    qint64 timeAt(double x) const;
    double valueAt(double y) const;
    // Milliseconds one logical pixel covers.
    double msPerPixel() const;

    // Device-pixel columns across the plot area: the width to reduce the window to.
    int columns() const;
    // The centre of the device pixel column holding x, in logical pixels: a 1-device-pixel
    // vertical line drawn there is crisp at any device pixel ratio.
    double crispX(double x) const;

    Edge edgeOf(qint64 t) const;
    bool containsPixel(const QPointF &p) const { return m_plot.contains(p); }

private:
    QRectF m_plot;
    qint64 m_from = 0;
    qint64 m_to = 1;
    double m_yMin = 0;
    double m_yMax = 1;
    qreal m_dpr = 1.0;
};

// Turns an M4 reduction (first, min, max, last per column) into one min/max pair per column, in
// time order, keeping gap breaks and the context points outside the grid. Columns with at most
// two points pass unchanged, so sparse data is drawn exactly. At most 2 × (grid buckets) + 2
// points plus one break per gap.
QList<Sample> minMaxPerColumn(const QList<Sample> &m4, const ReductionGrid &grid);

// A value axis range that contains [lo, hi] with a little headroom and ends on round numbers
// (1, 2, 2.5, 5 × 10^k steps for about `ticks` intervals). A flat or empty range gets a span;
// any range spans at least 0.1 % of the values' magnitude.
struct NiceRange
{
    double min = 0;
    double max = 1;
    int ticks = 5; // intervals + 1
};
NiceRange niceRange(double lo, double hi, int intervals = 4);

} // namespace wr
