// Integration tests of wr::HubClient against the in-process relay, through a fault-injecting
// TCP proxy (drops, refusals, stalls, delay, frames cut in half), plus a scripted fake service
// for wire details the relay never provokes (sequence jumps, failed acks, silence).
// Loopback only, ephemeral ports, short injected timings.
#include "accessurl.h"
#include "connectionstring.h"
#include "faultproxy.h"
#include "hub.h"
#include "hubclient.h"
#include "relay.h"
#include "webpubsub.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTcpServer>
#include <QTest>
#include <QUrlQuery>
#include <QWebSocket>
#include <QWebSocketServer>

#include <memory>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using wr::HubClient;
using wr::HubClientOptions;
using wr::NegotiateResult;
using State = wr::HubClient::State;
using wr::wps::DataType;

namespace {

constexpr int kTimeoutMs = 10000;
const QString kHub = u"watchroom"_s;
const QString kRoom = u"room"_s;
const QStringList kAllRoles { u"webpubsub.joinLeaveGroup"_s, u"webpubsub.sendToGroup"_s };

// Test timings: everything a hundred times faster, nothing so short that a loaded machine
// trips over it.
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

// A HubClient and everything it reported.
class Peer : public QObject
{
public:
    explicit Peer(const HubClientOptions &options = fastOptions())
        : client(options)
    {
        connect(&client, &HubClient::groupMessage, this,
                [this](const QString &, const QString &from, DataType, const QJsonValue &data) {
                    texts.append(data.toString());
                    senders.append(from);
                });
        connect(&client, &HubClient::sendAcked, this, [this](quint64 id) { acked.append(id); });
        connect(&client, &HubClient::sendFailed, this,
                [this](quint64 id, const QString &name, const QString &) {
                    failed.append({ id, name });
                });
        connect(&client, &HubClient::stateChanged, this, [this](State s) { states.append(s); });
        connect(&client, &HubClient::connected, this,
                [this](const QString &id, const QString &) { connectionIds.append(id); });
        connect(&client, &HubClient::reconnectScheduled, this, [this](int) { ++backoffs; });
    }

    qsizetype count(const QString &text) const { return texts.count(text); }
    QList<quint64> failedIds(const QString &name) const
    {
        QList<quint64> out;
        for (const auto &[id, n] : failed) {
            if (n == name)
                out.append(id);
        }
        return out;
    }

    HubClient client;
    QStringList texts;
    QStringList senders;
    QList<quint64> acked;
    QList<QPair<quint64, QString>> failed;
    QList<State> states;
    QStringList connectionIds;
    int backoffs = 0;
    int urlRequests = 0;
};

QStringList numbered(const QString &prefix, int from, int to)
{
    QStringList out;
    for (int i = from; i <= to; ++i)
        out.append(u"%1-%2"_s.arg(prefix).arg(i));
    return out;
}

// The messages of `texts` that start with one of `prefixes`, in order.
QStringList only(const QStringList &texts, const QStringList &prefixes)
{
    QStringList out;
    for (const QString &t : texts) {
        for (const QString &p : prefixes) {
            if (t.startsWith(p)) {
                out.append(t);
                break;
            }
        }
    }
    return out;
}

// A scripted Web PubSub service: sends `connected`, records every client frame and lets the
// test answer them.
class ScriptedService : public QObject
{
public:
    ScriptedService()
        : server(u"scripted"_s, QWebSocketServer::NonSecureMode)
    {
        server.setSupportedSubprotocols({ QString(wr::wps::kJsonReliableProtocol) });
        connect(&server, &QWebSocketServer::newConnection, this, [this] {
            QWebSocket *s = server.nextPendingConnection();
            s->setParent(this);
            socket = s;
            connect(s, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
                const QJsonObject frame = QJsonDocument::fromJson(text.toUtf8()).object();
                received.append(frame);
                if (onFrame)
                    onFrame(frame);
            });
            send({ { u"type"_s, u"system"_s },
                   { u"event"_s, u"connected"_s },
                   { u"connectionId"_s, u"scripted-1"_s },
                   { u"userId"_s, u"u1"_s },
                   { u"reconnectionToken"_s, u"tok"_s } });
        });
    }

    bool listen() { return server.listen(QHostAddress::LocalHost, 0); }
    QUrl url() const
    {
        return QUrl(u"ws://127.0.0.1:%1/client/hubs/h?access_token=x"_s.arg(server.serverPort()));
    }
    void send(const QJsonObject &frame)
    {
        socket->sendTextMessage(
            QString::fromUtf8(QJsonDocument(frame).toJson(QJsonDocument::Compact)));
    }
    void sendGroupMessage(quint64 sequenceId, const QString &text)
    {
        send({ { u"type"_s, u"message"_s },
               { u"from"_s, u"group"_s },
               { u"group"_s, kRoom },
               { u"dataType"_s, u"text"_s },
               { u"data"_s, text },
               { u"sequenceId"_s, double(sequenceId) } });
    }
    QList<QJsonObject> framesOfType(const QString &type) const
    {
        QList<QJsonObject> out;
        for (const QJsonObject &f : received) {
            if (f.value("type"_L1).toString() == type)
                out.append(f);
        }
        return out;
    }

    QWebSocketServer server;
    QPointer<QWebSocket> socket;
    QList<QJsonObject> received;
    std::function<void(const QJsonObject &)> onFrame;
};

} // namespace

class TestHubClient : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void backoffBoundsGrowAndCap_data();
    void backoffBoundsGrowAndCap();
    void recoveryUrlKeepsTheTokenAndEncodes();

    void joinSendAndReceive();
    void serverMessagesArrive();
    void sequenceAcksReleaseTheRelayBuffer();
    void recoveryLosesAndDuplicatesNothing();
    void frameCutInHalfIsRecovered();
    void resetWhileTheRelayWritesIsRecovered();
    void stalledConnectionIsDetectedByLiveness();
    void close1008StartsANewConnectionAndRejoins();
    void recoveryWindowOverStartsANewConnection();
    void ackedSendsDuringAnOutageAreDeliveredOnce();
    void lostAckIsResolvedAsDuplicate();
    void forbiddenIsNotRetried();
    void fireAndForgetIsDroppedWhileDisconnected();
    void outboxIsBounded();
    void stopClosesCleanlySoTheSessionEnds();
    void stopDuringRecoveryEndsInStopped();
    void stopRacingABackoffEndsInStopped();
    void stopWhileNegotiatingEndsInStopped();
    void statsMeasureRoundTripAndRates();
    void nonReliableProtocolReconnectsAndRejoins();
    void givesUpAfterMaxAttemptsThenReconnectsOnRequest();
    void rejectedFixedTokenGoesOffline();
    void negotiatesThroughTheProxy();
    void invalidInputGoesOffline();
    void wssTrustsOnlyTheConfiguredCertificate();

    void largeSequenceJumpIsAckedAtOnce();
    void backlogOfReceivedMessagesIsAckedAtOnce();
    void duplicateSequenceIdsAreDropped();
    void failedAckIsRetriedWithTheSameAckId();
    void missingAckIsResentWithTheSameAckId();

private:
    QUrl clientUrl(const QString &user, const QStringList &roles = kAllRoles) const;
    HubClient::UrlProvider provider(Peer &peer, const QUrl &url) const;
    // A peer connected straight to the relay (or through `proxy`), joined to kRoom.
    std::unique_ptr<Peer> connectedPeer(const QString &user, FaultProxy *proxy = nullptr,
                                        const HubClientOptions &options = fastOptions(),
                                        bool join = true);
    QString currentId(const Peer &peer) const { return peer.client.connectionId(); }
    // Ends a session through the relay's hub API: `disconnected`, then close 1008.
    bool closeOnRelay(const QString &connectionId, const QString &reason);

    std::unique_ptr<wr::Relay> m_relay;
    std::unique_ptr<FaultProxy> m_proxy;
    QList<QPointer<QWebSocket>> m_closedByRelay;
};

void TestHubClient::init()
{
    wr::RelayConfig config;
    config.listenAddress = QHostAddress::LocalHost;
    config.port = 0;
    config.accessKeys = { u"hubclient-test-key-0123456789abcdef"_s };
    config.dataDir.clear();
    m_relay = std::make_unique<wr::Relay>(config);
    QString error;
    QVERIFY2(m_relay->start(&error), qPrintable(error));
    m_proxy = std::make_unique<FaultProxy>(QHostAddress::LocalHost, m_relay->port());
    QVERIFY(m_proxy->listen());
}

void TestHubClient::cleanup()
{
    // The relay keeps a socket it closed for up to 2 s, unparented (ClientConnection::end()
    // hooks deleteLater to a disconnected() that close() may already have emitted); destroyed
    // before then, the relay leaks it and LeakSanitizer fails the asan preset.
    for (const QPointer<QWebSocket> &socket : std::as_const(m_closedByRelay))
        QTRY_VERIFY_WITH_TIMEOUT(socket.isNull(), kTimeoutMs);
    m_closedByRelay.clear();
    m_proxy.reset();
    m_relay.reset();
}

bool TestHubClient::closeOnRelay(const QString &connectionId, const QString &reason)
{
    wr::ClientConnection *connection = m_relay->hub()->connection(kHub, connectionId);
    if (!connection)
        return false;
    m_closedByRelay.append(connection->socket());
    return m_relay->hub()->closeConnection(kHub, connectionId, reason);
}

QUrl TestHubClient::clientUrl(const QString &user, const QStringList &roles) const
{
    const auto cs = wr::ConnectionString::parse(m_relay->connectionString());
    wr::ClientAccessOptions options;
    options.userId = user;
    options.roles = roles;
    return wr::clientAccessFor(*cs, kHub, options).url;
}

HubClient::UrlProvider TestHubClient::provider(Peer &peer, const QUrl &url) const
{
    QPointer<Peer> p(&peer);
    return [p, url](const HubClient::UrlCallback &done) {
        if (p)
            ++p->urlRequests;
        done(NegotiateResult::success(url));
    };
}

std::unique_ptr<Peer> TestHubClient::connectedPeer(const QString &user, FaultProxy *proxy,
                                                   const HubClientOptions &options, bool join)
{
    auto peer = std::make_unique<Peer>(options);
    const QUrl url = proxy ? proxy->throughProxy(clientUrl(user)) : clientUrl(user);
    peer->client.start(provider(*peer, url));
    if (!QTest::qWaitFor([&] { return peer->client.state() == State::Connected; }, kTimeoutMs))
        return nullptr;
    if (join) {
        const quint64 id = peer->client.joinGroup(kRoom);
        if (!QTest::qWaitFor([&] { return peer->acked.contains(id); }, kTimeoutMs))
            return nullptr;
    }
    return peer;
}

// ---- pure functions -------------------------------------------------------------------------

void TestHubClient::backoffBoundsGrowAndCap_data()
{
    QTest::addColumn<int>("attempt");
    QTest::addColumn<int>("boundMs");
    QTest::addRow("first") << 0 << 1000;
    QTest::addRow("second") << 1 << 2000;
    QTest::addRow("fifth") << 4 << 16000;
    QTest::addRow("capped") << 5 << 30000;
    QTest::addRow("far") << 1000 << 30000;
}

void TestHubClient::backoffBoundsGrowAndCap()
{
    QFETCH(int, attempt);
    QFETCH(int, boundMs);
    QCOMPARE(HubClient::backoffBound(attempt, 1s, 30s).count(), boundMs);
}

void TestHubClient::recoveryUrlKeepsTheTokenAndEncodes()
{
    const QUrl base(u"wss://h/client/hubs/x?access_token=a.b.c&awps_connection_id=old"_s);
    const QUrl url = HubClient::recoveryUrl(base, u"conn/1"_s, u"t+o/k=n"_s);
    const QString query = url.query(QUrl::FullyEncoded);
    QCOMPARE(
        query,
        u"access_token=a.b.c&awps_connection_id=conn%2F1&awps_reconnection_token=t%2Bo%2Fk%3Dn"_s);
}

// ---- against the relay ----------------------------------------------------------------------

void TestHubClient::joinSendAndReceive()
{
    auto alice = connectedPeer(u"alice"_s);
    auto bob = connectedPeer(u"bob"_s);
    QVERIFY(alice && bob);
    QCOMPARE(alice->states, (QList<State> { State::Connecting, State::Connected }));
    QCOMPARE(alice->connectionIds.size(), 1);
    QCOMPARE(alice->client.userId(), u"alice"_s);
    QVERIFY(alice->client.isReliable());

    const quint64 id = bob->client.sendToGroup(kRoom, u"hello"_s, DataType::Text);
    QVERIFY(bob->client.sendToGroupFireAndForget(kRoom, u"quick"_s, DataType::Text));
    QTRY_VERIFY_WITH_TIMEOUT(bob->acked.contains(id), kTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(alice->texts, (QStringList { u"hello"_s, u"quick"_s }), kTimeoutMs);
    QCOMPARE(alice->senders, (QStringList { u"bob"_s, u"bob"_s }));
    // The sender gets its own copies too (noEcho false).
    QTRY_COMPARE_WITH_TIMEOUT(bob->texts.size(), 2, kTimeoutMs);

    const quint64 left = alice->client.leaveGroup(kRoom);
    QTRY_VERIFY_WITH_TIMEOUT(alice->acked.contains(left), kTimeoutMs);
    QVERIFY(!alice->client.joinedGroups().contains(kRoom));
    const quint64 noEcho = bob->client.sendToGroup(kRoom, u"second"_s, DataType::Text, true);
    QTRY_VERIFY_WITH_TIMEOUT(bob->acked.contains(noEcho), kTimeoutMs);
    const quint64 marker = bob->client.joinGroup(u"other"_s);
    QTRY_VERIFY_WITH_TIMEOUT(bob->acked.contains(marker), kTimeoutMs);
    QCOMPARE(alice->count(u"second"_s), 0);
    QCOMPARE(bob->count(u"second"_s), 0);
    // ackIds are unique per client.
    QCOMPARE(QSet<quint64>(bob->acked.cbegin(), bob->acked.cend()).size(), bob->acked.size());
}

void TestHubClient::serverMessagesArrive()
{
    auto peer = connectedPeer(u"target"_s, nullptr, fastOptions(), false);
    QVERIFY(peer);
    QList<QPair<DataType, QJsonValue>> received;
    connect(&peer->client, &HubClient::serverMessage, this,
            [&](DataType type, const QJsonValue &data) {
                received.append({ type, data });
            });
    const auto data
        = wr::wps::EncodedData::forServer(DataType::Json, QJsonObject { { u"a"_s, 1 } });
    QCOMPARE(m_relay->hub()->sendToConnection(kHub, currentId(*peer), data), 1);
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 1, kTimeoutMs);
    QVERIFY(received.first().first == DataType::Json);
    QCOMPARE(received.first().second, QJsonValue(QJsonObject { { u"a"_s, 1 } }));
    QCOMPARE(peer->client.stats().messagesIn, quint64(1));
}

void TestHubClient::sequenceAcksReleaseTheRelayBuffer()
{
    auto receiver = connectedPeer(u"receiver"_s);
    auto sender = connectedPeer(u"sender"_s, nullptr, fastOptions(), false);
    QVERIFY(receiver && sender);
    for (const QString &text : numbered(u"m"_s, 1, 50))
        sender->client.sendToGroup(kRoom, text, DataType::Text);
    QTRY_COMPARE_WITH_TIMEOUT(receiver->texts.size(), 50, kTimeoutMs);
    QCOMPARE(receiver->client.stats().lastSequenceId, quint64(50));
    // Only sequenceAck frames free the relay's replay buffer.
    QTRY_COMPARE_WITH_TIMEOUT(m_relay->hub()->gauges().bufferedMessages, 0, kTimeoutMs);
}

void TestHubClient::recoveryLosesAndDuplicatesNothing()
{
    HubClientOptions options = fastOptions();
    options.sequenceAckInterval = 60s; // nothing acked before the drop: all of it is replayed
    auto receiver = connectedPeer(u"receiver"_s, m_proxy.get(), options);
    auto sender = connectedPeer(u"sender"_s, nullptr, fastOptions(), false);
    QVERIFY(receiver && sender);
    const QString id = currentId(*receiver);

    QList<quint64> ids;
    for (const QString &text : numbered(u"before"_s, 1, 5))
        ids.append(sender->client.sendToGroup(kRoom, text, DataType::Text));
    QTRY_COMPARE_WITH_TIMEOUT(receiver->texts.size(), 5, kTimeoutMs);

    m_proxy->setRefusing(true);
    m_proxy->dropAll();
    QTRY_COMPARE_WITH_TIMEOUT(receiver->client.state(), State::Recovering, kTimeoutMs);
    for (int i = 1; i <= 20; ++i) {
        ids.append(sender->client.sendToGroup(kRoom, u"during-%1"_s.arg(i), DataType::Text));
        if (i % 4 == 0)
            QVERIFY(
                sender->client.sendToGroupFireAndForget(kRoom, u"ff-%1"_s.arg(i), DataType::Text));
    }
    QTRY_COMPARE_WITH_TIMEOUT(sender->acked, ids, kTimeoutMs);
    QVERIFY(m_proxy->refusedTotal() >= 1); // recovery attempts were refused meanwhile
    m_proxy->setRefusing(false);

    QTRY_COMPARE_WITH_TIMEOUT(receiver->client.state(), State::Connected, kTimeoutMs);
    for (const QString &text : numbered(u"after"_s, 1, 5))
        sender->client.sendToGroup(kRoom, text, DataType::Text);

    const QStringList expected
        = numbered(u"before"_s, 1, 5) + numbered(u"during"_s, 1, 20) + numbered(u"after"_s, 1, 5);
    QTRY_COMPARE_WITH_TIMEOUT(only(receiver->texts, { u"before"_s, u"during"_s, u"after"_s }),
                              expected, kTimeoutMs);
    // Fire-and-forget is at most once: whatever arrived, arrived once.
    const QStringList ff = only(receiver->texts, { u"ff-"_s });
    QCOMPARE(QSet<QString>(ff.cbegin(), ff.cend()).size(), ff.size());

    QCOMPARE(receiver->client.connectionId(), id);
    QCOMPARE(receiver->connectionIds.size(), 1); // connected() only for new connections
    QCOMPARE(receiver->states,
             (QList<State> { State::Connecting, State::Connected, State::Recovering,
                             State::Connected }));
    QCOMPARE(receiver->client.stats().recoveries, quint64(1));
    QCOMPARE(receiver->client.stats().duplicatesDropped, quint64(5)); // "before", replayed
    QCOMPARE(receiver->urlRequests, 1); // recovery reuses the URL
    QVERIFY(receiver->client.joinedGroups().contains(kRoom));
}

void TestHubClient::frameCutInHalfIsRecovered()
{
    auto receiver = connectedPeer(u"receiver"_s, m_proxy.get());
    auto sender = connectedPeer(u"sender"_s, nullptr, fastOptions(), false);
    QVERIFY(receiver && sender);
    const QString id = currentId(*receiver);

    const QString big = u"cut-me-"_s + QString(4000, u'z');
    m_proxy->cutNextFrame("cut-me-");
    sender->client.sendToGroup(kRoom, big, DataType::Text);
    QTRY_COMPARE_WITH_TIMEOUT(m_proxy->cutsDone(), 1, kTimeoutMs);
    sender->client.sendToGroup(kRoom, u"after-cut"_s, DataType::Text);

    QTRY_COMPARE_WITH_TIMEOUT(receiver->texts, (QStringList { big, u"after-cut"_s }), kTimeoutMs);
    QCOMPARE(receiver->client.connectionId(), id);
    QVERIFY(receiver->states.contains(State::Recovering));
    QCOMPARE(receiver->client.state(), State::Connected);
    QCOMPARE(receiver->client.lastCloseCode(), 1006);
}

void TestHubClient::resetWhileTheRelayWritesIsRecovered()
{
    // The relay is writing to a connection that the network resets (RST): its write fails and
    // Qt aborts the socket. That is a lost connection, not a client closing its session, so the
    // session must stay recoverable (it once ended, and the client started over).
    auto receiver = connectedPeer(u"receiver"_s, m_proxy.get());
    auto sender = connectedPeer(u"sender"_s, nullptr, fastOptions(), false);
    QVERIFY(receiver && sender);
    const QString id = currentId(*receiver);
    const wr::ClientConnection *onRelay = m_relay->hub()->connection(kHub, id);
    QVERIFY(onRelay);

    m_proxy->stopReadingFromServer();
    // The kernel takes up to a few MiB (the relay's send buffer grows to tcp_wmem's maximum)
    // before the relay has to hold bytes itself; 600 x 16 kB stays inside its replay buffer.
    const QString filler(16000, u'x');
    QStringList sent;
    for (int i = 1; i <= 600 && onRelay->pendingSendBytes() < 64 * 1024; ++i) {
        sent.append(u"m%1 "_s.arg(i) + filler);
        sender->client.sendToGroup(kRoom, sent.last(), DataType::Text);
        // The relay's writes back up only once the kernel's buffers are full.
        QTRY_VERIFY_WITH_TIMEOUT(m_relay->hub()->gauges().bufferedMessages >= i, kTimeoutMs);
    }
    QVERIFY2(onRelay->pendingSendBytes() >= 64 * 1024, "the relay never had to wait to write");
    m_proxy->dropAll(); // unread bytes: the relay's side is reset

    QTRY_COMPARE_WITH_TIMEOUT(receiver->texts, sent, kTimeoutMs);
    QCOMPARE(receiver->client.connectionId(), id);
    QCOMPARE(receiver->client.stats().recoveries, quint64(1));
    QCOMPARE(receiver->connectionIds.size(), 1);
}

void TestHubClient::stalledConnectionIsDetectedByLiveness()
{
    HubClientOptions options = fastOptions();
    options.pingInterval = 100ms;
    options.livenessTimeout = 600ms;
    auto receiver = connectedPeer(u"receiver"_s, m_proxy.get(), options);
    auto sender = connectedPeer(u"sender"_s, nullptr, fastOptions(), false);
    QVERIFY(receiver && sender);
    const QString id = currentId(*receiver);

    m_proxy->stallExisting(FaultProxy::Direction::Both);
    sender->client.sendToGroup(kRoom, u"during-stall"_s, DataType::Text);
    // Nothing reports an error on a stalled connection; only silence gives it away.
    QTRY_VERIFY_WITH_TIMEOUT(receiver->states.contains(State::Recovering), kTimeoutMs);
    QVERIFY2(receiver->client.lastError().contains("no data"_L1),
             qPrintable(receiver->client.lastError()));
    QCOMPARE(receiver->client.lastCloseCode(), 1006);
    QTRY_COMPARE_WITH_TIMEOUT(receiver->client.state(), State::Connected, kTimeoutMs);
    QCOMPARE(receiver->client.connectionId(), id);
    QTRY_COMPARE_WITH_TIMEOUT(receiver->texts, QStringList { u"during-stall"_s }, kTimeoutMs);
    QCOMPARE(receiver->connectionIds.size(), 1);
}

void TestHubClient::close1008StartsANewConnectionAndRejoins()
{
    auto receiver = connectedPeer(u"receiver"_s, m_proxy.get());
    auto sender = connectedPeer(u"sender"_s, nullptr, fastOptions(), false);
    QVERIFY(receiver && sender);
    const quint64 joined = receiver->client.joinGroup(u"second"_s);
    QTRY_VERIFY_WITH_TIMEOUT(receiver->acked.contains(joined), kTimeoutMs);
    const QString oldId = currentId(*receiver);

    QVERIFY(closeOnRelay(oldId, u"kicked by the test"_s));
    QTRY_COMPARE_WITH_TIMEOUT(receiver->connectionIds.size(), 2, kTimeoutMs);
    const QString newId = receiver->connectionIds.last();
    QVERIFY(newId != oldId);
    QCOMPARE(receiver->client.connectionId(), newId);
    QCOMPARE(receiver->client.lastCloseCode(), 1008);
    QVERIFY(receiver->client.lastCloseReason().contains("kicked"_L1));
    QVERIFY(receiver->states.contains(State::Reconnecting));
    QVERIFY(!receiver->states.contains(State::Recovering)); // 1008 means the session is gone
    QCOMPARE(receiver->urlRequests, 2); // a new URL for a new connection
    QCOMPARE(receiver->client.stats().reconnects, quint64(1));

    // Groups joined through this client are joined again on the new connection.
    const auto isMember = [&](const QString &group) {
        const auto members = m_relay->hub()->groupMembers(kHub, group);
        return std::any_of(members.cbegin(), members.cend(),
                           [&](const auto *c) { return c->id() == newId; });
    };
    QTRY_VERIFY_WITH_TIMEOUT(isMember(kRoom) && isMember(u"second"_s), kTimeoutMs);
    sender->client.sendToGroup(kRoom, u"after-rejoin"_s, DataType::Text);
    sender->client.sendToGroup(u"second"_s, u"after-rejoin-2"_s, DataType::Text);
    QTRY_COMPARE_WITH_TIMEOUT(receiver->texts,
                              (QStringList { u"after-rejoin"_s, u"after-rejoin-2"_s }), kTimeoutMs);
}

void TestHubClient::recoveryWindowOverStartsANewConnection()
{
    HubClientOptions options = fastOptions();
    options.recoveryWindow = 400ms;
    auto receiver = connectedPeer(u"receiver"_s, m_proxy.get(), options);
    QVERIFY(receiver);
    const QString oldId = currentId(*receiver);

    m_proxy->setRefusing(true);
    m_proxy->dropAll();
    QTRY_VERIFY_WITH_TIMEOUT(receiver->states.contains(State::Reconnecting), kTimeoutMs);
    QVERIFY2(receiver->client.lastError().contains("recover"_L1)
                 || receiver->states.contains(State::Reconnecting),
             qPrintable(receiver->client.lastError()));
    QVERIFY(m_proxy->refusedTotal() >= 3); // several recovery attempts, every 50 ms
    m_proxy->setRefusing(false);

    QTRY_COMPARE_WITH_TIMEOUT(receiver->connectionIds.size(), 2, kTimeoutMs);
    QVERIFY(receiver->client.connectionId() != oldId);
    QCOMPARE(receiver->urlRequests >= 2, true);
    const QList<State> prefix = receiver->states.mid(0, 4);
    QCOMPARE(prefix,
             (QList<State> { State::Connecting, State::Connected, State::Recovering,
                             State::Reconnecting }));
    QCOMPARE(receiver->states.last(), State::Connected);
}

void TestHubClient::ackedSendsDuringAnOutageAreDeliveredOnce()
{
    auto receiver = connectedPeer(u"receiver"_s);
    auto sender = connectedPeer(u"sender"_s, m_proxy.get(), fastOptions(), false);
    QVERIFY(receiver && sender);

    m_proxy->setRefusing(true);
    QVERIFY(closeOnRelay(currentId(*sender), u"outage"_s));
    QTRY_COMPARE_WITH_TIMEOUT(sender->client.state(), State::Reconnecting, kTimeoutMs);
    QList<quint64> ids;
    for (const QString &text : numbered(u"outage"_s, 1, 10))
        ids.append(sender->client.sendToGroup(kRoom, text, DataType::Text));
    QCOMPARE(sender->client.stats().outboxSize, 10);
    QTRY_VERIFY_WITH_TIMEOUT(sender->backoffs >= 2, kTimeoutMs); // attempts keep failing
    m_proxy->setRefusing(false);

    QTRY_COMPARE_WITH_TIMEOUT(sender->acked, ids, kTimeoutMs); // the ackIds handed out above
    QTRY_COMPARE_WITH_TIMEOUT(receiver->texts, numbered(u"outage"_s, 1, 10), kTimeoutMs);
    QCOMPARE(sender->failed.size(), 0);
    QCOMPARE(sender->connectionIds.size(), 2);
    QCOMPARE(sender->client.stats().outboxSize, 0);
    QCOMPARE(sender->client.stats().messagesOut, quint64(10)); // not counted again on resend
}

void TestHubClient::lostAckIsResolvedAsDuplicate()
{
    auto receiver = connectedPeer(u"receiver"_s);
    auto sender = connectedPeer(u"sender"_s, m_proxy.get(), fastOptions(), false);
    QVERIFY(receiver && sender);
    const QString id = currentId(*sender);

    // The relay runs the send, but its ack never reaches the sender.
    m_proxy->stallExisting(FaultProxy::Direction::Downstream);
    const quint64 ackId = sender->client.sendToGroup(kRoom, u"only-once"_s, DataType::Text);
    QTRY_COMPARE_WITH_TIMEOUT(receiver->texts, QStringList { u"only-once"_s }, kTimeoutMs);
    QVERIFY(sender->acked.isEmpty());

    m_proxy->dropAll(); // recovery resends ackId; the relay answers Duplicate
    QTRY_COMPARE_WITH_TIMEOUT(sender->acked, QList<quint64> { ackId }, kTimeoutMs);
    QCOMPARE(sender->client.stats().duplicateAcks, quint64(1));
    QCOMPARE(sender->client.connectionId(), id);
    QCOMPARE(sender->failed.size(), 0);

    const quint64 marker = sender->client.sendToGroup(kRoom, u"marker"_s, DataType::Text);
    QTRY_VERIFY_WITH_TIMEOUT(sender->acked.contains(marker), kTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(receiver->texts, (QStringList { u"only-once"_s, u"marker"_s }),
                              kTimeoutMs);
}

void TestHubClient::forbiddenIsNotRetried()
{
    Peer peer;
    peer.client.start(provider(peer, clientUrl(u"viewer"_s, { u"webpubsub.joinLeaveGroup"_s })));
    QTRY_COMPARE_WITH_TIMEOUT(peer.client.state(), State::Connected, kTimeoutMs);
    const quint64 id = peer.client.sendToGroup(kRoom, u"nope"_s, DataType::Text);
    QTRY_COMPARE_WITH_TIMEOUT(peer.failedIds(u"Forbidden"_s), QList<quint64> { id }, kTimeoutMs);

    // Well past several retry delays, the relay still saw exactly one attempt.
    QSignalSpy failures(&peer.client, &HubClient::sendFailed);
    QVERIFY(!failures.wait(400));
    const quint64 marker = peer.client.joinGroup(kRoom);
    QTRY_VERIFY_WITH_TIMEOUT(peer.acked.contains(marker), kTimeoutMs);
    QCOMPARE(m_relay->metrics().failedAcks.value(u"Forbidden"_s), quint64(1));
    QCOMPARE(peer.client.stats().outboxSize, 0);
}

void TestHubClient::fireAndForgetIsDroppedWhileDisconnected()
{
    Peer idle;
    QVERIFY(!idle.client.sendToGroupFireAndForget(kRoom, u"never"_s, DataType::Text));
    QCOMPARE(idle.client.stats().droppedWhileDisconnected, quint64(1));

    auto receiver = connectedPeer(u"receiver"_s);
    auto sender = connectedPeer(u"sender"_s, m_proxy.get(), fastOptions(), false);
    QVERIFY(receiver && sender);
    QVERIFY(sender->client.sendToGroupFireAndForget(kRoom, u"live"_s, DataType::Text));
    QTRY_COMPARE_WITH_TIMEOUT(receiver->texts, QStringList { u"live"_s }, kTimeoutMs);

    m_proxy->setRefusing(true);
    m_proxy->dropAll();
    QTRY_COMPARE_WITH_TIMEOUT(sender->client.state(), State::Recovering, kTimeoutMs);
    QVERIFY(!sender->client.sendToGroupFireAndForget(kRoom, u"offline"_s, DataType::Text));
    QCOMPARE(sender->client.stats().droppedWhileDisconnected, quint64(1));
    const quint64 marker = sender->client.sendToGroup(kRoom, u"marker"_s, DataType::Text);
    m_proxy->setRefusing(false);

    QTRY_VERIFY_WITH_TIMEOUT(sender->acked.contains(marker), kTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(receiver->texts, (QStringList { u"live"_s, u"marker"_s }),
                              kTimeoutMs);
}

void TestHubClient::outboxIsBounded()
{
    HubClientOptions options = fastOptions();
    options.outboxLimit = 5;
    Peer peer(options);
    QList<quint64> ids;
    for (const QString &text : numbered(u"q"_s, 1, 7))
        ids.append(peer.client.sendToGroup(kRoom, text, DataType::Text));
    QCOMPARE(peer.client.stats().outboxSize, 5);
    QTRY_COMPARE_WITH_TIMEOUT(peer.failedIds(u"OutboxFull"_s), ids.mid(5), kTimeoutMs);

    peer.client.start(provider(peer, clientUrl(u"queued"_s)));
    QTRY_COMPARE_WITH_TIMEOUT(peer.acked, ids.mid(0, 5), kTimeoutMs);
    QCOMPARE(peer.failed.size(), 2);
}

void TestHubClient::stopClosesCleanlySoTheSessionEnds()
{
    auto peer = connectedPeer(u"leaver"_s, m_proxy.get());
    QVERIFY(peer);
    const QString id = currentId(*peer);
    QVERIFY(m_relay->hub()->connectionExists(kHub, id));
    peer->client.stop();
    QCOMPARE(peer->client.state(), State::Stopped);
    QVERIFY(peer->client.connectionId().isEmpty());
    // A close frame, not a drop: the relay ends the session instead of keeping it for a
    // recovery that will never come.
    QTRY_VERIFY_WITH_TIMEOUT(!m_relay->hub()->connectionExists(kHub, id), kTimeoutMs);
    QCOMPARE(m_relay->metrics().recoveries, quint64(0));
}

void TestHubClient::stopDuringRecoveryEndsInStopped()
{
    auto peer = connectedPeer(u"stopper"_s, m_proxy.get());
    QVERIFY(peer);
    m_proxy->setRefusing(true);
    m_proxy->dropAll();
    QTRY_COMPARE_WITH_TIMEOUT(peer->client.state(), State::Recovering, kTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(m_proxy->refusedTotal() >= 2, kTimeoutMs); // retrying meanwhile
    const quint64 pending = peer->client.sendToGroup(kRoom, u"pending"_s, DataType::Text);

    peer->client.stop();
    QCOMPARE(peer->client.state(), State::Stopped); // synchronously
    QCOMPARE(peer->failedIds(u"ClientStopped"_s), QList<quint64> { pending });
    QVERIFY(peer->client.joinedGroups().isEmpty());

    // Nothing scheduled before stop() survives it: no state change, no connection attempt.
    const int attempts = m_proxy->acceptedTotal();
    QSignalSpy states(&peer->client, &HubClient::stateChanged);
    QVERIFY(!states.wait(500));
    QCOMPARE(m_proxy->acceptedTotal(), attempts);

    // And the client can start again.
    m_proxy->setRefusing(false);
    peer->client.start(provider(*peer, m_proxy->throughProxy(clientUrl(u"stopper"_s))));
    QTRY_COMPARE_WITH_TIMEOUT(peer->connectionIds.size(), 2, kTimeoutMs);
}

void TestHubClient::stopRacingABackoffEndsInStopped()
{
    HubClientOptions options = fastOptions();
    options.reconnectBase = 200ms;
    options.reconnectCap = 200ms;
    auto peer = connectedPeer(u"stopper"_s, m_proxy.get(), options);
    QVERIFY(peer);
    m_proxy->setRefusing(true);
    // stop() from inside the signal that announces the wait: the race SDK 1.1.0 hung on.
    connect(&peer->client, &HubClient::reconnectScheduled, &peer->client,
            [&] { peer->client.stop(); });
    QVERIFY(closeOnRelay(currentId(*peer), u"bye"_s));
    QTRY_COMPARE_WITH_TIMEOUT(peer->client.state(), State::Stopped, kTimeoutMs);
    QCOMPARE(peer->backoffs, 1);
    QCOMPARE(peer->states.last(), State::Stopped);

    const int attempts = m_proxy->acceptedTotal();
    QSignalSpy states(&peer->client, &HubClient::stateChanged);
    QVERIFY(!states.wait(500)); // well past the 200 ms backoff
    QCOMPARE(m_proxy->acceptedTotal(), attempts);
    QCOMPARE(peer->client.state(), State::Stopped);
}

void TestHubClient::stopWhileNegotiatingEndsInStopped()
{
    QTcpServer silent; // accepts, never answers
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    HubClientOptions options = fastOptions();
    options.connectTimeout = 300ms;
    Peer peer(options);
    wr::NegotiateRequest request;
    request.input = u"http://127.0.0.1:%1/negotiate"_s.arg(silent.serverPort());
    QVERIFY(peer.client.start(request));
    QTRY_VERIFY_WITH_TIMEOUT(silent.hasPendingConnections(), kTimeoutMs);
    peer.client.stop();
    QCOMPARE(peer.client.state(), State::Stopped);
    QSignalSpy states(&peer.client, &HubClient::stateChanged);
    QVERIFY(!states.wait(800)); // past the negotiate timeout: nothing comes back to life
    QCOMPARE(peer.states, (QList<State> { State::Connecting, State::Stopped }));
}

void TestHubClient::statsMeasureRoundTripAndRates()
{
    m_proxy->setDelay(40ms);
    auto peer = connectedPeer(u"measured"_s, m_proxy.get());
    auto other = connectedPeer(u"other"_s, nullptr, fastOptions(), false);
    QVERIFY(peer && other);
    QSignalSpy changed(&peer->client, &HubClient::statsChanged);
    // Ping → pong crosses the proxy twice.
    QTRY_VERIFY_WITH_TIMEOUT(peer->client.stats().roundTripMs >= 80, kTimeoutMs);
    QVERIFY(peer->client.stats().roundTripMs < 2000);

    // What a status bar bound to statsChanged would show.
    double maxIn = 0;
    double maxOut = 0;
    connect(&peer->client, &HubClient::statsChanged, this, [&] {
        maxIn = std::max(maxIn, peer->client.stats().messagesInPerSecond);
        maxOut = std::max(maxOut, peer->client.stats().messagesOutPerSecond);
    });
    for (const QString &text : numbered(u"in"_s, 1, 20))
        other->client.sendToGroupFireAndForget(kRoom, text, DataType::Text);
    for (const QString &text : numbered(u"out"_s, 1, 10))
        peer->client.sendToGroup(u"elsewhere"_s, text, DataType::Text);
    QTRY_COMPARE_WITH_TIMEOUT(peer->client.stats().messagesIn, quint64(20), kTimeoutMs);
    QCOMPARE(peer->client.stats().messagesOut, quint64(10));
    QTRY_VERIFY_WITH_TIMEOUT(maxIn > 0 && maxOut > 0, kTimeoutMs);
    QVERIFY(changed.size() > 0);
    // Rates fall back to zero when traffic stops.
    QTRY_COMPARE_WITH_TIMEOUT(peer->client.stats().messagesInPerSecond, 0.0, kTimeoutMs);
}

void TestHubClient::nonReliableProtocolReconnectsAndRejoins()
{
    HubClientOptions options = fastOptions();
    options.subprotocol = QString(wr::wps::kJsonProtocol);
    auto peer = connectedPeer(u"plain"_s, m_proxy.get(), options);
    auto sender = connectedPeer(u"sender"_s, nullptr, fastOptions(), false);
    QVERIFY(peer && sender);
    QVERIFY(!peer->client.isReliable());

    m_proxy->dropAll();
    QTRY_COMPARE_WITH_TIMEOUT(peer->connectionIds.size(), 2, kTimeoutMs);
    QVERIFY(!peer->states.contains(State::Recovering)); // nothing to recover without sequence ids
    QVERIFY(peer->states.contains(State::Reconnecting));
    const QString newId = peer->connectionIds.last();
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            const auto members = m_relay->hub()->groupMembers(kHub, kRoom);
            return std::any_of(members.cbegin(), members.cend(),
                               [&](const auto *c) { return c->id() == newId; });
        }(),
        kTimeoutMs);
    sender->client.sendToGroup(kRoom, u"hello-again"_s, DataType::Text);
    QTRY_COMPARE_WITH_TIMEOUT(peer->texts, QStringList { u"hello-again"_s }, kTimeoutMs);
}

void TestHubClient::givesUpAfterMaxAttemptsThenReconnectsOnRequest()
{
    HubClientOptions options = fastOptions();
    options.maxReconnectAttempts = 3;
    Peer peer(options);
    m_proxy->setRefusing(true);
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(u"^offline: .*gave up after 3 attempts"_s));
    peer.client.start(provider(peer, m_proxy->throughProxy(clientUrl(u"late"_s))));
    QTRY_COMPARE_WITH_TIMEOUT(peer.client.state(), State::Offline, kTimeoutMs);
    QCOMPARE(peer.backoffs, 3);
    QCOMPARE(peer.urlRequests, 4); // the first attempt and three retries
    QVERIFY(peer.client.lastError().contains("gave up"_L1));

    m_proxy->setRefusing(false);
    peer.client.reconnectNow();
    QTRY_COMPARE_WITH_TIMEOUT(peer.client.state(), State::Connected, kTimeoutMs);
    QCOMPARE(peer.connectionIds.size(), 1);
}

void TestHubClient::rejectedFixedTokenGoesOffline()
{
    const auto cs = wr::ConnectionString::parse(
        u"Endpoint=http://127.0.0.1;Port=%1;AccessKey=not-the-relay-key-0123456789;"_s.arg(
            m_relay->port()));
    QVERIFY(cs);
    const QUrl forged = wr::clientAccessFor(*cs, kHub, {}).url;
    Peer peer;
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"^offline: .*401"_s));
    QVERIFY(peer.client.start(forged));
    QTRY_COMPARE_WITH_TIMEOUT(peer.client.state(), State::Offline, kTimeoutMs);
    QVERIFY2(peer.client.lastError().contains("401"_L1), qPrintable(peer.client.lastError()));
    QCOMPARE(peer.backoffs, 0); // a fixed token that is refused will be refused again
}

void TestHubClient::negotiatesThroughTheProxy()
{
    Peer peer;
    wr::NegotiateRequest request;
    request.input
        = m_proxy->throughProxy(m_relay->httpUrl().resolved(QUrl(u"negotiate"_s))).toString();
    request.userId = u"negotiated"_s;
    request.role = u"admin"_s;
    QVERIFY(peer.client.start(request));
    QTRY_COMPARE_WITH_TIMEOUT(peer.client.state(), State::Connected, kTimeoutMs);
    QCOMPARE(peer.client.userId(), u"negotiated"_s);
    const quint64 join = peer.client.joinGroup(kRoom);
    QTRY_VERIFY_WITH_TIMEOUT(peer.acked.contains(join), kTimeoutMs);

    // A new connection negotiates again, through the proxy again.
    const int before = m_proxy->acceptedTotal();
    QVERIFY(closeOnRelay(currentId(peer), u"renegotiate"_s));
    QTRY_COMPARE_WITH_TIMEOUT(peer.connectionIds.size(), 2, kTimeoutMs);
    QVERIFY(m_proxy->acceptedTotal() >= before + 1);
    QCOMPARE(peer.client.userId(), u"negotiated"_s);
}

void TestHubClient::invalidInputGoesOffline()
{
    Peer peer;
    wr::NegotiateRequest request;
    request.input = u"not a session"_s;
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"^offline: "_s));
    QVERIFY(peer.client.start(request));
    QTRY_COMPARE_WITH_TIMEOUT(peer.client.state(), State::Offline, kTimeoutMs);
    QVERIFY(peer.client.lastError().contains("negotiate URL"_L1));
    QCOMPARE(peer.backoffs, 0);
}

void TestHubClient::wssTrustsOnlyTheConfiguredCertificate()
{
    if (!QSslSocket::supportsSsl())
        QSKIP("no TLS backend");
    const QString certPath = QFINDTESTDATA("../data/tls/localhost.crt");
    const QString keyPath = QFINDTESTDATA("../data/tls/localhost.key");
    QVERIFY(!certPath.isEmpty() && !keyPath.isEmpty());
    wr::RelayConfig config;
    config.listenAddress = QHostAddress::LocalHost;
    config.port = 0;
    config.accessKeys = { u"hubclient-tls-key-0123456789abcdef"_s };
    config.dataDir.clear();
    config.tlsCertificatePath = certPath;
    config.tlsKeyPath = keyPath;
    wr::Relay relay(config);
    QString error;
    QVERIFY2(relay.start(&error), qPrintable(error));
    const auto cs = wr::ConnectionString::parse(relay.connectionString());
    QVERIFY(cs);
    wr::ClientAccessOptions access;
    access.userId = u"secure"_s;
    const QUrl url = wr::clientAccessFor(*cs, kHub, access).url;
    QCOMPARE(url.scheme(), u"wss"_s);

    Peer untrusting;
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(u"^offline: TLS handshake with 127.0.0.1 failed"_s));
    untrusting.client.start(url);
    QTRY_COMPARE_WITH_TIMEOUT(untrusting.client.state(), State::Offline, kTimeoutMs);
    QVERIFY2(untrusting.client.lastError().contains("TLS"_L1),
             qPrintable(untrusting.client.lastError()));

    QFile certFile(certPath);
    QVERIFY(certFile.open(QIODevice::ReadOnly));
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.addCaCertificates(QSslCertificate::fromData(certFile.readAll()));
    HubClientOptions options = fastOptions();
    options.sslConfiguration = tls;
    Peer trusting(options);
    trusting.client.start(url);
    QTRY_COMPARE_WITH_TIMEOUT(trusting.client.state(), State::Connected, kTimeoutMs);
    QCOMPARE(trusting.client.userId(), u"secure"_s);
}

// ---- against a scripted service -------------------------------------------------------------

void TestHubClient::largeSequenceJumpIsAckedAtOnce()
{
    ScriptedService service;
    QVERIFY(service.listen());
    HubClientOptions options = fastOptions();
    options.sequenceAckInterval = 60s;
    options.sequenceAckBacklog = 100000; // only the jump rule is under test
    Peer peer(options);
    peer.client.start(service.url());
    QTRY_COMPARE_WITH_TIMEOUT(peer.client.state(), State::Connected, kTimeoutMs);

    service.sendGroupMessage(1, u"one"_s);
    service.sendGroupMessage(301, u"jump-300"_s); // a jump of exactly 300: not yet
    QTRY_COMPARE_WITH_TIMEOUT(peer.texts.size(), 2, kTimeoutMs);
    service.sendGroupMessage(602, u"jump-301"_s);
    QTRY_COMPARE_WITH_TIMEOUT(service.framesOfType(u"sequenceAck"_s).size(), 1, kTimeoutMs);
    QCOMPARE(service.framesOfType(u"sequenceAck"_s).first().value("sequenceId"_L1).toInteger(),
             602);
}

void TestHubClient::backlogOfReceivedMessagesIsAckedAtOnce()
{
    ScriptedService service;
    QVERIFY(service.listen());
    HubClientOptions options = fastOptions();
    options.sequenceAckInterval = 60s; // the timer never fires during the test
    options.sequenceAckBacklog = 10;
    Peer peer(options);
    peer.client.start(service.url());
    QTRY_COMPARE_WITH_TIMEOUT(peer.client.state(), State::Connected, kTimeoutMs);

    for (quint64 id = 1; id <= 9; ++id)
        service.sendGroupMessage(id, u"m%1"_s.arg(id));
    QTRY_COMPARE_WITH_TIMEOUT(peer.texts.size(), 9, kTimeoutMs);
    QVERIFY(service.framesOfType(u"sequenceAck"_s).isEmpty()); // 9 < backlog: still waiting
    service.sendGroupMessage(10, u"m10"_s);
    QTRY_COMPARE_WITH_TIMEOUT(service.framesOfType(u"sequenceAck"_s).size(), 1, kTimeoutMs);
    QCOMPARE(service.framesOfType(u"sequenceAck"_s).first().value("sequenceId"_L1).toInteger(),
             10);
}

void TestHubClient::duplicateSequenceIdsAreDropped()
{
    ScriptedService service;
    QVERIFY(service.listen());
    Peer peer;
    peer.client.start(service.url());
    QTRY_COMPARE_WITH_TIMEOUT(peer.client.state(), State::Connected, kTimeoutMs);
    service.sendGroupMessage(1, u"a"_s);
    service.sendGroupMessage(2, u"b"_s);
    service.sendGroupMessage(2, u"b-again"_s);
    service.sendGroupMessage(1, u"a-again"_s);
    service.sendGroupMessage(3, u"c"_s);
    QTRY_COMPARE_WITH_TIMEOUT(peer.texts, (QStringList { u"a"_s, u"b"_s, u"c"_s }), kTimeoutMs);
    QCOMPARE(peer.client.stats().duplicatesDropped, quint64(2));
    QTRY_VERIFY_WITH_TIMEOUT(
        !service.framesOfType(u"sequenceAck"_s).isEmpty()
            && service.framesOfType(u"sequenceAck"_s).last().value("sequenceId"_L1).toInteger()
                == 3,
        kTimeoutMs);
}

void TestHubClient::failedAckIsRetriedWithTheSameAckId()
{
    ScriptedService service;
    QVERIFY(service.listen());
    int sends = 0;
    service.onFrame = [&](const QJsonObject &frame) {
        if (frame.value("type"_L1).toString() != "sendToGroup"_L1)
            return;
        const double ackId = frame.value("ackId"_L1).toDouble();
        QJsonObject ack { { u"type"_s, u"ack"_s }, { u"ackId"_s, ackId }, { u"success"_s, true } };
        if (++sends == 1) {
            ack.insert(u"success"_s, false);
            ack.insert(u"error"_s,
                       QJsonObject { { u"name"_s, u"InternalServerError"_s },
                                     { u"message"_s, u"try again"_s } });
        }
        service.send(ack);
    };
    Peer peer;
    peer.client.start(service.url());
    QTRY_COMPARE_WITH_TIMEOUT(peer.client.state(), State::Connected, kTimeoutMs);
    const quint64 id = peer.client.sendToGroup(kRoom, u"x"_s, DataType::Text);
    QTRY_COMPARE_WITH_TIMEOUT(peer.acked, QList<quint64> { id }, kTimeoutMs);
    const auto frames = service.framesOfType(u"sendToGroup"_s);
    QCOMPARE(frames.size(), 2);
    QCOMPARE(frames[0].value("ackId"_L1).toInteger(), qint64(id));
    QCOMPARE(frames[1].value("ackId"_L1).toInteger(), qint64(id));
    QCOMPARE(peer.failed.size(), 0);
}

void TestHubClient::missingAckIsResentWithTheSameAckId()
{
    ScriptedService service;
    QVERIFY(service.listen());
    int sends = 0;
    service.onFrame = [&](const QJsonObject &frame) {
        if (frame.value("type"_L1).toString() != "joinGroup"_L1 || ++sends == 1)
            return; // the first one is never answered
        service.send(
            { { u"type"_s, u"ack"_s },
              { u"ackId"_s, frame.value("ackId"_L1) },
              { u"success"_s, false },
              { u"error"_s,
                QJsonObject { { u"name"_s, u"Duplicate"_s }, { u"message"_s, u"seen"_s } } } });
    };
    HubClientOptions options = fastOptions();
    options.ackTimeout = 200ms;
    Peer peer(options);
    peer.client.start(service.url());
    QTRY_COMPARE_WITH_TIMEOUT(peer.client.state(), State::Connected, kTimeoutMs);
    const quint64 id = peer.client.joinGroup(kRoom);
    QTRY_COMPARE_WITH_TIMEOUT(peer.acked, QList<quint64> { id }, kTimeoutMs);
    const auto frames = service.framesOfType(u"joinGroup"_s);
    QCOMPARE(frames.size(), 2);
    QCOMPARE(frames[1].value("ackId"_L1).toInteger(), qint64(id));
    QCOMPARE(peer.client.stats().duplicateAcks, quint64(1));
}

QTEST_MAIN(TestHubClient)
#include "tst_hubclient.moc"
