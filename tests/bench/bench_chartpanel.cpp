// Frame times of the desktop charts, offscreen (raster), against the naive Qt Charts approach
// measured in the same run. Prints a markdown table (docs/benchmarks.md, "Desktop charts").
//
//  - one panel whose window holds 1,000,000 points (one per ms), 1280 x 720:
//      full repaint: the chart re-rendered into the cache (axes, grid, legend, the reduced
//        line) and the overlay painted over it;
//      live frame: 10 new points, the window slides, the reduction is brought up to date
//        incrementally, the chart re-rendered;
//      cold frame: a zoom (the reduction rebuilt from the 1 M points) and the re-render;
//      overlay only: a remote cursor moves; the cached chart is blitted, the overlay painted.
//    baseline: every point in a QLineSeries (replace(), default 2 px pen), QChartView repaint.
//  - a board of 16 panels x 86,400 points (24 h at 1 s): full repaint of every panel, and a
//    remote cursor moving over all 16 panels (overlay only).
#include "chartcanvas.h"
#include "chartpanel.h"
#include "mainwindow.h"
#include "metricstore.h"
#include "presencemodel.h"
#include "annotationstore.h"

#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QDateTimeAxis>
#include <QElapsedTimer>
#include <QLineSeries>
#include <QStandardPaths>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

using namespace Qt::StringLiterals;
using namespace wr;

namespace {

constexpr qint64 kT0 = 1'795'400'000'000;

struct Stats
{
    double median = 0;
    double p95 = 0;
    int runs = 0;
};

Stats summarise(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    Stats s;
    s.runs = int(v.size());
    s.median = v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
    s.p95 = v[std::min(v.size() - 1, size_t(std::ceil(0.95 * double(v.size()))) - 1)];
    return s;
}

template<typename F>
Stats measure(int runs, F &&frame)
{
    std::vector<double> ms;
    ms.reserve(size_t(runs));
    frame(); // warm-up
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer t;
        t.start();
        frame();
        ms.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    return summarise(ms);
}

double value(qint64 i)
{
    return 50 + 30 * std::sin(double(i) / 900.0) + 10 * std::sin(double(i) / 37.0)
        + double((i * 7919) % 13) * 0.5;
}

session::MetricsFrame frameOf(const QString &id, qint64 from, qint64 count, qint64 step)
{
    session::MetricSeries s;
    s.id = id;
    s.name = u"CPU usage"_s;
    s.unit = u"%"_s;
    s.points.reserve(count);
    for (qint64 i = 0; i < count; ++i)
        s.points.append({ from + i * step, value(from / step + i) });
    session::MetricsFrame f;
    f.series.append(s);
    return f;
}

void row(const char *name, const Stats &s, const char *baseline = "", const char *target = "")
{
    std::printf("| %s | %.2f | %.2f | %d | %s | %s |\n", name, s.median, s.p95, s.runs, baseline,
                target);
    std::fflush(stdout);
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    const bool quick = qEnvironmentVariableIsSet("BENCH_QUICK");
    const int runs = quick ? 15 : 60;
    const int naiveRuns = quick ? 2 : 5;

    std::printf("| scenario | median ms | p95 ms | runs | baseline | target |\n");
    std::printf("|---|---|---|---|---|---|\n");

    // ---- one panel, 1 M points in the window -------------------------------------------------
    constexpr qint64 kPoints = 1'000'000;
    MetricStore store;
    store.setCapacity(2 * kPoints);
    store.apply(frameOf(u"bench/cpu.usage"_s, kT0, kPoints, 1));
    ChartPanel panel(&store, u"bench/cpu|%"_s, u"CPU"_s);
    panel.addSeries(u"bench/cpu.usage"_s);
    panel.resize(1280, 720);
    panel.show();
    qint64 end = kT0 + kPoints;
    panel.setTimeRange(end - kPoints, end);
    panel.updateFrame();
    QCoreApplication::processEvents();
    panel.updateFrame();
    QCoreApplication::processEvents();
    QWidget *viewport = panel.canvas()->viewport();
    std::fprintf(stderr, "panel: %d columns, %lld points drawn\n", panel.columns(),
                 qlonglong(panel.drawnPointCount()));

    const Stats full = measure(runs, [&] {
        panel.canvas()->invalidateChart();
        viewport->repaint();
    });
    qint64 next = end;
    const Stats live = measure(runs, [&] {
        store.apply(frameOf(u"bench/cpu.usage"_s, next, 10, 1));
        next += 10;
        panel.setTimeRange(next - kPoints, next);
        panel.updateFrame();
        viewport->repaint();
    });
    double zoom = 1.0;
    const Stats cold = measure(runs, [&] {
        zoom = zoom > 0.9 ? 0.8 : 1.0; // alternate: every frame rebuilds the reduction
        const qint64 span = qint64(double(kPoints) * zoom);
        panel.setTimeRange(next - span, next);
        panel.updateFrame();
        viewport->repaint();
    });
    panel.setTimeRange(next - kPoints, next);
    panel.updateFrame();
    viewport->repaint();
    const quint64 rendersBefore = panel.canvas()->chartRenderCount();
    int step = 0;
    const Stats overlay = measure(runs, [&] {
        RemoteCursor c;
        c.userId = u"alice"_s;
        c.name = u"Alice"_s;
        c.color = QColor(0xe5, 0x48, 0x4d);
        c.t = next - kPoints + (++step * 7919) % kPoints;
        c.y = 50;
        c.onThisPanel = true;
        panel.setRemoteCursors({ c }); // schedules the update of what changed
        QCoreApplication::sendPostedEvents(&panel, QEvent::UpdateRequest); // paint + flush
    });
    const bool overlayOnly = panel.canvas()->chartRenderCount() == rendersBefore;

    // Anti-aliasing off for every line, for reference (by default it is off for dense lines).
    panel.setAntialiased(false);
    const Stats fullNoAa = measure(runs, [&] {
        panel.canvas()->invalidateChart();
        viewport->repaint();
    });
    panel.setAntialiased(true);
    panel.hide();

    // ---- the naive baseline: every point in a QLineSeries, default pen ----------------------
    Stats naive;
    double naiveReplaceMs = 0;
    {
        auto *chart = new QChart();
        chart->setAnimationOptions(QChart::NoAnimation);
        auto *series = new QLineSeries();
        QList<QPointF> points;
        points.reserve(kPoints);
        for (qint64 i = 0; i < kPoints; ++i)
            points.append(QPointF(double(kT0 + i), value(kT0 + i)));
        chart->addSeries(series);
        auto *axisX = new QDateTimeAxis();
        auto *axisY = new QValueAxis();
        chart->addAxis(axisX, Qt::AlignBottom);
        chart->addAxis(axisY, Qt::AlignLeft);
        series->attachAxis(axisX);
        series->attachAxis(axisY);
        axisX->setRange(QDateTime::fromMSecsSinceEpoch(kT0),
                        QDateTime::fromMSecsSinceEpoch(kT0 + kPoints));
        axisY->setRange(0, 100);
        QElapsedTimer t;
        t.start();
        series->replace(points); // on a chart: geometry and hover shape of 1 M points
        naiveReplaceMs = double(t.nsecsElapsed()) / 1e6;
        QChartView view(chart);
        view.resize(1280, 720);
        view.show();
        QCoreApplication::processEvents();
        naive = measure(naiveRuns, [&] { view.viewport()->repaint(); });
    }

    char ratio[64];
    std::snprintf(ratio, sizeof ratio, "%.0f× faster than naive", naive.median / full.median);
    row("1 panel, 1 M points in window: full repaint", full, ratio, "≤ 4 ms");
    std::snprintf(ratio, sizeof ratio, "%.0f×", naive.median / fullNoAa.median);
    row("1 panel, 1 M points: full repaint, anti-aliasing forced off", fullNoAa, ratio);
    std::snprintf(ratio, sizeof ratio, "%.0f×", naive.median / live.median);
    row("1 panel, 1 M points: live frame (10 new points, incremental reduction, repaint)", live,
        ratio);
    std::snprintf(ratio, sizeof ratio, "%.0f×", naive.median / cold.median);
    row("1 panel, 1 M points: cold frame (zoom, reduction rebuilt from 1 M, repaint)", cold, ratio);
    row("1 panel: remote cursor moves (update, paint, flush)", overlay,
        overlayOnly ? "chart cache reused" : "CHART RE-RENDERED", "≤ 2 ms");
    row("naive: every point in a QLineSeries, 2 px default pen, repaint", naive, "baseline");
    std::printf("\nnaive QLineSeries::replace() of 1 M points: %.0f ms (once, not per frame)\n",
                naiveReplaceMs);

    // ---- a board of 16 panels x 86,400 points ------------------------------------------------
    {
        constexpr qint64 kDay = 86'400;
        MetricStore boardStore;
        for (int h = 0; h < 16; ++h) {
            session::MetricsFrame f = frameOf(u"host%1/cpu.usage"_s.arg(h, 2, 10, QChar(u'0')),
                                              kT0, kDay, 1000);
            boardStore.apply(f);
        }
        AnnotationStore annotations(u"me"_s);
        PresenceModel presence;
        MainWindow window(&boardStore, &annotations, &presence);
        const qint64 now = kT0 + kDay * 1000;
        window.setClock([now] { return now; });
        window.setSpan(kDay * 1000);
        window.resize(1600, 8 * 230 + 120);
        window.show();
        window.renderFrame();
        QCoreApplication::processEvents();
        window.renderFrame();
        QCoreApplication::processEvents();
        const QList<ChartPanel *> panels = window.panels();
        std::fprintf(stderr, "board: %lld panels\n", qlonglong(panels.size()));
        const Stats board = measure(quick ? 5 : 20, [&] {
            for (ChartPanel *p : panels) {
                p->canvas()->invalidateChart();
                p->canvas()->viewport()->repaint();
            }
        });
        quint64 renders = 0;
        for (ChartPanel *p : panels)
            renders += p->canvas()->chartRenderCount();
        int n = 0;
        const Stats cursor = measure(runs, [&] {
            session::Cursor c;
            c.panel = u"host03/cpu|%"_s;
            c.t = now - kDay * 1000 + (++n * 7'919'000) % (kDay * 1000);
            c.y = 50;
            presence.applyCursor(u"alice"_s, c);
            QCoreApplication::sendPostedEvents(&window, QEvent::UpdateRequest);
        });
        quint64 rendersAfter = 0;
        for (ChartPanel *p : panels)
            rendersAfter += p->canvas()->chartRenderCount();
        std::printf("\n| scenario | median ms | p95 ms | runs | note | target |\n");
        std::printf("|---|---|---|---|---|---|\n");
        row("board: 16 panels × 86,400 points, full repaint of all panels", board, "", "≤ 33 ms");
        row("board: remote cursor moves over 16 panels (update, paint, flush)", cursor,
            rendersAfter == renders ? "chart caches reused" : "CHART RE-RENDERED", "≤ 2 ms");
    }
    return 0;
}
