// RemoteKeeper against the in-process relay: the keeper as a headless participant persists the
// ops annotators send, answers sync requests with the board's snapshot on the annotations
// group, merges snapshots peers send, and survives garbage. Loopback, ephemeral port, SQLite in
// a temporary directory.
#include "accessurl.h"
#include "annotationstore.h"
#include "connectionstring.h"
#include "hubclient.h"
#include "keeper.h"
#include "relay.h"
#include "remotekeeper.h"
#include "sessionmessages.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using wr::HubClient;
using wr::Keeper;
using wr::RemoteKeeper;
using wr::wps::DataType;
namespace session = wr::session;

namespace {

constexpr int kTimeoutMs = 15000;
const QString kHub = u"watchroom"_s;
const QString kBoard = u"main"_s;

wr::HubClientOptions fastOptions()
{
    wr::HubClientOptions o;
    o.connectTimeout = 3s;
    o.reconnectBase = 20ms;
    o.reconnectCap = 200ms;
    o.ackTimeout = 5s;
    o.ackRetryDelay = 50ms;
    return o;
}

session::AnnotationOp put(const QString &id, const QString &text)
{
    session::AnnotationOp op;
    op.annotation.id = id;
    op.annotation.clock = { QDateTime::currentMSecsSinceEpoch(), 0, u"alice"_s };
    op.annotation.text = text;
    op.annotation.t0 = 1000;
    return op;
}

// A session participant: a HubClient and the session messages it received.
struct Peer
{
    HubClient client { fastOptions() };
    QList<quint64> acked;
    QList<session::Snapshot> snapshots;
    QObject context;

    Peer()
    {
        QObject::connect(&client, &HubClient::sendAcked, &context,
                         [this](quint64 id) { acked.append(id); });
        QObject::connect(&client, &HubClient::groupMessage, &context,
                         [this](const QString &, const QString &, DataType, const QJsonValue &data) {
                             const auto decoded = session::decode(data);
                             if (decoded.ok()) {
                                 if (auto *s = std::get_if<session::Snapshot>(&*decoded.message))
                                     snapshots.append(*s);
                             }
                         });
    }
    bool joinAndWait(const QString &group)
    {
        const quint64 id = client.joinGroup(group);
        return QTest::qWaitFor([&] { return acked.contains(id); }, kTimeoutMs);
    }
    bool sendAndWait(const QString &group, const QJsonObject &message)
    {
        const quint64 id = client.sendToGroup(group, message);
        return QTest::qWaitFor([&] { return acked.contains(id); }, kTimeoutMs);
    }
};

} // namespace

class TestRemoteKeeper : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void persistsOpsFromPeersAcrossRestart();
    void answersSyncRequestWithSplitSnapshot();
    void mergesSnapshotsFromPeers();
    void malformedMessagesAreCountedNotFatal();

private:
    QUrl clientUrl(const QString &user) const;
    std::unique_ptr<Peer> connectedPeer(const QString &user);
    bool startRemote();
    bool openKeeper();

    QTemporaryDir m_dir;
    std::unique_ptr<wr::Relay> m_relay;
    std::unique_ptr<Keeper> m_keeper;
    std::unique_ptr<RemoteKeeper> m_remote;
    int m_counter = 0;
};

void TestRemoteKeeper::init()
{
    ++m_counter;
    wr::RelayConfig config;
    config.listenAddress = QHostAddress::LocalHost;
    config.port = 0;
    config.accessKeys = { u"remotekeeper-test-key-0123456789abcdef"_s };
    config.dataDir.clear();
    m_relay = std::make_unique<wr::Relay>(config);
    QString error;
    QVERIFY2(m_relay->start(&error), qPrintable(error));
    QVERIFY(openKeeper());
    QVERIFY(startRemote());
}

void TestRemoteKeeper::cleanup()
{
    m_remote.reset();
    m_keeper.reset();
    m_relay.reset();
}

bool TestRemoteKeeper::openKeeper()
{
    wr::KeeperConfig config;
    config.database = wr::DatabaseSettings::sqlite(m_dir.filePath(u"keeper-%1.db"_s.arg(m_counter)));
    m_keeper = std::make_unique<Keeper>(config);
    QString error;
    if (!m_keeper->open(&error)) {
        qWarning("%s", qPrintable(error));
        return false;
    }
    return true;
}

bool TestRemoteKeeper::startRemote()
{
    m_remote = std::make_unique<RemoteKeeper>(m_keeper.get(), QStringList { kBoard, u"bad board"_s },
                                              fastOptions());
    if (m_remote->boards() != QStringList { kBoard })
        return false;
    if (!m_remote->start(clientUrl(u"keeper"_s)))
        return false;
    return QTest::qWaitFor(
        [&] {
            return m_remote->client()->joinedGroups().size() == 2
                && m_remote->client()->stats().outboxSize == 0;
        },
        kTimeoutMs);
}

QUrl TestRemoteKeeper::clientUrl(const QString &user) const
{
    const auto cs = wr::ConnectionString::parse(m_relay->connectionString());
    wr::ClientAccessOptions options;
    options.userId = user;
    options.roles = { u"webpubsub.joinLeaveGroup"_s, u"webpubsub.sendToGroup"_s };
    return wr::clientAccessFor(*cs, kHub, options).url;
}

std::unique_ptr<Peer> TestRemoteKeeper::connectedPeer(const QString &user)
{
    auto peer = std::make_unique<Peer>();
    peer->client.start(clientUrl(user));
    if (!QTest::qWaitFor([&] { return peer->client.state() == HubClient::State::Connected; },
                         kTimeoutMs))
        return nullptr;
    if (!peer->joinAndWait(session::annotationsGroup(kBoard))
        || !peer->joinAndWait(session::presenceGroup(kBoard)))
        return nullptr;
    return peer;
}

void TestRemoteKeeper::persistsOpsFromPeersAcrossRestart()
{
    auto alice = connectedPeer(u"alice"_s);
    QVERIFY(alice);
    QSignalSpy persisted(m_remote.get(), &RemoteKeeper::opPersisted);
    QVERIFY(alice->sendAndWait(session::annotationsGroup(kBoard), session::encode(put(u"a1"_s, u"deploy"_s))));
    QVERIFY(alice->sendAndWait(session::annotationsGroup(kBoard), session::encode(put(u"a2"_s, u"spike"_s))));
    QTRY_COMPARE_WITH_TIMEOUT(persisted.size(), 2, kTimeoutMs);
    QCOMPARE(m_keeper->visibleCount(kBoard), 2);
    QCOMPARE(m_keeper->snapshot(kBoard).annotations.first().author, u"alice"_s); // hub-stamped

    // Restart the keeper on the same database: nothing lost.
    m_remote.reset();
    m_keeper.reset();
    QVERIFY(openKeeper());
    QCOMPARE(m_keeper->visibleCount(kBoard), 2);
    QCOMPARE(m_keeper->snapshot(kBoard).annotations.last().text, u"spike"_s);
}

void TestRemoteKeeper::answersSyncRequestWithSplitSnapshot()
{
    QList<session::AnnotationOp> ops;
    int done = 0;
    for (int i = 0; i < 120; ++i) {
        m_keeper->submit(kBoard, put(u"n%1"_s.arg(i, 3, 10, QChar(u'0')), QString(1500, u'x')),
                         u"alice"_s, [&](const wr::KeeperResult &) { ++done; });
    }
    QTRY_COMPARE_WITH_TIMEOUT(done, 120, kTimeoutMs);

    auto bob = connectedPeer(u"bob"_s);
    QVERIFY(bob);
    QSignalSpy sent(m_remote.get(), &RemoteKeeper::snapshotSent);
    bob->client.sendToGroupFireAndForget(session::presenceGroup(kBoard),
                                         session::encode(session::SyncRequest {}), DataType::Json,
                                         true);
    QTRY_COMPARE_WITH_TIMEOUT(sent.size(), 1, kTimeoutMs);
    const int messages = sent.first().at(1).toInt();
    QVERIFY(messages >= 3); // 180 KB of text: split under 64 KiB
    QTRY_COMPARE_WITH_TIMEOUT(bob->snapshots.size(), messages, kTimeoutMs);
    wr::AnnotationStore late(u"bob"_s);
    for (const auto &s : std::as_const(bob->snapshots))
        late.merge(s);
    QCOMPARE(late.snapshot(), m_keeper->snapshot(kBoard));
    QCOMPARE(late.rowCount(), 120);
    QCOMPARE(m_remote->stats().syncRequests, 1u);
}

void TestRemoteKeeper::mergesSnapshotsFromPeers()
{
    auto carol = connectedPeer(u"carol"_s);
    QVERIFY(carol);
    session::Snapshot s;
    session::Annotation a = put(u"from-snapshot"_s, u"held by carol"_s).annotation;
    a.author = u"dave"_s;
    s.annotations.append(a);
    QVERIFY(carol->sendAndWait(session::annotationsGroup(kBoard), session::encode(s)));
    QTRY_COMPARE_WITH_TIMEOUT(m_keeper->visibleCount(kBoard), 1, kTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(m_keeper->stats().transactions, 1u, kTimeoutMs);
    QCOMPARE(m_keeper->snapshot(kBoard).annotations.first().author, u"dave"_s);
    QCOMPARE(m_remote->stats().snapshotsMerged, 1u);
}

void TestRemoteKeeper::malformedMessagesAreCountedNotFatal()
{
    auto mallory = connectedPeer(u"mallory"_s);
    QVERIFY(mallory);
    const QString group = session::annotationsGroup(kBoard);
    QVERIFY(mallory->sendAndWait(group, QJsonObject { { u"type"_s, u"annotation"_s }, { u"v"_s, 1 } }));
    QVERIFY(mallory->sendAndWait(group, QJsonObject { { u"type"_s, u"annotation"_s },
                                                      { u"v"_s, 1 },
                                                      { u"op"_s, u"put"_s },
                                                      { u"id"_s, u"x"_s },
                                                      { u"clock"_s, u"99999999999999:0:m"_s },
                                                      { u"t0"_s, 1 } }));
    QVERIFY(mallory->sendAndWait(group, session::encode(put(u"fine"_s, u"ok"_s))));
    QTRY_COMPARE_WITH_TIMEOUT(m_remote->stats().opsPersisted, 1u, kTimeoutMs);
    QCOMPARE(m_remote->stats().malformed, 1u);
    QCOMPARE(m_remote->stats().opsFailed, 1u); // the clock from the year 5138
    QCOMPARE(m_keeper->visibleCount(kBoard), 1);
}

QTEST_GUILESS_MAIN(TestRemoteKeeper)
#include "tst_remotekeeper.moc"
