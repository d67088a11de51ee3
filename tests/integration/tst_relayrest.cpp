// Integration tests of the relay's HTTP side: the Web PubSub data-plane REST API (reference
// §8), negotiate, /healthz, /metrics and the HTTP answers to refused WebSocket upgrades. An
// in-process relay listens on an ephemeral loopback port; REST calls go through
// QNetworkAccessManager signed like the JS server SDK signs them (reference §1.6), and real
// QWebSocket clients show what each call did.
#include "accessurl.h"
#include "connectionstring.h"
#include "hub.h"
#include "jwt.h"
#include "relay.h"
#include "webpubsub.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QUrlQuery>
#include <QWebSocket>
#include <QWebSocketHandshakeOptions>

#include <algorithm>
#include <memory>
#include <optional>
#include <vector>

using namespace Qt::StringLiterals;

// Readable QCOMPARE output for JSON (QtTest 6.4 has none).
namespace QTest {
template<> char *toString(const QJsonValue &value)
{
    if (value.isUndefined())
        return qstrdup("undefined");
    const QByteArray json = QJsonDocument(QJsonArray { value }).toJson(QJsonDocument::Compact);
    return qstrdup(json.mid(1, json.size() - 2).constData());
}

template<> char *toString(const QJsonObject &object)
{
    return qstrdup(QJsonDocument(object).toJson(QJsonDocument::Compact).constData());
}
} // namespace QTest

namespace {

constexpr int kTimeoutMs = 5000;
const QString kHub = u"Chat_Hub"_s;
const QString kPrimaryKey = u"primary-access-key-for-the-rest-tests-0123456789"_s;
const QString kSecondaryKey = u"secondary-access-key-for-the-rest-tests-9876543210"_s;
const QString kApiVersion = u"api-version=2024-12-01"_s;

// Query values and path segments encoded as the JS SDK sends them (encodeURIComponent):
// a space is %20, a plus %2B, a quote %27.
QString percent(const QString &value)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(value));
}

QJsonObject parseObject(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

// The REST bearer token of the JS server SDK: aud is the exact request URL, query included.
QByteArray restToken(const QString &audience, const QByteArray &key, qint64 issuedSecondsAgo = 0,
                     qint64 lifetimeSeconds = 3600)
{
    const qint64 iat = QDateTime::currentSecsSinceEpoch() - issuedSecondsAgo;
    return wr::Jwt::sign(QJsonObject { { u"aud"_s, audience },
                                       { u"iat"_s, iat },
                                       { u"exp"_s, iat + lifetimeSeconds } },
                         key);
}

struct HttpReply
{
    int status = 0; // 0: no HTTP response at all
    QByteArray body;
    QByteArray contentType;
    QByteArray errorCode; // x-ms-error-code
    QString networkError;
    QJsonObject json() const { return parseObject(body); }
};

// One WebSocket client of the relay, recording every frame it receives as JSON.
class Client
{
public:
    explicit Client(QString hub)
        : hub(std::move(hub))
    {
        QObject::connect(&socket, &QWebSocket::textMessageReceived, &socket,
                         [this](const QString &text) {
                             const QJsonObject frame = parseObject(text.toUtf8());
                             frames.append(frame);
                             if (frame.value("type"_L1) == "system"_L1
                                 && frame.value("event"_L1) == "connected"_L1) {
                                 connectionId = frame.value("connectionId"_L1).toString();
                             }
                         });
        QObject::connect(&socket, &QWebSocket::disconnected, &socket, [this] {
            framesBeforeClose = frames.size();
            closed = true;
        });
    }
    ~Client()
    {
        socket.disconnect();
        socket.abort();
    }
    Q_DISABLE_COPY_MOVE(Client)

    void open(const QUrl &url, const QString &subprotocol = QString(wr::wps::kJsonReliableProtocol))
    {
        QWebSocketHandshakeOptions options;
        options.setSubprotocols({ subprotocol });
        socket.open(QNetworkRequest(url), options);
    }

    void send(const QJsonObject &frame)
    {
        socket.sendTextMessage(
            QString::fromUtf8(QJsonDocument(frame).toJson(QJsonDocument::Compact)));
    }
    void sendToGroup(const QString &group, quint64 ackId, const QString &text)
    {
        send({ { u"type"_s, u"sendToGroup"_s },
               { u"group"_s, group },
               { u"ackId"_s, qint64(ackId) },
               { u"dataType"_s, u"text"_s },
               { u"data"_s, text } });
    }
    void joinGroup(const QString &group, quint64 ackId)
    {
        send({ { u"type"_s, u"joinGroup"_s },
               { u"group"_s, group },
               { u"ackId"_s, qint64(ackId) } });
    }

    QList<QJsonObject> dataMessages() const
    {
        QList<QJsonObject> out;
        for (const QJsonObject &frame : frames) {
            if (frame.value("type"_L1) == "message"_L1)
                out.append(frame);
        }
        return out;
    }
    QList<QJsonObject> messagesWith(const QJsonValue &data) const
    {
        QList<QJsonObject> out;
        for (const QJsonObject &frame : dataMessages()) {
            if (frame.value("data"_L1) == data)
                out.append(frame);
        }
        return out;
    }
    bool received(const QJsonValue &data) const { return !messagesWith(data).isEmpty(); }

    // "success", the error name of a failed ack, or empty while the ack has not arrived.
    QString ackOutcome(quint64 ackId) const
    {
        for (const QJsonObject &frame : frames) {
            if (frame.value("type"_L1) == "ack"_L1
                && frame.value("ackId"_L1).toInteger() == qint64(ackId)) {
                return frame.value("success"_L1).toBool()
                    ? u"success"_s
                    : frame.value("error"_L1).toObject().value("name"_L1).toString();
            }
        }
        return QString();
    }

    std::optional<QJsonObject> systemEvent(QLatin1StringView event) const
    {
        for (const QJsonObject &frame : frames) {
            if (frame.value("type"_L1) == "system"_L1 && frame.value("event"_L1) == event)
                return frame;
        }
        return std::nullopt;
    }

    QString hub;
    QList<QJsonObject> frames;
    QString connectionId;
    bool closed = false;
    qsizetype framesBeforeClose = -1;
    QWebSocket socket; // last: destroyed first, while the members its lambdas use still exist
};

struct RawResponse
{
    int status = 0;
    QHash<QByteArray, QByteArray> headers; // lower-case names
    QByteArray body;
};

std::optional<double> metricValue(const QByteArray &text, const QByteArray &series)
{
    const QList<QByteArray> lines = text.split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith(QByteArray(series + ' '))) {
            bool ok = false;
            const double value = line.mid(series.size() + 1).toDouble(&ok);
            if (ok)
                return value;
        }
    }
    return std::nullopt;
}

enum class Token {
    Valid,
    None,
    Garbage,
    Expired,
    WrongKey,
    SecondaryKey,
    OtherPath,
    OtherHost,
    AudienceWithoutQuery,
    BasicScheme,
    NoExpiry,
    NotYetValid,
    AlgNone
};

} // namespace

Q_DECLARE_METATYPE(Token)

class TestRelayRest : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    // §8.1 operations: status codes and what connected clients see
    void sendToAllByContentType_data();
    void sendToAllByContentType();
    void audienceSelection_data();
    void audienceSelection();
    void sendToUser_data();
    void sendToUser();
    void sendToConnection_data();
    void sendToConnection();
    void sendToGroupArrivesAsGroupMessage_data();
    void sendToGroupArrivesAsGroupMessage();
    void addAndRemoveConnection();
    void addUnknownConnectionIs404();
    void addAndRemoveUser();
    void removeFromAllGroups_data();
    void removeFromAllGroups();
    void addToGroupsAndRemoveFromGroups();
    void closeConnectionSendsReasonThen1008_data();
    void closeConnectionSendsReasonThen1008();
    void closeOperationsHonourExcluded_data();
    void closeOperationsHonourExcluded();
    void existenceChecks_data();
    void existenceChecks();
    void permissionsTakeEffect_data();
    void permissionsTakeEffect();
    void generatedTokenConnects();
    void listConnectionsPages_data();
    void listConnectionsPages();
    void restHubNamesAreCaseInsensitive();

    // authentication and errors
    void restAuthentication_data();
    void restAuthentication();
    void statusCodesAndErrorBodies_data();
    void statusCodesAndErrorBodies();
    void anyApiVersionIsAccepted_data();
    void anyApiVersionIsAccepted();

    // operations endpoints
    void healthz();
    void metricsExposeConnectionsLatencyAndMalformedFrames();

    // negotiate
    void negotiateGrantsRolePermissions_data();
    void negotiateGrantsRolePermissions();
    void negotiateWithInvites_data();
    void negotiateWithInvites();

    // upgrades refused before any WebSocket exists
    void refusedUpgradesGetHttpStatus_data();
    void refusedUpgradesGetHttpStatus();

private:
    bool startRelay(const wr::RelayConfig &config);
    static wr::RelayConfig defaultConfig();

    QUrl url(const QString &encodedPathAndQuery) const;
    static QString api(const QString &path, const QString &query = QString(),
                       const QString &hub = kHub);
    QString ids(QString text) const;

    HttpReply request(const QByteArray &method, const QUrl &url, const QByteArray &body = {},
                      const QByteArray &contentType = {}, const QByteArray &authorization = {});
    HttpReply rest(const QByteArray &method, const QString &encodedPathAndQuery,
                   const QByteArray &body = {}, const QByteArray &contentType = {});

    wr::ClientAccess access(const QString &userId, const QStringList &roles = {},
                            const QStringList &groups = {}, const QString &hub = kHub) const;
    Client *openClient(const QString &name, const QUrl &url, const QString &hub,
                       const QString &subprotocol = QString(wr::wps::kJsonReliableProtocol));
    Client *connectClient(const QString &name, const QString &userId, const QStringList &roles = {},
                          const QStringList &groups = {}, const QString &hub = kHub);
    bool barrier();
    QStringList receivers(const QJsonValue &data) const;
    RawResponse rawRequest(const QByteArray &bytes);

    std::unique_ptr<wr::Relay> m_relay;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::vector<std::unique_ptr<Client>> m_clients;
    QMap<QString, Client *> m_named;
    int m_barriers = 0;
};

// ---- fixture ----------------------------------------------------------------------------

wr::RelayConfig TestRelayRest::defaultConfig()
{
    wr::RelayConfig config;
    config.listenAddress = QHostAddress::LocalHost;
    config.port = 0;
    config.accessKeys = { kPrimaryKey, kSecondaryKey };
    config.dataDir.clear();
    return config;
}

bool TestRelayRest::startRelay(const wr::RelayConfig &config)
{
    m_named.clear();
    m_clients.clear();
    m_relay = std::make_unique<wr::Relay>(config);
    QString error;
    if (!m_relay->start(&error)) {
        qWarning() << "relay did not start:" << error;
        return false;
    }
    return m_relay->port() != 0;
}

void TestRelayRest::init()
{
    m_nam = std::make_unique<QNetworkAccessManager>();
    QVERIFY(startRelay(defaultConfig()));
}

void TestRelayRest::cleanup()
{
    m_named.clear();
    m_clients.clear();
    m_nam.reset();
    m_relay.reset();
}

QUrl TestRelayRest::url(const QString &encodedPathAndQuery) const
{
    return QUrl::fromEncoded(m_relay->httpUrl().toEncoded() + encodedPathAndQuery.toUtf8(),
                             QUrl::StrictMode);
}

QString TestRelayRest::api(const QString &path, const QString &query, const QString &hub)
{
    QString out = "api/hubs/"_L1 + hub + path + u'?' + kApiVersion;
    if (!query.isEmpty())
        out += u'&' + query;
    return out;
}

// Replaces {name}, also percent-encoded inside a query value, with the connection id of the
// client registered under that name (ids are base64url: nothing to encode).
QString TestRelayRest::ids(QString text) const
{
    for (auto it = m_named.cbegin(); it != m_named.cend(); ++it) {
        text.replace(QString(u'{' + it.key() + u'}'), it.value()->connectionId);
        text.replace(QString("%7B"_L1 + it.key() + "%7D"_L1), it.value()->connectionId);
    }
    return text;
}

HttpReply TestRelayRest::request(const QByteArray &method, const QUrl &url, const QByteArray &body,
                                 const QByteArray &contentType, const QByteArray &authorization)
{
    QNetworkRequest request(url);
    request.setRawHeader("Accept", "application/json");
    if (!contentType.isEmpty())
        request.setRawHeader("Content-Type", contentType);
    if (!authorization.isEmpty())
        request.setRawHeader("Authorization", authorization);
    QNetworkReply *reply = nullptr;
    if (method == "GET")
        reply = m_nam->get(request);
    else if (method == "HEAD")
        reply = m_nam->head(request);
    else if (body.isEmpty())
        reply = m_nam->sendCustomRequest(request, method);
    else
        reply = m_nam->sendCustomRequest(request, method, body);
    std::unique_ptr<QNetworkReply> owner(reply);
    HttpReply out;
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished() && !finished.wait(kTimeoutMs)) {
        out.networkError = u"no reply within %1 ms"_s.arg(kTimeoutMs);
        return out;
    }
    out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    out.body = reply->readAll();
    out.contentType = reply->rawHeader("Content-Type");
    out.errorCode = reply->rawHeader("x-ms-error-code");
    if (reply->error() != QNetworkReply::NoError)
        out.networkError = reply->errorString();
    return out;
}

HttpReply TestRelayRest::rest(const QByteArray &method, const QString &encodedPathAndQuery,
                              const QByteArray &body, const QByteArray &contentType)
{
    const QUrl target = url(encodedPathAndQuery);
    const QByteArray token = restToken(target.toString(QUrl::FullyEncoded), kPrimaryKey.toUtf8());
    return request(method, target, body, contentType, "Bearer " + token);
}

wr::ClientAccess TestRelayRest::access(const QString &userId, const QStringList &roles,
                                       const QStringList &groups, const QString &hub) const
{
    const auto cs = wr::ConnectionString::parse(m_relay->connectionString());
    Q_ASSERT(cs);
    wr::ClientAccessOptions options;
    options.userId = userId;
    options.roles = roles;
    options.groups = groups;
    return wr::clientAccessFor(*cs, hub, options);
}

Client *TestRelayRest::openClient(const QString &name, const QUrl &url, const QString &hub,
                                  const QString &subprotocol)
{
    m_clients.push_back(std::make_unique<Client>(hub));
    Client *client = m_clients.back().get();
    client->open(url, subprotocol);
    const bool answered = QTest::qWaitFor(
        [client] { return !client->connectionId.isEmpty() || client->closed; }, kTimeoutMs);
    if (!answered || client->connectionId.isEmpty()) {
        qWarning() << "client" << name << "did not get a connected message from" << url
                   << client->socket.errorString();
        return nullptr;
    }
    if (!name.isEmpty())
        m_named.insert(name, client);
    return client;
}

Client *TestRelayRest::connectClient(const QString &name, const QString &userId,
                                     const QStringList &roles, const QStringList &groups,
                                     const QString &hub)
{
    return openClient(name, access(userId, roles, groups, hub).url, hub);
}

// Sends a marker to every hub with clients and waits until every open client has it. Frames
// on one connection arrive in order, so afterwards a client that lacks an earlier message
// will never get it.
bool TestRelayRest::barrier()
{
    const QString marker = u"barrier-%1"_s.arg(++m_barriers);
    QSet<QString> hubs;
    for (const auto &client : m_clients)
        hubs.insert(client->hub);
    for (const QString &hub : std::as_const(hubs)) {
        if (rest("POST", api(u"/:send"_s, {}, hub), marker.toUtf8(), "text/plain").status != 202)
            return false;
    }
    return QTest::qWaitFor(
        [this, &marker] {
            for (const auto &client : m_clients) {
                if (!client->closed && !client->received(marker))
                    return false;
            }
            return true;
        },
        kTimeoutMs);
}

// Names of the registered clients that received a data message with `data`, sorted.
QStringList TestRelayRest::receivers(const QJsonValue &data) const
{
    QStringList out;
    for (auto it = m_named.cbegin(); it != m_named.cend(); ++it) {
        if (it.value()->received(data))
            out.append(it.key());
    }
    return out;
}

RawResponse TestRelayRest::rawRequest(const QByteArray &bytes)
{
    RawResponse response;
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_relay->port());
    if (!QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::ConnectedState; },
                         kTimeoutMs)) {
        return response;
    }
    socket.write(bytes);
    QByteArray buffer;
    qsizetype headEnd = -1;
    const auto complete = [&] {
        buffer += socket.readAll();
        headEnd = buffer.indexOf("\r\n\r\n");
        if (headEnd < 0)
            return socket.state() != QAbstractSocket::ConnectedState;
        if (buffer.startsWith("HTTP/1.1 101"))
            return true; // the WebSocket frames that follow are not ours to read
        const QByteArray head = buffer.left(headEnd).toLower();
        const qsizetype at = head.indexOf("\r\ncontent-length:");
        if (at < 0)
            return true;
        const qsizetype lineEnd = head.indexOf("\r\n", at + 2);
        const qsizetype length
            = head.mid(at + 17, lineEnd < 0 ? -1 : lineEnd - at - 17).trimmed().toLongLong();
        return buffer.size() >= headEnd + 4 + length;
    };
    if (!QTest::qWaitFor(complete, kTimeoutMs) || headEnd < 0)
        return response;
    const QList<QByteArray> lines = buffer.left(headEnd).split('\n');
    const QList<QByteArray> statusLine = lines.value(0).trimmed().split(' ');
    response.status = statusLine.value(1).toInt();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        if (colon > 0)
            response.headers.insert(lines[i].left(colon).trimmed().toLower(),
                                    lines[i].mid(colon + 1).trimmed());
    }
    response.body = buffer.mid(headEnd + 4);
    socket.abort();
    return response;
}

// ---- sends ------------------------------------------------------------------------------

void TestRelayRest::sendToAllByContentType_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("dataType");
    QTest::addColumn<QJsonValue>("data");

    const auto row = [](const char *name, const QByteArray &contentType, const QByteArray &body,
                        const QString &dataType, const QJsonValue &data) {
        QTest::addRow("%s", name) << contentType << body << dataType << data;
    };
    const QByteArray text = "text/plain";
    const QByteArray json = "application/json";
    const QByteArray binary = "application/octet-stream";

    row("text/plain", text, "hello, room", u"text"_s, u"hello, room"_s);
    row("text/plain keeps JSON-looking text as text", text, R"({"a":1})", u"text"_s,
        u"{\"a\":1}"_s);
    row("text/plain with charset, non-ASCII", "text/plain; charset=utf-8", u"Grüße ✓"_s.toUtf8(),
        u"text"_s, u"Grüße ✓"_s);
    row("application/json object", json, R"({"hello":"world","n":[1,2]})", u"json"_s,
        QJsonObject { { u"hello"_s, u"world"_s }, { u"n"_s, QJsonArray { 1, 2 } } });
    row("application/json string arrives as a JSON string", json, R"("a json string")", u"json"_s,
        u"a json string"_s);
    row("application/json number", json, "42", u"json"_s, 42);
    row("application/json with charset", "application/json; charset=utf-8", "[true,null]",
        u"json"_s, QJsonArray { true, QJsonValue::Null });
    row("application/octet-stream as base64", binary, "\x01\x02\x03", u"binary"_s, u"AQID"_s);
    row("application/octet-stream that is not UTF-8", binary, QByteArray("\xff\xfe\x00", 3),
        u"binary"_s, u"//4A"_s);
}

void TestRelayRest::sendToAllByContentType()
{
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    QFETCH(QString, dataType);
    QFETCH(QJsonValue, data);

    Client *alice = connectClient(u"alice"_s, u"alice"_s);
    QVERIFY(alice);
    Client *plain
        = openClient(u"plain"_s, access(u"plain"_s).url, kHub, QString(wr::wps::kJsonProtocol));
    QVERIFY(plain);
    Client *elsewhere = connectClient(u"elsewhere"_s, u"eve"_s, {}, {}, u"OtherHub"_s);
    QVERIFY(elsewhere);

    const HttpReply reply = rest("POST", api(u"/:send"_s), body, contentType);
    QCOMPARE(reply.status, 202);
    QVERIFY(reply.body.isEmpty());

    QTRY_COMPARE(alice->dataMessages().size(), 1);
    QTRY_COMPARE(plain->dataMessages().size(), 1);
    for (Client *client : { alice, plain }) {
        const QJsonObject message = client->dataMessages().constFirst();
        QCOMPARE(message.value("from"_L1), QJsonValue(u"server"_s));
        QCOMPARE(message.value("dataType"_L1), QJsonValue(dataType));
        QCOMPARE(message.value("data"_L1), data);
        QVERIFY(!message.contains("group"_L1));
    }
    // Only the reliable protocol numbers data messages (reference §4.2).
    QVERIFY(alice->dataMessages().constFirst().value("sequenceId"_L1).toInteger() >= 1);
    QVERIFY(!plain->dataMessages().constFirst().contains("sequenceId"_L1));

    QVERIFY(barrier());
    QVERIFY2(!elsewhere->received(data), "a send to one hub reached another hub");
}

void TestRelayRest::audienceSelection_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("query"); // {name} = that client's connection id
    QTest::addColumn<QStringList>("expected");

    // alice and bob are in g1, carol is in no group, dan (userId dan+ops@example.com) is in c++.
    const QString all = u"/:send"_s;
    const QString g1 = u"/groups/g1/:send"_s;
    const auto filter
        = [](const QString &expression) -> QString { return "filter="_L1 + percent(expression); };
    using L = QStringList;

    QTest::addRow("all: everyone")
        << all << QString() << L { u"alice"_s, u"bob"_s, u"carol"_s, u"dan"_s };
    QTest::addRow("all: excluded one")
        << all << u"excluded={bob}"_s << L { u"alice"_s, u"carol"_s, u"dan"_s };
    QTest::addRow("all: excluded repeated")
        << all << u"excluded={alice}&excluded={carol}"_s << L { u"bob"_s, u"dan"_s };
    QTest::addRow("all: userId ne 'bob'")
        << all << filter(u"userId ne 'bob'"_s) << L { u"alice"_s, u"carol"_s, u"dan"_s };
    QTest::addRow("all: 'g1' in groups")
        << all << filter(u"'g1' in groups"_s) << L { u"alice"_s, u"bob"_s };
    QTest::addRow("all: and") << all << filter(u"'g1' in groups and userId ne 'bob'"_s)
                              << L { u"alice"_s };
    QTest::addRow("all: or") << all << filter(u"userId eq 'carol' or userId eq 'bob'"_s)
                             << L { u"bob"_s, u"carol"_s };
    QTest::addRow("all: not") << all << filter(u"not('g1' in groups)"_s)
                              << L { u"carol"_s, u"dan"_s };
    QTest::addRow("all: connectionId eq")
        << all << filter(u"connectionId eq '{carol}'"_s) << L { u"carol"_s };
    QTest::addRow("all: excluded and filter together")
        << all << QString("excluded={alice}&"_L1 + filter(u"'g1' in groups"_s)) << L { u"bob"_s };
    // The SDK encodes a literal plus as %2B; it must not turn into a space.
    QTest::addRow("all: userId with a plus")
        << all << filter(u"userId eq 'dan+ops@example.com'"_s) << L { u"dan"_s };
    QTest::addRow("all: group with a plus")
        << all << filter(u"'c++' in groups"_s) << L { u"dan"_s };
    QTest::addRow("group: members only") << g1 << QString() << L { u"alice"_s, u"bob"_s };
    QTest::addRow("group: excluded") << g1 << u"excluded={alice}"_s << L { u"bob"_s };
    QTest::addRow("group: userId ne 'bob'")
        << g1 << filter(u"userId ne 'bob'"_s) << L { u"alice"_s };
    QTest::addRow("group: filter matching a non-member")
        << g1 << filter(u"userId eq 'carol'"_s) << L {};
}

void TestRelayRest::audienceSelection()
{
    QFETCH(QString, path);
    QFETCH(QString, query);
    QFETCH(QStringList, expected);

    QVERIFY(connectClient(u"alice"_s, u"alice"_s, {}, { u"g1"_s }));
    QVERIFY(connectClient(u"bob"_s, u"bob"_s, {}, { u"g1"_s }));
    QVERIFY(connectClient(u"carol"_s, u"carol"_s));
    QVERIFY(connectClient(u"dan"_s, u"dan+ops@example.com"_s, {}, { u"c++"_s }));

    const QJsonValue payload(u"selected"_s);
    QCOMPARE(rest("POST", api(path, ids(query)), "selected", "text/plain").status, 202);
    QVERIFY(barrier());
    QCOMPARE(receivers(payload), expected);
}

void TestRelayRest::sendToUser_data()
{
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("query");
    QTest::addColumn<QStringList>("expected");

    QTest::addRow("every connection of the user")
        << u"alice"_s << QString() << QStringList { u"alice1"_s, u"alice2"_s };
    QTest::addRow("filter narrows the user's connections")
        << u"alice"_s << QString("filter="_L1 + percent(u"connectionId ne '{alice2}'"_s))
        << QStringList { u"alice1"_s };
    QTest::addRow("user id with a space")
        << u"user one"_s << QString() << QStringList { u"spaced"_s };
    QTest::addRow("user id with a plus and an at sign")
        << u"dan+ops@example.com"_s << QString() << QStringList { u"dan"_s };
    QTest::addRow("unknown user: accepted, nobody receives")
        << u"nobody"_s << QString() << QStringList {};
}

void TestRelayRest::sendToUser()
{
    QFETCH(QString, user);
    QFETCH(QString, query);
    QFETCH(QStringList, expected);

    QVERIFY(connectClient(u"alice1"_s, u"alice"_s));
    QVERIFY(connectClient(u"alice2"_s, u"alice"_s));
    QVERIFY(connectClient(u"bob"_s, u"bob"_s));
    QVERIFY(connectClient(u"spaced"_s, u"user one"_s));
    QVERIFY(connectClient(u"dan"_s, u"dan+ops@example.com"_s));

    const HttpReply reply
        = rest("POST", api("/users/"_L1 + percent(user) + "/:send"_L1, ids(query)),
               R"({"to":"user"})", "application/json");
    QCOMPARE(reply.status, 202);
    QVERIFY(barrier());
    QCOMPARE(receivers(QJsonObject { { u"to"_s, u"user"_s } }), expected);
}

void TestRelayRest::sendToConnection_data()
{
    QTest::addColumn<QString>("connection");
    QTest::addColumn<QStringList>("expected");

    QTest::addRow("the target only") << u"{bob}"_s << QStringList { u"bob"_s };
    QTest::addRow("unknown connection: accepted, nobody receives")
        << u"no-such-connection"_s << QStringList {};
}

void TestRelayRest::sendToConnection()
{
    QFETCH(QString, connection);
    QFETCH(QStringList, expected);

    QVERIFY(connectClient(u"alice"_s, u"alice"_s));
    QVERIFY(connectClient(u"bob"_s, u"bob"_s));
    QVERIFY(connectClient(u"bob2"_s, u"bob"_s));

    const HttpReply reply = rest("POST", api("/connections/"_L1 + ids(connection) + "/:send"_L1),
                                 "\x07\x08", "application/octet-stream");
    QCOMPARE(reply.status, 202);
    QVERIFY(barrier());
    QCOMPARE(receivers(QJsonValue(u"Bwg="_s)), expected);
}

void TestRelayRest::sendToGroupArrivesAsGroupMessage_data()
{
    QTest::addColumn<QString>("group");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("dataType");
    QTest::addColumn<QJsonValue>("data");

    const auto row = [](const char *name, const QString &group, const QByteArray &contentType,
                        const QByteArray &body, const QString &dataType, const QJsonValue &data) {
        QTest::addRow("%s", name) << group << contentType << body << dataType << data;
    };
    row("text", u"g1"_s, "text/plain", "hello g1", u"text"_s, u"hello g1"_s);
    row("json, group name with a space", u"g 1"_s, "application/json", R"({"x":1})", u"json"_s,
        QJsonObject { { u"x"_s, 1 } });
    row("binary, group name with a slash", u"room/1"_s, "application/octet-stream",
        QByteArray("\x00\x01", 2), u"binary"_s, u"AAE="_s);
    row("text, non-ASCII group name", u"Gruppe-ä"_s, "text/plain", "hallo", u"text"_s, u"hallo"_s);
}

void TestRelayRest::sendToGroupArrivesAsGroupMessage()
{
    QFETCH(QString, group);
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    QFETCH(QString, dataType);
    QFETCH(QJsonValue, data);

    Client *member = connectClient(u"member"_s, u"alice"_s, {},
                                   { u"g1"_s, u"g 1"_s, u"room/1"_s, u"Gruppe-ä"_s });
    QVERIFY(member);
    QVERIFY(connectClient(u"outsider"_s, u"bob"_s));

    QCOMPARE(
        rest("POST", api("/groups/"_L1 + percent(group) + "/:send"_L1), body, contentType).status,
        202);
    QTRY_COMPARE(member->messagesWith(data).size(), 1);
    const QJsonObject message = member->messagesWith(data).constFirst();
    QCOMPARE(message.value("from"_L1), QJsonValue(u"group"_s));
    QCOMPARE(message.value("group"_L1), QJsonValue(group));
    QCOMPARE(message.value("dataType"_L1), QJsonValue(dataType));
    // A REST publish has no sending user.
    QVERIFY2(!message.contains("fromUserId"_L1),
             QJsonDocument(message).toJson(QJsonDocument::Compact).constData());

    QVERIFY(barrier());
    QCOMPARE(receivers(data), QStringList { u"member"_s });
}

// ---- groups -----------------------------------------------------------------------------

void TestRelayRest::addAndRemoveConnection()
{
    QVERIFY(connectClient(u"carol"_s, u"carol"_s));
    QVERIFY(connectClient(u"dave"_s, u"dave"_s));
    const QString member = ids(u"/groups/g2/connections/{carol}"_s);

    QCOMPARE(rest("HEAD", api(u"/groups/g2"_s)).status, 404);
    HttpReply reply = rest("PUT", api(member));
    QCOMPARE(reply.status, 200);
    QVERIFY(reply.body.isEmpty());
    QCOMPARE(rest("PUT", api(member)).status, 200); // idempotent
    QCOMPARE(rest("HEAD", api(u"/groups/g2"_s)).status, 200);

    QCOMPARE(rest("POST", api(u"/groups/g2/:send"_s), "after add", "text/plain").status, 202);
    QVERIFY(barrier());
    QCOMPARE(receivers(QJsonValue(u"after add"_s)), QStringList { u"carol"_s });
    QCOMPARE(m_named[u"carol"_s]->messagesWith(QJsonValue(u"after add"_s)).size(), 1);
    QCOMPARE(m_named[u"carol"_s]
                 ->messagesWith(QJsonValue(u"after add"_s))
                 .constFirst()
                 .value("group"_L1),
             QJsonValue(u"g2"_s));

    reply = rest("DELETE", api(member));
    QCOMPARE(reply.status, 204);
    QCOMPARE(rest("HEAD", api(u"/groups/g2"_s)).status, 404);
    QCOMPARE(rest("POST", api(u"/groups/g2/:send"_s), "after remove", "text/plain").status, 202);
    QVERIFY(barrier());
    QCOMPARE(receivers(QJsonValue(u"after remove"_s)), QStringList {});
}

void TestRelayRest::addUnknownConnectionIs404()
{
    const HttpReply reply = rest("PUT", api(u"/groups/g2/connections/no-such-connection"_s));
    QCOMPARE(reply.status, 404);
    QVERIFY2(reply.contentType.startsWith("application/json"), reply.contentType.constData());
    const QJsonObject error = reply.json();
    QVERIFY2(!error.value("code"_L1).toString().isEmpty(), reply.body.constData());
    QVERIFY2(error.value("message"_L1).toString().contains("no-such-connection"_L1),
             reply.body.constData());
    QCOMPARE(reply.errorCode, error.value("code"_L1).toString().toLatin1());
    QCOMPARE(rest("HEAD", api(u"/groups/g2"_s)).status, 404);
}

void TestRelayRest::addAndRemoveUser()
{
    QVERIFY(connectClient(u"alice1"_s, u"alice"_s));
    QVERIFY(connectClient(u"alice2"_s, u"alice"_s));
    QVERIFY(connectClient(u"bob"_s, u"bob"_s));

    QCOMPARE(rest("PUT", api(u"/users/alice/groups/g3"_s)).status, 200);
    QCOMPARE(rest("HEAD", api(u"/groups/g3"_s)).status, 200);
    QCOMPARE(rest("POST", api(u"/groups/g3/:send"_s), "to g3", "text/plain").status, 202);
    QVERIFY(barrier());
    QCOMPARE(receivers(QJsonValue(u"to g3"_s)), (QStringList { u"alice1"_s, u"alice2"_s }));

    QCOMPARE(rest("DELETE", api(u"/users/alice/groups/g3"_s)).status, 204);
    QCOMPARE(rest("HEAD", api(u"/groups/g3"_s)).status, 404);
    QCOMPARE(rest("POST", api(u"/groups/g3/:send"_s), "to g3 again", "text/plain").status, 202);
    QVERIFY(barrier());
    QCOMPARE(receivers(QJsonValue(u"to g3 again"_s)), QStringList {});
}

void TestRelayRest::removeFromAllGroups_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QStringList>("leftAll");

    QTest::addRow("a user's connections")
        << u"/users/alice/groups"_s << QStringList { u"alice1"_s, u"alice2"_s };
    QTest::addRow("one connection")
        << u"/connections/{alice1}/groups"_s << QStringList { u"alice1"_s };
}

void TestRelayRest::removeFromAllGroups()
{
    QFETCH(QString, path);
    QFETCH(QStringList, leftAll);

    // Groups from the token and groups added over REST are left alike.
    QVERIFY(connectClient(u"alice1"_s, u"alice"_s, {}, { u"g1"_s, u"g4"_s }));
    QVERIFY(connectClient(u"alice2"_s, u"alice"_s, {}, { u"g1"_s }));
    QVERIFY(connectClient(u"bob"_s, u"bob"_s, {}, { u"g1"_s }));
    QCOMPARE(rest("PUT", api(ids(u"/groups/g5/connections/{alice1}"_s))).status, 200);

    QCOMPARE(rest("DELETE", api(ids(path))).status, 204);
    for (const QString &group : { u"g1"_s, u"g4"_s, u"g5"_s })
        QCOMPARE(
            rest("POST", api("/groups/"_L1 + group + "/:send"_L1), group.toUtf8(), "text/plain")
                .status,
            202);
    QVERIFY(barrier());

    const auto stillIn = [&](const QStringList &members) {
        QStringList out;
        for (const QString &name : members) {
            if (!leftAll.contains(name))
                out.append(name);
        }
        return out;
    };
    QCOMPARE(receivers(QJsonValue(u"g1"_s)), stillIn({ u"alice1"_s, u"alice2"_s, u"bob"_s }));
    QCOMPARE(receivers(QJsonValue(u"g4"_s)), stillIn({ u"alice1"_s }));
    QCOMPARE(receivers(QJsonValue(u"g5"_s)), stillIn({ u"alice1"_s }));
}

void TestRelayRest::addToGroupsAndRemoveFromGroups()
{
    QVERIFY(connectClient(u"alice"_s, u"alice"_s));
    QVERIFY(connectClient(u"bob"_s, u"bob"_s));
    QVERIFY(connectClient(u"carol"_s, u"carol"_s));
    const auto sendTo = [this](const QString &group, const QByteArray &text) {
        return rest("POST", api("/groups/"_L1 + group + "/:send"_L1), text, "text/plain").status;
    };

    HttpReply reply
        = rest("POST", api(u"/:addToGroups"_s),
               R"({"groups":["x","y"],"filter":"userId ne 'carol'"})", "application/json");
    QCOMPARE(reply.status, 200);
    QCOMPARE(sendTo(u"x"_s, "x1"), 202);
    QVERIFY(barrier());
    QCOMPARE(receivers(QJsonValue(u"x1"_s)), (QStringList { u"alice"_s, u"bob"_s }));

    reply = rest("POST", api(u"/:removeFromGroups"_s),
                 R"({"groups":["x"],"filter":"userId eq 'alice'"})", "application/json");
    QCOMPARE(reply.status, 200);
    QCOMPARE(sendTo(u"x"_s, "x2"), 202);
    QCOMPARE(sendTo(u"y"_s, "y2"), 202);
    QVERIFY(barrier());
    QCOMPARE(receivers(QJsonValue(u"x2"_s)), QStringList { u"bob"_s });
    QCOMPARE(receivers(QJsonValue(u"y2"_s)), (QStringList { u"alice"_s, u"bob"_s }));

    // Without a filter: every connection of the hub.
    QCOMPARE(
        rest("POST", api(u"/:addToGroups"_s), R"({"groups":["z"]})", "application/json").status,
        200);
    QCOMPARE(sendTo(u"z"_s, "z1"), 202);
    QVERIFY(barrier());
    QCOMPARE(receivers(QJsonValue(u"z1"_s)), (QStringList { u"alice"_s, u"bob"_s, u"carol"_s }));
}

// ---- closing ----------------------------------------------------------------------------

void TestRelayRest::closeConnectionSendsReasonThen1008_data()
{
    QTest::addColumn<QString>("reason");

    QTest::addRow("plain") << u"bye"_s;
    QTest::addRow("spaces and punctuation") << u"maintenance: back at 5 (sorry!)"_s;
    QTest::addRow("plus, ampersand, equals, percent") << u"C++ & Qt = 100% fine"_s;
    QTest::addRow("non-ASCII") << u"Wartung – bis später"_s;
}

void TestRelayRest::closeConnectionSendsReasonThen1008()
{
    QFETCH(QString, reason);

    Client *alice = connectClient(u"alice"_s, u"alice"_s, {}, { u"g1"_s });
    QVERIFY(alice);
    Client *bob = connectClient(u"bob"_s, u"bob"_s, {}, { u"g1"_s });
    QVERIFY(bob);

    const HttpReply reply
        = rest("DELETE", api(ids(u"/connections/{alice}"_s), "reason="_L1 + percent(reason)));
    QCOMPARE(reply.status, 204);
    QVERIFY(reply.body.isEmpty());

    QTRY_VERIFY(alice->closed);
    const auto disconnected = alice->systemEvent("disconnected"_L1);
    QVERIFY2(disconnected, "no system disconnected message before the close");
    QCOMPARE(disconnected->value("message"_L1), QJsonValue(reason));
    // The reason comes first, then the close; 1008 stops SDK clients from recovering.
    QVERIFY(alice->framesBeforeClose > 0);
    QCOMPARE(alice->frames.at(alice->framesBeforeClose - 1), *disconnected);
    QCOMPARE(alice->socket.closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);

    QCOMPARE(rest("HEAD", api(ids(u"/connections/{alice}"_s))).status, 404);
    QCOMPARE(rest("HEAD", api(u"/users/alice"_s)).status, 404);
    QCOMPARE(rest("HEAD", api(ids(u"/connections/{bob}"_s))).status, 200);
    QVERIFY(barrier());
    QVERIFY(!bob->closed);
}

void TestRelayRest::closeOperationsHonourExcluded_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("query");
    QTest::addColumn<QStringList>("closed");

    // alice1 and bob are in g1; alice2 and carol in no group.
    QTest::addRow("closeAll") << u"/:closeConnections"_s << QString()
                              << QStringList { u"alice1"_s, u"alice2"_s, u"bob"_s, u"carol"_s };
    QTest::addRow("closeAll excluding one") << u"/:closeConnections"_s << u"excluded={alice1}"_s
                                            << QStringList { u"alice2"_s, u"bob"_s, u"carol"_s };
    QTest::addRow("closeAll excluding two")
        << u"/:closeConnections"_s << u"excluded={alice1}&excluded={carol}"_s
        << QStringList { u"alice2"_s, u"bob"_s };
    QTest::addRow("closeGroup") << u"/groups/g1/:closeConnections"_s << QString()
                                << QStringList { u"alice1"_s, u"bob"_s };
    QTest::addRow("closeGroup excluding one")
        << u"/groups/g1/:closeConnections"_s << u"excluded={bob}"_s << QStringList { u"alice1"_s };
    QTest::addRow("closeUser") << u"/users/alice/:closeConnections"_s << QString()
                               << QStringList { u"alice1"_s, u"alice2"_s };
    QTest::addRow("closeUser excluding one")
        << u"/users/alice/:closeConnections"_s << u"excluded={alice2}"_s
        << QStringList { u"alice1"_s };
}

void TestRelayRest::closeOperationsHonourExcluded()
{
    QFETCH(QString, path);
    QFETCH(QString, query);
    QFETCH(QStringList, closed);

    QVERIFY(connectClient(u"alice1"_s, u"alice"_s, {}, { u"g1"_s }));
    QVERIFY(connectClient(u"alice2"_s, u"alice"_s));
    QVERIFY(connectClient(u"bob"_s, u"bob"_s, {}, { u"g1"_s }));
    QVERIFY(connectClient(u"carol"_s, u"carol"_s));
    const QString reason = u"closing time"_s;

    QString fullQuery = ids(query);
    fullQuery += (fullQuery.isEmpty() ? ""_L1 : "&"_L1) + "reason="_L1 + percent(reason);
    const HttpReply reply = rest("POST", api(path, fullQuery));
    QCOMPARE(reply.status, 204);

    for (auto it = m_named.cbegin(); it != m_named.cend(); ++it) {
        Client *client = it.value();
        const QByteArray name = it.key().toUtf8();
        if (closed.contains(it.key())) {
            QTRY_VERIFY2(client->closed, name.constData());
            const auto disconnected = client->systemEvent("disconnected"_L1);
            QVERIFY2(disconnected, name.constData());
            QCOMPARE(disconnected->value("message"_L1), QJsonValue(reason));
            QCOMPARE(client->socket.closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);
        }
    }
    QVERIFY(barrier());
    QStringList stillOpen;
    for (auto it = m_named.cbegin(); it != m_named.cend(); ++it) {
        const bool exists
            = rest("HEAD", api(ids(QString("/connections/{"_L1 + it.key() + u'}')))).status == 200;
        QCOMPARE(exists, !it.value()->closed);
        if (!it.value()->closed)
            stillOpen.append(it.key());
    }
    QStringList expectedOpen;
    for (auto it = m_named.cbegin(); it != m_named.cend(); ++it) {
        if (!closed.contains(it.key()))
            expectedOpen.append(it.key());
    }
    QCOMPARE(stillOpen, expectedOpen);
}

// ---- existence, permissions, tokens, listing ------------------------------------------------

void TestRelayRest::existenceChecks_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("status");

    QTest::addRow("connection exists") << u"/connections/{alice}"_s << 200;
    QTest::addRow("connection does not exist") << u"/connections/no-such-connection"_s << 404;
    QTest::addRow("group exists") << u"/groups/g1"_s << 200;
    QTest::addRow("group with a slash exists") << u"/groups/room%2F1"_s << 200;
    QTest::addRow("group without members") << u"/groups/nobody-here"_s << 404;
    QTest::addRow("user exists") << u"/users/alice"_s << 200;
    QTest::addRow("user with a space exists") << u"/users/user%20one"_s << 200;
    QTest::addRow("user without connections") << u"/users/nobody"_s << 404;
}

void TestRelayRest::existenceChecks()
{
    QFETCH(QString, path);
    QFETCH(int, status);

    QVERIFY(connectClient(u"alice"_s, u"alice"_s, {}, { u"g1"_s }));
    QVERIFY(connectClient(u"spaced"_s, u"user one"_s, {}, { u"room/1"_s }));

    const HttpReply reply = rest("HEAD", api(ids(path)));
    QCOMPARE(reply.status, status);
    QVERIFY(reply.body.isEmpty());
}

void TestRelayRest::permissionsTakeEffect_data()
{
    QTest::addColumn<QString>("permission");
    QTest::addColumn<QString>("targetName"); // empty: any group
    QTest::addColumn<bool>("otherGroupAllowed");

    QTest::addRow("sendToGroup for one group") << u"sendToGroup"_s << u"g9"_s << false;
    QTest::addRow("sendToGroup for any group") << u"sendToGroup"_s << QString() << true;
    QTest::addRow("joinLeaveGroup for one group") << u"joinLeaveGroup"_s << u"g9"_s << false;
    QTest::addRow("joinLeaveGroup for any group") << u"joinLeaveGroup"_s << QString() << true;
}

void TestRelayRest::permissionsTakeEffect()
{
    QFETCH(QString, permission);
    QFETCH(QString, targetName);
    QFETCH(bool, otherGroupAllowed);

    Client *dave = connectClient(u"dave"_s, u"dave"_s); // no roles at all
    QVERIFY(dave);
    Client *listener = connectClient(u"listener"_s, u"lee"_s, {}, { u"g9"_s, u"g10"_s });
    QVERIFY(listener);
    const bool send = permission == "sendToGroup"_L1;
    quint64 ackId = 0;
    const auto act = [&](const QString &group) {
        ++ackId;
        if (send)
            dave->sendToGroup(group, ackId, u"from dave %1"_s.arg(ackId));
        else
            dave->joinGroup(group, ackId);
        return ackId;
    };
    const QString path = "/permissions/"_L1 + permission + ids(u"/connections/{dave}"_s);
    const QString target
        = targetName.isEmpty() ? QString() : QString("targetName="_L1 + targetName);
    const QString checkG9 = "targetName=g9"_L1;

    QCOMPARE(rest("HEAD", api(path, checkG9)).status, 404);
    quint64 id = act(u"g9"_s);
    QTRY_COMPARE(dave->ackOutcome(id), u"Forbidden"_s);

    QCOMPARE(rest("PUT", api(path, target)).status, 200);
    QCOMPARE(rest("HEAD", api(path, checkG9)).status, 200);
    QCOMPARE(rest("HEAD", api(path, target)).status, 200);
    id = act(u"g9"_s);
    QTRY_COMPARE(dave->ackOutcome(id), u"success"_s);
    if (send) {
        const QJsonValue data(u"from dave %1"_s.arg(id));
        QTRY_VERIFY(listener->received(data));
        QCOMPARE(listener->messagesWith(data).constFirst().value("fromUserId"_L1),
                 QJsonValue(u"dave"_s));
    } else {
        QCOMPARE(rest("POST", api(u"/groups/g9/:send"_s), "to g9", "text/plain").status, 202);
        QTRY_VERIFY(dave->received(QJsonValue(u"to g9"_s)));
    }
    id = act(u"g10"_s);
    QTRY_COMPARE(dave->ackOutcome(id), otherGroupAllowed ? u"success"_s : u"Forbidden"_s);
    QCOMPARE(rest("HEAD", api(path, u"targetName=g10"_s)).status, otherGroupAllowed ? 200 : 404);

    QCOMPARE(rest("DELETE", api(path, target)).status, 204);
    QCOMPARE(rest("HEAD", api(path, checkG9)).status, 404);
    id = act(u"g9"_s);
    QTRY_COMPARE(dave->ackOutcome(id), u"Forbidden"_s);
}

void TestRelayRest::generatedTokenConnects()
{
    const QString query = u"userId=erin&role=webpubsub.sendToGroup.g5&role=webpubsub.joinLeaveGroup"
                          "&group=g5&group=g6&minutesToExpire=5"_s;
    const HttpReply reply = rest("POST", api(u"/:generateToken"_s, query));
    QCOMPARE(reply.status, 200);
    QVERIFY2(reply.contentType.startsWith("application/json"), reply.contentType.constData());
    const QByteArray token = reply.json().value("token"_L1).toString().toLatin1();
    QVERIFY2(!token.isEmpty(), reply.body.constData());

    wr::Jwt::VerifyOptions verify;
    verify.keys = { kPrimaryKey.toUtf8() };
    QString why;
    const auto verified = wr::Jwt::verify(token, verify, &why);
    QVERIFY2(verified, qPrintable(why));
    const wr::ClientTokenClaims claims = wr::clientClaimsFrom(verified->claims);
    QCOMPARE(claims.userId, u"erin"_s);
    QCOMPARE(claims.groups, (QStringList { u"g5"_s, u"g6"_s }));
    QCOMPARE(claims.roles,
             (QStringList { u"webpubsub.sendToGroup.g5"_s, u"webpubsub.joinLeaveGroup"_s }));
    QCOMPARE(verified->claims.value("exp"_L1).toInteger()
                 - verified->claims.value("iat"_L1).toInteger(),
             qint64(300));
    QVERIFY(wr::clientAudienceMatches(claims.audience, kHub));

    const auto cs = wr::ConnectionString::parse(m_relay->connectionString());
    QVERIFY(cs);
    QUrl clientUrl = cs->webSocketEndpoint().resolved(QUrl(QString("client/hubs/"_L1 + kHub)));
    clientUrl.setQuery(u"access_token="_s + QString::fromLatin1(token));
    Client *erin = openClient(u"erin"_s, clientUrl, kHub);
    QVERIFY(erin);
    QCOMPARE(erin->systemEvent("connected"_L1)->value("userId"_L1), QJsonValue(u"erin"_s));

    // The token's groups are joined and its roles apply.
    QCOMPARE(rest("POST", api(u"/groups/g6/:send"_s), "to g6", "text/plain").status, 202);
    QTRY_VERIFY(erin->received(QJsonValue(u"to g6"_s)));
    erin->sendToGroup(u"g5"_s, 1, u"erin to g5"_s);
    QTRY_COMPARE(erin->ackOutcome(1), u"success"_s);
    QTRY_VERIFY(erin->received(QJsonValue(u"erin to g5"_s)));
    erin->sendToGroup(u"g6"_s, 2, u"erin to g6"_s);
    QTRY_COMPARE(erin->ackOutcome(2), u"Forbidden"_s);
}

void TestRelayRest::listConnectionsPages_data()
{
    QTest::addColumn<int>("members");
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("expectedItems");
    QTest::addColumn<int>("expectedPages");

    QTest::addRow("one page when everything fits") << 5 << u"maxpagesize=5"_s << 5 << 1;
    QTest::addRow("default page size") << 5 << QString() << 5 << 1;
    QTest::addRow("pages of two") << 5 << u"maxpagesize=2"_s << 5 << 3;
    QTest::addRow("pages of one") << 3 << u"maxpagesize=1"_s << 3 << 3;
    QTest::addRow("top limits the total") << 5 << u"maxpagesize=2&top=3"_s << 3 << 2;
    QTest::addRow("empty group") << 0 << u"maxpagesize=2"_s << 0 << 1;
}

void TestRelayRest::listConnectionsPages()
{
    QFETCH(int, members);
    QFETCH(QString, query);
    QFETCH(int, expectedItems);
    QFETCH(int, expectedPages);

    QHash<QString, QString> userOf; // connection id → user id
    for (int i = 0; i < members; ++i) {
        const QString user = u"user%1"_s.arg(i);
        Client *client = connectClient(user, user, {}, { u"big"_s });
        QVERIFY(client);
        userOf.insert(client->connectionId, user);
    }
    QVERIFY(connectClient(u"outsider"_s, u"outsider"_s));

    QUrl next = url(api(u"/groups/big/connections"_s, query));
    QStringList listed;
    int pages = 0;
    while (!next.isEmpty()) {
        QVERIFY2(++pages <= members + 1, "nextLink never ends");
        // The SDK signs every page request, nextLink included, with aud = that URL.
        const QByteArray token = restToken(next.toString(QUrl::FullyEncoded), kPrimaryKey.toUtf8());
        const HttpReply reply = request("GET", next, {}, {}, "Bearer " + token);
        QCOMPARE(reply.status, 200);
        const QJsonObject page = reply.json();
        const QJsonArray value = page.value("value"_L1).toArray();
        QVERIFY2(page.value("value"_L1).isArray(), reply.body.constData());
        for (const QJsonValue &item : value) {
            const QString id = item.toObject().value("connectionId"_L1).toString();
            listed.append(id);
            QCOMPARE(item.toObject().value("userId"_L1).toString(), userOf.value(id));
        }
        next = page.contains("nextLink"_L1)
            ? QUrl(page.value("nextLink"_L1).toString(), QUrl::StrictMode)
            : QUrl();
        if (!next.isEmpty()) {
            QVERIFY2(!value.isEmpty(), "a page with a nextLink but no items");
            QVERIFY2(next.isValid() && !next.isRelative(), reply.body.constData());
        }
    }
    QCOMPARE(pages, expectedPages);
    QCOMPARE(listed.size(), expectedItems);
    QCOMPARE(QSet<QString>(listed.cbegin(), listed.cend()).size(), expectedItems); // no repeats
    for (const QString &id : std::as_const(listed))
        QVERIFY2(userOf.contains(id), "listed a connection that is not in the group");
}

void TestRelayRest::restHubNamesAreCaseInsensitive()
{
    Client *alice = connectClient(u"alice"_s, u"alice"_s);
    QVERIFY(alice);
    QCOMPARE(
        rest("POST", api(u"/:send"_s, {}, kHub.toLower()), "lower-case hub", "text/plain").status,
        202);
    QTRY_VERIFY(alice->received(QJsonValue(u"lower-case hub"_s)));
    QCOMPARE(rest("HEAD", api(ids(u"/connections/{alice}"_s), {}, kHub.toUpper())).status, 200);
}

// ---- authentication and errors ----------------------------------------------------------

void TestRelayRest::restAuthentication_data()
{
    QTest::addColumn<Token>("token");
    QTest::addColumn<int>("status");

    QTest::addRow("valid") << Token::Valid << 202;
    QTest::addRow("signed with the secondary key") << Token::SecondaryKey << 202;
    QTest::addRow("aud with another scheme and host") << Token::OtherHost << 202;
    QTest::addRow("aud without the query") << Token::AudienceWithoutQuery << 202;
    QTest::addRow("no Authorization header") << Token::None << 401;
    QTest::addRow("garbage bearer") << Token::Garbage << 401;
    QTest::addRow("expired") << Token::Expired << 401;
    QTest::addRow("wrong key") << Token::WrongKey << 401;
    QTest::addRow("aud is another path") << Token::OtherPath << 401;
    QTest::addRow("Basic instead of Bearer") << Token::BasicScheme << 401;
    QTest::addRow("no exp claim") << Token::NoExpiry << 401;
    QTest::addRow("not valid yet") << Token::NotYetValid << 401;
    QTest::addRow("alg none, no signature") << Token::AlgNone << 401;
}

void TestRelayRest::restAuthentication()
{
    QFETCH(Token, token);
    QFETCH(int, status);

    Client *alice = connectClient(u"alice"_s, u"alice"_s);
    QVERIFY(alice);
    const QUrl target = url(api(u"/:send"_s, u"filter="_s + percent(u"userId ne 'bob'"_s)));
    const QString aud = target.toString(QUrl::FullyEncoded);
    const QByteArray primary = kPrimaryKey.toUtf8();
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    QByteArray authorization;
    switch (token) {
    case Token::Valid:
        authorization = "Bearer " + restToken(aud, primary);
        break;
    case Token::SecondaryKey:
        authorization = "Bearer " + restToken(aud, kSecondaryKey.toUtf8());
        break;
    case Token::OtherHost: {
        QUrl other = target;
        other.setScheme(u"https"_s);
        other.setHost(u"watchroom.webpubsub.azure.com"_s);
        other.setPort(-1);
        authorization = "Bearer " + restToken(other.toString(QUrl::FullyEncoded), primary);
        break;
    }
    case Token::AudienceWithoutQuery:
        authorization = "Bearer "
            + restToken(target.toString(QUrl::FullyEncoded | QUrl::RemoveQuery), primary);
        break;
    case Token::None:
        break;
    case Token::Garbage:
        authorization = "Bearer this-is-not-a-jwt";
        break;
    case Token::Expired:
        authorization = "Bearer " + restToken(aud, primary, 7200, 3600);
        break;
    case Token::WrongKey:
        authorization = "Bearer " + restToken(aud, "not-the-relay-key");
        break;
    case Token::OtherPath: {
        const QUrl other = url(api(u"/users/alice/:send"_s));
        authorization = "Bearer " + restToken(other.toString(QUrl::FullyEncoded), primary);
        break;
    }
    case Token::BasicScheme:
        authorization = "Basic " + QByteArray("user:" + primary).toBase64();
        break;
    case Token::NoExpiry:
        authorization = "Bearer "
            + wr::Jwt::sign(QJsonObject { { u"aud"_s, aud }, { u"iat"_s, now } }, primary);
        break;
    case Token::NotYetValid:
        authorization = "Bearer "
            + wr::Jwt::sign(QJsonObject { { u"aud"_s, aud },
                                          { u"iat"_s, now },
                                          { u"nbf"_s, now + 7200 },
                                          { u"exp"_s, now + 9000 } },
                            primary);
        break;
    case Token::AlgNone: {
        const auto part = [](const QJsonObject &o) {
            return QJsonDocument(o)
                .toJson(QJsonDocument::Compact)
                .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
        };
        authorization = "Bearer " + part({ { u"alg"_s, u"none"_s }, { u"typ"_s, u"JWT"_s } }) + '.'
            + part({ { u"aud"_s, aud }, { u"iat"_s, now }, { u"exp"_s, now + 3600 } }) + '.';
        break;
    }
    }

    const HttpReply reply = request("POST", target, "auth probe", "text/plain", authorization);
    QCOMPARE(reply.status, status);
    if (status == 401) {
        QVERIFY2(reply.contentType.startsWith("application/json"), reply.contentType.constData());
        const QJsonObject error = reply.json();
        QVERIFY2(!error.value("code"_L1).toString().isEmpty(), reply.body.constData());
        QVERIFY2(!error.value("message"_L1).toString().isEmpty(), reply.body.constData());
        QCOMPARE(reply.errorCode, error.value("code"_L1).toString().toLatin1());
    }
    QVERIFY(barrier());
    QCOMPARE(alice->received(QJsonValue(u"auth probe"_s)), status == 202);
}

void TestRelayRest::statusCodesAndErrorBodies_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path"); // from the root, percent-encoded; {hub} = the REST hub
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("messageContains"); // for error replies

    // A REST path of the hub with api-version and an optional extra query.
    const auto at = [](const QString &path, const QString &query = QString()) -> QString {
        QString out = "api/hubs/{hub}"_L1 + path + u'?' + kApiVersion;
        if (!query.isEmpty())
            out += u'&' + query;
        return out;
    };
    const auto filter
        = [](const QString &expression) -> QString { return "filter="_L1 + percent(expression); };
    const QString send = at(u"/:send"_s);
    const QByteArray text = "text/plain";
    const QByteArray json = "application/json";
    const QByteArray none;

    // Boundaries that must be accepted, next to the errors they border.
    QTest::addRow("messageTtlSeconds=0") << "POST"_ba << at(u"/:send"_s, u"messageTtlSeconds=0"_s)
                                         << text << "x"_ba << 202 << QString();
    QTest::addRow("messageTtlSeconds=300")
        << "POST"_ba << at(u"/:send"_s, u"messageTtlSeconds=300"_s) << text << "x"_ba << 202
        << QString();
    QTest::addRow("messageTtlSeconds=301")
        << "POST"_ba << at(u"/:send"_s, u"messageTtlSeconds=301"_s) << text << "x"_ba << 400
        << u"messageTtlSeconds"_s;
    QTest::addRow("messageTtlSeconds=-1") << "POST"_ba << at(u"/:send"_s, u"messageTtlSeconds=-1"_s)
                                          << text << "x"_ba << 400 << u"messageTtlSeconds"_s;
    QTest::addRow("messageTtlSeconds=soon")
        << "POST"_ba << at(u"/:send"_s, u"messageTtlSeconds=soon"_s) << text << "x"_ba << 400
        << u"messageTtlSeconds"_s;
    QTest::addRow("valid filter") << "POST"_ba << at(u"/:send"_s, filter(u"userId eq 'alice'"_s))
                                  << text << "x"_ba << 202 << QString();
    QTest::addRow("filter with an unsupported operator")
        << "POST"_ba << at(u"/:send"_s, filter(u"userId gt 'bob'"_s)) << text << "x"_ba << 400
        << u"gt"_s;
    QTest::addRow("filter on an unknown field")
        << "POST"_ba << at(u"/:send"_s, filter(u"role eq 'admin'"_s)) << text << "x"_ba << 400
        << u"role"_s;
    QTest::addRow("filter cut short") << "POST"_ba << at(u"/:send"_s, filter(u"userId eq"_s))
                                      << text << "x"_ba << 400 << u"string literal"_s;
    QTest::addRow("group send with an invalid filter")
        << "POST"_ba << at(u"/groups/g1/:send"_s, filter(u"'g1' in"_s)) << text << "x"_ba << 400
        << u"groups"_s;
    QTest::addRow("unsupported Content-Type text/html")
        << "POST"_ba << send << "text/html"_ba
        << "<p>x</p>"_ba << 415 << u"Content-Type"_s;
    QTest::addRow("unsupported Content-Type application/xml")
        << "POST"_ba << send << "application/xml"_ba
        << "<x/>"_ba << 415 << u"Content-Type"_s;
    QTest::addRow("Content-Type case does not matter") << "POST"_ba << send << "Text/Plain"_ba
                                                       << "x"_ba << 202 << QString();
    QTest::addRow("application/json that is not JSON")
        << "POST"_ba << send << json << R"({"a":)"_ba << 400 << u"JSON"_s;
    QTest::addRow("addToGroups without a groups array")
        << "POST"_ba << at(u"/:addToGroups"_s) << json << R"({"groups":"g1"})"_ba << 400
        << u"groups"_s;
    QTest::addRow("addToGroups with an invalid filter")
        << "POST"_ba << at(u"/:addToGroups"_s) << json
        << R"({"groups":["g1"],"filter":"userId like 'a'"})"_ba << 400 << u"like"_s;
    QTest::addRow("maxpagesize=0")
        << "GET"_ba << at(u"/groups/g1/connections"_s, u"maxpagesize=0"_s) << none << none << 400
        << u"maxpagesize"_s;
    QTest::addRow("maxpagesize=201")
        << "GET"_ba << at(u"/groups/g1/connections"_s, u"maxpagesize=201"_s) << none << none << 400
        << u"maxpagesize"_s;
    QTest::addRow("unknown permission")
        << "PUT"_ba << at(u"/permissions/sendToAll/connections/c1"_s) << none << none << 400
        << u"permission"_s;
    QTest::addRow("grant to an unknown connection")
        << "PUT"_ba << at(u"/permissions/sendToGroup/connections/c1"_s) << none << none << 404
        << u"c1"_s;
    QTest::addRow("generateToken minutesToExpire=0")
        << "POST"_ba << at(u"/:generateToken"_s, u"minutesToExpire=0"_s) << none << none << 400
        << u"minutesToExpire"_s;
    QTest::addRow("invalid hub name")
        << "POST"_ba << QString(u"api/hubs/1hub/:send?"_s + kApiVersion) << text << "x"_ba << 400
        << u"1hub"_s;
    QTest::addRow("DELETE an unknown connection from a group")
        << "DELETE"_ba << at(u"/groups/g1/connections/c1"_s) << none << none << 204 << QString();
    QTest::addRow("close an unknown connection")
        << "DELETE"_ba << at(u"/connections/c1"_s) << none << none << 204 << QString();

    // Unknown paths and wrong methods.
    QTest::addRow("unknown REST operation")
        << "POST"_ba << at(u"/:shout"_s) << text << "x"_ba << 404 << QString();
    QTest::addRow("unknown REST sub-resource")
        << "GET"_ba << at(u"/groups/g1/members"_s) << none << none << 404 << QString();
    QTest::addRow("REST path without a hub")
        << "GET"_ba << QString(u"api/hubs?"_s + kApiVersion) << none << none << 404 << QString();
    QTest::addRow("unknown top-level path")
        << "GET"_ba << u"no/such/page"_s << none << none << 404 << QString();
    QTest::addRow("GET :send") << "GET"_ba << send << none << none << 405 << QString();
    QTest::addRow("PUT :send") << "PUT"_ba << send << text << "x"_ba << 405 << QString();
    QTest::addRow("POST to a group")
        << "POST"_ba << at(u"/groups/g1"_s) << text << "x"_ba << 405 << QString();
    QTest::addRow("PATCH a connection")
        << "PATCH"_ba << at(u"/connections/c1"_s) << json << "{}"_ba << 405 << QString();
    QTest::addRow("GET :closeConnections")
        << "GET"_ba << at(u"/:closeConnections"_s) << none << none << 405 << QString();
    QTest::addRow("DELETE :generateToken")
        << "DELETE"_ba << at(u"/:generateToken"_s) << none << none << 405 << QString();
    QTest::addRow("POST /api/health")
        << "POST"_ba << u"api/health"_s << text << "x"_ba << 405 << QString();
    QTest::addRow("POST /negotiate")
        << "POST"_ba << u"negotiate"_s << text << "x"_ba << 405 << QString();
    QTest::addRow("HEAD /api/health")
        << "HEAD"_ba << u"api/health"_s << none << none << 200 << QString();
    QTest::addRow("GET /api/health")
        << "GET"_ba << u"api/health"_s << none << none << 200 << QString();
}

void TestRelayRest::statusCodesAndErrorBodies()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, messageContains);

    path.replace("{hub}"_L1, kHub);
    const HttpReply reply = path.startsWith("api/hubs"_L1)
        ? rest(method, path, body, contentType)
        : request(method, url(path), body, contentType);
    QCOMPARE(reply.status, status);
    if (status < 400 || method == "HEAD")
        return;
    QVERIFY2(reply.contentType.startsWith("application/json"), reply.contentType.constData());
    const QJsonObject error = reply.json();
    const QString code = error.value("code"_L1).toString();
    const QString message = error.value("message"_L1).toString();
    QVERIFY2(!code.isEmpty(), reply.body.constData());
    QVERIFY2(!message.isEmpty(), reply.body.constData());
    QCOMPARE(reply.errorCode, code.toLatin1());
    QVERIFY2(message.contains(messageContains), qPrintable(message));
}

void TestRelayRest::anyApiVersionIsAccepted_data()
{
    QTest::addColumn<QString>("query");

    QTest::addRow("2024-12-01") << u"api-version=2024-12-01"_s;
    QTest::addRow("2021-10-01") << u"api-version=2021-10-01"_s;
    QTest::addRow("none") << QString();
    QTest::addRow("garbage") << u"api-version=banana%20split"_s;
}

void TestRelayRest::anyApiVersionIsAccepted()
{
    QFETCH(QString, query);

    Client *alice = connectClient(u"alice"_s, u"alice"_s);
    QVERIFY(alice);
    const QString suffix = query.isEmpty() ? QString() : QString(u'?' + query);
    QCOMPARE(rest("POST", "api/hubs/"_L1 + kHub + "/:send"_L1 + suffix, "versioned", "text/plain")
                 .status,
             202);
    QTRY_VERIFY(alice->received(QJsonValue(u"versioned"_s)));
    QCOMPARE(rest("HEAD", ids("api/hubs/"_L1 + kHub + "/connections/{alice}"_L1 + suffix)).status,
             200);
}

// ---- operations endpoints ---------------------------------------------------------------

void TestRelayRest::healthz()
{
    QVERIFY(connectClient(u"alice"_s, u"alice"_s));
    QVERIFY(connectClient(u"bob"_s, u"bob"_s));

    const HttpReply reply = request("GET", url(u"healthz"_s));
    QCOMPARE(reply.status, 200);
    QVERIFY2(reply.contentType.startsWith("application/json"), reply.contentType.constData());
    const QJsonObject health = reply.json();
    QCOMPARE(health.value("status"_L1), QJsonValue(u"ok"_s));
    QCOMPARE(health.value("connections"_L1).toInteger(), qint64(2));
    QVERIFY(health.contains("version"_L1));

    QCOMPARE(request("HEAD", url(u"healthz"_s)).status, 200);
}

void TestRelayRest::metricsExposeConnectionsLatencyAndMalformedFrames()
{
    Client *alice
        = connectClient(u"alice"_s, u"alice"_s, { u"webpubsub.sendToGroup"_s }, { u"m1"_s });
    QVERIFY(alice);
    const auto scrape = [this] {
        const HttpReply reply = request("GET", url(u"metrics"_s));
        return reply.status == 200 ? reply : HttpReply {};
    };
    const QByteArray count = "watchroom_relay_delivery_latency_seconds_count";
    const QByteArray infBucket = R"(watchroom_relay_delivery_latency_seconds_bucket{le="+Inf"})";
    const QByteArray malformed = "watchroom_relay_malformed_messages_total";

    HttpReply before = scrape();
    QCOMPARE(before.status, 200);
    QVERIFY2(before.contentType.startsWith("text/plain"), before.contentType.constData());
    QVERIFY(before.body.contains("# TYPE watchroom_relay_connections gauge\n"));
    QCOMPARE(metricValue(before.body, "watchroom_relay_connections").value_or(-1), 1.0);
    QVERIFY(before.body.contains("# TYPE watchroom_relay_delivery_latency_seconds histogram\n"));
    const auto count0 = metricValue(before.body, count);
    const auto malformed0 = metricValue(before.body, malformed);
    QVERIFY(count0);
    QVERIFY(malformed0);
    QCOMPARE(metricValue(before.body, infBucket).value_or(-1), *count0);

    // A group send is a delivery the histogram records.
    alice->sendToGroup(u"m1"_s, 1, u"measured"_s);
    QTRY_COMPARE(alice->ackOutcome(1), u"success"_s);
    const HttpReply afterSend = scrape();
    QCOMPARE(afterSend.status, 200);
    QCOMPARE(metricValue(afterSend.body, count).value_or(-1), *count0 + 1);
    QCOMPARE(metricValue(afterSend.body, infBucket).value_or(-1), *count0 + 1);

    // A malformed frame is counted; the ping after it proves the relay has read it.
    alice->socket.sendTextMessage(u"{this is not json"_s);
    alice->send({ { u"type"_s, u"ping"_s } });
    QTRY_VERIFY(std::any_of(alice->frames.cbegin(), alice->frames.cend(),
                            [](const QJsonObject &f) { return f.value("type"_L1) == "pong"_L1; }));
    const HttpReply afterMalformed = scrape();
    QCOMPARE(afterMalformed.status, 200);
    QCOMPARE(metricValue(afterMalformed.body, malformed).value_or(-1), *malformed0 + 1);

    QVERIFY(connectClient(u"bob"_s, u"bob"_s));
    QCOMPARE(metricValue(scrape().body, "watchroom_relay_connections").value_or(-1), 2.0);
}

// ---- negotiate --------------------------------------------------------------------------

void TestRelayRest::negotiateGrantsRolePermissions_data()
{
    QTest::addColumn<QString>("role"); // empty: the relay's default
    QTest::addColumn<QString>("grantedRole");
    QTest::addColumn<bool>("presence");
    QTest::addColumn<bool>("annotations");
    QTest::addColumn<bool>("metrics");

    QTest::addRow("viewer") << u"viewer"_s << u"viewer"_s << true << false << false;
    QTest::addRow("annotator") << u"annotator"_s << u"annotator"_s << true << true << false;
    QTest::addRow("source") << u"source"_s << u"source"_s << false << false << true;
    QTest::addRow("admin") << u"admin"_s << u"admin"_s << true << true << true;
    QTest::addRow("no role: annotator") << QString() << u"annotator"_s << true << true << false;
}

void TestRelayRest::negotiateGrantsRolePermissions()
{
    QFETCH(QString, role);
    QFETCH(QString, grantedRole);
    QFETCH(bool, presence);
    QFETCH(bool, annotations);
    QFETCH(bool, metrics);

    QString query = u"negotiate?board=b1&user=ann"_s;
    if (!role.isEmpty())
        query += "&role="_L1 + role;
    const HttpReply reply = request("GET", url(query));
    QCOMPARE(reply.status, 200);
    QVERIFY2(reply.contentType.startsWith("application/json"), reply.contentType.constData());
    const QJsonObject body = reply.json();
    QCOMPARE(body.value("role"_L1), QJsonValue(grantedRole));
    QCOMPARE(body.value("userId"_L1), QJsonValue(u"ann"_s));
    // No keeper configured: clients must not wait for a keeper's snapshot.
    QCOMPARE(body.value("keeper"_L1), QJsonValue(false));
    QString why;
    const auto clientUrl = wr::parseNegotiateResponse(reply.body, &why);
    QVERIFY2(clientUrl, qPrintable(why));
    QCOMPARE(clientUrl->scheme(), u"ws"_s);
    QCOMPARE(clientUrl->port(), int(m_relay->port()));

    Client *ann = openClient(u"ann"_s, *clientUrl, u"watchroom"_s);
    QVERIFY(ann);
    QCOMPARE(ann->systemEvent("connected"_L1)->value("userId"_L1), QJsonValue(u"ann"_s));

    const QList<std::pair<QString, bool>> groups { { u"b1.presence"_s, presence },
                                                   { u"b1.annotations"_s, annotations },
                                                   { u"b1.metrics"_s, metrics } };
    quint64 ackId = 0;
    for (const auto &[group, allowed] : groups) {
        ann->sendToGroup(group, ++ackId, group);
        QTRY_VERIFY(!ann->ackOutcome(ackId).isEmpty());
        QVERIFY2(ann->ackOutcome(ackId) == (allowed ? "success"_L1 : "Forbidden"_L1),
                 qPrintable(QString(group + u": "_s + ann->ackOutcome(ackId))));
    }
    // Another board's groups are not covered by a board role (admins may send anywhere).
    ann->sendToGroup(u"b2.presence"_s, ++ackId, u"elsewhere"_s);
    QTRY_COMPARE(ann->ackOutcome(ackId), grantedRole == "admin"_L1 ? u"success"_s : u"Forbidden"_s);
}

void TestRelayRest::negotiateWithInvites_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("grantedRole");
    QTest::addColumn<bool>("annotations");

    QTest::addRow("no invite") << u"board=b1&user=ann"_s << 401 << QString() << false;
    QTest::addRow("wrong invite") << u"board=b1&user=ann&invite=secretB"_s << 401 << QString()
                                  << false;
    QTest::addRow("invite in the wrong case")
        << u"board=b1&user=ann&invite=SECRETA"_s << 401 << QString() << false;
    QTest::addRow("admin asked with an annotator invite")
        << u"board=b1&user=ann&invite=secretA&role=admin"_s << 403 << QString() << false;
    QTest::addRow("annotator invite")
        << u"board=b1&user=ann&invite=secretA"_s << 200 << u"annotator"_s << true;
    QTest::addRow("annotator invite, viewer asked")
        << u"board=b1&user=ann&invite=secretA&role=viewer"_s << 200 << u"viewer"_s << false;
}

void TestRelayRest::negotiateWithInvites()
{
    QFETCH(QString, query);
    QFETCH(int, status);
    QFETCH(QString, grantedRole);
    QFETCH(bool, annotations);

    wr::RelayConfig config = defaultConfig();
    config.invites = { wr::InviteSecret { u"annotator"_s, u"secretA"_s } };
    QVERIFY(startRelay(config));

    const HttpReply reply = request("GET", url("negotiate?"_L1 + query));
    QCOMPARE(reply.status, status);
    if (status != 200) {
        const QJsonObject error = reply.json();
        QVERIFY2(!error.value("message"_L1).toString().isEmpty(), reply.body.constData());
        QCOMPARE(reply.errorCode, error.value("code"_L1).toString().toLatin1());
        QVERIFY2(!reply.body.contains("access_token"), reply.body.constData());
        return;
    }
    QCOMPARE(reply.json().value("role"_L1), QJsonValue(grantedRole));
    const auto clientUrl = wr::parseNegotiateResponse(reply.body);
    QVERIFY(clientUrl);
    Client *ann = openClient(u"ann"_s, *clientUrl, u"watchroom"_s);
    QVERIFY(ann);
    ann->sendToGroup(u"b1.annotations"_s, 1, u"note"_s);
    QTRY_COMPARE(ann->ackOutcome(1), annotations ? u"success"_s : u"Forbidden"_s);
}

// ---- refused upgrades -------------------------------------------------------------------

void TestRelayRest::refusedUpgradesGetHttpStatus_data()
{
    QTest::addColumn<Token>("token");
    QTest::addColumn<bool>("inHeader");
    QTest::addColumn<QByteArray>("subprotocols"); // Sec-WebSocket-Protocol; empty: none
    QTest::addColumn<int>("status");

    const QByteArray reliable = QByteArray(wr::wps::kJsonReliableProtocol.data());
    QTest::addRow("valid token") << Token::Valid << false << reliable << 101;
    QTest::addRow("valid token in Authorization") << Token::Valid << true << reliable << 101;
    QTest::addRow("first supported subprotocol is chosen")
        << Token::Valid << false << "chat.v2, json.webpubsub.azure.v1"_ba << 101;
    // Refused tokens: tst_relaysecurity (tokens()) lists every case once. One stays here so
    // this table still covers the JSON error body of a refused upgrade.
    QTest::addRow("no token") << Token::None << false << reliable << 401;
    QTest::addRow("no subprotocol offered") << Token::Valid << false << QByteArray() << 400;
    QTest::addRow("only unsupported subprotocols")
        << Token::Valid << false << "chat.v2, protobuf.webpubsub.azure.v1"_ba << 400;
}

void TestRelayRest::refusedUpgradesGetHttpStatus()
{
    QFETCH(Token, token);
    QFETCH(bool, inHeader);
    QFETCH(QByteArray, subprotocols);
    QFETCH(int, status);

    const auto cs = wr::ConnectionString::parse(m_relay->connectionString());
    QVERIFY(cs);
    wr::ConnectionString wrongKey = *cs;
    wrongKey.accessKey = u"not-the-relay-key"_s;
    wr::ClientAccessOptions options;
    options.userId = u"mallory"_s;
    QByteArray jwt;
    switch (token) {
    case Token::Valid:
        jwt = wr::clientAccessFor(*cs, kHub, options).token.toLatin1();
        break;
    case Token::Garbage:
        jwt = "not.a.token";
        break;
    case Token::Expired:
        options.now = QDateTime::currentDateTimeUtc().addSecs(-7200);
        jwt = wr::clientAccessFor(*cs, kHub, options).token.toLatin1();
        break;
    case Token::WrongKey:
        jwt = wr::clientAccessFor(wrongKey, kHub, options).token.toLatin1();
        break;
    case Token::OtherPath:
        jwt = wr::clientAccessFor(*cs, u"OtherHub"_s, options).token.toLatin1();
        break;
    default:
        break;
    }

    QByteArray target = "/client/hubs/" + kHub.toUtf8();
    if (!jwt.isEmpty() && !inHeader)
        target += "?access_token=" + jwt;
    QByteArray head = "GET " + target + " HTTP/1.1\r\n"
        + "Host: 127.0.0.1:" + QByteArray::number(m_relay->port()) + "\r\n"
        + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
          "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n";
    if (!subprotocols.isEmpty())
        head += "Sec-WebSocket-Protocol: " + subprotocols + "\r\n";
    if (!jwt.isEmpty() && inHeader)
        head += "Authorization: Bearer " + jwt + "\r\n";
    head += "\r\n";

    const RawResponse response = rawRequest(head);
    QCOMPARE(response.status, status);
    if (status == 101) {
        const QByteArray chosen = subprotocols.contains("json.reliable")
            ? QByteArray(wr::wps::kJsonReliableProtocol.data())
            : QByteArray(wr::wps::kJsonProtocol.data());
        QCOMPARE(response.headers.value("sec-websocket-protocol"), chosen);
        return;
    }
    const QJsonObject error = parseObject(response.body);
    QVERIFY2(!error.value("message"_L1).toString().isEmpty(), response.body.constData());
    QCOMPARE(response.headers.value("x-ms-error-code"),
             error.value("code"_L1).toString().toLatin1());
    QCOMPARE(m_relay->hub()->gauges().sessions, qint64(0));
}

QTEST_GUILESS_MAIN(TestRelayRest)
#include "tst_relayrest.moc"
