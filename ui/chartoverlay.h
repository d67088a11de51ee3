#pragma once

#include "chartmapping.h"

#include <QColor>
#include <QCoreApplication>
#include <QList>
#include <QPointF>
#include <QRegion>
#include <QRectF>
#include <QString>

#include <optional>

class QFont;
class QPainter;
class QPalette;

namespace wr {

// A peer's cursor as a panel shows it (data space; mapped to pixels at paint time).
struct RemoteCursor
{
    QString userId;
    QString name;
    QColor color;
    qint64 t = 0;
    double y = 0;
    bool onThisPanel = false; // the value marker is drawn only on the panel the peer points at
    double opacity = 1.0; // fades when the peer is idle
    bool operator==(const RemoteCursor &) const = default;
};

// An annotation as a panel shows it: a point (t1 empty) or a region.
struct PanelAnnotation
{
    QString id;
    qint64 t0 = 0;
    std::optional<qint64> t1;
    QString text;
    QString author;
    QColor color;
    bool operator==(const PanelAnnotation &) const = default;
};

// Point annotations closer than a few pixels drawn as one marker with a count.
struct AnnotationCluster
{
    qreal x = 0; // where the marker is drawn (the members' mean)
    QList<qsizetype> members; // indexes into the annotation list, in time order
};

// What the overlay shows besides cursors and annotations: the local drag feedback.
struct OverlayState
{
    std::optional<QPointF> hover; // the local pointer, for annotation hover text
    std::optional<std::pair<qint64, qint64>> selection; // a region being dragged (zoom/annotate)
    QColor selectionColor;
    // The values of the panel's series at the pointer's time (plain text), shown next to the
    // pointer unless an annotation is hovered.
    QString hoverValues;
    // A threshold line (data space), dashed across the plot, with its label at the right.
    std::optional<double> threshold;
    QString thresholdLabel;
    QColor thresholdColor;
    // The panel alerts (ThresholdAlerts): +1 a series is above the threshold, -1 below it, 0
    // not alerting. The side beyond the line is tinted and the plot framed in its colour.
    int thresholdAlert = 0;
    // A notice at the top left of the plot, e.g. "No new data since 10:42:13" (plain text).
    QString notice;
};

// Paints the overlay layer of one panel above the cached chart: annotations (shaded regions,
// point lines with a flag, hover text), remote cursors (crosshair at the peer's data time, name
// label in the peer's colour, value marker on the same panel, edge marker with the time when the
// peer looks outside the window) and the drag selection. Stateless: everything comes from the
// arguments, so it can be tested on a QImage.
class ChartOverlay
{
    Q_DECLARE_TR_FUNCTIONS(wr::ChartOverlay)

public:
    static void paint(QPainter &painter, const ChartMapping &mapping, const QPalette &palette,
                      const QList<PanelAnnotation> &annotations,
                      const QList<RemoteCursor> &cursors, const OverlayState &state);

    // The annotation under a local pointer position (nearest point line within a few pixels,
    // else the innermost region containing it).
    static std::optional<qsizetype> annotationAt(const ChartMapping &mapping,
                                                 const QList<PanelAnnotation> &annotations,
                                                 const QPointF &pos);

    // Point annotations inside the window grouped left to right: a new group starts where the
    // gap to the previous one is `minGapPx` or more.
    static QList<AnnotationCluster> pointClusters(const ChartMapping &mapping,
                                                  const QList<PanelAnnotation> &annotations,
                                                  qreal minGapPx = kClusterGapPx);
    static constexpr qreal kClusterGapPx = 8.0;

    // The hover text for the annotation at `index` (with its cluster's other members).
    static QString hoverText(const QList<PanelAnnotation> &annotations, qsizetype index,
                             const QList<qsizetype> &cluster, qint64 windowSpan);

    // Where paint() draws these cursors (a generous bound), for partial repaints.
    static QRegion cursorRegion(const ChartMapping &mapping, const QList<RemoteCursor> &cursors,
                                const QFont &font);

    // The label an edge marker shows, e.g. "Alice ← 10:42:05".
    static QString edgeLabel(const QString &name, qint64 t, ChartMapping::Edge edge,
                             qint64 windowSpan);
};

} // namespace wr
