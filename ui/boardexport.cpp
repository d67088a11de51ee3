#include "boardexport.h"

#include "metricstore.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QPixmap>
#include <QSaveFile>
#include <QWidget>

#include <algorithm>
#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace wr {

namespace {

QString numberField(double value)
{
    if (std::isnan(value))
        return {};
    return QString::number(value, 'g', QLocale::FloatingPointShortest);
}

QString nameOf(const std::function<QString(const QString &)> &authorName, const QString &id)
{
    return authorName ? authorName(id) : id;
}

} // namespace

QString BoardExport::csvField(const QString &text)
{
    QString field = text;
    // Spreadsheets evaluate a cell starting with one of these as a formula.
    if (!field.isEmpty() && u"=+-@"_s.contains(field.front()))
        field.prepend(u'\'');
    if (field.contains(u',') || field.contains(u'"') || field.contains(u'\n')
        || field.contains(u'\r') || field != text) {
        field.replace(u"\""_s, u"\"\""_s);
        field = u'"' + field + u'"';
    }
    return field;
}

QString BoardExport::isoTime(qint64 ms)
{
    // QDateTime::toString costs ~2 µs; a CSV of a million points asks for a million of them.
    // The date part is formatted by QDateTime once per day, the time of day by hand.
    constexpr qint64 kDay = 24 * 60 * 60 * 1000;
    const qint64 day = ms >= 0 ? ms / kDay : -((-ms + kDay - 1) / kDay);
    thread_local qint64 cachedDay = std::numeric_limits<qint64>::min();
    thread_local QString cachedDate;
    if (day != cachedDay) {
        const QDateTime midnight = QDateTime::fromMSecsSinceEpoch(day * kDay, Qt::UTC);
        if (midnight.date().year() < 0 || midnight.date().year() > 9999)
            return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
        cachedDay = day;
        cachedDate = midnight.toString(u"yyyy-MM-dd'T'"_s);
    }
    qint64 rest = ms - day * kDay;
    const int milli = int(rest % 1000);
    rest /= 1000;
    const int sec = int(rest % 60);
    rest /= 60;
    const int min = int(rest % 60);
    const int hour = int(rest / 60);
    QString out;
    out.reserve(cachedDate.size() + 13);
    out += cachedDate;
    const auto two = [&out](int v) {
        out += QChar(u'0' + v / 10);
        out += QChar(u'0' + v % 10);
    };
    two(hour);
    out += u':';
    two(min);
    out += u':';
    two(sec);
    out += u'.';
    out += QChar(u'0' + milli / 100);
    two(milli % 100);
    out += u'Z';
    return out;
}

namespace {

constexpr qint64 kRowsPerChunk = 8192;

// Appends the rows [begin, end) of one series to `out` (UTF-16; converted per chunk).
void appendRows(QString &out, const QString &prefix, const BoardExport::SeriesData &data,
                qsizetype begin, qsizetype end)
{
    for (qsizetype i = begin; i < end; ++i) {
        const qint64 t = data.times.at(i);
        out += prefix + BoardExport::isoTime(t) + u',' + QString::number(t) + u','
            + numberField(data.values.at(i)) + u"\r\n"_s;
    }
}

const QString kSeriesHeader = u"series_id,series_name,time_iso,time_ms,value\r\n"_s;

} // namespace

QList<BoardExport::SeriesData> BoardExport::snapshot(const MetricStore &store,
                                                     const QList<SeriesRef> &series, qint64 from,
                                                     qint64 to)
{
    // Whole runs of the ring buffer's columns (memcpy), not point by point: a day of 16
    // series is 22 MB and must not hold up the UI thread.
    QList<SeriesData> data;
    data.reserve(series.size());
    for (const SeriesRef &ref : series) {
        SeriesData d { ref.id, ref.name, {}, {} };
        const TimeSeriesBuffer *buffer = store.buffer(ref.id);
        if (buffer && from < to) {
            const qsizetype begin = buffer->lowerBound(from);
            const qsizetype end = buffer->lowerBound(to);
            d.times.resize(end - begin);
            d.values.resize(end - begin);
            qsizetype offset = 0;
            for (const TimeSeriesBuffer::Span &span : buffer->spans(begin, end)) {
                std::copy_n(span.t, span.count, d.times.data() + offset);
                std::copy_n(span.v, span.count, d.values.data() + offset);
                offset += span.count;
            }
        }
        data.append(std::move(d));
    }
    return data;
}

qint64 BoardExport::rowCount(const QList<SeriesData> &data)
{
    qint64 rows = 0;
    for (const SeriesData &d : data)
        rows += d.times.size();
    return rows;
}

QByteArray BoardExport::seriesCsv(const MetricStore &store, const QList<SeriesRef> &series,
                                  qint64 from, qint64 to)
{
    QString out = kSeriesHeader;
    for (const SeriesData &d : snapshot(store, series, from, to)) {
        const QString prefix = csvField(d.id) + u',' + csvField(d.name) + u',';
        out.reserve(out.size() + d.times.size() * (prefix.size() + 48));
        appendRows(out, prefix, d, 0, d.times.size());
    }
    return out.toUtf8();
}

bool BoardExport::writeSeriesCsv(const QString &path, const QList<SeriesData> &data,
                                 QString *error, const std::function<void(qint64)> &progress,
                                 const std::function<bool()> &cancelled)
{
    QSaveFile file(path);
    const auto fail = [&](const QString &reason) {
        file.cancelWriting();
        if (error)
            *error = reason;
        return false;
    };
    if (!file.open(QIODevice::WriteOnly))
        return fail(file.errorString());
    QByteArray header = kSeriesHeader.toUtf8();
    if (file.write(header) != header.size())
        return fail(file.errorString());
    qint64 rows = 0;
    QString chunk;
    for (const SeriesData &d : data) {
        const QString prefix = csvField(d.id) + u',' + csvField(d.name) + u',';
        for (qsizetype begin = 0; begin < d.times.size(); begin += kRowsPerChunk) {
            if (cancelled && cancelled())
                return fail(tr("The export was cancelled."));
            const qsizetype end = std::min<qsizetype>(begin + kRowsPerChunk, d.times.size());
            chunk.clear();
            chunk.reserve((end - begin) * (prefix.size() + 48));
            appendRows(chunk, prefix, d, begin, end);
            const QByteArray bytes = chunk.toUtf8();
            if (file.write(bytes) != bytes.size())
                return fail(file.errorString());
            rows += end - begin;
            if (progress)
                progress(rows);
        }
    }
    if (!file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

QByteArray BoardExport::annotationsCsv(const QList<session::Annotation> &annotations,
                                       const std::function<QString(const QString &)> &authorName)
{
    QString out = u"id,panel,t0_iso,t0_ms,t1_iso,t1_ms,text,tags,color,author_id,author\r\n"_s;
    for (const session::Annotation &a : annotations) {
        const QStringList fields {
            csvField(a.id),
            csvField(a.panel.value_or(QString())),
            isoTime(a.t0),
            QString::number(a.t0),
            a.t1 ? isoTime(*a.t1) : QString(),
            a.t1 ? QString::number(*a.t1) : QString(),
            csvField(a.text),
            csvField(a.tags.join(u' ')),
            csvField(a.color),
            csvField(a.author),
            csvField(nameOf(authorName, a.author)),
        };
        out += fields.join(u',') + u"\r\n"_s;
    }
    return out.toUtf8();
}

QByteArray BoardExport::annotationsJson(const QList<session::Annotation> &annotations,
                                        const QString &board, qint64 exportedAt,
                                        const std::function<QString(const QString &)> &authorName)
{
    QJsonArray list;
    for (const session::Annotation &a : annotations) {
        QJsonObject o;
        o.insert(u"id"_s, a.id);
        o.insert(u"panel"_s, a.panel ? QJsonValue(*a.panel) : QJsonValue(QJsonValue::Null));
        o.insert(u"t0"_s, a.t0);
        o.insert(u"t1"_s, a.t1 ? QJsonValue(*a.t1) : QJsonValue(QJsonValue::Null));
        o.insert(u"text"_s, a.text);
        o.insert(u"tags"_s, QJsonArray::fromStringList(a.tags));
        o.insert(u"color"_s, a.color);
        o.insert(u"author"_s, a.author);
        o.insert(u"authorName"_s, nameOf(authorName, a.author));
        list.append(o);
    }
    QJsonObject root;
    root.insert(u"format"_s, u"watchroom.annotations"_s);
    root.insert(u"version"_s, 1);
    root.insert(u"board"_s, board);
    root.insert(u"exportedAt"_s, exportedAt);
    root.insert(u"annotations"_s, list);
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

bool BoardExport::writeFile(const QString &path, const QByteArray &data, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

bool BoardExport::savePng(QWidget *widget, const QString &path, QString *error)
{
    const QPixmap pixmap = widget ? widget->grab() : QPixmap();
    if (pixmap.isNull()) {
        if (error)
            *error = tr("There is nothing to export.");
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !pixmap.save(&file, "PNG") || !file.commit()) {
        if (error)
            *error = file.errorString().isEmpty() ? tr("The image could not be written.")
                                                  : file.errorString();
        return false;
    }
    return true;
}

} // namespace wr
