// Pixel <-> data mapping of the chart panels as maths: zoomed, paused, resized, HiDPI, plus the
// per-column reduction the panels draw and the panel grouping of the host sampler's series.
#include "chartmapping.h"
#include "chartoverlay.h"
#include "panelgrouping.h"

#include <QTest>

#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;
using namespace wr;

namespace {
constexpr qint64 kT0 = 1'795'400'000'000; // an epoch ms in 2026
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
} // namespace

class TestChartMapping : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip_data();
    void roundTrip();
    void columnsFollowDevicePixels_data();
    void columnsFollowDevicePixels();
    void crispLinesOnDevicePixelCentres();
    void resizedWindowKeepsDataPosition();
    void edges();
    void liveWindowFollowsNow();
    void pausedWindowStays();
    void zoomKeepsAnchorUnderPointer_data();
    void zoomKeepsAnchorUnderPointer();
    void zoomIsClamped();
    void panMovesByDataTime();
    void showRangeSelectsExactly();
    void minMaxPerColumnKeepsExtremes();
    void minMaxPerColumnPassesSparseData();
    void minMaxPerColumnKeepsGaps();
    void niceRangeContainsData_data();
    void niceRangeContainsData();
    void groupsHostSamplerSeries_data();
    void groupsHostSamplerSeries();
    void annotationHitTest();
    void edgeLabelNamesSide();
};

void TestChartMapping::roundTrip_data()
{
    QTest::addColumn<QRectF>("plot");
    QTest::addColumn<qint64>("from");
    QTest::addColumn<qint64>("to");
    QTest::addColumn<qreal>("dpr");
    QTest::addRow("5 min, 800 px") << QRectF(40, 10, 800, 300) << kT0 - 300'000 << kT0 << 1.0;
    QTest::addRow("1 s zoomed, 313 px") << QRectF(0.5, 3.25, 313, 97) << kT0 << kT0 + 1000 << 1.0;
    QTest::addRow("24 h, HiDPI 2") << QRectF(60, 20, 1200, 400) << kT0 - 86'400'000 << kT0 << 2.0;
    QTest::addRow("fractional scale 1.25") << QRectF(33, 7, 517.6, 211) << kT0 - 60'000 << kT0
                                          << 1.25;
}

void TestChartMapping::roundTrip()
{
    QFETCH(QRectF, plot);
    QFETCH(qint64, from);
    QFETCH(qint64, to);
    QFETCH(qreal, dpr);
    const ChartMapping m(plot, from, to, -5.0, 120.0, dpr);
    QVERIFY(m.isValid());
    QCOMPARE(m.xForTime(double(from)), plot.left());
    QCOMPARE(m.xForTime(double(to)), plot.right());
    QCOMPARE(m.yForValue(-5.0), plot.bottom());
    QCOMPARE(m.yForValue(120.0), plot.top());
    // Data -> pixel -> data recovers the time within one millisecond and the value exactly
    // (up to rounding), anywhere in the window.
    for (int i = 0; i <= 20; ++i) {
        const qint64 t = from + (to - from) * i / 20;
        const double v = -5.0 + 125.0 * i / 20;
        const QPointF p = m.toPixel(t, v);
        QVERIFY2(std::abs(m.timeAt(p.x()) - t) <= 1, qPrintable(u"t=%1"_s.arg(t)));
        QVERIFY(qFuzzyCompare(1.0 + m.valueAt(p.y()), 1.0 + v));
    }
    // Pixel -> data -> pixel stays within the time rounding (one ms) of the pixel.
    for (double x = plot.left(); x <= plot.right(); x += plot.width() / 7) {
        QVERIFY(std::abs(m.xForTime(double(m.timeAt(x))) - x) <= 1.0 / m.msPerPixel() + 1e-9);
    }
}

void TestChartMapping::columnsFollowDevicePixels_data()
{
    QTest::addColumn<qreal>("width");
    QTest::addColumn<qreal>("dpr");
    QTest::addColumn<int>("columns");
    QTest::addRow("800 px at 1") << 800.0 << 1.0 << 800;
    QTest::addRow("800 px at 2") << 800.0 << 2.0 << 1600;
    QTest::addRow("517.6 px at 1.25") << 517.6 << 1.25 << 647;
    QTest::addRow("0.2 px") << 0.2 << 1.0 << 1;
}

void TestChartMapping::columnsFollowDevicePixels()
{
    QFETCH(qreal, width);
    QFETCH(qreal, dpr);
    QFETCH(int, columns);
    const ChartMapping m(QRectF(10, 10, width, 100), kT0, kT0 + 60'000, 0, 1, dpr);
    QCOMPARE(m.columns(), columns);
}

void TestChartMapping::crispLinesOnDevicePixelCentres()
{
    for (qreal dpr : { 1.0, 2.0, 1.5 }) {
        const ChartMapping m(QRectF(0, 0, 400, 100), kT0, kT0 + 40'000, 0, 1, dpr);
        for (double x : { 0.0, 10.2, 10.7, 199.99, 333.3 }) {
            const double crisp = m.crispX(x);
            const double device = crisp * dpr;
            // On the centre of a device pixel, in the device pixel that holds x.
            QCOMPARE(device - std::floor(device), 0.5);
            QCOMPARE(std::floor(device), std::floor(x * dpr));
        }
    }
}

void TestChartMapping::resizedWindowKeepsDataPosition()
{
    // A peer's cursor at a data time lands at the same relative position whatever the size of
    // my panel, and at the same time under my pointer after a resize.
    const qint64 from = kT0 - 300'000;
    const qint64 cursorT = kT0 - 120'000; // 60 % into the window
    const ChartMapping small(QRectF(40, 10, 400, 150), from, kT0, 0, 100, 1.0);
    const ChartMapping large(QRectF(60, 20, 1500, 600), from, kT0, 0, 100, 2.0);
    const auto relative = [](const ChartMapping &m, qint64 t) {
        return (m.xForTime(double(t)) - m.plotArea().left()) / m.plotArea().width();
    };
    QCOMPARE(relative(small, cursorT), 0.6);
    QCOMPARE(relative(large, cursorT), 0.6);
    QCOMPARE(small.timeAt(small.xForTime(double(cursorT))), cursorT);
    QCOMPARE(large.timeAt(large.xForTime(double(cursorT))), cursorT);
    // Values likewise, bottom to top.
    QCOMPARE(small.yForValue(25), 10 + 150 * 0.75);
    QCOMPARE(large.yForValue(25), 20 + 600 * 0.75);
}

void TestChartMapping::edges()
{
    const ChartMapping m(QRectF(0, 0, 100, 100), kT0, kT0 + 1000, 0, 1);
    QCOMPARE(m.edgeOf(kT0 - 1), ChartMapping::Edge::Before);
    QCOMPARE(m.edgeOf(kT0), ChartMapping::Edge::Inside);
    QCOMPARE(m.edgeOf(kT0 + 1000), ChartMapping::Edge::Inside);
    QCOMPARE(m.edgeOf(kT0 + 1001), ChartMapping::Edge::After);
    QVERIFY(!ChartMapping(QRectF(0, 0, 0, 100), kT0, kT0 + 1, 0, 1).isValid());
    QVERIFY(!ChartMapping(QRectF(0, 0, 10, 100), kT0, kT0, 0, 1).isValid());
    QVERIFY(!ChartMapping(QRectF(0, 0, 10, 100), kT0, kT0 + 1, 1, 1).isValid());
}

void TestChartMapping::liveWindowFollowsNow()
{
    TimeWindow w;
    w.setSpan(60'000);
    QVERIFY(w.isLive());
    QCOMPARE(w.end(kT0), kT0);
    QCOMPARE(w.start(kT0), kT0 - 60'000);
    QCOMPARE(w.end(kT0 + 5000), kT0 + 5000);
    // A preset keeps live mode.
    w.setSpan(3'600'000);
    QVERIFY(w.isLive());
    QCOMPARE(w.start(kT0), kT0 - 3'600'000);
}

void TestChartMapping::pausedWindowStays()
{
    TimeWindow w;
    w.setSpan(60'000);
    w.pause(kT0);
    QVERIFY(!w.isLive());
    QCOMPARE(w.end(kT0 + 10'000), kT0); // time goes on, the window does not
    // A preset while paused keeps the end.
    w.setSpan(300'000);
    QCOMPARE(w.end(kT0 + 99'000), kT0);
    QCOMPARE(w.start(kT0 + 99'000), kT0 - 300'000);
    w.goLive();
    QVERIFY(w.isLive());
    QCOMPARE(w.end(kT0 + 99'000), kT0 + 99'000);
    QCOMPARE(w.span(), 300'000);
}

void TestChartMapping::zoomKeepsAnchorUnderPointer_data()
{
    QTest::addColumn<double>("factor");
    QTest::addColumn<double>("anchorRel");
    QTest::addRow("in at the middle") << 0.5 << 0.5;
    QTest::addRow("in near the right edge") << 0.8 << 0.9;
    QTest::addRow("out at the left third") << 2.0 << 0.33;
}

void TestChartMapping::zoomKeepsAnchorUnderPointer()
{
    QFETCH(double, factor);
    QFETCH(double, anchorRel);
    TimeWindow w;
    w.setSpan(600'000);
    const QRectF plot(50, 0, 1000, 300);
    const ChartMapping before(plot, w.start(kT0), w.end(kT0), 0, 1);
    const double pointerX = plot.left() + anchorRel * plot.width();
    const qint64 anchor = before.timeAt(pointerX);
    w.zoom(factor, anchor, kT0);
    QVERIFY(!w.isLive()); // zooming pauses live mode
    QCOMPARE(w.span(), qint64(std::llround(600'000 * factor)));
    const ChartMapping after(plot, w.start(kT0), w.end(kT0), 0, 1);
    // The time under the pointer stays under the pointer (within one millisecond).
    QVERIFY(std::abs(after.timeAt(pointerX) - anchor) <= 1);
    // Later, the paused window has not moved.
    QCOMPARE(w.end(kT0 + 60'000), after.to());
}

void TestChartMapping::zoomIsClamped()
{
    TimeWindow w;
    w.setSpan(2'000);
    w.zoom(0.001, kT0 - 1000, kT0);
    QCOMPARE(w.span(), TimeWindow::kMinSpanMs);
    w.zoom(1e12, kT0, kT0);
    QCOMPARE(w.span(), TimeWindow::kMaxSpanMs);
    const TimeWindow unchanged = w;
    w.zoom(std::numeric_limits<double>::quiet_NaN(), kT0, kT0);
    w.zoom(-1, kT0, kT0);
    QCOMPARE(w, unchanged);
}

void TestChartMapping::panMovesByDataTime()
{
    TimeWindow w;
    w.setSpan(60'000);
    // Dragging 100 px to the right over a 600 px plot shows 10 s earlier.
    const ChartMapping m(QRectF(0, 0, 600, 100), w.start(kT0), w.end(kT0), 0, 1);
    w.pan(qint64(std::llround(-100 * m.msPerPixel())), kT0);
    QVERIFY(!w.isLive());
    QCOMPARE(w.end(kT0 + 1), kT0 - 10'000);
    QCOMPARE(w.span(), 60'000);
}

void TestChartMapping::showRangeSelectsExactly()
{
    TimeWindow w;
    w.showRange(kT0 + 5000, kT0 - 5000); // either order
    QVERIFY(!w.isLive());
    QCOMPARE(w.start(0), kT0 - 5000);
    QCOMPARE(w.end(0), kT0 + 5000);
    w.showRange(kT0, kT0 + 10); // below the minimum span: widened around the middle
    QCOMPARE(w.span(), TimeWindow::kMinSpanMs);
    QVERIFY(w.start(0) <= kT0 && w.end(0) >= kT0 + 10);
}

void TestChartMapping::minMaxPerColumnKeepsExtremes()
{
    // 100 columns of 1 s with 1000 points each (a 1 ms sine).
    TimeSeriesBuffer buffer(200'000);
    for (qint64 i = 0; i < 100'000; ++i)
        buffer.append(kT0 + i, std::sin(double(i) / 37.0) * (1 + double(i % 1000) / 500));
    const qint64 from = kT0, to = kT0 + 100'000;
    const int columns = 100;
    const ReductionGrid grid = ReductionGrid::make(from, to, columns);
    const QList<Sample> m4 = reduce(buffer, from, to, columns);
    const QList<Sample> drawn = minMaxPerColumn(m4, grid);
    const qsizetype buckets = grid.lastBucket - grid.firstBucket + 1;
    QVERIFY(drawn.size() <= 2 * buckets + 2);
    QVERIFY(drawn.size() < m4.size());
    // Per bucket, the drawn minimum and maximum equal the raw ones; points stay in time order.
    for (qint64 b = grid.firstBucket; b <= grid.lastBucket; ++b) {
        double rawLo = 1e300, rawHi = -1e300, lo = 1e300, hi = -1e300;
        for (qsizetype i = 0; i < buffer.size(); ++i) {
            if (grid.bucketOf(buffer.timeAt(i)) == b) {
                rawLo = std::min(rawLo, buffer.valueAt(i));
                rawHi = std::max(rawHi, buffer.valueAt(i));
            }
        }
        for (const Sample &s : drawn) {
            if (s.t >= grid.start() && s.t < grid.end() && grid.bucketOf(s.t) == b) {
                lo = std::min(lo, s.value);
                hi = std::max(hi, s.value);
            }
        }
        QCOMPARE(lo, rawLo);
        QCOMPARE(hi, rawHi);
    }
    for (qsizetype i = 1; i < drawn.size(); ++i)
        QVERIFY(drawn[i - 1].t < drawn[i].t);
}

void TestChartMapping::minMaxPerColumnPassesSparseData()
{
    // Fewer points than columns: everything is drawn as is.
    TimeSeriesBuffer buffer;
    for (int i = 0; i < 60; ++i)
        buffer.append(kT0 + i * 1000, double(i % 7));
    const ReductionGrid grid = ReductionGrid::make(kT0, kT0 + 60'000, 800);
    const QList<Sample> m4 = reduce(buffer, kT0, kT0 + 60'000, 800);
    const QList<Sample> drawn = minMaxPerColumn(m4, grid);
    QCOMPARE(drawn.size(), m4.size());
    QCOMPARE(drawn.size(), 60);
}

void TestChartMapping::minMaxPerColumnKeepsGaps()
{
    TimeSeriesBuffer buffer;
    for (int i = 0; i < 1000; ++i)
        buffer.append(kT0 + i * 10, (i >= 400 && i < 450) ? kNaN : double(i));
    const ReductionGrid grid = ReductionGrid::make(kT0, kT0 + 10'000, 50);
    const QList<Sample> drawn = minMaxPerColumn(reduce(buffer, kT0, kT0 + 10'000, 50), grid);
    const auto gaps = std::count_if(drawn.begin(), drawn.end(), [](const Sample &s) {
        return s.isGap();
    });
    QCOMPARE(gaps, 1);
    // No line is drawn across the gap: the break sits between the last point before it and
    // the first after it.
    const auto gap = std::find_if(drawn.begin(), drawn.end(), [](const Sample &s) {
        return s.isGap();
    });
    QVERIFY(gap != drawn.begin() && gap + 1 != drawn.end());
    QVERIFY((gap - 1)->t < kT0 + 4000);
    QVERIFY((gap + 1)->t >= kT0 + 4500);
}

void TestChartMapping::niceRangeContainsData_data()
{
    QTest::addColumn<double>("lo");
    QTest::addColumn<double>("hi");
    QTest::addRow("percent") << 3.2 << 87.9;
    QTest::addRow("bytes") << 1.2e9 << 7.9e9;
    QTest::addRow("negative") << -12.5 << 3.0;
    QTest::addRow("flat") << 42.0 << 42.0;
    QTest::addRow("flat zero") << 0.0 << 0.0;
    QTest::addRow("tiny") << 0.0011 << 0.0013;
    QTest::addRow("barely moving") << 38.817105 << 38.817110;
    QTest::addRow("barely moving, negative") << -250.0001 << -250.0;
}

void TestChartMapping::niceRangeContainsData()
{
    QFETCH(double, lo);
    QFETCH(double, hi);
    const NiceRange r = niceRange(lo, hi);
    QVERIFY(r.min <= lo);
    QVERIFY(r.max >= hi);
    QVERIFY(r.max > r.min);
    QVERIFY(r.ticks >= 2 && r.ticks <= 12);
    // Never finer than 0.1 % of the values: no axis of eight significant digits for noise.
    QVERIFY2(r.max - r.min >= 1e-3 * std::max(std::abs(lo), std::abs(hi)),
             qPrintable(u"%1 .. %2"_s.arg(r.min, 0, 'g', 12).arg(r.max, 0, 'g', 12)));
    // Ticks fall on a round step: (max - min) / intervals = d × 10^k, d in {1, 2, 2.5, 5}.
    const double step = (r.max - r.min) / (r.ticks - 1);
    const double mantissa = step / std::pow(10.0, std::floor(std::log10(step)));
    QVERIFY2(std::abs(mantissa - 1) < 1e-9 || std::abs(mantissa - 2) < 1e-9
                 || std::abs(mantissa - 2.5) < 1e-9 || std::abs(mantissa - 5) < 1e-9,
             qPrintable(u"step %1"_s.arg(step)));
    if (lo >= 0 && lo < (hi - lo) * 0.05 + 1e-12)
        QCOMPARE(r.min, 0.0); // a non-negative series near zero keeps its floor at zero
}

void TestChartMapping::groupsHostSamplerSeries_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("unit");
    QTest::addColumn<QString>("key");
    QTest::addRow("cpu total") << u"alpha/cpu.usage"_s << u"%"_s << u"alpha/cpu|%"_s;
    QTest::addRow("cpu core") << u"alpha/cpu.usage{cpu3}"_s << u"%"_s << u"alpha/cpu|%"_s;
    QTest::addRow("memory bytes") << u"alpha/mem.used"_s << u"B"_s << u"alpha/memory|B"_s;
    QTest::addRow("swap bytes") << u"alpha/swap.used"_s << u"B"_s << u"alpha/memory|B"_s;
    QTest::addRow("memory percent") << u"alpha/mem.usage"_s << u"%"_s << u"alpha/memory|%"_s;
    QTest::addRow("load") << u"alpha/load.1"_s << QString() << u"alpha/load|"_s;
    QTest::addRow("network") << u"alpha/net.rx{eth0}"_s << u"B/s"_s << u"alpha/network|B/s"_s;
    QTest::addRow("disk io") << u"alpha/disk.write{sda}"_s << u"B/s"_s << u"alpha/disk|B/s"_s;
    QTest::addRow("mount with slashes") << u"alpha/fs.used{/var/lib}"_s << u"B"_s
                                        << u"alpha/filesystem|B"_s;
    QTest::addRow("no host") << u"queue_depth"_s << QString() << u"queue|"_s;
}

void TestChartMapping::groupsHostSamplerSeries()
{
    QFETCH(QString, id);
    QFETCH(QString, unit);
    QFETCH(QString, key);
    SeriesInfo info;
    info.id = id;
    info.unit = unit;
    QCOMPARE(PanelGrouping::groupFor(info).key, key);
    // A host label wins over the id prefix.
    info.labels.insert(u"host"_s, u"beta"_s);
    QVERIFY(PanelGrouping::groupFor(info).key.startsWith(u"beta/"_s));
    QVERIFY(PanelGrouping::groupFor(info).title.contains(u"beta"_s));
}

void TestChartMapping::annotationHitTest()
{
    const ChartMapping m(QRectF(0, 0, 1000, 100), kT0, kT0 + 100'000, 0, 1);
    QList<PanelAnnotation> list;
    PanelAnnotation point;
    point.id = u"p"_s;
    point.t0 = kT0 + 50'000; // x = 500
    PanelAnnotation wide;
    wide.id = u"wide"_s;
    wide.t0 = kT0 + 10'000; // x 100..900
    wide.t1 = kT0 + 90'000;
    PanelAnnotation narrow;
    narrow.id = u"narrow"_s;
    narrow.t0 = kT0 + 60'000; // x 600..700
    narrow.t1 = kT0 + 70'000;
    list << wide << point << narrow;
    QCOMPARE(ChartOverlay::annotationAt(m, list, QPointF(503, 50)), 1); // the point line wins
    QCOMPARE(ChartOverlay::annotationAt(m, list, QPointF(650, 50)), 2); // innermost region
    QCOMPARE(ChartOverlay::annotationAt(m, list, QPointF(300, 50)), 0);
    QCOMPARE(ChartOverlay::annotationAt(m, list, QPointF(50, 50)), std::nullopt);
    QCOMPARE(ChartOverlay::annotationAt(m, list, QPointF(500, 150)), std::nullopt); // outside
}

void TestChartMapping::edgeLabelNamesSide()
{
    const QString before = ChartOverlay::edgeLabel(u"Alice"_s, kT0, ChartMapping::Edge::Before,
                                                   60'000);
    const QString after = ChartOverlay::edgeLabel(u"Bob"_s, kT0, ChartMapping::Edge::After,
                                                  60'000);
    QVERIFY(before.startsWith(u"←"_s) && before.contains(u"Alice"_s));
    QVERIFY(after.endsWith(u"→"_s) && after.contains(u"Bob"_s));
    QVERIFY(before.contains(QDateTime::fromMSecsSinceEpoch(kT0).toString(u"HH:mm:ss"_s)));
}

QTEST_GUILESS_MAIN(TestChartMapping)
#include "tst_chartmapping.moc"
