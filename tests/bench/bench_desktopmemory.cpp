// Resident memory of the desktop window with 50 series × 24 h at 1 s (86,400 points each) in
// the MetricStore, every panel shown and painted once (offscreen; docs/benchmarks.md, "Desktop
// app: glass to glass, ingest, start-up, memory"). VmRSS / VmHWM from /proc/self/status at each
// step; the baseline is the process with a QApplication and an empty window.
//
//   build/<release dir>/tests/bench/bench_desktopmemory          # a few seconds
#include "annotationstore.h"
#include "chartcanvas.h"
#include "chartpanel.h"
#include "mainwindow.h"
#include "metricstore.h"
#include "presencemodel.h"

#include <QApplication>
#include <QFile>
#include <QStandardPaths>

#include <cmath>
#include <cstdio>
#include <memory>

using namespace Qt::StringLiterals;
using namespace wr;

namespace {

constexpr qint64 kT0 = 1'795'400'000'000;
constexpr qint64 kDay = 86'400; // points per series: 24 h at 1 s
constexpr int kHosts = 5;
constexpr int kFamilies = 2;
constexpr int kPerPanel = 5; // 5 × 2 panels × 5 series = 50 series
constexpr double kTargetMiB = 300;

// kB value of a /proc/self/status line ("VmRSS:", "VmHWM:").
qint64 statusKiB(const QByteArray &key)
{
    QFile f(u"/proc/self/status"_s);
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith(key))
            return line.mid(key.size()).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

void report(const char *step)
{
    std::printf("| %s | %.1f | %.1f |\n", step, double(statusKiB("VmRSS:")) / 1024.0,
                double(statusKiB("VmHWM:")) / 1024.0);
    std::fflush(stdout);
}

void settle()
{
    for (int i = 0; i < 5; ++i)
        QCoreApplication::processEvents();
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);

    std::printf("| step | VmRSS MiB | VmHWM MiB |\n|---|---|---|\n");
    report("QApplication");

    MetricStore store;
    AnnotationStore annotations(u"me"_s);
    PresenceModel presence;
    const int rows = kHosts * kFamilies / 2;
    MainWindow window(&store, &annotations, &presence);
    const qint64 now = kT0 + kDay * 1000;
    window.setClock([now] { return now; });
    window.setSpan(kDay * 1000);
    window.resize(1600, rows * 230 + 120);
    window.show();
    settle();
    report("baseline: empty MainWindow shown (\"Waiting for metrics\")");

    for (int h = 0; h < kHosts; ++h) {
        for (int fam = 0; fam < kFamilies; ++fam) {
            for (int s = 0; s < kPerPanel; ++s) {
                session::MetricSeries series;
                const QString host = u"host%1"_s.arg(h);
                series.id = u"%1/fam%2.s%3"_s.arg(host).arg(fam).arg(s);
                series.name = u"fam%1 s%2"_s.arg(fam).arg(s);
                series.unit = u"%"_s;
                series.labels = QMap<QString, QString> { { u"host"_s, host } };
                series.points.reserve(kDay);
                for (qint64 i = 0; i < kDay; ++i)
                    series.points.append({ kT0 + i * 1000,
                                           50 + 30 * std::sin(double(i) / 900.0 + s + 3 * fam)
                                               + double((i * 7919) % 13) * 0.5 });
                session::MetricsFrame f;
                f.series.append(series);
                store.apply(f);
            }
        }
    }
    qint64 points = 0;
    for (const QString &id : store.seriesIds())
        points += store.size(id);
    std::fprintf(stderr, "store: %lld series, %lld points, %.1f MiB allocated by the columns\n",
                 qlonglong(store.seriesIds().size()), qlonglong(points),
                 double(store.allocatedBytes()) / 1048576.0);
    report("50 × 86,400 points in the MetricStore (before the frame)");

    window.renderFrame();
    settle();
    window.renderFrame();
    settle();
    quint64 painted = 0;
    const QList<ChartPanel *> panels = window.panels();
    for (ChartPanel *p : panels) {
        p->canvas()->viewport()->repaint();
        painted += p->canvas()->chartRenderCount() > 0 ? 1 : 0;
    }
    settle();
    std::fprintf(stderr, "window: %lld panels, %llu rendered at least once\n",
                 qlonglong(panels.size()), static_cast<unsigned long long>(painted));
    report("all panels shown and painted");
    const double rss = double(statusKiB("VmRSS:")) / 1024.0;
    std::printf("\nresident %.1f MiB, target ≤ %.0f MB: %s\n", rss, kTargetMiB,
                rss * 1.048576 <= kTargetMiB ? "met" : "NOT met");
    return 0;
}
