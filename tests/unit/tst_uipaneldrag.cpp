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

#include <QApplication>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMouseEvent>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace wr;

namespace {

constexpr qint64 kNow = 1'795'400'000'000;
constexpr qint64 kSpan = 5 * 60'000;
const QString kCpu = u"alpha/cpu|%"_s;
const QString kMem = u"alpha/memory|B"_s;
const QString kNet = u"alpha/network|B/s"_s;
const QString kLoad = u"alpha/load|"_s;

session::MetricSeries series(const QString &id, const QString &name, const QString &unit,
                             double base)
{
    session::MetricSeries s;
    s.id = id;
    s.name = name;
    s.unit = unit;
    s.labels = QMap<QString, QString> { { u"host"_s, u"alpha"_s } };
    for (qint64 t = kNow - kSpan; t < kNow; t += 1000)
        s.points.append({ t, base + double((t / 1000) % 50) });
    return s;
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
    MainWindow *makeWindow();
    // A drag by the title from one panel to a point, in steps, button still down.
    void dragTitle(ChartPanel *from, const QPoint &to);

    QTemporaryDir m_settingsDir;
    MetricStore *m_store = nullptr;
    AnnotationStore *m_annotations = nullptr;
    PresenceModel *m_presence = nullptr;
    MainWindow *m_window = nullptr;
};

void TestUiPanelDrag::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_settingsDir.isValid());
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    QCoreApplication::setOrganizationName(u"watchroom-tests"_s);
    QCoreApplication::setApplicationName(u"tst_uipaneldrag"_s);
}

MainWindow *TestUiPanelDrag::makeWindow()
{
    auto *w = new MainWindow(m_store, m_annotations, m_presence);
    w->setClock([] { return kNow; });
    w->setSpan(kSpan);
    w->resize(1100, 900);
    return w;
}

void TestUiPanelDrag::init()
{
    QSettings().clear();
    m_store = new MetricStore(this);
    m_annotations = new AnnotationStore(
        u"me"_s, [] { return kNow; }, this);
    m_presence = new PresenceModel(this);
    m_presence->setLocalUserId(u"me"_s);
    m_window = makeWindow();
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
    feed();
}

void TestUiPanelDrag::cleanup()
{
    delete m_window;
    m_window = nullptr;
    delete m_presence;
    delete m_annotations;
    delete m_store;
    QVERIFY(!QGuiApplication::overrideCursor()); // every drag gave its cursor back
}

void TestUiPanelDrag::feed()
{
    session::MetricsFrame f;
    f.source = u"test"_s;
    f.series = {
        series(u"alpha/cpu.usage"_s, u"CPU usage"_s, u"%"_s, 10),
        series(u"alpha/mem.used"_s, u"Memory used"_s, u"B"_s, 4e9),
        series(u"alpha/net.rx{eth0}"_s, u"Received"_s, u"B/s"_s, 1e3),
        series(u"alpha/load.1"_s, u"Load 1 min"_s, QString(), 1),
    };
    m_store->apply(f);
    m_window->renderFrame();
    QTRY_VERIFY(m_window->panel(kNet) && m_window->panel(kNet)->mapping().isValid());
    // Two columns: CPU, Load / Memory, Network.
    QCOMPARE(m_window->visiblePanelOrder(), (QStringList { kCpu, kLoad, kMem, kNet }));
    // The grid laid out (two rows of two) before any position is read off it.
    ChartPanel *cpu = m_window->panel(kCpu);
    ChartPanel *net = m_window->panel(kNet);
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
    ChartPanel *cpu = m_window->panel(kCpu);
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
    PanelDrag *drag = m_window->panelDrag();
    QSignalSpy dropped(drag, &PanelDrag::dropped);
    ChartPanel *cpu = m_window->panel(kCpu);
    const QPoint memCenter = centerOf(m_window->panel(kMem));
    dragTitle(cpu, memCenter);
    QVERIFY(drag->isDragging());
    QCOMPARE(drag->draggedPanel(), kCpu);
    QCOMPARE(drag->targetPanel(), kMem);
    QVERIFY(drag->isTargetAfter());
    QCOMPARE(m_window->visiblePanelOrder(), (QStringList { kCpu, kLoad, kMem, kNet })); // not yet
    release(viewportOf(cpu), memCenter);
    QVERIFY(!drag->isDragging());
    QCOMPARE(dropped.size(), 1);
    QCOMPARE(m_window->visiblePanelOrder(), (QStringList { kLoad, kMem, kCpu, kNet }));
    QCOMPARE(m_window->panelCell(kCpu), QRect(0, 1, 1, 1)); // where Memory was
    QTRY_VERIFY(cpu->y() > m_window->panel(kLoad)->y());

    ChartPanel *net = m_window->panel(kNet);
    const QPoint loadCenter = centerOf(m_window->panel(kLoad));
    dragTitle(net, loadCenter);
    QCOMPARE(drag->targetPanel(), kLoad);
    QVERIFY(!drag->isTargetAfter());
    release(viewportOf(net), loadCenter);
    const QStringList expected { kNet, kLoad, kMem, kCpu };
    QCOMPARE(m_window->visiblePanelOrder(), expected);

    // Saved per board: another window on the board (a restart) has the same order.
    {
        std::unique_ptr<MainWindow> again(makeWindow());
        QCOMPARE(again->visiblePanelOrder(), expected);
    }
    // And in the layout file, which brings it back after another order.
    const QByteArray json = m_window->layoutJson();
    QCOMPARE(layoutJsonOrder(json), expected);
    QVERIFY(m_window->movePanel(kNet, 1));
    QVERIFY(m_window->visiblePanelOrder() != expected);
    QString error;
    QVERIFY2(m_window->applyLayoutJson(json, &error), qPrintable(error));
    QCOMPARE(m_window->visiblePanelOrder(), expected);
}

// While dragging, the board draws a bar beside the target on the side the panel goes to, in
// the highlight colour, and nothing there before or after.
void TestUiPanelDrag::markerShowsWhereThePanelLands()
{
    PanelDrag *drag = m_window->panelDrag();
    QWidget *indicator = drag->indicator();
    QVERIFY(indicator);
    QWidget *board = indicator->parentWidget();
    ChartPanel *mem = m_window->panel(kMem);
    const QRect target = mem->geometry();
    const QPoint barPoint(target.right() + 4, target.center().y()); // in the gap, after it
    const QColor accent = indicator->palette().color(QPalette::Highlight);
    const auto pixel = [&] { return board->grab().toImage().pixelColor(barPoint); };
    QVERIFY(pixel() != accent);

    ChartPanel *cpu = m_window->panel(kCpu);
    dragTitle(cpu, centerOf(mem));
    QVERIFY(indicator->isVisible());
    QCOMPARE(pixel(), accent);
    // Somewhere else: the bar goes with the target.
    moveTo(viewportOf(cpu), centerOf(m_window->panel(kLoad)));
    QCOMPARE(drag->targetPanel(), kLoad);
    QVERIFY(pixel() != accent);
    release(viewportOf(cpu), centerOf(m_window->panel(kLoad)));
    QVERIFY(!indicator->isVisible());
    QCOMPARE(m_window->visiblePanelOrder(), (QStringList { kLoad, kCpu, kMem, kNet }));
}

void TestUiPanelDrag::escapeCancels()
{
    PanelDrag *drag = m_window->panelDrag();
    QSignalSpy dropped(drag, &PanelDrag::dropped);
    ChartPanel *cpu = m_window->panel(kCpu);
    const QPoint target = centerOf(m_window->panel(kNet));
    dragTitle(cpu, target);
    QVERIFY(drag->isDragging());
    QCOMPARE(drag->targetPanel(), kNet);
    QTest::keyClick(m_window, Qt::Key_Escape);
    QVERIFY(!drag->isDragging());
    QVERIFY(!drag->indicator()->isVisible());
    QVERIFY(!QGuiApplication::overrideCursor());
    // The rest of that press moves nothing, even let go on another panel.
    moveTo(viewportOf(cpu), target + QPoint(5, 5));
    QVERIFY(!drag->isDragging());
    release(viewportOf(cpu), target + QPoint(5, 5));
    QCOMPARE(dropped.size(), 0);
    QCOMPARE(m_window->visiblePanelOrder(), (QStringList { kCpu, kLoad, kMem, kNet }));
}

void TestUiPanelDrag::dropOnItselfOrOffTheBoardDoesNothing()
{
    PanelDrag *drag = m_window->panelDrag();
    QSignalSpy dropped(drag, &PanelDrag::dropped);
    const QStringList before = m_window->visiblePanelOrder();
    const QByteArray savedBefore = m_window->layoutJson();
    ChartPanel *load = m_window->panel(kLoad);

    // Far, but still over its own place.
    const QPoint itself = load->mapToGlobal(load->rect().bottomLeft() + QPoint(30, -30));
    dragTitle(load, itself);
    QVERIFY(drag->isDragging());
    QVERIFY(drag->targetPanel().isEmpty());
    release(viewportOf(load), itself);

    // Over the menu bar, off the board: a forbidden cursor, then nothing.
    const QPoint off = m_window->mapToGlobal(QPoint(m_window->width() / 2, 2));
    dragTitle(load, off);
    QVERIFY(drag->isDragging());
    QVERIFY(drag->targetPanel().isEmpty());
    QVERIFY(QGuiApplication::overrideCursor());
    QCOMPARE(QGuiApplication::overrideCursor()->shape(), Qt::ForbiddenCursor);
    release(viewportOf(load), off);
    QVERIFY(!drag->isDragging());

    QCOMPARE(dropped.size(), 0);
    QCOMPARE(m_window->visiblePanelOrder(), before);
    QCOMPARE(m_window->layoutJson(), savedBefore);
}

// Less than QApplication::startDragDistance() from the press is a click on the title.
void TestUiPanelDrag::smallMovementIsNotADrag()
{
    PanelDrag *drag = m_window->panelDrag();
    const int threshold = QApplication::startDragDistance();
    QVERIFY(threshold > 1);
    ChartPanel *cpu = m_window->panel(kCpu);
    QWidget *w = viewportOf(cpu);
    const QPoint start = titlePoint(cpu);
    press(w, start);
    moveTo(w, start + QPoint(threshold - 1, 0));
    QVERIFY(!drag->isDragging());
    QVERIFY(!drag->indicator()->isVisible());
    release(w, start + QPoint(threshold - 1, 0));
    QCOMPARE(m_window->visiblePanelOrder(), (QStringList { kCpu, kLoad, kMem, kNet }));

    // At the threshold it is one.
    press(w, start);
    moveTo(w, start + QPoint(threshold, 0));
    QVERIFY(drag->isDragging());
    QTest::keyClick(m_window, Qt::Key_Escape);
    release(w, start + QPoint(threshold, 0));
    QVERIFY(!drag->isDragging());
}

// A left-drag on the plot pans the time window (live mode pauses) and never moves the panel,
// even when it ends over another panel.
void TestUiPanelDrag::plotDragStillPans()
{
    PanelDrag *drag = m_window->panelDrag();
    QVERIFY(m_window->isLive());
    QSignalSpy changed(m_window, &MainWindow::timeWindowChanged);
    ChartPanel *cpu = m_window->panel(kCpu);
    QWidget *w = viewportOf(cpu);
    const QPoint start = plotPoint(cpu);
    press(w, start);
    // Rightwards: back in time.
    moveTo(w, start + QPoint(60, 0));
    moveTo(w, start + QPoint(120, 0));
    QVERIFY(!drag->isDragging());
    const QPoint overLoad = centerOf(m_window->panel(kLoad));
    moveTo(w, overLoad);
    QVERIFY(!drag->isDragging());
    release(w, overLoad);
    QVERIFY(changed.size() > 0);
    QVERIFY(!m_window->isLive());
    QVERIFY(m_window->timeWindow().end(kNow) < kNow);
    QCOMPARE(m_window->visiblePanelOrder(), (QStringList { kCpu, kLoad, kMem, kNet }));
}

void TestUiPanelDrag::screenshots()
{
    const QString dirPath = qEnvironmentVariable("WATCHROOM_SCREENSHOT_DIR",
                                                 QDir::current().filePath(u"screenshots"_s));
    QVERIFY(QDir().mkpath(dirPath));
    const QDir dir(dirPath);
    ChartPanel *cpu = m_window->panel(kCpu);
    ChartPanel *mem = m_window->panel(kMem);
    const QPoint target = mem->mapToGlobal(QPoint(mem->width() * 2 / 3, mem->height() / 3));
    dragTitle(cpu, target);
    QVERIFY(m_window->panelDrag()->isDragging());
    m_window->renderFrame();
    QVERIFY(m_window->grab().save(dir.filePath(u"paneldrag-during.png"_s)));
    release(viewportOf(cpu), target);
    QCOMPARE(m_window->visiblePanelOrder(), (QStringList { kLoad, kMem, kCpu, kNet }));
    QTRY_VERIFY(cpu->y() > mem->y() && cpu->x() < mem->x()); // laid out again
    m_window->renderFrame();
    QVERIFY(m_window->grab().save(dir.filePath(u"paneldrag-after.png"_s)));

    // Dark: Network dragged backwards onto Load (the bar before it), then Escape.
    m_window->setThemeMode(Theme::Mode::Dark);
    ChartPanel *net = m_window->panel(kNet);
    const QPoint onLoad = centerOf(m_window->panel(kLoad));
    dragTitle(net, onLoad);
    QCOMPARE(m_window->panelDrag()->targetPanel(), kLoad);
    m_window->renderFrame();
    QVERIFY(m_window->grab().save(dir.filePath(u"paneldrag-during-dark.png"_s)));
    QTest::keyClick(m_window, Qt::Key_Escape);
    release(viewportOf(net), onLoad);
    QCOMPARE(m_window->visiblePanelOrder(), (QStringList { kLoad, kMem, kCpu, kNet }));
}

QTEST_MAIN(TestUiPanelDrag)
#include "tst_uipaneldrag.moc"
