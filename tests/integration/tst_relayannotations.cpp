// Export and import of a board's annotations as JSON: GET/POST /api/boards/{board}/annotations
// on an in-process relay with a keeper (authorisation, refusals that change nothing, live
// clients receiving what was imported), and the offline --export-annotations /
// --import-annotations flags of the real executable.
#include "accessurl.h"
#include "boardservices.h"
#include "connectionstring.h"
#include "keeper.h"
#include "recordingclient.h"
#include "relay.h"
#include "sessionmessages.h"
#include "webpubsub.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketHandshakeOptions>

#include <memory>

using namespace Qt::StringLiterals;
using namespace wr;

namespace {

const QString kAccessKey = u"test-access-key-0123456789abcdef"_s;

QString token(const QString &role, const QString &board, const QString &key = kAccessKey)
{
    ConnectionString cs;
    cs.endpoint = QUrl(u"http://127.0.0.1/"_s);
    cs.accessKey = key;
    ClientAccessOptions options;
    options.userId = u"operator"_s;
    options.roles = session::webPubSubRolesFor(role, board);
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

// The annotations of an export document (its "exportedAt" differs between exports).
QJsonArray annotationsOf(const QByteArray &document)
{
    const QJsonObject o = QJsonDocument::fromJson(document).object();
    return o.value("annotations"_L1).toArray();
}

// Submits ops to a keeper and waits until every one is committed.
bool seed(Keeper *keeper, const QString &board, const QList<session::AnnotationOp> &ops)
{
    int done = 0;
    bool ok = true;
    for (const session::AnnotationOp &o : ops) {
        keeper->submit(board, o, u"ann"_s, [&](const KeeperResult &result) {
            ok = ok && result.ok;
            ++done;
        });
    }
    return QTest::qWaitFor([&] { return done == ops.size(); }, 10000) && ok;
}

QList<session::AnnotationOp> sampleOps()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    return { op(u"a1"_s, now - 3000, u"deploy started"_s),
             op(u"a2"_s, now - 2000, u"latency spike"_s), op(u"a3"_s, now - 1000, u"rollback"_s) };
}

class Client : public wrtest::RecordingClient
{
public:
    bool open(const QUrl &url)
    {
        RecordingClient::open(url);
        return waitConnected(10000);
    }
    bool acked(quint64 id) const
    {
        return std::any_of(frames.cbegin(), frames.cend(), [id](const auto &f) {
            const auto *ack = std::get_if<wps::Ack>(&f);
            return ack && ack->ackId == id && ack->success;
        });
    }
    int snapshotCount(const QString &group) const
    {
        return int(std::count_if(frames.cbegin(), frames.cend(), [&group](const auto &f) {
            const auto *message = std::get_if<wps::GroupMessage>(&f);
            if (!message || message->group != group)
                return false;
            const auto decoded = session::decode(message->data);
            return decoded.ok() && std::holds_alternative<session::Snapshot>(*decoded.message);
        }));
    }
    // Ids of the annotations in snapshots received as group messages on `group`.
    QStringList snapshotIds(const QString &group) const
    {
        QStringList ids;
        for (const auto &f : frames) {
            const auto *message = std::get_if<wps::GroupMessage>(&f);
            if (!message || message->group != group)
                continue;
            const auto decoded = session::decode(message->data);
            if (!decoded.ok())
                continue;
            if (const auto *snapshot = std::get_if<session::Snapshot>(&*decoded.message)) {
                for (const session::Annotation &a : snapshot->annotations)
                    ids.append(a.id);
            }
        }
        ids.sort();
        return ids;
    }
};

struct HttpReply
{
    int status = 0;
    QByteArray body;
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

} // namespace

class TestRelayAnnotations : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void refusals_data();
    void refusals();
    void relayWithoutKeeperSaysSo();
    void exportImportRoundTripReachesLiveClients();
    void badDocumentsChangeNothing_data();
    void badDocumentsChangeNothing();
    void offlineExportImportRoundTrip();
    void offlineImportRefusesADatabaseInUse();
    void offlineImportRejectsABadFile();
    void secondRelayOnTheSameDatabaseIsRefused();

private:
    bool startRelay(bool keeper);
    HttpReply request(const QByteArray &verb, const QString &path, const QString &bearer,
                      const QByteArray &body = {});
    int runRelay(const QStringList &arguments, QByteArray *out = nullptr, QByteArray *err = nullptr,
                 const QByteArray &input = {});

    QTemporaryDir m_dir;
    std::unique_ptr<Relay> m_relay;
    QNetworkAccessManager m_network;
};

void TestRelayAnnotations::init()
{
    QVERIFY(m_dir.isValid());
}

void TestRelayAnnotations::cleanup()
{
    m_relay.reset();
    QFile::remove(m_dir.filePath(u"keeper.sqlite"_s));
}

bool TestRelayAnnotations::startRelay(bool keeper)
{
    RelayConfig config;
    config.port = 0;
    config.accessKeys = { kAccessKey };
    config.dataDir.clear();
    config.hostSamplerBoards = {};
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

HttpReply TestRelayAnnotations::request(const QByteArray &verb, const QString &path,
                                        const QString &bearer, const QByteArray &body)
{
    QNetworkRequest request(m_relay->listenUrl().resolved(QUrl(path)));
    if (!bearer.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + bearer.toUtf8());
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json"_ba);
    std::unique_ptr<QNetworkReply> reply(m_network.sendCustomRequest(request, verb, body));
    if (!QTest::qWaitFor([&] { return reply->isFinished(); }, 10000))
        return {};
    return { reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->readAll() };
}

int TestRelayAnnotations::runRelay(const QStringList &arguments, QByteArray *out, QByteArray *err,
                                   const QByteArray &input)
{
    QProcess process;
    QProcessEnvironment environment;
    environment.insert(u"HOME"_s, m_dir.path());
    environment.insert(u"PATH"_s, qEnvironmentVariable("PATH"));
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(WATCHROOM_RELAY_PATH), arguments);
    if (!process.waitForStarted(10000))
        return -1;
    if (!input.isEmpty())
        process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(30000)) {
        process.kill();
        process.waitForFinished(5000);
        return -1;
    }
    if (out)
        *out = process.readAllStandardOutput();
    const QByteArray errors = process.readAllStandardError();
    if (err)
        *err = errors;
    if (process.exitStatus() != QProcess::NormalExit)
        return -1;
    return process.exitCode();
}

void TestRelayAnnotations::refusals_data()
{
    QTest::addColumn<QByteArray>("verb");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("bearer");
    QTest::addColumn<int>("status");

    const QString path = u"/api/boards/ops/annotations"_s;
    const QString admin = token(u"admin"_s, u"ops"_s);
    QTest::addRow("export without a token") << "GET"_ba << path << QString() << 401;
    QTest::addRow("export with a malformed token") << "GET"_ba << path << u"not-a-jwt"_s << 401;
    QTest::addRow("export with a token of another key")
        << "GET"_ba << path << token(u"admin"_s, u"ops"_s, u"another-key-0123456789abcdef"_s)
        << 401;
    QTest::addRow("export with an annotator token")
        << "GET"_ba << path << token(u"annotator"_s, u"ops"_s) << 401;
    QTest::addRow("export with a source token")
        << "GET"_ba << path << token(u"source"_s, u"ops"_s) << 401;
    QTest::addRow("import without a token") << "POST"_ba << path << QString() << 401;
    QTest::addRow("import with an annotator token")
        << "POST"_ba << path << token(u"annotator"_s, u"ops"_s) << 401;
    QTest::addRow("bad board name")
        << "GET"_ba << u"/api/boards/no%20such/annotations"_s << admin << 400;
    QTest::addRow("other method") << "DELETE"_ba << path << admin << 405;
    QTest::addRow("export with an admin token") << "GET"_ba << path << admin << 200;
}

void TestRelayAnnotations::refusals()
{
    QFETCH(QByteArray, verb);
    QFETCH(QString, path);
    QFETCH(QString, bearer);
    QFETCH(int, status);

    QVERIFY(startRelay(true));
    QVERIFY(seed(m_relay->boards()->keeper(), u"ops"_s, sampleOps()));
    const QByteArray document = m_relay->boards()->keeper()->exportBoard(u"ops"_s);
    const HttpReply reply = request(verb, path, bearer, verb == "POST" ? document : QByteArray());
    QCOMPARE(reply.status, status);
    if (status == 200) {
        QCOMPARE(annotationsOf(reply.body), annotationsOf(document));
        QCOMPARE(annotationsOf(reply.body).size(), 3);
    } else {
        QVERIFY2(!reply.json().value("message"_L1).toString().isEmpty(), reply.body.constData());
    }
}

void TestRelayAnnotations::relayWithoutKeeperSaysSo()
{
    QVERIFY(startRelay(false));
    const HttpReply reply
        = request("GET", u"/api/boards/ops/annotations"_s, token(u"admin"_s, u"ops"_s));
    QCOMPARE(reply.status, 404);
    QCOMPARE(reply.json().value("code"_L1).toString(), u"NoKeeper"_s);
    QVERIFY(reply.json().value("message"_L1).toString().contains(u"keeper"_s));
}

void TestRelayAnnotations::exportImportRoundTripReachesLiveClients()
{
    QVERIFY(startRelay(true));
    Keeper *keeper = m_relay->boards()->keeper();
    QVERIFY(seed(keeper, u"ops"_s, sampleOps()));

    // A client already watching the target board.
    const auto cs = ConnectionString::parse(m_relay->connectionString());
    QVERIFY(cs);
    ClientAccessOptions options;
    options.userId = u"watcher"_s;
    options.roles = session::webPubSubRolesFor(u"viewer"_s, u"copy"_s);
    Client watcher;
    QVERIFY(watcher.open(clientAccessFor(*cs, u"watchroom"_s, options).url));
    watcher.socket.sendTextMessage(QString::fromUtf8(
        wps::encode(wps::ClientMessage { wps::JoinGroup { u"copy.annotations"_s, 1 } })));
    QTRY_VERIFY_WITH_TIMEOUT(watcher.acked(1), 10000);

    const HttpReply exported
        = request("GET", u"/api/boards/ops/annotations"_s, token(u"admin"_s, u"ops"_s));
    QCOMPARE(exported.status, 200);
    const QJsonObject document = QJsonDocument::fromJson(exported.body).object();
    QCOMPARE(document.value("type"_L1).toString(), u"snapshot"_s);
    QCOMPARE(document.value("board"_L1).toString(), u"ops"_s);
    QCOMPARE(annotationsOf(exported.body).size(), 3);

    const HttpReply imported = request("POST", u"/api/boards/copy/annotations"_s,
                                       token(u"admin"_s, u"copy"_s), exported.body);
    QCOMPARE(imported.status, 202);
    QCOMPARE(imported.json().value("entries"_L1).toInt(), 3);

    // Once committed, the live client gets the board's snapshot as a server-sent group message.
    const QStringList expected { u"a1"_s, u"a2"_s, u"a3"_s };
    QTRY_COMPARE_WITH_TIMEOUT(watcher.snapshotIds(u"copy.annotations"_s), expected, 10000);
    QCOMPARE(keeper->visibleCount(u"copy"_s), 3);

    const HttpReply again
        = request("GET", u"/api/boards/copy/annotations"_s, token(u"admin"_s, u"copy"_s));
    QCOMPARE(again.status, 200);
    QCOMPARE(annotationsOf(again.body), annotationsOf(exported.body));

    // Importing the same document again changes nothing, so nothing is sent; a later import
    // that does change something is (messages on one connection keep their order).
    QCOMPARE(watcher.snapshotCount(u"copy.annotations"_s), 1);
    QCOMPARE(request("POST", u"/api/boards/copy/annotations"_s, token(u"admin"_s, u"copy"_s),
                     exported.body)
                 .status,
             202);
    QTRY_COMPARE_WITH_TIMEOUT(keeper->stats().pendingCompletions, 0, 10000);
    QVERIFY(seed(keeper, u"ops"_s,
                 { op(u"a4"_s, QDateTime::currentMSecsSinceEpoch(), u"all clear"_s) }));
    QCOMPARE(request("POST", u"/api/boards/copy/annotations"_s, token(u"admin"_s, u"copy"_s),
                     keeper->exportBoard(u"ops"_s))
                 .status,
             202);
    QTRY_VERIFY_WITH_TIMEOUT(watcher.snapshotIds(u"copy.annotations"_s).contains(u"a4"_s), 10000);
    QCOMPARE(watcher.snapshotCount(u"copy.annotations"_s), 2);
}

void TestRelayAnnotations::badDocumentsChangeNothing_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("code");

    QTest::addRow("not JSON") << "{\"type\": \"snapshot\", "_ba << u"InvalidJson"_s;
    QTest::addRow("empty body") << QByteArray() << u"InvalidJson"_s;
    QTest::addRow("a JSON array") << "[1, 2]"_ba << u"InvalidAnnotations"_s;
    QTest::addRow("another message type")
        << "{\"type\": \"sync-request\"}"_ba << u"InvalidAnnotations"_s;
    QTest::addRow("annotations not an array")
        << "{\"type\": \"snapshot\", \"annotations\": 5}"_ba << u"InvalidAnnotations"_s;
}

void TestRelayAnnotations::badDocumentsChangeNothing()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, code);

    QVERIFY(startRelay(true));
    Keeper *keeper = m_relay->boards()->keeper();
    QVERIFY(seed(keeper, u"ops"_s, sampleOps()));
    const QByteArray before = keeper->exportBoard(u"ops"_s);
    const quint64 transactions = keeper->stats().transactions;

    const HttpReply reply
        = request("POST", u"/api/boards/ops/annotations"_s, token(u"admin"_s, u"ops"_s), body);
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.json().value("code"_L1).toString(), code);
    QVERIFY(!reply.json().value("message"_L1).toString().isEmpty());
    QCOMPARE(annotationsOf(keeper->exportBoard(u"ops"_s)), annotationsOf(before));
    QCOMPARE(keeper->stats().transactions, transactions);
    QCOMPARE(keeper->stats().dirtyRegisters, 0);
}

void TestRelayAnnotations::offlineExportImportRoundTrip()
{
    const QString source = m_dir.filePath(u"source"_s);
    const QString target = m_dir.filePath(u"target"_s);
    {
        KeeperConfig config;
        config.database = DatabaseSettings::sqlite(source + u"/keeper.sqlite"_s);
        Keeper keeper(config);
        QString error;
        QVERIFY2(keeper.open(&error), qPrintable(error));
        QVERIFY(seed(&keeper, u"main"_s, sampleOps()));
        keeper.close();
    }

    const QString file = m_dir.filePath(u"main.json"_s);
    QByteArray err;
    const int exported = runRelay(
        { u"--data-dir"_s, source, u"--export-annotations"_s, u"main"_s, u"--output"_s, file },
        nullptr, &err);
    QVERIFY2(exported == 0, err.constData());
    QFile exportedFile(file);
    QVERIFY(exportedFile.open(QIODevice::ReadOnly));
    const QByteArray document = exportedFile.readAll();
    QCOMPARE(annotationsOf(document).size(), 3);

    QCOMPARE(runRelay({ u"--data-dir"_s, target, u"--import-annotations"_s, u"main"_s, file },
                      nullptr, &err),
             0);
    QVERIFY2(err.contains("3 annotation(s) changed"), err.constData());

    // Standard input and output work too: import into a second board, export both.
    QCOMPARE(runRelay({ u"--data-dir"_s, target, u"--import-annotations"_s, u"other"_s, u"-"_s },
                      nullptr, &err, document),
             0);
    for (const QString &board : { u"main"_s, u"other"_s }) {
        QByteArray out;
        QCOMPARE(
            runRelay({ u"--data-dir"_s, target, u"--export-annotations"_s, board }, &out, &err), 0);
        QCOMPARE(annotationsOf(out), annotationsOf(document));
    }
}

void TestRelayAnnotations::offlineImportRefusesADatabaseInUse()
{
    // A running relay holds this lock while its keeper uses the database.
    QVERIFY(startRelay(true));
    QVERIFY(seed(m_relay->boards()->keeper(), u"ops"_s, sampleOps()));
    const QByteArray document = m_relay->boards()->keeper()->exportBoard(u"ops"_s);
    QByteArray err;
    QCOMPARE(runRelay({ u"--database"_s, m_dir.filePath(u"keeper.sqlite"_s),
                        u"--import-annotations"_s, u"copy"_s, u"-"_s },
                      nullptr, &err, document),
             1);
    QVERIFY2(err.contains("in use by a running watchroom-relay"), err.constData());
    QCOMPARE(m_relay->boards()->keeper()->visibleCount(u"copy"_s), 0);

    // Once the relay has stopped, the same import goes through.
    m_relay.reset();
    QCOMPARE(runRelay({ u"--database"_s, m_dir.filePath(u"keeper.sqlite"_s),
                        u"--import-annotations"_s, u"copy"_s, u"-"_s },
                      nullptr, &err, document),
             0);
    QByteArray out;
    QCOMPARE(runRelay({ u"--database"_s, m_dir.filePath(u"keeper.sqlite"_s),
                        u"--export-annotations"_s, u"copy"_s },
                      &out, &err),
             0);
    QCOMPARE(annotationsOf(out), annotationsOf(document));
}

void TestRelayAnnotations::offlineImportRejectsABadFile()
{
    const QString target = m_dir.filePath(u"bad"_s);
    QByteArray err;
    QCOMPARE(runRelay({ u"--data-dir"_s, target, u"--import-annotations"_s, u"main"_s,
                        m_dir.filePath(u"missing.json"_s) },
                      nullptr, &err),
             1);
    QVERIFY2(err.contains("cannot read"), err.constData());

    QCOMPARE(runRelay({ u"--data-dir"_s, target, u"--import-annotations"_s, u"main"_s, u"-"_s },
                      nullptr, &err, "{\"type\": \"metrics\"}"),
             1);
    QVERIFY2(err.contains("import into main"), err.constData());

    QCOMPARE(runRelay({ u"--data-dir"_s, m_dir.filePath(u"empty"_s), u"--export-annotations"_s,
                        u"main"_s },
                      nullptr, &err),
             1);
    QVERIFY2(err.contains("no keeper database"), err.constData());

    QCOMPARE(runRelay({ u"--export-annotations"_s, u"bad/board"_s }, nullptr, &err), 2);
    QVERIFY2(err.contains("'bad/board'"), err.constData());
}

void TestRelayAnnotations::secondRelayOnTheSameDatabaseIsRefused()
{
    QVERIFY(startRelay(true));
    RelayConfig config;
    config.port = 0;
    config.accessKeys = { kAccessKey };
    config.dataDir.clear();
    config.hostSamplerBoards = {};
    config.database = m_dir.filePath(u"keeper.sqlite"_s);
    {
        Relay second(config);
        QString error;
        QVERIFY(!second.start(&error));
        QVERIFY2(error.contains(u"in use by another watchroom-relay process"_s), qPrintable(error));
    }
    m_relay.reset();
    Relay second(config);
    QString error;
    QVERIFY2(second.start(&error), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestRelayAnnotations)
#include "tst_relayannotations.moc"
