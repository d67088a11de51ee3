// Integration tests of the relay's WebSocket side: an in-process relay on an ephemeral loopback
// port and real QWebSocket clients speaking the Web PubSub JSON protocols.
#include "accessurl.h"
#include "connectionstring.h"
#include "hub.h"
#include "recordingclient.h"
#include "relay.h"
#include "webpubsub.h"

#include <QJsonObject>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QUrlQuery>
#include <QWebSocket>
#include <QWebSocketHandshakeOptions>

#include <memory>

using namespace Qt::StringLiterals;
using namespace wr;

namespace {

const QString kHub = u"Chat_Hub"_s;

// A client that records every frame the relay sends, decoded.
using Client = wrtest::RecordingClient;

} // namespace

class TestRelay : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void connectedComesFirst_data();
    void connectedComesFirst();
    void bearerHeaderIsAccepted();
    void refusedUpgradesGetHttpStatus_data();
    void refusedUpgradesGetHttpStatus();
    void groupRoundTrip();
    void noEchoSkipsTheSender();
    void tokenGroupsAreJoined();
    void rolesAreEnforced();
    void duplicateAckIdIsNotRunTwice();
    void retryWhileTheAckIsDeferredIsNotRunTwice();
    void pingGetsPong();
    void malformedFramesAreRejectedAndCounted_data();
    void malformedFramesAreRejectedAndCounted();
    void oversizedFrameClosesOnlyThatConnection();
    void recoveryReplaysUnackedInOrder();
    void recoveryIntoGoneSessionGets1008();
    void cleanCloseEndsTheSession();
    void droppedSessionExpiresAfterRetention();
    void sequenceAckReleasesBuffer();
    void overflowingSessionIsDropped();
    void fireAndForgetNeverOverflowsTheSession();
    void slowReaderDoesNotGrowTheRelay();
    void closedSocketsAreFreed_data();
    void closedSocketsAreFreed();
    void negotiateUrlHasNoUserPlaceholder();
    void manyFramesInOnePassArriveInOrder();

private:
    QUrl clientUrl(const QString &user, const QStringList &roles,
                   const QStringList &groups = {}) const;
    std::unique_ptr<Client> connectClient(const QString &user, const QStringList &roles,
                                          const QStringList &groups = {},
                                          const QString &subprotocol =
                                              QString(wps::kJsonReliableProtocol));
    QByteArray rawUpgrade(const QByteArray &target, const QByteArray &extraHeaders);

    std::unique_ptr<Relay> m_relay;
    RelayConfig m_config;
};

namespace {
// Records the warnings logged under one category while alive.
struct WarningRecorder
{
    explicit WarningRecorder(const char *category)
    {
        s_category = category;
        s_messages.clear();
        s_previous = qInstallMessageHandler(
            [](QtMsgType type, const QMessageLogContext &context, const QString &message) {
                if (type == QtWarningMsg && context.category
                    && qstrcmp(context.category, s_category) == 0)
                    s_messages.append(message);
                else if (s_previous)
                    s_previous(type, context, message);
            });
    }
    ~WarningRecorder() { qInstallMessageHandler(s_previous); }
    static inline const char *s_category = nullptr;
    static inline QStringList s_messages;
    static inline QtMessageHandler s_previous = nullptr;
};
} // namespace

void TestRelay::init()
{
    m_config = RelayConfig {};
    m_config.listenAddress = QHostAddress::LocalHost;
    m_config.port = 0;
    m_config.accessKeys = { u"test-access-key-0123456789abcdef"_s };
    m_config.dataDir.clear();
    if (QByteArray(QTest::currentTestFunction()) == "overflowingSessionIsDropped"
        || QByteArray(QTest::currentTestFunction()) == "fireAndForgetNeverOverflowsTheSession")
        m_config.reliableBufferMessages = 10;
    if (QByteArray(QTest::currentTestFunction()) == "droppedSessionExpiresAfterRetention")
        m_config.sessionRetentionSeconds = 1;
    if (QByteArray(QTest::currentTestFunction()) == "slowReaderDoesNotGrowTheRelay")
        m_config.maxPendingSendBytes = 256 * 1024;
    m_relay = std::make_unique<Relay>(m_config);
    QString error;
    QVERIFY2(m_relay->start(&error), qPrintable(error));
    QVERIFY(m_relay->port() != 0);
}

void TestRelay::cleanup()
{
    m_relay.reset();
}

QUrl TestRelay::clientUrl(const QString &user, const QStringList &roles,
                          const QStringList &groups) const
{
    const auto cs = ConnectionString::parse(m_relay->connectionString());
    ClientAccessOptions options;
    options.userId = user;
    options.roles = roles;
    options.groups = groups;
    return clientAccessFor(*cs, kHub, options).url;
}

std::unique_ptr<Client> TestRelay::connectClient(const QString &user, const QStringList &roles,
                                                 const QStringList &groups,
                                                 const QString &subprotocol)
{
    auto client = std::make_unique<Client>();
    client->open(clientUrl(user, roles, groups), subprotocol);
    if (!QTest::qWaitFor([&] { return client->count<wps::Connected>() == 1; }, 5000))
        return nullptr;
    return client;
}

QByteArray TestRelay::rawUpgrade(const QByteArray &target, const QByteArray &extraHeaders)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_relay->port());
    if (!socket.waitForConnected(5000))
        return {};
    socket.write("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                 "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                 "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                 + extraHeaders + "\r\n");
    QByteArray response;
    [[maybe_unused]] const bool complete = QTest::qWaitFor(
        [&] {
            response += socket.readAll();
            return response.contains("\r\n\r\n") || socket.state() != QTcpSocket::ConnectedState;
        },
        5000);
    return response;
}

void TestRelay::connectedComesFirst_data()
{
    QTest::addColumn<QString>("subprotocol");
    QTest::addColumn<bool>("reliable");
    QTest::addRow("reliable") << QString(wps::kJsonReliableProtocol) << true;
    QTest::addRow("json") << QString(wps::kJsonProtocol) << false;
}

void TestRelay::connectedComesFirst()
{
    QFETCH(QString, subprotocol);
    QFETCH(bool, reliable);
    auto client = connectClient(u"alice"_s, {}, {}, subprotocol);
    QVERIFY(client);
    QCOMPARE(client->socket.subprotocol(), subprotocol);
    QVERIFY(std::holds_alternative<wps::Connected>(client->frames.first()));
    const auto connected = std::get<wps::Connected>(client->frames.first());
    QVERIFY(!connected.connectionId.isEmpty());
    QCOMPARE(connected.userId, std::optional<QString>(u"alice"_s));
    QCOMPARE(connected.reconnectionToken.has_value(), reliable);
    QCOMPARE(client->binaryFrames, 0);
}

void TestRelay::bearerHeaderIsAccepted()
{
    const QUrl url = clientUrl(u"bob"_s, {});
    const QString token = QUrlQuery(url).queryItemValue(u"access_token"_s);
    QUrl bare = url;
    bare.setQuery(QString());
    QNetworkRequest request(bare);
    request.setRawHeader("Authorization", "Bearer " + token.toLatin1());
    Client client;
    QWebSocketHandshakeOptions options;
    options.setSubprotocols({ QString(wps::kJsonReliableProtocol) });
    client.socket.open(request, options);
    QTRY_COMPARE(client.count<wps::Connected>(), 1);
    QCOMPARE(client.all<wps::Connected>().first().userId, std::optional<QString>(u"bob"_s));
}

void TestRelay::refusedUpgradesGetHttpStatus_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("headers");
    QTest::addColumn<QByteArray>("status");

    const auto cs = ConnectionString::parse(u"Endpoint=http://127.0.0.1;AccessKey=test-access-key-0123456789abcdef;"_s);
    const QByteArray good = clientAccessFor(*cs, kHub, {}).token.toLatin1();
    const QByteArray proto = "Sec-WebSocket-Protocol: json.reliable.webpubsub.azure.v1\r\n";

    // Every way a token can be refused is listed once, in tst_relaysecurity (tokens()).
    QTest::addRow("no subprotocol") << "/client/hubs/Chat_Hub?access_token=" + good
                                    << QByteArray() << QByteArray("400");
    QTest::addRow("good token") << "/client/hubs/Chat_Hub?access_token=" + good << proto
                                << QByteArray("101");
    QTest::addRow("hub in query") << "/client/?hub=Chat_Hub&access_token=" + good << proto
                                  << QByteArray("101");
    QTest::addRow("hub name case-insensitive") << "/client/hubs/chat_hub?access_token=" + good
                                               << proto << QByteArray("101");
}

void TestRelay::refusedUpgradesGetHttpStatus()
{
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, headers);
    QFETCH(QByteArray, status);
    const QByteArray response = rawUpgrade(target, headers);
    QVERIFY2(response.startsWith(QByteArray(QByteArray("HTTP/1.1 ") + status)),
             response.constData());
}

void TestRelay::groupRoundTrip()
{
    const QStringList roles { u"webpubsub.joinLeaveGroup"_s, u"webpubsub.sendToGroup"_s };
    auto alice = connectClient(u"alice"_s, roles);
    auto bob = connectClient(u"bob"_s, roles);
    QVERIFY(alice && bob);
    bob->send(wps::JoinGroup { u"g1"_s, 1 });
    QTRY_VERIFY(bob->ack(1));
    QVERIFY(bob->ack(1)->success);

    alice->send(wps::SendToGroup { u"g1"_s, 7, false, wps::DataType::Json,
                                   QJsonObject { { u"t"_s, 1 } } });
    alice->send(wps::SendToGroup { u"g1"_s, std::nullopt, false, wps::DataType::Text, u"hi"_s });
    alice->send(wps::SendToGroup { u"g1"_s, 8, false, wps::DataType::Binary, u"AQID"_s });
    QTRY_COMPARE(bob->count<wps::GroupMessage>(), 3);
    QTRY_VERIFY(alice->ack(8));
    QVERIFY(alice->ack(7)->success);
    QCOMPARE(alice->count<wps::GroupMessage>(), 0); // alice is not in g1

    const auto messages = bob->all<wps::GroupMessage>();
    QCOMPARE(messages[0].group, u"g1"_s);
    QCOMPARE(messages[0].fromUserId, std::optional<QString>(u"alice"_s));
    QCOMPARE(messages[0].data, QJsonValue(QJsonObject { { u"t"_s, 1 } }));
    QCOMPARE(messages[0].sequenceId, std::optional<quint64>(1));
    QVERIFY(messages[1].dataType == wps::DataType::Text);
    QCOMPARE(messages[1].data, QJsonValue(u"hi"_s));
    QCOMPARE(messages[1].sequenceId, std::optional<quint64>(2));
    QVERIFY(messages[2].dataType == wps::DataType::Binary);
    QCOMPARE(messages[2].data, QJsonValue(u"AQID"_s));

    bob->send(wps::LeaveGroup { u"g1"_s, 2 });
    QTRY_VERIFY(bob->ack(2));
    alice->send(wps::SendToGroup { u"g1"_s, 9, false, wps::DataType::Text, u"gone"_s });
    QTRY_VERIFY(alice->ack(9));
    // A ping round trip proves anything sent before it would have arrived.
    bob->send(wps::Ping {});
    QTRY_COMPARE(bob->count<wps::Pong>(), 1);
    QCOMPARE(bob->count<wps::GroupMessage>(), 3);
}

void TestRelay::noEchoSkipsTheSender()
{
    const QStringList roles { u"webpubsub.joinLeaveGroup"_s, u"webpubsub.sendToGroup"_s };
    auto alice = connectClient(u"alice"_s, roles, { u"g"_s });
    auto bob = connectClient(u"bob"_s, roles, { u"g"_s });
    QVERIFY(alice && bob);
    alice->send(wps::SendToGroup { u"g"_s, 1, true, wps::DataType::Text, u"quiet"_s });
    alice->send(wps::SendToGroup { u"g"_s, 2, false, wps::DataType::Text, u"loud"_s });
    QTRY_COMPARE(bob->count<wps::GroupMessage>(), 2);
    QTRY_VERIFY(alice->ack(2));
    QTRY_COMPARE(alice->count<wps::GroupMessage>(), 1);
    QCOMPARE(alice->all<wps::GroupMessage>().first().data, QJsonValue(u"loud"_s));
}

void TestRelay::tokenGroupsAreJoined()
{
    // No join role at all: groups from the token are joined anyway.
    auto member = connectClient(u"m"_s, {}, { u"auto"_s });
    auto sender = connectClient(u"s"_s, { u"webpubsub.sendToGroup.auto"_s });
    QVERIFY(member && sender);
    sender->send(wps::SendToGroup { u"auto"_s, 1, false, wps::DataType::Text, u"x"_s });
    QTRY_COMPARE(member->count<wps::GroupMessage>(), 1);
    QVERIFY(m_relay->hub()->groupExists(kHub, u"auto"_s));
}

void TestRelay::rolesAreEnforced()
{
    auto viewer = connectClient(u"v"_s, { u"webpubsub.joinLeaveGroup.lobby"_s,
                                          u"webpubsub.sendToGroup.lobby"_s });
    QVERIFY(viewer);
    viewer->send(wps::JoinGroup { u"lobby"_s, 1 });
    viewer->send(wps::JoinGroup { u"secret"_s, 2 });
    viewer->send(wps::SendToGroup { u"lobby"_s, 3, false, wps::DataType::Text, u"ok"_s });
    viewer->send(wps::SendToGroup { u"secret"_s, 4, false, wps::DataType::Text, u"no"_s });
    viewer->send(wps::SendToGroup { u"secret"_s, std::nullopt, false, wps::DataType::Text, u"no"_s });
    QTRY_VERIFY(viewer->ack(4));
    QVERIFY(viewer->ack(1)->success);
    QCOMPARE(viewer->ack(2)->errorName, u"Forbidden"_s);
    QVERIFY(viewer->ack(3)->success);
    QCOMPARE(viewer->ack(4)->errorName, u"Forbidden"_s);
    QVERIFY(!m_relay->hub()->groupExists(kHub, u"secret"_s));
    // The one in "lobby" got its own message back; the forbidden ones went nowhere.
    QTRY_COMPARE(viewer->count<wps::GroupMessage>(), 1);
    viewer->send(wps::Ping {});
    QTRY_COMPARE(viewer->count<wps::Pong>(), 1);
    QCOMPARE(viewer->count<wps::Ack>(), 4);
    QCOMPARE(m_relay->metrics().failedAcks.value(u"Forbidden"_s), quint64(3));
}

void TestRelay::duplicateAckIdIsNotRunTwice()
{
    const QStringList roles { u"webpubsub.joinLeaveGroup"_s, u"webpubsub.sendToGroup"_s };
    auto alice = connectClient(u"alice"_s, roles, { u"g"_s });
    QVERIFY(alice);
    alice->send(wps::SendToGroup { u"g"_s, 5, false, wps::DataType::Text, u"once"_s });
    alice->send(wps::SendToGroup { u"g"_s, 5, false, wps::DataType::Text, u"once"_s });
    QTRY_COMPARE(alice->count<wps::Ack>(), 2);
    const auto acks = alice->all<wps::Ack>();
    QVERIFY(acks[0].success);
    QCOMPARE(acks[1].errorName, u"Duplicate"_s);
    alice->send(wps::Ping {});
    QTRY_COMPARE(alice->count<wps::Pong>(), 1);
    QCOMPARE(alice->count<wps::GroupMessage>(), 1);
}

namespace {
// A group hook whose acks the test gives, as the keeper gives them after its commit.
class DeferringHook : public wr::GroupHook
{
public:
    wr::GroupSendOutcome groupSend(const wr::ClientConnection &, const wps::SendToGroup &,
                                   const wr::AckCallback &ack) override
    {
        acks.append(ack);
        return wr::GroupSendOutcome::DeliverAckLater;
    }
    QList<wr::AckCallback> acks;
};
} // namespace

void TestRelay::retryWhileTheAckIsDeferredIsNotRunTwice()
{
    // After a recovery the client resends what was not acked; an op whose ack waits for the
    // keeper's commit must not be delivered again (it was, once: tst_faults saw it).
    DeferringHook hook;
    m_relay->hub()->setGroupHook(&hook);
    const QStringList roles { u"webpubsub.joinLeaveGroup"_s, u"webpubsub.sendToGroup"_s };
    auto alice = connectClient(u"alice"_s, roles, { u"g"_s });
    QVERIFY(alice);
    alice->send(wps::SendToGroup { u"g"_s, 9, false, wps::DataType::Text, u"op"_s });
    QTRY_COMPARE(alice->count<wps::GroupMessage>(), 1);
    alice->send(wps::SendToGroup { u"g"_s, 9, false, wps::DataType::Text, u"op"_s });
    alice->send(wps::Ping {});
    QTRY_COMPARE(alice->count<wps::Pong>(), 1);
    QCOMPARE(hook.acks.size(), 1); // the retry did not reach the hook
    QCOMPARE(alice->count<wps::GroupMessage>(), 1);
    QCOMPARE(alice->count<wps::Ack>(), 0); // both wait for the commit

    hook.acks.first()(QString(), QString());
    QTRY_COMPARE(alice->count<wps::Ack>(), 1);
    QVERIFY(alice->all<wps::Ack>().first().success);
    // Once answered it is an ordinary duplicate.
    alice->send(wps::SendToGroup { u"g"_s, 9, false, wps::DataType::Text, u"op"_s });
    QTRY_COMPARE(alice->count<wps::Ack>(), 2);
    QCOMPARE(alice->all<wps::Ack>().last().errorName, u"Duplicate"_s);
    QCOMPARE(alice->count<wps::GroupMessage>(), 1);
    m_relay->hub()->setGroupHook(nullptr);
}

void TestRelay::pingGetsPong()
{
    auto client = connectClient(u"p"_s, {}, {}, QString(wps::kJsonProtocol));
    QVERIFY(client);
    client->send(wps::Ping {});
    QTRY_COMPARE(client->count<wps::Pong>(), 1);
}

void TestRelay::malformedFramesAreRejectedAndCounted_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<bool>("acked");
    QTest::addRow("not json") << QByteArray("{{{") << false;
    QTest::addRow("array") << QByteArray("[1,2]") << false;
    QTest::addRow("unknown type, ackId") << QByteArray(R"({"type":"teleport","ackId":3})") << true;
    QTest::addRow("text data not a string")
        << QByteArray(R"({"type":"sendToGroup","group":"g","dataType":"text","data":1,"ackId":3})")
        << true;
    QTest::addRow("bad base64")
        << QByteArray(R"({"type":"sendToGroup","group":"g","dataType":"binary","data":"%%","ackId":3})")
        << true;
    QTest::addRow("empty group") << QByteArray(R"({"type":"joinGroup","group":"","ackId":3})")
                                 << true;
    QTest::addRow("deep nesting") << QByteArray(5000, '[') << false;
}

void TestRelay::malformedFramesAreRejectedAndCounted()
{
    QFETCH(QByteArray, frame);
    QFETCH(bool, acked);
    auto client = connectClient(u"m"_s, { u"webpubsub.joinLeaveGroup"_s,
                                          u"webpubsub.sendToGroup"_s });
    QVERIFY(client);
    client->socket.sendTextMessage(QString::fromUtf8(frame));
    client->send(wps::Ping {});
    QTRY_COMPARE(client->count<wps::Pong>(), 1); // still connected and served
    QCOMPARE(m_relay->metrics().malformedMessages, quint64(1));
    if (acked) {
        QVERIFY(client->ack(3));
        QCOMPARE(client->ack(3)->errorName, u"BadRequest"_s);
        QVERIFY(!client->ack(3)->errorMessage.isEmpty());
    } else {
        QCOMPARE(client->count<wps::Ack>(), 0);
    }
}

void TestRelay::oversizedFrameClosesOnlyThatConnection()
{
    const QStringList roles { u"webpubsub.joinLeaveGroup"_s, u"webpubsub.sendToGroup"_s };
    auto big = connectClient(u"big"_s, roles, {}, QString(wps::kJsonProtocol));
    auto other = connectClient(u"other"_s, roles);
    QVERIFY(big && other);
    QSignalSpy closed(&big->socket, &QWebSocket::disconnected);
    const QString huge = u"{\"type\":\"sendToGroup\",\"group\":\"g\",\"dataType\":\"text\",\"data\":\""_s
        + QString(1100 * 1024, u'x') + u"\"}"_s;
    big->socket.sendTextMessage(huge);
    QTRY_COMPARE_WITH_TIMEOUT(closed.size(), 1, 10000);
    QCOMPARE(big->socket.closeCode(), QWebSocketProtocol::CloseCodeTooMuchData);
    other->send(wps::Ping {});
    QTRY_COMPARE(other->count<wps::Pong>(), 1);
    QTRY_COMPARE(m_relay->metrics().oversizedMessages, quint64(1));
}

void TestRelay::recoveryReplaysUnackedInOrder()
{
    const QStringList roles { u"webpubsub.joinLeaveGroup"_s, u"webpubsub.sendToGroup"_s };
    auto sender = connectClient(u"s"_s, roles);
    auto receiver = connectClient(u"r"_s, roles, { u"g"_s });
    QVERIFY(sender && receiver);
    const auto connected = receiver->all<wps::Connected>().first();

    quint64 ackId = 0;
    for (int i = 0; i < 5; ++i)
        sender->send(wps::SendToGroup { u"g"_s, ++ackId, false, wps::DataType::Json, i });
    QTRY_COMPARE(receiver->count<wps::GroupMessage>(), 5);

    // An abrupt drop: no close frame, the relay sees the TCP connection end.
    receiver->socket.abort();
    QTRY_COMPARE(m_relay->hub()->gauges().connections, qint64(1));
    for (int i = 5; i < 12; ++i)
        sender->send(wps::SendToGroup { u"g"_s, ++ackId, false, wps::DataType::Json, i });
    QTRY_VERIFY(sender->ack(ackId));

    QUrl url = clientUrl(u"r"_s, roles, { u"g"_s });
    QUrlQuery query(url);
    query.addQueryItem(u"awps_connection_id"_s, connected.connectionId);
    query.addQueryItem(u"awps_reconnection_token"_s, *connected.reconnectionToken);
    url.setQuery(query);
    Client recovered;
    recovered.open(url);
    QTRY_COMPARE(recovered.count<wps::GroupMessage>(), 12);
    // Same session, fresh token; every message exactly once across both sockets, in order.
    const auto again = recovered.all<wps::Connected>();
    QCOMPARE(again.size(), 1);
    QCOMPARE(again.first().connectionId, connected.connectionId);
    QVERIFY(again.first().reconnectionToken != connected.reconnectionToken);
    QList<int> seen;
    quint64 lastSeq = 0;
    for (const auto &m : receiver->all<wps::GroupMessage>() + recovered.all<wps::GroupMessage>()) {
        if (*m.sequenceId <= lastSeq)
            continue; // what a client drops as a duplicate
        lastSeq = *m.sequenceId;
        seen.append(m.data.toInt());
    }
    QCOMPARE(seen, (QList<int> { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 }));
    QCOMPARE(lastSeq, quint64(12));
    QCOMPARE(m_relay->metrics().recoveries, quint64(1));

    // The recovered session still belongs to its groups.
    sender->send(wps::SendToGroup { u"g"_s, ++ackId, false, wps::DataType::Json, 12 });
    QTRY_COMPARE(recovered.count<wps::GroupMessage>(), 13);
    QCOMPARE(*recovered.all<wps::GroupMessage>().last().sequenceId, quint64(13));
}

void TestRelay::recoveryIntoGoneSessionGets1008()
{
    auto client = connectClient(u"x"_s, {});
    QVERIFY(client);
    const auto connected = client->all<wps::Connected>().first();
    QVERIFY(m_relay->hub()->closeConnection(kHub, connected.connectionId, u"bye"_s));
    QSignalSpy firstClosed(&client->socket, &QWebSocket::disconnected);
    QTRY_COMPARE(firstClosed.size(), 1);
    QCOMPARE(client->socket.closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);
    QCOMPARE(client->all<wps::Disconnected>().value(0).message, u"bye"_s);

    QUrl url = clientUrl(u"x"_s, {});
    QUrlQuery query(url);
    query.addQueryItem(u"awps_connection_id"_s, connected.connectionId);
    query.addQueryItem(u"awps_reconnection_token"_s, *connected.reconnectionToken);
    url.setQuery(query);
    Client late;
    QSignalSpy opened(&late.socket, &QWebSocket::connected);
    QSignalSpy closed(&late.socket, &QWebSocket::disconnected);
    late.open(url);
    QTRY_COMPARE(closed.size(), 1);
    QCOMPARE(opened.size(), 1); // the upgrade succeeded, then the session was refused
    QCOMPARE(late.socket.closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);
    QCOMPARE(late.count<wps::Connected>(), 0);
    QCOMPARE(m_relay->metrics().recoveriesRejected, quint64(1));
}

void TestRelay::cleanCloseEndsTheSession()
{
    auto client = connectClient(u"c"_s, {}, { u"g"_s });
    QVERIFY(client);
    const QString id = client->connectionId();
    QVERIFY(m_relay->hub()->connectionExists(kHub, id));
    client->socket.close(QWebSocketProtocol::CloseCodeNormal);
    // No retention for a client that said goodbye: the session and its groups go at once.
    QTRY_VERIFY(!m_relay->hub()->connectionExists(kHub, id));
    QTRY_VERIFY(!m_relay->hub()->groupExists(kHub, u"g"_s));
    QCOMPARE(m_relay->hub()->gauges().sessions, qint64(0));
}

void TestRelay::droppedSessionExpiresAfterRetention()
{
    // Retention set to 1 s in init(): a dropped reliable session stays recoverable for that
    // long, then it and its group membership are gone.
    auto client = connectClient(u"gone"_s, {}, { u"g"_s });
    QVERIFY(client);
    const QString id = client->connectionId();
    client->socket.abort();
    QTRY_COMPARE(m_relay->hub()->gauges().connections, qint64(0));
    QVERIFY(m_relay->hub()->connectionExists(kHub, id));
    QVERIFY(m_relay->hub()->groupExists(kHub, u"g"_s));
    QTRY_VERIFY_WITH_TIMEOUT(!m_relay->hub()->connectionExists(kHub, id), 5000);
    QVERIFY(!m_relay->hub()->groupExists(kHub, u"g"_s));
    QCOMPARE(m_relay->metrics().sessionsExpired, quint64(1));
}

void TestRelay::sequenceAckReleasesBuffer()
{
    const QStringList roles { u"webpubsub.joinLeaveGroup"_s, u"webpubsub.sendToGroup"_s };
    auto client = connectClient(u"a"_s, roles, { u"g"_s });
    QVERIFY(client);
    for (int i = 0; i < 20; ++i)
        client->send(wps::SendToGroup { u"g"_s, std::nullopt, false, wps::DataType::Json, i });
    QTRY_COMPARE(client->count<wps::GroupMessage>(), 20);
    QCOMPARE(m_relay->hub()->gauges().bufferedMessages, qint64(20));
    client->send(wps::SequenceAck { 15 });
    QTRY_COMPARE(m_relay->hub()->gauges().bufferedMessages, qint64(5));
    client->socket.sendTextMessage(u"{\"type\":\"sequenceAck\",\"sequenceId\":\"20\"}"_s);
    QTRY_COMPARE(m_relay->hub()->gauges().bufferedMessages, qint64(0));
}

void TestRelay::overflowingSessionIsDropped()
{
    // Buffer limit set to 10 messages in init(); this client never acks.
    const QStringList roles { u"webpubsub.joinLeaveGroup"_s, u"webpubsub.sendToGroup"_s };
    auto lazy = connectClient(u"lazy"_s, roles, { u"g"_s });
    auto sender = connectClient(u"s"_s, roles);
    QVERIFY(lazy && sender);
    QSignalSpy closed(&lazy->socket, &QWebSocket::disconnected);
    WarningRecorder warnings("watchroom.relay.hub");
    for (quint64 i = 1; i <= 11; ++i)
        sender->send(wps::SendToGroup { u"g"_s, i, false, wps::DataType::Json, int(i) });
    QTRY_COMPARE(closed.size(), 1);
    // An operator sees why a reliable client lost its session, at the default log level.
    QCOMPARE(WarningRecorder::s_messages.size(), 1);
    QVERIFY2(WarningRecorder::s_messages.first().contains(lazy->connectionId()),
             qPrintable(WarningRecorder::s_messages.first()));
    QCOMPARE(lazy->socket.closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);
    QCOMPARE(lazy->count<wps::GroupMessage>(), 10);
    QVERIFY(!lazy->all<wps::Disconnected>().isEmpty());
    QCOMPARE(m_relay->metrics().sessionsDroppedOverflow, quint64(1));
    QTRY_VERIFY(sender->ack(11));
    QVERIFY(sender->ack(11)->success);
    QVERIFY(!m_relay->hub()->connectionExists(kHub, lazy->connectionId()));
}

void TestRelay::fireAndForgetNeverOverflowsTheSession()
{
    // Cursor-like traffic to a client that does not ack: only the newest 10 are kept for a
    // recovery (limit set in init()), and the session lives on.
    const QStringList roles { u"webpubsub.joinLeaveGroup"_s, u"webpubsub.sendToGroup"_s };
    auto quiet = connectClient(u"quiet"_s, roles, { u"g"_s });
    auto sender = connectClient(u"s"_s, roles);
    QVERIFY(quiet && sender);
    for (int i = 0; i < 25; ++i)
        sender->send(wps::SendToGroup { u"g"_s, std::nullopt, false, wps::DataType::Json, i });
    QTRY_COMPARE(quiet->count<wps::GroupMessage>(), 25);
    QVERIFY(m_relay->hub()->connectionExists(kHub, quiet->connectionId()));
    QCOMPARE(m_relay->hub()->gauges().bufferedMessages, qint64(10));
    QCOMPARE(m_relay->metrics().replayEvictions, quint64(15));
    QCOMPARE(m_relay->metrics().sessionsDroppedOverflow, quint64(0));
}

void TestRelay::slowReaderDoesNotGrowTheRelay()
{
    // A raw client completes the upgrade, then never reads: its kernel buffers fill and the
    // relay's send queue for it must stay bounded (256 KiB threshold set in init()).
    const QStringList roles { u"webpubsub.joinLeaveGroup"_s, u"webpubsub.sendToGroup"_s };
    const QUrl url = clientUrl(u"slow"_s, roles, { u"g"_s });
    QTcpSocket slow;
    slow.setReadBufferSize(1);
    slow.connectToHost(QHostAddress::LocalHost, m_relay->port());
    QVERIFY(slow.waitForConnected(5000));
    slow.write("GET " + url.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority)
               + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                 "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                 "Sec-WebSocket-Protocol: json.webpubsub.azure.v1\r\n\r\n");
    QTRY_VERIFY(m_relay->hub()->groupExists(kHub, u"g"_s));

    auto sender = connectClient(u"s"_s, roles);
    QVERIFY(sender);
    const QString payload(8 * 1024, u'c');
    for (int i = 0; i < 2000; ++i)
        sender->send(wps::SendToGroup { u"g"_s, std::nullopt, false, wps::DataType::Text, payload });
    sender->send(wps::Ping {});
    QTRY_COMPARE_WITH_TIMEOUT(sender->count<wps::Pong>(), 1, 20000);
    QTRY_VERIFY(m_relay->metrics().droppedSlowConsumer > 0);
    // Bounded: the threshold plus one message, not 2000 × 8 KiB.
    QVERIFY2(m_relay->hub()->gauges().pendingSendBytes < 1024 * 1024,
             qPrintable(QString::number(m_relay->hub()->gauges().pendingSendBytes)));
}

void TestRelay::closedSocketsAreFreed_data()
{
    QTest::addColumn<QString>("how");
    QTest::addRow("closed by the server") << u"server"_s;
    QTest::addRow("closed by the server after the TCP connection dropped") << u"server-late"_s;
    QTest::addRow("closed by the client") << u"client"_s;
    QTest::addRow("recovery into a gone session") << u"recovery"_s;
    QTest::addRow("relay shutdown") << u"stop"_s;
}

void TestRelay::closedSocketsAreFreed()
{
    // Every server-side QWebSocket lives under the hub until it is freed: none may linger once
    // its session ended, whichever way it ended.
    QFETCH(QString, how);
    const auto serverSockets = [this] {
        return m_relay->hub()->findChildren<QWebSocket *>().size();
    };
    auto client = connectClient(u"x"_s, {}, { u"g"_s });
    QVERIFY(client);
    QCOMPARE(serverSockets(), 1);
    const auto connected = client->all<wps::Connected>().first();
    QSignalSpy closed(&client->socket, &QWebSocket::disconnected);
    if (how == "server"_L1) {
        QVERIFY(m_relay->hub()->closeConnection(kHub, connected.connectionId, u"bye"_s));
    } else if (how == "server-late"_L1) {
        // The client's TCP connection is gone before the relay has noticed: the relay ends the
        // session on a socket whose peer is no longer there.
        client->socket.abort();
        QVERIFY(m_relay->hub()->closeConnection(kHub, connected.connectionId, u"bye"_s));
    } else if (how == "client"_L1) {
        client->socket.close();
    } else if (how == "stop"_L1) {
        m_relay->stop();
    } else {
        QVERIFY(m_relay->hub()->closeConnection(kHub, connected.connectionId, u"bye"_s));
        QTRY_COMPARE(closed.size(), 1);
        QTRY_COMPARE(serverSockets(), 0);
        QUrl url = clientUrl(u"x"_s, {});
        QUrlQuery query(url);
        query.addQueryItem(u"awps_connection_id"_s, connected.connectionId);
        query.addQueryItem(u"awps_reconnection_token"_s, *connected.reconnectionToken);
        url.setQuery(query);
        client = std::make_unique<Client>();
        QSignalSpy lateClosed(&client->socket, &QWebSocket::disconnected);
        client->open(url);
        QTRY_COMPARE(lateClosed.size(), 1);
        QCOMPARE(m_relay->metrics().recoveriesRejected, quint64(1));
    }
    if (how != "recovery"_L1)
        QTRY_COMPARE(closed.size(), 1);
    QTRY_COMPARE(serverSockets(), 0);
    QVERIFY(!m_relay->hub()->connectionExists(kHub, connected.connectionId));
}

void TestRelay::negotiateUrlHasNoUserPlaceholder()
{
    // People paste the printed URL into the app, which fills in their own name.
    const QUrlQuery query(m_relay->negotiateUrl(u"ops"_s));
    QCOMPARE(query.queryItemValue(u"board"_s), u"ops"_s);
    QVERIFY(!query.hasQueryItem(u"user"_s));
    QCOMPARE(query.queryItemValue(u"role"_s), u"annotator"_s);
}

void TestRelay::manyFramesInOnePassArriveInOrder()
{
    // Frames coalesced per event-loop pass: a burst larger than one flush (256 KiB) reaches
    // every member complete, in order, with acks after the data they acknowledge.
    const QStringList roles { u"webpubsub.joinLeaveGroup"_s, u"webpubsub.sendToGroup"_s };
    auto a = connectClient(u"a"_s, roles, { u"g"_s });
    auto b = connectClient(u"b"_s, roles, { u"g"_s });
    QVERIFY(a && b);
    const QString payload(1000, u'p');
    constexpr int kCount = 600;
    for (int i = 1; i <= kCount; ++i) {
        a->send(wps::SendToGroup { u"g"_s, quint64(i), false, wps::DataType::Text,
                                   QString(payload + QString::number(i)) });
    }
    QTRY_COMPARE(b->count<wps::GroupMessage>(), kCount);
    QTRY_COMPARE(a->count<wps::GroupMessage>(), kCount);
    for (Client *c : { a.get(), b.get() }) {
        const auto messages = c->all<wps::GroupMessage>();
        for (int i = 0; i < kCount; ++i) {
            QCOMPARE(*messages[i].sequenceId, quint64(i + 1));
            QCOMPARE(messages[i].data.toString(), QString(payload + QString::number(i + 1)));
        }
    }
    QTRY_VERIFY(a->ack(kCount));
    // The sender's own copy of message i comes before the ack of message i.
    qsizetype echoed = 0;
    for (const auto &frame : std::as_const(a->frames)) {
        if (std::holds_alternative<wps::GroupMessage>(frame)) {
            ++echoed;
        } else if (const auto *ack = std::get_if<wps::Ack>(&frame)) {
            QVERIFY(ack->success);
            QCOMPARE(qsizetype(ack->ackId), echoed);
        }
    }
    QVERIFY(a->undecodable.isEmpty() && b->undecodable.isEmpty());
}

QTEST_GUILESS_MAIN(TestRelay)
#include "tst_relay.moc"
