// watchroom-cli end to end: the real executable (QProcess) against an in-process relay.
// The test's event loop keeps running while a process runs (QTRY_*), so the relay serves it.
#include "hubclient.h"
#include "metricstore.h"
#include "relay.h"
#include "session.h"
#include "sessionbinding.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTest>
#include <QUrlQuery>
#include <QWebSocket>
#include <QWebSocketServer>

#include <memory>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

constexpr int kTimeoutMs = 20000;
const QString kBoard = u"clitest"_s;

// One watchroom-cli run with its output collected as it arrives.
class Cli : public QObject
{
public:
    explicit Cli(const QStringList &arguments)
    {
        connect(&process, &QProcess::readyReadStandardOutput, this,
                [this] { out += process.readAllStandardOutput(); });
        connect(&process, &QProcess::readyReadStandardError, this,
                [this] { err += process.readAllStandardError(); });
        process.start(QStringLiteral(WATCHROOM_CLI_PATH), arguments);
    }
    ~Cli() override
    {
        if (process.state() != QProcess::NotRunning) {
            process.kill();
            process.waitForFinished(5000);
        }
    }
    bool finish(int timeoutMs = kTimeoutMs)
    {
        return QTest::qWaitFor([this] { return process.state() == QProcess::NotRunning; },
                               timeoutMs);
    }
    int exitCode() const
    {
        return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    }
    QList<QJsonObject> lines() const
    {
        QList<QJsonObject> result;
        for (const QByteArray &line : out.split('\n')) {
            if (!line.trimmed().isEmpty())
                result.append(QJsonDocument::fromJson(line).object());
        }
        return result;
    }
    QList<QJsonObject> ofKind(const QString &kind) const
    {
        QList<QJsonObject> result;
        for (const QJsonObject &o : lines()) {
            if (o.value("kind"_L1).toString() == kind)
                result.append(o);
        }
        return result;
    }

    QProcess process;
    QByteArray out;
    QByteArray err;
};

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void annotateIsSeenByTail();
    void publishReachesASession();
    void publishPrometheusText();
    void badHubExits3();
    void viewerAnnotatingExits4();
    void silentHubExits5();
    void badInputExits6();
    void usageErrorsExit2_data();
    void usageErrorsExit2();

private:
    // The relay's negotiate URL without its role, so each command asks for its default role.
    QString negotiate() const
    {
        QUrl url = m_relay->negotiateUrl(kBoard);
        QUrlQuery query(url);
        query.removeAllQueryItems(u"role"_s);
        url.setQuery(query);
        return url.toString(QUrl::FullyEncoded);
    }
    QString annotatorLink() const { return m_relay->negotiateUrl(kBoard).toString(); }

    std::unique_ptr<wr::Relay> m_relay;
};

void TestCli::init()
{
    wr::RelayConfig config;
    config.listenAddress = QHostAddress::LocalHost;
    config.port = 0;
    config.accessKeys = { u"cli-test-key-0123456789abcdef0123"_s };
    config.dataDir.clear();
    m_relay = std::make_unique<wr::Relay>(config);
    QString error;
    QVERIFY2(m_relay->start(&error), qPrintable(error));
}

void TestCli::cleanup()
{
    m_relay.reset();
}

void TestCli::annotateIsSeenByTail()
{
    Cli tail({ u"tail"_s, negotiate(), u"--board"_s, kBoard, u"--count"_s, u"1"_s });
    QTRY_VERIFY_WITH_TIMEOUT(!tail.ofKind(u"connected"_s).isEmpty(), kTimeoutMs);
    QCOMPARE(tail.ofKind(u"connected"_s).first().value("board"_L1).toString(), kBoard);

    Cli annotate({ u"annotate"_s, negotiate(), u"--board"_s, kBoard, u"--text"_s,
                   u"deploy 4.2 rolling out"_s, u"--tags"_s, u"deploy,prod"_s, u"--from"_s,
                   u"1795400000000"_s, u"--to"_s, u"2026-11-24T12:01:00Z"_s, u"--panel"_s,
                   u"host/cpu"_s });
    QVERIFY(annotate.finish());
    QCOMPARE(annotate.exitCode(), 0);
    const QString id = QString::fromUtf8(annotate.out.trimmed());
    QVERIFY2(QRegularExpression(u"^[0-9a-f-]{36}$"_s).match(id).hasMatch(), annotate.out);
    QVERIFY(annotate.err.isEmpty());

    QVERIFY(tail.finish());
    QCOMPARE(tail.exitCode(), 0);
    const QList<QJsonObject> seen = tail.ofKind(u"annotation"_s);
    QCOMPARE(seen.size(), 1);
    const QJsonObject message = seen.first().value("message"_L1).toObject();
    QCOMPARE(message.value("id"_L1).toString(), id);
    QCOMPARE(message.value("text"_L1).toString(), u"deploy 4.2 rolling out"_s);
    QCOMPARE(message.value("t0"_L1).toInteger(), 1795400000000);
    QCOMPARE(message.value("t1"_L1).toInteger(), 1795521660000);
    QCOMPARE(message.value("panel"_L1).toString(), u"host/cpu"_s);
    QCOMPARE(message.value("tags"_L1).toVariant().toStringList(),
             (QStringList { u"deploy"_s, u"prod"_s }));
    QCOMPARE(seen.first().value("origin"_L1).toString(), u"annotations"_s);
    // Every line is one JSON object with a kind.
    for (const QJsonObject &line : tail.lines())
        QVERIFY(line.contains("kind"_L1));
}

void TestCli::publishReachesASession()
{
    wr::SessionOptions options;
    options.board = kBoard;
    wr::HubClient client;
    wr::Session session(options);
    wr::SessionBinding binding(&session, &client);
    wr::NegotiateRequest request;
    request.input = negotiate();
    request.role = u"viewer"_s;
    QVERIFY(binding.start(request));
    QTRY_VERIFY_WITH_TIMEOUT(session.isUp(), kTimeoutMs);

    Cli publish({ u"publish"_s, negotiate(), u"--board"_s, kBoard });
    QByteArray input;
    input += R"({"id":"web/latency","t":1000,"value":12.5,"name":"Latency","unit":"ms"})"
             "\n";
    for (int i = 1; i < 1200; ++i)
        input += u"{\"id\":\"web/latency\",\"t\":%1,\"value\":%2}\n"_s.arg(1000 + i * 1000)
                     .arg(i)
                     .toUtf8();
    input
        += R"({"type":"metrics","v":1,"series":[{"id":"web/errors","points":[[5000,1],[6000,null]]}]})"
           "\n";
    publish.process.write(input);
    publish.process.closeWriteChannel();
    QVERIFY(publish.finish());
    QCOMPARE(publish.exitCode(), 0);
    QVERIFY2(publish.err.isEmpty(), publish.err);
    const QList<QJsonObject> summary = publish.ofKind(u"published"_s);
    QCOMPARE(summary.size(), 1);
    QCOMPARE(summary.first().value("points"_L1).toInteger(), 1202);

    QTRY_COMPARE_WITH_TIMEOUT(session.metrics()->size(u"web/latency"_s), 1200, kTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(session.metrics()->size(u"web/errors"_s), 2, kTimeoutMs);
    QCOMPARE(session.metrics()->info(u"web/latency"_s)->unit, u"ms"_s);
    QCOMPARE(session.metrics()->nearest(u"web/latency"_s, 1'200'000)->value, 1199.0);
    binding.stop();
}

void TestCli::publishPrometheusText()
{
    wr::SessionOptions options;
    options.board = kBoard;
    wr::HubClient client;
    wr::Session session(options);
    wr::SessionBinding binding(&session, &client);
    wr::NegotiateRequest request;
    request.input = negotiate();
    request.role = u"viewer"_s;
    QVERIFY(binding.start(request));
    QTRY_VERIFY_WITH_TIMEOUT(session.isUp(), kTimeoutMs);

    Cli publish({ u"publish"_s, negotiate(), u"--board"_s, kBoard, u"--format"_s, u"prometheus"_s,
                  u"--id-prefix"_s, u"web-1"_s });
    publish.process.write("# HELP temp_celsius Room temperature.\n"
                          "# TYPE temp_celsius gauge\n"
                          "temp_celsius{room=\"a\"} 21.5 1795400000000\n"
                          "temp_celsius{room=\"b\"} 19 1795400000000\n");
    publish.process.closeWriteChannel();
    QVERIFY(publish.finish());
    QCOMPARE(publish.exitCode(), 0);
    QCOMPARE(publish.ofKind(u"published"_s).value(0).value("points"_L1).toInteger(), 2);
    QTRY_COMPARE_WITH_TIMEOUT(session.metrics()->seriesIds().size(), 2, kTimeoutMs);
    for (const QString &id : session.metrics()->seriesIds())
        QVERIFY2(id.startsWith(u"web-1/temp_celsius"_s), qPrintable(id));

    // A page with a bad line is refused as a whole.
    Cli bad({ u"publish"_s, negotiate(), u"--board"_s, kBoard, u"--format"_s, u"prometheus"_s });
    bad.process.write("temp_celsius 1\nthis is not prometheus\n");
    bad.process.closeWriteChannel();
    QVERIFY(bad.finish());
    QCOMPARE(bad.exitCode(), 6);
    QVERIFY2(bad.err.contains("nothing was sent"), bad.err);
    binding.stop();
}

void TestCli::badHubExits3()
{
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
    const quint16 port = closed.serverPort();
    closed.close();
    Cli annotate({ u"annotate"_s, u"http://127.0.0.1:%1/negotiate"_s.arg(port), u"--board"_s,
                   kBoard, u"--text"_s, u"x"_s, u"--timeout"_s, u"10"_s });
    QVERIFY(annotate.finish());
    QCOMPARE(annotate.exitCode(), 3);
    QVERIFY(annotate.out.isEmpty());
    QVERIFY2(annotate.err.contains("refused"), annotate.err);
}

void TestCli::viewerAnnotatingExits4()
{
    QVERIFY(annotatorLink().contains(u"role=annotator"_s));
    // --role replaces the role of the pasted link.
    Cli annotate({ u"annotate"_s, annotatorLink(), u"--board"_s, kBoard, u"--text"_s, u"nope"_s,
                   u"--role"_s, u"viewer"_s });
    QVERIFY(annotate.finish());
    QCOMPARE(annotate.exitCode(), 4);
    QVERIFY(annotate.out.isEmpty());
    QVERIFY2(annotate.err.contains("Forbidden"), annotate.err);
}

void TestCli::silentHubExits5()
{
    // A service that completes the handshake and says `connected`, then never acks anything.
    QWebSocketServer server(u"silent"_s, QWebSocketServer::NonSecureMode);
    server.setSupportedSubprotocols({ u"json.reliable.webpubsub.azure.v1"_s });
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    connect(&server, &QWebSocketServer::newConnection, this, [&server] {
        QWebSocket *socket = server.nextPendingConnection();
        socket->setParent(&server);
        socket->sendTextMessage(
            uR"({"type":"system","event":"connected","connectionId":"c1","userId":"u1"})"_s);
    });
    const QString url
        = u"ws://127.0.0.1:%1/client/hubs/watchroom?access_token=x"_s.arg(server.serverPort());
    Cli annotate({ u"annotate"_s, url, u"--board"_s, kBoard, u"--text"_s, u"waiting"_s,
                   u"--timeout"_s, u"1.5"_s });
    QVERIFY(annotate.finish());
    QCOMPARE(annotate.exitCode(), 5);
    QVERIFY(annotate.out.isEmpty());
    QVERIFY2(annotate.err.contains("no acknowledgement"), annotate.err);
}

void TestCli::badInputExits6()
{
    Cli publish({ u"publish"_s, negotiate(), u"--board"_s, kBoard });
    publish.process.write(
        "{\"id\":\"a\",\"t\":1,\"value\":1}\n{\"id\":\"a\",\"t\":2,\"value\":\"high\"}\n");
    publish.process.closeWriteChannel();
    QVERIFY(publish.finish());
    QCOMPARE(publish.exitCode(), 6);
    QVERIFY2(publish.err.contains("line 2"), publish.err);

    Cli annotate(
        { u"annotate"_s, negotiate(), u"--board"_s, kBoard, u"--text"_s, QString(2001, u'x') });
    QVERIFY(annotate.finish());
    QCOMPARE(annotate.exitCode(), 6);
}

void TestCli::usageErrorsExit2_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addRow("nothing") << QStringList {};
    QTest::addRow("unknown command") << QStringList { u"dance"_s, u"http://h/negotiate"_s };
    QTest::addRow("missing hub") << QStringList { u"tail"_s };
    QTest::addRow("not a hub") << QStringList { u"tail"_s, u"hello"_s };
    QTest::addRow("annotate without text") << QStringList { u"annotate"_s, u"http://h/n"_s };
    QTest::addRow("bad time") << QStringList { u"annotate"_s, u"http://h/n"_s, u"--text"_s,
                                               u"x"_s,        u"--from"_s,     u"yesterday"_s };
    QTest::addRow("bad board") << QStringList { u"tail"_s, u"http://h/n"_s, u"--board"_s,
                                                u"a b"_s };
    QTest::addRow("bad role") << QStringList { u"tail"_s, u"http://h/n"_s, u"--role"_s, u"king"_s };
    QTest::addRow("bad timeout") << QStringList { u"tail"_s, u"http://h/n"_s, u"--timeout"_s,
                                                  u"-1"_s };
    QTest::addRow("unknown option") << QStringList { u"tail"_s, u"http://h/n"_s, u"--fast"_s };
    QTest::addRow("unknown format")
        << QStringList { u"publish"_s, u"http://h/n"_s, u"--format"_s, u"xml"_s };
}

void TestCli::usageErrorsExit2()
{
    QFETCH(QStringList, arguments);
    Cli cli(arguments);
    QVERIFY(cli.finish());
    QCOMPARE(cli.exitCode(), 2);
    QVERIFY(cli.out.isEmpty());
    QVERIFY(cli.err.startsWith("watchroom-cli: error: "));
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
