#include "accessurl.h"
#include "connectionstring.h"
#include "jwt.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QTest>
#include <QUrlQuery>

using namespace Qt::StringLiterals;
using namespace wr;

// Readable QCOMPARE output for JSON (QtTest 6.4 has none).
namespace QTest {
template<>
char *toString(const QJsonValue &value)
{
    if (value.isUndefined())
        return qstrdup("undefined");
    const QByteArray json = QJsonDocument(QJsonArray { value }).toJson(QJsonDocument::Compact);
    return qstrdup(json.mid(1, json.size() - 2).constData());
}

template<>
char *toString(const QJsonObject &object)
{
    return qstrdup(QJsonDocument(object).toJson(QJsonDocument::Compact).constData());
}
} // namespace QTest

namespace {

const QByteArray kKey = "primary-test-key"_ba;
const QByteArray kOtherKey = "secondary-test-key"_ba;
constexpr qint64 kNow = 1795457356; // an iat the SDK probe produced (reference §1.3)
const QString kAudience = u"http://127.0.0.1:8080/client/hubs/Chat_Hub"_s;

QDateTime at(qint64 secondsSinceEpoch)
{
    return QDateTime::fromSecsSinceEpoch(secondsSinceEpoch, Qt::UTC);
}

QByteArray base64Url(const QByteArray &data)
{
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// Built by hand rather than with Jwt::sign, so algorithm and header can be anything.
QByteArray handMadeToken(const QJsonObject &header, const QJsonObject &claims, const QByteArray &key,
                         QCryptographicHash::Algorithm algorithm = QCryptographicHash::Sha256)
{
    const QByteArray input = base64Url(compact(header)) + '.' + base64Url(compact(claims));
    return input + '.' + base64Url(QMessageAuthenticationCode::hash(input, key, algorithm));
}

const QJsonObject kHs256Header { { u"alg"_s, u"HS256"_s }, { u"typ"_s, u"JWT"_s } };

QJsonObject claimsWith(std::initializer_list<std::pair<QString, QJsonValue>> extra,
                       bool withExp = true)
{
    QJsonObject claims { { u"aud"_s, kAudience }, { u"iat"_s, kNow } };
    if (withExp)
        claims.insert(u"exp"_s, kNow + 3600);
    for (const auto &[key, value] : extra)
        claims.insert(key, value);
    return claims;
}

QByteArray replacePart(const QByteArray &token, int index, const QByteArray &part)
{
    QList<QByteArray> parts = token.split('.');
    parts[index] = part;
    return parts.join('.');
}

QByteArray flipCharAt(QByteArray text, qsizetype index)
{
    text[index] = text[index] == 'A' ? 'B' : 'A';
    return text;
}

Jwt::VerifyOptions optionsAt(qint64 now, const QByteArrayList &keys)
{
    Jwt::VerifyOptions options;
    options.keys = keys;
    options.now = at(now);
    return options;
}

} // namespace

class TestJwt : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void signVerifyRoundTrip();
    void signedTokensAreUrlSafe();
    void verifyAccepts_data();
    void verifyAccepts();
    void verifyRejects_data();
    void verifyRejects();
    void clockSkewIsConfigurable();
    void decodeUnverifiedIgnoresSignature();
    void clientClaims_data();
    void clientClaims();
    void makeClientClaimsMatchesSdkShape();
    void clientAudience_data();
    void clientAudience();
    void restAudience_data();
    void restAudience();
    void sdkClientToken_data();
    void sdkClientToken();
    void sdkRestToken_data();
    void sdkRestToken();

private:
    QJsonObject m_fixture;
};

void TestJwt::initTestCase()
{
    // Relative to this source file, so it resolves whatever QT_TESTCASE_SOURCEDIR says.
    const QString path = QFINDTESTDATA("../data/sdk_tokens.json");
    QVERIFY2(!path.isEmpty(), "tests/data/sdk_tokens.json is missing");
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QJsonParseError error;
    m_fixture = QJsonDocument::fromJson(file.readAll(), &error).object();
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    QVERIFY(!m_fixture.value("accessKey"_L1).toString().isEmpty());
    QVERIFY(m_fixture.value("clientTokens"_L1).toArray().size() >= 3);
    QVERIFY(m_fixture.value("restRequests"_L1).toArray().size() >= 10);
}

void TestJwt::signVerifyRoundTrip()
{
    const QJsonObject claims = claimsWith({ { u"sub"_s, u"alice"_s },
                                            { u"role"_s, QJsonArray { u"webpubsub.sendToGroup"_s } },
                                            { u"custom"_s, QJsonObject { { u"k"_s, 1 } } } });
    const QByteArray token = Jwt::sign(claims, kKey);

    QString error;
    const auto verified = Jwt::verify(token, optionsAt(kNow, { kKey }), &error);
    QVERIFY2(verified, qPrintable(error));
    QVERIFY(error.isEmpty());
    QCOMPARE(verified->claims, claims);
    QCOMPARE(verified->header, kHs256Header);
}

void TestJwt::signedTokensAreUrlSafe()
{
    // Tokens go unescaped into ?access_token= (reference §1.4), so base64url without padding.
    const QByteArray token =
        Jwt::sign(claimsWith({ { u"sub"_s, u"?>?>~~~ü"_s } }), "k?>~"_ba);
    QCOMPARE(token.count('.'), 2);
    for (const char c : token) {
        const bool urlSafe = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
            || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
        QVERIFY2(urlSafe, token.constData());
    }
}

void TestJwt::verifyAccepts_data()
{
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<QByteArrayList>("keys");
    QTest::addColumn<qint64>("now");
    QTest::addColumn<bool>("requireExpiry");

    const QByteArray token = Jwt::sign(claimsWith({}), kKey);
    QTest::addRow("own signature") << token << QByteArrayList { kKey } << kNow << true;
    QTest::addRow("second key") << token << QByteArrayList { kOtherKey, kKey } << kNow << true;
    QTest::addRow("hand-made HS256") << handMadeToken(kHs256Header, claimsWith({}), kKey)
                                     << QByteArrayList { kKey } << kNow << true;
    QTest::addRow("header with kid and no typ")
        << handMadeToken({ { u"alg"_s, u"HS256"_s }, { u"kid"_s, u"k1"_s } }, claimsWith({}), kKey)
        << QByteArrayList { kKey } << kNow << true;
    QTest::addRow("expired within skew")
        << Jwt::sign(claimsWith({ { u"exp"_s, kNow - 299 } }), kKey) << QByteArrayList { kKey }
        << kNow << true;
    QTest::addRow("expired exactly at skew")
        << Jwt::sign(claimsWith({ { u"exp"_s, kNow - 300 } }), kKey) << QByteArrayList { kKey }
        << kNow << true;
    QTest::addRow("nbf within skew")
        << Jwt::sign(claimsWith({ { u"nbf"_s, kNow + 299 } }), kKey) << QByteArrayList { kKey }
        << kNow << true;
    QTest::addRow("nbf in the past")
        << Jwt::sign(claimsWith({ { u"nbf"_s, kNow - 10 } }), kKey) << QByteArrayList { kKey }
        << kNow << true;
    QTest::addRow("exp far in the future")
        << Jwt::sign(claimsWith({ { u"exp"_s, 1e300 } }), kKey) << QByteArrayList { kKey } << kNow
        << true;
    QTest::addRow("no exp when not required")
        << Jwt::sign(claimsWith({}, false), kKey) << QByteArrayList { kKey } << kNow << false;
    QTest::addRow("key with non-ASCII bytes")
        << Jwt::sign(claimsWith({}), "schlüssel=="_ba) << QByteArrayList { "schlüssel=="_ba }
        << kNow << true;
}

void TestJwt::verifyAccepts()
{
    QFETCH(QByteArray, token);
    QFETCH(QByteArrayList, keys);
    QFETCH(qint64, now);
    QFETCH(bool, requireExpiry);

    Jwt::VerifyOptions options = optionsAt(now, keys);
    options.requireExpiry = requireExpiry;
    QString error;
    const auto verified = Jwt::verify(token, options, &error);
    QVERIFY2(verified, qPrintable(error));
    QCOMPARE(verified->claims.value("aud"_L1).toString(), kAudience);
}

void TestJwt::verifyRejects_data()
{
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<QByteArrayList>("keys");
    QTest::addColumn<qint64>("now");
    QTest::addColumn<QString>("errorContains");

    const QByteArrayList key { kKey };
    const QByteArray token = Jwt::sign(claimsWith({ { u"sub"_s, u"alice"_s } }), kKey);
    const QByteArray header = token.split('.').at(0);
    const QByteArray payload = token.split('.').at(1);
    const QByteArray signature = token.split('.').at(2);

    QTest::addRow("wrong key") << token << QByteArrayList { kOtherKey } << kNow
                               << u"signature is invalid"_s;
    QTest::addRow("no keys configured") << token << QByteArrayList {} << kNow
                                        << u"signature is invalid"_s;
    QTest::addRow("empty key configured") << Jwt::sign(claimsWith({}), QByteArray())
                                          << QByteArrayList { QByteArray() } << kNow
                                          << u"signature is invalid"_s;
    QTest::addRow("key is base64-decoded access key")
        << Jwt::sign(claimsWith({}), QByteArray::fromBase64("c2VjcmV0LWtleQ=="_ba))
        << QByteArrayList { "c2VjcmV0LWtleQ=="_ba } << kNow << u"signature is invalid"_s;
    QTest::addRow("tampered payload")
        << replacePart(token, 1, base64Url(compact(claimsWith({ { u"sub"_s, u"mallory"_s } }))))
        << key << kNow << u"signature is invalid"_s;
    QTest::addRow("tampered header")
        << replacePart(token, 0, base64Url(R"({"typ":"JWT","alg":"HS256"})"_ba)) << key << kNow
        << u"signature is invalid"_s;
    QTest::addRow("tampered signature") << replacePart(token, 2, flipCharAt(signature, 10))
                                        << key << kNow << u"signature is invalid"_s;
    QTest::addRow("signature truncated") << replacePart(token, 2, signature.left(20)) << key
                                         << kNow << u"signature is invalid"_s;
    QTest::addRow("signature empty") << replacePart(token, 2, QByteArray()) << key << kNow
                                     << u"signature is invalid"_s;
    QTest::addRow("signature not base64url") << replacePart(token, 2, "***"_ba) << key << kNow
                                             << u"signature is not base64url"_s;

    QTest::addRow("alg none unsigned")
        << base64Url(R"({"alg":"none","typ":"JWT"})"_ba) + '.' + payload + '.' << key << kNow
        << u"algorithm 'none' is not HS256"_s;
    QTest::addRow("alg none with a valid HMAC")
        << handMadeToken({ { u"alg"_s, u"none"_s } }, claimsWith({}), kKey) << key << kNow
        << u"'none'"_s;
    QTest::addRow("alg HS512") << handMadeToken({ { u"alg"_s, u"HS512"_s }, { u"typ"_s, u"JWT"_s } },
                                                claimsWith({}), kKey, QCryptographicHash::Sha512)
                               << key << kNow << u"algorithm 'HS512' is not HS256"_s;
    QTest::addRow("alg lowercase") << handMadeToken({ { u"alg"_s, u"hs256"_s } }, claimsWith({}), kKey)
                                   << key << kNow << u"'hs256'"_s;
    QTest::addRow("alg missing") << handMadeToken({ { u"typ"_s, u"JWT"_s } }, claimsWith({}), kKey)
                                 << key << kNow << u"is not HS256"_s;

    QTest::addRow("missing exp") << Jwt::sign(claimsWith({}, false), kKey) << key << kNow
                                 << u"no exp claim"_s;
    QTest::addRow("exp is a string")
        << Jwt::sign(claimsWith({ { u"exp"_s, QString::number(kNow + 3600) } }), kKey) << key
        << kNow << u"no exp claim"_s;
    QTest::addRow("expired beyond skew")
        << Jwt::sign(claimsWith({ { u"exp"_s, kNow - 301 } }), kKey) << key << kNow
        << u"token expired at"_s;
    QTest::addRow("expired long ago") << token << key << kNow + 3600 + 301
                                      << u"token expired at"_s;
    QTest::addRow("exp far in the past")
        << Jwt::sign(claimsWith({ { u"exp"_s, -1e300 } }), kKey) << key << kNow
        << u"token expired"_s;
    QTest::addRow("nbf beyond skew")
        << Jwt::sign(claimsWith({ { u"nbf"_s, kNow + 301 } }), kKey) << key << kNow
        << u"not valid before"_s;
    QTest::addRow("nbf far in the future")
        << Jwt::sign(claimsWith({ { u"nbf"_s, 1e300 } }), kKey) << key << kNow
        << u"not valid before"_s;

    QTest::addRow("empty") << QByteArray() << key << kNow << u"no access token"_s;
    QTest::addRow("one part") << "eyJhbGciOiJIUzI1NiJ9"_ba << key << kNow << u"three"_s;
    QTest::addRow("two parts") << header + '.' + payload << key << kNow << u"three"_s;
    QTest::addRow("four parts") << token + ".extra"_ba << key << kNow << u"three"_s;
    QTest::addRow("only dots") << "..."_ba << key << kNow << u"three"_s;
    QTest::addRow("header not base64url") << replacePart(token, 0, "!!!"_ba) << key << kNow
                                          << u"header is not base64url"_s;
    QTest::addRow("header in standard base64")
        << replacePart(token, 0, "eyJ+/w=="_ba) << key << kNow << u"header is not base64url"_s;
    QTest::addRow("header not JSON") << replacePart(token, 0, base64Url("hello"_ba)) << key << kNow
                                     << u"header is not a JSON object"_s;
    QTest::addRow("header JSON array") << replacePart(token, 0, base64Url(R"(["HS256"])"_ba))
                                       << key << kNow << u"header is not a JSON object"_s;
    QTest::addRow("payload not base64url") << replacePart(token, 1, "%%%"_ba) << key << kNow
                                           << u"payload is not base64url"_s;
    QTest::addRow("payload not JSON") << replacePart(token, 1, base64Url("{\"exp\":"_ba)) << key
                                      << kNow << u"payload is not a JSON object"_s;
    QTest::addRow("payload JSON number") << replacePart(token, 1, base64Url("42"_ba)) << key
                                         << kNow << u"payload is not a JSON object"_s;
    QTest::addRow("20 KB token") << Jwt::sign(claimsWith({ { u"pad"_s, QString(20000, u'x') } }), kKey)
                                 << key << kNow << u"too long"_s;
    QTest::addRow("20 KB of dots") << QByteArray(20 * 1024, '.') << key << kNow << u"too long"_s;
}

void TestJwt::verifyRejects()
{
    QFETCH(QByteArray, token);
    QFETCH(QByteArrayList, keys);
    QFETCH(qint64, now);
    QFETCH(QString, errorContains);

    QString error;
    const auto verified = Jwt::verify(token, optionsAt(now, keys), &error);
    QVERIFY2(!verified, verified ? compact(verified->claims).constData() : "");
    QVERIFY2(error.contains(errorContains), qPrintable(u"error was: "_s + error));
    // The error pointer is optional.
    QVERIFY(!Jwt::verify(token, optionsAt(now, keys)));
}

void TestJwt::clockSkewIsConfigurable()
{
    const QByteArray token = Jwt::sign(claimsWith({ { u"exp"_s, kNow - 1 } }), kKey);
    Jwt::VerifyOptions options = optionsAt(kNow, { kKey });
    QVERIFY(Jwt::verify(token, options));
    options.clockSkewSeconds = 0;
    QString error;
    QVERIFY(!Jwt::verify(token, options, &error));
    QVERIFY2(error.contains("expired"_L1), qPrintable(error));
    options.now = at(kNow - 1);
    QVERIFY(Jwt::verify(token, options));
}

void TestJwt::decodeUnverifiedIgnoresSignature()
{
    const QByteArray token = Jwt::sign(claimsWith({ { u"sub"_s, u"alice"_s } }), kKey);
    const QByteArray forged = replacePart(token, 2, "AAAA"_ba);
    const auto decoded = Jwt::decodeUnverified(forged);
    QVERIFY(decoded);
    QCOMPARE(decoded->claims.value("sub"_L1).toString(), u"alice"_s);
    QVERIFY(!Jwt::verify(forged, optionsAt(kNow, { kKey })));

    QString error;
    QVERIFY(!Jwt::decodeUnverified("a.b"_ba, &error));
    QVERIFY2(error.contains("three"_L1), qPrintable(error));
}

void TestJwt::clientClaims_data()
{
    QTest::addColumn<QJsonObject>("claims");
    QTest::addColumn<QString>("userId");
    QTest::addColumn<QStringList>("roles");
    QTest::addColumn<QStringList>("groups");
    QTest::addColumn<qint64>("expiresAt"); // -1: absent

    QTest::addRow("SDK arrays")
        << claimsWith({ { u"sub"_s, u"alice"_s },
                        { u"role"_s, QJsonArray { u"webpubsub.joinLeaveGroup"_s,
                                                  u"webpubsub.sendToGroup.g1"_s } },
                        { u"webpubsub.group"_s, QJsonArray { u"g1"_s } } })
        << u"alice"_s << QStringList { u"webpubsub.joinLeaveGroup"_s, u"webpubsub.sendToGroup.g1"_s }
        << QStringList { u"g1"_s } << kNow + 3600;
    QTest::addRow("single strings")
        << claimsWith({ { u"sub"_s, u"bob"_s },
                        { u"role"_s, u"webpubsub.sendToGroup"_s },
                        { u"webpubsub.group"_s, u"lobby"_s } })
        << u"bob"_s << QStringList { u"webpubsub.sendToGroup"_s } << QStringList { u"lobby"_s }
        << kNow + 3600;
    QTest::addRow("anonymous without roles or groups")
        << claimsWith({}) << QString() << QStringList() << QStringList() << kNow + 3600;
    QTest::addRow("non-string array items dropped")
        << claimsWith({ { u"role"_s, QJsonArray { 1, u"webpubsub.joinLeaveGroup"_s, QJsonValue() } },
                        { u"webpubsub.group"_s, QJsonArray { QJsonObject(), u"g2"_s } } })
        << QString() << QStringList { u"webpubsub.joinLeaveGroup"_s } << QStringList { u"g2"_s }
        << kNow + 3600;
    QTest::addRow("role of wrong type ignored")
        << claimsWith({ { u"role"_s, 5 }, { u"webpubsub.group"_s, true } }) << QString()
        << QStringList() << QStringList() << kNow + 3600;
    QTest::addRow("no exp") << claimsWith({}, false) << QString() << QStringList() << QStringList()
                            << -1LL;
}

void TestJwt::clientClaims()
{
    QFETCH(QJsonObject, claims);
    QFETCH(QString, userId);
    QFETCH(QStringList, roles);
    QFETCH(QStringList, groups);
    QFETCH(qint64, expiresAt);

    const ClientTokenClaims parsed = clientClaimsFrom(claims);
    QCOMPARE(parsed.userId, userId);
    QCOMPARE(parsed.roles, roles);
    QCOMPARE(parsed.groups, groups);
    QCOMPARE(parsed.audience, kAudience);
    QCOMPARE(parsed.expiresAt.value_or(-1), expiresAt);
}

void TestJwt::makeClientClaimsMatchesSdkShape()
{
    // With no options the SDK signs only iat, exp and aud (reference §1.3).
    const QJsonObject bare = makeClientClaims(kAudience, {}, {}, {}, 3600, at(kNow));
    QCOMPARE(bare, (QJsonObject { { u"aud"_s, kAudience }, { u"iat"_s, kNow },
                                  { u"exp"_s, kNow + 3600 } }));

    // Roles and groups are arrays even when there is one of each.
    const QJsonObject full =
        makeClientClaims(kAudience, u"alice"_s, { u"webpubsub.joinLeaveGroup"_s }, { u"g1"_s }, 300,
                         at(kNow));
    QCOMPARE(full.value("sub"_L1).toString(), u"alice"_s);
    QCOMPARE(full.value("role"_L1), QJsonValue(QJsonArray { u"webpubsub.joinLeaveGroup"_s }));
    QCOMPARE(full.value("webpubsub.group"_L1), QJsonValue(QJsonArray { u"g1"_s }));
    QCOMPARE(full.value("exp"_L1).toInteger(), kNow + 300);
}

void TestJwt::clientAudience_data()
{
    QTest::addColumn<QString>("audience");
    QTest::addColumn<QString>("hub");
    QTest::addColumn<bool>("matches");

    QTest::addRow("http") << u"http://127.0.0.1:8080/client/hubs/chat"_s << u"chat"_s << true;
    QTest::addRow("https") << u"https://demo.webpubsub.azure.com/client/hubs/chat"_s << u"chat"_s
                           << true;
    QTest::addRow("ws") << u"ws://127.0.0.1:8080/client/hubs/chat"_s << u"chat"_s << true;
    QTest::addRow("wss (Go SDK)") << u"wss://demo.webpubsub.azure.com/client/hubs/chat"_s
                                  << u"chat"_s << true;
    QTest::addRow("uppercase scheme") << u"HTTPS://demo/client/hubs/chat"_s << u"chat"_s << true;
    QTest::addRow("different host") << u"http://localhost:9999/client/hubs/chat"_s << u"chat"_s
                                    << true;
    QTest::addRow("hub case-insensitive") << u"http://127.0.0.1:8080/client/hubs/Chat_Hub"_s
                                          << u"chat_hub"_s << true;
    QTest::addRow("path case-insensitive") << u"http://h/Client/Hubs/chat"_s << u"chat"_s << true;
    QTest::addRow("trailing query ignored") << u"http://h/client/hubs/chat?api-version=1&x=y"_s
                                            << u"chat"_s << true;
    QTest::addRow("trailing slash") << u"http://h/client/hubs/chat/"_s << u"chat"_s << true;
    QTest::addRow("reverse-proxy path prefix") << u"https://h/webpubsub/client/hubs/chat"_s
                                               << u"chat"_s << true;
    QTest::addRow("percent-encoded hub") << u"http://h/client/hubs/Chat%5FHub"_s << u"Chat_Hub"_s
                                         << true;

    QTest::addRow("wrong hub") << u"http://h/client/hubs/chat"_s << u"other"_s << false;
    QTest::addRow("hub prefix") << u"http://h/client/hubs/chatroom"_s << u"chat"_s << false;
    QTest::addRow("hub suffix") << u"http://h/client/hubs/chat"_s << u"chatroom"_s << false;
    QTest::addRow("empty hub") << u"http://h/client/hubs/chat"_s << QString() << false;
    QTest::addRow("segment after hub") << u"http://h/client/hubs/chat/extra"_s << u"chat"_s
                                       << false;
    QTest::addRow("hub in query only") << u"http://h/client/?hub=chat"_s << u"chat"_s << false;
    QTest::addRow("no client segment") << u"http://h/hubs/chat"_s << u"chat"_s << false;
    QTest::addRow("no hubs segment") << u"http://h/client/rooms/chat"_s << u"chat"_s << false;
    QTest::addRow("REST audience") << u"http://h/api/hubs/chat/:send?api-version=2024-12-01"_s
                                   << u"chat"_s << false;
    QTest::addRow("mqtt path") << u"http://h/clients/mqtt/hubs/chat"_s << u"chat"_s << false;
    // Old Java SDK bug (azure-sdk-for-java#24741): the port runs into "client". We reject it;
    // current SDKs never produce it.
    QTest::addRow("missing slash after port") << u"http://host:8080client/hubs/hub"_s << u"hub"_s
                                              << false;
    QTest::addRow("ftp scheme") << u"ftp://h/client/hubs/chat"_s << u"chat"_s << false;
    QTest::addRow("no scheme") << u"h/client/hubs/chat"_s << u"chat"_s << false;
    QTest::addRow("path only") << u"/client/hubs/chat"_s << u"chat"_s << false;
    QTest::addRow("empty audience") << QString() << u"chat"_s << false;
}

void TestJwt::clientAudience()
{
    QFETCH(QString, audience);
    QFETCH(QString, hub);
    QFETCH(bool, matches);

    QCOMPARE(clientAudienceMatches(audience, hub), matches);
}

void TestJwt::restAudience_data()
{
    QTest::addColumn<QString>("audience");
    QTest::addColumn<QString>("requestPath");
    QTest::addColumn<bool>("matches");

    const QString sendFiltered =
        u"http://127.0.0.1:8080/api/hubs/Chat_Hub/:send?api-version=2024-12-01&filter=userId%20ne%20%27bob%27"_s;

    QTest::addRow("exact URL with query and percent-encoding")
        << sendFiltered
        << u"/api/hubs/Chat_Hub/:send?api-version=2024-12-01&filter=userId%20ne%20%27bob%27"_s
        << true;
    QTest::addRow("request path without query") << sendFiltered << u"/api/hubs/Chat_Hub/:send"_s
                                                << true;
    QTest::addRow("different query") << sendFiltered
                                     << u"/api/hubs/Chat_Hub/:send?api-version=2021-10-01"_s << true;
    QTest::addRow("different scheme and host")
        << u"https://demo.webpubsub.azure.com/api/hubs/Chat_Hub/:send?api-version=2024-12-01"_s
        << u"/api/hubs/Chat_Hub/:send?api-version=2024-12-01"_s << true;
    QTest::addRow("hub case-insensitive")
        << u"http://h/api/hubs/chat_hub/:send"_s << u"/api/hubs/Chat_Hub/:send"_s << true;
    QTest::addRow("encoded group segment")
        << u"http://h/api/hubs/Chat_Hub/groups/g%201/:send?api-version=2024-12-01&excluded=c1"_s
        << u"/api/hubs/Chat_Hub/groups/g%201/:send?api-version=2024-12-01&excluded=c1"_s << true;
    QTest::addRow("encoded group vs decoded request path")
        << u"http://h/api/hubs/Chat_Hub/groups/g%201/:send"_s
        << u"/api/hubs/Chat_Hub/groups/g 1/:send"_s << true;
    QTest::addRow("encoded slash in connection id")
        << u"http://h/api/hubs/Chat_Hub/connections/conn%2F1/:send?api-version=2024-12-01"_s
        << u"/api/hubs/Chat_Hub/connections/conn%2F1/:send?api-version=2024-12-01"_s << true;
    QTest::addRow("PUT group connection")
        << u"http://h/api/hubs/Chat_Hub/groups/g1/connections/conn1?api-version=2024-12-01"_s
        << u"/api/hubs/Chat_Hub/groups/g1/connections/conn1"_s << true;

    QTest::addRow("different group") << u"http://h/api/hubs/Chat_Hub/groups/g1/:send"_s
                                     << u"/api/hubs/Chat_Hub/groups/g2/:send"_s << false;
    QTest::addRow("encoded group vs other group")
        << u"http://h/api/hubs/Chat_Hub/groups/g%201/:send"_s
        << u"/api/hubs/Chat_Hub/groups/g%202/:send"_s << false;
    QTest::addRow("different operation") << u"http://h/api/hubs/Chat_Hub/:send"_s
                                         << u"/api/hubs/Chat_Hub/:closeConnections"_s << false;
    QTest::addRow("different hub") << u"http://h/api/hubs/Chat_Hub/:send"_s
                                   << u"/api/hubs/Other/:send"_s << false;
    QTest::addRow("audience is a prefix") << u"http://h/api/hubs/Chat_Hub"_s
                                          << u"/api/hubs/Chat_Hub/:send"_s << false;
    QTest::addRow("audience is longer") << u"http://h/api/hubs/Chat_Hub/users/bob/:send"_s
                                        << u"/api/hubs/Chat_Hub/:send"_s << false;
    QTest::addRow("audience extends the request path")
        << u"http://h/api/hubs/Chat_Hub/groups/g1/connections/conn1"_s
        << u"/api/hubs/Chat_Hub/groups/g1"_s << false;
    QTest::addRow("client audience") << u"http://h/client/hubs/Chat_Hub"_s
                                     << u"/api/hubs/Chat_Hub/:send"_s << false;
    QTest::addRow("ftp scheme") << u"ftp://h/api/hubs/Chat_Hub/:send"_s
                                << u"/api/hubs/Chat_Hub/:send"_s << false;
    QTest::addRow("path-only audience") << u"/api/hubs/Chat_Hub/:send"_s
                                        << u"/api/hubs/Chat_Hub/:send"_s << false;
    QTest::addRow("empty audience") << QString() << u"/api/hubs/Chat_Hub/:send"_s << false;
}

void TestJwt::restAudience()
{
    QFETCH(QString, audience);
    QFETCH(QString, requestPath);
    QFETCH(bool, matches);

    QCOMPARE(restAudienceMatches(audience, requestPath), matches);
}

void TestJwt::sdkClientToken_data()
{
    QTest::addColumn<QJsonObject>("entry");
    const QJsonArray entries = m_fixture.value("clientTokens"_L1).toArray();
    for (const QJsonValue &entry : entries)
        QTest::addRow("%s", qPrintable(entry[u"name"_s].toString())) << entry.toObject();
}

void TestJwt::sdkClientToken()
{
    // Tokens minted by @azure/web-pubsub (tests/data/README.md). They expired long ago, so
    // `now` is their own iat.
    QFETCH(QJsonObject, entry);
    const QByteArray key = m_fixture.value("accessKey"_L1).toString().toUtf8();
    const QString hub = m_fixture.value("hub"_L1).toString();
    const QJsonObject sdkOptions = entry.value("options"_L1).toObject();
    const QByteArray token = entry.value("token"_L1).toString().toLatin1();

    QString error;
    const auto unverified = Jwt::decodeUnverified(token, &error);
    QVERIFY2(unverified, qPrintable(error));
    const qint64 iat = unverified->claims.value("iat"_L1).toInteger();
    QVERIFY(iat > 0);

    const auto verified = Jwt::verify(token, optionsAt(iat, { key }), &error);
    QVERIFY2(verified, qPrintable(error));
    const QJsonObject &claims = verified->claims;
    QCOMPARE(verified->header, kHs256Header);
    QCOMPARE(claims.value("sub"_L1), sdkOptions.value("userId"_L1));
    QCOMPARE(claims.value("role"_L1), sdkOptions.value("roles"_L1));
    QCOMPARE(claims.value("webpubsub.group"_L1), sdkOptions.value("groups"_L1));
    const qint64 minutes = sdkOptions.value("expirationTimeInMinutes"_L1).toInteger(60);
    QCOMPARE(claims.value("exp"_L1).toInteger() - iat, minutes * 60);

    const QString audience = claims.value("aud"_L1).toString();
    QVERIFY2(clientAudienceMatches(audience, hub), qPrintable(audience));
    QVERIFY(clientAudienceMatches(audience, hub.toUpper()));
    QVERIFY(!clientAudienceMatches(audience, hub + u'2'));

    const ClientTokenClaims parsed = clientClaimsFrom(claims);
    QCOMPARE(parsed.userId, sdkOptions.value("userId"_L1).toString());
    QCOMPARE(parsed.roles, sdkOptions.value("roles"_L1).toVariant().toStringList());
    QCOMPARE(parsed.groups, sdkOptions.value("groups"_L1).toVariant().toStringList());

    QVERIFY(!Jwt::verify(token, optionsAt(iat, { "another-key"_ba })));
    QVERIFY(!Jwt::verify(token, optionsAt(iat + minutes * 60 + 301, { key })));

    // Our minting, fed the same connection string, hub, options and clock, must produce what
    // the SDK produced: same URLs, same claims (the JSON member order differs, so the token
    // bytes do not).
    const auto cs = ConnectionString::parse(m_fixture.value("connectionString"_L1).toString(), &error);
    QVERIFY2(cs, qPrintable(error));
    ClientAccessOptions options;
    options.userId = parsed.userId;
    options.roles = parsed.roles;
    options.groups = parsed.groups;
    options.lifetimeSeconds = minutes * 60;
    options.now = at(iat);
    const ClientAccess ours = clientAccessFor(*cs, hub, options);

    const QString sdkBaseUrl = entry.value("baseUrl"_L1).toString();
    QCOMPARE(entry.value("url"_L1).toString(),
             sdkBaseUrl + "?access_token="_L1 + QString::fromLatin1(token));
    QCOMPARE(ours.baseUrl.toString(QUrl::FullyEncoded), sdkBaseUrl);
    QCOMPARE(ours.url.toString(QUrl::FullyEncoded), sdkBaseUrl + "?access_token="_L1 + ours.token);
    QCOMPARE(QUrlQuery(ours.url).queryItemValue(u"access_token"_s), ours.token);

    const auto oursVerified = Jwt::verify(ours.token.toLatin1(), optionsAt(iat, { key }), &error);
    QVERIFY2(oursVerified, qPrintable(error));
    QCOMPARE(oursVerified->header, verified->header);
    QCOMPARE(oursVerified->claims.value("aud"_L1).toString(), audience);
    QCOMPARE(oursVerified->claims, claims);
}

void TestJwt::sdkRestToken_data()
{
    QTest::addColumn<QJsonObject>("request");
    const QJsonArray requests = m_fixture.value("restRequests"_L1).toArray();
    for (const QJsonValue &request : requests) {
        QTest::addRow("%s %s", qPrintable(request[u"method"_s].toString()),
                      qPrintable(request[u"operation"_s].toString()))
            << request.toObject();
    }
}

void TestJwt::sdkRestToken()
{
    QFETCH(QJsonObject, request);
    const QByteArray key = m_fixture.value("accessKey"_L1).toString().toUtf8();
    const QString hub = m_fixture.value("hub"_L1).toString();
    const QString path = request.value("path"_L1).toString();
    const QString authorization = request.value("authorization"_L1).toString();
    QVERIFY2(authorization.startsWith("Bearer "_L1), qPrintable(authorization));
    const QByteArray token = authorization.mid(7).toLatin1();

    QString error;
    const auto unverified = Jwt::decodeUnverified(token, &error);
    QVERIFY2(unverified, qPrintable(error));
    const qint64 iat = unverified->claims.value("iat"_L1).toInteger();
    const auto verified = Jwt::verify(token, optionsAt(iat, { key }), &error);
    QVERIFY2(verified, qPrintable(error));
    QCOMPARE(verified->claims.value("exp"_L1).toInteger() - iat, 3600);

    // The SDK signs the exact request URL, query string and percent-encoding included.
    const QString audience = verified->claims.value("aud"_L1).toString();
    const QString origin = u"http://127.0.0.1:%1"_s.arg(m_fixture.value("port"_L1).toInt());
    QCOMPARE(audience, origin + path);

    const QString pathOnly = path.section(u'?', 0, 0);
    QVERIFY(restAudienceMatches(audience, path));
    QVERIFY(restAudienceMatches(audience, pathOnly));
    QVERIFY(restAudienceMatches(audience, QUrl::fromPercentEncoding(pathOnly.toUtf8())));
    QVERIFY(!restAudienceMatches(audience, pathOnly + "/extra"_L1));
    QVERIFY(!restAudienceMatches(audience, u"/api/hubs/%1/groups/unrelated/:send"_s.arg(hub)));
    // A REST token is no client token.
    QVERIFY(!clientAudienceMatches(audience, hub));
}

QTEST_APPLESS_MAIN(TestJwt)
#include "tst_jwt.moc"
