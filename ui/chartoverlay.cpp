#include "chartoverlay.h"

#include <QDateTime>
#include <QFontMetricsF>
#include <QHash>
#include <QPainter>
#include <QPainterPath>
#include <QPalette>
#include <QPixmapCache>

#include <algorithm>
#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace wr {

namespace {

constexpr qreal kHitSlop = 4.0; // px around a point annotation's line
constexpr qreal kLabelPad = 3.0;

QColor readableOn(const QColor &background)
{
    return background.lightnessF() > 0.6 ? QColor(20, 20, 20) : QColor(250, 250, 250);
}

QString timeText(qint64 t, qint64 span)
{
    const QDateTime dt = QDateTime::fromMSecsSinceEpoch(t);
    if (span > 24 * 60 * 60 * 1000)
        return dt.toString(u"MMM d HH:mm"_s);
    return dt.toString(u"HH:mm:ss"_s);
}

// A filled label box with its top-left corner at `topLeft`, kept inside `bounds`. The same
// labels are drawn on every panel at every cursor move, so each is rendered once into a pixmap
// (QPixmapCache: text, font, colour, pixel ratio and hints as the key) and blitted after that;
// shaping and rasterising text was most of what a moving cursor cost per panel.
QRectF drawLabel(QPainter &p, QPointF topLeft, const QString &text, const QColor &fill,
                 const QRectF &bounds)
{
    const QFont font = p.font();
    const qreal dpr = p.device() ? p.device()->devicePixelRatioF() : 1.0;
    const QString key = u"wr-label/%1/%2/%3/%4/"_s.arg(font.key(), QString::number(fill.rgba(), 16),
                                                     QString::number(dpr),
                                                     QString::number(int(p.renderHints())))
        + text;
    QPixmap label;
    if (!QPixmapCache::find(key, &label)) {
        const QFontMetricsF fm(font);
        const QSizeF size(std::ceil(fm.horizontalAdvance(text) + 2 * kLabelPad),
                          std::ceil(fm.height() + kLabelPad));
        label = QPixmap((size * dpr).toSize());
        label.setDevicePixelRatio(dpr);
        label.fill(Qt::transparent);
        QPainter lp(&label);
        lp.setRenderHints(p.renderHints());
        lp.setFont(font);
        const QRectF box(QPointF(0, 0), size);
        lp.setPen(Qt::NoPen);
        lp.setBrush(fill);
        lp.drawRoundedRect(box, 3, 3);
        lp.setPen(readableOn(fill));
        lp.drawText(box, Qt::AlignCenter, text);
        lp.end();
        QPixmapCache::insert(key, label);
    }
    QRectF box(topLeft, label.deviceIndependentSize());
    if (box.right() > bounds.right())
        box.moveRight(bounds.right());
    if (box.left() < bounds.left())
        box.moveLeft(bounds.left());
    if (box.bottom() > bounds.bottom())
        box.moveBottom(bounds.bottom());
    p.drawPixmap(QPointF(std::round(box.left()), std::round(box.top())), label);
    return box;
}

// fm.horizontalAdvance(text) for `font`, remembered: every panel asks for the width of the same
// names at every cursor move. GUI thread only; forgets everything past 512 entries.
qreal textWidth(const QFontMetricsF &fm, const QFont &font, const QString &text)
{
    static QHash<QString, qreal> widths;
    const QString key = font.key() + u'/' + text;
    if (const auto it = widths.constFind(key); it != widths.cend())
        return *it;
    if (widths.size() >= 512)
        widths.clear();
    const qreal width = fm.horizontalAdvance(text);
    widths.insert(key, width);
    return width;
}

} // namespace

QString ChartOverlay::edgeLabel(const QString &name, qint64 t, ChartMapping::Edge edge,
                                qint64 windowSpan)
{
    const QString time = timeText(t, windowSpan);
    //: A peer's cursor is outside the visible time window: %1 = name, %2 = their time.
    return edge == ChartMapping::Edge::Before ? tr("← %1 %2").arg(name, time)
                                              : tr("%1 %2 →").arg(name, time);
}

QRegion ChartOverlay::cursorRegion(const ChartMapping &m, const QList<RemoteCursor> &cursors,
                                   const QFont &font)
{
    QRegion region;
    if (!m.isValid() || cursors.isEmpty())
        return region;
    const QRect plot = m.plotArea().toAlignedRect().adjusted(-2, -2, 2, 2);
    const QFontMetricsF fm(font);
    const int rowHeight = int(fm.height() + kLabelPad + 3);
    int edgeRows[2] = { 0, 0 };
    for (const RemoteCursor &c : cursors) {
        const ChartMapping::Edge edge = m.edgeOf(c.t);
        if (edge != ChartMapping::Edge::Inside) {
            ++edgeRows[edge == ChartMapping::Edge::Before ? 0 : 1];
            continue;
        }
        const int x = int(std::floor(m.xForTime(double(c.t))));
        region += QRect(x - 2, plot.top(), 5, plot.height());
        const int labelWidth = int(textWidth(fm, font, c.name) + 2 * kLabelPad) + 6;
        // The label may be pushed left to stay inside the plot.
        region += QRect(std::min(x, plot.right() - labelWidth) - 2, plot.top(), labelWidth + 6,
                        rowHeight + 2);
        if (c.onThisPanel && std::isfinite(c.y)) {
            const int y = int(std::clamp(m.yForValue(c.y), m.plotArea().top(), m.plotArea().bottom()));
            region += QRect(plot.left(), y - 6, plot.width(), 13);
        }
    }
    // Edge markers stack in rows at the plot's sides; their text width varies, so the whole
    // band is repainted.
    for (int side = 0; side < 2; ++side) {
        if (edgeRows[side] == 0)
            continue;
        const int band = std::min(plot.width() / 2, 320);
        region += QRect(side == 0 ? plot.left() : plot.right() - band, plot.top(), band,
                        edgeRows[side] * rowHeight + 8);
    }
    return region;
}

std::optional<qsizetype> ChartOverlay::annotationAt(const ChartMapping &mapping,
                                                    const QList<PanelAnnotation> &annotations,
                                                    const QPointF &pos)
{
    if (!mapping.isValid() || !mapping.containsPixel(pos))
        return std::nullopt;
    std::optional<qsizetype> best;
    qreal bestDistance = kHitSlop + 0.5;
    for (qsizetype i = 0; i < annotations.size(); ++i) {
        const PanelAnnotation &a = annotations[i];
        if (a.t1)
            continue;
        const qreal d = std::abs(mapping.xForTime(double(a.t0)) - pos.x());
        if (d < bestDistance) {
            bestDistance = d;
            best = i;
        }
    }
    if (best)
        return best;
    qreal narrowest = std::numeric_limits<qreal>::max();
    for (qsizetype i = 0; i < annotations.size(); ++i) {
        const PanelAnnotation &a = annotations[i];
        if (!a.t1)
            continue;
        const qreal x0 = mapping.xForTime(double(a.t0));
        const qreal x1 = mapping.xForTime(double(*a.t1));
        if (pos.x() >= std::min(x0, x1) && pos.x() <= std::max(x0, x1)
            && std::abs(x1 - x0) < narrowest) {
            narrowest = std::abs(x1 - x0);
            best = i;
        }
    }
    return best;
}

QList<AnnotationCluster> ChartOverlay::pointClusters(const ChartMapping &m,
                                                    const QList<PanelAnnotation> &annotations,
                                                    qreal minGapPx)
{
    QList<std::pair<qreal, qsizetype>> points;
    for (qsizetype i = 0; i < annotations.size(); ++i) {
        const PanelAnnotation &a = annotations[i];
        if (!a.t1 && m.edgeOf(a.t0) == ChartMapping::Edge::Inside)
            points.append({ m.xForTime(double(a.t0)), i });
    }
    std::stable_sort(points.begin(), points.end(),
                     [](const auto &a, const auto &b) { return a.first < b.first; });
    QList<AnnotationCluster> clusters;
    qreal last = -std::numeric_limits<qreal>::max();
    qreal sum = 0;
    for (const auto &[x, index] : std::as_const(points)) {
        if (clusters.isEmpty() || x - last >= minGapPx) {
            if (!clusters.isEmpty())
                clusters.last().x = sum / qreal(clusters.last().members.size());
            clusters.append(AnnotationCluster {});
            sum = 0;
        }
        clusters.last().members.append(index);
        sum += x;
        last = x;
    }
    if (!clusters.isEmpty())
        clusters.last().x = sum / qreal(clusters.last().members.size());
    return clusters;
}

QString ChartOverlay::hoverText(const QList<PanelAnnotation> &annotations, qsizetype index,
                                const QList<qsizetype> &cluster, qint64 span)
{
    const auto line = [span](const PanelAnnotation &a) {
        QString when = timeText(a.t0, span);
        if (a.t1)
            when = tr("%1 – %2").arg(when, timeText(*a.t1, span));
        return a.author.isEmpty() ? when : tr("%1 · %2").arg(a.author, when);
    };
    if (cluster.size() <= 1) {
        const PanelAnnotation &a = annotations[index];
        return a.text.isEmpty() ? line(a) : a.text + u'\n' + line(a);
    }
    constexpr qsizetype kListed = 5;
    //: Hover over a cluster of annotations drawn as one marker
    QString text = tr("%n annotations here (zoom in to separate them)", nullptr,
                      int(cluster.size()));
    for (qsizetype i = 0; i < std::min(kListed, cluster.size()); ++i) {
        const PanelAnnotation &a = annotations[cluster[i]];
        const QString body = a.text.simplified().left(60);
        text += u'\n' + (body.isEmpty() ? line(a) : tr("%1: %2").arg(line(a), body));
    }
    if (cluster.size() > kListed)
        text += u'\n' + tr("… and %n more", nullptr, int(cluster.size() - kListed));
    return text;
}

void ChartOverlay::paint(QPainter &p, const ChartMapping &m, const QPalette &palette,
                         const QList<PanelAnnotation> &annotations,
                         const QList<RemoteCursor> &cursors, const OverlayState &state)
{
    if (!m.isValid())
        return;
    const QRectF plot = m.plotArea();
    const qint64 span = m.to() - m.from();
    p.save();
    p.setRenderHint(QPainter::Antialiasing, false);
    p.setClipRect(plot.adjusted(-1, -1, 1, 1));

    // Annotations: regions shaded, points as a line with a small flag.
    for (const PanelAnnotation &a : annotations) {
        QColor c = a.color.isValid() ? a.color : palette.color(QPalette::Highlight);
        if (a.t1) {
            const qint64 lo = std::min(a.t0, *a.t1);
            const qint64 hi = std::max(a.t0, *a.t1);
            if (hi < m.from() || lo > m.to())
                continue;
            // A region cut off by the window is drawn from the window's edge, never from -inf.
            const qreal x0 = std::max(plot.left(), m.xForTime(double(lo)));
            const qreal x1 = std::min(plot.right(), m.xForTime(double(hi)));
            QColor fill = c;
            fill.setAlphaF(0.16f);
            p.fillRect(QRectF(QPointF(x0, plot.top()), QPointF(std::max(x1, x0 + 1), plot.bottom())),
                       fill);
            p.setPen(QPen(c, 0));
            if (lo >= m.from())
                p.drawLine(QPointF(m.crispX(x0), plot.top()), QPointF(m.crispX(x0), plot.bottom()));
            if (hi <= m.to())
                p.drawLine(QPointF(m.crispX(x1), plot.top()), QPointF(m.crispX(x1), plot.bottom()));
        }
    }
    // Points: a dashed line with a small flag; crowded ones as one marker with their count.
    const QList<AnnotationCluster> clusters = pointClusters(m, annotations);
    for (const AnnotationCluster &cluster : clusters) {
        const PanelAnnotation &first = annotations[cluster.members.first()];
        const QColor c = first.color.isValid() ? first.color : palette.color(QPalette::Highlight);
        if (cluster.members.size() == 1) {
            const qreal x = m.crispX(m.xForTime(double(first.t0)));
            p.setPen(QPen(c, 0, Qt::DashLine));
            p.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
            QPainterPath flag;
            flag.moveTo(x, plot.top());
            flag.lineTo(x + 7, plot.top() + 4);
            flag.lineTo(x, plot.top() + 8);
            flag.closeSubpath();
            p.fillPath(flag, c);
            continue;
        }
        for (qsizetype index : cluster.members) {
            const PanelAnnotation &a = annotations[index];
            QColor faint = a.color.isValid() ? a.color : palette.color(QPalette::Highlight);
            faint.setAlphaF(0.45f);
            const qreal x = m.crispX(m.xForTime(double(a.t0)));
            p.setPen(QPen(faint, 0, Qt::DashLine));
            p.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
        }
        const QString count = QString::number(cluster.members.size());
        const QFontMetricsF fm(p.font());
        const qreal w = std::max(fm.height(), fm.horizontalAdvance(count) + 8);
        const QRectF badge(cluster.x - w / 2, plot.top() + 1, w, fm.height());
        p.setRenderHint(QPainter::Antialiasing, true);
        p.setPen(Qt::NoPen);
        p.setBrush(c);
        p.drawRoundedRect(badge, badge.height() / 2, badge.height() / 2);
        p.setPen(readableOn(c));
        p.drawText(badge, Qt::AlignCenter, count);
        p.setRenderHint(QPainter::Antialiasing, false);
    }

    // The threshold line, and while the panel alerts the side beyond it and a frame.
    if (state.threshold && std::isfinite(*state.threshold)) {
        const QColor c = state.thresholdColor.isValid() ? state.thresholdColor
                                                        : palette.color(QPalette::Highlight);
        const qreal y = m.yForValue(*state.threshold);
        if (state.thresholdAlert != 0) {
            const qreal line = std::clamp(y, plot.top(), plot.bottom());
            const QRectF beyond = state.thresholdAlert > 0
                ? QRectF(QPointF(plot.left(), plot.top()), QPointF(plot.right(), line))
                : QRectF(QPointF(plot.left(), line), QPointF(plot.right(), plot.bottom()));
            QColor tint = c;
            tint.setAlphaF(0.10f);
            p.fillRect(beyond, tint);
            QPen frame(c, 2);
            frame.setJoinStyle(Qt::MiterJoin);
            p.setPen(frame);
            p.setBrush(Qt::NoBrush);
            p.drawRect(plot.adjusted(1, 1, -1, -1));
        }
        if (y >= plot.top() - 0.5 && y <= plot.bottom() + 0.5) {
            const qreal cy = std::floor(y) + 0.5;
            QPen pen(c, 1, Qt::DashLine);
            pen.setCosmetic(true);
            p.setPen(pen);
            p.drawLine(QPointF(plot.left(), cy), QPointF(plot.right(), cy));
            if (!state.thresholdLabel.isEmpty()) {
                const QFontMetricsF tfm(p.font());
                const qreal w = tfm.horizontalAdvance(state.thresholdLabel);
                const qreal top = cy - tfm.height() - 1 >= plot.top() ? cy - tfm.height() - 1
                                                                      : cy + 2;
                p.drawText(QRectF(plot.right() - w - 4, top, w + 2, tfm.height()),
                           Qt::AlignRight | Qt::AlignVCenter, state.thresholdLabel);
            }
        }
    }

    // The drag selection.
    if (state.selection) {
        const qreal x0 = m.xForTime(double(state.selection->first));
        const qreal x1 = m.xForTime(double(state.selection->second));
        QColor fill = state.selectionColor.isValid() ? state.selectionColor
                                                     : palette.color(QPalette::Highlight);
        fill.setAlphaF(0.22f);
        p.fillRect(QRectF(QPointF(std::min(x0, x1), plot.top()),
                          QPointF(std::max(x0, x1), plot.bottom())),
                   fill);
    }

    // Remote cursors.
    p.setClipping(false);
    QFont small = p.font();
    small.setPointSizeF(std::max(6.0, small.pointSizeF() * 0.85));
    p.setFont(small);
    const QFontMetricsF fm(small);
    int edgeRow[2] = { 0, 0 };
    for (const RemoteCursor &c : cursors) {
        p.setOpacity(std::clamp(c.opacity, 0.15, 1.0));
        const ChartMapping::Edge edge = m.edgeOf(c.t);
        if (edge != ChartMapping::Edge::Inside) {
            // Edge marker: an arrow at the side the peer looks at, with their name and time.
            const bool left = edge == ChartMapping::Edge::Before;
            int &row = edgeRow[left ? 0 : 1];
            const qreal y = plot.top() + 4 + row * (fm.height() + kLabelPad + 2);
            ++row;
            const QString text = edgeLabel(c.name, c.t, edge, span);
            const qreal w = fm.horizontalAdvance(text) + 2 * kLabelPad;
            drawLabel(p, QPointF(left ? plot.left() + 2 : plot.right() - 2 - w, y), text, c.color,
                      plot);
            continue;
        }
        const qreal x = m.crispX(m.xForTime(double(c.t)));
        p.setPen(QPen(c.color, 0));
        p.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
        drawLabel(p, QPointF(x + 3, plot.top() + 1), c.name, c.color, plot);
        if (c.onThisPanel && std::isfinite(c.y)) {
            const qreal y = std::clamp(m.yForValue(c.y), plot.top(), plot.bottom());
            QPen dashed(c.color, 0, Qt::DotLine);
            p.setPen(dashed);
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
            p.setRenderHint(QPainter::Antialiasing, true);
            p.setPen(QPen(palette.color(QPalette::Base), 1.5));
            p.setBrush(c.color);
            p.drawEllipse(QPointF(x, y), 4.0, 4.0);
            p.setRenderHint(QPainter::Antialiasing, false);
        }
    }
    p.setOpacity(1.0);

    // The panel's notice (its data stopped), in a box like the value readout's.
    if (!state.notice.isEmpty()) {
        QRectF box = fm.boundingRect(QRectF(0, 0, plot.width(), 100), Qt::AlignLeft, state.notice);
        box.adjust(-6, -3, 6, 3);
        box.moveTopLeft(plot.topLeft() + QPointF(6, 6));
        p.setPen(QPen(palette.color(QPalette::Mid), 0));
        p.setBrush(palette.color(QPalette::ToolTipBase));
        p.drawRect(box);
        p.setPen(palette.color(QPalette::ToolTipText));
        p.drawText(box.adjusted(6, 3, -6, -3), Qt::AlignLeft, state.notice);
    }

    // Hover text of the annotation under the local pointer.
    if (state.hover) {
        const auto hit = annotationAt(m, annotations, *state.hover);
        if (!hit && !state.hoverValues.isEmpty() && !state.selection) {
            // The values at the pointer, like a tooltip, drawn as plain text.
            QRectF box = fm.boundingRect(QRectF(0, 0, 320, 400), Qt::AlignLeft,
                                         state.hoverValues);
            box.adjust(-6, -4, 6, 4);
            box.moveTopLeft(*state.hover + QPointF(14, 14));
            if (box.right() > plot.right())
                box.moveRight(state.hover->x() - 10);
            if (box.bottom() > plot.bottom())
                box.moveBottom(state.hover->y() - 10);
            p.setPen(QPen(palette.color(QPalette::Mid), 0));
            p.setBrush(palette.color(QPalette::ToolTipBase));
            p.drawRect(box);
            p.setPen(palette.color(QPalette::ToolTipText));
            p.drawText(box.adjusted(6, 4, -6, -4), Qt::AlignLeft, state.hoverValues);
        }
        if (hit) {
            const PanelAnnotation &a = annotations[*hit];
            QList<qsizetype> members;
            if (!a.t1) {
                for (const AnnotationCluster &cluster : clusters) {
                    if (cluster.members.contains(*hit))
                        members = cluster.members;
                }
            }
            const QString text = hoverText(annotations, *hit, members, span);
            QRectF box = fm.boundingRect(QRectF(0, 0, 280, 400),
                                         Qt::TextWordWrap | Qt::AlignLeft, text);
            box.adjust(-6, -4, 6, 4);
            box.moveTopLeft(*state.hover + QPointF(12, 12));
            if (box.right() > plot.right())
                box.moveRight(state.hover->x() - 8);
            if (box.bottom() > plot.bottom())
                box.moveBottom(state.hover->y() - 8);
            p.setPen(QPen(a.color.isValid() ? a.color : palette.color(QPalette::Mid), 0));
            p.setBrush(palette.color(QPalette::ToolTipBase));
            p.drawRect(box);
            p.setPen(palette.color(QPalette::ToolTipText));
            p.drawText(box.adjusted(6, 4, -6, -4), Qt::TextWordWrap | Qt::AlignLeft, text);
        }
    }
    p.restore();
}

} // namespace wr
