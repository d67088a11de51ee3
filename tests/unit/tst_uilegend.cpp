// The chart legend, offscreen with real mouse events: the rule that shortens legend names
// (data-driven), the full name in the tooltip of an elided entry, a click on an entry hiding the
// series (not drawn, out of the value range and the readout, a dimmed hollow entry) and a second
// click showing it, a double-click on the legend not returning to live, and the hidden series
// kept with the board's layout (another window, the layout JSON, an old file without the key).
// Saves legend-{light,dark}.png into $WATCHROOM_SCREENSHOT_DIR or ./screenshots.
#include "annotationstore.h"
#include "chartcanvas.h"
#include "chartpanel.h"
#include "mainwindow.h"
#include "metricstore.h"
#include "presencemodel.h"
#include "theme.h"
#include "uiboardfixture.h"

#include <QApplication>
#include <QChart>
#include <QDir>
#include <QGraphicsItemGroup>
#include <QGraphicsTextItem>
#include <QHelpEvent>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QMenu>
#include <QMouseEvent>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocument>
#include <QToolTip>
#include <QWindow>

#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;
using namespace wr;

namespace {

using wrtest::kNet;
using wrtest::kNow;
constexpr qint64 kSpan = 5 * 60'000;
// The big one: while it is shown, the value axis reaches 50 MB/s; the others stay under 10 kB/s.
const QString kBig = u"alpha/net.rx{eth0}"_s;
const QString kBigName = u"Network received, eth0"_s;

struct NetSeries
{
    QString id;
    QString name;
    double base;
};

const QList<NetSeries> &netSeries()
{
    static const QList<NetSeries> list {
        { kBig, kBigName, 5e7 },
        { u"alpha/net.tx{eth0}"_s, u"Network sent, eth0"_s, 2000 },
        { u"alpha/net.rx{ifb0}"_s, u"Network received, ifb0"_s, 3000 },
        { u"alpha/net.tx{ifb0}"_s, u"Network sent, ifb0"_s, 4000 },
        { u"alpha/net.rx{ifb1}"_s, u"Network received, ifb1"_s, 5000 },
        { u"alpha/net.tx{ifb1}"_s, u"Network sent, ifb1"_s, 6000 },
    };
    return list;
}

void feed(MetricStore &store)
{
    QList<session::MetricSeries> series;
    for (const NetSeries &n : netSeries()) {
        series.append(
            wrtest::series(n.id, n.name, u"B/s"_s, kNow - kSpan, kNow, 1000, [&n](qint64 t) {
                return n.base + double((t / 1000) % 50) * n.base / 100;
            }));
        series.last().labels->insert(u"iface"_s, n.id.section(u'{', 1).chopped(1));
    }
    store.apply(wrtest::frame(series));
}

// What QToolTip displays for `text` (it guesses rich text with Qt::mightBeRichText).
QString displayed(const QString &text)
{
    if (!Qt::mightBeRichText(text))
        return text;
    QTextDocument document;
    document.setHtml(text);
    return document.toPlainText().replace(QChar::LineSeparator, u'\n');
}

// The legend's entries, left to right. An attached bottom legend lays QLegend::markers() out in
// one row in their order (the order the series were added in); hovering each entry and reading
// its tooltip checks that this is the entry of that series.
QList<QGraphicsItem *> legendEntries(const ChartPanel *panel)
{
    QList<QGraphicsItem *> entries;
    const QList<QGraphicsItem *> children = panel->canvas()->chart()->legend()->childItems();
    for (QGraphicsItem *child : children) {
        if (!qgraphicsitem_cast<QGraphicsItemGroup *>(child))
            continue;
        const QList<QGraphicsItem *> items = child->childItems();
        for (QGraphicsItem *entry : items) {
            if (entry->isVisible())
                entries.append(entry);
        }
    }
    std::sort(entries.begin(), entries.end(), [](QGraphicsItem *a, QGraphicsItem *b) {
        return a->sceneBoundingRect().left() < b->sceneBoundingRect().left();
    });
    return entries;
}

// Viewport coordinates of the entry of the series at `index` (its name, right of the box).
QPoint entryPoint(const ChartPanel *panel, int index)
{
    const QList<QGraphicsItem *> entries = legendEntries(panel);
    if (index >= entries.size())
        return QPoint(-1, -1);
    return panel->canvas()->mapFromScene(entries.at(index)->sceneBoundingRect().center());
}

QString entryText(const ChartPanel *panel, int index)
{
    const QList<QGraphicsItem *> entries = legendEntries(panel);
    for (QGraphicsItem *child : entries.value(index)->childItems()) {
        if (const auto *text = dynamic_cast<const QGraphicsTextItem *>(child))
            return text->toPlainText();
    }
    return {};
}

// A hover without buttons (QTest::mouseMove would move the platform cursor instead).
void hover(QWidget *viewport, const QPoint &pos)
{
    QMouseEvent e(QEvent::MouseMove, QPointF(pos), viewport->mapToGlobal(QPointF(pos)),
                  Qt::NoButton, Qt::NoButton, Qt::NoModifier);
    QCoreApplication::sendEvent(viewport, &e);
}

// The tooltip the viewport shows at `pos`, as a person reads it.
QString toolTipAt(QWidget *viewport, const QPoint &pos)
{
    QToolTip::hideText();
    hover(viewport, pos);
    QHelpEvent help(QEvent::ToolTip, pos, viewport->mapToGlobal(pos));
    QCoreApplication::sendEvent(viewport, &help);
    return displayed(QToolTip::text());
}

QLegendMarker *markerOf(const ChartPanel *panel, int index)
{
    return panel->canvas()->chart()->legend()->markers().value(index);
}

} // namespace

class TestUiLegend : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void legendNames_data();
    void legendNames();
    void elidedEntryShowsTheFullName();
    void clickHidesAndShowsASeries();
    void doubleClickOnTheLegendIsNotLive();
    void hiddenSeriesAreSavedWithTheLayout();
    void screenshots_data();
    void screenshots();

private:
    std::unique_ptr<ChartPanel> makePanel(int width);

    QTemporaryDir m_settingsDir;
    QTemporaryDir m_out;
    std::unique_ptr<MetricStore> m_store;
};

void TestUiLegend::initTestCase()
{
    QVERIFY(wrtest::useTestSettings(m_settingsDir, u"tst_uilegend"_s));
    QVERIFY(m_out.isValid());
}

void TestUiLegend::init()
{
    QSettings().clear();
    m_store = std::make_unique<MetricStore>();
    feed(*m_store);
}

void TestUiLegend::cleanup()
{
    QToolTip::hideText();
    m_store.reset();
}

std::unique_ptr<ChartPanel> TestUiLegend::makePanel(int width)
{
    auto panel = std::make_unique<ChartPanel>(m_store.get(), kNet, u"Network · alpha"_s);
    for (const NetSeries &n : netSeries())
        panel->addSeries(n.id);
    panel->resize(width, 300);
    panel->show();
    if (!QTest::qWaitForWindowExposed(panel.get()))
        return nullptr;
    panel->setTimeRange(kNow - kSpan, kNow);
    // Two frames: the first lays the chart out, the second reduces into the final plot area.
    panel->updateFrame();
    QCoreApplication::processEvents();
    panel->updateFrame();
    return panel;
}

void TestUiLegend::legendNames_data()
{
    QTest::addColumn<QString>("title");
    QTest::addColumn<QStringList>("names");
    QTest::addColumn<QStringList>("expected");
    const QStringList net { u"Network received, eth0"_s, u"Network sent, eth0"_s };
    QTest::addRow("network: the title's word left out")
        << u"Network · alpha"_s << net << QStringList { u"received, eth0"_s, u"sent, eth0"_s };
    QTest::addRow("a title without host")
        << u"CPU"_s << QStringList { u"CPU usage"_s } << QStringList { u"usage"_s };
    QTest::addRow("not every name has it")
        << u"Memory · alpha"_s << QStringList { u"Memory used"_s, u"Swap used"_s }
        << QStringList { u"Memory used"_s, u"Swap used"_s };
    QTest::addRow("two-word title: File systems")
        << u"File systems · alpha"_s << QStringList { u"File system used, /"_s }
        << QStringList { u"File system used, /"_s };
    QTest::addRow("two-word title: Disk I/O")
        << u"Disk I/O · alpha"_s << QStringList { u"Disk read, sda"_s }
        << QStringList { u"Disk read, sda"_s };
    QTest::addRow("would be empty")
        << u"Load · alpha"_s << QStringList { u"Load "_s, u"Load average"_s }
        << QStringList { u"Load "_s, u"Load average"_s };
    QTest::addRow("would start with punctuation")
        << u"Network · alpha"_s << QStringList { u"Network (eth0)"_s, u"Network (eth1)"_s }
        << QStringList { u"Network (eth0)"_s, u"Network (eth1)"_s };
    QTest::addRow("would read the same")
        << u"Network · alpha"_s << QStringList { u"Network  x"_s, u"Network x"_s }
        << QStringList { u"Network  x"_s, u"Network x"_s };
    QTest::addRow("a longer word is not the word") << u"Net · alpha"_s << net << net;
    QTest::addRow("another case is not the word") << u"network · alpha"_s << net << net;
    QTest::addRow("a translated title leaves English names alone")
        << u"Netzwerk · alpha"_s << net << net;
    QTest::addRow("a peer's markup stays text")
        << u"Load · alpha"_s << QStringList { u"Load a<b>x</b>"_s }
        << QStringList { u"a<b>x</b>"_s };
    QTest::addRow("no series") << u"Network · alpha"_s << QStringList() << QStringList();
    QTest::addRow("load: what all share up to a comma left out too")
        << u"Load · alpha"_s
        << QStringList { u"Load average, 1 min"_s, u"Load average, 5 min"_s,
                         u"Load average, 15 min"_s }
        << QStringList { u"1 min"_s, u"5 min"_s, u"15 min"_s };
    QTest::addRow("one series keeps its words")
        << u"Load · alpha"_s << QStringList { u"Load average, 1 min"_s }
        << QStringList { u"average, 1 min"_s };
    QTest::addRow("names that differ before the comma stay whole")
        << u"Disk I/O · alpha"_s << QStringList { u"Disk read, vda"_s, u"Disk written, vda"_s }
        << QStringList { u"Disk read, vda"_s, u"Disk written, vda"_s };
    QTest::addRow("mount points are not cut down to a slash")
        << u"File systems · alpha"_s
        << QStringList { u"File system used, /"_s, u"File system used, /home"_s }
        << QStringList { u"File system used, /"_s, u"File system used, /home"_s };
    QTest::addRow("a shared comma part without a title word")
        << u"Custom · alpha"_s
        << QStringList { u"Requests, GET"_s, u"Requests, POST"_s }
        << QStringList { u"GET"_s, u"POST"_s };
    QTest::addRow("not all share the comma part")
        << u"Custom · alpha"_s << QStringList { u"Requests, GET"_s, u"Errors, GET"_s }
        << QStringList { u"Requests, GET"_s, u"Errors, GET"_s };
}

void TestUiLegend::legendNames()
{
    QFETCH(QString, title);
    QFETCH(QStringList, names);
    QFETCH(QStringList, expected);
    QCOMPARE(ChartPanel::legendNames(title, names), expected);
}

void TestUiLegend::elidedEntryShowsTheFullName()
{
    // Half of a 1100 px board fits the six short names; a narrow panel still elides them.
    const auto panel = makePanel(360);
    QVERIFY(panel);
    QWidget *viewport = panel->canvas()->viewport();
    QTRY_COMPARE_WITH_TIMEOUT(legendEntries(panel.get()).size(), netSeries().size(), 5000);
    // The legend leaves "Network" (the title's word) out; the readout keeps the full names.
    QCOMPARE(panel->legendName(kBig), u"received, eth0"_s);
    QCOMPARE(panel->seriesName(kBig), kBigName);
    QVERIFY(panel->valuesAt(kNow - 10'000).contains(kBigName + u": "_s));

    // Six entries in 360 px: Qt Charts elides them ("rece...").
    int elided = 0;
    for (int i = 0; i < netSeries().size(); ++i) {
        const QString shown = entryText(panel.get(), i);
        QVERIFY2(!shown.isEmpty(), qPrintable(QString::number(i)));
        if (shown.endsWith(u"..."_s))
            ++elided;
    }
    QVERIFY2(elided > 0, "no entry is elided: the tooltip case is not exercised");

    // Each entry's tooltip names its series in full, plainly, and says what a click does.
    for (int i = 0; i < netSeries().size(); ++i) {
        const QString tip = toolTipAt(viewport, entryPoint(panel.get(), i));
        QVERIFY2(tip.startsWith(netSeries().at(i).name + u'\n'), qPrintable(tip));
        QVERIFY2(tip.endsWith(u"Click to hide this series."_s), qPrintable(tip));
    }
    // Over the plot there is no legend tooltip.
    QToolTip::hideText();
    const QPoint plot = panel->mapping().plotArea().center().toPoint();
    hover(viewport, plot);
    QHelpEvent help(QEvent::ToolTip, plot, viewport->mapToGlobal(plot));
    QCoreApplication::sendEvent(viewport, &help);
    QVERIFY2(!QToolTip::text().contains(kBigName), qPrintable(QToolTip::text()));

    // The entries are clickable, and look it.
    const QList<QGraphicsItem *> entries = legendEntries(panel.get());
    for (const QGraphicsItem *entry : entries)
        QCOMPARE(entry->cursor().shape(), Qt::PointingHandCursor);
}

void TestUiLegend::clickHidesAndShowsASeries()
{
    const auto panel = makePanel(900);
    QVERIFY(panel);
    QWidget *viewport = panel->canvas()->viewport();
    QTRY_COMPARE_WITH_TIMEOUT(legendEntries(panel.get()).size(), netSeries().size(), 5000);
    const QString sent = u"alpha/net.tx{eth0}"_s;
    QVERIFY(panel->drawnPointCount(kBig) > 0);
    QVERIFY(panel->mapping().yMax() >= 5e7);
    QLegendMarker *marker = markerOf(panel.get(), 0);
    QVERIFY(marker);
    const QColor text = panel->palette().color(QPalette::Text);
    const auto *line = qobject_cast<const QLineSeries *>(marker->series());
    QVERIFY(line);
    QCOMPARE(marker->labelBrush().color(), text);
    QCOMPARE(marker->brush().color(), line->pen().color());
    QSignalSpy changed(panel.get(), &ChartPanel::seriesHiddenChanged);

    // A click on the entry: the series is hidden.
    QTest::mouseClick(viewport, Qt::LeftButton, {}, entryPoint(panel.get(), 0));
    QTRY_VERIFY_WITH_TIMEOUT(panel->isSeriesHidden(kBig), 2000);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).toString(), kBig);
    QCOMPARE(changed.at(0).at(1).toBool(), true);
    QCOMPARE(panel->hiddenSeries(), QStringList { kBig });
    QVERIFY(panel->isFrameDue());
    panel->updateFrame();
    QCOMPARE(panel->drawnPointCount(kBig), 0);
    QVERIFY(panel->drawnPointCount(sent) > 0);
    // The value axis is the other series' now (they stay under 10 kB/s).
    QVERIFY2(panel->mapping().yMax() < 1e5, qPrintable(QString::number(panel->mapping().yMax())));
    QVERIFY(panel->mapping().yMax() >= 6000);
    const QString readout = panel->valuesAt(kNow - 10'000);
    QVERIFY2(!readout.contains(kBigName), qPrintable(readout));
    QVERIFY2(readout.contains(u"Network sent, eth0: "_s), qPrintable(readout));
    // Its entry stays, dimmed and hollow, and says how to bring it back.
    QVERIFY(marker->labelBrush().color() != text);
    QCOMPARE(marker->brush().color().alpha(), 0); // hollow
    QCOMPARE(marker->pen().color(), line->pen().color()); // the line's colour, as an outline
    QCOMPARE(legendEntries(panel.get()).size(), netSeries().size());
    const QString tip = toolTipAt(viewport, entryPoint(panel.get(), 0));
    QVERIFY2(tip.endsWith(u"Hidden. Click to show this series."_s), qPrintable(tip));

    // A second click shows it again.
    QTest::mouseClick(viewport, Qt::LeftButton, {}, entryPoint(panel.get(), 0));
    QTRY_VERIFY_WITH_TIMEOUT(!panel->isSeriesHidden(kBig), 2000);
    QCOMPARE(changed.size(), 2);
    QCOMPARE(changed.at(1).at(1).toBool(), false);
    panel->updateFrame();
    QVERIFY(panel->drawnPointCount(kBig) > 0);
    QVERIFY(panel->mapping().yMax() >= 5e7);
    QVERIFY(panel->valuesAt(kNow - 10'000).contains(kBigName + u": "_s));
    QCOMPARE(marker->labelBrush().color(), text);
    QCOMPARE(marker->brush().color(), line->pen().color());

    // Another series' entry hides that one only.
    QTest::mouseClick(viewport, Qt::LeftButton, {}, entryPoint(panel.get(), 1));
    QTRY_COMPARE_WITH_TIMEOUT(panel->hiddenSeries(), QStringList { sent }, 2000);
    panel->updateFrame();
    QCOMPARE(panel->drawnPointCount(sent), 0);
    QVERIFY(panel->drawnPointCount(kBig) > 0);

    // A click in the plot is a pan press, never a legend click.
    const QPoint plot = panel->mapping().plotArea().center().toPoint();
    QTest::mouseClick(viewport, Qt::LeftButton, {}, plot);
    QCOMPARE(panel->hiddenSeries(), QStringList { sent });
}

void TestUiLegend::doubleClickOnTheLegendIsNotLive()
{
    const auto panel = makePanel(900);
    QVERIFY(panel);
    QWidget *viewport = panel->canvas()->viewport();
    QTRY_COMPARE_WITH_TIMEOUT(legendEntries(panel.get()).size(), netSeries().size(), 5000);
    QSignalSpy live(panel->canvas(), &ChartCanvas::liveRequested);
    QSignalSpy changed(panel.get(), &ChartPanel::seriesHiddenChanged);
    // Through the window, as the platform delivers it: press, release, press + double-click,
    // release.
    QWindow *window = panel->windowHandle();
    QVERIFY(window);
    const auto inWindow = [&](const QPoint &pos) { return viewport->mapTo(panel.get(), pos); };
    // Two quick clicks on an entry: hidden and shown again, and the window stays where it is.
    QTest::mouseDClick(window, Qt::LeftButton, {}, inWindow(entryPoint(panel.get(), 2)));
    QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 2, 2000);
    QVERIFY(!panel->isSeriesHidden(netSeries().at(2).id));
    QCOMPARE(live.size(), 0);
    // In the plot a double-click still returns to live.
    QTest::mouseDClick(window, Qt::LeftButton, {},
                       inWindow(panel->mapping().plotArea().center().toPoint()));
    QTRY_COMPARE_WITH_TIMEOUT(live.size(), 1, 2000);
}

void TestUiLegend::hiddenSeriesAreSavedWithTheLayout()
{
    MetricStore empty;
    AnnotationStore annotations(u"me"_s, [] { return kNow; });
    PresenceModel presence;
    presence.setLocalUserId(u"me"_s);
    auto window = std::make_unique<MainWindow>(&empty, &annotations, &presence);
    window->setClock([] { return kNow; });
    window->setSpan(kSpan);
    window->resize(1100, 800);
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window.get()));
    feed(empty);
    window->renderFrame();
    ChartPanel *net = window->panel(kNet);
    QVERIFY(net);
    QTRY_VERIFY_WITH_TIMEOUT(net->mapping().isValid(), 5000);
    window->renderFrame();
    QTRY_COMPARE_WITH_TIMEOUT(legendEntries(net).size(), netSeries().size(), 5000);

    // A click in the real window hides it; the board draws the next frame without it.
    QTest::mouseClick(net->canvas()->viewport(), Qt::LeftButton, {}, entryPoint(net, 0));
    QTRY_VERIFY_WITH_TIMEOUT(net->isSeriesHidden(kBig), 2000);
    QTRY_COMPARE_WITH_TIMEOUT(net->drawnPointCount(kBig), 0, 2000);
    QTRY_VERIFY_WITH_TIMEOUT(net->mapping().yMax() < 1e5, 2000);

    // Another window on the board, the series arriving after it is built (as after a start).
    {
        MetricStore store;
        MainWindow again(&store, &annotations, &presence);
        again.setClock([] { return kNow; });
        again.setSpan(kSpan);
        feed(store);
        again.renderFrame();
        QVERIFY(again.panel(kNet));
        QCOMPARE(again.panel(kNet)->hiddenSeries(), QStringList { kBig });
        QCOMPARE(again.panel(kNet)->drawnPointCount(kBig), 0);
        QVERIFY(again.panel(kNet)->drawnPointCount(u"alpha/net.tx{eth0}"_s) > 0);
    }

    // In the layout JSON.
    const QString path = m_out.filePath(u"legend-layout.json"_s);
    QString error;
    QVERIFY2(window->exportLayout(path, &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray exported = file.readAll();
    QJsonObject netEntry;
    const QJsonArray panels
        = QJsonDocument::fromJson(exported).object().value(u"panels"_s).toArray();
    for (const QJsonValue &v : panels) {
        if (v.toObject().value(u"id"_s).toString() == kNet)
            netEntry = v.toObject();
    }
    QCOMPARE(netEntry.value(u"hiddenSeries"_s).toArray(), QJsonArray { kBig });

    // A file from before hidden series (no key) loads and shows every series.
    QJsonObject old = QJsonDocument::fromJson(exported).object();
    QJsonArray oldPanels;
    for (const QJsonValue &v : panels) {
        QJsonObject o = v.toObject();
        o.remove(u"hiddenSeries"_s);
        oldPanels.append(o);
    }
    old.insert(u"panels"_s, oldPanels);
    QVERIFY2(window->applyLayoutJson(QJsonDocument(old).toJson(), &error), qPrintable(error));
    QVERIFY(window->panel(kNet)->hiddenSeries().isEmpty());
    window->renderFrame();
    QVERIFY(window->panel(kNet)->drawnPointCount(kBig) > 0);

    // The exported file brings it back.
    QVERIFY2(window->importLayout(path, &error), qPrintable(error));
    QCOMPARE(window->panel(kNet)->hiddenSeries(), QStringList { kBig });
    window->renderFrame();
    QCOMPARE(window->panel(kNet)->drawnPointCount(kBig), 0);

    // Taken off the panel and added again, the series shows.
    QVERIFY(window->removeSeriesFromPanel(kNet, kBig));
    QVERIFY(window->panel(kNet)->hiddenSeries().isEmpty());
    QVERIFY(window->addSeriesToPanel(kNet, kBig));
    QVERIFY(!window->panel(kNet)->isSeriesHidden(kBig));

    // The chart menu's Show series does the same from the keyboard, and is saved the same way.
    const auto showAction = [&](QMenu *menu, const QString &seriesId) -> QAction * {
        auto *sub = menu->findChild<QMenu *>(u"showSeriesMenu"_s);
        if (!sub)
            return nullptr;
        for (QAction *a : sub->actions()) {
            if (a->data().toString() == seriesId)
                return a;
        }
        return nullptr;
    };
    {
        std::unique_ptr<QMenu> menu(window->createChartMenu(kNet, kNow - 1000, {}, window.get()));
        QAction *big = showAction(menu.get(), kBig);
        QVERIFY(big);
        QVERIFY(big->isCheckable());
        QVERIFY(big->isChecked());
        QCOMPARE(big->text(), kBigName);
        QCOMPARE(menu->findChild<QMenu *>(u"showSeriesMenu"_s)->actions().size(),
                 netSeries().size());
        big->trigger(); // unchecks: hides
        QVERIFY(window->panel(kNet)->isSeriesHidden(kBig));
    }
    {
        MetricStore store;
        MainWindow again(&store, &annotations, &presence);
        feed(store);
        again.renderFrame();
        QCOMPARE(again.panel(kNet)->hiddenSeries(), QStringList { kBig });
    }
    {
        std::unique_ptr<QMenu> menu(window->createChartMenu(kNet, kNow - 1000, {}, window.get()));
        QAction *big = showAction(menu.get(), kBig);
        QVERIFY(big);
        QVERIFY(!big->isChecked());
        big->trigger(); // checks: shows
        QVERIFY(!window->panel(kNet)->isSeriesHidden(kBig));
    }
}

void TestUiLegend::screenshots_data()
{
    QTest::addColumn<int>("mode");
    QTest::addRow("light") << int(Theme::Mode::Light);
    QTest::addRow("dark") << int(Theme::Mode::Dark);
}

void TestUiLegend::screenshots()
{
    QFETCH(int, mode);
    AnnotationStore annotations(u"me"_s, [] { return kNow; });
    PresenceModel presence;
    presence.setLocalUserId(u"me"_s);
    MainWindow window(m_store.get(), &annotations, &presence);
    window.setClock([] { return kNow; });
    window.setThemeMode(Theme::Mode(mode));
    window.setSpan(kSpan);
    window.resize(1300, 700);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.renderFrame();
    QCoreApplication::processEvents();
    window.renderFrame();
    ChartPanel *net = window.panel(kNet);
    QVERIFY(net);
    QTRY_COMPARE_WITH_TIMEOUT(legendEntries(net).size(), netSeries().size(), 5000);
    // The big one hidden: the value axis is the other five's.
    QTest::mouseClick(net->canvas()->viewport(), Qt::LeftButton, {}, entryPoint(net, 0));
    QTRY_VERIFY_WITH_TIMEOUT(net->isSeriesHidden(kBig), 2000);
    window.renderFrame();
    QCoreApplication::processEvents();
    // A narrow panel: elided names (their tooltips name them in full).
    ChartPanel narrow(m_store.get(), kNet, u"Network · alpha"_s);
    narrow.setDark(window.isDark());
    for (const NetSeries &n : netSeries())
        narrow.addSeries(n.id);
    narrow.setHiddenSeries({ kBig });
    narrow.resize(360, 260);
    narrow.show();
    QVERIFY(QTest::qWaitForWindowExposed(&narrow));
    narrow.setTimeRange(kNow - kSpan, kNow);
    narrow.updateFrame();
    QCoreApplication::processEvents();
    narrow.updateFrame();

    const QString dir = wrtest::screenshotDir();
    QVERIFY(QDir().mkpath(dir));
    const QString tag = QString::fromUtf8(QTest::currentDataTag());
    const QString path = QDir(dir).filePath(u"legend-%1.png"_s.arg(tag));
    QVERIFY(net->grab().save(path));
    QVERIFY(window.grab().save(QDir(dir).filePath(u"legend-window-%1.png"_s.arg(tag))));
    QVERIFY(narrow.grab().save(QDir(dir).filePath(u"legend-narrow-%1.png"_s.arg(tag))));
    // The tooltip of the narrow panel's hidden (and elided) entry, as it pops up.
    const QString tip = toolTipAt(narrow.canvas()->viewport(), entryPoint(&narrow, 0));
    QVERIFY2(tip.startsWith(kBigName + u'\n'), qPrintable(tip));
    const QWidgetList tops = QApplication::topLevelWidgets();
    for (QWidget *w : tops) {
        if (w->inherits("QTipLabel") && w->isVisible())
            QVERIFY(w->grab().save(QDir(dir).filePath(u"legend-tooltip-%1.png"_s.arg(tag))));
    }
    qInfo("saved %s", qPrintable(path));
    window.setThemeMode(Theme::Mode::System);
}

QTEST_MAIN(TestUiLegend)
#include "tst_uilegend.moc"
