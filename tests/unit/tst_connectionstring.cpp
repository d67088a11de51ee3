#include "connectionstring.h"

#include <QTest>

using namespace Qt::StringLiterals;
using wr::ConnectionString;

class TestConnectionString : public QObject
{
    Q_OBJECT

private slots:
    void parse_data();
    void parse();
    void parseErrors_data();
    void parseErrors();
    void toStringRoundTrip_data();
    void toStringRoundTrip();
    void toStringIsCanonical();
    void webSocketEndpoint_data();
    void webSocketEndpoint();
};

void TestConnectionString::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("endpoint");
    QTest::addColumn<QString>("accessKey");
    QTest::addColumn<QString>("version");

    const QString key = u"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGH"_s;

    QTest::addRow("Azure form")
        << u"Endpoint=https://demo.webpubsub.azure.com;AccessKey=abc/DEF+ghi==;Version=1.0;"_s
        << u"https://demo.webpubsub.azure.com/"_s << u"abc/DEF+ghi=="_s << u"1.0"_s;
    QTest::addRow("local relay with Port")
        << u"Endpoint=http://127.0.0.1;Port=8080;AccessKey=%1;Version=1.0;"_s.arg(key)
        << u"http://127.0.0.1:8080/"_s << key << u"1.0"_s;
    QTest::addRow("keys case-insensitive")
        << u"ENDPOINT=https://h;accesskey=k;VERSION=2.0;port=99"_s << u"https://h:99/"_s << u"k"_s
        << u"2.0"_s;
    QTest::addRow("value split at the first =")
        << u"Endpoint=https://h;AccessKey=a=b=="_s << u"https://h/"_s << u"a=b=="_s << u"1.0"_s;
    QTest::addRow("Port overrides the endpoint port")
        << u"Endpoint=http://h:1234;Port=8080;AccessKey=k"_s << u"http://h:8080/"_s << u"k"_s
        << u"1.0"_s;
    QTest::addRow("endpoint port kept without Port")
        << u"Endpoint=http://h:1234;AccessKey=k"_s << u"http://h:1234/"_s << u"k"_s << u"1.0"_s;
    QTest::addRow("Port before Endpoint") << u"Port=8443;AccessKey=k;Endpoint=https://h"_s
                                          << u"https://h:8443/"_s << u"k"_s << u"1.0"_s;
    QTest::addRow("scheme-less endpoint gets https")
        << u"Endpoint=demo.webpubsub.azure.com;AccessKey=k"_s
        << u"https://demo.webpubsub.azure.com/"_s << u"k"_s << u"1.0"_s;
    QTest::addRow("trailing slash kept once") << u"Endpoint=https://h/;AccessKey=k"_s
                                              << u"https://h/"_s << u"k"_s << u"1.0"_s;
    QTest::addRow("path gets a trailing slash") << u"Endpoint=https://h/prefix;AccessKey=k"_s
                                                << u"https://h/prefix/"_s << u"k"_s << u"1.0"_s;
    // Found by fuzz_connectionstring: "/p//" printed as "/p/", so it did not round-trip.
    QTest::addRow("repeated trailing slashes become one")
        << u"endpoint=http:/018o//;accesskey=k;version=1.0"_s << u"https://http/018o/"_s << u"k"_s
        << u"1.0"_s;
    QTest::addRow("query and fragment dropped") << u"Endpoint=https://h/?x=1#f;AccessKey=k"_s
                                                << u"https://h/"_s << u"k"_s << u"1.0"_s;
    QTest::addRow("scheme and host lowercased") << u"Endpoint=HTTPS://Demo.Example.COM;AccessKey=k"_s
                                                << u"https://demo.example.com/"_s << u"k"_s
                                                << u"1.0"_s;
    QTest::addRow("unknown keys ignored")
        << u"Endpoint=https://h;ClientEndpoint=https://c;ServerEndpoint=https://s;Foo=bar;AccessKey=k"_s
        << u"https://h/"_s << u"k"_s << u"1.0"_s;
    QTest::addRow("whitespace around keys and values")
        << u" Endpoint = https://h ;\tAccessKey = k ; Version = 1.0 ; "_s << u"https://h/"_s
        << u"k"_s << u"1.0"_s;
    QTest::addRow("empty pairs skipped") << u";;Endpoint=https://h;; ;AccessKey=k;;"_s
                                         << u"https://h/"_s << u"k"_s << u"1.0"_s;
    QTest::addRow("no trailing semicolon") << u"Endpoint=https://h;AccessKey=k"_s << u"https://h/"_s
                                           << u"k"_s << u"1.0"_s;
    QTest::addRow("duplicate key: last wins") << u"Endpoint=https://a;Endpoint=https://b;AccessKey=k"_s
                                              << u"https://b/"_s << u"k"_s << u"1.0"_s;
}

void TestConnectionString::parse()
{
    QFETCH(QString, text);
    QFETCH(QString, endpoint);
    QFETCH(QString, accessKey);
    QFETCH(QString, version);

    QString error;
    const auto cs = ConnectionString::parse(text, &error);
    QVERIFY2(cs, qPrintable(error));
    QVERIFY(error.isEmpty());
    QCOMPARE(cs->endpoint.toString(QUrl::FullyEncoded), endpoint);
    QCOMPARE(cs->accessKey, accessKey);
    QCOMPARE(cs->version, version);
}

void TestConnectionString::parseErrors_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("errorContains");

    QTest::addRow("empty") << QString() << u"Endpoint is missing"_s;
    QTest::addRow("only semicolons") << u";;;"_s << u"Endpoint is missing"_s;
    QTest::addRow("missing Endpoint") << u"AccessKey=k;Version=1.0;"_s << u"Endpoint is missing"_s;
    QTest::addRow("empty Endpoint") << u"Endpoint=;AccessKey=k"_s << u"Endpoint is missing"_s;
    QTest::addRow("missing AccessKey") << u"Endpoint=https://h;Version=1.0;"_s
                                       << u"AccessKey is missing"_s;
    QTest::addRow("empty AccessKey") << u"Endpoint=https://h;AccessKey=;"_s
                                     << u"AccessKey is missing"_s;
    QTest::addRow("Port not a number") << u"Endpoint=https://h;AccessKey=k;Port=abc"_s
                                       << u"Port 'abc'"_s;
    QTest::addRow("Port zero") << u"Endpoint=https://h;AccessKey=k;Port=0"_s << u"Port '0'"_s;
    QTest::addRow("Port negative") << u"Endpoint=https://h;AccessKey=k;Port=-1"_s << u"Port '-1'"_s;
    QTest::addRow("Port too large") << u"Endpoint=https://h;AccessKey=k;Port=65536"_s
                                    << u"Port '65536'"_s;
    QTest::addRow("ftp scheme") << u"Endpoint=ftp://h;AccessKey=k"_s
                                << u"Endpoint must be http or https, not 'ftp'"_s;
    QTest::addRow("wss scheme") << u"Endpoint=wss://h;AccessKey=k"_s
                                << u"Endpoint must be http or https"_s;
    QTest::addRow("no host") << u"Endpoint=http://;AccessKey=k"_s << u"not a valid URL"_s;
    QTest::addRow("space in host") << u"Endpoint=https://bad host;AccessKey=k"_s
                                   << u"not a valid URL"_s;
    QTest::addRow("pair without =") << u"Endpoint=https://h;garbage;AccessKey=k"_s
                                    << u"'garbage' is not a key=value pair"_s;
    QTest::addRow("pair without key") << u"Endpoint=https://h;=value;AccessKey=k"_s
                                      << u"key=value"_s;
    // Found by fuzz_connectionstring: toString() dropped the credentials, so parse(toString())
    // gave another endpoint, and they leaked into token audiences and ws(s) URLs.
    QTest::addRow("user info in Endpoint")
        << u"Endpoint=https://user:pw@a.example:99/x/y?z#f;AccessKey=k;"_s
        << u"Endpoint must not contain a user name or password"_s;
    // Found by fuzz_connectionstring: "http:00" became host "http", port 0, which toString()
    // omitted, so the string did not round-trip; port 0 cannot be connected to anyway.
    QTest::addRow("Endpoint port zero") << u"Endpoint=https://h:0;AccessKey=k"_s
                                        << u"Endpoint port 0"_s;
    QTest::addRow("scheme-less host:00") << u"Endpoint=http:00;AccessKey=key+ie"_s
                                         << u"Endpoint port 0"_s;
    QTest::addRow("empty user info") << u"Endpoint=@1;Port=73;AccessKey=k"_s
                                     << u"Endpoint must not contain"_s;
    QTest::addRow("user name only") << u"Endpoint=http://user@h;AccessKey=k"_s
                                    << u"Endpoint must not contain"_s;
}

void TestConnectionString::parseErrors()
{
    QFETCH(QString, text);
    QFETCH(QString, errorContains);

    QString error;
    const auto cs = ConnectionString::parse(text, &error);
    QVERIFY2(!cs, cs ? qPrintable(cs->toString()) : "");
    QVERIFY2(error.contains(errorContains), qPrintable(u"error was: "_s + error));
    QVERIFY2(error.startsWith("connection string:"_L1), qPrintable(error));
    QVERIFY(!ConnectionString::parse(text)); // the error pointer is optional
}

void TestConnectionString::toStringRoundTrip_data()
{
    QTest::addColumn<QString>("text");

    QTest::addRow("Azure") << u"Endpoint=https://demo.webpubsub.azure.com;AccessKey=abc==;Version=1.0;"_s;
    QTest::addRow("local with Port") << u"Endpoint=http://127.0.0.1;Port=8080;AccessKey=k;Version=1.0;"_s;
    QTest::addRow("endpoint port") << u"Endpoint=https://h:8443/;AccessKey=k"_s;
    QTest::addRow("path prefix") << u"Endpoint=https://h/prefix/;AccessKey=k;Version=2.0"_s;
    QTest::addRow("scheme-less") << u"Endpoint=h.example.com;AccessKey=a=b"_s;
}

void TestConnectionString::toStringRoundTrip()
{
    QFETCH(QString, text);

    const auto first = ConnectionString::parse(text);
    QVERIFY(first);
    QString error;
    const auto second = ConnectionString::parse(first->toString(), &error);
    QVERIFY2(second, qPrintable(error + u" in "_s + first->toString()));
    QCOMPARE(second->endpoint, first->endpoint);
    QCOMPARE(second->accessKey, first->accessKey);
    QCOMPARE(second->version, first->version);
    QCOMPARE(second->toString(), first->toString());
}

void TestConnectionString::toStringIsCanonical()
{
    // The portal's shape (reference §1.2), so it can be pasted into an SDK sample as is.
    const auto local = ConnectionString::parse(u"port=8080;endpoint=HTTP://127.0.0.1/;accesskey=k=="_s);
    QVERIFY(local);
    QCOMPARE(local->toString(), u"Endpoint=http://127.0.0.1;Port=8080;AccessKey=k==;Version=1.0;"_s);
    const auto azure = ConnectionString::parse(u"Endpoint=https://demo.webpubsub.azure.com/;AccessKey=k"_s);
    QVERIFY(azure);
    QCOMPARE(azure->toString(), u"Endpoint=https://demo.webpubsub.azure.com;AccessKey=k;Version=1.0;"_s);
}

void TestConnectionString::webSocketEndpoint_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("webSocket");

    QTest::addRow("https to wss") << u"Endpoint=https://demo.webpubsub.azure.com;AccessKey=k"_s
                                  << u"wss://demo.webpubsub.azure.com/"_s;
    QTest::addRow("http to ws keeps Port") << u"Endpoint=http://127.0.0.1;Port=8080;AccessKey=k"_s
                                           << u"ws://127.0.0.1:8080/"_s;
    QTest::addRow("uppercase HTTPS to wss") << u"Endpoint=HTTPS://h;AccessKey=k"_s << u"wss://h/"_s;
    QTest::addRow("path kept") << u"Endpoint=https://h:444/prefix;AccessKey=k"_s
                               << u"wss://h:444/prefix/"_s;
}

void TestConnectionString::webSocketEndpoint()
{
    QFETCH(QString, text);
    QFETCH(QString, webSocket);

    const auto cs = ConnectionString::parse(text);
    QVERIFY(cs);
    QCOMPARE(cs->webSocketEndpoint().toString(QUrl::FullyEncoded), webSocket);
    // The http(s) endpoint itself is untouched (client token audiences use it).
    QVERIFY(cs->endpoint.scheme().startsWith("http"_L1));
}

QTEST_APPLESS_MAIN(TestConnectionString)
#include "tst_connectionstring.moc"
