// Threshold alerts: the rules of ThresholdAlerts on their own, then a board (offscreen) whose CPU
// panel has a threshold and whose series crosses it, comes back, crosses again, hides; the
// chart menu's Alert choices; the choice kept per board and in the layout JSON.
#include "annotationstore.h"
#include "chartcanvas.h"
#include "chartpanel.h"
#include "desktopnotifier.h"
#include "links.h"
#include "mainwindow.h"
#include "metricstore.h"
#include "settingsdialog.h"
#include "stalewatch.h"
#include "thresholdalerts.h"
#include "uiboardfixture.h"

#include <QAction>
#include <QCheckBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMenu>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;
using namespace wr;

namespace {

using wrtest::kCpu;
using wrtest::kNow;
constexpr qint64 kSpan = 5 * 60'000;
const QString kUsage = u"alpha/cpu.usage"_s;
const QString kSystem = u"alpha/cpu.system"_s;
constexpr double kThreshold = 80.0;

using Reading = ThresholdAlerts::Reading;
using Change = ThresholdAlerts::Change;

// What the board would have shown on the desktop.
class RecordingNotifier : public DesktopNotifier
{
public:
    bool notify(const QString &title, const QString &text) override
    {
        shown.append(title + u" | "_s + text);
        return true;
    }
    QStringList shown;
};

} // namespace

class TestUiThresholds : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void raisesOnceAndClearsWithinOrEqual();
    void belowOffAndNoThreshold();
    void notificationsArePaced();
    void namesRoundTrip();
    void staleAfterMissedIntervals();
    void noPaceNoStaleness();

    void crossingAlertsThePanelTheBannerAndTheDesktop();
    void hiddenSeriesAndRemovedThresholdClear();
    void desktopNotificationsCanBeTurnedOff();
    void acknowledgeLeavesAnAnnotationForEveryone();
    void menuChoosesBelowOrNever();
    void choiceIsKeptPerBoardAndInTheLayout();
    void stoppedSeriesAreNamedUntilTheyReportAgain();
    void screenshots();

private:
    // CPU usage and system time, one point a second up to now, at `usage` and 5 %.
    void feed(double usage);
    // One more point of a series, after the last one.
    void point(const QString &id, double value);
    ChartPanel *cpu() const { return m_board.window->panel(kCpu); }
    QString banner() const;

    QTemporaryDir m_settingsDir;
    wrtest::Board m_board { .span = kSpan, .size = QSize(1100, 700) };
    RecordingNotifier *m_notifier = nullptr;
    qint64 m_next = kNow;
};

void TestUiThresholds::initTestCase()
{
    QVERIFY(wrtest::useTestSettings(m_settingsDir));
}

void TestUiThresholds::init()
{
    QSettings().clear();
    m_board.createStores(this);
    QVERIFY(m_board.showWindow());
    m_notifier = new RecordingNotifier;
    m_board.window->setDesktopNotifier(m_notifier);
    m_next = kNow;
}

void TestUiThresholds::cleanup()
{
    m_board.destroy();
    m_notifier = nullptr;
}

void TestUiThresholds::feed(double usage)
{
    m_board.store->apply(
        wrtest::frame(QList { wrtest::series(kUsage, u"CPU usage"_s, u"%"_s, kNow - kSpan, kNow,
                                             1000, [usage](qint64) { return usage; }),
                              wrtest::series(kSystem, u"CPU system"_s, u"%"_s, kNow - kSpan, kNow,
                                             1000, [](qint64) { return 5.0; }) }));
    m_board.window->renderFrame();
    QTRY_VERIFY(cpu() && cpu()->mapping().isValid());
}

void TestUiThresholds::point(const QString &id, double value)
{
    const QString name = id == kUsage ? u"CPU usage"_s : u"CPU system"_s;
    m_board.store->apply(
        wrtest::frame(id, name, u"%"_s, m_next, m_next + 1, 1, [value](qint64) { return value; }));
    m_next += 1000;
}

QString TestUiThresholds::banner() const
{
    return m_board.window->banners()->text(u"threshold:"_s + kCpu);
}

// ---- ThresholdAlerts --------------------------------------------------------------------------

void TestUiThresholds::raisesOnceAndClearsWithinOrEqual()
{
    ThresholdAlerts alerts;
    const auto eval = [&](QList<Reading> latest) {
        return alerts.evaluate(u"p"_s, kThreshold, ThresholdAlert::Above, latest);
    };
    QCOMPARE(eval({ { u"a"_s, 1, 70 }, { u"b"_s, 1, 79.9 } }), Change::None);
    QVERIFY(!alerts.isAlerting(u"p"_s));
    // The series furthest beyond names the alert; a NaN (a gap) is no reading.
    QCOMPARE(eval({ { u"a"_s, 2, 85 }, { u"b"_s, 2, 91 }, { u"c"_s, 2, std::nan("") } }),
             Change::Raised);
    QVERIFY(alerts.isAlerting(u"p"_s));
    QCOMPARE(alerts.state(u"p"_s)->seriesId, u"b"_s);
    QCOMPARE(alerts.state(u"p"_s)->value, 91.0);
    QCOMPARE(alerts.state(u"p"_s)->sinceMs, 2);
    // Still beyond, even further: no new raise, the crossing is kept.
    QCOMPARE(eval({ { u"a"_s, 3, 99 }, { u"b"_s, 3, 60 } }), Change::None);
    QCOMPARE(alerts.state(u"p"_s)->seriesId, u"b"_s);
    // Equal is within.
    QCOMPARE(eval({ { u"a"_s, 4, 80 }, { u"b"_s, 4, 60 } }), Change::Cleared);
    QVERIFY(!alerts.state(u"p"_s));
    QCOMPARE(eval({ { u"a"_s, 5, 80 } }), Change::None);
    QCOMPARE(eval({ { u"a"_s, 6, std::numeric_limits<double>::infinity() } }), Change::None);
    // Other panels are apart.
    QCOMPARE(eval({ { u"a"_s, 7, 81 } }), Change::Raised);
    QCOMPARE(alerts.evaluate(u"q"_s, kThreshold, ThresholdAlert::Above, { { u"a"_s, 7, 10 } }),
             Change::None);
    QVERIFY(alerts.isAlerting(u"p"_s));
    QVERIFY(!alerts.isAlerting(u"q"_s));
}

void TestUiThresholds::belowOffAndNoThreshold()
{
    ThresholdAlerts alerts;
    const QList<Reading> low { { u"a"_s, 1, 20 }, { u"b"_s, 1, 35 } };
    QCOMPARE(alerts.evaluate(u"p"_s, 30.0, ThresholdAlert::Below, low), Change::Raised);
    QCOMPARE(alerts.state(u"p"_s)->seriesId, u"a"_s); // furthest below
    QCOMPARE(alerts.evaluate(u"p"_s, 30.0, ThresholdAlert::Off, low), Change::Cleared);
    QCOMPARE(alerts.evaluate(u"p"_s, 30.0, ThresholdAlert::Off, low), Change::None);
    QCOMPARE(alerts.evaluate(u"p"_s, 30.0, ThresholdAlert::Below, low), Change::Raised);
    QCOMPARE(alerts.evaluate(u"p"_s, std::nullopt, ThresholdAlert::Below, low), Change::Cleared);
    QCOMPARE(alerts.evaluate(u"p"_s, 30.0, ThresholdAlert::Above, low), Change::Raised);
    QCOMPARE(alerts.state(u"p"_s)->seriesId, u"b"_s); // 35 is the one above
    QCOMPARE(alerts.evaluate(u"p"_s, std::nan(""), ThresholdAlert::Above, low), Change::Cleared);
    QCOMPARE(alerts.evaluate(u"p"_s, 30.0, ThresholdAlert::Below, {}), Change::None);
    QCOMPARE(alerts.evaluate(u"p"_s, 30.0, ThresholdAlert::Below, low), Change::Raised);
    alerts.forget(u"p"_s);
    QVERIFY(!alerts.isAlerting(u"p"_s));
}

void TestUiThresholds::notificationsArePaced()
{
    ThresholdAlerts alerts;
    constexpr qint64 t0 = 1'000'000;
    QVERIFY(alerts.takeNotification(u"p"_s, t0));
    QVERIFY(!alerts.takeNotification(u"p"_s, t0 + 1));
    QVERIFY(!alerts.takeNotification(u"p"_s, t0 + ThresholdAlerts::kRenotifyMs - 1));
    QVERIFY(alerts.takeNotification(u"q"_s, t0 + 1)); // per panel
    QVERIFY(alerts.takeNotification(u"p"_s, t0 + ThresholdAlerts::kRenotifyMs));
    alerts.forget(u"p"_s);
    QVERIFY(alerts.takeNotification(u"p"_s, t0 + ThresholdAlerts::kRenotifyMs + 1));
}

void TestUiThresholds::namesRoundTrip()
{
    for (ThresholdAlert a : { ThresholdAlert::Above, ThresholdAlert::Below, ThresholdAlert::Off })
        QCOMPARE(thresholdAlertFromName(thresholdAlertName(a)), std::optional(a));
    QCOMPARE(thresholdAlertName(ThresholdAlert::Below), u"below"_s);
    QVERIFY(!thresholdAlertFromName(u"Above"_s));
    QVERIFY(!thresholdAlertFromName(QString()));
}

namespace {
QList<Sample> steady(qint64 from, int count, qint64 step)
{
    QList<Sample> out;
    for (int i = 0; i < count; ++i)
        out.append({ from + i * step, 1.0 });
    return out;
}
} // namespace

void TestUiThresholds::staleAfterMissedIntervals()
{
    StaleWatch watch;
    QList<Sample> points = steady(1000, 10, 1000); // the last at 10 000
    QVERIFY(!watch.observe(u"a"_s, points));
    QCOMPARE(watch.graceMs(u"a"_s), StaleWatch::kMinMs); // 5 x 1 s is less than the minimum
    QCOMPARE(watch.lastPointMs(u"a"_s), 10'000);
    QVERIFY(watch.check(10'000 + StaleWatch::kMinMs).isEmpty());
    QCOMPARE(watch.check(10'001 + StaleWatch::kMinMs), QStringList { u"a"_s });
    QVERIFY(watch.check(99'000).isEmpty()); // reported once
    QVERIFY(watch.isStale(u"a"_s));
    QCOMPARE(watch.stale(), QStringList { u"a"_s });
    // Its next point ends it, even after the long gap (which leaves it without a pace for now).
    points.append({ 99'500, 2.0 });
    QVERIFY(watch.observe(u"a"_s, points.mid(points.size() - StaleWatch::kPaceSamples)));
    QVERIFY(!watch.isStale(u"a"_s));
    QCOMPARE(watch.graceMs(u"a"_s), 0);

    // A 15 s scrape may be silent for 5 intervals.
    QVERIFY(!watch.observe(u"b"_s, steady(0, 8, 15'000)));
    QCOMPARE(watch.graceMs(u"b"_s), 75'000);
    QVERIFY(watch.check(105'000 + 75'000).isEmpty());
    QCOMPARE(watch.check(105'000 + 75'001), QStringList { u"b"_s });
    QVERIFY(watch.forget(u"b"_s));
    QVERIFY(!watch.forget(u"b"_s));
}

void TestUiThresholds::noPaceNoStaleness()
{
    StaleWatch watch;
    watch.observe(u"few"_s, steady(0, StaleWatch::kPaceSamples - 1, 1000));
    // Pushed now and then: one interval far longer than the others.
    QList<Sample> bursty = steady(0, 7, 1000);
    bursty.append({ 60'000, 1.0 });
    watch.observe(u"bursty"_s, bursty);
    // Several points in the same millisecond: no pace either.
    watch.observe(u"same"_s, steady(5000, 8, 0));
    QVERIFY(watch.check(std::numeric_limits<qint64>::max() / 2).isEmpty());
    QCOMPARE(watch.graceMs(u"few"_s), 0);
    QCOMPARE(watch.graceMs(u"bursty"_s), 0);
    QCOMPARE(watch.graceMs(u"same"_s), 0);
}

// ---- the board --------------------------------------------------------------------------------

void TestUiThresholds::crossingAlertsThePanelTheBannerAndTheDesktop()
{
    feed(40);
    m_board.window->setPanelThreshold(kCpu, kThreshold);
    QVERIFY(!m_board.window->isPanelAlerting(kCpu));
    QCOMPARE(cpu()->thresholdAlert(), 0);
    QVERIFY(banner().isEmpty());

    point(kUsage, 93.5);
    QVERIFY(m_board.window->isPanelAlerting(kCpu));
    QCOMPARE(cpu()->thresholdAlert(), 1);
    QCOMPARE(cpu()->canvas()->overlayState().thresholdAlert, 1);
    const QString text = banner();
    QVERIFY2(text.contains(u"CPU usage is above the threshold 80"_s) && text.contains(u"93.5"_s),
             qPrintable(text));
    QCOMPARE(m_notifier->shown.size(), 1);
    QVERIFY2(m_notifier->shown.first().startsWith(u"Threshold crossed | "_s)
                 && m_notifier->shown.first().endsWith(text),
             qPrintable(m_notifier->shown.first()));

    // Staying above changes nothing; another series' value within does not clear it.
    point(kUsage, 97);
    point(kSystem, 10);
    QVERIFY(m_board.window->isPanelAlerting(kCpu));
    QCOMPARE(banner(), text);
    QCOMPARE(m_notifier->shown.size(), 1);

    // Back within (equal counts as within): cleared, and the status bar says so.
    point(kUsage, kThreshold);
    QVERIFY(!m_board.window->isPanelAlerting(kCpu));
    QCOMPARE(cpu()->thresholdAlert(), 0);
    QVERIFY(banner().isEmpty());
    QVERIFY2(m_board.window->statusBar()->currentMessage().contains(u"back within"_s),
             qPrintable(m_board.window->statusBar()->currentMessage()));

    // Crossing again at once: the panel and the banner show it, the desktop is not told twice
    // within five minutes (the board's clock stands still here).
    point(kSystem, 88);
    QVERIFY(m_board.window->isPanelAlerting(kCpu));
    QVERIFY2(banner().contains(u"CPU system is above"_s), qPrintable(banner()));
    QCOMPARE(m_notifier->shown.size(), 1);

    // A click on the notification brings the board (and the panel) to the front.
    Q_EMIT m_notifier->activated();
    QVERIFY(m_board.window->isVisible());
}

void TestUiThresholds::hiddenSeriesAndRemovedThresholdClear()
{
    feed(95);
    QVERIFY(!m_board.window->isPanelAlerting(kCpu)); // no threshold yet
    m_board.window->setPanelThreshold(kCpu, kThreshold);
    QVERIFY(m_board.window->isPanelAlerting(kCpu));
    QVERIFY2(banner().contains(u"CPU usage"_s), qPrintable(banner()));

    cpu()->setSeriesHidden(kUsage, true); // a hidden series does not alert
    QVERIFY(!m_board.window->isPanelAlerting(kCpu));
    QVERIFY(banner().isEmpty());
    cpu()->setSeriesHidden(kUsage, false);
    QVERIFY(m_board.window->isPanelAlerting(kCpu));

    m_board.window->setPanelThreshold(kCpu, std::nullopt);
    QVERIFY(!m_board.window->isPanelAlerting(kCpu));
    QCOMPARE(cpu()->thresholdAlert(), 0);
    QVERIFY(banner().isEmpty());
    // One notification for the first crossing; showing the series again was within 5 min.
    QCOMPARE(m_notifier->shown.size(), 1);
}

void TestUiThresholds::desktopNotificationsCanBeTurnedOff()
{
    SettingsDialog dialog(Theme::Mode::Light, PrivacySettings {});
    auto *box = dialog.findChild<QCheckBox *>(u"desktopNotifications"_s);
    QVERIFY(box);
    QVERIFY(box->isChecked()); // on by default
    box->setChecked(false);
    QVERIFY(!desktopNotificationsEnabled());

    feed(40);
    m_board.window->setPanelThreshold(kCpu, kThreshold);
    point(kUsage, 90);
    QVERIFY(m_board.window->isPanelAlerting(kCpu));
    QVERIFY(!banner().isEmpty()); // the board still shows it
    QVERIFY(m_notifier->shown.isEmpty());

    box->setChecked(true);
    QVERIFY(desktopNotificationsEnabled());
    point(kUsage, 10);
    point(kUsage, 90);
    QCOMPARE(m_notifier->shown.size(), 1);
}

void TestUiThresholds::acknowledgeLeavesAnAnnotationForEveryone()
{
    feed(40);
    m_board.window->setPanelThreshold(kCpu, kThreshold);
    QVERIFY(!m_board.window->acknowledgeThresholdAlert(kCpu)); // nothing to acknowledge
    point(kUsage, 93.5);
    QPushButton *ack = m_board.window->banners()->actionButton(u"threshold:"_s + kCpu);
    QVERIFY(ack);
    QCOMPARE(ack->text(), u"Acknowledge"_s);
    QVERIFY(ack->isVisible());
    QTest::mouseClick(ack, Qt::LeftButton);

    // The annotation goes where the board's annotations go (here: the store; with a session,
    // to everyone on the board), at the crossing, on this panel.
    const QList<session::Annotation> all = m_board.annotations->visible();
    QCOMPARE(all.size(), 1);
    const session::Annotation &a = all.first();
    QCOMPARE(a.panel, std::optional<QString>(kCpu));
    QCOMPARE(a.t0, kNow); // the sample that crossed
    QVERIFY(!a.t1);
    QCOMPARE(a.tags, QStringList { u"alert"_s });
    QCOMPARE(a.text, u"Acknowledged: CPU usage above the threshold 80.00 % (93.50 %)"_s);
    QVERIFY(banner().isEmpty());
    QVERIFY(m_board.window->isPanelAlerting(kCpu)); // still above: still framed
    QVERIFY2(m_board.window->statusBar()->currentMessage().contains(u"Acknowledged"_s),
             qPrintable(m_board.window->statusBar()->currentMessage()));

    // A viewer cannot annotate: no button, and nothing is written.
    point(kUsage, 10);
    SessionAccess viewer;
    viewer.role = u"viewer"_s;
    viewer.canAnnotate = false;
    viewer.known = true;
    m_board.window->setAccess(viewer);
    point(kUsage, 95);
    QVERIFY(!banner().isEmpty());
    QVERIFY(!m_board.window->banners()->actionButton(u"threshold:"_s + kCpu));
    QVERIFY(!m_board.window->acknowledgeThresholdAlert(kCpu));
    QCOMPARE(m_board.annotations->visible().size(), 1);
}

void TestUiThresholds::menuChoosesBelowOrNever()
{
    feed(40);
    const auto menuAction
        = [&](QMenu *menu, const QString &name) { return menu->findChild<QAction *>(name); };
    {
        std::unique_ptr<QMenu> menu(
            m_board.window->createChartMenu(kCpu, kNow, QString(), m_board.window));
        auto *alertMenu = menu->findChild<QMenu *>(u"thresholdAlertMenu"_s);
        QVERIFY(alertMenu);
        QVERIFY(!alertMenu->isEnabled()); // nothing to alert on without a threshold
    }
    m_board.window->setPanelThreshold(kCpu, 50.0);
    std::unique_ptr<QMenu> menu(
        m_board.window->createChartMenu(kCpu, kNow, QString(), m_board.window));
    QVERIFY(menu->findChild<QMenu *>(u"thresholdAlertMenu"_s)->isEnabled());
    QAction *above = menuAction(menu.get(), u"thresholdAlert-above"_s);
    QAction *below = menuAction(menu.get(), u"thresholdAlert-below"_s);
    QAction *off = menuAction(menu.get(), u"thresholdAlert-off"_s);
    QVERIFY(above && below && off);
    QVERIFY(above->isChecked() && !below->isChecked() && !off->isChecked());
    QVERIFY(!m_board.window->isPanelAlerting(kCpu)); // 40 and 5 are not above 50

    below->trigger();
    QCOMPARE(m_board.window->panelThresholdAlert(kCpu), ThresholdAlert::Below);
    QVERIFY(m_board.window->isPanelAlerting(kCpu));
    QCOMPARE(cpu()->thresholdAlert(), -1);
    QVERIFY2(banner().contains(u"CPU system is below the threshold 50"_s), qPrintable(banner()));
    QCOMPARE(m_notifier->shown.size(), 1);

    off->trigger();
    QCOMPARE(m_board.window->panelThresholdAlert(kCpu), ThresholdAlert::Off);
    QVERIFY(!m_board.window->isPanelAlerting(kCpu));
    QVERIFY(banner().isEmpty());
    QVERIFY(cpu()->threshold()); // the line stays
    point(kUsage, 1);
    QVERIFY(!m_board.window->isPanelAlerting(kCpu));
    QCOMPARE(m_notifier->shown.size(), 1);
}

void TestUiThresholds::choiceIsKeptPerBoardAndInTheLayout()
{
    feed(40);
    m_board.window->setPanelThreshold(kCpu, 50.0);
    m_board.window->setPanelThresholdAlert(kCpu, ThresholdAlert::Below);
    {
        std::unique_ptr<MainWindow> again(m_board.makeWindow());
        QCOMPARE(again->panelThresholdAlert(kCpu), ThresholdAlert::Below);
        QVERIFY(again->isPanelAlerting(kCpu)); // evaluated as the window starts
        // Before its first frame the panel formats values in their unit too.
        const QString text = again->banners()->text(u"threshold:"_s + kCpu);
        QVERIFY2(text.contains(u"below the threshold 50.00 % ("_s)
                     && (text.contains(u"(40.00 % at "_s) || text.contains(u"(5.00 % at "_s)),
                 qPrintable(text));
        QCOMPARE(again->panelThresholdAlert(u"alpha/memory|B"_s), ThresholdAlert::Above);
    }
    const QByteArray json = m_board.window->layoutJson();
    const auto entry = [](const QByteArray &layout, const QString &id) {
        const QJsonArray panels = QJsonDocument::fromJson(layout)["panels"_L1].toArray();
        for (const QJsonValue &v : panels) {
            if (v["id"_L1].toString() == id)
                return v.toObject();
        }
        return QJsonObject();
    };
    QCOMPARE(entry(json, kCpu)["thresholdAlert"_L1].toString(), u"below"_s);

    // A file without the key (written before alerts had a choice) alerts above.
    QJsonDocument doc = QJsonDocument::fromJson(json);
    QJsonObject root = doc.object();
    QJsonArray panels = root["panels"_L1].toArray();
    for (qsizetype i = 0; i < panels.size(); ++i) {
        QJsonObject o = panels[i].toObject();
        o.remove(u"thresholdAlert"_s);
        panels[i] = o;
    }
    root[u"panels"_s] = panels;
    QString error;
    QVERIFY2(m_board.window->applyLayoutJson(QJsonDocument(root).toJson(), &error),
             qPrintable(error));
    QCOMPARE(m_board.window->panelThresholdAlert(kCpu), ThresholdAlert::Above);
    QVERIFY(!m_board.window->isPanelAlerting(kCpu));
    // And one that says "off" turns it off.
    QJsonObject cpuEntry = entry(json, kCpu);
    cpuEntry[u"thresholdAlert"_s] = u"off"_s;
    QVERIFY(m_board.window->applyLayoutJson(
        QJsonDocument(QJsonObject { { u"format"_s, u"watchroom.layout"_s },
                                    { u"version"_s, 1 },
                                    { u"panels"_s, QJsonArray { cpuEntry } } })
            .toJson(),
        &error));
    QCOMPARE(m_board.window->panelThresholdAlert(kCpu), ThresholdAlert::Off);
}

void TestUiThresholds::stoppedSeriesAreNamedUntilTheyReportAgain()
{
    qint64 now = kNow;
    m_board.window->setClock([&now] { return now; });
    feed(40); // both CPU series, one point a second up to kNow - 1 s
    m_board.window->checkStaleSeries();
    QVERIFY(m_board.window->staleSeries().isEmpty());
    const QString bannerKey = u"stale"_s;

    now = kNow + 29'000; // 30 s after the last point: not yet
    m_board.window->checkStaleSeries();
    QVERIFY(m_board.window->staleSeries().isEmpty());
    now = kNow + 40'000;
    m_board.window->checkStaleSeries();
    QCOMPARE(m_board.window->staleSeries(), (QStringList { kSystem, kUsage }));
    QCOMPARE(cpu()->staleSince(), std::optional<qint64>(kNow - 1000));
    const QString text = m_board.window->banners()->text(bannerKey);
    QVERIFY2(text.startsWith(u"No new data since "_s) && text.contains(u"CPU · alpha"_s),
             qPrintable(text));
    QCOMPARE(m_notifier->shown.size(), 1);
    QVERIFY(m_notifier->shown.first().startsWith(u"Data stopped | "_s));
    QDir().mkpath(wrtest::screenshotDir());
    const QString shot = QDir(wrtest::screenshotDir()).filePath(u"stale-notice.png"_s);
    QVERIFY2(m_board.window->grab().save(shot), qPrintable(shot));
    m_board.window->checkStaleSeries(); // nothing new: no second notification, same banner
    QCOMPARE(m_notifier->shown.size(), 1);
    QCOMPARE(m_board.window->banners()->text(bannerKey), text);

    // While the connection is down the status bar speaks for it.
    ConnectionStatus down;
    down.state = ConnectionStatus::State::Reconnecting;
    m_board.window->setConnectionStatus(down);
    QVERIFY(m_board.window->staleSeries().isEmpty());
    QVERIFY(m_board.window->banners()->text(bannerKey).isEmpty());
    QVERIFY(!cpu()->staleSince());
    ConnectionStatus up;
    up.state = ConnectionStatus::State::Connected;
    m_board.window->setConnectionStatus(up);
    QCOMPARE(m_board.window->staleSeries().size(), 2);

    // One series reports again: the other still stops the panel; then both.
    m_next = now;
    point(kUsage, 41);
    QCOMPARE(m_board.window->staleSeries(), QStringList { kSystem });
    QVERIFY(!m_board.window->banners()->text(bannerKey).isEmpty());
    point(kSystem, 6);
    QVERIFY(m_board.window->staleSeries().isEmpty());
    QVERIFY(m_board.window->banners()->text(bannerKey).isEmpty());
    QVERIFY(!cpu()->staleSince());
    QVERIFY2(m_board.window->statusBar()->currentMessage().contains(u"arriving again"_s),
             qPrintable(m_board.window->statusBar()->currentMessage()));

    // A hidden panel's series do not count. (Both first get their pace back.)
    for (int i = 0; i < StaleWatch::kPaceSamples; ++i) {
        point(kUsage, 42);
        m_next -= 1000;
        point(kSystem, 7);
    }
    now = m_next + 40'000;
    m_board.window->setPanelHidden(kCpu, true);
    m_board.window->checkStaleSeries();
    QVERIFY(m_board.window->staleSeries().isEmpty());
    QVERIFY(m_board.window->banners()->text(bannerKey).isEmpty());
    m_board.window->setPanelHidden(kCpu, false);
    QCOMPARE(m_board.window->staleSeries().size(), 2);
    QVERIFY(!m_board.window->banners()->text(bannerKey).isEmpty());
    QCOMPARE(m_notifier->shown.size(), 1); // within 5 min of the first
}

void TestUiThresholds::screenshots()
{
    feed(40);
    m_board.window->setPanelThreshold(kCpu, 60.0);
    // The last minute climbs from 40 % to 76 %, across the line.
    m_board.store->apply(
        wrtest::frame(kUsage, u"CPU usage"_s, u"%"_s, kNow - 60'000, kNow, 1000,
                      [](qint64 t) { return 40 + (t - (kNow - 60'000)) / 1600.0; }));
    QVERIFY(m_board.window->isPanelAlerting(kCpu));
    QDir().mkpath(wrtest::screenshotDir());
    for (const auto &[mode, name] : { std::pair { Theme::Mode::Light, u"light"_s },
                                      std::pair { Theme::Mode::Dark, u"dark"_s } }) {
        m_board.window->setThemeMode(mode);
        QCoreApplication::processEvents(); // the charts lay their legends out again
        m_board.window->renderFrame();
        const QImage shot = m_board.window->grab().toImage();
        const QString path
            = QDir(wrtest::screenshotDir()).filePath(u"threshold-alert-%1.png"_s.arg(name));
        QVERIFY2(shot.save(path), qPrintable(path));
        // The plot is framed in the threshold's colour: its top-left corner is red-ish.
        const QRectF plot = cpu()->mapping().plotArea();
        const QPoint corner = cpu()->canvas()->viewport()->mapTo(
            m_board.window, plot.topLeft().toPoint() + QPoint(1, plot.height() / 2));
        const QColor c = shot.pixelColor(corner * shot.devicePixelRatio());
        QVERIFY2(c.red() > 150 && c.green() < 130, qPrintable(c.name()));
    }
    // Acknowledged: the banner goes, the crossing is marked on the chart.
    m_board.window->setThemeMode(Theme::Mode::Light);
    QVERIFY(m_board.window->acknowledgeThresholdAlert(kCpu));
    QCoreApplication::processEvents();
    m_board.window->renderFrame();
    const QString path = QDir(wrtest::screenshotDir()).filePath(u"threshold-acknowledged.png"_s);
    QVERIFY2(m_board.window->grab().save(path), qPrintable(path));
}

QTEST_MAIN(TestUiThresholds)
#include "tst_uithresholds.moc"
