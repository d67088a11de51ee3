// Certificate pins (TlsPin): parsing and formatting, and the decision on a handshake's errors.
#include "tlspin.h"

#include <QSslCertificate>
#include <QSslError>
#include <QSslSocket>
#include <QTest>

using namespace Qt::StringLiterals;

class TestTlsPin : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void parse_data();
    void parse();
    void formatRoundTrip();
    void check_data();
    void check();
    void matchesAfterHandshake();

private:
    QSslCertificate m_certificate;
    QByteArray m_pin;
};

namespace {
const QString kHex = u"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"_s;
} // namespace

void TestTlsPin::initTestCase()
{
    if (!QSslSocket::supportsSsl())
        QSKIP("this Qt has no TLS backend");
    const QList<QSslCertificate> certificates
        = QSslCertificate::fromPath(QFINDTESTDATA("../data/tls/localhost.crt"));
    QCOMPARE(certificates.size(), 1);
    m_certificate = certificates.constFirst();
    m_pin = wr::TlsPin::digestOf(m_certificate);
    // What `openssl x509 -noout -fingerprint -sha256` prints for the file, without colons.
    QCOMPARE(m_pin.size(), 32);
}

void TestTlsPin::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("hex"); // empty: refused
    QTest::addColumn<QString>("error");
    QString pairs;
    for (qsizetype i = 0; i < kHex.size(); i += 2)
        pairs += (i ? u":"_s : QString()) + kHex.mid(i, 2).toUpper();
    QTest::addRow("lower case") << (u"sha256:"_s + kHex) << kHex << QString();
    QTest::addRow("upper case prefix and digits")
        << (u"SHA256:"_s + kHex.toUpper()) << kHex << QString();
    QTest::addRow("OpenSSL colon pairs") << (u"sha256:"_s + pairs) << kHex << QString();
    QTest::addRow("white space around") << (u"  sha256:"_s + kHex + u"\n"_s) << kHex << QString();
    QTest::addRow("no prefix") << kHex << QString() << u"starts with 'sha256:'"_s;
    QTest::addRow("sha1 prefix") << (u"sha1:"_s + kHex) << QString() << u"starts with"_s;
    QTest::addRow("too short") << (u"sha256:"_s + kHex.left(62)) << QString()
                               << u"this one has 62"_s;
    QTest::addRow("too long") << (u"sha256:"_s + kHex + u"00"_s) << QString()
                              << u"this one has 66"_s;
    QTest::addRow("not hex") << (u"sha256:"_s + kHex.left(63) + u"g"_s) << QString()
                             << u"only hex digits"_s;
    QTest::addRow("ragged colons")
        << (u"sha256:0:"_s + kHex.mid(1)) << QString() << u"in pairs separated by ':'"_s;
    QTest::addRow("empty") << QString() << QString() << u"starts with"_s;
}

void TestTlsPin::parse()
{
    QFETCH(QString, text);
    QFETCH(QString, hex);
    QFETCH(QString, error);
    QString why;
    const auto digest = wr::TlsPin::parse(text, &why);
    if (hex.isEmpty()) {
        QVERIFY(!digest);
        QVERIFY2(why.contains(error), qPrintable(why));
    } else {
        QVERIFY2(digest, qPrintable(why));
        QCOMPARE(QString::fromLatin1(digest->toHex()), hex);
    }
}

void TestTlsPin::formatRoundTrip()
{
    const QString text = wr::TlsPin::format(m_pin);
    QVERIFY(text.startsWith("sha256:"_L1));
    QCOMPARE(text.size(), 7 + 64);
    QCOMPARE(text, text.toLower());
    QCOMPARE(wr::TlsPin::parse(text).value_or(QByteArray()), m_pin);
    QCOMPARE(wr::TlsPin::abbreviated(m_pin), text.left(15) + u'…');
    QVERIFY(wr::TlsPin::format({}).isEmpty());
}

void TestTlsPin::check_data()
{
    QTest::addColumn<QList<int>>("errors"); // QSslError::SslError values
    QTest::addColumn<bool>("pinned");
    QTest::addColumn<bool>("otherPin");
    QTest::addColumn<bool>("accept");
    QTest::addColumn<QString>("message");
    using E = QSslError;
    QTest::addRow("self-signed, no pin")
        << QList<int> { E::SelfSignedCertificate } << false << false << false
        << u"not trusted: self-signed; pin it to trust it on a "
           "LAN: sha256:"_s;
    QTest::addRow("self-signed, pin")
        << QList<int> { E::SelfSignedCertificate } << true << false << true << QString();
    QTest::addRow("self-signed and host name, pin")
        << QList<int> { E::SelfSignedCertificate, E::HostNameMismatch } << true << false << true
        << QString();
    QTest::addRow("unknown issuer, no pin")
        << QList<int> { E::UnableToGetLocalIssuerCertificate, E::HostNameMismatch } << false
        << false << false
        << u"not trusted: issued by an authority this computer does not trust, issued for "
           "another host name"_s;
    QTest::addRow("self-signed, other pin") << QList<int> { E::SelfSignedCertificate } << true
                                            << true << false << u"does not match the pinned"_s;
    QTest::addRow("expired, pin") << QList<int> { E::SelfSignedCertificate, E::CertificateExpired }
                                  << true << false << false << u"is not valid:"_s;
    QTest::addRow("revoked, no pin")
        << QList<int> { E::CertificateRevoked } << false << false << false << u"is not valid:"_s;
}

void TestTlsPin::check()
{
    QFETCH(QList<int>, errors);
    QFETCH(bool, pinned);
    QFETCH(bool, otherPin);
    QFETCH(bool, accept);
    QFETCH(QString, message);
    QList<QSslError> list;
    for (const int e : errors)
        list.append(QSslError(QSslError::SslError(e), m_certificate));
    QByteArray pin = pinned ? m_pin : QByteArray();
    if (otherPin)
        pin[0] = char(pin.at(0) ^ 0x80);
    // Once with the peer certificate from the transport, once found in the errors.
    for (const QSslCertificate &peer : { m_certificate, QSslCertificate() }) {
        const auto verdict = wr::TlsPin::check(list, peer, pin);
        QCOMPARE(verdict.accept, accept);
        QVERIFY2(verdict.message.contains(message), qPrintable(verdict.message));
        if (!accept)
            QVERIFY(verdict.message.startsWith("the relay's certificate"_L1));
    }
}

void TestTlsPin::matchesAfterHandshake()
{
    QString message;
    QVERIFY(wr::TlsPin::matches(m_certificate, m_pin, &message));
    QVERIFY(wr::TlsPin::matches(m_certificate, {}, &message)); // no pin: nothing to compare
    QByteArray other = m_pin;
    other[5] = char(other.at(5) ^ 0x10);
    QVERIFY(!wr::TlsPin::matches(m_certificate, other, &message));
    QVERIFY2(message.contains("does not match the pinned fingerprint"_L1), qPrintable(message));
    QVERIFY(!wr::TlsPin::matches(QSslCertificate(), m_pin, &message));
    QVERIFY(wr::TlsPin::pinnedConfiguration(QSslConfiguration::defaultConfiguration())
                .caCertificates()
                .isEmpty());
}

QTEST_GUILESS_MAIN(TestTlsPin)
#include "tst_tlspin.moc"
