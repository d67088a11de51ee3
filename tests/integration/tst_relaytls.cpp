// Integration tests of the relay with TLS: one port serving wss:// clients and https:// REST,
// negotiate and /healthz, using the self-signed test certificate in tests/data/tls/. Clients
// trust exactly that certificate; nothing here ignores TLS errors.
#include "accessurl.h"
#include "connectionstring.h"
#include "relay.h"
#include "webpubsub.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketHandshakeOptions>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

using namespace Qt::StringLiterals;

namespace {

constexpr int kTimeoutMs = 5000;
const QString kHub = u"Chat_Hub"_s;
const QString kAccessKey = u"access-key-for-the-tls-tests-0123456789abcdef"_s;

QJsonObject parseObject(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

// A wss:// client recording every frame, decoded as JSON, and every TLS error it saw.
class Client
{
public:
    Client()
    {
        QObject::connect(
            &socket, &QWebSocket::textMessageReceived, &socket,
            [this](const QString &text) { frames.append(parseObject(text.toUtf8())); });
        QObject::connect(&socket, &QWebSocket::sslErrors, &socket,
                         [this](const QList<QSslError> &errors) { sslErrors += errors; });
        QObject::connect(&socket, &QWebSocket::disconnected, &socket, [this] { closed = true; });
    }
    ~Client()
    {
        socket.disconnect();
        socket.abort();
    }
    Q_DISABLE_COPY_MOVE(Client)

    void open(const QUrl &url, const std::optional<QSslConfiguration> &tls)
    {
        if (tls)
            socket.setSslConfiguration(*tls);
        QWebSocketHandshakeOptions options;
        options.setSubprotocols({ QString(wr::wps::kJsonReliableProtocol) });
        socket.open(QNetworkRequest(url), options);
    }

    void send(const QJsonObject &frame)
    {
        socket.sendTextMessage(
            QString::fromUtf8(QJsonDocument(frame).toJson(QJsonDocument::Compact)));
    }

    std::optional<QJsonObject> find(const std::function<bool(const QJsonObject &)> &match) const
    {
        for (const QJsonObject &frame : frames) {
            if (match(frame))
                return frame;
        }
        return std::nullopt;
    }
    std::optional<QJsonObject> connected() const
    {
        return find([](const QJsonObject &f) {
            return f.value("type"_L1) == "system"_L1 && f.value("event"_L1) == "connected"_L1;
        });
    }
    std::optional<QJsonObject> ack(qint64 ackId) const
    {
        return find([ackId](const QJsonObject &f) {
            return f.value("type"_L1) == "ack"_L1 && f.value("ackId"_L1).toInteger() == ackId;
        });
    }
    std::optional<QJsonObject> message(const QJsonValue &data) const
    {
        return find([&data](const QJsonObject &f) {
            return f.value("type"_L1) == "message"_L1 && f.value("data"_L1) == data;
        });
    }

    QList<QJsonObject> frames;
    QList<QSslError> sslErrors;
    bool closed = false;
    QWebSocket socket; // last: destroyed first, while the members its lambdas use still exist
};

struct HttpReply
{
    int status = 0; // 0: no HTTP response
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
    QByteArray contentType;
    QList<QSslError> sslErrors;
    QSslCertificate peerCertificate;
};

} // namespace

class TestRelayTls : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void webSocketOverTlsRoundTrip();
    void httpsHealthzAndNegotiate();
    void untrustedClientsAreRefused();
    void plaintextToTheTlsPortFailsCleanly_data();
    void plaintextToTheTlsPortFailsCleanly();
    void unusableTlsFilesStopTheStart_data();
    void unusableTlsFilesStopTheStart();

private:
    wr::RelayConfig tlsConfig() const;
    QSslConfiguration trustingTestCertificate() const;
    QUrl url(const QString &encodedPathAndQuery) const;
    HttpReply get(const QUrl &url, const std::optional<QSslConfiguration> &tls,
                  QNetworkAccessManager *nam = nullptr);
    Client *openClient(const QUrl &url, const std::optional<QSslConfiguration> &tls);
    wr::ClientAccess access(const QString &userId, const QStringList &roles,
                            const QStringList &groups) const;

    QString m_certificatePath;
    QString m_keyPath;
    QSslCertificate m_certificate;
    std::unique_ptr<wr::Relay> m_relay;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::vector<std::unique_ptr<Client>> m_clients;
};

// ---- fixture ----------------------------------------------------------------------------

void TestRelayTls::initTestCase()
{
    if (!QSslSocket::supportsSsl())
        QSKIP("this Qt has no TLS backend");
    m_certificatePath = QFINDTESTDATA("../data/tls/localhost.crt");
    m_keyPath = QFINDTESTDATA("../data/tls/localhost.key");
    QVERIFY2(!m_certificatePath.isEmpty() && !m_keyPath.isEmpty(),
             "tests/data/tls/localhost.{crt,key} not found");
    QVERIFY(QFileInfo(m_certificatePath).isAbsolute());
    const QList<QSslCertificate> certificates = QSslCertificate::fromPath(m_certificatePath);
    QCOMPARE(certificates.size(), 1);
    m_certificate = certificates.constFirst();
    QVERIFY(!m_certificate.isNull());
}

wr::RelayConfig TestRelayTls::tlsConfig() const
{
    wr::RelayConfig config;
    config.listenAddress = QHostAddress::LocalHost;
    config.port = 0;
    config.accessKeys = { kAccessKey };
    config.dataDir.clear();
    config.tlsCertificatePath = m_certificatePath;
    config.tlsKeyPath = m_keyPath;
    return config;
}

void TestRelayTls::init()
{
    m_nam = std::make_unique<QNetworkAccessManager>();
    m_relay = std::make_unique<wr::Relay>(tlsConfig());
    QString error;
    QVERIFY2(m_relay->start(&error), qPrintable(error));
    QVERIFY(m_relay->port() != 0);
    QCOMPARE(m_relay->httpUrl().scheme(), u"https"_s);
}

void TestRelayTls::cleanup()
{
    m_clients.clear();
    m_nam.reset();
    m_relay.reset();
}

QSslConfiguration TestRelayTls::trustingTestCertificate() const
{
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.addCaCertificates({ m_certificate });
    return tls;
}

QUrl TestRelayTls::url(const QString &encodedPathAndQuery) const
{
    return QUrl::fromEncoded(m_relay->httpUrl().toEncoded() + encodedPathAndQuery.toUtf8(),
                             QUrl::StrictMode);
}

HttpReply TestRelayTls::get(const QUrl &url, const std::optional<QSslConfiguration> &tls,
                            QNetworkAccessManager *nam)
{
    QNetworkRequest request(url);
    if (tls)
        request.setSslConfiguration(*tls);
    std::unique_ptr<QNetworkReply> reply((nam ? nam : m_nam.get())->get(request));
    HttpReply out;
    connect(reply.get(), &QNetworkReply::sslErrors, this,
            [&out](const QList<QSslError> &errors) { out.sslErrors += errors; });
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    if (!reply->isFinished() && !finished.wait(kTimeoutMs)) {
        out.error = QNetworkReply::TimeoutError;
        return out;
    }
    out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    out.error = reply->error();
    out.body = reply->readAll();
    out.contentType = reply->rawHeader("Content-Type");
    out.peerCertificate = reply->sslConfiguration().peerCertificate();
    return out;
}

Client *TestRelayTls::openClient(const QUrl &url, const std::optional<QSslConfiguration> &tls)
{
    m_clients.push_back(std::make_unique<Client>());
    Client *client = m_clients.back().get();
    client->open(url, tls);
    return client;
}

wr::ClientAccess TestRelayTls::access(const QString &userId, const QStringList &roles,
                                      const QStringList &groups) const
{
    const auto cs = wr::ConnectionString::parse(m_relay->connectionString());
    Q_ASSERT(cs);
    wr::ClientAccessOptions options;
    options.userId = userId;
    options.roles = roles;
    options.groups = groups;
    return wr::clientAccessFor(*cs, kHub, options);
}

// ---- tests ------------------------------------------------------------------------------

void TestRelayTls::webSocketOverTlsRoundTrip()
{
    const wr::ClientAccess aliceAccess
        = access(u"alice"_s, { u"webpubsub.sendToGroup.g1"_s }, { u"g1"_s });
    QCOMPARE(aliceAccess.url.scheme(), u"wss"_s);
    QCOMPARE(aliceAccess.url.port(), int(m_relay->port()));

    Client *alice = openClient(aliceAccess.url, trustingTestCertificate());
    Client *bob = openClient(access(u"bob"_s, {}, { u"g1"_s }).url, trustingTestCertificate());
    QTRY_VERIFY(alice->connected());
    QTRY_VERIFY(bob->connected());
    QCOMPARE(alice->frames.constFirst(), *alice->connected()); // connected comes first
    QCOMPARE(alice->connected()->value("userId"_L1), QJsonValue(u"alice"_s));
    QVERIFY(!alice->connected()->value("reconnectionToken"_L1).toString().isEmpty());
    QCOMPARE(alice->socket.subprotocol(), QString(wr::wps::kJsonReliableProtocol));
    QCOMPARE(alice->socket.sslConfiguration().peerCertificate(), m_certificate);
    QVERIFY(alice->sslErrors.isEmpty());

    alice->send({ { u"type"_s, u"sendToGroup"_s },
                  { u"group"_s, u"g1"_s },
                  { u"ackId"_s, 1 },
                  { u"dataType"_s, u"json"_s },
                  { u"data"_s, QJsonObject { { u"over"_s, u"tls"_s } } } });
    QTRY_VERIFY(alice->ack(1));
    QCOMPARE(alice->ack(1)->value("success"_L1), QJsonValue(true));
    const QJsonValue data(QJsonObject { { u"over"_s, u"tls"_s } });
    for (Client *client : { alice, bob }) {
        QTRY_VERIFY(client->message(data));
        const QJsonObject message = *client->message(data);
        QCOMPARE(message.value("from"_L1), QJsonValue(u"group"_s));
        QCOMPARE(message.value("group"_L1), QJsonValue(u"g1"_s));
        QCOMPARE(message.value("fromUserId"_L1), QJsonValue(u"alice"_s));
        QCOMPARE(message.value("dataType"_L1), QJsonValue(u"json"_s));
    }
}

void TestRelayTls::httpsHealthzAndNegotiate()
{
    const HttpReply health = get(url(u"healthz"_s), trustingTestCertificate());
    QCOMPARE(health.status, 200);
    QCOMPARE(health.error, QNetworkReply::NoError);
    QVERIFY(health.sslErrors.isEmpty());
    QCOMPARE(health.peerCertificate, m_certificate);
    QVERIFY2(health.contentType.startsWith("application/json"), health.contentType.constData());
    QCOMPARE(parseObject(health.body).value("status"_L1), QJsonValue(u"ok"_s));

    const HttpReply negotiate
        = get(url(u"negotiate?board=b1&user=ann&role=viewer"_s), trustingTestCertificate());
    QCOMPARE(negotiate.status, 200);
    QString why;
    const auto clientUrl = wr::parseNegotiateResponse(negotiate.body, &why);
    QVERIFY2(clientUrl, qPrintable(why));
    // Over TLS the relay hands out wss:// URLs to the address the client used.
    QCOMPARE(clientUrl->scheme(), u"wss"_s);
    QCOMPARE(clientUrl->host(), u"127.0.0.1"_s);
    QCOMPARE(clientUrl->port(), int(m_relay->port()));

    Client *ann = openClient(*clientUrl, trustingTestCertificate());
    QTRY_VERIFY(ann->connected());
    QCOMPARE(ann->connected()->value("userId"_L1), QJsonValue(u"ann"_s));
    QVERIFY(ann->sslErrors.isEmpty());

    const HttpReply afterwards = get(url(u"healthz"_s), trustingTestCertificate());
    QCOMPARE(parseObject(afterwards.body).value("connections"_L1).toInteger(), qint64(1));
}

void TestRelayTls::untrustedClientsAreRefused()
{
    // Without the test certificate in the trust store the handshake must fail: the positive
    // tests above prove something only if verification is on. (A manager of its own: QNAM
    // reuses a host's connection whatever the next request's TLS configuration.)
    QNetworkAccessManager untrustingManager;
    const HttpReply untrusted = get(url(u"healthz"_s), std::nullopt, &untrustingManager);
    QCOMPARE(untrusted.status, 0);
    QCOMPARE(untrusted.error, QNetworkReply::SslHandshakeFailedError);
    QVERIFY(!untrusted.sslErrors.isEmpty());

    Client *client = openClient(access(u"eve"_s, {}, {}).url, std::nullopt);
    QTRY_VERIFY(!client->sslErrors.isEmpty());
    QTRY_VERIFY(client->closed || client->socket.state() == QAbstractSocket::UnconnectedState);
    QVERIFY(!client->connected());

    // Refused clients leave the relay serving.
    QCOMPARE(get(url(u"healthz"_s), trustingTestCertificate()).status, 200);
}

void TestRelayTls::plaintextToTheTlsPortFailsCleanly_data()
{
    QTest::addColumn<QByteArray>("head"); // %1 = port

    QTest::addRow("HTTP GET /healthz")
        << "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:%1\r\nConnection: close\r\n\r\n"_ba;
    QTest::addRow("WebSocket upgrade")
        << "GET /client/hubs/Chat_Hub HTTP/1.1\r\nHost: 127.0.0.1:%1\r\nUpgrade: websocket\r\n"
           "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
           "Sec-WebSocket-Version: 13\r\n"
           "Sec-WebSocket-Protocol: json.reliable.webpubsub.azure.v1\r\n\r\n"_ba;
}

void TestRelayTls::plaintextToTheTlsPortFailsCleanly()
{
    QFETCH(QByteArray, head);

    QTcpSocket plain;
    QByteArray received;
    connect(&plain, &QTcpSocket::readyRead, this, [&] { received += plain.readAll(); });
    plain.connectToHost(QHostAddress::LocalHost, m_relay->port());
    QTRY_COMPARE(plain.state(), QAbstractSocket::ConnectedState);
    plain.write(head.replace("%1", QByteArray::number(m_relay->port())));

    // The relay hangs up promptly instead of waiting for a TLS handshake that never comes,
    // and never answers in plaintext.
    QTRY_COMPARE(plain.state(), QAbstractSocket::UnconnectedState);
    QVERIFY2(!received.startsWith("HTTP/"), received.constData());

    // It keeps serving TLS clients afterwards.
    const HttpReply health = get(url(u"healthz"_s), trustingTestCertificate());
    QCOMPARE(health.status, 200);
    QCOMPARE(parseObject(health.body).value("status"_L1), QJsonValue(u"ok"_s));
    Client *client = openClient(access(u"alice"_s, {}, {}).url, trustingTestCertificate());
    QTRY_VERIFY(client->connected());
}

void TestRelayTls::unusableTlsFilesStopTheStart_data()
{
    QTest::addColumn<QString>("certificate"); // file names in tests/data/tls; empty = missing
    QTest::addColumn<QString>("key");
    QTest::addColumn<bool>("starts");

    QTest::addRow("the test pair") << u"localhost.crt"_s << u"localhost.key"_s << true;
    QTest::addRow("key file missing") << u"localhost.crt"_s << QString() << false;
    QTest::addRow("certificate file missing") << QString() << u"localhost.key"_s << false;
    QTest::addRow("key is not a key") << u"localhost.crt"_s << u"README.md"_s << false;
    QTest::addRow("certificate is not a certificate")
        << u"README.md"_s << u"localhost.key"_s << false;
    QTest::addRow("certificate and key swapped")
        << u"localhost.key"_s << u"localhost.crt"_s << false;
}

void TestRelayTls::unusableTlsFilesStopTheStart()
{
    QFETCH(QString, certificate);
    QFETCH(QString, key);
    QFETCH(bool, starts);

    const QString dir = QFileInfo(m_certificatePath).absolutePath();
    const auto path = [&dir](const QString &name) -> QString {
        return dir + u'/' + (name.isEmpty() ? u"does-not-exist.pem"_s : name);
    };
    wr::RelayConfig config = tlsConfig();
    config.tlsCertificatePath = path(certificate);
    config.tlsKeyPath = path(key);
    wr::Relay relay(config);
    QString error;
    QCOMPARE(relay.start(&error), starts);
    if (starts) {
        QCOMPARE(relay.httpUrl().scheme(), u"https"_s);
        relay.stop();
    } else {
        QVERIFY(!error.isEmpty());
        QCOMPARE(relay.port(), quint16(0));
    }
}

QTEST_GUILESS_MAIN(TestRelayTls)
#include "tst_relaytls.moc"
