// Three app windows joined through one in-process relay, each with its own HubClient, Session
// and MainWindow, as the desktop app wires them: an annotation made by Shift+click in one
// appears in another with author and text; a cursor moved in one appears at the same data
// time in another although the windows differ in size; a viewer's window cannot annotate; the
// presence dock lists peers with names as plain text, and follow mode mirrors a peer's time
// window until our own input stops it.
#include "annotationstore.h"
#include "chartcanvas.h"
#include "chartpanel.h"
#include "hubclient.h"
#include "links.h"
#include "mainwindow.h"
#include "metricstore.h"
#include "presencedock.h"
#include "presencemodel.h"
#include "relay.h"
#include "session.h"
#include "sessionbinding.h"

#include <QAction>
#include <QLabel>
#include <QMenu>
#include <QMouseEvent>
#include <QPushButton>
#include <QStandardPaths>
#include <QTest>
#include <QTextDocument>
#include <QUrlQuery>

#include <memory>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace wr;

namespace {

constexpr int kTimeoutMs = 15000;
const QString kBoard = u"team"_s;
const QString kCpuPanel = u"alpha/cpu|%"_s;

HubClientOptions fastOptions()
{
    HubClientOptions o;
    o.connectTimeout = 3s;
    o.pingInterval = 200ms;
    o.reconnectBase = 20ms;
    o.reconnectCap = 100ms;
    o.statsInterval = 100ms;
    return o;
}

session::MetricsFrame cpuFrame(qint64 now)
{
    session::MetricSeries s;
    s.id = u"alpha/cpu.usage"_s;
    s.name = u"CPU usage"_s;
    s.unit = u"%"_s;
    s.labels = QMap<QString, QString> { { u"host"_s, u"alpha"_s } };
    for (qint64 t = now - 10 * 60'000; t <= now; t += 1000)
        s.points.append({ t, 40 + 20 * std::sin(double(t) / 20'000.0) });
    session::MetricsFrame f;
    f.source = u"test"_s;
    f.series.append(s);
    return f;
}

// One person: the same objects DesktopApp builds for a joined hub.
struct Member
{
    Member(const QString &userId, const QString &name, const QString &role, const QUrl &negotiate,
           qint64 now, QSize size)
        : client(fastOptions())
        , session([&] {
            SessionOptions o;
            o.board = kBoard;
            o.userId = userId;
            o.name = name;
            o.mode = SessionMode::Cloud;
            o.helloAnswerMaxDelay = 50ms;
            o.snapshotAnswerMaxDelay = 50ms;
            return o;
        }())
        , binding(&session, &client)
        , window(session.metrics(), session.annotations(), session.presence(), &session)
    {
        QObject::connect(&binding, &SessionBinding::negotiated, &window,
                         [this](const NegotiateResult &result) {
                             window.setAccess(JoinLinks::accessFromNegotiate(result, kBoard));
                         });
        window.setClock([now] { return now; });
        window.setAnnotationEditor([this](session::Annotation &a, const QString &) {
            ++editorCalls;
            a.text = u"deploy 4.2 by "_s + session.options().name;
            a.tags = { u"deploy"_s };
            return true;
        });
        session.metrics()->apply(cpuFrame(now));
        window.resize(size);
        window.show();

        QUrl url = negotiate;
        QUrlQuery query(url);
        query.removeAllQueryItems(u"role"_s);
        query.addQueryItem(u"role"_s, role);
        url.setQuery(query);
        NegotiateRequest request;
        request.input = url.toString();
        request.board = kBoard;
        request.userId = userId;
        binding.start(request);
    }
    ~Member() { binding.stop(); }

    ChartCanvas *cpu() const
    {
        ChartPanel *p = window.panel(kCpuPanel);
        return p ? p->canvas() : nullptr;
    }

    HubClient client;
    Session session;
    SessionBinding binding;
    MainWindow window;
    int editorCalls = 0;
};

} // namespace

class TestUiCollaboration : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void annotationByShiftClickReachesThePeer();
    void cursorLandsAtTheSameDataTime();
    void viewerCannotAnnotate();
    void presenceDockShowsPeersAsPlainText();
    void followMirrorsThePeerUntilMyInput();

private:
    std::unique_ptr<Relay> m_relay;
    std::unique_ptr<Member> m_alice;
    std::unique_ptr<Member> m_bob;
    std::unique_ptr<Member> m_viewer;
    qint64 m_now = 0;
};

void TestUiCollaboration::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestUiCollaboration::init()
{
    RelayConfig config;
    config.listenAddress = QHostAddress::LocalHost;
    config.port = 0;
    config.accessKeys = { u"ui-collaboration-test-key-0123456789"_s };
    config.dataDir.clear();
    config.hostSamplerBoards.clear();
    m_relay = std::make_unique<Relay>(config);
    QString error;
    QVERIFY2(m_relay->start(&error), qPrintable(error));

    m_now = QDateTime::currentMSecsSinceEpoch();
    const QUrl negotiate = m_relay->negotiateUrl(kBoard);
    m_alice = std::make_unique<Member>(u"alice"_s, u"Alice"_s, u"annotator"_s, negotiate, m_now,
                                       QSize(1300, 820));
    // Bob's window is smaller, and his name is markup that must show literally.
    m_bob = std::make_unique<Member>(u"bob"_s, u"<img src=x>"_s, u"annotator"_s, negotiate,
                                     m_now, QSize(880, 600));
    m_viewer = std::make_unique<Member>(u"vera"_s, u"Vera"_s, u"viewer"_s, negotiate, m_now,
                                        QSize(1000, 700));
    for (Member *m : { m_alice.get(), m_bob.get(), m_viewer.get() }) {
        QVERIFY(QTest::qWaitForWindowExposed(&m->window));
        QTRY_VERIFY_WITH_TIMEOUT(m->session.isUp(), kTimeoutMs);
        QVERIFY(m->cpu());
        m->window.renderFrame();
    }
    // Everyone sees everyone.
    QTRY_COMPARE_WITH_TIMEOUT(m_alice->session.presence()->rowCount(), 2, kTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(m_bob->session.presence()->rowCount(), 2, kTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(m_viewer->session.presence()->rowCount(), 2, kTimeoutMs);
}

void TestUiCollaboration::cleanup()
{
    m_viewer.reset();
    m_bob.reset();
    m_alice.reset();
    m_relay.reset();
}

void TestUiCollaboration::annotationByShiftClickReachesThePeer()
{
    ChartCanvas *canvas = m_alice->cpu();
    const ChartMapping m = canvas->mapping();
    QVERIFY(m.isValid());
    const QPoint at(int(m.plotArea().left() + m.plotArea().width() * 0.6),
                    int(m.plotArea().center().y()));
    const qint64 t = m.timeAt(at.x());
    QTest::mouseClick(canvas->viewport(), Qt::LeftButton, Qt::ShiftModifier, at);
    QCOMPARE(m_alice->editorCalls, 1);

    // In Bob's window: the store holds it with Alice as the hub-stamped author, and his CPU
    // panel draws it at the clicked data time with her name.
    AnnotationStore *bobs = m_bob->session.annotations();
    QTRY_COMPARE_WITH_TIMEOUT(bobs->rowCount(), 1, kTimeoutMs);
    const session::Annotation a = bobs->visible().constFirst();
    QCOMPARE(a.text, u"deploy 4.2 by Alice"_s);
    QCOMPARE(a.author, u"alice"_s);
    QCOMPARE(a.t0, t);
    QCOMPARE(a.panel, std::optional<QString>(kCpuPanel));
    QTRY_COMPARE_WITH_TIMEOUT(m_bob->cpu()->annotations().size(), 1, kTimeoutMs);
    const PanelAnnotation shown = m_bob->cpu()->annotations().constFirst();
    QCOMPARE(shown.author, u"Alice"_s);
    QCOMPARE(shown.text, u"deploy 4.2 by Alice"_s);
    QCOMPARE(shown.t0, t);
    // And in Alice's own list the author is "you".
    QCOMPARE(m_alice->cpu()->annotations().constFirst().author, u"you"_s);
}

void TestUiCollaboration::cursorLandsAtTheSameDataTime()
{
    ChartCanvas *a = m_alice->cpu();
    ChartCanvas *b = m_bob->cpu();
    const ChartMapping ma = a->mapping();
    const QPointF pos(ma.plotArea().left() + ma.plotArea().width() * 0.3,
                      ma.plotArea().top() + ma.plotArea().height() * 0.25);
    QMouseEvent move(QEvent::MouseMove, pos, a->viewport()->mapToGlobal(pos), Qt::NoButton,
                     Qt::NoButton, Qt::NoModifier);
    QCoreApplication::sendEvent(a->viewport(), &move);
    const qint64 t = ma.timeAt(pos.x());
    const double y = ma.valueAt(pos.y());

    QTRY_VERIFY_WITH_TIMEOUT(!b->remoteCursors().isEmpty(), kTimeoutMs);
    const RemoteCursor c = b->remoteCursors().constFirst();
    QCOMPARE(c.userId, u"alice"_s);
    QCOMPARE(c.name, u"Alice"_s);
    QCOMPARE(c.t, t);
    QVERIFY(c.onThisPanel);
    QCOMPARE(c.y, y);
    // Bob draws it where that time is in *his* plot: another pixel, the same instant.
    const ChartMapping mb = b->mapping();
    const qreal xb = mb.xForTime(double(c.t));
    QVERIFY2(std::abs(xb - pos.x()) > 20, qPrintable(u"%1 vs %2"_s.arg(xb).arg(pos.x())));
    QVERIFY(std::abs(mb.timeAt(xb) - t) <= qint64(std::ceil(mb.msPerPixel())));
    // The viewer sees it too, on every panel of the board.
    QTRY_VERIFY_WITH_TIMEOUT(!m_viewer->cpu()->remoteCursors().isEmpty(), kTimeoutMs);
    QCOMPARE(m_viewer->cpu()->remoteCursors().constFirst().t, t);
}

void TestUiCollaboration::viewerCannotAnnotate()
{
    MainWindow &w = m_viewer->window;
    QTRY_VERIFY_WITH_TIMEOUT(!w.canAnnotate(), kTimeoutMs);
    QCOMPARE(w.access().role, u"viewer"_s);
    QVERIFY(m_alice->window.canAnnotate());
    QVERIFY(!w.annotateAction()->isEnabled());
    QVERIFY(w.annotateAction()->toolTip().contains(u"viewer"_s));

    // The chart's context menu offers the actions, disabled, with the reason.
    std::unique_ptr<QMenu> menu(w.createChartMenu(kCpuPanel, m_now - 1000, QString(), &w));
    auto *add = menu->findChild<QAction *>(u"addAnnotation"_s);
    QVERIFY(add);
    QVERIFY(!add->isEnabled());
    // As the tooltip shows it (rich text, if it is, with the hub's role name escaped).
    const QString tip = add->toolTip();
    QTextDocument shown;
    shown.setHtml(tip);
    QCOMPARE(Qt::mightBeRichText(tip) ? shown.toPlainText() : tip, w.annotateBlockedReason());

    // Shift+click does not open the editor; a banner says why; nothing reaches the others.
    ChartCanvas *canvas = m_viewer->cpu();
    const ChartMapping m = canvas->mapping();
    QTest::mouseClick(canvas->viewport(), Qt::LeftButton, Qt::ShiftModifier,
                      m.plotArea().center().toPoint());
    QCOMPARE(m_viewer->editorCalls, 0);
    QVERIFY(w.banners()->keys().contains(u"annotate"_s));
    QCOMPARE(m_viewer->session.annotations()->rowCount(), 0);

    // An annotator's annotation: the viewer sees it, but edit and delete are disabled.
    m_bob->window.requestAnnotation(kCpuPanel, m_now - 5000, std::nullopt);
    QTRY_COMPARE_WITH_TIMEOUT(m_viewer->session.annotations()->rowCount(), 1, kTimeoutMs);
    const QString id = m_viewer->session.annotations()->visible().constFirst().id;
    menu.reset(w.createChartMenu(kCpuPanel, m_now - 5000, id, &w));
    auto *edit = menu->findChild<QAction *>(u"editAnnotation"_s);
    auto *remove = menu->findChild<QAction *>(u"deleteAnnotation"_s);
    QVERIFY(edit && remove);
    QVERIFY(!edit->isEnabled());
    QVERIFY(!remove->isEnabled());
    QVERIFY(!w.deleteAnnotation(id));
    QCOMPARE(m_viewer->session.annotations()->rowCount(), 1);
}

void TestUiCollaboration::presenceDockShowsPeersAsPlainText()
{
    PresenceDock *dock = m_alice->window.presenceDock();
    QTRY_COMPARE_WITH_TIMEOUT(dock->rowCount(), 2, kTimeoutMs);
    QLabel *name = dock->nameLabel(u"bob"_s);
    QVERIFY(name);
    QCOMPARE(name->text(), u"<img src=x>"_s);
    QCOMPARE(name->textFormat(), Qt::PlainText);
    QTRY_VERIFY_WITH_TIMEOUT(dock->followButton(u"bob"_s)->isEnabled(), kTimeoutMs);
    QVERIFY(dock->followButton(u"bob"_s)->toolTip().contains(u"&lt;img src=x&gt;"_s));
    QCOMPARE(dock->stateLabel(u"bob"_s)->text(), u"active"_s);
    QVERIFY(dock->viewLabel(u"bob"_s)->text().contains(u"live"_s));

    // Bob stops allowing followers: Alice's button is disabled, with the reason.
    PrivacySettings privacy = m_bob->window.privacy();
    privacy.dontAllowFollowing = true;
    m_bob->window.setPrivacy(privacy);
    QTRY_VERIFY_WITH_TIMEOUT(!dock->followButton(u"bob"_s)->isEnabled(), kTimeoutMs);
    QVERIFY(dock->followButton(u"bob"_s)->toolTip().contains(u"does not allow"_s));
    QVERIFY(!m_alice->window.follow(u"bob"_s));
    m_bob->window.setPrivacy(PrivacySettings());
}

void TestUiCollaboration::followMirrorsThePeerUntilMyInput()
{
    MainWindow &alice = m_alice->window;
    MainWindow &bob = m_bob->window;
    bob.setSpan(5 * 60'000);
    alice.setSpan(60'000);
    // Bob's live view of 5 minutes has reached Alice.
    PresenceModel *peers = m_alice->session.presence();
    QTRY_VERIFY_WITH_TIMEOUT(peers->peer(u"bob"_s)->view
                                 && peers->peer(u"bob"_s)->view->from == m_now - 5 * 60'000,
                             kTimeoutMs);
    QVERIFY(alice.presenceDock()->followButton(u"bob"_s)->isEnabled());
    QTest::mouseClick(alice.presenceDock()->followButton(u"bob"_s), Qt::LeftButton);
    QCOMPARE(alice.following(), u"bob"_s);
    QCOMPARE(alice.timeWindow().span(), 5 * 60'000);
    QVERIFY(alice.isLive());

    // Bob pauses on a range: Alice's window follows.
    bob.showRange(m_now - 8 * 60'000, m_now - 6 * 60'000);
    QTRY_VERIFY_WITH_TIMEOUT(!alice.isLive(), kTimeoutMs);
    QCOMPARE(alice.timeWindow().end(m_now), m_now - 6 * 60'000);
    QCOMPARE(alice.timeWindow().span(), 2 * 60'000);
    QCOMPARE(alice.presenceDock()->followButton(u"bob"_s)->text(), u"Unfollow"_s);

    // Any input of Alice's stops following: a wheel over her chart.
    ChartCanvas *canvas = m_alice->cpu();
    const QPointF at = canvas->mapping().plotArea().center();
    QWheelEvent wheel(at, canvas->viewport()->mapToGlobal(at), QPoint(), QPoint(0, 120),
                      Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
    QCoreApplication::sendEvent(canvas->viewport(), &wheel);
    QVERIFY(alice.following().isEmpty());
    QCOMPARE(alice.presenceDock()->followButton(u"bob"_s)->text(), u"Follow"_s);
    const qint64 zoomed = alice.timeWindow().span();
    QVERIFY(zoomed < 2 * 60'000);
    // Bob moving on no longer moves Alice.
    bob.goLive();
    QTRY_VERIFY_WITH_TIMEOUT(m_alice->session.presence()->peer(u"bob"_s)->view
                                 && !m_alice->session.presence()->peer(u"bob"_s)->view->to,
                             kTimeoutMs);
    QVERIFY(!alice.isLive());
    QCOMPARE(alice.timeWindow().span(), zoomed);
}

QTEST_MAIN(TestUiCollaboration)
#include "tst_uicollaboration.moc"
