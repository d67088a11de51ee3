// UI languages (issue #6). The language override applies at once: the open main window (menus,
// toolbars, docks, status bar) retranslates when the language is switched, directly through
// wr::setUiLanguage and through the Settings dialog's language box, and back to English. In every
// language, menu accelerators are unique per menu and the keyboard shortcuts list cuts nothing
// off. Screenshots of the main window in German and Japanese (and English), of its toolbars and
// status bar at twice the size, and of the dialogs in German go to $WATCHROOM_SCREENSHOT_DIR or
// ./screenshots (under ctest: <build>/tests/integration/screenshots) for people to look at; the
// test fails when a toolbar overflows or a toolbar button, status bar label, dock button or
// dialog button/label is narrower than its text needs.
//
// Japanese needs a CJK font (Debian: fonts-wqy-microhei or fonts-noto-cjk); without one the
// Japanese screenshot shows boxes and the test says so, but does not fail.
#include "aboutdialog.h"
#include "addpaneldialog.h"
#include "annotationdialog.h"
#include "annotationdock.h"
#include "annotationstore.h"
#include "chartpanel.h"
#include "hostdialog.h"
#include "joindialog.h"
#include "mainwindow.h"
#include "metricstore.h"
#include "presencedock.h"
#include "presencemodel.h"
#include "settingsdialog.h"
#include "shortcutsdialog.h"
#include "uilanguage.h"

#include <QAbstractButton>
#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QFontDatabase>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTest>
#include <QToolBar>
#include <QToolButton>
#include <QTreeWidget>
#include <QTreeWidgetItemIterator>

#include <cmath>
#include <memory>

using namespace Qt::StringLiterals;
using namespace wr;

namespace {

qint64 fixedNow()
{
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

QStringList menuTitles(QMainWindow *window)
{
    QStringList titles;
    for (QAction *a : window->menuBar()->actions())
        titles.append(a->text());
    return titles;
}

QStringList toolBarTexts(QMainWindow *window)
{
    QStringList texts;
    for (QToolBar *bar : window->findChildren<QToolBar *>()) {
        for (QAction *a : bar->actions()) {
            if (!a->isSeparator())
                texts.append(a->text());
        }
    }
    return texts;
}

// wr::setUiLanguage installs the catalogues; Qt posts QEvent::LanguageChange to every top-level
// window, so the windows retranslate on the next pass of the event loop.
bool switchLanguage(const QLocale &locale)
{
    const bool installed = setUiLanguage(locale);
    QCoreApplication::sendPostedEvents();
    QCoreApplication::processEvents();
    return installed;
}

// Tree cells whose text is wider than their column (the view elides them with "…").
QStringList elidedTreeItems(const QTreeWidget *tree)
{
    QStringList elided;
    for (QTreeWidgetItemIterator it(const_cast<QTreeWidget *>(tree)); *it; ++it) {
        const QTreeWidgetItem *item = *it;
        if (item->isFirstColumnSpanned())
            continue;
        int depth = tree->rootIsDecorated() ? 1 : 0;
        for (const QTreeWidgetItem *p = item->parent(); p; p = p->parent())
            ++depth;
        for (int c = 0; c < tree->columnCount(); ++c) {
            const int needed = QFontMetrics(item->font(c)).horizontalAdvance(item->text(c))
                + (c == 0 ? depth * tree->indentation() : 0) + 6; // 6: the cell's margins
            if (needed > tree->columnWidth(c))
                elided.append(u"\"%1\" (%2 > %3 px)"_s.arg(item->text(c)).arg(needed)
                                  .arg(tree->columnWidth(c)));
        }
    }
    return elided;
}

} // namespace

class TestUiLanguage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();
    void switchingRetranslatesTheMainWindow();
    void settingsDialogAppliesAtOnce();
    void titleAndPlaceRetranslate();
    void menuAcceleratorsAreUnique_data();
    void menuAcceleratorsAreUnique();
    void germanDialogs();
    void shortcutsFit_data();
    void shortcutsFit();
    void screenshots_data();
    void screenshots();

private:
    void fillBoard();
    QStringList clippedWidgets() const;

    QDir m_dir;
    qint64 m_now = 0;
    std::unique_ptr<MetricStore> m_store;
    std::unique_ptr<AnnotationStore> m_annotations;
    std::unique_ptr<PresenceModel> m_presence;
    std::unique_ptr<MainWindow> m_window;
};

void TestUiLanguage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"watchroom-tests"_s);
    QCoreApplication::setApplicationName(u"tst_uilanguage"_s);
    QSettings().remove(u"appearance/language"_s);
    const QString dir = qEnvironmentVariable("WATCHROOM_SCREENSHOT_DIR",
                                             QDir::current().filePath(u"screenshots"_s));
    QVERIFY(QDir().mkpath(dir));
    m_dir = QDir(dir);
    QVERIFY(availableUiLanguages().contains(u"de"_s));
    QVERIFY(availableUiLanguages().contains(u"ja"_s));
    setUiLanguage(QLocale(QLocale::English));
}

void TestUiLanguage::init()
{
    m_now = fixedNow();
    const qint64 now = m_now;
    m_store = std::make_unique<MetricStore>();
    m_annotations = std::make_unique<AnnotationStore>(u"me"_s, [now] { return now; });
    m_presence = std::make_unique<PresenceModel>();
    m_presence->setLocalUserId(u"me"_s);
    m_window = std::make_unique<MainWindow>(m_store.get(), m_annotations.get(), m_presence.get());
    m_window->setClock([now] { return now; });
    m_window->setSpan(5 * 60'000);
    // A common laptop width: the German strings must fit here.
    m_window->resize(1280, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestUiLanguage::cleanup()
{
    switchLanguage(QLocale(QLocale::English));
    m_window.reset();
    m_presence.reset();
    m_annotations.reset();
    m_store.reset();
}

void TestUiLanguage::cleanupTestCase()
{
    QSettings().remove(u"appearance/language"_s);
}

void TestUiLanguage::switchingRetranslatesTheMainWindow()
{
    MainWindow *w = m_window.get();
    {
        // Panels that exist before the switch must retranslate too.
        session::MetricsFrame f;
        f.source = u"test"_s;
        f.series = { series(u"alpha/mem.used"_s, u"Memory used"_s, u"B"_s,
                            { { u"host"_s, u"alpha"_s } }) };
        f.series[0].points.append({ m_now, 5e9 });
        m_store->apply(f);
        QTRY_VERIFY_WITH_TIMEOUT(!w->findChildren<ChartPanel *>().isEmpty(), 5000);
    }
    const auto panelTitles = [w] {
        QStringList titles;
        for (const ChartPanel *p : w->findChildren<ChartPanel *>())
            titles.append(p->title());
        titles.sort();
        return titles;
    };
    const QStringList englishTitles = panelTitles();
    QVERIFY2(englishTitles.contains(u"Memory · alpha"_s), qPrintable(englishTitles.join(u", "_s)));
    const QStringList englishMenus = menuTitles(w);
    const QStringList englishTools = toolBarTexts(w);
    QVERIFY2(englishMenus.contains(u"&Session"_s), qPrintable(englishMenus.join(u", "_s)));
    QVERIFY(englishMenus.contains(u"&View"_s));
    QVERIFY(englishMenus.contains(u"&Help"_s));
    QCOMPARE(w->annotateAction()->text(), u"Annotate"_s);
    QVERIFY2(englishTools.contains(u"Zoom out"_s), qPrintable(englishTools.join(u", "_s)));
    QVERIFY(englishTools.contains(u"Join…"_s));
    QCOMPARE(w->presenceDock()->windowTitle(), u"People"_s);
    QCOMPARE(w->annotationDock()->windowTitle(), u"Annotations"_s);
    const int sessionIndex = int(englishMenus.indexOf(u"&Session"_s));

    // German: no restart, no new window; the open one retranslates.
    QVERIFY(switchLanguage(QLocale(QLocale::German, QLocale::Germany)));
    const QStringList germanMenus = menuTitles(w);
    QVERIFY2(germanMenus.contains(u"&Sitzung"_s), qPrintable(germanMenus.join(u", "_s)));
    QVERIFY(germanMenus.contains(u"&Ansicht"_s));
    QVERIFY(germanMenus.contains(u"&Hilfe"_s));
    QCOMPARE(w->menuBar()->actions().at(sessionIndex)->text(), u"&Sitzung"_s);
    QCOMPARE(w->annotateAction()->text(), u"Annotieren"_s);
    const QStringList germanTools = toolBarTexts(w);
    QVERIFY2(germanTools.contains(u"Herauszoomen"_s), qPrintable(germanTools.join(u", "_s)));
    QVERIFY(germanTools.contains(u"Beitreten…"_s));
    QVERIFY(germanTools.contains(u"5 min"_s));
    QVERIFY(!germanTools.contains(u"Zoom out"_s));
    QCOMPARE(w->presenceDock()->windowTitle(), u"Personen"_s);
    QCOMPARE(w->annotationDock()->windowTitle(), u"Annotationen"_s);
    QCOMPARE(w->connectionText(), u"Nicht verbunden"_s);
    QVERIFY2(panelTitles().contains(u"Speicher · alpha"_s), qPrintable(panelTitles().join(u", "_s)));
    // Qt's own catalogue came along (standard strings of Qt's widgets).
    QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Close"), u"Schließen"_s);

    // Every menu and toolbar text of the window changed or is meant to stay (product names).
    QCOMPARE(germanMenus.size(), englishMenus.size());
    for (qsizetype i = 0; i < englishMenus.size(); ++i)
        QVERIFY2(germanMenus.at(i) != englishMenus.at(i), qPrintable(englishMenus.at(i)));

    // Japanese: one more switch, straight from German.
    QVERIFY(switchLanguage(QLocale(QLocale::Japanese)));
    QVERIFY(menuTitles(w).contains(u"セッション(&S)"_s));
    QCOMPARE(w->annotateAction()->text(), u"注釈を追加"_s);

    // And back to English: the source strings again.
    QVERIFY(!switchLanguage(QLocale(QLocale::English)));
    QCOMPARE(menuTitles(w), englishMenus);
    QCOMPARE(toolBarTexts(w), englishTools);
    QCOMPARE(w->annotateAction()->text(), u"Annotate"_s);
    QCOMPARE(w->presenceDock()->windowTitle(), u"People"_s);
    QCOMPARE(w->connectionText(), u"Not connected"_s);
    QCOMPARE(panelTitles(), englishTitles);
    // English plurals come from their own small catalogue, not from the "(s)" source text.
    QCOMPARE(QCoreApplication::translate("wr::AnnotationDock", "%n annotation(s)", nullptr, 1),
             u"1 annotation"_s);
    QCOMPARE(QCoreApplication::translate("wr::AnnotationDock", "%n annotation(s)", nullptr, 3),
             u"3 annotations"_s);
}

void TestUiLanguage::settingsDialogAppliesAtOnce()
{
    MainWindow *w = m_window.get();
    SettingsDialog dialog(Theme::Mode::System, PrivacySettings(), w);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QCOMPARE(dialog.windowTitle(), u"Settings"_s);
    QComboBox *box = dialog.languageBox();
    const int german = box->findData(u"de"_s);
    const int english = box->findData(u"en"_s);
    QVERIFY(german > 0);
    QVERIFY(english > 0);
    QCOMPARE(box->itemText(german), u"Deutsch"_s);

    // Choosing a language applies it: nothing to confirm, the dialog and the window behind it
    // are German while the dialog is still open, and the choice is saved.
    box->setCurrentIndex(german);
    QCoreApplication::sendPostedEvents();
    QCoreApplication::processEvents();
    QCOMPARE(dialog.windowTitle(), u"Einstellungen"_s);
    QCOMPARE(w->annotateAction()->text(), u"Annotieren"_s);
    QVERIFY(menuTitles(w).contains(u"&Sitzung"_s));
    QCOMPARE(savedUiLanguage(), u"de"_s);
    // The first entry (system language) is retranslated too.
    QCOMPARE(box->itemText(0), u"Systemsprache"_s);
    // The dialog, retranslated while open, for people to look at (longer German texts).
    QVERIFY(dialog.grab().save(m_dir.filePath(u"uilanguage-de-settings.png"_s)));
    for (QAbstractButton *b : dialog.findChildren<QAbstractButton *>())
        QVERIFY2(b->width() >= b->sizeHint().width(), qPrintable(b->text()));

    box->setCurrentIndex(english);
    QCoreApplication::sendPostedEvents();
    QCoreApplication::processEvents();
    QCOMPARE(dialog.windowTitle(), u"Settings"_s);
    QCOMPARE(w->annotateAction()->text(), u"Annotate"_s);
    QVERIFY(menuTitles(w).contains(u"&Session"_s));
    QCOMPARE(savedUiLanguage(), u"en"_s);
}

// Texts built once from parts (the window title, where we are connected, the Add panel dialog
// that is open) follow a language switch too, and come back in English.
void TestUiLanguage::titleAndPlaceRetranslate()
{
    MainWindow *w = m_window.get();
    ConnectionStatus status;
    status.state = ConnectionStatus::State::Connected;
    status.where = u"built-once text"_s; // what an owner without a place passes
    w->setConnectionStatus(status);
    QCOMPARE(w->connectionText(), u"Connected to built-once text"_s);
    w->setSessionPlace({ SessionPlace::Kind::ThisComputer, u"main"_s, {} });
    QCOMPARE(w->windowTitle(), u"Watchroom — main (this computer)"_s);
    QCOMPARE(w->connectionText(), u"Connected to this computer"_s);
    auto *dialog = new AddPanelDialog(m_store.get(), w);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    QCOMPARE(dialog->windowTitle(), u"Add panel"_s);

    QVERIFY(switchLanguage(QLocale(QLocale::German)));
    QCOMPARE(w->windowTitle(), u"Watchroom — main (dieser Computer)"_s);
    QCOMPARE(w->connectionText(), u"Verbunden: dieser Computer"_s);
    QCOMPARE(dialog->windowTitle(), u"Panel hinzufügen"_s);
    w->setSessionPlace({ SessionPlace::Kind::Hosting, u"main"_s, u"192.168.1.20:7300"_s });
    QCOMPARE(w->windowTitle(), u"Watchroom — main (gehostet unter 192.168.1.20:7300)"_s);
    QCOMPARE(w->connectionText(),
             u"Verbunden: dieser Computer, geteilt unter 192.168.1.20:7300"_s);

    QVERIFY(switchLanguage(QLocale(QLocale::Japanese)));
    QVERIFY2(w->windowTitle().startsWith(u"Watchroom — main"_s)
                 && w->windowTitle().contains(u"192.168.1.20:7300"_s)
                 && !w->windowTitle().contains(u"gehostet"_s)
                 && !w->windowTitle().contains(u"hosting"_s),
             qPrintable(w->windowTitle()));

    QVERIFY(!switchLanguage(QLocale(QLocale::English)));
    QCOMPARE(w->windowTitle(), u"Watchroom — main (hosting at 192.168.1.20:7300)"_s);
    QCOMPARE(w->connectionText(), u"Connected to this computer, shared at 192.168.1.20:7300"_s);
    QCOMPARE(dialog->windowTitle(), u"Add panel"_s);
    // Joined elsewhere: the hub's host.
    w->setSessionPlace({ SessionPlace::Kind::Joined, u"team"_s, u"hub.example.net"_s });
    QCOMPARE(w->windowTitle(), u"Watchroom — team"_s);
    QCOMPARE(w->connectionText(), u"Connected to hub.example.net"_s);
    dialog->close();
}

void TestUiLanguage::menuAcceleratorsAreUnique_data()
{
    QTest::addColumn<QString>("language");
    for (const QString &language : { u"en"_s, u"de"_s, u"fr"_s, u"es"_s, u"ja"_s, u"zh_CN"_s })
        QTest::addRow("%s", qPrintable(language)) << language;
}

// In every language, the menu bar and each menu give each of their items a different Alt key.
void TestUiLanguage::menuAcceleratorsAreUnique()
{
    QFETCH(QString, language);
    QCOMPARE(switchLanguage(QLocale(language)), language != u"en"_s);
    QList<QList<QAction *>> groups { m_window->menuBar()->actions() };
    for (QMenu *menu : m_window->findChildren<QMenu *>())
        groups.append(menu->actions());
    QStringList clashes;
    for (const QList<QAction *> &actions : groups) {
        QHash<QKeySequence, QString> seen;
        for (QAction *a : actions) {
            const QKeySequence key = QKeySequence::mnemonic(a->text());
            if (key.isEmpty())
                continue;
            if (seen.contains(key))
                clashes.append(u"\"%1\" and \"%2\" (%3)"_s.arg(seen.value(key), a->text(),
                                                                key.toString()));
            seen.insert(key, a->text());
        }
    }
    QVERIFY2(clashes.isEmpty(), qPrintable(clashes.join(u"; "_s)));
}

// The dialogs in German (their longest language here), for people to look at; no button and no
// single-line label may be narrower than its text.
void TestUiLanguage::germanDialogs()
{
    fillBoard(); // series for the Add panel dialog
    QVERIFY(switchLanguage(QLocale(QLocale::German)));
    session::Annotation annotation;
    annotation.panel = u"alpha/cpu|%"_s;
    annotation.t0 = m_now - 60'000;
    annotation.t1 = m_now - 30'000;
    HostResult hosted;
    hosted.ok = true;
    hosted.address = u"192.168.1.20:7300"_s;
    for (const QString &role : { u"viewer"_s, u"annotator"_s }) {
        hosted.links.append({ role,
                              u"watchroom://join?hub=http%3A%2F%2F192.168.1.20%3A7300%2Fnegotiate"
                              "&board=main&invite=0123456789abcdef"_s,
                              u"http://192.168.1.20:7300/negotiate?board=main&invite=0123456789abcdef"_s });
    }
    auto host = std::make_unique<HostDialog>([hosted](const QHostAddress &, quint16) { return hosted; },
                                             m_window.get());
    host->showResult(hosted);
    const std::pair<QString, std::unique_ptr<QDialog>> dialogs[] = {
        { u"about"_s, std::make_unique<AboutDialog>(m_window.get()) },
        { u"join"_s, std::make_unique<JoinDialog>(u"main"_s, m_window.get()) },
        { u"host"_s, std::move(host) },
        { u"annotation"_s, std::make_unique<AnnotationDialog>(annotation, u"CPU · alpha"_s, m_window.get()) },
        { u"addpanel"_s, std::make_unique<AddPanelDialog>(m_store.get(), m_window.get()) },
    };
    QStringList clipped;
    for (const auto &[name, dialog] : dialogs) {
        dialog->show();
        QVERIFY(QTest::qWaitForWindowExposed(dialog.get()));
        QCoreApplication::processEvents();
        QVERIFY(dialog->grab().save(m_dir.filePath(u"uilanguage-de-dialog-%1.png"_s.arg(name))));
        for (QAbstractButton *b : dialog->findChildren<QAbstractButton *>()) {
            if (b->isVisible() && !b->text().isEmpty() && b->width() < b->sizeHint().width())
                clipped.append(u"%1: button \"%2\" %3 < %4 px"_s.arg(name, b->text())
                                   .arg(b->width()).arg(b->sizeHint().width()));
        }
        for (QLabel *l : dialog->findChildren<QLabel *>()) {
            if (l->isVisible() && !l->wordWrap() && !l->text().isEmpty()
                && l->width() < l->sizeHint().width())
                clipped.append(u"%1: label \"%2\" %3 < %4 px"_s.arg(name, l->text())
                                   .arg(l->width()).arg(l->sizeHint().width()));
        }
        dialog->hide();
    }
    for (const QString &c : clipped)
        qWarning("%s", qPrintable(c));
    QVERIFY2(clipped.isEmpty(), qPrintable(clipped.join(u"; "_s)));
}

void TestUiLanguage::shortcutsFit_data()
{
    QTest::addColumn<QString>("language");
    for (const QString &language : { u"en"_s, u"de"_s, u"fr"_s, u"es"_s, u"ja"_s, u"zh_CN"_s })
        QTest::addRow("%s", qPrintable(language)) << language;
}

// The keyboard shortcuts dialog lists menu actions and chart gestures in two columns: no entry
// may be cut off in any language.
void TestUiLanguage::shortcutsFit()
{
    QFETCH(QString, language);
    QCOMPARE(switchLanguage(QLocale(language)), language != u"en"_s);
    ShortcutsDialog dialog(m_window->menuBar(), m_window.get());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QCoreApplication::processEvents();
    QVERIFY(dialog.grab().save(m_dir.filePath(u"uilanguage-%1-dialog-shortcuts.png"_s.arg(language))));
    const auto *tree = dialog.findChild<QTreeWidget *>();
    QVERIFY(tree);
    const QStringList elided = elidedTreeItems(tree);
    QVERIFY2(elided.isEmpty(), qPrintable(elided.join(u"; "_s)));
}

void TestUiLanguage::fillBoard()
{
    const qint64 now = m_now;
    const QMap<QString, QString> host { { u"host"_s, u"alpha"_s } };
    auto cpu = series(u"alpha/cpu.usage"_s, u"CPU usage"_s, u"%"_s, host);
    auto mem = series(u"alpha/mem.used"_s, u"Memory used"_s, u"B"_s, host);
    auto rx = series(u"alpha/net.rx{eth0}"_s, u"Received"_s, u"B/s"_s,
                     { { u"host"_s, u"alpha"_s }, { u"interface"_s, u"eth0"_s } });
    auto load = series(u"alpha/load.1"_s, u"Load average (1 min)"_s, QString(), host);
    for (qint64 t = now - 10 * 60'000; t <= now; t += 1000) {
        const double x = double(t - now) / 1000.0;
        cpu.points.append({ t, 40 + 25 * std::sin(x / 23.0) });
        mem.points.append({ t, 5e9 + 3e8 * std::cos(x / 90.0) });
        rx.points.append({ t, 3e5 + 2e5 * std::sin(x / 7.0) });
        load.points.append({ t, 1.2 + 0.4 * std::sin(x / 40.0) });
    }
    session::MetricsFrame f;
    f.source = u"test"_s;
    f.series = { cpu, mem, rx, load };
    m_store->apply(f);

    session::Annotation point;
    point.t0 = now - 200'000;
    point.text = u"deploy 4.2"_s;
    point.tags = { u"deploy"_s };
    point.color = u"#8e4ec6"_s;
    m_annotations->put(point);
    session::Annotation region;
    region.panel = u"alpha/cpu|%"_s;
    region.t0 = now - 170'000;
    region.t1 = now - 110'000;
    region.text = u"load test"_s;
    region.color = u"#f5a524"_s;
    m_annotations->put(region);

    m_presence->applyHello(u"alice"_s, { u"Alice"_s, u"#e5484d"_s, u"watchroom/0.1.0"_s });
    m_presence->applyHello(u"bob"_s, { u"Bob"_s, u"#12a594"_s, u"watchroom/0.1.0"_s });
    m_presence->applyPresence(
        u"alice"_s, { u"Alice"_s, u"#e5484d"_s, session::PresenceState::Active,
                      session::View { u"alpha/cpu|%"_s, now - 5 * 60'000, std::nullopt }, true });
    m_presence->applyPresence(
        u"bob"_s, { u"Bob"_s, u"#12a594"_s, session::PresenceState::Idle,
                    session::View { QString(), now - 10 * 60'000, now - 5 * 60'000 }, true });

    // The longest status bar texts: recovering the connection, a round-trip time, and paused.
    ConnectionStatus status;
    status.state = ConnectionStatus::State::Recovering;
    status.roundTripMs = 23;
    m_window->setConnectionStatus(status);
    m_window->pan(-60'000);
}

// Widgets whose text does not fit: toolbars that overflow into their extension menu, toolbar
// buttons and status bar labels narrower than their size hint.
QStringList TestUiLanguage::clippedWidgets() const
{
    QStringList clipped;
    for (QToolBar *bar : m_window->findChildren<QToolBar *>()) {
        if (!bar->isVisible())
            continue;
        for (QAction *a : bar->actions()) {
            if (a->isSeparator() || !a->isVisible())
                continue;
            QWidget *button = bar->widgetForAction(a);
            if (!button || !button->isVisible())
                clipped.append(u"toolbar %1: \"%2\" overflows"_s.arg(bar->objectName(), a->text()));
            else if (button->width() < button->sizeHint().width())
                clipped.append(u"toolbar button \"%1\": %2 < %3 px"_s.arg(a->text())
                                   .arg(button->width()).arg(button->sizeHint().width()));
        }
    }
    for (QLabel *label : m_window->statusBar()->findChildren<QLabel *>()) {
        if (label->isVisible() && !label->wordWrap() && !label->text().isEmpty()
            && label->width() < label->sizeHint().width())
            clipped.append(u"status bar \"%1\": %2 < %3 px"_s.arg(label->text())
                               .arg(label->width()).arg(label->sizeHint().width()));
    }
    for (QDockWidget *dock : m_window->findChildren<QDockWidget *>()) {
        if (!dock->isVisible())
            continue;
        for (QAbstractButton *button : dock->findChildren<QAbstractButton *>()) {
            if (button->isVisible() && !button->text().isEmpty()
                && button->width() < button->sizeHint().width())
                clipped.append(u"dock %1 button \"%2\": %3 < %4 px"_s.arg(dock->windowTitle(),
                                   button->text()).arg(button->width()).arg(button->sizeHint().width()));
        }
    }
    return clipped;
}

void TestUiLanguage::screenshots_data()
{
    QTest::addColumn<QString>("language");
    QTest::addRow("de") << u"de"_s;
    QTest::addRow("ja") << u"ja"_s;
    QTest::addRow("en") << u"en"_s;
}

void TestUiLanguage::screenshots()
{
    QFETCH(QString, language);
    // As the app starts: the language first, then the panels (their titles are made once, when
    // the first series of a panel arrives).
    QCOMPARE(switchLanguage(QLocale(language)), language != u"en"_s);
    fillBoard();
    QVERIFY(!m_window->isLive());
    if (language == u"ja"_s
        && !QFontDatabase::families(QFontDatabase::Japanese).size()) {
        qWarning("No font with Japanese glyphs is installed: the Japanese screenshot shows "
                 "boxes (Debian: fonts-wqy-microhei or fonts-noto-cjk)");
    }
    // Two frames: the first lays the charts out, the second draws into the final plot areas.
    m_window->renderFrame();
    QCoreApplication::processEvents();
    m_window->renderFrame();
    QCoreApplication::processEvents();
    QVERIFY(m_window->panels().size() >= 3);

    const QString path = m_dir.filePath(u"uilanguage-%1.png"_s.arg(language));
    QVERIFY(m_window->grab().save(path));
    qInfo("saved %s", qPrintable(path));
    // The menu bar with the toolbars, and the status bar, at twice the size for a closer look.
    const int top = m_window->centralWidget() ? m_window->centralWidget()->y() : 60;
    const auto zoomed = [](const QPixmap &p) {
        return p.toImage().scaled(p.size() * 2, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    };
    QVERIFY(zoomed(m_window->grab(QRect(0, 0, m_window->width() * 2 / 3, top)))
                .save(m_dir.filePath(u"uilanguage-%1-toolbars.png"_s.arg(language))));
    QVERIFY(zoomed(m_window->statusBar()->grab())
                .save(m_dir.filePath(u"uilanguage-%1-statusbar.png"_s.arg(language))));
    const QStringList clipped = clippedWidgets();
    for (const QString &c : clipped)
        qWarning("%s: %s", qPrintable(language), qPrintable(c));
    QVERIFY2(clipped.isEmpty(), qPrintable(clipped.join(u"; "_s)));
}

QTEST_MAIN(TestUiLanguage)
#include "tst_uilanguage.moc"
