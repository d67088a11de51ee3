// Pieces of the collaboration UI: watchroom:// links and what users paste, the role read from
// a token, banners that never become a storm, and the idle/away tracking of our presence.
#include "activitytracker.h"
#include "bannerbar.h"
#include "desktopapp.h"
#include "jwt.h"
#include "links.h"
#include "tlspin.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace wr;

class TestUiParts : public QObject
{
    Q_OBJECT

private slots:
    void linkRoundTrip();
    void parsePasted_data();
    void parsePasted();
    void commandLineTakesALink();
    void linkCarriesAPin_data();
    void linkCarriesAPin();
    void commandLineTakesAPin();
    void accessFromToken_data();
    void accessFromToken();
    void bannersCoalesce();
    void activityStates();
};

void TestUiParts::linkRoundTrip()
{
    const QString hub = u"http://192.168.1.20:7300/negotiate?board=ops&role=viewer&invite=a+b/c%3D="_s;
    const QString link = JoinLinks::makeLink(hub, u"ops"_s);
    QVERIFY(link.startsWith(u"watchroom://join?hub=http%3A%2F%2F"_s));
    QVERIFY(!link.contains(u"&role"_s)); // the hub's own query stays encoded inside
    const JoinTarget target = JoinLinks::parse(link);
    QVERIFY2(target.ok(), qPrintable(target.error));
    QCOMPARE(target.hub, hub);
    QCOMPARE(target.board, u"ops"_s);
}

void TestUiParts::parsePasted_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("hub"); // empty: rejected
    QTest::addColumn<QString>("board");
    QTest::addRow("negotiate url names its board")
        << u"  http://relay:7300/negotiate?board=pay \n"_s
        << u"http://relay:7300/negotiate?board=pay"_s << u"pay"_s;
    QTest::addRow("quoted wss url") << u"\"wss://x.webpubsub.azure.com/client/hubs/h?access_token=abc\""_s
                                    << u"wss://x.webpubsub.azure.com/client/hubs/h?access_token=abc"_s
                                    << QString();
    QTest::addRow("connection string")
        << u"Endpoint=http://localhost:7300;AccessKey=k;Version=1.0;"_s
        << u"Endpoint=http://localhost:7300;AccessKey=k;Version=1.0;"_s << QString();
    QTest::addRow("link in angle brackets")
        << u"<watchroom://join?hub=http%3A%2F%2Fr%3A7300%2Fnegotiate&board=b1>"_s
        << u"http://r:7300/negotiate"_s << u"b1"_s;
    QTest::addRow("not a hub") << u"hello there"_s << QString() << QString();
    QTest::addRow("empty") << u"   "_s << QString() << QString();
    QTest::addRow("link without hub") << u"watchroom://join?board=x"_s << QString() << QString();
    QTest::addRow("link with a bad board")
        << u"watchroom://join?hub=http%3A%2F%2Fr%2Fnegotiate&board=a%20b"_s << QString()
        << QString();
    QTest::addRow("other link action") << u"watchroom://open?hub=http%3A%2F%2Fr"_s << QString()
                                       << QString();
}

void TestUiParts::parsePasted()
{
    QFETCH(QString, input);
    QFETCH(QString, hub);
    QFETCH(QString, board);
    const JoinTarget target = JoinLinks::parse(input);
    QCOMPARE(target.hub, hub);
    QCOMPARE(target.ok(), !hub.isEmpty());
    if (target.ok())
        QCOMPARE(target.board, board);
    else
        QVERIFY(!target.error.isEmpty());
}

void TestUiParts::commandLineTakesALink()
{
    const QString link = JoinLinks::makeLink(u"http://r:7300/negotiate?board=b2&role=viewer"_s,
                                             u"b2"_s);
    DesktopOptions o = DesktopOptions::parse({ u"watchroom"_s, link });
    QCOMPARE(o.action, DesktopOptions::Action::Run);
    QCOMPARE(o.join, u"http://r:7300/negotiate?board=b2&role=viewer"_s);
    QCOMPARE(o.board, u"b2"_s);
    // --board wins over the link's; --join takes a link too.
    o = DesktopOptions::parse({ u"watchroom"_s, u"--board"_s, u"other"_s, link });
    QCOMPARE(o.board, u"other"_s);
    o = DesktopOptions::parse({ u"watchroom"_s, u"--join"_s, link });
    QCOMPARE(o.join, u"http://r:7300/negotiate?board=b2&role=viewer"_s);
    QCOMPARE(o.board, u"b2"_s);
    o = DesktopOptions::parse({ u"watchroom"_s, u"--join"_s, u"http://x/negotiate"_s, link });
    QCOMPARE(o.action, DesktopOptions::Action::Error);
    o = DesktopOptions::parse({ u"watchroom"_s, u"watchroom://join?board=x"_s });
    QCOMPARE(o.action, DesktopOptions::Action::Error);
}

void TestUiParts::linkCarriesAPin_data()
{
    QTest::addColumn<bool>("made"); // by makeLink with the pin, else pinQuery appended
    QTest::addColumn<QString>("pinQuery");
    QTest::addColumn<QString>("pin"); // hex digest expected; "error": refused
    const QString hex = u"00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"_s;
    QString pairs;
    for (qsizetype i = 0; i < hex.size(); i += 2)
        pairs += (i ? u"%3A"_s : QString()) + hex.mid(i, 2).toUpper();
    QTest::addRow("made by makeLink") << true << QString() << hex;
    QTest::addRow("upper case, colon pairs") << false << (u"&pin=SHA256%3A"_s + pairs) << hex;
    QTest::addRow("no pin") << false << QString() << QString();
    QTest::addRow("truncated pin") << false << u"&pin=sha256%3A0011"_s << u"error"_s;
    QTest::addRow("other algorithm") << false << (u"&pin=md5%3A"_s + hex) << u"error"_s;
}

void TestUiParts::linkCarriesAPin()
{
    QFETCH(bool, made);
    QFETCH(QString, pinQuery);
    QFETCH(QString, pin);
    const QString hub = u"https://192.168.1.20:7300/negotiate?board=ops&role=viewer&invite=x"_s;
    QString link;
    if (made) {
        link = JoinLinks::makeLink(hub, u"ops"_s, QByteArray::fromHex(pin.toLatin1()));
        QVERIFY2(link.contains(u"&pin=sha256%3A"_s + pin), qPrintable(link));
    } else {
        link = JoinLinks::makeLink(hub, u"ops"_s) + pinQuery;
    }
    const JoinTarget target = JoinLinks::parse(link);
    if (pin == "error"_L1) {
        QVERIFY(!target.ok());
        QVERIFY2(target.error.contains(u"pin"_s), qPrintable(target.error));
        return;
    }
    QVERIFY2(target.ok(), qPrintable(target.error));
    QCOMPARE(target.hub, hub);
    QCOMPARE(target.board, u"ops"_s);
    QCOMPARE(QString::fromLatin1(target.pin.toHex()), pin);
    // And back: the same link again.
    QCOMPARE(JoinLinks::parse(JoinLinks::makeLink(target.hub, target.board, target.pin)).pin,
             target.pin);
}

void TestUiParts::commandLineTakesAPin()
{
    const QByteArray digest = QByteArray::fromHex(
        "b8d7eaf58d0265cece22cbe57f424fed0d816b74db56674cb16fc1576ed86030");
    const QString hub = u"https://r:7300/negotiate?board=b2"_s;
    DesktopOptions o = DesktopOptions::parse(
        { u"watchroom"_s, u"--join"_s, hub, u"--pin"_s, TlsPin::format(digest) });
    QCOMPARE(o.action, DesktopOptions::Action::Run);
    QCOMPARE(o.pin, digest);
    // A link's pin; an explicit --pin wins over it.
    const QString link = JoinLinks::makeLink(hub, u"b2"_s, digest);
    o = DesktopOptions::parse({ u"watchroom"_s, link });
    QCOMPARE(o.pin, digest);
    QByteArray other = digest;
    other[0] = 0;
    o = DesktopOptions::parse({ u"watchroom"_s, link, u"--pin"_s, TlsPin::format(other) });
    QCOMPARE(o.pin, other);
    o = DesktopOptions::parse({ u"watchroom"_s, u"--join"_s, hub, u"--pin"_s, u"b8d7"_s });
    QCOMPARE(o.action, DesktopOptions::Action::Error);
    QVERIFY2(o.message.contains(u"--pin"_s), qPrintable(o.message));
    o = DesktopOptions::parse({ u"watchroom"_s, u"--join"_s, hub });
    QVERIFY(o.pin.isEmpty());
}

void TestUiParts::accessFromToken_data()
{
    QTest::addColumn<QStringList>("roles");
    QTest::addColumn<QString>("role");
    QTest::addColumn<bool>("canAnnotate");
    const QString join = u"webpubsub.joinLeaveGroup"_s;
    QTest::addRow("viewer") << QStringList { join, u"webpubsub.sendToGroup.b.presence"_s }
                            << u"viewer"_s << false;
    QTest::addRow("annotator") << QStringList { join, u"webpubsub.sendToGroup.b.presence"_s,
                                                u"webpubsub.sendToGroup.b.annotations"_s }
                               << u"annotator"_s << true;
    QTest::addRow("annotator of another board")
        << QStringList { join, u"webpubsub.sendToGroup.c.annotations"_s } << u"viewer"_s << false;
    QTest::addRow("admin") << QStringList { join, u"webpubsub.sendToGroup"_s } << u"admin"_s
                           << true;
}

void TestUiParts::accessFromToken()
{
    QFETCH(QStringList, roles);
    QFETCH(QString, role);
    QFETCH(bool, canAnnotate);
    const QJsonObject claims = makeClientClaims(u"http://h/client/hubs/watchroom"_s, u"u1"_s,
                                                roles, {}, 3600);
    const QByteArray token = Jwt::sign(claims, "key");
    const QUrl url(u"ws://h/client/hubs/watchroom?access_token="_s + QString::fromLatin1(token));
    const SessionAccess access = JoinLinks::accessFromClientUrl(url, u"b"_s);
    QVERIFY(access.known);
    QCOMPARE(access.role, role);
    QCOMPARE(access.canAnnotate, canAnnotate);
    // No token: unknown, so nothing is disabled (the hub decides).
    const SessionAccess unknown = JoinLinks::accessFromClientUrl(QUrl(u"ws://h/x"_s), u"b"_s);
    QVERIFY(!unknown.known);
    QVERIFY(unknown.canAnnotate);
}

void TestUiParts::bannersCoalesce()
{
    BannerBar bar;
    QSignalSpy counts(&bar, &BannerBar::countChanged);
    for (int i = 0; i < 50; ++i)
        bar.showBanner(u"connection"_s, u"Connection refused"_s);
    QCOMPARE(bar.count(), 1);
    QVERIFY(bar.text(u"connection"_s).contains(u"50"_s));
    // A new reason under the same key replaces the text and restarts the count.
    bar.showBanner(u"connection"_s, u"Host not found"_s);
    QCOMPARE(bar.text(u"connection"_s), u"Host not found"_s);
    for (int i = 0; i < 10; ++i)
        bar.showBanner(u"k%1"_s.arg(i), u"problem %1"_s.arg(i));
    QCOMPARE(bar.count(), BannerBar::kMaxBanners);
    QCOMPARE(bar.keys().constLast(), u"k9"_s);
    bar.dismiss(u"k9"_s);
    QCOMPARE(bar.count(), BannerBar::kMaxBanners - 1);
    bar.dismissAll();
    QCOMPARE(bar.count(), 0);
    QVERIFY(bar.isHidden());
    QVERIFY(counts.size() > 0);
}

void TestUiParts::activityStates()
{
    qint64 now = 0;
    ActivityTracker tracker;
    tracker.setClock([&now] { return now; });
    QSignalSpy changes(&tracker, &ActivityTracker::stateChanged);
    QCOMPARE(tracker.state(), session::PresenceState::Active);
    now = ActivityTracker::kIdleAfterMs - 1;
    tracker.check();
    QCOMPARE(tracker.state(), session::PresenceState::Active);
    now = ActivityTracker::kIdleAfterMs;
    tracker.check();
    QCOMPARE(tracker.state(), session::PresenceState::Idle);
    tracker.noteInput();
    QCOMPARE(tracker.state(), session::PresenceState::Active);
    tracker.setHidden(true);
    QCOMPARE(tracker.state(), session::PresenceState::Away);
    tracker.noteInput(); // input while hidden (a global shortcut) does not make us visible
    QCOMPARE(tracker.state(), session::PresenceState::Away);
    now += 10 * ActivityTracker::kIdleAfterMs;
    tracker.check();
    QCOMPARE(tracker.state(), session::PresenceState::Away);
    tracker.setHidden(false);
    QCOMPARE(tracker.state(), session::PresenceState::Active);
    QCOMPARE(changes.size(), 4);
}

QTEST_MAIN(TestUiParts)
#include "tst_uiparts.moc"
