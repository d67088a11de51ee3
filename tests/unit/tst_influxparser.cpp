#include "influxparser.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace wr::sources;

Q_DECLARE_METATYPE(wr::sources::InfluxPrecision)

namespace {

QStringList describe(const InfluxParseResult &r)
{
    QStringList out;
    for (const InfluxSample &s : r.samples) {
        QString line = s.measurement;
        for (auto it = s.tags.constBegin(); it != s.tags.constEnd(); ++it)
            line += u',' + it.key() + u'=' + it.value();
        line += u' ' + s.field + u'=' + QString::number(s.value, 'g', 17) + u" @"_s
                + QString::number(s.timestampMs);
        out.append(line);
    }
    return out;
}

} // namespace

class TestInfluxParser : public QObject
{
    Q_OBJECT

private slots:
    void parse_data();
    void parse();
    void precision();
    void hugeLine();
};

void TestInfluxParser::parse_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QStringList>("samples");
    QTest::addColumn<QList<int>>("errorLines");
    QTest::addColumn<int>("ignoredStrings");

    QTest::addRow("documented example")
            << QByteArray("temperature,location=room1,sensor=A temp_celsius=23.5,humidity=45 "
                          "1651498849000000000\n")
            << QStringList { u"temperature,location=room1,sensor=A temp_celsius=23.5 @1651498849000"_s,
                             u"temperature,location=room1,sensor=A humidity=45 @1651498849000"_s }
            << QList<int> {} << 0;
    QTest::addRow("field types")
            << QByteArray("m i=-3i,u=7u,f=1.5e2,t=true,F=F,s=\"text, with \\\"quotes\\\" and = \" 1000000\n")
            << QStringList { u"m i=-3 @1"_s, u"m u=7 @1"_s, u"m f=150 @1"_s, u"m t=1 @1"_s,
                             u"m F=0 @1"_s }
            << QList<int> {} << 1;
    QTest::addRow("escapes")
            << QByteArray("my\\ meas\\,x,tag\\ key=va\\,l\\=ue field\\=k=1 2000000\n")
            << QStringList { u"my meas,x,tag key=va,l=ue field=k=1 @2"_s } << QList<int> {} << 0;
    QTest::addRow("no timestamp: now") << QByteArray("m v=2\n") << QStringList { u"m v=2 @777"_s }
                                       << QList<int> {} << 0;
    QTest::addRow("comments, blanks, CRLF")
            << QByteArray("# a comment\n\nm v=1 1000000\r\n")
            << QStringList { u"m v=1 @1"_s } << QList<int> {} << 0;
    QTest::addRow("hostile lines")
            << QByteArray("m\n"                   // 1: no fields
                          "m \n"                  // 2: no fields
                          "m v=\n"                // 3: empty value
                          "m v=1x\n"              // 4: bad number
                          "m v=NaN\n"             // 5: NaN is not line protocol
                          "m v=9223372036854775808i\n" // 6: int64 overflow
                          "m v=-1u\n"             // 7: negative unsigned
                          "m v=\"open\n"          // 8: unterminated string
                          "m,t v=1\n"             // 9: tag without value
                          "m v=1 12.5\n"          // 10: float timestamp
                          ",t=1 v=1\n"            // 11: no measurement
                          "m v=1 1 2\n"           // 12: trailing garbage
                          "ok v=3 3000000\n")
            << QStringList { u"ok v=3 @3"_s }
            << QList<int> { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 } << 0;
    QTest::addRow("bad line does not leak fields")
            << QByteArray("m a=1,b=oops 1000000\n") << QStringList {} << QList<int> { 1 } << 0;
    QTest::addRow("negative timestamp floors")
            << QByteArray("m v=1 -1500000\n") << QStringList { u"m v=1 @-2"_s } << QList<int> {}
            << 0;
}

void TestInfluxParser::parse()
{
    QFETCH(QByteArray, body);
    QFETCH(QStringList, samples);
    QFETCH(QList<int>, errorLines);
    QFETCH(int, ignoredStrings);
    InfluxParseOptions options;
    options.nowMs = 777;
    const InfluxParseResult r = parseInflux(body, options);
    QCOMPARE(describe(r), samples);
    QList<int> lines;
    for (const InfluxParseError &e : r.errors)
        lines.append(e.line);
    QCOMPARE(lines, errorLines);
    QCOMPARE(r.ignoredStringFields, ignoredStrings);
    for (const InfluxParseError &e : r.errors)
        QVERIFY(!e.message.isEmpty());
}

void TestInfluxParser::precision()
{
    QCOMPARE(influxPrecisionFromString(u"ns"), InfluxPrecision::Nanoseconds);
    QCOMPARE(influxPrecisionFromString(u"us"), InfluxPrecision::Microseconds);
    QCOMPARE(influxPrecisionFromString(u"ms"), InfluxPrecision::Milliseconds);
    QCOMPARE(influxPrecisionFromString(u"s"), InfluxPrecision::Seconds);
    QVERIFY(!influxPrecisionFromString(u"h"));

    const QList<QPair<InfluxPrecision, qint64>> cases { { InfluxPrecision::Nanoseconds, 1 },
                                                        { InfluxPrecision::Microseconds, 1651 },
                                                        { InfluxPrecision::Milliseconds, 1651498 },
                                                        { InfluxPrecision::Seconds, 1651498000 } };
    for (const auto &[precision, expected] : cases) {
        InfluxParseOptions options;
        options.precision = precision;
        const InfluxParseResult r = parseInflux("m v=1 1651498\n", options);
        QCOMPARE(r.samples.size(), 1);
        QCOMPARE(r.samples.first().timestampMs, expected);
    }
    InfluxParseOptions seconds;
    seconds.precision = InfluxPrecision::Seconds;
    QCOMPARE(parseInflux("m v=1 9223372036854775807\n", seconds).errorCount, 1);
}

void TestInfluxParser::hugeLine()
{
    const QByteArray body = "m v=1 1000000\nm,t=" + QByteArray(70 * 1024, 'x') + " v=2\nm w=3 1000000\n";
    const InfluxParseResult r = parseInflux(body);
    QCOMPARE(r.samples.size(), 2);
    QCOMPARE(r.errorCount, 1);
    QCOMPARE(r.errors.first().line, 2);
    QVERIFY(r.errors.first().message.contains(u"longer than"_s));
}

QTEST_APPLESS_MAIN(TestInfluxParser)
#include "tst_influxparser.moc"
