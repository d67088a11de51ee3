#include "metricstore.h"

#include <QLoggingCategory>
#include <QVarLengthArray>
#include <QVariantMap>

using namespace Qt::StringLiterals;

namespace wr {

namespace {
// File-local so that other model files may define their own categories.
Q_LOGGING_CATEGORY(lcMetrics, "watchroom.model.metrics", QtWarningMsg)
} // namespace

struct MetricStore::Series
{
    explicit Series(qsizetype capacity)
        : buffer(capacity)
    { }

    SeriesInfo info;
    TimeSeriesBuffer buffer;
    qsizetype row = 0;
    // Bookkeeping of apply(): serial of the call that created / last touched the series.
    quint64 createdIn = 0;
    quint64 touchedIn = 0;
    bool metadataChanged = false;
    bool pointsChanged = false;
};

namespace {

// Returns true when the entry changed the metadata.
bool mergeMetadata(SeriesInfo &info, const session::MetricSeries &entry)
{
    bool changed = false;
    if (entry.name && *entry.name != info.name) {
        info.name = *entry.name;
        changed = true;
    }
    if (entry.unit && *entry.unit != info.unit) {
        info.unit = *entry.unit;
        changed = true;
    }
    if (entry.labels && *entry.labels != info.labels) {
        info.labels = *entry.labels;
        changed = true;
    }
    return changed;
}

} // namespace

MetricStore::MetricStore(QObject *parent)
    : QAbstractListModel(parent)
{ }

MetricStore::~MetricStore() = default;

bool MetricStore::setCapacity(qsizetype points, QString *error)
{
    const qsizetype clamped = std::clamp<qsizetype>(points, 1, TimeSeriesBuffer::kMaxCapacity);
    if (clamped != points) {
        const QString message = u"metric history capacity of %1 points per series is outside "
                                u"[1, %2]; using %3"_s.arg(points)
                                    .arg(TimeSeriesBuffer::kMaxCapacity)
                                    .arg(clamped);
        qCWarning(lcMetrics).noquote() << message;
        if (error)
            *error = message;
    }
    m_capacity = clamped;
    QVarLengthArray<QString, 16> shrunk;
    for (const auto &series : m_series) {
        const qint64 evictedBefore = series->buffer.evictedTotal();
        series->buffer.setCapacity(clamped);
        if (series->buffer.evictedTotal() != evictedBefore)
            shrunk.append(series->info.id);
    }
    for (const QString &id : shrunk)
        emit pointsAppended(id);
    return clamped == points;
}

void MetricStore::apply(const session::MetricsFrame &frame)
{
    const quint64 serial = ++m_applySerial;
    QVarLengthArray<Series *, 32> resolved; // per frame entry; nullptr: rejected
    resolved.reserve(frame.series.size());
    std::vector<std::unique_ptr<Series>> fresh;
    QHash<QString, Series *> freshById;
    qint64 rejected = 0;

    // Pass 1: resolve ids; new series are created with all the metadata the frame gives them
    // and inserted as one block of rows.
    for (const session::MetricSeries &entry : frame.series) {
        Series *series = find(entry.id);
        if (!series) {
            series = freshById.value(entry.id);
            if (!series) {
                if (entry.id.isEmpty() || entry.id.size() > kMaxIdLength
                    || qsizetype(m_series.size() + fresh.size()) >= kMaxSeries) {
                    ++rejected;
                    resolved.append(nullptr);
                    continue;
                }
                fresh.push_back(std::make_unique<Series>(m_capacity));
                series = fresh.back().get();
                series->info.id = entry.id;
                series->createdIn = serial;
                freshById.insert(entry.id, series);
            }
            mergeMetadata(series->info, entry);
        }
        resolved.append(series);
    }
    if (rejected != 0) {
        m_rejectedSeries += rejected;
        qCWarning(lcMetrics) << "dropped" << rejected << "series of a frame from" << frame.source
                             << "(empty or over-long id, or more than" << kMaxSeries << "series)";
    }
    if (!fresh.empty()) {
        const int first = int(m_series.size());
        beginInsertRows({}, first, first + int(fresh.size()) - 1);
        for (auto &series : fresh) {
            series->row = qsizetype(m_series.size());
            m_index.insert(series->info.id, series->row);
            m_series.push_back(std::move(series));
        }
        endInsertRows();
    }

    // Pass 2: metadata of known series, then points.
    QVarLengthArray<Series *, 32> touched;
    AppendStats frameStats;
    for (qsizetype i = 0; i < frame.series.size(); ++i) {
        Series *series = resolved[i];
        if (!series)
            continue;
        const session::MetricSeries &entry = frame.series[i];
        if (series->touchedIn != serial) {
            series->touchedIn = serial;
            series->metadataChanged = false;
            series->pointsChanged = false;
            touched.append(series);
        }
        if (series->createdIn != serial && mergeMetadata(series->info, entry))
            series->metadataChanged = true;
        if (!entry.points.isEmpty()) {
            const AppendStats stats = series->buffer.append(std::span<const QPair<qint64, double>>(
                entry.points.constData(), entry.points.size()));
            if (stats.changed() != 0 || stats.evicted != 0)
                series->pointsChanged = true;
            frameStats += stats;
        }
    }
    if (frameStats.dropped != 0 || frameStats.invalid != 0) {
        qCDebug(lcMetrics) << "frame from" << frame.source << ":" << frameStats.dropped
                           << "points older than the retained history dropped,"
                           << frameStats.invalid << "invalid";
    }

    // Snapshot first: a slot may call apply() again.
    struct Event
    {
        QString id;
        int row;
        bool added;
        bool metadataChanged;
        bool pointsChanged;
    };
    QVarLengthArray<Event, 32> events;
    for (const Series *series : touched) {
        events.append({ series->info.id, int(series->row), series->createdIn == serial,
                        series->metadataChanged, series->pointsChanged });
    }
    for (const Event &event : events) {
        if (event.added) {
            emit seriesAdded(event.id);
        } else if (event.metadataChanged) {
            emit dataChanged(index(event.row), index(event.row));
            emit metadataChanged(event.id);
        }
        if (event.pointsChanged)
            emit pointsAppended(event.id);
    }
}

MetricStore::Series *MetricStore::find(const QString &id) const
{
    const auto it = m_index.constFind(id);
    return it == m_index.cend() ? nullptr : m_series[size_t(*it)].get();
}

QStringList MetricStore::seriesIds() const
{
    QStringList ids;
    ids.reserve(qsizetype(m_series.size()));
    for (const auto &series : m_series)
        ids.append(series->info.id);
    return ids;
}

std::optional<SeriesInfo> MetricStore::info(const QString &id) const
{
    if (const Series *series = find(id))
        return series->info;
    return std::nullopt;
}

qsizetype MetricStore::size(const QString &id) const
{
    const Series *series = find(id);
    return series ? series->buffer.size() : 0;
}

std::optional<TimeRange> MetricStore::timeRange(const QString &id) const
{
    const Series *series = find(id);
    return series ? series->buffer.timeRange() : std::nullopt;
}

std::optional<Sample> MetricStore::nearest(const QString &id, qint64 t) const
{
    const Series *series = find(id);
    return series ? series->buffer.nearest(t) : std::nullopt;
}

QList<Sample> MetricStore::samples(const QString &id, qint64 from, qint64 to) const
{
    QList<Sample> result;
    const Series *series = find(id);
    if (!series || from >= to)
        return result;
    const TimeSeriesBuffer &buffer = series->buffer;
    const qsizetype end = buffer.lowerBound(to);
    qsizetype i = buffer.lowerBound(from);
    result.reserve(end - i);
    for (; i < end; ++i)
        result.append(buffer.at(i));
    return result;
}

AppendStats MetricStore::stats(const QString &id) const
{
    const Series *series = find(id);
    return series ? series->buffer.totals() : AppendStats {};
}

QList<Sample> MetricStore::reduce(const QString &id, qint64 from, qint64 to, int columns) const
{
    const Series *series = find(id);
    return series ? wr::reduce(series->buffer, from, to, columns) : QList<Sample> {};
}

const TimeSeriesBuffer *MetricStore::buffer(const QString &id) const
{
    const Series *series = find(id);
    return series ? &series->buffer : nullptr;
}

qsizetype MetricStore::allocatedBytes() const
{
    qsizetype bytes = 0;
    for (const auto &series : m_series)
        bytes += series->buffer.allocatedBytes();
    return bytes;
}

int MetricStore::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_series.size());
}

QVariant MetricStore::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const SeriesInfo &info = m_series[size_t(index.row())]->info;
    switch (role) {
    case Qt::DisplayRole:
        return info.name.isEmpty() ? info.id : info.name;
    case IdRole:
        return info.id;
    case NameRole:
        return info.name;
    case UnitRole:
        return info.unit;
    case LabelsRole: {
        QVariantMap labels;
        for (auto it = info.labels.cbegin(); it != info.labels.cend(); ++it)
            labels.insert(it.key(), it.value());
        return labels;
    }
    default:
        return {};
    }
}

QHash<int, QByteArray> MetricStore::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(IdRole, "seriesId"_ba);
    names.insert(NameRole, "name"_ba);
    names.insert(UnitRole, "unit"_ba);
    names.insert(LabelsRole, "labels"_ba);
    return names;
}

} // namespace wr
