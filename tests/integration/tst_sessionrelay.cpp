// Sessions over real HubClients through the in-process relay (cloud mode: the relay has no
// keeper here), some of them through the fault-injecting proxy. Loopback, ephemeral ports.
#include "accessurl.h"
#include "annotationstore.h"
#include "connectionstring.h"
#include "faultproxy.h"
#include "hub.h"
#include "hubclient.h"
#include "metricstore.h"
#include "presencemodel.h"
#include "relay.h"
#include "session.h"
#include "sessionbinding.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QUrlQuery>

#include <memory>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using wr::HubClient;
using wr::HubClientOptions;
using wr::Session;
using wr::SessionBinding;
using wr::SessionMode;
using wr::SessionOptions;
using State = wr::HubClient::State;
namespace s = wr::session;

namespace {

constexpr int kTimeoutMs = 15000;
const QString kBoard = u"team"_s;

HubClientOptions fastOptions()
{
    HubClientOptions o;
    o.connectTimeout = 3s;
    o.pingInterval = 200ms;
    o.livenessTimeout = 5s;
    o.sequenceAckInterval = 50ms;
    o.recoveryInterval = 50ms;
    o.recoveryWindow = 5s;
    o.reconnectBase = 20ms;
    o.reconnectCap = 100ms;
    o.ackTimeout = 5s;
    o.ackRetryDelay = 50ms;
    o.statsInterval = 100ms;
    return o;
}

// A person on the board: HubClient + Session + binding.
struct Member
{
    Member(const QString &name, const HubClientOptions &hubOptions, SessionOptions options)
        : client(hubOptions)
        , session([&] {
            options.board = kBoard;
            options.name = name;
            options.mode = SessionMode::Cloud;
            options.heartbeatInterval = 200ms;
            options.snapshotAnswerMaxDelay = 50ms;
            options.helloAnswerMaxDelay = 50ms;
            return options;
        }())
        , binding(&session, &client)
    { }

    HubClient client;
    Session session;
    SessionBinding binding;
};

s::Annotation note(const QString &text, qint64 t0)
{
    s::Annotation a;
    a.text = text;
    a.t0 = t0;
    a.tags = { u"ops"_s };
    a.color = u"#f5a524"_s;
    return a;
}

} // namespace

class TestSessionRelay : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void twoSessionsConvergeOnAnnotationsAndPresence();
    void cursorsReachThePeer();
    void lateJoinerGetsTheBoardInCloudMode();
    void offlineEditsAreMergedAfterReconnect();
    void editsDuringARecoveryAreDeliveredOnce();
    void forgedOpsOnThePresenceGroupAreRejected();
    void keeperSnapshotArrivesAsServerMessage();
    void negotiateKeeperFlagSelectsRelayMode();

private:
    // Negotiated through the relay's /negotiate (optionally via the proxy).
    std::unique_ptr<Member> join(const QString &user, FaultProxy *proxy = nullptr,
                                 const HubClientOptions &hubOptions = fastOptions(),
                                 SessionOptions options = {});
    QString negotiateInput(const QString &user, FaultProxy *proxy) const;

    std::unique_ptr<wr::Relay> m_relay;
    std::unique_ptr<FaultProxy> m_proxy;
};

void TestSessionRelay::init()
{
    wr::RelayConfig config;
    config.listenAddress = QHostAddress::LocalHost;
    config.port = 0;
    config.accessKeys = { u"session-test-key-0123456789abcdef"_s };
    config.dataDir.clear();
    m_relay = std::make_unique<wr::Relay>(config);
    QString error;
    QVERIFY2(m_relay->start(&error), qPrintable(error));
    m_proxy = std::make_unique<FaultProxy>(QHostAddress::LocalHost, m_relay->port());
    QVERIFY(m_proxy->listen());
}

void TestSessionRelay::cleanup()
{
    m_proxy.reset();
    m_relay.reset();
}

QString TestSessionRelay::negotiateInput(const QString &user, FaultProxy *proxy) const
{
    QUrl url = m_relay->negotiateUrl(kBoard);
    if (proxy)
        url = proxy->throughProxy(url);
    QUrlQuery query(url);
    query.removeAllQueryItems(u"user"_s);
    query.addQueryItem(u"user"_s, user);
    url.setQuery(query);
    return url.toString(QUrl::FullyEncoded);
}

std::unique_ptr<Member> TestSessionRelay::join(const QString &user, FaultProxy *proxy,
                                               const HubClientOptions &hubOptions,
                                               SessionOptions options)
{
    auto member = std::make_unique<Member>(user, hubOptions, std::move(options));
    wr::NegotiateRequest request;
    request.input = negotiateInput(user, proxy);
    request.board = kBoard;
    request.role = u"annotator"_s;
    request.userId = user;
    if (!member->binding.start(request))
        return nullptr;
    if (!QTest::qWaitFor([&] { return member->session.isUp(); }, kTimeoutMs))
        return nullptr;
    return member;
}

void TestSessionRelay::twoSessionsConvergeOnAnnotationsAndPresence()
{
    auto alice = join(u"alice"_s);
    auto bob = join(u"bob"_s);
    QVERIFY(alice && bob);
    QCOMPARE(alice->session.userId(), u"alice"_s);
    QVERIFY(alice->client.joinedGroups().contains(u"team.annotations"_s));

    // Presence: both see each other, with names, and a state change travels.
    QTRY_VERIFY_WITH_TIMEOUT(alice->session.presence()->peer(u"bob"_s).has_value(), kTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(bob->session.presence()->peer(u"alice"_s).has_value(), kTimeoutMs);
    bob->session.setState(s::PresenceState::Away);
    bob->session.setView(s::View { u"cpu"_s, 100, std::nullopt });
    QTRY_COMPARE_WITH_TIMEOUT(alice->session.presence()->peer(u"bob"_s)->state,
                              s::PresenceState::Away, kTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(alice->session.presence()->peer(u"bob"_s)->view.has_value(),
                             kTimeoutMs);
    QCOMPARE(alice->session.presence()->peer(u"bob"_s)->name, u"bob"_s);

    // Annotations: concurrent edits from both sides.
    const QString a1 = alice->session.putAnnotation(note(u"deploy"_s, 1000));
    const QString a2 = alice->session.putAnnotation(note(u"spike"_s, 2000));
    const QString b1 = bob->session.putAnnotation(note(u"rollback"_s, 3000));
    QTRY_VERIFY_WITH_TIMEOUT(bob->session.annotations()->annotation(a2).has_value(), kTimeoutMs);
    QVERIFY(bob->session.removeAnnotation(a2));
    s::Annotation edit = note(u"deploy (edited by bob)"_s, 1000);
    edit.id = a1;
    QVERIFY(!bob->session.putAnnotation(edit).isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(alice->session.annotations()->snapshot(),
                              bob->session.annotations()->snapshot(), kTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(alice->session.stats().pendingLocalOps
                                  + bob->session.stats().pendingLocalOps,
                              0, kTimeoutMs);
    QCOMPARE(alice->session.annotations()->annotation(a1)->text, u"deploy (edited by bob)"_s);
    QCOMPARE(alice->session.annotations()->annotation(a1)->author, u"alice"_s);
    QVERIFY(!alice->session.annotations()->annotation(a2));
    QCOMPARE(alice->session.annotations()->annotation(b1)->author, u"bob"_s);

    // bye on stop.
    QSignalSpy left(alice->session.presence(), &wr::PresenceModel::peerLeft);
    bob->binding.stop();
    QTRY_COMPARE_WITH_TIMEOUT(left.size(), 1, kTimeoutMs);
}

void TestSessionRelay::cursorsReachThePeer()
{
    auto alice = join(u"alice"_s);
    auto bob = join(u"bob"_s);
    QVERIFY(alice && bob);
    QSignalSpy moved(bob->session.presence(), &wr::PresenceModel::cursorMoved);
    for (int i = 0; i <= 20; ++i)
        alice->session.moveCursor(u"cpu"_s, 1000 + i, i * 0.5);
    // The burst collapses to the first and the last position.
    QTRY_COMPARE_WITH_TIMEOUT(
        bob->session.presence()->peer(u"alice"_s).value_or(wr::PresenceModel::Peer {}).cursor,
        (std::optional<s::Cursor>(s::Cursor { u"cpu"_s, 1020, 10.0 })), kTimeoutMs);
    QVERIFY(alice->session.stats().cursorsSent < 21);
    alice->session.leaveCursor();
    QTRY_VERIFY_WITH_TIMEOUT(!bob->session.presence()->peer(u"alice"_s)->cursor->panel, kTimeoutMs);
}

void TestSessionRelay::lateJoinerGetsTheBoardInCloudMode()
{
    auto alice = join(u"alice"_s);
    auto bob = join(u"bob"_s);
    QVERIFY(alice && bob);
    for (int i = 0; i < 60; ++i) // ~90 KiB: the answer needs more than one message
        QVERIFY(
            !alice->session.putAnnotation(note(u"history %1 "_s.arg(i) + QString(1500, u'h'), i))
                 .isEmpty());
    const QString gone = bob->session.putAnnotation(note(u"short-lived"_s, 99));
    QTRY_VERIFY_WITH_TIMEOUT(alice->session.annotations()->annotation(gone).has_value(),
                             kTimeoutMs);
    QVERIFY(alice->session.removeAnnotation(gone));
    QTRY_COMPARE_WITH_TIMEOUT(alice->session.annotations()->snapshot(),
                              bob->session.annotations()->snapshot(), kTimeoutMs);

    auto carol = join(u"carol"_s);
    QVERIFY(carol);
    QTRY_COMPARE_WITH_TIMEOUT(carol->session.annotations()->snapshot(),
                              alice->session.annotations()->snapshot(), kTimeoutMs);
    QCOMPARE(carol->session.annotations()->rowCount(), 60);
    // Answers: at least one; a suppressed second holder never doubles it for long.
    const quint64 answers
        = alice->session.stats().snapshotsSent + bob->session.stats().snapshotsSent;
    QVERIFY(answers >= 1);
    QVERIFY(carol->session.stats().snapshotsReceived >= 1);
}

void TestSessionRelay::offlineEditsAreMergedAfterReconnect()
{
    HubClientOptions options = fastOptions();
    options.recoveryWindow = 300ms; // the outage outlasts it: new connections, not recovery
    auto alice = join(u"alice"_s, m_proxy.get(), options);
    auto bob = join(u"bob"_s, m_proxy.get(), options);
    QVERIFY(alice && bob);
    const QString shared = alice->session.putAnnotation(note(u"shared"_s, 1));
    const QString edited = bob->session.putAnnotation(note(u"to be edited"_s, 2));
    QTRY_COMPARE_WITH_TIMEOUT(alice->session.annotations()->snapshot(),
                              bob->session.annotations()->snapshot(), kTimeoutMs);
    QCOMPARE(alice->session.annotations()->rowCount(), 2);

    m_proxy->setRefusing(true);
    m_proxy->dropAll();
    QTRY_VERIFY_WITH_TIMEOUT(!alice->session.isUp() && !bob->session.isUp(), kTimeoutMs);

    // Both edit while cut off, including conflicting edits of the same annotation.
    const QString fromAlice = alice->session.putAnnotation(note(u"alice offline"_s, 10));
    const QString fromBob = bob->session.putAnnotation(note(u"bob offline"_s, 11));
    QVERIFY(alice->session.removeAnnotation(shared));
    s::Annotation aliceEdit = note(u"alice's version"_s, 2);
    aliceEdit.id = edited;
    alice->session.putAnnotation(aliceEdit);
    s::Annotation bobEdit = note(u"bob's version"_s, 2);
    bobEdit.id = edited;
    bob->session.putAnnotation(bobEdit);
    QCOMPARE(alice->session.stats().pendingLocalOps, 3);
    QCOMPARE(bob->session.stats().pendingLocalOps, 2);

    QTRY_VERIFY_WITH_TIMEOUT(alice->client.state() == State::Reconnecting
                                 && bob->client.state() == State::Reconnecting,
                             kTimeoutMs);
    m_proxy->setRefusing(false);
    QTRY_VERIFY_WITH_TIMEOUT(alice->session.isUp() && bob->session.isUp(), kTimeoutMs);
    QVERIFY(alice->client.stats().reconnects >= 1);

    QTRY_COMPARE_WITH_TIMEOUT(alice->session.stats().pendingLocalOps
                                  + bob->session.stats().pendingLocalOps,
                              0, kTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(alice->session.annotations()->snapshot(),
                              bob->session.annotations()->snapshot(), kTimeoutMs);
    const wr::AnnotationStore *store = bob->session.annotations();
    QVERIFY(store->annotation(fromAlice));
    QVERIFY(store->annotation(fromBob));
    QVERIFY(!store->annotation(shared));
    // The later of the two conflicting edits wins, the same on both sides.
    const QString winner = store->annotation(edited)->text;
    QVERIFY(winner == u"alice's version"_s || winner == u"bob's version"_s);
    QCOMPARE(alice->session.annotations()->annotation(edited)->text, winner);
}

void TestSessionRelay::editsDuringARecoveryAreDeliveredOnce()
{
    auto alice = join(u"alice"_s, m_proxy.get());
    auto bob = join(u"bob"_s);
    QVERIFY(alice && bob);
    QSignalSpy changed(bob->session.annotations(), &wr::AnnotationStore::annotationChanged);
    m_proxy->setRefusing(true);
    m_proxy->dropAll();
    QTRY_VERIFY_WITH_TIMEOUT(alice->client.state() == State::Recovering, kTimeoutMs);
    const QString id = alice->session.putAnnotation(note(u"while recovering"_s, 5));
    m_proxy->setRefusing(false);
    QTRY_VERIFY_WITH_TIMEOUT(bob->session.annotations()->annotation(id).has_value(), kTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(alice->session.stats().pendingLocalOps, 0, kTimeoutMs);
    QCOMPARE(alice->client.stats().recoveries, quint64(1));
    QCOMPARE(alice->client.stats().reconnects, quint64(0));
    QCOMPARE(changed.size(), 1);
}

void TestSessionRelay::forgedOpsOnThePresenceGroupAreRejected()
{
    auto bob = join(u"bob"_s);
    QVERIFY(bob);
    // Mallory may send to the presence group only, and tries to smuggle an op through it.
    auto mallory = join(u"mallory"_s);
    QVERIFY(mallory);
    s::Annotation forged = note(u"forged"_s, 1);
    forged.id = u"forged"_s;
    forged.clock = *s::HlcTimestamp::parse(u"1:0:mallory"_s);
    const QJsonObject op = s::encode(s::AnnotationOp { s::AnnotationOp::Kind::Put, forged });
    QVERIFY(mallory->client.sendToGroupFireAndForget(u"team.presence"_s, op));
    QVERIFY(mallory->client.sendToGroupFireAndForget(u"team.presence"_s, u"plain text"_s,
                                                     wr::wps::DataType::Text));
    QTRY_COMPARE_WITH_TIMEOUT(bob->session.stats().wrongGroup, quint64(1), kTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(bob->session.stats().malformed, quint64(1), kTimeoutMs);
    QVERIFY(!bob->session.annotations()->annotation(u"forged"_s));
}

void TestSessionRelay::keeperSnapshotArrivesAsServerMessage()
{
    SessionOptions relayMode;
    auto bob = join(u"bob"_s, nullptr, fastOptions(), relayMode);
    QVERIFY(bob);
    s::Annotation kept = note(u"persisted"_s, 7);
    kept.id = u"kept-1"_s;
    kept.clock = *s::HlcTimestamp::parse(u"5:0:keeper"_s);
    kept.author = u"alice"_s;
    const auto data = wr::wps::EncodedData::forServer(wr::wps::DataType::Json,
                                                      s::encode(s::Snapshot { { kept } }));
    QCOMPARE(m_relay->hub()->sendToConnection(u"watchroom"_s, bob->client.connectionId(), data), 1);
    QTRY_VERIFY_WITH_TIMEOUT(bob->session.annotations()->annotation(u"kept-1"_s).has_value(),
                             kTimeoutMs);
    QCOMPARE(bob->session.annotations()->annotation(u"kept-1"_s)->author, u"alice"_s);
}

void TestSessionRelay::negotiateKeeperFlagSelectsRelayMode()
{
    // A negotiate endpoint (an app server) that hands out the relay's URL and says a keeper is
    // active; the session is in Auto mode.
    const auto cs = wr::ConnectionString::parse(m_relay->connectionString());
    wr::ClientAccessOptions access;
    access.userId = u"dana"_s;
    access.roles = s::webPubSubRolesFor(u"annotator"_s, kBoard);
    const QUrl clientUrl = wr::clientAccessFor(*cs, u"watchroom"_s, access).url;
    QTcpServer negotiate;
    QVERIFY(negotiate.listen(QHostAddress::LocalHost, 0));
    connect(&negotiate, &QTcpServer::newConnection, this, [&] {
        QTcpSocket *socket = negotiate.nextPendingConnection();
        connect(socket, &QTcpSocket::readyRead, socket, [socket, clientUrl] {
            if (!socket->readAll().contains("\r\n\r\n"))
                return;
            const QByteArray body = QJsonDocument(QJsonObject {
                                                      { u"url"_s, clientUrl.toString() },
                                                      { u"keeper"_s, true },
                                                  })
                                        .toJson(QJsonDocument::Compact);
            socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                          + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n"
                          + body);
            socket->disconnectFromHost();
        });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    });

    HubClient client(fastOptions());
    SessionOptions options;
    options.board = kBoard;
    Session session(options);
    SessionBinding binding(&session, &client);
    QCOMPARE(session.effectiveMode(), SessionMode::Cloud); // nothing known yet
    QSignalSpy negotiated(&binding, &SessionBinding::negotiated);
    wr::NegotiateRequest request;
    request.input = u"http://127.0.0.1:%1/negotiate"_s.arg(negotiate.serverPort());
    QVERIFY(binding.start(request));
    QTRY_VERIFY_WITH_TIMEOUT(session.isUp(), kTimeoutMs);
    QCOMPARE(binding.keeperAdvertised(), std::optional<bool>(true));
    QCOMPARE(negotiated.size(), 1);
    QCOMPARE(negotiated.first().first().value<wr::NegotiateResult>().response.value("keeper"_L1),
             QJsonValue(true));
    QCOMPARE(session.effectiveMode(), SessionMode::Relay);
    QCOMPARE(session.userId(), u"dana"_s);
    binding.stop();
}

QTEST_GUILESS_MAIN(TestSessionRelay)
#include "tst_sessionrelay.moc"
