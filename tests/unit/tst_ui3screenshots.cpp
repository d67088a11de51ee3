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
#include "uiboardfixture.h"

#include <QDir>
#include <QMenu>
#include <QMenuBar>
#include <QMouseEvent>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace Qt::StringLiterals;
using namespace wr;

namespace {

using wrtest::kNow;
constexpr qint64 kSpan = 15 * 60'000;

// A point every 2 s over the whole span.
session::MetricsFrame frame(const QString &id, const QString &name, const QString &unit,
                            const std::function<double(qint64)> &value)
{
    return wrtest::frame(id, name, unit, kNow - kSpan, kNow, 2000, value);
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
    wrtest::Board m_board { .span = kSpan, .size = QSize(1300, 800) };
};

void TestUi3Screenshots::initTestCase()
{
    QVERIFY(wrtest::useTestSettings(m_settingsDir));
    m_dir = QDir(wrtest::screenshotDir());
    QVERIFY(m_dir.mkpath(u"."_s));
}

void TestUi3Screenshots::init()
{
    QSettings().clear();
    m_board.createStores(this);
    m_board.store->apply(frame(u"alpha/cpu.usage"_s, u"CPU usage"_s, u"%"_s, [](qint64 t) {
        return 45 + 30 * std::sin(double(t) / 90'000.0) + 8 * std::sin(double(t) / 7'000.0);
    }));
    m_board.store->apply(frame(u"alpha/mem.used"_s, u"Memory used"_s, u"B"_s, [](qint64 t) {
        return 6e9 + 5e8 * std::cos(double(t) / 200'000.0);
    }));
    m_board.store->apply(frame(u"alpha/net.rx{eth0}"_s, u"Received"_s, u"B/s"_s,
                               [](qint64 t) { return double((t / 2000) % 23) * 4e4; }));
    m_board.store->apply(frame(u"alpha/disk.read{sda}"_s, u"Disk read"_s, u"B/s"_s,
                               [](qint64 t) { return double((t / 2000) % 7) * 1e6; }));
    QVERIFY(m_board.showWindow());
    m_board.window->renderFrame();
    QTRY_VERIFY(m_board.window->panel(u"alpha/cpu|%"_s)->mapping().isValid());
    m_board.window->renderFrame();
}

void TestUi3Screenshots::cleanup()
{
    m_board.destroy();
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
    m_board.window->setThemeMode(dark ? Theme::Mode::Dark : Theme::Mode::Light);
    m_board.window->setPanelThreshold(u"alpha/cpu|%"_s, 70.0);
    m_board.window->setPanelThreshold(u"alpha/memory|B"_s, 6.3e9);
    session::Presence bob { u"Bob"_s, u"#12a594"_s, session::PresenceState::Active,
                            session::View { u"alpha/cpu|%"_s, kNow - kSpan, std::nullopt }, true };
    m_board.presence->applyPresence(u"bob"_s, bob);
    session::Cursor c;
    c.panel = u"alpha/memory|B"_s;
    c.t = kNow - 200'000;
    c.y = 6.1e9;
    m_board.presence->applyCursor(u"bob"_s, c);
    // The charts lay their axes out in posted events; a screenshot wants them done.
    for (int i = 0; i < 3; ++i) {
        QCoreApplication::sendPostedEvents();
        m_board.window->renderFrame();
    }
    ChartPanel *cpu = m_board.window->panel(u"alpha/cpu|%"_s);
    const ChartMapping m = cpu->mapping();
    const QPoint at(int(m.xForTime(double(kNow - 480'000))), int(m.plotArea().center().y()));
    // Sent directly: the pointer may already be there from the previous row.
    QMouseEvent move(QEvent::MouseMove, QPointF(at),
                     cpu->canvas()->viewport()->mapToGlobal(QPointF(at)), Qt::NoButton,
                     Qt::NoButton, Qt::NoModifier);
    QApplication::sendEvent(cpu->canvas()->viewport(), &move);
    QTRY_VERIFY(!cpu->canvas()->overlayState().hoverValues.isEmpty());
    save(m_board.window,
         u"ui3-readout-threshold-%1.png"_s.arg(QString::fromLatin1(QTest::currentDataTag())));
}

void TestUi3Screenshots::menusAndShortcuts()
{
    m_board.window->setPanelThreshold(u"alpha/cpu|%"_s, 70.0);
    QMenu *menu = m_board.window->createChartMenu(u"alpha/cpu|%"_s, kNow - 60'000, QString(),
                                                  m_board.window);
    menu->popup(m_board.window->mapToGlobal(QPoint(300, 200)));
    QTRY_VERIFY(menu->isVisible());
    save(menu, u"ui3-chart-menu.png"_s);
    delete menu;

    QMenu *file = m_board.window->menuBar()->actions().first()->menu();
    file->popup(m_board.window->mapToGlobal(QPoint(10, 30)));
    QTRY_VERIFY(file->isVisible());
    save(file, u"ui3-file-menu.png"_s);
    file->hide();

    ShortcutsDialog dialog(m_board.window->menuBar(), m_board.window);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    save(&dialog, u"ui3-shortcuts.png"_s);
}

void TestUi3Screenshots::layout()
{
    const QString last = m_board.window->visiblePanelOrder().constLast();
    QVERIFY(m_board.window->movePanel(last, -1));
    QVERIFY(m_board.window->movePanel(last, -1));
    m_board.window->setPanelHidden(u"alpha/memory|B"_s, true);
    m_board.window->renderFrame();
    QApplication::processEvents();
    m_board.window->renderFrame();
    save(m_board.window, u"ui3-layout.png"_s);
    QString error;
    const QString path = m_dir.filePath(u"ui3-export-board.png"_s);
    QVERIFY2(m_board.window->exportBoardPng(path, &error), qPrintable(error));
    qInfo("saved %s", qPrintable(path));
}

QTEST_MAIN(TestUi3Screenshots)
#include "tst_ui3screenshots.moc"
