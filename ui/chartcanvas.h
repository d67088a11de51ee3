#pragma once

#include "chartmapping.h"
#include "chartoverlay.h"

#include <QChartView>
#include <QPixmap>

#include <optional>

namespace wr {

// The view of one chart panel: a QChartView that paints the chart (axes, grid, legend, the
// series layer) into a cached pixmap and the overlay (annotations, remote cursors, drag
// feedback) on top of it, last. Overlay changes repaint only the overlay: the cache is
// re-rendered only when the chart's scene changed, the view was resized, or the panel said so.
//
// Mouse: wheel zooms around the pointer; left-drag pans; right-drag selects a range to zoom
// to; double-click returns to live (not on the legend, whose entries take clicks);
// Shift+click / Shift+drag ask for a point / region annotation; a right click asks for the
// context menu. All positions leave this class in data space.
class ChartCanvas : public QChartView
{
    Q_OBJECT

public:
    explicit ChartCanvas(QChart *chart, QWidget *parent = nullptr);

    // The data ranges the chart shows; pixels come from the chart's plot area at paint time.
    void setDataRange(qint64 from, qint64 to, double yMin, double yMax);
    // Viewport coordinates.
    ChartMapping mapping() const;
    // Where the chart's legend is, in viewport coordinates (empty when it is hidden).
    QRect legendRect() const;

    void setAnnotations(const QList<PanelAnnotation> &annotations);
    const QList<PanelAnnotation> &annotations() const { return m_annotations; }
    void setRemoteCursors(const QList<RemoteCursor> &cursors);
    const QList<RemoteCursor> &remoteCursors() const { return m_cursors; }

    // What the pointer shows besides annotations: the values at its time (plain text).
    void setHoverValues(const QString &text) { m_overlay.hoverValues = text; }
    void setThreshold(std::optional<double> value, const QString &label, const QColor &color);
    // OverlayState::thresholdAlert: +1 above, -1 below, 0 not alerting.
    void setThresholdAlert(int side);
    void setNotice(const QString &text); // OverlayState::notice
    const OverlayState &overlayState() const { return m_overlay; }

    // Forces the chart to be re-rendered into the cache on the next paint.
    void invalidateChart();
    bool isChartCacheValid() const { return !m_chartDirty; }
    // How often the chart was rendered into the cache / the overlay painted (tests, benchmarks).
    quint64 chartRenderCount() const { return m_chartRenders; }
    quint64 overlayPaintCount() const { return m_overlayPaints; }

Q_SIGNALS:
    void zoomRequested(double factor, qint64 anchor);
    void panRequested(qint64 deltaMs);
    void rangeSelected(qint64 from, qint64 to);
    void liveRequested();
    void pointerMoved(qint64 t, double y);
    void pointerLeft();
    void pointAnnotationRequested(qint64 t);
    void regionAnnotationRequested(qint64 t0, qint64 t1);
    // A right click (no drag): at data time t, on an annotation (its id) or on nothing ("").
    void contextMenuRequested(const QPoint &globalPos, qint64 t, const QString &annotationId);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void leaveEvent(QEvent *event) override;

private:
    enum class Drag { None, Pan, Zoom, Annotate };

    void renderChart();
    void updateOverlay() { viewport()->update(); }

    QPixmap m_cache;
    bool m_chartDirty = true;
    quint64 m_chartRenders = 0;
    quint64 m_overlayPaints = 0;

    qint64 m_from = 0;
    qint64 m_to = 1;
    double m_yMin = 0;
    double m_yMax = 1;

    QList<PanelAnnotation> m_annotations;
    QList<RemoteCursor> m_cursors;
    OverlayState m_overlay;

    Drag m_drag = Drag::None;
    QPointF m_pressPos;
    QPointF m_lastPos;
    qint64 m_pressTime = 0;
};

} // namespace wr
