// The desktop app's Host flow and the Join rebuild, offscreen, through DesktopApp as `watchroom`
// wires it (embedded relay, keeper in the test-mode data directory, host sampler):
// - Host: the embedded relay moves to the chosen address (127.0.0.1, a port the system picks)
//   with invite secrets; our own session comes back through the annotator invite; the join
//   links per role work: a window joined with the viewer link cannot annotate (and the hub
//   refuses its edit), one joined with the annotator link can, and its annotation reaches the
//   host's window with the hub-stamped author; a wrong invite is refused.
// - Join: joining another hub replaces the window: the old one is deleted, the embedded relay
//   stops, the new window shows the new board's panels, people and annotations and nothing of
//   the old board; the peers of the old board see us leave.
#include "addpaneldialog.h"
#include "annotationstore.h"
#include "chartpanel.h"
#include "desktopapp.h"
#include "hostdialog.h"
#include "hubclient.h"
#include "joindialog.h"
#include "links.h"
#include "mainwindow.h"
#include "metricstore.h"
#include "presencemodel.h"
#include "relay.h"
#include "session.h"
#include "sessionbinding.h"

#include <QAction>
#include <QDir>
#include <QMenu>
#include <QPointer>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

#include <memory>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace wr;

namespace {

constexpr int kTimeoutMs = 20000;

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

// Someone else: a HubClient, Session and MainWindow joined with `input` (a negotiate URL, as
// in the links), like DesktopApp builds them for a joined hub.
struct Member
{
    Member(const QString &userId, const QString &name, const QString &board, const QString &input)
        : client(fastOptions())
        , session([&] {
            SessionOptions o;
            o.board = board;
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
                         [this, board](const NegotiateResult &result) {
                             window.setAccess(JoinLinks::accessFromNegotiate(result, board));
                         });
        window.setAnnotationEditor([this](session::Annotation &a, const QString &) {
            ++editorCalls;
            a.text = u"annotated by "_s + session.options().name;
            return true;
        });
        window.resize(900, 600);
        window.show();
        NegotiateRequest request;
        request.input = input;
        request.board = board;
        request.userId = userId;
        binding.start(request);
    }
    ~Member() { binding.stop(); }

    HubClient client;
    Session session;
    SessionBinding binding;
    MainWindow window;
    int editorCalls = 0;
};

QString inviteOf(const QString &url)
{
    return QUrlQuery(QUrl(url)).queryItemValue(u"invite"_s);
}

} // namespace

class TestUiHostJoin : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void hostRebindsAndLinksGrantTheirRole();
    void joinReplacesTheWindowCleanly();

private:
    QTemporaryDir m_settingsDir;
};

void TestUiHostJoin::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_settingsDir.isValid());
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    QCoreApplication::setOrganizationName(u"watchroom-tests"_s);
    QCoreApplication::setApplicationName(u"tst_uihostjoin"_s);
    qRegisterMetaType<wr::MainWindow *>();
}

void TestUiHostJoin::init()
{
    QSettings().clear();
    QSettings().setValue(u"identity/name"_s, u"Hana"_s);
    // The keeper's database of earlier runs (test-mode data directory only).
    const QString data = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QVERIFY(data.contains(u".qttest"_s));
    QDir(data).removeRecursively();
}

void TestUiHostJoin::cleanup()
{
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
}

void TestUiHostJoin::hostRebindsAndLinksGrantTheirRole()
{
    DesktopOptions options;
    DesktopApp app(options);
    QString error;
    QVERIFY2(app.start(&error), qPrintable(error));
    MainWindow *window = app.window();
    QVERIFY(window);
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window));
    QTRY_VERIFY_WITH_TIMEOUT(app.session()->isUp(), kTimeoutMs);
    QVERIFY(app.relay());
    QPointer<Relay> loopbackRelay = app.relay();

    // What the Host dialog's button does: the handler the window was given.
    const HostResult hosted = app.host(QHostAddress(QHostAddress::LocalHost), 0);
    QVERIFY2(hosted.ok, qPrintable(hosted.error));
    QVERIFY(app.relay());
    QVERIFY(app.relay()->port() != 0);
    QVERIFY(!loopbackRelay); // really a new listener: the old relay is gone
    QCOMPARE(hosted.address, u"127.0.0.1:%1"_s.arg(app.relay()->port()));
    QCOMPARE(hosted.links.size(), 2);
    QString viewerHub;
    QString annotatorHub;
    for (const HostLink &link : hosted.links) {
        // The watchroom:// link carries the negotiate URL and the board.
        const JoinTarget target = JoinLinks::parse(link.link);
        QVERIFY2(target.ok(), qPrintable(target.error));
        QCOMPARE(target.hub, link.hubUrl);
        QCOMPARE(target.board, u"main"_s);
        QCOMPARE(QUrlQuery(QUrl(link.hubUrl)).queryItemValue(u"role"_s), link.role);
        QVERIFY(inviteOf(link.hubUrl).size() >= 30);
        (link.role == u"viewer"_s ? viewerHub : annotatorHub) = target.hub;
    }
    QVERIFY(!viewerHub.isEmpty() && !annotatorHub.isEmpty());
    QVERIFY(inviteOf(viewerHub) != inviteOf(annotatorHub));

    // Our own session comes back on the new address, as an annotator.
    QTRY_VERIFY_WITH_TIMEOUT(app.client()->state() == HubClient::State::Connected, kTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(app.session()->isUp(), kTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(window->canAnnotate(), kTimeoutMs);
    QCOMPARE(app.window(), window); // hosting keeps the window
    QVERIFY2(window->windowTitle().contains(hosted.address), qPrintable(window->windowTitle()));

    // The viewer link: in, but no annotating, neither in the window nor at the hub.
    Member viewer(u"vera"_s, u"Vera"_s, u"main"_s, viewerHub);
    QTRY_VERIFY_WITH_TIMEOUT(viewer.session.isUp(), kTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(viewer.window.access().role, u"viewer"_s, kTimeoutMs);
    QVERIFY(!viewer.window.canAnnotate());
    QVERIFY(!viewer.window.annotateAction()->isEnabled());
    viewer.window.requestAnnotation(QString(), QDateTime::currentMSecsSinceEpoch(), std::nullopt);
    QCOMPARE(viewer.editorCalls, 0);
    QSignalSpy refused(&viewer.session, &Session::localEditFailed);
    session::Annotation sneaky;
    sneaky.t0 = QDateTime::currentMSecsSinceEpoch();
    sneaky.text = u"viewer was here"_s;
    viewer.session.putAnnotation(sneaky);
    QVERIFY(refused.wait(kTimeoutMs));
    QCOMPARE(refused.first().at(1).toString(), u"Forbidden"_s);

    // The annotator link: its annotation reaches the host's window, authored by the hub.
    Member annotator(u"ann"_s, u"Ann"_s, u"main"_s, annotatorHub);
    QTRY_VERIFY_WITH_TIMEOUT(annotator.session.isUp(), kTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(annotator.window.canAnnotate(), kTimeoutMs);
    QCOMPARE(annotator.window.access().role, u"annotator"_s);
    annotator.window.requestAnnotation(QString(), QDateTime::currentMSecsSinceEpoch(),
                                       std::nullopt);
    QCOMPARE(annotator.editorCalls, 1);
    AnnotationStore *hostStore = app.session()->annotations();
    const auto annotated = [hostStore] {
        const QList<session::Annotation> list = hostStore->visible();
        for (const session::Annotation &a : list) {
            if (a.text == u"annotated by Ann"_s)
                return a.author == u"ann"_s;
        }
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(annotated(), kTimeoutMs);
    for (const session::Annotation &a : hostStore->visible())
        QVERIFY(a.text != u"viewer was here"_s);
    // Everyone sees everyone: the host's People dock lists both.
    QTRY_COMPARE_WITH_TIMEOUT(app.session()->presence()->rowCount(), 2, kTimeoutMs);

    // For people to look at: the hosting window on this machine's sampled series, its first
    // panel made full width from the chart menu, and the Add panel dialog over those series.
    QTRY_VERIFY_WITH_TIMEOUT(window->panels().size() >= 2, kTimeoutMs);
    const QString first = window->visiblePanelOrder().first();
    std::unique_ptr<QMenu> menu(window->createChartMenu(first, 0, {}, window));
    QAction *full = nullptr;
    for (QMenu *sub : menu->findChildren<QMenu *>()) {
        for (QAction *a : sub->actions()) {
            if (a->objectName() == u"panelWidth2"_s)
                full = a;
        }
    }
    QVERIFY(full);
    full->trigger();
    QCOMPARE(window->panelCell(first), QRect(0, 0, 2, 1));
    window->resize(1280, 860);
    const QDir shots(qEnvironmentVariable("WATCHROOM_SCREENSHOT_DIR",
                                          QDir::current().filePath(u"screenshots"_s)));
    QVERIFY(QDir().mkpath(shots.path()));
    for (int i = 0; i < 3; ++i) {
        window->renderFrame();
        QCoreApplication::processEvents();
    }
    QVERIFY(window->grab().save(shots.filePath(u"uihostjoin-hosting.png"_s)));
    AddPanelDialog *dialog = window->showAddPanelDialog();
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    QCoreApplication::processEvents();
    QVERIFY(dialog->grab().save(shots.filePath(u"uihostjoin-add-panel.png"_s)));
    dialog->close();

    // A wrong invite is refused at negotiate.
    QString forged = annotatorHub;
    forged.replace(inviteOf(annotatorHub), u"0123456789abcdef0123456789abcdef"_s);
    HubClient client(fastOptions());
    SessionOptions malloryOptions;
    malloryOptions.board = u"main"_s;
    malloryOptions.userId = u"mallory"_s;
    Session session(malloryOptions);
    SessionBinding binding(&session, &client);
    QSignalSpy failed(&binding, &SessionBinding::negotiateFailed);
    NegotiateRequest request;
    request.input = forged;
    request.board = u"main"_s;
    request.userId = u"mallory"_s;
    binding.start(request);
    QVERIFY(failed.wait(kTimeoutMs));
    QVERIFY(!session.isUp());
    binding.stop();
    app.stop();
}

void TestUiHostJoin::joinReplacesTheWindowCleanly()
{
    // The other hub: a relay of its own (loopback, port 0) on board "team" with Alice, who
    // annotated there, and a source that publishes a series only that board has.
    RelayConfig config;
    config.listenAddress = QHostAddress::LocalHost;
    config.port = 0;
    config.accessKeys = { u"ui-hostjoin-test-key-0123456789abcdef"_s };
    config.dataDir.clear();
    config.hostSamplerBoards.clear();
    Relay other(config);
    QString error;
    QVERIFY2(other.start(&error), qPrintable(error));
    const QString teamHub = other.negotiateUrl(u"team"_s).toString();
    const auto withRole = [](QString url, const QString &role) {
        QUrl u(url);
        QUrlQuery q(u);
        q.removeAllQueryItems(u"role"_s);
        q.addQueryItem(u"role"_s, role);
        u.setQuery(q);
        return u.toString();
    };
    Member alice(u"alice"_s, u"Alice"_s, u"team"_s, withRole(teamHub, u"annotator"_s));
    Member source(u"feeder"_s, u"Feeder"_s, u"team"_s, withRole(teamHub, u"source"_s));
    QTRY_VERIFY_WITH_TIMEOUT(alice.session.isUp(), kTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(alice.window.canAnnotate(), kTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(source.session.isUp(), kTimeoutMs);
    alice.window.requestAnnotation(QString(), QDateTime::currentMSecsSinceEpoch() - 30'000,
                                   std::nullopt);
    QCOMPARE(alice.editorCalls, 1);

    // We start as `watchroom` does: our own board on this computer, with its sampled panels,
    // an annotation and a visitor.
    DesktopApp app(DesktopOptions {});
    QVERIFY2(app.start(&error), qPrintable(error));
    QPointer<MainWindow> before = app.window();
    before->show();
    QVERIFY(QTest::qWaitForWindowExposed(before));
    QTRY_VERIFY_WITH_TIMEOUT(app.session()->isUp(), kTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(!before->panels().isEmpty(), kTimeoutMs); // the host sampler
    const QStringList oldPanels = before->panelOrder();
    session::Annotation mine;
    mine.t0 = QDateTime::currentMSecsSinceEpoch() - 10'000;
    mine.text = u"only on my own board"_s;
    QVERIFY(!app.session()->putAnnotation(mine).isEmpty());
    Member olive(u"olive"_s, u"Olive"_s, u"main"_s,
                 withRole(app.relay()->negotiateUrl(u"main"_s).toString(), u"viewer"_s));
    QTRY_VERIFY_WITH_TIMEOUT(olive.session.isUp(), kTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(app.session()->presence()->rowCount(), 1, kTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(olive.session.annotations()->rowCount() >= 1, kTimeoutMs);
    QPointer<Session> oldSession = app.session();
    QPointer<Relay> oldRelay = app.relay();

    // Join (what the Join dialog hands to DesktopApp, as the window's join handler does).
    QSignalSpy replaced(&app, &DesktopApp::windowReplaced);
    JoinRequest join;
    join.hub = teamHub;
    join.board = u"team"_s;
    join.name = u"Hana"_s;
    join.color = u"#3366cc"_s;
    app.join(join);
    QCOMPARE(replaced.size(), 1);
    MainWindow *after = app.window();
    QVERIFY(after);
    QCOMPARE(replaced.first().at(0).value<MainWindow *>(), after);
    QVERIFY(after != before.data());
    QVERIFY(after->isVisible());
    // The old window, session and relay go away (deleteLater), and the relay no longer runs.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    QTRY_VERIFY(!before);
    QTRY_VERIFY(!oldSession);
    QTRY_VERIFY(!oldRelay);
    QVERIFY(!app.relay());
    QCOMPARE(app.session()->board(), u"team"_s);
    // Hosting is for sessions of this computer.
    QTRY_VERIFY_WITH_TIMEOUT(app.session()->isUp(), kTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(after->canAnnotate(), kTimeoutMs);
    // Olive, on the old board, sees us leave.
    QTRY_COMPARE_WITH_TIMEOUT(olive.session.presence()->rowCount(), 0, kTimeoutMs);

    // The new board: its people (Alice and the source, not Olive) and its annotation, not ours.
    PresenceModel *people = app.session()->presence();
    QTRY_VERIFY_WITH_TIMEOUT(people->peer(u"alice"_s).has_value(), kTimeoutMs);
    QVERIFY(!people->peer(u"olive"_s).has_value());
    const auto texts = [&app] {
        QStringList list;
        for (const session::Annotation &a : app.session()->annotations()->visible())
            list.append(a.text);
        return list;
    };
    QTRY_VERIFY_WITH_TIMEOUT(texts().contains(u"annotated by Alice"_s), kTimeoutMs);
    QVERIFY(!texts().contains(u"only on my own board"_s));

    // Its panels: nothing of the old board's, and a series of the team board appears.
    QVERIFY(after->panels().isEmpty());
    QVERIFY(after->isWaitingForMetrics());
    session::MetricSeries s;
    s.id = u"team-host/widgets.made"_s;
    s.name = u"Widgets made"_s;
    s.unit = u"widgets"_s;
    s.points.append({ QDateTime::currentMSecsSinceEpoch() - 1000, 42 });
    session::MetricsFrame frame;
    frame.source = u"feeder"_s;
    frame.series.append(s);
    QVERIFY(source.session.publishMetrics(frame, true) != 0);
    QTRY_VERIFY_WITH_TIMEOUT(!after->panels().isEmpty(), kTimeoutMs);
    const QStringList newPanels = after->panelOrder();
    QCOMPARE(newPanels, QStringList { u"team-host/widgets|widgets"_s });
    for (const QString &id : oldPanels)
        QVERIFY(!newPanels.contains(id));
    app.stop();
}

QTEST_MAIN(TestUiHostJoin)
#include "tst_uihostjoin.moc"
