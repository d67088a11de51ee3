// The relay's security review (issue #7, docs/security.md): every way a token can be wrong, what
// each role may not do on any channel, invite and source-token guessing, per-connection and
// per-address limits (also for clients behind a trusted reverse proxy, and against spoofed
// X-Forwarded-For), and secrets kept out of the log. An in-process relay on an ephemeral loopback
// port; clients are raw TCP sockets (to see HTTP statuses and close frames exactly) and
// QWebSockets.
#include "accessurl.h"
#include "clientaddress.h"
#include "connectionstring.h"
#include "hub.h"
#include "jwt.h"
#include "ratelimit.h"
#include "recordingclient.h"
#include "redact.h"
#include "relay.h"
#include "sessionmessages.h"
#include "webpubsub.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QMessageAuthenticationCode>
#include <QMutex>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QUrlQuery>
#include <QWebSocket>
#include <QWebSocketHandshakeOptions>

#include <memory>
#include <optional>

using namespace Qt::StringLiterals;
using namespace wr;

namespace {

const QString kHub = u"watchroom"_s;
const QString kAccessKey = u"security-test-key-0123456789abcdef"_s;
const QByteArray kReliable = QByteArray(wps::kJsonReliableProtocol.data());

QByteArray base64Url(const QByteArray &bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray compactJson(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// A JWT with any header and claims; `signature` decides what follows the second dot.
enum class Signature { Hs256, Hs512, Garbage, None };
QByteArray handMadeToken(const QJsonObject &header, const QJsonObject &claims,
                         const QByteArray &key, Signature signature)
{
    const QByteArray input = base64Url(compactJson(header)) + '.' + base64Url(compactJson(claims));
    switch (signature) {
    case Signature::Hs256:
        return input + '.'
            + base64Url(QMessageAuthenticationCode::hash(input, key, QCryptographicHash::Sha256));
    case Signature::Hs512:
        return input + '.'
            + base64Url(QMessageAuthenticationCode::hash(input, key, QCryptographicHash::Sha512));
    case Signature::Garbage:
        return input + '.' + base64Url(QByteArray(256, 'r'));
    case Signature::None:
        return input + '.';
    }
    return input;
}

// A raw client connection: writes bytes, reads the HTTP head, then the body or WebSocket frames.
class RawConnection
{
public:
    bool open(quint16 port)
    {
        m_socket.connectToHost(QHostAddress::LocalHost, port);
        return m_socket.waitForConnected(5000);
    }
    void write(const QByteArray &bytes) { m_socket.write(bytes); }

    // The status code of the answer (0: none within the time), headers in lower case.
    int readHead(int timeoutMs = 5000)
    {
        [[maybe_unused]] const bool done = QTest::qWaitFor(
            [&] {
                m_buffer += m_socket.readAll();
                return m_buffer.contains("\r\n\r\n")
                    || m_socket.state() != QAbstractSocket::ConnectedState;
            },
            timeoutMs);
        m_buffer += m_socket.readAll();
        const qsizetype end = m_buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return 0;
        const QList<QByteArray> lines = m_buffer.left(end).split('\n');
        m_buffer.remove(0, end + 4);
        const QList<QByteArray> status = lines.value(0).trimmed().split(' ');
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines[i].indexOf(':');
            if (colon > 0)
                headers.insert(lines[i].left(colon).trimmed().toLower(),
                               lines[i].mid(colon + 1).trimmed());
        }
        return status.value(1).toInt();
    }
    QByteArray readBody(int timeoutMs = 5000)
    {
        const qsizetype length = headers.value("content-length").toLongLong();
        [[maybe_unused]] const bool done = QTest::qWaitFor(
            [&] {
                m_buffer += m_socket.readAll();
                return m_buffer.size() >= length
                    || m_socket.state() != QAbstractSocket::ConnectedState;
            },
            timeoutMs);
        m_buffer += m_socket.readAll();
        return m_buffer.left(length);
    }
    // After a 101: waits for the first text frame or a close frame.
    struct Frame
    {
        int opcode = -1; // -1: nothing within the time
        QByteArray payload;
        int closeCode() const
        {
            return payload.size() >= 2 ? (quint8(payload[0]) << 8) | quint8(payload[1]) : 0;
        }
    };
    Frame readFrame(int timeoutMs = 5000)
    {
        Frame frame;
        [[maybe_unused]] const bool done = QTest::qWaitFor(
            [&] {
                m_buffer += m_socket.readAll();
                return takeFrame(&frame) || m_socket.state() != QAbstractSocket::ConnectedState;
            },
            timeoutMs);
        if (frame.opcode < 0) {
            m_buffer += m_socket.readAll();
            takeFrame(&frame);
        }
        return frame;
    }
    bool waitForClosed(int timeoutMs = 5000)
    {
        return QTest::qWaitFor(
            [&] {
                m_socket.readAll();
                return m_socket.state() == QAbstractSocket::UnconnectedState;
            },
            timeoutMs);
    }

    QHash<QByteArray, QByteArray> headers;

private:
    bool takeFrame(Frame *frame)
    {
        if (m_buffer.size() < 2)
            return false;
        qint64 length = quint8(m_buffer[1]) & 0x7f;
        qsizetype at = 2;
        if (length == 126) {
            if (m_buffer.size() < 4)
                return false;
            length = (quint8(m_buffer[2]) << 8) | quint8(m_buffer[3]);
            at = 4;
        } else if (length == 127) {
            if (m_buffer.size() < 10)
                return false;
            length = 0;
            for (int i = 0; i < 8; ++i)
                length = (length << 8) | quint8(m_buffer[2 + i]);
            at = 10;
        }
        if (m_buffer.size() < at + length)
            return false;
        frame->opcode = quint8(m_buffer[0]) & 0x0f;
        frame->payload = m_buffer.mid(at, length);
        m_buffer.remove(0, at + length);
        return true;
    }

    QTcpSocket m_socket;
    QByteArray m_buffer;
};

using Client = wrtest::RecordingClient;

// Everything logged while alive, at every level and in every category.
class LogCapture
{
public:
    LogCapture()
    {
        s_lines.clear();
        s_previous = qInstallMessageHandler(&LogCapture::handle);
        QLoggingCategory::setFilterRules(u"*.debug=true\n*.info=true"_s);
    }
    ~LogCapture()
    {
        QLoggingCategory::setFilterRules(QString());
        qInstallMessageHandler(s_previous);
    }
    static QStringList lines()
    {
        QMutexLocker lock(&s_mutex);
        return s_lines;
    }

private:
    static void handle(QtMsgType, const QMessageLogContext &context, const QString &message)
    {
        QMutexLocker lock(&s_mutex);
        s_lines.append(QString::fromLatin1(context.category ? context.category : "default")
                       + u": "_s + message);
    }
    static inline QMutex s_mutex;
    static inline QStringList s_lines;
    static inline QtMessageHandler s_previous = nullptr;
};

enum class TokenCase {
    Missing,
    Expired,
    NotYetValid,
    WrongKey,
    OtherHub,
    AlgNone,
    AlgHs512,
    AlgRs256,
    MalformedBase64,
    NotUrlSafe,
    TwoSegments,
    Large12KiB,
    Oversized64KiB,
    RecoveryAWithTokenOfB,
    RecoveryBWithTokenOfA,
    RecoveryRandomToken,
    RecoveryUnknownConnection,
    RecoveryOwnToken, // control: the one recovery that must work
    Valid, // control
};

enum class Channel {
    SendToGroup, // a client sendToGroup with an ackId
    SendToGroupNoAck, // fire and forget: no ack at all when refused
    JoinThenSendToGroup, // joining is allowed to every role that reads; sending is not
    Event, // a client event carrying the op: acknowledged, delivered to nobody
    RestPushMetrics, // POST /api/boards/b1/metrics with the client's token
    RestImportAnnotations, // POST /api/boards/b1/annotations with the client's token
    RestGroupSend, // POST /api/hubs/watchroom/groups/{group}/:send with the client's token
    RestSendToAll, // POST /api/hubs/watchroom/:send with the client's token
};

} // namespace

Q_DECLARE_METATYPE(TokenCase)
Q_DECLARE_METATYPE(Channel)

class TestRelaySecurity : public QObject
{
    Q_OBJECT

private slots:
    void cleanup();

    void tokens_data();
    void tokens();
    void roles_data();
    void roles();
    void inviteGuessingIsRateLimited();
    void forwardedClientsAreLimitedApart();
    void spoofedForwardedForChangesNothing_data();
    void spoofedForwardedForChangesNothing();
    void malformedForwardedForCountsAsTheProxy_data();
    void malformedForwardedForCountsAsTheProxy();
    void sourceTokenGuessingIsRateLimited();
    void negotiateAdvertisesHowClientsReachTheRelay_data();
    void negotiateAdvertisesHowClientsReachTheRelay();
    void messageRateLimitCloses();
    void byteRateLimitCloses();
    void loopbackIsExemptByDefault();
    void connectionsPerAddressAreLimited();
    void connectionsPerAddressCountForwardedClients();
    void forwardedClientsAreRateLimitedBehindALoopbackProxy();
    void secretsNeverReachTheLog();
    void limiterBuildingBlocks();
    void trustedProxyBuildingBlocks();
    void redaction_data();
    void redaction();

private:
    bool startRelay(const std::function<void(RelayConfig &)> &adjust = {});
    QUrl negotiatedUrl(const QString &role, const QString &user, QString *token = nullptr);
    QByteArray clientToken(const QString &hub, qint64 lifetimeSeconds = 3600,
                           QDateTime now = QDateTime::currentDateTimeUtc(),
                           const QString &key = kAccessKey);
    QByteArray upgradeHead(const QByteArray &target, const QByteArray &extraHeaders = {});
    struct HttpReply
    {
        int status = 0;
        QHash<QByteArray, QByteArray> headers;
        QByteArray body;
        QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    };
    HttpReply http(const QByteArray &method, const QByteArray &target,
                   const QByteArray &authorization = {}, const QByteArray &body = {},
                   const QByteArray &contentType = "application/json",
                   const QByteArray &extraHeaders = {});
    // GET with an X-Forwarded-For header (none for nullopt).
    HttpReply forwarded(const QByteArray &target, const std::optional<QByteArray> &forwardedFor,
                        const QByteArray &authorization = {});
    // A WebSocket upgrade as a raw connection; the status of its answer (101: open).
    std::unique_ptr<RawConnection>
    upgrade(const QUrl &url, const std::optional<QByteArray> &forwardedFor, int *status);
    qint64 metric(const QByteArray &line);

    std::unique_ptr<Relay> m_relay;
};

bool TestRelaySecurity::startRelay(const std::function<void(RelayConfig &)> &adjust)
{
    RelayConfig config;
    config.listenAddress = QHostAddress::LocalHost;
    config.port = 0;
    config.accessKeys = { kAccessKey };
    config.dataDir.clear();
    config.keeper = false;
    config.hostSamplerBoards.clear();
    if (adjust)
        adjust(config);
    m_relay = std::make_unique<Relay>(config);
    QString error;
    if (!m_relay->start(&error)) {
        qWarning() << "relay did not start:" << error;
        return false;
    }
    return true;
}

void TestRelaySecurity::cleanup()
{
    m_relay.reset();
}

QUrl TestRelaySecurity::negotiatedUrl(const QString &role, const QString &user, QString *token)
{
    const HttpReply reply
        = http("GET", "/negotiate?board=b1&role=" + role.toUtf8() + "&user=" + user.toUtf8());
    if (reply.status != 200)
        return {};
    if (token)
        *token = reply.json().value("token"_L1).toString();
    return QUrl(reply.json().value("url"_L1).toString());
}

QByteArray TestRelaySecurity::clientToken(const QString &hub, qint64 lifetimeSeconds, QDateTime now,
                                          const QString &key)
{
    ConnectionString cs;
    cs.endpoint = QUrl(u"http://127.0.0.1/"_s);
    cs.accessKey = key;
    ClientAccessOptions options;
    options.userId = u"mallory"_s;
    options.lifetimeSeconds = lifetimeSeconds;
    options.now = now;
    return clientAccessFor(cs, hub, options).token.toLatin1();
}

QByteArray TestRelaySecurity::upgradeHead(const QByteArray &target, const QByteArray &extraHeaders)
{
    return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(m_relay->port())
        + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
          "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Protocol: "
        + kReliable + "\r\n" + extraHeaders + "\r\n";
}

TestRelaySecurity::HttpReply
TestRelaySecurity::http(const QByteArray &method, const QByteArray &target,
                        const QByteArray &authorization, const QByteArray &body,
                        const QByteArray &contentType, const QByteArray &extraHeaders)
{
    RawConnection connection;
    HttpReply reply;
    if (!connection.open(m_relay->port()))
        return reply;
    QByteArray request = method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1:"
        + QByteArray::number(m_relay->port()) + "\r\nConnection: close\r\n";
    if (!authorization.isEmpty())
        request += "Authorization: " + authorization + "\r\n";
    if (!body.isEmpty() || method == "POST")
        request += "Content-Type: " + contentType
            + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
    connection.write(request + extraHeaders + "\r\n" + body);
    reply.status = connection.readHead();
    reply.headers = connection.headers;
    reply.body = connection.readBody();
    return reply;
}

namespace {
QByteArray forwardedForHeader(const std::optional<QByteArray> &value)
{
    return value ? QByteArray("X-Forwarded-For: " + *value + "\r\n") : QByteArray();
}
} // namespace

TestRelaySecurity::HttpReply
TestRelaySecurity::forwarded(const QByteArray &target,
                             const std::optional<QByteArray> &forwardedFor,
                             const QByteArray &authorization)
{
    return http("GET", target, authorization, {}, {}, forwardedForHeader(forwardedFor));
}

std::unique_ptr<RawConnection>
TestRelaySecurity::upgrade(const QUrl &url, const std::optional<QByteArray> &forwardedFor,
                           int *status)
{
    auto connection = std::make_unique<RawConnection>();
    *status = 0;
    if (!connection->open(m_relay->port()))
        return connection;
    const QByteArray target
        = url.toString(QUrl::FullyEncoded | QUrl::RemoveScheme | QUrl::RemoveAuthority).toLatin1();
    connection->write(upgradeHead(target, forwardedForHeader(forwardedFor)));
    *status = connection->readHead();
    return connection;
}

qint64 TestRelaySecurity::metric(const QByteArray &name)
{
    const QByteArray text = http("GET", "/metrics").body;
    for (const QByteArray &line : text.split('\n')) {
        if (line.startsWith(QByteArray(name + ' ')))
            return line.mid(name.size() + 1).toLongLong();
    }
    return -1;
}

// ---- tokens -----------------------------------------------------------------------------

void TestRelaySecurity::tokens_data()
{
    QTest::addColumn<TokenCase>("token");
    QTest::addColumn<bool>("inHeader"); // Authorization: Bearer instead of access_token
    QTest::addColumn<int>("status"); // of the upgrade
    QTest::addColumn<int>("closeCode"); // after a 101: 0 = the session opens (connected)

    QTest::addRow("missing token") << TokenCase::Missing << false << 401 << 0;
    QTest::addRow("expired") << TokenCase::Expired << false << 401 << 0;
    QTest::addRow("expired, in Authorization") << TokenCase::Expired << true << 401 << 0;
    QTest::addRow("not yet valid (nbf in an hour)") << TokenCase::NotYetValid << false << 401 << 0;
    QTest::addRow("signed with another key") << TokenCase::WrongKey << false << 401 << 0;
    QTest::addRow("signed with another key, in Authorization")
        << TokenCase::WrongKey << true << 401 << 0;
    QTest::addRow("for another hub") << TokenCase::OtherHub << false << 401 << 0;
    QTest::addRow("alg none, no signature") << TokenCase::AlgNone << false << 401 << 0;
    QTest::addRow("alg HS512 with the right key") << TokenCase::AlgHs512 << false << 401 << 0;
    QTest::addRow("alg RS256") << TokenCase::AlgRs256 << true << 401 << 0;
    QTest::addRow("malformed base64") << TokenCase::MalformedBase64 << false << 401 << 0;
    QTest::addRow("characters not allowed in a URL") << TokenCase::NotUrlSafe << false << 400 << 0;
    QTest::addRow("two segments") << TokenCase::TwoSegments << true << 401 << 0;
    QTest::addRow("12 KiB token") << TokenCase::Large12KiB << false << 401 << 0;
    QTest::addRow("64 KiB token in the query") << TokenCase::Oversized64KiB << false << 431 << 0;
    QTest::addRow("64 KiB token in Authorization") << TokenCase::Oversized64KiB << true << 431 << 0;
    QTest::addRow("recovery: A's connection id with B's reconnection token")
        << TokenCase::RecoveryAWithTokenOfB << false << 101 << 1008;
    QTest::addRow("recovery: B's connection id with A's reconnection token")
        << TokenCase::RecoveryBWithTokenOfA << false << 101 << 1008;
    QTest::addRow("recovery: A's connection id with a random token")
        << TokenCase::RecoveryRandomToken << false << 101 << 1008;
    QTest::addRow("recovery: unknown connection id")
        << TokenCase::RecoveryUnknownConnection << false << 101 << 1008;
    QTest::addRow("control: recovery with A's own token")
        << TokenCase::RecoveryOwnToken << false << 101 << 0;
    QTest::addRow("control: valid token") << TokenCase::Valid << false << 101 << 0;
    QTest::addRow("control: valid token, in Authorization") << TokenCase::Valid << true << 101 << 0;
}

void TestRelaySecurity::tokens()
{
    QFETCH(TokenCase, token);
    QFETCH(bool, inHeader);
    QFETCH(int, status);
    QFETCH(int, closeCode);
    QVERIFY(startRelay());

    // Two reliable sessions whose reconnection tokens the recovery rows mix up.
    Client a;
    Client b;
    a.open(negotiatedUrl(u"viewer"_s, u"alice"_s));
    b.open(negotiatedUrl(u"viewer"_s, u"bob"_s));
    QVERIFY(a.waitConnected() && b.waitConnected());
    const wps::Connected ca = a.all<wps::Connected>().constFirst();
    const wps::Connected cb = b.all<wps::Connected>().constFirst();
    QVERIFY(ca.reconnectionToken && cb.reconnectionToken);

    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const QJsonObject claims { { u"aud"_s, QString(u"http://127.0.0.1/client/hubs/"_s + kHub) },
                               { u"sub"_s, u"mallory"_s },
                               { u"iat"_s, now },
                               { u"exp"_s, now + 3600 } };
    const QByteArray key = kAccessKey.toUtf8();
    QByteArray jwt;
    QString connectionId;
    QString reconnectionToken;
    switch (token) {
    case TokenCase::Missing:
        break;
    case TokenCase::Expired:
        jwt = clientToken(kHub, 3600, QDateTime::currentDateTimeUtc().addSecs(-7200));
        break;
    case TokenCase::NotYetValid: {
        QJsonObject early = claims;
        early.insert(u"nbf"_s, now + 3600);
        early.insert(u"exp"_s, now + 7200);
        jwt = Jwt::sign(early, key);
        break;
    }
    case TokenCase::WrongKey:
        jwt = clientToken(kHub, 3600, QDateTime::currentDateTimeUtc(),
                          u"not-the-relay-key-0123456789"_s);
        break;
    case TokenCase::OtherHub:
        jwt = clientToken(u"OtherHub"_s);
        break;
    case TokenCase::AlgNone:
        jwt = handMadeToken({ { u"alg"_s, u"none"_s }, { u"typ"_s, u"JWT"_s } }, claims, key,
                            Signature::None);
        break;
    case TokenCase::AlgHs512:
        jwt = handMadeToken({ { u"alg"_s, u"HS512"_s }, { u"typ"_s, u"JWT"_s } }, claims, key,
                            Signature::Hs512);
        break;
    case TokenCase::AlgRs256:
        jwt = handMadeToken({ { u"alg"_s, u"RS256"_s }, { u"typ"_s, u"JWT"_s } }, claims, key,
                            Signature::Garbage);
        break;
    case TokenCase::MalformedBase64:
        jwt = "e!!!.*()*.~~~~";
        break;
    case TokenCase::NotUrlSafe:
        jwt = "e@@@.#$%^.{}";
        break;
    case TokenCase::TwoSegments:
        jwt = QString::fromLatin1(clientToken(kHub)).section(u'.', 0, 1).toLatin1();
        break;
    case TokenCase::Large12KiB:
    case TokenCase::Oversized64KiB: {
        QJsonObject padded = claims;
        padded.insert(u"pad"_s,
                      QString(token == TokenCase::Large12KiB ? 9 * 1024 : 64 * 1024, u'x'));
        jwt = handMadeToken({ { u"alg"_s, u"HS256"_s } }, padded, "guessed-key", Signature::Hs256);
        break;
    }
    case TokenCase::RecoveryAWithTokenOfB:
        connectionId = ca.connectionId;
        reconnectionToken = *cb.reconnectionToken;
        break;
    case TokenCase::RecoveryBWithTokenOfA:
        connectionId = cb.connectionId;
        reconnectionToken = *ca.reconnectionToken;
        break;
    case TokenCase::RecoveryRandomToken:
        connectionId = ca.connectionId;
        reconnectionToken = QString::fromLatin1(base64Url(QByteArray(24, 'k')));
        break;
    case TokenCase::RecoveryUnknownConnection:
        connectionId = u"no-such-connection"_s;
        reconnectionToken = *ca.reconnectionToken;
        break;
    case TokenCase::RecoveryOwnToken:
        connectionId = ca.connectionId;
        reconnectionToken = *ca.reconnectionToken;
        break;
    case TokenCase::Valid:
        jwt = clientToken(kHub);
        break;
    }

    QByteArray target = "/client/hubs/" + kHub.toUtf8();
    QByteArray headers;
    if (!connectionId.isEmpty()) {
        QUrlQuery query;
        query.addQueryItem(u"awps_connection_id"_s, connectionId);
        query.addQueryItem(u"awps_reconnection_token"_s, reconnectionToken);
        target += '?' + query.toString(QUrl::FullyEncoded).toLatin1();
    } else if (!jwt.isEmpty() && inHeader) {
        headers = "Authorization: Bearer " + jwt + "\r\n";
    } else if (!jwt.isEmpty()) {
        target += "?access_token=" + jwt;
    }
    RawConnection raw;
    QVERIFY(raw.open(m_relay->port()));
    raw.write(upgradeHead(target, headers));
    QCOMPARE(raw.readHead(), status);

    if (status != 101) {
        // Refused before any WebSocket exists, with a JSON body that says why.
        const QJsonObject body = QJsonDocument::fromJson(raw.readBody()).object();
        QVERIFY2(!body.value("message"_L1).toString().isEmpty(),
                 QJsonDocument(body).toJson().constData());
        QCOMPARE(raw.headers.value("x-ms-error-code"), body.value("code"_L1).toString().toLatin1());
        QCOMPARE(m_relay->hub()->gauges().sessions, qint64(2)); // only a and b
        // Refused tokens are counted; requests that are not HTTP at all are counted apart.
        QCOMPARE(m_relay->metrics().authFailures, quint64(status == 401 ? 1 : 0));
        QCOMPARE(m_relay->metrics().badHttpRequests, quint64(status == 401 ? 0 : 1));
        return;
    }
    const RawConnection::Frame frame = raw.readFrame();
    if (closeCode != 0) {
        QCOMPARE(frame.opcode, 0x8);
        QCOMPARE(frame.closeCode(), closeCode);
        QCOMPARE(m_relay->metrics().recoveriesRejected, quint64(1));
    } else {
        QCOMPARE(frame.opcode, 0x1);
        QVERIFY2(frame.payload.contains("\"connected\""), frame.payload.constData());
    }
    // A refused recovery leaves both sessions as they were.
    if (token != TokenCase::RecoveryOwnToken) {
        QVERIFY(a.sync());
        QVERIFY(b.sync());
        QCOMPARE(a.socket.state(), QAbstractSocket::ConnectedState);
    }
}

// ---- roles ------------------------------------------------------------------------------

void TestRelaySecurity::roles_data()
{
    QTest::addColumn<QString>("role");
    QTest::addColumn<Channel>("channel");
    QTest::addColumn<QString>("group"); // b1.annotations, b1.metrics or b1.presence
    QTest::addColumn<QString>("outcome"); // ack error name, HTTP status, "success" or "none"
    QTest::addColumn<bool>("delivered"); // what a listener in every group receives

    const QString annotations = u"b1.annotations"_s;
    const QString metrics = u"b1.metrics"_s;
    const QString presence = u"b1.presence"_s;
    const auto row = [](const char *name, const QString &role, Channel channel,
                        const QString &group, const QString &outcome, bool delivered) {
        QTest::addRow("%s", name) << role << channel << group << outcome << delivered;
    };

    // A viewer: no annotation, no metric, by any channel.
    row("viewer: sendToGroup annotation", u"viewer"_s, Channel::SendToGroup, annotations,
        u"Forbidden"_s, false);
    row("viewer: sendToGroup annotation without ackId", u"viewer"_s, Channel::SendToGroupNoAck,
        annotations, u"none"_s, false);
    row("viewer: joins the annotations group, then sends", u"viewer"_s,
        Channel::JoinThenSendToGroup, annotations, u"Forbidden"_s, false);
    row("viewer: annotation as an event", u"viewer"_s, Channel::Event, annotations, u"success"_s,
        false);
    row("viewer: sendToGroup metrics", u"viewer"_s, Channel::SendToGroup, metrics, u"Forbidden"_s,
        false);
    row("viewer: REST push metrics", u"viewer"_s, Channel::RestPushMetrics, metrics, u"401"_s,
        false);
    row("viewer: REST import annotations", u"viewer"_s, Channel::RestImportAnnotations, annotations,
        u"401"_s, false);
    row("viewer: REST group send to annotations", u"viewer"_s, Channel::RestGroupSend, annotations,
        u"401"_s, false);
    row("viewer: REST group send to metrics", u"viewer"_s, Channel::RestGroupSend, metrics,
        u"401"_s, false);
    row("viewer: REST send to all", u"viewer"_s, Channel::RestSendToAll, annotations, u"401"_s,
        false);
    // A source: metrics only.
    row("source: sendToGroup annotation", u"source"_s, Channel::SendToGroup, annotations,
        u"Forbidden"_s, false);
    row("source: sendToGroup presence", u"source"_s, Channel::SendToGroup, presence, u"Forbidden"_s,
        false);
    row("source: joinGroup annotations", u"source"_s, Channel::JoinThenSendToGroup, annotations,
        u"Forbidden"_s, false);
    row("source: REST import annotations", u"source"_s, Channel::RestImportAnnotations, annotations,
        u"401"_s, false);
    row("source: REST group send to annotations", u"source"_s, Channel::RestGroupSend, annotations,
        u"401"_s, false);
    // An annotator: annotations, not metrics.
    row("annotator: sendToGroup metrics", u"annotator"_s, Channel::SendToGroup, metrics,
        u"Forbidden"_s, false);
    row("annotator: REST push metrics", u"annotator"_s, Channel::RestPushMetrics, metrics, u"401"_s,
        false);
    row("annotator: REST group send to metrics", u"annotator"_s, Channel::RestGroupSend, metrics,
        u"401"_s, false);
    row("annotator: REST import annotations (admin only)", u"annotator"_s,
        Channel::RestImportAnnotations, annotations, u"401"_s, false);
    // Controls: what each role may do arrives, so the refusals above are not vacuous.
    row("control: annotator annotates", u"annotator"_s, Channel::SendToGroup, annotations,
        u"success"_s, true);
    row("control: source publishes metrics", u"source"_s, Channel::SendToGroup, metrics,
        u"success"_s, true);
    row("control: source pushes metrics over REST", u"source"_s, Channel::RestPushMetrics, metrics,
        u"202"_s, true);
    row("control: viewer sends presence", u"viewer"_s, Channel::SendToGroup, presence, u"success"_s,
        true);
}

void TestRelaySecurity::roles()
{
    QFETCH(QString, role);
    QFETCH(Channel, channel);
    QFETCH(QString, group);
    QFETCH(QString, outcome);
    QFETCH(bool, delivered);
    QVERIFY(startRelay());

    Client listener;
    listener.open(negotiatedUrl(u"admin"_s, u"listener"_s));
    QVERIFY(listener.waitConnected());
    quint64 listenerAck = 0;
    for (const QString &g : { u"b1.annotations"_s, u"b1.metrics"_s, u"b1.presence"_s })
        listener.send(wps::JoinGroup { g, ++listenerAck });
    QTRY_VERIFY(listener.ack(listenerAck));

    QString token;
    Client actor;
    actor.open(negotiatedUrl(role, u"actor"_s, &token));
    QVERIFY(actor.waitConnected());
    QVERIFY(!token.isEmpty());

    // What the actor tries to get to the listener.
    session::Annotation annotation;
    annotation.id = u"a-1"_s;
    annotation.t0 = 1'700'000'000'000;
    annotation.text = u"deploy started"_s;
    annotation.color = u"#ff0000"_s;
    annotation.clock = { 1'700'000'000'000, 0, u"actor"_s };
    session::MetricsFrame frame;
    frame.source = u"actor"_s;
    frame.series = { session::MetricSeries {
        u"cpu"_s, std::nullopt, std::nullopt, std::nullopt, { { 1'700'000'000'000, 0.5 } } } };
    const QJsonObject payload = group.endsWith(".metrics"_L1) ? session::encode(frame)
        : group.endsWith(".annotations"_L1)
        ? session::encode(session::AnnotationOp { session::AnnotationOp::Kind::Put, annotation })
        : QJsonObject { { u"type"_s, u"bye"_s } };
    const QByteArray bearer = "Bearer " + token.toLatin1();

    QString actual;
    switch (channel) {
    case Channel::SendToGroup:
    case Channel::SendToGroupNoAck:
        actor.send(wps::SendToGroup {
            group, channel == Channel::SendToGroup ? std::optional<quint64>(7) : std::nullopt,
            false, wps::DataType::Json, payload });
        break;
    case Channel::JoinThenSendToGroup:
        actor.send(wps::JoinGroup { group, 6 });
        QTRY_VERIFY(actor.ack(6));
        if (!actor.ack(6)->success) {
            actual = actor.ack(6)->errorName; // a source may not even join
            break;
        }
        actor.send(wps::SendToGroup { group, 7, false, wps::DataType::Json, payload });
        break;
    case Channel::Event:
        actor.send(wps::SendEvent { u"annotation"_s, 7, wps::DataType::Json, payload });
        break;
    case Channel::RestPushMetrics:
        actual = QString::number(
            http("POST", "/api/boards/b1/metrics", bearer, compactJson(payload)).status);
        break;
    case Channel::RestImportAnnotations: {
        const QJsonObject snapshot = session::encode(session::Snapshot { { annotation } });
        actual = QString::number(
            http("POST", "/api/boards/b1/annotations", bearer, compactJson(snapshot)).status);
        break;
    }
    case Channel::RestGroupSend:
        actual = QString::number(http("POST",
                                      "/api/hubs/" + kHub.toUtf8() + "/groups/" + group.toUtf8()
                                          + "/:send?api-version=2024-01-01",
                                      bearer, compactJson(payload))
                                     .status);
        break;
    case Channel::RestSendToAll:
        actual = QString::number(
            http("POST", "/api/hubs/" + kHub.toUtf8() + "/:send?api-version=2024-01-01", bearer,
                 compactJson(payload))
                .status);
        break;
    }
    // Every frame the actor sent has been handled once its ping is answered.
    QVERIFY(actor.sync());
    if (actual.isEmpty()) {
        const auto ack = actor.ack(7);
        actual = !ack ? u"none"_s : ack->success ? u"success"_s : ack->errorName;
    }
    QCOMPARE(actual, outcome);

    // A marker the relay sends after the attempt: the listener has everything before it once
    // the marker is there, in every group (a refused message must be in none of them).
    for (const QString &g : { u"b1.annotations"_s, u"b1.metrics"_s, u"b1.presence"_s })
        m_relay->hub()->sendToGroup(
            kHub, g, wps::EncodedData::forGroup(g, std::nullopt, wps::DataType::Text, u"marker"_s),
            {});
    QTRY_COMPARE(listener.count<wps::GroupMessage>(), qsizetype(delivered ? 4 : 3));
    const QList<wps::GroupMessage> received = listener.all<wps::GroupMessage>();
    if (delivered) {
        QCOMPARE(received.first().group, group);
        QCOMPARE(received.first().data.toObject().value("type"_L1), payload.value("type"_L1));
    }
    for (const wps::GroupMessage &m : received) {
        if (!delivered)
            QCOMPARE(m.data, QJsonValue(u"marker"_s));
    }
}

// ---- invites ----------------------------------------------------------------------------

void TestRelaySecurity::inviteGuessingIsRateLimited()
{
    const QString secret = u"invite-secret-for-the-team"_s;
    QVERIFY(startRelay([&](RelayConfig &c) {
        c.invites = { InviteSecret { u"annotator"_s, secret } };
        c.inviteFailuresPerMinute = 3;
    }));
    const QByteArray good = "/negotiate?board=b1&invite=" + secret.toUtf8();
    // The right secret works, and does not reset anything for the guesses that follow.
    QCOMPARE(http("GET", good).status, 200);
    // A missing invite is no guess.
    QCOMPARE(http("GET", "/negotiate?board=b1").status, 401);
    for (int i = 0; i < 3; ++i) {
        const HttpReply reply
            = http("GET", "/negotiate?board=b1&invite=guess-" + QByteArray::number(i));
        QCOMPARE(reply.status, 401);
        QCOMPARE(reply.json().value("code"_L1), QJsonValue(u"Unauthorized"_s));
    }
    // Budget spent: guesses, and now also the right secret, in the query or as a bearer.
    for (const auto &[target, authorization] :
         { std::pair { QByteArray("/negotiate?board=b1&invite=guess-3"), QByteArray() },
           std::pair { good, QByteArray() },
           std::pair { QByteArray("/negotiate?board=b1"),
                       QByteArray("Bearer " + secret.toUtf8()) } }) {
        const HttpReply reply = http("GET", target, authorization);
        QCOMPARE(reply.status, 429);
        QCOMPARE(reply.json().value("code"_L1), QJsonValue(u"TooManyRequests"_s));
        QVERIFY2(reply.json()
                     .value("message"_L1)
                     .toString()
                     .contains(u"too many wrong invite secrets"_s),
                 reply.body.constData());
        QCOMPARE(reply.headers.value("x-ms-error-code"), QByteArray("TooManyRequests"));
        const int retryAfter = reply.headers.value("retry-after").toInt();
        QVERIFY2(retryAfter >= 1 && retryAfter <= 60,
                 reply.headers.value("retry-after").constData());
        QVERIFY(!reply.body.contains(secret.toUtf8()));
    }
    QCOMPARE(m_relay->metrics().limitRefusalsInvites, quint64(3));
    QCOMPARE(metric("watchroom_relay_limit_refusals_total{reason=\"invite_failures\"}"), 3);
    // Other endpoints are not affected by the block.
    QCOMPARE(http("GET", "/healthz").status, 200);
}

// ---- clients behind a reverse proxy -----------------------------------------------------

namespace {
// Documentation ranges (RFC 5737, RFC 3849): never a real client, never loopback.
const QByteArray kClientA = "203.0.113.10";
const QByteArray kClientB = "203.0.113.20";
const QString kTeamSecret = u"invite-secret-for-the-team"_s;

Subnet subnet(const QString &text)
{
    return QHostAddress::parseSubnet(text);
}
} // namespace

void TestRelaySecurity::forwardedClientsAreLimitedApart()
{
    QVERIFY(startRelay([](RelayConfig &c) {
        c.invites = { InviteSecret { u"annotator"_s, kTeamSecret } };
        c.inviteFailuresPerMinute = 3;
        c.trustedProxies = { subnet(u"127.0.0.0/8"_s) }; // the test's "proxy" is 127.0.0.1
    }));
    const QByteArray good = "/negotiate?board=b1&invite=" + kTeamSecret.toUtf8();
    const QByteArray guess = "/negotiate?board=b1&invite=guess";
    LogCapture capture;
    for (int i = 0; i < 3; ++i)
        QCOMPARE(forwarded(guess, kClientA).status, 401);
    // A is blocked, the right secret included; so is A behind a second trusted proxy, and A
    // with a made-up address in front (the proxy appends the real one on the right).
    QCOMPARE(forwarded(guess, kClientA).status, 429);
    QCOMPARE(forwarded(good, kClientA).status, 429);
    QCOMPARE(forwarded(good, QByteArray(kClientA + ", 127.0.0.9")).status, 429);
    QCOMPARE(forwarded(good, QByteArray("198.51.100.1, " + kClientA)).status, 429);
    // Separate repeated headers are one list, in order.
    QCOMPARE(http("GET", good, {}, {}, {},
                  "X-Forwarded-For: 198.51.100.1\r\nX-Forwarded-For: " + kClientA + "\r\n")
                 .status,
             429);
    // B, behind the same proxy, and the proxy's own requests are not.
    QCOMPARE(forwarded(good, kClientB).status, 200);
    QCOMPARE(forwarded(guess, kClientB).status, 401);
    QCOMPARE(forwarded(good, kClientB).status, 200);
    QCOMPARE(forwarded(good, std::nullopt).status, 200);
    QCOMPARE(m_relay->metrics().limitRefusalsInvites, quint64(5));
    // The log names the client, not the proxy.
    const QStringList lines = LogCapture::lines();
    QVERIFY2(lines.filter(u"wrong invite secret from"_s).size() == 4,
             qPrintable(lines.join(u'\n')));
    QCOMPARE(lines.filter(u"wrong invite secret from \"203.0.113.10\""_s).size(), 3);
    QCOMPARE(lines.filter(u"wrong invite secret from \"203.0.113.20\""_s).size(), 1);
}

void TestRelaySecurity::spoofedForwardedForChangesNothing_data()
{
    QTest::addColumn<QStringList>("trusted");
    QTest::addRow("no trusted proxy") << QStringList {};
    QTest::addRow("trusted proxies elsewhere") << QStringList { u"10.0.0.0/8"_s, u"fd00::/8"_s };
}

void TestRelaySecurity::spoofedForwardedForChangesNothing()
{
    QFETCH(QStringList, trusted);
    QVERIFY(startRelay([&](RelayConfig &c) {
        c.invites = { InviteSecret { u"annotator"_s, kTeamSecret } };
        c.inviteFailuresPerMinute = 3;
        for (const QString &range : std::as_const(trusted))
            c.trustedProxies.append(subnet(range));
    }));
    // Every guess claims another client; all of them are 127.0.0.1's.
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(forwarded("/negotiate?board=b1&invite=guess",
                           QByteArray("203.0.113." + QByteArray::number(i)))
                     .status,
                 401);
    }
    const QByteArray good = "/negotiate?board=b1&invite=" + kTeamSecret.toUtf8();
    QCOMPARE(forwarded(good, "198.51.100.99").status, 429);
    QCOMPARE(forwarded(good, "10.0.0.1").status, 429);
    QCOMPARE(forwarded(good, std::nullopt).status, 429);
    QCOMPARE(m_relay->metrics().limitRefusalsInvites, quint64(3));
}

void TestRelaySecurity::malformedForwardedForCountsAsTheProxy_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addRow("garbage") << QByteArray("not an address");
    QTest::addRow("empty") << QByteArray("");
    QTest::addRow("blank") << QByteArray("   ");
    QTest::addRow("5 KB of commas") << QByteArray(5000, ',');
    QTest::addRow("5 KB of addresses and garbage")
        << QByteArray(QByteArray("203.0.113.1,").repeated(400) + "x");
    QTest::addRow("host name with a port") << QByteArray("client.example:4711");
    QTest::addRow("address with an empty port") << QByteArray("203.0.113.7:");
    QTest::addRow("address with a path") << QByteArray("203.0.113.7:4711/x");
    QTest::addRow("unknown") << QByteArray("unknown");
    QTest::addRow("garbage after a real client") << QByteArray("203.0.113.7, garbage");
    QTest::addRow("binary") << QByteArray("\x01\x7f\xfe\xff", 4);
}

void TestRelaySecurity::malformedForwardedForCountsAsTheProxy()
{
    QFETCH(QByteArray, header);
    QVERIFY(startRelay([](RelayConfig &c) {
        c.invites = { InviteSecret { u"annotator"_s, kTeamSecret } };
        c.inviteFailuresPerMinute = 2;
        c.trustedProxies = { subnet(u"127.0.0.1"_s) };
    }));
    // Served normally: negotiate, a WebSocket, a health check.
    const HttpReply ok = forwarded("/negotiate?board=b1&invite=" + kTeamSecret.toUtf8(), header);
    QCOMPARE(ok.status, 200);
    int status = 0;
    const auto socket = upgrade(QUrl(ok.json().value("url"_L1).toString()), header, &status);
    QCOMPARE(status, 101);
    QCOMPARE(forwarded("/healthz", header).status, 200);
    // Guesses with it count against the proxy's own address.
    for (int i = 0; i < 2; ++i)
        QCOMPARE(forwarded("/negotiate?board=b1&invite=guess", header).status, 401);
    QCOMPARE(forwarded("/negotiate?board=b1&invite=guess", std::nullopt).status, 429);
    QCOMPARE(forwarded("/negotiate?board=b1&invite=guess", kClientB).status, 401);
}

void TestRelaySecurity::sourceTokenGuessingIsRateLimited()
{
    const QString sourceToken = u"source-token-b1-Hq3rT8vLp2Xw"_s;
    QVERIFY(startRelay([&](RelayConfig &c) {
        c.sourceTokens = { u"b1="_s + sourceToken };
        c.inviteFailuresPerMinute = 3;
        c.trustedProxies = { subnet(u"127.0.0.1"_s) };
    }));
    const QByteArray right = "Bearer " + sourceToken.toUtf8();
    const auto push = [&](const QByteArray &authorization, const QByteArray &client) {
        return http("POST", "/api/boards/b1/metrics", authorization, "up 1\n", "text/plain",
                    "X-Forwarded-For: " + client + "\r\n");
    };
    QStringList secrets { sourceToken };
    LogCapture capture;
    QCOMPARE(push(right, kClientA).status, 202);
    // No credential, and a real token without the source role, are no guesses.
    QCOMPARE(push({}, kClientA).status, 401);
    QString viewerToken;
    QVERIFY(!negotiatedUrl(u"viewer"_s, u"v"_s, &viewerToken).isEmpty());
    secrets << viewerToken.section(u'.', -1); // its signature
    for (int i = 0; i < 4; ++i)
        QCOMPARE(push("Bearer " + viewerToken.toLatin1(), kClientA).status, 401);
    for (int i = 0; i < 3; ++i) {
        const QByteArray wrong = "wrong-source-token-" + QByteArray::number(i) + "-Zk4";
        secrets << QString::fromLatin1(wrong);
        QCOMPARE(push("Bearer " + wrong, kClientA).status, 401);
    }
    QCOMPARE(m_relay->metrics().limitRefusalsSourceTokens, quint64(0));
    // Blocked: another guess, and the right token too.
    secrets << u"wrong-source-token-3-Zk4"_s;
    for (const QByteArray &authorization :
         { QByteArray("Bearer wrong-source-token-3-Zk4"), right }) {
        const HttpReply reply = push(authorization, kClientA);
        QCOMPARE(reply.status, 429);
        QCOMPARE(reply.json().value("code"_L1), QJsonValue(u"TooManyRequests"_s));
        QVERIFY2(
            reply.json().value("message"_L1).toString().contains(u"too many wrong source tokens"_s),
            reply.body.constData());
        const int retryAfter = reply.headers.value("retry-after").toInt();
        QVERIFY2(retryAfter >= 1 && retryAfter <= 60,
                 reply.headers.value("retry-after").constData());
        QVERIFY(!reply.body.contains(sourceToken.toUtf8()));
    }
    QCOMPARE(m_relay->metrics().limitRefusalsSourceTokens, quint64(2));
    QCOMPARE(metric("watchroom_relay_limit_refusals_total{reason=\"source_token_failures\"}"), 2);
    QCOMPARE(metric("watchroom_relay_limit_refusals_total{reason=\"invite_failures\"}"), 0);
    // Another client behind the same proxy pushes as before.
    QCOMPARE(push(right, kClientB).status, 202);

    const QStringList lines = LogCapture::lines();
    QCOMPARE(lines.filter(u"wrong source token from \"203.0.113.10\""_s).size(), 3);
    for (const QString &secret : std::as_const(secrets)) {
        for (const QString &line : lines)
            QVERIFY2(!line.contains(secret), qPrintable(u"secret in the log: "_s + line.left(300)));
    }
}

// ---- per-connection limits --------------------------------------------------------------

void TestRelaySecurity::messageRateLimitCloses()
{
    QVERIFY(startRelay([](RelayConfig &c) {
        c.maxMessagesPerSecond = 20; // a burst of 40
        c.limitLoopback = true;
    }));
    // A burst within the bucket passes.
    Client polite;
    polite.open(negotiatedUrl(u"viewer"_s, u"polite"_s));
    QVERIFY(polite.waitConnected());
    for (int i = 0; i < 30; ++i)
        polite.send(wps::Ping {});
    QTRY_COMPARE(polite.count<wps::Pong>(), 30);
    QCOMPARE(polite.socket.state(), QAbstractSocket::ConnectedState);

    Client flood;
    flood.open(negotiatedUrl(u"viewer"_s, u"flood"_s));
    QVERIFY(flood.waitConnected());
    QSignalSpy closed(&flood.socket, &QWebSocket::disconnected);
    for (int i = 0; i < 200; ++i)
        flood.send(wps::Ping {});
    QVERIFY(closed.wait(5000) || closed.size() == 1);
    QCOMPARE(flood.socket.closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);
    const QString reason = flood.socket.closeReason();
    QCOMPARE(reason, u"message rate limit exceeded: more than 20 messages/s"_s);
    QVERIFY(reason.toUtf8().size() <= 123);
    // The SDKs see the same reason in a `disconnected` message before the close.
    QCOMPARE(flood.all<wps::Disconnected>().value(0).message, reason);
    QVERIFY(flood.count<wps::Pong>() < 200);
    QCOMPARE(m_relay->metrics().limitClosesMessageRate, quint64(1));
    QCOMPARE(metric("watchroom_relay_limit_closes_total{reason=\"message_rate\"}"), 1);
    QCOMPARE(metric("watchroom_relay_limit_closes_total{reason=\"byte_rate\"}"), 0);
    // Only the flooding connection.
    QVERIFY(polite.sync());
}

void TestRelaySecurity::byteRateLimitCloses()
{
    QVERIFY(startRelay([](RelayConfig &c) {
        c.maxBytesPerSecond = 10'000; // a burst of 20,000 (more than one 16 KiB frame)
        c.maxFrameBytes = 16 * 1024;
        c.limitLoopback = true;
    }));
    Client client;
    client.open(negotiatedUrl(u"viewer"_s, u"big"_s));
    QVERIFY(client.waitConnected());
    QSignalSpy closed(&client.socket, &QWebSocket::disconnected);
    // One 8 KiB event passes; a handful exhaust the bucket.
    const QString padding(8 * 1024, u'p');
    client.send(wps::SendEvent { u"e"_s, 1, wps::DataType::Text, padding });
    QTRY_VERIFY(client.ack(1));
    QVERIFY(client.ack(1)->success);
    for (quint64 i = 2; i < 12; ++i)
        client.send(wps::SendEvent { u"e"_s, i, wps::DataType::Text, padding });
    QVERIFY(closed.wait(5000) || closed.size() == 1);
    QCOMPARE(client.socket.closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);
    QCOMPARE(client.socket.closeReason(), u"byte rate limit exceeded: more than 10000 bytes/s"_s);
    QCOMPARE(m_relay->metrics().limitClosesByteRate, quint64(1));
    QCOMPARE(m_relay->metrics().limitClosesMessageRate, quint64(0));
}

void TestRelaySecurity::loopbackIsExemptByDefault()
{
    QVERIFY(startRelay([](RelayConfig &c) {
        c.maxMessagesPerSecond = 5;
        c.maxConnectionsPerAddress = 1;
    }));
    Client first;
    Client second;
    first.open(negotiatedUrl(u"viewer"_s, u"one"_s));
    second.open(negotiatedUrl(u"viewer"_s, u"two"_s));
    QVERIFY(first.waitConnected() && second.waitConnected());
    for (int i = 0; i < 100; ++i)
        first.send(wps::Ping {});
    QTRY_COMPARE(first.count<wps::Pong>(), 100);
    QCOMPARE(first.socket.state(), QAbstractSocket::ConnectedState);
    QCOMPARE(m_relay->metrics().limitClosesMessageRate, quint64(0));
    QCOMPARE(m_relay->metrics().limitRefusalsConnections, quint64(0));
}

// ---- per-address limit ------------------------------------------------------------------

void TestRelaySecurity::connectionsPerAddressAreLimited()
{
    QVERIFY(startRelay([](RelayConfig &c) {
        c.maxConnectionsPerAddress = 2;
        c.limitLoopback = true;
    }));
    const QUrl url = negotiatedUrl(u"viewer"_s, u"many"_s);
    auto first = std::make_unique<Client>();
    Client second;
    first->open(url);
    second.open(url);
    QVERIFY(first->waitConnected() && second.waitConnected());

    const QByteArray target
        = url.toString(QUrl::FullyEncoded | QUrl::RemoveScheme | QUrl::RemoveAuthority).toLatin1();
    {
        RawConnection third;
        QVERIFY(third.open(m_relay->port()));
        third.write(upgradeHead(target));
        QCOMPARE(third.readHead(), 429);
        const QJsonObject body = QJsonDocument::fromJson(third.readBody()).object();
        QCOMPARE(body.value("code"_L1), QJsonValue(u"TooManyRequests"_s));
        QVERIFY2(body.value("message"_L1)
                     .toString()
                     .contains(u"too many connections from this address"_s),
                 QJsonDocument(body).toJson().constData());
        QVERIFY(third.waitForClosed());
    }
    QCOMPARE(m_relay->metrics().limitRefusalsConnections, quint64(1));
    QCOMPARE(metric("watchroom_relay_limit_refusals_total{reason=\"connections_per_address\"}"), 1);
    // Plain HTTP from the same address is not counted.
    QCOMPARE(http("GET", "/healthz").status, 200);
    QCOMPARE(m_relay->hub()->gauges().connections, qint64(2));

    // A closed connection frees its place.
    first->socket.close();
    QTRY_COMPARE(m_relay->hub()->gauges().connections, qint64(1));
    first.reset();
    Client again;
    again.open(url);
    QVERIFY(again.waitConnected());
    QCOMPARE(m_relay->metrics().limitRefusalsConnections, quint64(1));
}

void TestRelaySecurity::connectionsPerAddressCountForwardedClients()
{
    // limit-loopback stays off: the proxy is on loopback, its clients are not.
    QVERIFY(startRelay([](RelayConfig &c) {
        c.maxConnectionsPerAddress = 2;
        c.trustedProxies = { subnet(u"127.0.0.1"_s) };
    }));
    const QUrl url = negotiatedUrl(u"viewer"_s, u"many"_s);
    QVERIFY(url.isValid());
    std::vector<std::unique_ptr<RawConnection>> open;
    int status = 0;
    for (int i = 0; i < 2; ++i) {
        open.push_back(upgrade(url, kClientA, &status));
        QCOMPARE(status, 101);
    }
    {
        const auto refused = upgrade(url, kClientA, &status);
        QCOMPARE(status, 429);
        QVERIFY(refused->readBody().contains("too many connections from this address"));
    }
    // Another client behind the proxy, and the proxy itself (loopback: exempt), are not.
    for (int i = 0; i < 2; ++i) {
        open.push_back(upgrade(url, kClientB, &status));
        QCOMPARE(status, 101);
    }
    for (int i = 0; i < 3; ++i) {
        open.push_back(upgrade(url, std::nullopt, &status));
        QCOMPARE(status, 101);
    }
    QCOMPARE(m_relay->metrics().limitRefusalsConnections, quint64(1));
    QTRY_COMPARE(m_relay->hub()->gauges().connections, qint64(7));

    // A closed connection frees its client's place.
    open.front().reset();
    QTRY_COMPARE(m_relay->hub()->gauges().connections, qint64(6));
    open.push_back(upgrade(url, kClientA, &status));
    QCOMPARE(status, 101);
    open.push_back(upgrade(url, kClientB, &status));
    QCOMPARE(status, 429);
    QCOMPARE(m_relay->metrics().limitRefusalsConnections, quint64(2));
}

void TestRelaySecurity::negotiateAdvertisesHowClientsReachTheRelay_data()
{
    QTest::addColumn<bool>("trustLoopbackProxy");
    QTest::addColumn<QString>("publicUrl");
    QTest::addColumn<QByteArray>("headers");
    QTest::addColumn<QString>("expected"); // start of the negotiated URL; %PORT% = the relay's

    const QString direct = u"ws://127.0.0.1:%PORT%/client/hubs/"_s;
    const QByteArray tlsProxy
        = "X-Forwarded-Proto: https\r\nX-Forwarded-Host: relay.example.org\r\n";
    QTest::addRow("no proxy: the request's Host") << false << QString() << QByteArray() << direct;
    QTest::addRow("untrusted peer: forwarded scheme and host ignored")
        << false << QString() << tlsProxy << direct;
    QTest::addRow("trusted proxy terminating TLS")
        << true << QString() << tlsProxy << u"wss://relay.example.org/client/hubs/"_s;
    QTest::addRow("trusted proxy, scheme only")
        << true << QString() << QByteArray("X-Forwarded-Proto: HTTPS\r\n")
        << u"wss://127.0.0.1:%PORT%/client/hubs/"_s;
    QTest::addRow("trusted proxies in a row: the first one's view")
        << true << QString()
        << QByteArray("X-Forwarded-Proto: https, http\r\n"
                      "X-Forwarded-Host: relay.example.org:8443, internal:80\r\n")
        << u"wss://relay.example.org:8443/client/hubs/"_s;
    QTest::addRow("trusted proxy, unknown scheme ignored")
        << true << QString() << QByteArray("X-Forwarded-Proto: gopher\r\n") << direct;
    QTest::addRow("trusted proxy, forwarded host with a path ignored")
        << true << QString() << QByteArray("X-Forwarded-Host: evil.example/x?y=1\r\n") << direct;
    QTest::addRow("trusted proxy, forwarded host with user info ignored")
        << true << QString() << QByteArray("X-Forwarded-Host: user@evil.example\r\n") << direct;
    QTest::addRow("public URL wins over Host")
        << false << u"https://relay.example.org:9443"_s << QByteArray()
        << u"wss://relay.example.org:9443/client/hubs/"_s;
    QTest::addRow("public URL wins over a trusted proxy's headers")
        << true << u"https://relay.example.org:9443"_s
        << QByteArray("X-Forwarded-Proto: http\r\nX-Forwarded-Host: other.example\r\n")
        << u"wss://relay.example.org:9443/client/hubs/"_s;
}

void TestRelaySecurity::negotiateAdvertisesHowClientsReachTheRelay()
{
    QFETCH(bool, trustLoopbackProxy);
    QFETCH(QString, publicUrl);
    QFETCH(QByteArray, headers);
    QFETCH(QString, expected);
    QVERIFY(startRelay([&](RelayConfig &c) {
        if (trustLoopbackProxy)
            c.trustedProxies = { subnet(u"127.0.0.1"_s) };
        c.publicUrl = publicUrl;
    }));
    expected.replace(u"%PORT%"_s, QString::number(m_relay->port()));

    const HttpReply negotiated
        = http("GET", "/negotiate?board=b1&role=viewer&user=u1", {}, {}, {}, headers);
    QCOMPARE(negotiated.status, 200);
    const QString url = negotiated.json().value("url"_L1).toString();
    QVERIFY2(url.startsWith(expected), qPrintable(url));

    // The service document at / advertises the same place (as http(s) URLs).
    const HttpReply root = http("GET", "/", {}, {}, {}, headers);
    QCOMPARE(root.status, 200);
    QString base = expected.left(expected.indexOf(u"/client/"_s)) + u"/negotiate"_s;
    base.replace(u"wss://"_s, u"https://"_s).replace(u"ws://"_s, u"http://"_s);
    QVERIFY2(QString::fromUtf8(root.body).contains(base), root.body.constData());
}

void TestRelaySecurity::forwardedClientsAreRateLimitedBehindALoopbackProxy()
{
    QVERIFY(startRelay([](RelayConfig &c) {
        c.maxMessagesPerSecond = 5; // a burst of 10
        c.trustedProxies = { subnet(u"127.0.0.1"_s) };
    }));
    const auto open = [&](Client *client, const QByteArray &forwardedFor) {
        QNetworkRequest request(negotiatedUrl(u"viewer"_s, u"fwd"_s));
        if (!forwardedFor.isEmpty())
            request.setRawHeader("X-Forwarded-For", forwardedFor);
        QWebSocketHandshakeOptions options;
        options.setSubprotocols({ QString::fromLatin1(kReliable) });
        client->socket.open(request, options);
        return client->waitConnected();
    };
    Client local; // the proxy's own connection: loopback, exempt
    Client remote;
    QVERIFY(open(&local, {}));
    QVERIFY(open(&remote, kClientA));
    QSignalSpy closed(&remote.socket, &QWebSocket::disconnected);
    for (int i = 0; i < 100; ++i) {
        local.send(wps::Ping {});
        remote.send(wps::Ping {});
    }
    QVERIFY(closed.wait(5000) || closed.size() == 1);
    QCOMPARE(remote.socket.closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);
    QTRY_COMPARE(local.count<wps::Pong>(), 100);
    QCOMPARE(local.socket.state(), QAbstractSocket::ConnectedState);
    QCOMPARE(m_relay->metrics().limitClosesMessageRate, quint64(1));
}

// ---- logging ----------------------------------------------------------------------------

void TestRelaySecurity::secretsNeverReachTheLog()
{
    const QString invite = u"team-invite-Zq8vW3nR5tY7"_s;
    const QString wrongInvite = u"guess-invite-Kx2mP9dL4sF6"_s;
    QVERIFY(startRelay([&](RelayConfig &c) {
        c.invites = { InviteSecret { u"annotator"_s, invite } };
        c.limitLoopback = true;
        c.maxMessagesPerSecond = 50;
    }));
    QStringList secrets { kAccessKey, invite, wrongInvite };
    {
        LogCapture capture;
        // Negotiate: right invite (query and bearer), wrong invite, then blocked.
        const HttpReply byQuery
            = http("GET", "/negotiate?board=b1&user=ann&invite=" + invite.toUtf8());
        QCOMPARE(byQuery.status, 200);
        const HttpReply byBearer
            = http("GET", "/negotiate?board=b1&user=ann", "Bearer " + invite.toUtf8());
        QCOMPARE(byBearer.status, 200);
        for (int i = 0; i < 12; ++i)
            QVERIFY(http("GET", "/negotiate?board=b1&invite=" + wrongInvite.toUtf8()).status
                    >= 401);
        const QString token = byQuery.json().value("token"_L1).toString();
        const QString bearerToken = byBearer.json().value("token"_L1).toString();
        secrets << token << bearerToken;

        // WebSockets: token in the query, in the header, a refused one, a recovery and a
        // refused recovery, then a client closed for its message rate.
        Client viaQuery;
        viaQuery.open(QUrl(byQuery.json().value("url"_L1).toString()));
        QVERIFY(viaQuery.waitConnected());
        const wps::Connected connected = viaQuery.all<wps::Connected>().constFirst();
        secrets << *connected.reconnectionToken;

        Client viaHeader;
        QNetworkRequest request(QUrl(byBearer.json().value("baseUrl"_L1).toString()));
        request.setRawHeader("Authorization", "Bearer " + bearerToken.toLatin1());
        QWebSocketHandshakeOptions options;
        options.setSubprotocols({ QString::fromLatin1(kReliable) });
        viaHeader.socket.open(request, options);
        QVERIFY(viaHeader.waitConnected());

        const QByteArray expired
            = clientToken(kHub, 60, QDateTime::currentDateTimeUtc().addDays(-1));
        secrets << QString::fromLatin1(expired);
        RawConnection refused;
        QVERIFY(refused.open(m_relay->port()));
        refused.write(upgradeHead("/client/hubs/watchroom?access_token=" + expired));
        QCOMPARE(refused.readHead(), 401);

        const QString bogusReconnection = u"bogus-reconnection-token-Yt6"_s;
        secrets << bogusReconnection;
        for (const QString &reconnection : { bogusReconnection, *connected.reconnectionToken }) {
            QUrl recovery(byQuery.json().value("baseUrl"_L1).toString());
            QUrlQuery query;
            query.addQueryItem(u"awps_connection_id"_s, connected.connectionId);
            query.addQueryItem(u"awps_reconnection_token"_s, reconnection);
            recovery.setQuery(query);
            Client recovering;
            QSignalSpy gone(&recovering.socket, &QWebSocket::disconnected);
            recovering.open(recovery);
            QTRY_VERIFY(recovering.count<wps::Connected>() > 0 || gone.size() > 0);
            if (!recovering.all<wps::Connected>().isEmpty())
                secrets << *recovering.all<wps::Connected>().constFirst().reconnectionToken;
        }

        // REST with a client token, and the source push with it.
        QCOMPARE(
            http("POST", "/api/hubs/watchroom/:send", "Bearer " + token.toLatin1(), "{}").status,
            401);
        QCOMPARE(http("POST", "/api/boards/b1/metrics", "Bearer " + token.toLatin1(), "{}").status,
                 401);

        Client flood;
        flood.open(QUrl(byQuery.json().value("url"_L1).toString()));
        QVERIFY(flood.waitConnected());
        QSignalSpy floodClosed(&flood.socket, &QWebSocket::disconnected);
        for (int i = 0; i < 300; ++i)
            flood.send(wps::Ping {});
        QTRY_COMPARE(floodClosed.size(), 1);
    }
    const QStringList lines = LogCapture::lines();
    // The capture works: the hub's debug lines and the info lines of the limits are there.
    const auto logged = [&](const QString &fragment) {
        return std::any_of(lines.cbegin(), lines.cend(),
                           [&](const QString &line) { return line.contains(fragment); });
    };
    QVERIFY2(logged(u"watchroom.relay.hub: connected"_s), qPrintable(lines.join(u'\n')));
    QVERIFY2(logged(u"message rate limit exceeded"_s), qPrintable(lines.join(u'\n')));
    QVERIFY2(logged(u"wrong invite secret from"_s), qPrintable(lines.join(u'\n')));
    for (const QString &secret : std::as_const(secrets)) {
        QVERIFY(secret.size() >= 16);
        // A JWT's header is no secret (every token has the same one); its signature is.
        const QString signature = secret.section(u'.', -1);
        for (const QString &line : lines) {
            QVERIFY2(!line.contains(secret) && !line.contains(signature),
                     qPrintable(u"secret in the log: "_s + line.left(300)));
        }
    }
}

// ---- building blocks --------------------------------------------------------------------

void TestRelaySecurity::limiterBuildingBlocks()
{
    // Address keys: IPv4 as is (also IPv4-mapped), IPv6 by /64.
    QCOMPARE(addressKey(QHostAddress(u"192.0.2.7"_s)), u"192.0.2.7"_s);
    QCOMPARE(addressKey(QHostAddress(u"::ffff:192.0.2.7"_s)), u"192.0.2.7"_s);
    QCOMPARE(addressKey(QHostAddress(u"2001:db8:1:2:aaaa::1"_s)),
             addressKey(QHostAddress(u"2001:db8:1:2:bbbb::2"_s)));
    QVERIFY(addressKey(QHostAddress(u"2001:db8:1:2::1"_s))
            != addressKey(QHostAddress(u"2001:db8:1:3::1"_s)));
    QVERIFY(isLoopbackAddress(QHostAddress(u"::ffff:127.0.0.1"_s)));
    QVERIFY(isLoopbackAddress(QHostAddress(u"::1"_s)));
    QVERIFY(!isLoopbackAddress(QHostAddress(u"192.0.2.7"_s)));

    // Token bucket: a burst of its capacity, then the rate.
    TokenBucket bucket(10, 20);
    const qint64 t0 = monotonicMs();
    int taken = 0;
    while (taken < 100 && bucket.take(1, t0))
        ++taken;
    QCOMPARE(taken, 20);
    QVERIFY(!bucket.take(1, t0 + 50));
    QVERIFY(bucket.take(1, t0 + 100)); // 10/s: one more after 100 ms
    QVERIFY(!bucket.take(1, t0 + 100));
    QVERIFY(bucket.take(20, t0 + 100'000)); // refills to its capacity, never beyond
    QVERIFY(!bucket.take(1, t0 + 100'000));
    QVERIFY(TokenBucket().take(1e9, t0)); // unlimited

    // Failure limiter: blocked after the budget until its window ends.
    FailureLimiter limiter(3, 60'000, 4);
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(limiter.blockedForMs(u"a"_s, 1000), qint64(0));
        limiter.recordFailure(u"a"_s, 1000 + i);
    }
    QCOMPARE(limiter.blockedForMs(u"a"_s, 2000), qint64(59'000));
    QCOMPARE(limiter.blockedForMs(u"b"_s, 2000), qint64(0));
    QCOMPARE(limiter.blockedForMs(u"a"_s, 61'000), qint64(0)); // window over
    QCOMPARE(limiter.trackedCount(), qsizetype(0));
    // Bounded: never more than maxTracked keys, the oldest window goes first.
    for (int i = 0; i < 100; ++i) {
        limiter.recordFailure(u"k%1"_s.arg(i), 100'000 + i);
        QVERIFY(limiter.trackedCount() <= 4);
    }
    limiter.recordFailure(u"k99"_s, 100'200);
    limiter.recordFailure(u"k99"_s, 100'201);
    QVERIFY(limiter.blockedForMs(u"k99"_s, 100'300) > 0);
}

void TestRelaySecurity::trustedProxyBuildingBlocks()
{
    const TrustedProxies none;
    const QHostAddress loopback(u"127.0.0.1"_s);
    QCOMPARE(none.clientAddress(loopback, "203.0.113.10"), loopback);

    const TrustedProxies proxies(
        { subnet(u"127.0.0.1"_s), subnet(u"10.0.0.0/8"_s), subnet(u"fd00::/8"_s) });
    QVERIFY(proxies.contains(QHostAddress(u"::ffff:127.0.0.1"_s))); // dual-stack peer
    QVERIFY(proxies.contains(QHostAddress(u"fd12::1"_s)));
    QVERIFY(!proxies.contains(QHostAddress(u"127.0.0.2"_s)));
    const auto client = [&](const char *peer, const QByteArray &header) {
        return proxies.clientAddress(QHostAddress(QString::fromLatin1(peer)), header).toString();
    };
    QCOMPARE(client("127.0.0.1", "203.0.113.10"), u"203.0.113.10"_s);
    QCOMPARE(client("::ffff:127.0.0.1", "203.0.113.10"), u"203.0.113.10"_s);
    // From the right, past every trusted proxy, to the first address that is not one.
    QCOMPARE(client("127.0.0.1", "198.51.100.1, 203.0.113.10, 10.1.1.1, fd00::5"),
             u"203.0.113.10"_s);
    QCOMPARE(client("127.0.0.1", "2001:db8::7"), u"2001:db8::7"_s);
    // Only proxies all the way: the farthest one.
    QCOMPARE(client("127.0.0.1", "10.0.0.1, 10.0.0.2"), u"10.0.0.1"_s);
    // Empty list elements say nothing; garbage before the client is never looked at.
    QCOMPARE(client("127.0.0.1", ",, 203.0.113.10 ,,"), u"203.0.113.10"_s);
    QCOMPARE(client("127.0.0.1", "garbage, 203.0.113.10"), u"203.0.113.10"_s);
    // Not trusted, no header, or a malformed entry on the way: the peer.
    QCOMPARE(client("192.0.2.1", "203.0.113.10"), u"192.0.2.1"_s);
    QCOMPARE(client("127.0.0.1", ""), u"127.0.0.1"_s);
    QCOMPARE(client("127.0.0.1", "203.0.113.10, 10.0.0.1:8080, bad"), u"127.0.0.1"_s);
    QCOMPARE(client("127.0.0.1", "203.0.113.10, client.example:8080"), u"127.0.0.1"_s);
    // Entries with a port, as some load balancers write them: the address counts.
    QCOMPARE(client("127.0.0.1", "203.0.113.7:4711"), u"203.0.113.7"_s);
    QCOMPARE(client("127.0.0.1", "[2001:db8::7]:4711"), u"2001:db8::7"_s);
    QCOMPARE(client("127.0.0.1", "[2001:db8::7]"), u"127.0.0.1"_s); // brackets need a port
    QCOMPARE(client("127.0.0.1", "203.0.113.10, 10.0.0.1:8080"), u"203.0.113.10"_s);
}

void TestRelaySecurity::redaction_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("secret");
    QTest::addColumn<QString>("kept"); // what must still be readable

    QTest::addRow("access_token in a ws URL")
        << u"connecting to ws://h:7300/client/hubs/x?access_token=eyJhbGciOiJIUzI1NiJ9.e30.sig"_s
        << u"eyJhbGciOiJIUzI1NiJ9"_s << u"ws://h:7300/client/hubs/x"_s;
    QTest::addRow("invite in a negotiate URL")
        << u"GET http://h/negotiate?board=main&invite=s3cret-for-the-team failed"_s
        << u"s3cret-for-the-team"_s << u"board=main"_s;
    QTest::addRow("reconnection token")
        << u"wss://h/client/hubs/x?awps_connection_id=c1&awps_reconnection_token=rt-secret"_s
        << u"rt-secret"_s << u"awps_connection_id=c1"_s;
    QTest::addRow("password in a URL")
        << u"postgresql://u:pa55word@db/w"_s << u"pa55word"_s << u"db"_s;
    QTest::addRow("scrape error quoting its URL")
        << u"http://h:9100/metrics?token=abc123xyz: Error transferring http://h:9100/metrics?token=abc123xyz - server replied: Forbidden"_s
        << u"abc123xyz"_s << u"server replied: Forbidden"_s;
    QTest::addRow("bearer") << u"sent Authorization: Bearer abc.def.ghi"_s << u"abc.def.ghi"_s
                            << u"Authorization"_s;
    QTest::addRow("connection string")
        << u"Endpoint=http://h;Port=7300;AccessKey=k3y-value;Version=1.0;"_s << u"k3y-value"_s
        << u"Endpoint="_s;
}

void TestRelaySecurity::redaction()
{
    QFETCH(QString, text);
    QFETCH(QString, secret);
    QFETCH(QString, kept);
    const QString redacted = redactSecrets(text);
    QVERIFY2(!redacted.contains(secret), qPrintable(redacted));
    QVERIFY2(redacted.contains(kept), qPrintable(redacted));
}

QTEST_GUILESS_MAIN(TestRelaySecurity)
#include "tst_relaysecurity.moc"
