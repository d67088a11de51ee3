// The relay's Watchroom services on top of the hub: push ingest of metrics, the host sampler,
// the keeper (acks after commit, snapshots for late joiners) and the durability promise of
// an acknowledged annotation across kill -9 of the relay process.
#include "accessurl.h"
#include "connectionstring.h"
#include "recordingclient.h"
#include "relay.h"
#include "sessionmessages.h"
#include "webpubsub.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketHandshakeOptions>

#include <memory>

using namespace Qt::StringLiterals;
using namespace wr;

namespace {

const QString kAccessKey = u"test-access-key-0123456789abcdef"_s;
const QString kSourceToken = u"source-token-0123456789"_s;

class Client : public wrtest::RecordingClient
{
public:
    bool open(const QUrl &url)
    {
        RecordingClient::open(url);
        return waitConnected(10000);
    }
    // Session messages of a kind from group messages (or server messages) seen so far.
    template<class T> QList<T> session(bool fromServer) const
    {
        QList<T> out;
        for (const auto &f : frames) {
            QJsonValue data;
            if (const auto *g = std::get_if<wps::GroupMessage>(&f); g && !fromServer)
                data = g->data;
            else if (const auto *s = std::get_if<wps::ServerMessage>(&f); s && fromServer)
                data = s->data;
            else
                continue;
            const auto decoded = session::decode(data);
            if (decoded.ok()) {
                if (const T *m = std::get_if<T>(&*decoded.message))
                    out.append(*m);
            }
        }
        return out;
    }
};

QUrl clientUrl(const QString &connectionString, const QString &user, const QString &role,
               const QString &board, const QString &hub = u"watchroom"_s)
{
    const auto cs = ConnectionString::parse(connectionString);
    ClientAccessOptions options;
    options.userId = user;
    options.roles = session::webPubSubRolesFor(role, board);
    return clientAccessFor(*cs, hub, options).url;
}

QString sourceJwt(const QString &board)
{
    ConnectionString cs;
    cs.endpoint = QUrl(u"http://127.0.0.1/"_s);
    cs.accessKey = kAccessKey;
    ClientAccessOptions options;
    options.userId = u"pusher"_s;
    options.roles = session::webPubSubRolesFor(u"source"_s, board);
    return clientAccessFor(cs, u"watchroom"_s, options).token;
}

session::AnnotationOp op(const QString &id, qint64 physicalMs, const QString &text)
{
    session::AnnotationOp o;
    o.annotation.id = id;
    o.annotation.t0 = physicalMs;
    o.annotation.text = text;
    o.annotation.color = u"#ff8800"_s;
    o.annotation.clock = session::HlcTimestamp { physicalMs, 0, u"ann"_s };
    return o;
}

} // namespace

class TestRelayBoards : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void pushIngest_data();
    void pushIngest();
    void pushIngestRefusals_data();
    void pushIngestRefusals();
    void hostSamplerPublishesToItsBoard();
    void negotiateSaysWhetherAKeeperIsActive();
    void annotationOpsAreAckedAfterCommit();
    void invalidAnnotationOpsAreRefused();
    void otherTrafficOnAnnotationGroupsPasses();
    void syncRequestGetsSnapshotOnlyForThatConnection();
    void lateJoinerGetsMetricBackfill();
    void ackedOpsSurviveKill9();

private:
    bool startRelay(bool keeper, const QStringList &hostSamplerBoards = {});
    struct HttpReply
    {
        int status = 0;
        QJsonObject json;
    };
    HttpReply post(const QString &path, const QByteArray &contentType, const QByteArray &body,
                   const QByteArray &token);

    QTemporaryDir m_dir;
    std::unique_ptr<Relay> m_relay;
    QNetworkAccessManager m_network;
};

void TestRelayBoards::init()
{
    QVERIFY(m_dir.isValid());
}

void TestRelayBoards::cleanup()
{
    m_relay.reset();
    QFile::remove(m_dir.filePath(u"keeper.sqlite"_s));
}

bool TestRelayBoards::startRelay(bool keeper, const QStringList &hostSamplerBoards)
{
    RelayConfig config;
    config.port = 0;
    config.accessKeys = { kAccessKey };
    config.dataDir.clear();
    config.hostSamplerBoards = hostSamplerBoards;
    config.hostSamplerIntervalMs = 200;
    config.sourceTokens = { u"b1="_s + kSourceToken };
    if (keeper)
        config.database = m_dir.filePath(u"keeper.sqlite"_s);
    m_relay = std::make_unique<Relay>(config);
    QString error;
    if (!m_relay->start(&error)) {
        qWarning() << error;
        return false;
    }
    return true;
}

TestRelayBoards::HttpReply TestRelayBoards::post(const QString &path, const QByteArray &contentType,
                                                 const QByteArray &body, const QByteArray &token)
{
    QNetworkRequest request(m_relay->listenUrl().resolved(QUrl(path)));
    if (!contentType.isEmpty())
        request.setRawHeader("Content-Type", contentType);
    if (!token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + token);
    std::unique_ptr<QNetworkReply> reply(m_network.post(request, body));
    if (!QTest::qWaitFor([&] { return reply->isFinished(); }, 10000))
        return {};
    return { reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
             QJsonDocument::fromJson(reply->readAll()).object() };
}

void TestRelayBoards::pushIngest_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("jwt"); // else the configured source token
    QTest::addColumn<int>("series");

    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QTest::addRow("JSON metrics frame, JWT")
        << "application/json"_ba
        << QByteArray(R"({"type":"metrics","v":1,"source":"script","series":[{"id":"a","points":[[)"
                      + QByteArray::number(now) + R"(,1.5]]},{"id":"b","points":[[)"
                      + QByteArray::number(now) + R"(,2]]}]})")
        << true << 2;
    QTest::addRow("Prometheus text, source token")
        << "text/plain; version=0.0.4"_ba
        << "# TYPE temp gauge\ntemp{room=\"a\"} 21.5\ntemp{room=\"b\"} 19\n"_ba << false << 2;
    QTest::addRow("Influx line protocol (ns), JWT")
        << "text/plain"_ba
        << QByteArray("cpu,host=h1 usage=12.5 " + QByteArray::number(now * 1000000) + '\n') << true
        << 1;
}

void TestRelayBoards::pushIngest()
{
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    QFETCH(bool, jwt);
    QFETCH(int, series);
    QVERIFY(startRelay(false));
    Client viewer;
    QVERIFY(viewer.open(clientUrl(m_relay->connectionString(), u"v"_s, u"viewer"_s, u"b1"_s)));
    viewer.send(wps::JoinGroup { u"b1.metrics"_s, 1 });
    QTRY_VERIFY(viewer.ack(1));

    const QByteArray token = jwt ? sourceJwt(u"b1"_s).toUtf8() : kSourceToken.toUtf8();
    const HttpReply reply = post(u"/api/boards/b1/metrics"_s, contentType, body, token);
    QCOMPARE(reply.status, 202);
    QCOMPARE(reply.json.value("series"_L1).toInt(), series);

    QTRY_COMPARE(viewer.all<wps::GroupMessage>().size(), 1);
    const wps::GroupMessage message = viewer.all<wps::GroupMessage>().first();
    QCOMPARE(message.group, u"b1.metrics"_s);
    QVERIFY(!message.fromUserId); // server-originated: nobody's user id
    const auto frames = viewer.session<session::MetricsFrame>(false);
    QCOMPARE(frames.size(), 1);
    QCOMPARE(frames.first().series.size(), qsizetype(series));
}

void TestRelayBoards::pushIngestRefusals_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("reason"); // part of the message

    const QByteArray prom = "up 1\n"_ba;
    QTest::addRow("no token") << u"/api/boards/b1/metrics"_s << "text/plain"_ba << prom
                              << QByteArray() << 401 << u"Bearer"_s;
    QTest::addRow("wrong token") << u"/api/boards/b1/metrics"_s << "text/plain"_ba << prom
                                 << "not-the-token-at-all"_ba << 401 << QString();
    QTest::addRow("source token of another board")
        << u"/api/boards/b2/metrics"_s << "text/plain"_ba << prom << kSourceToken.toUtf8() << 401
        << u"another board"_s;
    QTest::addRow("JWT for another board") << u"/api/boards/b2/metrics"_s << "text/plain"_ba << prom
                                           << sourceJwt(u"b1"_s).toUtf8() << 401 << u"b2.metrics"_s;
    QTest::addRow("unsupported media type") << u"/api/boards/b1/metrics"_s << "image/png"_ba << prom
                                            << kSourceToken.toUtf8() << 415 << u"Content-Type"_s;
    QTest::addRow("bad JSON") << u"/api/boards/b1/metrics"_s << "application/json"_ba
                              << "{\"type\":"_ba << kSourceToken.toUtf8() << 400 << QString();
    QTest::addRow("no usable sample")
        << u"/api/boards/b1/metrics"_s << "text/plain"_ba
        << "this is not { metrics\n"_ba << kSourceToken.toUtf8() << 400 << QString();
    QTest::addRow("empty body") << u"/api/boards/b1/metrics"_s << "text/plain"_ba << QByteArray()
                                << kSourceToken.toUtf8() << 400 << u"empty"_s;
    QTest::addRow("too large") << u"/api/boards/b1/metrics"_s << "text/plain"_ba
                               << QByteArray(5 * 1024 * 1024, 'x') << kSourceToken.toUtf8() << 413
                               << QString();
    QTest::addRow("bad board name") << u"/api/boards/b%20x/metrics"_s << "text/plain"_ba << prom
                                    << kSourceToken.toUtf8() << 400 << u"board"_s;
}

void TestRelayBoards::pushIngestRefusals()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, token);
    QFETCH(int, status);
    QFETCH(QString, reason);
    QVERIFY(startRelay(false));
    const HttpReply reply = post(path, contentType, body, token);
    QCOMPARE(reply.status, status);
    const QString message = reply.json.value("message"_L1).toString();
    QVERIFY2(!message.isEmpty(), "every refusal says why");
    QVERIFY2(message.contains(reason), qPrintable(message));
    QVERIFY(!message.contains(kSourceToken)); // secrets are never echoed
}

void TestRelayBoards::hostSamplerPublishesToItsBoard()
{
    QVERIFY(startRelay(false, { u"ops"_s }));
    Client viewer;
    QVERIFY(viewer.open(clientUrl(m_relay->connectionString(), u"v"_s, u"viewer"_s, u"ops"_s)));
    viewer.send(wps::JoinGroup { u"ops.metrics"_s, 1 });
    QTRY_VERIFY(!viewer.session<session::MetricsFrame>(false).isEmpty());
    bool sawCpu = false;
    for (const auto &frame : viewer.session<session::MetricsFrame>(false)) {
        for (const auto &series : frame.series)
            sawCpu = sawCpu || series.id.contains(u"mem."_s) || series.id.contains(u"cpu."_s);
    }
    QVERIFY(sawCpu);
}

void TestRelayBoards::negotiateSaysWhetherAKeeperIsActive()
{
    for (const bool keeper : { false, true }) {
        QVERIFY(startRelay(keeper));
        QNetworkRequest request(m_relay->listenUrl().resolved(QUrl(u"negotiate?board=b1"_s)));
        std::unique_ptr<QNetworkReply> reply(m_network.get(request));
        QTRY_VERIFY(reply->isFinished());
        const QJsonObject body = QJsonDocument::fromJson(reply->readAll()).object();
        QCOMPARE(body.value("keeper"_L1), QJsonValue(keeper));
        cleanup();
    }
}

void TestRelayBoards::annotationOpsAreAckedAfterCommit()
{
    QVERIFY(startRelay(true));
    Client ann;
    QVERIFY(ann.open(clientUrl(m_relay->connectionString(), u"ann"_s, u"annotator"_s, u"b1"_s)));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (int i = 1; i <= 20; ++i) {
        ann.send(wps::SendToGroup { u"b1.annotations"_s, quint64(i), true, wps::DataType::Json,
                                    session::encode(op(u"a%1"_s.arg(i), now + i, u"note"_s)) });
    }
    QTRY_VERIFY(ann.ack(20));
    for (int i = 1; i <= 20; ++i) {
        QVERIFY(ann.ack(quint64(i)));
        QVERIFY2(ann.ack(quint64(i))->success, qPrintable(ann.ack(quint64(i))->errorMessage));
    }
    // Every acknowledged op is in the database: a second relay on the same file has them.
    m_relay.reset();
    QVERIFY(startRelay(true));
    Client late;
    QVERIFY(late.open(clientUrl(m_relay->connectionString(), u"late"_s, u"viewer"_s, u"b1"_s)));
    late.send(wps::SendToGroup { u"b1.presence"_s, std::nullopt, true, wps::DataType::Json,
                                 session::encode(session::SyncRequest {}) });
    QTRY_VERIFY(!late.session<session::Snapshot>(true).isEmpty());
    QSet<QString> ids;
    for (const auto &snapshot : late.session<session::Snapshot>(true)) {
        for (const auto &a : snapshot.annotations)
            ids.insert(a.id);
    }
    QCOMPARE(ids.size(), 20);
}

void TestRelayBoards::invalidAnnotationOpsAreRefused()
{
    QVERIFY(startRelay(true));
    Client ann;
    QVERIFY(ann.open(clientUrl(m_relay->connectionString(), u"ann"_s, u"annotator"_s, u"b1"_s)));
    Client peer;
    QVERIFY(peer.open(clientUrl(m_relay->connectionString(), u"peer"_s, u"viewer"_s, u"b1"_s)));
    peer.send(wps::JoinGroup { u"b1.annotations"_s, 1 });
    QTRY_VERIFY(peer.ack(1));
    QJsonObject broken = session::encode(op(u"x"_s, QDateTime::currentMSecsSinceEpoch(), u"t"_s));
    broken.insert(u"text"_s, QString(5000, u'x')); // over the 2000 character limit
    ann.send(wps::SendToGroup { u"b1.annotations"_s, 7, true, wps::DataType::Json, broken });
    QTRY_VERIFY(ann.ack(7));
    QVERIFY(!ann.ack(7)->success);
    QCOMPARE(ann.ack(7)->errorName, u"BadRequest"_s);
    QVERIFY(!ann.ack(7)->errorMessage.isEmpty());
    // Refused ops reach nobody. A valid one sent afterwards is the first thing the peer gets.
    ann.send(wps::SendToGroup {
        u"b1.annotations"_s, 8, true, wps::DataType::Json,
        session::encode(op(u"ok"_s, QDateTime::currentMSecsSinceEpoch(), u"fine"_s)) });
    QTRY_COMPARE(peer.all<wps::GroupMessage>().size(), 1);
    QCOMPARE(peer.session<session::AnnotationOp>(false).value(0).annotation.id, u"ok"_s);
}

void TestRelayBoards::otherTrafficOnAnnotationGroupsPasses()
{
    // The relay stays a Web PubSub hub: what is not a Watchroom message passes as it would.
    QVERIFY(startRelay(true));
    Client ann;
    QVERIFY(ann.open(clientUrl(m_relay->connectionString(), u"ann"_s, u"annotator"_s, u"b1"_s)));
    ann.send(
        wps::SendToGroup { u"b1.annotations"_s, 1, false, wps::DataType::Text, u"plain text"_s });
    ann.send(wps::SendToGroup { u"b1.annotations"_s, 2, false, wps::DataType::Json,
                                QJsonObject { { u"hello"_s, 1 } } });
    QTRY_VERIFY(ann.ack(2));
    QVERIFY(ann.ack(1)->success && ann.ack(2)->success);
}

void TestRelayBoards::syncRequestGetsSnapshotOnlyForThatConnection()
{
    QVERIFY(startRelay(true));
    Client ann;
    QVERIFY(ann.open(clientUrl(m_relay->connectionString(), u"ann"_s, u"annotator"_s, u"b1"_s)));
    ann.send(wps::JoinGroup { u"b1.presence"_s, 1 });
    ann.send(wps::SendToGroup {
        u"b1.annotations"_s, 2, true, wps::DataType::Json,
        session::encode(op(u"n1"_s, QDateTime::currentMSecsSinceEpoch(), u"deploy"_s)) });
    QTRY_VERIFY(ann.ack(2));
    QVERIFY(ann.ack(2)->success);

    Client late;
    QVERIFY(late.open(clientUrl(m_relay->connectionString(), u"late"_s, u"viewer"_s, u"b1"_s)));
    late.send(wps::JoinGroup { u"b1.presence"_s, 1 });
    QTRY_VERIFY(late.ack(1));
    late.send(wps::SendToGroup { u"b1.presence"_s, std::nullopt, true, wps::DataType::Json,
                                 session::encode(session::SyncRequest {}) });
    QTRY_VERIFY(!late.session<session::Snapshot>(true).isEmpty());
    const auto snapshot = late.session<session::Snapshot>(true).first();
    QCOMPARE(snapshot.annotations.size(), 1);
    QCOMPARE(snapshot.annotations.first().id, u"n1"_s);
    QCOMPARE(snapshot.annotations.first().author, u"ann"_s);
    // The other member saw the request (peers may react to it) but got no snapshot.
    QTRY_COMPARE(ann.session<session::SyncRequest>(false).size(), 1);
    QVERIFY(ann.all<wps::ServerMessage>().isEmpty());
}

void TestRelayBoards::lateJoinerGetsMetricBackfill()
{
    QVERIFY(startRelay(true));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    // Pushed metrics, and a frame from a WebSocket source: both are history.
    QByteArray influx;
    for (int i = 0; i < 30; ++i)
        influx += "temp,room=a value=" + QByteArray::number(20 + i) + ' '
            + QByteArray::number((now - 30000 + i * 1000) * 1000000) + '\n';
    QCOMPARE(
        post(u"/api/boards/b1/metrics"_s, "text/plain"_ba, influx, kSourceToken.toUtf8()).status,
        202);
    Client source;
    QVERIFY(source.open(clientUrl(m_relay->connectionString(), u"src"_s, u"source"_s, u"b1"_s)));
    session::MetricsFrame frame { u"script"_s, {} };
    session::MetricSeries rps;
    rps.id = u"web/rps"_s;
    rps.unit = u"1/s"_s;
    rps.points = { { now - 5000, 100 }, { now - 4000, 120 } };
    frame.series.append(rps);
    source.send(wps::SendToGroup { u"b1.metrics"_s, 1, false, wps::DataType::Json,
                                   session::encode(frame) });
    QTRY_VERIFY(source.ack(1));

    Client late;
    QVERIFY(late.open(clientUrl(m_relay->connectionString(), u"late"_s, u"viewer"_s, u"b1"_s)));
    late.send(wps::SendToGroup { u"b1.presence"_s, std::nullopt, true, wps::DataType::Json,
                                 session::encode(session::SyncRequest {}) });
    QTRY_VERIFY(!late.session<session::MetricsFrame>(true).isEmpty());
    QMap<QString, qsizetype> points;
    for (const auto &f : late.session<session::MetricsFrame>(true)) {
        for (const auto &series : f.series)
            points[series.id] += series.points.size();
    }
    QCOMPARE(points.value(u"web/rps"_s), 2);
    qsizetype temp = 0;
    for (auto it = points.cbegin(); it != points.cend(); ++it) {
        if (it.key() != u"web/rps"_s)
            temp += it.value();
    }
    QCOMPARE(temp, 30);
}

void TestRelayBoards::ackedOpsSurviveKill9()
{
    // The durability promise, with the real executable: every op the relay acknowledged is
    // there after kill -9 in the middle of a stream and a restart on the same data directory.
    QTemporaryDir dataDir;
    QVERIFY(dataDir.isValid());
    const QStringList args { u"--port"_s,       u"0"_s,     u"--data-dir"_s,     dataDir.path(),
                             u"--access-key"_s, kAccessKey, u"--host-sampler"_s, u"off"_s };
    const auto startProcess = [&](QProcess &process, QUrl *base) {
        process.setProgram(QStringLiteral(WATCHROOM_RELAY_PATH));
        process.setArguments(args);
        process.start();
        if (!process.waitForStarted(5000))
            return false;
        QByteArray out;
        const bool ready = QTest::qWaitFor(
            [&] {
                out += process.readAllStandardOutput();
                return out.contains('\n') || process.state() == QProcess::NotRunning;
            },
            10000);
        const QByteArray line = out.left(out.indexOf('\n'));
        if (!ready || !line.startsWith("Listening on "))
            return false;
        *base = QUrl(QString::fromUtf8(line.mid(13)) + u'/');
        return true;
    };
    const auto connectionString = [](const QUrl &base) {
        ConnectionString cs;
        cs.endpoint = base;
        cs.accessKey = kAccessKey;
        return cs.toString();
    };

    QSet<QString> acked;
    {
        QProcess relay;
        QUrl base;
        QVERIFY(startProcess(relay, &base));
        Client ann;
        QVERIFY(ann.open(clientUrl(connectionString(base), u"ann"_s, u"annotator"_s, u"b1"_s)));
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        // A stream with 50 ops in flight: each ack lets the next op go. The relay dies once
        // 300 acks are in, with the window still unanswered.
        int sent = 0;
        const auto sendNext = [&] {
            ++sent;
            ann.send(
                wps::SendToGroup { u"b1.annotations"_s, quint64(sent), true, wps::DataType::Json,
                                   session::encode(op(u"k%1"_s.arg(sent), now + sent, u"x"_s)) });
        };
        connect(&ann.socket, &QWebSocket::textMessageReceived, &ann, [&](const QString &text) {
            if (text.contains("\"type\":\"ack\""_L1) && sent < 100000)
                sendNext();
        });
        for (int i = 0; i < 50; ++i)
            sendNext();
        QTRY_VERIFY_WITH_TIMEOUT(ann.all<wps::Ack>().size() >= 300, 30000);
        relay.kill(); // SIGKILL
        QVERIFY(relay.waitForFinished(5000));
        QTRY_VERIFY(ann.socket.state() == QAbstractSocket::UnconnectedState);
        for (const auto &a : ann.all<wps::Ack>()) {
            QVERIFY2(a.success, qPrintable(a.errorMessage));
            acked.insert(u"k%1"_s.arg(a.ackId));
        }
    }
    QVERIFY(acked.size() >= 300);
    qInfo("%d ops acknowledged before kill -9", int(acked.size()));

    QProcess relay;
    QUrl base;
    QVERIFY(startProcess(relay, &base));
    Client late;
    QVERIFY(late.open(clientUrl(connectionString(base), u"late"_s, u"viewer"_s, u"b1"_s)));
    late.send(wps::SendToGroup { u"b1.presence"_s, std::nullopt, true, wps::DataType::Json,
                                 session::encode(session::SyncRequest {}) });
    QTRY_VERIFY_WITH_TIMEOUT(!late.session<session::Snapshot>(true).isEmpty(), 10000);
    QSet<QString> present;
    for (const auto &snapshot : late.session<session::Snapshot>(true)) {
        for (const auto &a : snapshot.annotations)
            present.insert(a.id);
    }
    const QSet<QString> missing = acked - present;
    QVERIFY2(missing.isEmpty(),
             qPrintable(u"%1 acked ops missing after kill -9, e.g. %2"_s.arg(missing.size())
                            .arg(missing.isEmpty() ? QString() : *missing.cbegin())));
    relay.terminate();
    QVERIFY(relay.waitForFinished(5000));
}

QTEST_GUILESS_MAIN(TestRelayBoards)
#include "tst_relayboards.moc"
