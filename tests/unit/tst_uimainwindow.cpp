// The main window offscreen: panels appear from the MetricStore's series, the lines drawn are
// the per-column reduction of the window (never the raw history), live mode toggles with
// zoom/pan/double-click and the Live action, remote cursors repaint only the overlay, and a
// Shift+click asks for an annotation at the clicked data time.
#include "annotationstore.h"
#include "chartcanvas.h"
#include "chartpanel.h"
#include "mainwindow.h"
#include "metricstore.h"
#include "presencemodel.h"
#include "uiboardfixture.h"

#include <QAction>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QWheelEvent>

using namespace Qt::StringLiterals;
using namespace wr;

namespace {

using wrtest::frame;
using wrtest::kNow;

} // namespace

class TestUiMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void waitsForMetricsThenCreatesPanels();
    void drawsReducedSeries();
    void liveModeToggles();
    void dragPansAndPauses();
    void remoteCursorRepaintsOnlyOverlay();
    void shiftClickAsksForAnnotation();
    void statusBarSaysConnectionState();

private:
    void feedHostData(qint64 pointsPerSeries, qint64 span = 5 * 60'000);

    wrtest::Board m_board { .span = 5 * 60'000, .size = QSize(1100, 700) };
};

void TestUiMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestUiMainWindow::init()
{
    m_board.createStores(this);
    m_board.store->setCapacity(2'000'000);
    QVERIFY(m_board.showWindow());
}

void TestUiMainWindow::cleanup()
{
    m_board.destroy();
}

void TestUiMainWindow::feedHostData(qint64 pointsPerSeries, qint64 span)
{
    const qint64 from = kNow - span;
    const qint64 step = std::max<qint64>(1, span / pointsPerSeries);
    m_board.store->apply(frame(u"alpha/cpu.usage"_s, u"CPU usage"_s, u"%"_s, from, kNow, step,
                               [](qint64 t) { return 50 + 40 * std::sin(double(t) / 7000.0); }));
    m_board.store->apply(frame(u"alpha/mem.used"_s, u"Memory used"_s, u"B"_s, from, kNow, 1000,
                               [](qint64 t) { return 4e9 + 1e8 * std::cos(double(t) / 60000.0); }));
    m_board.store->apply(frame(u"alpha/net.rx{eth0}"_s, u"Received"_s, u"B/s"_s, from, kNow, 1000,
                               [](qint64 t) { return double((t / 1000) % 17) * 1e5; }));
}

void TestUiMainWindow::waitsForMetricsThenCreatesPanels()
{
    QVERIFY(m_board.window->isWaitingForMetrics());
    QCOMPARE(m_board.window->panels().size(), 0);
    feedHostData(300);
    QCOMPARE(m_board.window->panels().size(), 3);
    QVERIFY(!m_board.window->isWaitingForMetrics());
    QVERIFY(m_board.window->panel(u"alpha/cpu|%"_s));
    QVERIFY(m_board.window->panel(u"alpha/memory|B"_s));
    QVERIFY(m_board.window->panel(u"alpha/network|B/s"_s));
    // A second series of the same family and unit joins the existing panel.
    m_board.store->apply(frame(u"alpha/cpu.usage{cpu0}"_s, u"CPU usage"_s, u"%"_s, kNow - 1000,
                               kNow, 100, [](qint64) { return 5.0; }));
    QCOMPARE(m_board.window->panels().size(), 3);
    QCOMPARE(m_board.window->panel(u"alpha/cpu|%"_s)->seriesIds().size(), 2);
    // The frame timer draws them without anyone asking.
    QTRY_VERIFY(m_board.window->panel(u"alpha/cpu|%"_s)->drawnPointCount() > 0);
}

void TestUiMainWindow::drawsReducedSeries()
{
    m_board.window->setSpan(1'000'000);
    feedHostData(1'000'000, 1'000'000); // 1 M points of CPU in the window, one per ms
    QCOMPARE(m_board.store->size(u"alpha/cpu.usage"_s), 1'000'000);
    m_board.window->renderFrame();
    ChartPanel *cpu = m_board.window->panel(u"alpha/cpu|%"_s);
    QVERIFY(cpu);
    QTRY_VERIFY(cpu->mapping().isValid());
    m_board.window->renderFrame();
    const int columns = cpu->columns();
    const qsizetype drawn = cpu->drawnPointCount(u"alpha/cpu.usage"_s);
    QVERIFY2(drawn > columns, qPrintable(u"drawn %1, columns %2"_s.arg(drawn).arg(columns)));
    // One min/max pair per pixel column (+1 partial column, + the neighbours outside).
    QVERIFY2(drawn <= 2 * (columns + 1) + 2,
             qPrintable(u"drawn %1, columns %2"_s.arg(drawn).arg(columns)));
    QVERIFY(drawn <= 2 * cpu->width());
    // The plot is not the whole panel: axes and legend take room, the reduction knows it.
    QVERIFY(columns < cpu->width());
    QCOMPARE(columns, cpu->mapping().columns());
}

void TestUiMainWindow::liveModeToggles()
{
    feedHostData(300);
    m_board.window->renderFrame();
    ChartPanel *cpu = m_board.window->panel(u"alpha/cpu|%"_s);
    QTRY_VERIFY(cpu->mapping().isValid());
    QVERIFY(m_board.window->isLive());
    QSignalSpy liveSpy(m_board.window, &MainWindow::liveChanged);

    // Wheel over the plot zooms in around the pointer and pauses live mode.
    const ChartMapping m = cpu->mapping();
    const QPointF at = m.plotArea().center();
    const qint64 anchor = m.timeAt(at.x());
    QWheelEvent wheel(at, cpu->canvas()->viewport()->mapToGlobal(at), QPoint(), QPoint(0, 120),
                      Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(cpu->canvas()->viewport(), &wheel);
    QVERIFY(!m_board.window->isLive());
    QCOMPARE(liveSpy.size(), 1);
    QCOMPARE(liveSpy.last().at(0).toBool(), false);
    QVERIFY(m_board.window->timeWindow().span() < 5 * 60'000);
    m_board.window->renderFrame();
    QVERIFY(std::abs(cpu->mapping().timeAt(at.x()) - anchor) <= m.msPerPixel() + 1);

    // The Live action returns to following now, with the zoomed span.
    const qint64 zoomedSpan = m_board.window->timeWindow().span();
    QAction *live = nullptr;
    for (QAction *a : m_board.window->findChildren<QAction *>()) {
        if (a->shortcut() == QKeySequence(Qt::CTRL | Qt::Key_L))
            live = a;
    }
    QVERIFY(live);
    QVERIFY(!live->isChecked());
    live->trigger();
    QVERIFY(m_board.window->isLive());
    QVERIFY(live->isChecked());
    QCOMPARE(m_board.window->timeWindow().span(), zoomedSpan);
    QCOMPARE(liveSpy.size(), 2);

    // A preset keeps live mode; double-click returns to live after a zoom.
    m_board.window->setSpan(60'000);
    QVERIFY(m_board.window->isLive());
    m_board.window->zoom(0.5, kNow - 10'000);
    QVERIFY(!m_board.window->isLive());
    m_board.window->renderFrame();
    QTest::mouseDClick(cpu->canvas()->viewport(), Qt::LeftButton, {}, at.toPoint());
    QVERIFY(m_board.window->isLive());
}

void TestUiMainWindow::dragPansAndPauses()
{
    feedHostData(300);
    m_board.window->renderFrame();
    ChartPanel *cpu = m_board.window->panel(u"alpha/cpu|%"_s);
    QTRY_VERIFY(cpu->mapping().isValid());
    m_board.window->renderFrame();
    const ChartMapping m = cpu->mapping();
    QWidget *viewport = cpu->canvas()->viewport();
    const QPoint start = m.plotArea().center().toPoint();
    QTest::mousePress(viewport, Qt::LeftButton, {}, start);
    QMouseEvent move(QEvent::MouseMove, QPointF(start + QPoint(100, 0)),
                     viewport->mapToGlobal(QPointF(start + QPoint(100, 0))), Qt::NoButton,
                     Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(viewport, &move);
    QTest::mouseRelease(viewport, Qt::LeftButton, {}, start + QPoint(100, 0));
    QVERIFY(!m_board.window->isLive());
    // Dragging right by 100 px shows what was 100 px to the left.
    const qint64 expectedEnd = kNow - qint64(std::llround(100 * m.msPerPixel()));
    QVERIFY(std::abs(m_board.window->timeWindow().end(kNow) - expectedEnd) <= 1);
}

void TestUiMainWindow::remoteCursorRepaintsOnlyOverlay()
{
    feedHostData(300);
    m_board.window->renderFrame();
    ChartPanel *cpu = m_board.window->panel(u"alpha/cpu|%"_s);
    ChartPanel *mem = m_board.window->panel(u"alpha/memory|B"_s);
    QTRY_VERIFY(cpu->mapping().isValid());
    m_board.window->renderFrame();
    cpu->canvas()->viewport()->repaint();
    QTRY_VERIFY(cpu->canvas()->isChartCacheValid());
    cpu->canvas()->viewport()->repaint();
    const quint64 renders = cpu->canvas()->chartRenderCount();
    const quint64 overlays = cpu->canvas()->overlayPaintCount();

    m_board.presence->applyHello(u"alice"_s, { u"Alice"_s, u"#e5484d"_s, u"watchroom/1.0"_s });
    session::Cursor cursor;
    cursor.panel = u"alpha/cpu|%"_s;
    cursor.t = kNow - 60'000;
    cursor.y = 42.0;
    m_board.presence->applyCursor(u"alice"_s, cursor);
    QCOMPARE(cpu->canvas()->remoteCursors().size(), 1);
    QVERIFY(cpu->canvas()->remoteCursors().front().onThisPanel);
    QCOMPARE(cpu->canvas()->remoteCursors().front().name, u"Alice"_s);
    // Every panel shows the crosshair at the same time; the value marker only on Alice's.
    QCOMPARE(mem->canvas()->remoteCursors().size(), 1);
    QVERIFY(!mem->canvas()->remoteCursors().front().onThisPanel);
    QCOMPARE(mem->canvas()->remoteCursors().front().t, kNow - 60'000);

    for (int i = 1; i <= 5; ++i) {
        cursor.t += 1000;
        m_board.presence->applyCursor(u"alice"_s, cursor);
        cpu->canvas()->viewport()->repaint();
    }
    QVERIFY(cpu->canvas()->overlayPaintCount() >= overlays + 5);
    QCOMPARE(cpu->canvas()->chartRenderCount(), renders);
    // It glides to the last position (MainWindow::kCursorGlideMs).
    QTRY_COMPARE(cpu->canvas()->remoteCursors().front().t, kNow - 55'000);

    // The pointer leaving the charts removes the cursor.
    m_board.presence->applyCursor(u"alice"_s, session::Cursor {});
    QVERIFY(cpu->canvas()->remoteCursors().isEmpty());
}

void TestUiMainWindow::shiftClickAsksForAnnotation()
{
    feedHostData(300);
    m_board.window->renderFrame();
    ChartPanel *cpu = m_board.window->panel(u"alpha/cpu|%"_s);
    QTRY_VERIFY(cpu->mapping().isValid());
    m_board.window->renderFrame();
    int asked = 0;
    m_board.window->setAnnotationEditor([&](session::Annotation &a, const QString &title) {
        ++asked;
        [&] { QCOMPARE(title, cpu->title()); }();
        a.text = u"deploy 4.2"_s;
        return true;
    });
    const ChartMapping m = cpu->mapping();
    const QPoint at = m.toPixel(kNow - 120'000, 50).toPoint();
    QTest::mouseClick(cpu->canvas()->viewport(), Qt::LeftButton, Qt::ShiftModifier, at);
    QCOMPARE(asked, 1);
    QCOMPARE(m_board.annotations->rowCount(), 1);
    const session::Annotation a = m_board.annotations->visible().front();
    QCOMPARE(a.text, u"deploy 4.2"_s);
    QCOMPARE(a.panel, std::optional<QString>(u"alpha/cpu|%"_s));
    QVERIFY(!a.t1);
    QVERIFY2(std::abs(a.t0 - (kNow - 120'000)) <= m.msPerPixel(),
             qPrintable(QString::number(a.t0)));
    // The overlay of that panel shows it; other panels do not (it is this panel's).
    QCOMPARE(cpu->canvas()->annotations().size(), 1);
    QCOMPARE(m_board.window->panel(u"alpha/memory|B"_s)->canvas()->annotations().size(), 0);
    QVERIFY(m_board.window->isLive()); // annotating does not pause

    // Shift+drag makes a region.
    const QPoint end = m.toPixel(kNow - 60'000, 50).toPoint();
    QTest::mousePress(cpu->canvas()->viewport(), Qt::LeftButton, Qt::ShiftModifier, at);
    QMouseEvent move(QEvent::MouseMove, QPointF(end),
                     cpu->canvas()->viewport()->mapToGlobal(QPointF(end)), Qt::NoButton,
                     Qt::LeftButton, Qt::ShiftModifier);
    QApplication::sendEvent(cpu->canvas()->viewport(), &move);
    QTest::mouseRelease(cpu->canvas()->viewport(), Qt::LeftButton, Qt::ShiftModifier, end);
    QCOMPARE(asked, 2);
    QCOMPARE(m_board.annotations->rowCount(), 2);
    bool region = false;
    for (const session::Annotation &r : m_board.annotations->visible())
        region = region
            || (r.t1 && *r.t1 > r.t0 && std::abs(*r.t1 - (kNow - 60'000)) <= m.msPerPixel());
    QVERIFY(region);
}

void TestUiMainWindow::statusBarSaysConnectionState()
{
    ConnectionStatus status;
    status.state = ConnectionStatus::State::Reconnecting;
    status.reconnectInSeconds = 4;
    m_board.window->setConnectionStatus(status);
    QVERIFY(m_board.window->connectionText().contains(u"4"_s));
    status.state = ConnectionStatus::State::Connected;
    status.where = u"this computer"_s;
    status.roundTripMs = 3;
    m_board.window->setConnectionStatus(status);
    QCOMPARE(m_board.window->connectionText(), u"Connected to this computer"_s);
    status.state = ConnectionStatus::State::Offline;
    m_board.window->setConnectionStatus(status);
    QCOMPARE(m_board.window->connectionText(), u"Offline"_s);
}

QTEST_MAIN(TestUiMainWindow)
#include "tst_uimainwindow.moc"
