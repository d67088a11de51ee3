// The board's export, keyboard, value readout, thresholds, remote cursor motion and layout,
// offscreen: export functions are called with temporary files and their content checked; the
// shortcut list is read from the menus; keys go through the window's shortcut map; the pixels a
// moving cursor leaves in the window's backing store are compared with a full repaint.
#include "annotationdock.h"
#include "annotationstore.h"
#include "boardexport.h"
#include "chartcanvas.h"
#include "chartpanel.h"
#include "mainwindow.h"
#include "metricstore.h"
#include "presencedock.h"
#include "presencemodel.h"
#include "shortcutsdialog.h"
#include "uiboardfixture.h"

#include <QAction>
#include <QBackingStore>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMouseEvent>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>
#include <QToolButton>
#include <QTreeWidget>

#include <cmath>

using namespace Qt::StringLiterals;
using namespace wr;

namespace {

using wrtest::frame;
using wrtest::kNow;
constexpr qint64 kSpan = 5 * 60'000;

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// RFC 4180 records (quoted fields, doubled quotes, CRLF).
QList<QStringList> parseCsv(const QString &text)
{
    QList<QStringList> rows;
    QStringList row;
    QString field;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (quoted) {
            if (c == u'"' && i + 1 < text.size() && text[i + 1] == u'"') {
                field += u'"';
                ++i;
            } else if (c == u'"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == u'"') {
            quoted = true;
        } else if (c == u',') {
            row.append(field);
            field.clear();
        } else if (c == u'\r' && i + 1 < text.size() && text[i + 1] == u'\n') {
            row.append(field);
            field.clear();
            rows.append(row);
            row.clear();
            ++i;
        } else {
            field += c;
        }
    }
    return rows;
}

QAction *actionWithShortcut(QWidget *w, const QKeySequence &keys)
{
    const QList<QAction *> actions = w->findChildren<QAction *>();
    for (QAction *a : actions) {
        if (a->shortcuts().contains(keys))
            return a;
    }
    return nullptr;
}

} // namespace

class TestUi3Board : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void panelCsvHasRawPointsOfVisibleWindow();
    void csvQuotesAndDefusesText();
    void annotationsExportAsCsvAndJson();
    void pngOfPanelAndBoard();
    void exportReportsFailure();
    void shortcutListComesFromActions();
    void keysSwitchPresetsAndFollow();
    void toolbarButtonsHaveAccessibleNames();
    void valueReadoutAtPointer();
    void thresholdDrawnAndRemembered();
    void remoteCursorGlidesAndFades();
    void remoteCursorRepaintLeavesNoTrace();
    void layoutMovesHidesAndRoundTrips();

private:
    void feed();
    void addPeer(const QString &userId, const QString &name, bool followable = true);

    QTemporaryDir m_settingsDir;
    QTemporaryDir m_out;
    wrtest::Board m_board { .span = kSpan, .size = QSize(1100, 700) };
};

void TestUi3Board::initTestCase()
{
    QVERIFY(wrtest::useTestSettings(m_settingsDir));
    QVERIFY(m_out.isValid());
}

void TestUi3Board::init()
{
    QSettings().clear();
    m_board.createStores(this);
    QVERIFY(m_board.showWindow());
}

void TestUi3Board::cleanup()
{
    m_board.destroy();
}

void TestUi3Board::feed()
{
    // One point a second, from 10 min before now: half of it outside the 5 min window.
    m_board.store->apply(frame(u"alpha/cpu.usage"_s, u"CPU usage"_s, u"%"_s, kNow - 2 * kSpan, kNow,
                               1000, [](qint64 t) { return double((t / 1000) % 100); }));
    m_board.store->apply(frame(u"alpha/mem.used"_s, u"Memory used"_s, u"B"_s, kNow - kSpan, kNow,
                               1000, [](qint64) { return 4.0 * 1024 * 1024 * 1024; }));
    m_board.store->apply(frame(u"alpha/net.rx{eth0}"_s, u"Received"_s, u"B/s"_s, kNow - kSpan, kNow,
                               1000, [](qint64) { return 1000.0; }));
    m_board.window->renderFrame();
    QTRY_VERIFY(m_board.window->panel(u"alpha/cpu|%"_s)->mapping().isValid());
    m_board.window->renderFrame();
}

void TestUi3Board::addPeer(const QString &userId, const QString &name, bool followable)
{
    session::Presence p { name, u"#e5484d"_s, session::PresenceState::Active,
                          session::View { u"alpha/cpu|%"_s, kNow - 60'000, std::nullopt },
                          followable };
    m_board.presence->applyPresence(userId, p);
}

void TestUi3Board::panelCsvHasRawPointsOfVisibleWindow()
{
    feed();
    const QString path = m_out.filePath(u"cpu.csv"_s);
    QString error;
    QVERIFY2(m_board.window->exportPanelCsv(u"alpha/cpu|%"_s, path, &error), qPrintable(error));
    const QList<QStringList> rows = parseCsv(QString::fromUtf8(readAll(path)));
    QVERIFY(!rows.isEmpty());
    QCOMPARE(rows.first(),
             (QStringList { u"series_id"_s, u"series_name"_s, u"time_iso"_s, u"time_ms"_s,
                            u"value"_s }));
    // Every stored point in [now − 5 min, now): 300 rows, not the 600 stored, not a reduction.
    QCOMPARE(rows.size() - 1, 300);
    const QStringList first = rows.at(1);
    QCOMPARE(first.at(0), u"alpha/cpu.usage"_s);
    QCOMPARE(first.at(1), u"CPU usage"_s);
    QCOMPARE(first.at(3).toLongLong(), kNow - kSpan);
    QCOMPARE(first.at(2),
             QDateTime::fromMSecsSinceEpoch(kNow - kSpan, Qt::UTC).toString(Qt::ISODateWithMs));
    QVERIFY(first.at(2).endsWith(u'Z'));
    QCOMPARE(first.at(4).toDouble(), double(((kNow - kSpan) / 1000) % 100));
    QCOMPARE(rows.last().at(3).toLongLong(), kNow - 1000);

    // Zoomed and paused: only that range.
    m_board.window->showRange(kNow - 2 * kSpan, kNow - 2 * kSpan + 10'000);
    QVERIFY(m_board.window->exportPanelCsv(u"alpha/cpu|%"_s, path, &error));
    const QList<QStringList> zoomed = parseCsv(QString::fromUtf8(readAll(path)));
    QCOMPARE(zoomed.size() - 1, 10);
    QCOMPARE(zoomed.at(1).at(3).toLongLong(), kNow - 2 * kSpan);
}

void TestUi3Board::csvQuotesAndDefusesText()
{
    m_board.store->apply(frame(u"alpha/odd"_s, u"=HYPERLINK(\"x\"),y"_s, u"%"_s, kNow - 3000, kNow,
                               1000, [](qint64) { return 1.5; }));
    const QByteArray csv = BoardExport::seriesCsv(
        *m_board.store, { { u"alpha/odd"_s, u"=HYPERLINK(\"x\"),y"_s } }, kNow - kSpan, kNow);
    QVERIFY(csv.contains("\"'=HYPERLINK(\"\"x\"\"),y\""));
    const QList<QStringList> rows = parseCsv(QString::fromUtf8(csv));
    QCOMPARE(rows.size(), 4);
    QCOMPARE(rows.at(1).at(1), u"'=HYPERLINK(\"x\"),y"_s);
    QCOMPARE(rows.at(1).at(4), u"1.5"_s);
    // The hand-made ISO 8601 time agrees with QDateTime's, across days, before 1970 too.
    for (qint64 ms : { kNow, kNow + 999, qint64(0), qint64(-1), qint64(-86'400'000 - 1),
                       qint64(951'782'400'000) /* 2000-02-29 */, kNow + 86'399'999 }) {
        QCOMPARE(BoardExport::isoTime(ms),
                 QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs));
    }
    QCOMPARE(BoardExport::csvField(u"plain"_s), u"plain"_s);
    QCOMPARE(BoardExport::csvField(u"a\nb"_s), u"\"a\nb\""_s);
    QCOMPARE(BoardExport::csvField(u"-1"_s), u"\"'-1\""_s);
}

void TestUi3Board::annotationsExportAsCsvAndJson()
{
    session::Annotation region;
    region.panel = u"alpha/cpu|%"_s;
    region.t0 = kNow - 60'000;
    region.t1 = kNow - 30'000;
    region.text = u"deploy, \"canary\"\nsecond line"_s;
    region.tags = { u"deploy"_s, u"prod"_s };
    region.color = u"#12a594"_s;
    m_board.annotations->put(region);
    session::Annotation point;
    point.t0 = kNow - 10'000;
    point.text = u"=cmd|' /C calc'!A0"_s;
    m_board.annotations->put(point);
    QCOMPARE(m_board.annotations->visible().size(), 2);

    const QString csvPath = m_out.filePath(u"annotations.csv"_s);
    QString error;
    QVERIFY2(m_board.window->exportAnnotations(MainWindow::AnnotationFormat::Csv, csvPath, &error),
             qPrintable(error));
    const QList<QStringList> rows = parseCsv(QString::fromUtf8(readAll(csvPath)));
    QCOMPARE(rows.size(), 3);
    QCOMPARE(rows.first().join(u','),
             u"id,panel,t0_iso,t0_ms,t1_iso,t1_ms,text,tags,color,author_id,author"_s);
    QStringList regionRow, pointRow;
    for (const QStringList &r : rows.mid(1))
        (r.at(5).isEmpty() ? pointRow : regionRow) = r;
    QCOMPARE(regionRow.at(1), u"alpha/cpu|%"_s);
    QCOMPARE(regionRow.at(3).toLongLong(), kNow - 60'000);
    QCOMPARE(regionRow.at(5).toLongLong(), kNow - 30'000);
    QCOMPARE(regionRow.at(6), region.text);
    QCOMPARE(regionRow.at(7), u"deploy prod"_s);
    QCOMPARE(regionRow.at(9), u"me"_s);
    QCOMPARE(pointRow.at(1), QString()); // the whole board
    QCOMPARE(pointRow.at(4), QString());
    QCOMPARE(pointRow.at(6), u"'=cmd|' /C calc'!A0"_s);

    const QString jsonPath = m_out.filePath(u"annotations.json"_s);
    QVERIFY(
        m_board.window->exportAnnotations(MainWindow::AnnotationFormat::Json, jsonPath, &error));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(readAll(jsonPath), &parseError);
    QCOMPARE(parseError.error, QJsonParseError::NoError);
    QCOMPARE(doc.object().value(u"format"_s).toString(), u"watchroom.annotations"_s);
    QCOMPARE(doc.object().value(u"exportedAt"_s).toInteger(), kNow);
    const QJsonArray list = doc.object().value(u"annotations"_s).toArray();
    QCOMPARE(list.size(), 2);
    bool sawRegion = false, sawPoint = false;
    for (const QJsonValue &v : list) {
        const QJsonObject o = v.toObject();
        if (o.value(u"t1"_s).isNull()) {
            sawPoint = true;
            QVERIFY(o.value(u"panel"_s).isNull());
            QCOMPARE(o.value(u"text"_s).toString(), point.text); // JSON needs no defusing
        } else {
            sawRegion = true;
            QCOMPARE(o.value(u"t0"_s).toInteger(), kNow - 60'000);
            QCOMPARE(o.value(u"t1"_s).toInteger(), kNow - 30'000);
            QCOMPARE(o.value(u"text"_s).toString(), region.text);
            QCOMPARE(o.value(u"tags"_s).toArray().size(), 2);
            QCOMPARE(o.value(u"panel"_s).toString(), u"alpha/cpu|%"_s);
        }
    }
    QVERIFY(sawRegion && sawPoint);

    // Deleted annotations are not exported.
    m_board.annotations->remove(m_board.annotations->visible().first().id);
    QVERIFY(m_board.window->exportAnnotations(MainWindow::AnnotationFormat::Csv, csvPath, &error));
    QCOMPARE(parseCsv(QString::fromUtf8(readAll(csvPath))).size(), 2);

    // The annotation dock offers both.
    QToolButton *button = m_board.window->annotationDock()->exportButton();
    QVERIFY(button && button->isVisibleTo(m_board.window->annotationDock()));
    QCOMPARE(button->menu()->actions().size(), 2);
}

void TestUi3Board::pngOfPanelAndBoard()
{
    feed();
    ChartPanel *cpu = m_board.window->panel(u"alpha/cpu|%"_s);
    const QString panelPath = m_out.filePath(u"panel.png"_s);
    QString error;
    QVERIFY2(m_board.window->exportPanelPng(u"alpha/cpu|%"_s, panelPath, &error),
             qPrintable(error));
    const QImage panelImage(panelPath);
    QVERIFY(!panelImage.isNull());
    QCOMPARE(panelImage.size(), cpu->size() * cpu->devicePixelRatioF());
    // The line is in it: pixels of the first series colour (Okabe–Ito blue) inside the plot.
    const QColor blue(0x00, 0x72, 0xb2);
    int bluePixels = 0;
    for (int y = 0; y < panelImage.height(); ++y) {
        for (int x = 0; x < panelImage.width(); ++x)
            bluePixels += panelImage.pixelColor(x, y) == blue;
    }
    QVERIFY2(bluePixels > 100, qPrintable(QString::number(bluePixels)));

    const QString boardPath = m_out.filePath(u"board.png"_s);
    QVERIFY(m_board.window->exportBoardPng(boardPath, &error));
    const QImage board(boardPath);
    QVERIFY(!board.isNull());
    // Three panels in two columns: wider than one panel and at least two rows high.
    QVERIFY(board.width() > panelImage.width() * 3 / 2);
    QVERIFY(board.height() > panelImage.height() * 3 / 2);
}

void TestUi3Board::exportReportsFailure()
{
    feed();
    QString error;
    const QString bad = m_out.filePath(u"missing/dir/cpu.csv"_s);
    QVERIFY(!m_board.window->exportPanelCsv(u"alpha/cpu|%"_s, bad, &error));
    QVERIFY(!error.isEmpty());
    error.clear();
    QVERIFY(
        !m_board.window->exportPanelPng(u"no-such-panel"_s, m_out.filePath(u"x.png"_s), &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!QFile::exists(m_out.filePath(u"x.png"_s)));
}

void TestUi3Board::shortcutListComesFromActions()
{
    const QList<ShortcutsDialog::Entry> entries
        = ShortcutsDialog::entries(m_board.window->menuBar());
    const auto keysOf = [&](const QString &action) {
        for (const ShortcutsDialog::Entry &e : entries) {
            if (e.action == action)
                return e.keys;
        }
        return QString();
    };
    QCOMPARE(keysOf(u"Live"_s),
             QKeySequence(Qt::CTRL | Qt::Key_L).toString(QKeySequence::NativeText));
    QCOMPARE(keysOf(u"5 m"_s),
             QKeySequence(Qt::ALT | Qt::Key_2).toString(QKeySequence::NativeText));
    QCOMPARE(keysOf(u"Zoom out"_s),
             QKeySequence(QKeySequence::ZoomOut).toString(QKeySequence::NativeText));
    QCOMPARE(keysOf(u"Annotate"_s),
             QKeySequence(Qt::CTRL | Qt::Key_M).toString(QKeySequence::NativeText));
    QCOMPARE(keysOf(u"Follow / stop following"_s),
             QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F).toString(QKeySequence::NativeText));
    QVERIFY(!keysOf(u"Keyboard shortcuts"_s).isEmpty());
    // Every menu action with a shortcut is listed, under its menu.
    int withShortcut = 0;
    for (QAction *top : m_board.window->menuBar()->actions()) {
        for (QAction *a : top->menu()->actions()) {
            if (!a->menu() && !a->shortcut().isEmpty())
                ++withShortcut;
        }
    }
    int listedTopLevel = 0;
    for (const ShortcutsDialog::Entry &e : entries)
        listedTopLevel += e.menu.isEmpty() ? 0 : 1;
    QVERIFY(listedTopLevel >= withShortcut);
    // Changing a shortcut changes the list: nothing is written down twice.
    QAction *live = actionWithShortcut(m_board.window, QKeySequence(Qt::CTRL | Qt::Key_L));
    QVERIFY(live);
    live->setShortcut(QKeySequence(Qt::Key_F5));
    QCOMPARE(ShortcutsDialog::entries(m_board.window->menuBar()).size(), entries.size());
    bool found = false;
    for (const ShortcutsDialog::Entry &e : ShortcutsDialog::entries(m_board.window->menuBar()))
        found = found || (e.action == "Live"_L1 && e.keys == "F5"_L1);
    QVERIFY(found);
    // A submenu's actions are named with it.
    QVERIFY(!keysOf(u"Export › Board as PNG"_s).isEmpty());
    // The dialog shows one row per entry under one heading per menu, then the mouse gestures.
    ShortcutsDialog dialog(m_board.window->menuBar());
    QStringList menus;
    for (const ShortcutsDialog::Entry &e : entries) {
        if (!menus.contains(e.menu))
            menus.append(e.menu);
    }
    QCOMPARE(dialog.tree()->topLevelItemCount(), menus.size() + 1);
    int rows = 0;
    for (int i = 0; i < menus.size(); ++i) {
        QCOMPARE(dialog.tree()->topLevelItem(i)->text(0), menus.at(i));
        rows += dialog.tree()->topLevelItem(i)->childCount();
    }
    QCOMPARE(rows, entries.size());
    QVERIFY(dialog.tree()->topLevelItem(menus.size())->childCount() > 0);
}

void TestUi3Board::keysSwitchPresetsAndFollow()
{
    feed();
    m_board.window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_board.window));
    QTest::keyClick(m_board.window, Qt::Key_4, Qt::AltModifier);
    QCOMPARE(m_board.window->timeWindow().span(), 60 * 60'000);
    QTest::keyClick(m_board.window, Qt::Key_1, Qt::AltModifier);
    QCOMPARE(m_board.window->timeWindow().span(), 60'000);
    m_board.window->zoom(0.5, kNow - 10'000);
    QVERIFY(!m_board.window->isLive());
    QTest::keyClick(m_board.window, Qt::Key_L, Qt::ControlModifier);
    QVERIFY(m_board.window->isLive());

    // Follow: the person whose row has the focus, not simply the first one.
    addPeer(u"alice"_s, u"Alice"_s, false);
    addPeer(u"bob"_s, u"Bob"_s);
    addPeer(u"carol"_s, u"Carol"_s);
    QPushButton *carol = m_board.window->presenceDock()->followButton(u"carol"_s);
    QVERIFY(carol);
    carol->setFocus();
    QTRY_VERIFY(carol->hasFocus());
    QTest::keyClick(m_board.window, Qt::Key_F, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(m_board.window->following(), u"carol"_s);
    QTest::keyClick(m_board.window, Qt::Key_F, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(m_board.window->following(), QString());
    // No focus in the dock: the first one who can be followed (Alice cannot).
    m_board.window->panel(u"alpha/cpu|%"_s)->canvas()->setFocus();
    QVERIFY(m_board.window->toggleFollow());
    QCOMPARE(m_board.window->following(), u"bob"_s);
}

void TestUi3Board::toolbarButtonsHaveAccessibleNames()
{
    const QList<QToolBar *> bars = m_board.window->findChildren<QToolBar *>();
    QVERIFY(bars.size() >= 2);
    int buttons = 0;
    for (QToolBar *bar : bars) {
        for (QAction *a : bar->actions()) {
            if (a->isSeparator())
                continue;
            QWidget *w = bar->widgetForAction(a);
            QVERIFY(w);
            QVERIFY2(!w->accessibleName().isEmpty(), qPrintable(a->text()));
            ++buttons;
        }
    }
    QVERIFY(buttons >= 9);
    QAction *fiveMinutes = actionWithShortcut(m_board.window, QKeySequence(Qt::ALT | Qt::Key_2));
    QVERIFY(fiveMinutes);
    const QToolBar *timeBar = m_board.window->findChild<QToolBar *>(u"timeToolBar"_s);
    QCOMPARE(timeBar->widgetForAction(fiveMinutes)->accessibleName(), u"Show the last 5 m"_s);
    QVERIFY(!m_board.window->annotationDock()->searchField()->accessibleName().isEmpty());
    QVERIFY(!m_board.window->annotationDock()->exportButton()->accessibleName().isEmpty());
    // A person's row in the People dock is named after them, with state and view described.
    addPeer(u"bob"_s, u"Bob"_s);
    QWidget *row = m_board.window->presenceDock()->followButton(u"bob"_s)->parentWidget();
    QCOMPARE(row->accessibleName(), u"Bob"_s);
    QVERIFY2(row->accessibleDescription().contains(u"active"_s),
             qPrintable(row->accessibleDescription()));
}

void TestUi3Board::valueReadoutAtPointer()
{
    m_board.store->apply(frame(u"alpha/cpu.usage"_s, u"<b>CPU</b> usage"_s, u"%"_s, kNow - kSpan,
                               kNow - 60'000, 1000,
                               [](qint64 t) { return double((t / 1000) % 100); }));
    m_board.window->renderFrame();
    ChartPanel *cpu = m_board.window->panel(u"alpha/cpu|%"_s);
    QTRY_VERIFY(cpu->mapping().isValid());
    m_board.window->renderFrame();
    const qint64 at = kNow - 120'000;
    const QString text = cpu->valuesAt(at + 200); // between points: the nearest one
    const QString expected
        = u"<b>CPU</b> usage: "_s + QLocale().toString(double((at / 1000) % 100), 'f', 2) + u" %"_s;
    QVERIFY2(text.split(u'\n').contains(expected), qPrintable(text));
    QVERIFY(text.startsWith(QDateTime::fromMSecsSinceEpoch(at + 200).toString(u"HH:mm:ss"_s)));
    // The last minute has no points: no value is made up.
    QVERIFY2(cpu->valuesAt(kNow - 10'000).endsWith(u"usage: no data"_s),
             qPrintable(cpu->valuesAt(kNow - 10'000)));

    // Moving the pointer over the plot shows it; leaving hides it.
    const ChartMapping m = cpu->mapping();
    const QPointF pos(m.xForTime(double(at)), m.plotArea().center().y());
    QTest::mouseMove(cpu->canvas()->viewport(), pos.toPoint());
    QTRY_VERIFY(!cpu->canvas()->overlayState().hoverValues.isEmpty());
    QVERIFY(cpu->canvas()->overlayState().hoverValues.contains(u"<b>CPU</b> usage: "_s));
    QEvent leave(QEvent::Leave);
    QApplication::sendEvent(cpu->canvas(), &leave);
    QVERIFY(cpu->canvas()->overlayState().hoverValues.isEmpty());
}

void TestUi3Board::thresholdDrawnAndRemembered()
{
    feed();
    ChartPanel *cpu = m_board.window->panel(u"alpha/cpu|%"_s);
    QVERIFY(!cpu->threshold());
    m_board.window->setPanelThreshold(u"alpha/cpu|%"_s, 80.0);
    QCOMPARE(cpu->threshold(), std::optional<double>(80.0));
    m_board.window->renderFrame();
    QCOMPARE(cpu->canvas()->overlayState().threshold, std::optional<double>(80.0));
    QVERIFY(cpu->canvas()->overlayState().thresholdLabel.contains(u"80"_s));

    // Drawn dashed at y(80): on that row, threshold-coloured pixels with gaps between.
    const ChartMapping m = cpu->mapping();
    const QImage image = cpu->canvas()->viewport()->grab().toImage();
    const qreal dpr = image.devicePixelRatio();
    const int row = int(std::floor(m.yForValue(80.0)) * dpr);
    const QColor red(0xc0, 0x1c, 0x28);
    int onLine = 0;
    int gaps = 0;
    bool previous = false;
    for (int x = int(m.plotArea().left() * dpr) + 2; x < int(m.plotArea().right() * dpr) - 2; ++x) {
        const bool hit = image.pixelColor(x, row) == red;
        onLine += hit;
        gaps += previous && !hit;
        previous = hit;
    }
    QVERIFY2(onLine > 50, qPrintable(QString::number(onLine)));
    QVERIFY2(gaps > 10, qPrintable(QString::number(gaps))); // dashed, not solid
    // Not drawn on the other panels.
    QVERIFY(!m_board.window->panel(u"alpha/memory|B"_s)->canvas()->overlayState().threshold);

    // A window opened later on the same board shows it again; clearing forgets it.
    {
        std::unique_ptr<MainWindow> again(m_board.makeWindow());
        QCOMPARE(again->panel(u"alpha/cpu|%"_s)->threshold(), std::optional<double>(80.0));
        QVERIFY(!again->panel(u"alpha/memory|B"_s)->threshold());
    }
    m_board.window->setPanelThreshold(u"alpha/cpu|%"_s, std::nullopt);
    QVERIFY(!cpu->canvas()->overlayState().threshold);
    std::unique_ptr<MainWindow> cleared(m_board.makeWindow());
    QVERIFY(!cleared->panel(u"alpha/cpu|%"_s)->threshold());

    // The chart menu offers both; Clear only when there is one.
    QMenu *menu
        = m_board.window->createChartMenu(u"alpha/cpu|%"_s, kNow, QString(), m_board.window);
    QAction *clear = menu->findChild<QAction *>(u"clearThreshold"_s);
    QVERIFY(menu->findChild<QAction *>(u"setThreshold"_s));
    QVERIFY(clear && !clear->isEnabled());
    delete menu;
}

void TestUi3Board::remoteCursorGlidesAndFades()
{
    feed();
    qint64 mono = 1'000;
    m_board.window->setMotionClock([&mono] { return mono; });
    addPeer(u"bob"_s, u"Bob"_s);
    ChartPanel *cpu = m_board.window->panel(u"alpha/cpu|%"_s);
    ChartPanel *mem = m_board.window->panel(u"alpha/memory|B"_s);
    const auto cursor = [](ChartPanel *p) {
        const QList<RemoteCursor> list = p->canvas()->remoteCursors();
        return list.isEmpty() ? std::optional<RemoteCursor>() : list.first();
    };
    session::Cursor c;
    c.panel = u"alpha/cpu|%"_s;
    c.t = kNow - 100'000;
    c.y = 20;
    m_board.presence->applyCursor(u"bob"_s, c);
    // The first position is shown as it is.
    QCOMPARE(cursor(cpu)->t, kNow - 100'000);
    QVERIFY(!m_board.window->isCursorAnimating());

    c.t = kNow - 50'000;
    c.y = 60;
    m_board.presence->applyCursor(u"bob"_s, c);
    // Starts where it was drawn, one frame (kCursorGlideHeadStartMs of kCursorGlideMs) along.
    static_assert(MainWindow::kCursorGlideMs == 100 && MainWindow::kCursorGlideHeadStartMs == 16);
    QCOMPARE(cursor(cpu)->t, kNow - 92'000);
    QVERIFY(m_board.window->isCursorAnimating());
    mono += MainWindow::kCursorGlideMs / 2;
    m_board.window->refreshCursors();
    QCOMPARE(cursor(cpu)->t, kNow - 67'000); // 66 % of the way after half the glide
    QVERIFY(qAbs(cursor(cpu)->y - 46.4) < 1e-9);
    QCOMPARE(cursor(mem)->t, kNow - 67'000); // the crosshair glides on every panel
    QVERIFY(cursor(cpu)->onThisPanel && !cursor(mem)->onThisPanel);
    mono += MainWindow::kCursorGlideMs;
    m_board.window->refreshCursors();
    QCOMPARE(cursor(cpu)->t, kNow - 50'000);
    QVERIFY(!m_board.window->isCursorAnimating()); // no timer once it has arrived
    QCOMPARE(cursor(cpu)->opacity, 1.0);

    // Unchanged for more than 5 s: faded; moving again: opaque.
    mono += MainWindow::kCursorIdleMs + 1;
    m_board.window->refreshCursors();
    QCOMPARE(cursor(cpu)->opacity, MainWindow::kIdleCursorOpacity);
    c.t = kNow - 40'000;
    m_board.presence->applyCursor(u"bob"_s, c);
    QCOMPARE(cursor(cpu)->opacity, 1.0);

    // On the real clock the glide timer brings it to the target by itself.
    m_board.window->setMotionClock({});
    c.t = kNow - 30'000;
    m_board.presence->applyCursor(u"bob"_s, c); // first sight on the new clock: no glide
    c.t = kNow - 20'000;
    m_board.presence->applyCursor(u"bob"_s, c);
    QVERIFY(m_board.window->isCursorAnimating());
    QTRY_COMPARE(cursor(cpu)->t, kNow - 20'000);
    QTRY_VERIFY(!m_board.window->isCursorAnimating());

    // Leaving removes it.
    m_board.presence->applyBye(u"bob"_s);
    QVERIFY(!cursor(cpu));
    QVERIFY(!cursor(mem));
}

void TestUi3Board::remoteCursorRepaintLeavesNoTrace()
{
    // A moving cursor repaints only thin strips of each panel from the chart cache (copied in
    // bands, ChartCanvas::paintEvent): what the window then holds must equal a full repaint.
    feed();
    qint64 mono = 1'000;
    m_board.window->setMotionClock([&mono] { return mono; });
    addPeer(u"bob"_s, u"Bob"_s);
    QCoreApplication::sendPostedEvents(m_board.window, QEvent::UpdateRequest);
    ChartPanel *cpu = m_board.window->panel(u"alpha/cpu|%"_s);
    QVERIFY(cpu);
    QWidget *viewport = cpu->canvas()->viewport();
    QVERIFY(viewport->height() > 200); // taller than one band, so several bands are copied
    const auto *store = dynamic_cast<const QImage *>(m_board.window->backingStore()->paintDevice());
    QVERIFY2(store, "the offscreen backing store is an image");

    const auto moveTo = [&](qint64 t, double y) {
        session::Cursor c;
        c.panel = u"alpha/cpu|%"_s;
        c.t = t;
        c.y = y;
        m_board.presence->applyCursor(u"bob"_s, c);
        mono += MainWindow::kCursorGlideMs + 1; // past the glide: drawn at the target
        m_board.window->refreshCursors();
        QCoreApplication::sendPostedEvents(m_board.window, QEvent::UpdateRequest);
    };
    // The panel's resize grip lies over the viewport's corner in the window but is not part of
    // the viewport's own rendering: left out of both.
    const QWidget *handle = cpu->resizeHandle();
    const QRect grip(viewport->mapFrom(m_board.window, handle->mapTo(m_board.window, QPoint())),
                     handle->size());
    QVERIFY(viewport->rect().intersects(grip));
    const auto comparable = [&](QImage image) {
        image = image.convertToFormat(QImage::Format_ARGB32);
        image.setDevicePixelRatio(1);
        const qreal dpr = viewport->devicePixelRatioF();
        for (int y = int(grip.top() * dpr); y < int((grip.bottom() + 1) * dpr); ++y) {
            for (int x = int(grip.left() * dpr); x < int((grip.right() + 1) * dpr); ++x) {
                if (image.rect().contains(x, y))
                    image.setPixel(x, y, 0);
            }
        }
        return image;
    };
    const auto held = [&] {
        const QRect inWindow(viewport->mapTo(m_board.window, QPoint(0, 0)), viewport->size());
        const qreal dpr = store->devicePixelRatio();
        return comparable(store->copy(QRect((QPointF(inWindow.topLeft()) * dpr).toPoint(),
                                            (QSizeF(inWindow.size()) * dpr).toSize())));
    };
    const auto fullRepaint = [&] { return comparable(viewport->grab().toImage()); };

    moveTo(kNow - 200'000, 90);
    const QImage withCursor = held();
    QCOMPARE(withCursor, fullRepaint());
    moveTo(kNow - 40'000, 10); // far away: the old strip must be restored from the cache
    const QImage moved = held();
    QVERIFY(moved != withCursor);
    QCOMPARE(moved, fullRepaint());
    m_board.presence->applyBye(u"bob"_s);
    QCoreApplication::sendPostedEvents(m_board.window, QEvent::UpdateRequest);
    QCOMPARE(held(), fullRepaint());
}

void TestUi3Board::layoutMovesHidesAndRoundTrips()
{
    feed();
    const QString cpu = u"alpha/cpu|%"_s;
    const QString mem = u"alpha/memory|B"_s;
    const QString net = u"alpha/network|B/s"_s;
    QCOMPARE(m_board.window->visiblePanelOrder(), (QStringList { cpu, mem, net }));
    QVERIFY(!m_board.window->movePanel(cpu, -1)); // already first
    QVERIFY(m_board.window->movePanel(net, -1));
    QCOMPARE(m_board.window->visiblePanelOrder(), (QStringList { cpu, net, mem }));
    // The grid follows: the network panel is now right of CPU, memory below.
    QTRY_VERIFY(m_board.window->panel(net)->x() > m_board.window->panel(cpu)->x());
    QVERIFY(m_board.window->panel(mem)->y() > m_board.window->panel(cpu)->y());

    m_board.window->setPanelHidden(cpu, true);
    QCOMPARE(m_board.window->visiblePanelOrder(), (QStringList { net, mem }));
    QVERIFY(!m_board.window->panel(cpu)->isVisible());
    QMenu *hiddenMenu = m_board.window->findChild<QMenu *>(u"hiddenPanelsMenu"_s);
    QVERIFY(hiddenMenu && hiddenMenu->isEnabled());
    QCOMPARE(hiddenMenu->actions().first()->data().toString(), cpu);
    m_board.window->setPanelThreshold(mem, 5e9);

    // Saved per board: a new window on the same board has the same layout.
    {
        std::unique_ptr<MainWindow> again(m_board.makeWindow());
        QCOMPARE(again->panelOrder(), (QStringList { cpu, net, mem }));
        QVERIFY(again->isPanelHidden(cpu));
    }

    // JSON round trip: export, change everything, import.
    const QString path = m_out.filePath(u"layout.json"_s);
    QString error;
    QVERIFY2(m_board.window->exportLayout(path, &error), qPrintable(error));
    const QJsonObject root = QJsonDocument::fromJson(readAll(path)).object();
    QCOMPARE(root.value(u"format"_s).toString(), u"watchroom.layout"_s);
    const QJsonArray panels = root.value(u"panels"_s).toArray();
    QCOMPARE(panels.size(), 3);
    QCOMPARE(panels.at(0).toObject().value(u"id"_s).toString(), cpu);
    QCOMPARE(panels.at(0).toObject().value(u"hidden"_s).toBool(), true);
    QCOMPARE(panels.at(2).toObject().value(u"threshold"_s).toDouble(), 5e9);

    // Every panel hidden: the board says so instead of staying blank.
    QLabel *empty = m_board.window->findChild<QLabel *>(u"emptyState"_s);
    QVERIFY(empty && !empty->isVisible());
    m_board.window->setPanelHidden(net, true);
    m_board.window->setPanelHidden(mem, true);
    QVERIFY(empty->isVisible());
    QVERIFY2(empty->text().contains(u"Hidden panels"_s), qPrintable(empty->text()));

    m_board.window->showAllPanels();
    QVERIFY(!empty->isVisible());
    m_board.window->setPanelThreshold(mem, std::nullopt);
    QVERIFY(m_board.window->movePanel(mem, -1));
    QVERIFY(m_board.window->panel(cpu)->isVisible());
    QVERIFY(!hiddenMenu->isEnabled());
    QVERIFY2(m_board.window->importLayout(path, &error), qPrintable(error));
    QCOMPARE(m_board.window->panelOrder(), (QStringList { cpu, net, mem }));
    QVERIFY(m_board.window->isPanelHidden(cpu));
    QCOMPARE(m_board.window->panel(mem)->threshold(), std::optional<double>(5e9));

    // Not a layout: refused with a reason, nothing changed.
    const QString bogus = m_out.filePath(u"bogus.json"_s);
    QVERIFY(BoardExport::writeFile(bogus, "{\"format\":\"something else\"}", &error));
    error.clear();
    QVERIFY(!m_board.window->importLayout(bogus, &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(m_board.window->isPanelHidden(cpu));
}

QTEST_MAIN(TestUi3Board)
#include "tst_ui3board.moc"
