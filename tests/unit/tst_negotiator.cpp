// Tests of wr::Negotiator: the in-process relay's /negotiate, a loopback fake HTTP endpoint for
// the response shapes and failures the relay never produces, direct client URLs and
// connection strings. Loopback only, ephemeral ports.
#include "jwt.h"
#include "negotiator.h"
#include "relay.h"
#include "sessionmessages.h"
#include "webpubsub.h"

#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QLoggingCategory>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QUrlQuery>
#include <QWebSocket>
#include <QWebSocketHandshakeOptions>

#include <memory>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using wr::NegotiateRequest;
using wr::NegotiateResult;
using wr::Negotiator;
using Error = wr::NegotiateResult::Error;

namespace {

constexpr int kTimeoutMs = 5000;
const QString kAccessKey = u"negotiator-test-key-0123456789abcdef"_s;

// A minimal HTTP/1.1 endpoint: answers each method with a configured response and records the
// requests it saw.
class FakeHttpServer : public QObject
{
public:
    struct Response
    {
        int status = 200;
        QByteArray contentType = "application/json";
        QByteArray body;
        bool hang = false; // accept, read, never answer
    };
    struct Request
    {
        QByteArray method;
        QByteArray target;
        QByteArray body;
    };

    FakeHttpServer()
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection())
                serve(socket);
        });
    }

    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    QUrl url(const QString &pathAndQuery = u"/negotiate"_s) const
    {
        return QUrl(u"http://127.0.0.1:%1%2"_s.arg(m_server.serverPort()).arg(pathAndQuery));
    }

    QHash<QByteArray, Response> responses; // by method
    QList<Request> requests;

private:
    void serve(QTcpSocket *socket)
    {
        auto buffer = std::make_shared<QByteArray>();
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer] {
            *buffer += socket->readAll();
            const qsizetype headEnd = buffer->indexOf("\r\n\r\n");
            if (headEnd < 0)
                return;
            const QList<QByteArray> lines = buffer->left(headEnd).split('\n');
            const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
            qsizetype contentLength = 0;
            for (const QByteArray &line : lines) {
                if (line.toLower().startsWith("content-length:"))
                    contentLength = line.mid(15).trimmed().toLongLong();
            }
            if (buffer->size() < headEnd + 4 + contentLength)
                return;
            const Request request { requestLine.value(0), requestLine.value(1),
                                    buffer->mid(headEnd + 4, contentLength) };
            buffer->remove(0, headEnd + 4 + contentLength);
            requests.append(request);
            const Response response = responses.value(
                request.method, Response { 404, "text/plain", "no route", false });
            if (response.hang)
                return;
            socket->write("HTTP/1.1 " + QByteArray::number(response.status)
                          + " Status\r\n"
                            "Content-Type: "
                          + response.contentType
                          + "\r\n"
                            "Content-Length: "
                          + QByteArray::number(response.body.size())
                          + "\r\n"
                            "Connection: close\r\n\r\n"
                          + response.body);
            socket->disconnectFromHost();
        });
    }

    QTcpServer m_server;
};

// Runs one negotiation and waits for its result.
std::optional<NegotiateResult> negotiate(Negotiator &negotiator, const NegotiateRequest &request,
                                         int timeoutMs = kTimeoutMs)
{
    QSignalSpy spy(&negotiator, &Negotiator::finished);
    negotiator.negotiate(request);
    if (!spy.wait(timeoutMs) || spy.size() != 1)
        return std::nullopt;
    return spy.first().first().value<NegotiateResult>();
}

NegotiateRequest requestFor(const QString &input)
{
    NegotiateRequest request;
    request.input = input;
    return request;
}

QJsonObject verifiedClaims(const QUrl &url, const QList<QByteArray> &keys)
{
    const QString token = QUrlQuery(url).queryItemValue(u"access_token"_s);
    wr::Jwt::VerifyOptions options;
    options.keys = keys;
    QString error;
    const auto verified = wr::Jwt::verify(token.toLatin1(), options, &error);
    if (!verified) {
        qWarning() << "token does not verify:" << error;
        return {};
    }
    return verified->claims;
}

QStringList stringList(const QJsonValue &value)
{
    QStringList out;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &v : array)
        out.append(v.toString());
    return out;
}

// Opens `url` the way HubClient does and returns the `connected` system message, if any.
std::optional<wr::wps::Connected> connectOnce(const QUrl &url,
                                              const std::optional<QSslConfiguration> &tls = {})
{
    QWebSocket socket;
    if (tls)
        socket.setSslConfiguration(*tls);
    std::optional<wr::wps::Connected> connected;
    QObject::connect(&socket, &QWebSocket::textMessageReceived, &socket, [&](const QString &text) {
        const auto decoded = wr::wps::decodeServiceMessage(text.toUtf8());
        if (decoded.ok() && std::holds_alternative<wr::wps::Connected>(*decoded.message))
            connected = std::get<wr::wps::Connected>(*decoded.message);
    });
    QWebSocketHandshakeOptions options;
    options.setSubprotocols({ QString(wr::wps::kJsonReliableProtocol) });
    socket.open(QNetworkRequest(url), options);
    [[maybe_unused]] const bool done
        = QTest::qWaitFor([&] { return connected.has_value(); }, kTimeoutMs);
    socket.abort();
    return connected;
}

} // namespace

namespace QTest {
template<> char *toString(const NegotiateResult &result)
{
    return qstrdup(
        result.ok() ? qPrintable(u"ok: "_s + Negotiator::redacted(result.url))
                    : qPrintable(u"error %1: %2"_s.arg(int(result.error)).arg(result.errorString)));
}
} // namespace QTest

class TestNegotiator : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void classify_data();
    void classify();
    void queryItemsAreAddedWhenAbsent_data();
    void queryItemsAreAddedWhenAbsent();
    void relayNegotiateGivesAWorkingUrl();
    void relayPlaceholderUserIsReplaced();
    void responseShapes_data();
    void responseShapes();
    void postFallback_data();
    void postFallback();
    void httpErrorsCarryStatusAndBodyExcerpt_data();
    void httpErrorsCarryStatusAndBodyExcerpt();
    void refusedPostIsReported();
    void badResponses_data();
    void badResponses();
    void refusedPortIsReported();
    void silentServerTimesOut();
    void untrustedCertificateIsATlsError();
    void directClientUrlIsUsedAsIs();
    void directClientUrlWithoutTokenIsRejected();
    void connectionStringMintsATokenTheRelayAccepts();
    void connectionStringErrors_data();
    void connectionStringErrors();
    void invalidInput_data();
    void invalidInput();
    void cancelSuppressesTheResult();
    void aNewRequestReplacesTheOld();
    void redactedHidesSecrets_data();
    void redactedHidesSecrets();
    void failedNegotiateNeverShowsASecret_data();
    void failedNegotiateNeverShowsASecret();
    void wrongInviteAtTheRelayIsNotShown();

private:
    std::unique_ptr<wr::Relay> m_relay;
    std::unique_ptr<FakeHttpServer> m_http;
};

void TestNegotiator::init()
{
    wr::RelayConfig config;
    config.listenAddress = QHostAddress::LocalHost;
    config.port = 0;
    config.accessKeys = { kAccessKey };
    config.dataDir.clear();
    m_relay = std::make_unique<wr::Relay>(config);
    QString error;
    QVERIFY2(m_relay->start(&error), qPrintable(error));
    m_http = std::make_unique<FakeHttpServer>();
    QVERIFY(m_http->listen());
}

void TestNegotiator::cleanup()
{
    m_http.reset();
    m_relay.reset();
}

void TestNegotiator::classify_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<Negotiator::InputKind>("kind");
    using Kind = Negotiator::InputKind;
    QTest::addRow("negotiate http")
        << u"http://127.0.0.1:7300/negotiate?board=main"_s << Kind::NegotiateUrl;
    QTest::addRow("negotiate https")
        << u" https://example.org/api/negotiate "_s << Kind::NegotiateUrl;
    QTest::addRow("ws") << u"ws://127.0.0.1/client/hubs/h?access_token=x"_s << Kind::ClientUrl;
    QTest::addRow("WSS upper case")
        << u"WSS://host/client/hubs/h?access_token=x"_s << Kind::ClientUrl;
    QTest::addRow("connection string")
        << u"Endpoint=http://127.0.0.1;Port=7300;AccessKey=abc;Version=1.0;"_s
        << Kind::ConnectionString;
    QTest::addRow("connection string, key first")
        << u"accesskey=abc;endpoint=https://x.webpubsub.azure.com;"_s << Kind::ConnectionString;
    QTest::addRow("empty") << u"  "_s << Kind::Invalid;
    QTest::addRow("words") << u"join my session"_s << Kind::Invalid;
    QTest::addRow("ftp") << u"ftp://example.org/x"_s << Kind::Invalid;
    QTest::addRow("no host") << u"http:///negotiate"_s << Kind::Invalid;
}

void TestNegotiator::classify()
{
    QFETCH(QString, input);
    QFETCH(Negotiator::InputKind, kind);
    QCOMPARE(Negotiator::classify(input), kind);
}

void TestNegotiator::queryItemsAreAddedWhenAbsent_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("board");
    QTest::addColumn<QString>("role");
    QTest::addColumn<QString>("expectedQuery");
    QTest::addRow("all added") << u"http://h/negotiate"_s << u"alice"_s << u"ops"_s << u"viewer"_s
                               << u"board=ops&user=alice&role=viewer"_s;
    QTest::addRow("nothing given")
        << u"http://h/negotiate?x=1"_s << QString() << QString() << QString() << u"x=1"_s;
    QTest::addRow("present ones kept")
        << u"http://h/negotiate?board=main&role=annotator"_s << u"alice"_s << u"ops"_s
        << u"viewer"_s << u"board=main&role=annotator&user=alice"_s;
    QTest::addRow("empty value is absent")
        << u"http://h/negotiate?user="_s << u"bob"_s << QString() << QString() << u"user=bob"_s;
    QTest::addRow("relay placeholder replaced")
        << u"http://h/negotiate?board=main&user=NAME&role=annotator"_s << u"bob"_s << QString()
        << QString() << u"board=main&role=annotator&user=bob"_s;
    QTest::addRow("plus and space encoded")
        << u"http://h/negotiate"_s << u"a b+c"_s << QString() << QString() << u"user=a%20b%2Bc"_s;
}

void TestNegotiator::queryItemsAreAddedWhenAbsent()
{
    QFETCH(QString, input);
    QFETCH(QString, user);
    QFETCH(QString, board);
    QFETCH(QString, role);
    QFETCH(QString, expectedQuery);
    NegotiateRequest request = requestFor(input);
    request.userId = user;
    request.board = board;
    request.role = role;
    QCOMPARE(Negotiator::negotiateUrlFor(request).query(QUrl::FullyEncoded), expectedQuery);
}

void TestNegotiator::relayNegotiateGivesAWorkingUrl()
{
    Negotiator negotiator;
    NegotiateRequest request
        = requestFor(m_relay->httpUrl().resolved(QUrl(u"negotiate"_s)).toString());
    request.userId = u"Alice Smith+1"_s;
    request.board = u"ops"_s;
    request.role = u"viewer"_s;
    const auto result = negotiate(negotiator, request);
    QVERIFY(result);
    QVERIFY2(result->ok(), qPrintable(result->errorString));
    QCOMPARE(result->httpStatus, 200);
    QCOMPARE(result->url.scheme(), u"ws"_s);
    QCOMPARE(result->url.port(), int(m_relay->port()));

    const QJsonObject claims = verifiedClaims(result->url, m_relay->accessKeys());
    QCOMPARE(claims.value("sub"_L1).toString(), u"Alice Smith+1"_s);
    QCOMPARE(stringList(claims.value("role"_L1)),
             wr::session::webPubSubRolesFor(u"viewer"_s, u"ops"_s));

    const auto connected = connectOnce(result->url);
    QVERIFY(connected);
    QCOMPARE(connected->userId, std::optional<QString>(u"Alice Smith+1"_s));
}

void TestNegotiator::relayPlaceholderUserIsReplaced()
{
    // What earlier watchroom-relay versions printed for people to paste:
    // …/negotiate?board=main&user=NAME&role=annotator
    Negotiator negotiator;
    NegotiateRequest request
        = requestFor(m_relay->negotiateUrl(u"main"_s).toString() + u"&user=NAME"_s);
    request.userId = u"bob"_s;
    request.role = u"viewer"_s; // the URL's role wins
    const auto result = negotiate(negotiator, request);
    QVERIFY(result);
    QVERIFY2(result->ok(), qPrintable(result->errorString));
    const QJsonObject claims = verifiedClaims(result->url, m_relay->accessKeys());
    QCOMPARE(claims.value("sub"_L1).toString(), u"bob"_s);
    QCOMPARE(stringList(claims.value("role"_L1)),
             wr::session::webPubSubRolesFor(u"annotator"_s, u"main"_s));
}

void TestNegotiator::responseShapes_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("expected");
    QTest::addRow("plain string")
        << "text/plain"_ba
        << "wss://svc.example/client/hubs/chat?access_token=aaa.bbb.ccc\n"_ba
        << u"wss://svc.example/client/hubs/chat?access_token=aaa.bbb.ccc"_s;
    QTest::addRow("JSON string") << "application/json"_ba
                                 << "\"ws://127.0.0.1:9/client/hubs/chat?access_token=t\""_ba
                                 << u"ws://127.0.0.1:9/client/hubs/chat?access_token=t"_s;
    QTest::addRow("{url}") << "application/json"_ba
                           << R"({"url":"wss://svc.example/client/hubs/chat?access_token=t1"})"_ba
                           << u"wss://svc.example/client/hubs/chat?access_token=t1"_s;
    QTest::addRow("{baseUrl,token}")
        << "application/json"_ba
        << R"({"baseUrl":"wss://svc.example/client/hubs/chat","token":"t2"})"_ba
        << u"wss://svc.example/client/hubs/chat?access_token=t2"_s;
    QTest::addRow("http becomes ws")
        << "application/json"_ba
        << R"({"url":"http://127.0.0.1:9/client/hubs/chat?access_token=t3"})"_ba
        << u"ws://127.0.0.1:9/client/hubs/chat?access_token=t3"_s;
    QTest::addRow("https becomes wss") << "text/plain"_ba
                                       << "https://svc.example/client/hubs/chat?access_token=t4"_ba
                                       << u"wss://svc.example/client/hubs/chat?access_token=t4"_s;
}

void TestNegotiator::responseShapes()
{
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    QFETCH(QString, expected);
    m_http->responses.insert("GET", { 200, contentType, body, false });
    Negotiator negotiator;
    const auto result = negotiate(negotiator, requestFor(m_http->url().toString()));
    QVERIFY(result);
    QVERIFY2(result->ok(), qPrintable(result->errorString));
    QCOMPARE(result->url.toString(QUrl::FullyEncoded), expected);
}

void TestNegotiator::postFallback_data()
{
    QTest::addColumn<int>("getStatus");
    QTest::addRow("405") << 405;
    QTest::addRow("404") << 404;
}

void TestNegotiator::postFallback()
{
    QFETCH(int, getStatus);
    m_http->responses.insert("GET", { getStatus, "text/plain", "use POST", false });
    m_http->responses.insert("POST",
                             { 200, "application/json",
                               R"({"url":"ws://127.0.0.1:9/client/hubs/h?access_token=p"})",
                               false });
    Negotiator negotiator;
    NegotiateRequest request = requestFor(m_http->url().toString());
    request.userId = u"carol"_s;
    const auto result = negotiate(negotiator, request);
    QVERIFY(result);
    QVERIFY2(result->ok(), qPrintable(result->errorString));
    QCOMPARE(result->url.toString(), u"ws://127.0.0.1:9/client/hubs/h?access_token=p"_s);
    QCOMPARE(m_http->requests.size(), 2);
    QCOMPARE(m_http->requests[0].method, "GET"_ba);
    QCOMPARE(m_http->requests[1].method, "POST"_ba);
    QCOMPARE(m_http->requests[1].target, "/negotiate?user=carol"_ba); // same query on POST
}

void TestNegotiator::httpErrorsCarryStatusAndBodyExcerpt_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("excerpt");
    QTest::addColumn<bool>("permanent");
    QTest::addRow("500") << 500 << R"({"error":"database exploded"})"_ba << u"database exploded"_s
                         << false;
    QTest::addRow("401") << 401 << "invite secret required"_ba << u"invite secret required"_s
                         << true;
    QTest::addRow("429") << 429 << "slow down"_ba << u"slow down"_s << false;
    QTest::addRow("long body is cut") << 502 << QByteArray(20000, 'x') << u"xxxxxxxxxx…"_s << false;
}

void TestNegotiator::httpErrorsCarryStatusAndBodyExcerpt()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QString, excerpt);
    QFETCH(bool, permanent);
    m_http->responses.insert("GET", { status, "text/plain", body, false });
    Negotiator negotiator;
    const auto result = negotiate(negotiator, requestFor(m_http->url().toString()));
    QVERIFY(result);
    QCOMPARE(result->error, Error::HttpStatus);
    QCOMPARE(result->httpStatus, status);
    QVERIFY2(result->errorString.contains(u"HTTP %1"_s.arg(status)),
             qPrintable(result->errorString));
    QVERIFY2(result->errorString.contains(excerpt), qPrintable(result->errorString));
    QVERIFY(result->errorString.size() < 600);
    QCOMPARE(result->isPermanent(), permanent);
    QCOMPARE(m_http->requests.size(), 1); // no POST after anything but 404/405
}

void TestNegotiator::refusedPostIsReported()
{
    m_http->responses.insert("GET", { 405, "text/plain", "no GET", false });
    m_http->responses.insert("POST", { 403, "text/plain", "forbidden here", false });
    Negotiator negotiator;
    const auto result = negotiate(negotiator, requestFor(m_http->url().toString()));
    QVERIFY(result);
    QCOMPARE(result->error, Error::HttpStatus);
    QCOMPARE(result->httpStatus, 403);
    QVERIFY2(result->errorString.contains("POST"_L1), qPrintable(result->errorString));
    QVERIFY2(result->errorString.contains("forbidden here"_L1), qPrintable(result->errorString));
}

void TestNegotiator::badResponses_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<NegotiateResult::Error>("error");
    QTest::addColumn<QString>("mentions");
    QTest::addRow("truncated JSON") << R"({"url": )"_ba << Error::BadResponse << u"JSON"_s;
    QTest::addRow("no url field") << R"({"endpoint":"x"})"_ba << Error::BadResponse << u"url"_s;
    QTest::addRow("not a URL") << "<html>login</html>"_ba << Error::BadResponse << u"ws(s)://"_s;
    QTest::addRow("empty") << QByteArray() << Error::BadResponse << u"empty"_s;
    QTest::addRow("URL without token") << R"({"url":"ws://127.0.0.1:9/client/hubs/h"})"_ba
                                       << Error::MissingToken << u"access_token"_s;
}

void TestNegotiator::badResponses()
{
    QFETCH(QByteArray, body);
    QFETCH(NegotiateResult::Error, error);
    QFETCH(QString, mentions);
    m_http->responses.insert("GET", { 200, "application/json", body, false });
    Negotiator negotiator;
    const auto result = negotiate(negotiator, requestFor(m_http->url().toString()));
    QVERIFY(result);
    QCOMPARE(result->error, error);
    QVERIFY2(result->errorString.contains(mentions), qPrintable(result->errorString));
    QVERIFY(result->isPermanent());
}

void TestNegotiator::refusedPortIsReported()
{
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
    const quint16 port = closed.serverPort();
    closed.close();
    Negotiator negotiator;
    const auto result
        = negotiate(negotiator, requestFor(u"http://127.0.0.1:%1/negotiate"_s.arg(port)));
    QVERIFY(result);
    QCOMPARE(result->error, Error::ConnectionRefused);
    QVERIFY2(result->errorString.contains(u"127.0.0.1:%1"_s.arg(port)),
             qPrintable(result->errorString));
    QVERIFY(!result->isPermanent());
}

void TestNegotiator::silentServerTimesOut()
{
    m_http->responses.insert("GET", { 200, {}, {}, true });
    Negotiator negotiator;
    negotiator.setTimeout(300ms);
    QElapsedTimer clock;
    clock.start();
    const auto result = negotiate(negotiator, requestFor(m_http->url().toString()));
    QVERIFY(result);
    QCOMPARE(result->error, Error::Timeout);
    QVERIFY(clock.elapsed() >= 250);
    QVERIFY(clock.elapsed() < 3000);
    QVERIFY(!negotiator.isBusy());
    QVERIFY(!result->isPermanent());
}

void TestNegotiator::untrustedCertificateIsATlsError()
{
    if (!QSslSocket::supportsSsl())
        QSKIP("no TLS backend");
    const QString certPath = QFINDTESTDATA("../data/tls/localhost.crt");
    const QString keyPath = QFINDTESTDATA("../data/tls/localhost.key");
    QVERIFY(!certPath.isEmpty() && !keyPath.isEmpty());
    wr::RelayConfig config;
    config.listenAddress = QHostAddress::LocalHost;
    config.port = 0;
    config.accessKeys = { kAccessKey };
    config.dataDir.clear();
    config.tlsCertificatePath = certPath;
    config.tlsKeyPath = keyPath;
    wr::Relay tlsRelay(config);
    QString error;
    QVERIFY2(tlsRelay.start(&error), qPrintable(error));
    const QString url = u"https://127.0.0.1:%1/negotiate"_s.arg(tlsRelay.port());

    Negotiator negotiator;
    const auto refused = negotiate(negotiator, requestFor(url));
    QVERIFY(refused);
    QCOMPARE(refused->error, Error::Tls);
    QVERIFY2(refused->errorString.contains("TLS"_L1), qPrintable(refused->errorString));
    QVERIFY(refused->isPermanent());

    // Trusting exactly the relay's certificate makes it work, and gives a wss:// URL.
    QFile certFile(certPath);
    QVERIFY(certFile.open(QIODevice::ReadOnly));
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setCaCertificates(QSslCertificate::fromData(certFile.readAll()));
    negotiator.setSslConfiguration(tls);
    const auto trusted = negotiate(negotiator, requestFor(url));
    QVERIFY(trusted);
    QVERIFY2(trusted->ok(), qPrintable(trusted->errorString));
    QCOMPARE(trusted->url.scheme(), u"wss"_s);
    QVERIFY(connectOnce(trusted->url, tls));
}

void TestNegotiator::directClientUrlIsUsedAsIs()
{
    const QString input = u" ws://127.0.0.1:1234/client/hubs/watchroom?access_token=abc.def.ghi "_s;
    Negotiator negotiator;
    QSignalSpy spy(&negotiator, &Negotiator::finished);
    negotiator.negotiate(requestFor(input));
    QCOMPARE(spy.size(), 0); // always asynchronous
    QVERIFY(spy.wait(kTimeoutMs));
    const auto result = spy.first().first().value<NegotiateResult>();
    QVERIFY(result.ok());
    QCOMPARE(result.url.toString(), input.trimmed());
}

void TestNegotiator::directClientUrlWithoutTokenIsRejected()
{
    Negotiator negotiator;
    const auto result = negotiate(negotiator, requestFor(u"wss://svc.example/client/hubs/chat"_s));
    QVERIFY(result);
    QCOMPARE(result->error, Error::MissingToken);
    QVERIFY2(result->errorString.contains("access_token"_L1), qPrintable(result->errorString));
    QVERIFY(result->isPermanent());
}

void TestNegotiator::connectionStringMintsATokenTheRelayAccepts()
{
    Negotiator negotiator;
    NegotiateRequest request = requestFor(m_relay->connectionString());
    request.userId = u"carol"_s;
    request.board = u"ops"_s;
    request.role = u"annotator"_s;
    const auto result = negotiate(negotiator, request);
    QVERIFY(result);
    QVERIFY2(result->ok(), qPrintable(result->errorString));
    QCOMPARE(result->url.scheme(), u"ws"_s);
    QVERIFY(result->url.path().endsWith("/client/hubs/watchroom"_L1));

    const QJsonObject claims = verifiedClaims(result->url, m_relay->accessKeys());
    QCOMPARE(claims.value("sub"_L1).toString(), u"carol"_s);
    QCOMPARE(stringList(claims.value("role"_L1)),
             wr::session::webPubSubRolesFor(u"annotator"_s, u"ops"_s));
    QVERIFY(claims.value("aud"_L1).toString().endsWith("/client/hubs/watchroom"_L1));

    const auto connected = connectOnce(result->url);
    QVERIFY(connected);
    QCOMPARE(connected->userId, std::optional<QString>(u"carol"_s));
}

void TestNegotiator::connectionStringErrors_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("hub");
    QTest::addColumn<QString>("role");
    QTest::addColumn<QString>("mentions");
    const QString good
        = u"Endpoint=http://127.0.0.1;Port=7300;AccessKey=%1;Version=1.0;"_s.arg(kAccessKey);
    QTest::addRow("no access key") << u"Endpoint=http://127.0.0.1;Version=1.0;"_s << u"watchroom"_s
                                   << QString() << u"AccessKey"_s;
    QTest::addRow("bad endpoint") << u"Endpoint=ftp://x;AccessKey=%1;"_s.arg(kAccessKey)
                                  << u"watchroom"_s << QString() << u"connection string"_s;
    QTest::addRow("unknown role") << good << u"watchroom"_s << u"king"_s << u"role 'king'"_s;
    QTest::addRow("bad hub") << good << u"1hub"_s << QString() << u"hub name"_s;
}

void TestNegotiator::connectionStringErrors()
{
    QFETCH(QString, input);
    QFETCH(QString, hub);
    QFETCH(QString, role);
    QFETCH(QString, mentions);
    NegotiateRequest request = requestFor(input);
    request.hub = hub;
    request.role = role;
    Negotiator negotiator;
    const auto result = negotiate(negotiator, request);
    QVERIFY(result);
    QCOMPARE(result->error, Error::InvalidInput);
    QVERIFY2(result->errorString.contains(mentions), qPrintable(result->errorString));
    QVERIFY2(!result->errorString.contains(kAccessKey), "an error message leaks the access key");
}

void TestNegotiator::invalidInput_data()
{
    QTest::addColumn<QString>("input");
    QTest::addRow("empty") << QString();
    QTest::addRow("words") << u"my session"_s;
    QTest::addRow("mailto") << u"mailto:someone@example.org"_s;
}

void TestNegotiator::invalidInput()
{
    QFETCH(QString, input);
    Negotiator negotiator;
    const auto result = negotiate(negotiator, requestFor(input));
    QVERIFY(result);
    QCOMPARE(result->error, Error::InvalidInput);
    QVERIFY(result->errorString.contains("negotiate URL"_L1));
    QVERIFY(result->isPermanent());
}

void TestNegotiator::cancelSuppressesTheResult()
{
    m_http->responses.insert("GET", { 200, {}, {}, true });
    Negotiator negotiator;
    QSignalSpy spy(&negotiator, &Negotiator::finished);
    negotiator.negotiate(requestFor(m_http->url().toString()));
    QVERIFY(negotiator.isBusy());
    QTRY_COMPARE_WITH_TIMEOUT(m_http->requests.size(), 1, kTimeoutMs);
    negotiator.cancel();
    QVERIFY(!negotiator.isBusy());
    // A queued result (direct URL) is suppressed too.
    negotiator.negotiate(requestFor(u"ws://127.0.0.1:1/client/hubs/h?access_token=x"_s));
    negotiator.cancel();
    QVERIFY(!spy.wait(300));
    QCOMPARE(spy.size(), 0);
}

void TestNegotiator::aNewRequestReplacesTheOld()
{
    m_http->responses.insert("GET", { 200, {}, {}, true });
    Negotiator negotiator;
    QSignalSpy spy(&negotiator, &Negotiator::finished);
    negotiator.negotiate(requestFor(m_http->url().toString()));
    QTRY_COMPARE_WITH_TIMEOUT(m_http->requests.size(), 1, kTimeoutMs);
    negotiator.negotiate(requestFor(u"ws://127.0.0.1:1/client/hubs/h?access_token=second"_s));
    QVERIFY(spy.wait(kTimeoutMs));
    QVERIFY(!spy.wait(300));
    QCOMPARE(spy.size(), 1);
    QVERIFY(spy.first().first().value<NegotiateResult>().url.toString().contains("second"_L1));
}

void TestNegotiator::redactedHidesSecrets_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QStringList>("secrets");
    QTest::addColumn<QStringList>("kept");
    QTest::addRow("access and reconnection tokens")
        << u"wss://h/client/hubs/x?access_token=SECRET1&awps_connection_id=c&awps_reconnection_token=SECRET2"_s
        << QStringList { u"SECRET1"_s, u"SECRET2"_s }
        << QStringList { u"awps_connection_id=c"_s, u"wss://h/client/hubs/x"_s };
    QTest::addRow("invite in a negotiate URL")
        << u"https://relay.lan:7300/negotiate?board=ops&invite=SECRET-INVITE&role=annotator"_s
        << QStringList { u"SECRET-INVITE"_s }
        << QStringList { u"board=ops"_s, u"role=annotator"_s, u"invite="_s };
    QTest::addRow("percent-encoded invite")
        << u"http://h/negotiate?invite=SECRET%2BPLUS%20X&user=ann"_s
        << QStringList { u"SECRET"_s, u"PLUS"_s } << QStringList { u"user=ann"_s };
    QTest::addRow("key, sig and a password")
        << u"http://me:SECRET-PW@h/negotiate?key=SECRET-KEY&sig=SECRET-SIG"_s
        << QStringList { u"SECRET-PW"_s, u"SECRET-KEY"_s, u"SECRET-SIG"_s }
        << QStringList { u"h/negotiate"_s };
}

void TestNegotiator::redactedHidesSecrets()
{
    QFETCH(QString, url);
    QFETCH(QStringList, secrets);
    QFETCH(QStringList, kept);
    const QString text = Negotiator::redacted(QUrl(url));
    for (const QString &secret : std::as_const(secrets))
        QVERIFY2(!text.contains(secret), qPrintable(text));
    for (const QString &part : std::as_const(kept))
        QVERIFY2(text.contains(part), qPrintable(text));
}

// Every message a failing negotiate produces, for inputs that carry a secret.
void TestNegotiator::failedNegotiateNeverShowsASecret_data()
{
    QTest::addColumn<QString>("input"); // %1: the fake server's port, %2: the closed port
    QTest::addColumn<QString>("secret");
    QTest::addColumn<int>("status"); // the fake server's answer; 0: hang
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("error");

    const QString invite = u"SECRET-INVITE-4242"_s;
    const QString token = u"SECRET-TOKEN-4242"_s;
    QTest::addRow("invite, 401 echoing the request")
        << u"http://127.0.0.1:%1/negotiate?board=ops&invite="_s + invite << invite << 401
        << (u"refused http://127.0.0.1/negotiate?board=ops&invite="_s + invite).toUtf8()
        << int(Error::HttpStatus);
    QTest::addRow("invite, 500 quoting a bearer token")
        << u"http://127.0.0.1:%1/negotiate?invite="_s + invite << token << 500
        << (u"upstream said: Authorization: Bearer "_s + token).toUtf8() << int(Error::HttpStatus);
    QTest::addRow("invite, connection refused")
        << u"http://127.0.0.1:%2/negotiate?invite="_s + invite << invite << 200 << QByteArray()
        << int(Error::ConnectionRefused);
    QTest::addRow("invite, no answer in time")
        << u"http://127.0.0.1:%1/negotiate?invite="_s + invite << invite << 0 << QByteArray()
        << int(Error::Timeout);
    QTest::addRow("invite in the answer's URL, no access_token")
        << u"http://127.0.0.1:%1/negotiate"_s << invite << 200
        << (u"{\"url\":\"ws://127.0.0.1/client/hubs/watchroom?invite="_s + invite + u"\"}"_s)
               .toUtf8()
        << int(Error::MissingToken);
    QTest::addRow("access_token, 401 echoing it")
        << u"http://127.0.0.1:%1/negotiate?access_token="_s + token << token << 401
        << (u"bad token in http://127.0.0.1/negotiate?access_token="_s + token).toUtf8()
        << int(Error::HttpStatus);
    QTest::addRow("password in the URL, 403")
        << u"http://ann:SECRET-PASSWORD@127.0.0.1:%1/negotiate"_s << u"SECRET-PASSWORD"_s << 403
        << "no"_ba << int(Error::HttpStatus);
    QTest::addRow("connection string AccessKey, unknown role")
        << u"Endpoint=http://127.0.0.1;Port=%1;AccessKey=SECRET-ACCESS-KEY-0123456789;Version=1.0;"_s
        << u"SECRET-ACCESS-KEY"_s << 200 << QByteArray() << int(Error::InvalidInput);
    QTest::addRow("connection string AccessKey, a part that is no key=value")
        << u"Endpoint=http://127.0.0.1;AccessKey=SECRET-ACCESS-KEY-0123456789;oops;"_s
        << u"SECRET-ACCESS-KEY"_s << 200 << QByteArray() << int(Error::InvalidInput);
}

void TestNegotiator::failedNegotiateNeverShowsASecret()
{
    QFETCH(QString, input);
    QFETCH(QString, secret);
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(int, error);
    m_http->responses.insert("GET", { status, "text/plain", body, status == 0 });
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
    const quint16 closedPort = closed.serverPort();
    closed.close();

    NegotiateRequest request
        = requestFor(QString(input)
                         .replace(u"%1"_s, QString::number(m_http->url().port()))
                         .replace(u"%2"_s, QString::number(closedPort)));
    request.role = u"king"_s; // only connection strings look at it before the network

    // Everything the Negotiator logs, too.
    static QStringList logged;
    logged.clear();
    QLoggingCategory::setFilterRules(u"watchroom.hub.debug=true"_s);
    const QtMessageHandler previous
        = qInstallMessageHandler([](QtMsgType, const QMessageLogContext &, const QString &message) {
              logged.append(message);
          });
    Negotiator negotiator;
    negotiator.setTimeout(500ms);
    const auto result = negotiate(negotiator, request);
    qInstallMessageHandler(previous);
    QLoggingCategory::setFilterRules(QString());
    QVERIFY(result);
    QCOMPARE(int(result->error), error);
    QVERIFY2(!result->errorString.contains(secret), qPrintable(result->errorString));
    QVERIFY(!result->errorString.isEmpty());
    QVERIFY(!logged.isEmpty());
    for (const QString &line : std::as_const(logged))
        QVERIFY2(!line.contains(secret), qPrintable(line));
}

void TestNegotiator::wrongInviteAtTheRelayIsNotShown()
{
    wr::RelayConfig config;
    config.listenAddress = QHostAddress::LocalHost;
    config.port = 0;
    config.accessKeys = { kAccessKey };
    config.dataDir.clear();
    config.invites = { wr::InviteSecret { u"annotator"_s, u"the-right-invite-0123"_s } };
    wr::Relay relay(config);
    QString error;
    QVERIFY2(relay.start(&error), qPrintable(error));
    const QString wrong = u"SECRET-WRONG-INVITE-9876"_s;
    Negotiator negotiator;
    const auto result = negotiate(
        negotiator,
        requestFor(
            u"http://127.0.0.1:%1/negotiate?board=ops&invite=%2"_s.arg(relay.port()).arg(wrong)));
    QVERIFY(result);
    QCOMPARE(result->error, Error::HttpStatus);
    QCOMPARE(result->httpStatus, 401);
    QVERIFY2(result->errorString.contains(u"invite=REDACTED"_s), qPrintable(result->errorString));
    QVERIFY2(!result->errorString.contains(wrong), qPrintable(result->errorString));
}

QTEST_MAIN(TestNegotiator)
#include "tst_negotiator.moc"
