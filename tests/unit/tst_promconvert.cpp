#include "promconvert.h"

#include <QTest>

#include <cmath>

using namespace Qt::StringLiterals;
using namespace wr::sources;
using wr::session::MetricSeries;

namespace {

QList<MetricSeries> convertPage(PromConverter &converter, const QByteArray &page, qint64 now,
                                ExpositionFormat format = ExpositionFormat::PrometheusText)
{
    PromParseOptions options;
    options.format = format;
    const PromParseResult parsed = parsePrometheus(page, options);
    if (parsed.errorCount)
        qWarning() << parsed.errors.first().message;
    return converter.convert(parsed, now);
}

const MetricSeries *find(const QList<MetricSeries> &series, const QString &id)
{
    for (const MetricSeries &s : series) {
        if (s.id == id)
            return &s;
    }
    return nullptr;
}

QStringList ids(const QList<MetricSeries> &series)
{
    QStringList out;
    for (const MetricSeries &s : series)
        out.append(s.id);
    return out;
}

} // namespace

class TestPromConvert : public QObject
{
    Q_OBJECT

private slots:
    void gaugesPassThroughWithMetadataOnce();
    void countersBecomeRatesWithResets();
    void summaryQuantilesAreChosen();
    void histogramQuantilesDescribeTheInterval();
    void sumsMode();
    void infinityIsAGap();
    void longIdsStayWithinTheLimit();
    void openMetricsCounter();
};

void TestPromConvert::gaugesPassThroughWithMetadataOnce()
{
    PromConvertOptions options;
    options.idPrefix = u"node1"_s;
    options.extraLabels = { { u"env"_s, u"prod"_s } };
    PromConverter converter(options);
    const QByteArray page("# TYPE node_memory_MemFree_bytes gauge\n"
                          "node_memory_MemFree_bytes 1000\n"
                          "temp{zone=\"b\",chip=\"a\"} 40\n");
    auto first = convertPage(converter, page, 1000);
    QCOMPARE(ids(first), (QStringList { u"node1/node_memory_MemFree_bytes"_s,
                                        u"node1/temp{chip=a,zone=b}"_s }));
    QCOMPARE(first.at(0).unit, u"B"_s);
    QCOMPARE(first.at(0).name, u"node_memory_MemFree_bytes"_s);
    QCOMPARE(first.at(1).labels,
             (QMap<QString, QString> { { u"chip"_s, u"a"_s }, { u"zone"_s, u"b"_s }, { u"env"_s, u"prod"_s } }));
    QCOMPARE(first.at(0).points, (QList<QPair<qint64, double>> { { 1000, 1000.0 } }));

    auto second = convertPage(converter, page, 2000);
    QCOMPARE(second.size(), 2);
    QVERIFY(!second.at(0).name && !second.at(0).unit && !second.at(0).labels);
    QCOMPARE(second.at(1).points.first().first, 2000);

    converter.reset();
    auto third = convertPage(converter, page, 3000);
    QVERIFY(third.at(0).name); // restated after a reset
}

void TestPromConvert::countersBecomeRatesWithResets()
{
    PromConverter converter;
    const auto page = [](int v) -> QByteArray {
        return "# TYPE req_total counter\nreq_total{code=\"200\"} " + QByteArray::number(v) + "\n";
    };
    QVERIFY(convertPage(converter, page(100), 1000).isEmpty()); // no rate from one sample
    auto s = convertPage(converter, page(300), 3000);
    QCOMPARE(s.size(), 1);
    QCOMPARE(s.at(0).id, u"req_total{code=200}"_s);
    QCOMPARE(s.at(0).unit, u"/s"_s);
    QCOMPARE(s.at(0).points.first().second, 100.0); // 200 over 2 s
    s = convertPage(converter, page(50), 4000); // restarted
    QCOMPARE(s.at(0).points.first().second, 50.0);
    QCOMPARE(converter.counterResets(), 1);
}

void TestPromConvert::summaryQuantilesAreChosen()
{
    PromConvertOptions options;
    options.quantiles = { 0.5, 0.99 };
    PromConverter converter(options);
    const QByteArray page("# TYPE lat summary\n"
                          "lat{quantile=\"0.5\"} 10\nlat{quantile=\"0.9\"} 20\n"
                          "lat{quantile=\"0.99\"} 30\nlat_sum 100\nlat_count 5\n");
    const auto s = convertPage(converter, page, 1000);
    QCOMPARE(ids(s), (QStringList { u"lat{quantile=0.5}"_s, u"lat{quantile=0.99}"_s }));
    QCOMPARE(s.at(1).points.first().second, 30.0);
}

void TestPromConvert::histogramQuantilesDescribeTheInterval()
{
    PromConvertOptions options;
    options.quantiles = { 0.5 };
    PromConverter converter(options);
    const auto page = [](int b1, int b2, int inf) -> QByteArray {
        return "# TYPE d_seconds histogram\n"
               "d_seconds_bucket{path=\"/\",le=\"1\"} " + QByteArray::number(b1) + "\n"
               "d_seconds_bucket{path=\"/\",le=\"2\"} " + QByteArray::number(b2) + "\n"
               "d_seconds_bucket{path=\"/\",le=\"+Inf\"} " + QByteArray::number(inf) + "\n"
               "d_seconds_sum 10\nd_seconds_count " + QByteArray::number(inf) + "\n";
    };
    QVERIFY(convertPage(converter, page(100, 100, 100), 1000).isEmpty());
    // In this interval: 0 below 1, 10 between 1 and 2: the median is 1.5 (lifetime would say 1).
    auto s = convertPage(converter, page(100, 110, 110), 2000);
    QCOMPARE(ids(s), QStringList { u"d_seconds{path=/,quantile=0.5}"_s });
    QCOMPARE(s.at(0).unit, u"s"_s);
    QCOMPARE(s.at(0).points.first().second, 1.5);
    // Nothing observed: a gap.
    s = convertPage(converter, page(100, 110, 110), 3000);
    QVERIFY(std::isnan(s.at(0).points.first().second));
    // Reset: the new counts are the interval.
    s = convertPage(converter, page(0, 4, 4), 4000);
    QCOMPARE(s.at(0).points.first().second, 1.5);
}

void TestPromConvert::sumsMode()
{
    PromConvertOptions options;
    options.distributions = PromConvertOptions::Distributions::Sums;
    PromConverter converter(options);
    const auto page = [](int sum, int count) -> QByteArray {
        return "# TYPE d histogram\nd_bucket{le=\"+Inf\"} " + QByteArray::number(count)
                + "\nd_sum " + QByteArray::number(sum) + "\nd_count " + QByteArray::number(count)
                + "\n";
    };
    QVERIFY(convertPage(converter, page(10, 1), 1000).isEmpty());
    const auto s = convertPage(converter, page(30, 5), 2000);
    QCOMPARE(ids(s), (QStringList { u"d_sum"_s, u"d_count"_s }));
    QCOMPARE(s.at(0).points.first().second, 20.0);
    QCOMPARE(s.at(1).points.first().second, 4.0);
}

void TestPromConvert::infinityIsAGap()
{
    PromConverter converter;
    const auto s = convertPage(converter, "a +Inf\nb NaN\n", 1000);
    QCOMPARE(s.size(), 2);
    QVERIFY(std::isnan(s.at(0).points.first().second));
    QVERIFY(std::isnan(s.at(1).points.first().second));
}

void TestPromConvert::longIdsStayWithinTheLimit()
{
    PromConverter converter;
    const QByteArray page = "x{a=\"" + QByteArray(300, 'v') + "\"} 1\nx{a=\"" + QByteArray(300, 'v')
            + "w\"} 2\n";
    const auto s = convertPage(converter, page, 1000);
    QCOMPARE(s.size(), 2);
    QVERIFY(s.at(0).id.size() <= wr::session::kMaxIdLength);
    QVERIFY(s.at(0).id.startsWith(u"x{a=vvv"_s));
    QVERIFY(s.at(0).id != s.at(1).id);
    QCOMPARE(s.at(0).labels->value(u"a"_s).size(), 300);
}

void TestPromConvert::openMetricsCounter()
{
    PromConverter converter;
    const auto page = [](int v) -> QByteArray {
        return "# TYPE e counter\n# UNIT e bytes\ne_total " + QByteArray::number(v)
                + "\ne_created 1.5e9\n# EOF\n";
    };
    QVERIFY(convertPage(converter, page(0), 1000, ExpositionFormat::OpenMetrics).isEmpty());
    const auto s = convertPage(converter, page(10), 2000, ExpositionFormat::OpenMetrics);
    QCOMPARE(ids(s), QStringList { u"e_total"_s });
    QCOMPARE(s.at(0).unit, u"bytes/s"_s);
    QVERIFY(find(s, u"e_total"_s));
}

QTEST_APPLESS_MAIN(TestPromConvert)
#include "tst_promconvert.moc"
