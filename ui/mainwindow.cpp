#include "mainwindow.h"

#include "aboutdialog.h"
#include "addpaneldialog.h"
#include "annotationdialog.h"
#include "annotationdock.h"
#include "annotationstore.h"
#include "boardexport.h"
#include "chartcanvas.h"
#include "chartpanel.h"
#include "desktopnotifier.h"
#include "metricstore.h"
#include "paneldrag.h"
#include "panelgrouping.h"
#include "plaintext.h"
#include "presencedock.h"
#include "presencemodel.h"
#include "session.h"
#include "shortcutsdialog.h"
#include "uilogging.h"
#include "watchroomresources.h"

#include <QActionGroup>
#include <QApplication>
#include <QDateTime>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QGridLayout>
#include <QLabel>
#include <QMenu>
#include <QInputDialog>
#include <QKeyEvent>
#include <QMenuBar>
#include <QPromise>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>
#include <QScrollArea>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QThreadPool>
#include <QToolBar>
#include <QUuid>

#include <algorithm>
#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace wr {

namespace {

constexpr int kFrameIntervalMs = 16; // at most ~60 frames a second

// Connecting, recovering, reconnecting or offline: data cannot arrive (Stopped: there is no
// session, the data comes from elsewhere).
bool connectionIsDown(const ConnectionStatus &status)
{
    using S = ConnectionStatus::State;
    return status.state != S::Connected && status.state != S::Stopped;
}

// The newest `count` points of a series, oldest first.
QList<Sample> newestSamples(const MetricStore &store, const QString &id, qsizetype count)
{
    QList<Sample> out;
    const TimeSeriesBuffer *buffer = store.buffer(id);
    if (!buffer)
        return out;
    const qsizetype n = buffer->size();
    out.reserve(std::min(n, count));
    for (qsizetype i = std::max<qsizetype>(0, n - count); i < n; ++i)
        out.append(buffer->at(i));
    return out;
}

// The banner of a panel's threshold alert.
QString thresholdBannerKey(const QString &panelId)
{
    return u"threshold:"_s + panelId;
}
constexpr int kMaxLiveTickMs = 1000;
constexpr int kViewRefreshMs = 5'000; // live: how often our view's start is brought up to date
constexpr int kPanelRowMinHeight = 200; // a grid row; ChartPanel's own minimum height

struct Preset
{
    qint64 spanMs;
    const char *label;
};
// Labels are translated where they are shown.
constexpr Preset kPresets[] = {
    { 60'000, QT_TRANSLATE_NOOP("wr::MainWindow", "1 m") },
    { 5 * 60'000, QT_TRANSLATE_NOOP("wr::MainWindow", "5 m") },
    { 15 * 60'000, QT_TRANSLATE_NOOP("wr::MainWindow", "15 m") },
    { 60 * 60'000, QT_TRANSLATE_NOOP("wr::MainWindow", "1 h") },
    { 6 * 60 * 60'000, QT_TRANSLATE_NOOP("wr::MainWindow", "6 h") },
    { 24 * 60 * 60'000, QT_TRANSLATE_NOOP("wr::MainWindow", "24 h") },
};

qint64 systemNow()
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace

MainWindow::MainWindow(MetricStore *metrics, AnnotationStore *annotations,
                       PresenceModel *presence, Session *session, QWidget *parent)
    : QMainWindow(parent)
    , m_metrics(metrics)
    , m_annotations(annotations)
    , m_presence(presence)
    , m_session(session)
    , m_clock(&systemNow)
{
    updateWindowTitle();
    setWindowIcon(appIcon());
    resize(1200, 780);

    m_emptyState = new QLabel(this);
    m_emptyState->setAlignment(Qt::AlignCenter);
    m_emptyState->setWordWrap(true);
    m_emptyState->setObjectName(u"emptyState"_s);

    m_board = new QWidget(this);
    m_grid = new QGridLayout(m_board);
    m_grid->setContentsMargins(8, 8, 8, 8);
    m_grid->setSpacing(8);
    m_scroll = new QScrollArea(this);
    m_scroll->setWidget(m_board);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_panelDrag = new PanelDrag(
        m_scroll, m_board,
        [this] {
            QList<ChartPanel *> visible;
            for (const QString &id : visiblePanelOrder())
                visible.append(panel(id));
            return visible;
        },
        this);
    connect(m_panelDrag, &PanelDrag::dropped, this,
            [this](const QString &panelId, const QString &targetId) {
                if (movePanelTo(panelId, targetId))
                    m_scroll->ensureWidgetVisible(panel(panelId));
            });

    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_emptyState);
    m_stack->addWidget(m_scroll);
    auto *central = new QWidget(this);
    auto *centralLayout = new QVBoxLayout(central);
    centralLayout->setContentsMargins(0, 0, 0, 0);
    centralLayout->setSpacing(0);
    m_banners = new BannerBar(central);
    centralLayout->addWidget(m_banners);
    centralLayout->addWidget(m_stack, 1);
    setCentralWidget(central);

    m_frameTimer.setSingleShot(true);
    m_frameTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_frameTimer, &QTimer::timeout, this, &MainWindow::renderFrame);
    m_sinceFrame.start();
    m_monotonic.start();
    m_motionClock = [this] { return m_monotonic.elapsed(); };
    m_cursorTimer.setInterval(kFrameIntervalMs);
    m_cursorTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_cursorTimer, &QTimer::timeout, this, &MainWindow::updateCursors);
    m_staleTimer.setInterval(5000);
    connect(&m_staleTimer, &QTimer::timeout, this, &MainWindow::checkStaleSeries);
    m_staleTimer.start();
    m_fadeTimer.setSingleShot(true);
    connect(&m_fadeTimer, &QTimer::timeout, this, &MainWindow::updateCursors);

    QSettings settings;
    m_window.setSpan(settings.value(u"board/span"_s, TimeWindow::kDefaultSpanMs).toLongLong());
    m_themeMode = Theme::fromString(settings.value(u"appearance/theme"_s).toString());

    m_privacy = PrivacySettings::load();
    loadLayout();
    buildActions();
    buildStatusBar();
    buildDocks();
    setDesktopNotifier(new TrayNotifier(this));

    if (m_metrics) {
        connect(m_metrics, &MetricStore::seriesAdded, this, &MainWindow::addSeries);
        connect(m_metrics, &MetricStore::metadataChanged, this, [this](const QString &id) {
            for (const QString &panelId : m_panelsOfSeries.value(id)) {
                if (ChartPanel *p = panel(panelId))
                    p->refreshSeriesInfo();
            }
            scheduleFrame();
        });
        connect(m_metrics, &MetricStore::pointsAppended, this, [this](const QString &id) {
            if (m_staleWatch.observe(id, newestSamples(*m_metrics, id, StaleWatch::kPaceSamples)))
                updateStaleSeries(false);
            const QStringList panelIds = m_panelsOfSeries.value(id);
            for (const QString &panelId : panelIds) {
                if (ChartPanel *p = panel(panelId)) {
                    p->markDataChanged();
                    if (p->threshold())
                        evaluateThresholdAlert(panelId);
                }
            }
            if (!panelIds.isEmpty())
                scheduleFrame();
        });
        const QStringList ids = m_metrics->seriesIds();
        for (const QString &id : ids)
            addSeries(id);
    }
    if (m_presence) {
        connect(m_presence, &PresenceModel::cursorMoved, this, &MainWindow::updateCursors);
        connect(m_presence, &PresenceModel::peerJoined, this, &MainWindow::updatePeople);
        connect(m_presence, &PresenceModel::peerLeft, this, &MainWindow::updatePeople);
        connect(m_presence, &PresenceModel::peerChanged, this, &MainWindow::updatePeople);
        connect(m_presence, &PresenceModel::peerChanged, this, &MainWindow::onPeerChanged);
        connect(m_presence, &PresenceModel::peerLeft, this, [this](const QString &userId) {
            if (userId == m_following) {
                unfollow();
                showBanner(u"follow"_s, tr("The person you followed left."),
                           BannerBar::Kind::Info);
            }
        });
    }
    if (m_annotations) {
        connect(m_annotations, &AnnotationStore::annotationChanged, this,
                &MainWindow::updateAnnotations);
        connect(m_annotations, &AnnotationStore::annotationRemoved, this,
                &MainWindow::updateAnnotations);
        connect(m_annotations, &QAbstractItemModel::modelReset, this,
                &MainWindow::updateAnnotations);
    }
    m_editor = [this](session::Annotation &a, const QString &panelTitle) {
        AnnotationDialog dialog(a, panelTitle, this);
        if (dialog.exec() != QDialog::Accepted)
            return false;
        a = dialog.annotation();
        return true;
    };

    if (m_session) {
        connect(m_session, &Session::localEditFailed, this,
                [this](const QString &, const QString &errorName, const QString &message) {
                    if (errorName == "Forbidden"_L1) {
                        SessionAccess viewer;
                        viewer.known = true;
                        viewer.role = u"viewer"_s;
                        viewer.canAnnotate = false;
                        setAccess(viewer);
                    }
                    showBanner(u"annotation-refused"_s,
                               tr("The hub refused an annotation edit (%1): %2")
                                   .arg(errorName, message));
                });
        connect(&m_activity, &ActivityTracker::stateChanged, m_session.data(),
                &Session::setState);
        m_session->setFollowable(!m_privacy.dontAllowFollowing);
    }
    m_viewRefresh.setInterval(kViewRefreshMs);
    connect(&m_viewRefresh, &QTimer::timeout, this, [this] {
        if (m_window.isLive())
            sendView();
    });
    m_viewRefresh.start();
    // Any input of ours: activity (idle/away) and the end of follow mode.
    qApp->installEventFilter(this);

    applyTheme();
    retranslateUi();
    updateLiveUi();
    updatePeople();
    setConnectionStatus(m_status);
    sendView(); // peers see what we look at (and may follow) from the first presence on
    scheduleFrame();
}

MainWindow::~MainWindow()
{
    qApp->removeEventFilter(this);
    // A running CSV export stops at its next chunk; its file is not replaced then.
    m_csvExport.disconnect(this);
    m_csvExport.cancel();
}

void MainWindow::buildActions()
{
    m_timeBar = addToolBar(QString());
    m_timeBar->setObjectName(u"timeToolBar"_s);
    m_timeBar->setMovable(false);
    m_timeBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);

    m_presets = new QActionGroup(this);
    m_presets->setExclusive(true);
    int index = 1;
    for (const Preset &preset : kPresets) {
        QAction *action = m_timeBar->addAction(QString());
        action->setCheckable(true);
        action->setData(preset.spanMs);
        action->setProperty("label", QString::fromUtf8(preset.label));
        action->setShortcut(QKeySequence(Qt::ALT | Qt::Key(Qt::Key_0 + index++)));
        m_presets->addAction(action);
        connect(action, &QAction::triggered, this, [this, span = preset.spanMs] {
            setSpan(span);
        });
    }
    m_timeBar->addSeparator();
    m_liveAction = m_timeBar->addAction(QString());
    m_liveAction->setCheckable(true);
    m_liveAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    connect(m_liveAction, &QAction::triggered, this, [this] { goLive(); });
    m_zoomOutAction = m_timeBar->addAction(QString());
    m_zoomOutAction->setShortcut(QKeySequence::ZoomOut);
    connect(m_zoomOutAction, &QAction::triggered, this, [this] {
        const qint64 t = m_clock();
        zoom(2.0, m_window.start(t) + m_window.span() / 2);
    });

    m_sessionBar = addToolBar(QString());
    m_sessionBar->setObjectName(u"sessionToolBar"_s);
    m_sessionBar->setMovable(false);
    m_sessionBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_annotateAction = m_sessionBar->addAction(QString());
    m_annotateAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_M));
    connect(m_annotateAction, &QAction::triggered, this,
            [this] { requestAnnotation(QString(), m_clock(), std::nullopt); });
    m_sessionBar->addSeparator();
    m_joinAction = m_sessionBar->addAction(QString());
    m_joinAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_J));
    connect(m_joinAction, &QAction::triggered, this, &MainWindow::showJoinDialog);
    m_hostAction = m_sessionBar->addAction(QString());
    connect(m_hostAction, &QAction::triggered, this, &MainWindow::showHostDialog);

    m_settingsAction = new QAction(this);
    m_settingsAction->setShortcut(QKeySequence::Preferences);
    m_settingsAction->setMenuRole(QAction::PreferencesRole);
    connect(m_settingsAction, &QAction::triggered, this, &MainWindow::showSettingsDialog);
    m_quitAction = new QAction(this);
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);
    m_aboutAction = new QAction(this);
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::showAboutDialog);
    m_followAction = new QAction(this);
    m_followAction->setObjectName(u"followAction"_s);
    m_followAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F));
    connect(m_followAction, &QAction::triggered, this, [this] { toggleFollow(); });
    m_shortcutsAction = new QAction(this);
    m_shortcutsAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Slash));
    connect(m_shortcutsAction, &QAction::triggered, this, &MainWindow::showShortcutsDialog);
    m_exportBoardAction = new QAction(this);
    m_exportBoardAction->setObjectName(u"exportBoardPng"_s);
    m_exportBoardAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    connect(m_exportBoardAction, &QAction::triggered, this,
            &MainWindow::exportBoardPngInteractively);
    m_exportAnnotationsCsvAction = new QAction(this);
    m_exportAnnotationsCsvAction->setObjectName(u"exportAnnotationsCsv"_s);
    connect(m_exportAnnotationsCsvAction, &QAction::triggered, this,
            [this] { exportAnnotationsInteractively(AnnotationFormat::Csv); });
    m_exportAnnotationsJsonAction = new QAction(this);
    m_exportAnnotationsJsonAction->setObjectName(u"exportAnnotationsJson"_s);
    connect(m_exportAnnotationsJsonAction, &QAction::triggered, this,
            [this] { exportAnnotationsInteractively(AnnotationFormat::Json); });
    m_exportLayoutAction = new QAction(this);
    m_exportLayoutAction->setObjectName(u"exportLayout"_s);
    connect(m_exportLayoutAction, &QAction::triggered, this, [this] {
        const QString board = m_session ? m_session->board() : u"board"_s;
        const QString path = askExportPath(tr("Export the layout"), board + u"-layout"_s,
                                           u"json"_s, tr("JSON files (*.json)"));
        if (path.isEmpty())
            return;
        QString error;
        reportExport(exportLayout(path, &error), path, error);
    });
    m_importLayoutAction = new QAction(this);
    m_importLayoutAction->setObjectName(u"importLayout"_s);
    connect(m_importLayoutAction, &QAction::triggered, this, [this] {
        QSettings settings;
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Import a layout"), settings.value(u"export/lastDir"_s).toString(),
            tr("JSON files (*.json)"));
        if (path.isEmpty())
            return;
        QString error;
        if (importLayout(path, &error)) {
            statusBar()->showMessage(tr("Layout imported"), 4000);
            m_banners->dismiss(u"layout"_s);
        } else {
            //: %1 = the file, %2 = the reason
            showBanner(u"layout"_s, tr("Could not import %1: %2")
                                        .arg(QDir::toNativeSeparators(path), error));
        }
    });
    m_exportBoardCsvAction = new QAction(this);
    m_exportBoardCsvAction->setObjectName(u"exportBoardCsv"_s);
    connect(m_exportBoardCsvAction, &QAction::triggered, this,
            &MainWindow::exportBoardCsvInteractively);
    m_addPanelAction = new QAction(this);
    m_addPanelAction->setObjectName(u"addPanel"_s);
    m_addPanelAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    connect(m_addPanelAction, &QAction::triggered, this, [this] { showAddPanelDialog(); });
    m_aboutQtAction = new QAction(this);
    m_aboutQtAction->setMenuRole(QAction::AboutQtRole);
    connect(m_aboutQtAction, &QAction::triggered, this, [] { QApplication::aboutQt(); });

    m_fileMenu = menuBar()->addMenu(QString());
    m_exportMenu = m_fileMenu->addMenu(QString());
    m_exportMenu->addAction(m_exportBoardAction);
    m_exportMenu->addAction(m_exportBoardCsvAction);
    m_exportMenu->addSeparator();
    m_exportMenu->addAction(m_exportAnnotationsCsvAction);
    m_exportMenu->addAction(m_exportAnnotationsJsonAction);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_exportLayoutAction);
    m_fileMenu->addAction(m_importLayoutAction);

    m_sessionMenu = menuBar()->addMenu(QString());
    m_sessionMenu->addAction(m_joinAction);
    m_sessionMenu->addAction(m_hostAction);
    m_sessionMenu->addSeparator();
    m_sessionMenu->addAction(m_annotateAction);
    m_sessionMenu->addAction(m_followAction);
    m_sessionMenu->addSeparator();
    m_sessionMenu->addAction(m_settingsAction);
    m_sessionMenu->addSeparator();
    m_sessionMenu->addAction(m_quitAction);

    m_viewMenu = menuBar()->addMenu(QString());
    m_viewMenu->addActions(m_presets->actions());
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(m_liveAction);
    m_viewMenu->addAction(m_zoomOutAction);
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(m_addPanelAction);
    m_hiddenMenu = m_viewMenu->addMenu(QString());
    m_hiddenMenu->setObjectName(u"hiddenPanelsMenu"_s);
    m_appearanceMenu = m_viewMenu->addMenu(QString());
    m_themeGroup = new QActionGroup(this);
    for (Theme::Mode mode : { Theme::Mode::System, Theme::Mode::Light, Theme::Mode::Dark }) {
        QAction *action = m_appearanceMenu->addAction(QString());
        action->setCheckable(true);
        action->setChecked(mode == m_themeMode);
        action->setData(int(mode));
        m_themeGroup->addAction(action);
        connect(action, &QAction::triggered, this, [this, mode] { setThemeMode(mode); });
    }

    m_helpMenu = menuBar()->addMenu(QString());
    m_helpMenu->addAction(m_shortcutsAction);
    m_helpMenu->addSeparator();
    m_helpMenu->addAction(m_aboutAction);
    m_helpMenu->addAction(m_aboutQtAction);
    refreshIcons();
}

void MainWindow::buildDocks()
{
    m_presenceDock = new PresenceDock(m_presence, this);
    m_presenceDock->setPanelTitles([this](const QString &id) { return panelTitle(id); });
    addDockWidget(Qt::RightDockWidgetArea, m_presenceDock);
    connect(m_presenceDock, &PresenceDock::followRequested, this,
            [this](const QString &userId) { follow(userId); });
    connect(m_presenceDock, &PresenceDock::unfollowRequested, this, &MainWindow::unfollow);

    m_annotationDock = new AnnotationDock(m_annotations, this);
    m_annotationDock->setNames([this](const QString &id) { return displayName(id); },
                               [this](const QString &id) { return panelTitle(id); });
    addDockWidget(Qt::RightDockWidgetArea, m_annotationDock);
    connect(m_annotationDock, &AnnotationDock::annotationActivated, this,
            &MainWindow::jumpToAnnotation);
    connect(m_annotationDock, &AnnotationDock::editRequested, this,
            [this](const QString &id) { editAnnotation(id); });
    connect(m_annotationDock, &AnnotationDock::deleteRequested, this,
            [this](const QString &id) { deleteAnnotation(id); });
    resizeDocks({ m_presenceDock, m_annotationDock }, { 340, 340 }, Qt::Horizontal);

    m_viewMenu->addSeparator();
    m_viewMenu->addAction(m_presenceDock->toggleViewAction());
    m_viewMenu->addAction(m_annotationDock->toggleViewAction());
    m_annotationDock->setExportActions({ m_exportAnnotationsCsvAction,
                                         m_exportAnnotationsJsonAction });
}

void MainWindow::refreshIcons()
{
    m_liveAction->setIcon(toolbarIcon(u"live"_s));
    m_zoomOutAction->setIcon(toolbarIcon(u"zoom-out"_s));
    m_annotateAction->setIcon(toolbarIcon(u"annotate"_s));
    m_joinAction->setIcon(toolbarIcon(u"join"_s));
    m_hostAction->setIcon(toolbarIcon(u"host"_s));
}

void MainWindow::retranslateUi()
{
    // Grouped panels' titles are made from the series' metadata in the current language;
    // panels made by hand keep the title they were given.
    for (ChartPanel *p : std::as_const(m_panels)) {
        if (!isCustomPanel(p->panelId()))
            p->setTitle(groupTitle(p->panelId()));
    }
    updateWindowTitle();
    m_timeBar->setWindowTitle(tr("Time"));
    m_sessionBar->setWindowTitle(tr("Session"));
    for (QAction *action : m_presets->actions()) {
        const QString label = tr(action->property("label").toString().toUtf8().constData());
        action->setText(label);
        //: Tooltip of a time window preset, e.g. "Show the last 5 m"
        action->setToolTip(tr("Show the last %1").arg(label));
    }
    //: Toolbar button: follow the current time (live mode)
    m_liveAction->setText(tr("Live"));
    m_liveAction->setToolTip(tr("Follow the current time (Ctrl+L, or double-click a chart)"));
    m_zoomOutAction->setText(tr("Zoom out"));
    m_zoomOutAction->setToolTip(tr("Show twice the time span"));
    //: Toolbar button: add an annotation at the current time for the whole board
    m_annotateAction->setText(tr("Annotate"));
    //: Toolbar button: join someone else's session
    m_joinAction->setText(tr("Join…"));
    m_joinAction->setToolTip(tr("Join a session: paste a link or a hub address (Ctrl+J)"));
    m_hostAction->setText(tr("Host…"));
    m_settingsAction->setText(tr("&Settings…"));
    m_quitAction->setText(tr("&Quit"));
    m_aboutAction->setText(tr("&About Watchroom"));
    m_aboutQtAction->setText(tr("About &Qt"));
    m_shortcutsAction->setText(tr("&Keyboard shortcuts"));
    //: Menu: stop following, or follow the person selected in the People dock
    m_followAction->setText(tr("&Follow / stop following"));
    m_followAction->setToolTip(tr("Stop following, or follow the person whose row in the "
                                  "People dock has the focus (else the first one you can)"));
    m_exportBoardAction->setText(tr("Board as &PNG…"));
    m_exportAnnotationsCsvAction->setText(tr("Annotations as &CSV…"));
    //: File → Export: the raw points of every visible panel in the time window shown
    m_exportBoardCsvAction->setText(tr("&Visible data as CSV…"));
    m_exportBoardCsvAction->setToolTip(tr("Every stored point of the visible panels' series in "
                                          "the time window shown"));
    m_addPanelAction->setText(tr("Add &panel…"));
    m_addPanelAction->setToolTip(tr("A new panel with series of the board you choose "
                                    "(Ctrl+Shift+N)"));
    m_exportAnnotationsJsonAction->setText(tr("Annotations as &JSON…"));
    //: Menu title: export and layout files
    m_fileMenu->setTitle(tr("&File"));
    m_exportMenu->setTitle(tr("&Export"));
    m_exportLayoutAction->setText(tr("Export &layout…"));
    m_importLayoutAction->setText(tr("&Import layout…"));
    m_hiddenMenu->setTitle(tr("&Hidden panels"));
    rebuildHiddenMenu();
    //: Menu title: joining, hosting and settings
    m_sessionMenu->setTitle(tr("&Session"));
    m_viewMenu->setTitle(tr("&View"));
    m_appearanceMenu->setTitle(tr("&Appearance"));
    m_helpMenu->setTitle(tr("&Help"));
    for (QAction *a : m_themeGroup->actions())
        a->setText(Theme::displayName(Theme::Mode(a->data().toInt())));
    updateEmptyState();
    // Screen readers name toolbar buttons from here (presets read "Show the last 5 m").
    for (QToolBar *bar : { m_timeBar, m_sessionBar }) {
        const QList<QAction *> actions = bar->actions();
        for (QAction *a : actions) {
            if (QWidget *button = bar->widgetForAction(a); button && !a->isSeparator())
                button->setAccessibleName(m_presets->actions().contains(a)
                                              ? a->toolTip()
                                              : QString(a->text()).remove(u'&'));
        }
    }
    if (m_connectionLabel) {
        m_connectionLabel->setAccessibleName(tr("Connection state"));
        m_rttLabel->setAccessibleName(tr("Round-trip time"));
        m_peopleLabel->setAccessibleName(tr("People present"));
        m_modeLabel->setAccessibleName(tr("Live or paused"));
    }
    setAccess(m_access); // the annotate action's text and reason
    setHostHandler(m_hostHandler, m_hostUnavailable);
    updateLiveUi();
    updatePeople();
    setConnectionStatus(m_status);
    scheduleFrame(); // panels redraw their translated legends and threshold labels
}

void MainWindow::buildStatusBar()
{
    m_connectionLabel = new QLabel(this);
    m_connectionLabel->setTextFormat(Qt::PlainText);
    m_rttLabel = new QLabel(this);
    m_peopleLabel = new QLabel(this);
    m_peopleLabel->setTextFormat(Qt::PlainText);
    m_modeLabel = new QLabel(this);
    statusBar()->addWidget(m_connectionLabel);
    statusBar()->addWidget(m_rttLabel);
    statusBar()->addWidget(m_peopleLabel);
    m_progressLabel = new QLabel(this);
    m_progressLabel->setObjectName(u"exportProgress"_s);
    m_progressLabel->setTextFormat(Qt::PlainText);
    m_progressLabel->hide();
    statusBar()->addPermanentWidget(m_progressLabel);
    statusBar()->addPermanentWidget(m_modeLabel);
    connect(&m_csvExport, &QFutureWatcherBase::progressValueChanged, this, [this] {
        m_progressLabel->setText(csvExportProgressText());
    });
    connect(&m_csvExport, &QFutureWatcherBase::finished, this, &MainWindow::onCsvExportFinished);
}

void MainWindow::setClock(std::function<qint64()> clock)
{
    m_clock = clock ? std::move(clock) : std::function<qint64()>(&systemNow);
    scheduleFrame();
}

// ---- panels -------------------------------------------------------------------------------

ChartPanel *MainWindow::panel(const QString &panelId) const
{
    for (ChartPanel *p : m_panels) {
        if (p->panelId() == panelId)
            return p;
    }
    return nullptr;
}

bool MainWindow::isWaitingForMetrics() const
{
    return m_panels.isEmpty();
}

void MainWindow::addSeries(const QString &seriesId)
{
    const auto info = m_metrics ? m_metrics->info(seriesId) : std::nullopt;
    if (!info)
        return;
    // Its grouping's panel, unless taken off it, and every panel it was added to by hand.
    const PanelGroup group = PanelGrouping::groupFor(*info);
    if (!m_panelLayouts.value(group.key).removed.contains(seriesId))
        placeSeries(group.key, group.title, group.order, seriesId);
    for (auto it = m_panelLayouts.cbegin(); it != m_panelLayouts.cend(); ++it) {
        if (it.key() == group.key || !it->added.contains(seriesId))
            continue;
        // One unit per panel: a layout from elsewhere may name a series of another unit here.
        const ChartPanel *existing = panel(it.key());
        const QString unit = existing && !existing->seriesIds().isEmpty() ? existing->unit()
                                                                         : it->unit;
        if (it->custom && unit != info->unit)
            continue;
        placeSeries(it.key(), it->title.isEmpty() ? it.key() : it->title, it->custom ? 1000 : 100,
                    seriesId);
    }
}

void MainWindow::placeSeries(const QString &panelId, const QString &title, int order,
                             const QString &seriesId)
{
    ChartPanel *p = panel(panelId);
    if (!p)
        p = createPanel(panelId, title, order);
    if (p->hasSeries(seriesId))
        return;
    p->addSeries(seriesId);
    QStringList &panels = m_panelsOfSeries[seriesId];
    if (!panels.contains(panelId))
        panels.append(panelId);
    p->markDataChanged();
    if (p->threshold())
        evaluateThresholdAlert(panelId); // its points may be in the store already
    scheduleFrame();
}

void MainWindow::destroyPanel(const QString &panelId)
{
    ChartPanel *p = panel(panelId);
    if (!p)
        return;
    m_panels.removeOne(p);
    m_panelOrder.remove(panelId);
    m_thresholdAlerts.forget(panelId);
    m_banners->dismiss(thresholdBannerKey(panelId));
    for (auto it = m_panelsOfSeries.begin(); it != m_panelsOfSeries.end();) {
        it->removeAll(panelId);
        it = it->isEmpty() ? m_panelsOfSeries.erase(it) : std::next(it);
    }
    m_grid->removeWidget(p);
    p->hide();
    // Not at once: this may run from a signal of the panel's own menu.
    p->deleteLater();
}

void MainWindow::rebuildPanels()
{
    const QList<ChartPanel *> old = m_panels;
    for (ChartPanel *p : old)
        destroyPanel(p->panelId());
    if (m_metrics) {
        const QStringList ids = m_metrics->seriesIds();
        for (const QString &id : ids)
            addSeries(id);
    }
    relayout();
    updateCursors();
    updateAnnotations();
}

QString MainWindow::groupTitle(const QString &panelId) const
{
    const ChartPanel *p = panel(panelId);
    if (m_metrics && p) {
        const QStringList ids = p->seriesIds();
        for (const QString &id : ids) {
            const auto info = m_metrics->info(id);
            if (!info)
                continue;
            const PanelGroup group = PanelGrouping::groupFor(*info);
            if (group.key == panelId)
                return group.title;
        }
    }
    // Only series added by hand: the title remembered with them.
    const QString remembered = m_panelLayouts.value(panelId).title;
    return !remembered.isEmpty() ? remembered : p ? p->title() : panelId;
}

bool MainWindow::isCustomPanel(const QString &panelId) const
{
    return m_panelLayouts.value(panelId).custom;
}

QString MainWindow::addPanel(const QString &title, const QStringList &seriesIds, QString *error)
{
    const auto fail = [error](const QString &reason) {
        if (error)
            *error = reason;
        return QString();
    };
    if (!m_metrics || seriesIds.isEmpty())
        return fail(tr("Choose at least one series."));
    QString unit;
    for (const QString &id : seriesIds) {
        const auto info = m_metrics->info(id);
        if (!info)
            return fail(tr("The board has no series %1.").arg(id));
        if (id == seriesIds.first())
            unit = info->unit;
        else if (info->unit != unit)
            return fail(tr("A panel shows series of one unit."));
    }
    // The id goes on the wire with cursors: unique, and never one a grouping makes.
    const QString panelId = u"custom:"_s
        + QUuid::createUuid().toString(QUuid::Id128).left(12) + u'|' + unit;
    PanelLayout &layout = m_panelLayouts[panelId];
    layout.custom = true;
    layout.title = title.simplified().isEmpty() ? seriesIds.first() : title.simplified();
    layout.unit = unit;
    layout.added = seriesIds;
    QStringList order = panelOrder();
    for (const QString &id : std::as_const(m_layoutOrder)) {
        if (!order.contains(id))
            order.append(id);
    }
    order.append(panelId); // a new panel goes to the end of the board
    m_layoutOrder = order;
    for (const QString &id : seriesIds)
        placeSeries(panelId, layout.title, 1000, id);
    saveLayout();
    relayout();
    if (ChartPanel *p = panel(panelId)) {
        m_scroll->ensureWidgetVisible(p);
        statusBar()->showMessage(tr("Added the panel “%1”").arg(p->title()), 4000);
    }
    return panelId;
}

bool MainWindow::addSeriesToPanel(const QString &panelId, const QString &seriesId,
                                  QString *error)
{
    const auto fail = [error](const QString &reason) {
        if (error)
            *error = reason;
        return false;
    };
    ChartPanel *p = panel(panelId);
    const auto info = m_metrics ? m_metrics->info(seriesId) : std::nullopt;
    if (!p)
        return fail(tr("There is no panel %1.").arg(panelId));
    if (!info)
        return fail(tr("The board has no series %1.").arg(seriesId));
    if (p->hasSeries(seriesId))
        return fail(tr("The panel shows this series already."));
    const QString unit = p->seriesIds().isEmpty() ? m_panelLayouts.value(panelId).unit
                                                  : p->unit();
    if (info->unit != unit)
        return fail(tr("A panel shows series of one unit: this one shows %1, the series is in %2.")
                        .arg(unit.isEmpty() ? tr("no unit") : unit,
                             info->unit.isEmpty() ? tr("no unit") : info->unit));
    PanelLayout &layout = m_panelLayouts[panelId];
    if (layout.removed.contains(seriesId))
        layout.removed.removeAll(seriesId); // back on its grouping's panel
    else if (!layout.added.contains(seriesId))
        layout.added.append(seriesId);
    if (layout.title.isEmpty())
        layout.title = p->title();
    if (layout.unit.isEmpty())
        layout.unit = unit;
    placeSeries(panelId, p->title(), m_panelOrder.value(panelId, 100), seriesId);
    saveLayout();
    return true;
}

bool MainWindow::removeSeriesFromPanel(const QString &panelId, const QString &seriesId)
{
    ChartPanel *p = panel(panelId);
    if (!p || !p->removeSeries(seriesId))
        return false;
    PanelLayout &layout = m_panelLayouts[panelId];
    if (layout.added.contains(seriesId))
        layout.added.removeAll(seriesId);
    else if (!layout.removed.contains(seriesId))
        layout.removed.append(seriesId);
    layout.hiddenSeries.removeAll(seriesId); // the panel forgot it too
    if (layout.isDefault())
        m_panelLayouts.remove(panelId);
    QStringList &panels = m_panelsOfSeries[seriesId];
    panels.removeAll(panelId);
    if (panels.isEmpty())
        m_panelsOfSeries.remove(seriesId);
    saveLayout();
    evaluateThresholdAlert(panelId);
    p->markDataChanged();
    scheduleFrame();
    return true;
}

bool MainWindow::removePanel(const QString &panelId)
{
    if (!isCustomPanel(panelId))
        return false;
    const QString title = panelTitle(panelId);
    destroyPanel(panelId);
    m_panelLayouts.remove(panelId);
    m_layoutOrder.removeAll(panelId);
    m_hiddenPanels.remove(panelId);
    setPanelThreshold(panelId, std::nullopt);
    setPanelThresholdAlert(panelId, ThresholdAlert::Above); // forgets the choice
    saveLayout();
    relayout();
    statusBar()->showMessage(tr("Removed the panel “%1”").arg(title), 4000);
    return true;
}

AddPanelDialog *MainWindow::showAddPanelDialog()
{
    if (m_addPanelDialog)
        m_addPanelDialog->close();
    auto *dialog = new AddPanelDialog(m_metrics, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_addPanelDialog = dialog;
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        QString error;
        if (addPanel(dialog->title(), dialog->selectedSeries(), &error).isEmpty())
            showBanner(u"panel"_s, error, BannerBar::Kind::Warning);
    });
    dialog->open();
    return dialog;
}

AddPanelDialog *MainWindow::showAddSeriesDialog(const QString &panelId)
{
    ChartPanel *p = panel(panelId);
    if (!p)
        return nullptr;
    if (m_addPanelDialog)
        m_addPanelDialog->close();
    auto *dialog = new AddPanelDialog(m_metrics, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const QString unit = p->seriesIds().isEmpty() ? m_panelLayouts.value(panelId).unit
                                                  : p->unit();
    dialog->restrictTo(unit, p->seriesIds(), p->title());
    m_addPanelDialog = dialog;
    connect(dialog, &QDialog::accepted, this, [this, dialog, panelId] {
        const QStringList ids = dialog->selectedSeries();
        for (const QString &id : ids) {
            QString error;
            if (!addSeriesToPanel(panelId, id, &error))
                showBanner(u"panel"_s, error, BannerBar::Kind::Warning);
        }
    });
    dialog->open();
    return dialog;
}

ChartPanel *MainWindow::createPanel(const QString &panelId, const QString &title, int order)
{
    auto *p = new ChartPanel(m_metrics, panelId, title, m_board);
    p->setDark(m_dark);
    p->setHiddenSeries(m_panelLayouts.value(panelId).hiddenSeries);
    connect(p, &ChartPanel::seriesHiddenChanged, this, [this, panelId] {
        const ChartPanel *changed = panel(panelId);
        if (!changed)
            return;
        PanelLayout &layout = m_panelLayouts[panelId];
        layout.hiddenSeries = changed->hiddenSeries();
        if (layout.isDefault())
            m_panelLayouts.remove(panelId);
        saveLayout();
        evaluateThresholdAlert(panelId); // a hidden series no longer alerts
        updateStaleSeries(false);
        scheduleFrame(); // the panel's value range and lines change
    });
    m_panels.append(p);
    m_panelOrder.insert(panelId, order);
    m_panelDrag->watch(p);
    ChartCanvas *canvas = p->canvas();
    connect(canvas, &ChartCanvas::zoomRequested, this,
            [this](double factor, qint64 anchor) { zoom(factor, anchor); });
    connect(canvas, &ChartCanvas::panRequested, this, [this](qint64 delta) { pan(delta); });
    connect(canvas, &ChartCanvas::rangeSelected, this,
            [this](qint64 from, qint64 to) { showRange(from, to); });
    connect(canvas, &ChartCanvas::liveRequested, this, [this] { goLive(); });
    connect(canvas, &ChartCanvas::pointerMoved, this, [this, panelId](qint64 t, double y) {
        if (m_viewPanel != panelId) {
            m_viewPanel = panelId;
            if (m_following.isEmpty())
                sendView();
        }
        if (m_session && !m_privacy.dontShareMyCursor)
            m_session->moveCursor(panelId, t, y);
    });
    connect(canvas, &ChartCanvas::pointerLeft, this, [this] {
        if (m_session && !m_privacy.dontShareMyCursor)
            m_session->leaveCursor();
    });
    connect(canvas, &ChartCanvas::contextMenuRequested, this,
            [this, panelId](const QPoint &globalPos, qint64 t, const QString &annotationId) {
                QMenu *menu = createChartMenu(panelId, t, annotationId, this);
                menu->setAttribute(Qt::WA_DeleteOnClose);
                menu->popup(globalPos);
            });
    connect(canvas, &ChartCanvas::pointAnnotationRequested, this,
            [this, panelId](qint64 t) { requestAnnotation(panelId, t, std::nullopt); });
    connect(canvas, &ChartCanvas::regionAnnotationRequested, this,
            [this, panelId](qint64 t0, qint64 t1) { requestAnnotation(panelId, t0, t1); });
    connect(p, &ChartPanel::resizeStarted, this, [this, panelId] {
        // A grid unit as one cell measures at the press: the rows' heights change while the
        // grid reflows, and the snapping must not follow them round.
        ChartPanel *dragged = panel(panelId);
        const QRect cell = m_cells.value(panelId);
        m_dragUnit = QSizeF();
        if (!dragged || cell.isNull())
            return;
        const int spacing = m_grid->spacing();
        m_dragUnit = QSizeF(double(dragged->width() + spacing) / cell.width(),
                            double(dragged->height() + spacing) / cell.height());
    });
    connect(p, &ChartPanel::resizeDragged, this,
            [this, panelId](const QSize &size, bool finished) {
                ChartPanel *dragged = panel(panelId);
                if (!dragged || m_dragUnit.isEmpty())
                    return;
                const int spacing = m_grid->spacing();
                const double unitW = m_dragUnit.width();
                const double unitH = m_dragUnit.height();
                const PanelSize snapped {
                    std::clamp(int(std::lround((size.width() + spacing) / unitW)), 1,
                               kGridColumns),
                    std::clamp(int(std::lround((size.height() + spacing) / unitH)), 1,
                               kMaxPanelRows),
                };
                if (snapped != panelSize(panelId))
                    setPanelSize(panelId, snapped);
                if (finished)
                    m_scroll->ensureWidgetVisible(dragged);
            });
    p->setThreshold(panelThreshold(panelId));
    relayout();

    updateCursors();
    updateAnnotations();
    m_presenceDock->refresh();
    return p;
}

QStringList MainWindow::panelOrder() const
{
    // The saved layout first, in its order; panels it does not name after them, in their
    // grouping order.
    QList<ChartPanel *> ordered = m_panels;
    const auto rank = [this](ChartPanel *p) {
        const qsizetype i = m_layoutOrder.indexOf(p->panelId());
        return i < 0 ? std::numeric_limits<qsizetype>::max() : i;
    };
    std::stable_sort(ordered.begin(), ordered.end(), [&](ChartPanel *a, ChartPanel *b) {
        if (rank(a) != rank(b))
            return rank(a) < rank(b);
        const int oa = m_panelOrder.value(a->panelId());
        const int ob = m_panelOrder.value(b->panelId());
        return oa != ob ? oa < ob : a->title().localeAwareCompare(b->title()) < 0;
    });
    QStringList ids;
    for (ChartPanel *p : std::as_const(ordered))
        ids.append(p->panelId());
    return ids;
}

QStringList MainWindow::visiblePanelOrder() const
{
    QStringList ids = panelOrder();
    ids.removeIf([this](const QString &id) { return m_hiddenPanels.contains(id); });
    return ids;
}

void MainWindow::relayout()
{
    for (ChartPanel *p : std::as_const(m_panels))
        m_grid->removeWidget(p);
    const QStringList ids = visiblePanelOrder();
    const int columns = ids.size() > 1 ? kGridColumns : 1;
    // Reading order, each panel at the first free place from where the previous one ended
    // that holds its width and height (a tall panel leaves the cells beside it to the next
    // ones, a full-width panel starts a row).
    QList<QList<bool>> used; // [row][column]
    const auto isFree = [&](int row, int column, const PanelSize &size) {
        if (column + size.width > columns)
            return false;
        for (int r = row; r < row + size.height; ++r) {
            for (int c = column; c < column + size.width; ++c) {
                if (r < used.size() && used[r][c])
                    return false;
            }
        }
        return true;
    };
    m_cells.clear();
    int row = 0;
    int column = 0;
    for (const QString &id : ids) {
        PanelSize size = panelSize(id);
        size.width = std::min(size.width, columns);
        while (!isFree(row, column, size)) {
            if (++column >= columns) {
                column = 0;
                ++row;
            }
        }
        while (used.size() < row + size.height)
            used.append(QList<bool>(columns, false));
        for (int r = row; r < row + size.height; ++r) {
            for (int c = column; c < column + size.width; ++c)
                used[r][c] = true;
        }
        ChartPanel *p = panel(id);
        m_grid->addWidget(p, row, column, size.height, size.width);
        m_cells.insert(id, QRect(column, row, size.width, size.height));
        p->show();
        column += size.width;
        if (column >= columns) {
            column = 0;
            ++row;
        }
    }
    for (ChartPanel *p : std::as_const(m_panels)) {
        if (m_hiddenPanels.contains(p->panelId()))
            p->hide();
    }
    for (int c = 0; c < kGridColumns; ++c)
        m_grid->setColumnStretch(c, c < columns ? 1 : 0);
    // Rows share the height equally, so a panel two rows tall is twice as tall as its
    // neighbours; rows left over from a larger layout take no room.
    const int rows = int(used.size());
    for (int r = 0; r < std::max(rows, m_gridRows); ++r) {
        m_grid->setRowStretch(r, r < rows ? 1 : 0);
        m_grid->setRowMinimumHeight(r, r < rows ? kPanelRowMinHeight : 0);
    }
    m_gridRows = rows;
    rebuildHiddenMenu();
    updateEmptyState();
}

void MainWindow::setPanelSize(const QString &panelId, PanelSize size)
{
    size.width = std::clamp(size.width, 1, kGridColumns);
    size.height = std::clamp(size.height, 1, kMaxPanelRows);
    if (panelSize(panelId) == size)
        return;
    m_panelLayouts[panelId].size = size;
    if (m_panelLayouts.value(panelId).isDefault())
        m_panelLayouts.remove(panelId);
    saveLayout();
    relayout();
    if (ChartPanel *p = panel(panelId)) {
        p->markDataChanged();
        scheduleFrame();
    }
}

PanelSize MainWindow::panelSize(const QString &panelId) const
{
    return m_panelLayouts.value(panelId).size;
}

QRect MainWindow::panelCell(const QString &panelId) const
{
    return m_cells.value(panelId);
}

void MainWindow::updateEmptyState()
{
    if (m_panels.isEmpty()) {
        m_emptyState->setText(tr("Waiting for metrics…\n\nCharts appear here as soon as the "
                                 "first series arrives from the board's sources."));
        m_emptyState->setAccessibleName(tr("Waiting for metrics"));
    } else {
        m_emptyState->setText(tr("All panels are hidden.\n\nView → Hidden panels shows them "
                                 "again."));
        m_emptyState->setAccessibleName(tr("All panels are hidden"));
    }
    m_stack->setCurrentIndex(!m_panels.isEmpty() && !visiblePanelOrder().isEmpty() ? 1 : 0);
}

bool MainWindow::movePanel(const QString &panelId, int delta)
{
    const QStringList visible = visiblePanelOrder();
    const qsizetype i = visible.indexOf(panelId);
    const qsizetype j = i + delta;
    if (i < 0 || j < 0 || j >= visible.size())
        return false;
    QStringList order = panelOrder();
    order.swapItemsAt(order.indexOf(visible[i]), order.indexOf(visible[j]));
    commitPanelOrder(order);
    return true;
}

bool MainWindow::movePanelTo(const QString &panelId, const QString &targetId)
{
    const QStringList visible = visiblePanelOrder();
    const qsizetype from = visible.indexOf(panelId);
    const qsizetype to = visible.indexOf(targetId);
    if (from < 0 || to < 0 || from == to)
        return false;
    // Forward it goes right after the target, backward right before it: the visible panels
    // end up as in a list move, hidden ones keep their neighbours.
    QStringList order = panelOrder();
    order.removeOne(panelId);
    order.insert(order.indexOf(targetId) + (to > from ? 1 : 0), panelId);
    commitPanelOrder(order);
    return true;
}

void MainWindow::commitPanelOrder(QStringList order)
{
    // Panels the saved layout names but that have not appeared (yet) keep their place at
    // the end.
    for (const QString &id : std::as_const(m_layoutOrder)) {
        if (!order.contains(id))
            order.append(id);
    }
    m_layoutOrder = order;
    saveLayout();
    relayout();
}

void MainWindow::setPanelHidden(const QString &panelId, bool hidden)
{
    if (hidden == m_hiddenPanels.contains(panelId))
        return;
    if (hidden)
        m_hiddenPanels.insert(panelId);
    else
        m_hiddenPanels.remove(panelId);
    saveLayout();
    relayout();
    updateStaleSeries(false);
    if (!hidden) {
        if (ChartPanel *p = panel(panelId)) {
            p->markDataChanged();
            m_scroll->ensureWidgetVisible(p);
        }
        scheduleFrame();
    }
}

void MainWindow::showAllPanels()
{
    if (m_hiddenPanels.isEmpty())
        return;
    m_hiddenPanels.clear();
    saveLayout();
    relayout();
    for (ChartPanel *p : std::as_const(m_panels))
        p->markDataChanged();
    scheduleFrame();
}

void MainWindow::rebuildHiddenMenu()
{
    if (!m_hiddenMenu)
        return;
    m_hiddenMenu->clear();
    QStringList hidden;
    for (const QString &id : panelOrder()) {
        if (m_hiddenPanels.contains(id))
            hidden.append(id);
    }
    for (const QString &id : std::as_const(hidden)) {
        QAction *show = m_hiddenMenu->addAction(mnemonicEscaped(panelTitle(id)));
        show->setData(id);
        connect(show, &QAction::triggered, this, [this, id] { setPanelHidden(id, false); });
    }
    if (!hidden.isEmpty()) {
        m_hiddenMenu->addSeparator();
        QAction *all = m_hiddenMenu->addAction(tr("Show all panels"));
        connect(all, &QAction::triggered, this, &MainWindow::showAllPanels);
    }
    m_hiddenMenu->setEnabled(!hidden.isEmpty());
}

namespace {

// One panel's layout entry, the same keys in QSettings (as a QVariantMap) and in the layout
// JSON: width, height, custom, title, unit, series (added by hand), removedSeries,
// hiddenSeries.
QJsonObject panelLayoutObject(int width, int height, bool custom, const QString &title,
                              const QString &unit, const QStringList &added,
                              const QStringList &removed, const QStringList &hiddenSeries)
{
    QJsonObject o;
    o.insert(u"width"_s, width);
    o.insert(u"height"_s, height);
    if (custom) {
        o.insert(u"custom"_s, true);
        o.insert(u"unit"_s, unit);
    }
    if (custom || !added.isEmpty())
        o.insert(u"title"_s, title);
    if (!added.isEmpty())
        o.insert(u"series"_s, QJsonArray::fromStringList(added));
    if (!removed.isEmpty())
        o.insert(u"removedSeries"_s, QJsonArray::fromStringList(removed));
    if (!hiddenSeries.isEmpty())
        o.insert(u"hiddenSeries"_s, QJsonArray::fromStringList(hiddenSeries));
    return o;
}

QStringList stringList(const QJsonValue &value)
{
    QStringList list;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &v : array) {
        if (v.isString() && !v.toString().isEmpty() && !list.contains(v.toString()))
            list.append(v.toString());
    }
    return list;
}

} // namespace

MainWindow::PanelLayout MainWindow::panelLayoutFromJson(const QJsonObject &o)
{
    // Files written before panels had sizes or series by hand have none of these keys.
    PanelLayout entry;
    entry.size.width = std::clamp(o.value(u"width"_s).toInt(1), 1, kGridColumns);
    entry.size.height = std::clamp(o.value(u"height"_s).toInt(1), 1, kMaxPanelRows);
    entry.custom = o.value(u"custom"_s).toBool();
    // Written only for panels with a title of their own (panelLayoutObject()).
    entry.title
        = entry.custom || o.contains(u"series"_s) ? o.value(u"title"_s).toString() : QString();
    entry.unit = o.value(u"unit"_s).toString();
    entry.added = stringList(o.value(u"series"_s));
    entry.removed = stringList(o.value(u"removedSeries"_s));
    entry.hiddenSeries = stringList(o.value(u"hiddenSeries"_s));
    entry.hiddenSeries.sort();
    return entry;
}

void MainWindow::loadLayout()
{
    const QVariantMap layout = QSettings().value(boardSettingsKey(u"layout"_s)).toMap();
    m_layoutOrder = layout.value(u"order"_s).toStringList();
    const QStringList hidden = layout.value(u"hidden"_s).toStringList();
    m_hiddenPanels = QSet<QString>(hidden.cbegin(), hidden.cend());
    // Sizes and series by hand (absent in layouts saved before they existed).
    m_panelLayouts.clear();
    const QVariantMap panels = layout.value(u"panels"_s).toMap();
    for (auto it = panels.cbegin(); it != panels.cend(); ++it) {
        const PanelLayout entry
            = panelLayoutFromJson(QJsonObject::fromVariantMap(it.value().toMap()));
        if (!entry.isDefault())
            m_panelLayouts.insert(it.key(), entry);
    }
}

void MainWindow::saveLayout()
{
    QStringList order = panelOrder();
    for (const QString &id : std::as_const(m_layoutOrder)) {
        if (!order.contains(id))
            order.append(id);
    }
    m_layoutOrder = order;
    QStringList hidden(m_hiddenPanels.cbegin(), m_hiddenPanels.cend());
    hidden.sort();
    QVariantMap layout;
    layout.insert(u"order"_s, order);
    layout.insert(u"hidden"_s, hidden);
    QVariantMap panels;
    for (auto it = m_panelLayouts.cbegin(); it != m_panelLayouts.cend(); ++it) {
        if (it->isDefault())
            continue;
        panels.insert(it.key(),
                      panelLayoutObject(it->size.width, it->size.height, it->custom, it->title,
                                        it->unit, it->added, it->removed, it->hiddenSeries)
                          .toVariantMap());
    }
    if (!panels.isEmpty())
        layout.insert(u"panels"_s, panels);
    QSettings().setValue(boardSettingsKey(u"layout"_s), layout);
}

QByteArray MainWindow::layoutJson() const
{
    QStringList order = panelOrder();
    for (const QString &id : m_layoutOrder) {
        if (!order.contains(id))
            order.append(id);
    }
    QJsonArray panels;
    for (const QString &id : std::as_const(order)) {
        QJsonObject o;
        o.insert(u"id"_s, id);
        o.insert(u"title"_s, panel(id) ? panel(id)->title() : QString());
        o.insert(u"hidden"_s, m_hiddenPanels.contains(id));
        const auto threshold = panelThreshold(id);
        o.insert(u"threshold"_s, threshold ? QJsonValue(*threshold) : QJsonValue());
        if (threshold)
            o.insert(u"thresholdAlert"_s, thresholdAlertName(panelThresholdAlert(id)));
        const PanelLayout entry = m_panelLayouts.value(id);
        const QJsonObject extra
            = panelLayoutObject(entry.size.width, entry.size.height, entry.custom, entry.title,
                                entry.unit, entry.added, entry.removed, entry.hiddenSeries);
        for (auto it = extra.begin(); it != extra.end(); ++it)
            o.insert(it.key(), it.value());
        panels.append(o);
    }
    QJsonObject root;
    root.insert(u"format"_s, u"watchroom.layout"_s);
    root.insert(u"version"_s, 1);
    root.insert(u"board"_s, m_session ? m_session->board() : u"main"_s);
    root.insert(u"panels"_s, panels);
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

bool MainWindow::applyLayoutJson(const QByteArray &json, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    const QJsonObject root = doc.object();
    if (doc.isNull() || root.value(u"format"_s).toString() != "watchroom.layout"_L1
        || root.value(u"version"_s).toInt() != 1 || !root.value(u"panels"_s).isArray()) {
        if (error)
            *error = tr("This is not a Watchroom layout file.");
        return false;
    }
    QStringList order;
    QSet<QString> hidden;
    QHash<QString, PanelLayout> layouts;
    const QJsonArray panels = root.value(u"panels"_s).toArray();
    for (const QJsonValue &v : panels) {
        const QJsonObject o = v.toObject();
        const QString id = o.value(u"id"_s).toString();
        if (id.isEmpty() || order.contains(id))
            continue;
        order.append(id);
        if (o.value(u"hidden"_s).toBool())
            hidden.insert(id);
        const PanelLayout entry = panelLayoutFromJson(o);
        if (!entry.isDefault())
            layouts.insert(id, entry);
        const QJsonValue threshold = o.value(u"threshold"_s);
        if (threshold.isDouble())
            setPanelThreshold(id, threshold.toDouble());
        else if (threshold.isNull())
            setPanelThreshold(id, std::nullopt);
        // Files from before alerts had a choice alert above, the default.
        setPanelThresholdAlert(id,
                               thresholdAlertFromName(o.value(u"thresholdAlert"_s).toString())
                                   .value_or(ThresholdAlert::Above));
    }
    m_layoutOrder = order;
    m_hiddenPanels = hidden;
    const bool seriesChanged = [&] {
        for (const QString &id : layouts.keys() + m_panelLayouts.keys()) {
            const PanelLayout a = layouts.value(id);
            const PanelLayout b = m_panelLayouts.value(id);
            if (a.custom != b.custom || a.added != b.added || a.removed != b.removed)
                return true;
        }
        return false;
    }();
    m_panelLayouts = layouts;
    saveLayout();
    if (seriesChanged)
        rebuildPanels(); // panels by hand come and go, series move
    for (ChartPanel *p : std::as_const(m_panels))
        p->setHiddenSeries(m_panelLayouts.value(p->panelId()).hiddenSeries);
    relayout();
    for (ChartPanel *p : std::as_const(m_panels))
        p->markDataChanged();
    scheduleFrame();
    return true;
}

bool MainWindow::exportLayout(const QString &path, QString *error)
{
    return BoardExport::writeFile(path, layoutJson(), error);
}

bool MainWindow::importLayout(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = file.errorString();
        return false;
    }
    // A layout is a few kilobytes; anything far larger is not one.
    if (file.size() > 4 * 1024 * 1024) {
        if (error)
            *error = tr("This is not a Watchroom layout file.");
        return false;
    }
    return applyLayoutJson(file.readAll(), error);
}

// ---- time window --------------------------------------------------------------------------

void MainWindow::setSpan(qint64 spanMs)
{
    m_window.setSpan(spanMs);
    QSettings().setValue(u"board/span"_s, m_window.span());
    windowChanged();
}

void MainWindow::goLive()
{
    m_window.goLive();
    windowChanged();
}

void MainWindow::zoom(double factor, qint64 anchor)
{
    m_window.zoom(factor, anchor, m_clock());
    windowChanged();
}

void MainWindow::pan(qint64 deltaMs)
{
    m_window.pan(deltaMs, m_clock());
    windowChanged();
}

void MainWindow::showRange(qint64 from, qint64 to)
{
    m_window.showRange(from, to);
    windowChanged();
}

void MainWindow::windowChanged()
{
    updateLiveUi();
    sendView();
    // A user gesture gets its frame at once, not after the live tick.
    m_frameTimer.stop();
    scheduleFrame();
    Q_EMIT timeWindowChanged();
}

void MainWindow::updateLiveUi()
{
    const bool live = m_window.isLive();
    m_liveAction->setChecked(live);
    for (QAction *a : m_presets->actions())
        a->setChecked(a->data().toLongLong() == m_window.span());
    if (live) {
        m_modeLabel->setText(tr("Live"));
        m_modeLabel->setToolTip(tr("Following the current time"));
    } else {
        //: Status bar: the charts are paused (not following now)
        m_modeLabel->setText(tr("Paused — Ctrl+L returns to live"));
        m_modeLabel->setToolTip(QString());
    }
    if (m_lastLive != live) {
        m_lastLive = live;
        Q_EMIT liveChanged(live);
    }
}

void MainWindow::sendView()
{
    if (!m_session)
        return;
    session::View view;
    const qint64 t = m_clock();
    view.panel = m_viewPanel;
    view.from = m_window.start(t);
    if (!m_window.isLive())
        view.to = m_window.end(t);
    m_session->setView(view);
}

void MainWindow::scheduleFrame()
{
    if (m_frameTimer.isActive())
        return;
    const qint64 since = m_sinceFrame.elapsed();
    m_frameTimer.start(int(std::max<qint64>(0, kFrameIntervalMs - since)));
}

void MainWindow::renderFrame()
{
    m_frameTimer.stop();
    const qint64 t = m_clock();
    const qint64 from = m_window.start(t);
    const qint64 to = m_window.end(t);
    int columns = 1;
    for (ChartPanel *p : std::as_const(m_panels)) {
        p->setTimeRange(from, to);
        if (p->isFrameDue() && !m_hiddenPanels.contains(p->panelId()))
            p->updateFrame();
        columns = std::max(columns, p->columns());
    }
    m_sinceFrame.restart();
    ++m_frames;
    if (m_window.isLive() && !m_panels.isEmpty()) {
        // Live: the next frame when the window has slid by about one column.
        const qint64 perColumn = m_window.span() / columns;
        m_frameTimer.start(int(std::clamp<qint64>(perColumn, kFrameIntervalMs, kMaxLiveTickMs)));
    }
}

// ---- collaboration ------------------------------------------------------------------------

void MainWindow::setMotionClock(std::function<qint64()> clock)
{
    m_motionClock = clock ? std::move(clock) : std::function<qint64()>([this] {
        return m_monotonic.elapsed();
    });
    m_motions.clear();
    updateCursors();
}

void MainWindow::updateCursors()
{
    if (!m_presence)
        return;
    const qint64 now = m_motionClock();
    const QList<PresenceModel::Peer> peers = m_privacy.hideOthersCursors
        ? QList<PresenceModel::Peer>()
        : m_presence->peers();
    QList<RemoteCursor> shown; // onThisPanel means "on the peer's panel" here
    QStringList peerPanels;
    QHash<QString, CursorMotion> motions;
    bool gliding = false;
    qint64 nextFade = -1;
    for (const PresenceModel::Peer &peer : peers) {
        if (!peer.cursor || !peer.cursor->panel)
            continue;
        const QString &panelId = *peer.cursor->panel;
        CursorMotion mo = m_motions.value(peer.userId);
        const bool known = m_motions.contains(peer.userId);
        if (!known || mo.panel != panelId) {
            // First sight or another panel: no glide from somewhere unrelated.
            mo = { panelId, peer.cursor->t, peer.cursor->t, peer.cursor->y, peer.cursor->y,
                   now - kCursorGlideMs, now };
        } else if (mo.toT != peer.cursor->t || mo.toY != peer.cursor->y) {
            // From where it is drawn now towards the new report.
            const double k = std::clamp(double(now - mo.startedMs) / kCursorGlideMs, 0.0, 1.0);
            mo.fromT = mo.fromT + qint64(std::llround(double(mo.toT - mo.fromT) * k));
            mo.fromY = mo.fromY + (mo.toY - mo.fromY) * k;
            mo.toT = peer.cursor->t;
            mo.toY = peer.cursor->y;
            mo.startedMs = now - kCursorGlideHeadStartMs;
            mo.changedMs = now;
        }
        motions.insert(peer.userId, mo);
        const double k = std::clamp(double(now - mo.startedMs) / kCursorGlideMs, 0.0, 1.0);
        gliding = gliding || k < 1.0;
        RemoteCursor c;
        c.userId = peer.userId;
        c.name = peer.name;
        c.color = QColor::fromString(peer.color);
        if (!c.color.isValid())
            c.color = QColor(0x88, 0x88, 0x88);
        c.t = mo.fromT + qint64(std::llround(double(mo.toT - mo.fromT) * k));
        c.y = mo.fromY + (mo.toY - mo.fromY) * k;
        const bool idle = now - mo.changedMs > kCursorIdleMs;
        if (!idle) {
            const qint64 due = mo.changedMs + kCursorIdleMs + 1;
            nextFade = nextFade < 0 ? due : std::min(nextFade, due);
        }
        c.opacity = peer.state != session::PresenceState::Active || idle ? kIdleCursorOpacity
                                                                          : 1.0;
        shown.append(c);
        peerPanels.append(panelId);
    }
    m_motions = std::move(motions); // a peer who left loses its cursor and its motion
    for (ChartPanel *p : std::as_const(m_panels)) {
        QList<RemoteCursor> cursors = shown;
        for (qsizetype i = 0; i < cursors.size(); ++i)
            cursors[i].onThisPanel = peerPanels[i] == p->panelId();
        p->setRemoteCursors(cursors);
    }
    if (gliding && !m_cursorTimer.isActive())
        m_cursorTimer.start();
    else if (!gliding)
        m_cursorTimer.stop();
    if (nextFade >= 0)
        m_fadeTimer.start(int(std::clamp<qint64>(nextFade - now, 0, kCursorIdleMs + 1)));
    else
        m_fadeTimer.stop();
}

void MainWindow::updateAnnotations()
{
    if (!m_annotations)
        return;
    const QList<session::Annotation> all = m_annotations->visible();
    for (ChartPanel *p : std::as_const(m_panels)) {
        QList<PanelAnnotation> list;
        for (const session::Annotation &a : all) {
            if (a.panel && *a.panel != p->panelId())
                continue;
            PanelAnnotation pa;
            pa.id = a.id;
            pa.t0 = a.t0;
            pa.t1 = a.t1;
            pa.text = a.text;
            pa.author = displayName(a.author);
            pa.color = QColor::fromString(a.color);
            list.append(pa);
        }
        p->setAnnotations(list);
    }
}

void MainWindow::requestAnnotation(const QString &panelId, qint64 t0, std::optional<qint64> t1)
{
    if (!m_access.canAnnotate) {
        showBanner(u"annotate"_s, annotateBlockedReason(), BannerBar::Kind::Warning);
        return;
    }
    ChartPanel *p = panel(panelId);
    session::Annotation a;
    if (!panelId.isEmpty())
        a.panel = panelId;
    a.t0 = t0;
    a.t1 = t1;
    if (!m_editor || !m_editor(a, p ? p->title() : tr("the board")))
        return;
    saveAnnotation(a);
}

void MainWindow::saveAnnotation(const session::Annotation &a)
{
    if (m_session) {
        QString error;
        if (m_session->putAnnotation(a, &error).isEmpty())
            showBanner(u"annotation"_s, tr("The annotation was not saved: %1").arg(error));
    } else if (m_annotations) {
        m_annotations->put(a);
    }
}

void MainWindow::updatePeople()
{
    const int others = m_presence ? m_presence->rowCount() : 0;
    //: Status bar: number of people on the board, including me (always 2 or more)
    m_peopleLabel->setText(others == 0 ? tr("Only you here") : tr("%n people here", nullptr, others + 1));
    QStringList names;
    if (m_presence) {
        const QList<PresenceModel::Peer> peers = m_presence->peers();
        for (const PresenceModel::Peer &peer : peers)
            names.append(peer.name);
    }
    m_peopleLabel->setToolTip(names.isEmpty() ? tr("Only you") : richToolTip(names.join(u", "_s)));
    updateCursors();
    updateAnnotations();
}

// ---- status -------------------------------------------------------------------------------

void MainWindow::setSessionPlace(const SessionPlace &place)
{
    m_place = place;
    updateWindowTitle();
    setConnectionStatus(m_status);
}

void MainWindow::updateWindowTitle()
{
    using K = SessionPlace::Kind;
    QString title;
    switch (m_place.kind) {
    case K::Unknown:
        // A title the owner set itself stays; only ours is rebuilt.
        if (!windowTitle().isEmpty() && windowTitle() != m_ownTitle)
            return;
        title = tr("Watchroom");
        break;
    case K::ThisComputer:
        //: Window title; %1 = the board
        title = tr("Watchroom — %1 (this computer)").arg(m_place.board);
        break;
    case K::Hosting:
        //: Window title; %1 = the board, %2 = address:port others join at
        title = tr("Watchroom — %1 (hosting at %2)").arg(m_place.board, m_place.address);
        break;
    case K::Joined:
        //: Window title; %1 = the board
        title = tr("Watchroom — %1").arg(m_place.board);
        break;
    }
    m_ownTitle = title;
    setWindowTitle(title);
}

QString MainWindow::connectionText() const
{
    using S = ConnectionStatus::State;
    QString where = m_status.where;
    switch (m_place.kind) {
    case SessionPlace::Kind::ThisComputer:
        //: Status bar: "Connected to this computer" (the relay runs inside this app)
        where = tr("this computer");
        break;
    case SessionPlace::Kind::Hosting:
        //: Status bar: "Connected to this computer, shared at 192.168.1.20:7300"
        where = tr("this computer, shared at %1").arg(m_place.address);
        break;
    case SessionPlace::Kind::Joined:
        where = m_place.address.isEmpty() ? where : m_place.address;
        break;
    case SessionPlace::Kind::Unknown:
        break;
    }
    switch (m_status.state) {
    case S::Connected:
        return where.isEmpty() ? tr("Connected") : tr("Connected to %1").arg(where);
    case S::Connecting:
        return tr("Connecting…");
    case S::Recovering:
        return tr("Recovering the connection…");
    case S::Reconnecting:
        if (m_status.reconnectInSeconds > 0)
            return tr("Reconnecting in %n s", nullptr, m_status.reconnectInSeconds);
        return tr("Reconnecting…");
    case S::Offline:
        return tr("Offline");
    case S::Stopped:
        break;
    }
    return tr("Not connected");
}

void MainWindow::setConnectionStatus(const ConnectionStatus &status)
{
    const bool wasDown = connectionIsDown(m_status);
    m_status = status;
    if (wasDown != connectionIsDown(status))
        updateStaleSeries(false); // not while down: the status bar says that already
    using S = ConnectionStatus::State;
    QColor color;
    switch (status.state) {
    case S::Connected:
        color = m_dark ? QColor(0x3c, 0xd6, 0x8a) : QColor(0x1a, 0x7f, 0x37);
        break;
    case S::Connecting:
    case S::Recovering:
    case S::Reconnecting:
        color = m_dark ? QColor(0xf5, 0xc2, 0x42) : QColor(0x9a, 0x67, 0x00);
        break;
    case S::Offline:
        color = m_dark ? QColor(0xff, 0x6b, 0x6b) : QColor(0xc0, 0x1c, 0x28);
        break;
    case S::Stopped:
        color = palette().color(QPalette::PlaceholderText);
        break;
    }
    m_connectionLabel->setText(u"● "_s + connectionText());
    QPalette pal = m_connectionLabel->palette();
    pal.setColor(QPalette::WindowText, color);
    m_connectionLabel->setPalette(pal);
    // The detail may quote the hub (an HTTP body, a close reason): shown literally.
    m_connectionLabel->setToolTip(literalToolTip(status.detail));
    if (status.state == S::Connected && status.roundTripMs >= 0) {
        //: Status bar: round-trip time to the hub in milliseconds
        m_rttLabel->setText(tr("Round trip %1 ms").arg(status.roundTripMs));
        m_rttLabel->show();
    } else {
        m_rttLabel->hide();
    }
}

// ---- appearance ---------------------------------------------------------------------------

void MainWindow::setThemeMode(Theme::Mode mode)
{
    m_themeMode = mode;
    QSettings().setValue(u"appearance/theme"_s, Theme::toString(mode));
    for (QAction *a : m_themeGroup->actions())
        a->setChecked(a->data().toInt() == int(mode));
    applyTheme();
}

void MainWindow::applyTheme()
{
    m_applyingTheme = true;
    m_dark = Theme::apply(m_themeMode);
    m_applyingTheme = false;
    for (ChartPanel *p : std::as_const(m_panels)) {
        p->setPalette(QApplication::palette());
        p->setDark(m_dark);
    }
    setConnectionStatus(m_status);
    for (ChartPanel *p : std::as_const(m_panels))
        p->markDataChanged();
    scheduleFrame();
}

void MainWindow::changeEvent(QEvent *event)
{
    switch (event->type()) {
    case QEvent::ThemeChange:
        // The platform switched between light and dark while we follow it.
        if (!m_applyingTheme && m_themeMode == Theme::Mode::System)
            applyTheme();
        break;
    case QEvent::LanguageChange:
        retranslateUi();
        break;
    case QEvent::PaletteChange:
        refreshIcons();
        break;
    case QEvent::WindowStateChange:
        m_activity.setHidden(isMinimized() || !isVisible());
        break;
    default:
        break;
    }
    QMainWindow::changeEvent(event);
}

// ---- access, annotations ------------------------------------------------------------------

QString MainWindow::annotateBlockedReason() const
{
    if (m_access.canAnnotate)
        return {};
    if (m_access.role == "viewer"_L1)
        return tr("You joined as a viewer: only annotators can add, edit or delete "
                  "annotations. Ask the host for an annotator link.");
    //: %1 = a role name such as "source"
    return tr("Your role (%1) may not add, edit or delete annotations.").arg(m_access.role);
}

void MainWindow::setAccess(const SessionAccess &access)
{
    m_access = access;
    const QString reason = annotateBlockedReason();
    m_annotateAction->setEnabled(access.canAnnotate);
    m_annotateAction->setToolTip(access.canAnnotate
                                     ? tr("Add an annotation now for the whole board (Ctrl+M); "
                                          "Shift+click or Shift+drag on a chart for a panel")
                                     : literalToolTip(reason));
    m_annotationDock->setEditable(access.canAnnotate, reason);
    if (access.canAnnotate)
        m_banners->dismiss(u"annotate"_s);
}

QString MainWindow::panelTitle(const QString &panelId) const
{
    if (panelId.isEmpty())
        return tr("the whole board");
    if (const ChartPanel *p = panel(panelId))
        return p->title();
    const QString remembered = m_panelLayouts.value(panelId).title;
    return remembered.isEmpty() ? panelId : remembered;
}

QString MainWindow::displayName(const QString &userId) const
{
    if (m_session && !userId.isEmpty() && userId == m_session->userId())
        //: The author of an annotation is the local user
        return tr("you");
    if (m_presence) {
        if (const auto peer = m_presence->peer(userId))
            return peer->name;
    }
    return userId;
}

bool MainWindow::editAnnotation(const QString &id)
{
    if (!m_annotations)
        return false;
    if (!m_access.canAnnotate) {
        showBanner(u"annotate"_s, annotateBlockedReason(), BannerBar::Kind::Warning);
        return false;
    }
    auto a = m_annotations->annotation(id);
    if (!a || !m_editor || !m_editor(*a, panelTitle(a->panel.value_or(QString()))))
        return false;
    if (m_session) {
        QString error;
        if (m_session->putAnnotation(*a, &error).isEmpty()) {
            showBanner(u"annotation"_s, tr("The annotation was not saved: %1").arg(error));
            return false;
        }
    } else {
        m_annotations->put(*a);
    }
    return true;
}

bool MainWindow::deleteAnnotation(const QString &id)
{
    if (!m_access.canAnnotate) {
        showBanner(u"annotate"_s, annotateBlockedReason(), BannerBar::Kind::Warning);
        return false;
    }
    bool removed = false;
    if (m_session) {
        removed = m_session->removeAnnotation(id);
    } else if (m_annotations && m_annotations->annotation(id)) {
        m_annotations->remove(id);
        removed = true;
    }
    if (removed)
        statusBar()->showMessage(tr("Annotation deleted"), 4000);
    return removed;
}

void MainWindow::jumpToAnnotation(const QString &id)
{
    if (!m_annotations)
        return;
    const auto a = m_annotations->annotation(id);
    if (!a)
        return;
    unfollow();
    const qint64 span = m_window.span();
    if (a->t1) {
        // The region with a margin on both sides, or centred in the current span if it fits.
        const qint64 length = std::max<qint64>(*a->t1 - a->t0, TimeWindow::kMinSpanMs);
        const qint64 shown = std::max(span, length + length / 5);
        const qint64 middle = a->t0 + (*a->t1 - a->t0) / 2;
        showRange(middle - shown / 2, middle + shown / 2);
    } else {
        showRange(a->t0 - span / 2, a->t0 + span / 2);
    }
    if (a->panel) {
        if (ChartPanel *p = panel(*a->panel))
            m_scroll->ensureWidgetVisible(p);
    }
}

QMenu *MainWindow::createChartMenu(const QString &panelId, qint64 t, const QString &annotationId,
                                   QWidget *parent)
{
    auto *menu = new QMenu(parent);
    menu->setToolTipsVisible(true);
    const QString reason = annotateBlockedReason();
    const auto disable = [&](QAction *a) {
        a->setEnabled(m_access.canAnnotate);
        if (!m_access.canAnnotate)
            a->setToolTip(literalToolTip(reason)); // the role's name comes from the hub
    };
    if (!annotationId.isEmpty() && m_annotations && m_annotations->annotation(annotationId)) {
        const auto a = m_annotations->annotation(annotationId);
        QString title = a->text.simplified();
        if (title.size() > 40)
            title = title.left(39) + u'…';
        QAction *heading = menu->addAction(
            title.isEmpty() ? tr("Annotation by %1").arg(displayName(a->author))
                            //: Context menu heading: annotation text · author
                            : tr("%1 · %2").arg(title, displayName(a->author)));
        heading->setEnabled(false);
        QAction *edit = menu->addAction(tr("Edit annotation…"));
        edit->setObjectName(u"editAnnotation"_s);
        disable(edit);
        connect(edit, &QAction::triggered, this,
                [this, annotationId] { editAnnotation(annotationId); });
        QAction *remove = menu->addAction(tr("Delete annotation"));
        remove->setObjectName(u"deleteAnnotation"_s);
        disable(remove);
        connect(remove, &QAction::triggered, this,
                [this, annotationId] { deleteAnnotation(annotationId); });
        menu->addSeparator();
    }
    QAction *add = menu->addAction(tr("Add annotation here…"));
    add->setObjectName(u"addAnnotation"_s);
    disable(add);
    connect(add, &QAction::triggered, this,
            [this, panelId, t] { requestAnnotation(panelId, t, std::nullopt); });
    if (!m_access.canAnnotate) {
        // Visible without hovering: why the actions above are disabled.
        QAction *why = menu->addAction(reason);
        why->setEnabled(false);
    }
    menu->addSeparator();
    menu->addAction(m_liveAction);
    menu->addAction(m_zoomOutAction);
    if (ChartPanel *p = panel(panelId)) {
        menu->addSeparator();
        const QStringList visible = visiblePanelOrder();
        QAction *left = menu->addAction(tr("Move panel left"));
        left->setObjectName(u"movePanelLeft"_s);
        left->setEnabled(visible.indexOf(panelId) > 0);
        connect(left, &QAction::triggered, this, [this, panelId] { movePanel(panelId, -1); });
        QAction *right = menu->addAction(tr("Move panel right"));
        right->setObjectName(u"movePanelRight"_s);
        right->setEnabled(visible.indexOf(panelId) >= 0
                          && visible.indexOf(panelId) < visible.size() - 1);
        connect(right, &QAction::triggered, this, [this, panelId] { movePanel(panelId, 1); });
        QAction *hide = menu->addAction(tr("Hide panel"));
        hide->setObjectName(u"hidePanel"_s);
        hide->setToolTip(tr("View → Hidden panels shows it again"));
        connect(hide, &QAction::triggered, this,
                [this, panelId] { setPanelHidden(panelId, true); });

        QMenu *sizeMenu = menu->addMenu(tr("Panel si&ze"));
        sizeMenu->setObjectName(u"panelSizeMenu"_s);
        const PanelSize size = panelSize(panelId);
        auto *widths = new QActionGroup(sizeMenu);
        const std::pair<int, QString> widthChoices[] = {
            { 1, tr("&Half width") },
            { kGridColumns, tr("&Full width") },
        };
        for (const auto &[width, text] : widthChoices) {
            QAction *a = sizeMenu->addAction(text);
            a->setObjectName(u"panelWidth%1"_s.arg(width));
            a->setCheckable(true);
            a->setChecked(size.width == width);
            widths->addAction(a);
            connect(a, &QAction::triggered, this, [this, panelId, width] {
                setPanelSize(panelId, { width, panelSize(panelId).height });
            });
        }
        sizeMenu->addSeparator();
        auto *heights = new QActionGroup(sizeMenu);
        const std::pair<int, QString> heightChoices[] = {
            { 1, tr("&Normal height") },
            { 2, tr("&Tall (2 rows)") },
            { 3, tr("&Extra tall (3 rows)") },
        };
        for (const auto &[height, text] : heightChoices) {
            QAction *a = sizeMenu->addAction(text);
            a->setObjectName(u"panelHeight%1"_s.arg(height));
            a->setCheckable(true);
            a->setChecked(size.height == height);
            heights->addAction(a);
            connect(a, &QAction::triggered, this, [this, panelId, height] {
                setPanelSize(panelId, { panelSize(panelId).width, height });
            });
        }

        menu->addSeparator();
        // One submenu entry per series of the panel: its name (literal), its id as data.
        const QStringList onPanel = p->seriesIds();
        const auto seriesSubmenu = [&](const QString &title, const QString &objectName,
                                       const auto &configure) {
            QMenu *sub = menu->addMenu(title);
            sub->setObjectName(objectName);
            for (const QString &seriesId : onPanel) {
                QAction *a = sub->addAction(mnemonicEscaped(p->seriesName(seriesId)));
                a->setData(seriesId);
                a->setToolTip(literalToolTip(seriesId));
                configure(a, seriesId);
            }
            sub->setEnabled(!onPanel.isEmpty());
            return sub;
        };
        // The legend's click-to-hide, reachable from the keyboard.
        seriesSubmenu(tr("Show series"), u"showSeriesMenu"_s,
                      [&](QAction *a, const QString &seriesId) {
                          a->setCheckable(true);
                          a->setChecked(!p->isSeriesHidden(seriesId));
                          connect(a, &QAction::toggled, this,
                                  [this, panelId, seriesId](bool shownNow) {
                                      if (ChartPanel *target = panel(panelId))
                                          target->setSeriesHidden(seriesId, !shownNow);
                                  });
                      });
        QAction *addSeriesAction = menu->addAction(tr("Add series…"));
        addSeriesAction->setObjectName(u"addSeries"_s);
        addSeriesAction->setToolTip(tr("Show more series of the same unit on this panel"));
        connect(addSeriesAction, &QAction::triggered, this,
                [this, panelId] { showAddSeriesDialog(panelId); });
        seriesSubmenu(tr("Remove series"), u"removeSeriesMenu"_s,
                      [&](QAction *a, const QString &seriesId) {
                          connect(a, &QAction::triggered, this, [this, panelId, seriesId] {
                              removeSeriesFromPanel(panelId, seriesId);
                          });
                      });
        if (isCustomPanel(panelId)) {
            QAction *removeThis = menu->addAction(tr("Remove panel"));
            removeThis->setObjectName(u"removePanel"_s);
            connect(removeThis, &QAction::triggered, this,
                    [this, panelId] { removePanel(panelId); });
        }
        menu->addSeparator();
        QAction *threshold = menu->addAction(tr("Set threshold…"));
        threshold->setObjectName(u"setThreshold"_s);
        connect(threshold, &QAction::triggered, this,
                [this, panelId] { askPanelThreshold(panelId); });
        QAction *clear = menu->addAction(tr("Clear threshold"));
        clear->setObjectName(u"clearThreshold"_s);
        clear->setEnabled(p->threshold().has_value());
        connect(clear, &QAction::triggered, this,
                [this, panelId] { setPanelThreshold(panelId, std::nullopt); });
        //: Submenu: when the panel's threshold notifies
        QMenu *alertMenu = menu->addMenu(tr("Alert"));
        alertMenu->setObjectName(u"thresholdAlertMenu"_s);
        alertMenu->setEnabled(p->threshold().has_value());
        auto *alertGroup = new QActionGroup(alertMenu);
        const std::pair<ThresholdAlert, QString> alertChoices[] = {
            { ThresholdAlert::Above, tr("When a series goes above the threshold") },
            { ThresholdAlert::Below, tr("When a series goes below the threshold") },
            { ThresholdAlert::Off, tr("Never (only draw the line)") },
        };
        const ThresholdAlert current = panelThresholdAlert(panelId);
        for (const auto &[choice, label] : alertChoices) {
            QAction *a = alertMenu->addAction(label);
            a->setObjectName(u"thresholdAlert-"_s + thresholdAlertName(choice));
            a->setCheckable(true);
            a->setChecked(choice == current);
            alertGroup->addAction(a);
            connect(a, &QAction::triggered, this,
                    [this, panelId, choice] { setPanelThresholdAlert(panelId, choice); });
        }
        menu->addSeparator();
        QAction *png = menu->addAction(tr("Export panel as PNG…"));
        png->setObjectName(u"exportPanelPng"_s);
        connect(png, &QAction::triggered, this,
                [this, panelId] { exportPanelPngInteractively(panelId); });
        QAction *csv = menu->addAction(tr("Export visible data as CSV…"));
        csv->setObjectName(u"exportPanelCsv"_s);
        csv->setToolTip(tr("Every stored point of this panel's series in the time window shown"));
        connect(csv, &QAction::triggered, this,
                [this, panelId] { exportPanelCsvInteractively(panelId); });
    }
    return menu;
}

// ---- presence: follow, privacy, activity --------------------------------------------------

bool MainWindow::follow(const QString &userId)
{
    if (!m_presence)
        return false;
    const auto peer = m_presence->peer(userId);
    if (!peer || !peer->followable || !peer->view)
        return false;
    m_following = userId;
    m_presenceDock->setFollowing(userId);
    applyFollowedView();
    statusBar()->showMessage(
        tr("Following %1 — any input of yours stops it").arg(peer->name), 6000);
    return true;
}

void MainWindow::unfollow()
{
    if (m_following.isEmpty())
        return;
    m_following.clear();
    m_presenceDock->setFollowing(QString());
    statusBar()->showMessage(tr("Stopped following"), 3000);
    sendView();
}

void MainWindow::onPeerChanged(const QString &userId)
{
    if (userId != m_following || !m_presence)
        return;
    const auto peer = m_presence->peer(userId);
    if (!peer || !peer->followable) {
        const QString name = peer ? peer->name : userId;
        unfollow();
        showBanner(u"follow"_s, tr("%1 no longer allows others to follow them.").arg(name),
                   BannerBar::Kind::Info);
        return;
    }
    applyFollowedView();
}

void MainWindow::applyFollowedView()
{
    const auto peer = m_presence ? m_presence->peer(m_following) : std::nullopt;
    if (!peer || !peer->view)
        return;
    const session::View &view = *peer->view;
    const qint64 t = m_clock();
    if (view.to) {
        m_window.showRange(view.from.value_or(*view.to - m_window.span()), *view.to);
    } else {
        // Live: the span is now − their start, sent at most kViewRefreshMs ago and measured on
        // another computer's clock; a preset within 10 % is what they chose.
        qint64 span = view.from ? t - *view.from : m_window.span();
        for (const Preset &preset : kPresets) {
            if (std::abs(span - preset.spanMs) <= preset.spanMs / 10)
                span = preset.spanMs;
        }
        m_window.setSpan(span);
        m_window.goLive();
    }
    m_viewPanel = view.panel;
    if (!view.panel.isEmpty()) {
        if (ChartPanel *p = panel(view.panel))
            m_scroll->ensureWidgetVisible(p);
    }
    m_applyingFollow = true;
    windowChanged();
    m_applyingFollow = false;
}

void MainWindow::setPrivacy(const PrivacySettings &privacy)
{
    const PrivacySettings before = std::exchange(m_privacy, privacy);
    privacy.save();
    if (m_session) {
        if (privacy.dontShareMyCursor && !before.dontShareMyCursor)
            m_session->leaveCursor();
        m_session->setFollowable(!privacy.dontAllowFollowing);
    }
    updateCursors();
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::MouseButtonPress:
    case QEvent::MouseButtonDblClick:
    case QEvent::Wheel:
    case QEvent::KeyPress:
    case QEvent::MouseMove:
        noteUserInput(event, watched);
        break;
    default:
        break;
    }
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::noteUserInput(QEvent *event, QObject *watched)
{
    if (!watched->isWidgetType())
        return;
    auto *widget = static_cast<QWidget *>(watched);
    if (widget->window() != this)
        return;
    m_activity.noteInput();
    if (m_following.isEmpty() || event->type() == QEvent::MouseMove)
        return;
    if (event->type() == QEvent::KeyPress) {
        // Holding Ctrl or Shift is not yet input; the Follow shortcut decides for itself.
        const auto *key = static_cast<QKeyEvent *>(event);
        switch (key->key()) {
        case Qt::Key_Control:
        case Qt::Key_Shift:
        case Qt::Key_Alt:
        case Qt::Key_AltGr:
        case Qt::Key_Meta:
            return;
        default:
            break;
        }
        if (m_followAction->shortcuts().contains(QKeySequence(key->keyCombination())))
            return;
    }
    // The dock's own buttons decide about following (Unfollow, Follow someone else).
    if (m_presenceDock && m_presenceDock->isAncestorOf(widget))
        return;
    unfollow();
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    m_activity.setHidden(isMinimized());
}

void MainWindow::hideEvent(QHideEvent *event)
{
    QMainWindow::hideEvent(event);
    m_activity.setHidden(true);
}

// ---- banners and dialogs ------------------------------------------------------------------

void MainWindow::showBanner(const QString &key, const QString &text, BannerBar::Kind kind)
{
    m_banners->showBanner(key, text, kind);
}

void MainWindow::setHostHandler(HostDialog::Host handler, const QString &unavailableReason)
{
    m_hostHandler = std::move(handler);
    m_hostUnavailable = unavailableReason;
    m_hostAction->setEnabled(m_hostHandler != nullptr);
    m_hostAction->setToolTip(m_hostHandler
                                 ? tr("Host a team session: let others on your network join "
                                      "this board")
                                 : unavailableReason);
}

void MainWindow::showJoinDialog()
{
    JoinDialog dialog(m_session ? m_session->board() : u"main"_s, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const JoinRequest request = dialog.request();
    JoinDialog::remember(request);
    if (m_joinHandler)
        m_joinHandler(request);
}

void MainWindow::showHostDialog()
{
    if (!m_hostHandler) {
        showBanner(u"host"_s, m_hostUnavailable, BannerBar::Kind::Info);
        return;
    }
    if (!m_hostDialog) {
        m_hostDialog = new HostDialog(m_hostHandler, this);
        m_hostDialog->setAttribute(Qt::WA_DeleteOnClose, false);
    }
    m_hostDialog->show();
    m_hostDialog->raise();
    m_hostDialog->activateWindow();
}

void MainWindow::showSettingsDialog()
{
    if (!m_settingsDialog) {
        m_settingsDialog = new SettingsDialog(m_themeMode, m_privacy, this);
        connect(m_settingsDialog, &SettingsDialog::themeChosen, this, &MainWindow::setThemeMode);
        connect(m_settingsDialog, &SettingsDialog::privacyChanged, this,
                &MainWindow::setPrivacy);
    }
    m_settingsDialog->show();
    m_settingsDialog->raise();
    m_settingsDialog->activateWindow();
}

void MainWindow::showAboutDialog()
{
    AboutDialog dialog(this);
    dialog.exec();
}

QString MainWindow::boardSettingsKey(const QString &what) const
{
    // Board names are free text; hex keeps QSettings from reading '/' as a group.
    const QString board = m_session ? m_session->board() : u"main"_s;
    return u"boards/"_s + QString::fromLatin1(board.toUtf8().toHex()) + u'/' + what;
}

std::optional<double> MainWindow::panelThreshold(const QString &panelId) const
{
    const QVariantMap map = QSettings().value(boardSettingsKey(u"thresholds"_s)).toMap();
    bool ok = false;
    const double value = map.value(panelId).toDouble(&ok);
    if (!map.contains(panelId) || !ok || !std::isfinite(value))
        return std::nullopt;
    return value;
}

void MainWindow::setPanelThreshold(const QString &panelId, std::optional<double> value)
{
    QSettings settings;
    const QString key = boardSettingsKey(u"thresholds"_s);
    QVariantMap map = settings.value(key).toMap();
    if (value && std::isfinite(*value))
        map.insert(panelId, *value);
    else
        map.remove(panelId);
    if (map.isEmpty())
        settings.remove(key);
    else
        settings.setValue(key, map);
    if (ChartPanel *p = panel(panelId))
        p->setThreshold(value);
    evaluateThresholdAlert(panelId);
    scheduleFrame();
}

ThresholdAlert MainWindow::panelThresholdAlert(const QString &panelId) const
{
    // Asked at every arrival of a thresholded panel's points: read from QSettings once per
    // board, then from memory.
    const QString key = boardSettingsKey(u"thresholdAlerts"_s);
    if (m_thresholdAlertModesKey != key) {
        m_thresholdAlertModes.clear();
        const QVariantMap map = QSettings().value(key).toMap();
        for (auto it = map.cbegin(); it != map.cend(); ++it) {
            if (const auto alert = thresholdAlertFromName(it.value().toString()))
                m_thresholdAlertModes.insert(it.key(), *alert);
        }
        m_thresholdAlertModesKey = key;
    }
    return m_thresholdAlertModes.value(panelId, ThresholdAlert::Above);
}

void MainWindow::setPanelThresholdAlert(const QString &panelId, ThresholdAlert alert)
{
    QSettings settings;
    const QString key = boardSettingsKey(u"thresholdAlerts"_s);
    QVariantMap map = settings.value(key).toMap();
    if (alert == ThresholdAlert::Above)
        map.remove(panelId); // the default
    else
        map.insert(panelId, thresholdAlertName(alert));
    if (map.isEmpty())
        settings.remove(key);
    else
        settings.setValue(key, map);
    if (m_thresholdAlertModesKey == key) {
        if (alert == ThresholdAlert::Above)
            m_thresholdAlertModes.remove(panelId);
        else
            m_thresholdAlertModes.insert(panelId, alert);
    }
    // A new direction is a new question: its first crossing is news.
    m_thresholdAlerts.forget(panelId);
    if (ChartPanel *p = panel(panelId))
        p->setThresholdAlert(0);
    m_banners->dismiss(thresholdBannerKey(panelId));
    evaluateThresholdAlert(panelId);
}

void MainWindow::setDesktopNotifier(DesktopNotifier *notifier)
{
    if (m_notifier == notifier)
        return;
    delete m_notifier;
    m_notifier = notifier;
    if (!m_notifier)
        return;
    m_notifier->setParent(this);
    connect(m_notifier, &DesktopNotifier::activated, this, &MainWindow::showAlertedPanel);
}

void MainWindow::evaluateThresholdAlert(const QString &panelId)
{
    ChartPanel *p = panel(panelId);
    const ThresholdAlert alert = panelThresholdAlert(panelId);
    const std::optional<double> threshold = p ? p->threshold() : std::nullopt;
    QList<ThresholdAlerts::Reading> latest;
    if (p && m_metrics && threshold && alert != ThresholdAlert::Off) {
        const QStringList ids = p->seriesIds();
        for (const QString &id : ids) {
            const TimeSeriesBuffer *buffer = m_metrics->buffer(id);
            if (p->isSeriesHidden(id) || !buffer || buffer->size() == 0)
                continue;
            const Sample last = buffer->at(buffer->size() - 1); // the newest in time
            latest.append({ id, last.t, last.value });
        }
    }
    const ThresholdAlerts::Change change
        = m_thresholdAlerts.evaluate(panelId, threshold, alert, latest);
    if (change == ThresholdAlerts::Change::None)
        return;
    if (change == ThresholdAlerts::Change::Cleared) {
        if (p)
            p->setThresholdAlert(0);
        m_banners->dismiss(thresholdBannerKey(panelId));
        if (p && threshold && alert != ThresholdAlert::Off && !latest.isEmpty())
            //: Status bar when no series of the panel is beyond its threshold any more
            statusBar()->showMessage(tr("“%1” is back within its threshold.").arg(p->title()),
                                     8000);
        return;
    }
    const ThresholdAlerts::State state = *m_thresholdAlerts.state(panelId);
    const bool above = alert == ThresholdAlert::Above;
    p->setThresholdAlert(above ? 1 : -1);
    const QString when = QDateTime::fromMSecsSinceEpoch(state.sinceMs).toString(u"HH:mm:ss"_s);
    const QString text = above
        //: Banner and notification; %1 = panel title, %2 = series name, %3 = the threshold,
        //: %4 = the series' value, %5 = the time of that value (HH:mm:ss)
        ? tr("%1: %2 is above the threshold %3 (%4 at %5).")
        //: As above, for a threshold that alerts below
        : tr("%1: %2 is below the threshold %3 (%4 at %5).");
    const QString message = text.arg(p->title(), p->seriesName(state.seriesId),
                                     p->formatValue(*threshold), p->formatValue(state.value), when);
    showBanner(thresholdBannerKey(panelId), message, BannerBar::Kind::Warning);
    if (m_access.canAnnotate) {
        //: Button on a threshold alert's banner
        m_banners->setAction(thresholdBannerKey(panelId), tr("Acknowledge"),
                             [this, panelId] { acknowledgeThresholdAlert(panelId); });
        m_banners->actionButton(thresholdBannerKey(panelId))
            ->setToolTip(tr("Marks the crossing on the chart for everyone on the board"));
    }
    m_lastAlertedPanel = panelId;
    if (desktopNotificationsEnabled() && m_thresholdAlerts.takeNotification(panelId, m_clock()))
        //: Title of the desktop notification when a threshold alerts
        notifyDesktop(tr("Threshold crossed"), message);
}

void MainWindow::notifyDesktop(const QString &title, const QString &text)
{
    if (m_notifier)
        m_notifier->notify(title, text);
    QApplication::alert(this); // flashes the taskbar entry or bounces the Dock icon
}

bool MainWindow::acknowledgeThresholdAlert(const QString &panelId)
{
    const std::optional<ThresholdAlerts::State> state = m_thresholdAlerts.state(panelId);
    ChartPanel *p = panel(panelId);
    if (!state || !p || !p->threshold() || !m_access.canAnnotate)
        return false;
    const QString series = p->seriesName(state->seriesId);
    const QString threshold = p->formatValue(*p->threshold());
    const QString value = p->formatValue(state->value);
    session::Annotation a;
    a.panel = panelId;
    a.t0 = state->sinceMs;
    a.text = panelThresholdAlert(panelId) == ThresholdAlert::Below
        //: Text of the annotation an acknowledged alert leaves on the chart; %1 = series,
        //: %2 = threshold, %3 = the series' value at the crossing
        ? tr("Acknowledged: %1 below the threshold %2 (%3)").arg(series, threshold, value)
        : tr("Acknowledged: %1 above the threshold %2 (%3)").arg(series, threshold, value);
    a.tags = QStringList { u"alert"_s };
    a.color = u"#c01c28"_s;
    saveAnnotation(a);
    m_banners->dismiss(thresholdBannerKey(panelId));
    //: Status bar after acknowledging a threshold alert
    statusBar()->showMessage(
        tr("Acknowledged: everyone on the board sees it on “%1”.").arg(p->title()), 8000);
    return true;
}

QStringList MainWindow::staleSeries() const
{
    QStringList shown;
    if (connectionIsDown(m_status))
        return shown;
    const QStringList stale = m_staleWatch.stale();
    for (const QString &id : stale) {
        const QStringList panels = m_panelsOfSeries.value(id);
        const bool visible = std::any_of(panels.cbegin(), panels.cend(), [&](const QString &pid) {
            const ChartPanel *p = panel(pid);
            return p && !m_hiddenPanels.contains(pid) && !p->isSeriesHidden(id);
        });
        if (visible)
            shown.append(id);
    }
    return shown;
}

void MainWindow::checkStaleSeries()
{
    const QStringList became = m_staleWatch.check(m_clock());
    updateStaleSeries(!became.isEmpty());
}

void MainWindow::updateStaleSeries(bool newlyStale)
{
    const QStringList stale = staleSeries();
    const QSet<QString> staleSet(stale.cbegin(), stale.cend());
    QStringList titles;
    qint64 since = std::numeric_limits<qint64>::max();
    for (ChartPanel *p : std::as_const(m_panels)) {
        std::optional<qint64> panelSince;
        if (!m_hiddenPanels.contains(p->panelId())) {
            const QStringList ids = p->seriesIds();
            for (const QString &id : ids) {
                if (!staleSet.contains(id) || p->isSeriesHidden(id))
                    continue;
                const qint64 t = m_staleWatch.lastPointMs(id);
                panelSince = panelSince ? std::min(*panelSince, t) : t;
            }
        }
        if (p->staleSince() != panelSince)
            p->setStaleSince(panelSince);
        if (panelSince)
            since = std::min(since, *panelSince);
    }
    for (const QString &panelId : visiblePanelOrder()) {
        if (const ChartPanel *p = panel(panelId); p && p->staleSince())
            titles.append(p->title());
    }
    if (titles.isEmpty()) {
        m_banners->dismiss(u"stale"_s);
        m_staleText.clear();
        if (m_staleShown)
            //: Status bar: series that had stopped reporting send points again
            statusBar()->showMessage(tr("New data is arriving again."), 6000);
        m_staleShown = false;
        return;
    }
    m_staleShown = true;
    constexpr qsizetype kNamed = 3;
    QString where = QLocale().createSeparatedList(titles.mid(0, kNamed));
    if (titles.size() > kNamed)
        //: %1 = the first panels' titles, %2 = how many more panels
        where = tr("%1 and %2 more").arg(where).arg(titles.size() - kNamed);
    //: Banner; %1 = the time of the oldest last point (HH:mm:ss), %2 = panel titles
    const QString text
        = tr("No new data since %1 on %2.")
              .arg(QDateTime::fromMSecsSinceEpoch(since).toString(u"HH:mm:ss"_s), where);
    if (text != m_staleText) {
        m_staleText = text;
        showBanner(u"stale"_s, text, BannerBar::Kind::Warning);
    }
    const qint64 now = m_clock();
    if (!newlyStale || !desktopNotificationsEnabled()
        || now - m_staleNotifiedAtMs < ThresholdAlerts::kRenotifyMs)
        return;
    m_staleNotifiedAtMs = now;
    //: Title of the desktop notification when series stop reporting
    notifyDesktop(tr("Data stopped"), text);
}

void MainWindow::showAlertedPanel()
{
    if (isMinimized())
        showNormal();
    raise();
    activateWindow();
    ChartPanel *p = panel(m_lastAlertedPanel);
    if (p && !m_hiddenPanels.contains(m_lastAlertedPanel))
        m_scroll->ensureWidgetVisible(p);
}

void MainWindow::askPanelThreshold(const QString &panelId)
{
    ChartPanel *p = panel(panelId);
    if (!p)
        return;
    const double scale = p->displayScale();
    const ChartMapping m = p->mapping();
    const double start = p->threshold() ? *p->threshold() / scale
                                        : (m.yMin() + m.yMax()) / 2 / scale;
    const QString unit = p->displayUnit();
    bool ok = false;
    const QString prompt = unit.isEmpty()
        //: %1 = panel title
        ? tr("Draw a dashed line on “%1” at:").arg(p->title())
        //: %1 = panel title, %2 = the unit of the value axis, e.g. "MiB"
        : tr("Draw a dashed line on “%1” at (%2):").arg(p->title(), unit);
    // The dialog's label guesses rich text; the title comes from series names: literally.
    const double value = QInputDialog::getDouble(this, tr("Threshold"), literalToolTip(prompt),
                                                 start, -1e15, 1e15, 3, &ok);
    if (ok)
        setPanelThreshold(panelId, value * scale);
}

void MainWindow::showShortcutsDialog()
{
    ShortcutsDialog dialog(menuBar(), this);
    dialog.exec();
}

bool MainWindow::toggleFollow()
{
    if (!m_following.isEmpty()) {
        unfollow();
        return true;
    }
    if (!m_presence)
        return false;
    const QList<PresenceModel::Peer> peers = m_presence->peers();
    for (const PresenceModel::Peer &peer : peers) {
        const QPushButton *button = m_presenceDock->followButton(peer.userId);
        if (button && button->hasFocus())
            return follow(peer.userId);
    }
    for (const PresenceModel::Peer &peer : peers) {
        if (follow(peer.userId))
            return true;
    }
    statusBar()->showMessage(tr("Nobody here can be followed right now"), 4000);
    return false;
}

// ---- export -------------------------------------------------------------------------------

bool MainWindow::exportBoardPng(const QString &path, QString *error)
{
    renderFrame();
    return BoardExport::savePng(m_stack->currentWidget() == m_scroll ? m_board : m_stack, path,
                                error);
}

bool MainWindow::exportPanelPng(const QString &panelId, const QString &path, QString *error)
{
    ChartPanel *p = panel(panelId);
    if (!p) {
        if (error)
            *error = tr("There is no panel %1.").arg(panelId);
        return false;
    }
    renderFrame();
    return BoardExport::savePng(p, path, error);
}

// The synchronous variant (tests, scripts): the same file as startCsvExport, written here.
bool MainWindow::exportPanelCsv(const QString &panelId, const QString &path, QString *error)
{
    const auto series = csvSeries({ panelId }, error);
    if (!series)
        return false;
    if (!m_metrics) {
        if (error)
            *error = tr("There is nothing to export.");
        return false;
    }
    const qint64 t = m_clock();
    return BoardExport::writeFile(
        path, BoardExport::seriesCsv(*m_metrics, *series, m_window.start(t), m_window.end(t)),
        error);
}

std::optional<QList<BoardExport::SeriesRef>> MainWindow::csvSeries(const QStringList &panelIds,
                                                                   QString *error) const
{
    QList<BoardExport::SeriesRef> series;
    QSet<QString> seen;
    for (const QString &id : panelIds) {
        const ChartPanel *p = panel(id);
        if (!p) {
            if (error)
                *error = tr("There is no panel %1.").arg(id);
            return std::nullopt;
        }
        const QStringList ids = p->seriesIds();
        for (const QString &seriesId : ids) {
            if (!p->isSeriesHidden(seriesId) && !seen.contains(seriesId)) {
                seen.insert(seriesId);
                series.append({ seriesId, p->seriesName(seriesId) });
            }
        }
    }
    return series;
}

bool MainWindow::exportAnnotations(AnnotationFormat format, const QString &path, QString *error)
{
    const QList<session::Annotation> list =
        m_annotations ? m_annotations->visible() : QList<session::Annotation>();
    const auto name = [this](const QString &id) { return displayName(id); };
    const QByteArray data = format == AnnotationFormat::Csv
        ? BoardExport::annotationsCsv(list, name)
        : BoardExport::annotationsJson(list, m_session ? m_session->board() : QString(),
                                       m_clock(), name);
    return BoardExport::writeFile(path, data, error);
}

QString MainWindow::askExportPath(const QString &title, const QString &baseName,
                                  const QString &suffix, const QString &filter)
{
    QSettings settings;
    QString dir = settings.value(u"export/lastDir"_s).toString();
    if (dir.isEmpty() || !QDir(dir).exists())
        dir = QDir::homePath();
    QString name = baseName;
    name.replace(QRegularExpression(u"[^A-Za-z0-9._-]+"_s), u"-"_s);
    const QString stamp =
        QDateTime::fromMSecsSinceEpoch(m_clock()).toString(u"yyyyMMdd-HHmmss"_s);
    const QString proposal = QDir(dir).filePath(name + u'-' + stamp + u'.' + suffix);
    QString path = QFileDialog::getSaveFileName(this, title, proposal, filter);
    if (path.isEmpty())
        return {};
    if (QFileInfo(path).suffix().isEmpty())
        path += u'.' + suffix;
    settings.setValue(u"export/lastDir"_s, QFileInfo(path).absolutePath());
    return path;
}

void MainWindow::reportExport(bool ok, const QString &path, const QString &error)
{
    if (ok) {
        //: Status bar after an export; %1 = the file
        statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)), 6000);
        m_banners->dismiss(u"export"_s);
    } else {
        //: %1 = the file, %2 = the reason
        showBanner(u"export"_s,
                   tr("Could not save %1: %2").arg(QDir::toNativeSeparators(path), error));
    }
}

void MainWindow::exportBoardPngInteractively()
{
    const QString board = m_session ? m_session->board() : u"board"_s;
    const QString path = askExportPath(tr("Export the board as PNG"), board, u"png"_s,
                                       tr("PNG images (*.png)"));
    if (path.isEmpty())
        return;
    QString error;
    reportExport(exportBoardPng(path, &error), path, error);
}

void MainWindow::exportPanelPngInteractively(const QString &panelId)
{
    const QString path = askExportPath(tr("Export the panel as PNG"), panelTitle(panelId),
                                       u"png"_s, tr("PNG images (*.png)"));
    if (path.isEmpty())
        return;
    QString error;
    reportExport(exportPanelPng(panelId, path, &error), path, error);
}

void MainWindow::exportPanelCsvInteractively(const QString &panelId)
{
    const QString path = askExportPath(tr("Export the visible data as CSV"), panelTitle(panelId),
                                       u"csv"_s, tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!startCsvExport({ panelId }, path, &error))
        reportExport(false, path, error);
}

void MainWindow::exportBoardCsvInteractively()
{
    const QString board = m_session ? m_session->board() : u"board"_s;
    const QString path = askExportPath(tr("Export the visible data as CSV"), board, u"csv"_s,
                                       tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!startCsvExport({}, path, &error))
        reportExport(false, path, error);
}

bool MainWindow::startCsvExport(const QStringList &panelIds, const QString &path,
                                QString *error)
{
    const auto fail = [error](const QString &reason) {
        if (error)
            *error = reason;
        return false;
    };
    if (m_csvExportActive)
        return fail(tr("Another CSV export is still running."));
    if (!m_metrics)
        return fail(tr("There is nothing to export."));
    // On this thread: which series, and a copy of their raw points in the window shown (the
    // store is not thread-safe). The formatting, the slow part, happens on the worker.
    QString missing;
    const auto series = csvSeries(panelIds.isEmpty() ? visiblePanelOrder() : panelIds, &missing);
    if (!series)
        return fail(missing);
    const qint64 t = m_clock();
    QList<BoardExport::SeriesData> data =
        BoardExport::snapshot(*m_metrics, *series, m_window.start(t), m_window.end(t));
    const qint64 rows = BoardExport::rowCount(data);

    auto promise = std::make_shared<QPromise<CsvResult>>();
    m_csvExport.setFuture(promise->future());
    m_csvExportActive = true;
    promise->setProgressRange(0, int(std::min<qint64>(rows, std::numeric_limits<int>::max())));
    promise->start();
    m_csvPath = path;
    const auto job = [promise, data = std::move(data), path, rows] {
        CsvResult result;
        result.rows = rows;
        result.ok = BoardExport::writeSeriesCsv(
            path, data, &result.error,
            [&promise](qint64 done) {
                promise->setProgressValue(
                    int(std::min<qint64>(done, std::numeric_limits<int>::max())));
            },
            [&promise] { return promise->isCanceled(); });
        promise->addResult(result);
        promise->finish();
    };
    QThreadPool::globalInstance()->start(job);
    m_progressLabel->setText(csvExportProgressText());
    m_progressLabel->show();
    return true;
}

QString MainWindow::csvExportProgressText() const
{
    if (!m_csvExportActive)
        return {};
    const int max = m_csvExport.progressMaximum();
    const int percent = max > 0 ? int(qint64(m_csvExport.progressValue()) * 100 / max) : 0;
    //: Status bar while a CSV file is written; %1 = the file name, %2 = percent done
    return tr("Exporting %1: %2 %").arg(QFileInfo(m_csvPath).fileName()).arg(percent);
}

void MainWindow::onCsvExportFinished()
{
    m_csvExportActive = false;
    m_progressLabel->hide();
    m_progressLabel->clear();
    CsvResult result;
    if (m_csvExport.future().resultCount() > 0)
        result = m_csvExport.result();
    else
        result.error = tr("The export was cancelled.");
    reportExport(result.ok, m_csvPath, result.error);
    Q_EMIT csvExportFinished(result.ok, m_csvPath, result.error);
}

void MainWindow::exportAnnotationsInteractively(AnnotationFormat format)
{
    const bool csv = format == AnnotationFormat::Csv;
    const QString path =
        askExportPath(csv ? tr("Export annotations as CSV") : tr("Export annotations as JSON"),
                      u"annotations"_s, csv ? u"csv"_s : u"json"_s,
                      csv ? tr("CSV files (*.csv)") : tr("JSON files (*.json)"));
    if (path.isEmpty())
        return;
    QString error;
    reportExport(exportAnnotations(format, path, &error), path, error);
}

} // namespace wr
