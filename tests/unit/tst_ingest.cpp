#include "ingest.h"
#include "promconvert.h"

#include <QFile>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace wr::sources;

Q_DECLARE_METATYPE(wr::sources::IngestFormat)

class TestIngest : public QObject
{
    Q_OBJECT

private slots:
    void detect_data();
    void detect();
    void nativeJsonFrame();
    void azureMonitorShapes_data();
    void azureMonitorShapes();
    void badJson_data();
    void badJson();
    void influxGroupsSeries();
    void prometheusPushWithState();
    void bodyLimit();
};

void TestIngest::detect_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<IngestFormat>("format");
    QTest::addRow("json") << QByteArray("application/json; charset=utf-8") << QByteArray("{}")
                          << IngestFormat::Json;
    QTest::addRow("openmetrics") << QByteArray("application/openmetrics-text; version=1.0.0")
                                 << QByteArray("a 1\n# EOF\n") << IngestFormat::OpenMetrics;
    QTest::addRow("prometheus") << QByteArray("text/plain; version=0.0.4") << QByteArray("a 1\n")
                                << IngestFormat::PrometheusText;
    QTest::addRow("sniff influx") << QByteArray("text/plain") << QByteArray("# c\ncpu,host=a usage=1\n")
                                  << IngestFormat::Influx;
    QTest::addRow("sniff prometheus with = in labels")
            << QByteArray("text/plain") << QByteArray("x{a=\"b c\"} 1\n")
            << IngestFormat::PrometheusText;
    QTest::addRow("sniff json") << QByteArray() << QByteArray("  {\"type\":\"metrics\"}")
                                << IngestFormat::Json;
}

void TestIngest::detect()
{
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    QFETCH(IngestFormat, format);
    QCOMPARE(detectIngestFormat(contentType, body), format);
}

void TestIngest::nativeJsonFrame()
{
    const QByteArray body = R"({"type":"metrics","v":1,"series":[{"id":"a/x","unit":"%",
        "points":[[1795400000000,1.5],[1795400001000,null]]}]})";
    IngestOptions options;
    options.source = u"push:script"_s;
    const IngestResult r = ingestJson(body, options);
    QVERIFY2(r.ok(), qPrintable(r.fatalError));
    QCOMPARE(r.frame.source, u"push:script"_s);
    QCOMPARE(r.frame.series.size(), 1);
    QCOMPARE(r.frame.series.first().points.size(), 2);
    QVERIFY(qIsNaN(r.frame.series.first().points.at(1).second));
}

void TestIngest::azureMonitorShapes_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("someId");
    QTest::addRow("rest vm") << u"rest-vm-cpu.json"_s << u"azure/Percentage CPU/average"_s;
    QTest::addRow("metricsquery") << u"metricsquery-result.json"_s << QString();
}

void TestIngest::azureMonitorShapes()
{
    QFETCH(QString, file);
    QFETCH(QString, someId);
    QFile f(QFINDTESTDATA(u"../data/azure-monitor/"_s + file));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray body = R"({"type":"metrics","timestamp":"2024-05-02T10:03:00Z","data":)"
            + f.readAll() + "}";
    const IngestResult r = ingest(IngestFormat::Json, body);
    QVERIFY2(r.ok(), qPrintable(r.fatalError));
    QVERIFY(!r.frame.series.isEmpty());
    if (!someId.isEmpty()) {
        const auto it = std::find_if(r.frame.series.cbegin(), r.frame.series.cend(),
                                     [&](const auto &s) { return s.id == someId; });
        QVERIFY(it != r.frame.series.cend());
    }
}

void TestIngest::badJson_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("contains");
    QTest::addRow("not json") << QByteArray("{nope") << u"invalid JSON"_s;
    QTest::addRow("not metrics") << QByteArray(R"({"type":"bye","v":1})") << u"not a 'metrics'"_s;
    QTest::addRow("points backwards")
            << QByteArray(R"({"type":"metrics","series":[{"id":"a","points":[[2,1],[1,1]]}]})")
            << u"increase"_s;
    QTest::addRow("empty") << QByteArray() << u"invalid JSON"_s;
}

void TestIngest::badJson()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, contains);
    const IngestResult r = ingestJson(body);
    QVERIFY(!r.ok());
    QVERIFY2(r.fatalError.contains(contains), qPrintable(r.fatalError));
}

void TestIngest::influxGroupsSeries()
{
    IngestOptions options;
    options.idPrefix = u"lab"_s;
    options.nowMs = 5000;
    const IngestResult r = ingestInflux("cpu,host=a usage=1 3000000000\n"
                                        "cpu,host=a usage=2 1000000000\n"
                                        "cpu,host=a usage=9 1000000000\n"
                                        "cpu,host=b usage=4\n"
                                        "broken\n",
                                        options);
    QVERIFY(r.ok());
    QCOMPARE(r.errorCount, 1);
    QVERIFY2(r.errors.first().startsWith(u"line 5: "_s), qPrintable(r.errors.first()));
    QCOMPARE(r.frame.series.size(), 2);
    QCOMPARE(r.frame.series.at(0).id, u"lab/cpu.usage{host=a}"_s);
    // Sorted, a repeated time keeps the last value written.
    QCOMPARE(r.frame.series.at(0).points,
             (QList<QPair<qint64, double>> { { 1000, 9.0 }, { 3000, 1.0 } }));
    QCOMPARE(r.frame.series.at(1).points, (QList<QPair<qint64, double>> { { 5000, 4.0 } }));
}

void TestIngest::prometheusPushWithState()
{
    PromConverter converter; // the relay keeps one per pushing client
    IngestOptions options;
    options.nowMs = 1000;
    const QByteArray page = "# TYPE hits_total counter\nhits_total 10\ntemp 3\n";
    IngestResult r = ingest(IngestFormat::PrometheusText, page, options, &converter);
    QCOMPARE(r.frame.series.size(), 1); // the counter needs a second push
    options.nowMs = 2000;
    r = ingest(IngestFormat::PrometheusText, "# TYPE hits_total counter\nhits_total 15\ntemp 4\n",
               options, &converter);
    QCOMPARE(r.frame.series.size(), 2);
    QCOMPARE(r.frame.series.at(0).points.first().second, 5.0);
    // Stateless: values as they are.
    r = ingest(IngestFormat::PrometheusText, page, options);
    QCOMPARE(r.frame.series.at(0).points.first().second, 10.0);
    // OpenMetrics without # EOF: the samples, and an error saying so.
    r = ingest(IngestFormat::OpenMetrics, "a 1\n", options);
    QCOMPARE(r.frame.series.size(), 1);
    QCOMPARE(r.errorCount, 1);
    QVERIFY(r.errors.first().contains(u"# EOF"_s));
}

void TestIngest::bodyLimit()
{
    IngestOptions options;
    options.maxBodyBytes = 10;
    for (IngestFormat format : { IngestFormat::Json, IngestFormat::PrometheusText,
                                 IngestFormat::OpenMetrics, IngestFormat::Influx }) {
        const IngestResult r = ingest(format, QByteArray(11, 'a'), options);
        QVERIFY(!r.ok());
        QVERIFY(r.fatalError.contains(u"larger than"_s));
    }
}

QTEST_APPLESS_MAIN(TestIngest)
#include "tst_ingest.moc"
