#include "scraper.h"

#include <QFile>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace wr::sources;
using wr::session::MetricSeries;
using wr::session::MetricsFrame;

namespace wr::sources {
char *toString(SourceStatus status)
{
    return qstrdup(qPrintable(statusName(status)));
}
} // namespace wr::sources

namespace {

const QString kNodeExporter = u"/usr/bin/prometheus-node-exporter"_s;

quint16 freePort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort(); // closed on return; a small race, handled by retrying
}

QList<MetricSeries> allSeries(const QSignalSpy &frames)
{
    QList<MetricSeries> out;
    for (const QList<QVariant> &args : frames)
        out += args.first().value<MetricsFrame>().series;
    return out;
}

} // namespace

class TestScraper : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void nodeExporter();
    void gzipIsNegotiatedAndInflated();
    void openMetricsWithoutEofIsDegraded();
    void httpErrorAndTimeoutAreReported();
    void oversizedResponseIsRefused();
    void invalidTargetIsNotFatal();

private:
    QHttpServer m_http;
    quint16 m_httpPort = 0;
    QList<QPair<QByteArray, QByteArray>> m_lastHeaders;
    QByteArray m_page;
};

void TestScraper::initTestCase()
{
    QFile plain(QFINDTESTDATA("../data/sources/node-exporter-1.5.0.prom"));
    QFile gz(QFINDTESTDATA("../data/sources/node-exporter-1.5.0.prom.gz"));
    QVERIFY(plain.open(QIODevice::ReadOnly) && gz.open(QIODevice::ReadOnly));
    m_page = plain.readAll();
    const QByteArray gzipped = gz.readAll();

    m_http.route(u"/gzip"_s, [this, gzipped](const QHttpServerRequest &request) {
        m_lastHeaders = request.headers();
        QHttpServerResponse response("text/plain; version=0.0.4; charset=utf-8"_ba, gzipped);
        response.setHeader("Content-Encoding"_ba, "gzip"_ba);
        return response;
    });
    m_http.route(u"/om"_s, [](const QHttpServerRequest &) {
        return QHttpServerResponse("application/openmetrics-text; version=1.0.0; charset=utf-8"_ba,
                                   "# TYPE up gauge\nup 1\n"_ba);
    });
    m_http.route(u"/big"_s, [](const QHttpServerRequest &) {
        return QHttpServerResponse("text/plain"_ba, QByteArray(4 * 1024 * 1024, '#'));
    });
    m_http.route(u"/missing"_s, [](const QHttpServerRequest &) {
        return QHttpServerResponse(QHttpServerResponse::StatusCode::NotFound);
    });
    m_httpPort = m_http.listen(QHostAddress::LocalHost, 0);
    QVERIFY(m_httpPort != 0);
}

void TestScraper::nodeExporter()
{
    if (!QFile::exists(kNodeExporter))
        QSKIP("prometheus-node-exporter is not installed");

    QProcess exporter;
    quint16 port = 0;
    for (int attempt = 0; attempt < 5 && port == 0; ++attempt) {
        const quint16 candidate = freePort();
        QVERIFY(candidate != 0);
        exporter.setProcessChannelMode(QProcess::MergedChannels);
        exporter.start(kNodeExporter,
                       { u"--web.listen-address=127.0.0.1:%1"_s.arg(candidate),
                         u"--collector.disable-defaults"_s, u"--collector.cpu"_s,
                         u"--collector.meminfo"_s, u"--collector.loadavg"_s,
                         u"--collector.netdev"_s, u"--collector.stat"_s });
        QVERIFY(exporter.waitForStarted(5000));
        // Ready once it accepts connections; if the port was taken meanwhile, it exits.
        bool ready = false;
        for (int i = 0; i < 100 && exporter.state() == QProcess::Running && !ready; ++i) {
            QTcpSocket socket;
            socket.connectToHost(QHostAddress::LocalHost, candidate);
            ready = socket.waitForConnected(100);
            if (!ready)
                exporter.waitForFinished(50); // a bounded pause that also notices an exit
        }
        if (ready)
            port = candidate;
        else {
            exporter.kill();
            exporter.waitForFinished(2000);
        }
    }
    QVERIFY2(port != 0, exporter.readAll().constData());

    ScrapeTarget target;
    target.name = u"node"_s;
    target.url = QUrl(u"http://127.0.0.1:%1/metrics"_s.arg(port));
    target.intervalMs = 300;
    target.staleAfterMs = 600;
    target.allowNames = { u"node_cpu_seconds_total"_s, u"node_memory_MemTotal_bytes"_s };
    target.allowPatterns = { u"node_load(1|5)"_s };
    target.extraLabels = { { u"job"_s, u"test"_s } };
    Scraper scraper(target);
    QSignalSpy frames(&scraper, &MetricSource::frame);
    QSignalSpy scraped(&scraper, &Scraper::scraped);
    QSignalSpy statuses(&scraper, &MetricSource::statusChanged);
    scraper.start();
    // Counter rates need a second scrape.
    QTRY_VERIFY_WITH_TIMEOUT(scraped.size() >= 3, 10000);
    QCOMPARE(scraper.status(), SourceStatus::Ok);
    QCOMPARE(scraped.first().at(1).value<qsizetype>(), 0); // no parse errors

    const QList<MetricSeries> series = allSeries(frames);
    QSet<QString> ids;
    int cpuRates = 0;
    for (const MetricSeries &s : series) {
        ids.insert(s.id);
        QVERIFY2(s.id.startsWith(u"node/node_cpu_seconds_total{"_s)
                         || s.id == u"node/node_memory_MemTotal_bytes"_s
                         || s.id == u"node/node_load1"_s || s.id == u"node/node_load5"_s,
                 qPrintable(s.id)); // the allowlist holds (no node_load15)
        if (s.id.startsWith(u"node/node_cpu_seconds_total{"_s)) {
            ++cpuRates;
            for (const auto &[t, v] : s.points) // CPU seconds per second, per CPU and mode
                QVERIFY2(v >= 0 && v <= 1.5, qPrintable(s.id + u' ' + QString::number(v)));
        }
        if (s.labels)
            QCOMPARE(s.labels->value(u"job"_s), u"test"_s);
    }
    QVERIFY(cpuRates > 0);
    QVERIFY(ids.contains(u"node/node_memory_MemTotal_bytes"_s));
    QVERIFY(ids.contains(u"node/node_load1"_s));

    // The target goes away: reported, retried, never fatal.
    exporter.kill();
    QVERIFY(exporter.waitForFinished(5000));
    QTRY_COMPARE_WITH_TIMEOUT(scraper.status(), SourceStatus::Unreachable, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(scraper.status(), SourceStatus::Stale, 5000);
    QVERIFY(scraper.isRunning());
    QVERIFY(scraper.failures() > 0);
    scraper.stop();
    QCOMPARE(scraper.status(), SourceStatus::Stopped);
}

void TestScraper::gzipIsNegotiatedAndInflated()
{
    ScrapeTarget target;
    target.url = QUrl(u"http://127.0.0.1:%1/gzip"_s.arg(m_httpPort));
    target.intervalMs = 60'000;
    target.allowPatterns = { u"node_.*"_s };
    Scraper scraper(target);
    QCOMPARE(scraper.sourceName(), u"scrape:127.0.0.1:%1"_s.arg(m_httpPort));
    QSignalSpy scraped(&scraper, &Scraper::scraped);
    QSignalSpy frames(&scraper, &MetricSource::frame);
    scraper.start();
    QVERIFY(scraped.wait(10000));
    QCOMPARE(scraped.first().at(1).value<qsizetype>(), 0);
    QVERIFY(scraped.first().at(0).value<qsizetype>() > 100);
    QCOMPARE(scraper.status(), SourceStatus::Ok);
    QByteArray acceptEncoding;
    for (const auto &[name, value] : std::as_const(m_lastHeaders)) {
        if (name.compare("accept-encoding", Qt::CaseInsensitive) == 0)
            acceptEncoding = value;
    }
    QVERIFY2(acceptEncoding.contains("gzip"), acceptEncoding.constData());
    const QList<MetricSeries> series = allSeries(frames);
    QVERIFY(!series.isEmpty());
    QVERIFY(series.first().id.startsWith(u"127.0.0.1:%1/node_"_s.arg(m_httpPort)));
}

void TestScraper::openMetricsWithoutEofIsDegraded()
{
    ScrapeTarget target;
    target.url = QUrl(u"http://127.0.0.1:%1/om"_s.arg(m_httpPort));
    target.intervalMs = 60'000;
    Scraper scraper(target);
    QSignalSpy scraped(&scraper, &Scraper::scraped);
    QSignalSpy frames(&scraper, &MetricSource::frame);
    scraper.start();
    QVERIFY(scraped.wait(10000));
    QCOMPARE(scraper.status(), SourceStatus::Degraded);
    QVERIFY2(scraper.statusMessage().contains(u"# EOF"_s), qPrintable(scraper.statusMessage()));
    QCOMPARE(frames.size(), 1); // what was there is still published
}

void TestScraper::httpErrorAndTimeoutAreReported()
{
    {
        ScrapeTarget target;
        target.url = QUrl(u"http://127.0.0.1:%1/missing"_s.arg(m_httpPort));
        target.intervalMs = 60'000;
        Scraper scraper(target);
        QSignalSpy errors(&scraper, &MetricSource::errorOccurred);
        scraper.start();
        QVERIFY(errors.wait(10000));
        QCOMPARE(scraper.status(), SourceStatus::Unreachable);
        QVERIFY2(scraper.statusMessage().contains(u"HTTP 404"_s), qPrintable(scraper.statusMessage()));
    }
    {
        // Accepts and never answers.
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        ScrapeTarget target;
        target.url = QUrl(u"http://127.0.0.1:%1/metrics"_s.arg(silent.serverPort()));
        target.intervalMs = 60'000;
        target.timeoutMs = 300;
        Scraper scraper(target);
        QSignalSpy errors(&scraper, &MetricSource::errorOccurred);
        scraper.start();
        QVERIFY(errors.wait(10000));
        QCOMPARE(scraper.status(), SourceStatus::Unreachable);
        QVERIFY2(scraper.statusMessage().contains(u"timed out"_s), qPrintable(scraper.statusMessage()));
    }
}

void TestScraper::oversizedResponseIsRefused()
{
    ScrapeTarget target;
    target.url = QUrl(u"http://127.0.0.1:%1/big"_s.arg(m_httpPort));
    target.intervalMs = 60'000;
    target.maxBodyBytes = 1024 * 1024;
    Scraper scraper(target);
    QSignalSpy errors(&scraper, &MetricSource::errorOccurred);
    QSignalSpy frames(&scraper, &MetricSource::frame);
    scraper.start();
    QVERIFY(errors.wait(10000));
    QVERIFY2(scraper.statusMessage().contains(u"larger than"_s), qPrintable(scraper.statusMessage()));
    QCOMPARE(frames.size(), 0);
}

void TestScraper::invalidTargetIsNotFatal()
{
    ScrapeTarget target;
    target.url = QUrl(u"ftp://example.invalid/metrics"_s);
    target.allowPatterns = { u"(unclosed"_s };
    QVERIFY(!target.validate().isEmpty());
    Scraper scraper(target);
    QSignalSpy errors(&scraper, &MetricSource::errorOccurred);
    scraper.start();
    QCOMPARE(errors.size(), 1);
    QCOMPARE(scraper.status(), SourceStatus::Unreachable);
    QVERIFY(!scraper.isRunning());
    QVERIFY(!scraper.scrapeNow());

    target.url = QUrl(u"http://127.0.0.1:1/metrics"_s);
    QVERIFY(target.validate().contains(u"(unclosed"_s));
    target.allowPatterns.clear();
    target.quantiles = { 1.5 };
    QVERIFY(target.validate().contains(u"quantile"_s));
}

QTEST_GUILESS_MAIN(TestScraper)
#include "tst_scraper.moc"
