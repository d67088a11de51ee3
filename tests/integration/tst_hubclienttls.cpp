// The client side of TLS: HubClient, its Negotiator, SessionBinding and watchroom-cli against
// an in-process relay serving https/wss on 127.0.0.1 with the self-signed certificate of
// tests/data/tls. Without a pin that certificate is refused with a message that says why and
// how to pin it; with its pin the client negotiates, connects and exchanges messages; a pin of
// another certificate is refused even when the chain is trusted; plain http/ws is unaffected.
#include "hubclient.h"
#include "negotiator.h"
#include "relay.h"
#include "session.h"
#include "sessionbinding.h"
#include "tlspin.h"

#include <QFileInfo>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslSocket>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

constexpr int kTimeoutMs = 8000;
const QString kBoard = u"room"_s;

wr::HubClientOptions fastOptions()
{
    wr::HubClientOptions o;
    o.connectTimeout = 4s;
    o.reconnectBase = 20ms;
    o.reconnectCap = 100ms;
    o.maxReconnectAttempts = 3;
    o.statsInterval = 100ms;
    return o;
}

} // namespace

class TestHubClientTls : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void withoutPinTheSelfSignedRelayIsRefused_data();
    void withoutPinTheSelfSignedRelayIsRefused();
    void correctPinNegotiatesConnectsAndRoundTrips_data();
    void correctPinNegotiatesConnectsAndRoundTrips();
    void wrongPinIsRefused_data();
    void wrongPinIsRefused();
    void negotiatorAloneHonoursThePin();
    void sessionBindingCarriesThePin();
    void plainHttpIsUnaffectedByAPin();
    void cliTakesAPin();

private:
    QString negotiateInput() const;
    QString clientUrlInput() const;
    QSslConfiguration trustingTestCertificate() const;

    QString m_certificatePath;
    QString m_keyPath;
    QSslCertificate m_certificate;
    QByteArray m_pin;
    QByteArray m_otherPin;
    std::unique_ptr<wr::Relay> m_relay;
};

void TestHubClientTls::initTestCase()
{
    if (!QSslSocket::supportsSsl())
        QSKIP("this Qt has no TLS backend");
    m_certificatePath = QFINDTESTDATA("../data/tls/localhost.crt");
    m_keyPath = QFINDTESTDATA("../data/tls/localhost.key");
    QVERIFY2(!m_certificatePath.isEmpty() && !m_keyPath.isEmpty(),
             "tests/data/tls/localhost.{crt,key} not found");
    const QList<QSslCertificate> certificates = QSslCertificate::fromPath(m_certificatePath);
    QCOMPARE(certificates.size(), 1);
    m_certificate = certificates.constFirst();
    m_pin = wr::TlsPin::digestOf(m_certificate);
    QCOMPARE(m_pin.size(), 32);
    m_otherPin = m_pin;
    m_otherPin[0] = char(m_otherPin.at(0) ^ 0x01); // one bit off: another certificate
}

void TestHubClientTls::init()
{
    wr::RelayConfig config;
    config.listenAddress = QHostAddress::LocalHost;
    config.port = 0;
    config.dataDir.clear();
    config.tlsCertificatePath = m_certificatePath;
    config.tlsKeyPath = m_keyPath;
    m_relay = std::make_unique<wr::Relay>(config);
    QString error;
    QVERIFY2(m_relay->start(&error), qPrintable(error));
    QCOMPARE(m_relay->listenUrl().scheme(), u"https"_s);
}

void TestHubClientTls::cleanup()
{
    m_relay.reset();
}

QString TestHubClientTls::negotiateInput() const
{
    return m_relay->negotiateUrl(kBoard).toString();
}

// A wss:// client URL with a token, obtained through a pinned negotiate.
QString TestHubClientTls::clientUrlInput() const
{
    wr::Negotiator negotiator;
    negotiator.setTlsPin(m_pin);
    QSignalSpy finished(&negotiator, &wr::Negotiator::finished);
    wr::NegotiateRequest request;
    request.input = negotiateInput();
    request.role = u"annotator"_s;
    negotiator.negotiate(request);
    if (!finished.wait(kTimeoutMs))
        return {};
    const auto result = finished.constFirst().constFirst().value<wr::NegotiateResult>();
    return result.ok() ? result.url.toString(QUrl::FullyEncoded) : QString();
}

QSslConfiguration TestHubClientTls::trustingTestCertificate() const
{
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setCaCertificates({ m_certificate });
    return tls;
}

void TestHubClientTls::withoutPinTheSelfSignedRelayIsRefused_data()
{
    QTest::addColumn<bool>("clientUrl");
    QTest::addRow("negotiate URL") << false;
    QTest::addRow("wss client URL") << true;
}

void TestHubClientTls::withoutPinTheSelfSignedRelayIsRefused()
{
    QFETCH(bool, clientUrl);
    wr::NegotiateRequest request;
    request.input = clientUrl ? clientUrlInput() : negotiateInput();
    QVERIFY(!request.input.isEmpty());
    wr::HubClient client(fastOptions());
    QSignalSpy errors(&client, &wr::HubClient::errorOccurred);
    QVERIFY(client.start(request));
    // Refused for good: an untrusted certificate does not become trusted by trying again.
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), wr::HubClient::State::Offline, kTimeoutMs);
    const QString error = client.lastError();
    QVERIFY2(error.contains("the relay's certificate is not trusted: self-signed"_L1),
             qPrintable(error));
    QVERIFY2(error.contains("pin it to trust it on a LAN"_L1), qPrintable(error));
    QVERIFY2(error.contains(wr::TlsPin::format(m_pin)), qPrintable(error));
    QCOMPARE(client.stats().reconnects, 0u);
    QTRY_VERIFY_WITH_TIMEOUT(!errors.isEmpty(), kTimeoutMs);
}

void TestHubClientTls::correctPinNegotiatesConnectsAndRoundTrips_data()
{
    QTest::addColumn<QString>("pin");
    QTest::addColumn<bool>("trustedChain");
    QTest::addColumn<bool>("clientUrl");
    const QString hex = QString::fromLatin1(m_pin.toHex());
    QString pairs;
    for (qsizetype i = 0; i < hex.size(); i += 2)
        pairs += (i ? u":"_s : QString()) + hex.mid(i, 2).toUpper();
    QTest::addRow("negotiate, lower case") << (u"sha256:"_s + hex) << false << false;
    QTest::addRow("negotiate, OpenSSL colon form") << (u"SHA256:"_s + pairs) << false << false;
    QTest::addRow("wss client URL") << (u"sha256:"_s + hex) << false << true;
    QTest::addRow("pin and a trusted chain") << (u"sha256:"_s + hex) << true << false;
}

void TestHubClientTls::correctPinNegotiatesConnectsAndRoundTrips()
{
    QFETCH(QString, pin);
    QFETCH(bool, trustedChain);
    QFETCH(bool, clientUrl);
    QString why;
    const auto digest = wr::TlsPin::parse(pin, &why);
    QVERIFY2(digest, qPrintable(why));
    QCOMPARE(*digest, m_pin);

    wr::HubClientOptions options = fastOptions();
    options.tlsPin = *digest;
    if (trustedChain)
        options.sslConfiguration = trustingTestCertificate();
    wr::HubClient client(options);
    QSignalSpy messages(&client, &wr::HubClient::groupMessage);
    QSignalSpy acked(&client, &wr::HubClient::sendAcked);
    wr::NegotiateRequest request;
    request.input = clientUrl ? clientUrlInput() : negotiateInput();
    QVERIFY(!request.input.isEmpty());
    request.userId = u"pinned"_s;
    request.role = u"annotator"_s;
    QVERIFY(client.start(request));
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), wr::HubClient::State::Connected, kTimeoutMs);
    QVERIFY2(client.lastError().isEmpty(), qPrintable(client.lastError()));

    const QString group = kBoard + u".presence"_s;
    const quint64 join = client.joinGroup(group);
    QTRY_VERIFY_WITH_TIMEOUT(!acked.isEmpty(), kTimeoutMs);
    QCOMPARE(acked.constFirst().constFirst().toULongLong(), join);
    const QJsonObject data { { u"probe"_s, u"over pinned TLS"_s } };
    client.sendToGroup(group, data);
    QTRY_VERIFY_WITH_TIMEOUT(!messages.isEmpty(), kTimeoutMs);
    QCOMPARE(messages.constFirst().at(0).toString(), group);
    QCOMPARE(messages.constFirst().at(3).toJsonValue(), QJsonValue(data));
    client.stop();
}

void TestHubClientTls::wrongPinIsRefused_data()
{
    QTest::addColumn<bool>("trustedChain");
    QTest::addColumn<bool>("clientUrl");
    QTest::addRow("self-signed, negotiate") << false << false;
    QTest::addRow("self-signed, wss client URL") << false << true;
    // The chain verifies against the given CA, yet the pin decides: refused.
    QTest::addRow("trusted chain, negotiate") << true << false;
    QTest::addRow("trusted chain, wss client URL") << true << true;
}

void TestHubClientTls::wrongPinIsRefused()
{
    QFETCH(bool, trustedChain);
    QFETCH(bool, clientUrl);
    wr::HubClientOptions options = fastOptions();
    options.tlsPin = m_otherPin;
    if (trustedChain)
        options.sslConfiguration = trustingTestCertificate();
    wr::HubClient client(options);
    wr::NegotiateRequest request;
    request.input = clientUrl ? clientUrlInput() : negotiateInput();
    QVERIFY(!request.input.isEmpty());
    QVERIFY(client.start(request));
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), wr::HubClient::State::Offline, kTimeoutMs);
    const QString error = client.lastError();
    const QString expected = u"the relay's certificate (%1) does not match the pinned "
                             "fingerprint (%2)"_s.arg(wr::TlsPin::abbreviated(m_pin),
                                                      wr::TlsPin::abbreviated(m_otherPin));
    QVERIFY2(error.contains(expected), qPrintable(error));
}

void TestHubClientTls::negotiatorAloneHonoursThePin()
{
    wr::NegotiateRequest request;
    request.input = negotiateInput();
    for (const auto &[pin, ok] : { std::pair { m_pin, true }, std::pair { m_otherPin, false },
                                   std::pair { QByteArray(), false } }) {
        wr::Negotiator negotiator;
        negotiator.setTlsPin(pin);
        QSignalSpy finished(&negotiator, &wr::Negotiator::finished);
        negotiator.negotiate(request);
        QVERIFY(finished.wait(kTimeoutMs));
        const auto result = finished.constFirst().constFirst().value<wr::NegotiateResult>();
        QCOMPARE(result.ok(), ok);
        if (ok) {
            QCOMPARE(result.url.scheme(), u"wss"_s);
        } else {
            QCOMPARE(result.error, wr::NegotiateResult::Error::Tls);
            QVERIFY(result.isPermanent());
            QVERIFY2(result.errorString.contains(pin.isEmpty() ? "not trusted: self-signed"_L1
                                                               : "does not match"_L1),
                     qPrintable(result.errorString));
        }
    }
}

void TestHubClientTls::sessionBindingCarriesThePin()
{
    for (const bool pinned : { true, false }) {
        wr::SessionOptions sessionOptions;
        sessionOptions.board = kBoard;
        sessionOptions.userId = u"binder"_s;
        sessionOptions.name = u"Binder"_s;
        wr::Session session(sessionOptions);
        wr::HubClientOptions options = fastOptions();
        if (pinned)
            options.tlsPin = m_pin;
        wr::HubClient client(options);
        wr::SessionBinding binding(&session, &client);
        QSignalSpy failed(&binding, &wr::SessionBinding::negotiateFailed);
        wr::NegotiateRequest request;
        request.input = negotiateInput();
        request.board = kBoard;
        request.userId = u"binder"_s;
        request.role = u"annotator"_s;
        QVERIFY(binding.start(request));
        if (pinned) {
            QTRY_COMPARE_WITH_TIMEOUT(client.state(), wr::HubClient::State::Connected, kTimeoutMs);
            QVERIFY(failed.isEmpty());
        } else {
            QTRY_COMPARE_WITH_TIMEOUT(client.state(), wr::HubClient::State::Offline, kTimeoutMs);
            QVERIFY(!failed.isEmpty());
            QVERIFY(client.lastError().contains("pin it to trust it on a LAN"_L1));
        }
        binding.stop();
    }
}

void TestHubClientTls::plainHttpIsUnaffectedByAPin()
{
    wr::RelayConfig config;
    config.listenAddress = QHostAddress::LocalHost;
    config.port = 0;
    config.dataDir.clear();
    wr::Relay plain(config);
    QString error;
    QVERIFY2(plain.start(&error), qPrintable(error));
    QCOMPARE(plain.listenUrl().scheme(), u"http"_s);

    wr::HubClientOptions options = fastOptions();
    options.tlsPin = m_otherPin; // no certificate to compare on http/ws
    wr::HubClient client(options);
    QSignalSpy messages(&client, &wr::HubClient::groupMessage);
    wr::NegotiateRequest request;
    request.input = plain.negotiateUrl(kBoard).toString();
    request.role = u"annotator"_s;
    QVERIFY(client.start(request));
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), wr::HubClient::State::Connected, kTimeoutMs);
    const QString group = kBoard + u".presence"_s;
    client.joinGroup(group);
    client.sendToGroup(group, QJsonObject { { u"plain"_s, true } });
    QTRY_VERIFY_WITH_TIMEOUT(!messages.isEmpty(), kTimeoutMs);
    client.stop();
}

void TestHubClientTls::cliTakesAPin()
{
    const auto run = [](const QStringList &arguments, QString *err) {
        // The relay runs in this process: wait in the event loop, never in waitForFinished.
        QProcess process;
        QSignalSpy finished(&process, &QProcess::finished);
        process.start(QStringLiteral(WATCHROOM_CLI_PATH), arguments);
        if (!finished.wait(20000)) {
            process.kill();
            process.waitForFinished(2000);
            return -1;
        }
        *err = QString::fromUtf8(process.readAllStandardError());
        return process.exitCode();
    };
    const QStringList base { u"annotate"_s, negotiateInput(), u"--board"_s,   kBoard,
                             u"--text"_s,   u"over TLS"_s,    u"--timeout"_s, u"8"_s };
    QString err;
    int code = run(base + QStringList { u"--pin"_s, wr::TlsPin::format(m_pin) }, &err);
    QVERIFY2(code == 0, qPrintable(u"exit %1: %2"_s.arg(code).arg(err)));
    code = run(base, &err);
    QVERIFY2(code == 3, qPrintable(u"exit %1: %2"_s.arg(code).arg(err)));
    QVERIFY2(err.contains("pin it to trust it on a LAN"_L1), qPrintable(err));
    code = run(base + QStringList { u"--pin"_s, wr::TlsPin::format(m_otherPin) }, &err);
    QVERIFY2(code == 3, qPrintable(u"exit %1: %2"_s.arg(code).arg(err)));
    QVERIFY2(err.contains("does not match the pinned fingerprint"_L1), qPrintable(err));
    code = run(base + QStringList { u"--pin"_s, u"sha256:abc"_s }, &err);
    QVERIFY2(code == 2, qPrintable(u"exit %1: %2"_s.arg(code).arg(err)));
    QVERIFY2(err.contains("--pin"_L1), qPrintable(err));
}

QTEST_GUILESS_MAIN(TestHubClientTls)
#include "tst_hubclienttls.moc"
