#pragma once

#include "activitytracker.h"
#include "bannerbar.h"
#include "boardexport.h"
#include "chartmapping.h"
#include "hostdialog.h"
#include "joindialog.h"
#include "links.h"
#include "sessionmessages.h"
#include "settingsdialog.h"
#include "stalewatch.h"
#include "theme.h"
#include "thresholdalerts.h"

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QHash>
#include <QList>
#include <QMainWindow>
#include <QPointer>
#include <QSet>
#include <QTimer>

#include <functional>
#include <limits>
#include <optional>

class QAction;
class QActionGroup;
class QGridLayout;
class QJsonObject;
class QLabel;
class QMenu;
class QScrollArea;
class QStackedWidget;
class QToolBar;

namespace wr {

class AddPanelDialog;
class AnnotationDock;
class AnnotationStore;
class ChartPanel;
class DesktopNotifier;
class MetricStore;
class PanelDrag;
class PresenceDock;
class PresenceModel;
class Session;

// What the status bar says about the connection; filled by whoever owns the transport.
struct ConnectionStatus
{
    enum class State { Stopped, Connecting, Connected, Recovering, Reconnecting, Offline };
    State state = State::Stopped;
    int reconnectInSeconds = -1; // Reconnecting: the wait, when known
    qint64 roundTripMs = -1; // -1: not measured yet
    QString where; // e.g. "this computer" or the hub's host
    QString detail; // the last error, for the tooltip
    bool operator==(const ConnectionStatus &) const = default;
};

// Where the board's session runs, for the window title and the status bar. Kept as parts, not
// as finished text, so a language change rebuilds both (the owner of the connection sets it).
struct SessionPlace
{
    enum class Kind {
        Unknown, // the title stays "Watchroom", the status bar says ConnectionStatus::where
        ThisComputer, // the embedded relay on loopback
        Hosting, // the embedded relay shared on the LAN at `address`
        Joined, // someone else's hub at `address` (its host)
    };
    Kind kind = Kind::Unknown;
    QString board;
    QString address; // Hosting: "192.168.1.20:7300"; Joined: the hub's host
    bool operator==(const SessionPlace &) const = default;
};

// How much of the board's grid a panel takes: columns (1 or the grid's 2 = full width) and
// rows (1–3).
struct PanelSize
{
    int width = 1;
    int height = 1;
    bool operator==(const PanelSize &) const = default;
};

// The board window: a grid of chart panels created from the MetricStore's series as they
// appear (grouped by host, family and unit), one time window for all of them (presets, live
// mode, zoom/pan that pause live mode, one action back to live), remote cursors and
// annotations on every panel, and a status bar with the connection, round-trip time and the
// people present. Docks: who is here (with follow mode) and the annotation list. Errors show
// as non-modal banners above the board. It sees the stores and the Session only, never the
// transport; joining and hosting are handed to whoever owns it (setJoinHandler, setHostHandler).
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    // `session` may be null (no cursors or annotations are sent then; local annotations go to
    // the store directly).
    MainWindow(MetricStore *metrics, AnnotationStore *annotations, PresenceModel *presence,
               Session *session = nullptr, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Unix epoch milliseconds; tests pin it.
    void setClock(std::function<qint64()> clock);
    qint64 now() const { return m_clock(); }

    void setConnectionStatus(const ConnectionStatus &status);
    ConnectionStatus connectionStatus() const { return m_status; }
    QString connectionText() const;
    // The window title ("Watchroom — main (this computer)") and the status bar's "where" are
    // built from this, now and after every language change.
    void setSessionPlace(const SessionPlace &place);
    SessionPlace sessionPlace() const { return m_place; }

    const TimeWindow &timeWindow() const { return m_window; }
    bool isLive() const { return m_window.isLive(); }
    void setSpan(qint64 spanMs);
    void goLive();
    void zoom(double factor, qint64 anchor);
    void pan(qint64 deltaMs);
    void showRange(qint64 from, qint64 to);

    QList<ChartPanel *> panels() const { return m_panels; }
    ChartPanel *panel(const QString &panelId) const;
    bool isWaitingForMetrics() const;

    // Runs one frame now (the frame timer does this at most 60 times a second).
    void renderFrame();
    quint64 frameCount() const { return m_frames; }

    Theme::Mode themeMode() const { return m_themeMode; }
    void setThemeMode(Theme::Mode mode);
    bool isDark() const { return m_dark; }

    // Creating an annotation asks for text in a dialog; tests replace the dialog.
    using AnnotationEditor = std::function<bool(session::Annotation &annotation,
                                                const QString &panelTitle)>;
    void setAnnotationEditor(AnnotationEditor editor) { m_editor = std::move(editor); }
    // The gestures' entry point: point (t1 empty) or region annotation on a panel (an empty
    // panelId: the whole board). Refused with a banner when we may not annotate.
    void requestAnnotation(const QString &panelId, qint64 t0, std::optional<qint64> t1);
    bool editAnnotation(const QString &id);
    bool deleteAnnotation(const QString &id);
    // Shows the annotation: the time window around it and its panel.
    void jumpToAnnotation(const QString &id);
    // The context menu of a chart at data time t, on an annotation or not (the caller owns it).
    QMenu *createChartMenu(const QString &panelId, qint64 t, const QString &annotationId,
                           QWidget *parent);

    // What our token allows (from the negotiate answer); viewers get annotate actions disabled.
    void setAccess(const SessionAccess &access);
    SessionAccess access() const { return m_access; }
    bool canAnnotate() const { return m_access.canAnnotate; }
    QString annotateBlockedReason() const;
    QAction *annotateAction() const { return m_annotateAction; }

    // Follow mode: mirror a peer's panel and time window until any input of ours.
    bool follow(const QString &userId);
    void unfollow();
    QString following() const { return m_following; }

    void setPrivacy(const PrivacySettings &privacy);
    PrivacySettings privacy() const { return m_privacy; }

    void showBanner(const QString &key, const QString &text,
                    BannerBar::Kind kind = BannerBar::Kind::Error);
    BannerBar *banners() const { return m_banners; }
    PresenceDock *presenceDock() const { return m_presenceDock; }
    AnnotationDock *annotationDock() const { return m_annotationDock; }
    ActivityTracker *activity() { return &m_activity; }

    // Joining and hosting belong to whoever owns the connection (DesktopApp).
    using JoinHandler = std::function<void(const JoinRequest &request)>;
    void setJoinHandler(JoinHandler handler) { m_joinHandler = std::move(handler); }
    void setHostHandler(HostDialog::Host handler, const QString &unavailableReason = {});
    void showJoinDialog();
    void showHostDialog();
    void showSettingsDialog();
    void showAboutDialog();
    void showShortcutsDialog();

    // Export (File menu, chart and annotation menus ask for the path; tests call these).
    bool exportBoardPng(const QString &path, QString *error = nullptr);
    bool exportPanelPng(const QString &panelId, const QString &path, QString *error = nullptr);
    // The raw points of the panel's shown series (not those hidden from its legend) inside the
    // visible window (BoardExport::seriesCsv).
    bool exportPanelCsv(const QString &panelId, const QString &path, QString *error = nullptr);
    // The same CSV written on a worker thread: the raw points of the visible window are copied
    // here, formatted and written there; the status bar shows the progress, the end ("Saved …")
    // and a failure becomes a banner. Panels: the given ones, or every visible panel when
    // empty. Returns false (and says why) when nothing can start, e.g. another export runs.
    bool startCsvExport(const QStringList &panelIds, const QString &path,
                        QString *error = nullptr);
    // From the start until its end is reported (csvExportFinished), however early the worker
    // itself is done.
    bool isCsvExportRunning() const { return m_csvExportActive; }
    // The status bar's progress text while a CSV export runs.
    QString csvExportProgressText() const;
    enum class AnnotationFormat { Csv, Json };
    bool exportAnnotations(AnnotationFormat format, const QString &path,
                           QString *error = nullptr);
    // Follow / stop following (Ctrl+Shift+F): stops following, or follows the person whose
    // row in the People dock has the focus, else the first one who can be followed.
    bool toggleFollow();
    QAction *followAction() const { return m_followAction; }

    // A dashed threshold line on a panel (data units; nullopt clears it), remembered per board
    // and panel in QSettings.
    void setPanelThreshold(const QString &panelId, std::optional<double> value);
    std::optional<double> panelThreshold(const QString &panelId) const;
    // When the panel's threshold alerts (default Above), remembered like the threshold. While
    // a shown series' latest value is beyond it, the panel is framed and tinted and a banner
    // says which series, how far and since when; each new crossing also notifies the desktop
    // (at most every ThresholdAlerts::kRenotifyMs per panel) and asks for the window's
    // attention (taskbar, Dock). Back within: the banner goes and the status bar says so.
    void setPanelThresholdAlert(const QString &panelId, ThresholdAlert alert);
    ThresholdAlert panelThresholdAlert(const QString &panelId) const;
    bool isPanelAlerting(const QString &panelId) const
    {
        return m_thresholdAlerts.isAlerting(panelId);
    }
    // The alert banner's Acknowledge: a point annotation at the crossing on the panel, tagged
    // "alert", so everyone on the board sees who took it and when; the banner goes, the panel
    // stays framed while the series is beyond. False when the panel is not alerting or the
    // session does not allow annotating.
    bool acknowledgeThresholdAlert(const QString &panelId);
    // Series that stopped reporting (StaleWatch): checked every 5 s and when points arrive.
    // Those on visible panels, not hidden, get "No new data since …" on their panel and one
    // banner naming the panels; the first stop notifies the desktop (at most every 5 min).
    // Nothing while the connection is down: the status bar says so already.
    void checkStaleSeries();
    QStringList staleSeries() const; // shown ones, sorted
    // Replaces the desktop notifier (tests record notifications; default: TrayNotifier).
    void setDesktopNotifier(DesktopNotifier *notifier);

    // Layout: the panels' order and which are hidden, saved per board in QSettings and as JSON
    // ({"format":"watchroom.layout","version":1,"board":…,"panels":[{id,title,hidden,
    // threshold}]}). Panels the layout does not name follow in their grouping order.
    QStringList panelOrder() const; // every panel, in board order (hidden ones included)
    QStringList visiblePanelOrder() const;
    bool movePanel(const QString &panelId, int delta); // -1: left/up, +1: right/down
    // The panel takes the target's place in reading order, the panels between them shift by
    // one toward where it was (a drop of a drag by the title, PanelDrag). Saved like
    // movePanel(); false when either is not visible or both are the same.
    bool movePanelTo(const QString &panelId, const QString &targetId);
    // Moving panels by dragging their title (tests look at the drag and its marker here).
    PanelDrag *panelDrag() const { return m_panelDrag; }
    void setPanelHidden(const QString &panelId, bool hidden);
    bool isPanelHidden(const QString &panelId) const { return m_hiddenPanels.contains(panelId); }
    void showAllPanels();
    QByteArray layoutJson() const;
    bool applyLayoutJson(const QByteArray &json, QString *error = nullptr);
    bool exportLayout(const QString &path, QString *error = nullptr);
    bool importLayout(const QString &path, QString *error = nullptr);

    // Panel size (chart menu → Panel size), saved with the layout.
    static constexpr int kGridColumns = 2;
    static constexpr int kMaxPanelRows = 3;
    void setPanelSize(const QString &panelId, PanelSize size);
    PanelSize panelSize(const QString &panelId) const;
    // Where the panel sits in the grid now (x = column, y = row, width × height cells); null
    // when hidden or unknown.
    QRect panelCell(const QString &panelId) const;

    // Panels made by hand (View → Add panel…) and the series on a panel. A panel shows one
    // unit. Custom panels keep their title and series in the layout; grouped panels remember
    // series added to them or taken off.
    QString addPanel(const QString &title, const QStringList &seriesIds,
                     QString *error = nullptr); // the new panel's id, empty on failure
    bool addSeriesToPanel(const QString &panelId, const QString &seriesId,
                          QString *error = nullptr);
    bool removeSeriesFromPanel(const QString &panelId, const QString &seriesId);
    bool removePanel(const QString &panelId); // panels made by hand only
    bool isCustomPanel(const QString &panelId) const;
    // Opens the dialogs (not blocking: window-modal); tests find them as children.
    AddPanelDialog *showAddPanelDialog();
    AddPanelDialog *showAddSeriesDialog(const QString &panelId);
    QAction *addPanelAction() const { return m_addPanelAction; }

    // Remote cursors glide to each new position over kCursorGlideMs and fade after
    // kCursorIdleMs without moving. The clock is monotonic milliseconds; tests drive it.
    static constexpr qint64 kCursorGlideMs = 100;
    // A glide starts one frame in, so the very next paint already shows the peer moving
    // (otherwise the first visible change waits for the next glide tick: +16 ms glass to glass).
    static constexpr qint64 kCursorGlideHeadStartMs = 16;
    static constexpr qint64 kCursorIdleMs = 5'000;
    static constexpr double kIdleCursorOpacity = 0.4;
    void setMotionClock(std::function<qint64()> clock);
    // Recomputes the remote cursors now (their timers do this while they move or fade).
    void refreshCursors() { updateCursors(); }
    bool isCursorAnimating() const { return m_cursorTimer.isActive(); }
    // The panel title for a panel id (the id itself when unknown).
    QString panelTitle(const QString &panelId) const;
    // A userId as people read it: a peer's name, or "you".
    QString displayName(const QString &userId) const;

Q_SIGNALS:
    void liveChanged(bool live);
    void timeWindowChanged();
    void csvExportFinished(bool ok, const QString &path, const QString &error);

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void buildActions();
    // Asks for a file to export to (remembering the folder); empty when cancelled.
    QString askExportPath(const QString &title, const QString &baseName, const QString &suffix,
                          const QString &filter);
    void exportBoardPngInteractively();
    void exportPanelPngInteractively(const QString &panelId);
    void exportPanelCsvInteractively(const QString &panelId);
    void exportBoardCsvInteractively();
    // The series a CSV export of these panels holds: each shown series once, in panel order.
    // Null and sets `error` when a panel does not exist.
    std::optional<QList<BoardExport::SeriesRef>> csvSeries(const QStringList &panelIds,
                                                           QString *error) const;
    void onCsvExportFinished();
    void updateWindowTitle();
    void exportAnnotationsInteractively(AnnotationFormat format);
    void reportExport(bool ok, const QString &path, const QString &error);
    QString boardSettingsKey(const QString &what) const;
    void askPanelThreshold(const QString &panelId);
    // Compares the panel's shown series' latest values with its threshold and raises or clears
    // its alert (setPanelThresholdAlert).
    void evaluateThresholdAlert(const QString &panelId);
    void showAlertedPanel(); // a click on the notification
    // A desktop notification (DesktopNotifier) and the window's request for attention; the
    // callers decide whether (Settings → Alerts, their pacing).
    void notifyDesktop(const QString &title, const QString &text);
    void updateStaleSeries(bool newlyStale);
    // Through the session (shared) when there is one, else into the local store.
    void saveAnnotation(const session::Annotation &a);
    void loadLayout();
    void saveLayout();
    void commitPanelOrder(QStringList order); // saves a new board order and lays it out
    void rebuildHiddenMenu();
    void updateEmptyState(); // waiting for metrics, or every panel hidden
    void buildDocks();
    void retranslateUi();
    void refreshIcons();
    void onPeerChanged(const QString &userId);
    void applyFollowedView();
    void noteUserInput(QEvent *event, QObject *watched);
    void buildStatusBar();
    void addSeries(const QString &seriesId);
    ChartPanel *createPanel(const QString &panelId, const QString &title, int order);
    void placeSeries(const QString &panelId, const QString &title, int order,
                     const QString &seriesId);
    void destroyPanel(const QString &panelId);
    void rebuildPanels(); // every panel again from the store and the layout
    QString groupTitle(const QString &panelId) const; // a grouped panel's title, translated
    void relayout();
    void scheduleFrame();
    void windowChanged(); // after a user change of the time window
    void updateLiveUi();
    void updateCursors();
    void updateAnnotations();
    void updatePeople();
    void applyTheme();
    void sendView();

    MetricStore *m_metrics = nullptr;
    AnnotationStore *m_annotations = nullptr;
    PresenceModel *m_presence = nullptr;
    QPointer<Session> m_session;
    std::function<qint64()> m_clock;
    AnnotationEditor m_editor;

    TimeWindow m_window;
    QList<ChartPanel *> m_panels;
    QHash<QString, int> m_panelOrder; // panel id -> grouping order
    QHash<QString, QStringList> m_panelsOfSeries; // series id -> the panels showing it

    // What the layout says about a panel beyond its place (only non-defaults are stored).
    struct PanelLayout
    {
        PanelSize size;
        bool custom = false; // made by hand: title and unit are the user's
        QString title;
        QString unit;
        QStringList added; // series shown besides the grouping's (custom: all of them)
        QStringList removed; // series of the grouping taken off this panel
        QStringList hiddenSeries; // hidden by a click on their legend entry (sorted)
        bool isDefault() const
        {
            return size == PanelSize() && !custom && added.isEmpty() && removed.isEmpty()
                && hiddenSeries.isEmpty();
        }
    };
    // A panel's entry as panelLayoutObject() writes it, in QSettings and in layout files
    // (keys a file from before a feature lacks take their defaults).
    static PanelLayout panelLayoutFromJson(const QJsonObject &o);
    QHash<QString, PanelLayout> m_panelLayouts;
    QHash<QString, QRect> m_cells; // panel id -> grid cells, as laid out
    QSizeF m_dragUnit; // a grid cell's size (+ spacing) when a panel's resize drag started
    int m_gridRows = 0;
    QAction *m_addPanelAction = nullptr;
    QAction *m_exportBoardCsvAction = nullptr;
    QPointer<AddPanelDialog> m_addPanelDialog;
    SessionPlace m_place;
    QString m_ownTitle; // the title we set last (an owner's own title is left alone)

    struct CsvResult
    {
        bool ok = false;
        QString error;
        qint64 rows = 0;
    };
    QFutureWatcher<CsvResult> m_csvExport;
    bool m_csvExportActive = false;
    QString m_csvPath;
    QLabel *m_progressLabel = nullptr;

    QStackedWidget *m_stack = nullptr;
    QScrollArea *m_scroll = nullptr;
    BannerBar *m_banners = nullptr;
    ThresholdAlerts m_thresholdAlerts;
    mutable QHash<QString, ThresholdAlert> m_thresholdAlertModes; // Above is not stored
    mutable QString m_thresholdAlertModesKey; // the settings key they were read from
    QString m_staleText; // the stale banner's text, so it is not repeated
    DesktopNotifier *m_notifier = nullptr; // a child
    QString m_lastAlertedPanel;
    StaleWatch m_staleWatch;
    QTimer m_staleTimer;
    qint64 m_staleNotifiedAtMs = std::numeric_limits<qint64>::min() / 2;
    bool m_staleShown = false;
    PresenceDock *m_presenceDock = nullptr;
    AnnotationDock *m_annotationDock = nullptr;
    QPointer<HostDialog> m_hostDialog;
    QPointer<SettingsDialog> m_settingsDialog;
    QWidget *m_board = nullptr;
    QGridLayout *m_grid = nullptr;
    PanelDrag *m_panelDrag = nullptr;
    QLabel *m_emptyState = nullptr;

    QActionGroup *m_presets = nullptr;
    QAction *m_liveAction = nullptr;
    QAction *m_zoomOutAction = nullptr;
    QActionGroup *m_themeGroup = nullptr;
    QAction *m_annotateAction = nullptr;
    QAction *m_joinAction = nullptr;
    QAction *m_hostAction = nullptr;
    QAction *m_settingsAction = nullptr;
    QAction *m_aboutAction = nullptr;
    QAction *m_aboutQtAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_exportBoardAction = nullptr;
    QAction *m_exportAnnotationsCsvAction = nullptr;
    QAction *m_exportAnnotationsJsonAction = nullptr;
    QAction *m_followAction = nullptr;
    QAction *m_shortcutsAction = nullptr;
    QMenu *m_fileMenu = nullptr;
    QMenu *m_exportMenu = nullptr;
    QAction *m_exportLayoutAction = nullptr;
    QAction *m_importLayoutAction = nullptr;
    QMenu *m_hiddenMenu = nullptr;
    QStringList m_layoutOrder; // the saved order (may name panels that have not appeared yet)
    QSet<QString> m_hiddenPanels;
    QToolBar *m_timeBar = nullptr;
    QToolBar *m_sessionBar = nullptr;
    QMenu *m_sessionMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QMenu *m_appearanceMenu = nullptr;
    QMenu *m_helpMenu = nullptr;

    JoinHandler m_joinHandler;
    HostDialog::Host m_hostHandler;
    QString m_hostUnavailable;
    SessionAccess m_access;
    PrivacySettings m_privacy;
    ActivityTracker m_activity;
    QString m_following;
    QString m_viewPanel; // the panel our pointer was on last (our presence's view.panel)
    QTimer m_viewRefresh; // live: keeps view.from current for followers
    bool m_applyingFollow = false;
    bool m_lastLive = true;

    QLabel *m_connectionLabel = nullptr;
    QLabel *m_rttLabel = nullptr;
    QLabel *m_peopleLabel = nullptr;
    QLabel *m_modeLabel = nullptr;
    ConnectionStatus m_status;

    // A peer's cursor on its way from where it was drawn to where it was last reported.
    struct CursorMotion
    {
        QString panel;
        qint64 fromT = 0, toT = 0;
        double fromY = 0, toY = 0;
        qint64 startedMs = 0; // the glide's start
        qint64 changedMs = 0; // the last time the reported position changed
    };
    QHash<QString, CursorMotion> m_motions; // userId ->
    std::function<qint64()> m_motionClock;
    QElapsedTimer m_monotonic;
    QTimer m_cursorTimer; // ~60 Hz while a cursor glides
    QTimer m_fadeTimer; // the next time a cursor turns idle

    QTimer m_frameTimer;
    QElapsedTimer m_sinceFrame;
    quint64 m_frames = 0;
    Theme::Mode m_themeMode = Theme::Mode::System;
    bool m_dark = false;
    bool m_applyingTheme = false;
};

} // namespace wr
