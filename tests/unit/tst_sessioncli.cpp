// watchroom-cli's pure parts: command line, time values, the publish line parser.
#include "cli.h"

#include <QTest>

using namespace Qt::StringLiterals;
namespace cli = wr::cli;
namespace s = wr::session;

class TestSessionCli : public QObject
{
    Q_OBJECT

private slots:
    void times_data();
    void times();
    void annotateOptions();
    void rolesDefaultPerCommand();
    void badLines_data();
    void badLines();
    void simplifiedPointsGroupBySeries();
    void completeFramesPassThrough();
    void oversizedFrameIsSplitPerSeries();
};

void TestSessionCli::times_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("expected"); // -1: invalid
    QTest::addRow("now") << u"now"_s << qint64(5000);
    QTest::addRow("epoch ms") << u"1795400000000"_s << qint64(1795400000000);
    QTest::addRow("iso utc") << u"2026-11-24T12:01:00Z"_s << qint64(1795521660000);
    QTest::addRow("iso no zone is utc") << u"2026-11-24T12:01:00"_s << qint64(1795521660000);
    QTest::addRow("iso offset") << u"2026-11-24T13:01:00+01:00"_s << qint64(1795521660000);
    QTest::addRow("iso ms") << u"2026-11-24T12:01:00.250Z"_s << qint64(1795521660250);
    QTest::addRow("negative") << u"-5"_s << qint64(-1);
    QTest::addRow("words") << u"yesterday"_s << qint64(-1);
    QTest::addRow("date only") << u"2026-11-24"_s << qint64(-1);
    QTest::addRow("empty") << QString() << qint64(-1);
}

void TestSessionCli::times()
{
    QFETCH(QString, text);
    QFETCH(qint64, expected);
    const auto parsed = cli::parseTime(text, 5000);
    QCOMPARE(parsed.value_or(-1), expected);
}

void TestSessionCli::annotateOptions()
{
    const auto parsed = cli::parseArguments(
        { u"watchroom-cli"_s, u"annotate"_s, u"http://relay:7300/negotiate"_s, u"--board"_s,
          u"pay"_s, u"--text"_s, u"deploy"_s, u"--tags"_s, u"a, b,,c"_s, u"--from"_s, u"1000"_s,
          u"--to"_s, u"2000"_s, u"--panel"_s, u"cpu"_s, u"--timeout"_s, u"2.5"_s });
    QVERIFY(std::holds_alternative<cli::Options>(parsed));
    const cli::Options &o = std::get<cli::Options>(parsed);
    QCOMPARE(o.command, cli::Command::Annotate);
    QCOMPARE(o.board, u"pay"_s);
    QCOMPARE(o.annotation.text, u"deploy"_s);
    QCOMPARE(o.annotation.tags, (QStringList { u"a"_s, u"b"_s, u"c"_s }));
    QCOMPARE(o.annotation.t0, 1000);
    QCOMPARE(o.annotation.t1, std::optional<qint64>(2000));
    QCOMPARE(o.annotation.panel, std::optional<QString>(u"cpu"_s));
    QCOMPARE(o.timeout.count(), 2500);
    QVERIFY(o.userId.startsWith(u"cli-"_s));

    const auto help = cli::parseArguments({ u"watchroom-cli"_s, u"--help"_s });
    QVERIFY(std::get<cli::UsageError>(help).helpRequested);
    QVERIFY(cli::usageText().contains(u"Exit codes"_s));
}

void TestSessionCli::rolesDefaultPerCommand()
{
    const QString hub = u"Endpoint=http://localhost;Port=7300;AccessKey=abc;Version=1.0;"_s;
    const auto role = [&](const QString &command) {
        const auto parsed = cli::parseArguments({ u"x"_s, command, hub });
        return std::get<cli::Options>(parsed).role;
    };
    QCOMPARE(role(u"tail"_s), u"viewer"_s);
    QCOMPARE(role(u"publish"_s), u"source"_s);
    const auto annotate = cli::parseArguments({ u"x"_s, u"annotate"_s, hub, u"--text"_s, u"t"_s });
    QCOMPARE(std::get<cli::Options>(annotate).role, u"annotator"_s);
    QVERIFY(!std::get<cli::Options>(annotate).roleGiven);
}

void TestSessionCli::badLines_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("expected"); // part of the error
    QTest::addRow("not json") << "{nope"_ba << u"not JSON"_s;
    QTest::addRow("array") << "[1,2]"_ba << u"not a JSON object"_s;
    QTest::addRow("no id") << R"({"t":1,"value":2})"_ba << u"'id'"_s;
    QTest::addRow("string value") << R"({"id":"a","t":1,"value":"x"})"_ba << u"'value'"_s;
    QTest::addRow("bad time") << R"({"id":"a","t":"soon","value":1})"_ba << u"'t'"_s;
    QTest::addRow("negative time") << R"({"id":"a","t":-1,"value":1})"_ba << u"time"_s;
    QTest::addRow("not metrics") << R"({"type":"cursor","v":1,"panel":null})"_ba
                                 << u"not a metrics frame"_s;
    QTest::addRow("bad frame")
        << R"({"type":"metrics","v":1,"series":[{"id":"a","points":[[2,1],[1,1]]}]})"_ba
        << u"increase"_s;
}

void TestSessionCli::badLines()
{
    QFETCH(QByteArray, line);
    QFETCH(QString, expected);
    cli::MetricLineParser parser(u"src"_s);
    QString error;
    QVERIFY(!parser.addLine(line, 7, &error));
    QVERIFY2(error.startsWith(u"line 7: "_s), qPrintable(error));
    QVERIFY2(error.contains(expected), qPrintable(error));
}

void TestSessionCli::simplifiedPointsGroupBySeries()
{
    cli::MetricLineParser parser(u"src"_s, [] { return qint64(42); });
    QString error;
    QVERIFY(parser.addLine(R"({"id":"a","t":1,"value":1,"unit":"ms"})", 1, &error));
    QVERIFY(parser.addLine(R"({"id":"b","t":1,"value":null})", 2, &error));
    QVERIFY(parser.addLine(R"({"id":"a","t":2,"value":2.5})", 3, &error));
    QVERIFY(parser.addLine(R"({"id":"a","value":3})", 4, &error)); // t: now
    QList<s::MetricsFrame> frames;
    QVERIFY(parser.take(&frames, &error));
    QCOMPARE(frames.size(), 1);
    const s::MetricsFrame &f = frames.first();
    QCOMPARE(f.source, u"src"_s);
    QCOMPARE(f.series.size(), 2);
    QCOMPARE(f.series.at(0).id, u"a"_s);
    QCOMPARE(f.series.at(0).unit, std::optional<QString>(u"ms"_s));
    QCOMPARE(f.series.at(0).points.size(), 3);
    QCOMPARE(f.series.at(0).points.at(2).first, 42);
    QVERIFY(std::isnan(f.series.at(1).points.at(0).second));
    QCOMPARE(parser.points(), 4);
    QVERIFY(parser.take(&frames, &error));
    QVERIFY(frames.isEmpty());
}

void TestSessionCli::completeFramesPassThrough()
{
    cli::MetricLineParser parser(u"src"_s);
    QString error;
    QVERIFY(parser.addLine(
        R"({"type":"metrics","v":1,"source":"own","series":[{"id":"x","points":[[1,1],[2,2]]}]})",
        1, &error));
    QList<s::MetricsFrame> frames;
    QVERIFY(parser.take(&frames, &error));
    QCOMPARE(frames.size(), 1);
    QCOMPARE(frames.first().source, u"own"_s);
    QCOMPARE(parser.points(), 2);
}

void TestSessionCli::oversizedFrameIsSplitPerSeries()
{
    s::MetricsFrame big { u"src"_s, {} };
    for (int i = 0; i < 4; ++i) {
        s::MetricSeries series;
        series.id = u"s%1"_s.arg(i);
        for (qint64 t = 0; t < 20000; ++t)
            series.points.append({ 1795400000000 + t, 1234.5678 + double(t) });
        big.series.append(series); // ~0.5 MB each encoded
    }
    QList<s::MetricsFrame> parts;
    QString error;
    QVERIFY(cli::MetricLineParser::split(big, &parts, &error));
    QVERIFY(parts.size() > 1);
    qsizetype series = 0;
    for (const s::MetricsFrame &part : parts)
        series += part.series.size();
    QCOMPARE(series, 4);

    s::MetricsFrame huge { u"src"_s, {} };
    s::MetricSeries one;
    one.id = u"too-big"_s;
    for (qint64 t = 0; t < 60000; ++t)
        one.points.append({ 1795400000000 + t, 1234.5678 + double(t) });
    huge.series.append(one);
    parts.clear();
    QVERIFY(!cli::MetricLineParser::split(huge, &parts, &error));
    QVERIFY(error.contains(u"too-big"_s));
}

QTEST_GUILESS_MAIN(TestSessionCli)
#include "tst_sessioncli.moc"
