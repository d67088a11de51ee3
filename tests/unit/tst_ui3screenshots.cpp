// Screenshots of what tst_ui3board tests, for people to look at: the value readout at the
// pointer and a threshold line, a chart's context menu (layout, threshold, export), the File
// menu, Help → Keyboard shortcuts, a board with a moved and a hidden panel, and a board PNG as
// File → Export writes it. Saved into $WATCHROOM_SCREENSHOT_DIR or ./screenshots.
#include "annotationstore.h"
#include "chartcanvas.h"
#include "chartpanel.h"
#include "mainwindow.h"
#include "metricstore.h"
#include "presencemodel.h"
#include "shortcutsdialog.h"

#include <QDir>
#include <QMenu>
#include <QMenuBar>
#include <QMouseEvent>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace Qt::StringLiterals;
using namespace wr;

namespace {

constexpr qint64 kNow = 1'795'400'000'000;
constexpr qint64 kSpan = 15 * 60'000;

session::MetricsFrame frame(const QString &id, const QString &name, const QString &unit,
                            const std::function<double(qint64)> &value)
{
    session::MetricSeries s;
    s.id = id;
    s.name = name;
    s.unit = unit;
    s.labels = QMap<QString, QString> { { u"host"_s, u"alpha"_s } };
    for (qint64 t = kNow - kSpan; t < kNow; t += 2000)
        s.points.append({ t, value(t) });
    session::MetricsFrame f;
    f.source = u"test"_s;
    f.series.append(s);
    return f;
}

} // namespace

class TestUi3Screenshots : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void readoutAndThreshold_data();
    void readoutAndThreshold();
    void menusAndShortcuts();
    void layout();

private:
    void save(QWidget *w, const QString &name);

    QTemporaryDir m_settingsDir;
    QDir m_dir;
    MetricStore *m_store = nullptr;
    AnnotationStore *m_annotations = nullptr;
    PresenceModel *m_presence = nullptr;
    MainWindow *m_window = nullptr;
};

void TestUi3Screenshots::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    QCoreApplication::setOrganizationName(u"watchroom-tests"_s);
    m_dir = QDir(qEnvironmentVariable("WATCHROOM_SCREENSHOT_DIR",
                                      QDir::current().filePath(u"screenshots"_s)));
    QVERIFY(m_dir.mkpath(u"."_s));
}

void TestUi3Screenshots::init()
{
    QSettings().clear();
    m_store = new MetricStore(this);
    m_annotations = new AnnotationStore(
        u"me"_s, [] { return kNow; }, this);
    m_presence = new PresenceModel(this);
    m_presence->setLocalUserId(u"me"_s);
    m_store->apply(frame(u"alpha/cpu.usage"_s, u"CPU usage"_s, u"%"_s, [](qint64 t) {
        return 45 + 30 * std::sin(double(t) / 90'000.0) + 8 * std::sin(double(t) / 7'000.0);
    }));
    m_store->apply(frame(u"alpha/mem.used"_s, u"Memory used"_s, u"B"_s,
                         [](qint64 t) { return 6e9 + 5e8 * std::cos(double(t) / 200'000.0); }));
    m_store->apply(frame(u"alpha/net.rx{eth0}"_s, u"Received"_s, u"B/s"_s,
                         [](qint64 t) { return double((t / 2000) % 23) * 4e4; }));
    m_store->apply(frame(u"alpha/disk.read{sda}"_s, u"Disk read"_s, u"B/s"_s,
                         [](qint64 t) { return double((t / 2000) % 7) * 1e6; }));
    m_window = new MainWindow(m_store, m_annotations, m_presence);
    m_window->setClock([] { return kNow; });
    m_window->setSpan(kSpan);
    m_window->resize(1300, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
    m_window->renderFrame();
    QTRY_VERIFY(m_window->panel(u"alpha/cpu|%"_s)->mapping().isValid());
    m_window->renderFrame();
}

void TestUi3Screenshots::cleanup()
{
    delete m_window;
    delete m_presence;
    delete m_annotations;
    delete m_store;
}

void TestUi3Screenshots::save(QWidget *w, const QString &name)
{
    const QString path = m_dir.filePath(name);
    QVERIFY(w->grab().save(path));
    qInfo("saved %s", qPrintable(path));
}

void TestUi3Screenshots::readoutAndThreshold_data()
{
    QTest::addColumn<bool>("dark");
    QTest::addRow("light") << false;
    QTest::addRow("dark") << true;
}

void TestUi3Screenshots::readoutAndThreshold()
{
    QFETCH(bool, dark);
    m_window->setThemeMode(dark ? Theme::Mode::Dark : Theme::Mode::Light);
    m_window->setPanelThreshold(u"alpha/cpu|%"_s, 70.0);
    m_window->setPanelThreshold(u"alpha/memory|B"_s, 6.3e9);
    session::Presence bob { u"Bob"_s, u"#12a594"_s, session::PresenceState::Active,
                            session::View { u"alpha/cpu|%"_s, kNow - kSpan, std::nullopt }, true };
    m_presence->applyPresence(u"bob"_s, bob);
    session::Cursor c;
    c.panel = u"alpha/memory|B"_s;
    c.t = kNow - 200'000;
    c.y = 6.1e9;
    m_presence->applyCursor(u"bob"_s, c);
    // The charts lay their axes out in posted events; a screenshot wants them done.
    for (int i = 0; i < 3; ++i) {
        QCoreApplication::sendPostedEvents();
        m_window->renderFrame();
    }
    ChartPanel *cpu = m_window->panel(u"alpha/cpu|%"_s);
    const ChartMapping m = cpu->mapping();
    const QPoint at(int(m.xForTime(double(kNow - 480'000))), int(m.plotArea().center().y()));
    // Sent directly: the pointer may already be there from the previous row.
    QMouseEvent move(QEvent::MouseMove, QPointF(at),
                     cpu->canvas()->viewport()->mapToGlobal(QPointF(at)), Qt::NoButton,
                     Qt::NoButton, Qt::NoModifier);
    QApplication::sendEvent(cpu->canvas()->viewport(), &move);
    QTRY_VERIFY(!cpu->canvas()->overlayState().hoverValues.isEmpty());
    save(m_window,
         u"ui3-readout-threshold-%1.png"_s.arg(QString::fromLatin1(QTest::currentDataTag())));
}

void TestUi3Screenshots::menusAndShortcuts()
{
    m_window->setPanelThreshold(u"alpha/cpu|%"_s, 70.0);
    QMenu *menu = m_window->createChartMenu(u"alpha/cpu|%"_s, kNow - 60'000, QString(), m_window);
    menu->popup(m_window->mapToGlobal(QPoint(300, 200)));
    QTRY_VERIFY(menu->isVisible());
    save(menu, u"ui3-chart-menu.png"_s);
    delete menu;

    QMenu *file = m_window->menuBar()->actions().first()->menu();
    file->popup(m_window->mapToGlobal(QPoint(10, 30)));
    QTRY_VERIFY(file->isVisible());
    save(file, u"ui3-file-menu.png"_s);
    file->hide();

    ShortcutsDialog dialog(m_window->menuBar(), m_window);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    save(&dialog, u"ui3-shortcuts.png"_s);
}

void TestUi3Screenshots::layout()
{
    const QString last = m_window->visiblePanelOrder().constLast();
    QVERIFY(m_window->movePanel(last, -1));
    QVERIFY(m_window->movePanel(last, -1));
    m_window->setPanelHidden(u"alpha/memory|B"_s, true);
    m_window->renderFrame();
    QApplication::processEvents();
    m_window->renderFrame();
    save(m_window, u"ui3-layout.png"_s);
    QString error;
    const QString path = m_dir.filePath(u"ui3-export-board.png"_s);
    QVERIFY2(m_window->exportBoardPng(path, &error), qPrintable(error));
    qInfo("saved %s", qPrintable(path));
}

QTEST_MAIN(TestUi3Screenshots)
#include "tst_ui3screenshots.moc"
