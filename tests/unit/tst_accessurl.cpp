#include "accessurl.h"
#include "jwt.h"

#include <QJsonDocument>
#include <QTest>
#include <QUrlQuery>

using namespace Qt::StringLiterals;
using namespace wr;

namespace {

constexpr qint64 kNow = 1795457356;
const QString kAccessUrl =
    u"wss://demo.webpubsub.azure.com/client/hubs/chat?access_token=eyJh.eyJp.c2ln"_s;

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

class TestAccessUrl : public QObject
{
    Q_OBJECT

private slots:
    void parseNegotiateResponse_data();
    void parseNegotiateResponse();
    void parseNegotiateResponseRejects_data();
    void parseNegotiateResponseRejects();
    void clientAccess_data();
    void clientAccess();
    void negotiateResponseRoundTrip();
    void isValidHubName_data();
    void isValidHubName();
};

void TestAccessUrl::parseNegotiateResponse_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("url");

    QTest::addRow("bare text URL") << kAccessUrl.toUtf8() << kAccessUrl;
    QTest::addRow("bare text URL with newline") << kAccessUrl.toUtf8() + "\r\n"_ba << kAccessUrl;
    QTest::addRow("JSON string") << "\""_ba + kAccessUrl.toUtf8() + "\""_ba << kAccessUrl;
    QTest::addRow("JSON string with escaped slashes")
        << R"("wss:\/\/demo.webpubsub.azure.com\/client\/hubs\/chat?access_token=eyJh.eyJp.c2ln")"_ba
        << kAccessUrl;
    QTest::addRow("object with url") << R"({"url":")"_ba + kAccessUrl.toUtf8() + R"("})"_ba
                                     << kAccessUrl;
    QTest::addRow("object with url and whitespace")
        << "\n  { \"url\" : \""_ba + kAccessUrl.toUtf8() + "\" }  \n"_ba << kAccessUrl;
    QTest::addRow("SDK object: url wins over baseUrl")
        << compact({ { u"token"_s, u"other.token.x"_s },
                     { u"baseUrl"_s, u"wss://elsewhere/client/hubs/x"_s },
                     { u"url"_s, kAccessUrl } })
        << kAccessUrl;
    QTest::addRow("baseUrl and token")
        << compact({ { u"baseUrl"_s, u"wss://demo.webpubsub.azure.com/client/hubs/chat"_s },
                     { u"token"_s, u"eyJh.eyJp.c2ln"_s } })
        << kAccessUrl;
    QTest::addRow("local relay ws URL") << "ws://127.0.0.1:8080/client/hubs/chat?access_token=a.b.c"_ba
                                        << u"ws://127.0.0.1:8080/client/hubs/chat?access_token=a.b.c"_s;
    QTest::addRow("extra members ignored")
        << R"({"url":"wss://h/client/hubs/chat?access_token=a.b.c","expiresIn":3600})"_ba
        << u"wss://h/client/hubs/chat?access_token=a.b.c"_s;
}

void TestAccessUrl::parseNegotiateResponse()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, url);

    QString error;
    const auto parsed = wr::parseNegotiateResponse(body, &error);
    QVERIFY2(parsed, qPrintable(error));
    QCOMPARE(*parsed, QUrl(url));
    QCOMPARE(QUrlQuery(*parsed).queryItemValue(u"access_token"_s),
             QUrlQuery(QUrl(url)).queryItemValue(u"access_token"_s));
}

void TestAccessUrl::parseNegotiateResponseRejects_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("errorContains");

    QTest::addRow("empty") << QByteArray() << u"empty"_s;
    QTest::addRow("whitespace only") << " \r\n\t"_ba << u"empty"_s;
    QTest::addRow("invalid JSON object") << R"({"url":)"_ba << u"not valid JSON"_s;
    QTest::addRow("unterminated JSON string") << R"("wss://h/client/hubs/chat)"_ba
                                              << u"not valid JSON"_s;
    QTest::addRow("JSON string with trailing data") << R"("wss://h/x" "wss://evil/x")"_ba
                                                    << u"not valid JSON"_s;
    QTest::addRow("object without url") << R"({"accessUrl":"wss://h/client/hubs/chat"})"_ba
                                        << u"neither 'url' nor 'baseUrl' and 'token'"_s;
    QTest::addRow("empty object") << "{}"_ba << u"neither"_s;
    QTest::addRow("url not a string") << R"({"url":42})"_ba << u"neither"_s;
    QTest::addRow("baseUrl without token") << R"({"baseUrl":"wss://h/client/hubs/chat"})"_ba
                                           << u"neither"_s;
    QTest::addRow("ftp URL") << "ftp://h/client/hubs/chat"_ba << u"is not a ws(s):// URL"_s;
    QTest::addRow("ftp URL in object") << R"({"url":"ftp://h/client/hubs/chat"})"_ba
                                       << u"is not a ws(s):// URL"_s;
    QTest::addRow("mailto URL") << "mailto:ops@example.com"_ba << u"is not a ws(s):// URL"_s;
    QTest::addRow("relative path") << "/client/hubs/chat?access_token=a.b.c"_ba
                                   << u"is not a ws(s):// URL"_s;
    QTest::addRow("URL without host") << "wss:///client/hubs/chat"_ba << u"is not a ws(s):// URL"_s;
    QTest::addRow("garbage text") << "Internal Server Error"_ba << u"is not a ws(s):// URL"_s;
    QTest::addRow("HTML error page") << "<html><body>502 Bad Gateway</body></html>"_ba
                                     << u"is not a ws(s):// URL"_s;
    QTest::addRow("JSON array") << R"(["wss://h/client/hubs/chat"])"_ba
                                << u"is not a ws(s):// URL"_s;
    QTest::addRow("JSON null") << "null"_ba << u"is not a ws(s):// URL"_s;
    QTest::addRow("empty url string") << R"({"url":""})"_ba << u"is not a ws(s):// URL"_s;
}

void TestAccessUrl::parseNegotiateResponseRejects()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, errorContains);

    QString error;
    const auto parsed = wr::parseNegotiateResponse(body, &error);
    QVERIFY2(!parsed, parsed ? qPrintable(parsed->toString()) : "");
    QVERIFY2(error.contains(errorContains), qPrintable(u"error was: "_s + error));
    QVERIFY(error.size() < 300); // a huge HTML page must not end up verbatim in the UI
}

void TestAccessUrl::clientAccess_data()
{
    QTest::addColumn<QString>("connectionString");
    QTest::addColumn<QString>("hub");
    QTest::addColumn<QString>("baseUrl");
    QTest::addColumn<QString>("audience");

    QTest::addRow("Azure https to wss")
        << u"Endpoint=https://demo.webpubsub.azure.com;AccessKey=k;Version=1.0;"_s << u"chat"_s
        << u"wss://demo.webpubsub.azure.com/client/hubs/chat"_s
        << u"https://demo.webpubsub.azure.com/client/hubs/chat"_s;
    QTest::addRow("local http to ws with Port")
        << u"Endpoint=http://127.0.0.1;Port=8080;AccessKey=k;Version=1.0;"_s << u"Chat_Hub"_s
        << u"ws://127.0.0.1:8080/client/hubs/Chat_Hub"_s
        << u"http://127.0.0.1:8080/client/hubs/Chat_Hub"_s;
    QTest::addRow("path prefix")
        << u"Endpoint=https://gw.example.com/pubsub;AccessKey=k"_s << u"chat"_s
        << u"wss://gw.example.com/pubsub/client/hubs/chat"_s
        << u"https://gw.example.com/pubsub/client/hubs/chat"_s;
}

void TestAccessUrl::clientAccess()
{
    QFETCH(QString, connectionString);
    QFETCH(QString, hub);
    QFETCH(QString, baseUrl);
    QFETCH(QString, audience);

    const auto cs = ConnectionString::parse(connectionString);
    QVERIFY(cs);
    ClientAccessOptions options;
    options.userId = u"alice"_s;
    options.roles = QStringList { u"webpubsub.joinLeaveGroup"_s };
    options.groups = QStringList { u"g1"_s };
    options.lifetimeSeconds = 300;
    options.now = QDateTime::fromSecsSinceEpoch(kNow, Qt::UTC);
    const ClientAccess access = clientAccessFor(*cs, hub, options);

    QCOMPARE(access.baseUrl.toString(QUrl::FullyEncoded), baseUrl);
    QCOMPARE(access.url.toString(QUrl::FullyEncoded), baseUrl + "?access_token="_L1 + access.token);

    Jwt::VerifyOptions verify;
    verify.keys = { cs->accessKey.toUtf8() };
    verify.now = options.now;
    QString error;
    const auto verified = Jwt::verify(access.token.toLatin1(), verify, &error);
    QVERIFY2(verified, qPrintable(error));
    QCOMPARE(verified->claims.value("aud"_L1).toString(), audience);
    QVERIFY(clientAudienceMatches(audience, hub));
    const ClientTokenClaims claims = clientClaimsFrom(verified->claims);
    QCOMPARE(claims.userId, options.userId);
    QCOMPARE(claims.roles, options.roles);
    QCOMPARE(claims.groups, options.groups);
    QCOMPARE(claims.expiresAt.value_or(0), kNow + 300);
}

void TestAccessUrl::negotiateResponseRoundTrip()
{
    const auto cs = ConnectionString::parse(u"Endpoint=http://127.0.0.1;Port=8080;AccessKey=k;"_s);
    QVERIFY(cs);
    ClientAccessOptions options;
    options.userId = u"bob"_s;
    options.now = QDateTime::fromSecsSinceEpoch(kNow, Qt::UTC);
    const ClientAccess access = clientAccessFor(*cs, u"chat"_s, options);

    // The relay serves all three members, like the SDK object.
    const QJsonObject response = negotiateResponse(access);
    QCOMPARE(response.size(), 3);
    QCOMPARE(response.value("url"_L1).toString(), access.url.toString(QUrl::FullyEncoded));
    QCOMPARE(response.value("baseUrl"_L1).toString(), access.baseUrl.toString(QUrl::FullyEncoded));
    QCOMPARE(response.value("token"_L1).toString(), access.token);

    // …so clients that read only `url`, or only `baseUrl` + `token`, reach the same URL.
    QString error;
    const auto parsed = wr::parseNegotiateResponse(compact(response), &error);
    QVERIFY2(parsed, qPrintable(error));
    QCOMPARE(*parsed, access.url);

    QJsonObject withoutUrl = response;
    withoutUrl.remove("url"_L1);
    const auto fromParts = wr::parseNegotiateResponse(compact(withoutUrl), &error);
    QVERIFY2(fromParts, qPrintable(error));
    QCOMPARE(*fromParts, access.url);

    const auto fromText = wr::parseNegotiateResponse(access.url.toString(QUrl::FullyEncoded).toUtf8());
    QVERIFY(fromText);
    QCOMPARE(*fromText, access.url);
}

void TestAccessUrl::isValidHubName_data()
{
    QTest::addColumn<QString>("hub");
    QTest::addColumn<bool>("valid");

    QTest::addRow("lowercase") << u"chat"_s << true;
    QTest::addRow("one letter") << u"a"_s << true;
    QTest::addRow("mixed case and underscore") << u"Chat_Hub"_s << true;
    QTest::addRow("digits after the first char") << u"hub2024"_s << true;
    QTest::addRow("allowed punctuation") << u"a_`,.[]"_s << true;
    QTest::addRow("128 chars") << u"h"_s + QString(127, u'x') << true;

    QTest::addRow("empty") << QString() << false;
    QTest::addRow("129 chars") << u"h"_s + QString(128, u'x') << false;
    QTest::addRow("leading digit") << u"1chat"_s << false;
    QTest::addRow("leading underscore") << u"_chat"_s << false;
    QTest::addRow("space") << u"chat hub"_s << false;
    QTest::addRow("hyphen") << u"chat-hub"_s << false;
    QTest::addRow("slash") << u"chat/hub"_s << false;
    QTest::addRow("percent") << u"chat%20"_s << false;
    QTest::addRow("non-ASCII letter") << u"chät"_s << false;
    QTest::addRow("trailing newline") << u"chat\n"_s << false;
    QTest::addRow("leading newline") << u"\nchat"_s << false;
    QTest::addRow("embedded newline") << u"chat\nhub"_s << false;
}

void TestAccessUrl::isValidHubName()
{
    QFETCH(QString, hub);
    QFETCH(bool, valid);

    QCOMPARE(wr::isValidHubName(hub), valid);
}

QTEST_APPLESS_MAIN(TestAccessUrl)
#include "tst_accessurl.moc"
