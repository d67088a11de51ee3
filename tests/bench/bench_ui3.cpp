// Costs of the board features added with export, cursor motion and layout, offscreen. Prints a
// markdown table (docs/desktop.md, "Benchmarks").
//
//  - glide tick: a board of 16 panels with 3 peers' cursors gliding (a new position every
//    33 ms, the ~60 Hz glide timer in between): MainWindow::refreshCursors() plus the repaint
//    of every panel's viewport (overlay strips only; the chart cache stays valid);
//  - panel CSV: exportPanelCsv() of a window holding 1,000,000 raw points (one series);
//  - annotations: CSV and JSON of 10,000 annotations.
#include "annotationstore.h"
#include "boardexport.h"
#include "chartcanvas.h"
#include "chartpanel.h"
#include "mainwindow.h"
#include "metricstore.h"
#include "presencemodel.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

using namespace Qt::StringLiterals;
using namespace wr;

namespace {

constexpr qint64 kNow = 1'795'400'000'000;

struct Stats
{
    double median = 0;
    double p95 = 0;
    int runs = 0;
};

template<typename F> Stats measure(int runs, F &&work)
{
    std::vector<double> ms;
    work(); // warm-up
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer t;
        t.start();
        work();
        ms.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    std::sort(ms.begin(), ms.end());
    Stats s;
    s.runs = runs;
    s.median = ms[ms.size() / 2];
    s.p95 = ms[std::min(ms.size() - 1, size_t(std::ceil(0.95 * double(ms.size()))) - 1)];
    return s;
}

void row(const char *name, const Stats &s, const QString &note)
{
    std::printf("| %s | %.2f | %.2f | %d | %s |\n", name, s.median, s.p95, s.runs,
                qPrintable(note));
    std::fflush(stdout);
}

session::MetricsFrame frameOf(const QString &id, const QString &name, const QString &unit,
                              qint64 from, qint64 count, qint64 step)
{
    session::MetricSeries s;
    s.id = id;
    s.name = name;
    s.unit = unit;
    s.labels = QMap<QString, QString> { { u"host"_s, id.section(u'/', 0, 0) } };
    s.points.reserve(count);
    for (qint64 i = 0; i < count; ++i)
        s.points.append({ from + i * step, 50 + 30 * std::sin(double(i) / 900.0) });
    session::MetricsFrame f;
    f.series.append(s);
    return f;
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"watchroom-bench"_s);
    const bool quick = qEnvironmentVariableIsSet("BENCH_QUICK");
    const int runs = quick ? 20 : 200;
    QTemporaryDir dir;

    std::printf("| scenario | median ms | p95 ms | runs | note |\n|---|---|---|---|---|\n");

    // ---- 16 panels, 3 gliding cursors -------------------------------------------------------
    MetricStore store;
    store.setCapacity(100'000);
    const char *families[] = { "cpu.usage", "mem.used", "net.rx", "disk.read" };
    const char *units[] = { "%", "B", "B/s", "B/s" };
    for (int host = 0; host < 4; ++host) {
        for (int f = 0; f < 4; ++f) {
            const QString id = u"host%1/%2"_s.arg(host).arg(QString::fromLatin1(families[f]));
            store.apply(frameOf(id, QString::fromLatin1(families[f]), QString::fromLatin1(units[f]),
                                kNow - 3'600'000, 3600, 1000));
        }
    }
    AnnotationStore annotations(u"me"_s, [] { return kNow; });
    PresenceModel presence;
    presence.setLocalUserId(u"me"_s);
    MainWindow window(&store, &annotations, &presence);
    window.setClock([] { return kNow; });
    window.setSpan(60 * 60'000);
    window.resize(1600, 1200);
    window.show();
    for (int i = 0; i < 5; ++i) {
        QCoreApplication::processEvents();
        window.renderFrame();
    }
    qint64 mono = 0;
    window.setMotionClock([&mono] { return mono; });
    const QString panelId = window.panels().first()->panelId();
    for (int p = 0; p < 3; ++p) {
        presence.applyPresence(u"peer%1"_s.arg(p),
                               { u"Peer %1"_s.arg(p), u"#12a594"_s, session::PresenceState::Active,
                                 std::nullopt, true });
    }
    int tick = 0;
    const auto glide = [&] {
        mono += 16;
        if (tick++ % 2 == 0) {
            for (int p = 0; p < 3; ++p) {
                session::Cursor c;
                c.panel = panelId;
                c.t = kNow - 3'000'000 + (tick * 997 + p * 300'000) % 2'900'000;
                c.y = 20 + p * 10;
                presence.applyCursor(u"peer%1"_s.arg(p), c); // also refreshes
            }
        } else {
            window.refreshCursors();
        }
        for (ChartPanel *panel : window.panels())
            panel->canvas()->viewport()->repaint();
    };
    quint64 renders = 0;
    for (ChartPanel *panel : window.panels())
        renders += panel->canvas()->chartRenderCount();
    const Stats glideStats = measure(runs, glide);
    quint64 rendersAfter = 0;
    for (ChartPanel *panel : window.panels())
        rendersAfter += panel->canvas()->chartRenderCount();
    row("glide tick, 16 panels, 3 cursors", glideStats,
        u"chart re-renders during the run: %1"_s.arg(rendersAfter - renders));

    // ---- panel CSV of 1 M raw points ---------------------------------------------------------
    MetricStore big;
    big.setCapacity(1'100'000);
    big.apply(
        frameOf(u"alpha/cpu.usage"_s, u"CPU usage"_s, u"%"_s, kNow - 1'000'000, 1'000'000, 1));
    MainWindow csvWindow(&big, &annotations, &presence);
    csvWindow.setClock([] { return kNow; });
    csvWindow.showRange(kNow - 1'000'000, kNow);
    const QString csvPath = dir.filePath(u"cpu.csv"_s);
    const QString cpuPanel = csvWindow.panels().first()->panelId();
    const Stats csvStats
        = measure(quick ? 3 : 10, [&] { csvWindow.exportPanelCsv(cpuPanel, csvPath); });
    const double mb = double(QFileInfo(csvPath).size()) / 1e6;
    row("panel CSV, 1,000,000 points", csvStats,
        u"%1 MB, %2 MB/s"_s.arg(mb, 0, 'f', 1).arg(mb / (csvStats.median / 1000.0), 0, 'f', 0));

    // ---- 10,000 annotations ------------------------------------------------------------------
    QList<session::Annotation> list;
    for (int i = 0; i < 10'000; ++i) {
        session::Annotation a;
        a.id = u"a%1"_s.arg(i);
        a.t0 = kNow - i * 1000;
        if (i % 3 == 0)
            a.t1 = a.t0 + 500;
        a.text = u"deploy %1, \"canary\""_s.arg(i);
        a.tags = { u"deploy"_s, u"prod"_s };
        a.author = u"alice"_s;
        list.append(a);
    }
    const auto name = [](const QString &id) { return id; };
    row("annotations CSV, 10,000",
        measure(quick ? 5 : 20, [&] { BoardExport::annotationsCsv(list, name); }), QString());
    row("annotations JSON, 10,000",
        measure(quick ? 5 : 20, [&] { BoardExport::annotationsJson(list, u"main"_s, kNow, name); }),
        QString());
    return 0;
}
