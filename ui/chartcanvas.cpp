#include "chartcanvas.h"

#include <QChart>
#include <QDateTime>
#include <QGraphicsScene>
#include <QLegend>
#include <QMouseEvent>
#include <QPaintEvent>
#include <QPainter>
#include <QWheelEvent>

#include <cmath>
#include <cstdio>

namespace wr {

namespace {
constexpr qreal kClickSlop = 3.0; // px: a press and release closer than this is a click
constexpr double kWheelZoomStep = 0.8; // span factor per wheel notch
// Cache blits: rectangles smaller than this are copied in bands of at most kBlitBandRows rows.
constexpr qint64 kThreadedBlitArea = 64 * 1024; // px
constexpr int kBlitBandRows = 48;
} // namespace

ChartCanvas::ChartCanvas(QChart *chart, QWidget *parent)
    : QChartView(chart, parent)
{
    setRubberBand(QChartView::NoRubberBand);
    setViewportUpdateMode(QGraphicsView::FullViewportUpdate);
    setMouseTracking(true);
    setFrameShape(QFrame::NoFrame);
    // Anything that changes in the chart's scene (axes relayout, legend, series layer)
    // invalidates the cache; the overlay alone never does.
    connect(scene(), &QGraphicsScene::changed, this, [this] {
        m_chartDirty = true;
        viewport()->update();
    });
}

void ChartCanvas::setDataRange(qint64 from, qint64 to, double yMin, double yMax)
{
    m_from = from;
    m_to = to;
    m_yMin = yMin;
    m_yMax = yMax;
}

ChartMapping ChartCanvas::mapping() const
{
    const QRectF plot = viewportTransform().mapRect(chart()->mapRectToScene(chart()->plotArea()));
    return ChartMapping(plot, m_from, m_to, m_yMin, m_yMax, viewport()->devicePixelRatioF());
}

void ChartCanvas::setAnnotations(const QList<PanelAnnotation> &annotations)
{
    if (annotations == m_annotations)
        return;
    m_annotations = annotations;
    updateOverlay();
}

void ChartCanvas::setRemoteCursors(const QList<RemoteCursor> &cursors)
{
    if (cursors == m_cursors)
        return;
    // Only where the old and the new cursors are drawn: the rest of the viewport keeps its
    // pixels, so a moving cursor costs two thin strips, not a blit of the whole chart.
    const ChartMapping m = mapping();
    QRegion dirty = ChartOverlay::cursorRegion(m, m_cursors, font());
    m_cursors = cursors;
    dirty += ChartOverlay::cursorRegion(m, m_cursors, font());
    viewport()->update(dirty);
}

void ChartCanvas::setThreshold(std::optional<double> value, const QString &label,
                               const QColor &color)
{
    if (m_overlay.threshold == value && m_overlay.thresholdLabel == label
        && m_overlay.thresholdColor == color)
        return;
    m_overlay.threshold = value;
    m_overlay.thresholdLabel = label;
    m_overlay.thresholdColor = color;
    updateOverlay();
}

void ChartCanvas::setNotice(const QString &text)
{
    if (m_overlay.notice == text)
        return;
    m_overlay.notice = text;
    updateOverlay();
}

void ChartCanvas::setThresholdAlert(int side)
{
    if (m_overlay.thresholdAlert == side)
        return;
    m_overlay.thresholdAlert = side;
    updateOverlay();
}

void ChartCanvas::invalidateChart()
{
    m_chartDirty = true;
    viewport()->update();
}

void ChartCanvas::renderChart()
{
    const qreal dpr = viewport()->devicePixelRatioF();
    const QSize size = viewport()->size() * dpr;
    if (m_cache.size() != size) {
        m_cache = QPixmap(size);
        m_cache.setDevicePixelRatio(dpr);
    }
    m_cache.fill(palette().color(QPalette::Base));
    QPainter p(&m_cache);
    p.setRenderHints(renderHints());
    const QRectF target(QPointF(0, 0), QSizeF(viewport()->size()));
    scene()->render(&p, target, mapToScene(viewport()->rect()).boundingRect(),
                    Qt::IgnoreAspectRatio);
    m_chartDirty = false;
    ++m_chartRenders;
}

void ChartCanvas::paintEvent(QPaintEvent *event)
{
    const QSize wanted = viewport()->size() * viewport()->devicePixelRatioF();
    if (m_chartDirty || m_cache.size() != wanted)
        renderChart();
    QPainter p(viewport());
    const qreal dpr = m_cache.devicePixelRatio();
    const auto blit = [&](const QRect &r) {
        const QRectF source(QPointF(r.topLeft()) * dpr, QSizeF(r.size()) * dpr);
        p.drawPixmap(QRectF(r), m_cache, source);
    };
    for (const QRect &r : event->region()) {
        // Qt 6.4's raster engine splits a blit taller than about a hundred rows across its
        // thread pool, however narrow. For the thin strips a moving cursor dirties, waking
        // pool threads costs far more than the copy (benchmarks.md, "Cursor strips"), so small
        // rectangles are copied here in bands short enough to stay on this thread.
        if (qint64(r.width()) * r.height() >= kThreadedBlitArea || r.height() <= kBlitBandRows) {
            blit(r);
            continue;
        }
        for (int y = r.top(); y <= r.bottom(); y += kBlitBandRows)
            blit(QRect(r.left(), y, r.width(), std::min(kBlitBandRows, r.bottom() - y + 1)));
    }
    p.setClipRegion(event->region());
    ChartOverlay::paint(p, mapping(), palette(), m_annotations, m_cursors, m_overlay);
    ++m_overlayPaints;
    // Start-up benchmark hook (tests/bench/bench_desktopstartup): a panel exists only once a
    // series has arrived, so its first paint is the first chart frame with data.
    static bool firstFrameLogged = false;
    if (!firstFrameLogged) {
        firstFrameLogged = true;
        if (qEnvironmentVariableIsSet("WATCHROOM_BENCH_STARTUP"))
            std::fprintf(stderr, "watchroom: first chart frame painted at %lld ms since epoch\n",
                         static_cast<long long>(QDateTime::currentMSecsSinceEpoch()));
    }
}

void ChartCanvas::resizeEvent(QResizeEvent *event)
{
    QChartView::resizeEvent(event);
    m_chartDirty = true;
}

void ChartCanvas::mousePressEvent(QMouseEvent *event)
{
    const ChartMapping m = mapping();
    const QPointF pos = event->position();
    if (!m.isValid() || !m.containsPixel(pos)) {
        QChartView::mousePressEvent(event);
        return;
    }
    m_pressPos = m_lastPos = pos;
    m_pressTime = m.timeAt(pos.x());
    if (event->button() == Qt::LeftButton && (event->modifiers() & Qt::ShiftModifier))
        m_drag = Drag::Annotate;
    else if (event->button() == Qt::LeftButton)
        m_drag = Drag::Pan;
    else if (event->button() == Qt::RightButton)
        m_drag = Drag::Zoom;
    else {
        QChartView::mousePressEvent(event);
        return;
    }
    if (m_drag == Drag::Pan)
        viewport()->setCursor(Qt::ClosedHandCursor);
    event->accept();
}

void ChartCanvas::mouseMoveEvent(QMouseEvent *event)
{
    const ChartMapping m = mapping();
    const QPointF pos = event->position();
    if (m.isValid()) {
        if (m_drag == Drag::Pan) {
            const double dx = pos.x() - m_lastPos.x();
            const qint64 delta = qint64(std::llround(-dx * m.msPerPixel()));
            if (delta != 0)
                Q_EMIT panRequested(delta);
        } else if (m_drag == Drag::Zoom || m_drag == Drag::Annotate) {
            m_overlay.selection = std::make_pair(m_pressTime, m.timeAt(pos.x()));
            m_overlay.selectionColor = m_drag == Drag::Zoom ? palette().color(QPalette::Mid)
                                                            : palette().color(QPalette::Highlight);
        }
        if (m.containsPixel(pos)) {
            Q_EMIT pointerMoved(m.timeAt(pos.x()), m.valueAt(pos.y()));
            m_overlay.hover = pos;
        } else {
            if (m_overlay.hover)
                Q_EMIT pointerLeft();
            m_overlay.hover.reset();
        }
        updateOverlay();
    }
    m_lastPos = pos;
    if (m_drag == Drag::None)
        QChartView::mouseMoveEvent(event);
}

void ChartCanvas::mouseReleaseEvent(QMouseEvent *event)
{
    const Drag drag = m_drag;
    m_drag = Drag::None;
    m_overlay.selection.reset();
    viewport()->unsetCursor();
    const ChartMapping m = mapping();
    if (drag == Drag::None || !m.isValid()) {
        QChartView::mouseReleaseEvent(event);
        return;
    }
    const QPointF pos = event->position();
    const bool click = std::abs(pos.x() - m_pressPos.x()) <= kClickSlop;
    const qint64 t = m.timeAt(std::clamp(pos.x(), m.plotArea().left(), m.plotArea().right()));
    if (drag == Drag::Zoom && !click) {
        Q_EMIT rangeSelected(std::min(m_pressTime, t), std::max(m_pressTime, t));
    } else if (drag == Drag::Zoom) {
        const auto hit = ChartOverlay::annotationAt(m, m_annotations, m_pressPos);
        Q_EMIT contextMenuRequested(viewport()->mapToGlobal(m_pressPos.toPoint()), m_pressTime,
                                    hit ? m_annotations[*hit].id : QString());
    }
    if (drag == Drag::Annotate && click)
        Q_EMIT pointAnnotationRequested(m_pressTime);
    else if (drag == Drag::Annotate)
        Q_EMIT regionAnnotationRequested(std::min(m_pressTime, t), std::max(m_pressTime, t));
    updateOverlay();
    event->accept();
}

QRect ChartCanvas::legendRect() const
{
    const QLegend *legend = chart()->legend();
    return legend->isVisible() ? mapFromScene(legend->sceneBoundingRect()).boundingRect() : QRect();
}

void ChartCanvas::mouseDoubleClickEvent(QMouseEvent *event)
{
    // On the legend a quick second click is another click on an entry (it shows the series it
    // just hid), not a return to live.
    const bool onLegend = legendRect().contains(event->position().toPoint());
    if (!onLegend && event->button() == Qt::LeftButton
        && !(event->modifiers() & Qt::ShiftModifier)) {
        m_drag = Drag::None;
        Q_EMIT liveRequested();
        event->accept();
        return;
    }
    QChartView::mouseDoubleClickEvent(event);
}

void ChartCanvas::wheelEvent(QWheelEvent *event)
{
    const ChartMapping m = mapping();
    const QPointF pos = event->position();
    const int delta = event->angleDelta().y();
    if (!m.isValid() || !m.containsPixel(pos) || delta == 0) {
        event->ignore(); // let the board scroll
        return;
    }
    const double factor = std::pow(kWheelZoomStep, double(delta) / 120.0);
    Q_EMIT zoomRequested(factor, m.timeAt(pos.x()));
    event->accept();
}

void ChartCanvas::leaveEvent(QEvent *event)
{
    if (m_overlay.hover) {
        m_overlay.hover.reset();
        m_overlay.hoverValues.clear();
        Q_EMIT pointerLeft();
        updateOverlay();
    }
    QChartView::leaveEvent(event);
}

} // namespace wr
