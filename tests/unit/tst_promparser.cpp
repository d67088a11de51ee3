#include "promconvert.h"
#include "promparser.h"

#include <QTest>

#include <cmath>

using namespace Qt::StringLiterals;
using namespace wr::sources;

Q_DECLARE_METATYPE(wr::sources::ExpositionFormat)

namespace {

// "name{k=v,…} value [@t]" per sample, for readable comparisons.
QStringList describe(const PromParseResult &r)
{
    QStringList out;
    for (const PromSample &s : r.samples) {
        QString line = QString::fromUtf8(s.name);
        QStringList labels;
        for (const PromLabel &l : r.labelsOf(s))
            labels.append(QString::fromUtf8(l.name) + u'=' + QString::fromUtf8(l.value));
        if (!labels.isEmpty())
            line += u'{' + labels.join(u',') + u'}';
        line += u' ' + QString::number(s.value, 'g', 15);
        if (s.hasTimestamp)
            line += u" @"_s + QString::number(s.timestampMs);
        out.append(line);
    }
    return out;
}

QStringList errorLines(const PromParseResult &r)
{
    QStringList out;
    for (const PromParseError &e : r.errors)
        out.append(QString::number(e.line));
    return out;
}

} // namespace

class TestPromParser : public QObject
{
    Q_OBJECT

private slots:
    void parse_data();
    void parse();
    void errorMessages_data();
    void errorMessages();
    void families();
    void hugeLineIsSkipped();
    void errorsAreBounded();
    void acceptFilterSkipsFamilies();
    void contentType();
    void values_data();
    void values();
    void histogramQuantile_data();
    void histogramQuantile();
    void realNodeExporterPage();
};

void TestPromParser::parse_data()
{
    QTest::addColumn<ExpositionFormat>("format");
    QTest::addColumn<QByteArray>("page");
    QTest::addColumn<QStringList>("samples");
    QTest::addColumn<QStringList>("errorLines"); // line numbers of the errors, 0 = page

    const auto prom = ExpositionFormat::PrometheusText;
    const auto om = ExpositionFormat::OpenMetrics;

    QTest::addRow("0.0.4 example") << prom
            << QByteArray("# HELP http_requests_total The total number of HTTP requests.\n"
                          "# TYPE http_requests_total counter\n"
                          "http_requests_total{method=\"post\",code=\"200\"} 1027 1395066363000\n"
                          "http_requests_total{method=\"post\",code=\"400\"}    3 1395066363000\n"
                          "\n"
                          "metric_without_timestamp_and_labels 12.47\n")
            << QStringList { u"http_requests_total{method=post,code=200} 1027 @1395066363000"_s,
                             u"http_requests_total{method=post,code=400} 3 @1395066363000"_s,
                             u"metric_without_timestamp_and_labels 12.47"_s }
            << QStringList {};
    QTest::addRow("label escapes") << prom
            << QByteArray("msdos_file_access_time_seconds{path=\"C:\\\\DIR\\\\FILE.TXT\",error="
                          "\"Cannot find file:\\n\\\"FILE.TXT\\\"\"} 1.458255915e9\n")
            << QStringList { u"msdos_file_access_time_seconds{path=C:\\DIR\\FILE.TXT,error=Cannot "
                             "find file:\n\"FILE.TXT\"} 1458255915"_s }
            << QStringList {};
    QTest::addRow("NaN and infinities") << prom
            << QByteArray("a NaN\nb +Inf\nc -Inf\nd Inf\ne -0.5e-3\n")
            << QStringList { u"a nan"_s, u"b inf"_s, u"c -inf"_s, u"d inf"_s, u"e -0.0005"_s }
            << QStringList {};
    QTest::addRow("trailing comma, spaces, CRLF") << prom
            << QByteArray("x{ a = \"1\" , b=\"2\", } 5\r\n  y 6\r\n")
            << QStringList { u"x{a=1,b=2} 5"_s, u"y 6"_s } << QStringList {};
    QTest::addRow("bad escape") << prom
            << QByteArray("good 1\nbad{path=\"C:\\x\"} 2\nalso_good 3\n")
            << QStringList { u"good 1"_s, u"also_good 3"_s } << QStringList { u"2"_s };
    QTest::addRow("duplicate series keeps the first") << prom
            << QByteArray("x{a=\"1\"} 1\nx{a=\"2\"} 2\nx{a=\"1\"} 3\n")
            << QStringList { u"x{a=1} 1"_s, u"x{a=2} 2"_s } << QStringList { u"3"_s };
    QTest::addRow("hostile lines") << prom
            << QByteArray("{a=\"1\"} 1\n"
                          "x{a=\"1\" 1\n"
                          "x{a=1} 1\n"
                          "x{a=\"1\",a=\"2\"} 1\n"
                          "x 1 notatime\n"
                          "x one\n"
                          "x\n"
                          "x 1 2 3\n"
                          "x{9a=\"1\"} 1\n"
                          "x{a=\"unterminated} 1\n"
                          "ok 7\n")
            << QStringList { u"ok 7"_s }
            << QStringList { u"1"_s, u"2"_s, u"3"_s, u"4"_s, u"5"_s, u"6"_s, u"7"_s, u"8"_s,
                             u"9"_s, u"10"_s };
    QTest::addRow("OpenMetrics seconds and EOF") << om
            << QByteArray("# TYPE foo counter\n# UNIT foo seconds\n"
                          "foo_total 17.0 1520879607.789 # {trace_id=\"KOO5S4vxi0o\"} 0.67\n"
                          "foo_created 1520430000.123\n"
                          "# EOF\n")
            << QStringList { u"foo_total 17 @1520879607789"_s, u"foo_created 1520430000.123"_s }
            << QStringList {};
    QTest::addRow("OpenMetrics without EOF") << om << QByteArray("a 1\nb 2\n")
                                             << QStringList { u"a 1"_s, u"b 2"_s }
                                             << QStringList { u"0"_s };
    QTest::addRow("OpenMetrics content after EOF") << om << QByteArray("a 1\n# EOF\nb 2\n")
                                                   << QStringList { u"a 1"_s }
                                                   << QStringList { u"3"_s };
    QTest::addRow("OpenMetrics rejects ms-style integer? no: seconds") << om
            << QByteArray("a 1 1700000000\n# EOF\n")
            << QStringList { u"a 1 @1700000000000"_s } << QStringList {};
    QTest::addRow("0.0.4 rejects float timestamps") << prom << QByteArray("a 1 1.5\n")
                                                    << QStringList {} << QStringList { u"1"_s };
    QTest::addRow("histogram and summary") << prom
            << QByteArray("# TYPE rpc histogram\n"
                          "rpc_bucket{le=\"0.05\"} 24054\n"
                          "rpc_bucket{le=\"+Inf\"} 144320\n"
                          "rpc_sum 53423\n"
                          "rpc_count 144320\n"
                          "# TYPE lat summary\n"
                          "lat{quantile=\"0.5\"} 4773\n"
                          "lat_sum 1.7560473e+07\n"
                          "lat_count 2693\n")
            << QStringList { u"rpc_bucket{le=0.05} 24054"_s, u"rpc_bucket{le=+Inf} 144320"_s,
                             u"rpc_sum 53423"_s, u"rpc_count 144320"_s,
                             u"lat{quantile=0.5} 4773"_s, u"lat_sum 17560473"_s,
                             u"lat_count 2693"_s }
            << QStringList {};
    QTest::addRow("TYPE after samples") << prom
            << QByteArray("x 1\n# TYPE x gauge\n")
            << QStringList { u"x 1"_s } << QStringList { u"2"_s };
    QTest::addRow("no trailing newline") << prom << QByteArray("x 1")
                                         << QStringList { u"x 1"_s } << QStringList {};
    QTest::addRow("binary garbage") << prom << QByteArray("\x01\x02\xff\xfe x 1\n\0\0\0", 12)
                                    << QStringList {} << QStringList { u"1"_s, u"2"_s };
}

void TestPromParser::parse()
{
    QFETCH(ExpositionFormat, format);
    QFETCH(QByteArray, page);
    QFETCH(QStringList, samples);
    QFETCH(QStringList, errorLines);
    PromParseOptions options;
    options.format = format;
    const PromParseResult r = parsePrometheus(page, options);
    QCOMPARE(describe(r), samples);
    QCOMPARE(::errorLines(r), errorLines);
    QCOMPARE(r.errorCount, errorLines.size());
}

void TestPromParser::errorMessages_data()
{
    QTest::addColumn<QByteArray>("page");
    QTest::addColumn<QString>("contains");
    QTest::addRow("bad escape") << QByteArray("x{a=\"\\q\"} 1\n") << u"bad escape '\\q'"_s;
    QTest::addRow("duplicate") << QByteArray("x 1\nx 2\n") << u"duplicate series 'x' (first on line 1)"_s;
    QTest::addRow("value") << QByteArray("x 1x\n") << u"invalid value '1x'"_s;
    QTest::addRow("timestamp") << QByteArray("x 1 12.5\n") << u"milliseconds expected"_s;
    QTest::addRow("unknown type") << QByteArray("# TYPE x stateset\n") << u"unknown metric type"_s;
}

void TestPromParser::errorMessages()
{
    QFETCH(QByteArray, page);
    QFETCH(QString, contains);
    const PromParseResult r = parsePrometheus(page);
    QCOMPARE(r.errors.size(), 1);
    QVERIFY2(r.errors.first().message.contains(contains), qPrintable(r.errors.first().message));
}

void TestPromParser::families()
{
    const QByteArray page("# HELP c A counter.\n# TYPE c counter\nc_total 1\nc_created 2\n"
                          "# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 2\n"
                          "h_sum 3\nh_count 2\nplain 5\n# EOF\n");
    PromParseOptions options;
    options.format = ExpositionFormat::OpenMetrics;
    const PromParseResult r = parsePrometheus(page, options);
    QCOMPARE(r.errorCount, 0);
    QCOMPARE(r.samples.size(), 7);
    QCOMPARE(r.typeOf(r.samples.at(0)), MetricType::Counter);
    QCOMPARE(r.familyName(r.samples.at(1)), "c");
    QCOMPARE(r.families.at(r.samples.at(0).family).help, "A counter.");
    QCOMPARE(r.typeOf(r.samples.at(4)), MetricType::Histogram);
    QCOMPARE(r.familyName(r.samples.at(5)), "h");
    QCOMPARE(r.typeOf(r.samples.at(6)), MetricType::Untyped);
    QCOMPARE(r.label(r.samples.at(2), "le"), "1");
    QVERIFY(r.label(r.samples.at(2), "missing").isNull());
}

void TestPromParser::hugeLineIsSkipped()
{
    QByteArray page("before 1\nhuge{a=\"");
    page += QByteArray(100 * 1024, 'x');
    page += "\"} 1\nafter 2\n";
    const PromParseResult r = parsePrometheus(page);
    QCOMPARE(describe(r), (QStringList { u"before 1"_s, u"after 2"_s }));
    QCOMPARE(r.errorCount, 1);
    QCOMPARE(r.errors.first().line, 2);
    QVERIFY2(r.errors.first().message.contains(u"longer than 65536 bytes"_s),
             qPrintable(r.errors.first().message));
}

void TestPromParser::errorsAreBounded()
{
    QByteArray page;
    for (int i = 0; i < 5000; ++i)
        page += "bad line " + QByteArray::number(i) + "\n";
    const PromParseResult r = parsePrometheus(page);
    QCOMPARE(r.errorCount, 5000);
    QCOMPARE(r.errors.size(), 100);
    QVERIFY(r.samples.isEmpty());
}

void TestPromParser::acceptFilterSkipsFamilies()
{
    PromParseOptions options;
    QStringList asked;
    options.accept = [&](QByteArrayView family) {
        asked.append(QString::fromUtf8(family));
        return family == "keep";
    };
    const PromParseResult r = parsePrometheus("# TYPE keep gauge\nkeep 1\ndrop{a=\"broken 2\n"
                                              "drop{b=\"x\"} 3\nkeep2 4\n",
                                              options);
    QCOMPARE(describe(r), QStringList { u"keep 1"_s });
    QCOMPARE(r.skippedSamples, 3);
    QCOMPARE(r.errorCount, 0); // skipped lines are not even looked at
    QCOMPARE(asked, (QStringList { u"keep"_s, u"drop"_s, u"keep2"_s }));
}

void TestPromParser::contentType()
{
    QCOMPARE(expositionFormatForContentType("application/openmetrics-text; version=1.0.0; charset=utf-8"),
             ExpositionFormat::OpenMetrics);
    QCOMPARE(expositionFormatForContentType("text/plain; version=0.0.4; charset=utf-8"),
             ExpositionFormat::PrometheusText);
    QCOMPARE(expositionFormatForContentType(""), ExpositionFormat::PrometheusText);
}

void TestPromParser::values_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<double>("value");
    QTest::addRow("int") << QByteArray("42") << true << 42.0;
    QTest::addRow("exp") << QByteArray("1.5E+3") << true << 1500.0;
    QTest::addRow("+Inf") << QByteArray("+Inf") << true << qInf();
    QTest::addRow("-inf") << QByteArray("-inf") << true << -qInf();
    QTest::addRow("overflow") << QByteArray("1e999") << true << qInf();
    QTest::addRow("empty") << QByteArray("") << false << 0.0;
    QTest::addRow("sign only") << QByteArray("-") << false << 0.0;
    QTest::addRow("double sign") << QByteArray("+-1") << false << 0.0;
    QTest::addRow("hex") << QByteArray("0x10") << false << 0.0;
    QTest::addRow("trailing") << QByteArray("1.0f") << false << 0.0;
}

void TestPromParser::values()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, ok);
    QFETCH(double, value);
    double v = 0;
    QCOMPARE(parsePromValue(text, &v), ok);
    if (ok)
        QCOMPARE(v, value);
    double nan = 0;
    QVERIFY(parsePromValue("NaN", &nan));
    QVERIFY(std::isnan(nan));
}

void TestPromParser::histogramQuantile_data()
{
    QTest::addColumn<double>("q");
    QTest::addColumn<QList<double>>("bounds");
    QTest::addColumn<QList<double>>("counts");
    QTest::addColumn<double>("expected");
    const QList<double> bounds { 1, 2, 4, qInf() };
    QTest::addRow("median in the second bucket") << 0.5 << bounds << QList<double> { 10, 30, 40, 40 } << 1.5;
    QTest::addRow("in the first bucket from zero") << 0.1 << bounds << QList<double> { 10, 30, 40, 40 } << 0.4;
    QTest::addRow("top lands in +Inf: highest bound") << 0.99 << bounds << QList<double> { 0, 0, 0, 10 } << 4.0;
    QTest::addRow("no observations: NaN") << 0.5 << bounds << QList<double> { 0, 0, 0, 0 } << qQNaN();
    QTest::addRow("no +Inf bucket: NaN") << 0.5 << QList<double> { 1, 2 } << QList<double> { 1, 2 } << qQNaN();
}

void TestPromParser::histogramQuantile()
{
    QFETCH(double, q);
    QFETCH(QList<double>, bounds);
    QFETCH(QList<double>, counts);
    QFETCH(double, expected);
    std::vector<std::pair<double, double>> buckets;
    for (qsizetype i = 0; i < bounds.size(); ++i)
        buckets.emplace_back(bounds.at(i), counts.at(i));
    const double v = wr::sources::histogramQuantile(q, buckets);
    if (std::isnan(expected))
        QVERIFY(std::isnan(v));
    else
        QCOMPARE(v, expected);
}

void TestPromParser::realNodeExporterPage()
{
    const QString path = QFINDTESTDATA("../data/sources/node-exporter-1.5.0.prom");
    QVERIFY(!path.isEmpty());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray page = file.readAll();
    const PromParseResult r = parsePrometheus(page);
    QCOMPARE(r.errorCount, 0);
    QCOMPARE(r.samples.size(), page.count('\n') - page.count("\n#") - (page.startsWith('#') ? 1 : 0));
    bool sawCpu = false;
    for (const PromSample &s : r.samples) {
        if (s.name == "node_cpu_seconds_total") {
            sawCpu = true;
            QCOMPARE(r.typeOf(s), MetricType::Counter);
            QVERIFY(!r.label(s, "mode").isEmpty());
        }
    }
    QVERIFY(sawCpu);
}

QTEST_APPLESS_MAIN(TestPromParser)
#include "tst_promparser.moc"
