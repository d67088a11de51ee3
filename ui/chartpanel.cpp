#include "chartpanel.h"

#include "chartcanvas.h"
#include "metricstore.h"
#include "plaintext.h"
#include "reducedwindow.h"
#include "uilogging.h"

#include <QChart>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QEvent>
#include <QGraphicsItem>
#include <QGraphicsLayout>
#include <QHelpEvent>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QPointer>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <tuple>
#include <functional>
#include <limits>

using namespace Qt::StringLiterals;

namespace wr {

namespace {

// Colour-blind-friendly line colours (Okabe–Ito order, black replaced), light and dark variants.
const QList<QColor> &lineColors(bool dark)
{
    static const QList<QColor> light { QColor(0x00, 0x72, 0xb2), QColor(0xd5, 0x5e, 0x00),
                                       QColor(0x00, 0x9e, 0x73), QColor(0xcc, 0x79, 0xa7),
                                       QColor(0xe6, 0x9f, 0x00), QColor(0x56, 0xb4, 0xe9),
                                       QColor(0x7a, 0x5c, 0xc4), QColor(0x80, 0x80, 0x80) };
    static const QList<QColor> darkColors { QColor(0x4d, 0xa8, 0xf0), QColor(0xff, 0x8a, 0x3d),
                                            QColor(0x3c, 0xd6, 0xa5), QColor(0xf0, 0x9c, 0xc8),
                                            QColor(0xf5, 0xc2, 0x42), QColor(0x8f, 0xd3, 0xff),
                                            QColor(0xb3, 0x9d, 0xf5), QColor(0xb0, 0xb0, 0xb0) };
    return dark ? darkColors : light;
}

// A corner grip (three diagonal strokes) that reports the drag as a size.
class ResizeHandle : public QWidget
{
public:
    static constexpr int kSize = 14;
    using Dragged = std::function<void(const QSize &size, bool finished)>;

    ResizeHandle(QWidget *panel, std::function<void()> started, Dragged dragged)
        : QWidget(panel)
        , m_panel(panel)
        , m_started(std::move(started))
        , m_dragged(std::move(dragged))
    {
        setObjectName(u"panelResizeHandle"_s);
        setFixedSize(kSize, kSize);
        setCursor(Qt::SizeFDiagCursor);
        setAttribute(Qt::WA_NoMousePropagation);
    }

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter p(this);
        QColor c = palette().color(QPalette::WindowText);
        c.setAlphaF(m_pressed ? 0.9f : 0.45f);
        p.setPen(QPen(c, 1));
        for (int i = 1; i <= 3; ++i) {
            const int k = 4 * i;
            p.drawLine(kSize - 2, kSize - 2 - k, kSize - 2 - k, kSize - 2);
        }
    }
    void mousePressEvent(QMouseEvent *event) override
    {
        if (event->button() != Qt::LeftButton)
            return;
        m_pressed = true;
        m_start = event->globalPosition().toPoint();
        m_startSize = m_panel->size();
        m_started();
        update();
    }
    void mouseMoveEvent(QMouseEvent *event) override
    {
        if (m_pressed)
            m_dragged(sizeAt(event->globalPosition().toPoint()), false);
    }
    void mouseReleaseEvent(QMouseEvent *event) override
    {
        if (!m_pressed || event->button() != Qt::LeftButton)
            return;
        m_pressed = false;
        m_dragged(sizeAt(event->globalPosition().toPoint()), true);
        update();
    }

private:
    QSize sizeAt(const QPoint &global) const
    {
        const QPoint delta = global - m_start;
        return QSize(m_startSize.width() + delta.x(), m_startSize.height() + delta.y());
    }

    QWidget *m_panel;
    std::function<void()> m_started;
    Dragged m_dragged;
    bool m_pressed = false;
    QPoint m_start;
    QSize m_startSize;
};

// `a` moved towards `b` by `t` (0 … 1): a label colour that recedes into the background.
QColor blend(const QColor &a, const QColor &b, double t)
{
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * t),
                            float(a.greenF() + (b.greenF() - a.greenF()) * t),
                            float(a.blueF() + (b.blueF() - a.blueF()) * t));
}

bool isByteUnit(const QString &unit)
{
    return unit == "B"_L1 || unit == "bytes"_L1 || unit == "By"_L1 || unit == "B/s"_L1
        || unit == "bytes/s"_L1 || unit == "By/s"_L1;
}

// How values of `unit` up to `top` are shown: bytes in KiB/MiB/GiB/TiB (the data stays in
// bytes), everything else as it is. Returns the divisor and the unit shown.
std::pair<double, QString> displayUnitFor(const QString &unit, double top)
{
    if (!isByteUnit(unit) || !std::isfinite(top))
        return { 1.0, unit };
    static const char *const prefixes[] = { "", "Ki", "Mi", "Gi", "Ti" };
    double scale = 1.0;
    int k = 0;
    while (k < 4 && top / scale >= 1024.0 * 0.9) {
        scale *= 1024.0;
        ++k;
    }
    return { scale,
             QString::fromLatin1(prefixes[k]) + u'B'
                 + (unit.endsWith("/s"_L1) ? u"/s"_s : QString()) };
}

} // namespace

// One series of the panel: its incremental reduction and what is drawn.
struct ChartPanel::Line
{
    Line(const MetricStore *store, const QString &id)
        : seriesId(id)
        , window(store, id)
    {
    }
    QString seriesId;
    ReducedWindow window;
    QList<Sample> points; // min/max per column, in data space
    QColor color;
    QLineSeries *legendSeries = nullptr; // no points: legend entry only
    QPointer<QLegendMarker> marker; // its legend entry, once connected
    QString legendName; // as the legend shows it (plain text)
    bool hidden = false; // by the user: not drawn, no reduction kept, not in the value range
};

// Draws the reduced lines inside the chart's plot area with 1 px cosmetic pens. Points are
// kept in data space and mapped at paint time, so a relayout of the chart (the plot area moves
// when axis labels change width) never shows lines at stale positions.
class ChartPanel::SeriesLayer : public QGraphicsItem
{
public:
    explicit SeriesLayer(QGraphicsItem *parent)
        : QGraphicsItem(parent)
    {
        setFlag(ItemClipsToShape, false);
        setZValue(10); // above grid and the (empty) Qt Charts series
    }

    void setPlotArea(const QRectF &plot)
    {
        if (plot == m_plot)
            return;
        prepareGeometryChange();
        m_plot = plot;
    }
    void setLines(const std::vector<std::unique_ptr<Line>> *lines) { m_lines = lines; }
    void setRange(qint64 from, qint64 to, double yMin, double yMax)
    {
        m_from = from;
        m_to = to;
        m_yMin = yMin;
        m_yMax = yMax;
    }
    void setAntialiased(bool on) { m_antialiased = on; }
    bool isAntialiased() const { return m_antialiased; }

    QRectF boundingRect() const override { return m_plot.adjusted(-1, -1, 1, 1); }

    void paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *) override
    {
        if (!m_lines || m_plot.isEmpty() || m_to <= m_from || !(m_yMax > m_yMin))
            return;
        painter->save();
        painter->setClipRect(m_plot.adjusted(-0.5, -0.5, 0.5, 0.5));
        const double sx = m_plot.width() / double(m_to - m_from);
        const double sy = m_plot.height() / (m_yMax - m_yMin);
        const double left = m_plot.left();
        const double bottom = m_plot.bottom();
        for (const auto &line : *m_lines) {
            if (line->hidden)
                continue;
            // Anti-aliasing shows on sparse lines; a dense min/max line (a point or more per
            // pixel column) looks the same without it, at half the cost.
            painter->setRenderHint(QPainter::Antialiasing,
                                   m_antialiased && line->points.size() < m_plot.width());
            QPen pen(line->color, 0); // width 0: a 1 px cosmetic pen
            pen.setCosmetic(true);
            painter->setPen(pen);
            m_buffer.clear();
            const auto flush = [&] {
                if (m_buffer.size() == 1)
                    painter->drawPoint(m_buffer.front());
                else if (m_buffer.size() > 1)
                    painter->drawPolyline(m_buffer.constData(), int(m_buffer.size()));
                m_buffer.clear();
            };
            for (const Sample &s : line->points) {
                if (s.isGap()) {
                    flush();
                    continue;
                }
                m_buffer.append(QPointF(left + double(s.t - m_from) * sx,
                                        bottom - (s.value - m_yMin) * sy));
            }
            flush();
        }
        painter->restore();
    }

private:
    QRectF m_plot;
    const std::vector<std::unique_ptr<Line>> *m_lines = nullptr;
    qint64 m_from = 0;
    qint64 m_to = 1;
    double m_yMin = 0;
    double m_yMax = 1;
    bool m_antialiased = true;
    mutable QPolygonF m_buffer;
};

void ChartPanel::setTitle(const QString &title)
{
    m_title = title;
    m_chart->setTitle(title.toHtmlEscaped()); // Qt Charts renders titles as HTML
    m_canvas->setAccessibleName(tr("Chart: %1").arg(title));
    updateLegendNames(); // they may leave out the title's word
}

ChartPanel::ChartPanel(const MetricStore *store, const QString &panelId, const QString &title,
                       QWidget *parent)
    : QWidget(parent)
    , m_store(store)
    , m_panelId(panelId)
    , m_title(title)
{
    m_chart = new QChart();
    m_chart->setAnimationOptions(QChart::NoAnimation);
    m_chart->setBackgroundRoundness(0);
    m_chart->setMargins(QMargins(4, 2, 8, 2));
    m_chart->layout()->setContentsMargins(0, 0, 0, 0);
    m_chart->setTitle(title.toHtmlEscaped()); // Qt Charts renders titles as HTML
    m_chart->legend()->setAlignment(Qt::AlignBottom);

    auto *axisX = new QDateTimeAxis(m_chart);
    auto *axisY = new QValueAxis(m_chart);
    m_chart->addAxis(axisX, Qt::AlignBottom);
    m_chart->addAxis(axisY, Qt::AlignLeft);

    m_layer = new SeriesLayer(m_chart);
    m_layer->setLines(&m_lines);

    m_canvas = new ChartCanvas(m_chart, this);
    m_canvas->setAccessibleName(tr("Chart: %1").arg(title));
    m_canvas->setAccessibleDescription(moveHint());
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_canvas);
    setMinimumSize(320, 200);
    m_resizeHandle = new ResizeHandle(
        this, [this] { Q_EMIT resizeStarted(); },
        [this](const QSize &size, bool finished) { Q_EMIT resizeDragged(size, finished); });
    m_resizeHandle->setToolTip(tr("Drag to resize the panel (it snaps to the board's grid)"));
    m_resizeHandle->setAccessibleName(tr("Resize the panel"));

    connect(m_chart, &QChart::plotAreaChanged, this, [this](const QRectF &plot) {
        m_layer->setPlotArea(plot);
    });
    m_layer->setPlotArea(m_chart->plotArea());
    connect(m_canvas, &ChartCanvas::pointerMoved, this,
            [this](qint64 t, double) { m_canvas->setHoverValues(valuesAt(t)); });
    connect(m_canvas, &ChartCanvas::pointerLeft, this,
            [this] { m_canvas->setHoverValues(QString()); });
    // Legend entries' tooltips (the full name, what a click does).
    m_canvas->viewport()->installEventFilter(this);
    applyTheme();
}

ChartPanel::~ChartPanel()
{
    // The chart goes with the canvas, after this panel's members; a legend marker destroyed
    // while hovered still reports the hover's end, which must not reach this panel then.
    for (const auto &line : m_lines) {
        if (line->marker)
            disconnect(line->marker, nullptr, this, nullptr);
    }
}

void ChartPanel::addSeries(const QString &seriesId)
{
    if (hasSeries(seriesId))
        return;
    auto line = std::make_unique<Line>(m_store, seriesId);
    line->hidden = isSeriesHidden(seriesId); // restored state may name it before it arrives
    line->legendSeries = new QLineSeries(m_chart);
    m_chart->addSeries(line->legendSeries);
    const auto axes = m_chart->axes();
    for (QAbstractAxis *axis : axes)
        line->legendSeries->attachAxis(axis);
    if (m_lines.empty()) {
        if (const auto info = m_store->info(seriesId))
            m_unit = info->unit;
    }
    m_lines.push_back(std::move(line));
    applyTheme(); // colours and legend entries
    m_dataDirty = true;
}

bool ChartPanel::removeSeries(const QString &seriesId)
{
    const auto it = std::find_if(m_lines.begin(), m_lines.end(),
                                 [&](const auto &line) { return line->seriesId == seriesId; });
    if (it == m_lines.end())
        return false;
    QLineSeries *legend = (*it)->legendSeries;
    if ((*it)->marker)
        disconnect((*it)->marker, nullptr, this, nullptr);
    m_lines.erase(it);
    // Taken off, it is no longer hidden here: added again, it shows.
    m_hiddenSeries.removeAll(seriesId);
    if (m_hoveredLegendSeries == seriesId)
        m_hoveredLegendSeries.clear();
    m_chart->removeSeries(legend);
    delete legend;
    applyTheme(); // colours follow the remaining lines' order
    m_dataDirty = true;
    return true;
}

QStringList ChartPanel::seriesIds() const
{
    QStringList ids;
    for (const auto &line : m_lines)
        ids.append(line->seriesId);
    return ids;
}

bool ChartPanel::hasSeries(const QString &seriesId) const
{
    return std::any_of(m_lines.begin(), m_lines.end(),
                       [&](const auto &line) { return line->seriesId == seriesId; });
}

QString ChartPanel::seriesLabel(const QString &seriesId) const
{
    const auto info = m_store->info(seriesId);
    if (!info || info->name.isEmpty())
        return seriesId.section(u'/', -1);
    // Several series of one name (per core, per interface) differ by a label.
    QString extra;
    for (auto it = info->labels.cbegin(); it != info->labels.cend(); ++it) {
        if (it.key() != "host"_L1 && !info->name.contains(it.value()))
            extra += (extra.isEmpty() ? QString() : u", "_s) + it.value();
    }
    return extra.isEmpty() ? info->name : tr("%1 (%2)", "series name (labels)").arg(info->name, extra);
}

void ChartPanel::refreshSeriesInfo()
{
    if (!m_lines.empty()) {
        if (const auto info = m_store->info(m_lines.front()->seriesId))
            m_unit = info->unit;
    }
    updateLegendNames();
    m_dataDirty = true;
}

namespace {

// `rest` is fit to stand for a name in a legend already holding `taken`.
bool usableRest(const QString &rest, const QStringList &taken)
{
    return !rest.isEmpty() && rest.front().isLetterOrNumber() && !taken.contains(rest);
}

// Every name without `prefix`, or nothing when one lacks it or would be left unusable.
std::optional<QStringList> withoutPrefix(const QStringList &names, const QString &prefix)
{
    QStringList shortened;
    for (const QString &name : names) {
        if (!name.startsWith(prefix))
            return std::nullopt;
        const QString rest = name.mid(prefix.size()).trimmed();
        if (!usableRest(rest, shortened))
            return std::nullopt;
        shortened.append(rest);
    }
    return shortened;
}

} // namespace

QStringList ChartPanel::legendNames(const QString &title, const QStringList &names)
{
    if (names.isEmpty())
        return names;
    QStringList shown = names;
    // Only a one-word name part of the title: "File systems · alpha" must not turn
    // "File system used, /" into "system used, /", nor "Disk I/O" "Disk read, sda" into "read".
    const QString word = title.section(u" · "_s, 0, 0);
    if (!word.isEmpty()
        && std::none_of(word.cbegin(), word.cend(), [](QChar c) { return c.isSpace(); })) {
        if (auto shortened = withoutPrefix(shown, word + u' '))
            shown = *shortened;
    }
    // Then what several names share up to a comma: "average, 1 min", "average, 5 min" read
    // "1 min", "5 min".
    if (shown.size() >= 2) {
        const qsizetype comma = shown.front().indexOf(u", "_s);
        if (comma > 0) {
            if (auto shortened = withoutPrefix(shown, shown.front().left(comma + 2)))
                shown = *shortened;
        }
    }
    return shown;
}

void ChartPanel::updateLegendNames()
{
    QStringList full;
    for (const auto &line : m_lines)
        full.append(seriesLabel(line->seriesId));
    const QStringList shown = legendNames(m_title, full);
    for (size_t i = 0; i < m_lines.size(); ++i) {
        Line &line = *m_lines[i];
        line.legendName = shown[qsizetype(i)];
        const QString html = line.legendName.toHtmlEscaped(); // Qt Charts renders names as HTML
        if (line.legendSeries->name() != html)
            line.legendSeries->setName(html);
    }
}

QString ChartPanel::legendName(const QString &seriesId) const
{
    for (const auto &line : m_lines) {
        if (line->seriesId == seriesId)
            return line->legendName;
    }
    return {};
}

QString ChartPanel::legendToolTip(const QString &seriesId) const
{
    //: Tooltip of a hidden series' legend entry, under the series' name
    const QString show = tr("Hidden. Click to show this series.");
    //: Tooltip of a legend entry, under the series' name
    const QString hide = tr("Click to hide this series.");
    const QString &action = isSeriesHidden(seriesId) ? show : hide;
    // The name may come from another machine: shown literally, whatever it looks like.
    return unwrappedRichToolTip(seriesLabel(seriesId) + u'\n' + action);
}

void ChartPanel::setSeriesHidden(const QString &seriesId, bool hidden)
{
    if (hidden == isSeriesHidden(seriesId))
        return;
    if (hidden) {
        m_hiddenSeries.append(seriesId);
        m_hiddenSeries.sort();
    } else {
        m_hiddenSeries.removeAll(seriesId);
    }
    applyHiddenSeries();
    Q_EMIT seriesHiddenChanged(seriesId, hidden);
}

void ChartPanel::setHiddenSeries(const QStringList &seriesIds)
{
    QStringList sorted = seriesIds;
    sorted.removeAll(QString());
    sorted.removeDuplicates();
    sorted.sort();
    if (sorted == m_hiddenSeries)
        return;
    m_hiddenSeries = sorted;
    applyHiddenSeries();
}

void ChartPanel::applyHiddenSeries()
{
    for (const auto &line : m_lines) {
        const bool hidden = isSeriesHidden(line->seriesId);
        if (hidden == line->hidden)
            continue;
        line->hidden = hidden;
        // Hidden: nothing to draw. Shown again: the next frame rebuilds it from its window,
        // which catches up with the store then.
        line->points.clear();
        styleLegendMarker(*line);
    }
    m_dataDirty = true; // the value range changes
    m_layer->update();
    m_canvas->invalidateChart();
}

void ChartPanel::connectLegendMarkers()
{
    QLegend *legend = m_chart->legend();
    // Qt Charts makes a marker per series when the series is added and deletes it with it.
    for (const auto &line : m_lines) {
        QLegendMarker *marker = legend->markers(line->legendSeries).value(0);
        if (!marker || marker == line->marker)
            continue;
        line->marker = marker;
        const QString id = line->seriesId;
        connect(marker, &QLegendMarker::clicked, this,
                [this, id] { setSeriesHidden(id, !isSeriesHidden(id)); });
        connect(marker, &QLegendMarker::hovered, this, [this, id](bool entered) {
            if (entered)
                m_hoveredLegendSeries = id;
            else if (m_hoveredLegendSeries == id)
                m_hoveredLegendSeries.clear();
        });
    }
    // A pointing hand says the entries are clickable. Qt Charts keeps the entries in an item
    // group under the legend (no public API names them): if that changes, only the cursor is
    // lost. Each entry is an item of its own, so entries added later get it here too.
    const QList<QGraphicsItem *> children = legend->childItems();
    for (QGraphicsItem *child : children) {
        if (!qgraphicsitem_cast<QGraphicsItemGroup *>(child))
            continue;
        const QList<QGraphicsItem *> entries = child->childItems();
        for (QGraphicsItem *entry : entries) {
            if (!entry->hasCursor())
                entry->setCursor(Qt::PointingHandCursor);
        }
    }
}

void ChartPanel::styleLegendMarker(const Line &line) const
{
    if (!line.marker)
        return;
    const QPalette pal = palette();
    const QColor text = pal.color(QPalette::Text);
    if (line.hidden) {
        // Dimmed name, hollow box in the line's colour: still tells which line it is.
        line.marker->setLabelBrush(blend(text, pal.color(QPalette::Base), 0.6));
        line.marker->setBrush(QColor(Qt::transparent)); // Qt::NoBrush means "the series'"
        line.marker->setPen(QPen(line.color, 1.5));
    } else {
        line.marker->setLabelBrush(text);
        line.marker->setBrush(line.color);
        line.marker->setPen(QPen(text)); // what QLegend::setLabelColor gives every marker
    }
}

void ChartPanel::setTimeRange(qint64 from, qint64 to)
{
    m_from = from;
    m_to = std::max(to, from + 1);
}

bool ChartPanel::isFrameDue() const
{
    return m_dataDirty || m_from != m_builtFrom || m_to != m_builtTo || columns() != m_builtColumns;
}

int ChartPanel::columns() const
{
    const ChartMapping m = mapping();
    if (m.plotArea().width() > 0)
        return m.columns();
    return std::max(1, int(width() * devicePixelRatioF()));
}

void ChartPanel::updateFrame()
{
    const int cols = columns();
    double lo = std::numeric_limits<double>::infinity();
    double hi = -lo;
    for (const auto &line : m_lines) {
        if (line->hidden)
            continue; // not drawn, not in the range: its reduction waits until it is shown
        line->window.setRange(m_from, m_to, cols);
        if (line->window.update() || m_builtColumns != cols || line->points.isEmpty())
            line->points = minMaxPerColumn(line->window.points(), line->window.grid());
        for (const Sample &s : std::as_const(line->points)) {
            if (s.t < m_from || s.t > m_to || s.isGap())
                continue;
            lo = std::min(lo, s.value);
            hi = std::max(hi, s.value);
        }
    }
    // Byte units are shown in KiB/MiB/GiB on the value axis (the data stays in bytes); the
    // range is made nice in the displayed unit so the ticks are round there.
    std::tie(m_displayScale, m_displayUnit) = lo <= hi
        ? displayUnitFor(m_unit, std::max(std::abs(lo), std::abs(hi)))
        : std::pair { 1.0, m_unit };
    m_displayBuilt = true;
    if (m_threshold && lo <= hi) {
        lo = std::min(lo, *m_threshold);
        hi = std::max(hi, *m_threshold);
    }
    NiceRange range;
    if (lo <= hi) {
        range = niceRange(lo / m_displayScale, hi / m_displayScale);
        if (m_unit == "%"_L1 && lo >= 0 && hi <= 100)
            range = { 0, 100, 5 };
    }
    m_yMin = range.min * m_displayScale;
    m_yMax = range.max * m_displayScale;
    m_yTicks = range.ticks;

    updateAxes();
    updateThresholdOverlay(); // its label is in the displayed unit
    m_layer->setRange(m_from, m_to, m_yMin, m_yMax);
    m_layer->update();
    m_canvas->setDataRange(m_from, m_to, m_yMin, m_yMax);
    m_canvas->invalidateChart();

    m_builtFrom = m_from;
    m_builtTo = m_to;
    m_builtColumns = cols;
    m_dataDirty = false;
    ++m_frames;
}

void ChartPanel::updateAxes()
{
    auto *axisX = qobject_cast<QDateTimeAxis *>(m_chart->axes(Qt::Horizontal).value(0));
    auto *axisY = qobject_cast<QValueAxis *>(m_chart->axes(Qt::Vertical).value(0));
    if (!axisX || !axisY)
        return;
    const qint64 span = m_to - m_from;
    const QString format = span <= 10 * 60 * 1000 ? u"HH:mm:ss"_s
        : span <= 24 * 60 * 60 * 1000            ? u"HH:mm"_s
                                                 : u"MMM d HH:mm"_s;
    if (axisX->format() != format)
        axisX->setFormat(format);
    const int ticks = std::clamp(int(m_canvas->width() / 110), 2, 10);
    if (axisX->tickCount() != ticks)
        axisX->setTickCount(ticks);
    axisX->setRange(QDateTime::fromMSecsSinceEpoch(m_from), QDateTime::fromMSecsSinceEpoch(m_to));

    axisY->setRange(m_yMin / m_displayScale, m_yMax / m_displayScale);
    // niceRange() ends on whole steps, so its tick count puts labels on round numbers.
    if (axisY->tickCount() != m_yTicks)
        axisY->setTickCount(m_yTicks);
    // As many decimals as the tick step needs (0.25 -> 2), so neighbouring labels differ.
    const double step = (m_yMax - m_yMin) / m_displayScale / std::max(1, m_yTicks - 1);
    int decimals = 0;
    if (step > 0 && std::isfinite(step)) {
        while (decimals < 9 && std::abs(step * std::pow(10.0, decimals)
                                        - std::round(step * std::pow(10.0, decimals)))
                   > 1e-6 * step * std::pow(10.0, decimals))
            ++decimals;
    }
    const QString labelFormat = u"%.%1f"_s.arg(decimals);
    if (axisY->labelFormat() != labelFormat)
        axisY->setLabelFormat(labelFormat);
    if (axisY->titleText() != m_displayUnit.toHtmlEscaped()) // axis titles are HTML too
        axisY->setTitleText(m_displayUnit.toHtmlEscaped());
}

ChartMapping ChartPanel::mapping() const
{
    return m_canvas->mapping();
}

qsizetype ChartPanel::drawnPointCount(const QString &seriesId) const
{
    for (const auto &line : m_lines) {
        if (line->seriesId == seriesId)
            return line->points.size();
    }
    return 0;
}

qsizetype ChartPanel::drawnPointCount() const
{
    qsizetype n = 0;
    for (const auto &line : m_lines)
        n += line->points.size();
    return n;
}

void ChartPanel::setDark(bool dark)
{
    if (dark == m_dark)
        return;
    m_dark = dark;
    applyTheme();
    updateThresholdOverlay();
}

void ChartPanel::setAntialiased(bool on)
{
    m_layer->setAntialiased(on);
    m_layer->update();
}

void ChartPanel::applyTheme()
{
    // setTheme() resets fonts, colours and pens of everything in the chart: reapply ours.
    m_chart->setTheme(m_dark ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    const QPalette pal = palette();
    m_chart->setBackgroundBrush(pal.color(QPalette::Base));
    m_chart->setBackgroundPen(Qt::NoPen);
    m_chart->setPlotAreaBackgroundVisible(false);
    QFont titleFont = font();
    titleFont.setBold(true);
    m_chart->setTitleFont(titleFont);
    m_chart->setTitleBrush(pal.color(QPalette::Text));
    QFont small = font();
    small.setPointSizeF(std::max(7.0, small.pointSizeF() * 0.85));
    m_chart->legend()->setFont(small);
    m_chart->legend()->setLabelColor(pal.color(QPalette::Text));
    const QColor grid = m_dark ? QColor(255, 255, 255, 28) : QColor(0, 0, 0, 24);
    const QColor axisLine = m_dark ? QColor(255, 255, 255, 70) : QColor(0, 0, 0, 70);
    const auto axes = m_chart->axes();
    for (QAbstractAxis *axis : axes) {
        QPen gridPen(grid, 0);
        gridPen.setCosmetic(true);
        axis->setGridLinePen(gridPen);
        QPen linePen(axisLine, 0);
        linePen.setCosmetic(true);
        axis->setLinePen(linePen);
        axis->setLabelsFont(small);
        axis->setLabelsColor(pal.color(QPalette::Text));
        axis->setTitleFont(small);
        axis->setTitleBrush(pal.color(QPalette::Text));
        axis->setMinorGridLineVisible(false);
    }
    const QList<QColor> &colors = lineColors(m_dark);
    for (size_t i = 0; i < m_lines.size(); ++i) {
        Line &line = *m_lines[i];
        line.color = colors[qsizetype(i) % colors.size()];
        QPen pen(line.color, 2);
        line.legendSeries->setPen(pen);
    }
    updateLegendNames();
    connectLegendMarkers();
    for (const auto &line : m_lines)
        styleLegendMarker(*line); // after the legend's label colour, which sets every marker's
    m_chart->legend()->setVisible(!m_lines.empty());
    m_layer->update();
    m_canvas->invalidateChart();
}

void ChartPanel::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    m_resizeHandle->move(width() - m_resizeHandle->width(), height() - m_resizeHandle->height());
    m_resizeHandle->raise();
}

bool ChartPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::ToolTip && watched == m_canvas->viewport()
        && !m_hoveredLegendSeries.isEmpty()) {
        const auto *help = static_cast<QHelpEvent *>(event);
        if (m_canvas->legendRect().contains(help->pos())) {
            QToolTip::showText(help->globalPos(), legendToolTip(m_hoveredLegendSeries),
                               m_canvas->viewport());
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

QRect ChartPanel::headerRect() const
{
    // Before the chart's first layout there is no plot area yet: the title's usual height.
    constexpr int kFallbackHeight = 24;
    // The value axis' top label reaches a little above the plot area; it is not the title.
    constexpr int kAxisLabelRoom = 6;
    const QRectF plot = m_canvas->mapping().plotArea();
    const int height
        = plot.isEmpty() ? kFallbackHeight : std::max(0, int(plot.top()) - kAxisLabelRoom);
    return QRect(m_canvas->geometry().topLeft(), QSize(m_canvas->width(), height));
}

QString ChartPanel::moveHint() const
{
    return tr("Drag the title to move the panel (or use Move panel left / right in the chart "
              "menu)");
}

void ChartPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        applyTheme();
    if (event->type() == QEvent::LanguageChange) {
        m_resizeHandle->setToolTip(tr("Drag to resize the panel (it snaps to the board's grid)"));
        m_resizeHandle->setAccessibleName(tr("Resize the panel"));
        m_canvas->setAccessibleDescription(moveHint());
        // Legend names ("CPU (core 0)") and the threshold's label are made with tr() too; the
        // board's next frame draws them again.
        refreshSeriesInfo();
        updateThresholdOverlay();
    }
    QWidget::changeEvent(event);
}

QString ChartPanel::formatValue(double value) const
{
    // Before the first frame the axis has no unit yet: the value's own (e.g. for an alert
    // raised as the panel is made).
    const auto [scale, unit] = m_displayBuilt ? std::pair { m_displayScale, m_displayUnit }
                                              : displayUnitFor(m_unit, std::abs(value));
    const double shown = value / scale;
    const double magnitude = std::abs(shown);
    const int decimals = magnitude >= 1000 ? 0 : magnitude >= 100 ? 1 : magnitude >= 1 ? 2 : 3;
    const QString number = QLocale().toString(shown, 'f', decimals);
    //: A value and its unit, e.g. "12.50 %" or "1.25 GiB"
    return unit.isEmpty() ? number : tr("%1 %2", "value unit").arg(number, unit);
}

QString ChartPanel::valuesAt(qint64 t) const
{
    if (m_lines.empty())
        return {};
    // A stored point counts as "at" the pointer within a few pixels of it.
    const ChartMapping m = mapping();
    const double tolerance = m.isValid() ? std::max(6.0 * m.msPerPixel(), 1.0)
                                         : double(m_to - m_from) / 100.0;
    const QString format = m_to - m_from <= 24 * 60 * 60 * 1000 ? u"HH:mm:ss"_s
                                                                : u"MMM d HH:mm:ss"_s;
    QStringList rows { QLocale().toString(QDateTime::fromMSecsSinceEpoch(t), format) };
    for (const auto &line : m_lines) {
        if (line->hidden)
            continue;
        const auto s = m_store->nearest(line->seriesId, t);
        const QString value = !s || s->isGap() || std::abs(double(s->t - t)) > tolerance
            //: The value tooltip: no point of this series near the pointer
            ? tr("no data")
            : formatValue(s->value);
        //: The value tooltip: series name, value
        rows.append(tr("%1: %2", "series: value").arg(seriesLabel(line->seriesId), value));
    }
    return rows.join(u'\n');
}

void ChartPanel::setThreshold(std::optional<double> value)
{
    if (value && !std::isfinite(*value))
        value.reset();
    if (value == m_threshold)
        return;
    m_threshold = value;
    m_dataDirty = true; // the value range includes it
    updateThresholdOverlay();
}

void ChartPanel::setStaleSince(std::optional<qint64> t)
{
    m_staleSince = t;
    m_canvas->setNotice(
        t ? //: On a panel whose series stopped reporting; %1 = the time of their last point
            tr("No new data since %1")
                .arg(QDateTime::fromMSecsSinceEpoch(*t).toString(u"HH:mm:ss"_s))
          : QString());
}

void ChartPanel::setThresholdAlert(int side)
{
    m_canvas->setThresholdAlert(side);
}

int ChartPanel::thresholdAlert() const
{
    return m_canvas->overlayState().thresholdAlert;
}

void ChartPanel::updateThresholdOverlay()
{
    const QColor color = m_dark ? QColor(0xff, 0x6b, 0x6b) : QColor(0xc0, 0x1c, 0x28);
    m_canvas->setThreshold(m_threshold,
                           m_threshold
                               //: Label of a panel's threshold line, e.g. "Threshold 80.00 %"
                               ? tr("Threshold %1").arg(formatValue(*m_threshold))
                               : QString(),
                           color);
}

void ChartPanel::setRemoteCursors(const QList<RemoteCursor> &cursors)
{
    m_canvas->setRemoteCursors(cursors);
}

void ChartPanel::setAnnotations(const QList<PanelAnnotation> &annotations)
{
    m_canvas->setAnnotations(annotations);
}

} // namespace wr
