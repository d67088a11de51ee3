// Screenshots of the main window, light and dark, for people to look at: a board of host
// charts with two peers' cursors (one on a panel, one looking at an earlier time), annotations
// (a region, a board-wide point, a cluster of three), a third peer whose name is markup (shown
// literally) and who does not allow following, the presence and annotation docks and a banner. Saved as PNGs into $WATCHROOM_SCREENSHOT_DIR or ./screenshots (the test's
// working directory under ctest: <build>/tests/unit). Runs offscreen or under xvfb-run.
#include "annotationdock.h"
#include "annotationstore.h"
#include "mainwindow.h"
#include "presencedock.h"
#include "metricstore.h"
#include "presencemodel.h"
#include "theme.h"

#include <QDir>
#include <QImage>
#include <QLabel>
#include <QPushButton>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTest>

#include <cmath>

using namespace Qt::StringLiterals;
using namespace wr;

namespace {

constexpr qint64 kSpan = 5 * 60'000;

qint64 fixedNow()
{
    // A fixed local time of day so the axis labels are the same on every run.
    return QDateTime(QDate(2026, 11, 23), QTime(14, 30, 0)).toMSecsSinceEpoch();
}

session::MetricSeries series(const QString &id, const QString &name, const QString &unit,
                             const QMap<QString, QString> &labels)
{
    session::MetricSeries s;
    s.id = id;
    s.name = name;
    s.unit = unit;
    s.labels = labels;
    return s;
}

double luminance(const QImage &image)
{
    double sum = 0;
    int n = 0;
    for (int y = 0; y < image.height(); y += 7) {
        for (int x = 0; x < image.width(); x += 7) {
            sum += qGray(image.pixel(x, y));
            ++n;
        }
    }
    return sum / n;
}

} // namespace

class TestUiScreenshots : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void mainWindow_data();
    void mainWindow();

private:
    QDir m_dir;
    double m_lightLuminance = -1;
};

void TestUiScreenshots::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    const QString dir = qEnvironmentVariable("WATCHROOM_SCREENSHOT_DIR",
                                             QDir::current().filePath(u"screenshots"_s));
    QVERIFY(QDir().mkpath(dir));
    m_dir = QDir(dir);
}

void TestUiScreenshots::mainWindow_data()
{
    QTest::addColumn<int>("mode");
    QTest::addRow("light") << int(Theme::Mode::Light);
    QTest::addRow("dark") << int(Theme::Mode::Dark);
}

void TestUiScreenshots::mainWindow()
{
    QFETCH(int, mode);
    const qint64 now = fixedNow();
    MetricStore store;
    AnnotationStore annotations(u"me"_s, [now] { return now; });
    PresenceModel presence;
    presence.setLocalUserId(u"me"_s);

    // Ten minutes of 1 s samples from one host, deterministic.
    QRandomGenerator rng(7);
    const QMap<QString, QString> host { { u"host"_s, u"alpha"_s } };
    session::MetricsFrame f;
    f.source = u"test"_s;
    auto cpu = series(u"alpha/cpu.usage"_s, u"CPU usage"_s, u"%"_s, host);
    auto core0 = series(u"alpha/cpu.usage{cpu0}"_s, u"CPU usage"_s, u"%"_s,
                        { { u"host"_s, u"alpha"_s }, { u"cpu"_s, u"cpu0"_s } });
    auto core1 = series(u"alpha/cpu.usage{cpu1}"_s, u"CPU usage"_s, u"%"_s,
                        { { u"host"_s, u"alpha"_s }, { u"cpu"_s, u"cpu1"_s } });
    auto mem = series(u"alpha/mem.used"_s, u"Memory used"_s, u"B"_s, host);
    auto rx = series(u"alpha/net.rx{eth0}"_s, u"Received"_s, u"B/s"_s,
                     { { u"host"_s, u"alpha"_s }, { u"interface"_s, u"eth0"_s } });
    auto tx = series(u"alpha/net.tx{eth0}"_s, u"Sent"_s, u"B/s"_s,
                     { { u"host"_s, u"alpha"_s }, { u"interface"_s, u"eth0"_s } });
    auto load = series(u"alpha/load.1"_s, u"Load average (1 min)"_s, QString(), host);
    double c0 = 20, c1 = 35, m = 5.2e9, l = 0.8;
    for (qint64 t = now - 2 * kSpan; t <= now; t += 1000) {
        const double burst = (t > now - 170'000 && t < now - 110'000) ? 45 : 0;
        c0 = std::clamp(c0 + (rng.generateDouble() - 0.5) * 8, 2.0, 95.0);
        c1 = std::clamp(c1 + (rng.generateDouble() - 0.5) * 8, 2.0, 95.0);
        const double a = std::min(100.0, c0 + burst), b = std::min(100.0, c1 + burst * 0.8);
        core0.points.append({ t, a });
        core1.points.append({ t, b });
        cpu.points.append({ t, (a + b) / 2 });
        m = std::clamp(m + (rng.generateDouble() - 0.48) * 4e7 + burst * 2e6, 4e9, 7.5e9);
        mem.points.append({ t, m });
        rx.points.append({ t, 2e5 + rng.generateDouble() * 3e5 + burst * 6e4 });
        tx.points.append({ t, 5e4 + rng.generateDouble() * 8e4 });
        l = std::clamp(l + (rng.generateDouble() - 0.5) * 0.1 + burst * 0.002, 0.1, 4.0);
        load.points.append({ t, l });
    }
    f.series = { cpu, core0, core1, mem, rx, tx, load };
    store.apply(f);

    session::Annotation region;
    region.panel = u"alpha/cpu|%"_s;
    region.t0 = now - 170'000;
    region.t1 = now - 110'000;
    region.text = u"load test"_s;
    region.color = u"#f5a524"_s;
    annotations.put(region);
    session::Annotation point;
    point.t0 = now - 200'000;
    point.text = u"deploy 4.2"_s;
    point.color = u"#8e4ec6"_s;
    annotations.put(point); // every panel
    for (int i = 0; i < 3; ++i) {
        // Three within two seconds: one marker with a count at this zoom.
        session::Annotation crowded;
        crowded.panel = u"alpha/network|B/s"_s;
        crowded.t0 = now - 40'000 + i * 700;
        crowded.text = u"retry storm %1"_s.arg(i + 1);
        crowded.tags = { u"incident"_s };
        crowded.color = u"#e5484d"_s;
        annotations.put(crowded);
    }

    presence.applyHello(u"alice"_s, { u"Alice"_s, u"#e5484d"_s, u"watchroom/0.1.0"_s });
    presence.applyHello(u"bob"_s, { u"Bob"_s, u"#12a594"_s, u"watchroom/0.1.0"_s });
    session::Presence alicePresence { u"Alice"_s, u"#e5484d"_s, session::PresenceState::Active,
                                      session::View { u"alpha/cpu|%"_s, now - kSpan, std::nullopt },
                                      true };
    presence.applyPresence(u"alice"_s, alicePresence);
    session::Presence bobPresence { u"Bob"_s, u"#12a594"_s, session::PresenceState::Idle,
                                    session::View { u"alpha/memory|B"_s, now - 10 * 60'000,
                                                    now - 5 * 60'000 },
                                    true };
    presence.applyPresence(u"bob"_s, bobPresence);
    // A name that is markup must show literally; this peer does not allow following.
    session::Presence mallory { u"<img src=x><b>Mallory</b>"_s, u"#8e4ec6"_s,
                                session::PresenceState::Away,
                                session::View { QString(), now - kSpan, std::nullopt }, false };
    presence.applyPresence(u"mallory"_s, mallory);
    session::Cursor alice;
    alice.panel = u"alpha/cpu|%"_s;
    alice.t = now - 95'000;
    alice.y = 61.0;
    presence.applyCursor(u"alice"_s, alice);
    session::Cursor bob;
    bob.panel = u"alpha/memory|B"_s;
    bob.t = now - 9 * 60'000; // outside the 5 min window: edge marker
    bob.y = 5e9;
    presence.applyCursor(u"bob"_s, bob);

    MainWindow window(&store, &annotations, &presence);
    window.setClock([now] { return now; });
    window.setThemeMode(Theme::Mode(mode));
    window.setSpan(kSpan);
    ConnectionStatus status;
    status.state = ConnectionStatus::State::Connected;
    status.where = u"this computer"_s;
    status.roundTripMs = 1;
    window.setConnectionStatus(status);
    window.showBanner(u"demo"_s, u"Connection problem: the hub closed the connection (1001)"_s,
                      BannerBar::Kind::Warning);
    window.resize(1400, 860);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    // Two frames: the first lays the charts out, the second draws into the final plot areas.
    window.renderFrame();
    QCoreApplication::processEvents();
    window.renderFrame();
    QCoreApplication::processEvents();

    QCOMPARE(window.panels().size(), 4); // CPU, memory, network, load
    const QImage image = window.grab().toImage();
    const QString path = m_dir.filePath(u"mainwindow-%1.png"_s.arg(QString::fromUtf8(QTest::currentDataTag())));
    QVERIFY(image.save(path));
    qInfo("saved %s", qPrintable(path));
    // The docks alone, at full size, for a closer look.
    const QString tag = QString::fromUtf8(QTest::currentDataTag());
    QVERIFY(window.presenceDock()->grab().save(m_dir.filePath(u"presence-%1.png"_s.arg(tag))));
    QVERIFY(window.annotationDock()->grab().save(m_dir.filePath(u"annotations-%1.png"_s.arg(tag))));
    QCOMPARE(window.presenceDock()->rowCount(), 3);
    QCOMPARE(window.presenceDock()->nameLabel(u"mallory"_s)->text(), u"<img src=x><b>Mallory</b>"_s);
    QVERIFY(!window.presenceDock()->followButton(u"mallory"_s)->isEnabled());
    QCOMPARE(window.isDark(), mode == int(Theme::Mode::Dark));
    const double lum = luminance(image);
    if (mode == int(Theme::Mode::Light))
        m_lightLuminance = lum;
    else if (m_lightLuminance >= 0)
        QVERIFY2(lum < m_lightLuminance - 60, qPrintable(u"%1 vs %2"_s.arg(lum).arg(m_lightLuminance)));
    window.setThemeMode(Theme::Mode::System);
}

QTEST_MAIN(TestUiScreenshots)
#include "tst_uiscreenshots.moc"
