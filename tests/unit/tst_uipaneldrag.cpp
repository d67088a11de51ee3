// Moving panels by dragging their title, offscreen with real mouse events on the real window:
// a drop takes the target's place (forward and backward), saved like Move left/right (another
// window on the board and the layout JSON), a marker on the board while dragging, Escape, a
// drop on the panel itself or off the board, the start threshold, and the plot's own left-drag
// (pan) left alone. Saves paneldrag-*.png into $WATCHROOM_SCREENSHOT_DIR or ./screenshots.
#include "annotationstore.h"
#include "chartcanvas.h"
#include "chartpanel.h"
#include "mainwindow.h"
#include "metricstore.h"
#include "paneldrag.h"
#include "presencemodel.h"
#include "uiboardfixture.h"

#include <QApplication>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMouseEvent>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace wr;

namespace {

using wrtest::kCpu;
using wrtest::kLoad;
using wrtest::kMem;
using wrtest::kNet;
using wrtest::kNow;
constexpr qint64 kSpan = 5 * 60'000;

session::MetricSeries series(const QString &id, const QString &name, const QString &unit,
                             double base)
{
    return wrtest::series(id, name, unit, kNow - kSpan, kNow, 1000,
                          [base](qint64 t) { return base + double((t / 1000) % 50); });
}

// The mouse as a user drives it: everything goes to the chart that was pressed (Qt's implicit
// grab), with the pointer's real position wherever it is.
QWidget *viewportOf(ChartPanel *panel)
{
    return panel->canvas()->viewport();
}
void press(QWidget *w, const QPoint &global)
{
    QTest::mousePress(w, Qt::LeftButton, {}, w->mapFromGlobal(global));
}
void moveTo(QWidget *w, const QPoint &global)
{
    QTest::mouseMove(w, w->mapFromGlobal(global));
}
void release(QWidget *w, const QPoint &global)
{
    QTest::mouseRelease(w, Qt::LeftButton, {}, w->mapFromGlobal(global));
}
// A hover without buttons (QTest::mouseMove would move the platform cursor instead).
void hover(QWidget *w, const QPoint &global)
{
    QMouseEvent e(QEvent::MouseMove, w->mapFromGlobal(QPointF(global)), QPointF(global),
                  Qt::NoButton, Qt::NoButton, Qt::NoModifier);
    QCoreApplication::sendEvent(w, &e);
}

QPoint titlePoint(ChartPanel *panel)
{
    return panel->mapToGlobal(panel->headerRect().center());
}
QPoint plotPoint(ChartPanel *panel)
{
    return viewportOf(panel)->mapToGlobal(panel->canvas()->mapping().plotArea().center().toPoint());
}
QPoint centerOf(ChartPanel *panel)
{
    return panel->mapToGlobal(panel->rect().center());
}

QStringList layoutJsonOrder(const QByteArray &json)
{
    QStringList ids;
    const QJsonArray panels = QJsonDocument::fromJson(json).object().value(u"panels"_s).toArray();
    for (const QJsonValue &v : panels)
        ids.append(v.toObject().value(u"id"_s).toString());
    return ids;
}

} // namespace

class TestUiPanelDrag : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void titleIsTheHandle();
    void dropTakesTheTargetsPlaceAndIsSaved();
    void markerShowsWhereThePanelLands();
    void escapeCancels();
    void dropOnItselfOrOffTheBoardDoesNothing();
    void smallMovementIsNotADrag();
    void plotDragStillPans();
    void screenshots();

private:
    void feed();
    // A drag by the title from one panel to a point, in steps, button still down.
    void dragTitle(ChartPanel *from, const QPoint &to);

    QTemporaryDir m_settingsDir;
    wrtest::Board m_board { .span = kSpan, .size = QSize(1100, 900) };
};

void TestUiPanelDrag::initTestCase()
{
    QVERIFY(wrtest::useTestSettings(m_settingsDir, u"tst_uipaneldrag"_s));
}

void TestUiPanelDrag::init()
{
    QSettings().clear();
    m_board.createStores(this);
    QVERIFY(m_board.showWindow());
    feed();
}

void TestUiPanelDrag::cleanup()
{
    m_board.destroy();
    QVERIFY(!QGuiApplication::overrideCursor()); // every drag gave its cursor back
}

void TestUiPanelDrag::feed()
{
    m_board.store->apply(wrtest::frame({
        series(u"alpha/cpu.usage"_s, u"CPU usage"_s, u"%"_s, 10),
        series(u"alpha/mem.used"_s, u"Memory used"_s, u"B"_s, 4e9),
        series(u"alpha/net.rx{eth0}"_s, u"Received"_s, u"B/s"_s, 1e3),
        series(u"alpha/load.1"_s, u"Load 1 min"_s, QString(), 1),
    }));
    m_board.window->renderFrame();
    QTRY_VERIFY(m_board.window->panel(kNet) && m_board.window->panel(kNet)->mapping().isValid());
    // Two columns: CPU, Load / Memory, Network.
    QCOMPARE(m_board.window->visiblePanelOrder(), (QStringList { kCpu, kLoad, kMem, kNet }));
    // The grid laid out (two rows of two) before any position is read off it.
    ChartPanel *cpu = m_board.window->panel(kCpu);
    ChartPanel *net = m_board.window->panel(kNet);
    QTRY_VERIFY(net->x() > cpu->geometry().right() && net->y() > cpu->geometry().bottom());
    QTRY_VERIFY(!cpu->headerRect().isEmpty());
}

void TestUiPanelDrag::dragTitle(ChartPanel *from, const QPoint &to)
{
    QWidget *w = viewportOf(from);
    const QPoint start = titlePoint(from);
    press(w, start);
    for (int step = 1; step <= 4; ++step)
        moveTo(w, start + (to - start) * step / 4);
}

// The strip with the title moves the panel (a move cursor on hover); the plot below it does not.
void TestUiPanelDrag::titleIsTheHandle()
{
    ChartPanel *cpu = m_board.window->panel(kCpu);
    const QRect header = cpu->headerRect();
    const QRectF plot = cpu->canvas()->mapping().plotArea();
    QVERIFY2(header.height() >= 12, qPrintable(u"header %1 px"_s.arg(header.height())));
    QVERIFY(header.bottom() < plot.top());
    QVERIFY(!header.intersects(cpu->resizeHandle()->geometry()));

    QWidget *w = viewportOf(cpu);
    hover(w, titlePoint(cpu));
    QCOMPARE(w->cursor().shape(), Qt::SizeAllCursor);
    hover(w, plotPoint(cpu));
    QVERIFY(w->cursor().shape() != Qt::SizeAllCursor);
    QVERIFY(!cpu->canvas()->accessibleDescription().isEmpty());
}

// CPU (first) dropped on Memory (third) takes its place: Load, Memory, CPU, Network; then
// Network (last) dropped on Load (first): before it. Both saved like Move left/right.
void TestUiPanelDrag::dropTakesTheTargetsPlaceAndIsSaved()
{
    PanelDrag *drag = m_board.window->panelDrag();
    QSignalSpy dropped(drag, &PanelDrag::dropped);
    ChartPanel *cpu = m_board.window->panel(kCpu);
    const QPoint memCenter = centerOf(m_board.window->panel(kMem));
    dragTitle(cpu, memCenter);
    QVERIFY(drag->isDragging());
    QCOMPARE(drag->draggedPanel(), kCpu);
    QCOMPARE(drag->targetPanel(), kMem);
    QVERIFY(drag->isTargetAfter());
    QCOMPARE(m_board.window->visiblePanelOrder(),
             (QStringList { kCpu, kLoad, kMem, kNet })); // not yet
    release(viewportOf(cpu), memCenter);
    QVERIFY(!drag->isDragging());
    QCOMPARE(dropped.size(), 1);
    QCOMPARE(m_board.window->visiblePanelOrder(), (QStringList { kLoad, kMem, kCpu, kNet }));
    QCOMPARE(m_board.window->panelCell(kCpu), QRect(0, 1, 1, 1)); // where Memory was
    QTRY_VERIFY(cpu->y() > m_board.window->panel(kLoad)->y());

    ChartPanel *net = m_board.window->panel(kNet);
    const QPoint loadCenter = centerOf(m_board.window->panel(kLoad));
    dragTitle(net, loadCenter);
    QCOMPARE(drag->targetPanel(), kLoad);
    QVERIFY(!drag->isTargetAfter());
    release(viewportOf(net), loadCenter);
    const QStringList expected { kNet, kLoad, kMem, kCpu };
    QCOMPARE(m_board.window->visiblePanelOrder(), expected);

    // Saved per board: another window on the board (a restart) has the same order.
    {
        std::unique_ptr<MainWindow> again(m_board.makeWindow());
        QCOMPARE(again->visiblePanelOrder(), expected);
    }
    // And in the layout file, which brings it back after another order.
    const QByteArray json = m_board.window->layoutJson();
    QCOMPARE(layoutJsonOrder(json), expected);
    QVERIFY(m_board.window->movePanel(kNet, 1));
    QVERIFY(m_board.window->visiblePanelOrder() != expected);
    QString error;
    QVERIFY2(m_board.window->applyLayoutJson(json, &error), qPrintable(error));
    QCOMPARE(m_board.window->visiblePanelOrder(), expected);
}

// While dragging, the board draws a bar beside the target on the side the panel goes to, in
// the highlight colour, and nothing there before or after.
void TestUiPanelDrag::markerShowsWhereThePanelLands()
{
    PanelDrag *drag = m_board.window->panelDrag();
    QWidget *indicator = drag->indicator();
    QVERIFY(indicator);
    QWidget *board = indicator->parentWidget();
    ChartPanel *mem = m_board.window->panel(kMem);
    const QRect target = mem->geometry();
    const QPoint barPoint(target.right() + 4, target.center().y()); // in the gap, after it
    const QColor accent = indicator->palette().color(QPalette::Highlight);
    const auto pixel = [&] { return board->grab().toImage().pixelColor(barPoint); };
    QVERIFY(pixel() != accent);

    ChartPanel *cpu = m_board.window->panel(kCpu);
    dragTitle(cpu, centerOf(mem));
    QVERIFY(indicator->isVisible());
    QCOMPARE(pixel(), accent);
    // Somewhere else: the bar goes with the target.
    moveTo(viewportOf(cpu), centerOf(m_board.window->panel(kLoad)));
    QCOMPARE(drag->targetPanel(), kLoad);
    QVERIFY(pixel() != accent);
    release(viewportOf(cpu), centerOf(m_board.window->panel(kLoad)));
    QVERIFY(!indicator->isVisible());
    QCOMPARE(m_board.window->visiblePanelOrder(), (QStringList { kLoad, kCpu, kMem, kNet }));
}

void TestUiPanelDrag::escapeCancels()
{
    PanelDrag *drag = m_board.window->panelDrag();
    QSignalSpy dropped(drag, &PanelDrag::dropped);
    ChartPanel *cpu = m_board.window->panel(kCpu);
    const QPoint target = centerOf(m_board.window->panel(kNet));
    dragTitle(cpu, target);
    QVERIFY(drag->isDragging());
    QCOMPARE(drag->targetPanel(), kNet);
    QTest::keyClick(m_board.window, Qt::Key_Escape);
    QVERIFY(!drag->isDragging());
    QVERIFY(!drag->indicator()->isVisible());
    QVERIFY(!QGuiApplication::overrideCursor());
    // The rest of that press moves nothing, even let go on another panel.
    moveTo(viewportOf(cpu), target + QPoint(5, 5));
    QVERIFY(!drag->isDragging());
    release(viewportOf(cpu), target + QPoint(5, 5));
    QCOMPARE(dropped.size(), 0);
    QCOMPARE(m_board.window->visiblePanelOrder(), (QStringList { kCpu, kLoad, kMem, kNet }));
}

void TestUiPanelDrag::dropOnItselfOrOffTheBoardDoesNothing()
{
    PanelDrag *drag = m_board.window->panelDrag();
    QSignalSpy dropped(drag, &PanelDrag::dropped);
    const QStringList before = m_board.window->visiblePanelOrder();
    const QByteArray savedBefore = m_board.window->layoutJson();
    ChartPanel *load = m_board.window->panel(kLoad);

    // Far, but still over its own place.
    const QPoint itself = load->mapToGlobal(load->rect().bottomLeft() + QPoint(30, -30));
    dragTitle(load, itself);
    QVERIFY(drag->isDragging());
    QVERIFY(drag->targetPanel().isEmpty());
    release(viewportOf(load), itself);

    // Over the menu bar, off the board: a forbidden cursor, then nothing.
    const QPoint off = m_board.window->mapToGlobal(QPoint(m_board.window->width() / 2, 2));
    dragTitle(load, off);
    QVERIFY(drag->isDragging());
    QVERIFY(drag->targetPanel().isEmpty());
    QVERIFY(QGuiApplication::overrideCursor());
    QCOMPARE(QGuiApplication::overrideCursor()->shape(), Qt::ForbiddenCursor);
    release(viewportOf(load), off);
    QVERIFY(!drag->isDragging());

    QCOMPARE(dropped.size(), 0);
    QCOMPARE(m_board.window->visiblePanelOrder(), before);
    QCOMPARE(m_board.window->layoutJson(), savedBefore);
}

// Less than QApplication::startDragDistance() from the press is a click on the title.
void TestUiPanelDrag::smallMovementIsNotADrag()
{
    PanelDrag *drag = m_board.window->panelDrag();
    const int threshold = QApplication::startDragDistance();
    QVERIFY(threshold > 1);
    ChartPanel *cpu = m_board.window->panel(kCpu);
    QWidget *w = viewportOf(cpu);
    const QPoint start = titlePoint(cpu);
    press(w, start);
    moveTo(w, start + QPoint(threshold - 1, 0));
    QVERIFY(!drag->isDragging());
    QVERIFY(!drag->indicator()->isVisible());
    release(w, start + QPoint(threshold - 1, 0));
    QCOMPARE(m_board.window->visiblePanelOrder(), (QStringList { kCpu, kLoad, kMem, kNet }));

    // At the threshold it is one.
    press(w, start);
    moveTo(w, start + QPoint(threshold, 0));
    QVERIFY(drag->isDragging());
    QTest::keyClick(m_board.window, Qt::Key_Escape);
    release(w, start + QPoint(threshold, 0));
    QVERIFY(!drag->isDragging());
}

// A left-drag on the plot pans the time window (live mode pauses) and never moves the panel,
// even when it ends over another panel.
void TestUiPanelDrag::plotDragStillPans()
{
    PanelDrag *drag = m_board.window->panelDrag();
    QVERIFY(m_board.window->isLive());
    QSignalSpy changed(m_board.window, &MainWindow::timeWindowChanged);
    ChartPanel *cpu = m_board.window->panel(kCpu);
    QWidget *w = viewportOf(cpu);
    const QPoint start = plotPoint(cpu);
    press(w, start);
    // Rightwards: back in time.
    moveTo(w, start + QPoint(60, 0));
    moveTo(w, start + QPoint(120, 0));
    QVERIFY(!drag->isDragging());
    const QPoint overLoad = centerOf(m_board.window->panel(kLoad));
    moveTo(w, overLoad);
    QVERIFY(!drag->isDragging());
    release(w, overLoad);
    QVERIFY(changed.size() > 0);
    QVERIFY(!m_board.window->isLive());
    QVERIFY(m_board.window->timeWindow().end(kNow) < kNow);
    QCOMPARE(m_board.window->visiblePanelOrder(), (QStringList { kCpu, kLoad, kMem, kNet }));
}

void TestUiPanelDrag::screenshots()
{
    const QString dirPath = wrtest::screenshotDir();
    QVERIFY(QDir().mkpath(dirPath));
    const QDir dir(dirPath);
    ChartPanel *cpu = m_board.window->panel(kCpu);
    ChartPanel *mem = m_board.window->panel(kMem);
    const QPoint target = mem->mapToGlobal(QPoint(mem->width() * 2 / 3, mem->height() / 3));
    dragTitle(cpu, target);
    QVERIFY(m_board.window->panelDrag()->isDragging());
    m_board.window->renderFrame();
    QVERIFY(m_board.window->grab().save(dir.filePath(u"paneldrag-during.png"_s)));
    release(viewportOf(cpu), target);
    QCOMPARE(m_board.window->visiblePanelOrder(), (QStringList { kLoad, kMem, kCpu, kNet }));
    QTRY_VERIFY(cpu->y() > mem->y() && cpu->x() < mem->x()); // laid out again
    m_board.window->renderFrame();
    QVERIFY(m_board.window->grab().save(dir.filePath(u"paneldrag-after.png"_s)));

    // Dark: Network dragged backwards onto Load (the bar before it), then Escape.
    m_board.window->setThemeMode(Theme::Mode::Dark);
    ChartPanel *net = m_board.window->panel(kNet);
    const QPoint onLoad = centerOf(m_board.window->panel(kLoad));
    dragTitle(net, onLoad);
    QCOMPARE(m_board.window->panelDrag()->targetPanel(), kLoad);
    m_board.window->renderFrame();
    QVERIFY(m_board.window->grab().save(dir.filePath(u"paneldrag-during-dark.png"_s)));
    QTest::keyClick(m_board.window, Qt::Key_Escape);
    release(viewportOf(net), onLoad);
    QCOMPARE(m_board.window->visiblePanelOrder(), (QStringList { kLoad, kMem, kCpu, kNet }));
}

QTEST_MAIN(TestUiPanelDrag)
#include "tst_uipaneldrag.moc"
