#pragma once

#include "chartmapping.h"
#include "chartoverlay.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QWidget>

#include <memory>
#include <optional>

class QChart;

namespace wr {

class ChartCanvas;
class MetricStore;

// One chart panel: the adapter between the board and Qt Charts. Qt Charts provides the axes
// (QDateTimeAxis, QValueAxis), grid, legend and theme; the lines are the reduction of the
// visible window (one min/max pair per device-pixel column, kept up to date incrementally by
// ReducedWindow) drawn with 1 px cosmetic pens by a series layer inside the chart's scene.
// Nothing outside this class and ChartCanvas sees a Qt Charts type, so a later move to another
// renderer stays local.
//
// The panel does not repaint on its own: the board sets the time range and calls
// updateFrame() from its coalescing frame timer when isFrameDue().
class ChartPanel : public QWidget
{
    Q_OBJECT

public:
    ChartPanel(const MetricStore *store, const QString &panelId, const QString &title,
               QWidget *parent = nullptr);
    ~ChartPanel() override;

    QString panelId() const { return m_panelId; }
    QString title() const { return m_title; }
    void setTitle(const QString &title); // e.g. after a language change

    void addSeries(const QString &seriesId);
    // Takes the series' line and legend entry off the panel (the store keeps its data); it is
    // no longer hidden here.
    bool removeSeries(const QString &seriesId);
    QStringList seriesIds() const;
    // The unit of the panel's series (one unit per panel), from its first series.
    QString unit() const { return m_unit; }
    bool hasSeries(const QString &seriesId) const;
    // The series' full name (labels included), as menus, the value readout and tooltips show it.
    QString seriesName(const QString &seriesId) const { return seriesLabel(seriesId); }
    // The name in the legend: the full name, or without the panel title's word (legendNames()).
    QString legendName(const QString &seriesId) const;
    // What hovering the series' legend entry shows: the full name and what a click does
    // (rich text that displays the name literally).
    QString legendToolTip(const QString &seriesId) const;
    // The legend's names for `names` on a panel titled `title`: when the title's part before
    // " · " is one word ("Network · alpha") and every name starts with that word and a space,
    // the names without it ("Network received, eth0" -> "received, eth0"); then, for two names
    // or more, without what they all share up to a ", " ("Load average, 1 min" -> "1 min").
    // Each step is skipped when a name would become empty, start with anything but a letter or
    // digit, or equal another.
    static QStringList legendNames(const QString &title, const QStringList &names);

    // Series hidden by the user (a click on the legend entry): not drawn, left out of the value
    // range and the value readout; the legend entry stays, dimmed, to show it again.
    bool isSeriesHidden(const QString &seriesId) const { return m_hiddenSeries.contains(seriesId); }
    // Emits seriesHiddenChanged() when the state changes.
    void setSeriesHidden(const QString &seriesId, bool hidden);
    // Sorted; may name series that are not (yet) on the panel, so restored state waits for them.
    QStringList hiddenSeries() const { return m_hiddenSeries; }
    // Restores saved state (no signal).
    void setHiddenSeries(const QStringList &seriesIds);
    // Names, units or labels of a series changed: refresh the legend.
    void refreshSeriesInfo();

    void setTimeRange(qint64 from, qint64 to);
    // Points of one of this panel's series arrived.
    void markDataChanged() { m_dataDirty = true; }
    bool isFrameDue() const;
    // Brings the lines and axes up to date with the store and the time range.
    void updateFrame();

    ChartMapping mapping() const;
    // The points of the line drawn for a series (its reduction, min/max per column).
    qsizetype drawnPointCount(const QString &seriesId) const;
    qsizetype drawnPointCount() const; // all series
    // The reduction width: device-pixel columns of the plot area.
    int columns() const;

    void setDark(bool dark);
    bool isDark() const { return m_dark; }
    // Anti-aliased lines (default on).
    void setAntialiased(bool on);

    // The text the pointer shows at data time t: the time, then each series' nearest stored
    // value (within a few pixels of t, else "no data"), in the axis' unit.
    QString valuesAt(qint64 t) const;
    // A dashed threshold line at this value (data units, as stored); the value range includes it.
    void setThreshold(std::optional<double> value);
    std::optional<double> threshold() const { return m_threshold; }
    // While the threshold alerts (ThresholdAlerts): the side beyond it is tinted and the plot
    // framed in the threshold's colour. +1 above, -1 below, 0 not alerting.
    void setThresholdAlert(int side);
    int thresholdAlert() const;
    // Some of the panel's series stopped reporting (StaleWatch): "No new data since <t>" on the
    // plot, t being the oldest of their last points; nullopt removes it.
    void setStaleSince(std::optional<qint64> t);
    std::optional<qint64> staleSince() const { return m_staleSince; }
    // A value in the unit the value axis shows, e.g. "1.50 GiB".
    QString formatValue(double value) const;
    double displayScale() const { return m_displayScale; }
    QString displayUnit() const { return m_displayUnit; }

    void setRemoteCursors(const QList<RemoteCursor> &cursors);
    void setAnnotations(const QList<PanelAnnotation> &annotations);

    ChartCanvas *canvas() const { return m_canvas; }
    // The grip in the bottom-right corner: dragging it asks the board for another size.
    QWidget *resizeHandle() const { return m_resizeHandle; }
    // The title strip above the plot area (panel coordinates): where a drag moves the panel
    // on the board (PanelDrag). Below it, presses belong to the plot and the axes.
    QRect headerRect() const;
    // How to move the panel: the title strip's tooltip and the chart's accessible description.
    QString moveHint() const;

Q_SIGNALS:
    // The size the user drags the panel to (pixels, from the size it had at the press);
    // finished on release. The board snaps it to its grid.
    void resizeStarted();
    void resizeDragged(const QSize &size, bool finished);
    // The user hid or showed a series (the next frame draws it so; the board saves the state).
    void seriesHiddenChanged(const QString &seriesId, bool hidden);

protected:
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct Line;
    class SeriesLayer;

    void applyTheme();
    void updateThresholdOverlay();
    void updateAxes();
    QString seriesLabel(const QString &seriesId) const;
    void updateLegendNames();
    void connectLegendMarkers();
    void styleLegendMarker(const Line &line) const;
    void applyHiddenSeries();

    const MetricStore *m_store = nullptr;
    QString m_panelId;
    QString m_title;
    QString m_unit;
    double m_displayScale = 1.0; // values are divided by this on the value axis
    QString m_displayUnit;
    bool m_displayBuilt = false; // the two above follow the drawn range since the first frame

    QChart *m_chart = nullptr;
    ChartCanvas *m_canvas = nullptr;
    QWidget *m_resizeHandle = nullptr;
    SeriesLayer *m_layer = nullptr;
    std::vector<std::unique_ptr<Line>> m_lines;

    qint64 m_from = 0;
    qint64 m_to = 1;
    double m_yMin = 0;
    double m_yMax = 1;
    int m_yTicks = 5;
    int m_builtColumns = 0;
    qint64 m_builtFrom = 0;
    qint64 m_builtTo = 0;
    bool m_dataDirty = true;
    bool m_dark = false;
    quint64 m_frames = 0;
    std::optional<double> m_threshold;
    std::optional<qint64> m_staleSince;
    QStringList m_hiddenSeries; // sorted
    QString m_hoveredLegendSeries; // the series whose legend entry is under the pointer
};

} // namespace wr
