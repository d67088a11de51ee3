// 10 scrape targets at 1 s against one real node_exporter: CPU of this (scraping) process.
#include "scraper.h"
#include "sourcesbench.h"

#include <QCoreApplication>
#include <QNetworkAccessManager>
#include <QTimer>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace wr::sources;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    quint16 port = 0;
    auto exporter = wr::bench::startNodeExporter(&port);
    if (!exporter) {
        std::fprintf(stderr, "prometheus-node-exporter is not available: skipped\n");
        return 77;
    }
    const int targets = 10;
    const int seconds = wr::bench::quick() ? 5 : 30;
    QNetworkAccessManager network;
    std::vector<std::unique_ptr<Scraper>> scrapers;
    qint64 frames = 0;
    qint64 points = 0;
    qint64 errors = 0;
    for (int i = 0; i < targets; ++i) {
        ScrapeTarget target;
        target.name = u"node%1"_s.arg(i);
        target.url = QUrl(u"http://127.0.0.1:%1/metrics"_s.arg(port));
        target.intervalMs = 1000;
        auto scraper = std::make_unique<Scraper>(target, &network);
        QObject::connect(scraper.get(), &MetricSource::frame, &app,
                         [&](const wr::session::MetricsFrame &f) {
                             ++frames;
                             for (const auto &s : f.series)
                                 points += s.points.size();
                         });
        QObject::connect(scraper.get(), &MetricSource::errorOccurred, &app,
                         [&](const QString &) { ++errors; });
        scrapers.push_back(std::move(scraper));
    }
    // Warm-up (connections, first pages), then the measured window.
    for (auto &s : scrapers)
        s->start();
    QTimer::singleShot(2000, &app, &QCoreApplication::quit);
    app.exec();
    frames = points = errors = 0;
    qint64 scrapes0 = 0;
    for (auto &s : scrapers)
        scrapes0 += s->scrapes();
    const double cpu0 = wr::bench::processCpuSeconds();
    QElapsedTimer wall;
    wall.start();
    QTimer::singleShot(seconds * 1000, &app, &QCoreApplication::quit);
    app.exec();
    const double cpu = wr::bench::processCpuSeconds() - cpu0;
    const double elapsed = double(wall.elapsed()) / 1000.0;
    qint64 scrapes = 0;
    for (auto &s : scrapers)
        scrapes += s->scrapes();
    scrapes -= scrapes0;
    exporter->kill();
    exporter->waitForFinished(2000);
    std::printf("| targets | interval | window s | scrapes | points published | errors | CPU s | share of one core |\n");
    std::printf("|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    std::printf("| %d | 1 s | %.1f | %lld | %lld | %lld | %.3f | %.2f %% |\n", targets, elapsed,
                static_cast<long long>(scrapes), static_cast<long long>(points),
                static_cast<long long>(errors), cpu, 100.0 * cpu / elapsed);
    return 0;
}
