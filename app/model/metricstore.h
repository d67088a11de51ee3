#pragma once

#include "reducer.h"
#include "sessionmessages.h"
#include "timeseries.h"

#include <QAbstractListModel>
#include <QHash>
#include <QMap>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <vector>

namespace wr {

struct SeriesInfo
{
    QString id;
    QString name; // empty until a frame names it
    QString unit;
    QMap<QString, QString> labels;
    bool operator==(const SeriesInfo &) const = default;
};

// The client's metric history (DESIGN.md, data flow 1): one bounded columnar ring buffer per
// series (TimeSeriesBuffer), fed by session::MetricsFrame. Also the list model of the series
// the UI shows (one row per series, in order of arrival).
//
// apply() emits each of seriesAdded / metadataChanged / pointsAppended at most once per series
// per call, after the whole frame is stored, in the frame's series order; a new series gets
// seriesAdded (its metadata is already in place), not metadataChanged.
class MetricStore : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        NameRole,
        UnitRole,
        LabelsRole, // QVariantMap
    };

    // A hostile or buggy source must not be able to create series without bound.
    static constexpr qsizetype kMaxSeries = 10000;
    static constexpr qsizetype kMaxIdLength = session::kMaxIdLength;

    explicit MetricStore(QObject *parent = nullptr);
    ~MetricStore() override;

    // Points retained per series (existing and future ones; shrinking evicts the oldest).
    // A request outside [1, TimeSeriesBuffer::kMaxCapacity] is clamped, logged, and reported
    // with false and `error`.
    bool setCapacity(qsizetype points, QString *error = nullptr);
    qsizetype capacity() const { return m_capacity; }

    // Updates metadata where the frame gives it and stores the points (late ones in place).
    void apply(const session::MetricsFrame &frame);

    QStringList seriesIds() const;
    bool contains(const QString &id) const { return m_index.contains(id); }
    std::optional<SeriesInfo> info(const QString &id) const;
    qsizetype size(const QString &id) const;
    std::optional<TimeRange> timeRange(const QString &id) const;
    // For tooltips: the stored point closest in time to t (may be a gap).
    std::optional<Sample> nearest(const QString &id, qint64 t) const;
    // Raw points with from <= t < to.
    QList<Sample> samples(const QString &id, qint64 from, qint64 to) const;
    // Totals since the series appeared: dropped (too old), evicted, invalid, …
    AppendStats stats(const QString &id) const;
    // See wr::reduce(): M4 over time-quantised columns, for drawing [from, to) `columns` wide.
    QList<Sample> reduce(const QString &id, qint64 from, qint64 to, int columns) const;
    // Stable for the store's lifetime once the series exists; nullptr before.
    const TimeSeriesBuffer *buffer(const QString &id) const;

    qint64 rejectedSeries() const { return m_rejectedSeries; }
    qsizetype allocatedBytes() const; // the columns of every series

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

signals:
    void seriesAdded(const QString &id);
    void metadataChanged(const QString &id);
    void pointsAppended(const QString &id); // new, late or replaced points, or evictions

private:
    struct Series;
    Series *find(const QString &id) const;

    std::vector<std::unique_ptr<Series>> m_series; // row order
    QHash<QString, qsizetype> m_index; // id -> row
    qsizetype m_capacity = TimeSeriesBuffer::kDefaultCapacity;
    qint64 m_rejectedSeries = 0;
    quint64 m_applySerial = 0;
};

} // namespace wr
