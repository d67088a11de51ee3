// Prometheus text parse throughput on real node_exporter pages.
#include "promconvert.h"
#include "promparser.h"
#include "sourcesbench.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace wr::sources;

namespace {

QByteArray scrapeLive()
{
    quint16 port = 0;
    auto exporter = wr::bench::startNodeExporter(&port);
    if (!exporter)
        return {};
    QNetworkAccessManager network;
    QNetworkReply *reply
            = network.get(QNetworkRequest(QUrl(u"http://127.0.0.1:%1/metrics"_s.arg(port))));
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    const QByteArray page = reply->readAll();
    reply->deleteLater();
    exporter->kill();
    exporter->waitForFinished(2000);
    return page;
}

// The same page as if 20 instances were federated: every sample line gets a replica label,
// so the series stay unique and the page is ~20× larger (out of the CPU's L2 cache).
QByteArray federated(const QByteArray &page, int replicas)
{
    QByteArray out;
    out.reserve(page.size() * (replicas + 1));
    const QList<QByteArray> lines = page.split('\n');
    QByteArray family;
    QList<QByteArray> group;
    const auto flush = [&] {
        for (int r = 0; r < replicas; ++r) {
            for (const QByteArray &line : std::as_const(group)) {
                if (line.startsWith('#')) {
                    if (r == 0)
                        out += line + '\n';
                    continue;
                }
                const qsizetype brace = line.indexOf('{');
                const qsizetype space = line.indexOf(' ');
                const QByteArray label = "replica=\"" + QByteArray::number(r) + '"';
                if (brace >= 0 && brace < space)
                    out += line.left(brace + 1) + label + ',' + line.mid(brace + 1) + '\n';
                else
                    out += line.left(space) + '{' + label + '}' + line.mid(space) + '\n';
            }
        }
        group.clear();
    };
    for (const QByteArray &line : lines) {
        if (line.isEmpty())
            continue;
        if (line.startsWith("# HELP ") && !group.isEmpty())
            flush();
        group.append(line);
    }
    flush();
    return out;
}

void measure(const char *what, const QByteArray &page, double seconds)
{
    const PromParseResult check = parsePrometheus(page);
    QElapsedTimer timer;
    timer.start();
    qint64 iterations = 0;
    qsizetype samples = 0;
    while (timer.elapsed() < qint64(seconds * 1000)) {
        const PromParseResult r = parsePrometheus(page);
        samples += r.samples.size();
        ++iterations;
    }
    const double elapsed = double(timer.nsecsElapsed()) / 1e9;
    const double mbps = double(page.size()) * double(iterations) / elapsed / 1e6;

    PromConverter converter;
    timer.restart();
    qint64 converted = 0;
    qint64 t = 0;
    while (timer.elapsed() < qint64(seconds * 1000)) {
        const PromParseResult r = parsePrometheus(page);
        t += 1000;
        converter.convert(r, t);
        ++converted;
    }
    const double elapsed2 = double(timer.nsecsElapsed()) / 1e9;
    std::printf("| %s | %lld | %lld | %lld | %.0f | %.0f | %.1f |\n", what,
                static_cast<long long>(page.size()), static_cast<long long>(check.samples.size()),
                static_cast<long long>(check.errorCount), mbps,
                double(page.size()) * double(converted) / elapsed2 / 1e6,
                1e6 * elapsed2 / double(converted));
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const double seconds = wr::bench::quick() ? 0.5 : 3.0;
    QByteArray live = scrapeLive();
    QFile fixture(QStringLiteral(WATCHROOM_SOURCES_DATA "/node-exporter-1.5.0.prom"));
    if (!fixture.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "fixture missing\n");
        return 1;
    }
    const QByteArray page = fixture.readAll();
    std::printf("| page | bytes | samples | errors | parse MB/s | parse+convert MB/s | parse+convert µs/page |\n");
    std::printf("|---|---:|---:|---:|---:|---:|---:|\n");
    if (!live.isEmpty())
        measure("node_exporter, scraped now", live, seconds);
    measure("node_exporter fixture", page, seconds);
    measure("fixture ×20 replicas", federated(page, 20), seconds);
    return 0;
}
