#include "sessionmessages.h"
#include "overloaded.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace wr::session {

namespace {

// Largest integer a JSON number (IEEE double) carries exactly; times beyond it cannot round-trip.
constexpr double kMaxSafeInteger = 9007199254740991.0;
// Hostile strings are cut short before they are quoted in an error.
constexpr qsizetype kMaxQuotedLength = 64;


QString excerpt(const QString &text)
{
    if (text.size() <= kMaxQuotedLength)
        return text;
    return text.left(kMaxQuotedLength) + u"…"_s;
}

QString at(const QString &path, qsizetype index)
{
    return u"%1[%2]"_s.arg(path, QString::number(index));
}

QString member(const QString &path, QLatin1StringView name)
{
    return path.isEmpty() ? QString(name) : path + u'.' + name;
}

QString member(const QString &path, const QString &name)
{
    return path.isEmpty() ? name : path + u'.' + name;
}

bool isAbsent(const QJsonValue &value)
{
    return value.isUndefined() || value.isNull();
}

// Every reader returns false and sets *error (naming the field by its path) on a bad value.

bool readString(const QJsonValue &value, const QString &path, qsizetype maxLength, QString *out,
                QString *error)
{
    if (!value.isString()) {
        *error = u"'%1' must be a string"_s.arg(path);
        return false;
    }
    *out = value.toString();
    if (out->size() > maxLength) {
        *error = u"'%1' is longer than %2 characters"_s.arg(path, QString::number(maxLength));
        return false;
    }
    // A lone surrogate (from a "\ud800" escape) would not survive re-encoding.
    if (!QStringView(*out).isValidUtf16()) {
        *error = u"'%1' is not valid Unicode"_s.arg(path);
        return false;
    }
    return true;
}

// Absent or null: empty.
bool readOptionalString(const QJsonValue &value, const QString &path, qsizetype maxLength,
                        QString *out, QString *error)
{
    if (isAbsent(value)) {
        out->clear();
        return true;
    }
    return readString(value, path, maxLength, out, error);
}

bool readOptionalString(const QJsonValue &value, const QString &path, qsizetype maxLength,
                        std::optional<QString> *out, QString *error)
{
    if (isAbsent(value)) {
        out->reset();
        return true;
    }
    QString text;
    if (!readString(value, path, maxLength, &text, error))
        return false;
    *out = text;
    return true;
}

bool readId(const QJsonValue &value, const QString &path, QString *out, QString *error)
{
    if (!readString(value, path, kMaxIdLength, out, error))
        return false;
    if (out->isEmpty()) {
        *error = u"'%1' must not be empty"_s.arg(path);
        return false;
    }
    return true;
}

// Absent or null: nullopt.
bool readOptionalId(const QJsonValue &value, const QString &path, std::optional<QString> *out,
                    QString *error)
{
    if (isAbsent(value)) {
        out->reset();
        return true;
    }
    QString id;
    if (!readId(value, path, &id, error))
        return false;
    *out = id;
    return true;
}

std::optional<qint64> timeValue(const QJsonValue &value)
{
    if (!value.isDouble())
        return std::nullopt;
    const double d = value.toDouble();
    if (!std::isfinite(d) || d < 0 || d > kMaxSafeInteger || std::floor(d) != d)
        return std::nullopt;
    return value.toInteger(static_cast<qint64>(d));
}

bool readTime(const QJsonValue &value, const QString &path, qint64 *out, QString *error)
{
    const auto time = timeValue(value);
    if (!time) {
        *error = u"'%1' must be a time: a non-negative integer number of milliseconds"_s.arg(path);
        return false;
    }
    *out = *time;
    return true;
}

bool readOptionalTime(const QJsonValue &value, const QString &path, std::optional<qint64> *out,
                      QString *error)
{
    if (isAbsent(value)) {
        out->reset();
        return true;
    }
    qint64 time = 0;
    if (!readTime(value, path, &time, error))
        return false;
    *out = time;
    return true;
}

bool readNumber(const QJsonValue &value, const QString &path, double *out, QString *error)
{
    if (!value.isDouble() || !std::isfinite(value.toDouble())) {
        *error = u"'%1' must be a finite number"_s.arg(path);
        return false;
    }
    *out = value.toDouble();
    return true;
}

// null is a gap (NaN).
bool readValueOrGap(const QJsonValue &value, const QString &path, double *out, QString *error)
{
    if (value.isNull()) {
        *out = std::numeric_limits<double>::quiet_NaN();
        return true;
    }
    if (!value.isDouble() || !std::isfinite(value.toDouble())) {
        *error = u"'%1' must be a finite number or null"_s.arg(path);
        return false;
    }
    *out = value.toDouble();
    return true;
}

bool readBool(const QJsonValue &value, const QString &path, bool defaultValue, bool *out,
              QString *error)
{
    if (isAbsent(value)) {
        *out = defaultValue;
        return true;
    }
    if (!value.isBool()) {
        *error = u"'%1' must be true or false"_s.arg(path);
        return false;
    }
    *out = value.toBool();
    return true;
}

bool isHexDigit(QChar c)
{
    return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F');
}

bool isColor(const QString &text)
{
    if (text.size() != 7 || text.front() != u'#')
        return false;
    for (qsizetype i = 1; i < text.size(); ++i) {
        if (!isHexDigit(text.at(i)))
            return false;
    }
    return true;
}

// Absent or null: empty (the receiver picks a colour).
bool readOptionalColor(const QJsonValue &value, const QString &path, QString *out, QString *error)
{
    if (isAbsent(value)) {
        out->clear();
        return true;
    }
    if (!value.isString() || !isColor(value.toString())) {
        *error = u"'%1' must be a colour \"#rrggbb\""_s.arg(path);
        return false;
    }
    *out = value.toString();
    return true;
}

bool readClock(const QJsonValue &value, const QString &path, HlcTimestamp *out, QString *error)
{
    const auto clock = value.isString() ? HlcTimestamp::parse(value.toString()) : std::nullopt;
    if (!clock) {
        *error = u"'%1' must be a clock \"<physical ms>:<counter>:<userId>\""_s.arg(path);
        return false;
    }
    if (clock->node.size() > kMaxIdLength) {
        *error = u"'%1' has a userId longer than %2 characters"_s.arg(
            path, QString::number(kMaxIdLength));
        return false;
    }
    *out = *clock;
    return true;
}

bool readArray(const QJsonValue &value, const QString &path, QJsonArray *out, QString *error)
{
    if (!value.isArray()) {
        *error = u"'%1' must be an array"_s.arg(path);
        return false;
    }
    *out = value.toArray();
    return true;
}

bool readObject(const QJsonValue &value, const QString &path, QJsonObject *out, QString *error)
{
    if (!value.isObject()) {
        *error = u"'%1' must be an object"_s.arg(path);
        return false;
    }
    *out = value.toObject();
    return true;
}

bool checkLabel(const QString &key, const QString &labelPath, QString *error)
{
    if (key.isEmpty()) {
        *error = u"'%1' has an empty label name"_s.arg(labelPath);
        return false;
    }
    if (key.size() > kMaxNameLength) {
        *error = u"'%1' has a label name longer than %2 characters"_s.arg(
            labelPath, QString::number(kMaxNameLength));
        return false;
    }
    if (!QStringView(key).isValidUtf16()) {
        *error = u"'%1' has a label name that is not valid Unicode"_s.arg(labelPath);
        return false;
    }
    return true;
}

bool readLabels(const QJsonValue &value, const QString &path,
                std::optional<QMap<QString, QString>> *out, QString *error)
{
    if (isAbsent(value)) {
        out->reset();
        return true;
    }
    QJsonObject object;
    if (!readObject(value, path, &object, error))
        return false;
    if (object.size() > kMaxLabels) {
        *error = u"'%1' has more than %2 labels"_s.arg(path, QString::number(kMaxLabels));
        return false;
    }
    QMap<QString, QString> labels;
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        if (!checkLabel(it.key(), path, error))
            return false;
        QString labelValue;
        if (!readString(it.value(), member(path, it.key()), kMaxNameLength, &labelValue, error))
            return false;
        labels.insert(it.key(), labelValue);
    }
    *out = labels;
    return true;
}

bool checkIncreasing(const QList<QPair<qint64, double>> &points, const QString &seriesId,
                     const QString &path, QString *error)
{
    for (qsizetype i = 1; i < points.size(); ++i) {
        if (points.at(i).first <= points.at(i - 1).first) {
            *error = u"'%1' of series '%2' is not later than the point before it; times must "
                     "increase strictly"_s.arg(at(path, i), excerpt(seriesId));
            return false;
        }
    }
    return true;
}

bool checkUniqueIds(const QList<MetricSeries> &series, QString *error)
{
    QSet<QString> seen;
    seen.reserve(series.size());
    for (const MetricSeries &s : series) {
        if (seen.contains(s.id)) {
            *error = u"series '%1' appears more than once in one frame"_s.arg(excerpt(s.id));
            return false;
        }
        seen.insert(s.id);
    }
    return true;
}

// ---- native metrics ----------------------------------------------------------------------

bool readSeries(const QJsonValue &value, const QString &path, MetricSeries *out, QString *error)
{
    QJsonObject object;
    if (!readObject(value, path, &object, error))
        return false;
    if (!readId(object.value("id"_L1), member(path, "id"_L1), &out->id, error)
        || !readOptionalString(object.value("name"_L1), member(path, "name"_L1), kMaxNameLength,
                               &out->name, error)
        || !readOptionalString(object.value("unit"_L1), member(path, "unit"_L1), kMaxNameLength,
                               &out->unit, error)
        || !readLabels(object.value("labels"_L1), member(path, "labels"_L1), &out->labels, error))
        return false;

    const QString pointsPath = member(path, "points"_L1);
    const QJsonValue pointsValue = object.value("points"_L1);
    if (isAbsent(pointsValue))
        return true; // a frame that only (re)states name, unit or labels
    QJsonArray points;
    if (!readArray(pointsValue, pointsPath, &points, error))
        return false;
    out->points.reserve(points.size());
    // The hot path of client ingest: element paths are only formatted to report an error.
    QString unused;
    for (qsizetype i = 0; i < points.size(); ++i) {
        const QJsonValue pointValue = points.at(i);
        const QJsonArray pair = pointValue.toArray();
        if (!pointValue.isArray() || pair.size() != 2) {
            *error = u"'%1' must be a [t, value] pair"_s.arg(at(pointsPath, i));
            return false;
        }
        qint64 t = 0;
        double v = 0;
        if (!readTime(pair.at(0), QString(), &t, &unused)
            || !readValueOrGap(pair.at(1), QString(), &v, &unused)) {
            const QString pointPath = at(pointsPath, i);
            if (readTime(pair.at(0), at(pointPath, 0), &t, error))
                readValueOrGap(pair.at(1), at(pointPath, 1), &v, error);
            return false;
        }
        out->points.append({ t, v });
    }
    return checkIncreasing(out->points, out->id, pointsPath, error);
}

bool readNativeMetrics(const QJsonObject &object, MetricsFrame *out, QString *error)
{
    if (!readOptionalString(object.value("source"_L1), u"source"_s, kMaxIdLength, &out->source,
                            error))
        return false;
    QJsonArray series;
    if (!readArray(object.value("series"_L1), u"series"_s, &series, error))
        return false;
    out->series.reserve(series.size());
    for (qsizetype i = 0; i < series.size(); ++i) {
        MetricSeries s;
        if (!readSeries(series.at(i), at(u"series"_s, i), &s, error))
            return false;
        out->series.append(std::move(s));
    }
    return checkUniqueIds(out->series, error);
}

// ---- Azure Monitor metrics ---------------------------------------------------------------

// ISO-8601 date-time to epoch ms; a time without an offset is UTC, as Azure Monitor means it.
std::optional<qint64> isoToEpochMs(const QString &text)
{
    const qsizetype timeStart = text.indexOf(u'T', 0, Qt::CaseInsensitive);
    if (text.size() > 64 || timeStart < 0)
        return std::nullopt;
    const QStringView time = QStringView(text).mid(timeStart + 1);
    const bool hasZone
        = time.contains(u'Z') || time.contains(u'z') || time.contains(u'+') || time.contains(u'-');
    // Appending Z (rather than converting a local time) also avoids local DST gaps.
    const QDateTime dateTime
        = QDateTime::fromString(hasZone ? text : text + u'Z', Qt::ISODateWithMs);
    if (!dateTime.isValid())
        return std::nullopt;
    const qint64 ms = dateTime.toMSecsSinceEpoch();
    if (ms < 0 || static_cast<double>(ms) > kMaxSafeInteger)
        return std::nullopt;
    return ms;
}

constexpr std::array<QLatin1StringView, 5> kAggregations { "average"_L1, "minimum"_L1, "maximum"_L1,
                                                           "total"_L1, "count"_L1 };

// A name that is either a string (MetricsQueryClient) or a LocalizableString (REST).
bool readLocalizable(const QJsonValue &value, const QString &path, QString *name,
                     QString *localized, QString *error)
{
    if (value.isString()) {
        *name = value.toString();
        localized->clear();
    } else if (value.isObject()) {
        const QJsonObject object = value.toObject();
        if (!object.value("value"_L1).isString()) {
            *error = u"'%1' must be a string or {\"value\", \"localizedValue\"}"_s.arg(path);
            return false;
        }
        *name = object.value("value"_L1).toString();
        if (!readOptionalString(object.value("localizedValue"_L1),
                                member(path, "localizedValue"_L1), kMaxNameLength, localized,
                                error))
            return false;
    } else {
        *error = u"'%1' must be a string or {\"value\", \"localizedValue\"}"_s.arg(path);
        return false;
    }
    if (name->isEmpty()) {
        *error = u"'%1' must not be empty"_s.arg(path);
        return false;
    }
    if (name->size() > kMaxNameLength) {
        *error = u"'%1' is longer than %2 characters"_s.arg(path, QString::number(kMaxNameLength));
        return false;
    }
    if (!QStringView(*name).isValidUtf16()) {
        *error = u"'%1' is not valid Unicode"_s.arg(path);
        return false;
    }
    return true;
}

// metadatavalues (REST), metadataValues (JS SDK: names are strings) or metadata_values (Python
// SDK: an object).
bool readDimensions(const QJsonObject &timeseries, const QString &path, QMap<QString, QString> *out,
                    QString *error)
{
    QLatin1StringView key;
    for (QLatin1StringView candidate :
         { "metadatavalues"_L1, "metadataValues"_L1, "metadata_values"_L1 }) {
        if (!isAbsent(timeseries.value(candidate))) {
            key = candidate;
            break;
        }
    }
    if (key.isEmpty())
        return true;
    const QString dimsPath = member(path, key);
    const QJsonValue dims = timeseries.value(key);
    if (dims.isObject()) {
        std::optional<QMap<QString, QString>> labels;
        if (!readLabels(dims, dimsPath, &labels, error))
            return false;
        *out = *labels;
        return true;
    }
    QJsonArray array;
    if (!readArray(dims, dimsPath, &array, error))
        return false;
    if (array.size() > kMaxLabels) {
        *error = u"'%1' has more than %2 dimensions"_s.arg(dimsPath, QString::number(kMaxLabels));
        return false;
    }
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString dimPath = at(dimsPath, i);
        QJsonObject dim;
        if (!readObject(array.at(i), dimPath, &dim, error))
            return false;
        QString name;
        QString localized;
        QString dimValue;
        if (!readLocalizable(dim.value("name"_L1), member(dimPath, "name"_L1), &name, &localized,
                             error)
            || !readOptionalString(dim.value("value"_L1), member(dimPath, "value"_L1),
                                   kMaxNameLength, &dimValue, error))
            return false;
        out->insert(name, dimValue);
    }
    return true;
}

// "azure/<metric>[/<dimension>=<value>…]", dimensions sorted by name.
QString azureSeriesPrefix(const QString &metric, const QMap<QString, QString> &dimensions)
{
    QString prefix = u"azure/"_s + metric;
    for (auto it = dimensions.constBegin(); it != dimensions.constEnd(); ++it)
        prefix += u'/' + it.key() + u'=' + it.value();
    return prefix;
}

QString azureSeriesId(const QString &prefix, QLatin1StringView aggregation)
{
    const QString id = prefix + u'/' + aggregation;
    if (id.size() <= kMaxIdLength)
        return id;
    // Stable and within the id limit, at the cost of readability.
    const QByteArray digest
        = QCryptographicHash::hash(id.toUtf8(), QCryptographicHash::Sha256).toHex().left(32);
    return u"azure/~"_s + QString::fromLatin1(digest) + u'/' + aggregation;
}

bool readAzureTimeseries(const QJsonValue &value, const QString &path, const QString &metric,
                         const QString &displayName, const std::optional<QString> &unit,
                         QList<MetricSeries> *out, QString *error)
{
    QJsonObject timeseries;
    if (!readObject(value, path, &timeseries, error))
        return false;
    QMap<QString, QString> dimensions;
    if (!readDimensions(timeseries, path, &dimensions, error))
        return false;

    const QJsonValue dataValue = timeseries.value("data"_L1);
    if (isAbsent(dataValue))
        return true;
    const QString dataPath = member(path, "data"_L1);
    QJsonArray data;
    if (!readArray(dataValue, dataPath, &data, error))
        return false;

    const QString prefix = azureSeriesPrefix(metric, dimensions);
    QList<qint64> times;
    times.reserve(data.size());
    std::array<QList<double>, kAggregations.size()> values;
    std::array<bool, kAggregations.size()> present {};
    for (qsizetype i = 0; i < data.size(); ++i) {
        const QString pointPath = at(dataPath, i);
        QJsonObject point;
        if (!readObject(data.at(i), pointPath, &point, error))
            return false;
        const QLatin1StringView timeKey
            = point.contains("timeStamp"_L1) ? "timeStamp"_L1 : "timestamp"_L1;
        const QJsonValue timeValue = point.value(timeKey);
        const auto ms = timeValue.isString() ? isoToEpochMs(timeValue.toString()) : std::nullopt;
        if (!ms) {
            *error = u"'%1' must be an ISO-8601 date-time"_s.arg(member(pointPath, timeKey));
            return false;
        }
        if (!times.isEmpty() && *ms <= times.constLast()) {
            *error = u"'%1' of series '%2' is not later than the point before it; times must "
                     "increase strictly"_s.arg(member(pointPath, timeKey), excerpt(prefix));
            return false;
        }
        times.append(*ms);
        for (size_t a = 0; a < kAggregations.size(); ++a) {
            const QJsonValue aggregate = point.value(kAggregations[a]);
            double v = std::numeric_limits<double>::quiet_NaN();
            if (!aggregate.isUndefined()
                && !readValueOrGap(aggregate, member(pointPath, kAggregations[a]), &v, error))
                return false;
            if (!std::isnan(v))
                present[a] = true;
            values[a].append(v);
        }
    }

    for (size_t a = 0; a < kAggregations.size(); ++a) {
        if (!present[a])
            continue;
        MetricSeries series;
        series.id = azureSeriesId(prefix, kAggregations[a]);
        series.name = displayName;
        series.unit = unit;
        series.labels = dimensions;
        series.points.reserve(times.size());
        for (qsizetype i = 0; i < times.size(); ++i)
            series.points.append({ times.at(i), values[a].at(i) });
        out->append(std::move(series));
    }
    return true;
}

bool readAzureMetric(const QJsonValue &value, const QString &path, QList<MetricSeries> *out,
                     QString *error)
{
    QJsonObject metric;
    if (!readObject(value, path, &metric, error))
        return false;
    QString name;
    QString localized;
    std::optional<QString> unit;
    if (!readLocalizable(metric.value("name"_L1), member(path, "name"_L1), &name, &localized, error)
        || !readOptionalString(metric.value("unit"_L1), member(path, "unit"_L1), kMaxNameLength,
                               &unit, error))
        return false;
    const QJsonValue timeseriesValue = metric.value("timeseries"_L1);
    if (isAbsent(timeseriesValue))
        return true; // a metadata result, or a metric with an errorCode
    const QString timeseriesPath = member(path, "timeseries"_L1);
    QJsonArray timeseries;
    if (!readArray(timeseriesValue, timeseriesPath, &timeseries, error))
        return false;
    const QString displayName = localized.isEmpty() ? name : localized;
    for (qsizetype i = 0; i < timeseries.size(); ++i) {
        if (!readAzureTimeseries(timeseries.at(i), at(timeseriesPath, i), name, displayName, unit,
                                 out, error))
            return false;
    }
    return true;
}

bool readAzureMetrics(const QJsonObject &object, MetricsFrame *out, QString *error)
{
    const QJsonValue timestamp = object.value("timestamp"_L1);
    if (!timestamp.isUndefined() && !(timestamp.isString() && isoToEpochMs(timestamp.toString()))) {
        *error = u"'timestamp' must be an ISO-8601 date-time"_s;
        return false;
    }
    if (!readOptionalString(object.value("source"_L1), u"source"_s, kMaxIdLength, &out->source,
                            error))
        return false;
    if (out->source.isEmpty())
        out->source = u"azure-monitor"_s;
    QJsonObject data;
    if (!readObject(object.value("data"_L1), u"data"_s, &data, error))
        return false;

    // REST (Metrics - List) has "value"; the MetricsQueryClient result has "metrics".
    QLatin1StringView listKey;
    if (data.contains("value"_L1))
        listKey = "value"_L1;
    else if (data.contains("metrics"_L1))
        listKey = "metrics"_L1;
    else {
        *error = u"'data' must have a 'value' (Azure Monitor REST) or 'metrics' "
                 "(MetricsQueryClient) array"_s;
        return false;
    }
    const QString listPath = member(u"data"_s, listKey);
    QJsonArray metrics;
    if (!readArray(data.value(listKey), listPath, &metrics, error))
        return false;
    for (qsizetype i = 0; i < metrics.size(); ++i) {
        if (!readAzureMetric(metrics.at(i), at(listPath, i), &out->series, error))
            return false;
    }
    return checkUniqueIds(out->series, error);
}

// ---- presence ----------------------------------------------------------------------------

QLatin1StringView stateName(PresenceState state)
{
    switch (state) {
    case PresenceState::Active:
        return "active"_L1;
    case PresenceState::Idle:
        return "idle"_L1;
    case PresenceState::Away:
        return "away"_L1;
    }
    return "active"_L1;
}

bool readState(const QJsonValue &value, PresenceState *out, QString *error)
{
    if (isAbsent(value)) {
        *out = PresenceState::Active;
        return true;
    }
    for (PresenceState state :
         { PresenceState::Active, PresenceState::Idle, PresenceState::Away }) {
        if (value.isString() && value.toString() == stateName(state)) {
            *out = state;
            return true;
        }
    }
    *error = u"'state' must be \"active\", \"idle\" or \"away\""_s;
    return false;
}

bool readView(const QJsonValue &value, std::optional<View> *out, QString *error)
{
    if (isAbsent(value)) {
        out->reset();
        return true;
    }
    QJsonObject object;
    if (!readObject(value, u"view"_s, &object, error))
        return false;
    View view;
    std::optional<QString> panel;
    if (!readOptionalId(object.value("panel"_L1), u"view.panel"_s, &panel, error)
        || !readOptionalTime(object.value("from"_L1), u"view.from"_s, &view.from, error)
        || !readOptionalTime(object.value("to"_L1), u"view.to"_s, &view.to, error))
        return false;
    view.panel = panel.value_or(QString());
    if (view.from && view.to && *view.to < *view.from) {
        *error = u"'view.to' must not be before 'view.from'"_s;
        return false;
    }
    *out = view;
    return true;
}

bool readHello(const QJsonObject &object, Hello *out, QString *error)
{
    return readOptionalString(object.value("name"_L1), u"name"_s, kMaxNameLength, &out->name, error)
        && readOptionalColor(object.value("color"_L1), u"color"_s, &out->color, error)
        && readOptionalString(object.value("client"_L1), u"client"_s, kMaxNameLength, &out->client,
                              error);
}

bool readPresence(const QJsonObject &object, Presence *out, QString *error)
{
    return readOptionalString(object.value("name"_L1), u"name"_s, kMaxNameLength, &out->name, error)
        && readOptionalColor(object.value("color"_L1), u"color"_s, &out->color, error)
        && readState(object.value("state"_L1), &out->state, error)
        && readView(object.value("view"_L1), &out->view, error)
        && readBool(object.value("followable"_L1), u"followable"_s, true, &out->followable, error);
}

bool readCursor(const QJsonObject &object, Cursor *out, QString *error)
{
    if (!readOptionalId(object.value("panel"_L1), u"panel"_s, &out->panel, error))
        return false;
    if (!out->panel)
        return true; // the pointer left the charts: t and y mean nothing
    return readTime(object.value("t"_L1), u"t"_s, &out->t, error)
        && readNumber(object.value("y"_L1), u"y"_s, &out->y, error);
}

// ---- annotations -------------------------------------------------------------------------

bool readTags(const QJsonValue &value, const QString &path, QStringList *out, QString *error)
{
    out->clear();
    if (isAbsent(value))
        return true;
    QJsonArray tags;
    if (!readArray(value, path, &tags, error))
        return false;
    if (tags.size() > kMaxTags) {
        *error = u"'%1' has more than %2 tags"_s.arg(path, QString::number(kMaxTags));
        return false;
    }
    for (qsizetype i = 0; i < tags.size(); ++i) {
        QString tag;
        if (!readString(tags.at(i), at(path, i), kMaxTagLength, &tag, error))
            return false;
        if (tag.isEmpty()) {
            *error = u"'%1' must not be empty"_s.arg(at(path, i));
            return false;
        }
        out->append(tag);
    }
    return true;
}

// The content of a put (everything but id, clock, author, deleted).
bool readAnnotationContent(const QJsonObject &object, const QString &path, Annotation *out,
                           QString *error)
{
    if (!readOptionalId(object.value("panel"_L1), member(path, "panel"_L1), &out->panel, error)
        || !readTime(object.value("t0"_L1), member(path, "t0"_L1), &out->t0, error)
        || !readOptionalTime(object.value("t1"_L1), member(path, "t1"_L1), &out->t1, error)
        || !readOptionalString(object.value("text"_L1), member(path, "text"_L1), kMaxTextLength,
                               &out->text, error)
        || !readTags(object.value("tags"_L1), member(path, "tags"_L1), &out->tags, error)
        || !readOptionalColor(object.value("color"_L1), member(path, "color"_L1), &out->color,
                              error))
        return false;
    if (out->t1 && *out->t1 < out->t0) {
        *error
            = u"'%1' must not be before '%2'"_s.arg(member(path, "t1"_L1), member(path, "t0"_L1));
        return false;
    }
    return true;
}

bool readAnnotationOp(const QJsonObject &object, AnnotationOp *out, QString *error)
{
    const QJsonValue op = object.value("op"_L1);
    if (op == QJsonValue("put"_L1))
        out->kind = AnnotationOp::Kind::Put;
    else if (op == QJsonValue("delete"_L1))
        out->kind = AnnotationOp::Kind::Delete;
    else {
        *error = u"'op' must be \"put\" or \"delete\""_s;
        return false;
    }
    Annotation &a = out->annotation;
    if (!readId(object.value("id"_L1), u"id"_s, &a.id, error)
        || !readClock(object.value("clock"_L1), u"clock"_s, &a.clock, error))
        return false;
    if (out->kind == AnnotationOp::Kind::Delete) {
        a.deleted = true;
        return true;
    }
    // The author is whoever the hub says sent the op, never a field of it.
    return readAnnotationContent(object, QString(), &a, error);
}

bool readSnapshot(const QJsonObject &object, Snapshot *out, QString *error)
{
    QJsonArray annotations;
    if (!readArray(object.value("annotations"_L1), u"annotations"_s, &annotations, error))
        return false;
    out->annotations.reserve(annotations.size());
    for (qsizetype i = 0; i < annotations.size(); ++i) {
        const QString path = at(u"annotations"_s, i);
        QJsonObject entry;
        if (!readObject(annotations.at(i), path, &entry, error))
            return false;
        Annotation a;
        if (!readId(entry.value("id"_L1), member(path, "id"_L1), &a.id, error)
            || !readClock(entry.value("clock"_L1), member(path, "clock"_L1), &a.clock, error)
            || !readOptionalString(entry.value("author"_L1), member(path, "author"_L1),
                                   kMaxIdLength, &a.author, error)
            || !readBool(entry.value("deleted"_L1), member(path, "deleted"_L1), false, &a.deleted,
                         error))
            return false;
        // A tombstone needs no content.
        if (!a.deleted && !readAnnotationContent(entry, path, &a, error))
            return false;
        out->annotations.append(std::move(a));
    }
    return true;
}

// ---- encoding ----------------------------------------------------------------------------

QJsonValue optionalString(const std::optional<QString> &value)
{
    return value ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
}

QJsonValue optionalTime(const std::optional<qint64> &value)
{
    return value ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
}

void insertIfNotEmpty(QJsonObject &object, QLatin1StringView key, const QString &value)
{
    if (!value.isEmpty())
        object.insert(key, value);
}

QJsonObject envelope(QLatin1StringView type)
{
    return QJsonObject { { u"type"_s, QString(type) }, { u"v"_s, kVersion } };
}

QJsonObject encodeSeries(const MetricSeries &series)
{
    QJsonObject object { { u"id"_s, series.id } };
    if (series.name)
        object.insert("name"_L1, *series.name);
    if (series.unit)
        object.insert("unit"_L1, *series.unit);
    if (series.labels) {
        QJsonObject labels;
        for (auto it = series.labels->constBegin(); it != series.labels->constEnd(); ++it)
            labels.insert(it.key(), it.value());
        object.insert("labels"_L1, labels);
    }
    QJsonArray points;
    for (const auto &[t, v] : series.points)
        points.append(QJsonArray { t, std::isfinite(v) ? QJsonValue(v) : QJsonValue() });
    object.insert("points"_L1, points);
    return object;
}

QJsonObject encodeAnnotation(const Annotation &a, bool withAuthor)
{
    QJsonObject object { { u"id"_s, a.id }, { u"clock"_s, a.clock.toString() } };
    if (withAuthor) {
        object.insert("author"_L1, a.author);
        object.insert("deleted"_L1, a.deleted);
        if (a.deleted)
            return object;
    }
    object.insert("panel"_L1, optionalString(a.panel));
    object.insert("t0"_L1, a.t0);
    object.insert("t1"_L1, optionalTime(a.t1));
    object.insert("text"_L1, a.text);
    object.insert("tags"_L1, QJsonArray::fromStringList(a.tags));
    insertIfNotEmpty(object, "color"_L1, a.color);
    return object;
}

qsizetype compactSize(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact).size();
}

} // namespace

bool isValidBoardName(const QString &board)
{
    if (board.isEmpty() || board.size() > 64)
        return false;
    for (QChar c : board) {
        const bool ok = (c >= u'A' && c <= u'Z') || (c >= u'a' && c <= u'z')
            || (c >= u'0' && c <= u'9') || c == u'_' || c == u'.' || c == u'-';
        if (!ok)
            return false;
    }
    return true;
}

QString metricsGroup(const QString &board)
{
    return board + ".metrics"_L1;
}

QString presenceGroup(const QString &board)
{
    return board + ".presence"_L1;
}

QString annotationsGroup(const QString &board)
{
    return board + ".annotations"_L1;
}

QStringList webPubSubRolesFor(const QString &role, const QString &board)
{
    if (!isValidBoardName(board))
        return {};
    const QString join = u"webpubsub.joinLeaveGroup"_s;
    const QString send = u"webpubsub.sendToGroup"_s;
    const QString sendPresence = send + u'.' + presenceGroup(board);
    if (role == "viewer"_L1)
        return { join, sendPresence };
    if (role == "annotator"_L1)
        return { join, sendPresence, send + u'.' + annotationsGroup(board) };
    if (role == "source"_L1)
        return { send + u'.' + metricsGroup(board) };
    if (role == "admin"_L1)
        return { join, send };
    return {};
}

// ---- HlcTimestamp ------------------------------------------------------------------------

std::optional<HlcTimestamp> HlcTimestamp::parse(QStringView text)
{
    const qsizetype first = text.indexOf(u':');
    const qsizetype second = first < 0 ? -1 : text.indexOf(u':', first + 1);
    if (second < 0)
        return std::nullopt;
    const QStringView physical = text.first(first);
    const QStringView counter = text.sliced(first + 1, second - first - 1);
    const QStringView node = text.sliced(second + 1);
    // Digits only: no sign, no spaces, nothing toLongLong would forgive.
    const auto digitsOnly = [](QStringView s) {
        return !s.isEmpty()
            && std::all_of(s.begin(), s.end(), [](QChar c) { return c >= u'0' && c <= u'9'; });
    };
    if (!digitsOnly(physical) || !digitsOnly(counter) || node.isEmpty())
        return std::nullopt;
    bool physicalOk = false;
    bool counterOk = false;
    HlcTimestamp result;
    result.physicalMs = physical.toLongLong(&physicalOk);
    result.counter = counter.toUInt(&counterOk);
    if (!physicalOk || !counterOk)
        return std::nullopt; // overflow
    result.node = node.toString();
    return result;
}

QString HlcTimestamp::toString() const
{
    return u"%1:%2:%3"_s.arg(QString::number(physicalMs), QString::number(counter), node);
}

std::strong_ordering HlcTimestamp::operator<=>(const HlcTimestamp &other) const
{
    if (const auto c = physicalMs <=> other.physicalMs; c != 0)
        return c;
    if (const auto c = counter <=> other.counter; c != 0)
        return c;
    return QString::compare(node, other.node, Qt::CaseSensitive) <=> 0;
}

// ---- MetricSeries ------------------------------------------------------------------------

bool MetricSeries::operator==(const MetricSeries &other) const
{
    if (id != other.id || name != other.name || unit != other.unit || labels != other.labels
        || points.size() != other.points.size())
        return false;
    for (qsizetype i = 0; i < points.size(); ++i) {
        const auto &[t, v] = points.at(i);
        const auto &[otherT, otherV] = other.points.at(i);
        if (t != otherT)
            return false;
        if (std::isnan(v) ? !std::isnan(otherV) : v != otherV)
            return false;
    }
    return true;
}

// ---- decode / encode ---------------------------------------------------------------------

DecodeResult decode(const QJsonValue &data)
{
    DecodeResult result;
    if (!data.isObject()) {
        result.error = u"session message must be a JSON object"_s;
        return result;
    }
    const QJsonObject object = data.toObject();
    const QJsonValue typeValue = object.value("type"_L1);
    if (!typeValue.isString()) {
        result.error = u"'type' must be a string"_s;
        return result;
    }
    const QString type = typeValue.toString();

    // A missing "v" is version 1; unknown fields are ignored, but a newer version is not ours.
    const QJsonValue version = object.value("v"_L1);
    if (!version.isUndefined()) {
        const double v = version.toDouble(); // 0 for a non-number
        if (!version.isDouble() || std::floor(v) != v || v < kVersion) {
            result.error = u"'v' must be the integer %1"_s.arg(kVersion);
            return result;
        }
        if (v > kVersion) {
            result.error
                = u"unsupported version %1 ('v') of '%2'; this build speaks version %3"_s.arg(
                    QString::number(v, 'g', 17), excerpt(type), QString::number(kVersion));
            return result;
        }
    }

    QString error;
    const auto accept = [&](auto message, bool ok) {
        if (ok)
            result.message = std::move(message);
        else
            result.error = error;
        return result;
    };
    if (type == "metrics"_L1) {
        MetricsFrame m;
        const bool azure = !object.contains("series"_L1) && object.contains("data"_L1);
        const bool ok
            = azure ? readAzureMetrics(object, &m, &error) : readNativeMetrics(object, &m, &error);
        return accept(std::move(m), ok);
    }
    if (type == "hello"_L1) {
        Hello m;
        const bool ok = readHello(object, &m, &error);
        return accept(std::move(m), ok);
    }
    if (type == "presence"_L1) {
        Presence m;
        const bool ok = readPresence(object, &m, &error);
        return accept(std::move(m), ok);
    }
    if (type == "cursor"_L1) {
        Cursor m;
        const bool ok = readCursor(object, &m, &error);
        return accept(std::move(m), ok);
    }
    if (type == "bye"_L1)
        return accept(Bye {}, true);
    if (type == "sync-request"_L1)
        return accept(SyncRequest {}, true);
    if (type == "annotation"_L1) {
        AnnotationOp m;
        const bool ok = readAnnotationOp(object, &m, &error);
        return accept(std::move(m), ok);
    }
    if (type == "snapshot"_L1) {
        Snapshot m;
        const bool ok = readSnapshot(object, &m, &error);
        return accept(std::move(m), ok);
    }
    result.error = u"unknown session message type '%1'"_s.arg(excerpt(type));
    return result;
}

DecodeResult decode(const QByteArray &json)
{
    DecodeResult result;
    if (json.size() > kMaxMetricsFrameBytes) {
        result.error = u"message is larger than %1 bytes"_s.arg(kMaxMetricsFrameBytes);
        return result;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        result.error = u"invalid JSON at offset %1: %2"_s.arg(QString::number(parseError.offset),
                                                              parseError.errorString());
        return result;
    }
    if (!doc.isObject()) {
        result.error = u"session message must be a JSON object"_s;
        return result;
    }
    const QJsonObject object = doc.object();
    if (json.size() > kMaxMessageBytes && object.value("type"_L1) != QJsonValue("metrics"_L1)) {
        const QJsonValue type = object.value("type"_L1);
        result.error = u"a '%1' message is larger than %2 bytes"_s.arg(
            excerpt(type.isString() ? type.toString() : u"?"_s), QString::number(kMaxMessageBytes));
        return result;
    }
    return decode(QJsonValue(object));
}

QJsonObject encode(const Message &message)
{
    return std::visit(
        Overloaded {
            [](const MetricsFrame &m) {
                QJsonObject o = envelope("metrics"_L1);
                insertIfNotEmpty(o, "source"_L1, m.source);
                QJsonArray series;
                for (const MetricSeries &s : m.series)
                    series.append(encodeSeries(s));
                o.insert("series"_L1, series);
                return o;
            },
            [](const Hello &m) {
                QJsonObject o = envelope("hello"_L1);
                insertIfNotEmpty(o, "name"_L1, m.name);
                insertIfNotEmpty(o, "color"_L1, m.color);
                insertIfNotEmpty(o, "client"_L1, m.client);
                return o;
            },
            [](const Presence &m) {
                QJsonObject o = envelope("presence"_L1);
                insertIfNotEmpty(o, "name"_L1, m.name);
                insertIfNotEmpty(o, "color"_L1, m.color);
                o.insert("state"_L1, QString(stateName(m.state)));
                if (m.view) {
                    o.insert("view"_L1,
                             QJsonObject { { u"panel"_s,
                                             m.view->panel.isEmpty() ? QJsonValue()
                                                                     : QJsonValue(m.view->panel) },
                                           { u"from"_s, optionalTime(m.view->from) },
                                           { u"to"_s, optionalTime(m.view->to) } });
                }
                o.insert("followable"_L1, m.followable);
                return o;
            },
            [](const Cursor &m) {
                QJsonObject o = envelope("cursor"_L1);
                o.insert("panel"_L1, optionalString(m.panel));
                if (m.panel) {
                    o.insert("t"_L1, m.t);
                    o.insert("y"_L1, m.y);
                }
                return o;
            },
            [](const Bye &) { return envelope("bye"_L1); },
            [](const SyncRequest &) { return envelope("sync-request"_L1); },
            [](const AnnotationOp &m) {
                QJsonObject o = envelope("annotation"_L1);
                if (m.kind == AnnotationOp::Kind::Delete) {
                    o.insert("op"_L1, u"delete"_s);
                    o.insert("id"_L1, m.annotation.id);
                    o.insert("clock"_L1, m.annotation.clock.toString());
                    return o;
                }
                const QJsonObject content = encodeAnnotation(m.annotation, false);
                for (auto it = content.constBegin(); it != content.constEnd(); ++it)
                    o.insert(it.key(), it.value());
                o.insert("op"_L1, u"put"_s);
                return o;
            },
            [](const Snapshot &m) {
                QJsonObject o = envelope("snapshot"_L1);
                QJsonArray annotations;
                for (const Annotation &a : m.annotations)
                    annotations.append(encodeAnnotation(a, true));
                o.insert("annotations"_L1, annotations);
                return o;
            },
        },
        message);
}

QList<Snapshot> splitSnapshot(const Snapshot &snapshot, qsizetype maxBytes)
{
    const qsizetype emptySize = compactSize(encode(Snapshot {}));
    QList<Snapshot> chunks(1);
    qsizetype size = emptySize;
    for (const Annotation &a : snapshot.annotations) {
        // The array grows by the item and, after the first, a comma.
        const qsizetype growth = compactSize(encodeAnnotation(a, true))
            + (chunks.constLast().annotations.isEmpty() ? 0 : 1);
        if (!chunks.constLast().annotations.isEmpty() && size + growth > maxBytes) {
            chunks.append(Snapshot {});
            size = emptySize;
            size += growth - 1;
        } else {
            size += growth;
        }
        chunks.last().annotations.append(a);
    }
    return chunks;
}

} // namespace wr::session
