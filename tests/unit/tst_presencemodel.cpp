#include "presencemodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using wr::PresenceModel;
using wr::session::Cursor;
using wr::session::Hello;
using wr::session::Presence;
using wr::session::PresenceState;
using wr::session::View;

namespace {

Hello hello(const QString &name, const QString &color = u"#e5484d"_s)
{
    return { name, color, u"watchroom/1.0"_s };
}

Presence presence(const QString &name, PresenceState state, std::optional<View> view,
                  bool followable = true)
{
    Presence p;
    p.name = name;
    p.color = u"#e5484d"_s;
    p.state = state;
    p.view = std::move(view);
    p.followable = followable;
    return p;
}

Cursor cursorAt(const QString &panel, qint64 t, double y)
{
    return { panel, t, y };
}

Cursor cursorOff()
{
    return { std::nullopt, 0, 0 };
}

} // namespace

class tst_PresenceModel : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void helloPresenceCursorBye();
    void expiry_data();
    void expiry();
    void expiryRemovesOnlyTheSilent();
    void timerDrivesExpiry();
    void ownIdIsIgnored();
    void unknownPeerCursorCreatesAPlaceholder();
    void emptyFieldsKeepWhatWasKnown();
    void roles_data();
    void roles();

private:
    qint64 m_now = 0;
    std::unique_ptr<PresenceModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void tst_PresenceModel::init()
{
    m_now = 1'000'000;
    m_model = std::make_unique<PresenceModel>();
    m_model->setClock([this] { return m_now; });
    m_model->setLocalUserId(u"me"_s);
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void tst_PresenceModel::cleanup()
{
    m_tester.reset();
    m_model.reset();
}

void tst_PresenceModel::helloPresenceCursorBye()
{
    PresenceModel &model = *m_model;
    QSignalSpy joined(&model, &PresenceModel::peerJoined);
    QSignalSpy left(&model, &PresenceModel::peerLeft);
    QSignalSpy changed(&model, &PresenceModel::peerChanged);
    QSignalSpy moved(&model, &PresenceModel::cursorMoved);
    QSignalSpy dataChanged(&model, &PresenceModel::dataChanged);

    model.applyHello(u"alice"_s, hello(u"Alice"_s));
    QCOMPARE(joined.size(), 1);
    QCOMPARE(joined.at(0).at(0).toString(), u"alice"_s);
    QCOMPARE(model.rowCount(), 1);
    auto peer = model.peer(u"alice"_s);
    QVERIFY(peer);
    QCOMPARE(peer->name, u"Alice"_s);
    QCOMPARE(peer->client, u"watchroom/1.0"_s);
    QCOMPARE(peer->state, PresenceState::Active);
    QVERIFY(!peer->view);
    QVERIFY(!peer->followable); // nothing to follow yet

    m_now += 300;
    model.applyPresence(
        u"alice"_s,
        presence(u"Alice"_s, PresenceState::Idle, View { u"host/cpu"_s, 1000, std::nullopt }));
    QCOMPARE(joined.size(), 1);
    QCOMPARE(changed.size(), 1);
    peer = model.peer(u"alice"_s);
    QCOMPARE(peer->state, PresenceState::Idle);
    QCOMPARE(peer->view, (View { u"host/cpu"_s, 1000, std::nullopt }));
    QVERIFY(peer->followable);
    QCOMPARE(peer->lastSeenMs, m_now);
    QCOMPARE(dataChanged.size(), 1);
    const auto roles = dataChanged.at(0).at(2).value<QList<int>>();
    QVERIFY(roles.contains(PresenceModel::StateRole));
    QVERIFY(roles.contains(PresenceModel::IsLiveRole));
    QVERIFY(!roles.contains(PresenceModel::NameRole));

    m_now += 20;
    model.applyCursor(u"alice"_s, cursorAt(u"host/cpu"_s, 1500, 12.5));
    QCOMPARE(moved.size(), 1);
    QCOMPARE(changed.size(), 1); // a cursor is not a profile change
    peer = model.peer(u"alice"_s);
    QCOMPARE(peer->cursor, cursorAt(u"host/cpu"_s, 1500, 12.5));
    QCOMPARE(peer->cursorReceivedAtMs, m_now);

    model.applyCursor(u"alice"_s, cursorOff());
    QCOMPARE(moved.size(), 2);
    QCOMPARE(model.index(0).data(PresenceModel::HasCursorRole).toBool(), false);
    QVERIFY(!model.index(0).data(PresenceModel::CursorPanelRole).isValid());

    model.applyBye(u"alice"_s);
    QCOMPARE(left.size(), 1);
    QCOMPARE(left.at(0).at(0).toString(), u"alice"_s);
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.peer(u"alice"_s));

    // A bye for someone unknown is harmless; coming back is a new join.
    model.applyBye(u"alice"_s);
    QCOMPARE(left.size(), 1);
    model.applyHello(u"alice"_s, hello(u"Alice"_s));
    QCOMPARE(joined.size(), 2);
}

void tst_PresenceModel::expiry_data()
{
    // Messages from bob at the given seconds ("h" hello, "p" presence, "c" cursor); expire()
    // then runs at `at` seconds.
    QTest::addColumn<QString>("script");
    QTest::addColumn<double>("at");
    QTest::addColumn<bool>("present");

    QTest::addRow("silent for 14.999 s: still there") << u"h0"_s << 14.999 << true;
    QTest::addRow("silent for 15 s: gone") << u"h0"_s << 15.0 << false;
    QTest::addRow("heartbeats every 5 s keep it") << u"h0 p5 p10 p15 p20"_s << 34.999 << true;
    QTest::addRow("heartbeats, then silence") << u"h0 p5 p10"_s << 25.0 << false;
    QTest::addRow("cursor moves count as life") << u"h0 c9 c14"_s << 28.5 << true;
    QTest::addRow("a cursor-only peer expires too") << u"c0"_s << 15.0 << false;
}

void tst_PresenceModel::expiry()
{
    QFETCH(QString, script);
    QFETCH(double, at);
    QFETCH(bool, present);

    const qint64 start = m_now;
    const auto atSeconds = [start](double s) { return start + qint64(s * 1000 + 0.5); };
    for (const QString &message : script.split(u' ')) {
        m_now = atSeconds(message.mid(1).toDouble());
        switch (message.at(0).unicode()) {
        case 'h':
            m_model->applyHello(u"bob"_s, hello(u"Bob"_s));
            break;
        case 'p':
            m_model->applyPresence(u"bob"_s, presence(u"Bob"_s, PresenceState::Active, View {}));
            break;
        case 'c':
            m_model->applyCursor(u"bob"_s, cursorAt(u"p"_s, 1, 2));
            break;
        default:
            QFAIL("bad script");
        }
    }
    QSignalSpy left(m_model.get(), &PresenceModel::peerLeft);
    m_now = atSeconds(at);
    m_model->expire();
    QCOMPARE(m_model->peer(u"bob"_s).has_value(), present);
    QCOMPARE(m_model->rowCount(), present ? 1 : 0);
    QCOMPARE(left.size(), present ? 0 : 1);
}

void tst_PresenceModel::expiryRemovesOnlyTheSilent()
{
    for (const QString &id : { u"a"_s, u"b"_s, u"c"_s, u"d"_s })
        m_model->applyHello(id, hello(id));
    m_now += 10'000;
    m_model->applyCursor(u"b"_s, cursorAt(u"p"_s, 1, 1));
    m_model->applyPresence(u"d"_s, presence(u"d"_s, PresenceState::Away, std::nullopt));
    m_now += 5'000;
    QSignalSpy left(m_model.get(), &PresenceModel::peerLeft);
    m_model->expire();
    QCOMPARE(left.size(), 2);
    QStringList remaining;
    for (int row = 0; row < m_model->rowCount(); ++row)
        remaining << m_model->index(row).data(PresenceModel::UserIdRole).toString();
    QCOMPARE(remaining, (QStringList { u"b"_s, u"d"_s }));
    // The index of the survivors still works.
    m_model->applyBye(u"d"_s);
    QCOMPARE(m_model->rowCount(), 1);
    QCOMPARE(m_model->peer(u"b"_s)->userId, u"b"_s);
}

void tst_PresenceModel::timerDrivesExpiry()
{
    m_model->setExpiryCheckInterval(10);
    m_model->applyHello(u"bob"_s, hello(u"Bob"_s));
    QSignalSpy left(m_model.get(), &PresenceModel::peerLeft);
    m_now += PresenceModel::kPeerTimeoutMs; // nobody calls expire(): the timer must
    QTRY_COMPARE_WITH_TIMEOUT(left.size(), 1, 2000);
    QCOMPARE(m_model->rowCount(), 0);
}

void tst_PresenceModel::ownIdIsIgnored()
{
    QSignalSpy joined(m_model.get(), &PresenceModel::peerJoined);
    QSignalSpy moved(m_model.get(), &PresenceModel::cursorMoved);
    m_model->applyHello(u"me"_s, hello(u"Me"_s));
    m_model->applyPresence(u"me"_s, presence(u"Me"_s, PresenceState::Active, View {}));
    m_model->applyCursor(u"me"_s, cursorAt(u"p"_s, 1, 1));
    m_model->applyHello(QString(), hello(u"anonymous"_s)); // nothing to key it on
    QCOMPARE(m_model->rowCount(), 0);
    QCOMPARE(joined.size(), 0);
    QCOMPARE(moved.size(), 0);

    // Learning our id late drops the row our own echo created.
    m_model->applyHello(u"me-2"_s, hello(u"Me"_s));
    QCOMPARE(m_model->rowCount(), 1);
    QSignalSpy left(m_model.get(), &PresenceModel::peerLeft);
    m_model->setLocalUserId(u"me-2"_s);
    QCOMPARE(m_model->rowCount(), 0);
    QCOMPARE(left.size(), 1);
}

void tst_PresenceModel::unknownPeerCursorCreatesAPlaceholder()
{
    QSignalSpy joined(m_model.get(), &PresenceModel::peerJoined);
    QSignalSpy moved(m_model.get(), &PresenceModel::cursorMoved);
    m_model->applyCursor(u"zoe"_s, cursorAt(u"host/cpu"_s, 42, 0.5));
    QCOMPARE(joined.size(), 1);
    QCOMPARE(moved.size(), 1);
    auto peer = m_model->peer(u"zoe"_s);
    QVERIFY(peer);
    QCOMPARE(peer->name, u"zoe"_s);
    QVERIFY(peer->color.isEmpty());
    QVERIFY(!peer->followable);
    QCOMPARE(peer->cursor, cursorAt(u"host/cpu"_s, 42, 0.5));
    QCOMPARE(m_model->index(0).data().toString(), u"zoe"_s);

    QSignalSpy dataChanged(m_model.get(), &PresenceModel::dataChanged);
    m_model->applyHello(u"zoe"_s, hello(u"Zoë"_s, u"#30a46c"_s));
    QCOMPARE(joined.size(), 1);
    QCOMPARE(m_model->index(0).data().toString(), u"Zoë"_s);
    QCOMPARE(m_model->peer(u"zoe"_s)->color, u"#30a46c"_s);
    QCOMPARE(m_model->peer(u"zoe"_s)->cursor, cursorAt(u"host/cpu"_s, 42, 0.5)); // kept
    QCOMPARE(dataChanged.size(), 1);
}

void tst_PresenceModel::emptyFieldsKeepWhatWasKnown()
{
    m_model->applyHello(u"bob"_s, hello(u"Bob"_s, u"#0090ff"_s));
    Presence p = presence(QString(), PresenceState::Away, std::nullopt, false);
    p.color.clear();
    m_model->applyPresence(u"bob"_s, p);
    const auto peer = m_model->peer(u"bob"_s);
    QCOMPARE(peer->name, u"Bob"_s);
    QCOMPARE(peer->color, u"#0090ff"_s);
    QCOMPARE(peer->state, PresenceState::Away);
}

void tst_PresenceModel::roles_data()
{
    QTest::addColumn<int>("role");
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<QVariant>("alice"); // hello, presence (historic view), cursor on a panel
    QTest::addColumn<QVariant>("bob"); // hello only

    const qint64 t = 1'000'000; // the clock in init()
    QTest::addRow("display") << int(Qt::DisplayRole) << "display"_ba << QVariant(u"Alice"_s)
                             << QVariant(u"Bob"_s);
    QTest::addRow("userId") << int(PresenceModel::UserIdRole) << "userId"_ba << QVariant(u"alice"_s)
                            << QVariant(u"bob"_s);
    QTest::addRow("name") << int(PresenceModel::NameRole) << "name"_ba << QVariant(u"Alice"_s)
                          << QVariant(u"Bob"_s);
    QTest::addRow("color") << int(PresenceModel::ColorRole) << "color"_ba << QVariant(u"#e5484d"_s)
                           << QVariant(u"#0090ff"_s);
    QTest::addRow("client") << int(PresenceModel::ClientRole) << "client"_ba
                            << QVariant(u"watchroom/1.0"_s) << QVariant(u"watchroom/1.0"_s);
    QTest::addRow("state") << int(PresenceModel::StateRole) << "state"_ba << QVariant(u"away"_s)
                           << QVariant(u"active"_s);
    QTest::addRow("hasView") << int(PresenceModel::HasViewRole) << "hasView"_ba << QVariant(true)
                             << QVariant(false);
    QTest::addRow("viewPanel") << int(PresenceModel::ViewPanelRole) << "viewPanel"_ba
                               << QVariant(u"host/mem"_s) << QVariant(QString());
    QTest::addRow("viewFrom") << int(PresenceModel::ViewFromRole) << "viewFrom"_ba
                              << QVariant(qint64(500)) << QVariant();
    QTest::addRow("viewTo") << int(PresenceModel::ViewToRole) << "viewTo"_ba
                            << QVariant(qint64(900)) << QVariant();
    QTest::addRow("isLive") << int(PresenceModel::IsLiveRole) << "isLive"_ba << QVariant(false)
                            << QVariant(false);
    QTest::addRow("followable") << int(PresenceModel::FollowableRole) << "followable"_ba
                                << QVariant(false) << QVariant(false);
    QTest::addRow("hasCursor") << int(PresenceModel::HasCursorRole) << "hasCursor"_ba
                               << QVariant(true) << QVariant(false);
    QTest::addRow("cursorPanel") << int(PresenceModel::CursorPanelRole) << "cursorPanel"_ba
                                 << QVariant(u"host/mem"_s) << QVariant();
    QTest::addRow("cursorT") << int(PresenceModel::CursorTRole) << "cursorT"_ba
                             << QVariant(qint64(700)) << QVariant();
    QTest::addRow("cursorY") << int(PresenceModel::CursorYRole) << "cursorY"_ba << QVariant(3.25)
                             << QVariant();
    QTest::addRow("cursorReceivedAt")
        << int(PresenceModel::CursorReceivedAtRole) << "cursorReceivedAt"_ba
        << QVariant(qint64(t + 20)) << QVariant();
    QTest::addRow("lastSeen") << int(PresenceModel::LastSeenRole) << "lastSeen"_ba
                              << QVariant(qint64(t + 20)) << QVariant(qint64(t));
}

void tst_PresenceModel::roles()
{
    QFETCH(int, role);
    QFETCH(QByteArray, name);
    QFETCH(QVariant, alice);
    QFETCH(QVariant, bob);

    m_model->applyHello(u"alice"_s, hello(u"Alice"_s));
    m_model->applyHello(u"bob"_s, hello(u"Bob"_s, u"#0090ff"_s));
    m_now += 10;
    m_model->applyPresence(
        u"alice"_s,
        presence(u"Alice"_s, PresenceState::Away, View { u"host/mem"_s, 500, 900 }, false));
    m_now += 10;
    m_model->applyCursor(u"alice"_s, cursorAt(u"host/mem"_s, 700, 3.25));

    QCOMPARE(m_model->roleNames().value(role), name);
    QCOMPARE(m_model->index(0).data(role), alice);
    QCOMPARE(m_model->index(1).data(role), bob);
}

QTEST_MAIN(tst_PresenceModel)
#include "tst_presencemodel.moc"
